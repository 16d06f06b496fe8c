#include "core/progress.h"

#include <gtest/gtest.h>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::check_in;
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
  in.sessions = {session("s1", start)};
  in.check_ins = {check_in("s1", start + 60'000, "calves", Side::kLeft, 5)};
  in.doses = {{"s1", "calves", Side::kLeft, 120'000}};
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
  ProgressInput in;
  for (int d = 1; d <= 3; ++d) {
    const std::string uid = "s" + std::to_string(d);
    in.sessions.push_back(session(uid, utc(2026, 5, d, 5)));
    in.check_ins.push_back(check_in(uid, utc(2026, 5, d, 5, 1), "calves", Side::kLeft, 6, Quality::kSharp));
  }
  const Progress p =
      compute_progress(in, ProgressOptions{utc(2026, 5, 3, 20), berlin_2026(), utc(2026, 5, 3), {}, {}, {}});
  ASSERT_EQ(p.sensation.size(), 1u);
  EXPECT_EQ(p.sensation[0].points.size(), 1u);
  ASSERT_EQ(p.adherence.weeks.size(), 1u);
  EXPECT_EQ(p.adherence.weeks[0].sessions, 1);
  ASSERT_EQ(p.alerts.size(), 1u);
  EXPECT_EQ(p.alerts[0].kind, AlertKind::kRepeatedPain);
}

}  // namespace
}  // namespace smr::core
