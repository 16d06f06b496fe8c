// The SVG trend chart (core/trend_chart_svg.h): axes and local dates, band, target, flagged points, the empty
// state, escaping, and golden files of whole documents (tests/unit/golden/trend_chart*.svg; see
// svg_test_support.h for SMR_UPDATE_GOLDEN).

#include "core/trend_chart_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/svg.h"
#include "progress_fixture.h"
#include "svg_test_support.h"

namespace smr::core {
namespace {

using smr::core::testing::berlin_2026;
using smr::core::testing::utc;
using smr::testing::expect_matches_golden;
using smr::testing::find_all;
using smr::testing::parse_or_fail;
using smr::testing::with_attr;
using smr::testing::XmlNode;

// Plot area (trend_chart_svg.cc): y from 68 (top) to 268 (bottom).
constexpr double kTop = 68;
constexpr double kBottom = 268;

// Local midnight of a Berlin date in 2026.
UnixMillis berlin_midnight(int month, int day) {
  return local_midnight_ms(smr::core::testing::days_from_civil(2026, month, day), berlin_2026());
}

double number_attr(const XmlNode& n, std::string_view key) {
  const auto v = n.attr(key);
  return v ? std::strtod(v->c_str(), nullptr) : std::nan("");
}

std::string title_of(const XmlNode& node) {
  for (const auto& child : node.children) {
    if (child.name == "title") return child.text;
  }
  return "";
}

std::vector<double> polyline_xs(const XmlNode& root) {
  std::vector<double> xs;
  const auto lines = find_all(root, [](const XmlNode& n) { return n.name == "polyline"; });
  if (lines.size() != 1) return xs;
  std::istringstream in(lines[0]->attr("points").value_or(""));
  std::string pair;
  while (in >> pair) xs.push_back(std::strtod(pair.substr(0, pair.find(',')).c_str(), nullptr));
  return xs;
}

// A weekly series over the spring DST change in Berlin, a flagged week, a band and a target.
TrendChart weekly_chart() {
  TrendChart chart;
  chart.title = "Left calves: weekly mean intensity";
  chart.unit = "NRS";
  chart.y_min = 0;
  chart.y_max = 10;
  chart.time_zone = berlin_2026();
  chart.points = {{berlin_midnight(3, 2), 6, false},  {berlin_midnight(3, 9), 5.5, true},
                  {berlin_midnight(3, 16), 5, false}, {berlin_midnight(3, 23), 4.25, false},
                  {berlin_midnight(3, 30), 4, false}, {berlin_midnight(4, 6), 3.5, false}};
  chart.band = ChartBand{4, 6, "First weeks +- 1 (no real change)"};
  chart.target = ChartLine{5, "Target"};
  return chart;
}

TEST(TrendChartSvgTest, MatchesGoldenWithBandTargetAndFlaggedPoint) {
  const std::string svg = render_trend_chart_svg(weekly_chart());
  parse_or_fail(svg);
  expect_matches_golden(svg, "trend_chart.svg");
}

TEST(TrendChartSvgTest, MatchesGoldenWhenEmpty) {
  TrendChart chart;
  chart.title = "Knee to wall, left";
  chart.unit = "cm";
  chart.band = ChartBand{9, 11, "Baseline +- 1 cm"};
  const std::string svg = render_trend_chart_svg(chart);
  parse_or_fail(svg);
  expect_matches_golden(svg, "trend_chart_empty.svg");
}

TEST(TrendChartSvgTest, EmptyChartSaysNoDataYetAndDrawsNoAxes) {
  TrendChart chart;
  chart.title = "Sessions per week";
  chart.target = ChartLine{5, "Target"};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_EQ(root.attr("aria-label"), "Sessions per week. No data yet.");
  EXPECT_EQ(find_all(root, [](const XmlNode& n) { return n.text == "No data yet"; }).size(), 1u);
  EXPECT_TRUE(find_all(root, [](const XmlNode& n) { return n.name == "line" || n.name == "polyline"; }).empty());
  EXPECT_TRUE(with_attr(root, "data-at-ms").empty());

  // Only non-finite values is empty too.
  chart.points = {{utc(2026, 1, 5), std::numeric_limits<double>::quiet_NaN(), false}};
  chart.empty_message = "Nothing yet";
  const XmlNode nan_only = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_EQ(nan_only.attr("aria-label"), "Sessions per week. Nothing yet.");
}

TEST(TrendChartSvgTest, WeeklyTicksFallOnLocalMondaysAcrossDaylightSaving) {
  const XmlNode root = parse_or_fail(render_trend_chart_svg(weekly_chart()));
  const auto ticks = with_attr(root, "data-x-tick");
  std::vector<std::string> labels;
  for (const XmlNode* t : ticks) labels.push_back(t->text);
  EXPECT_EQ(labels, (std::vector<std::string>{"2 Mar", "9 Mar", "16 Mar", "23 Mar", "30 Mar", "6 Apr"}));
  // Each point sits at a local Monday midnight, so exactly on its tick, also after the change to summer time.
  const std::vector<double> xs = polyline_xs(root);
  ASSERT_EQ(xs.size(), ticks.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) EXPECT_EQ(number_attr(*ticks[i], "x"), xs[i]) << labels[i];
  // The year once, under the first tick.
  EXPECT_EQ(find_all(root, [](const XmlNode& n) { return n.text == "2026"; }).size(), 1u);
}

TEST(TrendChartSvgTest, DatesAreLocalToTheGivenZone) {
  TrendChart chart;
  chart.unit = "NRS";
  chart.points = {{utc(2026, 3, 1, 23, 30), 5, false}};  // Sunday 23:30 UTC = Monday 00:30 in Berlin
  chart.time_zone = berlin_2026();
  XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  auto points = with_attr(root, "data-at-ms");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(title_of(*points[0]), "2 Mar 2026: 5 NRS");
  EXPECT_EQ(root.attr("aria-label"), "Chart. 1 point on 2 Mar 2026; latest 5 NRS.");

  chart.time_zone = TimeZone::fixed(0);
  root = parse_or_fail(render_trend_chart_svg(chart));
  points = with_attr(root, "data-at-ms");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(title_of(*points[0]), "1 Mar 2026: 5 NRS");
  EXPECT_TRUE(find_all(root, [](const XmlNode& n) { return n.name == "polyline"; }).empty());  // one point
  EXPECT_FALSE(with_attr(root, "data-x-tick").empty());
}

TEST(TrendChartSvgTest, ShowsTheYearWhereItChanges) {
  TrendChart chart;
  chart.points = {{utc(2025, 12, 22), 1, false}, {utc(2026, 1, 12), 2, false}};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_EQ(find_all(root, [](const XmlNode& n) { return n.text == "2025"; }).size(), 1u);
  EXPECT_EQ(find_all(root, [](const XmlNode& n) { return n.text == "2026"; }).size(), 1u);
}

TEST(TrendChartSvgTest, DrawsPointsInTimeOrderWhateverTheInputOrder) {
  TrendChart chart;
  chart.points = {{utc(2026, 1, 19), 3, false}, {utc(2026, 1, 5), 1, false}, {utc(2026, 1, 12), 2, false}};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  const std::vector<double> xs = polyline_xs(root);
  ASSERT_EQ(xs.size(), 3u);
  EXPECT_LT(xs[0], xs[1]);
  EXPECT_LT(xs[1], xs[2]);
  const auto points = with_attr(root, "data-at-ms");
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0]->attr("data-value"), "1");
  EXPECT_EQ(points[2]->attr("data-value"), "3");
  EXPECT_EQ(number_attr(*points[0], "cx"), xs[0]);
}

TEST(TrendChartSvgTest, FixedRangeGivesRoundTicksAndPutsValuesInPlace) {
  TrendChart chart = weekly_chart();
  chart.points = {{utc(2026, 1, 5), 10, false}, {utc(2026, 1, 12), 0, false}, {utc(2026, 1, 19), 12, false}};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  std::vector<std::string> ticks;
  for (const XmlNode* t : with_attr(root, "data-y-tick")) ticks.push_back(t->text);
  EXPECT_EQ(ticks, (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));
  const auto points = with_attr(root, "data-at-ms");
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(number_attr(*points[0], "cy"), kTop);
  EXPECT_EQ(number_attr(*points[1], "cy"), kBottom);
  EXPECT_EQ(number_attr(*points[2], "cy"), kTop);          // 12 on a 0-10 axis sits on the edge ...
  EXPECT_EQ(title_of(*points[2]), "19 Jan 2026: 12 NRS");  // ... and says its value
}

TEST(TrendChartSvgTest, AutomaticRangeCoversPointsBandAndTarget) {
  TrendChart chart;
  chart.unit = "cm";
  chart.points = {{utc(2026, 1, 5), 9.5, false}, {utc(2026, 1, 12), 10.5, false}};
  chart.band = ChartBand{8, 11, "Baseline"};
  chart.target = ChartLine{13, "Goal"};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  const auto ticks = with_attr(root, "data-y-tick");
  ASSERT_FALSE(ticks.empty());
  EXPECT_LE(number_attr(*ticks.front(), "data-y-tick"), 8);
  EXPECT_GE(number_attr(*ticks.back(), "data-y-tick"), 13);
  EXPECT_LE(ticks.size(), 8u);
}

TEST(TrendChartSvgTest, BandAndTargetSitAtTheirValues) {
  const XmlNode root = parse_or_fail(render_trend_chart_svg(weekly_chart()));  // 0-10: y = 268 - 20 v
  const auto bands = with_attr(root, "data-band");
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(number_attr(*bands[0], "y"), kBottom - 6 * 20);
  EXPECT_EQ(number_attr(*bands[0], "height"), 2 * 20);
  EXPECT_EQ(title_of(*bands[0]), "First weeks +- 1 (no real change)");
  const auto targets = with_attr(root, "data-target");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(number_attr(*targets[0], "y1"), kBottom - 5 * 20);
  EXPECT_EQ(number_attr(*targets[0], "y2"), kBottom - 5 * 20);
  EXPECT_EQ(title_of(*targets[0]), "Target: 5 NRS");
}

TEST(TrendChartSvgTest, FlaggedPointsAreDiamondsWithALegendEntry) {
  TrendChart chart = weekly_chart();
  XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  const auto flagged = with_attr(root, "data-flagged");
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0]->name, "polygon");
  EXPECT_EQ(title_of(*flagged[0]), "9 Mar 2026: 5.5 NRS (Pain reported)");
  EXPECT_EQ(find_all(root, [](const XmlNode& n) { return n.text == "Pain reported"; }).size(), 1u);

  for (auto& p : chart.points) p.flagged = false;
  root = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_TRUE(with_attr(root, "data-flagged").empty());
  EXPECT_TRUE(find_all(root, [](const XmlNode& n) { return n.text == "Pain reported"; }).empty());
}

TEST(TrendChartSvgTest, LeavesOutNonFiniteValues) {
  TrendChart chart;
  chart.points = {{utc(2026, 1, 5), 1, false},
                  {utc(2026, 1, 12), std::numeric_limits<double>::infinity(), false},
                  {utc(2026, 1, 19), 3, false}};
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_EQ(with_attr(root, "data-at-ms").size(), 2u);
  EXPECT_EQ(polyline_xs(root).size(), 2u);
}

TEST(TrendChartSvgTest, SurvivesExtremeInputAndSwappedEnds) {
  TrendChart chart;
  chart.points = {{0, -1e12, false}, {1'000'000'000'000'000, 1e12, true}, {500, 0.001, false}};
  chart.y_min = 10;  // the wrong way round: drawn as 0 to 10
  chart.y_max = 0;
  const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
  EXPECT_EQ(with_attr(root, "data-at-ms").size(), 3u);
  EXPECT_LE(with_attr(root, "data-x-tick").size(), 14u);
  std::vector<std::string> ticks;
  for (const XmlNode* t : with_attr(root, "data-y-tick")) ticks.push_back(t->text);
  EXPECT_EQ(ticks, (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));

  chart.y_min.reset();
  chart.y_max.reset();
  parse_or_fail(render_trend_chart_svg(chart));
}

TEST(TrendChartSvgTest, EscapesHostileTitleUnitAndLabels) {
  const std::string hostile = "<script>&\"'";
  TrendChart chart = weekly_chart();
  chart.title = hostile;
  chart.unit = hostile;
  chart.band->label = hostile;
  chart.flag_label = hostile;
  const std::string svg = render_trend_chart_svg(chart);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  const XmlNode root = parse_or_fail(svg);
  EXPECT_EQ(root.attr("aria-label").value_or("").substr(0, hostile.size()), hostile);
  EXPECT_EQ(find_all(root, [&](const XmlNode& n) { return n.name == "text" && n.text == hostile; }).size(), 4u)
      << "title, unit, band and flag legend";
}

TEST(TrendChartSvgTest, AriaLabelSumsUpTheSeries) {
  const XmlNode root = parse_or_fail(render_trend_chart_svg(weekly_chart()));
  EXPECT_EQ(root.attr("role"), "img");
  EXPECT_EQ(root.attr("aria-label"),
            "Left calves: weekly mean intensity. 6 points from 2 Mar 2026 to 6 Apr 2026; latest 3.5 NRS, lowest 3.5 "
            "NRS, highest 6 NRS; Pain reported: 1; Target (5 NRS); First weeks +- 1 (no real change) (4 to 6 NRS).");
}

// Issue 11: the text elements of a chart with their x, y, font size and anchor.
struct Text {
  std::string content;
  double x, y, size;
  std::string anchor;
};

std::vector<Text> texts_of(const XmlNode& root) {
  std::vector<Text> out;
  for (const XmlNode* t : find_all(root, [](const XmlNode& n) { return n.name == "text"; })) {
    out.push_back({t->text, number_attr(*t, "x"), number_attr(*t, "y"), number_attr(*t, "font-size"),
                   t->attr("text-anchor").value_or("start")});
  }
  return out;
}

// Issue 11: a chart for a phone (narrow viewBox) keeps every label at 11 units or more, so drawn about as many
// CSS pixels wide as its width its labels are 11 px or more; its title and legend wrap inside the width (about
// 7.2 units a character at 13 units, 6 at 11) and stay above the plot; the page layout is unchanged (goldens).
TEST(TrendChartSvgTest, ANarrowChartKeepsItsLabelsLegibleAndInsideIssue11) {
  for (const double width : {kNarrowChartWidth, 320.0, 400.0, 520.0}) {
    TrendChart chart = weekly_chart();
    chart.title = "Hamstrings (right side): weekly mean intensity over the last weeks";
    chart.flag_label = "Pain reported that week";
    chart.width = width;
    const XmlNode root = parse_or_fail(render_trend_chart_svg(chart));
    const std::string view_box = root.attr("viewBox").value_or("");
    EXPECT_EQ(view_box.substr(0, view_box.find(' ', 4)), "0 0 " + svg::number(width)) << view_box;
    const auto all = texts_of(root);
    ASSERT_FALSE(all.empty());
    const auto axis = find_all(root, [](const XmlNode& n) { return n.has("class", "smr-y-axis"); });
    ASSERT_EQ(axis.size(), 1u);
    double plot_top = 1e9;
    for (const XmlNode* l : find_all(*axis[0], [](const XmlNode& n) { return n.name == "line"; })) {
      plot_top = std::min(plot_top, number_attr(*l, "y1"));
    }
    for (const auto& t : all) {
      EXPECT_GE(t.size, 11) << width << ": \"" << t.content << "\"";
      const double per_char = t.size >= 13 ? 7.2 : 6.0;
      const double length = per_char * static_cast<double>(t.content.size());
      if (t.anchor == "start") {
        EXPECT_LE(t.x + length, width + 1) << width << ": \"" << t.content << "\" runs past the right edge";
      }
    }
    // Title and legend lines sit above the highest grid line.
    for (const auto& t : all) {
      if (t.size >= 13) {
        EXPECT_LT(t.y, plot_top) << t.content;
      }
    }
    for (const XmlNode* g : find_all(root, [](const XmlNode& n) { return n.has("class", "smr-legend"); })) {
      for (const auto& t : texts_of(*g)) EXPECT_LT(t.y, plot_top) << t.content;
    }
    // Every word of the title is drawn.
    std::string drawn;
    for (const auto& t : all) {
      if (t.size >= 13) drawn += (drawn.empty() ? "" : " ") + t.content;
    }
    EXPECT_EQ(drawn, chart.title) << width;
  }
}

TEST(TrendChartSvgTest, ThePageWidthIsTheDefaultIssue11) {
  TrendChart chart = weekly_chart();
  chart.width = 640;
  EXPECT_EQ(render_trend_chart_svg(chart), render_trend_chart_svg(weekly_chart()));
}

}  // namespace
}  // namespace smr::core
