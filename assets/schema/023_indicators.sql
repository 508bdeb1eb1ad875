-- 023_indicators.sql: what the report's remaining indicators are counted from.
--
-- C8: a posting made known by channel (公示, 电话通知, 入户告知, 招聘专栏), one row a notice, dated
-- the day it went out; the channels are a code list an office extends.
CREATE TABLE posting_notice (
	id          INTEGER PRIMARY KEY,
	posting_id  INTEGER NOT NULL REFERENCES posting(id),
	date        TEXT NOT NULL,
	channel     TEXT NOT NULL,
	note        TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX posting_notice_date ON posting_notice(date);
CREATE INDEX posting_notice_posting ON posting_notice(posting_id, date);
INSERT INTO code(list, code, label, ord) VALUES
	('notice_channel', '1', '公示', 1),
	('notice_channel', '2', '电话通知', 2),
	('notice_channel', '3', '入户告知', 3),
	('notice_channel', '4', '招聘专栏', 4);

-- E4: a public-welfare placement's post subsidy (岗位补贴) in fen a month, and the months paid:
-- one row a month of a placement (YYYY-MM), the sum paid for it and the day it was paid. The
-- sum is kept on each row, so a later change of the monthly sum leaves the months paid as paid.
ALTER TABLE placement ADD COLUMN subsidy_fen INTEGER CHECK (subsidy_fen IS NULL OR subsidy_fen >= 0);
CREATE TABLE placement_paid (
	placement_id INTEGER NOT NULL REFERENCES placement(id),
	month        TEXT NOT NULL CHECK (length(month) = 7),
	amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
	paid_on      TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	PRIMARY KEY (placement_id, month)
) STRICT, WITHOUT ROWID;
CREATE INDEX placement_paid_on ON placement_paid(paid_on);

-- F10: a course run by another organisation that the office sends residents to (外送培训).
ALTER TABLE course ADD COLUMN outside INTEGER CHECK (outside IS NULL OR outside IN (0, 1));
