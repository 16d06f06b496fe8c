#pragma once
// Self-test progress: per test and side, a baseline from the first two trials (R15), the latest value and
// the change, which counts only beyond the test's smallest real change; and the acute change from before to
// after each session (docs/progress.md "Self-tests").

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/journal.h"

namespace smr::core {

// The change a test must beat to count as real rather than measurement error or day-to-day variation.
struct SmallestRealChange {
  std::string_view test;
  double value = 0;
  std::string_view unit;
  std::string_view sources;  // evidence ids, e.g. "S44 S45"
};

// The five self-tests of evidence.md, higher values better for all of them. The Thomas test is pass-fail
// (1 = thigh at or below horizontal, 0 = above), so any change of verdict is a change; its validity is weak
// (S46).
inline constexpr std::array<SmallestRealChange, 5> kSmallestRealChanges{{
    {"knee-to-wall", 1.0, "cm", "S44 S45"},
    {"sit-and-reach", 4.0, "cm", "S33 S65"},
    {"thoracic-rotation", 6.0, "deg", "S47"},
    {"shoulder-flexion", 8.0, "deg", "S48 S66"},
    {"thomas-test", 1.0, "pass-fail", "S46"},
}};

// Nullopt for a test not in the table.
std::optional<SmallestRealChange> smallest_real_change(std::string_view test);

enum class SelfTestVerdict { kNeedsBaseline, kNoRealChange, kImproved, kDeclined };

template <>
struct EnumNames<SelfTestVerdict> {
  static constexpr std::array<std::pair<SelfTestVerdict, std::string_view>, 4> kNames{
      {{SelfTestVerdict::kNeedsBaseline, "needs-baseline"},
       {SelfTestVerdict::kNoRealChange, "no-real-change"},
       {SelfTestVerdict::kImproved, "improved"},
       {SelfTestVerdict::kDeclined, "declined"}}};
};

struct SelfTestValue {
  UnixMillis at_ms = 0;
  double value = 0;
  std::string phase;
  std::string session_uid;

  bool operator==(const SelfTestValue&) const = default;
};

// Before -> after one session (the last "before" and the last "after" of that session).
struct AcuteChange {
  std::string session_uid;
  UnixMillis at_ms = 0;  // of the "after" value
  double before = 0;
  double after = 0;
  double change = 0;
  SelfTestVerdict verdict = SelfTestVerdict::kNoRealChange;

  bool operator==(const AcuteChange&) const = default;
};

struct SelfTestProgress {
  std::string test;
  Side side = Side::kCentre;
  std::string unit;
  double smallest_real_change = 0;
  std::vector<SelfTestValue> history;   // every value, by time
  std::vector<double> baseline_trials;  // the (up to) two trials the baseline uses
  std::optional<double> baseline;       // their mean, once there are two
  std::optional<double> latest;         // the latest value that is not an "after" value
  UnixMillis latest_at_ms = 0;
  std::optional<double> change;  // latest - baseline
  SelfTestVerdict verdict = SelfTestVerdict::kNeedsBaseline;
  std::vector<AcuteChange> sessions;  // by time

  bool operator==(const SelfTestProgress&) const = default;
};

// Baseline trials: the first two "baseline" values; when there are fewer, the earliest values of other phases
// except "after" fill in (an "after" value is an acute effect, not a baseline, R5). The latest value is the
// latest "baseline", "before" or "check" value after the baseline trials. Tests not in kSmallestRealChanges
// (soreness ratings, workouts) are skipped. Ordered by test, then side.
std::vector<SelfTestProgress> self_test_progress(const std::vector<SelfTest>& results);

}  // namespace smr::core
