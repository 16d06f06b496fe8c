#include "core/progress_sensation.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/progress_index_internal.h"
#include "core/progress_runs_internal.h"

namespace smr::core {
namespace detail {
namespace {

// Check-ins of one local week at one region and side, summed from digests.
struct WeekSums {
  CheckInSums sums;
  int max_intensity = 0;
  int pain_count = 0;

  void add(const RegionEntry& e) {
    sums.add(e);
    max_intensity = std::max<int>(max_intensity, e.intensity_max);
    pain_count += e.pain_check_ins;
  }
  void merge(const WeekSums& o) {
    sums.merge(o.sums);
    max_intensity = std::max(max_intensity, o.max_intensity);
    pain_count += o.pain_count;
  }
};

// The sensation of one track over its entries from the session at position `first` on; nullopt when none has a
// check-in. Points from the session at position `first_point` (>= first) on.
std::optional<RegionSensation> summarise(const DigestIndex& index, const RegionTrack& track, std::size_t first,
                                         std::size_t first_point, UnixMillis now_ms, const TimeZone& tz,
                                         const SensationOptions& options) {
  const auto begin = track.entries.begin() + static_cast<std::ptrdiff_t>(track.first_entry_at_or_after(first));
  const auto end = track.entries.end();

  // Weekly sums, by the local week of each session's start, and the latest check-in (the later session on a
  // tie).
  std::vector<std::pair<LocalDay, WeekSums>> weeks;
  const RegionEntry* latest = nullptr;
  for (auto it = begin; it != end; ++it) {
    if (it->check_ins == 0) continue;
    add_to_run(weeks, index.mondays[it->session], *it);
    if (!latest || it->last_check_in_ms >= latest->last_check_in_ms) latest = &*it;
  }
  if (!latest) return std::nullopt;
  sort_runs(weeks);

  RegionSensation r;
  r.region = std::string(track.region);
  r.side = track.side;
  r.latest_intensity = latest->last_intensity;
  r.latest_at_ms = latest->last_check_in_ms;
  r.weeks.reserve(weeks.size());
  for (const auto& [monday, w] : weeks) {
    r.weeks.push_back(
        WeeklyIntensity{index.week_start_ms(monday), w.sums.count, *w.sums.mean(), w.max_intensity, w.pain_count});
  }

  // Trend over the daily means of the sessions that started in the window (now - window, now].
  const UnixMillis window_start = now_ms - options.trend_window_days * kDayMs;
  std::vector<std::pair<LocalDay, CheckInSums>> days;
  for (auto it = std::make_reverse_iterator(end);
       it != std::make_reverse_iterator(begin) && index.starts[it->session] > window_start; ++it) {
    if (it->check_ins > 0) add_to_run(days, index.days[it->session], *it);
  }
  sort_runs(days);
  std::vector<std::pair<double, double>> day_means;
  day_means.reserve(days.size());
  for (const auto& [day, sums] : days) day_means.emplace_back(static_cast<double>(day), *sums.mean());
  r.trend = fit_trend(day_means, options.trend_rule);

  // First weeks vs recent weeks, in whole local weeks.
  const LocalDay first_end = weeks.front().first + 7 * options.compare_weeks;  // exclusive
  const LocalDay recent_begin = week_monday(local_day(now_ms, tz)) - 7 * (options.compare_weeks - 1);
  CheckInSums first_weeks;
  CheckInSums recent;
  for (const auto& [monday, w] : weeks) {
    if (monday < first_end) first_weeks.merge(w.sums);
    if (monday >= recent_begin) recent.merge(w.sums);
  }
  r.first_weeks_mean = first_weeks.mean();
  r.recent_mean = recent.mean();
  if (r.first_weeks_mean && r.recent_mean && recent_begin >= first_end) {
    r.first_to_recent_change = *r.recent_mean - *r.first_weeks_mean;
  }

  // Points.
  for (auto it = track.entries.begin() + static_cast<std::ptrdiff_t>(track.first_entry_at_or_after(first_point));
       it != end; ++it) {
    if (it->check_ins == 0) continue;
    const SessionDigest& s = *index.sessions[it->session];
    r.points.push_back(IntensityPoint{s.started_ms, s.uid, static_cast<double>(it->intensity_sum) / it->check_ins,
                                      it->intensity_max, it->check_ins, it->pain_check_ins > 0});
  }
  return r;
}

}  // namespace

std::vector<RegionSensation> sensation_by_region(const DigestIndex& index, std::size_t first, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options) {
  std::size_t first_point = first;
  if (options.point_days > 0) {
    first_point = std::max(first, index.first_at_or_after(now_ms - options.point_days * kDayMs + 1));
  }
  std::vector<RegionSensation> out;
  for (const RegionTrack& track : index.tracks) {
    if (auto r = summarise(index, track, first, first_point, now_ms, tz, options)) out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace detail

std::vector<RegionSensation> sensation_by_region(const std::vector<SessionDigest>& sessions, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options) {
  return detail::sensation_by_region(detail::index_digests(sessions, now_ms, tz), 0, now_ms, tz, options);
}

}  // namespace smr::core
