/* tests/unit/test_access.c: who may see and do what — every role against every operation, the
 * community scope of a community worker, a street clerk and a county officer, masking, and the
 * worker table kept by administrators only. */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-access-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2026-11-23", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
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

/* Act as another OS user, as if she had started jiuye. */
static void act_as(struct fixture *f, const char *os_user)
{
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	snprintf(who.name, sizeof who.name, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

/* The whole role table, written out by hand from the issue: 录入员 enters and edits in her
 * communities; 审核 also approves sensitive changes; 统计 reports and figures, no personal
 * details; 管理员 workers, settings and code lists (and everything else). */
static void test_role_table(void **state)
{
	(void)state;
	static const struct {
		int op;
		int clerk, reviewer, stats, admin;
	} cases[] = {
		{ OP_VIEW, 1, 1, 0, 1 },          { OP_UNMASK, 1, 1, 0, 1 },
		{ OP_CREATE, 1, 1, 0, 1 },        { OP_EDIT, 1, 1, 0, 1 },
		{ OP_EDIT_SENSITIVE, 0, 1, 0, 1 }, { OP_APPROVE, 0, 1, 0, 1 },
		{ OP_CLOSE, 1, 1, 0, 1 },         { OP_REOPEN, 0, 1, 0, 1 },
		{ OP_IMPORT, 1, 1, 0, 1 },
		{ OP_EXPORT, 1, 1, 0, 1 },        { OP_EXPORT_FULL, 0, 1, 0, 1 },
		{ OP_REPORT, 1, 1, 1, 1 },        { OP_REPORT_PEOPLE, 1, 1, 0, 1 },
		{ OP_AUDIT, 0, 1, 0, 1 },         { OP_ADMIN, 0, 0, 0, 1 },
	};
	assert_int_equal(ARRAY_LEN(cases), OP__COUNT);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int op = cases[i].op;
		assert_int_equal(access_role_may(ROLE_CLERK, op), cases[i].clerk);
		assert_int_equal(access_role_may(ROLE_REVIEWER, op), cases[i].reviewer);
		assert_int_equal(access_role_may(ROLE_STATS, op), cases[i].stats);
		assert_int_equal(access_role_may(ROLE_ADMIN, op), cases[i].admin);
		assert_int_equal(access_role_may(0, op), 0);   /* not a worker: nothing at all */
		assert_true(strlen(access_op_label(op)) > 0);
	}
	assert_int_equal(access_role_may(ROLE_ADMIN, OP__COUNT), 0);
	assert_int_equal(access_role_may(99, OP_VIEW), 0);
}

static void test_role_names(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int role;
	} cases[] = {
		{ "clerk", ROLE_CLERK }, { "录入员", ROLE_CLERK }, { "录入", ROLE_CLERK },
		{ "Reviewer", ROLE_REVIEWER }, { "审核", ROLE_REVIEWER }, { "审核员", ROLE_REVIEWER },
		{ "stats", ROLE_STATS }, { "统计", ROLE_STATS }, { "统计员", ROLE_STATS },
		{ "admin", ROLE_ADMIN }, { "管理员", ROLE_ADMIN }, { "管理", ROLE_ADMIN },
		{ "boss", -1 }, { "", -1 }, { NULL, -1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_int_equal(role_parse(cases[i].in), cases[i].role);
	assert_string_equal(role_label(ROLE_STATS), "统计");
}

static void test_masks(void **state)
{
	(void)state;
	static const struct {
		const char *in, *id, *phone;
	} cases[] = {
		{ "32010219800101123X", "320102********123X", "320***********123X" },
		{ "13812345678", "138123*5678", "138****5678" },
		{ "025-84561234", "025-84**1234", "025*****1234" },
		{ "12345", "***45", "***45" },
		{ "", "", "" },
		{ "张晓红", "***", "***" },     /* not an ID: masked whole, one '*' a character */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[64];
		mask_idno(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].id);
		mask_phone(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].phone);
	}
	static const struct {
		const char *in, *out;
	} cats[] = {
		{ "4050,DIBAO,LAID_OFF", "4050,LAID_OFF" }, { "DISABLED", "" }, { "DIBAO,SPECIAL_POOR,GRAD", "GRAD" },
		{ "", "" }, { "UNEMP", "UNEMP" }, { "DIBAOX,DIBA", "DIBAOX,DIBA" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cats); i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", cats[i].in);
		mask_categories(buf);
		assert_string_equal(buf, cats[i].out);
	}
	char small[8];
	mask_idno("32010219800101123X", small, sizeof small);
	assert_int_equal(strlen(small), 7);
	assert_true(mask_is_masked("320102********123X"));
	assert_false(mask_is_masked("32010219800101123X"));
	assert_false(mask_is_masked(NULL));
}

/* The first worker of a new database is its administrator; nobody else gets in by herself. */
static void test_first_worker_admin(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(db_actor(f->db)->role, ROLE_ADMIN);
	act_as(f, "stranger");
	assert_int_equal(db_actor(f->db)->role, 0);
	struct jy_err err = { 0 };
	assert_int_equal(access_check(f->db, OP_VIEW, NULL, &err), JY_EPERM);
	assert_non_null(strstr(err.msg, "stranger"));
	assert_int_equal(access_check(f->db, OP_REPORT, NULL, &err), JY_EPERM);
	/* and she cannot make herself one */
	assert_int_equal(worker_save(f->db, "stranger", "陌生人", ROLE_ADMIN, NULL, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	assert_int_equal(db_actor(f->db)->role, ROLE_ADMIN);
}

static void test_scope(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区,TX0102", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "sun", "孙敏", ROLE_REVIEWER, "桐溪县", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "li", "李静", ROLE_CLERK, "无此社区", &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "无此社区"));

	static const struct {
		const char *who, *community;
		int in;
	} cases[] = {
		{ "wang", "TX0101", 1 }, { "wang", "TX0102", 1 }, { "wang", "TX0103", 0 },
		{ "wang", "TX0201", 0 }, { "wang", "", 0 },
		{ "zhao", "TX0101", 1 }, { "zhao", "TX0103", 1 }, { "zhao", "TX0201", 0 },
		{ "zhao", "TX0301", 0 },
		{ "sun", "TX0201", 1 },  { "sun", "TX0301", 1 }, { "sun", "", 1 },
		{ "qian", "TX0301", 1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		assert_int_equal(access_in_scope(f->db, cases[i].community), cases[i].in);
		int rc = access_check(f->db, OP_REPORT, cases[i].community, &err);
		assert_int_equal(rc, cases[i].in ? JY_OK : JY_EPERM);
	}
	/* a clerk may edit in her community, not a reviewer's sensitive change, not the workers */
	act_as(f, "wang");
	assert_int_equal(access_check(f->db, OP_EDIT, "TX0101", &err), JY_OK);
	assert_int_equal(access_check(f->db, OP_EDIT, "TX0201", &err), JY_EPERM);
	assert_non_null(strstr(err.msg, "wang"));
	assert_int_equal(access_check(f->db, OP_EDIT_SENSITIVE, "TX0101", &err), JY_EPERM);
	assert_int_equal(worker_save(f->db, "wang", NULL, ROLE_ADMIN, NULL, &err), JY_EPERM);
	/* statistics see every figure and no person */
	act_as(f, "qian");
	assert_int_equal(access_check(f->db, OP_REPORT, "TX0301", &err), JY_OK);
	assert_int_equal(access_check(f->db, OP_VIEW, "TX0301", &err), JY_EPERM);
	assert_int_equal(access_check(f->db, OP_REPORT_PEOPLE, NULL, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

static int count_worker(void *arg, const struct worker_row *w)
{
	int *n = arg;
	if (strcmp(w->os_user, "wang") == 0) {
		assert_string_equal(w->name, "王芳");
		assert_int_equal(w->role, ROLE_CLERK);
		assert_non_null(strstr(w->scope, "幸福里社区"));
		assert_string_not_equal(w->closed_at, "");
	}
	(*n)++;
	return 0;
}

/* A worker who leaves is closed, not deleted, and can no longer act. */
static void test_close_worker(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_close(f->db, "wang", &err), JY_OK);
	assert_int_equal(worker_close(f->db, "wang", &err), JY_ENOTFOUND);
	assert_int_equal(worker_close(f->db, f->admin.os_user, &err), JY_EINVAL);
	int n = 0;
	assert_int_equal(worker_each(f->db, count_worker, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	act_as(f, "wang");
	assert_int_equal(db_actor(f->db)->role, 0);
	assert_int_equal(worker_each(f->db, count_worker, &n, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	/* an administrator cannot demote herself (the database would have none) */
	assert_int_equal(worker_save(f->db, f->admin.os_user, NULL, ROLE_CLERK, NULL, &err), JY_EINVAL);
	assert_int_equal(worker_save(f->db, "wang", NULL, ROLE_CLERK, NULL, &err), JY_OK);
	act_as(f, "wang");
	assert_int_equal(db_actor(f->db)->role, ROLE_CLERK);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}


/* The id of the demo resident called name (as the administrator). */
static int64_t demo_id(struct fixture *f, const char *name)
{
	struct search_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(f->db, name, NULL, 10, 1, &pg, &err), JY_OK);
	assert_true(pg.n >= 1);
	int64_t id = pg.rows[0].id;
	search_page_free(&pg);
	return id;
}

static void add_workers(struct fixture *f)
{
	struct jy_err err = { 0 };
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "qian", "钱军", ROLE_STATS, "", &err), JY_OK);
}

/* A clerk sees her community only, with ID numbers and phones masked in the list; statistics see
 * no list at all. */
static void test_search_scope(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	struct search_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(f->db, "", NULL, 50, 1, &pg, &err), JY_OK);
	int all = pg.n;
	search_page_free(&pg);

	act_as(f, "wang");
	assert_int_equal(search_residents(f->db, "", NULL, 50, 1, &pg, &err), JY_OK);
	assert_true(pg.n > 0 && pg.n < all);
	for (int i = 0; i < pg.n; i++) {
		assert_string_equal(pg.rows[i].community, "幸福里社区");
		assert_int_equal(strlen(pg.rows[i].id_no), 18);
		assert_memory_equal(pg.rows[i].id_no + 6, "********", 8);
		if (pg.rows[i].phone[0])
			assert_memory_equal(pg.rows[i].phone + 3, "****", 4);
	}
	search_page_free(&pg);
	/* 李桂芳 lives in 建设社区: not found by name, not opened by id */
	assert_int_equal(search_residents(f->db, "李桂芳", NULL, 50, 1, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 0);
	search_page_free(&pg);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	int64_t li = demo_id(f, "李桂芳");
	act_as(f, "wang");
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, li, &r, &err), JY_EPERM);
	assert_null(r);
	/* the street's reviewer sees both */
	act_as(f, "zhao");
	assert_int_equal(resident_load(f->db, li, &r, &err), JY_OK);
	resident_free(&r);
	act_as(f, "qian");
	assert_int_equal(search_residents(f->db, "", NULL, 50, 1, &pg, &err), JY_EPERM);
	assert_int_equal(resident_load(f->db, li, &r, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

/* Takes the first request and stops: pending_each returns the 1. */
static int first_pending(void *arg, const struct pending_row *p)
{
	*(struct pending_row *)arg = *p;
	return 1;
}

/* A clerk's change of the ID number waits for a reviewer; the rest of her edit is saved at once. */
static void test_sensitive_change(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	int64_t id = demo_id(f, "王秀兰");
	struct jy_err err = { 0 };
	char newid[19];
	idcard_make("330102", "1977-04-12", 222, 'F', newid);

	act_as(f, "wang");
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	char oldid[19];
	snprintf(oldid, sizeof oldid, "%s", resident_get(r, RF_IDNO));
	resident_set(r, RF_IDNO, newid);
	resident_set(r, RF_ADDRESS, "幸福里社区9栋1单元101");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	assert_true(err.warn);
	assert_non_null(strstr(err.field, "身份证号"));
	resident_free(&r);
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_IDNO), oldid);          /* not yet */
	assert_string_equal(resident_get(r, RF_ADDRESS), "幸福里社区9栋1单元101");
	resident_free(&r);
	assert_int_equal(test_pending_count(f->db), 0);         /* a clerk decides nothing */
	assert_int_equal(pending_each(f->db, first_pending, NULL, &err), JY_EPERM);

	act_as(f, "zhao");
	assert_int_equal(test_pending_count(f->db), 1);
	struct pending_row p = { 0 };
	assert_int_equal(pending_each(f->db, first_pending, &p, &err), 1);
	assert_int_equal(p.resident_id, id);
	assert_int_equal(p.field, RF_IDNO);
	assert_string_equal(p.name, "王秀兰");
	assert_string_equal(p.old_value, oldid);
	assert_string_equal(p.new_value, newid);
	assert_string_equal(p.requested_by, "wang");
	assert_int_equal(pending_decide(f->db, p.id, 1, "核对户口簿", &err), JY_OK);
	assert_int_equal(pending_decide(f->db, p.id, 1, NULL, &err), JY_ENOTFOUND);
	assert_int_equal(test_pending_count(f->db), 0);
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_IDNO), newid);
	resident_free(&r);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

/* A masked value handed back unchanged keeps the stored number; another masked value is refused. */
static void test_masked_never_saved(void **state)
{
	struct fixture *f = *state;
	int64_t id = demo_id(f, "王秀兰");
	struct jy_err err = { 0 };
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	char full[19], phone[24], m[24];
	snprintf(full, sizeof full, "%s", resident_get(r, RF_IDNO));
	snprintf(phone, sizeof phone, "%s", resident_get(r, RF_PHONE));
	mask_idno(full, m, sizeof m);
	resident_set(r, RF_IDNO, m);
	mask_phone(phone, m, sizeof m);
	resident_set(r, RF_PHONE, m);
	resident_set(r, RF_NOTE, "电话回访");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	resident_free(&r);
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_IDNO), full);
	assert_string_equal(resident_get(r, RF_PHONE), phone);
	assert_string_equal(resident_get(r, RF_NOTE), "电话回访");
	resident_set(r, RF_PHONE, "139****0000");
	assert_int_equal(resident_save(f->db, r, &err), JY_EINVAL);
	assert_string_equal(err.field, "联系电话");
	resident_free(&r);
	assert_int_equal(resident_load(f->db, id, &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_PHONE), phone);
	resident_free(&r);
}


struct scope_check {
	struct fixture *f;
	int n, outside;
};

static int person_in_scope(void *arg, int64_t id)
{
	struct scope_check *sc = arg;
	struct resident *r = NULL;
	struct jy_err err = { 0 };
	/* as the administrator, to see where she lives */
	struct jy_actor me = *db_actor(sc->f->db);
	assert_int_equal(db_set_actor(sc->f->db, &sc->f->admin, NULL), JY_OK);
	assert_int_equal(resident_load(sc->f->db, id, &r, &err), JY_OK);
	sc->outside += strcmp(resident_get(r, RF_COMMUNITY), "TX0101") != 0;
	sc->n++;
	resident_free(&r);
	assert_int_equal(db_set_actor(sc->f->db, &me, NULL), JY_OK);
	return 0;
}

/* A clerk's report counts her communities; statistics see every figure and no person. */
static void test_report_scope(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	struct jy_err err = { 0 };
	struct period p;
	assert_int_equal(period_parse("2026", &p, &err), JY_OK);
	int a2 = -1;
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, "A1E") == 0)
			a2 = i;
	assert_true(a2 >= 0);
	struct report *all = NULL, *mine = NULL;
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &all, &err), JY_OK);
	act_as(f, "wang");
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &mine, &err), JY_OK);
	assert_true(mine->cur_v[a2].num > 0);
	assert_true(mine->cur_v[a2].num < all->cur_v[a2].num);
	struct scope_check sc = { f, 0, 0 };
	assert_int_equal(report_people(f->db, &p, BY_NONE, "", a2, person_in_scope, &sc, &err), JY_OK);
	assert_int_equal(sc.n, mine->cur_v[a2].num);
	assert_int_equal(sc.outside, 0);
	/* who is on 低保 is counted for her, not listed */
	for (int i = 0; i < report_ninds; i++)
		if (strcmp(report_inds[i].code, "A4-DIBAO") == 0 || strcmp(report_inds[i].code, "B5") == 0)
			assert_int_equal(report_people(f->db, &p, BY_NONE, "", i, person_in_scope, &sc, &err),
			                 JY_EPERM);
	assert_int_equal(report_people(f->db, &p, BY_CATEGORY, "DIBAO", a2, person_in_scope, &sc, &err), JY_EPERM);
	report_free(&mine);
	act_as(f, "qian");
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &mine, &err), JY_OK);
	assert_int_equal(mine->cur_v[a2].num, all->cur_v[a2].num);
	assert_int_equal(report_people(f->db, &p, BY_NONE, "", a2, person_in_scope, &sc, &err), JY_EPERM);
	report_free(&mine);
	report_free(&all);
	act_as(f, "stranger");
	assert_int_equal(report_compute(f->db, &p, BY_NONE, &mine, &err), JY_EPERM);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}


static void collect_line(void *arg, const char *line)
{
	struct jy_buf *b = arg;
	buf_addf(b, "%s\n", line);
}

/* A clerk's import: a row of her community is stored, a row of another is refused as that row;
 * statistics may not import at all; a clerk may not read the audit trail. */
static void test_import_scope(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	char path[128], id1[19], id2[19];
	snprintf(path, sizeof path, "%s/in.csv", f->dir);
	idcard_make("330102", "1980-03-04", 12, 'F', id1);
	idcard_make("330102", "1981-05-06", 14, 'F', id2);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "姓名,身份证号,社区\n孙丽,%s,幸福里社区\n钱芳,%s,建设社区\n", id1, id2);
	fclose(fp);
	struct jy_err err = { 0 };
	struct import_result res;
	struct jy_buf lines = { 0 };
	act_as(f, "wang");
	assert_int_equal(import_residents(f->db, path, NULL, IMPORT_SKIP_ERRORS, collect_line, &lines, &res, &err),
	                 JY_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.rejected, 1);
	assert_non_null(strstr(lines.s, "in.csv:3: "));
	assert_non_null(strstr(lines.s, "wang"));
	buf_free(&lines);
	int64_t rid;
	assert_int_equal(resident_find_idno(f->db, id1, &rid, NULL), JY_OK);
	assert_int_equal(resident_find_idno(f->db, id2, &rid, NULL), JY_ENOTFOUND);
	struct audit_filter af = { 0 };
	int64_t next;
	assert_int_equal(audit_page(f->db, &af, 0, 5, NULL, NULL, &next, &err), JY_EPERM);
	act_as(f, "qian");
	assert_int_equal(import_residents(f->db, path, NULL, 0, collect_line, &lines, &res, &err), JY_EPERM);
	buf_free(&lines);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

/* A clerk's file of residents: a change of 人员类别 waits for a reviewer and is counted as queued,
 * never as unchanged; a masked phone (as a clerk's list shows it) is that row's error on 联系电话,
 * even when it is the mask of the stored number. */
static void test_import_queued_masked(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	struct jy_err err = { 0 };
	struct resident *r = NULL;
	char wang[19], zhao[19], phone[24], masked[24];
	assert_int_equal(resident_load(f->db, demo_id(f, "王秀兰"), &r, &err), JY_OK);
	snprintf(wang, sizeof wang, "%s", resident_get(r, RF_IDNO));
	resident_free(&r);
	assert_int_equal(resident_load(f->db, demo_id(f, "赵春梅"), &r, &err), JY_OK);
	snprintf(zhao, sizeof zhao, "%s", resident_get(r, RF_IDNO));
	snprintf(phone, sizeof phone, "%s", resident_get(r, RF_PHONE));
	resident_free(&r);
	mask_phone(phone, masked, sizeof masked);
	char path[128];
	snprintf(path, sizeof path, "%s/cat.csv", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "姓名,身份证号,地址,人员类别\n王秀兰,%s,,下岗职工、低保\n赵春梅,%s,幸福里社区7栋1单元102,\n",
	        wang, zhao);
	fclose(fp);
	static const struct {
		int flags, queued, updated, unchanged, pending;
	} runs[] = {
		{ IMPORT_DRY_RUN, 1, 1, 0, 0 },   /* counted as a real run would, nothing kept */
		{ 0, 1, 1, 0, 1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(runs); i++) {
		act_as(f, "wang");
		struct import_result res;
		struct jy_buf lines = { 0 };
		assert_int_equal(import_residents(f->db, path, NULL, runs[i].flags, collect_line, &lines,
		                                  &res, &err), JY_OK);
		assert_int_equal(res.queued, runs[i].queued);
		assert_int_equal(res.updated, runs[i].updated);
		assert_int_equal(res.unchanged, runs[i].unchanged);
		assert_int_equal(res.rejected, 0);
		assert_non_null(strstr(lines.s, "cat.csv:2: 人员类别: saved; the change of 人员类别 waits "
		                                "for a reviewer's approval"));
		assert_null(strstr(lines.s, "cat.csv:3:"));
		buf_free(&lines);
		act_as(f, "zhao");
		int pending;
		assert_int_equal(pending_count(f->db, &pending, &err), JY_OK);
		assert_int_equal(pending, runs[i].pending);
	}

	snprintf(path, sizeof path, "%s/masked.csv", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "姓名,身份证号,联系电话\n赵春梅,%s,%s\n王秀兰,%s,139****0000\n", zhao, masked, wang);
	fclose(fp);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
	struct import_result res;
	struct jy_buf lines = { 0 };
	assert_int_equal(import_residents(f->db, path, NULL, IMPORT_SKIP_ERRORS, collect_line, &lines,
	                                  &res, &err), JY_OK);
	assert_int_equal(res.rejected, 2);
	assert_int_equal(res.unchanged, 0);
	static const char *const said[] = {
		"masked.csv:2: 联系电话: a partly hidden number (with *) cannot be imported",
		"masked.csv:3: 联系电话: a partly hidden number (with *) cannot be imported",
	};
	for (size_t i = 0; i < ARRAY_LEN(said); i++)
		assert_non_null(strstr(lines.s, said[i]));
	int nlines = 0;
	for (const char *p = lines.s; (p = strchr(p, '\n')); p++)
		nlines++;
	assert_int_equal(nlines, 2);    /* one line a row: not also "not a phone number" */
	buf_free(&lines);
	assert_int_equal(resident_load(f->db, demo_id(f, "赵春梅"), &r, &err), JY_OK);
	assert_string_equal(resident_get(r, RF_PHONE), phone);
	resident_free(&r);
}

/* A clerk who names a resident by ID number (jiuye print, a file of referrals or enrolments) gets
 * one answer for "nobody has it" and "she lives in another community": two would tell her who is
 * registered anywhere in the county. */
static void test_idno_one_message(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	struct jy_err err = { 0 };
	struct resident *r = NULL;
	char chen[19], wang[19], nobody[19];
	assert_int_equal(resident_load(f->db, demo_id(f, "陈美玲"), &r, &err), JY_OK);   /* 红星村 */
	snprintf(chen, sizeof chen, "%s", resident_get(r, RF_IDNO));
	resident_free(&r);
	int64_t wang_id = demo_id(f, "王秀兰");                                         /* 幸福里社区 */
	assert_int_equal(resident_load(f->db, wang_id, &r, &err), JY_OK);
	snprintf(wang, sizeof wang, "%s", resident_get(r, RF_IDNO));
	resident_free(&r);
	idcard_make("330122", "1990-01-01", 998, 'F', nobody);
	static const struct {
		const char *who;
		int which;      /* 0 陈美玲, 1 王秀兰, 2 an ID number nobody has */
		int rc;
		const char *says;
	} cases[] = {
		{ "wang", 0, JY_ENOTFOUND, "no resident of wang's communities has this ID number" },
		{ "wang", 2, JY_ENOTFOUND, "no resident of wang's communities has this ID number" },
		{ "wang", 1, JY_OK, NULL },
		{ "zhao", 0, JY_ENOTFOUND, "no resident of zhao's communities has this ID number" },
		{ "zhao", 1, JY_OK, NULL },
		{ NULL, 0, JY_OK, NULL },       /* the administrator sees every community */
		{ NULL, 2, JY_ENOTFOUND, "no resident has this ID number in the registry" },
		{ "qian", 1, JY_EPERM, "qian (统计) may not" },   /* statistics: the role, plainly */
	};
	const char *ids[] = { chen, wang, nobody };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (cases[i].who)
			act_as(f, cases[i].who);
		else
			assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
		int64_t id = 0;
		memset(&err, 0, sizeof err);
		int rc = print_find_resident(f->db, ids[cases[i].which], &id, &err);
		assert_int_equal(rc, cases[i].rc);
		if (cases[i].rc == JY_OK) {
			assert_true(id > 0);
			continue;
		}
		assert_non_null(strstr(err.msg, cases[i].says));
		if (cases[i].rc == JY_ENOTFOUND)
			assert_string_equal(err.field, "身份证号");
		assert_null(strstr(err.msg, ids[cases[i].which]));     /* never the number itself */
	}
	/* the same in a file of referrals and of enrolments: row 2 (陈美玲) and row 3 (nobody's)
	 * read the same after their FILE:ROW: */
	static const struct {
		const char *header, *rest;
	} files[] = {
		{ "身份证号,岗位编号,推荐日期,本人同意", "J-003,2026-11-01,是" },
		{ "身份证号,培训班编号,报名日期", "K-003,2026-11-01" },
	};
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/f%zu.csv", f->dir, i);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fprintf(fp, "%s\n%s,%s\n%s,%s\n", files[i].header, chen, files[i].rest, nobody,
		        files[i].rest);
		fclose(fp);
		act_as(f, "wang");
		struct import_result res;
		struct jy_buf lines = { 0 };
		int (*import)(struct jy_db *, const char *, const char *, int,
		              void (*)(void *, const char *), void *, struct import_result *,
		              struct jy_err *) = i == 0 ? import_referrals : import_enrolments;
		int rc = import(f->db, path, NULL, IMPORT_DRY_RUN, collect_line, &lines, &res, &err);
		assert_int_equal(rc, JY_EINVAL);
		assert_int_equal(res.rejected, 2);
		char *row2 = strstr(lines.s, ":2: "), *row3 = strstr(lines.s, ":3: ");
		assert_non_null(row2);
		assert_non_null(row3);
		size_t n2 = strcspn(row2, "\n"), n3 = strcspn(row3, "\n");
		assert_int_equal(n2, n3);
		assert_memory_equal(row2 + 4, row3 + 4, n2 - 4);
		assert_non_null(strstr(row2, "身份证号: no resident of wang's communities"));
		buf_free(&lines);
	}
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

/* The audit trail as a street's reviewer reads it: rows of a record of a resident outside her
 * communities (the resident herself, her visits, certificates, referrals, enrolments) are left out,
 * in the browser, in a row opened whole and in the export; rows of no resident (a course, a login)
 * stay. */
struct trail_seen {
	int n;
	struct {
		char entity[16];
		int64_t id, seq;
	} rows[256];
};

static int trail_take(void *arg, const struct history_entry *h)
{
	struct trail_seen *t = arg;
	assert_true(t->n < (int)ARRAY_LEN(t->rows));
	snprintf(t->rows[t->n].entity, sizeof t->rows[t->n].entity, "%s",
	         h->entity ? h->entity : "");
	t->rows[t->n].id = h->entity_id;
	t->rows[t->n].seq = h->seq;
	t->n++;
	return 0;
}

/* The newest row of entity #id in what was seen, its seq; 0 when none. */
static int64_t trail_find(const struct trail_seen *t, const char *entity, int64_t id)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->rows[i].entity, entity) == 0 && t->rows[i].id == id)
			return t->rows[i].seq;
	return 0;
}

static void trail_all(struct fixture *f, const struct audit_filter *af, struct trail_seen *t)
{
	struct jy_err err = { 0 };
	int64_t before = 0, next;
	t->n = 0;
	do {
		int rc = audit_page(f->db, af, before, 50, trail_take, t, &next, &err);
		assert_int_equal(rc, JY_OK);
		before = next;
	} while (next);
}

static int first_cert(void *arg, const struct certificate *c)
{
	int64_t *id = arg;
	if (!*id)
		*id = c->id;
	return 0;
}

static void test_audit_scope(void **state)
{
	struct fixture *f = *state;
	add_workers(f);
	struct jy_err err = { 0 };
	int64_t chen = demo_id(f, "陈美玲"), zhou = demo_id(f, "周红霞"), wang = demo_id(f, "王秀兰");
	/* the administrator changes 陈美玲 (红星村) and 王秀兰 (幸福里社区), visits 周红霞 (红星村),
	 * refers and enrols 陈美玲, changes a course */
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, chen, &r, &err), JY_OK);
	resident_set(r, RF_PHONE, "13900000999");
	resident_set(r, RF_ADDRESS, "溪口镇红星村5组");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	resident_free(&r);
	assert_int_equal(resident_load(f->db, wang, &r, &err), JY_OK);
	resident_set(r, RF_ADDRESS, "幸福里社区9栋1单元101");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	resident_free(&r);
	struct visit v = { .resident_id = zhou, .date = "2026-11-20", .content = "家中走访" };
	assert_int_equal(visit_add(f->db, &v, &err), JY_OK);
	int64_t cert = 0;
	assert_int_equal(certificate_each(f->db, chen, first_cert, &cert, &err), JY_OK);
	assert_true(cert > 0);
	int64_t pid, cid, eid;
	assert_int_equal(jobrec_find_code(f->db, JR_POSTING, "J-003", &pid, &err), JY_OK);
	struct referral *ref = referral_new();
	ref->resident_id = chen;
	ref->posting_id = pid;
	ref->consent = 1;
	ref->referred_on = xstrdup("2026-11-21");
	assert_int_equal(referral_add(f->db, ref, &err), JY_OK);
	int64_t refid = ref->id;
	referral_free(&ref);
	assert_int_equal(course_find_code(f->db, "K-002", &cid, &err), JY_OK);
	assert_int_equal(enrolment_enrol(f->db, chen, cid, 0, &eid, &err), JY_OK);
	int64_t course_id;
	struct course *c = NULL;
	assert_int_equal(course_find_code(f->db, "K-001", &course_id, &err), JY_OK);
	assert_int_equal(course_load(f->db, course_id, &c, &err), JY_OK);
	course_set(c, CF_NOTE, "教室改在二楼");
	assert_int_equal(course_save(f->db, c, &err), JY_OK);
	course_free(&c);
	assert_int_equal(audit_note(f->db, "login", "session", 0, NULL, NULL, JY_OK, &err), JY_OK);

	static const struct {
		const char *entity;
		int which;      /* 0 陈美玲, 1 周红霞's visit, 2 王秀兰, 3 the certificate, 4 the referral,
		                 * 5 the enrolment, 6 the course, 7 the login (id 0) */
		int admin, zhao;
	} cases[] = {
		{ "resident", 0, 1, 0 },        /* her phone and address, old -> new */
		{ "visit", 1, 1, 0 },
		{ "resident", 2, 1, 1 },        /* 幸福里社区 is in 城南街道 */
		{ "certificate", 3, 1, 0 },
		{ "referral", 4, 1, 0 },
		{ "enrolment", 5, 1, 0 },
		{ "course", 6, 1, 1 },          /* no resident's record: the existing rules */
		{ "session", 7, 1, 1 },
	};
	const int64_t ids[] = { chen, v.id, wang, cert, refid, eid, course_id, 0 };
	struct audit_filter all = { 0 };
	struct trail_seen *mine = xcalloc(1, sizeof *mine), *hers = xcalloc(1, sizeof *hers);
	trail_all(f, &all, mine);
	act_as(f, "zhao");
	trail_all(f, &all, hers);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t id = ids[cases[i].which];
		assert_int_equal(trail_find(mine, cases[i].entity, id) != 0, cases[i].admin);
		assert_int_equal(trail_find(hers, cases[i].entity, id) != 0, cases[i].zhao);
	}
	assert_true(hers->n > 0 && hers->n < mine->n);
	/* Enter on a row: the row below seq + 1 is that row, never one she may not read */
	int64_t seq = trail_find(mine, "resident", chen), next;
	struct trail_seen *one = xcalloc(1, sizeof *one);
	assert_int_equal(audit_page(f->db, &all, seq + 1, 1, trail_take, one, &next, &err), JY_OK);
	assert_true(one->n == 0 || one->rows[0].seq != seq);
	/* asked for by name, 陈美玲 has no row for her */
	struct audit_filter byname = { .record = "陈美玲" };
	trail_all(f, &byname, one);
	assert_int_equal(one->n, 0);
	/* her export of the trail holds the rows she reads and no other */
	char path[128];
	snprintf(path, sizeof path, "%s/trail.csv", f->dir);
	int rows = 0;
	assert_int_equal(audit_export(f->db, &all, path, SHEET_CSV, &rows, &err), JY_OK);
	assert_int_equal(rows, hers->n);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[512];
	int found_chen = 0, found_wang = 0;
	int64_t wang_seq = trail_find(hers, "resident", wang);
	while (fgets(line, sizeof line, fp)) {
		long long n = strtoll(line, NULL, 10);
		found_chen |= n == seq;
		found_wang |= n == wang_seq;
	}
	fclose(fp);
	assert_false(found_chen);
	assert_true(found_wang);
	free(one);
	free(hers);
	free(mine);
	assert_int_equal(db_set_actor(f->db, &f->admin, NULL), JY_OK);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_role_table),
	cmocka_unit_test(test_role_names),
	cmocka_unit_test(test_masks),
	cmocka_unit_test_setup_teardown(test_first_worker_admin, setup, teardown),
	cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
	cmocka_unit_test_setup_teardown(test_close_worker, setup, teardown),
	cmocka_unit_test_setup_teardown(test_search_scope, setup, teardown),
	cmocka_unit_test_setup_teardown(test_sensitive_change, setup, teardown),
	cmocka_unit_test_setup_teardown(test_masked_never_saved, setup, teardown),
	cmocka_unit_test_setup_teardown(test_report_scope, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_scope, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_queued_masked, setup, teardown),
	cmocka_unit_test_setup_teardown(test_idno_one_message, setup, teardown),
	cmocka_unit_test_setup_teardown(test_audit_scope, setup, teardown),
};

TEST_MAIN(tests)
