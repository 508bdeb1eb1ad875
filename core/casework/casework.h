/* core/casework/casework.h: the women's federation's casework: rights cases and petitions
 * (维权 / 信访) with their dated steps, time limits and due list, who may read them, and cases from
 * and to files; mentoring pairs (结对帮扶); assistance and relief records (就业援助 / 帮困救助). */
#ifndef JY_CASEWORK_H
#define JY_CASEWORK_H

#include "jobs/jobs.h"
#include "training/training.h"


/* ---- rcase.c: a rights case (维权案件 / 来信来访) ---------------------------------------------- */
/* The intake form and the files' columns. 身份证号 names a registered resident (her name, phone and
 * community are then hers); a woman not yet registered is 姓名, 联系电话 and 社区, linked later. */
#define CASE_FIELDS(X) \
	X(NO,        case_no,       "案件编号",   "case_no",       FK_TEXT,  NULL,           20, FF_CSV) \
	X(RECEIVED,  received_on,   "登记日期",   "received_on",   FK_DATE,  NULL,           10, FF_CSV) \
	X(TIME,      received_time, "登记时间",   "received_time", FK_TEXT,  NULL,            5, FF_TIME | FF_CSV) \
	X(CHANNEL,   channel,       "来源渠道",   "channel",       FK_CODE,  "case_channel", 10, FF_REQ | FF_CSV) \
	X(TYPE,      type,          "案件类型",   "type",          FK_CODE,  "case_type",    10, FF_REQ | FF_CSV) \
	X(IDNO,      id_no,         "身份证号",   "id_number",     FK_IDNO,  NULL,           18, FF_SENS | FF_CSV) \
	X(NAME,      person_name,   "姓名",       "name",          FK_TEXT,  NULL,           20, FF_CSV) \
	X(PHONE,     person_phone,  "联系电话",   "phone",         FK_PHONE, NULL,           11, FF_SENS | FF_CSV) \
	X(COMMUNITY, community,     "社区",       "community",     FK_UNIT,  NULL,           32, FF_CSV) \
	X(COMPLAINT, complaint,     "诉求内容",   "complaint",     FK_TEXT,  NULL,          500, FF_REQ | FF_SENS | FF_CSV) \
	X(RESPONDENT,respondent,    "被投诉方",   "respondent",    FK_TEXT,  NULL,           60, FF_CSV) \
	X(EMPLOYER,  employer_code, "用人单位编号", "employer_code", FK_TEXT, NULL,           20, FF_CSV) \
	X(URGENCY,   urgency,       "紧急程度",   "urgency",       FK_CODE,  "case_urgency", 10, FF_CSV) \
	X(HANDLER,   handler,       "信访代理员", "handler",       FK_TEXT,  NULL,           32, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) KF_##id,
enum case_field { CASE_FIELDS(X) KF__COUNT };
#undef X
extern const struct field_def case_fields[KF__COUNT];

/* The states a case's steps leave it in, in the order they come. */
enum case_state {
	CS_REGISTERED, CS_ACCEPTED, CS_REFUSED, CS_HANDLING, CS_ANSWERED, CS_VISITED, CS_CLOSED,
	CS__COUNT
};
const char *case_state_code(int state);         /* "registered" ... as stored */
int case_state_of(const char *code);            /* -1 when unknown */
const char *case_state_label(int state);        /* 登记, 已受理, 不予受理, 办理中, 已答复, 已回访, 办结 */

struct rcase {
	int64_t id, version;
	int64_t resident_id, employer_id;       /* 0: none */
	char *v[KF__COUNT];     /* codes for FK_CODE; v[KF_IDNO] her ID number when linked */
	int state;              /* CS_* */
	char accepted_on[11], closed_on[11];
	int extend_days;        /* 0: not extended */
	char *extend_reason;
	int reopened;           /* times reopened (复查) */
	char *created_at, *created_by, *updated_at, *updated_by;
};
struct rcase *case_new(void);                   /* Caller frees with case_free. */
void case_free(struct rcase **c);
void case_set(struct rcase *c, int field, const char *value);
const char *case_get(const struct rcase *c, int field);     /* never NULL */
/* A field as a worker reads it (code labels, the community's name) into *out. Caller frees.
 * JY_EDB when the labels cannot be read. */
int case_display(struct jy_db *db, const struct rcase *c, int field, char **out, struct jy_err *err);

/* Who may read a case's text (the complaint, the person, the steps' notes): a 审核 or 管理员 whose
 * communities hold the case, and its handler. JY_OK, or JY_EPERM with a message naming the worker
 * and the case. Lists and figures need no more than the community scope (and statistics none). */
int case_may_read(struct jy_db *db, const char *handler, const char *community, struct jy_err *err);
/* Load a case with its text: case_may_read's rule, and every opening (allowed or refused) is a
 * "view" in the audit trail. JY_ENOTFOUND when there is none. */
int case_load(struct jy_db *db, int64_t id, struct rcase **out, struct jy_err *err);
/* The case numbered case_no (V-2024-003): JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB. */
int case_find_no(struct jy_db *db, const char *case_no, int64_t *id, struct jy_err *err);
/* Check and save the intake with its history.
 *   - 身份证号 must be a registered resident's (she is linked: her name, phone and community are
 *     taken from her record); without it 姓名 is required and 社区 defaults to the worker's;
 *   - the community is in the worker's communities; a clerk may register (OP_CREATE), only a
 *     reader (case_may_read) changes a case after;
 *   - 用人单位编号 names an employer (its name becomes the respondent when none is given);
 *   - the handler is a worker of the database (default: the worker saving); the date defaults
 *     to today, is not in the future;
 * New: the next V-YYYY-NNN of the year received, state 登记 with its first step. Update:
 * JY_ECONFLICT when the stored version is not c->version (nothing saved). */
int case_save(struct jy_db *db, struct rcase *c, struct jy_err *err);
/* Link a case of a woman not yet registered to her record now that she is: a reader's write,
 * audited. JY_EINVAL when the case is linked already. */
int case_link(struct jy_db *db, int64_t case_id, int64_t resident_id, struct jy_err *err);

/* A case as lists show it: its type and state, never its text nor whose it is. */
struct case_row {
	int64_t id;
	char case_no[24], received_on[11];
	char channel[12], type[12];
	int state;
	char handler[64], community[32];
	int has_limit;          /* 0: refused or closed */
	char limit[11];         /* the date the current limit ends */
	int days_left;          /* limit - today (negative: past it) */
	int urgent;
};
/* Cases in the worker's communities (JY_EPERM for statistics), newest received first, matching
 * query: the case number, the type's, channel's or state's label, the handler; "" for all.
 * Caller frees *rows. */
int case_search(struct jy_db *db, const char *query, const char *asof, struct case_row **rows,
                int *n, struct jy_err *err);
/* The due list: open cases (not refused, not closed) in the worker's communities, the fewest days
 * left first (past their limit, then near it, then the rest), as of asof. near (may be NULL) gets
 * the setting case.near_days. Caller frees *rows. */
int case_due(struct jy_db *db, const char *asof, struct case_row **rows, int *n, int *near,
             struct jy_err *err);

/* ---- case_step.c: the steps of a case and its time limits ------------------------------------ */
enum case_step_kind {
	STEP_REGISTER, STEP_ACCEPT, STEP_REFUSE, STEP_ACTION, STEP_ANSWER, STEP_VISIT, STEP_CLOSE,
	STEP_REOPEN, STEP_EXTEND, STEP__COUNT
};
const char *case_step_code(int step);           /* "register" ... as stored */
int case_step_of(const char *text);             /* code, Chinese label (受理, 调解 is an action …) or -1 */
const char *case_step_label(int step);          /* 登记 受理 不予受理 办理 答复 回访 办结 复查 延期 */
/* The state a step leaves a case in, from state: -1 when the step may not follow (no step
 * skipped, none backward): 登记 → 受理 / 不予受理 → 办理 (one or more) → 答复 → 回访 → 办结;
 * 复查 reopens a closed or refused case as accepted; 延期 (once per acceptance) keeps the
 * state of an accepted case or one being handled. */
int case_step_next(int state, int step);

struct case_step_in {
	int step;               /* STEP_* */
	const char *date;       /* default today */
	const char *action;     /* STEP_ACTION: case_action code or label */
	const char *outcome;    /* a mediation (调解): case_outcome 调解成功/未成功; STEP_VISIT: the
	                         * satisfaction (case_satisfaction) */
	const char *who;        /* who carried it out; default the worker's name */
	const char *note;       /* the reason of 不予受理, 复查 and 延期, the answer of 答复: required */
	int days;               /* STEP_EXTEND: 1 .. case.extend_max */
};
/* Add the next step of case id (a reader's: case_may_read), at version (JY_ECONFLICT when the
 * case moved on since). Checked: the step may follow the state; its date is not before the last
 * step's nor after today; its code and reason are given. Saved with the case's new state and
 * version and a "step" in its history, in one transaction. *version gets the new version. */
int case_step_add(struct jy_db *db, int64_t id, int64_t *version, const struct case_step_in *s,
                  struct jy_err *err);

struct case_step_row {
	int no, step;
	char date[11];
	char action[12], outcome[12];
	char who[64];
	char *note;             /* owned by the array: case_steps_free */
	int days;
	char by[64];            /* the worker who wrote it */
};
/* The steps of a case, in order (a reader's, recorded as an opening). Free with case_steps_free. */
int case_steps(struct jy_db *db, int64_t id, struct case_step_row **rows, int *n, struct jy_err *err);
void case_steps_free(struct case_step_row **rows, int n);

/* The time limit of a case: while registered, received + accept_days; once accepted (or
 * reopened), accepted + finish_days + extend_days; none for a refused or closed case (returns 0).
 * Returns 1 with limit (11 bytes) and *days_left = limit - asof, counted in calendar days across
 * month and year ends. Pure: the caller gives the settings. */
int case_limit_of(int state, const char *received, const char *accepted, int extend_days,
                  int accept_days, int finish_days, const char *asof, char limit[11], int *days_left);
/* The same with the settings case.accept_days (15) and case.finish_days (60). JY_EDB when they
 * cannot be read. */
int case_limit(struct jy_db *db, const struct rcase *c, const char *asof, int *has, char limit[11],
               int *days_left, struct jy_err *err);

/* ---- pair.c: mentoring pairs (结对帮扶) ------------------------------------------------------- */
/* A helper (帮扶人) of the office's list, which grows as helpers come: her name and type (巾帼文明岗,
 * 女经纪人, 女企业家 …), phone, unit, and her ID number when she is a registered resident. */
#define HELPER_FIELDS(X) \
	X(NAME,      name,        "帮扶人",     "helper",      FK_TEXT,  NULL,          20, FF_REQ | FF_CSV) \
	X(TYPE,      type,        "帮扶人类型", "helper_type", FK_CODE,  "helper_type", 10, FF_REQ | FF_CSV) \
	X(PHONE,     phone,       "联系电话",   "phone",       FK_PHONE, NULL,          13, FF_SENS | FF_CSV) \
	X(ORG,       org,         "工作单位",   "org",         FK_TEXT,  NULL,          60, FF_CSV) \
	X(IDNO,      id_no,       "身份证号",   "id_number",   FK_IDNO,  NULL,          18, FF_SENS | FF_CSV) \
	X(COMMUNITY, community,   "社区",       "community",   FK_UNIT,  NULL,          32, FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) HF_##id,
enum helper_field { HELPER_FIELDS(X) HF__COUNT };
#undef X
extern const struct field_def helper_fields[HF__COUNT];

struct helper {
	int64_t id, version;
	int64_t resident_id;    /* 0: not a registered resident */
	char *v[HF__COUNT];     /* codes for FK_CODE, the unit's code for 社区 */
};
struct helper *helper_new(void);                /* Caller frees with helper_free. */
void helper_free(struct helper **h);
void helper_set(struct helper *h, int field, const char *value);
const char *helper_get(const struct helper *h, int field);  /* never NULL */
/* Add a helper (OP_CREATE; her community, when given, in the worker's) or change one at its
 * version (JY_ECONFLICT when it moved on), with its history. 身份证号, when given, must be a
 * registered resident's. JY_EINVAL with err->field a label of HELPER_FIELDS. */
int helper_save(struct jy_db *db, struct helper *h, struct jy_err *err);
int helper_load(struct jy_db *db, int64_t id, struct helper **out, struct jy_err *err);
/* The helper a worker names: "#12", or a name that is one helper's only. JY_EINVAL (field 帮扶人)
 * naming what is wrong: none, or several (their numbers given). */
int helper_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);
struct helper_row {
	int64_t id;
	char name[64], type[12], phone[24];     /* phone masked */
	char org[128];
	int pairs;              /* her pairs not ended */
};
/* Helpers matching query (name, unit, the type's label; "" all), by name. Caller frees *rows.
 * JY_EPERM for statistics. */
int helper_search(struct jy_db *db, const char *query, struct helper_row **rows, int *n,
                  struct jy_err *err);

/* A pair: its type, the helper (by name or #number), the woman helped (by her ID number or
 * registration number: a registered resident of the worker's communities), the household when
 * it is one, the start date (default today, not in the future) and the goal. */
#define PAIR_FIELDS(X) \
	X(NO,        pair_no,     "结对编号",   "pair_no",     FK_TEXT,  NULL,        20, FF_CSV) \
	X(TYPE,      type,        "结对类型",   "type",        FK_CODE,  "pair_type", 10, FF_REQ | FF_CSV) \
	X(HELPER,    helper,      "帮扶人",     "helper",      FK_TEXT,  NULL,        24, FF_REQ | FF_CSV) \
	X(IDNO,      id_no,       "身份证号",   "id_number",   FK_TEXT,  NULL,        20, FF_REQ | FF_SENS | FF_CSV) \
	X(HOUSEHOLD, household,   "帮扶家庭",   "household",   FK_TEXT,  NULL,        40, FF_CSV) \
	X(START,     start_date,  "结对日期",   "start_date",  FK_DATE,  NULL,        10, FF_CSV) \
	X(GOAL,      goal,        "帮扶目标",   "goal",        FK_TEXT,  NULL,       200, FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) PRF_##id,
enum pair_field { PAIR_FIELDS(X) PRF__COUNT };
#undef X
extern const struct field_def pair_fields[PRF__COUNT];

/* 新增 in the first year from its start (up to the day before the anniversary), 巩固 after it,
 * 结束 from the day it ended; -1 before it started. Pure. */
enum pair_state { PAIR_NEW, PAIR_KEPT, PAIR_ENDED, PAIR__COUNT };
int pair_state_on(const char *start, const char *ended_on, const char *asof);
const char *pair_state_label(int state);        /* 新增, 巩固, 结束 */

struct mpair {
	int64_t id, version;
	int64_t helper_id, resident_id;
	char *v[PRF__COUNT];    /* v[PRF_HELPER] the helper's name, v[PRF_IDNO] her ID number */
	char ended_on[11];      /* "" while it runs */
	char *end_reason;
	char *name;             /* the woman helped (loaded) */
	char reg_no[24], community[32];
	char *updated_at, *updated_by;
};
struct mpair *pair_new(void);                   /* Caller frees with pair_free. */
void pair_free(struct mpair **p);
void pair_set(struct mpair *p, int field, const char *value);
const char *pair_get(const struct mpair *p, int field);     /* never NULL */
/* Check and save: new (OP_CREATE in her community: the next P-YYYY-NNN of the start's year) or
 * at its version (OP_EDIT; JY_ECONFLICT, nothing saved, when it moved on). An ended pair is not
 * changed. With the history of the pair and a line in hers. */
int pair_save(struct jy_db *db, struct mpair *p, struct jy_err *err);
/* The pair with id (OP_VIEW of her record). JY_ENOTFOUND. */
int pair_load(struct jy_db *db, int64_t id, struct mpair **out, struct jy_err *err);
/* The pair numbered pair_no (P-2024-011): JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB. */
int pair_find_no(struct jy_db *db, const char *pair_no, int64_t *id, struct jy_err *err);
/* End pair id at version (结束): the date (default today; not before its start, its last contact
 * or gift, nor after today) and the reason (required). Once: an ended pair stays ended. */
int pair_end(struct jy_db *db, int64_t id, int64_t *version, const char *date, const char *reason,
             struct jy_err *err);

/* A contact of a pair (走访, 电话, 帮扶活动, code list pair_contact) and what was done; money or
 * goods given (pair_gift 现金 / 物资, the amount in 元 as money_parse reads it, goods at their
 * value; what: the goods or the occasion). Dated on or after the start, not after today nor
 * after the pair ended. OP_EDIT of her record; in the pair's history. */
int pair_contact_add(struct jy_db *db, int64_t id, const char *date, const char *kind,
                     const char *content, struct jy_err *err);
int pair_gift_add(struct jy_db *db, int64_t id, const char *date, const char *kind,
                  const char *amount, const char *what, struct jy_err *err);
struct pair_log_row {
	int gift;               /* 0 a contact, 1 money or goods */
	char date[11], kind[12];
	int64_t amount_fen;     /* a gift's */
	char *text;             /* what was done; the goods or occasion (owned: pair_log_free) */
	char by[64];
};
/* The contacts and gifts of a pair, newest first (OP_VIEW). Free with pair_log_free. */
int pair_log(struct jy_db *db, int64_t id, struct pair_log_row **rows, int *n, struct jy_err *err);
void pair_log_free(struct pair_log_row **rows, int n);

/* A pair as lists show it. */
struct pair_row {
	int64_t id, resident_id;
	char pair_no[24], type[12], start[11], ended_on[11];
	char helper[64], name[64], community[32];
	int state;              /* on asof */
	char last[11];          /* the last contact, "" none */
	int quiet_days;         /* days since the last contact (or the start, when none) */
	int64_t given_fen;      /* money and goods, all told */
};
/* Pairs of residents in the worker's communities matching query (the number, her name, the
 * helper's, the type's label, 新增/巩固/结束; "" all), newest first, their state on asof (NULL
 * today). JY_EPERM for statistics. Caller frees *rows. */
int pair_search(struct jy_db *db, const char *query, const char *asof, struct pair_row **rows,
                int *n, struct jy_err *err);
/* The pairs running on asof with no contact in the last days days (0: the setting
 * pair.contact_days, 90), the longest quiet first. Caller frees *rows. */
int pair_due(struct jy_db *db, const char *asof, int days, struct pair_row **rows, int *n,
             struct jy_err *err);

/* ---- org.c: the federation's organisation register (妇女组织) ------------------------------------ */
/* An organisation or service post (妇代会, 妇委会, 妇女之家, 维权站, 姐妹驿站 …, code list org_type)
 * of one unit of the office's tree (a community, a street, the county: its level), set up on a
 * day. A worker keeps those of her communities; the street's and the county's, a worker who sees
 * every community. Statistics see the figures only. */
#define ORG_FIELDS(X) \
	X(NAME,      name,        "组织名称",   "name",        FK_TEXT,  NULL,          30, FF_REQ | FF_CSV) \
	X(TYPE,      type,        "组织类型",   "type",        FK_CODE,  "org_type",    10, FF_REQ | FF_CSV) \
	X(UNIT,      unit,        "所在单位",   "unit",        FK_TEXT,  NULL,          30, FF_REQ | FF_CSV) \
	X(FOUNDED,   founded_on,  "成立日期",   "founded_on",  FK_DATE,  NULL,          10, FF_REQ | FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) ORGF_##id,
enum org_field { ORG_FIELDS(X) ORGF__COUNT };
#undef X
extern const struct field_def org_fields[ORGF__COUNT];

struct women_org {
	int64_t id, version;
	char *v[ORGF__COUNT];    /* the type's code, the unit's code */
	char ended_on[11];      /* 撤销, "" while it stands */
};
struct women_org *org_new(void);                /* Caller frees with org_free. */
void org_free(struct women_org **o);
void org_set(struct women_org *o, int field, const char *value);
const char *org_get(const struct women_org *o, int field);     /* never NULL */
/* Add an organisation (OP_CREATE in its unit; the unit named by its code or name, open) or change
 * one at its version (JY_ECONFLICT, nothing saved, when it moved on), with its history. One name
 * once in a unit. JY_EINVAL with err->field a label of ORG_FIELDS. */
int org_save(struct jy_db *db, struct women_org *o, struct jy_err *err);
int org_load(struct jy_db *db, int64_t id, struct women_org **out, struct jy_err *err);
/* The organisation a worker names: "#12", or a name that is one organisation's only. JY_EINVAL
 * (field 组织名称) naming what is wrong: none, or several (their numbers given). */
int org_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);
/* Dissolve organisation id (撤销) on date (default today; not before it was set up, nor after
 * today) for reason (required). Once. OP_EDIT in its unit; in its history. */
int org_end(struct jy_db *db, int64_t id, const char *date, const char *reason, struct jy_err *err);
struct org_row {
	int64_t id;
	char name[96], type[12], unit[64], founded[11], ended_on[11];
	int members;            /* serving on asof */
	char term_ends[11];     /* the nearest end of a serving member's term, "" none */
};
/* The organisations of the units the worker sees matching query (the name, the unit's, the
 * type's label; "" all), by unit and name. JY_EPERM for statistics. Caller frees *rows. */
int org_search(struct jy_db *db, const char *query, struct org_row **rows, int *n,
               struct jy_err *err);

/* A member of an organisation (委员 …): her name, post (code list org_post), phone, the day she
 * was elected (换届) and the day her term ends (after it). */
#define MEMBER_FIELDS(X) \
	X(NAME,      name,        "姓名",       "name",        FK_TEXT,  NULL,          20, FF_REQ | FF_CSV) \
	X(POST,      post,        "职务",       "post",        FK_CODE,  "org_post",    10, FF_REQ | FF_CSV) \
	X(PHONE,     phone,       "联系电话",   "phone",       FK_PHONE, NULL,          13, FF_SENS | FF_CSV) \
	X(ELECTED,   elected_on,  "当选日期",   "elected_on",  FK_DATE,  NULL,          10, FF_REQ | FF_CSV) \
	X(TERM,      term_ends,   "任期届满",   "term_ends",   FK_DATE,  NULL,          10, FF_REQ | FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) MF_##id,
enum member_field { MEMBER_FIELDS(X) MF__COUNT };
#undef X
extern const struct field_def member_fields[MF__COUNT];
/* Add member v[0..MF__COUNT) to organisation id (OP_EDIT in its unit; not to a dissolved one):
 * *member_id her number. In the organisation's history. */
int org_member_add(struct jy_db *db, int64_t id, char *const *v, int64_t *member_id,
                   struct jy_err *err);
struct member_row {
	int64_t id, org_id;
	char org[96], unit[64];
	char name[64], post[12], phone[24];     /* phone masked */
	char elected[11], term_ends[11];
	int days_left;          /* from asof to the term's end (org_terms_due) */
};
/* The members of organisation id, the posts in order (OP_VIEW). Caller frees *rows. */
int org_members(struct jy_db *db, int64_t id, struct member_row **rows, int *n,
                struct jy_err *err);
/* The members of the worker's organisations whose term ends from asof (NULL today) to days days
 * after it (0: the setting org.term_days, 60), the nearest first: the elections to prepare
 * (换届). Caller frees *rows. */
int org_terms_due(struct jy_db *db, const char *asof, int days, struct member_row **rows, int *n,
                  struct jy_err *err);
/* ---- assist.c: assistance and relief records (就业援助 / 帮困救助) ------------------------------- */
/* One act of help to a registered woman (by her ID number or registration number): the kind
 * (assist_kind: 结对援助, 岗位援助, 技能援助, 维权援助 — the 四大援助 — 帮困救助, 慰问, 4050就业援助),
 * the day (default today, not in the future), the occasion (两节, 三八, 母亲节, 六一, 其他), money
 * or goods (款物形式 现金 / 物资 with the 金额 in 元, goods at their value and 物资名称 what they
 * were), who paid, the worker who gave it (default the worker saving), and what it belongs to:
 * her mentoring pair (结对编号), rights case (案件编号), placement (#N) or course (培训班编号). */
#define ASSIST_FIELDS(X) \
	X(NO,        assist_no,   "援助编号",   "assist_no",   FK_TEXT,  NULL,              20, FF_CSV) \
	X(IDNO,      id_no,       "身份证号",   "id_number",   FK_TEXT,  NULL,              20, FF_REQ | FF_SENS | FF_CSV) \
	X(KIND,      kind,        "援助类型",   "kind",        FK_CODE,  "assist_kind",     12, FF_REQ | FF_CSV) \
	X(DATE,      date,        "援助日期",   "date",        FK_DATE,  NULL,              10, FF_CSV) \
	X(OCCASION,  occasion,    "援助时机",   "occasion",    FK_CODE,  "assist_occasion", 10, FF_CSV) \
	X(FORM,      form,        "款物形式",   "form",        FK_CODE,  "assist_form",     10, FF_CSV) \
	X(AMOUNT,    amount,      "金额",       "amount",      FK_TEXT,  NULL,              16, FF_CSV) \
	X(WHAT,      what,        "物资名称",   "goods",       FK_TEXT,  NULL,              60, FF_CSV) \
	X(FUNDER,    funder,      "资金来源",   "funder",      FK_TEXT,  NULL,              40, FF_CSV) \
	X(WORKER,    worker,      "经办人",     "worker",      FK_TEXT,  NULL,              32, FF_CSV) \
	X(PAIR,      pair_no,     "结对编号",   "pair_no",     FK_TEXT,  NULL,              20, FF_CSV) \
	X(CASE,      case_no,     "案件编号",   "case_no",     FK_TEXT,  NULL,              20, FF_CSV) \
	X(PLACEMENT, placement,   "安置记录",   "placement",   FK_TEXT,  NULL,              12, FF_CSV) \
	X(COURSE,    course,      "培训班编号", "course",      FK_TEXT,  NULL,              20, FF_CSV) \
	X(NOTE,      note,        "备注",       "note",        FK_TEXT,  NULL,             200, FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) ASF_##id,
enum assist_field { ASSIST_FIELDS(X) ASF__COUNT };
#undef X
extern const struct field_def assist_fields[ASF__COUNT];

/* The kinds by their codes (assist_kind, 031_assistance.sql): 1-4 the 四大援助 (E6), 5 and 6
 * relief (K5), 7 the 4050 employment assistance (E5). */
enum { ASSIST_PAIR = 1, ASSIST_POST, ASSIST_SKILL, ASSIST_RIGHTS, ASSIST_RELIEF, ASSIST_VISIT,
       ASSIST_4050 };

struct assist {
	int64_t id, version;
	int64_t resident_id, pair_id, case_id, placement_id, course_id;   /* 0: none */
	int64_t amount_fen;     /* 0: none */
	char *v[ASF__COUNT];     /* codes for FK_CODE, the amount as money_yuan writes it */
	char *name;             /* hers (loaded) */
	char reg_no[24], community[32];
	char *updated_at, *updated_by;
};
struct assist *assist_new(void);                /* Caller frees with assist_free. */
void assist_free(struct assist **a);
void assist_set(struct assist *a, int field, const char *value);
const char *assist_get(const struct assist *a, int field);  /* never NULL */
/* Check and save, new (OP_CREATE in her community: the next A-YYYY-NNN of the year given) or at
 * its version (JY_ECONFLICT, nothing saved, when it moved on), with its history and a line in
 * hers. Checked, each on its field (JY_EINVAL, nothing saved): she is a resident of the worker's
 * communities; the kind and occasion are of their lists; 金额 and 款物形式 come together (money_parse,
 * above 0), goods name what they were; 4050就业援助 is money (its subsidy); a link names a record
 * of hers (a course she was enrolled on). */
int assist_save(struct jy_db *db, struct assist *a, struct jy_err *err);
/* The record with id (OP_VIEW of her record). JY_ENOTFOUND. */
int assist_load(struct jy_db *db, int64_t id, struct assist **out, struct jy_err *err);
/* The record numbered no (A-2026-007): JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB. */
int assist_find_no(struct jy_db *db, const char *no, int64_t *id, struct jy_err *err);

/* What an assistance list shows: "" or NULL for any. */
struct assist_filter {
	const char *query;      /* the number, her name or registration number, the funder, the worker */
	const char *kind;       /* assist_kind code or label */
	const char *occasion;   /* assist_occasion code or label */
	const char *from, *to;  /* dates, both ends in */
	int64_t resident_id;    /* 0: everyone's */
};
struct assist_row {
	int64_t id, resident_id;
	char assist_no[24], date[11], kind[12], occasion[12], form[12];
	char name[64], reg_no[24], community[32], worker[64];
	int64_t amount_fen;     /* 0: none */
	char what[128];
};
/* The records of residents in the worker's communities that pass f, newest first. JY_EPERM for
 * statistics; JY_EINVAL (on 援助类型 / 援助时机 / 援助日期) for a filter that is no code or date.
 * Caller frees *rows. */
int assist_search(struct jy_db *db, const struct assist_filter *f, struct assist_row **rows, int *n,
                  struct jy_err *err);
/* assist_io.c: assistance records from and to files, as the cases are (FILE:ROW: 列名 lines,
 * nothing stored while a row is bad unless IMPORT_SKIP_ERRORS, a dry run changes nothing; a
 * record with a stored 援助编号 is updated, an empty cell never overwrites). The export is a file
 * of people with 姓名 after 身份证号 (read past on import), numbers masked without OP_EXPORT_FULL. */
int import_assist(struct jy_db *db, const char *path, const char *sheet, int flags,
                  void (*report)(void *arg, const char *line), void *arg,
                  struct import_result *res, struct jy_err *err);
int export_assist(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                  struct jy_err *err);
int template_assist(struct jy_db *db, const char *path, struct jy_err *err);
/* The demo's assistance records (assist_demo.c): 两节 relief, a 4050 subsidy, a 结对援助 of the demo's
 * pair P-2024-011, a 维权援助 of 陈美玲's case. */
int assist_demo(struct jy_db *db, int months_shift, struct jy_err *err);

/* ---- case_demo.c: the demo database's cases ---------------------------------------------------- */
/* Five cases through the casework API, inside the demo's transaction, dated months_shift months
 * from the demo's own dates (as core/admin/demo.c shifts the rest): among them 陈美玲's wage
 * arrears by the 12338 hotline (resident chen), mediated with the labour inspectors, closed;
 * a case of domestic violence with legal aid and shelter; one being handled; one still waiting
 * for acceptance past its 15 days. */
int case_demo(struct jy_db *db, int months_shift, int64_t chen, struct jy_err *err);
/* The demo's helpers and mentoring pairs (pair_demo.c, through pair.c's calls): 何丽萍 of E01
 * with the 吴建国 / 黄淑芬 household (P-2024-011), a street cadre's older pair with 赵春梅 gone
 * quiet, with their contacts and the money and goods given. */
int pair_demo(struct jy_db *db, int months_shift, struct jy_err *err);

/* ---- casework_io.c: cases from and to CSV files ------------------------------------------------ */
/* The intake of the paper registers: the registry's import rules (FILE:ROW: 列名 lines, nothing
 * stored while a row is bad unless IMPORT_SKIP_ERRORS, a dry run changes nothing); a case with a
 * 案件编号 already stored is updated, an empty cell never overwrites. The export is a file of
 * people (a purpose, the notice line, the trail) with the cases the worker may read, 状态 and
 * 办结日期 after the intake's columns; numbers masked without OP_EXPORT_FULL. */
int import_cases(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err);
int export_cases(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err);
int template_cases(struct jy_db *db, const char *path, struct jy_err *err);

#endif
