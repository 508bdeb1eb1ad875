-- After 025_dated.sql: a category that ended (resident 1's 低保, held from March 2023 to June 2024,
-- with its reason), and dated changes: resident 1 off 低保 on 1 June 2024, resident 2 moved from
-- 建设社区 on 1 May 2024.
INSERT INTO resident_category_past(resident_id, category, since, until, reason, ended_at, ended_by)
	VALUES (1, 'DIBAO', '2023-03-01', '2024-06-01', '收入超过标准', '2024-06-01T09:00:00+00:00', '@ME@');
INSERT INTO resident_change(id, resident_id, what, date, old, created_at, created_by) VALUES
	(1, 1, 'dibao', '2024-06-01', '1', '2024-06-01T09:00:00+00:00', '@ME@'),
	(2, 2, 'community', '2024-05-01', 'TX0102', '2024-05-01T09:00:00+00:00', '@ME@');
