-- After 029_org.sql: a community's 妇代会 still standing with a member whose term runs, and the
-- street's 妇女之家 dissolved (version 2) with a member who has left; their creations, the
-- members (in the organisation's trail too) and the dissolution in the chained trail.
INSERT INTO women_org(id, name, type, unit, founded_on, ended_on, end_reason, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, '幸福里社区妇代会', '1', 'TX0101', '2021-05-01', NULL, NULL, 1,
	 '2024-06-29T10:00:00+00:00', '@ME@', '2024-06-29T10:00:00+00:00', '@ME@'),
	(2, '城南街道妇女之家', '3', 'TX01', '2020-03-08', '2024-06-28', '并入街道妇联', 2,
	 '2024-06-29T10:05:00+00:00', '@ME@', '2024-06-29T10:20:00+00:00', '@ME@');

INSERT INTO org_member(id, org_id, name, post, phone, elected_on, term_ends, left_on, created_at,
	created_by) VALUES
	(1, 1, '王丽', '1', '13800000201', '2021-05-01', '2026-04-30', NULL,
	 '2024-06-29T10:10:00+00:00', '@ME@'),
	(2, 2, '李芳', '3', NULL, '2020-03-08', '2025-03-07', '2024-06-28',
	 '2024-06-29T10:15:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(126, '2024-06-29T10:00:00+00:00', '@ME@', '管理员', NULL, 4, 'women_org', 1, 'create', NULL,
	 '{"name":[null,"幸福里社区妇代会"],"type":[null,"1"],"unit":[null,"TX0101"]}', 'ok'),
	(127, '2024-06-29T10:05:00+00:00', '@ME@', '管理员', NULL, 4, 'women_org', 2, 'create', NULL,
	 '{"name":[null,"城南街道妇女之家"],"type":[null,"3"],"unit":[null,"TX01"]}', 'ok'),
	(128, '2024-06-29T10:10:00+00:00', '@ME@', '管理员', NULL, 4, 'org_member', 1, 'create', NULL,
	 '{"name":[null,"王丽"],"post":[null,"1"],"term_ends":[null,"2026-04-30"]}', 'ok'),
	(129, '2024-06-29T10:10:00+00:00', '@ME@', '管理员', NULL, 4, 'women_org', 1, 'member', NULL,
	 '{"name":[null,"王丽"],"post":[null,"1"],"term_ends":[null,"2026-04-30"]}', 'ok'),
	(130, '2024-06-29T10:15:00+00:00', '@ME@', '管理员', NULL, 4, 'org_member', 2, 'create', NULL,
	 '{"name":[null,"李芳"],"post":[null,"3"],"term_ends":[null,"2025-03-07"]}', 'ok'),
	(131, '2024-06-29T10:15:00+00:00', '@ME@', '管理员', NULL, 4, 'women_org', 2, 'member', NULL,
	 '{"name":[null,"李芳"],"post":[null,"3"],"term_ends":[null,"2025-03-07"]}', 'ok'),
	(132, '2024-06-29T10:20:00+00:00', '@ME@', '管理员', NULL, 4, 'women_org', 2, 'end', NULL,
	 '{"ended_on":[null,"2024-06-28"],"end_reason":[null,"并入街道妇联"]}', 'ok');
