/* tui/cli/cli_due.c: jiuye due, today's due lists (今日待办) as text, for a worker's cron job or
 * a look before she opens the program.
 *
 *   jiuye due [--unit NAME]
 *
 * The same lists, counts and lines as the 今日待办 screen (core/admin/due.c), every line of each
 * list; only the lists her role may see, of her communities (--unit: of that community, street or
 * county among them). Exit 0 also when nothing is due. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "tui.h"

static void item_print(const struct due_item *it)
{
	char *ref = text_fit_pad(it->ref, 9);
	char *who = text_fit_pad(it->who, 10);
	printf("  %s %s %s  %s\n", ref, who, it->date[0] ? it->date : "          ", it->what);
	free(ref);
	free(who);
}

int cli_due(const struct cli_opts *o)
{
	if (o->nargs > 1)
		return cli_usage_error(_("due takes no argument: %s"), o->args[1]);
	struct jy_db *db;
	if (cli_open_db(o, DB_OPEN_READONLY, &db))
		return EXIT_USER;
	struct due_list *lists = NULL;
	int n = 0;
	struct jy_err err = { 0 };
	char today[11];
	date_today(today);
	int rc = due_collect(db, today, o->unit, 0, &lists, &n, &err);
	if (rc == JY_OK) {
		const struct jy_actor *a = db_actor(db);
		printf(_("Due today, %s (%s, %s)\n"), today, a->name[0] ? a->name : a->os_user,
		       role_label(a->role));
		for (int k = 0; k < n; k++) {
			char *title = due_title(&lists[k]);
			printf("\n%s\n", title);
			free(title);
			for (int i = 0; i < lists[k].n; i++)
				item_print(&lists[k].items[i]);
		}
		if (!n)
			printf("%s", _("\nno due lists for this role\n"));
	}
	due_free(&lists, n);
	db_close(&db);
	if (rc != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return rc == JY_EINVAL ? EXIT_USAGE : EXIT_USER;
	}
	return 0;
}
