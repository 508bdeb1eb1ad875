/* tui/admin/screen_audit.c: the audit trail (设置 > 审计记录): every
 * change, viewing, import, export and login, newest first, a page at a time. F3 filters by worker,
 * resident or record number, field, event and period; Enter shows one row whole (the old and the
 * new value of each field: a viewing of full values, itself recorded); F7 writes the rows as
 * filtered to a file (field names, never values). Core (audit.c) does the querying; who may come
 * here is core's too (OP_AUDIT, checked by the 设置 menu). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

/* The workers' word for each kind of record in the trail. */
static const char *entity_word(const char *entity)
{
	static const struct {
		const char *entity, *word;
	} words[] = {
		{ "resident", "居民" }, { "residents", "居民名单" }, { "course", "培训班" },
		{ "courses", "培训班名单" }, { "enrolment", "报名" }, { "enrolments", "报名名单" },
		{ "session", "课次" }, { "employer", "用人单位" }, { "employers", "单位名单" },
		{ "posting", "岗位" }, { "jobs", "岗位名单" }, { "referral", "推荐" },
		{ "referrals", "推荐名单" }, { "placement", "安置" }, { "fair", "招聘会" },
		{ "worker", "经办人" }, { "history", "审计记录" }, { "certificate", "证件" },
		{ "status_event", "就业状态" }, { "visit", "走访" }, { "project", "创业项目" },
		{ "projects", "创业项目名单" }, { "loan", "贷款" }, { "loans", "贷款名单" },
		{ "rights_case", "维权案件" }, { "cases", "维权案件名单" },
		{ "broker", "经纪人" }, { "brokers", "经纪人名单" }, { "outlet", "网点" },
		{ "outlets", "网点名单" }, { "fee", "加工费" }, { "fees", "加工费台账" },
	};
	for (size_t i = 0; entity && i < ARRAY_LEN(words); i++)
		if (strcmp(words[i].entity, entity) == 0)
			return words[i].word;
	return entity ? entity : "";
}

struct arow {
	int64_t seq, entity_id;
	char at[20];            /* 2026-11-23 22:26:12 */
	char worker[48], os_user[32], src[48], event[12], entity[16], result[40];
	char fields[200];       /* labels, 、-separated */
	int role;
};

enum { AF_WORKER, AF_RECORD, AF_FIELD, AF_EVENT, AF_FROM, AF_TO, AF_N };
static const char *const filter_labels[AF_N] = {
	"经办人", "居民或编号", "字段", "事件", "起始日期", "截止日期",
};

struct audit_scr {
	struct screen s;
	struct jy_db *db;
	struct list list;
	char *f[AF_N];          /* the filter as typed */
};

static const int audit_acts[] = {
	ACT_SEARCH, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

static void audit_filter_of(const struct audit_scr *a, struct audit_filter *f)
{
	*f = (struct audit_filter){
		a->f[AF_WORKER], a->f[AF_RECORD], a->f[AF_FIELD], a->f[AF_EVENT], a->f[AF_FROM], a->f[AF_TO],
	};
}

/* "联系电话、家庭住址" from "phone,address". */
static void fields_words(const char *entity, const char *cols, char *out, size_t size)
{
	struct jy_buf b = { 0 };
	for (const char *p = cols; p && *p;) {
		size_t n = strcspn(p, ",");
		char *col = xstrndup(p, n);
		buf_adds(&b, b.len ? "、" : "");
		buf_adds(&b, audit_field_label(entity, col));
		free(col);
		p += n + (p[n] == ',');
	}
	snprintf(out, size, "%s", b.s ? b.s : "");
	buf_free(&b);
}

struct page_rows {
	struct arow *rows;
	int n;
};

static int take_row(void *arg, const struct history_entry *h)
{
	struct page_rows *p = arg;
	struct arow *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	r->seq = h->seq;
	r->entity_id = h->entity_id;
	r->role = h->role;
	snprintf(r->at, sizeof r->at, "%.19s", h->at ? h->at : "");
	if (r->at[10] == 'T')
		r->at[10] = ' ';
	snprintf(r->worker, sizeof r->worker, "%s", h->worker ? h->worker : "");
	snprintf(r->os_user, sizeof r->os_user, "%s", h->os_user ? h->os_user : "");
	snprintf(r->src, sizeof r->src, "%s", h->src ? h->src : "");
	snprintf(r->event, sizeof r->event, "%s", h->event ? h->event : "");
	snprintf(r->entity, sizeof r->entity, "%s", h->entity ? h->entity : "");
	snprintf(r->result, sizeof r->result, "%s", h->result ? h->result : "");
	fields_words(h->entity, h->fields, r->fields, sizeof r->fields);
	return 0;
}

static int audit_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
                       int *more, char next[128], struct jy_err *err)
{
	struct audit_scr *a = arg;
	(void)query;
	struct audit_filter f;
	audit_filter_of(a, &f);
	struct page_rows p = { xcalloc((size_t)limit, sizeof *p.rows), 0 };
	int64_t after = 0;
	int rc = audit_page(a->db, &f, cursor ? strtoll(cursor, NULL, 10) : 0, limit, take_row, &p, &after, err);
	*rows = p.rows;
	*n = p.n;
	*more = after != 0;
	snprintf(next, 128, "%lld", (long long)after);
	return rc;
}

static int64_t audit_row_id(const void *row)
{
	return ((const struct arow *)row)->seq;
}

/* At 80: 16 time, 8 worker, 6 event, 14 record, the fields the rest, 6 result. */
struct acols {
	int at, worker, event, record, fields, result;
};

static void acols_for(int w, struct acols *c)
{
	*c = (struct acols){ 16, 8, 6, 14, 0, 6 };
	c->fields = w - (1 + 16 + 8 + 6 + 14 + 6 + 6);
	if (c->fields > 40) {
		int extra = c->fields - 40;
		c->fields = 40;
		c->worker += extra / 3;
		c->record += extra / 3;
		c->result += extra - 2 * (extra / 3);
	}
}

static void audit_header(struct ui *ui, void *arg, int y, int x, int w)
{
	struct acols c;
	(void)arg;
	acols_for(w, &c);
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, c.at, "时间", ST_HEADER);
	x = ui_col(ui, y, x, c.worker, "经办人", ST_HEADER);
	x = ui_col(ui, y, x, c.event, "事件", ST_HEADER);
	x = ui_col(ui, y, x, c.record, "对象", ST_HEADER);
	x = ui_col(ui, y, x, c.fields, "字段", ST_HEADER);
	ui_col(ui, y, x, c.result, "结果", ST_HEADER);
}

static const char *result_word(const char *result)
{
	return strcmp(result, "ok") == 0 ? "成功" : "失败";
}

/* "居民 #12", or the kind alone when the event is about no one record (a login, a file). */
static void record_word(const struct arow *r, char *out, size_t size)
{
	if (r->entity_id)
		snprintf(out, size, "%s #%lld", entity_word(r->entity), (long long)r->entity_id);
	else
		snprintf(out, size, "%s", strcmp(r->entity, "session") == 0 ? "" : entity_word(r->entity));
}

static void audit_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct arow *r = row;
	struct acols c;
	char rec[64];
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	acols_for(w, &c);
	record_word(r, rec, sizeof rec);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	char at[17];
	snprintf(at, sizeof at, "%.16s", r->at);        /* to the minute; Enter shows the seconds */
	x = ui_col(ui, y, x, c.at, at, hs);
	x = ui_col(ui, y, x, c.worker, r->worker, hs);
	/* full values shown and files written stand out: what an auditor looks for first */
	int es = sel ? hs : strcmp(r->event, "view") == 0 || strcmp(r->event, "export") == 0 ? ST_WARN : ST_NORMAL;
	x = ui_col(ui, y, x, c.event, audit_event_label(r->event), es);
	x = ui_col(ui, y, x, c.record, rec, hs);
	x = ui_col(ui, y, x, c.fields, r->fields, hs);
	ui_col(ui, y, x, c.result, result_word(r->result), strcmp(r->result, "ok") ? ST_ERROR : hs);
}

/* ---- F7: the rows as filtered, to a file (field names, never values) ---------------------------- */

static const struct sheet_col audit_file_cols[] = {
	{ "序号", SC_INT, 0 }, { "时间", SC_TEXT, 20 }, { "经办人", SC_TEXT, 0 }, { "系统用户", SC_TEXT, 0 },
	{ "来源地址", SC_TEXT, 16 }, { "角色", SC_TEXT, 0 }, { "事件", SC_TEXT, 0 }, { "对象", SC_TEXT, 0 },
	{ "编号", SC_INT, 0 }, { "字段", SC_TEXT, 30 }, { "结果", SC_TEXT, 0 },
};

static void audit_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct arow *r = row;
	(void)ui;
	(void)arg;
	cells[0] = xasprintf("%lld", (long long)r->seq);
	cells[1] = xstrdup(r->at);
	cells[2] = xstrdup(r->worker);
	cells[3] = xstrdup(r->os_user);
	cells[4] = xstrdup(r->src);
	cells[5] = r->role ? xstrdup(role_label(r->role)) : NULL;
	cells[6] = xstrdup(audit_event_label(r->event));
	cells[7] = xstrdup(entity_word(r->entity));
	cells[8] = r->entity_id ? xasprintf("%lld", (long long)r->entity_id) : NULL;
	cells[9] = xstrdup(r->fields);
	cells[10] = xstrdup(r->result);
}

static const struct list_export audit_to_file = {
	"审计记录", audit_file_cols, (int)ARRAY_LEN(audit_file_cols), audit_file_cells, NULL,
};

/* ---- one row whole ------------------------------------------------------------------------------ */

struct adetail {
	struct screen s;
	int64_t seq;
	char *title;
	struct page page;
};

static const int adetail_acts[] = { ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0 };

struct adetail_build {
	struct ui *ui;
	struct adetail *d;
	const char *entity;
	int done;
	struct jy_err *err;     /* why a value could not be shown (the walk stops with JY_EDB) */
};

static int detail_change(void *arg, const struct field_change *c)
{
	struct adetail_build *b = arg;
	const struct field_def *fd = audit_field_def(b->entity, c->key);
	char *so = NULL, *sn = NULL;
	int rc = JY_OK;
	if (!fd) {
		so = xstrdup(c->old ? c->old : "");
		sn = xstrdup(c->now ? c->now : "");
	} else if (!(rc = field_show(b->ui->db, fd, c->old, &so, b->err))) {
		rc = field_show(b->ui->db, fd, c->now, &sn, b->err);
	}
	if (!rc)
		page_change(&b->d->page, audit_field_label(b->entity, c->key), c->old != NULL,
		            *so ? so : "-", *sn ? sn : "-");
	free(so);
	free(sn);
	return rc;
}

static void detail_line(struct page *p, const char *label, const char *value)
{
	char *pad = text_fit_pad(label, 10);     /* columns, not bytes: the labels are Chinese */
	char *t = xasprintf("%s %s", pad, value && *value ? value : "-");
	page_wrapped(p, 11, ST_NORMAL, t);
	free(t);
	free(pad);
}

static int detail_row(void *arg, const struct history_entry *h)
{
	struct adetail_build *b = arg;
	struct page *p = &b->d->page;
	char seq[24], rec[80], fields[400];
	if (h->seq != b->d->seq)
		return 0;       /* the row is no longer hers to read (its resident moved away) */
	b->done = 1;
	snprintf(seq, sizeof seq, "%lld", (long long)h->seq);
	if (h->entity_id)
		snprintf(rec, sizeof rec, "%s #%lld", entity_word(h->entity), (long long)h->entity_id);
	else
		snprintf(rec, sizeof rec, "%s", entity_word(h->entity));
	fields_words(h->entity, h->fields, fields, sizeof fields);
	char *who = xasprintf("%s (%s)", h->worker ? h->worker : "-", h->os_user ? h->os_user : "-");
	detail_line(p, "序号", seq);
	detail_line(p, "时间", h->at);
	detail_line(p, "经办人", who);
	detail_line(p, "角色", h->role ? role_label(h->role) : "");
	detail_line(p, "来源地址", h->src);
	detail_line(p, "事件", audit_event_label(h->event));
	detail_line(p, "对象", rec);
	detail_line(p, "字段", fields);
	detail_line(p, "结果", h->result && strcmp(h->result, "ok") == 0 ? "成功" : h->result);
	free(who);
	if (h->changes && *h->changes == '{' && strstr(h->changes, "\":[")) {
		page_section(p, _("Values before and after"));
		b->entity = h->entity;
		return field_changes_each(h->changes, detail_change, b);
	}
	return 0;
}

static void adetail_build(struct ui *ui, struct adetail *d, int w)
{
	page_clear(&d->page, w);
	struct jy_err err = { 0 };
	struct adetail_build b = { ui, d, NULL, 0, &err };
	struct audit_filter all = { 0 };
	int64_t next;
	if (audit_page(ui->db, &all, d->seq + 1, 1, detail_row, &b, &next, &err) != JY_OK)
		page_line(&d->page, ST_ERROR, 0, err.msg);
	else if (!b.done)
		page_line(&d->page, ST_ERROR, 0,
		          _("This row is about a record outside your communities."));
}

static void adetail_draw(struct ui *ui, struct screen *s)
{
	struct adetail *d = (struct adetail *)s;
	int w = ui->cols - 2;
	if (d->page.w != w)
		adetail_build(ui, d, w);
	ui_title(ui, d->title);
	page_draw(ui, &d->page);
}

static int adetail_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct adetail *d = (struct adetail *)s;
	if (ev->act == ACT_BACK)
		return SK_HANDLED | SK_POP;
	struct ui_event line = *ev;
	line.key = 0;           /* no sections to jump between: Tab moves a line */
	return page_key(ui, &d->page, &line);
}

static void adetail_leave(struct ui *ui, struct screen *s)
{
	struct adetail *d = (struct adetail *)s;
	(void)ui;
	page_free(&d->page);
	free(d->title);
	free(d);
}

static const struct screen_ops adetail_ops = {
	.name = "audit-row", .acts = adetail_acts,
	.draw = adetail_draw, .key = adetail_key, .leave = adetail_leave,
};

/* The old and new values are full values: reading them is recorded. */
static void adetail_open(struct ui *ui, const struct arow *r)
{
	struct jy_err err = { 0 };
	if (audit_note(ui->db, "view", r->entity, r->entity_id, NULL, NULL, JY_OK, &err) != JY_OK) {
		ui_err(ui, &err);       /* not recorded, not shown */
		return;
	}
	struct adetail *d = xcalloc(1, sizeof *d);
	d->s.ops = &adetail_ops;
	d->seq = r->seq;
	d->title = xasprintf("%s > %s > %lld", _("Settings"), _("Audit trail"), (long long)r->seq);
	ui_push(ui, &d->s);
}

/* ---- F3: the filter ------------------------------------------------------------------------------- */

struct afilter {
	struct screen s;
	struct audit_scr *a;
	struct form form;
};

static const int afilter_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, 0
};

static int afilter_apply(struct ui *ui, struct afilter *fl)
{
	field_leave(ui, &fl->form.f[fl->form.focus]);
	const char *v[AF_N];
	for (int i = 0; i < AF_N; i++)
		v[i] = field_value(&fl->form.f[i]);
	struct audit_filter f = { v[AF_WORKER], v[AF_RECORD], v[AF_FIELD], v[AF_EVENT], v[AF_FROM], v[AF_TO] };
	struct jy_err err = { 0 };
	int64_t next;
	struct page_rows none = { NULL, 0 };
	int rc = audit_page(ui->db, &f, 0, 0, take_row, &none, &next, &err);
	if (rc == JY_EINVAL) {
		form_show_err(ui, &fl->form, &err);
		return SK_HANDLED;
	}
	if (rc != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	for (int i = 0; i < AF_N; i++)
		xstrset(&fl->a->f[i], *v[i] ? v[i] : NULL);
	list_query(&fl->a->list, "");
	return SK_HANDLED | SK_POP;
}

static int afilter_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct afilter *fl = (struct afilter *)s;
	int r = form_key(ui, &fl->form, ev);
	if (r)
		return r;
	switch (ev->act) {
	case ACT_SAVE:
		return afilter_apply(ui, fl);
	case ACT_BACK:
		return SK_HANDLED | SK_POP;     /* nothing is lost: the filter stays as it was */
	default:
		return 0;
	}
}

static void afilter_draw(struct ui *ui, struct screen *s)
{
	struct afilter *fl = (struct afilter *)s;
	char *where = xasprintf("%s > %s > %s", _("Settings"), _("Audit trail"), _("Filter"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("Empty fields filter nothing. F2 shows the rows that match; Esc "
	                                 "leaves the filter as it was."), ST_HINT);
	ui_put(ui, 2, 1, ui->cols - 2, _("Events: 查看 新建 修改 注销 导出 导入 登录 锁定; a resident by name, "
	                                 "ID number or record number"), ST_HINT);
	form_draw(ui, &fl->form, 4, 0, ui->lines - 6, ui->cols);
	form_hint(ui, &fl->form);
}

static void afilter_leave(struct ui *ui, struct screen *s)
{
	struct afilter *fl = (struct afilter *)s;
	(void)ui;
	form_free(&fl->form);
	free(fl);
}

static const struct screen_ops afilter_ops = {
	.name = "audit-filter", .acts = afilter_acts,
	.draw = afilter_draw, .key = afilter_key, .leave = afilter_leave,
};

static void afilter_open(struct ui *ui, struct audit_scr *a)
{
	struct afilter *fl = xcalloc(1, sizeof *fl);
	fl->s.ops = &afilter_ops;
	fl->a = a;
	form_init(&fl->form, AF_N);
	for (int i = 0; i < AF_N; i++) {
		int kind = i == AF_FROM || i == AF_TO ? FK_DATE : FK_TEXT;
		field_init(&fl->form.f[i], filter_labels[i], kind, NULL, kind == FK_DATE ? 10 : 40, 0);
		if (a->f[i])
			field_set(ui, &fl->form.f[i], a->f[i]);
	}
	ui_push(ui, &fl->s);
}

/* ---- the list ----------------------------------------------------------------------------------- */

/* "经办人 李静 · 事件 查看 · 2026-01-01 至 2026-03-31", or that nothing is filtered. */
static char *audit_summary(const struct audit_scr *a)
{
	struct jy_buf b = { 0 };
	for (int i = 0; i < AF_N; i++) {
		if (!a->f[i])
			continue;
		buf_addf(&b, "%s%s %s", b.len ? "  " : "", filter_labels[i], a->f[i]);
	}
	if (!b.len)
		return xstrdup(_("Every row, newest first. F3 filters by worker, resident, field, event and "
		                 "period."));
	char *s = xasprintf(_("Filter: %s (F3 changes it)"), b.s);
	buf_free(&b);
	return s;
}

static void audit_enter(struct ui *ui, struct screen *s)
{
	struct audit_scr *a = (struct audit_scr *)s;
	a->db = ui->db;
	struct list_src src = {
		.fetch = audit_fetch, .draw_row = audit_row, .draw_header = audit_header,
		.row_id = audit_row_id, .row_size = sizeof(struct arow), .arg = a,
	};
	list_init(&a->list, &src);
	list_query(&a->list, "");
}

static void audit_draw(struct ui *ui, struct screen *s)
{
	struct audit_scr *a = (struct audit_scr *)s;
	char *where = xasprintf("%s > %s", _("Settings"), _("Audit trail"));
	ui_title(ui, where);
	free(where);
	char *sum = audit_summary(a);
	ui_put(ui, 1, 1, ui->cols - 2, sum, ST_HINT);
	free(sum);
	list_draw(ui, &a->list, 2, 0, ui->lines - 4, ui->cols);
	if (!list_selected(&a->list) && !a->list.err[0])
		ui_put(ui, 4, 2, ui->cols - 4, _("No rows match the filter."), ST_HINT);
}

static int audit_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct audit_scr *a = (struct audit_scr *)s;
	switch (ev->act) {
	case ACT_SEARCH:
		afilter_open(ui, a);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct arow *r = list_selected(&a->list);
		if (r)
			adetail_open(ui, r);
		return SK_HANDLED;
	}
	case ACT_EXPORT:        /* list.c records the file in the trail, with its hash */
		list_export(ui, &a->list, &audit_to_file);
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &a->list, ev);
	}
}

/* Back on top: after F7, the export of the trail is itself a row of it. */
static void audit_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct audit_scr *)s)->list);
}

static void audit_leave(struct ui *ui, struct screen *s)
{
	struct audit_scr *a = (struct audit_scr *)s;
	(void)ui;
	list_free(&a->list);
	for (int i = 0; i < AF_N; i++)
		free(a->f[i]);
	free(a);
}

static const struct screen_ops audit_ops = {
	.name = "audit", .acts = audit_acts,
	.enter = audit_enter, .draw = audit_draw, .key = audit_key, .leave = audit_leave,
	.resume = audit_reload, .reload = audit_reload,
};

struct screen *audit_new(void)
{
	struct audit_scr *a = xcalloc(1, sizeof *a);
	a->s.ops = &audit_ops;
	return &a->s;
}
