/* core/training/outcome.c: what became of the trainees. Attendance rates, whether each completer found work
 * within six months of the course's end, the subsidy tier that follows, and the completers still
 * without work (indicators F5-F9).
 *
 * Nothing here is typed or stored: employment comes from the status events the registry already
 * keeps (a worker records 已就业 with its form on the resident's page, and the registry's own
 * changes of status write one too), so the outcome is the same on every screen, in every report
 * and on every day it is asked about.
 *
 * Who may: the rows name trainees, so the lists need OP_VIEW, hold only trainees of the
 * worker's communities and show ID numbers and phones masked (320102********123X, 138****5678);
 * the full numbers are on the resident's page, for those allowed. Statistics count the outcome
 * in reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "training/training.h"
#include "store/sql.h"

int outcome_employment(struct jy_db *db, int64_t rid, const char *course_end, const char *asof,
                       int *outcome, char employed_on[11], char window_end[11], struct jy_err *err)
{
	int months;
	employed_on[0] = window_end[0] = '\0';
	*outcome = OUTCOME_PENDING;
	int rc = db_setting_int(db, "training.outcome_months", 6, &months, err);
	if (rc)
		return rc;
	date_add_months(course_end, months, window_end);
	if (!window_end[0])
		return JY_OK;
	/* Only what was known on asof: a report for a past date does not see later events. */
	const char *upto = asof && strcmp(asof, window_end) < 0 ? asof : window_end;
	/* Employed statuses are the 2x codes of emp_status (002_codes.sql: first digit 2 = in work). */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT min(date) FROM status_event WHERE resident_id = ?1 AND substr(status, 1, 1) = '2' "
		"AND date > ?2 AND date <= ?3", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, course_end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, upto, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		db_col_copy(st, 0, employed_on, 11);
	sqlite3_reset(st);
	if (s != SQLITE_ROW)
		return db_fail(db, err, _("reading the status changes"));
	if (employed_on[0])
		*outcome = OUTCOME_EMPLOYED;
	else if (!asof || strcmp(asof, window_end) > 0)
		*outcome = OUTCOME_NOT_EMPLOYED;
	return JY_OK;
}

int outcome_tier(struct jy_db *db, int completed, int employed, int passed, const char *cert_type,
                 int *tier, struct jy_err *err)
{
	*tier = 0;
	if (!completed)
		return JY_OK;
	/* A job within the window earns the full tier for a trainee who passed (培训合格); without one,
	 * the certificate she holds decides. Codes of train_cert (005_training.sql). */
	if (employed && passed)
		return db_setting_int(db, "training.tier.employed", 100, tier, err);
	if (cert_type && strcmp(cert_type, "2") == 0)
		return db_setting_int(db, "training.tier.vocational", 80, tier, err);
	if (cert_type && strcmp(cert_type, "3") == 0)
		return db_setting_int(db, "training.tier.special", 60, tier, err);
	return JY_OK;
}

int attendance_rate(const struct enrol_row *r)
{
	if (r->marked <= 0)
		return -1;
	return (int)(((int64_t)(r->present + r->late) * 1000 + r->marked / 2) / r->marked);
}

/* ---- enrolment rows ---------------------------------------------------------------------------- */

#define ROW_COLS \
	"SELECT e.id, e.resident_id, e.course_id, r.name, r.id_no, r.sex, r.birth, coalesce(r.phone, ''), " \
	"coalesce(r.status, ''), c.code, c.name, c.end_date, e.enrolled_on, e.result, coalesce(e.result_on, ''), " \
	"coalesce(e.cert_type, ''), coalesce(e.cert_no, ''), e.waitlisted, coalesce(e.passed, -1), " \
	"coalesce(e.in_trade, -1), coalesce(c.subsidy, 0), " \
	"(SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id), " \
	"(SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id AND a.mark = 'present'), " \
	"(SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id AND a.mark = 'late'), " \
	"(SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id AND a.mark = 'leave'), " \
	"(SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id AND a.mark = 'absent') " \
	"FROM enrolment e JOIN resident r ON r.id = e.resident_id JOIN course c ON c.id = e.course_id "

/* Of a course: admitted in the order they enrolled, then the waiting list in its order. */
static const char sql_by_course[] = ROW_COLS
	"WHERE e.course_id = ?1 AND jy_in_scope(r.community) ORDER BY e.waitlisted, e.id";
/* Of a resident: newest course first. */
static const char sql_by_resident[] = ROW_COLS
	"WHERE e.resident_id = ?1 AND jy_in_scope(r.community) ORDER BY c.start_date DESC, c.id DESC";
/* Every enrolment (the outcome over all courses). */
static const char sql_all[] = ROW_COLS
	"WHERE jy_in_scope(r.community) ORDER BY c.end_date, c.id, e.id";
/* Completers of the courses that ended between two dates: the six-month checks falling due read
 * these, not every enrolment the office ever had. */
static const char sql_ended[] = ROW_COLS
	"WHERE e.result = 'completed' AND c.end_date BETWEEN ?1 AND ?2 AND jy_in_scope(r.community) "
	"ORDER BY c.end_date, c.id, e.id";

static void row_read(sqlite3_stmt *st, struct enrol_row *r, int *subsidy)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->resident_id = sqlite3_column_int64(st, 1);
	r->course_id = sqlite3_column_int64(st, 2);
	db_col_copy(st, 3, r->name, sizeof r->name);
	char full[sizeof r->phone > sizeof r->id_no ? sizeof r->phone : sizeof r->id_no];
	db_col_copy(st, 4, full, sizeof full);
	mask_idno(full, r->id_no, sizeof r->id_no);     /* a list row: masked */
	db_col_copy(st, 5, r->sex, sizeof r->sex);
	db_col_copy(st, 6, r->birth, sizeof r->birth);
	db_col_copy(st, 7, full, sizeof full);
	mask_phone(full, r->phone, sizeof r->phone);
	db_col_copy(st, 8, r->status, sizeof r->status);
	db_col_copy(st, 9, r->course_code, sizeof r->course_code);
	db_col_copy(st, 10, r->course_name, sizeof r->course_name);
	db_col_copy(st, 11, r->course_end, sizeof r->course_end);
	db_col_copy(st, 12, r->enrolled_on, sizeof r->enrolled_on);
	db_col_copy(st, 13, r->result, sizeof r->result);
	db_col_copy(st, 14, r->result_on, sizeof r->result_on);
	db_col_copy(st, 15, r->cert_type, sizeof r->cert_type);
	db_col_copy(st, 16, r->cert_no, sizeof r->cert_no);
	r->waitlisted = sqlite3_column_int(st, 17);
	r->passed = sqlite3_column_int(st, 18);
	r->in_trade = sqlite3_column_int(st, 19);
	*subsidy = sqlite3_column_int(st, 20);
	r->marked = sqlite3_column_int(st, 21);
	r->present = sqlite3_column_int(st, 22);
	r->late = sqlite3_column_int(st, 23);
	r->leave = sqlite3_column_int(st, 24);
	r->absent = sqlite3_column_int(st, 25);
}

/* The outcome columns of a row, from the status events (asked after the list's statement is
 * done: no statement is stepped while another is prepared). */
static int row_outcome(struct jy_db *db, struct enrol_row *r, int subsidy, const char *asof,
                       struct jy_err *err)
{
	int completed = strcmp(r->result, "completed") == 0, rc = JY_OK;
	r->outcome = OUTCOME_NONE;
	if (completed)
		rc = outcome_employment(db, r->resident_id, r->course_end, asof, &r->outcome,
		                        r->employed_on, r->window_end, err);
	if (!rc)
		rc = outcome_tier(db, completed, r->outcome == OUTCOME_EMPLOYED, r->passed == 1,
		                  r->cert_type, &r->tier, err);
	r->amount = (int)((int64_t)subsidy * r->tier / 100);
	return rc;
}

/* The rows of a prepared and bound statement of ROW_COLS, with their outcome as of asof. */
static int rows_read(struct jy_db *db, sqlite3_stmt *st, const char *asof, struct enrol_row **rows,
                     int *n, struct jy_err *err)
{
	int cap = 0, rc;
	int *subsidy = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*rows = xrealloc(*rows, sizeof **rows * (size_t)cap);
			subsidy = xrealloc(subsidy, sizeof *subsidy * (size_t)cap);
		}
		row_read(st, &(*rows)[*n], &subsidy[*n]);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		FREE(rows);
		free(subsidy);
		*n = 0;
		return db_fail(db, err, _("reading the enrolments"));
	}
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	rc = JY_OK;
	for (int i = 0; i < *n && !rc; i++)
		rc = row_outcome(db, &(*rows)[i], subsidy[i], asof, err);
	free(subsidy);
	if (rc) {
		FREE(rows);
		*n = 0;
	}
	return rc;
}

int enrolment_list(struct jy_db *db, int64_t course_id, int64_t resident_id, const char *asof,
                   struct enrol_row **rows, int *n, struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int denied = course_id || !resident_id ? access_check(db, OP_VIEW, NULL, err)
	                                       : resident_access(db, resident_id, OP_VIEW, err);
	if (denied)
		return denied;
	const char *sql = course_id ? sql_by_course : resident_id ? sql_by_resident : sql_all;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	if (course_id || resident_id)
		sqlite3_bind_int64(st, 1, course_id ? course_id : resident_id);
	return rows_read(db, st, asof, rows, n, err);
}

int outcome_due(struct jy_db *db, const char *asof, int days, struct enrol_row **rows, int *n,
                struct jy_err *err)
{
	*rows = NULL;
	*n = 0;
	int y, m, d, months;
	if (!date_split(asof, &y, &m, &d))
		return err_set(err, JY_EINVAL, NULL, _("not a date: %s"), asof);
	int rc = access_check(db, OP_VIEW, NULL, err);
	if (!rc)
		rc = db_setting_int(db, "training.outcome_months", 6, &months, err);
	if (rc)
		return rc;
	/* A check is due while its window is open (it ends on or after asof) and ends within days:
	 * the course ended between asof and asof + days, less the window's months. A month of margin
	 * on each side covers the clamping of month ends; the exact test is made on each row below. */
	char lo[11], hi[11], last[11];
	date_add_months(asof, -(months + 1), lo);
	date_add_days(asof, days, last);
	date_add_months(last, -(months - 1), hi);
	sqlite3_stmt *st = db_prepare(db, sql_ended, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
	rc = rows_read(db, st, asof, rows, n, err);
	int k = 0;
	for (int i = 0; !rc && i < *n; i++) {
		struct enrol_row *r = &(*rows)[i];
		if (r->outcome != OUTCOME_PENDING || r->status[0] == '2' || !r->window_end[0] ||
		    strcmp(r->window_end, last) > 0)
			continue;
		if (k != i)
			(*rows)[k] = *r;
		k++;
	}
	if (!rc)
		*n = k;
	return rc;
}

int outcome_without_work(struct jy_db *db, int64_t course_id, const char *asof,
                         struct enrol_row **rows, int *n, struct jy_err *err)
{
	int rc = enrolment_list(db, course_id, 0, asof, rows, n, err);
	if (rc)
		return rc;
	int k = 0;
	for (int i = 0; i < *n; i++) {
		struct enrol_row *r = &(*rows)[i];
		/* a job found after the window still means she has work now: her current status says */
		if (strcmp(r->result, "completed") != 0 || r->outcome == OUTCOME_EMPLOYED || r->status[0] == '2')
			continue;
		if (k != i)
			(*rows)[k] = *r;
		k++;
	}
	*n = k;
	return JY_OK;
}
