/* core/print.c: printouts as plain text for the office printer — a session's sign-in sheet (签到表)
 * and a course's roster (花名册). Plain text because that is what every office PC and `lp` print
 * without a PDF stack (anchors-mission: "sent to the printer or saved as text").
 *
 * Columns are measured with text_width, so a Chinese character takes its two columns on the
 * printer's fixed-pitch font as on the terminal, and is never cut in half (text_fit_pad). Each page
 * repeats the header and the column heads, ends with a footer naming the worker, the time and
 * "第 x 页 共 y 页", and the next starts after a form feed. A trainee's row and the rule under it
 * (room for a signature) never split across pages. ID numbers and phones are masked: a sign-in
 * sheet lies on a table where every trainee reads it (privacy E6). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_int.h"

struct sheet {
	int cols, lines;
	char **head;            /* lines on top of every page (title, course, column heads) */
	int nhead;
	struct block {
		char *line[2];
		int n;
	} *body;
	int nbody, capbody;
	char who[160];
};

static void sheet_head(struct sheet *s, char *line)
{
	s->head = xrealloc(s->head, sizeof *s->head * (size_t)(s->nhead + 1));
	s->head[s->nhead++] = line;
}

static void sheet_block(struct sheet *s, char *a, char *b)
{
	if (s->nbody == s->capbody) {
		s->capbody = s->capbody ? s->capbody * 2 : 64;
		s->body = xrealloc(s->body, sizeof *s->body * (size_t)s->capbody);
	}
	s->body[s->nbody++] = (struct block){ { a, b }, b ? 2 : 1 };
}

static void sheet_free(struct sheet *s)
{
	for (int i = 0; i < s->nhead; i++)
		free(s->head[i]);
	for (int i = 0; i < s->nbody; i++)
		for (int k = 0; k < s->body[i].n; k++)
			free(s->body[i].line[k]);
	free(s->head);
	free(s->body);
}

/* s cut or padded to exactly w columns, without the trailing padding when last. */
static void put_cell(struct jy_buf *b, const char *s, int w, int last)
{
	int used;
	size_t fit = text_fit(s ? s : "", w, &used);
	buf_add(b, s ? s : "", fit);
	if (!last)
		for (int i = used; i < w; i++)
			buf_adds(b, " ");
}

/* Header text wrapped to the page width (Chinese has no spaces to break at). */
static void head_wrapped(struct sheet *s, const char *text)
{
	const char *p = text;
	do {
		int used;
		size_t fit = text_fit(p, s->cols, &used);
		if (fit == 0 && *p)
			fit = text_next_grapheme(p, strlen(p), 0);
		sheet_head(s, xstrndup(p, fit));
		p += fit;
	} while (*p);
}

static char *centered(const char *text, int cols)
{
	int w = text_width(text), pad = w < cols ? (cols - w) / 2 : 0;
	return xasprintf("%*s%s", pad, "", text);
}

static char *rule(int cols, char c)
{
	char *r = xmalloc((size_t)cols + 1);
	memset(r, c, (size_t)cols);
	r[cols] = '\0';
	return r;
}

/* 3301**********0126, as the lists show it; 138****5678. */
static void mask_id(const char *id, char out[19])
{
	size_t n = strlen(id);
	if (n <= 8) {
		snprintf(out, 19, "%s", id);
		return;
	}
	snprintf(out, 19, "%.4s%.*s%s", id, (int)(n - 8), "**************", id + n - 4);
}

static void mask_phone(const char *ph, char out[24])
{
	size_t n = strlen(ph);
	if (n < 8) {
		snprintf(out, 24, "%s", ph);
		return;
	}
	snprintf(out, 24, "%.3s%.*s%s", ph, (int)(n - 7), "****************", ph + n - 4);
}

/* Pages: head, as many whole blocks as fit, footer. */
static void sheet_write(struct sheet *s, FILE *fp)
{
	int room = s->lines - s->nhead - 2;     /* a blank line and the footer */
	if (room < 2)
		room = 2;
	int pages = 0;
	for (int i = 0, used = room; i < s->nbody; i++) {
		if (used + s->body[i].n > room) {
			pages++;
			used = 0;
		}
		used += s->body[i].n;
	}
	if (pages == 0)
		pages = 1;
	int page = 0, i = 0;
	while (page < pages) {
		if (page)
			fputc('\f', fp);
		for (int h = 0; h < s->nhead; h++)
			fprintf(fp, "%s\n", s->head[h]);
		int used = 0;
		while (i < s->nbody && used + s->body[i].n <= room) {
			for (int k = 0; k < s->body[i].n; k++)
				fprintf(fp, "%s\n", s->body[i].line[k]);
			used += s->body[i].n;
			i++;
		}
		page++;
		char pg[64];
		snprintf(pg, sizeof pg, "第 %d 页 共 %d 页", page, pages);
		struct jy_buf f = { 0 };
		int left = s->cols - text_width(pg) - 1;
		put_cell(&f, s->who, left > 0 ? left : 0, 0);
		buf_addf(&f, " %s", pg);
		fprintf(fp, "\n%s\n", f.s);
		buf_free(&f);
	}
}

static int sheet_save(struct sheet *s, const char *path, struct jy_err *err)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *fp = fopen(tmp, "wb");
	if (!fp) {
		int rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	sheet_write(s, fp);
	int bad = ferror(fp), e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	int rc = JY_OK;
	if (bad || rename(tmp, path) != 0) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"), path, strerror(bad ? e : errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

static void sheet_init(struct jy_db *db, struct sheet *s)
{
	memset(s, 0, sizeof *s);
	s->cols = db_setting_int(db, "print.page_cols", 80);
	s->lines = db_setting_int(db, "print.page_lines", 60);
	if (s->cols < 60)
		s->cols = 60;
	if (s->cols > 200)
		s->cols = 200;
	if (s->lines < 20)
		s->lines = 20;
	char now[32];
	time_now_iso(now);
	now[16] = '\0';
	now[10] = ' ';
	const char *who = db->who.name[0] ? db->who.name : db->who.os_user;
	/* in the words of the sheet's readers: the worker who printed it, and when */
	snprintf(s->who, sizeof s->who, "打印：%s %s", who, now);
}

/* The course's heading lines. */
static int course_head(struct jy_db *db, struct sheet *s, int64_t cid, const char *title,
                       struct course **out, struct jy_err *err)
{
	struct course *c = NULL;
	int rc = course_load(db, cid, &c, err);
	if (rc)
		return rc;
	sheet_head(s, centered(title, s->cols));
	sheet_head(s, xstrdup(""));
	struct jy_buf b = { 0 };
	buf_addf(&b, "培训班：%s（%s）", course_get(c, CF_NAME), course_get(c, CF_CODE));
	if (c->v[CF_TERM])
		buf_addf(&b, "  第%s期", c->v[CF_TERM]);
	if (c->v[CF_CLASSNO])
		buf_addf(&b, "  第%s班", c->v[CF_CLASSNO]);
	head_wrapped(s, b.s);
	buf_reset(&b);
	buf_addf(&b, "培训机构：%s", *course_get(c, CF_PROVIDER) ? course_get(c, CF_PROVIDER) : "-");
	head_wrapped(s, b.s);
	buf_free(&b);
	*out = c;
	return JY_OK;
}

int print_signin(struct jy_db *db, int64_t session_id, const char *path, struct jy_err *err)
{
	struct session *se = NULL;
	int rc = session_load(db, session_id, &se, err);
	if (rc)
		return rc;
	struct sheet s;
	sheet_init(db, &s);
	struct course *c = NULL;
	rc = course_head(db, &s, se->course_id, "培训签到表", &c, err);
	struct rollcall roll = { 0 };
	if (!rc)
		rc = rollcall_load(db, session_id, &roll, err);
	if (rc) {
		session_free(&se);
		course_free(&c);
		sheet_free(&s);
		return rc;
	}
	struct jy_buf b = { 0 };
	buf_addf(&b, "第 %s 次课  日期：%s", session_get(se, SF_NO), session_get(se, SF_DATE));
	if (se->v[SF_START] || se->v[SF_END])
		buf_addf(&b, "  时间：%s-%s", session_get(se, SF_START), session_get(se, SF_END));
	if (se->v[SF_HOURS])
		buf_addf(&b, "  学时：%s", session_get(se, SF_HOURS));
	head_wrapped(&s, b.s);
	buf_reset(&b);
	buf_addf(&b, "授课内容：%s  授课教师：%s", *session_get(se, SF_TOPIC) ? session_get(se, SF_TOPIC) : "-",
	         *session_get(se, SF_TEACHER) ? session_get(se, SF_TEACHER) : "-");
	head_wrapped(&s, b.s);
	buf_reset(&b);
	buf_addf(&b, "上课地点：%s  应到：%d 人", *session_get(se, SF_PLACE) ? session_get(se, SF_PLACE) : "-", roll.n);
	head_wrapped(&s, b.s);
	buf_reset(&b);

	/* 序号 姓名 身份证号 签到 签退 备注: the signature columns get what the page has to spare */
	int w_no = 4, w_name = 12, w_id = 18, spare = s.cols - (w_no + w_name + w_id + 5);
	int w_in = spare * 3 / 8, w_out = spare * 3 / 8, w_note = spare - w_in - w_out;
	const char *heads[] = { "序号", "姓名", "身份证号", "签到", "签退", "备注" };
	int widths[] = { w_no, w_name, w_id, w_in, w_out, w_note };
	sheet_head(&s, rule(s.cols, '='));
	for (int k = 0; k < 6; k++) {
		put_cell(&b, heads[k], widths[k], k == 5);
		if (k < 5)
			buf_adds(&b, " ");
	}
	sheet_head(&s, buf_steal(&b));
	sheet_head(&s, rule(s.cols, '='));
	for (int i = 0; i < roll.n; i++) {
		char no[12], id[19];
		snprintf(no, sizeof no, "%d", i + 1);
		mask_id(roll.rows[i].id_no, id);
		const char *cells[] = { no, roll.rows[i].name, id, "", "", "" };
		buf_reset(&b);
		buf_adds(&b, "");
		for (int k = 0; k < 3; k++) {
			put_cell(&b, cells[k], widths[k], k == 2);
			if (k < 2)
				buf_adds(&b, " ");
		}
		sheet_block(&s, buf_steal(&b), rule(s.cols, '-'));
	}
	buf_free(&b);
	rc = sheet_save(&s, path, err);
	rollcall_free(&roll);
	session_free(&se);
	course_free(&c);
	sheet_free(&s);
	return rc;
}

static const char *result_word(const struct enrol_row *r)
{
	if (strcmp(r->result, "completed") == 0)
		return "结业";
	if (strcmp(r->result, "dropped") == 0)
		return "退学";
	return r->waitlisted ? "候补" : "在读";
}

int print_roster(struct jy_db *db, int64_t course_id, const char *path, struct jy_err *err)
{
	struct sheet s;
	sheet_init(db, &s);
	struct course *c = NULL;
	struct enrol_row *rows = NULL;
	int n = 0;
	int rc = course_head(db, &s, course_id, "培训班花名册", &c, err);
	if (!rc)
		rc = enrolment_list(db, course_id, 0, NULL, &rows, &n, err);
	if (rc) {
		course_free(&c);
		sheet_free(&s);
		return rc;
	}
	struct jy_buf b = { 0 };
	char *sp = course_display(db, c, CF_SPECIALITY), *cat = course_display(db, c, CF_CATEGORY);
	buf_addf(&b, "专业：%s  培训类别：%s  日期：%s 至 %s  学时：%s", *sp ? sp : "-", *cat ? cat : "-",
	         course_get(c, CF_START), course_get(c, CF_END), *course_get(c, CF_HOURS) ? course_get(c, CF_HOURS) : "-");
	free(sp);
	free(cat);
	head_wrapped(&s, b.s);
	buf_reset(&b);
	struct course_counts cc;
	course_counts(db, course_id, &cc, NULL);
	buf_addf(&b, "培训地点：%s  计划人数：%s  在读/结业：%d  候补：%d  退学：%d",
	         *course_get(c, CF_PLACE) ? course_get(c, CF_PLACE) : "-",
	         *course_get(c, CF_CAPACITY) ? course_get(c, CF_CAPACITY) : "-", cc.admitted, cc.waiting, cc.dropped);
	head_wrapped(&s, b.s);
	buf_reset(&b);

	const char *heads[] = { "序号", "姓名", "身份证号", "联系电话", "状态", "出勤率", "合格", "证书" };
	int widths[] = { 4, 10, 18, 11, 4, 6, 4, 0 };
	int fixed = 0;
	for (int k = 0; k < 7; k++)
		fixed += widths[k] + 1;
	widths[7] = s.cols - fixed;
	sheet_head(&s, rule(s.cols, '='));
	for (int k = 0; k < 8; k++) {
		put_cell(&b, heads[k], widths[k], k == 7);
		if (k < 7)
			buf_adds(&b, " ");
	}
	sheet_head(&s, buf_steal(&b));
	sheet_head(&s, rule(s.cols, '='));
	const struct code_list *certs = codes_cached(db, "train_cert");
	for (int i = 0; i < n; i++) {
		const struct enrol_row *r = &rows[i];
		char no[12], id[19], ph[24], rate[16] = "-";
		snprintf(no, sizeof no, "%d", i + 1);
		mask_id(r->id_no, id);
		mask_phone(r->phone, ph);
		int a = attendance_rate(r);
		if (a >= 0)
			snprintf(rate, sizeof rate, "%d.%d%%", a / 10, a % 10);
		const char *cert = r->cert_type[0] ? codes_label(certs, r->cert_type) : NULL;
		const char *cells[] = { no, r->name, id, ph, result_word(r), rate,
		                        r->passed == 1 ? "是" : r->passed == 0 ? "否" : "-",
		                        cert ? cert : (r->cert_type[0] ? r->cert_type : "-") };
		buf_reset(&b);
		buf_adds(&b, "");
		for (int k = 0; k < 8; k++) {
			put_cell(&b, cells[k], widths[k], k == 7);
			if (k < 7)
				buf_adds(&b, " ");
		}
		sheet_block(&s, buf_steal(&b), NULL);
	}
	buf_free(&b);
	free(rows);
	rc = sheet_save(&s, path, err);
	course_free(&c);
	sheet_free(&s);
	return rc;
}
