-- 021_referral_waiting: the referrals still waiting for word back (已推荐), by the day they were
-- made: 今日待办 shows the oldest of them and counts them all from this index alone, without
-- reading the referrals that have moved on.
CREATE INDEX referral_waiting ON referral(referred_on) WHERE stage = 'referred';
