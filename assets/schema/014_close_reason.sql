-- 014_close_reason: why a resident's record was closed (注销), as a code list, with a note.
--
-- No national or 人社 table lists reasons for closing a ledger record, so these codes are LOCAL
-- (ours): 9 其他 wants the note that says what the reason is (core/registry/closing.c). An
-- office may add its own, as to any list. closed_at now holds the day the record was closed
-- (YYYY-MM-DD, the day the reports stop counting her), no longer the moment it was typed: that
-- moment is in updated_at and the audit trail.
INSERT INTO code(list, code, label, ord) VALUES
	('close_reason', '1', '迁出', 1),
	('close_reason', '2', '死亡', 2),
	('close_reason', '3', '重复登记', 3),
	('close_reason', '4', '本人要求', 4),
	('close_reason', '9', '其他', 9);
INSERT INTO code_alias(list, alias, code) VALUES
	('close_reason', '迁出本县', '1'),
	('close_reason', '迁往外地', '1'),
	('close_reason', '去世', '2'),
	('close_reason', '重复', '3');

ALTER TABLE resident ADD COLUMN close_note TEXT;   -- what 其他 means, or any word of the worker's

-- Records closed before: a reason typed as one of the labels or aliases becomes its code; any other
-- text becomes 其他 with the text as its note, so nothing the worker typed is lost.
UPDATE resident SET close_reason = coalesce(
	(SELECT code FROM code WHERE list = 'close_reason' AND label = resident.close_reason),
	(SELECT code FROM code_alias WHERE list = 'close_reason' AND alias = resident.close_reason))
WHERE closed_at IS NOT NULL AND close_reason IN (
	SELECT label FROM code WHERE list = 'close_reason'
	UNION SELECT alias FROM code_alias WHERE list = 'close_reason');
UPDATE resident SET close_note = close_reason, close_reason = '9'
WHERE closed_at IS NOT NULL AND coalesce(close_reason, '') NOT IN (
	SELECT code FROM code WHERE list = 'close_reason');
