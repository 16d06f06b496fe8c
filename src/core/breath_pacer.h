#pragma once
// The breathing pacer for holds and breathing phases: slow nasal, belly breathing at a set rate (evidence.md
// R13: about 6 breaths per minute; 4-10 counts as slow). Pure arithmetic on elapsed milliseconds.
//
// Breath k (0-based) starts exactly at k * 60000 / breaths_per_minute ms (integer division), so rounding
// never accumulates over a long hold. Each breath begins with the inhale, which takes `inhale_share_pct` of
// the breath; the exhale takes the rest (a longer exhale is the calming part).

#include <cstdint>

namespace smr::core {

enum class BreathPhase { kInhale, kExhale };

struct BreathState {
  BreathPhase phase = BreathPhase::kInhale;
  int breath = 0;                 // 0-based index of the current breath
  std::int64_t remaining_ms = 0;  // until this inhale or exhale ends
  double progress = 0;            // 0..1 through this inhale or exhale
  double fill = 0;                // lungs: 0 empty .. 1 full; grows on the inhale, shrinks on the exhale
};

class BreathPacer {
 public:
  static constexpr int kMinBreathsPerMinute = 2;
  static constexpr int kMaxBreathsPerMinute = 20;
  static constexpr int kMinInhaleSharePct = 20;
  static constexpr int kMaxInhaleSharePct = 80;

  // Out-of-range arguments are clamped to the limits above.
  explicit BreathPacer(int breaths_per_minute = 6, int inhale_share_pct = 40);

  int breaths_per_minute() const { return bpm_; }
  int inhale_share_pct() const { return inhale_pct_; }

  // Where the pacer is `elapsed_ms` (>= 0) after the hold started. O(1).
  BreathState at(std::int64_t elapsed_ms) const;

  // The first inhale or exhale boundary strictly after `elapsed_ms` (>= 0). O(1).
  std::int64_t next_change_after(std::int64_t elapsed_ms) const;

  // The phase that starts at boundary `at_ms` (a value next_change_after returned).
  BreathPhase phase_starting_at(std::int64_t at_ms) const { return at(at_ms).phase; }

 private:
  std::int64_t breath_start(std::int64_t k) const { return k * 60000 / bpm_; }
  std::int64_t inhale_end(std::int64_t k) const {
    return breath_start(k) + (breath_start(k + 1) - breath_start(k)) * inhale_pct_ / 100;
  }

  int bpm_;
  int inhale_pct_;
};

}  // namespace smr::core
