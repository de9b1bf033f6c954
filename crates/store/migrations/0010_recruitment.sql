-- Recruitment rounds of a project and their candidates (docs/domain.md, "Recruitment").
CREATE TABLE recruitments (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    data        TEXT NOT NULL,                 -- JSON of RecruitmentData
    closing     TEXT,                          -- JSON of RecruitmentClosing once closed
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX recruitments_project ON recruitments(project_id);

-- A candidate's number is the order of registration in the round (created_at, id).
CREATE TABLE candidates (
    id              TEXT PRIMARY KEY,
    recruitment_id  TEXT NOT NULL REFERENCES recruitments(id),
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    submitted_at    TEXT NOT NULL,             -- local "YYYY-MM-DDTHH:MM"
    data            TEXT NOT NULL,             -- JSON of Application
    decision        TEXT,                      -- JSON of the frozen RankEntry once the round is closed
    resigned_on     TEXT,                      -- "YYYY-MM-DD"
    enrolment_id    TEXT REFERENCES enrolments(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX candidates_recruitment ON candidates(recruitment_id, created_at);
CREATE INDEX candidates_participant ON candidates(participant_id);
