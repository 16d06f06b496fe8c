#include "core/progress_alert.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>

namespace smr::core {
namespace {

// One session's check-ins at one region and side.
struct Visit {
  std::string session_uid;
  UnixMillis first_ms = 0;
  UnixMillis last_ms = 0;
  bool pain = false;
};

struct Rated {
  UnixMillis at_ms = 0;
  int intensity = 0;
};

std::string where(const std::string& region, Side side) {
  std::string out;
  if (side != Side::kCentre) {
    out += to_string(side);
    out += ' ';
  }
  for (char c : region) out += (c == '-') ? ' ' : c;
  return out;
}

std::string alert_id(AlertKind kind, const std::string& region, Side side, const std::string& session_uid) {
  std::string id(to_string(kind));
  id += '/';
  id += region;
  id += '/';
  id += to_string(side);
  id += '/';
  id += session_uid;
  return id;
}

bool repeated_pain_at(const std::vector<Visit>& visits, std::size_t end, const AlertOptions& o, int* pain,
                      int* considered) {
  const std::size_t n = std::min<std::size_t>(end, static_cast<std::size_t>(o.window_sessions));
  int count = 0;
  for (std::size_t i = end - n; i < end; ++i) count += visits[i].pain ? 1 : 0;
  if (pain) *pain = count;
  if (considered) *considered = static_cast<int>(n);
  return count >= o.pain_sessions;
}

// The trend of daily means over (at - rising_days, at].
TrendFit rising_fit(const std::vector<Rated>& rated, UnixMillis at_ms, const TimeZone& tz, const AlertOptions& o) {
  std::map<LocalDay, std::pair<long, int>> days;
  const UnixMillis from = at_ms - o.rising_days * kDayMs;
  for (const auto& r : rated) {
    if (r.at_ms <= from || r.at_ms > at_ms) continue;
    auto& d = days[local_day(r.at_ms, tz)];
    d.first += r.intensity;
    ++d.second;
  }
  std::vector<std::pair<double, double>> points;
  for (const auto& [day, sum] : days) {
    points.emplace_back(static_cast<double>(day), static_cast<double>(sum.first) / sum.second);
  }
  return fit_trend(points, o.rising_rule);
}

}  // namespace

std::vector<PainAlert> pain_alerts(const std::vector<CheckIn>& check_ins, UnixMillis now_ms, const TimeZone& tz,
                                   const std::vector<std::string>& acknowledged_ids, const AlertOptions& options) {
  // Keys view the callers' strings, which outlive this call.
  std::map<std::pair<std::string_view, int>, std::vector<const CheckIn*>> groups;
  for (const auto& c : check_ins) {
    if (c.at_ms <= now_ms) groups[{c.region, static_cast<int>(c.side)}].push_back(&c);
  }
  std::vector<PainAlert> repeated;
  std::vector<PainAlert> rising;
  for (auto& [key, list] : groups) {
    const std::string region(key.first);
    const Side side = static_cast<Side>(key.second);
    const auto by_time = [](auto* a, auto* b) { return a->at_ms < b->at_ms; };
    if (!std::is_sorted(list.begin(), list.end(), by_time)) std::stable_sort(list.begin(), list.end(), by_time);

    std::vector<Visit> visits;
    // Visits in order of their first check-in (the list is in time order).
    std::unordered_map<std::string_view, std::size_t> visit_of;
    std::vector<Rated> rated;
    for (const CheckIn* c : list) {
      auto [it, fresh] = visit_of.try_emplace(c->session_uid, visits.size());
      if (fresh) visits.push_back(Visit{c->session_uid, c->at_ms, c->at_ms, false});
      Visit& v = visits[it->second];
      v.last_ms = c->at_ms;
      v.pain = v.pain || is_pain(c->quality);
      rated.push_back(Rated{c->at_ms, c->intensity});
    }

    // Repeated pain: in force after the latest visit; the episode began at the earliest visit of the trailing
    // run of visits after which the rule held.
    PainAlert a;
    if (repeated_pain_at(visits, visits.size(), options, &a.pain_sessions, &a.sessions_considered)) {
      std::size_t start = visits.size();
      while (start > 1 && repeated_pain_at(visits, start - 1, options, nullptr, nullptr)) --start;
      const Visit& first = visits[start - 1];
      a.id = alert_id(AlertKind::kRepeatedPain, region, side, first.session_uid);
      a.kind = AlertKind::kRepeatedPain;
      a.region = region;
      a.side = side;
      a.since_ms = first.first_ms;
      char text[400];
      std::snprintf(text, sizeof text,
                    "You reported pain, not just pressure, at your %s in %d of your last %d sessions there. "
                    "Pain that keeps coming back is worth showing to a clinician (a doctor or physiotherapist) "
                    "before you roll there again. This is general guidance, not a diagnosis.",
                    where(region, side).c_str(), a.pain_sessions, a.sessions_considered);
      a.message = text;
      a.evidence = Citation{{"R3"}, {"S50"}};
      repeated.push_back(std::move(a));
    }

    // Rising intensity: the trend over the last rising_days up to now.
    const TrendFit now_fit = rising_fit(rated, now_ms, tz, options);
    if (now_fit.trend == Trend::kWorsening) {
      // The episode began at the earliest visit of the trailing run of visits at which the rule also held.
      std::size_t start = visits.size();
      while (start > 0 && rising_fit(rated, visits[start - 1].last_ms, tz, options).trend == Trend::kWorsening) {
        --start;
      }
      // When no visit alone shows it (the window slid), the episode starts at the latest visit.
      const Visit& first = visits[std::min(start, visits.size() - 1)];
      PainAlert r;
      r.id = alert_id(AlertKind::kRisingIntensity, region, side, first.session_uid);
      r.kind = AlertKind::kRisingIntensity;
      r.region = region;
      r.side = side;
      r.since_ms = first.first_ms;
      r.change = now_fit.change;
      char text[400];
      std::snprintf(text, sizeof text,
                    "The intensity you feel at your %s has risen by about %.0f points over the last %d days. "
                    "Rolling should ease a spot over time; if it keeps getting worse, ask a clinician (a doctor or "
                    "physiotherapist) to have a look. This is general guidance, not a diagnosis.",
                    where(region, side).c_str(), now_fit.change, options.rising_days);
      r.message = text;
      r.evidence = Citation{{"R3"}, {"S50"}};
      rising.push_back(std::move(r));
    }
  }
  std::vector<PainAlert> out = std::move(repeated);
  for (auto& r : rising) out.push_back(std::move(r));
  for (auto& a : out) {
    a.acknowledged = std::find(acknowledged_ids.begin(), acknowledged_ids.end(), a.id) != acknowledged_ids.end();
  }
  return out;
}

}  // namespace smr::core
