#pragma once
// Reading what a person records from the command line (`smr test`, `smr soreness`, `smr workout`): sides,
// sessions, regions and local times. Every parser throws CliError(kExitUsage) with a message that names the
// flag, the bad value and the valid ones, before anything is written.

#include <optional>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/journal.h"
#include "store/store.h"

namespace smr::cli {

// --side: "left" or "right".
core::Side parse_side_flag(const std::string& text);

// " (left side)", " (right side)" or "" for the centre.
std::string side_suffix(core::Side side);

// The uid of the session --session names: a full uid, a unique prefix, or "last". An unknown or ambiguous one
// is refused (exit 2) and nothing is written.
std::string resolve_session_flag(store::Store& store, const std::string& text);

// The catalog region `id` (REGION argument), refusing an unknown id with "did you mean" and where the list is.
const core::Region& region_arg(const core::Catalog& catalog, const std::string& id);

// The side a record of `region` takes: --side for a paired region (required: "" is refused), centre for a
// midline one (a --side is refused).
core::Side side_for_region(const core::Region& region, const std::string& side_flag);

// A whole number from 0 to 10 (a soreness rating).
int parse_rating(const std::string& text);

// The current time (wall clock).
core::UnixMillis wall_now_ms();

// "2026-03-01 18:30" as a local time (this computer's time zone) -> Unix ms. Nullopt when it is not a valid
// date and time, or the time does not exist locally (skipped by a daylight-saving change).
std::optional<core::UnixMillis> parse_local_minute(std::string_view text);

// Unix ms -> "2026-03-01 18:30" in local time.
std::string format_local_minute(core::UnixMillis ms);

}  // namespace smr::cli
