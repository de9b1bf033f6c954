-- Forms a worker has not saved yet (a half-typed home-visit note when the idle lock comes):
-- one row per open form, inside the encrypted database, never synced, deleted when the form is
-- saved or discarded, and with the person when they are anonymised.
CREATE TABLE drafts (
    key       TEXT PRIMARY KEY,   -- which form: "note:<participant id>", "participant-new", …
    route     TEXT NOT NULL,      -- JSON of the window's view that holds the form
    data      TEXT NOT NULL,      -- JSON of the form's fields as typed
    saved_at  TEXT NOT NULL
) STRICT;
