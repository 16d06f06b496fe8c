#include "service/session_recovery.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "json/routine_read.h"
#include "service/safety_service.h"
#include "service/session_service.h"

namespace smr::service {

namespace bj = boost::json;

namespace {

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

// Field 3 (state) and 22 (start time, clock ticks since boot) of /proc/PID/stat; nullopt when unreadable.
std::optional<std::pair<char, std::string>> proc_stat(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string text;
  if (!in || !std::getline(in, text)) return std::nullopt;
  const auto close = text.rfind(')');  // the command may hold spaces and parentheses
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(text.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  if (fields.size() < 20 || fields[0].empty()) return std::nullopt;
  return std::make_pair(fields[0][0], fields[19]);
}

// "host H pid P start S" -> its three values.
struct Player {
  std::string host, pid, start;
};
std::optional<Player> parse_player(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string k1, k2, k3;
  Player p;
  if (!(in >> k1 >> p.host >> k2 >> p.pid >> k3 >> p.start) || k1 != "host" || k2 != "pid" || k3 != "start") {
    return std::nullopt;
  }
  return p;
}

const bj::object* object_of(const bj::value& v) { return v.if_object(); }

std::optional<bj::value> parse_data(const std::string& json) {
  boost::system::error_code ec;
  bj::value v = bj::parse(json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> int_member(const bj::value& v, std::string_view key) {
  const auto* o = object_of(v);
  if (o == nullptr) return std::nullopt;
  const auto* m = o->if_contains(key);
  if (m == nullptr) return std::nullopt;
  if (m->is_int64()) return m->as_int64();
  if (m->is_uint64()) return static_cast<std::int64_t>(m->as_uint64());
  return std::nullopt;
}

std::string string_member(const bj::value& v, std::string_view key) {
  const auto* o = object_of(v);
  const auto* m = o != nullptr ? o->if_contains(key) : nullptr;
  return m != nullptr && m->is_string() ? std::string(m->as_string()) : std::string();
}

std::vector<std::string> strings_member(const bj::value& v, std::string_view key) {
  std::vector<std::string> out;
  const auto* o = object_of(v);
  const auto* m = o != nullptr ? o->if_contains(key) : nullptr;
  if (m == nullptr || !m->is_array()) return out;
  for (const auto& x : m->as_array()) {
    if (x.is_string()) out.emplace_back(x.as_string());
  }
  return out;
}

// The settings the session was started with, from its session-started event.
core::SessionSettings settings_from(const bj::value& started) {
  core::SessionSettings s;
  auto i = [&](std::string_view key, int fallback) {
    return static_cast<int>(int_member(started, key).value_or(fallback));
  };
  s.get_ready_s = i("get_ready_s", 10);
  s.check_in_s = i("check_in_s", 10);
  s.breaths_per_minute = i("breaths_per_minute", 6);
  s.extend_s = i("extend_s", s.extend_s);
  s.max_hold_s = i("max_hold_s", s.max_hold_s);
  s.change_s = i("change_s", s.change_s);
  s.countdown_s = i("countdown_s", s.countdown_s);
  s.back_restart_ms = i("back_restart_ms", s.back_restart_ms);
  s.inhale_share_pct = i("inhale_share_pct", s.inhale_share_pct);
  s.kit.owned_tools = strings_member(started, "tools");
  // The screening is the person's current one (LiveSession::take_over): adaptations pass today's gate.
  s.player = string_member(started, "player");
  return s;
}

core::UnixMillis last_record_ms(const core::SessionRecord& r) {
  core::UnixMillis last = r.info.started_ms;
  for (const auto& e : r.events) last = std::max(last, e.at_ms);
  for (const auto& c : r.check_ins) last = std::max(last, c.at_ms);
  for (const auto& a : r.adaptations) last = std::max(last, a.at_ms);
  for (const auto& n : r.notes) last = std::max(last, n.at_ms);
  return last;
}

// Who played the session last: the latest `interrupted` event's player, else the session-started one's.
std::string last_player(const core::SessionRecord& r) {
  std::string player;
  for (const auto& e : r.events) {
    if (e.kind != "session-started" && e.kind != "interrupted") continue;
    if (const auto data = parse_data(e.data_json)) player = string_member(*data, "player");
  }
  return player;
}

store::Error invalid(std::string message) { return store::Error{store::Error::Code::kInvalid, std::move(message)}; }

// Replays the stored session into `engine` (not started): every input its events record, at its time, then a
// tick to its last record. Returns the records the replay emitted that were not stored (the dead player's
// last call, cut short), or why the events cannot be replayed.
tl::expected<core::SessionUpdate, std::string> replay(core::SessionEngine& engine, const core::SessionRecord& rec) {
  const core::UnixMillis start = rec.info.started_ms;
  const auto t = [&](core::UnixMillis at) { return std::max<core::MonoMillis>(0, at - start); };
  if (auto r = engine.start(0, start); !r) return tl::unexpected(r.error().message);
  std::vector<bool> used(rec.check_ins.size(), false);
  auto answer_of = [&](const core::SessionEvent& e, const bj::value& data) {
    core::CheckInAnswer a;
    a.intensity = static_cast<int>(int_member(data, "intensity").value_or(0));
    a.quality = core::parse_enum<core::Quality>(string_member(data, "quality")).value_or(core::Quality::kPressure);
    if (const auto* o = data.if_object()) {
      if (const auto* also = o->if_contains("also_felt"); also && also->is_array()) {
        for (const auto& q : also->get_array()) {
          if (!q.is_string()) continue;
          if (auto quality = core::parse_enum<core::Quality>(std::string_view(q.get_string()))) {
            a.also_felt.push_back(*quality);
          }
        }
      }
    }
    for (std::size_t k = 0; k < rec.check_ins.size(); ++k) {
      const auto& c = rec.check_ins[k];
      if (!used[k] && c.at_ms == e.at_ms && c.step == e.step && c.intensity == a.intensity && c.quality == a.quality) {
        used[k] = true;
        a.note = c.note;
        break;
      }
    }
    return a;
  };
  for (const auto& e : rec.events) {
    const auto data = parse_data(e.data_json).value_or(bj::value(bj::object()));
    core::SessionInput in;
    std::optional<core::EngineStatus> status;
    const auto now = t(e.at_ms);
    if (e.kind == "paused") {
      in.kind = core::InputKind::kPause;
    } else if (e.kind == "resumed") {
      in.kind = core::InputKind::kResume;
    } else if (e.kind == "phase-skipped") {
      in.kind = core::InputKind::kSkipPhase;
    } else if (e.kind == "step-skipped") {
      in.kind = core::InputKind::kSkipStep;
    } else if (e.kind == "hold-extended") {
      in.kind = core::InputKind::kExtendHold;
    } else if (e.kind == "went-back") {
      in.kind = core::InputKind::kBack;
    } else if (e.kind == "checked-in") {
      in.kind = core::InputKind::kCheckIn;
      in.check_in = answer_of(e, data);
    } else if (e.kind == "interrupted") {
      status = engine.interrupt(now, string_member(data, "player"));
    } else if (e.kind == "session-stopped") {
      const std::string reason = string_member(data, "reason");
      if (reason == "red-flag") {
        in.kind = core::InputKind::kRedFlag;
        in.red_flag = string_member(data, "red_flag");
      } else {
        status = engine.stop(now, reason);
      }
    } else {
      continue;  // emitted by the engine itself: the replay emits it again
    }
    if (!status) {
      if (e.kind == "session-stopped" && string_member(data, "reason") == "red-flag") {
        // The red flag came in a check-in answer when a checked-in event precedes it at the same time.
        const bool via_check_in = std::any_of(rec.events.begin(), rec.events.end(), [&](const core::SessionEvent& x) {
          return x.kind == "checked-in" && x.at_ms == e.at_ms && x.seq < e.seq;
        });
        if (via_check_in) continue;
      }
      status = engine.apply(now, in);
    }
    if (!*status) {
      return tl::unexpected("event " + std::to_string(e.seq) + " (" + e.kind +
                            ") cannot be replayed: " + status->error().message);
    }
  }
  // A check-in stored without its checked-in event: the player died in between; it was the last input.
  for (std::size_t k = 0; k < rec.check_ins.size(); ++k) {
    if (used[k]) continue;
    const auto& c = rec.check_ins[k];
    core::SessionInput in;
    in.kind = core::InputKind::kCheckIn;
    in.check_in.intensity = c.intensity;
    in.check_in.quality = c.quality;
    in.check_in.note = c.note;
    if (auto r = engine.apply(t(c.at_ms), in); !r) {
      return tl::unexpected("a check-in at " + std::to_string(c.at_ms) + " cannot be replayed: " + r.error().message);
    }
  }
  if (auto r = engine.tick(t(last_record_ms(rec))); !r) return tl::unexpected(r.error().message);

  // What was stored must be what the replay emitted, in order; what it emitted beyond is missing.
  core::SessionUpdate all = engine.take_update();
  core::SessionUpdate missing;
  std::size_t events = 0, check_ins = 0, adaptations = 0, notes = 0;
  for (auto& record : all.records) {
    bool stored = false;
    if (const auto* e = std::get_if<core::SessionEvent>(&record)) {
      if (events < rec.events.size()) {
        const auto& s = rec.events[events];
        if (s.seq != e->seq || s.kind != e->kind || s.at_ms != e->at_ms || s.step != e->step ||
            s.data_json != e->data_json) {
          return tl::unexpected("the replay differs from the stored event " + std::to_string(s.seq) + " (" + s.kind +
                                "; replayed " + e->kind + " " + e->data_json + ")");
        }
        stored = true;
      }
      ++events;
    } else if (std::holds_alternative<core::CheckIn>(record)) {
      stored = check_ins++ < rec.check_ins.size();
    } else if (std::holds_alternative<core::Adaptation>(record)) {
      stored = adaptations++ < rec.adaptations.size();
    } else {
      stored = notes++ < rec.notes.size();
    }
    if (!stored) missing.records.push_back(std::move(record));
  }
  if (events < rec.events.size())
    return tl::unexpected(std::string("the replay emitted fewer events than were stored"));
  missing.cues = std::move(all.cues);
  return missing;
}

}  // namespace

std::string this_player() {
  const std::string pid = std::to_string(getpid());
  const auto stat = proc_stat("self");
  return "host " + host_name() + " pid " + pid + " start " + (stat ? stat->second : "0");
}

PlayerState player_state(std::string_view player) {
  const auto p = parse_player(player);
  if (!p) return PlayerState::kGone;
  if (p->host != host_name()) return PlayerState::kUnknown;
  const auto stat = proc_stat(p->pid);
  if (!stat) return PlayerState::kGone;
  if (stat->first == 'Z' || stat->first == 'X' || stat->second != p->start) return PlayerState::kGone;
  return PlayerState::kAlive;
}

std::int64_t played_ms(const core::SessionRecord& record) {
  const core::UnixMillis last = last_record_ms(record);
  std::int64_t paused = 0;
  // A flag and a time rather than an optional: g++ 12 -O3 takes the optional's value for maybe uninitialized
  // (-Wmaybe-uninitialized, an error in the Release build).
  bool is_paused = false;
  core::UnixMillis paused_since = 0;
  for (const auto& e : record.events) {
    if (e.kind == "session-finished" || e.kind == "session-stopped") {
      if (const auto data = parse_data(e.data_json)) {
        if (const auto ms = int_member(*data, "elapsed_ms")) return *ms;
      }
    } else if ((e.kind == "paused" || e.kind == "interrupted") && !is_paused) {
      is_paused = true;
      paused_since = e.at_ms;
    } else if (e.kind == "resumed" && is_paused) {
      paused += e.at_ms - paused_since;
      is_paused = false;
    }
  }
  if (is_paused) paused += last - paused_since;
  return std::max<std::int64_t>(0, last - record.info.started_ms - paused);
}

store::Result<std::vector<InterruptedSession>> find_interrupted(store::Store& store, core::PersonId person,
                                                                core::UnixMillis now_ms) {
  auto infos = store.sessions(person, now_ms - kRecoveryWindowMs, now_ms + 1);
  if (!infos) return tl::unexpected(infos.error());
  std::vector<InterruptedSession> out;
  for (const auto& info : *infos) {
    if (info.status != core::SessionStatus::kActive) continue;
    auto rec = store.session(info.uid);
    if (!rec) return tl::unexpected(rec.error());
    InterruptedSession s;
    s.info = rec->info;
    s.last_ms = last_record_ms(*rec);
    s.played_ms = played_ms(*rec);
    s.player = last_player(*rec);
    const PlayerState state = player_state(s.player);
    if (state == PlayerState::kAlive) continue;
    if (state == PlayerState::kUnknown && now_ms - s.last_ms < kSilentForMs) continue;
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const InterruptedSession& a, const InterruptedSession& b) {
    return std::tie(a.info.started_ms, a.info.uid) > std::tie(b.info.started_ms, b.info.uid);
  });
  return out;
}

store::Result<SessionStep> LiveSession::stop(core::MonoMillis now, std::string_view reason) {
  auto r = engine_.stop(now, reason);
  return drain(now, r ? std::nullopt : std::optional<core::Refusal>(r.error()), {});
}

// The common part of take_over() and rebuild(): the session's copy, its engine replayed from the stored events
// (not paused), the records the replay emitted beyond the stored ones queued; `cues` gets every cue of the replay.
// `require_active`: refuse an ended session, and one the person may not roll now (take_over).
store::Result<std::unique_ptr<LiveSession>> LiveSession::replayed(store::Store& store, const core::Catalog& catalog,
                                                                  const std::string& uid, bool require_active,
                                                                  std::vector<core::Cue>& cues,
                                                                  core::MonoMillis& last_ms) {
  auto rec = store.session(uid);
  if (!rec) return tl::unexpected(rec.error());
  if (require_active && rec->info.status != core::SessionStatus::kActive) {
    return store::fail(store::Error::Code::kConflict, "session " + uid + " has ended already; nothing to take over");
  }
  if (rec->events.empty() || rec->events.front().kind != "session-started") {
    return tl::unexpected(invalid("session " + uid + " has no session-started event to replay from"));
  }
  auto routine = json::routine_from_json(rec->info.routine_json);
  if (!routine)
    return tl::unexpected(invalid("session " + uid + ": its routine cannot be read: " + routine.error().message()));
  const auto started = parse_data(rec->events.front().data_json);
  if (!started || string_member(*started, "player").empty()) {
    return tl::unexpected(invalid("session " + uid + " was recorded before sessions could be resumed"));
  }
  // The kit's screening and context: the person's safety now (an active warning sign means no resuming).
  auto safety = person_safety(store, catalog, rec->info.person_id);
  if (!safety) return tl::unexpected(store::Error{store::Error::Code::kIo, safety.error().message});
  if (require_active && !safety->screening.may_roll) {
    return store::fail(store::Error::Code::kConflict,
                       "session " + uid + " cannot be resumed: a warning sign is active (smr log shows it)");
  }
  core::SessionSettings settings = settings_from(*started);
  settings.kit.screening = safety->screening;
  settings.kit.context = routine->context;
  const core::PersonId person = rec->info.person_id;
  std::unique_ptr<LiveSession> live(new LiveSession(store, catalog, std::move(*routine), std::move(settings), uid));
  live->person_ = person;
  live->started_unix_ms_ = rec->info.started_ms;
  auto missing = replay(live->engine_, *rec);
  if (!missing) return tl::unexpected(invalid("session " + uid + ": " + missing.error()));
  live->events_ = rec->events;
  live->check_ins_ = rec->check_ins;
  live->adaptations_ = rec->adaptations;
  live->notes_ = rec->notes;
  live->end_queued_ = rec->info.status != core::SessionStatus::kActive;
  for (auto& record : missing->records) live->pending_.push_back(PendingWrite{std::move(record), false});
  cues = std::move(missing->cues);
  last_ms = std::max<core::MonoMillis>(0, last_record_ms(*rec) - rec->info.started_ms);
  return live;
}

store::Result<std::unique_ptr<LiveSession>> LiveSession::take_over(store::Store& store, const core::Catalog& catalog,
                                                                   const std::string& uid, std::string player) {
  std::vector<core::Cue> cues;  // played by the dead player already
  core::MonoMillis at = 0;
  auto live = replayed(store, catalog, uid, true, cues, at);
  if (!live) return live;
  if (!(*live)->engine_.ended()) {
    if (auto r = (*live)->engine_.interrupt(at, player); !r) {
      return tl::unexpected(invalid("session " + uid + ": " + r.error().message));
    }
  }
  auto step = (*live)->drain(at, std::nullopt, {});
  if (!step) return tl::unexpected(step.error());
  (*live)->start_cues_ = std::move(*step);
  return live;
}

store::Result<RebuiltSession> LiveSession::rebuild(store::Store& store, const core::Catalog& catalog,
                                                   const std::string& uid) {
  RebuiltSession out;
  auto live = replayed(store, catalog, uid, false, out.cues, out.last_ms);
  if (!live) return tl::unexpected(live.error());
  // What the replay emitted beyond the stored records (the other instance's call cut short, or its journal
  // busy): written now, in order; if that instance writes them first, the event index refuses ours (kConflict).
  if (auto saved = (*live)->flush(std::nullopt); !saved && saved.error().code != store::Error::Code::kBusy) {
    return tl::unexpected(saved.error());
  }
  out.live = std::move(*live);
  return out;
}

store::Status close_interrupted(store::Store& store, const core::Catalog& catalog, const std::string& uid) {
  auto before = store.session(uid);
  if (!before) return tl::unexpected(before.error());
  const core::MonoMillis at = std::max<core::MonoMillis>(0, last_record_ms(*before) - before->info.started_ms);
  auto live = LiveSession::take_over(store, catalog, uid, this_player());
  if (live) {
    if ((*live)->ended()) return {};
    auto step = (*live)->stop(at, "interrupted");
    if (!step) return tl::unexpected(step.error());
    return {};
  }
  if (live.error().code != store::Error::Code::kInvalid) return tl::unexpected(live.error());
  // Not replayable (recorded before issue 16, or events this version does not know): closed from its events.
  auto rec = store.session(uid);
  if (!rec) return tl::unexpected(rec.error());
  if (rec->info.status != core::SessionStatus::kActive) return {};
  const core::UnixMillis last = last_record_ms(*rec);
  core::SessionEvent e;
  e.session_uid = uid;
  e.seq = rec->events.empty() ? 0 : rec->events.back().seq + 1;
  e.at_ms = last;
  e.kind = "session-stopped";
  e.step = -1;
  e.data_json = "{\"reason\":\"interrupted\",\"elapsed_ms\":" + std::to_string(played_ms(*rec)) + "}";
  if (auto w = store.append_event(e); !w) return tl::unexpected(w.error());
  return store.end_session(uid, last, core::SessionStatus::kStopped);
}

store::Result<std::vector<InterruptedSession>> close_all_interrupted(store::Store& store, const core::Catalog& catalog,
                                                                     core::PersonId person, core::UnixMillis now_ms) {
  auto found = find_interrupted(store, person, now_ms);
  if (!found) return found;
  std::vector<InterruptedSession> closed;
  for (auto& s : *found) {
    auto r = close_interrupted(store, catalog, s.info.uid);
    if (!r && r.error().code == store::Error::Code::kConflict) continue;  // another process took it
    if (!r) return tl::unexpected(r.error());
    closed.push_back(std::move(s));
  }
  return closed;
}

}  // namespace smr::service
