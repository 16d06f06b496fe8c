#include "core/breath_pacer.h"

#include <gtest/gtest.h>

namespace smr::core {
namespace {

TEST(BreathPacerTest, SixPerMinuteIsFourSecondsInAndSixOut) {
  const BreathPacer pacer;
  EXPECT_EQ(pacer.breaths_per_minute(), 6);
  EXPECT_EQ(pacer.at(0).phase, BreathPhase::kInhale);
  EXPECT_EQ(pacer.at(3999).phase, BreathPhase::kInhale);
  EXPECT_EQ(pacer.at(4000).phase, BreathPhase::kExhale);
  EXPECT_EQ(pacer.at(9999).phase, BreathPhase::kExhale);
  EXPECT_EQ(pacer.at(10000).phase, BreathPhase::kInhale);
  EXPECT_EQ(pacer.at(10000).breath, 1);
  EXPECT_EQ(pacer.next_change_after(0), 4000);
  EXPECT_EQ(pacer.next_change_after(4000), 10000);
  EXPECT_EQ(pacer.next_change_after(9999), 10000);
}

TEST(BreathPacerTest, FillGrowsOnTheInhaleAndShrinksOnTheExhale) {
  const BreathPacer pacer;
  EXPECT_DOUBLE_EQ(pacer.at(0).fill, 0.0);
  EXPECT_DOUBLE_EQ(pacer.at(2000).fill, 0.5);
  EXPECT_DOUBLE_EQ(pacer.at(4000).fill, 1.0);
  EXPECT_DOUBLE_EQ(pacer.at(7000).fill, 0.5);
  EXPECT_EQ(pacer.at(7000).remaining_ms, 3000);
  EXPECT_DOUBLE_EQ(pacer.at(7000).progress, 0.5);
}

TEST(BreathPacerTest, RateAndInhaleShareAreConfigurable) {
  const BreathPacer pacer(10, 50);
  EXPECT_EQ(pacer.next_change_after(0), 3000);
  EXPECT_EQ(pacer.next_change_after(3000), 6000);
}

TEST(BreathPacerTest, AnUnevenRateNeverDrifts) {
  const BreathPacer pacer(7, 40);  // 8571.43 ms a breath
  EXPECT_EQ(pacer.at(60000).breath, 7);
  EXPECT_EQ(pacer.at(60000).phase, BreathPhase::kInhale);
  EXPECT_EQ(pacer.at(600000).breath, 70);
  EXPECT_EQ(pacer.next_change_after(599999), 600000);
}

TEST(BreathPacerTest, OutOfRangeSettingsAreClamped) {
  EXPECT_EQ(BreathPacer(0, 40).breaths_per_minute(), BreathPacer::kMinBreathsPerMinute);
  EXPECT_EQ(BreathPacer(100, 40).breaths_per_minute(), BreathPacer::kMaxBreathsPerMinute);
  EXPECT_EQ(BreathPacer(6, 5).inhale_share_pct(), BreathPacer::kMinInhaleSharePct);
}

}  // namespace
}  // namespace smr::core
