#include "core/checkin_rules.h"

#include <algorithm>
#include <cctype>

#include "core/safety_gate.h"

namespace smr::core {

namespace {

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool nerve_like(Quality q) { return q == Quality::kNumb || q == Quality::kTingling || q == Quality::kRadiating; }

bool gate_allows(const Catalog& catalog, const PersonKit& kit, const RoutineStep& step) {
  return step_allowed(catalog, kit.screening, step, kit.context);
}

std::string region_name(const Catalog& catalog, const RoutineStep& step) {
  const Region* region = catalog.find_region(step.region);
  std::string name = region != nullptr ? region->name : step.region;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

std::string tool_name(const Tool& tool) {
  std::string name = tool.name;
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

// "sharp at 5/10" or "9/10".
std::string what_was_felt(const CheckInAnswer& answer) {
  std::string out = std::to_string(answer.intensity) + "/10";
  if (is_pain(answer.quality)) out = std::string(to_string(answer.quality)) + " at " + out;
  return out;
}

std::string why_adapt(const CheckInAnswer& answer, const RoutineStep& step) {
  if (is_pain(answer.quality)) return what_was_felt(answer) + " is pain, not the useful kind of pressure";
  return what_was_felt(answer) + " is above the ceiling of " + std::to_string(step.intensity_max) +
         " for this step, and more pressure adds nothing";
}

std::string ids(const std::vector<std::string>& rules) {
  std::string out = "(";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) out += ", ";
    out += rules[i];
  }
  return out + ")";
}

CheckInDecision skip_region(CheckInDecision d, const std::string& because, const RoutineStep& step,
                            const Catalog& catalog) {
  d.adaptation = AdaptationKind::kSkipRegion;
  d.rules = {"R3"};
  d.say = "Let's leave your " + region_name(catalog, step) + " for today. Come off the tool and rest a moment.";
  d.reason = because + ", and nothing gentler is left for this area: skip the region " + ids(d.rules);
  return d;
}

}  // namespace

Quality lead_quality(const std::vector<Quality>& felt) {
  const auto nerve = std::find_if(felt.begin(), felt.end(), nerve_like);
  if (nerve != felt.end()) return *nerve;
  const auto pain = std::find_if(felt.begin(), felt.end(), [](Quality q) { return is_pain(q); });
  if (pain != felt.end()) return *pain;
  return felt.empty() ? Quality::kPressure : felt.front();
}

CheckInAnswer answer_with(int intensity, const std::vector<Quality>& felt) {
  CheckInAnswer a;
  a.intensity = intensity;
  a.quality = lead_quality(felt);
  for (const Quality q : felt) {
    if (q != a.quality && std::find(a.also_felt.begin(), a.also_felt.end(), q) == a.also_felt.end()) {
      a.also_felt.push_back(q);
    }
  }
  return a;
}

std::string problem_with(const CheckInAnswer& answer, const Catalog& catalog) {
  if (answer.intensity < 0 || answer.intensity > 10) {
    return "intensity: " + std::to_string(answer.intensity) + " is outside 0 to 10";
  }
  if (!answer.red_flag.empty() && catalog.find_red_flag(answer.red_flag) == nullptr) {
    return "red_flag: \"" + answer.red_flag + "\" is not a red flag in the catalog";
  }
  return {};
}

bool needs_adaptation(const CheckInAnswer& answer, const RoutineStep& step) {
  return is_pain(answer.quality) || answer.intensity > step.intensity_max;
}

RoutineStep with_exercise(const RoutineStep& step, const Exercise& exercise, const Tool& tool) {
  RoutineStep s = step;
  s.exercise = exercise.id;
  s.tool = tool.id;
  s.position = exercise.position;
  if (exercise.move) {
    s.move_cue = exercise.move->cue;
    s.move_reps = exercise.move->reps;
  } else {
    s.move_cue.clear();
    s.move_reps = 0;
  }
  return s;
}

const Tool* gentler_owned_tool(const RoutineStep& step, const Catalog& catalog, const PersonKit& kit) {
  const Tool* current = catalog.find_tool(step.tool);
  const Exercise* exercise = catalog.find_exercise(step.exercise);
  if (current == nullptr || exercise == nullptr) return nullptr;
  for (const std::string& id : exercise->tools) {
    if (id == step.tool || !contains(kit.owned_tools, id)) continue;
    const Tool* tool = catalog.find_tool(id);
    if (tool == nullptr || !gentler_tool(*tool, *current)) continue;
    RoutineStep candidate = step;
    candidate.tool = tool->id;
    if (gate_allows(catalog, kit, candidate)) return tool;
  }
  return nullptr;
}

std::optional<NearbySpot> nearby_spot(const RoutineStep& step, const Catalog& catalog, const PersonKit& kit,
                                      bool gentle_only) {
  const Tool* current = catalog.find_tool(step.tool);
  std::optional<NearbySpot> best;
  for (const Exercise* x : catalog.exercises_for_region(step.region)) {
    if (x->id == step.exercise) continue;
    const Tool* tool = nullptr;
    for (const std::string& id : x->tools) {
      const Tool* t = catalog.find_tool(id);
      if (t == nullptr || !contains(kit.owned_tools, id)) continue;
      if (gentle_only && current != nullptr && t->id != current->id && !gentler_tool(*t, *current)) continue;
      if (!gate_allows(catalog, kit, with_exercise(step, *x, *t))) continue;
      tool = t;
      break;
    }
    if (tool == nullptr) continue;
    if (x->level == Level::kBeginner) return NearbySpot{x, tool};
    if (!best) best = NearbySpot{x, tool};
  }
  return best;
}

CheckInDecision decide_check_in(const CheckInAnswer& answer, const RoutineStep& step, const Catalog& catalog,
                                const PersonKit& kit, int earlier_pain_in_region) {
  CheckInDecision d;
  if (!answer.red_flag.empty()) {
    if (const RedFlag* flag = catalog.find_red_flag(answer.red_flag)) return decide_red_flag(*flag);
  }
  if (!needs_adaptation(answer, step)) {
    d.rules = {"R3"};
    if (answer.intensity < step.intensity_min) {
      d.verdict = Verdict::kBelowTarget;
      if (!kit.screening.limits_for(step.region).empty()) {
        // A condition limits this region: never a prompt to press harder (R10).
        d.rules = {"R3", "R10"};
        d.say =
            "That is fine. With your screening there is no need to press harder here: stay where it feels "
            "comfortable.";
      } else {
        d.say = "You can lean in a little more: aim for " + std::to_string(step.intensity_min) + " to " +
                std::to_string(step.intensity_target_max) + " out of 10.";
      }
    } else if (answer.intensity <= step.intensity_target_max) {
      d.verdict = Verdict::kOnTarget;
      d.say = "Good, that is the right amount of pressure.";
    } else {
      d.verdict = Verdict::kEaseOff;
      d.say = "That is the ceiling. Ease off a little: take some weight onto your hands or feet.";
    }
    return d;
  }

  d.verdict = Verdict::kAdapt;
  d.watch_numbness = nerve_like(answer.quality);
  const std::string because = why_adapt(answer, step);

  if (earlier_pain_in_region >= 1) {
    d.adaptation = AdaptationKind::kSkipRegion;
    d.rules = {"R3"};
    d.ask_clinician = true;
    d.say = "That is the second time today this area hurts, so we will leave your " + region_name(catalog, step) +
            ". If it keeps hurting, consider asking a clinician.";
    d.reason = because + ", the second time in this area today: skip the region and suggest asking a clinician " +
               ids(d.rules);
    return d;
  }

  if (d.watch_numbness) {
    if (auto spot = nearby_spot(step, catalog, kit, /*gentle_only=*/true)) {
      d.adaptation = AdaptationKind::kNearbySpot;
      d.rules = {"R3"};
      d.exercise = spot->exercise->id;
      d.tool = spot->tool->id;
      d.say =
          "Come off that spot now: numbness, tingling or a feeling that spreads means a nerve may be pressed. "
          "Move to a nearby spot instead: " +
          spot->exercise->name + ".";
      d.reason = because + ", and it may be a pressed nerve: move to a nearby spot " + ids(d.rules);
      return d;
    }
    return skip_region(std::move(d), because, step, catalog);
  }

  if (const Tool* tool = gentler_owned_tool(step, catalog, kit)) {
    d.adaptation = AdaptationKind::kSofterTool;
    d.rules = {"R3", "R9"};
    d.tool = tool->id;
    d.say = "Ease off: that is more than we want. Switch to your " + tool_name(*tool) +
            ": it spreads the pressure and works just as well.";
    d.reason = because + ": switch to a softer or larger tool, which works as well " + ids(d.rules);
    return d;
  }
  const Exercise* exercise = catalog.find_exercise(step.exercise);
  if (exercise != nullptr && !exercise->lighter.empty()) {
    d.adaptation = AdaptationKind::kLighterVariation;
    d.rules = {"R3"};
    d.lighter = exercise->lighter;
    d.say = "Ease off: that is more than we want. " + exercise->lighter;
    d.reason = because + ": use the lighter variation " + ids(d.rules);
    return d;
  }
  if (auto spot = nearby_spot(step, catalog, kit)) {
    d.adaptation = AdaptationKind::kNearbySpot;
    d.rules = {"R3"};
    d.exercise = spot->exercise->id;
    d.tool = spot->tool->id;
    d.say = "Come off that spot. Try a nearby spot instead: " + spot->exercise->name + ".";
    d.reason = because + ": move to a nearby spot " + ids(d.rules);
    return d;
  }
  return skip_region(std::move(d), because, step, catalog);
}

CheckInDecision decide_red_flag(const RedFlag& flag) {
  CheckInDecision d;
  d.verdict = Verdict::kStop;
  d.adaptation = AdaptationKind::kStopSession;
  d.rules = {"R12"};
  for (const std::string& r : flag.evidence.rules) {
    if (!contains(d.rules, r)) d.rules.push_back(r);
  }
  d.red_flag = flag.id;
  d.urgency = flag.urgency;
  d.say = flag.message;
  d.reason =
      "red flag \"" + flag.id + "\" (" + std::string(to_string(flag.urgency)) + "): stop the session " + ids(d.rules);
  return d;
}

}  // namespace smr::core
