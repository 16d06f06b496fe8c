#pragma once
// Sensation by region and side: check-in intensity over time, its trend, and the first weeks against the
// recent ones (docs/progress.md "Sensation").

#include <optional>
#include <string>
#include <vector>

#include "core/journal.h"
#include "core/progress_trend.h"
#include "core/time_zone.h"

namespace smr::core {

struct SensationOptions {
  int trend_window_days = 42;  // the trend looks at the last 6 weeks up to now
  TrendRule trend_rule;        // >= 4 rated days spanning >= 14 days; |change| >= 2 NRS points
  int compare_weeks = 2;       // "first weeks" and "recent weeks" are this many local weeks each
};

struct IntensityPoint {
  UnixMillis at_ms = 0;
  std::string session_uid;
  int intensity = 0;
  bool pain = false;  // the quality was pain, not sensation (R3)

  bool operator==(const IntensityPoint&) const = default;
};

struct WeeklyIntensity {
  UnixMillis week_start_ms = 0;  // local Monday 00:00
  int check_ins = 0;
  double mean_intensity = 0;
  int max_intensity = 0;
  int pain_count = 0;

  bool operator==(const WeeklyIntensity&) const = default;
};

struct RegionSensation {
  std::string region;
  Side side = Side::kCentre;
  std::vector<IntensityPoint> points;  // every check-in up to now, by time
  std::vector<WeeklyIntensity> weeks;  // weeks with check-ins, ascending
  TrendFit trend;                      // over the daily means of the trend window
  std::optional<double> first_weeks_mean;
  std::optional<double> recent_mean;  // the last compare_weeks local weeks up to now; empty if none there
  // recent - first, only when the two spans do not overlap.
  std::optional<double> first_to_recent_change;
  int latest_intensity = 0;  // the most recent check-in (the body map's "current")
  UnixMillis latest_at_ms = 0;

  bool operator==(const RegionSensation&) const = default;
};

// One entry per (region, side) with check-ins at or before `now_ms`, ordered by region id, then side.
// Check-ins after `now_ms` are ignored.
std::vector<RegionSensation> sensation_by_region(const std::vector<CheckIn>& check_ins, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options = {});

}  // namespace smr::core
