-- 018_casework: rights cases and petitions (维权 / 信访). A case is what a woman brought to the
-- office (a letter, a visit, a call to the 12338 hotline ...): who she is (a registered resident,
-- or a name, phone and community until she registers and is linked), the complaint in her words,
-- the respondent, the handler (信访代理员). Its handling is a list of dated steps that only go
-- forward; the case row keeps the state the last step left and the dates the time limits count
-- from. A reopened case (复查) keeps every step before it. The complaint and the steps' notes are
-- sensitive: core/casework/ lets only a 审核, a 管理员 and the case's handler read them.

CREATE TABLE rights_case (
	id            INTEGER PRIMARY KEY,
	case_no       TEXT NOT NULL UNIQUE,     -- V-2024-003: the year of receipt and its number
	received_on   TEXT NOT NULL,
	received_time TEXT,                     -- HH:MM
	channel       TEXT NOT NULL,            -- code list case_channel
	type          TEXT NOT NULL,            -- code list case_type
	resident_id   INTEGER REFERENCES resident(id),
	person_name   TEXT,                     -- before she is registered (then the resident's)
	person_phone  TEXT,
	community     TEXT REFERENCES unit(code),
	complaint     TEXT NOT NULL,
	respondent    TEXT,                     -- free text, or the employer's name
	employer_id   INTEGER REFERENCES employer(id),
	urgency       TEXT NOT NULL DEFAULT '1',        -- code list case_urgency
	handler       TEXT REFERENCES worker(os_user),
	state         TEXT NOT NULL DEFAULT 'registered' CHECK (state IN ('registered', 'accepted',
	              'refused', 'handling', 'answered', 'visited', 'closed')),
	accepted_on   TEXT,                     -- the acceptance (or the last 复查) the 60 days count from
	closed_on     TEXT,
	extend_days   INTEGER NOT NULL DEFAULT 0 CHECK (extend_days >= 0),
	extend_reason TEXT,
	reopened      INTEGER NOT NULL DEFAULT 0 CHECK (reopened >= 0),
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	updated_by    TEXT NOT NULL,
	CHECK (resident_id IS NOT NULL OR person_name IS NOT NULL)
) STRICT;
CREATE INDEX rights_case_received ON rights_case(received_on, id);
CREATE INDEX rights_case_resident ON rights_case(resident_id) WHERE resident_id IS NOT NULL;

-- One dated step of a case, numbered from 1 (the registration). action: case_action for an
-- 'action' step; outcome: case_outcome of a mediation, case_satisfaction of a 回访. who: the
-- person or office that carried it out.
CREATE TABLE case_step (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES rights_case(id),
	no          INTEGER NOT NULL CHECK (no > 0),
	step        TEXT NOT NULL CHECK (step IN ('register', 'accept', 'refuse', 'action', 'answer',
	            'visit', 'close', 'reopen', 'extend')),
	date        TEXT NOT NULL,
	action      TEXT,
	outcome     TEXT,
	who         TEXT,
	note        TEXT,
	days        INTEGER CHECK (days IS NULL OR days > 0),   -- an extension's days
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	UNIQUE (case_id, no)
) STRICT;
CREATE INDEX case_step_date ON case_step(step, date);

-- 来源渠道: the channels the petition rules and the federation's registers name; OUR codes.
INSERT INTO code(list, code, label, ord) VALUES
	('case_channel', '1', '来信', 1),
	('case_channel', '2', '来访', 2),
	('case_channel', '3', '12338热线', 3),
	('case_channel', '4', '电话', 4),
	('case_channel', '5', '网上信访', 5),
	('case_channel', '6', '下基层接访', 6),
	('case_channel', '7', '转办', 7);

-- 案件类型: OUR codes; the labour-rights types are 1x, so a figure of 劳动权益 counts 1%.
INSERT INTO code(list, code, label, ord) VALUES
	('case_type', '11', '劳动合同', 11),
	('case_type', '12', '工资拖欠', 12),
	('case_type', '13', '四期保护', 13),
	('case_type', '14', '辞退', 14),
	('case_type', '19', '其他劳动权益', 19),
	('case_type', '20', '家庭暴力', 20),
	('case_type', '30', '婚姻家庭', 30),
	('case_type', '40', '土地权益/出嫁女', 40),
	('case_type', '50', '人身权利', 50),
	('case_type', '60', '财产权利', 60),
	('case_type', '90', '咨询', 90);

-- 办理措施: what the office did, each a dated step.
INSERT INTO code(list, code, label, ord) VALUES
	('case_action', '1', '调解', 1),
	('case_action', '2', '法律援助', 2),
	('case_action', '3', '司法救助', 3),
	('case_action', '4', '转劳动监察', 4),
	('case_action', '5', '转公安/法院', 5),
	('case_action', '6', '整改通知书', 6),
	('case_action', '7', '庇护', 7);

-- 调解结果, 回访满意度, 紧急程度.
INSERT INTO code(list, code, label, ord) VALUES
	('case_outcome', '1', '调解成功', 1),
	('case_outcome', '2', '调解未成功', 2),
	('case_satisfaction', '1', '满意', 1),
	('case_satisfaction', '2', '基本满意', 2),
	('case_satisfaction', '3', '不满意', 3),
	('case_urgency', '1', '一般', 1),
	('case_urgency', '2', '紧急', 2);

INSERT INTO code_alias(list, alias, code) VALUES
	('case_channel', '信', '1'), ('case_channel', '信件', '1'), ('case_channel', '访', '2'),
	('case_channel', '上访', '2'), ('case_channel', '12338', '3'), ('case_channel', '热线', '3'),
	('case_channel', '网上', '5'), ('case_channel', '网信', '5'), ('case_channel', '接访', '6'),
	('case_type', '欠薪', '12'), ('case_type', '拖欠工资', '12'), ('case_type', '四期', '13'),
	('case_type', '家暴', '20'), ('case_type', '婚姻', '30'), ('case_type', '土地', '40'),
	('case_type', '出嫁女', '40'), ('case_type', '人身', '50'), ('case_type', '财产', '60'),
	('case_action', '调处', '1'), ('case_action', '法援', '2'), ('case_action', '劳动监察', '4'),
	('case_action', '转公安', '5'), ('case_action', '转法院', '5'), ('case_action', '整改', '6'),
	('case_outcome', '成功', '1'), ('case_outcome', '未成功', '2'), ('case_outcome', '失败', '2'),
	('case_urgency', '普通', '1'), ('case_urgency', '急', '2');

-- The time limits of the national petition rules, as locality settings: acceptance decided within
-- 15 days of receipt, the case finished within 60 days of acceptance, one extension of at most 30
-- days; a case with this many days left or fewer is near its limit.
INSERT INTO setting(key, value) VALUES
	('case.accept_days', '15'),
	('case.finish_days', '60'),
	('case.extend_max', '30'),
	('case.near_days', '5');
