// The terminal face of progress: sparklines, dates and the words shared with the HTML report.

#include "cli/progress_text.h"

#include <gtest/gtest.h>

namespace smr::cli {
namespace {

TEST(SparklineTest, MapsTheRangeOntoEightBlocksAndGapsOntoSpaces) {
  EXPECT_EQ(sparkline({0.0, 10.0, std::nullopt, 5.0}, 0, 10), "\u2581\u2588 \u2585");
  EXPECT_EQ(sparkline({-3.0, 42.0}, 0, 10), "\u2581\u2588");  // clamped
  EXPECT_EQ(sparkline({}, 0, 10), "");
}

TEST(SparklineTest, AFlatRangeDrawsTheLowestBlock) { EXPECT_EQ(sparkline({4.0, 4.0}, 4, 4), "\u2581\u2581"); }

TEST(LocalDateTextTest, CivilDatesAcrossLeapYearsAndBeforeTheEpoch) {
  EXPECT_EQ(local_date_text(0), "1970-01-01");
  EXPECT_EQ(local_date_text(-1), "1969-12-31");
  EXPECT_EQ(local_date_text(11016), "2000-02-29");
  EXPECT_EQ(local_date_text(20413), "2025-11-21");
}

TEST(ProgressWordsTest, NumbersAndValues) {
  EXPECT_EQ(fixed1(4.25), "4.2");  // printf rounding of the binary value
  EXPECT_EQ(signed1(1.5), "+1.5");
  EXPECT_EQ(signed1(-2), "-2.0");
  EXPECT_EQ(value_text(9.5, "cm"), "9.5 cm");
  EXPECT_EQ(value_text(1, "pass-fail"), "pass");
  EXPECT_EQ(value_text(0, "pass-fail"), "fail");
  EXPECT_EQ(cited(core::Citation{{"R3"}, {"S50", "S7"}}), "R3 S50 S7");
}

}  // namespace
}  // namespace smr::cli
