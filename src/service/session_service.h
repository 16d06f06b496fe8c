#pragma once
// A guided session being played: the session engine (core/session_engine.h) wired to the store, shared by the
// terminal player (`smr roll`) and the HTTP API. Every record the engine emits is written to the store before
// the call that emitted it returns (a check-in is durable the moment it is answered); the face only shows the
// cues.
//
// Not thread-safe: one LiveSession per session, called from one thread (or under the caller's lock). The
// store and the catalog must outlive it.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/routine.h"
#include "core/session_digest.h"
#include "core/session_engine.h"
#include "store/store.h"

namespace smr::service {

struct SessionStart {
  core::PersonId person = core::kLocalPersonId;
  std::string title;         // e.g. "Desk relief, 10 min"
  std::string routine_json;  // the routine as `smr plan --json` prints it, kept with the session
  core::SessionSettings settings;
};

// What one call did: the cues to play (in order) and, for an input, the engine's refusal if it refused.
struct SessionStep {
  std::vector<core::Cue> cues;
  std::optional<core::Refusal> refused;
};

// Active time per region and side (core/session_digest.h).
using core::region_times;
using core::RegionTime;

// The summary a finished session shows: time per region and side, check-ins and adaptations.
struct PlayedSummary {
  std::string session_uid;
  core::SessionStatus status = core::SessionStatus::kActive;
  std::int64_t elapsed_ms = 0;  // pauses excluded
  std::int64_t paused_ms = 0;
  std::vector<RegionTime> regions;  // in order of first play
  std::vector<core::CheckIn> check_ins;
  std::vector<core::Adaptation> adaptations;
  std::vector<core::SessionNote> notes;
};

// The warning sign (catalog red-flag id) a red-flag stop was for, from its detail; nullopt for any other
// adaptation (and a stop without one: the person pressed stop).
std::optional<std::string> red_flag_of(const core::Adaptation& a);

// Called with the cues of a call before its records are written, so a face can play them without waiting for
// the store's fsync (a crash in between loses at most that moment's records, never an earlier one).
using CueSink = std::function<void(const std::vector<core::Cue>&)>;

class LiveSession {
 public:
  // Writes the session (status active) to the store and starts the engine at `now` (its get-ready
  // countdown). Fails, writing nothing, when the store refuses.
  static store::Result<std::unique_ptr<LiveSession>> start(store::Store& store, const core::Catalog& catalog,
                                                           core::Routine routine, SessionStart how,
                                                           core::MonoMillis now, core::UnixMillis wall_now_ms);

  // Takes over an interrupted session (service/session_recovery.h): rebuilds the engine by replaying the stored
  // events, writes what the dead player had not written yet, and pauses the session at its last record with an
  // `interrupted` event naming `player`. The engine's time is then (last record - start) ms; resume() continues
  // it (the downtime counts as paused). kConflict when another process took it first; kInvalid when the stored
  // events cannot be replayed. Defined in session_recovery.cc.
  static store::Result<std::unique_ptr<LiveSession>> take_over(store::Store& store, const core::Catalog& catalog,
                                                               const std::string& uid, std::string player);

  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  // Catches up with `now`; stores what fell due. A store failure is returned as the error (the engine has
  // moved on; the caller should stop the session and say that the journal could not be written).
  // `sink`, when given, gets the cues before the records are written (they are in the result too).
  store::Result<SessionStep> tick(core::MonoMillis now, const CueSink& sink = {});
  // Applies an input (pause, check-in, ...). A refused input is not an error: see SessionStep::refused.
  store::Result<SessionStep> apply(core::MonoMillis now, const core::SessionInput& input, const CueSink& sink = {});

  // Stops the session now with `reason` (user, terminated, interrupted: the session-stopped event's). Defined in
  // session_recovery.cc.
  store::Result<SessionStep> stop(core::MonoMillis now, std::string_view reason);

  // The cues of the start (get-ready), once; start() has stored its records already.
  SessionStep take_start_cues() { return std::exchange(start_cues_, {}); }

  const core::SessionEngine& engine() const { return engine_; }
  const std::string& uid() const { return uid_; }
  // The Unix time of the session's start (engine time 0).
  core::UnixMillis started_unix_ms() const { return started_unix_ms_; }
  bool ended() const { return engine_.ended(); }

  // What has been played so far (the whole session once ended()).
  PlayedSummary summary() const;

 private:
  LiveSession(store::Store& store, const core::Catalog& catalog, core::Routine routine, core::SessionSettings settings,
              std::string uid);

  // Writes every record of the engine's pending update, then the session's end when the engine ended.
  store::Result<SessionStep> drain(std::optional<core::Refusal> refused, const CueSink& sink);
  // Writes one record (filling its uids) and keeps a copy for summary(). Defined in session_recovery.cc.
  store::Status write_record(core::EngineRecord& record);

  // A red-flag stop: the warning sign is recorded as active for the person (safety_service.h).
  store::Status remember_warning(const core::Adaptation& a);

  store::Store* store_;
  const core::Catalog* catalog_;
  core::PersonId person_ = core::kLocalPersonId;
  core::SessionEngine engine_;
  std::string uid_;
  core::UnixMillis started_unix_ms_ = 0;
  bool end_written_ = false;
  SessionStep start_cues_;

  // Copies of what was stored, for summary().
  std::vector<core::SessionEvent> events_;
  std::vector<core::CheckIn> check_ins_;
  std::vector<core::Adaptation> adaptations_;
  std::vector<core::SessionNote> notes_;
};

}  // namespace smr::service
