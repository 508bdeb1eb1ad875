-- After 032_events.sql: a seminar of 幸福里 with a headcount, two residents named (1 and 2 of
-- 011.sql) and guests, its materials (version 3: created, then two named), and a lecture with no
-- headcount and nobody named (version 1); their creations and the namings in the chained trail.
INSERT INTO event(id, event_no, date, type, topic, place, organisers, community, participants,
	guests, materials, copies, version, created_at, created_by, updated_at, updated_by) VALUES
	(1, 'H-2024-001', '2024-06-12', '1', '下岗失业人员座谈会', '幸福里社区会议室', '社区妇联',
	 'TX0101', 12, 6, '政策明白卡', 20, 3,
	 '2024-06-29T10:30:00+00:00', '@ME@', '2024-06-29T10:32:00+00:00', '@ME@'),
	(2, 'H-2024-002', '2024-06-20', '2', '家庭教育讲座', NULL, NULL, NULL, NULL, 30, NULL, 0, 1,
	 '2024-06-29T10:35:00+00:00', '@ME@', '2024-06-29T10:35:00+00:00', '@ME@');

INSERT INTO event_attendee(event_id, resident_id, created_at, created_by) VALUES
	(1, 1, '2024-06-29T10:31:00+00:00', '@ME@'),
	(1, 2, '2024-06-29T10:32:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(140, '2024-06-29T10:30:00+00:00', '@ME@', '管理员', NULL, 4, 'event', 1, 'create', NULL,
	 '{"event_no":[null,"H-2024-001"],"type":[null,"1"]}', 'ok'),
	(141, '2024-06-29T10:31:00+00:00', '@ME@', '管理员', NULL, 4, 'event', 1, 'attend', NULL,
	 '{"resident_id":[null,1]}', 'ok'),
	(142, '2024-06-29T10:31:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 1, 'event', NULL,
	 '{"event_no":[null,"H-2024-001"]}', 'ok'),
	(143, '2024-06-29T10:32:00+00:00', '@ME@', '管理员', NULL, 4, 'event', 1, 'attend', NULL,
	 '{"resident_id":[null,2]}', 'ok'),
	(144, '2024-06-29T10:32:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 2, 'event', NULL,
	 '{"event_no":[null,"H-2024-001"]}', 'ok'),
	(145, '2024-06-29T10:35:00+00:00', '@ME@', '管理员', NULL, 4, 'event', 2, 'create', NULL,
	 '{"event_no":[null,"H-2024-002"],"type":[null,"2"]}', 'ok');
