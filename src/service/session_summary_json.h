#pragma once
// JSON form of a SessionSummary (journal_service.h): one item of `smr log --json` and of GET /api/sessions,
// which must stay the same (tests/e2e/api_test.cc compares them). It lives in the service layer, not src/json,
// because SessionSummary is a service type and src/json sits below the services (docs/architecture.md).
// Format: docs/openapi.yaml (components SessionSummary).

#include <boost/json/value.hpp>

#include "service/journal_service.h"

namespace smr::service {

// {"uid", "title", "started_ms", "status", "duration_s", "check_ins", "mean_intensity", "pain_check_ins",
//  "adaptations", "regions"}, in that order.
boost::json::value to_json(const SessionSummary& s);

}  // namespace smr::service
