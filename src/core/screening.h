#pragma once
// Safety screening: a person's profile -> what they may roll, and with what (evidence.md R10-R12).
//
// Pure: takes the catalog and the profile, returns a value. The planner obeys the result; nothing here
// diagnoses anything. Every notice, block and limit carries the rule and source ids behind it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/journal.h"
#include "core/problem.h"
#include "core/routine.h"

namespace smr::core {

// A region the planner must never schedule. `side` kCentre blocks every side of the region; kLeft/kRight
// block only that side of a paired region (an open wound on the left calf).
struct BlockedRegion {
  std::string region;
  Side side = Side::kCentre;
  std::string condition;  // the condition id that blocks it
  std::string reason;     // plain words
  Citation evidence;

  bool operator==(const BlockedRegion&) const = default;
};

// A catalog tool that may not be used, on the listed regions (every region when `regions` is empty).
struct BlockedTool {
  std::string tool;
  std::vector<std::string> regions;
  std::string condition;
  std::string reason;
  Citation evidence;

  bool operator==(const BlockedTool&) const = default;
};

// A condition's limit as it applies to this person: tools to leave out, positions to avoid and a lower
// intensity ceiling.
struct CautionLimit {
  std::string condition;
  std::vector<std::string> regions;  // empty: every region
  std::vector<ToolSelector> forbid;
  std::vector<Position> positions;  // positions to avoid on these regions
  std::optional<int> intensity_max;
  std::string note;
  Citation evidence;

  bool covers(std::string_view region) const;
  bool operator==(const CautionLimit&) const = default;
};

struct ScreeningResult {
  bool may_roll = true;                  // false with any red flag present
  std::vector<Notice> stop;              // red flags: stop and seek care (emergency first); empty when may_roll
  std::vector<Notice> clearance_needed;  // "check with your physician before you start", one per condition
  std::vector<Notice> cautions;          // conditions with effect "caution", and missing named areas
  std::vector<BlockedRegion> blocked_regions;
  std::vector<BlockedTool> blocked_tools;  // derived from `limits` and the catalog's tools
  std::vector<CautionLimit> limits;
  std::vector<std::string> conditions;  // the profile's condition ids (an exercise's unsafe_for is checked here)

  // True when the whole region, or the given side of it, is blocked. Side kCentre asks about the region
  // as a whole: true if any side of it is blocked.
  bool region_blocked(std::string_view region, Side side) const;
  // The block that applies, or nullptr.
  const BlockedRegion* block_for(std::string_view region, Side side) const;
  // False when a limit forbids `tool` on `region`.
  bool tool_allowed(const Tool& tool, std::string_view region) const;
  // False when a limit says to avoid `position` on `region` (pregnancy: not lying on the back or front).
  bool position_allowed(std::string_view region, Position position) const;
  // The intensity ceiling on `region` (7 unless a limit lowers it, R3), and the limits that apply there.
  int intensity_max(std::string_view region) const;
  std::vector<const CautionLimit*> limits_for(std::string_view region) const;
  // True when `exercise` lists one of the person's conditions in unsafe_for.
  bool exercise_unsafe(const Exercise& exercise) const;

  bool operator==(const ScreeningResult&) const = default;
};

// Unknown ids in a profile, one problem each, naming the valid ones, in the order of the profile's lists
// (conditions, symptoms, tools, lifestyle, aches, named_areas); the field is the JSON path ("tools[1]",
// "aches[0].side"). Empty when the profile is valid.
std::vector<Problem> profile_field_problems(const Catalog& catalog, const Profile& profile);
// The same as messages ("tools: unknown tool ...").
std::vector<std::string> profile_problems(const Catalog& catalog, const Profile& profile);

// Screens a profile. Unknown ids are ignored here: check them first with profile_problems().
ScreeningResult screen(const Catalog& catalog, const Profile& profile);

// The ceiling on the 0-10 scale when no limit applies (R3).
inline constexpr int kIntensityCeiling = 7;

}  // namespace smr::core
