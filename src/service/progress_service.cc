#include "service/progress_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <limits>
#include <optional>
#include <utility>

#include "service/journal_service.h"
#include "service/self_test_service.h"

namespace smr::service {

namespace {

namespace bj = boost::json;

constexpr core::UnixMillis kBeginning = std::numeric_limits<core::UnixMillis>::min();

// A setting's value as JSON; nullopt when there is none or it cannot be read.
std::optional<bj::value> json_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto v = bj::parse(*text, ec);
  if (ec) return std::nullopt;
  return v;
}

constexpr core::UnixMillis kTwentyYearsMs = 20LL * 366 * core::kDayMs;

// "YYYY-MM-DD" -> the local day; nullopt when not a date.
std::optional<core::LocalDay> parse_day(std::string_view text) {
  const auto utc = parse_date_utc(text);
  if (!utc) return std::nullopt;
  return *utc / core::kDayMs;
}

// as_of: "YYYY-MM-DD" (the end of that local day), or "YYYY-MM-DD HH:MM" / "YYYY-MM-DDTHH:MM" (local time).
std::optional<core::UnixMillis> parse_as_of(const std::string& text, const ZoneAround& zone) {
  const auto day = parse_day(text.substr(0, 10));
  if (!day) return std::nullopt;
  const core::UnixMillis around = *day * core::kDayMs;
  const auto tz = zone(around - 2 * core::kDayMs, around + 2 * core::kDayMs);
  if (text.size() == 10) return core::local_midnight_ms(*day + 1, tz) - 1;
  int h = -1, m = -1;
  char tail = 0;
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') ||
      std::sscanf(text.c_str() + 11, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
    return std::nullopt;
  }
  return core::local_midnight_ms(*day, tz) + (h * 60 + m) * 60'000LL;
}

}  // namespace

Result<ProgressQuery> progress_query(const core::Catalog& catalog, const ProgressRequest& request,
                                     core::UnixMillis now_ms, const ZoneAround& zone) {
  if (!request.region.empty() && catalog.find_region(request.region) == nullptr) {
    return fail_input("region", unknown_region_text(catalog, request.region));
  }
  ProgressQuery q;
  q.person = request.person;
  q.now_ms = now_ms;
  if (!request.as_of.empty()) {
    const auto as_of = parse_as_of(request.as_of, zone);
    if (!as_of) {
      return fail_input("as_of", "\"" + request.as_of +
                                     "\" is not a local date or time; expected YYYY-MM-DD or \"YYYY-MM-DD HH:MM\" "
                                     "(or YYYY-MM-DDTHH:MM), e.g. \"2026-11-21 18:30\"");
    }
    q.now_ms = *as_of;
  }
  q.tz = zone(q.now_ms - kTwentyYearsMs, q.now_ms + core::kDayMs);
  if (!request.since.empty()) {
    const auto day = parse_day(request.since);
    if (!day) {
      return fail_input("since", "\"" + request.since + "\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01");
    }
    q.since_ms = core::local_midnight_ms(*day, q.tz);
  }
  return q;
}

Result<ProgressView> progress_view(store::Store& store, const core::Catalog& catalog, const ProgressRequest& request,
                                   core::UnixMillis now_ms, const ZoneAround& zone) {
  auto q = progress_query(catalog, request, now_ms, zone);
  if (!q) return tl::unexpected(q.error());
  auto p = progress(store, *q);
  if (!p) return tl::unexpected(from_store(p.error()));
  if (!request.region.empty()) keep_region(*p, request.region);
  return ProgressView{std::move(*q), request.region, std::move(*p)};
}

Status acknowledge_alert(store::Store& store, const core::Catalog& catalog, const ProgressRequest& request,
                         const std::string& id, core::UnixMillis now_ms, const ZoneAround& zone) {
  auto q = progress_query(catalog, request, now_ms, zone);
  if (!q) return tl::unexpected(q.error());
  auto s = acknowledge_alert(store, *q, id);
  if (!s) {
    auto e = from_store(s.error());
    if (e.code == Error::Code::kNotFound) e.field = "id";
    return tl::unexpected(std::move(e));
  }
  return {};
}

Status change_sessions_per_week_target(store::Store& store, core::PersonId person, int n) {
  if (n < kMinSessionsPerWeek || n > kMaxSessionsPerWeek) {
    return fail_input("target", "sessions per week must be a whole number from " + std::to_string(kMinSessionsPerWeek) +
                                    " to " + std::to_string(kMaxSessionsPerWeek) + ", not " + std::to_string(n));
  }
  auto s = store.set_setting(core::Setting{person, std::string(kSessionsPerWeekKey), std::to_string(n)});
  if (!s) return tl::unexpected(from_store(s.error()));
  return {};
}

std::vector<std::string> acknowledged_alerts_of(const std::optional<std::string>& value) {
  const auto v = json_of(value);
  std::vector<std::string> ids;
  if (v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      if (item.is_string()) ids.emplace_back(item.as_string());
    }
  }
  return ids;
}

int sessions_per_week_target_of(const std::optional<std::string>& value) {
  const auto v = json_of(value);
  if (v && v->is_int64()) {
    const auto n = v->as_int64();
    if (n >= kMinSessionsPerWeek && n <= kMaxSessionsPerWeek) return static_cast<int>(n);
  }
  return core::AdherenceOptions{}.sessions_per_week_target;
}

store::Result<std::vector<std::string>> acknowledged_alerts(store::Store& store, core::PersonId person) {
  auto v = store.setting(person, std::string(kAcknowledgedAlertsKey));
  if (!v) return tl::unexpected(v.error());
  return acknowledged_alerts_of(*v);
}

store::Result<int> sessions_per_week_target(store::Store& store, core::PersonId person) {
  auto v = store.setting(person, std::string(kSessionsPerWeekKey));
  if (!v) return tl::unexpected(v.error());
  return sessions_per_week_target_of(*v);
}

store::Result<core::Progress> progress(store::Store& store, const ProgressQuery& query) {
  core::ProgressInput input;
  // Alerts look at the whole journal, so every digest up to now is read whatever `since_ms` says.
  auto digests = store.session_digests(query.person, kBeginning, query.now_ms + 1);
  if (!digests) return tl::unexpected(digests.error());
  input.sessions = std::move(*digests);
  auto tests = store.self_tests(query.person);
  if (!tests) return tl::unexpected(tests.error());
  input.self_tests = std::move(*tests);
  std::erase_if(input.self_tests, [&](const core::SelfTest& t) { return t.at_ms > query.now_ms; });
  auto acknowledged = acknowledged_alerts(store, query.person);
  if (!acknowledged) return tl::unexpected(acknowledged.error());
  input.acknowledged_alert_ids = std::move(*acknowledged);
  auto target = sessions_per_week_target(store, query.person);
  if (!target) return tl::unexpected(target.error());

  core::ProgressOptions options;
  options.now_ms = query.now_ms;
  options.tz = query.tz;
  options.since_ms = query.since_ms;
  options.adherence.sessions_per_week_target = *target;
  return core::compute_progress(input, options);
}

store::Status acknowledge_alert(store::Store& store, const ProgressQuery& query, const std::string& id) {
  auto p = progress(store, query);
  if (!p) return tl::unexpected(p.error());
  const bool in_force =
      std::any_of(p->alerts.begin(), p->alerts.end(), [&](const core::PainAlert& a) { return a.id == id; });
  if (!in_force) {
    return store::fail(store::Error::Code::kNotFound,
                       "no alert \"" + id + "\" is in force; the alerts and their ids are listed by smr progress");
  }
  auto ids = acknowledged_alerts(store, query.person);
  if (!ids) return tl::unexpected(ids.error());
  if (std::find(ids->begin(), ids->end(), id) != ids->end()) return {};
  ids->push_back(id);
  bj::array array;
  for (const auto& i : *ids) array.emplace_back(i);
  return store.set_setting(core::Setting{query.person, std::string(kAcknowledgedAlertsKey), bj::serialize(array)});
}

void keep_region(core::Progress& p, const std::string& region) {
  std::erase_if(p.sensation, [&](const core::RegionSensation& r) { return r.region != region; });
  std::erase_if(p.alerts, [&](const core::PainAlert& a) { return a.region != region; });
  for (auto& w : p.adherence.weeks) {
    std::erase_if(w.regions, [&](const core::RegionWeek& r) { return r.region != region; });
  }
  std::erase_if(p.soreness.sessions, [&](const core::SessionSoreness& s) { return s.region != region; });
  std::erase_if(p.soreness.workouts, [&](const core::WorkoutSoreness& w) { return w.region != region; });
}

}  // namespace smr::service
