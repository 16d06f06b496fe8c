#include "store/sqlite/sqlite_queries.h"

#include "core/journal.h"

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

}  // namespace

const std::string& weekly_region_stats_sql() {
  // day: the local day number, floor((at_ms + offset) / day) (SQLite's / truncates toward zero, so one is
  // taken off for negative remainders). 1970-01-01 was a Thursday: days since Monday = (day + 3) mod 7.
  // Intensities are 0-10, so the mean is never negative and (2 * 1000 * sum + n) / (2 * n) is
  // round-half-up of 1000 * sum / n, which for non-negative values is std::round's half away from zero.
  static const std::string kSql =
      "WITH local AS ("
      " SELECT (at_ms + :offset_ms) / 86400000 - ((at_ms + :offset_ms) % 86400000 < 0) AS day,"
      " region, side, intensity, quality"
      " FROM check_ins WHERE person_id = :person_id AND at_ms >= :from_ms AND at_ms < :to_ms)"
      " SELECT (day - ((day + 3) % 7 + 7) % 7) * 86400000 - :offset_ms AS week_start_ms, region, side,"
      " COUNT(*), (2000 * SUM(intensity) + COUNT(*)) / (2 * COUNT(*)), MAX(intensity),"
      " SUM(quality IN (" +
      pain_qualities() +
      "))"
      " FROM local GROUP BY week_start_ms, region, side ORDER BY week_start_ms, region, side";
  return kSql;
}

}  // namespace smr::store::detail
