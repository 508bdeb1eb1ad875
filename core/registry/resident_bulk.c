/* core/registry/resident_bulk.c: the bulk path for imports, the demo and the benchmark: many new
 * residents in one transaction, written many rows to a statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registry/registry_int.h"

/* ---- bulk creation ------------------------------------------------------------------------ */

/* A bulk load writes its records BULK_ROWS at a time, one multi-row INSERT per table: a statement
 * per row costs its start, its cursors and its end every time (measured: half the time of a load
 * went to that). The values wait in an arena until their chunk is written; the search keys and the
 * matching candidates wait until the end (search_batch_flush, seek_bulk_end), written sorted. */
#define BULK_ROWS 32
#define BULK_CATS 256           /* categories of one statement at most */

/* One table's multi-row INSERT: "head" then n times "(row)", statements made once per n. The
 * first nconst parameters are the same for every row (?1 …), then per parameters per row. */
struct bulk_sql {
	const char *head, *row;
	int nconst, per;
	sqlite3_stmt **st;      /* [n], prepared when first needed */
	int max;
};

struct bulk_row {
	int64_t id;
	int off[RF__COUNT];     /* each value's offset in the arena, -1 for NULL */
};

struct bulk_cat {
	int64_t id;
	int off, len, since;    /* the code (len bytes) and the since date in the arena */
};

/* A status event waiting for the end of the batch: its date and status in evtext. */
struct bulk_event {
	int64_t id;
	int date, status;
};

struct resident_bulk {
	struct jy_db *db;
	int64_t added;
	int64_t next_id;        /* the batch holds the write lock: nobody else adds meanwhile */
	int64_t first_id;       /* the first id this batch gave */
	int failed;             /* a record failed after writing began: the batch cannot stand */
	size_t spill;           /* status events and candidates held at most (bulk.spill_rows) */
	struct seek_bulk *seek;        /* the matching candidates of the batch (seek.c) */
	struct history_bulk *hist;      /* their creation in the history (history.c) */
	sqlite3_stmt *probe;    /* is an ID number registered? */
	struct bulk_sql res, cat, ev;
	struct bulk_row rows[BULK_ROWS];
	int nrows;
	struct bulk_cat *cats;
	int ncats, capcats;
	struct jy_buf arena;
	struct bulk_event *evs; /* written at the end, in date order */
	size_t nevs, capevs;
	struct jy_buf evtext;
};

static void bulk_sql_init(struct bulk_sql *q, const char *head, const char *row, int nconst, int per,
                          int max)
{
	q->head = head;
	q->row = row;
	q->nconst = nconst;
	q->per = per;
	q->max = max;
	q->st = xcalloc((size_t)max + 1, sizeof *q->st);
}

static void bulk_sql_free(struct bulk_sql *q)
{
	for (int i = 0; q->st && i <= q->max; i++)
		sqlite3_finalize(q->st[i]);
	free(q->st);
	q->st = NULL;
}

/* The statement for n rows: the row template's "?" numbered in order after the constants. */
static sqlite3_stmt *bulk_sql_get(struct jy_db *db, struct bulk_sql *q, int n, struct jy_err *err)
{
	if (q->st[n])
		return q->st[n];
	struct jy_buf b = { 0 };
	buf_adds(&b, q->head);
	int p = q->nconst;
	for (int i = 0; i < n; i++) {
		buf_adds(&b, i ? ", (" : " (");
		for (const char *t = q->row; *t; t++) {
			if (*t == '?' && !(t[1] >= '0' && t[1] <= '9'))
				buf_addf(&b, "?%d", ++p);
			else
				buf_add(&b, t, 1);
		}
		buf_adds(&b, ")");
	}
	if (sqlite3_prepare_v3(db_handle(db), b.s, -1, SQLITE_PREPARE_PERSISTENT, &q->st[n], NULL) != SQLITE_OK)
		db_fail(db, err, "prepare");
	buf_free(&b);
	return q->st[n];
}

static int bulk_step(struct jy_db *db, sqlite3_stmt *st, struct jy_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, _("saving the resident"));
}

static const char *bulk_str(const struct resident_bulk *b, int off)
{
	return off < 0 ? NULL : b->arena.s + off;
}

static int bulk_keep(struct resident_bulk *b, const char *s)
{
	if (!s || !*s)
		return -1;
	int off = (int)b->arena.len;
	buf_add(&b->arena, s, strlen(s) + 1);
	return off;
}

/* The resident rows of the chunk, then their categories and their creation in the history, in
 * that order: each row's parent is written before it. */
static int bulk_write(struct resident_bulk *b, struct jy_err *err)
{
	struct jy_db *db = b->db;
	int n = b->nrows, rc = JY_OK;
	if (!n)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = bulk_sql_get(db, &b->res, n, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++) {
		const struct bulk_row *row = &b->rows[i];
		int p = b->res.nconst + i * b->res.per;
		char reg_no[24];
		snprintf(reg_no, sizeof reg_no, "R-%06lld", (long long)row->id);
		sqlite3_bind_int64(st, ++p, row->id);
		sqlite3_bind_text(st, ++p, reg_no, -1, SQLITE_TRANSIENT);
		for (int f = 0; f < RF__COUNT; f++) {
			if (!resident_field_is_column(f))
				continue;
			const char *v = bulk_str(b, row->off[f]);
			if (resident_fields[f].kind == FK_BOOL)
				sqlite3_bind_int(st, ++p, v && strcmp(v, "1") == 0);
			else if (v)
				sqlite3_bind_text(st, ++p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, ++p);
		}
	}
	rc = bulk_step(db, st, err);
	sqlite3_clear_bindings(st);
	for (int c = 0; !rc && c < b->ncats; c += BULK_CATS) {
		int m = b->ncats - c < BULK_CATS ? b->ncats - c : BULK_CATS;
		if (!(st = bulk_sql_get(db, &b->cat, m, err)))
			return JY_EDB;
		for (int i = 0; i < m; i++) {
			const struct bulk_cat *k = &b->cats[c + i];
			sqlite3_bind_int64(st, 3 * i + 1, k->id);
			sqlite3_bind_text(st, 3 * i + 2, b->arena.s + k->off, k->len, SQLITE_STATIC);
			sqlite3_bind_text(st, 3 * i + 3, bulk_str(b, k->since), -1, SQLITE_STATIC);
		}
		rc = bulk_step(db, st, err);
		sqlite3_clear_bindings(st);
	}
	/* The creation is recorded without values, as resident_insert does. */
	if (!rc) {
		int64_t ids[BULK_ROWS];
		for (int i = 0; i < n; i++)
			ids[i] = b->rows[i].id;
		rc = history_bulk_add(db, b->hist, "resident", ids, n, "create", err);
	}
	b->nrows = 0;
	b->ncats = 0;
	buf_reset(&b->arena);
	return rc;
}

static int event_cmp(const void *x, const void *y, void *text)
{
	const struct bulk_event *a = x, *b = y;
	int c = strcmp((const char *)text + a->date, (const char *)text + b->date);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Each new resident's registration (a status event of kind EVENT_REGISTRATION) on the
 * registration date, after all their resident rows. Into a registry several times larger than the
 * batch, in date order: the reports' index on the date (006_reports.sql) then takes them as one
 * ordered pass, where registration order put each one at a random place of a large index, and
 * their other index, by resident, stays in the small region of the batch's new ids. Into a small
 * registry registration order is cheaper (measured on 100,000-row batches: 0.16 s against 0.3 s
 * into an empty registry, 0.3 s against 0.3 s and growing from 400,000 on). */
static int bulk_events(struct resident_bulk *b, struct jy_err *err)
{
	struct jy_db *db = b->db;
	if (!b->nevs)
		return JY_OK;
	if (b->first_id > 4 * (int64_t)b->nevs)
		qsort_r(b->evs, b->nevs, sizeof *b->evs, event_cmp, b->evtext.s);
	char now[32];
	time_now_iso(now);
	int rc = JY_OK;
	for (size_t i = 0; !rc && i < b->nevs;) {
		int n = b->nevs - i >= BULK_ROWS ? BULK_ROWS : (int)(b->nevs - i);
		sqlite3_stmt *st = bulk_sql_get(db, &b->ev, n, err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, EVENT_REGISTRATION, -1, SQLITE_STATIC);
		for (int k = 0; k < n; k++, i++) {
			const struct bulk_event *ev = &b->evs[i];
			sqlite3_bind_int64(st, 4 + 3 * k, ev->id);
			sqlite3_bind_text(st, 5 + 3 * k, b->evtext.s + ev->date, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 6 + 3 * k, b->evtext.s + ev->status, -1, SQLITE_STATIC);
		}
		rc = bulk_step(db, st, err);
		sqlite3_clear_bindings(st);
	}
	b->nevs = 0;
	buf_reset(&b->evtext);
	return rc;
}

/* The chunk of resident rows written; the events and the matching candidates too once there
 * are b->spill of them (the residents' rows they refer to are written by then). */
static int bulk_spill(struct resident_bulk *b, struct jy_err *err)
{
	int rc = bulk_write(b, err);
	if (!rc && b->nevs >= b->spill)
		rc = bulk_events(b, err);
	if (!rc && seek_bulk_rows(b->seek) >= b->spill)
		rc = seek_bulk_spill(b->db, b->seek, err);
	return rc;
}

/* Keep r (validated, its id given) for the next chunk. */
static void bulk_keep_row(struct resident_bulk *b, const struct resident *r)
{
	struct bulk_row *row = &b->rows[b->nrows++];
	row->id = r->id;
	for (int f = 0; f < RF__COUNT; f++)
		row->off[f] = resident_field_is_column(f) ? bulk_keep(b, r->v[f]) : -1;
	int since = row->off[RF_REGDATE];
	if (b->nevs == b->capevs) {
		b->capevs = b->capevs ? b->capevs * 2 : 1024;
		b->evs = xrealloc(b->evs, sizeof *b->evs * b->capevs);
	}
	struct bulk_event *ev = &b->evs[b->nevs++];
	ev->id = r->id;
	ev->date = (int)b->evtext.len;
	buf_add(&b->evtext, r->v[RF_REGDATE], strlen(r->v[RF_REGDATE]) + 1);
	ev->status = (int)b->evtext.len;
	buf_add(&b->evtext, r->v[RF_STATUS], strlen(r->v[RF_STATUS]) + 1);
	for (const char *s = r->v[RF_CATEGORIES] ? r->v[RF_CATEGORIES] : ""; *s;) {
		size_t len = strcspn(s, ",");
		if (b->ncats == b->capcats) {
			b->capcats = b->capcats ? b->capcats * 2 : 64;
			b->cats = xrealloc(b->cats, sizeof *b->cats * (size_t)b->capcats);
		}
		int off = (int)b->arena.len;
		buf_add(&b->arena, s, len);
		buf_add(&b->arena, "", 1);
		b->cats[b->ncats++] = (struct bulk_cat){ r->id, off, (int)len, since };
		s += len + (s[len] == ',');
	}
}

/* A record of the batch still waiting to be written with this ID number? */
static int bulk_pending_idno(const struct resident_bulk *b, const char *idno)
{
	for (int i = 0; i < b->nrows; i++) {
		const char *v = bulk_str(b, b->rows[i].off[RF_IDNO]);
		if (v && strcmp(v, idno) == 0)
			return 1;
	}
	return 0;
}

int resident_bulk_begin(struct jy_db *db, struct resident_bulk **out, struct jy_err *err)
{
	*out = NULL;
	/* Rows, status events, candidates and search keys a load holds before it writes them, each
	 * kind sorted: a million-row import needs no more memory than a quarter of one (a setting,
	 * for an office with little memory, and for the tests, which make it small). */
	int spill;
	int rc = db_setting_int(db, "bulk.spill_rows", 262144, &spill, err);
	if (!rc)
		rc = db_begin(db, err);
	if (rc)
		return rc;
	struct resident_bulk *b = xcalloc(1, sizeof *b);
	b->db = db;
	resident_sql_build();
	/* The field columns of sql_insert, as one row of the multi-row INSERT. */
	static char res_head[1024], res_row[512];
	if (!res_head[0]) {
		struct jy_buf cols = { 0 }, vals = { 0 };
		for (int f = 0; f < RF__COUNT; f++) {
			if (!resident_field_is_column(f))
				continue;
			buf_addf(&cols, ", %s", resident_fields[f].col);
			buf_adds(&vals, ", ?");
		}
		snprintf(res_head, sizeof res_head,
		         "INSERT INTO resident(id, reg_no, created_at, created_by, updated_at, updated_by%s) "
		         "VALUES", cols.s);
		snprintf(res_row, sizeof res_row, "?, ?, ?1, ?2, ?1, ?2%s", vals.s);
		buf_free(&cols);
		buf_free(&vals);
	}
	int per = 2;
	for (int f = 0; f < RF__COUNT; f++)
		per += resident_field_is_column(f);
	bulk_sql_init(&b->res, res_head, res_row, 2, per, BULK_ROWS);
	bulk_sql_init(&b->cat, "INSERT OR IGNORE INTO resident_category(resident_id, category, since) VALUES",
	              "?, ?, ?", 0, 3, BULK_CATS);
	bulk_sql_init(&b->ev, "INSERT INTO status_event(resident_id, date, status, kind, "
	              "created_at, created_by) VALUES", "?, ?, ?, ?3, ?1, ?2", 3, 3, BULK_ROWS);
	/* A large page cache while the batch runs: ID numbers arrive in random order. Only the
	 * speed depends on it, so a refusal is no failure of the load. */
	db_exec(db, "PRAGMA cache_size = -65536", NULL);
	b->spill = spill > 0 ? (size_t)spill : 262144;
	search_batch_begin(db, b->spill * 4);
	b->hist = history_bulk_new();
	if ((rc = seek_bulk_begin(db, &b->seek, err))) {
		resident_bulk_abort(&b);
		return rc;
	}
	*out = b;
	return JY_OK;
}

/* No savepoint per record: resident_validate and the duplicate checks run before anything is
 * kept, so a refused record leaves no trace. Only a database failure can stop a chunk half-way,
 * and that poisons the batch: commit then refuses and rolls everything back. (A savepoint per row
 * copied every touched page: measured at three quarters of import time.) The resident table's
 * unique index on id_no still refuses a duplicate that got past the checks. */
static int bulk_add(struct resident_bulk *b, struct resident *r, int probe, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	if (b->failed)
		return err_set(err, JY_EDB, NULL, _("an earlier record failed; nothing will be saved"));
	int rc = resident_validate(b->db, r, err);
	if (rc)
		return rc;
	/* her community (a code now) among the worker's: as resident_save's approval_guard does */
	const char *c = resident_get(r, RF_COMMUNITY);
	if ((rc = access_check(b->db, OP_CREATE, *c ? c : NULL, err)) ||
	    (rc = resident_keep_check(b->db, r, NULL, err)))
		return rc;
	if (!*c && !access_scope_all(b->db))
		return err_set(err, JY_EINVAL, resident_fields[RF_COMMUNITY].label,
		               _("choose the resident's community"));
	r->id = 0;
	const char *idno = r->v[RF_IDNO];
	if (bulk_pending_idno(b, idno)) {
		/* written first, so the message names the record the way it names any other */
		if ((rc = bulk_write(b, err))) {
			b->failed = 1;
			return rc;
		}
		return resident_dup_idno(b->db, idno, err);
	}
	/* resident_find_idno's question on the batch's own statement: no cache look-up, no copy */
	if (probe && !b->probe &&
	    sqlite3_prepare_v3(db_handle(b->db), "SELECT 1 FROM resident WHERE id_no = ?1", -1,
	                       SQLITE_PREPARE_PERSISTENT, &b->probe, NULL) != SQLITE_OK) {
		b->failed = 1;
		return db_fail(b->db, err, "prepare");
	}
	int registered = 0;
	if (probe) {
		sqlite3_bind_text(b->probe, 1, idno, -1, SQLITE_STATIC);
		int s = sqlite3_step(b->probe);
		sqlite3_reset(b->probe);
		if (s != SQLITE_ROW && s != SQLITE_DONE) {
			b->failed = 1;
			return db_fail(b->db, err, _("reading a resident"));
		}
		registered = s == SQLITE_ROW;
	}
	if (registered)
		return resident_dup_idno(b->db, idno, err);
	if (!b->next_id) {
		if ((rc = resident_next_id(b->db, &b->next_id, err))) {
			b->failed = 1;
			return rc;
		}
		b->first_id = b->next_id;
	}
	resident_defaults(r);
	r->id = b->next_id;
	r->version = 1;
	snprintf(r->reg_no, sizeof r->reg_no, "R-%06lld", (long long)r->id);
	rc = search_index_resident(b->db, r->id, NULL, r, err);
	if (!rc)
		rc = seek_bulk_add(b->db, b->seek, r, err);
	if (!rc) {
		bulk_keep_row(b, r);
		if (b->nrows == BULK_ROWS)
			rc = bulk_spill(b, err);
	}
	if (rc) {
		b->failed = 1;
		r->id = 0;
		return rc;
	}
	b->next_id++;
	b->added++;
	return JY_OK;
}

int resident_bulk_add(struct resident_bulk *b, struct resident *r, struct jy_err *err)
{
	return bulk_add(b, r, 1, err);
}

int resident_bulk_add_new(struct resident_bulk *b, struct resident *r, struct jy_err *err)
{
	return bulk_add(b, r, 0, err);
}

int resident_bulk_sync(struct resident_bulk *b, struct jy_err *err)
{
	int rc = b->failed ? err_set(err, JY_EDB, NULL, _("an earlier record failed; nothing will be saved"))
	                   : bulk_write(b, err);
	if (!rc)
		rc = bulk_events(b, err);
	if (!rc)
		rc = seek_bulk_restore(b->db, b->seek, err);
	if (rc)
		b->failed = 1;
	return rc;
}

static void bulk_free(struct resident_bulk **pb)
{
	struct resident_bulk *b = *pb;
	bulk_sql_free(&b->res);
	bulk_sql_free(&b->cat);
	bulk_sql_free(&b->ev);
	free(b->cats);
	free(b->evs);
	buf_free(&b->evtext);
	seek_bulk_free(&b->seek);
	history_bulk_free(&b->hist);
	sqlite3_finalize(b->probe);
	buf_free(&b->arena);
	FREE(pb);
}

int resident_bulk_commit(struct resident_bulk **pb, struct jy_err *err)
{
	struct resident_bulk *b = *pb;
	if (b->failed) {
		resident_bulk_abort(pb);
		return err_set(err, JY_EDB, NULL, _("a record failed to save; nothing was saved"));
	}
	int rc = resident_bulk_sync(b, err);
	if (!rc)
		rc = search_batch_flush(b->db, err);
	if (!rc)
		rc = seek_bulk_end(b->db, b->seek, err);
	if (rc) {
		resident_bulk_abort(pb);
		return rc;
	}
	rc = db_commit(b->db, err);
	db_exec(b->db, "PRAGMA cache_size = -2000", NULL);     /* the speed only, as above */
	/* The planner's statistics still describe the registry before the load (after a first
	 * import: a demo of 10 residents), and it would pick a full pass over resident for every
	 * search of every worker until their connections close. */
	static const char *const filled[] = { "resident", "resident_category", "search_key",
		                              "status_event", "seek", "seek_word", "history" };
	struct jy_err e = { 0 };
	if (!rc && b->added > 0 && !db_in_tx(b->db) &&
	    db_analyze(b->db, filled, (int)ARRAY_LEN(filled), &e) != JY_OK && err) {
		/* the records are saved: a worker is told, and searches are slower until the next open */
		err_set(err, JY_OK, NULL, _("saved; the search statistics were not refreshed: %s"), e.msg);
		err->warn = 1;
	}
	bulk_free(pb);
	return rc;
}

void resident_bulk_abort(struct resident_bulk **pb)
{
	if (!*pb)
		return;
	search_batch_drop((*pb)->db);
	db_rollback((*pb)->db);         /* the triggers set aside come back with the rollback */
	db_exec((*pb)->db, "PRAGMA cache_size = -2000", NULL);        /* the speed only */
	bulk_free(pb);
}
