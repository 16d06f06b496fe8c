#include "cli/interrupted_sessions.h"

#include <chrono>

#include "cli/cli_context.h"
#include "cli/local_time_zone.h"
#include "cli/text.h"
#include "service/journal_service.h"

namespace smr::cli {

std::string interrupted_text(const service::InterruptedSession& s) {
  const std::string title = s.info.title.empty() ? std::string("Session") : s.info.title;
  // Local time, as everywhere (docs/cli.md, "Times").
  const std::string at = local_clock_text(s.last_ms);
  return "\"" + title + "\" (started " + local_clock_text(s.info.started_ms) + ", " +
         duration(static_cast<int>(s.played_ms / 1000)) + " played, interrupted at " + at.substr(at.size() - 5) + ", " +
         local_time_zone_name(s.last_ms) + ")";
}

void close_interrupted_sessions(CliContext& ctx, store::Store& journal) {
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  if (journal.read_only()) return;  // a journal on read-only media is shown as it is (smr log marks them)
  auto closed = service::close_all_interrupted(journal, ctx.catalog(), core::kLocalPersonId, now);
  if (!closed) {
    ctx.err() << "smr: could not look for interrupted sessions: " << closed.error().message << '\n';
    return;
  }
  for (const auto& s : *closed) {
    ctx.err() << "smr: an interrupted session was recorded as stopped where it ended: " << interrupted_text(s)
              << ". (Right after an interruption, smr roll --resume continues a session instead.)\n";
  }
}

}  // namespace smr::cli
