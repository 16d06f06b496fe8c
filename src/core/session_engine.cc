#include "core/session_engine.h"

#include <algorithm>
#include <cctype>

#include "core/json_text_internal.h"
#include "core/safety_gate.h"

namespace smr::core {

using detail::JsonObjectText;

namespace {

bool is_step_phase(SessionState s) {
  return s == SessionState::kLocate || s == SessionState::kHold || s == SessionState::kMove ||
         s == SessionState::kRoll || s == SessionState::kBreathe;
}

bool has_countdown(SegmentKind k) {
  return k == SegmentKind::kGetReady || k == SegmentKind::kTransition || k == SegmentKind::kChange;
}

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string seconds_text(std::int64_t ms) {
  const std::int64_t s = (ms + 999) / 1000;
  return std::to_string(s) + (s == 1 ? " second" : " seconds");
}

Refusal refusal(RefusalCode code, std::string message) { return Refusal{code, std::move(message)}; }

// Repetition i (0-based) of `reps` spread over `len_ms` starts at floor(i * len_ms / reps). The 1-based
// repetition under way at `elapsed_ms` is the number of starts at or before it.
int rep_at(std::int64_t elapsed_ms, std::int64_t len_ms, int reps) {
  if (reps <= 0 || len_ms <= 0) return 0;
  const std::int64_t started = ((elapsed_ms + 1) * reps + len_ms - 1) / len_ms;
  return static_cast<int>(std::clamp<std::int64_t>(started, 1, reps));
}

}  // namespace

SessionState state_for(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kGetReady: return SessionState::kGetReady;
    case SegmentKind::kTransition: return SessionState::kTransition;
    case SegmentKind::kChange: return SessionState::kChange;
    case SegmentKind::kLocate: return SessionState::kLocate;
    case SegmentKind::kHold: return SessionState::kHold;
    case SegmentKind::kMove: return SessionState::kMove;
    case SegmentKind::kRoll: return SessionState::kRoll;
    case SegmentKind::kBreathe: return SessionState::kBreathe;
    case SegmentKind::kCheckIn: return SessionState::kCheckIn;
  }
  return SessionState::kGetReady;
}

SessionEngine::SessionEngine(Routine routine, const Catalog& catalog, SessionSettings settings)
    : routine_(std::move(routine)),
      catalog_(&catalog),
      settings_(std::move(settings)),
      pacer_(settings_.breaths_per_minute.value_or(routine_.breaths_per_minute), settings_.inhale_share_pct),
      timeline_(
          build_timeline(routine_, TimelineOptions{std::max(settings_.get_ready_s.value_or(routine_.get_ready_s), 0),
                                                   std::max(settings_.check_in_s.value_or(routine_.check_in_s), 0)})),
      planned_ms_(core::planned_ms(timeline_)),
      lighter_(routine_.steps.size()) {}

// ---------------------------------------------------------------------------------------------------------
// Output

void SessionEngine::cue(CueKind kind, MonoMillis at, int step, std::string text, std::string say, bool chime,
                        std::vector<std::string> rules) {
  out_.cues.push_back(Cue{kind, at, step, std::move(text), std::move(say), chime, std::move(rules)});
}

void SessionEngine::event(std::string kind, MonoMillis at, int step, std::string data_json) {
  SessionEvent e;
  e.seq = seq_++;
  e.at_ms = unix_at(at);
  e.kind = std::move(kind);
  e.step = step;
  e.data_json = std::move(data_json);
  out_.records.emplace_back(std::move(e));
}

SessionUpdate SessionEngine::take_update() {
  SessionUpdate u = std::move(out_);
  out_.cues.clear();
  out_.records.clear();
  return u;
}

// ---------------------------------------------------------------------------------------------------------
// Words

StepView SessionEngine::step_view(int index) const {
  StepView v;
  if (index < 0 || index >= static_cast<int>(routine_.steps.size())) return v;
  const RoutineStep& s = routine_.steps[static_cast<std::size_t>(index)];
  v.index = index;
  v.exercise = s.exercise;
  v.region = s.region;
  v.side = s.side;
  v.tool = s.tool;
  v.sets = s.sets;
  const Exercise* x = catalog_->find_exercise(s.exercise);
  const Region* r = catalog_->find_region(s.region);
  const Tool* t = catalog_->find_tool(s.tool);
  v.exercise_name = x != nullptr ? x->name : s.exercise;
  v.region_name = r != nullptr ? r->name : s.region;
  v.tool_name = t != nullptr ? t->name : s.tool;
  v.lighter = lighter_[static_cast<std::size_t>(index)];
  return v;
}

// "Calf roll, left side, with your medium foam roller."
std::string SessionEngine::step_intro(int index) const {
  const StepView v = step_view(index);
  std::string out = v.exercise_name;
  if (v.side != Side::kCentre) out += ", " + std::string(to_string(v.side)) + " side";
  if (!v.tool_name.empty()) out += ", with your " + lower_first(v.tool_name);
  return out + ".";
}

std::string SessionEngine::segment_text(const Segment& seg) const {
  const RoutineStep* step = seg.step >= 0 && seg.step < static_cast<int>(routine_.steps.size())
                                ? &routine_.steps[static_cast<std::size_t>(seg.step)]
                                : nullptr;
  switch (seg.kind) {
    case SegmentKind::kGetReady: {
      const int first = next_step_after(0);
      if (first < 0) return "Get ready.";
      return "Get ready. First: " + step_intro(first);
    }
    case SegmentKind::kTransition: {
      std::string how = step != nullptr && !step->transition.empty()
                            ? step->transition
                            : std::string("Get into position: ") +
                                  std::string(describe(step != nullptr ? step->position : Position::kFloorBack)) + ".";
      if (step != nullptr && seg.step > 0) {
        const RoutineStep& prev = routine_.steps[static_cast<std::size_t>(seg.step - 1)];
        if (prev.region == step->region && prev.side != step->side && step->side != Side::kCentre &&
            prev.side != Side::kCentre) {
          // The planner's own transition may already say it ("Switch sides: now your calves (right side).").
          if (how.rfind("Switch sides", 0) == 0) return how;
          return "Switch sides: now your " + std::string(to_string(step->side)) + " side. " + how;
        }
      }
      return "Next: " + step_intro(seg.step) + " " + how;
    }
    case SegmentKind::kChange: {
      const StepView v = step_view(seg.step);
      return "Change to your " + lower_first(v.tool_name) + ": " + v.exercise_name + ".";
    }
    case SegmentKind::kLocate: return "Roll slowly and find a tender spot.";
    case SegmentKind::kHold:
      return "Stay on the spot and breathe slowly: in through the nose, let the belly rise, then a long breath "
             "out.";
    case SegmentKind::kMove: {
      std::string what = step != nullptr && !step->move_cue.empty()
                             ? step->move_cue
                             : "Keep the pressure and move: tense and relax the muscle, or bend and straighten "
                               "the joint nearby.";
      if (step != nullptr && step->move_reps > 0) what += " " + std::to_string(step->move_reps) + " times.";
      return what;
    }
    case SegmentKind::kRoll:
      return "Roll slowly over the whole area, about " + std::to_string(step != nullptr ? step->pass_s : 3) +
             " seconds each way.";
    case SegmentKind::kBreathe: return "Breathe slowly: in through the nose, let the belly rise, long breath out.";
    case SegmentKind::kCheckIn:
      return "How does it feel? A number from 0 to 10, and say if it is sharp, burning or tingling.";
  }
  return {};
}

int SessionEngine::next_step_after(std::size_t index) const {
  const int from = index < timeline_.size() ? timeline_[index].step : -1;
  for (std::size_t i = index; i < timeline_.size(); ++i) {
    if (!timeline_[i].skipped && timeline_[i].step >= 0 && timeline_[i].step != from) return timeline_[i].step;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Timing core

bool SessionEngine::active() const {
  return state_ != SessionState::kNotStarted && state_ != SessionState::kPaused && !ended();
}

std::optional<MonoMillis> SessionEngine::next_deadline() const {
  if (!active()) return std::nullopt;
  return std::min(next_sub_, seg_end_);
}

std::optional<Refusal> SessionEngine::check_time(MonoMillis now) {
  if (now < last_now_) {
    return refusal(RefusalCode::kTimeWentBack,
                   "Time went back: " + std::to_string(now) + " ms is before " + std::to_string(last_now_) + " ms.");
  }
  last_now_ = now;
  return std::nullopt;
}

std::optional<Refusal> SessionEngine::require_active(std::string_view what) const {
  const std::string w(what);
  switch (state_) {
    case SessionState::kNotStarted: return refusal(RefusalCode::kNotStarted, "Cannot " + w + ": not started yet.");
    case SessionState::kPaused: return refusal(RefusalCode::kPaused, "Cannot " + w + " while paused: resume first.");
    case SessionState::kFinished:
    case SessionState::kStopped: return refusal(RefusalCode::kEnded, "Cannot " + w + ": the session has ended.");
    default: return std::nullopt;
  }
}

void SessionEngine::run_until(MonoMillis now) {
  while (active()) {
    if (next_sub_ < seg_end_) {
      if (next_sub_ > now) return;
      emit_sub_cue(next_sub_);
      continue;
    }
    if (seg_end_ > now) return;
    const Segment& seg = timeline_[current_];
    if (seg.kind == SegmentKind::kCheckIn) {
      event("check-in-missed", seg_end_, seg.step, JsonObjectText().add("set", seg.set).str());
    }
    advance_after(current_, seg_end_);
  }
}

void SessionEngine::advance_after(std::size_t index, MonoMillis at) {
  for (std::size_t i = index + 1; i < timeline_.size(); ++i) {
    if (!timeline_[i].skipped) {
      enter(i, at);
      return;
    }
  }
  finish(at);
}

void SessionEngine::enter(std::size_t index, MonoMillis at) {
  current_ = index;
  const Segment& seg = timeline_[index];
  state_ = state_for(seg.kind);
  seg_start_ = at;
  seg_end_ = at + seg.planned_ms;
  const std::string phase(to_string(seg.kind));
  if (seg.kind == SegmentKind::kTransition) {
    const RoutineStep& s = routine_.steps[static_cast<std::size_t>(seg.step)];
    event("step-started", at, seg.step,
          JsonObjectText()
              .add("exercise", s.exercise)
              .add("region", s.region)
              .add("side", to_string(s.side))
              .add("tool", s.tool)
              .add("sets", s.sets)
              .str());
  }
  JsonObjectText data;
  data.add("phase", phase);
  if (seg.set >= 0) data.add("set", seg.set);
  data.add("planned_ms", seg.planned_ms);
  event("phase-started", at, seg.step, data.str());

  std::string text = segment_text(seg);
  switch (seg.kind) {
    case SegmentKind::kGetReady:
      cue(CueKind::kGetReady, at, -1, text + " Starting in " + seconds_text(seg.planned_ms) + ".", text, true);
      break;
    case SegmentKind::kTransition: {
      const bool sides = text.rfind("Switch sides", 0) == 0;
      cue(sides ? CueKind::kSwitchSides : CueKind::kStep, at, seg.step, text, text, true);
      break;
    }
    case SegmentKind::kChange: cue(CueKind::kChange, at, seg.step, text, text, true); break;
    case SegmentKind::kCheckIn: cue(CueKind::kCheckIn, at, seg.step, text, "How does it feel?", true); break;
    default: cue(CueKind::kPhase, at, seg.step, text, text, true); break;
  }
  schedule_sub_cue(0);
}

// The first in-segment cue at an offset >= from_offset and < the segment's length. O(1).
void SessionEngine::schedule_sub_cue(std::int64_t from) {
  const Segment& seg = timeline_[current_];
  const std::int64_t len = seg.planned_ms;
  std::int64_t offset = kNever;
  if (has_countdown(seg.kind)) {
    // "3", "2", "1" at len - 3000, len - 2000, len - 1000; only those after the segment's start.
    for (int c = std::max(settings_.countdown_s, 0); c >= 1; --c) {
      const std::int64_t o = len - std::int64_t{c} * 1000;
      if (o > 0 && o >= from) {
        offset = o;
        break;
      }
    }
  } else if (seg.kind == SegmentKind::kHold || seg.kind == SegmentKind::kBreathe) {
    // The first inhale is part of the phase cue; later inhales and exhales are their own cues.
    offset = pacer_.next_change_after(std::max<std::int64_t>(from, 1) - 1);
  } else if (seg.kind == SegmentKind::kMove) {
    const int reps = routine_.steps[static_cast<std::size_t>(seg.step)].move_reps;
    if (reps > 0 && len > 0) {
      std::int64_t i = from * reps / len;
      while (i * len / reps < from) ++i;
      if (i < reps) offset = i * len / reps;
    }
  } else if (seg.kind == SegmentKind::kRoll) {
    const std::int64_t pass_ms =
        std::int64_t{std::max(routine_.steps[static_cast<std::size_t>(seg.step)].pass_s, 1)} * 1000;
    const std::int64_t k = std::max<std::int64_t>(1, (from + pass_ms - 1) / pass_ms);
    offset = k * pass_ms;
  }
  next_sub_ = offset < len ? seg_start_ + offset : kNever;
}

void SessionEngine::emit_sub_cue(MonoMillis at) {
  const Segment& seg = timeline_[current_];
  const std::int64_t offset = at - seg_start_;
  switch (seg.kind) {
    case SegmentKind::kGetReady:
    case SegmentKind::kTransition:
    case SegmentKind::kChange: {
      const std::string n = std::to_string((seg.planned_ms - offset + 999) / 1000);
      cue(CueKind::kCountdown, at, seg.step, n, n);
      break;
    }
    case SegmentKind::kHold:
    case SegmentKind::kBreathe:
      if (pacer_.phase_starting_at(offset) == BreathPhase::kInhale) {
        cue(CueKind::kInhale, at, seg.step, "Breathe in", "in");
      } else {
        cue(CueKind::kExhale, at, seg.step, "Breathe out", "out");
      }
      break;
    case SegmentKind::kMove: {
      const int reps = routine_.steps[static_cast<std::size_t>(seg.step)].move_reps;
      const int rep = rep_at(offset, seg.planned_ms, reps);
      cue(CueKind::kRep, at, seg.step, "Rep " + std::to_string(rep) + " of " + std::to_string(reps),
          std::to_string(rep));
      break;
    }
    case SegmentKind::kRoll: {
      const int pass_s = std::max(routine_.steps[static_cast<std::size_t>(seg.step)].pass_s, 1);
      cue(CueKind::kPass, at, seg.step, "Pass " + std::to_string(offset / (pass_s * 1000) + 1), "");
      break;
    }
    default: break;
  }
  schedule_sub_cue(offset + 1);
}

void SessionEngine::finish(MonoMillis at) {
  state_ = SessionState::kFinished;
  ended_at_ = at;
  next_sub_ = kNever;
  event("session-finished", at, -1,
        JsonObjectText()
            .add("elapsed_ms", at - started_at_ - paused_total_ms_)
            .add("paused_ms", paused_total_ms_)
            .add("skipped_regions", skipped_regions_)
            .str());
  cue(CueKind::kFinished, at, -1, "Well done, that is the whole session. Take a moment before you get up.",
      "Well done, that is the whole session.", true);
}

void SessionEngine::end_stopped(MonoMillis at, std::string_view reason, const CheckInDecision* flag) {
  if (state_ == SessionState::kPaused) paused_total_ms_ += at - paused_at_;
  const int step = timeline_[current_].step;
  state_ = SessionState::kStopped;
  ended_at_ = at;
  next_sub_ = kNever;
  JsonObjectText data;
  data.add("reason", reason).add("elapsed_ms", at - started_at_ - paused_total_ms_);
  if (flag != nullptr) data.add("red_flag", flag->red_flag);
  event("session-stopped", at, step, data.str());
  if (flag == nullptr) cue(CueKind::kStopped, at, step, "Session stopped.", "Session stopped.", true);
}

// ---------------------------------------------------------------------------------------------------------
// Transitions

EngineStatus SessionEngine::start(MonoMillis now, UnixMillis wall_now_ms) {
  if (state_ != SessionState::kNotStarted) {
    return tl::unexpected(
        refusal(ended() ? RefusalCode::kEnded : RefusalCode::kAlreadyStarted,
                ended() ? "Cannot start: the session has ended." : "The session has already started."));
  }
  last_now_ = now;
  started_at_ = now;
  wall_start_ms_ = wall_now_ms;
  // With every setting the engine plays by, so that a later process can replay the session (docs/session.md,
  // "Interrupted sessions").
  event("session-started", now, -1,
        JsonObjectText()
            .add("planned_ms", planned_ms_)
            .add("steps", static_cast<int>(routine_.steps.size()))
            .add("breaths_per_minute", pacer_.breaths_per_minute())
            .add("get_ready_s", static_cast<int>(timeline_.front().planned_ms / 1000))
            .add("check_in_s", std::max(settings_.check_in_s.value_or(routine_.check_in_s), 0))
            .add("extend_s", settings_.extend_s)
            .add("max_hold_s", settings_.max_hold_s)
            .add("change_s", settings_.change_s)
            .add("countdown_s", settings_.countdown_s)
            .add("back_restart_ms", settings_.back_restart_ms)
            .add("inhale_share_pct", settings_.inhale_share_pct)
            .add("tools", settings_.kit.owned_tools)
            .add("conditions", settings_.kit.screening.conditions)
            .add("context", settings_.kit.context ? std::string(to_string(*settings_.kit.context)) : std::string())
            .add("player", settings_.player)
            .str());
  enter(0, now);
  run_until(now);
  return {};
}

EngineStatus SessionEngine::tick(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  return {};
}

EngineStatus SessionEngine::pause(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (state_ == SessionState::kPaused) return tl::unexpected(refusal(RefusalCode::kPaused, "Already paused."));
  if (auto r = require_active("pause")) return tl::unexpected(*r);
  paused_from_ = state_;
  state_ = SessionState::kPaused;
  paused_at_ = now;
  const Segment& seg = timeline_[current_];
  event("paused", now, seg.step, JsonObjectText().add("phase", to_string(seg.kind)).str());
  cue(CueKind::kPaused, now, seg.step, "Paused. Come off the tool if you need to; resume when you are ready.",
      "Paused.");
  return {};
}

EngineStatus SessionEngine::resume(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  if (state_ != SessionState::kPaused) {
    if (state_ == SessionState::kNotStarted) {
      return tl::unexpected(refusal(RefusalCode::kNotStarted, "Cannot resume: not started yet."));
    }
    if (ended()) return tl::unexpected(refusal(RefusalCode::kEnded, "Cannot resume: the session has ended."));
    return tl::unexpected(refusal(RefusalCode::kNotPaused, "Nothing to resume: the session is not paused."));
  }
  const std::int64_t d = now - paused_at_;
  paused_total_ms_ += d;
  seg_start_ += d;
  seg_end_ += d;
  if (next_sub_ != kNever) next_sub_ += d;
  state_ = paused_from_;
  const Segment& seg = timeline_[current_];
  event("resumed", now, seg.step, JsonObjectText().add("paused_ms", d).str());
  cue(CueKind::kResumed, now, seg.step, "Resuming: " + segment_text(seg), "Resuming.");
  run_until(now);
  return {};
}

EngineStatus SessionEngine::skip_phase(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (auto r = require_active("skip")) return tl::unexpected(*r);
  const Segment& seg = timeline_[current_];
  JsonObjectText data;
  data.add("phase", to_string(seg.kind));
  if (seg.set >= 0) data.add("set", seg.set);
  data.add("remaining_ms", seg_end_ - now);
  event("phase-skipped", now, seg.step, data.str());
  advance_after(current_, now);
  run_until(now);
  return {};
}

EngineStatus SessionEngine::skip_step(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (auto r = require_active("skip the step")) return tl::unexpected(*r);
  const int step = timeline_[current_].step;
  if (step < 0) {
    return tl::unexpected(
        refusal(RefusalCode::kNotInStep, "No step to skip yet: the session starts after the countdown."));
  }
  event("step-skipped", now, step, JsonObjectText().add("phase", to_string(timeline_[current_].kind)).str());
  std::size_t i = current_ + 1;
  while (i < timeline_.size() && (timeline_[i].skipped || timeline_[i].step == step)) ++i;
  if (i < timeline_.size()) {
    enter(i, now);
  } else {
    finish(now);
  }
  run_until(now);
  return {};
}

EngineStatus SessionEngine::extend_hold(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (auto r = require_active("extend")) return tl::unexpected(*r);
  if (state_ != SessionState::kHold && state_ != SessionState::kBreathe) {
    return tl::unexpected(refusal(RefusalCode::kNotInHold, "Only a hold or a breathing phase can be extended."));
  }
  Segment& seg = timeline_[current_];
  const std::int64_t by = std::int64_t{settings_.extend_s} * 1000;
  const bool hold = state_ == SessionState::kHold;
  const std::int64_t max = std::int64_t{hold ? settings_.max_hold_s : settings_.max_breathe_s} * 1000;
  if (seg.planned_ms + by > max) {
    return tl::unexpected(
        refusal(RefusalCode::kHoldAtMaximum, std::string(hold ? "This hold" : "This breathing phase") + " is already " +
                                                 seconds_text(seg.planned_ms) + "; it cannot go beyond " +
                                                 seconds_text(max) + (hold ? " (R8)." : " (R13).")));
  }
  seg.planned_ms += by;
  seg_end_ += by;
  schedule_sub_cue(now - seg_start_ + 1);
  event("hold-extended", now, seg.step,
        JsonObjectText().add("phase", to_string(seg.kind)).add("by_ms", by).add("hold_ms", seg.planned_ms).str());
  cue(CueKind::kExtended, now, seg.step, seconds_text(by) + " more. Keep breathing slowly.",
      seconds_text(by) + " more.");
  return {};
}

EngineStatus SessionEngine::back(MonoMillis now) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (auto r = require_active("go back")) return tl::unexpected(*r);
  std::size_t target = current_;
  if (now - seg_start_ < settings_.back_restart_ms) {
    std::size_t i = current_;
    bool found = false;
    while (i > 0) {
      --i;
      const Segment& s = timeline_[i];
      if (!s.skipped && s.planned_ms > 0 && s.kind != SegmentKind::kCheckIn) {
        found = true;
        break;
      }
    }
    if (!found) return tl::unexpected(refusal(RefusalCode::kNothingBefore, "Already at the start: nothing before."));
    target = i;
  }
  const Segment& to = timeline_[target];
  JsonObjectText data;
  data.add("from_phase", to_string(timeline_[current_].kind)).add("to_phase", to_string(to.kind));
  data.add("to_step", to.step);
  if (to.set >= 0) data.add("to_set", to.set);
  event("went-back", now, timeline_[current_].step, data.str());
  enter(target, now);
  run_until(now);
  return {};
}

EngineStatus SessionEngine::stop(MonoMillis now, std::string_view reason) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (state_ == SessionState::kNotStarted) {
    return tl::unexpected(refusal(RefusalCode::kNotStarted, "Cannot stop: not started yet."));
  }
  if (ended()) return tl::unexpected(refusal(RefusalCode::kEnded, "The session has already ended."));
  end_stopped(now, reason, nullptr);
  return {};
}

EngineStatus SessionEngine::interrupt(MonoMillis now, std::string_view player) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (state_ == SessionState::kNotStarted) {
    return tl::unexpected(refusal(RefusalCode::kNotStarted, "Cannot take over: not started yet."));
  }
  if (ended()) return tl::unexpected(refusal(RefusalCode::kEnded, "The session has already ended."));
  const Segment& seg = timeline_[current_];
  if (state_ != SessionState::kPaused) {
    paused_from_ = state_;
    state_ = SessionState::kPaused;
    paused_at_ = now;
  }
  settings_.player = std::string(player);
  event("interrupted", now, seg.step,
        JsonObjectText().add("phase", to_string(seg.kind)).add("player", settings_.player).str());
  cue(CueKind::kPaused, now, seg.step,
      "The session was interrupted here. Get back into position; resume when you are ready.", "Paused.");
  return {};
}

EngineStatus SessionEngine::red_flag(MonoMillis now, std::string_view id) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (state_ == SessionState::kNotStarted) {
    return tl::unexpected(refusal(RefusalCode::kNotStarted, "Not started: do not start this session."));
  }
  if (ended()) return tl::unexpected(refusal(RefusalCode::kEnded, "The session has already ended."));
  const RedFlag* flag = catalog_->find_red_flag(id);
  if (flag == nullptr) {
    return tl::unexpected(
        refusal(RefusalCode::kInvalidAnswer, "red_flag: \"" + std::string(id) + "\" is not a red flag in the catalog"));
  }
  const CheckInDecision d = decide_red_flag(*flag);
  apply_decision(now, d, CheckInAnswer{}, false);
  return {};
}

EngineStatus SessionEngine::check_in(MonoMillis now, const CheckInAnswer& answer) {
  if (auto r = check_time(now)) return tl::unexpected(*r);
  run_until(now);
  if (auto r = require_active("check in")) return tl::unexpected(*r);
  const bool prompted = state_ == SessionState::kCheckIn;
  if (!prompted && !is_step_phase(state_)) {
    return tl::unexpected(refusal(RefusalCode::kNotInStep, "Check in while you are rolling, or when asked."));
  }
  if (auto problem = problem_with(answer, *catalog_); !problem.empty()) {
    return tl::unexpected(refusal(RefusalCode::kInvalidAnswer, problem));
  }
  const Segment& seg = timeline_[current_];
  const RoutineStep& step = routine_.steps[static_cast<std::size_t>(seg.step)];
  CheckIn c;
  c.at_ms = unix_at(now);
  c.step = seg.step;
  c.exercise = step.exercise;
  c.region = step.region;
  c.side = step.side;
  c.intensity = answer.intensity;
  c.quality = answer.quality;
  c.note = answer.note;
  out_.records.emplace_back(c);

  const auto pain = pain_by_region_.find(step.region);
  const int earlier = pain == pain_by_region_.end() ? 0 : pain->second;
  const CheckInDecision d = decide_check_in(answer, step, *catalog_, settings_.kit, earlier);
  JsonObjectText data;
  data.add("intensity", answer.intensity).add("quality", to_string(answer.quality));
  if (!answer.also_felt.empty()) {
    std::vector<std::string> also;
    for (const Quality q : answer.also_felt) also.emplace_back(to_string(q));
    data.add("also_felt", also);
  }
  event("checked-in", now, seg.step,
        data.add("verdict", to_string(d.verdict)).add("prompted", prompted).add("rules", d.rules).str());
  if (d.verdict == Verdict::kAdapt) ++pain_by_region_[step.region];
  apply_decision(now, d, answer, prompted);
  run_until(now);
  return {};
}

EngineStatus SessionEngine::apply(MonoMillis now, const SessionInput& input) {
  switch (input.kind) {
    case InputKind::kPause: return pause(now);
    case InputKind::kResume: return resume(now);
    case InputKind::kSkipPhase: return skip_phase(now);
    case InputKind::kSkipStep: return skip_step(now);
    case InputKind::kExtendHold: return extend_hold(now);
    case InputKind::kBack: return back(now);
    case InputKind::kStop: return stop(now);
    case InputKind::kCheckIn: return check_in(now, input.check_in);
    case InputKind::kRedFlag: return red_flag(now, input.red_flag);
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------
// Adaptations

void SessionEngine::apply_decision(MonoMillis now, const CheckInDecision& d, const CheckInAnswer& answer,
                                   bool prompted) {
  const int step_index = timeline_[current_].step;  // no reference: an adaptation may insert segments

  if (!d.adaptation) {
    cue(CueKind::kAdvice, now, step_index, d.say, d.say, false, d.rules);
    if (prompted) advance_after(current_, now);
    return;
  }

  Adaptation a;
  a.at_ms = unix_at(now);
  a.step = step_index;
  a.kind = std::string(to_string(*d.adaptation));
  a.reason = d.reason;
  JsonObjectText detail;
  if (*d.adaptation != AdaptationKind::kStopSession) {
    detail.add("intensity", answer.intensity).add("quality", to_string(answer.quality));
  }
  detail.add("rules", d.rules);

  if (*d.adaptation == AdaptationKind::kStopSession) {
    detail.add("red_flag", d.red_flag).add("urgency", d.urgency ? to_string(*d.urgency) : "urgent");
    a.detail_json = detail.str();
    out_.records.emplace_back(std::move(a));
    cue(CueKind::kUrgent, now, step_index, d.say, d.say, true, d.rules);
    end_stopped(now, "red-flag", &d);
    return;
  }

  const RoutineStep current = routine_.steps[static_cast<std::size_t>(step_index)];
  // The current step and every later step on the same region (either side) take the change.
  std::vector<int> affected;
  for (std::size_t i = static_cast<std::size_t>(step_index); i < routine_.steps.size(); ++i) {
    if (routine_.steps[i].region == current.region) affected.push_back(static_cast<int>(i));
  }
  detail.add("region", current.region);

  switch (*d.adaptation) {
    case AdaptationKind::kLighterVariation:
      for (const int i : affected) lighter_[static_cast<std::size_t>(i)] = d.lighter;
      detail.add("lighter", d.lighter);
      break;
    case AdaptationKind::kSofterTool:
      // Only where the exercise takes that tool and the safety gate allows it (another exercise on the same
      // region keeps its own tool).
      for (const int i : affected) {
        RoutineStep candidate = routine_.steps[static_cast<std::size_t>(i)];
        const Exercise* x = catalog_->find_exercise(candidate.exercise);
        candidate.tool = d.tool;
        if (x == nullptr || std::find(x->tools.begin(), x->tools.end(), d.tool) == x->tools.end()) continue;
        if (!step_allowed(*catalog_, settings_.kit.screening, candidate, settings_.kit.context)) continue;
        routine_.steps[static_cast<std::size_t>(i)] = std::move(candidate);
      }
      detail.add("from_tool", current.tool).add("to_tool", d.tool);
      break;
    case AdaptationKind::kNearbySpot: {
      const Exercise* x = catalog_->find_exercise(d.exercise);
      const Tool* t = catalog_->find_tool(d.tool);
      for (const int i : affected) {
        if (x == nullptr || t == nullptr) break;
        RoutineStep candidate = with_exercise(routine_.steps[static_cast<std::size_t>(i)], *x, *t);
        // Every step that takes the change passes the safety gate (the other side may differ).
        if (!step_allowed(*catalog_, settings_.kit.screening, candidate, settings_.kit.context)) continue;
        routine_.steps[static_cast<std::size_t>(i)] = std::move(candidate);
      }
      detail.add("from_exercise", current.exercise).add("to_exercise", d.exercise).add("to_tool", d.tool);
      break;
    }
    case AdaptationKind::kSkipRegion: {
      for (std::size_t i = current_ + 1; i < timeline_.size(); ++i) {
        const int s = timeline_[i].step;
        if (s >= 0 && routine_.steps[static_cast<std::size_t>(s)].region == current.region) {
          timeline_[i].skipped = true;
        }
      }
      if (std::find(skipped_regions_.begin(), skipped_regions_.end(), current.region) == skipped_regions_.end()) {
        skipped_regions_.push_back(current.region);
      }
      break;
    }
    case AdaptationKind::kStopSession: break;
  }
  detail.add("steps", affected);
  a.detail_json = detail.str();
  out_.records.emplace_back(std::move(a));
  if (d.ask_clinician) {
    SessionNote n;
    n.at_ms = unix_at(now);
    const Region* r = catalog_->find_region(current.region);
    n.text = (r != nullptr ? r->name : current.region) + ": " + std::string(kClinicianNote);
    out_.records.emplace_back(std::move(n));
  }
  cue(CueKind::kAdaptation, now, step_index, d.say, d.say, true, d.rules);
  if (d.watch_numbness) {
    const std::string watch =
        "If numbness or tingling spreads, or has not faded once you are off the tool, stop and report it.";
    cue(CueKind::kAdvice, now, step_index, watch, watch, false, {"R12"});
  }

  switch (*d.adaptation) {
    case AdaptationKind::kLighterVariation:
      if (prompted) advance_after(current_, now);
      break;
    case AdaptationKind::kSofterTool:
    case AdaptationKind::kNearbySpot:
      // The current phase (or the check-in) ends now; a change-over comes first when this step goes on.
      insert_change_if_needed();
      advance_after(current_, now);
      break;
    case AdaptationKind::kSkipRegion:
    case AdaptationKind::kStopSession: advance_after(current_, now); break;
  }
}

void SessionEngine::insert_change_if_needed() {
  const int step = timeline_[current_].step;
  std::size_t next = current_ + 1;
  while (next < timeline_.size() && timeline_[next].skipped) ++next;
  if (next >= timeline_.size() || timeline_[next].step != step || settings_.change_s <= 0) return;
  const Segment change{SegmentKind::kChange, step, -1, std::int64_t{settings_.change_s} * 1000, false};
  timeline_.insert(timeline_.begin() + static_cast<std::ptrdiff_t>(current_ + 1), change);
}

// ---------------------------------------------------------------------------------------------------------
// Views

std::optional<MonoMillis> SessionEngine::started_at() const {
  if (state_ == SessionState::kNotStarted) return std::nullopt;
  return started_at_;
}

std::optional<MonoMillis> SessionEngine::ended_at() const {
  if (!ended()) return std::nullopt;
  return ended_at_;
}

SessionStatus SessionEngine::status() const {
  if (state_ == SessionState::kFinished) return SessionStatus::kFinished;
  if (state_ == SessionState::kStopped) return SessionStatus::kStopped;
  return SessionStatus::kActive;
}

std::optional<UnixMillis> SessionEngine::ended_unix_ms() const {
  if (!ended()) return std::nullopt;
  return unix_at(ended_at_);
}

SessionView SessionEngine::view(MonoMillis now) const {
  SessionView v;
  v.state = state_;
  v.steps = static_cast<int>(routine_.steps.size());
  v.skipped_regions = skipped_regions_;
  v.paused_ms = paused_total_ms_;
  if (state_ == SessionState::kNotStarted) {
    v.segment_ms = timeline_.empty() ? 0 : timeline_[0].planned_ms;
    v.remaining_ms = v.segment_ms;
    v.session_remaining_ms = planned_ms_;
    const int first = next_step_after(0);
    if (first >= 0) v.next = step_view(first);
    return v;
  }
  const Segment& seg = timeline_[current_];
  v.segment = seg.kind;
  v.set = seg.set;
  if (seg.step >= 0) v.step = step_view(seg.step);
  const int next = next_step_after(current_);
  if (next >= 0) v.next = step_view(next);
  v.text = segment_text(seg);

  MonoMillis at = now;
  if (state_ == SessionState::kPaused) {
    v.resumes_to = paused_from_;
    at = paused_at_;
    v.paused_ms += now - paused_at_;
  }
  if (ended()) at = ended_at_;
  v.session_elapsed_ms = at - started_at_ - paused_total_ms_;
  if (ended()) return v;

  v.segment_ms = seg.planned_ms;
  v.elapsed_ms = std::clamp<std::int64_t>(at - seg_start_, 0, seg.planned_ms);
  v.remaining_ms = seg.planned_ms - v.elapsed_ms;
  v.progress = seg.planned_ms > 0 ? static_cast<double>(v.elapsed_ms) / static_cast<double>(seg.planned_ms) : 1.0;
  v.session_remaining_ms = v.remaining_ms;
  for (std::size_t i = current_ + 1; i < timeline_.size(); ++i) {
    if (!timeline_[i].skipped) v.session_remaining_ms += timeline_[i].planned_ms;
  }
  if (seg.kind == SegmentKind::kHold || seg.kind == SegmentKind::kBreathe) v.breath = pacer_.at(v.elapsed_ms);
  if (seg.kind == SegmentKind::kMove && seg.step >= 0) {
    v.reps = routine_.steps[static_cast<std::size_t>(seg.step)].move_reps;
    v.rep = rep_at(v.elapsed_ms, seg.planned_ms, v.reps);
  }
  if (seg.kind == SegmentKind::kRoll && seg.step >= 0) {
    const std::int64_t pass_ms =
        std::int64_t{std::max(routine_.steps[static_cast<std::size_t>(seg.step)].pass_s, 1)} * 1000;
    v.pass = static_cast<int>(v.elapsed_ms / pass_ms + 1);
  }
  return v;
}

std::vector<ScheduledSegment> SessionEngine::schedule(MonoMillis now) const {
  std::vector<ScheduledSegment> out;
  if (state_ == SessionState::kNotStarted || ended()) return out;
  const std::int64_t shift = state_ == SessionState::kPaused ? now - paused_at_ : 0;
  std::int64_t t = seg_end_ + shift - started_at_;
  out.push_back({timeline_[current_], seg_start_ + shift - started_at_, t});
  for (std::size_t i = current_ + 1; i < timeline_.size(); ++i) {
    if (timeline_[i].skipped) continue;
    out.push_back({timeline_[i], t, t + timeline_[i].planned_ms});
    t += timeline_[i].planned_ms;
  }
  return out;
}

}  // namespace smr::core
