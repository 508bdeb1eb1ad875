/* core/record/people.c: the rules every file of people follows, whatever it lists (residents,
 * referrals, enrolments, a report's people): the export right and a purpose, the first line that
 * says 内部资料 含个人信息 with who, when and what for, ID numbers and phones masked for a role
 * without the right to whole numbers, and the file recorded in the audit trail with its rows and
 * the SHA-256 of what was written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "store/sql.h"

/* ---- files of people ------------------------------------------------------------------------- */

#define EXPORT_PURPOSE_MAX 60   /* characters: a line, not a letter */

int export_purpose_check(const char *purpose, struct jy_err *err)
{
	if (!purpose || text_is_blank(purpose))
		return err_set(err, JY_EINVAL, "用途",
		               _("a file of people needs its purpose, e.g. 上报区人社局 or 推荐给用人单位"));
	if (!text_valid_utf8(purpose, strlen(purpose)) || text_width(purpose) > 2 * EXPORT_PURPOSE_MAX)
		return err_set(err, JY_EINVAL, "用途", _("the purpose is one short line of text: at most %d "
		                                       "characters"), EXPORT_PURPOSE_MAX);
	return JY_OK;
}

char *export_notice(struct jy_db *db, const char *purpose, int masked)
{
	const struct jy_actor *who = db_actor(db);
	char now[32];
	time_now_iso(now);      /* 2026-11-23T10:15:02+08:00: the minute, as a worker writes it */
	now[10] = ' ';
	now[16] = '\0';
	char *what = text_clean(purpose ? purpose : "");
	for (char *p = what; *p; p++)       /* one line, whatever was typed */
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	char *by = who->name[0] && strcmp(who->name, who->os_user) != 0
	           ? xasprintf("%s(%s)", who->name, who->os_user) : xstrdup(who->os_user);
	char *line = xasprintf("%s 导出人：%s 时间：%s 用途：%s%s", EXPORT_NOTICE_MARK " 含个人信息", by, now,
	                       what, masked ? " " EXPORT_NOTICE_MASKED : "");
	free(by);
	free(what);
	return line;
}

int export_people_begin(struct jy_db *db, const char *purpose, int *full, char **notice,
                        struct jy_err *err)
{
	*notice = NULL;
	*full = 0;
	int rc = access_check(db, OP_EXPORT, NULL, err);
	if (rc || (rc = export_purpose_check(purpose, err)))
		return rc;
	*full = access_may(db, OP_EXPORT_FULL);
	*notice = export_notice(db, purpose, !*full);
	return JY_OK;
}

void export_mask(int field_kind, const char *v, char *out, size_t size)
{
	if (field_kind == FK_IDNO)
		mask_idno(v, out, size);
	else if (field_kind == FK_PHONE)
		mask_phone(v, out, size);
	else
		snprintf(out, size, "%s", v ? v : "");
}

int export_record(struct jy_db *db, const char *kind, const char *path, int rows,
                  const char *purpose, int masked, int result, struct jy_err *err)
{
	int to_stdout = !path || !*path || strcmp(path, "-") == 0;
	char hex[65] = "", n[24];
	/* the file as it is on disk now, after the rename: what the trail says is what left */
	if (result == JY_OK && !to_stdout && sheet_sha256(path, hex, NULL) != JY_OK)
		hex[0] = '\0';
	snprintf(n, sizeof n, "%d", rows);
	struct jy_buf b = { 0 };
	buf_adds(&b, "{\"file\":[null,");
	history_json_str(&b, to_stdout ? "-" : path);
	buf_adds(&b, "],\"rows\":[null,");
	history_json_str(&b, n);
	buf_adds(&b, "]");
	if (hex[0]) {
		buf_adds(&b, ",\"sha256\":[null,");
		history_json_str(&b, hex);
		buf_adds(&b, "]");
	}
	if (purpose && *purpose) {
		buf_adds(&b, ",\"purpose\":[null,");
		history_json_str(&b, purpose);
		buf_adds(&b, "],\"masked\":[null,");
		history_json_str(&b, masked ? "1" : "0");
		buf_adds(&b, "]");
	}
	buf_adds(&b, "}");
	int rc = audit_note(db, "export", kind, 0, NULL, b.s, result, err);
	buf_free(&b);
	return rc;
}
