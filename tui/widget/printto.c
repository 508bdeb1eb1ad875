/* tui/widget/printto.c: a printout, once written to its file, goes on to where the worker prints:
 * the printer beside her PC through her terminal (the media-copy pass-through of core's
 * print_passthrough, written to the terminal between two frames, so curses' picture of the screen
 * stays true: the terminal shows none of it), the server's printer (lp), a PDF beside the file,
 * or nowhere beyond the file.
 * Each printing screen writes the file as before and then calls ui_print_send. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "tui.h"

const char *ui_print_dest_label(int dest)
{
	switch (dest) {
	case PRINT_TERMINAL:
		return _("the printer at my PC (through the terminal)");
	case PRINT_LP:
		return _("the server's printer (lp)");
	case PRINT_PDF:
		return _("a PDF beside the file");
	default:
		return _("the file only");
	}
}

int ui_print_dest(struct ui *ui)
{
	struct jy_err err = { 0 };
	int dest = PRINT_FILE;
	if (print_dest_get(ui->db, &dest, &err) != JY_OK)
		ui_err(ui, &err);       /* unreadable: the file alone, and the status line says why */
	return dest;
}

/* The path as the status line shows it: ~/… under her home. Caller frees. */
static char *path_home_shown(const char *path)
{
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;
	return hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/' ? xasprintf("~%s", path + hl)
	                                                                  : xstrdup(path);
}

/* All of it to the terminal, around curses: its last frame is already out (doupdate). */
static int term_write_all(const char *s, size_t n)
{
	fflush(stdout);
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int ui_print_send(struct ui *ui, int dest, const char *path)
{
	struct jy_err err = { 0 };
	char *shown = path_home_shown(path);
	int said = 1;
	if (dest == PRINT_TERMINAL) {
		struct jy_buf b = { 0 };
		if (print_passthrough(ui->db, path, &b, &err) != JY_OK)
			ui_err(ui, &err);
		else if (term_write_all(b.s, b.len) != 0)
			ui_msg(ui, ST_ERROR, _("The terminal took no printout: %s"), strerror(errno));
		else
			ui_msg(ui, ST_OK, _("Sent to your PC's printer; the file is %s"), shown);
		buf_free(&b);
	} else if (dest == PRINT_PDF) {
		/* 登记表-R-000001.txt gets 登记表-R-000001.pdf beside it */
		size_t n = strlen(path);
		char *pdf = n > 4 && strcmp(path + n - 4, ".txt") == 0
		            ? xasprintf("%.*s.pdf", (int)(n - 4), path) : xasprintf("%s.pdf", path);
		char *pshown = path_home_shown(pdf);
		if (print_pdf(ui->db, path, pdf, &err) != JY_OK)
			ui_err(ui, &err);
		else
			ui_msg(ui, ST_OK, _("PDF written to %s"), pshown);
		free(pshown);
		free(pdf);
	} else if (dest == PRINT_LP) {
		if (print_lp(ui->db, path, &err) != JY_OK)
			ui_err(ui, &err);
		else
			ui_msg(ui, ST_OK, _("Sent to the server's printer; the file is %s"), shown);
	} else {
		said = 0;
	}
	free(shown);
	return said;
}
