-- Schema version 4: session digests (core/session_digest.h) kept beside the sessions, so that progress over
-- years reads one small value per session instead of every event and check-in (docs/storage.md, "Session
-- digests"). Derived data: not exported, not imported; computed in C++ by core::digest_session, never in SQL
-- (the events' JSON is read by core).

-- The session's digest as text (store/digest_util.h, digest_text: one line per region and side; '' for a
-- digest without regions), exactly core::digest_session(session): set in the transaction that ends the session
-- (or imports it ended) and rewritten by every later write to it. NULL while the digest is not stored: for an
-- active session (digested at query time), and for an ended one not digested yet (stored by the backfill when a
-- journal is opened; digested at query time until then).
ALTER TABLE sessions ADD COLUMN digest TEXT;

-- Sessions of a person over time, in (started_ms, uid) order, with every column session_digests reads: the
-- query walks this index alone, never the table (whose routine_json can be long).
DROP INDEX sessions_by_person_time;
CREATE INDEX sessions_by_person_time ON sessions(person_id, started_ms, uid, status, ended_ms, digest);

-- A person's self-tests in (at_ms, uid) order, as progress reads them all: with uid in the index the rows come
-- in order without a sort of each group of tests taken at the same time (half the time of the read).
DROP INDEX self_tests_by_person_time;
CREATE INDEX self_tests_by_person_time ON self_tests(person_id, at_ms, uid);

-- The ended sessions whose digest the backfill has still to store (none once it has run).
CREATE INDEX sessions_digest_missing ON sessions(uid) WHERE digest IS NULL AND status <> 'active';

-- The same digests as rows, one per region and side (core::RegionDigest), for SQL; none for a session without
-- regions, or whose digest is not stored. Written with sessions.digest, in the same transaction.
CREATE TABLE session_digests (
  session_uid       TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  region            TEXT    NOT NULL,
  side              TEXT    NOT NULL CHECK (side IN ('left', 'right', 'centre')),
  active_ms         INTEGER NOT NULL,   -- locate, hold, move, roll and breathe played (core::region_times)
  check_ins         INTEGER NOT NULL,
  intensity_sum     INTEGER NOT NULL,
  intensity_max     INTEGER NOT NULL,
  pain_check_ins    INTEGER NOT NULL,
  first_check_in_ms INTEGER NOT NULL,   -- 0 when check_ins = 0
  last_check_in_ms  INTEGER NOT NULL,
  last_intensity    INTEGER NOT NULL,
  PRIMARY KEY (session_uid, region, side)
) WITHOUT ROWID;
