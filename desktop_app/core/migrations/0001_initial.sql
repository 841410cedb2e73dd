-- The first schema of a TienDo workspace.
-- Decimals are stored as TEXT (str(Decimal)) so no value ever passes through a float.
-- Times are ISO 8601 UTC text.
-- Tables keyed by what they describe are WITHOUT ROWID: one b-tree, so a save
-- encrypts and writes fewer pages.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The plan catalogs this workspace works with, as they were when installed: a later
-- catalog never rewrites what was reported under an earlier one.
CREATE TABLE plans (
    code            TEXT PRIMARY KEY,
    catalog_version INTEGER NOT NULL,
    catalog_json    TEXT NOT NULL,
    installed_at    TEXT NOT NULL
);

-- Offices and units are data: renamed, merged and added by an administrator.
CREATE TABLE offices (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    short        TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    parent_id    TEXT REFERENCES offices(id),
    valid_from   TEXT,
    valid_to     TEXT,
    successor_id TEXT REFERENCES offices(id),
    origin       TEXT NOT NULL DEFAULT 'plan'
);

-- Every name an office has had, with the dates it held it, so a 2024 report prints the
-- name the office had in 2024.
CREATE TABLE office_names (
    office_id  TEXT NOT NULL REFERENCES offices(id),
    name       TEXT NOT NULL,
    valid_from TEXT,
    valid_to   TEXT
);

-- Which office reports which indicators and tasks.
CREATE TABLE assignments (
    plan_code TEXT NOT NULL REFERENCES plans(code),
    office_id TEXT NOT NULL REFERENCES offices(id),
    item_kind TEXT NOT NULL CHECK (item_kind IN ('indicator', 'task')),
    item_id   TEXT NOT NULL,
    PRIMARY KEY (plan_code, office_id, item_kind, item_id)
) WITHOUT ROWID;

CREATE TABLE indicator_values (
    plan_code      TEXT NOT NULL REFERENCES plans(code),
    office_id      TEXT NOT NULL REFERENCES offices(id),
    year           INTEGER NOT NULL,
    indicator_id   TEXT NOT NULL,
    value_number   TEXT,
    value_text     TEXT,
    numerator      TEXT,
    denominator    TEXT,
    no_data_reason TEXT,
    judgement      INTEGER CHECK (judgement IN (0, 1)),
    source         TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (plan_code, office_id, year, indicator_id)
) WITHOUT ROWID;

CREATE TABLE task_progress (
    plan_code       TEXT NOT NULL REFERENCES plans(code),
    office_id       TEXT NOT NULL REFERENCES offices(id),
    year            INTEGER NOT NULL,
    task_id         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'behind')),
    result          TEXT NOT NULL DEFAULT '',
    evidence_number TEXT NOT NULL DEFAULT '',
    evidence_date   TEXT,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (plan_code, office_id, year, task_id)
) WITHOUT ROWID;

CREATE TABLE reports (
    plan_code         TEXT NOT NULL REFERENCES plans(code),
    office_id         TEXT NOT NULL REFERENCES offices(id),
    year              INTEGER NOT NULL,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'exported')),
    revision          INTEGER NOT NULL DEFAULT 0,
    results_text      TEXT NOT NULL DEFAULT '',
    difficulties_text TEXT NOT NULL DEFAULT '',
    proposals_text    TEXT NOT NULL DEFAULT '',
    report_number     TEXT NOT NULL DEFAULT '',
    signer_authority  TEXT NOT NULL DEFAULT '',
    signer_title      TEXT NOT NULL DEFAULT '',
    signer_name       TEXT NOT NULL DEFAULT '',
    signed_at         TEXT,
    fingerprint       TEXT,
    PRIMARY KEY (plan_code, office_id, year)
) WITHOUT ROWID;

-- Who changed what, when, from what to what: written in the same transaction as the change.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    field      TEXT NOT NULL DEFAULT '',
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_entity ON audit (entity, entity_key);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
