/* core/report/pdf.c: a printout as a PDF, for offices that send files instead of paper.
 *
 * The text printout (print.c) is set in a fixed-pitch Chinese font through cairo and pango, page
 * by page as print.c cut it (a form feed between pages), so its columns and ASCII boxes line up as
 * on the printer: a fixed-pitch Chinese face (文泉驿等宽正黑 from fonts-wqy-zenhei, or Noto Sans Mono
 * CJK from fonts-noto-cjk), and each Chinese character set at its own column, two cells from
 * the next (the faces' Chinese are a little wider than two Latin cells). cairo embeds the glyphs
 * it used, so the file reads the same on a PC without the font; pdftotext gives the text back.
 * The size of the type follows the widest line: A4, 15 mm margins, never above 11 pt. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "report/report.h"

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.5             /* 15 mm */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The widest line (columns) and the longest page (lines) of text. */
static void text_extent(const char *text, int *cols, int *lines)
{
	*cols = 1;
	*lines = 1;
	int page_lines = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n\f");
		int w = text_width_n(p, n);
		if (w > *cols)
			*cols = w;
		p += n;
		if (*p == '\n') {
			page_lines++;
			p++;
		} else if (*p == '\f') {
			page_lines = 0;
			p++;
		}
		if (page_lines > *lines)
			*lines = page_lines;
	}
}

/* One line at y: runs of one-column characters as they come, each two-column one (Chinese) alone
 * at its own column, so that the columns hold whatever the face's own widths of Chinese are. */
static void pdf_line(cairo_t *cr, PangoLayout *layout, const char *s, size_t n, double y, double cell)
{
	size_t off = 0, run = 0;
	int col = 0, runcol = 0;
	while (off < n) {
		size_t next = text_next_grapheme(s, n, off);
		int w = text_width_n(s + off, next - off);
		if (w == 2 || next >= n) {
			size_t end = w == 2 ? off : next;
			if (end > run) {
				pango_layout_set_text(layout, s + run, (int)(end - run));
				cairo_move_to(cr, MARGIN + runcol * cell, y);
				pango_cairo_show_layout(cr, layout);
			}
			if (w == 2) {
				pango_layout_set_text(layout, s + off, (int)(next - off));
				cairo_move_to(cr, MARGIN + col * cell, y);
				pango_cairo_show_layout(cr, layout);
			}
			run = next;
			runcol = col + w;
		}
		col += w;
		off = next;
	}
}

/* Every page of text on surface cr, in the face font. */
static void pdf_pages(cairo_t *cr, const char *text, const char *font)
{
	int cols, lines;
	text_extent(text, &cols, &lines);
	/* a cell is half an em in a CJK monospace face; the leading 1.2 lines */
	double by_width = (A4_W - 2 * MARGIN) / (cols * 0.5);
	double by_height = (A4_H - 2 * MARGIN) / (lines * 1.2);
	double size = by_width < by_height ? by_width : by_height;
	if (size > 11)
		size = 11;
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	/* the face's own Latin advance is the cell; the type shrinks when a line would not fit */
	pango_layout_set_text(layout, "0000000000", 10);
	int pw, ph;
	pango_layout_get_size(layout, &pw, &ph);
	double cell = pw / 10.0 / PANGO_SCALE;
	if (cell * cols > A4_W - 2 * MARGIN) {
		size *= (A4_W - 2 * MARGIN) / (cell * cols);
		fd = pango_font_description_from_string(font);
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_layout_set_font_description(layout, fd);
		pango_font_description_free(fd);
		cell = (A4_W - 2 * MARGIN) / cols;
	}
	double y = MARGIN;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n\f");
		if (n)
			pdf_line(cr, layout, p, n, y, cell);
		p += n;
		if (*p == '\n') {
			y += size * 1.2;
			p++;
		} else if (*p == '\f') {
			cairo_show_page(cr);
			y = MARGIN;
			p++;
		}
	}
	g_object_unref(layout);
}

/* Pango's font map lets go of its fonts: a printout is made now and then. Cairo's and
 * fontconfig's own caches stay for the next one (their debug resets abort when any font is
 * still referenced, which is no thing to risk in a worker's session). */
static void fonts_release(void)
{
	pango_cairo_font_map_set_default(NULL);
}

int print_pdf_text(const char *text, const char *font, const char *pdf_path, struct jy_err *err)
{
	char *tmp = path_tmp_name(pdf_path);
	int fd = path_create_beside(pdf_path, tmp);     /* 0600: a printout holds a person */
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !fp)
		close(fd);
	if (!fp) {
		int rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		                 path_shown(pdf_path), strerror(errno));
		free(tmp);
		return rc;
	}
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(pdf_write, fp, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "jiuye");
	cairo_t *cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pdf_pages(cr, text, font && *font ? font : PRINT_PDF_FONT);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	fonts_release();
	int bad = ferror(fp), e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	int rc = JY_OK;
	if (st != CAIRO_STATUS_SUCCESS)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot make the PDF: %s"), path_shown(pdf_path),
		             cairo_status_to_string(st));
	else if (bad || rename(tmp, pdf_path) != 0)
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot write the file: %s"),
		             path_shown(pdf_path), strerror(bad ? e : errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int print_pdf(struct jy_db *db, const char *path, const char *pdf_path, struct jy_err *err)
{
	char *font = NULL;
	int rc = db_setting(db, "print.pdf_font", PRINT_PDF_FONT, &font, err);
	if (rc)
		return rc;
	FILE *f = fopen(path, "rb");
	if (!f) {
		rc = err_set(err, JY_EIO, NULL, _("%s: cannot read the printout: %s"), path_shown(path),
		             strerror(errno));
		free(font);
		return rc;
	}
	struct jy_buf b = { 0 };
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_add(&b, "", 1);
	/* a form feed ends each page but the last: the last page needs none of its own */
	size_t len = strlen(b.s);
	while (len > 0 && (b.s[len - 1] == '\f' || b.s[len - 1] == '\n'))
		b.s[--len] = '\0';
	rc = print_pdf_text(b.s, font, pdf_path, err);
	buf_free(&b);
	free(font);
	return rc;
}
