-- 031_assistance: assistance and relief records (就业援助 / 帮困救助). Each is one act of help to a
-- registered woman on a day: one of the 四大援助 (结对援助, 岗位援助, 技能援助, 维权援助), relief
-- (帮困救助), a visit of sympathy (慰问), or the employment assistance of a 4050 woman with its
-- subsidy (4050就业援助); the occasion (两节, 三八, 母亲节, 六一, 其他), money or goods (goods at
-- their value, what they were) in whole fen, who paid (funder) and the worker who gave it. It may
-- belong to her mentoring pair, rights case, placement or course. E5, E6 and K5 count them.
CREATE TABLE assistance (
	id           INTEGER PRIMARY KEY,
	assist_no    TEXT NOT NULL UNIQUE,     -- A-2026-007: the year given and its number
	resident_id  INTEGER NOT NULL REFERENCES resident(id),
	kind         TEXT NOT NULL,            -- code list assist_kind
	date         TEXT NOT NULL,
	occasion     TEXT,                     -- code list assist_occasion
	form         TEXT,                     -- code list assist_form: 现金 or 物资, with the amount
	what         TEXT,                     -- the goods
	amount_fen   INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
	funder       TEXT,                     -- who paid: 县妇联, 爱心企业 ...
	worker       TEXT NOT NULL,            -- who gave it (a name)
	pair_id      INTEGER REFERENCES mentor_pair(id),
	case_id      INTEGER REFERENCES rights_case(id),
	placement_id INTEGER REFERENCES placement(id),
	course_id    INTEGER REFERENCES course(id),
	note         TEXT,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	updated_by   TEXT NOT NULL,
	CHECK ((amount_fen IS NULL) = (form IS NULL))
) STRICT;
CREATE INDEX assistance_date ON assistance(date);
CREATE INDEX assistance_resident ON assistance(resident_id, date);
CREATE INDEX assistance_pair ON assistance(pair_id) WHERE pair_id IS NOT NULL;

-- 援助类型, 援助时机 and 款物形式; OUR codes. 1-4 are the 四大援助 (E6), 5 and 6 relief (K5), 7 the
-- 4050 employment assistance (E5).
INSERT INTO code(list, code, label, ord) VALUES
	('assist_kind', '1', '结对援助', 1),
	('assist_kind', '2', '岗位援助', 2),
	('assist_kind', '3', '技能援助', 3),
	('assist_kind', '4', '维权援助', 4),
	('assist_kind', '5', '帮困救助', 5),
	('assist_kind', '6', '慰问', 6),
	('assist_kind', '7', '4050就业援助', 7),
	('assist_occasion', '1', '两节', 1),
	('assist_occasion', '2', '三八', 2),
	('assist_occasion', '3', '母亲节', 3),
	('assist_occasion', '4', '六一', 4),
	('assist_occasion', '9', '其他', 9),
	('assist_form', '1', '现金', 1),
	('assist_form', '2', '物资', 2);
INSERT INTO code_alias(list, alias, code) VALUES
	('assist_kind', '结对', '1'), ('assist_kind', '岗位', '2'), ('assist_kind', '技能', '3'),
	('assist_kind', '维权', '4'), ('assist_kind', '帮困', '5'), ('assist_kind', '救助', '5'),
	('assist_kind', '困难救助', '5'), ('assist_kind', '走访慰问', '6'), ('assist_kind', '4050', '7'),
	('assist_kind', '4050援助', '7'), ('assist_kind', '就业援助', '7'),
	('assist_occasion', '春节', '1'), ('assist_occasion', '元旦', '1'), ('assist_occasion', '元旦春节', '1'),
	('assist_occasion', '三八节', '2'), ('assist_occasion', '妇女节', '2'), ('assist_occasion', '六一儿童节', '4'),
	('assist_occasion', '儿童节', '4'),
	('assist_form', '资金', '1'), ('assist_form', '慰问金', '1'), ('assist_form', '款', '1'),
	('assist_form', '补贴', '1'), ('assist_form', '实物', '2'), ('assist_form', '物品', '2');
