/* core/report/report.h: what leaves the office on paper and in files: the figures reported
 * upward for any period (indicators, groupings, the people behind each figure), report files, and
 * the printouts (registration form, confirmation slip, sign-in sheet, roster). */
#ifndef JY_REPORT_H
#define JY_REPORT_H

#include "jobs/jobs.h"
#include "training/training.h"
#include "enterprise/enterprise.h"
#include "casework/casework.h"

/* ---- report.c: the figures the office reports upward (A-F) ------------------------------------ */
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
enum report_by { BY_NONE = 0, BY_COMMUNITY, BY_SEX, BY_CATEGORY, BY_AGE, BY_STREET };
int report_by_parse(const char *text);          /* "community"/"社区", "sex"/"性别", ...; -1 unknown */

/* One figure: a count (den == 0) or a rate num / den (unit "%"); money in whole fen (unit 元), an
 * average num / den fen (unit 元/笔). A figure that cannot be split by the grouping (job fairs by
 * sex ...) has na set in every group but the total. */
struct report_value {
	int64_t num, den;
	int na;
};
struct report_ind {
	const char *code;       /* "A1" ... "F7": the indicators' codes */
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
	/* The year's targets (target.c) of the worker's unit, the whole county for a worker who sees
	 * every community, else her own community: ntargets of them, tgt[i] the target of indicator i
	 * (-1: none); done_v[i] the total counted against it: the period's own for a year or a
	 * from-to, the year to date (累计, over ytd) for a month, quarter or half-year; share the part
	 * of the year elapsed at cur.to in hundredths of a percent (-1: a year or a from-to). */
	int ntargets;
	int64_t *tgt;
	struct report_value *done_v;
	struct period ytd;
	int share;
	char target_unit[64];   /* whose targets: 全县 or the community's name */
	int yoy;                /* prev is the same period of the year before (同比), not the one before */
	int summary;            /* the half-year or year summary (工作总结): its title, the months' trend */
	/* Asked for with report_compute_cmp (NULL otherwise), totals alone: yago_v the same period of
	 * the year before (同比, over yago) beside the period before; cum_v the year to date (累计, over
	 * cum: from 1 January, a 人社 month's year from 21 December) of a month, quarter or half-year,
	 * NULL for a year or a from-to, which are their own. */
	struct period yago, cum;
	struct report_value *yago_v, *cum_v;
};
/* Every indicator for cur and the period before it, split by `by`. Figures are computed from the
 * records as they stood in the period (dated status events, registration and closing dates,
 * categories since, certificate issue dates ...). Caller frees with report_free. */
int report_compute(struct jy_db *db, const struct period *cur, int by, struct report **out,
                   struct jy_err *err);
void report_free(struct report **r);
/* The half-year or year summary an office sends up (工作总结): as report_compute, against the
 * same period of the year before (同比, r->yoy set) instead of the one before it. JY_EINVAL for
 * another kind of period. */
int report_compute_summary(struct jy_db *db, const struct period *cur, int by,
                           struct report **out, struct jy_err *err);
/* What report_compute_cmp sets beside the period (cmp, bits): the period before (环比, as
 * report_compute), the same period of the year before (同比), the year to date (累计). With YEAR
 * and not PREV the year before takes the period before's place (r->yoy, as a summary). */
enum { REPORT_CMP_PREV = 1, REPORT_CMP_YEAR = 2, REPORT_CMP_YTD = 4 };
int report_compute_cmp(struct jy_db *db, const struct period *cur, int by, int cmp,
                       struct report **out, struct jy_err *err);
/* "prev"/"环比", "year"/"同比", "both"/"环比同比" as REPORT_CMP_* bits; -1 unknown. */
int report_cmp_parse(const char *text);
/* The same period a year before p: a month, quarter, half-year or year of the year before; a
 * from-to its dates a year back (29 February as the 28th). */
int period_year_before(const struct period *p, struct period *out, struct jy_err *err);
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

/* ---- target.c: the year's targets and the figures against them ------------------------------ */
/* The indicator of report_inds with that code (any case), -1 none; a rate is one in %. */
int report_ind_find(const char *code);
int report_ind_rate(int i);
/* A target as typed for indicator i: a count (whole number) or a rate (0-100, at most two
 * decimals, % allowed) into *out in hundredths of a percent. JY_EINVAL says what is accepted. */
int target_value_parse(int i, const char *text, int64_t *out, struct jy_err *err);
void target_value_text(int i, int64_t v, char out[32]);  /* "120", "85.50%" */
/* A figure against its target, all in whole numbers, divisions rounded half away from zero:
 * a count: done, diff = done - target, pct = 完成率 done / target and over = diff / target in
 * hundredths of a percent (-1, has_over 0 when the target is 0); a rate: done in hundredths of a
 * percent, diff = over in hundredths of a percentage point, pct -1. 0 when done has no value. */
struct target_cmp {
	int64_t target, done, diff, pct, over;
	int has_over;
};
int target_compare(int i, int64_t target, const struct report_value *done, struct target_cmp *out);
/* The cells 完成, 完成率, 超/差, 超/差(%): "130", "108.33%", "+10", "+8.33%"; a rate "93.38%", "-",
 * "+3.38", "+3.38" (points). */
void target_cmp_text(int i, const struct target_cmp *c, char done[32], char pct[32], char diff[32],
                     char over[32]);
/* The year a period's targets are of (its last day's); the year to date of a month, quarter or
 * half-year (from 1 January, or for a 人社 month from 21 December before: 0 for a year or a
 * from-to); the part of the year elapsed at p->to in hundredths of a percent (-1 for those). */
int period_target_year(const struct period *p);
int period_year_to_date(const struct period *p, struct period *out);
int period_year_share(const struct period *p);
/* One target as stored: unit "" and unit_name 全县 for the whole county; i its indicator (-1
 * when the report table no longer has the code); value as target_value_parse gives it. */
struct target_row {
	int64_t id, version;
	int year, i, rate;
	char unit[32], unit_name[64], ind[32];
	int64_t value;
};
/* Set the target of a year, unit (a name or code of any level, NULL or "": the whole county) and
 * indicator (its code) to value (as typed), recorded in the trail. An administrator or a
 * statistician only (JY_EPERM). *changed: 0 the same value again (nothing written), 1 new, 2
 * changed. */
int target_set(struct jy_db *db, int year, const char *unit, const char *indicator,
               const char *value, int *changed, struct jy_err *err);
/* The targets of a year, the county's first, then by unit and indicator code. */
int target_each(struct jy_db *db, int year, int (*cb)(void *arg, const struct target_row *t),
                void *arg, struct jy_err *err);
/* The target of indicator i for year and unit (code, "" the county): JY_OK, JY_ENOTFOUND (no
 * message), JY_EDB. */
int target_get(struct jy_db *db, int year, const char *unit, int i, int64_t *value,
               struct jy_err *err);
/* A CSV file of targets (年度, 单位, 指标, 目标值; English year, unit, indicator, target) with the
 * import rules of every file: FILE:ROW: 列名 messages, nothing saved when a row is bad (unless
 * IMPORT_SKIP_ERRORS), IMPORT_DRY_RUN saves nothing. */
int import_targets(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err);

/* The trend of indicator i up to p: the 12 months (8 quarters for a quarter) ending with the one
 * that holds p->to, oldest first, each with its figure (the total) and the target's path for it:
 * a count's year target spread evenly over its months (target × months / 12 per month, a
 * quarter's three, rounded half up), a rate's target as it is; -1 without a target for that
 * point's year. Caller frees *pts. */
struct trend_point {
	struct period p;
	struct report_value v;
	int64_t path;
};
int report_trend(struct jy_db *db, const struct period *p, int i, struct trend_point **pts, int *n,
                 struct jy_err *err);

/* Every indicator month by month through p's year: January of the year of p->to up to the month
 * holding p->to (all twelve for a year). months[k] the month, vals[k * report_ninds + i] the
 * total of indicator i in it. Caller frees *months and *vals. */
int report_months(struct jy_db *db, const struct period *p, struct period **months,
                  struct report_value **vals, int *n, struct jy_err *err);

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
 * the period and the one compared, with 目标, 完成/累计, 完成率 and 超/差 where the year has targets;
 * XLSX a worksheet per table, and last 趋势: the indicators month by month through the year with
 * native charts of the main ones. With REPORT_WITH_PEOPLE the file
 * is a file of people: it needs OP_REPORT_PEOPLE and OP_EXPORT and a purpose (export_purpose_check),
 * starts with export_notice's line, masks numbers as the exports do, and is recorded in the trail
 * with its rows and SHA-256 (removed again when the trail cannot take it). */
int report_write(struct jy_db *db, const struct report *r, const char *path, int format, int flags,
                 const char *purpose, struct jy_err *err);


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
/* ---- deliver.c: where a written printout goes ---------------------------------------------- */
/* The file alone, the printer beside the worker's PC through her terminal (media-copy
 * pass-through), a printer of the server (lp), a PDF, or the file to her PC by ZMODEM. */
enum print_dest { PRINT_FILE = 0, PRINT_TERMINAL, PRINT_LP, PRINT_PDF, PRINT_ZMODEM, PRINT__COUNT };
const char *print_dest_name(int dest);           /* "file", "terminal", "lp", "pdf", "zmodem" */
int print_dest_parse(const char *s);             /* those (or 文件, 终端, 服务器, 本机); -1 otherwise */
/* Where this worker prints: print.dest.<login>, else the office's print.dest, else PRINT_FILE. */
int print_dest_get(struct jy_db *db, int *dest, struct jy_err *err);
/* Hers from now on; recorded in the audit trail. */
int print_dest_set(struct jy_db *db, int dest, struct jy_err *err);
/* The bytes that print the printout at path on the terminal's printer, appended to out: ESC [5i,
 * the text in print.encoding (GBK by default; '?' for a character it lacks) with CR LF line ends
 * and a form feed after the last page, ESC [4i. print_passthrough_text does the same for text. */
int print_passthrough(struct jy_db *db, const char *path, struct jy_buf *out, struct jy_err *err);
int print_passthrough_text(const char *text, size_t n, const char *encoding, struct jy_buf *out,
                           struct jy_err *err);
/* The printout at path to the server's printer: lp -s [-d print.lp_printer] -- path. lp's own
 * words when it refuses. */
int print_lp(struct jy_db *db, const char *path, struct jy_err *err);
/* The written file at path sent on to dest: the terminal's printer (the pass-through written to
 * tty_out), lp, a PDF at pdf_path (needed for PRINT_PDF alone), the file itself to the PC by
 * ZMODEM (zmodem_send on tty_in and tty_out: a screen program must have left the screen first),
 * or nothing more for PRINT_FILE. */
int print_deliver(struct jy_db *db, int dest, const char *path, const char *pdf_path, int tty_in,
                  int tty_out, struct jy_err *err);

/* ---- pdf.c: a printout as a PDF (cairo and pango) --------------------------------------------- */
/* The faces tried in turn (print.pdf_font overrides): fixed-pitch, with Chinese. */
#define PRINT_PDF_FONT "WenQuanYi Zen Hei Mono, Noto Sans Mono CJK SC, monospace"
/* The text printout at path set on A4 pages (one a form feed of it), the font's glyphs embedded,
 * written to pdf_path (0600, beside it and renamed into place). print_pdf_text: the same for
 * text, in font (a pango family list; NULL: PRINT_PDF_FONT). */
int print_pdf(struct jy_db *db, const char *path, const char *pdf_path, struct jy_err *err);
int print_pdf_text(const char *text, const char *font, const char *pdf_path, struct jy_err *err);

/* The resident named by her ID number (any form idcard_parse takes) or registration number
 * (R-000001): JY_OK and *id, JY_ENOTFOUND, or JY_EINVAL when text is neither. */
int print_find_resident(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);
/* A rights case's 妇女维权投诉登记表 (the intake, the steps so far, signature lines; the phone
 * masked unless the worker may unmask it, the viewing recorded) and its 信访事项答复意见书 (her name,
 * the matter, what was done and the answer: never her phone or address, as it may reach the
 * respondent; JY_EINVAL before a 答复 step). A reader's only (case_load). The case by its number:
 * print_find_case. */
int print_case_form(struct jy_db *db, int64_t case_id, const char *path, struct jy_err *err);
int print_case_answer(struct jy_db *db, int64_t case_id, const char *path, struct jy_err *err);
int print_find_case(struct jy_db *db, const char *case_no, int64_t *id, struct jy_err *err);

#endif
