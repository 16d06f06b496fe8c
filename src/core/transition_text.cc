#include "core/transition_text.h"

#include <set>

#include "core/enum_names.h"

namespace smr::core {
namespace {

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// "calves (left side)"; a midline region without a side.
std::string where(const Catalog& catalog, const RoutineStep& step) {
  const auto* region = catalog.find_region(step.region);
  std::string out = lower_first(region ? region->name : step.region);
  if (step.side != Side::kCentre) out += " (" + std::string(to_string(step.side)) + " side)";
  return out;
}

}  // namespace

std::string transition_text(const Catalog& catalog, const RoutineStep& step, const RoutineStep* prev) {
  const auto* tool = catalog.find_tool(step.tool);
  const std::string tool_name = tool ? lower_first(tool->name) : step.tool;
  if (prev == nullptr) {
    return "Get your " + tool_name + " and start " + std::string(describe(step.position)) + ": your " +
           where(catalog, step) + ".";
  }
  if (prev->region == step.region && prev->exercise == step.exercise) {
    return "Switch sides: now your " + where(catalog, step) + ".";
  }
  std::string text;
  if (prev->position != step.position) text += "Change position, " + std::string(describe(step.position)) + ". ";
  if (prev->tool != step.tool) text += "Take your " + tool_name + ". ";
  return text + "Move on to your " + where(catalog, step) + ".";
}

void refit_transitions(const Catalog& catalog, const std::vector<GateChange>& changes, std::vector<RoutineStep>& kept) {
  std::set<int> removed, replaced;
  for (const auto& c : changes) {
    if (c.kind == GateChangeKind::kRemoved) removed.insert(c.step);
    if (c.kind == GateChangeKind::kReplaced) replaced.insert(c.step);
  }
  // Each kept step's index in the routine as sent: the indices, less the removed ones.
  std::vector<int> from;
  for (int i = 0; from.size() < kept.size(); ++i) {
    if (!removed.count(i)) from.push_back(i);
  }
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const bool after_same = k == 0 ? from[0] == 0 : from[k - 1] + 1 == from[k] && replaced.count(from[k - 1]) == 0;
    if ((replaced.count(from[k]) > 0 || !after_same) && !kept[k].transition.empty()) {
      kept[k].transition = transition_text(catalog, kept[k], k == 0 ? nullptr : &kept[k - 1]);
    }
  }
}

}  // namespace smr::core
