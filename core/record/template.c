/* core/record/template.c: the empty workbook an office fills for `jiuye import KIND`.
 *
 * Its first worksheet has one row, the header, exactly as the import reads it (the importer's
 * labels, in its order, written by the caller's field table), and nothing above it, so the file
 * filled in imports as it is. Each column says what it takes when a cell of it is selected (an
 * input message: required or not, the form of a date, the ID number's 18 characters), ID numbers,
 * phones and codes in digits are columns in the text format, dates date columns, and a column of a
 * code list (文化程度, 人员类别, 性别要求 …, 社区 from the office's units, 是/否) offers its
 * values in a drop-down list kept on a second worksheet, 代码表, which the import never reads.
 * The widths fit the Chinese header and the values the column expects. */
#include <stdlib.h>
#include <string.h>

#include "record/record.h"

#define TEMPLATE_LIST_SHOWN 60          /* characters of a list named in an input message */

/* The values a field offers: the open codes of its list (labels, as files write them), the
 * office's open communities, 是 and 否; none for a field of another kind. */
static int template_items(struct jy_db *db, const struct field_def *fd, char ***items, int *n,
                          struct jy_err *err)
{
	*items = NULL;
	*n = 0;
	if (fd->kind == FK_BOOL) {
		*items = xcalloc(2, sizeof **items);
		(*items)[0] = xstrdup("是");
		(*items)[1] = xstrdup("否");
		*n = 2;
		return JY_OK;
	}
	struct code_list cl = { 0 };
	int rc;
	if (fd->kind == FK_UNIT)
		rc = units_load(db, &cl, err);
	else if ((fd->kind == FK_CODE || fd->kind == FK_CODES) && fd->list)
		rc = codes_load(db, fd->list, &cl, err);
	else
		return JY_OK;
	if (rc)
		return rc;
	*items = xcalloc((size_t)cl.n + 1, sizeof **items);
	for (int i = 0; i < cl.n; i++)
		if (!cl.items[i].retired)
			(*items)[(*n)++] = xstrdup(cl.items[i].label);
	codes_free(&cl);
	return JY_OK;
}

/* The fixed values a column offers (NULL-terminated), copied as template_items gives them. */
static void template_fixed(const char *const *fixed, char ***items, int *n)
{
	int k = 0;
	while (fixed[k])
		k++;
	*items = xcalloc((size_t)k + 1, sizeof **items);
	for (*n = 0; *n < k; (*n)++)
		(*items)[*n] = xstrdup(fixed[*n]);
}

/* A drop-down's values named in an input message, as many as fit. */
static void template_list_said(struct jy_buf *b, int several, char *const *items, int n)
{
	buf_adds(b, several ? "可填多项，以“、”分隔：" : "从下拉列表中选一项：");
	for (int i = 0; i < n; i++) {
		if ((int)text_width(b->s) + (int)text_width(items[i]) > 2 * TEMPLATE_LIST_SHOWN) {
			buf_adds(b, "…");
			break;
		}
		buf_addf(b, "%s%s", i ? "、" : "", items[i]);
	}
	buf_adds(b, "（全部见“代码表”）。");
}

/* What a cell of the field takes, in the words of the office. Caller frees. */
static char *template_message(const struct field_def *fd, char *const *items, int n)
{
	struct jy_buf b = { 0 };
	if (fd->flags & FF_REQ)
		buf_adds(&b, "必填。");
	if (fd->flags & FF_RO)  /* a column the import checks against the ID number */
		buf_adds(&b, "可不填：由身份证号得出；填写则须与身份证号一致。");
	if (n > 0 && fd->kind != FK_UNIT && fd->kind != FK_CODE && fd->kind != FK_CODES &&
	    fd->kind != FK_BOOL) {
		template_list_said(&b, 0, items, n);
		return b.s;
	}
	switch (fd->kind) {
	case FK_IDNO:
		buf_adds(&b, "18位居民身份证号，末位可为X；以文本填写，性别、出生日期由它得出。");
		break;
	case FK_PHONE:
		buf_adds(&b, "手机号或固定电话，以文本填写。");
		break;
	case FK_DATE:
		buf_adds(&b, "日期，如2026-11-03、2026/11/3、20261103或2026年11月3日。");
		break;
	case FK_BOOL:
		buf_adds(&b, "填“是”或“否”。");
		break;
	case FK_UNIT:
	case FK_CODE:
	case FK_CODES:
		if (n == 0 && fd->kind == FK_UNIT) {
			buf_adds(&b, "本办尚无社区：管理员先用 jiuye unit add 添加。");
			break;
		}
		template_list_said(&b, fd->kind == FK_CODES, items, n);
		break;
	default:
		if (fd->flags & FF_NUM)
			buf_adds(&b, "整数。");
		else if (fd->flags & FF_DIGITS)
			buf_adds(&b, "以文本填写。");
		else if (fd->max > 0)
			buf_addf(&b, "至多%d个字。", fd->max);
		break;
	}
	return b.s ? b.s : xstrdup(fd->label);
}

/* The width a column needs: its label, and what it is to hold. */
static int template_width(const struct field_def *fd, char *const *items, int n)
{
	int w = text_width(fd->label);
	int want = fd->kind == FK_IDNO ? 20 : fd->kind == FK_PHONE ? 14 : fd->kind == FK_DATE ? 12 : 0;
	for (int i = 0; i < n; i++)
		if (text_width(items[i]) > want)
			want = text_width(items[i]);
	if (fd->kind == FK_CODES && want < 24)
		want = 24;
	if (fd->kind == FK_TEXT && !(fd->flags & (FF_NUM | FF_TIME)))
		want = fd->max >= 60 ? 30 : fd->max >= 20 ? 16 : want;
	return (w > want ? w : want) + 2;
}

int sheet_template(struct jy_db *db, const char *path, const char *name,
                   const struct field_def *const *defs, int n, struct jy_err *err)
{
	return sheet_template_lists(db, path, name, defs, n, NULL, err);
}

int sheet_template_lists(struct jy_db *db, const char *path, const char *name,
                         const struct field_def *const *defs, int n,
                         const char *const *const *lists, struct jy_err *err)
{
	if (n <= 0)
		return err_set(err, JY_EINVAL, NULL, _("a template needs its columns"));
	if (sheet_format_of_path(path, 1) != SHEET_XLSX)
		return err_set(err, JY_EINVAL, NULL,
		               _("%s: an import template is an XLSX workbook: name it FILE.xlsx"),
		               path_shown(path ? path : "-"));
	char ***items = xcalloc((size_t)n, sizeof *items);
	int *nitems = xcalloc((size_t)n, sizeof *nitems);
	struct sheet_col *cols = xcalloc((size_t)n, sizeof *cols);
	struct sheet *sh = NULL;
	int rc = JY_OK;
	for (int f = 0; f < n && !rc; f++) {
		if (lists && lists[f])
			template_fixed(lists[f], &items[f], &nitems[f]);
		else
			rc = template_items(db, defs[f], &items[f], &nitems[f], err);
		cols[f] = (struct sheet_col){ defs[f]->label, sheet_type_of_field(defs[f]),
		                              template_width(defs[f], items[f], nitems[f]) };
	}
	if (!rc)
		rc = sheet_open(path, SHEET_XLSX, &sh, err);
	if (!rc)
		rc = sheet_table(sh, name, cols, n, err);
	for (int f = 0; f < n && !rc; f++) {
		char *msg = template_message(defs[f], items[f], nitems[f]);
		rc = sheet_choices(sh, f, (const char *const *)items[f], nitems[f],
		                   defs[f]->kind == FK_CODES, msg, err);
		free(msg);
	}
	if (sh) {
		int rc2 = sheet_close(&sh, rc == JY_OK, rc ? NULL : err);
		rc = rc ? rc : rc2;
	}
	for (int f = 0; f < n; f++) {
		for (int k = 0; k < nitems[f]; k++)
			free(items[f][k]);
		free(items[f]);
	}
	free(items);
	free(nitems);
	free(cols);
	return rc;
}
