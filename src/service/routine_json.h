#pragma once
// JSON form of a saved routine (routine_service.h): one item of `smr routines list --json` and of
// GET /api/routines, which must stay the same. Here, not in src/json, because NamedRoutine is a service type.
// Format: docs/openapi.yaml (components SavedRoutine).

#include <boost/json/object.hpp>

#include "service/routine_service.h"

namespace smr::service {

// {"uid", "name", "created_ms", "total_s", "steps"} (steps: how many), and with `with_routine` also "routine"
// (the routine as smr plan --json prints it).
boost::json::object to_json(const NamedRoutine& r, bool with_routine = false);

}  // namespace smr::service
