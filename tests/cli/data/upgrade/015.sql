-- After 015_enterprise.sql: a start-up project taken through every stage (立项, 孵化 at a base,
-- 创业资金, 开业 with a credit code, 运营, 停业 with its reason: version 7) and one still an idea;
-- a loan on it through the whole chain, 放款, an interest subsidy and two repayments that settle
-- it (version 1 + 4 steps + 放款 + 3 payments), another rejected at its second step with the
-- reason; an office's own setting beside the chain the migration sets. Their rows in the chained
-- trail go through history_in, as in 007.sql: each creation, and one row for each version after.
UPDATE setting SET value = '45' WHERE key = 'loan.due_days';
INSERT INTO code(list, code, label, ord) VALUES ('loan_purpose', '6', '民宿', 6);

INSERT INTO project(id, code, resident_id, idea, trade, place, course_id, idea_on, stage,
	registered_on, base, incubated_on, fund, fund_fen, funded_on, business_name, credit_code,
	opened_on, operating_on, closed_on, close_reason, jobs, jobs_women, note, version, created_at,
	created_by, updated_at, updated_by) VALUES
	(1, 'P-001', 5, '手工绣花鞋网店', '电商', '新华社区8栋', 2, '2024-03-01', 'closed',
	 '2024-03-10', '女大学生创业实习基地', '2024-05-01', '女大学生创业基金', 500000, '2024-05-20',
	 '丽娟绣鞋网店', '91350100M000100Y43', '2024-06-01', '2024-06-10', '2024-06-25', '货源中断',
	 3, 2, '桐君街道立项', 7, '2024-03-01T09:00:00+00:00', '@ME@', '2024-06-25T09:00:00+00:00',
	 '@ME@'),
	(2, 'P-002', 3, '家庭农场', NULL, NULL, NULL, '2024-06-01', 'idea', NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 1, '2024-06-01T09:00:00+00:00',
	 'wangli', NULL, NULL);

INSERT INTO loan(id, code, resident_id, project_id, scheme, purpose, amount_fen, licence, guarantor,
	guarantee, applied_on, chain, steps, state, ended_on, end_reason, bank, lent_fen, lent_on,
	term_months, rate_bp, due_on, jobs, jobs_women, note, version, created_at, created_by,
	updated_at, updated_by) VALUES
	(1, 'L-001', 5, 1, '2', '4', 3000000, '91350100M000100Y43', '孙建华', '1', '2024-05-02',
	 '村居妇代会出证明|乡镇妇联报材料|县级妇联意见|人社/银行审批', 4, 'settled', '2024-06-24', NULL,
	 '桐溪农商银行', 3000000, '2024-05-15', 12, 435, '2025-05-15', 2, 1, '一站式服务', 9,
	 '2024-05-02T09:00:00+00:00', '@ME@', '2024-06-24T09:00:00+00:00', '@ME@'),
	(2, 'L-002', 3, NULL, '1', '1', 5000000, NULL, NULL, NULL, '2024-06-01',
	 '村居妇代会出证明|乡镇妇联报材料|县级妇联意见|人社/银行审批', 4, 'rejected', '2024-06-05',
	 '不符合贷款条件', NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 3,
	 '2024-06-01T09:00:00+00:00', 'wangli', '2024-06-05T09:00:00+00:00', 'wangli');

INSERT INTO loan_step(loan_id, no, name, date, note, worker) VALUES
	(1, 1, '村居妇代会出证明', '2024-05-03', NULL, '@ME@'),
	(1, 2, '乡镇妇联报材料', '2024-05-06', '材料齐全', '@ME@'),
	(1, 3, '县级妇联意见', '2024-05-08', NULL, '@ME@'),
	(1, 4, '人社/银行审批', '2024-05-13', NULL, '@ME@'),
	(2, 1, '村居妇代会出证明', '2024-06-03', NULL, 'wangli');

INSERT INTO loan_payment(id, loan_id, kind, date, amount_fen, note, created_at, created_by) VALUES
	(1, 1, 'subsidy', '2024-06-01', 32625, '财政贴息', '2024-06-01T09:00:00+00:00', '@ME@'),
	(2, 1, 'repayment', '2024-06-10', 1000050, NULL, '2024-06-10T09:00:00+00:00', '@ME@'),
	(3, 1, 'repayment', '2024-06-24', 1999950, NULL, '2024-06-24T09:00:00+00:00', '@ME@');

INSERT INTO history_in(seq, at, os_user, worker, src, role, entity, entity_id, action, fields,
	changes, result) VALUES
	(64, '2024-03-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'create', NULL,
	 '{"idea":[null,"手工绣花鞋网店"]}', 'ok'),
	(65, '2024-03-10T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["idea","registered"]}', 'ok'),
	(66, '2024-05-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["registered","incubating"]}', 'ok'),
	(67, '2024-05-02T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'create', NULL,
	 '{"amount_fen":[null,"30000.00"]}', 'ok'),
	(68, '2024-05-03T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'step', NULL,
	 '{"step_no":[null,"1"]}', 'ok'),
	(69, '2024-05-06T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'step', NULL,
	 '{"step_no":[null,"2"]}', 'ok'),
	(70, '2024-05-08T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'step', NULL,
	 '{"step_no":[null,"3"]}', 'ok'),
	(71, '2024-05-13T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'step', NULL,
	 '{"step_no":[null,"4"]}', 'ok'),
	(72, '2024-05-15T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'disburse', NULL,
	 '{"state":["applying","repaying"]}', 'ok'),
	(73, '2024-05-20T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["incubating","funded"]}', 'ok'),
	(74, '2024-06-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["funded","opened"]}', 'ok'),
	(75, '2024-06-01T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'payment', NULL,
	 '{"subsidy":[null,"326.25"]}', 'ok'),
	(76, '2024-06-01T09:00:00+00:00', 'wangli', '王丽', NULL, 1, 'project', 2, 'create', NULL,
	 '{"idea":[null,"家庭农场"]}', 'ok'),
	(77, '2024-06-01T09:00:00+00:00', 'wangli', '王丽', NULL, 1, 'loan', 2, 'create', NULL,
	 '{"amount_fen":[null,"50000.00"]}', 'ok'),
	(78, '2024-06-03T09:00:00+00:00', 'wangli', '王丽', NULL, 1, 'loan', 2, 'step', NULL,
	 '{"step_no":[null,"1"]}', 'ok'),
	(79, '2024-06-05T09:00:00+00:00', 'wangli', '王丽', NULL, 1, 'loan', 2, 'end', NULL,
	 '{"state":["applying","rejected"]}', 'ok'),
	(80, '2024-06-10T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["opened","operating"]}', 'ok'),
	(81, '2024-06-10T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'payment', NULL,
	 '{"repaid":[null,"10000.50"]}', 'ok'),
	(82, '2024-06-24T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'loan', 1, 'payment', NULL,
	 '{"repaid":[null,"19999.50"],"state":["repaying","settled"]}', 'ok'),
	(83, '2024-06-25T09:00:00+00:00', '@ME@', '管理员', NULL, 4, 'project', 1, 'stage', NULL,
	 '{"stage":["operating","closed"]}', 'ok');
