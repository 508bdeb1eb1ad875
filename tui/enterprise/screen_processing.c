/* tui/enterprise/screen_processing.c: 来料加工 on the 创业与贷款 screen: a broker's form, an
 * outlet's or base's form, and an outlet's fee ledger, a month entered row after row: her ID
 * number, the product, the pieces and the fee, F2, and the form is ready for the next woman with
 * the month and the product kept, the month's count and total above it. The forms are kept as
 * drafts as they are typed (screen_eform.c). The rules are core's (core/enterprise/processing.c). */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_enterprise.h"

/* ---- a broker ---------------------------------------------------------------------------------- */

static const struct entform_field broker_form_fields[] = {
	{ "姓名", FK_TEXT, NULL, 20, FF_REQ }, { "身份证号", FK_IDNO, NULL, 18, 0 },
	{ "联系电话", FK_PHONE, NULL, 20, 0 }, { "所在村社区", FK_UNIT, NULL, 32, 0 },
	{ "加工产品", FK_TEXT, NULL, 60, 0 }, { "新发展年份", FK_TEXT, NULL, 4, 0 },
	{ "优秀经纪人", FK_BOOL, NULL, 2, 0 }, { "县实用人才库", FK_BOOL, NULL, 2, 0 },
	{ "起始日期", FK_DATE, NULL, 10, 0 }, { "停止日期", FK_DATE, NULL, 10, 0 },
	{ "备注", FK_TEXT, NULL, 200, 0 },
};
static const int broker_form_map[] = {
	BF_NAME, BF_IDNO, BF_PHONE, BF_UNIT, BF_PRODUCTS, BF_NEWYEAR, BF_EXCELLENT, BF_TALENT,
	BF_SINCE, BF_ENDON, BF_NOTE,
};
static const struct entform_field outlet_form_fields[] = {
	{ "名称", FK_TEXT, NULL, 60, FF_REQ }, { "类型", FK_CODE, "outlet_kind", 10, FF_REQ },
	{ "级别", FK_CODE, "base_level", 10, 0 }, { "所在村社区", FK_UNIT, NULL, 32, 0 },
	{ "地址", FK_TEXT, NULL, 60, 0 }, { "经纪人编号", FK_TEXT, NULL, 20, 0 },
	{ "结对企业", FK_TEXT, NULL, 60, 0 }, { "从业妇女人数", FK_TEXT, NULL, 6, 0 },
	{ "建立日期", FK_DATE, NULL, 10, 0 }, { "撤销日期", FK_DATE, NULL, 10, 0 },
	{ "备注", FK_TEXT, NULL, 200, 0 },
};
static const int outlet_form_map[] = {
	OF_NAME, OF_KIND, OF_LEVEL, OF_UNIT, OF_PLACE, OF_BROKER, OF_FACTORY, OF_WOMEN, OF_SINCE,
	OF_ENDON, OF_NOTE,
};

/* The form's fields and the record's, by kind. */
static int prec_outlet(const struct entform *f)
{
	return f->k->fields == outlet_form_fields;
}

static const int *prec_map(const struct entform *f, int *n)
{
	*n = prec_outlet(f) ? (int)ARRAY_LEN(outlet_form_map) : (int)ARRAY_LEN(broker_form_map);
	return prec_outlet(f) ? outlet_form_map : broker_form_map;
}

static void prec_form_enter(struct ui *ui, struct entform *f)
{
	struct prec *r = NULL;
	struct jy_err err = { 0 };
	int outlet = prec_outlet(f), n;
	const int *map = prec_map(f, &n);
	if (f->id && (outlet ? outlet_load(ui->db, f->id, &r, &err)
	                     : broker_load(ui->db, f->id, &r, &err)) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	if (r) {
		for (int i = 0; i < n; i++)
			entform_set(ui, f, i, prec_get(r, map[i]));
		f->title = xasprintf("%s > %s %s", _("Enterprise and loans"), prec_get(r, 0),
		                     prec_get(r, outlet ? OF_NAME : BF_NAME));
		if (!outlet && *prec_get(r, BF_TOWN))
			entform_info(f, xasprintf("%s：%s", "乡镇街道", prec_get(r, BF_TOWN)));
		if (!outlet)
			entform_info(f, xasprintf("%s：%s", "参加培训", *prec_get(r, BF_TRAIN)
			                          ? prec_get(r, BF_TRAIN) : "-"));
	} else {
		f->title = xasprintf("%s > %s", _("Enterprise and loans"),
		                     outlet ? _("New outlet or base") : _("New broker"));
		entform_info(f, xstrdup(outlet
			? _("类型: 网点, 加工站, 来料加工基地 or 巾帼示范基地 (a base with its 级别); the "
			    "broker by her code, the paired factory as the employers list names it")
			: _("Her ID number when she is registered here: her trainings come from her "
			    "enrolments")));
	}
	f->data = r;
}

static int prec_form_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	int outlet = prec_outlet(f), n;
	const int *map = prec_map(f, &n);
	struct prec *r = f->data ? f->data : outlet ? outlet_new() : broker_new();
	for (int i = 0; i < n; i++)
		prec_set(r, map[i], entform_value(f, i));
	int rc = prec_save(ui->db, r, err);
	if (rc == JY_OK) {
		ui_msg(ui, ST_OK, outlet ? _("Outlet %s saved") : _("Broker %s saved"), prec_get(r, 0));
		ent_select(ui, outlet ? ENT_OUTLET : ENT_BROKER, r->id);
	}
	if (!f->data)
		prec_free(&r);
	return rc;
}

static void prec_form_leave(struct entform *f)
{
	struct prec *r = f->data;
	prec_free(&r);
}

static const struct entform_kind broker_form_kind = {
	.name = "broker", .fields = broker_form_fields, .n = (int)ARRAY_LEN(broker_form_fields),
	.enter = prec_form_enter, .save = prec_form_save, .leave = prec_form_leave,
};
static const struct entform_kind outlet_form_kind = {
	.name = "outlet", .fields = outlet_form_fields, .n = (int)ARRAY_LEN(outlet_form_fields),
	.enter = prec_form_enter, .save = prec_form_save, .leave = prec_form_leave,
};

struct screen *broker_form_new(int64_t id)
{
	return entform_new(&broker_form_kind, id, id);
}

struct screen *outlet_form_new(int64_t id)
{
	return entform_new(&outlet_form_kind, id, id);
}

/* ---- a payment's form: a month entered row after row ------------------------------------------ */

enum { FE_MONTH, FE_IDNO, FE_NAME, FE_PRODUCT, FE_PIECES, FE_FEE };
static const struct entform_field fee_form_fields[] = {
	[FE_MONTH] = { "月份", FK_TEXT, NULL, 12, FF_REQ },
	[FE_IDNO] = { "身份证号", FK_TEXT, NULL, 18, FF_REQ },
	[FE_NAME] = { "姓名", FK_TEXT, NULL, 20, 0 },
	[FE_PRODUCT] = { "产品", FK_TEXT, NULL, 40, 0 },
	[FE_PIECES] = { "件数", FK_TEXT, NULL, 9, 0 },
	[FE_FEE] = { "加工费", FK_TEXT, NULL, 20, FF_REQ },
};

/* What the form keeps: the outlet, the last row recorded, and the woman picked from the registry
 * (F4), whose ID number the field shows masked as the list did: while the field still holds that
 * text, she is named by her record, not by the text. */
struct fee_form {
	struct prec *outlet;
	char *last;
	char month[8];          /* the ledger's month, the form's first value */
	int64_t fee_id;         /* a payment opened from the ledger (0: a new row) */
	int64_t rid;            /* the woman picked (0: none) */
	char rid_text[19];
	char *who;              /* her name and low-income flag, or why she cannot be paid here */
	char who_key[40];       /* the ID text and month who was worked out for */
};

/* The woman the form names: the one picked while the field still shows her, else none. */
static int64_t fee_form_rid(struct entform *f)
{
	struct fee_form *d = f->data;
	const char *id = entform_value(f, FE_IDNO);
	return d && d->rid && id && strcmp(id, d->rid_text) == 0 ? d->rid : 0;
}

/* Her name and whether she counts as low-income that month (the flag the payment will carry),
 * worked out again when the ID number or the month changed; an ID number not yet whole says
 * nothing, one she cannot be paid under says why. */
static void fee_who_line(struct ui *ui, struct entform *f)
{
	struct fee_form *d = f->data;
	const char *id = entform_value(f, FE_IDNO), *month = entform_value(f, FE_MONTH);
	char key[40];
	snprintf(key, sizeof key, "%s|%s", id ? id : "", month ? month : "");
	if (strcmp(key, d->who_key) == 0)
		return;
	snprintf(d->who_key, sizeof d->who_key, "%s", key);
	free(d->who);
	d->who = NULL;
	int64_t rid = fee_form_rid(f);
	if (!rid && (!id || strlen(id) < 18))
		return;
	struct fee_who w;
	struct jy_err err = { 0 };
	if (fee_who(ui->db, id, rid, month, &w, &err) != JY_OK)
		d->who = xasprintf("%s%s%s", err.field, err.field[0] ? ": " : "", err.msg);
	else
		d->who = xasprintf(w.low_income ? _("%s: low-income (低收入) this month")
		                   : _("%s: not low-income this month"), w.name);
}

/* The lines above the fields: the outlet, the month's rows and total, the woman, the last row. */
static void fee_info(struct ui *ui, struct entform *f)
{
	struct fee_form *d = f->data;
	for (int i = 0; i < f->ninfo; i++)
		free(f->info[i]);
	f->ninfo = 0;
	if (!d || !d->outlet)
		return;
	entform_info(f, xasprintf("%s %s", prec_get(d->outlet, OF_CODE),
	                          prec_get(d->outlet, OF_NAME)));
	char month[8];
	struct jy_err err = { 0 };
	int rows = 0;
	int64_t fen = 0;
	if (month_parse(entform_value(f, FE_MONTH), month, "月份", &err) == JY_OK &&
	    fee_total(ui->db, d->outlet->id, month, &rows, &fen, &err) == JY_OK) {
		char y[32];
		money_yuan(fen, y);
		entform_info(f, xasprintf(_("%s: %d payments, %s yuan in all"), month, rows, y));
	}
	fee_who_line(ui, f);
	entform_info(f, d->who ? xstrdup(d->who)
	             : xstrdup(_("身份证号: type it, or F4 finds her in the registry")));
	entform_info(f, d->last ? xstrdup(d->last)
	             : xstrdup(d->fee_id ? _("F2 replaces this payment's pieces and fee")
	                       : _("F2 records the row and clears it for the next woman; the month "
	                           "and the product stay")));
}

static void fee_changed(struct ui *ui, struct form *fm, int i, void *arg)
{
	(void)fm;
	if (i == FE_IDNO || i == FE_MONTH)
		fee_info(ui, arg);
}

static int fee_row_fill(void *arg, const struct fee_row *r);

static void fee_form_enter(struct ui *ui, struct entform *f)
{
	struct fee_form *d = f->data;
	struct jy_err err = { 0 };
	if (outlet_load(ui->db, f->id, &d->outlet, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	f->title = xasprintf("%s > %s > %s", _("Enterprise and loans"), prec_get(d->outlet, OF_CODE),
	                     _("Processing fees"));
	entform_set(ui, f, FE_MONTH, d->month);
	if (d->fee_id) {
		void *arg[2] = { ui, f };
		if (fee_each(ui->db, d->outlet->id, d->month, fee_row_fill, arg, &err) != JY_OK)
			ui_err(ui, &err);
		f->form.focus = FE_PIECES;
	}
	f->form.changed = fee_changed;
	fee_info(ui, f);
}

/* The payment opened from the ledger into the form: her, named by her record (the ID number shown
 * masked), its product, pieces and fee. */
static int fee_row_fill(void *arg, const struct fee_row *r)
{
	struct ui *ui = ((void **)arg)[0];
	struct entform *f = ((void **)arg)[1];
	struct fee_form *d = f->data;
	if (r->id != d->fee_id)
		return 0;
	char y[32], n[24];
	d->rid = r->resident_id;
	ui_mask_id(r->id_no, d->rid_text);
	entform_set(ui, f, FE_IDNO, d->rid_text);
	entform_set(ui, f, FE_NAME, r->name);
	entform_set(ui, f, FE_PRODUCT, r->product);
	snprintf(n, sizeof n, "%lld", (long long)r->pieces);
	entform_set(ui, f, FE_PIECES, r->pieces ? n : "");
	money_yuan(r->fee_fen, y);
	entform_set(ui, f, FE_FEE, y);
	return 0;
}

static int fee_form_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	struct fee_form *d = f->data;
	if (!d || !d->outlet)
		return err_set(err, JY_ENOTFOUND, NULL, _("the outlet could not be read"));
	const struct fee_in in = {
		.month = entform_value(f, FE_MONTH), .idno = entform_value(f, FE_IDNO),
		.name = entform_value(f, FE_NAME), .outlet = prec_get(d->outlet, OF_CODE),
		.product = entform_value(f, FE_PRODUCT), .pieces = entform_value(f, FE_PIECES),
		.fee = entform_value(f, FE_FEE), .resident_id = fee_form_rid(f),
	};
	struct fee_out out;
	int rc = fee_record(ui->db, &in, &out, err);
	if (rc)
		return rc;
	char y[32], m[32];
	money_yuan(out.fee_fen, y);
	if (in.resident_id)
		snprintf(m, sizeof m, "%s", d->rid_text);
	else
		mask_idno(in.idno, m, sizeof m);
	free(d->last);
	d->last = xasprintf(_("Recorded: %s %s %s yuan%s%s"), m, out.month, y,
	                    out.low_income ? " 低收入" : "",
	                    out.employed ? _("; she now counts as employed in 来料加工") : "");
	ui_msg(ui, ST_OK, "%s", out.added > 0 ? _("Fee recorded") : out.added == 0
	       ? _("Fee of that month and product replaced") : _("Already recorded, unchanged"));
	if (!f->k->stay)
		return JY_OK;
	/* ready for the next woman: the month and the product stay */
	d->rid = 0;
	entform_set(ui, f, FE_IDNO, "");
	entform_set(ui, f, FE_NAME, "");
	entform_set(ui, f, FE_PIECES, "");
	entform_set(ui, f, FE_FEE, "");
	f->form.focus = FE_IDNO;
	fee_info(ui, f);
	return JY_OK;
}

static void fee_form_leave(struct entform *f)
{
	struct fee_form *d = f->data;
	if (!d)
		return;
	prec_free(&d->outlet);
	free(d->last);
	free(d->who);
	free(d);
}

static struct screen *fee_pick_new(struct entform *f);

/* F4: find her in the registry, as a course finds its trainees. */
static int fee_form_key(struct ui *ui, struct entform *f, const struct ui_event *ev)
{
	if (ev->act != ACT_NEW)
		return 0;
	ui_push(ui, fee_pick_new(f));
	return SK_HANDLED;
}

static const struct entform_kind fee_form_kind = {
	.name = "fees", .fields = fee_form_fields, .n = (int)ARRAY_LEN(fee_form_fields),
	.enter = fee_form_enter, .save = fee_form_save, .leave = fee_form_leave, .stay = 1,
	.key = fee_form_key,
};
static const struct entform_kind fee_edit_kind = {
	.name = "fee", .fields = fee_form_fields, .n = (int)ARRAY_LEN(fee_form_fields),
	.enter = fee_form_enter, .save = fee_form_save, .leave = fee_form_leave,
	.key = fee_form_key,
};

/* The form of an outlet's month (fee_id 0: new rows one after another; else that payment). */
static struct screen *fee_form_new(int64_t outlet_id, const char *month, int64_t fee_id)
{
	struct screen *s = entform_new(fee_id ? &fee_edit_kind : &fee_form_kind, outlet_id,
	                               fee_id ? fee_id : outlet_id);
	struct entform *f = (struct entform *)s;
	struct fee_form *d = xcalloc(1, sizeof *d);
	snprintf(d->month, sizeof d->month, "%s", month);
	d->fee_id = fee_id;
	f->data = d;
	return s;
}

/* ---- F4 in the form: the woman found in the registry ------------------------------------------- */

struct fee_pick {
	struct screen s;
	struct ui *ui;
	struct entform *form;   /* the form under the picker, which gets her */
	struct list list;
	struct qsearch qs;      /* always searching: its own line under the title */
};

static const int fee_pick_acts[] = {
	ACT_SEARCH, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* columns: 姓名 10, 性别 4, 年龄 4, 身份证号 18, 社区 the rest */
static void fee_pick_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, 10, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 4, "性别", ST_HEADER);
	x = ui_col(ui, y, x, 4, "年龄", ST_HEADER);
	x = ui_col(ui, y, x, 18, "身份证号", ST_HEADER);
	ui_col(ui, y, x, w - x - 1, "社区", ST_HEADER);
}

static void fee_pick_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct search_row *r = row;
	char age[12] = "";
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)arg;
	int a = ui_age(ui, r->birth);
	if (a >= 0)
		snprintf(age, sizeof age, "%d", a);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, 10, r->name, hs);
	x = ui_col(ui, y, x, 4, ui_code_label(ui, "sex", r->sex), ST_NORMAL);
	x = ui_col(ui, y, x, 4, age, ST_NORMAL);
	x = ui_col(ui, y, x, 18, r->id_no, ST_NORMAL);
	ui_col(ui, y, x, w - x - 1, r->community, ST_NORMAL);
}

static int fee_pick_fetch(void *arg, const char *query, const char *cursor, int limit,
                          void **rows, int *n, int *more, char next[128], struct jy_err *err)
{
	struct fee_pick *p = arg;
	return residents_page(p->ui, query, cursor, limit, rows, n, more, next, err);
}

static int64_t fee_pick_row_id(const void *row)
{
	return ((const struct search_row *)row)->id;
}

static void fee_pick_enter(struct ui *ui, struct screen *s)
{
	struct fee_pick *p = (struct fee_pick *)s;
	struct list_src src = {
		.fetch = fee_pick_fetch, .draw_row = fee_pick_row, .draw_header = fee_pick_header,
		.row_id = fee_pick_row_id, .row_size = sizeof(struct search_row), .arg = p,
	};
	p->ui = ui;
	list_init(&p->list, &src);
	qsearch_init(&p->qs, &p->list);
	list_query(&p->list, "");
}

static void fee_pick_draw(struct ui *ui, struct screen *s)
{
	struct fee_pick *p = (struct fee_pick *)s;
	char *where = xasprintf("%s > %s", p->form->title ? p->form->title : "",
	                        _("Find her"));
	ui_title(ui, where);
	free(where);
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 1, qw = 24;
	ui_put(ui, 1, 1, pw, prompt, ST_MARK);
	struct lineedit_view v;
	le_view(&p->qs.q, qw, &v);
	char *part = xstrndup(le_text(&p->qs.q) + v.off, v.len);
	ui_fill(ui, 1, 1 + pw, qw, ST_FIELD_FOCUS);
	ui_puts(ui, 1, 1 + pw + v.more_left, qw, part, ST_FIELD_FOCUS);
	free(part);
	int x = 1 + pw + qw + 2;
	ui_put(ui, 1, x, ui->cols - x - 1, _("Enter: her, into the form"), ST_HINT);
	list_draw(ui, &p->list, 2, 0, ui->lines - 4, ui->cols);
	ui->cur_y = 1;
	ui->cur_x = 1 + pw + v.cursor_col;
}

static int fee_pick_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct fee_pick *p = (struct fee_pick *)s;
	if (ev->key != '?' && qsearch_edit(&p->qs, ev))
		return SK_HANDLED;
	switch (ev->act) {
	case ACT_SEARCH:
		return SK_HANDLED;
	case ACT_BACK:
		if (!p->qs.q.len)
			return SK_HANDLED | SK_POP;
		qsearch_clear(&p->qs);
		return SK_HANDLED;
	case ACT_OPEN: {
		const struct search_row *r = list_selected(&p->list);
		struct fee_form *d = p->form->data;
		if (!r || !d)
			return SK_HANDLED;
		d->rid = r->id;
		snprintf(d->rid_text, sizeof d->rid_text, "%s", r->id_no);
		entform_set(ui, p->form, FE_IDNO, r->id_no);
		entform_set(ui, p->form, FE_NAME, r->name);
		p->form->form.dirty = 1;
		p->form->form.focus = FE_PRODUCT;
		fee_info(ui, p->form);
		return SK_HANDLED | SK_POP;
	}
	default:
		return list_key(ui, &p->list, ev);
	}
}

static void fee_pick_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct fee_pick *)s)->list);
}

static void fee_pick_leave(struct ui *ui, struct screen *s)
{
	struct fee_pick *p = (struct fee_pick *)s;
	(void)ui;
	list_free(&p->list);
	qsearch_free(&p->qs);
	free(p);
}

static const struct screen_ops fee_pick_ops = {
	.name = "fee-resident", .acts = fee_pick_acts,
	.enter = fee_pick_enter, .draw = fee_pick_draw, .key = fee_pick_key,
	.leave = fee_pick_leave, .reload = fee_pick_reload,
};

static struct screen *fee_pick_new(struct entform *f)
{
	struct fee_pick *p = xcalloc(1, sizeof *p);
	p->s.ops = &fee_pick_ops;
	p->form = f;
	return &p->s;
}

/* ---- a payment removed, with the reason ------------------------------------------------------- */

enum { FD_WHY };
static const struct entform_field fee_del_fields[] = {
	[FD_WHY] = { "原因", FK_TEXT, NULL, 100, FF_REQ },
};

static void fee_del_enter(struct ui *ui, struct entform *f)
{
	(void)ui;
	f->title = xasprintf("%s > %s", _("Enterprise and loans"), _("Remove a payment"));
	entform_info(f, f->data);       /* the payment as the ledger showed it */
	f->data = NULL;
	entform_info(f, xstrdup(_("Why it was entered by mistake: the audit trail keeps the payment "
	                        "and the reason, and the reports no longer count it")));
}

static int fee_del_save(struct ui *ui, struct entform *f, struct jy_err *err)
{
	int rc = fee_delete(ui->db, f->id, entform_value(f, FD_WHY), err);
	if (rc == JY_OK)
		ui_msg(ui, ST_OK, "%s", _("Payment removed"));
	return rc;
}

static const struct entform_kind fee_del_kind = {
	.name = "fee-delete", .fields = fee_del_fields, .n = (int)ARRAY_LEN(fee_del_fields),
	.enter = fee_del_enter, .save = fee_del_save,
};

/* ---- an outlet's ledger: the payments of a month ----------------------------------------------- */

/* A payment as the ledger shows it: her ID number masked, as every list shows it. */
struct lrow {
	struct fee_row r;
	char masked[19];
};

struct ledger {
	struct screen s;
	struct ui *ui;
	int64_t outlet_id;
	struct prec *outlet;
	char month[8];
	struct list list;
	struct qsearch qs;
	struct lrow *all;
	int nall, capall;
	int64_t fen, low_fen;   /* the rows found: their fees, and those to low-income women */
	int low;                /* … and how many of them went to low-income women */
	int64_t want_id;
};

static const int ledger_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_OPEN, ACT_REMOVE, ACT_EARLIER, ACT_LATER, ACT_EDIT, ACT_BACK,
	ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* columns at 80: 姓名 8, 身份证号 18, 件数 6, 加工费 10, 低收入 6, 产品 the rest */
static int ledger_product_w(int w)
{
	int rest = w - (1 + 8 + 18 + 6 + 10 + 6 + 6);
	return rest > 4 ? rest : 4;
}

static void ledger_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x += 1;
	x = ui_col(ui, y, x, 8, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, 18, "身份证号", ST_HEADER);
	x = ui_col(ui, y, x, ledger_product_w(w), "产品", ST_HEADER);
	x = ui_col(ui, y, x, 6, "件数", ST_HEADER);
	x = ui_col(ui, y, x, 10, "加工费(元)", ST_HEADER);
	ui_col(ui, y, x, 6, "低收入", ST_HEADER);
}

static void ledger_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct lrow *l = row;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	char n[24] = "", yuan[32];
	(void)arg;
	if (l->r.pieces)
		snprintf(n, sizeof n, "%lld", (long long)l->r.pieces);
	money_yuan(l->r.fee_fen, yuan);
	ui_put(ui, y, x, 1, sel ? ">" : " ", hs);
	x += 1;
	x = ui_col(ui, y, x, 8, l->r.name, hs);
	x = ui_col(ui, y, x, 18, l->masked, ST_NORMAL);
	x = ui_col(ui, y, x, ledger_product_w(w), l->r.product, ST_NORMAL);
	x = ui_col(ui, y, x, 6, n, ST_NORMAL);
	x = ui_col(ui, y, x, 10, yuan, ST_NORMAL);
	ui_col(ui, y, x, 6, l->r.low_income ? "是" : "", ST_NORMAL);
}

static int ledger_collect(void *arg, const struct fee_row *r)
{
	struct ledger *g = arg;
	if (g->nall == g->capall) {
		g->capall = g->capall ? g->capall * 2 : 64;
		g->all = xrealloc(g->all, sizeof *g->all * (size_t)g->capall);
	}
	struct lrow *l = &g->all[g->nall++];
	l->r = *r;
	ui_mask_id(r->id_no, l->masked);
	g->fen += r->fee_fen;
	if (r->low_income) {
		g->low++;
		g->low_fen += r->fee_fen;
	}
	return 0;
}

static int ledger_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                        int *n, int *more, char next[128], struct jy_err *err)
{
	struct ledger *g = arg;
	if (!cursor || !*cursor) {
		g->nall = 0;
		g->fen = g->low_fen = 0;
		g->low = 0;
		int rc = fee_search(g->ui->db, g->outlet_id, g->month, query, ledger_collect, g, err);
		if (rc)
			return rc;
	}
	return list_fetch_array(g->all, g->nall, sizeof *g->all, cursor, limit, rows, n, more, next);
}

static int64_t ledger_row_id(const void *row)
{
	return ((const struct lrow *)row)->r.id;
}

static void ledger_enter(struct ui *ui, struct screen *s)
{
	struct ledger *g = (struct ledger *)s;
	struct list_src src = {
		.fetch = ledger_fetch, .draw_row = ledger_row, .draw_header = ledger_header,
		.row_id = ledger_row_id, .row_size = sizeof(struct lrow), .arg = g,
	};
	struct jy_err err = { 0 };
	g->ui = ui;
	if (outlet_load(ui->db, g->outlet_id, &g->outlet, &err) != JY_OK)
		ui_err(ui, &err);
	snprintf(g->month, sizeof g->month, "%.7s", ui->today);
	list_init(&g->list, &src);
	qsearch_init(&g->qs, &g->list);
	list_query(&g->list, "");
}

static void ledger_draw(struct ui *ui, struct screen *s)
{
	struct ledger *g = (struct ledger *)s;
	/* the month before the outlet's name: a long name is cut, never the month */
	char *where = xasprintf("%s > %s %s > %s %s", _("Enterprise and loans"), _("Processing fees"),
	                        g->month, g->outlet ? prec_get(g->outlet, OF_CODE) : "",
	                        g->outlet ? prec_get(g->outlet, OF_NAME) : "");
	ui_title(ui, where);
	free(where);
	char y[32], yl[32];
	money_yuan(g->fen, y);
	money_yuan(g->low_fen, yl);
	char *sum = xasprintf(_("%s: %d payments, %s yuan; to low-income women %d, %s yuan"),
	                      g->month, g->nall, y, g->low, yl);
	ui_put(ui, 1, 1, ui->cols - 2, sum, ST_NORMAL);
	free(sum);
	list_draw(ui, &g->list, 2, 0, ui->lines - 4, ui->cols);
	int exact;
	long known = list_count_known(&g->list, &exact);
	if (known == 0 && !g->list.err[0])
		ui_put(ui, 4, 2, ui->cols - 4,
		       g->qs.q.len ? _("Nothing matches. Backspace changes the search, Esc clears it.")
		                   : _("No payments this month. F4 enters them; [ and ] change the month."),
		       ST_HINT);
	if (!g->qs.searching && !g->qs.q.len && !ui->msg[0] && known)
		ui_put(ui, ui->lines - 2, 0, ui->cols,
		       _("F4 enters; Enter opens; F9 removes; [ ] the month; typing searches"),
		       ST_HINT);
	qsearch_draw(ui, &g->qs);
}

/* The month before (step -1) or after (1); never after this month. */
static void ledger_month(struct ui *ui, struct ledger *g, int step)
{
	int y = atoi(g->month), m = atoi(g->month + 5) + step;
	if (m < 1)
		y--, m = 12;
	else if (m > 12)
		y++, m = 1;
	char next[8];
	snprintf(next, sizeof next, "%04d-%02d", y, m);
	if (strncmp(next, ui->today, 7) > 0) {
		ui_msg(ui, ST_HINT, "%s", _("Fees are entered up to this month"));
		return;
	}
	memcpy(g->month, next, sizeof next);
	list_query(&g->list, g->qs.q.len ? le_text(&g->qs.q) : "");
}

static void ledger_remove(struct ui *ui, struct ledger *g)
{
	const struct lrow *l = list_selected(&g->list);
	if (!l)
		return;
	if (!access_may(ui->db, OP_APPROVE)) {
		ui_msg(ui, ST_WARN, "%s", _("A payment is removed by a reviewer or an administrator"));
		return;
	}
	char y[32];
	money_yuan(l->r.fee_fen, y);
	struct screen *s = entform_new(&fee_del_kind, l->r.id, l->r.id);
	((struct entform *)s)->data = xasprintf("%s %s %s %s %s %s元", l->r.month, l->r.outlet,
	                                        l->r.name, l->masked, l->r.product, y);
	ui_push(ui, s);
}

static int ledger_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct ledger *g = (struct ledger *)s;
	/* [ and ] are the month's, never the search's: no name, number or product holds them */
	if (ev->act == ACT_EARLIER || ev->act == ACT_LATER) {
		ledger_month(ui, g, ev->act == ACT_EARLIER ? -1 : 1);
		return SK_HANDLED;
	}
	int r = qsearch_key(&g->qs, ev);
	if (r)
		return r;
	const struct lrow *l;
	switch (ev->act) {
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	case ACT_NEW:
		g->qs.searching = 0;
		ui_push(ui, fee_form_new(g->outlet_id, g->month, 0));
		return SK_HANDLED;
	case ACT_OPEN:
		if (!(l = list_selected(&g->list)))
			return SK_HANDLED;
		g->qs.searching = 0;
		g->want_id = l->r.id;
		ui_push(ui, fee_form_new(g->outlet_id, g->month, l->r.id));
		return SK_HANDLED;
	case ACT_REMOVE:
		g->qs.searching = 0;
		ledger_remove(ui, g);
		return SK_HANDLED;
	case ACT_EDIT:
		g->qs.searching = 0;
		ui_push(ui, outlet_form_new(g->outlet_id));
		return SK_HANDLED;
	default:
		return list_key(ui, &g->list, ev);
	}
}

static void ledger_resume(struct ui *ui, struct screen *s)
{
	struct ledger *g = (struct ledger *)s;
	(void)ui;
	qsearch_resume(&g->qs, g->want_id);
}

static void ledger_reload(struct ui *ui, struct screen *s)
{
	(void)ui;
	list_reload(&((struct ledger *)s)->list);
}

static void ledger_leave(struct ui *ui, struct screen *s)
{
	struct ledger *g = (struct ledger *)s;
	(void)ui;
	list_free(&g->list);
	qsearch_free(&g->qs);
	prec_free(&g->outlet);
	free(g->all);
	free(g);
}

static const struct screen_ops ledger_ops = {
	.name = "fee-ledger", .acts = ledger_acts,
	.enter = ledger_enter, .draw = ledger_draw, .key = ledger_key, .leave = ledger_leave,
	.resume = ledger_resume, .reload = ledger_reload,
};

struct screen *fee_ledger_new(int64_t outlet_id)
{
	struct ledger *g = xcalloc(1, sizeof *g);
	g->s.ops = &ledger_ops;
	g->outlet_id = outlet_id;
	return &g->s;
}
