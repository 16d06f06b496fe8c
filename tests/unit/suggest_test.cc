#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

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

// The textbook full table, to check the cut-off versions against.
std::size_t reference_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0U : 1U)});
    }
  }
  return d[a.size()][b.size()];
}

// The first candidate at the smallest distance within the documented limit, by comparing with every one.
std::string reference_closest(std::string_view wanted, const std::vector<std::string>& candidates) {
  const std::size_t limit = wanted.size() <= 3 ? 1 : std::max<std::size_t>(2, wanted.size() / 4);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    if (const auto d = reference_distance(wanted, c); d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string random_word(std::mt19937& rng, std::size_t max_length) {
  // A three-letter alphabet, so that random words are often a few edits apart.
  std::uniform_int_distribution<std::size_t> length(0, max_length);
  std::uniform_int_distribution<int> letter(0, 2);
  std::string out(length(rng), 'a');
  for (auto& ch : out) ch = static_cast<char>('a' + letter(rng));
  return out;
}

TEST(SuggestTest, EditDistanceAgreesWithTheFullTableOnRandomWords) {
  std::mt19937 rng(20261207);
  for (int i = 0; i < 2000; ++i) {
    const auto a = random_word(rng, 12);
    const auto b = random_word(rng, 12);
    ASSERT_EQ(edit_distance(a, b), reference_distance(a, b)) << "\"" << a << "\" vs \"" << b << "\"";
    ASSERT_EQ(edit_distance(a, b), edit_distance(b, a)) << "\"" << a << "\" vs \"" << b << "\"";
  }
}

TEST(SuggestTest, ClosestMatchAgreesWithComparingEveryCandidateInFull) {
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    std::vector<std::string> ids;
    for (int k = 0; k < 8; ++k) ids.push_back(random_word(rng, 14));
    const auto wanted = random_word(rng, i % 5 == 0 ? 40 : 14);
    ASSERT_EQ(closest_match(wanted, ids), reference_closest(wanted, ids)) << "wanted \"" << wanted << "\"";
  }
}

// A mistyped id of thousands of characters (a fuzzed URL, a pasted paragraph) against a catalog's ids costs
// no more than a short one: candidates far shorter are passed over by length alone.
TEST(SuggestTest, ClosestMatchOfAVeryLongWordDoesNotCompareItInFull) {
  std::vector<std::string> ids;
  for (int k = 0; k < 300; ++k) ids.push_back("region-" + std::to_string(k));
  const std::string wanted(100000, 'r');
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(closest_match(wanted, ids), "");
  // The full comparison would be 300 x 100 000 x 10 steps (seconds even unsanitised); the cut-off is microseconds.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

}  // namespace
}  // namespace smr::core
