#include "cli/report_html.h"

#include <cstdio>

#include "cli/progress_text.h"
#include "core/body_map_svg.h"
#include "core/svg.h"
#include "core/trend_chart_svg.h"

namespace smr::cli {

namespace {

using core::svg::escape_attribute;
using core::svg::escape_text;

std::string side_cell(core::Side side) { return side == core::Side::kCentre ? "" : std::string(core::to_string(side)); }

std::string date(core::UnixMillis ms, const core::TimeZone& tz) { return local_date_text(core::local_day(ms, tz)); }

std::string trend_text(const core::TrendFit& t) {
  switch (t.trend) {
    case core::Trend::kNotEnoughData: return "not enough data";
    case core::Trend::kSteady: return "steady";
    case core::Trend::kEasing: return "easing (" + signed1(t.change) + ")";
    case core::Trend::kWorsening: return "worsening (" + signed1(t.change) + ")";
  }
  return "";
}

// A table from escaped cells.
class HtmlTable {
 public:
  HtmlTable(std::string caption, std::vector<std::string> header)
      : caption_(std::move(caption)), header_(std::move(header)) {
    html_ = "<table><caption>" + escape_text(caption_) + "</caption><thead><tr>";
    for (const auto& h : header_) html_ += "<th scope=\"col\">" + escape_text(h) + "</th>";
    html_ += "</tr></thead><tbody>\n";
  }
  // Each cell carries its column's name (data-label): a narrow screen shows a row as a card of "name: value"
  // lines instead of clipping columns (issue 11).
  void row(const std::vector<std::string>& cells) {
    html_ += "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      html_ += "<td data-label=\"" + escape_attribute(i < header_.size() ? header_[i] : "") + "\">" +
               escape_text(cells[i]) + "</td>";
    }
    html_ += "</tr>\n";
    ++rows_;
  }
  std::string str() const { return rows_ == 0 ? "" : html_ + "</tbody></table>\n"; }

 private:
  std::string caption_;
  std::vector<std::string> header_;
  std::string html_;
  int rows_ = 0;
};

constexpr const char* kStyle = R"css(
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --muted: #555555; --line: #d0d0d0;
        --alert-bg: #fff4e5; --alert-border: #b35900; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1c1c1e; --fg: #ededed; --muted: #b3b3b3; --line: #444448; --alert-bg: #3a2a14;
          --alert-border: #f0a040; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; background: var(--bg); color: var(--fg);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0.2rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.meta, .note, caption { color: var(--muted); }
caption { text-align: left; padding: 0.3rem 0; }
.alert { border: 2px solid var(--alert-border); background: var(--alert-bg); border-radius: 8px; padding: 0.75rem 1rem;
         margin: 1rem 0; }
.alert strong { display: block; font-size: 1.1rem; }
.acknowledged { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); }
.figure svg { width: 100%; height: auto; max-width: 40rem; display: block; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(40rem, 100%), 1fr)); gap: 1rem; }
.figure .narrow { display: none; } .figure .narrow svg { max-width: 30rem; }
/* Phones (issue 11): no sideways scrolling. Charts drawn for a narrow width (labels stay at least 11 px), tables
   as one card per row with each value under its column's name. */
@media (max-width: 44rem) {
  body { padding: 0.5rem; }
  .figure .wide { display: none; } .figure .narrow { display: block; }
  table, thead, tbody, tr, td, caption { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 1px solid var(--line); padding: 0.3rem 0; }
  td { border: none; padding: 0.1rem 0; overflow-wrap: anywhere; }
  td::before { content: attr(data-label) ": "; color: var(--muted); }
}
.stats { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.stats div { min-width: 8rem; } .stats b { display: block; font-size: 1.5rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
)css";

// A chart twice: for a page and for a phone (core::kNarrowChartWidth); the style sheet shows one of them.
std::string figure(core::TrendChart chart) {
  std::string out = "<div class=\"figure\"><div class=\"wide\">" + core::render_trend_chart_svg(chart) + "</div>";
  chart.width = core::kNarrowChartWidth;
  return out + "<div class=\"narrow\">" + core::render_trend_chart_svg(chart) + "</div></div>\n";
}

}  // namespace

std::string report_html(const core::Progress& p, const core::Catalog& catalog, const ReportOptions& o) {
  std::string h;
  const std::string as_of = local_date_text(core::local_day(o.now_ms, o.tz));
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:\">\n";
  h +=
      "<title>SMR Coach progress, " + escape_text(as_of) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<header><h1>Your rolling practice</h1><p class=\"meta\">As of " + escape_text(as_of) + " (" +
       escape_text(o.zone_name) + ")";
  if (o.since_ms != 0) h += ", since " + escape_text(date(o.since_ms, o.tz));
  if (!o.region.empty()) h += ", " + escape_text(region_name(catalog, o.region)) + " only";
  h += ".</p></header>\n<main>\n";

  // Alerts: first, impossible to miss.
  h += "<section id=\"alerts\" aria-label=\"Alerts\">\n";
  int acknowledged = 0;
  for (const auto& a : p.alerts) {
    if (a.acknowledged) {
      ++acknowledged;
      continue;
    }
    h += "<div class=\"alert\" role=\"alert\" data-alert-id=\"" + escape_attribute(a.id) + "\"><strong>" +
         escape_text(where(catalog, a.region, a.side)) + ": please read</strong>" + escape_text(a.message) +
         " <span class=\"note\">[" + escape_text(cited(a.evidence)) + "]</span></div>\n";
  }
  if (acknowledged > 0) {
    h += "<p class=\"acknowledged\">" + std::to_string(acknowledged) +
         (acknowledged == 1 ? " acknowledged alert is" : " acknowledged alerts are") +
         " still in force (listed by smr progress --json).</p>\n";
  }
  h += "</section>\n";

  // Body map: the latest intensity per region and side, alerts outlined.
  std::vector<core::BodyMapMark> marks;
  for (const auto& r : p.sensation) marks.push_back({r.region, r.side, r.latest_intensity, false});
  for (const auto& a : p.alerts) {
    if (a.acknowledged) continue;
    bool found = false;
    for (auto& m : marks) {
      if (m.region == a.region && m.side == a.side) m.alert = found = true;
    }
    if (!found) marks.push_back({a.region, a.side, std::nullopt, true});
  }
  core::BodyMapOptions map_options;
  map_options.title = "Latest intensity by region";
  h += "<section id=\"body-map\"><h2>Where you feel it</h2>\n<p class=\"note\">The latest check-in at each region "
       "and side, 0 to 10: darker is stronger. Outlined regions have an alert.</p>\n<div class=\"figure\">" +
       core::render_body_map_svg(catalog, marks, map_options).svg + "</div></section>\n";

  // Adherence.
  const auto& ad = p.adherence;
  h += "<section id=\"adherence\"><h2>Sessions per week</h2>\n";
  if (ad.weeks.empty()) {
    h += "<p>No sessions yet.</p>\n";
  } else {
    h += "<div class=\"stats\"><div><b>" + std::to_string(ad.streaks.current_days) + "</b>days in a row</div><div><b>" +
         std::to_string(ad.streaks.longest_days) + "</b>longest run of days</div><div><b>" +
         std::to_string(ad.streaks.current_weeks) + "</b>weeks at target in a row</div><div><b>" +
         fixed1(ad.mean_sessions_per_week) + "</b>sessions per complete week</div></div>\n";
    core::TrendChart chart;
    chart.title = "Sessions per week";
    chart.unit = "sessions";
    chart.y_min = 0;
    chart.time_zone = o.tz;
    chart.target = core::ChartLine{static_cast<double>(ad.target), "Target: " + std::to_string(ad.target) + " a week"};
    for (const auto& w : ad.weeks) chart.points.push_back({w.week_start_ms, static_cast<double>(w.sessions), false});
    h += figure(chart);
    HtmlTable t("Time per region in the last two weeks (dose: 90 s or more per session, R1 R6)",
                {"Week of", "Region", "Side", "Minutes", "Sessions", "At dose"});
    const std::size_t from = ad.weeks.size() > 2 ? ad.weeks.size() - 2 : 0;
    for (std::size_t i = from; i < ad.weeks.size(); ++i) {
      for (const auto& r : ad.weeks[i].regions) {
        t.row({date(ad.weeks[i].week_start_ms, o.tz), region_name(catalog, r.region), side_cell(r.side),
               fixed1(static_cast<double>(r.active_ms) / 60000.0), std::to_string(r.sessions),
               std::to_string(r.sessions_at_dose)});
      }
    }
    h += t.str();
  }
  h += "</section>\n";

  // Sensation.
  h += "<section id=\"sensation\"><h2>Sensation by region</h2>\n";
  if (p.sensation.empty()) {
    h += "<p>No check-ins yet.</p>\n";
  } else {
    HtmlTable t("Check-in intensity, 0 to 10 (lower is easier); a trend counts only beyond 2 points (S50)",
                {"Region", "Side", "Latest", "First weeks", "Recent weeks", "Trend, last 6 weeks"});
    for (const auto& r : p.sensation) {
      t.row({region_name(catalog, r.region), side_cell(r.side), std::to_string(r.latest_intensity),
             r.first_weeks_mean ? fixed1(*r.first_weeks_mean) : "-", r.recent_mean ? fixed1(*r.recent_mean) : "-",
             trend_text(r.trend)});
    }
    h += t.str() + "<div class=\"charts\">\n";
    for (const auto& r : p.sensation) {
      core::TrendChart chart;
      chart.title = where(catalog, r.region, r.side) + ": weekly mean intensity";
      chart.unit = "NRS";
      chart.y_min = 0;
      chart.y_max = 10;
      chart.time_zone = o.tz;
      chart.flag_label = "Pain reported that week";
      for (const auto& w : r.weeks) chart.points.push_back({w.week_start_ms, w.mean_intensity, w.pain_count > 0});
      h += figure(chart);
    }
    h += "</div>\n";
  }
  h += "</section>\n";

  // Self-tests.
  if (!p.self_tests.empty()) {
    h += "<section id=\"self-tests\"><h2>Self-tests</h2>\n";
    HtmlTable t("A change counts only beyond the smallest real change (R15)",
                {"Test", "Side", "Baseline", "Latest", "Change", "Verdict"});
    for (const auto& s : p.self_tests) {
      t.row({s.test, side_cell(s.side), s.baseline ? value_text(*s.baseline, s.unit) : "-",
             s.latest ? value_text(*s.latest, s.unit) : "-", s.change ? signed1(*s.change) : "-",
             std::string(core::to_string(s.verdict))});
    }
    h += t.str() + "<div class=\"charts\">\n";
    for (const auto& s : p.self_tests) {
      core::TrendChart chart;
      chart.title = s.test + (s.side == core::Side::kCentre ? "" : " (" + std::string(core::to_string(s.side)) + ")");
      chart.unit = s.unit;
      chart.time_zone = o.tz;
      chart.flag_label = "Right after a session";
      for (const auto& v : s.history) chart.points.push_back({v.at_ms, v.value, v.phase == "after"});
      if (s.baseline) {
        chart.band =
            core::ChartBand{*s.baseline - s.smallest_real_change, *s.baseline + s.smallest_real_change,
                            "Baseline +- " + fixed1(s.smallest_real_change) + " " + s.unit + " (no real change)"};
      }
      h += figure(chart);
    }
    h += "</div></section>\n";
  }

  // Soreness.
  const auto& so = p.soreness;
  if (!so.sessions.empty() || !so.workouts.empty()) {
    h += "<section id=\"soreness\"><h2>Soreness</h2>\n";
    if (so.mean_change) {
      h += "<p>Before to after a session: " + escape_text(signed1(*so.mean_change)) +
           " points on average (a change of 2 or more is one you feel).</p>\n";
    }
    HtmlTable t("Soreness on the days after a workout, 0 to 10",
                {"Workout", "Region", "Side", "Day 0", "Day 1", "Day 2"});
    for (const auto& w : so.workouts) {
      auto day = [&](std::size_t d) { return w.by_day[d] ? std::to_string(*w.by_day[d]) : std::string("-"); };
      t.row({date(w.workout_ms, o.tz), region_name(catalog, w.region), side_cell(w.side), day(0), day(1), day(2)});
    }
    h += t.str() + "</section>\n";
  }

  h += "</main>\n<footer><p>General guidance from SMR Coach, not a diagnosis. If something worries you, ask a "
       "clinician. Formulas and sources: docs/progress.md in SMR Coach.</p></footer>\n</body>\n</html>\n";
  return h;
}

}  // namespace smr::cli
