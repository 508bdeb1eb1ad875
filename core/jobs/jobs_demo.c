/* core/jobs/jobs_demo.c: the demo's jobs records completed with what the
 * jobs module adds: employer kinds and industries as codes, fictional but checksum-valid credit
 * codes (GB 32100), wages as ranges with their unit, forms of work, requirements, sources, the
 * fair's kind, every referral's dated steps, and the placements of the four hires (李桂芳's
 * public-welfare post with a subsidy that ends this month, so the due list is not empty).
 * core/admin/demo.c writes the plain rows first; this runs inside its transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs_int.h"

static const struct {
	const char *code, *kind, *industry, *credit17;
} demo_employers[] = {
	/* 9 工商登记 + 1 企业 / 3 农民专业合作社; 1 机构编制 + 2 事业单位 (GB 32100 §4) */
	{ "E01", "30", "O", "91330122MA2JY0001" },
	{ "E02", "30", "C", "91330122MA2JY0002" },
	{ "E03", "60", "S", "12330122MA2JY0003" },
	{ "E04", "30", "H", "91330122MA2JY0004" },
	{ "E05", "80", "A", "93330122MA2JY0005" },
};

static const struct {
	const char *code;
	int wmin, wmax;
	const char *unit, *form, *sex, *skills, *place, *source;
	int subsidy, fair;
} demo_posts[] = {
	{ "J-001", 2150, 0, "1", "1", NULL, NULL, "城南街道各路口", "4", 36, 0 },
	{ "J-002", 2100, 0, "1", "1", NULL, "保洁", "城南街道各社区", "4", 36, 0 },
	{ "J-003", 1200, 0, "1", "2", NULL, "家政 护理", "幸福里社区老年食堂", "4", 12, 0 },
	{ "J-004", 4500, 5500, "1", "3", "2", "家政", "桐溪县城区", "3", 0, 1 },
	{ "J-005", 7800, 9800, "4", "3", "2", "母婴护理", "桐溪县城区", "5", 0, 0 },
	{ "J-006", 4200, 5800, "1", "1", NULL, "缝纫", "城北工业园", "3", 0, 1 },
	{ "J-007", 20, 0, "3", "2", NULL, "餐厅服务", "南门路126号", "4", 0, 0 },
	{ "J-008", 130, 0, "2", "5", NULL, "采摘 分拣", "溪口镇红星村", "4", 0, 0 },
};

/* The check character that makes first17 a valid credit code. */
static void credit_make(const char *first17, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char try[19];
	out[0] = '\0';
	for (const char *c = alphabet; *c; c++) {
		snprintf(try, sizeof try, "%.17s%c", first17, *c);
		if (credit_code_parse(try, out, NULL) == JY_OK)
			return;
	}
}

static int step(struct jy_db *db, sqlite3_stmt *st, struct jy_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? JY_OK : db_fail(db, err, "demo");
}

static int demo_employers_fix(struct jy_db *db, struct jy_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_employers); i++) {
		char credit[19];
		credit_make(demo_employers[i].credit17, credit);
		int64_t id;
		char *name = NULL;
		int rc = jobrec_find_code(db, JR_EMPLOYER, demo_employers[i].code, &id, err);
		if (rc == JY_ENOTFOUND)
			continue;
		if (rc || (rc = employer_name(db, id, &name, err)))
			return rc;
		const char *extra[] = { demo_employers[i].code, credit };
		char *skey = jobs_skey(name, extra, 2);
		sqlite3_stmt *st = db_prepare(db, "UPDATE employer SET kind = ?2, industry = ?3, credit_code = ?4, "
		                              "skey = ?5, updated_at = created_at, updated_by = created_by WHERE id = ?1", err);
		rc = JY_EDB;
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, demo_employers[i].kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, demo_employers[i].industry, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, credit, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 5, skey, -1, SQLITE_TRANSIENT);
			rc = step(db, st, err);
		}
		free(name);
		free(skey);
		if (rc)
			return rc;
	}
	return JY_OK;
}

/* A posting's search key into *key (Caller frees). */
static int posting_key(struct jy_db *db, int64_t id, char **key, struct jy_err *err)
{
	char *title = NULL, *code = NULL, *emp = NULL;
	*key = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT p.title, p.code, e.name FROM posting p JOIN employer e ON "
	                              "e.id = p.employer_id WHERE p.id = ?1", err);
	if (!st)
		return JY_EDB;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		title = db_col_str(st, 0);
		code = db_col_str(st, 1);
		emp = db_col_str(st, 2);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, "demo");
	const char *extra[] = { code, emp };
	char *a = jobs_skey(title, extra, 2), *b = jobs_skey(emp, NULL, 0);
	*key = xasprintf("%s%s", a, b);
	free(a);
	free(b);
	free(title);
	free(code);
	free(emp);
	return JY_OK;
}

static int demo_postings_fix(struct jy_db *db, struct jy_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_posts); i++) {
		int64_t id;
		char *skey = NULL;
		int rc = jobrec_find_code(db, JR_POSTING, demo_posts[i].code, &id, err);
		if (rc == JY_ENOTFOUND)
			continue;
		if (rc || (rc = posting_key(db, id, &skey, err)))
			return rc;
		sqlite3_stmt *st = db_prepare(db,
			"UPDATE posting SET wage_min = ?2, wage_max = ?3, wage_unit = ?4, work_form = ?5, sex_req = ?6, "
			"skills = ?7, place = ?8, source = ?9, subsidy_months = ?10, skey = ?11, "
			"fair_id = CASE WHEN ?12 THEN (SELECT min(id) FROM fair) END, "
			"updated_at = created_at, updated_by = created_by WHERE id = ?1", err);
		rc = JY_EDB;
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int(st, 2, demo_posts[i].wmin);
			if (demo_posts[i].wmax)
				sqlite3_bind_int(st, 3, demo_posts[i].wmax);
			db_bind_text(st, 4, demo_posts[i].unit);
			db_bind_text(st, 5, demo_posts[i].form);
			db_bind_text(st, 6, demo_posts[i].sex);
			db_bind_text(st, 7, demo_posts[i].skills);
			db_bind_text(st, 8, demo_posts[i].place);
			db_bind_text(st, 9, demo_posts[i].source);
			if (demo_posts[i].subsidy)
				sqlite3_bind_int(st, 10, demo_posts[i].subsidy);
			sqlite3_bind_text(st, 11, skey, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 12, demo_posts[i].fair);
			rc = step(db, st, err);
		}
		free(skey);
		if (rc)
			return rc;
	}
	return JY_OK;
}

static int demo_fair_fix(struct jy_db *db, struct jy_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, name, code, place FROM fair", err);
	if (!st)
		return JY_EDB;
	int64_t ids[8];
	char *keys[8];
	int n = 0, s = SQLITE_DONE;
	while (n < 8 && (s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *extra[] = { (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3) };
		ids[n] = sqlite3_column_int64(st, 0);
		keys[n++] = jobs_skey((const char *)sqlite3_column_text(st, 1), extra, 2);
	}
	sqlite3_reset(st);
	int rc = s == SQLITE_ROW || s == SQLITE_DONE ? JY_OK : db_fail(db, err, "demo");
	for (int i = 0; i < n; i++) {
		st = db_prepare(db, "UPDATE fair SET kind = coalesce((SELECT code FROM code WHERE list = 'fair_kind' "
		                "AND label = fair.kind), kind), co_organisers = '县人社局、总工会、妇联', skey = ?2, "
		                "updated_at = created_at, updated_by = created_by WHERE id = ?1", err);
		if (!st) {
			rc = JY_EDB;
		} else if (!rc) {
			sqlite3_bind_int64(st, 1, ids[i]);
			sqlite3_bind_text(st, 2, keys[i], -1, SQLITE_TRANSIENT);
			rc = step(db, st, err);
		}
		free(keys[i]);
	}
	return rc;
}

/* Each referral's dated steps, and a placement for each hire from the hired resident's status
 * change (its form and date). */
static int demo_referrals_fix(struct jy_db *db, const char *subsidy_end, struct jy_err *err)
{
	static const char *const sql[] = {
		"INSERT INTO referral_stage(referral_id, stage, date, created_at, created_by) "
		"SELECT id, 'referred', referred_on, created_at, created_by FROM referral ORDER BY id",
		"INSERT INTO referral_stage(referral_id, stage, date, created_at, created_by) "
		"SELECT id, stage, stage_on, created_at, created_by FROM referral WHERE stage <> 'referred' ORDER BY id",
		"INSERT INTO placement(resident_id, referral_id, posting_id, employer_id, form, start_date, "
		"public_welfare, subsidy_end, contract, created_at, created_by, updated_at, updated_by) "
		"SELECT r.resident_id, r.id, r.posting_id, p.employer_id, se.form, se.date, p.public_welfare, "
		"CASE WHEN p.public_welfare = 1 THEN ?1 END, se.form = '010', r.created_at, r.created_by, "
		"r.created_at, r.created_by FROM referral r JOIN posting p ON p.id = r.posting_id "
		"JOIN status_event se ON se.resident_id = r.resident_id AND se.form IS NOT NULL "
		"WHERE r.stage = 'hired' ORDER BY r.id",
		"UPDATE referral SET updated_at = created_at, updated_by = created_by",
	};
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		sqlite3_stmt *st = db_prepare(db, sql[i], err);
		if (!st)
			return JY_EDB;
		if (i == 2)
			sqlite3_bind_text(st, 1, subsidy_end, -1, SQLITE_TRANSIENT);
		int rc = step(db, st, err);
		if (rc)
			return rc;
	}
	return referral_fill_keys(db, err);
}

int jobs_demo(struct jy_db *db, int months_shift, struct jy_err *err)
{
	char sub[11];
	/* the brief's latest month is 2024-07: her subsidy ends at the end of the demo's current month */
	date_add_months("2024-07-31", months_shift, sub);
	int rc = demo_employers_fix(db, err);
	if (!rc)
		rc = demo_postings_fix(db, err);
	if (!rc)
		rc = demo_fair_fix(db, err);
	if (!rc)
		rc = demo_referrals_fix(db, sub, err);
	return rc;
}
