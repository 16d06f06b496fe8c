#include "core/progress.h"

namespace smr::core {
namespace {

// The records at or after `since_ms`: `records` itself when the filter keeps everything (no copy), else
// `storage` filled with the kept ones.
template <typename T, typename At>
const std::vector<T>& since(const std::vector<T>& records, UnixMillis since_ms, At at, std::vector<T>& storage) {
  if (since_ms == 0) return records;
  for (const auto& r : records) {
    if (at(r) >= since_ms) storage.push_back(r);
  }
  return storage;
}

}  // namespace

Progress compute_progress(const ProgressInput& input, const ProgressOptions& options) {
  std::vector<CheckIn> check_in_storage;
  std::vector<SessionInfo> session_storage;
  std::vector<SelfTest> test_storage;
  const auto& check_ins = since(
      input.check_ins, options.since_ms, [](const CheckIn& c) { return c.at_ms; }, check_in_storage);
  const auto& sessions = since(
      input.sessions, options.since_ms, [](const SessionInfo& s) { return s.started_ms; }, session_storage);
  const auto& tests = since(
      input.self_tests, options.since_ms, [](const SelfTest& t) { return t.at_ms; }, test_storage);

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
