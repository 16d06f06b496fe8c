#include <gtest/gtest.h>

#include "core/suggest.h"

namespace smr::core {
namespace {

TEST(SuggestTest, EditDistanceCountsSingleEdits) {
  EXPECT_EQ(edit_distance("calves", "calves"), 0U);
  EXPECT_EQ(edit_distance("calfs", "calves"), 2U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(SuggestTest, ClosestMatchFindsLikelyTypos) {
  const std::vector<std::string> ids{"calves", "shins", "hamstrings"};
  EXPECT_EQ(closest_match("calfs", ids), "calves");
  EXPECT_EQ(closest_match("hamstring", ids), "hamstrings");
}

TEST(SuggestTest, ClosestMatchIgnoresFarOffWords) {
  const std::vector<std::string> ids{"calves", "shins"};
  EXPECT_EQ(closest_match("diaphragm", ids), "");
}

}  // namespace
}  // namespace smr::core
