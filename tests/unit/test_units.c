/* tests/unit/test_units.c: the office's unit tree (levels, made codes, one name a unit, levels
 * under their parents, no cycle, a closed unit keeping her residents and taking no new one, the
 * profile, the import of a file of units, an administrator's only) and the settings table
 * (every value checked against what its key accepts). */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-units-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2026-11-23", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	assert_int_equal(f->admin.role, ROLE_ADMIN);    /* the first worker of a new database */
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
	struct jy_actor who = { 0 };
	snprintf(who.os_user, sizeof who.os_user, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &who, NULL), JY_OK);
}

/* 桐溪县 > 城南街道 > 幸福里社区, 建设社区; 桐溪县 > 溪口镇 > 红星村 */
static void tree(struct fixture *f)
{
	static const struct { const char *name; int level; const char *parent, *code, *want; } u[] = {
		{ "桐溪县", UNIT_COUNTY, NULL, "TX", "TX" },
		{ "城南街道", UNIT_STREET, "桐溪县", NULL, "TX01" },      /* parent's code + 01 */
		{ "幸福里社区", UNIT_COMMUNITY, "城南街道", NULL, "TX0101" },
		{ "建设社区", UNIT_COMMUNITY, "TX01", NULL, "TX0102" },   /* parent by its code */
		{ "溪口镇", UNIT_STREET, "桐溪县", NULL, "TX02" },
		{ "红星村", UNIT_COMMUNITY, "溪口镇", "330122105201", "330122105201" },
	};
	for (size_t i = 0; i < ARRAY_LEN(u); i++) {
		char code[32];
		struct jy_err err = { 0 };
		assert_int_equal(unit_add(f->db, u[i].name, u[i].level, u[i].parent, u[i].code, code, &err),
		                 JY_OK);
		assert_string_equal(code, u[i].want);
	}
}

static void test_levels(void **state)
{
	(void)state;
	static const struct { const char *in; int level; } cases[] = {
		{ "county", UNIT_COUNTY }, { "县", UNIT_COUNTY }, { "区", UNIT_COUNTY },
		{ "street", UNIT_STREET }, { "街道", UNIT_STREET }, { "乡镇", UNIT_STREET },
		{ "镇", UNIT_STREET }, { "community", UNIT_COMMUNITY }, { "社区", UNIT_COMMUNITY },
		{ "村", UNIT_COMMUNITY }, { "居委会", UNIT_COMMUNITY },
		{ "province", -1 }, { "", -1 }, { "社", -1 }, { NULL, -1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_int_equal(unit_level_parse(cases[i].in), cases[i].level);
	assert_string_equal(unit_level_label(UNIT_STREET), "街道乡镇");
}

static int collect(void *arg, const struct unit_row *u)
{
	struct jy_buf *b = arg;
	buf_addf(b, "%d%s%s;", u->depth, u->name, *u->closed_at ? "(x)" : "");
	return 0;
}

static void test_add_and_list(void **state)
{
	struct fixture *f = *state;
	int n = -1;
	assert_int_equal(unit_count(f->db, &n, NULL), JY_OK);
	assert_int_equal(n, 0);
	tree(f);
	struct jy_buf b = { 0 };
	assert_int_equal(unit_each(f->db, collect, &b, NULL), JY_OK);
	/* depth first, children by code: TX01 before TX02, 330122105201 under TX02 */
	assert_string_equal(b.s, "0桐溪县;1城南街道;2幸福里社区;2建设社区;1溪口镇;2红星村;");
	buf_free(&b);
	/* a unit without a parent stands at the top, with a made code */
	char code[32];
	assert_int_equal(unit_add(f->db, "东湖社区", UNIT_COMMUNITY, NULL, NULL, code, NULL), JY_OK);
	assert_string_equal(code, "U01");
	/* every change is in the trail */
	sqlite3_stmt *st = db_prepare(f->db, "SELECT count(*) FROM history WHERE entity = 'unit' "
	                                     "AND action = 'create'", NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 7);
	sqlite3_reset(st);
}

/* What is refused, and the field each refusal names. */
static void test_refusals(void **state)
{
	struct fixture *f = *state;
	tree(f);
	static const struct {
		const char *name;
		int level;
		const char *parent, *code;
		const char *field;
	} cases[] = {
		{ "幸福里社区", UNIT_COMMUNITY, "城南街道", NULL, "名称" },    /* twice under one parent */
		{ "幸福里社区", UNIT_COMMUNITY, "溪口镇", NULL, "名称" },      /* under another: still one */
		{ " 幸福里社区 ", UNIT_COMMUNITY, "溪口镇", NULL, "名称" },    /* spaces do not make it new */
		{ "南门社区", UNIT_STREET, "幸福里社区", NULL, "上级" },       /* a street under a community */
		{ "南门社区", UNIT_COMMUNITY, "红星村", NULL, "上级" },        /* a community under another */
		{ "城北街道", UNIT_STREET, "城南街道", NULL, "上级" },         /* a street under a street */
		{ "某县", UNIT_COUNTY, "桐溪县", NULL, "上级" },               /* a county under a county */
		{ "南门社区", UNIT_COMMUNITY, "无此街道", NULL, "上级" },      /* no such parent */
		{ "南门社区", UNIT_COMMUNITY, "城南街道", "TX0101", "代码" },  /* a code taken */
		{ "南门社区", UNIT_COMMUNITY, "城南街道", "南门", "代码" },    /* not letters and digits */
		{ "", UNIT_COMMUNITY, "城南街道", NULL, "名称" },
		{ "南门社区、北门社区", UNIT_COMMUNITY, "城南街道", NULL, "名称" },  /* a list's separator */
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", UNIT_COMMUNITY, NULL,
		  NULL, "名称" },                                              /* 31 characters */
		{ "南门社区", 9, NULL, NULL, "级别" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_err err = { 0 };
		int rc = unit_add(f->db, cases[i].name, cases[i].level, cases[i].parent, cases[i].code,
		                  NULL, &err);
		assert_true(rc == JY_EINVAL || rc == JY_ENOTFOUND);
		assert_string_equal(err.field, cases[i].field);
		assert_true(strlen(err.msg) > 0);
	}
	int n = -1;
	assert_int_equal(unit_count(f->db, &n, NULL), JY_OK);
	assert_int_equal(n, 6);         /* nothing of the refused ones went in */
	/* 30 characters is the most a name may have */
	assert_int_equal(unit_add(f->db, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
	                          UNIT_COMMUNITY, NULL, NULL, NULL, NULL), JY_OK);
}

static void test_move_rename(void **state)
{
	struct fixture *f = *state;
	tree(f);
	struct jy_err err = { 0 };
	/* under itself or one of its own units: a cycle, said as one */
	static const struct { const char *unit, *parent; } cycles[] = {
		{ "桐溪县", "幸福里社区" }, { "桐溪县", "城南街道" }, { "城南街道", "城南街道" },
		{ "城南街道", "建设社区" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cycles); i++) {
		err_clear(&err);
		assert_int_equal(unit_move(f->db, cycles[i].unit, cycles[i].parent, &err), JY_EINVAL);
		assert_string_equal(err.field, "上级");
		assert_non_null(strstr(err.msg, "circle"));
	}
	/* a level that does not fit: a community under a community */
	err_clear(&err);
	assert_int_equal(unit_move(f->db, "建设社区", "红星村", &err), JY_EINVAL);
	assert_null(strstr(err.msg, "circle"));
	/* a community moves to another street, and to the top */
	assert_int_equal(unit_move(f->db, "建设社区", "溪口镇", NULL), JY_OK);
	struct unit_row u;
	assert_int_equal(unit_get(f->db, "建设社区", &u, NULL), JY_OK);
	assert_string_equal(u.parent, "TX02");
	assert_string_equal(u.parent_name, "溪口镇");
	assert_int_equal(unit_move(f->db, "TX0102", NULL, NULL), JY_OK);
	assert_int_equal(unit_get(f->db, "建设社区", &u, NULL), JY_OK);
	assert_string_equal(u.parent, "");
	/* rename: not to a name taken, and the code stays */
	assert_int_equal(unit_rename(f->db, "建设社区", "红星村", &err), JY_EINVAL);
	assert_int_equal(unit_rename(f->db, "建设社区", "建设路社区", NULL), JY_OK);
	assert_int_equal(unit_get(f->db, "TX0102", &u, NULL), JY_OK);
	assert_string_equal(u.name, "建设路社区");
	assert_int_equal(unit_get(f->db, "建设社区", &u, &err), JY_ENOTFOUND);
}

static struct resident *person(const char *name, const char *id, const char *community)
{
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, community);
	return r;
}

static void test_closed_unit(void **state)
{
	struct fixture *f = *state;
	tree(f);
	struct jy_err err = { 0 };
	struct resident *r = person("王秀兰", "11010519491231002X", "幸福里社区");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	/* a street with open communities under it is not closed */
	assert_int_equal(unit_close(f->db, "城南街道", &err), JY_EINVAL);
	assert_int_equal(unit_close(f->db, "幸福里社区", &err), JY_OK);
	assert_int_equal(unit_close(f->db, "幸福里社区", &err), JY_EINVAL);      /* already */
	/* nothing new goes under a closed unit */
	assert_int_equal(unit_add(f->db, "幸福里北区", UNIT_COMMUNITY, "幸福里社区", NULL, NULL, &err),
	                 JY_EINVAL);
	/* her record stays and can be changed */
	resident_set(r, RF_ADDRESS, "幸福里3栋2单元401");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	/* a new resident there is refused, by name or by code, with the community named */
	static const char *const ways[] = { "幸福里社区", "TX0101" };
	for (size_t i = 0; i < ARRAY_LEN(ways); i++) {
		struct resident *n = person("李娟", "110105198001010016", ways[i]);
		err_clear(&err);
		assert_int_equal(resident_save(f->db, n, &err), JY_EINVAL);
		assert_string_equal(err.field, "社区");
		assert_non_null(strstr(err.msg, "幸福里社区"));
		char now[32];
		time_now_iso(now);
		now[10] = '\0';
		assert_non_null(strstr(err.msg, now));         /* and the day it was closed */
		resident_free(&n);
	}
	/* nor is one moved in from another community */
	struct resident *m = person("张红", "110105198505050011", "建设社区");
	assert_int_equal(resident_save(f->db, m, &err), JY_OK);
	resident_set(m, RF_COMMUNITY, "幸福里社区");
	assert_int_equal(resident_save(f->db, m, &err), JY_EINVAL);
	resident_free(&m);
	/* the same refusal in a bulk load (the import's path) */
	struct resident_bulk *b = NULL;
	assert_int_equal(resident_bulk_begin(f->db, &b, NULL), JY_OK);
	struct resident *n = person("赵敏", "110105199001010010", "幸福里社区");
	err_clear(&err);
	assert_int_equal(resident_bulk_add(b, n, &err), JY_EINVAL);
	assert_string_equal(err.field, "社区");
	resident_free(&n);
	resident_bulk_abort(&b);
	/* the list still shows it, closed */
	struct jy_buf l = { 0 };
	assert_int_equal(unit_each(f->db, collect, &l, NULL), JY_OK);
	assert_non_null(strstr(l.s, "2幸福里社区(x);"));
	buf_free(&l);
	resident_free(&r);
}

static void test_profile(void **state)
{
	struct fixture *f = *state;
	tree(f);
	struct unit_profile p = { "2026-06-30", 46, 122, 1589, 3856 }, got;
	struct jy_err err = { 0 };
	assert_int_equal(unit_profile_get(f->db, "幸福里社区", &got, &err), JY_ENOTFOUND);
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &p, &err), JY_OK);
	struct unit_profile later = { "2026年11月1日", -1, -1, 1601, 3870 };
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &later, &err), JY_OK);
	assert_int_equal(unit_profile_get(f->db, "TX0101", &got, &err), JY_OK);
	assert_string_equal(got.as_of, "2026-11-01");   /* the latest count */
	assert_int_equal(got.buildings, -1);
	assert_int_equal(got.households, 1601);
	assert_int_equal(got.population, 3870);
	struct unit_profile none = { "", -1, -1, -1, -1 }, bad = { "2026-13-01", 1, 1, 1, 1 },
	                    huge = { "", 1, 1, 1, 10000001 };
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &none, &err), JY_EINVAL);
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &bad, &err), JY_EINVAL);
	assert_string_equal(err.field, "日期");
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &huge, &err), JY_EINVAL);
	assert_string_equal(err.field, "人");
}

/* Only an administrator changes the tree; everyone reads it. */
static void test_admin_only(void **state)
{
	struct fixture *f = *state;
	tree(f);
	assert_int_equal(worker_save(f->db, "wangli", "王丽", ROLE_CLERK, "幸福里社区", NULL), JY_OK);
	act_as(f, "wangli");
	struct jy_err err = { 0 };
	struct unit_profile p = { "", 1, 1, 1, 1 };
	assert_int_equal(unit_add(f->db, "南门社区", UNIT_COMMUNITY, "城南街道", NULL, NULL, &err),
	                 JY_EPERM);
	assert_non_null(strstr(err.msg, "wangli"));
	assert_int_equal(unit_rename(f->db, "幸福里社区", "幸福社区", &err), JY_EPERM);
	assert_int_equal(unit_move(f->db, "幸福里社区", "溪口镇", &err), JY_EPERM);
	assert_int_equal(unit_close(f->db, "幸福里社区", &err), JY_EPERM);
	assert_int_equal(unit_profile_set(f->db, "幸福里社区", &p, &err), JY_EPERM);
	assert_int_equal(setting_put(f->db, "ui.lock_minutes", "5", &err), JY_EPERM);
	struct jy_buf b = { 0 };
	assert_int_equal(unit_each(f->db, collect, &b, NULL), JY_OK);
	assert_non_null(strstr(b.s, "幸福里社区"));
	buf_free(&b);
}

static void add_line(void *arg, const char *line)
{
	buf_addf(arg, "%s\n", line);
}

static void test_import_units(void **state)
{
	struct fixture *f = *state;
	char csv[128];
	snprintf(csv, sizeof csv, "%s/units.csv", f->dir);
	FILE *fp = fopen(csv, "w");
	assert_non_null(fp);
	fputs("名称,级别,上级\n"
	      "东湖县,县,\n"
	      "城关镇,镇,东湖县\n"
	      "幸福里社区,社区,城关镇\n"
	      "东湖村,村,城关镇\n", fp);
	fclose(fp);
	struct import_result res;
	struct jy_err err = { 0 };
	assert_int_equal(import_units(f->db, csv, NULL, IMPORT_DRY_RUN, NULL, NULL, &res, &err), JY_OK);
	assert_int_equal(res.added, 4);
	int n = -1;
	assert_int_equal(unit_count(f->db, &n, NULL), JY_OK);
	assert_int_equal(n, 0);         /* a dry run saves nothing */
	assert_int_equal(import_units(f->db, csv, NULL, 0, NULL, NULL, &res, &err), JY_OK);
	assert_int_equal(res.added, 4);
	struct unit_row u;
	assert_int_equal(unit_get(f->db, "东湖村", &u, NULL), JY_OK);
	assert_int_equal(u.level, UNIT_COMMUNITY);
	assert_string_equal(u.parent_name, "城关镇");
	/* the same file again: nothing new */
	assert_int_equal(import_units(f->db, csv, NULL, 0, NULL, NULL, &res, &err), JY_OK);
	assert_int_equal(res.unchanged, 4);
	assert_int_equal(res.added, 0);
	/* a parent further down, a cycle through two rows, a bad level, a name twice: refused whole */
	fp = fopen(csv, "w");
	fputs("名称,级别,上级\n"
	      "南门社区,社区,城南街道\n"   /* row 2: its street only in row 3 */
	      "城南街道,街道,东湖县\n"
	      "甲街道,街道,乙街道\n"       /* rows 4-5: each under the other */
	      "乙街道,街道,甲街道\n"
	      "丙社区,省,东湖县\n"         /* row 6 */
	      "丁社区,社区,城关镇\n"
	      "丁社区,社区,城关镇\n", fp); /* row 8 */
	fclose(fp);
	struct jy_buf lines = { 0 };
	assert_int_equal(import_units(f->db, csv, NULL, 0, add_line, &lines, &res, &err), JY_EINVAL);
	assert_int_equal(res.rejected, 5);      /* rows 2, 4, 5, 6 and 8 */
	assert_non_null(strstr(lines.s, "units.csv:2: 上级"));
	assert_non_null(strstr(lines.s, "units.csv:4: 上级"));
	assert_non_null(strstr(lines.s, "units.csv:5: 上级"));
	assert_non_null(strstr(lines.s, "units.csv:6: 级别"));
	assert_non_null(strstr(lines.s, "units.csv:8: 名称"));
	assert_int_equal(unit_count(f->db, &n, NULL), JY_OK);
	assert_int_equal(n, 4);         /* nothing of the bad file */
	buf_free(&lines);
}

/* ---- settings -------------------------------------------------------------------------------- */

static void test_setting_values(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *key, *value;
		int rc;
		const char *stored;     /* what is kept when accepted */
	} cases[] = {
		{ "ui.lock_minutes", "10", JY_OK, "10" },
		{ "ui.lock_minutes", " 0 ", JY_OK, "0" },           /* 0: never */
		{ "ui.lock_minutes", "1441", JY_EINVAL, NULL },
		{ "ui.lock_minutes", "-1", JY_EINVAL, NULL },
		{ "ui.lock_minutes", "ten", JY_EINVAL, NULL },
		{ "ui.lock_minutes", "", JY_EINVAL, NULL },
		{ "ui.lock_minutes", "10分钟", JY_EINVAL, NULL },
		{ "ui.lock_pam", "是", JY_OK, "1" },
		{ "ui.lock_pam", "no", JY_OK, "0" },
		{ "ui.lock_pam", "2", JY_EINVAL, NULL },
		{ "rule.4050.female_age", "45", JY_OK, "45" },      /* below female_upper 55 */
		{ "rule.4050.female_age", "55", JY_EINVAL, NULL },  /* not below it */
		{ "rule.4050.female_upper", "45", JY_EINVAL, NULL },/* not above female_age 45 */
		{ "rule.4050.female_upper", "0", JY_OK, "0" },      /* no upper limit */
		{ "rule.4050.female_age", "58", JY_OK, "58" },      /* then any age in range */
		{ "rule.4050.male_age", "29", JY_EINVAL, NULL },
		{ "training.tier.special", "101", JY_EINVAL, NULL },
		{ "training.tier.special", "50", JY_OK, "50" },
		{ "office.name", "城关街道幸福里社区劳动保障工作站", JY_OK, "城关街道幸福里社区劳动保障工作站" },
		{ "office.name", "", JY_OK, "" },
		{ "print.encoding", "GB18030", JY_OK, "GB18030" },
		{ "print.encoding", "GB", JY_EINVAL, NULL },        /* part of a choice is none */
		{ "print.encoding", "Big5", JY_EINVAL, NULL },
		{ "print.dest", "lp", JY_OK, "lp" },
		{ "loan.chain", "", JY_EINVAL, NULL },              /* at least one step */
		{ "loan.chain", "社区证明|银行审批", JY_OK, "社区证明|银行审批" },
		{ "audit.unhashed_until", "99", JY_EINVAL, NULL },  /* the trail's: never by hand */
		{ "no.such.key", "1", JY_EINVAL, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jy_err err = { 0 };
		int rc = setting_put(f->db, cases[i].key, cases[i].value, &err);
		if (rc != cases[i].rc)
			fail_msg("%s = %s: %d (%s)", cases[i].key, cases[i].value, rc, err.msg);
		if (rc) {
			assert_non_null(strstr(err.msg, cases[i].key));    /* the message names the key */
			continue;
		}
		char *v = NULL;
		assert_int_equal(setting_get(f->db, cases[i].key, &v, NULL), JY_OK);
		assert_string_equal(v, cases[i].stored);
		free(v);
	}
	/* what a reader gets is what was set, and the change is in the trail */
	int m = -1;
	assert_int_equal(db_setting_int(f->db, "ui.lock_minutes", 15, &m, NULL), JY_OK);
	assert_int_equal(m, 0);
	sqlite3_stmt *st = db_prepare(f->db, "SELECT count(*) FROM history WHERE entity = 'setting'",
	                              NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 13);      /* the cases accepted */
	sqlite3_reset(st);
}

static int check_default(void *arg, const struct setting_row *s)
{
	(void)arg;
	/* a fresh database holds the migrations' rows: the table's defaults must be the same */
	assert_string_equal(s->value, s->def->def);
	int v = -1;
	if (s->def->type == SETTING_INT) {
		/* and the default lies in the range it accepts */
		assert_true(atoi(s->def->def) >= s->def->min && atoi(s->def->def) <= s->def->max);
		assert_int_equal(db_setting_int(NULL, s->def->key, atoi(s->def->def), &v, NULL), JY_OK);
	}
	return 0;
}

static void test_setting_defaults(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(setting_each(f->db, check_default, NULL, NULL), JY_OK);
	assert_null(setting_def_find("audit.unhashed_until"));
	char *v = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(setting_get(f->db, "nope", &v, &err), JY_ENOTFOUND);
	assert_non_null(strstr(err.msg, "ui.lock_minutes"));       /* says which keys there are */
}

/* ---- code lists ------------------------------------------------------------------------------ */

static void test_code_lists(void **state)
{
	struct fixture *f = *state;
	tree(f);
	struct jy_err err = { 0 };
	char l[24];
	assert_int_equal(code_list_find(f->db, "文化程度", l, &err), JY_OK);
	assert_string_equal(l, "education");
	assert_int_equal(code_list_find(f->db, "学历表", l, &err), JY_ENOTFOUND);
	/* an office's own code, by the list's Chinese name; then an alias of it */
	assert_int_equal(code_add(f->db, "专业", "21", "电商直播", &err), JY_OK);
	assert_int_equal(code_alias_add(f->db, "speciality", "21", "直播带货", &err), JY_OK);
	static const struct { const char *list, *code, *text; int alias; const char *field; } bad[] = {
		{ "speciality", "21", "别的", 0, "代码" },         /* the code is there */
		{ "speciality", "22", "家政", 0, "名称" },         /* a label of the list */
		{ "speciality", "22", "保洁", 0, "名称" },         /* an alias of the list */
		{ "speciality", "二二", "新专业", 0, "代码" },     /* not letters and digits */
		{ "speciality", "22", "", 0, "名称" },
		{ "speciality", "21", "家政", 1, "别名" },         /* an alias that is a label */
		{ "speciality", "77", "别名", 1, "代码" },         /* no such code */
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err_clear(&err);
		int rc = bad[i].alias ? code_alias_add(f->db, bad[i].list, bad[i].code, bad[i].text, &err)
		                      : code_add(f->db, bad[i].list, bad[i].code, bad[i].text, &err);
		assert_int_equal(rc, JY_EINVAL);
		assert_string_equal(err.field, bad[i].field);
	}
	/* a resident takes the new code by its label and by its alias */
	struct resident *r = person("王秀兰", "11010519491231002X", "幸福里社区");
	resident_set(r, RF_EDUCATION, "文盲");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	/* retired: she keeps it, and may be saved with it; nobody new takes it */
	assert_int_equal(code_retire(f->db, "education", "99", &err), JY_OK);
	assert_int_equal(code_retire(f->db, "education", "99", &err), JY_EINVAL);   /* already */
	resident_set(r, RF_ADDRESS, "幸福里3栋");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	struct resident *n = person("李娟", "110105198001010016", "幸福里社区");
	static const char *const ways[] = { "99", "文盲或半文盲", "文盲" };   /* code, label, alias */
	for (size_t i = 0; i < ARRAY_LEN(ways); i++) {
		resident_set(n, RF_EDUCATION, ways[i]);
		err_clear(&err);
		assert_int_equal(resident_save(f->db, n, &err), JY_EINVAL);
		assert_string_equal(err.field, "文化程度");
		assert_non_null(strstr(err.msg, "retired"));
	}
	resident_set(n, RF_EDUCATION, "初中");
	assert_int_equal(resident_save(f->db, n, &err), JY_OK);
	/* her label is still read, and the changes are in the trail */
	const struct code_list *cl = codes_cached(f->db, "education", NULL);
	assert_non_null(cl);
	assert_string_equal(codes_label(cl, "99"), "文盲或半文盲");
	sqlite3_stmt *st = db_prepare(f->db, "SELECT count(*) FROM history WHERE entity = 'code'",
	                              NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 3);
	sqlite3_reset(st);
	resident_free(&r);
	resident_free(&n);
	/* a clerk reads the lists and changes none */
	assert_int_equal(worker_save(f->db, "wangli", "王丽", ROLE_CLERK, "幸福里社区", NULL), JY_OK);
	act_as(f, "wangli");
	assert_int_equal(code_add(f->db, "speciality", "23", "茶艺", &err), JY_EPERM);
	assert_int_equal(code_alias_add(f->db, "speciality", "21", "带货", &err), JY_EPERM);
	assert_int_equal(code_retire(f->db, "speciality", "21", &err), JY_EPERM);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test_setup_teardown(test_add_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_admin_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setting_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setting_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_lists, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
