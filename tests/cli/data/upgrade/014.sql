-- After 014_close_reason.sql: a resident registered and closed by this version, her reason a code
-- of the list close_reason (9 其他) with the note 014 adds, her creation and her closing in the
-- chained trail (through history_in, as in 007.sql).
INSERT INTO resident(id, reg_no, name, id_no, sex, birth, phone, community, status, reg_date,
	closed_at, close_reason, close_note, version, created_at, created_by, updated_at, updated_by)
	VALUES
	(7, 'R-000007', '郑海燕', '330122198808082026', '2', '1988-08-08', '13900000207', 'TX0102',
	 '10', '2024-06-26', '2024-06-28', '9', '随子女迁居外省', 2, '2024-06-26T09:00:00+00:00', '@ME@',
	 '2024-06-28T10:00:00+00:00', '@ME@');
INSERT INTO status_event(id, resident_id, date, status, created_at, created_by, kind) VALUES
	(11, 7, '2024-06-26', '10', '2024-06-26T09:00:00+00:00', '@ME@', 'registration');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(62, '2024-06-26T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 7, 'create', NULL,
	 NULL, 'ok'),
	(63, '2024-06-28T10:00:00+00:00', '@ME@', '管理员', NULL, 4, 'resident', 7, 'close',
	 'closed_at,close_reason,close_note',
	 '{"closed_at":[null,"2024-06-28"],"close_reason":[null,"9"],"close_note":[null,"随子女迁居外省"]}',
	 'ok');
