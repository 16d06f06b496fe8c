#pragma once
// Progress use cases shared by the CLI and the HTTP API: read a progress question (region, since, as-of), read
// what progress needs from the store (session digests, self-tests, settings) and compute it (core/progress.h,
// docs/progress.md); acknowledge a persistent-pain alert; the person's weekly target.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/time_zone.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

// Settings keys (values are JSON text).
inline constexpr std::string_view kAcknowledgedAlertsKey = "progress.acknowledged-alerts";  // array of alert ids
inline constexpr std::string_view kSessionsPerWeekKey = "progress.sessions-per-week";       // integer

inline constexpr int kMinSessionsPerWeek = 1;
inline constexpr int kMaxSessionsPerWeek = 14;

struct ProgressQuery {
  core::PersonId person = core::kLocalPersonId;
  core::UnixMillis now_ms = 0;
  core::TimeZone tz;              // the person's zone over the span of their journal (see the faces)
  core::UnixMillis since_ms = 0;  // 0 = the whole journal
};

// Progress as of `now_ms`. Records after it are ignored; alerts always look at the whole journal.
store::Result<core::Progress> progress(store::Store& store, const ProgressQuery& query);

// A progress question as a person types it, on either face (flags of `smr progress` / `smr report`, query
// parameters of GET /api/progress); the rules that read it are progress_query()'s, the same for both.
struct ProgressRequest {
  core::PersonId person = core::kLocalPersonId;
  std::string region;  // a catalog region id; "": every region
  std::string since;   // a local day, YYYY-MM-DD; "": the whole journal
  std::string as_of;   // a local day (its end), or a local minute "YYYY-MM-DD HH:MM" or YYYY-MM-DDTHH:MM; "": now
};

// The person's time zone over [from_ms, to_ms]: the face knows it (the process's zone, or one a request names).
using ZoneAround = std::function<core::TimeZone(core::UnixMillis from_ms, core::UnixMillis to_ms)>;

// The query `request` asks for when the clock says `now_ms`, in `zone` over the 20 years before it. kInvalid
// naming "region" (an unknown region, with "did you mean"), "as_of" or "since" (not a date or time), changing
// nothing.
Result<ProgressQuery> progress_query(const core::Catalog& catalog, const ProgressRequest& request,
                                     core::UnixMillis now_ms, const ZoneAround& zone);

// What a progress page shows: the query as read, and the progress then, kept to `region` when one is asked.
struct ProgressView {
  ProgressQuery query;
  std::string region;
  core::Progress progress;
};
// progress_query() then progress(), kept to the region: the one call of `smr progress`, `smr report` and GET
// /api/progress.
Result<ProgressView> progress_view(store::Store& store, const core::Catalog& catalog, const ProgressRequest& request,
                                   core::UnixMillis now_ms, const ZoneAround& zone);

// Acknowledges the alert `id` in force as of the request's time (kNotFound, field "id", naming where the alerts
// are listed, otherwise). Acknowledging twice is not an error.
Status acknowledge_alert(store::Store& store, const core::Catalog& catalog, const ProgressRequest& request,
                         const std::string& id, core::UnixMillis now_ms, const ZoneAround& zone);

// Saves the person's weekly target: kInvalid with field "target" unless kMinSessionsPerWeek <= n <=
// kMaxSessionsPerWeek (changing nothing).
Status change_sessions_per_week_target(store::Store& store, core::PersonId person, int n);

// The ids of acknowledged alerts (empty when none). A stored value that cannot be read counts as none.
store::Result<std::vector<std::string>> acknowledged_alerts(store::Store& store, core::PersonId person);

// Acknowledges the alert `id`, which must be in force as of `query.now_ms` (kNotFound otherwise, naming how to
// list them). Acknowledging twice is not an error.
store::Status acknowledge_alert(store::Store& store, const ProgressQuery& query, const std::string& id);

// Sessions per week the person aims for: the stored setting, or 5 ("most days").
store::Result<int> sessions_per_week_target(store::Store& store, core::PersonId person);

// The same two from a setting's value already read (nullopt: not set), for views that read many people's
// settings at once (Store::people_digests).
std::vector<std::string> acknowledged_alerts_of(const std::optional<std::string>& value);
int sessions_per_week_target_of(const std::optional<std::string>& value);

// Keeps only what concerns `region` (the adherence weeks keep their session counts).
void keep_region(core::Progress& p, const std::string& region);

}  // namespace smr::service
