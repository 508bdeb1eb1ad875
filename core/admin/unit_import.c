/* core/admin/unit_import.c: the office's units from a file of 名称, 级别, 上级 (and 代码), through
 * the importers' framework (core/record/importer.c): the same header rules, the same
 * "FILE:ROW: 列名: ..." lines, one transaction for the file, --dry-run and --skip-errors.
 *
 * A row's parent is a unit already in the database or one of a row above it: a county first, its
 * streets, then their communities, as an office's list of them runs. So a file cannot make a
 * cycle: a parent named only further down is refused, and unit_add keeps the levels. A row for a
 * unit that is there already with the same level and parent is unchanged, so the same file may
 * be imported twice. */
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "store/sql.h"

enum { UF_NAME, UF_LEVEL, UF_PARENT, UF_CODE, UF__COUNT };

static const struct field_def unit_fields[UF__COUNT] = {
	[UF_NAME] = { "name", "名称", "name", FK_TEXT, NULL, 30, FF_REQ | FF_CSV },
	[UF_LEVEL] = { "level", "级别", "level", FK_TEXT, NULL, 10, FF_REQ | FF_CSV },
	[UF_PARENT] = { "parent", "上级", "parent", FK_TEXT, NULL, 30, FF_CSV },
	[UF_CODE] = { "code", "代码", "code", FK_TEXT, NULL, 24, FF_CSV },
};

/* The other names offices' sheets give the columns. */
static const struct {
	const char *header;
	int field;
} unit_synonyms[] = {
	{ "单位", UF_NAME }, { "单位名称", UF_NAME }, { "名字", UF_NAME },
	{ "层级", UF_LEVEL }, { "类型", UF_LEVEL }, { "类别", UF_LEVEL },
	{ "上级单位", UF_PARENT }, { "所属", UF_PARENT }, { "所属街道", UF_PARENT },
	{ "编码", UF_CODE }, { "单位代码", UF_CODE }, { "区划代码", UF_CODE },
};

struct unit_import {
	struct importer in;
	struct jy_db *db;
	int has[UF__COUNT];
};

static int unit_find_header(const void *ctx, const char *header)
{
	(void)ctx;
	int f = field_find_header(unit_fields, UF__COUNT, header);
	for (size_t i = 0; f < 0 && i < ARRAY_LEN(unit_synonyms); i++)
		if (strcmp(header, unit_synonyms[i].header) == 0)
			f = unit_synonyms[i].field;
	return f;
}

static void ui_accepted(void *ctx, struct jy_buf *b)
{
	(void)ctx;
	importer_accepted(unit_fields, UF__COUNT, FF_CSV, b);
}

static int ui_header(void *ctx, char **cell, int n, struct jy_err *err)
{
	struct unit_import *im = ctx;
	struct jy_buf acc = { 0 };
	ui_accepted(im, &acc);
	const struct importer_columns c = { unit_fields, unit_find_header, NULL, im->has, 0, NULL };
	int rc = importer_header(&im->in, cell, n, &c, acc.s, err);
	for (int f = 0; !rc && f < UF__COUNT; f++)
		if ((unit_fields[f].flags & FF_REQ) && !im->has[f])
			rc = importer_missing(&im->in, unit_fields[f].label, acc.s, err);
	buf_free(&acc);
	return rc;
}

static int ui_begin(void *ctx, struct jy_err *err)
{
	struct unit_import *im = ctx;
	return db_begin(im->db, err);
}

static int ui_commit(void *ctx, struct jy_err *err)
{
	return db_commit(((struct unit_import *)ctx)->db, err);
}

static void ui_rollback(void *ctx)
{
	db_rollback(((struct unit_import *)ctx)->db);
}

/* The row's cell of field f, cleaned ("" when the file has no such column). Caller frees. */
static char *ui_cell(struct unit_import *im, char **cell, int n, int f)
{
	int i = im->has[f] - 1;
	return text_clean(i >= 0 && i < n ? cell[i] : "");
}

/* A unit there already: unchanged when the row says what the database does, else the row's
 * error. */
static int ui_existing(struct unit_import *im, int row, const struct unit_row *u, int level,
                       const char *parent, struct import_result *res, struct jy_err *err)
{
	struct unit_row p = { 0 };
	if (*parent) {
		struct jy_err e = { 0 };
		int rc = unit_get(im->db, parent, &p, &e);
		if (rc == JY_EDB) {
			*err = e;
			return rc;
		}
	}
	if (u->level == level && strcmp(u->parent, p.code) == 0) {
		res->unchanged++;
		return JY_OK;
	}
	char *msg = xasprintf(_("%s is already a unit (%s, under %s): one name is one unit; "
	                        "jiuye unit move changes where it stands"), u->name,
	                      unit_level_label(u->level), *u->parent_name ? u->parent_name : "-");
	importer_report(&im->in, row, unit_fields[UF_NAME].label, msg);
	free(msg);
	res->rejected++;
	return JY_OK;
}

static int ui_row(void *ctx, char **cell, int n, int row, struct import_result *res,
                  struct jy_err *err)
{
	struct unit_import *im = ctx;
	char *name = ui_cell(im, cell, n, UF_NAME), *lv = ui_cell(im, cell, n, UF_LEVEL);
	char *parent = ui_cell(im, cell, n, UF_PARENT), *code = ui_cell(im, cell, n, UF_CODE);
	int level = unit_level_parse(lv), rc = JY_OK, first;
	struct unit_row u;
	struct jy_err e = { 0 };

	im->in.problems = 0;
	importer_stray_cells(&im->in, row, cell, n, unit_fields[UF_NAME].label);
	if (level < 0)
		importer_report(&im->in, row, unit_fields[UF_LEVEL].label,
		                *lv ? _("not a level: give 县区 (county), 街道 or 乡镇 (street), 社区 or 村 "
		                        "(community)")
		                    : _("required: 县区, 街道, 乡镇, 社区 or 村"));
	if (*name && (first = importer_seen(&im->in, name, row))) {
		char *msg = xasprintf(_("%s is also in row %d: one name is one unit"), name, first);
		importer_report(&im->in, row, unit_fields[UF_NAME].label, msg);
		free(msg);
	}
	if (im->in.problems) {
		res->rejected++;
		goto out;
	}
	rc = *name ? unit_get(im->db, name, &u, &e) : JY_ENOTFOUND;
	if (rc == JY_OK) {
		rc = ui_existing(im, row, &u, level, parent, res, err);
		goto out;
	}
	if (rc != JY_ENOTFOUND) {
		*err = e;
		goto out;
	}
	rc = unit_add(im->db, name, level, parent, code, NULL, &e);
	if (rc == JY_OK) {
		res->added++;
	} else if (rc == JY_EINVAL || rc == JY_ENOTFOUND) {
		const char *field = strcmp(e.field, "上级") == 0 ? unit_fields[UF_PARENT].label
		                  : strcmp(e.field, "代码") == 0 ? unit_fields[UF_CODE].label
		                                                 : unit_fields[UF_NAME].label;
		if (rc == JY_ENOTFOUND && strcmp(e.field, "上级") == 0) {
			char *msg = xasprintf(_("%s is not a unit of this database nor of a row above: "
			                        "list the county, then its streets, then their "
			                        "communities"), parent);
			importer_report(&im->in, row, field, msg);
			free(msg);
		} else {
			importer_report(&im->in, row, field, e.msg);
		}
		res->rejected++;
		rc = JY_OK;
	} else {
		*err = e;       /* the database, or a refusal of the whole file */
	}
out:
	free(name);
	free(lv);
	free(parent);
	free(code);
	return rc;
}

static const struct importer_ops ui_ops = { ui_accepted, ui_header, ui_begin, ui_row, ui_commit,
                                            ui_rollback };

int import_units(struct jy_db *db, const char *path, const char *sheet, int flags,
                 void (*report)(void *arg, const char *line), void *arg,
                 struct import_result *res, struct jy_err *err)
{
	if (res)
		memset(res, 0, sizeof *res);
	int rc = access_check(db, OP_ADMIN, NULL, err);
	if (rc)
		return rc;
	struct unit_import im = { .in = { .path = path, .sheet = sheet, .db = db, .report = report,
	                                  .arg = arg },
	                          .db = db };
	rc = importer_run(&im.in, flags, &ui_ops, &im, res, err);
	importer_free(&im.in);
	return rc;
}

int template_units(struct jy_db *db, const char *path, struct jy_err *err)
{
	static const char *const levels[] = { "县区", "街道", "乡镇", "社区", "村", NULL };
	const struct field_def *defs[UF__COUNT];
	const char *const *lists[UF__COUNT] = { [UF_LEVEL] = levels };
	for (int f = 0; f < UF__COUNT; f++)
		defs[f] = &unit_fields[f];
	return sheet_template_lists(db, path, "单位", defs, UF__COUNT, lists, err);
}
