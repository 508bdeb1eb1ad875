-- After 011_search_scope.sql: a resident registered by this version, her search keys under her
-- community (the column 011 puts in front), her registration of 010's kind, her creation in the
-- chained trail (through history_in, as in 007.sql).
INSERT INTO resident(id, reg_no, name, id_no, sex, birth, phone, community, education, skills,
	status, reg_date, job_intent, version, created_at, created_by, updated_at, updated_by) VALUES
	(6, 'R-000006', '周小燕', '330122198507072027', '2', '1985-07-07', '13900000206', 'TX0101',
	 '61', '面点', '11', '2024-06-25', '食堂帮厨', 1, '2024-06-25T09:00:00+00:00', '@ME@',
	 '2024-06-25T09:00:00+00:00', '@ME@');
INSERT INTO status_event(id, resident_id, date, status, created_at, created_by, kind) VALUES
	(10, 6, '2024-06-25', '11', '2024-06-25T09:00:00+00:00', '@ME@', 'registration');

INSERT INTO search_key(community, key, resident_id) VALUES
	('TX0101', 'izxy', 6), ('TX0101', 'n周小燕', 6), ('TX0101', 'n小燕', 6), ('TX0101', 'n燕', 6),
	('TX0101', 't720270705891221033', 6), ('TX0101', 't60200000931', 6);

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(61, '2024-06-25T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 6, 'create', NULL,
	 NULL, 'ok');
