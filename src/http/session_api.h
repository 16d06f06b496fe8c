#pragma once
// The live-session routes: guided sessions played by the server for a web player. The rules have one source:
// each session is a service::LiveSession (core::SessionEngine + the journal), the same code as the terminal
// player (`smr roll`); the player posts inputs and gets the new view, the cues and the timeline, which lets it
// count down on its own between inputs. docs/session.md ("The HTTP mapping") maps the state machine to the
// routes; docs/architecture.md says why the server, not the browser, runs the engine.
//
//   POST /api/sessions                 {routine, settings?}           -> 201 {uid, view, cues, next_cue, timeline}
//   POST /api/sessions/{uid}/inputs    {kind, ...}                    -> 200 the same shape, or 4xx
//   GET  /api/sessions/{uid}/live[?since=N]                           -> 200 the same shape, cues from index N
//
// The session clock. Every session's engine time starts at 0 when it is created and runs at `time_scale`
// times the server's steady clock (1 in production; `smr serve --test-time-scale` for browser tests), so every
// *_ms in the answers is an offset from the session start on that clock.
//
// Thread safety. Handlers run on every worker thread at once. The registry (uid -> Entry) is guarded by
// registry_mutex_; each Entry by its own mutex, held for the whole of a call on its session (so a session's
// calls are serialised and its engine sees a time that never goes back). A LiveSession writes to the one Store
// it started on (a WorkerStores slot), leased for each call. Lock order: an Entry's mutex, then the Store's
// lease; registry_mutex_ is never held while taking either.
//
// Several instances (docs/architecture.md, "State and instances"). The journal is the truth; an instance's Entry
// is a copy. Before every input and poll the instance compares its copy's stored event count with the journal's
// (Store::session_progress, one indexed query); when the copy is missing or behind, it is rebuilt from the stored
// events (service::LiveSession::rebuild, the restart recovery's replay) and then the call is applied, so any
// instance answers any request, cues included (index for index). Two instances writing the same session at once
// cannot fork it: the event index is a unique key, the loser's write is kConflict, and the loser rebuilds and
// applies the call once more (a second conflict is answered 409).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/session_engine.h"
#include "http/api_error.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"
#include "service/session_service.h"

namespace smr::http {

struct SessionApiOptions {
  // Session time per real time. Only for tests (`smr serve --test-time-scale`): a web test plays a 10-minute
  // session in 30 s. Must be > 0.
  double time_scale = 1;
  // A session without an input for this long (real time) is stopped, recorded and forgotten; an ended one is
  // forgotten after the same time.
  std::chrono::milliseconds idle{std::chrono::hours(2)};
  // Live sessions held at once; beyond, POST /api/sessions answers 503.
  std::size_t max_sessions = 64;
  // The server's steady clock in ms; tests may replace it. Empty: std::chrono::steady_clock.
  std::function<std::int64_t()> steady_ms;
  // The Unix time in ms, to stamp records. Empty: std::chrono::system_clock.
  std::function<std::int64_t()> unix_ms;
  // Other server instances share the journal (PostgreSQL): at shutdown, live sessions are left active for them
  // (their unsaved records written) instead of being stopped. docs/architecture.md, "State and instances".
  bool shared_journal = false;
};

class SessionApi {
 public:
  // `catalog` and `stores` must outlive this.
  SessionApi(const core::Catalog& catalog, WorkerStores& stores, SessionApiOptions options = {});
  ~SessionApi();
  SessionApi(const SessionApi&) = delete;
  SessionApi& operator=(const SessionApi&) = delete;

  // POST /api/sessions. Body {"routine": a plan as /api/plan or `smr plan --json` gives it, "settings"?:
  // {"breaths_per_min", "get_ready_s", "check_in_s"}}. The session is in the journal (status active) before
  // the answer. 400 naming the field for a bad body; 503 when max_sessions are live.
  Response create(const Request& request);
  // POST /api/sessions/{uid}/inputs. Body a SessionInput (json/session_json.h). 200 with the new state; the
  // engine's refusals are 409 "conflict" (field "kind") or, for an answer the catalog refuses, 422 "invalid",
  // with the view and the cues that fell due meanwhile beside the error.
  Response input(const Request& request, const PathParams& params);
  // GET /api/sessions/{uid}/live[?since=N]: catches up with now; the cues from index N (default: none).
  Response live(const Request& request, const PathParams& params);

  // Stops every live session (as the terminal player does when interrupted: a "stop" input now), records it,
  // and forgets all. For the server's shutdown hook; returns how many were stopped.
  std::size_t stop_all();
  // Stops and forgets the sessions idle for longer than options.idle. Called at every create(); returns how
  // many were forgotten.
  std::size_t evict_idle();
  // At startup: takes over every person's interrupted sessions (their player died: a killed server;
  // service/session_recovery.h), rebuilt from the journal and paused where they were, so that a player can
  // reconnect (GET /api/sessions/{uid}/live) and resume. Returns how many; a session that cannot be taken over is
  // recorded as stopped where it ended.
  std::size_t take_over_interrupted();

  std::size_t size() const;

 private:
  struct Entry;

  std::int64_t steady_now() const;
  core::MonoMillis session_now(const Entry& e) const;  // e.mutex held
  std::shared_ptr<Entry> find(const std::string& uid) const;
  // The session's entry, current with the journal: this instance's copy when the journal holds no more events than
  // it, else a copy rebuilt from the journal (`force`: rebuilt whatever the counts say). 404 for a session that is
  // not in the journal, or ended there while this instance holds no copy (with options_.shared_journal: ended more
  // than options_.idle ago).
  tl::expected<std::shared_ptr<Entry>, ApiError> current(const std::string& uid, bool force);
  // Rebuilds the session from the journal into a new Entry registered under its uid.
  tl::expected<std::shared_ptr<Entry>, ApiError> rebuild(const std::string& uid);
  // The answer's body: {uid, view, cues (from index `since`), next_cue, timeline, time_scale}. e.mutex held.
  std::string state_json(const Entry& e, core::MonoMillis now, std::size_t since) const;
  // Stops a live session now and records it; e.mutex held.
  void stop_locked(Entry& e);

  const core::Catalog* catalog_;
  WorkerStores* stores_;
  SessionApiOptions options_;

  mutable std::mutex registry_mutex_;
  std::map<std::string, std::shared_ptr<Entry>, std::less<>> sessions_;  // guarded by registry_mutex_
  std::size_t next_slot_ = 0;                                            // guarded by registry_mutex_
};

}  // namespace smr::http
