/* tui/widget/term.c: the terminal. UTF-8, GBK or GB18030, raw keys, an Esc delay that survives
 * SSH, key aliases for the F-keys PuTTY and Xshell send, the entry to draw with when TERM has
 * none here, colour or monochrome from one style table, the screen size.
 * Each choice below says what was measured on Debian 12's terminals. */
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "tui.h"

static int mono_forced;
static int style_attr[ST__COUNT];

void tui_set_mono(int on)
{
	mono_forced = on;
}

/* Printed before curses starts, in both languages: whoever reads it may not read the other. */
static const char locale_msg_zh[] =
	"jiuye: 终端的字符集不是 UTF-8、GBK 或 GB18030（LANG=%s，字符集 %s），中文会显示成乱码。\n"
	"  1. 把终端设为 UTF-8：PuTTY 在 Window > Translation；Xshell/SecureCRT 在 编码 设置；\n"
	"  2. 在服务器上运行：export LANG=zh_CN.UTF-8   （没有中文环境时：export LANG=C.UTF-8）\n"
	"  然后重新运行 jiuye。\n";
static const char locale_msg_en[] =
	"jiuye: the terminal's character set is not UTF-8, GBK or GB18030 (LANG=%s, charset %s);\n"
	"  Chinese would be garbled.\n"
	"  1. Set the terminal to UTF-8: PuTTY Window > Translation; Xshell/SecureCRT Encoding;\n"
	"  2. On the server run: export LANG=zh_CN.UTF-8   (without a Chinese locale: export LANG=C.UTF-8)\n"
	"  Then start jiuye again.\n";

/* UTF-8, and the two Chinese sets every character of the registry has a spelling in: ncursesw
 * turns the screen's wide characters into GBK or GB18030 bytes and the keys typed back, and libc's
 * wcwidth() in such a locale (East Asian Ambiguous characters two columns, as those terminals
 * draw them) is the width both ncurses and text_width() use. */
int term_locale_ok(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "GB18030") == 0 || strcmp(cs, "GBK") == 0))
		return 1;
	const char *lang = getenv("LC_ALL");
	if (!lang || !*lang)
		lang = getenv("LC_CTYPE");
	if (!lang || !*lang)
		lang = getenv("LANG");
	if (!lang || !*lang)
		lang = "(unset)";
	char *zh = xasprintf(locale_msg_zh, lang, cs ? cs : "?");
	fputs(zh, stderr);      /* stderr converts to the locale's set (cli_charset_init) */
	fprintf(stderr, locale_msg_en, lang, cs ? cs : "?");
	free(zh);
	return 0;
}

/* F-keys and Home/End as PuTTY (ESC[n~ mode), Xshell, rxvt and the Linux console send them, where
 * the terminfo entry in use does not know them (htop's CRT.c does the same). */
static const struct {
	const char *seq;
	int key;
} key_aliases[] = {
	{ "\033[11~", KEY_F(1) },  { "\033[12~", KEY_F(2) },  { "\033[13~", KEY_F(3) },
	{ "\033[14~", KEY_F(4) },  { "\033[15~", KEY_F(5) },  { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) },  { "\033[19~", KEY_F(8) },  { "\033[20~", KEY_F(9) },
	{ "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	{ "\033OP", KEY_F(1) },    { "\033OQ", KEY_F(2) },    { "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) },   { "\033[[B", KEY_F(2) },   { "\033[[C", KEY_F(3) },
	{ "\033[[D", KEY_F(4) },   { "\033[[E", KEY_F(5) },
	{ "\033[1~", KEY_HOME },   { "\033[4~", KEY_END },    { "\033[7~", KEY_HOME },
	{ "\033[8~", KEY_END },    { "\033[H", KEY_HOME },    { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME },    { "\033OF", KEY_END },     { "\033[Z", KEY_BTAB },
	{ "\033[2~", KEY_IC },     { "\033[3~", KEY_DC },     { "\033[5~", KEY_PPAGE },
	{ "\033[6~", KEY_NPAGE },
};

static void term_keys(void)
{
	for (size_t i = 0; i < ARRAY_LEN(key_aliases); i++)
		if (key_defined(key_aliases[i].seq) == 0)
			define_key(key_aliases[i].seq, key_aliases[i].key);
}

static void term_styles(void)
{
	const char *nc = getenv("NO_COLOR");          /* https://no-color.org: any non-empty value */
	int colour = !mono_forced && !(nc && *nc) && has_colors() && start_color() == OK;
	int defaults = colour && use_default_colors() == OK;

	static const struct { short fg, bg; int cattr, mattr; } table[] = {
#define X(id, fg, bg, cattr, mattr) { fg, bg, cattr, mattr },
		STYLES(X)
#undef X
	};
	for (int i = 0; i < ST__COUNT; i++) {
		if (!colour) {
			style_attr[i] = table[i].mattr;
			continue;
		}
		short fg = table[i].fg, bg = table[i].bg;
		if (fg == -1 && bg == -1) {
			style_attr[i] = table[i].cattr;
			continue;
		}
		if (!defaults) {        /* a terminal without default colours: white on black */
			fg = fg == -1 ? COLOR_WHITE : fg;
			bg = bg == -1 ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
		style_attr[i] = (int)COLOR_PAIR(i + 1) | table[i].cattr;
	}
}

int term_attr(const struct ui *ui, int style)
{
	(void)ui;
	return style >= 0 && style < ST__COUNT ? style_attr[style] : 0;
}

/* The entry to draw with when $TERM has none on this machine. A name of the xterm family (PuTTY,
 * Xshell, SecureCRT, rxvt, konsole, VTE: every emulator a worker's PC runs) gets xterm, which they
 * all follow, with its colours; screen and tmux get screen; the console's names get linux. Anything
 * else gets vt100: cursor addressing, bold and reverse, no colour, understood by every terminal
 * there is, so the screens stay readable on whatever it really is. The F-keys each of them sends
 * are known anyway (term_keys). */
static const char *term_fallback(const char *name)
{
	static const struct { const char *prefix, *entry, *entry256; } family[] = {
		{ "putty", "xterm", "xterm-256color" },   { "xterm", "xterm", "xterm-256color" },
		{ "rxvt", "xterm", "xterm-256color" },    { "konsole", "xterm", "xterm-256color" },
		{ "gnome", "xterm", "xterm-256color" },   { "vte", "xterm", "xterm-256color" },
		{ "kitty", "xterm", "xterm-256color" },   { "alacritty", "xterm", "xterm-256color" },
		{ "mintty", "xterm", "xterm-256color" },  { "iterm", "xterm", "xterm-256color" },
		{ "screen", "screen", "screen-256color" }, { "tmux", "screen", "screen-256color" },
		{ "linux", "linux", "linux" },            { "con", "linux", "linux" },
	};
	for (size_t i = 0; i < ARRAY_LEN(family); i++)
		if (strncmp(name, family[i].prefix, strlen(family[i].prefix)) == 0)
			return strstr(name, "256") ? family[i].entry256 : family[i].entry;
	return "vt100";
}

/* newterm() with the system's terminal descriptions only, for a setgid jiuye: ncurses finds
 * ~/.terminfo through $HOME, and a setgid jiuye takes no terminal description of the worker's
 * (server_start), so $HOME is away while curses reads the system's. */
static SCREEN *term_open(const char *type)
{
	char *home = server_shared() && getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	if (home)
		unsetenv("HOME");
	SCREEN *scr = newterm(type, stdout, stdin);
	if (home)
		setenv("HOME", home, 1);
	free(home);
	return scr;
}

static long long now_ms_early(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int term_init(struct ui *ui)
{
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "jiuye: 没有设置终端类型 TERM（例如 export TERM=xterm）。\n"
		                "jiuye: TERM is not set to a full-screen terminal (e.g. export TERM=xterm).\n");
		return -1;
	}
	SCREEN *scr = term_open(NULL);
	const char *instead = NULL;
	if (!scr) {
		instead = term_fallback(term);
		scr = term_open(instead);
	}
	if (!scr) {
		fprintf(stderr, "jiuye: 不认识终端类型 TERM=%s，请改用 xterm。\n"
		                "jiuye: unknown terminal type TERM=%s; try export TERM=xterm.\n", term, term);
		return -1;
	}
	if (instead)
		ui_msg(ui, ST_WARN, _("No terminal description for TERM=%s here: drawing as %s "
		                      "(package ncurses-term has more)"), term, instead);
	/* raw, not cbreak: in cbreak the tty driver eats Ctrl-S/Ctrl-Q as XOFF/XON and a worker who
	 * presses Ctrl-S to save freezes her screen (measured). */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	/* 200 ms: with 100 ms an arrow key split on a slow SSH link typed "OD" into a field.
	 * $ESCDELAY, when set, is ncurses' own and wins. */
	const char *ed = getenv("ESCDELAY");
	if (!ed || !*ed)
		set_escdelay(200);
	term_keys();
	term_styles();
	curs_set(0);
	/* Until the screen has been left and taken back once, ncurses 6.4 flushes its output at
	 * every cursor move (its mvcur does so while the screen is in its first state, for
	 * programs that move the cursor without doupdate): a list redrawn for a typed key went out
	 * in some 66 write() calls, each a packet of its own on an SSH link, where one does.
	 * Leaving the screen and taking it back now, before anything is drawn, makes every
	 * doupdate one write (counted with strace). */
	endwin();
	refresh();
	term_size(ui);
	return 0;
}

void term_end(void)
{
	curs_set(1);
	endwin();
}

void term_drain_input(int quiet_ms, int max_ms)
{
	long long start = now_ms_early();
	char buf[512];
	for (;;) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		long long left = max_ms - (now_ms_early() - start);
		if (left <= 0 || poll(&pfd, 1, quiet_ms < left ? quiet_ms : (int)left) <= 0)
			break;
		if (read(STDIN_FILENO, buf, sizeof buf) <= 0)
			break;
	}
	tcflush(STDIN_FILENO, TCIFLUSH);
}

void term_size(struct ui *ui)
{
	ui->lines = LINES;
	ui->cols = COLS;
	ui->too_small = LINES < 24 || COLS < 80;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int term_read(struct ui *ui, int timeout_ms, struct ui_event *ev)
{
	static int quick_errs;
	wint_t wc;
	timeout(timeout_ms);
	long long t0 = timeout_ms > 0 ? now_ms() : 0;
	int r = get_wch(&wc);
	if (r == ERR) {
		/* curses says ERR both for "no key in time" and for a terminal that is gone (the SSH
		 * link dropped while SIGHUP is ignored): then every read fails at once. Many quick
		 * failures in a row mean nobody is there; the draft is already kept. */
		if (timeout_ms > 0 && now_ms() - t0 < timeout_ms / 2) {
			if (++quick_errs > 50)
				return -1;
		} else if (timeout_ms > 0) {
			quick_errs = 0;
		}
		return 0;
	}
	quick_errs = 0;
	ev->key = r == KEY_CODE_YES ? K_FN((int)wc) : (int)wc;
	if (ev->key == '\r')
		ev->key = '\n';
	ev->act = key_action_for(ev->key, ui->depth ? ui_top(ui)->ops->acts : NULL);
	return 1;
}
