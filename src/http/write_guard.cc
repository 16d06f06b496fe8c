#include "http/write_guard.h"

#include <string>
#include <string_view>

#include "http/response.h"
#include "http/server.h"

namespace smr::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "host:port" with the scheme's default port dropped ("example.com:80" over http is "example.com").
std::string authority(std::string_view value, std::string_view default_port) {
  std::string out = lower(value);
  const std::string suffix = ":" + std::string(default_port);
  if (out.size() > suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0 &&
      out[out.size() - suffix.size() - 1] != ':') {
    out.resize(out.size() - suffix.size());
  }
  return out;
}

bool same_origin(std::string_view origin, std::string_view host, bool tls) {
  std::string_view scheme;
  std::string_view rest;
  if (origin.starts_with("http://")) {
    scheme = "http";
    rest = origin.substr(7);
  } else if (origin.starts_with("https://")) {
    scheme = "https";
    rest = origin.substr(8);
  } else {
    return false;  // "null" (a sandboxed frame, a file), or not a web origin at all
  }
  if (rest.empty() || rest.find_first_of("/?#@") != std::string_view::npos || !host_of(rest)) return false;
  // Over TLS the page's scheme must be https; without it (or behind a proxy ending TLS) either.
  if (tls && scheme != "https") return false;
  const auto port = scheme == "https" ? std::string_view("443") : std::string_view("80");
  return authority(rest, port) == authority(host, port);
}

ApiError forbidden(std::string message) { return {Status::forbidden, "forbidden", std::move(message), {}}; }

}  // namespace

std::optional<ApiError> refuse_cross_site_write(const Request& request, bool tls, bool origin_required) {
  const auto method = request.method();
  if (method == Verb::get || method == Verb::head || method == Verb::options) return std::nullopt;

  // A browser says where the request comes from; a program (curl, the tests, a script) usually says nothing.
  const auto fetch_site = lower(request.header(std::string_view("Sec-Fetch-Site")));
  if (fetch_site == "cross-site" || fetch_site == "same-site") {
    return forbidden("this change was sent by another web site (Sec-Fetch-Site: " + fetch_site +
                     "); changes are taken only from SMR Coach's own pages");
  }
  if (request.header_count(Field::origin) > 1) {
    return forbidden("the request has more than one Origin header; send at most one");
  }
  if (request.header_count(Field::origin) == 0 && origin_required) {
    return forbidden(
        "a change from another machine must come from SMR Coach's own page (with its Origin header) or from a paired "
        "device (with its credential)");
  }
  if (request.header_count(Field::origin) == 1) {
    const auto origin = request.header(Field::origin);
    if (!same_origin(origin, request.header(Field::host), tls)) {
      return forbidden("this change was sent by a page of another origin (\"" + std::string(origin.substr(0, 100)) +
                       "\"); changes are taken only from SMR Coach's own pages");
    }
  }
  const auto type = request.header(Field::content_type);
  const auto media = lower(type.substr(0, type.find(';')));
  const auto trimmed = media.substr(0, media.find_last_not_of(' ') + 1);
  if ((!request.body().empty() || !type.empty()) && trimmed != kJsonType) {
    return invalid("Content-Type",
                   "the body must be JSON: send Content-Type: application/json" +
                       std::string(type.empty() ? "" : ", not \"" + std::string(type.substr(0, 100)) + "\""));
  }
  return std::nullopt;
}

}  // namespace smr::http
