#include "core/exercise.h"

#include <algorithm>

namespace smr::core {

std::string_view describe(Position position) {
  switch (position) {
    case Position::kFloorBack: return "lying on your back on the floor";
    case Position::kFloorFront: return "lying face down on the floor";
    case Position::kFloorSide: return "lying on your side on the floor";
    case Position::kFloorSeated: return "sitting on the floor";
    case Position::kFloorKneeling: return "kneeling on the floor";
    case Position::kSeated: return "sitting on a chair";
    case Position::kStanding: return "standing";
    case Position::kStandingWall: return "standing against a wall";
  }
  return "";
}

bool position_fits_context(Position position, Context context) {
  const bool on_floor = position == Position::kFloorBack || position == Position::kFloorFront ||
                        position == Position::kFloorSide || position == Position::kFloorSeated ||
                        position == Position::kFloorKneeling;
  const bool standing = position == Position::kStanding || position == Position::kStandingWall;
  switch (context) {
    case Context::kFloor: return on_floor;
    case Context::kSeated: return position == Position::kSeated;
    case Context::kStanding: return standing;
    case Context::kDesk: return position == Position::kSeated || standing;
    case Context::kCall: return position == Position::kSeated;
  }
  return false;
}

bool Exercise::fits(Context context) const {
  if (context == Context::kCall && !hands_free) return false;
  return std::find(contexts.begin(), contexts.end(), context) != contexts.end();
}

bool Exercise::uses_technique(std::string_view technique_id) const {
  return std::find(techniques.begin(), techniques.end(), technique_id) != techniques.end();
}

}  // namespace smr::core
