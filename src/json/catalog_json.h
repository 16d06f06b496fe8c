#pragma once
// JSON form of catalog entities. Field names follow the TOML files (docs/catalog.md), so a person who knows
// one knows the other. Enums use their data-file spellings.

#include <boost/json/value.hpp>

#include "core/catalog.h"
#include "core/catalog_query.h"

namespace smr::json {

boost::json::value to_json(const core::Citation& c);
boost::json::value to_json(const core::Shape& s);
boost::json::value to_json(const core::Region& r);
boost::json::value to_json(const core::Zone& z);
boost::json::value to_json(const core::MyofascialLine& l);
boost::json::value to_json(const core::Tool& t);
boost::json::value to_json(const core::Technique& t);
boost::json::value to_json(const core::Exercise& x);
boost::json::value to_json(const core::Condition& c);
boost::json::value to_json(const core::RedFlag& f);
boost::json::value to_json(const core::LifestyleFactor& f);
boost::json::value to_json(const core::Rule& r);
boost::json::value to_json(const core::Reference& r);
boost::json::value to_json(const core::SearchHit& h);

// An array of the JSON forms of `items` (objects or pointers to them).
template <typename Range>
boost::json::value to_json_array(const Range& items) {
  boost::json::array out;
  for (const auto& item : items) {
    if constexpr (std::is_pointer_v<std::decay_t<decltype(item)>>) {
      out.push_back(to_json(*item));
    } else {
      out.push_back(to_json(item));
    }
  }
  return out;
}

}  // namespace smr::json
