#pragma once
// The body map as an SVG heat map: the front and back views side by side, every region of the catalog drawn,
// the rated ones filled by their intensity (0-10 NRS), persistent-pain alerts outlined. A pure function: it
// returns the document as a string and does no I/O. See docs/progress.md "Body map and charts (SVG)".
//
// Left and right: the catalog draws a paired region's LEFT side (core/body_map.h) on a canvas where the
// person faces the viewer in the front view and faces away in the back view; the right side is its mirror
// image (Shape::mirrored()). So in the front view the person's left is on the viewer's RIGHT (x > 100), and in
// the back view on the viewer's LEFT (x < 100), as on an anatomy chart. Each view carries small "Left" and
// "Right" labels on the matching edges so that no one has to know the convention.
//
// Usage (the HTML report, the web API):
//   std::vector<BodyMapMark> marks = {{"calves", Side::kLeft, 6, true}, {"thoracic-spine", Side::kCentre, 3}};
//   BodyMapSvg map = render_body_map_svg(catalog, marks);
//   page += map.svg;   // marks it could not place are in map.skipped, with the reason
//
// Output contract (the tests and the browser test rely on it):
//   - root <svg> with viewBox, role="img", class "smr-svg smr-body-map" and an aria-label that lists every
//     rated region and every alert in words;
//   - one <g data-view="front"> and one <g data-view="back">;
//   - per region, side and catalog shape exactly one <ellipse> or <polygon> with data-region (catalog id),
//     data-side (left, right or centre), data-view, and, when rated, data-intensity (0-10); with an alert also
//     data-alert="true". Each holds a <title> such as "Left calves: 6/10" for people who point at it.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/region.h"
#include "core/svg_theme.h"

namespace smr::core {

// What to show at one region and side.
struct BodyMapMark {
  std::string region;            // catalog region id
  Side side = Side::kCentre;     // kLeft or kRight for a paired region, kCentre for a midline one
  std::optional<int> intensity;  // 0-10 NRS (e.g. RegionSensation::latest_intensity); empty: not rated
  bool alert = false;            // a persistent-pain alert is in force here (core/progress_alert.h)

  bool operator==(const BodyMapMark&) const = default;
};

// A mark that was not drawn, and why (words for a log or a developer, not for the person).
struct SkippedMark {
  BodyMapMark mark;
  std::string reason;  // "unknown region", "paired region needs side left or right", ...

  bool operator==(const SkippedMark&) const = default;
};

struct BodyMapOptions {
  std::string title = "Intensity by region";  // first words of the aria-label and the drawn heading
  svg::Theme theme = svg::Theme::kAuto;
};

struct BodyMapSvg {
  std::string svg;                   // a complete, self-contained <svg> element
  std::vector<SkippedMark> skipped;  // in input order
};

// Draws every region of `catalog` and colours those that `marks` rate. A mark is skipped (and reported) when its
// region is not in the catalog, its side does not fit the region (left/right for paired regions, centre for
// midline ones), its intensity is outside 0-10, or an earlier mark already named the same region and side
// (the first one wins). Never fails.
BodyMapSvg render_body_map_svg(const Catalog& catalog, const std::vector<BodyMapMark>& marks,
                               const BodyMapOptions& options = {});

// The intensity colour scale, 0 (index 0) to 10. Pale yellow through orange and red to dark purple: lightness
// falls steadily with intensity (OKLab L 0.94 down to 0.36), so the order reads without telling hues apart
// (for colour-blind people, in greyscale print), and "darker = stronger" holds as on common heat maps.
// The colours are the same in light and dark mode; rated shapes get an outline in the theme's text colour,
// which separates them from the body in both modes.
inline constexpr std::array<std::string_view, 11> kIntensityColours{"#feed8c", "#fed26b", "#ffb44d", "#ff9533",
                                                                    "#f87535", "#e85a48", "#d24459", "#b63565",
                                                                    "#972c6c", "#76276b", "#572263"};

// The colour of `intensity`, clamped to 0-10.
std::string_view intensity_colour(int intensity);

}  // namespace smr::core
