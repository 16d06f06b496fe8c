#include "core/body_map_svg.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <numbers>
#include <utility>

#include "core/body_map.h"
#include "core/enum_names.h"
#include "core/svg.h"

namespace smr::core {
namespace {

using svg::Element;

// Layout of the document, in viewBox units. Each view is the catalog's 200 x 400 canvas, moved into place
// with a translate, so shapes keep their catalog coordinates (which the tests read back).
constexpr double kMargin = 16;
constexpr double kGap = 40;
constexpr double kViewTop = 56;
constexpr double kFrontLeft = kMargin;
constexpr double kBackLeft = kMargin + kMapWidth + kGap;
constexpr double kWidth = kBackLeft + kMapWidth + kMargin;  // 472
constexpr double kLegendTop = kViewTop + kMapHeight + 20;   // 476
constexpr double kHeight = kLegendTop + 52;                 // 528
constexpr double kSwatch = 22;
constexpr double kSwatchStep = 24;

// The outline of the body on the viewer's right half of a view (x >= 100), from the side of the neck down the
// arm and the outside of the leg and back up the inside of the leg to the groin; the left half is its mirror
// image. After the landmarks of docs/catalog.md (shoulders y 72, elbows y 160, wrists y 215, hip crest y 180,
// groin y 215, knees y 290, ankles y 370, soles y 392). Front and back share it.
constexpr std::array<Point, 31> kHalfOutline{{
    {108, 50},  {110, 62},  {130, 66},  {148, 72},  {159, 84},  {164, 110}, {170, 160}, {181, 212},
    {185, 232}, {179, 251}, {168, 251}, {164, 232}, {163, 216}, {153, 164}, {146, 112}, {141, 100},
    {137, 140}, {138, 180}, {142, 200}, {140, 240}, {135, 290}, {136, 330}, {126, 370}, {131, 386},
    {128, 395}, {108, 395}, {110, 372}, {112, 330}, {111, 292}, {104, 232}, {100, 218},
}};
constexpr Point kHeadCentre{100, 32};
constexpr double kHeadRx = 20, kHeadRy = 23;

std::string_view view_name(View view) { return to_string(view); }

// "Calves" -> "calves", but "IT band" stays (a capital after the first letter marks an abbreviation).
std::string lower_first(std::string_view name) {
  std::string out(name);
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!out.empty() && is_upper(out[0]) && !(out.size() > 1 && is_upper(out[1]))) {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

// "Left calves", "Right calves", "Upper back (thoracic spine)".
std::string place_label(const Region& region, Side side) {
  switch (side) {
    case Side::kLeft: return "Left " + lower_first(region.name);
    case Side::kRight: return "Right " + lower_first(region.name);
    case Side::kCentre: break;
  }
  return region.name;
}

double area(const Shape& shape) {
  if (!shape.is_polygon()) return std::numbers::pi * shape.rx * shape.ry;
  double twice = 0;  // shoelace formula
  for (std::size_t i = 0; i < shape.points.size(); ++i) {
    const Point& a = shape.points[i];
    const Point& b = shape.points[(i + 1) % shape.points.size()];
    twice += a.x * b.y - b.x * a.y;
  }
  return std::abs(twice) / 2;
}

std::string points_text(const std::vector<Point>& points) {
  std::string out;
  for (const Point& p : points) {
    if (!out.empty()) out += ' ';
    out += svg::number(p.x) + "," + svg::number(p.y);
  }
  return out;
}

// An <ellipse> or <polygon> with the shape's geometry and nothing else.
Element geometry(const Shape& shape) {
  if (shape.is_polygon()) {
    Element polygon("polygon");
    polygon.attr("points", points_text(shape.points));
    return polygon;
  }
  Element ellipse("ellipse");
  ellipse.attr("cx", shape.centre.x).attr("cy", shape.centre.y).attr("rx", shape.rx).attr("ry", shape.ry);
  return ellipse;
}

// One shape of one region on one side, ready to draw.
struct Placed {
  const Region* region = nullptr;
  Side side = Side::kCentre;
  Shape shape;
  const BodyMapMark* mark = nullptr;  // nullptr: not rated
  double area = 0;
};

// The regions' shapes in `view`, largest first so that no shape hides a smaller one drawn over it (the
// piriformis lies on the glutes); equal areas keep catalog order, left before right.
std::vector<Placed> placed_in(View view, const Catalog& catalog,
                              const std::map<std::pair<std::string_view, Side>, const BodyMapMark*>& marks) {
  std::vector<Placed> out;
  const auto mark_at = [&](const Region& region, Side side) -> const BodyMapMark* {
    const auto it = marks.find({region.id, side});
    return it == marks.end() ? nullptr : it->second;
  };
  for (const Region& region : catalog.regions()) {
    for (const Shape& shape : region.map) {
      if (shape.view != view) continue;
      if (region.paired()) {
        out.push_back({&region, Side::kLeft, shape, mark_at(region, Side::kLeft), area(shape)});
        out.push_back({&region, Side::kRight, shape.mirrored(), mark_at(region, Side::kRight), area(shape)});
      } else {
        out.push_back({&region, Side::kCentre, shape, mark_at(region, Side::kCentre), area(shape)});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Placed& a, const Placed& b) { return a.area > b.area; });
  return out;
}

// "Left calves: 6/10", "Left calves: not rated, persistent pain alert": a shape's title, and the aria-label's
// words for the place.
std::string place_state(const Region& region, Side side, const BodyMapMark* mark) {
  std::string words = place_label(region, side) + ": ";
  const bool rated = mark && mark->intensity;
  words += rated ? std::to_string(*mark->intensity) + "/10" : "not rated";
  if (mark && mark->alert) words += ", persistent pain alert";
  return words;
}

Element region_element(const Placed& p, svg::Theme theme) {
  Element e = geometry(p.shape);
  const bool rated = p.mark && p.mark->intensity;
  if (rated) {
    svg::apply(e, svg::kRatedRegion, theme);
    e.attr("fill", intensity_colour(*p.mark->intensity)).attr("stroke-width", 1.25);
  } else {
    svg::apply(e, svg::kUnratedRegion, theme);
    e.attr("stroke-width", 0.75);
  }
  e.attr("data-region", p.region->id).attr("data-side", to_string(p.side));
  e.attr("data-view", view_name(p.shape.view));
  if (rated) e.attr("data-intensity", *p.mark->intensity);
  if (p.mark && p.mark->alert) e.attr("data-alert", "true");
  Element title("title");
  title.text(place_state(*p.region, p.side, p.mark));
  e.add(std::move(title));
  return e;
}

// The alert outline: a wide stroke in the panel's colour under a dashed one in the alert colour, so the dash
// stands out from any fill of the scale and from the neighbouring shapes. Dashes and width, not only the
// colour, tell it apart.
void add_alert_outline(Element& group, const Shape& shape, svg::Theme theme) {
  Element halo = geometry(shape);
  svg::apply(halo, svg::kAlertHalo, theme);
  halo.attr("fill", "none").attr("stroke-width", 5);
  group.add(std::move(halo));
  Element dash = geometry(shape);
  svg::apply(dash, svg::kAlert, theme);
  dash.attr("fill", "none").attr("stroke-width", 2.5).attr("stroke-dasharray", "5 3");
  group.add(std::move(dash));
}

Element silhouette(svg::Theme theme) {
  Element g("g");
  g.attr("aria-hidden", "true");
  std::vector<Point> outline(kHalfOutline.begin(), kHalfOutline.end());
  for (auto it = kHalfOutline.rbegin() + 1; it != kHalfOutline.rend(); ++it) {
    if (it->x == kMapWidth / 2) continue;  // a point on the midline is already there once
    outline.push_back({kMapWidth - it->x, it->y});
  }
  Element body("polygon");
  body.attr("points", points_text(outline));
  svg::apply(body, svg::kSilhouette, theme);
  g.add(std::move(body));
  Element head("ellipse");  // over the neck, so that its outline draws the chin
  head.attr("cx", kHeadCentre.x).attr("cy", kHeadCentre.y).attr("rx", kHeadRx).attr("ry", kHeadRy);
  svg::apply(head, svg::kSilhouette, theme);
  g.add(std::move(head));
  return g;
}

Element view_group(View view, double left, const Catalog& catalog,
                   const std::map<std::pair<std::string_view, Side>, const BodyMapMark*>& marks, svg::Theme theme) {
  Element g("g");
  g.attr("data-view", view_name(view))
      .attr("transform", "translate(" + svg::number(left) + " " + svg::number(kViewTop) + ")");
  g.add(svg::themed_text(kMapWidth / 2, -8, view == View::kFront ? "Front" : "Back", svg::kText, theme, 13, "middle"));
  // The person's sides: front view, their left is on the viewer's right; back view, on the viewer's left.
  const bool front = view == View::kFront;
  Element left_label =
      svg::themed_text(front ? kMapWidth - 4 : 4, 12, "Left", svg::kMutedText, theme, 10, front ? "end" : "start");
  left_label.attr("data-side-label", "left");
  Element right_label =
      svg::themed_text(front ? 4 : kMapWidth - 4, 12, "Right", svg::kMutedText, theme, 10, front ? "start" : "end");
  right_label.attr("data-side-label", "right");
  g.add(std::move(left_label)).add(std::move(right_label));
  g.add(silhouette(theme));

  const std::vector<Placed> placed = placed_in(view, catalog, marks);
  Element regions("g");
  regions.attr("class", "smr-regions");
  for (const Placed& p : placed) regions.add(region_element(p, theme));
  g.add(std::move(regions));

  Element alerts("g");
  alerts.attr("class", "smr-alerts").attr("aria-hidden", "true");
  for (const Placed& p : placed) {
    if (p.mark && p.mark->alert) add_alert_outline(alerts, p.shape, theme);
  }
  if (!alerts.empty()) g.add(std::move(alerts));
  return g;
}

Element legend(svg::Theme theme) {
  Element g("g");
  g.attr("class", "smr-legend").attr("aria-hidden", "true");
  g.add(svg::themed_text(kMargin, kLegendTop, "Intensity (0 = none, 10 = worst)", svg::kText, theme, 11));
  const double top = kLegendTop + 8;
  for (int i = 0; i <= 10; ++i) {
    const double x = kMargin + i * kSwatchStep;
    Element swatch("rect");
    swatch.attr("x", x).attr("y", top).attr("width", kSwatch).attr("height", 14);
    svg::apply(swatch, svg::kRatedRegion, theme);
    swatch.attr("fill", intensity_colour(i)).attr("stroke-width", 0.75).attr("data-legend-intensity", i);
    g.add(std::move(swatch));
    g.add(svg::themed_text(x + kSwatch / 2, top + 28, std::to_string(i), svg::kMutedText, theme, 10, "middle"));
  }
  const double x_unrated = kMargin + 11 * kSwatchStep + 14;
  Element unrated("rect");
  unrated.attr("x", x_unrated).attr("y", top).attr("width", kSwatch).attr("height", 14);
  svg::apply(unrated, svg::kUnratedRegion, theme);
  unrated.attr("stroke-width", 0.75);
  g.add(std::move(unrated));
  g.add(svg::themed_text(x_unrated + kSwatch + 5, top + 11, "Not rated", svg::kText, theme, 10));

  const double x_alert = x_unrated + 86;
  Element alert("rect");
  alert.attr("x", x_alert).attr("y", top).attr("width", kSwatch).attr("height", 14);
  svg::apply(alert, svg::kUnratedRegion, theme);
  g.add(std::move(alert));
  Shape sample;  // the same outline as on the map, around the sample
  sample.points = {{x_alert, top}, {x_alert + kSwatch, top}, {x_alert + kSwatch, top + 14}, {x_alert, top + 14}};
  add_alert_outline(g, sample, theme);
  g.add(svg::themed_text(x_alert + kSwatch + 5, top + 11, "Pain alert", svg::kText, theme, 10));
  return g;
}

// The words a screen reader says for the whole map: every rated or alerted place, in catalog order.
std::string aria_label(const std::string& title, const Catalog& catalog,
                       const std::map<std::pair<std::string_view, Side>, const BodyMapMark*>& marks) {
  std::string places;
  for (const Region& region : catalog.regions()) {
    for (const Side side : {Side::kLeft, Side::kRight, Side::kCentre}) {
      const auto it = marks.find({region.id, side});
      if (it == marks.end() || (!it->second->intensity && !it->second->alert)) continue;
      places += places.empty() ? "" : "; ";
      places += place_state(region, side, it->second);
    }
  }
  std::string label = title.empty() ? "Body map" : title;
  label += ". Front and back views. ";
  label += places.empty() ? "No region rated yet." : places + ".";
  return label;
}

}  // namespace

std::string_view intensity_colour(int intensity) {
  return kIntensityColours[static_cast<std::size_t>(std::clamp(intensity, 0, 10))];
}

BodyMapSvg render_body_map_svg(const Catalog& catalog, const std::vector<BodyMapMark>& marks,
                               const BodyMapOptions& options) {
  BodyMapSvg out;
  // Keys view the marks' region ids; `marks` outlives the map.
  std::map<std::pair<std::string_view, Side>, const BodyMapMark*> by_place;
  for (const BodyMapMark& mark : marks) {
    const Region* region = catalog.find_region(mark.region);
    std::string reason;
    if (!region) {
      reason = "unknown region";
    } else if (region->paired() && mark.side == Side::kCentre) {
      reason = "paired region needs side left or right";
    } else if (!region->paired() && mark.side != Side::kCentre) {
      reason = "midline region needs side centre";
    } else if (mark.intensity && (*mark.intensity < 0 || *mark.intensity > 10)) {
      reason = "intensity outside 0-10";
    } else if (!by_place.emplace(std::pair<std::string_view, Side>{mark.region, mark.side}, &mark).second) {
      reason = "an earlier mark names the same region and side";
    }
    if (!reason.empty()) out.skipped.push_back({mark, std::move(reason)});
  }

  Element root = svg::themed_document(kWidth, kHeight, aria_label(options.title, catalog, by_place), "smr-body-map",
                                      options.theme);
  if (!options.title.empty()) {
    Element heading = svg::themed_text(kMargin, 24, options.title, svg::kText, options.theme, 15);
    heading.attr("font-weight", "600");
    root.add(std::move(heading));
  }
  root.add(view_group(View::kFront, kFrontLeft, catalog, by_place, options.theme));
  root.add(view_group(View::kBack, kBackLeft, catalog, by_place, options.theme));
  root.add(legend(options.theme));
  out.svg = root.str();
  return out;
}

}  // namespace smr::core
