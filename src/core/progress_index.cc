#include "core/progress_index_internal.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace smr::core::detail {

std::size_t DigestIndex::first_at_or_after(UnixMillis since_ms) const {
  const auto it = std::partition_point(sessions.begin(), sessions.end(),
                                       [&](const SessionDigest* s) { return s->started_ms < since_ms; });
  return static_cast<std::size_t>(it - sessions.begin());
}

DigestIndex index_digests(const std::vector<SessionDigest>& digests, UnixMillis now_ms, const TimeZone& tz) {
  DigestIndex index;
  index.sessions.reserve(digests.size());
  for (const auto& d : digests) {
    if (d.started_ms <= now_ms) index.sessions.push_back(&d);
  }
  const auto by_start = [](const SessionDigest* a, const SessionDigest* b) { return a->started_ms < b->started_ms; };
  if (!std::is_sorted(index.sessions.begin(), index.sessions.end(), by_start)) {
    std::stable_sort(index.sessions.begin(), index.sessions.end(), by_start);
  }
  index.days.reserve(index.sessions.size());
  for (const SessionDigest* s : index.sessions) index.days.push_back(local_day(s->started_ms, tz));

  // Tracks by region id and side. Consecutive sessions mostly list the same regions in the same order, so the
  // region at the same position in the previous session is tried before the hash map.
  constexpr std::size_t kSides = 3;
  std::unordered_map<std::string_view, std::uint32_t> region_ids;
  std::vector<std::string_view> region_names;
  std::vector<std::int32_t> track_of;  // region id * kSides + side -> position in tracks, -1 if none yet
  std::vector<std::uint32_t> previous;
  std::vector<std::uint32_t> current;
  for (std::size_t i = 0; i < index.sessions.size(); ++i) {
    const auto& regions = index.sessions[i]->regions;
    current.resize(regions.size());
    for (std::size_t j = 0; j < regions.size(); ++j) {
      const RegionDigest& r = regions[j];
      std::uint32_t id;
      if (j < previous.size() && region_names[previous[j]] == r.region) {
        id = previous[j];
      } else {
        const auto [it, fresh] = region_ids.try_emplace(r.region, static_cast<std::uint32_t>(region_names.size()));
        if (fresh) {
          region_names.push_back(r.region);
          track_of.resize(track_of.size() + kSides, -1);
        }
        id = it->second;
      }
      current[j] = id;
      auto& slot = track_of[id * kSides + static_cast<std::size_t>(r.side)];
      if (slot < 0) {
        slot = static_cast<std::int32_t>(index.tracks.size());
        index.tracks.push_back(RegionTrack{region_names[id], r.side, {}});
      }
      index.tracks[static_cast<std::size_t>(slot)].entries.push_back(
          RegionEntry{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
    }
    std::swap(previous, current);
  }
  std::sort(index.tracks.begin(), index.tracks.end(), [](const RegionTrack& a, const RegionTrack& b) {
    return std::tie(a.region, a.side) < std::tie(b.region, b.side);
  });
  return index;
}

}  // namespace smr::core::detail
