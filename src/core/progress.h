#pragma once
// Progress: everything `smr progress`, the body map and the web API show, computed in one call from session
// digests and self-tests (docs/progress.md). Pure: the caller reads the store (Store::session_digests, the
// self-tests, the acknowledged alert ids) and passes `now` and the person's time zone.

#include <string>
#include <vector>

#include "core/journal.h"
#include "core/progress_adherence.h"
#include "core/progress_alert.h"
#include "core/progress_self_test.h"
#include "core/progress_sensation.h"
#include "core/progress_soreness.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core {

struct ProgressInput {
  std::vector<SessionDigest> sessions;  // oldest first (Store::session_digests); another order is sorted
  std::vector<SelfTest> self_tests;     // range-of-motion tests, soreness ratings and workouts (progress_soreness.h)
  std::vector<std::string> acknowledged_alert_ids;
};

struct ProgressOptions {
  UnixMillis now_ms = 0;
  TimeZone tz;
  // Only sessions that started, and self-tests taken, at or after this instant count (e.g. `--since`);
  // 0 = from the start. Alerts ignore it.
  UnixMillis since_ms = 0;
  SensationOptions sensation;
  AdherenceOptions adherence;
  AlertOptions alerts;
};

struct Progress {
  std::vector<RegionSensation> sensation;
  Adherence adherence;
  Soreness soreness;
  std::vector<SelfTestProgress> self_tests;
  std::vector<PainAlert> alerts;  // acknowledged ones included (flagged); alerts ignore since_ms

  bool operator==(const Progress&) const = default;
};

// Sessions that started after now_ms are ignored (a session counts whole or not at all). O(n log n) at worst in
// the number of digests, linear when they come oldest first; copies no digest.
Progress compute_progress(const ProgressInput& input, const ProgressOptions& options);

}  // namespace smr::core
