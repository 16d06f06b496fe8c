#include "http/session_api.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/planner.h"
#include "http/actor.h"
#include "http/api_error.h"
#include "json/plan_json.h"
#include "json/pretty.h"
#include "json/routine_read.h"
#include "json/session_json.h"
#include "service/routine_service.h"
#include "service/safety_service.h"
#include "service/session_recovery.h"
#include "service/trainer_service.h"

namespace smr::http {

namespace bj = boost::json;

struct SessionApi::Entry {
  std::mutex mutex;
  std::unique_ptr<service::LiveSession> live;         // guarded by mutex; null once forgotten
  std::size_t slot = 0;                               // the WorkerStores slot the session writes to
  core::PersonId person = core::kLocalPersonId;       // whose session: only they see it (another's is 404)
  std::int64_t origin_steady_ms = 0;                  // the server's steady clock when the session started
  core::MonoMillis last_now = 0;                      // guarded by mutex: the latest time given to the engine
  std::vector<core::Cue> cues;                        // guarded by mutex: every cue so far; `since` indexes it
  std::atomic<std::int64_t> last_input_steady_ms{0};  // the creation or the latest input
  mutable std::atomic<bool> ended{false};             // the session ended (kept for its player, not counted live)
};

namespace {

std::int64_t default_steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t default_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The body as a JSON object, or the 400 that says why not.
tl::expected<bj::object, ApiError> body_object(const Request& request) {
  boost::system::error_code ec;
  bj::value v = bj::parse(request.body(), ec);
  if (ec) return tl::unexpected(malformed("the body is not JSON (" + ec.message() + "); expected a JSON object"));
  if (!v.is_object()) return tl::unexpected(malformed("the body is not a JSON object; expected {\"kind\": ...}"));
  return std::move(v.as_object());
}

ApiError field_error(const json::FieldError& e) {
  if (e.field.empty()) return malformed(e.message);
  return invalid(e.field, e.field + ": " + e.message);
}

// routine_from_json's problem at "steps[2].phases[0].seconds" as an error on routine.steps[2]...
ApiError routine_error(const core::Problem& problem) {
  const std::string field = problem.field.empty() ? "routine" : "routine." + problem.field;
  return invalid(field, field + ": " + problem.text);
}

ApiError not_live(std::string_view uid) {
  return not_found("no live session \"" + std::string(uid) +
                       "\": it never existed, or it ended and was forgotten (the journal keeps it)",
                   "uid");
}

Response with_status(Status status, std::string body) { return json_response(status, std::move(body)); }

}  // namespace

SessionApi::SessionApi(const core::Catalog& catalog, WorkerStores& stores, SessionApiOptions options)
    : catalog_(&catalog), stores_(&stores), options_(std::move(options)) {
  if (!options_.steady_ms) options_.steady_ms = default_steady_ms;
  if (!options_.unix_ms) options_.unix_ms = default_unix_ms;
  if (!(options_.time_scale > 0)) options_.time_scale = 1;
}

SessionApi::~SessionApi() = default;

std::int64_t SessionApi::steady_now() const { return options_.steady_ms(); }

core::MonoMillis SessionApi::session_now(const Entry& e) const {
  const double real_ms = static_cast<double>(steady_now() - e.origin_steady_ms);
  const auto t = static_cast<core::MonoMillis>(std::floor(real_ms * options_.time_scale));
  return std::max(e.last_now, t);
}

std::size_t SessionApi::size() const {
  const std::lock_guard lock(registry_mutex_);
  return sessions_.size();
}

std::shared_ptr<SessionApi::Entry> SessionApi::find(const std::string& uid) const {
  const std::lock_guard lock(registry_mutex_);
  const auto it = sessions_.find(uid);
  return it == sessions_.end() ? nullptr : it->second;
}

tl::expected<std::shared_ptr<SessionApi::Entry>, ApiError> SessionApi::rebuild(const std::string& uid) {
  std::size_t slot = 0;
  {
    const std::lock_guard lock(registry_mutex_);
    slot = next_slot_++ % stores_->slots();
  }
  auto entry = std::make_shared<Entry>();
  entry->slot = slot;
  service::RebuiltSession rebuilt;
  {
    auto store = stores_->lease(slot);
    auto r = service::LiveSession::rebuild(*store, *catalog_, uid);
    if (!r) {
      if (r.error().code == store::Error::Code::kNotFound) return tl::unexpected(not_live(uid));
      return tl::unexpected(from_store_error(r.error()));
    }
    rebuilt = std::move(*r);
  }
  // The session clock of every instance is the time since the session's start (Unix time; the instances' clocks
  // agree), so each instance gives the engine the same time for the same moment.
  const std::int64_t since_start_ms = options_.unix_ms() - rebuilt.live->started_unix_ms();
  entry->origin_steady_ms = steady_now() - std::max<std::int64_t>(0, since_start_ms);
  entry->last_now = rebuilt.last_ms;
  entry->last_input_steady_ms = steady_now();
  entry->cues = std::move(rebuilt.cues);
  entry->person = rebuilt.live->person();
  entry->live = std::move(rebuilt.live);
  entry->ended = entry->live->ended();
  const std::lock_guard lock(registry_mutex_);
  sessions_[uid] = entry;
  return entry;
}

tl::expected<std::shared_ptr<SessionApi::Entry>, ApiError> SessionApi::current(const std::string& uid, bool force) {
  auto entry = find(uid);
  // Alone on its journal, this instance's copy is the session: nobody else writes its events, so a poll needs
  // no journal query (issue 19's benchmark: "the single-person paths no slower than before").
  if (entry && !force && !options_.shared_journal) {
    const std::lock_guard entry_lock(entry->mutex);
    if (entry->live) return entry;
  }
  store::Result<store::Store::SessionProgress> progress;
  {
    auto store = stores_->lease(entry ? entry->slot : 0);
    progress = store->session_progress(uid);
  }
  if (!progress) {
    if (progress.error().code == store::Error::Code::kNotFound) return tl::unexpected(not_live(uid));
    return tl::unexpected(from_store_error(progress.error()));
  }
  if (entry && !force) {
    const std::lock_guard entry_lock(entry->mutex);
    if (entry->live && entry->live->stored_events() >= progress->events) return entry;
  }
  // No copy here and the session ended: on one instance it was forgotten (404, as ever). With other instances on
  // the journal it may have ended there a moment ago: its end is served as that instance serves it, until it
  // would have been forgotten there (options_.idle after its end).
  if (!entry && progress->status != core::SessionStatus::kActive) {
    const bool recent = progress->ended_ms && options_.unix_ms() - *progress->ended_ms <= options_.idle.count();
    if (!options_.shared_journal || !recent) return tl::unexpected(not_live(uid));
  }
  return rebuild(uid);
}

std::string SessionApi::state_json(const Entry& e, core::MonoMillis now, std::size_t since) const {
  const auto& engine = e.live->engine();
  e.ended = e.live->ended();
  bj::array cues;
  for (std::size_t i = since; i < e.cues.size(); ++i) {
    bj::value c = json::to_json(e.cues[i]);
    c.as_object()["index"] = i;
    cues.push_back(std::move(c));
  }
  bj::object o;
  o["uid"] = e.live->uid();
  o["at_ms"] = now;
  o["time_scale"] = options_.time_scale;
  o["view"] = json::to_json(engine.view(now));
  o["cues"] = std::move(cues);
  o["next_cue"] = e.cues.size();
  // Records a busy journal has not taken yet (kept in order, written by the next calls); 0: all are saved.
  o["unsaved"] = e.live->unsaved();
  o["timeline"] = json::timeline_json(engine.ended() ? std::vector<core::ScheduledSegment>{} : engine.schedule(now));
  return json::compact(o);
}

Response SessionApi::create(const Request& request) {
  evict_idle();
  auto body = body_object(request);
  if (!body) return error_response(body.error());
  for (const auto& kv : *body) {
    if (kv.key() != "routine" && kv.key() != "saved_routine" && kv.key() != "repeat_session" &&
        kv.key() != "assignment" && kv.key() != "settings") {
      return error_response(invalid(std::string(kv.key()), std::string(kv.key()) +
                                                               ": unknown field; a session has routine (or "
                                                               "saved_routine, repeat_session or assignment) and "
                                                               "settings"));
    }
  }
  // The routine: given whole, a saved one (by uid or name), the one a past session played, or one a trainer
  // assigned. Each passes the safety gate below, as it is for the person now.
  const auto* routine_value = body->if_contains("routine");
  const auto* saved_value = body->if_contains("saved_routine");
  const auto* repeat_value = body->if_contains("repeat_session");
  const auto* assignment_value = body->if_contains("assignment");
  const int sources = int{routine_value != nullptr} + int{saved_value != nullptr} + int{repeat_value != nullptr} +
                      int{assignment_value != nullptr};
  if (sources > 1) {
    return error_response(
        invalid("routine", "routine: give one of routine, saved_routine, repeat_session and assignment, not several"));
  }
  const core::PersonId person = actor(request);
  std::optional<std::string> assignment_uid;
  tl::expected<core::Routine, ApiError> routine = tl::unexpected(ApiError{});
  if (assignment_value != nullptr) {
    if (!assignment_value->is_string()) {
      return error_response(invalid("assignment", "assignment: expected an assignment's uid (a string)"));
    }
    assignment_uid = std::string(assignment_value->as_string());
    auto found = service::assignment_routine(*stores_->lease(), person, *assignment_uid);
    if (!found) {
      auto e = found.error();  // named after the request's own field
      if (!e.field.empty() && e.message.rfind(e.field + ":", 0) == 0)
        e.message = "assignment" + e.message.substr(e.field.size());
      e.field = "assignment";
      return error_response(from_service_error(e));
    }
    routine = std::move(*found);
  } else if (saved_value != nullptr || repeat_value != nullptr) {
    const bool saved = saved_value != nullptr;
    const auto* v = saved ? saved_value : repeat_value;
    const std::string field = saved ? "saved_routine" : "repeat_session";
    if (!v->is_string()) {
      return error_response(
          invalid(field, field + (saved ? ": expected a saved routine's uid or name (a string)"
                                        : ": expected a past session's uid (a string), or \"last\"")));
    }
    const std::string id(v->as_string());
    auto store = stores_->lease();
    auto found = saved ? service::saved_routine(*store, person, id).map([](service::NamedRoutine r) {
      return std::move(r.routine);
    })
                       : service::session_routine(*store, person, id);
    if (!found) {
      auto e = found.error();  // named after the request's own field
      if (!e.field.empty() && e.message.rfind(e.field + ":", 0) == 0)
        e.message = field + e.message.substr(e.field.size());
      e.field = field;
      return error_response(from_service_error(e));
    }
    routine = std::move(*found);
  } else {
    if (!routine_value) {
      return error_response(invalid("routine", "routine: missing; expected a plan as GET /api/plan gives it"));
    }
    if (!routine_value->is_object()) {
      return error_response(invalid("routine", "routine: expected a plan (a JSON object) as GET /api/plan gives it"));
    }
    auto parsed = json::routine_from_json(bj::serialize(*routine_value));
    if (!parsed) return error_response(routine_error(parsed.error()));
    routine = std::move(*parsed);
  }

  std::size_t slot = 0;
  {
    const std::lock_guard lock(registry_mutex_);
    // Ended sessions stay for their players to read the end, but never keep a new session out: at the cap,
    // the ended ones are forgotten (they are in the journal), and only live sessions count.
    if (sessions_.size() >= options_.max_sessions) {
      std::erase_if(sessions_, [](const auto& kv) { return kv.second->ended.load(); });
    }
    if (sessions_.size() >= options_.max_sessions) {
      return error_response({Status::service_unavailable, "unavailable",
                             std::to_string(options_.max_sessions) +
                                 " sessions are live, the most this server holds; finish or stop one first",
                             std::nullopt});
    }
    slot = next_slot_++ % stores_->slots();
  }

  service::StartRequest start;
  start.person = person;
  start.routine = std::move(*routine);
  if (const auto* settings = body->if_contains("settings")) {
    auto parsed = json::session_settings_from_json(*settings, start.settings);
    if (!parsed) return error_response(field_error(parsed.error()));
    start.settings = std::move(*parsed);
  }

  auto entry = std::make_shared<Entry>();
  entry->slot = slot;
  entry->person = request.identity().person_id;
  std::vector<core::GateChange> changes;
  {
    auto store = stores_->lease(slot);
    entry->origin_steady_ms = steady_now();
    // The safety gate: the routine (kept by the browser, perhaps for days) is checked against the person's
    // current screening and active warning signs; what it changed is answered with the session.
    auto started = service::start_session(*store, *catalog_, std::move(start), 0, options_.unix_ms());
    if (!started) return error_response(from_service_error(started.error()));
    if (assignment_uid) {  // the copy stops following its template
      if (auto marked = service::mark_assignment_started(*store, person, *assignment_uid, started->live->uid(),
                                                         options_.unix_ms());
          !marked) {
        std::fprintf(stderr, "smr: session %s: %s\n", started->live->uid().c_str(), marked.error().message.c_str());
      }
    }
    entry->live = std::move(started->live);
    changes = std::move(started->changes);
  }
  entry->last_input_steady_ms = entry->origin_steady_ms;
  const std::lock_guard entry_lock(entry->mutex);
  entry->cues = entry->live->take_start_cues().cues;
  bj::value state = bj::parse(state_json(*entry, 0, 0));
  state.as_object()["safety_changes"] = json::to_json(changes);
  auto response = with_status(Status::created, json::compact(state));
  response.set(Field::location, "/api/sessions/" + entry->live->uid());
  {
    const std::lock_guard lock(registry_mutex_);
    sessions_.emplace(entry->live->uid(), entry);
  }
  return response;
}

Response SessionApi::input(const Request& request, const PathParams& params) {
  const std::string uid(params.get("uid"));
  auto body = body_object(request);
  if (!body) return error_response(body.error());
  auto input = json::session_input_from_json(*body);
  if (!input) return error_response(field_error(input.error()));

  // Another instance may write the session between our check and our write: its event index is then taken, our
  // write is refused (kConflict, nothing of ours written), and the input is applied once more to a rebuilt copy.
  for (int attempt = 0;; ++attempt) {
    auto found = current(uid, attempt > 0);
    if (!found) return error_response(found.error());
    auto& entry = *found;
    // Another person's session is not found (docs/accounts.md, "Roles and authorization").
    if (entry->person != request.identity().person_id) return error_response(not_live(uid));
    const std::lock_guard entry_lock(entry->mutex);
    if (!entry->live) return error_response(not_live(uid));
    const auto now = session_now(*entry);
    entry->last_now = now;
    entry->last_input_steady_ms = steady_now();
    const std::size_t since = entry->cues.size();
    store::Result<service::SessionStep> step;
    {
      auto store = stores_->lease(entry->slot);
      step = entry->live->apply(now, *input);
    }
    if (!step && step.error().code == store::Error::Code::kConflict && attempt == 0) {
      entry->live.reset();  // stale: the rebuilt copy replaces it
      continue;
    }
    if (!step) return error_response(from_store_error(step.error()));
    entry->cues.insert(entry->cues.end(), step->cues.begin(), step->cues.end());
    if (!step->refused) return with_status(Status::ok, state_json(*entry, now, since));

    // Refused: the error, and beside it the state (the catch-up may have moved the session on).
    const auto& refusal = *step->refused;
    ApiError error{Status::conflict, "conflict", refusal.message, std::string("kind")};
    if (refusal.code == core::RefusalCode::kInvalidAnswer) {
      error = {Status::unprocessable_entity, "invalid", refusal.message, std::string("red_flag")};
    }
    bj::value out = bj::parse(state_json(*entry, now, since));
    bj::object& o = out.as_object();
    o["error"] = bj::object{{"code", error.code}, {"message", error.message}, {"field", *error.field}};
    o["refusal"] = core::to_string(refusal.code);
    return with_status(error.status, json::compact(out));
  }
}

Response SessionApi::live(const Request& request, const PathParams& params) {
  const std::string uid(params.get("uid"));
  std::optional<std::size_t> since;
  for (const auto& p : request.query()) {
    if (p.key != "since") {
      return error_response(invalid(p.key, "unknown parameter \"" + std::string(p.key) + "\"; expected since"));
    }
    std::size_t n = 0;
    const auto& v = p.value;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
      return error_response(
          invalid("since", "since: expected a cue index (a whole number from 0), got \"" + std::string(v) + "\""));
    }
    since = n;
  }
  for (int attempt = 0;; ++attempt) {
    auto found = current(uid, attempt > 0);
    if (!found) return error_response(found.error());
    auto& entry = *found;
    // Another person's session is not found (docs/accounts.md, "Roles and authorization").
    if (entry->person != request.identity().person_id) return error_response(not_live(uid));
    const std::lock_guard entry_lock(entry->mutex);
    if (!entry->live) return error_response(not_live(uid));
    const auto now = session_now(*entry);
    entry->last_now = now;
    const std::size_t before = entry->cues.size();
    store::Result<service::SessionStep> step;
    {
      auto store = stores_->lease(entry->slot);
      step = entry->live->tick(now);
    }
    if (!step && step.error().code == store::Error::Code::kConflict && attempt == 0) {
      entry->live.reset();  // another instance wrote what fell due first: read it from the journal
      continue;
    }
    if (!step) return error_response(from_store_error(step.error()));
    entry->cues.insert(entry->cues.end(), step->cues.begin(), step->cues.end());
    if (since && *since > entry->cues.size()) {
      return error_response(invalid("since", "since: " + std::to_string(*since) +
                                                 " is past the last cue; expected 0 to " +
                                                 std::to_string(entry->cues.size())));
    }
    return with_status(Status::ok, state_json(*entry, now, since.value_or(before)));
  }
}

void SessionApi::stop_locked(Entry& e) {
  if (!e.live) return;
  if (!e.live->ended()) {
    const auto now = session_now(e);
    e.last_now = now;
    core::SessionInput stop;
    stop.kind = core::InputKind::kStop;
    auto store = stores_->lease(e.slot);
    auto step = e.live->apply(now, stop);
    if (!step) {
      std::fprintf(stderr, "smr: session %s could not be recorded as stopped: %s\n", e.live->uid().c_str(),
                   step.error().message.c_str());
    }
  }
  if (e.live->unsaved() > 0) {  // a busy journal: wait for it rather than drop what the session recorded
    auto store = stores_->lease(e.slot);
    if (auto saved = e.live->save_pending(std::chrono::minutes(1)); !saved) {
      std::fprintf(stderr, "smr: session %s: %s\n", e.live->uid().c_str(), saved.error().message.c_str());
    }
  }
  e.live.reset();
}

std::size_t SessionApi::stop_all() {
  std::map<std::string, std::shared_ptr<Entry>, std::less<>> taken;
  {
    const std::lock_guard lock(registry_mutex_);
    taken.swap(sessions_);
  }
  std::size_t stopped = 0;
  for (auto& [uid, e] : taken) {
    const std::lock_guard entry_lock(e->mutex);
    if (options_.shared_journal) {  // the other instances go on serving it: only what this copy owes is written
      if (e->live && e->live->unsaved() > 0) {
        auto store = stores_->lease(e->slot);
        (void)e->live->save_pending(std::chrono::seconds(10));
      }
      e->live.reset();
      continue;
    }
    if (e->live && !e->live->ended()) ++stopped;
    stop_locked(*e);
  }
  return stopped;
}

std::size_t SessionApi::take_over_interrupted() {
  std::size_t taken = 0;
  auto store = stores_->lease(0);
  auto people = store->people();
  if (!people) {
    std::fprintf(stderr, "smr: could not look for interrupted sessions: %s\n", people.error().message.c_str());
    return 0;
  }
  const std::int64_t unix_now = options_.unix_ms();
  for (const auto& person : *people) {
    auto found = service::find_interrupted(*store, person.id, unix_now);
    if (!found) {
      std::fprintf(stderr, "smr: could not look for interrupted sessions: %s\n", found.error().message.c_str());
      continue;
    }
    for (const auto& s : *found) {
      if (size() >= options_.max_sessions) return taken;
      auto live = service::LiveSession::take_over(*store, *catalog_, s.info.uid, service::this_player());
      if (!live) {
        if (live.error().code == store::Error::Code::kInvalid) {
          (void)service::close_interrupted(*store, *catalog_, s.info.uid);
        }
        std::fprintf(stderr, "smr: interrupted session %s not taken over: %s\n", s.info.uid.c_str(),
                     live.error().message.c_str());
        continue;
      }
      auto entry = std::make_shared<Entry>();
      entry->slot = 0;
      entry->person = person.id;
      // The session clock goes on from the interruption (at least the time since its start, at scale 1): the
      // time the server was down counts as paused once the player resumes.
      const core::MonoMillis from =
          std::max<core::MonoMillis>(s.last_ms - s.info.started_ms, unix_now - s.info.started_ms);
      entry->origin_steady_ms =
          steady_now() - static_cast<std::int64_t>(std::ceil(static_cast<double>(from) / options_.time_scale));
      entry->last_now = from;
      entry->last_input_steady_ms = steady_now();
      entry->cues = (*live)->take_start_cues().cues;
      entry->live = std::move(*live);
      const std::lock_guard lock(registry_mutex_);
      sessions_.emplace(s.info.uid, std::move(entry));
      ++taken;
    }
  }
  return taken;
}

std::size_t SessionApi::evict_idle() {
  const std::int64_t now = steady_now();
  std::vector<std::shared_ptr<Entry>> idle;
  {
    const std::lock_guard lock(registry_mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (now - it->second->last_input_steady_ms.load() > options_.idle.count()) {
        idle.push_back(std::move(it->second));
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& e : idle) {
    const std::lock_guard entry_lock(e->mutex);
    if (e->live) {
      // Idle here but not in the journal: another instance serves the session; forget this copy only.
      auto store = stores_->lease(e->slot);
      auto progress = store->session_progress(e->live->uid());
      if (progress && progress->events > e->live->stored_events()) {
        e->live.reset();
        continue;
      }
    }
    stop_locked(*e);
  }
  return idle.size();
}

}  // namespace smr::http
