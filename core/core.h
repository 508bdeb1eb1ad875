/* core/core.h: everything core/ offers. Read this first.
 *
 * core/ is plain C11 with no curses: data, rules, storage, text measuring and editing. tui/ (the
 * full-screen program and the command line) is its only user. Conventions:
 *   - functions return a result code (enum jy_rc); the detail, in the user's language, goes on the
 *     struct jy_err the caller passed (may be NULL). Core never prints.
 *   - strings are UTF-8 char *; "Caller frees." marks allocated results; destructors take T ** and
 *     set the pointer to NULL.
 *   - allocation failure is fatal (xmalloc family); nothing else exits.
 *   - SQL lives only in core/ (the planned PostgreSQL back end replaces that one layer).
 */
#ifndef JY_CORE_H
#define JY_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

/* ---- lineedit.c: the one-line field editing model that tui/field.c draws ---------------------- */
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

/* ---- path.c: file names a restricted worker may write (issue 7) ------------------------------- */
/* 1 when path names a file inside dir (or a folder below it): its folder exists and, symlinks and
 * ".." resolved, lies under dir; the name is not a folder; an existing file is a plain file. */
int path_in_dir(const char *path, const char *dir);
/* The file a writer fills before renaming it to dest: tmp, created for its owner alone (0600,
 * O_EXCL and O_NOFOLLOW after removing a leftover, so a planted link is not followed). dest must
 * be absent or a plain file: a worker's "-o /dev/null" never replaces a device. A descriptor, or
 * -1 with errno (EINVAL: dest is not a plain file). */
int path_create_beside(const char *dest, const char *tmp);

/* ---- db.c: the one SQLite file ---------------------------------------------------------------- */
struct jy_db;

enum jy_role { ROLE_CLERK = 1, ROLE_REVIEWER, ROLE_STATS, ROLE_ADMIN };

/* Who is acting. Filled from the real user id at start-up (never from an environment variable). */
struct jy_actor {
	char os_user[64];
	char name[64];
	int role;
	char community[32];     /* the worker's own community code, default for new records */
};

enum { DB_OPEN_CREATE = 1, DB_OPEN_READONLY = 2 };

/* Open (and with DB_OPEN_CREATE create) the database, apply pragmas and run migrations. A file whose
 * schema is newer than this program is refused. Returns JY_OK and *out, or an error. */
int db_open(const char *path, int flags, struct jy_db **out, struct jy_err *err);
/* A setgid jiuye (tui/server.c): db_open takes this group for opening the files and gives it back
 * before returning; -1 (the default): it leaves the groups alone. */
void db_open_group(long gid);
void db_close(struct jy_db **db);
void db_set_actor(struct jy_db *db, const struct jy_actor *who);
const struct jy_actor *db_actor(const struct jy_db *db);
int db_actor_from_os(struct jy_actor *who);      /* fills from getuid()/getpwuid */
char *db_default_path(void);                     /* $XDG_DATA_HOME/jiuye/jiuye.db … Caller frees. */
int db_schema_version(struct jy_db *db);
int db_begin(struct jy_db *db, struct jy_err *err);      /* BEGIN IMMEDIATE */
int db_commit(struct jy_db *db, struct jy_err *err);
void db_rollback(struct jy_db *db);
/* integrity_check + foreign_key_check + the history's hash chain. Each problem is passed to cb
 * (may be NULL); *trail (may be NULL) gets the chain's verification (rows, head). Returns the
 * number of problems found, or -1 with err set when the check could not run. */
struct history_verify;
int db_check(struct jy_db *db, void (*cb)(void *arg, const char *problem), void *arg,
             struct history_verify *trail, struct jy_err *err);
/* A consistent copy of the live database to dest (written to dest.tmp, then renamed), while others
 * keep working. */
int db_backup(struct jy_db *db, const char *dest, struct jy_err *err);
/* backup.c: db_backup kept in generations. dest a directory: the copy is
 * dest/jiuye-YYYYMMDD-HHMMSS.db (local time; -2, -3 ... within one second) and, when keep > 0,
 * the newest keep such files stay, older ones are removed. dest a file: keep >= 2 keeps the
 * previous copies as dest.1 (newest) ... dest.(keep-1); keep 0 only overwrites dest. Nothing old
 * is removed before the new copy is complete. *written (may be NULL) gets the file written.
 * Caller frees. */
int backup_rotate(struct jy_db *db, const char *dest, int keep, char **written, struct jy_err *err);
/* Has another connection committed since the last call? (PRAGMA data_version) */
int db_changed(struct jy_db *db);
/* Settings (locality rules …): text values, default when unset. Caller frees. */
char *db_setting(struct jy_db *db, const char *key, const char *def);
int db_setting_int(struct jy_db *db, const char *key, int def);
int db_setting_set(struct jy_db *db, const char *key, const char *value, struct jy_err *err);

/* ---- access.c: who may see and do what (issue 7) ---------------------------------------------- */
enum access_op {
	OP_VIEW, OP_UNMASK, OP_CREATE, OP_EDIT, OP_EDIT_SENSITIVE, OP_APPROVE, OP_CLOSE, OP_IMPORT,
	OP_EXPORT, OP_EXPORT_FULL, OP_REPORT, OP_REPORT_PEOPLE, OP_AUDIT, OP_ADMIN, OP__COUNT
};
const char *role_label(int role);               /* 录入员, 审核, 统计, 管理员 */
int role_parse(const char *text);               /* clerk/reviewer/stats/admin or the Chinese; -1 */
int access_role_may(int role, int op);          /* the role table alone: 1 or 0 */
const char *access_op_label(int op);            /* "change residents' records", translated */
int access_may(struct jy_db *db, int op);       /* the acting worker's role allows op */
/* Role and, when community is not NULL, scope: JY_OK or JY_EPERM with a message that names the
 * worker, her role and what she tried. */
int access_check(struct jy_db *db, int op, const char *community, struct jy_err *err);
int access_in_scope(struct jy_db *db, const char *community);   /* 1 when she may see it */
int access_scope_all(struct jy_db *db);         /* 1 when she sees every community */
/* Masked forms for lists, people lists and exports: ID first 6 + last 4 (320102********123X),
 * phone first 3 + last 4 (138****5678). A masked value has '*' in it and is never saved. */
void mask_idno(const char *id, char *out, size_t size);
void mask_phone(const char *phone, char *out, size_t size);
int mask_is_masked(const char *v);
/* 低保, 特困 and 残疾 (PI-H) among comma-separated category codes: category_sensitive tells one
 * code (n bytes); mask_categories drops them from codes in place. */
int category_sensitive(const char *code, size_t n);
void mask_categories(char *codes);
/* Workers, kept by an administrator (JY_EPERM for anyone else). worker_save adds or changes one:
 * role ROLE_*, units a comma- or 、-separated list of community / street / county codes or names
 * (NULL: scope unchanged; "": her own community only). A worker who leaves is closed, never
 * deleted, so the history keeps naming her. */
struct worker_row {
	char os_user[64], name[64];
	int role;
	char closed_at[32];
	char scope[256];        /* 城东社区、城西社区; "" for the whole database (管理员, 统计) */
};
int worker_save(struct jy_db *db, const char *os_user, const char *name, int role, const char *units,
                struct jy_err *err);
int worker_close(struct jy_db *db, const char *os_user, struct jy_err *err);
int worker_each(struct jy_db *db, int (*cb)(void *arg, const struct worker_row *w), void *arg,
                struct jy_err *err);
/* approval.c: a clerk's change of the ID number or the categories of a registered resident is
 * saved as a request (resident_save's err then has warn set and says so). A reviewer lists the
 * requests waiting in her communities, oldest first, and decides: approve saves the change in her
 * name; someone other than the requester decides. */
struct pending_row {
	int64_t id, resident_id;
	char reg_no[24], name[64];
	int field;              /* RF_IDNO or RF_CATEGORIES */
	char old_value[256], new_value[256];
	char requested_by[64], requested_at[32];
};
int pending_each(struct jy_db *db, int (*cb)(void *arg, const struct pending_row *p), void *arg,
                 struct jy_err *err);
int pending_decide(struct jy_db *db, int64_t id, int approve, const char *note, struct jy_err *err);
int pending_count(struct jy_db *db);            /* requests this worker may decide; 0 for others */
/* The full ID number or phone of a resident, for a worker allowed to see it (OP_UNMASK, in scope):
 * the viewing is recorded in the history before the value is handed out. */
int resident_reveal(struct jy_db *db, int64_t id, int field, char *out, size_t size,
                    struct jy_err *err);

/* ---- codes.c: code lists (national / 人社 codes, stored as code text, office-extensible) ------ */
struct code_item {
	char *code;
	char *label;
};
struct code_list {
	struct code_item *items;
	int n;
	struct code_item *aliases;      /* other names accepted on input (大专 → 31); label = alias */
	int naliases;
};
/* The items of list (e.g. "education"), in display order. Caller frees with codes_free. */
int codes_load(struct jy_db *db, const char *list, struct code_list *out, struct jy_err *err);
void codes_free(struct code_list *cl);
const char *codes_label(const struct code_list *cl, const char *code); /* NULL if unknown */
/* Find the code a worker or a file means: the code itself, the exact label, an alias, or a unique
 * label prefix. NULL when nothing or several match. */
const char *codes_find(const struct code_list *cl, const char *text);
/* The communities (社区/村) as a code list: code = unit code, label = unit name. Caller frees with
 * codes_free. */
int units_load(struct jy_db *db, struct code_list *out, struct jy_err *err);
/* A community's code from its code or name; JY_ENOTFOUND when none. code has room for 32 bytes. */
int unit_find(struct jy_db *db, const char *text, char code[32]);

/* ---- resident.c: the registry ----------------------------------------------------------------- */
enum field_kind {
	FK_TEXT, FK_IDNO, FK_PHONE, FK_DATE, FK_CODE, FK_CODES, FK_BOOL, FK_UNIT, FK_DERIVED
};
enum { FF_REQ = 1, FF_SENS = 2, FF_CSV = 4, FF_RO = 8 };

/* The resident's fields in the order a worker takes them from an applicant. One table drives the
 * struct, the SQL, CSV import/export, the change history and the form.
 *   id        column         label      CSV alias        kind       code list     max  flags */
#define RESIDENT_FIELDS(X) \
	X(NAME,      name,          "姓名",     "name",          FK_TEXT,    NULL,          20, FF_REQ | FF_CSV) \
	X(IDNO,      id_no,         "身份证号", "id_number",     FK_IDNO,    NULL,          18, FF_REQ | FF_SENS | FF_CSV) \
	X(SEX,       sex,           "性别",     "sex",           FK_DERIVED, "sex",          1, FF_RO) \
	X(BIRTH,     birth,         "出生日期", "birth_date",    FK_DERIVED, NULL,          10, FF_RO) \
	X(PHONE,     phone,         "联系电话", "phone",         FK_PHONE,   NULL,          20, FF_SENS | FF_CSV) \
	X(ETHNIC,    ethnicity,     "民族",     "ethnicity",     FK_CODE,    "ethnicity",   10, 0) \
	X(HUKOU,     hukou,         "户口性质", "hukou",         FK_CODE,    "hukou",       10, 0) \
	X(ORIGIN,    origin,        "户籍地",   "origin",        FK_TEXT,    NULL,          40, 0) \
	X(COMMUNITY, community,     "社区",     "community",     FK_UNIT,    NULL,          40, FF_CSV) \
	X(ADDRESS,   address,       "地址",     "address",       FK_TEXT,    NULL,          60, FF_CSV) \
	X(EDUCATION, education,     "文化程度", "education",     FK_CODE,    "education",   10, FF_CSV) \
	X(MARITAL,   marital,       "婚姻状况", "marital",       FK_CODE,    "marital",     10, 0) \
	X(HEALTH,    health,        "健康状况", "health",        FK_CODE,    "health",      10, FF_SENS) \
	X(DISABILITY,disability,    "残疾类别等级", "disability",FK_TEXT,    NULL,          30, FF_SENS) \
	X(FORMER,    former_job,    "原单位及工种", "former_job",FK_TEXT,    NULL,          60, 0) \
	X(SKILLS,    skills,        "技能特长", "skills",        FK_TEXT,    NULL,          60, FF_CSV) \
	X(CATEGORIES,categories,    "人员类别", "categories",    FK_CODES,   "category",   200, FF_CSV) \
	X(STATUS,    status,        "就业状态", "status",        FK_CODE,    "emp_status",  10, FF_CSV) \
	X(UNEMP_RSN, unemp_reason,  "失业原因", "unemp_reason",  FK_CODE,    "unemp_reason",10, 0) \
	X(BENEFIT,   benefit,       "领取失业金", "benefit",     FK_BOOL,    NULL,           1, 0) \
	X(DIBAO,     dibao,         "低保",     "dibao",         FK_BOOL,    NULL,           1, FF_SENS) \
	X(REGDATE,   reg_date,      "登记日期", "reg_date",      FK_DATE,    NULL,          10, FF_CSV) \
	X(INTENT,    job_intent,    "求职意向", "job_intent",    FK_TEXT,    NULL,          60, FF_CSV) \
	X(TRAINNEED, training_need, "培训需求", "training_need", FK_TEXT,    NULL,          60, 0) \
	X(NOTE,      note,          "备注",     "note",          FK_TEXT,    NULL,         200, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) RF_##id,
enum resident_field { RESIDENT_FIELDS(X) RF__COUNT };
#undef X

struct field_def {
	const char *col;        /* SQL column and English CSV alias source */
	const char *label;      /* Chinese label: form, CSV header, messages */
	const char *alias;      /* English CSV header accepted on import */
	enum field_kind kind;
	const char *list;       /* code list for FK_CODE / FK_CODES */
	int max;                /* characters */
	int flags;
};
extern const struct field_def resident_fields[RF__COUNT];
int resident_field_by_header(const char *header);  /* label or alias (any case) -> RF_*, or -1 */
int resident_field_by_col(const char *col);        /* SQL column name -> RF_*, or -1 */
/* A field's value as a worker reads it: code labels instead of codes, 是/否 for flags. Caller frees. */
char *resident_display(struct jy_db *db, const struct resident *r, int field);

struct resident {
	int64_t id;             /* 0 for a new record */
	int64_t version;        /* optimistic concurrency: the version it was loaded at */
	char reg_no[24];        /* 登记编号, assigned on first save: R-000001 */
	char *v[RF__COUNT];     /* field values, UTF-8, NULL or "" when empty; FK_CODE holds the code,
	                         * FK_CODES codes joined by ',', FK_BOOL "1"/"0", FK_UNIT unit code */
	char *closed_at;        /* set when the record is closed (never deleted) */
	char *close_reason;
	char *created_at, *updated_at, *updated_by;
};
struct resident *resident_new(void);            /* Caller frees with resident_free. */
void resident_free(struct resident **r);
struct resident *resident_dup(const struct resident *r);  /* Caller frees. */
void resident_set(struct resident *r, int field, const char *value);
const char *resident_get(const struct resident *r, int field);  /* never NULL ("" when empty) */

int resident_load(struct jy_db *db, int64_t id, struct resident **out, struct jy_err *err);
int resident_find_idno(struct jy_db *db, const char *idno, int64_t *id);  /* JY_OK / JY_ENOTFOUND */
/* Check every field (ID checksum, dates, codes, phone, required) and derive sex and birth date.
 * Returns JY_EINVAL with err->field naming the first bad field. Does not touch the database except
 * to read code lists. */
int resident_validate(struct jy_db *db, struct resident *r, struct jy_err *err);
/* One field's value checked as resident_validate would (for a form leaving a field): JY_OK with
 * *out the stored form (NULL when empty; Caller frees), or JY_EINVAL with err naming the field. */
int resident_check_field(struct jy_db *db, int field, const char *value, char **out,
                         struct jy_err *err);
/* Validate and save. New record: a duplicate ID number is refused (JY_EDUP, other_id); the same
 * name + birth date is saved with err->warn set. Update: refused with JY_ECONFLICT when the stored
 * version is not r->version. Records the change in the history (old and new values). On success
 * r->id, r->version, r->reg_no are updated. Runs in its own BEGIN IMMEDIATE transaction unless
 * one is open. */
int resident_save(struct jy_db *db, struct resident *r, struct jy_err *err);
/* Duplicate checks for a form being typed: same ID (JY_EDUP + other_id) or same name and birth
 * date (JY_OK, err->warn, other_id). */
int resident_check_dup(struct jy_db *db, const struct resident *r, struct jy_err *err);
int resident_close(struct jy_db *db, int64_t id, int64_t version, const char *reason,
                   struct jy_err *err);
int64_t resident_count(struct jy_db *db);

/* Bulk creation (import, demo, benchmark): one transaction, statements prepared once. */
struct resident_bulk;
int resident_bulk_begin(struct jy_db *db, struct resident_bulk **out, struct jy_err *err);
int resident_bulk_add(struct resident_bulk *b, struct resident *r, struct jy_err *err);
int resident_bulk_commit(struct resident_bulk **b, struct jy_err *err);
void resident_bulk_abort(struct resident_bulk **b);

/* Certificates, status events and visits (core/facts.c): dated facts attached to a resident. */
/* Role and scope for op on resident rid (issue 7), for everything attached to a resident (facts,
 * referrals, placements, enrolments): JY_OK; JY_EPERM with access_check's message (err->field
 * 身份证号, the column a file names her by, when her community is outside the worker's);
 * JY_ENOTFOUND. Adding or changing a fact needs OP_EDIT, the lists below OP_VIEW (JY_EPERM). */
int resident_access(struct jy_db *db, int64_t rid, int op, struct jy_err *err);
struct certificate {
	int64_t id, resident_id;
	char *type, *number, *issue_date, *office, *valid_until, *status;
};
struct status_event {
	int64_t id, resident_id;
	char *date, *status, *form, *employer, *note, *worker;
};
struct visit {
	int64_t id, resident_id;
	char *date, *kind, *content, *next_due, *worker;
};
int certificate_add(struct jy_db *db, struct certificate *c, struct jy_err *err);
int certificate_set_status(struct jy_db *db, int64_t id, const char *status, struct jy_err *err);
/* A status change (re-employed with form of employment, flexible work, moved away …) dated; also
 * updates the resident's current status when the date is the latest. */
int status_event_add(struct jy_db *db, struct status_event *e, struct jy_err *err);
int visit_add(struct jy_db *db, struct visit *v, struct jy_err *err);

/* Lists attached to a resident; each callback gets a borrowed record valid during the call. */
int certificate_each(struct jy_db *db, int64_t rid, void (*cb)(void *, const struct certificate *), void *arg);
int status_event_each(struct jy_db *db, int64_t rid, void (*cb)(void *, const struct status_event *), void *arg);
int visit_each(struct jy_db *db, int64_t rid, void (*cb)(void *, const struct visit *), void *arg);

/* ---- history.c: who changed, viewed, exported what, when: the audit trail (append-only) -------- */
struct history_entry {
	int64_t seq;
	const char *at, *os_user, *worker, *entity, *action;
	int64_t entity_id;
	const char *changes;    /* JSON {"column":[old,new],…}; column names as in resident_fields[].col
	                         * (resident_field_by_col gives the label); null when nothing to show */
	const char *src;        /* client address from $SSH_CONNECTION (a record, not identity); NULL */
	int role;               /* ROLE_* then; 0 for rows from before the audit trail */
	const char *event;      /* view create change close export import login lock unlock seal */
	const char *fields;     /* field names touched or viewed, comma-separated; NULL */
	const char *result;     /* "ok" or "fail:<what>" */
};
/* Append one entry, chained to the one before (SHA-256); inside the writer's transaction, or in
 * its own when there is none. */
int history_add(struct jy_db *db, const char *entity, int64_t entity_id, const char *action,
                const char *changes_json, struct jy_err *err);
int history_each(struct jy_db *db, const char *entity, int64_t entity_id,
                 void (*cb)(void *, const struct history_entry *), void *arg);
/* An event that is not a record change: "view" (a full value shown; fields: which), "export",
 * "import", "login", "lock", with its result (JY_OK or the failure's code); detail_json in the form
 * of changes or NULL. Written in its own transaction, also from a read-only connection. */
int audit_note(struct jy_db *db, const char *event, const char *entity, int64_t entity_id,
               const char *fields, const char *detail_json, int result, struct jy_err *err);
/* A file imported or exported from the command line: kind ("residents" ...), the rows written,
 * the path and the command's result code. Returns JY_OK or why it could not be recorded. */
int audit_file(struct jy_db *db, const char *event, const char *kind, int rows, const char *path,
               int result);
/* The whole chain checked in seq order. JY_OK with v filled; v->bad is 0 when it is intact. */
struct history_verify {
	int64_t rows;           /* rows read */
	int64_t bad;            /* the first row that does not fit (or is missing); 0: none */
	int64_t unsealed;       /* rows from before the trail was chained, sealed by the next write */
	int64_t head_seq;       /* the last row checked, and its hash in hex: note them in a backup */
	char head[65];          /* to notice later that the newest rows were removed */
	char why[200];          /* what is wrong with row bad, translated */
};
int history_verify(struct jy_db *db, struct history_verify *v, struct jy_err *err);

/* ---- audit.c: the trail browsed and exported (issue 7) ---------------------------------------- */
struct audit_filter {
	const char *worker;     /* OS user or name; NULL or "" any */
	const char *record;     /* a resident's name or ID number, or a record number (any kind) */
	const char *field;      /* a field's label (联系电话) or column (phone) */
	const char *event;      /* view create change close export import login lock, or the Chinese */
	const char *from, *to;  /* dates, inclusive, in any form date_parse takes; NULL open */
};
/* One page of the rows matching f, newest first, below seq before (0: from the newest). cb gets
 * each row, borrowed during the call; *next is what to pass for the next page, 0 at the end.
 * JY_EINVAL (field set) when a filter is not understood. */
int audit_page(struct jy_db *db, const struct audit_filter *f, int64_t before, int limit,
               void (*cb)(void *arg, const struct history_entry *h), void *arg, int64_t *next,
               struct jy_err *err);
/* Every row matching f to path in format (SHEET_*; "-" or NULL: stdout, CSV), field names but no
 * values; *rows counts them. The export itself is recorded in the trail. */
int audit_export(struct jy_db *db, const struct audit_filter *f, const char *path, int format,
                 int *rows, struct jy_err *err);
const char *audit_event_label(const char *event);      /* 查看, 新建, 修改 ... (every locale) */
/* A change's key in the workers' words: the label of col in entity's field table, else col; the
 * field itself (for field_show), or NULL when the entity has no field table or no such column. */
const char *audit_field_label(const char *entity, const char *col);
const struct field_def *audit_field_def(const char *entity, const char *col);

/* ---- draft.c: forms in progress, kept as they are typed so nothing typed is lost -------------- */
/* One draft per worker (the actor's os_user), form kind ("resident") and record (0 for new). data
 * is opaque text the TUI writes (e.g. field=value lines). draft_save replaces; draft_clear after a
 * save or an explicit discard. draft_latest finds the newest draft of this worker. */
int draft_save(struct jy_db *db, const char *form, int64_t record_id, const char *data,
               struct jy_err *err);
int draft_clear(struct jy_db *db, const char *form, int64_t record_id, struct jy_err *err);
/* JY_OK with *form, *record_id, *data (Caller frees both strings) or JY_ENOTFOUND. */
int draft_latest(struct jy_db *db, char **form, int64_t *record_id, char **data, struct jy_err *err);

/* ---- rules.c: categories that follow from the record (4050 …), as locality settings ----------- */
struct rule_hit {
	char code[24];          /* category code, e.g. "4050" */
	char reason[160];       /* why, for the screen: "女, 47岁 (≥40), 截至 2024-06-30" */
};
/* Derived categories of r as of date asof ("YYYY-MM-DD"). Settings: rule.4050.female_age (40),
 * rule.4050.male_age (50), rule.4050.female_upper (55, retirement), rule.4050.male_upper (60).
 * At or past the upper age the hit is "RETIRED_AGE" instead of "4050". db may be NULL (defaults).
 * Returns the number of hits written (at most max). */
int rules_derive(struct jy_db *db, const struct resident *r, const char *asof,
                 struct rule_hit *hits, int max);

/* ---- search.c: how workers look people up ----------------------------------------------------- */
/* A query is classified: letters -> pinyin initials prefix; Han characters -> anywhere in the name
 * (traditional and simplified folded); 3+ digits (or ending in X) -> last digits of ID number or
 * phone. Results come a page at a time in a stable order (keyset pagination); nothing loads the
 * whole registry. */
struct search_row {
	int64_t id;
	char name[64];
	char sex[4];
	char birth[11];
	char id_no[19];
	char phone[21];
	char community[41];
	char status[11];
	char reg_date[11];
	char categories[64];
	int closed;
};
struct search_page {
	struct search_row *rows;
	int n;
	int more;               /* another page follows */
	char next[128];         /* opaque cursor for the next page */
};
/* First page when cursor is NULL or "". limit <= 200. Empty query lists every resident (newest
 * registration first). include_closed: 0 hides closed records. */
int search_residents(struct jy_db *db, const char *query, const char *cursor, int limit,
                     int include_closed, struct search_page *out, struct jy_err *err);
void search_page_free(struct search_page *p);

/* ---- csv.c / import.c / export.c ------------------------------------------------------------- */
struct csv_reader;
/* Open a CSV file: detects UTF-8 (with/without BOM) or GB18030/GBK. Caller frees. */
int csv_open(const char *path, struct csv_reader **out, struct jy_err *err);
/* Next record: *fields and *n are borrowed until the next call; *row is the spreadsheet row (header = 1).
 * Returns 1 with a record, 0 at the end, -1 on a malformed file (err set). */
int csv_next(struct csv_reader *r, char ***fields, int *n, int *row, struct jy_err *err);
const char *csv_encoding(const struct csv_reader *r);
void csv_close(struct csv_reader **r);
void csv_write_field(struct jy_buf *b, const char *s);   /* quoted when needed */

struct import_result {
	int added, updated, unchanged, rejected;
	int rows;
	char encoding[16];
};
enum { IMPORT_DRY_RUN = 1, IMPORT_SKIP_ERRORS = 2 };
/* Import residents from a CSV file. Each bad row goes to report(arg, line) as
 * "FILE:ROW: 列名: what is wrong, what is accepted". Without IMPORT_SKIP_ERRORS nothing is stored
 * when any row is bad. Empty cells never overwrite stored values. Returns JY_OK, JY_EINVAL (bad rows),
 * JY_EIO or JY_EDB. */
int import_residents(struct jy_db *db, const char *path, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
/* Export every resident (open ones unless include_closed), the columns import reads, to path in
 * format (SHEET_CSV: UTF-8 with BOM, SHEET_CSV_GBK, SHEET_XLSX; see sheet.c), or to stdout when
 * path is NULL or "-" (CSV only). *rows gets the count. JY_OK with err->warn: a GBK file holds a
 * character GBK lacks (err says which cell). The other export_* below work the same way. */
int export_residents(struct jy_db *db, const char *path, int format, int include_closed,
                     const char *purpose, int *rows, struct jy_err *err);
/* Files of people (privacy brief E1, F2, F3): export_residents, export_referrals and
 * export_enrolments need OP_EXPORT (JY_EPERM) and a purpose (用途, JY_EINVAL when blank), hold only
 * the residents of the worker's communities and start with export_notice's line (XLSX: a merged
 * row above the header). Without OP_EXPORT_FULL, ID numbers and phones are masked and 低保, 特困,
 * 残疾 left out of the categories; the line then ends in [已脱敏] and no import takes the file. */
int export_purpose_check(const char *purpose, struct jy_err *err);
/* "内部资料 含个人信息 导出人：王芳(wang) 时间：2026-11-23 10:15 用途：上报区人社局 [已脱敏]".
 * Caller frees. */
char *export_notice(struct jy_db *db, const char *purpose, int masked);
/* A file written (jiuye export, F7 on a list): an "export" row of the trail for kind with the
 * path, the rows, the SHA-256 of the file as it is on disk (none for stdout or a failure), and for
 * people the purpose and whether it was masked. JY_OK or why it could not be recorded. */
int export_record(struct jy_db *db, const char *kind, const char *path, int rows,
                  const char *purpose, int masked, int result, struct jy_err *err);

/* ---- demo.c ---------------------------------------------------------------------------------- */
/* Load the demo records (reference domain brief §6): units, 10 residents with checksum-valid IDs,
 * 5 employers, 8 postings, 5 courses and their links, dates shifted so the latest events fall in
 * the month of today. */
int demo_load(struct jy_db *db, struct jy_err *err);

/* ==== Training (培训, issue 5): courses, enrolments, sessions and attendance, outcomes ========== */
/* The training records are described by field tables like the registry's (struct field_def): one
 * table drives the struct, the SQL, CSV import/export, the change history and the forms. Whole
 * numbers are FK_TEXT fields with FF_NUM, times of day FK_TEXT with FF_TIME. */
enum { FF_NUM = 16, FF_TIME = 32 };

/* ---- fields.c: one value checked against its field's description ----------------------------- */
/* Check and canonicalise in as fd describes it: text (cleaned, at most fd->max characters), ID
 * number, date (stored YYYY-MM-DD), code list (code, label, alias or unique label prefix -> code),
 * yes/no (-> "1"/"0"), FF_NUM whole number >= 0 (full-width digits, "1,200" and a unit such as 元
 * or 学时 accepted), FF_TIME time of day ("9:00", "9点" -> "09:00"). JY_OK with *out the stored form
 * (NULL when blank; Caller frees) or JY_EINVAL with err->field = fd->label. */
int field_check_value(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                      struct jy_err *err);
/* A stored value as a worker reads it: code labels, 是/否. Caller frees. */
char *field_show(struct jy_db *db, const struct field_def *fd, const char *v);
/* History JSON {"col":[old,new],…} of the fields whose values differ (old NULL: a new record; a
 * field whose col is NULL is skipped). NULL when nothing differs. Caller frees. */
char *field_changes(const struct field_def *defs, int n, char *const *old, char *const *now);
/* Each change of such a JSON object (or of a history entry's changes) in order: cb gets the key and
 * the old and new values (NULL for null), borrowed during the call. Returns how many. */
int field_changes_each(const char *json, void (*cb)(void *arg, const char *key, const char *old,
                                                    const char *now), void *arg);

/* ---- course.c: training courses (培训班) ------------------------------------------------------ */
/*   id         column      label        CSV alias     kind     code list     max  flags */
#define COURSE_FIELDS(X) \
	X(CODE,      code,       "培训班编号", "code",       FK_TEXT, NULL,         20, FF_CSV) \
	X(NAME,      name,       "培训班名称", "name",       FK_TEXT, NULL,         60, FF_REQ | FF_CSV) \
	X(SPECIALITY,speciality, "专业",       "speciality", FK_CODE, "speciality", 10, FF_CSV) \
	X(CATEGORY,  category,   "培训类别",   "category",   FK_CODE, "train_cat",  10, FF_CSV) \
	X(PROVIDER,  provider,   "培训机构",   "provider",   FK_TEXT, NULL,         60, FF_CSV) \
	X(TERM,      term,       "期",         "term",       FK_TEXT, NULL,          4, FF_NUM | FF_CSV) \
	X(CLASSNO,   class_no,   "班次",       "class_no",   FK_TEXT, NULL,          4, FF_NUM | FF_CSV) \
	X(START,     start_date, "开班日期",   "start_date", FK_DATE, NULL,         10, FF_REQ | FF_CSV) \
	X(END,       end_date,   "结业日期",   "end_date",   FK_DATE, NULL,         10, FF_REQ | FF_CSV) \
	X(HOURS,     hours,      "学时",       "hours",      FK_TEXT, NULL,          5, FF_NUM | FF_CSV) \
	X(CAPACITY,  capacity,   "计划人数",   "capacity",   FK_TEXT, NULL,          5, FF_NUM | FF_CSV) \
	X(PLACE,     place,      "培训地点",   "place",      FK_TEXT, NULL,         60, FF_CSV) \
	X(SUBSIDY,   subsidy,    "每人补贴",   "subsidy",    FK_TEXT, NULL,          7, FF_NUM | FF_CSV) \
	X(TARGET,    target,     "培训对象",   "target",     FK_TEXT, NULL,        100, FF_CSV) \
	X(NOTE,      note,       "备注",       "note",       FK_TEXT, NULL,        200, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) CF_##id,
enum course_field { COURSE_FIELDS(X) CF__COUNT };
#undef X
extern const struct field_def course_fields[CF__COUNT];
int course_field_by_header(const char *header);   /* label or alias (any case) -> CF_*, or -1 */
int course_field_by_col(const char *col);

struct course {
	int64_t id;             /* 0 for a new course */
	int64_t version;
	char *v[CF__COUNT];     /* as struct resident: codes for FK_CODE, NULL or "" when empty */
	char *created_at, *updated_at, *updated_by;
};
struct course *course_new(void);                /* Caller frees with course_free. */
void course_free(struct course **c);
struct course *course_dup(const struct course *c);
void course_set(struct course *c, int field, const char *value);
const char *course_get(const struct course *c, int field);   /* never NULL */
char *course_display(struct jy_db *db, const struct course *c, int field);  /* Caller frees. */
int course_load(struct jy_db *db, int64_t id, struct course **out, struct jy_err *err);
int course_find_code(struct jy_db *db, const char *code, int64_t *id);  /* JY_OK / JY_ENOTFOUND */
/* Check every field (dates, codes, numbers, required) and that the course ends on or after it
 * starts. JY_EINVAL with err->field naming the first bad field. */
int course_validate(struct jy_db *db, struct course *c, struct jy_err *err);
/* Validate and save with its history. New: an empty code gets the next K-001, K-002 …; a code in
 * use is refused (JY_EDUP, other_id). Update: JY_ECONFLICT when the stored version is not
 * c->version (nothing saved). On success c->id, c->version and the code are set. */
int course_save(struct jy_db *db, struct course *c, struct jy_err *err);

/* Head counts of a course: admitted (not on the waiting list, not dropped), waiting, completed,
 * dropped, passed, sessions held; capacity -1 when none is set. */
struct course_counts {
	int capacity, admitted, waiting, completed, dropped, passed, sessions;
};
int course_counts(struct jy_db *db, int64_t course_id, struct course_counts *out, struct jy_err *err);

/* Course lists as workers search them: the query matches the code, characters anywhere in the
 * name (traditional and simplified folded) or the pinyin initials of any part of the name (jz finds
 * 家政服务员培训班). Newest start first, a page at a time (keyset). */
struct course_row {
	int64_t id;
	char code[24];
	char name[184];
	char speciality[12], category[12];
	char start[11], end[11];
	int capacity;           /* -1: none set */
	int admitted, waiting;
};
struct course_page {
	struct course_row *rows;
	int n, more;
	char next[128];
};
int course_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                  struct course_page *out, struct jy_err *err);
void course_page_free(struct course_page *p);

/* ---- enrolment.c: a resident in a course (报名 / 参训记录) ---------------------------------------- */
/* The file columns: a trainee by her ID number, a course by its code; 姓名 is checked against the
 * registry on import, never stored twice. */
#define ENROL_FIELDS(X) \
	X(IDNO,     id_no,       "身份证号",     "id_number",   FK_IDNO,    NULL,           18, FF_REQ | FF_SENS | FF_CSV) \
	X(NAME,     name,        "姓名",         "name",        FK_DERIVED, NULL,           20, FF_RO | FF_CSV) \
	X(COURSE,   course,      "培训班编号",   "course_code", FK_TEXT,    NULL,           20, FF_REQ | FF_CSV) \
	X(ENROLLED, enrolled_on, "报名日期",     "enrolled_on", FK_DATE,    NULL,           10, FF_CSV) \
	X(WAITLIST, waitlisted,  "候补",         "waitlisted",  FK_BOOL,    NULL,            1, FF_CSV) \
	X(RESULT,   result,      "学习状态",     "result",      FK_CODE,    "train_result", 10, FF_CSV) \
	X(RESULTON, result_on,   "结业日期",     "result_on",   FK_DATE,    NULL,           10, FF_CSV) \
	X(PASSED,   passed,      "考核合格",     "passed",      FK_BOOL,    NULL,            1, FF_CSV) \
	X(CERT,     cert_type,   "证书类型",     "cert_type",   FK_CODE,    "train_cert",   10, FF_CSV) \
	X(CERTNO,   cert_no,     "证书编号",     "cert_no",     FK_TEXT,    NULL,           40, FF_CSV) \
	X(INTRADE,  in_trade,    "对口就业",     "in_trade",    FK_BOOL,    NULL,            1, FF_CSV) \
	X(NOTE,     note,        "备注",         "note",        FK_TEXT,    NULL,          200, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) EF_##id,
enum enrol_field { ENROL_FIELDS(X) EF__COUNT };
#undef X
extern const struct field_def enrol_fields[EF__COUNT];
int enrol_field_by_header(const char *header);
int enrol_field_by_col(const char *col);

struct enrolment {
	int64_t id, version;
	int64_t resident_id, course_id;  /* 0: found from v[EF_IDNO] and v[EF_COURSE] when saved */
	char *v[EF__COUNT];     /* result: enrolled / completed / dropped; flags "1"/"0" */
	char *created_at, *updated_at, *updated_by;
};
struct enrolment *enrolment_new(void);          /* Caller frees with enrolment_free. */
void enrolment_free(struct enrolment **e);
void enrolment_set(struct enrolment *e, int field, const char *value);
const char *enrolment_get(const struct enrolment *e, int field);   /* never NULL */
int enrolment_load(struct jy_db *db, int64_t id, struct enrolment **out, struct jy_err *err);
int enrolment_find(struct jy_db *db, int64_t resident_id, int64_t course_id, int64_t *id);
/* Validate and save with its history (and a line in the resident's history). The rules:
 *   - the trainee is a registered resident whose record is not closed; the course exists;
 *   - one enrolment per person and course: a second is refused (JY_EDUP, other_id the first);
 *   - admitting past the course's capacity is saved with a warning (JY_OK, err->warn); the
 *     waiting list (v[EF_WAITLIST] "1") is never counted;
 *   - 结业 needs the trainee admitted; its date defaults to the course's end, 退学's to today;
 *   - a certificate means passed; a certificate number needs its type.
 * New: enrolled_on defaults to today, result to enrolled. Update: JY_ECONFLICT on a stale
 * version. On success e->id, e->version, e->resident_id, e->course_id are set. */
int enrolment_save(struct jy_db *db, struct enrolment *e, struct jy_err *err);
/* Enrol a resident (or put her on the waiting list) today: enrolment_save's rules. */
int enrolment_enrol(struct jy_db *db, int64_t resident_id, int64_t course_id, int waitlist,
                    int64_t *id, struct jy_err *err);

/* ---- outcome.c: attendance, the six-month outcome and the subsidy tier ------------------------ */
enum { OUTCOME_NONE, OUTCOME_EMPLOYED, OUTCOME_PENDING, OUTCOME_NOT_EMPLOYED };
/* Whether resident rid found work after a course that ended on course_end: a status event with an
 * employed status (codes 2x: 已就业, 灵活就业, 自主创业, 公益性岗位) dated in (end, end + N months],
 * N the setting training.outcome_months (6), the month end clamped (2024-08-31 + 6 months is
 * 2025-02-28). OUTCOME_EMPLOYED with *employed_on the first such date; otherwise PENDING while
 * asof is inside the window, NOT_EMPLOYED after it. window_end (11 bytes) gets end + N months.
 * Derived every time from the status events: never typed, never stored. */
int outcome_employment(struct jy_db *db, int64_t rid, const char *course_end, const char *asof,
                       char employed_on[11], char window_end[11]);
/* The subsidy tier in percent (settings training.tier.employed 100, .vocational 80, .special 60):
 * a completer who passed and was employed within the window gets the first; otherwise a
 * 职业资格证书 (train_cert 2) the second, a 专项职业能力证书 (3) the third; else 0. */
int outcome_tier(struct jy_db *db, int completed, int employed, int passed, const char *cert_type);

/* An enrolment as lists, printouts and the outcome show it. */
struct enrol_row {
	int64_t id, resident_id, course_id;
	char name[64], id_no[19], sex[4], birth[11], phone[21], status[11];
	char course_code[24], course_name[184], course_end[11];
	char enrolled_on[11], result[12], result_on[11], cert_type[12], cert_no[124];
	int waitlisted, passed, in_trade;        /* passed / in_trade -1: not recorded */
	int marked, present, late, leave, absent; /* sessions with a mark, and the marks */
	int outcome;            /* OUTCOME_*, for completers; OUTCOME_NONE otherwise */
	char employed_on[11], window_end[11];
	int tier, amount;       /* subsidy tier in percent, and in yuan (course subsidy × tier) */
};
/* Attendance rate in tenths of a percent, (到 + 迟) / sessions marked; -1 when none is marked.
 * 假 (excused) and 缺 both count as not attended. */
int attendance_rate(const struct enrol_row *r);
/* The enrolments of a course (resident_id 0: admitted by enrolment, then the waiting list in
 * order) or of a resident (course_id 0: newest course first), with attendance and outcome as of
 * asof. Caller frees *rows. */
int enrolment_list(struct jy_db *db, int64_t course_id, int64_t resident_id, const char *asof,
                   struct enrol_row **rows, int *n, struct jy_err *err);
/* Completers still without work as of asof: no employed status event since the course ended and
 * a current status that is not employed; of one course, or of every course (course_id 0), the
 * longest-waiting first. Caller frees *rows. */
int outcome_without_work(struct jy_db *db, int64_t course_id, const char *asof,
                         struct enrol_row **rows, int *n, struct jy_err *err);

/* ---- attendance.c: a course's sessions and their roll calls ----------------------------------- */
#define SESSION_FIELDS(X) \
	X(NO,      no,         "课次",     "no",         FK_TEXT, NULL,  4, FF_NUM) \
	X(DATE,    date,       "上课日期", "date",       FK_DATE, NULL, 10, FF_REQ) \
	X(START,   start_time, "开始时间", "start_time", FK_TEXT, NULL,  5, FF_TIME) \
	X(END,     end_time,   "结束时间", "end_time",   FK_TEXT, NULL,  5, FF_TIME) \
	X(HOURS,   hours,      "学时",     "hours",      FK_TEXT, NULL,  3, FF_NUM) \
	X(TOPIC,   topic,      "授课内容", "topic",      FK_TEXT, NULL, 60, 0) \
	X(TEACHER, teacher,    "授课教师", "teacher",    FK_TEXT, NULL, 20, 0) \
	X(PLACE,   place,      "上课地点", "place",      FK_TEXT, NULL, 60, 0)

#define X(id, col, label, alias, kind, list, max, flags) SF_##id,
enum session_field { SESSION_FIELDS(X) SF__COUNT };
#undef X
extern const struct field_def session_fields[SF__COUNT];

struct session {
	int64_t id, course_id, version;
	char *v[SF__COUNT];
};
struct session *session_new(int64_t course_id);   /* Caller frees with session_free. */
void session_free(struct session **s);
void session_set(struct session *s, int field, const char *value);
const char *session_get(const struct session *s, int field);
int session_load(struct jy_db *db, int64_t id, struct session **out, struct jy_err *err);
/* Validate and save. New: an empty 课次 gets the next number, the place the course's; a number in
 * use is refused (JY_EDUP); a date outside the course's dates is refused. Update: JY_ECONFLICT on
 * a stale version. */
int session_save(struct jy_db *db, struct session *s, struct jy_err *err);

struct session_row {
	int64_t id;
	int no, hours;
	char date[11], start[6], end[6];
	char topic[184], teacher[64];
	int marked, present, late, leave, absent;
};
int session_list(struct jy_db *db, int64_t course_id, struct session_row **rows, int *n,
                 struct jy_err *err);   /* by 课次. Caller frees *rows. */

enum { MARK_NONE, MARK_PRESENT, MARK_ABSENT, MARK_LATE, MARK_LEAVE, MARK__COUNT };
const char *mark_label(int mark);               /* 到 缺 迟 假, "" for none */
struct rollcall_row {
	int64_t enrolment_id;
	char name[64], id_no[19];
	int mark;               /* MARK_*: what the worker set */
	int was;                /* as loaded */
};
struct rollcall {
	int64_t session_id, version;
	struct rollcall_row *rows;
	int n;
};
/* The roll call of a session: the course's admitted trainees (and anyone already marked), by
 * enrolment. Free with rollcall_free. */
int rollcall_load(struct jy_db *db, int64_t session_id, struct rollcall *out, struct jy_err *err);
void rollcall_free(struct rollcall *rc);
/* Store the marks that changed (a mark is never taken back to none), in one transaction with
 * the session's history. JY_ECONFLICT when the roll call or the session was saved by someone
 * else since it was loaded (nothing saved). rc->version and each row's was are updated. */
int rollcall_save(struct jy_db *db, struct rollcall *rc, struct jy_err *err);

/* ---- print.c: printouts as text files for the office printer ---------------------------------- */
/* Fixed-width columns measured with text_width (a Chinese character is two columns, never split),
 * a header on every page, a form feed between pages, the page size from the settings
 * print.page_lines (60) and print.page_cols (80). ID numbers and phones masked (privacy E6); the
 * footer names the worker and the time. Written beside path and renamed into place. */
int print_signin(struct jy_db *db, int64_t session_id, const char *path, struct jy_err *err);
int print_roster(struct jy_db *db, int64_t course_id, const char *path, struct jy_err *err);
/* A resident's registration form (求职登记表: every field in the paper form's order, the full ID
 * number as the office's record, 仅供本人/经办使用 in the footer) and the confirmation slip of her
 * registration (业务办理确认单: what was done, when, by whom, where, what to bring next time, the
 * signature lines; the ID number masked, first 6 + last 4: the applicant takes it home). ASCII
 * boxes. path NULL or "-": stdout. */
int print_resident_form(struct jy_db *db, int64_t resident_id, const char *path, struct jy_err *err);
int print_resident_slip(struct jy_db *db, int64_t resident_id, const char *path, struct jy_err *err);
/* The resident named by her ID number (any form idcard_parse takes) or registration number
 * (R-000001): JY_OK and *id, JY_ENOTFOUND, or JY_EINVAL when text is neither. */
int print_find_resident(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);

/* ---- training_io.c: courses and enrolments from and to CSV files ------------------------------ */
/* The same rules as import_residents: FILE:ROW: 列名: lines, nothing stored while a row is bad
 * (unless IMPORT_SKIP_ERRORS), empty cells never overwrite, a dry run changes nothing. A course
 * is matched by its code; an enrolment by ID number and course code. Exports write the importer's
 * columns in format, as export_residents. */
int import_courses(struct jy_db *db, const char *path, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err);
int import_enrolments(struct jy_db *db, const char *path, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err);
int export_courses(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_enrolments(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                      struct jy_err *err);

/* ==== Jobs (岗位与推荐, issue 4): employers, job information, referrals, placements, fairs ===== */
/* Domain brief §1.4 W3-W6, §2.3. Employers, postings (job information: one item, several posts)
 * and job fairs are described by field tables like the registry's and share one record engine
 * (jobrec.c): each value checked by fields.c, saved with an optimistic version and its history,
 * found by search keys (pinyin initials of every reading, characters anywhere, codes). Whole
 * numbers are FK_TEXT fields with FF_NUM. */

/* ---- jobrec.c: the records and their field tables --------------------------------------------- */
/*   id         column          label              CSV alias        kind      code list        max  flags */
#define EMPLOYER_FIELDS(X) \
	X(NAME,     name,           "单位名称",        "name",          FK_TEXT,  NULL,             50, FF_REQ | FF_CSV) \
	X(CREDIT,   credit_code,    "统一社会信用代码", "credit_code",  FK_TEXT,  NULL,             20, FF_CSV) \
	X(KIND,     kind,           "单位类型",        "kind",          FK_CODE,  "employer_kind",  10, FF_CSV) \
	X(INDUSTRY, industry,       "所属行业",        "industry",      FK_CODE,  "industry",       10, FF_CSV) \
	X(WOMAN,    woman_owned,    "女企业家企业",    "woman_owned",   FK_BOOL,  NULL,              1, FF_CSV) \
	X(CONTACT,  contact,        "联系人",          "contact",       FK_TEXT,  NULL,             20, FF_CSV) \
	X(PHONE,    phone,          "联系电话",        "phone",         FK_PHONE, NULL,             20, FF_CSV) \
	X(ADDRESS,  address,        "地址",            "address",       FK_TEXT,  NULL,             60, FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV)

/* A posting's employer is typed as its name, code (E01), credit code or pinyin initials. */
#define POSTING_FIELDS(X) \
	X(EMPLOYER, employer_id,    "用人单位",        "employer",      FK_TEXT,  NULL,             50, FF_REQ | FF_CSV) \
	X(TITLE,    title,          "岗位名称",        "title",         FK_TEXT,  NULL,             30, FF_REQ | FF_CSV) \
	X(OPENINGS, openings,       "招聘人数",        "openings",      FK_TEXT,  NULL,              4, FF_REQ | FF_NUM | FF_CSV) \
	X(FILLED,   filled,         "已招人数",        "filled",        FK_TEXT,  NULL,              4, FF_NUM | FF_CSV) \
	X(PW,       public_welfare, "公益性岗位",      "public_welfare", FK_BOOL, NULL,              1, FF_CSV) \
	X(SUBSIDY,  subsidy_months, "补贴月数",        "subsidy_months", FK_TEXT, NULL,              3, FF_NUM | FF_CSV) \
	X(WAGE_MIN, wage_min,       "薪资下限",        "wage_min",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(WAGE_MAX, wage_max,       "薪资上限",        "wage_max",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(WAGE_UNIT,wage_unit,      "薪资单位",        "wage_unit",     FK_CODE,  "wage_unit",      10, FF_CSV) \
	X(WAGE,     wage,           "待遇说明",        "wage_note",     FK_TEXT,  NULL,             60, FF_CSV) \
	X(FORM,     work_form,      "用工形式",        "work_form",     FK_CODE,  "work_form",      10, FF_CSV) \
	X(HOURS,    hours,          "工作时间",        "hours",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(SEX,      sex_req,        "性别要求",        "sex",           FK_CODE,  "sex",             4, FF_CSV) \
	X(AGE_MIN,  age_min,        "最低年龄",        "age_min",       FK_TEXT,  NULL,              2, FF_NUM | FF_CSV) \
	X(AGE_MAX,  age_max,        "最高年龄",        "age_max",       FK_TEXT,  NULL,              2, FF_NUM | FF_CSV) \
	X(EDUCATION,education,      "最低学历",        "education",     FK_CODE,  "education",      10, FF_CSV) \
	X(SKILLS,   skills,         "技能要求",        "skills",        FK_TEXT,  NULL,             60, FF_CSV) \
	X(REQ,      requirements,   "其他要求",        "requirements",  FK_TEXT,  NULL,            100, FF_CSV) \
	X(PLACE,    place,          "工作地点",        "place",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(SOURCE,   source,         "信息来源",        "source",        FK_CODE,  "job_source",     10, FF_CSV) \
	X(POSTED,   posted,         "发布日期",        "posted",        FK_DATE,  NULL,             10, FF_CSV) \
	X(CLOSES,   closes,         "截止日期",        "closes",        FK_DATE,  NULL,             10, FF_CSV) \
	X(STATUS,   status,         "状态",            "status",        FK_CODE,  "posting_status", 10, FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV)

#define FAIR_FIELDS(X) \
	X(NAME,     name,           "招聘会名称",      "name",          FK_TEXT,  NULL,             60, FF_REQ | FF_CSV) \
	X(DATE,     date,           "举办日期",        "date",          FK_DATE,  NULL,             10, FF_REQ | FF_CSV) \
	X(KIND,     kind,           "招聘会类型",      "kind",          FK_CODE,  "fair_kind",      10, FF_CSV) \
	X(PLACE,    place,          "地点",            "place",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(ORGS,     co_organisers,  "联办单位",        "co_organisers", FK_TEXT,  NULL,             60, FF_CSV) \
	X(EMPLOYERS,employers,      "参会单位数",      "employers",     FK_TEXT,  NULL,              5, FF_NUM | FF_CSV) \
	X(POSTS,    posts,          "提供岗位数",      "posts",         FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(VISITORS, visitors,       "接待人次",        "visitors",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(AGREE,    agreements,     "意向协议人数",    "agreements",    FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(AGREE_W,  agreements_women, "其中女性",      "agreements_women", FK_TEXT, NULL,            6, FF_NUM | FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) EMP_##id,
enum employer_field { EMPLOYER_FIELDS(X) EMP__COUNT };
#undef X
#define X(id, col, label, alias, kind, list, max, flags) PST_##id,
enum posting_field { POSTING_FIELDS(X) PST__COUNT };
#undef X
#define X(id, col, label, alias, kind, list, max, flags) FAIR_##id,
enum fair_field { FAIR_FIELDS(X) FAIR__COUNT };
#undef X

enum jobrec_type { JR_EMPLOYER, JR_POSTING, JR_FAIR, JR__COUNT };
#define JOBREC_MAX 32

struct jobrec {
	int type;               /* JR_* */
	int64_t id;             /* 0 for a new record */
	int64_t version;        /* optimistic concurrency: the version it was loaded at */
	char code[24];          /* E01, J-001, FAIR-2024-01: assigned on the first save */
	char *v[JOBREC_MAX];    /* by EMP_* / PST_* / FAIR_*: codes for FK_CODE, "1"/"0" for FK_BOOL,
	                         * a posting's employer as its name (its code when names repeat) */
	int64_t employer_id;    /* a posting: its employer, set by jobrec_validate */
	char state[12];         /* a posting: open / filled / closed / expired as of today (read only) */
	char *created_at, *updated_at, *updated_by;
};
const struct field_def *jobrec_fields(int type, int *n);
const char *jobrec_entity(int type);            /* "employer", "posting", "fair": history, drafts */
int jobrec_field_by_header(int type, const char *header);  /* label or alias (any case), or -1 */
int jobrec_field_by_col(int type, const char *col);
struct jobrec *jobrec_new(int type);            /* Caller frees with jobrec_free. */
void jobrec_free(struct jobrec **r);
struct jobrec *jobrec_dup(const struct jobrec *r);
void jobrec_set(struct jobrec *r, int field, const char *value);
const char *jobrec_get(const struct jobrec *r, int field);   /* never NULL */
/* A value as a worker reads it: code labels, 是/否, a posting's status as of today. Caller frees. */
char *jobrec_display(struct jy_db *db, const struct jobrec *r, int field);
/* One field checked as jobrec_validate would (a form leaving a field): JY_OK with *out the
 * stored form (NULL when blank; Caller frees), or JY_EINVAL with err->field the field's label. */
int jobrec_check_field(struct jy_db *db, int type, int field, const char *value, char **out,
                       struct jy_err *err);
/* Check and canonicalise every field, then the record's own rules:
 *   employer: 统一社会信用代码 checked (GB 32100);
 *   posting: the employer exists; openings >= 1 and filled <= openings; lowest wage <= highest;
 *            ages 16-70, lowest <= highest; closing date not before posting date; 已过期 is not
 *            chosen (it follows from the date); posted defaults to today, status to open;
 *   fair: women among the agreements <= agreements.
 * JY_EINVAL with err->field naming the first bad field. */
int jobrec_validate(struct jy_db *db, struct jobrec *r, struct jy_err *err);
int jobrec_load(struct jy_db *db, int type, int64_t id, struct jobrec **out, struct jy_err *err);
int jobrec_find_code(struct jy_db *db, int type, const char *code, int64_t *id); /* OK / ENOTFOUND */
/* Validate and save with the history. New: the code is assigned; an employer whose credit code is
 * registered already is refused (JY_EDUP, other_id). Update: JY_ECONFLICT when the stored version
 * is not r->version (nothing saved). A posting whose posts are all filled is stored as filled, one
 * with openings left again as open (unless the worker closed it). Runs in its own transaction
 * unless one is open. On success r->id, r->version and r->code are set. */
int jobrec_save(struct jy_db *db, struct jobrec *r, struct jy_err *err);

/* ---- employer.c / posting.c / fair.c: finding and listing ---------------------------------------- */
/* The employer a worker or a file means: code (E01), credit code, exact name, or a name or pinyin
 * initials that only one employer has. JY_OK with *id, JY_ENOTFOUND, or JY_EINVAL when several
 * match (err names some). */
int employer_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);

struct employer_row {
	int64_t id;
	char code[24], name[152], kind[12], industry[8], contact[64], phone[24];
	int woman_owned, open_postings;
};
enum { POSTINGS_ALL, POSTINGS_OPEN, POSTINGS_WELFARE, POSTINGS_CLOSING, POSTINGS__COUNT };
struct posting_row {
	int64_t id, employer_id;
	char code[24], title[92], employer[152], state[12], posted[11], closes[11];
	int openings, filled, public_welfare, referrals;
};
struct fair_row {
	int64_t id;
	char code[24], name[184], date[11], kind[12], place[124];
	int employers, posts, visitors, agreements, agreements_women;
};
/* A page of any of the jobs lists: rows is an array of the list's row struct. */
struct job_page {
	void *rows;
	int n;
	int more;               /* another page follows */
	char next[128];         /* opaque cursor for the next page */
};
void job_page_free(struct job_page *p);
/* Lists searched as workers type: the query matches characters anywhere in the name or title
 * (traditional and simplified folded), the pinyin initials of any reading (jg finds 巾帼家政), or
 * a code. Newest first, a page at a time (cursor NULL or "" for the first; limit <= 200). */
int employer_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                    struct job_page *out, struct jy_err *err);
/* filter POSTINGS_*: open ones (as of today), open public-welfare posts, open ones closing within
 * the setting jobs.closing_days (14); employer_id 0: every employer's. */
int posting_search(struct jy_db *db, const char *query, int filter, int64_t employer_id,
                   const char *cursor, int limit, struct job_page *out, struct jy_err *err);
int fair_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                struct job_page *out, struct jy_err *err);

/* ---- referral.c: sending a resident to a posting, and what came of it ---------------------------- */
/* Stages: referred (已推荐) → interview (面试) → hired (录用) / rejected (未录用) / declined (本人放弃);
 * from 已推荐 the result may also come without an interview. The last three are final. */
struct referral {
	int64_t id, version, resident_id, posting_id;
	char stage[12];
	char *referred_on, *stage_on, *note, *channel;
	int consent;            /* she agreed that her details go to the employer (PIPL art. 23) */
	/* read only, from the joined records */
	char *resident_name, *reg_no, *posting_code, *posting_title, *employer;
	int public_welfare;
	char *created_by, *updated_at, *updated_by;
};
struct referral *referral_new(void);            /* Caller frees with referral_free. */
void referral_free(struct referral **r);
int referral_load(struct jy_db *db, int64_t id, struct referral **out, struct jy_err *err);
int referral_find(struct jy_db *db, int64_t resident_id, int64_t posting_id, int64_t *id);
/* 1 when a referral at stage from may go to stage to. */
int referral_can(const char *from, const char *to);
/* A new referral (stage 已推荐, dated r->referred_on, default today). Refused: without consent;
 * a closed resident record; a posting that is not open as of today (filled, closed, expired); the
 * same person on the same posting again (JY_EDUP, other_id the first referral). On success r->id,
 * r->version and r->stage are set. */
int referral_add(struct jy_db *db, struct referral *r, struct jy_err *err);
/* What a hire records (placement.c): the form of employment (emp_form code or label; default
 * 公益性岗位安置 on a public-welfare post, else 单位就业), the start date (default the stage
 * date), a public-welfare post's subsidy end (default start + the posting's subsidy months) and
 * whether a labour contract was signed. */
struct hire {
	const char *form, *start, *subsidy_end;
	int contract;
};
/* The next stage, dated, with a note. An illegal step is refused (JY_EINVAL naming both stages);
 * so is a date before the previous stage's. A hire (h may be NULL: the defaults) also records the
 * resident's employment in one transaction: a placement, a status change with the matching status
 * (单位就业 → 已就业, 公益性岗位安置 → 公益性岗位, 灵活就业 → 灵活就业, 个体经营 … → 自主创业), one
 * more post filled, and the posting filled when none are left. Refused: no openings left; she
 * already holds an active placement (one at a time). JY_ECONFLICT on a stale r->version. On
 * success r->version and r->stage follow (referral_load for the rest). */
int referral_advance(struct jy_db *db, struct referral *r, const char *stage, const char *date,
                     const char *note, const struct hire *h, struct jy_err *err);
struct referral_step {
	const char *stage, *date, *note, *worker;
};
int referral_step_each(struct jy_db *db, int64_t id, void (*cb)(void *, const struct referral_step *),
                       void *arg);
struct referral_row {
	int64_t id, resident_id, posting_id;
	char name[64], reg_no[24], posting_code[24], title[92], employer[152];
	char stage[12], referred_on[11], stage_on[11];
};
/* Referrals searched as workers type (the resident's name by characters or pinyin initials, the
 * posting's title or code, the employer), of one resident or one posting when the id is not 0;
 * newest first, a page at a time. */
int referral_search(struct jy_db *db, const char *query, int64_t resident_id, int64_t posting_id,
                    const char *cursor, int limit, struct job_page *out, struct jy_err *err);

/* ---- placement.c: hires and public-welfare posts with their subsidy periods ---------------------- */
struct placement {
	int64_t id, version, resident_id, referral_id, posting_id, employer_id;
	char *form, *start_date, *subsidy_end, *end_date, *end_reason;
	int public_welfare, contract;
	char *employer, *posting_title, *resident_name;     /* read only */
};
void placement_free(struct placement **p);
int placement_load(struct jy_db *db, int64_t id, struct placement **out, struct jy_err *err);
int placement_active(struct jy_db *db, int64_t resident_id, int64_t *id);   /* OK / ENOTFOUND */
/* Save a placement's subsidy end, contract flag, and its end (date and reason, both or neither):
 * an ended placement also records the resident's status after it (after: emp_status code or
 * label, default 失业). JY_ECONFLICT on a stale version. */
int placement_save(struct jy_db *db, struct placement *p, const char *after, struct jy_err *err);
int placement_each(struct jy_db *db, int64_t resident_id,
                   void (*cb)(void *, const struct placement *), void *arg);
/* Public-welfare placements still active whose subsidy ends within days of asof (days < 0: the
 * setting jobs.subsidy_due_days, 60), or has ended already: the office re-assesses them (W6).
 * Soonest first. Caller frees *rows. */
struct placement_due_row {
	int64_t id, resident_id;
	char name[64], reg_no[24], employer[152], title[92], start[11], subsidy_end[11];
	int days_left;          /* negative: the subsidy ended that many days ago */
};
int placement_due(struct jy_db *db, const char *asof, int days, struct placement_due_row **rows,
                  int *n, struct jy_err *err);

/* ---- match.c: postings and residents that fit each other ----------------------------------------- */
/* For a posting: the registered residents looking for work (失业, 下岗, 待业; record open) who meet
 * its requirements as of asof (sex, age range on that day, education at least the lowest asked),
 * best first. On a public-welfare post the priority groups of domain rule R5 come first (4050 as
 * of asof, 大龄就业困难, 低保, 残疾, 就业困难, 零就业家庭), then the others, each longest registered
 * first. On other postings, those whose job intention, skills or former job share the posting's
 * most specific word (a two-character piece of its title or skills that fewest seekers have)
 * come first, then those sharing the next, then everyone else, each longest registered first.
 * why says so in words; fit is how many of the posting's words she shares. Rows offset ..
 * offset + limit - 1 of that order; *more when further rows exist. Caller frees *rows. */
struct match_row {
	int64_t id;
	char name[64], sex[4], birth[11], reg_date[11], status[4], phone[21];
	int age, fit, priority;
	char why[320];
};
int match_residents(struct jy_db *db, int64_t posting_id, const char *asof, int offset, int limit,
                    struct match_row **rows, int *n, int *more, struct jy_err *err);
/* For a resident: the open postings whose requirements she meets, those sharing words with her
 * intention first, public-welfare posts first for the R5 groups, then the newest. */
struct match_posting {
	int64_t id;
	char code[24], title[92], employer[152], closes[11];
	int fit, left, public_welfare;
	char why[320];
};
int match_postings(struct jy_db *db, int64_t resident_id, const char *asof,
                   struct match_posting **rows, int *n, struct jy_err *err);

/* ---- jobs_io.c: employers, job information and referrals from and to CSV files ------------------- */
/* The rules of import_residents: FILE:ROW: 列名: lines, nothing stored while a row is bad (unless
 * IMPORT_SKIP_ERRORS), empty cells never overwrite, a dry run changes nothing, UTF-8/BOM/GBK.
 * An employer is matched by its code, else credit code, else exact name; a posting by its code; a
 * referral by the resident's ID number and the posting's code, and its stage moves forward by the
 * referral rules (a 录用 row records the hire). Exports write the importer's columns in format,
 * to path or stdout ("-" or NULL, CSV only), as export_residents. */
int import_employers(struct jy_db *db, const char *path, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
int import_jobs(struct jy_db *db, const char *path, int flags,
                void (*report)(void *arg, const char *line), void *arg,
                struct import_result *res, struct jy_err *err);
int import_referrals(struct jy_db *db, const char *path, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
int export_employers(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_jobs(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_referrals(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                     struct jy_err *err);

/* ---- sheet.c: tables to CSV (UTF-8 with BOM, or GBK) and XLSX, for exports and reports --------- */
/* One writer for every file that leaves the office, so that every list and every report opens in
 * Excel, WPS and LibreOffice the same way. CSV: a header line, CRLF, formula guard (= + - @),
 * several tables one after another separated by an empty line with the table's title line. XLSX
 * (libxlsxwriter): a worksheet a table, Chinese header in bold, header row frozen, number cells for
 * SC_INT / SC_NUM / SC_PCT (shown 0.0%), date cells for SC_DATE, text cells for the rest (IDs and
 * phones stay text, never 3.20102E+17). Written beside path and renamed into place on close, so a
 * failed export never leaves half a file under the name asked for. */
enum sheet_format { SHEET_CSV = 1, SHEET_CSV_GBK, SHEET_XLSX };
enum sheet_cell { SC_TEXT = 0, SC_INT, SC_NUM, SC_PCT, SC_DATE };
struct sheet_col {
	const char *label;      /* Chinese header */
	int type;               /* SC_* */
	int width;              /* columns in the spreadsheet (0: from the label) */
};
struct sheet;
/* The format a worker or a file name asks for: "csv", "gbk" / "csv-gbk", "xlsx"; else -1. When
 * name is NULL, from the extension of path (.xlsx -> XLSX, anything else CSV). */
int sheet_format_parse(const char *name, const char *path);
/* Open path ("-" or NULL: stdout, CSV only). Caller closes with sheet_close. */
int sheet_open(const char *path, int format, struct sheet **out, struct jy_err *err);
/* Start a table: a new worksheet named name (XLSX, at most 31 characters, made unique) or, in CSV,
 * after the first table an empty line and name as a title line; then the header row. */
int sheet_table(struct sheet *sh, const char *name, const struct sheet_col *cols, int ncols,
                struct jy_err *err);
/* A line of text above the header of the next table (title, period, 内部资料 notice); XLSX: a
 * merged row, CSV: one cell. Call before sheet_table. */
int sheet_note(struct sheet *sh, const char *text, struct jy_err *err);
/* One row: cells[i] is the value as text ("" / NULL empty) of column i; SC_INT/NUM/PCT cells hold a
 * number in C format ("12", "0.331"), SC_DATE "YYYY-MM-DD". */
int sheet_row(struct sheet *sh, const char *const *cells, struct jy_err *err);
long sheet_rows(const struct sheet *sh);       /* data rows written so far, all tables */
/* Finish: commit != 0 renames the file into place; 0 (or after an error) removes it. Frees *sh.
 * Files are created 0600 (the one beside the destination too). */
int sheet_close(struct sheet **sh, int commit, struct jy_err *err);
/* The SHA-256 of the file at path as 64 lowercase hex digits (what sha256sum prints). */
int sheet_sha256(const char *path, char hex[65], struct jy_err *err);

/* ---- report.c: the figures the office reports upward (domain brief §3.2 A-F) ------------------- */
/* A period is a pair of dates, both inclusive. A worker picks a month, the 人社 statistical month
 * (21st of the month before to the 20th), a quarter, a half-year, a year or any from-to. */
enum period_kind { PERIOD_MONTH = 1, PERIOD_STAT_MONTH, PERIOD_QUARTER, PERIOD_HALF, PERIOD_YEAR,
                   PERIOD_RANGE };
struct period {
	int kind;
	char from[11], to[11];
	char label[48];         /* "2026年11月", "2026年11月(人社统计月)", "2026年第3季度", "2026年上半年",
	                         * "2026年", "2026-03-05至2026-04-04" */
};
/* The period of kind that contains date (YYYY-MM-DD). */
int period_of(int kind, const char *date, struct period *out, struct jy_err *err);
/* What a worker types: "2026-11" / "202611" / "2026年11月" month, "2026-11人社" or "2026-11s"
 * statistical month, "2026Q3" / "2026年第3季度", "2026H1" / "2026上半年", "2026" / "2026年". */
int period_parse(const char *text, struct period *out, struct jy_err *err);
/* From-to given as dates (any form date_parse takes); from after to is refused. */
int period_range(const char *from, const char *to, struct period *out, struct jy_err *err);
/* The period before p for comparison: the previous one of the same kind; for PERIOD_RANGE the
 * same number of days just before. */
void period_prev(const struct period *p, struct period *out);

/* Groupings of a report's columns. */
enum report_by { BY_NONE = 0, BY_COMMUNITY, BY_SEX, BY_CATEGORY, BY_AGE };
int report_by_parse(const char *text);          /* "community"/"社区", "sex"/"性别", ...; -1 unknown */

/* One figure: a count (den == 0) or a rate num / den (unit "%"). A figure that cannot be split by
 * the grouping (job fairs by sex ...) has na set in every group but the total. */
struct report_value {
	int64_t num, den;
	int na;
};
struct report_ind {
	const char *code;       /* "A1" ... "F7" as in the domain brief */
	const char *label;      /* 登记失业人员数 ... */
	const char *unit;       /* 人, 人次, 个, 条, 场, % */
	int people;             /* 1 when report_people can list the residents behind it */
};
extern const struct report_ind report_inds[];
extern const int report_ninds;

struct report {
	struct period cur, prev;
	int by;
	int ngroups;            /* group 0 is the total (合计) */
	char **group_key;       /* [ngroups]: "" for the total, else the community code, "1"/"2",
	                         * category code, age band "40-49" */
	char **group_label;     /* [ngroups]: 合计, community name, 男/女, category label, "40-49岁" */
	struct report_value *cur_v, *prev_v;   /* [ngroups * report_ninds], index g * report_ninds + i */
};
/* Every indicator for cur and the period before it, split by `by`. Figures are computed from the
 * records as they stood in the period (dated status events, registration and closing dates,
 * categories since, certificate issue dates ...). Caller frees with report_free. */
int report_compute(struct jy_db *db, const struct period *cur, int by, struct report **out,
                   struct jy_err *err);
void report_free(struct report **r);
/* The residents one figure counts (indicator i, group key as in group_key, "" for all), in
 * registration-number order: cb(arg, resident_id) for each; cb returns nonzero to stop.
 * JY_EINVAL when that indicator does not count residents (report_inds[i].people == 0). */
int report_people(struct jy_db *db, const struct period *p, int by, const char *group_key, int i,
                  int (*cb)(void *arg, int64_t resident_id), void *arg, struct jy_err *err);
/* The residents of every such figure at once (one pass over the registry, where report_people
 * makes one per figure): cb(arg, resident_id, bits) for each resident counted in at least one of
 * them in the group (group_key as above), in registration-number order; bit i of bits
 * (bits[i / 64] >> i % 64 & 1) is set when she counts in indicator i. cb returns nonzero to stop. */
int report_members(struct jy_db *db, const struct period *p, int by, const char *group_key,
                   int (*cb)(void *arg, int64_t resident_id, const uint64_t *bits), void *arg,
                   struct jy_err *err);

/* ---- report_out.c: a report as text, CSV or XLSX, with the people behind its figures ----------- */
/* The same figures everywhere: a count as "12", a rate as "33.1%" (one decimal, half up), a change
 * as "+3" / "-2" / "0", a rate's change in percentage points ("+2.5"); "-" where there is no
 * value (a figure that cannot be split, a rate of nothing). out has room for 32 bytes. */
void report_value_text(const struct report_ind *ind, const struct report_value *v, char out[32]);
void report_change_text(const struct report_ind *ind, const struct report_value *cur,
                        const struct report_value *prev, char out[32]);
/* A figure whose people are themselves hardship or health (A4 低保/特困/残疾, B5): its list is for
 * a worker who may take whole records out (OP_EXPORT_FULL), never in a masked file or screen. */
int report_ind_sensitive(int i);
const char *report_by_label(int by);            /* 社区, 性别, 人员类别, 年龄段; "" for BY_NONE */
/* One resident of a figure's list as a worker reads it (labels, not codes): status and hand-set
 * categories as they stood on asof (the period's last day), 4050 and the like derived on asof. */
struct report_person {
	int64_t id;
	char reg_no[24], name[64], id_no[19], sex[8], community[64], category[200], status[32];
	int age;                /* on asof; -1 unknown */
};
int report_person_get(struct jy_db *db, int64_t id, const char *asof, struct report_person *out,
                      struct jy_err *err);
/* report_people gathered into an array (registration-number order). Caller frees *ids. */
int report_people_ids(struct jy_db *db, const struct period *p, int by, const char *group_key, int i,
                      int64_t **ids, size_t *n, struct jy_err *err);
/* report_write's formats: REPORT_TEXT (aligned columns for a terminal or printer) or a SHEET_*. */
enum { REPORT_TEXT = 0 };
enum { REPORT_WITH_PEOPLE = 1 };        /* after the table, per people-figure of the total, its list */
/* "text", "csv", "gbk" / "csv-gbk", "xlsx"; with name NULL from path (.xlsx, .csv; else text).
 * -1 unknown. */
int report_format_parse(const char *name, const char *path);
/* Write r to path (NULL or "-": stdout, text and CSV only), written beside it and renamed into
 * place. One table of indicators (代码 指标 单位 本期 上期 增减, then each group's 本期), titled with
 * the period and the one compared; XLSX a worksheet per table. With REPORT_WITH_PEOPLE the file
 * is a file of people: it needs OP_REPORT_PEOPLE and OP_EXPORT and a purpose (export_purpose_check),
 * starts with export_notice's line, masks numbers as the exports do, and is recorded in the trail
 * with its rows and SHA-256 (removed again when the trail cannot take it). */
int report_write(struct jy_db *db, const struct report *r, const char *path, int format, int flags,
                 const char *purpose, struct jy_err *err);

#endif
