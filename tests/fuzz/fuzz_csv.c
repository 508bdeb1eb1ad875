/* tests/fuzz/fuzz_csv.c: the CSV reader on any file a worker may hand the importer: UTF-8 with or
 * without BOM, GBK/GB18030 from Excel on a Chinese Windows, UTF-16 "Unicode text", quotes, line
 * breaks in cells, workbooks saved under .csv, binary junk.
 * Promises checked (base/base.h csv block, csv.c): csv_open either reads the file or says why; every
 * cell handed back is valid UTF-8 (whatever the file's encoding); rows count up from 1; the
 * reader ends (0) or stops on a malformed file (-1 with a message). The importers' helpers for a
 * header cell and an Excel-guarded number are run on the cells too. And the window: the file read
 * through a window of a few bytes (its size taken from the input) gives back the same records,
 * rows, encoding and messages as through the reader's own, which holds these files whole. */
#include <unistd.h>

#include "base/base.h"
#include "fuzz.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	/* csv_open reads a file: one scratch file, rewritten for every input */
	snprintf(path, sizeof path, "/tmp/jiuye-fuzz-csv-%ld.csv", (long)getpid());
	return 0;
}

/* Everything the reader says of the file through a window of `window` bytes (0: its own), in
 * one string to compare: csv_open's answer, the encoding, each record with its row and cells
 * (each cell's length first: a cell may hold any separator), the end and its message. */
static void read_back(size_t window, struct jy_buf *out)
{
	struct csv_reader *r = NULL;
	struct jy_err err = { 0 };
	char **fields;
	int n, row, got;

	csv_window_set(window);
	buf_addf(out, "open %d %s\n", csv_open(path, &r, &err), err.msg);
	if (r) {
		buf_addf(out, "%s\n", csv_encoding(r));
		while ((got = csv_next(r, &fields, &n, &row, &err)) == 1) {
			buf_addf(out, "%d:", row);
			for (int i = 0; i < n; i++) {
				buf_addf(out, "%zu:", strlen(fields[i]));
				buf_adds(out, fields[i]);
			}
			buf_adds(out, "\n");
		}
		buf_addf(out, "end %d %d %s\n", got, row, got < 0 ? err.msg : "");
		csv_close(&r);
	}
	csv_window_set(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct jy_buf whole = { 0 }, windowed = { 0 };
	read_back(0, &whole);
	read_back(1 + (size ? data[size - 1] : 0) % 16, &windowed);
	FUZZ_CHECK(whole.len == windowed.len && memcmp(whole.s, windowed.s, whole.len) == 0,
	           "a small window reads what a large one does");
	buf_free(&whole);
	buf_free(&windowed);

	struct csv_reader *r = NULL;
	struct jy_err err = { 0 };
	int rc = csv_open(path, &r, &err);
	if (rc != JY_OK) {
		FUZZ_CHECK(r == NULL, "no reader on error");
		FUZZ_CHECK(err.msg[0] != '\0', "a refused file says why");
		unlink(path);
		return 0;
	}
	FUZZ_CHECK(csv_encoding(r)[0] != '\0', "the encoding is named");
	char **fields;
	int n, row, last = 0, got;
	while ((got = csv_next(r, &fields, &n, &row, &err)) == 1) {
		FUZZ_CHECK(n >= 1, "a record has a cell");
		FUZZ_CHECK(row > last, "rows count up");
		last = row;
		for (int i = 0; i < n; i++) {
			FUZZ_CHECK(fields[i] != NULL, "cells are strings");
			FUZZ_CHECK(text_valid_utf8(fields[i], strlen(fields[i])), "cells are UTF-8");
			char *h = row == 1 ? csv_header_clean(fields[i]) : csv_unwrap_number(fields[i]);
			FUZZ_CHECK(text_valid_utf8(h, strlen(h)), "cleaned cells are UTF-8");
			free(h);
		}
	}
	if (got < 0)
		FUZZ_CHECK(err.msg[0] != '\0', "a malformed file says where");
	else
		FUZZ_CHECK(got == 0 && csv_next(r, &fields, &n, &row, NULL) == 0, "the end stays the end");
	csv_close(&r);
	FUZZ_CHECK(r == NULL, "csv_close clears the pointer");
	unlink(path);
	return 0;
}
