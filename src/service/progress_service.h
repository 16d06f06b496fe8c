#pragma once
// Progress use cases shared by the CLI and the HTTP API: read what progress needs from the store (session
// digests, self-tests, settings) and compute it (core/progress.h, docs/progress.md); acknowledge a
// persistent-pain alert; the person's weekly target.

#include <string>
#include <string_view>
#include <vector>

#include "core/progress.h"
#include "core/time_zone.h"
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

// The ids of acknowledged alerts (empty when none). A stored value that cannot be read counts as none.
store::Result<std::vector<std::string>> acknowledged_alerts(store::Store& store, core::PersonId person);

// Acknowledges the alert `id`, which must be in force as of `query.now_ms` (kNotFound otherwise, naming how to
// list them). Acknowledging twice is not an error.
store::Status acknowledge_alert(store::Store& store, const ProgressQuery& query, const std::string& id);

// Sessions per week the person aims for: the stored setting, or 5 ("most days").
store::Result<int> sessions_per_week_target(store::Store& store, core::PersonId person);
// kInvalid (changing nothing) unless kMinSessionsPerWeek <= n <= kMaxSessionsPerWeek.
store::Status set_sessions_per_week_target(store::Store& store, core::PersonId person, int n);

// Keeps only what concerns `region` (the adherence weeks keep their session counts).
void keep_region(core::Progress& p, const std::string& region);

}  // namespace smr::service
