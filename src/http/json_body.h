#pragma once
// Reading a write route's JSON body, and turning the JSON readers' problems into API errors.
// Shared by the *_api.cc handlers.

#include <string>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "core/problem.h"
#include "http/api_error.h"
#include "http/request.h"

namespace smr::http {

// The body parsed as JSON. Errors: a wrong or missing Content-Type is 400 "invalid"
// naming the field "Content-Type" (expected application/json); a body that is not JSON is 400 "malformed".
tl::expected<boost::json::value, ApiError> json_body(const Request& request);

// A JSON reader's problem ("aches[1].side", "expected ...") -> 400 invalid naming its field (null when it is
// about the whole body), its message() as the message.
ApiError invalid_at(const core::Problem& problem);

}  // namespace smr::http
