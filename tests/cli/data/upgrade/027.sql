-- After 027_pairs.sql: two helpers (one of them 周小燕 herself, resident 6 of 011.sql, the other a
-- woman entrepreneur), a pair still running with a contact and goods given, and a pair ended
-- (version 2); their creations, the contact, the gift and the end in the chained trail.
INSERT INTO helper(id, name, type, phone, org, resident_id, community, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, '何丽萍', '3', '13800000101', '巾帼家政服务有限公司', NULL, 'TX0101', 1,
	 '2024-06-29T09:00:00+00:00', '@ME@', '2024-06-29T09:00:00+00:00', '@ME@'),
	(2, '周小燕', '9', NULL, NULL, 6, 'TX0101', 1,
	 '2024-06-29T09:05:00+00:00', '@ME@', '2024-06-29T09:05:00+00:00', '@ME@');

INSERT INTO mentor_pair(id, pair_no, type, helper_id, resident_id, household, start_date, goal,
	ended_on, end_reason, version, created_at, created_by, updated_at, updated_by) VALUES
	(1, 'P-2024-001', '1', 1, 1, '王秀兰家庭', '2024-06-01', '稳定就业', NULL, NULL, 1,
	 '2024-06-29T09:10:00+00:00', '@ME@', '2024-06-29T09:10:00+00:00', '@ME@'),
	(2, 'P-2024-002', '1', 2, 2, NULL, '2024-03-01', '学会面点手艺', '2024-06-28', '已就业', 2,
	 '2024-06-29T09:15:00+00:00', '@ME@', '2024-06-29T09:20:00+00:00', '@ME@');

INSERT INTO pair_contact(id, pair_id, date, kind, content, created_at, created_by) VALUES
	(1, 1, '2024-06-10', '1', '入户了解家政培训意向', '2024-06-29T09:11:00+00:00', '@ME@');
INSERT INTO pair_gift(id, pair_id, date, kind, amount_fen, what, created_at, created_by) VALUES
	(1, 1, '2024-06-10', '2', 30000, '大米、食用油', '2024-06-29T09:12:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(119, '2024-06-29T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'helper', 1, 'create', NULL,
	 '{"name":[null,"何丽萍"],"type":[null,"3"]}', 'ok'),
	(120, '2024-06-29T09:05:00+00:00', '@ME@', '管理员', NULL, 4, 'helper', 2, 'create', NULL,
	 '{"name":[null,"周小燕"],"type":[null,"9"]}', 'ok'),
	(121, '2024-06-29T09:10:00+00:00', '@ME@', '管理员', NULL, 4, 'mentor_pair', 1, 'create', NULL,
	 '{"pair_no":[null,"P-2024-001"],"type":[null,"1"],"helper":[null,"#1"]}', 'ok'),
	(122, '2024-06-29T09:11:00+00:00', '@ME@', '管理员', NULL, 4, 'pair_contact', 1, 'create', NULL,
	 '{"date":[null,"2024-06-10"],"contact_kind":[null,"1"],"content":[null,"入户了解家政培训意向"]}', 'ok'),
	(123, '2024-06-29T09:12:00+00:00', '@ME@', '管理员', NULL, 4, 'pair_gift', 1, 'create', NULL,
	 '{"date":[null,"2024-06-10"],"gift_kind":[null,"2"],"amount":[null,"300.00"]}', 'ok'),
	(124, '2024-06-29T09:15:00+00:00', '@ME@', '管理员', NULL, 4, 'mentor_pair', 2, 'create', NULL,
	 '{"pair_no":[null,"P-2024-002"],"type":[null,"1"],"helper":[null,"#2"]}', 'ok'),
	(125, '2024-06-29T09:20:00+00:00', '@ME@', '管理员', NULL, 4, 'mentor_pair', 2, 'end', NULL,
	 '{"ended_on":[null,"2024-06-28"],"end_reason":[null,"已就业"]}', 'ok');
