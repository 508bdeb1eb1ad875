-- 010_kinds.sql: what a row is said by a column of its own, not by a word in a note or a list of
-- codes written out wherever it is asked.

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

-- Whether a status (code list emp_status) is one of someone looking for work: 失业, 下岗, 待业.
-- The matching index (seek, 004_jobs.sql) holds the residents in such a status; its triggers read
-- this flag, and so does core (emp_status_seeking, core/store/codes.c), instead of each writing
-- the codes out. A status an office adds is not a seeker's unless it sets the flag. 0 in every
-- other list.
ALTER TABLE code ADD COLUMN seeking INTEGER NOT NULL DEFAULT 0 CHECK (seeking IN (0, 1));
UPDATE code SET seeking = 1 WHERE list = 'emp_status' AND code IN ('10', '11', '12');

-- 004's two triggers on resident, as they were but for the test of her status.
DROP TRIGGER seek_insert;
CREATE TRIGGER seek_insert AFTER INSERT ON resident
	WHEN NEW.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM seek_deferred)
	     AND EXISTS (SELECT 1 FROM code
	                 WHERE list = 'emp_status' AND code = NEW.status AND seeking = 1)
BEGIN
	INSERT INTO seek(resident_id, sex, birth, edu, r5, reg_date)
		VALUES (NEW.id, NEW.sex, NEW.birth,
		        (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education),
		        (NEW.dibao = 1 OR coalesce(NEW.health, '') LIKE '6%'),
		        coalesce(NEW.reg_date, ''));
	INSERT OR IGNORE INTO seek_word(word, reg_date, resident_id, sex, birth, edu)
		SELECT substr(x.t, n, 2), coalesce(NEW.reg_date, ''), NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education)
		FROM jy_num,
		     (SELECT lower(coalesce(NEW.job_intent, '') || ' ' || coalesce(NEW.skills, '')
		                   || ' ' || coalesce(NEW.former_job, '')) AS t) AS x
		WHERE n < length(x.t)
		  AND substr(x.t, n, 2) NOT GLOB '*[ 0-9,./;:()+、，。；：（）～~-]*';
END;

DROP TRIGGER seek_update;
CREATE TRIGGER seek_update AFTER UPDATE OF status, closed_at, sex, birth, education, reg_date,
	job_intent, skills, former_job, dibao, health ON resident
BEGIN
	DELETE FROM seek_word
		WHERE reg_date = coalesce(OLD.reg_date, '') AND resident_id = OLD.id AND word IN (
			SELECT substr(x.t, n, 2) FROM jy_num,
			       (SELECT lower(coalesce(OLD.job_intent, '') || ' '
			                     || coalesce(OLD.skills, '') || ' '
			                     || coalesce(OLD.former_job, '')) AS t) AS x
			WHERE n < length(x.t));
	DELETE FROM seek WHERE reg_date = coalesce(OLD.reg_date, '') AND resident_id = OLD.id;
	INSERT INTO seek(resident_id, sex, birth, edu, r5, reg_date)
		SELECT NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education),
		       (NEW.dibao = 1 OR coalesce(NEW.health, '') LIKE '6%'
		        OR EXISTS (SELECT 1 FROM resident_category
		                   WHERE resident_id = NEW.id AND category IN ('4050', 'OLDER_HARD',
		                         'DIBAO', 'DISABLED', 'DIFFICULT', 'ZERO_EMP_HH'))),
		       coalesce(NEW.reg_date, '')
		WHERE NEW.closed_at IS NULL
		  AND EXISTS (SELECT 1 FROM code
		              WHERE list = 'emp_status' AND code = NEW.status AND seeking = 1);
	INSERT OR IGNORE INTO seek_word(word, reg_date, resident_id, sex, birth, edu)
		SELECT substr(x.t, n, 2), coalesce(NEW.reg_date, ''), NEW.id, NEW.sex, NEW.birth,
		       (SELECT ord FROM code WHERE list = 'education' AND code = NEW.education)
		FROM jy_num,
		     (SELECT lower(coalesce(NEW.job_intent, '') || ' ' || coalesce(NEW.skills, '')
		                   || ' ' || coalesce(NEW.former_job, '')) AS t) AS x
		WHERE NEW.closed_at IS NULL
		  AND EXISTS (SELECT 1 FROM code
		              WHERE list = 'emp_status' AND code = NEW.status AND seeking = 1)
		  AND n < length(x.t)
		  AND substr(x.t, n, 2) NOT GLOB '*[ 0-9,./;:()+、，。；：（）～~-]*';
END;
