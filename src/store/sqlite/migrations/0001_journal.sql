-- SMR Coach journal, schema version 1 (SQLite). Applied in one transaction by the migrator, which also sets
-- PRAGMA user_version = 1. Times are Unix milliseconds UTC; uids are 32 lower-case hex digits.

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL
);

CREATE TABLE profiles (
  person_id    INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  profile_json TEXT    NOT NULL,            -- core::Profile as JSON (src/json/journal_json.h)
  updated_ms   INTEGER NOT NULL
);

CREATE TABLE routines (
  uid          TEXT    PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  routine_json TEXT    NOT NULL
);

CREATE TABLE custom_exercises (
  uid        TEXT    PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_ms INTEGER NOT NULL,
  toml       TEXT    NOT NULL
);

CREATE TABLE sessions (
  uid          TEXT    PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  title        TEXT    NOT NULL,
  started_ms   INTEGER NOT NULL,
  ended_ms     INTEGER,
  status       TEXT    NOT NULL CHECK (status IN ('active', 'finished', 'stopped')),
  routine_json TEXT    NOT NULL
);
CREATE INDEX sessions_by_person_time ON sessions(person_id, started_ms);

CREATE TABLE session_events (
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  at_ms       INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  step        INTEGER NOT NULL,
  data_json   TEXT    NOT NULL,
  PRIMARY KEY (session_uid, seq)
);

CREATE TABLE check_ins (
  uid         TEXT    PRIMARY KEY,
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,  -- copied from the session, for queries
  at_ms       INTEGER NOT NULL,
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
  at_ms       INTEGER NOT NULL,
  step        INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  detail_json TEXT    NOT NULL
);
CREATE INDEX adaptations_by_session ON adaptations(session_uid, at_ms);

CREATE TABLE session_notes (
  uid         TEXT    PRIMARY KEY,
  session_uid TEXT    NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,
  at_ms       INTEGER NOT NULL,
  text        TEXT    NOT NULL
);
CREATE INDEX session_notes_by_session ON session_notes(session_uid, at_ms);

INSERT INTO people (id, name, created_ms) VALUES (1, 'me', 0);
