/* core/admin/admin.h: the office's own records about its work: the audit trail browsed and
 * exported by field, worker and record of every kind; the units imported from a file; every
 * setting the program reads, checked; the demo database. */
#ifndef JY_ADMIN_H
#define JY_ADMIN_H

#include "jobs/jobs.h"
#include "training/training.h"
#include "enterprise/enterprise.h"
#include "casework/casework.h"

/* ---- audit.c: the trail browsed and exported ---------------------------------------- */
struct audit_filter {
	const char *worker;     /* OS user or name; NULL or "" any */
	const char *record;     /* a resident's name or ID number, or a record number (any kind) */
	const char *field;      /* a field's label (联系电话) or column (phone) */
	const char *event;      /* view create change close export import login lock, or the Chinese */
	const char *from, *to;  /* dates, inclusive, in any form date_parse takes; NULL open */
};
/* One page of the rows matching f, newest first, below seq before (0: from the newest): the
 * iterator shape of store/store.h, cb returning non-zero to stop. *next is what to pass for the
 * next page, 0 at the end. JY_EINVAL (field set) when a filter is not understood. */
int audit_page(struct jy_db *db, const struct audit_filter *f, int64_t before, int limit,
               int (*cb)(void *arg, const struct history_entry *h), void *arg, int64_t *next,
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


/* ---- due.c: what a worker has to do today (今日待办) ------------------------------------------ */
/* One thing due: the record it is about (id; resident_id 0 when no resident), who (her name, or
 * the form of a draft), ref (registration number), the day it turns on, what (employer and post,
 * course, field), her community. */
struct due_item {
	int64_t id, resident_id;
	char who[64], ref[24], date[11], what[256], community[32];
};
struct due_source;
struct due_list {
	const struct due_source *src;
	int days;               /* the setting in force */
	int n;                  /* items kept */
	int total;              /* items due: more than n when the collection kept only the first */
	int keep;               /* items kept at most (0: all) */
	struct due_item *items;
	struct due_item spare;  /* where the items past keep are written and counted */
};
/* A kind of due list. The lists come from a table of sources, each reading its own part's query
 * (home visits and certificates from the registry, subsidies and referrals from the jobs,
 * six-month checks from the training, the worker's drafts, requests for a reviewer); a part
 * added later gives its own with due_register. setting: the key of its days (read with
 * db_setting_int, days_def when unset); op: the right a worker needs to see it (OP_VIEW,
 * OP_APPROVE ...; -1: her own things, every worker). collect fills out->n and out->items
 * (xmalloc'd) for asof and days, in the worker's communities. */
struct due_source {
	const char *key;        /* "visits", "subsidies" ...: `jiuye due` and the screen name it */
	const char *label;      /* N_() text: 本季度应走访 ... */
	const char *setting;
	int days_def;
	int op;
	int (*collect)(struct jy_db *db, const char *asof, int days, struct due_list *out,
	               struct jy_err *err);
};
/* Add a source after the built-in ones (a static table the caller keeps); 0, or -1 when the table
 * of sources is full. */
int due_register(const struct due_source *src);
/* Every source in order: *n of them, borrowed. */
const struct due_source *const *due_sources(int *n);
/* Every list this worker's role may see, for asof (NULL: today), of unit (a community, street or
 * county by name or code: its communities; NULL: all of hers): *lists, *n. keep > 0 keeps only
 * the first keep items of each list (and counts them all: total), for a page that shows counts
 * and first lines (with a unit every item is kept). JY_EINVAL for an unknown unit; a source
 * that fails stops it with its error. Caller frees with due_free. */
int due_collect(struct jy_db *db, const char *asof, const char *unit, int keep,
                struct due_list **lists, int *n, struct jy_err *err);
/* The list l (of due_collect, for asof) again, every item of it. */
int due_reload(struct jy_db *db, const char *asof, struct due_list *l, struct jy_err *err);
void due_free(struct due_list **lists, int n);
/* The list's label with its count and days: "推荐未反馈（超过14天）：3". Caller frees. */
char *due_title(const struct due_list *l);
/* ---- unit_import.c: the units from a file ---------------------------------------------------- */
/* A CSV (UTF-8 or GBK) with the columns 名称, 级别 (县区, 街道 / 乡镇, 社区 / 村; county, street,
 * community), 上级 (a unit in the database or in a row above) and optionally 代码, one row a unit,
 * through the importers' framework (flags IMPORT_*; report gets each "FILE:ROW: 列名: ..." line).
 * A unit there already with the same level and parent is unchanged. An administrator's. */
int import_units(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err);
/* The empty workbook for import_units (sheet_template): 名称, 级别 with its levels in a
 * drop-down list, 上级, 代码. */
int template_units(struct jy_db *db, const char *path, struct jy_err *err);

/* ---- settings.c: every setting the program reads --------------------------------------------- */
/* One table of the keys of table setting that core/ and tui/ read, each with its meaning, default
 * and what it accepts; setting_put checks a value against it, so nothing reads a value it cannot
 * use. Keys the audit trail's protection relies on are refused whatever the value. */
enum setting_type { SETTING_INT = 1, SETTING_BOOL, SETTING_TEXT };
struct setting_def {
	const char *key;        /* rule.4050.female_age */
	const char *meaning;    /* gettext msgid: what it decides, in the worker's words */
	int type;               /* SETTING_* */
	int min, max;           /* SETTING_INT: the range; SETTING_TEXT: characters */
	const char *def;        /* the default when unset, as text */
	const char *unit;       /* gettext msgid after an INT (years, days ...); NULL none */
	const char *choices;    /* SETTING_TEXT: the values accepted, | between; NULL any text */
};
struct setting_row {
	const struct setting_def *def;
	const char *value;      /* the value in force: the stored one or the default */
	int stored;             /* 1 when the office set it, 0 when it is the default */
};
const struct setting_def *setting_def_find(const char *key);    /* NULL when not a setting */
/* What d accepts: "a whole number from 30 to 70", "是 or 否 (1 or 0)", "text, at most 60
 * characters". Caller frees. */
char *setting_accepts(const struct setting_def *d);
/* Every setting in the table's order (the iterator shape of store/store.h). */
int setting_each(struct jy_db *db, int (*cb)(void *arg, const struct setting_row *s), void *arg,
                 struct jy_err *err);
/* The value in force of key into *out (Caller frees); JY_ENOTFOUND naming the keys when key is
 * not a setting. */
int setting_get(struct jy_db *db, const char *key, char **out, struct jy_err *err);
/* Check value against key's row and store its canonical form ("是" -> "1", " 45 " -> "45"), with
 * the change in the audit trail. JY_EPERM for anyone but an administrator; JY_EINVAL (field =
 * key) naming the key and what it accepts, for a protected key, an unknown one or a bad value. */
int setting_put(struct jy_db *db, const char *key, const char *value, struct jy_err *err);
/* The check alone, for a form: JY_OK with *canon (Caller frees) or JY_EINVAL. */
int setting_check(struct jy_db *db, const struct setting_def *d, const char *value, char **canon,
                  struct jy_err *err);

/* ---- demo.c ---------------------------------------------------------------------------------- */
/* Load the demo records: units, 10 residents with checksum-valid IDs,
 * 5 employers, 8 postings, 5 courses and their links, dates shifted so the latest events fall in
 * the month of today. */
int demo_load(struct jy_db *db, struct jy_err *err);

#endif
