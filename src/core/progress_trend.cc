#include "core/progress_trend.h"

#include <algorithm>
#include <cmath>

namespace smr::core {

std::optional<double> theil_sen_slope(const std::vector<std::pair<double, double>>& points) {
  std::vector<double> slopes;
  slopes.reserve(points.size() * (points.size() > 0 ? points.size() - 1 : 0) / 2);
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = i + 1; j < points.size(); ++j) {
      const double dx = points[j].first - points[i].first;
      if (dx == 0) continue;
      slopes.push_back((points[j].second - points[i].second) / dx);
    }
  }
  if (slopes.empty()) return std::nullopt;
  const std::size_t mid = slopes.size() / 2;
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(mid), slopes.end());
  const double upper = slopes[mid];
  if (slopes.size() % 2 == 1) return upper;
  const double lower = *std::max_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

TrendFit fit_trend(const std::vector<std::pair<double, double>>& day_values, const TrendRule& rule) {
  TrendFit fit;
  fit.points = static_cast<int>(day_values.size());
  if (day_values.empty()) return fit;
  const auto [lo, hi] = std::minmax_element(day_values.begin(), day_values.end(),
                                            [](const auto& a, const auto& b) { return a.first < b.first; });
  fit.span_days = hi->first - lo->first;
  const std::optional<double> per_day = theil_sen_slope(day_values);
  if (per_day) {
    fit.slope_per_week = *per_day * 7;
    fit.change = *per_day * fit.span_days;
  }
  if (!per_day || fit.points < rule.min_points || fit.span_days < rule.min_span_days) return fit;
  // A small tolerance so that a line that changes by exactly the threshold counts despite rounding.
  constexpr double kEps = 1e-9;
  if (fit.change <= -rule.min_change + kEps) {
    fit.trend = Trend::kEasing;
  } else if (fit.change >= rule.min_change - kEps) {
    fit.trend = Trend::kWorsening;
  } else {
    fit.trend = Trend::kSteady;
  }
  return fit;
}

}  // namespace smr::core
