-- 006_reports: the indexes the reports (core/report/report.c, indicators A-F) need, and no more:
-- each one costs every import and bulk load an insert per row. The figures of a period read the
-- records dated in it, so most of these are date indexes; the one on resident is the registry
-- read as a narrow copy.

-- The registry as the reports read it: every resident's status, dates, sex, birth date, flags and
-- community, in id order. A report reads these nine columns of every resident once (who was
-- registered unemployed on the day before the period, and on its last day ...); reading them here
-- takes half the time of reading the whole rows, and does not grow with addresses and notes.
-- Led by id, so a bulk load appends to it in order instead of inserting at random places.
CREATE INDEX resident_report ON resident(id, status, reg_date, closed_at, sex, birth, benefit, dibao,
	community);

-- A resident's status changes (001's index) with the status itself, so "her status before the
-- period" (one lookup for each resident with a change since) and "employed after the course"
-- are read from the index alone, not from the rows scattered over the file.
DROP INDEX status_event_resident;
CREATE INDEX status_event_resident ON status_event(resident_id, date, status);

-- Status changes by date: who moved into work in the period (A5, A7), and the few residents whose
-- status on the period's first day differs from today's (those with a change since). Covering, so
-- the events of a month are one range read. Registrations (the first event of every resident,
-- noted 'registered' by core/resident.c) are left out: the report finds a resident's registration
-- through status_event_resident when it needs it, and a bulk load of a million residents does
-- not pay a random insert each into this index (measured: a fifth of the load's processor time).
CREATE INDEX status_event_date ON status_event(date, resident_id, status, form)
	WHERE coalesce(note, '') <> 'registered';

-- Home visits of the period (A8).
CREATE INDEX visit_date ON visit(date);

-- Certificates issued in the period, by type (B1).
CREATE INDEX certificate_issued ON certificate(issue_date);

-- Referrals made in the period (C3), and those that ended in a hire (C4, D5: a hire is final, so
-- stage_on is its date).
CREATE INDEX referral_referred ON referral(referred_on, resident_id);
CREATE INDEX referral_hired ON referral(stage_on, resident_id) WHERE stage = 'hired';

-- People placed on public-welfare posts in the period (E2).
CREATE INDEX placement_welfare_start ON placement(start_date) WHERE public_welfare = 1;
