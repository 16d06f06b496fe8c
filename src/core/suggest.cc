#include "core/suggest.h"

#include <algorithm>

namespace smr::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view wanted, const std::vector<std::string>& candidates) {
  std::string best;
  // Short ids ("S58") are one typo apart from many others: allow one edit there, more in longer words.
  std::size_t best_distance = (wanted.size() <= 3 ? 1 : std::max<std::size_t>(2, wanted.size() / 4)) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(wanted, c);
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
