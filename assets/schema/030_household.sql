-- 030_household: households (户). A household has its number (户号, as the community's register
-- writes it), its community and where it lives (栋, 单元, 室 where the register has them, or an
-- address), and members: residents, each with her relation to the head (户主, 配偶, 子女, 父母,
-- 其他; code list hh_relation). A member belongs from a day (since) until the day she left (until:
-- no longer a member that day), so 零就业家庭 and 夫妻双失业, worked out from the members' dated
-- statuses, read as they stood in a past period; a resident is in one household at a time.
CREATE TABLE household (
	id          INTEGER PRIMARY KEY,
	hh_no       TEXT NOT NULL UNIQUE,
	community   TEXT REFERENCES unit(code),
	building    TEXT,                      -- 栋
	entrance    TEXT,                      -- 单元
	room        TEXT,                      -- 室
	address     TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE household_member (
	id           INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES household(id),
	resident_id  INTEGER NOT NULL REFERENCES resident(id),
	relation     TEXT NOT NULL,            -- code list hh_relation
	since        TEXT NOT NULL,
	until        TEXT,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	CHECK (until IS NULL OR until >= since)
) STRICT;
CREATE INDEX household_member_household ON household_member(household_id, since);
CREATE UNIQUE INDEX household_member_now ON household_member(resident_id) WHERE until IS NULL;
CREATE UNIQUE INDEX household_head_now ON household_member(household_id)
	WHERE until IS NULL AND relation = '1';

-- 与户主关系: OUR codes (the census's long table is more than a community register needs).
INSERT INTO code(list, code, label, ord) VALUES
	('hh_relation', '1', '户主', 1),
	('hh_relation', '2', '配偶', 2),
	('hh_relation', '3', '子女', 3),
	('hh_relation', '4', '父母', 4),
	('hh_relation', '9', '其他', 9);
