#include "core/progress_sensation.h"

#include <algorithm>
#include <cstdint>
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

  void add(const RegionDigest& d) {
    sums.add(d);
    max_intensity = std::max(max_intensity, d.intensity_max);
    pain_count += d.pain_check_ins;
  }
  void merge(const WeekSums& o) {
    sums.merge(o.sums);
    max_intensity = std::max(max_intensity, o.max_intensity);
    pain_count += o.pain_count;
  }
};

// `rated`: the track's entries with check-ins, in session order; not empty.
RegionSensation summarise(const DigestIndex& index, const RegionTrack& track, const std::vector<RegionEntry>& rated,
                          UnixMillis now_ms, const TimeZone& tz, const SensationOptions& options) {
  RegionSensation r;
  r.region = std::string(track.region);
  r.side = track.side;

  // Points, and the latest check-in (the later session on a tie).
  r.points.reserve(rated.size());
  const RegionDigest* latest = nullptr;
  for (const RegionEntry& e : rated) {
    const SessionDigest& s = index.session(e);
    const RegionDigest& d = index.digest(e);
    r.points.push_back(IntensityPoint{s.started_ms, s.uid, static_cast<double>(d.intensity_sum) / d.check_ins,
                                      d.intensity_max, d.check_ins, d.pain_check_ins > 0});
    if (!latest || d.last_check_in_ms >= latest->last_check_in_ms) latest = &d;
  }
  r.latest_intensity = latest->last_intensity;
  r.latest_at_ms = latest->last_check_in_ms;

  // Weekly sums, by the local week of each session's start.
  std::vector<std::pair<LocalDay, WeekSums>> weeks;
  for (const RegionEntry& e : rated) add_to_run(weeks, week_monday(index.days[e.session]), index.digest(e));
  sort_runs(weeks);
  r.weeks.reserve(weeks.size());
  for (const auto& [monday, w] : weeks) {
    r.weeks.push_back(
        WeeklyIntensity{local_midnight_ms(monday, tz), w.sums.count, *w.sums.mean(), w.max_intensity, w.pain_count});
  }

  // Trend over the daily means of the sessions that started in the window (now - window, now].
  const UnixMillis window_start = now_ms - options.trend_window_days * kDayMs;
  std::vector<std::pair<LocalDay, CheckInSums>> days;
  for (auto it = rated.rbegin(); it != rated.rend() && index.session(*it).started_ms > window_start; ++it) {
    add_to_run(days, index.days[it->session], index.digest(*it));
  }
  sort_runs(days);
  std::vector<std::pair<double, double>> day_means;
  day_means.reserve(days.size());
  for (const auto& [day, sums] : days) day_means.emplace_back(static_cast<double>(day), *sums.mean());
  r.trend = fit_trend(day_means, options.trend_rule);

  // First weeks vs recent weeks, in whole local weeks.
  const LocalDay first_end = weeks.front().first + 7 * options.compare_weeks;  // exclusive
  const LocalDay recent_begin = week_monday(local_day(now_ms, tz)) - 7 * (options.compare_weeks - 1);
  CheckInSums first;
  CheckInSums recent;
  for (const auto& [monday, w] : weeks) {
    if (monday < first_end) first.merge(w.sums);
    if (monday >= recent_begin) recent.merge(w.sums);
  }
  r.first_weeks_mean = first.mean();
  r.recent_mean = recent.mean();
  if (r.first_weeks_mean && r.recent_mean && recent_begin >= first_end) {
    r.first_to_recent_change = *r.recent_mean - *r.first_weeks_mean;
  }
  return r;
}

}  // namespace

std::vector<RegionSensation> sensation_by_region(const DigestIndex& index, std::size_t first, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options) {
  std::vector<RegionSensation> out;
  std::vector<RegionEntry> rated;
  for (const RegionTrack& track : index.tracks) {
    rated.clear();
    for (const RegionEntry& e : track.entries) {
      if (e.session >= first && index.digest(e).check_ins > 0) rated.push_back(e);
    }
    if (!rated.empty()) out.push_back(summarise(index, track, rated, now_ms, tz, options));
  }
  return out;
}

}  // namespace detail

std::vector<RegionSensation> sensation_by_region(const std::vector<SessionDigest>& sessions, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options) {
  return detail::sensation_by_region(detail::index_digests(sessions, now_ms, tz), 0, now_ms, tz, options);
}

}  // namespace smr::core
