-- 033_migrants: the roster of migrant women (流动妇女平安之家 成员名册). A member is a registered
-- resident who came to the community from elsewhere: where she is from (籍贯), whom she works for
-- (an employer of the jobs module, or the name as typed), her residence permit (暂住证, 居住证 or
-- none) and its date, the day she joined the roster and the day she left it with the reason. A
-- woman has one open membership at a time; she may join again after she left. The services she
-- received are read from the other records, never copied here.
--
-- The monthly re-check (每月复核): a check per member per month, its day, the worker who made it
-- and what was found (still here, left, moved away); a check that finds her gone ends her
-- membership on its day.

CREATE TABLE migrant (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	origin      TEXT NOT NULL,             -- 籍贯 / 来自: 贵州毕节
	employer_id INTEGER REFERENCES employer(id),   -- when the employer is on the jobs list
	employer    TEXT,                      -- the employer's name, or the firm as typed
	permit      TEXT NOT NULL,             -- code list migrant_permit
	permit_date TEXT,                      -- the day the permit was issued
	joined_on   TEXT NOT NULL,
	left_on     TEXT,                      -- the day she left, with its reason
	left_reason TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	CHECK (left_on IS NULL OR (left_on >= joined_on AND left_reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX migrant_open ON migrant(resident_id) WHERE left_on IS NULL;
CREATE INDEX migrant_resident ON migrant(resident_id, joined_on);
CREATE INDEX migrant_joined ON migrant(joined_on);

CREATE TABLE migrant_check (
	id          INTEGER PRIMARY KEY,
	migrant_id  INTEGER NOT NULL REFERENCES migrant(id),
	checked_on  TEXT NOT NULL,
	outcome     TEXT NOT NULL,             -- code list migrant_check
	checked_by  TEXT NOT NULL,             -- the worker's name as the trail shows it
	note        TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX migrant_check_member ON migrant_check(migrant_id, checked_on);
CREATE INDEX migrant_check_date ON migrant_check(checked_on);

-- 居住证件 and 复核结果; OUR codes.
INSERT INTO code(list, code, label, ord) VALUES
	('migrant_permit', '1', '暂住证', 1),
	('migrant_permit', '2', '居住证', 2),
	('migrant_permit', '9', '无', 9),
	('migrant_check', '1', '在住', 1),
	('migrant_check', '2', '离开', 2),
	('migrant_check', '3', '迁出', 3);
INSERT INTO code_alias(list, alias, code) VALUES
	('migrant_permit', '暂住', '1'), ('migrant_permit', '居住', '2'), ('migrant_permit', '未办', '9'),
	('migrant_permit', '没有', '9'), ('migrant_permit', '无证', '9'),
	('migrant_check', '仍在', '1'), ('migrant_check', '在', '1'), ('migrant_check', '仍在住', '1'),
	('migrant_check', '已离开', '2'), ('migrant_check', '返乡', '2'), ('migrant_check', '走了', '2'),
	('migrant_check', '搬走', '3'), ('migrant_check', '已迁出', '3'), ('migrant_check', '迁居', '3');

-- A member not checked for this many days is on 今日待办 (0: not since the month began).
INSERT INTO setting(key, value) VALUES ('migrant.check_days', '0');
