#pragma once
// A live class (issue 20, docs/classes.md): one routine on one shared clock, each participant's own safety
// inside it.
//
// The class clock is never a ticking counter. The server keeps an anchor (the segment the class was in and the
// server time that segment started, pauses shifted out) and every device computes where the class is from it
// and its own estimate of the server's time: class_position() is that computation, the same on the server,
// in the terminal and (written again in TypeScript) on every phone. A teacher's control (start, pause, resume,
// next step, extend, end) turns one clock into the next, with the version one higher: apply_class_control().
//
// The timeline is the class routine's segments (core/session_timeline.h) with the teacher's options; the class
// flows from segment to segment by itself, as a solo session does with no input.
//
// A participant follows the same segments with their own steps: personalize_class() passes the class routine
// through the participant's safety gate step by step, so that a step that is not safe for them becomes a safe
// alternative or "rest and breathe" in the same place and for the same time. Pure: no I/O, no clock.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/catalog.h"
#include "core/enum_names.h"
#include "core/journal.h"
#include "core/routine.h"
#include "core/safety_gate.h"
#include "core/screening.h"
#include "core/session_timeline.h"

namespace smr::core {

enum class ClassState { kWaiting, kRunning, kPaused, kEnded };

template <>
struct EnumNames<ClassState> {
  static constexpr std::array<std::pair<ClassState, std::string_view>, 4> kNames{{
      {ClassState::kWaiting, "waiting"},
      {ClassState::kRunning, "running"},
      {ClassState::kPaused, "paused"},
      {ClassState::kEnded, "ended"},
  }};
};

// What the server stores and sends to every device.
struct ClassClock {
  ClassState state = ClassState::kWaiting;
  int segment = 0;              // the segment the anchor is in (running or paused)
  UnixMillis anchor_ms = 0;     // server time at which `segment` started, pauses shifted out
  std::int64_t extra_ms = 0;    // extensions of `segment` ("extend")
  UnixMillis paused_at_ms = 0;  // server time of the pause (paused)
  std::int64_t played_ms = 0;   // class time played before `segment` (extensions included, pauses not)
  std::int64_t version = 0;     // one higher after every control

  bool operator==(const ClassClock&) const = default;
};

// Where the class is at one moment.
struct ClassPosition {
  ClassState state = ClassState::kWaiting;  // kEnded once the last segment has run out, even with no "end"
  int segment = -1;                         // index in the timeline; -1 waiting; the timeline's size when ended
  int step = -1;                            // the segment's routine step (-1: get-ready, waiting or ended)
  std::int64_t elapsed_ms = 0;              // into the segment
  std::int64_t length_ms = 0;               // the segment's length, extensions included
  std::int64_t played_ms = 0;               // class time played since the start, pauses not counted

  std::int64_t remaining_ms() const { return length_ms - elapsed_ms; }
  bool operator==(const ClassPosition&) const = default;
};

// Where the class is at `now_ms` (server time). Before the anchor (a device whose clock runs behind) it is at
// the anchor. Segments marked skipped last 0 ms.
ClassPosition class_position(const std::vector<Segment>& timeline, const ClassClock& clock, UnixMillis now_ms);

enum class ClassControl { kStart, kPause, kResume, kNextStep, kExtend, kEnd };

template <>
struct EnumNames<ClassControl> {
  static constexpr std::array<std::pair<ClassControl, std::string_view>, 6> kNames{{
      {ClassControl::kStart, "start"},
      {ClassControl::kPause, "pause"},
      {ClassControl::kResume, "resume"},
      {ClassControl::kNextStep, "next-step"},
      {ClassControl::kExtend, "extend"},
      {ClassControl::kEnd, "end"},
  }};
};

inline constexpr std::int64_t kClassExtendMs = 15'000;  // one "extend", as "+15 s" in a solo session

// The clock after the teacher's control at `now_ms`, version one higher, or why the control does not apply
// now ("resume: the class is not paused"). The anchor moves to the segment the class is in, so a clock stays
// small however long the class runs.
//   start      waiting → running at the first segment
//   pause      running → paused; resume: paused → running where it paused
//   next-step  running or paused: to the first segment of the next step (paused stays paused there); after the
//              last step the class ends
//   extend     running or paused, in a hold or breathe segment: that segment lasts kClassExtendMs longer
//   end        any state but ended → ended
tl::expected<ClassClock, std::string> apply_class_control(const std::vector<Segment>& timeline, const ClassClock& clock,
                                                          ClassControl control, UnixMillis now_ms);

// One class step as one participant plays it.
enum class ClassPartKind {
  kSame,         // the class's step (its intensity ceiling possibly lowered for them)
  kAlternative,  // a safe alternative the gate chose (another exercise or tool on the same area)
  kRest,         // nothing safe can take its place: rest and breathe for the step's time
};

template <>
struct EnumNames<ClassPartKind> {
  static constexpr std::array<std::pair<ClassPartKind, std::string_view>, 3> kNames{{
      {ClassPartKind::kSame, "same"},
      {ClassPartKind::kAlternative, "alternative"},
      {ClassPartKind::kRest, "rest"},
  }};
};

struct ClassPart {
  ClassPartKind kind = ClassPartKind::kSame;
  std::optional<RoutineStep> step;  // what they play (nullopt for kRest)
  std::vector<GateChange> changes;  // why it differs from the class's step (with rule ids), for them only
};

// The class routine through one participant's gate: one part per class step, in order. Refused (the gate's
// refusal) only for a red flag or an active warning sign (kStop: they do not roll now) or a class step that
// does not hold together (kIncoherent). The parts share the class's segments: a part never changes the time.
tl::expected<std::vector<ClassPart>, GateRefusal> personalize_class(const Catalog& catalog,
                                                                    const ScreeningResult& screening,
                                                                    const GatePolicy& policy,
                                                                    const Routine& class_routine);

}  // namespace smr::core
