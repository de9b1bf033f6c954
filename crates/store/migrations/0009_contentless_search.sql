-- The search index keeps only its index, no copy of the folded text (content = ''): a change
-- to a person rewrites the index entries without also rewriting a copy of the text at a random
-- place in the file, and the folded names are no longer stored twice. contentless_delete lets
-- a person's entry be removed by rowid, as before.
CREATE VIRTUAL TABLE participant_search_new USING fts5(
    names, pesel, place, phone,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO participant_search_new(rowid, names, pesel, place, phone)
    SELECT rowid, names, pesel, place, phone FROM participant_search;
DROP TABLE participant_search;
ALTER TABLE participant_search_new RENAME TO participant_search;
INSERT INTO participant_search(participant_search) VALUES ('optimize');
