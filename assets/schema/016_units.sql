-- 016_units.sql: an office keeps its own county / street / community tree (core/store/unit.c).
--
-- A unit that stops existing (two communities merged, a village moved to another town) is closed,
-- never removed: her residents, their history and last year's reports still name it. A closed
-- unit takes no new registrations; closed_at is when it was closed (an ISO time), NULL while open.
ALTER TABLE unit ADD COLUMN closed_at TEXT;

-- A community's profile (domain A9, 社区基本情况: "46栋楼房、122个门栋、1589户、3856人"), one row a
-- date it was counted, so a later count does not overwrite what an earlier report read.
CREATE TABLE unit_profile (
	unit       TEXT NOT NULL REFERENCES unit(code),
	as_of      TEXT NOT NULL,               -- YYYY-MM-DD, the day the figures were counted
	buildings  INTEGER CHECK (buildings >= 0),      -- 楼栋
	entrances  INTEGER CHECK (entrances >= 0),      -- 门栋
	households INTEGER CHECK (households >= 0),     -- 户
	population INTEGER CHECK (population >= 0),     -- 人
	PRIMARY KEY (unit, as_of)
) STRICT, WITHOUT ROWID;
