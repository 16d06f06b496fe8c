#pragma once
// The screening answers and what they mean, and planning from them (issue 7, item 2):
//   GET  /api/profile    the saved answers (an empty profile, updated_ms 0, before the first screening)
//   PUT  /api/profile    save the answers (the JSON `smr screen --json FILE` reads); answers {profile, screening}
//   GET  /api/screening  the saved answers screened, as `smr screen --format json` prints
//   POST /api/plan       a routine for the saved profile and the request in the body, as `smr plan --json`
// Thread-safe: each call leases the calling worker's Store.

#include <string>

#include "core/catalog.h"
#include "core/journal.h"
#include "http/api_error.h"
#include "http/request.h"
#include "http/response.h"
#include "http/worker_stores.h"

namespace smr::http {

class ProfileApi {
 public:
  ProfileApi(const core::Catalog& catalog, WorkerStores& stores);  // both must outlive this

  Response get_profile(const Request& request) const;
  Response put_profile(const Request& request) const;
  Response screening(const Request& request) const;
  Response plan(const Request& request) const;

 private:
  const core::Catalog* catalog_;
  WorkerStores* stores_;
};

// The JSON path of the first entry of `profile` that core::profile_problems() reports in `problem` (which
// starts with the list's name, "aches: ..."), e.g. "aches[1].side"; the list's name when none is found.
std::string profile_problem_field(const core::Catalog& catalog, const core::Profile& profile,
                                  const std::string& problem);

}  // namespace smr::http
