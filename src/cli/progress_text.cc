#include "cli/progress_text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "cli/text.h"

namespace smr::cli {

namespace {

std::string side_cell(core::Side side) {
  return side == core::Side::kCentre ? "-" : std::string(core::to_string(side));
}

core::LocalDay week_of(core::UnixMillis ms, const core::TimeZone& tz) {
  return core::week_monday(core::local_day(ms, tz));
}

std::string trend_text(const core::TrendFit& t) {
  switch (t.trend) {
    case core::Trend::kNotEnoughData: return "not enough data";
    case core::Trend::kSteady: return "steady";
    case core::Trend::kEasing: return "easing " + signed1(t.change);
    case core::Trend::kWorsening: return "worsening " + signed1(t.change);
  }
  return "";
}

// What the progress table says of a test: the verdict, or what is still missing (issue 11: a baseline of two
// trials without a re-test needs a re-test, not "2 baseline trials").
std::string verdict_text(const core::SelfTestProgress& s) {
  switch (s.verdict) {
    case core::SelfTestVerdict::kNeedsBaseline:
      if (s.baseline) return "needs a re-test";
      return s.baseline_trials.size() == 1 ? "needs a 2nd baseline trial" : "needs 2 baseline trials";
    case core::SelfTestVerdict::kNoRealChange: return "no real change";
    case core::SelfTestVerdict::kImproved: return "improved";
    case core::SelfTestVerdict::kDeclined: return "declined";
  }
  return "";
}

}  // namespace

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string signed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", v);
  return buf;
}

std::string region_name(const core::Catalog& catalog, const std::string& id) {
  const auto* r = catalog.find_region(id);
  return r != nullptr ? r->name : id;
}

std::string where(const core::Catalog& catalog, const std::string& region, core::Side side) {
  const std::string name = region_name(catalog, region);
  return side == core::Side::kCentre ? name : name + " (" + std::string(core::to_string(side)) + ")";
}

std::string cited(const core::Citation& c) {
  std::string out;
  for (const auto* list : {&c.rules, &c.sources}) {
    for (const auto& id : *list) out += (out.empty() ? "" : " ") + id;
  }
  return out;
}

std::string value_text(double v, const std::string& unit) {
  if (unit == "pass-fail") return v >= 0.5 ? "pass" : "fail";
  return fixed1(v) + " " + unit;
}

std::string sparkline(const std::vector<std::optional<double>>& values, double lo, double hi) {
  static constexpr std::array<const char*, 8> kBlocks{"\u2581", "\u2582", "\u2583", "\u2584",
                                                      "\u2585", "\u2586", "\u2587", "\u2588"};
  std::string out;
  for (const auto& v : values) {
    if (!v) {
      out += ' ';
      continue;
    }
    const double span = hi - lo;
    const double t = span > 0 ? std::clamp((*v - lo) / span, 0.0, 1.0) : 0.0;
    out += kBlocks[static_cast<std::size_t>(std::lround(t * 7))];
  }
  return out;
}

std::string local_date_text(core::LocalDay day) {
  // Civil from days (Howard Hinnant's algorithm).
  const std::int64_t z = day + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

std::string progress_text(const core::Progress& p, const core::Catalog& catalog, const ProgressTextOptions& o) {
  std::string out;
  const core::LocalDay today = core::local_day(o.now_ms, o.tz);
  out += "Progress as of " + local_date_text(today) + " (" + o.zone_name + ")";
  if (o.since_ms != 0) out += ", since " + local_date_text(core::local_day(o.since_ms, o.tz));
  if (!o.region.empty()) out += ", " + region_name(catalog, o.region) + " only";
  out += "\n";

  // The weeks shown by sparklines: the last weeks_shown local weeks up to now.
  const core::LocalDay this_week = core::week_monday(today);
  std::vector<core::LocalDay> weeks;
  for (int i = o.weeks_shown - 1; i >= 0; --i) weeks.push_back(this_week - 7 * i);
  auto week_index = [&](core::UnixMillis ms) -> int {
    const auto w = week_of(ms, o.tz);
    const auto first = weeks.front();
    if (w < first || w > weeks.back()) return -1;
    return static_cast<int>((w - first) / 7);
  };
  auto wanted = [&](const std::string& region) { return o.region.empty() || region == o.region; };

  // Alerts: shown until acknowledged, before anything else.
  for (const auto& a : p.alerts) {
    if (a.acknowledged || !wanted(a.region)) continue;
    out += "\n";
    out += wrap("! " + where(catalog, a.region, a.side) + ": " + a.message + " [" + cited(a.evidence) + "]", "", "  ");
    out += "  When you have read this: smr progress ack " + a.id + "\n";
  }

  // Adherence.
  const auto& ad = p.adherence;
  out += "\nSessions per week (target " + std::to_string(ad.target) + ")\n";
  if (ad.weeks.empty()) {
    out += "  No sessions yet.\n";
  } else {
    std::vector<std::optional<double>> per_week(weeks.size());
    for (const auto& w : ad.weeks) {
      if (const int i = week_index(w.week_start_ms); i >= 0) per_week[static_cast<std::size_t>(i)] = w.sessions;
    }
    out +=
        "  last " + std::to_string(o.weeks_shown) + " weeks  " + sparkline(per_week, 0, std::max(ad.target, 1)) + "\n";
    Table t({"  WEEK OF", "SESSIONS", "TARGET"});
    const std::size_t from = ad.weeks.size() > 4 ? ad.weeks.size() - 4 : 0;
    for (std::size_t i = from; i < ad.weeks.size(); ++i) {
      const auto& w = ad.weeks[i];
      t.add({"  " + local_date_text(core::local_day(w.week_start_ms, o.tz)), std::to_string(w.sessions),
             w.in_progress ? (w.met_target ? "met (week in progress)" : "week in progress")
                           : (w.met_target ? "met" : "not met")});
    }
    out += t.render();
    out += "  Streak: " + count(static_cast<std::size_t>(ad.streaks.current_days), "day", "days") + " (longest " +
           std::to_string(ad.streaks.longest_days) +
           "); weeks meeting the target in a row: " + std::to_string(ad.streaks.current_weeks) + " (longest " +
           std::to_string(ad.streaks.longest_weeks) + "); mean " + fixed1(ad.mean_sessions_per_week) +
           " per complete week\n";
    const auto peak = std::max_element(ad.sessions_by_hour.begin(), ad.sessions_by_hour.end());
    if (*peak > 0) {
      const int h = static_cast<int>(peak - ad.sessions_by_hour.begin());
      char buf[64];
      std::snprintf(buf, sizeof buf, "  You roll most often between %02d:00 and %02d:00.\n", h, (h + 1) % 24);
      out += buf;
    }
  }

  // Sensation by region.
  out += "\nSensation by region (check-in intensity, 0-10; lower is easier)\n";
  Table sens({"  REGION", "SIDE", "LATEST", "FIRST WEEKS", "RECENT", "TREND (6 WEEKS)", "WEEKLY MEAN"});
  int shown = 0;
  for (const auto& r : p.sensation) {
    if (!wanted(r.region)) continue;
    std::vector<std::optional<double>> per_week(weeks.size());
    for (const auto& w : r.weeks) {
      if (const int i = week_index(w.week_start_ms); i >= 0) per_week[static_cast<std::size_t>(i)] = w.mean_intensity;
    }
    sens.add({"  " + region_name(catalog, r.region), side_cell(r.side), std::to_string(r.latest_intensity),
              r.first_weeks_mean ? fixed1(*r.first_weeks_mean) : "-", r.recent_mean ? fixed1(*r.recent_mean) : "-",
              trend_text(r.trend), sparkline(per_week, 0, 10)});
    ++shown;
  }
  out += shown > 0 ? sens.render() : "  No check-ins yet.\n";

  // Time per region in the current week and the last complete one.
  if (!ad.weeks.empty()) {
    out += "\nTime per region (dose: 90 s or more per region per session, R1 R6)\n";
    Table t({"  WEEK OF", "REGION", "SIDE", "MINUTES", "SESSIONS", "AT DOSE"});
    int rows = 0;
    const std::size_t from = ad.weeks.size() > 2 ? ad.weeks.size() - 2 : 0;
    for (std::size_t i = from; i < ad.weeks.size(); ++i) {
      const auto& w = ad.weeks[i];
      for (const auto& r : w.regions) {
        if (!wanted(r.region)) continue;
        t.add({"  " + local_date_text(core::local_day(w.week_start_ms, o.tz)), region_name(catalog, r.region),
               side_cell(r.side), fixed1(static_cast<double>(r.active_ms) / 60000.0), std::to_string(r.sessions),
               std::to_string(r.sessions_at_dose) + " of " + std::to_string(r.sessions)});
        ++rows;
      }
    }
    out += rows > 0 ? t.render() : "  No time recorded in the last two weeks.\n";
  }

  // Self-tests.
  if (!p.self_tests.empty()) {
    out += "\nSelf-tests (a change counts only beyond the smallest real change, R15)\n";
    Table t({"  TEST", "SIDE", "BASELINE", "LATEST", "CHANGE", "VERDICT", "HISTORY"});
    for (const auto& s : p.self_tests) {
      std::vector<std::optional<double>> hist;
      double lo = 0, hi = 0;
      for (const auto& h : s.history) {
        if (h.phase == "after") continue;
        hist.emplace_back(h.value);
        lo = hist.size() == 1 ? h.value : std::min(lo, h.value);
        hi = hist.size() == 1 ? h.value : std::max(hi, h.value);
      }
      if (hist.size() > 16) hist.erase(hist.begin(), hist.end() - 16);
      t.add({"  " + s.test, side_cell(s.side), s.baseline ? value_text(*s.baseline, s.unit) : "-",
             s.latest ? value_text(*s.latest, s.unit) : "-",
             s.change ? signed1(*s.change) + " (real: " + fixed1(s.smallest_real_change) + ")" : "-", verdict_text(s),
             sparkline(hist, lo, hi)});
    }
    out += t.render();
  }

  // Soreness.
  const auto& so = p.soreness;
  if (!so.sessions.empty() || !so.workouts.empty()) {
    out += "\nSoreness (0-10)\n";
    if (so.mean_change) {
      out += "  Before to after a session: " + signed1(*so.mean_change) + " on average over " +
             count(so.sessions.size(), "rating pair", "rating pairs") + " (2 points or more is a change you feel)\n";
    }
    if (!so.workouts.empty()) {
      Table t({"  WORKOUT", "REGION", "SIDE", "DAY 0", "DAY 1", "DAY 2"});
      const std::size_t from = so.workouts.size() > 6 ? so.workouts.size() - 6 : 0;
      for (std::size_t i = from; i < so.workouts.size(); ++i) {
        const auto& w = so.workouts[i];
        if (!wanted(w.region)) continue;
        auto day = [&](std::size_t d) { return w.by_day[d] ? std::to_string(*w.by_day[d]) : std::string("-"); };
        t.add({"  " + local_date_text(core::local_day(w.workout_ms, o.tz)), region_name(catalog, w.region),
               side_cell(w.side), day(0), day(1), day(2)});
      }
      out += t.render();
    }
  }

  int acknowledged = 0;
  for (const auto& a : p.alerts) acknowledged += a.acknowledged ? 1 : 0;
  if (acknowledged > 0) {
    out += "\n" + count(static_cast<std::size_t>(acknowledged), "acknowledged alert is", "acknowledged alerts are") +
           " still in force (smr progress --json lists them).\n";
  }
  out += "\nGeneral guidance, not a diagnosis. Details and formulas: docs/progress.md\n";
  return out;
}

}  // namespace smr::cli
