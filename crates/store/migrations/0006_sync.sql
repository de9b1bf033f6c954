-- Sync between installations: per-field stamps of every syncable record, the queue of rows
-- changed in the running transaction, conflicts kept for a person, and bundles seen.
-- The triggers that fill sync_dirty are created from the one list of syncable tables in
-- src/sync.rs (SYNC_TABLES), so a table added there is covered without a new migration.

-- Small facts of this installation's sync: hybrid logical clock, change counter, last export,
-- the organisation and its sync key (inside the encrypted database).
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

-- Rows written in the current transaction; drained (and stamped) just before it commits.
CREATE TABLE sync_dirty (
    tbl  TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;

-- The last stamped state of each syncable row: per field the stamp that set it, the stamp it
-- replaced, and a hash of its value (JSON). A deleted row keeps its tombstone stamp here.
CREATE TABLE sync_rows (
    tbl         TEXT NOT NULL,
    id          TEXT NOT NULL,
    meta        TEXT NOT NULL,
    deleted     TEXT,
    change_seq  INTEGER NOT NULL,
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_rows_changed ON sync_rows(change_seq);

-- Both sides changed the same field since they last met: the newer stamp won, the other value
-- waits here for a person to keep or replace it.
CREATE TABLE sync_conflicts (
    id            TEXT PRIMARY KEY,
    tbl           TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    field         TEXT NOT NULL,
    mine          TEXT,               -- JSON of the local value before the import (NULL: absent)
    theirs        TEXT,               -- JSON of the incoming value (NULL: absent)
    mine_stamp    TEXT NOT NULL,
    theirs_stamp  TEXT NOT NULL,
    winner        TEXT NOT NULL CHECK (winner IN ('mine', 'theirs')),
    bundle_id     TEXT NOT NULL,
    detected_at   TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT CHECK (resolution IN ('mine', 'theirs')),
    UNIQUE (tbl, row_id, field, mine_stamp, theirs_stamp)
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, detected_at);

-- Bundles written here or applied here (by id and by file hash, so a folder import skips them).
CREATE TABLE sync_bundles (
    bundle_id    TEXT PRIMARY KEY,
    file_sha256  TEXT NOT NULL,
    device       TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    records      INTEGER NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX sync_bundles_file ON sync_bundles(file_sha256);
