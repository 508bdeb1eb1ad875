/* tui/jobs/screen_referrals.c: referrals (推荐, W4): the list searched as you type (her name by
 * characters or pinyin initials, the posting, the employer); one referral's page with its dated
 * steps, the placement a hire made, and its change history; the form that refers her (it asks for
 * her consent first: her details go to the employer, PIPL art. 23); and the form of the next step
 * (面试, 录用, 未录用, 本人放弃), where a hire also records her employment and fills a post. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "screen_jobs.h"

static const int referrals_acts[] = {
	ACT_SEARCH, ACT_EDIT, ACT_EXPORT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, 0
};

/* At 80 columns: 10 referred, 8 name, 22 posting, 14 employer, 8 stage, 10 its date. */
struct rcols {
	int date, name, posting, emp, stage, on;
};

static void rcols_for(int w, struct rcols *c)
{
	*c = (struct rcols){ 10, 8, 22, 14, 8, 10 };
	int extra = w - (10 + 8 + 22 + 14 + 8 + 10 + 5);
	if (extra > 0) {
		int add = extra > 6 ? 6 : extra;
		c->name += add, extra -= add;
		add = extra > 14 ? 14 : extra;
		c->posting += add, extra -= add;
		c->emp += extra > 20 ? 20 : extra;
	}
}

static void referrals_header(struct ui *ui, struct jlist *l, int y, int x, int w)
{
	struct rcols c;
	(void)l;
	rcols_for(w, &c);
	x = ui_col(ui, y, x, c.date, "推荐日期", ST_HEADER);
	x = ui_col(ui, y, x, c.name, "姓名", ST_HEADER);
	x = ui_col(ui, y, x, c.posting, "岗位", ST_HEADER);
	x = ui_col(ui, y, x, c.emp, "用人单位", ST_HEADER);
	x = ui_col(ui, y, x, c.stage, "进展", ST_HEADER);
	ui_col(ui, y, x, c.on, "日期", ST_HEADER);
}

static void referrals_row(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel)
{
	const struct referral_row *r = row;
	struct rcols c;
	int hs = sel ? ST_SELECTED : ST_NORMAL;
	(void)l;
	rcols_for(w, &c);
	char *posting = xasprintf("%s %s", r->posting_code, r->title);
	x = ui_col(ui, y, x, c.date, r->referred_on, hs);
	x = ui_col(ui, y, x, c.name, r->name, hs);
	x = ui_col(ui, y, x, c.posting, posting, ST_NORMAL);
	x = ui_col(ui, y, x, c.emp, r->employer, ST_NORMAL);
	x = ui_col(ui, y, x, c.stage, ui_code_label(ui, "ref_stage", r->stage),
	         referral_stage_of(r->stage) == STAGE_HIRED ? ST_OK : ST_NORMAL);
	ui_col(ui, y, x, c.on, r->stage_on, ST_NORMAL);
	free(posting);
}

static int referrals_fetch(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
                           struct job_page *out, struct jy_err *err)
{
	return referral_search(ui->db, query, l->owner, l->owner2, cursor, limit, out, err);
}

static int64_t referral_row_id(const void *row)
{
	return ((const struct referral_row *)row)->id;
}

static void referrals_open(struct ui *ui, struct jlist *l, const void *row)
{
	(void)l;
	ui_push(ui, referral_page_new(((const struct referral_row *)row)->id));
}

static int referrals_key(struct ui *ui, struct jlist *l, const struct ui_event *ev)
{
	if (ev->act != ACT_EDIT)
		return 0;
	const struct referral_row *r = list_selected(&l->list);
	if (r) {
		l->want_id = r->id;
		ui_push(ui, stage_new(r->id));
	}
	return SK_HANDLED;
}

/* F7: the list to a file (list_export): the columns shown, the registration number beside them */
static const struct sheet_col referrals_file_cols[] = {
	{ "推荐日期", SC_DATE, 0 }, { "姓名", SC_TEXT, 0 }, { "登记编号", SC_TEXT, 0 },
	{ "岗位编号", SC_TEXT, 0 }, { "岗位名称", SC_TEXT, 0 }, { "用人单位", SC_TEXT, 0 },
	{ "进展", SC_TEXT, 0 }, { "进展日期", SC_DATE, 0 },
};

static void referrals_file_cells(struct ui *ui, void *arg, const void *row, char **cells)
{
	const struct referral_row *r = row;
	(void)arg;
	const char *v[] = { r->referred_on, r->name, r->reg_no, r->posting_code, r->title, r->employer,
	                    ui_code_label(ui, "ref_stage", r->stage), r->stage_on };
	for (size_t c = 0; c < ARRAY_LEN(v); c++)
		cells[c] = xstrdup(v[c]);
}

static const struct list_export referrals_file = {
	"推荐记录", referrals_file_cols, (int)ARRAY_LEN(referrals_file_cols), referrals_file_cells,
	template_referrals,
};

static const struct jlist_kind referrals_kind = {
	.name = N_("Referrals"), .acts = referrals_acts, .type = JOBS_REFERRALS,
	.row_size = sizeof(struct referral_row), .fetch = referrals_fetch, .header = referrals_header,
	.row = referrals_row, .row_id = referral_row_id, .open = referrals_open, .key = referrals_key,
	.empty = N_("No referrals here. Refer from a posting's match list (F11)."),
	.file = &referrals_file,
};

struct screen *referrals_new(int64_t resident_id, int64_t posting_id)
{
	return jlist_new(&referrals_kind, resident_id, posting_id, NULL);
}

/* ---- one referral's page ------------------------------------------------------------------------ */

static const int rpage_acts[] = {
	ACT_EDIT, ACT_OPEN, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

struct step_arg {
	struct ui *ui;
	struct jpage *p;
};

static int step_line(void *arg, const struct referral_step *s)
{
	struct step_arg *a = arg;
	char *t = xasprintf("%s  %s%s%s  (%s)", s->date, ui_code_label(a->ui, "ref_stage", s->stage),
	                    s->note ? "  " : "", s->note ? s->note : "", s->worker ? s->worker : "-");
	page_wrapped(&a->p->page, 12, ST_NORMAL, t);
	free(t);
	return 0;
}

static void placement_lines(struct ui *ui, struct jpage *p, int64_t referral_id, int64_t rid)
{
	int64_t id;
	struct jy_err err = { 0 };
	struct placement *pl = NULL;
	int rc = placement_active(ui->db, rid, &id, &err);
	if (rc == JY_OK)
		rc = placement_load(ui->db, id, &pl, &err);
	if (rc != JY_OK && rc != JY_ENOTFOUND) {
		page_section(&p->page, _("Placement"));
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	}
	if (rc != JY_OK || pl->referral_id != referral_id) {
		placement_free(&pl);
		return;
	}
	page_section(&p->page, _("Placement"));
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s %s  %s %s", "就业形式", ui_code_label(ui, "emp_form", pl->form), "上岗日期", pl->start_date);
	if (pl->subsidy_end)
		buf_addf(&b, "  %s %s", "补贴截止", pl->subsidy_end);
	buf_addf(&b, "  %s %s", "签订劳动合同", pl->contract ? "是" : "否");
	page_wrapped(&p->page, 4, ST_NORMAL, b.s);
	buf_free(&b);
	placement_free(&pl);
}

static void rpage_build(struct ui *ui, struct jpage *p)
{
	struct referral *r = NULL;
	struct jy_err err = { 0 };
	if (referral_load(ui->db, p->id, &r, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		return;
	}
	free(p->title);
	p->title = xasprintf("%s > %s > %s", _("Referrals"), r->resident_name, r->posting_code);
	char *t = xasprintf("%s  %s (%s)", "居民", r->resident_name, r->reg_no);
	page_wrapped(&p->page, 6, ST_NORMAL, t);
	free(t);
	t = xasprintf("%s  %s %s, %s%s", "岗位", r->posting_code, r->posting_title, r->employer,
	              r->public_welfare ? "  [公益性岗位]" : "");
	page_wrapped(&p->page, 6, ST_NORMAL, t);
	free(t);
	t = xasprintf("%s  %s  %s %s  %s %s", "推荐日期", r->referred_on, "本人同意", r->consent ? "是" : "否",
	              "推荐方式", r->channel ? r->channel : "-");
	page_wrapped(&p->page, 6, ST_NORMAL, t);
	free(t);
	t = xasprintf(_("Now: %s since %s (F5 records the next step)"), ui_code_label(ui, "ref_stage", r->stage),
	              r->stage_on);
	page_wrapped(&p->page, 2, referral_stage_of(r->stage) == STAGE_HIRED ? ST_OK : ST_HINT, t);
	free(t);
	page_section(&p->page, _("Steps"));
	struct step_arg a = { ui, p };
	if (referral_step_each(ui->db, p->id, step_line, &a, &err) != JY_OK) {
		page_line(&p->page, ST_ERROR, 0, err.msg);
		ui_err(ui, &err);
	}
	placement_lines(ui, p, r->id, r->resident_id);
	jpage_history(ui, p, "referral", -1, p->id);
	referral_free(&r);
}

static int rpage_key(struct ui *ui, struct jpage *p, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_EDIT:
		ui_push(ui, stage_new(p->id));
		return SK_HANDLED;
	case ACT_OPEN: {
		struct referral *r = NULL;
		struct jy_err err = { 0 };
		if (referral_load(ui->db, p->id, &r, &err) == JY_OK)
			ui_push(ui, rdetail_new(r->resident_id));
		else
			ui_err(ui, &err);
		referral_free(&r);
		return SK_HANDLED;
	}
	case ACT_BACK:
		jobs_list_select(ui, JOBS_REFERRALS, p->id);
		return 0;
	default:
		return 0;
	}
}

static const struct jpage_kind rpage_kind = {
	.name = "referral", .acts = rpage_acts, .build = rpage_build, .key = rpage_key,
};

struct screen *referral_page_new(int64_t id)
{
	return jpage_new(&rpage_kind, id);
}

/* ---- referring her: the consent first ------------------------------------------------------------ */

enum { RQ_CONSENT, RQ_DATE, RQ_CHANNEL, RQ_NOTE };
static const struct jsmall_field refer_fields[] = {
	[RQ_CONSENT] = { "本人同意", FK_BOOL, NULL, 1, FF_REQ },
	[RQ_DATE] = { "推荐日期", FK_DATE, NULL, 10, 0 },
	[RQ_CHANNEL] = { "推荐方式", FK_TEXT, NULL, 20, 0 },
	[RQ_NOTE] = { "备注", FK_TEXT, NULL, 200, 0 },
};

static int refer_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	struct referral *r = referral_new();
	r->resident_id = f->id;
	r->posting_id = f->id2;
	const char *c = jsmall_value(f, RQ_CONSENT);
	r->consent = c && strcmp(c, "1") == 0;
	r->referred_on = xstrdup(jsmall_value(f, RQ_DATE));
	r->channel = xstrdup(jsmall_value(f, RQ_CHANNEL));
	r->note = xstrdup(jsmall_value(f, RQ_NOTE));
	int rc = referral_add(ui->db, r, err);
	if (rc == JY_OK) {
		struct referral *done = NULL;
		struct jy_err lerr = { 0 };
		if (referral_load(ui->db, r->id, &done, &lerr) == JY_OK)
			ui_msg(ui, ST_OK, _("Referred %s to %s %s; F5 on the referral records what comes of it"),
			       done->resident_name, done->posting_code, done->posting_title);
		else
			ui_err(ui, &lerr);      /* saved; only reading it back failed */
		referral_free(&done);
		jobs_list_select(ui, JOBS_REFERRALS, r->id);
	}
	referral_free(&r);
	return rc;
}

/* Who goes where, and the question the worker asks her before anything is sent. */
static void refer_enter(struct ui *ui, struct jsmall *f)
{
	struct resident *r = NULL;
	struct jobrec *p = NULL;
	f->title = xstrdup(_("Refer"));
	struct jy_err err = { 0 };
	if (resident_load(ui->db, f->id, &r, &err) == JY_OK &&
	    jobrec_load(ui->db, JR_POSTING, f->id2, &p, &err) == JY_OK) {
		jsmall_info(f, xasprintf("%s (%s) -> %s %s, %s", resident_get(r, RF_NAME), r->reg_no, p->code,
		                         jobrec_get(p, PST_TITLE), jobrec_get(p, PST_EMPLOYER)));
		jsmall_info(f, xasprintf(_("Ask her first: her name, phone and registration details go to %s. Only "
		                           "with her agreement (PIPL art. 23) is 本人同意 是."), jobrec_get(p, PST_EMPLOYER)));
	} else {
		ui_err(ui, &err);       /* saving says again why, if it cannot be done */
	}
	resident_free(&r);
	jobrec_free(&p);
	field_set(ui, &f->form.f[RQ_DATE], ui->today);
	f->form.focus = RQ_CONSENT;
}

static const struct jsmall_kind refer_kind = {
	.name = "refer", .fields = refer_fields, .n = (int)ARRAY_LEN(refer_fields), .enter = refer_enter,
	.save = refer_save,
};

struct screen *refer_new(int64_t resident_id, int64_t posting_id)
{
	return jsmall_new(&refer_kind, resident_id, posting_id);
}

/* ---- the next step: 面试, 录用 (a hire), 未录用, 本人放弃 ---------------------------------------------- */

enum { SG_STAGE, SG_DATE, SG_NOTE, SG_FORM, SG_START, SG_SUBSIDY, SG_CONTRACT };
static const struct jsmall_field stage_fields[] = {
	[SG_STAGE] = { "进展", FK_CODE, "ref_stage", 12, FF_REQ },
	[SG_DATE] = { "日期", FK_DATE, NULL, 10, FF_REQ },
	[SG_NOTE] = { "备注", FK_TEXT, NULL, 200, 0 },
	[SG_FORM] = { "就业形式", FK_CODE, "emp_form", 10, 0 },
	[SG_START] = { "上岗日期", FK_DATE, NULL, 10, 0 },
	[SG_SUBSIDY] = { "补贴截止", FK_DATE, NULL, 10, 0 },
	[SG_CONTRACT] = { "签订劳动合同", FK_BOOL, NULL, 1, 0 },
};

static void stage_enter(struct ui *ui, struct jsmall *f)
{
	struct referral *r = NULL;
	struct jy_err err = { 0 };
	f->title = xstrdup(_("Next step of the referral"));
	if (referral_load(ui->db, f->id, &r, &err) != JY_OK) {
		jsmall_info(f, xstrdup(err.msg));
		return;
	}
	jsmall_info(f, xasprintf("%s (%s) -> %s %s, %s: %s %s", r->resident_name, r->reg_no, r->posting_code,
	                         r->posting_title, r->employer, ui_code_label(ui, "ref_stage", r->stage), r->stage_on));
	jsmall_info(f, xstrdup(r->public_welfare
		? _("录用 records her placement on this public-welfare post (the subsidy ends after the posting's "
		    "months unless you give 补贴截止), changes her status and fills a post")
		: _("录用 records her employment with 就业形式 and 上岗日期, changes her status and fills a post")));
	field_set(ui, &f->form.f[SG_DATE], ui->today);
	field_set(ui, &f->form.f[SG_FORM], r->public_welfare ? "030" : "010");
	field_set(ui, &f->form.f[SG_CONTRACT], "0");
	f->data = r;
}

static int stage_save(struct ui *ui, struct jsmall *f, struct jy_err *err)
{
	struct referral *r = f->data;
	if (!r)
		return err_set(err, JY_ENOTFOUND, NULL, _("the referral no longer exists"));
	const char *stage = jsmall_value(f, SG_STAGE), *c = jsmall_value(f, SG_CONTRACT);
	struct hire h = { .form = jsmall_value(f, SG_FORM), .start = jsmall_value(f, SG_START),
	                  .subsidy_end = jsmall_value(f, SG_SUBSIDY), .contract = c && strcmp(c, "1") == 0 };
	int rc = referral_advance(ui->db, r, stage, jsmall_value(f, SG_DATE), jsmall_value(f, SG_NOTE), &h, err);
	if (rc == JY_OK) {
		if (referral_stage_of(r->stage) == STAGE_HIRED)
			ui_msg(ui, ST_OK, _("Hired: %s is recorded as employed (%s) and %s has one post fewer"),
			       r->resident_name, ui_code_label(ui, "emp_form", h.form ? h.form : (r->public_welfare ? "030" : "010")),
			       r->posting_code);
		else
			ui_msg(ui, ST_OK, _("Saved: %s, %s"), r->resident_name, ui_code_label(ui, "ref_stage", r->stage));
	}
	return rc;
}

static void stage_leave(struct jsmall *f)
{
	struct referral *r = f->data;
	referral_free(&r);
}

static const struct jsmall_kind stage_kind = {
	.name = "referral-step", .fields = stage_fields, .n = (int)ARRAY_LEN(stage_fields), .enter = stage_enter,
	.save = stage_save, .leave = stage_leave,
};

struct screen *stage_new(int64_t referral_id)
{
	return jsmall_new(&stage_kind, referral_id, 0);
}
