/* core/registry/household.c: households (户) and the flags their members' statuses give them.
 *
 * A household is a number (户号), a community and where it lives; its members are residents, each
 * with her relation to the head (code list hh_relation) from a day until the day she left
 * (030_household.sql). 零就业家庭 and 夫妻双失业 are not typed: they are worked out as of a day
 * from the members then and their statuses that day (the status of the latest status event on or
 * before it, ties the later event, as the reports read it):
 *   - 零就业家庭: at least one member of working age (16 up to the retirement age of her sex, the
 *     locality's settings rule.4050.female_upper / male_upper; not 退休 or 迁出) and none of them
 *     employed (a status 2x). A member not yet registered that day (no status) tells nothing.
 *   - 夫妻双失业: the head (户主) and a member recorded as spouse (配偶) both out of work that day
 *     (a status 1x: 失业, 下岗, 待业). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/registry_int.h"

#define HH_RELATION_HEAD "1"
#define HH_RELATION_SPOUSE "2"

void household_free(struct household **h)
{
	if (!h || !*h)
		return;
	free((*h)->hh_no);
	free((*h)->community);
	free((*h)->building);
	free((*h)->entrance);
	free((*h)->room);
	free((*h)->address);
	FREE(h);
}

/* A typed value cleaned (spaces squeezed, ends trimmed); NULL when blank. Caller frees. */
static char *clean_or_null(const char *s)
{
	if (text_is_blank(s))
		return NULL;
	return text_clean(s);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int household_find_no(struct jy_db *db, const char *hh_no, int64_t *id, struct jy_err *err)
{
	*id = 0;
	char *no = clean_or_null(hh_no);
	if (!no)
		return JY_ENOTFOUND;
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM household WHERE hh_no = ?1", err);
	if (!st) {
		free(no);
		return JY_EDB;
	}
	sqlite3_bind_text(st, 1, no, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	free(no);
	if (s == SQLITE_ROW)
		return JY_OK;
	return s == SQLITE_DONE ? JY_ENOTFOUND : db_fail(db, err, _("reading the households"));
}

/* The community typed (its code or name) as its code in code; "" for none. */
static int household_community(struct jy_db *db, const char *typed, char code[32], struct jy_err *err)
{
	code[0] = '\0';
	if (text_is_blank(typed))
		return err_set(err, JY_EINVAL, "社区", _("required: the household's community"));
	int rc = unit_find(db, typed, code, err);
	if (rc == JY_ENOTFOUND)
		snprintf(err->field, sizeof err->field, "%s", "社区");
	return rc;
}

static int household_check(struct jy_db *db, const struct household *h, char code[32],
                           struct jy_err *err)
{
	if (text_is_blank(h->hh_no))
		return err_set(err, JY_EINVAL, "户号", _("required: the household's number, e.g. 3-4-502"));
	if (text_width(h->hh_no) > 20)
		return err_set(err, JY_EINVAL, "户号", _("at most 20 columns"));
	int rc = household_community(db, h->community, code, err);
	if (rc)
		return rc;
	if ((rc = access_check(db, OP_CREATE, code, err)))
		return rc;
	int64_t other;
	rc = household_find_no(db, h->hh_no, &other, err);
	if (rc == JY_OK)
		return err_set(err, JY_EINVAL, "户号", _("household %s is already recorded"), h->hh_no);
	return rc == JY_ENOTFOUND ? JY_OK : rc;
}

int household_add(struct jy_db *db, struct household *h, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	char code[32];
	int rc = household_check(db, h, code, err);
	if (rc)
		return rc;
	char *v[5] = { clean_or_null(h->hh_no), clean_or_null(h->building), clean_or_null(h->entrance),
	               clean_or_null(h->room), clean_or_null(h->address) };
	char now[32];
	time_now_iso(now);
	if ((rc = db_begin(db, err)))
		goto out;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO household(hh_no, community, building, entrance, room, address, created_at, "
		"created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)", err);
	if (!st) {
		rc = JY_EDB;
		db_rollback(db);
		goto out;
	}
	sqlite3_bind_text(st, 1, v[0], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	for (int i = 1; i < 5; i++)
		bind_opt(st, i + 2, v[i]);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the household"));
		db_rollback(db);
		goto out;
	}
	h->id = sqlite3_last_insert_rowid(db_handle(db));
	h->version = 1;
	struct jy_buf j = { 0 };
	buf_adds(&j, "{\"hh_no\":[null,");
	history_json_str(&j, v[0]);
	buf_addf(&j, "],\"community\":[null,\"%s\"],\"address\":[null,", code);
	history_json_str(&j, v[4]);
	buf_adds(&j, "]}");
	rc = history_add(db, "household", h->id, "create", j.s, err);
	buf_free(&j);
	if (!rc)
		rc = db_commit(db, err);
	if (rc)
		db_rollback(db);
out:
	for (int i = 0; i < 5; i++)
		free(v[i]);
	return rc;
}

int household_load(struct jy_db *db, int64_t id, struct household **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT hh_no, coalesce(community, ''), building, entrance, room, address, version "
		"FROM household WHERE id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s != SQLITE_DONE)
			return db_fail(db, err, _("reading the households"));
		return err_set(err, JY_ENOTFOUND, "户号", _("household #%lld not found"), (long long)id);
	}
	struct household *h = xcalloc(1, sizeof *h);
	h->id = id;
	char **dst[6] = { &h->hh_no, &h->community, &h->building, &h->entrance, &h->room, &h->address };
	for (int i = 0; i < 6; i++) {
		const unsigned char *t = sqlite3_column_text(st, i);
		*dst[i] = xstrdup(t ? (const char *)t : "");
	}
	h->version = sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	int rc = access_check(db, OP_VIEW, h->community, err);
	if (rc)
		household_free(&h);
	*out = h;
	return rc;
}

int household_relation(struct jy_db *db, const char *typed, const char **code,
                              struct jy_err *err)
{
	const struct code_list *cl = codes_cached(db, "hh_relation", err);
	if (!cl)
		return JY_EDB;
	*code = text_is_blank(typed) ? NULL : codes_find(cl, typed);
	if (*code)
		return JY_OK;
	char *hint = codes_hint(cl);
	if (text_is_blank(typed))
		err_set(err, JY_EINVAL, "与户主关系", _("required; accepted: %s"), hint);
	else
		err_set(err, JY_EINVAL, "与户主关系", _("\"%s\" is not in the list; accepted: %s"), typed, hint);
	free(hint);
	return JY_EINVAL;
}

/* The day a link or unlink takes effect: the one typed, or today; never after today. */
static int household_day(const char *typed, char out[11], struct jy_err *err)
{
	char today[11];
	date_today(today);
	if (text_is_blank(typed)) {
		memcpy(out, today, 11);
		return JY_OK;
	}
	if (date_parse(typed, out, err) != JY_OK) {
		snprintf(err->field, sizeof err->field, "%s", "日期");
		return JY_EINVAL;
	}
	if (strcmp(out, today) > 0)
		return err_set(err, JY_EINVAL, "日期", _("%s is after today"), out);
	return JY_OK;
}

/* One integer from a query of one row (ints bound in order); JY_EDB when it fails. */
static int query_int(struct jy_db *db, const char *sql, int64_t a, const char *b, int64_t *out,
                     struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, a);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	*out = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(db, err, _("reading the households"));
}

int household_link(struct jy_db *db, int64_t hid, int64_t rid, const char *relation,
                   const char *date, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	struct household *h = NULL;
	const char *rel;
	char day[11];
	int64_t n;
	int rc = household_load(db, hid, &h, err);
	if (!rc)
		rc = access_check(db, OP_EDIT, h->community, err);
	household_free(&h);
	if (!rc)
		rc = resident_access(db, rid, OP_EDIT, err);
	if (!rc)
		rc = household_relation(db, relation, &rel, err);
	if (!rc)
		rc = household_day(date, day, err);
	if (rc)
		return rc;
	if ((rc = query_int(db, "SELECT household_id FROM household_member WHERE resident_id = ?1 "
	                        "AND until IS NULL", rid, NULL, &n, err)))
		return rc;
	if (n)
		return err_set(err, JY_EINVAL, "户号", _("she is a member of another household: unlink "
		                                         "her from it first"));
	if (strcmp(rel, HH_RELATION_HEAD) == 0) {
		if ((rc = query_int(db, "SELECT count(*) FROM household_member WHERE household_id = ?1 "
		                        "AND until IS NULL AND relation = '1'", hid, NULL, &n, err)))
			return rc;
		if (n)
			return err_set(err, JY_EINVAL, "与户主关系", _("the household has a head already"));
	}
	if ((rc = query_int(db, "SELECT count(*) FROM household_member WHERE resident_id = ?1 "
	                        "AND until > ?2", rid, day, &n, err)))
		return rc;
	if (n)
		return err_set(err, JY_EINVAL, "日期", _("she left a household after %s"), day);
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO household_member(household_id, resident_id, relation, since, created_at, "
		"created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	char now[32];
	time_now_iso(now);
	int s = SQLITE_ERROR;
	if (st) {
		sqlite3_bind_int64(st, 1, hid);
		sqlite3_bind_int64(st, 2, rid);
		sqlite3_bind_text(st, 3, rel, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
		s = sqlite3_step(st);
		sqlite3_reset(st);
	}
	rc = !st ? JY_EDB : s != SQLITE_DONE ? db_fail(db, err, _("saving the household")) : JY_OK;
	char *json = xasprintf("{\"household\":[null,\"#%lld\"],\"relation\":[null,\"%s\"],"
	                       "\"since\":[null,\"%s\"]}", (long long)hid, rel, day);
	if (!rc)
		rc = history_add(db, "household", hid, "link", json, err);
	if (!rc)
		rc = history_add(db, "resident", rid, "household", json, err);
	free(json);
	if (!rc)
		rc = db_commit(db, err);
	if (rc)
		db_rollback(db);
	return rc;
}

int household_unlink(struct jy_db *db, int64_t rid, const char *date, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	char day[11];
	int rc = resident_access(db, rid, OP_EDIT, err);
	if (!rc)
		rc = household_day(date, day, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, "SELECT id, household_id, since FROM household_member "
	                                  "WHERE resident_id = ?1 AND until IS NULL", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	int64_t mid = 0, hid = 0;
	char since[11] = "";
	if (s == SQLITE_ROW) {
		mid = sqlite3_column_int64(st, 0);
		hid = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, since, sizeof since);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the households"));
	if (!mid)
		return err_set(err, JY_EINVAL, "户号", _("she is not a member of any household"));
	if (strcmp(day, since) < 0)
		return err_set(err, JY_EINVAL, "日期", _("before she joined the household (%s)"), since);
	if ((rc = db_begin(db, err)))
		return rc;
	/* Left on the day she joined: she never was a member, as a category ended that day is not kept. */
	st = db_prepare(db, strcmp(day, since) == 0 ? "DELETE FROM household_member WHERE id = ?1"
	                                            : "UPDATE household_member SET until = ?2 WHERE id = ?1",
	                err);
	if (st) {
		sqlite3_bind_int64(st, 1, mid);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		s = sqlite3_step(st);
		sqlite3_reset(st);
	}
	rc = !st ? JY_EDB : s != SQLITE_DONE ? db_fail(db, err, _("saving the household")) : JY_OK;
	char *json = xasprintf("{\"household\":[\"#%lld\",null],\"until\":[null,\"%s\"]}",
	                       (long long)hid, day);
	if (!rc)
		rc = history_add(db, "household", hid, "unlink", json, err);
	if (!rc)
		rc = history_add(db, "resident", rid, "household", json, err);
	free(json);
	if (!rc)
		rc = db_commit(db, err);
	if (rc)
		db_rollback(db);
	return rc;
}

int household_of(struct jy_db *db, int64_t rid, const char *asof, int64_t *hid, struct jy_err *err)
{
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	int rc = query_int(db, "SELECT household_id FROM household_member WHERE resident_id = ?1 "
	                       "AND since <= ?2 AND (until IS NULL OR until > ?2)", rid, asof, hid, err);
	return rc ? rc : *hid ? JY_OK : JY_ENOTFOUND;
}

/* The members on asof with their relation, status that day and age. */
#define MEMBERS_SQL \
	"SELECT m.resident_id, r.reg_no, r.name, m.relation, m.since, r.sex, r.birth, " \
	"(SELECT s.status FROM status_event s WHERE s.resident_id = m.resident_id AND s.date <= ?2 " \
	" ORDER BY s.date DESC, s.id DESC LIMIT 1) " \
	"FROM household_member m JOIN resident r ON r.id = m.resident_id " \
	"WHERE m.household_id = ?1 AND m.since <= ?2 AND (m.until IS NULL OR m.until > ?2) " \
	"ORDER BY m.relation, m.since, m.id"

/* Of working age on asof: from 16 up to the retirement age of her sex, and neither retired nor
 * moved away. */
static int working_age(const struct household_member *m, int female_upper, int male_upper)
{
	if (strcmp(m->status, "90") == 0 || strcmp(m->status, "91") == 0)
		return 0;
	int upper = strcmp(m->sex, "2") == 0 ? female_upper : male_upper;
	return m->age >= 16 && m->age < upper;
}

int household_flags_of(const struct household_member *m, int n, int female_upper, int male_upper)
{
	int working = 0, employed = 0, head_out = 0, spouse_out = 0;
	for (int i = 0; i < n; i++) {
		if (!m[i].status[0])
			continue;               /* not registered yet that day */
		int out = m[i].status[0] == '1';
		if (strcmp(m[i].relation, HH_RELATION_HEAD) == 0 && out)
			head_out = 1;
		if (strcmp(m[i].relation, HH_RELATION_SPOUSE) == 0 && out)
			spouse_out = 1;
		if (working_age(&m[i], female_upper, male_upper)) {
			working++;
			employed += m[i].status[0] == '2';
		}
	}
	return (working && !employed ? HH_ZERO_EMP : 0) | (head_out && spouse_out ? HH_COUPLE_UNEMP : 0);
}

int household_members(struct jy_db *db, int64_t hid, const char *asof, struct household_member **out,
                      int *n, int *flags, struct jy_err *err)
{
	*out = NULL;
	*n = 0;
	if (flags)
		*flags = 0;
	char today[11];
	if (!asof || !*asof) {
		date_today(today);
		asof = today;
	}
	int fu = 55, mu = 60;
	int rc = db_setting_int(db, "rule.4050.female_upper", 55, &fu, err);
	if (!rc)
		rc = db_setting_int(db, "rule.4050.male_upper", 60, &mu, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, MEMBERS_SQL, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, hid);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_TRANSIENT);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? 2 * cap : 8) * sizeof **out);
		struct household_member *m = &(*out)[(*n)++];
		memset(m, 0, sizeof *m);
		m->resident_id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, m->reg_no, sizeof m->reg_no);
		db_col_copy(st, 2, m->name, sizeof m->name);
		db_col_copy(st, 3, m->relation, sizeof m->relation);
		db_col_copy(st, 4, m->since, sizeof m->since);
		db_col_copy(st, 5, m->sex, sizeof m->sex);
		char birth[11];
		db_col_copy(st, 6, birth, sizeof birth);
		m->age = date_age(birth, asof);
		db_col_copy(st, 7, m->status, sizeof m->status);
	}
	sqlite3_reset(st);
	if (s != SQLITE_DONE) {
		FREE(out);
		*n = 0;
		return db_fail(db, err, _("reading the households"));
	}
	if (flags)
		*flags = household_flags_of(*out, *n, fu, mu);
	return JY_OK;
}

int household_flags(struct jy_db *db, int64_t hid, const char *asof, int *flags, struct jy_err *err)
{
	struct household_member *m = NULL;
	int n = 0;
	int rc = household_members(db, hid, asof, &m, &n, flags, err);
	free(m);
	return rc;
}

int household_list(struct jy_db *db, const char *query, struct household_row **out, int *n,
                   struct jy_err *err)
{
	*out = NULL;
	*n = 0;
	char *q = clean_or_null(query);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT h.id, h.hh_no, coalesce(h.community, ''), "
		"trim(coalesce(h.building || '栋', '') || coalesce(h.entrance || '单元', '') || "
		"coalesce(h.room || '室', '') || ' ' || coalesce(h.address, '')), "
		"(SELECT count(*) FROM household_member m WHERE m.household_id = h.id AND m.until IS NULL), "
		"coalesce((SELECT r.name FROM household_member m JOIN resident r ON r.id = m.resident_id "
		"  WHERE m.household_id = h.id AND m.until IS NULL AND m.relation = '1'), '') "
		"FROM household h WHERE ?1 IS NULL OR instr(h.hh_no, ?1) OR instr(h.address, ?1) "
		"OR EXISTS (SELECT 1 FROM household_member m JOIN resident r ON r.id = m.resident_id "
		"  WHERE m.household_id = h.id AND m.until IS NULL AND instr(r.name, ?1)) "
		"ORDER BY h.hh_no", err);
	if (!st) {
		free(q);
		return JY_EDB;
	}
	bind_opt(st, 1, q);
	int s, cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		char community[32];
		db_col_copy(st, 2, community, sizeof community);
		if (!access_in_scope(db, community))
			continue;
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? 2 * cap : 16) * sizeof **out);
		struct household_row *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, r->hh_no, sizeof r->hh_no);
		memcpy(r->community, community, sizeof r->community);
		db_col_copy(st, 3, r->address, sizeof r->address);
		r->members = sqlite3_column_int(st, 4);
		db_col_copy(st, 5, r->head, sizeof r->head);
	}
	sqlite3_reset(st);
	free(q);
	if (s != SQLITE_DONE) {
		FREE(out);
		*n = 0;
		return db_fail(db, err, _("reading the households"));
	}
	return JY_OK;
}

/* Every membership on asof, household by household, with what the flags need. */
#define EACH_SQL \
	"SELECT m.household_id, m.resident_id, m.relation, r.sex, r.birth, " \
	"(SELECT s.status FROM status_event s WHERE s.resident_id = m.resident_id AND s.date <= ?1 " \
	" ORDER BY s.date DESC, s.id DESC LIMIT 1) " \
	"FROM household_member m JOIN resident r ON r.id = m.resident_id " \
	"WHERE m.since <= ?1 AND (m.until IS NULL OR m.until > ?1) ORDER BY m.household_id"

/* The members gathered of one household, each given to cb with the household's flags and her
 * place in it (HH_HEAD, HH_SPOUSE). */
static int each_flush(const struct household_member *m, int n, int fu, int mu,
                      int (*cb)(void *arg, int64_t rid, int flags), void *arg)
{
	int flags = household_flags_of(m, n, fu, mu);
	for (int i = 0; i < n; i++) {
		int role = strcmp(m[i].relation, HH_RELATION_HEAD) == 0 ? HH_HEAD
		         : strcmp(m[i].relation, HH_RELATION_SPOUSE) == 0 ? HH_SPOUSE : 0;
		if (cb(arg, m[i].resident_id, flags | role))
			return 1;
	}
	return 0;
}

int household_each_member(struct jy_db *db, const char *asof,
                          int (*cb)(void *arg, int64_t rid, int flags), void *arg,
                          struct jy_err *err)
{
	int fu = 55, mu = 60;
	int rc = db_setting_int(db, "rule.4050.female_upper", 55, &fu, err);
	if (!rc)
		rc = db_setting_int(db, "rule.4050.male_upper", 60, &mu, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db, EACH_SQL, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
	struct household_member *m = NULL;
	int n = 0, cap = 0, s = SQLITE_DONE, stop = 0;
	int64_t cur = 0;
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t hid = sqlite3_column_int64(st, 0);
		if (hid != cur && n) {
			stop = each_flush(m, n, fu, mu, cb, arg);
			n = 0;
		}
		cur = hid;
		if (n == cap)
			m = xrealloc(m, (size_t)(cap = cap ? 2 * cap : 8) * sizeof *m);
		struct household_member *x = &m[n++];
		memset(x, 0, sizeof *x);
		x->resident_id = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, x->relation, sizeof x->relation);
		db_col_copy(st, 3, x->sex, sizeof x->sex);
		char birth[11];
		db_col_copy(st, 4, birth, sizeof birth);
		x->age = date_age(birth, asof);
		db_col_copy(st, 5, x->status, sizeof x->status);
	}
	sqlite3_reset(st);
	if (!stop && s != SQLITE_DONE) {
		free(m);
		return db_fail(db, err, _("reading the households"));
	}
	if (!stop && n)
		each_flush(m, n, fu, mu, cb, arg);
	free(m);
	return JY_OK;
}

int household_member_now(struct jy_db *db, int64_t rid, int64_t *hid, char relation[8],
                         struct jy_err *err)
{
	*hid = 0;
	relation[0] = '\0';
	sqlite3_stmt *st = db_prepare(db, "SELECT household_id, relation FROM household_member "
	                                  "WHERE resident_id = ?1 AND until IS NULL", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, rid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*hid = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, relation, 8);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the households"));
	return *hid ? JY_OK : JY_ENOTFOUND;
}

int household_has_head(struct jy_db *db, int64_t hid, int *has, struct jy_err *err)
{
	int64_t n = 0;
	int rc = query_int(db, "SELECT count(*) FROM household_member WHERE household_id = ?1 "
	                       "AND until IS NULL AND relation = '1'", hid, NULL, &n, err);
	*has = n > 0;
	return rc;
}
