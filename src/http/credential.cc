#include "http/credential.h"

#include "http/header_text.h"

namespace smr::http {

namespace {

using detail::trim_ows;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The value of the first cookie named `name` ("" when none).
std::string_view cookie_value(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const auto end = cookies.find(';');
    const auto pair = trim_ows(cookies.substr(0, end));
    if (const auto eq = pair.find('='); eq != std::string_view::npos && trim_ows(pair.substr(0, eq)) == name) {
      auto value = trim_ows(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
    if (end == std::string_view::npos) break;
    cookies.remove_prefix(end + 1);
  }
  return {};
}

// The token of "Bearer <token>" (any case of the scheme), "" for any other value.
std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  authorization = trim_ows(authorization);
  if (authorization.size() <= kScheme.size() || !equals_ignoring_case(authorization.substr(0, kScheme.size()), kScheme))
    return {};
  const auto rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ' && rest.front() != '\t') return {};  // "Bearerx ..." is another scheme
  return trim_ows(rest);
}

}  // namespace

namespace detail {

std::string credential_from(std::string_view cookie_header, std::string_view authorization_header,
                            std::string_view cookie_name) {
  if (const auto cookie = cookie_value(cookie_header, cookie_name); !cookie.empty()) return std::string(cookie);
  return std::string(bearer_token(authorization_header));
}

}  // namespace detail

std::string credential(const Request& request, std::string_view cookie_name) {
  return detail::credential_from(request.header(Field::cookie), request.header(Field::authorization), cookie_name);
}

}  // namespace smr::http
