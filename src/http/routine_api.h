#pragma once
// Saved routines (issue 10, item 6), each route one call into service/routine_service.h:
//   GET    /api/routines        the saved routines, by name: [{uid, name, created_ms, total_s, steps}]
//   POST   /api/routines        {name, routine} (a plan as POST /api/plan answers it) or {name, session_uid} (a
//                               past session's routine, or "last"); 201 with the saved routine
//   GET    /api/routines/{id}   one, by uid or name, with its routine
//   DELETE /api/routines/{id}   {"deleted": {uid, name, ...}}
// Playing one is POST /api/sessions {"saved_routine": id} (session_api.h), through the safety gate.
// Thread-safe.

#include "core/catalog.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"

namespace smr::http {

class RoutineApi {
 public:
  RoutineApi(const core::Catalog& catalog, WorkerStores& stores);  // both must outlive this

  Response list(const Request& request) const;
  Response save(const Request& request) const;
  Response get(const Request& request, const PathParams& params) const;
  Response remove(const Request& request, const PathParams& params) const;

 private:
  const core::Catalog* catalog_;
  WorkerStores* stores_;
};

}  // namespace smr::http
