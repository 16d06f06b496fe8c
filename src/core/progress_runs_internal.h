#pragma once
// Internal to the progress analytics: sums of check-ins from digest entries, grouped by local day or week.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/progress_index_internal.h"
#include "core/time_zone.h"

namespace smr::core::detail {

// Check-ins summed over digests: a mean over any set of sessions is exact from these.
struct CheckInSums {
  std::int64_t intensity = 0;
  int count = 0;

  void add(const RegionEntry& d) {
    intensity += d.intensity_sum;
    count += d.check_ins;
  }
  void merge(const CheckInSums& o) {
    intensity += o.intensity;
    count += o.count;
  }
  std::optional<double> mean() const {
    if (count == 0) return std::nullopt;
    return static_cast<double>(intensity) / count;
  }
};

// Adds `d` to the last run when it has key `key`, else to a new run. Entries taken in session order (or in
// reverse) make one run per key, except around a DST change that turns the clock back across local midnight;
// sort_runs() puts that right. `Acc` has add(const RegionEntry&) and merge(const Acc&).
template <typename Acc>
void add_to_run(std::vector<std::pair<LocalDay, Acc>>& runs, LocalDay key, const RegionEntry& d) {
  if (runs.empty() || runs.back().first != key) runs.emplace_back(key, Acc{});
  runs.back().second.add(d);
}

// Orders runs by key, merging runs with the same key. One pass when they already ascend strictly.
template <typename Acc>
void sort_runs(std::vector<std::pair<LocalDay, Acc>>& runs) {
  const auto not_ascending = [](const auto& a, const auto& b) { return a.first >= b.first; };
  if (std::adjacent_find(runs.begin(), runs.end(), not_ascending) == runs.end()) return;
  std::stable_sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<LocalDay, Acc>> merged;
  merged.reserve(runs.size());
  for (auto& r : runs) {
    if (!merged.empty() && merged.back().first == r.first) {
      merged.back().second.merge(r.second);
    } else {
      merged.push_back(std::move(r));
    }
  }
  runs = std::move(merged);
}

}  // namespace smr::core::detail
