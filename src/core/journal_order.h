#pragma once
// The canonical order of journal records and the weekly per-region statistics, shared by every store so
// that their exports and aggregations agree exactly (docs/storage.md).

#include <vector>

#include "core/journal.h"

namespace smr::core {

// Sorts every list of the journal into canonical order: people and profiles by person id; routines and
// custom exercises by (created_ms, uid); sessions by (started_ms, uid); within a session events by seq and
// check-ins, adaptations and notes by (at_ms, uid); self-tests by (at_ms, uid); settings by (person, key).
void canonicalize(Journal& journal);
void canonicalize(SessionRecord& session);

// Monday 00:00 of the week holding `at_ms`, in local time at `utc_offset_minutes`, as Unix ms.
UnixMillis week_start(UnixMillis at_ms, int utc_offset_minutes);

// Check-ins grouped by (week, region, side), ordered by week, region, side. Mean intensity is rounded to
// 3 decimals so that every store reports the same value.
std::vector<WeeklyRegionStat> weekly_region_stats(const std::vector<CheckIn>& check_ins, int utc_offset_minutes);

}  // namespace smr::core
