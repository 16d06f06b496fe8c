#pragma once
// Who the client is behind a reverse proxy (issue 18 item 2, `smr serve --trust-proxy ADDRESS`): the Forwarded
// header (RFC 7239) or, without it, X-Forwarded-For / -Proto / -Host, honoured only when the socket's peer is a
// trusted proxy. From any other peer they are ignored, so a client cannot claim another address (spoofing the
// loopback to skip pairing, say). A pure function: docs/deploy.md shows the nginx side.

#include <string>
#include <string_view>
#include <vector>

namespace smr::http {

struct ForwardedInput {
  std::string_view peer;  // the socket's peer address
  bool tls = false;       // the socket speaks TLS
  std::string_view host;  // the Host header
  // The headers, every occurrence joined with ", " (as RFC 9110 5.3 allows), "" when absent.
  std::string_view forwarded;
  std::string_view x_forwarded_for;
  std::string_view x_forwarded_proto;
  std::string_view x_forwarded_host;
};

struct ClientView {
  std::string address;     // the client's address: the peer, or the rightmost untrusted address of the chain
  std::string scheme;      // "http" or "https"
  std::string host;        // the host the client asked for (Host, or the trusted proxy's forwarded host)
  bool via_proxy = false;  // the peer is a trusted proxy and the client was taken from its headers
};

// The client as the server should see it. `trusted`: the proxies' addresses (any form make_address takes; an
// IPv4-mapped IPv6 peer matches its IPv4 form). The chain is the Forwarded header's for= values when it is
// present, otherwise X-Forwarded-For's; walking it from the right, trusted addresses are skipped and the first
// other one is the client (all trusted: the leftmost). A trusted peer that forwards nothing is the client itself.
// The scheme and host come from the last Forwarded element (the nearest proxy's) or X-Forwarded-Proto/-Host's
// last value; a value that is not http/https or not a valid host is ignored.
ClientView resolve_client(const ForwardedInput& input, const std::vector<std::string>& trusted);

// The canonical text of an address ("::ffff:10.0.0.1" -> "10.0.0.1", IPv6 compressed lower case); "" when `text`
// is not an IP address.
std::string canonical_address(std::string_view text);

}  // namespace smr::http
