/* tests/unit/test_jobs.c: the jobs module's rules — employers and their credit codes, postings and
 * their counts, expiry by date, referral stages, consent, hires (status, openings, one placement at
 * a time), matching both ways (requirements, age edges, the intention, R5 on public-welfare posts),
 * the subsidy due list and the lists searched as workers type — on a demo database, 2024-06-30. */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-jobs-XXXXXX");
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

/* A registered job seeker born on birth; seq makes the ID number unique. */
static int64_t seeker(struct jy_db *db, const char *name, char sex, const char *birth, int seq,
                      const char *education, const char *intent, const char *categories,
                      const char *reg_date)
{
	char id[19];
	idcard_make("330102", birth, seq, sex, id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_EDUCATION, education);
	resident_set(r, RF_INTENT, intent);
	resident_set(r, RF_CATEGORIES, categories);
	resident_set(r, RF_REGDATE, reg_date ? reg_date : "2024-01-02");
	struct jy_err err = { 0 };
	assert_int_equal(resident_save(db, r, &err), JY_OK);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static int64_t employer(struct jy_db *db, const char *name, const char *credit)
{
	struct jobrec *e = jobrec_new(JR_EMPLOYER);
	jobrec_set(e, EMP_NAME, name);
	jobrec_set(e, EMP_CREDIT, credit);
	struct jy_err err = { 0 };
	assert_int_equal(jobrec_save(db, e, &err), JY_OK);
	int64_t id = e->id;
	jobrec_free(&e);
	return id;
}

/* A posting of employer E01 (桐溪县巾帼家政服务有限公司) with the values given as field/value pairs. */
static int64_t posting(struct jy_db *db, const char *title, int openings, const int *fields,
                       const char *const *values, int n)
{
	struct jobrec *p = jobrec_new(JR_POSTING);
	char op[8];
	snprintf(op, sizeof op, "%d", openings);
	jobrec_set(p, PST_EMPLOYER, "E01");
	jobrec_set(p, PST_TITLE, title);
	jobrec_set(p, PST_OPENINGS, op);
	jobrec_set(p, PST_POSTED, "2024-06-01");
	for (int i = 0; i < n; i++)
		jobrec_set(p, fields[i], values[i]);
	struct jy_err err = { 0 };
	int rc = jobrec_save(db, p, &err);
	if (rc)
		fprintf(stderr, "posting: %s: %s\n", err.field, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id = p->id;
	jobrec_free(&p);
	return id;
}

static int64_t refer(struct jy_db *db, int64_t rid, int64_t pid, struct jy_err *err)
{
	struct referral *r = referral_new();
	r->resident_id = rid;
	r->posting_id = pid;
	r->consent = 1;
	r->referred_on = xstrdup("2024-06-20");
	int rc = referral_add(db, r, err);
	int64_t id = rc == JY_OK ? r->id : -rc;
	referral_free(&r);
	return id;
}

static int advance(struct jy_db *db, int64_t id, const char *stage, const char *date, struct jy_err *err)
{
	struct referral *r = NULL;
	assert_int_equal(referral_load(db, id, &r, err), JY_OK);
	int rc = referral_advance(db, r, stage, date, "面谈顺利", NULL, err);
	referral_free(&r);
	return rc;
}

/* ---- employers --------------------------------------------------------------------------------- */

static const struct {
	const char *in;
	int rc;
	const char *stored;
} credit_codes[] = {
	{ "91350100M000100Y43", JY_OK, "91350100M000100Y43" },           /* GB 32100 example */
	{ "91350100m000100y43", JY_OK, "91350100M000100Y43" },           /* lower case accepted */
	{ "９１３５０１００Ｍ０００１００Ｙ４３", JY_OK, "91350100M000100Y43" }, /* full width */
	{ "91350100M000100Y44", JY_EINVAL, NULL },                       /* wrong check character */
	{ "91350100M000100Y4", JY_EINVAL, NULL },                        /* 17 characters */
	{ "91350100I000100Y43", JY_EINVAL, NULL },                       /* I is never used */
};

static void test_credit_code(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(credit_codes); i++) {
		char *out = NULL;
		struct jy_err err = { 0 };
		int rc = jobrec_check_field(f->db, JR_EMPLOYER, EMP_CREDIT, credit_codes[i].in, &out, &err);
		assert_int_equal(rc, credit_codes[i].rc);
		if (rc == JY_OK)
			assert_string_equal(out, credit_codes[i].stored);
		else
			assert_string_equal(err.field, "统一社会信用代码");
		free(out);
	}
}

/* The first history row an employer has: her creation with its values. */
static int hist_cb(void *arg, const struct history_entry *h)
{
	struct { int n; char last[256]; } *seen = arg;
	if (seen->n++ == 0)
		snprintf(seen->last, sizeof seen->last, "%s", h->changes ? h->changes : "");
	return 0;
}

static void test_employer_unique_and_history(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t id = employer(f->db, "桐溪县爱心保洁有限公司", "91350100M000100Y43");
	struct jobrec *e = jobrec_new(JR_EMPLOYER);
	jobrec_set(e, EMP_NAME, "另一家公司");
	jobrec_set(e, EMP_CREDIT, "91350100m000100y43");
	assert_int_equal(jobrec_save(f->db, e, &err), JY_EDUP);
	assert_int_equal(err.other_id, id);
	assert_non_null(strstr(err.msg, "桐溪县爱心保洁有限公司"));
	assert_int_equal(e->id, 0);
	jobrec_free(&e);

	/* codes of the lists by label or alias; the phone by the registry's rule */
	assert_int_equal(jobrec_load(f->db, JR_EMPLOYER, id, &e, &err), JY_OK);
	assert_string_equal(e->code, "E06");
	jobrec_set(e, EMP_KIND, "私营");
	jobrec_set(e, EMP_INDUSTRY, "居民服务");
	jobrec_set(e, EMP_PHONE, "１３８００００１２３４");
	jobrec_set(e, EMP_WOMAN, "是");
	assert_int_equal(jobrec_save(f->db, e, &err), JY_OK);
	assert_string_equal(jobrec_get(e, EMP_KIND), "30");
	assert_string_equal(jobrec_get(e, EMP_INDUSTRY), "O");
	assert_string_equal(jobrec_get(e, EMP_PHONE), "13800001234");
	char *shown = NULL;
	assert_int_equal(jobrec_display(f->db, e, EMP_KIND, &shown, &err), JY_OK);
	assert_string_equal(shown, "民营企业");
	free(shown);

	/* a stale copy is refused and changes nothing */
	struct jobrec *stale = NULL;
	assert_int_equal(jobrec_load(f->db, JR_EMPLOYER, id, &stale, &err), JY_OK);
	jobrec_set(e, EMP_CONTACT, "王经理");
	assert_int_equal(jobrec_save(f->db, e, &err), JY_OK);
	stale->version--;
	jobrec_set(stale, EMP_CONTACT, "李经理");
	assert_int_equal(jobrec_save(f->db, stale, &err), JY_ECONFLICT);
	jobrec_free(&stale);
	assert_int_equal(jobrec_load(f->db, JR_EMPLOYER, id, &stale, &err), JY_OK);
	assert_string_equal(jobrec_get(stale, EMP_CONTACT), "王经理");
	jobrec_free(&stale);
	jobrec_free(&e);

	/* the history holds the creation with its values and each change */
	struct { int n; char last[256]; } seen = { 0 };
	assert_int_equal(history_each(f->db, "employer", id, hist_cb, &seen, &err), JY_OK);
	assert_int_equal(seen.n, 3);
	assert_non_null(strstr(seen.last, "\"contact\":[null,\"王经理\"]"));
}


static void test_employer_find_and_search(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t id;
	assert_int_equal(employer_find(f->db, "E02", &id, &err), JY_OK);
	assert_int_equal(id, 2);
	assert_int_equal(employer_find(f->db, "明华", &id, &err), JY_OK);         /* part of the name */
	assert_int_equal(id, 2);
	assert_int_equal(employer_find(f->db, "txmh", &id, &err), JY_OK);         /* pinyin initials */
	assert_int_equal(id, 2);
	assert_int_equal(employer_find(f->db, "桐溪", &id, &err), JY_EINVAL);     /* several */
	assert_non_null(strstr(err.msg, "E01"));
	assert_int_equal(employer_find(f->db, "火星公司", &id, &err), JY_ENOTFOUND);

	struct job_page pg;
	assert_int_equal(employer_search(f->db, "jg", NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	const struct employer_row *er = pg.rows;
	assert_string_equal(er[0].name, "桐溪县巾帼家政服务有限公司");
	assert_int_equal(er[0].open_postings, 2);           /* J-004, J-005 */
	job_page_free(&pg);
	assert_int_equal(employer_search(f->db, "", NULL, 2, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);
	assert_true(pg.more);
	char next[128];
	snprintf(next, sizeof next, "%s", pg.next);
	job_page_free(&pg);
	assert_int_equal(employer_search(f->db, "", next, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 3);
	assert_false(pg.more);
	job_page_free(&pg);
}

/* ---- postings ------------------------------------------------------------------------------- */

static const struct {
	int field;
	const char *value;
	const char *label;
} bad_postings[] = {
	{ PST_OPENINGS, "0", "招聘人数" },
	{ PST_OPENINGS, "三个", "招聘人数" },
	{ PST_FILLED, "9", "已招人数" },
	{ PST_AGE_MIN, "12", "最低年龄" },
	{ PST_AGE_MAX, "35", "最高年龄" },              /* below the lowest, 40 */
	{ PST_WAGE_MAX, "1800", "薪资上限" },           /* below the lowest, 2000 */
	{ PST_CLOSES, "2024-05-01", "截止日期" },       /* before it was posted */
	{ PST_STATUS, "已过期", "状态" },
	{ PST_SEX, "不限男女", "性别要求" },
	{ PST_EMPLOYER, "火星公司", "用人单位" },
	{ PST_SUBSIDY, "12", "补贴月数" },              /* not a public-welfare post */
};

static void test_posting_rules(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(bad_postings); i++) {
		struct jobrec *p = jobrec_new(JR_POSTING);
		jobrec_set(p, PST_EMPLOYER, "巾帼家政");
		jobrec_set(p, PST_TITLE, "育婴员");
		jobrec_set(p, PST_OPENINGS, "5");
		jobrec_set(p, PST_AGE_MIN, "40");
		jobrec_set(p, PST_WAGE_MIN, "2000");
		jobrec_set(p, PST_POSTED, "2024-06-01");
		jobrec_set(p, bad_postings[i].field, bad_postings[i].value);
		struct jy_err err = { 0 };
		assert_int_equal(jobrec_save(f->db, p, &err), JY_EINVAL);
		assert_string_equal(err.field, bad_postings[i].label);
		assert_int_equal(p->id, 0);
		jobrec_free(&p);
	}
	/* the good one: employer by part of its name, defaults, open */
	const int fl[] = { PST_WAGE_MIN, PST_WAGE_UNIT, PST_FORM, PST_SEX };
	const char *const vl[] = { "3500", "月", "住家", "女" };
	int64_t id = posting(f->db, "育婴员", 2, fl, vl, 4);
	struct jobrec *p = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(jobrec_load(f->db, JR_POSTING, id, &p, &err), JY_OK);
	assert_string_equal(p->code, "J-009");
	assert_string_equal(p->state, "open");
	assert_string_equal(jobrec_get(p, PST_EMPLOYER), "桐溪县巾帼家政服务有限公司");
	assert_string_equal(jobrec_get(p, PST_WAGE_UNIT), "1");
	assert_string_equal(jobrec_get(p, PST_FORM), "3");
	assert_string_equal(jobrec_get(p, PST_SEX), "2");
	assert_string_equal(jobrec_get(p, PST_FILLED), "0");
	/* all posts filled by hand: stored as filled; more posts: open again */
	jobrec_set(p, PST_FILLED, "2");
	assert_int_equal(jobrec_save(f->db, p, &err), JY_OK);
	assert_string_equal(p->state, "filled");
	jobrec_set(p, PST_OPENINGS, "3");
	assert_int_equal(jobrec_save(f->db, p, &err), JY_OK);
	assert_string_equal(p->state, "open");
	jobrec_free(&p);
}

static void test_expiry_by_date(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	const int fl[] = { PST_CLOSES };
	const char *const vl[] = { "2024-06-30" };
	int64_t id = posting(f->db, "保洁员", 3, fl, vl, 1);
	struct jobrec *p = NULL;
	assert_int_equal(jobrec_load(f->db, JR_POSTING, id, &p, &err), JY_OK);
	assert_string_equal(p->state, "open");          /* open on its closing day */
	jobrec_free(&p);
	int64_t rid = seeker(f->db, "孙秀英", 'F', "1980-03-03", 11, "初中", "保洁", NULL, NULL);
	setenv("JIUYE_TODAY", "2024-07-01", 1);
	assert_int_equal(jobrec_load(f->db, JR_POSTING, id, &p, &err), JY_OK);
	assert_string_equal(p->state, "expired");       /* the day after: expired, nothing rewritten */
	assert_string_equal(jobrec_get(p, PST_STATUS), "open");
	jobrec_free(&p);
	assert_true(refer(f->db, rid, id, &err) < 0);
	assert_non_null(strstr(err.msg, "已过期"));
	struct job_page pg;
	assert_int_equal(posting_search(f->db, "保洁员", POSTINGS_OPEN, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 0);                     /* J-002 社区保洁员 closed on 06-30 too */
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, "保洁员", POSTINGS_ALL, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);
	assert_string_equal(((const struct posting_row *)pg.rows)[0].state, "expired");
	job_page_free(&pg);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
}

static void test_posting_filters(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct job_page pg;
	/* the demo on 2024-06-30, its dates a month before the brief's: J-001 is filled, J-006
	 * closed, J-007 (05-30) and J-008 (04-30) expired; J-002 and J-003, the open public-welfare
	 * posts, close today, J-004 on 07-31, J-005 on 08-30 */
	assert_int_equal(posting_search(f->db, NULL, POSTINGS_ALL, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 8);
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, NULL, POSTINGS_OPEN, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 4);
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, NULL, POSTINGS_WELFARE, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, NULL, POSTINGS_CLOSING, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);                     /* within 14 days: J-003, J-002 */
	assert_string_equal(((const struct posting_row *)pg.rows)[0].code, "J-003");
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, "jz", POSTINGS_ALL, 0, NULL, 50, &pg, &err), JY_OK);
	assert_true(pg.n >= 2);                        /* 家政服务员, and 巾帼家政's postings */
	job_page_free(&pg);
	assert_int_equal(posting_search(f->db, NULL, POSTINGS_ALL, 1, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);                     /* E01's J-004 and J-005 */
	job_page_free(&pg);
}

/* ---- referrals ---------------------------------------------------------------------------- */

static const struct {
	const char *from, *to;
	int ok;
} transitions[] = {
	{ "referred", "interview", 1 }, { "referred", "hired", 1 }, { "referred", "rejected", 1 },
	{ "referred", "declined", 1 }, { "interview", "hired", 1 }, { "interview", "rejected", 1 },
	{ "interview", "declined", 1 }, { "interview", "referred", 0 }, { "hired", "interview", 0 },
	{ "hired", "rejected", 0 }, { "rejected", "hired", 0 }, { "declined", "interview", 0 },
	{ "referred", "referred", 0 }, { "interview", "interview", 0 },
};

/* The stages and the posting states by name, for the screens: the stored words only (a label
 * such as 录用 is not one), and each word of the code lists ref_stage and posting_status is one. */
static const struct {
	const char *word;
	enum ref_stage stage;
} stage_words[] = {
	{ "referred", STAGE_REFERRED }, { "interview", STAGE_INTERVIEW }, { "hired", STAGE_HIRED },
	{ "rejected", STAGE_REJECTED }, { "declined", STAGE_DECLINED },
	{ "录用", STAGE__UNKNOWN }, { "Hired", STAGE__UNKNOWN }, { "", STAGE__UNKNOWN },
	{ NULL, STAGE__UNKNOWN },
};

static const struct {
	const char *word;
	enum posting_st state;
} state_words[] = {
	{ "open", PSTATE_OPEN }, { "filled", PSTATE_FILLED }, { "closed", PSTATE_CLOSED },
	{ "expired", PSTATE_EXPIRED },
	{ "招聘中", PSTATE__UNKNOWN }, { "opened", PSTATE__UNKNOWN }, { "", PSTATE__UNKNOWN },
	{ NULL, PSTATE__UNKNOWN },
};

static void test_stage_and_state_words(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(stage_words); i++) {
		enum ref_stage s = stage_words[i].stage;
		assert_int_equal(referral_stage_of(stage_words[i].word), s);
		if (s != STAGE__UNKNOWN)
			assert_string_equal(referral_stage_code(s), stage_words[i].word);
	}
	for (size_t i = 0; i < ARRAY_LEN(state_words); i++) {
		enum posting_st s = state_words[i].state;
		assert_int_equal(posting_state_of(state_words[i].word), s);
		if (s != PSTATE__UNKNOWN)
			assert_string_equal(posting_state_code(s), state_words[i].word);
	}
	struct code_list cl;
	struct jy_err err = { 0 };
	assert_int_equal(codes_load(f->db, "ref_stage", &cl, &err), JY_OK);
	assert_int_equal(cl.n, STAGE__UNKNOWN);
	for (int i = 0; i < cl.n; i++)
		assert_true(referral_stage_of(cl.items[i].code) != STAGE__UNKNOWN);
	codes_free(&cl);
	assert_int_equal(codes_load(f->db, "posting_status", &cl, &err), JY_OK);
	assert_int_equal(cl.n, PSTATE__UNKNOWN);
	for (int i = 0; i < cl.n; i++)
		assert_true(posting_state_of(cl.items[i].code) != PSTATE__UNKNOWN);
	codes_free(&cl);
}

static void test_stage_transitions(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(transitions); i++)
		assert_int_equal(referral_can(transitions[i].from, transitions[i].to), transitions[i].ok);
	struct jy_err err = { 0 };
	int64_t rid = seeker(f->db, "钱小红", 'F', "1985-08-08", 21, "高中", "家政", NULL, NULL);
	int64_t ref = refer(f->db, rid, 4, &err);       /* J-004 家政服务员 */
	assert_true(ref > 0);
	assert_int_equal(advance(f->db, ref, "已推荐", NULL, &err), JY_EINVAL);
	assert_string_equal(err.field, "进展");
	assert_int_equal(advance(f->db, ref, "面试", "2024-06-19", &err), JY_EINVAL);   /* before 06-20 */
	assert_string_equal(err.field, "日期");
	assert_int_equal(advance(f->db, ref, "面试", "2024-06-25", &err), JY_OK);
	assert_int_equal(advance(f->db, ref, "面试", "2024-06-26", &err), JY_EINVAL);
	assert_int_equal(advance(f->db, ref, "未录用", "2024-06-28", &err), JY_OK);
	assert_int_equal(advance(f->db, ref, "录用", "2024-06-29", &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "未录用"));
	/* the steps are dated rows */
	struct referral *r = NULL;
	assert_int_equal(referral_load(f->db, ref, &r, &err), JY_OK);
	assert_string_equal(r->stage, "rejected");
	assert_string_equal(r->stage_on, "2024-06-28");
	/* a stale copy is refused */
	r->version--;
	assert_int_equal(referral_advance(f->db, r, "本人放弃", NULL, NULL, NULL, &err), JY_ECONFLICT);
	referral_free(&r);
}

static void test_consent_and_duplicates(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t rid = seeker(f->db, "周丽", 'F', "1986-02-02", 31, "高中", "月嫂", NULL, NULL);
	struct referral *r = referral_new();
	r->resident_id = rid;
	r->posting_id = 5;
	assert_int_equal(referral_add(f->db, r, &err), JY_EINVAL);      /* no consent */
	assert_string_equal(err.field, "本人同意");
	r->consent = 1;
	assert_int_equal(referral_add(f->db, r, &err), JY_OK);
	int64_t first = r->id;
	referral_free(&r);
	assert_true(refer(f->db, rid, 5, &err) < 0);
	assert_int_equal(err.code, JY_EDUP);
	assert_int_equal(err.other_id, first);
	assert_non_null(strstr(err.msg, "J-005"));
	/* a filled or closed posting takes no referrals */
	assert_true(refer(f->db, rid, 1, &err) < 0);    /* J-001 filled */
	assert_true(refer(f->db, rid, 6, &err) < 0);    /* J-006 closed */
}

static void test_hire_counts_and_one_placement(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	const int fl[] = { PST_PW, PST_SUBSIDY };
	const char *const vl[] = { "是", "36" };
	int64_t pid = posting(f->db, "社区护绿员", 2, fl, vl, 2);
	int64_t a = seeker(f->db, "马桂英", 'F', "1976-01-10", 41, "初中", "护绿", "低保", NULL);
	int64_t b = seeker(f->db, "冯淑珍", 'F', "1977-02-11", 42, "初中", "保洁", NULL, NULL);
	int64_t c = seeker(f->db, "陈秀梅", 'F', "1978-03-12", 43, "初中", "绿化", NULL, NULL);
	int64_t ra = refer(f->db, a, pid, &err), rb = refer(f->db, b, pid, &err), rc = refer(f->db, c, pid, &err);
	assert_true(ra > 0 && rb > 0 && rc > 0);

	/* a hire: placement, status 公益性岗位 with the form, one post filled */
	assert_int_equal(advance(f->db, ra, "录用", "2024-06-25", &err), JY_OK);
	struct resident *res = NULL;
	assert_int_equal(resident_load(f->db, a, &res, &err), JY_OK);
	assert_string_equal(resident_get(res, RF_STATUS), "23");
	resident_free(&res);
	int64_t plid;
	assert_int_equal(placement_active(f->db, a, &plid, NULL), JY_OK);
	struct placement *pl = NULL;
	assert_int_equal(placement_load(f->db, plid, &pl, &err), JY_OK);
	assert_string_equal(pl->form, "030");
	assert_string_equal(pl->start_date, "2024-06-25");
	assert_string_equal(pl->subsidy_end, "2027-06-24");     /* 36 months */
	assert_int_equal(pl->public_welfare, 1);
	placement_free(&pl);
	struct jobrec *p = NULL;
	assert_int_equal(jobrec_load(f->db, JR_POSTING, pid, &p, &err), JY_OK);
	assert_string_equal(jobrec_get(p, PST_FILLED), "1");
	assert_string_equal(p->state, "open");
	jobrec_free(&p);

	/* the last post: the posting is filled, and the third person cannot be hired */
	struct referral *r = NULL;
	assert_int_equal(referral_load(f->db, rb, &r, &err), JY_OK);
	struct hire h = { .form = "单位就业", .start = "2024-07-01", .contract = 1 };
	assert_int_equal(referral_advance(f->db, r, "录用", "2024-06-26", NULL, &h, &err), JY_OK);
	referral_free(&r);
	assert_int_equal(jobrec_load(f->db, JR_POSTING, pid, &p, &err), JY_OK);
	assert_string_equal(jobrec_get(p, PST_FILLED), "2");
	assert_string_equal(jobrec_get(p, PST_STATUS), "filled");
	jobrec_free(&p);
	assert_int_equal(advance(f->db, rc, "录用", "2024-06-27", &err), JY_EINVAL);
	assert_non_null(strstr(err.msg, "no openings left"));
	assert_int_equal(resident_load(f->db, b, &res, &err), JY_OK);
	assert_string_equal(resident_get(res, RF_STATUS), "20");  /* her start, 07-01, is her latest event */
	resident_free(&res);

	/* one active placement per person: 马桂英 on another posting */
	int64_t other = posting(f->db, "保洁员", 3, NULL, NULL, 0);
	int64_t ro = refer(f->db, a, other, &err);
	assert_true(ro > 0);
	assert_int_equal(advance(f->db, ro, "录用", "2024-06-28", &err), JY_EDUP);
	assert_non_null(strstr(err.msg, "马桂英"));
	assert_int_equal(jobrec_load(f->db, JR_POSTING, other, &p, &err), JY_OK);
	assert_string_equal(jobrec_get(p, PST_FILLED), "0");       /* nothing half-saved */
	jobrec_free(&p);
	assert_int_equal(referral_load(f->db, ro, &r, &err), JY_OK);
	assert_string_equal(r->stage, "referred");
	referral_free(&r);

	/* her placement ends: status back to 失业, and the second hire goes through */
	assert_int_equal(placement_load(f->db, plid, &pl, &err), JY_OK);
	xstrset(&pl->end_date, "2024-06-29");
	assert_int_equal(placement_save(f->db, pl, NULL, &err), JY_EINVAL);    /* no reason */
	assert_string_equal(err.field, "离岗原因");
	xstrset(&pl->end_reason, "家庭原因辞职");
	assert_int_equal(placement_save(f->db, pl, NULL, &err), JY_OK);
	placement_free(&pl);
	assert_int_equal(resident_load(f->db, a, &res, &err), JY_OK);
	assert_string_equal(resident_get(res, RF_STATUS), "10");
	resident_free(&res);
	assert_int_equal(advance(f->db, ro, "录用", "2024-06-30", &err), JY_OK);
	assert_int_equal(resident_load(f->db, a, &res, &err), JY_OK);
	assert_string_equal(resident_get(res, RF_STATUS), "20");        /* 单位就业 -> 已就业 */
	resident_free(&res);
}

/* ---- matching ------------------------------------------------------------------------------- */

static int row_of(const struct match_row *rows, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (rows[i].id == id)
			return i;
	return -1;
}

static void test_match_requirements_and_age_edges(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	/* 女, 40-45 岁 on 2024-06-30, 高中 at least */
	const int fl[] = { PST_SEX, PST_AGE_MIN, PST_AGE_MAX, PST_EDUCATION };
	const char *const vl[] = { "女", "40", "45", "高中" };
	int64_t pid = posting(f->db, "超市理货员", 5, fl, vl, 4);
	int64_t turns40 = seeker(f->db, "甲", 'F', "1984-06-30", 510, "高中", NULL, NULL, NULL);  /* 40 today */
	int64_t almost40 = seeker(f->db, "乙", 'F', "1984-07-01", 520, "高中", NULL, NULL, NULL); /* 39 */
	int64_t is45 = seeker(f->db, "丙", 'F', "1978-07-01", 530, "大专", NULL, NULL, NULL);     /* 45 */
	int64_t is46 = seeker(f->db, "丁", 'F', "1978-06-30", 540, "高中", NULL, NULL, NULL);     /* 46 today */
	int64_t man = seeker(f->db, "戊", 'M', "1980-01-01", 551, "高中", NULL, NULL, NULL);
	int64_t low_edu = seeker(f->db, "己", 'F', "1980-01-01", 560, "初中", NULL, NULL, NULL);
	int64_t employed = seeker(f->db, "庚", 'F', "1980-01-01", 570, "高中", NULL, NULL, NULL);
	struct status_event e = { .resident_id = employed, .date = "2024-06-01", .status = "已就业" };
	assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
	int64_t closed = seeker(f->db, "辛", 'F', "1980-01-01", 580, "高中", NULL, NULL, NULL);
	assert_int_equal(resident_close(f->db, closed, 1, CLOSING("迁出本县"), &err), JY_OK);

	struct match_row *rows;
	int n, more;
	assert_int_equal(match_residents(f->db, pid, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_true(row_of(rows, n, turns40) >= 0);
	assert_true(row_of(rows, n, is45) >= 0);
	assert_int_equal(row_of(rows, n, almost40), -1);
	assert_int_equal(row_of(rows, n, is46), -1);
	assert_int_equal(row_of(rows, n, man), -1);
	assert_int_equal(row_of(rows, n, low_edu), -1);
	assert_int_equal(row_of(rows, n, employed), -1);
	assert_int_equal(row_of(rows, n, closed), -1);
	assert_int_equal(rows[row_of(rows, n, turns40)].age, 40);
	free(rows);
	/* a day later 乙 is 40 too */
	assert_int_equal(match_residents(f->db, pid, "2024-07-01", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_true(row_of(rows, n, almost40) >= 0);
	free(rows);
}

static void test_match_intention_first(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t pid = posting(f->db, "家政保洁员", 5, NULL, NULL, 0);
	int64_t none = seeker(f->db, "赵一", 'F', "1990-01-01", 61, "初中", "文员", NULL, "2020-01-01");
	int64_t one = seeker(f->db, "赵二", 'F', "1990-01-02", 62, "初中", "保洁", NULL, "2024-03-01");
	int64_t two = seeker(f->db, "赵三", 'F', "1990-01-03", 63, "初中", "家政/保洁员", NULL, "2024-05-01");
	struct match_row *rows;
	int n, more;
	assert_int_equal(match_residents(f->db, pid, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	int i0 = row_of(rows, n, none), i1 = row_of(rows, n, one), i2 = row_of(rows, n, two);
	assert_true(i2 >= 0 && i1 > i2 && i0 > i1);         /* more shared words first */
	assert_int_equal(rows[i2].fit, 3);                   /* 家政, 保洁, 洁员 (not 政保: a / between) */
	assert_non_null(strstr(rows[i2].why, "家政保洁员"));
	assert_non_null(strstr(rows[i1].why, "保洁"));
	assert_non_null(strstr(rows[i0].why, "文员"));      /* her intention, to judge by */
	/* 王秀兰 (demo, 家政/保洁) fits too */
	assert_true(row_of(rows, n, 1) >= 0 && row_of(rows, n, 1) < i0);
	free(rows);
	/* pages: offset and limit over the same order */
	assert_int_equal(match_residents(f->db, pid, "2024-06-30", 1, 1, &rows, &n, &more, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_true(more);
	free(rows);

	/* the other way: postings for 赵三, the fitting one first */
	struct match_posting *ps;
	assert_int_equal(match_postings(f->db, two, "2024-06-30", &ps, &n, &err), JY_OK);
	assert_true(n >= 2);
	assert_int_equal(ps[0].id, pid);
	assert_non_null(strstr(ps[0].why, "家政保洁员"));
	for (int i = 0; i < n; i++)
		assert_true(ps[i].id != 1 && ps[i].id != 6);   /* J-001 filled, J-006 closed: not offered */
	free(ps);
}

/* An import defers the matching candidates to one pass at its end: what it adds is matched
 * exactly as the same people saved one by one, with the same words and the same R5 priority. */
static void test_match_after_bulk_load(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t pid = posting(f->db, "家政保洁员", 5, NULL, NULL, 0);
	int64_t saved = seeker(f->db, "钱一", 'F', "1990-02-01", 71, "初中", "家政/保洁员", NULL, "2024-04-01");
	struct resident_bulk *b;
	assert_int_equal(resident_bulk_begin(f->db, &b, &err), JY_OK);
	char id[19];
	idcard_make("330102", "1990-02-02", 72, 'F', id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, "钱二");
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_EDUCATION, "初中");
	resident_set(r, RF_INTENT, "家政/保洁员");
	resident_set(r, RF_CATEGORIES, "低保");
	resident_set(r, RF_REGDATE, "2024-04-02");
	assert_int_equal(resident_bulk_add(b, r, &err), JY_OK);
	int64_t bulk = r->id;
	resident_free(&r);
	assert_int_equal(resident_bulk_commit(&b, &err), JY_OK);

	struct match_row *rows;
	int n, more;
	assert_int_equal(match_residents(f->db, pid, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	int is = row_of(rows, n, saved), ib = row_of(rows, n, bulk);
	assert_true(is >= 0 && ib >= 0);
	assert_int_equal(rows[ib].fit, rows[is].fit);          /* the same words were indexed */
	assert_true(ib == is + 1);                              /* registered a day later, right after */
	free(rows);
	/* and the R5 flag from her categories is there for public-welfare posts */
	const int fl[] = { PST_PW };
	const char *const vl[] = { "是" };
	int64_t pw = posting(f->db, "社区保洁员", 5, fl, vl, 1);
	assert_int_equal(match_residents(f->db, pw, "2024-06-30", 0, 200, &rows, &n, &more, &err), JY_OK);
	is = row_of(rows, n, saved);
	ib = row_of(rows, n, bulk);
	assert_true(ib >= 0 && is >= 0 && ib < is);             /* 低保 first on a public-welfare post */
	assert_true(rows[ib].priority);
	free(rows);
}

static void test_match_public_welfare_r5(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	const int fl[] = { PST_PW, PST_SUBSIDY };
	const char *const vl[] = { "是", "24" };
	int64_t pid = posting(f->db, "社区巡逻员", 5, fl, vl, 2);
	/* registered earliest but in no priority group */
	int64_t young = seeker(f->db, "吴佳", 'F', "1995-05-05", 71, "高中", "巡逻", NULL, "2020-01-01");
	int64_t dibao = seeker(f->db, "郑红", 'F', "1990-05-05", 72, "初中", NULL, "低保", "2024-05-01");
	int64_t w4050 = seeker(f->db, "王芳", 'F', "1980-05-05", 73, "初中", NULL, NULL, "2024-04-01");  /* 44 */
	int64_t m49 = seeker(f->db, "李强", 'M', "1975-01-01", 74, "初中", NULL, NULL, "2024-03-01");   /* 49 */
	struct match_row *rows;
	int n, more;
	assert_int_equal(match_residents(f->db, pid, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	int iy = row_of(rows, n, young), id = row_of(rows, n, dibao), iw = row_of(rows, n, w4050),
	    im = row_of(rows, n, m49);
	assert_true(iy >= 0 && id >= 0 && iw >= 0 && im >= 0);
	assert_true(iw < iy && id < iy);          /* R5 before an intention that fits */
	assert_true(im > iy);                     /* a man of 49 is not 4050 */
	assert_true(rows[iw].priority && rows[id].priority && !rows[im].priority);
	assert_non_null(strstr(rows[iw].why, "4050"));
	assert_non_null(strstr(rows[id].why, "困难类别见档案"));   /* 低保 itself stays on her page */
	assert_null(strstr(rows[id].why, "低保"));
	free(rows);
	/* for 王芳 the public-welfare post comes first */
	struct match_posting *ps;
	assert_int_equal(match_postings(f->db, w4050, "2024-06-30", &ps, &n, &err), JY_OK);
	assert_true(n > 0 && ps[0].public_welfare == 1);
	free(ps);
}

/* The candidates follow the registry by themselves (004_jobs.sql's triggers): an intention
 * typed later is matched, a category set later ranks her, work found or a closed record takes
 * her off the list. */
static void test_match_follows_the_registry(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	const int fl[] = { PST_PW };
	const char *const vl[] = { "1" };
	int64_t pw = posting(f->db, "社区绿化员", 3, fl, vl, 1);
	int64_t other = posting(f->db, "绿化工", 3, NULL, NULL, 0);
	int64_t rid = seeker(f->db, "钱秀珍", 'F', "1995-03-03", 91, "初中", NULL, NULL, "2024-06-01");
	struct match_row *rows;
	int n, more;
	assert_int_equal(match_residents(f->db, other, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	int i = row_of(rows, n, rid);
	assert_true(i >= 0 && rows[i].fit == 0);
	free(rows);
	/* her intention typed later */
	struct resident *r = NULL;
	assert_int_equal(resident_load(f->db, rid, &r, &err), JY_OK);
	resident_set(r, RF_INTENT, "绿化养护");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	assert_int_equal(match_residents(f->db, other, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_int_equal(row_of(rows, n, rid), 0);          /* the only one who shares 绿化 */
	assert_int_equal(rows[0].fit, 1);
	free(rows);
	/* 低保 set later: first on the public-welfare post */
	assert_int_equal(match_residents(f->db, pw, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_false(rows[row_of(rows, n, rid)].priority);
	free(rows);
	resident_set(r, RF_CATEGORIES, "低保");
	assert_int_equal(resident_save(f->db, r, &err), JY_OK);
	assert_int_equal(match_residents(f->db, pw, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_true(rows[row_of(rows, n, rid)].priority);
	free(rows);
	resident_free(&r);
	/* work found: off the lists */
	struct status_event e = { .resident_id = rid, .date = "2024-06-29", .status = "灵活就业" };
	assert_int_equal(status_event_add(f->db, &e, &err), JY_OK);
	assert_int_equal(match_residents(f->db, other, "2024-06-30", 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_int_equal(row_of(rows, n, rid), -1);
	free(rows);
}

/* Who is a candidate at all: a resident whose status is one of someone looking for work (the
 * emp_status codes flagged seeking, 010_kinds.sql), whether saved one at a time (the triggers)
 * or in a bulk load (seek_bulk_add); the same flag answers emp_status_seeking. */
static const struct {
	const char *status;
	int known, seeking;
} seeking[] = {
	{ "10", 1, 1 }, { "11", 1, 1 }, { "12", 1, 1 }, /* 失业, 下岗, 待业 */
	{ "20", 1, 0 }, { "21", 1, 0 }, { "22", 1, 0 }, { "23", 1, 0 },
	{ "90", 1, 0 }, { "91", 1, 0 }, { "99", 1, 0 },
	{ "", 0, 0 }, { "1", 0, 0 }, { "13", 0, 0 },    /* no such status */
};

static void test_seeking_statuses(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int64_t pid = posting(f->db, "保洁员", 5, NULL, NULL, 0);
	for (size_t i = 0; i < ARRAY_LEN(seeking); i++) {
		int is;
		assert_int_equal(emp_status_seeking(f->db, seeking[i].status, &is, &err), JY_OK);
		assert_int_equal(is, seeking[i].seeking);
		if (!seeking[i].known)
			continue;
		int64_t id[2];
		for (int bulk = 0; bulk < 2; bulk++) {
			char idno[19];
			int seq = 100 + 2 * (int)(2 * i + bulk);
			idcard_make("330102", "1990-03-03", seq, 'F', idno);
			struct resident *r = resident_new();
			resident_set(r, RF_NAME, bulk ? "孙二" : "孙一");
			resident_set(r, RF_IDNO, idno);
			resident_set(r, RF_STATUS, seeking[i].status);
			resident_set(r, RF_REGDATE, "2024-05-01");
			if (bulk) {
				struct resident_bulk *b;
				assert_int_equal(resident_bulk_begin(f->db, &b, &err), JY_OK);
				assert_int_equal(resident_bulk_add(b, r, &err), JY_OK);
				assert_int_equal(resident_bulk_commit(&b, &err), JY_OK);
			} else {
				assert_int_equal(resident_save(f->db, r, &err), JY_OK);
			}
			id[bulk] = r->id;
			resident_free(&r);
		}
		struct match_row *rows;
		int n, more;
		assert_int_equal(match_residents(f->db, pid, "2024-06-30", 0, 500, &rows, &n, &more,
		                                 &err), JY_OK);
		assert_false(more);
		for (int bulk = 0; bulk < 2; bulk++)
			if ((row_of(rows, n, id[bulk]) >= 0) != seeking[i].seeking)
				fail_msg("status %s, %s: a candidate %d, expected %d",
				         seeking[i].status, bulk ? "bulk load" : "saved",
				         !seeking[i].seeking, seeking[i].seeking);
		free(rows);
	}
}

/* ---- the subsidy due list ------------------------------------------------------------------- */

static void test_due_list(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct placement_due_row *rows;
	int n;
	/* the demo: 李桂芳's subsidy on J-001 ends 2024-06-30 */
	assert_int_equal(placement_due(f->db, "2024-06-30", -1, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "李桂芳");
	assert_int_equal(rows[0].days_left, 0);
	free(rows);
	/* a new public-welfare hire with a subsidy of 2 months: due within 60 days, not within 30 */
	const int fl[] = { PST_PW, PST_SUBSIDY };
	const char *const vl[] = { "1", "2" };
	int64_t pid = posting(f->db, "社区协管员", 1, fl, vl, 2);
	int64_t rid = seeker(f->db, "何秀兰", 'F', "1975-09-09", 81, "初中", NULL, NULL, NULL);
	int64_t ref = refer(f->db, rid, pid, &err);
	assert_int_equal(advance(f->db, ref, "录用", "2024-06-21", &err), JY_OK);   /* subsidy to 08-20 */
	assert_int_equal(placement_due(f->db, "2024-06-30", 60, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].name, "何秀兰");
	assert_string_equal(rows[1].subsidy_end, "2024-08-20");
	assert_int_equal(rows[1].days_left, 51);
	free(rows);
	assert_int_equal(placement_due(f->db, "2024-06-30", 30, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	free(rows);
	/* re-assessed: the subsidy is extended, she leaves the list */
	int64_t plid;
	assert_int_equal(placement_active(f->db, rid, &plid, NULL), JY_OK);
	struct placement *pl = NULL;
	assert_int_equal(placement_load(f->db, plid, &pl, &err), JY_OK);
	xstrset(&pl->subsidy_end, "20250820");
	assert_int_equal(placement_save(f->db, pl, NULL, &err), JY_OK);
	placement_free(&pl);
	assert_int_equal(placement_due(f->db, "2024-06-30", 60, &rows, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	free(rows);
}

static void test_referral_search(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct job_page pg;
	assert_int_equal(referral_search(f->db, "wxl", 0, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);                     /* 王秀兰 → J-002 */
	assert_string_equal(((const struct referral_row *)pg.rows)[0].posting_code, "J-002");
	job_page_free(&pg);
	assert_int_equal(referral_search(f->db, "协管", 0, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);                     /* 李桂芳 and 吴建国 on J-001 */
	job_page_free(&pg);
	assert_int_equal(referral_search(f->db, NULL, 0, 1, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);
	job_page_free(&pg);
	assert_int_equal(referral_search(f->db, NULL, 2, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	assert_string_equal(((const struct referral_row *)pg.rows)[0].stage, "hired");
	job_page_free(&pg);
}

static void test_fair(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	struct jobrec *fr = jobrec_new(JR_FAIR);
	jobrec_set(fr, FAIR_NAME, "2024年女大学生专场招聘会");
	jobrec_set(fr, FAIR_DATE, "2024年6月15日");
	jobrec_set(fr, FAIR_KIND, "女大学生专场");
	jobrec_set(fr, FAIR_AGREE, "40");
	jobrec_set(fr, FAIR_AGREE_W, "41");
	assert_int_equal(jobrec_save(f->db, fr, &err), JY_EINVAL);
	assert_string_equal(err.field, "其中女性");
	jobrec_set(fr, FAIR_AGREE_W, "35人");
	assert_int_equal(jobrec_save(f->db, fr, &err), JY_OK);
	assert_string_equal(fr->code, "FAIR-2024-02");
	assert_string_equal(jobrec_get(fr, FAIR_DATE), "2024-06-15");
	assert_string_equal(jobrec_get(fr, FAIR_AGREE_W), "35");
	jobrec_free(&fr);
	struct job_page pg;
	assert_int_equal(fair_search(f->db, "ndxs", NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	job_page_free(&pg);
	assert_int_equal(fair_search(f->db, NULL, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 2);
	const struct fair_row *r = pg.rows;
	assert_int_equal(r[1].agreements, 126);
	assert_int_equal(r[1].agreements_women, 83);
	assert_string_equal(r[1].kind, "01");
	job_page_free(&pg);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_credit_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_employer_unique_and_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_employer_find_and_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_posting_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry_by_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_posting_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_and_state_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_transitions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_consent_and_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hire_counts_and_one_placement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_requirements_and_age_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_intention_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_after_bulk_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_public_welfare_r5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_follows_the_registry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seeking_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referral_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fair, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
