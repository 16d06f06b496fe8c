#include "core/progress_alert.h"

#include <algorithm>
#include <cstdio>

#include "core/progress_index_internal.h"
#include "core/progress_runs_internal.h"

namespace smr::core {
namespace detail {
namespace {

// One session's check-ins at one region and side.
struct Visit {
  const RegionEntry* entry = nullptr;
  UnixMillis start_ms = 0;  // the session's
  LocalDay day = 0;         // of the session's start
};

std::string where(std::string_view region, Side side) {
  std::string out;
  if (side != Side::kCentre) {
    out += to_string(side);
    out += ' ';
  }
  for (char c : region) out += (c == '-') ? ' ' : c;
  return out;
}

std::string alert_id(AlertKind kind, std::string_view region, Side side, const std::string& session_uid) {
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
  for (std::size_t i = end - n; i < end; ++i) count += visits[i].entry->pain_check_ins > 0 ? 1 : 0;
  if (pain) *pain = count;
  if (considered) *considered = static_cast<int>(n);
  return count >= o.pain_sessions;
}

// The trend of the daily means of the visits before `end` that started in (at - rising_days, at].
TrendFit rising_fit(const std::vector<Visit>& visits, std::size_t end, UnixMillis at_ms, const AlertOptions& o) {
  std::vector<std::pair<LocalDay, CheckInSums>> days;
  const UnixMillis from = at_ms - o.rising_days * kDayMs;
  for (std::size_t i = end; i > 0 && visits[i - 1].start_ms > from; --i) {
    const Visit& v = visits[i - 1];
    if (v.start_ms <= at_ms) add_to_run(days, v.day, *v.entry);
  }
  sort_runs(days);
  std::vector<std::pair<double, double>> points;
  points.reserve(days.size());
  for (const auto& [day, sums] : days) points.emplace_back(static_cast<double>(day), *sums.mean());
  return fit_trend(points, o.rising_rule);
}

}  // namespace

std::vector<PainAlert> pain_alerts(const DigestIndex& index, UnixMillis now_ms,
                                   const std::vector<std::string>& acknowledged_ids, const AlertOptions& options) {
  std::vector<PainAlert> repeated;
  std::vector<PainAlert> rising;
  std::vector<Visit> visits;
  for (const RegionTrack& track : index.tracks) {
    visits.clear();
    for (const RegionEntry& e : track.entries) {
      if (e.check_ins > 0) visits.push_back(Visit{&e, index.starts[e.session], index.days[e.session]});
    }
    const auto uid_of = [&](const Visit& v) -> const std::string& { return index.sessions[v.entry->session]->uid; };
    if (visits.empty()) continue;
    const std::string_view region = track.region;
    const Side side = track.side;

    // Repeated pain: in force after the latest visit; the episode began at the earliest visit of the trailing
    // run of visits after which the rule held.
    PainAlert a;
    if (repeated_pain_at(visits, visits.size(), options, &a.pain_sessions, &a.sessions_considered)) {
      std::size_t start = visits.size();
      while (start > 1 && repeated_pain_at(visits, start - 1, options, nullptr, nullptr)) --start;
      const Visit& first = visits[start - 1];
      a.id = alert_id(AlertKind::kRepeatedPain, region, side, uid_of(first));
      a.kind = AlertKind::kRepeatedPain;
      a.region = std::string(region);
      a.side = side;
      a.since_ms = index.digest(track, *first.entry).first_check_in_ms;
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

    // Rising intensity: the trend over the sessions of the last rising_days up to now.
    const TrendFit now_fit = rising_fit(visits, visits.size(), now_ms, options);
    if (now_fit.trend == Trend::kWorsening) {
      // The episode began at the earliest visit of the trailing run of visits at whose start the rule also held.
      std::size_t start = visits.size();
      while (start > 0 && rising_fit(visits, start, visits[start - 1].start_ms, options).trend == Trend::kWorsening) {
        --start;
      }
      // When no visit alone shows it (the window slid), the episode starts at the latest visit.
      const Visit& first = visits[std::min(start, visits.size() - 1)];
      PainAlert r;
      r.id = alert_id(AlertKind::kRisingIntensity, region, side, uid_of(first));
      r.kind = AlertKind::kRisingIntensity;
      r.region = std::string(region);
      r.side = side;
      r.since_ms = index.digest(track, *first.entry).first_check_in_ms;
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

}  // namespace detail

std::vector<PainAlert> pain_alerts(const std::vector<SessionDigest>& sessions, UnixMillis now_ms, const TimeZone& tz,
                                   const std::vector<std::string>& acknowledged_ids, const AlertOptions& options) {
  return detail::pain_alerts(detail::index_digests(sessions, now_ms, tz), now_ms, acknowledged_ids, options);
}

}  // namespace smr::core
