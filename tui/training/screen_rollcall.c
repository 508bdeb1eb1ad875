/* tui/training/screen_rollcall.c: the roll call of one session, one key per person: 1 (d) 到, 2 (q) 缺,
 * 3 (c) 迟, 4 (j) 假 — or the character itself from an input method — and the cursor goes to the
 * next person, so a class of forty is typed in forty keys, usually from the signed sheet. Space
 * moves a mark along; F2 saves the whole roll call at once.
 *
 * The marks are the key table's own rows (tui/keys.h), looked up by key here because 'c' is also
 * the resident page's certificate key. Another worker who saved the same roll call first: core
 * refuses this save; the screen loads theirs and puts this worker's changed marks back on top. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct rcall {
	struct screen s;
	int64_t session_id;
	struct rollcall rc;
	char *where, *about;
	int sel, top;
	char err[512];
};

static const int rcall_acts[] = {
	ACT_PRESENT, ACT_ABSENT, ACT_LATE, ACT_LEAVE, ACT_TOGGLE, ACT_SAVE, ACT_BACK, ACT_NEXT, ACT_PREV,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, 0
};

/* The mark a key means: the roll-call rows of the key table, or 到 缺 迟 假 typed as characters. */
static int mark_of_key(int key)
{
	static const struct { int act, mark; } acts[] = {
		{ ACT_PRESENT, MARK_PRESENT }, { ACT_ABSENT, MARK_ABSENT },
		{ ACT_LATE, MARK_LATE }, { ACT_LEAVE, MARK_LEAVE },
	};
	for (int i = 0; i < key_nrows; i++)
		for (size_t k = 0; k < ARRAY_LEN(acts); k++)
			if (key_rows[i].act == acts[k].act && (key_rows[i].key == key || key_rows[i].also == key))
				return acts[k].mark;
	switch (key) {
	case 0x5230: return MARK_PRESENT;       /* 到 */
	case 0x7F3A: return MARK_ABSENT;        /* 缺 */
	case 0x8FDF: return MARK_LATE;          /* 迟 */
	case 0x5047: return MARK_LEAVE;         /* 假 */
	default: return MARK_NONE;
	}
}

static int rcall_changed(const struct rcall *r)
{
	int n = 0;
	for (int i = 0; i < r->rc.n; i++)
		n += r->rc.rows[i].mark != r->rc.rows[i].was;
	return n;
}

static void rcall_load(struct ui *ui, struct rcall *r)
{
	struct jy_err err = { 0 };
	rollcall_free(&r->rc);
	r->err[0] = '\0';
	if (rollcall_load(ui->db, r->session_id, &r->rc, &err) != JY_OK)
		snprintf(r->err, sizeof r->err, "%s", err.msg);
}

static void rcall_enter(struct ui *ui, struct screen *s)
{
	struct rcall *r = (struct rcall *)s;
	struct session *se = NULL;
	struct course *c = NULL;
	struct jy_err err = { 0 };
	rcall_load(ui, r);
	if (session_load(ui->db, r->session_id, &se, &err) != JY_OK ||
	    course_load(ui->db, se->course_id, &c, &err) != JY_OK)
		ui_err(ui, &err);
	r->where = xasprintf("%s > %s > %s", _("Training"), c ? course_get(c, CF_NAME) : "", _("Roll call"));
	if (se) {
		struct jy_buf b = { 0 };
		buf_addf(&b, "%s  第%s次课  %s", c ? course_get(c, CF_CODE) : "", session_get(se, SF_NO),
		         session_get(se, SF_DATE));
		if (se->v[SF_START])
			buf_addf(&b, "  %s-%s", session_get(se, SF_START), session_get(se, SF_END));
		if (se->v[SF_TOPIC])
			buf_addf(&b, "  %s", session_get(se, SF_TOPIC));
		r->about = buf_steal(&b);
	} else {
		r->about = xstrdup("");
	}
	/* the first person not marked yet */
	for (r->sel = 0; r->sel < r->rc.n && r->rc.rows[r->sel].mark != MARK_NONE; r->sel++)
		;
	if (r->sel == r->rc.n)
		r->sel = 0;
	session_free(&se);
	course_free(&c);
}

static void rcall_draw(struct ui *ui, struct screen *s)
{
	struct rcall *r = (struct rcall *)s;
	ui_title(ui, r->where);
	ui_put(ui, 1, 1, ui->cols - 2, r->about, ST_MARK);
	ui_put(ui, 2, 1, ui->cols - 2, _("1 or d: 到   2 or q: 缺   3 or c: 迟   4 or j: 假   Space: the next mark   F2 saves"),
	       ST_HINT);
	int count[MARK__COUNT] = { 0 };
	for (int i = 0; i < r->rc.n; i++)
		count[r->rc.rows[i].mark]++;
	char *counts = xasprintf(_("到 %d  迟 %d  假 %d  缺 %d  not marked %d  (of %d)"), count[MARK_PRESENT],
	                         count[MARK_LATE], count[MARK_LEAVE], count[MARK_ABSENT], count[MARK_NONE], r->rc.n);
	ui_put(ui, 3, 1, ui->cols - 2, counts, ST_NORMAL);
	free(counts);
	if (r->err[0]) {
		ui_put(ui, 5, 1, ui->cols - 2, r->err, ST_ERROR);
		return;
	}
	if (r->rc.n == 0) {
		ui_put(ui, 5, 2, ui->cols - 4, _("Nobody is on the roll: enrol trainees in the course first."), ST_HINT);
		return;
	}
	int y0 = 5, h = ui->lines - 2 - y0;
	ui_fill(ui, y0 - 1, 0, ui->cols, ST_HEADER);
	ui_put(ui, y0 - 1, 1, 4, "序号", ST_HEADER);
	ui_put(ui, y0 - 1, 6, 12, "姓名", ST_HEADER);
	ui_put(ui, y0 - 1, 19, 18, "身份证号", ST_HEADER);
	ui_put(ui, y0 - 1, 38, 6, "点名", ST_HEADER);
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + h)
		r->top = r->sel - h + 1;
	for (int i = 0; i < h && r->top + i < r->rc.n; i++) {
		const struct rollcall_row *row = &r->rc.rows[r->top + i];
		int sel = r->top + i == r->sel, y = y0 + i;
		char no[12], id[19], mark[16];
		snprintf(no, sizeof no, "%d", r->top + i + 1);
		ui_mask_id(row->id_no, id);
		snprintf(mark, sizeof mark, "[%s]", row->mark ? mark_label(row->mark) : "  ");
		ui_put(ui, y, 0, 1, sel ? ">" : " ", sel ? ST_SELECTED : ST_NORMAL);
		ui_put(ui, y, 1, 5, no, sel ? ST_SELECTED : ST_NORMAL);
		ui_put(ui, y, 6, 13, row->name, sel ? ST_SELECTED : ST_NORMAL);
		ui_put(ui, y, 19, 18, id, ST_NORMAL);
		ui_put(ui, y, 38, 4, mark, row->mark == MARK_PRESENT ? ST_OK : row->mark ? ST_WARN : ST_HINT);
		if (row->mark != row->was)
			ui_put(ui, y, 43, 1, "*", ST_MARK);     /* changed, not saved yet */
	}
}

static void rcall_set(struct rcall *r, int mark)
{
	if (r->rc.n == 0)
		return;
	r->rc.rows[r->sel].mark = mark;
	if (r->sel + 1 < r->rc.n)
		r->sel++;
}

/* Another worker saved first: theirs loaded, this worker's changed marks put back on top. */
static void rcall_conflict(struct ui *ui, struct rcall *r, const struct jy_err *cerr)
{
	struct rollcall mine = r->rc;
	r->rc = (struct rollcall){ 0 };
	rcall_load(ui, r);
	int kept = 0;
	for (int i = 0; i < mine.n; i++) {
		if (mine.rows[i].mark == mine.rows[i].was)
			continue;
		for (int k = 0; k < r->rc.n; k++)
			if (r->rc.rows[k].enrolment_id == mine.rows[i].enrolment_id) {
				r->rc.rows[k].mark = mine.rows[i].mark;
				kept++;
			}
	}
	rollcall_free(&mine);
	char *text = xasprintf(_("%s\n\nTheir marks are loaded now; your %d changed marks are kept on top "
	                         "(marked *). F2 saves them."), cerr->msg, kept);
	dialog_alert(ui, _("Changed by another worker"), text);
	free(text);
}

static int rcall_save(struct ui *ui, struct rcall *r)
{
	struct jy_err err = { 0 };
	int n = rcall_changed(r);
	int rc = rollcall_save(ui->db, &r->rc, &err);
	if (rc == JY_ECONFLICT) {
		rcall_conflict(ui, r, &err);
		return SK_HANDLED;
	}
	if (rc != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	ui_msg(ui, ST_OK, _("Roll call saved: %d marks"), n);
	return SK_HANDLED | SK_POP;
}

static void rcall_discard(struct ui *ui, void *arg, int yes)
{
	if (yes)
		ui_pop(ui, arg);
}

static int rcall_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct rcall *r = (struct rcall *)s;
	int page = ui->lines - 8;
	int mark = mark_of_key(ev->key);
	if (mark != MARK_NONE) {
		rcall_set(r, mark);
		return SK_HANDLED;
	}
	switch (ev->act) {
	case ACT_TOGGLE:        /* Space: the next mark, staying on the person */
		if (r->rc.n)
			r->rc.rows[r->sel].mark = r->rc.rows[r->sel].mark % MARK_LEAVE + 1;
		return SK_HANDLED;
	case ACT_SAVE:
		return rcall_save(ui, r);
	case ACT_NEXT:
	case ACT_OPEN:
		if (r->sel + 1 < r->rc.n)
			r->sel++;
		return SK_HANDLED;
	case ACT_PREV:
		if (r->sel > 0)
			r->sel--;
		return SK_HANDLED;
	case ACT_PGDN:
		r->sel = r->sel + page < r->rc.n ? r->sel + page : (r->rc.n ? r->rc.n - 1 : 0);
		return SK_HANDLED;
	case ACT_PGUP:
		r->sel = r->sel > page ? r->sel - page : 0;
		return SK_HANDLED;
	case ACT_HOME:
		r->sel = 0;
		return SK_HANDLED;
	case ACT_END:
		r->sel = r->rc.n ? r->rc.n - 1 : 0;
		return SK_HANDLED;
	case ACT_BACK:
		if (!rcall_changed(r))
			return SK_HANDLED | SK_POP;
		dialog_confirm(ui, _("Discard changes"), _("This roll call has marks that are not saved. Discard them?"),
		               0, rcall_discard, r);
		return SK_HANDLED;
	default:
		return 0;
	}
}

static int rcall_dirty(struct ui *ui, struct screen *s)
{
	(void)ui;
	return rcall_changed((struct rcall *)s) > 0;
}

static void rcall_leave(struct ui *ui, struct screen *s)
{
	struct rcall *r = (struct rcall *)s;
	(void)ui;
	rollcall_free(&r->rc);
	free(r->where);
	free(r->about);
	free(r);
}

static const struct screen_ops rcall_ops = {
	.name = "rollcall", .acts = rcall_acts,
	.enter = rcall_enter, .draw = rcall_draw, .key = rcall_key, .leave = rcall_leave,
	.dirty = rcall_dirty,
};

struct screen *rollcall_new(int64_t session_id)
{
	struct rcall *r = xcalloc(1, sizeof *r);
	r->s.ops = &rcall_ops;
	r->session_id = session_id;
	return &r->s;
}
