/*
 * tsv_read, the record reader behind every import and batch: checked
 * against a reader written here again from its promise (lines, comments
 * ('#' first, no tab) and blank lines skipped, at most CS_LINE_MAX bytes, no NUL,
 * valid UTF-8, no CR at the end, at most TSV_MAXFIELDS fields, escapes
 * \t \n \r \\ \xHH but not \x00), record by record with line numbers;
 * and every record read, written back as cs writes TSV (out_text) and
 * read again, gives the same fields.
 *
 * Input: the file.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

struct rec {
	int	 got;			/* 1 record, -1 bad line */
	size_t	 lineno;
	int	 nf;
	char	*f[TSV_MAXFIELDS];
	char	*buf;
};

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescape f[0..n) into o, NUL-terminated; -1 for a bad escape. */
static int
unescape(const char *f, size_t n, char *o)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (f[i] != '\\') {
			*o++ = f[i];
			continue;
		}
		if (++i == n)
			return -1;
		switch (f[i]) {
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case '\\': *o++ = '\\'; break;
		case 'x':
			if (i + 2 >= n || hex(f[i + 1]) < 0 ||
			    hex(f[i + 2]) < 0 ||
			    (hex(f[i + 1]) | hex(f[i + 2])) == 0)
				return -1;
			*o++ = (char)(hex(f[i + 1]) << 4 | hex(f[i + 2]));
			i += 2;
			break;
		default:
			return -1;
		}
	}
	*o = '\0';
	return 0;
}

/*
 * The next record of data[*pos..size) by the reference reader: 1, -1,
 * or 0 at the end.
 */
static int
ref_read(const char *data, size_t size, size_t *pos, size_t *lineno,
    struct rec *r)
{
	const char	*line, *nl, *p, *tab;
	size_t		 len, flen;
	char		*o;

	for (;;) {
		if (*pos >= size)
			return 0;
		line = data + *pos;
		nl = memchr(line, '\n', size - *pos);
		len = nl != NULL ? (size_t)(nl - line) : size - *pos;
		*pos += len + (nl != NULL);
		(*lineno)++;
		r->lineno = *lineno;
		if (len > CS_LINE_MAX)
			return -1;
		/* A comment: '#' first and no tab (a record has one). */
		if (len == 0 || (line[0] == '#' &&
		    memchr(line, '\t', len) == NULL))
			continue;
		break;
	}
	/* A CR anywhere in a line is refused (a CR in a field is \r). */
	if (memchr(line, '\0', len) != NULL || !fuzz_utf8(line, len) ||
	    memchr(line, '\r', len) != NULL)
		return -1;
	/* A byte-order mark at the start of the file is refused too. */
	if (*lineno == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		return -1;
	free(r->buf);
	if ((r->buf = malloc(len + TSV_MAXFIELDS + 1)) == NULL)
		abort();
	o = r->buf;
	r->nf = 0;
	for (p = line;; p = tab + 1) {
		tab = memchr(p, '\t', (size_t)(line + len - p));
		flen = tab != NULL ? (size_t)(tab - p) : (size_t)(line + len -
		    p);
		if (r->nf == TSV_MAXFIELDS)
			return -1;
		if (unescape(p, flen, o) == -1)
			return -1;
		r->f[r->nf++] = o;
		o += strlen(o) + 1;
		if (tab == NULL)
			break;
	}
	return 1;
}

/* The fields written back as cs writes a TSV line. */
static char *
write_back(char *const *f, int nf, size_t *len)
{
	char	*buf = NULL;
	FILE	*fp;
	int	 i;

	if ((fp = open_memstream(&buf, len)) == NULL)
		abort();
	for (i = 0; i < nf; i++) {
		if (i > 0)
			fputc('\t', fp);
		out_text(fp, f[i], 1);
	}
	fputc('\n', fp);
	fclose(fp);
	return buf;
}

static void
round_trip(char *const *f, int nf)
{
	struct tsv	 r;
	FILE		*fp;
	char		*line;
	size_t		 len;
	int		 i, got;

	line = write_back(f, nf, &len);
	/*
	 * Two records do not come back, as the reader promises: one field
	 * alone starting with '#' is a comment, and escaping can make a
	 * line longer than CS_LINE_MAX.  cs writes IDs first, and its
	 * fields are far shorter.
	 */
	if ((nf == 1 && f[0][0] == '#') || len - 1 > CS_LINE_MAX) {
		free(line);
		return;
	}
	if ((fp = fmemopen(line, len, "r")) == NULL)
		abort();
	tsv_open(&r, fp, "again");
	got = tsv_read(&r);
	FUZZ_ASSERT(got == 1, "written back as \"%s\", not read again", line);
	FUZZ_ASSERT(r.nf == nf, "%d fields written, %d read", nf, r.nf);
	for (i = 0; i < nf; i++)
		FUZZ_ASSERT(strcmp(r.f[i], f[i]) == 0, "field %d \"%s\" "
		    "written as \"%s\", read as \"%s\"", i, f[i], line,
		    r.f[i]);
	FUZZ_ASSERT(tsv_read(&r) == 0, "one line read as two");
	tsv_close(&r);
	fclose(fp);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsv	 r;
	struct rec	 ref;
	FILE		*fp;
	char		*copy;
	size_t		 pos = 0, lineno = 0;
	int		 got, want, i, n = 0;

	if (size == 0)
		return 0;
	/* fmemopen reads a copy: data itself is read-only. */
	if ((copy = malloc(size)) == NULL)
		abort();
	memcpy(copy, data, size);
	if ((fp = fmemopen(copy, size, "r")) == NULL)
		abort();
	memset(&ref, 0, sizeof(ref));
	tsv_open(&r, fp, "fuzz");
	do {
		got = tsv_read(&r);
		want = ref_read((const char *)data, size, &pos, &lineno, &ref);
		FUZZ_ASSERT(got == want, "record %d: tsv_read %d, reference "
		    "%d (line %zu)", n, got, want, ref.lineno);
		if (got == 0)
			break;
		FUZZ_ASSERT(r.lineno == ref.lineno, "record %d: line %zu, "
		    "not %zu", n, r.lineno, ref.lineno);
		if (got == 1) {
			FUZZ_ASSERT(r.nf == ref.nf && r.nf >= 1 &&
			    r.nf <= TSV_MAXFIELDS, "line %zu: %d fields, "
			    "not %d", r.lineno, r.nf, ref.nf);
			for (i = 0; i < r.nf; i++)
				FUZZ_ASSERT(strcmp(r.f[i], ref.f[i]) == 0,
				    "line %zu field %d: \"%s\", not \"%s\"",
				    r.lineno, i, r.f[i], ref.f[i]);
			round_trip(r.f, r.nf);
		}
		n++;
	} while (n < 10000);
	free(ref.buf);
	tsv_close(&r);
	fclose(fp);
	free(copy);
	return 0;
}
