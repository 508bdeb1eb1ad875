/* tests/bench_pty.c: the full-screen program's figures, measured through a pseudo-terminal with
 * the screen-test harness (tests/screen/vtharness.c): the program sees a real terminal, and the
 * time of a key runs until the terminal has received the last byte of the new screen.
 *
 *   bench_pty [-s COLSxROWS] [-k KEYS] [-r RUNS] QUERIES -- PROGRAM [ARG...]
 *
 *   startup        ms from fork+exec to the last byte of the first complete screen (median of
 *                  RUNS starts)
 *   keystroke_p95  ms from writing one key of search-as-you-type (a letter, a digit, a Chinese
 *                  character as an input method commits it, a Backspace) to the last byte of the
 *                  updated screen; KEYS (harness key syntax, default "<F3>") lead from the first
 *                  screen to the search line; each line of QUERIES is typed a key at a time and
 *                  erased with Backspace
 *   tui_peak_rss   MB, VmHWM of the program just before it is stopped
 *
 * A step ends when the program has read every byte, sleeps, and has been quiet for 10 ms (see
 * pump() in the harness); the quiet window ends the wait but is not part of the time. After each
 * query the screen must show it (on the search line), or the figure would time the wrong screen. */
#define VTHARNESS_NO_MAIN
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
	if (pump(2000) < 0)
		die("no quiet after a key within %d ms", H.timeout_ms);
	if (H.exited)
		die("the program ended during the measure");
	return H.last_byte_us ? H.last_byte_us - t0 : -1;
}

int main(int argc, char **argv)
{
	const char *keys = "<F3>";
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
	while ((opt = getopt(argc, argv, "+s:k:r:")) != -1) {
		if (opt == 's' && sscanf(optarg, "%dx%d", &H.cols, &H.rows) == 2)
			continue;
		if (opt == 'k')
			keys = optarg;
		else if (opt == 'r')
			runs = atoi(optarg);
		else
			die("usage: bench_pty [-s COLSxROWS] [-k KEYS] [-r RUNS] QUERIES -- PROGRAM [ARG...]");
	}
	if (optind + 2 > argc || strcmp(argv[optind + 1], "--") != 0 || runs < 1 || runs > 99)
		die("usage: bench_pty [-s COLSxROWS] [-k KEYS] [-r RUNS] QUERIES -- PROGRAM [ARG...]");
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

	size_t cap = 4096;
	int n = 0, silent = 0, unseen = 0;
	long long *t = malloc(cap * sizeof *t);
	char q[256];
	while (fgets(q, sizeof q, qf)) {
		q[strcspn(q, "\r\n")] = 0;
		int typed = 0;
		for (const char *p = q; *p;) {
			uint32_t c = utf8_next(&p);
			long long t0 = now_us();
			vterm_keyboard_unichar(H.vt, c, 0);
			typed++;
			long long us = key_time(t0);
			if (us < 0)
				silent++;
			else if ((size_t)n < cap)
				t[n++] = us;
		}
		/* the updated screen shows the query on its search line */
		if (!screen_find(q, NULL, NULL))
			unseen++;
		while (typed-- > 0) {
			long long t0 = now_us();
			vterm_keyboard_key(H.vt, VTERM_KEY_BACKSPACE, 0);
			long long us = key_time(t0);
			if (us < 0)
				silent++;
			else if ((size_t)n < cap)
				t[n++] = us;
		}
	}
	fclose(qf);
	double rss = vm_hwm_mb(H.pid);
	if (silent)
		fprintf(stderr, "bench_pty: %d keys changed nothing on the screen\n", silent);
	if (unseen)
		fprintf(stderr, "bench_pty: %d queries were not on the screen after typing them\n", unseen);
	printf("bench keystroke_p50 %.2f ms\n", pct_ms(t, n, 50));
	printf("bench keystroke_p95 %.2f ms\n", pct_ms(t, n, 95));
	printf("bench tui_peak_rss %.1f MB\n", rss);
	free(t);
	program_kill();
	vterm_free(H.vt);
	vterm_free(H.shadow);
	return 0;
}
