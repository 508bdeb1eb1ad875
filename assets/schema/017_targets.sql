-- 017_targets.sql: the year's targets (年度目标), set per indicator and unit, against which the
-- reports put the figures counted (完成, 完成率, 超/差).
--
-- A target names its indicator by the code the report table gives it ("A5", "A4-DIBAO"), so any
-- indicator the table has, now or later, can have one; the report ignores a code it does not
-- know. unit is a unit of any level (county, street, community); NULL is the whole database (the
-- county's own target). A street's target is not split among its communities: each unit's target
-- stands on its own. value is a whole number: a count for a count indicator, and for a rate
-- (unit %) hundredths of a percent (85.50% is 8550), so that comparisons stay in integers; rate
-- says which, so a value is never read in the wrong scale.
CREATE TABLE IF NOT EXISTS target (
	id         INTEGER PRIMARY KEY,
	version    INTEGER NOT NULL DEFAULT 1,
	year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
	unit       TEXT REFERENCES unit(code),
	indicator  TEXT NOT NULL CHECK (length(indicator) BETWEEN 1 AND 32),
	value      INTEGER NOT NULL CHECK (value >= 0),
	rate       INTEGER NOT NULL DEFAULT 0 CHECK (rate IN (0, 1)),
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS target_key ON target(year, coalesce(unit, ''), indicator);
