-- 022_processing: 来料加工 (outsourced processing). Factories send materials through brokers
-- (经纪人) to outlets and stations (网点, 加工站) and bases, where women do piece work at home;
-- each payment of a processing fee (加工费) to a woman is a row of the fee ledger.
--
-- A broker is a person, a registered resident or not (resident_id NULL: her name, ID number and
-- phone are the broker's own). Her village or community is a unit (016_units.sql); its township
-- is that unit's parent. The trainings she attended are her enrolments (the training module):
-- nothing here copies them.
--
-- Outlets, stations and bases are one table by kind; bases (来料加工基地, 巾帼示范基地) have a
-- level (县 / 市 / 省 / 全国). The factory paired with one (厂站结对) is an employer of the jobs
-- module. women is how many women work there, as the office counts them.
--
-- A fee is of a month (YYYY-MM), a woman (a registered resident), an outlet and a product; one
-- row for each (a broker's sheet imported again updates its rows, it does not add them twice).
-- Money is whole fen (分), never a floating-point number. low_income is whether she was
-- low-income in that month, from her categories (fee.lowinc_categories, held since no later than
-- the month's last day), fixed when the row is written: a later change of her categories does
-- not rewrite the months already paid.
CREATE TABLE broker (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,                   -- B-001 …
	resident_id INTEGER REFERENCES resident(id),        -- NULL: not registered here
	name        TEXT NOT NULL,
	id_no       TEXT,
	phone       TEXT,
	community   TEXT,                                   -- unit code of her village / community
	products    TEXT,                                   -- 绣花鞋, 针织, 制笔装配 …
	new_year    INTEGER CHECK (new_year IS NULL OR new_year BETWEEN 1980 AND 2100),  -- 新发展
	excellent   INTEGER NOT NULL DEFAULT 0 CHECK (excellent IN (0, 1)),              -- 优秀
	talent_pool INTEGER NOT NULL DEFAULT 0 CHECK (talent_pool IN (0, 1)),            -- 实用人才库
	since       TEXT NOT NULL,                          -- a broker from (her first order)
	ended_on    TEXT,                                   -- no longer a broker
	note        TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT,
	updated_by  TEXT
) STRICT;
CREATE INDEX broker_resident ON broker(resident_id) WHERE resident_id IS NOT NULL;

CREATE TABLE outlet (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,                   -- O-001 …
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL,                          -- code list outlet_kind
	level       TEXT,                                   -- code list base_level (bases only)
	community   TEXT,                                   -- unit code
	place       TEXT,
	broker_id   INTEGER REFERENCES broker(id),
	employer_id INTEGER REFERENCES employer(id),        -- 厂站结对
	women       INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
	since       TEXT NOT NULL,
	ended_on    TEXT,
	note        TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT,
	updated_by  TEXT
) STRICT;
CREATE INDEX outlet_broker ON outlet(broker_id);

CREATE TABLE fee (
	id          INTEGER PRIMARY KEY,
	month       TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
	resident_id INTEGER NOT NULL REFERENCES resident(id),
	outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
	product     TEXT NOT NULL DEFAULT '',
	pieces      INTEGER NOT NULL DEFAULT 0 CHECK (pieces >= 0),
	fee_fen     INTEGER NOT NULL CHECK (fee_fen > 0),
	low_income  INTEGER NOT NULL CHECK (low_income IN (0, 1)),
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT,
	updated_by  TEXT,
	UNIQUE (resident_id, month, outlet_id, product)
) STRICT;
-- The figures read a period's months through this one index, every column they need in it (a
-- year of a million payments without touching the table).
CREATE INDEX fee_month ON fee(month, resident_id, low_income, fee_fen);
CREATE INDEX fee_outlet ON fee(outlet_id, month);

-- 来料加工 as a form of employment (OUR code beside LEMIS acc032's): 灵活就业 at home on piece
-- work. The ledger writes it after fee.employ_months months with fees (0: never).
INSERT INTO code(list, code, label, ord) VALUES
	('emp_form', '024', '来料加工', 24),
	('outlet_kind', '1', '网点', 1),
	('outlet_kind', '2', '加工站', 2),
	('outlet_kind', '3', '来料加工基地', 3),
	('outlet_kind', '4', '巾帼示范基地', 4),
	('base_level', '1', '县级', 1),
	('base_level', '2', '市级', 2),
	('base_level', '3', '省级', 3),
	('base_level', '4', '全国', 4);
INSERT INTO code_alias(list, alias, code) VALUES
	('emp_form', '来料加工居家就业', '024'), ('emp_form', '居家来料加工', '024'),
	('outlet_kind', '站', '2'), ('outlet_kind', '基地', '3'), ('outlet_kind', '示范基地', '4'),
	('base_level', '县', '1'), ('base_level', '市', '2'), ('base_level', '省', '3'),
	('base_level', '国家级', '4');

INSERT INTO setting(key, value) VALUES
	('fee.employ_months', '3'),
	('fee.lowinc_categories', 'RURAL_LOWINC|DIBAO|SPECIAL_POOR');
