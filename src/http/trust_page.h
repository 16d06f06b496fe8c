#pragma once
// The local certificate authority's two public routes (issue 18 item 2), served by `smr serve` when it uses the
// local CA (http/local_ca.h):
//   GET /ca.crt  the CA certificate (application/x-x509-ca-cert), to install on a phone or in a browser
//   GET /trust   a page that explains, per platform, how to trust it, with its SHA-256 fingerprint to compare
//                with the one `smr serve` printed
// Both carry no journal data and answer whoever asks (a phone must read them before it trusts the server).

#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace smr::http {

struct TrustInfo {
  std::string ca_cert_pem;
  std::string fingerprint;  // "AB:12:…"
};

// The response for /ca.crt or /trust (GET or HEAD); nothing for any other request.
std::optional<Response> trust_route(const Request& request, const TrustInfo& info);

// The /trust page's HTML.
std::string trust_page_html(const TrustInfo& info);

}  // namespace smr::http
