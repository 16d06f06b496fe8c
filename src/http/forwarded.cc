#include "http/forwarded.h"

#include <algorithm>
#include <optional>

#include <boost/asio/ip/address.hpp>

#include "http/header_text.h"
#include "http/server.h"

namespace smr::http {

namespace {

using detail::trim_ows;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits on `sep` outside double quotes.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') quoted = !quoted;
    if (s[i] == '\\' && quoted) {
      ++i;
      continue;
    }
    if (s[i] == sep && !quoted) {
      out.push_back(trim_ows(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim_ows(s.substr(start)));
  return out;
}

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out += v[i];
    }
    return out;
  }
  return std::string(v);
}

// A node of a forwarding chain without its port: "[2001:db8::1]:4711" -> "2001:db8::1", "10.0.0.1:80" ->
// "10.0.0.1"; an address in canonical form, anything else ("unknown", "_hidden") as it is, lower case.
std::string node_address(std::string_view node) {
  node = trim_ows(node);
  if (!node.empty() && node.front() == '[') {
    const auto close = node.find(']');
    if (close != std::string_view::npos) node = node.substr(1, close - 1);
  } else if (std::count(node.begin(), node.end(), ':') == 1) {
    node = node.substr(0, node.find(':'));
  }
  if (auto a = canonical_address(node); !a.empty()) return a;
  return lower(node);
}

struct Element {
  std::optional<std::string> for_node, proto, host;
};

std::vector<Element> parse_forwarded(std::string_view header) {
  std::vector<Element> out;
  for (const auto element : split(header, ',')) {
    Element e;
    for (const auto pair : split(element, ';')) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      const auto key = lower(trim_ows(pair.substr(0, eq)));
      auto value = unquote(trim_ows(pair.substr(eq + 1)));
      if (key == "for") e.for_node = node_address(value);
      if (key == "proto") e.proto = lower(value);
      if (key == "host") e.host = value;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string last_value(std::string_view header) {
  const auto parts = split(header, ',');
  return parts.empty() ? std::string() : std::string(parts.back());
}

}  // namespace

std::string canonical_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return {};
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

ClientView resolve_client(const ForwardedInput& in, const std::vector<std::string>& trusted) {
  std::vector<std::string> proxies;
  for (const auto& t : trusted) {
    if (auto a = canonical_address(t); !a.empty()) proxies.push_back(std::move(a));
  }
  const auto is_trusted = [&proxies](const std::string& a) {
    return std::find(proxies.begin(), proxies.end(), a) != proxies.end();
  };
  ClientView view;
  const auto peer = canonical_address(in.peer);
  view.address = peer.empty() ? std::string(in.peer) : peer;
  view.scheme = in.tls ? "https" : "http";
  view.host = std::string(in.host);
  if (peer.empty() || !is_trusted(peer)) return view;

  std::vector<std::string> chain;
  std::optional<std::string> proto, host;
  if (!trim_ows(in.forwarded).empty()) {
    const auto elements = parse_forwarded(in.forwarded);
    for (const auto& e : elements) chain.push_back(e.for_node.value_or("unknown"));
    if (!elements.empty()) {
      proto = elements.back().proto;
      host = elements.back().host;
    }
  } else {
    if (!trim_ows(in.x_forwarded_for).empty()) {
      for (const auto node : split(in.x_forwarded_for, ',')) chain.push_back(node_address(node));
    }
    if (!trim_ows(in.x_forwarded_proto).empty()) proto = lower(last_value(in.x_forwarded_proto));
    if (!trim_ows(in.x_forwarded_host).empty()) host = last_value(in.x_forwarded_host);
  }
  if (!chain.empty()) {
    view.via_proxy = true;
    view.address = chain.front();  // every one trusted: the leftmost
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (!is_trusted(*it)) {
        view.address = *it;
        break;
      }
    }
  }
  if (proto && (*proto == "http" || *proto == "https")) view.scheme = *proto;
  if (host && host_of(*host)) view.host = *host;
  return view;
}

}  // namespace smr::http
