#include "core/transition_text.h"

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

}  // namespace smr::core
