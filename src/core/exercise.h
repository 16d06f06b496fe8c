#pragma once
// Exercises: a region x tool(s) x technique(s), with instructions a person can follow.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"

namespace smr::core {

enum class Position {
  kFloorBack,
  kFloorFront,
  kFloorSide,
  kFloorSeated,
  kFloorKneeling,
  kSeated,
  kStanding,
  kStandingWall,
};
// Where the person is when they roll. kCall: seated at a desk on a call, hands free.
enum class Context { kFloor, kSeated, kStanding, kDesk, kCall };
enum class Level { kBeginner, kRegular };

template <>
struct EnumNames<Position> {
  static constexpr std::array<std::pair<Position, std::string_view>, 8> kNames{{
      {Position::kFloorBack, "floor-back"},
      {Position::kFloorFront, "floor-front"},
      {Position::kFloorSide, "floor-side"},
      {Position::kFloorSeated, "floor-seated"},
      {Position::kFloorKneeling, "floor-kneeling"},
      {Position::kSeated, "seated"},
      {Position::kStanding, "standing"},
      {Position::kStandingWall, "standing-wall"},
  }};
};
template <>
struct EnumNames<Context> {
  static constexpr std::array<std::pair<Context, std::string_view>, 5> kNames{{
      {Context::kFloor, "floor"},
      {Context::kSeated, "seated"},
      {Context::kStanding, "standing"},
      {Context::kDesk, "desk"},
      {Context::kCall, "call"},
  }};
};
template <>
struct EnumNames<Level> {
  static constexpr std::array<std::pair<Level, std::string_view>, 2> kNames{
      {{Level::kBeginner, "beginner"}, {Level::kRegular, "regular"}}};
};

// Plain words for a position, e.g. "lying on your back on the floor".
std::string_view describe(Position position);

// Whether an exercise done in `position` can be offered in `context` (see docs/catalog.md). kCall also needs
// the exercise to be hands-free, which this function does not know.
bool position_fits_context(Position position, Context context);

// Default dose, per side for paired regions.
struct Dose {
  int sets = 1;
  int set_s = 30;             // seconds per set (R1: 20-120)
  std::optional<int> hold_s;  // sustained hold on a tender spot (R8: 20-60)
  std::optional<int> pass_s;  // seconds per rolling pass (R2: 2-4)

  int total_s() const { return sets * set_s; }
};

// Active movement under the tool (contract-relax or pin-and-move).
struct Move {
  int reps = 0;
  std::string cue;
};

struct Exercise {
  std::string id;
  std::string name;
  std::string region;              // region id
  std::vector<std::string> tools;  // tool ids, best first
  Position position = Position::kFloorBack;
  Level level = Level::kBeginner;
  std::vector<Context> contexts;
  bool hands_free = false;
  std::string summary;
  std::vector<std::string> steps;
  std::vector<std::string> cues;
  std::vector<std::string> mistakes;
  std::string lighter;
  std::string stronger;
  std::vector<std::string> techniques;  // technique ids
  Dose dose;
  std::optional<Move> move;
  std::vector<std::string> unsafe_for;  // condition ids
  Citation evidence;

  bool fits(Context context) const;
  bool uses_technique(std::string_view technique_id) const;
};

}  // namespace smr::core
