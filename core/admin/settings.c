/* core/admin/settings.c: every key of table setting that jiuye reads, in one table with what it
 * decides, its default and what it accepts, so that `jiuye setting`, the 参数 screen and the
 * code that reads a key agree. A value is checked here before it is stored: the readers
 * (db_setting_int and its callers) then never meet one they cannot use. The defaults are those
 * the readers pass to db_setting_int; tests/unit/test_settings.c checks them against the
 * migrations' rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "report/report.h"      /* PRINT_PDF_FONT */
#include "store/sql.h"

/*   key, meaning (gettext), type, min, max, default, unit (gettext), choices */
static const struct setting_def setting_defs[] = {
	{ "rule.4050.female_age", N_("4050: a woman counts from this age"), SETTING_INT, 30, 60, "40",
	  N_("years old"), NULL },
	{ "rule.4050.female_upper", N_("4050: a woman counts below this age (her retirement age; "
	                               "0: no upper limit)"), SETTING_INT, 0, 70, "55",
	  N_("years old"), NULL },
	{ "rule.4050.male_age", N_("4050: a man counts from this age"), SETTING_INT, 30, 70, "50",
	  N_("years old"), NULL },
	{ "rule.4050.male_upper", N_("4050: a man counts below this age (his retirement age; 0: no "
	                             "upper limit)"), SETTING_INT, 0, 75, "60", N_("years old"), NULL },
	{ "jobs.subsidy_due_days", N_("public-welfare posts whose subsidy ends within this many days "
	                              "are listed for re-assessment"), SETTING_INT, 1, 365, "60",
	  N_("days"), NULL },
	{ "jobs.closing_days", N_("a posting that closes within this many days is shown as closing "
	                          "soon"), SETTING_INT, 1, 90, "14", N_("days"), NULL },
	{ "training.outcome_months", N_("a trainee's job counts as found after the course when it "
	                                "began within this many months of its end"), SETTING_INT, 1,
	  24, "6", N_("months"), NULL },
	{ "training.tier.employed", N_("training subsidy for a completer employed in time, percent "
	                               "of the course's subsidy"), SETTING_INT, 0, 100, "100", "%",
	  NULL },
	{ "training.tier.vocational", N_("training subsidy for a completer with a vocational "
	                                 "qualification certificate and no job, percent"),
	  SETTING_INT, 0, 100, "80", "%", NULL },
	{ "training.tier.special", N_("training subsidy for a completer with a special-ability "
	                              "certificate and no job, percent"), SETTING_INT, 0, 100, "60",
	  "%", NULL },
	{ "ui.lock_minutes", N_("the screen locks after this many minutes without a key (0: never)"),
	  SETTING_INT, 0, 1440, "15", N_("minutes"), NULL },
	{ "ui.lock_pam", N_("unlocking the screen asks for the worker's login password (PAM); 否: "
	                    "Enter unlocks"), SETTING_BOOL, 0, 1, "0", NULL, NULL },
	{ "audit.keep_years", N_("the audit trail is kept at least this many years (nothing in it "
	                         "is ever removed by jiuye)"), SETTING_INT, 1, 30, "3", N_("years"),
	  NULL },
	{ "print.page_lines", N_("lines on a printed page"), SETTING_INT, 20, 200, "60", NULL, NULL },
	{ "print.page_cols", N_("characters on a printed line (a Chinese character takes two)"),
	  SETTING_INT, 60, 200, "80", NULL, NULL },
	{ "office.name", N_("the office's name at the foot of a printout (empty: made from the "
	                    "street and community)"), SETTING_TEXT, 0, 60, "", NULL, NULL },
	{ "print.dest", N_("where a printout goes unless a worker chose for herself: a file, her "
	                   "terminal's printer, the server's printer (lp), a PDF or her PC (ZMODEM)"),
	  SETTING_TEXT, 0, 16, "file", NULL, "file|terminal|lp|pdf|zmodem" },
	{ "print.encoding", N_("the character set of the printer on a worker's terminal"),
	  SETTING_TEXT, 0, 16, "GBK", NULL, "GBK|GB18030|UTF-8" },
	{ "print.lp_printer", N_("the server's printer lp prints to (empty: its default one)"),
	  SETTING_TEXT, 0, 60, "", NULL, NULL },
	{ "print.pdf_font", N_("the fonts of a PDF printout, a list as fontconfig takes it"),
	  SETTING_TEXT, 0, 200, PRINT_PDF_FONT, NULL, NULL },
	{ "loan.chain", N_("the approval steps of a start-up loan before 放款, with | between"),
	  SETTING_TEXT, 1, 200, "村居妇代会出证明|乡镇妇联报材料|县级妇联意见|人社/银行审批", NULL,
	  NULL },
	{ "loan.due_days", N_("loan repayments due within this many days are listed"), SETTING_INT,
	  1, 365, "60", N_("days"), NULL },
	{ "bulk.spill_rows", N_("rows an import holds in memory before it writes them (less memory, "
	                        "a slower import)"), SETTING_INT, 1024, 4194304, "262144", NULL,
	  NULL },
	{ "jobs.feedback_days", N_("今日待办: a referral with no word back this many days after it is "
	                           "listed"), SETTING_INT, 1, 365, "14", N_("days"), NULL },
	{ "due.visit_days", N_("今日待办: a registered resident not visited in this many days is "
	                       "listed (0: not since the quarter began)"), SETTING_INT, 0, 366, "0",
	  N_("days"), NULL },
	{ "due.outcome_days", N_("今日待办: a trainee's six-month check is listed this many days "
	                         "before her window closes"), SETTING_INT, 0, 366, "30", N_("days"),
	  NULL },
	{ "due.certificate_days", N_("今日待办: a resident without a certificate is listed this many "
	                             "days after her registration"), SETTING_INT, 0, 366, "0",
	  N_("days"), NULL },
	{ "due.draft_days", N_("今日待办: a draft left this many days is listed (0: every one)"),
	  SETTING_INT, 0, 366, "0", N_("days"), NULL },
	{ "due.approval_days", N_("今日待办: a request waiting this many days is listed (0: every "
	                          "one)"), SETTING_INT, 0, 366, "0", N_("days"), NULL },
	{ "case.accept_days", N_("a rights case is to be accepted or refused within this many days of "
	                         "its receipt"), SETTING_INT, 1, 90, "15", N_("days"), NULL },
	{ "case.finish_days", N_("a rights case is to be finished within this many days of its "
	                         "acceptance"), SETTING_INT, 1, 365, "60", N_("days"), NULL },
	{ "case.extend_max", N_("the one extension of a rights case is at most this many days"),
	  SETTING_INT, 1, 365, "30", N_("days"), NULL },
	{ "case.near_days", N_("a rights case with this many days left or fewer is near its limit"),
	  SETTING_INT, 0, 60, "5", N_("days"), NULL },
	{ "fee.employ_months", N_("来料加工: a woman with processing fees in this many months counts as "
	                          "employed in 来料加工 (0: never)"), SETTING_INT, 0, 24, "3",
	  N_("months"), NULL },
	{ "fee.lowinc_categories", N_("来料加工: the categories (codes, with | between) that make a "
	                              "woman low-income in the fee figures"), SETTING_TEXT, 1, 200,
	  "RURAL_LOWINC|DIBAO|SPECIAL_POOR", NULL, NULL },
	{ "due.cert_review_days", N_("今日待办: a certificate ending within this many days is listed, "
	                             "with those up for review since their holder found work"),
	  SETTING_INT, 0, 366, "30", N_("days"), NULL },
	{ "org.term_days", N_("a member of a women's organisation whose term ends within this many "
	                      "days is on the list of elections due (换届)"), SETTING_INT, 1, 366, "60",
	  N_("days"), NULL },
	{ "migrant.check_days", N_("今日待办: a migrant woman not checked for this many days is listed "
	                           "(0: not since the month began)"), SETTING_INT, 0, 366, "0",
	  N_("days"), NULL },
	{ "pair.contact_days", N_("今日待办: a mentoring pair without a contact for this many days is "
	                          "listed"), SETTING_INT, 1, 366, "90", N_("days"), NULL },
};

/* Keys the program once kept in table setting for the audit trail's chain: raising such a limit
 * would pass altered rows as old ones, so no one sets them by hand (012_trail_guard.sql). */
static const char *const setting_protected[] = { "audit.unhashed_until", "audit.epoch" };

/* Pairs whose lower bound must stay below the upper one (an upper 0 means none). */
static const struct {
	const char *lower, *upper;
} setting_bands[] = {
	{ "rule.4050.female_age", "rule.4050.female_upper" },
	{ "rule.4050.male_age", "rule.4050.male_upper" },
};

const struct setting_def *setting_def_find(const char *key)
{
	for (size_t i = 0; key && i < ARRAY_LEN(setting_defs); i++)
		if (strcmp(setting_defs[i].key, key) == 0)
			return &setting_defs[i];
	return NULL;
}

char *setting_accepts(const struct setting_def *d)
{
	if (d->type == SETTING_BOOL)
		return xstrdup(_("是 or 否 (1 or 0)"));
	if (d->type == SETTING_TEXT && d->choices)
		return xasprintf(_("one of %s"), d->choices);
	if (d->type == SETTING_TEXT)
		return xasprintf(_("text, at most %d characters"), d->max);
	return xasprintf(_("a whole number from %d to %d"), d->min, d->max);
}

int setting_each(struct jy_db *db, int (*cb)(void *arg, const struct setting_row *s), void *arg,
                 struct jy_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(setting_defs); i++) {
		char *v = NULL;
		int rc = db_setting(db, setting_defs[i].key, NULL, &v, err);
		if (rc)
			return rc;
		struct setting_row s = { &setting_defs[i], v ? v : setting_defs[i].def, v != NULL };
		rc = cb(arg, &s);
		free(v);
		if (rc)
			return rc;
	}
	return JY_OK;
}

static int setting_unknown(const char *key, struct jy_err *err)
{
	struct jy_buf b = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(setting_defs); i++)
		buf_addf(&b, "%s%s", i ? ", " : "", setting_defs[i].key);
	err_set(err, JY_ENOTFOUND, key, _("%s is not a setting of jiuye; the settings are: %s"), key,
	        b.s);
	buf_free(&b);
	return JY_ENOTFOUND;
}

int setting_get(struct jy_db *db, const char *key, char **out, struct jy_err *err)
{
	*out = NULL;
	const struct setting_def *d = setting_def_find(key);
	if (!d)
		return setting_unknown(key, err);
	return db_setting(db, key, d->def, out, err);
}

/* The other end of key's band is respected by v: JY_EINVAL otherwise. */
static int setting_band_check(struct jy_db *db, const struct setting_def *d, int v,
                              struct jy_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(setting_bands); i++) {
		int low = strcmp(d->key, setting_bands[i].lower) == 0;
		int up = strcmp(d->key, setting_bands[i].upper) == 0;
		if (!low && !up)
			continue;
		const char *other = low ? setting_bands[i].upper : setting_bands[i].lower;
		int o, rc = db_setting_int(db, other, atoi(setting_def_find(other)->def), &o, err);
		if (rc)
			return rc;
		if (low && o > 0 && v >= o)
			return err_set(err, JY_EINVAL, d->key, _("%s: %d is not below %s (%d): lower "
			                                        "that one first, or give a smaller age"),
			               d->key, v, other, o);
		if (up && v > 0 && v <= o)
			return err_set(err, JY_EINVAL, d->key, _("%s: %d is not above %s (%d): give a "
			                                        "greater age, or 0 for no upper limit"),
			               d->key, v, other, o);
	}
	return JY_OK;
}

static int setting_bool(const char *s)
{
	static const char *const yes[] = { "1", "是", "yes", "on", "true", "y" };
	static const char *const no[] = { "0", "否", "no", "off", "false", "n" };
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(s, yes[i]) == 0)
			return 1;
		if (strcmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

int setting_check(struct jy_db *db, const struct setting_def *d, const char *value, char **canon,
                  struct jy_err *err)
{
	*canon = NULL;
	char *v = text_clean(value ? value : "");
	char *acc = setting_accepts(d);
	int rc = JY_OK;
	if (d->type == SETTING_TEXT && d->choices) {
		size_t n = strlen(v);
		const char *p = *v ? strstr(d->choices, v) : NULL;
		/* a whole choice: between the start or a | and a | or the end */
		while (p && !((p == d->choices || p[-1] == '|') && (p[n] == '|' || !p[n])))
			p = strstr(p + 1, v);
		if (!p)
			rc = err_set(err, JY_EINVAL, d->key, _("%s: \"%s\" is not accepted; it takes %s"),
			             d->key, v, acc);
	} else if (d->type == SETTING_TEXT) {
		if (text_chars(v) > (size_t)d->max)
			rc = err_set(err, JY_EINVAL, d->key, _("%s: too long; it takes %s"), d->key, acc);
		else if (text_chars(v) < (size_t)d->min)
			rc = err_set(err, JY_EINVAL, d->key, _("%s: it cannot be empty; it takes %s"),
			             d->key, acc);
	} else if (d->type == SETTING_BOOL) {
		int b = setting_bool(v);
		if (b < 0)
			rc = err_set(err, JY_EINVAL, d->key, _("%s: \"%s\" is not accepted; it takes %s"),
			             d->key, v, acc);
		else
			xstrset(&v, b ? "1" : "0");
	} else {
		char *end = NULL;
		long n = *v ? strtol(v, &end, 10) : 0;
		if (!*v || *end || n < d->min || n > d->max)
			rc = err_set(err, JY_EINVAL, d->key, _("%s: \"%s\" is not accepted; it takes %s"),
			             d->key, v, acc);
		else
			rc = setting_band_check(db, d, (int)n, err);
		if (!rc) {
			char num[24];
			snprintf(num, sizeof num, "%ld", n);
			xstrset(&v, num);
		}
	}
	free(acc);
	if (rc)
		free(v);
	else
		*canon = v;
	return rc;
}

int setting_put(struct jy_db *db, const char *key, const char *value, struct jy_err *err)
{
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < ARRAY_LEN(setting_protected); i++)
		if (strcmp(key, setting_protected[i]) == 0)
			return err_set(err, JY_EINVAL, key, _("%s is kept by jiuye for the audit trail's "
			                                     "chain and is never set by hand"), key);
	const struct setting_def *d = setting_def_find(key);
	if (!d) {
		setting_unknown(key, err);
		if (err)
			err->code = JY_EINVAL;  /* a value given for a key there is not: the worker's */
		return JY_EINVAL;
	}
	char *canon = NULL, *old = NULL;
	if ((rc = setting_check(db, d, value, &canon, err)) ||
	    (rc = db_setting(db, key, NULL, &old, err)))
		goto out;
	if ((rc = db_begin(db, err)))
		goto out;
	rc = db_setting_set(db, key, canon, err);
	if (!rc) {
		struct jy_buf ch = { 0 };
		buf_adds(&ch, "{");
		history_json_str(&ch, key);
		buf_adds(&ch, ":[");
		history_json_str(&ch, old ? old : d->def);
		buf_adds(&ch, ",");
		history_json_str(&ch, canon);
		buf_adds(&ch, "]}");
		rc = history_add(db, "setting", 0, "change", ch.s, err);
		buf_free(&ch);
	}
	if (rc)
		db_rollback(db);
	else
		rc = db_commit(db, err);
out:
	free(canon);
	free(old);
	return rc;
}
