-- Schema version 6: accounts, signed-in sessions, attempt counters, and trainers with their clients (issue 19;
-- docs/accounts.md, docs/storage.md "Accounts"). None of it is exported: credentials belong to this
-- installation, and a person's export stays their own records. Only SHA-256 hashes of session tokens and
-- invitation codes are stored; passwords only as argon2id hashes.

CREATE TABLE accounts (
  person_id           INTEGER PRIMARY KEY REFERENCES people (id),
  login               TEXT    NOT NULL UNIQUE,  -- lower-cased by the service
  password_hash       TEXT    NOT NULL,         -- crypto_pwhash_str text (argon2id)
  role                TEXT    NOT NULL CHECK (role IN ('person', 'trainer', 'admin')),
  created_ms          INTEGER NOT NULL,
  password_changed_ms INTEGER NOT NULL,
  disabled_ms         INTEGER                   -- NULL while the account may sign in
);

CREATE TABLE auth_sessions (
  id           TEXT    PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE,  -- hex SHA-256 of the bearer token
  person_id    INTEGER NOT NULL REFERENCES accounts (person_id),
  created_ms   INTEGER NOT NULL,
  last_used_ms INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,
  agent        TEXT    NOT NULL,
  ended_ms     INTEGER                   -- NULL while signed in; set once
) WITHOUT ROWID;
CREATE INDEX auth_sessions_by_person ON auth_sessions (person_id);

-- Throttling: one fixed window per key ("login:NAME|ADDRESS", "address:ADDRESS", ...).
CREATE TABLE attempts (
  key             TEXT    PRIMARY KEY,
  window_start_ms INTEGER NOT NULL,
  count           INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE invitations (
  code_hash  TEXT    PRIMARY KEY,  -- hex SHA-256 of the code
  trainer_id INTEGER NOT NULL REFERENCES people (id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms    INTEGER,              -- NULL until accepted; set once
  used_by    INTEGER REFERENCES people (id)
) WITHOUT ROWID;

CREATE TABLE trainer_links (
  trainer_id       INTEGER NOT NULL REFERENCES people (id),
  client_id        INTEGER NOT NULL REFERENCES people (id),
  created_ms       INTEGER NOT NULL,
  ended_ms         INTEGER,  -- NULL while active; an ended link is kept (a new invitation re-opens it)
  share_sessions   INTEGER NOT NULL CHECK (share_sessions IN (0, 1)),
  share_trends     INTEGER NOT NULL CHECK (share_trends IN (0, 1)),
  share_self_tests INTEGER NOT NULL CHECK (share_self_tests IN (0, 1)),
  share_soreness   INTEGER NOT NULL CHECK (share_soreness IN (0, 1)),
  share_screening  INTEGER NOT NULL CHECK (share_screening IN (0, 1)),
  PRIMARY KEY (trainer_id, client_id)
) WITHOUT ROWID;
CREATE INDEX trainer_links_by_client ON trainer_links (client_id);

CREATE TABLE routine_templates (
  uid          TEXT    PRIMARY KEY,
  trainer_id   INTEGER NOT NULL REFERENCES people (id),
  name         TEXT    NOT NULL,
  routine_json TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  updated_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX routine_templates_by_trainer ON routine_templates (trainer_id, name, uid);

-- A client's copy of a template; template_uid is not a foreign key: the copy outlives a deleted template.
CREATE TABLE assignments (
  uid                 TEXT    PRIMARY KEY,
  template_uid        TEXT    NOT NULL,
  trainer_id          INTEGER NOT NULL REFERENCES people (id),
  client_id           INTEGER NOT NULL REFERENCES people (id),
  name                TEXT    NOT NULL,
  routine_json        TEXT    NOT NULL,
  note                TEXT    NOT NULL,
  created_ms          INTEGER NOT NULL,
  updated_ms          INTEGER NOT NULL,
  started_session_uid TEXT     -- NULL until the client starts it
) WITHOUT ROWID;
CREATE INDEX assignments_by_client ON assignments (client_id, created_ms);
CREATE INDEX assignments_by_template ON assignments (template_uid);
