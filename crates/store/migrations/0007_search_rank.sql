-- Search ranks every match of a short prefix ("kowal" matches thousands of people) before it
-- keeps the best 100. This narrow index holds all that ranking needs besides the FTS score
-- (status for the archive filter, sort_key for ties), so the ranking reads it instead of the
-- wide participant rows; only the rows shown are read in full.
CREATE INDEX participants_search_rank ON participants(seq, status, sort_key);
