/* tui/registry/screen_fact.c: the small forms of the resident screen: a certificate, a status change (e.g.
 * re-employed, with the form of employment and the employer), a follow-up visit, the closing of her
 * record (注销: the reason, the day, a note), a certificate cancelled, expired or kept with its
 * reason. Labels are the
 * ones core names in its messages, so an error lands on its field. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct fact_field {
	const char *label;      /* as core's messages name it */
	int kind;
	const char *list;
	int max, flags;
};

static const struct fact_field cert_fields[] = {
	{ "证件类型", FK_CODE, "cert_type", 10, FF_REQ },
	{ "证件编号", FK_TEXT, NULL, 30, 0 },
	{ "发证日期", FK_DATE, NULL, 10, FF_REQ },
	{ "发证机关", FK_TEXT, NULL, 40, 0 },
	{ "有效期至", FK_DATE, NULL, 10, 0 },
};
static const struct fact_field status_fields[] = {
	{ "日期", FK_DATE, NULL, 10, FF_REQ },
	{ "就业状态", FK_CODE, "emp_status", 10, FF_REQ },
	{ "就业形式", FK_CODE, "emp_form", 10, 0 },
	{ "就业单位", FK_TEXT, NULL, 60, 0 },
	{ "备注", FK_TEXT, NULL, 100, 0 },
};
static const struct fact_field visit_fields[] = {
	{ "走访日期", FK_DATE, NULL, 10, FF_REQ },
	{ "走访方式", FK_CODE, "visit_kind", 10, FF_REQ },
	{ "走访内容", FK_TEXT, NULL, 200, 0 },
	{ "下次走访", FK_DATE, NULL, 10, 0 },
};
/* core/registry/closing.c names these in its messages */
static const struct fact_field close_fields[] = {
	{ "注销原因", FK_CODE, "close_reason", 10, FF_REQ },
	{ "注销日期", FK_DATE, NULL, 10, FF_REQ },
	{ "注销说明", FK_TEXT, NULL, 200, 0 },
};
/* core/registry/facts.c (certificate_find, certificate_set_status) names these */
static const struct fact_field cert_status_fields[] = {
	{ "证件", FK_TEXT, NULL, 30, FF_REQ },
	{ "状态", FK_TEXT, NULL, 4, FF_REQ },
	{ "原因", FK_TEXT, NULL, 100, 0 },
};

static const struct {
	const struct fact_field *fields;
	int n;
	const char *title;      /* gettext msgid */
} fact_kinds[] = {
	[FACT_CERT] = { cert_fields, (int)ARRAY_LEN(cert_fields), N_("New certificate") },
	[FACT_STATUS] = { status_fields, (int)ARRAY_LEN(status_fields), N_("Status change") },
	[FACT_VISIT] = { visit_fields, (int)ARRAY_LEN(visit_fields), N_("Follow-up visit") },
	[FACT_CLOSE] = { close_fields, (int)ARRAY_LEN(close_fields), N_("Close her record") },
	[FACT_CERT_STATUS] = { cert_status_fields, (int)ARRAY_LEN(cert_status_fields),
	                       N_("Certificate status") },
};

struct fact {
	struct screen s;
	int kind;
	int64_t rid;
	int64_t version;        /* FACT_CLOSE: her record as the page loaded it */
	char *who;
	struct form form;
};

static const int fact_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

static const char *fv(struct fact *fc, int i)
{
	const char *v = field_value(&fc->form.f[i]);
	return *v ? v : NULL;
}

static int fact_save(struct ui *ui, struct fact *fc)
{
	struct jy_err err = { 0 };
	int rc;
	if (field_leave(ui, &fc->form.f[fc->form.focus]) & FLD_CHANGED)
		fc->form.dirty = 1;
	switch (fc->kind) {
	case FACT_CERT: {
		struct certificate c = { .resident_id = fc->rid, .type = (char *)fv(fc, 0),
			.number = (char *)fv(fc, 1), .issue_date = (char *)fv(fc, 2), .office = (char *)fv(fc, 3),
			.valid_until = (char *)fv(fc, 4) };
		rc = certificate_add(ui->db, &c, &err);
		break;
	}
	case FACT_STATUS: {
		struct status_event e = { .resident_id = fc->rid, .date = (char *)fv(fc, 0),
			.status = (char *)fv(fc, 1), .form = (char *)fv(fc, 2), .employer = (char *)fv(fc, 3),
			.note = (char *)fv(fc, 4) };
		rc = status_event_add(ui->db, &e, &err);
		break;
	}
	case FACT_CLOSE: {
		struct resident_closing c = { fv(fc, 0), fv(fc, 1), fv(fc, 2) };
		rc = resident_close(ui->db, fc->rid, fc->version, &c, &err);
		break;
	}
	case FACT_CERT_STATUS: {
		int64_t id;
		rc = certificate_find(ui->db, fc->rid, fv(fc, 0), &id, &err);
		if (rc == JY_ENOTFOUND && err.field[0])
			rc = JY_EINVAL;         /* nothing of hers by that name: the field says so */
		if (!rc)
			rc = certificate_set_status(ui->db, id, fv(fc, 1), fv(fc, 2), &err);
		break;
	}
	default: {
		struct visit v = { .resident_id = fc->rid, .date = (char *)fv(fc, 0), .kind = (char *)fv(fc, 1),
			.content = (char *)fv(fc, 2), .next_due = (char *)fv(fc, 3) };
		rc = visit_add(ui->db, &v, &err);
		break;
	}
	}
	if (rc == JY_EINVAL) {
		form_show_err(ui, &fc->form, &err);
		return SK_HANDLED;
	}
	if (rc != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	if (fc->kind == FACT_CLOSE)
		ui_msg(ui, ST_OK, _("%s's record is closed; a 审核 can open it again (F9 on her page)"),
		       fc->who);
	else
		ui_msg(ui, ST_OK, _("Saved: %s, %s"), fc->who, _(fact_kinds[fc->kind].title));
	return SK_HANDLED | SK_POP;
}

static int fact_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct fact *fc = (struct fact *)s;
	int fl = form_key(ui, &fc->form, ev);
	if (fl)
		return fl;
	switch (ev->act) {
	case ACT_SAVE:
		return fact_save(ui, fc);
	case ACT_BACK:
		return form_back(ui, &fc->form, s);
	default:
		return 0;
	}
}

static void fact_draw(struct ui *ui, struct screen *s)
{
	struct fact *fc = (struct fact *)s;
	char *where = xasprintf("%s > %s > %s", _("Residents"), fc->who, _(fact_kinds[fc->kind].title));
	ui_title(ui, where);
	free(where);
	if (fc->kind == FACT_VISIT)
		ui_put(ui, 1, 1, ui->cols - 2, _("With no next visit date, the next visit is due in three months"), ST_HINT);
	else if (fc->kind == FACT_STATUS)
		ui_put(ui, 1, 1, ui->cols - 2, _("Re-employed: status 已就业 with its form of employment and the employer"), ST_HINT);
	else if (fc->kind == FACT_CLOSE)
		ui_put(ui, 1, 1, ui->cols - 2,
		       _("She leaves the lists and the matching; her history and past reports stay"),
		       ST_HINT);
	else if (fc->kind == FACT_CERT_STATUS)
		ui_put(ui, 1, 1, ui->cols - 2,
		       _("证件: its number or type; 状态: 注销, 过期 or 有效 (kept after a review)"), ST_HINT);
	form_draw(ui, &fc->form, 3, 0, ui->lines - 5, ui->cols);
	form_hint(ui, &fc->form);
}

static int fact_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct fact *)s)->form.dirty;
}

static void fact_leave(struct ui *ui, struct screen *s)
{
	struct fact *fc = (struct fact *)s;
	(void)ui;
	form_free(&fc->form);
	free(fc->who);
	free(fc);
}

static const struct screen_ops fact_ops = {
	.name = "fact", .acts = fact_acts,
	.draw = fact_draw, .key = fact_key, .leave = fact_leave, .dirty = fact_dirty,
};

struct screen *fact_new(int kind, int64_t resident_id, const char *who)
{
	struct fact *fc = xcalloc(1, sizeof *fc);
	char today[11];
	fc->s.ops = &fact_ops;
	fc->kind = kind;
	fc->rid = resident_id;
	fc->who = xstrdup(who ? who : "");
	form_init(&fc->form, fact_kinds[kind].n);
	for (int i = 0; i < fact_kinds[kind].n; i++) {
		const struct fact_field *ff = &fact_kinds[kind].fields[i];
		field_init(&fc->form.f[i], ff->label, ff->kind, ff->list, ff->max, ff->flags);
	}
	/* The date of what happened is most often today. */
	date_today(today);
	if (kind != FACT_CERT_STATUS)
		field_set(NULL, &fc->form.f[kind == FACT_CERT ? 2 : kind == FACT_CLOSE ? 1 : 0], today);
	if (kind == FACT_VISIT)
		field_set(NULL, &fc->form.f[1], VISIT_HOME);       /* 入户走访, the office's rule */
	fc->form.focus = kind == FACT_CERT || kind == FACT_CLOSE ? 0 : kind == FACT_STATUS ? 1 : 2;
	return &fc->s;
}

struct screen *fact_close_new(int64_t resident_id, int64_t version, const char *who)
{
	struct fact *fc = (struct fact *)fact_new(FACT_CLOSE, resident_id, who);
	fc->version = version;
	return &fc->s;
}

/* The certificate the form starts on: the first up for review, else the first valid one; by its
 * number, or its type's label when it has none. */
struct cert_first {
	struct ui *ui;
	char *review, *valid;
};

static int cert_first_cb(void *arg, const struct certificate *c)
{
	struct cert_first *f = arg;
	const char *name = c->number && *c->number ? c->number : ui_code_label(f->ui, "cert_type", c->type);
	if (c->review_on && !f->review)
		f->review = xstrdup(name);
	if (strcmp(c->status, "有效") == 0 && !f->valid)
		f->valid = xstrdup(name);
	return 0;
}

struct screen *fact_cert_status_new(struct ui *ui, int64_t resident_id, const char *who)
{
	struct fact *fc = (struct fact *)fact_new(FACT_CERT_STATUS, resident_id, who);
	struct cert_first f = { ui, NULL, NULL };
	struct jy_err err = { 0 };
	if (certificate_each(ui->db, resident_id, cert_first_cb, &f, &err) != JY_OK)
		ui_err(ui, &err);
	field_set(NULL, &fc->form.f[0], f.review ? f.review : f.valid ? f.valid : "");
	field_set(NULL, &fc->form.f[1], f.review ? "有效" : "注销");
	fc->form.focus = f.review || f.valid ? 1 : 0;
	free(f.review);
	free(f.valid);
	return &fc->s;
}
