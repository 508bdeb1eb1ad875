/* tests/unit/test_due.c: 今日待办 (core/admin/due.c) and the due lists it reads. The edges of the
 * quarterly visit rule (a visit on a quarter's last day, the next quarter's first day, a visit
 * typed ahead of the day), the days of each setting (a referral 13 and 14 days old), the lists a
 * role may see (a statistician none of people, a clerk no reviewer's requests), a clerk's
 * communities and --unit, a list's first lines and its count read apart, and a source a later
 * module registers. */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

#include "store/store_int.h"

struct fixture {
	char dir[64], path[96];
	struct jy_db *db;
	struct jy_actor admin;
	int64_t a, b, c, far, employed;
	int64_t posting;
};

static int64_t resident(struct jy_db *db, const char *name, int seq, const char *community,
                        const char *reg, const char *status)
{
	char id[19];
	idcard_make("330102", "1978-04-05", seq, 'F', id);
	struct resident *r = resident_new();
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, id);
	resident_set(r, RF_COMMUNITY, community);
	resident_set(r, RF_REGDATE, reg);
	resident_set(r, RF_STATUS, status);
	struct jy_err err = { 0 };
	int rc = resident_save(db, r, &err);
	if (rc)
		fprintf(stderr, "%s: %s\n", name, err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t rid = r->id;
	resident_free(&r);
	return rid;
}

static void visit(struct jy_db *db, int64_t rid, const char *date)
{
	struct visit v = { .resident_id = rid, .date = (char *)date };
	struct jy_err err = { 0 };
	assert_int_equal(visit_add(db, &v, &err), JY_OK);
}

static int64_t refer(struct jy_db *db, int64_t rid, int64_t pid, const char *on)
{
	struct referral *r = referral_new();
	r->resident_id = rid;
	r->posting_id = pid;
	r->consent = 1;
	r->referred_on = xstrdup(on);
	struct jy_err err = { 0 };
	int rc = referral_add(db, r, &err);
	if (rc)
		fprintf(stderr, "referral: %s\n", err.msg);
	assert_int_equal(rc, JY_OK);
	int64_t id = r->id;
	referral_free(&r);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/jy-due-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("JIUYE_TODAY", "2030-06-15", 1);
	struct jy_err err = { 0 };
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &f->db, &err), JY_OK);
	assert_int_equal(demo_load(f->db, &err), JY_OK);
	f->admin = *db_actor(f->db);
	struct jy_db *db = f->db;
	/* A: visited on the third quarter's last day; B: on the fourth's first; C: never, and a
	 * visit typed ahead for 2027; far: in 建设社区; employed: not looking for work */
	f->a = resident(db, "甲秀英", 31, "TX0101", "2026-01-05", "10");
	f->b = resident(db, "乙桂兰", 33, "TX0101", "2026-02-05", "10");
	f->c = resident(db, "丙春梅", 35, "TX0101", "2026-03-05", "11");
	f->far = resident(db, "丁小燕", 37, "TX0102", "2026-04-05", "10");
	f->employed = resident(db, "戊丽", 39, "TX0101", "2026-04-05", "21");
	visit(db, f->a, "2026-09-30");
	visit(db, f->b, "2026-10-01");
	visit(db, f->c, "2027-02-01");
	/* a posting to refer them to */
	struct jobrec *p = jobrec_new(JR_POSTING);
	jobrec_set(p, PST_EMPLOYER, "E01");
	jobrec_set(p, PST_TITLE, "社区保洁员");
	jobrec_set(p, PST_OPENINGS, "3");
	jobrec_set(p, PST_POSTED, "2026-10-01");
	assert_int_equal(jobrec_save(db, p, &err), JY_OK);
	f->posting = p->id;
	jobrec_free(&p);
	/* a clerk of 幸福里社区, a reviewer, a statistician */
	assert_int_equal(worker_save(db, "clerk1", "王芳", ROLE_CLERK, "TX0101", &err), JY_OK);
	assert_int_equal(worker_save(db, "rev1", "李静", ROLE_REVIEWER, "TX0101", &err), JY_OK);
	assert_int_equal(worker_save(db, "stat1", "赵敏", ROLE_STATS, "", &err), JY_OK);
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

static void act(struct fixture *f, const char *os_user)
{
	struct jy_actor a = { 0 };
	struct jy_err err = { 0 };
	if (!os_user)
		a = f->admin;
	else
		snprintf(a.os_user, sizeof a.os_user, "%s", os_user);
	assert_int_equal(db_set_actor(f->db, &a, &err), JY_OK);
}

static int visit_listed(struct jy_db *db, const char *asof, int days, int64_t id)
{
	struct resident_due_row *rows;
	int n, hit = 0;
	struct jy_err err = { 0 };
	int total;
	assert_int_equal(visit_due(db, asof, days, 0, &rows, &n, &total, &err), JY_OK);
	assert_int_equal(total, n);
	for (int k = 0; k < n; k++)
		hit |= rows[k].id == id;
	free(rows);
	return hit;
}

static void test_visits(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	static const struct {
		const char *asof;
		int days;
		int a, b, c;
	} cases[] = {
		/* the visit on 30 September covers the third quarter to its last day */
		{ "2026-09-30", 0, 0, 1, 1 },
		/* the fourth quarter starts the count again: A is due, B was visited on its first day */
		{ "2026-10-01", 0, 1, 0, 1 },
		{ "2026-12-31", 0, 1, 0, 1 },
		/* the first quarter of 2027: B too; C's visit is dated 1 February: not yet on 31 January */
		{ "2027-01-01", 0, 1, 1, 1 },
		{ "2027-01-31", 0, 1, 1, 1 },
		{ "2027-02-01", 0, 1, 1, 0 },
		/* in the last 30 days instead: 30 September still counts on 30 October, not on 31 */
		{ "2026-10-30", 30, 0, 0, 1 },
		{ "2026-10-31", 30, 1, 0, 1 },
		/* before her registration nobody is due */
		{ "2025-12-31", 0, 0, 0, 0 },
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		if (visit_listed(db, cases[k].asof, cases[k].days, f->a) != cases[k].a ||
		    visit_listed(db, cases[k].asof, cases[k].days, f->b) != cases[k].b ||
		    visit_listed(db, cases[k].asof, cases[k].days, f->c) != cases[k].c)
			fail_msg("visits on %s (%d days)", cases[k].asof, cases[k].days);
		/* the one of 建设社区 is due for the county, never an employed one */
		assert_false(visit_listed(db, cases[k].asof, cases[k].days, f->employed));
	}
	assert_true(visit_listed(db, "2026-10-01", 0, f->far));
	/* her clerk sees only 幸福里社区 */
	act(f, "clerk1");
	assert_true(visit_listed(db, "2026-10-01", 0, f->a));
	assert_false(visit_listed(db, "2026-10-01", 0, f->far));
	act(f, NULL);
	/* only a home visit takes her off the list: a phone call to A and a guidance talk in the
	 * fourth quarter leave her due on its last day; a 家访 (another name of 入户走访) does not */
	static const char *const not_home[] = { "电话", "职业指导", "来访", "9" };
	for (size_t k = 0; k < ARRAY_LEN(not_home); k++) {
		struct visit v = { .resident_id = f->a, .date = "2026-11-02", .kind = (char *)not_home[k] };
		struct jy_err err = { 0 };
		assert_int_equal(visit_add(db, &v, &err), JY_OK);
		assert_true(visit_listed(db, "2026-12-31", 0, f->a));
	}
	struct visit home = { .resident_id = f->a, .date = "2026-12-01", .kind = "家访" };
	struct jy_err err = { 0 };
	assert_int_equal(visit_add(db, &home, &err), JY_OK);
	assert_false(visit_listed(db, "2026-12-31", 0, f->a));
	assert_true(visit_listed(db, "2026-11-30", 0, f->a));
}

static const struct due_list *list_of(const struct due_list *l, int n, const char *key)
{
	for (int k = 0; k < n; k++)
		if (strcmp(l[k].src->key, key) == 0)
			return &l[k];
	return NULL;
}

static int has_resident(const struct due_list *l, int64_t id)
{
	for (int k = 0; l && k < l->n; k++)
		if (l->items[k].resident_id == id)
			return 1;
	return 0;
}

static int row_at(const struct resident_due_row *rows, int n, int64_t id)
{
	for (int k = 0; k < n; k++)
		if (rows[k].id == id)
			return k;
	return -1;
}

/* The first lines of a list and its count, read apart, are the whole list's first lines and its
 * length: for every limit, as the administrator and as her clerk, with a second visit on A's last
 * day (she is listed once). The order on 2026-10-01 worked out by hand: the never visited first
 * by their registration, C (2026-03-05) before far (2026-04-05), then A by her last visit. */
static void test_first_lines(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	visit(db, f->a, "2026-09-30");
	/* two referrals with no word back, 30 and 29 days old on 2026-10-01 */
	refer(db, f->a, f->posting, "2026-09-01");
	refer(db, f->far, f->posting, "2026-09-02");
	static const char *const who[] = { NULL, "clerk1" };
	for (size_t w = 0; w < ARRAY_LEN(who); w++) {
		act(f, who[w]);
		for (int kind = 0; kind < 2; kind++) {
			struct resident_due_row *all, *first;
			int n, total, nf, tf;
			int (*due)(struct jy_db *, const char *, int, int, struct resident_due_row **, int *,
			           int *, struct jy_err *) = kind ? cert_due : visit_due;
			assert_int_equal(due(db, "2026-10-01", 0, 0, &all, &n, &total, &err), JY_OK);
			assert_int_equal(total, n);
			assert_true(n >= 2);
			if (!kind) {
				assert_true(row_at(all, n, f->c) >= 0);
				assert_true(row_at(all, n, f->c) < row_at(all, n, f->a));
				assert_int_equal(row_at(all, n, f->b), -1);
				if (!who[w])
					assert_true(row_at(all, n, f->c) < row_at(all, n, f->far) &&
					            row_at(all, n, f->far) < row_at(all, n, f->a));
				int once = 0;
				for (int k = 0; k < n; k++)
					once += all[k].id == f->a;
				assert_int_equal(once, 1);
				assert_string_equal(all[row_at(all, n, f->a)].date, "2026-09-30");
				assert_string_equal(all[row_at(all, n, f->c)].date, "");
			}
			for (int limit = 1; limit <= n + 1; limit++) {
				assert_int_equal(due(db, "2026-10-01", 0, limit, &first, &nf, &tf, &err), JY_OK);
				assert_int_equal(tf, n);
				assert_int_equal(nf, limit < n ? limit : n);
				for (int k = 0; k < nf; k++)
					if (first[k].id != all[k].id || strcmp(first[k].date, all[k].date) != 0)
						fail_msg("%s, limit %d: line %d is %lld, not %lld",
						         kind ? "certificates" : "visits", limit, k,
						         (long long)first[k].id, (long long)all[k].id);
				free(first);
			}
			free(all);
		}
		/* the menu's lists: the first line kept, the count of all */
		struct due_list *l, *whole;
		int nl, nw;
		assert_int_equal(due_collect(db, "2026-10-01", NULL, 1, &l, &nl, &err), JY_OK);
		assert_int_equal(due_collect(db, "2026-10-01", NULL, 0, &whole, &nw, &err), JY_OK);
		for (int k = 0; k < nl; k++) {
			const struct due_list *x = &l[k], *y = list_of(whole, nw, x->src->key);
			assert_int_equal(x->total, y->n);
			assert_int_equal(x->n, y->n ? 1 : 0);
			if (x->n)
				assert_int_equal(x->items[0].id, y->items[0].id);
		}
		/* the county's referrals: both; her clerk's: A's, of 幸福里社区 */
		assert_int_equal(list_of(l, nl, "referrals")->total, who[w] ? 1 : 2);
		due_free(&l, nl);
		due_free(&whole, nw);
	}
	act(f, NULL);
}

static void test_referrals_and_settings(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	/* referred 14 and 13 days before 2026-11-15, and one answered (an interview) */
	refer(db, f->a, f->posting, "2026-11-01");
	refer(db, f->b, f->posting, "2026-11-02");
	int64_t answered = refer(db, f->c, f->posting, "2026-10-20");
	struct referral *r = NULL;
	assert_int_equal(referral_load(db, answered, &r, &err), JY_OK);
	assert_int_equal(referral_advance(db, r, "interview", "2026-10-25", NULL, NULL, &err), JY_OK);
	referral_free(&r);
	struct due_list *l;
	int n;
	assert_int_equal(due_collect(db, "2026-11-15", NULL, 0, &l, &n, &err), JY_OK);
	const struct due_list *ref = list_of(l, n, "referrals");
	assert_non_null(ref);
	assert_int_equal(ref->days, 14);
	assert_true(has_resident(ref, f->a));
	assert_false(has_resident(ref, f->b));
	assert_false(has_resident(ref, f->c));
	char *title = due_title(ref);
	assert_non_null(strstr(title, "(14 days)"));
	free(title);
	due_free(&l, n);
	/* the office's own days: 13 takes in B */
	assert_int_equal(db_setting_set(db, "jobs.feedback_days", "13", &err), JY_OK);
	assert_int_equal(due_collect(db, "2026-11-15", NULL, 0, &l, &n, &err), JY_OK);
	ref = list_of(l, n, "referrals");
	assert_int_equal(ref->days, 13);
	assert_true(has_resident(ref, f->b));
	due_free(&l, n);
	/* --unit: a street takes in its communities, a community only itself */
	assert_int_equal(due_collect(db, "2026-10-01", "城南街道", 0, &l, &n, &err), JY_OK);
	assert_true(has_resident(list_of(l, n, "visits"), f->far));
	assert_true(has_resident(list_of(l, n, "visits"), f->a));
	due_free(&l, n);
	assert_int_equal(due_collect(db, "2026-10-01", "幸福里社区", 0, &l, &n, &err), JY_OK);
	assert_false(has_resident(list_of(l, n, "visits"), f->far));
	assert_true(has_resident(list_of(l, n, "visits"), f->a));
	due_free(&l, n);
	assert_int_equal(due_collect(db, "2026-10-01", "无此社区", 0, &l, &n, &err), JY_EINVAL);
	assert_null(l);
}

static void test_roles(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	struct due_list *l;
	int n;
	/* the clerk's change of categories waits for a reviewer */
	act(f, "clerk1");
	struct resident *r = NULL;
	assert_int_equal(resident_load(db, f->a, &r, &err), JY_OK);
	resident_set(r, RF_CATEGORIES, "LAID_OFF");
	assert_int_equal(resident_save(db, r, &err), JY_OK);
	resident_free(&r);
	assert_int_equal(draft_save(db, "resident", 0, "name=己", &err), JY_OK);
	assert_int_equal(due_collect(db, "2026-10-01", NULL, 0, &l, &n, &err), JY_OK);
	assert_null(list_of(l, n, "approvals"));        /* not hers to decide */
	assert_non_null(list_of(l, n, "visits"));
	assert_int_equal(list_of(l, n, "drafts")->n, 1);
	assert_false(has_resident(list_of(l, n, "visits"), f->far));
	due_free(&l, n);
	act(f, "rev1");
	assert_int_equal(due_collect(db, "2026-10-01", NULL, 0, &l, &n, &err), JY_OK);
	const struct due_list *ap = list_of(l, n, "approvals");
	assert_non_null(ap);
	assert_int_equal(ap->n, 1);
	assert_int_equal(ap->items[0].resident_id, f->a);
	assert_int_equal(list_of(l, n, "drafts")->n, 0);  /* the clerk's draft is hers alone */
	due_free(&l, n);
	/* a statistician: no list of people at all, her own drafts only */
	act(f, "stat1");
	assert_int_equal(due_collect(db, "2026-10-01", NULL, 0, &l, &n, &err), JY_OK);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].src->key, "drafts");
	due_free(&l, n);
	act(f, NULL);
}

static int later_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                         struct jy_err *err)
{
	(void)db, (void)err;
	out->items = xcalloc(1, sizeof *out->items);
	out->n = 1;
	snprintf(out->items[0].who, sizeof out->items[0].who, "%s", "案件");
	snprintf(out->items[0].date, sizeof out->items[0].date, "%s", asof);
	snprintf(out->items[0].what, sizeof out->items[0].what, "%d", days);
	return JY_OK;
}

static const struct due_source later = { "later", "a later module's list", "later.days", 5,
                                         OP_VIEW, later_collect };

static void test_register(void **state)
{
	struct fixture *f = *state;
	struct jy_err err = { 0 };
	int before;
	due_sources(&before);
	assert_int_equal(due_register(&later), 0);
	assert_int_equal(due_register(&later), 0);      /* once */
	int after;
	const struct due_source *const *s = due_sources(&after);
	assert_int_equal(after, before + 1);
	assert_ptr_equal(s[after - 1], &later);
	struct due_list *l;
	int n;
	assert_int_equal(due_collect(f->db, "2026-10-01", NULL, 0, &l, &n, &err), JY_OK);
	const struct due_list *c = list_of(l, n, "later");
	assert_non_null(c);
	assert_int_equal(c->days, 5);
	assert_string_equal(c->items[0].what, "5");
	due_free(&l, n);
	act(f, "stat1");                /* a list of people: not for a statistician */
	assert_int_equal(due_collect(f->db, "2026-10-01", NULL, 0, &l, &n, &err), JY_OK);
	assert_null(list_of(l, n, "later"));
	due_free(&l, n);
	act(f, NULL);
}

/* ---- certificates to review or ending: a 明白卡's 18 months, re-employment, settling them ------- */

static int64_t card(struct jy_db *db, int64_t rid, const char *issued, char until[11])
{
	struct certificate c = { .resident_id = rid, .type = "明白卡", .issue_date = (char *)issued };
	struct jy_err err = { 0 };
	assert_int_equal(certificate_add(db, &c, &err), JY_OK);
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(valid_until, '') FROM certificate WHERE id = ?1",
	                              &err);
	sqlite3_bind_int64(st, 1, c.id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(until, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return c.id;
}

static int reviews(struct jy_db *db, const char *asof, int days, char first[11])
{
	struct resident_due_row *rows;
	int n, total;
	struct jy_err err = { 0 };
	assert_int_equal(cert_review_due(db, asof, days, 0, &rows, &n, &total, &err), JY_OK);
	assert_int_equal(n, total);
	snprintf(first, 11, "%s", n ? rows[0].date : "");
	free(rows);
	return n;
}

/* Every list's days are a setting an administrator sees and sets (设置 → 参数, jiuye setting),
 * with the default the list uses when it is unset. */
static void test_days_are_settings(void **state)
{
	(void)state;
	int n;
	const struct due_source *const *src = due_sources(&n);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const struct setting_def *d = setting_def_find(src[i]->setting);
		if (!d)
			fail_msg("%s: its days %s are not a setting", src[i]->key, src[i]->setting);
		assert_int_equal(d->type, SETTING_INT);
		assert_int_equal(atoi(d->def), src[i]->days_def);
	}
}

static void test_cert_review(void **state)
{
	struct fixture *f = *state;
	struct jy_db *db = f->db;
	struct jy_err err = { 0 };
	/* A's 明白卡 of 10 January 2026: 18 months to 9 July 2027; B's of 31 August 2026: to 29
	 * February 2028 (no 31st in February: the month's last day) */
	char ua[11], ub[11], first[11];
	int64_t ca = card(db, f->a, "2026-01-10", ua), cb = card(db, f->b, "2026-08-31", ub);
	assert_string_equal(ua, "2027-07-09");
	assert_string_equal(ub, "2028-02-29");
	/* ending within 30 days: from 9 June 2027 (9 July is 30 days on), not on 8 June */
	assert_int_equal(reviews(db, "2027-06-08", 30, first), 0);
	assert_int_equal(reviews(db, "2027-06-09", 30, first), 1);
	assert_string_equal(first, "2027-07-09");
	/* B finds work on 1 October 2026: her card is up for review from that day, whatever its end */
	struct status_event e = { .resident_id = f->b, .date = "2026-10-01", .status = "已就业",
	                          .form = "单位就业" };
	assert_int_equal(status_event_add(db, &e, &err), JY_OK);
	assert_int_equal(reviews(db, "2026-10-02", 30, first), 1);
	assert_string_equal(first, "2026-10-01");
	/* kept after the review (有效 again): off the list; A's cancelled: off too */
	assert_int_equal(certificate_set_status(db, cb, "有效", NULL, &err), JY_OK);
	assert_int_equal(reviews(db, "2026-10-02", 30, first), 0);
	assert_int_equal(certificate_set_status(db, ca, "注销", "已就业", &err), JY_OK);
	assert_int_equal(reviews(db, "2027-06-09", 30, first), 0);
	/* a card ended and still 有效 stays on the list until it is expired */
	assert_int_equal(reviews(db, "2028-03-01", 30, first), 1);
	assert_string_equal(first, "2028-02-29");
	assert_int_equal(certificate_set_status(db, cb, "过期", "超过有效期", &err), JY_OK);
	assert_int_equal(reviews(db, "2028-03-01", 30, first), 0);
}

int main(void)
{
	test_init();
	const struct CMUnitTest tests[] = {
		/* first: the program's own sources, before test_register adds one of its own */
		cmocka_unit_test(test_days_are_settings),
		cmocka_unit_test_setup_teardown(test_visits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referrals_and_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cert_review, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
