/* core/record/record.h: what every kind of record shares, between the storage part and the
 * modules: field tables (one X-macro line per field drives the struct, the SQL, the files, the
 * history and the forms), one value checked against its field, the spreadsheet writer every file
 * that leaves the office goes through, the CSV importer framework, and the rules for files of
 * people (a purpose, the 内部资料 line, masking, the record in the trail). */
#ifndef JY_RECORD_H
#define JY_RECORD_H

#include "store/store.h"

/* ---- field tables: one X-macro line per field (RESIDENT_FIELDS, COURSE_FIELDS …) ------------- */
/*   id, SQL column, Chinese label, English CSV alias, kind, code list, max characters, flags */
enum field_kind {
	FK_TEXT, FK_IDNO, FK_PHONE, FK_DATE, FK_CODE, FK_CODES, FK_BOOL, FK_UNIT, FK_DERIVED
};
/* required, sensitive (masked, PI), a column of the files, read-only (derived); whole numbers and
 * times of day are FK_TEXT fields with FF_NUM or FF_TIME; FF_DIGITS: a code often written in
 * digits alone (统一社会信用代码, 证书编号, 营业执照): a text column of the workbooks, which a
 * spreadsheet must never turn into a number (ID numbers and phones are by their kind) */
enum { FF_REQ = 1, FF_SENS = 2, FF_CSV = 4, FF_RO = 8, FF_NUM = 16, FF_TIME = 32, FF_DIGITS = 64 };

struct field_def {
	const char *col;        /* SQL column and English CSV alias source */
	const char *label;      /* Chinese label: form, CSV header, messages */
	const char *alias;      /* English CSV header accepted on import */
	enum field_kind kind;
	const char *list;       /* code list for FK_CODE / FK_CODES */
	int max;                /* characters */
	int flags;
};

/* ---- fields.c: one value checked against its field's description ----------------------------- */
/* Check and canonicalise in as fd describes it: text (cleaned, at most fd->max characters), ID
 * number, date (stored YYYY-MM-DD), code list (code, label, alias or unique label prefix -> code),
 * yes/no (-> "1"/"0"), FF_NUM whole number >= 0 (full-width digits, "1,200" and a unit such as 元
 * or 学时 accepted), FF_TIME time of day ("9:00", "9点" -> "09:00"). JY_OK with *out the stored form
 * (NULL when blank; Caller frees) or JY_EINVAL with err->field = fd->label; JY_EDB when the code
 * list cannot be read. */
int field_check_value(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                      struct jy_err *err);
/* A stored value as a worker reads it: code labels, 是/否, into *out. Caller frees. JY_EDB when
 * the code list cannot be read (*out NULL). */
int field_show(struct jy_db *db, const struct field_def *fd, const char *v, char **out,
               struct jy_err *err);
/* History JSON {"col":[old,new],…} of the fields whose values differ (old NULL: a new record; a
 * field whose col is NULL is skipped). NULL when nothing differs. Caller frees. */
char *field_changes(const struct field_def *defs, int n, char *const *old, char *const *now);
/* Each change of such a JSON object (or of a history entry's changes) in order: cb gets the key and
 * the old and new values (NULL for null), borrowed during the call. The iterator shape of
 * store/store.h without db and err: it reads a string the caller holds and cannot fail, and a
 * value of another form ends the walk as the end of the object does. */
struct field_change {
	const char *key;        /* the column, "" when the key is not a string */
	const char *old, *now;  /* NULL for null */
};
int field_changes_each(const char *json, int (*cb)(void *arg, const struct field_change *c),
                       void *arg);

/* ---- what an import did ----------------------------------------------------------------------- */
struct import_result {
	int added, updated, unchanged, rejected;
	int queued;             /* rows whose change (or part of it) waits for a reviewer's
	                         * approval: counted here, not as updated or unchanged */
	int rows;
	int units;              /* import_residents: the communities the file names that the
	                         * database lacks; its report's last units + 1 lines name them */
	char encoding[16];
	/* A file with bad rows: the copy of it written beside it with each bad row's message in a
	 * first column 错误 (importer_run), "" when none was written. */
	char copy[1024];
};
/* IMPORT_CREATE_UNITS: residents into a database without units yet, by an administrator: the
 * communities the file names are added with it (import_residents). */
enum { IMPORT_DRY_RUN = 1, IMPORT_SKIP_ERRORS = 2, IMPORT_CREATE_UNITS = 4 };

/* ---- files of people (people.c) --------------------------------------------------------------- */
/* Files of people: export_residents, export_referrals and
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


/* ---- sheet.c: tables to CSV (UTF-8 with BOM, or GBK) and XLSX, for exports and reports --------- */
/* The line on every printed page of a file of people: the footer of the text printouts
 * (print.c) and of every worksheet of a workbook of people. */
#define PRINT_INTERNAL_LINE "内部资料 仅供经办使用"
/* One writer for every file that leaves the office, so that every list and every report opens in
 * Excel, WPS and LibreOffice the same way. CSV: a header line, CRLF, formula guard (= + - @),
 * several tables one after another separated by an empty line with the table's title line. XLSX
 * (libxlsxwriter): a worksheet a table, Chinese header in bold, header row frozen, number cells for
 * SC_INT / SC_NUM / SC_PCT (shown 0.0%), date cells for SC_DATE, text cells for the rest, and for
 * SC_CODE (ID numbers, phones, codes in digits) text cells in the text format "@", the column
 * too, so they stay text (never 3.20102E+17) even when typed again. Every worksheet prints on A4,
 * landscape when wide, one page wide, its header row on every page, "page / pages" in the footer
 * and, in a file of people (a note starting with EXPORT_NOTICE_MARK), PRINT_INTERNAL_LINE.
 * Written beside path and renamed into place on close, so a failed export never leaves half a
 * file under the name asked for. */
enum sheet_format { SHEET_CSV = 1, SHEET_CSV_GBK, SHEET_XLSX };
enum sheet_cell { SC_TEXT = 0, SC_INT, SC_NUM, SC_PCT, SC_DATE, SC_CODE };
struct sheet_col {
	const char *label;      /* Chinese header */
	int type;               /* SC_* */
	int width;              /* columns in the spreadsheet (0: from the label) */
};
struct sheet;
/* The format a worker or a file name asks for: "csv", "gbk" / "csv-gbk", "xlsx"; else -1. When
 * name is NULL, sheet_format_of_path(path, 0). */
int sheet_format_parse(const char *name, const char *path);
/* The format a file name asks for: .xlsx a workbook, .gbk.csv CSV in GBK, .csv CSV in UTF-8. Any
 * other name is CSV, and for a file of people (people != 0) a workbook: a CSV opened in Excel,
 * WPS or LibreOffice by a double-click turns its ID numbers into numbers (3.30122198202031E+17,
 * the last digits lost), so people go out as CSV only when a name or a format asks for it.
 * Standard output ("-" or NULL) is CSV, and -1 for people (a workbook needs a file). */
int sheet_format_of_path(const char *path, int people);
/* A CSV of people holds ID numbers that a spreadsheet opening it turns into numbers: the warning
 * a worker gets when she writes one (with what to do instead). */
const char *sheet_csv_people_warning(void);
/* Open path ("-" or NULL: stdout, CSV only). Caller closes with sheet_close. */
int sheet_open(const char *path, int format, struct sheet **out, struct jy_err *err);
/* Start a table: a new worksheet named name (XLSX, at most 31 characters, made unique) or, in CSV,
 * after the first table an empty line and name as a title line; then the header row. */
int sheet_table(struct sheet *sh, const char *name, const struct sheet_col *cols, int ncols,
                struct jy_err *err);
/* A line of text above the header of the next table (title, period, 内部资料 notice); XLSX: a
 * merged row, CSV: one cell. Call before sheet_table. A line starting with EXPORT_NOTICE_MARK
 * makes the file one of people: its worksheets from then on have PRINT_INTERNAL_LINE in their
 * footer. */
int sheet_note(struct sheet *sh, const char *text, struct jy_err *err);
/* One row: cells[i] is the value as text ("" / NULL empty) of column i; SC_INT/NUM/PCT cells hold a
 * number in C format ("12", "0.331"), SC_DATE "YYYY-MM-DD". */
int sheet_row(struct sheet *sh, const char *const *cells, struct jy_err *err);
long sheet_rows(const struct sheet *sh);       /* data rows written so far, all tables */
/* XLSX: a native chart on the current worksheet (line != 0: lines, else columns), one series per
 * column vals[0..nvals) over the data rows written so far, named by its header, the categories
 * from column cat; the charts of a worksheet stand one below the other right of column cat + 1.
 * CSV: nothing. */
int sheet_chart(struct sheet *sh, const char *title, int line, int cat, const int *vals, int nvals,
                struct jy_err *err);
/* XLSX: column col of the current table offers items[0..n) in a drop-down list on every data
 * row, and says message (at most 255 characters) when a cell of it is selected; n == 0: the
 * message alone. several != 0: a cell may hold several of them (、-separated), so the list offers
 * without questioning; else a value not in it is questioned with a warning the worker may pass
 * (an import takes other names of a code too). The lists are kept on a worksheet 代码表, written
 * on close after the tables, a column a list headed by the label of the column it serves. CSV:
 * nothing. */
int sheet_choices(struct sheet *sh, int col, const char *const *items, int n, int several,
                  const char *message, struct jy_err *err);
/* Finish: commit != 0 renames the file into place; 0 (or after an error) removes it. Frees *sh.
 * Files are created 0600 (the one beside the destination too). */
int sheet_close(struct sheet **sh, int commit, struct jy_err *err);
/* The SHA-256 of the file at path as 64 lowercase hex digits (what sha256sum prints). */
int sheet_sha256(const char *path, char hex[65], struct jy_err *err);

/* ---- for the modules' files (not tui/) ------------------------------------------------------ */
/* One row of a field table from one line of an X-macro list of a part's header (RESIDENT_FIELDS,
 * COURSE_FIELDS, …): `const struct field_def t[N] = { COURSE_FIELDS(FIELD_DEF_ROW) };`. */
#define FIELD_DEF_ROW(id, col, label, alias, kind, list, max, flags) \
	{ #col, label, alias, kind, list, max, flags },

/* fields.c: a record's values v[] over a field table defs[0..n). The index of the field whose
 * label, or alias in any case, is header (or whose SQL column is col); -1 when none or NULL. */
int field_find_header(const struct field_def *defs, int n, const char *header);
int field_find_col(const struct field_def *defs, int n, const char *col);
/* Free v[0..n) (not v itself); copy src[0..n) into dst as owned strings. */
void field_values_free(char **v, int n);
void field_values_dup(char **dst, char *const *src, int n);
/* The rule all records share: an empty value is stored as NULL, and read back as "". */
void field_value_set(char **slot, const char *value);
const char *field_value_get(const char *v);

/* sheet.c, for the exporters: the sheet cell type of a field (dates as date cells, FF_NUM as
 * numbers, ID numbers, phones and FF_DIGITS as SC_CODE, the rest text); the columns of the fields
 * of defs[0..n) having all of flags (labels borrowed), their count returned; an export of one
 * table to path in format (SHEET_*): write(ctx, sh, err) writes the rows, the file is renamed into
 * place when it succeeds, *rows (may be NULL) gets the count. A GBK export with a character GBK lacks returns JY_OK with err->warn set. */
int sheet_type_of_field(const struct field_def *fd);
int sheet_cols_of_fields(const struct field_def *defs, int n, int flags, struct sheet_col *cols);
int sheet_export(const char *path, int format, const char *name, const struct sheet_col *cols,
                 int ncols, int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                 int *rows, struct jy_err *err);
/* sheet_export with a note line above the header (NULL: none), for the files of people. */
int sheet_export_noted(const char *path, int format, const char *note, const char *name,
                       const struct sheet_col *cols, int ncols,
                       int (*write)(void *ctx, struct sheet *sh, struct jy_err *err), void *ctx,
                       int *rows, struct jy_err *err);
/* template.c: an empty import template at path (a workbook: JY_EINVAL for a name ending .csv):
 * the worksheet name, and the header row of the fields defs[0..n) (the ones the import reads, in
 * its order) with nothing above it; text columns for ID numbers, phones and FF_DIGITS, date
 * columns, widths that fit the labels and what they hold, each column's input message saying what
 * it takes, and the code lists (FK_CODE, FK_CODES, FK_BOOL, FK_UNIT: the open communities) as
 * drop-down lists (sheet_choices). JY_EDB when a code list cannot be read. */
int sheet_template(struct jy_db *db, const char *path, const char *name,
                   const struct field_def *const *defs, int n, struct jy_err *err);
/* The same with fixed drop-down lists: lists[f] (NULL-terminated; lists or lists[f] NULL: the
 * field's own) for a column whose values no code list holds (级别 of a unit, 指标 of a target).
 * An FF_RO column is one the import checks against another (性别 against the ID number): its
 * message says it may be left empty. */
int sheet_template_lists(struct jy_db *db, const char *path, const char *name,
                         const struct field_def *const *defs, int n,
                         const char *const *const *lists, struct jy_err *err);
/* export.c, for the exporters of people (export.c, jobs_io.c, training_io.c): OP_EXPORT and the
 * purpose checked, *full (OP_EXPORT_FULL: ID numbers and phones whole) and *notice, the file's
 * first line (Caller frees). export_mask: an FK_IDNO or FK_PHONE value as lists show it. */
int export_people_begin(struct jy_db *db, const char *purpose, int *full, char **notice,
                        struct jy_err *err);
void export_mask(int field_kind, const char *v, char *out, size_t size);
/* The first words of export_notice's line: an import skips a first line starting with them
 * (importer.c), and refuses the file when the line says it was masked. */
#define EXPORT_NOTICE_MARK "内部资料"
#define EXPORT_NOTICE_MASKED "[已脱敏]"
/* importer.c: the part of a CSV import the importers (import.c, jobs_io.c, training_io.c) share.
 * Each embeds a struct importer, its path, report and arg set, and frees it with importer_free. */
struct importer {
	const char *path;
	const char *sheet;      /* the sheet of a workbook (NULL: its first) */
	struct jy_db *db;       /* its progress handler is called as the rows are read; the office's
	                         * names of columns (the code list "column") */
	void (*report)(void *arg, const char *line);
	void *arg;
	int *col;               /* the field of each column of the file, -1 for none */
	int ncol;
	const struct field_def *defs;   /* the fields col[] points to (importer_header) */
	unsigned char *ignored; /* columns read as nothing on purpose (序号, 错误, a kind's extra) */
	int header_row;         /* the row that named the columns */
	struct row_source *src; /* the file being read: cells are named by it */
	int problems;           /* reported for the current row */
	struct jy_buf line;
	struct importer_seen {  /* the keys of the rows so far: "also in row N" */
		char *key;
		int row;
	} *seen;
	int nseen, capseen;
	struct jy_buf row_msgs; /* the current row's problems, "列名: message；…" */
	struct importer_bad {   /* the rejected rows and their problems, in the file's order */
		int row;
		char *msg;
	} *bad;
	int nbad, capbad;
	int widest;             /* the most cells of a row, header and title rows included */
};
/* The steps of one kind of file; ctx is the importer's own state. */
struct importer_ops {
	void (*accepted)(void *ctx, struct jy_buf *b);          /* the columns row 1 may name */
	int (*header)(void *ctx, char **cell, int n, struct jy_err *err);
	int (*begin)(void *ctx, struct jy_err *err);            /* the file's one transaction */
	/* one data row: JY_OK when stored or reported and counted in res->rejected; any other code
	 * (with err set) stops the import */
	int (*row)(void *ctx, char **cell, int n, int row, struct import_result *res, struct jy_err *err);
	int (*commit)(void *ctx, struct jy_err *err);
	void (*rollback)(void *ctx);
};
/* The one place an import file is opened: a CSV file or a workbook's sheet (im->sheet), as
 * rows_open reads them. Caller closes with rows_close. */
int importer_open(struct importer *im, struct row_source **src, struct jy_err *err);
/* Open im->path, read its header and rows through ops, commit or roll back by flags
 * (IMPORT_SKIP_ERRORS, IMPORT_DRY_RUN), and say "N bad rows, nothing was imported". A file
 * with rejected rows gets its error copy beside it (res->copy): FILE.错误.xlsx for a workbook,
 * FILE.错误.csv for a CSV file (mode 0600), a first column 错误 with each rejected row's
 * problems added to the rows as the file has them (its title rows, its header); after a real
 * run with IMPORT_SKIP_ERRORS only the rejected rows, the others being stored. The
 * progress handler of im->db (db_progress_set) is called as the rows are read; when it cancels,
 * the transaction is rolled back and JY_ECANCEL returned, the counts of stored rows 0. The header
 * is the first row that names known columns, within IMPORTER_TITLE_ROWS rows; blank rows are
 * skipped, and so is a last row of totals (合计, 总计, 小计 in its first cell). */
int importer_run(struct importer *im, int flags, const struct importer_ops *ops, void *ctx,
                 struct import_result *res, struct jy_err *err);
void importer_free(struct importer *im);
/* One line "FILE:ROW: field: msg" (field may be NULL) to the report; counts a problem. In a
 * workbook the row is the cell of the field's column, as Excel names it: "FILE:Sheet1!B7: …". */
void importer_report(struct importer *im, int row, const char *field, const char *msg);
/* The same for the cell of column col (from 0; -1: the row), for a column that is no field. */
void importer_report_cell(struct importer *im, int row, int col, const char *field,
                          const char *msg);
/* "姓名, 身份证号, … (English: name, id_number, …)": the fields having all of flags. */
void importer_accepted(const struct field_def *defs, int n, int flags, struct jy_buf *b);
/* How a header row is read: find(ctx, cleaned cell) gives a field of defs or -1 (unknown);
 * has[f] gets column index + 1; data says which unknown cells mean row 1 holds data; extra
 * (NULL-terminated, may be NULL) names columns the kind reads itself (importer_column_is). */
enum { IMPORTER_DATA_IDNO = 1, IMPORTER_DATA_DATE = 2 };
struct importer_columns {
	const struct field_def *defs;
	int (*find)(const void *ctx, const char *header);
	const void *ctx;
	int *has;
	int data;
	const char *const *extra;
};
/* The rows above the header an import looks through for it (a ledger's title, its date line). */
#define IMPORTER_TITLE_ROWS 10
/* Read the header row into im->col and c->has. A header cell is the column's name, its English
 * alias, or another name the code list "column" (列名) gives it (名字, 公民身份号码, 手机 …);
 * 序号 and 错误 are ignored. A column named twice, unknown columns and a row of data are errors
 * (acc: what is accepted); a row that names no known column at all is JY_ENOTFOUND with that
 * error set: importer_run then takes it for a title row and looks at the next. The caller
 * checks for missing columns. */
int importer_header(struct importer *im, char **cell, int n, const struct importer_columns *c,
                    const char *acc, struct jy_err *err);
/* Does the header cell raw name the column label (by its name or the office's other names)? */
int importer_column_is(struct importer *im, const char *raw, const char *label);
/* The name of the cell of the column col (from 0) in row: "B7", in a workbook "台账!B7". */
void importer_cell_name(const struct importer *im, int row, int col, char *out, size_t size);
/* The error of a required column the header lacks. Returns JY_EINVAL. */
int importer_missing(struct importer *im, const char *label, const char *acc, struct jy_err *err);
/* Cells in columns without a header: data that would otherwise be dropped without a word. label:
 * a column name to suggest. */
void importer_stray_cells(struct importer *im, int row, char **cell, int n, const char *label);
/* A row saved: counted as added (a new record), updated (the save wrote a new version: something
 * differed) or unchanged (a save with nothing new writes no version). */
void importer_count(struct import_result *res, int existed, int64_t version_before,
                    int64_t version_after);
/* The row that had key already, or 0 after noting it (copied) for row. */
int importer_seen(struct importer *im, const char *key, int row);
/* importer_ops' begin, commit and rollback for a ctx whose first member is its struct importer
 * (with its db): the file's one transaction. */
int importer_tx_begin(void *ctx, struct jy_err *err);
int importer_tx_commit(void *ctx, struct jy_err *err);
void importer_tx_rollback(void *ctx);
/* A row whose key (NULL: none) an earlier row had: "also in row N" on column label. */
void importer_once(struct importer *im, int row, const char *key, const char *label);
/* What storing row gave (rc, its detail e): a rule's refusal is the row's problem, named on its
 * field, and JY_OK, the file goes on; a failure of the database is returned with e in *err. */
int importer_stored(struct importer *im, int row, int rc, const struct jy_err *e,
                    struct jy_err *err);

#endif
