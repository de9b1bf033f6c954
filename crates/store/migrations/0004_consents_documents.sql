-- Versioned consent texts, the consents given on them, and the register of generated documents.
CREATE TABLE consent_templates (
    id          TEXT PRIMARY KEY,
    project_id  TEXT REFERENCES projects(id),   -- NULL: the organisation's own text
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE consent_template_versions (
    id           TEXT PRIMARY KEY,
    template_id  TEXT NOT NULL REFERENCES consent_templates(id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (template_id, version)
) STRICT;

-- A version's text never changes once written.
CREATE TRIGGER consent_template_versions_frozen BEFORE UPDATE ON consent_template_versions
BEGIN SELECT RAISE(ABORT, 'a consent text version is never changed; add a new version'); END;

CREATE TABLE consents (
    id                   TEXT PRIMARY KEY,
    participant_id       TEXT NOT NULL REFERENCES participants(id),
    template_version_id  TEXT NOT NULL REFERENCES consent_template_versions(id),
    given_on             TEXT NOT NULL,
    guardian_id          TEXT REFERENCES participants(id),
    given_by             TEXT NOT NULL,       -- 'self' or the guardian's name at the time
    withdrawn_on         TEXT,
    created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX consents_participant ON consents(participant_id);

CREATE TABLE documents (
    id                   TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL,
    participant_id       TEXT REFERENCES participants(id),
    project_id           TEXT REFERENCES projects(id),
    template_version_id  TEXT REFERENCES consent_template_versions(id),
    generated_at         TEXT NOT NULL,
    sha256               TEXT NOT NULL,
    bytes                INTEGER NOT NULL,
    model                TEXT NOT NULL,       -- JSON: everything needed to render it again
    generated_by         TEXT NOT NULL
) STRICT;
CREATE INDEX documents_participant ON documents(participant_id, generated_at);
