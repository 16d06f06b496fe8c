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

constexpr int kMaxYTicks = 12;  // a guard: the step rule gives 4 to 7

// Where things go, in viewBox units. The page layout (width 640) is fixed: 640 x 320, the title on one line at
// the top, the legend on one line under it, the plot from (64, 68) to (620, 268). A narrower chart wraps
// the title and the legend and moves the plot down, keeping its height.
struct Layout {
  double width = 640;
  double height = 320;
  double plot_left = 64;
  double plot_right = 620;
  double plot_top = 68;
  double plot_bottom = 268;
  double title_font = 15;
  std::vector<std::string> title_lines;  // each at y 24, 24 + 18, ...
  std::vector<double> legend_rows;       // y of each legend row; entries wrap to the next
  int max_x_ticks = 7;
  double small_font = 11;  // the years under the x ticks: no label under 11 units (issue 11)
};

// The words of `text`, split at spaces.
std::vector<std::string> words_in(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (c == ' ') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

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
  double top = 68;
  double bottom = 268;

  double y(double value) const {
    const double t = (std::clamp(value, low, high) - low) / (high - low);
    return bottom - t * (bottom - top);
  }
};

YScale y_scale(const TrendChart& chart, const std::vector<ChartPoint>& points, const Layout& layout) {
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
  scale.top = layout.plot_top;
  scale.bottom = layout.plot_bottom;
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
  double left = 64;
  double right = 620;

  double x(UnixMillis at_ms) const {
    const double t = static_cast<double>(at_ms - low) / static_cast<double>(high - low);
    return left + t * (right - left);
  }
};

XScale x_scale(const std::vector<ChartPoint>& points, const TimeZone& tz, const Layout& layout) {
  const int max_ticks = layout.max_x_ticks;
  const UnixMillis first = points.front().at_ms;
  const UnixMillis last = points.back().at_ms;
  const UnixMillis span = last - first;
  const UnixMillis pad = span == 0 ? kDayMs : std::max<UnixMillis>(span / 25, kDayMs / 2);
  XScale scale{first - pad, last + pad, {}, layout.plot_left, layout.plot_right};
  const std::int64_t span_days = (scale.high - scale.low) / kDayMs + 1;
  std::int64_t step = 0;
  for (const std::int64_t candidate : {1, 2, 7, 14, 28, 56, 91, 182, 364}) {
    if (span_days / candidate < max_ticks) {
      step = candidate;
      break;
    }
  }
  if (step == 0) step = (span_days / (max_ticks - 1) / 364 + 1) * 364;  // many years: whole "years" of weeks
  LocalDay day = local_day(scale.low, tz);
  if (local_midnight_ms(day, tz) < scale.low) ++day;
  if (step >= 7 && weekday(day) != 0) day = week_monday(day) + 7;
  for (int i = 0; i < 2 * max_ticks && local_midnight_ms(day, tz) <= scale.high; ++i, day += step) {
    scale.tick_days.push_back(day);
  }
  return scale;
}

Element empty_state(const TrendChart& chart, Element root, const Layout& layout) {
  root.add(svg::themed_text((layout.plot_left + layout.plot_right) / 2, (layout.plot_top + layout.plot_bottom) / 2,
                            chart.empty_message, svg::kMutedText, chart.theme, 14, "middle"));
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
double legend_entry_width(std::string_view words) { return 24 + 6.0 * static_cast<double>(words.size()); }

// The legend's texts, in the order legend() draws them.
std::vector<std::string> legend_texts(const TrendChart& chart, bool any_flagged) {
  std::vector<std::string> out;
  if (chart.band) out.push_back(chart.band->label.empty() ? "Band" : chart.band->label);
  if (chart.target) out.push_back(chart.target->label.empty() ? "Target" : chart.target->label);
  if (any_flagged) out.push_back(chart.flag_label);
  return out;
}

Element legend(const TrendChart& chart, bool any_flagged, const Layout& layout) {
  Element g("g");
  g.attr("class", "smr-legend").attr("aria-hidden", "true");
  double x = layout.plot_left;
  std::size_t row = 0;
  double legend_y = layout.legend_rows.empty() ? 46 : layout.legend_rows.front();
  // Before an entry: to the next row when it would pass the right edge (a narrow chart only has several).
  const auto place = [&](std::string_view words) {
    if (x > layout.plot_left && x + legend_entry_width(words) > layout.width - 8 &&
        row + 1 < layout.legend_rows.size()) {
      ++row;
      legend_y = layout.legend_rows[row];
      x = layout.plot_left;
    }
  };
  const auto label = [&](std::string_view words) {
    g.add(svg::themed_text(x + 24, legend_y + 4, words, svg::kText, chart.theme, 11));
    x += 24 + 6.0 * static_cast<double>(words.size()) + 18;
  };
  if (chart.band) {
    place(chart.band->label.empty() ? "Band" : chart.band->label);
    Element sample("rect");
    sample.attr("x", x).attr("y", legend_y - 5).attr("width", 18).attr("height", 10);
    svg::apply(sample, svg::kBand, chart.theme);
    sample.attr("fill-opacity", 0.18);
    g.add(std::move(sample));
    label(chart.band->label.empty() ? "Band" : chart.band->label);
  }
  if (chart.target) {
    place(chart.target->label.empty() ? "Target" : chart.target->label);
    g.add(line(x, legend_y, x + 18, legend_y, svg::kTarget, chart.theme, 1.5).attr("stroke-dasharray", "6 4"));
    label(chart.target->label.empty() ? "Target" : chart.target->label);
  }
  if (any_flagged) {
    place(chart.flag_label);
    Element sample = diamond(x + 9, legend_y, 5.5);
    svg::apply(sample, svg::kFlaggedPoint, chart.theme);
    sample.attr("stroke-width", 1);
    g.add(std::move(sample));
    label(chart.flag_label);
  }
  return g;
}

// The layout for `chart`: the page layout at 640 units and wider, else a narrow one (see Layout).
Layout layout_for(const TrendChart& chart, bool any_flagged) {
  Layout l;
  const double width = std::isfinite(chart.width) ? std::max(chart.width, kNarrowChartWidth) : 640.0;
  if (width >= 640) {
    l.width = width;
    l.plot_right = width - 20;
    if (!chart.title.empty()) l.title_lines = {chart.title};
    l.legend_rows = {46};
    return l;
  }
  l.width = width;
  l.plot_left = 48;
  l.plot_right = width - 14;
  l.title_font = 13;
  l.max_x_ticks = std::max(2, static_cast<int>((l.plot_right - l.plot_left) / 80) + 1);
  // The title in lines of whole words, about 7.2 units a character at 13 units.
  const auto per_line = static_cast<std::size_t>((width - 24) / 7.2);
  std::string line_text;
  for (const auto& word : words_in(chart.title)) {
    if (!line_text.empty() && line_text.size() + 1 + word.size() > per_line) {
      l.title_lines.push_back(line_text);
      line_text.clear();
    }
    line_text += (line_text.empty() ? "" : " ") + word;
  }
  if (!line_text.empty()) l.title_lines.push_back(line_text);
  double y = 24 + 17.0 * static_cast<double>(l.title_lines.empty() ? 0 : l.title_lines.size() - 1) + 22;
  // Legend rows: as many as the entries need, one entry at least per row.
  double x = l.plot_left;
  l.legend_rows.push_back(y);
  for (const auto& text : legend_texts(chart, any_flagged)) {
    if (x > l.plot_left && x + legend_entry_width(text) > width - 8) {
      y += 18;
      l.legend_rows.push_back(y);
      x = l.plot_left;
    }
    x += legend_entry_width(text) + 18;
  }
  l.plot_top = y + 22;
  l.plot_bottom = l.plot_top + 200;
  l.height = l.plot_bottom + 52;
  return l;
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

  const bool any_flagged = std::any_of(points.begin(), points.end(), [](const ChartPoint& p) { return p.flagged; });
  const Layout layout = layout_for(chart, any_flagged);
  const double plot_left = layout.plot_left;
  const double plot_right = layout.plot_right;
  const double plot_top = layout.plot_top;
  const double plot_bottom = layout.plot_bottom;
  Element root =
      svg::themed_document(layout.width, layout.height, aria_label(chart, points), "smr-trend-chart", chart.theme);
  for (std::size_t i = 0; i < layout.title_lines.size(); ++i) {
    Element heading = svg::themed_text(16, 24 + 17.0 * static_cast<double>(i), layout.title_lines[i], svg::kText,
                                       chart.theme, layout.title_font);
    heading.attr("font-weight", "600");
    root.add(std::move(heading));
  }
  if (points.empty()) return empty_state(chart, std::move(root), layout).str();

  const YScale ys = y_scale(chart, points, layout);
  const XScale xs = x_scale(points, chart.time_zone, layout);
  if (chart.band || chart.target || any_flagged) root.add(legend(chart, any_flagged, layout));

  // Grid and y axis labels.
  Element grid("g");
  grid.attr("class", "smr-y-axis");
  for (const double tick : ys.ticks) {
    const double y = ys.y(tick);
    grid.add(line(plot_left, y, plot_right, y, svg::kGrid, chart.theme, 1));
    grid.add(svg::themed_text(plot_left - 8, y + 4, svg::number(tick), svg::kMutedText, chart.theme, 11, "end")
                 .attr("data-y-tick", svg::number(tick)));
  }
  if (!chart.unit.empty()) {
    const double mid = (plot_top + plot_bottom) / 2;
    grid.add(svg::themed_text(18, mid, chart.unit, svg::kMutedText, chart.theme, 11, "middle")
                 .attr("transform", "rotate(-90 18 " + svg::number(mid) + ")"));
  }
  root.add(std::move(grid));

  if (chart.band && std::isfinite(chart.band->low) && std::isfinite(chart.band->high)) {
    const double top = ys.y(std::max(chart.band->low, chart.band->high));
    const double bottom = ys.y(std::min(chart.band->low, chart.band->high));
    Element band("rect");
    band.attr("x", plot_left).attr("y", top).attr("width", plot_right - plot_left).attr("height", bottom - top);
    svg::apply(band, svg::kBand, chart.theme);
    band.attr("fill-opacity", 0.18)
        .attr("data-band", svg::number(chart.band->low) + " " + svg::number(chart.band->high));
    root.add(titled(std::move(band), chart.band->label.empty() ? "Band" : chart.band->label));
  }

  // Axes and x ticks.
  Element x_axis("g");
  x_axis.attr("class", "smr-x-axis");
  x_axis.add(line(plot_left, plot_top, plot_left, plot_bottom, svg::kAxis, chart.theme, 1));
  x_axis.add(line(plot_left, plot_bottom, plot_right, plot_bottom, svg::kAxis, chart.theme, 1));
  std::int64_t previous_year = 0;
  bool first_tick = true;
  for (const LocalDay day : xs.tick_days) {
    const double x = xs.x(local_midnight_ms(day, chart.time_zone));
    const CivilDate date = civil_date(day);
    x_axis.add(line(x, plot_bottom, x, plot_bottom + 5, svg::kAxis, chart.theme, 1));
    x_axis.add(svg::themed_text(x, plot_bottom + 18, day_month(date), svg::kMutedText, chart.theme, 11, "middle")
                   .attr("data-x-tick", std::to_string(day)));
    // The year under the first tick and wherever it changes.
    if (first_tick || date.year != previous_year) {
      x_axis.add(svg::themed_text(x, plot_bottom + 32, std::to_string(date.year), svg::kMutedText, chart.theme,
                                  layout.small_font, "middle"));
    }
    previous_year = date.year;
    first_tick = false;
  }
  root.add(std::move(x_axis));

  if (chart.target && std::isfinite(chart.target->value)) {
    const double y = ys.y(chart.target->value);
    Element target = line(plot_left, y, plot_right, y, svg::kTarget, chart.theme, 1.5);
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
