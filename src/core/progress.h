#pragma once
// Progress: everything `smr progress`, the body map and the web API show, computed from journal records in
// one call (docs/progress.md). Pure: the caller reads the store, computes each session's region times
// (service::region_times) and passes `now` and the person's time zone.

#include <string>
#include <vector>

#include "core/journal.h"
#include "core/progress_adherence.h"
#include "core/progress_alert.h"
#include "core/progress_self_test.h"
#include "core/progress_sensation.h"
#include "core/progress_soreness.h"
#include "core/time_zone.h"

namespace smr::core {

struct ProgressInput {
  std::vector<SessionInfo> sessions;
  std::vector<CheckIn> check_ins;
  std::vector<SelfTest> self_tests;  // range-of-motion tests, soreness ratings and workouts (progress_soreness.h)
  std::vector<RegionDose> doses;
  std::vector<std::string> acknowledged_alert_ids;
};

struct ProgressOptions {
  UnixMillis now_ms = 0;
  TimeZone tz;
  // Only records at or after this instant count (e.g. `--since`); 0 = from the start.
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

Progress compute_progress(const ProgressInput& input, const ProgressOptions& options);

}  // namespace smr::core
