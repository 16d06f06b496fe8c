-- SMR Coach journal, schema version 1 (PostgreSQL). The same tables as the SQLite schema
-- (src/store/sqlite/migrations/0001_journal.sql), in PostgreSQL's types. Applied in one transaction by the
-- migrator (postgres_migrations.cc), which also records schema_version = 1 in smr_meta.
--
-- Times are Unix milliseconds UTC (BIGINT); uids are 32 lower-case hex digits. Text columns that hold JSON
-- (profile_json, routine_json, data_json, detail_json) are TEXT, not JSONB: JSONB re-orders keys and
-- re-spells numbers and white space, and the export must give back exactly the bytes that were stored
-- (export -> import -> export is byte-identical). Ordering is done with COLLATE "C" in the queries, so the
-- database's own collation does not matter.

-- Marks the schema as SMR Coach's and holds its version: ('application', 'smr-coach') and
-- ('schema_version', '<n>'). A database with tables but without the application row is not opened.
CREATE TABLE smr_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO smr_meta (key, value) VALUES ('application', 'smr-coach');

CREATE TABLE people (
  id          BIGINT PRIMARY KEY,
  name        TEXT   NOT NULL,
  created_ms  BIGINT NOT NULL
);

CREATE TABLE profiles (
  person_id    BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  profile_json TEXT   NOT NULL,            -- core::Profile as JSON (src/json/journal_json.h)
  updated_ms   BIGINT NOT NULL
);

CREATE TABLE routines (
  uid          TEXT   PRIMARY KEY,
  person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name         TEXT   NOT NULL,
  created_ms   BIGINT NOT NULL,
  routine_json TEXT   NOT NULL
);

CREATE TABLE custom_exercises (
  uid        TEXT   PRIMARY KEY,
  person_id  BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_ms BIGINT NOT NULL,
  toml       TEXT   NOT NULL
);

CREATE TABLE sessions (
  uid          TEXT   PRIMARY KEY,
  person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  title        TEXT   NOT NULL,
  started_ms   BIGINT NOT NULL,
  ended_ms     BIGINT,
  status       TEXT   NOT NULL CHECK (status IN ('active', 'finished', 'stopped')),
  routine_json TEXT   NOT NULL
);
CREATE INDEX sessions_by_person_time ON sessions(person_id, started_ms);

CREATE TABLE session_events (
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  seq         BIGINT  NOT NULL,
  at_ms       BIGINT  NOT NULL,
  kind        TEXT    NOT NULL,
  step        INTEGER NOT NULL,
  data_json   TEXT    NOT NULL,
  PRIMARY KEY (session_uid, seq)
);

CREATE TABLE check_ins (
  uid         TEXT    PRIMARY KEY,
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  person_id   BIGINT  NOT NULL REFERENCES people(id) ON DELETE CASCADE,  -- copied from the session, for queries
  at_ms       BIGINT  NOT NULL,
  step        INTEGER NOT NULL,
  exercise    TEXT    NOT NULL,
  region      TEXT    NOT NULL,
  side        TEXT    NOT NULL CHECK (side IN ('left', 'right', 'centre')),
  intensity   INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
  quality     TEXT    NOT NULL,
  note        TEXT    NOT NULL
);
CREATE INDEX check_ins_by_session ON check_ins(session_uid, at_ms);

CREATE TABLE adaptations (
  uid         TEXT    PRIMARY KEY,
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  at_ms       BIGINT  NOT NULL,
  step        INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  detail_json TEXT    NOT NULL
);
CREATE INDEX adaptations_by_session ON adaptations(session_uid, at_ms);

CREATE TABLE session_notes (
  uid         TEXT   PRIMARY KEY,
  session_uid TEXT   NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  at_ms       BIGINT NOT NULL,
  text        TEXT   NOT NULL
);
CREATE INDEX session_notes_by_session ON session_notes(session_uid, at_ms);

INSERT INTO people (id, name, created_ms) VALUES (1, 'me', 0);
