#pragma once
// The safety gate: every routine passes through it before and while it is played, whatever its origin
// (planned now, read from a file, kept in a browser, assigned by someone else), and every in-session change is
// chosen among the options it allows (docs/architecture.md, "The safety gate").
//
// It checks a routine against the person's *current* screening (core/screening.h, with their active warning
// signs already folded in by the caller):
//   - a step whose exercise, region and tool do not belong together is refused (GateRefusal naming the step);
//   - a step that breaks a safety rule is replaced by a safe alternative on the same region and side, or
//     removed when there is none; the person is told which and why (GateChange, with rule ids);
//   - an intensity ceiling above the person's limit is lowered;
//   - with a red flag or an active warning sign there is no session at all.
//
// Pure: no I/O, no clock.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/catalog.h"
#include "core/enum_names.h"
#include "core/routine.h"
#include "core/screening.h"

namespace smr::core {

// One safety rule a step can break. The spellings appear in GateChange::problem and the JSON.
enum class StepRule {
  kRegionBlocked,    // screening blocks the region or this side of it (R10, R11)
  kExerciseUnsafe,   // the exercise is unsafe for one of the person's conditions (R10)
  kToolLimited,      // a condition limit forbids the tool on this region (R10)
  kNeverRollZone,    // a never-roll zone in the region forbids the tool there (R11)
  kToolUnsuited,     // the tool does not suit the region (tools.toml `suits`, R9)
  kPositionLimited,  // a condition limit rules out the exercise's position (R10)
  kContext,          // the exercise cannot be done where the person is (seated, standing, on a call)
};

template <>
struct EnumNames<StepRule> {
  static constexpr std::array<std::pair<StepRule, std::string_view>, 7> kNames{{
      {StepRule::kRegionBlocked, "region-blocked"},
      {StepRule::kExerciseUnsafe, "exercise-unsafe"},
      {StepRule::kToolLimited, "tool-limited"},
      {StepRule::kNeverRollZone, "never-roll-zone"},
      {StepRule::kToolUnsuited, "tool-unsuited"},
      {StepRule::kPositionLimited, "position-limited"},
      {StepRule::kContext, "context"},
  }};
};

// A rule a step breaks, in plain words, with the evidence behind the rule.
struct StepProblem {
  StepRule rule = StepRule::kRegionBlocked;
  std::string reason;              // "loss of feeling: firm tools are not used on your calves"
  std::vector<std::string> rules;  // R-ids

  bool operator==(const StepProblem&) const = default;
};

// What the gate judges a step by, besides the screening.
struct GatePolicy {
  std::optional<Context> context;  // where the person is; nullopt: not known (a routine without one)
  // Tools the person has (catalog ids). Alternatives are chosen only among them; empty: the tools the routine
  // already uses.
  std::vector<std::string> owned_tools;
};

// The safety problems of one step (empty: the step is safe for this person here). The step must be coherent
// (step_incoherence() empty).
std::vector<StepProblem> step_problems(const Catalog& catalog, const ScreeningResult& screening,
                                       const RoutineStep& step, std::optional<Context> context);

inline bool step_allowed(const Catalog& catalog, const ScreeningResult& screening, const RoutineStep& step,
                         std::optional<Context> context) {
  return step_problems(catalog, screening, step, context).empty();
}

// Why a step does not hold together (unknown exercise, region or tool; a tool the exercise does not use; an
// exercise of another region; a side the region does not have), or "" when it does. `field` gets the part at
// fault ("exercise", "region", "tool", "side").
std::string step_incoherence(const Catalog& catalog, const RoutineStep& step, std::string* field = nullptr);

enum class GateChangeKind { kReplaced, kRemoved, kIntensityLowered };

template <>
struct EnumNames<GateChangeKind> {
  static constexpr std::array<std::pair<GateChangeKind, std::string_view>, 3> kNames{{
      {GateChangeKind::kReplaced, "replaced"},
      {GateChangeKind::kRemoved, "removed"},
      {GateChangeKind::kIntensityLowered, "intensity-lowered"},
  }};
};

// One change the gate made, for the person to see before the session starts.
struct GateChange {
  GateChangeKind kind = GateChangeKind::kReplaced;
  int step = 0;  // index in the routine as it came in
  std::string region;
  Side side = Side::kCentre;
  std::string from_exercise;
  std::string from_tool;
  std::string to_exercise;     // kReplaced
  std::string to_tool;         // kReplaced
  int from_intensity_max = 0;  // kIntensityLowered
  int to_intensity_max = 0;
  std::vector<StepProblem> problems;  // the rules the step broke (empty for kIntensityLowered)
  std::vector<std::string> rules;     // every R-id behind the change
  std::string message;                // plain words: what changed and why, ending with the rule ids

  bool operator==(const GateChange&) const = default;
};

struct GateResult {
  Routine routine;  // safe to play: every step passes step_problems() with the policy's context
  std::vector<GateChange> changes;

  bool changed() const { return !changes.empty(); }
};

struct GateRefusal {
  enum class Kind {
    kIncoherent,   // a step does not hold together: `field` names it ("routine.steps[2].tool")
    kStop,         // a red flag or an active warning sign: no session (`stop` holds the advice, emergency first)
    kNothingSafe,  // every step broke a rule and none could be replaced
  };
  Kind kind = Kind::kIncoherent;
  std::string field;
  std::string message;
  std::vector<Notice> stop;
};

// Passes `routine` through the gate. On success the routine's clearance notices are the screening's current
// ones (a stale plan may carry old ones).
tl::expected<GateResult, GateRefusal> gate_routine(const Catalog& catalog, const ScreeningResult& screening,
                                                   const GatePolicy& policy, Routine routine);

// Gentleness order of tools (softer, broader contact first): true when `candidate` is no firmer and no more
// precise than `current`, and gentler in one of the two.
bool gentler_tool(const Tool& candidate, const Tool& current);

// The gate for a routine played on a shared clock (a live class, docs/classes.md): every step keeps its place.
// steps[i] is step i as this person may play it (replaced, or its ceiling lowered), or nullopt when nothing safe
// can take its place (the change of kind kRemoved says why). Refused only for a red flag or warning sign (kStop)
// or a step that does not hold together (kIncoherent); a routine with no safe step is not refused here.
struct SteppedGateResult {
  std::vector<std::optional<RoutineStep>> steps;
  std::vector<GateChange> changes;
};
tl::expected<SteppedGateResult, GateRefusal> gate_steps(const Catalog& catalog, const ScreeningResult& screening,
                                                        const GatePolicy& policy, const Routine& routine);

}  // namespace smr::core
