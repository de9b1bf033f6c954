-- Settings of this installation that belong with the data (idle lock, backups, organisation).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,               -- JSON
    updated_at  TEXT NOT NULL
) STRICT;
