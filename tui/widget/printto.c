/* tui/widget/printto.c: a printout, once written to its file, goes on to where the worker prints:
 * the printer beside her PC through her terminal (the media-copy pass-through of core's
 * print_passthrough, written to the terminal between two frames, so curses' picture of the screen
 * stays true: the terminal shows none of it), the server's printer (lp), a PDF beside the file,
 * the file itself to her PC by ZMODEM (curses left while sz has the terminal), or nowhere beyond
 * the file. Receiving a file from her PC the same way (rz, into her export folder alone) is here
 * too, for the screens that take a file in.
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
	case PRINT_ZMODEM:
		return _("send to my PC (ZMODEM)");
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

/* Out of curses while a ZMODEM transfer has the terminal (sz and rz speak to it directly), a
 * line on the terminal's own screen saying what is going on; then back, once the terminal's last
 * protocol bytes are read and dropped (else they would be typed into the screen), the screen
 * repainted whole by the main loop's next update (curses resumes its modes there). */
static void screen_leave(const char *say)
{
	def_prog_mode();
	endwin();
	fprintf(stdout, "\r\njiuye: %s\r\n", say);
	fflush(stdout);
}

static void screen_back(void)
{
	term_drain_input(300, 3000);
	reset_prog_mode();
	clearok(curscr, TRUE);
}

int ui_zmodem_send(struct ui *ui, const char *path)
{
	struct jy_err err = { 0 };
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	ui->msg_keep = 1;
	if (zmodem_term_ok(getenv("TERM"), &err) != JY_OK) {
		ui_err(ui, &err);
		return 0;
	}
	char *say = xasprintf(_("sending %s to your PC (ZMODEM)..."), path_shown(base));
	screen_leave(say);
	free(say);
	int rc = zmodem_send(path, STDIN_FILENO, STDOUT_FILENO, &err);
	screen_back();
	if (rc != JY_OK)
		ui_err(ui, &err);
	else
		ui_msg(ui, ST_OK, _("Sent %s"), path_shown(base));
	return rc == JY_OK;
}

/* Nothing begun after this long: the terminal has no ZMODEM (or she gave up choosing). */
#define UI_RECEIVE_WAIT_S 120

char *ui_zmodem_receive(struct ui *ui)
{
	struct jy_err err = { 0 };
	ui->msg_keep = 1;
	if (zmodem_term_ok(getenv("TERM"), &err) != JY_OK) {
		ui_err(ui, &err);
		return NULL;
	}
	/* the folder of the printouts and exports (the export folder under --restricted) */
	char *probe = print_path("x");
	char *dir = xstrndup(probe, strlen(probe) - 2);
	free(probe);
	screen_leave(_("pick the file to send in your terminal; Ctrl-X five times cancels"));
	char *name = NULL;
	int n = 0;
	int rc = zmodem_receive(dir, STDIN_FILENO, STDOUT_FILENO, UI_RECEIVE_WAIT_S, &name, &n, &err);
	screen_back();
	char *path = NULL;
	if (rc != JY_OK) {
		ui_err(ui, &err);
	} else {
		path = xasprintf("%s/%s", dir, name);
		char *shown = path_home_shown(path);
		if (n > 1) {
			char *dshown = path_home_shown(dir);
			ui_msg(ui, ST_OK, _("Received %d files into %s; the first is %s"), n,
			       path_shown(dshown), path_shown(name));
			free(dshown);
		} else
			ui_msg(ui, ST_OK, _("Received %s"), path_shown(shown));
		free(shown);
	}
	free(name);
	free(dir);
	return path;
}

int ui_print_send(struct ui *ui, int dest, const char *path)
{
	struct jy_err err = { 0 };
	char *shown = path_home_shown(path);
	int said = 1;
	if (dest == PRINT_ZMODEM) {
		ui_zmodem_send(ui, path);
	} else if (dest == PRINT_TERMINAL) {
		/* around curses: its last frame is already out (doupdate) */
		fflush(stdout);
		if (print_deliver(ui->db, dest, path, NULL, STDIN_FILENO, STDOUT_FILENO, &err) != JY_OK)
			ui_err(ui, &err);
		else
			ui_msg(ui, ST_OK, _("Sent to your PC's printer; the file is %s"), shown);
	} else if (dest == PRINT_PDF) {
		/* 登记表-R-000001.txt gets 登记表-R-000001.pdf beside it */
		size_t n = strlen(path);
		char *pdf = n > 4 && strcmp(path + n - 4, ".txt") == 0
		            ? xasprintf("%.*s.pdf", (int)(n - 4), path) : xasprintf("%s.pdf", path);
		char *pshown = path_home_shown(pdf);
		if (print_deliver(ui->db, dest, path, pdf, STDIN_FILENO, STDOUT_FILENO, &err) != JY_OK)
			ui_err(ui, &err);
		else
			ui_msg(ui, ST_OK, _("PDF written to %s"), pshown);
		free(pshown);
		free(pdf);
	} else if (dest == PRINT_LP) {
		if (print_deliver(ui->db, dest, path, NULL, STDIN_FILENO, STDOUT_FILENO, &err) != JY_OK)
			ui_err(ui, &err);
		else
			ui_msg(ui, ST_OK, _("Sent to the server's printer; the file is %s"), shown);
	} else {
		said = 0;
	}
	free(shown);
	return said;
}
