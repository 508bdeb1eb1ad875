-- 011_search_scope.sql: a worker's search reads only her communities' part of the index.
--
-- A clerk of one community is the most common worker. With the key first, her search walked
-- every resident's keys in the range until 50 of hers turned up (a community with 1% of the
-- registry: 23 ms; a new one with nobody yet: 400 ms, the whole range). With the community in
-- front, each community of her scope is one range of the index, and a whole-registry search one
-- range per community. Residents without a community are kept under ''.
CREATE TABLE search_key_scoped (
	community   TEXT NOT NULL,
	key         TEXT NOT NULL,
	resident_id INTEGER NOT NULL,
	PRIMARY KEY (community, key, resident_id)
) STRICT, WITHOUT ROWID;
INSERT INTO search_key_scoped(community, key, resident_id)
	SELECT coalesce(r.community, ''), s.key, s.resident_id
	FROM search_key s JOIN resident r ON r.id = s.resident_id
	ORDER BY 1, 2, 3;
DROP TABLE search_key;
ALTER TABLE search_key_scoped RENAME TO search_key;

-- The everybody list of a community worker, newest registration first, one range a community.
CREATE INDEX resident_community ON resident(community, id);
