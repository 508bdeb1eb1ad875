/* tui/cli/cli_case.c: jiuye case, rights cases and petitions (维权 / 信访) from the command line.
 *
 *   jiuye case add --channel C --type T --complaint TEXT (--id-number ID | --name N ...) ...
 *   jiuye case show CASE_NO          the case with its steps and its time limit (a reader's)
 *   jiuye case step CASE_NO STEP ... the next step: 受理 不予受理 办理 答复 回访 办结 复查 延期, or an
 *                                    action's name (调解, 法律援助 ...) for 办理 with that action
 *   jiuye case link CASE_NO ID_NUMBER
 *   jiuye case list [QUERY]          number, date, channel, type, state, days left
 *   jiuye case due                   open cases, past and near their limit first
 * The same core calls as the screens, so the same rules: who may read a case, what may follow
 * what. Exit 0 done, 1 refused (one line naming the field), 2 the words are wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "tui.h"

static const char usage_case[] = N_(
	"usage: jiuye case add|show CASE_NO|step CASE_NO STEP|link CASE_NO ID_NUMBER|list [QUERY]|due");

/* A field's value as a worker reads it (the code's label); "" when it cannot be read. */
static char *shown(struct jy_db *db, int f, const char *v)
{
	char *out = NULL;
	if (field_show(db, &case_fields[f], v, &out, NULL) != JY_OK) {
		free(out);
		out = xstrdup(v ? v : "");
	}
	return out;
}

/* "还有 5 天 (2024-07-05)", "超期 3 天 (2024-06-27)" or "" for none. */
static void limit_text(int has, const char *limit, int left, char *out, size_t size)
{
	if (!has)
		snprintf(out, size, "%s", "");
	else if (left < 0)
		snprintf(out, size, _("%d days past (%s)"), -left, limit);
	else
		snprintf(out, size, _("%d days left (%s)"), left, limit);
}

static int case_by_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err)
{
	int rc = case_find_no(db, no, id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "案件编号", _("no case is numbered %s"), no);
	return rc;
}

static int case_add_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct rcase *c = case_new();
	const struct { int f; const char *v; } in[] = {
		{ KF_CHANNEL, o->channel }, { KF_TYPE, o->type }, { KF_IDNO, o->idno },
		{ KF_NAME, o->name }, { KF_PHONE, o->phone }, { KF_COMMUNITY, o->community },
		{ KF_COMPLAINT, o->complaint }, { KF_RESPONDENT, o->respondent },
		{ KF_EMPLOYER, o->employer }, { KF_HANDLER, o->handler }, { KF_URGENCY, o->urgency },
		{ KF_RECEIVED, o->date }, { KF_TIME, o->time },
	};
	for (size_t i = 0; i < ARRAY_LEN(in); i++)
		case_set(c, in[i].f, in[i].v);
	int rc = case_save(db, c, err);
	if (!rc) {
		char today[11], limit[11], when[64];
		int has = 0, left = 0;
		date_today(today);
		if (case_limit(db, c, today, &has, limit, &left, err) == JY_OK)
			limit_text(has, limit, left, when, sizeof when);
		else
			when[0] = '\0';
		printf(_("case %s registered; acceptance to be decided: %s\n"), case_get(c, KF_NO), when);
	}
	case_free(&c);
	return rc;
}

static void print_steps(struct jy_db *db, const struct case_step_row *s, int n)
{
	const struct field_def act = { "action", "办理措施", "action", FK_CODE, "case_action", 10, 0 };
	const struct field_def med = { "outcome", "调解结果", "outcome", FK_CODE, "case_outcome", 10, 0 };
	const struct field_def sat = { "outcome", "满意度", "outcome", FK_CODE, "case_satisfaction", 10, 0 };
	for (int i = 0; i < n; i++) {
		char *a = NULL, *r = NULL;
		field_show(db, &act, s[i].action, &a, NULL);
		field_show(db, s[i].step == STEP_VISIT ? &sat : &med, s[i].outcome, &r, NULL);
		char *label = text_fit_pad(case_step_label(s[i].step), 8);
		printf("%2d %s %s", s[i].no, s[i].date, label);
		if (a && *a)
			printf(" %s", a);
		if (r && *r)
			printf(" %s", r);
		if (s[i].days)
			printf(_(" %d days"), s[i].days);
		if (s[i].note)
			printf(" %s", s[i].note);
		printf(_(" (by %s)\n"), s[i].who[0] ? s[i].who : s[i].by);
		free(label);
		free(a);
		free(r);
	}
}

static int case_show_cmd(struct jy_db *db, const char *no, struct jy_err *err)
{
	int64_t id;
	struct rcase *c = NULL;
	int rc = case_by_no(db, no, &id, err);
	if (!rc)
		rc = case_load(db, id, &c, err);
	if (rc)
		return rc;
	for (int f = 0; f < KF__COUNT; f++) {
		if (f == KF_IDNO || f == KF_PHONE)
			continue;       /* the numbers stay masked on the command line as in lists */
		char *v = NULL;
		if (case_display(db, c, f, &v, NULL) != JY_OK) {
			free(v);
			v = xstrdup(case_get(c, f));
		}
		char *label = text_fit_pad(case_fields[f].label, 12);
		printf("%s %s\n", label, v);
		free(label);
		free(v);
	}
	char phone[32];
	mask_phone(case_get(c, KF_PHONE), phone, sizeof phone);
	char *label = text_fit_pad(case_fields[KF_PHONE].label, 12);
	printf("%s %s\n", label, phone);
	free(label);
	char today[11], limit[11], when[64] = "";
	int has = 0, left = 0;
	date_today(today);
	if ((rc = case_limit(db, c, today, &has, limit, &left, err)) == JY_OK) {
		limit_text(has, limit, left, when, sizeof when);
		label = text_fit_pad(_("state"), 12);
		printf("%s %s%s%s\n", label, case_state_label(c->state), *when ? "  " : "", when);
		free(label);
	}
	struct case_step_row *steps = NULL;
	int n = 0;
	if (!rc && (rc = case_steps(db, id, &steps, &n, err)) == JY_OK)
		print_steps(db, steps, n);
	case_steps_free(&steps, n);
	case_free(&c);
	return rc;
}

static int case_step_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	struct case_step_in s = { case_step_of(o->args[3]), o->date, o->action, o->outcome, o->who,
	                          o->note, 0 };
	if (s.step < 0 && !o->action) {        /* 调解, 法律援助 …: 办理 with that action */
		s.step = STEP_ACTION;
		s.action = o->args[3];
	}
	if (o->days) {
		char *end = NULL;
		long d = strtol(o->days, &end, 10);
		s.days = end && !*end && d > 0 && d < 1000 ? (int)d : -1;
	}
	int64_t id;
	struct rcase *c = NULL;
	int rc = case_by_no(db, o->args[2], &id, err);
	if (!rc)
		rc = case_load(db, id, &c, err);
	if (rc)
		return rc;
	int64_t version = c->version;
	rc = case_step_add(db, id, &version, &s, err);
	if (!rc) {
		case_free(&c);
		if ((rc = case_load(db, id, &c, err)))
			return rc;
		printf(_("%s: %s, now %s\n"), case_get(c, KF_NO), case_step_label(s.step),
		       case_state_label(c->state));
	}
	case_free(&c);
	return rc;
}

static int case_link_cmd(struct jy_db *db, const struct cli_opts *o, struct jy_err *err)
{
	int64_t id, rid;
	int rc = case_by_no(db, o->args[2], &id, err);
	if (!rc)
		rc = resident_find_idno_in_scope(db, o->args[3], OP_VIEW, &rid, err);
	if (rc == JY_ENOTFOUND && !err->msg[0])
		rc = err_set(err, JY_ENOTFOUND, "身份证号", _("no resident of your communities has this ID number"));
	if (!rc)
		rc = case_link(db, id, rid, err);
	if (!rc)
		printf(_("%s linked to her record\n"), o->args[2]);
	return rc;
}

static void print_rows(struct jy_db *db, const struct case_row *r, int n, int near)
{
	for (int i = 0; i < n; i++) {
		char *ch = shown(db, KF_CHANNEL, r[i].channel), *ty = shown(db, KF_TYPE, r[i].type);
		char *chp = text_fit_pad(ch, 10), *typ = text_fit_pad(ty, 16);
		char *stp = text_fit_pad(case_state_label(r[i].state), 8);
		char when[64];
		limit_text(r[i].has_limit, r[i].limit, r[i].days_left, when, sizeof when);
		const char *flag = !r[i].has_limit || near < 0 ? "" : r[i].days_left < 0 ? "!! " :
		                   r[i].days_left <= near ? "!  " : "   ";
		printf("%s%-11s %s %s %s %s %s%s\n", flag, r[i].case_no, r[i].received_on, chp, typ, stp,
		       when, r[i].urgent ? _(" urgent") : "");
		free(ch);
		free(ty);
		free(chp);
		free(typ);
		free(stp);
	}
}

int cli_case(const struct cli_opts *o)
{
	const char *what = o->nargs >= 2 ? o->args[1] : "";
	int add = strcmp(what, "add") == 0 && o->nargs == 2;
	int show = strcmp(what, "show") == 0 && o->nargs == 3;
	int step = strcmp(what, "step") == 0 && o->nargs == 4;
	int link = strcmp(what, "link") == 0 && o->nargs == 4;
	int list = strcmp(what, "list") == 0 && o->nargs <= 3;
	int due = strcmp(what, "due") == 0 && o->nargs == 2;
	if (!add && !show && !step && !link && !list && !due)
		return cli_usage_error("%s", _(usage_case));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = JY_OK;
	if (add) {
		rc = case_add_cmd(db, o, &err);
	} else if (show) {
		rc = case_show_cmd(db, o->args[2], &err);
	} else if (step) {
		rc = case_step_cmd(db, o, &err);
	} else if (link) {
		rc = case_link_cmd(db, o, &err);
	} else {
		struct case_row *rows = NULL;
		int n = 0, near = -1;
		rc = due ? case_due(db, NULL, &rows, &n, &near, &err)
		         : case_search(db, o->nargs == 3 ? o->args[2] : "", NULL, &rows, &n, &err);
		if (!rc)
			print_rows(db, rows, n, near);
		free(rows);
	}
	db_close(&db);
	return rc ? cli_fail(&err) : 0;
}
