#include "core/class_timeline.h"

#include <algorithm>

#include "core/transition_text.h"

namespace smr::core {

namespace {

std::int64_t length_of(const std::vector<Segment>& timeline, int i, const ClassClock& clock) {
  const auto& s = timeline[static_cast<std::size_t>(i)];
  std::int64_t length = s.skipped ? 0 : s.planned_ms;
  if (i == clock.segment) length += clock.extra_ms;
  return length;
}

// The same position, anchored at the segment it is in (so a clock stays small and an extension applies there).
ClassClock anchored(const ClassClock& clock, const ClassPosition& at, UnixMillis at_ms) {
  ClassClock next = clock;
  if (at.segment != clock.segment) next.extra_ms = 0;
  next.segment = at.segment;
  next.anchor_ms = at_ms - at.elapsed_ms;
  next.played_ms = at.played_ms - at.elapsed_ms;
  return next;
}

std::string refused(ClassControl control, std::string_view why) {
  return std::string(to_string(control)) + ": " + std::string(why);
}

}  // namespace

ClassPosition class_position(const std::vector<Segment>& timeline, const ClassClock& clock, UnixMillis now_ms) {
  ClassPosition p;
  p.state = clock.state;
  const int n = static_cast<int>(timeline.size());
  if (clock.state == ClassState::kWaiting) return p;
  if (clock.state == ClassState::kEnded || clock.segment >= n) {
    p.state = ClassState::kEnded;
    p.segment = n;
    p.played_ms = clock.played_ms;
    return p;
  }
  const UnixMillis at = clock.state == ClassState::kPaused ? clock.paused_at_ms : now_ms;
  std::int64_t t = std::max<std::int64_t>(0, at - clock.anchor_ms);
  std::int64_t played = clock.played_ms;
  int i = std::max(0, clock.segment);
  for (; i < n; ++i) {
    const std::int64_t length = length_of(timeline, i, clock);
    if (t < length) {
      p.segment = i;
      p.step = timeline[static_cast<std::size_t>(i)].step;
      p.elapsed_ms = t;
      p.length_ms = length;
      p.played_ms = played + t;
      return p;
    }
    t -= length;
    played += length;
  }
  p.state = ClassState::kEnded;
  p.segment = n;
  p.played_ms = played;
  return p;
}

tl::expected<ClassClock, std::string> apply_class_control(const std::vector<Segment>& timeline, const ClassClock& clock,
                                                          ClassControl control, UnixMillis now_ms) {
  const int n = static_cast<int>(timeline.size());
  if (clock.state == ClassState::kEnded) return tl::unexpected(refused(control, "the class has ended"));
  if (clock.state == ClassState::kWaiting) {
    if (control == ClassControl::kEnd) {
      ClassClock next = clock;
      next.state = ClassState::kEnded;
      next.segment = n;
      ++next.version;
      return next;
    }
    if (control != ClassControl::kStart) return tl::unexpected(refused(control, "the class has not started"));
    ClassClock next;
    next.state = n > 0 ? ClassState::kRunning : ClassState::kEnded;
    next.segment = n > 0 ? 0 : n;
    next.anchor_ms = now_ms;
    next.version = clock.version + 1;
    return next;
  }
  const ClassPosition at = class_position(timeline, clock, now_ms);
  const UnixMillis at_ms = clock.state == ClassState::kPaused ? clock.paused_at_ms : now_ms;
  ClassClock next;
  switch (control) {
    case ClassControl::kStart: return tl::unexpected(refused(control, "the class has already started"));
    case ClassControl::kEnd:
      next = clock;
      next.state = ClassState::kEnded;
      next.segment = n;
      next.extra_ms = 0;
      next.played_ms = at.played_ms;
      break;
    case ClassControl::kPause:
      if (at.state == ClassState::kEnded) return tl::unexpected(refused(control, "the class has run to its end"));
      if (clock.state != ClassState::kRunning) return tl::unexpected(refused(control, "the class is not running"));
      next = anchored(clock, at, at_ms);
      next.state = ClassState::kPaused;
      next.paused_at_ms = now_ms;
      break;
    case ClassControl::kResume:
      if (clock.state != ClassState::kPaused) return tl::unexpected(refused(control, "the class is not paused"));
      next = anchored(clock, at, at_ms);
      next.anchor_ms += now_ms - clock.paused_at_ms;
      next.state = ClassState::kRunning;
      next.paused_at_ms = 0;
      break;
    case ClassControl::kNextStep: {
      if (at.state == ClassState::kEnded) return tl::unexpected(refused(control, "the class has run to its end"));
      int j = at.segment + 1;
      while (j < n && timeline[static_cast<std::size_t>(j)].step <= at.step) ++j;
      next = clock;
      next.extra_ms = 0;
      next.played_ms = at.played_ms;
      if (j >= n) {
        next.state = ClassState::kEnded;
        next.segment = n;
        break;
      }
      next.segment = j;
      next.anchor_ms = now_ms;
      if (clock.state == ClassState::kPaused) next.paused_at_ms = now_ms;
      break;
    }
    case ClassControl::kExtend: {
      if (at.state == ClassState::kEnded) return tl::unexpected(refused(control, "the class has run to its end"));
      const auto kind = timeline[static_cast<std::size_t>(at.segment)].kind;
      if (kind != SegmentKind::kHold && kind != SegmentKind::kBreathe) {
        return tl::unexpected(refused(
            control, "only a hold or a breathing segment is extended (now: " + std::string(to_string(kind)) + ")"));
      }
      next = anchored(clock, at, at_ms);
      next.extra_ms += kClassExtendMs;
      break;
    }
  }
  next.version = clock.version + 1;
  return next;
}

tl::expected<std::vector<ClassPart>, GateRefusal> personalize_class(const Catalog& catalog,
                                                                    const ScreeningResult& screening,
                                                                    const GatePolicy& policy,
                                                                    const Routine& class_routine) {
  auto gated = gate_steps(catalog, screening, policy, class_routine);
  if (!gated) return tl::unexpected(std::move(gated.error()));
  std::vector<ClassPart> parts(gated->steps.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& part = parts[i];
    part.step = std::move(gated->steps[i]);
    for (const auto& c : gated->changes) {
      if (c.step == static_cast<int>(i)) part.changes.push_back(c);
    }
    const bool replaced = std::any_of(part.changes.begin(), part.changes.end(),
                                      [](const GateChange& c) { return c.kind == GateChangeKind::kReplaced; });
    part.kind = !part.step ? ClassPartKind::kRest : replaced ? ClassPartKind::kAlternative : ClassPartKind::kSame;
  }
  // The words to get to each step they play follow what they play: written again for an alternative, and for a
  // step after one of theirs that differs from the class's (an alternative, or rest: then from the last step
  // they played, or as a first step).
  const RoutineStep* prev = nullptr;
  bool prev_same = true;
  for (auto& part : parts) {
    if (!part.step) {
      prev_same = false;
      continue;
    }
    if ((part.kind == ClassPartKind::kAlternative || !prev_same) && !part.step->transition.empty()) {
      part.step->transition = transition_text(catalog, *part.step, prev);
    }
    prev = &*part.step;
    prev_same = part.kind == ClassPartKind::kSame;
  }
  return parts;
}

}  // namespace smr::core
