#include "core/safety_gate.h"

#include <algorithm>
#include <cctype>

#include "core/transition_text.h"

namespace smr::core {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& x : from) {
    if (!contains(to, x)) to.push_back(x);
  }
}

int density_rank(Density d) {
  switch (d) {
    case Density::kSoft: return 0;
    case Density::kMedium: return 1;
    case Density::kFirm: return 2;
  }
  return 1;
}

int contact_rank(Contact c) {
  switch (c) {
    case Contact::kBroad: return 0;
    case Contact::kMedium: return 1;
    case Contact::kPrecise: return 2;
  }
  return 1;
}

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string ids_text(const std::vector<std::string>& rules) {
  std::string out = "(";
  for (std::size_t i = 0; i < rules.size(); ++i) out += (i > 0 ? ", " : "") + rules[i];
  return out + ")";
}

std::string condition_name(const Catalog& catalog, const std::string& id) {
  const auto* c = catalog.find_condition(id);
  return c ? c->name : id;
}

std::string side_words(Side side) {
  switch (side) {
    case Side::kLeft: return "left ";
    case Side::kRight: return "right ";
    case Side::kCentre: return "";
  }
  return "";
}

std::string step_words(const Catalog& catalog, const RoutineStep& step) {
  const auto* region = catalog.find_region(step.region);
  return "your " + side_words(step.side) + lower_first(region ? region->name : step.region);
}

std::string context_words(Context c) {
  switch (c) {
    case Context::kFloor: return "on the floor";
    case Context::kSeated: return "seated";
    case Context::kStanding: return "standing";
    case Context::kDesk: return "at a desk";
    case Context::kCall: return "on a call with your hands free";
  }
  return "here";
}

std::vector<std::string> problem_rules(const std::vector<StepProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) add_unique(out, p.rules);
  return out;
}

std::string problems_text(const std::vector<StepProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "; ") + p.reason;
  return out;
}

// The phases of `step` fitted to another exercise: a move phase stays only when the new exercise has a move
// (otherwise its time is spent breathing on the spot), so the step keeps its length.
void fit_to_exercise(RoutineStep& s, const Exercise& x, const Tool& tool, const ScreeningResult& screening) {
  s.exercise = x.id;
  s.tool = tool.id;
  s.position = x.position;
  if (x.move) {
    s.move_cue = x.move->cue;
  } else {
    for (auto& p : s.phases) {
      if (p.kind == PhaseKind::kMove) p.kind = PhaseKind::kBreathe;
    }
    s.move_cue.clear();
    s.move_reps = 0;
  }
  const bool has_move =
      std::any_of(s.phases.begin(), s.phases.end(), [](const Phase& p) { return p.kind == PhaseKind::kMove; });
  if (!has_move) {
    s.move_reps = 0;
    s.move_cue.clear();
  } else if (x.move && s.move_reps == 0) {
    s.move_reps = x.move->reps;
  }
  const int ceiling = screening.intensity_max(s.region);
  s.intensity_max = std::min(s.intensity_max, ceiling);
  s.intensity_target_max = std::min(s.intensity_target_max, s.intensity_max);
  s.intensity_min = std::min(s.intensity_min, s.intensity_target_max);
}

// The safe alternative for a step on the same region and side: another exercise and/or tool among the
// person's tools. Preference: the same exercise with a gentler tool, then exercises in the step's position,
// then beginner exercises, then gentler tools, then catalog order.
std::optional<RoutineStep> alternative(const Catalog& catalog, const ScreeningResult& screening,
                                       const GatePolicy& policy, const std::vector<std::string>& tools,
                                       const RoutineStep& step) {
  if (screening.region_blocked(step.region, step.side)) return std::nullopt;
  const Tool* current = catalog.find_tool(step.tool);
  std::optional<RoutineStep> best;
  int best_score = 0;
  for (const Exercise* x : catalog.exercises_for_region(step.region)) {
    for (std::size_t rank = 0; rank < x->tools.size(); ++rank) {
      const std::string& tool_id = x->tools[rank];
      if (!contains(tools, tool_id)) continue;
      const Tool* tool = catalog.find_tool(tool_id);
      if (tool == nullptr) continue;
      RoutineStep candidate = step;
      fit_to_exercise(candidate, *x, *tool, screening);
      if (!step_problems(catalog, screening, candidate, policy.context).empty()) continue;
      int score = static_cast<int>(rank);
      if (x->id != step.exercise) score += 100;
      if (x->position != step.position) score += 50;
      if (x->level != Level::kBeginner) score += 20;
      if (current != nullptr && !gentler_tool(*tool, *current) && tool->id != current->id) score += 10;
      if (!best || score < best_score) {
        best = std::move(candidate);
        best_score = score;
      }
    }
  }
  return best;
}

}  // namespace

bool gentler_tool(const Tool& candidate, const Tool& current) {
  const int dc = density_rank(candidate.density), d0 = density_rank(current.density);
  const int cc = contact_rank(candidate.contact), c0 = contact_rank(current.contact);
  return dc <= d0 && cc <= c0 && (dc < d0 || cc < c0);
}

std::vector<StepProblem> step_problems(const Catalog& catalog, const ScreeningResult& screening,
                                       const RoutineStep& step, std::optional<Context> context) {
  std::vector<StepProblem> out;
  const Region* region = catalog.find_region(step.region);
  const Exercise* exercise = catalog.find_exercise(step.exercise);
  const Tool* tool = catalog.find_tool(step.tool);
  if (region == nullptr || exercise == nullptr || tool == nullptr) return out;  // incoherent: not judged here
  const std::string where = step_words(catalog, step);

  if (const auto* block = screening.block_for(step.region, step.side)) {
    std::vector<std::string> rules = block->evidence.rules;
    add_unique(rules, {"R10"});
    out.push_back({StepRule::kRegionBlocked, block->reason + " (" + where + ")", rules});
  }
  for (const auto& c : exercise->unsafe_for) {
    if (!contains(screening.conditions, c)) continue;
    out.push_back({StepRule::kExerciseUnsafe,
                   condition_name(catalog, c) + ": " + lower_first(exercise->name) + " is not safe for you",
                   {"R10"}});
  }
  for (const auto* l : screening.limits_for(step.region)) {
    if (!matches_any(l->forbid, *tool)) continue;
    std::vector<std::string> rules = l->evidence.rules;
    add_unique(rules, {"R10"});
    out.push_back({StepRule::kToolLimited,
                   condition_name(catalog, l->condition) + ": no " + lower_first(tool->name) + " on " + where +
                       (l->note.empty() ? "" : " (" + l->note + ")"),
                   rules});
  }
  for (const auto& nr : region->never_roll) {
    if (!matches_any(nr.forbid, *tool)) continue;
    const auto* zone = catalog.find_zone(nr.zone);
    std::vector<std::string> rules = zone ? zone->evidence.rules : std::vector<std::string>{};
    add_unique(rules, {"R11"});
    out.push_back({StepRule::kNeverRollZone,
                   "the " + lower_first(tool->name) + " cannot keep clear of " +
                       (zone ? lower_first(zone->name) : nr.zone) + " on " + where,
                   rules});
  }
  if (!contains(tool->suits, step.region)) {
    out.push_back({StepRule::kToolUnsuited, "the " + lower_first(tool->name) + " is not a tool for " + where, {"R9"}});
  }
  if (!screening.position_allowed(step.region, exercise->position)) {
    std::vector<std::string> rules{"R10"};
    std::string who;
    for (const auto* l : screening.limits_for(step.region)) {
      if (std::find(l->positions.begin(), l->positions.end(), exercise->position) == l->positions.end()) continue;
      add_unique(rules, l->evidence.rules);
      who = condition_name(catalog, l->condition);
    }
    out.push_back({StepRule::kPositionLimited,
                   (who.empty() ? std::string("your screening") : who) + ": not " +
                       std::string(describe(exercise->position)) + " for " + where,
                   rules});
  }
  if (context && !exercise->fits(*context)) {
    out.push_back(
        {StepRule::kContext, lower_first(exercise->name) + " cannot be done " + context_words(*context), {"R9"}});
  }
  return out;
}

std::string step_incoherence(const Catalog& catalog, const RoutineStep& step, std::string* field) {
  auto fail = [&](const char* f, std::string message) {
    if (field != nullptr) *field = f;
    return message;
  };
  const Exercise* exercise = catalog.find_exercise(step.exercise);
  if (exercise == nullptr) return fail("exercise", "the catalog has no exercise \"" + step.exercise + "\"");
  const Region* region = catalog.find_region(step.region);
  if (region == nullptr) return fail("region", "the catalog has no region \"" + step.region + "\"");
  if (exercise->region != step.region) {
    return fail("region", "exercise \"" + step.exercise + "\" works on region \"" + exercise->region + "\", not \"" +
                              step.region + "\"");
  }
  if (catalog.find_tool(step.tool) == nullptr) {
    return fail("tool", "the catalog has no tool \"" + step.tool + "\"");
  }
  if (!contains(exercise->tools, step.tool)) {
    std::string listed;
    for (const auto& t : exercise->tools) listed += (listed.empty() ? "\"" : ", \"") + t + "\"";
    return fail("tool",
                "exercise \"" + step.exercise + "\" is not done with tool \"" + step.tool + "\"; it takes " + listed);
  }
  if (region->paired() && step.side == Side::kCentre) {
    return fail("side", "region \"" + step.region + "\" has a left and a right side; expected left or right");
  }
  if (!region->paired() && step.side != Side::kCentre) {
    return fail("side", "region \"" + step.region + "\" is in the middle of the body; expected side centre");
  }
  return {};
}

namespace {

// One step through the gate: the step as it may be played (replaced, or its ceiling lowered), or nullopt when
// nothing safe can take its place; what changed and why goes to `changes`.
std::optional<RoutineStep> gate_step(const Catalog& catalog, const ScreeningResult& screening, const GatePolicy& policy,
                                     const std::vector<std::string>& tools, int index, RoutineStep step,
                                     std::vector<GateChange>& changes) {
  const auto problems = step_problems(catalog, screening, step, policy.context);
  GateChange change;
  change.step = index;
  change.region = step.region;
  change.side = step.side;
  change.from_exercise = step.exercise;
  change.from_tool = step.tool;
  if (!problems.empty()) {
    change.problems = problems;
    change.rules = problem_rules(problems);
    const std::string where = step_words(catalog, step);
    if (auto alt = alternative(catalog, screening, policy, tools, step)) {
      change.kind = GateChangeKind::kReplaced;
      change.to_exercise = alt->exercise;
      change.to_tool = alt->tool;
      const auto* x = catalog.find_exercise(alt->exercise);
      const auto* t = catalog.find_tool(alt->tool);
      change.message = "Changed for your safety on " + where + ": " + problems_text(problems) +
                       ". Instead: " + lower_first(x ? x->name : alt->exercise) + " with the " +
                       lower_first(t ? t->name : alt->tool) + " " + ids_text(change.rules);
      alt->why.push_back(Why{change.rules, {}, "changed for your safety: " + problems_text(problems)});
      changes.push_back(std::move(change));
      step = std::move(*alt);
    } else {
      change.kind = GateChangeKind::kRemoved;
      change.message = "Left out for your safety: " + where + ": " + problems_text(problems) +
                       "; nothing safe can replace it with your tools here " + ids_text(change.rules);
      changes.push_back(std::move(change));
      return std::nullopt;
    }
  }
  const int ceiling = screening.intensity_max(step.region);
  if (step.intensity_max > ceiling) {
    GateChange lowered;
    lowered.kind = GateChangeKind::kIntensityLowered;
    lowered.step = index;
    lowered.region = step.region;
    lowered.side = step.side;
    lowered.from_exercise = lowered.to_exercise = step.exercise;
    lowered.from_tool = lowered.to_tool = step.tool;
    lowered.from_intensity_max = step.intensity_max;
    lowered.to_intensity_max = ceiling;
    lowered.rules = {"R3"};
    for (const auto* l : screening.limits_for(step.region)) {
      if (l->intensity_max) add_unique(lowered.rules, l->evidence.rules);
    }
    lowered.message = "On " + step_words(catalog, step) + " never go past " + std::to_string(ceiling) +
                      " out of 10 (the plan said " + std::to_string(step.intensity_max) + ") " +
                      ids_text(lowered.rules);
    changes.push_back(std::move(lowered));
    step.intensity_max = ceiling;
    step.intensity_target_max = std::min(step.intensity_target_max, ceiling);
    step.intensity_min = std::min(step.intensity_min, step.intensity_target_max);
  }
  if (step.intensity_min < 0) step.intensity_min = 0;
  return step;
}

// Why no step is judged at all (a red flag or warning sign; a step that does not hold together), shared by
// gate_routine and gate_steps.
std::optional<GateRefusal> refusal_before_steps(const Catalog& catalog, const ScreeningResult& screening,
                                                const Routine& routine) {
  if (!screening.may_roll) {
    GateRefusal r;
    r.kind = GateRefusal::Kind::kStop;
    r.field = "profile.warnings";
    r.message = "no session: stop, do not roll now.";
    for (const auto& n : screening.stop) r.message += " " + n.message;
    r.stop = screening.stop;
    return r;
  }
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    std::string field;
    const std::string why = step_incoherence(catalog, routine.steps[i], &field);
    if (!why.empty()) {
      GateRefusal r;
      r.kind = GateRefusal::Kind::kIncoherent;
      r.field = "routine.steps[" + std::to_string(i) + "]." + field;
      r.message = r.field + ": " + why + "; make a new plan";
      return r;
    }
  }
  return std::nullopt;
}

// The tools alternatives are chosen among: the person's, else those the routine already uses.
std::vector<std::string> alternative_tools(const GatePolicy& policy, const Routine& routine) {
  std::vector<std::string> tools = policy.owned_tools;
  if (tools.empty()) {
    for (const auto& s : routine.steps) add_unique(tools, {s.tool});
  }
  return tools;
}

}  // namespace

tl::expected<GateResult, GateRefusal> gate_routine(const Catalog& catalog, const ScreeningResult& screening,
                                                   const GatePolicy& policy, Routine routine) {
  if (auto refused = refusal_before_steps(catalog, screening, routine)) return tl::unexpected(std::move(*refused));
  const std::vector<std::string> tools = alternative_tools(policy, routine);

  GateResult result;
  std::vector<RoutineStep> kept;
  kept.reserve(routine.steps.size());
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    if (auto step = gate_step(catalog, screening, policy, tools, static_cast<int>(i), std::move(routine.steps[i]),
                              result.changes)) {
      kept.push_back(std::move(*step));
    }
  }
  if (kept.empty() && !routine.steps.empty()) {
    GateRefusal r;
    r.kind = GateRefusal::Kind::kNothingSafe;
    r.field = "routine.steps";
    r.message = "nothing in this routine is safe for you now: ";
    for (std::size_t i = 0; i < result.changes.size(); ++i) {
      r.message += (i > 0 ? " " : "") + result.changes[i].message + ".";
    }
    r.message += " Make a new plan (it follows your screening), or ask a clinician.";
    return tl::unexpected(std::move(r));
  }
  refit_transitions(catalog, result.changes, kept);
  routine.steps = std::move(kept);
  routine.clearance_needed = screening.clearance_needed;
  for (const auto& n : screening.cautions) {
    const bool present = std::any_of(routine.warnings.begin(), routine.warnings.end(),
                                     [&](const Notice& w) { return w.id == n.id && w.message == n.message; });
    if (!present) routine.warnings.push_back(n);
  }
  result.routine = std::move(routine);
  return result;
}

tl::expected<SteppedGateResult, GateRefusal> gate_steps(const Catalog& catalog, const ScreeningResult& screening,
                                                        const GatePolicy& policy, const Routine& routine) {
  if (auto refused = refusal_before_steps(catalog, screening, routine)) return tl::unexpected(std::move(*refused));
  const std::vector<std::string> tools = alternative_tools(policy, routine);
  SteppedGateResult result;
  result.steps.reserve(routine.steps.size());
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    result.steps.push_back(
        gate_step(catalog, screening, policy, tools, static_cast<int>(i), routine.steps[i], result.changes));
  }
  return result;
}

}  // namespace smr::core
