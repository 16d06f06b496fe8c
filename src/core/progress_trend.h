#pragma once
// A robust trend for 0-10 ratings: the Theil-Sen slope (the median of the slopes between every pair of
// points), judged against the smallest change on the NRS that people notice (docs/progress.md, S50).

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"

namespace smr::core {

// Easing means the numbers go down (less intense), worsening that they go up.
enum class Trend { kNotEnoughData, kEasing, kSteady, kWorsening };

template <>
struct EnumNames<Trend> {
  static constexpr std::array<std::pair<Trend, std::string_view>, 4> kNames{{{Trend::kNotEnoughData, "not-enough-data"},
                                                                             {Trend::kEasing, "easing"},
                                                                             {Trend::kSteady, "steady"},
                                                                             {Trend::kWorsening, "worsening"}}};
};

// The NRS change people notice (evidence.md "Pain scale", S50): smaller changes are noise.
inline constexpr double kMeaningfulNrsChange = 2.0;

// Median of the slopes (dy/dx) over every pair of points with different x; nullopt when there is none.
// O(n^2) pairs: callers pass at most a few dozen points (one per day of a window).
std::optional<double> theil_sen_slope(const std::vector<std::pair<double, double>>& points);

struct TrendRule {
  int min_points = 4;                        // distinct days with a rating
  double min_span_days = 14;                 // first to last rated day
  double min_change = kMeaningfulNrsChange;  // |slope x span| to call it easing or worsening
};

struct TrendFit {
  Trend trend = Trend::kNotEnoughData;
  std::optional<double> slope_per_week;  // NRS points per week
  double change = 0;                     // slope x span: the change the line shows across the data
  double span_days = 0;
  int points = 0;

  bool operator==(const TrendFit&) const = default;
};

// `day_values`: (day, value) with one point per day (e.g. the day's mean), in any order.
TrendFit fit_trend(const std::vector<std::pair<double, double>>& day_values, const TrendRule& rule = {});

}  // namespace smr::core
