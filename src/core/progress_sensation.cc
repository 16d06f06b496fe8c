#include "core/progress_sensation.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace smr::core {
namespace {

struct Mean {
  long total = 0;
  int count = 0;
  void add(int v) {
    total += v;
    ++count;
  }
  std::optional<double> value() const {
    if (count == 0) return std::nullopt;
    return static_cast<double>(total) / count;
  }
};

RegionSensation summarise(std::string region, Side side, std::vector<IntensityPoint> points, UnixMillis now_ms,
                          const TimeZone& tz, const SensationOptions& options) {
  RegionSensation r;
  r.region = std::move(region);
  r.side = side;
  const auto by_time = [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; };
  if (!std::is_sorted(points.begin(), points.end(), by_time)) std::stable_sort(points.begin(), points.end(), by_time);

  // Weekly means.
  std::map<LocalDay, WeeklyIntensity> weeks;
  for (const auto& p : points) {
    auto& w = weeks[week_monday(local_day(p.at_ms, tz))];
    ++w.check_ins;
    w.mean_intensity += p.intensity;  // the sum until divided below
    w.max_intensity = std::max(w.max_intensity, p.intensity);
    if (p.pain) ++w.pain_count;
  }
  for (auto& [monday, w] : weeks) {
    w.week_start_ms = local_midnight_ms(monday, tz);
    w.mean_intensity /= w.check_ins;
    r.weeks.push_back(w);
  }

  // Trend over the daily means of the window (now - window, now].
  const LocalDay today = local_day(now_ms, tz);
  const UnixMillis window_start = now_ms - options.trend_window_days * kDayMs;
  std::map<LocalDay, Mean> days;
  for (const auto& p : points) {
    if (p.at_ms > window_start) days[local_day(p.at_ms, tz)].add(p.intensity);
  }
  std::vector<std::pair<double, double>> day_values;
  for (const auto& [day, m] : days) day_values.emplace_back(static_cast<double>(day), *m.value());
  r.trend = fit_trend(day_values, options.trend_rule);

  // First weeks vs recent weeks, in whole local weeks.
  const LocalDay first_monday = week_monday(local_day(points.front().at_ms, tz));
  const LocalDay first_end = first_monday + 7 * options.compare_weeks;  // exclusive
  const LocalDay recent_begin = week_monday(today) - 7 * (options.compare_weeks - 1);
  Mean first;
  Mean recent;
  for (const auto& p : points) {
    const LocalDay d = local_day(p.at_ms, tz);
    if (d < first_end) first.add(p.intensity);
    if (d >= recent_begin) recent.add(p.intensity);
  }
  r.first_weeks_mean = first.value();
  r.recent_mean = recent.value();
  if (r.first_weeks_mean && r.recent_mean && recent_begin >= first_end) {
    r.first_to_recent_change = *r.recent_mean - *r.first_weeks_mean;
  }
  r.latest_intensity = points.back().intensity;
  r.latest_at_ms = points.back().at_ms;
  r.points = std::move(points);
  return r;
}

}  // namespace

std::vector<RegionSensation> sensation_by_region(const std::vector<CheckIn>& check_ins, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options) {
  std::map<std::pair<std::string_view, int>, std::vector<IntensityPoint>> groups;  // views the callers' strings
  for (const auto& c : check_ins) {
    if (c.at_ms > now_ms) continue;
    groups[{c.region, static_cast<int>(c.side)}].push_back(
        IntensityPoint{c.at_ms, c.session_uid, c.intensity, is_pain(c.quality)});
  }
  std::vector<RegionSensation> out;
  out.reserve(groups.size());
  for (auto& [key, points] : groups) {
    out.push_back(
        summarise(std::string(key.first), static_cast<Side>(key.second), std::move(points), now_ms, tz, options));
  }
  return out;
}

}  // namespace smr::core
