#include "core/region.h"

namespace smr::core {

bool tool_allowed_on(const Region& region, const Tool& tool) {
  for (const auto& nr : region.never_roll) {
    if (matches_any(nr.forbid, tool)) return false;
  }
  return true;
}

}  // namespace smr::core
