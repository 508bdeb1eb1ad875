/* core/jobs/employer.c: finding an employer the way a worker or a file names it, and the employer list
 * searched as workers type. The record itself (fields, checks, saving) is core/jobs/jobrec.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

int employer_name(struct jy_db *db, int64_t id, char **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT name FROM employer WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*out = db_col_str(st, 0);
	sqlite3_reset(st);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? err_set(err, JY_ENOTFOUND, NULL, _("employer %lld not found"),
	                                  (long long)id)
	                        : db_fail(db, err, _("reading the employers"));
}

/* The ids of one query with text bound to ?1, at most max; *n gets how many were found. */
static int ids_of(struct jy_db *db, const char *sql, const char *text, int64_t *ids, int max,
                  struct jy_buf *names, int *n, struct jy_err *err)
{
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n < max)
			ids[*n] = sqlite3_column_int64(st, 0);
		if (names && *n < 4)
			buf_addf(names, "%s%s (%s)", *n ? ", " : "", sqlite3_column_text(st, 1),
			         sqlite3_column_text(st, 2));
		(*n)++;
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the employers"));
}

int employer_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err)
{
	if (text_is_blank(text))
		return JY_ENOTFOUND;
	char *t = text_clean(text);
	int64_t ids[2];
	struct jy_buf names = { 0 };
	int n = 0, rc;
	char credit[19];

	/* code, credit code, exact name: each names one record (or several with the same name) */
	rc = ids_of(db, "SELECT id, name, code FROM employer WHERE code = ?1", t, ids, 2, NULL, &n,
	            err);
	if (!rc && !n && credit_code_parse(t, credit, NULL) == JY_OK)
		rc = ids_of(db, "SELECT id, name, code FROM employer WHERE credit_code = ?1",
		            credit, ids, 2, NULL, &n, err);
	if (!rc && !n)
		rc = ids_of(db, "SELECT id, name, code FROM employer WHERE name = ?1 ORDER BY id",
		            t, ids, 2, &names, &n, err);
	if (!rc && !n) {
		/* part of the name, or pinyin initials, that only one open employer has */
		char *q = jobs_query_fold(t);
		buf_reset(&names);
		rc = ids_of(db, "SELECT id, name, code FROM employer WHERE closed_at IS NULL AND "
		            "instr(coalesce(skey, name), ?1) > 0 ORDER BY id", q, ids, 2, &names,
		            &n, err);
		free(q);
	}
	if (!rc && n == 1)
		*id = ids[0];
	else if (!rc && n > 1)
		rc = err_set(err, JY_EINVAL, NULL,
		             _("\"%s\" fits %d employers: %s; type more of the name, or the code"), t, n,
		             names.s ? names.s : "");
	else if (!rc)
		rc = JY_ENOTFOUND;
	buf_free(&names);
	free(t);
	return rc;
}

void job_page_free(struct job_page *p)
{
	FREE(&p->rows);
	p->n = 0;
	p->more = 0;
}

int jobs_page_read(struct jy_db *db, sqlite3_stmt *st, const char *query, const char *cursor,
                   int limit, size_t size, void (*read_row)(sqlite3_stmt *st, void *row),
                   const char *what, struct job_page *out, struct jy_err *err)
{
	char *q = jobs_query_fold(query);
	db_bind_text(st, 1, q);
	sqlite3_bind_int64(st, 2, cursor && *cursor ? strtoll(cursor, NULL, 10) : 0);
	sqlite3_bind_int(st, 3, limit + 1);
	char *rows = xcalloc((size_t)limit + 1, size);
	int n = 0, rc;
	int64_t last = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == limit) {
			out->more = 1;
			break;
		}
		read_row(st, rows + size * (size_t)n++);
		last = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	free(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(rows);
		return db_fail(db, err, what);
	}
	out->rows = rows;
	out->n = n;
	if (n)
		snprintf(out->next, sizeof out->next, "%lld", (long long)last);
	return JY_OK;
}

static void employer_row_read(sqlite3_stmt *st, void *row)
{
	struct employer_row *r = row;
	r->id = sqlite3_column_int64(st, 0);
	db_col_copy(st, 1, r->code, sizeof r->code);
	db_col_copy(st, 2, r->name, sizeof r->name);
	db_col_copy(st, 3, r->kind, sizeof r->kind);
	db_col_copy(st, 4, r->industry, sizeof r->industry);
	db_col_copy(st, 5, r->contact, sizeof r->contact);
	db_col_copy(st, 6, r->phone, sizeof r->phone);
	r->woman_owned = sqlite3_column_int(st, 7);
	r->open_postings = sqlite3_column_int(st, 8);
}

int employer_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                    struct job_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);     /* statistics: through reports only */
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 200;
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.id, e.code, e.name, e.kind, e.industry, e.contact, e.phone, e.woman_owned, "
		"(SELECT count(*) FROM posting p WHERE p.employer_id = e.id AND "
		POSTING_STATE_SQL("?4") " = 'open') "
		"FROM employer e WHERE e.closed_at IS NULL AND (?1 IS NULL OR instr(coalesce(e.skey, e.name), ?1) > 0) "
		"AND (?2 = 0 OR e.id < ?2) ORDER BY e.id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
	return jobs_page_read(db, st, query, cursor, limit, sizeof(struct employer_row),
	                      employer_row_read, _("reading the employers"), out, err);
}
