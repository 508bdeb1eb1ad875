/* tui/tui.h: everything tui/ offers. Read this first.
 *
 * tui/ is the only user of curses. It draws what core/ holds and turns keys into core operations;
 * it never touches SQL. The pieces:
 *   term.c     terminal set-up: UTF-8 check, raw keys, Esc delay, key aliases, styles, size
 *   keys.h     the one key table: F-key bar, F1 help, man page (tui_keys_man)
 *   draw.c     text that never splits a wide character, the title, status line and F-key bar
 *   tui.c      the screen stack and the one main loop (the only doupdate)
 *   dialog.c   confirm and message boxes, the help screen
 *   field.c    one field: a struct lineedit drawn, typed kinds, the code-list pick popup
 *   form.c     a column of fields: navigation, scrolling, checks on leave
 *   list.c     a list that fetches one page at a time from core, window of pages kept
 *   qsearch.c  a list's search line: typing searches at once, Esc clears, resume reselects
 *   page.c     a page of lines to read (a record, a history): sections, scrolling
 *   screen_*.c the screens: menu, resident list, resident form, resident detail, small fact forms
 *
 * Screens are {enter, draw, key, leave}: key returns flags to the main loop; only the main loop
 * calls doupdate(); no screen sleeps or polls. Interface strings are English msgids in _(), shown in
 * Chinese through the zh_CN catalogue; field labels are Chinese everywhere (the workers' words, from
 * core's field tables). */
#ifndef JY_TUI_H
#define JY_TUI_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core.h"

struct jy_db;

/* ---- for main.c -------------------------------------------------------------------------------- */
/* The full-screen program on an open database. Returns the process exit status (1 when the terminal
 * cannot be used: not UTF-8, unknown TERM). */
int tui_run(struct jy_db *db, const char *dbpath);
/* Monochrome styles (also when $NO_COLOR is set), for a --mono option. */
void tui_set_mono(int on);
/* The key table as man(7) rows, for the KEYS section of man/jiuye.1 (--keys-man). */
void tui_keys_man(FILE *out);

/* The command line's options (main.c parses them; options may stand anywhere on the line). */
struct cli_opts {
	const char *db;          /* --db FILE */
	int demo, dry_run, skip_errors, include_closed, mono;
	int keep;                /* --keep N: backups kept (backup); 0 when not given */
	int restricted;          /* --restricted: an office server's SSH ForceCommand (server.c) */
	const char *out;         /* -o FILE */
	const char *format;      /* --format text|csv|xlsx */
	const char *encoding;    /* --encoding utf-8|gbk (CSV) */
	const char *from, *to;   /* --from / --to YYYY-MM-DD (report) */
	const char *period;      /* --period 2026-11, 2026Q3, 2026H1, 2026, 2026-11人社 ... (report) */
	const char *by;          /* --by community|sex|category|age (report) */
	const char *role, *scope, *name;   /* --role, --scope, --name (worker) */
	const char *purpose;     /* --purpose TEXT: what a file of people is for (export) */
	const char *head;        /* --head ROW:HASH: the trail's head a check printed earlier */
	const char *unit;        /* --unit NAME: a community, street or county (target, due) */
	const char *dest;        /* --dest terminal|lp|pdf|zmodem|file: where it goes (print, report) */
	const char *reason, *date, *note;  /* --reason, --date, --note (close resident) */
	const char *level, *parent, *code;      /* --level, --parent, --code (unit add, move) */
	int top;                 /* --top: unit move to the top of the tree */
	int summary;             /* --summary: the half-year or year summary against the year before */
	const char *compare;     /* --compare prev|year|both: 环比, 同比 or the two (report) */
	int ytd;                 /* --ytd: the year to date (累计) beside the period (report) */
	const char *buildings, *entrances, *households, *population;   /* unit profile */
	int create_units;        /* --create-units: an import adds the communities it names */
	const char *sheet;       /* --sheet NAME: the sheet of a workbook to import */
	const char *outlet;      /* --outlet CODE: the outlet of a fee sheet without 网点编号 */
	/* jiuye case add|step: the intake's fields and a step's (cli_case.c; --date and --note too) */
	const char *channel, *type, *idno, *phone, *community, *complaint, *respondent, *employer;
	const char *handler, *urgency, *time, *action, *outcome, *who, *days;
	/* jiuye pair and helper (cli_pair.c; --type, --id-number, --date, --note, --reason too) */
	const char *helper, *household, *goal, *kind, *amount, *org;
	/* jiuye org member (cli_org.c; --name, --phone, --date too) */
	const char *post, *term_ends;
	/* jiuye household (cli_household.c; --community, --date too) */
	const char *building, *entrance, *room, *address, *relation;
	/* jiuye assistance (cli_assist.c; --kind, --date, --amount, --id-number, --note too) */
	const char *occasion, *form, *goods, *funder, *worker, *pair, *rcase, *placement, *course;
	char *args[24];          /* the words that are not options */
	int nargs;
};
enum { EXIT_USER = 1, EXIT_USAGE = 2 };
/* "jiuye: <message>" and "Try 'jiuye --help'." on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "jiuye: 列名: <message>" (or without the field) of core's error on stderr; returns EXIT_USER. */
int cli_fail(const struct jy_err *err);
/* The error copy an import with bad rows wrote (res->copy), named on stderr; nothing without one. */
void cli_import_copy(const struct import_result *res);
/* Open the database the options name (flags: DB_OPEN_*) as the OS user; on failure says why on
 * stderr and returns EXIT_USER. */
int cli_open_db(const struct cli_opts *o, int flags, struct jy_db **db);
/* cli_report.c: jiuye report ...; cli_print.c: jiuye print ... Return the exit status. */
int cli_report(const struct cli_opts *o);
int cli_print(const struct cli_opts *o);
/* A private temporary folder holding a file of the given name (the name a ZMODEM transfer gives
 * her PC); cli_tmp_remove takes both away. */
struct cli_tmp {
	char *dir, *path;
};
int cli_tmp_file(struct cli_tmp *t, const char *name, struct jy_err *err);
void cli_tmp_remove(struct cli_tmp *t);
/* The written file at path on to dest through core's print_deliver, the terminal being stdin and
 * stdout (pass-through printing, ZMODEM); pdf: the PDF's path for PRINT_PDF. */
int cli_deliver(struct jy_db *db, int dest, const char *path, const char *pdf, struct jy_err *err);
/* cli_target.c: jiuye target set|list|import ...; cli_due.c: jiuye due [--unit NAME]. */
int cli_target(const struct cli_opts *o);
int cli_due(const struct cli_opts *o);

/* ---- server.c: on an office server (setgid jiuye, --restricted) ------------------------ */
void server_start(void);                /* first thing in main: gives up the setgid group */
void server_init(int restricted);       /* after the options: the configured files, --restricted */
int server_shared(void);                /* running setgid: the database is the configured one */
int server_restricted(void);
const char *server_db_path(void);       /* the configured database (NULL unless shared/restricted) */
const char *server_export_dir(void);
/* db_open with the group's rights for the opening alone; after it, a setgid jiuye has given the
 * group up for good (real, effective and saved ids): a process opens one database, once. */
int server_open_db(const char *path, int flags, struct jy_db **db, struct jy_err *err);
/* Every dialog that writes a file the worker names (export, print, report) calls this first: 1 when
 * path may be written; else 0 and why (under --restricted, only inside the export folder). */
int tui_path_allowed(const char *path, char *why, size_t n);
/* The database the command line opens: on a server the configured one (root: --db too), else
 * --db, $JIUYE_DB, the worker's own. Caller frees. */
char *server_db_choice(const char *opt_db);
/* Subcommands and --db on a server: 0, or the exit status after saying why (main.c). */
int server_cli_allowed(const struct cli_opts *o);

int cli_worker(const struct cli_opts *o);       /* cli_worker.c: jiuye worker list|add|close */
int cli_unit(const struct cli_opts *o);         /* cli_unit.c: jiuye unit list|add|... */
int cli_setting(const struct cli_opts *o);      /* cli_setting.c: jiuye setting list|get|set */
int cli_code(const struct cli_opts *o);         /* cli_code.c: jiuye code list|add|alias|retire */
int cli_close(const struct cli_opts *o);        /* cli_close.c: jiuye close|reopen resident ID */
/* cli_enterprise.c: jiuye project ... and jiuye loan ... (args[0] says which) */
int cli_enterprise(const struct cli_opts *o);
int cli_case(const struct cli_opts *o);         /* cli_case.c: jiuye case add|show|step|link|list|due */
/* cli_pair.c: jiuye pair add|show|contact|gift|end|list|due and jiuye helper add|list */
int cli_pair(const struct cli_opts *o);
/* cli_org.c: jiuye org add|list|show|member|end|due, the organisation register */
int cli_org(const struct cli_opts *o);
/* cli_household.c: jiuye household add|list|show|link|unlink */
int cli_household(const struct cli_opts *o);
/* cli_assist.c: jiuye assistance add|show|list */
int cli_assist(const struct cli_opts *o);
int cli_notice(const struct cli_opts *o);       /* cli_notice.c: jiuye notice ... and jiuye subsidy ... */

/* charset.c: in a locale whose character set is not UTF-8 (GBK, GB18030), stdout and stderr
 * convert what is written to them; cli_stdout_raw() before a file's own bytes go to stdout. */
void cli_charset_init(void);
void cli_stdout_raw(void);
/* A word of the command line in UTF-8: as it is when it is UTF-8 already or the locale's set is;
 * else converted from the locale's set (a GBK terminal's 登记表). It lives as long as the
 * process, as argv does. */
const char *cli_word_utf8(const char *word);

/* ---- keys (keys.h has the table) ----------------------------------------------------------------- */
/* A key is one int: a Unicode code point, or a curses KEY_* code offset past Unicode. */
#define K_FN(k) (0x200000 | (k))
#define K_CTRL(c) ((c) & 0x1f)
#define K_ESC 27
#define K_IS_CHAR(k) ((k) >= 0x20 && (k) < 0x110000 && (k) != 0x7f)

enum action {
	ACT_NONE = 0,
	ACT_HELP, ACT_SAVE, ACT_SEARCH, ACT_NEW, ACT_EDIT, ACT_CERT, ACT_STATUS, ACT_VISIT,
	ACT_QUIT, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LEFT, ACT_RIGHT, ACT_BKSP, ACT_DEL, ACT_KILL_END, ACT_KILL_START, ACT_TOGGLE,
	ACT_MODULE, ACT_YES, ACT_NO, ACT_REDRAW, ACT_INTERRUPT,
	/* training */
	ACT_ROLLCALL, ACT_PRINT, ACT_OUTCOME, ACT_HISTORY, ACT_PRESENT, ACT_ABSENT, ACT_LATE, ACT_LEAVE,
	/* jobs */
	ACT_MATCH, ACT_FILTER,
	/* reports and files */
	ACT_EXPORT, ACT_EARLIER, ACT_LATER, ACT_PERIOD, ACT_GROUP, ACT_TARGET, ACT_TREND, ACT_IMPORT,
	ACT_COMPARE, ACT_CERT_STATUS,
	/* access */
	ACT_REVEAL,
	/* the registry: closing a record, a form's jump to a field by its name */
	ACT_CLOSE, ACT_JUMP,
	/* rights cases: one for her, from her page; a mentoring pair's money or goods, its end */
	ACT_CASE, ACT_GIFT, ACT_FINISH,
	ACT__COUNT
};

struct key_row {
	int act, key, also, bar;
	const char *label;      /* gettext msgid, short: the F-key bar */
	const char *help;       /* gettext msgid: F1 help and the man page */
};
extern const struct key_row key_rows[];
extern const int key_nrows;
int key_action(int key);                        /* ACT_NONE when the table has no row for key */
/* The action of key on a screen taking acts (0-terminated): a key the table gives to two actions
 * (F7: a resident's status, elsewhere writing the list or report to a file) means the one this
 * screen takes; else key_action(key). */
int key_action_for(int key, const int *acts);
const char *keys_label(int key);                /* "F1", "Ctrl-S", "Esc", "?" … (static buffer) */
void key_row_text(const struct key_row *r, char *out, size_t size);   /* "F1, ?" */

/* ---- styles -------------------------------------------------------------------------------------- */
/*  style            fg              bg              colour attr         mono attr */
#define STYLES(X) \
	X(ST_NORMAL,     -1,             -1,             0,                  0) \
	X(ST_TITLE,      COLOR_WHITE,    COLOR_BLUE,     A_BOLD,             A_REVERSE) \
	X(ST_BAR_KEY,    -1,             -1,             A_BOLD,             A_BOLD) \
	X(ST_BAR_LABEL,  COLOR_BLACK,    COLOR_CYAN,     0,                  A_REVERSE) \
	X(ST_SELECTED,   -1,             -1,             A_REVERSE,          A_REVERSE) \
	X(ST_HEADER,     -1,             -1,             A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE) \
	X(ST_LABEL,      -1,             -1,             0,                  0) \
	X(ST_LABEL_REQ,  -1,             -1,             A_BOLD,             A_BOLD) \
	X(ST_FIELD,      -1,             -1,             A_UNDERLINE,        A_UNDERLINE) \
	X(ST_FIELD_FOCUS, COLOR_BLACK,   COLOR_YELLOW,   0,                  A_REVERSE) \
	X(ST_DERIVED,    COLOR_CYAN,     -1,             0,                  0) \
	X(ST_HINT,       COLOR_CYAN,     -1,             0,                  0) \
	X(ST_ERROR,      COLOR_RED,      -1,             A_BOLD,             A_BOLD) \
	X(ST_WARN,       COLOR_YELLOW,   -1,             A_BOLD,             A_BOLD) \
	X(ST_OK,         COLOR_GREEN,    -1,             0,                  0) \
	X(ST_MARK,       -1,             -1,             A_BOLD,             A_BOLD) \
	X(ST_DIALOG,     COLOR_BLACK,    COLOR_WHITE,    0,                  0) \
	X(ST_DIALOG_TITLE, COLOR_WHITE,  COLOR_BLUE,     A_BOLD,             A_REVERSE) \
	X(ST_SECTION,    -1,             -1,             A_BOLD,             A_BOLD | A_UNDERLINE)

#define X(id, fg, bg, cattr, mattr) id,
enum style { STYLES(X) ST__COUNT };
#undef X

/* ---- the program state and the screen stack -------------------------------------------------------- */
enum { SK_HANDLED = 1, SK_REDRAW = 2, SK_POP = 4, SK_QUIT = 8 };

struct ui;
struct screen;

struct ui_event {
	int key;                /* code point or K_FN(curses key) */
	int act;                /* from the key table, ACT_NONE when none */
};

struct screen_ops {
	const char *name;
	const int *acts;        /* the actions this screen takes (0-terminated): bar and F1 help */
	void (*enter)(struct ui *, struct screen *);          /* pushed: load what it shows */
	void (*draw)(struct ui *, struct screen *);
	int (*key)(struct ui *, struct screen *, const struct ui_event *);
	void (*leave)(struct ui *, struct screen *);          /* popped: free everything */
	void (*resume)(struct ui *, struct screen *);         /* on top again after a pop; may be NULL */
	void (*reload)(struct ui *, struct screen *);         /* another worker committed; may be NULL */
	void (*idle)(struct ui *, struct screen *);           /* after a burst of keys; may be NULL */
	int (*dirty)(struct ui *, struct screen *);           /* unsaved changes? may be NULL */
};

struct screen {
	const struct screen_ops *ops;
	int overlay;            /* drawn over the screen below (dialogs, popups) */
};

#define UI_STACK_MAX 16
#define UI_CODES_MAX 48         /* the registry, jobs and training use some 30 lists */

/* A code list with the pinyin initials of each label, for pick-by-initials. */
struct ui_codes {
	char name[24];
	struct code_list cl;
	char **ini;             /* per item: initials strings, NUL-separated, "" when none */
};

struct ui {
	struct jy_db *db;
	const char *dbpath;
	int mono;
	int lines, cols;
	int too_small;
	struct screen *stack[UI_STACK_MAX];
	int depth;
	int cur_y, cur_x;       /* where the focused field wants the cursor; -1: hidden */
	int quit;
	char msg[512];          /* the status line */
	int msg_style;
	int msg_keep;           /* set while handling a key: do not clear after it */
	struct ui_codes codes[UI_CODES_MAX];
	int ncodes;
	char today[11];
};

void ui_push(struct ui *ui, struct screen *s);
void ui_pop(struct ui *ui, struct screen *s);          /* remove s (leave is called), wherever it is */
struct screen *ui_top(struct ui *ui);
struct screen *ui_below(struct ui *ui, struct screen *s);   /* the screen under s, or NULL */
void ui_msg(struct ui *ui, int style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_err(struct ui *ui, const struct jy_err *err);      /* "field: message" in the status line */
const struct ui_codes *ui_codes(struct ui *ui, const char *list);  /* "@units": the communities */
const char *ui_code_label(struct ui *ui, const char *list, const char *code);  /* code if unknown */
void ui_quit_ask(struct ui *ui);

/* ---- lock.c: the idle lock ---------------------------------------------- */
/* Seconds without a key before the screen locks: setting ui.lock_minutes (default 15, 0: never);
 * $JIUYE_LOCK_SECONDS overrides it for tests, except in a setgid or restricted jiuye. */
int lock_idle_seconds(struct ui *ui);
/* The lock screen: pushed by the main loop; shows nothing of the records; Enter (with
 * ui.lock_pam=1: the worker's own password, checked through PAM) pops it. */
struct screen *lock_new(struct ui *ui);

/* ---- term.c ------------------------------------------------------------------------------------ */
int term_locale_ok(void);                       /* prints the bilingual fix when not UTF-8 */
int term_init(struct ui *ui);                   /* 0 ok; -1 with a message printed */
void term_end(void);
/* What the terminal still sends after a file transfer (the protocol's last frames) read and
 * thrown away until it has been quiet for quiet_ms (at most max_ms), so none of it becomes keys. */
void term_drain_input(int quiet_ms, int max_ms);
void term_size(struct ui *ui);
int term_attr(const struct ui *ui, int style);
int term_read(struct ui *ui, int timeout_ms, struct ui_event *ev);  /* 1 key, 0 timeout, -1 gone */

/* ---- draw.c ------------------------------------------------------------------------------------ */
/* s (UTF-8) at y,x fitted to exactly cols columns: cut with ASCII "..." (never inside a character)
 * and padded with spaces. Returns the columns of text drawn (without padding). */
int ui_put(struct ui *ui, int y, int x, int cols, const char *s, int style);
/* One column of a table row: s fitted to w columns at x (nothing when w <= 0); returns where the
 * next column starts, one space on. */
int ui_col(struct ui *ui, int y, int x, int w, const char *s, int style);
/* s at y,x up to cols columns, cut without dots and not padded; returns the columns drawn. */
int ui_puts(struct ui *ui, int y, int x, int cols, const char *s, int style);
void ui_fill(struct ui *ui, int y, int x, int cols, int style);
void ui_box(struct ui *ui, int y, int x, int h, int w, int style);  /* ASCII + - | */
void ui_title(struct ui *ui, const char *where);
void ui_bar(struct ui *ui, const struct screen *s);
void ui_status(struct ui *ui);
/* Text on the status line, wrapped upward onto up to three rows when it is longer than a row;
 * ui_status_long does it for the message of ui_msg (the main loop, after the screen is drawn). */
void ui_status_text(struct ui *ui, const char *text, int style);
void ui_status_long(struct ui *ui);
/* Break s into lines of at most cols columns (at spaces when it can, else at any character);
 * returns the number of lines; lines[i] allocated. Caller frees each. */
int ui_wrap(const char *s, int cols, char **lines, int max);
/* Column widths and cuts of lists: the widest label of a code list ("@units": the communities),
 * at least min; a community's name in w columns, whole when it fits, else without its 社区
 * suffix (borrowed from name or buf). */
int ui_widest_label(struct ui *ui, const char *list, int min);
const char *ui_unit_short(const char *name, int w, char *buf, size_t size);
/* The masked ID number of a list: first 6 and last 4 characters (320102********123X). */
void ui_mask_id(const char *id, char out[19]);
int ui_age(struct ui *ui, const char *birth);  /* -1 when unknown */
void ui_group(long n, char out[32]);            /* 12345 as "12,345" (negative: "0") */

/* ---- dialog.c ---------------------------------------------------------------------------------- */
/* A yes/no question over the current screen. cb gets 1 for yes, 0 for no. def_yes: what Enter means. */
void dialog_confirm(struct ui *ui, const char *title, const char *text, int def_yes,
                    void (*cb)(struct ui *, void *arg, int yes), void *arg);
/* A message to read and dismiss (any key); text may hold several lines separated by '\n'. */
void dialog_alert(struct ui *ui, const char *title, const char *text);
void help_push(struct ui *ui, const struct screen *about);

/* ---- field.c: one field ------------------------------------------------------------------------- */
struct field {
	const char *label;      /* Chinese label */
	int kind;               /* enum field_kind */
	const char *list;       /* code list, "@units" for the communities */
	int flags;              /* FF_REQ, FF_RO */
	int max;                /* characters */
	int tag;                /* the owner's id for the field (RF_* …) */
	struct lineedit le;     /* the text, or for code kinds the filter being typed */
	char *value;            /* code kinds: code(s) joined by ','; bool "1"/"0"; derived: text */
	char *err;              /* why the value is not accepted (shown beside it) */
	char *note;             /* what follows from the value (age, 4050 …) */
	int note_style;
	int pick_open, pick_sel, pick_top;
	int *match;             /* indexes of the code items the filter matches */
	int nmatch;
};
enum { FLD_USED = 1, FLD_CHANGED = 2, FLD_ACCEPT = 4 };

void field_init(struct field *f, const char *label, int kind, const char *list, int max, int flags);
void field_free(struct field *f);
const char *field_value(const struct field *f);        /* never NULL */
void field_set(struct ui *ui, struct field *f, const char *value);
int field_focusable(const struct field *f);
char *field_display(struct ui *ui, const struct field *f);   /* what the worker reads. Caller frees. */
int field_width(const struct field *f, int avail);
int field_key(struct ui *ui, struct field *f, const struct ui_event *ev);
/* Leaving the field: a pending pick is taken, the value checked (dates, ID numbers, phones, codes)
 * through core's rules. Returns FLD_CHANGED when the value changed. */
int field_leave(struct ui *ui, struct field *f);
void field_draw(struct ui *ui, struct field *f, int y, int x, int w, int focused);
void field_draw_pick(struct ui *ui, struct field *f, int y, int x);
void field_set_err(struct field *f, const char *msg);
void field_set_note(struct field *f, const char *note, int style);
const char *field_hint(const struct field *f);  /* what the field accepts (status line) */

/* ---- form.c: a column of fields ------------------------------------------------------------------- */
struct form {
	struct field *f;
	int n;
	int focus;              /* the focused field's index in f */
	const int *order;       /* the fields' indexes in f as the form shows them (row 0 first);
	                         * NULL: f's own order */
	int top;                /* first row shown */
	int dirty;
	int label_w;
	int fy, fx, fw;         /* where the focused field was drawn (for the pick popup) */
	void (*changed)(struct ui *, struct form *, int i, void *arg);   /* a field's value changed */
	void (*left)(struct ui *, struct form *, int i, void *arg);      /* focus left field i */
	void (*gone)(struct ui *, struct form *, void *arg);     /* left unsaved (drop the draft); may be NULL */
	void *arg;
	struct screen *screen;  /* the screen form_back leaves */
	int err_cut;            /* a field whose complaint did not fit beside it (form_draw), or -1:
	                         * the status line shows it whole */
	int jumping;            /* Ctrl-Z: the status line takes a field's name (its pinyin initials) */
	struct lineedit jump;   /* what was typed of it */
};
void form_init(struct form *fm, int n);
void form_free(struct form *fm);
int form_key(struct ui *ui, struct form *fm, const struct ui_event *ev);   /* SK_* flags */
void form_draw(struct ui *ui, struct form *fm, int y, int x, int h, int w);
void form_focus(struct ui *ui, struct form *fm, int i);
int form_find_label(const struct form *fm, const char *label);   /* -1 when none */
/* Show a core error on the field it names (and in the status line); focus that field. */
void form_show_err(struct ui *ui, struct form *fm, const struct jy_err *err);
void form_hint(struct ui *ui, struct form *fm);   /* the focused field's hint in the status line */
/* Esc on the form on screen s: SK_POP at once when nothing changed, else "Discard changes?" first;
 * fm->gone runs before s leaves either way. */
int form_back(struct ui *ui, struct form *fm, struct screen *s);

/* Drafts (draft_save in core): text (taken) kept as the draft of form/id unless it is what *last
 * already holds; *last becomes text. Dropped when the form is saved or its changes discarded. */
void form_keep_draft(struct ui *ui, const char *form, int64_t id, char **last, char *text);
void form_drop_draft(struct ui *ui, const char *form, int64_t id, char **last);
/* A form whose field i is defs[i] (n of them) as a draft's text: magic, the field under the
 * cursor, then each field's value by its column (tabs and newlines never get into a field).
 * Caller frees. */
char *form_draft_text(const struct form *fm, const char *magic, const struct field_def *defs,
                      int n);
/* The worker's newest draft, when it is of form/id and its text begins with magic: the values
 * back in fm's fields and the cursor where she was, *last its text (so an unchanged form keeps no
 * second copy), and the status line says so; 1 then, else 0 (a draft that could not be read is
 * shown as the error it is). */
int form_draft_restore(struct ui *ui, struct form *fm, const char *form, int64_t id,
                       const char *magic, const struct field_def *defs, int n, char **last);
/* Two workers on one record. Another worker committed: if the record's version moved on from
 * have, say so now rather than at F2 (who: the worker who saved). */
void form_warn_newer(struct ui *ui, int64_t have, int64_t now, const char *who);
int form_same(const char *a, const char *b);     /* NULL and "" alike */
/* Core refused a save (JY_ECONFLICT); a field the other worker changed from was to now (shown as
 * the worker reads it): untouched here, theirs is taken; changed here too, this worker's is kept,
 * marked on the field and in b. Returns 1 in that case. */
int form_merge_field(struct ui *ui, struct field *f, const char *was, const char *now, const char *shown,
                     struct jy_buf *b);
/* b (the conflict's lines) with what to do next, as a dialog; frees b. both: fields kept. */
void form_conflict_show(struct ui *ui, struct jy_buf *b, int both);

/* ---- list.c: a list fetched a page at a time -------------------------------------------------------- */
#define LIST_PAGE 50
#define LIST_WINDOW 4       /* pages kept in memory */

struct list_src {
	/* One page after cursor (NULL: the first). rows: an array of row_size records. */
	int (*fetch)(void *arg, const char *query, const char *cursor, int limit, void **rows, int *n,
	             int *more, char next[128], struct jy_err *err);
	void (*draw_row)(struct ui *ui, void *arg, const void *row, int y, int x, int w, int selected);
	void (*draw_header)(struct ui *ui, void *arg, int y, int x, int w);
	int64_t (*row_id)(const void *row);
	size_t row_size;
	void *arg;
};
struct list_page {
	char start[128];        /* the cursor this page was fetched after */
	void *rows;             /* NULL when not loaded */
	int n, more;
	char next[128];
};
struct list {
	struct list_src src;
	char *query;
	struct list_page *pages;
	int npages;
	long sel, top;
	int rows_shown;         /* rows of the last draw */
	int64_t sel_id;
	int end;                /* the last page is known */
	int stale;              /* list_query changed the query; not searched yet (list_settle) */
	char err[512];
};
void list_init(struct list *l, const struct list_src *src);
void list_free(struct list *l);
/* New search: first page, first row; searched when the list is next read or drawn, so that a
 * burst of keys costs one search. */
void list_query(struct list *l, const char *q);
void list_reload(struct list *l);                    /* same query; keeps the selected record on its row */
int list_select_id(struct list *l, int64_t id);      /* 1 when found in the first pages */
const void *list_selected(struct list *l);
long list_count_known(struct list *l, int *exact);
int list_key(struct ui *ui, struct list *l, const struct ui_event *ev);   /* SK_* */
void list_draw(struct ui *ui, struct list *l, int y, int x, int h, int w);
/* For a list_src whose rows are all in memory (total records of size bytes at all): the page after
 * cursor, copied. Always JY_OK. */
int list_fetch_array(const void *all, int total, size_t size, const char *cursor, int limit, void **rows,
                     int *n, int *more, char next[128]);
/* F7 on a list screen: what its file holds. name: the default file name and the worksheet's
 * (居民名单); cols: the columns as shown and the useful hidden ones; cells(ui, src.arg, row, cells)
 * fills cells[0..ncols) with allocated strings (NULL: empty), freed by list.c. */
struct list_export {
	const char *name;
	const struct sheet_col *cols;
	int ncols;
	void (*cells)(struct ui *ui, void *arg, const void *row, char **cells);
	/* the empty workbook of the import of these records (template_residents …), offered in the
	 * box as 空白导入模板; NULL: none */
	int (*template)(struct jy_db *db, const char *path, struct jy_err *err);
};
/* Ask for a file name (default ~/jiuye-print/NAME-YYYY-MM-DD.xlsx; the extension picks XLSX, CSV
 * or, .gbk.csv, GBK), write every row of the list as searched (all pages, not just those loaded)
 * and say "已导出 N 行到 FILE" on the status line. */
void list_export(struct ui *ui, struct list *l, const struct list_export *ex);

/* ---- import.c: a file imported from a list (F9) --------------------------------------------------- */
/* What a list imports: the screen's title (msgid), the kind as jiuye import and the audit trail
 * name it, the importer (import_residents ...). */
struct import_kind {
	const char *title;
	const char *kind;
	int (*import)(struct jy_db *db, const char *path, const char *sheet, int flags,
	              void (*report)(void *arg, const char *line), void *arg,
	              struct import_result *res, struct jy_err *err);
	int units;              /* residents: into a database without units, an administrator's
	                         * import creates the communities the file names */
	/* after a real import, the list under the import screen read again from its first row
	 * (where the newest records are); NULL: the list's reload, which keeps its selection */
	void (*imported)(struct ui *ui, struct screen *list);
};
/* The import screen: the file's name (in the export folder; Tab completes), the dry run with its
 * progress, its summary on one page (counts, new communities, the first errors), then Enter
 * imports for real, the bad rows left out, or Esc leaves nothing saved; Esc during a run cancels
 * it, nothing saved. Both runs go into the trail as jiuye import's do; after a real one the list
 * below is read again. Refused (the status line says why) to a role that may not import. */
void import_ask(struct ui *ui, const struct import_kind *k);

/* ---- qsearch.c: a list's search line, searched as you type ------------------------------------------ */
struct qsearch {
	struct lineedit q;
	int searching;          /* keys go to the search line */
	struct list *list;      /* queried again as q changes */
};
void qsearch_init(struct qsearch *qs, struct list *l);
void qsearch_free(struct qsearch *qs);
void qsearch_clear(struct qsearch *qs);                  /* empty search: the whole list again */
/* A key that edits the query (characters, Backspace, Del, Left/Right, Ctrl-U/K): done, and the
 * list queried again when the text changed. 1 when ev was such a key. */
int qsearch_edit(struct qsearch *qs, const struct ui_event *ev);
/* A list screen's keys first: typing starts a search, F3 resumes one, Esc stops and clears it.
 * SK_HANDLED, or 0 for the screen (Enter, F4 …; Esc with no search: the screen leaves). */
int qsearch_key(struct qsearch *qs, const struct ui_event *ev);
void qsearch_draw(struct ui *ui, struct qsearch *qs);  /* the search line (the status line's row) */
/* Back on top: the list read again, want_id (0: none) selected even if the search hid it. */
void qsearch_resume(struct qsearch *qs, int64_t want_id);

/* ---- page.c: a page of lines, built once and scrolled ---------------------------------------------- */
struct page_line {
	char *text;
	int style;
	int section;            /* a heading: Tab stops here */
};
struct page {
	struct page_line *lines;
	int n, cap;
	int top;                /* first line shown */
	int w;                  /* the width the lines were built for; 0: build them again */
};
void page_clear(struct page *p, int w);     /* drop the lines, to build them again for width w */
void page_free(struct page *p);
void page_line(struct page *p, int style, int section, const char *text);
/* text wrapped to the page's width, later lines indented under the first */
void page_wrapped(struct page *p, int indent, int style, const char *text);
void page_section(struct page *p, const char *title);     /* a blank line, then the heading */
/* A record's n fields as "label  value" lines ("-" when empty); value(arg, f) is field f as the
 * worker reads it (caller of value frees). */
void page_fields(struct page *p, const struct field_def *defs, int n, char *(*value)(void *arg, int f),
                 void *arg);
/* One change of a history entry, indented under it: "label: was -> now", or "label: now" when the
 * field had no value before (had 0). */
void page_change(struct page *p, const char *label, int had, const char *was, const char *now);
/* The lines between the title and the status line, columns 1 to cols-2, with ^^^/vvv marks. */
void page_draw(struct ui *ui, struct page *p);
/* Scrolling: Down/Up, Tab/Shift-Tab (sections), PgDn/PgUp, Home/End. SK_HANDLED, or 0. */
int page_key(struct ui *ui, struct page *p, const struct ui_event *ev);

/* ---- the screens ------------------------------------------------------------------------------------ */
struct screen *menu_new(void);
/* screen_today.c: 今日待办 on the main menu (core's due lists), for a worker who may see
 * residents; a letter opens one list whole (due_list_new, borrowing it from the menu). */
struct today {
	int shown;              /* her role may see residents */
	time_t loaded;          /* when the lists were read */
	struct due_list *lists;
	int n;
	char err[512];
};
void today_load(struct ui *ui, struct today *t);
/* today_load when the lists are older than a minute: what other workers' saves call for. */
void today_refresh(struct ui *ui, struct today *t);
void today_free(struct today *t);
void today_draw(struct ui *ui, const struct today *t, int y, int x, int h, int w);
int today_key(struct ui *ui, struct today *t, int key);        /* 1 when key opened a list */
struct screen *due_list_new(const struct due_list *l);
struct screen *residents_new(void);
/* The resident form: id 0 for a new registration. draft: field lines to restore (or NULL). */
struct screen *rform_new(struct ui *ui, int64_t id, const char *draft);
struct screen *rdetail_new(int64_t id);
enum { FACT_CERT, FACT_STATUS, FACT_VISIT, FACT_CLOSE, FACT_CERT_STATUS };
struct screen *fact_new(int kind, int64_t resident_id, const char *who);
/* Closing her record (注销): the reason, the day (today) and a note, saved against version (the
 * record as her page loaded it). */
struct screen *fact_close_new(int64_t resident_id, int64_t version, const char *who);
/* One of her certificates cancelled (注销), expired (过期) or kept after a review (有效), with the
 * reason: the form starts on the one up for review, else her first valid one. */
struct screen *fact_cert_status_new(struct ui *ui, int64_t resident_id, const char *who);
/* Tell the resident list (wherever it is on the stack) to show and select record id. */
void residents_select(struct ui *ui, int64_t id);
/* The registry searched as the resident list searches it, a page of struct search_row at a time:
 * the body of a list_src fetch (the resident list, enrolling residents in a course). */
int residents_page(struct ui *ui, const char *query, const char *cursor, int limit, void **rows, int *n,
                   int *more, char next[128], struct jy_err *err);
/* The draft of an unsaved form, offered at start. */
void rform_offer_draft(struct ui *ui);

/* Training (培训): screen_courses.c the course list (and, with a resident, the course to
 * enrol her in), screen_cdetail.c one course and its trainees, screen_enrol.c enrolling (a resident
 * picked by search), screen_tform.c the forms of a course, a session and an enrolment,
 * screen_sessions.c the sessions, screen_rollcall.c the roll call, screen_nowork.c completers
 * still without work, screen_chistory.c a course's change history. */
struct screen *courses_new(int64_t enrol_resident);  /* 0: the list; else pick a course for her */
void courses_select(struct ui *ui, int64_t id);
struct screen *cform_new(struct ui *ui, int64_t id); /* 0: a new course */
struct screen *cdetail_new(int64_t id);
struct screen *enrol_pick_new(int64_t course_id);    /* find a resident and enrol her */
struct screen *eform_new(struct ui *ui, int64_t enrolment_id);
/* Enrol a resident in a course, asking about the waiting list when the course is full; the
 * outcome goes to the status line. */
void enrol_ask(struct ui *ui, int64_t resident_id, int64_t course_id, const char *name);
struct screen *sessions_new(int64_t course_id);
struct screen *sform_new(struct ui *ui, int64_t course_id, int64_t session_id);
struct screen *rollcall_new(int64_t session_id);
struct screen *nowork_new(int64_t course_id);       /* 0: every course */
struct screen *chistory_new(int64_t course_id);
/* The path a printout goes to: $JIUYE_PRINT_DIR, else ~/jiuye-print, made when missing; name
 * without directory. Caller frees. */
char *print_path(const char *name);
/* printto.c: where the worker prints (core's print_dest_get; the file alone when unreadable, with
 * the reason in the status line), its words, and the printout at path sent there: 1 when the
 * status line says what happened (terminal, lp), 0 for the file alone (the caller says where). */
int ui_print_dest(struct ui *ui);
const char *ui_print_dest_label(int dest);
int ui_print_send(struct ui *ui, int dest, const char *path);
/* The file at path to her PC by ZMODEM (sz; curses left meanwhile): 1 when sent; the status line
 * says "Sent FILE" or why not (PuTTY takes no ZMODEM: the message says what to use instead). */
int ui_zmodem_send(struct ui *ui, const char *path);
/* A file from her PC by ZMODEM (rz) into the folder of the printouts and exports (the export
 * folder under --restricted), nowhere else: its path (caller frees), or NULL with the reason in
 * the status line. */
char *ui_zmodem_receive(struct ui *ui);

/* Jobs (岗位与推荐): screen_jobs.c the module's menu; screen_jobs_list.c the lists of
 * employers (screen_employers.c), job information (screen_postings.c), referrals
 * (screen_referrals.c) and job fairs (screen_fairs.c), searched as you type; screen_jobs_page.c
 * one record's page (fields, what belongs to it, its change history); screen_jobs_form.c the
 * forms of an employer, a posting and a fair; screen_match.c matching both ways and referring
 * from it; screen_referrals.c also a referral's form and its next step (a hire);
 * screen_jobs_due.c public-welfare subsidies ending soon and a placement's form. */
struct screen *jobs_new(void);
struct screen *employers_new(void);
struct screen *postings_new(int64_t employer_id);       /* 0: every employer's */
struct screen *referrals_new(int64_t resident_id, int64_t posting_id);  /* 0, 0: all */
struct screen *fairs_new(void);
struct screen *jform_new(struct ui *ui, int type, int64_t id, int64_t employer_id); /* JR_*; id 0: new */
struct screen *employer_page_new(int64_t id);
struct screen *posting_page_new(int64_t id);
struct screen *referral_page_new(int64_t id);
struct screen *fair_page_new(int64_t id);
struct screen *match_residents_new(int64_t posting_id);  /* who fits a posting */
struct screen *match_postings_new(int64_t resident_id);  /* the postings that fit her */
struct screen *refer_new(int64_t resident_id, int64_t posting_id);   /* the referral's form */
struct screen *stage_new(int64_t referral_id);           /* the next step, a hire */
struct screen *due_new(void);
/* Tell the jobs list of type (JR_* or JOBS_REFERRALS) on the stack to select record id. */
enum { JOBS_REFERRALS = 100, JOBS_CASES = 101, JOBS_PAIRS = 102 };
void jobs_list_select(struct ui *ui, int type, int64_t id);

/* 创业与贷款 (tui/enterprise/): screen_enterprise.c the list of start-up projects and loans
 * searched as you type (and the loans due), a project's and a loan's page with the next stage or
 * step on F7; screen_eform.c their forms, kept as drafts. */
struct screen *enterprise_new(void);
/* Rights cases (维权 / 信访): tui/casework/screen_cases.c the list and the due list (Ctrl-V),
 * the intake form (kept as a draft), a case's page with its steps (F5 the next step, Ctrl-P its
 * 登记表 and 答复 letter); built of the jobs module's list, page and small form. */
struct screen *cases_new(void);
/* The intake form; resident_id 0 for a woman typed in, else hers (from her page, key w). */
struct screen *case_form_new(int64_t resident_id);
/* Mentoring pairs (结对帮扶): tui/casework/screen_pairs.c the list searched as you type and the
 * pairs gone quiet (Ctrl-V), the pair's form (kept as a draft), a pair's page with its log (F8 a
 * contact, F6 money or goods, F9 its end). */
struct screen *pairs_new(void);

/* Reports (统计报表): screen_report.c the figures of a period beside the period before,
 * split by a grouping, F7 to a file; screen_report_people.c the residents behind one figure (ind:
 * index into report_inds; group_key as in struct report, "" for all). */
struct screen *report_new(void);
/* screen_trend.c: the indicator i of a report over its last months (quarters), as bars; and the
 * box that sets its target of year for the unit the report shows (now: the target set, -1 none;
 * *dirty set after a save). */
struct screen *trend_new(const struct period *p, int i);
struct screen *target_ask_new(int year, int i, const char *unit_name, int64_t now, int *dirty);
struct screen *report_people_new(const struct period *p, int by, const char *group_key,
                                 const char *group_label, int ind);


/* 管理: screen_admin.c the settings menu, the workers (administrators), a worker's form,
 * and the sensitive changes waiting for a reviewer. */
struct worker_row;
struct screen *admin_new(void);
struct screen *workers_new(void);
/* screen_units.c: the units (设置 → 单位) and a unit's form (u NULL: a new one under parent, a
 * unit's name or ""); the first start of a database without units (setup_offer pushes it for an
 * administrator). screen_params.c: the settings (设置 → 参数). */
struct unit_row;
struct screen *units_new(void);
struct screen *unit_form_new(const struct unit_row *u, const char *parent);
struct screen *setup_new(void);
void setup_offer(struct ui *ui);
struct screen *params_new(void);
struct setting_def;
struct screen *param_form_new(const struct setting_def *d, const char *value);
/* tui.c: the communities read again after the units changed (pick lists, labels). */
void ui_units_changed(struct ui *ui);
struct screen *worker_form_new(const struct worker_row *w);     /* NULL: a new worker */
struct screen *pending_new(void);
/* screen_audit.c: the audit trail (管理 3): filtered by worker, record, field, event and period,
 * one row whole on Enter, F7 to a file. */
struct screen *audit_new(void);

#endif
