/* core/admin/admin.h: the office's own records about its work: the audit trail browsed and
 * exported by field, worker and record of every kind, and the demo database. */
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


/* ---- demo.c ---------------------------------------------------------------------------------- */
/* Load the demo records: units, 10 residents with checksum-valid IDs,
 * 5 employers, 8 postings, 5 courses and their links, dates shifted so the latest events fall in
 * the month of today. */
int demo_load(struct jy_db *db, struct jy_err *err);

#endif
