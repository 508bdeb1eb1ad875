/* tui/jobs/screen_jobs.h: private to the jobs module's screens (tui/screen_jobs*.c, screen_employers.c,
 * screen_postings.c, screen_referrals.c, screen_fairs.c, screen_match.c), and the rights cases'
 * (tui/casework/screen_cases.c): the three pieces they are made of — a list searched as you type, a record's page, a small form — built from the
 * widgets of tui.h (struct list, struct form, struct field). */
#ifndef JY_SCREEN_JOBS_H
#define JY_SCREEN_JOBS_H

#include "tui.h"

/* ---- screen_jobs_list.c: a list searched as you type --------------------------------------------- */
struct jlist;
struct jlist_kind {
	const char *name;               /* the screen's name, and the title's msgid */
	const int *acts;
	int type;                       /* JR_* or JOBS_REFERRALS: jobs_list_select finds it */
	size_t row_size;
	int nfilters;                   /* Ctrl-V shows each in turn (0: none) */
	const char *const *filter_names;        /* msgids */
	int (*fetch)(struct ui *ui, struct jlist *l, const char *query, const char *cursor, int limit,
	             struct job_page *out, struct jy_err *err);
	void (*header)(struct ui *ui, struct jlist *l, int y, int x, int w);
	void (*row)(struct ui *ui, struct jlist *l, const void *row, int y, int x, int w, int sel);
	int64_t (*row_id)(const void *row);
	void (*open)(struct ui *ui, struct jlist *l, const void *row);          /* Enter */
	void (*create)(struct ui *ui, struct jlist *l);                         /* F4; may be NULL */
	int (*key)(struct ui *ui, struct jlist *l, const struct ui_event *ev);  /* more keys; may be NULL */
	const char *empty;              /* msgid: nothing there yet */
	const struct list_export *file; /* F7: the list to a file (list_export); may be NULL */
	const struct import_kind *import;       /* F9: a file of such records in; may be NULL */
};
struct jlist {
	struct screen s;
	const struct jlist_kind *k;
	struct ui *ui;
	struct list list;
	struct qsearch qs;              /* the search line */
	int filter;
	int64_t owner, owner2;          /* an employer's postings; a resident's or a posting's referrals */
	char *title;
	int64_t want_id;
};
struct screen *jlist_new(const struct jlist_kind *k, int64_t owner, int64_t owner2, const char *title);

/* ---- screen_jobs_page.c: one record's page ------------------------------------------------------- */
struct jpage;
struct jpage_kind {
	const char *name;
	const int *acts;
	void (*build)(struct ui *ui, struct jpage *p);  /* the lines, p->page.w wide; sets p->title */
	int (*key)(struct ui *ui, struct jpage *p, const struct ui_event *ev);
	void (*leave)(struct jpage *p);                         /* frees p->data; may be NULL */
};
struct jpage {
	struct screen s;
	struct screen_ops ops;
	const struct jpage_kind *kind;
	int64_t id;
	void *data;
	char *title;
	struct page page;       /* the lines (tui/widget/page.c) */
};
struct screen *jpage_new(const struct jpage_kind *kind, int64_t id);
/* The record's fields, label: value (two columns when the page is wide enough). */
void jpage_record(struct ui *ui, struct jpage *p, const struct jobrec *r);
/* The change history of entity id; type JR_* names the record's own columns (-1: none). */
void jpage_history(struct ui *ui, struct jpage *p, const char *entity, int type, int64_t id);

/* ---- screen_jobs_form.c: a small form (a referral, its next step, a placement) ------------------- */
struct jsmall_field {
	const char *label;      /* as core's messages name it, so an error lands on its field */
	int kind;
	const char *list;
	int max, flags;
};
struct jsmall;
struct jsmall_kind {
	const char *name;
	const struct jsmall_field *fields;
	int n;
	/* enter: the title, the lines above the fields, the defaults (may be NULL) */
	void (*enter)(struct ui *ui, struct jsmall *f);
	/* save: JY_OK pops the form; an error is shown on its field */
	int (*save)(struct ui *ui, struct jsmall *f, struct jy_err *err);
	void (*leave)(struct jsmall *f);        /* frees f->data; may be NULL */
};
struct jsmall {
	struct screen s;
	const struct jsmall_kind *k;
	struct form form;
	int64_t id, id2;
	void *data;
	char *title;
	char *info[4];          /* lines above the form */
	int ninfo;
};
struct screen *jsmall_new(const struct jsmall_kind *k, int64_t id, int64_t id2);
const char *jsmall_value(struct jsmall *f, int i);     /* NULL when empty */
void jsmall_info(struct jsmall *f, char *line);        /* takes line */

#endif
