/* tests/bench_report.c: how fast the monthly report is on a 1,000,000-resident registry with a
 * year of events (`make bench`; the target is 1 s).
 *
 *   bench_report events DB        add a year of events (2023-07-01 .. 2024-06-30) to a registry
 *                                 built by `bench load`: status changes, referrals with their
 *                                 stages, postings, courses and enrolments, visits, certificates,
 *                                 about 3,000,000 rows; report_events_rows, report_events_s
 *   bench_report month DB [MONTH] report_compute for MONTH (default 2024-06, the last month of the
 *                                 events) against the month before, every indicator: the median
 *                                 of 3 runs as report_month (and its processor time as
 *                                 report_month_cpu), and split by community as
 *                                 report_month_by_community (_cpu) (s)
 * Every figure is one line `bench NAME VALUE UNIT` on stdout.
 *
 * The events are written straight into the file in one transaction (as fast as SQLite takes
 * them; going through core's one-at-a-time functions would take an hour), the way core writes
 * them: each resident's status events in date order, after her registration, the last one with
 * the status she has now (so resident.status stays the latest event's, as status_event_add keeps
 * it); a hire is a referral at stage hired with its stage_on and a placement on a public-welfare
 * posting. The mix is a pure function of the resident's number. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"

#define NPOSTINGS 2000
#define NCOURSES 600

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(sqlite3 *h, const char *what)
{
	fprintf(stderr, "bench_report: %s: %s\n", what, h ? sqlite3_errmsg(h) : "");
	exit(1);
}

static sqlite3_stmt *prep(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(h, sql);
	return st;
}

static void step(sqlite3 *h, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(h, what);
	sqlite3_reset(st);
}

static void iso(int64_t day, char out[11])
{
	int y, m, d;
	date_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Open with core first, so the file has this program's schema (the report's indexes); then
 * write through SQLite directly. */
static sqlite3 *open_raw(const char *path)
{
	struct jy_db *db;
	struct jy_err err = { 0 };
	if (db_open(path, 0, &db, &err) != JY_OK) {
		fprintf(stderr, "bench_report: %s: %s\n", path, err.msg);
		exit(1);
	}
	db_close(&db);
	sqlite3 *h;
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die(h, path);
	sqlite3_exec(h, "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF", NULL, NULL, NULL);
	return h;
}

struct writer {
	sqlite3 *h;
	sqlite3_stmt *ev, *ref, *stage, *place, *enrol, *visit, *cert;
	long rows;
	int64_t first, last;    /* the year of events, as days */
};

static void w_event(struct writer *w, int64_t rid, int64_t day, const char *status, const char *form)
{
	char d[11];
	iso(day, d);
	sqlite3_bind_int64(w->ev, 1, rid);
	text(w->ev, 2, d);
	text(w->ev, 3, status);
	if (form)
		text(w->ev, 4, form);
	else
		sqlite3_bind_null(w->ev, 4);
	step(w->h, w->ev, "status_event");
	w->rows++;
}

/* 0-3 status changes after her registration (and in the year), the last back to her status now. */
static void events_status(struct writer *w, int64_t rid, int64_t reg, const char *now, uint64_t *s)
{
	static const char *const between[] = { "10", "20", "21", "22", "23", "10", "12" };
	static const char *const forms[] = { "010", "022", "021", "030" };
	int k = (int)(splitmix(s) % 4);
	int64_t lo = reg > w->first ? reg + 1 : w->first;
	if (k == 0 || lo > w->last)
		return;
	int64_t days[3];
	for (int j = 0; j < k; j++)
		days[j] = lo + (int64_t)(splitmix(s) % (uint64_t)(w->last - lo + 1));
	for (int a = 0; a < k; a++)         /* in date order */
		for (int b = a + 1; b < k; b++)
			if (days[b] < days[a]) {
				int64_t t = days[a];
				days[a] = days[b];
				days[b] = t;
			}
	for (int j = 0; j < k; j++) {
		const char *st = j == k - 1 ? now : between[splitmix(s) % ARRAY_LEN(between)];
		const char *form = st[0] == '2' ? (st[1] == '3' ? "030" : forms[splitmix(s) % 3]) : NULL;
		w_event(w, rid, days[j], st, form);
	}
}

static void events_other(struct writer *w, int64_t rid, int64_t reg, uint64_t *s)
{
	int64_t lo = reg > w->first ? reg : w->first;
	if (lo > w->last)
		return;
	char d[11], d2[11];
	uint64_t r = splitmix(s) % 100;
	/* referrals: 6 in 10 residents, a tenth of them hired two weeks later */
	if (r < 60) {
		int64_t day = lo + (int64_t)(splitmix(s) % (uint64_t)(w->last - lo + 1));
		int64_t pid = 1000 + (int64_t)(splitmix(s) % NPOSTINGS);
		int hired = splitmix(s) % 10 == 0 && day + 14 <= w->last;
		iso(day, d);
		iso(hired ? day + 14 : day, d2);
		sqlite3_bind_int64(w->ref, 1, rid);
		sqlite3_bind_int64(w->ref, 2, pid);
		text(w->ref, 3, hired ? "hired" : "referred");
		text(w->ref, 4, d);
		text(w->ref, 5, d2);
		step(w->h, w->ref, "referral");
		int64_t refid = sqlite3_last_insert_rowid(w->h);
		sqlite3_bind_int64(w->stage, 1, refid);
		text(w->stage, 2, "referred");
		text(w->stage, 3, d);
		step(w->h, w->stage, "referral_stage");
		w->rows += 2;
		if (hired) {
			sqlite3_bind_int64(w->stage, 1, refid);
			text(w->stage, 2, "hired");
			text(w->stage, 3, d2);
			step(w->h, w->stage, "referral_stage");
			w->rows++;
			if (pid % 10 == 0 && splitmix(s) % 2) {     /* public-welfare postings */
				sqlite3_bind_int64(w->place, 1, rid);
				sqlite3_bind_int64(w->place, 2, refid);
				sqlite3_bind_int64(w->place, 3, pid);
				text(w->place, 4, d2);
				step(w->h, w->place, "placement");
				w->rows++;
			}
		}
	}
	/* enrolments: 1 in 5 */
	if (splitmix(s) % 5 == 0) {
		sqlite3_bind_int64(w->enrol, 1, rid);
		sqlite3_bind_int64(w->enrol, 2, 1000 + (int64_t)(splitmix(s) % NCOURSES));
		uint64_t x = splitmix(s) % 10;
		text(w->enrol, 3, x < 7 ? "completed" : x < 8 ? "dropped" : "enrolled");
		sqlite3_bind_int(w->enrol, 4, x < 6);
		step(w->h, w->enrol, "enrolment");
		w->rows++;
	}
	/* visits: 1 in 5; certificates: 1 in 10 */
	if (splitmix(s) % 5 == 0) {
		iso(lo + (int64_t)(splitmix(s) % (uint64_t)(w->last - lo + 1)), d);
		sqlite3_bind_int64(w->visit, 1, rid);
		text(w->visit, 2, d);
		step(w->h, w->visit, "visit");
		w->rows++;
	}
	if (splitmix(s) % 10 == 0) {
		static const char *const types[] = { "01", "01", "01", "05", "06" };
		iso(lo + (int64_t)(splitmix(s) % (uint64_t)(w->last - lo + 1)), d);
		sqlite3_bind_int64(w->cert, 1, rid);
		text(w->cert, 2, types[splitmix(s) % ARRAY_LEN(types)]);
		text(w->cert, 3, d);
		step(w->h, w->cert, "certificate");
		w->rows++;
	}
}

/* Postings and courses of the year (ids from 1000, apart from the demo's). */
static void events_setup(struct writer *w)
{
	const char *now = "2024-06-30T12:00:00+08:00";
	sqlite3_stmt *p = prep(w->h,
		"INSERT INTO posting(id, code, employer_id, title, public_welfare, openings, posted, status, "
		"created_at, created_by) VALUES (?1, 'BR-' || ?1, (SELECT min(id) FROM employer), '家政服务员', "
		"?2, ?3, ?4, 'open', ?5, 'bench')");
	sqlite3_stmt *c = prep(w->h,
		"INSERT INTO course(id, code, name, speciality, category, start_date, end_date, created_at, "
		"created_by) VALUES (?1, 'BK-' || ?1, '家政服务员培训班', '01', '1', ?2, ?3, ?4, 'bench')");
	char d[11], e[11];
	for (int i = 0; i < NPOSTINGS; i++) {
		iso(w->first + (w->last - w->first) * i / NPOSTINGS, d);
		sqlite3_bind_int(p, 1, 1000 + i);
		sqlite3_bind_int(p, 2, i % 10 == 0);
		sqlite3_bind_int(p, 3, 1 + i % 5);
		text(p, 4, d);
		text(p, 5, now);
		step(w->h, p, "posting");
	}
	for (int i = 0; i < NCOURSES; i++) {
		int64_t start = w->first + (w->last - w->first) * i / NCOURSES;
		iso(start, d);
		iso(start + 20, e);
		sqlite3_bind_int(c, 1, 1000 + i);
		text(c, 2, d);
		text(c, 3, e);
		text(c, 4, now);
		step(w->h, c, "course");
	}
	sqlite3_finalize(p);
	sqlite3_finalize(c);
	w->rows += NPOSTINGS + NCOURSES;
}

static int cmd_events(const char *path)
{
	sqlite3 *h = open_raw(path);
	struct writer w = { .h = h, .first = date_days(2023, 7, 1), .last = date_days(2024, 6, 30) };
	const char *now = "'2024-06-30T12:00:00+08:00', 'bench'";
	char sql[512];
	double t0 = now_s();
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "begin");
	events_setup(&w);
	snprintf(sql, sizeof sql, "INSERT INTO status_event(resident_id, date, status, form, created_at, "
	         "created_by) VALUES (?1, ?2, ?3, ?4, %s)", now);
	w.ev = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO referral(resident_id, posting_id, stage, referred_on, "
	         "stage_on, consent, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, 1, %s)", now);
	w.ref = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT INTO referral_stage(referral_id, stage, date, created_at, "
	         "created_by) VALUES (?1, ?2, ?3, %s)", now);
	w.stage = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT INTO placement(resident_id, referral_id, posting_id, form, "
	         "start_date, public_welfare, created_at, created_by) VALUES (?1, ?2, ?3, '030', ?4, 1, %s)", now);
	w.place = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO enrolment(resident_id, course_id, enrolled_on, "
	         "result, passed, created_at, created_by) VALUES (?1, ?2, (SELECT start_date FROM course "
	         "WHERE id = ?2), ?3, ?4, %s)", now);
	w.enrol = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT INTO visit(resident_id, date, created_at, created_by) "
	         "VALUES (?1, ?2, %s)", now);
	w.visit = prep(h, sql);
	snprintf(sql, sizeof sql, "INSERT INTO certificate(resident_id, type, issue_date, created_at, "
	         "created_by) VALUES (?1, ?2, ?3, %s)", now);
	w.cert = prep(h, sql);
	sqlite3_stmt *res = prep(h, "SELECT id, reg_date, status FROM resident WHERE reg_date IS NOT NULL "
	                         "AND closed_at IS NULL AND status IS NOT NULL ORDER BY id");
	while (sqlite3_step(res) == SQLITE_ROW) {
		int64_t rid = sqlite3_column_int64(res, 0);
		int y, m, d;
		if (!date_split((const char *)sqlite3_column_text(res, 1), &y, &m, &d))
			continue;
		char status[4];
		snprintf(status, sizeof status, "%s", (const char *)sqlite3_column_text(res, 2));
		uint64_t s = (uint64_t)rid * 0x9E3779B97F4A7C15ULL + 7;
		int64_t reg = date_days(y, m, d);
		events_status(&w, rid, reg, status, &s);
		events_other(&w, rid, reg, &s);
	}
	sqlite3_finalize(res);
	sqlite3_stmt *all[] = { w.ev, w.ref, w.stage, w.place, w.enrol, w.visit, w.cert };
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		sqlite3_finalize(all[i]);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "commit");
	sqlite3_close(h);
	printf("bench report_events_rows %ld rows\n", w.rows);
	printf("bench report_events_s %.1f s\n", now_s() - t0);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The median of 3 runs, and in *cpu the median of their processor times (on a busy machine the
 * wall time also holds the waits for a processor). */
static double time_report(struct jy_db *db, const struct period *p, int by, long *check, double *cpu)
{
	double t[3], c[3];
	for (int k = 0; k < 3; k++) {
		struct report *r = NULL;
		struct jy_err err = { 0 };
		double c0 = cpu_s(), t0 = now_s();
		if (report_compute(db, p, by, &r, &err) != JY_OK) {
			fprintf(stderr, "bench_report: report: %s\n", err.msg);
			exit(1);
		}
		t[k] = now_s() - t0;
		c[k] = cpu_s() - c0;
		*check = (long)r->cur_v[0].num;
		report_free(&r);
	}
	qsort(t, 3, sizeof *t, cmp_double);
	qsort(c, 3, sizeof *c, cmp_double);
	*cpu = c[1];
	return t[1];
}

static int cmd_month(const char *path, const char *month)
{
	struct jy_db *db;
	struct jy_err err = { 0 };
	if (db_open(path, DB_OPEN_READONLY, &db, &err) != JY_OK) {
		fprintf(stderr, "bench_report: %s: %s\n", path, err.msg);
		return 1;
	}
	struct period p;
	if (period_parse(month, &p, &err) != JY_OK) {
		fprintf(stderr, "bench_report: %s\n", err.msg);
		return 1;
	}
	long a1 = 0;
	double cpu, t = time_report(db, &p, BY_NONE, &a1, &cpu);
	printf("# %s: %ld registered unemployed at the start\n", p.label, a1);
	printf("bench report_month %.3f s\n", t);
	printf("bench report_month_cpu %.3f s\n", cpu);
	t = time_report(db, &p, BY_COMMUNITY, &a1, &cpu);
	printf("bench report_month_by_community %.3f s\n", t);
	printf("bench report_month_by_community_cpu %.3f s\n", cpu);
	db_close(&db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "events") == 0)
		return cmd_events(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "month") == 0)
		return cmd_month(argv[2], argc > 3 ? argv[3] : "2024-06");
	fprintf(stderr, "usage: bench_report events DB | month DB [MONTH]\n");
	return 2;
}
