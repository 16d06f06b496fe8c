#pragma once
// The timeline a session plays: a routine flattened into segments, each with a planned length.
//
//   get-ready, then for every step: transition (possibly 0 ms), then per set: its phases (locate, hold, move,
//   roll or breathe, in the routine's order) and a check-in.
//
// Segments are the unit of timing: the session engine plays them one after another, each starting exactly
// when the previous one ended. Phases of 0 s are left out; a transition is always present (it carries the
// "next exercise" or "switch sides" cue) even when it lasts 0 ms.

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/routine.h"

namespace smr::core {

enum class SegmentKind {
  kGetReady,    // countdown before the first step
  kTransition,  // get into position, change tool or side (RoutineStep::transition_s)
  kChange,      // change tool or spot after an adaptation (inserted by the engine)
  kLocate,
  kHold,
  kMove,
  kRoll,
  kBreathe,
  kCheckIn,  // "how does it feel?", answered or timed out
};

template <>
struct EnumNames<SegmentKind> {
  static constexpr std::array<std::pair<SegmentKind, std::string_view>, 9> kNames{{
      {SegmentKind::kGetReady, "get-ready"},
      {SegmentKind::kTransition, "transition"},
      {SegmentKind::kChange, "change"},
      {SegmentKind::kLocate, "locate"},
      {SegmentKind::kHold, "hold"},
      {SegmentKind::kMove, "move"},
      {SegmentKind::kRoll, "roll"},
      {SegmentKind::kBreathe, "breathe"},
      {SegmentKind::kCheckIn, "check-in"},
  }};
};

SegmentKind segment_kind(PhaseKind phase);

struct Segment {
  SegmentKind kind = SegmentKind::kGetReady;
  int step = -1;                // routine step index; -1 for get-ready
  int set = -1;                 // 0-based set of the step; -1 for get-ready, transition and change
  std::int64_t planned_ms = 0;  // as planned; an extended hold adds to it
  bool skipped = false;         // dropped by an adaptation (skip region); never played

  bool operator==(const Segment&) const = default;
};

struct TimelineOptions {
  int get_ready_s = 10;
  int check_in_s = 10;  // how long a check-in waits for an answer; 0: no check-in segments
};

std::vector<Segment> build_timeline(const Routine& routine, const TimelineOptions& options);

// Sum of planned_ms over segments that are not skipped.
std::int64_t planned_ms(const std::vector<Segment>& timeline);

}  // namespace smr::core
