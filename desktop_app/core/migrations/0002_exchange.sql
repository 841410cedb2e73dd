-- USB exchange: keys, exported and received packages, submissions.

-- This workspace's own key pairs: 'signing' (Ed25519, every workspace) and 'box'
-- (X25519, the lead office: packages are sealed to it).  The database is encrypted,
-- so the secrets are at rest under the workspace key.
CREATE TABLE own_keys (
    purpose    TEXT PRIMARY KEY CHECK (purpose IN ('signing', 'box')),
    secret     BLOB NOT NULL,
    public     BLOB NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Keys of others: the lead office's (on a reporting workspace) or each office's
-- signing key (on the lead's), registered after a person compared fingerprints.
CREATE TABLE trusted_keys (
    kind          TEXT NOT NULL CHECK (kind IN ('lead', 'office')),
    office_id     TEXT NOT NULL,
    verify_key    BLOB NOT NULL,
    box_key       BLOB,
    fingerprint   TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (kind, office_id)
) WITHOUT ROWID;

CREATE TABLE exports (
    plan_code   TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    package_id  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    fingerprint TEXT,
    exported_at TEXT NOT NULL,
    PRIMARY KEY (plan_code, office_id, year, revision)
) WITHOUT ROWID;

-- Every revision the lead office received, decrypted, so revisions can be compared.
CREATE TABLE received_packages (
    package_id     TEXT PRIMARY KEY,
    plan_code      TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    year           INTEGER NOT NULL,
    revision       INTEGER NOT NULL,
    content_hash   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    signer_key     TEXT NOT NULL,
    report_status  TEXT NOT NULL,
    report_fingerprint TEXT,
    signer_name    TEXT NOT NULL DEFAULT '',
    applied        INTEGER NOT NULL CHECK (applied IN (0, 1)),
    payload_json   TEXT NOT NULL
);
CREATE INDEX received_by_office_year ON received_packages (plan_code, office_id, year, revision);

-- Earlier catalogs of a plan, kept when a plan-update package replaces one.
CREATE TABLE plan_versions (
    code            TEXT NOT NULL,
    catalog_version INTEGER NOT NULL,
    catalog_json    TEXT NOT NULL,
    replaced_at     TEXT NOT NULL,
    PRIMARY KEY (code, catalog_version)
) WITHOUT ROWID;
