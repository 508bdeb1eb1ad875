/* tui/screen_menu.c: the main menu. A digit opens its module; the modules of later issues say
 * plainly that they are not there yet. For a worker who may see residents, 今日待办 stands to
 * its right (screen_today.c), a letter opening each list. */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

struct menu {
	struct screen s;
	int sel;
	struct today today;
};

static const struct {
	const char *label;      /* gettext msgid */
	int ready;
} menu_items[] = {
	{ N_("Residents"), 1 },
	{ N_("Jobs and referrals"), 1 },
	{ N_("Training"), 1 },
	{ N_("Reports"), 1 },
	{ N_("Settings"), 1 },
	{ N_("Enterprise and loans"), 1 },
	{ N_("Rights cases"), 1 },
	{ N_("Mentoring pairs"), 1 },
	{ N_("Outreach events"), 1 },
	{ N_("Migrant women"), 1 },
	{ N_("Quit"), 1 },
};
#define MENU_QUIT ((int)ARRAY_LEN(menu_items) - 1)

static const int menu_acts[] = { ACT_MODULE, ACT_OPEN, ACT_NEXT, ACT_PREV, 0 };

static void menu_draw(struct ui *ui, struct screen *s)
{
	struct menu *m = (struct menu *)s;
	int n = (int)ARRAY_LEN(menu_items), w = 36;
	int y = (ui->lines - n - 6) / 2, x = (ui->cols - w) / 2;
	if (m->today.shown) {
		/* the menu to the left, the day's lists beside it */
		x = 1;
		today_draw(ui, &m->today, 1, x + w + 2, ui->lines - 5, ui->cols - w - 4);
	}

	ui_title(ui, NULL);
	ui_box(ui, y, x, n + 4, w, ST_NORMAL);
	char *t = xasprintf(" %s ", _("Main menu"));
	ui_puts(ui, y, x + 2, w - 4, t, ST_HEADER);
	free(t);
	for (int i = 0; i < n; i++) {
		char *line = i == MENU_QUIT ? xasprintf(" F10 %s", _(menu_items[i].label))
		                            : xasprintf("  %d  %s", (i + 1) % 10, _(menu_items[i].label));
		ui_put(ui, y + 2 + i, x + 2, w - 4, line, i == m->sel ? ST_SELECTED : ST_NORMAL);
		free(line);
	}
	char *db = xasprintf(_("Database: %s"), ui->dbpath ? ui->dbpath : "");
	ui_put(ui, y + n + 5, 2, ui->cols - 4, db, ST_HINT);
	free(db);
	ui_put(ui, y + n + 6, 2, ui->cols - 4, m->today.shown ?
	       _("A digit opens its module, a letter a due list; F1 lists every key") :
	       _("A digit opens its module; F1 lists every key"), ST_HINT);
}

static int menu_open(struct ui *ui, int i)
{
	if (i == MENU_QUIT) {
		ui_quit_ask(ui);
		return SK_HANDLED;
	}
	if (!menu_items[i].ready) {
		ui_msg(ui, ST_WARN, _("%s: not yet available"), _(menu_items[i].label));
		return SK_HANDLED;
	}
	/* Statistics see figures and no person: the registry, jobs, training, start-ups, the
	 * rights cases, the mentoring pairs, the events' people and the roster of migrant women are
	 * people's records. Core refuses them anyway; here she is told before a screen opens empty. */
	struct jy_err err = { 0 };
	if ((i < 3 || (i >= 5 && i <= 9)) && access_check(ui->db, OP_VIEW, NULL, &err) != JY_OK) {
		ui_err(ui, &err);
		return SK_HANDLED;
	}
	if (i == 1)
		ui_push(ui, jobs_new());
	else if (i == 2)
		ui_push(ui, courses_new(0));
	else if (i == 3)
		ui_push(ui, report_new());
	else if (i == 4)
		ui_push(ui, admin_new());
	else if (i == 5)
		ui_push(ui, enterprise_new());
	else if (i == 6)
		ui_push(ui, cases_new());
	else if (i == 7)
		ui_push(ui, pairs_new());
	else if (i == 8)
		ui_push(ui, events_new());
	else if (i == 9)
		ui_push(ui, migrants_new());
	else
		ui_push(ui, residents_new());
	return SK_HANDLED;
}

static int menu_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct menu *m = (struct menu *)s;
	int n = (int)ARRAY_LEN(menu_items);

	if (today_key(ui, &m->today, ev->key))
		return SK_HANDLED;
	if (ev->key >= '0' && ev->key <= '9') {
		int i = ev->key == '0' ? 9 : ev->key - '1';    /* 0 the tenth, as on a phone's keys */
		if (i >= MENU_QUIT)
			return SK_HANDLED;
		m->sel = i;
		return menu_open(ui, i);
	}
	switch (ev->act) {
	case ACT_NEXT:
		m->sel = (m->sel + 1) % n;
		return SK_HANDLED;
	case ACT_PREV:
		m->sel = (m->sel + n - 1) % n;
		return SK_HANDLED;
	case ACT_OPEN:
		return menu_open(ui, m->sel);
	case ACT_BACK:
		return SK_HANDLED;      /* the menu is the bottom: Esc does not quit by accident */
	default:
		return 0;
	}
}

static void menu_enter(struct ui *ui, struct screen *s)
{
	today_load(ui, &((struct menu *)s)->today);
}

static void menu_reload(struct ui *ui, struct screen *s)
{
	today_refresh(ui, &((struct menu *)s)->today);
}

static void menu_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	today_free(&((struct menu *)s)->today);
	free(s);
}

static const struct screen_ops menu_ops = {
	.name = "menu", .acts = menu_acts,
	.enter = menu_enter, .draw = menu_draw, .key = menu_key, .leave = menu_leave,
	.resume = menu_enter, .reload = menu_reload,
};

struct screen *menu_new(void)
{
	struct menu *m = xcalloc(1, sizeof *m);
	m->s.ops = &menu_ops;
	return &m->s;
}
