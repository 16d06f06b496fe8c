#include "json/progress_json.h"

#include "json/self_test_json.h"

#include <optional>

#include <boost/json.hpp>

namespace smr::json {

namespace bj = boost::json;

namespace {

template <typename T>
bj::value optional(const std::optional<T>& v, const bj::storage_ptr& sp) {
  return v ? bj::value(*v, sp) : bj::value(nullptr, sp);
}

template <typename T, typename F>
bj::array array_of(const std::vector<T>& items, const bj::storage_ptr& sp, F f) {
  bj::array out(sp);
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(f(i));
  return out;
}

template <typename T>
bj::array array_of(const std::vector<T>& items, const bj::storage_ptr& sp) {
  return array_of(items, sp, [&](const T& i) { return to_json(i, sp); });
}

bj::array strings(const std::vector<std::string>& items, const bj::storage_ptr& sp) {
  return array_of(items, sp, [&](const std::string& s) { return bj::value(s, sp); });
}

}  // namespace

bj::value to_json(const core::TrendFit& t, bj::storage_ptr sp) {
  return bj::object({{"trend", core::to_string(t.trend)},
                     {"slope_per_week", optional(t.slope_per_week, sp)},
                     {"change", t.change},
                     {"span_days", t.span_days},
                     {"points", t.points}},
                    sp);
}

bj::value to_json(const core::RegionSensation& r, bj::storage_ptr sp) {
  return bj::object(
      {
          {"region", r.region},
          {"side", core::to_string(r.side)},
          {"points", array_of(r.points, sp,
                              [&](const core::IntensityPoint& p) {
                                return bj::object({{"at_ms", p.at_ms},
                                                   {"session_uid", p.session_uid},
                                                   {"intensity", p.intensity},
                                                   {"max_intensity", p.max_intensity},
                                                   {"check_ins", p.check_ins},
                                                   {"pain", p.pain}},
                                                  sp);
                              })},
          {"weeks", array_of(r.weeks, sp,
                             [&](const core::WeeklyIntensity& w) {
                               return bj::object({{"week_start_ms", w.week_start_ms},
                                                  {"check_ins", w.check_ins},
                                                  {"mean_intensity", w.mean_intensity},
                                                  {"max_intensity", w.max_intensity},
                                                  {"pain_count", w.pain_count}},
                                                 sp);
                             })},
          {"trend", to_json(r.trend, sp)},
          {"first_weeks_mean", optional(r.first_weeks_mean, sp)},
          {"recent_mean", optional(r.recent_mean, sp)},
          {"first_to_recent_change", optional(r.first_to_recent_change, sp)},
          {"latest_intensity", r.latest_intensity},
          {"latest_at_ms", r.latest_at_ms},
      },
      sp);
}

bj::value to_json(const core::Adherence& a, bj::storage_ptr sp) {
  bj::array by_hour(sp);
  by_hour.reserve(a.sessions_by_hour.size());
  for (int n : a.sessions_by_hour) by_hour.push_back(n);
  return bj::object(
      {
          {"target", a.target},
          {"weeks", array_of(a.weeks, sp,
                             [&](const core::AdherenceWeek& w) {
                               return bj::object(
                                   {
                                       {"week_start_ms", w.week_start_ms},
                                       {"sessions", w.sessions},
                                       {"met_target", w.met_target},
                                       {"in_progress", w.in_progress},
                                       {"regions", array_of(w.regions, sp,
                                                            [&](const core::RegionWeek& r) {
                                                              return bj::object(
                                                                  {{"region", r.region},
                                                                   {"side", core::to_string(r.side)},
                                                                   {"active_ms", r.active_ms},
                                                                   {"sessions", r.sessions},
                                                                   {"sessions_at_dose", r.sessions_at_dose}},
                                                                  sp);
                                                            })},
                                   },
                                   sp);
                             })},
          {"streaks", bj::object({{"current_days", a.streaks.current_days},
                                  {"longest_days", a.streaks.longest_days},
                                  {"current_weeks", a.streaks.current_weeks},
                                  {"longest_weeks", a.streaks.longest_weeks}},
                                 sp)},
          {"sessions_by_hour", std::move(by_hour)},
          {"mean_sessions_per_week", a.mean_sessions_per_week},
      },
      sp);
}

bj::value to_json(const core::Soreness& s, bj::storage_ptr sp) {
  return bj::object(
      {
          {"sessions", array_of(s.sessions, sp,
                                [&](const core::SessionSoreness& x) {
                                  return bj::object({{"session_uid", x.session_uid},
                                                     {"region", x.region},
                                                     {"side", core::to_string(x.side)},
                                                     {"before", x.before},
                                                     {"after", x.after},
                                                     {"change", x.change},
                                                     {"meaningful", x.meaningful}},
                                                    sp);
                                })},
          {"workouts", array_of(s.workouts, sp,
                                [&](const core::WorkoutSoreness& w) {
                                  bj::array by_day(sp);
                                  for (const auto& d : w.by_day) by_day.push_back(optional(d, sp));
                                  return bj::object({{"workout_uid", w.workout_uid},
                                                     {"workout_ms", w.workout_ms},
                                                     {"region", w.region},
                                                     {"side", core::to_string(w.side)},
                                                     {"by_day", std::move(by_day)},
                                                     {"peak_day", optional(w.peak_day, sp)}},
                                                    sp);
                                })},
          {"mean_change", optional(s.mean_change, sp)},
      },
      sp);
}

bj::value to_json(const core::PainAlert& a, bj::storage_ptr sp) {
  return bj::object({{"id", a.id},
                     {"kind", core::to_string(a.kind)},
                     {"region", a.region},
                     {"side", core::to_string(a.side)},
                     {"since_ms", a.since_ms},
                     {"pain_sessions", a.pain_sessions},
                     {"sessions_considered", a.sessions_considered},
                     {"change", a.change},
                     {"message", a.message},
                     {"rules", strings(a.evidence.rules, sp)},
                     {"sources", strings(a.evidence.sources, sp)},
                     {"acknowledged", a.acknowledged}},
                    sp);
}

bj::value to_json(const core::Progress& p, bj::storage_ptr sp) {
  return bj::object({{"sensation", array_of(p.sensation, sp)},
                     {"adherence", to_json(p.adherence, sp)},
                     {"soreness", to_json(p.soreness, sp)},
                     {"self_tests", array_of(p.self_tests, sp)},
                     {"alerts", array_of(p.alerts, sp)}},
                    sp);
}

}  // namespace smr::json
