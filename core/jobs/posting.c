/* core/jobs/posting.c: job information (就业信息) as of today, and the posting list.
 *
 * A posting expires by itself: nothing rewrites it at midnight (there is no cron on an office
 * PC). Its status is read as of today wherever it is shown or tested: an open posting whose
 * closing date has passed reads as expired; one whose posts are all filled as filled. The same
 * rule is written once in C (posting_state) and once in SQL (POSTING_STATE_SQL, jobs_int.h). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

/* The stored words of the states (002's posting_status codes), by enum posting_st. */
static const char *const state_codes[PSTATE__UNKNOWN] = {
	[PSTATE_OPEN] = "open", [PSTATE_FILLED] = "filled", [PSTATE_CLOSED] = "closed",
	[PSTATE_EXPIRED] = "expired",
};

enum posting_st posting_state_of(const char *state)
{
	for (int s = 0; state && s < PSTATE__UNKNOWN; s++)
		if (strcmp(state_codes[s], state) == 0)
			return (enum posting_st)s;
	return PSTATE__UNKNOWN;
}

const char *posting_state_code(enum posting_st s)
{
	assert((unsigned)s < PSTATE__UNKNOWN);
	return state_codes[s];
}

const char *posting_state(const char *stored, int openings, int filled, const char *closes,
                          const char *today)
{
	if (posting_state_of(stored) != PSTATE_OPEN)
		return stored && *stored ? stored : state_codes[PSTATE_OPEN];
	if (closes && *closes && strcmp(closes, today) < 0)
		return state_codes[PSTATE_EXPIRED];
	if (filled >= openings)
		return state_codes[PSTATE_FILLED];
	return state_codes[PSTATE_OPEN];
}

static void posting_row_read(sqlite3_stmt *st, void *row)
{
	struct posting_row *r = row;
	r->id = sqlite3_column_int64(st, 0);
	r->employer_id = sqlite3_column_int64(st, 1);
	db_col_copy(st, 2, r->code, sizeof r->code);
	db_col_copy(st, 3, r->title, sizeof r->title);
	db_col_copy(st, 4, r->employer, sizeof r->employer);
	db_col_copy(st, 5, r->state, sizeof r->state);
	db_col_copy(st, 6, r->posted, sizeof r->posted);
	db_col_copy(st, 7, r->closes, sizeof r->closes);
	r->openings = sqlite3_column_int(st, 8);
	r->filled = sqlite3_column_int(st, 9);
	r->public_welfare = sqlite3_column_int(st, 10);
	r->referrals = sqlite3_column_int(st, 11);
}

int posting_search(struct jy_db *db, const char *query, int filter, int64_t employer_id,
                   const char *cursor, int limit, struct job_page *out, struct jy_err *err)
{
	memset(out, 0, sizeof *out);
	int denied = access_check(db, OP_VIEW, NULL, err);     /* statistics: through reports only */
	if (denied)
		return denied;
	if (limit <= 0 || limit > 200)
		limit = 200;
	char today[11], soon[11];
	date_today(today);
	int days, rc = db_setting_int(db, "jobs.closing_days", 14, &days, err);
	if (rc)
		return rc;
	date_add_days(today, days, soon);

	sqlite3_stmt *st = db_prepare(db,
		"SELECT p.id, p.employer_id, p.code, p.title, e.name, " POSTING_STATE_SQL("?4") ", p.posted, "
		"p.closes, p.openings, p.filled, p.public_welfare, "
		"(SELECT count(*) FROM referral r WHERE r.posting_id = p.id) "
		"FROM posting p JOIN employer e ON e.id = p.employer_id "
		"WHERE (?1 IS NULL OR instr(coalesce(p.skey, p.title), ?1) > 0) AND (?2 = 0 OR p.id < ?2) "
		"AND (?6 = 0 OR p.employer_id = ?6) "
		"AND (?5 = 0 OR " POSTING_STATE_SQL("?4") " = 'open') "
		"AND (?5 <> 2 OR p.public_welfare = 1) "
		"AND (?5 <> 3 OR (p.closes IS NOT NULL AND p.closes <= ?7)) "
		"ORDER BY p.id DESC LIMIT ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, filter);
	sqlite3_bind_int64(st, 6, employer_id);
	sqlite3_bind_text(st, 7, soon, -1, SQLITE_TRANSIENT);
	return jobs_page_read(db, st, query, cursor, limit, sizeof(struct posting_row),
	                      posting_row_read, _("reading the postings"), out, err);
}
