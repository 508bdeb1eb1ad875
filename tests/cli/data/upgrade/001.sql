-- Rows a database at schema 1 may hold, in every table 001_init.sql makes, inserted by
-- tests/cli/upgrade.sh right after that migration (@ME@ is the OS user who runs the test: the
-- database's administrator, so the upgraded file opens for her). Values as jiuye of that version
-- stored them: the employers', postings', courses', enrolments' and fairs' kinds are the plain
-- labels the demo wrote then, which 004_jobs.sql and 005_training.sql turn into codes.
-- Every column holds a value in some row.

INSERT INTO setting(key, value) VALUES ('ui.lock_minutes', '10');

INSERT INTO unit(code, name, level, parent) VALUES
	('TX', '桐溪县', 'county', NULL),
	('TX01', '城南街道', 'street', 'TX'),
	('TX0101', '幸福里社区', 'community', 'TX01'),
	('TX0102', '建设社区', 'community', 'TX01');

INSERT INTO worker(os_user, name, role, community, created_at) VALUES
	('@ME@', '管理员', 4, 'TX0101', '2023-03-01T08:00:00+00:00'),
	('wangli', '王丽', 1, 'TX0102', '2023-03-01T08:05:00+00:00');

-- An office's own code, in a list no migration fills with that code.
INSERT INTO code(list, code, label, ord, version, active) VALUES
	('category', 'X_SHIDU', '失独家庭', 900, 2, 1);

INSERT INTO resident(id, reg_no, name, id_no, sex, birth, phone, ethnicity, hukou, origin, community,
	address, education, marital, health, disability, former_job, skills, status, unemp_reason,
	benefit, dibao, reg_date, job_intent, training_need, note, closed_at, close_reason, version,
	created_at, created_by, updated_at, updated_by) VALUES
	(1, 'R-000001', '王秀兰', '33012219790912100X', '2', '1979-09-12', '13800000201', '01', '10',
	 '浙江省桐溪县', 'TX0101', '幸福里社区3栋2单元401', '71', '20', '10', NULL, '县棉纺厂挡车工',
	 '缝纫', '10', '企业关闭', 1, 0, '2023-03-01', '家政/保洁，全日制', '育婴', '每季度走访', NULL,
	 NULL, 2, '2023-03-01T09:00:00+00:00', '@ME@', '2023-03-05T10:00:00+00:00', '@ME@'),
	(2, 'R-000002', '李桂芳', '330122198202031005', '2', '1982-02-03', '13800000202', '01', '20',
	 '安徽省', 'TX0102', '建设社区12栋1单元202', '61', '40', '64', '肢体残疾四级', '营业员', NULL,
	 '11', '下岗', 0, 1, '2023-03-02', '公益性岗位', NULL, NULL, NULL, NULL, 1,
	 '2023-03-02T09:00:00+00:00', 'wangli', '2023-03-02T09:00:00+00:00', 'wangli'),
	(3, 'R-000003', '陈美华', '33012219700515102X', '2', '1970-05-15', NULL, '01', '10', NULL,
	 'TX0101', NULL, '81', '30', '10', NULL, NULL, NULL, '90', NULL, 0, 0, '2023-03-03', NULL,
	 NULL, NULL, '2023-09-01', '迁出本县', 4, '2023-03-03T09:00:00+00:00', '@ME@',
	 '2023-09-01T11:00:00+00:00', '@ME@');

INSERT INTO resident_category(resident_id, category, since) VALUES
	(1, 'LAID_OFF', '2023-03-01'),
	(2, 'DIBAO', '2023-03-02'),
	(2, 'X_SHIDU', '2023-03-02');

INSERT INTO search_key(key, resident_id) VALUES
	('iwxl', 1), ('n王秀兰', 1), ('n秀兰', 1), ('tX0019219799122103301', 1), ('t10200000831', 1),
	('ilgf', 2), ('n李桂芳', 2), ('icmh', 3), ('n陈美华', 3);

INSERT INTO certificate(id, resident_id, type, number, issue_date, office, valid_until, status,
	created_at, created_by) VALUES
	(1, 1, '01', 'TX-JC-2023-0001', '2023-03-01', '城南街道劳动保障所', '2026-03-01', '有效',
	 '2023-03-01T09:10:00+00:00', '@ME@'),
	(2, 3, '01', NULL, '2023-03-03', NULL, NULL, '注销', '2023-03-03T09:10:00+00:00', '@ME@');

INSERT INTO status_event(id, resident_id, date, status, form, employer, note, created_at, created_by)
	VALUES
	(1, 1, '2023-03-01', '10', NULL, NULL, 'registered', '2023-03-01T09:00:00+00:00', '@ME@'),
	(2, 2, '2023-03-02', '11', NULL, NULL, 'registered', '2023-03-02T09:00:00+00:00', 'wangli'),
	(3, 3, '2023-03-03', '10', NULL, NULL, 'registered', '2023-03-03T09:00:00+00:00', '@ME@'),
	(4, 3, '2023-06-01', '21', '022', '个体摊位', '摆摊', '2023-06-02T09:00:00+00:00', '@ME@'),
	(5, 3, '2023-09-01', '90', NULL, NULL, '迁出本县', '2023-09-01T11:00:00+00:00', '@ME@');

INSERT INTO visit(id, resident_id, date, kind, content, next_due, created_at, created_by) VALUES
	(1, 1, '2023-04-01', '入户走访', '了解求职意向：家政', '2023-07-01', '2023-04-01T15:00:00+00:00', '@ME@'),
	(2, 2, '2023-04-02', '电话回访', NULL, NULL, '2023-04-02T15:00:00+00:00', 'wangli');

-- Written before the audit trail was chained (007_audit.sql): no hash, and they never get one.
-- Each record's own rows, as its save wrote them in the same transaction: its creation, and one
-- change for every version after the first (resident 3: two status changes and her closing), in
-- the order they were written. The lines a save adds about another record (a resident's line for
-- her certificate, a referral's on its posting) are left out: nothing here reads them.
INSERT INTO history(seq, at, os_user, worker, entity, entity_id, action, changes) VALUES
	(1, '2023-02-21T09:00:00+00:00', '@ME@', '管理员', 'fair', 1, 'create',
	 '{"name":[null,"2023年春风行动招聘会"],"date":[null,"2023-02-20"]}'),
	(2, '2023-03-01T09:00:00+00:00', '@ME@', '管理员', 'resident', 1, 'create', NULL),
	(3, '2023-03-01T09:10:00+00:00', '@ME@', '管理员', 'certificate', 1, 'create',
	 '{"type":[null,"01"],"number":[null,"TX-JC-2023-0001"],"issue_date":[null,"2023-03-01"]}'),
	(4, '2023-03-02T09:00:00+00:00', 'wangli', '王丽', 'resident', 2, 'create', NULL),
	(5, '2023-03-03T09:00:00+00:00', '@ME@', '管理员', 'resident', 3, 'create', NULL),
	(6, '2023-03-03T09:10:00+00:00', '@ME@', '管理员', 'certificate', 2, 'create',
	 '{"type":[null,"01"],"number":[null,null],"issue_date":[null,"2023-03-03"]}'),
	(7, '2023-03-05T10:00:00+00:00', '@ME@', '管理员', 'resident', 1, 'update',
	 '{"address":["幸福里社区3栋","幸福里社区3栋2单元401"]}'),
	(8, '2023-03-10T09:00:00+00:00', '@ME@', '管理员', 'employer', 1, 'create',
	 '{"name":[null,"巾帼家政服务有限公司"],"kind":[null,"民营企业"]}'),
	(9, '2023-03-10T09:30:00+00:00', '@ME@', '管理员', 'employer', 2, 'create',
	 '{"name":[null,"桐溪纺织厂"],"kind":[null,"国有企业"]}'),
	(10, '2023-03-15T09:00:00+00:00', '@ME@', '管理员', 'posting', 1, 'create',
	 '{"title":[null,"家政服务员"],"openings":[null,"5"]}'),
	(11, '2023-03-16T09:00:00+00:00', '@ME@', '管理员', 'posting', 2, 'create',
	 '{"title":[null,"挡车工"],"openings":[null,"2"]}'),
	(12, '2023-03-20T09:00:00+00:00', '@ME@', '管理员', 'referral', 1, 'create',
	 '{"posting":[null,"J-001 家政服务员"],"consent":[null,1]}'),
	(13, '2023-03-24T09:00:00+00:00', '@ME@', '管理员', 'referral', 1, 'stage',
	 '{"stage":["referred","interview"],"stage_on":["2023-03-20","2023-03-24"]}'),
	(14, '2023-03-28T09:00:00+00:00', '@ME@', '管理员', 'referral', 1, 'stage',
	 '{"stage":["interview","hired"],"stage_on":["2023-03-24","2023-03-28"],' ||
	 '"note":[null,"面试通过"]}'),
	(15, '2023-04-01T09:00:00+00:00', '@ME@', '管理员', 'course', 1, 'create',
	 '{"name":[null,"家政服务员培训（第一期）"],"start_date":[null,"2023-04-10"]}'),
	(16, '2023-04-01T15:00:00+00:00', '@ME@', '管理员', 'visit', 1, 'create',
	 '{"date":[null,"2023-04-01"],"kind":[null,"入户走访"]}'),
	(17, '2023-04-02T15:00:00+00:00', 'wangli', '王丽', 'visit', 2, 'create',
	 '{"date":[null,"2023-04-02"],"kind":[null,"电话回访"]}'),
	(18, '2023-04-05T09:00:00+00:00', '@ME@', '管理员', 'enrolment', 1, 'create',
	 '{"course":[null,"K-001"],"enrolled_on":[null,"2023-04-05"]}'),
	(19, '2023-04-30T17:00:00+00:00', '@ME@', '管理员', 'enrolment', 1, 'update',
	 '{"result":["enrolled","completed"],"passed":[null,"1"],"cert_no":[null,"ZG-2023-0101"]}'),
	(20, '2023-06-02T09:00:00+00:00', '@ME@', '管理员', 'resident', 3, 'status',
	 '{"date":[null,"2023-06-01"],"status":[null,"21"],"form":[null,"022"],' ||
	 '"employer":[null,"个体摊位"]}'),
	(21, '2023-09-01T11:00:00+00:00', '@ME@', '管理员', 'resident', 3, 'status',
	 '{"date":[null,"2023-09-01"],"status":[null,"90"]}'),
	(22, '2023-09-01T11:00:00+00:00', '@ME@', '管理员', 'resident', 3, 'close',
	 '{"closed_at":[null,"2023-09-01"],"close_reason":[null,"迁出本县"]}'),
	(23, '2023-12-31T09:00:00+00:00', '@ME@', '管理员', 'employer', 2, 'update',
	 '{"closed_at":[null,"2023-12-31"]}'),
	(24, '2023-12-31T09:05:00+00:00', '@ME@', '管理员', 'posting', 2, 'update',
	 '{"status":["open","closed"]}');

-- A form in progress (its text has a line break, as the forms' drafts do).
INSERT INTO draft(os_user, form, record_id, data, saved_at) VALUES
	('@ME@', 'resident', 1, '姓名=王秀兰' || char(10) || '备注=下次走访带表格', '2023-03-06T08:00:00+00:00');

INSERT INTO employer(id, code, name, credit_code, kind, industry, woman_owned, contact, phone,
	address, note, closed_at, version, created_at, created_by) VALUES
	(1, 'E-001', '巾帼家政服务有限公司', '91330122MA2B00001X', '民营企业', '家政', 1, '周女士',
	 '0571-64000001', '城南街道人民路8号', '长期合作', NULL, 1, '2023-03-10T09:00:00+00:00', '@ME@'),
	(2, 'E-002', '桐溪纺织厂', NULL, '国有企业', '纺织', 0, NULL, NULL, NULL, NULL, '2023-12-31',
	 2, '2023-03-10T09:30:00+00:00', '@ME@');

INSERT INTO posting(id, code, employer_id, title, public_welfare, openings, filled, hours, wage,
	requirements, age_min, age_max, sex_req, source, posted, closes, status, version, created_at,
	created_by) VALUES
	(1, 'J-001', 1, '家政服务员', 0, 5, 1, '8:00-17:00', '3000元/月', '能吃苦', 25, 55, '2',
	 '妇联推荐', '2023-03-15', '2023-06-30', 'open', 1, '2023-03-15T09:00:00+00:00', '@ME@'),
	(2, 'J-002', 2, '挡车工', 0, 2, 0, NULL, NULL, NULL, NULL, NULL, NULL, '社区公告', '2023-03-16',
	 NULL, 'closed', 2, '2023-03-16T09:00:00+00:00', '@ME@');

INSERT INTO referral(id, resident_id, posting_id, stage, referred_on, stage_on, consent, note,
	version, created_at, created_by) VALUES
	(1, 1, 1, 'hired', '2023-03-20', '2023-03-28', 1, '面试通过', 3, '2023-03-20T09:00:00+00:00', '@ME@');

INSERT INTO course(id, code, name, speciality, category, provider, start_date, end_date, hours,
	capacity, place, subsidy, target, version, created_at, created_by) VALUES
	(1, 'K-001', '家政服务员培训（第一期）', '家政', '失业人员培训', '县职业技能培训中心',
	 '2023-04-10', '2023-04-30', 80, 30, '城南街道社区学校', 1200, '失业妇女', 1,
	 '2023-04-01T09:00:00+00:00', '@ME@');

INSERT INTO enrolment(id, resident_id, course_id, enrolled_on, result, passed, cert_type, cert_no,
	version, created_at, created_by) VALUES
	(1, 1, 1, '2023-04-05', 'completed', 1, '职业资格证书', 'ZG-2023-0101', 2,
	 '2023-04-05T09:00:00+00:00', '@ME@');

INSERT INTO fair(id, code, name, date, place, kind, employers, posts, visitors, agreements,
	agreements_women, created_at, created_by) VALUES
	(1, 'F-001', '2023年春风行动招聘会', '2023-02-20', '县人力资源市场', '春风行动', 40, 800, 1500,
	 120, 70, '2023-02-21T09:00:00+00:00', '@ME@');
