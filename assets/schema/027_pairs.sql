-- 027_pairs: mentoring pairs (结对帮扶). A helper (帮扶人: a 巾帼文明岗, a woman broker or
-- entrepreneur, a rural women's leader, a cadre, an expert; she may be a registered resident
-- herself) is paired with a registered woman (or her household) the office helps, from a start
-- date with a goal. A pair is 新增 in its first year and 巩固 after it, until it ends (结束, with
-- the date and the reason); the state is worked out from those dates, so a report of any period
-- reads it as it stood. Each pair keeps a log of contacts (走访, 电话, 帮扶活动: what was done) and
-- of the money and goods given (帮扶款物), in whole fen.

CREATE TABLE helper (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,             -- code list helper_type
	phone       TEXT,
	org         TEXT,                      -- her unit, firm or post (巾帼家政服务有限公司)
	resident_id INTEGER REFERENCES resident(id),       -- when she is registered herself
	community   TEXT REFERENCES unit(code),            -- whose helper she is
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE mentor_pair (
	id          INTEGER PRIMARY KEY,
	pair_no     TEXT NOT NULL UNIQUE,      -- P-2024-011: the year it started and its number
	type        TEXT NOT NULL,             -- code list pair_type
	helper_id   INTEGER NOT NULL REFERENCES helper(id),
	resident_id INTEGER NOT NULL REFERENCES resident(id),   -- the woman helped
	household   TEXT,                      -- the household, when the pair helps one
	start_date  TEXT NOT NULL,
	goal        TEXT,
	ended_on    TEXT,                      -- 结束: the day, with its reason
	end_reason  TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	CHECK (ended_on IS NULL OR (ended_on >= start_date AND end_reason IS NOT NULL))
) STRICT;
CREATE INDEX mentor_pair_start ON mentor_pair(start_date);
CREATE INDEX mentor_pair_resident ON mentor_pair(resident_id);

CREATE TABLE pair_contact (
	id          INTEGER PRIMARY KEY,
	pair_id     INTEGER NOT NULL REFERENCES mentor_pair(id),
	date        TEXT NOT NULL,
	kind        TEXT NOT NULL,             -- code list pair_contact
	content     TEXT NOT NULL,             -- what was done
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX pair_contact_pair ON pair_contact(pair_id, date);

CREATE TABLE pair_gift (
	id          INTEGER PRIMARY KEY,
	pair_id     INTEGER NOT NULL REFERENCES mentor_pair(id),
	date        TEXT NOT NULL,
	kind        TEXT NOT NULL,             -- code list pair_gift: 现金 or 物资
	amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),   -- goods at their value
	what        TEXT,                      -- the goods, the occasion
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX pair_gift_date ON pair_gift(date);
CREATE INDEX pair_gift_pair ON pair_gift(pair_id, date);

-- 结对类型 and 帮扶人类型: the kinds the federation's reports name; OUR codes.
INSERT INTO code(list, code, label, ord) VALUES
	('pair_type', '1', '姐妹帮扶', 1),
	('pair_type', '2', '巾帼党员一对一', 2),
	('pair_type', '3', '爱心妈妈', 3),
	('pair_type', '4', '干部一对一', 4),
	('pair_type', '5', '专家–基地结对', 5),
	('pair_type', '6', '企业–社区结对', 6),
	('pair_type', '7', '厂站结对', 7),
	('helper_type', '1', '巾帼文明岗', 1),
	('helper_type', '2', '女经纪人', 2),
	('helper_type', '3', '女企业家', 3),
	('helper_type', '4', '农村女致富带头人', 4),
	('helper_type', '5', '干部', 5),
	('helper_type', '6', '专家', 6),
	('helper_type', '9', '其他', 9),
	('pair_contact', '1', '走访', 1),
	('pair_contact', '2', '电话', 2),
	('pair_contact', '3', '帮扶活动', 3),
	('pair_gift', '1', '现金', 1),
	('pair_gift', '2', '物资', 2);
INSERT INTO code_alias(list, alias, code) VALUES
	('pair_type', '姐妹', '1'), ('pair_type', '党员一对一', '2'), ('pair_type', '党员结对', '2'),
	('pair_type', '干部结对', '4'), ('pair_type', '专家结对', '5'), ('pair_type', '企区结对', '6'),
	('pair_type', '岗区结对', '6'),
	('helper_type', '经纪人', '2'), ('helper_type', '企业家', '3'), ('helper_type', '致富带头人', '4'),
	('helper_type', '女致富带头人', '4'),
	('pair_contact', '入户走访', '1'), ('pair_contact', '上门', '1'), ('pair_contact', '活动', '3'),
	('pair_gift', '资金', '1'), ('pair_gift', '慰问金', '1'), ('pair_gift', '款', '1'),
	('pair_gift', '实物', '2'), ('pair_gift', '物品', '2');

-- A pair with no contact for this many days is on 今日待办 (pairs without contact).
INSERT INTO setting(key, value) VALUES ('pair.contact_days', '90');
