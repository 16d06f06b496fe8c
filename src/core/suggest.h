#pragma once
// "Did you mean ...?" for ids and words people mistype, and the lists of valid ids that error messages give.

#include <string>
#include <string_view>
#include <vector>

namespace smr::core {

// Levenshtein distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `wanted` if it is near enough to be a likely typo (distance at most 1 for words of
// up to 3 characters, else max(2, |wanted| / 4)); otherwise "".
std::string closest_match(std::string_view wanted, const std::vector<std::string>& candidates);

// The ids of catalog entries (anything with an `id` member), in order.
template <typename T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

// `"a", "b" or "c"`, for messages that list the valid choices.
std::string quoted_list(const std::vector<std::string>& ids);

}  // namespace smr::core
