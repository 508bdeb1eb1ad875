-- After 003_code_alias.sql: the office's own other names for codes, one of them for its own code
-- of 001.sql.
INSERT INTO code_alias(list, alias, code) VALUES
	('education', '大本', '21'),
	('category', '失独', 'X_SHIDU');
