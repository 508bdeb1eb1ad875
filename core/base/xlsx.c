/* core/base/xlsx.c: the rows of one sheet of an Excel workbook (.xlsx, Office Open XML), as
 * Excel, WPS, LibreOffice and the libraries offices' systems use write it.
 *
 * The zip is read with minizip and the XML with expat, never by hand. A workbook is the parts
 * xl/workbook.xml (the sheets in order, by name, and the 1904 date system), its relationships
 * (which part is which sheet), xl/sharedStrings.xml (the texts cells point to), xl/styles.xml
 * (which cell styles show a number as a date or a time) and the sheets. The small parts are read
 * whole; the sheet is inflated 64 KB at a time into an expat parser that is suspended at the end
 * of each row, so a sheet of 100,000 rows is never in memory at once. Every part is counted while
 * it is inflated and refused past ROWS_PART_MAX: the sizes the zip's directory claims are not
 * trusted (a zip bomb claims anything).
 *
 * A cell's text: a shared string or an inline string (rich text runs joined, phonetic guides
 * left out), a formula's saved value (a formula without one is an error naming the cell: the
 * file was written by a program that does not compute, and its value is unknown), a number in a
 * date or time style as YYYY-MM-DD or HH:MM, other numbers as Excel writes them to CSV. A merged
 * range keeps its text in its first cell, as the sheet stores it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <expat.h>
#include <unzip.h>

#include "base/rows_int.h"

enum { XF_PLAIN = 0, XF_DATE, XF_TIME };

struct xlsx {
	char *path;
	unzFile zip;
	int date1904;
	char **sst;             /* the shared strings */
	int nsst, capsst;
	unsigned char *xf;      /* XF_* of each cell style (cellXfs) */
	int nxf;
	char *sheet;            /* the sheet's name */
	char *part;             /* its part in the zip */
	long dim_rows;          /* the last row of its dimension, -1 when it has none */
	/* the sheet, being parsed */
	XML_Parser p;
	size_t inflated;        /* bytes of the sheet inflated so far */
	int fed_all;            /* the sheet's last bytes were given to the parser */
	int done;               /* the parser reached the end of the sheet */
	int ready;              /* a row is complete in row */
	int failed;             /* e holds the error that stopped the parse */
	struct jy_err e;
	struct rows_row row;
	int row_no, row_next;   /* the row being read; the number an <row> without r gets */
	int col_next;           /* the column a <c> without r gets */
	/* the cell being read */
	int in_cell, col, style, has_f, has_v;
	char type[12];          /* its t attribute: s, str, inlineStr, b, e, n, d */
	int in_v, in_is, in_t, in_rph;
	struct jy_buf val;
};

/* ---- small helpers --------------------------------------------------------------------------- */

/* An element's name without its namespace prefix (x:row, as some writers spell it). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), want) == 0)
			return atts[i + 1];
	return NULL;
}

static int damaged(struct xlsx *x, struct jy_err *err, const char *what)
{
	return err_set(err, JY_EINVAL, NULL,
	               _("%s: the workbook is damaged or not an Excel workbook (%s): open it in "
	                 "Excel or WPS and save it again as .xlsx"), path_shown(x->path), what);
}

static int too_big(struct xlsx *x, const char *part, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, NULL,
	               _("%s: %s unpacks to more than %u MB: a real ledger is far smaller; the "
	                 "file is refused (split the sheet, or save it again from Excel)"),
	               path_shown(x->path), part, ROWS_PART_MAX >> 20);
}

/* Open the part name of the zip for reading. JY_ENOTFOUND when the zip has no such part. */
static int part_open(struct xlsx *x, const char *name, struct jy_err *err)
{
	if (unzLocateFile(x->zip, name, 2) != UNZ_OK)       /* 2: names compared in any case */
		return JY_ENOTFOUND;
	unz_file_info64 info;
	if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
		return damaged(x, err, name);
	if (info.flag & 1)
		return rows_locked(x->path, err);       /* the zip's own encryption */
	if (unzOpenCurrentFile(x->zip) != UNZ_OK)
		return damaged(x, err, name);
	return JY_OK;
}

/* Up to n bytes more of the open part into b; *got 0 at its end. *total counts what was
 * inflated, refused past ROWS_PART_MAX. */
static int part_read(struct xlsx *x, const char *name, char *b, size_t n, size_t *total,
                     size_t *got, struct jy_err *err)
{
	int k = unzReadCurrentFile(x->zip, b, (unsigned)n);
	if (k < 0)
		return damaged(x, err, name);
	*got = (size_t)k;
	*total += (size_t)k;
	if (*total > ROWS_PART_MAX)
		return too_big(x, name, err);
	return JY_OK;
}

/* Parse the whole part name with handlers over ud. JY_ENOTFOUND (err not set) when it is not
 * there. */
static int part_parse(struct xlsx *x, const char *name, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler text, void *ud,
                      struct jy_err *err)
{
	int rc = part_open(x, name, err);
	if (rc)
		return rc;
	XML_Parser p = XML_ParserCreate("UTF-8");
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	size_t total = 0, got = 0;
	do {
		void *b = XML_GetBuffer(p, 65536);
		if (!b)
			abort();        /* allocation failure is fatal */
		if ((rc = part_read(x, name, b, 65536, &total, &got, err)))
			break;
		if (XML_ParseBuffer(p, (int)got, got == 0) != XML_STATUS_OK)
			rc = damaged(x, err, name);
	} while (!rc && got);
	XML_ParserFree(p);
	unzCloseCurrentFile(x->zip);
	return rc;
}

/* ---- workbook.xml and its relationships ------------------------------------------------------ */

struct wb_sheets {
	char **name, **rid;
	int n, cap;
	int date1904;
	/* relationships: id -> target */
	char **rel_id, **rel_target;
	int nrel, caprel;
};

static void wb_start(void *ud, const char *el, const char **atts)
{
	struct wb_sheets *w = ud;
	const char *e = local(el);
	if (strcmp(e, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		w->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
	} else if (strcmp(e, "sheet") == 0) {
		const char *name = attr(atts, "name"), *rid = attr(atts, "id");
		if (!name || !rid)
			return;
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 8;
			w->name = xrealloc(w->name, sizeof *w->name * (size_t)w->cap);
			w->rid = xrealloc(w->rid, sizeof *w->rid * (size_t)w->cap);
		}
		w->name[w->n] = xstrdup(name);
		w->rid[w->n++] = xstrdup(rid);
	}
}

static void rel_start(void *ud, const char *el, const char **atts)
{
	struct wb_sheets *w = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (strcmp(local(el), "Relationship") != 0 || !id || !target)
		return;
	if (w->nrel == w->caprel) {
		w->caprel = w->caprel ? 2 * w->caprel : 8;
		w->rel_id = xrealloc(w->rel_id, sizeof *w->rel_id * (size_t)w->caprel);
		w->rel_target = xrealloc(w->rel_target, sizeof *w->rel_target * (size_t)w->caprel);
	}
	w->rel_id[w->nrel] = xstrdup(id);
	w->rel_target[w->nrel++] = xstrdup(target);
}

static void no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static void wb_free(struct wb_sheets *w)
{
	for (int i = 0; i < w->n; i++) {
		free(w->name[i]);
		free(w->rid[i]);
	}
	for (int i = 0; i < w->nrel; i++) {
		free(w->rel_id[i]);
		free(w->rel_target[i]);
	}
	free(w->name);
	free(w->rid);
	free(w->rel_id);
	free(w->rel_target);
}

/* The zip part of a relationship's target: relative to xl/, or absolute from the zip's root. */
static char *part_name(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

/* ---- sharedStrings.xml ---------------------------------------------------------------------- */

struct sst_read {
	struct xlsx *x;
	struct jy_buf cur;
	int in_si, in_t, in_rph;
};

static void sst_start(void *ud, const char *el, const char **atts)
{
	struct sst_read *s = ud;
	const char *e = local(el);
	(void)atts;
	if (strcmp(e, "si") == 0) {
		s->in_si = 1;
		buf_reset(&s->cur);
		buf_add(&s->cur, "", 0);
	} else if (strcmp(e, "rPh") == 0) {
		s->in_rph = 1;
	} else if (strcmp(e, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void sst_end(void *ud, const char *el)
{
	struct sst_read *s = ud;
	struct xlsx *x = s->x;
	const char *e = local(el);
	if (strcmp(e, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(e, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(e, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? 2 * x->capsst : 256;
			x->sst = xrealloc(x->sst, sizeof *x->sst * (size_t)x->capsst);
		}
		x->sst[x->nsst++] = xstrdup(s->cur.s ? s->cur.s : "");
	}
}

static void sst_text(void *ud, const char *t, int n)
{
	struct sst_read *s = ud;
	if (s->in_t)
		buf_add(&s->cur, t, (size_t)n);
}

/* ---- styles.xml: which cell styles are dates ------------------------------------------------- */

struct styles_read {
	struct xlsx *x;
	int in_xfs;
	struct { int id; unsigned char kind; } *fmt;    /* custom number formats */
	int nfmt, capfmt;
	int *xf_fmt;            /* numFmtId of each cellXfs entry */
	int nxf, capxf;
};

/* A number format's kind: a date when it shows a year, month or day, a time when it shows only
 * hours, minutes or seconds. Quoted text, escaped characters and [colour] / [$-804] sections are
 * not format letters; [h] and [mm] (elapsed time) are. */
static unsigned char fmt_kind(const char *code)
{
	int ymd = 0, m = 0, hs = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (!*++p)
				break;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!*++p)
				break;  /* the character after them is shown as it is */
		} else if (*p == '[') {
			if (p[1] && strchr("hHmMsS", p[1]))
				hs = 1;
			while (p[1] && p[1] != ']')
				p++;
			if (!*++p)
				break;
		} else if (*p == ';') {
			break;          /* the first section decides */
		} else if (strchr("yYdD", *p)) {
			ymd = 1;
		} else if (strchr("mM", *p)) {
			m = 1;          /* a month, or minutes beside h or s */
		} else if (strchr("hHsS", *p)) {
			hs = 1;
		}
	}
	if (ymd || (m && !hs))
		return XF_DATE;
	return hs ? XF_TIME : XF_PLAIN;
}

/* The built-in formats: 14-22 and 45-47, and the East Asian ones Chinese Excel gives ids 27-36
 * and 50-58 (年月日, 上午/下午). 18-21 and 45-47 are times. */
static unsigned char builtin_kind(int id)
{
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return XF_TIME;
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return XF_DATE;
	return XF_PLAIN;
}

static void styles_start(void *ud, const char *el, const char **atts)
{
	struct styles_read *s = ud;
	const char *e = local(el);
	if (strcmp(e, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code)
			return;
		if (s->nfmt == s->capfmt) {
			s->capfmt = s->capfmt ? 2 * s->capfmt : 16;
			s->fmt = xrealloc(s->fmt, sizeof *s->fmt * (size_t)s->capfmt);
		}
		s->fmt[s->nfmt].id = atoi(id);
		s->fmt[s->nfmt++].kind = fmt_kind(code);
	} else if (strcmp(e, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (strcmp(e, "xf") == 0 && s->in_xfs) {
		const char *id = attr(atts, "numFmtId");
		if (s->nxf == s->capxf) {
			s->capxf = s->capxf ? 2 * s->capxf : 64;
			s->xf_fmt = xrealloc(s->xf_fmt, sizeof *s->xf_fmt * (size_t)s->capxf);
		}
		s->xf_fmt[s->nxf++] = id ? atoi(id) : 0;
	}
}

static void styles_end(void *ud, const char *el)
{
	struct styles_read *s = ud;
	if (strcmp(local(el), "cellXfs") == 0)
		s->in_xfs = 0;
}

static void styles_keep(struct xlsx *x, struct styles_read *s)
{
	x->nxf = s->nxf;
	x->xf = xcalloc((size_t)(s->nxf ? s->nxf : 1), 1);
	for (int i = 0; i < s->nxf; i++) {
		int id = s->xf_fmt[i];
		unsigned char k = id < 164 ? builtin_kind(id) : XF_PLAIN;
		for (int f = 0; f < s->nfmt; f++)
			if (s->fmt[f].id == id)
				k = s->fmt[f].kind;
		x->xf[i] = k;
	}
	free(s->fmt);
	free(s->xf_fmt);
}

/* ---- the sheet ------------------------------------------------------------------------------- */

/* The cell being read stops the file: "FILE: Sheet1!C7: what". */
static void cell_fail(struct xlsx *x, const char *what)
{
	char c[8];
	csv_col_name(x->col, c);
	err_set(&x->e, JY_EINVAL, NULL, "%s: %s!%s%d: %s", path_shown(x->path), x->sheet, c,
	        x->row_no, what);
	x->failed = 1;
	XML_StopParser(x->p, XML_FALSE);
}

/* The cell just read, as text, into the row. */
static void cell_done(struct xlsx *x)
{
	const char *v = x->val.s ? x->val.s : "";
	char num[32];
	/* openpyxl and other writers that do not compute leave <v> out or empty; a text result
	 * (t="str") may be empty */
	if (x->has_f && (!x->has_v || (!*v && strcmp(x->type, "str") != 0))) {
		cell_fail(x, _("a formula without a saved value (the program that wrote the file "
		               "did not compute it): open the file in Excel or WPS, save it, and "
		               "import it again"));
		return;
	}
	if (strcmp(x->type, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || *end || i < 0 || i >= x->nsst) {
			cell_fail(x, _("the cell points to a text the workbook does not have: "
			               "the file is damaged; save it again from Excel or WPS"));
			return;
		}
		v = x->sst[i];
	} else if (strcmp(x->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
	} else if (strcmp(x->type, "d") == 0) {
		snprintf(num, sizeof num, "%.10s", v);          /* an ISO 8601 date and time */
		v = num;
	} else if (!x->type[0] || strcmp(x->type, "n") == 0) {
		char *end;
		double d = strtod(v, &end);
		if (*v && !*end) {
			int k = x->style >= 0 && x->style < x->nxf ? x->xf[x->style] : XF_PLAIN;
			if (k == XF_DATE && rows_serial_date(d, x->date1904, num) == JY_OK) {
				v = num;
			} else if (k == XF_TIME && d >= 0) {
				long s = (long)((d - (long)d) * 86400 + 0.5);
				snprintf(num, sizeof num, "%02ld:%02ld", s / 3600 % 24,
				         s / 60 % 60);
				v = num;
			} else {
				rows_number_text(d, num);
				v = num;
			}
		}
	}
	/* str (a formula's text), inlineStr, e (#N/A …): the text as it is */
	if (*v)
		rows_row_put(&x->row, x->col, v, strlen(v));
}

static void sheet_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;
	const char *e = local(el);
	if (x->in_cell) {
		if (strcmp(e, "v") == 0) {
			x->in_v = 1;
			x->has_v = 1;
		} else if (strcmp(e, "f") == 0) {
			x->has_f = 1;
		} else if (strcmp(e, "is") == 0) {
			x->in_is = 1;
			x->has_v = 1;
		} else if (strcmp(e, "rPh") == 0) {
			x->in_rph = 1;
		} else if (strcmp(e, "t") == 0 && x->in_is && !x->in_rph) {
			x->in_t = 1;
		}
		return;
	}
	if (strcmp(e, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		int col = x->col_next, row;
		if (r && rows_cell_ref(r, &col, &row) != JY_OK) {
			err_set(&x->e, JY_EINVAL, NULL,
			        _("%s: %s: a cell named \"%s\" in row %d: the file is damaged; "
			          "save it again from Excel or WPS"),
			        path_shown(x->path), x->sheet, r, x->row_no);
			x->failed = 1;
			XML_StopParser(x->p, XML_FALSE);
			return;
		}
		x->in_cell = 1;
		x->col = col;
		x->col_next = col + 1;
		snprintf(x->type, sizeof x->type, "%s", t ? t : "");
		x->style = s ? atoi(s) : 0;
		x->has_f = x->has_v = 0;
		buf_reset(&x->val);
	} else if (strcmp(e, "row") == 0) {
		const char *r = attr(atts, "r");
		long n = r ? strtol(r, NULL, 10) : x->row_next;
		x->row_no = n >= 1 && n <= 1048576 ? (int)n : x->row_next;
		x->row_next = x->row_no + 1;
		x->col_next = 0;
		rows_row_reset(&x->row);
	} else if (strcmp(e, "dimension") == 0) {
		const char *ref = attr(atts, "ref");
		const char *colon = ref ? strchr(ref, ':') : NULL;
		int c, r;
		if (ref && rows_cell_ref(colon ? colon + 1 : ref, &c, &r) == JY_OK)
			x->dim_rows = r;
	}
}

static void sheet_end(void *ud, const char *el)
{
	struct xlsx *x = ud;
	const char *e = local(el);
	if (x->in_cell) {
		if (strcmp(e, "v") == 0) {
			x->in_v = 0;
		} else if (strcmp(e, "t") == 0) {
			x->in_t = 0;
		} else if (strcmp(e, "rPh") == 0) {
			x->in_rph = 0;
		} else if (strcmp(e, "is") == 0) {
			x->in_is = 0;
		} else if (strcmp(e, "c") == 0) {
			x->in_cell = 0;
			cell_done(x);
		}
		return;
	}
	if (strcmp(e, "row") == 0 && x->row.ncol > 0) {
		x->ready = 1;
		XML_StopParser(x->p, XML_TRUE);     /* resumed by the next xlsx_next */
	} else if (strcmp(e, "sheetData") == 0) {
		x->done = 1;
	}
}

static void sheet_text(void *ud, const char *t, int n)
{
	struct xlsx *x = ud;
	if (x->in_v || x->in_t)
		buf_add(&x->val, t, (size_t)n);
}

/* ---- the reader ------------------------------------------------------------------------------ */

static int sheet_too_big(struct xlsx *x, struct jy_err *err)
{
	return err_set(err, JY_EINVAL, NULL,
	               _("%s: the sheet %s unpacks to more than %u MB: a real ledger is far "
	                 "smaller; the file is refused (split the sheet, or save it again from "
	                 "Excel)"),
	               path_shown(x->path), x->sheet, ROWS_PART_MAX >> 20);
}

/* Parse the sheet on until a row is complete (x->ready), the sheet ends, or it fails (err set). */
static int sheet_pump(struct xlsx *x, struct jy_err *err)
{
	int rc = JY_OK;
	while (!x->ready && !rc) {
		XML_ParsingStatus ps;
		enum XML_Status st;
		XML_GetParsingStatus(x->p, &ps);
		if (ps.parsing == XML_SUSPENDED) {
			st = XML_ResumeParser(x->p);
		} else if (ps.parsing == XML_FINISHED || x->fed_all) {
			break;
		} else {
			void *b = XML_GetBuffer(x->p, 65536);
			size_t got = 0;
			if (!b)
				abort();        /* allocation failure is fatal */
			if ((rc = part_read(x, x->part, b, 65536, &x->inflated, &got, err))) {
				if (x->inflated > ROWS_PART_MAX)
					rc = sheet_too_big(x, err);
				break;
			}
			x->fed_all = got == 0;
			st = XML_ParseBuffer(x->p, (int)got, got == 0);
		}
		if (x->failed) {
			if (err)
				*err = x->e;
			rc = x->e.code;
		} else if (st == XML_STATUS_ERROR) {
			rc = damaged(x, err, x->part);
		}
	}
	return rc;
}

int xlsx_open(const char *path, const char *sheet, struct xlsx **out, struct jy_err *err)
{
	struct xlsx *x = xcalloc(1, sizeof *x);
	struct wb_sheets w = { 0 };
	char *part = NULL;
	int rc = JY_OK, pick = -1;

	*out = NULL;
	x->path = xstrdup(path);
	x->dim_rows = -1;
	x->row_next = 1;
	if (!(x->zip = unzOpen64(path))) {
		rc = damaged(x, err, "zip");
		goto out;
	}
	if ((rc = part_parse(x, "xl/workbook.xml", wb_start, no_end, NULL, &w, err))) {
		if (rc == JY_ENOTFOUND)
			rc = err_set(err, JY_EINVAL, NULL,
			             _("%s: a zip file, but not an Excel workbook (no "
			               "xl/workbook.xml): save the table from Excel or WPS as .xlsx "
			               "or as CSV"),
			             path_shown(path));
		goto out;
	}
	x->date1904 = w.date1904;
	if (w.n == 0) {
		rc = rows_no_sheets(path, err);
		goto out;
	}
	for (int i = 0; i < w.n && pick < 0; i++)
		if (!sheet || strcmp(w.name[i], sheet) == 0)
			pick = i;
	if (pick < 0) {
		rc = rows_no_sheet(path, sheet, w.name, w.n, err);
		goto out;
	}
	if ((rc = part_parse(x, "xl/_rels/workbook.xml.rels", rel_start, no_end, NULL, &w, err))) {
		if (rc == JY_ENOTFOUND)
			rc = damaged(x, err, "xl/_rels/workbook.xml.rels");
		goto out;
	}
	for (int i = 0; i < w.nrel && !part; i++)
		if (strcmp(w.rel_id[i], w.rid[pick]) == 0)
			part = part_name(w.rel_target[i]);
	if (!part) {
		rc = damaged(x, err, w.rid[pick]);
		goto out;
	}
	x->sheet = xstrdup(w.name[pick]);
	struct sst_read s = { .x = x };
	rc = part_parse(x, "xl/sharedStrings.xml", sst_start, sst_end, sst_text, &s, err);
	buf_free(&s.cur);
	if (rc && rc != JY_ENOTFOUND)
		goto out;
	struct styles_read st = { .x = x };
	rc = part_parse(x, "xl/styles.xml", styles_start, styles_end, NULL, &st, err);
	styles_keep(x, &st);
	if (rc && rc != JY_ENOTFOUND)
		goto out;
	if ((rc = part_open(x, part, err))) {
		if (rc == JY_ENOTFOUND)
			rc = damaged(x, err, part);
		goto out;
	}
	x->p = XML_ParserCreate("UTF-8");
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->p, sheet_text);
	x->part = part;
	part = NULL;
	/* up to the first row: the dimension stands before it, for xlsx_total */
	rc = sheet_pump(x, err);
out:
	free(part);
	wb_free(&w);
	if (rc)
		xlsx_close(&x);
	*out = x;
	return rc;
}

int xlsx_next(struct xlsx *x, char ***cells, int *n, int *row, struct jy_err *err)
{
	*cells = NULL;
	*n = 0;
	int rc = sheet_pump(x, err);
	*row = x->row_no;
	if (rc != JY_OK)
		return -1;
	if (!x->ready)
		return 0;
	x->ready = 0;
	*cells = rows_row_cells(&x->row, n);
	return 1;
}

const char *xlsx_sheet(const struct xlsx *x)
{
	return x->sheet;
}

long xlsx_total(const struct xlsx *x)
{
	return x->dim_rows;
}

void xlsx_close(struct xlsx **px)
{
	struct xlsx *x = *px;
	if (!x)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zip) {
		unzCloseCurrentFile(x->zip);
		unzClose(x->zip);
	}
	for (int i = 0; i < x->nsst; i++)
		free(x->sst[i]);
	free(x->sst);
	free(x->xf);
	free(x->sheet);
	free(x->part);
	free(x->path);
	rows_row_free(&x->row);
	buf_free(&x->val);
	free(x);
	*px = NULL;
}
