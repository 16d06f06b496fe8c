-- Schema version 2: range-of-motion self-tests and per-person settings, and an index for progress queries
-- (check-ins of one person over time).

CREATE TABLE self_tests (
  uid         TEXT    PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  at_ms       INTEGER NOT NULL,
  test        TEXT    NOT NULL,
  side        TEXT    NOT NULL CHECK (side IN ('left', 'right', 'centre')),
  value       REAL    NOT NULL,
  unit        TEXT    NOT NULL,
  session_uid TEXT    NOT NULL,            -- '' when not part of a session
  phase       TEXT    NOT NULL
);
CREATE INDEX self_tests_by_person_time ON self_tests(person_id, at_ms);

CREATE TABLE settings (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  key       TEXT    NOT NULL,
  value     TEXT    NOT NULL,
  PRIMARY KEY (person_id, key)
);

CREATE INDEX check_ins_by_person_time ON check_ins(person_id, at_ms);
