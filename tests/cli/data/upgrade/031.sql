-- After 031_assistance.sql: a 结对援助 with money for resident 1 that belongs to her pair
-- P-2024-001 (027.sql), her placement 1 (004.sql) and her course K-001 (001.sql); 两节 relief in
-- goods to resident 2; a 维权援助 of resident 6's case V-2024-001 (018.sql); their creations in
-- the chained trail.
INSERT INTO assistance(id, assist_no, resident_id, kind, date, occasion, form, what, amount_fen,
	funder, worker, pair_id, case_id, placement_id, course_id, note, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, 'A-2024-001', 1, '1', '2024-06-20', '9', '1', NULL, 20000, '巾帼家政服务有限公司', '管理员',
	 1, NULL, 1, 1, '帮扶对象子女入学', 1,
	 '2024-06-29T10:10:00+00:00', '@ME@', '2024-06-29T10:10:00+00:00', '@ME@'),
	(2, 'A-2024-002', 2, '5', '2024-01-25', '1', '2', '大米、食用油、棉被', 35000, '县妇联', '管理员',
	 NULL, NULL, NULL, NULL, NULL, 1,
	 '2024-06-29T10:15:00+00:00', '@ME@', '2024-06-29T10:15:00+00:00', '@ME@'),
	(3, 'A-2024-003', 6, '4', '2024-06-29', NULL, NULL, NULL, NULL, NULL, '管理员',
	 NULL, 1, NULL, NULL, '协助追回工资', 1,
	 '2024-06-29T10:20:00+00:00', '@ME@', '2024-06-29T10:20:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(137, '2024-06-29T10:10:00+00:00', '@ME@', '管理员', NULL, 4, 'assistance', 1, 'create', NULL,
	 '{"assist_no":[null,"A-2024-001"],"kind":[null,"1"],"amount":[null,"200.00"],"pair_no":[null,"P-2024-001"]}', 'ok'),
	(138, '2024-06-29T10:15:00+00:00', '@ME@', '管理员', NULL, 4, 'assistance', 2, 'create', NULL,
	 '{"assist_no":[null,"A-2024-002"],"kind":[null,"5"],"occasion":[null,"1"],"amount":[null,"350.00"]}', 'ok'),
	(139, '2024-06-29T10:20:00+00:00', '@ME@', '管理员', NULL, 4, 'assistance', 3, 'create', NULL,
	 '{"assist_no":[null,"A-2024-003"],"kind":[null,"4"],"case_no":[null,"V-2024-001"]}', 'ok');
