#pragma once
// The cross-site guard of every API route that changes something (docs/architecture.md "Hardening").
//
// A browser lets any web page send a "simple" request to this server: a POST with a text/plain or form body,
// or with no body, without asking first (no CORS preflight). Such a page could start sessions, import a journal
// or clear a warning sign through the person's browser. Every request other than GET, HEAD and OPTIONS to /api/
// is therefore refused unless:
//   - its Origin header, when present, is this server's own origin (the scheme and the authority of its Host);
//     a request with Sec-Fetch-Site "cross-site" or "same-site" is refused too (a browser always sends it);
//   - its body, when it has one, is declared Content-Type: application/json (a type no page can send to another
//     origin without a preflight this server never answers); a declared type other than JSON is refused even
//     with an empty body.
// A client that is not a browser (curl, a script) sends no Origin and is not affected beyond the JSON type, except
// from another machine: there a change without an Origin is taken only with a paired device's credential
// (docs/pairing.md), so `origin_required` is true for a request from another machine that carries none.

#include <optional>

#include "http/api_error.h"
#include "http/request.h"

namespace smr::http {

// Nothing when the request may go on; otherwise the error to answer: 403 "forbidden" for a foreign origin,
// 400 "invalid" (field "Content-Type") for a body that is not declared JSON. `tls`: whether the server is reached over
// HTTPS (the origin's scheme).
std::optional<ApiError> refuse_cross_site_write(const Request& request, bool tls = false, bool origin_required = false);

}  // namespace smr::http
