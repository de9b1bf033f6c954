-- Demo data (the first-run wizard's optional 50 people): the rows it wrote, so that one step
-- in Ustawienia removes them and whatever was later attached to them. Demo rows never leave
-- this computer: sync stays off while any are here.
CREATE TABLE demo_rows (
    tbl  TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
