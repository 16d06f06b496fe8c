#pragma once
// Where a region or zone is drawn on the front/back body map.
//
// Canvas: 200 x 400 units per view, x to the right, y down. Shapes of paired regions describe the person's
// LEFT side; the right side is the mirror image (x -> 200 - x). See docs/catalog.md for the landmarks.

#include <utility>
#include <vector>

namespace smr::core {

enum class View { kFront, kBack };

inline constexpr double kMapWidth = 200.0;
inline constexpr double kMapHeight = 400.0;

struct Point {
  double x = 0;
  double y = 0;
};

// An ellipse (when points is empty) or a polygon.
struct Shape {
  View view = View::kFront;
  Point centre;           // ellipse centre
  double rx = 0, ry = 0;  // ellipse radii
  std::vector<Point> points;

  bool is_polygon() const { return !points.empty(); }
  // The mirror image across the body's midline (x -> 200 - x), for the right side of a paired region.
  Shape mirrored() const;
};

}  // namespace smr::core
