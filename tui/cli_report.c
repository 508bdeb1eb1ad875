/* tui/cli_report.c: jiuye report, the figures of a period as text, CSV or XLSX. */
#include <stdio.h>

#include "core.h"
#include "tui.h"

int cli_report(const struct cli_opts *o)
{
	(void)o;
	return cli_usage_error("%s", "report: being written");
}
