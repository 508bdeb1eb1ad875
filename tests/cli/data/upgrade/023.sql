-- After 023_indicators.sql: the public-welfare placement of 004.sql (2) with its post subsidy of
-- 1500 元 a month (version 2) and two months paid, the first at that sum, the second a half; a
-- 公示 and an 电话通知 of its posting (3); the 育婴员培训 of 005.sql (2) sent outside (外送, version
-- 3). The changes, the notices' creations and the payments in the chained trail, through
-- history_in as in 007.sql.
UPDATE placement SET subsidy_fen = 150000, version = 2, updated_at = '2024-06-29T12:00:00+00:00',
	updated_by = '@ME@' WHERE id = 2;
INSERT INTO placement_paid(placement_id, month, amount_fen, paid_on, created_at, created_by) VALUES
	(2, '2024-05', 150000, '2024-05-31', '2024-06-29T12:05:00+00:00', '@ME@'),
	(2, '2024-06', 75000, '2024-06-29', '2024-06-29T12:06:00+00:00', '@ME@');
INSERT INTO posting_notice(id, posting_id, date, channel, note, created_at, created_by) VALUES
	(1, 3, '2024-06-28', '1', NULL, '2024-06-29T12:10:00+00:00', '@ME@'),
	(2, 3, '2024-06-29', '2', '逐户电话通知', '2024-06-29T12:11:00+00:00', '@ME@');
UPDATE course SET outside = 1, version = 3, updated_at = '2024-06-29T12:20:00+00:00',
	updated_by = '@ME@' WHERE id = 2;

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(110, '2024-06-29T12:00:00+00:00', '@ME@', '管理员', NULL, 4, 'placement', 2, 'update', NULL,
	 '{"subsidy_fen":[null,150000]}', 'ok'),
	(111, '2024-06-29T12:05:00+00:00', '@ME@', '管理员', NULL, 4, 'placement', 2, 'subsidy', NULL,
	 '{"month":[null,"2024-05"],"amount_fen":[null,150000],"paid_on":[null,"2024-05-31"]}', 'ok'),
	(112, '2024-06-29T12:06:00+00:00', '@ME@', '管理员', NULL, 4, 'placement', 2, 'subsidy', NULL,
	 '{"month":[null,"2024-06"],"amount_fen":[null,75000],"paid_on":[null,"2024-06-29"]}', 'ok'),
	(113, '2024-06-29T12:10:00+00:00', '@ME@', '管理员', NULL, 4, 'posting_notice', 1, 'create', NULL,
	 '{"posting":[null,3],"channel":[null,"1"],"date":[null,"2024-06-28"]}', 'ok'),
	(114, '2024-06-29T12:11:00+00:00', '@ME@', '管理员', NULL, 4, 'posting_notice', 2, 'create', NULL,
	 '{"posting":[null,3],"channel":[null,"2"],"date":[null,"2024-06-29"]}', 'ok'),
	(115, '2024-06-29T12:20:00+00:00', '@ME@', '管理员', NULL, 4, 'course', 2, 'update', NULL,
	 '{"outside":[null,"1"]}', 'ok');
