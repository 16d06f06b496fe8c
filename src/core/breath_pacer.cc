#include "core/breath_pacer.h"

#include <algorithm>

namespace smr::core {

BreathPacer::BreathPacer(int breaths_per_minute, int inhale_share_pct)
    : bpm_(std::clamp(breaths_per_minute, kMinBreathsPerMinute, kMaxBreathsPerMinute)),
      inhale_pct_(std::clamp(inhale_share_pct, kMinInhaleSharePct, kMaxInhaleSharePct)) {}

BreathState BreathPacer::at(std::int64_t elapsed_ms) const {
  const std::int64_t t = std::max<std::int64_t>(elapsed_ms, 0);
  // breath_start(k) <= t < breath_start(k + 1); the first guess can be one too high after integer division.
  std::int64_t k = t * bpm_ / 60000;
  while (k > 0 && breath_start(k) > t) --k;
  while (breath_start(k + 1) <= t) ++k;
  BreathState s;
  s.breath = static_cast<int>(k);
  const std::int64_t start = breath_start(k);
  const std::int64_t mid = inhale_end(k);
  const std::int64_t end = breath_start(k + 1);
  if (t < mid) {
    s.phase = BreathPhase::kInhale;
    s.remaining_ms = mid - t;
    s.progress = mid > start ? static_cast<double>(t - start) / static_cast<double>(mid - start) : 1.0;
    s.fill = s.progress;
  } else {
    s.phase = BreathPhase::kExhale;
    s.remaining_ms = end - t;
    s.progress = end > mid ? static_cast<double>(t - mid) / static_cast<double>(end - mid) : 1.0;
    s.fill = 1.0 - s.progress;
  }
  return s;
}

std::int64_t BreathPacer::next_change_after(std::int64_t elapsed_ms) const {
  const std::int64_t t = std::max<std::int64_t>(elapsed_ms, 0);
  std::int64_t k = t * bpm_ / 60000;
  while (k > 0 && breath_start(k) > t) --k;
  while (breath_start(k + 1) <= t) ++k;
  const std::int64_t mid = inhale_end(k);
  return t < mid ? mid : breath_start(k + 1);
}

}  // namespace smr::core
