#pragma once
// Check-in rules: what the coach does with "how does it feel?" (intensity 0-10 plus a quality).
//
// Each rule cites evidence.md:
//   below the target (sensation under intensity_min)   -> "lean in a little" (R3)
//   on target (intensity_min..intensity_target_max)     -> "good" (R3)
//   at the ceiling (above target, up to intensity_max)  -> ease off (R3)
//   above the ceiling, or any pain quality              -> adapt, first that applies (R3):
//       numb, tingling, radiating (nerve-like)          -> a nearby spot, else skip the region
//       otherwise                                       -> a softer or larger tool the person owns (R3, R9),
//                                                          else the exercise's lighter variation,
//                                                          else a nearby spot, else skip the region
//   the same region adapted for pain a second time in one session -> skip it, note "consider asking a
//       clinician" (R3)
//   a red-flag answer                                   -> stop the session with the flag's message (R12)
//
// Pure functions of their arguments; no state. The session engine keeps the per-region pain count.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/enum_names.h"
#include "core/journal.h"
#include "core/routine.h"
#include "core/screening.h"

namespace smr::core {

enum class Verdict { kBelowTarget, kOnTarget, kEaseOff, kAdapt, kStop };

template <>
struct EnumNames<Verdict> {
  static constexpr std::array<std::pair<Verdict, std::string_view>, 5> kNames{{
      {Verdict::kBelowTarget, "below-target"},
      {Verdict::kOnTarget, "on-target"},
      {Verdict::kEaseOff, "ease-off"},
      {Verdict::kAdapt, "adapt"},
      {Verdict::kStop, "stop"},
  }};
};

// The spellings are Adaptation::kind in the journal.
enum class AdaptationKind { kLighterVariation, kSofterTool, kNearbySpot, kSkipRegion, kStopSession };

template <>
struct EnumNames<AdaptationKind> {
  static constexpr std::array<std::pair<AdaptationKind, std::string_view>, 5> kNames{{
      {AdaptationKind::kLighterVariation, "lighter-variation"},
      {AdaptationKind::kSofterTool, "softer-tool"},
      {AdaptationKind::kNearbySpot, "nearby-spot"},
      {AdaptationKind::kSkipRegion, "skip-region"},
      {AdaptationKind::kStopSession, "stop-session"},
  }};
};

// What the person answered. A person may name more than one quality ("sharp and tingling"): `quality` is the one
// the rules act on (lead_quality(): the most serious), `also_felt` the others in the order named, recorded with
// the check-in's event. The decision is the same as if every quality had been judged: see lead_quality().
struct CheckInAnswer {
  int intensity = 0;  // NRS 0-10
  Quality quality = Quality::kPressure;
  std::string note;
  std::string red_flag;              // a catalog red-flag id when the answer raises one ("spreading-numbness"), else ""
  std::vector<Quality> also_felt{};  // further qualities named, without `quality` and without repeats

  bool operator==(const CheckInAnswer&) const = default;
};

// What the adaptation rules may offer: the tools the person owns (catalog ids), their current screening
// (active warning signs folded in) and where they are. Every option offered passes the safety gate
// (core/safety_gate.h) with these.
struct PersonKit {
  std::vector<std::string> owned_tools;
  ScreeningResult screening;
  std::optional<Context> context;

  bool operator==(const PersonKit&) const = default;
};

struct CheckInDecision {
  Verdict verdict = Verdict::kOnTarget;
  std::optional<AdaptationKind> adaptation;  // set when verdict is kAdapt or kStop
  std::vector<std::string> rules;            // R-ids behind the verdict
  std::string say;                           // what the coach says now, in plain words
  std::string reason;           // for Adaptation::reason: plain words ending with the rule ids; "" without adaptation
  std::string tool;             // kSofterTool, kNearbySpot: the tool to use from now on
  std::string exercise;         // kNearbySpot: the exercise to do instead
  std::string lighter;          // kLighterVariation: the exercise's lighter variation
  bool ask_clinician = false;   // region painful twice: record the note "consider asking a clinician"
  bool watch_numbness = false;  // nerve-like quality: say how to report numbness that spreads
  std::string red_flag;         // kStopSession: the red-flag id
  std::optional<Urgency> urgency;

  bool operator==(const CheckInDecision&) const = default;
};

// The note recorded when a region is painful twice in one session.
inline constexpr std::string_view kClinicianNote =
    "consider asking a clinician: this area was painful twice in one session";

// Of the qualities a person named (not empty), the one the rules act on: the first nerve-like one (numb,
// tingling, radiating: a nearby spot and "report numbness that spreads"), else the first pain quality, else the
// first. So an answer judged by it adapts exactly when any named quality is pain, and watches for numbness
// exactly when any is nerve-like.
Quality lead_quality(const std::vector<Quality>& felt);

// An answer with the qualities `felt` (not empty; repeats are dropped): the lead as `quality`, the rest in
// `also_felt`.
CheckInAnswer answer_with(int intensity, const std::vector<Quality>& felt);

// "" when the answer can be judged; otherwise what is wrong ("intensity: 11 is outside 0 to 10").
std::string problem_with(const CheckInAnswer& answer, const Catalog& catalog);

// True when the answer calls for an adaptation (above the step's ceiling, or a pain quality), R3.
bool needs_adaptation(const CheckInAnswer& answer, const RoutineStep& step);

// The rules above, for a check-in on `step`. `earlier_pain_in_region`: how many earlier check-ins in this
// session needed an adaptation on the same region (any side). The answer must be valid (problem_with).
CheckInDecision decide_check_in(const CheckInAnswer& answer, const RoutineStep& step, const Catalog& catalog,
                                const PersonKit& kit, int earlier_pain_in_region);

// Stop the session for a red flag (R12 plus the flag's own rules).
CheckInDecision decide_red_flag(const RedFlag& flag);

// A tool the person owns, listed for the step's exercise and allowed there by the safety gate, that is softer
// than the step's tool without a smaller contact, or has a broader contact without being firmer; the
// exercise's order (best first) breaks ties. nullptr when there is none.
const Tool* gentler_owned_tool(const RoutineStep& step, const Catalog& catalog, const PersonKit& kit);

// Another exercise for the step's region that is safe for the person's conditions and can be done with a
// tool they own (beginner exercises first, then catalog order), with that tool. nullopt when there is none.
struct NearbySpot {
  const Exercise* exercise = nullptr;
  const Tool* tool = nullptr;
};
// With `gentle_only` (after a nerve-like answer) the tool must be the step's own or a gentler one.
std::optional<NearbySpot> nearby_spot(const RoutineStep& step, const Catalog& catalog, const PersonKit& kit,
                                      bool gentle_only = false);

// `step` with another exercise or tool, as an adaptation would play it (for the safety gate's check).
RoutineStep with_exercise(const RoutineStep& step, const Exercise& exercise, const Tool& tool);

}  // namespace smr::core
