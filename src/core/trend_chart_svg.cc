#include "core/trend_chart_svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include "core/svg.h"

namespace smr::core {
namespace {

using svg::Element;

// Layout, in viewBox units.
constexpr double kWidth = 640;
constexpr double kHeight = 320;
constexpr double kPlotLeft = 64;
constexpr double kPlotRight = 620;
constexpr double kPlotTop = 68;
constexpr double kPlotBottom = 268;
constexpr double kLegendY = 46;
constexpr int kMaxXTicks = 7;
constexpr int kMaxYTicks = 12;  // a guard: the step rule gives 4 to 7

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};

// The proleptic Gregorian date of a local day (days since 1970-01-01), counting in 400-year eras that start
// on 1 March so that the leap day falls at the end of an era's year (after H. Hinnant's public-domain
// chrono algorithms).
CivilDate civil_date(LocalDay day) {
  const std::int64_t z = day + 719468;  // days since 0000-03-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 = March ... 11 = February
  const int dom = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, dom};
}

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "11 Mar"
std::string day_month(const CivilDate& d) {
  return std::to_string(d.day) + " " + std::string(kMonths[static_cast<std::size_t>(d.month - 1)]);
}

// "11 Mar 2024"
std::string full_date(UnixMillis at_ms, const TimeZone& tz) {
  const CivilDate d = civil_date(local_day(at_ms, tz));
  return day_month(d) + " " + std::to_string(d.year);
}

std::string with_unit(double value, const std::string& unit) {
  return unit.empty() ? svg::number(value) : svg::number(value) + " " + unit;
}

Element line(double x1, double y1, double x2, double y2, const svg::Paint& paint, svg::Theme theme, double width) {
  Element l("line");
  l.attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
  svg::apply(l, paint, theme);
  l.attr("stroke-width", width);
  return l;
}

Element titled(Element e, std::string_view title) {
  Element t("title");
  t.text(title);
  e.add(std::move(t));
  return e;
}

// 1, 2 or 5 times a power of ten, the smallest at least `raw`.
double nice_step(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / power;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

// The y axis: its ends and its ticks.
struct YScale {
  double low = 0;
  double high = 1;
  std::vector<double> ticks;

  double y(double value) const {
    const double t = (std::clamp(value, low, high) - low) / (high - low);
    return kPlotBottom - t * (kPlotBottom - kPlotTop);
  }
};

YScale y_scale(const TrendChart& chart, const std::vector<ChartPoint>& points) {
  double low = points.front().value;
  double high = low;
  const auto include = [&](double v) {
    if (!std::isfinite(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  };
  for (const ChartPoint& p : points) include(p.value);
  if (chart.band) {
    include(chart.band->low);
    include(chart.band->high);
  }
  if (chart.target) include(chart.target->value);
  const bool fixed_low = chart.y_min && std::isfinite(*chart.y_min);
  const bool fixed_high = chart.y_max && std::isfinite(*chart.y_max);
  if (fixed_low) low = *chart.y_min;
  if (fixed_high) high = *chart.y_max;
  if (high < low) std::swap(low, high);
  if (high - low < 1e-9) {  // one value: give it room
    if (!fixed_low) low -= 1;
    if (!fixed_high || fixed_low) high = low + 2;
  }
  YScale scale;
  const double step = nice_step((high - low) / 5);
  scale.low = fixed_low ? low : std::floor(low / step) * step;
  scale.high = fixed_high ? high : std::ceil(high / step) * step;
  if (!(scale.high > scale.low)) scale.high = scale.low + 1;
  const double first = std::ceil(scale.low / step - 1e-9);
  const double last = std::floor(scale.high / step + 1e-9);
  if (std::isfinite(first) && std::isfinite(last) && last - first <= kMaxYTicks) {
    for (double k = first; k <= last; k += 1) scale.ticks.push_back(k * step);
  }
  return scale;
}

// The x axis: a time domain (padded so that the first and last markers clear the axes) and its ticks at local
// midnights, every 1, 2 days, or 1, 2, 4, 8, 13, 26, 52 weeks (then on Mondays).
struct XScale {
  UnixMillis low = 0;
  UnixMillis high = 1;
  std::vector<LocalDay> tick_days;

  double x(UnixMillis at_ms) const {
    const double t = static_cast<double>(at_ms - low) / static_cast<double>(high - low);
    return kPlotLeft + t * (kPlotRight - kPlotLeft);
  }
};

XScale x_scale(const std::vector<ChartPoint>& points, const TimeZone& tz) {
  const UnixMillis first = points.front().at_ms;
  const UnixMillis last = points.back().at_ms;
  const UnixMillis span = last - first;
  const UnixMillis pad = span == 0 ? kDayMs : std::max<UnixMillis>(span / 25, kDayMs / 2);
  XScale scale{first - pad, last + pad, {}};
  const std::int64_t span_days = (scale.high - scale.low) / kDayMs + 1;
  std::int64_t step = 0;
  for (const std::int64_t candidate : {1, 2, 7, 14, 28, 56, 91, 182, 364}) {
    if (span_days / candidate < kMaxXTicks) {
      step = candidate;
      break;
    }
  }
  if (step == 0) step = (span_days / (kMaxXTicks - 1) / 364 + 1) * 364;  // many years: whole "years" of weeks
  LocalDay day = local_day(scale.low, tz);
  if (local_midnight_ms(day, tz) < scale.low) ++day;
  if (step >= 7 && weekday(day) != 0) day = week_monday(day) + 7;
  for (int i = 0; i < 2 * kMaxXTicks && local_midnight_ms(day, tz) <= scale.high; ++i, day += step) {
    scale.tick_days.push_back(day);
  }
  return scale;
}

Element empty_state(const TrendChart& chart, Element root) {
  root.add(svg::themed_text((kPlotLeft + kPlotRight) / 2, (kPlotTop + kPlotBottom) / 2, chart.empty_message,
                            svg::kMutedText, chart.theme, 14, "middle"));
  return root;
}

std::string aria_label(const TrendChart& chart, const std::vector<ChartPoint>& points) {
  std::string label = chart.title.empty() ? "Chart" : chart.title;
  if (points.empty()) return label + ". " + chart.empty_message + ".";
  const auto [lowest, highest] = std::minmax_element(
      points.begin(), points.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.value < b.value; });
  label += ". " + std::to_string(points.size()) + (points.size() == 1 ? " point" : " points");
  label += points.size() == 1 ? " on " + full_date(points.front().at_ms, chart.time_zone)
                              : " from " + full_date(points.front().at_ms, chart.time_zone) + " to " +
                                    full_date(points.back().at_ms, chart.time_zone);
  label += "; latest " + with_unit(points.back().value, chart.unit);
  if (points.size() > 1) {
    label += ", lowest " + with_unit(lowest->value, chart.unit) + ", highest " + with_unit(highest->value, chart.unit);
  }
  const auto flagged = std::count_if(points.begin(), points.end(), [](const ChartPoint& p) { return p.flagged; });
  if (flagged > 0) label += "; " + chart.flag_label + ": " + std::to_string(flagged);
  if (chart.target) {
    label += "; " + (chart.target->label.empty() ? "target" : chart.target->label) + " (" +
             with_unit(chart.target->value, chart.unit) + ")";
  }
  if (chart.band) {
    label += "; " + (chart.band->label.empty() ? "band" : chart.band->label) + " (" + svg::number(chart.band->low) +
             " to " + with_unit(chart.band->high, chart.unit) + ")";
  }
  return label + ".";
}

// A diamond around (x, y): the flagged marker, told apart from the round ones by its shape, not only colour.
Element diamond(double x, double y, double r) {
  Element d("polygon");
  d.attr("points", svg::number(x) + "," + svg::number(y - r) + " " + svg::number(x + r) + "," + svg::number(y) + " " +
                       svg::number(x) + "," + svg::number(y + r) + " " + svg::number(x - r) + "," + svg::number(y));
  return d;
}

// Legend entries for the band, the target and flagged points, left to right above the plot. Text width is
// estimated at 6 units a character (11-unit font), enough to keep entries apart.
Element legend(const TrendChart& chart, bool any_flagged) {
  Element g("g");
  g.attr("class", "smr-legend").attr("aria-hidden", "true");
  double x = kPlotLeft;
  const auto label = [&](std::string_view words) {
    g.add(svg::themed_text(x + 24, kLegendY + 4, words, svg::kText, chart.theme, 11));
    x += 24 + 6.0 * static_cast<double>(words.size()) + 18;
  };
  if (chart.band) {
    Element sample("rect");
    sample.attr("x", x).attr("y", kLegendY - 5).attr("width", 18).attr("height", 10);
    svg::apply(sample, svg::kBand, chart.theme);
    sample.attr("fill-opacity", 0.18);
    g.add(std::move(sample));
    label(chart.band->label.empty() ? "Band" : chart.band->label);
  }
  if (chart.target) {
    g.add(line(x, kLegendY, x + 18, kLegendY, svg::kTarget, chart.theme, 1.5).attr("stroke-dasharray", "6 4"));
    label(chart.target->label.empty() ? "Target" : chart.target->label);
  }
  if (any_flagged) {
    Element sample = diamond(x + 9, kLegendY, 5.5);
    svg::apply(sample, svg::kFlaggedPoint, chart.theme);
    sample.attr("stroke-width", 1);
    g.add(std::move(sample));
    label(chart.flag_label);
  }
  return g;
}

}  // namespace

std::string render_trend_chart_svg(const TrendChart& chart) {
  std::vector<ChartPoint> points;
  points.reserve(chart.points.size());
  for (const ChartPoint& p : chart.points) {
    if (std::isfinite(p.value)) points.push_back(p);
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const ChartPoint& a, const ChartPoint& b) { return a.at_ms < b.at_ms; });

  Element root = svg::themed_document(kWidth, kHeight, aria_label(chart, points), "smr-trend-chart", chart.theme);
  if (!chart.title.empty()) {
    Element heading = svg::themed_text(16, 24, chart.title, svg::kText, chart.theme, 15);
    heading.attr("font-weight", "600");
    root.add(std::move(heading));
  }
  if (points.empty()) return empty_state(chart, std::move(root)).str();

  const YScale ys = y_scale(chart, points);
  const XScale xs = x_scale(points, chart.time_zone);
  const bool any_flagged = std::any_of(points.begin(), points.end(), [](const ChartPoint& p) { return p.flagged; });
  if (chart.band || chart.target || any_flagged) root.add(legend(chart, any_flagged));

  // Grid and y axis labels.
  Element grid("g");
  grid.attr("class", "smr-y-axis");
  for (const double tick : ys.ticks) {
    const double y = ys.y(tick);
    grid.add(line(kPlotLeft, y, kPlotRight, y, svg::kGrid, chart.theme, 1));
    grid.add(svg::themed_text(kPlotLeft - 8, y + 4, svg::number(tick), svg::kMutedText, chart.theme, 11, "end")
                 .attr("data-y-tick", svg::number(tick)));
  }
  if (!chart.unit.empty()) {
    const double mid = (kPlotTop + kPlotBottom) / 2;
    grid.add(svg::themed_text(18, mid, chart.unit, svg::kMutedText, chart.theme, 11, "middle")
                 .attr("transform", "rotate(-90 18 " + svg::number(mid) + ")"));
  }
  root.add(std::move(grid));

  if (chart.band && std::isfinite(chart.band->low) && std::isfinite(chart.band->high)) {
    const double top = ys.y(std::max(chart.band->low, chart.band->high));
    const double bottom = ys.y(std::min(chart.band->low, chart.band->high));
    Element band("rect");
    band.attr("x", kPlotLeft).attr("y", top).attr("width", kPlotRight - kPlotLeft).attr("height", bottom - top);
    svg::apply(band, svg::kBand, chart.theme);
    band.attr("fill-opacity", 0.18)
        .attr("data-band", svg::number(chart.band->low) + " " + svg::number(chart.band->high));
    root.add(titled(std::move(band), chart.band->label.empty() ? "Band" : chart.band->label));
  }

  // Axes and x ticks.
  Element x_axis("g");
  x_axis.attr("class", "smr-x-axis");
  x_axis.add(line(kPlotLeft, kPlotTop, kPlotLeft, kPlotBottom, svg::kAxis, chart.theme, 1));
  x_axis.add(line(kPlotLeft, kPlotBottom, kPlotRight, kPlotBottom, svg::kAxis, chart.theme, 1));
  std::int64_t previous_year = 0;
  bool first_tick = true;
  for (const LocalDay day : xs.tick_days) {
    const double x = xs.x(local_midnight_ms(day, chart.time_zone));
    const CivilDate date = civil_date(day);
    x_axis.add(line(x, kPlotBottom, x, kPlotBottom + 5, svg::kAxis, chart.theme, 1));
    x_axis.add(svg::themed_text(x, kPlotBottom + 18, day_month(date), svg::kMutedText, chart.theme, 11, "middle")
                   .attr("data-x-tick", std::to_string(day)));
    // The year under the first tick and wherever it changes.
    if (first_tick || date.year != previous_year) {
      x_axis.add(
          svg::themed_text(x, kPlotBottom + 32, std::to_string(date.year), svg::kMutedText, chart.theme, 10, "middle"));
    }
    previous_year = date.year;
    first_tick = false;
  }
  root.add(std::move(x_axis));

  if (chart.target && std::isfinite(chart.target->value)) {
    const double y = ys.y(chart.target->value);
    Element target = line(kPlotLeft, y, kPlotRight, y, svg::kTarget, chart.theme, 1.5);
    target.attr("stroke-dasharray", "6 4").attr("data-target", svg::number(chart.target->value));
    root.add(titled(std::move(target), (chart.target->label.empty() ? "Target" : chart.target->label) + ": " +
                                           with_unit(chart.target->value, chart.unit)));
  }

  if (points.size() > 1) {
    std::string coords;
    for (const ChartPoint& p : points) {
      if (!coords.empty()) coords += ' ';
      coords += svg::number(xs.x(p.at_ms)) + "," + svg::number(ys.y(p.value));
    }
    Element series("polyline");
    series.attr("points", coords);
    svg::apply(series, svg::kSeriesLine, chart.theme);
    series.attr("fill", "none").attr("stroke-width", 2).attr("stroke-linejoin", "round");
    root.add(std::move(series));
  }

  Element markers("g");
  markers.attr("class", "smr-points");
  for (const ChartPoint& p : points) {
    const double x = xs.x(p.at_ms);
    const double y = ys.y(p.value);
    Element marker = p.flagged ? diamond(x, y, 5.5) : Element("circle");
    if (!p.flagged) marker.attr("cx", x).attr("cy", y).attr("r", 3.5);
    svg::apply(marker, p.flagged ? svg::kFlaggedPoint : svg::kSeriesPoint, chart.theme);
    marker.attr("stroke-width", 1).attr("data-at-ms", std::to_string(p.at_ms)).attr("data-value", svg::number(p.value));
    if (p.flagged) marker.attr("data-flagged", "true");
    std::string title = full_date(p.at_ms, chart.time_zone) + ": " + with_unit(p.value, chart.unit);
    if (p.flagged) title += " (" + chart.flag_label + ")";
    markers.add(titled(std::move(marker), title));
  }
  root.add(std::move(markers));
  return root.str();
}

}  // namespace smr::core
