-- After 022_processing.sql: a broker who is a registered resident, with every column set; an
-- outlet at version 2 paired with an employer; a base with its level; two fee rows, one of a
-- low-income month; an office's own setting. Their rows in the chained trail go through
-- history_in, as in 007.sql: each creation, and one row for each version after.
UPDATE setting SET value = '4' WHERE key = 'fee.employ_months';

INSERT INTO broker(id, code, resident_id, name, id_no, phone, community, products, new_year,
	excellent, talent_pool, since, ended_on, note, version, created_at, created_by, updated_at,
	updated_by) VALUES
	(1, 'B-001', 1, '王秀兰', '33012219790912100X', '13800000201', 'TX0101', '绣花鞋、针织', 2024,
	 1, 1, '2024-01-10', '2024-06-20', '县实用人才库', 1, '2024-01-10T09:00:00+00:00', '@ME@',
	 '2024-01-10T09:00:00+00:00', '@ME@');

INSERT INTO outlet(id, code, name, kind, level, community, place, broker_id, employer_id, women,
	since, ended_on, note, version, created_at, created_by, updated_at, updated_by) VALUES
	(1, 'O-001', '幸福里来料加工点', '2', NULL, 'TX0101', '幸福里社区3栋', 1, 1, 31, '2024-02-01',
	 '2024-06-25', '厂站结对', 2, '2024-02-01T09:00:00+00:00', '@ME@', '2024-03-01T09:00:00+00:00',
	 '@ME@'),
	(2, 'O-002', '巾帼示范基地', '4', '2', 'TX0102', NULL, NULL, NULL, 52, '2023-01-01', NULL, NULL,
	 1, '2024-02-02T09:00:00+00:00', '@ME@', '2024-02-02T09:00:00+00:00', '@ME@');

INSERT INTO fee(id, month, resident_id, outlet_id, product, pieces, fee_fen, low_income,
	created_at, created_by, updated_at, updated_by) VALUES
	(1, '2024-03', 1, 1, '绣花鞋', 120, 120050, 1, '2024-04-01T09:00:00+00:00', '@ME@',
	 '2024-04-02T09:00:00+00:00', '@ME@'),
	(2, '2024-04', 1, 1, '', 0, 1, 0, '2024-05-01T09:00:00+00:00', '@ME@', NULL, NULL);

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(103, '2024-01-10T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'broker', 1, 'create', NULL,
	 '{"name":[null,"王秀兰"]}', 'ok'),
	(104, '2024-02-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'outlet', 1, 'create', NULL,
	 '{"name":[null,"幸福里来料加工点"]}', 'ok'),
	(105, '2024-02-02T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'outlet', 2, 'create', NULL,
	 '{"name":[null,"巾帼示范基地"]}', 'ok'),
	(106, '2024-03-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'outlet', 1, 'update', NULL,
	 '{"women":["30","31"]}', 'ok'),
	(107, '2024-04-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'fee', 1, 'create', NULL,
	 '{"fee_fen":[null,"1200.00"]}', 'ok'),
	(108, '2024-04-02T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'fee', 1, 'update', NULL,
	 '{"fee_fen":["1200.00","1200.50"]}', 'ok'),
	(109, '2024-05-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'fee', 2, 'create', NULL,
	 '{"fee_fen":[null,"0.01"]}', 'ok');
