#include "core/progress_index_internal.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace smr::core::detail {
namespace {

template <typename Small>
Small saturate(std::int64_t v) {
  return static_cast<Small>(std::clamp<std::int64_t>(v, 0, std::numeric_limits<Small>::max()));
}

}  // namespace

std::size_t RegionTrack::first_entry_at_or_after(std::size_t session) const {
  return static_cast<std::size_t>(
      std::partition_point(entries.begin(), entries.end(), [&](const RegionEntry& e) { return e.session < session; }) -
      entries.begin());
}

std::size_t DigestIndex::first_at_or_after(UnixMillis since_ms) const {
  return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), since_ms) - starts.begin());
}

UnixMillis DigestIndex::week_start_ms(LocalDay monday) const {
  const LocalDay w = (monday - first_monday) / 7;
  if (monday >= first_monday && w < static_cast<LocalDay>(week_starts.size())) {
    return week_starts[static_cast<std::size_t>(w)];
  }
  return local_midnight_ms(monday, *tz);
}

const RegionDigest& DigestIndex::digest(const RegionTrack& track, const RegionEntry& e) const {
  const auto& regions = sessions[e.session]->regions;
  return *std::find_if(regions.begin(), regions.end(),
                       [&](const RegionDigest& r) { return r.side == track.side && r.region == track.region; });
}

DigestIndex index_digests(const std::vector<SessionDigest>& digests, UnixMillis now_ms, const TimeZone& tz) {
  DigestIndex index;
  index.tz = &tz;
  index.sessions.reserve(digests.size());
  for (const auto& d : digests) {
    if (d.started_ms <= now_ms) index.sessions.push_back(&d);
  }
  const auto by_start = [](const SessionDigest* a, const SessionDigest* b) { return a->started_ms < b->started_ms; };
  if (!std::is_sorted(index.sessions.begin(), index.sessions.end(), by_start)) {
    std::stable_sort(index.sessions.begin(), index.sessions.end(), by_start);
  }
  const std::size_t n = index.sessions.size();
  index.starts.reserve(n);
  index.days.reserve(n);
  index.mondays.reserve(n);
  for (const SessionDigest* s : index.sessions) {
    index.starts.push_back(s->started_ms);
    index.days.push_back(local_day(s->started_ms, tz));
    index.mondays.push_back(week_monday(index.days.back()));
  }

  // Week starts, from the earliest session's week (the first session's but around a DST change that turns the
  // clock back across midnight) to now's.
  const LocalDay this_monday = week_monday(local_day(now_ms, tz));
  index.first_monday = this_monday;
  for (LocalDay m : index.mondays) index.first_monday = std::min(index.first_monday, m);
  for (LocalDay m = index.first_monday; m <= this_monday; m += 7) index.week_starts.push_back(local_midnight_ms(m, tz));

  // Pass 1: the track of every region digest. Consecutive sessions mostly list the same regions in the same
  // order, so the region at the same position in the previous session is tried before the hash map.
  constexpr std::size_t kSides = 3;
  constexpr std::size_t kLinearRegions = 64;  // past this many names, the hash map alone finds a name
  std::unordered_map<std::string_view, std::uint32_t> region_ids;
  std::vector<std::string_view> region_names;
  std::vector<std::int32_t> track_of;  // region id * kSides + side -> position in tracks, -1 if none yet
  std::vector<std::size_t> track_size;
  std::vector<std::uint32_t> region_track;  // per region digest, sessions in order
  std::vector<std::uint32_t> previous;
  std::vector<std::uint32_t> current;
  std::size_t region_count = 0;
  for (const SessionDigest* s : index.sessions) region_count += s->regions.size();
  region_track.reserve(region_count);
  for (const SessionDigest* s : index.sessions) {
    const auto& regions = s->regions;
    current.resize(regions.size());
    for (std::size_t j = 0; j < regions.size(); ++j) {
      const RegionDigest& r = regions[j];
      std::uint32_t id;
      if (j < previous.size() && region_names[previous[j]] == r.region) {
        id = previous[j];
      } else if (const auto known = region_names.size() <= kLinearRegions
                                        ? std::find(region_names.begin(), region_names.end(), r.region)
                                        : region_names.end();
                 known != region_names.end()) {
        // A person rolls a few dozen regions at most: a scan of their names (most differ in length, so most
        // comparisons stop there) is cheaper than hashing the name and chasing a node.
        id = static_cast<std::uint32_t>(known - region_names.begin());
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
        track_size.push_back(0);
      }
      region_track.push_back(static_cast<std::uint32_t>(slot));
      ++track_size[static_cast<std::size_t>(slot)];
    }
    std::swap(previous, current);
  }

  // Pass 2: the entries, each track's allocated once.
  for (std::size_t t = 0; t < index.tracks.size(); ++t) index.tracks[t].entries.reserve(track_size[t]);
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (const RegionDigest& r : index.sessions[i]->regions) {
      index.tracks[region_track[k++]].entries.push_back(
          RegionEntry{static_cast<std::uint32_t>(i), r.check_ins, r.intensity_sum,
                      saturate<std::uint16_t>(r.pain_check_ins), saturate<std::uint8_t>(r.intensity_max),
                      saturate<std::uint8_t>(r.last_intensity), r.active_ms, r.last_check_in_ms});
    }
  }

  std::sort(index.tracks.begin(), index.tracks.end(), [](const RegionTrack& a, const RegionTrack& b) {
    return std::tie(a.region, a.side) < std::tie(b.region, b.side);
  });
  return index;
}

}  // namespace smr::core::detail
