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
	assert_int_equal(import_residents(f->db, path, IMPORT_SKIP_ERRORS, collect_line, &lines, &res, &err),
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
	assert_int_equal(import_residents(f->db, path, 0, collect_line, &lines, &res, &err), JY_EPERM);
	buf_free(&lines);
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
};

TEST_MAIN(tests)
