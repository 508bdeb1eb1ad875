/* core/enterprise/enterprise.h: women's enterprise (创业扶持): start-up projects from the idea to
 * the business opened, the small loans that fund them (小额担保贷款, 巾帼创业贷款, 小额贴息贷款)
 * with their approval chain, disbursement, interest subsidy and repayments, the due list, money
 * in whole fen, and both from and to files. */
#ifndef JY_ENTERPRISE_H
#define JY_ENTERPRISE_H

#include "training/training.h"

/* ---- money.c: sums of money as whole fen (分), never floating point ------------------------ */
/* What a worker or a file writes for a sum in 元: "30000", "30,000.50", "3万", "3.5万元", "￥1200",
 * "1200元", full-width digits. *fen gets the sum in fen (30000 元 is 3000000). Refused (JY_EINVAL,
 * field as given): empty, negative, more than two decimals of 元 (six of 万), a misplaced comma,
 * anything else, a sum above 10亿元. */
int money_parse(const char *in, int64_t *fen, const char *field, struct jy_err *err);
/* fen as 元 with two decimals, "30000.00" (out 32 bytes); money_wan as 万元, exact (up to six
 * decimals, trailing zeros dropped): 3000000 → "3", 3050000 → "3.05". Negative sums get "-". */
void money_yuan(int64_t fen, char out[32]);
void money_wan(int64_t fen, char out[32]);
/* An annual rate: "4.35", "4.35%", "年利率4.35%" → 435 hundredths of a percent; at most two
 * decimals, below 100%. rate_text: 435 → "4.35%". */
int rate_parse(const char *in, int *bp, const char *field, struct jy_err *err);
void rate_text(int bp, char out[16]);

/* An FK_TEXT field of the tables below that holds a sum in 元: checked by money_parse, held in v[]
 * as money_yuan writes it ("30000.00", which parses back to the same fen), stored in the database
 * as fen. A flag the record part leaves alone. */
#define FF_MONEY 0x100

/* ---- project.c: start-up projects (创业项目) --------------------------------------------------- */
/* The stages, forward only. A project may leave out 立项, 孵化 and 获得创业资金 (a farmer's hen
 * farm opens without any), never goes back, and 运营 / 停业 come only after 开业. */
enum project_stage { PS_IDEA, PS_REGISTERED, PS_INCUBATING, PS_FUNDED, PS_OPENED, PS_OPERATING,
                     PS_CLOSED, PS__COUNT };
const char *project_stage_code(int stage);      /* "idea" … "closed"; NULL out of range */
const char *project_stage_label(int stage);     /* 构想 立项 孵化 获得创业资金 开业 运营 停业 */
/* The code, the label or another common name (实习基地, 资金, 创业资金, 营业): PS_*, or -1. */
int project_stage_parse(const char *text);

/*   id       column         label              alias           kind        list  max flags
 * The first block is what a worker types and a file imports; the second is set by the stages
 * (project_advance) and only read and exported. */
#define PROJECT_FIELDS(X) \
	X(CODE,    code,          "项目编号",         "code",          FK_TEXT,    NULL,  20, FF_CSV) \
	X(IDNO,    id_no,         "身份证号",         "id_number",     FK_IDNO,    NULL,  18, FF_REQ | FF_SENS | FF_CSV) \
	X(NAME,    name,          "姓名",             "name",          FK_DERIVED, NULL,  20, FF_RO | FF_CSV) \
	X(IDEA,    idea,          "创业构想",         "idea",          FK_TEXT,    NULL, 200, FF_REQ | FF_CSV) \
	X(TRADE,   trade,         "行业",             "trade",         FK_TEXT,    NULL,  20, FF_CSV) \
	X(PLACE,   place,         "经营地点",         "place",         FK_TEXT,    NULL,  60, FF_CSV) \
	X(COURSE,  course,        "培训班编号",       "course_code",   FK_TEXT,    NULL,  20, FF_CSV) \
	X(IDEAON,  idea_on,       "构想日期",         "idea_on",       FK_DATE,    NULL,  10, FF_CSV) \
	X(JOBS,    jobs,          "带动就业人数",     "jobs",          FK_TEXT,    NULL,   5, FF_NUM | FF_CSV) \
	X(JOBSW,   jobs_women,    "其中女性",         "jobs_women",    FK_TEXT,    NULL,   5, FF_NUM | FF_CSV) \
	X(NOTE,    note,          "备注",             "note",          FK_TEXT,    NULL, 200, FF_CSV) \
	X(STAGE,   stage,         "项目状态",         "stage",         FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(REGON,   registered_on, "立项日期",         "registered_on", FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(BASE,    base,          "孵化基地",         "base",          FK_DERIVED, NULL,  60, FF_RO | FF_CSV) \
	X(INCON,   incubated_on,  "入驻基地日期",     "incubated_on",  FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(FUND,    fund,          "创业资金来源",     "fund",          FK_DERIVED, NULL,  60, FF_RO | FF_CSV) \
	X(FUNDAMT, fund_fen,      "创业资金",         "fund_amount",   FK_DERIVED, NULL,  20, FF_RO | FF_CSV | FF_MONEY) \
	X(FUNDON,  funded_on,     "获资金日期",       "funded_on",     FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(BIZ,     business_name, "企业名称",         "business_name", FK_DERIVED, NULL,  60, FF_RO | FF_CSV) \
	X(CREDIT,  credit_code,   "统一社会信用代码", "credit_code",   FK_DERIVED, NULL,  18, FF_RO | FF_CSV | FF_DIGITS) \
	X(OPENON,  opened_on,     "开业日期",         "opened_on",     FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(OPERON,  operating_on,  "运营日期",         "operating_on",  FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(CLOSEON, closed_on,     "停业日期",         "closed_on",     FK_DERIVED, NULL,  10, FF_RO | FF_CSV) \
	X(CLOSEWHY,close_reason,  "停业原因",         "close_reason",  FK_DERIVED, NULL, 100, FF_RO | FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) PF_##id,
enum project_field { PROJECT_FIELDS(X) PF__COUNT };
#undef X
extern const struct field_def project_fields[PF__COUNT];

struct project {
	int64_t id, version;    /* 0 for a new project */
	int64_t resident_id;    /* 0: found from v[PF_IDNO] when saved */
	int64_t course_id;      /* 0: none */
	int stage;              /* PS_* */
	char *v[PF__COUNT];     /* stored forms: dates YYYY-MM-DD, money as money_yuan, stage its code */
	int64_t fund_fen;       /* the start-up fund, 0 none */
	char *created_at, *updated_at, *updated_by;
};
struct project *project_new(void);              /* Caller frees with project_free. */
void project_free(struct project **p);
void project_set(struct project *p, int field, const char *value);
const char *project_get(const struct project *p, int field);   /* never NULL */
/* A field as a worker reads it (the stage's label, money in 元). Caller frees. */
char *project_display(const struct project *p, int field);
/* Her ID number whole: the caller masks it for a list (mask_idno). JY_EPERM out of scope. */
int project_load(struct jy_db *db, int64_t id, struct project **out, struct jy_err *err);
/* P-001, p-001 and Ｐ－００１ are one code: JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB. */
int project_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err);
/* Validate and save the first block of fields with the history. The resident is registered and
 * in the worker's communities (OP_EDIT), the course (when given) exists, the idea date (today
 * when empty) is no later than today, jobs_women ≤ jobs. New: an empty code gets the next P-001
 * …, a code in use is refused (JY_EDUP), the stage is 构想. Update: JY_ECONFLICT on a stale
 * version (nothing saved); a save that changes nothing writes no version. */
int project_save(struct jy_db *db, struct project *p, struct jy_err *err);

/* What a stage brings: incubating its base; funded the sum and the fund; opened the business
 * name and its credit code (NULL, "" or 无: none); closed the reason. */
struct project_step {
	const char *base;
	int64_t fund_fen;
	const char *fund;
	const char *business, *credit_code;
	const char *reason;
};
/* Move p on to stage on date (NULL or "": today), in one transaction with its history. Refused
 * (JY_EINVAL, nothing written): a stage not after the current one, 运营 / 停业 before 开业, a date
 * before the last stage's or after today, what the stage needs missing, a credit code that fails
 * GB 32100. Opening records her status 自主创业 (status_event_add: form 个体经营 with a credit code,
 * 其他自主就业 without), so the re-employment figures count it. JY_ECONFLICT on a stale version. */
int project_advance(struct jy_db *db, struct project *p, int stage, const char *date,
                    const struct project_step *s, struct jy_err *err);

/* ---- loan.c: small loans and their approval chain ------------------------------------------- */
enum loan_state { LS_APPLYING, LS_REJECTED, LS_WITHDRAWN, LS_REPAYING, LS_SETTLED, LS__COUNT };
const char *loan_state_code(int state);         /* applying … settled */
const char *loan_state_label(int state);        /* 审批中 未通过 已撤回 还款中 已结清 */

#define LOAN_FIELDS(X) \
	X(CODE,     code,        "贷款编号",   "code",         FK_TEXT,    NULL,           20, FF_CSV) \
	X(IDNO,     id_no,       "身份证号",   "id_number",    FK_IDNO,    NULL,           18, FF_REQ | FF_SENS | FF_CSV) \
	X(NAME,     name,        "姓名",       "name",         FK_DERIVED, NULL,           20, FF_RO | FF_CSV) \
	X(PROJECT,  project,     "项目编号",   "project_code", FK_TEXT,    NULL,           20, FF_CSV) \
	X(SCHEME,   scheme,      "贷款品种",   "scheme",       FK_CODE,    "loan_scheme",  10, FF_REQ | FF_CSV) \
	X(PURPOSE,  purpose,     "贷款用途",   "purpose",      FK_CODE,    "loan_purpose", 10, FF_CSV) \
	X(AMOUNT,   amount_fen,  "申请金额",   "amount",       FK_TEXT,    NULL,           20, FF_REQ | FF_CSV | FF_MONEY) \
	X(LICENCE,  licence,     "营业执照",   "licence",      FK_TEXT,    NULL,           30, FF_CSV | FF_DIGITS) \
	X(GUARANTOR,guarantor,   "担保人",     "guarantor",    FK_TEXT,    NULL,           40, FF_CSV) \
	X(GUARANTEE,guarantee,   "担保方式",   "guarantee",    FK_CODE,    "guarantee",    10, FF_CSV) \
	X(APPLIED,  applied_on,  "申请日期",   "applied_on",   FK_DATE,    NULL,           10, FF_CSV) \
	X(JOBS,     jobs,        "带动就业人数", "jobs",       FK_TEXT,    NULL,            5, FF_NUM | FF_CSV) \
	X(JOBSW,    jobs_women,  "其中女性",   "jobs_women",   FK_TEXT,    NULL,            5, FF_NUM | FF_CSV) \
	X(NOTE,     note,        "备注",       "note",         FK_TEXT,    NULL,          200, FF_CSV) \
	X(STATE,    state,       "贷款状态",   "state",        FK_DERIVED, NULL,           10, FF_RO | FF_CSV) \
	X(STEP,     step,        "审批进度",   "step",         FK_DERIVED, NULL,           40, FF_RO | FF_CSV) \
	X(BANK,     bank,        "放款银行",   "bank",         FK_DERIVED, NULL,           40, FF_RO | FF_CSV) \
	X(LENT,     lent_fen,    "放款金额",   "lent",         FK_DERIVED, NULL,           20, FF_RO | FF_CSV | FF_MONEY) \
	X(LENTON,   lent_on,     "放款日期",   "lent_on",      FK_DERIVED, NULL,           10, FF_RO | FF_CSV) \
	X(TERM,     term_months, "期限(月)",   "term_months",  FK_DERIVED, NULL,            4, FF_RO | FF_CSV) \
	X(RATE,     rate_bp,     "年利率",     "rate",         FK_DERIVED, NULL,            8, FF_RO | FF_CSV) \
	X(DUE,      due_on,      "到期日期",   "due_on",       FK_DERIVED, NULL,           10, FF_RO | FF_CSV) \
	X(REPAID,   repaid,      "已还金额",   "repaid",       FK_DERIVED, NULL,           20, FF_RO | FF_CSV | FF_MONEY) \
	X(SUBSIDY,  subsidy,     "已贴息金额", "subsidy",      FK_DERIVED, NULL,           20, FF_RO | FF_CSV | FF_MONEY) \
	X(ENDON,    ended_on,    "结束日期",   "ended_on",     FK_DERIVED, NULL,           10, FF_RO | FF_CSV) \
	X(ENDWHY,   end_reason,  "结束原因",   "end_reason",   FK_DERIVED, NULL,          100, FF_RO | FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) LF_##id,
enum loan_field { LOAN_FIELDS(X) LF__COUNT };
#undef X
extern const struct field_def loan_fields[LF__COUNT];

enum { LOAN_STEPS_MAX = 12 };
struct loan {
	int64_t id, version;
	int64_t resident_id;    /* 0: found from v[LF_IDNO] when saved */
	int64_t project_id;     /* 0: none */
	int state;              /* LS_* */
	int nsteps;             /* the chain's steps before 放款 (the setting's when applied for) */
	int done;               /* steps done, 0 … nsteps */
	char *step_name[LOAN_STEPS_MAX];
	char step_date[LOAN_STEPS_MAX][11];   /* "" for a step not done */
	int64_t amount_fen, lent_fen, repaid_fen, subsidy_fen;
	int term_months, rate_bp;
	char *v[LF__COUNT];     /* stored forms, as struct project's */
	char *created_at, *updated_at, *updated_by;
};
struct loan *loan_new(void);                    /* Caller frees with loan_free. */
void loan_free(struct loan **l);
void loan_set(struct loan *l, int field, const char *value);
const char *loan_get(const struct loan *l, int field);
char *loan_display(const struct loan *l, int field);   /* Caller frees. */
int loan_load(struct jy_db *db, int64_t id, struct loan **out, struct jy_err *err);
int loan_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err);
/* The chain a new application gets: the setting loan.chain split at '|' (empty names dropped).
 * *names[0..*n) Caller frees each and the array. JY_EINVAL when the setting names none or more
 * than LOAN_STEPS_MAX. */
int loan_chain(struct jy_db *db, char ***names, int *n, struct jy_err *err);
/* Validate and save an application (the first block of fields). The borrower is registered and in
 * the worker's communities; the project, when named, is hers; the sum asked is above zero; the
 * date (today when empty) no later than today. New: the code L-001 … when empty, the chain from
 * the setting, state 审批中. Update: JY_ECONFLICT on a stale version. */
int loan_save(struct jy_db *db, struct loan *l, struct jy_err *err);
/* The next step of the chain, done on date (NULL/"": today); name, when not NULL, must be that
 * step's: naming a later one is refused as skipping, an earlier one as done already. A date
 * before the step before (or the application) or after today is refused. */
int loan_step(struct jy_db *db, struct loan *l, const char *name, const char *date,
              const char *note, struct jy_err *err);
/* Rejected (reject 1) or withdrawn (0) at whatever step it stands, with its reason (required). */
int loan_end(struct jy_db *db, struct loan *l, int reject, const char *date, const char *reason,
             struct jy_err *err);
/* 放款: only when every step is done, on or after the last step; lent ≤ the sum asked; term in
 * months (1-360), rate in hundredths of a percent; due_on = date + term. State 还款中. */
struct loan_disbursal {
	const char *bank;
	int64_t lent_fen;
	const char *date;
	int term_months, rate_bp;
};
int loan_disburse(struct jy_db *db, struct loan *l, const struct loan_disbursal *d,
                  struct jy_err *err);
/* A repayment (repayment 1) or an interest subsidy paid (0), dated on or after 放款 and no later
 * than today. A repayment is at most what is still owed; the one that pays it all settles the
 * loan (已结清, ended_on its date). A subsidy may follow the settling. */
int loan_pay(struct jy_db *db, struct loan *l, int repayment, const char *date, int64_t fen,
             const char *note, struct jy_err *err);
/* Days past due on asof: 0 when not repaying or not past due_on. */
int loan_overdue_days(const struct loan *l, const char *asof);
/* The state as a worker reads it on asof: 还款中, or 逾期N天 when overdue. out 48 bytes. */
void loan_state_text(const struct loan *l, const char *asof, char out[48]);
/* The next thing to do: a step's name, 放款, or "" when none. */
const char *loan_next_step(const struct loan *l);

struct loan_payment_row {
	int64_t id;
	int repayment;          /* 1 a repayment, 0 an interest subsidy */
	char date[11];
	int64_t fen;
	char note[200];
};
int loan_payment_each(struct jy_db *db, int64_t loan_id,
                      int (*cb)(void *arg, const struct loan_payment_row *p), void *arg,
                      struct jy_err *err);

/* ---- lists: projects and loans as workers search them, and the due list ------------------------ */
/* One row of the 创业与贷款 list: a project or a loan, of a resident in the worker's communities,
 * her ID number masked unless she may see it whole. */
struct enterprise_row {
	int is_loan;
	int64_t id, resident_id;
	char code[24], name[64], id_no[19];
	char what[184];         /* the idea, or the scheme and purpose */
	char state[48];         /* the stage's label, or loan_state_text */
	char date[11];          /* the latest date: stage, step, 放款 or payment */
	int64_t fen;            /* a loan's sum (lent or asked), a project's fund; 0 none */
	int64_t owed_fen;       /* a repaying loan: what is still owed */
	char due[11];           /* a repaying loan's due date */
	int days;               /* due list: days left (≥ 0) or, negative, days overdue */
};
/* Projects and loans matching query (a code, characters of her name, pinyin initials of it, the
 * last digits of her ID number; NULL or "": all), newest first, at most limit. */
int enterprise_each(struct jy_db *db, const char *query, int limit,
                    int (*cb)(void *arg, const struct enterprise_row *r), void *arg,
                    struct jy_err *err);
/* Repaying loans due within days of asof (days < 0: the setting loan.due_days) or overdue, the
 * most urgent first; query as enterprise_each's (NULL: all). */
int loan_due_each(struct jy_db *db, const char *asof, int days, const char *query,
                  int (*cb)(void *arg, const struct enterprise_row *r), void *arg,
                  struct jy_err *err);

/* ---- ent_demo.c: the demo's project and loans (demo_load, inside its transaction) ------------ */
int enterprise_demo(struct jy_db *db, int months_shift, struct jy_err *err);

/* ---- enterprise_io.c: projects and loans from and to files ---------------------------------- */
/* The rules of import_courses: FILE:ROW: 列名: lines, nothing stored while a row is bad (unless
 * IMPORT_SKIP_ERRORS), empty cells never overwrite, a dry run changes nothing; a project or loan
 * by its code, else a new one. The stage and state columns an export writes are read and left
 * alone: stages and steps are done one at a time (project_advance, loan_step …), so each keeps
 * its date order and her status. Exports are files of people (a purpose, masked by role). */
int import_projects(struct jy_db *db, const char *path, const char *sheet, int flags,
                    void (*report)(void *arg, const char *line), void *arg,
                    struct import_result *res, struct jy_err *err);
int import_loans(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err);
int export_projects(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                    struct jy_err *err);
int export_loans(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                 struct jy_err *err);
/* Templates of the columns the imports store, and 姓名, which they check against the registry;
 * not the read-only ones an export adds (项目状态, 放款金额 …). */
int template_projects(struct jy_db *db, const char *path, struct jy_err *err);
int template_loans(struct jy_db *db, const char *path, struct jy_err *err);
/* The same for the 来料加工 files: brokers, outlets, a broker's fee sheet (the low-income mark
 * its export adds left out). */
int template_brokers(struct jy_db *db, const char *path, struct jy_err *err);
int template_outlets(struct jy_db *db, const char *path, struct jy_err *err);
int template_fees(struct jy_db *db, const char *path, struct jy_err *err);

/* ---- processing.c: 来料加工 brokers, outlets and bases, and the fee ledger ----------------------- */
/* A broker (经纪人): a person, a registered resident (found by her ID number when she is one) or
 * not; her village or community a unit of the office (the township its parent). The trainings
 * she attended are her enrolments (shown, never stored here). */
#define BROKER_FIELDS(X) \
	X(CODE,      code,        "经纪人编号",   "code",        FK_TEXT,    NULL,  20, FF_CSV) \
	X(NAME,      name,        "姓名",         "name",        FK_TEXT,    NULL,  20, FF_REQ | FF_CSV) \
	X(IDNO,      id_no,       "身份证号",     "id_number",   FK_IDNO,    NULL,  18, FF_SENS | FF_CSV) \
	X(PHONE,     phone,       "联系电话",     "phone",       FK_PHONE,   NULL,  20, FF_SENS | FF_CSV) \
	X(UNIT,      community,   "所在村社区",   "community",   FK_UNIT,    NULL,  32, FF_CSV) \
	X(PRODUCTS,  products,    "加工产品",     "products",    FK_TEXT,    NULL,  60, FF_CSV) \
	X(NEWYEAR,   new_year,    "新发展年份",   "new_year",    FK_TEXT,    NULL,   4, FF_NUM | FF_CSV) \
	X(EXCELLENT, excellent,   "优秀经纪人",   "excellent",   FK_BOOL,    NULL,   2, FF_CSV) \
	X(TALENT,    talent_pool, "县实用人才库", "talent_pool", FK_BOOL,    NULL,   2, FF_CSV) \
	X(SINCE,     since,       "起始日期",     "since",       FK_DATE,    NULL,  10, FF_CSV) \
	X(ENDON,     ended_on,    "停止日期",     "ended_on",    FK_DATE,    NULL,  10, FF_CSV) \
	X(NOTE,      note,        "备注",         "note",        FK_TEXT,    NULL, 200, FF_CSV) \
	X(TOWN,      town,        "乡镇街道",     "township",    FK_DERIVED, NULL,  40, FF_RO | FF_CSV) \
	X(TRAIN,     trainings,   "参加培训",     "trainings",   FK_DERIVED, NULL, 200, FF_RO | FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) BF_##id,
enum broker_field { BROKER_FIELDS(X) BF__COUNT };
#undef X
extern const struct field_def broker_fields[BF__COUNT];

/* An outlet (网点), a station (加工站), a base (来料加工基地) or a demonstration base (巾帼示范
 *基地): code list outlet_kind; bases have a level (base_level: 县级 市级 省级 全国), a
 * demonstration base must. The broker by her code, the paired factory (厂站结对) an employer
 * as employer_find names one. */
#define OUTLET_FIELDS(X) \
	X(CODE,      code,        "网点编号",     "code",        FK_TEXT,    NULL,          20, FF_CSV) \
	X(NAME,      name,        "名称",         "name",        FK_TEXT,    NULL,          60, FF_REQ | FF_CSV) \
	X(KIND,      kind,        "类型",         "kind",        FK_CODE,    "outlet_kind", 10, FF_REQ | FF_CSV) \
	X(LEVEL,     level,       "级别",         "level",       FK_CODE,    "base_level",  10, FF_CSV) \
	X(UNIT,      community,   "所在村社区",   "community",   FK_UNIT,    NULL,          32, FF_CSV) \
	X(PLACE,     place,       "地址",         "place",       FK_TEXT,    NULL,          60, FF_CSV) \
	X(BROKER,    broker,      "经纪人编号",   "broker_code", FK_TEXT,    NULL,          20, FF_CSV) \
	X(FACTORY,   employer,    "结对企业",     "factory",     FK_TEXT,    NULL,          60, FF_CSV) \
	X(WOMEN,     women,       "从业妇女人数", "women",       FK_TEXT,    NULL,           6, FF_NUM | FF_CSV) \
	X(SINCE,     since,       "建立日期",     "since",       FK_DATE,    NULL,          10, FF_CSV) \
	X(ENDON,     ended_on,    "撤销日期",     "ended_on",    FK_DATE,    NULL,          10, FF_CSV) \
	X(NOTE,      note,        "备注",         "note",        FK_TEXT,    NULL,         200, FF_CSV) \
	X(BNAME,     broker_name, "经纪人",       "broker_name", FK_DERIVED, NULL,          20, FF_RO | FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) OF_##id,
enum outlet_field { OUTLET_FIELDS(X) OF__COUNT };
#undef X
extern const struct field_def outlet_fields[OF__COUNT];

/* A broker or an outlet: its values as a worker typed them (FK_CODE as codes, FK_BOOL "1"/"0",
 * FK_UNIT the unit's code), the derived ones filled when loaded. */
enum { PREC_FIELDS_MAX = 16 };
struct prec {
	int64_t id, version;    /* 0: new */
	int outlet;             /* 0 a broker, 1 an outlet */
	int64_t ref1, ref2;     /* broker: her resident id (0 none); outlet: broker, employer (0) */
	char *v[PREC_FIELDS_MAX];
};
struct prec *broker_new(void);                  /* Caller frees with prec_free. */
struct prec *outlet_new(void);
void prec_free(struct prec **r);
void prec_set(struct prec *r, int field, const char *value);
const char *prec_get(const struct prec *r, int field);        /* never NULL */
/* A field as a worker reads it (code labels, 是/否, the unit's name). Caller frees *out. */
int prec_display(struct jy_db *db, const struct prec *r, int field, char **out,
                 struct jy_err *err);
/* Load by id: JY_EPERM when its community is outside the worker's. */
int broker_load(struct jy_db *db, int64_t id, struct prec **out, struct jy_err *err);
int outlet_load(struct jy_db *db, int64_t id, struct prec **out, struct jy_err *err);
/* B-001 / O-001 as ent_find_code finds a code. */
int broker_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err);
int outlet_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err);
/* Validate and save with its history (entity "broker" / "outlet"), in the worker's community
 * (OP_EDIT). New: the next code when empty, a code in use refused (JY_EDUP); the start date today
 * when empty, never after today, and an end no earlier than it. A broker's 新发展年份 from 1980
 * to this year. An outlet's broker and factory must exist; a level only for a base, and a
 * demonstration base needs one. JY_ECONFLICT on a stale version; a save that changes nothing
 * writes no version. */
int prec_save(struct jy_db *db, struct prec *r, struct jy_err *err);

/* One row of the brokers' or the outlets' list. */
struct prec_row {
	int64_t id;
	char code[24], name[64], unit[64];
	char what[128];         /* broker: her products; outlet: its kind (and level) */
	char who[64];           /* outlet: its broker's name; broker: 优秀 / 人才库 marks */
	int64_t fee_fen;        /* fees paid through the outlet (a broker: through her outlets) */
};
/* Brokers (outlets 0) or outlets of the worker's communities matching query (a code or
 * characters of the name; NULL or "": all), by code. */
int prec_each(struct jy_db *db, int outlets, const char *query,
              int (*cb)(void *arg, const struct prec_row *r), void *arg, struct jy_err *err);
/* The trainings a broker attended: her enrolments' course codes and names, "K-004 手工编织…;
 * …" ("" for a broker who is no resident). Caller frees *out. */
int broker_trainings(struct jy_db *db, const struct prec *b, char **out, struct jy_err *err);

/* A month as a worker or a broker's sheet writes it: 2024-03, 2024-3, 2024/03, 2024.3, 202403,
 * 2024年3月, or a date in it (2024-03-31) → "2024-03". Refused (JY_EINVAL, field): anything else,
 * a month after the current one. */
int month_parse(const char *in, char out[8], const char *field, struct jy_err *err);

/* The fee ledger: one payment to a woman. */
#define FEE_FIELDS(X) \
	X(NAME,    name,       "姓名",     "name",        FK_TEXT,    NULL, 20, FF_CSV) \
	X(IDNO,    id_no,      "身份证号", "id_number",   FK_IDNO,    NULL, 18, FF_REQ | FF_SENS | FF_CSV) \
	X(MONTH,   month,      "月份",     "month",       FK_TEXT,    NULL, 12, FF_REQ | FF_CSV) \
	X(OUTLET,  outlet,     "网点编号", "outlet_code", FK_TEXT,    NULL, 20, FF_CSV) \
	X(PRODUCT, product,    "产品",     "product",     FK_TEXT,    NULL, 40, FF_CSV) \
	X(PIECES,  pieces,     "件数",     "pieces",      FK_TEXT,    NULL,  9, FF_NUM | FF_CSV) \
	X(FEE,     fee_fen,    "加工费",   "fee",         FK_TEXT,    NULL, 20, FF_REQ | FF_CSV | FF_MONEY) \
	X(LOWINC,  low_income, "低收入",   "low_income",  FK_DERIVED, NULL,  2, FF_RO | FF_CSV)
#define X(id, col, label, alias, kind, list, max, flags) FEF_##id,
enum fee_field { FEE_FIELDS(X) FEF__COUNT };
#undef X
extern const struct field_def fee_fields[FEF__COUNT];

/* A payment as typed: idno (required), name (when given, the registered one), month, outlet (its
 * code), product (may be empty), pieces, fee in 元 (above zero, money_parse). resident_id, when
 * not 0, names her instead of idno: a woman picked from a list, whose ID number the list showed
 * masked. */
struct fee_in {
	const char *idno, *name, *month, *outlet, *product, *pieces, *fee;
	int64_t resident_id;
};
/* What fee_record did. */
struct fee_out {
	int64_t id, resident_id, fee_fen;
	char month[8];
	int low_income;
	int added;              /* 1 a new row, 0 an existing one updated, -1 unchanged */
	int employed;           /* 1: this payment made her employed in 来料加工 */
};
/* Record a payment: she is registered and in the worker's communities (OP_EDIT), the outlet
 * exists. The same woman, month, outlet and product is one row: its pieces and fee are replaced
 * (a sheet entered again is no second payment). low_income is fixed from her categories held on
 * the month's last day (setting fee.lowinc_categories). When she now has fees in
 * fee.employ_months months (0: never) and was without work on the first day of the month that
 * made them so, a status event 灵活就业 / form 024 来料加工 is written on that day, as a project's
 * opening writes 自主创业; a woman already in work, or already recorded, is left alone. One
 * transaction (a savepoint inside the caller's). */
int fee_record(struct jy_db *db, const struct fee_in *in, struct fee_out *out,
               struct jy_err *err);
struct fee_row {
	int64_t id, resident_id;
	char month[8], outlet[24], name[64], id_no[19], product[64];
	int64_t pieces, fee_fen;
	int low_income;
};
/* The ledger of an outlet (outlet_id 0: every outlet of the worker's communities) in a month (NULL:
 * every month), in the order entered; ID numbers whole (the caller masks). */
int fee_each(struct jy_db *db, int64_t outlet_id, const char *month,
             int (*cb)(void *arg, const struct fee_row *r), void *arg, struct jy_err *err);
/* fee_each's rows whose woman answers query as the module's lists search (characters or pinyin
 * initials of her name, the last digits of her ID number) or whose product holds its characters
 * (NULL or "": all). */
int fee_search(struct jy_db *db, int64_t outlet_id, const char *month, const char *query,
               int (*cb)(void *arg, const struct fee_row *r), void *arg, struct jy_err *err);
/* The woman a payment of month would go to, before it is recorded: refused as fee_record refuses
 * her (an ID number not registered or outside the worker's communities, a man; a bad month), else
 * her registered name and the low-income flag fee_record would fix. resident_id, when not 0,
 * names her as in struct fee_in. */
struct fee_who {
	int64_t resident_id;
	char name[64];
	int low_income;
};
int fee_who(struct jy_db *db, const char *idno, int64_t resident_id, const char *month,
            struct fee_who *out, struct jy_err *err);
/* The sum of the ledger of an outlet in a month: rows and fen. */
int fee_total(struct jy_db *db, int64_t outlet_id, const char *month, int *rows, int64_t *fen,
              struct jy_err *err);
/* Remove one payment entered by mistake: a reviewer's or an administrator's (JY_EPERM for a clerk
 * or statistics) in her communities, with a reason (JY_EINVAL, field 原因, when empty). The trail
 * keeps the row as it was (month, outlet, product, pieces, fee) and the reason; every figure of
 * her fees reads the ledger, so the reports no longer count it. */
int fee_delete(struct jy_db *db, int64_t id, const char *reason, struct jy_err *err);

int import_brokers(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err);
int import_outlets(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err);
/* A broker's sheet: 姓名, 身份证号, 月份, 产品, 件数, 加工费 (网点编号 when the sheet has it,
 * else outlet, the outlet's code, for every row). */
int import_fees(struct jy_db *db, const char *path, const char *sheet, const char *outlet,
                int flags, void (*report)(void *arg, const char *line), void *arg,
                struct import_result *res, struct jy_err *err);
int export_brokers(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                   struct jy_err *err);
int export_outlets(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                   struct jy_err *err);
int export_fees(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                struct jy_err *err);

#endif
