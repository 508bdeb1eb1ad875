-- After 007_audit.sql: the trail as jiuye appends to it from this version on. Rows go in through
-- history_in, a view tests/cli/upgrade.sh makes for this (beside the file, with a trigger that
-- adds each row's SHA-256 link as core/history.c computes it), in seq order. The first, the seal,
-- chains through the rows from before the upgrade (001.sql, 004.sql, 005.sql: 50 rows), as core's
-- first append after 007 does.
UPDATE setting SET value = '5' WHERE key = 'audit.keep_years';

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(51, '2024-05-06T08:30:00+00:00', '@ME@', '管理员', NULL, 4, 'history', 50, 'seal', NULL, NULL,
	 'ok'),
	(52, '2024-05-06T08:31:00+00:00', 'wangli', '王丽', '10.8.0.23', NULL, 'resident', 2, 'view',
	 'id_no,phone', NULL, 'ok'),
	(53, '2024-05-06T08:40:00+00:00', '@ME@', '管理员', '10.8.0.5', NULL, 'residents', 0, 'export',
	 'file,rows,purpose,masked,sha256',
	 '{"file":[null,"/home/admin/名单.csv"],"rows":[null,4],"purpose":[null,"上报区人社局"],"masked":[null,0],"sha256":[null,"0f1e2d3c"]}',
	 'ok'),
	(54, '2024-05-06T08:41:00+00:00', '@ME@', '管理员', '10.8.0.5', NULL, 'residents', 0, 'export',
	 'file', '{"file":[null,"/nonexistent/名单.csv"]}', 'fail:file error');
