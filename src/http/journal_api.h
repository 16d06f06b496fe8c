#pragma once
// The journal, read and moved (issue 7, item 2). Recorded sessions only: live sessions are session_api.h's.
//   GET  /api/sessions?from=YYYY-MM-DD&to=YYYY-MM-DD   summaries, oldest first, as `smr log --json`
//                                                      (days in UTC; `to` inclusive), wrapped {"sessions": [...]}
//   GET  /api/sessions/{uid}                           one session in full, as `smr log UID --json` (a uid,
//                                                      its first characters, or "last")
//   GET  /api/export                                   the export file, as `smr export` writes it
//   POST /api/import                                   an export file: validated whole, then all of it or nothing
// Thread-safe: each call leases the calling worker's Store.

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"

namespace smr::http {

class JournalApi {
 public:
  explicit JournalApi(WorkerStores& stores);  // `stores` must outlive this

  Response sessions(const Request& request) const;
  Response session(const Request& request, const PathParams& params) const;
  Response export_journal(const Request& request) const;
  Response import_journal(const Request& request) const;

 private:
  WorkerStores* stores_;
};

}  // namespace smr::http
