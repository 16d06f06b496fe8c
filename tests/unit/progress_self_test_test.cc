#include "core/progress_self_test.h"

#include <gtest/gtest.h>

#include <vector>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::utc;

SelfTest result(UnixMillis at, std::string test, Side side, double value, std::string phase,
                std::string session_uid = "") {
  SelfTest t;
  t.uid = test + std::to_string(at);
  t.at_ms = at;
  t.test = std::move(test);
  t.side = side;
  t.value = value;
  t.phase = std::move(phase);
  t.session_uid = std::move(session_uid);
  return t;
}

const UnixMillis kDay1 = utc(2026, 4, 1, 8);

TEST(ProgressSelfTestTest, SmallestRealChangeTable) {
  EXPECT_EQ(smallest_real_change("knee-to-wall")->value, 1.0);
  EXPECT_EQ(smallest_real_change("thoracic-rotation")->value, 6.0);
  EXPECT_EQ(smallest_real_change("sit-and-reach")->value, 4.0);
  EXPECT_EQ(smallest_real_change("shoulder-flexion")->value, 8.0);
  EXPECT_EQ(smallest_real_change("thomas-test")->unit, "pass-fail");
  EXPECT_FALSE(smallest_real_change("soreness/calves"));
}

TEST(ProgressSelfTestTest, EmptyAndOneTrialNeedABaseline) {
  EXPECT_TRUE(self_test_progress({}).empty());
  const auto p = self_test_progress({result(kDay1, "knee-to-wall", Side::kLeft, 9, "baseline")});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kNeedsBaseline);
  EXPECT_EQ(p[0].baseline_trials, std::vector<double>{9});
  EXPECT_FALSE(p[0].baseline);
}

TEST(ProgressSelfTestTest, BaselineIsTheMeanOfTwoTrials) {
  const auto p = self_test_progress({result(kDay1, "knee-to-wall", Side::kLeft, 9, "baseline"),
                                     result(kDay1 + 60'000, "knee-to-wall", Side::kLeft, 10, "baseline"),
                                     result(kDay1 + 28 * kDayMs, "knee-to-wall", Side::kLeft, 10.5, "check")});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_DOUBLE_EQ(*p[0].baseline, 9.5);
  EXPECT_DOUBLE_EQ(*p[0].latest, 10.5);
  EXPECT_DOUBLE_EQ(*p[0].change, 1.0);
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kImproved);  // exactly the smallest real change counts
}

TEST(ProgressSelfTestTest, ChangeWithinMeasurementErrorIsNoRealChange) {
  const auto p = self_test_progress({result(kDay1, "thoracic-rotation", Side::kRight, 40, "baseline"),
                                     result(kDay1 + 1, "thoracic-rotation", Side::kRight, 42, "baseline"),
                                     result(kDay1 + 20 * kDayMs, "thoracic-rotation", Side::kRight, 46, "check")});
  EXPECT_DOUBLE_EQ(*p[0].change, 5.0);
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kNoRealChange);
}

TEST(ProgressSelfTestTest, DeclineBeyondTheSmallestRealChange) {
  const auto p = self_test_progress({result(kDay1, "sit-and-reach", Side::kCentre, 5, "baseline"),
                                     result(kDay1 + 1, "sit-and-reach", Side::kCentre, 7, "baseline"),
                                     result(kDay1 + 20 * kDayMs, "sit-and-reach", Side::kCentre, 1, "check")});
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kDeclined);
}

TEST(ProgressSelfTestTest, AfterValuesAreAcuteAndNeverTheLatestOrTheBaseline) {
  // No "baseline" phase: the first two non-"after" values stand in.
  const auto p = self_test_progress({result(kDay1, "knee-to-wall", Side::kLeft, 8, "before", "a"),
                                     result(kDay1 + 600'000, "knee-to-wall", Side::kLeft, 9.5, "after", "a"),
                                     result(kDay1 + kDayMs, "knee-to-wall", Side::kLeft, 8.4, "before", "b"),
                                     result(kDay1 + kDayMs + 600'000, "knee-to-wall", Side::kLeft, 8.9, "after", "b"),
                                     result(kDay1 + 2 * kDayMs, "knee-to-wall", Side::kLeft, 8.6, "check")});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].baseline_trials, (std::vector<double>{8, 8.4}));
  EXPECT_DOUBLE_EQ(*p[0].latest, 8.6);
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kNoRealChange);
  ASSERT_EQ(p[0].sessions.size(), 2u);
  EXPECT_EQ(p[0].sessions[0].session_uid, "a");
  EXPECT_DOUBLE_EQ(p[0].sessions[0].change, 1.5);
  EXPECT_EQ(p[0].sessions[0].verdict, SelfTestVerdict::kImproved);
  EXPECT_EQ(p[0].sessions[1].verdict, SelfTestVerdict::kNoRealChange);  // +0.5 cm
  EXPECT_EQ(p[0].history.size(), 5u);
}

TEST(ProgressSelfTestTest, SidesAreSeparateAndOtherRowsSkipped) {
  const auto p = self_test_progress({result(kDay1, "knee-to-wall", Side::kRight, 9, "baseline"),
                                     result(kDay1, "knee-to-wall", Side::kLeft, 9, "baseline"),
                                     result(kDay1, "soreness/calves", Side::kLeft, 4, "check"),
                                     result(kDay1, "workout", Side::kCentre, 0, "check")});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].side, Side::kLeft);
  EXPECT_EQ(p[1].side, Side::kRight);
}

TEST(ProgressSelfTestTest, ThomasTestChangesByVerdict) {
  const auto p = self_test_progress({result(kDay1, "thomas-test", Side::kLeft, 0, "baseline"),
                                     result(kDay1 + 1, "thomas-test", Side::kLeft, 0, "baseline"),
                                     result(kDay1 + 30 * kDayMs, "thomas-test", Side::kLeft, 1, "check")});
  EXPECT_EQ(p[0].verdict, SelfTestVerdict::kImproved);
}

}  // namespace
}  // namespace smr::core
