-- After 010_kinds.sql: a resident registered by this version, whose first status event says what
-- it is by its kind ('registration', no note: the note is the worker's alone), and her change of
-- status ten days on, with the worker's note (kind 'change'): her record's version 2. Her search
-- keys have 001.sql's shape (key, resident_id; 011_search_scope.sql puts her community in front),
-- her rows in seek and seek_word are the triggers' (010 made them ask code.seeking). Her rows in
-- the chained trail go through history_in, as in 007.sql.
INSERT INTO resident(id, reg_no, name, id_no, sex, birth, phone, community, education, skills,
	status, reg_date, job_intent, version, created_at, created_by, updated_at, updated_by) VALUES
	(5, 'R-000005', '孙丽娟', '330122199004151027', '2', '1990-04-15', '13900000205', 'TX0102',
	 '41', '收银', '21', '2024-06-10', '超市收银', 2, '2024-06-10T09:00:00+00:00', 'wangli',
	 '2024-06-20T09:00:00+00:00', 'wangli');
INSERT INTO status_event(id, resident_id, date, status, form, employer, note, created_at,
	created_by, kind) VALUES
	(8, 5, '2024-06-10', '10', NULL, NULL, NULL, '2024-06-10T09:00:00+00:00', 'wangli',
	 'registration'),
	(9, 5, '2024-06-20', '21', '022', NULL, '夜市摆摊', '2024-06-20T09:00:00+00:00', 'wangli',
	 'change');

INSERT INTO search_key(key, resident_id) VALUES
	('islj', 5), ('n孙丽娟', 5), ('n丽娟', 5), ('n娟', 5), ('t720151400991221033', 5),
	('t50200000931', 5);

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(59, '2024-06-10T09:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'resident', 5, 'create',
	 NULL, NULL, 'ok'),
	(60, '2024-06-20T09:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'resident', 5, 'status',
	 'date,status,form',
	 '{"date":[null,"2024-06-20"],"status":[null,"21"],"form":[null,"022"]}', 'ok');
