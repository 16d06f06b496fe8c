#pragma once
// Interrupted sessions at the command line (service/session_recovery.h): `smr roll`, `smr log` and
// `smr progress` close them (recorded as stopped at their last stored record) and say so; `smr roll --resume`
// continues the latest one instead.

#include <string>

#include "service/session_recovery.h"

namespace smr::cli {

class CliContext;

// "\"Desk relief, 10 min\" (started 2026-12-07 08:50 UTC, 3:20 played, interrupted at 08:53 UTC)".
std::string interrupted_text(const service::InterruptedSession& s);

// Closes the local person's interrupted sessions in `journal`; one line on stderr for each. A store failure
// is reported the same way and otherwise ignored (the command goes on). A read-only journal is left as it is.
void close_interrupted_sessions(CliContext& ctx, store::Store& journal);

}  // namespace smr::cli
