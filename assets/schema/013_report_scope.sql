-- 013_report_scope.sql: one index of the residents by community, for the report and the lists.
--
-- The report reads every resident's few columns through the narrow index resident_report, in no
-- order it needs (it fills arrays by id). 011 added resident_community(community, id) for the
-- everybody list of a community worker, one range a community; every registration then wrote one
-- index entry more, a twentieth of a bulk load's time. resident_report led by the community does
-- both jobs: the report still reads it whole, and the list reads a community's range of it, newest
-- id first.
DROP INDEX IF EXISTS resident_community;
DROP INDEX IF EXISTS resident_report;
CREATE INDEX resident_report ON resident(community, id, status, reg_date, closed_at, sex, birth,
	benefit, dibao);
