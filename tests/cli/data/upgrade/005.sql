-- After 005_training.sql: rows in the tables it makes (course_session, attendance) and in the
-- columns it adds to course and enrolment, with codes for speciality, category and certificate.
INSERT INTO setting(key, value) VALUES ('training.roster_copies', '2');
UPDATE setting SET value = '50' WHERE key = 'training.tier.special';
INSERT INTO code(list, code, label, ord) VALUES ('speciality', '09', '电商直播', 9);

UPDATE course SET term = 1, class_no = 1, updated_at = '2023-05-01T09:00:00+00:00', updated_by = '@ME@'
	WHERE id = 1;
INSERT INTO course(id, code, name, speciality, category, provider, start_date, end_date, hours,
	capacity, place, subsidy, target, version, created_at, created_by, term, class_no, note,
	updated_at, updated_by) VALUES
	(2, 'K-002', '育婴员培训', '03', '1', '县妇女儿童活动中心', '2024-04-01', '2024-04-20', 60, 2,
	 '建设社区活动室', 1000, '失业妇女、4050人员', 2, '2024-03-20T09:00:00+00:00', '@ME@', 2, 1,
	 '满员后候补', '2024-04-21T09:00:00+00:00', '@ME@');

INSERT INTO enrolment(id, resident_id, course_id, enrolled_on, result, passed, cert_type, cert_no,
	version, created_at, created_by, waitlisted, result_on, in_trade, note, updated_at, updated_by)
	VALUES
	(2, 2, 2, '2024-03-25', 'completed', 1, '3', 'ZX-2024-0007', 3, '2024-03-25T09:00:00+00:00',
	 '@ME@', 0, '2024-04-20', 1, '全勤', '2024-04-21T09:00:00+00:00', '@ME@'),
	(3, 4, 2, '2024-03-26', 'enrolled', NULL, NULL, NULL, 1, '2024-03-26T09:00:00+00:00', 'wangli',
	 1, NULL, NULL, NULL, NULL, NULL);

-- Session 1 was edited once and had its roll call, session 2 only its roll call: each a new
-- version.
INSERT INTO course_session(id, course_id, no, date, start_time, end_time, hours, topic, teacher,
	place, version, created_at, created_by, updated_at, updated_by) VALUES
	(1, 2, 1, '2024-04-01', '09:00', '12:00', 3, '新生儿护理', '林老师', '建设社区活动室', 3,
	 '2024-03-28T09:00:00+00:00', '@ME@', '2024-04-01T09:05:00+00:00', '@ME@'),
	(2, 2, 2, '2024-04-03', NULL, NULL, NULL, NULL, NULL, NULL, 2, '2024-03-28T09:05:00+00:00',
	 '@ME@', '2024-04-03T09:20:00+00:00', '@ME@');

INSERT INTO attendance(session_id, enrolment_id, mark, marked_at, marked_by) VALUES
	(1, 2, 'present', '2024-04-01T09:05:00+00:00', '@ME@'),
	(2, 2, 'late', '2024-04-03T09:20:00+00:00', '@ME@');

-- Still before the chained audit trail (no hash): each record's creation and its changes, as in
-- 001.sql, in the order they were written (a session's rows are the trail's entity "session").
INSERT INTO history(seq, at, os_user, worker, entity, entity_id, action, changes) VALUES
	(40, '2024-03-20T09:00:00+00:00', '@ME@', '管理员', 'course', 2, 'create',
	 '{"name":[null,"育婴员培训"],"start_date":[null,"2024-04-01"]}'),
	(41, '2024-03-25T09:00:00+00:00', '@ME@', '管理员', 'enrolment', 2, 'create',
	 '{"course":[null,"K-002"],"enrolled_on":[null,"2024-03-25"]}'),
	(42, '2024-03-26T09:00:00+00:00', 'wangli', '王丽', 'enrolment', 3, 'create',
	 '{"course":[null,"K-002"],"enrolled_on":[null,"2024-03-26"],"waitlisted":[null,"1"]}'),
	(43, '2024-03-28T09:00:00+00:00', '@ME@', '管理员', 'session', 1, 'create',
	 '{"no":[null,"1"],"date":[null,"2024-04-01"]}'),
	(44, '2024-03-28T09:05:00+00:00', '@ME@', '管理员', 'session', 2, 'create',
	 '{"no":[null,"2"],"date":[null,"2024-04-03"]}'),
	(45, '2024-03-30T09:00:00+00:00', '@ME@', '管理员', 'session', 1, 'update',
	 '{"teacher":[null,"林老师"]}'),
	(46, '2024-04-01T09:05:00+00:00', '@ME@', '管理员', 'session', 1, 'rollcall',
	 '{"李桂芳":[null,"到"]}'),
	(47, '2024-04-03T09:20:00+00:00', '@ME@', '管理员', 'session', 2, 'rollcall',
	 '{"李桂芳":[null,"迟到"]}'),
	(48, '2024-04-20T17:00:00+00:00', '@ME@', '管理员', 'enrolment', 2, 'update',
	 '{"result":["enrolled","completed"],"result_on":[null,"2024-04-20"],"passed":[null,"1"]}'),
	(49, '2024-04-21T09:00:00+00:00', '@ME@', '管理员', 'course', 2, 'update',
	 '{"note":[null,"满员后候补"]}'),
	(50, '2024-04-21T09:00:00+00:00', '@ME@', '管理员', 'enrolment', 2, 'update',
	 '{"cert_no":[null,"ZX-2024-0007"],"note":[null,"全勤"]}');
