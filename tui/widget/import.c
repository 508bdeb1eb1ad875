/* tui/widget/import.c: a file imported from a list (F9 on the resident list). One screen, three
 * steps, so that nothing reaches the registry before the worker has read what it would do:
 *   1. the file's name, in the export folder F7 writes to (Tab completes a name of the folder;
 *      Ctrl-P receives one from her PC by ZMODEM into that folder, and nowhere else);
 *   2. the dry run, its progress on the screen (Esc cancels), then its summary on one page: added,
 *      updated, unchanged, rejected, the communities it would create, the first errors;
 *   3. Enter imports for real (the bad rows left out), its progress again (Esc cancels with
 *      nothing saved); Esc instead leaves everything as it was.
 * Both runs are noted in the audit trail as jiuye import notes them. The import is core's, one
 * blocking call: its progress handler (db_progress_set) draws the progress line and reads Esc. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "tui.h"

enum { IM_ASK, IM_SUMMARY };

struct import_screen {
	struct screen s;
	const struct import_kind *k;
	struct field f;                 /* the file's name, ~ for the home folder */
	int state;                      /* IM_ASK: the name is typed; IM_SUMMARY: the dry run's */
	int flags;                      /* IMPORT_CREATE_UNITS when the communities come with it */
	char *path;                     /* the file the summary is of, ~ expanded */
	struct import_result res;       /* the dry run's counts */
	int rc;                         /* the dry run's result, its message in err */
	struct jy_err err;
	char **lines;                   /* the dry run's report lines, without their "FILE:" */
	int nlines;
	char **cand;                    /* Tab: the names of the folder that begin as typed */
	int ncand;
	const char *doing;              /* while a run goes: "Checking" or "Importing" (msgid) */
	char *unrecorded;               /* why the trail lacks the last run, or NULL */
};

static const int import_acts[] = { ACT_OPEN, ACT_NEXT, ACT_BACK, 0 };

static void lines_free(char ***lines, int *n)
{
	for (int i = 0; i < *n; i++)
		free((*lines)[i]);
	FREE(lines);
	*n = 0;
}

/* A message of core's about the file, naming it as the worker typed it (~ for the home folder)
 * rather than by its whole path. Caller frees. */
static char *import_said(const struct import_screen *im, const char *msg)
{
	const char *whole = path_shown(im->path);
	size_t n = strlen(whole);
	if (strncmp(msg, whole, n) == 0)
		return xasprintf("%s%s", path_shown(le_text(&im->f.le)), msg + n);
	return xstrdup(msg);
}

/* The folder F7 writes to, with its slash: the box starts there. Caller frees. */
static char *import_folder(void)
{
	char *any = server_restricted() ? xasprintf("%s/x", server_export_dir()) : print_path("x");
	char *slash = strrchr(any, '/');
	slash[1] = '\0';
	char *shown = path_home_shown(any);
	free(any);
	return shown;
}

/* ---- Tab: a name of the folder --------------------------------------------------------------- */

static int cand_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Complete the typed name with the files of its folder that begin as it does: the one, or as far
 * as they agree (never inside a character); several are listed under the box. */
static void import_complete(struct import_screen *im)
{
	const char *typed = le_text(&im->f.le);
	const char *slash = strrchr(typed, '/');
	char *dir_typed = slash ? xstrndup(typed, (size_t)(slash - typed + 1)) : xstrdup("./");
	const char *prefix = slash ? slash + 1 : typed;
	char *dir = path_home_expand(dir_typed);
	DIR *d = opendir(dir);
	size_t plen = strlen(prefix);

	lines_free(&im->cand, &im->ncand);
	int cap = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, plen) != 0)
			continue;
		if (im->ncand == cap) {
			cap = cap ? cap * 2 : 16;
			im->cand = xrealloc(im->cand, sizeof *im->cand * (size_t)cap);
		}
		im->cand[im->ncand++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (im->ncand) {
		qsort(im->cand, (size_t)im->ncand, sizeof *im->cand, cand_cmp);
		size_t common = strlen(im->cand[0]);
		for (int i = 1; i < im->ncand; i++) {
			size_t j = 0;
			while (j < common && im->cand[i][j] == im->cand[0][j])
				j++;
			common = j;
		}
		/* back to a character's start: names differing inside one agree on its lead */
		while (common > plen && (im->cand[0][common] & 0xC0) == 0x80)
			common--;
		char *now = xasprintf("%s%.*s", slash ? dir_typed : "", (int)common, im->cand[0]);
		le_set(&im->f.le, now);
		le_end(&im->f.le);
		free(now);
		if (im->ncand == 1)
			lines_free(&im->cand, &im->ncand);
	}
	free(dir);
	free(dir_typed);
}

/* ---- the runs -------------------------------------------------------------------------------- */

struct import_run {
	struct ui *ui;
	struct import_screen *im;
	char **lines;
	int nlines, cap;
	const char *prefix;     /* path_shown of the file, cut from each line with its colon */
};

static void import_line(void *arg, const char *line)
{
	struct import_run *r = arg;
	size_t n = strlen(r->prefix);
	size_t digits = 0;
	/* "FILE:12: …", and the headings "FILE: …" (in Chinese "FILE：…") */
	if (strncmp(line, r->prefix, n) == 0 && (line[n] == ':' || strncmp(line + n, "：", 3) == 0)) {
		line += n + (line[n] == ':' ? 1 : 3);
		while (*line == ' ')
			line++;
	}
	while (line[digits] >= '0' && line[digits] <= '9')
		digits++;
	if (r->nlines == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->lines = xrealloc(r->lines, sizeof *r->lines * (size_t)r->cap);
	}
	/* "12: 身份证号: …" as the worker reads it: "row 12: 身份证号: …" */
	if (digits && strncmp(line + digits, ": ", 2) == 0)
		r->lines[r->nlines++] = xasprintf(_("row %.*s: %s"), (int)digits, line,
		                                  line + digits + 2);
	else
		r->lines[r->nlines++] = xstrdup(line);
}

/* The progress line, drawn at once (the main loop waits for this call to return), and Esc read:
 * a non-zero return cancels the import. */
static int import_progress(void *arg, long done, long total)
{
	struct import_run *r = arg;
	struct ui *ui = r->ui;
	struct ui_event ev;
	while (term_read(ui, 0, &ev) == 1)
		if (ev.act == ACT_BACK || ev.act == ACT_INTERRUPT)
			return 1;
	char a[32], b[32], *text;
	ui_group(done, a);
	ui_group(total, b);
	if (total >= 0)
		text = xasprintf(_("%s: %s / %s rows   (Esc cancels, nothing is saved)"),
		                 _(r->im->doing), a, b);
	else
		text = xasprintf(_("%s: %s rows   (Esc cancels, nothing is saved)"),
		                 _(r->im->doing), a);
	ui_put(ui, 5, 1, ui->cols - 2, text, ST_MARK);
	free(text);
	wnoutrefresh(stdscr);
	doupdate();
	return 0;
}

/* One run of the import on im->path: the lines it reports (kept when keep), its counts, its
 * result, noted in the trail as jiuye import notes it. */
static int import_run(struct ui *ui, struct import_screen *im, int flags, struct import_result *res,
                      struct jy_err *err, int keep)
{
	struct import_run r = { .ui = ui, .im = im };
	char *prefix = xstrdup(path_shown(im->path));
	r.prefix = prefix;
	im->doing = flags & IMPORT_DRY_RUN ? N_("Checking") : N_("Importing");
	for (int y = 5; y < ui->lines - 2; y++)
		ui_fill(ui, y, 0, ui->cols, ST_NORMAL);
	ui_msg(ui, ST_NORMAL, "%s", "");
	ui_status(ui);
	db_progress_set(ui->db, 0, import_progress, &r);
	int rc = im->k->import(ui->db, im->path, NULL, flags, import_line, &r, res, err);
	db_progress_set(ui->db, 0, NULL, NULL);
	im->doing = NULL;
	struct jy_err noted = { 0 };
	int dry = flags & IMPORT_DRY_RUN;
	FREE(&im->unrecorded);
	int stored = dry ? 0 : res->added + res->updated + res->queued;
	if (audit_file(ui->db, "import", im->k->kind, stored, im->path, rc, &noted) != JY_OK)
		im->unrecorded = xasprintf(_("The audit trail could not record the import: %s"),
		                           noted.msg);
	if (keep) {
		im->lines = r.lines;
		im->nlines = r.nlines;
	} else {
		lines_free(&r.lines, &r.nlines);
	}
	free(prefix);
	return rc;
}

/* Enter on the name: the dry run, then its summary (or why the file is refused whole). */
static void import_check(struct ui *ui, struct import_screen *im)
{
	const char *typed = le_text(&im->f.le);
	char why[512];
	lines_free(&im->cand, &im->ncand);
	if (text_is_blank(typed) || typed[strlen(typed) - 1] == '/') {
		ui_msg(ui, ST_ERROR, "%s",
		       _("Type the file's name, e.g. 台账.csv (Tab completes it)"));
		return;
	}
	free(im->path);
	im->path = path_home_expand(typed);
	if (!tui_path_allowed(im->path, why, sizeof why)) {
		ui_msg(ui, ST_ERROR, "%s", why);
		return;
	}
	if (access(im->path, R_OK) != 0) {
		ui_msg(ui, ST_ERROR, _("%s: no such file to read: check the name (Tab completes it)"),
		       path_shown(typed));
		return;
	}
	lines_free(&im->lines, &im->nlines);
	err_clear(&im->err);
	im->rc = import_run(ui, im, im->flags | IMPORT_DRY_RUN | IMPORT_SKIP_ERRORS, &im->res,
	                    &im->err, 1);
	ui->msg_keep = 1;
	if (im->unrecorded)
		ui_msg(ui, ST_ERROR, "%s", im->unrecorded);
	if (im->rc == JY_ECANCEL) {
		lines_free(&im->lines, &im->nlines);
		if (!im->unrecorded) {
			char *said = import_said(im, im->err.msg);
			ui_msg(ui, ST_WARN, "%s", said);
			free(said);
		}
		return;
	}
	im->state = IM_SUMMARY;
}

/* Enter on the summary: the import for real, the bad rows left out; back to the list. */
static int import_confirm(struct ui *ui, struct import_screen *im)
{
	struct import_result res = { 0 };
	struct jy_err err = { 0 };
	int rc = import_run(ui, im, im->flags | IMPORT_SKIP_ERRORS, &res, &err, 0);
	ui->msg_keep = 1;
	if (im->unrecorded)     /* the import stands; that the trail lacks it is said */
		ui_msg(ui, ST_ERROR, "%s", im->unrecorded);
	else if (rc == JY_OK && res.copy[0]) {
		char *shown = path_home_shown(res.copy);
		ui_msg(ui, ST_WARN, _("Imported %s: %d added, %d updated, %d unchanged, %d queued for "
		                      "review; %d with errors, kept in %s"),
		       path_shown(le_text(&im->f.le)), res.added, res.updated, res.unchanged,
		       res.queued, res.rejected, path_shown(shown));
		free(shown);
	}
	else if (rc == JY_OK)
		ui_msg(ui, ST_OK, _("Imported %s: %d added, %d updated, %d unchanged, %d queued for "
		                    "review, %d rows with errors left out"),
		       path_shown(le_text(&im->f.le)), res.added, res.updated, res.unchanged,
		       res.queued, res.rejected);
	else {
		char *said = import_said(im, err.msg);
		ui_msg(ui, rc == JY_ECANCEL ? ST_WARN : ST_ERROR, "%s", said);
		free(said);
	}
	if (rc == JY_OK) {
		struct screen *below = ui_below(ui, &im->s);
		if (below && im->k->imported)
			im->k->imported(ui, below);
		else if (below && below->ops->reload)
			below->ops->reload(ui, below);
	}
	return SK_HANDLED | SK_POP;
}

/* ---- drawing --------------------------------------------------------------------------------- */

/* Lines of text from row y on, each wrapped to w columns, until row last; returns the next row
 * and in *shown how many of them were drawn whole. */
static int import_lines(struct ui *ui, char **lines, int n, int y, int last, int indent,
                        int style, int *shown)
{
	int w = ui->cols - 2 - indent;
	*shown = 0;
	for (int i = 0; i < n; i++) {
		char *part[8];
		int k = ui_wrap(lines[i], w, part, 8);
		if (y + k > last) {
			for (int j = 0; j < k; j++)
				free(part[j]);
			break;
		}
		for (int j = 0; j < k; j++) {
			ui_put(ui, y++, 1 + indent, w, part[j], style);
			free(part[j]);
		}
		(*shown)++;
	}
	return y;
}

static void import_summary(struct ui *ui, struct import_screen *im)
{
	const struct import_result *r = &im->res;
	int y = 5, last = ui->lines - 5, shown;
	char a[32];
	/* a file refused whole (a column it does not know, not text …): why, and nothing else */
	if (im->rc != JY_OK && r->rejected == 0) {
		char *why = import_said(im, im->err.msg);
		import_lines(ui, &why, 1, y, last, 0, ST_ERROR, &shown);
		free(why);
		ui_put(ui, ui->lines - 4, 1, ui->cols - 2,
		       _("Nothing can be imported from this file. Fix it and press Enter, or Esc"),
		       ST_HINT);
		return;
	}
	ui_group(r->rows, a);
	char *t = xasprintf(_("Checked %s rows; nothing is saved yet"), a);
	ui_put(ui, y++, 1, ui->cols - 2, t, ST_NORMAL);
	free(t);
	if (r->queued)
		t = xasprintf(_("Would add %d, update %d, leave %d unchanged, queue %d for review; "
		                "%d with errors"), r->added, r->updated, r->unchanged, r->queued,
		              r->rejected);
	else
		t = xasprintf(_("Would add %d, update %d, leave %d unchanged; %d with errors"),
		              r->added, r->updated, r->unchanged, r->rejected);
	ui_put(ui, y++, 1, ui->cols - 2, t, r->rejected ? ST_WARN : ST_OK);
	free(t);
	/* where the clerk fixes the bad rows: above the errors, which may run past the page */
	if (r->copy[0]) {
		char *home = path_home_shown(r->copy);
		char *copy = xasprintf(_("Every row with its error in a first column 错误: %s"),
		                       path_shown(home));
		free(home);
		y = import_lines(ui, &copy, 1, y, last, 0, ST_MARK, &shown);
		free(copy);
	}
	/* the communities it would create: the report's last lines (import_residents) */
	int nunits = r->units ? r->units + 1 : 0, nerr = im->nlines - nunits;
	if (nunits && nerr >= 0) {
		y++;
		y = import_lines(ui, im->lines + nerr, nunits, y, last, 0, ST_NORMAL, &shown);
	}
	if (nerr > 0) {
		y++;
		ui_put(ui, y++, 1, ui->cols - 2, _("Rows with errors (left out when importing):"),
		       ST_SECTION);
		char **rows = xcalloc((size_t)nerr, sizeof *rows);
		for (int i = 0; i < nerr; i++)
			rows[i] = xstrdup(im->lines[i]);
		y = import_lines(ui, rows, nerr, y, last, 2, ST_ERROR, &shown);
		for (int i = 0; i < nerr; i++)
			free(rows[i]);
		free(rows);
		if (shown < nerr) {
			t = xasprintf(_("and %d more"), nerr - shown);
			ui_put(ui, y, 3, ui->cols - 4, t, ST_HINT);
			free(t);
		}
	}
	int any = r->added + r->updated + r->queued + nunits > 0;
	ui_put(ui, ui->lines - 4, 1, ui->cols - 2,
	       any ? _("Enter: import    Esc: cancel, nothing saved")
	           : _("Nothing to import: every row is unchanged or has errors. Esc goes back"),
	       any ? ST_MARK : ST_HINT);
}

static void import_draw(struct ui *ui, struct screen *s)
{
	struct import_screen *im = (struct import_screen *)s;
	ui_title(ui, _(im->k->title));
	int lw = ui_put(ui, 2, 1, 6, "文件", ST_LABEL) + 2;
	ui_put(ui, 3, 1, ui->cols - 2,
	       _("Tab completes the name; Enter checks the file, saving nothing"),
	       ST_HINT);
	if (im->state == IM_ASK)
		ui_put(ui, 4, 1, ui->cols - 2,
		       _("Ctrl-P: receive the file from your PC (ZMODEM: Xshell, SecureCRT)"), ST_HINT);
	if (im->state == IM_SUMMARY) {
		import_summary(ui, im);
	} else if (im->ncand) {
		struct jy_buf b = { 0 };
		for (int i = 0; i < im->ncand; i++)
			buf_addf(&b, "%s%s", i ? "   " : "", im->cand[i]);
		char *part[6];
		int k = ui_wrap(b.s, ui->cols - 2, part, 6);
		for (int i = 0; i < k; i++) {
			ui_put(ui, 5 + i, 1, ui->cols - 2, part[i], ST_NORMAL);
			free(part[i]);
		}
		buf_free(&b);
	}
	field_draw(ui, &im->f, 2, 1 + lw, ui->cols - 2 - lw, 1);
}

/* ---- keys ------------------------------------------------------------------------------------ */

/* Ctrl-P: the file from her PC by ZMODEM, into the folder (nowhere else), its name then in the
 * box for the check. */
static void import_receive(struct ui *ui, struct import_screen *im)
{
	char *path = ui_zmodem_receive(ui);     /* the status line says what came, or why not */
	if (!path)
		return;
	char *shown = path_home_shown(path);
	le_set(&im->f.le, shown);
	le_end(&im->f.le);
	free(shown);
	free(path);
	im->state = IM_ASK;
	lines_free(&im->cand, &im->ncand);
}

static int import_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct import_screen *im = (struct import_screen *)s;
	if (ev->key == K_CTRL('p')) {   /* not 'p': that is a letter of the file's name */
		import_receive(ui, im);
		return SK_HANDLED;
	}
	switch (ev->act) {
	case ACT_BACK:
		if (im->state == IM_SUMMARY)
			ui_msg(ui, ST_NORMAL, "%s", _("Nothing was imported"));
		return SK_HANDLED | SK_POP;
	case ACT_NEXT:
		if (ev->key == '\t') {
			import_complete(im);
			im->state = IM_ASK;
		}
		return SK_HANDLED;
	case ACT_OPEN:
		if (im->state == IM_SUMMARY && (im->rc == JY_OK || im->res.rejected) &&
		    im->res.added + im->res.updated + im->res.queued + im->res.units > 0)
			return import_confirm(ui, im);
		import_check(ui, im);
		return SK_HANDLED;
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_INTERRUPT:
		if (!K_IS_CHAR(ev->key))
			return 0;
		break;
	default:
		break;
	}
	char *before = xstrdup(le_text(&im->f.le));
	field_key(ui, &im->f, ev);
	if (strcmp(before, le_text(&im->f.le)) != 0) {
		im->state = IM_ASK;     /* another name: its own dry run first */
		lines_free(&im->cand, &im->ncand);
	}
	free(before);
	return SK_HANDLED;
}

static void import_leave(struct ui *ui, struct screen *s)
{
	struct import_screen *im = (struct import_screen *)s;
	(void)ui;
	field_free(&im->f);
	free(im->path);
	free(im->unrecorded);
	lines_free(&im->lines, &im->nlines);
	lines_free(&im->cand, &im->ncand);
	free(im);
}

static const struct screen_ops import_ops = {
	.name = "import", .acts = import_acts,
	.draw = import_draw, .key = import_key, .leave = import_leave,
};

void import_ask(struct ui *ui, const struct import_kind *k)
{
	struct jy_err err = { 0 };
	if (access_check(ui->db, OP_IMPORT, NULL, &err) != JY_OK) {
		ui->msg_keep = 1;
		ui_err(ui, &err);
		return;
	}
	struct import_screen *im = xcalloc(1, sizeof *im);
	im->s.ops = &import_ops;
	im->k = k;
	/* into a database without units, an administrator's import brings the communities the
	 * file names (jiuye import --create-units): the summary lists them first */
	int nunits = -1;
	if (k->units && access_may(ui->db, OP_ADMIN) &&
	    unit_count(ui->db, &nunits, NULL) == JY_OK && nunits == 0)
		im->flags = IMPORT_CREATE_UNITS;
	field_init(&im->f, "文件", FK_TEXT, NULL, 400, FF_REQ);
	char *folder = import_folder();
	le_set(&im->f.le, folder);
	le_end(&im->f.le);
	free(folder);
	ui_push(ui, &im->s);
}
