-- 007_audit.sql: the history becomes the audit trail.
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
	CASE WHEN action IN ('create', 'close', 'view', 'export', 'import', 'login', 'lock', 'unlock',
	                     'seal')
	     THEN action ELSE 'change' END) VIRTUAL;

-- The browser asks "what did this worker do" and "who viewed or exported": without these, a scan
-- of the trail (2 s on a million rows). The second indexes only the rare events, so a bulk load's
-- creates do not pay for it (audit.c repeats its WHERE so SQLite may use it).
CREATE INDEX history_user ON history(os_user, seq);
CREATE INDEX history_rare ON history(event, seq) WHERE event NOT IN ('create', 'change');

-- No INSERT trigger: history_add is the only writer (core/history.c), and a trigger run on every
-- row cost a bulk load 3.4 microseconds a row (measured) for what the chain finds anyway.

-- Retention (audit.keep_years, default 3, PIPL art. 56; CSL art. 21 asks at least 6 months): the
-- trail has no delete path at all, history_no_delete refuses every DELETE, so nothing younger than
-- the setting (or older) is ever removed by jiuye.
INSERT OR IGNORE INTO setting(key, value) VALUES ('audit.keep_years', '3');

-- The rows above are the only ones that may lack a hash: a row after them without one was not
-- written by jiuye (blanking every hash must not pass as "written before the upgrade").
INSERT OR REPLACE INTO setting(key, value)
	SELECT 'audit.unhashed_until', CAST(coalesce(max(seq), 0) AS TEXT) FROM history;
