-- 005_training: the training module (培训). Courses and enrolments (001 has their first columns)
-- get what the workflow needs: 期 and 班次, the waiting list, the
-- completion date, 对口就业, notes and who changed them last; the course's sessions and each
-- trainee's attendance at each; the code lists of specialities, training categories, results and
-- certificates (an office extends them like the other lists); the subsidy tiers as locality
-- settings. Whether a completer found work within six months is never stored: core/outcome.c
-- derives it from the status events (employed statuses, codes 2x).

ALTER TABLE course ADD COLUMN term INTEGER CHECK (term IS NULL OR term > 0);          -- 期
ALTER TABLE course ADD COLUMN class_no INTEGER CHECK (class_no IS NULL OR class_no > 0);  -- 班次
ALTER TABLE course ADD COLUMN note TEXT;
ALTER TABLE course ADD COLUMN updated_at TEXT;
ALTER TABLE course ADD COLUMN updated_by TEXT;
CREATE INDEX course_start ON course(start_date, id);

-- waitlisted: on the waiting list (候补), not yet admitted. result_on: the day of 结业 or 退学.
-- in_trade: 对口就业, the worker's judgement whether the job found is in the trade trained.
ALTER TABLE enrolment ADD COLUMN waitlisted INTEGER NOT NULL DEFAULT 0 CHECK (waitlisted IN (0, 1));
ALTER TABLE enrolment ADD COLUMN result_on TEXT;
ALTER TABLE enrolment ADD COLUMN in_trade INTEGER CHECK (in_trade IS NULL OR in_trade IN (0, 1));
ALTER TABLE enrolment ADD COLUMN note TEXT;
ALTER TABLE enrolment ADD COLUMN updated_at TEXT;
ALTER TABLE enrolment ADD COLUMN updated_by TEXT;
CREATE INDEX enrolment_course ON enrolment(course_id, waitlisted, id);

-- One class meeting of a course (第 no 次课). Its roll call is the attendance rows.
CREATE TABLE course_session (
	id          INTEGER PRIMARY KEY,
	course_id   INTEGER NOT NULL REFERENCES course(id),
	no          INTEGER NOT NULL CHECK (no > 0),
	date        TEXT NOT NULL,
	start_time  TEXT,
	end_time    TEXT,
	hours       INTEGER CHECK (hours IS NULL OR hours >= 0),
	topic       TEXT,
	teacher     TEXT,
	place       TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT,
	updated_by  TEXT,
	UNIQUE (course_id, no)
) STRICT;

-- 到 present, 缺 absent, 迟 late, 假 leave (excused): one mark per trainee and session.
CREATE TABLE attendance (
	session_id   INTEGER NOT NULL REFERENCES course_session(id),
	enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
	mark         TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'late', 'leave')),
	marked_at    TEXT NOT NULL,
	marked_by    TEXT NOT NULL,
	PRIMARY KEY (session_id, enrolment_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_enrolment ON attendance(enrolment_id);

-- 专业/工种: OUR codes (no national list of community training trades was found). The trades of
-- the brief's course catalogue and the issue; an office adds its own (电动缝纫, 插花 …).
INSERT INTO code(list, code, label, ord) VALUES
	('speciality', '01', '家政', 1),
	('speciality', '02', '月嫂', 2),
	('speciality', '03', '育婴', 3),
	('speciality', '04', '养老护理', 4),
	('speciality', '05', 'SYB创业', 5),
	('speciality', '06', '来料加工', 6),
	('speciality', '07', '电脑', 7),
	('speciality', '08', '农业实用技术', 8),
	('speciality', '99', '其他', 99);

-- 培训类别: the four categories of the county programme [000-G] (失业人员培训、企业在职职工培训、
-- 农村劳动力转移培训、syb创业培训); OUR codes, labels shortened.
INSERT INTO code(list, code, label, ord) VALUES
	('train_cat', '1', '失业人员培训', 1),
	('train_cat', '2', '在职职工培训', 2),
	('train_cat', '3', '农村转移培训', 3),
	('train_cat', '4', '创业培训', 4);

-- 学习状态: the values of enrolment.result (001), labelled for workers and files.
INSERT INTO code(list, code, label, ord) VALUES
	('train_result', 'enrolled', '在读', 1),
	('train_result', 'completed', '结业', 2),
	('train_result', 'dropped', '退学', 3);

-- 培训证书: what a trainee takes home. The subsidy tiers (core/outcome.c) read codes 2 and 3:
-- 职业资格证书 (today also 职业技能等级证书) and 专项职业能力证书.
INSERT INTO code(list, code, label, ord) VALUES
	('train_cert', '1', '结业证书', 1),
	('train_cert', '2', '职业资格证书', 2),
	('train_cert', '3', '专项职业能力证书', 3);

INSERT INTO code_alias(list, alias, code) VALUES
	('speciality', '家政服务', '01'), ('speciality', '家政服务员', '01'), ('speciality', '保洁', '01'),
	('speciality', '母婴护理', '02'), ('speciality', '母婴护理员', '02'), ('speciality', '育婴师', '03'),
	('speciality', '育婴员', '03'), ('speciality', '养老护理员', '04'), ('speciality', '养老', '04'),
	('speciality', '护理', '04'), ('speciality', 'SYB', '05'), ('speciality', 'SIYB', '05'),
	('speciality', '创业', '05'), ('speciality', 'SYB 创业', '05'), ('speciality', '创办你的企业', '05'),
	('speciality', '手工编织', '06'), ('speciality', '编织', '06'), ('speciality', '电动缝纫', '06'),
	('speciality', '计算机', '07'), ('speciality', '电脑基础', '07'), ('speciality', '网店客服', '07'),
	('speciality', '农业', '08'), ('speciality', '农村实用技术', '08'), ('speciality', '种植', '08'),
	('speciality', '养殖', '08'), ('speciality', '其它', '99'),
	('train_cat', '失业人员', '1'), ('train_cat', '失业', '1'), ('train_cat', '下岗失业人员培训', '1'),
	('train_cat', '在职', '2'), ('train_cat', '在职培训', '2'), ('train_cat', '企业在职职工培训', '2'),
	('train_cat', '农村转移', '3'), ('train_cat', '农村劳动力转移培训', '3'), ('train_cat', '转移就业培训', '3'),
	('train_cat', '创业', '4'), ('train_cat', 'SYB创业培训', '4'), ('train_cat', 'SYB培训', '4'),
	('train_cat', 'syb创业培训', '4'),
	('train_result', '在学', 'enrolled'), ('train_result', '报名', 'enrolled'), ('train_result', '已结业', 'completed'),
	('train_result', '完成', 'completed'), ('train_result', '退出', 'dropped'), ('train_result', '中途退学', 'dropped'),
	('train_cert', '培训合格证书', '1'), ('train_cert', '合格证书', '1'), ('train_cert', '结业证', '1'),
	('train_cert', '职业技能等级证书', '2'), ('train_cert', '技能等级证书', '2'), ('train_cert', '职业资格证', '2'),
	('train_cert', '专项能力证书', '3'), ('train_cert', '专项职业能力', '3');

-- Courses and enrolments written before this migration held labels: make them codes.
UPDATE course SET speciality = coalesce(
	(SELECT code FROM code WHERE list = 'speciality' AND label = course.speciality),
	(SELECT code FROM code_alias WHERE list = 'speciality' AND alias = course.speciality), speciality);
UPDATE course SET category = coalesce(
	(SELECT code FROM code WHERE list = 'train_cat' AND label = course.category),
	(SELECT code FROM code_alias WHERE list = 'train_cat' AND alias = course.category), category);
UPDATE enrolment SET cert_type = coalesce(
	(SELECT code FROM code WHERE list = 'train_cert' AND label = enrolment.cert_type),
	(SELECT code FROM code_alias WHERE list = 'train_cert' AND alias = enrolment.cert_type), cert_type);

-- Training subsidy tiers (percent of the course's subsidy per person) and the window in which a
-- completer's job counts, as locality settings (the issue's defaults: 100% when employed within 6
-- months of the course end, 80% with a vocational qualification certificate and no job, 60% with a
-- special-ability certificate). Printouts: lines per page and columns per line.
INSERT INTO setting(key, value) VALUES
	('training.outcome_months', '6'),
	('training.tier.employed', '100'),
	('training.tier.vocational', '80'),
	('training.tier.special', '60'),
	('print.page_lines', '60'),
	('print.page_cols', '80');
