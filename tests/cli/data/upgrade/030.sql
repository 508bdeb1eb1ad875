-- After 030_household.sql: a household of 建设社区 (3栋4单元502) whose head 赵建国 (resident 4 of
-- 011.sql) and 孙丽娟 (resident 5, recorded as his spouse) joined it, she leaving it later; its
-- creation and the members' joining and leaving in the chained trail.
INSERT INTO household(id, hh_no, community, building, entrance, room, address, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, '3-4-502', 'TX0102', '3', '4', '502', '建设路18号', 1,
	 '2024-06-29T10:00:00+00:00', '@ME@', '2024-06-29T10:00:00+00:00', '@ME@');

INSERT INTO household_member(id, household_id, resident_id, relation, since, until, created_at,
	created_by) VALUES
	(1, 1, 4, '1', '2024-06-01', NULL, '2024-06-29T10:01:00+00:00', '@ME@'),
	(2, 1, 5, '2', '2024-06-01', '2024-06-28', '2024-06-29T10:02:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(133, '2024-06-29T10:00:00+00:00', '@ME@', '管理员', NULL, 4, 'household', 1, 'create', NULL,
	 '{"hh_no":[null,"3-4-502"],"community":[null,"TX0102"],"address":[null,"建设路18号"]}', 'ok'),
	(134, '2024-06-29T10:01:00+00:00', '@ME@', '管理员', NULL, 4, 'household', 1, 'link', NULL,
	 '{"household":[null,"#1"],"relation":[null,"1"],"since":[null,"2024-06-01"]}', 'ok'),
	(135, '2024-06-29T10:02:00+00:00', '@ME@', '管理员', NULL, 4, 'household', 1, 'link', NULL,
	 '{"household":[null,"#1"],"relation":[null,"2"],"since":[null,"2024-06-01"]}', 'ok'),
	(136, '2024-06-29T10:03:00+00:00', '@ME@', '管理员', NULL, 4, 'household', 1, 'unlink', NULL,
	 '{"household":["#1",null],"until":[null,"2024-06-28"]}', 'ok');
