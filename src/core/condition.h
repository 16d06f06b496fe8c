#pragma once
// Health conditions that limit rolling (evidence.md R10) and red-flag symptoms that stop it (R12).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/exercise.h"
#include "core/tool.h"

namespace smr::core {

// The headline: block (areas are never rolled), clearance (ask a physician first), caution (adapt).
enum class ConditionEffect { kBlock, kClearance, kCaution };
enum class Urgency { kUrgent, kEmergency };

template <>
struct EnumNames<ConditionEffect> {
  static constexpr std::array<std::pair<ConditionEffect, std::string_view>, 3> kNames{
      {{ConditionEffect::kBlock, "block"},
       {ConditionEffect::kClearance, "clearance"},
       {ConditionEffect::kCaution, "caution"}}};
};
template <>
struct EnumNames<Urgency> {
  static constexpr std::array<std::pair<Urgency, std::string_view>, 2> kNames{
      {{Urgency::kUrgent, "urgent"}, {Urgency::kEmergency, "emergency"}}};
};

// Limits for some regions (all regions when `regions` is empty).
struct ConditionLimit {
  std::vector<std::string> regions;
  std::vector<ToolSelector> forbid;
  std::vector<Position> positions;   // positions to avoid on these regions (lying on the back in pregnancy)
  std::optional<int> intensity_max;  // NRS 1-7, below the usual ceiling of 7 (R3)
  std::string note;
};

struct Condition {
  std::string id;
  std::string name;
  std::string question;  // the yes/no screening question; empty: the screening asks "<name>?"
  ConditionEffect effect = ConditionEffect::kCaution;
  std::string message;
  std::vector<std::string> block_regions;
  bool block_named_area = false;  // the regions the person names are blocked (wounds, fractures)
  std::vector<ConditionLimit> limits;
  Citation evidence;
};

struct RedFlag {
  std::string id;
  std::string question;
  Urgency urgency = Urgency::kUrgent;
  std::string message;
  Citation evidence;
};

}  // namespace smr::core
