/* tests/unit/test_casework.c: rights cases (维权 / 信访) — the time limits worked out by hand across
 * month and year ends and with the extension; the table of which step may follow which state; a
 * case from intake through 受理, a mediation, 答复, 回访 and 办结, and 复查 keeping its history;
 * every refused step (skipped, backward, undated reason, a second extension, a stale version);
 * and who may read a case: its handler, a 审核 and the administrator, never a clerk who does not
 * handle it nor statistics, each opening in the audit trail. On the demo data, today 2024-06-30,
 * whose five cases are shifted a month back: V-2023-001 (建设社区, closed), V-2024-002 (幸福里社区,
 * closed), V-2024-003 (红星村, closed), V-2024-004 (新华社区, accepted 05-18: 05-18 + 60 = 07-17,
 * 17 days left) and V-2024-005 (红星村, received 06-01: 06-16, 14 days past); wang a clerk of
 * 幸福里社区, zhao a reviewer of 城南街道, sun a reviewer of 城北街道, qian statistics. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
	struct jy_actor admin;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-case-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "sun", "孙敏", ROLE_REVIEWER, "城北街道", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

static void act_as(struct fixture *f, const char *os_user)
{
	if (strcmp(os_user, "admin") == 0) {
		assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		return;
	}
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

/* A case of a woman not yet registered, in community, handled by handler (NULL: the saver). */
static int64_t intake(struct fixture *f, const char *received, const char *type, const char *community,
                      const char *handler)
{
	struct rcase *c = case_new();
	case_set(c, KF_RECEIVED, received);
	case_set(c, KF_CHANNEL, "12338热线");
	case_set(c, KF_TYPE, type);
	case_set(c, KF_NAME, "林小梅");
	case_set(c, KF_PHONE, "13800000177");
	case_set(c, KF_COMMUNITY, community);
	case_set(c, KF_COMPLAINT, "丈夫酗酒后多次殴打，要求帮助");
	case_set(c, KF_HANDLER, handler);
	struct jy_err err = { 0 };
	int rc = case_save(f->db, c, &err);
	if (rc)
		fail_msg("intake: %s: %s", err.field, err.msg);
	int64_t id = c->id;
	assert_int_equal(c->version, 1);
	case_free(&c);
	return id;
}

static int step(struct fixture *f, int64_t id, int64_t *version, int kind, const char *date,
                const char *action, const char *outcome, const char *note, int days, struct jy_err *err)
{
	struct case_step_in s = { kind, date, action, outcome, NULL, note, days };
	memset(err, 0, sizeof *err);
	return case_step_add(f->db, id, version, &s, err);
}

static int case_state_now(struct fixture *f, int64_t id)
{
	struct rcase *c = NULL;
	assert_int_equal(case_load(f->db, id, &c, NULL), JY_OK);
	int s = c->state;
	case_free(&c);
	return s;
}

/* ---- the time limits, worked out by hand -------------------------------------------------------- */

static void test_limits(void **state)
{
	(void)state;
	static const struct {
		int state;
		const char *received, *accepted;
		int extend;
		const char *asof;
		int has;
		const char *limit;
		int left;
	} t[] = {
		/* registered: 15 days from receipt; Jan 25 + 6 = Jan 31, + 9 = Feb 9 */
		{ CS_REGISTERED, "2024-01-25", "", 0, "2024-02-01", 1, "2024-02-09", 8 },
		/* across 29 February 2024: Feb 20 + 9 = Feb 29, + 6 = Mar 6; the last day itself: 0 */
		{ CS_REGISTERED, "2024-02-20", "", 0, "2024-03-06", 1, "2024-03-06", 0 },
		/* a non-leap year: Feb 20 2023 + 8 = Feb 28, + 7 = Mar 7; a day past: -1 */
		{ CS_REGISTERED, "2023-02-20", "", 0, "2023-03-08", 1, "2023-03-07", -1 },
		/* accepted: 60 days; Dec 10 + 21 = Dec 31, + 31 = Jan 31, + 8 = Feb 8 2025 */
		{ CS_ACCEPTED, "2024-12-01", "2024-12-10", 0, "2025-01-01", 1, "2025-02-08", 38 },
		/* the extension of 30: Apr 11 + 19 = Apr 30, + 31 = May 31, + 30 = Jun 30, + 10 = Jul 10 */
		{ CS_HANDLING, "2024-04-10", "2024-04-11", 30, "2024-07-15", 1, "2024-07-10", -5 },
		/* answered and followed up keep the limit until 办结: Nov 15 + 15 + 31 + 14 = Jan 14 */
		{ CS_ANSWERED, "2023-11-14", "2023-11-15", 0, "2024-01-14", 1, "2024-01-14", 0 },
		{ CS_VISITED, "2023-11-14", "2023-11-15", 0, "2023-11-15", 1, "2024-01-14", 60 },
		/* none for a refused or closed case */
		{ CS_REFUSED, "2024-01-25", "", 0, "2024-02-01", 0, "", 0 },
		{ CS_CLOSED, "2024-01-25", "2024-01-26", 0, "2024-02-01", 0, "", 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char limit[11] = "x";
		int left = 99;
		int has = case_limit_of(t[i].state, t[i].received, t[i].accepted, t[i].extend, 15, 60,
		                        t[i].asof, limit, &left);
		if (has != t[i].has || strcmp(limit, t[i].limit) != 0 || left != t[i].left)
			fail_msg("row %zu: has %d limit %s left %d, want %d %s %d", i, has, limit, left,
			         t[i].has, t[i].limit, t[i].left);
	}
}

/* ---- what may follow what ------------------------------------------------------------------------ */

static void test_next(void **state)
{
	(void)state;
	/* every step allowed, with the state it leaves; every other pair is refused */
	static const struct { int from, step, to; } ok[] = {
		{ CS_REGISTERED, STEP_ACCEPT, CS_ACCEPTED }, { CS_REGISTERED, STEP_REFUSE, CS_REFUSED },
		{ CS_ACCEPTED, STEP_ACTION, CS_HANDLING }, { CS_HANDLING, STEP_ACTION, CS_HANDLING },
		{ CS_HANDLING, STEP_ANSWER, CS_ANSWERED }, { CS_ANSWERED, STEP_VISIT, CS_VISITED },
		{ CS_VISITED, STEP_CLOSE, CS_CLOSED }, { CS_CLOSED, STEP_REOPEN, CS_ACCEPTED },
		{ CS_REFUSED, STEP_REOPEN, CS_ACCEPTED }, { CS_ACCEPTED, STEP_EXTEND, CS_ACCEPTED },
		{ CS_HANDLING, STEP_EXTEND, CS_HANDLING },
	};
	int allowed = 0;
	for (int s = 0; s < CS__COUNT; s++)
		for (int k = 0; k < STEP__COUNT; k++) {
			int want = -1;
			for (size_t i = 0; i < ARRAY_LEN(ok); i++)
				if (ok[i].from == s && ok[i].step == k)
					want = ok[i].to;
			if (case_step_next(s, k) != want)
				fail_msg("%s + %s: %d, want %d", case_state_code(s), case_step_code(k),
				         case_step_next(s, k), want);
			allowed += want >= 0;
		}
	assert_int_equal(allowed, 11);
	/* 登记 is never a later step: a case is registered once */
	for (int s = 0; s < CS__COUNT; s++)
		assert_int_equal(case_step_next(s, STEP_REGISTER), -1);
	assert_int_equal(case_step_of("受理"), STEP_ACCEPT);
	assert_int_equal(case_step_of("不予受理"), STEP_REFUSE);
	assert_int_equal(case_step_of("close"), STEP_CLOSE);
	assert_int_equal(case_step_of("调解"), -1);     /* an action, not a step */
}

/* ---- a case from intake to 办结, and 复查 ------------------------------------------------------- */

static void test_flow(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	int64_t id = intake(f, "2024-06-03", "家暴", "幸福里社区", NULL);
	struct rcase *c = NULL;
	assert_int_equal(case_load(f->db, id, &c, NULL), JY_OK);
	assert_string_equal(case_get(c, KF_NO), "V-2024-006");  /* after the demo's five */
	assert_string_equal(case_get(c, KF_TYPE), "20");        /* the alias 家暴 */
	assert_string_equal(case_get(c, KF_CHANNEL), "3");
	assert_string_equal(case_get(c, KF_COMMUNITY), "TX0101");
	assert_int_equal(c->state, CS_REGISTERED);
	case_free(&c);
	int64_t v = 1;
	struct jy_err err;
	/* nothing skipped: 办结, 答复 and 办理 cannot come before 受理 */
	assert_int_equal(step(f, id, &v, STEP_CLOSE, "2024-06-04", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "受理"));
	assert_int_equal(step(f, id, &v, STEP_ANSWER, "2024-06-04", NULL, NULL, "已答复", 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-04", "调解", "成功", NULL, 0, &err), JY_EINVAL);
	/* backward in time, and in the future */
	assert_int_equal(step(f, id, &v, STEP_ACCEPT, "2024-06-02", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_string_equal(err.field, "日期");
	assert_int_equal(step(f, id, &v, STEP_ACCEPT, "2024-07-01", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_int_equal(v, 1);
	assert_int_equal(step(f, id, &v, STEP_ACCEPT, "2024-06-05", NULL, NULL, NULL, 0, &err), JY_OK);
	assert_int_equal(v, 2);
	/* a stale version is refused whole */
	int64_t old = 1;
	assert_int_equal(step(f, id, &old, STEP_ACTION, "2024-06-06", "法律援助", NULL, NULL, 0, &err),
	                 JY_ECONFLICT);
	/* a mediation has its result; another action has none */
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-06", "调解", NULL, NULL, 0, &err), JY_EINVAL);
	assert_string_equal(err.field, "调解结果");
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-06", "庇护", "成功", NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-06", "庇护", NULL, NULL, 0, &err), JY_OK);
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-10", "调解", "调解成功", NULL, 0, &err), JY_OK);
	/* one extension, of at most 30 days, with its reason */
	assert_int_equal(step(f, id, &v, STEP_EXTEND, "2024-06-10", NULL, NULL, NULL, 10, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_EXTEND, "2024-06-10", NULL, NULL, "待法院判决", 31, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_EXTEND, "2024-06-10", NULL, NULL, "待法院判决", 30, &err), JY_OK);
	assert_int_equal(step(f, id, &v, STEP_EXTEND, "2024-06-11", NULL, NULL, "再延", 5, &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "30"));
	/* accepted 06-05 + 60 + 30 = 09-03: Jun 5 + 25 = Jun 30, + 31 + 31 = Aug 31, + 3 */
	assert_int_equal(case_load(f->db, id, &c, NULL), JY_OK);
	int has, left;
	char limit[11];
	assert_int_equal(case_limit(f->db, c, "2024-06-30", &has, limit, &left, NULL), JY_OK);
	assert_int_equal(has, 1);
	assert_string_equal(limit, "2024-09-03");
	assert_int_equal(left, 65);
	case_free(&c);
	assert_int_equal(step(f, id, &v, STEP_ANSWER, "2024-06-12", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_ANSWER, "2024-06-12", NULL, NULL, "已调解，签订协议", 0, &err), JY_OK);
	assert_int_equal(step(f, id, &v, STEP_CLOSE, "2024-06-20", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_VISIT, "2024-06-20", NULL, "很好", NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_VISIT, "2024-06-20", NULL, "满意", NULL, 0, &err), JY_OK);
	assert_int_equal(step(f, id, &v, STEP_CLOSE, "2024-06-21", NULL, NULL, NULL, 0, &err), JY_OK);
	assert_int_equal(case_state_now(f, id), CS_CLOSED);
	/* no backward move out of 办结 but 复查 */
	assert_int_equal(step(f, id, &v, STEP_ACTION, "2024-06-22", "调解", "成功", NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_REOPEN, "2024-06-25", NULL, NULL, NULL, 0, &err), JY_EINVAL);
	assert_int_equal(step(f, id, &v, STEP_REOPEN, "2024-06-25", NULL, NULL, "当事人申请复查", 0, &err), JY_OK);
	assert_int_equal(case_load(f->db, id, &c, NULL), JY_OK);
	assert_int_equal(c->state, CS_ACCEPTED);
	assert_string_equal(c->accepted_on, "2024-06-25");
	assert_int_equal(c->extend_days, 0);   /* a new acceptance may be extended again */
	assert_int_equal(c->reopened, 1);
	assert_string_equal(c->closed_on, "");
	assert_int_equal(c->version, 9);       /* the intake, then 8 steps */
	case_free(&c);
	/* its history kept: 登记 受理 庇护 调解 延期 答复 回访 办结 复查 */
	struct case_step_row *rows = NULL;
	int n = 0;
	assert_int_equal(case_steps(f->db, id, &rows, &n, NULL), JY_OK);
	static const int want[] = { STEP_REGISTER, STEP_ACCEPT, STEP_ACTION, STEP_ACTION, STEP_EXTEND,
	                            STEP_ANSWER, STEP_VISIT, STEP_CLOSE, STEP_REOPEN };
	assert_int_equal(n, (int)ARRAY_LEN(want));
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].no, i + 1);
		assert_int_equal(rows[i].step, want[i]);
	}
	assert_string_equal(rows[3].action, "1");
	assert_string_equal(rows[3].outcome, "1");
	assert_int_equal(rows[4].days, 30);
	assert_string_equal(rows[6].outcome, "1");
	case_steps_free(&rows, n);
	/* every write in the trail, and check finds it whole */
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), "SELECT count(*) FROM history WHERE "
	                 "entity = 'rights_case' AND entity_id = ?1 AND action IN ('create', 'step')", -1,
	                 &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 9);
	sqlite3_finalize(st);
	assert_int_equal(db_check(f->db, NULL, NULL, NULL, NULL), 0);
}

static void test_intake_rules(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	struct jy_err err = { 0 };
	static const struct { int field; const char *value; const char *bad; } t[] = {
		{ KF_CHANNEL, "微信", "来源渠道" },
		{ KF_TYPE, "离婚纠纷", "案件类型" },
		{ KF_RECEIVED, "2024-07-01", "登记日期" },     /* after today */
		{ KF_PHONE, "138****0177", "联系电话" },
		{ KF_HANDLER, "nobody", "信访代理员" },
		{ KF_EMPLOYER, "E99", "用人单位编号" },
		{ KF_NAME, NULL, "姓名" },                     /* nobody named */
		{ KF_IDNO, "110101199003078515", "身份证号" },  /* valid, not registered */
		{ KF_COMPLAINT, NULL, "诉求内容" },
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct rcase *c = case_new();
		case_set(c, KF_CHANNEL, "来访");
		case_set(c, KF_TYPE, "工资拖欠");
		case_set(c, KF_NAME, "林小梅");
		case_set(c, KF_COMPLAINT, "老板拖欠两个月工资");
		case_set(c, t[i].field, t[i].value);
		memset(&err, 0, sizeof err);
		int rc = case_save(f->db, c, &err);
		if (rc != JY_EINVAL || strcmp(err.field, t[i].bad) != 0)
			fail_msg("row %zu: %d %s (%s), want the error on %s", i, rc, err.field, err.msg, t[i].bad);
		case_free(&c);
	}
	/* a registered resident by her ID number: her name and community are her record's; the
	 * employer's name becomes the respondent */
	struct search_page pg;
	assert_int_equal(search_residents(f->db, "陈美玲", NULL, 10, 1, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, pg.rows[0].id, &r, &err), JY_OK);
	search_page_free(&pg);
	struct rcase *c = case_new();
	case_set(c, KF_CHANNEL, "12338");
	case_set(c, KF_TYPE, "工资拖欠");
	case_set(c, KF_IDNO, resident_get(r, RF_IDNO));
	case_set(c, KF_COMPLAINT, "服装作坊拖欠两个月工资6400元");
	case_set(c, KF_EMPLOYER, "E02");
	case_set(c, KF_RECEIVED, "2024-04-10");
	assert_int_equal(case_save(f->db, c, &err), JY_OK);
	assert_int_equal(c->resident_id, r->id);
	assert_string_equal(case_get(c, KF_NAME), "陈美玲");
	assert_string_equal(case_get(c, KF_COMMUNITY), "TX0301");
	assert_string_equal(case_get(c, KF_RESPONDENT), "桐溪明华服装针织有限公司");
	resident_free(&r);
	/* a woman first kept by name is linked when she registers; a second link is refused */
	case_free(&c);
	int64_t id = intake(f, "2024-06-28", "婚姻家庭", "南门社区", NULL);
	assert_int_equal(search_residents(f->db, "郑小娟", NULL, 10, 1, &pg, &err), JY_OK);
	int64_t rid = pg.rows[0].id;
	search_page_free(&pg);
	assert_int_equal(case_link(f->db, id, rid, &err), JY_OK);
	assert_int_equal(case_load(f->db, id, &c, &err), JY_OK);
	assert_int_equal(c->resident_id, rid);
	assert_string_equal(case_get(c, KF_NAME), "郑小娟");
	assert_int_equal(c->version, 2);
	case_free(&c);
	assert_int_equal(case_link(f->db, id, rid, &err), JY_EINVAL);
}

/* ---- who may read ------------------------------------------------------------------------------- */

static int views(struct fixture *f, int64_t id, const char *user, int ok)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), "SELECT count(*) FROM history WHERE "
	                 "entity = 'rights_case' AND entity_id = ?1 AND event = 'view' AND os_user = ?2 "
	                 "AND (result = 'ok') = ?3", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, ok);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_access(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	int64_t a = intake(f, "2024-06-20", "家庭暴力", "幸福里社区", "zhao");
	struct rcase *c = NULL;
	struct jy_err err = { 0 };
	/* a clerk of the community who does not handle it: refused, and the refusal recorded */
	act_as(f, "wang");
	assert_int_equal(case_load(f->db, a, &c, &err), JY_EPERM);
	assert_null(c);
	assert_non_null(strstr(err.msg, "wang"));
	assert_int_equal(views(f, a, "wang", 0), 1);
	int64_t v = 1;
	assert_int_equal(step(f, a, &v, STEP_ACCEPT, "2024-06-21", NULL, NULL, NULL, 0, &err), JY_EPERM);
	struct case_step_row *rows = NULL;
	int n = 0;
	assert_int_equal(case_steps(f->db, a, &rows, &n, &err), JY_EPERM);
	/* ... but she lists it, with the demo's case of her community: number, type and state only */
	struct case_row *list = NULL;
	assert_int_equal(case_search(f->db, "", "2024-06-30", &list, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].case_no, "V-2024-006");     /* the newest first */
	assert_string_equal(list[0].type, "20");
	assert_int_equal(list[0].state, CS_REGISTERED);
	/* received 06-20 + 15 = 07-05: 5 days left on 06-30 */
	assert_int_equal(list[0].days_left, 5);
	assert_string_equal(list[1].case_no, "V-2024-002");
	free(list);
	/* she registers one herself, and handles it: hers to read */
	int64_t b = intake(f, "2024-06-29", "咨询", "幸福里社区", NULL);
	assert_int_equal(case_load(f->db, b, &c, &err), JY_OK);
	assert_string_equal(case_get(c, KF_HANDLER), "wang");
	case_free(&c);
	/* the handler, a reviewer of the street: reads it; a reviewer of another street does not */
	act_as(f, "zhao");
	assert_int_equal(case_load(f->db, a, &c, &err), JY_OK);
	case_free(&c);
	assert_int_equal(views(f, a, "zhao", 1), 1);
	act_as(f, "sun");
	assert_int_equal(case_load(f->db, a, &c, &err), JY_EPERM);
	assert_int_equal(case_search(f->db, "", "2024-06-30", &list, &n, &err), JY_OK);
	assert_int_equal(n, 1);         /* 新华社区's V-2024-004 only */
	assert_string_equal(list[0].case_no, "V-2024-004");
	free(list);
	/* statistics: figures only */
	act_as(f, "qian");
	assert_int_equal(case_load(f->db, a, &c, &err), JY_EPERM);
	assert_int_equal(case_search(f->db, "", "2024-06-30", &list, &n, &err), JY_EPERM);
	assert_int_equal(case_due(f->db, "2024-06-30", &list, &n, NULL, &err), JY_EPERM);
	assert_int_equal(views(f, a, "qian", 0), 1);
	/* the administrator reads every case */
	act_as(f, "admin");
	assert_int_equal(case_load(f->db, b, &c, &err), JY_OK);
	case_free(&c);
}

/* ---- the due list -------------------------------------------------------------------------------- */

static void test_due(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	/* on 06-30: received 06-10 → 06-25, 5 days past; 06-20 → 07-05, 5 left; 06-29 → 07-14, 14
	 * left; accepted 05-01 → 06-30, 0 left; a closed case is not due */
	int64_t past = intake(f, "2024-06-10", "工资拖欠", "幸福里社区", NULL);
	int64_t near = intake(f, "2024-06-20", "辞退", "建设社区", NULL);
	int64_t later = intake(f, "2024-06-29", "咨询", "南门社区", NULL);
	int64_t today = intake(f, "2024-04-28", "四期保护", "幸福里社区", NULL);
	int64_t v = 1;
	struct jy_err err;
	assert_int_equal(step(f, today, &v, STEP_ACCEPT, "2024-05-01", NULL, NULL, NULL, 0, &err), JY_OK);
	int64_t done = intake(f, "2024-06-01", "咨询", "幸福里社区", NULL);
	v = 1;
	assert_int_equal(step(f, done, &v, STEP_REFUSE, "2024-06-02", NULL, NULL, "不属于妇联受理范围", 0, &err), JY_OK);
	struct case_row *rows = NULL;
	int n = 0, nearly = 0;
	assert_int_equal(case_due(f->db, "2024-06-30", &rows, &n, &nearly, &err), JY_OK);
	assert_int_equal(nearly, 5);
	int64_t demo4 = 0, demo5 = 0;
	assert_int_equal(case_find_no(f->db, "V-2024-004", &demo4, NULL), JY_OK);
	assert_int_equal(case_find_no(f->db, "v-2024-005", &demo5, NULL), JY_OK);
	const struct { int64_t *id; int left; } want[] = {
		{ &demo5, -14 }, { &past, -5 }, { &today, 0 }, { &near, 5 }, { &later, 14 }, { &demo4, 17 },
	};
	assert_int_equal(n, (int)ARRAY_LEN(want));
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].id, *want[i].id);
		assert_int_equal(rows[i].days_left, want[i].left);
	}
	free(rows);
	/* a clerk of 幸福里社区 sees the due cases of her community only */
	act_as(f, "wang");
	assert_int_equal(case_due(f->db, "2024-06-30", &rows, &n, NULL, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, past);
	assert_int_equal(rows[1].id, today);
	free(rows);
}


/* ---- the figures (J), on a registry of six cases worked out by hand ----------------------------- */

static int setup_bare(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-casefig-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, NULL), JY_OK);
	f->admin = *db_actor(f->db);
	*state = f;
	return 0;
}

static int64_t add_case(struct fixture *f, const char *received, const char *channel, const char *type,
                        const char *name)
{
	struct rcase *c = case_new();
	case_set(c, KF_RECEIVED, received);
	case_set(c, KF_CHANNEL, channel);
	case_set(c, KF_TYPE, type);
	case_set(c, KF_NAME, name);
	case_set(c, KF_PHONE, "13800000188");
	case_set(c, KF_COMPLAINT, "诉求");
	struct jy_err err = { 0 };
	if (case_save(f->db, c, &err))
		fail_msg("%s: %s", err.field, err.msg);
	int64_t id = c->id;
	case_free(&c);
	return id;
}

/* Steps "kind:date[:action[:outcome]]" in order. */
static void steps(struct fixture *f, int64_t id, const char *const *list, int n)
{
	int64_t v = 1;
	for (int i = 0; i < n; i++) {
		char buf[96], *part[4] = { buf, "", "", "" };
		snprintf(buf, sizeof buf, "%s", list[i]);
		for (int k = 1, at = 0; k < 4; k++) {
			char *colon = strchr(part[at], ':');
			if (!colon)
				break;
			*colon = '\0';
			part[at = k] = colon + 1;
		}
		const char *kind = part[0], *date = part[1], *action = part[2], *outcome = part[3];
		struct jy_err err;
		int k = case_step_of(kind);
		assert_true(k >= 0);
		if (step(f, id, &v, k, date, *action ? action : NULL, *outcome ? outcome : NULL, "说明", 0,
		         &err))
			fail_msg("%s: %s: %s", list[i], err.field, err.msg);
	}
}

static int fig(const struct report *r, int prev, const char *code, int64_t *den)
{
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, code) == 0) {
			const struct report_value *v = prev ? &r->prev_v[i] : &r->cur_v[i];
			*den = v->den;
			return (int)v->num;
		}
	fail_msg("no indicator %s", code);
	return -1;
}

static void test_figures(void **state)
{
	struct fixture *f = *state;
	/* the due list of a registry without a case: empty, not a failure */
	struct case_row *due = NULL;
	int ndue = -1;
	assert_int_equal(case_due(f->db, "2024-06-30", &due, &ndue, NULL, NULL), JY_OK);
	assert_int_equal(ndue, 0);
	free(due);
	/* A: May, 来访, 工资拖欠; mediated with success in June, closed 06-12 */
	int64_t a = add_case(f, "2024-05-20", "来访", "工资拖欠", "甲");
	const char *const sa[] = { "accept:2024-05-22", "action:2024-06-03:调解:调解成功",
	                           "answer:2024-06-05", "visit:2024-06-10::满意", "close:2024-06-12" };
	/* B: June, 12338, 家暴; legal aid and shelter, closed 06-28 */
	int64_t b = add_case(f, "2024-06-02", "12338热线", "家庭暴力", "乙");
	const char *const sb[] = { "accept:2024-06-03", "action:2024-06-04:法律援助", "action:2024-06-04:庇护",
	                           "answer:2024-06-20", "visit:2024-06-25::基本满意", "close:2024-06-28" };
	/* C: June, 来信, 咨询, not accepted */
	int64_t c = add_case(f, "2024-06-10", "来信", "咨询", "乙");
	const char *const sc[] = { "refuse:2024-06-11" };
	/* D: June, 来访, 辞退, never decided: 06-01 + 15 = 06-16, past on 06-30 */
	add_case(f, "2024-06-01", "来访", "辞退", "丙");
	/* E: April, 电话, 四期保护, accepted 04-05: 04-05 + 60 = 06-04, past on 06-30, not on 05-31 */
	int64_t e = add_case(f, "2024-04-01", "电话", "四期保护", "丁");
	const char *const se[] = { "accept:2024-04-05", "action:2024-05-10:调解:调解未成功" };
	/* F: June, 网上信访, 工资拖欠, the same woman as B: legal aid, then a mediation that worked */
	int64_t g = add_case(f, "2024-06-15", "网上信访", "工资拖欠", "乙");
	const char *const sg[] = { "accept:2024-06-16", "action:2024-06-18:法律援助",
	                           "action:2024-06-20:调解:调解成功" };
	steps(f, a, sa, ARRAY_LEN(sa));
	steps(f, b, sb, ARRAY_LEN(sb));
	steps(f, c, sc, ARRAY_LEN(sc));
	steps(f, e, se, ARRAY_LEN(se));
	steps(f, g, sg, ARRAY_LEN(sg));
	struct period p;
	assert_int_equal(period_parse("2024-06", &p, NULL), JY_OK);

	struct report *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	/* June against May: code, June, its base (-1: a count), May, its base */
	static const struct { const char *code; int cur, cden, prev, pden; } t[] = {
		{ "J1", 4, -1, 1, -1 },         /* B C D F; May: A */
		{ "J1-1", 1, -1, 0, -1 },       /* C */
		{ "J1-2", 1, -1, 1, -1 },       /* D; May: A */
		{ "J1-3", 1, -1, 0, -1 },       /* B */
		{ "J1-4", 0, -1, 0, -1 },       /* E came in April */
		{ "J1-5", 1, -1, 0, -1 },       /* F */
		{ "J1-L", 2, -1, 1, -1 },       /* D 辞退, F 工资拖欠; May: A */
		{ "J1-20", 1, -1, 0, -1 },
		{ "J1-90", 1, -1, 0, -1 },
		{ "J2N", 1, -1, 0, -1 },        /* B; A closed after May */
		{ "J2", 1, 4, 0, 1 },
		{ "J3", 2, -1, 0, -1 },         /* B, F */
		{ "J3P", 1, -1, 0, -1 },        /* both 乙 */
		{ "J4A", 2, -1, 1, -1 },        /* A, F; May: E */
		{ "J4", 2, -1, 0, -1 },
		{ "J4R", 2, 2, 0, 1 },
		{ "J5", 1, -1, 0, -1 },         /* B */
		{ "JX", 2, -1, 0, -1 },         /* D, E; on 05-31 none */
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		int64_t cd, pd;
		int cur = fig(r, 0, t[i].code, &cd), prev = fig(r, 1, t[i].code, &pd);
		if (cur != t[i].cur || prev != t[i].prev || (t[i].cden >= 0 && cd != t[i].cden) ||
		    (t[i].pden >= 0 && pd != t[i].pden))
			fail_msg("%s: %d/%lld and %d/%lld, want %d/%d and %d/%d", t[i].code, cur, (long long)cd,
			         prev, (long long)pd, t[i].cur, t[i].cden, t[i].prev, t[i].pden);
	}
	report_free(&r);
	/* a period not over yet counts the cases late by today, not by its end: on 09-30 F would be
	 * late too (06-16 + 60 = 08-15), on 06-30 only D and E are */
	assert_int_equal(period_parse("2024Q3", &p, NULL), JY_OK);
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &r, &err), JY_OK);
	int64_t den;
	assert_int_equal(fig(r, 0, "JX", &den), 2);
	assert_int_equal(fig(r, 0, "J1", &den), 0);
	report_free(&r);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_limits),
	cmocka_unit_test(test_next),
	cmocka_unit_test_setup_teardown(test_flow, setup, teardown),
	cmocka_unit_test_setup_teardown(test_intake_rules, setup, teardown),
	cmocka_unit_test_setup_teardown(test_access, setup, teardown),
	cmocka_unit_test_setup_teardown(test_due, setup, teardown),
	cmocka_unit_test_setup_teardown(test_figures, setup_bare, teardown),
};

TEST_MAIN(tests)
