#pragma once
// SQL of the SQLite store's weekly statistics and session digests, which its tests inspect (e.g. with EXPLAIN
// QUERY PLAN). Internal. What they maintain and read: store/weekly_cache.h, store/digest_util.h and
// docs/storage.md.
//
// Weeks start on Monday 00:00 at a UTC offset, exactly as core::week_start computes them (negative times and
// offsets included). Every query below returns the columns week_start_ms, region, side, n (check-ins),
// sum_intensity, max_intensity, pain (check-ins of a core::is_pain quality), ordered by week, region, side
// spelling — the order of core::weekly_region_stats.

#include <string>

namespace smr::store::detail {

// The check-ins of :person_id in [:from_ms, :to_ms), grouped by week at :offset_ms (milliseconds), region
// and side. Reads the check_ins_by_person_time index.
const std::string& weekly_groups_sql();

// The aggregate of :person_id at :offset_minutes for the weeks starting in [:from_ms, :to_ms). Reads the
// primary key of weekly_stats, already in order.
const std::string& weekly_cached_sql();

// Fills weekly_stats for :person_id at :offset_minutes from all of the person's check-ins (the offset must
// be in weekly_stats_offsets first).
const std::string& weekly_build_sql();

// Adds one check-in (:session_uid's person, :at_ms, :region, :side, :intensity, :pain 0 or 1) to the
// aggregate of every offset kept for the person.
const std::string& weekly_add_check_in_sql();

// Makes room for one more offset of :person_id: removes, with their rows, the offsets built longest ago
// beyond kWeeklyOffsetsKept - 1.
const std::string& weekly_evict_sql();

// The sessions of :person_id that started in [:from_ms, :to_ms), in (started_ms, uid) order, with their stored
// digests: uid, started_ms, ended_ms, status, digest (NULL when not stored). Walks the covering index
// sessions_by_person_time alone.
const std::string& session_digests_sql();

// Up to kDigestBackfillBatch ended sessions whose digest is not stored (the partial index
// sessions_digest_missing).
const std::string& digests_missing_sql();

}  // namespace smr::store::detail
