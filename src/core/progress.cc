#include "core/progress.h"

namespace smr::core {
namespace {

template <typename T, typename At>
std::vector<T> since(const std::vector<T>& records, UnixMillis since_ms, At at) {
  if (since_ms == 0) return records;
  std::vector<T> out;
  for (const auto& r : records) {
    if (at(r) >= since_ms) out.push_back(r);
  }
  return out;
}

}  // namespace

Progress compute_progress(const ProgressInput& input, const ProgressOptions& options) {
  const auto check_ins = since(input.check_ins, options.since_ms, [](const CheckIn& c) { return c.at_ms; });
  const auto sessions = since(input.sessions, options.since_ms, [](const SessionInfo& s) { return s.started_ms; });
  const auto tests = since(input.self_tests, options.since_ms, [](const SelfTest& t) { return t.at_ms; });

  Progress p;
  p.sensation = sensation_by_region(check_ins, options.now_ms, options.tz, options.sensation);
  p.adherence = adherence(sessions, input.doses, options.now_ms, options.tz, options.adherence);
  p.soreness = soreness(soreness_ratings_from(tests), workouts_from(tests), options.tz);
  p.self_tests = self_test_progress(tests);
  // A safety note must not disappear because the view is narrowed: alerts look at the whole history.
  p.alerts = pain_alerts(input.check_ins, options.now_ms, options.tz, input.acknowledged_alert_ids, options.alerts);
  return p;
}

}  // namespace smr::core
