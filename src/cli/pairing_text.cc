#include "cli/pairing_text.h"

#include <algorithm>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include "http/pairing_api.h"
#include "service/qr_code.h"

namespace smr::cli {

std::vector<std::string> lan_addresses(bool ipv6) {
  std::vector<std::string> out;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return out;
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || (a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char text[INET6_ADDRSTRLEN] = {};
    std::string address;
    if (a->ifa_addr->sa_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
      if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) continue;
      ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
      address = text;
    } else if (ipv6 && a->ifa_addr->sa_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ifa_addr);
      if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) || IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) ||
          IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
        continue;
      }
      ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
      address = "[" + std::string(text) + "]";
    } else {
      continue;
    }
    if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(address);
  }
  ::freeifaddrs(list);
  return out;
}

std::vector<std::string> base_urls(std::string_view scheme, const std::vector<std::string>& addresses,
                                   std::uint16_t port) {
  std::vector<std::string> out;
  for (const auto& a : addresses) out.push_back(std::string(scheme) + "://" + a + ":" + std::to_string(port));
  return out;
}

void print_pairing(std::ostream& out, const std::string& code, const std::vector<std::string>& bases, bool qr) {
  out << "Pairing code: " << code << "\n";
  if (bases.empty()) {
    out << "This machine has no network address a phone could reach (is it connected to a network?).\n";
  } else {
    out << "On the phone (on the same network), open " << (bases.size() == 1 ? "this address" : "one of these")
        << (qr ? " or scan its QR code" : "") << ":\n";
  }
  for (const auto& base : bases) {
    const auto url = http::pairing_url(base, code);
    out << "\n  " << url << "\n";
    if (qr) {
      const auto code_image = service::QrCode::encode(url);
      out << "\n" << code_image.to_terminal();
    }
  }
  out << "\nThe code expires in 10 minutes and works once; `smr pair` shows a new one.\n";
}

}  // namespace smr::cli
