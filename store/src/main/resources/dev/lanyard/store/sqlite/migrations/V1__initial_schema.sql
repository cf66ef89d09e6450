-- Lanyard schema version 1. Times are epoch nanoseconds (INTEGER) so they sort and round-trip exactly.
-- Names compare with COLLATE NOCASE (ASCII case folding), matching IAM's case-insensitive names.
-- One statement per ';' at the end of a line: the migrator splits there.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO meta (key, value) VALUES ('revision', 0);

CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    is_default INTEGER NOT NULL CHECK (is_default IN (0, 1))
) WITHOUT ROWID;

-- at most one default account
CREATE UNIQUE INDEX accounts_single_default ON accounts (is_default) WHERE is_default = 1;

CREATE TABLE access_keys (
    access_key_id     TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_name    TEXT NOT NULL,
    secret_ciphertext BLOB NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    created_at        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX access_keys_by_principal ON access_keys (account_id, principal_name, created_at);

CREATE TABLE entities (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    path       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (account_id, kind, id)
);

-- serves lookups by name, the case-insensitive uniqueness, and paging in name order without a sort
CREATE UNIQUE INDEX entities_by_name ON entities (account_id, kind, name COLLATE NOCASE);

CREATE TABLE links (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    relation   TEXT NOT NULL,
    from_id    TEXT NOT NULL,
    to_id      TEXT NOT NULL,
    PRIMARY KEY (account_id, relation, from_id, to_id)
) WITHOUT ROWID;

CREATE INDEX links_by_target ON links (account_id, relation, to_id, from_id);

CREATE TABLE secrets (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    owner_id   TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    ciphertext BLOB NOT NULL,
    PRIMARY KEY (account_id, owner_id, purpose)
) WITHOUT ROWID;
