#pragma once
// The session engine: plays a routine as a guided session. An explicit state machine over the session
// timeline (core/session_timeline.h), driven by time and inputs; it emits cues (what to show and say, and
// when) and records (what to store). Documented with a diagram in docs/session.md.
//
// Time. The engine reads no clock. Every call takes `now`, milliseconds on a monotonic clock the caller
// chooses (std::chrono::steady_clock in a player, a plain counter in tests); `now` never decreases. Each
// segment's deadline is the previous segment's deadline plus its planned length, so all deadlines are fixed
// offsets from the session start: late ticks cause no drift. A pause shifts every later deadline by exactly
// the pause length; skip, back and check-in answers restart the chain at the moment of the input.
//
// Driving it (a player's loop):
//
//   SessionEngine engine(routine, catalog, settings);
//   engine.start(mono_now(), unix_now());
//   while (!engine.ended()) {
//     wait for input or until engine.next_deadline() (forever when it is nullopt: paused);
//     if (input) engine.apply(mono_now(), input) -> show the Refusal's message when refused
//     else engine.tick(mono_now());
//     SessionUpdate u = engine.take_update();
//     store u.records (fill uids and session_uid), play u.cues, render engine.view(mono_now());
//   }
//
// Every call first catches up with `now` (emitting whatever fell due, each stamped with its own due time),
// then acts. A refused input changes nothing except that catch-up. tick() does O(1) work when nothing is due.
//
// Not thread-safe: one engine per session, called from one thread (or under the caller's lock).

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

#include "core/breath_pacer.h"
#include "core/catalog.h"
#include "core/checkin_rules.h"
#include "core/enum_names.h"
#include "core/journal.h"
#include "core/routine.h"
#include "core/session_timeline.h"

namespace smr::core {

// Milliseconds on the caller's monotonic clock.
using MonoMillis = std::int64_t;

// The states. Active states are the segment kinds; kPaused remembers which one it interrupted.
//
//   kNotStarted --start--> kGetReady --(deadline)--> kTransition --> kLocate/kHold/kMove/kRoll/kBreathe
//   --> kCheckIn --> (next set or step) ... --> kFinished
//   any active state --pause--> kPaused --resume--> the same state
//   any active state or kPaused --stop / red flag--> kStopped
enum class SessionState {
  kNotStarted,
  kGetReady,
  kTransition,
  kChange,
  kLocate,
  kHold,
  kMove,
  kRoll,
  kBreathe,
  kCheckIn,
  kPaused,
  kFinished,
  kStopped,
};

template <>
struct EnumNames<SessionState> {
  static constexpr std::array<std::pair<SessionState, std::string_view>, 13> kNames{{
      {SessionState::kNotStarted, "not-started"},
      {SessionState::kGetReady, "get-ready"},
      {SessionState::kTransition, "transition"},
      {SessionState::kChange, "change"},
      {SessionState::kLocate, "locate"},
      {SessionState::kHold, "hold"},
      {SessionState::kMove, "move"},
      {SessionState::kRoll, "roll"},
      {SessionState::kBreathe, "breathe"},
      {SessionState::kCheckIn, "check-in"},
      {SessionState::kPaused, "paused"},
      {SessionState::kFinished, "finished"},
      {SessionState::kStopped, "stopped"},
  }};
};

SessionState state_for(SegmentKind kind);

enum class CueKind {
  kGetReady,     // the session is about to start; names the first exercise
  kCountdown,    // "3", "2", "1" before get-ready, a transition or a change ends
  kStep,         // a new step: exercise, side, tool, how to get into position
  kSwitchSides,  // the same region, the other side
  kChange,       // change tool or spot after an adaptation
  kPhase,        // a phase starts: locate, hold, move, roll or breathe, with its instruction
  kInhale,       // breathing pacer, in holds and breathing phases
  kExhale,
  kRep,         // a repetition in the move phase
  kPass,        // a rolling pass (pace)
  kCheckIn,     // "how does it feel?"
  kAdvice,      // the answer to a check-in that changes nothing (lean in, good, ease off)
  kAdaptation,  // the plan changed (lighter, softer tool, nearby spot, skip region)
  kExtended,    // the hold got longer
  kPaused,
  kResumed,
  kUrgent,  // a red flag stopped the session
  kFinished,
  kStopped,
};

template <>
struct EnumNames<CueKind> {
  static constexpr std::array<std::pair<CueKind, std::string_view>, 19> kNames{{
      {CueKind::kGetReady, "get-ready"},
      {CueKind::kCountdown, "countdown"},
      {CueKind::kStep, "step"},
      {CueKind::kSwitchSides, "switch-sides"},
      {CueKind::kChange, "change"},
      {CueKind::kPhase, "phase"},
      {CueKind::kInhale, "inhale"},
      {CueKind::kExhale, "exhale"},
      {CueKind::kRep, "rep"},
      {CueKind::kPass, "pass"},
      {CueKind::kCheckIn, "check-in"},
      {CueKind::kAdvice, "advice"},
      {CueKind::kAdaptation, "adaptation"},
      {CueKind::kExtended, "extended"},
      {CueKind::kPaused, "paused"},
      {CueKind::kResumed, "resumed"},
      {CueKind::kUrgent, "urgent"},
      {CueKind::kFinished, "finished"},
      {CueKind::kStopped, "stopped"},
  }};
};

// Something to show and say.
struct Cue {
  CueKind kind = CueKind::kPhase;
  MonoMillis at_ms = 0;            // when it was due; earlier than `now` when the caller was late (drop stale beats)
  int step = -1;                   // routine step index, -1 when not about a step
  std::string text;                // what to show
  std::string say;                 // what the voice speaks; "" for show-only beats (rolling passes)
  bool chime = false;              // a phase change: a player may ring a bell
  std::vector<std::string> rules;  // R-ids behind advice and adaptations

  bool operator==(const Cue&) const = default;
};

// What to store, one journal record each. The engine fills everything except uids and session_uid
// (SessionEvent::seq counts from 0 in emission order; at_ms is Unix time derived from start()'s wall_now).
using EngineRecord = std::variant<SessionEvent, CheckIn, Adaptation, SessionNote>;

struct SessionUpdate {
  std::vector<Cue> cues;
  std::vector<EngineRecord> records;

  bool empty() const { return cues.empty() && records.empty(); }
};

enum class InputKind { kPause, kResume, kSkipPhase, kSkipStep, kExtendHold, kBack, kStop, kCheckIn, kRedFlag };

template <>
struct EnumNames<InputKind> {
  static constexpr std::array<std::pair<InputKind, std::string_view>, 9> kNames{{
      {InputKind::kPause, "pause"},
      {InputKind::kResume, "resume"},
      {InputKind::kSkipPhase, "skip-phase"},
      {InputKind::kSkipStep, "skip-step"},
      {InputKind::kExtendHold, "extend-hold"},
      {InputKind::kBack, "back"},
      {InputKind::kStop, "stop"},
      {InputKind::kCheckIn, "check-in"},
      {InputKind::kRedFlag, "red-flag"},
  }};
};

// One input, as a web player posts it or a script file lists it.
struct SessionInput {
  InputKind kind = InputKind::kPause;
  CheckInAnswer check_in;  // kCheckIn
  std::string red_flag;    // kRedFlag: catalog red-flag id

  bool operator==(const SessionInput&) const = default;
};

enum class RefusalCode {
  kTimeWentBack,  // `now` is earlier than a previous call's
  kNotStarted,    // the session has not started
  kAlreadyStarted,
  kEnded,   // finished or stopped
  kPaused,  // resume first
  kNotPaused,
  kNotInStep,      // skip step or check in during get-ready, a transition or a change
  kNotInHold,      // extend outside a hold or breathing phase
  kHoldAtMaximum,  // the hold would exceed SessionSettings::max_hold_s (a breathing phase: max_breathe_s)
  kNothingBefore,  // back at the very start
  kInvalidAnswer,  // a check-in answer out of range or naming an unknown red flag
};

template <>
struct EnumNames<RefusalCode> {
  static constexpr std::array<std::pair<RefusalCode, std::string_view>, 11> kNames{{
      {RefusalCode::kTimeWentBack, "time-went-back"},
      {RefusalCode::kNotStarted, "not-started"},
      {RefusalCode::kAlreadyStarted, "already-started"},
      {RefusalCode::kEnded, "ended"},
      {RefusalCode::kPaused, "paused"},
      {RefusalCode::kNotPaused, "not-paused"},
      {RefusalCode::kNotInStep, "not-in-step"},
      {RefusalCode::kNotInHold, "not-in-hold"},
      {RefusalCode::kHoldAtMaximum, "hold-at-maximum"},
      {RefusalCode::kNothingBefore, "nothing-before"},
      {RefusalCode::kInvalidAnswer, "invalid-answer"},
  }};
};

// An illegal move, with a message a person understands ("Nothing to resume: the session is not paused.").
struct Refusal {
  RefusalCode code = RefusalCode::kNotStarted;
  std::string message;

  bool operator==(const Refusal&) const = default;
};

using EngineStatus = tl::expected<void, Refusal>;

struct SessionSettings {
  PersonKit kit;  // owned tools and conditions, for adaptations
  // The countdown before the first step, and how long the check-in after every set waits for an answer (0: no
  // check-ins). nullopt: the routine's (Routine::get_ready_s, check_in_s: what the plan fitted in its budget);
  // a value overrides it, and the session is then that much longer or shorter than planned.
  std::optional<int> get_ready_s;
  std::optional<int> check_in_s;
  int extend_s = 15;                      // extend_hold() adds this much
  int max_hold_s = 60;                    // a hold is never extended beyond this (R8: hold a tender spot 20-60 s)
  int max_breathe_s = 120;                // a breathing phase is never extended beyond this (R13: slow breathing)
  int change_s = 10;                      // time to change tool or spot after an adaptation
  int countdown_s = 3;                    // "3, 2, 1" before get-ready, transitions and changes end
  int back_restart_ms = 3000;             // back() later than this into a segment restarts it; earlier goes back one
  std::optional<int> breaths_per_minute;  // overrides Routine::breaths_per_minute (R13: 6 by default)
  int inhale_share_pct = 40;              // share of each breath spent breathing in
  // Who plays the session (service::this_player(): host, process id and its start), recorded in the
  // session-started and interrupted events so that a later process can tell an orphaned session from a live one.
  std::string player;

  bool operator==(const SessionSettings&) const = default;
};

struct StepView {
  int index = -1;
  std::string exercise;  // ids and display names (the id when the catalog does not know it)
  std::string exercise_name;
  std::string region;
  std::string region_name;
  Side side = Side::kCentre;
  std::string tool;
  std::string tool_name;
  int sets = 1;
  std::string lighter;  // the lighter variation in use after an adaptation, else ""
};

// A snapshot for rendering. O(steps) to build; call it per frame, not per millisecond.
struct SessionView {
  SessionState state = SessionState::kNotStarted;
  SessionState resumes_to = SessionState::kNotStarted;  // when paused: the state resume() returns to
  SegmentKind segment = SegmentKind::kGetReady;
  std::optional<StepView> step;  // the current step (none during get-ready)
  std::optional<StepView> next;  // the next step to be played, if any
  int steps = 0;
  int set = -1;                 // 0-based, -1 outside a set
  std::int64_t segment_ms = 0;  // planned length of the current segment
  std::int64_t elapsed_ms = 0;
  std::int64_t remaining_ms = 0;
  double progress = 0;                    // 0..1 through the current segment
  std::optional<BreathState> breath;      // in holds and breathing phases
  int rep = 0, reps = 0;                  // move phase: 1-based current repetition
  int pass = 0;                           // roll phase: 1-based current pass
  std::string text;                       // the instruction of the current segment
  std::int64_t session_elapsed_ms = 0;    // since start, pauses excluded
  std::int64_t session_remaining_ms = 0;  // planned, from now to the end
  std::int64_t paused_ms = 0;             // total time paused so far
  std::vector<std::string> skipped_regions;
};

// A segment with its projected times, in ms from the session start (pauses included; while paused, as if
// resumed at `now`).
struct ScheduledSegment {
  Segment segment;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;

  bool operator==(const ScheduledSegment&) const = default;
};

class SessionEngine {
 public:
  // `catalog` must outlive the engine (it gives names, lighter variations, tools and red flags).
  SessionEngine(Routine routine, const Catalog& catalog, SessionSettings settings = {});

  // kNotStarted -> kGetReady. `wall_now_ms` is the Unix time at `now`, used only to stamp records.
  EngineStatus start(MonoMillis now, UnixMillis wall_now_ms);

  // Emits everything due up to `now`. Refused only when time goes back.
  EngineStatus tick(MonoMillis now);

  EngineStatus pause(MonoMillis now);
  EngineStatus resume(MonoMillis now);
  EngineStatus skip_phase(MonoMillis now);   // the current segment ends now (a check-in: unanswered)
  EngineStatus skip_step(MonoMillis now);    // go to the next step's first segment
  EngineStatus extend_hold(MonoMillis now);  // hold or breathe: + extend_s
  EngineStatus back(MonoMillis now);         // restart this segment, or go to the previous one near its start
  EngineStatus stop(MonoMillis now, std::string_view reason = "user");  // reason: user, terminated, interrupted
  // The process that played the session died at `now` (its last stored record) and `player` takes it over:
  // the session is paused there (as a pause would; resume() continues it, the downtime counted as paused) and
  // an `interrupted` event names the new player. Also while paused (the pause goes on).
  EngineStatus interrupt(MonoMillis now, std::string_view player);
  // Answers a prompted check-in, or checks in unprompted during a locate, hold, move, roll or breathe phase.
  EngineStatus check_in(MonoMillis now, const CheckInAnswer& answer);
  EngineStatus red_flag(MonoMillis now, std::string_view red_flag_id);  // stops the session
  EngineStatus apply(MonoMillis now, const SessionInput& input);

  // Cues and records emitted since the last call, in order.
  SessionUpdate take_update();
  // Whether take_update() would return anything (cheap: lets a per-millisecond loop skip the move).
  bool has_update() const { return !out_.empty(); }

  SessionState state() const { return state_; }
  bool ended() const { return state_ == SessionState::kFinished || state_ == SessionState::kStopped; }
  // When the next cue or segment end falls due; nullopt when nothing will happen without an input (not
  // started, paused, ended). Sleep until then.
  std::optional<MonoMillis> next_deadline() const;

  SessionView view(MonoMillis now) const;
  std::vector<ScheduledSegment> schedule(MonoMillis now) const;  // from the current segment to the end

  const Routine& routine() const { return routine_; }  // with adaptations applied
  const SessionSettings& settings() const { return settings_; }
  const std::vector<Segment>& timeline() const { return timeline_; }
  std::size_t current_segment() const { return current_; }
  // The whole session as first planned (get-ready, transitions, phases, check-in windows), in ms.
  std::int64_t planned_ms() const { return planned_ms_; }
  std::optional<MonoMillis> started_at() const;
  std::optional<MonoMillis> ended_at() const;
  std::int64_t paused_ms() const { return paused_total_ms_; }
  // For SessionInfo: kActive until the session ends; then the Unix time it ended.
  SessionStatus status() const;
  std::optional<UnixMillis> ended_unix_ms() const;

 private:
  static constexpr MonoMillis kNever = INT64_MAX;

  bool active() const;
  std::optional<Refusal> check_time(MonoMillis now);
  std::optional<Refusal> require_active(std::string_view what) const;
  void run_until(MonoMillis now);
  void enter(std::size_t index, MonoMillis at);
  void advance_after(std::size_t index, MonoMillis at);
  void finish(MonoMillis at);
  void end_stopped(MonoMillis at, std::string_view reason, const CheckInDecision* flag);
  void schedule_sub_cue(std::int64_t from_offset);
  void emit_sub_cue(MonoMillis at);
  void apply_decision(MonoMillis now, const CheckInDecision& d, const CheckInAnswer& answer, bool prompted);
  void insert_change_if_needed();

  void cue(CueKind kind, MonoMillis at, int step, std::string text, std::string say, bool chime = false,
           std::vector<std::string> rules = {});
  void event(std::string kind, MonoMillis at, int step, std::string data_json = "{}");
  UnixMillis unix_at(MonoMillis at) const { return wall_start_ms_ + (at - started_at_); }

  StepView step_view(int index) const;
  std::string segment_text(const Segment& s) const;
  std::string step_intro(int index) const;
  int next_step_after(std::size_t index) const;

  Routine routine_;
  const Catalog* catalog_;
  SessionSettings settings_;
  BreathPacer pacer_;
  std::vector<Segment> timeline_;
  std::int64_t planned_ms_ = 0;

  SessionState state_ = SessionState::kNotStarted;
  SessionState paused_from_ = SessionState::kNotStarted;
  std::size_t current_ = 0;
  MonoMillis started_at_ = 0;
  UnixMillis wall_start_ms_ = 0;
  MonoMillis last_now_ = 0;
  MonoMillis seg_start_ = 0;
  MonoMillis seg_end_ = 0;
  MonoMillis next_sub_ = kNever;  // the next in-segment cue (countdown, breath, rep, pass)
  MonoMillis paused_at_ = 0;
  std::int64_t paused_total_ms_ = 0;
  MonoMillis ended_at_ = 0;
  std::int64_t seq_ = 0;

  std::map<std::string, int, std::less<>> pain_by_region_;  // adaptation-level check-ins per region
  std::vector<std::string> skipped_regions_;
  std::vector<std::string> lighter_;  // per step: lighter variation in use
  SessionUpdate out_;
};

}  // namespace smr::core
