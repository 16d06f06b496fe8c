#pragma once
// The headers every response carries, errors and 304s included.
//
// The Content-Security-Policy fits a same-origin single-page app that has no inline script or style: every
// script, style, image, font, fetch, worker and manifest comes from this server ('self'; images may also be
// data: URLs, as bundlers inline small icons); no plugins, no <base> rewriting, forms post only here, and no
// other site may frame the app (with X-Frame-Options for older browsers). nosniff makes browsers trust our
// Content-Type; no-referrer keeps journal URLs out of other sites' logs.

#include <string_view>

#include "http/response.h"

namespace smr::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void add_security_headers(Response& response);

}  // namespace smr::http
