#pragma once
// Internal to src/json: small builders shared by the mapping files.

#include <string>
#include <vector>

#include <boost/json/array.hpp>

namespace smr::json::detail {

// A JSON array of the strings, in order.
inline boost::json::array strings(const std::vector<std::string>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

}  // namespace smr::json::detail
