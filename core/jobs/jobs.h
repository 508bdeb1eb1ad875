/* core/jobs/jobs.h: jobs (岗位与推荐): employers, job information with its posts, job fairs,
 * referrals and what came of them, hires and public-welfare placements, matching both ways, and
 * these records from and to files. */
#ifndef JY_JOBS_H
#define JY_JOBS_H

#include "registry/registry.h"

/* ==== Jobs (岗位与推荐): employers, job information, referrals, placements, fairs ===== */
/* Employers, postings (job information: one item, several posts)
 * and job fairs are described by field tables like the registry's and share one record engine
 * (jobrec.c): each value checked by fields.c, saved with an optimistic version and its history,
 * found by search keys (pinyin initials of every reading, characters anywhere, codes). Whole
 * numbers are FK_TEXT fields with FF_NUM. */

/* ---- jobrec.c: the records and their field tables --------------------------------------------- */
/*   id         column          label              CSV alias        kind      code list        max  flags */
#define EMPLOYER_FIELDS(X) \
	X(NAME,     name,           "单位名称",        "name",          FK_TEXT,  NULL,             50, FF_REQ | FF_CSV) \
	X(CREDIT,   credit_code,    "统一社会信用代码", "credit_code",  FK_TEXT,  NULL,             20, FF_CSV | FF_DIGITS) \
	X(KIND,     kind,           "单位类型",        "kind",          FK_CODE,  "employer_kind",  10, FF_CSV) \
	X(INDUSTRY, industry,       "所属行业",        "industry",      FK_CODE,  "industry",       10, FF_CSV) \
	X(WOMAN,    woman_owned,    "女企业家企业",    "woman_owned",   FK_BOOL,  NULL,              1, FF_CSV) \
	X(CONTACT,  contact,        "联系人",          "contact",       FK_TEXT,  NULL,             20, FF_CSV) \
	X(PHONE,    phone,          "联系电话",        "phone",         FK_PHONE, NULL,             20, FF_CSV) \
	X(ADDRESS,  address,        "地址",            "address",       FK_TEXT,  NULL,             60, FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV)

/* A posting's employer is typed as its name, code (E01), credit code or pinyin initials. */
#define POSTING_FIELDS(X) \
	X(EMPLOYER, employer_id,    "用人单位",        "employer",      FK_TEXT,  NULL,             50, FF_REQ | FF_CSV) \
	X(TITLE,    title,          "岗位名称",        "title",         FK_TEXT,  NULL,             30, FF_REQ | FF_CSV) \
	X(OPENINGS, openings,       "招聘人数",        "openings",      FK_TEXT,  NULL,              4, FF_REQ | FF_NUM | FF_CSV) \
	X(FILLED,   filled,         "已招人数",        "filled",        FK_TEXT,  NULL,              4, FF_NUM | FF_CSV) \
	X(PW,       public_welfare, "公益性岗位",      "public_welfare", FK_BOOL, NULL,              1, FF_CSV) \
	X(SUBSIDY,  subsidy_months, "补贴月数",        "subsidy_months", FK_TEXT, NULL,              3, FF_NUM | FF_CSV) \
	X(WAGE_MIN, wage_min,       "薪资下限",        "wage_min",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(WAGE_MAX, wage_max,       "薪资上限",        "wage_max",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(WAGE_UNIT,wage_unit,      "薪资单位",        "wage_unit",     FK_CODE,  "wage_unit",      10, FF_CSV) \
	X(WAGE,     wage,           "待遇说明",        "wage_note",     FK_TEXT,  NULL,             60, FF_CSV) \
	X(FORM,     work_form,      "用工形式",        "work_form",     FK_CODE,  "work_form",      10, FF_CSV) \
	X(HOURS,    hours,          "工作时间",        "hours",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(SEX,      sex_req,        "性别要求",        "sex",           FK_CODE,  "sex",             4, FF_CSV) \
	X(AGE_MIN,  age_min,        "最低年龄",        "age_min",       FK_TEXT,  NULL,              2, FF_NUM | FF_CSV) \
	X(AGE_MAX,  age_max,        "最高年龄",        "age_max",       FK_TEXT,  NULL,              2, FF_NUM | FF_CSV) \
	X(EDUCATION,education,      "最低学历",        "education",     FK_CODE,  "education",      10, FF_CSV) \
	X(SKILLS,   skills,         "技能要求",        "skills",        FK_TEXT,  NULL,             60, FF_CSV) \
	X(REQ,      requirements,   "其他要求",        "requirements",  FK_TEXT,  NULL,            100, FF_CSV) \
	X(PLACE,    place,          "工作地点",        "place",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(SOURCE,   source,         "信息来源",        "source",        FK_CODE,  "job_source",     10, FF_CSV) \
	X(POSTED,   posted,         "发布日期",        "posted",        FK_DATE,  NULL,             10, FF_CSV) \
	X(CLOSES,   closes,         "截止日期",        "closes",        FK_DATE,  NULL,             10, FF_CSV) \
	X(STATUS,   status,         "状态",            "status",        FK_CODE,  "posting_status", 10, FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV) \
	X(FAIR,     fair_id,        "招聘会",          "fair",          FK_TEXT,  NULL,             60, FF_CSV) \
	X(COMMUNITY,community,      "收集社区",        "community",     FK_CODE,  "@units",         40, FF_CSV)

#define FAIR_FIELDS(X) \
	X(NAME,     name,           "招聘会名称",      "name",          FK_TEXT,  NULL,             60, FF_REQ | FF_CSV) \
	X(DATE,     date,           "举办日期",        "date",          FK_DATE,  NULL,             10, FF_REQ | FF_CSV) \
	X(KIND,     kind,           "招聘会类型",      "kind",          FK_CODE,  "fair_kind",      10, FF_CSV) \
	X(PLACE,    place,          "地点",            "place",         FK_TEXT,  NULL,             40, FF_CSV) \
	X(ORGS,     co_organisers,  "联办单位",        "co_organisers", FK_TEXT,  NULL,             60, FF_CSV) \
	X(EMPLOYERS,employers,      "参会单位数",      "employers",     FK_TEXT,  NULL,              5, FF_NUM | FF_CSV) \
	X(POSTS,    posts,          "提供岗位数",      "posts",         FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(VISITORS, visitors,       "接待人次",        "visitors",      FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(AGREE,    agreements,     "意向协议人数",    "agreements",    FK_TEXT,  NULL,              6, FF_NUM | FF_CSV) \
	X(AGREE_W,  agreements_women, "其中女性",      "agreements_women", FK_TEXT, NULL,            6, FF_NUM | FF_CSV) \
	X(NOTE,     note,           "备注",            "note",          FK_TEXT,  NULL,            200, FF_CSV) \
	X(STREET,   street,         "举办街道",        "street",        FK_CODE,  "@streets",       40, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) EMP_##id,
enum employer_field { EMPLOYER_FIELDS(X) EMP__COUNT };
#undef X
#define X(id, col, label, alias, kind, list, max, flags) PST_##id,
enum posting_field { POSTING_FIELDS(X) PST__COUNT };
#undef X
#define X(id, col, label, alias, kind, list, max, flags) FAIR_##id,
enum fair_field { FAIR_FIELDS(X) FAIR__COUNT };
#undef X

enum jobrec_type { JR_EMPLOYER, JR_POSTING, JR_FAIR, JR__COUNT };
#define JOBREC_MAX 32

struct jobrec {
	int type;               /* JR_* */
	int64_t id;             /* 0 for a new record */
	int64_t version;        /* optimistic concurrency: the version it was loaded at */
	char code[24];          /* E01, J-001, FAIR-2024-01: assigned on the first save */
	char *v[JOBREC_MAX];    /* by EMP_* / PST_* / FAIR_*: codes for FK_CODE, "1"/"0" for FK_BOOL,
	                         * a posting's employer as its name (its code when names repeat) */
	int64_t employer_id;    /* a posting: its employer, set by jobrec_validate */
	char state[12];         /* a posting: open / filled / closed / expired as of today (read only) */
	char *created_at, *updated_at, *updated_by;
};
const struct field_def *jobrec_fields(int type, int *n);
const char *jobrec_entity(int type);            /* "employer", "posting", "fair": history, drafts */
int jobrec_field_by_col(int type, const char *col);
struct jobrec *jobrec_new(int type);            /* Caller frees with jobrec_free. */
void jobrec_free(struct jobrec **r);
struct jobrec *jobrec_dup(const struct jobrec *r);
void jobrec_set(struct jobrec *r, int field, const char *value);
const char *jobrec_get(const struct jobrec *r, int field);   /* never NULL */
/* A value as a worker reads it: code labels, 是/否, a posting's status as of today, into *out.
 * Caller frees. JY_EDB when the labels cannot be read. */
int jobrec_display(struct jy_db *db, const struct jobrec *r, int field, char **out,
                   struct jy_err *err);
/* One field checked as jobrec_validate would (a form leaving a field): JY_OK with *out the
 * stored form (NULL when blank; Caller frees), or JY_EINVAL with err->field the field's label. */
int jobrec_check_field(struct jy_db *db, int type, int field, const char *value, char **out,
                       struct jy_err *err);
/* Check and canonicalise every field, then the record's own rules:
 *   employer: 统一社会信用代码 checked (GB 32100);
 *   posting: the employer exists; openings >= 1 and filled <= openings; lowest wage <= highest;
 *            ages 16-70, lowest <= highest; closing date not before posting date; 已过期 is not
 *            chosen (it follows from the date); posted defaults to today, status to open;
 *   fair: women among the agreements <= agreements.
 * JY_EINVAL with err->field naming the first bad field. */
int jobrec_validate(struct jy_db *db, struct jobrec *r, struct jy_err *err);
int jobrec_load(struct jy_db *db, int type, int64_t id, struct jobrec **out, struct jy_err *err);
/* JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int jobrec_find_code(struct jy_db *db, int type, const char *code, int64_t *id, struct jy_err *err);
/* Validate and save with the history. New: the code is assigned; an employer whose credit code is
 * registered already is refused (JY_EDUP, other_id). Update: JY_ECONFLICT when the stored version
 * is not r->version (nothing saved). A posting whose posts are all filled is stored as filled, one
 * with openings left again as open (unless the worker closed it). Runs in its own transaction
 * unless one is open. On success r->id, r->version and r->code are set. */
int jobrec_save(struct jy_db *db, struct jobrec *r, struct jy_err *err);

/* ---- employer.c / posting.c / fair.c: finding and listing ---------------------------------------- */
/* The employer a worker or a file means: code (E01), credit code, exact name, or a name or pinyin
 * initials that only one employer has. JY_OK with *id, JY_ENOTFOUND, or JY_EINVAL when several
 * match (err names some). */
int employer_find(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err);

struct employer_row {
	int64_t id;
	char code[24], name[152], kind[12], industry[8], contact[64], phone[24];
	int woman_owned, open_postings;
};
enum { POSTINGS_ALL, POSTINGS_OPEN, POSTINGS_WELFARE, POSTINGS_CLOSING, POSTINGS__COUNT };
/* A posting's state as of today (jobrec.state, posting_row.state: the code list posting_status),
 * for a screen to ask which one it is rather than compare the stored words. posting_state_of
 * gives PSTATE__UNKNOWN for a word that is none; posting_state_code the stored word. */
enum posting_st { PSTATE_OPEN, PSTATE_FILLED, PSTATE_CLOSED, PSTATE_EXPIRED, PSTATE__UNKNOWN };
enum posting_st posting_state_of(const char *state);
const char *posting_state_code(enum posting_st s);
struct posting_row {
	int64_t id, employer_id;
	char code[24], title[92], employer[152], state[12], posted[11], closes[11];
	int openings, filled, public_welfare, referrals;
};
struct fair_row {
	int64_t id;
	char code[24], name[184], date[11], kind[12], place[124];
	int employers, posts, visitors, agreements, agreements_women;
};
/* A page of any of the jobs lists: rows is an array of the list's row struct. */
struct job_page {
	void *rows;
	int n;
	int more;               /* another page follows */
	char next[128];         /* opaque cursor for the next page */
};
void job_page_free(struct job_page *p);
/* Lists searched as workers type: the query matches characters anywhere in the name or title
 * (traditional and simplified folded), the pinyin initials of any reading (jg finds 巾帼家政), or
 * a code. Newest first, a page at a time (cursor NULL or "" for the first; limit <= 200). */
int employer_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                    struct job_page *out, struct jy_err *err);
/* filter POSTINGS_*: open ones (as of today), open public-welfare posts, open ones closing within
 * the setting jobs.closing_days (14); employer_id 0: every employer's. */
int posting_search(struct jy_db *db, const char *query, int filter, int64_t employer_id,
                   const char *cursor, int limit, struct job_page *out, struct jy_err *err);
int fair_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                struct job_page *out, struct jy_err *err);

/* ---- referral.c: sending a resident to a posting, and what came of it ---------------------------- */
/* Stages: referred (已推荐) → interview (面试) → hired (录用) / rejected (未录用) / declined (本人放弃);
 * from 已推荐 the result may also come without an interview. The last three are final. */
struct referral {
	int64_t id, version, resident_id, posting_id;
	char stage[12];
	char *referred_on, *stage_on, *note, *channel;
	int consent;            /* she agreed that her details go to the employer (PIPL art. 23) */
	/* read only, from the joined records */
	char *resident_name, *reg_no, *posting_code, *posting_title, *employer;
	int public_welfare;
	char *created_by, *updated_at, *updated_by;
};
struct referral *referral_new(void);            /* Caller frees with referral_free. */
void referral_free(struct referral **r);
int referral_load(struct jy_db *db, int64_t id, struct referral **out, struct jy_err *err);
/* Her referral to the posting: JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int referral_find(struct jy_db *db, int64_t resident_id, int64_t posting_id, int64_t *id,
                  struct jy_err *err);
/* The stages (referral.stage, referral_row.stage: the code list ref_stage), for a screen to ask
 * which one a referral is at rather than compare the stored words. referral_stage_of gives
 * STAGE__UNKNOWN for a word that is none; referral_stage_code the stored word. */
enum ref_stage { STAGE_REFERRED, STAGE_INTERVIEW, STAGE_HIRED, STAGE_REJECTED, STAGE_DECLINED,
                 STAGE__UNKNOWN };
enum ref_stage referral_stage_of(const char *stage);
const char *referral_stage_code(enum ref_stage s);
/* 1 when a referral at stage from may go to stage to. */
int referral_can(const char *from, const char *to);
/* A new referral (stage 已推荐, dated r->referred_on, default today). Refused: without consent;
 * a closed resident record; a posting that is not open as of today (filled, closed, expired); the
 * same person on the same posting again (JY_EDUP, other_id the first referral). On success r->id,
 * r->version and r->stage are set. */
int referral_add(struct jy_db *db, struct referral *r, struct jy_err *err);
/* What a hire records (placement.c): the form of employment (emp_form code or label; default
 * 公益性岗位安置 on a public-welfare post, else 单位就业), the start date (default the stage
 * date), a public-welfare post's subsidy end (default start + the posting's subsidy months) and
 * whether a labour contract was signed. */
struct hire {
	const char *form, *start, *subsidy_end;
	int contract;
};
/* The next stage, dated, with a note. An illegal step is refused (JY_EINVAL naming both stages);
 * so is a date before the previous stage's. A hire (h may be NULL: the defaults) also records the
 * resident's employment in one transaction: a placement, a status change with the matching status
 * (单位就业 → 已就业, 公益性岗位安置 → 公益性岗位, 灵活就业 → 灵活就业, 个体经营 … → 自主创业), one
 * more post filled, and the posting filled when none are left. Refused: no openings left; she
 * already holds an active placement (one at a time). JY_ECONFLICT on a stale r->version. On
 * success r->version and r->stage follow (referral_load for the rest). */
int referral_advance(struct jy_db *db, struct referral *r, const char *stage, const char *date,
                     const char *note, const struct hire *h, struct jy_err *err);
struct referral_step {
	const char *stage, *date, *note, *worker;
};
/* The stages a referral went through, in order (the iterator shape of store/store.h). */
int referral_step_each(struct jy_db *db, int64_t id,
                       int (*cb)(void *arg, const struct referral_step *s), void *arg,
                       struct jy_err *err);
struct referral_row {
	int64_t id, resident_id, posting_id;
	char name[64], reg_no[24], posting_code[24], title[92], employer[152];
	char stage[12], referred_on[11], stage_on[11];
};
/* Referrals searched as workers type (the resident's name by characters or pinyin initials, the
 * posting's title or code, the employer), of one resident or one posting when the id is not 0;
 * newest first, a page at a time. */
int referral_search(struct jy_db *db, const char *query, int64_t resident_id, int64_t posting_id,
                    const char *cursor, int limit, struct job_page *out, struct jy_err *err);

/* Referrals still at 已推荐 with no word back (no interview, hire or refusal recorded) days or more
 * after they were made (days < 0: the setting jobs.feedback_days, 14), of residents in the
 * worker's communities, oldest first. limit > 0: the first limit of them, and *total counts them
 * all (read apart); limit 0: every one, *total their number. Caller frees *rows. */
struct referral_stale_row {
	int64_t id, resident_id;
	char name[64], reg_no[24], employer[152], title[92], referred_on[11];
	int days;               /* since the referral */
};
int referral_stale(struct jy_db *db, const char *asof, int days, int limit,
                   struct referral_stale_row **rows, int *n, int *total, struct jy_err *err);

/* ---- placement.c: hires and public-welfare posts with their subsidy periods ---------------------- */
struct placement {
	int64_t id, version, resident_id, referral_id, posting_id, employer_id;
	char *form, *start_date, *subsidy_end, *end_date, *end_reason;
	int public_welfare, contract;
	char *employer, *posting_title, *resident_name;     /* read only */
};
void placement_free(struct placement **p);
int placement_load(struct jy_db *db, int64_t id, struct placement **out, struct jy_err *err);
/* Her placement not yet ended: JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int placement_active(struct jy_db *db, int64_t resident_id, int64_t *id, struct jy_err *err);
/* Save a placement's subsidy end, contract flag, and its end (date and reason, both or neither):
 * an ended placement also records the resident's status after it (after: emp_status code or
 * label, default 失业). JY_ECONFLICT on a stale version. */
int placement_save(struct jy_db *db, struct placement *p, const char *after, struct jy_err *err);
/* Her placements, newest first (the iterator shape of store/store.h). */
int placement_each(struct jy_db *db, int64_t resident_id,
                   int (*cb)(void *arg, const struct placement *p), void *arg,
                   struct jy_err *err);
/* Public-welfare placements still active whose subsidy ends within days of asof (days < 0: the
 * setting jobs.subsidy_due_days, 60), or has ended already: the office re-assesses them (W6).
 * Soonest first. Caller frees *rows. */
struct placement_due_row {
	int64_t id, resident_id;
	char name[64], reg_no[24], employer[152], title[92], start[11], subsidy_end[11];
	int days_left;          /* negative: the subsidy ended that many days ago */
};
int placement_due(struct jy_db *db, const char *asof, int days, struct placement_due_row **rows,
                  int *n, struct jy_err *err);

/* ---- notice.c: a posting made known (C8), a public-welfare post's subsidy paid (E4) ----------- */
/* A notice of posting_id through channel (code list notice_channel: 公示, 电话通知, 入户告知,
 * 招聘专栏; its code or label) on date (any date_parse form; NULL or "": today, never before the
 * posting was collected), recorded in the trail. *id (NULL: not wanted) gets the new row's. */
struct notice_row {
	int64_t id;
	char date[11], channel[12], channel_label[64], note[804];
};
int posting_notice_add(struct jy_db *db, int64_t posting_id, const char *channel, const char *date,
                       const char *note, int64_t *id, struct jy_err *err);
/* A posting's notices, oldest first (the iterator shape of store/store.h). */
int posting_notice_each(struct jy_db *db, int64_t posting_id,
                        int (*cb)(void *arg, const struct notice_row *n), void *arg,
                        struct jy_err *err);
/* The monthly post subsidy of a public-welfare placement in fen (above zero; JY_EINVAL on another
 * placement), in the trail. */
int placement_subsidy_set(struct jy_db *db, int64_t placement_id, int64_t fen, struct jy_err *err);
/* One month's subsidy paid (month "2026-05", "202605" or "2026年5月"; not before the placement
 * started) on paid_on (NULL or "": today): fen, or the monthly sum when fen <= 0. A month is paid
 * once (JY_EDUP). */
int placement_subsidy_pay(struct jy_db *db, int64_t placement_id, const char *month,
                          const char *paid_on, int64_t fen, struct jy_err *err);
struct subsidy_row {
	char month[8], paid_on[11];
	int64_t fen;
};
/* The months paid of a placement, in month order. */
int placement_subsidy_each(struct jy_db *db, int64_t placement_id,
                           int (*cb)(void *arg, const struct subsidy_row *r), void *arg,
                           struct jy_err *err);

/* ---- match.c: postings and residents that fit each other ----------------------------------------- */
/* For a posting: the registered residents looking for work (失业, 下岗, 待业; record open) who meet
 * its requirements as of asof (sex, age range on that day, education at least the lowest asked),
 * best first. On a public-welfare post the priority groups of domain rule R5 come first (4050 as
 * of asof, 大龄就业困难, 低保, 残疾, 就业困难, 零就业家庭), then the others, each longest registered
 * first. On other postings, those whose job intention, skills or former job share the posting's
 * most specific word (a two-character piece of its title or skills that fewest seekers have)
 * come first, then those sharing the next, then everyone else, each longest registered first.
 * why says so in words; fit is how many of the posting's words she shares. Rows offset ..
 * offset + limit - 1 of that order; *more when further rows exist. Caller frees *rows. */
struct match_row {
	int64_t id;
	char name[64], sex[4], birth[11], reg_date[11], status[4], phone[21];
	int age, fit, priority;
	char why[320];
};
int match_residents(struct jy_db *db, int64_t posting_id, const char *asof, int offset, int limit,
                    struct match_row **rows, int *n, int *more, struct jy_err *err);
/* For a resident: the open postings whose requirements she meets, those sharing words with her
 * intention first, public-welfare posts first for the R5 groups, then the newest. */
struct match_posting {
	int64_t id;
	char code[24], title[92], employer[152], closes[11];
	int fit, left, public_welfare;
	char why[320];
};
int match_postings(struct jy_db *db, int64_t resident_id, const char *asof,
                   struct match_posting **rows, int *n, struct jy_err *err);

/* ---- jobs_io.c: employers, job information and referrals from and to CSV files ------------------- */
/* The rules of import_residents: FILE:ROW: 列名: lines, nothing stored while a row is bad (unless
 * IMPORT_SKIP_ERRORS), empty cells never overwrite, a dry run changes nothing, UTF-8/BOM/GBK.
 * An employer is matched by its code, else credit code, else exact name; a posting by its code; a
 * referral by the resident's ID number and the posting's code, and its stage moves forward by the
 * referral rules (a 录用 row records the hire). Exports write the importer's columns in format,
 * to path or stdout ("-" or NULL, CSV only), as export_residents. */
int import_employers(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
int import_jobs(struct jy_db *db, const char *path, const char *sheet, int flags,
                void (*report)(void *arg, const char *line), void *arg,
                struct import_result *res, struct jy_err *err);
int import_referrals(struct jy_db *db, const char *path, const char *sheet, int flags,
                     void (*report)(void *arg, const char *line), void *arg,
                     struct import_result *res, struct jy_err *err);
int export_employers(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_jobs(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_referrals(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                     struct jy_err *err);
int template_employers(struct jy_db *db, const char *path, struct jy_err *err);
int template_jobs(struct jy_db *db, const char *path, struct jy_err *err);
int template_referrals(struct jy_db *db, const char *path, struct jy_err *err);

/* jobs_demo.c: the demo's jobs records completed (the demo loader calls it inside its
 * transaction, after the plain rows; months_shift is the demo's date shift). */
int jobs_demo(struct jy_db *db, int months_shift, struct jy_err *err);

#endif
