-- Service catalogue, individual support plans (versioned), deliveries and case notes.
CREATE TABLE services (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('hour', 'session', 'visit', 'trip', 'day', 'ticket', 'event', 'course')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- One row per plan version; an amendment is a new row that replaces an earlier signed one.
CREATE TABLE plans (
    id              TEXT PRIMARY KEY,
    enrolment_id    TEXT NOT NULL REFERENCES enrolments(id),
    version         INTEGER NOT NULL,
    replaces_id     TEXT REFERENCES plans(id),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'closed', 'superseded')),
    data            TEXT NOT NULL,             -- JSON of PlanContent (header, diagnosis, goals, commitments)
    signing         TEXT,                      -- JSON of PlanSigning once signed
    closing         TEXT,                      -- JSON of PlanClosing once closed
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (enrolment_id, version)
) STRICT;
CREATE INDEX plans_enrolment ON plans(enrolment_id);

-- A planned service belongs to one goal of one plan version; amendments carry it over.
CREATE TABLE planned_services (
    id            TEXT PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans(id),
    goal_id       TEXT NOT NULL,
    service_id    TEXT NOT NULL REFERENCES services(id),
    carried_from  TEXT REFERENCES planned_services(id),
    position      INTEGER NOT NULL,
    data          TEXT NOT NULL,               -- JSON of PlannedServiceData
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX planned_services_plan ON planned_services(plan_id, position);
CREATE INDEX planned_services_carried ON planned_services(carried_from);

CREATE TABLE plan_reviews (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    review_date TEXT NOT NULL,
    data        TEXT NOT NULL,                 -- JSON of PlanReview
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id, review_date);

-- Quantities are kept in hundredths of the service's unit (1.5 h = 150).
CREATE TABLE deliveries (
    id                  TEXT PRIMARY KEY,
    planned_service_id  TEXT NOT NULL REFERENCES planned_services(id),
    delivery_date       TEXT NOT NULL,
    quantity_centi      INTEGER NOT NULL CHECK (quantity_centi >= 0),
    attendance          TEXT NOT NULL CHECK (attendance IN ('present', 'absent_excused', 'absent_unexcused')),
    data                TEXT NOT NULL,         -- JSON: delivered_by, note
    created_at          TEXT NOT NULL
) STRICT;
CREATE INDEX deliveries_planned_service ON deliveries(planned_service_id, delivery_date);

CREATE TABLE case_notes (
    id              TEXT PRIMARY KEY,
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    noted_at        TEXT NOT NULL,             -- local date and time "YYYY-MM-DDTHH:MM"
    kind            TEXT NOT NULL CHECK (kind IN ('home_visit', 'phone', 'office', 'other')),
    data            TEXT NOT NULL,             -- JSON: text, author
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX case_notes_participant ON case_notes(participant_id, noted_at);

-- The catalogue a new installation starts with (docs/domain.md, "Service catalogue"). Fixed ids: every
-- installation seeds the same rows, so sync never sees two copies of one service.
INSERT INTO services(id, code, name, category, unit, active, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'TER-PSY', 'Terapia psychologiczna', 'Terapia', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000002', 'TER-PSYCH', 'Konsultacja psychiatryczna', 'Terapia', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000003', 'TER-KRYZ', 'Interwencja kryzysowa', 'Terapia', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000004', 'TER-LOGO', 'Terapia logopedyczna (60 min)', 'Terapia', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000005', 'TER-PED', 'Terapia pedagogiczna (60 min)', 'Terapia', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000006', 'TER-SI', 'Integracja sensoryczna (60 min)', 'Terapia', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000007', 'TER-KK', 'Zajęcia korekcyjno-kompensacyjne (60 min)', 'Terapia', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000008', 'TER-SOCJO', 'Grupa socjoterapeutyczna', 'Terapia', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000009', 'TER-TUS', 'Trening umiejętności społecznych', 'Terapia', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000010', 'ROD-ASYST', 'Wizyta asystenta rodziny', 'Rodzina', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000011', 'ROD-PORAD', 'Poradnictwo rodzinne', 'Rodzina', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000012', 'ROD-WARSZ', 'Warsztaty dla rodziców', 'Rodzina', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000013', 'ROD-ZAST', 'Szkolenie dla rodzin zastępczych', 'Rodzina', 'session', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000014', 'ROD-PWD', 'Opieka w placówce wsparcia dziennego', 'Rodzina', 'day', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000015', 'ROD-LEKC', 'Pomoc w nauce', 'Rodzina', 'day', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000016', 'ROD-WYCI', 'Wycieczka edukacyjna', 'Rodzina', 'event', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000017', 'ROD-INTEG', 'Wydarzenie integracyjne', 'Rodzina', 'event', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000018', 'SEN-OPIEK', 'Usługi opiekuńcze', 'Seniorzy', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000019', 'SEN-SPEC', 'Specjalistyczne usługi opiekuńcze', 'Seniorzy', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000020', 'SEN-TAXI', 'Taksówka dla seniora', 'Seniorzy', 'trip', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000021', 'SEN-ZLOTA', 'Złota rączka', 'Seniorzy', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000022', 'SEN-FIZJO', 'Mobilny fizjoterapeuta', 'Seniorzy', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000023', 'SEN-PIEL', 'Wizyta pielęgniarki', 'Seniorzy', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000024', 'SEN-DIET', 'Konsultacja dietetyka', 'Seniorzy', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000025', 'SEN-TRENER', 'Trener personalny', 'Seniorzy', 'visit', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000026', 'SEN-BASEN', 'Nauka pływania', 'Seniorzy', 'ticket', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000027', 'SEN-AQUA', 'Aqua aerobik', 'Seniorzy', 'ticket', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000028', 'SEN-KULT', 'Bilet do kina lub muzeum', 'Seniorzy', 'ticket', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000029', 'NPS-AOON', 'Asystencja osobista', 'Niepełnosprawność', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000030', 'NPS-REH', 'Rehabilitacja', 'Niepełnosprawność', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000031', 'PRA-DORAD', 'Pośrednictwo pracy i doradztwo zawodowe', 'Praca', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000032', 'PRA-IPD', 'Indywidualny plan działania', 'Praca', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000033', 'PRA-KURS', 'Kurs zawodowy', 'Praca', 'hour', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000034', 'SPO-ORG', 'Spotkanie organizowania społeczności lokalnej', 'Społeczność', 'event', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000035', 'SPO-INIC', 'Inicjatywa lokalna', 'Społeczność', 'event', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
