/* core/base/base.h: the bottom part of core/, needing nothing but libc, libunistring, nettle and
 * libintl: memory, result codes and the error object, dates, ID numbers, text widths and fitting,
 * the line editor's model, pinyin and hanzi folding, file names a restricted worker may write,
 * and CSV reading and writing. Every other part builds on it.
 *
 * Conventions for all of core/: functions return a result code (enum jy_rc); the detail, in the
 * user's language, goes on the struct jy_err the caller passed (may be NULL). Core never prints.
 * Strings are UTF-8 char *; "Caller frees." marks allocated results; destructors take T ** and
 * set the pointer to NULL. Allocation failure is fatal (xmalloc family); nothing else exits. */
#ifndef JY_BASE_H
#define JY_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <libintl.h>

#define JY_VERSION "0.1.0"

#define _(s) dgettext("jiuye", s)
#define N_(s) (s)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- mem.c: allocation that never returns NULL ---------------------------------------------- */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);                   /* xstrdup(NULL) returns NULL. Caller frees. */
char *xstrndup(const char *s, size_t n);        /* Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* Caller frees. */
void mem_free(void **pp);                       /* free(*pp); *pp = NULL */
#define FREE(pp) mem_free((void **)(pp))
void xstrset(char **dst, const char *src);      /* replace an owned string with a copy of src */

/* A growable byte buffer; .s is always NUL-terminated once anything was added. */
struct jy_buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct jy_buf *b, const char *s, size_t n);
void buf_adds(struct jy_buf *b, const char *s);
void buf_addf(struct jy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct jy_buf *b);
char *buf_steal(struct jy_buf *b);              /* the string; buffer emptied. Caller frees. */
void buf_free(struct jy_buf *b);

/* ---- err.c: result codes and the error object ------------------------------------------------ */
struct resident;
struct jy_db;

enum jy_rc {
	JY_OK = 0,
	JY_EINVAL,      /* a value the worker typed or a file holds is not accepted; field + msg */
	JY_EDUP,        /* would create a duplicate; other_id names the existing record */
	JY_ECONFLICT,   /* the record changed since it was loaded (another worker); nothing saved */
	JY_ENOTFOUND,
	JY_EPERM,       /* not allowed for this worker */
	JY_EDB,         /* the database failed (full disk, corrupt file, newer schema …) */
	JY_EIO,         /* a file could not be read or written */
	JY_ECANCEL,     /* the worker stopped it (Esc, Ctrl-C); nothing was saved */
};

struct jy_err {
	int code;
	char field[64];          /* the field or column the message is about, in the user's words */
	char msg[512];           /* what is wrong and what is accepted, in the user's language */
	int64_t other_id;        /* JY_EDUP / JY_ECONFLICT: the record meant */
	int warn;                /* JY_OK with a warning: msg holds it (e.g. same name + birth date) */
};
int err_set(struct jy_err *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));  /* returns code; err may be NULL */
void err_clear(struct jy_err *err);
const char *err_str(int code);                  /* a short name of a result code */

/* ---- date.c: calendar dates as "YYYY-MM-DD" text, days since 1970-01-01 as int ---------------- */
/* Parse "20250301", "2025-03-01", "2025/3/1", "2025.03.01" or "2025年3月1日" into canonical
 * "YYYY-MM-DD" (out has room for 11 bytes). Full-width digits accepted; years 1900-2100. Returns
 * JY_OK or JY_EINVAL (err says what is accepted, field left to the caller); out is "" on error. */
int date_parse(const char *in, char out[11], struct jy_err *err);
int date_valid(int y, int m, int d);
int64_t date_days(int y, int m, int d);         /* days since 1970-01-01 (proleptic Gregorian) */
void date_from_days(int64_t days, int *y, int *m, int *d);
int date_split(const char *iso, int *y, int *m, int *d);  /* 1 when iso is a valid YYYY-MM-DD */
int date_age(const char *birth, const char *asof);        /* whole years; -1 on bad input */
void date_add_months(const char *iso, int months, char out[11]); /* day clamped to month end */
void date_add_days(const char *iso, int days, char out[11]);     /* "" when iso is not a date */
void date_iso(int64_t days, char out[11]);      /* date_days' count as YYYY-MM-DD */
void date_today(char out[11]);                  /* local date; JIUYE_TODAY=YYYY-MM-DD overrides (tests) */
void time_now_iso(char out[32]);                /* "2025-06-01T09:15:02+08:00" */

/* ---- idcard.c: 居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100) -------------------------- */
/* Canonicalise an ID number: full-width digits/X to ASCII, lowercase x to X, spaces dropped. Then
 * check length, region digits, birth date and the ISO 7064 MOD 11-2 check character. On success
 * out (19 bytes) holds the canonical 18 characters, birth (11 bytes) "YYYY-MM-DD", *sex 'M' or 'F'.
 * On failure JY_EINVAL with a message saying exactly what is wrong (length, date, check char with
 * the expected one, Excel number form such as 3.20102E+17). */
int idcard_parse(const char *in, char out[19], char birth[11], char *sex, struct jy_err *err);
char idcard_check_char(const char *first17);    /* '0'..'9' or 'X'; 0 when input is not 17 digits */
/* A checksum-valid ID number for demo data, tests and the benchmark (never a real person's):
 * region6 + birth + seq3 (0-999, its last digit made odd for 'M', even for 'F') + check char.
 * out is "" when region6 is not 6 digits or birth_iso not a valid YYYY-MM-DD. */
void idcard_make(const char *region6, const char *birth_iso, int seq3, char sex, char out[19]);
/* 统一社会信用代码: 18 characters from 0-9 A-H J-N P-R T-U W-Y, last is the GB 32100 check char. */
int credit_code_parse(const char *in, char out[19], struct jy_err *err);

/* ---- text.c: display width that agrees with ncurses (libc wcwidth), graphemes, fitting -------- */
/* Needs a UTF-8 LC_CTYPE. Controls (C0, DEL, C1) are 0 and are never drawn; other code points that
 * wcwidth() calls unprintable are 1 (drawn '?', as wide as ncurses draws them). */
int text_cp_width(uint32_t cp);                 /* wcwidth policy: 0, 1 or 2; controls -> 0 */
int text_width(const char *s);                  /* columns of a UTF-8 string (invalid bytes: 1 each) */
int text_width_n(const char *s, size_t n);
/* Bytes of s that fit in cols columns without splitting a grapheme cluster; *used gets the columns
 * those bytes take (cols or cols-1 when a wide char did not fit). */
size_t text_fit(const char *s, int cols, int *used);
/* s cut to cols columns with an ASCII "..." when cut, padded with spaces to exactly cols columns.
 * Never splits a character or grapheme. In a narrow column the dots shrink so one character still
 * shows (张晓红 in 4: "张..", in 3: "张."); when none fits, only dots. The result is safe to draw as
 * it is: valid UTF-8, controls dropped, invalid bytes and unprintables as '?'. Caller frees. */
char *text_fit_pad(const char *s, int cols);
size_t text_next_grapheme(const char *s, size_t len, size_t off);  /* byte offset of next cluster */
size_t text_prev_grapheme(const char *s, size_t len, size_t off);
int text_valid_utf8(const char *s, size_t n);
/* NFC-normalise, drop C0/C1 controls (a run of tabs / line breaks -> one space) and pasted
 * invisibles (U+200B, U+2060, U+FEFF), trim surrounding white space incl. U+3000 and NBSP. Invalid
 * bytes become U+FFFD (check text_valid_utf8 first to refuse them). NULL for NULL. Caller frees. */
char *text_clean(const char *s);
size_t text_chars(const char *s);               /* code points */
int text_is_blank(const char *s);               /* NULL, "" or only white space */
/* Convert s (n bytes) from encoding enc ("GB18030", "UTF-8"; ASCII-compatible encodings only) to
 * UTF-8. Caller frees; NULL on an invalid sequence, a character cut off at the end, or an unknown
 * encoding. text_from_utf8: NULL when s is not UTF-8 or holds a character enc cannot encode. */
char *text_to_utf8(const char *enc, const char *s, size_t n, size_t *outlen);
char *text_from_utf8(const char *enc, const char *s, size_t *outlen);  /* Caller frees. */

/* ---- lineedit.c: the one-line field editing model that tui/widget/field.c draws ---------------------- */
struct lineedit {
	char *buf;              /* UTF-8 text, NUL-terminated */
	size_t len, cap;
	size_t cur;             /* cursor byte offset, always on a grapheme boundary */
	size_t max_chars;       /* 0: no limit */
	int scroll;             /* first visible column, kept between draws; -1 after le_set/le_end:
	                         * show as much as fits before the cursor */
};
struct lineedit_view {
	size_t off, len;        /* visible bytes */
	int cursor_col;         /* cursor column inside the view */
	int pad;                /* spaces to draw after the visible bytes to fill width */
	int more_left, more_right;
};
void le_init(struct lineedit *le, size_t max_chars);
void le_free(struct lineedit *le);
/* Cursor to end. Invalid bytes -> U+FFFD, tabs/line breaks -> space, other controls dropped; not cut
 * to max_chars (a stored value is never shortened silently). */
void le_set(struct lineedit *le, const char *s);
const char *le_text(const struct lineedit *le);  /* never NULL */
/* Insert at the cursor (pasted tabs / line breaks -> one space, controls dropped). 0 ok; -1 limit
 * reached: the whole grapheme clusters that fit were inserted, the rest dropped, as if typed one
 * by one (an IME burst 朝阳区人民医院 with 4 characters left inserts 朝阳区人). */
int le_insert(struct lineedit *le, const char *utf8);
int le_insert_cp(struct lineedit *le, uint32_t cp); /* 0 ok; -1 limit; -2 control / not a char */
void le_backspace(struct lineedit *le);          /* deletes the grapheme before the cursor */
void le_delete(struct lineedit *le);             /* deletes the grapheme under the cursor */
void le_left(struct lineedit *le);
void le_right(struct lineedit *le);
void le_home(struct lineedit *le);
void le_end(struct lineedit *le);
void le_kill_to_end(struct lineedit *le);
void le_kill_to_start(struct lineedit *le);
/* What to draw in a field width columns wide (width >= 2). Never starts or ends the slice inside
 * a wide character; keeps the cursor visible. Draw: '<' if more_left, the visible bytes, pad
 * spaces, '>' if more_right; each marker takes a column of its own (only when width >= 4), so
 * (more_left + columns of the slice + pad + more_right) == width. cursor_col counts from the
 * field's first column (marker included), is on the first column of its character, and at the
 * end of the text it is a free column. A grapheme cluster wider than the field (a run of Hangul
 * jamo, an emoji family: never in a name) cannot be shown: the slice is empty there and the
 * cursor stays visible on a blank field. No allocation. */
void le_view(struct lineedit *le, int width, struct lineedit_view *v);

/* ---- hanzi.c: pinyin initials and traditional -> simplified folding (tables from Unihan) ------ */
/* Bitmask of the initial letters of every Mandarin reading of cp: bit 0 = 'a' … bit 25 = 'z'.
 * 0 when cp is not a Han character with a known reading. */
uint32_t hanzi_initials(uint32_t cp);
uint32_t hanzi_simplify(uint32_t cp);            /* simplified form, or cp itself */
/* Fold for search: NFKC (full-width ASCII to half-width), lowercase, traditional -> simplified.
 * Caller frees. */
char *hanzi_fold(const char *s);
/* Every distinct pinyin-initials string of a name (polyphonic characters multiply; non-Han
 * letters/digits kept lowercased, other characters dropped), at most max strings. Returns how many
 * were written; each out[i] is allocated. Caller frees each. */
int hanzi_initials_all(const char *name, char **out, int max);

/* ---- path.c: file names: where a restricted worker may write, the file beside, names shown -- */
/* 1 when path names a file inside dir (or a folder below it): its folder exists and, symlinks and
 * ".." resolved, lies under dir; the name is not a folder; an existing file is a plain file. */
int path_in_dir(const char *path, const char *dir);
/* The file a writer fills before renaming it to dest: tmp, created for its owner alone (0600,
 * O_EXCL and O_NOFOLLOW after removing a leftover, so a planted link is not followed). dest must
 * be absent or a plain file: a worker's "-o /dev/null" never replaces a device. A descriptor, or
 * -1 with errno (EINVAL: dest is not a plain file). */
int path_create_beside(const char *dest, const char *tmp);
/* The name of the file beside dest: DIR/.NAME.jiuye-tmp-PID (hidden, and whose it is says
 * itself). Caller frees. */
char *path_tmp_name(const char *dest);
/* Remove what writers of this program left in dest's folder when they were killed: files named
 * as path_tmp_name names them (and SQLite's -journal, -wal, -shm beside them) whose process is
 * gone, or untouched for 12 hours. path_create_beside does it before creating its file. */
void path_tmp_sweep(const char *dest);
/* A file name (or any name read from a file or a database) as a message shows it: control
 * characters, DEL, C1 controls and bidirectional overrides as \e, \n, \x7f, \u202e …, a byte
 * that is not UTF-8 as \xNN, a backslash doubled; cut with "..." past 1000 bytes. So a name with
 * an ESC sequence in it cannot retitle or repaint the worker's terminal. The result lives in one
 * of four buffers of this function: valid until its fourth next call (enough for one message). */
const char *path_shown(const char *name);
/* A path a worker typed or reads: "~/x" as the path it names under $HOME, and a path under $HOME
 * as "~/x" (the status line has room for it, and lp takes the expanded one). Caller frees. */
char *path_home_expand(const char *path);
char *path_home_shown(const char *path);

/* ---- zmodem.c: files to and from the worker's PC over her terminal (lrzsz's sz and rz) ------- */
/* JY_EINVAL when the terminal (its TERM) is one that takes no ZMODEM (PuTTY), the message saying
 * what to do instead; else JY_OK. */
int zmodem_term_ok(const char *term, struct jy_err *err);
/* The file at path to the PC: sz, its input tty_in and output tty_out (the terminal), the name
 * sent without its folders. The caller's screen must be out of the way. JY_EIO on failure, with
 * sz's exit status and what to use instead; JY_EINVAL, nothing run, when $TERM is PuTTY's. */
int zmodem_send(const char *path, int tty_in, int tty_out, struct jy_err *err);
/* Files from the PC into dir alone: rz run in dir, restricted (no name with a folder, no
 * absolute name, no hidden file, nothing already there replaced), on the terminal's tty_in and
 * tty_out. When nothing has begun to arrive after wait_s seconds (a terminal without ZMODEM),
 * rz is stopped and the terminal's side cancelled. JY_OK with *name the first file received (no
 * folder; caller frees) and *count how many (each made 0600); else JY_EIO and why, *name NULL
 * (JY_EINVAL, nothing run, under PuTTY's $TERM). */
int zmodem_receive(const char *dir, int tty_in, int tty_out, int wait_s, char **name, int *count,
                   struct jy_err *err);


/* ---- csv.c / import.c / export.c ------------------------------------------------------------- */
struct csv_reader;
/* Open a CSV file: detects UTF-8 (with/without BOM) or GB18030/GBK. Caller frees. */
int csv_open(const char *path, struct csv_reader **out, struct jy_err *err);
/* Next record: *fields and *n are borrowed until the next call; *row is the spreadsheet row (header = 1).
 * Returns 1 with a record, 0 at the end, -1 on a malformed file (err set: JY_EINVAL) or when
 * the rest of the file cannot be read (JY_EIO). */
int csv_next(struct csv_reader *r, char ***fields, int *n, int *row, struct jy_err *err);
const char *csv_encoding(const struct csv_reader *r);
void csv_close(struct csv_reader **r);
/* The records of the file at path that hold anything but separators and spaces, counted fast (a
 * newline inside quotes is part of its record) and without decoding: *n gets them, -1 when path
 * is not a regular file (a pipe is read once, by the import). JY_OK or JY_EIO. */
int csv_count_records(const char *path, long *n, struct jy_err *err);
/* The bytes of a UTF-8 file a reader holds at once, to start with (1 MB; 0 restores it): the
 * tests shrink it to put records and characters across the window's edges. */
void csv_window_set(size_t bytes);
void csv_write_field(struct jy_buf *b, const char *s);   /* quoted when needed */

/* For the importers and exporters. First characters that make a spreadsheet read a cell as a
 * formula: an export writes such a cell with a leading apostrophe, an import takes it off. */
#define CSV_FORMULA_CHARS "=+-@"
/* A text file to path, or stdout when path is NULL or "-": write(ctx, fp, rows, err) does the
 * lines; the file is written beside path and renamed into place, so a failed write never leaves
 * half a file under the name asked for. *rows (rows may be NULL) counts what write wrote. */
int csv_export(const char *path, int *rows, int (*write)(void *ctx, FILE *fp, int *rows,
                                                         struct jy_err *err),
               void *ctx, struct jy_err *err);
/* Spreadsheet column letters (0 -> A, 26 -> AA); a header cell cleaned as people write them
 * (" 姓名 ", "*姓名"); a cell Excel was kept from turning into a number ('320102…, ="320102…")
 * unwrapped. The last two: Caller frees. */
void csv_col_name(int i, char out[8]);
char *csv_header_clean(const char *raw);
char *csv_unwrap_number(const char *cell);

/* ---- rows.c, xlsx.c, xls.c: the rows of a file to import ------------------------------------ */
/* Every importer reads its file through one row source, whatever the file is: CSV (csv.c), an
 * Excel workbook (.xlsx: the zip read with minizip, the XML with expat) or an Excel 97-2003 file
 * (.xls, read with freexl), told apart by the file's first bytes, not its name. A row comes as
 * text cells the way the sheet shows them: shared and inline strings as they are, a number cell
 * as Excel writes it to CSV (13800000001, 3.30122198202031E+17, 0.5), a cell with a date format
 * as YYYY-MM-DD and a time as HH:MM, TRUE / FALSE, a formula as its saved value. */
struct row_source;
enum rows_kind { ROWS_CSV = 1, ROWS_XLSX, ROWS_XLS };
/* The unpacked size of one part of a workbook (a sheet, its shared strings) beyond which it is
 * refused as a zip bomb, counted while it is inflated. */
#define ROWS_PART_MAX (64u << 20)
/* Open path; sheet names the sheet of a workbook (NULL: the first; given for a CSV file it is an
 * error). Refused with a message naming the file: a workbook with a password, without sheets,
 * without the sheet asked for, a WPS .et file, a part past ROWS_PART_MAX, a file neither text nor
 * a workbook. JY_EINVAL, or JY_EIO when it cannot be read. Caller closes with rows_close. */
int rows_open(const char *path, const char *sheet, struct row_source **out, struct jy_err *err);
/* The next row that has a cell: *cells[0..*n) borrowed until the next call ("" for an empty
 * cell), *row the row as the spreadsheet numbers it. 1 with a row, 0 at the end, -1 with err set
 * (a damaged file, a formula without a saved value naming its cell: "Sheet1!C7"). */
int rows_next(struct row_source *s, char ***cells, int *n, int *row, struct jy_err *err);
enum rows_kind rows_kind(const struct row_source *s);
const char *rows_encoding(const struct row_source *s);  /* "UTF-8", "GB18030", "xlsx", "xls" */
const char *rows_sheet(const struct row_source *s);     /* the sheet read; NULL for CSV */
/* How many rows the file has, cheaply: the sheet's dimension, or the CSV file's lines (a cell
 * with a line break counts twice); -1 when unknown. For progress, never for a limit. */
long rows_total(const struct row_source *s);
/* A cell as a worker finds it: "Sheet1!B7" in a workbook, "B7" in a CSV file (col from 0). */
void rows_cell_name(const struct row_source *s, int row, int col, char *out, size_t size);
void rows_close(struct row_source **s);
/* An Excel serial day number as YYYY-MM-DD: the 1900 system (1 is 1900-01-01; Excel counts a
 * 29 February 1900 that never was, serial 60, given back as "1900-02-29" for the date check to
 * refuse) or date1904's (0 is 1904-01-01). JY_EINVAL outside 0 .. 9999-12-31. */
int rows_serial_date(double serial, int date1904, char out[11]);
/* A number cell's value as Excel's CSV has it: whole numbers below 10^15 in full, the rest in 15
 * significant digits (3.30122198202031E+17). */
void rows_number_text(double v, char out[32]);
/* csv.c: the lines of the file, counted in the pass that checks its encoding; -1 when unknown. */
long csv_line_count(const struct csv_reader *r);

/* The hanzi table, embedded in the binary (build/gen/assets.c, made by assets/embed.sh). */
extern const unsigned char jy_asset_hanzi[];
extern const size_t jy_asset_hanzi_len;

#endif
