-- 029_org: the federation's organisation register (妇女组织). An organisation or service post
-- (妇代会, 妇委会, 妇女之家, 维权站, 姐妹驿站 …) belongs to one unit of the office's tree: a
-- community or village, a street or township, the county; its level is that unit's. It exists from
-- the day it was set up until the day it was dissolved (撤销, with the reason), so a report of any
-- period counts it as it stood. Its members (主任, 副主任, 委员 …) serve a term from the day they
-- were elected (换届) to the day it ends; a member who leaves keeps her row with the day she left.

CREATE TABLE women_org (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,                     -- code list org_type
	unit        TEXT NOT NULL REFERENCES unit(code),
	founded_on  TEXT NOT NULL,
	ended_on    TEXT,                              -- 撤销: the day, with its reason
	end_reason  TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	UNIQUE (unit, name),
	CHECK (ended_on IS NULL OR (ended_on >= founded_on AND end_reason IS NOT NULL))
) STRICT;
CREATE INDEX women_org_type ON women_org(type);

CREATE TABLE org_member (
	id          INTEGER PRIMARY KEY,
	org_id      INTEGER NOT NULL REFERENCES women_org(id),
	name        TEXT NOT NULL,
	post        TEXT NOT NULL,                     -- code list org_post
	phone       TEXT,
	elected_on  TEXT NOT NULL,
	term_ends   TEXT NOT NULL,
	left_on     TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	CHECK (term_ends > elected_on AND (left_on IS NULL OR left_on >= elected_on))
) STRICT;
CREATE INDEX org_member_org ON org_member(org_id);
CREATE INDEX org_member_term ON org_member(term_ends);

-- 组织类型 and 职务: the kinds the federation's reports name; OUR codes.
INSERT INTO code(list, code, label, ord) VALUES
	('org_type', '1', '妇代会', 1),
	('org_type', '2', '妇委会', 2),
	('org_type', '3', '妇女之家', 3),
	('org_type', '4', '维权站', 4),
	('org_type', '5', '姐妹驿站', 5),
	('org_type', '9', '其他', 9),
	('org_post', '1', '主任', 1),
	('org_post', '2', '副主任', 2),
	('org_post', '3', '委员', 3),
	('org_post', '4', '执委', 4),
	('org_post', '9', '其他', 9);
INSERT INTO code_alias(list, alias, code) VALUES
	('org_type', '妇女代表大会', '1'), ('org_type', '妇女委员会', '2'), ('org_type', '妇女维权站', '4'),
	('org_type', '维权服务站', '4'), ('org_type', '驿站', '5'),
	('org_post', '主席', '1'), ('org_post', '副主席', '2');

-- A member whose term ends within this many days is on the organisations' due list (换届).
INSERT INTO setting(key, value) VALUES ('org.term_days', '60');
