-- 003_code_alias: the other names workers and old Excel sheets use for a code (大专 for 大学专科,
-- 下岗女职工 for 下岗职工 …). Accepted on input and import; never shown. An office adds its own.
CREATE TABLE code_alias (
	list  TEXT NOT NULL,
	alias TEXT NOT NULL,
	code  TEXT NOT NULL,
	PRIMARY KEY (list, alias),
	FOREIGN KEY (list, code) REFERENCES code(list, code)
) STRICT, WITHOUT ROWID;

INSERT INTO code_alias(list, alias, code) VALUES
	('sex', '男性', '1'), ('sex', '女性', '2'), ('sex', 'M', '1'), ('sex', 'F', '2'),
	('education', '研究生', '10'), ('education', '博士', '10'), ('education', '硕士', '10'),
	('education', '本科', '21'), ('education', '大学', '21'), ('education', '大专', '31'),
	('education', '专科', '31'), ('education', '中专', '41'), ('education', '中技', '47'),
	('education', '技校', '47'), ('education', '职高', '44'), ('education', '普高', '61'),
	('education', '高中毕业', '61'), ('education', '初中毕业', '71'), ('education', '小学毕业', '81'),
	('education', '文盲', '99'),
	('hukou', '城镇', '10'), ('hukou', '非农', '10'), ('hukou', '非农业', '10'),
	('hukou', '农村', '20'), ('hukou', '农业', '20'), ('hukou', '居民', '50'),
	('emp_status', '失业人员', '10'), ('emp_status', '下岗人员', '11'), ('emp_status', '就业', '20'),
	('emp_status', '再就业', '20'), ('emp_status', '已再就业', '20'), ('emp_status', '单位就业', '20'),
	('emp_status', '创业', '22'), ('emp_status', '公益岗', '23'), ('emp_status', '公益性岗位安置', '23'),
	('category', '4050', '4050'), ('category', '下岗女职工', 'LAID_OFF'),
	('category', '下岗失业人员', 'LAID_OFF'), ('category', '下岗失业女职工', 'LAID_OFF'),
	('category', '失业人员', 'UNEMP'), ('category', '城镇失业妇女', 'UNEMP'),
	('category', '大龄就业困难', 'OLDER_HARD'), ('category', '大龄就业困难妇女', 'OLDER_HARD'),
	('category', '就业困难', 'DIFFICULT'), ('category', '低保', 'DIBAO'), ('category', '低保户', 'DIBAO'),
	('category', '特困', 'SPECIAL_POOR'), ('category', '贫困母亲', 'SPECIAL_POOR'),
	('category', '单亲', 'SINGLE_PARENT'), ('category', '单亲母亲', 'SINGLE_PARENT'),
	('category', '零就业', 'ZERO_EMP_HH'), ('category', '残疾', 'DISABLED'),
	('category', '残疾妇女', 'DISABLED'), ('category', '女大学生', 'GRAD'),
	('category', '女大学毕业生', 'GRAD'), ('category', '大学生', 'GRAD'),
	('category', '高校毕业生', 'GRAD'), ('category', '进城务工', 'RURAL_MIGRANT'),
	('category', '进城务工妇女', 'RURAL_MIGRANT'), ('category', '流动妇女', 'RURAL_MIGRANT'),
	('category', '女农民工', 'RURAL_MIGRANT'), ('category', '外来务工人员', 'RURAL_MIGRANT'),
	('category', '返乡妇女', 'RETURNEE'), ('category', '失地妇女', 'LANDLESS'),
	('category', '失地农民', 'LANDLESS'), ('category', '留守妇女', 'LEFT_BEHIND'),
	('category', '低收入农户', 'RURAL_LOWINC');
