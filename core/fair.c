/* core/fair.c: job fairs (招聘会, W5) as a list searched as workers type: what was held, where,
 * with how many employers, posts, visitors and on-site intent agreements (and how many of those
 * were women: report D4). The record itself is core/jobrec.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs_int.h"

int fair_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                struct job_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	if (limit <= 0 || limit > 200)
		limit = 200;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, code, name, date, kind, place, coalesce(employers, 0), coalesce(posts, 0), "
		"coalesce(visitors, 0), coalesce(agreements, 0), coalesce(agreements_women, 0) FROM fair "
		"WHERE (?1 IS NULL OR instr(coalesce(skey, name), ?1) > 0) AND (?2 = 0 OR id < ?2) "
		"ORDER BY id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	char *q = jobs_query_fold(query);
	db_bind_text(st, 1, q);
	sqlite3_bind_int64(st, 2, cursor && *cursor ? strtoll(cursor, NULL, 10) : 0);
	sqlite3_bind_int(st, 3, limit + 1);
	struct fair_row *rows = xcalloc((size_t)limit + 1, sizeof *rows);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == limit) {
			out->more = 1;
			break;
		}
		struct fair_row *r = &rows[n++];
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->code, sizeof r->code);
		db_col_copy(st, 2, r->name, sizeof r->name);
		db_col_copy(st, 3, r->date, sizeof r->date);
		db_col_copy(st, 4, r->kind, sizeof r->kind);
		db_col_copy(st, 5, r->place, sizeof r->place);
		r->employers = sqlite3_column_int(st, 6);
		r->posts = sqlite3_column_int(st, 7);
		r->visitors = sqlite3_column_int(st, 8);
		r->agreements = sqlite3_column_int(st, 9);
		r->agreements_women = sqlite3_column_int(st, 10);
	}
	sqlite3_reset(st);
	free(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(rows);
		return db_fail(db, err, _("reading the job fairs"));
	}
	out->rows = rows;
	out->n = n;
	if (n)
		snprintf(out->next, sizeof out->next, "%lld", (long long)rows[n - 1].id);
	return JY_OK;
}
