#include "http/request.h"

#include <ifaddrs.h>
#include <netinet/in.h>

#include <cstring>

namespace smr::http {

namespace {

namespace ip = boost::asio::ip;

ip::address unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

// True when one of this machine's interfaces has `address` (getifaddrs).
bool interface_has(const ip::address& address) {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return false;
  bool found = false;
  for (const ifaddrs* i = list; i != nullptr && !found; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    if (i->ifa_addr->sa_family == AF_INET && address.is_v4()) {
      ip::address_v4::bytes_type bytes;
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, bytes.size());
      found = ip::address_v4(bytes) == address.to_v4();
    } else if (i->ifa_addr->sa_family == AF_INET6 && address.is_v6()) {
      ip::address_v6::bytes_type bytes;
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in6*>(i->ifa_addr)->sin6_addr, bytes.size());
      found = ip::address_v6(bytes) == address.to_v6();
    }
  }
  ::freeifaddrs(list);
  return found;
}

}  // namespace

Peer Peer::of_connection(const ip::address& remote, const ip::address& local) {
  Peer out;
  out.address = unmapped(remote);
  out.this_machine = out.address.is_loopback() || out.address == unmapped(local) || interface_has(out.address);
  return out;
}

Peer Peer::of_address(const ip::address& address) {
  Peer out;
  out.address = unmapped(address);
  out.this_machine = out.address.is_loopback() || interface_has(out.address);
  return out;
}

Request::Request(const RequestMessage& message, boost::urls::url_view target, Peer peer, const ClientView* client)
    : message_(&message), target_(target), peer_(std::move(peer)), client_(client) {
  for (auto segment : target_.segments()) segments_.push_back(std::move(segment));
}

}  // namespace smr::http
