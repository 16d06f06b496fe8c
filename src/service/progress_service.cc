#include "service/progress_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <utility>

namespace smr::service {

namespace {

namespace bj = boost::json;

constexpr core::UnixMillis kBeginning = std::numeric_limits<core::UnixMillis>::min();

store::Result<std::optional<bj::value>> json_setting(store::Store& store, core::PersonId person, std::string_view key) {
  auto text = store.setting(person, std::string(key));
  if (!text) return tl::unexpected(text.error());
  if (!*text) return std::optional<bj::value>();
  boost::system::error_code ec;
  auto v = bj::parse(**text, ec);
  if (ec) return std::optional<bj::value>();
  return std::optional<bj::value>(std::move(v));
}

}  // namespace

store::Result<std::vector<std::string>> acknowledged_alerts(store::Store& store, core::PersonId person) {
  auto v = json_setting(store, person, kAcknowledgedAlertsKey);
  if (!v) return tl::unexpected(v.error());
  std::vector<std::string> ids;
  if (*v && (*v)->is_array()) {
    for (const auto& item : (*v)->as_array()) {
      if (item.is_string()) ids.emplace_back(item.as_string());
    }
  }
  return ids;
}

store::Result<int> sessions_per_week_target(store::Store& store, core::PersonId person) {
  auto v = json_setting(store, person, kSessionsPerWeekKey);
  if (!v) return tl::unexpected(v.error());
  if (*v && (*v)->is_int64()) {
    const auto n = (*v)->as_int64();
    if (n >= kMinSessionsPerWeek && n <= kMaxSessionsPerWeek) return static_cast<int>(n);
  }
  return core::AdherenceOptions{}.sessions_per_week_target;
}

store::Status set_sessions_per_week_target(store::Store& store, core::PersonId person, int n) {
  if (n < kMinSessionsPerWeek || n > kMaxSessionsPerWeek) {
    return store::fail(store::Error::Code::kInvalid,
                       "sessions per week must be a whole number from " + std::to_string(kMinSessionsPerWeek) + " to " +
                           std::to_string(kMaxSessionsPerWeek) + ", not " + std::to_string(n));
  }
  return store.set_setting(core::Setting{person, std::string(kSessionsPerWeekKey), std::to_string(n)});
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
                       "no alert \"" + id + "\" is in force; the alerts and their ids are listed by: smr progress");
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
