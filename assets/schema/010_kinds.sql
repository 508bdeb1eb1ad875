-- 010_kinds.sql: what a row is said by a column of its own, not by a word in a note.

-- A status event's kind: 'registration' for the first event of every resident, which registering
-- her writes (resident_save, a bulk load, an import, the demo); 'change' for every status change
-- after it. Until now a registration was told by its note, 'registered', and a worker's note is
-- free text: a move into work she noted "registered" dropped out of the reports' A5.
-- ADD COLUMN leaves every row as it is; status_event has no triggers to keep.
ALTER TABLE status_event ADD COLUMN kind TEXT NOT NULL DEFAULT 'change'
	CHECK (kind IN ('registration', 'change'));

-- The registrations written so far: the note 'registered' on a resident's first event (the one
-- written in the same transaction as her row, so the smallest id of hers). A later event a worker
-- noted "registered" stays a change and keeps her note. The registration's note said only what
-- the kind says now, and a worker never typed it: it goes, so every note left is a worker's.
UPDATE status_event SET kind = 'registration', note = NULL
	WHERE note = 'registered'
	  AND id = (SELECT min(e.id) FROM status_event e
	            WHERE e.resident_id = status_event.resident_id);

-- 006's index of the changes by date, now leaving out the registrations by their kind.
DROP INDEX status_event_date;
CREATE INDEX status_event_date ON status_event(date, resident_id, status, form)
	WHERE kind = 'change';
