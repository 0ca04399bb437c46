/*
 * out.c: every listing goes through here.  One description of a
 * subcommand's columns drives three forms: an aligned table on a terminal
 * (widths by display columns, so Chinese text lines up), TSV in a pipe,
 * and JSON Lines with -j.  Personal data is masked unless asked for, and
 * nothing inside data reaches a terminal raw.
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

#define OUT_MAXCOLS	64
#define OUT_CELLMAX	4096

struct out {
	FILE			*fp;
	const struct out_col	*cols;
	int			 sel[OUT_MAXCOLS];	/* columns shown */
	int			 nsel;
	int			 mode;		/* TABLE, TSV or JSON */
	int			 header;
	int			 unmask;
	char			**cells;	/* table: nrows * nsel */
	size_t			 nrows, cap;
	size_t			 width[OUT_MAXCOLS];
};

static int
right_aligned(int kind)
{
	return kind == OUT_INT || kind == OUT_MONEY || kind == OUT_DECIMAL;
}

int
out_is_table(const struct out_opts *o)
{
	if (o->mode == OUT_TABLE)
		return 1;
	if (o->mode == OUT_AUTO)
		return isatty(STDOUT_FILENO);
	return 0;
}

static int
select_cols(struct out *o, const struct out_col *cols, int ncols,
    const char *fields)
{
	char	 buf[1024], *p, *w;
	int	 i;

	o->nsel = 0;
	if (fields == NULL) {
		for (i = 0; i < ncols && o->nsel < OUT_MAXCOLS; i++)
			if (cols[i].dflt)
				o->sel[o->nsel++] = i;
		return 0;
	}
	if (strlcpy(buf, fields, sizeof(buf)) >= sizeof(buf)) {
		warnx("-o: list too long");
		return -1;
	}
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		for (i = 0; i < ncols; i++)
			if (strcmp(cols[i].name, w) == 0)
				break;
		if (i == ncols) {
			warnx("-o: unknown column \"%s\"", w);
			fputs("columns:", stderr);
			for (i = 0; i < ncols; i++)
				fprintf(stderr, " %s", cols[i].name);
			fputc('\n', stderr);
			return -1;
		}
		if (o->nsel == OUT_MAXCOLS) {
			warnx("-o: too many columns");
			return -1;
		}
		o->sel[o->nsel++] = i;
	}
	return 0;
}

struct out *
out_open(FILE *fp, const struct out_col *cols, int ncols,
    const struct out_opts *opts)
{
	struct out	*o;
	int		 i;

	if ((o = calloc(1, sizeof(*o))) == NULL)
		err(CS_SOFTWARE, NULL);
	o->fp = fp;
	o->cols = cols;
	o->unmask = opts->unmask;
	o->header = opts->header;
	if (opts->mode == OUT_JSON)
		o->mode = OUT_JSON;
	else if (opts->mode == OUT_TABLE ||
	    (opts->mode == OUT_AUTO && isatty(fileno(fp))))
		o->mode = OUT_TABLE;
	else
		o->mode = OUT_TSV;
	if (select_cols(o, cols, ncols, opts->fields) == -1) {
		free(o);
		return NULL;
	}
	if (o->mode == OUT_TSV && o->header) {
		for (i = 0; i < o->nsel; i++)
			fprintf(fp, "%s%s", i ? "\t" : "",
			    cols[o->sel[i]].name);
		fputc('\n', fp);
	}
	return o;
}

/* Escape one byte as \xHH into fp. */
static void
put_hex(FILE *fp, unsigned char c)
{
	fprintf(fp, "\\x%02x", c);
}

/*
 * Invisible format controls that reorder or hide text: the bidi marks,
 * embeddings, overrides and isolates (U+061C, U+200E-F, U+202A-E,
 * U+2066-9), the line and paragraph separators, the deprecated format
 * controls U+206A-F, a BOM inside text and the interlinear annotation
 * marks.  They are escaped in every form, like C0 and C1 controls.
 * Joiners (U+200C-D) are left alone: some scripts and emoji need them.
 */
int
out_format_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x206f) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb);
}

/*
 * The length of the run of printable ASCII at s, stopping also at c1 and
 * c2 (a quote, a backslash, or '\0' for none): bytes that go out as they
 * are, written with one call instead of one a character.
 */
static size_t
plain_run(const char *s, size_t n, char c1, char c2)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e ||
		    s[i] == c1 || s[i] == c2)
			break;
	return i;
}

void
out_text(FILE *fp, const char *s, int tsv)
{
	size_t		 n = strlen(s), len, k;
	uint32_t	 cp;

	while (n > 0) {
		if ((len = plain_run(s, n, tsv ? '\\' : '\0', '\0')) > 0) {
			fwrite(s, 1, len, fp);
			s += len;
			n -= len;
			continue;
		}
		len = utf8_decode(s, n, &cp);
		if (len == 0) {
			put_hex(fp, (unsigned char)*s);
			s++, n--;
			continue;
		}
		if (cp == '\t')
			fputs("\\t", fp);
		else if (cp == '\n')
			fputs("\\n", fp);
		else if (cp == '\r')
			fputs("\\r", fp);
		else if (cp == '\\' && tsv)
			fputs("\\\\", fp);
		else if (cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			for (k = 0; k < len; k++)
				put_hex(fp, (unsigned char)s[k]);
		} else if (out_format_control(cp)) {
			/*
			 * A bidi override could reorder a table's text or a
			 * terminal's line.  TSV gets the bytes as \xHH, which
			 * its reader turns back into the character.
			 */
			if (tsv)
				for (k = 0; k < len; k++)
					put_hex(fp, (unsigned char)s[k]);
			else
				fprintf(fp, "\\u%04x", cp);
		} else
			fwrite(s, 1, len, fp);
		s += len;
		n -= len;
	}
}

void
out_json_quote(void (*put)(void *, const char *, size_t), void *arg,
    const char *s)
{
	size_t		 n = strlen(s), len;
	uint32_t	 cp;
	char		 u[8];

	put(arg, "\"", 1);
	while (n > 0) {
		if ((len = plain_run(s, n, '"', '\\')) > 0) {
			put(arg, s, len);
			s += len;
			n -= len;
			continue;
		}
		len = utf8_decode(s, n, &cp);
		if (len == 0) {
			/* JSON text must be UTF-8: a stray byte is U+FFFD. */
			put(arg, "\\ufffd", 6);
			s++, n--;
			continue;
		}
		switch (cp) {
		case '"':
			put(arg, "\\\"", 2);
			break;
		case '\\':
			put(arg, "\\\\", 2);
			break;
		case '\n':
			put(arg, "\\n", 2);
			break;
		case '\t':
			put(arg, "\\t", 2);
			break;
		case '\r':
			put(arg, "\\r", 2);
			break;
		default:
			if (cp < 0x20 || cp == 0x7f ||
			    (cp >= 0x80 && cp < 0xa0) ||
			    out_format_control(cp)) {
				snprintf(u, sizeof(u), "\\u%04x", cp);
				put(arg, u, 6);
			} else
				put(arg, s, len);
		}
		s += len;
		n -= len;
	}
	put(arg, "\"", 1);
}

static void
put_file(void *fp, const char *s, size_t n)
{
	fwrite(s, 1, n, fp);
}

void
out_json_string(FILE *fp, const char *s)
{
	out_json_quote(put_file, fp, s);
}

void
out_field(FILE *fp, int width, const char *label, const struct out_col *c,
    const struct out_cell *v, int unmask)
{
	char	 buf[OUT_CELLMAX];

	if (v->null)
		return;
	out_cell_text(c, v, 1, unmask, buf, sizeof(buf));
	/* A label as long as the width still has a space after it. */
	fprintf(fp, "%-*s ", width - 1, label != NULL ? label : c->name);
	out_text(fp, buf, 0);
	fputc('\n', fp);
}

void
out_cell_text(const struct out_col *c, const struct out_cell *v, int table,
    int unmask, char *buf, size_t len)
{
	buf[0] = '\0';
	if (v->null || ((c->kind == OUT_TEXT || c->kind == OUT_PHONE ||
	    c->kind == OUT_NAME || c->kind == OUT_IDCARD ||
	    c->kind == OUT_EMAIL) && v->s == NULL))
		return;
	switch (c->kind) {
	case OUT_INT:
		snprintf(buf, len, "%lld", (long long)v->i);
		break;
	case OUT_ID:
		id_format(c->idtype, v->i, buf, len);
		break;
	case OUT_TIME:
		if (table)
			clock_format_local(v->i, buf, len);
		else
			clock_format_iso(v->i, buf, len);
		break;
	case OUT_MONEY:
		money_format(v->i, 2, buf, len);
		break;
	case OUT_DURATION:
		duration_format(v->i, buf, len);
		break;
	case OUT_DECIMAL:
		money_format(v->i, c->idtype, buf, len);
		break;
	case OUT_PHONE:
		if (unmask)
			strlcpy(buf, v->s, len);
		else
			mask_phone(v->s, buf, len);
		break;
	case OUT_NAME:
		if (unmask)
			strlcpy(buf, v->s, len);
		else
			mask_name(v->s, buf, len);
		break;
	case OUT_IDCARD:
		if (unmask)
			strlcpy(buf, v->s, len);
		else
			mask_idcard(v->s, buf, len);
		break;
	case OUT_EMAIL:
		if (unmask)
			strlcpy(buf, v->s, len);
		else
			mask_email(v->s, buf, len);
		break;
	default:
		strlcpy(buf, v->s, len);
		break;
	}
}

void
out_json_member(FILE *fp, const struct out_col *c, const struct out_cell *v,
    int unmask)
{
	char	 buf[OUT_CELLMAX];

	out_json_string(fp, c->name);
	fputc(':', fp);
	if (v->null || (v->s == NULL && c->kind != OUT_INT &&
	    c->kind != OUT_ID && c->kind != OUT_TIME &&
	    c->kind != OUT_MONEY && c->kind != OUT_DURATION &&
	    c->kind != OUT_DECIMAL))
		fputs("null", fp);
	else if (c->kind == OUT_INT || c->kind == OUT_DURATION)
		fprintf(fp, "%lld", (long long)v->i);
	else if (c->kind == OUT_DECIMAL) {
		out_cell_text(c, v, 0, 0, buf, sizeof(buf));
		fputs(buf, fp);
	}
	else if (c->kind == OUT_TEXT)
		out_json_string(fp, v->s);
	else {
		out_cell_text(c, v, 0, unmask, buf, sizeof(buf));
		out_json_string(fp, buf);
	}
}

static void
json_row(struct out *o, const struct out_cell *cells)
{
	int	 i;

	fputc('{', o->fp);
	for (i = 0; i < o->nsel; i++) {
		if (i > 0)
			fputc(',', o->fp);
		out_json_member(o->fp, &o->cols[o->sel[i]], &cells[o->sel[i]],
		    o->unmask);
	}
	fputs("}\n", o->fp);
}

/* Text as out_text would print it for a table, in a new string. */
static char *
table_text(const char *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		err(CS_SOFTWARE, "open_memstream");
	out_text(fp, s, 0);
	if (fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	return buf;
}

int
out_row(struct out *o, const struct out_cell *cells)
{
	const struct out_col	*c;
	char			 buf[OUT_CELLMAX], **cp;
	size_t			 w, ncap;
	int			 i;

	if (o->mode == OUT_JSON) {
		json_row(o, cells);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	if (o->mode == OUT_TSV) {
		for (i = 0; i < o->nsel; i++) {
			c = &o->cols[o->sel[i]];
			out_cell_text(c, &cells[o->sel[i]], 0, o->unmask, buf,
			    sizeof(buf));
			if (i > 0)
				fputc('\t', o->fp);
			out_text(o->fp, buf, 1);
		}
		fputc('\n', o->fp);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	if (o->nrows == o->cap) {
		ncap = o->cap ? o->cap * 2 : 64;
		cp = reallocarray(o->cells, ncap * (size_t)o->nsel,
		    sizeof(*cp));
		if (cp == NULL)
			err(CS_SOFTWARE, NULL);
		o->cells = cp;
		o->cap = ncap;
	}
	for (i = 0; i < o->nsel; i++) {
		c = &o->cols[o->sel[i]];
		out_cell_text(c, &cells[o->sel[i]], 1, o->unmask, buf,
		    sizeof(buf));
		cp = &o->cells[o->nrows * (size_t)o->nsel + (size_t)i];
		*cp = table_text(buf);
		if ((w = utf8_width(*cp)) > o->width[i])
			o->width[i] = w;
	}
	o->nrows++;
	return 0;
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

static void
table_line(struct out *o, char *const *row)
{
	size_t	 w;
	int	 i, right;

	for (i = 0; i < o->nsel; i++) {
		right = right_aligned(o->cols[o->sel[i]].kind);
		w = utf8_width(row[i]);
		if (i > 0)
			fputs("  ", o->fp);
		if (right)
			pad(o->fp, o->width[i] - w);
		fputs(row[i], o->fp);
		if (!right && i + 1 < o->nsel)
			pad(o->fp, o->width[i] - w);
	}
	fputc('\n', o->fp);
}

int
out_close(struct out *o)
{
	char	*titles[OUT_MAXCOLS];
	size_t	 r, k, w;
	int	 i, rc;

	if (o->mode == OUT_TABLE && o->nrows > 0) {
		for (i = 0; i < o->nsel; i++) {
			titles[i] = (char *)o->cols[o->sel[i]].title;
			if ((w = utf8_width(titles[i])) > o->width[i])
				o->width[i] = w;
		}
		table_line(o, titles);
		for (r = 0; r < o->nrows; r++)
			table_line(o, &o->cells[r * (size_t)o->nsel]);
	}
	for (k = 0; k < o->nrows * (size_t)o->nsel; k++)
		free(o->cells[k]);
	free(o->cells);
	rc = ferror(o->fp) ? CS_IOERR : 0;
	free(o);
	return rc;
}

/* The error of the first failed out_flush, for out_fshut to name. */
static int	 flush_errno;

int
out_flush(FILE *fp)
{
	if (fflush(fp) == 0)
		return 0;
	if (flush_errno == 0)
		flush_errno = errno;
	return -1;
}

int
out_fshut(FILE *fp)
{
	int	 bad;

	errno = 0;
	bad = fflush(fp) != 0 || ferror(fp);
	if (errno == 0)
		errno = flush_errno;
	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		warnx("stdout: %s", errno ? strerror(errno) : "write error");
		return CS_IOERR;
	}
	return 0;
}

/*
 * Diagnostics quote what they were given ("unknown category \"...\"", an
 * ID from stdin, a header column), so stderr is made as safe as stdout:
 * a filter in front of it escapes controls, escape sequences, format
 * characters and invalid bytes in each line as out_text does for a
 * table.  Only a newline passes, ending the line.
 */
static FILE	*raw_stderr;
static char	 err_carry[4];	/* an incomplete UTF-8 sequence */
static size_t	 err_ncarry;

/* Bytes at the end of s[0..n) that begin a sequence still incomplete. */
static size_t
incomplete_tail(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k, want;

	for (k = 1; k <= 3 && k <= n; k++) {
		i = n - k;
		if ((u[i] & 0xc0) == 0x80)
			continue;
		if (u[i] >= 0xc2 && u[i] <= 0xdf)
			want = 2;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			want = 3;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			want = 4;
		else
			return 0;
		return want > k ? k : 0;
	}
	return 0;
}

static ssize_t
err_write(void *cookie, const char *buf, size_t size)
{
	char	*b, *p, *end, *q;
	size_t	 n, keep;

	(void)cookie;
	if ((b = malloc(err_ncarry + size + 1)) == NULL)
		return -1;
	memcpy(b, err_carry, err_ncarry);
	memcpy(b + err_ncarry, buf, size);
	n = err_ncarry + size;
	keep = incomplete_tail(b, n);
	memcpy(err_carry, b + n - keep, keep);
	err_ncarry = keep;
	end = b + n - keep;
	*end = '\0';
	for (p = b; p < end; p = q + 1) {
		for (q = p; q < end && *q != '\n' && *q != '\0'; q++)
			;
		if (q == end) {
			out_text(raw_stderr, p, 0);
			break;
		}
		if (*q == '\n') {
			*q = '\0';
			out_text(raw_stderr, p, 0);
			fputc('\n', raw_stderr);
		} else {
			out_text(raw_stderr, p, 0);
			fputs("\\x00", raw_stderr);
		}
	}
	free(b);
	return (ssize_t)size;
}

void
out_guard_stderr(void)
{
	cookie_io_functions_t	 io = { NULL, err_write, NULL, NULL };
	FILE			*fp;

	if (raw_stderr != NULL)
		return;
	if ((fp = fopencookie(NULL, "w", io)) == NULL)
		return;
	/* Whole lines at a time; warnx(3) always ends one. */
	setvbuf(fp, NULL, _IOLBF, BUFSIZ);
	raw_stderr = stderr;
	stderr = fp;
}

FILE *
out_raw_stderr(void)
{
	return raw_stderr != NULL ? raw_stderr : stderr;
}

void
out_block(FILE *fp, const char *s)
{
	char	*copy, *p, *line;

	if ((copy = strdup(s)) == NULL)
		err(CS_SOFTWARE, NULL);
	for (p = copy; (line = strsep(&p, "\n")) != NULL;) {
		fputs("    ", fp);
		out_text(fp, line, 0);
		fputc('\n', fp);
	}
	free(copy);
}
