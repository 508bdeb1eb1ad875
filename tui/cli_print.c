/* tui/cli_print.c: jiuye print, a resident's registration form or confirmation slip as text. */
#include <stdio.h>

#include "core.h"
#include "tui.h"

int cli_print(const struct cli_opts *o)
{
	(void)o;
	return cli_usage_error("%s", "print: being written");
}
