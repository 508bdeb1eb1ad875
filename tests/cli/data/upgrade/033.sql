-- After 033_migrants.sql: two members of the roster (周小燕, resident 6 of 011.sql, with her
-- employer of the jobs list; resident 2, with no permit, who left when her June check found her
-- gone: version 2), and their checks; their creations, the checks and the leaving in the chained
-- trail.
INSERT INTO migrant(id, resident_id, origin, employer_id, employer, permit, permit_date, joined_on,
	left_on, left_reason, version, created_at, created_by, updated_at, updated_by) VALUES
	(1, 6, '贵州毕节', 1, '桐溪县巾帼家政服务有限公司', '2', '2024-03-01', '2024-04-02', NULL, NULL, 1,
	 '2024-06-29T10:50:00+00:00', '@ME@', '2024-06-29T10:50:00+00:00', '@ME@'),
	(2, 2, '安徽阜阳', NULL, '阿香小吃店', '9', NULL, '2024-05-10', '2024-06-25', '离开：回老家带孩子', 2,
	 '2024-06-29T10:55:00+00:00', '@ME@', '2024-06-29T11:10:00+00:00', '@ME@');

INSERT INTO migrant_check(id, migrant_id, checked_on, outcome, checked_by, note, created_at,
	created_by) VALUES
	(1, 1, '2024-06-03', '1', '管理员', NULL, '2024-06-29T11:00:00+00:00', '@ME@'),
	(2, 2, '2024-06-25', '2', '管理员', '回老家带孩子', '2024-06-29T11:10:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(146, '2024-06-29T10:50:00+00:00', '@ME@', '管理员', NULL, 4, 'migrant', 1, 'create', NULL,
	 '{"origin":[null,"贵州毕节"],"permit":[null,"2"],"joined_on":[null,"2024-04-02"]}', 'ok'),
	(147, '2024-06-29T10:55:00+00:00', '@ME@', '管理员', NULL, 4, 'migrant', 2, 'create', NULL,
	 '{"origin":[null,"安徽阜阳"],"permit":[null,"9"],"joined_on":[null,"2024-05-10"]}', 'ok'),
	(148, '2024-06-29T11:00:00+00:00', '@ME@', '管理员', NULL, 4, 'migrant_check', 1, 'create', NULL,
	 '{"checked_on":[null,"2024-06-03"],"check_outcome":[null,"1"],"note":[null,null]}', 'ok'),
	(149, '2024-06-29T11:10:00+00:00', '@ME@', '管理员', NULL, 4, 'migrant_check', 2, 'create', NULL,
	 '{"checked_on":[null,"2024-06-25"],"check_outcome":[null,"2"],"note":[null,"回老家带孩子"]}', 'ok'),
	(150, '2024-06-29T11:10:00+00:00', '@ME@', '管理员', NULL, 4, 'migrant', 2, 'leave', NULL,
	 '{"left_on":[null,"2024-06-25"],"left_reason":[null,"离开：回老家带孩子"]}', 'ok');
