/* core/enterprise/enterprise_int.h: what project.c, loan.c and enterprise_io.c share, private to
 * the part. */
#ifndef JY_ENTERPRISE_INT_H
#define JY_ENTERPRISE_INT_H

#include "enterprise/enterprise.h"
#include "store/sql.h"

/* A code as a worker means it: p-001 and Ｐ－００１ are P-001. Caller frees. */
char *ent_code_canon(const char *code);
/* The id of the record whose code is code (canonical as above), by sql ("SELECT id FROM t WHERE
 * code = ?1", the program's own): JY_OK with *id, JY_ENOTFOUND, or JY_EDB saying what (reading
 * the loans ...) failed. */
int ent_find_code(struct jy_db *db, const char *sql, const char *code, const char *what,
                  int64_t *id, struct jy_err *err);
/* The next free code PREFIX-001 of a table ("project", "loan", "broker" or "outlet": a constant,
 * never read). */
int ent_next_code(struct jy_db *db, const char *table, char prefix, char out[24],
                  struct jy_err *err);
/* A date a worker typed for field: blank means today; after today is refused. */
int ent_date(const char *in, const char *field, char out[11], struct jy_err *err);
/* The borrower or founder named by her ID number (checked), registered and in the worker's
 * communities, for op: *rid. */
int ent_resident(struct jy_db *db, const char *idno, int op, int64_t *rid, struct jy_err *err);
/* A save refused because the stored version moved on: JY_ECONFLICT, nothing saved. */
int ent_conflict(struct jy_err *err, int64_t id);
/* Check the worker-typed block v[0..n) of a field table: field_check_value for each, money for
 * FF_MONEY (stored as fen digits), required fields. */
int ent_check_fields(struct jy_db *db, const struct field_def *defs, int n, char **v,
                     struct jy_err *err);
/* A column of fen digits (or NULL) in *slot made the 元 text v[] holds. */
void ent_fen_field(char **slot);
/* A stored value shown as a worker reads it: "" for NULL. Caller frees. */
char *ent_show(const struct field_def *fd, const char *v);

/* A search as a worker types it in the module's lists: a code (P-…, L-…), three or more digits
 * (the end of an ID number), letters (pinyin initials of the name) or characters of the name.
 * text is folded (lower case, simplified); NULL with Q_ALL for a blank query. Caller frees text. */
enum { Q_ALL, Q_DIGITS, Q_CODE, Q_LETTERS, Q_NAME };
struct ent_query {
	int kind;
	char *text;
};
void ent_query_parse(const char *q, struct ent_query *out);
/* Whether a record of that code, her name and her ID number (whole or masked: only its end is
 * compared) answers q. */
int ent_query_match(const struct ent_query *q, const char *code, const char *name,
                    const char *id_no);

#endif
