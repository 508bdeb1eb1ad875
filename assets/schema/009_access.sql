-- 009_access.sql: who may see what (issue 7).
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
