-- 008_access.sql: who may see what.
--
-- A worker's scope is a set of units: a community worker has her communities, a street clerk her
-- street (which covers its communities), a county officer the county. A worker with no scope row
-- sees the community of her worker row, or the whole database when she is an administrator.
CREATE TABLE worker_scope (
	os_user TEXT NOT NULL REFERENCES worker(os_user),
	unit    TEXT NOT NULL REFERENCES unit(code),
	PRIMARY KEY (os_user, unit)
) STRICT, WITHOUT ROWID;

-- Workers are added by an administrator, never by themselves (except the first of a new
-- database, who becomes its administrator); a worker who leaves is closed, never deleted, so the
-- history keeps naming her.
ALTER TABLE worker ADD COLUMN closed_at TEXT;
ALTER TABLE worker ADD COLUMN added_by TEXT;

-- A 录入员's change of an ID number (and so the birth date) or of the categories of a registered
-- resident waits here for a 审核 (sensitive changes are approved by a second
-- person). The rest of her edit is saved at once.
CREATE TABLE pending_change (
	id           INTEGER PRIMARY KEY,
	resident_id  INTEGER NOT NULL REFERENCES resident(id),
	field        TEXT NOT NULL,       -- the resident column: id_no, categories
	old_value    TEXT,
	new_value    TEXT,
	requested_by TEXT NOT NULL,
	requested_at TEXT NOT NULL,
	state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
	decided_by   TEXT,
	decided_at   TEXT,
	note         TEXT
) STRICT;
CREATE INDEX pending_change_open ON pending_change(state, id);
