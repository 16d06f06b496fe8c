-- Schema version 5: paired devices and one-time pairing codes (docs/storage.md, "Paired devices";
-- docs/pairing.md). Neither is exported: a credential belongs to this installation, not to the journal's
-- content. Only SHA-256 hashes of codes and credentials are stored.

CREATE TABLE pairing_codes (
  code_hash  TEXT    PRIMARY KEY,  -- hex SHA-256 of the code
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms    INTEGER               -- NULL until redeemed; set once
) WITHOUT ROWID;

CREATE TABLE paired_devices (
  id              TEXT    PRIMARY KEY,
  name            TEXT    NOT NULL,
  credential_hash TEXT    NOT NULL UNIQUE,  -- hex SHA-256 of the device's credential
  created_ms      INTEGER NOT NULL,
  last_used_ms    INTEGER,
  revoked_ms      INTEGER
) WITHOUT ROWID;
