#include "core/suggest.h"

#include <algorithm>

namespace smr::core {

namespace {

// The edit distance of a and b when it is below `limit`, else `limit` (or more): the rows' minimum never
// decreases, so the work stops as soon as every entry of a row has reached the limit.
std::size_t edit_distance_below(std::string_view a, std::string_view b, std::size_t limit) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diag = up;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min >= limit) return limit;
  }
  return row[b.size()];
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance_below(a, b, std::max(a.size(), b.size()) + 1);
}

std::string closest_match(std::string_view wanted, const std::vector<std::string>& candidates) {
  std::string best;
  // Short ids ("S58") are one typo apart from many others: allow one edit there, more in longer words.
  std::size_t best_distance = (wanted.size() <= 3 ? 1 : std::max<std::size_t>(2, wanted.size() / 4)) + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: a far longer or shorter candidate (a mistyped id of
    // thousands of characters against ids of twenty) is passed over without the quadratic comparison.
    const std::size_t length_gap = wanted.size() > c.size() ? wanted.size() - c.size() : c.size() - wanted.size();
    if (length_gap >= best_distance) continue;
    const std::size_t d = edit_distance_below(wanted, c, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string quoted_list(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += (i + 1 == ids.size()) ? " or " : ", ";
    out += "\"" + ids[i] + "\"";
  }
  return out;
}

}  // namespace smr::core
