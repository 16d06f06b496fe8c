#include "json/pretty.h"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <system_error>

namespace smr::json {

namespace {

// depth < 0: compact (no whitespace at all); otherwise two-space indentation at that depth.
void write(std::string& out, const boost::json::value& v, int depth) {
  const bool indented = depth >= 0;
  const auto newline_indent = [&](int d) {
    if (!indented) return;
    out += '\n';
    out.append(static_cast<std::size_t>(d) * 2, ' ');
  };
  const int inner = indented ? depth + 1 : depth;
  if (const auto* obj = v.if_object(); obj && !obj->empty()) {
    out += '{';
    bool first = true;
    for (const auto& [key, val] : *obj) {
      if (!first) out += ',';
      first = false;
      newline_indent(inner);
      out += boost::json::serialize(boost::json::string(key));
      out += indented ? ": " : ":";
      write(out, val, inner);
    }
    newline_indent(depth);
    out += '}';
  } else if (const auto* arr = v.if_array(); arr && !arr->empty()) {
    out += '[';
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (i > 0) out += ',';
      newline_indent(inner);
      write(out, (*arr)[i], inner);
    }
    newline_indent(depth);
    out += ']';
  } else if (v.is_double() && std::isfinite(v.get_double())) {
    // Shortest text that reads back as the same double ("9.5", not Boost's "9.5E0").
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
    out.append(buf, ec == std::errc() ? end : buf);
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty(const boost::json::value& v) {
  std::string out;
  write(out, v, 0);
  out += '\n';
  return out;
}

std::string compact(const boost::json::value& v) {
  std::string out;
  write(out, v, -1);
  return out;
}

}  // namespace smr::json
