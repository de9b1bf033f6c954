-- Plans beyond one shape (issue 18): a social contract or a family work plan is kept for a
-- person outside any project, so a plan belongs either to an enrolment (as before) or directly to
-- a participant — exactly one of the two. The plan's kind lives in `data` (`PlanContent.kind`,
-- a support plan when absent), as every other part of its content.
--
-- SQLite cannot relax NOT NULL in place: the table is rebuilt (the runner turns foreign keys
-- off around migrations and checks them before committing). The sync triggers dropped with the
-- old table are installed again by the runner; rows keep their sync stamps.
CREATE TABLE plans_new (
    id              TEXT PRIMARY KEY,
    enrolment_id    TEXT REFERENCES enrolments(id),
    participant_id  TEXT REFERENCES participants(id),
    version         INTEGER NOT NULL,
    replaces_id     TEXT REFERENCES plans(id),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'closed', 'superseded')),
    data            TEXT NOT NULL,             -- JSON of PlanContent (kind, header, diagnosis, goals, commitments, …)
    signing         TEXT,                      -- JSON of PlanSigning once signed
    closing         TEXT,                      -- JSON of PlanClosing once closed
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((enrolment_id IS NULL) <> (participant_id IS NULL)),
    UNIQUE (enrolment_id, version)
) STRICT;

INSERT INTO plans_new(id, enrolment_id, participant_id, version, replaces_id, status, data, signing, closing, created_at, updated_at)
    SELECT id, enrolment_id, NULL, version, replaces_id, status, data, signing, closing, created_at, updated_at FROM plans;

DROP TABLE plans;
ALTER TABLE plans_new RENAME TO plans;
CREATE INDEX plans_enrolment ON plans(enrolment_id);
CREATE INDEX plans_participant ON plans(participant_id);

-- Whose plan it is, whichever way it is held: every query about a person's plans goes through
-- this (the register of a person's data, anonymisation, deliveries, reports).
CREATE VIEW plan_owners AS
    SELECT p.id AS plan_id,
           coalesce(p.participant_id, e.participant_id) AS participant_id,
           e.project_id AS project_id
      FROM plans p LEFT JOIN enrolments e ON e.id = p.enrolment_id;
