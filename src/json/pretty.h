#pragma once
// JSON text: indented for output that people read (the CLI's --json), compact for the HTTP API. Both write
// doubles as the shortest text that reads back the same ("9.5", not "9.5E0").

#include <string>

#include <boost/json/value.hpp>

namespace smr::json {

// Two-space indented JSON followed by a newline.
std::string pretty(const boost::json::value& v);

// The same values as pretty(), without any whitespace or final newline.
std::string compact(const boost::json::value& v);

}  // namespace smr::json
