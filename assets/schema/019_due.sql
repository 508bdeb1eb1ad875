-- 019_due: the registered residents in the order 今日待办 lists them (registered longest ago
-- first), so that the home visits and the certificates due show their first lines without
-- reading and sorting the whole registry. Open records only (the lists are of those); status
-- and community ride along, so the seeking ones of a worker's communities are picked from the
-- index itself and a row is read only for a line that is listed. Within one day the rows are in
-- id order, the lists' second key.
CREATE INDEX resident_due ON resident(reg_date, status, community) WHERE closed_at IS NULL;
