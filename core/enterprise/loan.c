/* core/enterprise/loan.c: small loans (小额担保贷款, 巾帼创业贷款, 小额贴息贷款) from the application
 * to the last repayment.
 *
 * The approval chain is the office's setting loan.chain, copied into the loan when it is applied
 * for. Its steps are done one at a time, in order, each dated on or after the one before, and
 * none may be skipped: the county's rule for rural women (村居妇代会出证明 → 乡镇妇联报材料 →
 * 县级妇联意见 → 人社/银行审批) is the default, an office whose scheme has other steps names them.
 * The table's trigger refuses a step out of order too, so the rule holds whoever writes. A loan
 * can be rejected or withdrawn at any step with its reason; 放款 follows the last step. After it,
 * repayments (the last one settles the loan) and interest subsidies (贴息), in whole fen.
 * Every write is a new version of the loan with its line in the audit trail (entity "loan"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enterprise/enterprise_int.h"

const struct field_def loan_fields[LF__COUNT] = { LOAN_FIELDS(FIELD_DEF_ROW) };

#define LF_TYPED LF_STATE

static const char *const state_codes[LS__COUNT] = {
	"applying", "rejected", "withdrawn", "repaying", "settled"
};
static const char *const state_labels[LS__COUNT] = {
	"审批中", "未通过", "已撤回", "还款中", "已结清"
};

const char *loan_state_code(int state)
{
	return state >= 0 && state < LS__COUNT ? state_codes[state] : NULL;
}

const char *loan_state_label(int state)
{
	return state >= 0 && state < LS__COUNT ? state_labels[state] : "";
}

static int state_of_code(const char *code)
{
	for (int s = 0; code && s < LS__COUNT; s++)
		if (strcmp(code, state_codes[s]) == 0)
			return s;
	return LS_APPLYING;
}

struct loan *loan_new(void)
{
	struct loan *l = xcalloc(1, sizeof *l);
	loan_set(l, LF_STATE, "applying");
	return l;
}

static void loan_steps_free(struct loan *l)
{
	for (int i = 0; i < LOAN_STEPS_MAX; i++) {
		free(l->step_name[i]);
		l->step_name[i] = NULL;
		l->step_date[i][0] = '\0';
	}
	l->nsteps = l->done = 0;
}

void loan_free(struct loan **pl)
{
	struct loan *l = *pl;
	if (!l)
		return;
	loan_steps_free(l);
	field_values_free(l->v, LF__COUNT);
	free(l->created_at);
	free(l->updated_at);
	free(l->updated_by);
	free(l);
	*pl = NULL;
}

void loan_set(struct loan *l, int field, const char *value)
{
	field_value_set(&l->v[field], value);
}

const char *loan_get(const struct loan *l, int field)
{
	return field_value_get(l->v[field]);
}

const char *loan_next_step(const struct loan *l)
{
	if (l->state != LS_APPLYING)
		return "";
	return l->done < l->nsteps ? l->step_name[l->done] : "放款";
}

char *loan_display(const struct loan *l, int field)
{
	char buf[32];
	switch (field) {
	case LF_STATE:
		return xstrdup(loan_state_label(l->state));
	case LF_RATE:
		if (!l->v[field])
			return xstrdup("");
		rate_text(l->rate_bp, buf);
		return xstrdup(buf);
	case LF_LICENCE:
		return xstrdup(l->v[field] ? l->v[field] : "无");
	}
	return ent_show(&loan_fields[field], l->v[field]);
}

/* 审批进度 as files and pages show it: "2/4 乡镇妇联报材料", "4/4 待放款", "" when over. */
static void loan_progress(struct loan *l)
{
	char *p;
	if (l->state != LS_APPLYING)
		p = xasprintf("%d/%d", l->done, l->nsteps);
	else if (l->done == l->nsteps)
		p = xasprintf("%d/%d %s", l->done, l->nsteps, "待放款");
	else
		p = xasprintf("%d/%d %s", l->done, l->nsteps, l->done ? l->step_name[l->done - 1] : "");
	free(l->v[LF_STEP]);
	l->v[LF_STEP] = p;
}

/* The chain text split at '|' into l's step names (empty names dropped). */
static int chain_split(const char *chain, char **names, int max, int *n)
{
	*n = 0;
	for (const char *s = chain ? chain : ""; *s;) {
		size_t len = strcspn(s, "|");
		char *t = xstrndup(s, len);
		char *c = text_clean(t);
		free(t);
		if (!text_is_blank(c)) {
			if (*n == max) {
				free(c);
				return -1;
			}
			names[(*n)++] = c;
		} else {
			free(c);
		}
		s += len + (s[len] == '|');
	}
	return 0;
}

int loan_chain(struct jy_db *db, char ***names, int *n, struct jy_err *err)
{
	char *chain = NULL;
	*names = NULL;
	*n = 0;
	int rc = db_setting(db, "loan.chain", "", &chain, err);
	if (rc)
		return rc;
	char **v = xcalloc(LOAN_STEPS_MAX + 1, sizeof *v);
	if (chain_split(chain, v, LOAN_STEPS_MAX, n) || *n == 0) {
		for (int i = 0; i < *n; i++)
			free(v[i]);
		free(v);
		*n = 0;
		rc = err_set(err, JY_EINVAL, "loan.chain", _("the setting loan.chain names the approval "
		             "steps before 放款, 1 to %d of them, with | between (%s)"), LOAN_STEPS_MAX,
		             chain);
		free(chain);
		return rc;
	}
	free(chain);
	*names = v;
	return JY_OK;
}

static const char sql_select[] =
	"SELECT l.id, l.version, l.resident_id, coalesce(l.project_id, 0), l.chain, "
	"l.amount_fen, coalesce(l.lent_fen, 0), coalesce(l.term_months, 0), coalesce(l.rate_bp, 0), "
	"l.created_at, coalesce(l.updated_at, l.created_at), coalesce(l.updated_by, l.created_by), "
	"l.code, r.id_no, r.name, p.code, l.scheme, l.purpose, l.amount_fen, l.licence, l.guarantor, "
	"l.guarantee, l.applied_on, l.jobs, l.jobs_women, l.note, l.state, NULL, l.bank, l.lent_fen, "
	"l.lent_on, l.term_months, l.rate_bp, l.due_on, "
	"(SELECT coalesce(sum(amount_fen), 0) FROM loan_payment WHERE loan_id = l.id "
	"  AND kind = 'repayment'), "
	"(SELECT coalesce(sum(amount_fen), 0) FROM loan_payment WHERE loan_id = l.id "
	"  AND kind = 'subsidy'), l.ended_on, l.end_reason "
	"FROM loan l JOIN resident r ON r.id = l.resident_id "
	"LEFT JOIN project p ON p.id = l.project_id WHERE l.id = ?1";
enum { SEL_FIELDS = 12 };

static int loan_load_steps(struct jy_db *db, struct loan *l, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT no, date FROM loan_step WHERE loan_id = ?1 "
	                                  "ORDER BY no", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, l->id);
	int s;
	l->done = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int no = sqlite3_column_int(st, 0);
		/* the trigger keeps them 1 … steps without a gap; a damaged file is not trusted */
		if (no == l->done + 1 && no <= l->nsteps) {
			db_col_copy(st, 1, l->step_date[no - 1], 11);
			l->done = no;
		}
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading a loan's steps"));
}

int loan_load(struct jy_db *db, int64_t id, struct loan **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, sql_select, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("loan %lld not found"), (long long)id);
		return db_fail(db, err, _("reading a loan"));
	}
	struct loan *l = xcalloc(1, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->version = sqlite3_column_int64(st, 1);
	l->resident_id = sqlite3_column_int64(st, 2);
	l->project_id = sqlite3_column_int64(st, 3);
	char *chain = db_col_str(st, 4);
	l->amount_fen = sqlite3_column_int64(st, 5);
	l->lent_fen = sqlite3_column_int64(st, 6);
	l->term_months = sqlite3_column_int(st, 7);
	l->rate_bp = sqlite3_column_int(st, 8);
	l->created_at = db_col_str(st, 9);
	l->updated_at = db_col_str(st, 10);
	l->updated_by = db_col_str(st, 11);
	for (int f = 0; f < LF__COUNT; f++)
		l->v[f] = db_col_str(st, f + SEL_FIELDS);
	sqlite3_reset(st);
	l->state = state_of_code(l->v[LF_STATE]);
	l->repaid_fen = strtoll(loan_get(l, LF_REPAID), NULL, 10);
	l->subsidy_fen = strtoll(loan_get(l, LF_SUBSIDY), NULL, 10);
	ent_fen_field(&l->v[LF_AMOUNT]);
	ent_fen_field(&l->v[LF_LENT]);
	ent_fen_field(&l->v[LF_REPAID]);
	ent_fen_field(&l->v[LF_SUBSIDY]);
	chain_split(chain, l->step_name, LOAN_STEPS_MAX, &l->nsteps);
	free(chain);
	int rc = resident_access(db, l->resident_id, OP_VIEW, err);
	if (!rc)
		rc = loan_load_steps(db, l, err);
	if (rc) {
		loan_free(&l);
		return rc;
	}
	loan_progress(l);
	*out = l;
	return JY_OK;
}

int loan_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err)
{
	return ent_find_code(db, "SELECT id FROM loan WHERE code = ?1", code, _("reading the loans"), id, err);
}

/* ---- the application ------------------------------------------------------------------------ */

static int loan_validate(struct jy_db *db, struct loan *l, struct jy_err *err)
{
	int rc = ent_check_fields(db, loan_fields, LF_TYPED, l->v, err);
	if (rc)
		return rc;
	if ((rc = ent_resident(db, l->v[LF_IDNO], OP_EDIT, &l->resident_id, err)))
		return rc;
	if (l->v[LF_CODE]) {
		char *c = ent_code_canon(l->v[LF_CODE]);
		free(l->v[LF_CODE]);
		l->v[LF_CODE] = c;
	}
	/* the 元 text ent_check_fields wrote parses back to the fen it came from */
	if (money_parse(loan_get(l, LF_AMOUNT), &l->amount_fen, loan_fields[LF_AMOUNT].label, err))
		return JY_EINVAL;
	if (l->amount_fen <= 0)
		return err_set(err, JY_EINVAL, loan_fields[LF_AMOUNT].label,
		               _("the sum asked for is above zero, e.g. 30000 or 3万"));
	const char *lic = l->v[LF_LICENCE];
	if (lic && (strcmp(lic, "无") == 0 || strcmp(lic, "没有") == 0 || strcmp(lic, "否") == 0))
		loan_set(l, LF_LICENCE, NULL);         /* 无营业执照: the rural applicant R9 allows */
	l->project_id = 0;
	if (l->v[LF_PROJECT]) {
		int64_t pid;
		rc = project_find_code(db, l->v[LF_PROJECT], &pid, err);
		struct project *p = NULL;
		if (rc == JY_ENOTFOUND)
			return err_set(err, JY_EINVAL, loan_fields[LF_PROJECT].label,
			               _("no project has the code %s"), l->v[LF_PROJECT]);
		if (!rc)
			rc = project_load(db, pid, &p, err);
		if (rc)
			return rc;
		int hers = p->resident_id == l->resident_id;
		char *code = xstrdup(project_get(p, PF_CODE));
		project_free(&p);
		loan_set(l, LF_PROJECT, code);
		free(code);
		if (!hers)
			return err_set(err, JY_EINVAL, loan_fields[LF_PROJECT].label,
			               _("project %s is another resident's: a loan funds the borrower's "
			                 "own project"), l->v[LF_PROJECT]);
		l->project_id = pid;
	}
	char d[11];
	if ((rc = ent_date(l->v[LF_APPLIED], loan_fields[LF_APPLIED].label, d, err)))
		return rc;
	loan_set(l, LF_APPLIED, d);
	if (l->done && strcmp(d, l->step_date[0]) > 0)
		return err_set(err, JY_EINVAL, loan_fields[LF_APPLIED].label,
		               _("%s is after the first step (%s on %s)"), d, l->step_name[0],
		               l->step_date[0]);
	long jobs = strtol(loan_get(l, LF_JOBS), NULL, 10);
	long women = strtol(loan_get(l, LF_JOBSW), NULL, 10);
	if (women > jobs)
		return err_set(err, JY_EINVAL, loan_fields[LF_JOBSW].label,
		               _("%ld women among %ld jobs created: the women are some of the jobs"),
		               women, jobs);
	return JY_OK;
}

static void bind_typed(sqlite3_stmt *st, const struct loan *l)
{
	/* ?5 code ?6 resident ?7 project ?8 scheme ?9 purpose ?10 amount ?11 licence ?12 guarantor
	 * ?13 guarantee ?14 applied_on ?15 jobs ?16 jobs_women ?17 note */
	db_bind_text(st, 5, l->v[LF_CODE]);
	sqlite3_bind_int64(st, 6, l->resident_id);
	if (l->project_id)
		sqlite3_bind_int64(st, 7, l->project_id);
	db_bind_text(st, 8, l->v[LF_SCHEME]);
	db_bind_text(st, 9, l->v[LF_PURPOSE]);
	sqlite3_bind_int64(st, 10, l->amount_fen);
	db_bind_text(st, 11, l->v[LF_LICENCE]);
	db_bind_text(st, 12, l->v[LF_GUARANTOR]);
	db_bind_text(st, 13, l->v[LF_GUARANTEE]);
	db_bind_text(st, 14, l->v[LF_APPLIED]);
	sqlite3_bind_int64(st, 15, strtoll(loan_get(l, LF_JOBS), NULL, 10));
	sqlite3_bind_int64(st, 16, strtoll(loan_get(l, LF_JOBSW), NULL, 10));
	db_bind_text(st, 17, l->v[LF_NOTE]);
}

static int code_taken(const struct loan *l, struct jy_err *err)
{
	return err_set(err, JY_EDUP, loan_fields[LF_CODE].label, _("loan code %s is already in "
	               "use; leave it empty for the next free one"), l->v[LF_CODE]);
}

static int loan_insert(struct jy_db *db, struct loan *l, struct jy_err *err)
{
	char now[32], code[24];
	char **names = NULL;
	int n = 0;
	time_now_iso(now);
	int rc = loan_chain(db, &names, &n, err);
	if (rc)
		return rc;
	struct jy_buf chain = { 0 };
	for (int i = 0; i < n; i++)
		buf_addf(&chain, "%s%s", i ? "|" : "", names[i]);
	if (!l->v[LF_CODE] && (rc = ent_next_code(db, "loan", 'L', code, err)) == JY_OK)
		loan_set(l, LF_CODE, code);
	sqlite3_stmt *st = rc ? NULL : db_prepare(db,
		"INSERT INTO loan(code, resident_id, project_id, scheme, purpose, amount_fen, licence, "
		"guarantor, guarantee, applied_on, jobs, jobs_women, note, chain, steps, state, "
		"created_at, created_by, updated_at, updated_by) VALUES (?5, ?6, ?7, ?8, ?9, ?10, ?11, "
		"?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 'applying', ?2, ?3, ?2, ?3)", err);
	if (!rc && !st)
		rc = JY_EDB;
	if (!rc) {
		sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		bind_typed(st, l);
		sqlite3_bind_text(st, 18, chain.s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 19, n);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			rc = sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE
			     ? code_taken(l, err) : db_fail(db, err, _("saving the loan"));
	}
	if (!rc) {
		l->id = sqlite3_last_insert_rowid(db_handle(db));
		l->version = 1;
		l->state = LS_APPLYING;
		loan_steps_free(l);
		for (int i = 0; i < n; i++) {
			l->step_name[i] = names[i];
			names[i] = NULL;
		}
		l->nsteps = n;
		loan_progress(l);
		xstrset(&l->updated_at, now);
		xstrset(&l->updated_by, db_actor(db)->os_user);
		char *json = field_changes(loan_fields, LF_TYPED, NULL, l->v);
		rc = history_add(db, "loan", l->id, "create", json, err);
		free(json);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&chain);
	return rc;
}

static int loan_update(struct jy_db *db, struct loan *l, struct jy_err *err)
{
	struct loan *old = NULL;
	int rc = loan_load(db, l->id, &old, err);
	if (rc)
		return rc;
	if (old->version != l->version) {
		loan_free(&old);
		return ent_conflict(err, l->id);
	}
	if (!l->v[LF_CODE])
		loan_set(l, LF_CODE, old->v[LF_CODE]);
	char *json = field_changes(loan_fields, LF_TYPED, old->v, l->v);
	loan_free(&old);
	if (!json)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE loan SET code = ?5, resident_id = ?6, project_id = ?7, scheme = ?8, purpose = ?9, "
		"amount_fen = ?10, licence = ?11, guarantor = ?12, guarantee = ?13, applied_on = ?14, "
		"jobs = ?15, jobs_women = ?16, note = ?17, version = version + 1, updated_at = ?2, "
		"updated_by = ?3 WHERE id = ?1 AND version = ?4", err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, l->version);
	bind_typed(st, l);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		rc = sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE
		     ? code_taken(l, err) : db_fail(db, err, _("saving the loan"));
	else if (sqlite3_changes(db_handle(db)) != 1)
		rc = ent_conflict(err, l->id);
	else
		rc = history_add(db, "loan", l->id, "update", json, err);
	free(json);
	if (!rc) {
		l->version++;
		xstrset(&l->updated_at, now);
		xstrset(&l->updated_by, db_actor(db)->os_user);
	}
	return rc;
}

int loan_save(struct jy_db *db, struct loan *l, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (!rc)
		rc = loan_validate(db, l, err);
	if (rc)
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	rc = l->id ? loan_update(db, l, err) : loan_insert(db, l, err);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/* ---- what happens to it after ------------------------------------------------------------- */

/* The day of the loan's last event so far: the last step done, else the application. */
static const char *loan_last_date(const struct loan *l)
{
	return l->done ? l->step_date[l->done - 1] : loan_get(l, LF_APPLIED);
}

/* A dated event's date checked: today when blank, not after today, not before after. */
static int event_date(const char *in, const char *after, const char *field, char out[11],
                      struct jy_err *err)
{
	int rc = ent_date(in, field, out, err);
	if (!rc && after && *after && strcmp(out, after) < 0)
		rc = err_set(err, JY_EINVAL, field, _("%s is before %s, the loan's last step: each "
		             "step is dated on or after the one before"), out, after);
	return rc;
}

/* The loan's row moved on one version (the caller's SQL sets the rest), with its history. */
static int loan_bump(struct jy_db *db, struct loan *l, const char *sql, const char *action,
                     const char *json, void (*bind)(sqlite3_stmt *st, const void *arg),
                     const void *arg, struct jy_err *err)
{
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, l->version);
	if (bind)
		bind(st, arg);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return db_fail(db, err, _("saving the loan"));
	if (sqlite3_changes(db_handle(db)) != 1)
		return ent_conflict(err, l->id);
	int rc = history_add(db, "loan", l->id, action, json, err);
	if (!rc) {
		l->version++;
		xstrset(&l->updated_at, now);
		xstrset(&l->updated_by, db_actor(db)->os_user);
	}
	return rc;
}

static int loan_writable(struct jy_db *db, const struct loan *l, struct jy_err *err)
{
	return resident_access(db, l->resident_id, OP_EDIT, err);
}

static int step_index(const struct loan *l, const char *name)
{
	char *t = text_clean(name);
	int found = -1;
	for (int i = 0; found < 0 && i < l->nsteps; i++)
		if (strcmp(t, l->step_name[i]) == 0)
			found = i;
	free(t);
	return found;
}

int loan_step(struct jy_db *db, struct loan *l, const char *name, const char *date,
              const char *note, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = loan_writable(db, l, err);
	if (rc)
		return rc;
	const char *label = "审批步骤";
	if (l->state != LS_APPLYING)
		return err_set(err, JY_EINVAL, label, _("the loan is %s: its approval is over"),
		               loan_state_label(l->state));
	if (l->done == l->nsteps)
		return err_set(err, JY_EINVAL, label, _("every step of the chain is done: 放款 (the "
		               "disbursement) comes next"));
	if (!text_is_blank(name) && strcmp(name, "放款") != 0) {
		int k = step_index(l, name);
		if (k < 0) {
			struct jy_buf b = { 0 };
			for (int i = 0; i < l->nsteps; i++)
				buf_addf(&b, "%s%s", i ? " → " : "", l->step_name[i]);
			rc = err_set(err, JY_EINVAL, label, _("\"%s\" is not a step of this loan's chain: "
			             "%s"), name, b.s);
			buf_free(&b);
			return rc;
		}
		if (k < l->done)
			return err_set(err, JY_EINVAL, label, _("%s was done already, on %s"),
			               l->step_name[k], l->step_date[k]);
		if (k > l->done)
			return err_set(err, JY_EINVAL, label, _("%s cannot come yet: %s comes first (no "
			               "step of the chain is skipped)"), l->step_name[k],
			               l->step_name[l->done]);
	} else if (!text_is_blank(name)) {
		return err_set(err, JY_EINVAL, label, _("%s cannot come yet: %s comes first (no step "
		               "of the chain is skipped)"), "放款", l->step_name[l->done]);
	}
	char d[11];
	if ((rc = event_date(date, loan_last_date(l), label, d, err)))
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO loan_step(loan_id, no, name, date, note, "
	                                  "worker) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	int no = l->done + 1;
	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_int(st, 2, no);
	sqlite3_bind_text(st, 3, l->step_name[l->done], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, d, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 5, text_is_blank(note) ? NULL : note);
	sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the loan's step"));
		db_rollback(db);
		return rc;
	}
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"step_no\":[null,\"%d\"],\"step_name\":[null,", no);
	history_json_str(&j, l->step_name[l->done]);
	buf_addf(&j, "],\"date\":[null,\"%s\"]}", d);
	rc = loan_bump(db, l, "UPDATE loan SET version = version + 1, updated_at = ?2, "
	               "updated_by = ?3 WHERE id = ?1 AND version = ?4", "step", j.s, NULL, NULL, err);
	buf_free(&j);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	if (!rc) {
		memcpy(l->step_date[l->done], d, 11);
		l->done++;
		loan_progress(l);
	}
	return rc;
}

struct end_args {
	const char *state, *date, *reason;
};

static void bind_end(sqlite3_stmt *st, const void *arg)
{
	const struct end_args *a = arg;
	sqlite3_bind_text(st, 5, a->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, a->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, a->reason, -1, SQLITE_TRANSIENT);
}

int loan_end(struct jy_db *db, struct loan *l, int reject, const char *date, const char *reason,
             struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = loan_writable(db, l, err);
	if (rc)
		return rc;
	if (l->state != LS_APPLYING)
		return err_set(err, JY_EINVAL, "贷款状态", _("the loan is %s: only a loan being approved "
		               "is rejected or withdrawn"), loan_state_label(l->state));
	if (text_is_blank(reason))
		return err_set(err, JY_EINVAL, "结束原因", reject ? _("required: why it was rejected")
		                                                 : _("required: why it was withdrawn"));
	char d[11];
	if ((rc = event_date(date, loan_last_date(l), "结束日期", d, err)))
		return rc;
	char *why = text_clean(reason);
	int state = reject ? LS_REJECTED : LS_WITHDRAWN;
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"state\":[\"applying\",\"%s\"],\"ended_on\":[null,\"%s\"],\"end_reason\":"
	         "[null,", state_codes[state], d);
	history_json_str(&j, why);
	buf_adds(&j, "]}");
	struct end_args a = { state_codes[state], d, why };
	if (!(rc = db_begin(db, err))) {
		rc = loan_bump(db, l, "UPDATE loan SET state = ?5, ended_on = ?6, end_reason = ?7, "
		               "version = version + 1, updated_at = ?2, updated_by = ?3 "
		               "WHERE id = ?1 AND version = ?4", "end", j.s, bind_end, &a, err);
		if (!rc)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	if (!rc) {
		l->state = state;
		loan_set(l, LF_STATE, state_codes[state]);
		loan_set(l, LF_ENDON, d);
		loan_set(l, LF_ENDWHY, why);
		loan_progress(l);
	}
	free(why);
	buf_free(&j);
	return rc;
}

struct disburse_args {
	const struct loan_disbursal *d;
	const char *date, *due, *bank;
};

static void bind_disburse(sqlite3_stmt *st, const void *arg)
{
	const struct disburse_args *a = arg;
	sqlite3_bind_text(st, 5, a->bank, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, a->d->lent_fen);
	sqlite3_bind_text(st, 7, a->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 8, a->d->term_months);
	sqlite3_bind_int(st, 9, a->d->rate_bp);
	sqlite3_bind_text(st, 10, a->due, -1, SQLITE_TRANSIENT);
}

int loan_disburse(struct jy_db *db, struct loan *l, const struct loan_disbursal *d,
                  struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = loan_writable(db, l, err);
	if (rc)
		return rc;
	if (l->state != LS_APPLYING)
		return err_set(err, JY_EINVAL, "放款", _("the loan is %s: only a loan being approved is "
		               "disbursed"), loan_state_label(l->state));
	if (l->done < l->nsteps)
		return err_set(err, JY_EINVAL, "放款", _("放款 cannot come yet: %s comes first (no step "
		               "of the chain is skipped)"), l->step_name[l->done]);
	if (text_is_blank(d->bank))
		return err_set(err, JY_EINVAL, loan_fields[LF_BANK].label, _("required: the bank that "
		               "lent it (农商银行, 邮储银行 ...)"));
	char lent[32], asked[32];
	money_yuan(d->lent_fen, lent);
	money_yuan(l->amount_fen, asked);
	if (d->lent_fen <= 0)
		return err_set(err, JY_EINVAL, loan_fields[LF_LENT].label, _("the sum lent is above "
		               "zero"));
	if (d->lent_fen > l->amount_fen)
		return err_set(err, JY_EINVAL, loan_fields[LF_LENT].label, _("%s yuan is more than the "
		               "%s yuan she asked for: correct the application first"), lent, asked);
	if (d->term_months < 1 || d->term_months > 360)
		return err_set(err, JY_EINVAL, loan_fields[LF_TERM].label, _("the term is 1 to 360 "
		               "months, e.g. 24"));
	if (d->rate_bp < 0 || d->rate_bp >= 10000)
		return err_set(err, JY_EINVAL, loan_fields[LF_RATE].label, _("the rate is a percentage "
		               "below 100, e.g. 4.35"));
	char date[11], due[11];
	if ((rc = event_date(d->date, loan_last_date(l), loan_fields[LF_LENTON].label, date, err)))
		return rc;
	date_add_months(date, d->term_months, due);
	char *bank = text_clean(d->bank);
	char rate[16];
	rate_text(d->rate_bp, rate);
	struct jy_buf j = { 0 };
	buf_adds(&j, "{\"state\":[\"applying\",\"repaying\"],\"bank\":[null,");
	history_json_str(&j, bank);
	buf_addf(&j, "],\"lent\":[null,\"%s\"],\"lent_on\":[null,\"%s\"],\"term_months\":[null,\"%d\"],"
	         "\"rate\":[null,\"%s\"],\"due_on\":[null,\"%s\"]}", lent, date, d->term_months, rate,
	         due);
	struct disburse_args a = { d, date, due, bank };
	if (!(rc = db_begin(db, err))) {
		rc = loan_bump(db, l, "UPDATE loan SET state = 'repaying', bank = ?5, lent_fen = ?6, "
		               "lent_on = ?7, term_months = ?8, rate_bp = ?9, due_on = ?10, "
		               "version = version + 1, updated_at = ?2, updated_by = ?3 "
		               "WHERE id = ?1 AND version = ?4", "disburse", j.s, bind_disburse, &a, err);
		if (!rc)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	if (!rc) {
		l->state = LS_REPAYING;
		l->lent_fen = d->lent_fen;
		l->term_months = d->term_months;
		l->rate_bp = d->rate_bp;
		loan_set(l, LF_STATE, "repaying");
		loan_set(l, LF_BANK, bank);
		char n[32];
		loan_set(l, LF_LENT, lent);
		loan_set(l, LF_LENTON, date);
		snprintf(n, sizeof n, "%d", d->term_months);
		loan_set(l, LF_TERM, n);
		snprintf(n, sizeof n, "%d", d->rate_bp);
		loan_set(l, LF_RATE, n);
		loan_set(l, LF_DUE, due);
		loan_progress(l);
	}
	free(bank);
	buf_free(&j);
	return rc;
}

struct pay_args {
	int settles;
	const char *date;
};

static void bind_pay(sqlite3_stmt *st, const void *arg)
{
	const struct pay_args *a = arg;
	sqlite3_bind_int(st, 5, a->settles);
	sqlite3_bind_text(st, 6, a->date, -1, SQLITE_TRANSIENT);
}

int loan_pay(struct jy_db *db, struct loan *l, int repayment, const char *date, int64_t fen,
             const char *note, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	const char *field = repayment ? "还款金额" : "贴息金额";
	int rc = loan_writable(db, l, err);
	if (rc)
		return rc;
	if (l->state != LS_REPAYING && (repayment || l->state != LS_SETTLED))
		return err_set(err, JY_EINVAL, field, repayment
		               ? _("the loan is %s: repayments follow 放款, until it is settled")
		               : _("the loan is %s: an interest subsidy follows 放款"),
		               loan_state_label(l->state));
	if (fen <= 0)
		return err_set(err, JY_EINVAL, field, _("the sum is above zero"));
	int64_t owed = l->lent_fen - l->repaid_fen;
	char a[32], b[32];
	money_yuan(fen, a);
	money_yuan(owed, b);
	if (repayment && fen > owed)
		return err_set(err, JY_EINVAL, field, _("%s yuan is more than the %s yuan still owed"),
		               a, b);
	char d[11];
	if ((rc = ent_date(date, repayment ? "还款日期" : "贴息日期", d, err)))
		return rc;
	if (strcmp(d, loan_get(l, LF_LENTON)) < 0)
		return err_set(err, JY_EINVAL, repayment ? "还款日期" : "贴息日期",
		               _("%s is before 放款 on %s"), d, loan_get(l, LF_LENTON));
	int settles = repayment && fen == owed;
	if ((rc = db_begin(db, err)))
		return rc;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO loan_payment(loan_id, kind, date, amount_fen, "
	                                  "note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, "
	                                  "?6, ?7)", err);
	if (!st) {
		db_rollback(db);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_text(st, 2, repayment ? "repayment" : "subsidy", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, d, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, fen);
	db_bind_text(st, 5, text_is_blank(note) ? NULL : note);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the payment"));
		db_rollback(db);
		return rc;
	}
	struct jy_buf j = { 0 };
	buf_addf(&j, "{\"%s\":[null,\"%s\"],\"date\":[null,\"%s\"]", repayment ? "repaid" : "subsidy",
	         a, d);
	if (settles)
		buf_addf(&j, ",\"state\":[\"repaying\",\"settled\"]");
	buf_adds(&j, "}");
	struct pay_args pa = { settles, d };
	rc = loan_bump(db, l, "UPDATE loan SET state = CASE WHEN ?5 THEN 'settled' ELSE state END, "
	               "ended_on = CASE WHEN ?5 THEN ?6 ELSE ended_on END, version = version + 1, "
	               "updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND version = ?4", "payment",
	               j.s, bind_pay, &pa, err);
	buf_free(&j);
	if (!rc)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	if (rc)
		return rc;
	char n[32];
	if (repayment) {
		l->repaid_fen += fen;
		money_yuan(l->repaid_fen, n);
		loan_set(l, LF_REPAID, n);
	} else {
		l->subsidy_fen += fen;
		money_yuan(l->subsidy_fen, n);
		loan_set(l, LF_SUBSIDY, n);
	}
	if (settles) {
		l->state = LS_SETTLED;
		loan_set(l, LF_STATE, "settled");
		loan_set(l, LF_ENDON, d);
		loan_progress(l);
	}
	return JY_OK;
}

static int64_t iso_days(const char *iso)
{
	int y, m, d;
	return date_split(iso, &y, &m, &d) ? date_days(y, m, d) : 0;
}

int loan_overdue_days(const struct loan *l, const char *asof)
{
	const char *due = loan_get(l, LF_DUE);
	if (l->state != LS_REPAYING || !*due || strcmp(asof, due) <= 0)
		return 0;
	return (int)(iso_days(asof) - iso_days(due));
}

void loan_state_text(const struct loan *l, const char *asof, char out[48])
{
	int late = loan_overdue_days(l, asof);
	if (late > 0)
		snprintf(out, 48, "逾期%d天", late);
	else
		snprintf(out, 48, "%s", loan_state_label(l->state));
}

int loan_payment_each(struct jy_db *db, int64_t loan_id,
                      int (*cb)(void *arg, const struct loan_payment_row *p), void *arg,
                      struct jy_err *err)
{
	/* her loan's payments: the workers of her community's only */
	sqlite3_stmt *st = db_prepare(db, "SELECT resident_id FROM loan WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, loan_id);
	int s = sqlite3_step(st);
	int64_t rid = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading a loan"));
	if (s == SQLITE_DONE)
		return err_set(err, JY_ENOTFOUND, NULL, _("loan %lld not found"), (long long)loan_id);
	int rc = resident_access(db, rid, OP_VIEW, err);
	if (rc)
		return rc;
	st = db_prepare(db, "SELECT id, kind = 'repayment', date, amount_fen, "
	                                  "coalesce(note, '') FROM loan_payment WHERE loan_id = ?1 "
	                                  "ORDER BY date, id", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, loan_id);
	int stop = 0;
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct loan_payment_row p = { 0 };
		p.id = sqlite3_column_int64(st, 0);
		p.repayment = sqlite3_column_int(st, 1);
		db_col_copy(st, 2, p.date, sizeof p.date);
		p.fen = sqlite3_column_int64(st, 3);
		db_col_copy(st, 4, p.note, sizeof p.note);
		stop = cb(arg, &p);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading a loan's payments"));
}
