-- Schema version 5 (PostgreSQL, as the SQLite migration 0005): paired devices and one-time pairing codes
-- (docs/storage.md, "Paired devices"; docs/pairing.md). Neither is exported: a credential belongs to this
-- installation, not to the journal's content. Only SHA-256 hashes of codes and credentials are stored.

CREATE TABLE pairing_codes (
  code_hash  TEXT    PRIMARY KEY,  -- hex SHA-256 of the code
  created_ms BIGINT  NOT NULL,
  expires_ms BIGINT  NOT NULL,
  used_ms    BIGINT                -- NULL until redeemed; set once
);

CREATE TABLE paired_devices (
  id              TEXT    PRIMARY KEY,
  name            TEXT    NOT NULL,
  credential_hash TEXT    NOT NULL UNIQUE,  -- hex SHA-256 of the device's credential
  created_ms      BIGINT  NOT NULL,
  last_used_ms    BIGINT,
  revoked_ms      BIGINT
);
