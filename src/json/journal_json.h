#pragma once
// JSON form of the journal: the export file (`smr export`), the import file (`smr import`) and the profile
// column of the stores. Format: docs/storage.md ("Export format").
//
// Serialisation is canonical: the same Journal always gives the same bytes (keys in a fixed order, lists in
// the Journal's order), so export -> import -> export is byte-identical.

#include <string>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "core/journal.h"
#include "core/problem.h"

namespace smr::json {

inline constexpr const char* kJournalFormat = "smr-coach-journal";
inline constexpr int kJournalFormatVersion = 1;

boost::json::value to_json(const core::Profile& p);
boost::json::value to_json(const core::Journal& j);
boost::json::value to_json(const core::SessionRecord& s);

// Parse errors name the place and what was expected, e.g.
// `sessions[2].check_ins[0].intensity: expected a whole number from 0 to 10, got 12`.
tl::expected<core::Profile, core::Problem> profile_from_json(const boost::json::value& v);
tl::expected<core::Journal, core::Problem> journal_from_json(const boost::json::value& v);

// Text forms: compact JSON for storage columns; the export file is pretty-printed (json/pretty.h).
std::string profile_to_text(const core::Profile& p);
tl::expected<core::Profile, core::Problem> profile_from_text(const std::string& text);

}  // namespace smr::json
