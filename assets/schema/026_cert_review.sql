-- 026_cert_review.sql: a certificate for the unemployed (再就业优惠证, 明白卡) whose holder finds
-- work is put up for review (W2 step 7): review_on is the day of that status change, cleared when
-- the office settles it (kept 有效, 注销 or 过期). NULL: nothing to review.
ALTER TABLE certificate ADD COLUMN review_on TEXT;
CREATE INDEX certificate_valid ON certificate(valid_until) WHERE status = '有效';
