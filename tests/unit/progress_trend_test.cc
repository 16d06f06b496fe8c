#include "core/progress_trend.h"

#include <gtest/gtest.h>

namespace smr::core {
namespace {

TEST(ProgressTrendTest, TheilSenIsTheMedianPairwiseSlope) {
  EXPECT_DOUBLE_EQ(*theil_sen_slope({{0, 1}, {1, 3}, {2, 5}}), 2.0);
  // An outlier moves least squares a lot and Theil-Sen not at all.
  EXPECT_DOUBLE_EQ(*theil_sen_slope({{0, 5}, {1, 5}, {2, 5}, {3, 10}, {4, 5}, {5, 5}}), 0.0);
  EXPECT_DOUBLE_EQ(*theil_sen_slope({{0, 0}, {1, 1}, {2, 1}}), 0.5);  // slopes 1, 0.5, 0
  // An even number of slopes (2, 1, 2/3, 0, 0, 0): the mean of the middle two.
  EXPECT_DOUBLE_EQ(*theil_sen_slope({{0, 0}, {1, 2}, {2, 2}, {3, 2}}), 1.0 / 3.0);
}

TEST(ProgressTrendTest, NoSlopeWithoutTwoDistinctX) {
  EXPECT_FALSE(theil_sen_slope({}));
  EXPECT_FALSE(theil_sen_slope({{3, 4}}));
  EXPECT_FALSE(theil_sen_slope({{3, 4}, {3, 6}}));
}

TEST(ProgressTrendTest, TwoPointsOverTheSpanIsTheThreshold) {
  // -0.5 per week over 28 days: exactly -2 points -> easing.
  const TrendFit easing = fit_trend({{0, 6}, {7, 5.5}, {14, 5}, {21, 4.5}, {28, 4}});
  EXPECT_EQ(easing.trend, Trend::kEasing);
  EXPECT_DOUBLE_EQ(*easing.slope_per_week, -0.5);
  EXPECT_DOUBLE_EQ(easing.change, -2.0);
  // The same rate over 21 days is -1.5 points: within noise.
  EXPECT_EQ(fit_trend({{0, 6}, {7, 5.5}, {14, 5}, {21, 4.5}}).trend, Trend::kSteady);
  // Rising by 2 points is worsening.
  EXPECT_EQ(fit_trend({{0, 3}, {7, 3.5}, {14, 4}, {21, 4.5}, {28, 5}}).trend, Trend::kWorsening);
}

TEST(ProgressTrendTest, NeedsFourDaysAcrossTwoWeeks) {
  EXPECT_EQ(fit_trend({}).trend, Trend::kNotEnoughData);
  EXPECT_EQ(fit_trend({{0, 8}, {14, 6}, {28, 2}}).trend, Trend::kNotEnoughData);         // 3 days
  EXPECT_EQ(fit_trend({{0, 8}, {3, 7}, {6, 5}, {10, 2}}).trend, Trend::kNotEnoughData);  // 10-day span
  const TrendFit few = fit_trend({{0, 8}, {14, 6}, {28, 2}});
  EXPECT_TRUE(few.slope_per_week.has_value());  // the slope is still reported
  EXPECT_EQ(few.points, 3);
}

}  // namespace
}  // namespace smr::core
