#pragma once
// JSON form of the Learn section (core/learn.h): what `smr learn --json` prints and GET /api/learn serves.
// Documented in docs/openapi.yaml (LearnIndex, LearnPage).

#include <boost/json/value.hpp>

#include "core/catalog.h"
#include "core/learn.h"

namespace smr::json {

// {"kind", "id", "title", "summary"}
boost::json::value to_json(const core::LearnLink& link);
// {"heading", "text", "points", "evidence"}
boost::json::value to_json(const core::LearnSection& section);

// {"topics": [link...], "techniques": [link...], "regions": [link...]}: every Learn page, by kind.
boost::json::value learn_index_json(const core::Catalog& catalog);

// One page: {"kind", "id", "title", "summary", "sections", "evidence", "references" (every source the page and
// its sections cite, with its citation, in first-cited order), "learn_more", "see_also", "exercises"
// ([{"id", "name"}])}.
boost::json::value learn_page_json(const core::Catalog& catalog, const core::LearnPage& page);

}  // namespace smr::json
