#pragma once
// SQL of the SQLite store that its tests inspect (e.g. with EXPLAIN QUERY PLAN). Internal.

#include <string>

namespace smr::store::detail {

// Check-ins of :person_id in [:from_ms, :to_ms) grouped by week (Monday 00:00 at the UTC offset :offset_ms,
// exactly core::week_start, including negative times and offsets), region and side; ordered by week,
// region, side spelling. Columns: week_start_ms, region, side, check_ins, mean intensity in thousandths
// rounded half away from zero (as std::round), max intensity, pain count (core::is_pain qualities).
// Reads the check_ins_by_person_time index.
const std::string& weekly_region_stats_sql();

}  // namespace smr::store::detail
