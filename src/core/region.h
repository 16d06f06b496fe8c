#pragma once
// Body regions and the never-roll zones in or next to them.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/body_map.h"
#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/tool.h"

namespace smr::core {

enum class Laterality { kPaired, kMidline };
enum class RegionGroup { kFootAndLowerLeg, kThighAndHip, kTrunk, kShoulderAndArm, kNeckAndHead };
// Which side a step works on. Midline regions use kCentre.
enum class Side { kLeft, kRight, kCentre };

template <>
struct EnumNames<Laterality> {
  static constexpr std::array<std::pair<Laterality, std::string_view>, 2> kNames{
      {{Laterality::kPaired, "paired"}, {Laterality::kMidline, "midline"}}};
};
template <>
struct EnumNames<RegionGroup> {
  static constexpr std::array<std::pair<RegionGroup, std::string_view>, 5> kNames{{
      {RegionGroup::kFootAndLowerLeg, "foot-and-lower-leg"},
      {RegionGroup::kThighAndHip, "thigh-and-hip"},
      {RegionGroup::kTrunk, "trunk"},
      {RegionGroup::kShoulderAndArm, "shoulder-and-arm"},
      {RegionGroup::kNeckAndHead, "neck-and-head"},
  }};
};
template <>
struct EnumNames<Side> {
  static constexpr std::array<std::pair<Side, std::string_view>, 3> kNames{
      {{Side::kLeft, "left"}, {Side::kRight, "right"}, {Side::kCentre, "centre"}}};
};
template <>
struct EnumNames<View> {
  static constexpr std::array<std::pair<View, std::string_view>, 2> kNames{
      {{View::kFront, "front"}, {View::kBack, "back"}}};
};

// Something that must never be rolled (evidence.md R11): the lumbar spine, the front of the neck, ...
struct Zone {
  std::string id;
  std::string name;
  std::string why;
  std::vector<Shape> map;
  Citation evidence;
};

// A zone in or next to a region, with the tools that may not be used on the region at all because with them
// the zone cannot reliably be kept clear. Empty `forbid`: a keep-off warning only.
struct NeverRoll {
  std::string zone;  // zone id
  std::vector<ToolSelector> forbid;
};

struct Region {
  std::string id;
  std::string name;
  RegionGroup group = RegionGroup::kTrunk;
  Laterality laterality = Laterality::kPaired;
  std::vector<std::string> aliases;
  std::string description;
  std::vector<std::string> lines;  // myofascial line ids
  std::vector<Shape> map;          // left side for paired regions
  std::vector<NeverRoll> never_roll;

  bool paired() const { return laterality == Laterality::kPaired; }
};

// False when a never-roll zone of `region` forbids `tool` there.
bool tool_allowed_on(const Region& region, const Tool& tool);

}  // namespace smr::core
