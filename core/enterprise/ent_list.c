/* core/enterprise/ent_list.c: the 创业与贷款 list as workers search it, and the due list of loans
 * near their end or overdue. Both hold only the residents of the worker's communities
 * (jy_in_scope in the SQL), with ID numbers masked as every list shows them.
 *
 * An office has tens or hundreds of projects and loans, not a million: the list reads them all,
 * newest first, and matches the query in C (code, name, pinyin initials, last digits of the ID
 * number), the way a worker types it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enterprise/enterprise_int.h"

void ent_query_parse(const char *q, struct ent_query *out)
{
	out->kind = Q_ALL;
	out->text = NULL;
	if (text_is_blank(q))
		return;
	char *c = text_clean(q);
	out->text = hanzi_fold(c);
	free(c);
	const char *t = out->text;
	size_t n = strlen(t), digits = strspn(t, "0123456789x");
	if ((t[0] == 'p' || t[0] == 'l') && t[1] == '-')
		out->kind = Q_CODE;
	else if (digits == n && n >= 3)
		out->kind = Q_DIGITS;
	else if (strspn(t, "abcdefghijklmnopqrstuvwxyz") == n)
		out->kind = Q_LETTERS;
	else
		out->kind = Q_NAME;
}

int ent_query_match(const struct ent_query *q, const char *code, const char *name,
                       const char *id_no)
{
	switch (q->kind) {
	case Q_ALL:
		return 1;
	case Q_CODE: {
		char *c = hanzi_fold(code);
		int m = strncmp(c, q->text, strlen(q->text)) == 0;
		free(c);
		return m;
	}
	case Q_DIGITS: {
		size_t n = strlen(id_no), k = strlen(q->text);
		char *tail = hanzi_fold(n >= k ? id_no + n - k : "");
		int m = n >= k && strcmp(tail, q->text) == 0;
		free(tail);
		return m;
	}
	case Q_LETTERS: {
		char *ini[16];
		int k = hanzi_initials_all(name, ini, 16), m = 0;
		for (int i = 0; i < k; i++) {
			m |= strstr(ini[i], q->text) == ini[i];
			free(ini[i]);
		}
		return m;
	}
	default: {
		char *f = hanzi_fold(name);
		int m = strstr(f, q->text) != NULL;
		free(f);
		return m;
	}
	}
}

/* Projects first come and loans after in the SQL; the list merges them newest first. */
static const char sql_rows[] =
	"SELECT 0, p.id, p.resident_id, p.code, r.name, r.id_no, p.idea, p.stage, "
	"max(p.idea_on, coalesce(p.registered_on, ''), coalesce(p.incubated_on, ''), "
	"coalesce(p.funded_on, ''), coalesce(p.opened_on, ''), coalesce(p.operating_on, ''), "
	"coalesce(p.closed_on, '')), coalesce(p.fund_fen, 0), 0, NULL, p.id "
	"FROM project p JOIN resident r ON r.id = p.resident_id WHERE jy_in_scope(r.community) "
	"UNION ALL "
	"SELECT 1, l.id, l.resident_id, l.code, r.name, r.id_no, "
	"coalesce(s.label, '') || coalesce(' ' || u.label, ''), l.state, "
	"max(l.applied_on, coalesce((SELECT max(date) FROM loan_step WHERE loan_id = l.id), ''), "
	"coalesce(l.lent_on, ''), coalesce(l.ended_on, ''), "
	"coalesce((SELECT max(date) FROM loan_payment WHERE loan_id = l.id), '')), "
	"coalesce(l.lent_fen, l.amount_fen), "
	"CASE WHEN l.state = 'repaying' THEN l.lent_fen - (SELECT coalesce(sum(amount_fen), 0) "
	"  FROM loan_payment WHERE loan_id = l.id AND kind = 'repayment') ELSE 0 END, l.due_on, l.id "
	"FROM loan l JOIN resident r ON r.id = l.resident_id "
	"LEFT JOIN code s ON s.list = 'loan_scheme' AND s.code = l.scheme "
	"LEFT JOIN code u ON u.list = 'loan_purpose' AND u.code = l.purpose "
	"WHERE jy_in_scope(r.community) "
	"ORDER BY 9 DESC, 1, 13 DESC";

static int64_t iso_days(const char *iso)
{
	int y, m, d;
	return date_split(iso, &y, &m, &d) ? date_days(y, m, d) : 0;
}

/* One row of sql_rows (or of the due list's, which has the same columns) into r. */
static void row_read(sqlite3_stmt *st, const char *asof, struct enterprise_row *r)
{
	memset(r, 0, sizeof *r);
	r->is_loan = sqlite3_column_int(st, 0);
	r->id = sqlite3_column_int64(st, 1);
	r->resident_id = sqlite3_column_int64(st, 2);
	db_col_copy(st, 3, r->code, sizeof r->code);
	db_col_copy(st, 4, r->name, sizeof r->name);
	char id_no[19];
	db_col_copy(st, 5, id_no, sizeof id_no);
	mask_idno(id_no, r->id_no, sizeof r->id_no);
	db_col_copy(st, 6, r->what, sizeof r->what);
	char code[16];
	db_col_copy(st, 7, code, sizeof code);
	db_col_copy(st, 8, r->date, sizeof r->date);
	r->fen = sqlite3_column_int64(st, 9);
	r->owed_fen = sqlite3_column_int64(st, 10);
	db_col_copy(st, 11, r->due, sizeof r->due);
	if (!r->is_loan) {
		snprintf(r->state, sizeof r->state, "%s",
		         project_stage_label(project_stage_parse(code)));
		return;
	}
	int state = LS_APPLYING;
	for (int s = 0; s < LS__COUNT; s++)
		if (strcmp(code, loan_state_code(s)) == 0)
			state = s;
	snprintf(r->state, sizeof r->state, "%s", loan_state_label(state));
	if (state == LS_REPAYING && r->due[0]) {
		r->days = (int)(iso_days(r->due) - iso_days(asof));
		if (r->days < 0)
			snprintf(r->state, sizeof r->state, "逾期%d天", -r->days);
	}
}

int enterprise_each(struct jy_db *db, const char *query, int limit,
                    int (*cb)(void *arg, const struct enterprise_row *r), void *arg,
                    struct jy_err *err)
{
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, sql_rows, err);
	if (!st)
		return JY_EDB;
	struct ent_query q;
	ent_query_parse(query, &q);
	char today[11];
	date_today(today);
	int s, stop = 0, n = 0;
	while (!stop && (limit <= 0 || n < limit) && (s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id_no = (const char *)sqlite3_column_text(st, 5);
		if (!ent_query_match(&q, (const char *)sqlite3_column_text(st, 3),
		                 (const char *)sqlite3_column_text(st, 4), id_no ? id_no : ""))
			continue;
		struct enterprise_row r;
		row_read(st, today, &r);
		n++;
		stop = cb(arg, &r);
	}
	int done = stop || (limit > 0 && n >= limit) || s == SQLITE_DONE;
	sqlite3_reset(st);
	free(q.text);
	if (stop)
		return stop;
	return done ? JY_OK : db_fail(db, err, _("reading the projects and loans"));
}

int loan_due_each(struct jy_db *db, const char *asof, int days, const char *query,
                  int (*cb)(void *arg, const struct enterprise_row *r), void *arg,
                  struct jy_err *err)
{
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (rc)
		return rc;
	if (days < 0 && (rc = db_setting_int(db, "loan.due_days", 60, &days, err)))
		return rc;
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	sqlite3_stmt *st = db_prepare(db,
		"SELECT 1, l.id, l.resident_id, l.code, r.name, r.id_no, "
		"coalesce(s.label, '') || coalesce(' ' || u.label, ''), l.state, l.lent_on, l.lent_fen, "
		"l.lent_fen - (SELECT coalesce(sum(amount_fen), 0) FROM loan_payment "
		"  WHERE loan_id = l.id AND kind = 'repayment'), l.due_on "
		"FROM loan l INDEXED BY loan_due JOIN resident r ON r.id = l.resident_id "
		"LEFT JOIN code s ON s.list = 'loan_scheme' AND s.code = l.scheme "
		"LEFT JOIN code u ON u.list = 'loan_purpose' AND u.code = l.purpose "
		"WHERE l.state = 'repaying' AND l.due_on <= date(?1, printf('+%d days', ?2)) "
		"AND jy_in_scope(r.community) ORDER BY l.due_on, l.id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, days);
	struct ent_query q;
	ent_query_parse(query, &q);
	int s, stop = 0;
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id_no = (const char *)sqlite3_column_text(st, 5);
		if (!ent_query_match(&q, (const char *)sqlite3_column_text(st, 3),
		                 (const char *)sqlite3_column_text(st, 4), id_no ? id_no : ""))
			continue;
		struct enterprise_row r;
		row_read(st, asof, &r);
		stop = cb(arg, &r);
	}
	sqlite3_reset(st);
	free(q.text);
	if (stop)
		return stop;
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the loans due"));
}
