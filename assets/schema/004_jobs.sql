-- 004_jobs: the jobs module: employers, job information with its
-- posts, referrals with their dated stages, placements (hires and public-welfare posts with their
-- subsidy periods) and job fairs; the code lists they use; and the narrow candidate table that
-- makes matching a posting against a million residents one index range, not a scan.
-- 001 made minimal employer/posting/referral/fair tables for the demo; they are extended here.

-- ---- employers (用人单位) -----------------------------------------------------------------------
-- kind: employer_kind codes; industry: GB/T 4754 sections (002); skey: what search-as-you-type
-- looks in (pinyin initials of every reading, the folded name, the codes), kept by core/jobrec.c.
ALTER TABLE employer ADD COLUMN close_reason TEXT;
ALTER TABLE employer ADD COLUMN updated_at TEXT;
ALTER TABLE employer ADD COLUMN updated_by TEXT;
ALTER TABLE employer ADD COLUMN skey TEXT;

-- ---- job information (就业信息): one item (条) holds `openings` posts (个) --------------------------
-- Wages as a range with its unit (月/天/小时/单/件) and a free note (+社保, 包住 …); the hours as a
-- form of work (work_form codes) and a free note (早晚高峰, 11-14点); requirements: sex, age range,
-- lowest education, skills (words matched against the residents' job intention), other text.
-- status is what the worker set (open/closed) or what hires made (filled); "expired" is never
-- stored by jiuye: an open posting whose closing date has passed reads as expired (core/jobrec.c).
ALTER TABLE posting ADD COLUMN wage_min INTEGER;
ALTER TABLE posting ADD COLUMN wage_max INTEGER;
ALTER TABLE posting ADD COLUMN wage_unit TEXT;
ALTER TABLE posting ADD COLUMN work_form TEXT;
ALTER TABLE posting ADD COLUMN education TEXT;
ALTER TABLE posting ADD COLUMN skills TEXT;
ALTER TABLE posting ADD COLUMN place TEXT;
ALTER TABLE posting ADD COLUMN subsidy_months INTEGER;
ALTER TABLE posting ADD COLUMN fair_id INTEGER REFERENCES fair(id);
ALTER TABLE posting ADD COLUMN note TEXT;
ALTER TABLE posting ADD COLUMN close_reason TEXT;
ALTER TABLE posting ADD COLUMN updated_at TEXT;
ALTER TABLE posting ADD COLUMN updated_by TEXT;
ALTER TABLE posting ADD COLUMN skey TEXT;
CREATE INDEX posting_employer ON posting(employer_id, id);
CREATE INDEX posting_open ON posting(status, closes);

-- ---- referrals (推荐): 已推荐 → 面试 → 录用 / 未录用 / 本人放弃, each step dated ----------------------
-- consent: the resident agreed that her details go to the employer (PIPL art. 23); core refuses a
-- referral without it. One referral per person and posting (001's UNIQUE).
ALTER TABLE referral ADD COLUMN channel TEXT;
ALTER TABLE referral ADD COLUMN updated_at TEXT;
ALTER TABLE referral ADD COLUMN updated_by TEXT;
ALTER TABLE referral ADD COLUMN skey TEXT;
CREATE INDEX referral_posting ON referral(posting_id, id);
CREATE INDEX referral_resident ON referral(resident_id, id);

CREATE TABLE referral_stage (
	id          INTEGER PRIMARY KEY,
	referral_id INTEGER NOT NULL REFERENCES referral(id),
	stage       TEXT NOT NULL CHECK (stage IN ('referred', 'interview', 'hired', 'rejected', 'declined')),
	date        TEXT NOT NULL,
	note        TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX referral_stage_referral ON referral_stage(referral_id, id);

-- ---- placements (就业安置): a hire, with its form of employment; public-welfare posts carry the
-- subsidy period. Active while end_date is NULL; one active placement per person, enforced here
-- too (core says so first, in words).
CREATE TABLE placement (
	id             INTEGER PRIMARY KEY,
	resident_id    INTEGER NOT NULL REFERENCES resident(id),
	referral_id    INTEGER REFERENCES referral(id),
	posting_id     INTEGER REFERENCES posting(id),
	employer_id    INTEGER REFERENCES employer(id),
	form           TEXT NOT NULL,
	start_date     TEXT NOT NULL,
	public_welfare INTEGER NOT NULL DEFAULT 0,
	subsidy_end    TEXT,
	contract       INTEGER NOT NULL DEFAULT 0,
	end_date       TEXT,
	end_reason     TEXT,
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL,
	updated_at     TEXT,
	updated_by     TEXT
) STRICT;
CREATE UNIQUE INDEX placement_active ON placement(resident_id) WHERE end_date IS NULL;
CREATE INDEX placement_resident ON placement(resident_id, start_date);
CREATE INDEX placement_subsidy ON placement(subsidy_end) WHERE public_welfare = 1 AND end_date IS NULL;

-- ---- job fairs (招聘会) ------------------------------------------------------------------------------
ALTER TABLE fair ADD COLUMN co_organisers TEXT;
ALTER TABLE fair ADD COLUMN note TEXT;
ALTER TABLE fair ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fair ADD COLUMN updated_at TEXT;
ALTER TABLE fair ADD COLUMN updated_by TEXT;
ALTER TABLE fair ADD COLUMN skey TEXT;

-- ---- code lists (OUR codes unless a standard is named) -----------------------------------------
-- 单位类型: the ownership kinds the brief's sources name. GB/T 12402 (econ_type) describes
-- enterprises only; a community office also deals with 机关事业单位, 社会组织 and 合作社.
INSERT INTO code(list, code, label, ord) VALUES
	('employer_kind', '10', '国有企业', 10),
	('employer_kind', '20', '集体企业', 20),
	('employer_kind', '30', '民营企业', 30),
	('employer_kind', '40', '个体工商户', 40),
	('employer_kind', '50', '外资或港澳台企业', 50),
	('employer_kind', '60', '机关事业单位', 60),
	('employer_kind', '70', '社会组织', 70),
	('employer_kind', '80', '农民专业合作社', 80),
	('employer_kind', '90', '其他', 90);

-- 用工形式 (work form): 居家 is 来料加工 at home.
INSERT INTO code(list, code, label, ord) VALUES
	('work_form', '1', '全日制', 1),
	('work_form', '2', '非全日制', 2),
	('work_form', '3', '住家', 3),
	('work_form', '4', '临时', 4),
	('work_form', '5', '季节性', 5),
	('work_form', '6', '居家来料加工', 6);

-- 薪资单位 (pay basis: monthly, daily, hourly, per job as 月嫂 are paid, piece rate).
INSERT INTO code(list, code, label, ord) VALUES
	('wage_unit', '1', '元/月', 1),
	('wage_unit', '2', '元/天', 2),
	('wage_unit', '3', '元/小时', 3),
	('wage_unit', '4', '元/单', 4),
	('wage_unit', '5', '元/件', 5);

-- 信息来源 (source / channel).
INSERT INTO code(list, code, label, ord) VALUES
	('job_source', '1', '用人单位', 1),
	('job_source', '2', '人社部门', 2),
	('job_source', '3', '招聘会', 3),
	('job_source', '4', '社区收集', 4),
	('job_source', '5', '妇联', 5),
	('job_source', '9', '其他', 9);

-- 推荐进展: the stages as 001 stores them (English words), labelled for the screens.
INSERT INTO code(list, code, label, ord) VALUES
	('ref_stage', 'referred',  '已推荐', 1),
	('ref_stage', 'interview', '面试', 2),
	('ref_stage', 'hired',     '录用', 3),
	('ref_stage', 'rejected',  '未录用', 4),
	('ref_stage', 'declined',  '本人放弃', 5);

-- 岗位状态: as 001 stores them. 已过期 is computed from the closing date, never chosen.
INSERT INTO code(list, code, label, ord) VALUES
	('posting_status', 'open',    '招聘中', 1),
	('posting_status', 'filled',  '已招满', 2),
	('posting_status', 'closed',  '已关闭', 3),
	('posting_status', 'expired', '已过期', 4);

-- 招聘会类型 (job fair types).
INSERT INTO code(list, code, label, ord) VALUES
	('fair_kind', '01', '春风行动', 1),
	('fair_kind', '02', '关注妇女就业专场', 2),
	('fair_kind', '03', '民营企业招聘周', 3),
	('fair_kind', '04', '人才供需洽谈会', 4),
	('fair_kind', '05', '女大学生专场', 5),
	('fair_kind', '06', '女农民工专场', 6),
	('fair_kind', '07', '大学生就业推荐暨创业项目展示会', 7),
	('fair_kind', '99', '其他', 99);

INSERT INTO code_alias(list, alias, code) VALUES
	('employer_kind', '国企', '10'), ('employer_kind', '国有', '10'), ('employer_kind', '集体', '20'),
	('employer_kind', '私营', '30'), ('employer_kind', '民营', '30'), ('employer_kind', '私企', '30'),
	('employer_kind', '非公企业', '30'), ('employer_kind', '家政公司', '30'),
	('employer_kind', '个体', '40'), ('employer_kind', '个体户', '40'), ('employer_kind', '外资', '50'),
	('employer_kind', '事业单位', '60'), ('employer_kind', '机关', '60'),
	('employer_kind', '合作社', '80'), ('employer_kind', '专业合作社', '80'),
	('industry', '农业', 'A'), ('industry', '养殖', 'A'), ('industry', '制造', 'C'),
	('industry', '服装针织', 'C'), ('industry', '纺织', 'C'), ('industry', '商业', 'F'),
	('industry', '零售', 'F'), ('industry', '餐饮', 'H'), ('industry', '住宿和餐饮', 'H'),
	('industry', '物业', 'K'), ('industry', '家政', 'O'), ('industry', '居民服务业', 'O'),
	('industry', '居民服务', 'O'), ('industry', '保洁', 'O'), ('industry', '养老', 'Q'),
	('industry', '公共管理', 'S'), ('industry', '社区', 'S'),
	('work_form', '全职', '1'), ('work_form', '兼职', '2'), ('work_form', '钟点', '2'),
	('work_form', '小时工', '2'), ('work_form', '钟点工', '2'), ('work_form', '临时工', '4'),
	('work_form', '季节工', '5'), ('work_form', '居家', '6'), ('work_form', '来料加工', '6'),
	('wage_unit', '月', '1'), ('wage_unit', '天', '2'), ('wage_unit', '日', '2'),
	('wage_unit', '小时', '3'), ('wage_unit', '时', '3'), ('wage_unit', '单', '4'),
	('wage_unit', '件', '5'), ('wage_unit', '计件', '5'),
	('job_source', '单位', '1'), ('job_source', '企业', '1'), ('job_source', '劳动局', '2'),
	('job_source', '人社局', '2'), ('job_source', '社区', '4'), ('job_source', '社区公示', '4'),
	('job_source', '招聘专栏', '4'), ('job_source', '入户告知', '4'),
	('ref_stage', '推荐', 'referred'), ('ref_stage', '待反馈', 'referred'),
	('ref_stage', '已面试', 'interview'), ('ref_stage', '录取', 'hired'),
	('ref_stage', '已录用', 'hired'), ('ref_stage', '放弃', 'declined'),
	('ref_stage', '不录用', 'rejected'),
	('posting_status', '开放', 'open'), ('posting_status', '招满', 'filled'),
	('posting_status', '关闭', 'closed'), ('posting_status', '过期', 'expired'),
	('fair_kind', '春风行动专场', '01'), ('fair_kind', '春风送岗位', '01'),
	('fair_kind', '妇女专场', '02');

-- Rows written before this migration (the demo's plain text) become codes where a label or an
-- alias names one; anything else stays as it was and reads as itself.
UPDATE employer SET kind = coalesce(
	(SELECT code FROM code WHERE list = 'employer_kind' AND label = employer.kind),
	(SELECT code FROM code_alias WHERE list = 'employer_kind' AND alias = employer.kind), kind)
WHERE kind IS NOT NULL;
UPDATE employer SET industry = coalesce(
	(SELECT code FROM code WHERE list = 'industry' AND label = employer.industry),
	(SELECT code FROM code_alias WHERE list = 'industry' AND alias = employer.industry), industry)
WHERE industry IS NOT NULL;
UPDATE posting SET source = CASE
	WHEN source LIKE '%招聘会%' THEN '3' WHEN source LIKE '%妇联%' THEN '5'
	WHEN source LIKE '%劳动%' OR source LIKE '%人社%' THEN '2' ELSE '4' END
WHERE source IS NOT NULL AND source NOT IN (SELECT code FROM code WHERE list = 'job_source');
UPDATE fair SET kind = coalesce(
	(SELECT code FROM code WHERE list = 'fair_kind' AND label = fair.kind),
	(SELECT code FROM code_alias WHERE list = 'fair_kind' AND alias = fair.kind), kind)
WHERE kind IS NOT NULL;

-- Settings: the subsidy due list looks this many days ahead (W6: re-assess before the subsidy
-- ends); "closing soon" in the posting list means within this many days.
INSERT INTO setting(key, value) VALUES
	('jobs.subsidy_due_days', '60'),
	('jobs.closing_days', '14');

-- ---- the candidates for matching ---------------------------------------------------------------
-- seek: one narrow row per resident who is looking for work (status 失业/下岗/待业, record open):
-- what a posting's requirements test (sex, birth date, education rank = the code's ord, lower is
-- more schooling), r5 (domain R5: 4050 set by hand, 大龄就业困难, 低保, 残疾, 就业困难, 零就业家庭 —
-- the derived 4050 is tested on the birth date at match time) and the registration date, the
-- order of fairness (who has waited longest). seek_word: every two-character piece of her job
-- intention, skills and former job, so "保洁" in a posting's title finds 家政/保洁 in an intention
-- through the index. Both are kept by the triggers below, whatever writes the resident (forms,
-- imports, status changes, closing), so matching never reads the million-row table itself.
-- Both are kept in registration order (their keys start with it), and seek also by birth date:
-- a first page of matches stops after about a page of rows (core/match.c). Measured on a
-- 1,000,000-resident bulk load: this costs a third of the load rate (34,000 -> 22,000 rows/s),
-- and matching a posting takes 3 ms instead of 100.
CREATE TABLE seek (
	reg_date    TEXT NOT NULL,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	sex         TEXT NOT NULL,
	birth       TEXT NOT NULL,
	edu         INTEGER,
	r5          INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (reg_date, resident_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX seek_birth ON seek(sex, birth, edu, r5);

-- One word's seekers in registration order, with what the requirements test beside them.
CREATE TABLE seek_word (
	word        TEXT NOT NULL,
	reg_date    TEXT NOT NULL,
	resident_id INTEGER NOT NULL,
	sex         TEXT NOT NULL,
	birth       TEXT NOT NULL,
	edu         INTEGER,
	PRIMARY KEY (word, reg_date, resident_id)
) STRICT, WITHOUT ROWID;

-- 1 … 240: the character positions of a text (a trigger may not use a recursive WITH).
CREATE TABLE jy_num (n INTEGER PRIMARY KEY) STRICT;
INSERT INTO jy_num(n) WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 240)
	SELECT n FROM c;

-- The pieces of a text t: two characters, neither a space, a digit nor punctuation a worker
-- separates intentions with. Lower case for Latin letters (SQLite's lower() is ASCII only, as is core's).
CREATE VIEW seek_text AS
	SELECT id AS resident_id,
	       lower(coalesce(job_intent, '') || ' ' || coalesce(skills, '') || ' ' || coalesce(former_job, '')) AS t
	FROM resident;

-- A row here while a bulk load (an import) runs: its new residents skip the insert trigger and
-- are added to seek and seek_word at its end in one sorted pass (core/match.c match_bulk_end),
-- which is several times cheaper than a trigger per row. The row is written inside the load's
-- own transaction, so no other connection ever sees it.
CREATE TABLE seek_deferred (id INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER seek_insert AFTER INSERT ON resident
	WHEN NEW.closed_at IS NULL AND NEW.status IN ('10', '11', '12')
	     AND NOT EXISTS (SELECT 1 FROM seek_deferred)
BEGIN
	INSERT INTO seek(resident_id, sex, birth, edu, r5, reg_date) VALUES (NEW.id, NEW.sex, NEW.birth,
		(SELECT ord FROM code WHERE list = 'education' AND code = NEW.education),
		(NEW.dibao = 1 OR coalesce(NEW.health, '') LIKE '6%'), coalesce(NEW.reg_date, ''));
	INSERT OR IGNORE INTO seek_word(word, reg_date, resident_id, sex, birth, edu)
		SELECT substr(x.t, n, 2), coalesce(NEW.reg_date, ''), NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education) FROM jy_num,
		       (SELECT lower(coalesce(NEW.job_intent, '') || ' ' || coalesce(NEW.skills, '') || ' ' ||
		                     coalesce(NEW.former_job, '')) AS t) AS x
		WHERE n < length(x.t) AND substr(x.t, n, 2) NOT GLOB '*[ 0-9,./;:()+、，。；：（）～~-]*';
END;

CREATE TRIGGER seek_update AFTER UPDATE OF status, closed_at, sex, birth, education, reg_date,
	job_intent, skills, former_job, dibao, health ON resident
BEGIN
	DELETE FROM seek_word WHERE reg_date = coalesce(OLD.reg_date, '') AND resident_id = OLD.id AND word IN (
		SELECT substr(x.t, n, 2) FROM jy_num,
		       (SELECT lower(coalesce(OLD.job_intent, '') || ' ' || coalesce(OLD.skills, '') || ' ' ||
		                     coalesce(OLD.former_job, '')) AS t) AS x
		WHERE n < length(x.t));
	DELETE FROM seek WHERE reg_date = coalesce(OLD.reg_date, '') AND resident_id = OLD.id;
	INSERT INTO seek(resident_id, sex, birth, edu, r5, reg_date)
		SELECT NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education),
		       (NEW.dibao = 1 OR coalesce(NEW.health, '') LIKE '6%' OR EXISTS (SELECT 1 FROM resident_category
		        WHERE resident_id = NEW.id AND category IN ('4050', 'OLDER_HARD', 'DIBAO', 'DISABLED',
		        'DIFFICULT', 'ZERO_EMP_HH'))), coalesce(NEW.reg_date, '')
		WHERE NEW.closed_at IS NULL AND NEW.status IN ('10', '11', '12');
	INSERT OR IGNORE INTO seek_word(word, reg_date, resident_id, sex, birth, edu)
		SELECT substr(x.t, n, 2), coalesce(NEW.reg_date, ''), NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education) FROM jy_num,
		       (SELECT lower(coalesce(NEW.job_intent, '') || ' ' || coalesce(NEW.skills, '') || ' ' ||
		                     coalesce(NEW.former_job, '')) AS t) AS x
		WHERE NEW.closed_at IS NULL AND NEW.status IN ('10', '11', '12') AND n < length(x.t)
		  AND substr(x.t, n, 2) NOT GLOB '*[ 0-9,./;:()+、，。；：（）～~-]*';
END;

CREATE TRIGGER seek_category_in AFTER INSERT ON resident_category
	WHEN NEW.category IN ('4050', 'OLDER_HARD', 'DIBAO', 'DISABLED', 'DIFFICULT', 'ZERO_EMP_HH')
BEGIN
	UPDATE seek SET r5 = 1 WHERE reg_date = (SELECT coalesce(reg_date, '') FROM resident WHERE id = NEW.resident_id)
		AND resident_id = NEW.resident_id;
END;

CREATE TRIGGER seek_category_out AFTER DELETE ON resident_category
	WHEN OLD.category IN ('4050', 'OLDER_HARD', 'DIBAO', 'DISABLED', 'DIFFICULT', 'ZERO_EMP_HH')
BEGIN
	UPDATE seek SET r5 = (SELECT r.dibao = 1 OR coalesce(r.health, '') LIKE '6%' OR EXISTS (
		SELECT 1 FROM resident_category c WHERE c.resident_id = r.id AND c.category IN
		('4050', 'OLDER_HARD', 'DIBAO', 'DISABLED', 'DIFFICULT', 'ZERO_EMP_HH'))
		FROM resident r WHERE r.id = OLD.resident_id)
	WHERE reg_date = (SELECT coalesce(reg_date, '') FROM resident WHERE id = OLD.resident_id)
		AND resident_id = OLD.resident_id;
END;

-- Residents registered before this migration.
INSERT INTO seek(resident_id, sex, birth, edu, r5, reg_date)
	SELECT r.id, r.sex, r.birth, (SELECT ord FROM code WHERE list = 'education' AND code = r.education),
	       (r.dibao = 1 OR coalesce(r.health, '') LIKE '6%' OR EXISTS (SELECT 1 FROM resident_category c
	        WHERE c.resident_id = r.id AND c.category IN ('4050', 'OLDER_HARD', 'DIBAO', 'DISABLED',
	        'DIFFICULT', 'ZERO_EMP_HH'))), coalesce(r.reg_date, '')
	FROM resident r WHERE r.closed_at IS NULL AND r.status IN ('10', '11', '12');
INSERT OR IGNORE INTO seek_word(word, reg_date, resident_id, sex, birth, edu)
	SELECT substr(s.t, n, 2), k.reg_date, s.resident_id, k.sex, k.birth, k.edu
	FROM seek_text s JOIN seek k USING (resident_id), jy_num
	WHERE n < length(s.t) AND substr(s.t, n, 2) NOT GLOB '*[ 0-9,./;:()+、，。；：（）～~-]*';
DROP VIEW seek_text;
