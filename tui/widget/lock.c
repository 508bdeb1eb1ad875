/* tui/widget/lock.c: the idle lock (GB/T 22239 L2 身份鉴别 b
 * "登录连接超时自动退出").
 *
 * A worker who walks away from an open session leaves residents' records on the screen of an
 * office PC. After ui.lock_minutes without a key (default 15; 0: never) the main loop pushes this
 * screen. It is drawn last, as overlays are, and starts by erasing the whole window, so nothing of
 * the screens under it, the status line or the F-key bar reaches the terminal (curses sends only
 * what the window holds at doupdate): one line, no personal data. Every key but the unlock path does
 * nothing (F1, F10, Ctrl-C included). The screens under it stay as they were, a half-typed form
 * too (its draft is kept as usual), and Enter brings the worker back to them.
 *
 * Who unlocks: by default the SSH login is the authentication (the session is the worker's own
 * account; jiuye keeps no passwords), so Enter unlocks. An office that wants more sets
 * ui.lock_pam=1: then Enter asks for the worker's own login password, typed without echo and
 * checked through PAM as the real user id (service "jiuye" when /etc/pam.d/jiuye exists, else
 * "login"; pam_unix checks a user's own password through its setgid-shadow helper, so a setgid
 * jiuye needs no more rights for it). The password is wiped from memory after each try. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <security/pam_appl.h>

#include "tui.h"

#define LOCK_PW_MAX 256

struct lock {
	struct screen s;
	int pam;                /* ui.lock_pam: unlocking asks for the password */
	int asking;             /* the password line is open */
	char pw[LOCK_PW_MAX];
	size_t npw;
	int failed;             /* the last password was refused */
};

static const int lock_acts[] = { 0 };

int lock_idle_seconds(struct ui *ui)
{
	/* Tests shorten the wait; a worker on a server must not lengthen or switch off the lock. */
	const char *env = getenv("JIUYE_LOCK_SECONDS");
	if (env && *env && !server_shared() && !server_restricted()) {
		char *end;
		long v = strtol(env, &end, 10);
		if (*end == '\0' && v >= 0 && v < 86400 * 7)
			return (int)v;
	}
	struct jy_err err = { 0 };
	int m;
	if (db_setting_int(ui->db, "ui.lock_minutes", 15, &m, &err) != JY_OK)
		ui_err(ui, &err);       /* m is the default then: the screen still locks */
	return m > 0 && m < 60 * 24 * 7 ? m * 60 : 0;
}

/* The lock and the unlock in the audit trail (C3: every lock and every failed check is logged):
 * "lock"; "unlock" for Enter; "login", ok or failed, for a password checked through PAM (a
 * second authentication, like the SSH login). */
static void lock_note(struct ui *ui, const char *event, int result)
{
	struct jy_err err = { 0 };
	if (audit_note(ui->db, event, "session", 0, NULL, NULL, result, &err) != JY_OK)
		ui_err(ui, &err);
}

static void lock_wipe(struct lock *l)
{
	explicit_bzero(l->pw, sizeof l->pw);
	l->npw = 0;
}

/* PAM asks; we answer the hidden prompt with what was typed and ignore its messages. */
static int lock_conv(int n, const struct pam_message **msg, struct pam_response **resp, void *arg)
{
	const char *pw = arg;
	struct pam_response *r = calloc((size_t)n, sizeof *r);
	if (!r)
		return PAM_BUF_ERR;
	for (int i = 0; i < n; i++)
		if (msg[i]->msg_style == PAM_PROMPT_ECHO_OFF)
			r[i].resp = strdup(pw);       /* PAM frees it */
	*resp = r;
	return PAM_SUCCESS;
}

static int lock_pam_check(const char *user, const char *pw)
{
	const char *service = access("/etc/pam.d/jiuye", F_OK) == 0 ? "jiuye" : "login";
	struct pam_conv conv = { lock_conv, (void *)pw };
	pam_handle_t *h = NULL;
	if (pam_start(service, user, &conv, &h) != PAM_SUCCESS)
		return 0;
	const char *tty = ttyname(STDIN_FILENO);
	if (tty)
		pam_set_item(h, PAM_TTY, tty);
	int rc = pam_authenticate(h, PAM_DISALLOW_NULL_AUTHTOK);
	pam_end(h, rc);
	return rc == PAM_SUCCESS;
}

static void lock_draw(struct ui *ui, struct screen *s)
{
	struct lock *l = (struct lock *)s;
	erase();
	const char *t = _("Locked - press Enter to unlock");
	int y = ui->lines / 2 - 2, w = text_width(t);
	ui_put(ui, y, w < ui->cols ? (ui->cols - w) / 2 : 0, w < ui->cols ? w : ui->cols, t, ST_TITLE);
	if (l->pam && l->asking) {
		char *p = xasprintf(_("Password of %s (not shown): "), db_actor(ui->db)->os_user);
		int pw = text_width(p), x = pw < ui->cols ? (ui->cols - pw) / 2 : 0;
		ui_puts(ui, y + 2, x, ui->cols - x, p, ST_NORMAL);
		ui->cur_y = y + 2;
		ui->cur_x = x + pw < ui->cols ? x + pw : ui->cols - 1;
		free(p);
	}
	if (l->failed) {
		const char *f = _("Wrong password; try again (Esc: back)");
		int fw = text_width(f);
		ui_puts(ui, y + 4, fw < ui->cols ? (ui->cols - fw) / 2 : 0, ui->cols, f, ST_ERROR);
	}
}

static int lock_unlock(struct ui *ui, struct lock *l)
{
	lock_note(ui, l->pam ? "login" : "unlock", JY_OK);
	lock_wipe(l);
	return SK_HANDLED | SK_POP;
}

static int lock_key(struct ui *ui, struct screen *s, const struct ui_event *ev)
{
	struct lock *l = (struct lock *)s;
	if (!l->pam)
		return ev->key == '\n' ? lock_unlock(ui, l) : SK_HANDLED;
	if (!l->asking) {
		if (ev->key == '\n')
			l->asking = 1;
		return SK_HANDLED;
	}
	if (ev->key == '\n') {
		int ok = lock_pam_check(db_actor(ui->db)->os_user, l->pw);
		if (ok)
			return lock_unlock(ui, l);
		lock_note(ui, "login", JY_EPERM);
		lock_wipe(l);
		l->failed = 1;
	} else if (ev->act == ACT_BACK) {
		lock_wipe(l);
		l->asking = l->failed = 0;
	} else if (ev->act == ACT_BKSP) {
		while (l->npw > 0 && ((unsigned char)l->pw[--l->npw] & 0xC0) == 0x80)
			;
		l->pw[l->npw] = '\0';
	} else if (K_IS_CHAR(ev->key)) {
		char u[MB_LEN_MAX];
		mbstate_t st = { 0 };
		size_t n = wcrtomb(u, (wchar_t)ev->key, &st);     /* her bytes, as at login */
		if (n != (size_t)-1 && l->npw + n < sizeof l->pw) {
			memcpy(l->pw + l->npw, u, n);
			l->npw += n;
			l->pw[l->npw] = '\0';
		}
	}
	return SK_HANDLED;
}

static void lock_leave(struct ui *ui, struct screen *s)
{
	(void)ui;
	lock_wipe((struct lock *)s);
	free(s);
}

static const struct screen_ops lock_ops = {
	.name = "lock",
	.acts = lock_acts,
	.draw = lock_draw,
	.key = lock_key,
	.leave = lock_leave,
};

struct screen *lock_new(struct ui *ui)
{
	struct lock *l = xcalloc(1, sizeof *l);
	l->s.ops = &lock_ops;
	l->s.overlay = 1;       /* drawn after the F-key bar, which it erases too */
	struct jy_err err = { 0 };
	int pam, rc = db_setting_int(ui->db, "ui.lock_pam", 0, &pam, &err);
	l->pam = rc || pam == 1;        /* unreadable: the password is asked, never skipped */
	ui->msg[0] = '\0';      /* the status line may name a resident ("saved 张晓红") */
	if (rc)
		ui_err(ui, &err);
	lock_note(ui, "lock", JY_OK);
	return &l->s;
}
