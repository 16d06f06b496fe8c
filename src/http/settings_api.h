#pragma once
// The app's settings (issue 7, item 2): breathing pace, voice on or off, units. One JSON object in the
// journal's settings (key json::kAppSettingsKey), so a change is written whole or not at all.
//   GET /api/settings   {breaths_per_minute, voice, units} (the defaults until changed)
//   PUT /api/settings   the fields to change (the others keep their values); answers the settings
// Thread-safe.

#include "http/request.h"
#include "http/response.h"
#include "http/worker_stores.h"

namespace smr::http {

class SettingsApi {
 public:
  explicit SettingsApi(WorkerStores& stores);  // `stores` must outlive this

  Response get(const Request& request) const;
  Response put(const Request& request) const;

 private:
  WorkerStores* stores_;
};

}  // namespace smr::http
