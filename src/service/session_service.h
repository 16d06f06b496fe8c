#pragma once
// A guided session being played: the session engine (core/session_engine.h) wired to the store, shared by the
// terminal player (`smr roll`) and the HTTP API. Every record the engine emits is queued and written to the
// store in order before the call that emitted it returns (a check-in is durable the moment it is answered),
// unless the journal is busy (another writer, e.g. an import, held it past the store's wait): then the records
// stay queued, in order, the call says so (SessionStep::unsaved), and later calls write them first, retrying
// with backoff. A queued record is never dropped; a face reports unsaved records instead of acknowledging them
// (docs/session.md, "A busy journal").
//
// Not thread-safe: one LiveSession per session, called from one thread (or under the caller's lock). The
// store and the catalog must outlive it.

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
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
  // Records emitted so far that are not in the journal yet, because it was busy; 0 when everything emitted is
  // durable. They are kept in order and written before anything newer.
  std::size_t unsaved = 0;
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

struct RebuiltSession;

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

  // Rebuilds a session that another server instance plays (or played: an ended one too) from its stored events,
  // exactly as take_over() does but with no `interrupted` event: the copy goes on as the original would, and the
  // next record it writes has the next event index (another instance writing the same index first makes that
  // write kConflict; rebuild again). kNotFound for an unknown uid; kInvalid when the events cannot be replayed.
  // Defined in session_recovery.cc; docs/architecture.md, "State and instances".
  static store::Result<RebuiltSession> rebuild(store::Store& store, const core::Catalog& catalog,
                                               const std::string& uid);

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

  // Records emitted but not in the journal yet (the journal was busy); see SessionStep::unsaved.
  std::size_t unsaved() const { return pending_.size(); }
  // Events of this session in the journal as far as this copy knows (written by it or replayed): when the journal
  // holds more, another instance has moved the session on and this copy is stale.
  std::size_t stored_events() const { return events_.size(); }
  // Writes the unsaved records now, in order, retrying a busy journal with backoff (100 ms doubling to 2 s) for
  // up to `max_wait` of real time. kBusy when some are still unsaved after that: they stay queued, and the
  // caller reports them (and may call again). Other store errors are returned at once, the record kept.
  store::Status save_pending(std::chrono::milliseconds max_wait);

  // The cues of the start (get-ready), once; start() has stored its records already (or queued them).
  SessionStep take_start_cues() { return std::exchange(start_cues_, {}); }

  const core::SessionEngine& engine() const { return engine_; }
  const std::string& uid() const { return uid_; }
  // Whose session it is.
  core::PersonId person() const { return person_; }
  // The Unix time of the session's start (engine time 0).
  core::UnixMillis started_unix_ms() const { return started_unix_ms_; }
  bool ended() const { return engine_.ended(); }

  // What has been played so far (the whole session once ended()).
  PlayedSummary summary() const;

 private:
  LiveSession(store::Store& store, const core::Catalog& catalog, core::Routine routine, core::SessionSettings settings,
              std::string uid);
  // take_over() and rebuild() without their endings: the engine replayed from the journal; `cues` gets every cue
  // the replay emitted, `last_ms` the engine time of the last stored record. require_active: refuse an ended
  // session and one the person may not roll now.
  static store::Result<std::unique_ptr<LiveSession>> replayed(store::Store& store, const core::Catalog& catalog,
                                                              const std::string& uid, bool require_active,
                                                              std::vector<core::Cue>& cues, core::MonoMillis& last_ms);

  // The session's end, queued after its last record.
  struct SessionEnd {
    core::UnixMillis ended_ms = 0;
    core::SessionStatus status = core::SessionStatus::kFinished;
  };
  // A write not done yet (the journal was busy). `stored`: the record itself is in, only its follow-up
  // (remembering a red-flag stop's warning sign) is left.
  struct PendingWrite {
    std::variant<core::SessionInfo, core::EngineRecord, SessionEnd> what;
    bool stored = false;
  };

  // Queues every record of the engine's pending update, then the session's end when the engine ended, and
  // writes the queue (flush) at engine time `now`.
  store::Result<SessionStep> drain(core::MonoMillis now, std::optional<core::Refusal> refused, const CueSink& sink);
  // Writes the queue from the front until it is empty or the journal is busy (then the rest waits for a later
  // call at or after retry_at_). With `now` nullopt the backoff is ignored.
  store::Status flush(std::optional<core::MonoMillis> now);
  store::Status write_pending(PendingWrite& w);
  // Writes one record (filling its uids when empty) and keeps a copy for summary() once it is stored. `stored`
  // is set when the record is in, so a retry after a busy follow-up does not write it twice.
  store::Status write_record(core::EngineRecord& record, bool& stored);

  // A red-flag stop: the warning sign is recorded as active for the person (safety_service.h).
  store::Status remember_warning(const core::Adaptation& a);

  store::Store* store_;
  const core::Catalog* catalog_;
  core::PersonId person_ = core::kLocalPersonId;
  core::SessionEngine engine_;
  std::string uid_;
  core::UnixMillis started_unix_ms_ = 0;
  bool end_queued_ = false;
  SessionStep start_cues_;

  std::deque<PendingWrite> pending_;  // in the order they were emitted; the front is written first
  core::MonoMillis retry_at_ = 0;     // engine time before which a busy journal is not tried again
  core::MonoMillis backoff_ms_ = 0;   // the current wait between tries, 0 after a write went through

  // Copies of what was stored, for summary().
  std::vector<core::SessionEvent> events_;
  std::vector<core::CheckIn> check_ins_;
  std::vector<core::Adaptation> adaptations_;
  std::vector<core::SessionNote> notes_;
};

// LiveSession::rebuild's answer: the copy, every cue of the session so far (the same list, index for index, as the
// instance that played it gave its player), and the engine time of the last stored record.
struct RebuiltSession {
  std::unique_ptr<LiveSession> live;
  std::vector<core::Cue> cues;
  core::MonoMillis last_ms = 0;
};

}  // namespace smr::service
