#pragma once
// What `smr serve --lan` and `smr pair` print for a pairing code: for each address of this machine a phone may
// reach, the pairing URL and its QR code drawn in the terminal (docs/pairing.md).

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.h"

namespace smr::cli {

// This machine's addresses a phone on the same network may reach (getifaddrs): every IPv4 address but
// loopback, and with `ipv6`, every global IPv6 address (not loopback, not link-local); IPv6 in brackets.
// In the order the system lists them, without repeats.
std::vector<std::string> lan_addresses(bool ipv6);

// "<scheme>://<address>:<port>" for each address.
std::vector<std::string> base_urls(std::string_view scheme, const std::vector<std::string>& addresses,
                                   std::uint16_t port);

// The code, then each URL with its QR code, then how long the code lasts. `qr`: draw the QR codes.
void print_pairing(std::ostream& out, const std::string& code, const std::vector<std::string>& bases, bool qr);

}  // namespace smr::cli
