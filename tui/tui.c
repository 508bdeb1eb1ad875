/* tui/tui.c: the screen stack and the one main loop.
 *
 * Each turn: erase, draw the stack from the topmost full screen up, one doupdate; then wait for a
 * key. erase() + a full redraw costs nothing on the wire for what did not change (ncurses diffs;
 * measured 0 bytes); clear() only for Ctrl-L. Keys that are already waiting (an input method's
 * burst, a paste) are all handled before the next draw, and a list they searched is searched
 * once, when drawn (list_query); a frame that a key overtook while it was drawn is not sent
 * (ui_draw). When no key comes for a while, the loop asks core whether another worker committed
 * and lets the top screen reload: no screen sleeps, polls or draws on its own. */
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "tui.h"

#define POLL_MS 2000
#define FRAME_MS 500        /* under a stream of keys, a frame still goes out this often */

static long long ui_now_ms(void);

void ui_push(struct ui *ui, struct screen *s)
{
	if (ui->depth == UI_STACK_MAX) {
		s->ops->leave(ui, s);
		ui_msg(ui, ST_ERROR, "%s", _("too many screens open; close one with Esc"));
		return;
	}
	ui->stack[ui->depth++] = s;
	if (s->ops->enter)
		s->ops->enter(ui, s);
}

struct screen *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

struct screen *ui_below(struct ui *ui, struct screen *s)
{
	for (int i = 1; i < ui->depth; i++)
		if (ui->stack[i] == s)
			return ui->stack[i - 1];
	return NULL;
}

/* Remove s wherever it is on the stack (a dialog's answer may close the form under it). */
static void ui_remove(struct ui *ui, struct screen *s)
{
	for (int i = 0; i < ui->depth; i++) {
		if (ui->stack[i] != s)
			continue;
		memmove(&ui->stack[i], &ui->stack[i + 1], sizeof ui->stack[0] * (size_t)(ui->depth - i - 1));
		ui->depth--;
		s->ops->leave(ui, s);
		return;
	}
}

void ui_pop(struct ui *ui, struct screen *s)
{
	ui_remove(ui, s);
}

void ui_msg(struct ui *ui, int style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	/* one line: whatever core wrote, newlines become spaces */
	for (char *p = ui->msg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	ui->msg_style = style;
	ui->msg_keep = 1;
}

void ui_err(struct ui *ui, const struct jy_err *err)
{
	if (err->field[0])
		ui_msg(ui, err->warn || err->code == JY_OK ? ST_WARN : ST_ERROR, "%s: %s", err->field, err->msg);
	else
		ui_msg(ui, err->warn || err->code == JY_OK ? ST_WARN : ST_ERROR, "%s", err->msg);
}

/* ---- code lists, loaded once per session, with the pinyin initials of every label --------------- */

static char *initials_of(const char *label)
{
	char *ini[8];
	int n = hanzi_initials_all(label, ini, 8);
	struct jy_buf b = { 0 };
	for (int i = 0; i < n; i++) {
		buf_add(&b, ini[i], strlen(ini[i]) + 1);
		free(ini[i]);
	}
	buf_add(&b, "", 1);
	return buf_steal(&b);
}

const struct ui_codes *ui_codes(struct ui *ui, const char *list)
{
	for (int i = 0; i < ui->ncodes; i++)
		if (strcmp(ui->codes[i].name, list) == 0)
			return &ui->codes[i];
	if (ui->ncodes == UI_CODES_MAX)
		return NULL;
	struct ui_codes *c = &ui->codes[ui->ncodes];
	struct jy_err err = { 0 };
	int rc = strcmp(list, "@units") == 0 ? units_load(ui->db, &c->cl, &err)
	                                       : codes_load(ui->db, list, &c->cl, &err);
	if (rc != JY_OK) {
		ui_err(ui, &err);       /* the codes shown in place of their labels say why */
		return NULL;
	}
	snprintf(c->name, sizeof c->name, "%s", list);
	c->ini = xcalloc((size_t)c->cl.n + 1, sizeof *c->ini);
	for (int i = 0; i < c->cl.n; i++)
		c->ini[i] = initials_of(c->cl.items[i].label);
	ui->ncodes++;
	return c;
}

const char *ui_code_label(struct ui *ui, const char *list, const char *code)
{
	if (!code || !*code)
		return "";
	const struct ui_codes *c = ui_codes(ui, list);
	const char *l = c ? codes_label(&c->cl, code) : NULL;
	return l ? l : code;
}

void ui_units_changed(struct ui *ui)
{
	/* in place: a pointer a screen holds stays valid, and the next use reads the units again */
	for (int i = 0; i < ui->ncodes; i++) {
		struct ui_codes *c = &ui->codes[i];
		if (strcmp(c->name, "@units") != 0)
			continue;
		for (int j = 0; j < c->cl.n; j++)
			free(c->ini[j]);
		FREE(&c->ini);
		codes_free(&c->cl);
		struct jy_err err = { 0 };
		if (units_load(ui->db, &c->cl, &err) != JY_OK) {
			ui_err(ui, &err);
			c->ini = xcalloc(1, sizeof *c->ini);
			continue;
		}
		c->ini = xcalloc((size_t)c->cl.n + 1, sizeof *c->ini);
		for (int j = 0; j < c->cl.n; j++)
			c->ini[j] = initials_of(c->cl.items[j].label);
	}
}

static void ui_codes_free(struct ui *ui)
{
	for (int i = 0; i < ui->ncodes; i++) {
		for (int j = 0; j < ui->codes[i].cl.n; j++)
			free(ui->codes[i].ini[j]);
		free(ui->codes[i].ini);
		codes_free(&ui->codes[i].cl);
	}
	ui->ncodes = 0;
}

/* ---- quitting ------------------------------------------------------------------------------------ */

static void quit_answer(struct ui *ui, void *arg, int yes)
{
	(void)arg;
	if (yes)
		ui->quit = 1;
}

static int ui_dirty(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->dirty && ui->stack[i]->ops->dirty(ui, ui->stack[i]))
			return 1;
	return 0;
}

void ui_quit_ask(struct ui *ui)
{
	if (!ui_dirty(ui)) {
		ui->quit = 1;
		return;
	}
	dialog_confirm(ui, _("Quit"),
	               _("A form is not saved. It is kept as a draft, and jiuye offers it the next time you "
	                 "start. Quit now?"), 0, quit_answer, NULL);
}

/* ---- the loop ------------------------------------------------------------------------------------ */

static void draw_too_small(struct ui *ui)
{
	/* Both languages, not gettext: the screen may be too small to choose. */
	char *text = xasprintf("终端太小，至少需要 80x24（现在 %dx%d）\nterminal too small, need 80x24 "
	                       "(now %dx%d)\nF10 / Ctrl-Q: 退出 quit", ui->cols, ui->lines, ui->cols, ui->lines);
	char *lines[12];
	int n = ui_wrap(text, ui->cols > 1 ? ui->cols - 1 : 1, lines, 12);
	int y0 = (ui->lines - n) / 2;
	for (int i = 0; i < n; i++) {
		if (y0 + i >= 0 && y0 + i < ui->lines)
			ui_puts(ui, y0 + i, 0, ui->cols, lines[i], i < 2 ? ST_WARN : ST_NORMAL);
		free(lines[i]);
	}
	free(text);
}

/* A key is waiting on the terminal, on the fd ncurses reads keys from (newterm's stdin). */
static int ui_key_waiting(void)
{
	struct pollfd p = { .fd = fileno(stdin), .events = POLLIN };
	return poll(&p, 1, 0) > 0;
}

/* Draw the stack and send the frame; returns 1 when sent. With may_skip, a frame that a key
 * overtook while it was drawn (a search in a big registry takes a while, a slow link delays the
 * keys) is not sent: the key changes it again, and the worker would wait for both to cross the
 * link. ncurses' own typeahead check does not do this: it only flushes what it has so far. */
static int ui_draw(struct ui *ui, int may_skip)
{
	erase();
	ui->cur_y = -1;
	if (ui->too_small) {
		draw_too_small(ui);
	} else if (ui->depth) {
		int base = ui->depth - 1;
		while (base > 0 && ui->stack[base]->overlay)
			base--;
		ui_status(ui);
		ui->stack[base]->ops->draw(ui, ui->stack[base]);
		ui_status_long(ui);
		ui_bar(ui, ui_top(ui));
		for (int i = base + 1; i < ui->depth; i++) {
			ui->cur_y = -1;
			ui->stack[i]->ops->draw(ui, ui->stack[i]);
		}
	}
	if (may_skip && ui_key_waiting()) {
		/* Nor sent by get_wch, which refreshes a window changed or moved in since its last
		 * refresh: nothing here counts as changed, the cursor stays where the terminal has it.
		 * The next frame starts with erase(), which marks every line changed again. */
		untouchwin(stdscr);
		wmove(stdscr, getcury(curscr), getcurx(curscr));
		return 0;
	}
	if (ui->cur_y >= 0) {
		curs_set(1);
		move(ui->cur_y, ui->cur_x);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	return 1;
}

static int in_stack(struct ui *ui, struct screen *s)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i] == s)
			return 1;
	return 0;
}

static void ui_handle(struct ui *ui, const struct ui_event *ev)
{
	if (ev->key == K_FN(KEY_RESIZE)) {
		term_size(ui);
		return;
	}
	if (ev->act == ACT_REDRAW) {
		clearok(curscr, TRUE);
		return;
	}
	if (ui->too_small) {
		if (ev->act == ACT_QUIT || ev->act == ACT_INTERRUPT)
			ui_quit_ask(ui);
		return;
	}
	struct screen *s = ui_top(ui);
	struct screen *before[UI_STACK_MAX];
	int nbefore = ui->depth;
	memcpy(before, ui->stack, sizeof before[0] * (size_t)nbefore);

	ui->msg_keep = 0;
	int fl = s->ops->key(ui, s, ev);
	if (!(fl & SK_HANDLED)) {
		if (ev->act == ACT_HELP)
			help_push(ui, s);
		else if (ev->act == ACT_QUIT)
			ui_quit_ask(ui);
		else if (ev->act == ACT_INTERRUPT)
			dialog_confirm(ui, _("Quit"), _("Quit jiuye?"), 0, quit_answer, NULL);
	}
	if (fl & SK_POP)
		ui_remove(ui, s);
	if (fl & SK_QUIT)
		ui->quit = 1;
	if (!ui->msg_keep)
		ui->msg[0] = '\0';

	/* A screen uncovered by this key gets to reload what may have changed under it. */
	struct screen *top = ui_top(ui);
	int was_there = 0, was_top = nbefore && before[nbefore - 1] == top;
	for (int i = 0; i < nbefore; i++)
		was_there |= before[i] == top;
	if (top && was_there && !was_top && !top->overlay && top->ops->resume && in_stack(ui, top))
		top->ops->resume(ui, top);
}

/* The idle lock (lock.c): after lock_s seconds without a key the lock screen goes
 * on top of whatever is open. The wait for a key is cut short so that it comes on time. */
static long long ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ui_wait_ms(int lock_s, long long last_key, int locked)
{
	if (lock_s <= 0 || locked)
		return POLL_MS;
	long long left = last_key + lock_s * 1000LL - ui_now_ms();
	return left <= 0 ? 1 : left < POLL_MS ? (int)left : POLL_MS;
}

static int ui_locked(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++)
		if (strcmp(ui->stack[i]->ops->name, "lock") == 0)
			return 1;
	return 0;
}


/* The worker's role and communities as the worker table says now: another worker's commit may
 * have been an administrator closing her account or changing her role, which must not
 * wait for her next start. A worker closed meanwhile sees a message and her screens refuse. */
static void ui_actor_refresh(struct ui *ui)
{
	struct jy_actor who = *db_actor(ui->db);
	struct jy_err err = { 0 };
	int was = who.role;
	if (db_set_actor(ui->db, &who, &err) != JY_OK)
		ui_err(ui, &err);       /* she has no role until the worker table can be read */
	else if (was && !db_actor(ui->db)->role)
		ui_msg(ui, ST_ERROR, "%s", _("Your account was closed by an administrator: nothing more can be "
		                              "seen or changed; F10 quits"));
}

static void ui_loop(struct ui *ui)
{
	struct ui_event ev;
	int lock_s = lock_idle_seconds(ui);
	long long last_key = ui_now_ms(), sent = last_key;

	while (!ui->quit && ui->depth > 0) {
		if (ui_draw(ui, ui_now_ms() - sent < FRAME_MS))
			sent = ui_now_ms();
		int got = term_read(ui, ui_wait_ms(lock_s, last_key, ui_locked(ui)), &ev);
		if (got < 0)
			break;          /* the terminal is gone */
		if (got)
			last_key = ui_now_ms();
		else if (lock_s > 0 && !ui_locked(ui) && ui_now_ms() - last_key >= lock_s * 1000LL) {
			ui_push(ui, lock_new(ui));
			continue;
		}
		if (!got) {
			struct screen *top = ui_top(ui);
			struct jy_err err = { 0 };
			int changed = 0;
			if (db_changed(ui->db, &changed, &err) != JY_OK)
				ui_err(ui, &err);
			if (changed) {
				ui_actor_refresh(ui);   /* an administrator may have changed or closed her */
				if (top && top->ops->reload)
					top->ops->reload(ui, top);
			}
			continue;
		}
		ui_handle(ui, &ev);
		for (int n = 0; n < 512 && !ui->quit && ui->depth > 0 && term_read(ui, 0, &ev) > 0; n++)
			ui_handle(ui, &ev);
		for (int i = 0; i < ui->depth; i++)
			if (ui->stack[i]->ops->idle)
				ui->stack[i]->ops->idle(ui, ui->stack[i]);
	}
}

/* ---- the Linux console ---------------------------------------------------------------------- */

/* The console's font has no Chinese characters (a framebuffer terminal such as fbterm or zhcon that
 * has them may still say TERM=linux). Asked in ASCII, with pinyin for whoever reads no English. */
static const char *const console_text[] = {
	"jiuye: the Linux console cannot draw Chinese characters.",
	"       Linux kongzhitai wufa xianshi hanzi.",
	"",
	"  Enter   go on with the English interface (Yingwen jiemian). Names stay as",
	"          stored; find people by pinyin initials (zxh) or the last digits of",
	"          their ID number.",
	"  c       go on in Chinese all the same (a console that draws it: fbterm, zhcon)",
	"  F10     quit (tuichu)",
};

static int term_is_console(void)
{
	const char *t = getenv("TERM");
	return t && strncmp(t, "linux", 5) == 0;
}

/* The interface in English from now on: messages in the C locale, the rest as it is. */
static void ui_english(void)
{
	unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, "C");
}

/* 1: go on (in English, or in Chinese when she says so); 0: she quits. */
static int console_ask(struct ui *ui)
{
	for (;;) {
		erase();
		for (size_t i = 0; i < ARRAY_LEN(console_text); i++)
			ui_puts(ui, 2 + (int)i, 1, ui->cols - 2, console_text[i], i < 2 ? ST_WARN : ST_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		struct ui_event ev;
		int got = term_read(ui, 1000, &ev);     /* a timeout: a terminal gone is noticed */
		if (got < 0 || ev.act == ACT_QUIT || ev.act == ACT_INTERRUPT)
			return 0;
		if (got == 0)
			continue;
		if (ev.key == K_FN(KEY_RESIZE))
			term_size(ui);
		else if (ev.key == '\n') {
			ui_english();
			return 1;
		} else if (ev.key == 'c' || ev.key == 'C')
			return 1;
	}
}

/* On the console: a Chinese interface is asked about; an English one says why names are blocks. */
static int console_check(struct ui *ui)
{
	if (!term_is_console())
		return 1;
	/* the catalogue in use translates: the interface would be Chinese */
	if (strcmp(_("Quit"), "Quit") != 0)
		return console_ask(ui);
	ui_msg(ui, ST_WARN, "%s", _("The Linux console cannot draw Chinese: names show as blocks; find "
	                              "people by pinyin initials or ID digits"));
	return 1;
}

int tui_run(struct jy_db *db, const char *dbpath)
{
	if (!term_locale_ok())
		return 1;
	struct ui *ui = xcalloc(1, sizeof *ui);
	ui->db = db;
	ui->dbpath = dbpath;
	ui->cur_y = -1;
	date_today(ui->today);
	if (term_init(ui)) {
		free(ui);
		return 1;
	}
	if (!console_check(ui)) {
		term_end();
		free(ui);
		return 0;
	}
	struct jy_err err = { 0 };
	int changed;
	/* the audit trail, G1; then from now on, "changed" means by someone else */
	int rc = audit_note(db, "login", "session", 0, NULL, NULL, JY_OK, &err);
	if (!rc)
		rc = db_changed(db, &changed, &err);
	ui_push(ui, menu_new());
	rform_offer_draft(ui);
	setup_offer(ui);        /* a database without units: the administrator's first screen */
	if (rc)
		ui_err(ui, &err);
	ui_loop(ui);
	while (ui->depth)
		ui_remove(ui, ui_top(ui));
	ui_codes_free(ui);
	term_end();
	free(ui);
	return 0;
}
