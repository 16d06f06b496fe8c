#pragma once
// Guided self-tests (catalog/self_tests.toml): how to do each range-of-motion test of evidence.md
// "Self-tests" at home, which values are plausible, and how to read the result. General guidance, never a
// diagnosis.
//
// A guide's id is the `test` of the SelfTest rows it produces and must be one of core::kSmallestRealChanges
// (progress_self_test.h), with the same unit: the loader checks both, so every guided test has a smallest real
// change and its progress can be judged. When you add a test to kSmallestRealChanges, also add its guide.

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/region.h"

namespace smr::core {

// The unit a test is measured in; the spellings are those of SelfTest::unit and kSmallestRealChanges.
enum class TestUnit { kCm, kDeg, kPassFail };

template <>
struct EnumNames<TestUnit> {
  static constexpr std::array<std::pair<TestUnit, std::string_view>, 3> kNames{
      {{TestUnit::kCm, "cm"}, {TestUnit::kDeg, "deg"}, {TestUnit::kPassFail, "pass-fail"}}};
};

// When a value was taken (SelfTest::phase): one of two first trials that make the baseline (R15); right before
// or right after a rolling session (its acute effect); or a later re-test on its own.
enum class SelfTestPhase { kBaseline, kBefore, kAfter, kCheck };

template <>
struct EnumNames<SelfTestPhase> {
  static constexpr std::array<std::pair<SelfTestPhase, std::string_view>, 4> kNames{
      {{SelfTestPhase::kBaseline, "baseline"},
       {SelfTestPhase::kBefore, "before"},
       {SelfTestPhase::kAfter, "after"},
       {SelfTestPhase::kCheck, "check"}}};
};

// A baseline takes this many trials: the second is usually better through practice alone (R15, S33).
inline constexpr int kBaselineTrials = 2;

struct SelfTestGuide {
  std::string id;        // "knee-to-wall"; the SelfTest::test it records
  std::string name;      // "Knee-to-wall (ankle bend)"
  std::string measures;  // what it measures, in plain words
  TestUnit unit = TestUnit::kCm;
  Laterality laterality = Laterality::kPaired;  // paired: left and right are measured (and stored) apart
  double min_value = 0;                         // plausible values, both inclusive; others are refused as typos
  double max_value = 0;
  std::string setup;                  // what you need and how to set up
  std::vector<std::string> steps;     // in order
  std::string reading;                // how to read the value, its unit and typical values
  std::vector<std::string> mistakes;  // common mistakes that spoil the value
  Citation evidence;

  bool paired() const { return laterality == Laterality::kPaired; }
};

// The value a person typed, checked against the guide: a number within [min_value, max_value] ("9.5",
// "-3"); for a pass-fail test "pass" (1), "fail" (0), "1" or "0". The error says what was wrong and what is
// valid, e.g. `75 is out of range; expected 0 to 60 cm`.
tl::expected<double, std::string> parse_test_value(const SelfTestGuide& guide, std::string_view text);

// "9.5 cm", "42 deg", "pass", "fail"; a pass-fail mean between 0 and 1 (a baseline of one pass and one fail)
// is "mixed". Numbers show at most two decimals, without trailing zeros.
std::string format_test_value(TestUnit unit, double value);

// A change with its sign: "+1.25 cm", "-4 deg", "0 cm"; pass-fail: "+1" / "-1" / "+0.5".
std::string format_test_change(TestUnit unit, double change);

// "2.5", "10", "-0.25": at most two decimals, no trailing zeros.
std::string format_number(double value);

}  // namespace smr::core
