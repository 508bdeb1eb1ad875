-- 024_groups.sql: the groups the report splits the sums over records by. A posting is collected
-- by a community (its C1, C2, E1 and C8 go to that community, and to its street), a job fair is
-- held by a street (D1-D4W go to that street); both codes of the unit table, NULL when not given.
ALTER TABLE posting ADD COLUMN community TEXT REFERENCES unit(code);
ALTER TABLE fair ADD COLUMN street TEXT REFERENCES unit(code);
