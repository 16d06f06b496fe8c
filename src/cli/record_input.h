#pragma once
// Reading what a person records from the command line (`smr test`, `smr soreness`, `smr workout`): numbers
// and local times as typed; the rules they must then meet are the service's (service/self_test_service.h).
// Every parser throws CliError(kExitUsage) with a message that names the flag, the bad value and the valid ones,
// before anything is written.

#include <optional>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/journal.h"
#include "store/store.h"

namespace smr::cli {

// " (left side)", " (right side)" or "" for the centre.
std::string side_suffix(core::Side side);

// RATING as a whole number (one or two digits); the service says which ratings are valid (0 to 10).
int parse_rating(const std::string& text);

// The current time (wall clock).
core::UnixMillis wall_now_ms();

// "2026-03-01 18:30" as a local time (this computer's time zone) -> Unix ms. Nullopt when it is not a valid
// date and time, or the time does not exist locally (skipped by a daylight-saving change).
std::optional<core::UnixMillis> parse_local_minute(std::string_view text);

// Unix ms -> "2026-03-01 18:30" in local time.
std::string format_local_minute(core::UnixMillis ms);

}  // namespace smr::cli
