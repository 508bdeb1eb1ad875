-- 028_column_alias: the other names offices' ledgers give the columns of an import file (名字 for
-- 姓名, 公民身份号码 for 身份证号, 手机 for 联系电话, 社区(村) for 社区, 学历 for 文化程度 …), as
-- the code list "column" (列名): each code is the column's name as jiuye's files write it, its
-- aliases the names a header row may hold instead. An office adds its own with
-- `jiuye code alias 列名 身份证号 证件号`. 性别, 出生日期 and 年龄 are read to be checked against
-- the ID number; 序号 and 错误 (the column of an error copy) are ignored by every import.
INSERT INTO code(list, code, label, ord) VALUES
	('column', '姓名', '姓名', 1), ('column', '身份证号', '身份证号', 2),
	('column', '联系电话', '联系电话', 3), ('column', '社区', '社区', 4),
	('column', '地址', '地址', 5), ('column', '文化程度', '文化程度', 6),
	('column', '人员类别', '人员类别', 7), ('column', '就业状态', '就业状态', 8),
	('column', '登记日期', '登记日期', 9), ('column', '求职意向', '求职意向', 10),
	('column', '技能特长', '技能特长', 11), ('column', '性别', '性别', 12),
	('column', '出生日期', '出生日期', 13), ('column', '年龄', '年龄', 14);

INSERT INTO code_alias(list, alias, code) VALUES
	('column', '名字', '姓名'), ('column', '姓名（必填）', '姓名'),
	('column', '身份证号码', '身份证号'), ('column', '公民身份号码', '身份证号'),
	('column', '公民身份证号码', '身份证号'), ('column', '身份证', '身份证号'),
	('column', '居民身份证号码', '身份证号'),
	('column', '手机', '联系电话'), ('column', '电话', '联系电话'),
	('column', '手机号码', '联系电话'), ('column', '手机号', '联系电话'),
	('column', '电话号码', '联系电话'), ('column', '联系方式', '联系电话'),
	('column', '所在社区', '社区'), ('column', '社区(村)', '社区'), ('column', '社区（村）', '社区'),
	('column', '村(社区)', '社区'), ('column', '村（社区）', '社区'), ('column', '所属社区', '社区'),
	('column', '社区名称', '社区'),
	('column', '家庭住址', '地址'), ('column', '住址', '地址'), ('column', '现住址', '地址'),
	('column', '居住地址', '地址'),
	('column', '学历', '文化程度'), ('column', '文化', '文化程度'),
	('column', '人员类型', '人员类别'),
	('column', '登记时间', '登记日期'), ('column', '失业登记日期', '登记日期'),
	('column', '就业意向', '求职意向'),
	('column', '技能', '技能特长'), ('column', '特长', '技能特长'),
	('column', '出生年月', '出生日期'), ('column', '出生年月日', '出生日期'),
	('column', '年纪', '年龄'), ('column', '周岁', '年龄');
