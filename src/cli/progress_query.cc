#include "cli/progress_query.h"

#include "cli/local_time_zone.h"
#include "cli/record_input.h"
#include "cli/service_error.h"

namespace smr::cli {

service::ProgressRequest progress_request(const ProgressFlags& flags) {
  service::ProgressRequest r;
  r.region = flags.region;
  r.since = flags.since;
  r.as_of = flags.as_of;
  return r;
}

service::ZoneAround local_zone() { return local_time_zone; }

service::ProgressQuery progress_query(CliContext& ctx, const ProgressFlags& flags) {
  auto q = service::progress_query(ctx.catalog(), progress_request(flags), wall_now_ms(), local_zone());
  if (!q) throw_service_error(q.error());
  return std::move(*q);
}

service::ProgressView progress_view(CliContext& ctx, const ProgressFlags& flags) {
  auto v = service::progress_view(ctx.journal_for_reading(), ctx.catalog(), progress_request(flags), wall_now_ms(),
                                  local_zone());
  if (!v) throw_service_error(v.error());
  return std::move(*v);
}

}  // namespace smr::cli
