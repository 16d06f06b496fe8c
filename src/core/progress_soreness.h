#pragma once
// Muscle soreness (DOMS): 0-10 ratings of a region before and after a session, and on the days after a
// workout (docs/progress.md "Soreness"). Rolling after a workout and again at 24 h and 48 h eases soreness
// (R6); these figures let the person see whether it does for them.
//
// Storage (no schema change): a rating is a SelfTest row with test "soreness/<region>", unit "nrs", value the
// rating, side, session_uid and phase ("before", "after" or "check"); a workout is a SelfTest row with test
// "workout", unit "event", value 0 and phase "check". Both fit the existing self_tests table and its
// validation; soreness_ratings_from() and workouts_from() read them back.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/journal.h"
#include "core/time_zone.h"

namespace smr::core {

enum class SorenessPhase { kBefore, kAfter, kCheck };

template <>
struct EnumNames<SorenessPhase> {
  static constexpr std::array<std::pair<SorenessPhase, std::string_view>, 3> kNames{
      {{SorenessPhase::kBefore, "before"}, {SorenessPhase::kAfter, "after"}, {SorenessPhase::kCheck, "check"}}};
};

struct SorenessRating {
  UnixMillis at_ms = 0;
  std::string region;
  Side side = Side::kCentre;
  int rating = 0;           // NRS 0-10
  std::string session_uid;  // the rolling session it was taken around; empty for a day check
  SorenessPhase phase = SorenessPhase::kCheck;

  bool operator==(const SorenessRating&) const = default;
};

struct Workout {
  std::string uid;
  UnixMillis at_ms = 0;

  bool operator==(const Workout&) const = default;
};

inline constexpr std::string_view kSorenessTestPrefix = "soreness/";
inline constexpr std::string_view kWorkoutTest = "workout";

// The storage mapping above, both ways. Rows that are not soreness ratings (or workouts) are skipped.
SelfTest to_self_test(const SorenessRating& r);
std::vector<SorenessRating> soreness_ratings_from(const std::vector<SelfTest>& rows);
std::vector<Workout> workouts_from(const std::vector<SelfTest>& rows);

struct SessionSoreness {
  std::string session_uid;
  std::string region;
  Side side = Side::kCentre;
  int before = 0;           // the last "before" rating of the session
  int after = 0;            // the last "after" rating
  int change = 0;           // after - before (negative: less sore)
  bool meaningful = false;  // |change| >= 2 NRS points (S50)

  bool operator==(const SessionSoreness&) const = default;
};

struct WorkoutSoreness {
  std::string workout_uid;
  UnixMillis workout_ms = 0;
  std::string region;
  Side side = Side::kCentre;
  std::array<std::optional<int>, 3> by_day{};  // highest rating on local day 0, 1, 2 after the workout
  std::optional<int> peak_day;                 // the day of the highest rating (earliest on ties)

  bool operator==(const WorkoutSoreness&) const = default;
};

struct Soreness {
  std::vector<SessionSoreness> sessions;  // by time of the session's first rating, then region, side
  std::vector<WorkoutSoreness> workouts;  // by workout time, then region, side
  std::optional<double> mean_change;      // mean of SessionSoreness::change

  bool operator==(const Soreness&) const = default;
};

// A rating belongs to the latest workout at or before it when it falls on local day 0-2 after that workout.
Soreness soreness(const std::vector<SorenessRating>& ratings, const std::vector<Workout>& workouts, const TimeZone& tz);

}  // namespace smr::core
