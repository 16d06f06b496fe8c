#pragma once
// Progress (issue 7, item 2), as `smr progress --json`:
//   GET  /api/progress?region=&since=&as_of=&tz=      {as_of_ms, time_zone, utc_offset_minutes, since_ms,
//                                                     region?, progress}
//   POST /api/progress/alerts/{id}/ack?as_of=&tz=     acknowledge a persistent-pain alert in force
// `tz`: an IANA zone name (zoneinfo.h); absent: the server's local zone. `since`: a local day (YYYY-MM-DD);
// `as_of`: a local day (its end) or "YYYY-MM-DDTHH:MM" (also with a space); absent: now.
// `now` is the end of the current minute (hh:mm:59.999), so that every request in one minute asks the same
// question: the last answers are kept per worker Store and reused while the Store's change_stamp() says the
// journal is unchanged (SQLite only; docs/architecture.md, "Progress cache"). A client that accepts gzip (every
// browser) gets the kept answer compressed, once per answer: a year of daily sessions is ~390 KB of JSON.
// Thread-safe: each call leases the calling worker's Store, which also guards that Store's cache.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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
  // One answer to one query, computed when the Store's change stamp was `stamp`.
  struct Cached {
    std::string key;  // region, zone name, as-of and since: what the answer depends on besides the journal
    std::uint64_t stamp = 0;
    SharedBody::value_type body;
    SharedBody::value_type gzip_body;  // made at the first request that accepts gzip
  };
  // The last few answers of one Store. Guarded by that Store's Lease.
  struct Cache {
    static constexpr std::size_t kEntries = 4;
    std::vector<Cached> entries;
    std::size_t next = 0;  // the entry to replace next, once full
  };

  const core::Catalog* catalog_;
  WorkerStores* stores_;
  LocalZone local_;
  mutable std::vector<Cache> caches_;  // one per slot of stores_; the vector itself never changes size
};

}  // namespace smr::http
