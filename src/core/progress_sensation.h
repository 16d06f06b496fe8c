#pragma once
// Sensation by region and side: check-in intensity over time, its trend, and the first weeks against the
// recent ones (docs/progress.md "Sensation"), from session digests: a session's check-ins belong to the local
// day and week of the session's start.

#include <optional>
#include <string>
#include <vector>

#include "core/journal.h"
#include "core/progress_trend.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core {

struct SensationOptions {
  int trend_window_days = 42;  // the trend looks at the last 6 weeks up to now
  TrendRule trend_rule;        // >= 4 rated days spanning >= 14 days; |change| >= 2 NRS points
  int compare_weeks = 2;       // "first weeks" and "recent weeks" are this many local weeks each
  // Points cover the sessions that started in the last point_days days up to now (0: every session). The weekly
  // series covers the whole history: a chart over years reads it. This bounds the output (and its cost) however
  // long the history: ten years of daily sessions at 6 regions would be 21 900 points.
  int point_days = 182;
};

// One session's check-ins at one region and side.
struct IntensityPoint {
  UnixMillis at_ms = 0;  // the session's start (the instant that decides its local day and week)
  std::string session_uid;
  double intensity = 0;  // mean of the session's check-ins there
  int max_intensity = 0;
  int check_ins = 0;
  bool pain = false;  // at least one of them was pain, not sensation (R3)

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
  std::vector<IntensityPoint> points;  // one per session with check-ins there, by session start (point_days)
  std::vector<WeeklyIntensity> weeks;  // weeks with check-ins, ascending
  TrendFit trend;                      // over the daily means of the trend window
  std::optional<double> first_weeks_mean;
  std::optional<double> recent_mean;  // the last compare_weeks local weeks up to now; empty if none there
  // recent - first, only when the two spans do not overlap.
  std::optional<double> first_to_recent_change;
  int latest_intensity = 0;     // the most recent check-in (the body map's "current")
  UnixMillis latest_at_ms = 0;  // when it was made

  bool operator==(const RegionSensation&) const = default;
};

// One entry per (region, side) with check-ins in sessions that started at or before `now_ms`, ordered by
// region id, then side. Sessions that started after `now_ms` are ignored; the others count whole. `sessions` in
// any order (oldest first, as the stores give them, is not re-sorted).
std::vector<RegionSensation> sensation_by_region(const std::vector<SessionDigest>& sessions, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options = {});

}  // namespace smr::core
