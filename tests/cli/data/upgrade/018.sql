-- After 018_casework.sql: two rights cases with their steps. 周小燕 (resident 6, of 011.sql)
-- against an employer, handled to 办结 (a mediation that worked, the answer, a 回访): version 6. A
-- woman not yet registered, by name and phone, not accepted at first, reopened (复查) and extended:
-- version 4. Their creations and steps in the chained trail, through history_in as in 007.sql.
INSERT INTO rights_case(id, case_no, received_on, received_time, channel, type, resident_id,
	person_name, person_phone, community, complaint, respondent, employer_id, urgency, handler,
	state, accepted_on, closed_on, extend_days, extend_reason, reopened, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, 'V-2024-001', '2024-06-26', '09:30', '3', '12', 6, NULL, NULL, 'TX0101',
	 '食堂拖欠两个月工资', '巾帼家政服务有限公司', 1, '1', '@ME@', 'closed', '2024-06-26',
	 '2024-06-29', 0, NULL, 0, 6, '2024-06-26T09:30:00+00:00', '@ME@', '2024-06-29T10:00:00+00:00',
	 '@ME@'),
	(2, 'V-2024-002', '2024-06-27', NULL, '2', '20', NULL, '林小梅', '13900000207', 'TX0102',
	 '丈夫多次殴打', NULL, NULL, '2', 'wangli', 'accepted', '2024-06-29', NULL, 20, '待伤情鉴定',
	 1, 4, '2024-06-27T10:00:00+00:00', 'wangli', '2024-06-29T11:00:00+00:00', 'wangli');

INSERT INTO case_step(id, case_id, no, step, date, action, outcome, who, note, days, created_at,
	created_by) VALUES
	(1, 1, 1, 'register', '2024-06-26', NULL, NULL, '管理员', NULL, NULL, '2024-06-26T09:30:00+00:00', '@ME@'),
	(2, 1, 2, 'accept', '2024-06-26', NULL, NULL, '管理员', NULL, NULL, '2024-06-26T09:40:00+00:00', '@ME@'),
	(3, 1, 3, 'action', '2024-06-27', '1', '1', '街道维权站', NULL, NULL, '2024-06-27T15:00:00+00:00', '@ME@'),
	(4, 1, 4, 'answer', '2024-06-28', NULL, NULL, '管理员', '已调解，补发工资', NULL, '2024-06-28T09:00:00+00:00', '@ME@'),
	(5, 1, 5, 'visit', '2024-06-29', NULL, '1', '管理员', NULL, NULL, '2024-06-29T09:30:00+00:00', '@ME@'),
	(6, 1, 6, 'close', '2024-06-29', NULL, NULL, '管理员', NULL, NULL, '2024-06-29T10:00:00+00:00', '@ME@'),
	(7, 2, 1, 'register', '2024-06-27', NULL, NULL, '王丽', NULL, NULL, '2024-06-27T10:00:00+00:00', 'wangli'),
	(8, 2, 2, 'refuse', '2024-06-27', NULL, NULL, '王丽', '材料不全', NULL, '2024-06-27T10:30:00+00:00', 'wangli'),
	(9, 2, 3, 'reopen', '2024-06-29', NULL, NULL, '王丽', '补齐材料后复查', NULL, '2024-06-29T10:30:00+00:00', 'wangli'),
	(10, 2, 4, 'extend', '2024-06-29', NULL, NULL, '王丽', '待伤情鉴定', 20, '2024-06-29T11:00:00+00:00', 'wangli');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(89, '2024-06-26T09:30:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'create', NULL, NULL, 'ok'),
	(90, '2024-06-26T09:40:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'step', NULL,
	 '{"state":["registered","accepted"],"step":[null,"accept"],"date":[null,"2024-06-26"]}', 'ok'),
	(91, '2024-06-27T15:00:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'step', NULL,
	 '{"state":["accepted","handling"],"step":[null,"action"],"date":[null,"2024-06-27"],"action":[null,"1"],"outcome":[null,"1"]}', 'ok'),
	(92, '2024-06-28T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'step', NULL,
	 '{"state":["handling","answered"],"step":[null,"answer"],"date":[null,"2024-06-28"]}', 'ok'),
	(93, '2024-06-29T09:30:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'step', NULL,
	 '{"state":["answered","visited"],"step":[null,"visit"],"date":[null,"2024-06-29"],"outcome":[null,"1"]}', 'ok'),
	(94, '2024-06-29T10:00:00+00:00', '@ME@', '管理员', NULL, 4, 'rights_case', 1, 'step', NULL,
	 '{"state":["visited","closed"],"step":[null,"close"],"date":[null,"2024-06-29"]}', 'ok'),
	(95, '2024-06-27T10:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'rights_case', 2, 'create', NULL, NULL, 'ok'),
	(96, '2024-06-27T10:30:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'rights_case', 2, 'step', NULL,
	 '{"state":["registered","refused"],"step":[null,"refuse"],"date":[null,"2024-06-27"]}', 'ok'),
	(97, '2024-06-29T10:30:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'rights_case', 2, 'step', NULL,
	 '{"state":["refused","accepted"],"step":[null,"reopen"],"date":[null,"2024-06-29"]}', 'ok'),
	(98, '2024-06-29T11:00:00+00:00', 'wangli', '王丽', '10.8.0.23', 1, 'rights_case', 2, 'step', NULL,
	 '{"state":["accepted","accepted"],"step":[null,"extend"],"date":[null,"2024-06-29"],"days":[null,20]}', 'ok');
