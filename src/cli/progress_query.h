#pragma once
// The flags `smr progress` and `smr report` share (--region, --since, --as-of) as the service's progress request
// (service/progress_service.h reads them, with the same rules as GET /api/progress), in this computer's zone.

#include <string>

#include "cli/cli_context.h"
#include "service/progress_service.h"

namespace smr::cli {

struct ProgressFlags {
  std::string region;  // catalog region id; empty: all
  std::string since;   // YYYY-MM-DD, local
  std::string as_of;   // YYYY-MM-DD (end of that day) or "YYYY-MM-DD HH:MM", local; empty: now
};

// The flags as the service's request, for the local person.
service::ProgressRequest progress_request(const ProgressFlags& flags);

// The process's local zone (cli/local_time_zone.h) as the service asks for it.
service::ZoneAround local_zone();

// The query the flags ask for, now. Throws CliError (exit 2) naming the flag when the service refuses them.
service::ProgressQuery progress_query(CliContext& ctx, const ProgressFlags& flags);

// service::progress_view() for the flags, now. Throws CliError naming the flag (exit 2) or the store's failure.
service::ProgressView progress_view(CliContext& ctx, const ProgressFlags& flags);

}  // namespace smr::cli
