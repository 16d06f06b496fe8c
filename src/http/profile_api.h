#pragma once
// The screening answers and what they mean, and planning from them (issue 7, item 2):
//   GET  /api/profile    the saved answers (an empty profile, updated_ms 0, before the first screening)
//   PUT  /api/profile    save the answers (the JSON `smr screen --json FILE` reads); answers {profile, screening}
//   GET  /api/screening  the saved answers screened, as `smr screen --format json` prints
//   POST /api/plan       a routine for the saved profile and the request in the body, as `smr plan --json`
//   GET  /api/warnings   the active warning signs (reported in a session or screening, not yet cleared)
//   POST /api/warnings/{red_flag}/clear   the person says it was checked and cleared
// Each is one call into src/service/safety_service.h.
// Thread-safe: each call leases the calling worker's Store.

#include <string>

#include "core/catalog.h"
#include "core/journal.h"
#include "http/api_error.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"

namespace smr::http {

class ProfileApi {
 public:
  ProfileApi(const core::Catalog& catalog, WorkerStores& stores);  // both must outlive this

  Response get_profile(const Request& request) const;
  Response put_profile(const Request& request) const;
  Response screening(const Request& request) const;
  Response plan(const Request& request) const;
  Response warnings(const Request& request) const;
  Response clear_warning(const Request& request, const PathParams& params) const;

 private:
  const core::Catalog* catalog_;
  WorkerStores* stores_;
};

}  // namespace smr::http
