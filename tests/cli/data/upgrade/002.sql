-- After 002_codes.sql: the office extends a code list and switches one of its codes off (an office
-- may; it never renumbers one). The code table is the only table 002 changes.
INSERT INTO code(list, code, label, ord, version, active) VALUES
	('emp_status', '95', '待核实', 95, 1, 1);
UPDATE code SET active = 0, version = 2 WHERE list = 'marital' AND code = '23';
