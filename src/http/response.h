#pragma once
// What a handler returns, and builders for the common cases. The server adds what every response carries
// (security headers, Date, Content-Length, Connection: see server.h), so handlers set only their own fields.

#include <string>

#include <boost/beast/http/message.hpp>

#include "http/request.h"
#include "http/shared_body.h"

namespace smr::http {

using Response = boost::beast::http::response<SharedBody>;

inline constexpr std::string_view kJsonType = "application/json";

// A JSON body (already serialised) with `Cache-Control: no-store`: for answers that depend on the journal.
Response json_response(Status status, std::string json);
// The same with a body that is shared (kept by a cache, say) rather than built for this response.
Response json_response(Status status, SharedBody::value_type json);

}  // namespace smr::http
