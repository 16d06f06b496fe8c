#include "core/progress.h"

#include <gtest/gtest.h>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::check_in;
using testing::digests;
using testing::played;
using testing::session;
using testing::utc;

TEST(ProgressTest, EmptyJournal) {
  const Progress p = compute_progress({}, ProgressOptions{utc(2026, 6, 1), berlin_2026(), 0, {}, {}, {}});
  EXPECT_TRUE(p.sensation.empty());
  EXPECT_TRUE(p.adherence.weeks.empty());
  EXPECT_TRUE(p.soreness.sessions.empty());
  EXPECT_TRUE(p.self_tests.empty());
  EXPECT_TRUE(p.alerts.empty());
}

TEST(ProgressTest, OneSession) {
  const UnixMillis start = utc(2026, 6, 1, 5);
  ProgressInput in;
  in.sessions = digests({session("s1", start)}, {check_in("s1", start + 130'000, "calves", Side::kLeft, 5)},
                        played("s1", 0, "calves", Side::kLeft, start, 120'000));
  SelfTest knee;
  knee.test = "knee-to-wall";
  knee.side = Side::kLeft;
  knee.value = 9;
  knee.at_ms = start;
  knee.phase = "before";
  knee.session_uid = "s1";
  in.self_tests = {knee};
  const Progress p = compute_progress(in, ProgressOptions{utc(2026, 6, 1, 12), berlin_2026(), 0, {}, {}, {}});
  ASSERT_EQ(p.sensation.size(), 1u);
  EXPECT_EQ(p.sensation[0].trend.trend, Trend::kNotEnoughData);
  ASSERT_EQ(p.adherence.weeks.size(), 1u);
  EXPECT_EQ(p.adherence.weeks[0].regions[0].sessions_at_dose, 1);
  ASSERT_EQ(p.self_tests.size(), 1u);
  EXPECT_EQ(p.self_tests[0].verdict, SelfTestVerdict::kNeedsBaseline);
  EXPECT_TRUE(p.alerts.empty());
}

TEST(ProgressTest, SinceNarrowsTheViewButNotTheAlerts) {
  std::vector<SessionInfo> sessions;
  std::vector<CheckIn> check_ins;
  for (int d = 1; d <= 3; ++d) {
    const std::string uid = "s" + std::to_string(d);
    sessions.push_back(session(uid, utc(2026, 5, d, 5)));
    check_ins.push_back(check_in(uid, utc(2026, 5, d, 5, 1), "calves", Side::kLeft, 6, Quality::kSharp));
  }
  ProgressInput in;
  in.sessions = digests(sessions, check_ins);
  const Progress p =
      compute_progress(in, ProgressOptions{utc(2026, 5, 3, 20), berlin_2026(), utc(2026, 5, 3), {}, {}, {}});
  ASSERT_EQ(p.sensation.size(), 1u);
  EXPECT_EQ(p.sensation[0].points.size(), 1u);
  ASSERT_EQ(p.adherence.weeks.size(), 1u);
  EXPECT_EQ(p.adherence.weeks[0].sessions, 1);
  ASSERT_EQ(p.alerts.size(), 1u);
  EXPECT_EQ(p.alerts[0].kind, AlertKind::kRepeatedPain);
}

TEST(ProgressTest, SinceKeepsSessionsByTheirStart) {
  // Started a minute before `since`, checked in after it: the session is before the view, whole.
  const UnixMillis since = utc(2026, 5, 3);
  ProgressInput in;
  in.sessions = digests({session("s1", since - 60'000), session("s2", since + 60'000)},
                        {check_in("s1", since + 30'000, "calves", Side::kLeft, 8),
                         check_in("s2", since + 90'000, "calves", Side::kLeft, 4)});
  const Progress p = compute_progress(in, ProgressOptions{utc(2026, 5, 3, 20), TimeZone::fixed(0), since, {}, {}, {}});
  ASSERT_EQ(p.sensation.size(), 1u);
  ASSERT_EQ(p.sensation[0].points.size(), 1u);
  EXPECT_EQ(p.sensation[0].points[0].session_uid, "s2");
  EXPECT_EQ(p.adherence.weeks[0].sessions, 1);
}

TEST(ProgressTest, WithoutSinceItIsThePartsTogether) {
  std::vector<SessionInfo> sessions;
  std::vector<CheckIn> check_ins;
  for (int d = 1; d <= 20; ++d) {
    const std::string uid = "s" + std::to_string(d);
    sessions.push_back(session(uid, utc(2026, 5, d, 5)));
    check_ins.push_back(check_in(uid, utc(2026, 5, d, 5, 1), "calves", Side::kLeft, 2 + d / 3,
                                 d % 2 == 0 ? Quality::kSharp : Quality::kAche));
    check_ins.push_back(check_in(uid, utc(2026, 5, d, 5, 2), "glutes", Side::kCentre, 5));
  }
  ProgressInput in;
  in.sessions = digests(sessions, check_ins);
  in.acknowledged_alert_ids = {"repeated-pain/calves/left/s3"};
  const ProgressOptions o{utc(2026, 5, 20, 20), berlin_2026(), 0, {}, {}, {}};
  const Progress p = compute_progress(in, o);
  EXPECT_EQ(p.sensation, sensation_by_region(in.sessions, o.now_ms, o.tz));
  EXPECT_EQ(p.adherence, adherence(in.sessions, o.now_ms, o.tz));
  EXPECT_EQ(p.alerts, pain_alerts(in.sessions, o.now_ms, o.tz, in.acknowledged_alert_ids));
  EXPECT_EQ(p.alerts.size(), 2u);  // repeated pain and rising intensity at the left calves
}

TEST(ProgressTest, AClockTurnedBackAcrossMidnightKeepsOneEntryPerDay) {
  // At 00:30 on Sunday 10 May the clock goes back to 23:30 on Saturday: in order of start, the sessions fall on
  // Saturday, Sunday, then Saturday again.
  const UnixMillis turn = utc(2026, 5, 10, 0, 30);
  const TimeZone tz{0, {{turn, -60}}};
  ProgressInput in;
  in.sessions = digests(
      {session("sat", utc(2026, 5, 9, 12)), session("sun", turn - 600'000), session("sat-again", turn + 600'000)},
      {check_in("sat", utc(2026, 5, 9, 12, 1), "calves", Side::kLeft, 2),
       check_in("sun", turn - 500'000, "calves", Side::kLeft, 4),
       check_in("sat-again", turn + 700'000, "calves", Side::kLeft, 6)});
  const Progress p = compute_progress(in, ProgressOptions{utc(2026, 5, 10, 12), tz, 0, {}, {}, {}});
  ASSERT_EQ(p.sensation.size(), 1u);
  EXPECT_EQ(p.sensation[0].trend.points, 2);  // Saturday (2 + 6) / 2 and Sunday 4
  ASSERT_EQ(p.sensation[0].weeks.size(), 1u);
  EXPECT_EQ(p.sensation[0].weeks[0].check_ins, 3);
  EXPECT_EQ(p.adherence.weeks[0].sessions, 3);
  EXPECT_EQ(p.adherence.streaks.longest_days, 2);
  EXPECT_EQ(p.adherence.streaks.current_days, 2);
}

}  // namespace
}  // namespace smr::core
