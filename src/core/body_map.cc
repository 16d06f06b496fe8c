#include "core/body_map.h"

namespace smr::core {

Shape Shape::mirrored() const {
  Shape out = *this;
  out.centre.x = kMapWidth - centre.x;
  for (auto& p : out.points) p.x = kMapWidth - p.x;
  return out;
}

}  // namespace smr::core
