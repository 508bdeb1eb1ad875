/* core/admin/audit.c: the audit trail browsed: by worker, record, field, event and period, newest first,
 * a page at a time, and exported ("filter by user, time, event and
 * person"). The rows are the history table's (history.c writes and verifies them).
 *
 * Retention (audit.keep_years, default 3; PIPL art. 56 asks three years for records of processing,
 * CSL art. 21 six months for logs): jiuye has no path that deletes a row of the trail at all, and
 * the schema refuses DELETE, so no row younger than the setting is ever removed. A purge of rows
 * older than the setting, if an office ever needs one, would have to keep the chain verifiable
 * from a stored anchor and record itself first. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "store/sql.h"

/* The events in the workers' words, as field labels are: the same in every locale, in the
 * browser, its filter and the files it writes. */
static const struct {
	const char *event, *label;
} audit_events[] = {
	{ "view", "查看" }, { "create", "新建" }, { "change", "修改" }, { "close", "注销" },
	{ "export", "导出" }, { "import", "导入" }, { "login", "登录" }, { "lock", "锁定" },
	{ "unlock", "解锁" }, { "seal", "封存" },
};

const char *audit_event_label(const char *event)
{
	for (size_t i = 0; event && i < ARRAY_LEN(audit_events); i++)
		if (strcmp(audit_events[i].event, event) == 0)
			return audit_events[i].label;
	return event ? event : "";
}

static const char *audit_event_parse(const char *text)
{
	for (size_t i = 0; i < ARRAY_LEN(audit_events); i++)
		if (strcasecmp(text, audit_events[i].event) == 0 || strcmp(text, audit_events[i].label) == 0)
			return audit_events[i].event;
	return NULL;
}

/* The field tables a history entity's changes are keyed by. */
static const struct field_def *audit_fields_of(const char *entity, int *n)
{
	static const struct {
		const char *entity;
		const struct field_def *defs;
		int n;
	} t[] = {
		{ "resident", resident_fields, RF__COUNT },
		{ "course", course_fields, CF__COUNT },
		{ "enrolment", enrol_fields, EF__COUNT },
		{ "session", session_fields, SF__COUNT },
		{ "project", project_fields, PF__COUNT },
		{ "loan", loan_fields, LF__COUNT },
		{ "rights_case", case_fields, KF__COUNT },
		{ "broker", broker_fields, BF__COUNT },
		{ "outlet", outlet_fields, OF__COUNT },
		{ "fee", fee_fields, FEF__COUNT },
		{ "mentor_pair", pair_fields, PRF__COUNT },
		{ "helper", helper_fields, HF__COUNT },
		{ "women_org", org_fields, ORGF__COUNT },
		{ "org_member", member_fields, MF__COUNT },
		{ "assistance", assist_fields, ASF__COUNT },
	};
	for (size_t i = 0; entity && i < ARRAY_LEN(t); i++)
		if (strcmp(t[i].entity, entity) == 0) {
			*n = t[i].n;
			return t[i].defs;
		}
	*n = 0;
	return NULL;
}

/* The keys the facts, referrals and placements write into a record's history (facts.c,
 * referral.c, placement.c), where they are no column of the record's own table. */
static const struct field_def other_keys[] = {
	{ "type", "证件类型", NULL, FK_CODE, "cert_type", 0, 0 },
	{ "number", "证件编号", NULL, FK_TEXT, NULL, 0, 0 },
	{ "issue_date", "发证日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "date", "日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "resident_id", "居民", NULL, FK_TEXT, NULL, 0, 0 },      /* a fee's (processing.c) */
	{ "outlet_id", "网点", NULL, FK_TEXT, NULL, 0, 0 },
	{ "status", "就业状态", NULL, FK_CODE, "emp_status", 0, 0 },
	{ "form", "就业形式", NULL, FK_CODE, "emp_form", 0, 0 },
	{ "employer", "就业单位", NULL, FK_TEXT, NULL, 0, 0 },
	{ "kind", "走访方式", NULL, FK_CODE, "visit_kind", 0, 0 },
	{ "next_due", "下次走访", NULL, FK_DATE, NULL, 0, 0 },
	{ "content", "走访内容", NULL, FK_TEXT, NULL, 0, 0 },
	{ "course", "培训班", NULL, FK_TEXT, NULL, 0, 0 },
	{ "posting", "岗位", NULL, FK_TEXT, NULL, 0, 0 },
	{ "stage", "进展", NULL, FK_CODE, "ref_stage", 0, 0 },
	{ "referred_on", "推荐日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "stage_on", "进展日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "channel", "推荐方式", NULL, FK_TEXT, NULL, 0, 0 },
	{ "start_date", "上岗日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "subsidy_end", "补贴截止", NULL, FK_DATE, NULL, 0, 0 },
	{ "end_date", "离岗日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "end_reason", "离岗原因", NULL, FK_TEXT, NULL, 0, 0 },
	{ "contract", "签订劳动合同", NULL, FK_BOOL, NULL, 0, 0 },
	/* a loan's steps, 放款 and payments (core/enterprise/loan.c) */
	{ "step_no", "审批步骤", NULL, FK_TEXT, NULL, 0, 0 },
	{ "step_name", "步骤名称", NULL, FK_TEXT, NULL, 0, 0 },
	{ "lent", "放款金额", NULL, FK_TEXT, NULL, 0, 0 },
	{ "rate", "年利率", NULL, FK_TEXT, NULL, 0, 0 },
	{ "repaid", "还款金额", NULL, FK_TEXT, NULL, 0, 0 },
	{ "subsidy", "贴息金额", NULL, FK_TEXT, NULL, 0, 0 },
	/* a mentoring pair's log and its end (core/casework/pair.c); in her history, its number */
	{ "pair_no", "结对编号", NULL, FK_TEXT, NULL, 0, 0 },
	{ "contact_kind", "联系方式", NULL, FK_CODE, "pair_contact", 0, 0 },
	{ "gift_kind", "款物类型", NULL, FK_CODE, "pair_gift", 0, 0 },
	{ "amount", "金额", NULL, FK_TEXT, NULL, 0, 0 },
	{ "what", "物品或事由", NULL, FK_TEXT, NULL, 0, 0 },
	{ "ended_on", "结束日期", NULL, FK_DATE, NULL, 0, 0 },
	{ "end_reason", "结束原因", NULL, FK_TEXT, NULL, 0, 0 },
	/* in her history, an assistance record's number (core/casework/assist.c) */
	{ "assist_no", "援助编号", NULL, FK_TEXT, NULL, 0, 0 },
	/* a rights case's steps (core/casework/case_step.c) */
	{ "state", "案件状态", NULL, FK_TEXT, NULL, 0, 0 },
	{ "step", "步骤", NULL, FK_TEXT, NULL, 0, 0 },
	{ "action", "办理措施", NULL, FK_CODE, "case_action", 0, 0 },
	{ "outcome", "结果", NULL, FK_TEXT, NULL, 0, 0 },
	{ "days", "延期天数", NULL, FK_TEXT, NULL, 0, 0 },
};

const struct field_def *audit_field_def(const char *entity, const char *col)
{
	int n;
	const struct field_def *defs = audit_fields_of(entity, &n);
	for (int i = 0; col && i < n; i++)
		if (defs[i].col && strcmp(defs[i].col, col) == 0)
			return &defs[i];
	for (size_t i = 0; col && i < ARRAY_LEN(other_keys); i++)
		if (strcmp(other_keys[i].col, col) == 0)
			return &other_keys[i];
	return NULL;
}

const char *audit_field_label(const char *entity, const char *col)
{
	const struct field_def *fd = audit_field_def(entity, col);
	if (fd)
		return fd->label;
	if (col && strcmp(col, "file") == 0)
		return "文件";
	if (col && strcmp(col, "rows") == 0)
		return "行数";
	return col ? col : "";
}

/* The columns a field filter may mean: its label or alias in any table, or a column name. */
static int audit_field_cols(const char *text, const char *cols[4])
{
	int n = 0;
	static const char *const entities[] = { "resident", "course", "enrolment", "session",
	                                        "project", "loan", "broker", "outlet", "fee" };
	for (size_t e = 0; e < ARRAY_LEN(entities) && n < 3; e++) {
		int nd;
		const struct field_def *defs = audit_fields_of(entities[e], &nd);
		for (int i = 0; i < nd; i++) {
			if (!defs[i].col || (strcmp(defs[i].label, text) != 0 &&
			                     (!defs[i].alias || strcasecmp(defs[i].alias, text) != 0)))
				continue;
			int dup = 0;
			for (int j = 0; j < n; j++)
				dup |= strcmp(cols[j], defs[i].col) == 0;
			if (!dup)
				cols[n++] = defs[i].col;
			break;
		}
	}
	for (size_t i = 0; n == 0 && i < ARRAY_LEN(other_keys); i++)
		if (strcmp(other_keys[i].label, text) == 0)
			cols[n++] = other_keys[i].col;
	if (n == 0)
		cols[n++] = text;
	return n;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The WHERE clause of f with its values in bind order. */
struct audit_q {
	struct jy_buf sql;
	const char *bind[16];
	int nbind;
	int64_t record_no;
	char from[11], to[11], idno[19];
	char *namekey;          /* search_name_key of a record filter that is a name */
};

/* sql with each "?%d" the next parameter (?1 is the page's seq, ?2 a record number). */
static void q_add(struct audit_q *q, const char *sql, const char *value)
{
	int no = 3 + q->nbind;
	for (const char *p = sql; *p; p++) {
		if (p[0] == '?' && p[1] == '%' && p[2] == 'd') {
			buf_addf(&q->sql, "?%d", no);
			p += 2;
		} else {
			buf_add(&q->sql, p, 1);
		}
	}
	q->bind[q->nbind++] = value;
}

/* A date of the period filter; its message on the field label. */
static int date_bound(const char *in, char out[11], const char *label, struct jy_err *err)
{
	struct jy_err e = { 0 };
	if (date_parse(in, out, &e) == JY_OK)
		return JY_OK;
	return err_set(err, JY_EINVAL, label, "%s", e.msg);
}

/* The rows a worker who does not see every community may read: a row of a resident's record, or of
 * a record that belongs to one resident (her certificates, visits, referrals, placements and
 * enrolments), only when that resident's community is one of hers, as resident_load decides; a
 * rights case's only when its community (hers, or the one it names) is; rows of no resident
 * (courses, sessions, employers, postings, workers, logins, files) as before. The changes of such
 * a row hold her values old and new (phone, address, a complaint), and its mere presence says who
 * was registered or visited where. A record that cannot be found is left out. */
static const char audit_in_scope[] =
	" AND (entity NOT IN ('resident', 'certificate', 'visit', 'referral', 'placement',"
	"  'enrolment', 'rights_case')"
	" OR (entity = 'rights_case' AND jy_in_scope((SELECT coalesce(r.community, c.community, '')"
	"  FROM rights_case c LEFT JOIN resident r ON r.id = c.resident_id"
	"  WHERE c.id = history.entity_id)))"
	" OR jy_in_scope((SELECT community FROM resident WHERE id = CASE history.entity"
	"  WHEN 'resident' THEN history.entity_id"
	"  WHEN 'certificate' THEN"
	"   (SELECT resident_id FROM certificate WHERE id = history.entity_id)"
	"  WHEN 'visit' THEN (SELECT resident_id FROM visit WHERE id = history.entity_id)"
	"  WHEN 'referral' THEN (SELECT resident_id FROM referral WHERE id = history.entity_id)"
	"  WHEN 'placement' THEN (SELECT resident_id FROM placement WHERE id = history.entity_id)"
	"  WHEN 'enrolment' THEN (SELECT resident_id FROM enrolment WHERE id = history.entity_id)"
	"  END)))";

static int audit_where(struct jy_db *db, const struct audit_filter *f, struct audit_q *q,
                       struct jy_err *err)
{
	buf_adds(&q->sql, " WHERE seq < ?1");
	if (!access_scope_all(db))
		buf_adds(&q->sql, audit_in_scope);
	if (f->worker && *f->worker)
		q_add(q, " AND os_user IN (SELECT os_user FROM worker WHERE name = ?%d UNION SELECT ?%d)",
		      f->worker);
	if (f->record && *f->record) {
		if (all_digits(f->record) && strlen(f->record) < 12) {
			q->record_no = strtoll(f->record, NULL, 10);
			buf_adds(&q->sql, " AND entity_id = ?2");
		} else if (idcard_parse(f->record, q->idno, NULL, NULL, NULL) == JY_OK) {
			q_add(q, " AND entity = 'resident' AND entity_id IN "
			         "(SELECT id FROM resident WHERE id_no = ?%d)", q->idno);
		} else {
			/* by name through the search index, the key first (as resident_check_dup) */
			q->namekey = search_name_key(f->record);
			q_add(q, " AND entity = 'resident' AND entity_id IN (SELECT r.id FROM search_key s "
			         "CROSS JOIN resident r ON r.id = s.resident_id WHERE s.community IN "
			         "(SELECT '' UNION ALL SELECT code FROM unit) AND s.key = ?%d",
			      q->namekey ? q->namekey : "");
			q_add(q, " AND r.name = ?%d)", f->record);
		}
	}
	if (f->field && *f->field) {
		const char *cols[4];
		int n = audit_field_cols(f->field, cols);
		buf_adds(&q->sql, " AND (");
		for (int i = 0; i < n; i++) {
			if (i)
				buf_adds(&q->sql, " OR ");
			/* rows from before 008 have no fields column: their changes' keys say it */
			q_add(q, "(instr(',' || fields || ',', ',' || ?%d || ',') > 0 OR (fields IS NULL AND "
			         "instr(changes, '\"' || ?%d || '\":') > 0))", cols[i]);
		}
		buf_adds(&q->sql, ")");
	}
	if (f->event && *f->event) {
		const char *ev = audit_event_parse(f->event);
		if (!ev)
			return err_set(err, JY_EINVAL, "事件",
			               _("%s: not an event; accepted: 查看 新建 修改 注销 导出 导入 登录 锁定 解锁"),
			               f->event);
		q_add(q, " AND event = ?%d", ev);
		/* the WHERE of the partial index history_rare (007_audit.sql), word for word */
		if (strcmp(ev, "create") != 0 && strcmp(ev, "change") != 0)
			buf_adds(&q->sql, " AND event NOT IN ('create', 'change')");
	}
	if (f->from && *f->from) {
		if (date_bound(f->from, q->from, "起始日期", err))
			return JY_EINVAL;
		q_add(q, " AND substr(at, 1, 10) >= ?%d", q->from);
	}
	if (f->to && *f->to) {
		if (date_bound(f->to, q->to, "截止日期", err))
			return JY_EINVAL;
		q_add(q, " AND substr(at, 1, 10) <= ?%d", q->to);
	}
	return JY_OK;
}

static const char audit_cols[] =
	"SELECT seq, at, os_user, worker, entity, entity_id, action, changes, src, role, event, fields, "
	"result FROM history";

/* The filter's statement, its values bound, ?1 = before. Caller finalizes. */
static int audit_prepare(struct jy_db *db, const struct audit_filter *f, int64_t before, int limit,
                         sqlite3_stmt **out, struct jy_err *err)
{
	struct audit_q q = { 0 };
	buf_adds(&q.sql, audit_cols);
	int rc = audit_where(db, f, &q, err);
	if (!rc) {
		buf_addf(&q.sql, " ORDER BY seq DESC");
		if (limit > 0)
			buf_addf(&q.sql, " LIMIT %d", limit);
		if (sqlite3_prepare_v2(db_handle(db), q.sql.s, -1, out, NULL) != SQLITE_OK)
			rc = db_fail(db, err, _("reading the history"));
	}
	if (!rc) {
		sqlite3_bind_int64(*out, 1, before > 0 ? before : INT64_MAX);
		sqlite3_bind_int64(*out, 2, q.record_no);
		for (int i = 0; i < q.nbind; i++)
			sqlite3_bind_text(*out, 3 + i, q.bind[i], -1, SQLITE_TRANSIENT);
	}
	buf_free(&q.sql);
	free(q.namekey);
	return rc;
}

int audit_page(struct jy_db *db, const struct audit_filter *f, int64_t before, int limit,
               int (*cb)(void *arg, const struct history_entry *h), void *arg, int64_t *next,
               struct jy_err *err)
{
	sqlite3_stmt *st;
	*next = 0;
	int rc = access_check(db, OP_AUDIT, NULL, err);     /* 审核 and 管理员 (core/store/access.c) */
	if (rc)
		return rc;
	rc = audit_prepare(db, f, before, limit + 1, &st, err);
	if (rc)
		return rc;
	int n = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry h;
		history_entry_read(st, &h);
		if (n == limit) {
			*next = h.seq + 1;      /* the rows below the last shown */
			break;
		}
		if ((rc = cb(arg, &h)))
			break;
		n++;
	}
	sqlite3_finalize(st);
	if (!rc && s != SQLITE_ROW && s != SQLITE_DONE)
		rc = db_fail(db, err, _("reading the history"));
	return rc;
}

struct audit_out {
	struct jy_db *db;
	const struct audit_filter *f;
};

/* Names, never the values of the changes: an export of the trail says who touched which fields of
 * which record; the old and new values stay in the database (fields, no values). */
static const struct sheet_col audit_sheet_cols[] = {
	{ "序号", SC_INT, 10 }, { "时间", SC_TEXT, 26 }, { "经办人", SC_TEXT, 12 },
	{ "系统用户", SC_TEXT, 12 }, { "来源地址", SC_TEXT, 16 }, { "角色", SC_TEXT, 8 },
	{ "事件", SC_TEXT, 12 }, { "对象", SC_TEXT, 12 }, { "编号", SC_INT, 10 },
	{ "字段", SC_TEXT, 30 }, { "结果", SC_TEXT, 10 },
};

static int audit_write(void *ctx, struct sheet *sh, struct jy_err *err)
{
	struct audit_out *o = ctx;
	sqlite3_stmt *st;
	int rc = audit_prepare(o->db, o->f, 0, 0, &st, err);
	if (rc)
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry h;
		history_entry_read(st, &h);
		char seq[24], id[24];
		snprintf(seq, sizeof seq, "%lld", (long long)h.seq);
		snprintf(id, sizeof id, "%lld", (long long)h.entity_id);
		struct jy_buf fields = { 0 };
		for (const char *p = h.fields; p && *p;) {
			size_t n = strcspn(p, ",");
			char *col = xstrndup(p, n);
			buf_adds(&fields, fields.len ? "、" : "");
			buf_adds(&fields, audit_field_label(h.entity, col));
			free(col);
			p += n + (p[n] == ',');
		}
		const char *cells[] = {
			seq, h.at, h.worker, h.os_user, h.src, h.role ? role_label(h.role) : "",
			audit_event_label(h.event), h.entity, id, fields.s, h.result,
		};
		rc = sheet_row(sh, cells, err);
		buf_free(&fields);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	if (!rc && s != SQLITE_DONE)
		rc = db_fail(o->db, err, _("reading the history"));
	return rc;
}

int audit_export(struct jy_db *db, const struct audit_filter *f, const char *path, int format,
                 int *rows, struct jy_err *err)
{
	int n = 0;
	int rc0 = access_check(db, OP_AUDIT, NULL, err);
	if (rc0)
		return rc0;
	struct audit_out o = { db, f };
	int rc = sheet_export(path, format, "审计记录", audit_sheet_cols, (int)ARRAY_LEN(audit_sheet_cols),
	                      audit_write, &o, &n, err);
	if (rows)
		*rows = n;
	/* an export of the trail is itself in the trail: written but unrecorded is a failure */
	struct jy_err e = { 0 };
	int noted = audit_file(db, "export", "history", n, path, rc, &e);
	if (!rc && noted)
		rc = err_set(err, noted, NULL,
		             _("%s was written, but the audit trail could not record it: %s"),
		             path ? path : "-", e.msg);
	return rc;
}
