-- After 024_groups.sql: the public-welfare posting of 004.sql (3) collected by 幸福里社区
-- (version 4), the women's fair of 004.sql (2) held by 城南街道 (version 3); the changes in the
-- chained trail, through history_in as in 007.sql.
UPDATE posting SET community = 'TX0101', version = 4, updated_at = '2024-06-30T09:00:00+00:00',
	updated_by = '@ME@' WHERE id = 3;
UPDATE fair SET street = 'TX01', version = 3, updated_at = '2024-06-30T09:05:00+00:00',
	updated_by = '@ME@' WHERE id = 2;

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(116, '2024-06-30T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'posting', 3, 'update', NULL,
	 '{"community":[null,"TX0101"]}', 'ok'),
	(117, '2024-06-30T09:05:00+00:00', '@ME@', '管理员', NULL, 4, 'fair', 2, 'update', NULL,
	 '{"street":[null,"TX01"]}', 'ok');
