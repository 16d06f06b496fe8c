#include "store/sqlite/sqlite_queries.h"

#include "core/journal.h"
#include "store/digest_util.h"
#include "store/weekly_cache.h"

namespace smr::store::detail {

namespace {

// 'sharp', 'burning', ... : the spellings of the qualities that mean pain, from core::is_pain.
std::string pain_qualities() {
  std::string out;
  for (const auto& [quality, name] : core::EnumNames<core::Quality>::kNames) {
    if (!core::is_pain(quality)) continue;
    if (!out.empty()) out += ", ";
    out += "'" + std::string(name) + "'";
  }
  return out;
}

// The local day number of time `at` at offset `off` (both SQL expressions, in ms): floor((at + off) / day).
// SQLite's / truncates toward zero, so one is taken off for negative remainders.
std::string local_day(const std::string& at, const std::string& off) {
  const std::string t = "(" + at + " + " + off + ")";
  return "(" + t + " / 86400000 - (" + t + " % 86400000 < 0))";
}

// Monday 00:00 of local day `day`, in UTC ms. 1970-01-01 was a Thursday: days since Monday = (day + 3) mod 7.
std::string monday_of(const std::string& day, const std::string& off) {
  return "((" + day + " - ((" + day + " + 3) % 7 + 7) % 7) * 86400000 - " + off + ")";
}

// The grouped check-ins of :person_id selected by `where`, at offset `off`.
std::string grouped(const std::string& where, const std::string& off) {
  return "WITH local AS (SELECT " + local_day("at_ms", off) +
         " AS day, region, side, intensity, quality FROM check_ins WHERE " + where +
         ")"
         " SELECT " +
         monday_of("day", off) +
         " AS week_start_ms, region, side, COUNT(*) AS n, SUM(intensity) AS sum_intensity,"
         " MAX(intensity) AS max_intensity, SUM(quality IN (" +
         pain_qualities() + ")) AS pain FROM local GROUP BY week_start_ms, region, side";
}

}  // namespace

const std::string& weekly_groups_sql() {
  static const std::string kSql =
      grouped("person_id = :person_id AND at_ms >= :from_ms AND at_ms < :to_ms", ":offset_ms") +
      " ORDER BY week_start_ms, region, side";
  return kSql;
}

const std::string& weekly_cached_sql() {
  static const std::string kSql =
      "SELECT week_start_ms, region, side, n, sum_intensity, max_intensity, pain FROM weekly_stats"
      " WHERE person_id = :person_id AND offset_minutes = :offset_minutes"
      " AND week_start_ms >= :from_ms AND week_start_ms < :to_ms ORDER BY week_start_ms, region, side";
  return kSql;
}

const std::string& weekly_build_sql() {
  static const std::string kSql =
      "INSERT INTO weekly_stats (person_id, offset_minutes, week_start_ms, region, side, n, sum_intensity,"
      " max_intensity, pain) SELECT :person_id, :offset_minutes, * FROM (" +
      grouped("person_id = :person_id", "(:offset_minutes * 60000)") + ")";
  return kSql;
}

const std::string& weekly_add_check_in_sql() {
  // "WHERE true" is not needed: the SELECT has a WHERE, which keeps SQLite from reading ON CONFLICT as a
  // join constraint.
  static const std::string kSql =
      "INSERT INTO weekly_stats (person_id, offset_minutes, week_start_ms, region, side, n, sum_intensity,"
      " max_intensity, pain) SELECT o.person_id, o.offset_minutes, " +
      monday_of(local_day(":at_ms", "o.offset_minutes * 60000"), "o.offset_minutes * 60000") +
      ", :region, :side, 1, :intensity, :intensity, :pain FROM weekly_stats_offsets AS o"
      " WHERE o.person_id = (SELECT person_id FROM sessions WHERE uid = :session_uid)"
      " ON CONFLICT (person_id, offset_minutes, week_start_ms, region, side) DO UPDATE SET n = n + 1,"
      " sum_intensity = sum_intensity + excluded.sum_intensity,"
      " max_intensity = MAX(max_intensity, excluded.max_intensity), pain = pain + excluded.pain";
  return kSql;
}

const std::string& weekly_evict_sql() {
  // The kept_seq of the newest offset that must go (NULL when there is room: then nothing matches).
  static const std::string kSql =
      "DELETE FROM weekly_stats_offsets WHERE person_id = :person_id AND kept_seq <= (SELECT kept_seq FROM"
      " weekly_stats_offsets WHERE person_id = :person_id ORDER BY kept_seq DESC LIMIT 1 OFFSET " +
      std::to_string(kWeeklyOffsetsKept - 1) + ")";
  return kSql;
}

const std::string& session_digests_sql() {
  static const std::string kSql =
      "SELECT uid, started_ms, ended_ms, status, digest FROM sessions"
      " WHERE person_id = :person_id AND started_ms >= :from_ms AND started_ms < :to_ms ORDER BY started_ms, uid";
  return kSql;
}

const std::string& digests_missing_sql() {
  static const std::string kSql = "SELECT uid FROM sessions WHERE digest IS NULL AND status <> 'active' LIMIT " +
                                  std::to_string(kDigestBackfillBatch);
  return kSql;
}

}  // namespace smr::store::detail
