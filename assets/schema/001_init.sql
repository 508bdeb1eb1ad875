-- 001_init: the registry, its dated facts, the history, code lists and settings.
-- Every table is STRICT; nothing is ever deleted (records are closed with a reason).

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Administrative units: 县区 / 街道乡镇 / 社区村.
CREATE TABLE unit (
	code   TEXT PRIMARY KEY,
	name   TEXT NOT NULL UNIQUE,
	level  TEXT NOT NULL CHECK (level IN ('county', 'street', 'community')),
	parent TEXT REFERENCES unit(code)
) STRICT;

CREATE TABLE worker (
	os_user   TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	role      INTEGER NOT NULL DEFAULT 1,
	community TEXT REFERENCES unit(code),
	created_at TEXT NOT NULL
) STRICT;

-- Code lists: national / 人社 codes as text (leading zeros kept), versioned so an office can
-- replace a list with its province's.
CREATE TABLE code (
	list    TEXT NOT NULL,
	code    TEXT NOT NULL,
	label   TEXT NOT NULL,
	ord     INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1,
	active  INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (list, code)
) STRICT;

CREATE TABLE resident (
	id            INTEGER PRIMARY KEY,
	reg_no        TEXT NOT NULL,   -- R-000001, made from id, so unique without an index
	name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
	id_no         TEXT NOT NULL UNIQUE CHECK (length(id_no) = 18),
	sex           TEXT NOT NULL CHECK (sex IN ('1', '2')),
	birth         TEXT NOT NULL,
	phone         TEXT,
	ethnicity     TEXT,
	hukou         TEXT,
	origin        TEXT,
	community     TEXT REFERENCES unit(code),
	address       TEXT,
	education     TEXT,
	marital       TEXT,
	health        TEXT,
	disability    TEXT,
	former_job    TEXT,
	skills        TEXT,
	status        TEXT,
	unemp_reason  TEXT,
	benefit       INTEGER NOT NULL DEFAULT 0,
	dibao         INTEGER NOT NULL DEFAULT 0,
	reg_date      TEXT,
	job_intent    TEXT,
	training_need TEXT,
	note          TEXT,
	closed_at     TEXT,
	close_reason  TEXT,
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	updated_by    TEXT NOT NULL
) STRICT;
-- Only the indexes a query needs today: each one costs every import a random insert per row.
-- (The reports module adds the date indexes its period queries need.)
CREATE INDEX resident_name_birth ON resident(name, birth);

-- Hand-set categories (4050 and other rule-based ones are derived, see core/rules.c). Dated so a
-- report can say who was in a category on a day.
CREATE TABLE resident_category (
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	category    TEXT NOT NULL,
	since       TEXT NOT NULL,
	PRIMARY KEY (resident_id, category)
) STRICT, WITHOUT ROWID;

-- Search keys: one row per way of finding a resident. Kind prefix: 'i' pinyin initials,
-- 'n' a suffix of the folded name (so a prefix range finds any substring), 't' reversed ID number
-- or phone (so a prefix range finds the last digits).
CREATE TABLE search_key (
	key         TEXT NOT NULL,
	resident_id INTEGER NOT NULL,
	PRIMARY KEY (key, resident_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE certificate (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	type        TEXT NOT NULL,
	number      TEXT,
	issue_date  TEXT NOT NULL,
	office      TEXT,
	valid_until TEXT,
	status      TEXT NOT NULL DEFAULT '有效' CHECK (status IN ('有效', '注销', '过期')),
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX certificate_resident ON certificate(resident_id);

-- Status changes as dated events: registered, re-employed (with form of employment), flexible
-- work, own business, moved away …
CREATE TABLE status_event (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	date        TEXT NOT NULL,
	status      TEXT NOT NULL,
	form        TEXT,
	employer    TEXT,
	note        TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX status_event_resident ON status_event(resident_id, date);

CREATE TABLE visit (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	date        TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT '入户走访',
	content     TEXT,
	next_due    TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX visit_resident ON visit(resident_id, date);

-- Who changed what, when: append-only.
CREATE TABLE history (
	seq       INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	os_user   TEXT NOT NULL,
	worker    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL,
	action    TEXT NOT NULL,
	changes   TEXT
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id, seq);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- Forms in progress, one per worker and record, so a dropped SSH link loses nothing typed.
CREATE TABLE draft (
	os_user   TEXT NOT NULL,
	form      TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	data      TEXT NOT NULL,
	saved_at  TEXT NOT NULL,
	PRIMARY KEY (os_user, form, record_id)
) STRICT;

-- Employers, postings, referrals, courses, enrolments and fairs: the demo's links. The jobs and
-- training modules extend these in later migrations.
CREATE TABLE employer (
	id           INTEGER PRIMARY KEY,
	code         TEXT NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	credit_code  TEXT UNIQUE,
	kind         TEXT,
	industry     TEXT,
	woman_owned  INTEGER NOT NULL DEFAULT 0,
	contact      TEXT,
	phone        TEXT,
	address      TEXT,
	note         TEXT,
	closed_at    TEXT,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL
) STRICT;

CREATE TABLE posting (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE,
	employer_id     INTEGER NOT NULL REFERENCES employer(id),
	title           TEXT NOT NULL,
	public_welfare  INTEGER NOT NULL DEFAULT 0,
	openings        INTEGER NOT NULL CHECK (openings >= 0),
	filled          INTEGER NOT NULL DEFAULT 0 CHECK (filled >= 0),
	hours           TEXT,
	wage            TEXT,
	requirements    TEXT,
	age_min         INTEGER,
	age_max         INTEGER,
	sex_req         TEXT,
	source          TEXT,
	posted          TEXT NOT NULL,
	closes          TEXT,
	status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed', 'expired')),
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL,
	created_by      TEXT NOT NULL
) STRICT;

CREATE TABLE referral (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	posting_id  INTEGER NOT NULL REFERENCES posting(id),
	stage       TEXT NOT NULL CHECK (stage IN ('referred', 'interview', 'hired', 'rejected', 'declined')),
	referred_on TEXT NOT NULL,
	stage_on    TEXT NOT NULL,
	consent     INTEGER NOT NULL DEFAULT 0,
	note        TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	UNIQUE (resident_id, posting_id)
) STRICT;

CREATE TABLE course (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	speciality  TEXT,
	category    TEXT,
	provider    TEXT,
	start_date  TEXT NOT NULL,
	end_date    TEXT NOT NULL,
	hours       INTEGER,
	capacity    INTEGER,
	place       TEXT,
	subsidy     INTEGER,
	target      TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;

CREATE TABLE enrolment (
	id          INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	course_id   INTEGER NOT NULL REFERENCES course(id),
	enrolled_on TEXT NOT NULL,
	result      TEXT NOT NULL DEFAULT 'enrolled' CHECK (result IN ('enrolled', 'completed', 'dropped')),
	passed      INTEGER,
	cert_type   TEXT,
	cert_no     TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	UNIQUE (resident_id, course_id)
) STRICT;

CREATE TABLE fair (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	date        TEXT NOT NULL,
	place       TEXT,
	kind        TEXT,
	employers   INTEGER,
	posts       INTEGER,
	visitors    INTEGER,
	agreements  INTEGER,
	agreements_women INTEGER,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;

-- Default locality rules (4050: women >= 40, men >= 50, up to retirement age).
INSERT INTO setting(key, value) VALUES
	('rule.4050.female_age', '40'),
	('rule.4050.male_age', '50'),
	('rule.4050.female_upper', '55'),
	('rule.4050.male_upper', '60');
