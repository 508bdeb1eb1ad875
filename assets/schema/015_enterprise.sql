-- 015_enterprise: women's enterprise (创业扶持): start-up projects and the small loans that fund
-- them (小额担保贷款, 巾帼创业贷款, 小额贴息贷款).
--
-- A project goes forward only, each stage with its date: 构想 (idea) → 立项 (registered) →
-- 孵化/实习基地 (incubating, at a base) → 获得创业资金 (funded: amount, fund) → 开业 (opened: the
-- business name and, when it has one, its 统一社会信用代码) → 运营 (operating) / 停业 (closed).
-- Opening writes her status event 自主创业 (core/enterprise/project.c), so the registry's figures
-- count her as re-employed; nothing here is a second copy of her status.
--
-- A loan's approval chain is a setting (loan.chain: the step names before 放款, '|' between),
-- copied into the loan when it is applied for, so that an office that renames its steps does
-- not reorder the loans already on their way. Each step done is a dated row of loan_step, in
-- order and without a gap (a trigger refuses any other: the rule that no step is skipped or
-- reordered holds whoever writes). Money is whole fen (分) everywhere: never a floating-point
-- number. Rates are hundredths of a percent a year (4.35% is 435).
CREATE TABLE project (
	id            INTEGER PRIMARY KEY,
	code          TEXT NOT NULL UNIQUE,                 -- P-001 …
	resident_id   INTEGER NOT NULL REFERENCES resident(id),
	idea          TEXT NOT NULL,                        -- 创业构想
	trade         TEXT,                                 -- 行业: 电商, 养殖 …
	place         TEXT,                                 -- 经营地点
	course_id     INTEGER REFERENCES course(id),        -- the SYB / 创业培训 course she took
	idea_on       TEXT NOT NULL,
	stage         TEXT NOT NULL DEFAULT 'idea' CHECK (stage IN ('idea', 'registered',
	              'incubating', 'funded', 'opened', 'operating', 'closed')),
	registered_on TEXT,
	base          TEXT,                                 -- 孵化 / 实习基地
	incubated_on  TEXT,
	fund          TEXT,                                 -- 创业资金 from which fund
	fund_fen      INTEGER CHECK (fund_fen IS NULL OR fund_fen > 0),
	funded_on     TEXT,
	business_name TEXT,
	credit_code   TEXT,                                 -- NULL: none (a farmer without a licence)
	opened_on     TEXT,
	operating_on  TEXT,
	closed_on     TEXT,
	close_reason  TEXT,
	jobs          INTEGER NOT NULL DEFAULT 0 CHECK (jobs >= 0),        -- 带动就业, persons
	jobs_women    INTEGER NOT NULL DEFAULT 0 CHECK (jobs_women BETWEEN 0 AND jobs),
	note          TEXT,
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    TEXT,
	updated_by    TEXT
) STRICT;
CREATE INDEX project_resident ON project(resident_id);
CREATE INDEX project_registered ON project(registered_on) WHERE registered_on IS NOT NULL;
CREATE INDEX project_opened ON project(opened_on) WHERE opened_on IS NOT NULL;

-- state: applying (审批中: the chain and then 放款 to come), rejected (未通过), withdrawn (撤回),
-- repaying (还款中), settled (已结清). 逾期 is no state: a repaying loan past due_on, its days
-- counted on the day asked (core/enterprise/loan.c).
CREATE TABLE loan (
	id            INTEGER PRIMARY KEY,
	code          TEXT NOT NULL UNIQUE,                 -- L-001 …
	resident_id   INTEGER NOT NULL REFERENCES resident(id),
	project_id    INTEGER REFERENCES project(id),
	scheme        TEXT NOT NULL,                        -- code list loan_scheme
	purpose       TEXT,                                 -- code list loan_purpose
	amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),              -- asked for
	licence       TEXT,                                 -- 营业执照 number; NULL: none
	guarantor     TEXT,
	guarantee     TEXT,                                 -- code list guarantee
	applied_on    TEXT NOT NULL,
	chain         TEXT NOT NULL,                        -- the step names, '|' between
	steps         INTEGER NOT NULL CHECK (steps > 0),   -- how many names chain holds
	state         TEXT NOT NULL DEFAULT 'applying' CHECK (state IN ('applying', 'rejected',
	              'withdrawn', 'repaying', 'settled')),
	ended_on      TEXT,                                 -- rejected, withdrawn or settled on
	end_reason    TEXT,
	bank          TEXT,
	lent_fen      INTEGER CHECK (lent_fen IS NULL OR lent_fen > 0),
	lent_on       TEXT,
	term_months   INTEGER CHECK (term_months IS NULL OR term_months > 0),
	rate_bp       INTEGER CHECK (rate_bp IS NULL OR rate_bp >= 0),
	due_on        TEXT,                                 -- lent_on + term_months
	jobs          INTEGER NOT NULL DEFAULT 0 CHECK (jobs >= 0),
	jobs_women    INTEGER NOT NULL DEFAULT 0 CHECK (jobs_women BETWEEN 0 AND jobs),
	note          TEXT,
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    TEXT,
	updated_by    TEXT,
	CHECK (state IN ('applying', 'rejected', 'withdrawn') OR lent_on IS NOT NULL)
) STRICT;
CREATE INDEX loan_resident ON loan(resident_id);
CREATE INDEX loan_lent ON loan(lent_on) WHERE lent_on IS NOT NULL;
CREATE INDEX loan_due ON loan(state, due_on);

CREATE TABLE loan_step (
	loan_id   INTEGER NOT NULL REFERENCES loan(id),
	no        INTEGER NOT NULL CHECK (no > 0),         -- 1 … loan.steps
	name      TEXT NOT NULL,
	date      TEXT NOT NULL,
	note      TEXT,
	worker    TEXT NOT NULL,
	PRIMARY KEY (loan_id, no)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER loan_step_in_order BEFORE INSERT ON loan_step
WHEN NEW.no <> 1 + (SELECT count(*) FROM loan_step WHERE loan_id = NEW.loan_id)
  OR NEW.no > (SELECT steps FROM loan WHERE id = NEW.loan_id)
  OR NEW.date < coalesce((SELECT max(date) FROM loan_step WHERE loan_id = NEW.loan_id),
                         (SELECT applied_on FROM loan WHERE id = NEW.loan_id))
BEGIN SELECT RAISE(ABORT, 'loan steps are done in order, each on or after the one before'); END;
CREATE TRIGGER loan_step_no_update BEFORE UPDATE ON loan_step
BEGIN SELECT RAISE(ABORT, 'a loan step done stays done'); END;
CREATE TRIGGER loan_step_no_delete BEFORE DELETE ON loan_step
BEGIN SELECT RAISE(ABORT, 'a loan step done stays done'); END;

-- After the loan: interest subsidy (贴息) paid and repayments, each dated.
CREATE TABLE loan_payment (
	id          INTEGER PRIMARY KEY,
	loan_id     INTEGER NOT NULL REFERENCES loan(id),
	kind        TEXT NOT NULL CHECK (kind IN ('subsidy', 'repayment')),
	date        TEXT NOT NULL,
	amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
	note        TEXT,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX loan_payment_loan ON loan_payment(loan_id, kind);
CREATE INDEX loan_payment_date ON loan_payment(kind, date);

-- 贷款品种 and 用途 (OUR codes: no national list was found), and the kinds of guarantee.
INSERT INTO code(list, code, label, ord) VALUES
	('loan_scheme', '1', '小额担保贷款', 1),
	('loan_scheme', '2', '巾帼创业贷款', 2),
	('loan_scheme', '3', '小额贴息贷款', 3),
	('loan_scheme', '4', '企业联带联包', 4),
	('loan_purpose', '1', '养殖', 1),
	('loan_purpose', '2', '种植', 2),
	('loan_purpose', '3', '加工业', 3),
	('loan_purpose', '4', '网店', 4),
	('loan_purpose', '5', '商贸服务', 5),
	('loan_purpose', '9', '其他', 9),
	('guarantee', '1', '担保人', 1),
	('guarantee', '2', '担保机构', 2),
	('guarantee', '3', '联户联保', 3),
	('guarantee', '4', '抵押', 4),
	('guarantee', '5', '信用', 5);

-- The county's chain for women in breeding or farming: the village or community women's
-- congress certifies, the township federation sends the materials, the county federation gives
-- its opinion, then the labour bureau and the bank approve; 放款 follows the last of them. Loans
-- due within loan.due_days (or overdue) are on the due list.
INSERT INTO setting(key, value) VALUES
	('loan.chain', '村居妇代会出证明|乡镇妇联报材料|县级妇联意见|人社/银行审批'),
	('loan.due_days', '60');
