/* tests/screen/vtharness.c: run a full-screen program on a pseudo-terminal, emulate the terminal
 * with libvterm, play a script of keys against it and check what the screen shows.
 *
 *   vtharness [-s COLSxROWS] [-t TAG]... [-u TAG]... [-k TERM] [-g GOLDEN_DIR] [-e NAME=VALUE]...
 *             [-T TIMEOUT_MS] SCRIPT.keys -- PROGRAM [ARG...]
 *
 *   -t TAG    guards script lines and names the golden files; -u TAG only guards lines
 *   -k TERM   send the key bytes of TERM's terminfo entry (default: the program's TERM, when it
 *             is not xterm-256color: then libvterm's own, which are xterm's)
 *   -c SET    a terminal set to that character set (GB18030, GBK): the program's output is read
 *             in it, typed text is sent in it
 *   -b BPS    a slow link: the program's output read at BPS bytes a second (960: 9,600 baud)
 *
 * Why this design (measured on Debian 12):
 *   - keys go THROUGH libvterm (vterm_keyboard_key / _unichar), so the bytes are the ones a real
 *     xterm sends in the mode the program asked for: after keypad(TRUE) ncurses switches the
 *     terminal to application cursor mode and then expects ESC O D, not ESC [ D;
 *   - the program runs in an env -i style environment (TERM=xterm-256color, TZ=UTC, the LANG and
 *     JIUYE_* variables the runner gives), on a fixed window size;
 *   - a step ends by quiescence: the program has read every byte we sent, is asleep (waiting for
 *     the next key) and has written nothing for a short while; a per-step timeout bounds it;
 *   - after every step the screen is checked cell by cell: no text ran past the right margin (a
 *     second, state-only libvterm instance sees every glyph and notices an automatic wrap), no
 *     wide character is split (a width-2 cell must be followed by its continuation cell).
 *
 * Script: one step per line; `#` starts a comment; a line may start with guards such as `[zh]`,
 * `[en]`, `[80x24]` or `[!120x40]` that run it only when the runner gave (or did not give) that
 * tag with -t. Rows and columns count from 0; a negative row counts from the bottom (-1 = last).
 *   key K...            keys one after another, e.g. `key <F4>`, `key <Down> <Down>`, `key zxh`
 *                       (<F1>..<F12> <Tab> <S-Tab> <Enter> <Esc> <BS> <Del> <Ins> <Up> <Down>
 *                       <Left> <Right> <Home> <End> <PgUp> <PgDn> <Space> <lt> <C-x> <M-x>)
 *   type TEXT           TEXT in one burst, as an input method commits it; <BS> and the other
 *                       key names above go into the same burst (<lt> for a '<')
 *   resize COLSxROWS    TIOCSWINSZ (the kernel sends SIGWINCH) and the emulator resized
 *   wait-for TEXT       until the screen shows TEXT (or the timeout)
 *   expect-line N TEXT  row N contains TEXT
 *   expect-contains TEXT / expect-absent TEXT
 *   expect-cursor R,C   the cursor is at row R, column C
 *   expect-reverse TEXT the first cell of TEXT on screen is in reverse video (a selected row)
 *   expect-colour / expect-mono   some cell has a colour of its own / none has
 *   expect-printed-file PATH SET  the terminal's printer (ESC [5i … ESC [4i, never shown) got
 *                       exactly the file PATH (~/: the program's home) in SET, CR LF, a form feed
 *   zmodem-receive DIR  the terminal saves the next file the program sends by ZMODEM in DIR,
 *                       as Xshell does: when the program's output starts a ZMODEM send, Debian's
 *                       rz runs in DIR on the terminal's side until the transfer ends
 *   zmodem-send [-f] DIR FILE  the program's next ZMODEM receive gets FILE from sz run in DIR
 *                       (-f: the name sent as written, folders and all, as a hostile PC could)
 *   write-file PATH TEXT  a file for zmodem-send to send (TEXT, then a newline)
 *   expect-same-file A B  the two files hold the same bytes
 *   expect-no-file PATH   no such file
 *   snapshot NAME       whole screen equals GOLDEN_DIR/SCRIPT.NAME.TAGS.txt (UPDATE_GOLDEN=1
 *                       writes it); `mask ERE` lines before it blank out varying text (times)
 *   keep NAME           the screen as it is now, kept under NAME for expect-kept
 *   expect-kept NAME    the screen is the one kept as NAME, cell for cell: text, cursor, and
 *                       each cell's colours and reverse/bold/underline
 *   bytes LABEL         print `# bytes LABEL N`, N = bytes the program wrote in the previous step
 *   time LABEL          print `# time LABEL N ms`: from the previous step's start (the program's
 *                       start, a key) to the last byte it wrote arriving (on a -b link, at its
 *                       pace)
 *   bytes-max N [LABEL] the previous step wrote at most N bytes
 *   bytes-le A B [P%]   the step labelled A wrote at most as many bytes as the one labelled B
 *                       (plus P percent of B)
 *   kill9               the program killed with SIGKILL (no chance to clean up)
 *   hangup              the terminal closes under the program (SIGHUP, as when SSH drops);
 *                       the program must exit within the timeout
 *   keys-reset          start counting keys: every key of a `key` step is one (`type` is the
 *                       data a worker types, through her input method, and is not counted)
 *   keys-max N          at most N keys since keys-reset (a walk-in's keys beyond her data)
 *   restart / wait-exit [CODE] / sleep MS / dump
 * Output: TAP-like `ok - SCRIPT[TAGS]:LINE STEP` / `not ok - … why` lines; a failure prints the
 * screen and stops the script. Exit status 0 when every step passed. */

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <pwd.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <vterm.h>

/* Two calls of ncurses' terminfo library (-ltinfo). <term.h> is not included: it defines the
 * capability names (lines, columns ...) as macros, which would rewrite this file's own names. */
int setupterm(const char *term, int fd, int *err);
char *tigetstr(const char *capname);

#define MAX_TAGS 12
#define MAX_ENV 32
#define MAX_LABELS 64
#define MAX_MASKS 8
#define MAX_VIOL 8
#define MAX_KEPT 8

/* A key response shorter than this is done once the program sleeps; an unknown state waits longer. */
#define QUIET_IDLE_MS 25
#define QUIET_BLIND_MS 150
/* After a lone Esc, curses waits ESCDELAY for more bytes before it believes it is the Esc key; we
 * wait for the program to react before sending anything else, or an arrow would become Alt-key. */
#define ESC_REACT_MS 3000

struct label {
	char name[64];
	size_t bytes;
};

struct harness {
	/* the terminal */
	VTerm *vt, *shadow;
	VTermScreen *vs;
	int rows, cols;
	int cursor_visible;
	/* the shadow's view of where the next glyph goes, to notice automatic wrapping */
	int sh_row, sh_col;
	char viol[MAX_VIOL][160];
	int nviol;
	/* the program */
	int master, slave;
	pid_t pid;
	int exited, status;
	char **argv;
	char *envp[MAX_ENV + 1];
	int nenv;
	/* the script */
	const char *script;     /* base name, for messages and golden files */
	char tags[MAX_TAGS][32];
	int ntags;
	char tagstr[128];
	char shown[192];        /* tagstr and the guard-only tags, for the report lines */
	const char *golden_dir;
	int timeout_ms;
	size_t step_bytes, prev_bytes;
	int keys_sent;          /* keys of `key` steps since keys-reset (not `type`: that is data) */
	struct label labels[MAX_LABELS];
	int nlabels;
	regex_t masks[MAX_MASKS];
	int nmasks;
	regex_t user_re;        /* the login name as a word, with the blanks before it */
	int user_re_ok;
	int quiet_idle_ms;      /* quiet time that ends a step once the program sleeps */
	long long last_byte_us; /* when the last byte of output arrived (for timing) */
	char tag_guard[MAX_TAGS]; /* a -u tag: guards lines, does not name golden files */
	int keys_terminfo;      /* keys from the terminfo entry of keyterm, not libvterm's xterm */
	char keyterm[64];
	/* -c CHARSET: the terminal is set to that character set (a GBK Xshell): what the program
	 * writes is converted to UTF-8 for libvterm, what is typed to CHARSET for the program */
	iconv_t cd_screen, cd_keys;
	char held[8];           /* the start of a character the last read cut in two */
	size_t nheld;
	/* the terminal's printer: what came between ESC [5i and ESC [4i (media copy) */
	char *printed;
	size_t nprinted, capprinted;
	int printing, printed_done;
	size_t pmatch;          /* bytes of ESC [5i (or, printing, ESC [4i) seen so far */
	/* -b BYTES_PER_S: a slow link (9,600 baud: 960 bytes/s); the program's writes block while the
	 * pseudo-terminal's buffer is full, as on a real link */
	long link_bps;
	double link_tokens;
	long long link_last_us;
	long long step_start_us, step_ms, prev_ms;
	/* the terminal's ZMODEM side (Xshell's): armed by zmodem-receive or zmodem-send, started
	 * when the program's output holds the header that begins a transfer, fed the program's
	 * output (and feeding it back) until it exits */
	struct {
		int armed;              /* 'r': receive into dir, 's': send file; 0 not armed */
		int full;               /* zmodem-send -f */
		char dir[PATH_MAX], file[PATH_MAX];
		size_t match;           /* bytes of the header seen so far */
		int mode;               /* the running transfer's armed */
		pid_t pid;              /* rz or sz while it runs */
		int fd;                 /* its end of a socket pair */
	} zm;
	FILE *tee;              /* when set, every byte the program writes is copied here too */
	size_t step_reads;      /* reads of the terminal that got bytes (bench_pty resets it) */
	struct {
		char name[64];
		char *screen;   /* screen_look() */
	} kept[MAX_KEPT];       /* screens kept by `keep` */
	int nkept;
};

static struct harness H;

/* ---- time ------------------------------------------------------------------------------------ */

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long now_ms(void)
{
	return now_us() / 1000;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("vtharness: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* ---- the emulator ---------------------------------------------------------------------------- */

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				sleep_ms(1);
				continue;
			}
			return;  /* the program is gone; the step will notice */
		}
		s += w;
		n -= (size_t)w;
	}
}

/* What is typed reaches the program in the terminal's character set. */
static void master_write(const char *s, size_t n)
{
	if (H.cd_keys == (iconv_t)0) {
		write_all(H.master, s, n);
		return;
	}
	char out[8192 * 2], *in = (char *)s, *o = out;
	size_t left = n, room = sizeof out;
	while (left > 0 && iconv(H.cd_keys, &in, &left, &o, &room) == (size_t)-1 && errno == EILSEQ) {
		*o++ = '?';     /* a character the set lacks: as a GBK terminal would send nothing */
		room--;
		in++;
		left--;
	}
	write_all(H.master, out, (size_t)(o - out));
}

/* While a burst is being put together (libvterm hands over each key's bytes separately). */
static struct {
	char buf[8192];
	size_t n;
	int hold;
} outq;

/* What the terminal sends back (keys, answers to queries) goes to the program, as in a real one. */
static void on_vt_output(const char *s, size_t len, void *user)
{
	(void)user;
	if (outq.hold && outq.n + len <= sizeof outq.buf) {
		memcpy(outq.buf + outq.n, s, len);
		outq.n += len;
		return;
	}
	if (H.master >= 0 && !H.exited)
		master_write(s, len);
}

static void outq_flush(void)
{
	outq.hold = 0;
	if (outq.n && H.master >= 0 && !H.exited)
		master_write(outq.buf, outq.n);
	outq.n = 0;
}

static void on_shadow_output(const char *s, size_t len, void *user)
{
	(void)s;
	(void)len;
	(void)user;
}

static void add_violation(const char *fmt, ...)
{
	va_list ap;
	if (H.nviol >= MAX_VIOL)
		return;
	va_start(ap, fmt);
	vsnprintf(H.viol[H.nviol++], sizeof H.viol[0], fmt, ap);
	va_end(ap);
}

/* libvterm puts a glyph where the cursor is, unless the glyph does not fit before the right margin
 * (or the cursor waits in the last column): then it wraps to the next row first. A glyph placed
 * anywhere but at the tracked cursor therefore means the program wrote a row wider than the
 * terminal. */
static int shadow_putglyph(VTermGlyphInfo *info, VTermPos pos, void *user)
{
	(void)user;
	if (info->chars[0] == 0 || info->width == 0)
		return 1;
	if (pos.row != H.sh_row || pos.col != H.sh_col)
		add_violation("row %d: text ran past column %d and wrapped to row %d", H.sh_row,
		              H.cols, pos.row);
	H.sh_row = pos.row;
	H.sh_col = pos.col + info->width;
	return 1;
}

static int shadow_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
	(void)oldpos;
	(void)visible;
	(void)user;
	H.sh_row = pos.row;
	H.sh_col = pos.col;
	return 1;
}

/* The shadow keeps no cells: scrolling and erasing are "done" (libvterm's fallback would call
 * moverect and erase unchecked). */
static int shadow_scrollrect(VTermRect rect, int downward, int rightward, void *user)
{
	(void)rect;
	(void)downward;
	(void)rightward;
	(void)user;
	return 1;
}

static int shadow_moverect(VTermRect dest, VTermRect src, void *user)
{
	(void)dest;
	(void)src;
	(void)user;
	return 1;
}

static int shadow_erase(VTermRect rect, int selective, void *user)
{
	(void)rect;
	(void)selective;
	(void)user;
	return 1;
}

static const VTermStateCallbacks shadow_cbs = {
	.putglyph = shadow_putglyph,
	.movecursor = shadow_movecursor,
	.scrollrect = shadow_scrollrect,
	.moverect = shadow_moverect,
	.erase = shadow_erase,
};

static int screen_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	(void)user;
	if (prop == VTERM_PROP_CURSORVISIBLE)
		H.cursor_visible = val->boolean;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = screen_settermprop,
};

static void vt_create(void)
{
	H.vt = vterm_new(H.rows, H.cols);
	vterm_set_utf8(H.vt, 1);
	vterm_output_set_callback(H.vt, on_vt_output, NULL);
	H.vs = vterm_obtain_screen(H.vt);
	vterm_screen_enable_altscreen(H.vs, 1);
	vterm_screen_set_callbacks(H.vs, &screen_cbs, NULL);
	vterm_screen_reset(H.vs, 1);
	H.cursor_visible = 1;

	H.shadow = vterm_new(H.rows, H.cols);
	vterm_set_utf8(H.shadow, 1);
	vterm_output_set_callback(H.shadow, on_shadow_output, NULL);
	VTermState *st = vterm_obtain_state(H.shadow);
	vterm_state_set_callbacks(st, &shadow_cbs, NULL);
	vterm_state_reset(st, 1);
	H.sh_row = H.sh_col = 0;
}

static void vt_write(const char *buf, size_t n)
{
	vterm_input_write(H.vt, buf, n);
	vterm_input_write(H.shadow, buf, n);
}

/* REP (CSI n b, "the character before, n more times"), which ncurses uses outside UTF-8 locales:
 * libvterm 0.3 puts a character after a REP that reaches the last column onto the next row, where
 * xterm, PuTTY and Xshell put it in the last column. So the harness repeats the character itself.
 * The scan keeps its state between reads: an escape sequence or a character may be cut. */
static struct {
	int state;              /* 0 text, 1 after ESC, 2 in CSI, 3 ESC + one more byte, 4 in OSC */
	char csi[32];
	size_t ncsi;
	char last[4];           /* the last character printed, UTF-8 */
	size_t nlast, want;     /* its length; bytes of it still to come */
} rep;

static void vt_feed_utf8(const char *in, size_t nin)
{
	/* an escape sequence cut by the last read was held back: it goes again from its ESC */
	static char pend[64];
	static size_t npend;
	char *buf = malloc(npend + nin + 1);
	if (!buf)
		die("out of memory");
	memcpy(buf, pend, npend);
	memcpy(buf + npend, in, nin);
	size_t n = npend + nin, start = 0, seq = 0;
	npend = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		switch (rep.state) {
		case 0:
			if (c == 0x1b) {
				rep.state = 1;
				seq = i;
			} else if (rep.want > 0 && (c & 0xC0) == 0x80) {
				if (rep.nlast < sizeof rep.last)
					rep.last[rep.nlast++] = (char)c;
				rep.want--;
			} else if (c >= 0x20 && c != 0x7f) {
				rep.last[0] = (char)c;
				rep.nlast = 1;
				rep.want = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
			}
			break;
		case 1:
			rep.state = c == '[' ? 2 : c == ']' ? 4 : (c >= 0x20 && c < 0x30) ? 3 : 0;
			rep.ncsi = 0;
			break;
		case 3:
			rep.state = 0;
			break;
		case 4:
			if (c == 0x07 || c == '\\')
				rep.state = 0;
			break;
		case 2:
			if (rep.ncsi < sizeof rep.csi - 1)
				rep.csi[rep.ncsi++] = (char)c;
			rep.csi[rep.ncsi] = 0;
			if (c < 0x40 || c > 0x7e)
				break;
			rep.state = 0;
			if (c != 'b' || !rep.nlast)
				break;
			/* what came before the sequence goes out, then the character again instead of it */
			vt_write(buf + start, seq - start);
			int count = atoi(rep.csi);
			for (int k = 0; k < (count < 1 ? 1 : count) && k < 1000; k++)
				vt_write(rep.last, rep.nlast);
			start = i + 1;
			break;
		}
	}
	if ((rep.state == 1 || rep.state == 2 || rep.state == 3) && n - seq <= sizeof pend) {
		vt_write(buf + start, seq - start);
		memcpy(pend, buf + seq, n - seq);
		npend = n - seq;
		rep.state = 0;
	} else {
		vt_write(buf + start, n - start);
	}
	free(buf);
	vterm_screen_flush_damage(H.vs);
}

/* What the program wrote, in UTF-8 for libvterm: a character cut by the read waits for the rest;
 * a byte no character starts with shows as '?' (and the screen checks then fail on it). */
static void vt_feed(const char *buf, size_t n)
{
	if (H.cd_screen == (iconv_t)0) {
		vt_feed_utf8(buf, n);
		return;
	}
	char *in = malloc(H.nheld + n), out[65536 * 2];
	if (!in)
		die("out of memory");
	memcpy(in, H.held, H.nheld);
	memcpy(in + H.nheld, buf, n);
	char *p = in, *o = out;
	size_t left = H.nheld + n, room = sizeof out;
	H.nheld = 0;
	while (left > 0 && iconv(H.cd_screen, &p, &left, &o, &room) == (size_t)-1) {
		if (errno == EINVAL && left < sizeof H.held) {
			memcpy(H.held, p, left);
			H.nheld = left;
			break;
		}
		*o++ = '?';
		room--;
		p++;
		left--;
	}
	vt_feed_utf8(out, (size_t)(o - out));
	free(in);
}

/* ---- the terminal's printer ------------------------------------------------------------------ */

static void printed_add(const char *s, size_t n)
{
	if (H.nprinted + n > H.capprinted) {
		H.capprinted = (H.nprinted + n) * 2 + 4096;
		H.printed = realloc(H.printed, H.capprinted);
		if (!H.printed)
			die("out of memory");
	}
	memcpy(H.printed + H.nprinted, s, n);
	H.nprinted += n;
}

/* A real terminal hands what comes between ESC [5i and ESC [4i to the PC's printer and shows none
 * of it; so does this one. The screen's bytes go on to vt_feed; the rest is kept for
 * expect-printed-file. The sequences may be cut by a read. */
static void printer_split(const char *buf, size_t n)
{
	static const char on[] = "\033[5i", off[] = "\033[4i";
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *want = H.printing ? off : on;
		if (buf[i] == want[H.pmatch]) {
			if (++H.pmatch < 4)
				continue;
			/* the whole sequence: what came before it goes where it belongs */
			size_t before = i + 1 >= start + 4 ? i + 1 - 4 - start : 0;
			if (H.printing) {
				printed_add(buf + start, before);
				H.printing = 0;
				H.printed_done = 1;
			} else {
				vt_feed(buf + start, before);
				H.printing = 1;
				H.printed_done = 0;
				H.nprinted = 0;
			}
			H.pmatch = 0;
			start = i + 1;
		} else if (H.pmatch) {
			/* a start that was not one: those bytes were ordinary (held only when cut by a read,
			 * else still in buf) */
			if (i < H.pmatch) {
				const char *part = H.printing ? off : on;
				if (H.printing)
					printed_add(part, H.pmatch - i);
				else
					vt_feed(part, H.pmatch - i);
			}
			H.pmatch = 0;
			i--;            /* this byte may start the sequence itself */
		}
	}
	/* bytes of a sequence begun at the end wait for the next read */
	size_t keep = H.pmatch < n - start ? H.pmatch : n - start;
	if (H.printing)
		printed_add(buf + start, n - start - keep);
	else
		vt_feed(buf + start, n - start - keep);
}

/* expect-printed-file PATH ENCODING: the printer got exactly the file at PATH (~/ is the program's
 * home) in ENCODING, every LF as CR LF, and one form feed after it, worked out here with iconv. */
static int step_printed_file(const char *arg, char *why, size_t size)
{
	char path[PATH_MAX], enc[32];
	if (sscanf(arg, "%1023s %31s", path, enc) != 2) {
		snprintf(why, size, "expect-printed-file PATH ENCODING expected");
		return -1;
	}
	char full[PATH_MAX + 64];
	const char *home = "/tmp";
	for (int i = 0; i < H.nenv; i++)
		if (strncmp(H.envp[i], "HOME=", 5) == 0)
			home = H.envp[i] + 5;
	if (path[0] == '~' && path[1] == '/')
		snprintf(full, sizeof full, "%s%s", home, path + 1);
	else
		snprintf(full, sizeof full, "%s", path);
	FILE *f = fopen(full, "rb");
	if (!f) {
		snprintf(why, size, "%.400s: %s", full, strerror(errno));
		return -1;
	}
	static char text[1 << 20], crlf[1 << 21], want[1 << 22];
	size_t n = fread(text, 1, sizeof text, f), m = 0;
	fclose(f);
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n')
			crlf[m++] = '\r';
		crlf[m++] = text[i];
	}
	crlf[m++] = '\f';
	iconv_t cd = iconv_open(enc, "UTF-8");
	if (cd == (iconv_t)-1) {
		snprintf(why, size, "no character set %s", enc);
		return -1;
	}
	char *in = crlf, *o = want;
	size_t left = m, room = sizeof want;
	size_t r = iconv(cd, &in, &left, &o, &room);
	iconv_close(cd);
	if (r == (size_t)-1) {
		snprintf(why, size, "%.400s is not all %s", full, enc);
		return -1;
	}
	size_t wlen = (size_t)(o - want);
	if (!H.printed_done) {
		snprintf(why, size, "%s", H.printing ? "the printout was begun (ESC [5i), never ended"
		                                     : "nothing went to the terminal's printer");
		return -1;
	}
	if (H.nprinted != wlen || memcmp(H.printed, want, wlen) != 0) {
		size_t k = 0;
		while (k < wlen && k < H.nprinted && H.printed[k] == want[k])
			k++;
		snprintf(why, size, "the printer got %zu bytes, the printout is %zu; they part at byte %zu",
		         H.nprinted, wlen, k);
		return -1;
	}
	return 0;
}

/* ---- the program ----------------------------------------------------------------------------- */

static void env_put(const char *kv)
{
	const char *eq = strchr(kv, '=');
	if (!eq)
		die("-e %s: NAME=VALUE expected", kv);
	size_t klen = (size_t)(eq - kv) + 1;
	for (int i = 0; i < H.nenv; i++)
		if (strncmp(H.envp[i], kv, klen) == 0) {
			H.envp[i] = strdup(kv);
			return;
		}
	if (H.nenv >= MAX_ENV)
		die("too many environment variables");
	H.envp[H.nenv++] = strdup(kv);
	H.envp[H.nenv] = NULL;
}

static void env_pass(const char *name, const char *def)
{
	const char *v = getenv(name);
	if (!v)
		v = def;
	if (!v)
		return;
	char kv[PATH_MAX + 64];
	snprintf(kv, sizeof kv, "%s=%s", name, v);
	env_put(kv);
}

/* env -i style: only what the test decides reaches the program. */
static void env_build(void)
{
	env_put("TERM=xterm-256color");
	env_put("TZ=UTC");
	env_put("PATH=/usr/local/bin:/usr/bin:/bin");
	env_pass("LANG", "C.UTF-8");
	env_pass("LC_ALL", NULL);
	env_pass("HOME", "/tmp");
	env_pass("JIUYE_TODAY", "2024-06-30");
	env_pass("JIUYE_DB", NULL);
	env_pass("ASAN_OPTIONS", NULL);
	env_pass("UBSAN_OPTIONS", NULL);
	env_pass("LSAN_OPTIONS", NULL);
}

static void program_start(void)
{
	struct winsize ws = { .ws_row = (unsigned short)H.rows, .ws_col = (unsigned short)H.cols };
	int slave;
	pid_t pid = forkpty(&H.master, NULL, NULL, &ws);
	if (pid < 0)
		die("forkpty: %s", strerror(errno));
	if (pid == 0) {
		execve(H.argv[0], H.argv, H.envp);
		fprintf(stderr, "exec %s: %s\n", H.argv[0], strerror(errno));
		_exit(127);
	}
	H.pid = pid;
	H.exited = 0;
	H.status = 0;
	/* The slave side, opened here only to ask how many typed bytes the program has not read
	 * yet (FIONREAD): a step is not over while the program still has input to process. */
	slave = open(ptsname(H.master), O_RDWR | O_NOCTTY);
	H.slave = slave;
	fcntl(H.master, F_SETFL, fcntl(H.master, F_GETFL) | O_NONBLOCK);
}

static void program_reap(int block)
{
	int st;
	if (H.exited || H.pid <= 0)
		return;
	if (waitpid(H.pid, &st, block ? 0 : WNOHANG) == H.pid) {
		H.exited = 1;
		H.status = st;
	}
}

static void zm_stop(void);

static void program_close(void)
{
	zm_stop();
	if (H.master >= 0)
		close(H.master);
	if (H.slave >= 0)
		close(H.slave);
	H.master = H.slave = -1;
}

/* Asleep with every typed byte consumed: waiting for the next key. */
static int program_idle(void)
{
	char path[64], buf[512];
	int inq = 0;
	if (H.exited)
		return 1;
	if (H.slave >= 0 && ioctl(H.slave, FIONREAD, &inq) == 0 && inq > 0)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)H.pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -1;
	return p[2] == 'S' || p[2] == 'Z' || p[2] == 'T';
}

/* How many bytes the link lets through now (all of them on a fast one). */
static size_t link_allowance(size_t max)
{
	if (!H.link_bps)
		return max;
	long long t = now_us();
	if (H.link_last_us)
		H.link_tokens += (double)(t - H.link_last_us) * (double)H.link_bps / 1e6;
	H.link_last_us = t;
	if (H.link_tokens > 16)         /* a UART's FIFO, not a burst saved up while idle */
		H.link_tokens = 16;
	return H.link_tokens >= 1 ? (size_t)H.link_tokens : 0;
}

/* ---- the terminal's ZMODEM side ---------------------------------------------------------------- */

/* "**" ZDLE "B0" and the frame type: '0' ZRQINIT (a sender starts), '1' ZRINIT (a receiver
 * waits). */
static const char zm_head[] = "**\030B0";

static void zm_start(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (chdir(H.zm.dir) != 0)
			_exit(126);
		close(sv[0]);   /* its own end only: EOF when the harness closes it */
		if (H.master >= 0)
			close(H.master);
		if (H.slave >= 0)
			close(H.slave);
		dup2(sv[1], 0);
		dup2(sv[1], 1);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		if (H.zm.armed == 'r')
			execlp("rz", "rz", "-q", (char *)NULL);
		else if (H.zm.full)
			execlp("sz", "sz", "-q", "-f", H.zm.file, (char *)NULL);
		else
			execlp("sz", "sz", "-q", H.zm.file, (char *)NULL);
		_exit(127);
	}
	close(sv[1]);
	H.zm.pid = pid;
	H.zm.fd = sv[0];
	H.zm.mode = H.zm.armed;
	H.zm.armed = 0;
}

/* The transfer's end: the terminal's side has exited (or the program went away). */
static void zm_stop(void)
{
	if (H.zm.fd >= 0)
		close(H.zm.fd);
	H.zm.fd = -1;
	if (H.zm.pid > 0) {
		int st;
		pid_t w = 0;
		for (int i = 0; i < 50 && (w = waitpid(H.zm.pid, &st, WNOHANG)) == 0; i++)
			sleep_ms(10);   /* done, it is leaving */
		if (w == 0) {
			kill(H.zm.pid, SIGTERM);        /* a refused sender would wait a minute */
			waitpid(H.zm.pid, &st, 0);
		}
	}
	H.zm.pid = 0;
	H.zm.mode = 0;
}

/* What the program wrote, with ZMODEM armed: up to the header it goes to the screen; from the
 * header on, to the terminal's rz or sz. */
static void zm_split(const char *buf, size_t n)
{
	/* the program's rz is done (it refused, say) and the program takes its screen back (its
	 * escape sequences: what a receiver sends is headers, never an ESC [ ?): the transfer is
	 * over, the rest is the screen's. (rz's own CANs may never come: a program leaving drops
	 * its unread output.) */
	const char *back = H.zm.pid > 0 && H.zm.mode == 's' ? memmem(buf, n, "\033[?", 3) : NULL;
	if (back) {
		size_t k = (size_t)(back - buf);
		write_all(H.zm.fd, buf, k);
		zm_stop();
		printer_split(buf + k, n - k);
		return;
	}
	if (H.zm.pid > 0) {
		write_all(H.zm.fd, buf, n);
		return;
	}
	char want = H.zm.armed == 'r' ? '0' : '1';
	for (size_t i = 0; i < n; i++) {
		size_t m = H.zm.match;
		int fits = m < sizeof zm_head - 1 ? buf[i] == zm_head[m] : buf[i] == want;
		if (!fits) {
			H.zm.match = buf[i] == zm_head[0];
			continue;
		}
		if (++H.zm.match < sizeof zm_head)
			continue;
		/* the header: what came before it in this read was the screen's (a header begun in the
		 * read before went there too, harmlessly); the header, whole, and the rest to the side */
		size_t start = i + 1 >= sizeof zm_head ? i + 1 - sizeof zm_head : 0;
		printer_split(buf, start);
		H.zm.match = 0;
		zm_start();
		write_all(H.zm.fd, zm_head, sizeof zm_head - 1);
		write_all(H.zm.fd, &want, 1);
		write_all(H.zm.fd, buf + i + 1, n - i - 1);
		return;
	}
	printer_split(buf, n);
}

/* The terminal's side's answers to the program, raw (no character set: the protocol's bytes).
 * 1 while the transfer goes on. */
static int zm_pump(void)
{
	if (H.zm.pid <= 0)
		return 0;
	char buf[65536];
	for (;;) {
		struct pollfd pfd = { .fd = H.zm.fd, .events = POLLIN };
		if (poll(&pfd, 1, 0) <= 0)
			return 1;
		ssize_t n = read(H.zm.fd, buf, sizeof buf);
		if (n > 0) {
			if (H.master >= 0)
				write_all(H.master, buf, (size_t)n);
			/* our rz's ZFIN: the file is whole and closed, the transfer over. The sender's
			 * "OO" after it is often lost (a sender leaving drops its unread output), and
			 * rz would wait ten seconds for it: it is stopped now, and what the program
			 * writes next is the screen's. */
			if (H.zm.mode == 'r' && memmem(buf, (size_t)n, "**\030B08", 6)) {
				zm_stop();
				return 0;
			}
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		zm_stop();
		return 0;
	}
}

/* Read what the program wrote until it is quiet. react: first wait (up to react_ms) for at least one
 * byte. Returns 0 when quiet or the program ended, -1 on timeout. */
static int pump(int react_ms)
{
	long long start = now_ms(), last = start, deadline = start + H.timeout_ms;
	int got = 0;
	char buf[65536];

	for (;;) {
		struct pollfd pfd = { .fd = H.master, .events = POLLIN };
		size_t want = link_allowance(sizeof buf);
		int r = H.master >= 0 && want ? poll(&pfd, 1, 5) : (sleep_ms(1), 0);
		long long t = now_ms();
		if (r > 0) {
			ssize_t n = read(H.master, buf, want);
			if (n > 0 && H.link_bps)
				H.link_tokens -= (double)n;
			if (n > 0) {
				if (H.zm.armed || H.zm.pid > 0)
					zm_split(buf, (size_t)n);
				else
					printer_split(buf, (size_t)n);
				if (H.tee)
					fwrite(buf, 1, (size_t)n, H.tee);
				H.step_bytes += (size_t)n;
				H.step_reads++;
				got = 1;
				last = t;
				H.last_byte_us = now_us();
				continue;
			}
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			/* EOF or EIO: the slave side has no process left */
			program_reap(1);
			program_close();
			return 0;
		}
		if (zm_pump()) {        /* a transfer is not quiet while it lasts */
			last = t;
			if (t > deadline)
				return -1;
			continue;
		}
		program_reap(0);
		if (H.exited && H.master < 0)
			return 0;
		if (t > deadline)
			return -1;
		if (!got && react_ms > 0 && t - start < react_ms)
			continue;
		int idle = program_idle();
		int waiting = 0;        /* on a slow link: output still on its way */
		if (H.link_bps && H.master >= 0 && ioctl(H.master, FIONREAD, &waiting) == 0 && waiting > 0)
			continue;
		if (idle > 0 && t - last >= H.quiet_idle_ms)
			return 0;
		if (idle < 0 && t - last >= QUIET_BLIND_MS)
			return 0;
	}
}

/* ---- reading the screen ---------------------------------------------------------------------- */

static size_t put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Row r as UTF-8 text, one entry per character (a wide character once), trailing blanks kept.
 * Also the start column of each byte, to map a match back to a cell. */
static void screen_row(int r, char *out, size_t size, int *colof)
{
	size_t o = 0;
	for (int c = 0; c < H.cols && o + 32 < size; c++) {
		VTermScreenCell cell;
		VTermPos pos = { .row = r, .col = c };
		vterm_screen_get_cell(H.vs, pos, &cell);
		if (cell.chars[0] == (uint32_t)-1)
			continue;
		size_t before = o;
		if (cell.chars[0] == 0)
			out[o++] = ' ';
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			o += put_utf8(out + o, cell.chars[i]);
		if (colof)
			for (size_t k = before; k < o; k++)
				colof[k] = c;
	}
	out[o] = 0;
}

static void rtrim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = 0;
}

static void cursor_pos(int *r, int *c)
{
	VTermPos p;
	vterm_state_get_cursorpos(vterm_obtain_state(H.vt), &p);
	*r = p.row;
	*c = p.col;
}

/* The whole screen as text, trailing blanks trimmed, then the cursor. Caller frees. */
static char *screen_text(int masked)
{
	size_t cap = (size_t)H.rows * ((size_t)H.cols * 8 + 16) + 64, len = 0;
	char *s = malloc(cap), line[4096];
	if (!s)
		die("out of memory");
	for (int r = 0; r < H.rows; r++) {
		screen_row(r, line, sizeof line, NULL);
		rtrim(line);
		len += (size_t)snprintf(s + len, cap - len, "%02d|%s\n", r, line);
	}
	int cr, cc;
	cursor_pos(&cr, &cc);
	snprintf(s + len, cap - len, "cursor=%d,%d%s\n", cr, cc, H.cursor_visible ? "" : " hidden");
	if (!masked)
		return s;
	/* Masks (times, the login name) make a golden screen independent of the clock and the user.
	 * The login name takes the blanks before it along (" <user>"): right-aligned in a title, a
	 * longer or shorter name moves it, not the rest of the row. */
	for (int m = H.user_re_ok ? -1 : 0; m < H.nmasks; m++) {
		const regex_t *re = m < 0 ? &H.user_re : &H.masks[m];
		char *out = malloc(strlen(s) * 2 + 64), *p = s;
		size_t o = 0;
		regmatch_t mt;
		while (regexec(re, p, 1, &mt, p == s ? 0 : REG_NOTBOL) == 0 && mt.rm_eo > mt.rm_so) {
			memcpy(out + o, p, (size_t)mt.rm_so);
			o += (size_t)mt.rm_so;
			if (m < 0)
				o += (size_t)sprintf(out + o, "%s<user>", p[mt.rm_so] == ' ' ? " " : "");
			else
				o += (size_t)sprintf(out + o, "<~>");
			p += mt.rm_eo;
		}
		strcpy(out + o, p);
		free(s);
		s = out;
	}
	return s;
}

static void dump_screen(FILE *f)
{
	char *s = screen_text(0), *line = s, *nl;
	while ((nl = strchr(line, '\n'))) {
		fprintf(f, "#   %.*s\n", (int)(nl - line), line);
		line = nl + 1;
	}
	free(s);
}

/* The cell-by-cell rules every screen obeys. Returns 0 or fills why. */
static int screen_check(char *why, size_t size)
{
	if (H.nviol > 0) {
		snprintf(why, size, "%s", H.viol[0]);
		return -1;
	}
	for (int r = 0; r < H.rows; r++) {
		int cols = 0;
		for (int c = 0; c < H.cols; c++) {
			VTermScreenCell cell, next;
			VTermPos pos = { .row = r, .col = c };
			vterm_screen_get_cell(H.vs, pos, &cell);
			uint32_t ch = cell.chars[0];
			if (ch == (uint32_t)-1) {
				snprintf(why, size, "row %d col %d: the right half of a wide character "
				         "without its left half (split wide character)", r, c);
				return -1;
			}
			if (cell.width == 2) {
				if (c == H.cols - 1) {
					snprintf(why, size, "row %d: wide character in the last column", r);
					return -1;
				}
				pos.col = c + 1;
				vterm_screen_get_cell(H.vs, pos, &next);
				if (next.chars[0] != (uint32_t)-1) {
					snprintf(why, size, "row %d col %d: wide character without its "
					         "continuation cell", r, c);
					return -1;
				}
				c++;
			} else if (ch != 0 && ch < 0x110000 && wcwidth((wchar_t)ch) == 2) {
				snprintf(why, size, "row %d col %d: wide character U+%04X cut to one "
				         "column (its right half was overwritten)", r, c, (unsigned)ch);
				return -1;
			}
			cols += cell.width;
		}
		if (cols > H.cols) {
			snprintf(why, size, "row %d is %d columns wide on a %d-column terminal", r,
			         cols, H.cols);
			return -1;
		}
	}
	return 0;
}

static int screen_find(const char *text, int *row, int *col)
{
	char line[4096];
	int colof[4096];
	for (int r = 0; r < H.rows; r++) {
		screen_row(r, line, sizeof line, colof);
		char *p = strstr(line, text);
		if (p) {
			if (row)
				*row = r;
			if (col)
				*col = colof[p - line];
			return 1;
		}
	}
	return 0;
}

static int row_index(const char *s, int *r)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s)
		return -1;
	if (v < 0)
		v += H.rows;
	if (v < 0 || v >= H.rows)
		return -1;
	*r = (int)v;
	return (int)(end - s);
}

/* ---- keys ------------------------------------------------------------------------------------ */

struct keyname {
	const char *name;
	VTermKey key;
	VTermModifier mod;
};

static const struct keyname keynames[] = {
	{ "Enter", VTERM_KEY_ENTER, 0 },   { "CR", VTERM_KEY_ENTER, 0 },
	{ "Tab", VTERM_KEY_TAB, 0 },       { "S-Tab", VTERM_KEY_TAB, VTERM_MOD_SHIFT },
	{ "BS", VTERM_KEY_BACKSPACE, 0 },  { "Esc", VTERM_KEY_ESCAPE, 0 },
	{ "Up", VTERM_KEY_UP, 0 },         { "Down", VTERM_KEY_DOWN, 0 },
	{ "Left", VTERM_KEY_LEFT, 0 },     { "Right", VTERM_KEY_RIGHT, 0 },
	{ "Ins", VTERM_KEY_INS, 0 },       { "Del", VTERM_KEY_DEL, 0 },
	{ "Home", VTERM_KEY_HOME, 0 },     { "End", VTERM_KEY_END, 0 },
	{ "PgUp", VTERM_KEY_PAGEUP, 0 },   { "PgDn", VTERM_KEY_PAGEDOWN, 0 },
};

static uint32_t utf8_next(const char **ps)
{
	const unsigned char *s = (const unsigned char *)*ps;
	uint32_t c = s[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (n)
		c &= 0x3F >> n;
	for (int i = 1; i <= n && s[i]; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*ps = (const char *)s + 1 + n;
	return c;
}

/* A terminal other than xterm sends its own bytes for the special keys: PuTTY ESC [11~ for F1,
 * the Linux console ESC [[A, vt220 ^H for Backspace. Its terminfo entry says which (the strings
 * hold in keypad-transmit mode, which curses switches on); they go to the program as they are.
 * 0 when sent, -1 for a key the entry does not describe (libvterm's bytes then). */
static int key_terminfo(const char *name)
{
	static const struct { const char *key, *cap; } caps[] = {
		{ "Up", "kcuu1" },  { "Down", "kcud1" },  { "Left", "kcub1" }, { "Right", "kcuf1" },
		{ "Home", "khome" }, { "End", "kend" },   { "PgUp", "kpp" },    { "PgDn", "knp" },
		{ "Ins", "kich1" }, { "Del", "kdch1" },   { "S-Tab", "kcbt" },  { "BS", "kbs" },
		{ "F1", "kf1" },    { "F2", "kf2" },      { "F3", "kf3" },      { "F4", "kf4" },
		{ "F5", "kf5" },    { "F6", "kf6" },      { "F7", "kf7" },      { "F8", "kf8" },
		{ "F9", "kf9" },    { "F10", "kf10" },    { "F11", "kf11" },    { "F12", "kf12" },
	};
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		if (strcmp(name, caps[i].key) != 0)
			continue;
		char *v = tigetstr(caps[i].cap);
		if (!v || v == (char *)-1)
			return -1;
		on_vt_output(v, strlen(v), NULL);
		return 0;
	}
	return -1;
}

/* Queue one symbolic key (a whole <...> token) in libvterm; 1 when it was an Esc. */
static int key_queue(const char *tok, char *why, size_t size)
{
	size_t n = strlen(tok);
	if (n < 3 || tok[0] != '<' || tok[n - 1] != '>') {
		snprintf(why, size, "bad key %s", tok);
		return -1;
	}
	char name[32];
	snprintf(name, sizeof name, "%.*s", (int)(n - 2), tok + 1);
	if (H.keys_terminfo) {
		int r = key_terminfo(name);
		if (r >= 0)
			return r;
	}
	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
		if (strcmp(name, keynames[i].name) == 0) {
			vterm_keyboard_key(H.vt, keynames[i].key, keynames[i].mod);
			return keynames[i].key == VTERM_KEY_ESCAPE;
		}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int f = atoi(name + 1);
		if (f >= 1 && f <= 12) {
			vterm_keyboard_key(H.vt, VTERM_KEY_FUNCTION(f), 0);
			return 0;
		}
	}
	if (strcmp(name, "Space") == 0) {
		vterm_keyboard_unichar(H.vt, ' ', 0);
		return 0;
	}
	if (strcmp(name, "lt") == 0) {
		vterm_keyboard_unichar(H.vt, '<', 0);
		return 0;
	}
	if ((name[0] == 'C' || name[0] == 'M') && name[1] == '-' && name[2]) {
		const char *p = name + 2;
		uint32_t c = utf8_next(&p);
		if (*p == 0) {
			vterm_keyboard_unichar(H.vt, c, name[0] == 'C' ? VTERM_MOD_CTRL : VTERM_MOD_ALT);
			return 0;
		}
	}
	snprintf(why, size, "unknown key %s", tok);
	return -1;
}

static int step_keys(const char *arg, char *why, size_t size)
{
	const char *p = arg;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		if (*p == '<') {
			e = strchr(p, '>');
			e = e ? e + 1 : p + strlen(p);
			char tok[40];
			snprintf(tok, sizeof tok, "%.*s", (int)(e - p), p);
			int esc = key_queue(tok, why, size);
			if (esc < 0)
				return -1;
			H.keys_sent++;
			if (pump(esc ? ESC_REACT_MS : 0) < 0) {
				snprintf(why, size, "no quiet after %s within %d ms", tok, H.timeout_ms);
				return -1;
			}
		} else {
			/* plain characters, one key each */
			while (*e && *e != ' ') {
				uint32_t c = utf8_next(&e);
				vterm_keyboard_unichar(H.vt, c, 0);
				H.keys_sent++;
				if (pump(0) < 0) {
					snprintf(why, size, "no quiet after a key within %d ms", H.timeout_ms);
					return -1;
				}
			}
		}
		p = e;
	}
	return 0;
}

/* An input method commits a whole word at once: every character in one write (and the keys
 * named <...> among them, as a fast typist's Backspace lands in the same read). */
static int step_type(const char *arg, char *why, size_t size)
{
	const char *p = arg;
	outq.hold = 1;
	while (*p) {
		const char *e = *p == '<' ? strchr(p, '>') : NULL;
		if (e) {
			char tok[40];
			snprintf(tok, sizeof tok, "%.*s", (int)(e + 1 - p), p);
			if (key_queue(tok, why, size) < 0) {
				outq.hold = 0;
				outq.n = 0;
				return -1;
			}
			p = e + 1;
		} else {
			vterm_keyboard_unichar(H.vt, utf8_next(&p), 0);
		}
	}
	outq_flush();
	if (pump(0) < 0) {
		snprintf(why, size, "no quiet after typing within %d ms", H.timeout_ms);
		return -1;
	}
	return 0;
}

/* ---- steps ----------------------------------------------------------------------------------- */

static struct label *label_get(const char *name, int create)
{
	for (int i = 0; i < H.nlabels; i++)
		if (strcmp(H.labels[i].name, name) == 0)
			return &H.labels[i];
	if (!create || H.nlabels >= MAX_LABELS)
		return NULL;
	struct label *l = &H.labels[H.nlabels++];
	snprintf(l->name, sizeof l->name, "%s", name);
	return l;
}

static void label_record(const char *name, size_t bytes)
{
	struct label *l = label_get(name, 1);
	if (l)
		l->bytes = bytes;
	printf("# bytes %s %zu\n", name, bytes);
}

/* Keep reading while the condition does not hold yet: output may still be on its way. */
static int wait_until(int (*cond)(const char *, const char *), const char *a, const char *b)
{
	long long deadline = now_ms() + H.timeout_ms;
	while (!cond(a, b)) {
		if (now_ms() > deadline || (H.exited && H.master < 0))
			return cond(a, b);
		struct pollfd pfd = { .fd = H.master, .events = POLLIN };
		if (H.zm.pid > 0)
			pump(0);        /* a transfer: the terminal's side speaks too */
		else if (H.master >= 0 && poll(&pfd, 1, 20) > 0)
			pump(0);
		else if (H.master < 0)
			sleep_ms(20);
	}
	return 1;
}

static int cond_contains(const char *text, const char *unused)
{
	(void)unused;
	return screen_find(text, NULL, NULL);
}

static int cond_absent(const char *text, const char *unused)
{
	(void)unused;
	return !screen_find(text, NULL, NULL);
}

static int cond_line(const char *rowarg, const char *text)
{
	char line[4096];
	int r;
	if (row_index(rowarg, &r) < 0)
		return 0;
	screen_row(r, line, sizeof line, NULL);
	return strstr(line, text) != NULL;
}

static int cond_cursor(const char *rc, const char *unused)
{
	int r, c, er, ec;
	(void)unused;
	if (sscanf(rc, "%d,%d", &er, &ec) != 2)
		return 0;
	if (er < 0)
		er += H.rows;
	cursor_pos(&r, &c);
	return r == er && c == ec;
}

static int cond_reverse(const char *text, const char *unused)
{
	int r, c;
	(void)unused;
	if (!screen_find(text, &r, &c))
		return 0;
	VTermScreenCell cell;
	VTermPos pos = { .row = r, .col = c };
	vterm_screen_get_cell(H.vs, pos, &cell);
	return cell.attrs.reverse;
}

/* Expected and actual screens, line by line where they differ, enough to see what moved. */
static void print_diff(const char *e, const char *a)
{
	while (*e || *a) {
		const char *en = strchr(e, '\n'), *an = strchr(a, '\n');
		int el = en ? (int)(en - e) : (int)strlen(e);
		int al = an ? (int)(an - a) : (int)strlen(a);
		if (el != al || strncmp(e, a, (size_t)el) != 0) {
			if (*e)
				printf("# -%.*s\n", el, e);
			if (*a)
				printf("# +%.*s\n", al, a);
		}
		e += el + (en != NULL);
		a += al + (an != NULL);
	}
}

static int colour_code(const VTermColor *c, int fg)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(c))
		return c->indexed.idx;
	return 256 + (c->rgb.red << 16 | c->rgb.green << 8 | c->rgb.blue);
}

/* The screen's text (screen_text) and, after it, how its cells look: per row, each run of cells
 * drawn alike as "row:col look" where the look changes (reverse, bold, underline, fg/bg colour).
 * Caller frees. */
static char *screen_look(void)
{
	char *text = screen_text(0);
	size_t cap = strlen(text) + (size_t)H.rows * (size_t)H.cols * 24 + 64, len;
	char *s = malloc(cap), prev[48] = "", look[48];
	if (!s)
		die("out of memory");
	len = (size_t)snprintf(s, cap, "%s", text);
	free(text);
	for (int r = 0; r < H.rows; r++)
		for (int c = 0; c < H.cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { .row = r, .col = c };
			vterm_screen_get_cell(H.vs, pos, &cell);
			/* a wide character's right half looks as its left half */
			if (cell.chars[0] == (uint32_t)-1)
				continue;
			snprintf(look, sizeof look, "%s%s%s %d/%d", cell.attrs.reverse ? "r" : "",
			         cell.attrs.bold ? "b" : "", cell.attrs.underline ? "u" : "",
			         colour_code(&cell.fg, 1), colour_code(&cell.bg, 0));
			if (strcmp(look, prev) == 0)
				continue;
			len += (size_t)snprintf(s + len, cap - len, "%02d:%02d %s\n", r, c, look);
			memcpy(prev, look, sizeof prev);
		}
	return s;
}

static int step_keep(const char *name, char *why, size_t size)
{
	int i = 0;
	while (i < H.nkept && strcmp(H.kept[i].name, name) != 0)
		i++;
	if (i == MAX_KEPT || !*name) {
		snprintf(why, size, "keep NAME expected, at most %d names", MAX_KEPT);
		return -1;
	}
	if (i == H.nkept)
		snprintf(H.kept[H.nkept++].name, sizeof H.kept[0].name, "%s", name);
	free(H.kept[i].screen);
	H.kept[i].screen = screen_look();
	return 0;
}

static int step_expect_kept(const char *name, char *why, size_t size)
{
	for (int i = 0; i < H.nkept; i++) {
		if (strcmp(H.kept[i].name, name) != 0)
			continue;
		char *now = screen_look();
		int same = strcmp(now, H.kept[i].screen) == 0;
		if (!same) {
			snprintf(why, size, "the screen differs from the one kept as %s", name);
			print_diff(H.kept[i].screen, now);
		}
		free(now);
		return same ? 0 : -1;
	}
	snprintf(why, size, "no screen kept as %s", name);
	return -1;
}

/* Does any cell on the screen have a colour of its own (not the default foreground or
 * background)? */
static int screen_coloured(void)
{
	for (int r = 0; r < H.rows; r++)
		for (int c = 0; c < H.cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { .row = r, .col = c };
			vterm_screen_get_cell(H.vs, pos, &cell);
			if (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg))
				return 1;
		}
	return 0;
}

static int step_snapshot(const char *name, char *why, size_t size)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s.%s.%s.txt", H.golden_dir, H.script, name, H.tagstr);
	char *actual = screen_text(1);
	const char *upd = getenv("UPDATE_GOLDEN");
	if (upd && *upd && strcmp(upd, "0") != 0) {
		FILE *f = fopen(path, "w");
		if (!f || fputs(actual, f) < 0 || fclose(f) != 0) {
			snprintf(why, size, "cannot write %.400s", path);
			free(actual);
			return -1;
		}
		free(actual);
		return 0;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, size, "no golden screen %.400s (UPDATE_GOLDEN=1 writes it)", path);
		free(actual);
		return -1;
	}
	struct stat st;
	fstat(fileno(f), &st);
	char *expected = calloc(1, (size_t)st.st_size + 1);
	size_t got = fread(expected, 1, (size_t)st.st_size, f);
	fclose(f);
	expected[got] = 0;
	int rc = 0;
	if (strcmp(expected, actual) != 0) {
		snprintf(why, size, "screen differs from %.400s", path);
		print_diff(expected, actual);
		rc = -1;
	}
	free(expected);
	free(actual);
	return rc;
}

static int step_wait_exit(const char *arg, char *why, size_t size)
{
	long long deadline = now_ms() + H.timeout_ms;
	while (!H.exited && now_ms() < deadline) {
		if (H.master >= 0)
			pump(0);
		program_reap(0);
		if (!H.exited)
			sleep_ms(10);
	}
	if (!H.exited) {
		snprintf(why, size, "the program did not exit within %d ms", H.timeout_ms);
		return -1;
	}
	if (H.master >= 0)
		pump(0);
	program_close();
	if (*arg) {
		int want = atoi(arg);
		int code = WIFEXITED(H.status) ? WEXITSTATUS(H.status) : 128 + WTERMSIG(H.status);
		if (code != want) {
			snprintf(why, size, "exit status %d, expected %d", code, want);
			return -1;
		}
	}
	return 0;
}

static void program_kill(void)
{
	if (!H.exited && H.pid > 0) {
		kill(H.pid, SIGKILL);
		program_reap(1);
	}
	if (H.master >= 0)
		pump(0);
	program_close();
}

/* Closing the master side hangs the terminal up: the kernel sends SIGHUP to the program. */
static int step_hangup(char *why, size_t size)
{
	long long deadline = now_ms() + H.timeout_ms;
	program_close();
	while (!H.exited && now_ms() < deadline) {
		program_reap(0);
		if (!H.exited)
			sleep_ms(5);
	}
	if (!H.exited) {
		snprintf(why, size, "the program did not exit within %d ms of the hang-up", H.timeout_ms);
		return -1;
	}
	return 0;
}

static int step_restart(char *why, size_t size)
{
	program_kill();
	program_start();
	if (pump(H.timeout_ms) < 0) {
		snprintf(why, size, "no quiet after the start within %d ms", H.timeout_ms);
		return -1;
	}
	return 0;
}

static int step_resize(const char *arg, char *why, size_t size)
{
	int c, r;
	if (sscanf(arg, "%dx%d", &c, &r) != 2 || c < 2 || r < 2 || c > 500 || r > 200) {
		snprintf(why, size, "resize COLSxROWS expected");
		return -1;
	}
	H.cols = c;
	H.rows = r;
	vterm_set_size(H.vt, r, c);
	vterm_set_size(H.shadow, r, c);
	vterm_screen_flush_damage(H.vs);
	/* TIOCSWINSZ on the master makes the kernel send SIGWINCH to the program's process group,
	 * exactly what a terminal emulator does; sending another would make it redraw twice. */
	struct winsize ws = { .ws_row = (unsigned short)r, .ws_col = (unsigned short)c };
	if (H.master >= 0)
		ioctl(H.master, TIOCSWINSZ, &ws);
	if (pump(0) < 0) {
		snprintf(why, size, "no quiet after the resize within %d ms", H.timeout_ms);
		return -1;
	}
	return 0;
}

static int step_bytes(const char *cmd, const char *arg, char *why, size_t size)
{
	if (strcmp(cmd, "bytes") == 0) {
		if (!*arg) {
			snprintf(why, size, "bytes LABEL expected");
			return -1;
		}
		label_record(arg, H.prev_bytes);
		return 0;
	}
	if (strcmp(cmd, "bytes-max") == 0) {
		char *end;
		long max = strtol(arg, &end, 10);
		while (*end == ' ')
			end++;
		if (*end)
			label_record(end, H.prev_bytes);
		if ((long)H.prev_bytes > max) {
			snprintf(why, size, "the previous step wrote %zu bytes, at most %ld allowed",
			         H.prev_bytes, max);
			return -1;
		}
		return 0;
	}
	/* bytes-le A B [P%] */
	char a[64], b[64];
	int pct = 0;
	int n = sscanf(arg, "%63s %63s %d%%", a, b, &pct);
	if (n < 2 || pct < 0 || pct > 100) {
		snprintf(why, size, "bytes-le LABEL LABEL [PERCENT%%] expected");
		return -1;
	}
	struct label *la = label_get(a, 0), *lb = label_get(b, 0);
	if (!la || !lb) {
		snprintf(why, size, "no step labelled %s", la ? b : a);
		return -1;
	}
	size_t limit = lb->bytes + lb->bytes * (size_t)pct / 100;
	if (la->bytes > limit) {
		snprintf(why, size, "%s wrote %zu bytes, more than %s (%zu) + %d%%", a, la->bytes, b,
		         lb->bytes, pct);
		return -1;
	}
	return 0;
}

/* ---- files of the terminal's side (zmodem-receive, zmodem-send) ---------------------------------- */

/* PATH with ~/ as the program's home. */
static void home_path(const char *in, char *out, size_t size)
{
	const char *home = "/tmp";
	for (int i = 0; i < H.nenv; i++)
		if (strncmp(H.envp[i], "HOME=", 5) == 0)
			home = H.envp[i] + 5;
	if (in[0] == '~' && in[1] == '/')
		snprintf(out, size, "%s%s", home, in + 1);
	else
		snprintf(out, size, "%s", in);
}

static int step_zmodem(const char *cmd, const char *arg, char *why, size_t size)
{
	char a[PATH_MAX], b[PATH_MAX];
	H.zm.full = 0;
	if (strcmp(cmd, "zmodem-receive") == 0) {
		if (sscanf(arg, "%1023s", a) != 1) {
			snprintf(why, size, "zmodem-receive DIR expected");
			return -1;
		}
		home_path(a, H.zm.dir, sizeof H.zm.dir);
		mkdir(H.zm.dir, 0700);
		H.zm.armed = 'r';
		return 0;
	}
	if (strncmp(arg, "-f ", 3) == 0) {
		H.zm.full = 1;
		arg += 3;
	}
	if (sscanf(arg, "%1023s %1023s", a, b) != 2) {
		snprintf(why, size, "zmodem-send [-f] DIR FILE expected");
		return -1;
	}
	home_path(a, H.zm.dir, sizeof H.zm.dir);
	snprintf(H.zm.file, sizeof H.zm.file, "%s", b);
	H.zm.armed = 's';
	return 0;
}

/* write-file PATH TEXT: TEXT and a newline, the folders on the way made. */
static int step_write_file(const char *arg, char *why, size_t size)
{
	char a[PATH_MAX], path[PATH_MAX];
	int n = 0;
	if (sscanf(arg, "%1023s %n", a, &n) != 1 || !n) {
		snprintf(why, size, "write-file PATH TEXT expected");
		return -1;
	}
	home_path(a, path, sizeof path);
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(path, 0700);
			*p = '/';
		}
	FILE *f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", arg + n) < 0 || fclose(f) != 0) {
		snprintf(why, size, "%.400s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The whole of a file (at most 4 MB); NULL when it cannot be read. Caller frees. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(4 << 20);
	if (!buf)
		die("out of memory");
	*n = fread(buf, 1, 4 << 20, f);
	fclose(f);
	return buf;
}

static int step_same_file(const char *arg, char *why, size_t size)
{
	char a[PATH_MAX], b[PATH_MAX], pa[PATH_MAX], pb[PATH_MAX];
	if (sscanf(arg, "%1023s %1023s", a, b) != 2) {
		snprintf(why, size, "expect-same-file A B expected");
		return -1;
	}
	home_path(a, pa, sizeof pa);
	home_path(b, pb, sizeof pb);
	size_t na = 0, nb = 0;
	char *da = slurp(pa, &na), *db = slurp(pb, &nb);
	int rc = 0;
	if (!da || !db) {
		snprintf(why, size, "%.400s: %s", !da ? pa : pb, strerror(errno));
		rc = -1;
	} else if (na != nb || memcmp(da, db, na) != 0) {
		snprintf(why, size, "%.200s has %zu bytes, %.200s %zu: not the same", a, na, b, nb);
		rc = -1;
	} else if (na == 0) {
		snprintf(why, size, "%.200s and %.200s are both empty", a, b);
		rc = -1;
	}
	free(da);
	free(db);
	return rc;
}

static int step_no_file(const char *arg, char *why, size_t size)
{
	char path[PATH_MAX];
	home_path(arg, path, sizeof path);
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		snprintf(why, size, "%.400s is there", arg);
		return -1;
	}
	return 0;
}

/* Run one step. Returns 0 ok, -1 failed (why filled). *counts: the step produced output whose size
 * the next `bytes` line may read. */
static int step_run(const char *cmd, const char *arg, int *counts, char *why, size_t size)
{
	*counts = 0;
	if (strcmp(cmd, "key") == 0 || strcmp(cmd, "keys") == 0) {
		*counts = 1;
		return step_keys(arg, why, size);
	}
	if (strcmp(cmd, "type") == 0) {
		*counts = 1;
		return step_type(arg, why, size);
	}
	if (strcmp(cmd, "resize") == 0) {
		*counts = 1;
		return step_resize(arg, why, size);
	}
	if (strcmp(cmd, "restart") == 0) {
		*counts = 1;
		return step_restart(why, size);
	}
	if (strcmp(cmd, "kill9") == 0) {
		program_kill();
		return 0;
	}
	if (strcmp(cmd, "hangup") == 0)
		return step_hangup(why, size);
	if (strcmp(cmd, "wait-exit") == 0)
		return step_wait_exit(arg, why, size);
	if (strcmp(cmd, "sleep") == 0) {
		sleep_ms(atoi(arg));
		if (H.master >= 0)
			pump(0);
		return 0;
	}
	if (strcmp(cmd, "keys-reset") == 0) {
		H.keys_sent = 0;
		return 0;
	}
	if (strcmp(cmd, "keys-max") == 0) {
		char *end;
		long max = strtol(arg, &end, 10);
		if (end == arg || max < 0) {
			snprintf(why, size, "keys-max N expected");
			return -1;
		}
		printf("# keys %d\n", H.keys_sent);
		if (H.keys_sent > max) {
			snprintf(why, size, "%d keys since keys-reset, at most %ld allowed", H.keys_sent,
			         max);
			return -1;
		}
		return 0;
	}
	if (strcmp(cmd, "dump") == 0) {
		dump_screen(stdout);
		return 0;
	}
	if (strcmp(cmd, "wait-for") == 0 || strcmp(cmd, "expect-contains") == 0) {
		if (wait_until(cond_contains, arg, NULL))
			return 0;
		snprintf(why, size, "the screen does not show \"%s\"", arg);
		return -1;
	}
	if (strcmp(cmd, "expect-absent") == 0) {
		if (wait_until(cond_absent, arg, NULL))
			return 0;
		snprintf(why, size, "the screen shows \"%s\"", arg);
		return -1;
	}
	if (strcmp(cmd, "expect-line") == 0) {
		int r, n = row_index(arg, &r);
		if (n < 0) {
			snprintf(why, size, "expect-line ROW TEXT expected (row within the screen)");
			return -1;
		}
		const char *text = arg + n;
		while (*text == ' ')
			text++;
		if (wait_until(cond_line, arg, text))
			return 0;
		snprintf(why, size, "row %d does not contain \"%s\"", r, text);
		return -1;
	}
	if (strcmp(cmd, "expect-cursor") == 0) {
		if (wait_until(cond_cursor, arg, NULL))
			return 0;
		int r, c;
		cursor_pos(&r, &c);
		snprintf(why, size, "cursor at %d,%d, expected %s", r, c, arg);
		return -1;
	}
	if (strcmp(cmd, "expect-reverse") == 0) {
		if (wait_until(cond_reverse, arg, NULL))
			return 0;
		snprintf(why, size, "\"%s\" is not shown in reverse video", arg);
		return -1;
	}
	if (strcmp(cmd, "snapshot") == 0)
		return step_snapshot(arg, why, size);
	if (strcmp(cmd, "zmodem-receive") == 0 || strcmp(cmd, "zmodem-send") == 0)
		return step_zmodem(cmd, arg, why, size);
	if (strcmp(cmd, "write-file") == 0)
		return step_write_file(arg, why, size);
	if (strcmp(cmd, "expect-same-file") == 0)
		return step_same_file(arg, why, size);
	if (strcmp(cmd, "expect-no-file") == 0)
		return step_no_file(arg, why, size);
	if (strcmp(cmd, "expect-printed-file") == 0)
		return step_printed_file(arg, why, size);
	if (strcmp(cmd, "expect-colour") == 0 || strcmp(cmd, "expect-mono") == 0) {
		int want = cmd[7] == 'c';
		if (screen_coloured() == want)
			return 0;
		snprintf(why, size, want ? "nothing on the screen has a colour"
		                         : "the screen has colours on a terminal without them");
		return -1;
	}
	if (strcmp(cmd, "keep") == 0)
		return step_keep(arg, why, size);
	if (strcmp(cmd, "expect-kept") == 0)
		return step_expect_kept(arg, why, size);
	if (strcmp(cmd, "mask") == 0) {
		if (H.nmasks >= MAX_MASKS || regcomp(&H.masks[H.nmasks], arg, REG_EXTENDED) != 0) {
			snprintf(why, size, "bad or too many masks");
			return -1;
		}
		H.nmasks++;
		return 0;
	}
	if (strncmp(cmd, "bytes", 5) == 0)
		return step_bytes(cmd, arg, why, size);
	if (strcmp(cmd, "time") == 0) {
		printf("# time %s[%s] %s %lld ms%s\n", H.script, H.shown, *arg ? arg : "-", H.prev_ms,
		       H.link_bps ? "" : " (no slow link: -b)");
		return 0;
	}
	snprintf(why, size, "unknown step \"%s\"", cmd);
	return -1;
}

/* `[zh][!120x40] rest`: 1 when the guards allow the line; *rest after them. */
static int guards_pass(char *line, char **rest)
{
	char *p = line;
	int ok = 1;
	while (*p == '[') {
		char *e = strchr(p, ']');
		if (!e)
			break;
		*e = 0;
		int neg = p[1] == '!';
		const char *tag = p + 1 + neg;
		int have = 0;
		for (int i = 0; i < H.ntags; i++)
			if (strcmp(H.tags[i], tag) == 0)
				have = 1;
		if (have == neg)
			ok = 0;
		p = e + 1;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	*rest = p;
	return ok;
}

static void report(int ok, int lineno, const char *step, const char *why)
{
	printf("%s - %s[%s]:%d %s", ok ? "ok" : "not ok", H.script, H.shown, lineno, step);
	if (!ok)
		printf(": %s", why);
	printf(" (%zu B)\n", H.step_bytes);
	fflush(stdout);
}

static int run_script(FILE *f)
{
	char line[4096], why[512];
	int lineno = 0;

	H.step_start_us = now_us();
	program_start();
	H.step_bytes = 0;
	int rc = pump(H.timeout_ms);
	H.prev_ms = H.last_byte_us > H.step_start_us ? (H.last_byte_us - H.step_start_us) / 1000 : 0;
	if (rc == 0 && screen_check(why, sizeof why) == 0) {
		report(1, 0, "start", "");
	} else {
		if (rc != 0)
			snprintf(why, sizeof why, "no quiet after the start within %d ms", H.timeout_ms);
		report(0, 0, "start", why);
		dump_screen(stdout);
		return 1;
	}
	H.prev_bytes = H.step_bytes;

	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		char *p = line, *rest;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == 0 || *p == '#')
			continue;
		if (!guards_pass(p, &rest) || *rest == 0)
			continue;
		char step[4096];
		snprintf(step, sizeof step, "%s", rest);
		char *cmd = rest, *arg = rest + strcspn(rest, " \t");
		if (*arg) {
			*arg++ = 0;
			while (*arg == ' ' || *arg == '\t')
				arg++;
		}
		int counts;
		H.step_bytes = 0;
		H.nviol = 0;
		why[0] = 0;
		H.step_start_us = now_us();
		rc = step_run(cmd, arg, &counts, why, sizeof why);
		if (counts)
			H.prev_ms = H.last_byte_us > H.step_start_us
			            ? (H.last_byte_us - H.step_start_us) / 1000 : 0;
		if (rc == 0)
			rc = screen_check(why, sizeof why);
		report(rc == 0, lineno, step, why);
		if (counts)
			H.prev_bytes = H.step_bytes;
		if (rc != 0) {
			dump_screen(stdout);
			printf("# %s: stopping after the first failure\n", H.script);
			return 1;
		}
	}
	return 0;
}

#ifndef VTHARNESS_NO_MAIN
static void usage(void)
{
	fprintf(stderr, "usage: vtharness [-s COLSxROWS] [-t TAG]... [-u TAG]... [-k TERM] [-c CHARSET]"
	                " [-b BPS] [-g GOLDEN_DIR] [-e NAME=VALUE]..."
	                " [-T TIMEOUT_MS] SCRIPT -- PROGRAM [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int opt;
	const char *tmo = getenv("VTHARNESS_TIMEOUT_MS");

	/* wcwidth() for the split-character check; the program gets its own locale from LANG. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	memset(&H, 0, sizeof H);
	H.master = H.slave = -1;
	H.zm.fd = -1;
	H.cols = 80;
	H.rows = 24;
	H.golden_dir = "tests/screen/golden";
	H.timeout_ms = tmo ? atoi(tmo) : 10000;
	H.quiet_idle_ms = QUIET_IDLE_MS;
	env_build();
	while ((opt = getopt(argc, argv, "+s:t:u:k:c:b:g:e:T:")) != -1) {
		switch (opt) {
		case 's':
			if (sscanf(optarg, "%dx%d", &H.cols, &H.rows) != 2 || H.cols < 2 || H.rows < 2)
				usage();
			break;
		case 't':
			if (H.ntags < MAX_TAGS)
				snprintf(H.tags[H.ntags++], sizeof H.tags[0], "%s", optarg);
			break;
		case 'u':
			if (H.ntags < MAX_TAGS) {
				H.tag_guard[H.ntags] = 1;
				snprintf(H.tags[H.ntags++], sizeof H.tags[0], "%s", optarg);
			}
			break;
		case 'k':
			snprintf(H.keyterm, sizeof H.keyterm, "%s", optarg);
			break;
		case 'b':
			H.link_bps = atol(optarg);
			break;
		case 'c':
			H.cd_screen = iconv_open("UTF-8", optarg);
			H.cd_keys = iconv_open(optarg, "UTF-8");
			if (H.cd_screen == (iconv_t)-1 || H.cd_keys == (iconv_t)-1)
				die("-c %s: no such character set", optarg);
			break;
		case 'g':
			H.golden_dir = optarg;
			break;
		case 'e':
			env_put(optarg);
			break;
		case 'T':
			H.timeout_ms = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind + 2 > argc || strcmp(argv[optind + 1], "--") != 0)
		usage();
	const char *path = argv[optind];
	H.argv = argv + optind + 2;
	if (!H.argv[0])
		usage();

	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	static char name[256];
	snprintf(name, sizeof name, "%s", base);
	char *dot = strrchr(name, '.');
	if (dot)
		*dot = 0;
	H.script = name;
	for (int i = 0; i < H.ntags; i++) {
		if (H.tag_guard[i])
			continue;
		size_t l = strlen(H.tagstr);
		snprintf(H.tagstr + l, sizeof H.tagstr - l, "%s%s", l ? "." : "", H.tags[i]);
	}
	if (!H.tagstr[0])
		snprintf(H.tagstr, sizeof H.tagstr, "%dx%d", H.cols, H.rows);
	snprintf(H.shown, sizeof H.shown, "%s", H.tagstr);
	for (int i = 0; i < H.ntags; i++) {
		size_t l = strlen(H.shown);
		if (H.tag_guard[i])
			snprintf(H.shown + l, sizeof H.shown - l, "+%s", H.tags[i]);
	}
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name[0]) {
		char re[256];
		size_t o = (size_t)snprintf(re, sizeof re, " *\\<");
		for (const char *c = pw->pw_name; *c && o + 8 < sizeof re; c++) {
			if (strchr(".[]()*+?{}|^$\\", *c))
				re[o++] = '\\';
			re[o++] = *c;
		}
		snprintf(re + o, sizeof re - o, "\\>");
		H.user_re_ok = regcomp(&H.user_re, re, REG_EXTENDED) == 0;
	}

	/* -k, or a TERM other than the default: that terminal's key bytes */
	const char *term = "xterm-256color";
	for (int i = 0; i < H.nenv; i++)
		if (strncmp(H.envp[i], "TERM=", 5) == 0)
			term = H.envp[i] + 5;
	if (!H.keyterm[0] && strcmp(term, "xterm-256color") != 0)
		snprintf(H.keyterm, sizeof H.keyterm, "%s", term);
	if (H.keyterm[0]) {
		int terr = 0;
		if (setupterm(H.keyterm, 2, &terr) != 0)
			die("-k %s: no terminfo entry for it (package ncurses-term has more)", H.keyterm);
		H.keys_terminfo = 1;
	}

	FILE *f = fopen(path, "r");
	if (!f)
		die("%s: %s", path, strerror(errno));
	vt_create();
	int rc = run_script(f);
	fclose(f);
	program_kill();
	vterm_free(H.vt);
	vterm_free(H.shadow);
	for (int i = 0; i < H.nmasks; i++)
		regfree(&H.masks[i]);
	if (H.user_re_ok)
		regfree(&H.user_re);
	return rc;
}
#endif
