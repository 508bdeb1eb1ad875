-- 008_audit.sql: the history becomes the audit trail (issue 7; reference/privacy.md G1-G4).
--
-- Every row now says also where the worker came from (the client address of her SSH session: a
-- record, not an identity), her role, which fields it touched (names only), whether it succeeded,
-- and carries a SHA-256 hash over itself and the row before it, so `jiuye check` finds a row that
-- was altered, removed or slipped in (core/history.c has the serialisation).
--
-- Existing databases: the rows written before this migration have no hash. They are not rewritten
-- (the table stays append-only, and SQL has no SHA-256): the first row jiuye appends after the
-- upgrade is a "seal" row whose hash chains through all of them, so a later change to any of them
-- breaks the chain at the seal. New columns come by ALTER TABLE, which leaves the rows as they are.
ALTER TABLE history ADD COLUMN src TEXT;                    -- first word of $SSH_CONNECTION
ALTER TABLE history ADD COLUMN role INTEGER;                -- ROLE_* of the worker then; NULL before 008
ALTER TABLE history ADD COLUMN fields TEXT;                 -- field names, comma-separated, no values
ALTER TABLE history ADD COLUMN result TEXT NOT NULL DEFAULT 'ok';   -- ok, or fail: and what failed
ALTER TABLE history ADD COLUMN hash BLOB;                   -- SHA-256(previous hash || this row)
-- The kind of event, from the action: record changes keep their own action words (update, status,
-- referral ...) and count as a change.
ALTER TABLE history ADD COLUMN event TEXT GENERATED ALWAYS AS (
	CASE WHEN action IN ('create', 'close', 'view', 'export', 'import', 'login', 'lock', 'seal')
	     THEN action ELSE 'change' END) VIRTUAL;

-- The browser asks "what did this worker do": without this index that is a scan of the trail.
CREATE INDEX history_user ON history(os_user, seq);

-- Rows come only from jiuye's history_add: chained, and each one right after the last.
CREATE TRIGGER history_chained BEFORE INSERT ON history
WHEN NEW.hash IS NULL OR length(NEW.hash) <> 32
  OR NEW.seq IS NOT coalesce((SELECT max(seq) FROM history), 0) + 1
BEGIN SELECT RAISE(ABORT, 'history rows are appended by jiuye, chained, in order'); END;

-- Retention (audit.keep_years, default 3, PIPL art. 56; CSL art. 21 asks at least 6 months): the
-- trail has no delete path at all, history_no_delete refuses every DELETE, so nothing younger than
-- the setting (or older) is ever removed by jiuye.
INSERT OR IGNORE INTO setting(key, value) VALUES ('audit.keep_years', '3');
