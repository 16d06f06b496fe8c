#include "core/session_timeline.h"

namespace smr::core {

SegmentKind segment_kind(PhaseKind phase) {
  switch (phase) {
    case PhaseKind::kLocate: return SegmentKind::kLocate;
    case PhaseKind::kHold: return SegmentKind::kHold;
    case PhaseKind::kMove: return SegmentKind::kMove;
    case PhaseKind::kRoll: return SegmentKind::kRoll;
    case PhaseKind::kBreathe: return SegmentKind::kBreathe;
  }
  return SegmentKind::kHold;
}

std::vector<Segment> build_timeline(const Routine& routine, const TimelineOptions& options) {
  std::vector<Segment> out;
  out.push_back({SegmentKind::kGetReady, -1, -1, std::int64_t{options.get_ready_s} * 1000, false});
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    const RoutineStep& step = routine.steps[i];
    const int index = static_cast<int>(i);
    out.push_back({SegmentKind::kTransition, index, -1, std::int64_t{step.transition_s} * 1000, false});
    for (int set = 0; set < step.sets; ++set) {
      for (const Phase& phase : step.phases) {
        if (phase.seconds <= 0) continue;
        out.push_back({segment_kind(phase.kind), index, set, std::int64_t{phase.seconds} * 1000, false});
      }
      if (options.check_in_s > 0) {
        out.push_back({SegmentKind::kCheckIn, index, set, std::int64_t{options.check_in_s} * 1000, false});
      }
    }
  }
  return out;
}

std::int64_t planned_ms(const std::vector<Segment>& timeline) {
  std::int64_t total = 0;
  for (const Segment& s : timeline) {
    if (!s.skipped) total += s.planned_ms;
  }
  return total;
}

}  // namespace smr::core
