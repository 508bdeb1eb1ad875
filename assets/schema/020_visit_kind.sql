-- 020_visit_kind: the kind of a contact on a resident's page (visit.kind) becomes a code list.
--
-- A worker meets a registered woman in several ways: at her home (入户走访, what A8 counts), on the
-- phone, when she comes to the office, or for an individual vocational-guidance talk (职业指导, what
-- C6 counts). No national or 人社 table lists them, so the codes are LOCAL (ours); an office may add
-- its own. Before this, the kind was free text, 入户走访 unless the worker typed another.
INSERT INTO code(list, code, label, ord) VALUES
	('visit_kind', '1', '入户走访', 1),
	('visit_kind', '2', '电话', 2),
	('visit_kind', '3', '来访', 3),
	('visit_kind', '4', '职业指导', 4),
	('visit_kind', '9', '其他', 9);
INSERT INTO code_alias(list, alias, code) VALUES
	('visit_kind', '走访', '1'), ('visit_kind', '家访', '1'), ('visit_kind', '入户', '1'),
	('visit_kind', '上门走访', '1'),
	('visit_kind', '电话回访', '2'), ('visit_kind', '电话走访', '2'), ('visit_kind', '电访', '2'),
	('visit_kind', '来所', '3'), ('visit_kind', '来站', '3'),
	('visit_kind', '就业指导', '4'), ('visit_kind', '指导', '4');

-- The contacts before: a kind written as one of the labels or aliases becomes its code; any other
-- text (and none) 入户走访, the kind every contact was counted as until now.
UPDATE visit SET kind = coalesce(
	(SELECT code FROM code WHERE list = 'visit_kind' AND label = visit.kind),
	(SELECT code FROM code_alias WHERE list = 'visit_kind' AND alias = visit.kind),
	'1');

-- The figures of a kind in a period (A8 home visits, C6 guidance) read this index.
CREATE INDEX visit_kind_date ON visit(kind, date);
