-- Schema version 3: a maintained weekly aggregate of check-ins, so that weekly statistics over years of
-- sessions read one row per week, region and side instead of every check-in (docs/storage.md, "Weekly
-- aggregate"). Nothing here is exported: it is derived from check_ins, and rebuilt from them when missing.

-- The UTC offsets whose aggregate is kept for a person (at most store::detail::kWeeklyOffsetsKept); an
-- offset is added by the first query at that offset. kept_seq orders them by when they were built: the
-- lowest is evicted first.
CREATE TABLE weekly_stats_offsets (
  person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  offset_minutes INTEGER NOT NULL,
  kept_seq       INTEGER NOT NULL,
  PRIMARY KEY (person_id, offset_minutes)
) WITHOUT ROWID;

-- Every check-in of the person, grouped by week (Monday 00:00 at offset_minutes), region and side. Kept up to
-- date by record_check_in in the check-in's own transaction; dropped with its offset row.
CREATE TABLE weekly_stats (
  person_id      INTEGER NOT NULL,
  offset_minutes INTEGER NOT NULL,
  week_start_ms  INTEGER NOT NULL,
  region         TEXT    NOT NULL,
  side           TEXT    NOT NULL,
  n              INTEGER NOT NULL,   -- check-ins
  sum_intensity  INTEGER NOT NULL,
  max_intensity  INTEGER NOT NULL,
  pain           INTEGER NOT NULL,   -- check-ins whose quality is pain
  PRIMARY KEY (person_id, offset_minutes, week_start_ms, region, side),
  FOREIGN KEY (person_id, offset_minutes) REFERENCES weekly_stats_offsets(person_id, offset_minutes)
    ON DELETE CASCADE
) WITHOUT ROWID;
