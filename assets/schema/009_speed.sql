-- 009_speed.sql: loads and imports faster.
--
-- resident_name_birth served two questions only: the same-name-and-birth-date warning
-- (resident_check_dup) and the audit trail's filter by a resident's name. Both now find the name
-- through search_key, which holds every name's whole folded form ('n' + name, core/search.c), and
-- compare the few rows found. The index cost every bulk load about half of its resident rows' time
-- (100,000 rows into a 500,000-resident registry: 0.55 s with it, 0.27 s without).
DROP INDEX IF EXISTS resident_name_birth;
