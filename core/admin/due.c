/* core/admin/due.c: 今日待办, what is due in a worker's communities today, gathered from the due
 * lists of the parts below: a table of sources, each a query its own part owns, so that the
 * screen, `jiuye due` and a module added later (due_register) share one collection.
 *
 * A list is left out whole when the worker's role may not see it (a statistician sees no list of
 * people, a clerk no requests for a reviewer): nothing on it shows what her role may not see,
 * and every query keeps to her communities itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "casework/casework.h"
#include "enterprise/enterprise.h"
#include "store/sql.h"

static struct due_item *due_item_add(struct due_list *out, int *cap)
{
	out->total++;
	if (out->keep && out->n >= out->keep) {
		memset(&out->spare, 0, sizeof out->spare);
		return &out->spare;
	}
	if (out->n == *cap)
		out->items = xrealloc(out->items, sizeof *out->items * (size_t)(*cap = *cap ? *cap * 2 : 16));
	struct due_item *it = &out->items[out->n++];
	memset(it, 0, sizeof *it);
	return it;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* ---- the sources -------------------------------------------------------------------------------- */

/* The rows a resident source read (the first out->keep when keep is set), and its count of all. */
static int resident_rows(struct due_list *out, struct resident_due_row *rows, int n, int total)
{
	int cap = 0;
	for (int k = 0; k < n; k++) {
		struct due_item *it = due_item_add(out, &cap);
		it->id = it->resident_id = rows[k].id;
		copy(it->who, sizeof it->who, rows[k].name);
		copy(it->ref, sizeof it->ref, rows[k].reg_no);
		copy(it->date, sizeof it->date, rows[k].date);
		copy(it->community, sizeof it->community, rows[k].community);
	}
	free(rows);
	out->total = total;
	return JY_OK;
}

static int visits_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                          struct jy_err *err)
{
	struct resident_due_row *rows;
	int n, total, rc = visit_due(db, asof, days, out->keep, &rows, &n, &total, err);
	if (!rc)
		resident_rows(out, rows, n, total);
	for (int k = 0; k < out->n; k++)
		copy(out->items[k].what, sizeof out->items[k].what,
		     out->items[k].date[0] ? _("last visited") : _("never visited"));
	return rc;
}

static int certs_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                         struct jy_err *err)
{
	struct resident_due_row *rows;
	int n, total, rc = cert_due(db, asof, days, out->keep, &rows, &n, &total, err);
	if (!rc)
		resident_rows(out, rows, n, total);
	for (int k = 0; k < out->n; k++)
		copy(out->items[k].what, sizeof out->items[k].what, _("registered, no certificate"));
	return rc;
}

/* Certificates up for review since their holder found work, or ending within days. */
static int cert_review_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                               struct jy_err *err)
{
	struct resident_due_row *rows;
	int n, total, rc = cert_review_due(db, asof, days, out->keep, &rows, &n, &total, err);
	if (!rc)
		resident_rows(out, rows, n, total);
	for (int k = 0; k < out->n; k++)
		copy(out->items[k].what, sizeof out->items[k].what,
		     strcmp(out->items[k].date, asof) > 0 ? _("certificate valid until")
		                                          : _("certificate to review, or ended"));
	return rc;
}

/* An item of the jobs part (a placement, a referral): her, the day, the employer and the post. */
static void job_item(struct due_list *out, int *cap, int64_t id, int64_t rid, const char *name,
                     const char *reg_no, const char *date, const char *employer, const char *title)
{
	struct due_item *it = due_item_add(out, cap);
	it->id = id;
	it->resident_id = rid;
	copy(it->who, sizeof it->who, name);
	copy(it->ref, sizeof it->ref, reg_no);
	copy(it->date, sizeof it->date, date);
	snprintf(it->what, sizeof it->what, "%s %s", employer, title);
}

static int subsidies_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                             struct jy_err *err)
{
	struct placement_due_row *rows;
	int n, cap = 0, rc = placement_due(db, asof, days, &rows, &n, err);
	for (int k = 0; !rc && k < n; k++)
		job_item(out, &cap, rows[k].id, rows[k].resident_id, rows[k].name, rows[k].reg_no,
		         rows[k].subsidy_end, rows[k].employer, rows[k].title);
	free(rows);
	return rc;
}

static int referrals_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                             struct jy_err *err)
{
	struct referral_stale_row *rows;
	int n, total, cap = 0, rc = referral_stale(db, asof, days, out->keep, &rows, &n, &total, err);
	for (int k = 0; !rc && k < n; k++)
		job_item(out, &cap, rows[k].id, rows[k].resident_id, rows[k].name, rows[k].reg_no,
		         rows[k].referred_on, rows[k].employer, rows[k].title);
	free(rows);
	if (!rc)
		out->total = total;
	return rc;
}

/* Completers still waiting for work whose six-month window closes within days of asof: the
 * office checks on them before it does. */
static int outcomes_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                            struct jy_err *err)
{
	struct enrol_row *rows;
	int n, cap = 0;
	int rc = outcome_due(db, asof, days, &rows, &n, err);
	for (int k = 0; !rc && k < n; k++) {
		struct due_item *it = due_item_add(out, &cap);
		it->id = rows[k].id;
		it->resident_id = rows[k].resident_id;
		copy(it->who, sizeof it->who, rows[k].name);
		copy(it->date, sizeof it->date, rows[k].window_end);
		copy(it->what, sizeof it->what, rows[k].course_name);
	}
	free(rows);
	return rc;
}

struct loan_ctx {
	struct due_list *out;
	int cap;
};

static int loan_add(void *arg, const struct enterprise_row *r)
{
	struct loan_ctx *c = arg;
	struct due_item *it = due_item_add(c->out, &c->cap);
	it->id = r->id;
	it->resident_id = r->resident_id;
	copy(it->who, sizeof it->who, r->name);
	copy(it->ref, sizeof it->ref, r->code);
	copy(it->date, sizeof it->date, r->due);
	snprintf(it->what, sizeof it->what, "%s %s", r->state, r->what);
	return 0;
}

/* Start-up loans to be repaid within days, or overdue (the enterprise part's due list). */
static int loans_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                         struct jy_err *err)
{
	struct loan_ctx c = { out, 0 };
	return loan_due_each(db, asof, days, NULL, loan_add, &c, err);
}

/* Mentoring pairs running with no contact for days days (pair.contact_days): the pair's number,
 * its last contact (or its start, when none yet), the woman helped and her helper; Enter opens
 * her page. */
static int pairs_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                         struct jy_err *err)
{
	struct pair_row *rows = NULL;
	int n = 0, cap = 0;
	int rc = pair_due(db, asof, days, &rows, &n, err);
	for (int k = 0; !rc && k < n; k++) {
		struct due_item *it = due_item_add(out, &cap);
		it->id = rows[k].id;
		it->resident_id = rows[k].resident_id;
		/* the pair's number where a list shows who (a registration number's column is narrower) */
		copy(it->who, sizeof it->who, rows[k].pair_no);
		copy(it->date, sizeof it->date, rows[k].last[0] ? rows[k].last : rows[k].start);
		copy(it->community, sizeof it->community, rows[k].community);
		snprintf(it->what, sizeof it->what, rows[k].last[0] ? _("%s with %s: no contact for %d days")
		                                                    : _("%s with %s: no contact since it "
		                                                        "started, %d days"),
		         rows[k].name, rows[k].helper, rows[k].quiet_days);
	}
	free(rows);
	return rc;
}

/* Migrant women on the roster not checked this month (migrant.check_days 0) or for days days: her
 * name and registration number, her last check (or the day she joined, when none yet), where she
 * is from and her employer; Enter opens her page. */
static int migrants_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                            struct jy_err *err)
{
	struct migrant_row *rows = NULL;
	int n = 0, cap = 0;
	int rc = migrant_due(db, asof, days, &rows, &n, err);
	for (int k = 0; !rc && k < n; k++) {
		struct due_item *it = due_item_add(out, &cap);
		it->id = rows[k].id;
		it->resident_id = rows[k].resident_id;
		copy(it->who, sizeof it->who, rows[k].name);
		copy(it->ref, sizeof it->ref, rows[k].reg_no);
		copy(it->date, sizeof it->date, rows[k].last[0] ? rows[k].last : rows[k].joined);
		copy(it->community, sizeof it->community, rows[k].community);
		snprintf(it->what, sizeof it->what, rows[k].last[0] ? _("from %s, works at %s")
		                                                    : _("from %s, works at %s; not checked "
		                                                        "since she joined"),
		         rows[k].origin, rows[k].employer[0] ? rows[k].employer : "-");
	}
	free(rows);
	return rc;
}

/* Rights cases past their time limit or within case.near_days of it: the number, the limit, the
 * type (a case's text and whose it is stay on its page, for its readers). */
static int cases_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                         struct jy_err *err)
{
	struct case_row *rows = NULL;
	int n = 0, cap = 0, near = 5;
	(void)days;
	int rc = case_due(db, asof, &rows, &n, &near, err);
	for (int k = 0; !rc && k < n; k++) {
		if (!rows[k].has_limit || rows[k].days_left > near)
			continue;
		struct due_item *it = due_item_add(out, &cap);
		it->id = rows[k].id;
		copy(it->who, sizeof it->who, rows[k].case_no);
		copy(it->date, sizeof it->date, rows[k].limit);
		copy(it->community, sizeof it->community, rows[k].community);
		if (rows[k].days_left < 0)
			snprintf(it->what, sizeof it->what, _("%d days past its limit"), -rows[k].days_left);
		else
			snprintf(it->what, sizeof it->what, _("%d days left"), rows[k].days_left);
	}
	free(rows);
	return rc;
}

struct draft_ctx {
	struct due_list *out;
	int cap;
	char since[11];
};

static int draft_add(void *arg, const struct draft_row *d)
{
	struct draft_ctx *c = arg;
	if (c->since[0] && strncmp(d->saved_at, c->since, 10) > 0)
		return 0;
	struct due_item *it = due_item_add(c->out, &c->cap);
	it->id = d->record_id;
	copy(it->who, sizeof it->who, d->form);
	snprintf(it->date, sizeof it->date, "%.10s", d->saved_at);
	copy(it->what, sizeof it->what,
	     d->record_id ? _("a change not saved") : _("a new record not saved"));
	return 0;
}

/* Her own drafts left days or more ago (0: every one). */
static int drafts_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                          struct jy_err *err)
{
	struct draft_ctx c = { out, 0, "" };
	if (days > 0)
		date_add_days(asof, -days, c.since);
	return draft_each(db, draft_add, &c, err);
}

struct pending_ctx {
	struct due_list *out;
	int cap;
	char since[11];
};

static int pending_add(void *arg, const struct pending_row *p)
{
	struct pending_ctx *c = arg;
	if (c->since[0] && strncmp(p->requested_at, c->since, 10) > 0)
		return 0;
	struct due_item *it = due_item_add(c->out, &c->cap);
	it->id = p->id;
	it->resident_id = p->resident_id;
	copy(it->who, sizeof it->who, p->name);
	copy(it->ref, sizeof it->ref, p->reg_no);
	snprintf(it->date, sizeof it->date, "%.10s", p->requested_at);
	snprintf(it->what, sizeof it->what, _("requested by %s"), p->requested_by);
	return 0;
}

/* Requests waiting days or more (0: every one) for a reviewer who may decide them. */
static int pending_collect(struct jy_db *db, const char *asof, int days, struct due_list *out,
                           struct jy_err *err)
{
	struct pending_ctx c = { out, 0, "" };
	if (days > 0)
		date_add_days(asof, -days, c.since);
	return pending_each(db, pending_add, &c, err);
}

static const struct due_source builtin[] = {
	{ "visits", N_("home visits due this quarter"), "due.visit_days", 0, OP_VIEW, visits_collect },
	{ "subsidies", N_("subsidies ending"), "jobs.subsidy_due_days", 60, OP_VIEW, subsidies_collect },
	{ "referrals", N_("referrals without feedback"), "jobs.feedback_days", 14, OP_VIEW,
	  referrals_collect },
	{ "outcomes", N_("six-month checks of trainees"), "due.outcome_days", 30, OP_VIEW,
	  outcomes_collect },
	{ "certificates", N_("certificates to issue"), "due.certificate_days", 0, OP_VIEW,
	  certs_collect },
	{ "loans", N_("loans falling due"), "loan.due_days", 60, OP_VIEW, loans_collect },
	{ "cases", N_("rights cases near or past their limit"), "case.near_days", 5, OP_VIEW,
	  cases_collect },
	{ "pairs", N_("mentoring pairs without contact"), "pair.contact_days", 90, OP_VIEW,
	  pairs_collect },
	{ "drafts", N_("unfinished drafts"), "due.draft_days", 0, -1, drafts_collect },
	{ "approvals", N_("changes waiting for a reviewer"), "due.approval_days", 0, OP_APPROVE,
	  pending_collect },
	{ "cert_review", N_("certificates to review or ending"), "due.cert_review_days", 30, OP_VIEW,
	  cert_review_collect },
	/* after the lists the screens already name by their letters */
	{ "migrants", N_("migrant women to check this month"), "migrant.check_days", 0, OP_VIEW,
	  migrants_collect },
};

enum { SOURCES_MAX = 32 };
static const struct due_source *sources[SOURCES_MAX];
static int nsources;

static void sources_init(void)
{
	if (nsources)
		return;
	for (size_t k = 0; k < ARRAY_LEN(builtin); k++)
		sources[nsources++] = &builtin[k];
}

int due_register(const struct due_source *src)
{
	sources_init();
	for (int k = 0; k < nsources; k++)
		if (sources[k] == src)
			return 0;
	if (nsources == SOURCES_MAX)
		return -1;
	sources[nsources++] = src;
	return 0;
}

const struct due_source *const *due_sources(int *n)
{
	sources_init();
	*n = nsources;
	return sources;
}

/* ---- one unit's communities ------------------------------------------------------------------ */

struct unit_set {
	int all;
	int n;
	char (*code)[32];
};

/* The communities of unit (itself, its children and theirs: county > street > community). */
static int unit_set_load(struct jy_db *db, const char *unit, struct unit_set *u, struct jy_err *err)
{
	memset(u, 0, sizeof *u);
	if (!unit || text_is_blank(unit)) {
		u->all = 1;
		return JY_OK;
	}
	sqlite3_stmt *st = db_prepare(db,
		"WITH top(code) AS (SELECT code FROM unit WHERE code = ?1 OR name = ?1 LIMIT 1) "
		"SELECT code FROM unit WHERE code IN (SELECT code FROM top) "
		"OR parent IN (SELECT code FROM top) "
		"OR parent IN (SELECT code FROM unit WHERE parent IN (SELECT code FROM top))", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (u->n == cap)
			u->code = xrealloc(u->code, sizeof *u->code * (size_t)(cap = cap ? cap * 2 : 16));
		db_col_copy(st, 0, u->code[u->n++], sizeof u->code[0]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(u->code);
		return db_fail(db, err, _("reading the units"));
	}
	if (!u->n)
		return err_set(err, JY_EINVAL, "--unit",
		               _("no unit \"%s\": give a community, street or county by its name or code"),
		               unit);
	return JY_OK;
}

static int unit_set_has(const struct unit_set *u, const char *community)
{
	if (u->all)
		return 1;
	for (int k = 0; k < u->n; k++)
		if (strcmp(u->code[k], community) == 0)
			return 1;
	return 0;
}

/* The community of each item about a resident that its source did not give. */
static int items_community(struct jy_db *db, struct due_list *l, struct jy_err *err)
{
	for (int k = 0; k < l->n; k++) {
		struct due_item *it = &l->items[k];
		if (it->community[0] || !it->resident_id)
			continue;
		sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(community, '') FROM resident WHERE id = ?1",
		                              err);
		if (!st)
			return JY_EDB;
		sqlite3_bind_int64(st, 1, it->resident_id);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			db_col_copy(st, 0, it->community, sizeof it->community);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(db, err, _("reading the residents"));
	}
	return JY_OK;
}

/* Keep the items of the unit's communities; a worker's own draft of a new record has none and
 * stays. */
static void items_filter(struct due_list *l, const struct unit_set *u)
{
	int k = 0;
	for (int i = 0; i < l->n; i++) {
		const struct due_item *it = &l->items[i];
		if (it->resident_id && !unit_set_has(u, it->community))
			continue;
		l->items[k++] = *it;
	}
	l->n = k;
}

/* One list: its days, its items (the first l->keep of them when keep is set), their
 * communities, those of the unit. */
static int list_collect(struct jy_db *db, const char *asof, const struct unit_set *u,
                        struct due_list *l, struct jy_err *err)
{
	l->n = l->total = 0;
	int rc = db_setting_int(db, l->src->setting, l->src->days_def, &l->days, err);
	if (!rc)
		rc = l->src->collect(db, asof, l->days, l, err);
	if (!rc)
		rc = items_community(db, l, err);
	if (!rc && !u->all) {
		items_filter(l, u);
		l->total = l->n;        /* with a unit every item is kept */
	}
	return rc;
}

int due_collect(struct jy_db *db, const char *asof, const char *unit, int keep,
                struct due_list **lists, int *n, struct jy_err *err)
{
	*lists = NULL;
	*n = 0;
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	struct unit_set u;
	int rc = unit_set_load(db, unit, &u, err);
	if (rc)
		return rc;
	int ns;
	const struct due_source *const *src = due_sources(&ns);
	*lists = xcalloc((size_t)ns, sizeof **lists);
	for (int k = 0; k < ns && !rc; k++) {
		if (src[k]->op >= 0 && !access_may(db, src[k]->op))
			continue;       /* not hers to see: the list is not there at all */
		struct due_list *l = &(*lists)[(*n)++];
		l->src = src[k];
		l->keep = u.all ? keep : 0;
		rc = list_collect(db, asof, &u, l, err);
	}
	free(u.code);
	if (rc)
		due_free(lists, *n);
	if (rc)
		*n = 0;
	return rc;
}

int due_reload(struct jy_db *db, const char *asof, struct due_list *l, struct jy_err *err)
{
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	FREE(&l->items);
	l->keep = 0;
	struct unit_set all = { .all = 1 };
	return list_collect(db, asof, &all, l, err);
}

void due_free(struct due_list **lists, int n)
{
	if (!*lists)
		return;
	for (int k = 0; k < n; k++)
		free((*lists)[k].items);
	FREE(lists);
}

char *due_title(const struct due_list *l)
{
	const char *label = _(l->src->label);
	if (l->days > 0)
		return xasprintf(_("%s (%d days): %d"), label, l->days, l->total);
	return xasprintf(_("%s: %d"), label, l->total);
}
