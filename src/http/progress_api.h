#pragma once
// Progress (issue 7, item 2), as `smr progress --json`:
//   GET  /api/progress?region=&since=&as_of=&tz=      {as_of_ms, time_zone, utc_offset_minutes, since_ms,
//                                                     region?, progress}
//   POST /api/progress/alerts/{id}/ack?as_of=&tz=     acknowledge a persistent-pain alert in force
// `tz`: an IANA zone name (zoneinfo.h); absent: the server's local zone. `since`: a local day (YYYY-MM-DD);
// `as_of`: a local day (its end) or "YYYY-MM-DDTHH:MM" (also with a space); absent: now.
// Thread-safe: each call leases the calling worker's Store.

#include "core/catalog.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"
#include "http/zoneinfo.h"

namespace smr::http {

class ProgressApi {
 public:
  ProgressApi(const core::Catalog& catalog, WorkerStores& stores, LocalZone local);  // both must outlive this

  Response progress(const Request& request) const;
  Response acknowledge(const Request& request, const PathParams& params) const;

 private:
  const core::Catalog* catalog_;
  WorkerStores* stores_;
  LocalZone local_;
};

}  // namespace smr::http
