-- Schema version 2 (PostgreSQL): range-of-motion self-tests and per-person settings, and an index for
-- progress queries (check-ins of one person over time). Same as the SQLite migration 0002.

CREATE TABLE self_tests (
  uid         TEXT             PRIMARY KEY,
  person_id   BIGINT           NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  at_ms       BIGINT           NOT NULL,
  test        TEXT             NOT NULL,
  side        TEXT             NOT NULL CHECK (side IN ('left', 'right', 'centre')),
  value       DOUBLE PRECISION NOT NULL,
  unit        TEXT             NOT NULL,
  session_uid TEXT             NOT NULL,            -- '' when not part of a session
  phase       TEXT             NOT NULL
);
CREATE INDEX self_tests_by_person_time ON self_tests(person_id, at_ms);

CREATE TABLE settings (
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  key       TEXT   NOT NULL,
  value     TEXT   NOT NULL,
  PRIMARY KEY (person_id, key)
);

CREATE INDEX check_ins_by_person_time ON check_ins(person_id, at_ms);
