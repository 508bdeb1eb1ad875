/* tests/unit/test_training.c: the training module's rules on real SQLite files — courses with codes,
 * history and versions; enrolment (duplicates, capacity, the waiting list, closed records);
 * completion and certificates; sessions, roll calls and attendance rates; the six-month outcome
 * across its date edges; subsidy tiers; the completers still without work; printouts. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char path[96];
	struct jy_db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-train-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
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

/* A registered woman born on birth, with a fresh ID number (seq makes it unique). */
static int64_t new_resident(struct jy_db *db, const char *name, const char *birth, int seq)
{
	char id[19];
	idcard_make("330102", birth, seq, 'F', id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	struct jy_err err = { 0 };
	assert_int_equal(resident_save(db, r, &err), JY_OK);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static int64_t new_course(struct jy_db *db, const char *name, const char *start, const char *end,
                          const char *capacity)
{
	struct course *c = course_new();
	course_set(c, CF_NAME, name);
	course_set(c, CF_START, start);
	course_set(c, CF_END, end);
	course_set(c, CF_CAPACITY, capacity);
	course_set(c, CF_SUBSIDY, "1000");
	struct jy_err err = { 0 };
	assert_int_equal(course_save(db, c, &err), JY_OK);
	int64_t id = c->id;
	course_free(&c);
	return id;
}

static int count_entry(void *arg, const struct history_entry *h)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

/* ---- courses ----------------------------------------------------------------------------------- */

static void test_course_values(void **state)
{
	struct fixture *f = *state;
	static const struct {
		int field;
		const char *in, *stored;        /* stored NULL: refused */
	} cases[] = {
		{ CF_SPECIALITY, "家政", "01" },            /* a label */
		{ CF_SPECIALITY, "母婴护理", "02" },        /* an alias */
		{ CF_SPECIALITY, "养老", "04" },
		{ CF_SPECIALITY, "烹饪", NULL },            /* not in the list (the office may add it) */
		{ CF_CATEGORY, "农村劳动力转移培训", "3" },
		{ CF_CATEGORY, "创业", "4" },
		{ CF_SUBSIDY, "1,200元", "1200" },
		{ CF_SUBSIDY, "１８００", "1800" },        /* full-width digits */
		{ CF_HOURS, "80学时", "80" },
		{ CF_HOURS, "八十", NULL },
		{ CF_CAPACITY, "040", "40" },
		{ CF_CAPACITY, "-3", NULL },
		{ CF_TERM, "2", "2" },
		{ CF_START, "2025年3月1日", "2025-03-01" },
		{ CF_START, "2025-02-30", NULL },
		{ CF_CODE, "k-101", "K-101" },             /* codes compared as one: upper case */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct course *c = course_new();
		course_set(c, CF_NAME, "测试班");
		course_set(c, CF_START, "2025-03-01");
		course_set(c, CF_END, "2025-03-10");
		course_set(c, cases[i].field, cases[i].in);
		struct jy_err err = { 0 };
		int rc = course_validate(f->db, c, &err);
		if (cases[i].stored) {
			assert_int_equal(rc, JY_OK);
			assert_string_equal(course_get(c, cases[i].field), cases[i].stored);
		} else {
			assert_int_equal(rc, JY_EINVAL);
			assert_string_equal(err.field, course_fields[cases[i].field].label);
			assert_true(strlen(err.msg) > 10);
		}
		course_free(&c);
	}
}

static void test_course_save(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct course *c = course_new();
	course_set(c, CF_NAME, "养老护理员培训班 2024年第2期");
	course_set(c, CF_START, "2024-07-10");
	course_set(c, CF_END, "2024-07-01");
	assert_int_equal(course_save(f->db, c, &err), JY_EINVAL);     /* ends before it starts */
	assert_string_equal(err.field, "结业日期");
	assert_int_equal(c->id, 0);
	course_set(c, CF_END, "2024-07-20");
	course_set(c, CF_SPECIALITY, "养老护理");
	assert_int_equal(course_save(f->db, c, &err), JY_OK);
	assert_string_equal(course_get(c, CF_CODE), "K-006");         /* after the demo's K-001..K-005 */
	assert_int_equal(c->version, 1);

	/* a second worker edits; the first one's stale save is refused and stores nothing */
	struct course *other = NULL;
	assert_int_equal(course_load(f->db, c->id, &other, &err), JY_OK);
	course_set(other, CF_PLACE, "幸福里社区妇女之家");
	assert_int_equal(course_save(f->db, other, &err), JY_OK);
	assert_int_equal(other->version, 2);
	course_set(c, CF_PLACE, "县就业服务中心");
	assert_int_equal(course_save(f->db, c, &err), JY_ECONFLICT);
	struct course *now = NULL;
	assert_int_equal(course_load(f->db, c->id, &now, &err), JY_OK);
	assert_string_equal(course_get(now, CF_PLACE), "幸福里社区妇女之家");

	/* a code in use is refused */
	struct course *d = course_new();
	course_set(d, CF_NAME, "另一个班");
	course_set(d, CF_CODE, "k-001");
	course_set(d, CF_START, "2024-07-10");
	course_set(d, CF_END, "2024-07-20");
	assert_int_equal(course_save(f->db, d, &err), JY_EDUP);
	assert_string_equal(err.field, "培训班编号");

	int n = 0;
	assert_int_equal(history_each(f->db, "course", c->id, count_entry, &n, NULL), JY_OK);
	assert_int_equal(n, 2);         /* created, then the place */
	course_free(&c);
	course_free(&other);
	course_free(&now);
	course_free(&d);
}

static void test_course_search(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *q;
		const char *codes;      /* the codes found, newest start first */
	} cases[] = {
		{ "", "K-005 K-003 K-002 K-004 K-001" },
		{ "jz", "K-001" },                  /* 家政: pinyin initials at the start */
		{ "pxb", "K-005 K-003 K-002 K-004 K-001" },   /* 培训班: initials anywhere in the name */
		{ "月嫂", "K-002" },
		{ "syb", "K-003" },
		{ "k-00", "K-005 K-003 K-002 K-004 K-001" },
		{ "k-004", "K-004" },
		{ "編織", "K-004" },                /* traditional finds simplified */
		{ "烹饪", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct course_page pg;
		struct jy_err err = { 0 };
		assert_int_equal(course_search(f->db, cases[i].q, NULL, 50, &pg, &err), JY_OK);
		struct jy_buf b = { 0 };
		buf_adds(&b, "");
		for (int k = 0; k < pg.n; k++)
			buf_addf(&b, "%s%s", k ? " " : "", pg.rows[k].code);
		if (strcmp(b.s, cases[i].codes) != 0)
			fail_msg("query \"%s\": got \"%s\", want \"%s\"", cases[i].q, b.s, cases[i].codes);
		buf_free(&b);
		course_page_free(&pg);
	}
	/* pages: two at a time, the cursor continues where the page ended */
	struct course_page p1, p2;
	assert_int_equal(course_search(f->db, "", NULL, 2, &p1, NULL), JY_OK);
	assert_int_equal(p1.n, 2);
	assert_true(p1.more);
	assert_int_equal(course_search(f->db, "", p1.next, 2, &p2, NULL), JY_OK);
	assert_string_equal(p2.rows[0].code, "K-002");
	course_page_free(&p1);
	course_page_free(&p2);
}

/* ---- enrolment --------------------------------------------------------------------------------- */

static void test_enrol_rules(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t cid = new_course(f->db, "育婴员培训班", "2024-07-01", "2024-07-15", "2");
	int64_t a = new_resident(f->db, "甲", "1980-01-01", 1);
	int64_t b = new_resident(f->db, "乙", "1981-01-01", 2);
	int64_t c = new_resident(f->db, "丙", "1982-01-01", 3);
	int64_t d = new_resident(f->db, "丁", "1983-01-01", 4);
	int64_t e1, e2, e3, e4;

	assert_int_equal(enrolment_enrol(f->db, a, cid, 0, &e1, &err), JY_OK);
	assert_false(err.warn);
	/* a second enrolment of one person in one course is refused and names the first */
	assert_int_equal(enrolment_enrol(f->db, a, cid, 0, NULL, &err), JY_EDUP);
	assert_int_equal(err.other_id, e1);
	assert_non_null(strstr(err.msg, "甲"));
	assert_int_equal(enrolment_enrol(f->db, a, cid, 1, NULL, &err), JY_EDUP);   /* nor waiting */
	assert_int_equal(enrolment_enrol(f->db, b, cid, 0, &e2, &err), JY_OK);
	assert_false(err.warn);
	/* full: the third is taken with a warning that says so */
	assert_int_equal(enrolment_enrol(f->db, c, cid, 0, &e3, &err), JY_OK);
	assert_true(err.warn);
	assert_non_null(strstr(err.msg, "3"));
	/* the waiting list takes her without a word and does not count against the capacity */
	assert_int_equal(enrolment_enrol(f->db, d, cid, 1, &e4, &err), JY_OK);
	assert_false(err.warn);
	struct course_counts cc;
	assert_int_equal(course_counts(f->db, cid, &cc, &err), JY_OK);
	assert_int_equal(cc.capacity, 2);
	assert_int_equal(cc.admitted, 3);
	assert_int_equal(cc.waiting, 1);

	/* one drops out (two left for two places); admitting the waiting one is one too many again */
	struct enrolment *x = NULL;
	assert_int_equal(enrolment_load(f->db, e3, &x, &err), JY_OK);
	enrolment_set(x, EF_RESULT, "退学");
	assert_int_equal(enrolment_save(f->db, x, &err), JY_OK);
	assert_string_equal(enrolment_get(x, EF_RESULTON), "2024-06-30");   /* today */
	enrolment_free(&x);
	assert_int_equal(enrolment_load(f->db, e4, &x, &err), JY_OK);
	enrolment_set(x, EF_WAITLIST, "否");
	assert_int_equal(enrolment_save(f->db, x, &err), JY_OK);
	assert_true(err.warn);
	enrolment_free(&x);
	assert_int_equal(course_counts(f->db, cid, &cc, &err), JY_OK);
	assert_int_equal(cc.admitted, 3);
	assert_int_equal(cc.waiting, 0);
	assert_int_equal(cc.dropped, 1);

	/* the list: admitted in order, the dropped one where she was */
	struct enrol_row *rows;
	int n;
	assert_int_equal(enrolment_list(f->db, cid, 0, NULL, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].name, "甲");
	assert_string_equal(rows[2].result, "dropped");
	free(rows);

	/* a resident whose record is closed cannot enrol; nor an ID nobody registered */
	int64_t z = new_resident(f->db, "戊", "1984-01-01", 5);
	assert_int_equal(resident_close(f->db, z, 1, CLOSING("迁出"), &err), JY_OK);
	assert_int_equal(enrolment_enrol(f->db, z, cid, 0, NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "身份证号");
	struct enrolment *y = enrolment_new();
	enrolment_set(y, EF_IDNO, "11010519491231002X");
	enrolment_set(y, EF_COURSE, "K-001");
	assert_int_equal(enrolment_save(f->db, y, &err), JY_EINVAL);
	assert_string_equal(err.field, "身份证号");
	assert_non_null(strstr(err.msg, "no resident has this ID number"));
	assert_null(strstr(err.msg, "11010519491231002X"));    /* never the number in a message */
	enrolment_set(y, EF_COURSE, "K-999");
	enrolment_set(y, EF_IDNO, NULL);
	y->resident_id = a;
	assert_int_equal(enrolment_save(f->db, y, &err), JY_EINVAL);
	assert_string_equal(err.field, "培训班编号");
	assert_non_null(strstr(err.msg, "K-001"));      /* says which codes exist */
	enrolment_free(&y);

	/* the resident's page lists the enrolment, and her history has a line for it */
	int hn = 0;
	assert_int_equal(history_each(f->db, "resident", a, count_entry, &hn, NULL), JY_OK);
	assert_int_equal(hn, 2);        /* registered, enrolled */
}

static void test_completion(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t cid = new_course(f->db, "养老护理员培训班", "2024-05-01", "2024-05-20", NULL);
	int64_t a = new_resident(f->db, "甲", "1980-01-01", 11);
	int64_t b = new_resident(f->db, "乙", "1981-01-01", 12);
	int64_t e1, e2;
	assert_int_equal(enrolment_enrol(f->db, a, cid, 0, &e1, &err), JY_OK);
	assert_int_equal(enrolment_enrol(f->db, b, cid, 1, &e2, &err), JY_OK);

	static const struct {
		int waitlisted;
		const char *result, *passed, *cert, *certno, *date;
		int rc;
		const char *field;
	} cases[] = {
		{ 1, "结业", NULL, NULL, NULL, NULL, JY_EINVAL, "学习状态" },   /* still waiting */
		{ 0, "在读", NULL, NULL, NULL, "2024-05-20", JY_EINVAL, "结业日期" },
		{ 0, "在读", "是", "结业证书", NULL, NULL, JY_EINVAL, "证书类型" },   /* not completed */
		{ 0, "结业", "否", "职业资格证书", NULL, NULL, JY_EINVAL, "证书类型" },
		{ 0, "结业", NULL, NULL, "PX-001", NULL, JY_EINVAL, "证书类型" },   /* number, no type */
		{ 0, "结业", NULL, NULL, NULL, "2024-01-01", JY_EINVAL, "结业日期" },  /* before enrolling */
		{ 0, "结业", "合格", NULL, NULL, NULL, JY_OK, NULL },
		{ 0, "结业", NULL, "职业技能等级证书", "PX-002", NULL, JY_OK, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct enrolment *e = NULL;
		assert_int_equal(enrolment_load(f->db, cases[i].waitlisted ? e2 : e1, &e, &err), JY_OK);
		/* what the case names is set; the rest stays as stored */
		const int fields[] = { EF_RESULT, EF_PASSED, EF_CERT, EF_CERTNO, EF_RESULTON };
		const char *vals[] = { cases[i].result, cases[i].passed, cases[i].cert, cases[i].certno, cases[i].date };
		for (int k = 0; k < 5; k++)
			if (vals[k])
				enrolment_set(e, fields[k], vals[k]);
		int rc = enrolment_save(f->db, e, &err);
		if (rc != cases[i].rc)
			fail_msg("case %zu: %d (%s: %s), want %d", i, rc, err.field, err.msg, cases[i].rc);
		if (cases[i].field && strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: field %s (%s), want %s", i, err.field, err.msg, cases[i].field);
		enrolment_free(&e);
	}
	struct enrolment *e = NULL;
	assert_int_equal(enrolment_load(f->db, e1, &e, &err), JY_OK);
	assert_string_equal(enrolment_get(e, EF_RESULTON), "2024-05-20");   /* the course's end */
	assert_string_equal(enrolment_get(e, EF_PASSED), "1");              /* a certificate says so */
	assert_string_equal(enrolment_get(e, EF_CERT), "2");
	/* back to 在读: the completion date goes with it */
	enrolment_set(e, EF_RESULT, "enrolled");
	enrolment_set(e, EF_CERT, NULL);
	enrolment_set(e, EF_CERTNO, NULL);
	assert_int_equal(enrolment_save(f->db, e, &err), JY_OK);
	assert_string_equal(enrolment_get(e, EF_RESULTON), "");
	/* a stale copy is refused */
	e->version--;
	enrolment_set(e, EF_NOTE, "迟到多次");
	assert_int_equal(enrolment_save(f->db, e, &err), JY_ECONFLICT);
	enrolment_free(&e);
	int n = 0;
	assert_int_equal(history_each(f->db, "enrolment", e1, count_entry, &n, NULL), JY_OK);
	assert_int_equal(n, 4);         /* created, 结业, certificate, back to 在读 */
}

/* ---- sessions and attendance ------------------------------------------------------------------- */

static int64_t new_session(struct jy_db *db, int64_t cid, const char *date, int rc_want)
{
	struct session *s = session_new(cid);
	session_set(s, SF_DATE, date);
	session_set(s, SF_START, "9点");
	session_set(s, SF_END, "11:30");
	struct jy_err err = { 0 };
	assert_int_equal(session_save(db, s, &err), rc_want);
	int64_t id = s->id;
	if (rc_want == JY_OK)
		assert_string_equal(session_get(s, SF_START), "09:00");
	session_free(&s);
	return id;
}

static void mark_all(struct jy_db *db, int64_t sid, const int *marks, int n)
{
	struct rollcall rc;
	struct jy_err err = { 0 };
	assert_int_equal(rollcall_load(db, sid, &rc, &err), JY_OK);
	assert_int_equal(rc.n, n);
	for (int i = 0; i < n; i++)
		rc.rows[i].mark = marks[i];
	assert_int_equal(rollcall_save(db, &rc, &err), JY_OK);
	rollcall_free(&rc);
}

static void test_attendance(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t cid = new_course(f->db, "电脑培训班", "2024-06-03", "2024-06-07", NULL);
	int64_t a = new_resident(f->db, "甲", "1980-01-01", 21);
	int64_t b = new_resident(f->db, "乙", "1981-01-01", 22);
	int64_t w = new_resident(f->db, "候", "1982-01-01", 23);
	assert_int_equal(enrolment_enrol(f->db, a, cid, 0, NULL, &err), JY_OK);
	assert_int_equal(enrolment_enrol(f->db, b, cid, 0, NULL, &err), JY_OK);
	assert_int_equal(enrolment_enrol(f->db, w, cid, 1, NULL, &err), JY_OK);   /* not on the roll */

	new_session(f->db, cid, "2024-06-02", JY_EINVAL);   /* before the course */
	int64_t s[4];
	s[0] = new_session(f->db, cid, "2024-06-03", JY_OK);
	s[1] = new_session(f->db, cid, "2024-06-04", JY_OK);
	s[2] = new_session(f->db, cid, "2024-06-05", JY_OK);
	s[3] = new_session(f->db, cid, "2024-06-06", JY_OK);
	struct session *dup = session_new(cid);
	session_set(dup, SF_NO, "2");
	session_set(dup, SF_DATE, "2024-06-07");
	assert_int_equal(session_save(f->db, dup, &err), JY_EDUP);
	session_free(&dup);

	/* 甲: 到 迟 缺 假 -> 2 of 4 attended, 50.0%; 乙: 到 到 到 (one session not marked) -> 100.0% */
	int m0[] = { MARK_PRESENT, MARK_PRESENT }, m1[] = { MARK_LATE, MARK_PRESENT },
	    m2[] = { MARK_ABSENT, MARK_PRESENT }, m3[] = { MARK_LEAVE, MARK_NONE };
	mark_all(f->db, s[0], m0, 2);
	mark_all(f->db, s[1], m1, 2);
	mark_all(f->db, s[2], m2, 2);
	mark_all(f->db, s[3], m3, 2);
	struct enrol_row *rows;
	int n;
	assert_int_equal(enrolment_list(f->db, cid, 0, NULL, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].marked, 4);
	assert_int_equal(attendance_rate(&rows[0]), 500);
	assert_int_equal(rows[1].marked, 3);
	assert_int_equal(attendance_rate(&rows[1]), 1000);
	assert_int_equal(attendance_rate(&rows[2]), -1);    /* nothing marked */
	free(rows);
	struct session_row *sr;
	assert_int_equal(session_list(f->db, cid, &sr, &n, &err), JY_OK);
	assert_int_equal(n, 4);
	assert_int_equal(sr[0].no, 1);
	assert_int_equal(sr[0].present, 2);
	assert_int_equal(sr[3].marked, 1);
	free(sr);

	/* two workers take the same roll call: the second save is refused, the first stays */
	struct rollcall r1, r2;
	assert_int_equal(rollcall_load(f->db, s[3], &r1, &err), JY_OK);
	assert_int_equal(rollcall_load(f->db, s[3], &r2, &err), JY_OK);
	r1.rows[1].mark = MARK_PRESENT;
	r2.rows[1].mark = MARK_ABSENT;
	assert_int_equal(rollcall_save(f->db, &r1, &err), JY_OK);
	assert_int_equal(rollcall_save(f->db, &r2, &err), JY_ECONFLICT);
	/* a mark is never taken back to none; nothing changed saves nothing */
	r1.rows[0].mark = MARK_NONE;
	assert_int_equal(rollcall_save(f->db, &r1, &err), JY_OK);
	rollcall_free(&r1);
	rollcall_free(&r2);
	assert_int_equal(rollcall_load(f->db, s[3], &r1, &err), JY_OK);
	assert_int_equal(r1.rows[0].mark, MARK_LEAVE);
	assert_int_equal(r1.rows[1].mark, MARK_PRESENT);
	rollcall_free(&r1);
	int hn = 0;
	assert_int_equal(history_each(f->db, "session", s[3], count_entry, &hn, NULL), JY_OK);
	assert_int_equal(hn, 3);        /* created, two roll calls */
	assert_string_equal(mark_label(MARK_LATE), "迟");
}

/* ---- the six-month outcome ----------------------------------------------------------------------- */

static void test_outcome_edges(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *end;        /* the course's last day */
		const char *job;        /* an employed status event (NULL: none) */
		const char *status;
		const char *asof;
		int outcome;
		const char *window;
	} cases[] = {
		{ "2024-03-15", "2024-03-15", "20", "2025-01-01", OUTCOME_NOT_EMPLOYED, "2024-09-15" }, /* the day of the end */
		{ "2024-03-15", "2024-03-16", "20", "2025-01-01", OUTCOME_EMPLOYED, "2024-09-15" },     /* the next day */
		{ "2024-03-15", "2024-09-15", "21", "2025-01-01", OUTCOME_EMPLOYED, "2024-09-15" },     /* end + 6 months exactly */
		{ "2024-03-15", "2024-09-16", "22", "2025-01-01", OUTCOME_NOT_EMPLOYED, "2024-09-15" }, /* + 6 months + 1 day */
		{ "2024-08-31", "2025-02-28", "23", "2025-06-01", OUTCOME_EMPLOYED, "2025-02-28" },     /* month end clamped */
		{ "2024-08-31", "2025-03-01", "20", "2025-06-01", OUTCOME_NOT_EMPLOYED, "2025-02-28" },
		{ "2023-08-31", "2024-02-29", "20", "2024-06-01", OUTCOME_EMPLOYED, "2024-02-29" },     /* leap day */
		{ "2024-03-15", "2024-05-01", "10", "2025-01-01", OUTCOME_NOT_EMPLOYED, "2024-09-15" }, /* 失业 is not work */
		{ "2024-03-15", NULL, NULL, "2024-09-15", OUTCOME_PENDING, "2024-09-15" },              /* window still open */
		{ "2024-03-15", NULL, NULL, "2024-09-16", OUTCOME_NOT_EMPLOYED, "2024-09-15" },
		{ "2024-03-15", "2024-06-01", "20", "2024-05-01", OUTCOME_PENDING, "2024-09-15" },      /* not known yet on asof */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t rid = new_resident(f->db, "测试", "1980-05-05", 100 + 2 * (int)i);
		if (cases[i].job) {
			struct status_event e = { .resident_id = rid, .date = (char *)cases[i].job,
			                          .status = (char *)cases[i].status, .form = "010" };
			struct jy_err err = { 0 };
			assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
		}
		char on[11], win[11];
		int o = -1;
		assert_int_equal(outcome_employment(f->db, rid, cases[i].end, cases[i].asof, &o, on,
		                                    win, NULL), JY_OK);
		if (o != cases[i].outcome)
			fail_msg("case %zu (end %s, job %s): outcome %d, want %d", i, cases[i].end,
			         cases[i].job ? cases[i].job : "-", o, cases[i].outcome);
		assert_string_equal(win, cases[i].window);
		if (o == OUTCOME_EMPLOYED)
			assert_string_equal(on, cases[i].job);
	}
}

/* The admitted cannot be counted (their list refused mid-save): the enrolment that would pass the
 * capacity is refused with the failure, and nothing is saved. Before, the count read 0 and she was
 * taken past the capacity without the warning. Readable again, she is taken with it. */
static void test_capacity_unreadable(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t cid = new_course(f->db, "育婴员培训班", "2024-07-01", "2024-07-15", "1");
	int64_t a = new_resident(f->db, "甲", "1980-01-01", 1);
	int64_t b = new_resident(f->db, "乙", "1981-01-01", 2);
	int64_t e, none;
	assert_int_equal(enrolment_enrol(f->db, a, cid, 0, &e, &err), JY_OK);      /* 1 of 1 */
	assert_false(err.warn);
	test_deny_read(f->db, "enrolment", "waitlisted");       /* only the count reads it */
	assert_int_equal(enrolment_enrol(f->db, b, cid, 0, &e, &err), JY_EDB);
	test_deny_read(f->db, NULL, NULL);
	assert_false(err.warn);
	assert_int_equal(e, 0);
	assert_non_null(strstr(err.msg, "reading the enrolments"));
	assert_non_null(strstr(err.msg, "enrolment.waitlisted"));
	assert_int_equal(enrolment_find(f->db, b, cid, &none, &err), JY_ENOTFOUND);
	assert_int_equal(enrolment_enrol(f->db, b, cid, 0, &e, &err), JY_OK);      /* 2 of 1 */
	assert_true(err.warn);
	assert_non_null(strstr(err.msg, "2 admitted for 1 places"));
}

static void test_tiers(void **state)
{
	struct fixture *f = *state;
	static const struct {
		int completed, employed, passed;
		const char *cert;
		int tier;
	} cases[] = {
		{ 1, 1, 1, "1", 100 },          /* 结业证书 and a job within six months */
		{ 1, 1, 1, "3", 100 },          /* the job decides, whatever the certificate */
		{ 1, 0, 1, "2", 80 },           /* 职业资格证书, no job */
		{ 1, 0, 1, "3", 60 },           /* 专项职业能力证书, no job */
		{ 1, 0, 1, "1", 0 },            /* 结业证书 alone */
		{ 1, 1, 0, NULL, 0 },           /* a job, but she did not pass */
		{ 0, 1, 1, "2", 0 },            /* not completed */
	};
	int tier;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(outcome_tier(f->db, cases[i].completed, cases[i].employed, cases[i].passed,
		                              cases[i].cert, &tier, NULL), JY_OK);
		assert_int_equal(tier, cases[i].tier);
	}
	/* tiers are locality settings */
	struct jy_err err = { 0 };
	assert_int_equal(db_setting_set(f->db, "training.tier.vocational", "70", &err), JY_OK);
	assert_int_equal(outcome_tier(f->db, 1, 0, 1, "2", &tier, &err), JY_OK);
	assert_int_equal(tier, 70);
}

/* The demo (dates shifted one month back for 2024-06-30): of the completers, 张丽华 (月嫂,
 * K-002), 刘晓燕 (自主创业, K-003) and 黄淑芬 (钟点家政, K-001) found work within six months;
 * 王秀兰 (K-001) has not, and her window is still open. */
static void test_demo_outcome(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct enrol_row *rows;
	int n;
	assert_int_equal(outcome_without_work(f->db, 0, "2024-06-30", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "王秀兰");
	assert_string_equal(rows[0].course_code, "K-001");
	assert_int_equal(rows[0].outcome, OUTCOME_PENDING);
	assert_int_equal(rows[0].tier, 0);
	free(rows);
	int64_t k1;
	assert_int_equal(course_find_code(f->db, "K-001", &k1, NULL), JY_OK);
	assert_int_equal(enrolment_list(f->db, k1, 0, "2024-06-30", &rows, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].name, "黄淑芬");
	assert_int_equal(rows[1].outcome, OUTCOME_EMPLOYED);
	assert_string_equal(rows[1].employed_on, "2024-05-03");
	assert_int_equal(rows[1].tier, 100);
	assert_int_equal(rows[1].amount, 1200);
	free(rows);
	/* the demo's codes: 家政, 失业人员培训, 结业证书 */
	struct course *c = NULL;
	assert_int_equal(course_load(f->db, k1, &c, &err), JY_OK);
	char *sp = NULL, *cat = NULL;
	assert_int_equal(course_display(f->db, c, CF_SPECIALITY, &sp, &err), JY_OK);
	assert_int_equal(course_display(f->db, c, CF_CATEGORY, &cat, &err), JY_OK);
	assert_string_equal(sp, "家政");
	assert_string_equal(cat, "失业人员培训");
	free(sp);
	free(cat);
	course_free(&c);
}

/* The six-month checks falling due (今日待办). By hand, with the demo's 王秀兰 (K-001 ends
 * 2024-03-22, a month earlier in the demo loaded for 2024-06-30: 2024-02-22, so her window ends
 * 2024-08-22) and three more completers of courses ending on 2023-12-31 (window 2024-06-30),
 * 2024-02-29 (2024-08-29) and 2024-08-31 (2025-02-28, the month end clamped):
 *   asof 2024-06-30, 30 days (until 2024-07-30): only 岁末班's, its window ending today;
 *   asof 2024-07-01, 30 days (until 07-31): none (岁末班's window has closed, 王秀兰's is later);
 *   asof 2024-07-31, 30 days (until 08-30): 王秀兰, then 闰日班 (by the course's end);
 *   asof 2024-08-23, 30 days: 闰日班 alone (王秀兰's window closed the day before);
 *   asof 2025-02-01, 27 days (until 02-28): 月末班, on its window's last day.
 * And for every day of fifteen months and three spans, the same rows as the whole list filtered. */
static void complete_in(struct jy_db *db, const char *name, int seq, const char *end)
{
	struct jy_err err = { 0 };
	int64_t cid = new_course(db, name, "2023-09-01", end, "10");
	int64_t rid = new_resident(db, name, "1980-05-05", seq), eid;
	assert_int_equal(enrolment_enrol(db, rid, cid, 0, &eid, &err), JY_OK);
	struct enrolment *e = NULL;
	assert_int_equal(enrolment_load(db, eid, &e, &err), JY_OK);
	enrolment_set(e, EF_RESULT, "结业");
	assert_int_equal(enrolment_save(db, e, &err), JY_OK);
	enrolment_free(&e);
}

static void due_names(struct jy_db *db, const char *asof, int days, char *out, size_t size)
{
	struct jy_err err = { 0 };
	struct enrol_row *rows;
	int n;
	assert_int_equal(outcome_due(db, asof, days, &rows, &n, &err), JY_OK);
	out[0] = '\0';
	for (int k = 0; k < n; k++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", k ? "," : "", rows[k].name);
	free(rows);
}

static void test_outcome_due(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	complete_in(f->db, "岁末班", 302, "2023-12-31");
	complete_in(f->db, "闰日班", 304, "2024-02-29");
	complete_in(f->db, "月末班", 306, "2024-08-31");
	char got[256];
	due_names(f->db, "2024-06-30", 30, got, sizeof got);
	assert_string_equal(got, "岁末班");
	due_names(f->db, "2024-07-01", 30, got, sizeof got);
	assert_string_equal(got, "");
	due_names(f->db, "2024-07-31", 30, got, sizeof got);
	assert_string_equal(got, "王秀兰,闰日班");
	due_names(f->db, "2024-08-23", 30, got, sizeof got);
	assert_string_equal(got, "闰日班");
	due_names(f->db, "2025-02-01", 27, got, sizeof got);
	assert_string_equal(got, "月末班");
	const int spans[] = { 0, 30, 90 };
	for (int64_t day = date_days(2024, 1, 1); day <= date_days(2025, 3, 31); day++) {
		int y, m, d;
		char asof[11];
		date_from_days(day, &y, &m, &d);
		snprintf(asof, sizeof asof, "%04d-%02d-%02d", y, m, d);
		struct enrol_row *all;
		int nall;
		assert_int_equal(outcome_without_work(f->db, 0, asof, &all, &nall, &err), JY_OK);
		for (size_t s = 0; s < sizeof spans / sizeof *spans; s++) {
			char until[11], want[256] = "";
			date_from_days(day + spans[s], &y, &m, &d);
			snprintf(until, sizeof until, "%04d-%02d-%02d", y, m, d);
			for (int k = 0; k < nall; k++)
				if (all[k].outcome == OUTCOME_PENDING && strcmp(all[k].window_end, until) <= 0)
					snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
					         want[0] ? "," : "", all[k].name);
			due_names(f->db, asof, spans[s], got, sizeof got);
			assert_string_equal(got, want);
		}
		free(all);
	}
}

/* ---- printouts ----------------------------------------------------------------------------------- */

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct jy_buf b = { 0 };
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, k);
	fclose(fp);
	return buf_steal(&b);
}

static void test_printouts(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t k1;
	assert_int_equal(course_find_code(f->db, "K-001", &k1, NULL), JY_OK);
	/* 45 trainees: the sheet runs over several pages, each with its header */
	for (int i = 0; i < 45; i++) {
		char name[32];
		snprintf(name, sizeof name, "学员%02d号", i % 100);
		int64_t rid = new_resident(f->db, name, "1975-03-03", 200 + 2 * i);
		assert_int_equal(enrolment_enrol(f->db, rid, k1, 0, NULL, &err), JY_OK);
	}
	struct session *s = session_new(k1);
	session_set(s, SF_DATE, "2024-02-12");
	session_set(s, SF_TOPIC, "家庭保洁与收纳：从入门到熟练的全部要点和注意事项");
	assert_int_equal(session_save(f->db, s, &err), JY_OK);
	char *path = xasprintf("%s/signin.txt", f->dir);
	assert_int_equal(print_signin(f->db, s->id, path, &err), JY_OK);
	char *text = slurp(path);
	assert_non_null(strstr(text, "签到表"));
	assert_non_null(strstr(text, "王秀兰"));
	assert_non_null(strstr(text, "学员44号"));
	assert_null(strstr(text, "330122197703121004"));     /* no whole ID number on paper */
	assert_non_null(strchr(text, '\f'));                  /* more than one page */
	/* every line fits the page: 80 columns, never a character cut */
	int lines = 0, pages = 1;
	for (char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		char *l = xstrndup(line, len);
		if (l[0] == '\f') {
			pages++;
			lines = 0;
			memmove(l, l + 1, strlen(l));
		}
		assert_true(text_valid_utf8(l, strlen(l)));
		if (text_width(l) > 80)
			fail_msg("line wider than 80 columns: %s", l);
		lines++;
		assert_true(lines <= 60);
		free(l);
		line += len + (line[len] == '\n');
	}
	assert_true(pages >= 2);
	free(text);
	free(path);
	session_free(&s);

	path = xasprintf("%s/roster.txt", f->dir);
	assert_int_equal(print_roster(f->db, k1, path, &err), JY_OK);
	text = slurp(path);
	assert_non_null(strstr(text, "花名册"));
	assert_non_null(strstr(text, "黄淑芬"));
	assert_null(strstr(text, "13800000209"));             /* phones masked */
	free(text);
	free(path);
}

/* ---- the history's changes read back ------------------------------------------------------------ */

struct seen_change {
	int n;
	int stop_at;            /* the change to stop at (returning 7); 0: read them all */
	char text[512];
};

static int note_change(void *arg, const struct field_change *c)
{
	struct seen_change *s = arg;
	size_t k = strlen(s->text);
	snprintf(s->text + k, sizeof s->text - k, "%s%s=%s>%s", s->n++ ? ";" : "", c->key,
	         c->old ? c->old : "null", c->now ? c->now : "null");
	return s->n == s->stop_at ? 7 : 0;
}

static void test_changes_each(void **state)
{
	(void)state;
	static const struct {
		const char *json, *read;
	} cases[] = {
		{ "{\"place\":[\"南门\",\"北门\"]}", "place=南门>北门" },
		{ "{\"a\":[null,\"x\"],\"b\":[\"1\",null]}", "a=null>x;b=1>null" },
		{ "{\"王秀兰\":[null,\"到\"],\"李\\\"桂\\\"芳\":[\"缺\",\"迟\"]}", "王秀兰=null>到;李\"桂\"芳=缺>迟" },
		{ "{}", "" },
		{ NULL, "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct seen_change s = { 0 };
		assert_int_equal(field_changes_each(cases[i].json, note_change, &s), 0);
		assert_string_equal(s.text, cases[i].read);
	}
	/* the callback's non-zero stops the walk and is its result */
	struct seen_change first = { .stop_at = 1 };
	assert_int_equal(field_changes_each(cases[1].json, note_change, &first), 7);
	assert_string_equal(first.text, "a=null>x");
	/* what field_changes writes, field_changes_each reads */
	char *old[CF__COUNT] = { 0 }, *now[CF__COUNT] = { 0 };
	now[CF_NAME] = "家政\"班\"";
	now[CF_PLACE] = "a\\b";
	char *json = field_changes(course_fields, CF__COUNT, old, now);
	struct seen_change s = { 0 };
	assert_int_equal(field_changes_each(json, note_change, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text, "name=null>家政\"班\";place=null>a\\b");
	free(json);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_changes_each),
	cmocka_unit_test_setup_teardown(test_course_values, setup, teardown),
	cmocka_unit_test_setup_teardown(test_course_save, setup, teardown),
	cmocka_unit_test_setup_teardown(test_course_search, setup, teardown),
	cmocka_unit_test_setup_teardown(test_enrol_rules, setup, teardown),
	cmocka_unit_test_setup_teardown(test_completion, setup, teardown),
	cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
	cmocka_unit_test_setup_teardown(test_outcome_edges, setup, teardown),
	cmocka_unit_test_setup_teardown(test_capacity_unreadable, setup, teardown),
	cmocka_unit_test_setup_teardown(test_tiers, setup, teardown),
	cmocka_unit_test_setup_teardown(test_demo_outcome, setup, teardown),
	cmocka_unit_test_setup_teardown(test_outcome_due, setup, teardown),
	cmocka_unit_test_setup_teardown(test_printouts, setup, teardown),
};

TEST_MAIN(tests)
