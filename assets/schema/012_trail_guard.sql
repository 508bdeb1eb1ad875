-- 012_trail_guard.sql: the audit trail's limit of rows from before the hash chain, out of reach.
--
-- The rows written before 007 have no hash, and the chain's check accepts a row without one only
-- up to a limit. 007 kept that limit as the setting audit.unhashed_until, which anyone who may
-- change a setting could raise, and so pass rows whose hashes were blanked as old ones. The limit
-- now lives in audit_epoch, one row that triggers keep anyone from changing, removing or adding
-- to (core/store/history.c reads it; jiuye writes nothing while one of these triggers or those of
-- the history is missing, and `jiuye check` compares the limit with the rows).
--
-- Its value is taken from the rows where they tell it: the first row with a hash follows the last
-- one without (the seal of an upgraded database, or row 1 of one that began with the chain); else,
-- when no row has a hash yet, from what 007 noted, and never beyond the last row.
CREATE TABLE audit_epoch (
	unhashed_until INTEGER NOT NULL         -- the last row of the trail that may lack a hash
) STRICT;
INSERT INTO audit_epoch(unhashed_until) SELECT min(
	coalesce((SELECT min(seq) - 1 FROM history WHERE hash IS NOT NULL),
	         (SELECT max(seq) FROM history), 0),
	coalesce((SELECT CAST(value AS INTEGER) FROM setting
	          WHERE key = 'audit.unhashed_until'), 0));
DELETE FROM setting WHERE key = 'audit.unhashed_until';
CREATE TRIGGER audit_epoch_no_update BEFORE UPDATE ON audit_epoch
BEGIN SELECT RAISE(ABORT, 'audit_epoch is written once, by its migration'); END;
CREATE TRIGGER audit_epoch_no_delete BEFORE DELETE ON audit_epoch
BEGIN SELECT RAISE(ABORT, 'audit_epoch is written once, by its migration'); END;
CREATE TRIGGER audit_epoch_no_insert BEFORE INSERT ON audit_epoch
BEGIN SELECT RAISE(ABORT, 'audit_epoch is written once, by its migration'); END;
