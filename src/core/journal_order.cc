#include "core/journal_order.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace smr::core {

namespace {

constexpr UnixMillis kDayMs = 86'400'000;

template <typename T>
void sort_by_time_uid(std::vector<T>& items, UnixMillis T::*time) {
  std::sort(items.begin(), items.end(),
            [time](const T& a, const T& b) { return std::tie(a.*time, a.uid) < std::tie(b.*time, b.uid); });
}

UnixMillis floor_div(UnixMillis a, UnixMillis b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

void canonicalize(SessionRecord& s) {
  std::sort(s.events.begin(), s.events.end(),
            [](const SessionEvent& a, const SessionEvent& b) { return a.seq < b.seq; });
  sort_by_time_uid(s.check_ins, &CheckIn::at_ms);
  sort_by_time_uid(s.adaptations, &Adaptation::at_ms);
  sort_by_time_uid(s.notes, &SessionNote::at_ms);
}

void canonicalize(Journal& j) {
  std::sort(j.people.begin(), j.people.end(), [](const Person& a, const Person& b) { return a.id < b.id; });
  std::sort(j.profiles.begin(), j.profiles.end(),
            [](const PersonProfile& a, const PersonProfile& b) { return a.person_id < b.person_id; });
  sort_by_time_uid(j.routines, &SavedRoutine::created_ms);
  sort_by_time_uid(j.custom_exercises, &CustomExercise::created_ms);
  std::sort(j.sessions.begin(), j.sessions.end(), [](const SessionRecord& a, const SessionRecord& b) {
    return std::tie(a.info.started_ms, a.info.uid) < std::tie(b.info.started_ms, b.info.uid);
  });
  for (auto& s : j.sessions) canonicalize(s);
  sort_by_time_uid(j.self_tests, &SelfTest::at_ms);
  std::sort(j.settings.begin(), j.settings.end(), [](const Setting& a, const Setting& b) {
    return std::tie(a.person_id, a.key) < std::tie(b.person_id, b.key);
  });
}

UnixMillis week_start(UnixMillis at_ms, int utc_offset_minutes) {
  const UnixMillis offset_ms = static_cast<UnixMillis>(utc_offset_minutes) * 60'000;
  const UnixMillis local_day = floor_div(at_ms + offset_ms, kDayMs);
  // 1970-01-01 was a Thursday: days since a Monday = (day + 3) mod 7.
  const UnixMillis since_monday = ((local_day + 3) % 7 + 7) % 7;
  return (local_day - since_monday) * kDayMs - offset_ms;
}

std::vector<WeeklyRegionStat> weekly_region_stats(const std::vector<CheckIn>& check_ins, int utc_offset_minutes) {
  struct Sum {
    int count = 0;
    long total = 0;
    int max = 0;
    int pain = 0;
  };
  std::map<std::tuple<UnixMillis, std::string, int>, Sum> groups;
  for (const auto& c : check_ins) {
    auto& g = groups[{week_start(c.at_ms, utc_offset_minutes), c.region, static_cast<int>(c.side)}];
    ++g.count;
    g.total += c.intensity;
    g.max = std::max(g.max, c.intensity);
    if (is_pain(c.quality)) ++g.pain;
  }
  std::vector<WeeklyRegionStat> out;
  out.reserve(groups.size());
  for (const auto& [key, g] : groups) {
    WeeklyRegionStat s;
    s.week_start_ms = std::get<0>(key);
    s.region = std::get<1>(key);
    s.side = static_cast<Side>(std::get<2>(key));
    s.check_ins = g.count;
    s.mean_intensity = std::round(static_cast<double>(g.total) * 1000.0 / g.count) / 1000.0;
    s.max_intensity = g.max;
    s.pain_count = g.pain;
    out.push_back(std::move(s));
  }
  // Order by week, region, side spelling ("centre" < "left" < "right"), which SQL ORDER BY side also gives.
  std::stable_sort(out.begin(), out.end(), [](const WeeklyRegionStat& a, const WeeklyRegionStat& b) {
    return std::make_tuple(a.week_start_ms, a.region, to_string(a.side)) <
           std::make_tuple(b.week_start_ms, b.region, to_string(b.side));
  });
  return out;
}

}  // namespace smr::core
