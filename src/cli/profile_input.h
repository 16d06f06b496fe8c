#pragma once
// Reading a profile for `smr screen` and `smr plan`: from a JSON file (or stdin), from flags, from the store,
// or by asking the questions in plain words on a terminal.

#include <iosfwd>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/journal.h"

namespace smr::cli {

class CliContext;

// The profile in a JSON file ("-": standard input). Throws CliError (exit 1) naming the file and the place.
core::Profile read_profile_file(const std::string& path);

// Throws CliError(exit_code) listing every unknown id with the valid ones, each line prefixed with `from`
// ("profile.json: ") when it is not empty.
void check_profile(const core::Catalog& catalog, const core::Profile& profile, const std::string& from, int exit_code);

// "calves", "calves:left" -> region and side. Throws CliError (exit 2) naming `flag`.
std::pair<std::string, core::Side> parse_region_side(const std::string& text, const std::string& flag);

// Splits "a,b" and repeated flags into one list.
std::vector<std::string> split_ids(const std::vector<std::string>& values);

// Asks the screening questions on `in`/`out` (yes/no, numbered lists). Returns the answers as a profile.
core::Profile ask_profile(const core::Catalog& catalog, std::istream& in, std::ostream& out);

}  // namespace smr::cli
