/* core/casework/casework_int.h: what the files of core/casework/ share and nobody else uses. */
#ifndef JY_CASEWORK_INT_H
#define JY_CASEWORK_INT_H

#include "casework/casework.h"
#include "enterprise/enterprise.h"      /* money in fen */
#include "store/sql.h"

/* rcase.c: the case as stored, without the reading rule (the writers check it first); the
 * reading rule applied to c with its "view" in the trail (fields: what is shown); one field
 * checked as the form and the files take it; every field checked and the intake's rules. */
int case_fetch(struct jy_db *db, int64_t id, struct rcase **out, struct jy_err *err);
int case_opened(struct jy_db *db, const struct rcase *c, const char *fields, struct jy_err *err);
int case_check_field(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err);
int case_validate(struct jy_db *db, struct rcase *c, struct jy_err *err);
/* case_step.c: one row of case_step, inside the caller's transaction. */
int case_step_write(struct jy_db *db, int64_t case_id, int no, int step, const char *date,
                    const char *action, const char *outcome, const char *who, const char *note,
                    int days, struct jy_err *err);
/* pair.c: one value checked as the forms and the files take it (a phone never masked, a unit by
 * its name), every field of defs checked in place with the required ones given; a write in its
 * own transaction, or in the caller's (the demo's) when one is open. */
int casework_check_field(struct jy_db *db, const struct field_def *fd, const char *in, char **out,
                         struct jy_err *err);
int casework_check_fields(struct jy_db *db, const struct field_def *defs, int n, char **v,
                          struct jy_err *err);
int casework_tx_begin(struct jy_db *db, int *own, struct jy_err *err);
int casework_tx_end(struct jy_db *db, int own, int rc, struct jy_err *err);
/* pair.c: the woman a record is about, by her ID number or registration number (R-000010), a
 * resident of the worker's communities she may change (OP_EDIT). JY_EINVAL on label naming what
 * was typed when there is none; JY_EPERM on label. */
int casework_resident(struct jy_db *db, const char *who, const char *label, int64_t *id,
                      struct jy_err *err);
/* A code of list as a worker types it (code, label, alias; not retired), required: *code borrowed
 * from the cached list. JY_EINVAL on label naming what is accepted. */
int casework_code(struct jy_db *db, const char *list, const char *label, const char *in,
                  const char **code, struct jy_err *err);
/* A date given (else today) as YYYY-MM-DD into out, not after today. JY_EINVAL on label. */
int casework_date(const char *in, const char *label, char out[11], struct jy_err *err);
/* assist.c: one field of an assistance record checked as the form and the files take it (codes,
 * dates, the amount as money_yuan writes it, text within its length; the other records and her
 * number as typed, looked up by assist_save). *out NULL when blank. Caller frees. */
int assist_check_field(struct jy_db *db, int f, const char *in, char **out, struct jy_err *err);

#endif
