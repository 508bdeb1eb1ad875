-- 025_dated.sql: what a past period's report reads as it stood then.
--
-- A category that ends (就业援助: 认定日期 since, 退出日期 until, 原因) leaves resident_category,
-- which holds what she is now, for this table, with its dates and the reason; the report counts
-- her in it from since up to the day before until. A category ended on the day it began is not
-- kept (it never counted).
CREATE TABLE resident_category_past (
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	category    TEXT NOT NULL,
	since       TEXT NOT NULL,
	until       TEXT NOT NULL,
	reason      TEXT,
	ended_at    TEXT NOT NULL,
	ended_by    TEXT NOT NULL,
	PRIMARY KEY (resident_id, category, since)
) STRICT, WITHOUT ROWID;

-- The flags 领取失业金 (benefit) and 低保 (dibao) and the community change on a day: each change
-- keeps the value before it (old: '0'/'1', a community's code, NULL for none). The value on a day
-- is the old value of the first change after that day, or the record's own when none is later.
-- Records from before this table have no changes: their values stand for every day, as the
-- reports read them until now.
CREATE TABLE resident_change (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	what        TEXT NOT NULL CHECK (what IN ('benefit', 'dibao', 'community')),
	date        TEXT NOT NULL,
	old         TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX resident_change_resident ON resident_change(resident_id, what, date);
