#pragma once
// The credential a request carries, for the two kinds the server issues: a signed-in session's token
// (account_api.h, cookie __Host-smr_session) and a paired device's credential (pairing_api.h, cookie
// __Host-smr_device). Browsers send it in their cookie; other clients as "Authorization: Bearer <credential>".
//
// Reading rules (RFC 6265 section 4.2 for the Cookie header, RFC 9110 section 11 for Authorization):
//   - Cookie: "name=value" pairs split on ';', each trimmed of spaces and tabs; the name is matched exactly
//     (cookie names are case-sensitive); the first pair with the name counts. A value in double quotes is
//     taken without them. An empty value counts as no cookie.
//   - Authorization: the scheme "Bearer" in any case ("bearer", "BEARER"), then one or more spaces, then the
//     credential (trimmed). Any other scheme (Basic, ...) counts as no credential.
//   - Both present: the cookie wins. A browser always sends its cookie and cannot be made to send another
//     header cross-site, so the cookie is the credential a browser session means; a non-browser client that
//     wants its Bearer token used sends no cookie.

#include <string>
#include <string_view>

#include "http/request.h"

namespace smr::http {

// The credential under `cookie_name`, else the Bearer token; "" when the request carries neither.
std::string credential(const Request& request, std::string_view cookie_name);

namespace detail {
// The rules above on the header values themselves (for tests and for credential()).
std::string credential_from(std::string_view cookie_header, std::string_view authorization_header,
                            std::string_view cookie_name);
}  // namespace detail

}  // namespace smr::http
