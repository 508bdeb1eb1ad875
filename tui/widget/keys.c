/* tui/widget/keys.c: the key table of keys.h as data, key names, and the man page rows made from it. */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui.h"
#include "keys.h"

#define X(act, key, also, bar, label, help) { act, key, also, bar, label, help },
const struct key_row key_rows[] = { KEYS(X) };
#undef X
const int key_nrows = (int)ARRAY_LEN(key_rows);

int key_action(int key)
{
	if (key == '\r')
		key = '\n';         /* Enter arrives as CR where the terminal's ICRNL is off */
	for (int i = 0; i < key_nrows; i++)
		if (key_rows[i].key == key || (key_rows[i].also && key_rows[i].also == key))
			return key_rows[i].act;
	if (key >= '1' && key <= '9')
		return ACT_MODULE;
	return ACT_NONE;
}

int key_action_for(int key, const int *acts)
{
	if (key == '\r')
		key = '\n';
	for (int i = 0; i < key_nrows && acts; i++)
		if (key_rows[i].key == key || (key_rows[i].also && key_rows[i].also == key))
			for (const int *a = acts; *a; a++)
				if (*a == key_rows[i].act)
					return *a;
	return key_action(key);
}

static const struct {
	int key;
	const char *name;
} named_keys[] = {
	{ K_FN(KEY_IC), "Insert" },        { K_FN(KEY_DC), "Delete" },
	{ K_FN(KEY_HOME), "Home" },        { K_FN(KEY_END), "End" },
	{ K_FN(KEY_NPAGE), "PgDn" },       { K_FN(KEY_PPAGE), "PgUp" },
	{ K_FN(KEY_UP), "Up" },            { K_FN(KEY_DOWN), "Down" },
	{ K_FN(KEY_LEFT), "Left" },        { K_FN(KEY_RIGHT), "Right" },
	{ K_FN(KEY_BTAB), "Shift-Tab" },   { K_FN(KEY_ENTER), "Enter" },
	{ K_FN(KEY_BACKSPACE), "Backspace" }, { 0x7f, "Backspace" },
	{ '\n', "Enter" },                 { '\t', "Tab" },
	{ K_ESC, "Esc" },                  { ' ', "Space" },
};

/* A key as the help and the F-key bar name it. Not key_name: ncursesw exports a key_name(wchar_t)
 * of its own, which a function of that name here would take the place of for the library too. */
const char *keys_label(int key)
{
	static char buf[32];

	for (size_t i = 0; i < ARRAY_LEN(named_keys); i++)
		if (named_keys[i].key == key)
			return named_keys[i].name;
	if (key >= K_FN(KEY_F(1)) && key <= K_FN(KEY_F(24))) {
		snprintf(buf, sizeof buf, "F%d", key - K_FN(KEY_F(0)));
	} else if (key > 0 && key < 0x20) {
		snprintf(buf, sizeof buf, "Ctrl-%c", key + '@');
	} else if (K_IS_CHAR(key) && key < 0x80) {
		snprintf(buf, sizeof buf, "%c", key);
	} else {
		snprintf(buf, sizeof buf, "#%x", (unsigned)key);
	}
	return buf;
}

/* "F1, ?" for a row; ranges for the module digits. */
void key_row_text(const struct key_row *r, char *out, size_t size)
{
	if (r->act == ACT_MODULE) {
		snprintf(out, size, "0-9");
		return;
	}
	snprintf(out, size, "%s", keys_label(r->key));
	/* One alternate is enough to name: Enter's KEY_ENTER and Backspace's 0x7f are the same key. */
	if (r->also && strcmp(keys_label(r->also), out) != 0) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, ", %s", keys_label(r->also));
	}
}

/* roff: a leading dot or quote would start a request; a backslash is an escape; '-' is a hyphen
 * unless escaped (keys such as Ctrl-S must copy and paste as typed). */
static void man_text(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

/* man(7) rows: .TP, the keys in bold, the help text. Written in English: the man page is English;
 * the screen shows the same table in the worker's language. */
void tui_keys_man(FILE *out)
{
	char keys[64];

	for (int i = 0; i < key_nrows; i++) {
		key_row_text(&key_rows[i], keys, sizeof keys);
		fputs(".TP\n.B ", out);
		man_text(out, keys);
		fputc('\n', out);
		man_text(out, key_rows[i].help);
		fputc('\n', out);
	}
}

#ifdef JY_KEYS_MAN_MAIN
/* build/keys-man (make man, make man-check): the KEYS rows without building the whole program. */
int main(void)
{
	tui_keys_man(stdout);
	return 0;
}
#endif
