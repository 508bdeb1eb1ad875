-- 002_codes: the code lists a community office works with.
--
-- Codes are text exactly as the standard writes them (leading zeros kept). Where a national or
-- 人社 standard exists its codes are used unchanged, so that data can go upward and come back from
-- provincial systems; where none exists the codes are ours and say so. Labels are the short forms
-- the office's forms and Excel sheets use, so that a worker or an import file finds them by name
-- (codes.c: code, exact label, or a unique label prefix). An office may add rows, deactivate
-- (active = 0) or replace a list with its province's, never renumber a code that is in use.
-- Sources: the national and 人社 code tables each list names.

-- 性别: GB/T 2261.1-2003 (人社 AAC004). 0 未知的性别 and 9 未说明的性别 are left out: a resident's
-- sex comes from the ID number (GB 11643 digit 17), which is always 1 or 2.
INSERT INTO code(list, code, label, ord) VALUES
	('sex', '1', '男', 1),
	('sex', '2', '女', 2);

-- 民族: GB 3304-1991 (AAC005), the 56 nationalities. '99' 其他 is a LOCAL code (not in the
-- transcription of GB 3304 we have; one 人社 system uses it) for 未识别民族 and 外国血统中国籍人士.
INSERT INTO code(list, code, label, ord) VALUES
	('ethnicity', '01', '汉族', 1),
	('ethnicity', '02', '蒙古族', 2),
	('ethnicity', '03', '回族', 3),
	('ethnicity', '04', '藏族', 4),
	('ethnicity', '05', '维吾尔族', 5),
	('ethnicity', '06', '苗族', 6),
	('ethnicity', '07', '彝族', 7),
	('ethnicity', '08', '壮族', 8),
	('ethnicity', '09', '布依族', 9),
	('ethnicity', '10', '朝鲜族', 10),
	('ethnicity', '11', '满族', 11),
	('ethnicity', '12', '侗族', 12),
	('ethnicity', '13', '瑶族', 13),
	('ethnicity', '14', '白族', 14),
	('ethnicity', '15', '土家族', 15),
	('ethnicity', '16', '哈尼族', 16),
	('ethnicity', '17', '哈萨克族', 17),
	('ethnicity', '18', '傣族', 18),
	('ethnicity', '19', '黎族', 19),
	('ethnicity', '20', '傈僳族', 20),
	('ethnicity', '21', '佤族', 21),
	('ethnicity', '22', '畲族', 22),
	('ethnicity', '23', '高山族', 23),
	('ethnicity', '24', '拉祜族', 24),
	('ethnicity', '25', '水族', 25),
	('ethnicity', '26', '东乡族', 26),
	('ethnicity', '27', '纳西族', 27),
	('ethnicity', '28', '景颇族', 28),
	('ethnicity', '29', '柯尔克孜族', 29),
	('ethnicity', '30', '土族', 30),
	('ethnicity', '31', '达斡尔族', 31),
	('ethnicity', '32', '仫佬族', 32),
	('ethnicity', '33', '羌族', 33),
	('ethnicity', '34', '布朗族', 34),
	('ethnicity', '35', '撒拉族', 35),
	('ethnicity', '36', '毛南族', 36),
	('ethnicity', '37', '仡佬族', 37),
	('ethnicity', '38', '锡伯族', 38),
	('ethnicity', '39', '阿昌族', 39),
	('ethnicity', '40', '普米族', 40),
	('ethnicity', '41', '塔吉克族', 41),
	('ethnicity', '42', '怒族', 42),
	('ethnicity', '43', '乌孜别克族', 43),
	('ethnicity', '44', '俄罗斯族', 44),
	('ethnicity', '45', '鄂温克族', 45),
	('ethnicity', '46', '德昂族', 46),
	('ethnicity', '47', '保安族', 47),
	('ethnicity', '48', '裕固族', 48),
	('ethnicity', '49', '京族', 49),
	('ethnicity', '50', '塔塔尔族', 50),
	('ethnicity', '51', '独龙族', 51),
	('ethnicity', '52', '鄂伦春族', 52),
	('ethnicity', '53', '赫哲族', 53),
	('ethnicity', '54', '门巴族', 54),
	('ethnicity', '55', '珞巴族', 55),
	('ethnicity', '56', '基诺族', 56),
	('ethnicity', '99', '其他', 99);

-- 文化程度: GB/T 4658-2006 (AAC011) codes, the coarse subset 人社 employment systems show (LEMIS):
-- each level's "毕业" code (21 大学本科毕业, 31 大学专科毕业 …), labelled by level, plus 10 for
-- all postgraduate levels. '99' 文盲或半文盲 is a LOCAL code (GB/T 4658 has none; some local
-- systems add it): report it under 90 其他 where only national codes are accepted.
INSERT INTO code(list, code, label, ord) VALUES
	('education', '10', '研究生及以上', 10),
	('education', '21', '大学本科', 21),
	('education', '31', '大学专科', 31),
	('education', '41', '中专', 41),
	('education', '44', '职业高中', 44),
	('education', '47', '技工学校', 47),
	('education', '61', '高中', 61),
	('education', '71', '初中', 71),
	('education', '81', '小学', 81),
	('education', '99', '文盲或半文盲', 85),
	('education', '90', '其他', 90);

-- 户口性质: 人社 AAC009, the main codes (the 1x/2x/5x sub-codes 本地/外地 are left out: where a
-- resident comes from is the 户籍地 field). 50 居民户口 is what the 2014 household-registration
-- reform issues; 10 and 20 stay for records registered before it.
INSERT INTO code(list, code, label, ord) VALUES
	('hukou', '10', '非农业户口（城镇）', 1),
	('hukou', '20', '农业户口（农村）', 2),
	('hukou', '50', '居民户口', 3),
	('hukou', '30', '港澳台侨人员', 4),
	('hukou', '40', '外国人', 5);

-- 婚姻状况: GB/T 2261.2-2003 (AAC017), complete.
INSERT INTO code(list, code, label, ord) VALUES
	('marital', '10', '未婚', 10),
	('marital', '20', '已婚', 20),
	('marital', '21', '初婚', 21),
	('marital', '22', '再婚', 22),
	('marital', '23', '复婚', 23),
	('marital', '30', '丧偶', 30),
	('marital', '40', '离婚', 40),
	('marital', '90', '未说明的婚姻状况', 90);

-- 健康状况: GB/T 2261.3-2003 (AAC033), the top-level codes and the disability types (6x), which the
-- office reports on. The chronic-disease subtypes (31-49) are left out on purpose: the office
-- needs to know that someone has a chronic illness, not which one (PIPL art. 28, least data).
INSERT INTO code(list, code, label, ord) VALUES
	('health', '10', '健康或良好', 10),
	('health', '20', '一般或较弱', 20),
	('health', '30', '有慢性病', 30),
	('health', '60', '残疾', 60),
	('health', '61', '视力残疾', 61),
	('health', '62', '听力残疾', 62),
	('health', '63', '言语残疾', 63),
	('health', '64', '肢体残疾', 64),
	('health', '65', '智力残疾', 65),
	('health', '66', '精神残疾', 66),
	('health', '67', '多重残疾', 67),
	('health', '69', '其他残疾', 69);

-- 就业状态: OUR OWN codes (no national table for a community register's current status was
-- found). First digit: 1 without work, 2 in work (each form reportable on its own, domain R6),
-- 9 left the register; a report can group by the first digit.
INSERT INTO code(list, code, label, ord) VALUES
	('emp_status', '10', '失业', 10),
	('emp_status', '11', '下岗', 11),
	('emp_status', '12', '待业', 12),
	('emp_status', '20', '已就业', 20),
	('emp_status', '21', '灵活就业', 21),
	('emp_status', '22', '自主创业', 22),
	('emp_status', '23', '公益性岗位', 23),
	('emp_status', '90', '迁出', 90),
	('emp_status', '91', '退休', 91),
	('emp_status', '99', '其他', 99);

-- 就业形式: LEMIS acc032 (2011 就业失业登记证 data items), leading zeros kept. The group code
-- 020 自主就业 is left out: a form is recorded as one of its parts (021-023).
INSERT INTO code(list, code, label, ord) VALUES
	('emp_form', '010', '单位就业', 10),
	('emp_form', '021', '个体经营', 21),
	('emp_form', '022', '灵活就业', 22),
	('emp_form', '023', '其他自主就业', 23),
	('emp_form', '030', '公益性岗位安置', 30),
	('emp_form', '990', '其他就业形式', 990);

-- 失业原因: 人社 AJC093, the categories of《就业服务与就业管理规定》. Labels shortened; the full
-- wording is in the comment. 70 is inactive: 劳动教养 was abolished in 2013.
INSERT INTO code(list, code, label, ord, active) VALUES
	('unemp_reason', '10', '毕业后未能升学', 10, 1),          -- 年满16周岁，从各类学校毕业、肄业，未能继续升学的
	('unemp_reason', '20', '解除或终止劳动关系', 20, 1),      -- 与企业解除或终止劳动关系的
	('unemp_reason', '30', '机关事业单位辞职或辞退', 30, 1),  -- 从机关事业单位辞职或被辞退解聘
	('unemp_reason', '40', '农转非并失去承包土地', 40, 1),    -- 由农业户口转为非农业户口，并失去承包土地的（含转产渔民和牧民）
	('unemp_reason', '50', '退役未纳入统一安置', 50, 1),      -- 军人退出现役、且未纳入国家统一安置的
	('unemp_reason', '60', '刑满释放、假释或监外执行', 60, 1), -- 刑满释放或假释、监外执行的
	('unemp_reason', '70', '劳动教养期满或解除', 70, 0),      -- 劳动教养期满或提前解除劳动教养的
	('unemp_reason', '80', '个体或私营业主停止经营', 80, 1),  -- 个体工商户业主或私营企业业主停止经营的
	('unemp_reason', '90', '其他', 90, 1);

-- 人员类别: the categories offices keep (OUR codes: no national code table for the
-- person-record 人员类别 was found). A resident has several. 4050 is
-- derived from sex and birth date (core/rules.c) and is also listed, so it can be set by hand
-- where a locality's rule needs a judgment (e.g. 就业困难) and so reports can name it.
INSERT INTO code(list, code, label, ord) VALUES
	('category', '4050',          '4050人员', 1),
	('category', 'LAID_OFF',      '下岗职工', 2),
	('category', 'UNEMP',         '城镇失业人员', 3),
	('category', 'OLDER_HARD',    '大龄就业困难人员', 4),
	('category', 'DIFFICULT',     '就业困难人员', 5),
	('category', 'DIBAO',         '低保对象', 6),
	('category', 'SPECIAL_POOR',  '特困人员', 7),
	('category', 'SINGLE_PARENT', '单亲家庭', 8),
	('category', 'ZERO_EMP_HH',   '零就业家庭', 9),
	('category', 'DISABLED',      '残疾人', 10),
	('category', 'GRAD',          '高校毕业生', 11),
	('category', 'RURAL_MIGRANT', '进城务工人员', 12),
	('category', 'RETURNEE',      '返乡人员', 13),
	('category', 'LANDLESS',      '失地人员', 14),
	('category', 'LEFT_BEHIND',   '农村留守妇女', 15),
	('category', 'RURAL_LOWINC',  '低收入农户', 16);

-- 规则结果: what core/rules.c can derive, so a screen can name a hit. OUR codes.
INSERT INTO code(list, code, label, ord) VALUES
	('rule', '4050',        '4050人员', 1),
	('rule', 'RETIRED_AGE', '已达退休年龄', 2);

-- 就业困难人员类别: LEMIS adc310. The range is set by each province (《就业促进法》); this is the
-- national system's list, to be replaced by the province's where it differs.
INSERT INTO code(list, code, label, ord) VALUES
	('difficulty', '010', '国企下岗失业人员', 10),
	('difficulty', '020', '国企关闭破产安置人员', 20),
	('difficulty', '030', '集体企业下岗职工', 30),
	('difficulty', '040', '享受低保的长期失业人员', 40),
	('difficulty', '050', '大龄就业困难人员', 50),
	('difficulty', '060', '残疾人', 60),
	('difficulty', '070', '零就业家庭成员', 70),
	('difficulty', '080', '失地农民', 80),
	('difficulty', '090', '农村零转移就业贫困家庭成员', 90),
	('difficulty', '100', '毕业一年以上未就业的高校毕业生', 100),
	('difficulty', '110', '社会福利机构供养的成年孤儿和社会成年孤儿', 110),
	('difficulty', '990', '其他', 990);

-- 证件类型 (certificates a resident holds): OUR codes (R2, R3). 就业创业证
-- replaced 就业失业登记证 (2015), which replaced 失业证 and 再就业优惠证 (2011); residents still
-- hold all of them.
INSERT INTO code(list, code, label, ord) VALUES
	('cert_type', '01', '就业创业证', 1),
	('cert_type', '02', '就业失业登记证', 2),
	('cert_type', '03', '失业证', 3),
	('cert_type', '04', '再就业优惠证', 4),
	('cert_type', '05', '明白卡', 5),
	('cert_type', '06', '失业保险金领取', 6),
	('cert_type', '07', '培训合格证书', 7),
	('cert_type', '08', '残疾人证', 8),
	('cert_type', '09', '居住证', 9);

-- 行业门类: GB/T 4754-2017 (AAB022), the sections A-T, for employers.
INSERT INTO code(list, code, label, ord) VALUES
	('industry', 'A', '农、林、牧、渔业', 1),
	('industry', 'B', '采矿业', 2),
	('industry', 'C', '制造业', 3),
	('industry', 'D', '电力、热力、燃气及水生产和供应业', 4),
	('industry', 'E', '建筑业', 5),
	('industry', 'F', '批发和零售业', 6),
	('industry', 'G', '交通运输、仓储和邮政业', 7),
	('industry', 'H', '住宿和餐饮业', 8),
	('industry', 'I', '信息传输、软件和信息技术服务业', 9),
	('industry', 'J', '金融业', 10),
	('industry', 'K', '房地产业', 11),
	('industry', 'L', '租赁和商务服务业', 12),
	('industry', 'M', '科学研究和技术服务业', 13),
	('industry', 'N', '水利、环境和公共设施管理业', 14),
	('industry', 'O', '居民服务、修理和其他服务业', 15),
	('industry', 'P', '教育', 16),
	('industry', 'Q', '卫生和社会工作', 17),
	('industry', 'R', '文化、体育和娱乐业', 18),
	('industry', 'S', '公共管理、社会保障和社会组织', 19),
	('industry', 'T', '国际组织', 20);

-- 职业大类: 《中华人民共和国职业分类大典》(2015) / GB/T 6565, for job postings and intentions.
INSERT INTO code(list, code, label, ord) VALUES
	('occupation', '1', '单位负责人', 1),          -- 党的机关、国家机关、群众团体和社会组织、企事业单位负责人
	('occupation', '2', '专业技术人员', 2),
	('occupation', '3', '办事人员和有关人员', 3),
	('occupation', '4', '社会生产服务和生活服务人员', 4),
	('occupation', '5', '农、林、牧、渔业生产及辅助人员', 5),
	('occupation', '6', '生产制造及有关人员', 6),
	('occupation', '7', '军人', 7),
	('occupation', '8', '不便分类的其他从业人员', 8);

-- 经济类型: GB/T 12402-2000 (AAB020), for employers: domestic capital at the second level, with
-- 170 私有 split into its kinds (most employers a community office deals with are private firms
-- and 个体工商户), Hong Kong/Macao/Taiwan and foreign capital at the first.
INSERT INTO code(list, code, label, ord) VALUES
	('econ_type', '110', '国有全资', 110),
	('econ_type', '120', '集体全资', 120),
	('econ_type', '130', '股份合作', 130),
	('econ_type', '140', '联营', 140),
	('econ_type', '150', '有限责任（公司）', 150),
	('econ_type', '160', '股份有限（公司）', 160),
	('econ_type', '171', '私有独资', 171),
	('econ_type', '172', '私有合伙', 172),
	('econ_type', '173', '私营有限责任（公司）', 173),
	('econ_type', '174', '私营股份有限（公司）', 174),
	('econ_type', '175', '个体经营', 175),
	('econ_type', '179', '其他私有', 179),
	('econ_type', '190', '其他内资', 190),
	('econ_type', '200', '港、澳、台投资', 200),
	('econ_type', '300', '国外投资', 300),
	('econ_type', '900', '其他', 900);
