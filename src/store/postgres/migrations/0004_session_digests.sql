-- Schema version 4 (PostgreSQL): session digests (core/session_digest.h) kept beside the sessions, so that
-- progress over years reads one small value per session instead of every event and check-in
-- (docs/storage.md, "Session digests"). Same as the SQLite migration 0004. Derived data: not exported, not
-- imported; computed in C++ by core::digest_session, never in SQL (the events' JSON is read by core).

-- The session's digest as text (store/digest_util.h, digest_text: one line per region and side; '' for a
-- digest without regions), exactly core::digest_session(session): set in the transaction that ends the session
-- (or imports it ended) and rewritten by every later write to it. NULL while the digest is not stored: for an
-- active session (digested at query time), and for an ended one not digested yet (stored by the backfill when a
-- journal is opened; digested at query time until then).
ALTER TABLE sessions ADD COLUMN digest TEXT;

-- Sessions of a person over time, in (started_ms, uid) order (uid in byte order, as every query orders it). Not
-- covering, unlike SQLite's: a digest can be longer than an index entry may be.
DROP INDEX sessions_by_person_time;
CREATE INDEX sessions_by_person_time ON sessions(person_id, started_ms, uid COLLATE "C");

-- A person's self-tests in (at_ms, uid) order, as progress reads them all: with uid in the index the rows come
-- in order without a sort of each group of tests taken at the same time (half the time of the read).
DROP INDEX self_tests_by_person_time;
CREATE INDEX self_tests_by_person_time ON self_tests(person_id, at_ms, uid COLLATE "C");

-- The ended sessions whose digest the backfill has still to store (none once it has run).
CREATE INDEX sessions_digest_missing ON sessions(uid) WHERE digest IS NULL AND status <> 'active';

-- The same digests as rows, one per region and side (core::RegionDigest), for SQL; none for a session without
-- regions, or whose digest is not stored. Written with sessions.digest, in the same transaction.
CREATE TABLE session_digests (
  session_uid       TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  region            TEXT    COLLATE "C" NOT NULL,
  side              TEXT    COLLATE "C" NOT NULL CHECK (side IN ('left', 'right', 'centre')),
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
