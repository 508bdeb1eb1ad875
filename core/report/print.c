/* core/report/print.c: printouts as plain text for the office printer — a session's sign-in sheet (签到表)
 * and a course's roster (花名册). Plain text because that is what every office PC and `lp` print
 * without a PDF stack ("sent to the printer or saved as text").
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
#include <strings.h>
#include <unistd.h>

#include "report/report.h"
#include "store/sql.h"

struct printout {
	int cols, lines;
	char **head;            /* lines on top of every page (title, course, column heads) */
	int nhead;
	struct block {
		char **line;
		int n;
	} *body;
	int nbody, capbody;
	char who[200];
};

static void out_head(struct printout *s, char *line)
{
	s->head = xrealloc(s->head, sizeof *s->head * (size_t)(s->nhead + 1));
	s->head[s->nhead++] = line;
}

/* Lines that stay on one page together (a trainee's row and its rule, a form's row); taken. */
static void out_lines(struct printout *s, char **lines, int n)
{
	if (s->nbody == s->capbody) {
		s->capbody = s->capbody ? s->capbody * 2 : 64;
		s->body = xrealloc(s->body, sizeof *s->body * (size_t)s->capbody);
	}
	s->body[s->nbody++] = (struct block){ lines, n };
}

static void out_block(struct printout *s, char *a, char *b)
{
	char **l = xmalloc(2 * sizeof *l);
	l[0] = a;
	l[1] = b;
	out_lines(s, l, b ? 2 : 1);
}

static void out_free(struct printout *s)
{
	for (int i = 0; i < s->nhead; i++)
		free(s->head[i]);
	for (int i = 0; i < s->nbody; i++)
		for (int k = 0; k < s->body[i].n; k++)
			free(s->body[i].line[k]);
	for (int i = 0; i < s->nbody; i++)
		free(s->body[i].line);
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
static void head_wrapped(struct printout *s, const char *text)
{
	const char *p = text;
	do {
		int used;
		size_t fit = text_fit(p, s->cols, &used);
		if (fit == 0 && *p)
			fit = text_next_grapheme(p, strlen(p), 0);
		out_head(s, xstrndup(p, fit));
		p += fit;
	} while (*p);
}

static char *centered(const char *text, int cols)
{
	int w = text_width(text);
	if (w > cols)           /* a long office name: cut at a character, never past the page */
		return text_fit_pad(text, cols);
	return xasprintf("%*s%s", (cols - w) / 2, "", text);
}

static char *rule(int cols, char c)
{
	char *r = xmalloc((size_t)cols + 1);
	memset(r, c, (size_t)cols);
	r[cols] = '\0';
	return r;
}

/* Pages: head, as many whole blocks as fit, footer. */
static void out_write(struct printout *s, FILE *fp)
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
		/* a block taller than a page goes on a page of its own rather than nowhere */
		while (i < s->nbody && (used + s->body[i].n <= room || used == 0)) {
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

static int out_save(struct printout *s, const char *path, struct jy_err *err)
{
	if (!path || strcmp(path, "-") == 0) {     /* stdout: the command line without -o */
		out_write(s, stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			return err_set(err, JY_EIO, NULL, _("cannot write to standard output: %s"), strerror(errno));
		return JY_OK;
	}
	char *tmp = path_tmp_name(path);
	int fd = path_create_beside(path, tmp);         /* 0600: a printout holds a person */
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !fp)
		close(fd);
	if (!fp && errno == EINVAL) {
		int rc = err_set(err, JY_EIO, NULL,
		                 _("%s is not a plain file: give the name of a file to write"),
		                 path_shown(path));
		free(tmp);
		return rc;
	}
	if (!fp) {
		int rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		                 path_shown(path), strerror(errno));
		free(tmp);
		return rc;
	}
	out_write(s, fp);
	int bad = ferror(fp), e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	int rc = JY_OK;
	if (bad || rename(tmp, path) != 0) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		             path_shown(path), strerror(bad ? e : errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* A printout's page size and footer. JY_EDB when the page settings cannot be read; out_free is
 * safe either way. */
static int out_init(struct jy_db *db, struct printout *s, struct jy_err *err)
{
	memset(s, 0, sizeof *s);
	int rc = db_setting_int(db, "print.page_cols", 80, &s->cols, err);
	if (!rc)
		rc = db_setting_int(db, "print.page_lines", 60, &s->lines, err);
	if (rc)
		return rc;
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
	const char *who = db_actor(db)->name[0] ? db_actor(db)->name : db_actor(db)->os_user;
	/* in the words of the sheet's readers: the worker who printed it, and when */
	snprintf(s->who, sizeof s->who, "打印：%s %s", who, now);
	return JY_OK;
}

/* The course's heading lines. */
static int course_head(struct jy_db *db, struct printout *s, int64_t cid, const char *title,
                       struct course **out, struct jy_err *err)
{
	struct course *c = NULL;
	int rc = course_load(db, cid, &c, err);
	if (rc)
		return rc;
	out_head(s, centered(title, s->cols));
	out_head(s, xstrdup(""));
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
	struct printout s;
	struct course *c = NULL;
	rc = out_init(db, &s, err);
	if (!rc)
		rc = course_head(db, &s, se->course_id, "培训签到表", &c, err);
	struct rollcall roll = { 0 };
	if (!rc)
		rc = rollcall_load(db, session_id, &roll, err);
	if (rc) {
		session_free(&se);
		course_free(&c);
		out_free(&s);
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
	out_head(&s, rule(s.cols, '='));
	for (int k = 0; k < 6; k++) {
		put_cell(&b, heads[k], widths[k], k == 5);
		if (k < 5)
			buf_adds(&b, " ");
	}
	out_head(&s, buf_steal(&b));
	out_head(&s, rule(s.cols, '='));
	for (int i = 0; i < roll.n; i++) {
		char no[12], id[24];
		snprintf(no, sizeof no, "%d", i + 1);
		mask_idno(roll.rows[i].id_no, id, sizeof id);
		const char *cells[] = { no, roll.rows[i].name, id, "", "", "" };
		buf_reset(&b);
		buf_adds(&b, "");
		for (int k = 0; k < 3; k++) {
			put_cell(&b, cells[k], widths[k], k == 2);
			if (k < 2)
				buf_adds(&b, " ");
		}
		out_block(&s, buf_steal(&b), rule(s.cols, '-'));
	}
	buf_free(&b);
	rc = out_save(&s, path, err);
	rollcall_free(&roll);
	session_free(&se);
	course_free(&c);
	out_free(&s);
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
	struct printout s;
	struct course *c = NULL;
	struct enrol_row *rows = NULL;
	struct course_counts cc;
	const struct code_list *certs = NULL;
	char *sp = NULL, *cat = NULL;
	int n = 0;
	int rc = out_init(db, &s, err);
	if (!rc)
		rc = course_head(db, &s, course_id, "培训班花名册", &c, err);
	if (!rc)
		rc = enrolment_list(db, course_id, 0, NULL, &rows, &n, err);
	if (!rc)
		rc = course_display(db, c, CF_SPECIALITY, &sp, err);
	if (!rc)
		rc = course_display(db, c, CF_CATEGORY, &cat, err);
	if (!rc)
		rc = course_counts(db, course_id, &cc, err);
	if (!rc && !(certs = codes_cached(db, "train_cert", err)))
		rc = JY_EDB;
	if (rc) {
		free(sp);
		free(cat);
		free(rows);
		course_free(&c);
		out_free(&s);
		return rc;
	}
	struct jy_buf b = { 0 };
	buf_addf(&b, "专业：%s  培训类别：%s  日期：%s 至 %s  学时：%s", *sp ? sp : "-", *cat ? cat : "-",
	         course_get(c, CF_START), course_get(c, CF_END), *course_get(c, CF_HOURS) ? course_get(c, CF_HOURS) : "-");
	free(sp);
	free(cat);
	head_wrapped(&s, b.s);
	buf_reset(&b);
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
	out_head(&s, rule(s.cols, '='));
	for (int k = 0; k < 8; k++) {
		put_cell(&b, heads[k], widths[k], k == 7);
		if (k < 7)
			buf_adds(&b, " ");
	}
	out_head(&s, buf_steal(&b));
	out_head(&s, rule(s.cols, '='));
	for (int i = 0; i < n; i++) {
		const struct enrol_row *r = &rows[i];
		char no[12], id[24], ph[24], rate[16] = "-";
		snprintf(no, sizeof no, "%d", i + 1);
		mask_idno(r->id_no, id, sizeof id);
		mask_phone(r->phone, ph, sizeof ph);
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
		out_block(&s, buf_steal(&b), NULL);
	}
	buf_free(&b);
	free(rows);
	rc = out_save(&s, path, err);
	course_free(&c);
	out_free(&s);
	return rc;
}

/* ==== a resident's registration form (求职登记表) and its confirmation slip (业务办理确认单) ====
 * The form is the office's paper record of a registration: every field in the order of the paper
 * 求职登记表 (the registration screens' order), the full ID number and phone,
 * because the office files it and the applicant signs it as hers; its footer says 仅供本人/经办使用
 * with the worker and the time (privacy E6 / L1: full values only on the person's own copy). The
 * health, disability and 低保 fields stay off paper (privacy E1, PI-H): 人员类别 carries what the
 * form needs. The slip is what the applicant takes home (打印《业务办理确认单》
 * 由申请人确认): what was done, when, by whom, where, what to bring next time, and the signature
 * lines; it may be lost on a bus, so the ID number on it is masked (first 6 + last 4, privacy E1).
 * Boxes are ASCII (+ - |): box-drawing characters are ambiguous-width and come out one or two
 * columns wide depending on the printer's and the terminal's CJK setting. */

/* A form's grid: a row holds one label/value pair or two. lw: label columns; v1, v2: the values'
 * columns in a two-pair row; v: in a one-pair row. Every line is exactly cols columns. */
struct grid {
	int cols, lw, v1, v2, v;
};

static void grid_init(struct grid *g, int cols)
{
	g->cols = cols;
	g->lw = 12;                                     /* six Chinese characters: 原单位及工种 */
	g->v = cols - g->lw - 7;                        /* "| " L " | " V " |" */
	g->v1 = (cols - 13 - 2 * g->lw) / 2;            /* "| " L " | " V1 " | " L " | " V2 " |" */
	g->v2 = cols - 13 - 2 * g->lw - g->v1;
}

/* Where a row of kind (1 or 2 pairs) has its '|'; the separator between two rows has a '+' at
 * every place either of them has one. */
static void grid_joints(const struct grid *g, int kind, char *line)
{
	line[0] = line[g->cols - 1] = '+';
	line[g->lw + 3] = '+';
	if (kind == 2) {
		line[g->lw + g->v1 + 6] = '+';
		line[2 * g->lw + g->v1 + 9] = '+';
	}
}

static char *grid_rule(const struct grid *g, int above, int below)
{
	char *r = rule(g->cols, '-');
	if (above)
		grid_joints(g, above, r);
	if (below)
		grid_joints(g, below, r);
	return r;
}

/* text cut into lines of at most w columns, each a whole number of characters (Chinese has no
 * spaces to break at); a '\n' in text starts a new line. Controls are dropped first. */
static int wrap_text(const char *text, int w, char ***out)
{
	char **l = NULL;
	int n = 0;
	const char *para = text ? text : "";
	do {
		size_t plen = strcspn(para, "\n");
		char *raw = xstrndup(para, plen), *t = text_clean(raw);
		const char *p = t;
		do {
			int used;
			size_t fit = text_fit(p, w, &used);
			if (fit == 0 && *p)     /* one character wider than the column: put_cell drops it */
				fit = text_next_grapheme(p, strlen(p), 0);
			l = xrealloc(l, sizeof *l * (size_t)(n + 1));
			l[n++] = xstrndup(p, fit);
			p += fit;
		} while (*p);
		free(t);
		free(raw);
		para += plen + (para[plen] == '\n');
	} while (*para);
	*out = l;
	return n;
}

static void free_lines(char **l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* One row of the grid as a block (its separator above and its lines, kept on one page): l2 NULL
 * for a one-pair row. prev: the kind of the row above (0 at the top). Returns this row's kind. */
static int grid_row(struct printout *s, const struct grid *g, int prev, const char *l1,
                    const char *v1, const char *l2, const char *v2)
{
	if (l2 && g->v1 < 18) {         /* a narrow page: an ID number would not fit half a row */
		prev = grid_row(s, g, prev, l1, v1, NULL, NULL);
		return grid_row(s, g, prev, l2, v2, NULL, NULL);
	}
	int kind = l2 ? 2 : 1;
	const char *text[4] = { l1, v1, l2, v2 };
	int width[4] = { g->lw, kind == 2 ? g->v1 : g->v, g->lw, g->v2 };
	char **cell[4] = { NULL };
	int ncell[4] = { 0 }, rows = 0;
	for (int k = 0; k < 2 * kind; k++) {
		ncell[k] = wrap_text(text[k], width[k], &cell[k]);
		if (ncell[k] > rows)
			rows = ncell[k];
	}
	char **lines = xmalloc(sizeof *lines * (size_t)(rows + 1));
	lines[0] = grid_rule(g, prev ? prev : kind, kind);
	for (int i = 0; i < rows; i++) {
		struct jy_buf b = { 0 };
		buf_adds(&b, "| ");
		for (int k = 0; k < 2 * kind; k++) {
			put_cell(&b, i < ncell[k] ? cell[k][i] : "", width[k], 0);
			buf_adds(&b, k + 1 < 2 * kind ? " | " : " |");
		}
		lines[i + 1] = buf_steal(&b);
	}
	for (int k = 0; k < 2 * kind; k++)
		free_lines(cell[k], ncell[k]);
	out_lines(s, lines, rows + 1);
	return kind;
}

static void grid_end(struct printout *s, const struct grid *g, int last)
{
	out_block(s, grid_rule(g, last, 0), NULL);
}

/* Body text wrapped to the page, kept on one page. */
static void body_wrapped(struct printout *s, const char *text)
{
	char **l;
	int n = wrap_text(text, s->cols, &l);
	out_lines(s, l, n);
}

/* Two items side by side, each in half the page ("申请人签字：____  经办人签字：____"). */
static char *two_halves(int cols, const char *a, const char *b)
{
	struct jy_buf x = { 0 };
	put_cell(&x, a, cols / 2, 0);
	put_cell(&x, b, cols - cols / 2, 1);
	return buf_steal(&x);
}

static void signature_lines(struct printout *s, const char *statement)
{
	body_wrapped(s, "");
	body_wrapped(s, statement);
	char **l = xmalloc(4 * sizeof *l);
	l[0] = xstrdup("");
	l[1] = two_halves(s->cols, "申请人签字：________________", "经办人签字：________________");
	l[2] = xstrdup("");
	l[3] = two_halves(s->cols, "日期：______年____月____日", "日期：______年____月____日");
	out_lines(s, l, 4);
}

/* What the office's printouts say about a registration besides the record itself. */
struct reg_facts {
	char worker[64];        /* who registered her: the history's first entry */
	char office[256];       /* 城关街道幸福社区劳动保障工作站, or the setting office.name */
	char next_due[11];      /* the next contact: the latest visit's next date, else 3 months on */
	struct jy_buf certs;    /* certificates held, one a line */
};

static int reg_first_worker(void *arg, const struct history_entry *h)
{
	/* newest first: the last create seen is the registration */
	if (strcmp(h->action, "create") == 0 && h->worker && *h->worker)
		snprintf(arg, 64, "%s", h->worker);
	return 0;
}

static int reg_cert(void *arg, const struct certificate *c)
{
	struct reg_facts *f = ((void **)arg)[0];
	const struct code_list *types = ((void **)arg)[1];
	const char *type = codes_label(types, c->type);
	/* 就业创业证 3201022024000123（2024-03-01 城关街道劳动保障所）注销 */
	buf_adds(&f->certs, type ? type : c->type);
	if (c->number && *c->number)
		buf_addf(&f->certs, " %s", c->number);
	buf_addf(&f->certs, "（%s", c->issue_date ? c->issue_date : "");
	if (c->office && *c->office)
		buf_addf(&f->certs, " %s", c->office);
	buf_adds(&f->certs, "）");
	if (c->status && strcmp(c->status, "有效") != 0)
		buf_adds(&f->certs, c->status);
	buf_adds(&f->certs, "\n");
	return 0;
}

static int reg_visit(void *arg, const struct visit *v)
{
	char *due = arg;
	if (v->next_due && *v->next_due && strcmp(v->next_due, due) > 0)
		snprintf(due, 11, "%s", v->next_due);
	return 0;
}

static int reg_office(struct jy_db *db, const struct resident *r, char out[256], struct jy_err *err)
{
	char *set = NULL;
	int rc = db_setting(db, "office.name", "", &set, err);
	if (rc || *set) {
		snprintf(out, 256, "%s", rc ? "" : set);
		free(set);
		return rc;
	}
	free(set);
	const char *unit = *resident_get(r, RF_COMMUNITY) ? resident_get(r, RF_COMMUNITY) : db_actor(db)->community;
	char street[96] = "", comm[96] = "";
	sqlite3_stmt *st = db_prepare(db, "SELECT c.name, s.name FROM unit c LEFT JOIN unit s ON s.code = c.parent "
	                              "AND s.level = 'street' WHERE c.code = ?1", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, unit);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, comm, sizeof comm);
		db_col_copy(st, 1, street, sizeof street);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	/* the community's station is where a resident registers (劳动保障工作站) */
	snprintf(out, 256, "%s%s劳动保障工作站", street, *comm ? comm : "社区");
	return JY_OK;
}

static int reg_facts_load(struct jy_db *db, const struct resident *r, struct reg_facts *f,
                          struct jy_err *err)
{
	memset(f, 0, sizeof *f);
	int rc = history_each(db, "resident", r->id, reg_first_worker, f->worker, err);
	if (rc)
		return rc;
	if (!f->worker[0])
		snprintf(f->worker, sizeof f->worker, "%s", r->updated_by ? r->updated_by : "");
	if ((rc = reg_office(db, r, f->office, err)))
		return rc;
	const struct code_list *types = codes_cached(db, "cert_type", err);
	if (!types)
		return JY_EDB;
	void *args[2] = { f, (void *)types };
	if ((rc = certificate_each(db, r->id, reg_cert, args, err)))
		return rc;
	if (f->certs.len && f->certs.s[f->certs.len - 1] == '\n')
		f->certs.s[--f->certs.len] = '\0';
	const char *reg = *resident_get(r, RF_REGDATE) ? resident_get(r, RF_REGDATE) : NULL;
	char today[11];
	date_today(today);
	/* the quarterly follow-up visit */
	date_add_months(reg && strcmp(reg, today) > 0 ? reg : today, 3, f->next_due);
	return visit_each(db, r->id, reg_visit, f->next_due, err);
}

/* 失业 / 下岗 / 待业 (emp_status 1x) register as unemployed as well as job seekers. */
static int reg_unemployed(const struct resident *r)
{
	return resident_get(r, RF_STATUS)[0] == '1';
}

static int reg_load(struct jy_db *db, int64_t rid, struct printout *s, struct resident **r,
                    struct reg_facts *f, struct jy_err *err)
{
	memset(f, 0, sizeof *f);
	int rc = resident_load(db, rid, r, err);
	if (rc)
		return rc;
	rc = out_init(db, s, err);
	if (!rc)
		rc = reg_facts_load(db, *r, f, err);
	if (rc) {
		out_free(s);
		resident_free(r);
		buf_free(&f->certs);
	}
	return rc;
}

static void reg_free(struct printout *s, struct resident **r, struct reg_facts *f)
{
	out_free(s);
	resident_free(r);
	buf_free(&f->certs);
}

/* The full ID number and phone go on the form only for a worker allowed to see them, and only once
 * the viewing is in the trail (privacy D5: fail closed); otherwise they are masked as everywhere.
 * So a trail that cannot be written gives the masked form, on purpose: never a full value
 * unrecorded. */
static int form_full_values(struct jy_db *db, const struct resident *r)
{
	if (access_check(db, OP_UNMASK, resident_get(r, RF_COMMUNITY), NULL) != JY_OK)
		return 0;
	return audit_note(db, "view", "resident", r->id, "id_no,phone", NULL, JY_OK, NULL) == JY_OK;
}

static int form_value(struct jy_db *db, const struct resident *r, int field, int full, char **out,
                      struct jy_err *err)
{
	char m[32];
	if (field == RF_IDNO && !full)
		mask_idno(resident_get(r, field), m, sizeof m);
	else if (field == RF_PHONE && !full)
		mask_phone(resident_get(r, field), m, sizeof m);
	else
		return resident_display(db, r, field, out, err);
	*out = xstrdup(m);
	return JY_OK;
}

int print_resident_form(struct jy_db *db, int64_t resident_id, const char *path, struct jy_err *err)
{
	struct printout s;
	struct resident *r = NULL;
	struct reg_facts f;
	int rc = reg_load(db, resident_id, &s, &r, &f, err);
	if (rc)
		return rc;
	char *who = xasprintf("仅供本人/经办使用  %s", s.who);
	snprintf(s.who, sizeof s.who, "%s", who);
	free(who);
	out_head(&s, centered("求职登记表", s.cols));
	char *sub = xasprintf("（%s）", f.office);
	out_head(&s, centered(sub, s.cols));
	free(sub);
	out_head(&s, xstrdup(""));

	struct grid g;
	grid_init(&g, s.cols);
	/* the fields as the paper form has them, two short ones to a row */
	static const int order[][2] = {
		{ RF_NAME, RF_SEX }, { RF_ETHNIC, RF_BIRTH }, { RF_IDNO, RF_HUKOU }, { RF_ORIGIN, -1 },
		{ RF_EDUCATION, RF_MARITAL }, { RF_ADDRESS, -1 }, { RF_PHONE, RF_COMMUNITY },
		{ RF_CATEGORIES, -1 }, { RF_STATUS, RF_UNEMP_RSN }, { RF_FORMER, -1 }, { RF_INTENT, -1 },
		{ RF_TRAINNEED, -1 }, { RF_SKILLS, -1 },
	};
	int kind = 0, full = form_full_values(db, r);
	for (size_t i = 0; i < ARRAY_LEN(order) && !rc; i++) {
		char *a = NULL, *b = NULL;
		rc = form_value(db, r, order[i][0], full, &a, err);
		if (!rc && order[i][1] >= 0)
			rc = form_value(db, r, order[i][1], full, &b, err);
		if (!rc)
			kind = grid_row(&s, &g, kind, resident_fields[order[i][0]].label, a,
			                b ? resident_fields[order[i][1]].label : NULL, b);
		free(a);
		free(b);
	}
	if (rc) {
		reg_free(&s, &r, &f);
		return rc;
	}
	kind = grid_row(&s, &g, kind, "持有证书", f.certs.len ? f.certs.s : "无", NULL, NULL);
	kind = grid_row(&s, &g, kind, "登记日期", resident_get(r, RF_REGDATE), "登记编号", r->reg_no);
	kind = grid_row(&s, &g, kind, "经办人", f.worker, NULL, NULL);
	kind = grid_row(&s, &g, kind, "经办机构", f.office, NULL, NULL);
	kind = grid_row(&s, &g, kind, "备注", resident_get(r, RF_NOTE), NULL, NULL);
	grid_end(&s, &g, kind);
	signature_lines(&s, "本人承诺：以上信息真实有效，如有虚假，愿承担相应责任。"
	                    "本人同意社区劳动保障工作站为就业服务使用以上信息。");
	rc = out_save(&s, path, err);
	reg_free(&s, &r, &f);
	return rc;
}

int print_resident_slip(struct jy_db *db, int64_t resident_id, const char *path, struct jy_err *err)
{
	struct printout s;
	struct resident *r = NULL;
	struct reg_facts f;
	int rc = reg_load(db, resident_id, &s, &r, &f, err);
	if (rc)
		return rc;
	out_head(&s, centered("业务办理确认单", s.cols));
	out_head(&s, centered("（申请人留存）", s.cols));
	out_head(&s, xstrdup(""));

	int unemployed = reg_unemployed(r);
	char id[24], *status = NULL;
	if ((rc = resident_display(db, r, RF_STATUS, &status, err))) {
		reg_free(&s, &r, &f);
		return rc;
	}
	mask_idno(resident_get(r, RF_IDNO), id, sizeof id);
	char *result = xasprintf("已登记%s%s", *status ? "，就业状态：" : "", status);
	/* what to bring (身份证或社保卡, 户口本, 就业创业证; 学历证书 for a
	 * graduate) and when to come back */
	char *bring = xasprintf("1. 本人居民身份证（或社会保障卡）原件\n2. 户口簿\n3. 本确认单\n"
	                        "4. 《就业创业证》（已领取的）\n5. 学历证书、职业资格证书等（办理培训、推荐时）");
	char *next = xasprintf("请于 %s 前与%s联系或来站办理（每季度至少一次）%s", f.next_due, f.office,
	                       unemployed ? "\n连续3个月未与登记机构联系的，失业登记将被注销" : "");
	struct grid g;
	grid_init(&g, s.cols);
	int kind = 0;
	kind = grid_row(&s, &g, kind, "办理事项", unemployed ? "求职登记、失业登记" : "求职登记", NULL, NULL);
	kind = grid_row(&s, &g, kind, "登记编号", r->reg_no, NULL, NULL);
	kind = grid_row(&s, &g, kind, "申请人", resident_get(r, RF_NAME), "身份证号", id);
	kind = grid_row(&s, &g, kind, "办理日期", resident_get(r, RF_REGDATE), "经办人", f.worker);
	kind = grid_row(&s, &g, kind, "经办机构", f.office, NULL, NULL);
	kind = grid_row(&s, &g, kind, "办理结果", result, NULL, NULL);
	kind = grid_row(&s, &g, kind, "下次请携带", bring, NULL, NULL);
	kind = grid_row(&s, &g, kind, "下次联系", next, NULL, NULL);
	grid_end(&s, &g, kind);
	signature_lines(&s, "以上内容本人已确认无误。");
	free(status);
	free(result);
	free(bring);
	free(next);
	rc = out_save(&s, path, err);
	reg_free(&s, &r, &f);
	return rc;
}

/* The resident a worker names on the command line: her ID number (as idcard_parse takes it) or
 * her registration number (R-000001, made from the record's id). */
int print_find_resident(struct jy_db *db, const char *text, int64_t *id, struct jy_err *err)
{
	const char *t = text ? text : "";
	if ((t[0] == 'R' || t[0] == 'r') && t[1] == '-' && t[2]) {
		char *end;
		long long n = strtoll(t + 2, &end, 10);
		struct resident *r = NULL;
		struct jy_err e = { 0 };
		int rc = *end == '\0' && n > 0 ? resident_load(db, n, &r, &e) : JY_ENOTFOUND;
		if (rc == JY_OK && strcasecmp(r->reg_no, t) == 0) {
			*id = n;
			resident_free(&r);
			return JY_OK;
		}
		resident_free(&r);
		/* one outside the worker's communities is answered as one nobody has (a role that may
		 * not read records at all is told so plainly) */
		if (rc == JY_EPERM && (rc = access_check(db, OP_VIEW, NULL, err)) != JY_OK)
			return rc;
		if (rc != JY_OK && rc != JY_ENOTFOUND)
			return err_set(err, rc, e.field, "%s", e.msg);
		return err_set(err, JY_ENOTFOUND, "登记编号", _("no resident has the registration number %s"), t);
	}
	char canon[19], birth[11], sex;
	struct jy_err e = { 0 };
	if (idcard_parse(t, canon, birth, &sex, &e) != JY_OK) {
		if (strspn(t, "0123456789Xx ") < 15)
			return err_set(err, JY_EINVAL, NULL, _("%s is neither an ID number nor a registration "
			               "number: give the 18-character ID number or the registration number "
			               "(R-000001)"), t);
		return err_set(err, JY_EINVAL, "身份证号", "%s", e.msg);
	}
	/* never the number itself in a message; one outside the worker's communities is answered
	 * as one nobody has */
	return resident_find_idno_in_scope(db, canon, OP_VIEW, id, err);
}

/* ---- rights cases: the 登记表 the office files and the 答复 letter ------------------------------- */
/* A case's text is a reader's (case_load records the opening). The 登记表 stays in the office's
 * file: the phone is whole only for a worker who may unmask it, once the viewing is in the trail.
 * The 答复 may be handed to the respondent as well as to her: it never carries her phone nor her
 * address, only her name, the case and what was done. */

/* 城南街道幸福里社区妇联, or the setting office.name. */
static int case_office(struct jy_db *db, const struct rcase *c, char out[256], struct jy_err *err)
{
	char *set = NULL;
	int rc = db_setting(db, "office.name", "", &set, err);
	if (rc || *set) {
		snprintf(out, 256, "%s", rc ? "" : set);
		free(set);
		return rc;
	}
	free(set);
	char street[96] = "", comm[96] = "";
	sqlite3_stmt *st = db_prepare(db, "SELECT c.name, s.name FROM unit c LEFT JOIN unit s ON s.code = c.parent "
	                              "AND s.level = 'street' WHERE c.code = ?1", err);
	if (!st)
		return JY_EDB;
	db_bind_text(st, 1, *case_get(c, KF_COMMUNITY) ? case_get(c, KF_COMMUNITY) : db_actor(db)->community);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		db_col_copy(st, 0, comm, sizeof comm);
		db_col_copy(st, 1, street, sizeof street);
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return db_fail(db, err, _("reading the units"));
	snprintf(out, 256, "%s%s妇联", street, comm);
	return JY_OK;
}

/* A step as one line: "2024-06-22 办理：调解（调解成功，街道维权站）". Caller frees. */
static char *case_step_line(struct jy_db *db, const struct case_step_row *s, int with_note)
{
	const struct field_def act = { "action", "办理措施", "action", FK_CODE, "case_action", 10, 0 };
	const struct field_def med = { "outcome", "调解结果", "outcome", FK_CODE, "case_outcome", 10, 0 };
	const struct field_def sat = { "outcome", "满意度", "outcome", FK_CODE, "case_satisfaction", 10, 0 };
	char *a = NULL, *o = NULL;
	if (field_show(db, &act, s->action, &a, NULL) != JY_OK)
		xstrset(&a, s->action);
	if (field_show(db, s->step == STEP_VISIT ? &sat : &med, s->outcome, &o, NULL) != JY_OK)
		xstrset(&o, s->outcome);
	struct jy_buf b = { 0 };
	buf_addf(&b, "%s %s", s->date, case_step_label(s->step));
	if (a && *a)
		buf_addf(&b, "：%s", a);
	if ((o && *o) || s->who[0]) {
		buf_adds(&b, "（");
		if (o && *o)
			buf_addf(&b, "%s%s", o, s->who[0] ? "，" : "");
		buf_addf(&b, "%s）", s->who);
	}
	if (s->days)
		buf_addf(&b, " %d天", s->days);
	if (with_note && s->note && *s->note)
		buf_addf(&b, " %s", s->note);
	free(a);
	free(o);
	return buf_steal(&b);
}

struct case_print {
	struct printout s;
	struct rcase *c;
	struct case_step_row *steps;
	int nsteps;
	char office[256];
	struct grid g;
};

static void case_print_free(struct case_print *p)
{
	out_free(&p->s);
	case_free(&p->c);
	case_steps_free(&p->steps, p->nsteps);
}

static int case_print_load(struct jy_db *db, int64_t id, struct case_print *p, struct jy_err *err)
{
	memset(p, 0, sizeof *p);
	int rc = case_load(db, id, &p->c, err);
	if (!rc)
		rc = case_steps(db, id, &p->steps, &p->nsteps, err);
	if (!rc)
		rc = out_init(db, &p->s, err);
	if (!rc)
		rc = case_office(db, p->c, p->office, err);
	if (rc)
		case_print_free(p);
	else
		grid_init(&p->g, p->s.cols);
	return rc;
}

/* A field as the printout shows it. Caller frees. */
static char *case_shown(struct jy_db *db, const struct rcase *c, int f)
{
	char *v = NULL;
	if (case_display(db, c, f, &v, NULL) != JY_OK) {
		free(v);
		v = xstrdup(case_get(c, f));
	}
	return v;
}

int print_case_form(struct jy_db *db, int64_t case_id, const char *path, struct jy_err *err)
{
	struct case_print p;
	int rc = case_print_load(db, case_id, &p, err);
	if (rc)
		return rc;
	const struct rcase *c = p.c;
	char *who = xasprintf(PRINT_INTERNAL_LINE "  %s", p.s.who);
	snprintf(p.s.who, sizeof p.s.who, "%s", who);
	free(who);
	out_head(&p.s, centered("妇女维权投诉登记表", p.s.cols));
	char *sub = xasprintf("（%s）", p.office);
	out_head(&p.s, centered(sub, p.s.cols));
	free(sub);
	out_head(&p.s, xstrdup(""));
	char phone[32];
	int full = access_check(db, OP_UNMASK, case_get(c, KF_COMMUNITY), NULL) == JY_OK &&
	           audit_note(db, "view", "rights_case", c->id, "person_phone", NULL, JY_OK, NULL) == JY_OK;
	if (full)
		snprintf(phone, sizeof phone, "%s", case_get(c, KF_PHONE));
	else
		mask_phone(case_get(c, KF_PHONE), phone, sizeof phone);
	char *when = xasprintf("%s %s", case_get(c, KF_RECEIVED), case_get(c, KF_TIME));
	char *v[KF__COUNT];
	for (int f = 0; f < KF__COUNT; f++)
		v[f] = case_shown(db, c, f);
	int k = 0;
	k = grid_row(&p.s, &p.g, k, "案件编号", v[KF_NO], "登记时间", when);
	k = grid_row(&p.s, &p.g, k, "来源渠道", v[KF_CHANNEL], "案件类型", v[KF_TYPE]);
	k = grid_row(&p.s, &p.g, k, "姓名", v[KF_NAME], "联系电话", phone);
	k = grid_row(&p.s, &p.g, k, "社区", v[KF_COMMUNITY], "紧急程度", v[KF_URGENCY]);
	k = grid_row(&p.s, &p.g, k, "诉求内容", v[KF_COMPLAINT], NULL, NULL);
	k = grid_row(&p.s, &p.g, k, "被投诉方", v[KF_RESPONDENT], NULL, NULL);
	k = grid_row(&p.s, &p.g, k, "信访代理员", v[KF_HANDLER], "状态", case_state_label(c->state));
	struct jy_buf b = { 0 };
	for (int i = 0; i < p.nsteps; i++) {
		char *l = case_step_line(db, &p.steps[i], 1);
		buf_addf(&b, "%s%s", i ? "\n" : "", l);
		free(l);
	}
	k = grid_row(&p.s, &p.g, k, "办理经过", b.s ? b.s : "", NULL, NULL);
	k = grid_row(&p.s, &p.g, k, "登记机构", p.office, NULL, NULL);
	grid_end(&p.s, &p.g, k);
	buf_free(&b);
	free(when);
	for (int f = 0; f < KF__COUNT; f++)
		free(v[f]);
	body_wrapped(&p.s, "");
	char **l = xmalloc(2 * sizeof *l);
	l[0] = xstrdup("");
	l[1] = two_halves(p.s.cols, "来访人签字：________________", "接待人签字：________________");
	out_lines(&p.s, l, 2);
	rc = out_save(&p.s, path, err);
	case_print_free(&p);
	return rc;
}

int print_case_answer(struct jy_db *db, int64_t case_id, const char *path, struct jy_err *err)
{
	struct case_print p;
	int rc = case_print_load(db, case_id, &p, err);
	if (rc)
		return rc;
	const struct case_step_row *answer = NULL;
	for (int i = 0; i < p.nsteps; i++)
		if (p.steps[i].step == STEP_ANSWER)
			answer = &p.steps[i];       /* after a 复查, the latest */
	if (!answer) {
		rc = err_set(err, JY_EINVAL, "答复", _("%s has no 答复 yet: record the answer as a step "
		                                      "first"), case_get(p.c, KF_NO));
		case_print_free(&p);
		return rc;
	}
	out_head(&p.s, centered("信访事项答复意见书", p.s.cols));
	char *sub = xasprintf("（%s）", case_get(p.c, KF_NO));
	out_head(&p.s, centered(sub, p.s.cols));
	free(sub);
	out_head(&p.s, xstrdup(""));
	char *name = case_shown(db, p.c, KF_NAME), *type = case_shown(db, p.c, KF_TYPE);
	/* her name and the matter only: no phone, no address (it may reach the respondent) */
	char *t = xasprintf("%s：", name);
	body_wrapped(&p.s, t);
	free(t);
	t = xasprintf("　　你于%s反映的%s事项，本单位已依法受理并办理。现将办理情况答复如下：",
	              case_get(p.c, KF_RECEIVED), type);
	body_wrapped(&p.s, t);
	free(t);
	body_wrapped(&p.s, "");
	body_wrapped(&p.s, "一、办理经过");
	for (int i = 0; i < p.nsteps && &p.steps[i] != answer; i++) {
		if (p.steps[i].step == STEP_REGISTER || p.steps[i].step == STEP_EXTEND)
			continue;
		char *l = case_step_line(db, &p.steps[i], 0);
		char *ind = xasprintf("　　%s", l);
		body_wrapped(&p.s, ind);
		free(ind);
		free(l);
	}
	body_wrapped(&p.s, "");
	body_wrapped(&p.s, "二、答复意见");
	t = xasprintf("　　%s", answer->note ? answer->note : "");
	body_wrapped(&p.s, t);
	free(t);
	body_wrapped(&p.s, "");
	body_wrapped(&p.s, "　　如对本答复意见不服，可自收到本意见书之日起30日内向上一级机关请求复查。");
	body_wrapped(&p.s, "");
	char **l = xmalloc(3 * sizeof *l);
	l[0] = two_halves(p.s.cols, "", p.office);
	l[1] = two_halves(p.s.cols, "", answer->date);
	l[2] = two_halves(p.s.cols, "", "（盖章）");
	out_lines(&p.s, l, 3);
	free(name);
	free(type);
	rc = out_save(&p.s, path, err);
	case_print_free(&p);
	return rc;
}

/* A case named by its number on the command line. */
int print_find_case(struct jy_db *db, const char *case_no, int64_t *id, struct jy_err *err)
{
	int rc = case_find_no(db, case_no, id, err);
	if (rc == JY_ENOTFOUND)
		return err_set(err, JY_ENOTFOUND, "案件编号", _("no case is numbered %s"), case_no);
	return rc;
}
