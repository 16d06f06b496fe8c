#pragma once
// The app's settings (breathing pace, voice, units): one use case for both faces, `smr settings` and
// GET/PUT /api/settings. Stored as one JSON object in the person setting json::kAppSettingsKey.

#include "json/request_json.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

// The stored settings; the defaults when none are stored (or the stored text cannot be read).
Result<json::AppSettings> app_settings(store::Store& store, core::PersonId person);

// Applies `changes` (a JSON object with some of breaths_per_minute, voice, units) to the stored settings and
// stores the result. kInvalid names the field ("breaths_per_minute") and changes nothing.
Result<json::AppSettings> change_app_settings(store::Store& store, core::PersonId person,
                                              const boost::json::value& changes);

}  // namespace smr::service
