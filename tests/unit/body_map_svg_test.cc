// The SVG body map (core/body_map_svg.h): structure, left/right convention, colour scale, escaping, skipped
// marks, and a golden file of the whole document (tests/unit/golden/body_map.svg; see svg_test_support.h for
// SMR_UPDATE_GOLDEN).

#include "core/body_map_svg.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "core/catalog.h"
#include "svg_test_support.h"

namespace smr::core {
namespace {

using smr::testing::expect_matches_golden;
using smr::testing::find_all;
using smr::testing::parse_or_fail;
using smr::testing::with_attr;
using smr::testing::XmlNode;

Shape ellipse(View view, double cx, double cy, double rx, double ry) {
  Shape s;
  s.view = view;
  s.centre = {cx, cy};
  s.rx = rx;
  s.ry = ry;
  return s;
}

Shape polygon(View view, std::vector<Point> points) {
  Shape s;
  s.view = view;
  s.points = std::move(points);
  return s;
}

Region region(std::string id, std::string name, Laterality laterality, std::vector<Shape> map) {
  Region r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.laterality = laterality;
  r.map = std::move(map);
  return r;
}

// Four regions with the built-in catalog's shapes: paired on the back, paired on the front, paired on both
// views, and one midline region.
Catalog small_catalog() {
  CatalogData data;
  data.regions = {
      region("calves", "Calves", Laterality::kPaired, {ellipse(View::kBack, 80, 322, 11, 28)}),
      region("peroneals", "Outer lower leg (peroneals)", Laterality::kPaired,
             {ellipse(View::kFront, 131, 330, 4, 28), ellipse(View::kBack, 69, 330, 4, 26)}),
      region("quadriceps", "Quadriceps", Laterality::kPaired, {ellipse(View::kFront, 119, 250, 15, 33)}),
      region("thoracic-spine", "Upper back", Laterality::kMidline,
             {polygon(View::kBack, {{86, 78}, {114, 78}, {116, 148}, {84, 148}})}),
  };
  return Catalog(std::move(data));
}

const Catalog& builtin() {
  static const Catalog catalog = [] {
    auto loaded = catalog::load_builtin_catalog();
    if (!loaded) {
      ADD_FAILURE() << "the built-in catalog does not load";
      return Catalog(CatalogData{});
    }
    return std::move(*loaded);
  }();
  return catalog;
}

std::vector<const XmlNode*> region_shapes(const XmlNode& root) { return with_attr(root, "data-region"); }

std::string title_of(const XmlNode& node) {
  for (const auto& child : node.children) {
    if (child.name == "title") return child.text;
  }
  return "";
}

double attr_number(const XmlNode& node, std::string_view key) {
  const auto value = node.attr(key);
  return value ? std::strtod(value->c_str(), nullptr) : std::nan("");
}

std::vector<Point> polygon_points(const XmlNode& node) {
  std::vector<Point> out;
  std::istringstream in(node.attr("points").value_or(""));
  std::string pair;
  while (in >> pair) {
    const auto comma = pair.find(',');
    out.push_back(
        {std::strtod(pair.substr(0, comma).c_str(), nullptr), std::strtod(pair.substr(comma + 1).c_str(), nullptr)});
  }
  return out;
}

// The x of a shape's centre (the mean of a polygon's corners).
double centre_x(const XmlNode& node) {
  if (node.name == "ellipse") return attr_number(node, "cx");
  double sum = 0;
  const auto points = polygon_points(node);
  for (const Point& p : points) sum += p.x;
  return points.empty() ? std::nan("") : sum / static_cast<double>(points.size());
}

// WCAG relative luminance of "#rrggbb".
double luminance(std::string_view hex) {
  const auto channel = [&](std::size_t at) {
    const double c = static_cast<double>(std::strtol(std::string(hex.substr(at, 2)).c_str(), nullptr, 16)) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

TEST(BodyMapSvgTest, MatchesGoldenWithPairedMidlineAndAlertMarks) {
  const std::vector<BodyMapMark> marks = {
      {"calves", Side::kLeft, 6, true},
      {"calves", Side::kRight, 2, false},
      {"thoracic-spine", Side::kCentre, 3, false},
      {"quadriceps", Side::kLeft, 10, false},
      {"peroneals", Side::kRight, std::nullopt, true},
  };
  const BodyMapSvg map = render_body_map_svg(small_catalog(), marks);
  EXPECT_TRUE(map.skipped.empty());
  parse_or_fail(map.svg);
  expect_matches_golden(map.svg, "body_map.svg");
}

TEST(BodyMapSvgTest, DrawsEveryBuiltinRegionOncePerSideAndShape) {
  ASSERT_FALSE(builtin().regions().empty());
  const XmlNode root = parse_or_fail(render_body_map_svg(builtin(), {}).svg);
  std::size_t expected_total = 0;
  for (const Region& r : builtin().regions()) {
    const std::vector<Side> sides =
        r.paired() ? std::vector<Side>{Side::kLeft, Side::kRight} : std::vector<Side>{Side::kCentre};
    for (const Side side : sides) {
      for (const View view : {View::kFront, View::kBack}) {
        std::size_t in_catalog = 0;
        for (const Shape& s : r.map) in_catalog += s.view == view ? 1 : 0;
        const auto drawn = find_all(root, [&](const XmlNode& n) {
          return n.has("data-region", r.id) && n.has("data-side", to_string(side)) &&
                 n.has("data-view", to_string(view));
        });
        EXPECT_EQ(drawn.size(), in_catalog) << r.id << " " << to_string(side) << " " << to_string(view);
        expected_total += in_catalog;
      }
    }
  }
  EXPECT_EQ(region_shapes(root).size(), expected_total);
}

TEST(BodyMapSvgTest, RightShapesAreTheMirrorOfLeftOnes) {
  const XmlNode root = parse_or_fail(render_body_map_svg(builtin(), {}).svg);
  int pairs = 0;
  for (const Region& r : builtin().regions()) {
    if (!r.paired()) continue;
    for (const View view : {View::kFront, View::kBack}) {
      const auto drawn = [&](Side side) {
        return find_all(root, [&](const XmlNode& n) {
          return n.has("data-region", r.id) && n.has("data-side", to_string(side)) &&
                 n.has("data-view", to_string(view));
        });
      };
      const auto left = drawn(Side::kLeft);
      const auto right = drawn(Side::kRight);
      ASSERT_EQ(left.size(), right.size()) << r.id;
      for (std::size_t i = 0; i < left.size(); ++i) {
        ASSERT_EQ(left[i]->name, right[i]->name) << r.id;
        if (left[i]->name == "ellipse") {
          EXPECT_NEAR(attr_number(*right[i], "cx"), 200 - attr_number(*left[i], "cx"), 0.01) << r.id;
          for (const char* same : {"cy", "rx", "ry"}) {
            EXPECT_EQ(right[i]->attr(same), left[i]->attr(same)) << r.id << " " << same;
          }
        } else {
          const auto l = polygon_points(*left[i]);
          const auto rp = polygon_points(*right[i]);
          ASSERT_EQ(l.size(), rp.size()) << r.id;
          for (std::size_t k = 0; k < l.size(); ++k) {
            EXPECT_NEAR(rp[k].x, 200 - l[k].x, 0.01) << r.id << " corner " << k;
            EXPECT_NEAR(rp[k].y, l[k].y, 0.01) << r.id << " corner " << k;
          }
        }
        ++pairs;
      }
    }
  }
  EXPECT_GT(pairs, 20);
}

// The person's left is on the viewer's right in the front view (they face us) and on the viewer's left in the
// back view (we see their back).
TEST(BodyMapSvgTest, PersonsLeftIsOnViewersRightInFrontAndViewersLeftInBack) {
  const XmlNode root = parse_or_fail(render_body_map_svg(builtin(), {}).svg);
  int checked = 0;
  for (const XmlNode* n : region_shapes(root)) {
    const std::string side = n->attr("data-side").value_or("");
    if (side == "centre") continue;
    const bool front = n->has("data-view", "front");
    const bool on_viewers_right = centre_x(*n) > 100;
    EXPECT_EQ(on_viewers_right, front == (side == "left")) << n->attr("data-region").value_or("") << " " << side << " "
                                                           << (front ? "front" : "back") << " x " << centre_x(*n);
    ++checked;
  }
  EXPECT_GT(checked, 40);

  // The labels that tell the viewer the same thing.
  for (const char* view : {"front", "back"}) {
    const auto groups = find_all(root, [&](const XmlNode& n) { return n.name == "g" && n.has("data-view", view); });
    ASSERT_EQ(groups.size(), 1u) << view;
    const auto left = find_all(*groups[0], [](const XmlNode& n) { return n.has("data-side-label", "left"); });
    const auto right = find_all(*groups[0], [](const XmlNode& n) { return n.has("data-side-label", "right"); });
    ASSERT_EQ(left.size(), 1u);
    ASSERT_EQ(right.size(), 1u);
    EXPECT_EQ(left[0]->text, "Left");
    EXPECT_EQ(right[0]->text, "Right");
    const bool front = std::string_view(view) == "front";
    EXPECT_EQ(attr_number(*left[0], "x") > 100, front) << view;
    EXPECT_EQ(attr_number(*right[0], "x") > 100, !front) << view;
  }
}

TEST(BodyMapSvgTest, LiteralLeftCalfIsDrawnWhereTheCatalogSaysAndRightIsMirrored) {
  const XmlNode root = parse_or_fail(
      render_body_map_svg(small_catalog(), {{"calves", Side::kLeft, 6}, {"calves", Side::kRight, 1}}).svg);
  const auto calves = find_all(root, [](const XmlNode& n) { return n.has("data-region", "calves"); });
  ASSERT_EQ(calves.size(), 2u);
  for (const XmlNode* n : calves) {
    if (n->has("data-side", "left")) {
      EXPECT_EQ(n->attr("cx"), "80");
      EXPECT_EQ(n->attr("data-intensity"), "6");
      EXPECT_EQ(title_of(*n), "Left calves: 6/10");
    } else {
      EXPECT_EQ(n->attr("cx"), "120");
      EXPECT_EQ(n->attr("data-intensity"), "1");
      EXPECT_EQ(title_of(*n), "Right calves: 1/10");
    }
  }
}

TEST(BodyMapSvgTest, EscapesHostileNamesInTitlesAndLabel) {
  const std::string hostile = "<script>&\"'";
  CatalogData data;
  data.regions = {region("calves", hostile, Laterality::kPaired, {ellipse(View::kBack, 80, 322, 11, 28)})};
  BodyMapOptions options;
  options.title = hostile;
  const std::string svg = render_body_map_svg(Catalog(std::move(data)), {{"calves", Side::kLeft, 4}}, options).svg;
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  const XmlNode root = parse_or_fail(svg);
  const auto left = find_all(root, [](const XmlNode& n) { return n.has("data-side", "left"); });
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(title_of(*left[0]), "Left " + hostile + ": 4/10");
  EXPECT_EQ(root.attr("aria-label"), hostile + ". Front and back views. Left " + hostile + ": 4/10.");
}

TEST(BodyMapSvgTest, ColourScaleDarkensSteadilyFromZeroToTen) {
  EXPECT_NE(intensity_colour(0), intensity_colour(10));
  for (int i = 1; i <= 10; ++i) {
    EXPECT_LT(luminance(intensity_colour(i)), luminance(intensity_colour(i - 1))) << "intensity " << i;
  }
  // Far enough apart to tell neighbours of the legend apart, and the ends apart at a glance.
  EXPECT_GT((luminance(intensity_colour(0)) + 0.05) / (luminance(intensity_colour(10)) + 0.05), 9.0);
  EXPECT_EQ(intensity_colour(-3), intensity_colour(0));
  EXPECT_EQ(intensity_colour(12), intensity_colour(10));
}

TEST(BodyMapSvgTest, RatedShapesAreFilledWithTheirScaleColourAndOthersStayNeutral) {
  const XmlNode root = parse_or_fail(
      render_body_map_svg(small_catalog(), {{"quadriceps", Side::kLeft, 7}}, {"", svg::Theme::kLight}).svg);
  for (const XmlNode* n : region_shapes(root)) {
    if (n->has("data-region", "quadriceps") && n->has("data-side", "left")) {
      EXPECT_EQ(n->attr("fill"), std::string(intensity_colour(7)));
      EXPECT_EQ(n->attr("class"), "smr-rated");
    } else {
      EXPECT_FALSE(n->attr("data-intensity"));
      EXPECT_EQ(n->attr("fill"), std::string(svg::kUnratedRegion.fill_light));
      EXPECT_EQ(n->attr("class"), "smr-unrated");
    }
  }
  const auto legend = with_attr(root, "data-legend-intensity");
  ASSERT_EQ(legend.size(), 11u);
  for (int i = 0; i <= 10; ++i)
    EXPECT_EQ(legend[static_cast<std::size_t>(i)]->attr("fill"), std::string(intensity_colour(i)));
}

TEST(BodyMapSvgTest, SkipsUnknownRegionsAndMarksThatDoNotFit) {
  const std::vector<BodyMapMark> marks = {
      {"elbows", Side::kLeft, 5},
      {"calves", Side::kCentre, 5},
      {"thoracic-spine", Side::kLeft, 5},
      {"calves", Side::kLeft, 11},
      {"calves", Side::kLeft, 4},
      {"calves", Side::kLeft, 8},
      {"thoracic-spine", Side::kCentre, -1},
  };
  const BodyMapSvg map = render_body_map_svg(small_catalog(), marks);
  const std::vector<SkippedMark> expected = {
      {marks[0], "unknown region"},
      {marks[1], "paired region needs side left or right"},
      {marks[2], "midline region needs side centre"},
      {marks[3], "intensity outside 0-10"},
      {marks[5], "an earlier mark names the same region and side"},
      {marks[6], "intensity outside 0-10"},
  };
  EXPECT_EQ(map.skipped, expected);
  const XmlNode root = parse_or_fail(map.svg);
  const auto rated = with_attr(root, "data-intensity");
  ASSERT_EQ(rated.size(), 1u);
  EXPECT_TRUE(rated[0]->has("data-region", "calves") && rated[0]->has("data-side", "left"));
  EXPECT_EQ(rated[0]->attr("data-intensity"), "4");
}

TEST(BodyMapSvgTest, AlertsAreOutlinedWithDashesAboveAllRegions) {
  const XmlNode root =
      parse_or_fail(render_body_map_svg(small_catalog(), {{"calves", Side::kRight, std::nullopt, true}}).svg);
  const auto alerted = with_attr(root, "data-alert");
  ASSERT_EQ(alerted.size(), 1u);
  EXPECT_TRUE(alerted[0]->has("data-region", "calves") && alerted[0]->has("data-side", "right"));
  EXPECT_EQ(title_of(*alerted[0]), "Right calves: not rated, persistent pain alert");

  const auto back = find_all(root, [](const XmlNode& n) { return n.name == "g" && n.has("data-view", "back"); });
  ASSERT_EQ(back.size(), 1u);
  const auto& parts = back[0]->children;
  ASSERT_FALSE(parts.empty());
  const XmlNode& last = parts.back();  // drawn last, so no region covers the outline
  EXPECT_EQ(last.attr("class"), "smr-alerts");
  ASSERT_EQ(last.children.size(), 2u);  // halo and dashes
  EXPECT_EQ(last.children[1].attr("stroke-dasharray"), "5 3");
  EXPECT_EQ(last.children[1].attr("cx"), "120");
  // No alert, no alert group.
  const XmlNode plain = parse_or_fail(render_body_map_svg(small_catalog(), {}).svg);
  EXPECT_TRUE(find_all(plain, [](const XmlNode& n) { return n.has("class", "smr-alerts"); }).empty());
}

TEST(BodyMapSvgTest, AriaLabelSaysWhatIsRated) {
  const XmlNode root =
      parse_or_fail(render_body_map_svg(small_catalog(), {{"calves", Side::kRight, 2},
                                                          {"calves", Side::kLeft, 6, true},
                                                          {"thoracic-spine", Side::kCentre, 3},
                                                          {"quadriceps", Side::kLeft, std::nullopt},
                                                          {"quadriceps", Side::kRight, std::nullopt, true}})
                        .svg);
  EXPECT_EQ(root.attr("role"), "img");
  EXPECT_EQ(root.attr("aria-label"),
            "Intensity by region. Front and back views. Left calves: 6/10, persistent pain alert; Right calves: "
            "2/10; Right quadriceps: not rated, persistent pain alert; Upper back: 3/10.");
  const XmlNode empty = parse_or_fail(render_body_map_svg(small_catalog(), {}).svg);
  EXPECT_EQ(empty.attr("aria-label"), "Intensity by region. Front and back views. No region rated yet.");
}

TEST(BodyMapSvgTest, DrawsLargerShapesFirstSoSmallOnesStayVisible) {
  const XmlNode root = parse_or_fail(render_body_map_svg(builtin(), {}).svg);
  const auto shapes = region_shapes(root);
  std::size_t glutes = shapes.size(), piriformis = shapes.size();
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    if (shapes[i]->has("data-region", "glutes") && glutes == shapes.size()) glutes = i;
    if (shapes[i]->has("data-region", "piriformis") && piriformis == shapes.size()) piriformis = i;
  }
  ASSERT_LT(glutes, shapes.size());
  ASSERT_LT(piriformis, shapes.size());
  EXPECT_LT(glutes, piriformis);
}

TEST(BodyMapSvgTest, AutoThemeAddsDarkModeRulesAndFixedThemesDoNot) {
  const XmlNode autod = parse_or_fail(render_body_map_svg(small_catalog(), {}).svg);
  const auto styles = find_all(autod, [](const XmlNode& n) { return n.name == "style"; });
  ASSERT_EQ(styles.size(), 1u);
  EXPECT_NE(styles[0]->text.find("prefers-color-scheme: dark"), std::string::npos);
  EXPECT_NE(styles[0]->text.find(".smr-svg .smr-panel { fill: #1c1c1e; }"), std::string::npos);

  const XmlNode dark = parse_or_fail(render_body_map_svg(small_catalog(), {}, {"Map", svg::Theme::kDark}).svg);
  EXPECT_TRUE(find_all(dark, [](const XmlNode& n) { return n.name == "style"; }).empty());
  const auto panels = find_all(dark, [](const XmlNode& n) { return n.has("class", "smr-panel"); });
  ASSERT_EQ(panels.size(), 1u);
  EXPECT_EQ(panels[0]->attr("fill"), "#1c1c1e");
}

}  // namespace
}  // namespace smr::core
