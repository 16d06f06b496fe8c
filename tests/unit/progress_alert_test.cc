#include "core/progress_alert.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::check_in;
using testing::check_in_digests;
using testing::digests;
using testing::events;
using testing::played;
using testing::session;
using testing::utc;

const TimeZone kUtc = TimeZone::fixed(0);
const UnixMillis kNow = utc(2026, 6, 1, 20);

// One check-in at the left calves per session, one session a day ending yesterday; `pain[i]` says whether
// session i's check-in was pain (sharp) rather than sensation (good hurt).
std::vector<CheckIn> calf_sessions(const std::vector<bool>& pain, int intensity = 5) {
  std::vector<CheckIn> out;
  const auto n = static_cast<UnixMillis>(pain.size());
  for (UnixMillis i = 0; i < n; ++i) {
    out.push_back(check_in("s" + std::to_string(i + 1), kNow - (n - i) * kDayMs, "calves", Side::kLeft, intensity,
                           pain[static_cast<std::size_t>(i)] ? Quality::kSharp : Quality::kGoodHurt));
  }
  return out;
}

TEST(ProgressAlertTest, NoHistoryNoAlert) {
  EXPECT_TRUE(pain_alerts({}, kNow, kUtc, {}).empty());
  EXPECT_TRUE(pain_alerts(check_in_digests(calf_sessions({true})), kNow, kUtc, {}).empty());  // one painful session
}

TEST(ProgressAlertTest, PainInThreeOfTheLastFiveSessions) {
  const auto alerts = pain_alerts(check_in_digests(calf_sessions({false, true, false, true, true})), kNow, kUtc, {});
  ASSERT_EQ(alerts.size(), 1u);
  const PainAlert& a = alerts[0];
  EXPECT_EQ(a.kind, AlertKind::kRepeatedPain);
  EXPECT_EQ(a.id, "repeated-pain/calves/left/s5");
  EXPECT_EQ(a.region, "calves");
  EXPECT_EQ(a.side, Side::kLeft);
  EXPECT_EQ(a.pain_sessions, 3);
  EXPECT_EQ(a.sessions_considered, 5);
  EXPECT_EQ(a.since_ms, kNow - kDayMs);
  EXPECT_FALSE(a.acknowledged);
  EXPECT_EQ(a.message,
            "You reported pain, not just pressure, at your left calves in 3 of your last 5 sessions there. Pain "
            "that keeps coming back is worth showing to a clinician (a doctor or physiotherapist) before you roll "
            "there again. This is general guidance, not a diagnosis.");
  EXPECT_EQ(a.evidence, (Citation{{"R3"}, {"S50"}}));
}

TEST(ProgressAlertTest, ThreeOfThreeIsEnough) {
  EXPECT_EQ(pain_alerts(check_in_digests(calf_sessions({true, true, true})), kNow, kUtc, {}).size(), 1u);
}

TEST(ProgressAlertTest, TwoOfFiveOrOldPainIsNot) {
  EXPECT_TRUE(pain_alerts(check_in_digests(calf_sessions({true, false, false, true, false})), kNow, kUtc, {}).empty());
  // Pain in the first three sessions, then four without: only one of the last five had pain.
  EXPECT_TRUE(
      pain_alerts(check_in_digests(calf_sessions({true, true, true, false, false, false, false})), kNow, kUtc, {})
          .empty());
}

TEST(ProgressAlertTest, InputOrderDoesNotMatter) {
  auto history = check_in_digests(calf_sessions({false, true, false, true, true}));
  std::reverse(history.begin(), history.end());
  const auto alerts = pain_alerts(history, kNow, kUtc, {});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].id, "repeated-pain/calves/left/s5");
}

TEST(ProgressAlertTest, StrongSensationIsNotPain) {
  EXPECT_TRUE(
      pain_alerts(check_in_digests(calf_sessions({false, false, false, false, false}, 8)), kNow, kUtc, {}).empty());
}

TEST(ProgressAlertTest, SidesAndRegionsAreSeparate) {
  auto history = calf_sessions({true, true});
  history.push_back(check_in("s9", kNow - 3600'000, "calves", Side::kRight, 5, Quality::kBurning));
  history.push_back(check_in("s9", kNow - 3500'000, "quadriceps", Side::kLeft, 5, Quality::kBurning));
  EXPECT_TRUE(pain_alerts(check_in_digests(history), kNow, kUtc, {}).empty());
}

TEST(ProgressAlertTest, IdStaysWhileTheEpisodeLastsAndAcknowledgingFlagsIt) {
  const auto first = pain_alerts(check_in_digests(calf_sessions({true, true, true})), kNow, kUtc, {});
  const auto later = pain_alerts(check_in_digests(calf_sessions({true, true, true, true, false})), kNow, kUtc, {});
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(later.size(), 1u);
  // calf_sessions numbers sessions from the oldest, so s3 is the third session in both histories.
  EXPECT_EQ(first[0].id, "repeated-pain/calves/left/s3");
  EXPECT_EQ(later[0].id, "repeated-pain/calves/left/s3");
  const auto acked =
      pain_alerts(check_in_digests(calf_sessions({true, true, true})), kNow, kUtc, {"repeated-pain/calves/left/s3"});
  EXPECT_TRUE(acked[0].acknowledged);
}

TEST(ProgressAlertTest, ANewEpisodeGetsANewId) {
  // Pain x3, four clear sessions (the alert lapses), then pain x3 again.
  const auto alerts =
      pain_alerts(check_in_digests(calf_sessions({true, true, true, false, false, false, false, true, true, true})),
                  kNow, kUtc, {"repeated-pain/calves/left/s3"});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].id, "repeated-pain/calves/left/s10");
  EXPECT_FALSE(alerts[0].acknowledged);
}

TEST(ProgressAlertTest, IntensityRisingOverTwoWeeks) {
  const std::vector<CheckIn> history{check_in("a", kNow - 12 * kDayMs, "hamstrings", Side::kRight, 3),
                                     check_in("b", kNow - 8 * kDayMs, "hamstrings", Side::kRight, 4),
                                     check_in("c", kNow - 4 * kDayMs, "hamstrings", Side::kRight, 5),
                                     check_in("d", kNow - 1 * kDayMs, "hamstrings", Side::kRight, 6)};
  const auto alerts = pain_alerts(check_in_digests(history), kNow, kUtc, {});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, AlertKind::kRisingIntensity);
  EXPECT_EQ(alerts[0].id, "rising-intensity/hamstrings/right/c");  // the rule first held after session c
  EXPECT_DOUBLE_EQ(alerts[0].change, 2.875);  // median slope (1/4 + 3/11) / 2 per day, over 11 days
  EXPECT_EQ(alerts[0].message,
            "The intensity you feel at your right hamstrings has risen by about 3 points over the last 14 days. "
            "Rolling should ease a spot over time; if it keeps getting worse, ask a clinician (a doctor or "
            "physiotherapist) to have a look. This is general guidance, not a diagnosis.");
}

TEST(ProgressAlertTest, FlatOrOldRatingsDoNotRise) {
  const std::vector<CheckIn> flat{check_in("a", kNow - 12 * kDayMs, "hamstrings", Side::kRight, 4),
                                  check_in("b", kNow - 8 * kDayMs, "hamstrings", Side::kRight, 4),
                                  check_in("c", kNow - 4 * kDayMs, "hamstrings", Side::kRight, 5),
                                  check_in("d", kNow - 1 * kDayMs, "hamstrings", Side::kRight, 4)};
  EXPECT_TRUE(pain_alerts(check_in_digests(flat), kNow, kUtc, {}).empty());
  // The same rise a month ago is outside the two-week window.
  const std::vector<CheckIn> old{check_in("a", kNow - 42 * kDayMs, "hamstrings", Side::kRight, 3),
                                 check_in("b", kNow - 38 * kDayMs, "hamstrings", Side::kRight, 4),
                                 check_in("c", kNow - 34 * kDayMs, "hamstrings", Side::kRight, 5),
                                 check_in("d", kNow - 31 * kDayMs, "hamstrings", Side::kRight, 6)};
  EXPECT_TRUE(pain_alerts(check_in_digests(old), kNow, kUtc, {}).empty());
}

TEST(ProgressAlertTest, ManyPainCheckInsInOneSessionCountOnce) {
  auto history = calf_sessions({true, false, false, false, false});
  for (int i = 1; i <= 3; ++i) {
    history.push_back(check_in("s1", history[0].at_ms + i * 60'000, "calves", Side::kLeft, 6, Quality::kStabbing));
  }
  EXPECT_TRUE(pain_alerts(check_in_digests(history), kNow, kUtc, {}).empty());
}

TEST(ProgressAlertTest, SessionsThatOnlyPlayedTheRegionDoNotDiluteTheWindow) {
  // Pain, pain, three sessions that rolled the calves without a check-in there, pain: 3 of the last 5
  // sessions that checked in there.
  std::vector<SessionInfo> sessions;
  std::vector<CheckIn> check_ins;
  std::vector<SessionEvent> played_events;
  for (int i = 0; i < 6; ++i) {
    const std::string uid = "s" + std::to_string(i + 1);
    const UnixMillis start = kNow - (6 - i) * kDayMs;
    sessions.push_back(session(uid, start));
    const auto block = played(uid, 0, "calves", Side::kLeft, start, 120'000);
    played_events.insert(played_events.end(), block.begin(), block.end());
    if (i < 2 || i == 5) check_ins.push_back(check_in(uid, start + 130'000, "calves", Side::kLeft, 5, Quality::kSharp));
  }
  const auto alerts = pain_alerts(digests(sessions, check_ins, played_events), kNow, kUtc, {});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].sessions_considered, 3);
  EXPECT_EQ(alerts[0].id, "repeated-pain/calves/left/s6");
}

TEST(ProgressAlertTest, EpisodeStartsAtThatSessionsFirstCheckInThere) {
  auto history = calf_sessions({true, true, true});
  std::vector<SessionInfo> sessions = testing::sessions_of(history);
  sessions.back().started_ms -= 20 * 60'000;  // s3 started 20 minutes before its check-in
  history.push_back(check_in("s3", history.back().at_ms + 60'000, "calves", Side::kLeft, 5, Quality::kSharp));
  const auto alerts = pain_alerts(digests(sessions, history), kNow, kUtc, {});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].id, "repeated-pain/calves/left/s3");
  EXPECT_EQ(alerts[0].since_ms, kNow - kDayMs);
}

TEST(ProgressAlertTest, RisingIntensityAveragesEverySessionOfADay) {
  // Four days rising 3 -> 6; a second session on the last day at 2 makes that day's mean 4, and the line
  // rises by less than 2 points.
  std::vector<CheckIn> history{check_in("a", kNow - 12 * kDayMs, "hamstrings", Side::kRight, 3),
                               check_in("b", kNow - 8 * kDayMs, "hamstrings", Side::kRight, 4),
                               check_in("c", kNow - 4 * kDayMs, "hamstrings", Side::kRight, 5),
                               check_in("d", kNow - 1 * kDayMs, "hamstrings", Side::kRight, 6)};
  EXPECT_EQ(pain_alerts(check_in_digests(history), kNow, kUtc, {}).size(), 1u);
  history.push_back(check_in("d2", kNow - 1 * kDayMs + 3'600'000, "hamstrings", Side::kRight, 2));
  EXPECT_TRUE(pain_alerts(check_in_digests(history), kNow, kUtc, {}).empty());
}

TEST(ProgressAlertTest, SessionsAfterNowAreIgnored) {
  auto history = calf_sessions({true, true});
  history.push_back(check_in("later", kNow + 60'000, "calves", Side::kLeft, 5, Quality::kSharp));
  EXPECT_TRUE(pain_alerts(check_in_digests(history), kNow, kUtc, {}).empty());
}

}  // namespace
}  // namespace smr::core
