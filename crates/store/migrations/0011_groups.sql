-- Group work (a project's groups of one catalogue service, their members and sessions with who
-- was present) and community events (docs/domain.md, "Group work", "Community events").
CREATE TABLE work_groups (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    service_id  TEXT NOT NULL REFERENCES services(id),
    data        TEXT NOT NULL,                 -- JSON of GroupData
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX work_groups_project ON work_groups(project_id);

-- A membership from `joined_on` to `left_on` (open while NULL); a person may rejoin.
CREATE TABLE group_members (
    id              TEXT PRIMARY KEY,
    group_id        TEXT NOT NULL REFERENCES work_groups(id),
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    joined_on       TEXT NOT NULL,
    left_on         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX group_members_group ON group_members(group_id, participant_id);

CREATE TABLE group_sessions (
    id            TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES work_groups(id),
    session_date  TEXT NOT NULL,
    data          TEXT NOT NULL,               -- JSON of SessionData
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX group_sessions_group ON group_sessions(group_id, session_date);

-- Who of the members of the day was present; a present member's delivery on their plan.
CREATE TABLE session_attendance (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES group_sessions(id),
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    present         INTEGER NOT NULL CHECK (present IN (0, 1)),
    delivery_id     TEXT REFERENCES deliveries(id),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX session_attendance_session ON session_attendance(session_id);
CREATE INDEX session_attendance_participant ON session_attendance(participant_id);

CREATE TABLE community_events (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    event_date  TEXT NOT NULL,
    data        TEXT NOT NULL,                 -- JSON of EventData
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX community_events_project ON community_events(project_id, event_date);

CREATE TABLE event_participants (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES community_events(id),
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_participant ON event_participants(participant_id);
