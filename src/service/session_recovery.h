#pragma once
// Interrupted sessions (issue 16): a session whose player died (SIGKILL, a crash, a power cut) stays `active` in
// the journal. The next player finds it here and either takes it over (LiveSession::take_over: the engine is
// rebuilt by replaying the stored events, and the session continues from where it was) or closes it as stopped,
// reason "interrupted", at the time of its last stored record. docs/session.md, "Interrupted sessions".
//
// Who plays a session is recorded in its events (SessionSettings::player: host, process id and the process's
// start time): a session is interrupted when that process is gone. A player on another host cannot be probed:
// its session counts as interrupted once it has recorded nothing for kSilentForMs.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/journal.h"
#include "store/store.h"

namespace smr::service {

// This process, as SessionSettings::player records it: "host NAME pid N start TICKS".
std::string this_player();

enum class PlayerState { kAlive, kGone, kUnknown };
// kGone: on this host and no such process (or another one under its pid); kUnknown: another host, or not
// readable. An empty or unreadable `player` (a session recorded before issue 16) is kGone.
PlayerState player_state(std::string_view player);

// Sessions look for interrupted ones among those started this long before now.
inline constexpr std::int64_t kRecoveryWindowMs = 7LL * 24 * 3600 * 1000;
// A player that cannot be probed is taken for gone after this long without a record (the server's idle time).
inline constexpr std::int64_t kSilentForMs = 2LL * 3600 * 1000;

struct InterruptedSession {
  core::SessionInfo info;
  core::UnixMillis last_ms = 0;  // its last stored record: when it was interrupted
  std::int64_t played_ms = 0;    // session time played until then, pauses excluded
  std::string player;            // who played it last
};

// The person's active sessions, started within kRecoveryWindowMs before `now_ms`, whose player is gone (this
// process's own are never among them). Newest first.
store::Result<std::vector<InterruptedSession>> find_interrupted(store::Store& store, core::PersonId person,
                                                                core::UnixMillis now_ms);

// Closes an interrupted session as stopped (reason "interrupted") at its last record's time: the stored events
// are replayed, what the dead player had not written yet is written, then `session-stopped`. Fails with
// kConflict when another process took the session first.
store::Status close_interrupted(store::Store& store, const core::Catalog& catalog, const std::string& uid);

// find_interrupted() + close_interrupted() for each; returns those it closed.
store::Result<std::vector<InterruptedSession>> close_all_interrupted(store::Store& store, const core::Catalog& catalog,
                                                                     core::PersonId person, core::UnixMillis now_ms);

// The interrupted session's played time, pauses excluded, from its events (for messages and `smr log`).
std::int64_t played_ms(const core::SessionRecord& record);

}  // namespace smr::service
