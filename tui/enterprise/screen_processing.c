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

/* ---- an outlet's fee ledger, a month at a time ------------------------------------------------- */

enum { FE_MONTH, FE_IDNO, FE_NAME, FE_PRODUCT, FE_PIECES, FE_FEE };
static const struct entform_field fee_form_fields[] = {
	[FE_MONTH] = { "月份", FK_TEXT, NULL, 12, FF_REQ },
	[FE_IDNO] = { "身份证号", FK_IDNO, NULL, 18, FF_REQ },
	[FE_NAME] = { "姓名", FK_TEXT, NULL, 20, 0 },
	[FE_PRODUCT] = { "产品", FK_TEXT, NULL, 40, 0 },
	[FE_PIECES] = { "件数", FK_TEXT, NULL, 9, 0 },
	[FE_FEE] = { "加工费", FK_TEXT, NULL, 20, FF_REQ },
};

/* What the ledger form keeps: the outlet, and the last row recorded. */
struct fee_form {
	struct prec *outlet;
	char *last;
};

/* The lines above the fields: the outlet, the month's rows and total, the last row. */
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
	entform_info(f, d->last ? xstrdup(d->last)
	             : xstrdup(_("F2 records the row and clears it for the next woman; the month "
	                         "and the product stay")));
}

static void fee_form_enter(struct ui *ui, struct entform *f)
{
	struct fee_form *d = xcalloc(1, sizeof *d);
	struct jy_err err = { 0 };
	f->data = d;
	if (outlet_load(ui->db, f->id, &d->outlet, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	f->title = xasprintf("%s > %s > %s", _("Enterprise and loans"), prec_get(d->outlet, OF_CODE),
	                     _("Processing fees"));
	char month[8];
	snprintf(month, sizeof month, "%.7s", ui->today);
	entform_set(ui, f, FE_MONTH, month);
	fee_info(ui, f);
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
		.fee = entform_value(f, FE_FEE),
	};
	struct fee_out out;
	int rc = fee_record(ui->db, &in, &out, err);
	if (rc)
		return rc;
	char y[32], m[32];
	money_yuan(out.fee_fen, y);
	mask_idno(in.idno, m, sizeof m);
	free(d->last);
	d->last = xasprintf(_("Recorded: %s %s %s yuan%s%s"), m, out.month, y,
	                    out.low_income ? " 低收入" : "",
	                    out.employed ? _("; she now counts as employed in 来料加工") : "");
	ui_msg(ui, ST_OK, "%s", out.added > 0 ? _("Fee recorded") : out.added == 0
	       ? _("Fee of that month and product replaced") : _("Already recorded, unchanged"));
	/* ready for the next woman: the month and the product stay */
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
	free(d);
}

static const struct entform_kind fee_form_kind = {
	.name = "fees", .fields = fee_form_fields, .n = (int)ARRAY_LEN(fee_form_fields),
	.enter = fee_form_enter, .save = fee_form_save, .leave = fee_form_leave, .stay = 1,
};

struct screen *fee_form_new(int64_t outlet_id)
{
	return entform_new(&fee_form_kind, outlet_id, outlet_id);
}
