#pragma once
// The routine planner: a person's profile and request -> an ordered, timed routine that says why each step
// is there (algorithm and objective: docs/planner.md).
//
// Pure: no I/O, no clock. Hard guarantees, whatever the input: no step on a region (or side) that screening
// blocks, no tool that screening or a never-roll zone forbids there, no exercise marked unsafe for one of the
// person's conditions, the routine's total time never over the budget, and paired regions get both sides
// equally unless a side was asked for (or one side is blocked). With a red flag there is no routine.

#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "core/catalog.h"
#include "core/journal.h"
#include "core/problem.h"
#include "core/routine.h"
#include "core/screening.h"

namespace smr::core {

// When you add a goal: give it a spelling here, candidates and doses in planner.cc, and document it in
// docs/planner.md and docs/cli.md.
enum class Goal {
  kPreActivity,    // just before a workout or sport: short doses on the muscles about to work (R4, R5)
  kPostWorkout,    // straight after: the worked muscles, >= 90 s each when time allows (R6, R1)
  kSorenessDay1,   // the day after a hard workout (R6)
  kSorenessDay2,   // two days after (R6)
  kDailyMobility,  // everyday range of motion (R1, R7)
  kDeskRelief,     // the regions desk work loads
  kBreathingCalm,  // slow breathing with long, gentle holds on ribs, diaphragm, shoulders (R13, R8)
  kSpecificAche,   // one or more regions that bother you
};

template <>
struct EnumNames<Goal> {
  static constexpr std::array<std::pair<Goal, std::string_view>, 8> kNames{{
      {Goal::kPreActivity, "pre-activity"},
      {Goal::kPostWorkout, "post-workout"},
      {Goal::kSorenessDay1, "soreness-day-1"},
      {Goal::kSorenessDay2, "soreness-day-2"},
      {Goal::kDailyMobility, "daily-mobility"},
      {Goal::kDeskRelief, "desk-relief"},
      {Goal::kBreathingCalm, "breathing-calm"},
      {Goal::kSpecificAche, "specific-ache"},
  }};
};

// A region to focus on. No side: both sides of a paired region (the only choice for a midline one).
struct Focus {
  std::string region;
  std::optional<Side> side;

  bool operator==(const Focus&) const = default;
};

inline constexpr int kMinMinutes = 3;
inline constexpr int kMaxMinutes = 90;

struct PlanRequest {
  Goal goal = Goal::kDailyMobility;
  int minutes = 10;                               // kMinMinutes..kMaxMinutes
  std::optional<std::vector<std::string>> tools;  // tool ids; nullopt: the tools in the profile
  std::vector<Focus> focus;
  Context context = Context::kFloor;
  std::string activity;  // a lifestyle factor with activity = true ("running"), for the workout goals
  // The session's own time, which the plan fits inside `minutes` with the steps (Routine::get_ready_s,
  // check_in_s): the player that will play it says how long it makes them. 0-60 s each.
  int get_ready_s = 10;  // the countdown before the first step
  int check_in_s = 10;   // the check-in window after every set (the terminal 10 s, the phone 20 s)

  bool operator==(const PlanRequest&) const = default;
};

struct PlanError {
  enum class Kind {
    kInvalid,  // the request or profile is wrong: `message` says what and what would be right
    kStop,     // a red flag: no routine; `stop` holds the messages (R12)
  };
  Kind kind = Kind::kInvalid;
  std::string message;
  std::vector<Notice> stop;
};

// Problems with a request, one each (unknown ids list the valid ones; out-of-range minutes say the range),
// the field being the request's: "minutes", "get_ready_s", "check_in_s", "focus", "tools", "activity", "goal".
// Empty when the request can be planned. Does not check the profile (see profile_field_problems()).
std::vector<Problem> request_field_problems(const Catalog& catalog, const Profile& profile, const PlanRequest& request);
// The same as messages ("minutes: 2 is out of range; expected 3 to 90").
std::vector<std::string> request_problems(const Catalog& catalog, const Profile& profile, const PlanRequest& request);

// One region the planner could have scheduled, after the hard filters (blocks, context, tools, safety):
// the instance its selection works on. For the quality benchmark (bench/planner_bench.cc).
struct PlanCandidate {
  std::string region;
  std::vector<Side> sides;  // kCentre for a midline region; kLeft and/or kRight for a paired one
  double weight = 0;        // docs/planner.md, step 3
  std::string exercise;
  std::string tool;
  Position position = Position::kFloorBack;
};

// What the planner could have scheduled: for tests and the benchmark.
struct PlanStats {
  int candidates = 0;  // regions (with their sides) that could be rolled
  // The time every candidate would take at its largest dose, transitions counted at their upper bound. When
  // it is less than the budget there is not enough to do to fill it (e.g. few exercises fit a call).
  int capacity_s = 0;
  double value = 0;                 // the objective the selection reached (docs/planner.md)
  std::vector<PlanCandidate> pool;  // every candidate, in priority order, with the option the kept routine uses
};

// Plans a routine. Errors: kInvalid when request_problems() or profile_problems() is not empty, kStop when a
// red flag is present. The profile is screened here (screen()).
tl::expected<Routine, PlanError> plan(const Catalog& catalog, const Profile& profile, const PlanRequest& request,
                                      PlanStats* stats = nullptr);

// A session's title in the journal, from its routine's goal (a Goal's name) and length: "Recover after a
// workout, 10 min". An empty or unknown goal (a routine written by hand) gives "Guided session, N min". Both
// players (`smr roll`, POST /api/sessions) title their sessions with it.
std::string session_title(std::string_view goal, int total_s);

}  // namespace smr::core
