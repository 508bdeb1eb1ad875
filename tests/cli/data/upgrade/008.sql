-- After 008_access.sql: workers with their scopes (one closed), changes waiting for a 审核 and
-- decided, and their rows in the chained trail (through history_in, as in 007.sql), now with the
-- worker's role.
INSERT INTO worker(os_user, name, role, community, created_at, closed_at, added_by) VALUES
	('zhaomin', '赵敏', 2, NULL, '2024-06-01T08:00:00+00:00', NULL, '@ME@'),
	('liuxia', '刘霞', 3, 'TX0101', '2024-06-01T08:10:00+00:00', '2024-08-31T17:00:00+00:00', '@ME@');
INSERT INTO worker_scope(os_user, unit) VALUES
	('wangli', 'TX0102'),
	('zhaomin', 'TX01'),
	('liuxia', 'TX0101');

INSERT INTO resident_category(resident_id, category, since) VALUES (2, 'DISABLED', '2024-06-04');

INSERT INTO pending_change(id, resident_id, field, old_value, new_value, requested_by, requested_at,
	state, decided_by, decided_at, note) VALUES
	(1, 4, 'id_no', '330122198811202017', '330122197503013017', 'wangli', '2024-06-03T10:00:00+00:00',
	 'pending', NULL, NULL, NULL),
	(2, 2, 'categories', 'DIBAO,X_SHIDU', 'DIBAO,X_SHIDU,DISABLED', 'wangli',
	 '2024-06-03T10:05:00+00:00', 'approved', 'zhaomin', '2024-06-04T09:00:00+00:00', '残疾证已核');

-- 赵建国 found work of his own; 王丽 noted it "registered" (a worker's note is free text). Not his
-- registration, which is his first event: 010_kinds.sql must leave this one a change, note kept.
INSERT INTO status_event(id, resident_id, date, status, form, employer, note, created_at,
	created_by) VALUES
	(7, 4, '2024-06-05', '21', '022', NULL, 'registered', '2024-06-05T10:00:00+00:00',
	 'wangli');
UPDATE resident SET status = '21', version = 2, updated_at = '2024-06-05T10:00:00+00:00',
	updated_by = 'wangli' WHERE id = 4;

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(55, '2024-06-03T10:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'resident', 4, 'request',
	 'id_no', '{"id_no":["330122198811202017","330122197503013017"]}', 'ok'),
	(56, '2024-06-04T09:00:00+00:00', 'zhaomin', '赵敏', NULL, 2, 'resident', 2, 'approve',
	 'categories', '{"categories":["DIBAO,X_SHIDU","DIBAO,X_SHIDU,DISABLED"]}', 'ok'),
	(57, '2024-06-05T08:00:00+00:00', '@ME@', '管理员', NULL, 4, 'worker', 0, 'login', NULL, NULL,
	 'ok'),
	(58, '2024-06-05T10:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'resident', 4, 'status',
	 'date,status,form',
	 '{"date":[null,"2024-06-05"],"status":[null,"21"],"form":[null,"022"]}', 'ok');
