#pragma once
// Adherence: sessions per local week against the person's target, streaks, time per region per week against
// the >= 90 s dose (R1, R6), and the time of day people practise (docs/progress.md "Adherence").

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/journal.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core {

struct AdherenceOptions {
  int sessions_per_week_target = 5;  // "most days" (R7 asks for >= 3; the product's default is 5)
  std::int64_t dose_ms = 90'000;     // per region per session (R1, R6)
};

struct RegionWeek {
  std::string region;
  Side side = Side::kCentre;
  std::int64_t active_ms = 0;  // RegionDigest::active_ms summed over the week's sessions
  int sessions = 0;            // sessions that played the region (active_ms > 0)
  int sessions_at_dose = 0;    // ... for at least dose_ms

  bool operator==(const RegionWeek&) const = default;
};

struct AdherenceWeek {
  UnixMillis week_start_ms = 0;  // local Monday 00:00
  int sessions = 0;
  bool met_target = false;
  bool in_progress = false;         // the week holding now: not over yet
  std::vector<RegionWeek> regions;  // regions played in the week, by region id, then side

  bool operator==(const AdherenceWeek&) const = default;
};

struct Streaks {
  int current_days = 0;  // local days in a row with a session, ending today (or yesterday if none yet today)
  int longest_days = 0;
  int current_weeks = 0;  // weeks in a row meeting the target, ending with the current week if it already
                          // meets it, else with the last complete week
  int longest_weeks = 0;

  bool operator==(const Streaks&) const = default;
};

struct Adherence {
  int target = 5;
  std::vector<AdherenceWeek> weeks;  // every local week from the first session's to now's, empty ones included
  Streaks streaks;
  std::array<int, 24> sessions_by_hour{};  // by the local hour a session started
  double mean_sessions_per_week = 0;       // over complete weeks (0 when there is none)

  bool operator==(const Adherence&) const = default;
};

// Sessions that started after `now_ms` are ignored; every other session counts, whatever its status (a
// stopped session was still practice), in the local week of its start. Regions checked in at but never played
// (active_ms == 0) are not listed. `sessions` in any order (oldest first is not re-sorted).
Adherence adherence(const std::vector<SessionDigest>& sessions, UnixMillis now_ms, const TimeZone& tz,
                    const AdherenceOptions& options = {});

}  // namespace smr::core
