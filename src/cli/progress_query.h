#pragma once
// The flags `smr progress` and `smr report` share (--region, --since, --as-of) and what they mean: the
// progress query in the person's local time zone.

#include <string>

#include "cli/cli_context.h"
#include "core/progress.h"
#include "service/progress_service.h"

namespace smr::cli {

struct ProgressFlags {
  std::string region;  // catalog region id; empty: all
  std::string since;   // YYYY-MM-DD, local
  std::string as_of;   // YYYY-MM-DD (end of that day) or "YYYY-MM-DD HH:MM", local; empty: now
};

// The query the flags ask for, with the local zone over the last 20 years. Throws CliError (kExitUsage)
// naming the flag and the expected form when a date or time cannot be read.
service::ProgressQuery progress_query(const ProgressFlags& flags);

// Throws CliError (kExitUsage) when `region` is set and not a catalog region ("did you mean" included).
void check_region(CliContext& ctx, const std::string& region);

using service::keep_region;

}  // namespace smr::cli
