#pragma once
// Reading a write route's JSON body, and turning the JSON readers' "path: message" errors into API errors.
// Shared by the *_api.cc handlers.

#include <string>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "http/api_error.h"
#include "http/request.h"

namespace smr::http {

// The body parsed as JSON. Errors: a wrong or missing Content-Type is 400 "invalid"
// naming the field "Content-Type" (expected application/json); a body that is not JSON is 400 "malformed".
tl::expected<boost::json::value, ApiError> json_body(const Request& request);

// "aches[1].side: expected ..." -> 400 invalid, field "aches[1].side", the whole text as the message. A
// message without a "path: " prefix gets `fallback_field`.
ApiError invalid_at(const std::string& path_message, const std::string& fallback_field = "");

}  // namespace smr::http
