-- After 017_targets.sql: the year's targets, the county's own (unit NULL) and a street's, one a
-- rate in hundredths of a percent, one changed once (version 2); their creations and the change
-- in the chained trail.
INSERT INTO target(id, version, year, unit, indicator, value, rate, updated_at, updated_by) VALUES
	(1, 2, 2024, NULL, 'A5', 130, 0, '2024-06-29T09:05:00+00:00', '@ME@'),
	(2, 1, 2024, 'TX01', 'A6', 8550, 1, '2024-06-29T09:01:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(86, '2024-06-29T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'target', 1, 'create', NULL,
	 '{"year":[null,2024],"unit":[null,null],"indicator":[null,"A5"],"value":[null,"120"]}', 'ok'),
	(87, '2024-06-29T09:01:00+00:00', '@ME@', '管理员', NULL, 4, 'target', 2, 'create', NULL,
	 '{"year":[null,2024],"unit":[null,"TX01"],"indicator":[null,"A6"],"value":[null,"85.50%"]}',
	 'ok'),
	(88, '2024-06-29T09:05:00+00:00', '@ME@', '管理员', NULL, 4, 'target', 1, 'update', NULL,
	 '{"value":["120","130"]}', 'ok');
