#include "core/progress_soreness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/progress_trend.h"

namespace smr::core {

SelfTest to_self_test(const SorenessRating& r) {
  SelfTest t;
  t.at_ms = r.at_ms;
  t.test = std::string(kSorenessTestPrefix) + r.region;
  t.side = r.side;
  t.value = r.rating;
  t.unit = "nrs";
  t.session_uid = r.session_uid;
  t.phase = std::string(to_string(r.phase));
  return t;
}

std::vector<SorenessRating> soreness_ratings_from(const std::vector<SelfTest>& rows) {
  std::vector<SorenessRating> out;
  for (const auto& t : rows) {
    if (!t.test.starts_with(kSorenessTestPrefix) || t.test.size() == kSorenessTestPrefix.size()) continue;
    const auto phase = parse_enum<SorenessPhase>(t.phase);
    if (!phase) continue;
    out.push_back(SorenessRating{t.at_ms, t.test.substr(kSorenessTestPrefix.size()), t.side,
                                 static_cast<int>(std::lround(t.value)), t.session_uid, *phase});
  }
  return out;
}

std::vector<Workout> workouts_from(const std::vector<SelfTest>& rows) {
  std::vector<Workout> out;
  for (const auto& t : rows) {
    if (t.test == kWorkoutTest) out.push_back(Workout{t.uid, t.at_ms});
  }
  return out;
}

Soreness soreness(const std::vector<SorenessRating>& ratings, const std::vector<Workout>& workouts,
                  const TimeZone& tz) {
  Soreness out;
  std::vector<const SorenessRating*> sorted;
  for (const auto& r : ratings) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->at_ms < b->at_ms; });

  // Before/after pairs per (session, region, side), in order of the session's first rating.
  struct Pair {
    UnixMillis first_ms = 0;
    std::optional<int> before;
    std::optional<int> after;
  };
  std::map<std::tuple<std::string, std::string, int>, Pair> pairs;
  for (const auto* r : sorted) {
    if (r->session_uid.empty() || r->phase == SorenessPhase::kCheck) continue;
    auto [it, fresh] = pairs.try_emplace({r->session_uid, r->region, static_cast<int>(r->side)});
    if (fresh) it->second.first_ms = r->at_ms;
    (r->phase == SorenessPhase::kBefore ? it->second.before : it->second.after) = r->rating;
  }
  std::vector<std::pair<UnixMillis, SessionSoreness>> sessions;
  for (const auto& [key, p] : pairs) {
    if (!p.before || !p.after) continue;
    SessionSoreness s{std::get<0>(key),
                      std::get<1>(key),
                      static_cast<Side>(std::get<2>(key)),
                      *p.before,
                      *p.after,
                      *p.after - *p.before,
                      false};
    s.meaningful = std::abs(s.change) >= kMeaningfulNrsChange;
    sessions.emplace_back(p.first_ms, std::move(s));
  }
  std::stable_sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.region, a.second.side) < std::tie(b.first, b.second.region, b.second.side);
  });
  double total = 0;
  for (auto& [at, s] : sessions) {
    total += s.change;
    out.sessions.push_back(std::move(s));
  }
  if (!out.sessions.empty()) out.mean_change = total / static_cast<double>(out.sessions.size());

  // Days 0-2 after a workout.
  std::vector<Workout> ws = workouts;
  std::stable_sort(ws.begin(), ws.end(), [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  std::map<std::tuple<std::size_t, std::string, int>, WorkoutSoreness> by_workout;
  for (const auto* r : sorted) {
    auto it =
        std::upper_bound(ws.begin(), ws.end(), r->at_ms, [](UnixMillis t, const Workout& w) { return t < w.at_ms; });
    if (it == ws.begin()) continue;
    const auto index = static_cast<std::size_t>(std::prev(it) - ws.begin());
    const Workout& w = ws[index];
    const LocalDay day = local_day(r->at_ms, tz) - local_day(w.at_ms, tz);
    if (day < 0 || day > 2) continue;
    auto& entry = by_workout[{index, r->region, static_cast<int>(r->side)}];
    entry.workout_uid = w.uid;
    entry.workout_ms = w.at_ms;
    entry.region = r->region;
    entry.side = r->side;
    auto& slot = entry.by_day[static_cast<std::size_t>(day)];
    slot = std::max(slot.value_or(r->rating), r->rating);
  }
  for (auto& [key, entry] : by_workout) {
    for (int d = 0; d < 3; ++d) {
      const auto& v = entry.by_day[static_cast<std::size_t>(d)];
      if (v && (!entry.peak_day || *v > *entry.by_day[static_cast<std::size_t>(*entry.peak_day)])) entry.peak_day = d;
    }
    out.workouts.push_back(std::move(entry));
  }
  return out;
}

}  // namespace smr::core
