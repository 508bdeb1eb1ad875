/* tui/screen_jobs_page.c: one record of the jobs module as a page — its fields, what belongs to it
 * (an employer's postings, a posting's referrals, a referral's steps and placement) and its change
 * history (who changed what, when) — built as lines once (on entry, after a change, on a new
 * width) and scrolled, as the resident's page is. Tab jumps to the next section. Each kind (an
 * employer, a posting, a referral, a fair) gives the lines and its own keys. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

static void jpage_clear(struct jpage *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->lines[i].text);
	p->n = 0;
}

void jpage_line(struct jpage *p, int style, int section, const char *text)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = xrealloc(p->lines, sizeof *p->lines * (size_t)p->cap);
	}
	p->lines[p->n++] = (struct jline){ xstrdup(text), style, section };
}

void jpage_wrapped(struct jpage *p, int w, int indent, int style, const char *text)
{
	char *lines[32];
	int n = ui_wrap(text, w - indent, lines, 32);
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%*s%s", i ? indent : 0, "", lines[i]);
		jpage_line(p, style, 0, t);
		free(t);
		free(lines[i]);
	}
	if (n == 0)
		jpage_line(p, style, 0, "");
}

void jpage_section(struct jpage *p, const char *title)
{
	jpage_line(p, ST_NORMAL, 0, "");
	jpage_line(p, ST_SECTION, 1, title);
}

/* The fields of a record, label: value, two columns where the terminal is wide enough. */
void jpage_record(struct ui *ui, struct jpage *p, const struct jobrec *r, int w)
{
	int n, lw = 0;
	const struct field_def *defs = jobrec_fields(r->type, &n);
	for (int f = 0; f < n; f++)
		if (text_width(defs[f].label) > lw)
			lw = text_width(defs[f].label);
	int two = w >= 110, colw = two ? (w - 2) / 2 : w;
	for (int f = 0; f < n; f += two ? 2 : 1) {
		struct jy_buf b = { 0 };
		for (int k = 0; k < (two ? 2 : 1) && f + k < n; k++) {
			char *v = jobrec_display(ui->db, r, f + k);
			char *pad = text_fit_pad(defs[f + k].label, lw);
			char *cell = xasprintf("%s  %s", pad, *v ? v : "-");
			if (two && k == 0) {
				char *c2 = text_fit_pad(cell, colw);
				buf_adds(&b, c2);
				free(c2);
			} else {
				buf_adds(&b, cell);
			}
			free(cell);
			free(pad);
			free(v);
		}
		jpage_wrapped(p, w, lw + 2, ST_NORMAL, b.s);
		buf_free(&b);
	}
}

/* ---- the change history: {"column":[old,new],...} ------------------------------------------- */

/* A JSON string or null at *p (the subset history.c writes); *p moves past it. Caller frees; NULL
 * for null. */
static char *json_value(const char **p)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (strncmp(s, "null", 4) == 0) {
		*p = s + 4;
		return NULL;
	}
	if (*s != '"') {
		size_t n = strcspn(s, ",]}");
		*p = s + n;
		return xstrndup(s, n);
	}
	struct jy_buf b = { 0 };
	buf_adds(&b, "");
	for (s++; *s && *s != '"'; s++) {
		if (*s != '\\') {
			buf_add(&b, s, 1);
			continue;
		}
		s++;
		if (*s == 'u' && strlen(s) >= 5) {
			buf_adds(&b, " ");
			s += 4;
		} else if (*s) {
			buf_add(&b, *s == 'n' || *s == 't' ? " " : s, 1);
		} else {
			break;
		}
	}
	*p = *s ? s + 1 : s;
	return buf_steal(&b);
}

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
		char *s = field_show(ui->db, fd, v);
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

static void hist_changes(struct ui *ui, struct jpage *p, int w, int type, const char *json)
{
	const char *s = json;
	while (s && *s) {
		const char *q = strchr(s, '"');
		const char *qe = q ? strchr(q + 1, '"') : NULL;
		if (!qe)
			break;
		char *key = xstrndup(q + 1, (size_t)(qe - q - 1));
		s = strchr(qe, '[');
		if (!s) {
			free(key);
			break;
		}
		s++;
		char *old = json_value(&s);
		while (*s == ',' || *s == ' ')
			s++;
		char *now = json_value(&s);
		s = strchr(s, ']');
		s = s ? s + 1 : NULL;
		if (old || now) {
			const char *label;
			char *so = hist_show(ui, type, key, old, &label), *sn = hist_show(ui, type, key, now, &label);
			char *t = old ? xasprintf("    %s: %s -> %s", label, so, sn) : xasprintf("    %s: %s", label, sn);
			jpage_wrapped(p, w, 6, ST_NORMAL, t);
			free(t);
			free(so);
			free(sn);
		}
		free(key);
		free(old);
		free(now);
	}
}

static const char *hist_action(const char *a)
{
	static const struct { const char *action, *label; } names[] = {
		{ "create", N_("created") }, { "update", N_("changed") }, { "referral", N_("referral") },
		{ "stage", N_("next step") }, { "hire", N_("hire") },
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(names[i].action, a) == 0)
			return _(names[i].label);
	return a;
}

struct hist_arg {
	struct ui *ui;
	struct jpage *p;
	int w, type, n;
};

static void hist_line(void *arg, const struct history_entry *h)
{
	struct hist_arg *a = arg;
	char at[17];
	snprintf(at, sizeof at, "%s", h->at ? h->at : "-");
	if (at[10] == 'T')
		at[10] = ' ';
	char *t = xasprintf("%s  %s (%s)  %s", at, h->worker ? h->worker : "-", h->os_user ? h->os_user : "-",
	                    hist_action(h->action));
	jpage_wrapped(a->p, a->w, 4, ST_HINT, t);
	free(t);
	if (h->changes)
		hist_changes(a->ui, a->p, a->w, a->type, h->changes);
	a->n++;
}

void jpage_history(struct ui *ui, struct jpage *p, int w, const char *entity, int type, int64_t id)
{
	struct hist_arg a = { ui, p, w, type, 0 };
	jpage_section(p, _("Change history: who changed what, when"));
	history_each(ui->db, entity, id, hist_line, &a);
	if (!a.n)
		jpage_line(p, ST_HINT, 0, _("none"));
}

/* ---- the screen ------------------------------------------------------------------------------ */

static void jpage_build(struct ui *ui, struct jpage *p, int w)
{
	jpage_clear(p);
	p->built_w = w;
	p->kind->build(ui, p, w);
}

static void jpage_enter(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	(void)ui;
	p->built_w = 0;
}

static void jpage_draw(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	int w = ui->cols - 2;
	if (p->built_w != w)
		jpage_build(ui, p, w);
	ui_title(ui, p->title ? p->title : "");
	int h = ui->lines - 3;
	if (p->top > p->n - h)
		p->top = p->n - h;
	if (p->top < 0)
		p->top = 0;
	for (int i = 0; i < h && p->top + i < p->n; i++) {
		struct jline *l = &p->lines[p->top + i];
		ui_put(ui, 1 + i, 1, w, l->text, l->style);
	}
	if (p->top > 0)
		ui_put(ui, 1, ui->cols - 3, 3, "^^^", ST_MARK);
	if (p->top + h < p->n)
		ui_put(ui, h, ui->cols - 3, 3, "vvv", ST_MARK);
}

static int jpage_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct jpage *p = (struct jpage *)s;
	int h = ui->lines - 3;
	int r = p->kind->key ? p->kind->key(ui, p, ev) : 0;
	if (r)
		return r;
	switch (ev->act) {
	case ACT_NEXT:
		if (ev->key == '\t') {
			for (int i = p->top + 1; i < p->n; i++)
				if (p->lines[i].section) {
					p->top = i;
					break;
				}
		} else {
			p->top++;
		}
		return SK_HANDLED;
	case ACT_PREV:
		if (ev->key == K_FN(KEY_BTAB)) {
			int t = 0;
			for (int i = p->top - 1; i >= 0; i--)
				if (p->lines[i].section) {
					t = i;
					break;
				}
			p->top = t;
		} else if (p->top > 0) {
			p->top--;
		}
		return SK_HANDLED;
	case ACT_PGDN:
		p->top += h - 1;
		return SK_HANDLED;
	case ACT_PGUP:
		p->top = p->top > h - 1 ? p->top - (h - 1) : 0;
		return SK_HANDLED;
	case ACT_HOME:
		p->top = 0;
		return SK_HANDLED;
	case ACT_END:
		p->top = p->n;
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return 0;
	}
}

static void jpage_resume(struct ui *ui, struct screen *s)
{
	(void)ui;
	((struct jpage *)s)->built_w = 0;     /* built again: something may have changed */
}

static void jpage_leave(struct ui *ui, struct screen *s)
{
	struct jpage *p = (struct jpage *)s;
	(void)ui;
	if (p->kind->leave)
		p->kind->leave(p);
	jpage_clear(p);
	free(p->lines);
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
