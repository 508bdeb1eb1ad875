/* core/jobs/jobs_int.h: private to the jobs part (core/jobs/): what its files share. */
#ifndef JY_JOBS_INT_H
#define JY_JOBS_INT_H

#include "jobs/jobs.h"
#include "store/sql.h"

/* Search keys of a record: each pinyin-initials reading of name, then the folded name, then the
 * extra texts (codes), lower case, separated by '\x1f' so a query never matches across two. A
 * query (folded) matches when it is a substring. Caller frees. */
char *jobs_skey(const char *name, const char *const *extra, int nextra);
/* The query as jobs_skey folds it; NULL for a blank query. Caller frees. */
char *jobs_query_fold(const char *q);


/* The employer's name, as stored, into *out. Caller frees. JY_ENOTFOUND when there is none. */
int employer_name(struct jy_db *db, int64_t id, char **out, struct jy_err *err);

/* A posting's status as of today (open / filled / closed / expired) from its stored status,
 * openings, filled posts and closing date. */
const char *posting_state(const char *stored, int openings, int filled, const char *closes,
                          const char *today);

/* The SQL expression of posting_state over posting p with today as ?T (text of static storage,
 * for building statements). */
#define POSTING_STATE_SQL(T) \
	"(CASE WHEN p.status = 'open' AND p.closes IS NOT NULL AND p.closes < " T " THEN 'expired' " \
	"WHEN p.status = 'open' AND p.filled >= p.openings THEN 'filled' ELSE p.status END)"

/* placement.c: a hire of a referral, inside the caller's transaction: the placement row, the
 * resident's status change and the posting's filled count. */
int placement_hire(struct jy_db *db, int64_t resident_id, int64_t referral_id, int64_t posting_id,
                   const char *date, const char *note, const struct hire *h, struct jy_err *err);


/* referral.c: the search keys of referrals written without them (the demo's plain inserts). */
int referral_fill_keys(struct jy_db *db, struct jy_err *err);

/* employer.c: one page of a jobs list searched as workers type (employers, postings, fairs,
 * referrals): binds ?1 the folded query, ?2 the cursor's id and ?3 limit + 1 to st (the caller
 * binds the rest), reads up to limit rows of size bytes with read_row(st, row) and sets out->more
 * and out->next (the id in column 0 of the last row). JY_OK, or db_fail's code with what. */
int jobs_page_read(struct jy_db *db, sqlite3_stmt *st, const char *query, const char *cursor,
                   int limit, size_t size, void (*read_row)(sqlite3_stmt *st, void *row),
                   const char *what, struct job_page *out, struct jy_err *err);

#endif
