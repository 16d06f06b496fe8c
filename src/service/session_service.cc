#include "service/session_service.h"

#include "service/session_recovery.h"

#include <algorithm>
#include <map>
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
  if (auto s = store.start_session(info); !s) return tl::unexpected(s.error());
  live->started_unix_ms_ = wall_now_ms;
  if (auto r = live->engine_.start(now, wall_now_ms); !r) {
    return tl::unexpected(store::Error{store::Error::Code::kInvalid, r.error().message});
  }
  auto step = live->drain(std::nullopt, {});
  if (!step) return tl::unexpected(step.error());
  live->start_cues_ = std::move(*step);
  return live;
}

store::Result<SessionStep> LiveSession::tick(core::MonoMillis now, const CueSink& sink) {
  auto r = engine_.tick(now);
  return drain(r ? std::nullopt : std::optional<core::Refusal>(r.error()), sink);
}

store::Result<SessionStep> LiveSession::apply(core::MonoMillis now, const core::SessionInput& input,
                                              const CueSink& sink) {
  auto r = engine_.apply(now, input);
  return drain(r ? std::nullopt : std::optional<core::Refusal>(r.error()), sink);
}

// Writes one record the engine emitted (and keeps a copy for summary()); shared by drain() and take_over().
store::Status LiveSession::write_record(core::EngineRecord& record) {
  return std::visit(
      [&](auto& r) -> store::Status {
        using T = std::decay_t<decltype(r)>;
        r.session_uid = uid_;
        if constexpr (std::is_same_v<T, core::SessionEvent>) {
          events_.push_back(r);
          return store_->append_event(r);
        } else if constexpr (std::is_same_v<T, core::CheckIn>) {
          r.uid = store::new_uid();
          check_ins_.push_back(r);
          return store_->record_check_in(r);
        } else if constexpr (std::is_same_v<T, core::Adaptation>) {
          r.uid = store::new_uid();
          adaptations_.push_back(r);
          if (auto s = store_->record_adaptation(r); !s) return s;
          return remember_warning(r);  // a red-flag stop stays active for the person
        } else {
          r.uid = store::new_uid();
          notes_.push_back(r);
          return store_->add_note(r);
        }
      },
      record);
}

store::Result<SessionStep> LiveSession::drain(std::optional<core::Refusal> refused, const CueSink& sink) {
  core::SessionUpdate update = engine_.take_update();
  if (sink && !update.cues.empty()) sink(update.cues);
  for (auto& record : update.records) {
    if (auto written = write_record(record); !written) return tl::unexpected(written.error());
  }
  if (engine_.ended() && !end_written_) {
    const auto ended = engine_.ended_unix_ms();
    if (auto s = store_->end_session(uid_, ended.value_or(0), engine_.status()); !s) return tl::unexpected(s.error());
    end_written_ = true;
  }
  return SessionStep{std::move(update.cues), std::move(refused)};
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
  if (!r) return tl::unexpected(store::Error{store::Error::Code::kIo, r.error().message});
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
