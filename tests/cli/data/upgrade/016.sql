-- After 016_units.sql: a community closed (its residents stay; it takes nobody new) and a
-- community's profile as counted on a day, with their rows in the chained trail (through
-- history_in, as in 007.sql).
INSERT INTO unit(code, name, level, parent, closed_at) VALUES
	('TX0103', '南门社区', 'community', 'TX01', '2024-06-28T09:00:00+00:00');
INSERT INTO unit_profile(unit, as_of, buildings, entrances, households, population) VALUES
	('TX0101', '2024-06-01', 46, 122, 1589, 3856);

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(84, '2024-06-28T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'unit', 5, 'close', NULL,
	 '{"closed_at":[null,"2024-06-28T09:00:00+00:00"]}', 'ok'),
	(85, '2024-06-28T09:05:00+00:00', '@ME@', '管理员', NULL, 4, 'unit', 3, 'profile', NULL,
	 '{"profile":[null,"2024-06-01 46/122/1589/3856"]}', 'ok');
