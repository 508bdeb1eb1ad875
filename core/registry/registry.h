/* core/registry/registry.h: the registry of residents (居民登记): the record and its checks,
 * storage and bulk loading, dated facts (certificates, status events, visits), the categories that
 * follow from the record (4050 …), search as workers type, a clerk's sensitive changes waiting for
 * a reviewer, and residents from and to files. */
#ifndef JY_REGISTRY_H
#define JY_REGISTRY_H

#include "record/record.h"


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
extern const struct field_def resident_fields[RF__COUNT];
/* Every RF_* once, in the order the registration form takes them (a walk-in's name, ID number,
 * phone, community and categories first). */
extern const int resident_desk_order[RF__COUNT];
int resident_field_by_header(const char *header);  /* label or alias (any case) -> RF_*, or -1 */
int resident_field_by_col(const char *col);        /* SQL column name -> RF_*, or -1 */
/* A field's value as a worker reads it: code labels instead of codes, 是/否 for flags, into *out.
 * Caller frees. JY_EDB when the labels cannot be read (*out NULL). */
int resident_display(struct jy_db *db, const struct resident *r, int field, char **out,
                     struct jy_err *err);

struct resident {
	int64_t id;             /* 0 for a new record */
	int64_t version;        /* optimistic concurrency: the version it was loaded at */
	char reg_no[24];        /* 登记编号, assigned on first save: R-000001 */
	char *v[RF__COUNT];     /* field values, UTF-8, NULL or "" when empty; FK_CODE holds the code,
	                         * FK_CODES codes joined by ',', FK_BOOL "1"/"0", FK_UNIT unit code */
	char *closed_at;        /* the day the record was closed (YYYY-MM-DD; never deleted), or NULL */
	char *close_reason;     /* its code in the list close_reason (迁出 ...) */
	char *close_note;       /* the worker's words beside it (what 其他 means); NULL */
	char *created_at, *updated_at, *updated_by;
	int queued;             /* set by resident_save: 1 when it queued a change for a reviewer
	                         * (a clerk's change of the ID number or categories), else 0 */
	/* A category this save takes off her record ends (就业援助 退出日期 and 原因): kept with its
	 * dates, so a past period still counts her in it. cat_end_on the day it ended (any form
	 * date_parse takes; NULL: the day of the save), not before it began; cat_end_reason NULL or
	 * the worker's words. Used by one save, then cleared. */
	char *cat_end_on, *cat_end_reason;
};
struct resident *resident_new(void);            /* Caller frees with resident_free. */
void resident_free(struct resident **r);
struct resident *resident_dup(const struct resident *r);  /* Caller frees. */
void resident_set(struct resident *r, int field, const char *value);
const char *resident_get(const struct resident *r, int field);  /* never NULL ("" when empty) */

int resident_load(struct jy_db *db, int64_t id, struct resident **out, struct jy_err *err);
/* JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int resident_find_idno(struct jy_db *db, const char *idno, int64_t *id, struct jy_err *err);
/* The resident a worker names by her ID number (canonical) for op: JY_OK and *id when the
 * role allows op and she lives in one of the worker's communities; JY_ENOTFOUND (err->field
 * 身份证号) with the same message whether nobody has the number or she lives outside them;
 * JY_EPERM when the role may not op at all; JY_EDB when the database failed. */
int resident_find_idno_in_scope(struct jy_db *db, const char *idno, int op, int64_t *id,
                                struct jy_err *err);
/* Check every field (ID checksum, dates, codes, phone, required) and derive sex and birth date.
 * Returns JY_EINVAL with err->field naming the first bad field, JY_EDB when a code list cannot be
 * read. Does not touch the database except to read code lists. */
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
 * date (JY_OK, err->warn, other_id); JY_EDB when the registry cannot be read. */
int resident_check_dup(struct jy_db *db, const struct resident *r, struct jy_err *err);
/* Closing a record (注销, core/registry/closing.c): she leaves the lists, the matching and the due
 * lists; her history stays, and the reports count her up to the day before date. */
struct resident_closing {
	const char *reason;     /* a code of close_reason, its label, an alias or a unique prefix */
	const char *date;       /* any form date_parse takes; NULL or "": today. Not after today,
	                         * not before her registration */
	const char *note;       /* required with 其他 (9); at most 200 characters */
};
/* Close resident id as loaded at version: needs OP_CLOSE in her community. JY_EINVAL with
 * err->field (注销原因, 注销日期, 注销说明) for a bad value or a record already closed; JY_ECONFLICT
 * when another worker changed her since version. Audited ("close", with the values). */
int resident_close(struct jy_db *db, int64_t id, int64_t version, const struct resident_closing *c,
                   struct jy_err *err);
/* Open a closed record again (OP_REOPEN: 审核, 管理员, in her community): the closing's day, reason
 * and note are cleared, and kept in the audit trail ("reopen", old values). JY_EINVAL when she is
 * not closed; JY_ECONFLICT as above. */
int resident_reopen(struct jy_db *db, int64_t id, int64_t version, struct jy_err *err);
/* The closing as the page shows it: "2026-06-15 迁出" or "2026-06-15 其他（说明）". Caller frees. */
char *resident_closing_text(struct jy_db *db, const struct resident *r);
/* Every resident record, open and closed, into *n. */
int resident_count(struct jy_db *db, int64_t *n, struct jy_err *err);

/* Bulk creation (import, demo, benchmark): one transaction, statements prepared once. */
struct resident_bulk;
int resident_bulk_begin(struct jy_db *db, struct resident_bulk **out, struct jy_err *err);
int resident_bulk_add(struct resident_bulk *b, struct resident *r, struct jy_err *err);
int resident_bulk_commit(struct resident_bulk **b, struct jy_err *err);
void resident_bulk_abort(struct resident_bulk **b);

/* Certificates, status events and visits (core/registry/facts.c): dated facts attached to a resident. */
/* Role and scope for op on resident rid, for everything attached to a resident (facts,
 * referrals, placements, enrolments): JY_OK; JY_EPERM with access_check's message (err->field
 * 身份证号, the column a file names her by, when her community is outside the worker's);
 * JY_ENOTFOUND. Adding or changing a fact needs OP_EDIT, the lists below OP_VIEW (JY_EPERM). */
int resident_access(struct jy_db *db, int64_t rid, int op, struct jy_err *err);
struct certificate {
	int64_t id, resident_id;
	char *type, *number, *issue_date, *office, *valid_until, *status;
	char *review_on;        /* certificate_each: the day her re-employment put it up for review
	                         * (再就业优惠证, 明白卡), NULL when nothing is to review */
};
/* The kinds of status event (status_event.kind): her registration, the first event of every
 * resident, written by registering her; and every change of her status after it. */
#define EVENT_REGISTRATION "registration"
#define EVENT_CHANGE "change"
struct status_event {
	int64_t id, resident_id;
	char *date, *status, *form, *employer;
	char *note;             /* the worker's own note, as typed; NULL when none */
	char *worker;
	int registration;       /* status_event_each: 1 for her registration (EVENT_REGISTRATION);
	                         * status_event_add writes changes only and does not read it */
};
/* A contact with her (走访 in the office's word): kind is a code of the list visit_kind
 * (020_visit_kind.sql), by its code, label or another name; none is a home visit. A8 counts the
 * home visits, C6 the vocational-guidance talks, visit_due the home visits only. */
#define VISIT_HOME "1"          /* 入户走访 */
#define VISIT_GUIDANCE "4"      /* 职业指导 */
struct visit {
	int64_t id, resident_id;
	char *date, *kind, *content, *next_due, *worker;
};
/* A certificate of hers; a 明白卡 without a valid_until is valid 18 months from its issue. A status
 * change into work (2x) puts her valid 再就业优惠证 and 明白卡 up for review (review_on). */
int certificate_add(struct jy_db *db, struct certificate *c, struct jy_err *err);
/* 有效 (kept, after a review), 注销 or 过期, a reviewer's (OP_APPROVE) in her community; settles a
 * pending review. A cancel or an expiry needs its reason (JY_EINVAL on 原因), a kept one may
 * have one; the old status, the new and the reason go into the trail. */
int certificate_set_status(struct jy_db *db, int64_t id, const char *status, const char *reason,
                           struct jy_err *err);
/* Her certificate text names: its number, or its type (code or label, 明白卡) when she holds one
 * valid certificate of it. JY_ENOTFOUND or JY_EINVAL (several of that type: give the number)
 * on 证件, with text in the message. */
int certificate_find(struct jy_db *db, int64_t rid, const char *text, int64_t *id,
                     struct jy_err *err);
/* A status change (re-employed with form of employment, flexible work, moved away …) dated; also
 * updates the resident's current status when the date is the latest. */
int status_event_add(struct jy_db *db, struct status_event *e, struct jy_err *err);
/* A form of employment (emp_form, LEMIS acc032) and the status it means (emp_status), from one
 * table read both ways: emp_status_of_form gives the status a hire of that form puts her in
 * (20 已就业 for no form or one not in the table); emp_form_of_status the form a status means when
 * it means one only (20 单位就业, 21 灵活就业, 23 公益性岗位安置), else NULL (22 自主创业 is
 * 个体经营 or 其他自主就业). */
const char *emp_status_of_form(const char *form);
const char *emp_form_of_status(const char *status);
int visit_add(struct jy_db *db, struct visit *v, struct jy_err *err);

/* Lists attached to a resident, newest first (the iterator shape of store/store.h). */
int certificate_each(struct jy_db *db, int64_t rid,
                     int (*cb)(void *arg, const struct certificate *c), void *arg,
                     struct jy_err *err);
int status_event_each(struct jy_db *db, int64_t rid,
                      int (*cb)(void *arg, const struct status_event *e), void *arg,
                      struct jy_err *err);
int visit_each(struct jy_db *db, int64_t rid, int (*cb)(void *arg, const struct visit *v),
               void *arg, struct jy_err *err);

/* What is due about registered residents looking for work (record open, a seeking status) in the
 * worker's communities on asof (core/registry/facts.c), longest waiting first; date is the day
 * it turns on. visit_due: a home visit (VISIT_HOME; another kind of contact does not count),
 * none since the quarter of asof began (days 0: the quarterly rule) or none in the last days
 * days; date her last home visit ("" never). cert_due: no
 * employment certificate (types 01-04, not cancelled: 应发尽发) and registered at least days ago;
 * date her registration. limit > 0: only the first limit rows, and *total counts them all (read
 * apart, without the rows); limit 0: every row, *total their number. Caller frees *rows. */
struct resident_due_row {
	int64_t id;
	char reg_no[24], name[64], community[32], date[11];
};
int visit_due(struct jy_db *db, const char *asof, int days, int limit, struct resident_due_row **rows,
              int *n, int *total, struct jy_err *err);
int cert_due(struct jy_db *db, const char *asof, int days, int limit, struct resident_due_row **rows,
             int *n, int *total, struct jy_err *err);
/* Valid certificates of the worker's communities to act on: up for review since their holder
 * found work (date: that day), or ending within days of asof or ended already (date: the last
 * day valid); soonest first, limit and total as cert_due. */
int cert_review_due(struct jy_db *db, const char *asof, int days, int limit,
                    struct resident_due_row **rows, int *n, int *total, struct jy_err *err);

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
/* *n: the requests this worker may decide (0 for a worker who decides none). */
int pending_count(struct jy_db *db, int *n, struct jy_err *err);
/* The full ID number or phone of a resident, for a worker allowed to see it (OP_UNMASK, in scope):
 * the viewing is recorded in the history before the value is handed out. */
int resident_reveal(struct jy_db *db, int64_t id, int field, char *out, size_t size,
                    struct jy_err *err);

/* ---- rules.c: categories that follow from the record (4050 …), as locality settings ----------- */
struct rule_hit {
	char code[24];          /* category code, e.g. "4050" */
	char reason[160];       /* why, for the screen: "女, 47岁 (≥40), 截至 2024-06-30" */
};
/* Derived categories of r as of date asof ("YYYY-MM-DD"). Settings: rule.4050.female_age (40),
 * rule.4050.male_age (50), rule.4050.female_upper (55, retirement), rule.4050.male_upper (60).
 * At or past the upper age the hit is "RETIRED_AGE" instead of "4050". db may be NULL (defaults).
 * *n gets the number of hits written (at most max); JY_EDB when the settings cannot be read. */
int rules_derive(struct jy_db *db, const struct resident *r, const char *asof,
                 struct rule_hit *hits, int max, int *n, struct jy_err *err);


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


/* Import residents from a CSV file. Each bad row goes to report(arg, line) as
 * "FILE:ROW: 列名: what is wrong, what is accepted". Without IMPORT_SKIP_ERRORS nothing is stored
 * when any row is bad. Empty cells never overwrite stored values. Returns JY_OK, JY_EINVAL (bad rows),
 * JY_EIO or JY_EDB. */
int import_residents(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
/* Export every resident (open ones unless include_closed), the columns import reads, to path in
 * format (SHEET_CSV: UTF-8 with BOM, SHEET_CSV_GBK, SHEET_XLSX; see sheet.c), or to stdout when
 * path is NULL or "-" (CSV only). *rows gets the count. JY_OK with err->warn: a GBK file holds a
 * character GBK lacks (err says which cell). The other export_* below work the same way. */
int export_residents(struct jy_db *db, const char *path, int format, int include_closed,
                     const char *purpose, int *rows, struct jy_err *err);
/* The empty workbook to fill for import_residents (sheet_template): the columns it reads. The
 * other template_* of the parts above work the same way. */
int template_residents(struct jy_db *db, const char *path, struct jy_err *err);

/* ---- for the parts above (matching, the audit trail) ----------------------------------------- */
/* The search_key row every resident named name has ('n' + the whole folded name), for exact name
 * look-ups (resident_check_dup, the audit trail's filter); NULL for an empty name. Caller frees. */
char *search_name_key(const char *name);
/* Two-character pieces of a text as the seek_word table holds them (004_jobs.sql): lower case,
 * neither character a space, digit or separator. Returns how many (at most max); each allocated.
 * Caller frees each. */
int seek_words(const char *text, char **out, int max);
/* The parts of text made of words in set[0..nset), as runs joined by '、' into out: 社区保洁员 with
 * 保洁, 洁员 -> "保洁员" (a matching list's "why"). */
void seek_word_runs(const char *text, char **set, int nset, struct jy_buf *out);

/* ---- household.c: households (户) and the flags their members give them ------------------------ */
struct household {
	int64_t id, version;
	char *hh_no;            /* 户号 */
	char *community;        /* its code or name typed; load gives the code */
	char *building, *entrance, *room, *address;     /* 栋, 单元, 室; any may be NULL or "" */
};
void household_free(struct household **h);
/* Record a new household (OP_CREATE in its community): 户号 required and not yet recorded, the
 * community required. With its history. h->id and h->version set. */
int household_add(struct jy_db *db, struct household *h, struct jy_err *err);
/* The household numbered hh_no: JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB. */
int household_find_no(struct jy_db *db, const char *hh_no, int64_t *id, struct jy_err *err);
/* The household with id (OP_VIEW of its community). Caller frees with household_free. */
int household_load(struct jy_db *db, int64_t id, struct household **out, struct jy_err *err);
/* Resident rid joins household hid from date (default today, never after it) as relation (code,
 * label or alias of hh_relation: 户主, 配偶, 子女, 父母, 其他). Refused (JY_EINVAL, on its field):
 * she is in a household already, a second head, a day before she left one. OP_EDIT of both. */
int household_link(struct jy_db *db, int64_t hid, int64_t rid, const char *relation,
                   const char *date, struct jy_err *err);
/* Resident rid leaves her household on date (default today; not before she joined): no longer
 * a member that day. Left on the day she joined, she never was one. */
int household_unlink(struct jy_db *db, int64_t rid, const char *date, struct jy_err *err);
/* Her household on asof (NULL: today): JY_OK with *hid; JY_ENOTFOUND when none. */
int household_of(struct jy_db *db, int64_t rid, const char *asof, int64_t *hid, struct jy_err *err);
/* 零就业家庭 and 夫妻双失业 as worked out from the members (household.c tells how); HH_HEAD and
 * HH_SPOUSE: the member's place, beside the flags household_each_member gives each member. */
enum { HH_ZERO_EMP = 1, HH_COUPLE_UNEMP = 2, HH_HEAD = 4, HH_SPOUSE = 8 };
struct household_member {
	int64_t resident_id;
	char reg_no[24], name[64];
	char relation[8];       /* hh_relation code */
	char since[11];
	char sex[2];            /* "1" male, "2" female */
	int age;                /* on asof */
	char status[8];         /* emp_status on asof; "" when not registered yet */
};
/* The flags of members m[0..n) with the retirement ages given: the rule alone, for tests. */
int household_flags_of(const struct household_member *m, int n, int female_upper, int male_upper);
/* The members on asof (NULL: today), head first, and the household's flags then (flags may be
 * NULL). Caller frees *out. */
int household_members(struct jy_db *db, int64_t hid, const char *asof, struct household_member **out,
                      int *n, int *flags, struct jy_err *err);
int household_flags(struct jy_db *db, int64_t hid, const char *asof, int *flags, struct jy_err *err);
/* Every member of a household on asof with her household's flags that day and her place in it
 * (HH_*), for the reports; cb returns nonzero to stop. All communities: the caller keeps to the worker's. */
int household_each_member(struct jy_db *db, const char *asof,
                          int (*cb)(void *arg, int64_t rid, int flags), void *arg,
                          struct jy_err *err);
struct household_row {
	int64_t id;
	char hh_no[64], community[32], address[192], head[64];
	int members;            /* today */
};
/* The households of the worker's communities whose number, address or a member's name holds
 * query (NULL or "": all), by number. Caller frees *out. */
int household_list(struct jy_db *db, const char *query, struct household_row **out, int *n,
                   struct jy_err *err);

#endif
