#include "json/progress_json.h"

#include "json/self_test_json.h"

#include <optional>

#include <boost/json.hpp>

#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

using detail::strings;

template <typename T>
bj::value optional(const std::optional<T>& v) {
  return v ? bj::value(*v) : bj::value(nullptr);
}

template <typename T, typename F>
bj::array array_of(const std::vector<T>& items, F f) {
  bj::array out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(f(i));
  return out;
}

template <typename T>
bj::array array_of(const std::vector<T>& items) {
  return array_of(items, [](const T& i) { return to_json(i); });
}

}  // namespace

bj::value to_json(const core::TrendFit& t) {
  return bj::object{{"trend", core::to_string(t.trend)},
                    {"slope_per_week", optional(t.slope_per_week)},
                    {"change", t.change},
                    {"span_days", t.span_days},
                    {"points", t.points}};
}

bj::value to_json(const core::RegionSensation& r) {
  return bj::object{
      {"region", r.region},
      {"side", core::to_string(r.side)},
      {"points", array_of(r.points,
                          [](const core::IntensityPoint& p) {
                            return bj::object{{"at_ms", p.at_ms},         {"session_uid", p.session_uid},
                                              {"intensity", p.intensity}, {"max_intensity", p.max_intensity},
                                              {"check_ins", p.check_ins}, {"pain", p.pain}};
                          })},
      {"weeks", array_of(r.weeks,
                         [](const core::WeeklyIntensity& w) {
                           return bj::object{{"week_start_ms", w.week_start_ms},
                                             {"check_ins", w.check_ins},
                                             {"mean_intensity", w.mean_intensity},
                                             {"max_intensity", w.max_intensity},
                                             {"pain_count", w.pain_count}};
                         })},
      {"trend", to_json(r.trend)},
      {"first_weeks_mean", optional(r.first_weeks_mean)},
      {"recent_mean", optional(r.recent_mean)},
      {"first_to_recent_change", optional(r.first_to_recent_change)},
      {"latest_intensity", r.latest_intensity},
      {"latest_at_ms", r.latest_at_ms},
  };
}

bj::value to_json(const core::Adherence& a) {
  bj::array by_hour;
  by_hour.reserve(a.sessions_by_hour.size());
  for (int n : a.sessions_by_hour) by_hour.push_back(n);
  return bj::object{
      {"target", a.target},
      {"weeks", array_of(a.weeks,
                         [](const core::AdherenceWeek& w) {
                           return bj::object{
                               {"week_start_ms", w.week_start_ms},
                               {"sessions", w.sessions},
                               {"met_target", w.met_target},
                               {"in_progress", w.in_progress},
                               {"regions", array_of(w.regions,
                                                    [](const core::RegionWeek& r) {
                                                      return bj::object{{"region", r.region},
                                                                        {"side", core::to_string(r.side)},
                                                                        {"active_ms", r.active_ms},
                                                                        {"sessions", r.sessions},
                                                                        {"sessions_at_dose", r.sessions_at_dose}};
                                                    })},
                           };
                         })},
      {"streaks", bj::object{{"current_days", a.streaks.current_days},
                             {"longest_days", a.streaks.longest_days},
                             {"current_weeks", a.streaks.current_weeks},
                             {"longest_weeks", a.streaks.longest_weeks}}},
      {"sessions_by_hour", std::move(by_hour)},
      {"mean_sessions_per_week", a.mean_sessions_per_week},
  };
}

bj::value to_json(const core::Soreness& s) {
  return bj::object{
      {"sessions",
       array_of(s.sessions,
                [](const core::SessionSoreness& x) {
                  return bj::object{
                      {"session_uid", x.session_uid}, {"region", x.region}, {"side", core::to_string(x.side)},
                      {"before", x.before},           {"after", x.after},   {"change", x.change},
                      {"meaningful", x.meaningful}};
                })},
      {"workouts", array_of(s.workouts,
                            [](const core::WorkoutSoreness& w) {
                              bj::array by_day;
                              for (const auto& d : w.by_day) by_day.push_back(optional(d));
                              return bj::object{{"workout_uid", w.workout_uid}, {"workout_ms", w.workout_ms},
                                                {"region", w.region},           {"side", core::to_string(w.side)},
                                                {"by_day", std::move(by_day)},  {"peak_day", optional(w.peak_day)}};
                            })},
      {"mean_change", optional(s.mean_change)},
  };
}

bj::value to_json(const core::PainAlert& a) {
  return bj::object{{"id", a.id},
                    {"kind", core::to_string(a.kind)},
                    {"region", a.region},
                    {"side", core::to_string(a.side)},
                    {"since_ms", a.since_ms},
                    {"pain_sessions", a.pain_sessions},
                    {"sessions_considered", a.sessions_considered},
                    {"change", a.change},
                    {"message", a.message},
                    {"rules", strings(a.evidence.rules)},
                    {"sources", strings(a.evidence.sources)},
                    {"acknowledged", a.acknowledged}};
}

bj::value to_json(const core::Progress& p) {
  return bj::object{
      {"sensation", array_of(p.sensation)},   {"adherence", to_json(p.adherence)}, {"soreness", to_json(p.soreness)},
      {"self_tests", array_of(p.self_tests)}, {"alerts", array_of(p.alerts)},
  };
}

}  // namespace smr::json
