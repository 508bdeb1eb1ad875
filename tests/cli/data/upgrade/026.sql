-- After 026_cert_review.sql: a 明白卡 of resident 2, valid 18 months, up for review since she found
-- work on 1 June 2024; its creation in the chained trail, through history_in as in 007.sql.
INSERT INTO certificate(id, resident_id, type, number, issue_date, office, valid_until, status,
	created_at, created_by, review_on) VALUES
	(3, 2, '05', 'MBK-2024-0002', '2024-01-15', '城南街道劳动保障所', '2025-07-14', '有效',
	 '2024-01-15T09:00:00+00:00', '@ME@', '2024-06-01');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(118, '2024-01-15T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'certificate', 3, 'create', NULL,
	 '{"type":[null,"05"],"number":[null,"MBK-2024-0002"],"issue_date":[null,"2024-01-15"]}', 'ok');
