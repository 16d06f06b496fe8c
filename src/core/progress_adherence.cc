#include "core/progress_adherence.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace smr::core {

Adherence adherence(const std::vector<SessionInfo>& sessions, const std::vector<RegionDose>& doses, UnixMillis now_ms,
                    const TimeZone& tz, const AdherenceOptions& options) {
  Adherence out;
  out.target = options.sessions_per_week_target;

  std::unordered_map<std::string_view, LocalDay> session_day;  // views the callers' strings
  std::set<LocalDay> days;
  std::map<LocalDay, int> sessions_in_week;  // by Monday
  for (const auto& s : sessions) {
    if (s.started_ms > now_ms) continue;
    const LocalDay d = local_day(s.started_ms, tz);
    session_day.emplace(s.uid, d);
    days.insert(d);
    ++sessions_in_week[week_monday(d)];
    ++out.sessions_by_hour[static_cast<std::size_t>(local_minute_of_day(s.started_ms, tz) / 60)];
  }
  if (days.empty()) return out;

  // Region time per week: (Monday, region, side) -> totals.
  std::map<std::tuple<LocalDay, std::string_view, int>, RegionWeek> region_weeks;
  for (const auto& d : doses) {
    auto it = session_day.find(d.session_uid);
    if (it == session_day.end()) continue;
    auto& rw = region_weeks[{week_monday(it->second), d.region, static_cast<int>(d.side)}];
    rw.region = d.region;
    rw.side = d.side;
    rw.active_ms += d.active_ms;
    ++rw.sessions;
    if (d.active_ms >= options.dose_ms) ++rw.sessions_at_dose;
  }

  const LocalDay today = local_day(now_ms, tz);
  const LocalDay this_monday = week_monday(today);
  int complete_weeks = 0;
  int complete_sessions = 0;
  auto rw = region_weeks.begin();
  for (LocalDay monday = week_monday(*days.begin()); monday <= this_monday; monday += 7) {
    AdherenceWeek w;
    w.week_start_ms = local_midnight_ms(monday, tz);
    if (auto it = sessions_in_week.find(monday); it != sessions_in_week.end()) w.sessions = it->second;
    w.met_target = w.sessions >= options.sessions_per_week_target;
    w.in_progress = monday == this_monday;
    for (; rw != region_weeks.end() && std::get<0>(rw->first) == monday; ++rw) w.regions.push_back(rw->second);
    if (!w.in_progress) {
      ++complete_weeks;
      complete_sessions += w.sessions;
    }
    out.weeks.push_back(std::move(w));
  }
  if (complete_weeks > 0) out.mean_sessions_per_week = static_cast<double>(complete_sessions) / complete_weeks;

  // Day streaks.
  int run = 0;
  LocalDay previous = 0;
  for (LocalDay d : days) {
    run = (run > 0 && d == previous + 1) ? run + 1 : 1;
    previous = d;
    out.streaks.longest_days = std::max(out.streaks.longest_days, run);
  }
  const LocalDay last = *days.rbegin();
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

}  // namespace smr::core
