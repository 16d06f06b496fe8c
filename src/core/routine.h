#pragma once
// A routine: what the planner produces and the session engine plays. Plain values, no logic beyond sums.
//
// A routine is an ordered list of steps. A step is one exercise on one side of one region with one tool;
// each of its `sets` runs the step's phases in order (locate, hold + breathe, move, roll; a breathing step
// has one breathe phase). `transition_s` comes before the first set: the time to change position, tool or
// side, with a cue saying what to do ("lie on your left side"). Every step says why it is there.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/exercise.h"
#include "core/region.h"

namespace smr::core {

// The parts of one set of a step (domain.md, "The practice, step by step").
// kLocate: roll slowly to find a tender spot. kHold: stay on it, breathing slowly through the nose (R8, R13).
// kMove: contract-relax or move the nearby joint under the tool (R8). kRoll: slow passes over the whole
// region (R2). kBreathe: paced breathing without pressure (R13), for the calm goal.
enum class PhaseKind { kLocate, kHold, kMove, kRoll, kBreathe };

template <>
struct EnumNames<PhaseKind> {
  static constexpr std::array<std::pair<PhaseKind, std::string_view>, 5> kNames{{
      {PhaseKind::kLocate, "locate"},
      {PhaseKind::kHold, "hold"},
      {PhaseKind::kMove, "move"},
      {PhaseKind::kRoll, "roll"},
      {PhaseKind::kBreathe, "breathe"},
  }};
};

struct Phase {
  PhaseKind kind = PhaseKind::kHold;
  int seconds = 0;

  bool operator==(const Phase&) const = default;
};

// One reason a step is in the routine (or a warning is given): the rules and sources behind it and the
// profile or request fact that led to it, in plain words ("you asked for hamstrings", "desk work").
struct Why {
  std::vector<std::string> rules;    // R-ids
  std::vector<std::string> sources;  // S-ids
  std::string fact;

  bool operator==(const Why&) const = default;
};

struct RoutineStep {
  std::string exercise;  // catalog exercise id
  std::string region;    // catalog region id
  Side side = Side::kCentre;
  std::string tool;  // catalog tool id (one the person owns)
  Position position = Position::kFloorBack;
  int transition_s = 0;       // before the first set: get into position, change tool or side
  std::string transition;     // what to do in that time, in plain words ("" when nothing changes)
  std::vector<Phase> phases;  // one set, in order
  int sets = 1;
  int intensity_min = 4;  // target "comfortable discomfort" (R3)
  int intensity_target_max = 6;
  int intensity_max = 7;  // ceiling: at or above, ease off (R3; lower under some conditions)
  int pass_s = 3;         // seconds per rolling pass, 2-4 (R2)
  int move_reps = 0;      // contract-relax or joint-motion repetitions in the move phase (0: none)
  std::string move_cue;   // what to do in the move phase
  bool extra = false;     // an optional "line" extra (R14), never a substitute
  std::vector<Why> why;

  int set_s() const {
    int total = 0;
    for (const auto& p : phases) total += p.seconds;
    return total;
  }
  // The whole step, transition included.
  int total_s() const { return transition_s + sets * set_s(); }

  bool operator==(const RoutineStep&) const = default;
};

// A focus region (or side) the routine could not include, and why ("not enough time", "blocked: open wound").
struct LeftOut {
  std::string region;
  Side side = Side::kCentre;
  std::string reason;
  Why why;

  bool operator==(const LeftOut&) const = default;
};

// A message shown before the routine: a clearance ("check with your physician before you start") or a
// caution ("soft tools only on your calves").
struct Notice {
  std::string id;  // the condition, red flag or rule it comes from
  std::string message;
  Citation evidence;

  bool operator==(const Notice&) const = default;
};

// The most a routine's get-ready countdown or check-in window may last, in seconds.
inline constexpr int kMaxSessionOverhead_s = 60;

struct Routine {
  std::string goal;  // the request's goal, as spelled in `smr plan --goal`
  int budget_s = 0;  // the minutes asked for, in seconds
  std::vector<RoutineStep> steps;
  std::vector<LeftOut> left_out;
  std::vector<Notice> clearance_needed;  // shown first
  std::vector<Notice> warnings;
  // General guidance that comes with the goal, shown after the steps ("roll within 10 minutes of your run,
  // then warm up", R4, R5). Added by the planner (issue 4).
  std::vector<Notice> notes;
  int breaths_per_minute = 6;  // the breathing pacer during holds (R13)
  // The session's own time, inside the budget (issue 16: the budget is the whole session): the get-ready
  // countdown before the first step, and the check-in window after every set. The player that will play the
  // routine says how long it makes them (the terminal 10 s, the phone 20 s: PlanRequest); the session engine
  // plays these unless a player overrides them (core::SessionSettings).
  int get_ready_s = 10;
  int check_in_s = 10;
  // Where the person said they would be (the request's context); the safety gate checks every step against it.
  // nullopt for a routine written without one (an old plan file).
  std::optional<Context> context;

  // Seconds of the steps alone: transitions and sets.
  int steps_s() const {
    int total = 0;
    for (const auto& s : steps) total += s.total_s();
    return total;
  }
  // The check-in windows: one after every set.
  int check_ins_s() const {
    int sets = 0;
    for (const auto& s : steps) sets += s.sets;
    return sets * check_in_s;
  }
  // The whole session as it plays with no input: get-ready, transitions, sets and check-in windows. Never over
  // budget_s for a planned routine.
  // Nothing to play is no session at all: 0, without a get-ready countdown.
  int total_s() const { return steps.empty() ? 0 : get_ready_s + steps_s() + check_ins_s(); }

  bool operator==(const Routine&) const = default;
};

}  // namespace smr::core
