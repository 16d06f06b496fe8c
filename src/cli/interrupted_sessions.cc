#include "cli/interrupted_sessions.h"

#include <chrono>

#include "cli/cli_context.h"
#include "cli/text.h"
#include "service/journal_service.h"

namespace smr::cli {

std::string interrupted_text(const service::InterruptedSession& s) {
  const std::string title = s.info.title.empty() ? std::string("Session") : s.info.title;
  const std::string at = service::format_utc(s.last_ms);
  return "\"" + title + "\" (started " + service::format_utc(s.info.started_ms) + " UTC, " +
         duration(static_cast<int>(s.played_ms / 1000)) + " played, interrupted at " + at.substr(at.size() - 5) +
         " UTC)";
}

void close_interrupted_sessions(CliContext& ctx) {
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  auto closed = service::close_all_interrupted(ctx.store(), ctx.catalog(), core::kLocalPersonId, now);
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
