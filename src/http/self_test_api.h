#pragma once
// Self-tests (issue 7, item 2), as `smr test`:
//   GET  /api/self-tests   {guides: [...], progress: [...]}: the catalog's guides and every test's progress
//   POST /api/self-tests   record one value ({test, side, value, phase, session}, as `smr test ID --value V`);
//                          answers {recorded, progress} for that test and side
//   POST /api/soreness     record a soreness rating ({region, rating, side, phase, session}, as `smr soreness`)
//   POST /api/workouts     record a workout ({at_ms}, default now; as `smr workout`)
// Both answer 201 {"recorded": the stored row}. One value per request: a baseline's two trials are two requests
// (without `phase`, a side's values are baseline trials until it has two, then checks). Thread-safe.

#include "core/catalog.h"
#include "http/request.h"
#include "http/response.h"
#include "http/worker_stores.h"

namespace smr::http {

class SelfTestApi {
 public:
  SelfTestApi(const core::Catalog& catalog, WorkerStores& stores);  // both must outlive this

  Response list(const Request& request) const;
  Response record(const Request& request) const;
  Response soreness(const Request& request) const;
  Response workout(const Request& request) const;

 private:
  const core::Catalog* catalog_;
  WorkerStores* stores_;
};

}  // namespace smr::http
