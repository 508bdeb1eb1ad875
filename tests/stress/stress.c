/* tests/stress/stress.c: many workers on one file, and crashes, lose nothing.
 *
 *   stress workers DIR N SECONDS   N processes for SECONDS on DIR/stress.db: edit a resident of a
 *                                  small shared pool (load, think, save with the version loaded,
 *                                  with a draft kept meanwhile as the form does), register new
 *                                  residents, import small CSV files (some with a bad row, which
 *                                  must store nothing), and read as reports do (search pages,
 *                                  the whole registry page by page, report_compute when core has
 *                                  it). Then proves: no "database is locked" / busy error, every
 *                                  refused save was JY_ECONFLICT with a message naming the record,
 *                                  no lost update (each record's version is its loaded version
 *                                  plus the saves that succeeded, its values are the last
 *                                  successful save's, and every successful save is in its
 *                                  history), every import all or nothing, integrity_check and
 *                                  foreign_key_check clean.
 *   stress crash DIR ROUNDS        ROUNDS times: a child imports files, edits with drafts, or takes
 *                                  backups while editing, and is killed with SIGKILL after a random
 *                                  delay. The child writes each commit to a pipe after it
 *                                  returns; the parent then proves every reported commit is
 *                                  present, the import under way is all or nothing, the newest
 *                                  draft loads back, every backup file is whole and passes the
 *                                  check, and the database passes db_check (what `jiuye check` runs).
 * Prints "# seed N" first, then TAP lines "ok - ..." / "not ok - ..." with the figures; exit 1
 * when any is "not ok". STRESS_SEED=N replays a run's random choices (see run_seed below).
 * Built against the core objects like tests/bench.c (make build/stress). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core.h"

/* core/report/report.c may not be linked in yet: then the readers do without it. */
#pragma weak report_compute
#pragma weak report_free
#pragma weak period_of

#define POOL 50                 /* residents every worker edits: small, so saves collide */
#define MAX_WORKERS 64
#define IMPORT_ROWS 10          /* rows of a worker's import file */
#define CRASH_ROWS 100          /* rows of a crash round's import file */
#define CRASH_KEEP 3            /* backups kept in the crash rounds */

static int failures;

static void tap(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(int ok, const char *fmt, ...)
{
	va_list ap;
	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void diag(const char *fmt, ...)
{
	va_list ap;
	printf("#   ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* ---- small helpers --------------------------------------------------------------------------- */

static uint64_t rng_state;

static void rng_seed(uint64_t s)
{
	rng_state = s ? s : 0x9e3779b97f4a7c15ULL;
}

/* splitmix64's finaliser: nearby inputs (a seed and a worker number) give unrelated streams. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* The seed of the run: STRESS_SEED, or one made from the clock and the process id. Every worker,
 * the crash rounds' delays and each crash child draw from their own stream derived from it, so the
 * same seed replays the same choices (which resident, which file, when the kill comes); what the
 * scheduler makes of them still varies, so a replay makes a rare failure likely, not certain. */
static uint64_t run_seed;

/* Take the seed and print it first, so a failing run says how to replay it. -1: not a number. */
static int seed_init(void)
{
	const char *s = getenv("STRESS_SEED");
	if (s && *s) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(s, &end, 10);
		if (errno || *end || *s == '-' || *s == '+') {
			tap(0, "stress: STRESS_SEED=%s is not a number (a seed a run printed: "
			    "# seed N)", s);
			return -1;
		}
		run_seed = v;
	} else {
		run_seed = mix((uint64_t)time(NULL) ^ (uint64_t)getpid() << 32);
	}
	printf("# seed %llu (STRESS_SEED=%llu replays it)\n", (unsigned long long)run_seed,
	       (unsigned long long)run_seed);
	fflush(stdout);
	return 0;
}

/* The stream of one part of the run: a worker (1 ...), the crash parent (0), a crash child. */
static uint64_t stream_seed(uint64_t part)
{
	return mix(run_seed ^ mix(part));
}

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A "database is locked" or busy error, as db_fail words it (the run is in C.UTF-8: English). */
static int is_locked(const struct jy_err *e)
{
	return e->code == JY_EDB && (strstr(e->msg, "busy") || strstr(e->msg, "locked"));
}

/* A resident no other run shares: key is mapped one-to-one onto the birth date and the sequence
 * number of an ID number in region (each kind of run has its own region). */
static void make_idno(const char *region, long key, char out[19])
{
	char birth[11];
	int y, m, d;
	date_from_days(date_days(1960, 1, 1) + key / 1000, &y, &m, &d);
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
	int seq = (int)(key % 1000);
	idcard_make(region, birth, seq, seq % 2 ? 'M' : 'F', out);
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周" };
static const char *const givens[] = { "秀英", "桂兰", "建国", "丽娟", "晓红", "志强", "春梅", "海燕" };

static void make_name(long key, char *out, size_t size)
{
	snprintf(out, size, "%s%s", surnames[key % 10], givens[(key / 10) % 8]);
}

static struct resident *make_resident(const char *region, long key)
{
	struct resident *r = resident_new();
	char idno[19], name[32];
	make_idno(region, key, idno);
	make_name(key, name, sizeof name);
	resident_set(r, RF_NAME, name);
	resident_set(r, RF_IDNO, idno);
	resident_set(r, RF_COMMUNITY, key % 2 ? "TX0101" : "TX0102");
	resident_set(r, RF_PHONE, "13800000000");
	return r;
}

/* A CSV file of rows residents key0 .. key0+rows-1 (bad: the last one's check character wrong,
 * so the whole file must be refused). */
static int write_csv(const char *path, const char *region, long key0, int rows, int bad)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("姓名,身份证号,社区,联系电话,备注\n", f);
	for (int i = 0; i < rows; i++) {
		char idno[19], name[32];
		make_idno(region, key0 + i, idno);
		make_name(key0 + i, name, sizeof name);
		if (bad && i == rows - 1)
			idno[17] = idno[17] == '0' ? '1' : '0';
		fprintf(f, "%s,%s,%s,139%08ld,导入%ld\n", name, idno, i % 2 ? "幸福里社区" : "建设社区",
		        (key0 + i) % 100000000, key0 + i);
	}
	return fclose(f);
}

/* The number of residents; -1 (said) when it cannot be read: no failure counts as none. */
static int64_t residents_in(struct jy_db *db)
{
	int64_t n;
	struct jy_err err = { 0 };
	if (resident_count(db, &n, &err) != JY_OK) {
		diag("counting the residents: %s", err.msg);
		return -1;
	}
	return n;
}

/* How many of the file's residents are stored. */
static int csv_present(struct jy_db *db, const char *region, long key0, int rows)
{
	int n = 0;
	for (int i = 0; i < rows; i++) {
		char idno[19];
		int64_t id;
		make_idno(region, key0 + i, idno);
		if (resident_find_idno(db, idno, &id, NULL) == JY_OK)
			n++;
	}
	return n;
}

static int open_as_me(const char *path, int flags, struct jy_db **db, struct jy_err *err)
{
	int rc = db_open(path, flags, db, err);
	if (rc)
		return rc;
	struct jy_actor who;
	db_actor_from_os(&who);
	if ((rc = db_set_actor(*db, &who, err)))
		db_close(db);
	return rc;
}

static void print_problem(void *arg, const char *problem)
{
	(void)arg;
	diag("check: %s", problem);
}

/* A new database: the demo records and POOL - 10 more residents, ids 1 .. POOL. */
static int seed(const char *path)
{
	struct jy_db *db;
	struct jy_err err = { 0 };
	unlink(path);
	if (open_as_me(path, DB_OPEN_CREATE, &db, &err) || demo_load(db, &err)) {
		diag("seed %s: %s", path, err.msg);
		return -1;
	}
	struct jy_actor who;
	db_actor_from_os(&who);
	int rc = db_set_actor(db, &who, &err) ? -1 : 0;
	if (rc)
		diag("seed: %s", err.msg);
	int64_t n;
	while (!rc && (n = residents_in(db)) >= 0 && n < POOL) {
		struct resident *r = make_resident("320583", n);
		if (resident_save(db, r, &err)) {
			diag("seed: %s", err.msg);
			rc = -1;
		}
		resident_free(&r);
	}
	db_close(&db);
	return rc;
}

/* ---- many workers ------------------------------------------------------------------------------- */

struct counts {
	long saves, conflicts, unshown, creates, computed, imports, import_rows, refused_imports, reads,
	     read_rows, reports, drafts, locked, dberr, other;
};

struct save_rec {
	int64_t rid, version;
	char note[48];
};

/* Every error that is not part of the plan is counted and named once in the log. */
static void count_error(FILE *log, struct counts *c, const char *what, int rc, const struct jy_err *e)
{
	if (is_locked(e))
		c->locked++;
	else if (rc == JY_EDB)
		c->dberr++;
	else
		c->other++;
	fprintf(log, "E %s %s: %s\n", what, err_str(rc), e->msg);
}

static void worker_edit(struct jy_db *db, int w, long n, FILE *log, struct counts *c)
{
	int64_t rid = 1 + rnd(POOL);
	struct resident *r = NULL;
	struct jy_err e = { 0 };
	int rc = resident_load(db, rid, &r, &e);
	if (rc) {
		count_error(log, c, "load", rc, &e);
		return;
	}
	char note[48], draft[96];
	snprintf(note, sizeof note, "w%02d-%06ld", w, n);
	/* The form keeps a draft while the worker types (drafts are per worker: one per record). */
	snprintf(draft, sizeof draft, "备注=%s\n", note);
	if ((rc = draft_save(db, "resident", rid, draft, &e)))
		count_error(log, c, "draft_save", rc, &e);
	else
		c->drafts++;
	sleep_us(rnd(3000));    /* the worker types; another may save meanwhile */
	resident_set(r, RF_NOTE, note);
	if (rnd(4) == 0) {
		char phone[16];
		snprintf(phone, sizeof phone, "137%08ld", (long)(w * 1000000L + n % 1000000));
		resident_set(r, RF_PHONE, phone);
	}
	if (rnd(8) == 0)
		resident_set(r, RF_STATUS, strcmp(resident_get(r, RF_STATUS), "10") == 0 ? "12" : "10");
	int64_t loaded = r->version;
	err_clear(&e);
	rc = resident_save(db, r, &e);
	if (rc == JY_OK) {
		c->saves++;
		fprintf(log, "S %lld %lld %s\n", (long long)rid, (long long)r->version, note);
		if (r->version != loaded + 1)
			fprintf(log, "E version %lld after saving version %lld\n", (long long)r->version,
			        (long long)loaded);
		if ((rc = draft_clear(db, "resident", rid, &e)))
			count_error(log, c, "draft_clear", rc, &e);
	} else if (rc == JY_ECONFLICT) {
		c->conflicts++;
		/* refused and shown: a message for the worker and the record it is about */
		if (!e.msg[0] || e.other_id != rid) {
			c->unshown++;
			fprintf(log, "E conflict not shown: other_id %lld msg '%s'\n", (long long)e.other_id, e.msg);
		}
		fprintf(log, "C %lld %lld\n", (long long)rid, (long long)loaded);
	} else {
		count_error(log, c, "save", rc, &e);
	}
	resident_free(&r);
}

static void worker_create(struct jy_db *db, int w, long n, FILE *log, struct counts *c)
{
	long key = (long)w * 100000 + n;
	struct resident *r = make_resident("330102", key);
	struct jy_err e = { 0 };
	int rc = resident_save(db, r, &e);
	if (rc == JY_OK) {
		c->creates++;
		fprintf(log, "N %lld %s\n", (long long)r->id, resident_get(r, RF_IDNO));
	} else {
		count_error(log, c, "create", rc, &e);
	}
	resident_free(&r);
}

static void worker_import(struct jy_db *db, const char *dir, int w, long n, FILE *log,
                          struct counts *c)
{
	long key0 = ((long)w * 100000 + n) * IMPORT_ROWS;
	int bad = rnd(4) == 0;
	char path[4096];
	snprintf(path, sizeof path, "%s/w%02d-%06ld.csv", dir, w, n);
	if (write_csv(path, "330106", key0, IMPORT_ROWS, bad) != 0) {
		c->other++;
		fprintf(log, "E cannot write %s\n", path);
		return;
	}
	struct import_result res = { 0 };
	struct jy_err e = { 0 };
	int rc = import_residents(db, path, NULL, 0, NULL, NULL, &res, &e);
	if (bad && rc == JY_EINVAL && res.rejected == 1) {
		c->refused_imports++;
		fprintf(log, "X %ld\n", key0);
	} else if (!bad && rc == JY_OK && res.added == IMPORT_ROWS) {
		c->imports++;
		c->import_rows += res.added;
		fprintf(log, "I %ld\n", key0);
	} else {
		if (rc == JY_OK)
			snprintf(e.msg, sizeof e.msg, "added %d of %d rows of a file %s", res.added,
			         IMPORT_ROWS, bad ? "with a bad row" : "without a bad row");
		count_error(log, c, "import", rc ? rc : JY_EINVAL, &e);
		fprintf(log, "U %ld\n", key0);         /* unknown outcome: checked all or nothing */
	}
	unlink(path);
}

static const char *const queries[] = { "王", "李秀", "zh", "w", "0001", "138", "幸福", "", "chm" };

/* What a report reads: the whole registry a page at a time, or report_compute when it exists. */
static void worker_read(struct jy_db *db, FILE *log, struct counts *c)
{
	struct jy_err e = { 0 };
	int kind = (int)rnd(10);
	if (kind == 0 && report_compute && period_of && report_free) {
		struct period p;
		char today[11];
		struct report *rep = NULL;
		date_today(today);
		int rc = period_of(PERIOD_YEAR, today, &p, &e);
		if (!rc)
			rc = report_compute(db, &p, (int)rnd(3), &rep, &e);
		if (rc) {
			count_error(log, c, "report", rc, &e);
			return;
		}
		report_free(&rep);
		c->computed++;
		c->reads++;
		return;
	}
	const char *q = kind <= 1 ? "" : queries[rnd(ARRAY_LEN(queries))];
	int limit = kind <= 1 ? 200 : 50;
	int pages = kind <= 1 ? 1000000 : 2;
	char cursor[128] = "";
	for (int i = 0; i < pages; i++) {
		struct search_page pg;
		int rc = search_residents(db, q, cursor, limit, 1, &pg, &e);
		if (rc) {
			count_error(log, c, "search", rc, &e);
			return;
		}
		c->read_rows += pg.n;
		int more = pg.more;
		snprintf(cursor, sizeof cursor, "%s", pg.next);
		search_page_free(&pg);
		if (!more)
			break;
	}
	if (kind <= 1)
		c->reports++;
	c->reads++;
}

static int worker(const char *path, const char *dir, int w, double seconds)
{
	char logpath[4096];
	snprintf(logpath, sizeof logpath, "%s/w%02d.log", dir, w);
	FILE *log = fopen(logpath, "w");
	if (!log)
		return 1;
	rng_seed(stream_seed(1 + (uint64_t)w));
	struct counts c = { 0 };
	struct jy_db *db = NULL;
	struct jy_err e = { 0 };
	double end = now_s() + seconds;
	long n = 0;
	/* A worker comes and goes: the connection is reopened now and then, as each SSH session
	 * starts jiuye anew (opening reads the schema and registers the worker: writes too). */
	while (now_s() < end) {
		if (!db || rnd(200) == 0) {
			db_close(&db);
			int rc = open_as_me(path, 0, &db, &e);
			if (rc) {
				count_error(log, &c, "open", rc, &e);
				db = NULL;
				sleep_us(1000);
				continue;
			}
		}
		uint32_t op = rnd(100);
		n++;
		if (op < 55)
			worker_edit(db, w, n, log, &c);
		else if (op < 65)
			worker_create(db, w, n, log, &c);
		else if (op < 70)
			worker_import(db, dir, w, n, log, &c);
		else
			worker_read(db, log, &c);
	}
	db_close(&db);
	fprintf(log, "T %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld\n", c.saves,
	        c.conflicts, c.unshown, c.creates, c.computed, c.imports, c.import_rows, c.refused_imports,
	        c.reads, c.read_rows, c.reports, c.drafts, c.locked, c.dberr, c.other);
	fclose(log);
	return 0;
}

struct verify {
	struct save_rec *saves;
	long nsaves, capsaves;
	long bad;               /* problems found, each named in a diag line */
};

static void save_add(struct verify *v, int64_t rid, int64_t version, const char *note)
{
	if (v->nsaves == v->capsaves) {
		v->capsaves = v->capsaves ? v->capsaves * 2 : 1024;
		v->saves = xrealloc(v->saves, sizeof *v->saves * (size_t)v->capsaves);
	}
	struct save_rec *s = &v->saves[v->nsaves++];
	s->rid = rid;
	s->version = version;
	snprintf(s->note, sizeof s->note, "%.47s", note);
}

static int save_cmp(const void *a, const void *b)
{
	const struct save_rec *x = a, *y = b;
	if (x->rid != y->rid)
		return x->rid < y->rid ? -1 : 1;
	return x->version < y->version ? -1 : x->version > y->version;
}

/* The notes a record's history says were written, and how many updates it holds. */
struct hist {
	char **notes;
	int n, cap;
	int updates;
};

static int hist_note(void *arg, const struct field_change *c)
{
	struct hist *h = arg;
	if (strcmp(c->key, "note") != 0 || !c->now)
		return 0;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->notes = xrealloc(h->notes, sizeof *h->notes * (size_t)h->cap);
	}
	h->notes[h->n++] = xstrdup(c->now);
	return 0;
}

static int hist_entry(void *arg, const struct history_entry *he)
{
	struct hist *h = arg;
	if (strcmp(he->action, "update") != 0)
		return 0;
	h->updates++;
	if (he->changes)
		field_changes_each(he->changes, hist_note, h);  /* hist_note never stops the walk */
	return 0;
}

/* The history of one resident; a failure to read it is said (and its checks then fail). */
static void hist_load(struct jy_db *db, int64_t rid, struct hist *h)
{
	struct jy_err err = { 0 };
	memset(h, 0, sizeof *h);
	if (history_each(db, "resident", rid, hist_entry, h, &err) != JY_OK)
		diag("history of resident %lld: %s", (long long)rid, err.msg);
}

static int hist_has(const struct hist *h, const char *note)
{
	for (int i = 0; i < h->n; i++)
		if (strcmp(h->notes[i], note) == 0)
			return 1;
	return 0;
}

static void hist_free(struct hist *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->notes[i]);
	free(h->notes);
}

/* Before the workers start: each pool record's version and update count. */
struct base {
	int64_t version;
	int updates;
};

static void pool_base(struct jy_db *db, struct base *b)
{
	for (int64_t rid = 1; rid <= POOL; rid++) {
		struct resident *r = NULL;
		struct hist h;
		b[rid].version = resident_load(db, rid, &r, NULL) == JY_OK ? r->version : -1;
		resident_free(&r);
		hist_load(db, rid, &h);
		b[rid].updates = h.updates;
		hist_free(&h);
	}
}

/* No lost update: for each pool record, the successful saves have versions base+1 .. base+k, one
 * each; the stored version is base+k; the stored note is the last save's; the history holds k
 * more updates than before and every saved note. */
static long verify_pool(struct jy_db *db, struct verify *v, const struct base *b)
{
	long lost = 0;
	qsort(v->saves, (size_t)v->nsaves, sizeof *v->saves, save_cmp);
	long i = 0;
	for (int64_t rid = 1; rid <= POOL; rid++) {
		long first = i;
		while (i < v->nsaves && v->saves[i].rid == rid)
			i++;
		long k = i - first;
		struct resident *r = NULL;
		if (resident_load(db, rid, &r, NULL) != JY_OK) {
			diag("resident %lld cannot be loaded", (long long)rid);
			lost++;
			continue;
		}
		for (long j = first; j < i; j++)
			if (v->saves[j].version != b[rid].version + 1 + (j - first)) {
				diag("resident %lld: saves reported versions out of step (%lld at position %ld, base %lld)",
				     (long long)rid, (long long)v->saves[j].version, j - first,
				     (long long)b[rid].version);
				lost++;
				break;
			}
		if (r->version != b[rid].version + k) {
			diag("resident %lld: version %lld, expected %lld + %ld saves", (long long)rid,
			     (long long)r->version, (long long)b[rid].version, k);
			lost++;
		}
		if (k && strcmp(resident_get(r, RF_NOTE), v->saves[i - 1].note) != 0) {
			diag("resident %lld: note '%s', the last successful save wrote '%s'", (long long)rid,
			     resident_get(r, RF_NOTE), v->saves[i - 1].note);
			lost++;
		}
		struct hist h;
		hist_load(db, rid, &h);
		if (h.updates != b[rid].updates + k) {
			diag("resident %lld: %d updates in the history, expected %d + %ld", (long long)rid,
			     h.updates, b[rid].updates, k);
			lost++;
		}
		for (long j = first; j < i; j++)
			if (!hist_has(&h, v->saves[j].note)) {
				diag("resident %lld: the save of '%s' is not in the history", (long long)rid,
				     v->saves[j].note);
				lost++;
			}
		hist_free(&h);
		resident_free(&r);
	}
	return lost;
}

static int cmd_workers(const char *dir, int nworkers, double seconds)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/stress.db", dir);
	if (nworkers < 1 || nworkers > MAX_WORKERS || seed(path) != 0) {
		tap(0, "stress: set-up of %s", path);
		return 1;
	}
	struct jy_db *db;
	struct jy_err e = { 0 };
	struct base *base = xcalloc(POOL + 1, sizeof *base);
	if (open_as_me(path, 0, &db, &e)) {
		tap(0, "stress: open %s: %s", path, e.msg);
		return 1;
	}
	pool_base(db, base);
	int64_t residents_before = residents_in(db);
	db_close(&db);

	pid_t pids[MAX_WORKERS];
	double t0 = now_s();
	for (int w = 0; w < nworkers; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			_exit(worker(path, dir, w, seconds));
	}
	/* Meanwhile: how large the write-ahead log grows (readers that never let a checkpoint finish
	 * would make it grow without bound). */
	int crashed = 0, left = nworkers;
	long long wal_peak = 0;
	char *wal = xasprintf("%s-wal", path);
	while (left > 0) {
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG);
		if (p > 0) {
			left--;
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				crashed++;
			continue;
		}
		if (p < 0)
			break;
		struct stat sb;
		if (stat(wal, &sb) == 0 && sb.st_size > wal_peak)
			wal_peak = sb.st_size;
		sleep_us(50000);
	}
	free(wal);
	double elapsed = now_s() - t0;

	/* Gather the workers' logs. */
	struct counts tot = { 0 };
	struct verify v = { 0 };
	if (open_as_me(path, 0, &db, &e)) {
		tap(0, "stress: open %s after the run: %s", path, e.msg);
		return 1;
	}
	long missing = 0, half = 0, errors_shown = 0;
	for (int w = 0; w < nworkers; w++) {
		char logpath[4096], line[1024];
		snprintf(logpath, sizeof logpath, "%s/w%02d.log", dir, w);
		FILE *f = fopen(logpath, "r");
		if (!f) {
			crashed++;
			continue;
		}
		while (fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = '\0';
			long long a, b;
			char s[512];
			struct counts c;
			if (sscanf(line, "S %lld %lld %47s", &a, &b, s) == 3) {
				save_add(&v, a, b, s);
			} else if (sscanf(line, "N %lld %20s", &a, s) == 2) {
				int64_t id;
				if (resident_find_idno(db, s, &id, NULL) != JY_OK || id != a) {
					diag("created resident %lld (%s) is missing", a, s);
					missing++;
				}
			} else if (sscanf(line, "I %lld", &a) == 1) {
				int n = csv_present(db, "330106", (long)a, IMPORT_ROWS);
				if (n != IMPORT_ROWS) {
					diag("import %lld: %d of %d rows stored", a, n, IMPORT_ROWS);
					missing++;
				}
			} else if (sscanf(line, "X %lld", &a) == 1 || sscanf(line, "U %lld", &a) == 1) {
				int n = csv_present(db, "330106", (long)a, IMPORT_ROWS);
				if (n != 0 && !(line[0] == 'U' && n == IMPORT_ROWS)) {
					diag("refused import %lld: %d rows stored anyway", a, n);
					half++;
				}
			} else if (line[0] == 'E' && errors_shown < 20) {
				diag("worker %d: %s", w, line + 2);
				errors_shown++;
			} else if (sscanf(line, "T %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
			                  &c.saves, &c.conflicts, &c.unshown, &c.creates, &c.computed, &c.imports,
			                  &c.import_rows, &c.refused_imports, &c.reads, &c.read_rows,
			                  &c.reports, &c.drafts, &c.locked, &c.dberr, &c.other) == 15) {
				long *t = (long *)&tot, *x = (long *)&c;
				for (size_t k = 0; k < sizeof c / sizeof(long); k++)
					t[k] += x[k];
			}
		}
		fclose(f);
	}
	long lost = verify_pool(db, &v, base);
	int problems = db_check(db, print_problem, NULL, NULL, &e);
	int64_t residents_after = residents_in(db);
	db_close(&db);

	long ops = tot.saves + tot.conflicts + tot.creates + tot.imports + tot.refused_imports + tot.reads;
	tap(crashed == 0 && tot.locked == 0 && tot.dberr == 0 && tot.other == 0,
	    "stress: %d workers %.0f s, %ld operations (%.0f/s): %ld saves (%.0f/s), %ld conflicts "
	    "refused, %ld registered, %ld imports (%ld rows), %ld bad files refused whole, %ld reads "
	    "(%ld report_compute, %ld whole-registry reads, %ld rows), %ld drafts kept, %ld locked, "
	    "%ld other database errors, %ld other errors",
	    nworkers, elapsed, ops, ops / elapsed, tot.saves, tot.saves / elapsed, tot.conflicts,
	    tot.creates, tot.imports, tot.import_rows, tot.refused_imports, tot.reads, tot.computed,
	    tot.reports, tot.read_rows, tot.drafts, tot.locked, tot.dberr, tot.other);
	tap(tot.locked == 0, "stress: 0 \"database is locked\" errors (%ld)", tot.locked);
	tap(tot.conflicts > 0 && tot.unshown == 0,
	    "stress: every conflicting save refused with JY_ECONFLICT and a message (%ld, %ld not shown)",
	    tot.conflicts, tot.unshown);
	tap(lost == 0, "stress: 0 lost updates (%ld saves on %d shared records checked against "
	    "versions, values and history; %ld problems)", v.nsaves, POOL, lost);
	tap(missing == 0 && half == 0 && residents_after == residents_before + tot.creates + tot.import_rows,
	    "stress: every registration and import stored, every refused file stored nothing "
	    "(%lld residents, %lld + %ld + %ld expected; %ld missing, %ld half)",
	    (long long)residents_after, (long long)residents_before, tot.creates, tot.import_rows,
	    missing, half);
	tap(problems == 0, "stress: integrity_check and foreign_key_check clean (%d problems)", problems);
	/* core/store/db.c restarts the log past 4096 pages (16 MB); without that it grew past 600 MB. */
	tap(wal_peak < 64LL << 20, "stress: the write-ahead log stays small while everyone reads and "
	    "writes (peak %.1f MB, limit 64 MB)", wal_peak / 1048576.0);
	free(v.saves);
	free(base);
	return failures ? 1 : 0;
}

/* ---- crashes ---------------------------------------------------------------------------------- */

enum { CRASH_IMPORT, CRASH_EDIT, CRASH_BACKUP, CRASH__MODES };
static const char *const crash_mode_name[] = { "import", "edit", "backup" };

/* One line to the parent; write(2) of less than PIPE_BUF is atomic and unbuffered, so whatever
 * the parent reads was said before the kill. */
static void say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(int fd, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		_exit(3);
}

static long crash_key(int round, int k)
{
	return ((long)round * 100 + k) * CRASH_ROWS;
}

static void child_edit(struct jy_db *db, int round, int n, int fd)
{
	struct resident *r = NULL;
	int64_t rid = 1 + rnd(POOL);
	if (resident_load(db, rid, &r, NULL))
		_exit(4);
	char note[48];
	snprintf(note, sizeof note, "c%04d-%04d", round, n);
	resident_set(r, RF_NOTE, note);
	if (resident_save(db, r, NULL) == JY_OK)
		say(fd, "S %lld %lld %s\n", (long long)rid, (long long)r->version, note);
	resident_free(&r);
}

static void crash_child(const char *path, const char *dir, int mode, int round, int fd)
{
	struct jy_db *db;
	struct jy_err e = { 0 };
	if (open_as_me(path, 0, &db, &e))
		_exit(2);
	say(fd, "O\n");
	for (int n = 0; n < 100000; n++) {
		if (mode == CRASH_IMPORT) {
			char *file = xasprintf("%s/crash-%d-%d.csv", dir, round, n);
			if (n >= 100 || write_csv(file, "320102", crash_key(round, n), CRASH_ROWS, 0))
				_exit(5);
			say(fd, "B %d\n", n);
			struct import_result res;
			if (import_residents(db, file, NULL, 0, NULL, NULL, &res, &e) == JY_OK)
				say(fd, "C %d %d\n", n, res.added);
			free(file);
		} else if (mode == CRASH_EDIT) {
			/* A form being typed: its draft is kept on every change, as the form does. */
			char draft[128];
			snprintf(draft, sizeof draft, "姓名=崔秀英\n备注=round %d seq %d\n", round, n);
			if (draft_save(db, "crash", 0, draft, &e) == JY_OK)
				say(fd, "D %d\n", n);
			child_edit(db, round, n, fd);
		} else {
			child_edit(db, round, n, fd);
			char *written = NULL;
			if (backup_rotate(db, dir, CRASH_KEEP, &written, &e) == JY_OK)
				say(fd, "K %s\n", strrchr(written, '/') + 1);
			free(written);
		}
	}
	db_close(&db);
	_exit(0);
}

/* Every backup left in dir is whole: it opens, it is of this schema, it passes the check. */
static int check_backups(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	int bad = 0;
	*count = 0;
	if (!d)
		return 1;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (strncmp(de->d_name, "jiuye-", 6) != 0 || len < 4 || strcmp(de->d_name + len - 3, ".db"))
			continue;
		char *p = xasprintf("%s/%s", dir, de->d_name);
		struct jy_db *b;
		struct jy_err e = { 0 };
		struct stat sb;
		(*count)++;
		if (stat(p, &sb) == 0 && (sb.st_mode & 0007)) {
			diag("backup %s: others may read it (mode %o)", de->d_name, (unsigned)sb.st_mode & 0777);
			bad++;
		}
		if (db_open(p, DB_OPEN_READONLY, &b, &e)) {
			diag("backup %s: %s", de->d_name, e.msg);
			bad++;
			free(p);
			continue;
		}
		free(p);
		int n = db_check(b, print_problem, NULL, NULL, &e);
		int64_t held = residents_in(b);
		if (n != 0 || held < POOL) {
			diag("backup %s: %d problems, %lld residents", de->d_name, n,
			     (long long)held);
			bad++;
		}
		db_close(&b);
	}
	closedir(d);
	return bad;
}

struct crash_tally {
	long rounds[CRASH__MODES], killed, commits, imports_whole, imports_cut, half, lost, drafts,
	     draft_lost, backups, backup_bad, check_bad, opened;
	long committed_files[4096][2];      /* (round, k) of imports reported committed */
	int ncommitted;
};

static void crash_verify(struct jy_db *db, const char *dir, int mode, int round, char *said,
                         struct crash_tally *t)
{
	int began = -1, committed[100] = { 0 }, last_draft = -1;
	char last_backup[256] = "";
	for (char *line = strtok(said, "\n"); line; line = strtok(NULL, "\n")) {
		long long a, b;
		int k, n;
		char s[256];
		if (line[0] == 'O')
			t->opened++;
		else if (sscanf(line, "B %d", &k) == 1)
			began = k;
		else if (sscanf(line, "C %d %d", &k, &n) == 2 && k >= 0 && k < 100) {
			committed[k] = 1;
			t->commits++;
		} else if (sscanf(line, "D %d", &k) == 1)
			last_draft = k;
		else if (sscanf(line, "K %255s", s) == 1)
			snprintf(last_backup, sizeof last_backup, "%s", s);
		else if (sscanf(line, "S %lld %lld %47s", &a, &b, s) == 3) {
			struct resident *r = NULL;
			t->commits++;
			if (resident_load(db, a, &r, NULL) != JY_OK || r->version < b ||
			    (r->version == b && strcmp(resident_get(r, RF_NOTE), s) != 0)) {
				diag("round %d: the save of %s on resident %lld (version %lld) is lost", round, s, a, b);
				t->lost++;
			} else {
				struct hist h;
				hist_load(db, a, &h);
				if (!hist_has(&h, s)) {
					diag("round %d: the save of %s on resident %lld is not in the history", round, s, a);
					t->lost++;
				}
				hist_free(&h);
			}
			resident_free(&r);
		}
	}
	if (mode == CRASH_IMPORT) {
		for (int k = 0; k <= began; k++) {
			int n = csv_present(db, "320102", crash_key(round, k), CRASH_ROWS);
			if (committed[k] && n != CRASH_ROWS) {
				diag("round %d: import %d reported committed, %d of %d rows stored", round, k, n, CRASH_ROWS);
				t->lost++;
			} else if (n != 0 && n != CRASH_ROWS) {
				diag("round %d: import %d cut by the kill left %d of %d rows", round, k, n, CRASH_ROWS);
				t->half++;
			} else if (!committed[k]) {
				t->imports_cut++;
			}
			if (n == CRASH_ROWS) {
				t->imports_whole++;
				if (t->ncommitted < (int)ARRAY_LEN(t->committed_files)) {
					t->committed_files[t->ncommitted][0] = round;
					t->committed_files[t->ncommitted++][1] = k;
				}
			}
			char *file = xasprintf("%s/crash-%d-%d.csv", dir, round, k);
			unlink(file);
			free(file);
		}
	}
	if (mode == CRASH_EDIT && last_draft >= 0) {
		/* The newest draft is the last one reported, or the one saved just before the kill. */
		char *form = NULL, *data = NULL;
		int64_t rec;
		int ok = 0;
		t->drafts++;
		if (draft_latest(db, &form, &rec, &data, NULL) == JY_OK) {
			int r2, seq;
			const char *p = strstr(data, "备注=round ");
			ok = strcmp(form, "crash") == 0 && strncmp(data, "姓名=崔秀英\n", 16) == 0 && p &&
			     sscanf(p, "备注=round %d seq %d", &r2, &seq) == 2 && r2 == round &&
			     (seq == last_draft || seq == last_draft + 1);
		}
		if (!ok) {
			diag("round %d: draft %d did not load back (found %s: %s)", round, last_draft,
			     form ? form : "none", data ? data : "");
			t->draft_lost++;
		}
		free(form);
		free(data);
	}
	if (mode == CRASH_BACKUP) {
		int count;
		int bad = check_backups(dir, &count);
		t->backups += count;
		t->backup_bad += bad;
		if (count > CRASH_KEEP + 1) {
			diag("round %d: %d backups kept, --keep %d", round, count, CRASH_KEEP);
			t->backup_bad++;
		}
		if (last_backup[0]) {
			char *p = xasprintf("%s/%s", dir, last_backup);
			if (access(p, F_OK) != 0) {
				diag("round %d: the backup %s reported written is gone", round, last_backup);
				t->backup_bad++;
			}
			free(p);
		}
	}
}

static int cmd_crash(const char *dir, int rounds)
{
	char path[4096], bdir[4096];
	snprintf(path, sizeof path, "%s/crash.db", dir);
	snprintf(bdir, sizeof bdir, "%s/backups", dir);
	mkdir(bdir, 0700);
	if (seed(path) != 0) {
		tap(0, "crash: set-up of %s", path);
		return 1;
	}
	rng_seed(stream_seed(0));
	struct crash_tally *t = xcalloc(1, sizeof *t);
	/* The child is killed within max_ms: long enough that most kills land in the middle of an
	 * import, a save or a backup rather than before the database is open. */
	const int max_ms[CRASH__MODES] = { 80, 40, 150 };
	double t0 = now_s();
	for (int round = 0; round < rounds; round++) {
		int mode = round % CRASH__MODES;
		int fds[2];
		if (pipe(fds) != 0) {
			tap(0, "crash: pipe: %s", strerror(errno));
			return 1;
		}
		long delay_us = 1000 + (long)rnd((uint32_t)max_ms[mode] * 1000);
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			rng_seed(stream_seed(((uint64_t)1 << 32) + (uint64_t)round));
			crash_child(path, mode == CRASH_BACKUP ? bdir : dir, mode, round, fds[1]);
		}
		close(fds[1]);
		sleep_us(delay_us);
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			t->killed++;
		else
			diag("round %d: the child ended by itself (status %d)", round, st);
		struct jy_buf said = { 0 };
		char buf[4096];
		ssize_t got;
		while ((got = read(fds[0], buf, sizeof buf)) > 0)
			buf_add(&said, buf, (size_t)got);
		close(fds[0]);
		buf_adds(&said, "");

		/* The next start: open (recovers the WAL), check, verify what the child said. */
		struct jy_db *db;
		struct jy_err e = { 0 };
		if (open_as_me(path, 0, &db, &e)) {
			tap(0, "crash round %d (%s): the database does not open after the kill: %s", round,
			    crash_mode_name[mode], e.msg);
			buf_free(&said);
			return 1;
		}
		int problems = db_check(db, print_problem, NULL, NULL, &e);
		if (problems != 0) {
			diag("round %d (%s): check found %d problems", round, crash_mode_name[mode], problems);
			t->check_bad++;
		}
		crash_verify(db, mode == CRASH_BACKUP ? bdir : dir, mode, round, said.s, t);
		t->rounds[mode]++;
		db_close(&db);
		buf_free(&said);
	}
	/* At the end: every import ever reported whole is still whole. */
	struct jy_db *db;
	struct jy_err e = { 0 };
	long later_lost = 0;
	if (open_as_me(path, 0, &db, &e) == JY_OK) {
		for (int i = 0; i < t->ncommitted; i++)
			if (csv_present(db, "320102", crash_key((int)t->committed_files[i][0],
			                                        (int)t->committed_files[i][1]), CRASH_ROWS) != CRASH_ROWS)
				later_lost++;
		db_close(&db);
	} else {
		later_lost = 1;
	}
	double elapsed = now_s() - t0;
	tap(t->killed == rounds && t->check_bad == 0,
	    "crash: %ld kill -9 survived in %.0f s (%ld during imports, %ld during edits with drafts, "
	    "%ld during backups), db_check clean after every one", t->killed, elapsed,
	    t->rounds[CRASH_IMPORT], t->rounds[CRASH_EDIT], t->rounds[CRASH_BACKUP]);
	tap(t->lost == 0 && later_lost == 0,
	    "crash: every reported commit present (%ld commits checked, %ld lost)", t->commits,
	    t->lost + later_lost);
	tap(t->half == 0, "crash: no half import (%ld files whole, %ld cut by the kill and stored not at all, "
	    "%ld half)", t->imports_whole, t->imports_cut, t->half);
	tap(t->draft_lost == 0, "crash: drafts restorable (%ld checked, %ld lost)", t->drafts, t->draft_lost);
	tap(t->backup_bad == 0, "crash: every backup left behind is whole and passes the check "
	    "(%ld checked, %ld bad)", t->backups, t->backup_bad);
	free(t);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 0);
	if ((argc == 5 || argc == 4) && seed_init() != 0)
		return 2;
	if (argc == 5 && strcmp(argv[1], "workers") == 0)
		return cmd_workers(argv[2], atoi(argv[3]), atof(argv[4]));
	if (argc == 4 && strcmp(argv[1], "crash") == 0)
		return cmd_crash(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: stress workers DIR N SECONDS | stress crash DIR ROUNDS\n");
	return 2;
}
