#pragma once
// A line chart of one time series as SVG: weekly mean intensity of a region, sessions per week against a
// target, a self-test's values against its baseline band. A pure function: it returns the document as a
// string and does no I/O. See docs/progress.md "Body map and charts (SVG)".
//
// Usage (the HTML report):
//   TrendChart chart;
//   chart.title = "Left calves: weekly mean intensity";
//   chart.unit = "NRS";
//   chart.y_min = 0;
//   chart.y_max = 10;
//   chart.time_zone = tz;  // the person's zone: x labels are their local dates
//   for (const auto& w : sensation.weeks) chart.points.push_back({w.week_start_ms, w.mean_intensity, w.pain_count >
//   0}); page += render_trend_chart_svg(chart);
//
// Output contract (the tests and the browser test rely on it): root <svg> with viewBox, role="img", class
// "smr-svg smr-trend-chart" and an aria-label that sums the series up in words; one <polyline
// class="smr-series"> through the points in time order (none for a single point); one marker per point with
// data-at-ms, data-value and, when flagged, data-flagged="true", each holding a <title> such as
// "11 Mar 2024: 5.5 NRS"; the band as <rect data-band>; the target as <line data-target>. With no points, a
// message (empty_message) and no axes.

#include <optional>
#include <string>
#include <vector>

#include "core/journal.h"
#include "core/svg_theme.h"
#include "core/time_zone.h"

namespace smr::core {

struct ChartPoint {
  UnixMillis at_ms = 0;
  double value = 0;      // NaN and infinities are left out of the chart
  bool flagged = false;  // drawn with a distinct marker (e.g. pain was reported that week)

  bool operator==(const ChartPoint&) const = default;
};

// A horizontal band, e.g. a self-test's baseline +- its smallest real change: values inside it are noise.
struct ChartBand {
  double low = 0;
  double high = 0;
  std::string label;  // legend text, e.g. "Baseline +- 1 cm (no real change)"

  bool operator==(const ChartBand&) const = default;
};

// A horizontal line, e.g. the target of 5 sessions a week.
struct ChartLine {
  double value = 0;
  std::string label;  // legend text, e.g. "Target: 5 a week"

  bool operator==(const ChartLine&) const = default;
};

struct TrendChart {
  std::string title;               // drawn as the heading and first in the aria-label
  std::string unit;                // "NRS", "cm", "deg", "sessions": the y axis label and in every point's title
  std::vector<ChartPoint> points;  // any order; drawn by time (equal times keep their order)
  std::optional<ChartBand> band;
  std::optional<ChartLine> target;
  std::string flag_label = "Pain reported";  // legend text for flagged points, shown when one is flagged
  // Fixed ends of the y axis (e.g. 0 and 10 for NRS, 0 for counts). Unset: a round value below the lowest and
  // above the highest of the points, the band and the target. Points outside fixed ends sit on the edge.
  std::optional<double> y_min;
  std::optional<double> y_max;
  TimeZone time_zone;  // x tick labels and point titles are local dates in this zone (TimeZone::fixed(0): UTC)
  std::string empty_message = "No data yet";
  svg::Theme theme = svg::Theme::kAuto;
  // The viewBox width, in units of the text size (labels are 11 units): 640 for a page (640 x 320); less,
  // down to kNarrowChartWidth, for a phone, where the chart is drawn this many CSS pixels wide or a little
  // more so that its labels stay at least 11 px (issue 11). A narrow chart wraps its title and legend,
  // has fewer x ticks, and grows taller to keep the plot's height.
  double width = 640;
};

inline constexpr double kNarrowChartWidth = 280;

// The chart as a complete, self-contained <svg> element, `width` x 320 (or more) viewBox units (it scales to
// any width).
std::string render_trend_chart_svg(const TrendChart& chart);

}  // namespace smr::core
