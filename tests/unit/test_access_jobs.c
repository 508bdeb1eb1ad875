/* tests/unit/test_access_jobs.c: who may see and do what in the jobs and training modules
 * — on the demo data as a clerk of 幸福里社区 (wang), a reviewer of 城南街道 (zhao), a statistics
 * worker (qian) and the administrator: whose referrals, enrolments, roll calls, matches and due
 * placements each one sees, with ID numbers and phones masked in the rows; who may refer, enrol,
 * mark attendance and add certificates, status changes and visits for a resident in or out of her
 * communities; employers, postings, fairs and courses kept by every role but statistics; a file
 * naming a resident outside the worker's communities refused. Today is 2024-06-30 (no shift). */
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
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-accjobs-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2024-06-30", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	assert_int_equal(worker_save(f->db, "wang", "王芳", ROLE_CLERK, "幸福里社区", &err), JY_OK);
	assert_int_equal(worker_save(f->db, "zhao", "赵丽", ROLE_REVIEWER, "城南街道", &err), JY_OK);
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

/* Act as a worker, as if she had started jiuye ("admin": the demo's first worker). */
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

/* The demo resident called name (as the administrator). */
static int64_t demo_id(struct fixture *f, const char *name)
{
	act_as(f, "admin");
	struct search_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(search_residents(f->db, name, NULL, 10, 1, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	int64_t id = pg.rows[0].id;
	search_page_free(&pg);
	return id;
}

static int64_t code_of(struct fixture *f, int type, const char *code)
{
	int64_t id = 0;
	if (type < 0)
		assert_int_equal(course_find_code(f->db, code, &id, NULL), JY_OK);
	else
		assert_int_equal(jobrec_find_code(f->db, type, code, &id, NULL), JY_OK);
	return id;
}

/* got[0..n) holds exactly the names of want ("王秀兰,赵春梅"; "" for none), in any order. */
static void assert_names(const char *const *got, int n, const char *want)
{
	int expected = 0;
	for (const char *p = want; *p;) {
		size_t len = strcspn(p, ",");
		int found = 0;
		for (int i = 0; i < n && !found; i++)
			found = strlen(got[i]) == len && strncmp(got[i], p, len) == 0;
		if (!found)
			fail_msg("%.*s missing from the list (want %s)", (int)len, p, want);
		expected++;
		p += len + (p[len] == ',');
	}
	if (n != expected) {
		for (int i = 0; i < n; i++)
			fprintf(stderr, "  got %s\n", got[i]);
		fail_msg("%d rows, want %d (%s)", n, expected, want);
	}
}

/* The statistics refusal: access_check's message, naming the worker and her role. */
static void assert_stats_refused(int rc, const struct jy_err *err)
{
	assert_int_equal(rc, JY_EPERM);
	assert_non_null(strstr(err->msg, "qian"));
	assert_non_null(strstr(err->msg, "统计"));
}

static void assert_masked_id(const char *id)
{
	assert_int_equal(strlen(id), 18);
	assert_memory_equal(id + 6, "********", 8);
}

static void assert_masked_phone(const char *phone)
{
	if (phone[0])
		assert_memory_equal(phone + 3, "****", 4);
}

/* ---- lists ------------------------------------------------------------------------------------ */

/* The referral list: a clerk sees her community's referrals, the street's reviewer the street's,
 * statistics none at all (the demo's six are all of 城南街道). */
static void test_referral_list(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *who;
		int rc;
		const char *names;
	} cases[] = {
		{ "wang", JY_OK, "王秀兰" },
		{ "zhao", JY_OK, "王秀兰,李桂芳,吴建国,郑小娟,张丽华,黄淑芬" },
		{ "qian", JY_EPERM, "" },
		{ "admin", JY_OK, "王秀兰,李桂芳,吴建国,郑小娟,张丽华,黄淑芬" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		struct job_page pg;
		struct jy_err err = { 0 };
		int rc = referral_search(f->db, NULL, 0, 0, NULL, 50, &pg, &err);
		assert_int_equal(rc, cases[i].rc);
		if (rc) {
			assert_stats_refused(rc, &err);
			continue;
		}
		const char *names[16];
		const struct referral_row *rows = pg.rows;
		for (int k = 0; k < pg.n && k < 16; k++)
			names[k] = rows[k].name;
		assert_names(names, pg.n, cases[i].names);
		job_page_free(&pg);
	}
	/* a referral of 建设社区 is not opened by wang, nor its steps */
	int64_t li = demo_id(f, "李桂芳");
	struct job_page pg;
	struct jy_err err = { 0 };
	assert_int_equal(referral_search(f->db, NULL, li, 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 1);
	int64_t ref = ((const struct referral_row *)pg.rows)[0].id;
	job_page_free(&pg);
	act_as(f, "wang");
	struct referral *r = NULL;
	assert_int_equal(referral_load(f->db, ref, &r, &err), JY_EPERM);
	assert_null(r);
	assert_string_equal(err.field, "身份证号");
	assert_non_null(strstr(err.msg, "wang"));
	assert_int_equal(referral_step_each(f->db, ref, NULL, NULL, NULL), JY_EPERM);
	act_as(f, "zhao");
	assert_int_equal(referral_load(f->db, ref, &r, &err), JY_OK);
	referral_free(&r);
	act_as(f, "admin");
}

/* Enrolment rows of a course (K-005: 刘晓燕 of 新华社区, 城北街道; 赵春梅 of 幸福里社区) and of
 * K-001 (王秀兰 of 幸福里, 黄淑芬 of 建设): ID numbers and phones masked for everyone. */
static void test_enrolment_list(void **state)
{
	struct fixture *f = *state;
	int64_t k5 = code_of(f, -1, "K-005"), k1 = code_of(f, -1, "K-001");
	static const struct {
		const char *who, *course;
		int rc;
		const char *names;
	} cases[] = {
		{ "wang", "K-005", JY_OK, "赵春梅" },        { "wang", "K-001", JY_OK, "王秀兰" },
		{ "zhao", "K-005", JY_OK, "赵春梅" },        { "zhao", "K-001", JY_OK, "王秀兰,黄淑芬" },
		{ "qian", "K-005", JY_EPERM, "" },
		{ "admin", "K-005", JY_OK, "刘晓燕,赵春梅" }, { "admin", "K-001", JY_OK, "王秀兰,黄淑芬" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		struct enrol_row *rows = NULL;
		int n = 0;
		struct jy_err err = { 0 };
		int64_t course = strcmp(cases[i].course, "K-005") == 0 ? k5 : k1;
		int rc = enrolment_list(f->db, course, 0, NULL, &rows, &n, &err);
		assert_int_equal(rc, cases[i].rc);
		if (rc) {
			assert_stats_refused(rc, &err);
			assert_null(rows);
			continue;
		}
		const char *names[16];
		for (int k = 0; k < n && k < 16; k++) {
			names[k] = rows[k].name;
			assert_masked_id(rows[k].id_no);
			assert_masked_phone(rows[k].phone);
		}
		assert_names(names, n, cases[i].names);
		free(rows);
	}
	/* every course's completers still without work: only hers */
	act_as(f, "wang");
	struct enrol_row *rows = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	assert_int_equal(outcome_without_work(f->db, 0, "2024-06-30", &rows, &n, &err), JY_OK);
	for (int k = 0; k < n; k++)
		assert_string_equal(rows[k].name, "王秀兰");
	free(rows);
	/* one resident's enrolments: 黄淑芬 is not hers; one enrolment of hers is not opened either */
	int64_t huang = demo_id(f, "黄淑芬");
	int64_t eid = 0;
	assert_int_equal(enrolment_find(f->db, huang, k1, &eid, NULL), JY_OK);
	act_as(f, "wang");
	assert_int_equal(enrolment_list(f->db, 0, huang, NULL, &rows, &n, &err), JY_EPERM);
	struct enrolment *e = NULL;
	assert_int_equal(enrolment_load(f->db, eid, &e, &err), JY_EPERM);
	assert_null(e);
	assert_string_equal(err.field, "身份证号");
	act_as(f, "qian");
	assert_int_equal(outcome_without_work(f->db, 0, NULL, &rows, &n, &err), JY_EPERM);
	act_as(f, "admin");
}

/* Public-welfare placements due for re-assessment: 李桂芳 (建设社区) is the street's, not wang's. */
static void test_placement_due(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *who;
		int rc, has_li;
	} cases[] = {
		{ "wang", JY_OK, 0 }, { "zhao", JY_OK, 1 }, { "qian", JY_EPERM, 0 }, { "admin", JY_OK, 1 },
	};
	int64_t li = demo_id(f, "李桂芳");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		struct placement_due_row *rows = NULL;
		int n = 0, has = 0;
		struct jy_err err = { 0 };
		int rc = placement_due(f->db, "2024-06-30", 20000, &rows, &n, &err);
		assert_int_equal(rc, cases[i].rc);
		if (rc)
			assert_stats_refused(rc, &err);
		for (int k = 0; k < n; k++)
			has |= rows[k].resident_id == li;
		assert_int_equal(has, cases[i].has_li);
		if (strcmp(cases[i].who, "wang") == 0)
			assert_int_equal(n, 0);
		free(rows);
	}
	/* her placements, on her page: not for wang */
	int64_t pid = 0;
	act_as(f, "admin");
	assert_int_equal(placement_active(f->db, li, &pid, NULL), JY_OK);
	act_as(f, "wang");
	struct placement *p = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(placement_load(f->db, pid, &p, &err), JY_EPERM);
	assert_null(p);
	assert_int_equal(placement_each(f->db, li, NULL, NULL, NULL), JY_EPERM);
	act_as(f, "zhao");
	assert_int_equal(placement_load(f->db, pid, &p, &err), JY_OK);
	free(p->subsidy_end);
	p->subsidy_end = xstrdup("2027-12-31");
	assert_int_equal(placement_save(f->db, p, NULL, &err), JY_OK);
	placement_free(&p);
	act_as(f, "admin");
}

/* Matching for a posting: only residents of the worker's communities, phones masked; the postings
 * for a resident only for one of hers. */
static void test_match(void **state)
{
	struct fixture *f = *state;
	int64_t j3 = code_of(f, JR_POSTING, "J-003");
	struct match_row *rows = NULL;
	int n = 0, more = 0;
	struct jy_err err = { 0 };
	act_as(f, "admin");
	assert_int_equal(match_residents(f->db, j3, NULL, 0, 50, &rows, &n, &more, &err), JY_OK);
	int all = n;
	free(rows);
	act_as(f, "wang");
	assert_int_equal(match_residents(f->db, j3, NULL, 0, 50, &rows, &n, &more, &err), JY_OK);
	assert_true(n > 0 && n < all);
	int64_t ids[64];
	int nid = n < 64 ? n : 64;
	for (int k = 0; k < nid; k++) {
		ids[k] = rows[k].id;
		assert_masked_phone(rows[k].phone);
		assert_true(rows[k].phone[0] != '\0');
	}
	free(rows);
	act_as(f, "admin");
	for (int k = 0; k < nid; k++) {
		struct resident *r = NULL;
		assert_int_equal(resident_load(f->db, ids[k], &r, &err), JY_OK);
		assert_string_equal(resident_get(r, RF_COMMUNITY), "TX0101");
		resident_free(&r);
	}
	/* a page further on is empty, not someone else's */
	act_as(f, "wang");
	assert_int_equal(match_residents(f->db, j3, NULL, n, 50, &rows, &n, &more, &err), JY_OK);
	assert_int_equal(n, 0);
	assert_int_equal(more, 0);
	free(rows);
	act_as(f, "qian");
	assert_int_equal(match_residents(f->db, j3, NULL, 0, 50, &rows, &n, &more, &err), JY_EPERM);
	assert_stats_refused(JY_EPERM, &err);

	struct match_posting *mp = NULL;
	int64_t wu = demo_id(f, "吴建国"), wx = demo_id(f, "王秀兰");
	act_as(f, "wang");
	assert_int_equal(match_postings(f->db, wu, NULL, &mp, &n, &err), JY_EPERM);
	assert_null(mp);
	assert_int_equal(match_postings(f->db, wx, NULL, &mp, &n, &err), JY_OK);
	free(mp);
	act_as(f, "admin");
}

/* ---- writes about a resident ------------------------------------------------------------------ */

static int refer(struct jy_db *db, int64_t rid, int64_t pid, struct jy_err *err)
{
	struct referral *r = referral_new();
	r->resident_id = rid;
	r->posting_id = pid;
	r->consent = 1;
	r->referred_on = xstrdup("2024-06-28");
	int rc = referral_add(db, r, err);
	referral_free(&r);
	return rc;
}

/* Who may refer and enrol whom: in her communities yes, outside no, statistics never. */
static const struct {
	const char *who, *resident;
	int rc;
} write_cases[] = {
	{ "wang", "赵春梅", JY_OK },     /* 幸福里社区: hers */
	{ "wang", "吴建国", JY_EPERM },  /* 建设社区: the street's */
	{ "zhao", "吴建国", JY_OK },
	{ "zhao", "陈美玲", JY_EPERM },  /* 红星村, 溪口镇 */
	{ "qian", "周红霞", JY_EPERM },
	{ "admin", "陈美玲", JY_OK },
};

static void check_write(int rc, size_t i, const struct jy_err *err)
{
	if (rc != write_cases[i].rc)
		fail_msg("%s for %s: %d (%s: %s), want %d", write_cases[i].who, write_cases[i].resident, rc,
		         err->field, err->msg, write_cases[i].rc);
	if (rc == JY_EPERM && strcmp(write_cases[i].who, "qian") != 0) {
		assert_string_equal(err->field, "身份证号");    /* her community is outside */
		assert_non_null(strstr(err->msg, write_cases[i].who));
	} else if (rc == JY_EPERM) {
		assert_stats_refused(rc, err);
	}
}

static void test_refer(void **state)
{
	struct fixture *f = *state;
	int64_t j3 = code_of(f, JR_POSTING, "J-003");
	for (size_t i = 0; i < ARRAY_LEN(write_cases); i++) {
		int64_t rid = demo_id(f, write_cases[i].resident);
		act_as(f, write_cases[i].who);
		struct jy_err err = { 0 };
		check_write(refer(f->db, rid, j3, &err), i, &err);
	}
	/* what came of it: only for one of hers */
	act_as(f, "admin");
	int64_t ref = 0, wx = demo_id(f, "王秀兰");
	assert_int_equal(referral_find(f->db, demo_id(f, "陈美玲"), j3, &ref, NULL), JY_OK);
	struct referral *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(referral_load(f->db, ref, &r, &err), JY_OK);
	act_as(f, "zhao");
	assert_int_equal(referral_advance(f->db, r, "面试", "2024-06-29", NULL, NULL, &err), JY_EPERM);
	act_as(f, "qian");
	assert_int_equal(referral_advance(f->db, r, "面试", "2024-06-29", NULL, NULL, &err), JY_EPERM);
	assert_stats_refused(JY_EPERM, &err);
	act_as(f, "admin");
	assert_int_equal(referral_advance(f->db, r, "面试", "2024-06-29", NULL, NULL, &err), JY_OK);
	referral_free(&r);
	/* wang takes her own resident's referral (王秀兰 → J-002) on to 录用: the hire follows */
	assert_int_equal(referral_find(f->db, wx, code_of(f, JR_POSTING, "J-002"), &ref, NULL),
	                 JY_OK);
	act_as(f, "wang");
	assert_int_equal(referral_load(f->db, ref, &r, &err), JY_OK);
	assert_int_equal(referral_advance(f->db, r, "录用", "2024-06-30", NULL, NULL, &err), JY_OK);
	referral_free(&r);
	int64_t pid = 0;
	assert_int_equal(placement_active(f->db, wx, &pid, NULL), JY_OK);
	act_as(f, "admin");
}

static void test_enrol(void **state)
{
	struct fixture *f = *state;
	int64_t k1 = code_of(f, -1, "K-001"), k5 = code_of(f, -1, "K-005");
	for (size_t i = 0; i < ARRAY_LEN(write_cases); i++) {
		int64_t rid = demo_id(f, write_cases[i].resident);
		act_as(f, write_cases[i].who);
		struct jy_err err = { 0 };
		int64_t id = -1;
		check_write(enrolment_enrol(f->db, rid, k1, 0, &id, &err), i, &err);
		assert_true(write_cases[i].rc ? id == 0 : id > 0);
	}
	/* changing an enrolment (its result) is changing her record */
	act_as(f, "admin");
	int64_t liu = demo_id(f, "刘晓燕"), eid = 0;
	assert_int_equal(enrolment_find(f->db, liu, k5, &eid, NULL), JY_OK);
	struct enrolment *e = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(enrolment_load(f->db, eid, &e, &err), JY_OK);
	assert_string_equal(e->v[EF_NAME], "刘晓燕");
	enrolment_set(e, EF_RESULT, "结业");
	act_as(f, "zhao");      /* 城北街道's trainee */
	assert_int_equal(enrolment_save(f->db, e, &err), JY_EPERM);
	act_as(f, "admin");
	assert_int_equal(enrolment_save(f->db, e, &err), JY_OK);
	enrolment_free(&e);
}

/* A roll call lists only her trainees, ID numbers masked, and marks only hers. */
static void test_rollcall(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	int64_t k5 = code_of(f, -1, "K-005");
	struct jy_err err = { 0 };
	struct course *c = NULL;
	assert_int_equal(course_load(f->db, k5, &c, &err), JY_OK);
	struct session *s = session_new(k5);
	session_set(s, SF_DATE, course_get(c, CF_START));       /* the demo's dates are shifted */
	session_set(s, SF_TOPIC, "网店客服实操");
	course_free(&c);
	if (session_save(f->db, s, &err) != JY_OK)
		fail_msg("session: %s: %s", err.field, err.msg);
	int64_t sid = s->id;
	session_free(&s);

	static const struct {
		const char *who;
		int rc;
		const char *names;
	} cases[] = {
		{ "wang", JY_OK, "赵春梅" }, { "zhao", JY_OK, "赵春梅" }, { "qian", JY_EPERM, "" },
		{ "admin", JY_OK, "刘晓燕,赵春梅" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		struct rollcall rc;
		int r = rollcall_load(f->db, sid, &rc, &err);
		assert_int_equal(r, cases[i].rc);
		if (r) {
			assert_stats_refused(r, &err);
			continue;
		}
		const char *names[8];
		for (int k = 0; k < rc.n && k < 8; k++) {
			names[k] = rc.rows[k].name;
			assert_masked_id(rc.rows[k].id_no);
		}
		assert_names(names, rc.n, cases[i].names);
		rollcall_free(&rc);
	}

	/* wang marks hers; a roll call holding someone else's trainee is refused whole */
	act_as(f, "admin");
	struct rollcall all;
	assert_int_equal(rollcall_load(f->db, sid, &all, &err), JY_OK);
	act_as(f, "wang");
	struct rollcall mine;
	assert_int_equal(rollcall_load(f->db, sid, &mine, &err), JY_OK);
	mine.rows[0].mark = MARK_PRESENT;
	assert_int_equal(rollcall_save(f->db, &mine, &err), JY_OK);
	rollcall_free(&mine);
	all.version++;          /* wang's save moved the session on */
	for (int k = 0; k < all.n; k++)
		all.rows[k].mark = MARK_LATE;
	assert_int_equal(rollcall_save(f->db, &all, &err), JY_EPERM);
	assert_string_equal(err.field, "身份证号");
	act_as(f, "zhao");
	assert_int_equal(rollcall_save(f->db, &all, &err), JY_EPERM);
	act_as(f, "qian");
	assert_int_equal(rollcall_save(f->db, &all, &err), JY_EPERM);
	assert_stats_refused(JY_EPERM, &err);
	act_as(f, "admin");
	assert_int_equal(rollcall_save(f->db, &all, &err), JY_OK);
	rollcall_free(&all);
	/* the sessions themselves are the course's: no one's personal data */
	act_as(f, "wang");
	struct session_row *sr = NULL;
	int n = 0;
	assert_int_equal(session_list(f->db, k5, &sr, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	free(sr);
	act_as(f, "qian");
	assert_int_equal(session_list(f->db, k5, &sr, &n, &err), JY_EPERM);
	act_as(f, "admin");
}

static int cert_cb(void *arg, const struct certificate *c)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

/* Certificates, status changes and visits: added with OP_EDIT for her residents, read with OP_VIEW. */
static void test_facts(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(write_cases); i++) {
		int64_t rid = demo_id(f, write_cases[i].resident);
		act_as(f, write_cases[i].who);
		struct jy_err err = { 0 };
		struct certificate c = { .resident_id = rid, .type = "就业创业证", .issue_date = "2024-06-28" };
		check_write(certificate_add(f->db, &c, &err), i, &err);
		struct visit v = { .resident_id = rid, .date = "2024-06-28", .content = "电话回访" };
		check_write(visit_add(f->db, &v, &err), i, &err);
		struct status_event e = { .resident_id = rid, .date = "2024-06-29", .status = "灵活就业",
		                          .form = "灵活就业" };
		check_write(status_event_add(f->db, &e, &err), i, &err);
		int seen = 0;
		int rc = certificate_each(f->db, rid, cert_cb, &seen, NULL);
		assert_int_equal(rc, write_cases[i].rc);
		assert_true(rc ? seen == 0 : seen >= 1);
		/* cancelling it is a reviewer's (zhao, the administrator), not a clerk's (wang) */
		if (rc == JY_OK)
			assert_int_equal(certificate_set_status(f->db, c.id, "注销", "重复发证", &err),
			                 strcmp(write_cases[i].who, "wang") == 0 ? JY_EPERM : JY_OK);
	}
	/* wang cannot cancel the certificate of 李桂芳 (建设社区) */
	act_as(f, "admin");
	int64_t li = demo_id(f, "李桂芳");
	struct certificate c = { .resident_id = li, .type = "就业创业证", .issue_date = "2024-06-28" };
	struct jy_err err = { 0 };
	assert_int_equal(certificate_add(f->db, &c, &err), JY_OK);
	act_as(f, "wang");
	assert_int_equal(certificate_set_status(f->db, c.id, "注销", "重复发证", &err), JY_EPERM);
	act_as(f, "zhao");      /* a reviewer of 城南街道, 建设社区's street */
	assert_int_equal(certificate_set_status(f->db, c.id, "注销", "重复发证", &err), JY_OK);
	act_as(f, "wang");
	assert_int_equal(visit_each(f->db, li, NULL, NULL, NULL), JY_EPERM);
	assert_int_equal(status_event_each(f->db, li, NULL, NULL, NULL), JY_EPERM);
	act_as(f, "admin");
}

/* ---- records that are no one's personal data -------------------------------------------------- */

/* Employers, postings, fairs and courses: every role but statistics reads and keeps them. */
static void test_shared_records(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *who;
		int rc;
	} cases[] = {
		{ "wang", JY_OK }, { "zhao", JY_OK }, { "qian", JY_EPERM }, { "admin", JY_OK },
	};
	int64_t e1 = code_of(f, JR_EMPLOYER, "E01"), k1 = code_of(f, -1, "K-001");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		act_as(f, cases[i].who);
		int want = cases[i].rc;
		struct jy_err err = { 0 };
		struct job_page pg;
		assert_int_equal(employer_search(f->db, "jg", NULL, 20, &pg, &err), want);
		job_page_free(&pg);
		assert_int_equal(posting_search(f->db, NULL, POSTINGS_OPEN, 0, NULL, 20, &pg, &err), want);
		job_page_free(&pg);
		assert_int_equal(fair_search(f->db, NULL, NULL, 20, &pg, &err), want);
		job_page_free(&pg);
		struct course_page cp;
		assert_int_equal(course_search(f->db, "", NULL, 20, &cp, &err), want);
		course_page_free(&cp);
		struct course_counts cc;
		assert_int_equal(course_counts(f->db, k1, &cc, &err), want);

		struct jobrec *e = NULL;
		assert_int_equal(jobrec_load(f->db, JR_EMPLOYER, e1, &e, &err), want);
		if (want) {
			assert_stats_refused(want, &err);
			e = jobrec_new(JR_EMPLOYER);    /* not even a new one */
			jobrec_set(e, EMP_NAME, "统计员的公司");
			assert_int_equal(jobrec_save(f->db, e, &err), JY_EPERM);
			jobrec_free(&e);
			struct course *c = course_new();
			course_set(c, CF_NAME, "统计员的培训班");
			course_set(c, CF_START, "2024-07-01");
			course_set(c, CF_END, "2024-07-05");
			assert_int_equal(course_save(f->db, c, &err), JY_EPERM);
			course_free(&c);
			assert_int_equal(course_load(f->db, k1, &c, &err), JY_EPERM);
			assert_null(c);
			continue;
		}
		char note[64];
		snprintf(note, sizeof note, "%s核对联系方式", cases[i].who);
		jobrec_set(e, EMP_NOTE, note);
		assert_int_equal(jobrec_save(f->db, e, &err), JY_OK);
		jobrec_free(&e);
		struct course *c = NULL;
		assert_int_equal(course_load(f->db, k1, &c, &err), JY_OK);
		course_set(c, CF_NOTE, note);
		assert_int_equal(course_save(f->db, c, &err), JY_OK);
		course_free(&c);
	}
	act_as(f, "admin");
}

/* ---- files ------------------------------------------------------------------------------------ */

static void collect(void *arg, const char *line)
{
	struct jy_buf *b = arg;
	buf_addf(b, "%s\n", line);
}

static char *write_file(struct fixture *f, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", f->dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* A file of referrals or enrolments naming a resident outside the worker's communities is refused
 * and stores nothing; the row that is hers goes in once the other is gone. */
static void test_import_scope(void **state)
{
	struct fixture *f = *state;
	act_as(f, "admin");
	struct resident *r = NULL;
	struct jy_err err = { 0 };
	assert_int_equal(resident_load(f->db, demo_id(f, "吴建国"), &r, &err), JY_OK);
	char wu[19], zh[19];
	snprintf(wu, sizeof wu, "%s", resident_get(r, RF_IDNO));
	resident_free(&r);
	assert_int_equal(resident_load(f->db, demo_id(f, "赵春梅"), &r, &err), JY_OK);
	snprintf(zh, sizeof zh, "%s", resident_get(r, RF_IDNO));
	resident_free(&r);

	char *text = xasprintf("身份证号,姓名,岗位编号,推荐日期,本人同意\n%s,赵春梅,J-003,2024-06-28,是\n"
	                       "%s,吴建国,J-003,2024-06-28,是\n", zh, wu);
	char *path = write_file(f, "referrals.csv", text);
	free(text);
	act_as(f, "wang");
	struct jy_buf lines = { 0 };
	struct import_result res = { 0 };
	int rc = import_referrals(f->db, path, NULL, 0, collect, &lines, &res, &err);
	assert_int_not_equal(rc, JY_OK);
	const char *said = lines.len ? lines.s : err.msg;
	assert_non_null(strstr(said, "wang"));
	if (lines.len) {                /* as a FILE:ROW line naming the resident's column */
		char *want = xasprintf("%s:3: 身份证号: ", path);
		assert_non_null(strstr(lines.s, want));
		free(want);
	}
	buf_free(&lines);
	struct job_page pg;
	act_as(f, "admin");
	assert_int_equal(referral_search(f->db, NULL, demo_id(f, "赵春梅"), 0, NULL, 50, &pg, &err), JY_OK);
	assert_int_equal(pg.n, 0);      /* nothing stored */
	job_page_free(&pg);
	free(path);

	text = xasprintf("身份证号,姓名,培训班编号\n%s,赵春梅,K-001\n%s,吴建国,K-001\n", zh, wu);
	path = write_file(f, "enrol.csv", text);
	free(text);
	act_as(f, "wang");
	memset(&res, 0, sizeof res);
	rc = import_enrolments(f->db, path, NULL, 0, collect, &lines, &res, &err);
	assert_int_not_equal(rc, JY_OK);
	said = lines.len ? lines.s : err.msg;
	assert_non_null(strstr(said, "wang"));
	if (lines.len) {
		char *want = xasprintf("%s:3: 身份证号: ", path);
		assert_non_null(strstr(lines.s, want));
		free(want);
	}
	buf_free(&lines);
	int64_t eid;
	act_as(f, "admin");
	assert_int_equal(enrolment_find(f->db, demo_id(f, "赵春梅"), code_of(f, -1, "K-001"), &eid,
	                                NULL), JY_ENOTFOUND);
	free(path);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_referral_list, setup, teardown),
	cmocka_unit_test_setup_teardown(test_enrolment_list, setup, teardown),
	cmocka_unit_test_setup_teardown(test_placement_due, setup, teardown),
	cmocka_unit_test_setup_teardown(test_match, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refer, setup, teardown),
	cmocka_unit_test_setup_teardown(test_enrol, setup, teardown),
	cmocka_unit_test_setup_teardown(test_rollcall, setup, teardown),
	cmocka_unit_test_setup_teardown(test_facts, setup, teardown),
	cmocka_unit_test_setup_teardown(test_shared_records, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_scope, setup, teardown),
};

TEST_MAIN(tests)
