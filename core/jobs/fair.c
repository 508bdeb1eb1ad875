/* core/jobs/fair.c: job fairs (招聘会, W5) as a list searched as workers type: what was held, where,
 * with how many employers, posts, visitors and on-site intent agreements (and how many of those
 * were women: report D4). The record itself is core/jobs/jobrec.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

static void fair_row_read(sqlite3_stmt *st, void *row)
{
	struct fair_row *r = row;
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

int fair_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                struct job_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);     /* statistics: through reports only */
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 200;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, code, name, date, kind, place, coalesce(employers, 0), coalesce(posts, 0), "
		"coalesce(visitors, 0), coalesce(agreements, 0), coalesce(agreements_women, 0) FROM fair "
		"WHERE (?1 IS NULL OR instr(coalesce(skey, name), ?1) > 0) AND (?2 = 0 OR id < ?2) "
		"ORDER BY id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	return jobs_page_read(db, st, query, cursor, limit, sizeof(struct fair_row), fair_row_read,
	                      _("reading the job fairs"), out, err);
}
