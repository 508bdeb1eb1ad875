/* tui/enterprise/screen_enterprise.h: private to the enterprise module's screens: its forms
 * (screen_eform.c), a column of fields whose labels are core's, kept as drafts as they are typed. */
#ifndef JY_SCREEN_ENTERPRISE_H
#define JY_SCREEN_ENTERPRISE_H

#include "tui.h"

struct entform_field {
	const char *label;      /* as core's messages name it, so an error lands on its field */
	int kind;
	const char *list;
	int max, flags;
};
struct entform;
struct entform_kind {
	const char *name;       /* the screen's and, with the record, the draft's name */
	const struct entform_field *fields;
	int n;
	/* enter: the title, the lines above the fields, the values (may be NULL) */
	void (*enter)(struct ui *ui, struct entform *f);
	/* save: JY_OK pops the form; an error is shown on its field */
	int (*save)(struct ui *ui, struct entform *f, struct jy_err *err);
	void (*leave)(struct entform *f);         /* frees f->data; may be NULL */
	int stay;               /* 1: a save keeps the form open (its save readies the next row) */
	/* key: a key of the kind's own (F4 …) the fields left alone; SK_* or 0. May be NULL; with it
	 * F4 is in the form's bar and help. */
	int (*key)(struct ui *ui, struct entform *f, const struct ui_event *ev);
};
struct entform {
	struct screen s;
	const struct entform_kind *k;
	struct form form;
	int64_t id;             /* the record (0: new) */
	int64_t id2;            /* what it belongs to (a project of a new loan) */
	void *data;
	char *title;
	char *info[4];          /* lines above the form */
	int ninfo;
	char *last_draft;
};
struct screen *entform_new(const struct entform_kind *k, int64_t id, int64_t id2);
const char *entform_value(struct entform *f, int i);       /* NULL when empty */
void entform_set(struct ui *ui, struct entform *f, int i, const char *v);
void entform_info(struct entform *f, char *line);          /* takes line */

/* The records of the 创业与贷款 list (enterprise_row.is_loan), and the list shown on the record
 * saved when it is on top again. */
enum { ENT_PROJECT, ENT_LOAN, ENT_BROKER, ENT_OUTLET };
void ent_select(struct ui *ui, int kind, int64_t id);

/* screen_processing.c: 来料加工's forms: a broker, an outlet or base (id 0: new), and an outlet's
 * fee ledger: its payments of a month, searched as you type, entered a row after another. */
struct screen *broker_form_new(int64_t id);
struct screen *outlet_form_new(int64_t id);
struct screen *fee_ledger_new(int64_t outlet_id);

#endif
