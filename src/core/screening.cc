#include "core/screening.h"

#include <algorithm>

#include "core/suggest.h"

namespace smr::core {

namespace {

// `conditions: unknown condition "diabetis"; did you mean "diabetes"? Expected one of "a", "b" or "c"`
std::string unknown(std::string_view noun, const std::string& id, const std::vector<std::string>& valid) {
  std::string msg = "unknown " + std::string(noun) + " \"" + id + "\"";
  if (const auto guess = closest_match(id, valid); !guess.empty()) msg += "; did you mean \"" + guess + "\"?";
  return msg + "; expected " + quoted_list(valid);
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Notice notice(const std::string& id, const std::string& message, const Citation& evidence) {
  return Notice{id, message, evidence};
}

}  // namespace

bool CautionLimit::covers(std::string_view region) const { return regions.empty() || contains(regions, region); }

const BlockedRegion* ScreeningResult::block_for(std::string_view region, Side side) const {
  for (const auto& b : blocked_regions) {
    if (b.region != region) continue;
    if (b.side == Side::kCentre || side == Side::kCentre || b.side == side) return &b;
  }
  return nullptr;
}

bool ScreeningResult::region_blocked(std::string_view region, Side side) const {
  return block_for(region, side) != nullptr;
}

bool ScreeningResult::tool_allowed(const Tool& tool, std::string_view region) const {
  return std::none_of(limits.begin(), limits.end(),
                      [&](const CautionLimit& l) { return l.covers(region) && matches_any(l.forbid, tool); });
}

bool ScreeningResult::position_allowed(std::string_view region, Position position) const {
  return std::none_of(limits.begin(), limits.end(), [&](const CautionLimit& l) {
    return l.covers(region) && std::find(l.positions.begin(), l.positions.end(), position) != l.positions.end();
  });
}

int ScreeningResult::intensity_max(std::string_view region) const {
  int ceiling = kIntensityCeiling;
  for (const auto& l : limits) {
    if (l.covers(region) && l.intensity_max) ceiling = std::min(ceiling, *l.intensity_max);
  }
  return ceiling;
}

std::vector<const CautionLimit*> ScreeningResult::limits_for(std::string_view region) const {
  std::vector<const CautionLimit*> out;
  for (const auto& l : limits) {
    if (l.covers(region)) out.push_back(&l);
  }
  return out;
}

bool ScreeningResult::exercise_unsafe(const Exercise& exercise) const {
  return std::any_of(exercise.unsafe_for.begin(), exercise.unsafe_for.end(),
                     [&](const std::string& c) { return contains(conditions, c); });
}

std::vector<Problem> profile_field_problems(const Catalog& catalog, const Profile& profile) {
  std::vector<Problem> out;
  const auto conditions = ids_of(catalog.conditions());
  const auto flags = ids_of(catalog.red_flags());
  const auto tools = ids_of(catalog.tools());
  const auto regions = ids_of(catalog.regions());
  const auto lifestyle = ids_of(catalog.lifestyle());
  auto at = [](std::string_view list, std::size_t i, std::string_view member = "") {
    return std::string(list) + "[" + std::to_string(i) + "]" + std::string(member);
  };
  for (std::size_t i = 0; i < profile.conditions.size(); ++i) {
    const auto& c = profile.conditions[i];
    if (!catalog.find_condition(c)) out.push_back({at("conditions", i), unknown("condition", c, conditions)});
  }
  for (std::size_t i = 0; i < profile.symptoms.size(); ++i) {
    const auto& s = profile.symptoms[i];
    if (!catalog.find_red_flag(s)) out.push_back({at("symptoms", i), unknown("red flag", s, flags)});
  }
  for (std::size_t i = 0; i < profile.tools.size(); ++i) {
    const auto& t = profile.tools[i];
    if (!catalog.find_tool(t)) out.push_back({at("tools", i), unknown("tool", t, tools)});
  }
  for (std::size_t i = 0; i < profile.lifestyle.size(); ++i) {
    const auto& l = profile.lifestyle[i];
    if (!catalog.find_lifestyle(l)) out.push_back({at("lifestyle", i), unknown("lifestyle factor", l, lifestyle)});
  }
  auto check_region = [&](std::string_view list, std::size_t i, const std::string& id, Side side) {
    const auto* region = catalog.find_region(id);
    if (!region) {
      out.push_back({at(list, i, ".region"), unknown("region", id, regions)});
    } else if (!region->paired() && side != Side::kCentre) {
      out.push_back({at(list, i, ".side"), "region \"" + id + "\" is in the middle of the body; it has no " +
                                               std::string(to_string(side)) + " side (leave the side out)"});
    }
  };
  for (std::size_t i = 0; i < profile.aches.size(); ++i) {
    check_region("aches", i, profile.aches[i].region, profile.aches[i].side);
  }
  for (std::size_t i = 0; i < profile.named_areas.size(); ++i) {
    const auto& a = profile.named_areas[i];
    const auto* c = catalog.find_condition(a.condition);
    if (!c) {
      out.push_back({at("named_areas", i, ".condition"), unknown("condition", a.condition, conditions)});
    } else if (!c->block_named_area) {
      std::vector<std::string> named;
      for (const auto& cond : catalog.conditions()) {
        if (cond.block_named_area) named.push_back(cond.id);
      }
      out.push_back({at("named_areas", i, ".condition"),
                     "condition \"" + a.condition + "\" does not take an area; only " + quoted_list(named) + " do"});
    }
    check_region("named_areas", i, a.region, a.side);
  }
  return out;
}

std::vector<std::string> profile_problems(const Catalog& catalog, const Profile& profile) {
  std::vector<std::string> out;
  for (const auto& p : profile_field_problems(catalog, profile)) out.push_back(p.message());
  return out;
}

ScreeningResult screen(const Catalog& catalog, const Profile& profile) {
  ScreeningResult result;
  result.conditions = profile.conditions;

  // Red flags (R12): no rolling at all. Emergencies first.
  std::vector<const RedFlag*> flags;
  for (const auto& id : profile.symptoms) {
    if (const auto* f = catalog.find_red_flag(id)) flags.push_back(f);
  }
  std::stable_sort(flags.begin(), flags.end(), [](const RedFlag* a, const RedFlag* b) {
    return a->urgency == Urgency::kEmergency && b->urgency != Urgency::kEmergency;
  });
  for (const auto* f : flags) result.stop.push_back(notice(f->id, f->message, f->evidence));
  result.may_roll = result.stop.empty();

  // Conditions, in catalog order so the output does not depend on how the person listed them.
  for (const auto& c : catalog.conditions()) {
    if (!contains(profile.conditions, c.id)) continue;
    if (c.effect == ConditionEffect::kClearance) {
      result.clearance_needed.push_back(notice(c.id, c.message, c.evidence));
    } else {
      result.cautions.push_back(notice(c.id, c.message, c.evidence));
    }
    for (const auto& region : c.block_regions) {
      result.blocked_regions.push_back(
          BlockedRegion{region, Side::kCentre, c.id, c.name + ": this area is never planned for you", c.evidence});
    }
    if (c.block_named_area) {
      bool named = false;
      for (const auto& a : profile.named_areas) {
        if (a.condition != c.id) continue;
        named = true;
        result.blocked_regions.push_back(
            BlockedRegion{a.region, a.side, c.id, c.name + ": the area you named is left out", c.evidence});
      }
      if (!named) {
        result.cautions.push_back(notice(
            c.id,
            c.name +
                ": you have not said where. Keep well away from the affected area, and name it (smr screen --area " +
                c.id + ":REGION[:left|right]) so that the planner leaves it out.",
            c.evidence));
      }
    }
    for (const auto& l : c.limits) {
      result.limits.push_back(
          CautionLimit{c.id, l.regions, l.forbid, l.positions, l.intensity_max, l.note, c.evidence});
    }
  }

  // Tools the limits rule out, per limit, for display and for the JSON result.
  for (const auto& l : result.limits) {
    for (const auto& tool : catalog.tools()) {
      if (!matches_any(l.forbid, tool)) continue;
      result.blocked_tools.push_back(BlockedTool{tool.id, l.regions, l.condition, l.note, l.evidence});
    }
  }
  return result;
}

}  // namespace smr::core
