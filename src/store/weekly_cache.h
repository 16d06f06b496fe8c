#pragma once
// The maintained weekly aggregate that SQLite and PostgreSQL answer Store::weekly_region_stats from
// (schema version 3; docs/storage.md "Weekly aggregate"). Internal to the backends.
//
// weekly_stats holds, per person and kept UTC offset, one row per (week, region, side) with the count, sum
// and maximum of the intensities and the number of pain check-ins — every check-in of the person, so the
// rows of a week are final. A query takes the weeks lying entirely inside its range from there and computes
// the (at most two) partial weeks at its edges from the check-ins themselves; the groups of the three parts
// are disjoint, so they are concatenated, never merged.

#include <algorithm>
#include <cstdint>

#include "core/journal.h"
#include "core/journal_order.h"

namespace smr::store::detail {

// Offsets whose aggregate is kept per person. Building a new one beyond this evicts the one built
// longest ago (first in, first out: queries stay reads, no "last used" to write). Each kept offset costs
// record_check_in one more row to update.
inline constexpr int kWeeklyOffsetsKept = 4;

inline constexpr core::UnixMillis kWeekMs = 7LL * 86'400'000;

// How [from_ms, to_ms) splits at one offset: whole weeks [full_from, full_to) from the aggregate, partial
// weeks [from_ms, full_from) and [full_to, to_ms) from the check-ins. has_full_weeks is false when the range
// holds no whole week: then the check-ins of [from_ms, to_ms) are grouped directly (two weeks at most, unless
// the range is absurdly wide, see below).
struct WeekSplit {
  bool has_full_weeks = false;
  core::UnixMillis full_from = 0;  // a week start, >= from_ms
  core::UnixMillis full_to = 0;    // a week start, <= to_ms
};

inline WeekSplit split_weeks(core::UnixMillis from_ms, core::UnixMillis to_ms, int utc_offset_minutes) {
  // Week starts are computed on the range clamped to +-2^52 ms (+-142 000 years), where nothing overflows.
  // Clamping only shrinks the whole-week part; what lies outside it is read from the check-ins as an edge, so
  // a range like [INT64_MIN, INT64_MAX) still gets exact results.
  constexpr core::UnixMillis kLimit = core::UnixMillis{1} << 52;
  const core::UnixMillis from = std::clamp(from_ms, -kLimit, kLimit);
  const core::UnixMillis to = std::clamp(to_ms, -kLimit, kLimit);
  WeekSplit split;
  const core::UnixMillis first = core::week_start(from, utc_offset_minutes);
  split.full_from = first == from ? from : first + kWeekMs;
  split.full_to = core::week_start(to, utc_offset_minutes);
  split.has_full_weeks = from_ms < to_ms && split.full_from < split.full_to;
  return split;
}

// The mean intensity from a group's count and sum, exactly as core::weekly_region_stats rounds it:
// intensities are 0-10, so the mean is never negative and (2000 * sum + n) div (2 * n) is 1000 * sum / n
// rounded half up, which for non-negative values is std::round's half away from zero; dividing the
// thousandths by 1000.0 gives the same double as core's std::round(sum * 1000.0 / n) / 1000.0.
inline double mean_intensity(std::int64_t n, std::int64_t sum) {
  return static_cast<double>((2000 * sum + n) / (2 * n)) / 1000.0;
}

}  // namespace smr::store::detail
