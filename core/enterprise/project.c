/* core/enterprise/project.c: start-up projects (创业项目). A project belongs to a resident (the
 * founder), may name the SYB / 创业培训 course she took, and goes forward through its stages, each
 * dated no earlier than the one before: 构想 → 立项 → 孵化 → 获得创业资金 → 开业 → 运营 / 停业.
 * Opening is her employment: it writes her status event 自主创业, the one record the registry's
 * re-employment figures (A5, A7) read, so the figures and her page agree without a second copy.
 * Every write is a new version with its line in the audit trail (entity "project"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enterprise/enterprise_int.h"

const struct field_def project_fields[PF__COUNT] = { PROJECT_FIELDS(FIELD_DEF_ROW) };

/* The worker-typed block ends where the stages' fields begin. */
#define PF_TYPED PF_STAGE

static const char *const stage_codes[PS__COUNT] = {
	"idea", "registered", "incubating", "funded", "opened", "operating", "closed"
};
static const char *const stage_labels[PS__COUNT] = {
	"构想", "立项", "孵化", "获得创业资金", "开业", "运营", "停业"
};
/* The field holding the date each stage was reached. */
static const int stage_date[PS__COUNT] = {
	PF_IDEAON, PF_REGON, PF_INCON, PF_FUNDON, PF_OPENON, PF_OPERON, PF_CLOSEON
};

const char *project_stage_code(int stage)
{
	return stage >= 0 && stage < PS__COUNT ? stage_codes[stage] : NULL;
}

const char *project_stage_label(int stage)
{
	return stage >= 0 && stage < PS__COUNT ? stage_labels[stage] : "";
}

int project_stage_parse(const char *text)
{
	static const struct { const char *name; int stage; } other[] = {
		{ "创业构想", PS_IDEA }, { "项目立项", PS_REGISTERED }, { "实习基地", PS_INCUBATING },
		{ "孵化/实习基地", PS_INCUBATING }, { "入驻", PS_INCUBATING }, { "创业资金", PS_FUNDED },
		{ "资金", PS_FUNDED }, { "获资金", PS_FUNDED }, { "营业", PS_OPENED },
		{ "成功创业", PS_OPENED }, { "经营", PS_OPERATING }, { "关闭", PS_CLOSED },
		{ "歇业", PS_CLOSED },
	};
	if (!text)
		return -1;
	char *t = text_clean(text);
	int found = -1;
	for (int s = 0; found < 0 && s < PS__COUNT; s++)
		if (strcasecmp(t, stage_codes[s]) == 0 || strcmp(t, stage_labels[s]) == 0)
			found = s;
	for (size_t i = 0; found < 0 && i < ARRAY_LEN(other); i++)
		if (strcmp(t, other[i].name) == 0)
			found = other[i].stage;
	free(t);
	return found;
}

static int stage_of_code(const char *code)
{
	for (int s = 0; code && s < PS__COUNT; s++)
		if (strcmp(code, stage_codes[s]) == 0)
			return s;
	return PS_IDEA;
}

struct project *project_new(void)
{
	struct project *p = xcalloc(1, sizeof *p);
	project_set(p, PF_STAGE, "idea");
	return p;
}

void project_free(struct project **pp)
{
	struct project *p = *pp;
	if (!p)
		return;
	field_values_free(p->v, PF__COUNT);
	free(p->created_at);
	free(p->updated_at);
	free(p->updated_by);
	free(p);
	*pp = NULL;
}

void project_set(struct project *p, int field, const char *value)
{
	field_value_set(&p->v[field], value);
}

const char *project_get(const struct project *p, int field)
{
	return field_value_get(p->v[field]);
}

char *project_display(const struct project *p, int field)
{
	if (field == PF_STAGE)
		return xstrdup(project_stage_label(p->stage));
	return ent_show(&project_fields[field], p->v[field]);
}

static const char sql_select[] =
	"SELECT p.id, p.version, p.resident_id, coalesce(p.course_id, 0), p.created_at, "
	"coalesce(p.updated_at, p.created_at), coalesce(p.updated_by, p.created_by), "
	"p.code, r.id_no, r.name, p.idea, p.trade, p.place, c.code, p.idea_on, p.jobs, p.jobs_women, "
	"p.note, p.stage, p.registered_on, p.base, p.incubated_on, p.fund, p.fund_fen, p.funded_on, "
	"p.business_name, p.credit_code, p.opened_on, p.operating_on, p.closed_on, p.close_reason "
	"FROM project p JOIN resident r ON r.id = p.resident_id "
	"LEFT JOIN course c ON c.id = p.course_id WHERE p.id = ?1";
enum { SEL_FIELDS = 7 };

int project_load(struct jy_db *db, int64_t id, struct project **out, struct jy_err *err)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, sql_select, err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_reset(st);
		if (s == SQLITE_DONE)
			return err_set(err, JY_ENOTFOUND, NULL, _("project %lld not found"), (long long)id);
		return db_fail(db, err, _("reading a project"));
	}
	struct project *p = xcalloc(1, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->resident_id = sqlite3_column_int64(st, 2);
	p->course_id = sqlite3_column_int64(st, 3);
	p->created_at = db_col_str(st, 4);
	p->updated_at = db_col_str(st, 5);
	p->updated_by = db_col_str(st, 6);
	for (int f = 0; f < PF__COUNT; f++)
		p->v[f] = db_col_str(st, f + SEL_FIELDS);
	sqlite3_reset(st);
	p->stage = stage_of_code(p->v[PF_STAGE]);
	p->fund_fen = strtoll(project_get(p, PF_FUNDAMT), NULL, 10);
	ent_fen_field(&p->v[PF_FUNDAMT]);
	/* her project is hers: seen by the workers of her community only */
	int rc = resident_access(db, p->resident_id, OP_VIEW, err);
	if (rc) {
		project_free(&p);
		return rc;
	}
	*out = p;
	return JY_OK;
}

int project_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err)
{
	return ent_find_code(db, "SELECT id FROM project WHERE code = ?1", code, _("reading the projects"), id, err);
}

/* The worker-typed fields checked, the founder and the course found. */
static int project_validate(struct jy_db *db, struct project *p, struct jy_err *err)
{
	int rc = ent_check_fields(db, project_fields, PF_TYPED, p->v, err);
	if (rc)
		return rc;
	if ((rc = ent_resident(db, p->v[PF_IDNO], OP_EDIT, &p->resident_id, err)))
		return rc;
	if (p->v[PF_CODE]) {
		char *c = ent_code_canon(p->v[PF_CODE]);
		free(p->v[PF_CODE]);
		p->v[PF_CODE] = c;
	}
	p->course_id = 0;
	if (p->v[PF_COURSE]) {
		rc = course_find_code(db, p->v[PF_COURSE], &p->course_id, err);
		if (rc == JY_ENOTFOUND)
			return err_set(err, JY_EINVAL, project_fields[PF_COURSE].label,
			               _("no course has the code %s: give the code of the SYB course she "
			                 "took (K-003 ...)"), p->v[PF_COURSE]);
		if (rc)
			return rc;
	}
	char d[11];
	if ((rc = ent_date(p->v[PF_IDEAON], project_fields[PF_IDEAON].label, d, err)))
		return rc;
	project_set(p, PF_IDEAON, d);
	long jobs = strtol(project_get(p, PF_JOBS), NULL, 10);
	long women = strtol(project_get(p, PF_JOBSW), NULL, 10);
	if (women > jobs)
		return err_set(err, JY_EINVAL, project_fields[PF_JOBSW].label,
		               _("%ld women among %ld jobs created: the women are some of the jobs"),
		               women, jobs);
	/* the idea cannot come after a stage already reached */
	for (int s = PS_REGISTERED; s <= p->stage; s++)
		if (p->v[stage_date[s]] && strcmp(d, p->v[stage_date[s]]) > 0)
			return err_set(err, JY_EINVAL, project_fields[PF_IDEAON].label,
			               _("%s is after the project's %s on %s"), d, stage_labels[s],
			               p->v[stage_date[s]]);
	return JY_OK;
}

static void bind_typed(sqlite3_stmt *st, const struct project *p)
{
	/* ?5 code, ?6 resident, ?7 idea, ?8 trade, ?9 place, ?10 course, ?11 idea_on, ?12 jobs,
	 * ?13 jobs_women, ?14 note */
	db_bind_text(st, 5, p->v[PF_CODE]);
	sqlite3_bind_int64(st, 6, p->resident_id);
	db_bind_text(st, 7, p->v[PF_IDEA]);
	db_bind_text(st, 8, p->v[PF_TRADE]);
	db_bind_text(st, 9, p->v[PF_PLACE]);
	if (p->course_id)
		sqlite3_bind_int64(st, 10, p->course_id);
	db_bind_text(st, 11, p->v[PF_IDEAON]);
	sqlite3_bind_int64(st, 12, strtoll(project_get(p, PF_JOBS), NULL, 10));
	sqlite3_bind_int64(st, 13, strtoll(project_get(p, PF_JOBSW), NULL, 10));
	db_bind_text(st, 14, p->v[PF_NOTE]);
}

static int project_insert(struct jy_db *db, struct project *p, struct jy_err *err)
{
	char now[32], code[24];
	time_now_iso(now);
	int rc;
	if (!p->v[PF_CODE]) {
		if ((rc = ent_next_code(db, "project", 'P', code, err)))
			return rc;
		project_set(p, PF_CODE, code);
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO project(code, resident_id, idea, trade, place, course_id, idea_on, jobs, "
		"jobs_women, note, stage, created_at, created_by, updated_at, updated_by) VALUES "
		"(?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'idea', ?2, ?3, ?2, ?3)", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	bind_typed(st, p);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, project_fields[PF_CODE].label,
			               _("project code %s is already in use; leave it empty for the next "
			                 "free one"), p->v[PF_CODE]);
		return db_fail(db, err, _("saving the project"));
	}
	p->id = sqlite3_last_insert_rowid(db_handle(db));
	p->version = 1;
	p->stage = PS_IDEA;
	project_set(p, PF_STAGE, "idea");
	xstrset(&p->updated_at, now);
	xstrset(&p->updated_by, db_actor(db)->os_user);
	char *json = field_changes(project_fields, PF_TYPED, NULL, p->v);
	rc = history_add(db, "project", p->id, "create", json, err);
	free(json);
	return rc;
}

static int project_update(struct jy_db *db, struct project *p, struct jy_err *err)
{
	struct project *old = NULL;
	int rc = project_load(db, p->id, &old, err);
	if (rc)
		return rc;
	if (old->version != p->version) {
		project_free(&old);
		return ent_conflict(err, p->id);
	}
	if (!p->v[PF_CODE])
		project_set(p, PF_CODE, old->v[PF_CODE]);
	char *json = field_changes(project_fields, PF_TYPED, old->v, p->v);
	project_free(&old);
	if (!json)
		return JY_OK;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE project SET code = ?5, resident_id = ?6, idea = ?7, trade = ?8, place = ?9, "
		"course_id = ?10, idea_on = ?11, jobs = ?12, jobs_women = ?13, note = ?14, "
		"version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND version = ?4",
		err);
	if (!st) {
		free(json);
		return JY_EDB;
	}
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, p->version);
	bind_typed(st, p);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || sqlite3_changes(db_handle(db)) != 1) {
		free(json);
		if (rc == SQLITE_DONE)
			return ent_conflict(err, p->id);
		if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JY_EDUP, project_fields[PF_CODE].label,
			               _("project code %s is already in use; leave it empty for the next "
			                 "free one"), p->v[PF_CODE]);
		return db_fail(db, err, _("saving the project"));
	}
	rc = history_add(db, "project", p->id, "update", json, err);
	free(json);
	if (!rc) {
		p->version++;
		xstrset(&p->updated_at, now);
		xstrset(&p->updated_by, db_actor(db)->os_user);
	}
	return rc;
}

int project_save(struct jy_db *db, struct project *p, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	int rc = access_check(db, OP_EDIT, NULL, err);
	if (!rc)
		rc = project_validate(db, p, err);
	if (rc)
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	rc = p->id ? project_update(db, p, err) : project_insert(db, p, err);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/* ---- stages ------------------------------------------------------------------------------------ */

/* The latest date the project has reached a stage on (its idea's at least). */
static const char *project_last_date(const struct project *p)
{
	const char *last = project_get(p, PF_IDEAON);
	for (int s = PS_REGISTERED; s < PS__COUNT; s++)
		if (p->v[stage_date[s]] && strcmp(p->v[stage_date[s]], last) > 0)
			last = p->v[stage_date[s]];
	return last;
}

/* Whether stage may follow the project's current one, and what it needs. Fills v (a copy of the
 * project's values) with what the stage sets. */
static int stage_check(struct jy_db *db, const struct project *p, int stage, const char *date,
                       const struct project_step *s, char **v, struct jy_err *err)
{
	const char *label = "项目状态";
	if (stage < 0 || stage >= PS__COUNT)
		return err_set(err, JY_EINVAL, label, _("not a stage; accepted: 立项, 孵化, 获得创业资金, "
		               "开业, 运营, 停业"));
	if (stage <= p->stage)
		return err_set(err, JY_EINVAL, label, _("the project is at %s already: a project goes "
		               "forward only (构想 → 立项 → 孵化 → 获得创业资金 → 开业 → 运营 / 停业)"),
		               stage_labels[p->stage]);
	if ((stage == PS_OPERATING || stage == PS_CLOSED) && p->stage < PS_OPENED)
		return err_set(err, JY_EINVAL, label, _("%s comes after 开业: the business has not "
		               "opened yet"), stage_labels[stage]);
	const char *last = project_last_date(p);
	if (strcmp(date, last) < 0)
		return err_set(err, JY_EINVAL, project_fields[stage_date[stage]].label,
		               _("%s is before the project's last stage (%s): each stage is dated on or "
		                 "after the one before"), date, last);
	field_value_set(&v[stage_date[stage]], date);
	field_value_set(&v[PF_STAGE], stage_codes[stage]);
	switch (stage) {
	case PS_INCUBATING:
		if (!s || text_is_blank(s->base))
			return err_set(err, JY_EINVAL, project_fields[PF_BASE].label,
			               _("required: the incubation or internship base (孵化基地 / 实习基地)"));
		free(v[PF_BASE]);
		v[PF_BASE] = text_clean(s->base);
		break;
	case PS_FUNDED:
		if (!s || s->fund_fen <= 0)
			return err_set(err, JY_EINVAL, project_fields[PF_FUNDAMT].label,
			               _("required: the start-up fund granted, in yuan (e.g. 5000 or 1万)"));
		char y[32];
		money_yuan(s->fund_fen, y);
		free(v[PF_FUNDAMT]);
		v[PF_FUNDAMT] = xstrdup(y);
		free(v[PF_FUND]);
		v[PF_FUND] = text_is_blank(s->fund) ? NULL : text_clean(s->fund);
		break;
	case PS_OPENED: {
		if (!s || text_is_blank(s->business))
			return err_set(err, JY_EINVAL, project_fields[PF_BIZ].label,
			               _("required: the business's name (a farm without a licence too: "
			                 "e.g. 周红霞蛋鸡养殖场)"));
		free(v[PF_BIZ]);
		v[PF_BIZ] = text_clean(s->business);
		free(v[PF_CREDIT]);
		v[PF_CREDIT] = NULL;
		const char *cc = s->credit_code;
		if (!text_is_blank(cc) && strcmp(cc, "无") != 0 && strcmp(cc, "没有") != 0) {
			char code[19];
			struct jy_err e = { 0 };
			if (credit_code_parse(cc, code, &e))
				return err_set(err, JY_EINVAL, project_fields[PF_CREDIT].label, "%s", e.msg);
			v[PF_CREDIT] = xstrdup(code);
		}
		break;
	}
	case PS_CLOSED:
		if (!s || text_is_blank(s->reason))
			return err_set(err, JY_EINVAL, project_fields[PF_CLOSEWHY].label,
			               _("required: why the business closed"));
		free(v[PF_CLOSEWHY]);
		v[PF_CLOSEWHY] = text_clean(s->reason);
		break;
	}
	(void)db;
	return JY_OK;
}

/* Opening the business is her employment: 自主创业, as 个体经营 when it is registered (a credit
 * code) and as 其他自主就业 when it is not. */
static int project_employment(struct jy_db *db, const struct project *p, char **v,
                              struct jy_err *err)
{
	char *note = xasprintf("创业项目 %s 开业", v[PF_CODE]);
	struct status_event e = {
		.resident_id = p->resident_id, .date = v[PF_OPENON], .status = "22",
		.form = v[PF_CREDIT] ? "021" : "023", .employer = v[PF_BIZ], .note = note,
	};
	int rc = status_event_add(db, &e, err);
	free(note);
	return rc;
}

int project_advance(struct jy_db *db, struct project *p, int stage, const char *date,
                    const struct project_step *s, struct jy_err *err)
{
	struct jy_err local;
	if (!err)
		err = &local;
	err_clear(err);
	char d[11];
	char *v[PF__COUNT];
	int rc = resident_access(db, p->resident_id, OP_EDIT, err);
	if (rc)
		return rc;
	if (stage >= 0 && stage < PS__COUNT &&
	    (rc = ent_date(date, project_fields[stage_date[stage]].label, d, err)))
		return rc;
	field_values_dup(v, p->v, PF__COUNT);
	if ((rc = stage_check(db, p, stage, d, s, v, err)))
		goto out;
	if ((rc = db_begin(db, err)))
		goto out;
	char now[32];
	time_now_iso(now);
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE project SET stage = ?5, registered_on = ?6, base = ?7, incubated_on = ?8, "
		"fund = ?9, fund_fen = ?10, funded_on = ?11, business_name = ?12, credit_code = ?13, "
		"opened_on = ?14, operating_on = ?15, closed_on = ?16, close_reason = ?17, "
		"version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND version = ?4",
		err);
	if (!st) {
		rc = JY_EDB;
		goto rollback;
	}
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, db_actor(db)->os_user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, p->version);
	int64_t fund = stage == PS_FUNDED ? s->fund_fen : p->fund_fen;
	for (int f = PF_STAGE; f < PF__COUNT; f++) {
		if (f != PF_FUNDAMT)
			db_bind_text(st, 5 + f - PF_STAGE, v[f]);
		else if (fund > 0)
			sqlite3_bind_int64(st, 5 + f - PF_STAGE, fund);
	}
	int s2 = sqlite3_step(st);
	sqlite3_reset(st);
	if (s2 != SQLITE_DONE) {
		rc = db_fail(db, err, _("saving the project"));
		goto rollback;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		rc = ent_conflict(err, p->id);
		goto rollback;
	}
	char *json = field_changes(project_fields + PF_STAGE, PF__COUNT - PF_STAGE, p->v + PF_STAGE,
	                           v + PF_STAGE);
	rc = history_add(db, "project", p->id, "stage", json, err);
	free(json);
	if (!rc && stage == PS_OPENED)
		rc = project_employment(db, p, v, err);
	if (rc)
		goto rollback;
	if ((rc = db_commit(db, err)))
		goto out;
	for (int f = 0; f < PF__COUNT; f++) {
		free(p->v[f]);
		p->v[f] = v[f];
		v[f] = NULL;
	}
	p->stage = stage;
	p->fund_fen = fund;
	p->version++;
	xstrset(&p->updated_at, now);
	xstrset(&p->updated_by, db_actor(db)->os_user);
	goto out;
rollback:
	db_rollback(db);
out:
	field_values_free(v, PF__COUNT);
	return rc;
}
