#pragma once
// Exercises written as catalog [[exercise]] entries but given as JSON: a trainer's own exercises (issue 19,
// docs/accounts.md, "The trainer's own exercises"), checked by the very code that checks a catalog file
// (loader.cc): the same fields, rules and messages.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tl/expected.hpp>

#include "catalog/catalog_error.h"
#include "core/catalog.h"

namespace smr::catalog {

// Checks `entries` (JSON objects with the fields of a catalog [[exercise]] entry) against `catalog`. Their ids
// must be new to `catalog` (a clash names `catalog_name`), to `taken` (a trainer's other exercises, named
// `taken_name`) and to each other. Entry i is named `source[i]` as its file (errors have no line); a JSON null
// counts as an absent field.
tl::expected<std::vector<core::Exercise>, std::vector<CatalogError>> read_exercises_json(
    const boost::json::array& entries, const core::Catalog& catalog, std::string_view source,
    std::string_view catalog_name = "the catalog", std::span<const std::string> taken = {},
    std::string_view taken_name = "");

// An entry as the text of one catalog [[exercise]] entry, and back: how a trainer's exercise is kept
// (core::CustomExercise::toml). A JSON null is left out. The way back fails with a sentence when the text is
// not one [[exercise]] entry.
std::string exercise_toml(const boost::json::object& entry);
tl::expected<boost::json::object, std::string> exercise_entry(std::string_view toml_text);

}  // namespace smr::catalog
