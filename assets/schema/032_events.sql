-- 032_events: outreach events (座谈会, 讲座, 维权宣传, 职业指导日, 招聘宣传 …). An event is held on a
-- day by a community (whose workers see and change it), with its topic, place and organisers.
-- Who came: the registered residents by name (event_attendee: her sex and groups are the
-- registry's, so a report splits them as it splits any resident), the people who came without
-- being registered as a count (guests), and the headcount the organisers gave (participants),
-- which is at least those two added up; without a headcount the event counts the named
-- residents and the guests. The materials handed out are their kinds (宣传册、法律手册) and the
-- copies in all.

CREATE TABLE event (
	id           INTEGER PRIMARY KEY,
	event_no     TEXT NOT NULL UNIQUE,      -- H-2024-003: the year held and its number
	date         TEXT NOT NULL,
	type         TEXT NOT NULL,             -- code list event_type
	topic        TEXT NOT NULL,
	place        TEXT,
	organisers   TEXT,
	community    TEXT REFERENCES unit(code),
	participants INTEGER CHECK (participants IS NULL OR participants >= 0),
	guests       INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
	materials    TEXT,
	copies       INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0),
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	updated_by   TEXT NOT NULL
) STRICT;
CREATE INDEX event_date ON event(date);

CREATE TABLE event_attendee (
	event_id    INTEGER NOT NULL REFERENCES event(id),
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	PRIMARY KEY (event_id, resident_id)
) STRICT;
CREATE INDEX event_attendee_resident ON event_attendee(resident_id);

-- 活动类型: the kinds the reports count apart (C7 座谈会, J7 维权宣传, K4 all of them).
INSERT INTO code(list, code, label, ord) VALUES
	('event_type', '1', '座谈会', 1),
	('event_type', '2', '讲座', 2),
	('event_type', '3', '维权宣传', 3),
	('event_type', '4', '职业指导日', 4),
	('event_type', '5', '招聘宣传', 5),
	('event_type', '9', '其他', 9);
INSERT INTO code_alias(list, alias, code) VALUES
	('event_type', '座谈', '1'), ('event_type', '讨论会', '1'),
	('event_type', '培训讲座', '2'), ('event_type', '报告会', '2'),
	('event_type', '法律宣传', '3'), ('event_type', '普法宣传', '3'), ('event_type', '法律宣传/维权宣传', '3'),
	('event_type', '维权', '3'),
	('event_type', '指导日', '4'), ('event_type', '职业指导', '4'),
	('event_type', '招聘', '5');
