#include "core/time_zone.h"

#include <gtest/gtest.h>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::days_from_civil;
using testing::utc;

TEST(ProgressTimeZoneTest, OffsetFollowsTransitions) {
  const TimeZone tz = berlin_2026();
  EXPECT_EQ(tz.offset_minutes_at(utc(2026, 3, 29, 0, 59)), 60);
  EXPECT_EQ(tz.offset_minutes_at(utc(2026, 3, 29, 1)), 120);
  EXPECT_EQ(tz.offset_minutes_at(utc(2026, 10, 25, 0, 59)), 120);
  EXPECT_EQ(tz.offset_minutes_at(utc(2026, 10, 25, 1)), 60);
  EXPECT_EQ(TimeZone::fixed(-300).offset_minutes_at(utc(2026, 7, 1)), -300);
}

TEST(ProgressTimeZoneTest, LocalDayAndMinuteUseTheOffsetInForce) {
  const TimeZone tz = berlin_2026();
  // 22:30 UTC on Sunday 29 March is 00:30 on Monday 30 March in summer time (it would be 23:30 in winter).
  EXPECT_EQ(local_day(utc(2026, 3, 29, 22, 30), tz), days_from_civil(2026, 3, 30));
  EXPECT_EQ(local_minute_of_day(utc(2026, 3, 29, 22, 30), tz), 30);
  EXPECT_EQ(local_day(utc(2026, 3, 29, 22, 30), TimeZone::fixed(60)), days_from_civil(2026, 3, 29));
  // Negative offsets and instants before 1970.
  EXPECT_EQ(local_day(utc(2026, 1, 1, 3), TimeZone::fixed(-300)), days_from_civil(2025, 12, 31));
  EXPECT_EQ(local_day(utc(1969, 12, 31, 23), TimeZone::fixed(0)), -1);
  EXPECT_EQ(local_minute_of_day(utc(1969, 12, 31, 23, 15), TimeZone::fixed(0)), 23 * 60 + 15);
}

TEST(ProgressTimeZoneTest, WeeksStartOnMonday) {
  EXPECT_EQ(weekday(days_from_civil(2026, 3, 30)), 0);  // Monday
  EXPECT_EQ(weekday(days_from_civil(2026, 3, 29)), 6);  // Sunday
  EXPECT_EQ(weekday(0), 3);                             // 1970-01-01, a Thursday
  EXPECT_EQ(week_monday(days_from_civil(2026, 3, 29)), days_from_civil(2026, 3, 23));
  EXPECT_EQ(week_monday(-1), days_from_civil(1969, 12, 29));
}

TEST(ProgressTimeZoneTest, LocalMidnightAcrossDstChanges) {
  const TimeZone tz = berlin_2026();
  EXPECT_EQ(local_midnight_ms(days_from_civil(2026, 3, 23), tz), utc(2026, 3, 22, 23));  // CET
  EXPECT_EQ(local_midnight_ms(days_from_civil(2026, 3, 30), tz), utc(2026, 3, 29, 22));  // CEST
  EXPECT_EQ(local_midnight_ms(days_from_civil(2026, 10, 26), tz), utc(2026, 10, 25, 23));
  // A zone whose clock jumps from 00:00 to 01:00: the day starts at the jump.
  const TimeZone gap{0, {{utc(2026, 5, 10), 60}}};
  EXPECT_EQ(local_midnight_ms(days_from_civil(2026, 5, 10), gap), utc(2026, 5, 10));
}

}  // namespace
}  // namespace smr::core
