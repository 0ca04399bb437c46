/*
 * tsv.c: the strict record reader behind every import and batch.  A bad
 * line is reported as FILE:LINE: reason and skipped; it never reaches the
 * database half-read.
 */
#include <err.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void
tsv_open(struct tsv *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
}

void
tsv_close(struct tsv *r)
{
	free(r->line);
	r->line = NULL;
	r->cap = 0;
}

static void	vwarn_at(const struct tsv *, FILE *, size_t, const char *,
		    va_list);

void
tsv_warn(const struct tsv *r, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vwarn_at(r, r->held != NULL ? r->held : stderr, r->lineno, fmt, ap);
	va_end(ap);
}

void
tsv_warn_at(const struct tsv *r, size_t lineno, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vwarn_at(r, stderr, lineno, fmt, ap);
	va_end(ap);
}

static void
vwarn_at(const struct tsv *r, FILE *fp, size_t lineno, const char *fmt,
    va_list ap)
{
	char	*msg, *p;
	int	 n;

	fprintf(fp, "%s: %s:%zu: ", getprogname(), r->name, lineno);
	n = vasprintf(&msg, fmt, ap);
	if (n == -1)
		err(CS_SOFTWARE, NULL);
	/*
	 * A field quoted back may hold a newline (written \n in the file):
	 * it must not start a line that passes for another message.
	 */
	for (p = msg; *p != '\0'; p++) {
		if (*p == '\n')
			fputs("\\n", fp);
		else
			fputc(*p, fp);
	}
	free(msg);
	fputc('\n', fp);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescape one field in place: \t \n \r \\ \xHH. */
static int
unescape(struct tsv *r, char *f)
{
	char	*o = f;
	int	 hi, lo;

	for (; *f != '\0'; f++) {
		if (*f != '\\') {
			*o++ = *f;
			continue;
		}
		switch (*++f) {
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case '\\':
			*o++ = '\\';
			break;
		case 'x':
			if ((hi = hexval(f[1])) == -1 ||
			    (lo = hexval(f[2])) == -1 || (hi == 0 && lo == 0)) {
				tsv_warn(r, "bad escape \\x%.2s", f + 1);
				return -1;
			}
			*o++ = (char)(hi << 4 | lo);
			f += 2;
			break;
		case '\0':
			tsv_warn(r, "backslash at end of field");
			return -1;
		default:
			tsv_warn(r, "bad escape \\%c", *f);
			return -1;
		}
	}
	*o = '\0';
	return 0;
}

int
cs_getline(FILE *fp, char **buf, size_t *cap, size_t *len)
{
	char	*b;
	size_t	 n = 0;
	int	 c;

	if (*cap < CS_LINE_MAX + 1) {
		if ((b = realloc(*buf, CS_LINE_MAX + 1)) == NULL)
			err(CS_SOFTWARE, NULL);
		*buf = b;
		*cap = CS_LINE_MAX + 1;
	}
	b = *buf;
	while ((c = getc_unlocked(fp)) != EOF && c != '\n') {
		if (n == CS_LINE_MAX)
			break;
		b[n++] = (char)c;
	}
	if (n == CS_LINE_MAX && c != EOF && c != '\n') {
		/* Skip to the newline, but not forever (/dev/zero). */
		while ((c = getc_unlocked(fp)) != EOF && c != '\n')
			if (++n > CS_SKIP_MAX)
				return -3;
		if (c == EOF && ferror(fp))
			return -2;
		return -1;
	}
	if (c == EOF && ferror(fp))
		return -2;
	if (c == EOF && n == 0)
		return 0;
	b[n] = '\0';
	*len = n;
	return 1;
}

/* The next physical line into r->line: 1, 0 at EOF, -1 overlong, -2. */
static int
next_line(struct tsv *r, size_t *len)
{
	int	 got;

	if (r->stop)
		return 0;
	got = cs_getline(r->fp, &r->line, &r->cap, len);
	if (got == 0)
		return 0;
	if (got == -2) {
		warn("%s", r->name);
		r->stop = 1;
		return -2;
	}
	r->lineno++;
	if (got == -1)
		tsv_warn(r, "line longer than %d bytes", CS_LINE_MAX);
	if (got == -3) {
		tsv_warn(r, "line longer than %d bytes, no end in %d MB: "
		    "not read further", CS_LINE_MAX, CS_SKIP_MAX >> 20);
		r->stop = 1;
	}
	if (got < 0)
		return -1;
	return 1;
}

int
tsv_read(struct tsv *r)
{
	size_t	 len;
	char	*p, *f;
	int	 got, i;

	for (;;) {
		if ((got = next_line(r, &len)) <= 0)
			return got;
		/*
		 * A comment starts with '#' and holds no tab: a record
		 * always has one (every input has two fields or more), so a
		 * field may start with '#' ("#1 退款问题", "#TX9").
		 */
		if (len == 0 || (r->line[0] == '#' &&
		    memchr(r->line, '\t', len) == NULL))
			continue;
		break;
	}
	if (memchr(r->line, '\0', len) != NULL) {
		tsv_warn(r, "NUL byte in line");
		return -1;
	}
	if (!utf8_valid(r->line, len)) {
		tsv_warn(r, "invalid UTF-8");
		return -1;
	}
	if (r->line[len - 1] == '\r') {
		tsv_warn(r, "carriage return at end of line (CRLF file?)");
		return -1;
	}
	if (memchr(r->line, '\r', len) != NULL) {
		tsv_warn(r, "carriage return in line (CR line ends? a CR in "
		    "a field is written \\r)");
		return -1;
	}
	if (r->lineno == 1 && len >= 3 && memcmp(r->line, "\xef\xbb\xbf",
	    3) == 0) {
		tsv_warn(r, "byte-order mark at the start (save as UTF-8 "
		    "without BOM)");
		return -1;
	}
	r->nf = 0;
	for (p = r->line; (f = strsep(&p, "\t")) != NULL;) {
		if (r->nf == TSV_MAXFIELDS) {
			tsv_warn(r, "more than %d fields", TSV_MAXFIELDS);
			return -1;
		}
		r->f[r->nf++] = f;
	}
	if (r->hdr_nf > 0 && r->nf != r->hdr_nf) {
		tsv_warn(r, "%d field%s, header has %d", r->nf,
		    r->nf == 1 ? "" : "s", r->hdr_nf);
		return -1;
	}
	for (i = 0; i < r->nf; i++)
		if (unescape(r, r->f[i]) == -1)
			return -1;
	return 1;
}

int
tsv_header(struct tsv *r, const struct tsv_col *cols, int ncols)
{
	int	 i, k, got, rc = 0;

	if ((got = tsv_read(r)) == 0) {
		warnx("%s: no header line", r->name);
		return CS_DATAERR;
	}
	if (got == -2)
		return CS_NOINPUT;
	if (got == -1)
		return CS_DATAERR;
	if (ncols > TSV_MAXFIELDS)
		ncols = TSV_MAXFIELDS;
	for (i = 0; i < ncols; i++)
		r->map[i] = -1;
	for (k = 0; k < r->nf; k++) {
		for (i = 0; i < ncols; i++)
			if (strcmp(cols[i].name, r->f[k]) == 0)
				break;
		if (i == ncols) {
			tsv_warn(r, "unknown column \"%s\"", r->f[k]);
			rc = CS_DATAERR;
		} else if (r->map[i] != -1) {
			tsv_warn(r, "duplicate column \"%s\"", r->f[k]);
			rc = CS_DATAERR;
		} else
			r->map[i] = k;
	}
	for (i = 0; i < ncols && rc == 0; i++) {
		if (cols[i].required && r->map[i] == -1) {
			tsv_warn(r, "missing column \"%s\"", cols[i].name);
			rc = CS_DATAERR;
		}
	}
	r->hdr_nf = r->nf;
	r->ncols = ncols;
	return rc;
}

const char *
tsv_get(const struct tsv *r, int col)
{
	int	 k;

	if (col < 0 || col >= r->ncols || (k = r->map[col]) < 0 ||
	    k >= r->nf || r->f[k][0] == '\0')
		return NULL;
	return r->f[k];
}
