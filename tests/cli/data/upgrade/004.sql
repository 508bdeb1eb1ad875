-- After 004_jobs.sql: rows in the tables it makes (referral_stage, placement; seek and seek_word
-- are kept by its triggers from the residents, jy_num it fills itself) and in the columns it adds
-- to employer, posting, referral and fair, with the code values jiuye stores from this version on.
-- seek_deferred stays empty: a bulk load fills it inside its own transaction and empties it before
-- the commit, so no committed database ever holds a row there.

-- A resident registered now: the insert trigger adds her to seek and seek_word.
INSERT INTO resident(id, reg_no, name, id_no, sex, birth, phone, community, education, skills,
	status, reg_date, job_intent, version, created_at, created_by, updated_at, updated_by) VALUES
	(4, 'R-000004', '赵建国', '330122198811202017', '1', '1988-11-20', '13900000204', 'TX0102',
	 '41', '电工', '12', '2024-01-08', '物业维修', 1, '2024-01-08T09:00:00+00:00', 'wangli',
	 '2024-01-08T09:00:00+00:00', 'wangli');
INSERT INTO status_event(id, resident_id, date, status, note, created_at, created_by) VALUES
	(6, 4, '2024-01-08', '12', 'registered', '2024-01-08T09:00:00+00:00', 'wangli');

INSERT INTO setting(key, value) VALUES ('jobs.match_page', '20');
UPDATE setting SET value = '90' WHERE key = 'jobs.subsidy_due_days';
INSERT INTO code(list, code, label, ord) VALUES ('work_form', '7', '网络兼职', 7);
INSERT INTO code_alias(list, alias, code) VALUES ('work_form', '网上兼职', '7');

INSERT INTO employer(id, code, name, credit_code, kind, industry, woman_owned, contact, phone,
	address, note, closed_at, close_reason, version, created_at, created_by, updated_at, updated_by,
	skey) VALUES
	(3, 'E-003', '城南街道社区服务中心', '12330122MB0000003K', '60', 'S', 0, '钱主任', '0571-64000003',
	 '城南街道中山路1号', '公益性岗位开发单位', '2024-04-30', '并入街道办', 3,
	 '2024-01-05T09:00:00+00:00', '@ME@', '2024-04-30T09:00:00+00:00', '@ME@',
	 'cnjdsqfwzx 城南街道社区服务中心 e-003');

INSERT INTO fair(id, code, name, date, place, kind, employers, posts, visitors, agreements,
	agreements_women, co_organisers, note, version, created_at, created_by, updated_at, updated_by,
	skey) VALUES
	(2, 'F-002', '2024年关注妇女就业专场', '2024-03-08', '城南街道文化广场', '02', 25, 300, 600, 45,
	 40, '县妇联', '现场签约45人', 2, '2024-03-01T09:00:00+00:00', '@ME@',
	 '2024-03-09T09:00:00+00:00', '@ME@', 'gznvjyzc f-002');

INSERT INTO posting(id, code, employer_id, title, public_welfare, openings, filled, hours, wage,
	requirements, age_min, age_max, sex_req, source, posted, closes, status, version, created_at,
	created_by, wage_min, wage_max, wage_unit, work_form, education, skills, place, subsidy_months,
	fair_id, note, close_reason, updated_at, updated_by, skey) VALUES
	(3, 'J-003', 3, '社区保洁员（公益性岗位）', 1, 2, 1, '早晚高峰', NULL, '本社区居民', 40, 60, NULL,
	 '3', '2024-03-08', '2024-04-30', 'filled', 3, '2024-03-08T09:00:00+00:00', '@ME@', 2000,
	 2300, '1', '1', '71', '保洁', '城南街道', 36, 2, '补贴三年', '招满', '2024-03-20T09:00:00+00:00', '@ME@',
	 'sqbjy 社区保洁员 j-003');

UPDATE referral SET channel = '窗口', updated_at = '2023-03-28T09:00:00+00:00', updated_by = '@ME@',
	skey = 'wxl jzfwy' WHERE id = 1;
INSERT INTO referral(id, resident_id, posting_id, stage, referred_on, stage_on, consent, note,
	version, created_at, created_by, channel, updated_at, updated_by, skey) VALUES
	(2, 2, 3, 'hired', '2024-03-08', '2024-03-15', 1, '招聘会现场推荐', 3,
	 '2024-03-08T10:00:00+00:00', '@ME@', '招聘会', '2024-03-15T09:00:00+00:00', '@ME@', 'lgf sqbjy');

INSERT INTO referral_stage(id, referral_id, stage, date, note, created_at, created_by) VALUES
	(1, 2, 'referred', '2024-03-08', NULL, '2024-03-08T10:00:00+00:00', '@ME@'),
	(2, 2, 'interview', '2024-03-12', '面试通过', '2024-03-12T10:00:00+00:00', '@ME@'),
	(3, 2, 'hired', '2024-03-15', NULL, '2024-03-15T09:00:00+00:00', '@ME@');

-- One active placement per person (an index says so): 李桂芳's public-welfare post runs, 王秀兰's
-- job of 2023 ended (recorded on 2024-01-02, when jiuye first kept placements, and ended at once).
INSERT INTO placement(id, resident_id, referral_id, posting_id, employer_id, form, start_date,
	public_welfare, subsidy_end, contract, end_date, end_reason, version, created_at, created_by,
	updated_at, updated_by) VALUES
	(1, 1, 1, 1, 1, '010', '2023-04-01', 0, NULL, 1, '2023-12-31', '合同到期', 2,
	 '2024-01-02T08:50:00+00:00', '@ME@', '2024-01-02T09:00:00+00:00', '@ME@'),
	(2, 2, 2, 3, 3, '030', '2024-03-18', 1, '2027-03-17', 1, NULL, NULL, 1,
	 '2024-03-18T09:00:00+00:00', '@ME@', NULL, NULL);

-- Still before the chained audit trail: no hash. Each record's creation and its changes, as in
-- 001.sql, in the order they were written.
INSERT INTO history(seq, at, os_user, worker, entity, entity_id, action, changes) VALUES
	(25, '2024-01-02T08:50:00+00:00', '@ME@', '管理员', 'placement', 1, 'create',
	 '{"start_date":[null,"2023-04-01"],"form":[null,"010"]}'),
	(26, '2024-01-02T09:00:00+00:00', '@ME@', '管理员', 'placement', 1, 'update',
	 '{"end_date":[null,"2023-12-31"],"end_reason":[null,"合同到期"]}'),
	(27, '2024-01-05T09:00:00+00:00', '@ME@', '管理员', 'employer', 3, 'create',
	 '{"name":[null,"城南街道社区服务中心"],"kind":[null,"60"]}'),
	(28, '2024-01-08T09:00:00+00:00', 'wangli', '王丽', 'resident', 4, 'create', NULL),
	(29, '2024-02-01T09:00:00+00:00', '@ME@', '管理员', 'employer', 3, 'update',
	 '{"contact":[null,"钱主任"]}'),
	(30, '2024-03-01T09:00:00+00:00', '@ME@', '管理员', 'fair', 2, 'create',
	 '{"name":[null,"2024年关注妇女就业专场"],"date":[null,"2024-03-08"]}'),
	(31, '2024-03-08T09:00:00+00:00', '@ME@', '管理员', 'posting', 3, 'create',
	 '{"title":[null,"社区保洁员（公益性岗位）"],"openings":[null,"2"]}'),
	(32, '2024-03-08T10:00:00+00:00', '@ME@', '管理员', 'referral', 2, 'create',
	 '{"posting":[null,"J-003 社区保洁员（公益性岗位）"],"consent":[null,1]}'),
	(33, '2024-03-09T09:00:00+00:00', '@ME@', '管理员', 'fair', 2, 'update',
	 '{"agreements":[null,"45"],"note":[null,"现场签约45人"]}'),
	(34, '2024-03-12T10:00:00+00:00', '@ME@', '管理员', 'referral', 2, 'stage',
	 '{"stage":["referred","interview"],"stage_on":["2024-03-08","2024-03-12"],' ||
	 '"note":[null,"面试通过"]}'),
	(35, '2024-03-15T09:00:00+00:00', '@ME@', '管理员', 'referral', 2, 'stage',
	 '{"stage":["interview","hired"],"stage_on":["2024-03-12","2024-03-15"]}'),
	(36, '2024-03-18T09:00:00+00:00', '@ME@', '管理员', 'placement', 2, 'create',
	 '{"start_date":[null,"2024-03-18"],"form":[null,"030"]}'),
	(37, '2024-03-18T09:00:00+00:00', '@ME@', '管理员', 'posting', 3, 'hire',
	 '{"filled":["0","1"]}'),
	(38, '2024-03-20T09:00:00+00:00', '@ME@', '管理员', 'posting', 3, 'update',
	 '{"status":["open","filled"],"close_reason":[null,"招满"]}'),
	(39, '2024-04-30T09:00:00+00:00', '@ME@', '管理员', 'employer', 3, 'update',
	 '{"closed_at":[null,"2024-04-30"],"close_reason":[null,"并入街道办"]}');
