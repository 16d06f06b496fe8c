#include "core/progress_adherence.h"

#include <algorithm>

#include "core/progress_index_internal.h"

namespace smr::core {
namespace detail {

Adherence adherence(const DigestIndex& index, std::size_t first, UnixMillis now_ms, const TimeZone& tz,
                    const AdherenceOptions& options) {
  Adherence out;
  out.target = options.sessions_per_week_target;
  const std::size_t n = index.sessions.size();
  if (first >= n) return out;

  // Local days with a session, ascending. Session order gives them in order except around a DST change that
  // turns the clock back across local midnight.
  std::vector<LocalDay> days(index.days.begin() + static_cast<std::ptrdiff_t>(first), index.days.end());
  if (!std::is_sorted(days.begin(), days.end())) std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  for (std::size_t i = first; i < n; ++i) {
    ++out.sessions_by_hour[static_cast<std::size_t>(local_minute_of_day(index.starts[i], tz) / 60)];
  }

  // Every week from the first session's to now's.
  const LocalDay today = local_day(now_ms, tz);
  const LocalDay this_monday = week_monday(today);
  const LocalDay first_monday = std::min(week_monday(days.front()), this_monday);
  const auto week_count = static_cast<std::size_t>((this_monday - first_monday) / 7 + 1);
  const auto week_of = [&](std::size_t session) {
    return static_cast<std::size_t>((index.mondays[session] - first_monday) / 7);
  };
  out.weeks.resize(week_count);
  for (std::size_t i = first; i < n; ++i) {
    if (const std::size_t w = week_of(i); w < week_count) ++out.weeks[w].sessions;
  }
  int complete_sessions = 0;
  for (std::size_t w = 0; w < week_count; ++w) {
    AdherenceWeek& week = out.weeks[w];
    week.week_start_ms = index.week_start_ms(first_monday + 7 * static_cast<LocalDay>(w));
    week.met_target = week.sessions >= options.sessions_per_week_target;
    week.in_progress = w + 1 == week_count;
    if (!week.in_progress) complete_sessions += week.sessions;
  }
  if (week_count > 1)
    out.mean_sessions_per_week = static_cast<double>(complete_sessions) / static_cast<double>(week_count - 1);

  // Time per region and week, in two passes over the tracks: how many regions each week lists, then the lists,
  // each allocated once. Tracks come by region id, then side, so each week's list comes out in that order.
  const auto played = [&](const RegionEntry& e) {
    return e.session >= first && e.active_ms > 0 && week_of(e.session) < week_count;
  };
  std::vector<std::size_t> last_track(week_count, index.tracks.size());  // the track of each week's last entry
  std::vector<std::size_t> region_count(week_count, 0);
  for (std::size_t t = 0; t < index.tracks.size(); ++t) {
    for (const RegionEntry& e : index.tracks[t].entries) {
      if (!played(e)) continue;
      const std::size_t w = week_of(e.session);
      if (last_track[w] != t) ++region_count[w];
      last_track[w] = t;
    }
  }
  for (std::size_t w = 0; w < week_count; ++w) out.weeks[w].regions.reserve(region_count[w]);
  std::fill(last_track.begin(), last_track.end(), index.tracks.size());
  for (std::size_t t = 0; t < index.tracks.size(); ++t) {
    const RegionTrack& track = index.tracks[t];
    for (const RegionEntry& e : track.entries) {
      if (!played(e)) continue;
      const std::size_t w = week_of(e.session);
      auto& regions = out.weeks[w].regions;
      if (last_track[w] != t) {
        regions.push_back(RegionWeek{std::string(track.region), track.side, 0, 0, 0});
        last_track[w] = t;
      }
      RegionWeek& rw = regions.back();
      rw.active_ms += e.active_ms;
      ++rw.sessions;
      if (e.active_ms >= options.dose_ms) ++rw.sessions_at_dose;
    }
  }

  // Day streaks.
  int run = 0;
  LocalDay previous = 0;
  for (LocalDay d : days) {
    run = (run > 0 && d == previous + 1) ? run + 1 : 1;
    previous = d;
    out.streaks.longest_days = std::max(out.streaks.longest_days, run);
  }
  const LocalDay last = days.back();
  out.streaks.current_days = (last == today || last == today - 1) ? run : 0;

  // Week streaks.
  run = 0;
  for (const auto& w : out.weeks) {
    run = w.met_target ? run + 1 : 0;
    out.streaks.longest_weeks = std::max(out.streaks.longest_weeks, run);
  }
  int current = 0;
  for (auto it = out.weeks.rbegin(); it != out.weeks.rend(); ++it) {
    if (it->met_target) {
      ++current;
    } else if (!it->in_progress) {
      break;
    }
  }
  out.streaks.current_weeks = current;
  return out;
}

}  // namespace detail

Adherence adherence(const std::vector<SessionDigest>& sessions, UnixMillis now_ms, const TimeZone& tz,
                    const AdherenceOptions& options) {
  return detail::adherence(detail::index_digests(sessions, now_ms, tz), 0, now_ms, tz, options);
}

}  // namespace smr::core
