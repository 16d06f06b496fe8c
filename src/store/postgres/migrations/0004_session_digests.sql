-- Schema version 4 (PostgreSQL): session digests (core/session_digest.h) kept beside the sessions, so that
-- progress over years reads a few small rows per session instead of every event and check-in
-- (docs/storage.md, "Session digests"). Same as the SQLite migration 0004. Derived data: not exported, not
-- imported; computed in C++ by core::digest_session, never in SQL (the events' JSON is read by core).

-- TRUE when session_digests holds this session's digest: exactly core::digest_session(session) — set in the
-- transaction that ends the session (or imports it ended), and kept true by every later write to it. FALSE
-- for active sessions (computed at query time) and for ended sessions not digested yet (stored by the
-- backfill when a journal is opened; until then computed at query time). A session without regions has no
-- rows, so the rows alone cannot say this.
ALTER TABLE sessions ADD COLUMN digest_stored BOOLEAN NOT NULL DEFAULT FALSE;

-- Sessions of a person over time, in (started_ms, uid) order (uid in byte order, as every query orders it),
-- with every column session_digests reads.
DROP INDEX sessions_by_person_time;
CREATE INDEX sessions_by_person_time ON sessions(person_id, started_ms, uid COLLATE "C")
  INCLUDE (status, ended_ms, digest_stored);

-- The ended sessions whose digest the backfill has still to store (few: none once it has run).
CREATE INDEX sessions_digest_missing ON sessions(uid) WHERE NOT digest_stored AND status <> 'active';

-- One row per region and side of a digested session (core::RegionDigest); none for a session without regions.
-- person_id and started_ms are copied from the session (which never changes them), so that a person's digests
-- over time are one range of session_digests_by_person_time.
CREATE TABLE session_digests (
  session_uid       TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  region            TEXT    COLLATE "C" NOT NULL,
  side              TEXT    COLLATE "C" NOT NULL CHECK (side IN ('left', 'right', 'centre')),
  person_id         BIGINT  NOT NULL,   -- the session's
  started_ms        BIGINT  NOT NULL,   -- the session's
  active_ms         BIGINT  NOT NULL,   -- locate, hold, move, roll and breathe played (core::region_times)
  check_ins         INTEGER NOT NULL,
  intensity_sum     INTEGER NOT NULL,
  intensity_max     INTEGER NOT NULL,
  pain_check_ins    INTEGER NOT NULL,
  first_check_in_ms BIGINT  NOT NULL,   -- 0 when check_ins = 0
  last_check_in_ms  BIGINT  NOT NULL,
  last_intensity    INTEGER NOT NULL,
  PRIMARY KEY (session_uid, region, side)
);

-- A person's digest rows in (started_ms, session_uid, region, side) order (byte order) with every column:
-- session_digests reads one range of it, in the order of sessions_by_person_time.
CREATE INDEX session_digests_by_person_time ON session_digests(person_id, started_ms, session_uid COLLATE "C",
  region, side) INCLUDE (active_ms, check_ins, intensity_sum, intensity_max, pain_check_ins, first_check_in_ms,
  last_check_in_ms, last_intensity);
