// smr roll --script files: what parses, and what each mistake says.

#include "cli/session_script.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace smr::cli {
namespace {

TEST(SessionScriptTest, ParsesTimesInputsAndArguments) {
  const auto lines = parse_session_script(
      "# a demo\n"
      "\n"
      "12 pause\n"
      "14.5 resume   # comment after an input\n"
      "30 check-in 5\n"
      "31 check-in 8 sharp\n"
      "40 extend\n"
      "41 skip-phase\n"
      "42 skip-step\n"
      "43 back\n"
      "50 red-flag calf-swelling\n"
      "60 stop\n");
  ASSERT_TRUE(lines) << lines.error();
  ASSERT_EQ(lines->size(), 10u);
  EXPECT_EQ((*lines)[0].at_ms, 12000);
  EXPECT_EQ((*lines)[0].input.kind, core::InputKind::kPause);
  EXPECT_EQ((*lines)[0].line, 3);
  EXPECT_EQ((*lines)[1].at_ms, 14500);
  EXPECT_EQ((*lines)[1].input.kind, core::InputKind::kResume);
  EXPECT_EQ((*lines)[2].input.kind, core::InputKind::kCheckIn);
  EXPECT_EQ((*lines)[2].input.check_in.intensity, 5);
  EXPECT_EQ((*lines)[2].input.check_in.quality, core::Quality::kPressure);
  EXPECT_EQ((*lines)[3].input.check_in.intensity, 8);
  EXPECT_EQ((*lines)[3].input.check_in.quality, core::Quality::kSharp);
  EXPECT_EQ((*lines)[4].input.kind, core::InputKind::kExtendHold);
  EXPECT_EQ((*lines)[5].input.kind, core::InputKind::kSkipPhase);
  EXPECT_EQ((*lines)[6].input.kind, core::InputKind::kSkipStep);
  EXPECT_EQ((*lines)[7].input.kind, core::InputKind::kBack);
  EXPECT_EQ((*lines)[8].input.kind, core::InputKind::kRedFlag);
  EXPECT_EQ((*lines)[8].input.red_flag, "calf-swelling");
  EXPECT_EQ((*lines)[9].input.kind, core::InputKind::kStop);
}

TEST(SessionScriptTest, EmptyScriptHasNoInputs) {
  const auto lines = parse_session_script("# nothing\n\n");
  ASSERT_TRUE(lines);
  EXPECT_TRUE(lines->empty());
}

TEST(SessionScriptTest, UnknownInputNamesTheLineAndTheChoices) {
  const auto lines = parse_session_script("1 pause\n2 chek-in 5\n");
  ASSERT_FALSE(lines);
  EXPECT_EQ(lines.error(),
            "line 2: \"chek-in\" is not an input; use pause, resume, skip-phase, skip-step, extend, back, stop, "
            "check-in <0-10> [quality] or red-flag <id>");
}

TEST(SessionScriptTest, TimeMustBeANonNegativeDecimal) {
  EXPECT_EQ(parse_session_script("-3 pause\n").error(),
            "line 1: \"-3\" is not a time; start the line with seconds, e.g. 12.5");
  EXPECT_EQ(parse_session_script("1e3 pause\n").error(),
            "line 1: \"1e3\" is not a time; start the line with seconds, e.g. 12.5");
}

TEST(SessionScriptTest, LinesOutOfTimeOrderAreRefused) {
  EXPECT_EQ(parse_session_script("10 pause\n5 resume\n").error(),
            "line 2: time 5 s is before the previous line's; keep lines in time order");
}

TEST(SessionScriptTest, CheckInIntensityMustBeZeroToTen) {
  EXPECT_EQ(parse_session_script("1 check-in 11\n").error(),
            "line 1: \"11\" is not an intensity; use a whole number from 0 to 10");
  EXPECT_EQ(parse_session_script("1 check-in\n").error(),
            "line 1: check-in needs an intensity from 0 to 10, e.g. check-in 5");
}

TEST(SessionScriptTest, UnknownQualityListsTheValidOnes) {
  const auto r = parse_session_script("1 check-in 5 ouch\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rfind("line 1: \"ouch\" is not a quality; use \"pressure\", \"ache\"", 0), 0u) << r.error();
}

TEST(SessionScriptTest, ExtraWordsAreRefused) {
  EXPECT_EQ(parse_session_script("1 pause now\n").error(), "line 1: unexpected \"now\" after pause");
  EXPECT_EQ(parse_session_script("1 check-in 5 ache loudly\n").error(), "line 1: unexpected \"loudly\" after check-in");
}

TEST(SessionScriptTest, TimeWithoutInputIsRefused) {
  EXPECT_EQ(parse_session_script("12\n").error(),
            "line 1: an input is missing after the time; use pause, resume, skip-phase, skip-step, extend, back, "
            "stop, check-in <0-10> [quality] or red-flag <id>");
}

// Issue 11: a check-in of several kinds of pain at once keeps all of them. For every non-empty set of pain
// kinds, in either order: the answer's quality is one of them, a nerve-like one (numb, tingling, radiating)
// whenever one was felt, and the note names each other kind exactly once.
TEST(PainCheckInTest, SeveralKindsAreKeptAndANerveLikeOneLeadsIssue11) {
  const std::vector<core::Quality> kinds{core::Quality::kSharp,    core::Quality::kBurning,   core::Quality::kStinging,
                                         core::Quality::kStabbing, core::Quality::kRadiating, core::Quality::kNumb,
                                         core::Quality::kTingling};
  auto nerve_like = [](core::Quality q) {
    return q == core::Quality::kNumb || q == core::Quality::kTingling || q == core::Quality::kRadiating;
  };
  for (unsigned mask = 1; mask < (1u << kinds.size()); ++mask) {
    std::vector<core::Quality> felt;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (mask & (1u << i)) felt.push_back(kinds[i]);
    }
    for (const bool reversed : {false, true}) {
      if (reversed) std::reverse(felt.begin(), felt.end());
      const auto answer = pain_check_in(7, felt);
      EXPECT_EQ(answer.intensity, 7);
      EXPECT_NE(std::find(felt.begin(), felt.end(), answer.quality), felt.end());
      const bool any_nerve = std::any_of(felt.begin(), felt.end(), nerve_like);
      EXPECT_EQ(nerve_like(answer.quality), any_nerve) << mask;
      for (const auto q : felt) {
        const std::string name(core::to_string(q));
        std::size_t n = 0;
        for (auto at = answer.note.find(name); at != std::string::npos; at = answer.note.find(name, at + 1)) ++n;
        EXPECT_EQ(n, q == answer.quality ? 0u : 1u) << name << " in \"" << answer.note << "\"";
      }
      EXPECT_EQ(answer.note.empty(), felt.size() == 1) << answer.note;
    }
  }
}

TEST(SessionScriptTest, ACheckInMayNameSeveralKindsOfPainIssue11) {
  const auto lines = parse_session_script("20 check-in 6 burning+stabbing\n21 check-in 4 stinging+numb\n");
  ASSERT_TRUE(lines) << lines.error();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].input.check_in, pain_check_in(6, {core::Quality::kBurning, core::Quality::kStabbing}));
  EXPECT_EQ((*lines)[0].input.check_in.note, "also stabbing");
  EXPECT_EQ((*lines)[1].input.check_in.quality, core::Quality::kNumb);
  const auto bad = parse_session_script("20 check-in 6 burning+stabing\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("\"stabing\" is not a quality"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace smr::cli
