#pragma once
// GET /api/health: is the server up and can it read the journal. Thread-safe.

#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "http/worker_stores.h"

namespace smr::http {

// What the server found at start-up (Store::check_health, run once: it checks the whole journal's integrity).
struct JournalInfo {
  int schema_version = 0;
  int latest_schema_version = 0;
  bool integrity_ok = true;
};

class HealthApi {
 public:
  HealthApi(WorkerStores& stores, JournalInfo journal);  // `stores` must outlive this

  // 200 {"status": "ok", "version", "backend", "schema_version", "latest_schema_version", "integrity_ok"}
  // when the calling worker's Store answers a read (the local person); 503 "unavailable" with the store's
  // message when it does not. Never cached.
  Response health(const Request& request) const;

 private:
  WorkerStores* stores_;
  std::string ok_json_;  // serialised once
};

// The version of smr (the CMake project's).
std::string_view smr_version();

}  // namespace smr::http
