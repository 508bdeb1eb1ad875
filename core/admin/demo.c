/* core/admin/demo.c: the demo records (桐溪县, an invented county), so a newcomer
 * can try every screen. Two changes from the brief: each resident gets a fictional but
 * checksum-valid ID number built from her birth date and sex, and every date moves by whole months
 * so that the latest events fall in the current month (ages stay as the brief gives them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "store/sql.h"

/* Fictional region: 330122 is a real county code in Zhejiang, used only to make IDs valid. */
#define DEMO_REGION "330122"
/* The brief's latest event (an interview, 2024-07-03) falls in this month. */
#define DEMO_LAST_Y 2024
#define DEMO_LAST_M 7

static const struct { const char *code, *name, *level, *parent; } demo_units[] = {
	{ "TX",     "桐溪县",     "county",    NULL },
	{ "TX01",   "城南街道",   "street",    "TX" },
	{ "TX02",   "城北街道",   "street",    "TX" },
	{ "TX03",   "溪口镇",     "street",    "TX" },
	{ "TX0101", "幸福里社区", "community", "TX01" },
	{ "TX0102", "建设社区",   "community", "TX01" },
	{ "TX0103", "南门社区",   "community", "TX01" },
	{ "TX0201", "新华社区",   "community", "TX02" },
	{ "TX0301", "红星村",     "community", "TX03" },
};

struct demo_person {
	const char *name, *sex, *birth, *hukou, *community, *address, *education, *former, *skills,
	           *categories, *reg_date, *intent, *note;
	int benefit, dibao;
	/* the status change after registration (NULL: still 失业) */
	const char *status, *since, *form, *employer;
};

/* Categories are codes of the category list; 4050 is derived from birth date and sex. */
static const struct demo_person demo_people[] = {
	{ "王秀兰", "F", "1977-04-12", "10", "TX0101", "幸福里社区3栋2单元401", "初中",
	  "县棉纺厂挡车工", "缝纫", "LAID_OFF", "2024-02-20", "家政/保洁，全日制，2500元/月以上",
	  "参加K-001培训；推荐到J-002", 1, 0, NULL, NULL, NULL, NULL },
	{ "李桂芳", "F", "1979-09-03", "10", "TX0102", "建设社区12栋1单元202", "高中",
	  "百货商店营业员", NULL, "DIBAO,SINGLE_PARENT,OLDER_HARD", "2024-01-10", "公益性岗位",
	  "女儿读初中；每季度走访", 0, 1, "23", "2024-04-01", "030", "城南街道社区服务中心" },
	{ "张丽华", "F", "1986-01-22", "10", "TX0103", "南门社区5栋3单元602", "中专",
	  "超市收银员", "护理（中专）", "UNEMP", "2024-01-15", "月嫂/母婴护理",
	  "K-002结业后对口就业", 0, 0, "20", "2024-05-10", "010", "桐溪县巾帼家政服务有限公司" },
	{ "刘晓燕", "F", "2001-07-15", "10", "TX0201", "新华社区8栋1单元301", "大学专科",
	  "网店运营", "电子商务", "GRAD", "2024-03-01", "创业：网店销售手工绣花鞋",
	  "参加K-003 SYB与K-005；申请贷款3万元", 0, 0, "22", "2024-05-08", "021", NULL },
	{ "陈美玲", "F", "1992-11-08", "20", "TX0301", "溪口镇红星村（租房）", "初中",
	  "服装厂车工", "手工编织", "RURAL_MIGRANT", "2024-02-26", "稳定的工厂工作",
	  "户籍贵州毕节；流动妇女，每月核查", 0, 0, "21", "2024-03-25", "022", "来料加工" },
	{ "赵春梅", "F", "1982-06-30", "10", "TX0101", "幸福里社区7栋1单元101", "高中",
	  "文员", "打字", "DISABLED,DIFFICULT", "2023-11-15", "居家或坐姿工作（网店客服、编织）",
	  "肢体残疾三级；参加K-005", 0, 0, NULL, NULL, NULL, NULL },
	{ "吴建国", "M", "1972-12-05", "10", "TX0102", "建设社区3栋4单元502", "初中",
	  "县机械厂车工（2023-09下岗）", "车床", "LAID_OFF", "2023-10-08", "保安/门卫/仓库",
	  "推荐J-001未录用；配偶黄淑芬", 1, 0, NULL, NULL, NULL, NULL },
	{ "周红霞", "F", "1983-02-14", "20", "TX0301", "溪口镇红星村2组", "初中",
	  "务农；家禽养殖", "养殖", "LANDLESS", "2024-01-20", "自主创业：蛋鸡养殖",
	  "无营业执照；带动2位邻居就业；贷款5万元", 0, 0, "22", "2024-04-08", "021", NULL },
	{ "郑小娟", "F", "1989-08-19", "20", "TX0103", "南门社区10栋2单元302", "初中",
	  "东莞电动缝纫工10年", "电动缝纫", "RETURNEE", "2024-02-20", "缝纫工",
	  "招聘会现场签订意向协议；已签劳动合同", 0, 0, "20", "2024-03-01", "010", "桐溪明华服装针织有限公司" },
	{ "黄淑芬", "F", "1976-05-27", "10", "TX0102", "建设社区3栋4单元502", "小学",
	  "街道集体厂包装工", "家务", "LAID_OFF", "2024-01-05", "钟点家政",
	  "结对帮扶P-2024-011；其就业使家庭脱离零就业", 0, 0, "21", "2024-06-03", "022", "桐溪县巾帼家政服务有限公司" },
};

static int months_shift;

static void shift(const char *iso, char out[11])
{
	date_add_months(iso, months_shift, out);
}

static int demo_exec(struct jy_db *db, const char *sql, const char *const *args, int n,
                     struct jy_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, "demo");
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, args[i]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, "demo");
}

static int demo_units_load(struct jy_db *db, struct jy_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_units); i++) {
		const char *a[] = { demo_units[i].code, demo_units[i].name, demo_units[i].level, demo_units[i].parent };
		if (demo_exec(db, "INSERT INTO unit(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)", a, 4, err))
			return JY_EDB;
	}
	return JY_OK;
}

static int demo_person_load(struct jy_db *db, const struct demo_person *p, int seq, int64_t *id,
                            struct jy_err *err)
{
	char birth[11], reg[11], idno[19], phone[24];
	shift(p->birth, birth);
	shift(p->reg_date, reg);
	idcard_make(DEMO_REGION, birth, 100 + seq, p->sex[0], idno);
	snprintf(phone, sizeof phone, "138000002%02d", (seq + 1) % 100);
	struct resident *r = resident_new();
	const char *vals[][2] = {
		{ "name", p->name }, { "id_no", idno }, { "phone", phone }, { "hukou", p->hukou },
		{ "community", p->community }, { "address", p->address }, { "education", p->education },
		{ "former_job", p->former }, { "skills", p->skills }, { "categories", p->categories },
		{ "status", "10" }, { "reg_date", reg }, { "job_intent", p->intent }, { "note", p->note },
		{ "ethnicity", "01" }, { "benefit", p->benefit ? "1" : "0" }, { "dibao", p->dibao ? "1" : "0" },
	};
	for (size_t i = 0; i < ARRAY_LEN(vals); i++)
		resident_set(r, resident_field_by_col(vals[i][0]), vals[i][1]);
	int rc = resident_save(db, r, err);
	*id = r->id;
	resident_free(&r);
	if (rc || !p->status)
		return rc;
	char since[11];
	shift(p->since, since);
	struct status_event e = { .resident_id = *id, .date = since, .status = (char *)p->status,
	                          .form = (char *)p->form, .employer = (char *)p->employer };
	return status_event_add(db, &e, err);
}

static int demo_cert(struct jy_db *db, int64_t rid, const char *type, const char *number,
                     const char *issued, const char *until, struct jy_err *err)
{
	char d1[11], d2[11] = "";
	shift(issued, d1);
	if (until)
		shift(until, d2);
	struct certificate c = { .resident_id = rid, .type = (char *)type, .number = (char *)number,
	                         .issue_date = d1, .office = "城南街道劳动保障所", .valid_until = d2 };
	return certificate_add(db, &c, err);
}

static int demo_visit(struct jy_db *db, int64_t rid, const char *date, const char *kind,
                      const char *content, struct jy_err *err)
{
	char d[11];
	shift(date, d);
	struct visit v = { .resident_id = rid, .date = d, .kind = (char *)kind, .content = (char *)content };
	return visit_add(db, &v, err);
}

/* Employers, postings, courses, fairs and their links by plain inserts: their own
 * modules come later and will own the rules. */
static const char *const demo_sql_fixed[] = {
	"INSERT INTO employer(id, code, name, kind, industry, woman_owned, contact, phone, address, note, created_at, created_by) VALUES "
	"(1, 'E01', '桐溪县巾帼家政服务有限公司', '私营', '居民服务业', 1, '何丽萍', '13800000101', '城南街道人民路88号', '吸纳K-001、K-002学员', ?1, ?2),"
	"(2, 'E02', '桐溪明华服装针织有限公司', '私营', '制造业', 0, '林主任', '13800000102', '城北工业园纬三路6号', '招聘年龄18-45岁（年龄红线）', ?1, ?2),"
	"(3, 'E03', '城南街道社区服务中心', '事业单位', '公共管理', 0, '赵主任', '13800000103', '城南街道办事处一楼', '公益性岗位用人单位', ?1, ?2),"
	"(4, 'E04', '桐溪鑫源餐饮管理有限公司', '私营', '住宿和餐饮业', 0, '郭经理', '13800000104', '南门路126号', '以非全日制岗位为主', ?1, ?2),"
	"(5, 'E05', '溪口镇绿源果蔬专业合作社', '合作社', '农业', 1, '钱彩凤', '13800000105', '溪口镇红星村', '季节性用工5-9月', ?1, ?2)",
};

struct demo_posting {
	const char *code;
	int employer, pw, openings, filled;
	const char *title, *hours, *wage, *req;
	int age_min, age_max;
	const char *source, *posted, *closes, *status;
};
static const struct demo_posting demo_postings[] = {
	{ "J-001", 3, 1, 4, 4, "社区交通协管员", "全日制（早晚高峰）", "2150元/月+社保", "女40-50岁/男50-60岁；4050、低保、就业困难优先", 40, 60, "社区公示", "2024-03-01", "2024-03-20", "filled" },
	{ "J-002", 3, 1, 3, 2, "社区保洁员", "全日制", "2100元/月+社保", "身体健康；4050、就业困难优先", 0, 0, "招聘专栏", "2024-03-01", "2024-07-31", "open" },
	{ "J-003", 3, 1, 2, 0, "居家养老助餐服务员", "非全日制 10:00-13:30", "1200元/月", "有家政或护理培训者优先", 0, 0, "入户告知", "2024-05-06", "2024-07-31", "open" },
	{ "J-004", 1, 0, 10, 6, "家政服务员", "全日制或钟点", "住家4500-5500元/月；钟点35元/小时", "55岁以下女性；家政培训证书；健康证", 0, 55, "春风行动招聘会", "2024-02-24", "2024-08-31", "open" },
	{ "J-005", 1, 0, 6, 3, "月嫂/母婴护理员", "住家，每单26天", "7800-9800元/单", "母婴护理培训证书；健康证；25-50岁", 25, 50, "妇联/培训班", "2024-04-15", "2024-09-30", "open" },
	{ "J-006", 2, 0, 20, 12, "电动缝纫工（平车工）", "全日制", "计件4200-5800元/月，提供宿舍", "18-45岁；缝纫技能；新手带薪培训1个月", 18, 45, "春风行动招聘会", "2024-02-24", "2024-04-30", "closed" },
	{ "J-007", 4, 0, 5, 2, "餐厅服务员（钟点）", "非全日制 午餐11-14点、晚餐17-20:30", "20元/小时，按月结算", "18-50岁", 18, 50, "招聘专栏+电话通知", "2024-04-02", "2024-06-30", "open" },
	{ "J-008", 5, 0, 15, 9, "果蔬采摘分拣工", "季节性 5月20日-9月30日", "130元/天+午餐", "身体健康，60岁以下；本地村民优先", 0, 60, "村广播+妇女之家", "2024-05-08", "2024-05-31", "open" },
};

struct demo_course {
	const char *code, *name, *speciality, *category, *provider, *start, *end;
	int hours, capacity;
	const char *place;
	int subsidy;
	const char *target;     /* speciality and category: codes of their lists (005_training.sql) */
};
static const struct demo_course demo_courses[] = {
	{ "K-001", "家政服务员(初级)培训班 2024年第1期", "01", "1", "桐溪县巾帼家政职业培训学校", "2024-03-11", "2024-03-22", 80, 40, "城南街道妇女之家培训室", 1200, "下岗失业妇女、4050、低保" },
	{ "K-002", "月嫂(母婴护理员)培训班 2024年第1期", "02", "1", "桐溪县巾帼家政服务有限公司", "2024-04-08", "2024-04-26", 120, 30, "E01实训室", 1800, "城镇大龄女性、进城务工妇女" },
	{ "K-003", "巾帼创业SYB培训班 2024年第1期", "05", "4", "县人社局就业培训中心", "2024-04-15", "2024-04-24", 80, 25, "县就业服务中心", 0, "女大学毕业生、返乡妇女、下岗失业妇女、失地妇女" },
	{ "K-004", "手工编织与电动缝纫技能培训班（来料加工）", "06", "3", "县农办+溪口镇妇联", "2024-03-25", "2024-03-29", 40, 40, "红星村妇女之家", 0, "农村留守妇女、失地妇女、低收入农户、残疾妇女" },
	{ "K-005", "电脑基础与网店客服培训班（巾帼网上行）", "07", "1", "桐溪县职业中专", "2024-05-13", "2024-05-31", 60, 30, "职业中专机房", 900, "失业和失地妇女、女大学毕业生、残疾妇女" },
};

static int demo_jobs_and_courses(struct jy_db *db, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	const char *who = db_actor(db)->os_user;
	const char *a2[] = { now, who };
	for (size_t i = 0; i < ARRAY_LEN(demo_sql_fixed); i++)
		if (demo_exec(db, demo_sql_fixed[i], a2, 2, err))
			return JY_EDB;
	for (size_t i = 0; i < ARRAY_LEN(demo_postings); i++) {
		const struct demo_posting *p = &demo_postings[i];
		char posted[11], closes[11], emp[8], pw[4], op[8], fi[8], amin[8], amax[8];
		shift(p->posted, posted);
		shift(p->closes, closes);
		snprintf(emp, sizeof emp, "%d", p->employer);
		snprintf(pw, sizeof pw, "%d", p->pw);
		snprintf(op, sizeof op, "%d", p->openings);
		snprintf(fi, sizeof fi, "%d", p->filled);
		snprintf(amin, sizeof amin, "%d", p->age_min);
		snprintf(amax, sizeof amax, "%d", p->age_max);
		const char *a[] = { p->code, emp, p->title, pw, op, fi, p->hours, p->wage, p->req,
		                    p->age_min ? amin : NULL, p->age_max ? amax : NULL, p->source, posted,
		                    closes, p->status, now, who };
		if (demo_exec(db, "INSERT INTO posting(code, employer_id, title, public_welfare, openings, filled, "
		              "hours, wage, requirements, age_min, age_max, source, posted, closes, status, "
		              "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
		              "?12, ?13, ?14, ?15, ?16, ?17)", a, 17, err))
			return JY_EDB;
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_courses); i++) {
		const struct demo_course *c = &demo_courses[i];
		char s[11], e[11], h[8], cap[8], sub[8];
		shift(c->start, s);
		shift(c->end, e);
		snprintf(h, sizeof h, "%d", c->hours);
		snprintf(cap, sizeof cap, "%d", c->capacity);
		snprintf(sub, sizeof sub, "%d", c->subsidy);
		const char *a[] = { c->code, c->name, c->speciality, c->category, c->provider, s, e, h, cap,
		                    c->place, c->subsidy ? sub : NULL, c->target, now, who };
		if (demo_exec(db, "INSERT INTO course(code, name, speciality, category, provider, start_date, "
		              "end_date, hours, capacity, place, subsidy, target, created_at, created_by) VALUES "
		              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", a, 14, err))
			return JY_EDB;
	}
	char fair[11];
	shift("2024-02-24", fair);
	const char *fa[] = { fair, now, who };
	return demo_exec(db, "INSERT INTO fair(code, name, date, place, kind, employers, posts, visitors, "
	                 "agreements, agreements_women, created_at, created_by) VALUES ('FAIR-2024-01', "
	                 "'2024年\"春风行动\"暨关注妇女就业专场招聘会', ?1, '县劳动力市场广场', '春风行动', 32, 640, "
	                 "1150, 126, 83, ?2, ?3)", fa, 3, err);
}

/* enrolments and referrals, by registration number, course and posting code. */
static const struct { int person; const char *course, *result; int passed; const char *on; } demo_enrol[] = {
	{ 0, "K-001", "completed", 1, "2024-03-08" }, { 2, "K-002", "completed", 1, "2024-04-03" },
	{ 3, "K-003", "completed", 1, "2024-04-10" }, { 3, "K-005", "enrolled", -1, "2024-05-08" },
	{ 5, "K-005", "enrolled", -1, "2024-05-08" }, { 9, "K-001", "completed", 1, "2024-03-08" },
};
static const struct { int person; const char *posting, *stage, *referred, *stage_on; } demo_refer[] = {
	{ 0, "J-002", "interview", "2024-06-25", "2024-07-03" },
	{ 1, "J-001", "hired", "2024-03-12", "2024-03-25" },
	{ 6, "J-001", "rejected", "2024-03-12", "2024-03-25" },
	{ 8, "J-006", "hired", "2024-02-24", "2024-03-01" },
	{ 2, "J-005", "hired", "2024-05-02", "2024-05-10" },
	{ 9, "J-004", "hired", "2024-05-28", "2024-06-03" },
};

static int demo_links(struct jy_db *db, const int64_t *ids, struct jy_err *err)
{
	char now[32], rid[24], d1[11], d2[11], passed[4];
	time_now_iso(now);
	for (size_t i = 0; i < ARRAY_LEN(demo_enrol); i++) {
		snprintf(rid, sizeof rid, "%lld", (long long)ids[demo_enrol[i].person]);
		snprintf(passed, sizeof passed, "%d", demo_enrol[i].passed);
		shift(demo_enrol[i].on, d1);
		const char *a[] = { rid, demo_enrol[i].course, d1, demo_enrol[i].result,
		                    demo_enrol[i].passed >= 0 ? passed : NULL,
		                    demo_enrol[i].passed > 0 ? "1" : NULL, now, db_actor(db)->os_user };   /* 1: 结业证书 */
		if (demo_exec(db, "INSERT INTO enrolment(resident_id, course_id, enrolled_on, result, passed, "
		              "cert_type, created_at, created_by) SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8 "
		              "FROM course WHERE code = ?2", a, 8, err))
			return JY_EDB;
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_refer); i++) {
		snprintf(rid, sizeof rid, "%lld", (long long)ids[demo_refer[i].person]);
		shift(demo_refer[i].referred, d1);
		shift(demo_refer[i].stage_on, d2);
		const char *a[] = { rid, demo_refer[i].posting, demo_refer[i].stage, d1, d2, now,
		                    db_actor(db)->os_user };
		if (demo_exec(db, "INSERT INTO referral(resident_id, posting_id, stage, referred_on, stage_on, "
		              "consent, created_at, created_by) SELECT ?1, id, ?3, ?4, ?5, 1, ?6, ?7 "
		              "FROM posting WHERE code = ?2", a, 7, err))
			return JY_EDB;
	}
	return JY_OK;
}

static int demo_facts(struct jy_db *db, const int64_t *id, struct jy_err *err)
{
	return demo_cert(db, id[0], "就业创业证", "DEMO-JC-0001", "2024-02-20", NULL, err) ||
	       demo_cert(db, id[0], "失业保险金领取", NULL, "2024-03-01", "2024-12-31", err) ||
	       demo_cert(db, id[1], "就业创业证", "DEMO-JC-0002", "2024-01-10", NULL, err) ||
	       demo_cert(db, id[2], "培训合格证书", "DEMO-PX-0203", "2024-04-26", NULL, err) ||
	       demo_cert(db, id[4], "居住证", "DEMO-JZ-0005", "2024-02-26", NULL, err) ||
	       demo_cert(db, id[5], "残疾人证", NULL, "2023-11-15", NULL, err) ||
	       demo_cert(db, id[6], "失业保险金领取", NULL, "2023-11-01", "2024-10-31", err) ||
	       demo_cert(db, id[9], "就业创业证", "DEMO-JC-0010", "2024-01-05", NULL, err) ||
	       demo_visit(db, id[1], "2024-04-10", "入户走访", "公益性岗位上岗情况良好；女儿学习正常", err) ||
	       demo_visit(db, id[6], "2024-05-15", "入户走访", "仍在找保安/门卫工作，推荐J-001未录用", err) ||
	       demo_visit(db, id[0], "2024-06-20", "入户走访", "参加家政培训后准备面试J-002", err) ||
	       /* 赵春梅 at the office: guidance towards seated work at home (C6), not a home visit */
	       demo_visit(db, id[5], "2024-05-08", "职业指导", "居家就业指导：网店客服方向，建议报名K-005",
	                  err)
	       ? JY_EINVAL : JY_OK;
}

/* The records put in above by plain inserts, each with its creation in the trail as the modules'
 * own saves write it (jiuye check counts a record without one as a removed row). The tables and
 * entities are those of core/store/history.c's list. */
static int demo_trail(struct jy_db *db, struct jy_err *err)
{
	static const struct { const char *sql, *entity; } kinds[] = {
		{ "SELECT id FROM employer ORDER BY id", "employer" },
		{ "SELECT id FROM posting ORDER BY id", "posting" },
		{ "SELECT id FROM fair ORDER BY id", "fair" },
		{ "SELECT id FROM course ORDER BY id", "course" },
		{ "SELECT id FROM enrolment ORDER BY id", "enrolment" },
		{ "SELECT id FROM referral ORDER BY id", "referral" },
		{ "SELECT id FROM placement ORDER BY id", "placement" },
	};
	struct history_bulk *hb = history_bulk_new();
	int64_t *ids = NULL;
	int rc = JY_OK;
	for (size_t k = 0; !rc && k < ARRAY_LEN(kinds); k++) {
		sqlite3_stmt *st = db_prepare(db, kinds[k].sql, err);
		if (!st) {
			rc = JY_EDB;
			break;
		}
		int n = 0, cap = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				ids = xrealloc(ids, sizeof *ids * (size_t)cap);
			}
			ids[n++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		if (n)
			rc = history_bulk_add(db, hb, kinds[k].entity, ids, n, "create", err);
	}
	free(ids);
	history_bulk_free(&hb);
	return rc;
}

int demo_load(struct jy_db *db, struct jy_err *err)
{
	char today[11];
	int y, m, d;
	date_today(today);
	date_split(today, &y, &m, &d);
	months_shift = (y * 12 + m) - (DEMO_LAST_Y * 12 + DEMO_LAST_M);
	int rc = db_begin(db, err);
	if (rc)
		return rc;
	int64_t ids[ARRAY_LEN(demo_people)];
	rc = demo_units_load(db, err);
	/* Workers registered before the units existed get the first community as their own. */
	if (!rc)
		rc = demo_exec(db, "UPDATE worker SET community = 'TX0101' WHERE community IS NULL", NULL, 0, err);
	for (size_t i = 0; !rc && i < ARRAY_LEN(demo_people); i++)
		rc = demo_person_load(db, &demo_people[i], (int)i, &ids[i], err);
	if (!rc)
		rc = demo_jobs_and_courses(db, err);
	if (!rc)
		rc = demo_links(db, ids, err);
	if (!rc)
		rc = jobs_demo(db, months_shift, err);      /* core/jobs/jobs_demo.c */
	if (!rc)
		rc = case_demo(db, months_shift, ids[4], err);     /* core/casework/case_demo.c */
	if (!rc)
		rc = pair_demo(db, months_shift, err);             /* core/casework/pair_demo.c */
	if (!rc)
		rc = assist_demo(db, months_shift, err);           /* core/casework/assist_demo.c */
	if (!rc)
		rc = demo_trail(db, err);
	if (!rc)
		rc = enterprise_demo(db, months_shift, err);      /* core/enterprise/ent_demo.c */
	if (!rc)
		rc = demo_facts(db, ids, err);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}
