/* tui/jobs/screen_jobs_page.c: one record of the jobs module as a page — its fields, what belongs to it
 * (an employer's postings, a posting's referrals, a referral's steps and placement) and its change
 * history (who changed what, when) — built as lines once (on entry, after a change, on a new
 * width) and scrolled by tui/widget/page.c, as the resident's page is. Each kind (an
 * employer, a posting, a referral, a fair) gives the lines and its own keys. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

struct rec_arg {
	struct ui *ui;
	const struct jobrec *r;
};

static char *rec_value(void *arg, int f)
{
	struct rec_arg *a = arg;
	struct jy_err err = { 0 };
	char *v = NULL;
	if (jobrec_display(a->ui->db, a->r, f, &v, &err) != JY_OK) {
		ui_err(a->ui, &err);    /* the stored code stands in for its label */
		v = xstrdup(jobrec_get(a->r, f));
	}
	return v;
}

/* The fields of a record, label: value, two columns where the terminal is wide enough. */
void jpage_record(struct ui *ui, struct jpage *p, const struct jobrec *r)
{
	int n;
	const struct field_def *defs = jobrec_fields(r->type, &n);
	struct rec_arg a = { ui, r };
	page_fields(&p->page, defs, n, rec_value, &a);
}

/* ---- the change history: {"column":[old,new],...} ------------------------------------------- */

/* The keys the jobs module writes beside its records' own columns. */
static const struct {
	const char *key, *label, *list;
} hist_keys[] = {
	{ "resident", "居民", NULL }, { "posting", "岗位", NULL }, { "stage", "进展", "ref_stage" },
	{ "referred_on", "推荐日期", NULL }, { "stage_on", "进展日期", NULL }, { "consent", "本人同意", NULL },
	{ "note", "备注", NULL }, { "channel", "推荐方式", NULL }, { "form", "就业形式", "emp_form" },
	{ "start_date", "上岗日期", NULL }, { "employer", "就业单位", NULL }, { "subsidy_end", "补贴截止", NULL },
	{ "contract", "签订劳动合同", NULL }, { "end_date", "离岗日期", NULL }, { "end_reason", "离岗原因", NULL },
	{ "filled", "已招人数", NULL }, { "status", "状态", "posting_status" },
};

static char *hist_show(struct ui *ui, int type, const char *key, const char *v, const char **label)
{
	int f = type >= 0 ? jobrec_field_by_col(type, key) : -1;
	if (f >= 0) {
		const struct field_def *fd = &jobrec_fields(type, NULL)[f];
		*label = fd->label;
		char *s = NULL;
		struct jy_err err = { 0 };
		if (field_show(ui->db, fd, v, &s, &err) != JY_OK) {
			ui_err(ui, &err);       /* the stored code stands in for its label */
			s = xstrdup(v ? v : "");
		}
		if (!*s) {
			free(s);
			return xstrdup("-");
		}
		return s;
	}
	for (size_t i = 0; i < ARRAY_LEN(hist_keys); i++)
		if (strcmp(hist_keys[i].key, key) == 0) {
			*label = hist_keys[i].label;
			if (!v || !*v)
				return xstrdup("-");
			if (strcmp(key, "contract") == 0)
				return xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
			return xstrdup(hist_keys[i].list ? ui_code_label(ui, hist_keys[i].list, v) : v);
		}
	*label = key;
	return xstrdup(v && *v ? v : "-");
}

struct change_arg {
	struct ui *ui;
	struct jpage *p;
	int type;
};

/* One change of a history entry (core's field_changes_each reads the JSON). */
static int hist_change(void *arg, const struct field_change *ch)
{
	struct change_arg *c = arg;
	if (!ch->old && !ch->now)
		return 0;
	const char *label;
	char *so = hist_show(c->ui, c->type, ch->key, ch->old, &label);
	char *sn = hist_show(c->ui, c->type, ch->key, ch->now, &label);
	page_change(&c->p->page, label, ch->old != NULL, so, sn);
	free(so);
	free(sn);
	return 0;
}

static void hist_changes(struct ui *ui, struct jpage *p, int type, const char *json)
{
	struct change_arg c = { ui, p, type };
	field_changes_each(json, hist_change, &c);      /* hist_change never stops the walk */
}

struct hist_arg {
	struct ui *ui;
	struct jpage *p;
	int type, n;
};

static int hist_line(void *arg, const struct history_entry *h)
{
	struct hist_arg *a = arg;
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    history_action_label(h->entity, h->action));
	page_wrapped(&a->p->page, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		hist_changes(a->ui, a->p, a->type, h->changes);
	a->n++;
	return 0;
}

void jpage_history(struct ui *ui, struct jpage *p, const char *entity, int type, int64_t id)
{
	struct hist_arg a = { ui, p, type, 0 };
	struct jy_err err = { 0 };
	page_section(&p->page, _("Change history: who changed what, when"));
	if (history_each(ui->db, entity, id, hist_line, &a, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	} else if (!a.n) {
		page_line(&p->page, ST_HINT, 0, _("none"));
	}
}

/* ---- the screen ------------------------------------------------------------------------------ */

static void jpage_build(struct ui *ui, struct jpage *p, int w)
{
	page_clear(&p->page, w);
	p->kind->build(ui, p);
}

static void jpage_enter(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	(void)ui;
	p->page.w = 0;
}

static void jpage_draw(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	int w = ui->cols - 2;
	if (p->page.w != w)
		jpage_build(ui, p, w);
	ui_title(ui, p->title ? p->title : "");
	page_draw(ui, &p->page);
}

static int jpage_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jpage *p = (struct jpage *)s;
	int r = p->kind->key ? p->kind->key(ui, p, ev) : 0;
	if (r)
		return r;
	if (ev->act == ACT_BACK)
		return SK_HANDLED | SK_POP;
	return page_key(ui, &p->page, ev);
}

static void jpage_resume(struct ui *ui, struct screen *s)
{
	(void)ui;
	((struct jpage *)s)->page.w = 0;     /* built again: something may have changed */
}

static void jpage_leave(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	(void)ui;
	if (p->kind->leave)
		p->kind->leave(p);
	page_free(&p->page);
	free(p->title);
	free(p);
}

static const struct screen_ops jpage_ops_proto = {
	.enter = jpage_enter, .draw = jpage_draw, .key = jpage_key, .leave = jpage_leave,
	.resume = jpage_resume, .reload = jpage_resume,
};

struct screen *jpage_new(const struct jpage_kind *kind, int64_t id)
{
	struct jpage *p = xcalloc(1, sizeof *p);
	p->ops = jpage_ops_proto;
	p->ops.name = kind->name;
	p->ops.acts = kind->acts;
	p->s.ops = &p->ops;
	p->kind = kind;
	p->id = id;
	return &p->s;
}
