/* core/base/err.c: the error object every core call fills. */
#include <stdio.h>
#include <string.h>

#include "base/base.h"

int err_set(struct jy_err *err, int code, const char *field, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->warn = 0;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void err_clear(struct jy_err *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *err_str(int code)
{
	static const char *const names[] = {
		[JY_OK] = "ok", [JY_EINVAL] = "invalid", [JY_EDUP] = "duplicate",
		[JY_ECONFLICT] = "conflict", [JY_ENOTFOUND] = "not found", [JY_EPERM] = "not allowed",
		[JY_EDB] = "database error", [JY_EIO] = "file error",
		[JY_ECANCEL] = "cancelled",
	};
	if (code < 0 || (size_t)code >= ARRAY_LEN(names) || !names[code])
		return "unknown error";
	return names[code];
}
