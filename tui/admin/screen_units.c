/* tui/admin/screen_units.c: the office's units on the screen: 设置 → 单位, the county / street /
 * community tree searched as you type, a unit's form (add; rename, move, close and the community's
 * profile), and the first start of a database without units, which asks for the county, its
 * streets and their communities on one screen before the main menu. Core (core/store/unit.c)
 * keeps the rules and the access: an administrator changes the tree, everyone reads it. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

/* ---- the list -------------------------------------------------------------------------------- */

struct units {
	struct screen s;
	struct list list;
	struct qsearch qs;
	struct unit_row *all, *shown;   /* every unit, in tree order; those the search keeps */
	int nall, nshown, cap;
	char want[32];          /* select this unit when back from its form */
};

static const int units_acts[] = {
	ACT_SEARCH, ACT_NEW, ACT_EDIT, ACT_OPEN, ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, 0
};

static int units_add(void *arg, const struct unit_row *u)
{
	struct units *us = arg;
	if (us->nall == us->cap) {
		us->cap = us->cap ? us->cap * 2 : 32;
		us->all = xrealloc(us->all, (size_t)us->cap * sizeof *us->all);
	}
	us->all[us->nall++] = *u;
	return 0;
}

static void units_read(struct ui *ui, struct units *us)
{
	struct jy_err err = { 0 };
	us->nall = 0;
	if (unit_each(ui->db, units_add, us, &err) != JY_OK)
		ui_err(ui, &err);
}

/* The search as the other lists take it: a part of the name (traditional or simplified), the
 * pinyin initials of the name (xfl finds 幸福里社区), a part of the code. */
static int units_matches(const struct unit_row *u, const char *q)
{
	if (!*q)
		return 1;
	char *fq = hanzi_fold(q), *fn = hanzi_fold(u->name);
	int hit = strstr(fn, fq) != NULL || strstr(u->code, q) != NULL;
	char *ini[8];
	int n = hit ? 0 : hanzi_initials_all(u->name, ini, 8);
	for (int i = 0; i < n; i++) {
		hit |= strncmp(ini[i], fq, strlen(fq)) == 0;
		free(ini[i]);
	}
	free(fq);
	free(fn);
	return hit;
}

static int units_fetch(void *arg, const char *query, const char *cursor, int limit, void **rows,
                       int *n, int *more, char next[128], struct jy_err *err)
{
	struct units *us = arg;
	(void)err;
	if (!cursor || !*cursor) {      /* a new search: the rows it keeps, once */
		free(us->shown);
		us->shown = xcalloc((size_t)us->nall + 1, sizeof *us->shown);
		us->nshown = 0;
		for (int i = 0; i < us->nall; i++)
			if (units_matches(&us->all[i], query ? query : ""))
				us->shown[us->nshown++] = us->all[i];
	}
	return list_fetch_array(us->shown, us->nshown, sizeof *us->shown, cursor, limit, rows, n,
	                        more, next);
}

static void units_header(struct ui *ui, void *arg, int y, int x, int w)
{
	(void)arg;
	ui_fill(ui, y, x, w, ST_HEADER);
	x = ui_col(ui, y, x + 1, 28, "名称", ST_HEADER);
	x = ui_col(ui, y, x, 9, "级别", ST_HEADER);
	x = ui_col(ui, y, x, 14, "代码", ST_HEADER);
	x = ui_col(ui, y, x, 8, "居民", ST_HEADER);
	ui_col(ui, y, x, w - 63, "状态", ST_HEADER);
}

static void units_row(struct ui *ui, void *arg, const void *row, int y, int x, int w, int sel)
{
	const struct unit_row *u = row;
	int st = sel ? ST_SELECTED : *u->closed_at ? ST_HINT : ST_NORMAL;
	char name[96], n[24] = "";
	(void)arg;
	snprintf(name, sizeof name, "%*s%s", 2 * (u->depth < 6 ? u->depth : 6), "", u->name);
	if (u->level == UNIT_COMMUNITY)
		snprintf(n, sizeof n, "%lld", (long long)u->residents);
	ui_put(ui, y, x, 1, sel ? ">" : " ", st);
	x = ui_col(ui, y, x + 1, 28, name, st);
	x = ui_col(ui, y, x, 9, unit_level_label(u->level), st);
	x = ui_col(ui, y, x, 14, u->code, st);
	x = ui_col(ui, y, x, 8, n, st);
	ui_col(ui, y, x, w - 63, *u->closed_at ? _("closed") : "", st);
}

/* Units have a text code: the list keeps its selection by a hash of it. */
static int64_t units_row_id(const void *row)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p = (const unsigned char *)((const struct unit_row *)row)->code;
	for (; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (int64_t)(h >> 1);
}

static void units_enter(struct ui *ui, struct screen *s)
{
	struct units *us = (struct units *)s;
	struct list_src src = {
		.fetch = units_fetch, .draw_row = units_row, .draw_header = units_header,
		.row_id = units_row_id, .row_size = sizeof(struct unit_row), .arg = us,
	};
	units_read(ui, us);
	list_init(&us->list, &src);
	qsearch_init(&us->qs, &us->list);
	list_query(&us->list, "");
}

static void units_draw(struct ui *ui, struct screen *s)
{
	struct units *us = (struct units *)s;
	char *where = xasprintf("%s > %s", _("Settings"), _("Units: county, streets, communities"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, _("F4 adds a unit under the selected one; Enter renames, "
	                                 "moves or closes it, or records a community's profile"),
	       ST_HINT);
	list_draw(ui, &us->list, 2, 0, ui->lines - 4, ui->cols);
	if (us->nall == 0)
		ui_put(ui, 4, 2, ui->cols - 4, _("No units yet: F4 adds the county first."), ST_WARN);
	qsearch_draw(ui, &us->qs);
}

static int units_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct units *us = (struct units *)s;
	int r = qsearch_key(&us->qs, ev);
	if (r)
		return r;
	const struct unit_row *u = list_selected(&us->list);
	struct jy_err err = { 0 };
	switch (ev->act) {
	case ACT_NEW:
		if (access_check(ui->db, OP_ADMIN, NULL, &err) != JY_OK) {
			ui_err(ui, &err);
			return SK_HANDLED;
		}
		/* under the selected county or street; beside the selected community */
		ui_push(ui, unit_form_new(NULL, !u ? "" : u->level == UNIT_COMMUNITY ? u->parent_name
		                                                                   : u->name));
		return SK_HANDLED;
	case ACT_OPEN:
	case ACT_EDIT:
		if (u) {
			snprintf(us->want, sizeof us->want, "%s", u->code);
			ui_push(ui, unit_form_new(u, NULL));
		}
		return SK_HANDLED;
	case ACT_BACK:
		return SK_HANDLED | SK_POP;
	default:
		return list_key(ui, &us->list, ev);
	}
}

static void units_resume(struct ui *ui, struct screen *s)
{
	struct units *us = (struct units *)s;
	struct unit_row key = { 0 };
	snprintf(key.code, sizeof key.code, "%s", us->want);
	units_read(ui, us);
	qsearch_resume(&us->qs, *us->want ? units_row_id(&key) : 0);
}

static void units_leave(struct ui *ui, struct screen *s)
{
	struct units *us = (struct units *)s;
	(void)ui;
	list_free(&us->list);
	qsearch_free(&us->qs);
	free(us->all);
	free(us->shown);
	free(us);
}

static const struct screen_ops units_ops = {
	.name = "units", .acts = units_acts,
	.enter = units_enter, .draw = units_draw, .key = units_key, .leave = units_leave,
	.resume = units_resume, .reload = units_resume,
};

struct screen *units_new(void)
{
	struct units *us = xcalloc(1, sizeof *us);
	us->s.ops = &units_ops;
	return &us->s;
}

/* ---- a unit's form --------------------------------------------------------------------------- */

/* Labels as core names the fields in its errors, so form_show_err finds them. */
enum { U_NAME, U_LEVEL, U_PARENT, U_CODE, U_NEW_N = 4, U_CLOSE = 4, U_DATE, U_BUILD, U_ENTR,
       U_HOUSE, U_POP, U__COUNT };

struct uform {
	struct screen s;
	struct form form;
	struct unit_row was;    /* the unit as loaded; code "" for a new one */
	struct unit_profile prof;       /* its latest profile; figures -1 when none */
};

static const int uform_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE, 0
};

/* A figure of the profile form: -1 blank; -2 not a whole number (the field says so). */
static int64_t uform_figure(struct field *f)
{
	const char *v = field_value(f);
	char *end;
	if (text_is_blank(v))
		return -1;
	long long n = strtoll(v, &end, 10);
	if (*end || n < 0) {
		field_set_err(f, _("a whole number, 0 or more"));
		return -2;
	}
	return n;
}

/* The form's changes, one core call each (each its own row in the audit trail). */
static int uform_apply(struct ui *ui, struct uform *uf, struct jy_err *err)
{
	struct field *f = uf->form.f;
	const char *name = field_value(&f[U_NAME]), *parent = field_value(&f[U_PARENT]);
	if (!*uf->was.code) {
		int level = unit_level_parse(field_value(&f[U_LEVEL]));
		if (level < 0)
			return err_set(err, JY_EINVAL, "级别", _("the level is county (县区), street (街道乡镇) "
			                                        "or community (社区村)"));
		char code[32];
		int rc = unit_add(ui->db, name, level, parent, field_value(&f[U_CODE]), code, err);
		if (!rc)
			snprintf(uf->was.code, sizeof uf->was.code, "%s", code);
		return rc;
	}
	int rc = JY_OK;
	if (!form_same(name, uf->was.name))
		rc = unit_rename(ui->db, uf->was.code, name, err);
	if (!rc && !form_same(parent, uf->was.parent_name) && !form_same(parent, uf->was.parent))
		rc = unit_move(ui->db, uf->was.code, parent, err);
	struct unit_profile p = { .buildings = uform_figure(&f[U_BUILD]),
	                          .entrances = uform_figure(&f[U_ENTR]),
	                          .households = uform_figure(&f[U_HOUSE]),
	                          .population = uform_figure(&f[U_POP]) };
	if (p.buildings == -2 || p.entrances == -2 || p.households == -2 || p.population == -2)
		return rc ? rc : err_set(err, JY_EINVAL, "", _("a figure of the profile is not a whole "
		                                             "number"));
	snprintf(p.as_of, sizeof p.as_of, "%s", field_value(&f[U_DATE]));
	int figures = p.buildings != uf->prof.buildings || p.entrances != uf->prof.entrances ||
	              p.households != uf->prof.households || p.population != uf->prof.population ||
	              !form_same(p.as_of, uf->prof.as_of);
	if (!rc && figures)
		rc = unit_profile_set(ui->db, uf->was.code, &p, err);
	if (!rc && !*uf->was.closed_at && strcmp(field_value(&f[U_CLOSE]), "1") == 0)
		rc = unit_close(ui->db, uf->was.code, err);
	return rc;
}

static int uform_save(struct ui *ui, struct uform *uf)
{
	struct jy_err err = { 0 };
	if (field_leave(ui, &uf->form.f[uf->form.focus]) & FLD_CHANGED)
		uf->form.dirty = 1;
	int rc = uform_apply(ui, uf, &err);
	ui_units_changed(ui);
	if (rc == JY_EINVAL || rc == JY_ENOTFOUND) {
		form_show_err(ui, &uf->form, &err);
		return SK_HANDLED;
	}
	if (rc) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("Saved: %s"), field_value(&uf->form.f[U_NAME]));
	struct units *us = (struct units *)ui_below(ui, &uf->s);
	if (us && us->s.ops == &units_ops)
		snprintf(us->want, sizeof us->want, "%s", uf->was.code);
	return SK_HANDLED | SK_POP;
}

static int uform_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct uform *uf = (struct uform *)s;
	int fl = form_key(ui, &uf->form, ev);
	if (fl)
		return fl;
	if (ev->act == ACT_SAVE)
		return uform_save(ui, uf);
	if (ev->act == ACT_BACK)
		return form_back(ui, &uf->form, s);
	return 0;
}

static void uform_draw(struct ui *ui, struct screen *s)
{
	struct uform *uf = (struct uform *)s;
	char *where = xasprintf("%s > %s", _("Settings"), *uf->was.code ? uf->was.name : _("New unit"));
	ui_title(ui, where);
	free(where);
	ui_put(ui, 1, 1, ui->cols - 2, *uf->was.code
	       ? _("上级: a county or street by name or code (empty: the top). 关闭: it keeps its "
	           "residents and takes no new ones. F2 saves")
	       : _("级别: 县区, 街道 (乡镇) or 社区 (村); 上级 by name or code; 代码 is made when empty. "
	           "F2 saves"), ST_HINT);
	form_draw(ui, &uf->form, 3, 0, ui->lines - 5, ui->cols);
	form_hint(ui, &uf->form);
}

static int uform_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct uform *)s)->form.dirty;
}

static void uform_leave(struct ui *ui, struct screen *s)
{
	struct uform *uf = (struct uform *)s;
	(void)ui;
	form_free(&uf->form);
	free(uf);
}

static void uform_enter(struct ui *ui, struct screen *s);

static const struct screen_ops uform_ops = {
	.name = "unit", .acts = uform_acts, .enter = uform_enter,
	.draw = uform_draw, .key = uform_key, .leave = uform_leave, .dirty = uform_dirty,
};

static void uform_figure_set(struct field *f, int64_t v)
{
	char n[24] = "";
	if (v >= 0)
		snprintf(n, sizeof n, "%lld", (long long)v);
	field_set(NULL, f, n);
}

struct screen *unit_form_new(const struct unit_row *u, const char *parent)
{
	struct uform *uf = xcalloc(1, sizeof *uf);
	uf->s.ops = &uform_ops;
	form_init(&uf->form, u ? U__COUNT : U_NEW_N);
	struct field *f = uf->form.f;
	field_init(&f[U_NAME], "名称", FK_TEXT, NULL, 30, FF_REQ);
	field_init(&f[U_LEVEL], "级别", FK_TEXT, NULL, 10, u ? FF_RO : FF_REQ);
	field_init(&f[U_PARENT], "上级", FK_TEXT, NULL, 30, 0);
	field_init(&f[U_CODE], "代码", FK_TEXT, NULL, 24, u ? FF_RO : 0);
	uf->prof = (struct unit_profile){ "", -1, -1, -1, -1 };
	if (!u) {
		field_set(NULL, &f[U_PARENT], parent ? parent : "");
		field_set(NULL, &f[U_LEVEL], parent && *parent ? "社区" : "县区");
		return &uf->s;
	}
	uf->was = *u;
	field_set(NULL, &f[U_NAME], u->name);
	field_set(NULL, &f[U_LEVEL], unit_level_label(u->level));
	field_set(NULL, &f[U_PARENT], u->parent_name);
	field_set(NULL, &f[U_CODE], u->code);
	field_init(&f[U_CLOSE], "关闭", FK_BOOL, NULL, 1, *u->closed_at ? FF_RO : 0);
	field_set(NULL, &f[U_CLOSE], *u->closed_at ? "1" : "0");
	field_init(&f[U_DATE], "日期", FK_DATE, NULL, 10, 0);
	field_init(&f[U_BUILD], "楼栋", FK_TEXT, NULL, 8, 0);
	field_init(&f[U_ENTR], "门栋", FK_TEXT, NULL, 8, 0);
	field_init(&f[U_HOUSE], "户", FK_TEXT, NULL, 8, 0);
	field_init(&f[U_POP], "人", FK_TEXT, NULL, 8, 0);
	return &uf->s;
}

/* The latest profile, read when the form opens. */
static void uform_enter(struct ui *ui, struct screen *s)
{
	struct uform *uf = (struct uform *)s;
	if (!*uf->was.code || uf->form.n < U__COUNT)
		return;
	struct jy_err err = { 0 };
	int rc = unit_profile_get(ui->db, uf->was.code, &uf->prof, &err);
	if (rc == JY_ENOTFOUND) {
		uf->prof = (struct unit_profile){ "", -1, -1, -1, -1 };
		return;
	}
	if (rc) {
		ui_err(ui, &err);
		return;
	}
	struct field *f = uf->form.f;
	field_set(NULL, &f[U_DATE], uf->prof.as_of);
	uform_figure_set(&f[U_BUILD], uf->prof.buildings);
	uform_figure_set(&f[U_ENTR], uf->prof.entrances);
	uform_figure_set(&f[U_HOUSE], uf->prof.households);
	uform_figure_set(&f[U_POP], uf->prof.population);
}

/* ---- the first start ------------------------------------------------------------------------- */

/* The county, then up to three streets each with its communities: an office starts with what it
 * has at hand, and adds the rest in 设置 → 单位. */
enum { S_COUNTY, S_STREET1, S_COMM1, S_STREET2, S_COMM2, S_STREET3, S_COMM3, S__COUNT };

struct setup {
	struct screen s;
	struct form form;
};

static const int setup_acts[] = {
	ACT_SAVE, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL,
	ACT_HOME, ACT_END, ACT_KILL_END, ACT_KILL_START, 0
};

/* Bytes up to the next separator of a list of names: 、 ， , ; ； or a space. */
static size_t setup_sep(const char *p, size_t *skip)
{
	static const char *const seps[] = { "、", "，", "；", "　", ",", ";", " " };
	for (size_t n = 0;; n++) {
		if (!p[n]) {
			*skip = 0;
			return n;
		}
		for (size_t i = 0; i < ARRAY_LEN(seps); i++)
			if (strncmp(p + n, seps[i], strlen(seps[i])) == 0) {
				*skip = strlen(seps[i]);
				return n;
			}
	}
}

/* Each community of field i under street; *added counts them. JY_EINVAL with err naming field i. */
static int setup_communities(struct ui *ui, struct setup *st, int i, const char *street,
                             int *added, struct jy_err *err)
{
	const char *p = field_value(&st->form.f[i]);
	while (*p) {
		size_t skip, n = setup_sep(p, &skip);
		char *name = xstrndup(p, n);
		p += n + skip;
		int rc = *name ? unit_add(ui->db, name, UNIT_COMMUNITY, street, NULL, NULL, err) : JY_OK;
		free(name);
		if (rc)
			return rc;
		*added += n > 0;
	}
	return JY_OK;
}

/* The whole tree in one transaction: a refusal leaves nothing half made. */
static int setup_apply(struct ui *ui, struct setup *st, int *bad, int counts[3],
                       struct jy_err *err)
{
	struct field *f = st->form.f;
	const char *county = field_value(&f[S_COUNTY]);
	*bad = S_COUNTY;
	if (text_is_blank(county))
		return err_set(err, JY_EINVAL, "", _("give the county (县, 区) the office belongs to"));
	int rc = db_begin(ui->db, err), began = !rc;
	if (!rc && !(rc = unit_add(ui->db, county, UNIT_COUNTY, NULL, NULL, NULL, err)))
		counts[0] = 1;
	for (int k = 0; !rc && k < 3; k++) {
		int si = S_STREET1 + 2 * k, ci = si + 1;
		const char *street = field_value(&f[si]), *comms = field_value(&f[ci]);
		if (text_is_blank(street) && !text_is_blank(comms)) {
			*bad = si;
			rc = err_set(err, JY_EINVAL, "", _("give the street (街道, 乡镇) these communities "
			                                  "belong to"));
		} else if (!text_is_blank(street)) {
			*bad = si;
			rc = unit_add(ui->db, street, UNIT_STREET, county, NULL, NULL, err);
			counts[1] += !rc;
			*bad = ci;
			if (!rc)
				rc = setup_communities(ui, st, ci, street, &counts[2], err);
		}
	}
	if (!rc && counts[2] == 0) {
		*bad = text_is_blank(field_value(&f[S_STREET1])) ? S_STREET1 : S_COMM1;
		rc = err_set(err, JY_EINVAL, "", _("give at least one community (社区, 村): several are "
		                                  "separated by 、"));
	}
	if (rc) {
		if (began)
			db_rollback(ui->db);
		return rc;
	}
	return db_commit(ui->db, err);
}

static int setup_save(struct ui *ui, struct setup *st)
{
	struct jy_err err = { 0 };
	int bad, counts[3] = { 0, 0, 0 };
	field_leave(ui, &st->form.f[st->form.focus]);
	int rc = setup_apply(ui, st, &bad, counts, &err);
	ui_units_changed(ui);
	if (rc == JY_EINVAL || rc == JY_ENOTFOUND) {
		field_set_err(&st->form.f[bad], err.msg);
		form_focus(ui, &st->form, bad);
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	if (rc) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("Saved: the county, %d streets and %d communities; 设置 → 单位 adds more"),
	       counts[1], counts[2]);
	return SK_HANDLED | SK_POP;
}

static int setup_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct setup *st = (struct setup *)s;
	int fl = form_key(ui, &st->form, ev);
	if (fl)
		return fl;
	if (ev->act == ACT_SAVE)
		return setup_save(ui, st);
	if (ev->act == ACT_BACK) {
		ui_msg(ui, ST_WARN, "%s", _("No units yet: 设置 → 单位 adds them, and the next start asks "
		                            "again"));
		return SK_HANDLED | SK_POP;
	}
	return 0;
}

static void setup_draw(struct ui *ui, struct screen *s)
{
	struct setup *st = (struct setup *)s;
	ui_title(ui, _("First start: the office's units"));
	char *lines[4];
	int n = ui_wrap(_("This database has no units yet. Type the county, each street or town with "
	                  "its communities or villages (several separated by 、), then F2. More can be "
	                  "added later in 设置 → 单位; Esc skips this for now."), ui->cols - 2, lines, 4);
	for (int i = 0; i < n; i++) {
		ui_put(ui, 1 + i, 1, ui->cols - 2, lines[i], ST_HINT);
		free(lines[i]);
	}
	form_draw(ui, &st->form, 2 + n, 0, ui->lines - 4 - n, ui->cols);
	form_hint(ui, &st->form);
}

static void setup_leave(struct ui *ui, struct screen *s)
{
	struct setup *st = (struct setup *)s;
	(void)ui;
	form_free(&st->form);
	free(st);
}

static int setup_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct setup *)s)->form.dirty;
}

static const struct screen_ops setup_ops = {
	.name = "first-start", .acts = setup_acts,
	.draw = setup_draw, .key = setup_key, .leave = setup_leave, .dirty = setup_dirty,
};

struct screen *setup_new(void)
{
	static const char *const labels[S__COUNT] = {
		"县/区", "街道/乡镇 1", "社区/村 1", "街道/乡镇 2", "社区/村 2", "街道/乡镇 3", "社区/村 3",
	};
	struct setup *st = xcalloc(1, sizeof *st);
	st->s.ops = &setup_ops;
	form_init(&st->form, S__COUNT);
	for (int i = 0; i < S__COUNT; i++)
		field_init(&st->form.f[i], labels[i], FK_TEXT, NULL, i % 2 == 0 && i ? 200 : 30,
		           i == S_COUNTY ? FF_REQ : 0);
	return &st->s;
}

void setup_offer(struct ui *ui)
{
	struct jy_err err = { 0 };
	int n = 0;
	if (!access_may(ui->db, OP_ADMIN))
		return;
	if (unit_count(ui->db, &n, &err) != JY_OK) {
		ui_err(ui, &err);
		return;
	}
	if (n == 0)
		ui_push(ui, setup_new());
}
