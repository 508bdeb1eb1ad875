-- After 020_visit_kind.sql: contacts of the kinds the list now names, by code: a vocational-
-- guidance talk (职业指导) with 周小燕 (resident 6, of 011.sql) at the office and a phone call to
-- her; their creations in the chained trail, as visit_add writes them.
INSERT INTO visit(id, resident_id, date, kind, content, next_due, created_at, created_by) VALUES
	(3, 6, '2024-06-28', '4', '讲解简历写法，推荐参加家政培训', '2024-09-28',
	 '2024-06-28T10:00:00+00:00', 'wangli'),
	(4, 6, '2024-06-29', '2', '电话询问面试结果', '2024-09-29', '2024-06-29T16:00:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(99, '2024-06-28T10:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'visit', 3, 'create', NULL,
	 '{"date":[null,"2024-06-28"],"kind":[null,"4"],"next_due":[null,"2024-09-28"],' ||
	 '"content":[null,"讲解简历写法，推荐参加家政培训"]}', 'ok'),
	(100, '2024-06-28T10:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'resident', 6, 'visit',
	 NULL, '{"date":[null,"2024-06-28"],"kind":[null,"4"]}', 'ok'),
	(101, '2024-06-29T16:00:00+00:00', '@ME@', '管理员', NULL, 4, 'visit', 4, 'create', NULL,
	 '{"date":[null,"2024-06-29"],"kind":[null,"2"],"next_due":[null,"2024-09-29"],' ||
	 '"content":[null,"电话询问面试结果"]}', 'ok'),
	(102, '2024-06-29T16:00:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 6, 'visit',
	 NULL, '{"date":[null,"2024-06-29"],"kind":[null,"2"]}', 'ok');
