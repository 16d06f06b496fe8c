#pragma once
// Indented JSON text, for output that people read (the CLI's --json).

#include <string>

#include <boost/json/value.hpp>

namespace smr::json {

// Two-space indented JSON followed by a newline.
std::string pretty(const boost::json::value& v);

}  // namespace smr::json
