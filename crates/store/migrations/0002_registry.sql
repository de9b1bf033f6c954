-- Participants, their family ties, projects and enrolments.
CREATE TABLE participants (
    seq         INTEGER PRIMARY KEY,          -- stable row number, the search index's rowid
    id          TEXT NOT NULL UNIQUE,         -- UUID v7 made on the creating device
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'anonymised')),
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    sort_key    TEXT NOT NULL,                -- folded "last first", for lists
    name_key    TEXT NOT NULL,                -- folded "first last", for likely duplicates
    pesel       TEXT UNIQUE,
    birth_date  TEXT NOT NULL,
    sex         TEXT NOT NULL CHECK (sex IN ('female', 'male')),
    town        TEXT,
    data        TEXT NOT NULL,                -- JSON of the whole ParticipantData
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX participants_likely_duplicate ON participants(name_key, birth_date);
CREATE INDEX participants_list ON participants(status, sort_key, seq);
CREATE INDEX participants_sorted ON participants(sort_key, seq);

-- Folded text (lower case, no diacritics, ł→l done in Rust) so "lodz" finds "Łódź".
CREATE VIRTUAL TABLE participant_search USING fts5(
    names, pesel, place, phone,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TABLE relations (
    id              TEXT PRIMARY KEY,
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    related_id      TEXT NOT NULL REFERENCES participants(id),
    kind            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (participant_id, related_id, kind),
    CHECK (participant_id <> related_id)
) STRICT;
CREATE INDEX relations_related ON relations(related_id);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    data        TEXT NOT NULL,                -- JSON of ProjectData
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE enrolments (
    id              TEXT PRIMARY KEY,
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    project_id      TEXT NOT NULL REFERENCES projects(id),
    start_data      TEXT NOT NULL,            -- JSON of EnrolmentStart
    end_data        TEXT,                     -- JSON of EnrolmentEnd once ended
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX enrolments_participant ON enrolments(participant_id);
CREATE INDEX enrolments_project ON enrolments(project_id);
