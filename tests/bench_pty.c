/* tests/bench_pty.c: the full-screen program's figures, measured through a pseudo-terminal with
 * the screen-test harness (tests/screen/vtharness.c): the program sees a real terminal, and the
 * time of a key runs until the terminal has received the last byte of the new screen.
 *
 *   bench_pty [-s COLSxROWS] [-k KEYS] [-r RUNS] [-o FILE] QUERIES -- PROGRAM [ARG...]
 *
 *   startup        ms from fork+exec to the last byte of the first complete screen (median of
 *                  RUNS starts)
 *   keystroke_p95  ms from writing one key of search-as-you-type (a letter, a digit, a Chinese
 *                  character as an input method commits it, a Backspace) to the last byte of the
 *                  updated screen; KEYS (harness key syntax, default "<F3>") lead from the first
 *                  screen to the search line; each line of QUERIES is typed a key at a time and
 *                  erased with Backspace
 *   search_keystroke_bytes  bytes the program wrote in answer to one typed character of those
 *                  queries (the Backspaces not counted), the mean: what a key costs on a slow link
 *   search_burst_bytes  each query again, sent in one write as a fast typist or an input method
 *                  committing several characters sends it: the bytes of the answer divided by the
 *                  characters of the query (erased after with one write of Backspaces)
 *   tui_peak_rss   MB, VmHWM of the program just before it is stopped
 *
 * Also said, as # lines: what a Backspace costs, how long a query sent at once takes, in how many
 * reads the terminal got the answer to a typed character (a reader such as sshd forwards each
 * read as a packet of its own, with its own headers, so an answer in many small pieces costs more
 * on the link than its bytes), and the bytes per character when the queries are typed a key every
 * 15 ms without waiting for the answers (when the program is slower than that, the screens a key
 * overtook should not be sent).
 *
 * -o FILE copies everything the program writes for the queries to FILE, each key or burst after a
 * line "@@ key C" / "@@ burst Q" / "@@ erase", to see where the bytes go.
 *
 * A step ends when the program has read every byte, sleeps, and has been quiet for 10 ms (see
 * pump() in the harness); the quiet window ends the wait but is not part of the time. After each
 * query the screen must show it (on the search line), or the figure would time the wrong screen. */
#define VTHARNESS_NO_MAIN
#define FAST_GAP_MS 15      /* a fast typist's keys */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "screen/vtharness.c"

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static double pct_ms(long long *v, int n, int p)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, cmp_ll);
	int k = (n * p + 99) / 100 - 1;
	return (double)v[k < 0 ? 0 : k] / 1000.0;
}

/* One start: fork+exec to the last byte before the program waits for a key. */
static long long start_once(void)
{
	long long t0 = now_us();
	program_start();
	H.last_byte_us = 0;
	if (pump(H.timeout_ms) < 0 || H.last_byte_us == 0 || H.exited)
		die("the program did not draw a first screen");
	return H.last_byte_us - t0;
}

static double vm_hwm_mb(pid_t pid)
{
	char path[64], line[256];
	double kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atof(line + 6);
	fclose(f);
	return kb / 1024.0;
}

/* Time the answer to a key written at t0 (libvterm writes it to the program as soon as it is
 * pressed). -1: the key changed nothing. */
static long long key_time(long long t0)
{
	H.last_byte_us = 0;
	H.step_bytes = 0;
	H.step_reads = 0;
	if (pump(2000) < 0)
		die("no quiet after a key within %d ms", H.timeout_ms);
	if (H.exited)
		die("the program ended during the measure");
	return H.last_byte_us ? H.last_byte_us - t0 : -1;
}

/* A line in the copy of the output (-o) saying what the bytes after it answer. */
static void tee_mark(const char *what, const char *text)
{
	if (H.tee)
		fprintf(H.tee, "\n@@ %s %s\n", what, text);
}

/* What the keys typed one at a time cost: times of every key, bytes of the typed characters. */
struct typing {
	long long *t;           /* each key's time (us) */
	int n, cap;
	int silent, unseen;     /* keys that changed nothing; queries not on screen after typing */
	long long chars, bytes; /* typed characters and the bytes written in answer to them */
	long long reads;        /* the terminal's reads of those answers */
	long long erased, erase_bytes;  /* the same for the Backspaces */
};

static void typed_key(struct typing *ty, long long us)
{
	if (us < 0)
		ty->silent++;
	else if (ty->n < ty->cap)
		ty->t[ty->n++] = us;
}

/* Query q typed a key at a time, each answer waited for, then erased with Backspace. */
static void type_slowly(struct typing *ty, const char *q)
{
	int typed = 0;
	char one[8];
	for (const char *p = q; *p;) {
		const char *c0 = p;
		uint32_t c = utf8_next(&p);
		snprintf(one, sizeof one, "%.*s", (int)(p - c0), c0);
		tee_mark("key", one);
		long long t0 = now_us();
		vterm_keyboard_unichar(H.vt, c, 0);
		typed++;
		typed_key(ty, key_time(t0));
		ty->chars++;
		ty->bytes += (long long)H.step_bytes;
		ty->reads += (long long)H.step_reads;
	}
	/* the updated screen shows the query on its search line */
	if (!screen_find(q, NULL, NULL))
		ty->unseen++;
	while (typed-- > 0) {
		tee_mark("key", "<BS>");
		long long t0 = now_us();
		vterm_keyboard_key(H.vt, VTERM_KEY_BACKSPACE, 0);
		typed_key(ty, key_time(t0));
		ty->erased++;
		ty->erase_bytes += (long long)H.step_bytes;
	}
}

/* Read what the program writes for ms milliseconds, without waiting for it to be quiet. */
static void read_for(int ms)
{
	long long until = now_us() + ms * 1000LL;
	char buf[65536];
	while (now_us() < until && H.master >= 0) {
		struct pollfd pfd = { .fd = H.master, .events = POLLIN };
		if (poll(&pfd, 1, 1) <= 0)
			continue;
		ssize_t n = read(H.master, buf, sizeof buf);
		if (n > 0) {
			vt_feed(buf, (size_t)n);
			H.step_bytes += (size_t)n;
		}
	}
}

/* Query q a key every gap_ms, the answers not waited for (a typist faster than the program), then
 * erased the same way. Returns the characters of q; *bytes gets what the program wrote until it
 * was quiet after the last key. */
static int type_fast(const char *q, int gap_ms, long long *bytes, int *unseen)
{
	int n = 0;
	H.step_bytes = 0;
	for (const char *p = q; *p; n++) {
		vterm_keyboard_unichar(H.vt, utf8_next(&p), 0);
		read_for(gap_ms);
	}
	/* no first byte awaited: the answer may all have come already */
	if (pump(0) < 0)
		die("no quiet after a key within %d ms", H.timeout_ms);
	*bytes += (long long)H.step_bytes;
	if (!screen_find(q, NULL, NULL))
		(*unseen)++;
	for (int i = 0; i < n; i++) {
		vterm_keyboard_key(H.vt, VTERM_KEY_BACKSPACE, 0);
		read_for(gap_ms);
	}
	if (pump(0) < 0)
		die("no quiet after a key within %d ms", H.timeout_ms);
	return n;
}

/* Query q in one write, then its erasing in one write. Returns the characters of q; *bytes gets
 * what the program wrote in answer to the query, *us how long the answer took. */
static int type_burst(const char *q, long long *bytes, long long *us, int *unseen)
{
	int n = 0;
	tee_mark("burst", q);
	outq.hold = 1;
	for (const char *p = q; *p; n++)
		vterm_keyboard_unichar(H.vt, utf8_next(&p), 0);
	outq_flush();
	*us = key_time(now_us());
	*bytes += (long long)H.step_bytes;
	if (!screen_find(q, NULL, NULL))
		(*unseen)++;
	tee_mark("erase", "");
	outq.hold = 1;
	for (int i = 0; i < n; i++)
		vterm_keyboard_key(H.vt, VTERM_KEY_BACKSPACE, 0);
	outq_flush();
	key_time(now_us());
	return n;
}

int main(int argc, char **argv)
{
	const char *keys = "<F3>", *tee = NULL;
	const char *usage = "usage: bench_pty [-s COLSxROWS] [-k KEYS] [-r RUNS] [-o FILE] "
	                    "QUERIES -- PROGRAM [ARG...]";
	int runs = 5, opt;
	char why[256];

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	memset(&H, 0, sizeof H);
	H.master = H.slave = -1;
	H.cols = 80;
	H.rows = 24;
	H.timeout_ms = 30000;
	H.quiet_idle_ms = 10;
	H.script = "bench";
	env_build();
	while ((opt = getopt(argc, argv, "+s:k:r:o:")) != -1) {
		if (opt == 's' && sscanf(optarg, "%dx%d", &H.cols, &H.rows) == 2)
			continue;
		if (opt == 'k')
			keys = optarg;
		else if (opt == 'r')
			runs = atoi(optarg);
		else if (opt == 'o')
			tee = optarg;
		else
			die("%s", usage);
	}
	if (optind + 2 > argc || strcmp(argv[optind + 1], "--") != 0 || runs < 1 || runs > 99)
		die("%s", usage);
	FILE *qf = fopen(argv[optind], "r");
	if (!qf)
		die("%s: %s", argv[optind], strerror(errno));
	H.argv = argv + optind + 2;
	vt_create();

	long long starts[100];
	for (int i = 0; i < runs; i++) {
		starts[i] = start_once();
		program_kill();
		vterm_screen_reset(H.vs, 1);
	}
	printf("bench startup %.1f ms\n", pct_ms(starts, runs, 50));
	fflush(stdout);

	start_once();
	if (step_keys(keys, why, sizeof why) < 0)
		die("%s", why);
	if (tee && !(H.tee = fopen(tee, "w")))
		die("%s: %s", tee, strerror(errno));

	struct typing ty = { .cap = 4096 };
	ty.t = malloc((size_t)ty.cap * sizeof *ty.t);
	char q[256];
	while (fgets(q, sizeof q, qf)) {
		q[strcspn(q, "\r\n")] = 0;
		type_slowly(&ty, q);
	}
	long long burst_bytes = 0, burst_chars = 0, *bt = malloc((size_t)ty.cap * sizeof *bt);
	int burst_unseen = 0, nb = 0;
	rewind(qf);
	while (fgets(q, sizeof q, qf)) {
		long long us;
		q[strcspn(q, "\r\n")] = 0;
		burst_chars += type_burst(q, &burst_bytes, &us, &burst_unseen);
		if (us >= 0 && nb < ty.cap)
			bt[nb++] = us;
	}
	long long fast_bytes = 0, fast_chars = 0;
	rewind(qf);
	while (fgets(q, sizeof q, qf)) {
		q[strcspn(q, "\r\n")] = 0;
		fast_chars += type_fast(q, FAST_GAP_MS, &fast_bytes, &burst_unseen);
	}
	fclose(qf);
	double rss = vm_hwm_mb(H.pid);
	if (ty.silent)
		fprintf(stderr, "bench_pty: %d keys changed nothing on the screen\n", ty.silent);
	if (ty.unseen || burst_unseen)
		fprintf(stderr, "bench_pty: %d queries typed and %d sent at once or fast were not on "
		        "the screen after\n", ty.unseen, burst_unseen);
	printf("bench keystroke_p50 %.2f ms\n", pct_ms(ty.t, ty.n, 50));
	printf("bench keystroke_p95 %.2f ms\n", pct_ms(ty.t, ty.n, 95));
	printf("bench search_keystroke_bytes %.0f B\n",
	       ty.chars ? (double)ty.bytes / ty.chars : -1.0);
	printf("# a typed character's answer came in %.1f reads of the terminal\n",
	       ty.chars ? (double)ty.reads / ty.chars : -1.0);
	printf("# a Backspace in the search line: %.0f B\n",
	       ty.erased ? (double)ty.erase_bytes / ty.erased : -1.0);
	printf("bench search_burst_bytes %.0f B\n",
	       burst_chars ? (double)burst_bytes / burst_chars : -1.0);
	printf("# a query sent at once, to the last byte of its screen: p50 %.2f ms, p95 %.2f ms\n",
	       pct_ms(bt, nb, 50), pct_ms(bt, nb, 95));
	printf("# a key every %d ms, answers not waited for: %.0f B a character\n", FAST_GAP_MS,
	       fast_chars ? (double)fast_bytes / fast_chars : -1.0);
	printf("bench tui_peak_rss %.1f MB\n", rss);
	free(ty.t);
	free(bt);
	if (H.tee)
		fclose(H.tee);
	program_kill();
	vterm_free(H.vt);
	vterm_free(H.shadow);
	return 0;
}
