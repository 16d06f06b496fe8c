#pragma once
// Internal to src/http: reading header values.

#include <string_view>

namespace smr::http::detail {

// `s` without the spaces and tabs around it (a header value's optional whitespace, RFC 9110 5.6.3).
inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace smr::http::detail
