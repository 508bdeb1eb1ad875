/* core/training/training.h: training (培训): courses, enrolments, sessions and their roll calls,
 * the six-month outcome and the subsidy tier, courses and enrolments from and to files. */
#ifndef JY_TRAINING_H
#define JY_TRAINING_H

#include "registry/registry.h"


/* ---- course.c: training courses (培训班) ------------------------------------------------------ */
/*   id         column      label        CSV alias     kind     code list     max  flags */
#define COURSE_FIELDS(X) \
	X(CODE,      code,       "培训班编号", "code",       FK_TEXT, NULL,         20, FF_CSV) \
	X(NAME,      name,       "培训班名称", "name",       FK_TEXT, NULL,         60, FF_REQ | FF_CSV) \
	X(SPECIALITY,speciality, "专业",       "speciality", FK_CODE, "speciality", 10, FF_CSV) \
	X(CATEGORY,  category,   "培训类别",   "category",   FK_CODE, "train_cat",  10, FF_CSV) \
	X(PROVIDER,  provider,   "培训机构",   "provider",   FK_TEXT, NULL,         60, FF_CSV) \
	X(TERM,      term,       "期",         "term",       FK_TEXT, NULL,          4, FF_NUM | FF_CSV) \
	X(CLASSNO,   class_no,   "班次",       "class_no",   FK_TEXT, NULL,          4, FF_NUM | FF_CSV) \
	X(START,     start_date, "开班日期",   "start_date", FK_DATE, NULL,         10, FF_REQ | FF_CSV) \
	X(END,       end_date,   "结业日期",   "end_date",   FK_DATE, NULL,         10, FF_REQ | FF_CSV) \
	X(HOURS,     hours,      "学时",       "hours",      FK_TEXT, NULL,          5, FF_NUM | FF_CSV) \
	X(CAPACITY,  capacity,   "计划人数",   "capacity",   FK_TEXT, NULL,          5, FF_NUM | FF_CSV) \
	X(PLACE,     place,      "培训地点",   "place",      FK_TEXT, NULL,         60, FF_CSV) \
	X(SUBSIDY,   subsidy,    "每人补贴",   "subsidy",    FK_TEXT, NULL,          7, FF_NUM | FF_CSV) \
	X(TARGET,    target,     "培训对象",   "target",     FK_TEXT, NULL,        100, FF_CSV) \
	X(NOTE,      note,       "备注",       "note",       FK_TEXT, NULL,        200, FF_CSV) \
	X(OUTSIDE,   outside,    "外送培训",   "outside",    FK_BOOL, NULL,          1, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) CF_##id,
enum course_field { COURSE_FIELDS(X) CF__COUNT };
#undef X
extern const struct field_def course_fields[CF__COUNT];

struct course {
	int64_t id;             /* 0 for a new course */
	int64_t version;
	char *v[CF__COUNT];     /* as struct resident: codes for FK_CODE, NULL or "" when empty */
	char *created_at, *updated_at, *updated_by;
};
struct course *course_new(void);                /* Caller frees with course_free. */
void course_free(struct course **c);
void course_set(struct course *c, int field, const char *value);
const char *course_get(const struct course *c, int field);   /* never NULL */
/* A field as a worker reads it (code labels) into *out. Caller frees. JY_EDB when the labels
 * cannot be read. */
int course_display(struct jy_db *db, const struct course *c, int field, char **out,
                   struct jy_err *err);
int course_load(struct jy_db *db, int64_t id, struct course **out, struct jy_err *err);
/* JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int course_find_code(struct jy_db *db, const char *code, int64_t *id, struct jy_err *err);
/* Check every field (dates, codes, numbers, required) and that the course ends on or after it
 * starts. JY_EINVAL with err->field naming the first bad field. */
int course_validate(struct jy_db *db, struct course *c, struct jy_err *err);
/* Validate and save with its history. New: an empty code gets the next K-001, K-002 …; a code in
 * use is refused (JY_EDUP, other_id). Update: JY_ECONFLICT when the stored version is not
 * c->version (nothing saved). On success c->id, c->version and the code are set. */
int course_save(struct jy_db *db, struct course *c, struct jy_err *err);

/* Head counts of a course: admitted (not on the waiting list, not dropped), waiting, completed,
 * dropped, passed, sessions held; capacity -1 when none is set. */
struct course_counts {
	int capacity, admitted, waiting, completed, dropped, passed, sessions;
};
int course_counts(struct jy_db *db, int64_t course_id, struct course_counts *out, struct jy_err *err);

/* Course lists as workers search them: the query matches the code, characters anywhere in the
 * name (traditional and simplified folded) or the pinyin initials of any part of the name (jz finds
 * 家政服务员培训班). Newest start first, a page at a time (keyset). */
struct course_row {
	int64_t id;
	char code[24];
	char name[184];
	char speciality[12], category[12];
	char start[11], end[11];
	int capacity;           /* -1: none set */
	int admitted, waiting;
};
struct course_page {
	struct course_row *rows;
	int n, more;
	char next[128];
};
int course_search(struct jy_db *db, const char *query, const char *cursor, int limit,
                  struct course_page *out, struct jy_err *err);
void course_page_free(struct course_page *p);

/* ---- enrolment.c: a resident in a course (报名 / 参训记录) ---------------------------------------- */
/* The file columns: a trainee by her ID number, a course by its code; 姓名 is checked against the
 * registry on import, never stored twice. */
#define ENROL_FIELDS(X) \
	X(IDNO,     id_no,       "身份证号",     "id_number",   FK_IDNO,    NULL,           18, FF_REQ | FF_SENS | FF_CSV) \
	X(NAME,     name,        "姓名",         "name",        FK_DERIVED, NULL,           20, FF_RO | FF_CSV) \
	X(COURSE,   course,      "培训班编号",   "course_code", FK_TEXT,    NULL,           20, FF_REQ | FF_CSV) \
	X(ENROLLED, enrolled_on, "报名日期",     "enrolled_on", FK_DATE,    NULL,           10, FF_CSV) \
	X(WAITLIST, waitlisted,  "候补",         "waitlisted",  FK_BOOL,    NULL,            1, FF_CSV) \
	X(RESULT,   result,      "学习状态",     "result",      FK_CODE,    "train_result", 10, FF_CSV) \
	X(RESULTON, result_on,   "结业日期",     "result_on",   FK_DATE,    NULL,           10, FF_CSV) \
	X(PASSED,   passed,      "考核合格",     "passed",      FK_BOOL,    NULL,            1, FF_CSV) \
	X(CERT,     cert_type,   "证书类型",     "cert_type",   FK_CODE,    "train_cert",   10, FF_CSV) \
	X(CERTNO,   cert_no,     "证书编号",     "cert_no",     FK_TEXT,    NULL,           40, FF_CSV | FF_DIGITS) \
	X(INTRADE,  in_trade,    "对口就业",     "in_trade",    FK_BOOL,    NULL,            1, FF_CSV) \
	X(NOTE,     note,        "备注",         "note",        FK_TEXT,    NULL,          200, FF_CSV)

#define X(id, col, label, alias, kind, list, max, flags) EF_##id,
enum enrol_field { ENROL_FIELDS(X) EF__COUNT };
#undef X
extern const struct field_def enrol_fields[EF__COUNT];
int enrol_field_by_col(const char *col);

struct enrolment {
	int64_t id, version;
	int64_t resident_id, course_id;  /* 0: found from v[EF_IDNO] and v[EF_COURSE] when saved */
	char *v[EF__COUNT];     /* result: enrolled / completed / dropped; flags "1"/"0" */
	char *created_at, *updated_at, *updated_by;
};
struct enrolment *enrolment_new(void);          /* Caller frees with enrolment_free. */
void enrolment_free(struct enrolment **e);
void enrolment_set(struct enrolment *e, int field, const char *value);
const char *enrolment_get(const struct enrolment *e, int field);   /* never NULL */
int enrolment_load(struct jy_db *db, int64_t id, struct enrolment **out, struct jy_err *err);
/* Her enrolment in the course: JY_OK with *id; JY_ENOTFOUND (no message); JY_EDB with err set. */
int enrolment_find(struct jy_db *db, int64_t resident_id, int64_t course_id, int64_t *id,
                   struct jy_err *err);
/* Validate and save with its history (and a line in the resident's history). The rules:
 *   - the trainee is a registered resident whose record is not closed; the course exists;
 *   - one enrolment per person and course: a second is refused (JY_EDUP, other_id the first);
 *   - admitting past the course's capacity is saved with a warning (JY_OK, err->warn); the
 *     waiting list (v[EF_WAITLIST] "1") is never counted;
 *   - 结业 needs the trainee admitted; its date defaults to the course's end, 退学's to today;
 *   - a certificate means passed; a certificate number needs its type.
 * New: enrolled_on defaults to today, result to enrolled. Update: JY_ECONFLICT on a stale
 * version. On success e->id, e->version, e->resident_id, e->course_id are set. */
int enrolment_save(struct jy_db *db, struct enrolment *e, struct jy_err *err);
/* Enrol a resident (or put her on the waiting list) today: enrolment_save's rules. */
int enrolment_enrol(struct jy_db *db, int64_t resident_id, int64_t course_id, int waitlist,
                    int64_t *id, struct jy_err *err);

/* ---- outcome.c: attendance, the six-month outcome and the subsidy tier ------------------------ */
enum { OUTCOME_NONE, OUTCOME_EMPLOYED, OUTCOME_PENDING, OUTCOME_NOT_EMPLOYED };
/* Whether resident rid found work after a course that ended on course_end: a status event with an
 * employed status (codes 2x: 已就业, 灵活就业, 自主创业, 公益性岗位) dated in (end, end + N months],
 * N the setting training.outcome_months (6), the month end clamped (2024-08-31 + 6 months is
 * 2025-02-28). *outcome: OUTCOME_EMPLOYED with *employed_on the first such date; otherwise PENDING
 * while asof is inside the window, NOT_EMPLOYED after it. window_end (11 bytes) gets end + N
 * months. Derived every time from the status events: never typed, never stored. JY_EDB when the
 * setting or the events cannot be read. */
int outcome_employment(struct jy_db *db, int64_t rid, const char *course_end, const char *asof,
                       int *outcome, char employed_on[11], char window_end[11], struct jy_err *err);
/* The subsidy tier in percent into *tier (settings training.tier.employed 100, .vocational 80,
 * .special 60): a completer who passed and was employed within the window gets the first;
 * otherwise a 职业资格证书 (train_cert 2) the second, a 专项职业能力证书 (3) the third; else 0. */
int outcome_tier(struct jy_db *db, int completed, int employed, int passed, const char *cert_type,
                 int *tier, struct jy_err *err);

/* An enrolment as lists, printouts and the outcome show it. */
struct enrol_row {
	int64_t id, resident_id, course_id;
	char name[64], id_no[19], sex[4], birth[11], phone[21], status[11];
	char course_code[24], course_name[184], course_end[11];
	char enrolled_on[11], result[12], result_on[11], cert_type[12], cert_no[124];
	int waitlisted, passed, in_trade;        /* passed / in_trade -1: not recorded */
	int marked, present, late, leave, absent; /* sessions with a mark, and the marks */
	int outcome;            /* OUTCOME_*, for completers; OUTCOME_NONE otherwise */
	char employed_on[11], window_end[11];
	int tier, amount;       /* subsidy tier in percent, and in yuan (course subsidy × tier) */
};
/* Attendance rate in tenths of a percent, (到 + 迟) / sessions marked; -1 when none is marked.
 * 假 (excused) and 缺 both count as not attended. */
int attendance_rate(const struct enrol_row *r);
/* The enrolments of a course (resident_id 0: admitted by enrolment, then the waiting list in
 * order) or of a resident (course_id 0: newest course first), with attendance and outcome as of
 * asof. Caller frees *rows. */
int enrolment_list(struct jy_db *db, int64_t course_id, int64_t resident_id, const char *asof,
                   struct enrol_row **rows, int *n, struct jy_err *err);
/* Completers still without work as of asof: no employed status event since the course ended and
 * a current status that is not employed; of one course, or of every course (course_id 0), the
 * longest-waiting first. Caller frees *rows. */
int outcome_without_work(struct jy_db *db, int64_t course_id, const char *asof,
                         struct enrol_row **rows, int *n, struct jy_err *err);
/* Completers still without work whose six-month window is open on asof and closes within days
 * of it: the checks the office makes before the window closes, soonest first. Reads only the
 * courses that ended in the months that can fall due. Caller frees *rows. */
int outcome_due(struct jy_db *db, const char *asof, int days, struct enrol_row **rows, int *n,
                struct jy_err *err);

/* ---- attendance.c: a course's sessions and their roll calls ----------------------------------- */
#define SESSION_FIELDS(X) \
	X(NO,      no,         "课次",     "no",         FK_TEXT, NULL,  4, FF_NUM) \
	X(DATE,    date,       "上课日期", "date",       FK_DATE, NULL, 10, FF_REQ) \
	X(START,   start_time, "开始时间", "start_time", FK_TEXT, NULL,  5, FF_TIME) \
	X(END,     end_time,   "结束时间", "end_time",   FK_TEXT, NULL,  5, FF_TIME) \
	X(HOURS,   hours,      "学时",     "hours",      FK_TEXT, NULL,  3, FF_NUM) \
	X(TOPIC,   topic,      "授课内容", "topic",      FK_TEXT, NULL, 60, 0) \
	X(TEACHER, teacher,    "授课教师", "teacher",    FK_TEXT, NULL, 20, 0) \
	X(PLACE,   place,      "上课地点", "place",      FK_TEXT, NULL, 60, 0)

#define X(id, col, label, alias, kind, list, max, flags) SF_##id,
enum session_field { SESSION_FIELDS(X) SF__COUNT };
#undef X
extern const struct field_def session_fields[SF__COUNT];

struct session {
	int64_t id, course_id, version;
	char *v[SF__COUNT];
};
struct session *session_new(int64_t course_id);   /* Caller frees with session_free. */
void session_free(struct session **s);
void session_set(struct session *s, int field, const char *value);
const char *session_get(const struct session *s, int field);
int session_load(struct jy_db *db, int64_t id, struct session **out, struct jy_err *err);
/* Validate and save. New: an empty 课次 gets the next number, the place the course's; a number in
 * use is refused (JY_EDUP); a date outside the course's dates is refused. Update: JY_ECONFLICT on
 * a stale version. */
int session_save(struct jy_db *db, struct session *s, struct jy_err *err);

struct session_row {
	int64_t id;
	int no, hours;
	char date[11], start[6], end[6];
	char topic[184], teacher[64];
	int marked, present, late, leave, absent;
};
int session_list(struct jy_db *db, int64_t course_id, struct session_row **rows, int *n,
                 struct jy_err *err);   /* by 课次. Caller frees *rows. */

enum { MARK_NONE, MARK_PRESENT, MARK_ABSENT, MARK_LATE, MARK_LEAVE, MARK__COUNT };
const char *mark_label(int mark);               /* 到 缺 迟 假, "" for none */
struct rollcall_row {
	int64_t enrolment_id;
	char name[64], id_no[19];
	int mark;               /* MARK_*: what the worker set */
	int was;                /* as loaded */
};
struct rollcall {
	int64_t session_id, version;
	struct rollcall_row *rows;
	int n;
};
/* The roll call of a session: the course's admitted trainees (and anyone already marked), by
 * enrolment. Free with rollcall_free. */
int rollcall_load(struct jy_db *db, int64_t session_id, struct rollcall *out, struct jy_err *err);
void rollcall_free(struct rollcall *rc);
/* Store the marks that changed (a mark is never taken back to none), in one transaction with
 * the session's history. JY_ECONFLICT when the roll call or the session was saved by someone
 * else since it was loaded (nothing saved). rc->version and each row's was are updated. */
int rollcall_save(struct jy_db *db, struct rollcall *rc, struct jy_err *err);


/* ---- training_io.c: courses and enrolments from and to CSV files ------------------------------ */
/* The same rules as import_residents: FILE:ROW: 列名: lines, nothing stored while a row is bad
 * (unless IMPORT_SKIP_ERRORS), empty cells never overwrite, a dry run changes nothing. A course
 * is matched by its code; an enrolment by ID number and course code. Exports write the importer's
 * columns in format, as export_residents. */
int import_courses(struct jy_db *db, const char *path, const char *sheet, int flags,
                   void (*report)(void *arg, const char *line), void *arg,
                   struct import_result *res, struct jy_err *err);
int import_enrolments(struct jy_db *db, const char *path, const char *sheet, int flags,
                      void (*report)(void *arg, const char *line), void *arg,
                      struct import_result *res, struct jy_err *err);
int export_courses(struct jy_db *db, const char *path, int format, int *rows, struct jy_err *err);
int export_enrolments(struct jy_db *db, const char *path, int format, const char *purpose, int *rows,
                      struct jy_err *err);
int template_courses(struct jy_db *db, const char *path, struct jy_err *err);
int template_enrolments(struct jy_db *db, const char *path, struct jy_err *err);

#endif
