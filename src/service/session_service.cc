#include "service/session_service.h"

#include "service/session_recovery.h"

#include <algorithm>
#include <map>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/json/parse.hpp>

#include "core/checkin_rules.h"
#include "service/safety_service.h"

namespace smr::service {

namespace {

// Every session records who plays it, so that a later process can tell when it was interrupted.
core::SessionSettings with_player(core::SessionSettings settings) {
  if (settings.player.empty()) settings.player = this_player();
  return settings;
}

}  // namespace

LiveSession::LiveSession(store::Store& store, const core::Catalog& catalog, core::Routine routine,
                         core::SessionSettings settings, std::string uid)
    : store_(&store),
      catalog_(&catalog),
      engine_(std::move(routine), catalog, with_player(std::move(settings))),
      uid_(std::move(uid)) {}

store::Result<std::unique_ptr<LiveSession>> LiveSession::start(store::Store& store, const core::Catalog& catalog,
                                                               core::Routine routine, SessionStart how,
                                                               core::MonoMillis now, core::UnixMillis wall_now_ms) {
  std::unique_ptr<LiveSession> live(
      new LiveSession(store, catalog, std::move(routine), std::move(how.settings), store::new_uid()));
  core::SessionInfo info;
  info.uid = live->uid_;
  info.person_id = how.person;
  live->person_ = how.person;
  info.title = std::move(how.title);
  info.started_ms = wall_now_ms;
  info.status = core::SessionStatus::kActive;
  info.routine_json = std::move(how.routine_json);
  live->started_unix_ms_ = wall_now_ms;
  // The session's row goes first in the queue: a busy journal delays it with the records after it.
  live->pending_.push_back(PendingWrite{std::move(info), false});
  if (auto s = live->flush(now); !s) return tl::unexpected(s.error());
  if (auto r = live->engine_.start(now, wall_now_ms); !r) {
    return tl::unexpected(store::Error{store::Error::Code::kInvalid, r.error().message});
  }
  auto step = live->drain(now, std::nullopt, {});
  if (!step) return tl::unexpected(step.error());
  live->start_cues_ = std::move(*step);
  return live;
}

store::Result<SessionStep> LiveSession::tick(core::MonoMillis now, const CueSink& sink) {
  auto r = engine_.tick(now);
  return drain(now, r ? std::nullopt : std::optional<core::Refusal>(r.error()), sink);
}

store::Result<SessionStep> LiveSession::apply(core::MonoMillis now, const core::SessionInput& input,
                                              const CueSink& sink) {
  auto r = engine_.apply(now, input);
  return drain(now, r ? std::nullopt : std::optional<core::Refusal>(r.error()), sink);
}

// Writes one record the engine emitted (and keeps a copy for summary()); shared by the queue and take_over().
store::Status LiveSession::write_record(core::EngineRecord& record, bool& stored) {
  return std::visit(
      [&](auto& r) -> store::Status {
        using T = std::decay_t<decltype(r)>;
        r.session_uid = uid_;
        if constexpr (std::is_same_v<T, core::SessionEvent>) {
          if (auto s = store_->append_event(r); !s) return s;
          events_.push_back(r);
        } else {
          if (r.uid.empty()) r.uid = store::new_uid();  // kept across tries: one record, one uid
          if constexpr (std::is_same_v<T, core::CheckIn>) {
            if (auto s = store_->record_check_in(r); !s) return s;
            check_ins_.push_back(r);
          } else if constexpr (std::is_same_v<T, core::Adaptation>) {
            if (!stored) {
              if (auto s = store_->record_adaptation(r); !s) return s;
              adaptations_.push_back(r);
              stored = true;
            }
            return remember_warning(r);  // a red-flag stop stays active for the person
          } else {
            if (auto s = store_->add_note(r); !s) return s;
            notes_.push_back(r);
          }
        }
        stored = true;
        return {};
      },
      record);
}

store::Status LiveSession::write_pending(PendingWrite& w) {
  return std::visit(
      [&](auto& what) -> store::Status {
        using T = std::decay_t<decltype(what)>;
        if constexpr (std::is_same_v<T, core::SessionInfo>) {
          return store_->start_session(what);
        } else if constexpr (std::is_same_v<T, SessionEnd>) {
          return store_->end_session(uid_, what.ended_ms, what.status);
        } else {
          return write_record(what, w.stored);
        }
      },
      w.what);
}

namespace {
constexpr core::MonoMillis kFirstBackoffMs = 100;
constexpr core::MonoMillis kMaxBackoffMs = 2000;

core::MonoMillis next_backoff(core::MonoMillis current) {
  return current == 0 ? kFirstBackoffMs : std::min(current * 2, kMaxBackoffMs);
}
}  // namespace

store::Status LiveSession::flush(std::optional<core::MonoMillis> now) {
  if (pending_.empty() || (now && *now < retry_at_)) return {};
  while (!pending_.empty()) {
    auto written = write_pending(pending_.front());
    if (!written) {
      if (written.error().code != store::Error::Code::kBusy) return written;  // kept: a later call tries again
      backoff_ms_ = next_backoff(backoff_ms_);
      if (now) retry_at_ = *now + backoff_ms_;
      return {};
    }
    pending_.pop_front();
  }
  backoff_ms_ = 0;
  retry_at_ = 0;
  return {};
}

store::Status LiveSession::save_pending(std::chrono::milliseconds max_wait) {
  const auto give_up = std::chrono::steady_clock::now() + max_wait;
  core::MonoMillis wait_ms = 0;
  for (;;) {
    if (auto s = flush(std::nullopt); !s) return s;
    if (pending_.empty()) return {};
    wait_ms = next_backoff(wait_ms);
    const auto wake = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    if (wake > give_up) break;
    std::this_thread::sleep_until(wake);
  }
  return store::fail(store::Error::Code::kBusy,
                     std::to_string(pending_.size()) + " record(s) of session " + uid_ +
                         " are not in the journal yet: it stayed busy (another program is writing to it) for " +
                         std::to_string(max_wait.count() / 1000) +
                         " s; they are kept, so let that program finish and try again");
}

store::Result<SessionStep> LiveSession::drain(core::MonoMillis now, std::optional<core::Refusal> refused,
                                              const CueSink& sink) {
  core::SessionUpdate update = engine_.take_update();
  if (sink && !update.cues.empty()) sink(update.cues);
  for (auto& record : update.records) pending_.push_back(PendingWrite{std::move(record), false});
  if (engine_.ended() && !end_queued_) {
    pending_.push_back(PendingWrite{SessionEnd{engine_.ended_unix_ms().value_or(0), engine_.status()}, false});
    end_queued_ = true;
  }
  // New records are tried at once unless the journal was found busy a moment ago (then after the backoff).
  if (auto s = flush(now); !s) return tl::unexpected(s.error());
  return SessionStep{std::move(update.cues), std::move(refused), pending_.size()};
}

std::optional<std::string> red_flag_of(const core::Adaptation& a) {
  if (a.kind != core::to_string(core::AdaptationKind::kStopSession)) return std::nullopt;
  boost::system::error_code ec;
  const boost::json::value detail = boost::json::parse(a.detail_json, ec);
  const auto* o = ec ? nullptr : detail.if_object();
  const auto* flag = o != nullptr ? o->if_contains("red_flag") : nullptr;
  if (flag == nullptr || !flag->is_string() || flag->as_string().empty()) return std::nullopt;
  return std::string(flag->as_string());
}

store::Status LiveSession::remember_warning(const core::Adaptation& a) {
  const auto flag = red_flag_of(a);
  if (!flag) return {};
  // The warning sign stays active on the person's profile until they say it was checked (issue 8).
  auto r = record_warning(*store_, *catalog_, person_, ActiveWarning{*flag, a.at_ms, uid_});
  if (!r) {
    const auto code = r.error().code == Error::Code::kBusy ? store::Error::Code::kBusy : store::Error::Code::kIo;
    return tl::unexpected(store::Error{code, r.error().message});
  }
  return {};
}

PlayedSummary LiveSession::summary() const {
  PlayedSummary s;
  s.session_uid = uid_;
  s.status = engine_.status();
  s.paused_ms = engine_.paused_ms();
  if (const auto start = engine_.started_at()) {
    const auto end = engine_.ended_at();
    if (end) s.elapsed_ms = *end - *start - s.paused_ms;
  }
  s.regions = region_times(events_);
  s.check_ins = check_ins_;
  s.adaptations = adaptations_;
  s.notes = notes_;
  return s;
}

}  // namespace smr::service
