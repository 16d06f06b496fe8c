// smr test, smr soreness and smr workout below the process boundary: the progress text against the smallest
// real change, the interactive guide on string streams, and the parsers of what a person types.

#include "cli/self_test_text.h"

#include <sstream>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "cli/cli_context.h"
#include "cli/record_input.h"
#include "cli/self_test_prompt.h"
#include "cli/service_error.h"

namespace smr::cli {
namespace {

using ::testing::HasSubstr;

const core::Catalog& builtin() {
  static const core::Catalog catalog = [] {
    auto c = catalog::load_builtin_catalog();
    if (!c) throw std::runtime_error("the built-in catalog does not load");
    return std::move(*c);
  }();
  return catalog;
}

const core::SelfTestGuide& guide(const std::string& id) {
  const auto* g = builtin().find_self_test(id);
  if (!g) throw std::runtime_error("no guide " + id);
  return *g;
}

core::SelfTest row(const std::string& test, core::Side side, double value, const std::string& phase,
                   core::UnixMillis at_ms, const std::string& session = "") {
  core::SelfTest t;
  t.uid = std::string(31, '0') + std::to_string(at_ms % 10);
  t.at_ms = at_ms;
  t.test = test;
  t.side = side;
  t.value = value;
  t.unit = std::string(core::smallest_real_change(test)->unit);
  t.session_uid = session;
  t.phase = phase;
  return t;
}

core::SelfTestProgress progress(const std::vector<core::SelfTest>& rows) {
  const auto all = core::self_test_progress(rows);
  if (all.size() != 1) throw std::runtime_error("expected one test and side");
  return all.front();
}

TEST(SelfTestTextTest, ProgressShowsBaselineLatestChangeAndVerdict) {
  const auto p = progress({row("knee-to-wall", core::Side::kLeft, 9.5, "baseline", 1),
                           row("knee-to-wall", core::Side::kLeft, 10, "baseline", 2),
                           row("knee-to-wall", core::Side::kLeft, 11, "check", 3)});
  EXPECT_EQ(progress_text(builtin(), guide("knee-to-wall"), p),
            "Knee-to-wall (ankle bend), left side\n"
            "  Baseline: 9.75 cm (mean of trials 9.5 cm and 10 cm)\n"
            "  Latest:   11 cm\n"
            "  Change:   +1.25 cm: improved: beyond the smallest real change of 1 cm\n");
}

TEST(SelfTestTextTest, ProgressSaysWhenTheChangeIsWithinTheSmallestRealChange) {
  const auto p = progress({row("thoracic-rotation", core::Side::kRight, 40, "baseline", 1),
                           row("thoracic-rotation", core::Side::kRight, 42, "baseline", 2),
                           row("thoracic-rotation", core::Side::kRight, 37, "check", 3)});
  EXPECT_THAT(progress_text(builtin(), guide("thoracic-rotation"), p),
              HasSubstr("  Change:   -4 deg: no real change: within the smallest real change of 6 deg\n"));
}

TEST(SelfTestTextTest, ProgressAsksForASecondBaselineTrial) {
  const auto p = progress({row("sit-and-reach", core::Side::kCentre, -3, "baseline", 1)});
  EXPECT_EQ(progress_text(builtin(), guide("sit-and-reach"), p),
            "Sit-and-reach (back of the legs and lower back)\n"
            "  Baseline: needs a second baseline trial (first trial: -3 cm)\n");
}

TEST(SelfTestTextTest, ProgressWithoutALaterValueSaysSo) {
  const auto p = progress({row("knee-to-wall", core::Side::kRight, 9, "baseline", 1),
                           row("knee-to-wall", core::Side::kRight, 9, "baseline", 2)});
  EXPECT_THAT(progress_text(builtin(), guide("knee-to-wall"), p),
              HasSubstr("  Latest:   none since the baseline; re-test after some sessions to see a change\n"));
}

TEST(SelfTestTextTest, ProgressShowsTheSessionsBeforeAndAfter) {
  const std::string s(32, 'a');
  const auto p = progress({row("shoulder-flexion", core::Side::kLeft, 150, "before", 1, s),
                           row("shoulder-flexion", core::Side::kLeft, 160, "after", 2, s)});
  EXPECT_THAT(progress_text(builtin(), guide("shoulder-flexion"), p, s),
              HasSubstr("  This session: 150 deg before, 160 deg after (+10 deg): improved: beyond the\n"
                        "                smallest real change of 8 deg (provisional)\n"));
}

TEST(SelfTestTextTest, PassFailVerdictsSpeakOfTheVerdict) {
  const auto p = progress({row("thomas-test", core::Side::kLeft, 0, "baseline", 1),
                           row("thomas-test", core::Side::kLeft, 0, "baseline", 2),
                           row("thomas-test", core::Side::kLeft, 1, "check", 3)});
  const auto text = progress_text(builtin(), guide("thomas-test"), p);
  EXPECT_THAT(text, HasSubstr("  Baseline: fail (trials fail and fail)\n"));
  EXPECT_THAT(text, HasSubstr("  Change:   +1: improved: the verdict changed from fail to pass\n"));
}

TEST(SelfTestTextTest, SmallestChangeIsProvisionalWhileItsSourceIsNotInTheEvidence) {
  EXPECT_EQ(smallest_change_text(builtin(), guide("knee-to-wall")), "1 cm");
  EXPECT_EQ(smallest_change_text(builtin(), guide("sit-and-reach")), "4 cm (provisional)");  // S65
  EXPECT_EQ(smallest_change_text(builtin(), guide("thomas-test")), "a change of verdict");
}

TEST(SelfTestTextTest, RecordedLineNamesTestSidePhaseAndValues) {
  EXPECT_EQ(recorded_text(guide("knee-to-wall"), {row("knee-to-wall", core::Side::kLeft, 9.5, "baseline", 1),
                                                  row("knee-to-wall", core::Side::kLeft, 10, "baseline", 2)}),
            "Recorded knee-to-wall, left side, baseline: 9.5 cm, 10 cm.\n");
  EXPECT_EQ(recorded_text(guide("sit-and-reach"), {row("sit-and-reach", core::Side::kCentre, 2, "after", 1,
                                                       "0a1b2c3d4e5f60718293a4b5c6d7e8f9")}),
            "Recorded sit-and-reach, after session 0a1b2c3d: 2 cm.\n");
}

TEST(SelfTestTextTest, ListHasEveryTestWithUnitSidesAndSmallestChange) {
  const auto table = self_tests_table(builtin());
  EXPECT_THAT(table, HasSubstr("ID "));
  EXPECT_THAT(table, HasSubstr("SMALLEST REAL CHANGE"));
  for (const auto& g : builtin().self_tests()) EXPECT_THAT(table, HasSubstr(g.id));
  EXPECT_THAT(table, HasSubstr("both at once"));
}

// --- the interactive guide ---

TEST(SelfTestPromptTest, WalksTheStepsThenAsksTwoTrialsPerSideForABaseline) {
  const auto& g = guide("knee-to-wall");
  std::string input(g.steps.size(), '\n');  // Enter after each step
  input += "abc\n75\n9.5\n10\n\n11\n11.5\n";
  std::istringstream in(input);
  std::ostringstream out;
  const auto got = guide_and_ask(builtin(), g,
                                 {{core::Side::kLeft, core::SelfTestPhase::kBaseline, {}},
                                  {core::Side::kRight, core::SelfTestPhase::kBaseline, {}}},
                                 in, out);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].values, (std::vector<double>{9.5, 10}));
  EXPECT_EQ(got[1].values, (std::vector<double>{11, 11.5}));
  const auto text = out.str();
  EXPECT_THAT(text, HasSubstr("Step 1 of " + std::to_string(g.steps.size()) + ": " + g.steps[0].substr(0, 20)));
  EXPECT_THAT(text, HasSubstr("Left side, trial 1 of 2 (cm, 0 to 60): "));
  EXPECT_THAT(text, HasSubstr("Left side, trial 2 of 2, once more (cm, 0 to 60): "));
  EXPECT_THAT(text, HasSubstr("  \"abc\" is not a number; expected 0 to 60 cm\n"));
  EXPECT_THAT(text, HasSubstr("  75 is out of range; expected 0 to 60 cm\n"));
  EXPECT_THAT(text, HasSubstr("Right side, trial 1 of 2"));
}

TEST(SelfTestPromptTest, AReTestAsksOneValue) {
  const auto& g = guide("thomas-test");
  std::istringstream in(std::string(g.steps.size(), '\n') + "pass\n");
  std::ostringstream out;
  const auto got = guide_and_ask(builtin(), g, {{core::Side::kRight, core::SelfTestPhase::kCheck, {}}}, in, out);
  EXPECT_EQ(got[0].values, (std::vector<double>{1}));
  EXPECT_THAT(out.str(), HasSubstr("Right side (pass or fail): "));
}

TEST(SelfTestPromptTest, InputEndingEarlyRecordsNothing) {
  const auto& g = guide("sit-and-reach");
  std::istringstream in(std::string(g.steps.size(), '\n') + "3\n");  // one trial of two
  std::ostringstream out;
  try {
    guide_and_ask(builtin(), g, {{core::Side::kCentre, core::SelfTestPhase::kBaseline, {}}}, in, out);
    FAIL() << "expected CliError";
  } catch (const CliError& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_STREQ(e.what(), "the test stopped before every value was given; nothing was recorded");
  }
}

// --- parsers ---

// RATING is read as a number here; which numbers are ratings is the service's rule (self_test_service_test.cc).
TEST(RecordInputTest, RatingIsReadAsAWholeNumber) {
  for (int n = 0; n <= 99; ++n) EXPECT_EQ(parse_rating(std::to_string(n)), n);
  for (const char* bad : {"-1", "6.5", "six", "", "007", "1e1"}) {
    try {
      parse_rating(bad);
      ADD_FAILURE() << bad;
    } catch (const CliError& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage);
      EXPECT_EQ(e.field(), "rating");
      EXPECT_EQ(std::string(e.what()), "RATING: \"" + std::string(bad) +
                                           "\" is not valid; expected a whole number from 0 (no soreness) to 10 "
                                           "(the worst imaginable)");
    }
  }
}

TEST(RecordInputTest, LocalMinuteRoundTripsAndRefusesInvalidTimes) {
  const auto t = parse_local_minute("2026-03-01 18:30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t % 60'000, 0);
  EXPECT_EQ(format_local_minute(*t), "2026-03-01 18:30");
  for (const char* bad :
       {"2026-02-30 10:00", "2026-03-01", "2026-03-01 25:00", "2026-03-01 18:30x", "01/03/2026 18:30", ""}) {
    EXPECT_FALSE(parse_local_minute(bad).has_value()) << bad;
  }
}

// --- a use case's error on the command line (cli/service_error.h) ---

TEST(ServiceErrorTest, EachProblemIsPrintedWithTheFlagOfItsFieldWithoutReadingTheMessage) {
  const auto e = service::invalid_input({{"minutes", "1 is out of range; expected 3 to 90"},
                                         {"as_of", "\"noon\" is not a local date or time"},
                                         {"region", "unknown region \"calfs\""},
                                         {"tools[1]", "unknown tool \"jackhammer\""}});
  EXPECT_EQ(e.field, "minutes");
  EXPECT_EQ(e.message,
            "minutes: 1 is out of range; expected 3 to 90\nas_of: \"noon\" is not a local date or time\n"
            "region: unknown region \"calfs\"\ntools[1]: unknown tool \"jackhammer\"");
  EXPECT_EQ(cli_message(e),
            "--minutes: 1 is out of range; expected 3 to 90\n--as-of: \"noon\" is not a local date or time\n"
            "--region: unknown region \"calfs\"\ntools[1]: unknown tool \"jackhammer\"");
  // A command's own names come first: soreness takes the region as its REGION argument.
  EXPECT_THAT(cli_message(e, {{"region", "REGION"}}), HasSubstr("\nREGION: unknown region \"calfs\"\n"));
  // An error without problems is printed as it is, whatever its words look like.
  service::Error plain{service::Error::Code::kNotFound, "id", "minutes: not a field here", {}, {}};
  EXPECT_EQ(cli_message(plain), "minutes: not a field here");
}

TEST(ServiceErrorTest, ExitCodesFollowTheErrorCode) {
  using C = service::Error::Code;
  EXPECT_EQ(exit_code_for(service::Error{C::kInvalid, "", "", {}, {}}), kExitUsage);
  EXPECT_EQ(exit_code_for(service::Error{C::kStop, "", "", {}, {}}), 3);
  for (const auto c :
       {C::kNotFound, C::kConflict, C::kBusy, C::kUnavailable, C::kStorageFull, C::kDamaged, C::kInternal}) {
    EXPECT_EQ(exit_code_for(service::Error{c, "", "", {}, {}}), kExitFailure);
  }
}

}  // namespace
}  // namespace smr::cli
