#include "core/progress.h"

#include "core/progress_index_internal.h"

namespace smr::core {

Progress compute_progress(const ProgressInput& input, const ProgressOptions& options) {
  const detail::DigestIndex index = detail::index_digests(input.sessions, options.now_ms, options.tz);
  const std::size_t first = index.first_at_or_after(options.since_ms);

  // Self-tests at or after since_ms: the input itself when the filter keeps everything (no copy).
  std::vector<SelfTest> test_storage;
  if (options.since_ms != 0) {
    for (const auto& t : input.self_tests) {
      if (t.at_ms >= options.since_ms) test_storage.push_back(t);
    }
  }
  const auto& tests = options.since_ms == 0 ? input.self_tests : test_storage;

  Progress p;
  p.sensation = detail::sensation_by_region(index, first, options.now_ms, options.tz, options.sensation);
  p.adherence = detail::adherence(index, first, options.now_ms, options.tz, options.adherence);
  p.soreness = soreness(soreness_ratings_from(tests), workouts_from(tests), options.tz);
  p.self_tests = self_test_progress(tests);
  // A safety note must not disappear because the view is narrowed: alerts look at the whole history.
  p.alerts = detail::pain_alerts(index, options.now_ms, input.acknowledged_alert_ids, options.alerts);
  return p;
}

}  // namespace smr::core
