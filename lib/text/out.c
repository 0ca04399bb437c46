/*
 * out.c: every listing goes through here.  One description of a
 * subcommand's columns drives every form: an aligned table on a terminal
 * (widths by display columns, so Chinese text lines up; fitted to the
 * terminal's width and printed as it is read once a screenful has been
 * measured), TSV in a pipe, CSV for spreadsheets and JSON Lines with -j.
 * Personal data is masked unless asked for (in free text too, with the
 * names of the record shown), what is shown unmasked is noted for the
 * audit record of the look, and nothing inside data reaches a terminal
 * raw.  The pager that long output on a terminal goes through is here
 * too, and the holding back of unmasked output until it is recorded.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

#define OUT_MAXCOLS	64
#define OUT_CELLMAX	4096

/* Rows a table on a terminal measures when the height is unknown. */
#define OUT_MEASURE	100

struct out {
	FILE			*fp;
	const struct out_col	*cols;
	int			 ncols;
	int			 sel[OUT_MAXCOLS];	/* columns shown */
	int			 nsel;
	int			 mode;		/* TABLE, TSV, CSV or JSON */
	int			 header;
	int			 unmask;
	int			 picked;	/* -o named the columns */
	int			 mark;		/* the column marking a row */
	int			 term;		/* a table on the terminal */
	char			**cells;	/* table: nrows * nsel */
	unsigned char		*marks;		/* table: a row is marked */
	size_t			 nrows, cap;
	size_t			 measure;	/* rows before printing; 0 all */
	int			 started;	/* widths fixed, header out */
	int			 shown;		/* sel[0..shown) fit */
	size_t			 width[OUT_MAXCOLS];
};

/*
 * The terminal stdout was when the program started (before a pager took
 * it): its width and height, COLUMNS and LINES first as curses reads
 * them, and whether it shows colour: not with NO_COLOR set and not empty
 * (no-color.org), nor on TERM=dumb.
 */
static struct {
	int		 init;
	int		 tty;
	int		 colour;
	int		 width, height;
} term;

static int
env_size(const char *name)
{
	const char	*v = getenv(name), *errstr;
	int		 n;

	if (v == NULL || *v == '\0')
		return 0;
	n = (int)strtonum(v, 1, 10000, &errstr);
	return errstr == NULL ? n : 0;
}

static void
term_init(void)
{
	struct winsize	 ws;
	const char	*v;

	if (term.init)
		return;
	term.init = 1;
	if (!(term.tty = isatty(STDOUT_FILENO)))
		return;
	memset(&ws, 0, sizeof(ws));
	(void)ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws);
	if ((term.width = env_size("COLUMNS")) == 0)
		term.width = ws.ws_col;
	if ((term.height = env_size("LINES")) == 0)
		term.height = ws.ws_row;
	v = getenv("NO_COLOR");
	term.colour = v == NULL || *v == '\0';
	if ((v = getenv("TERM")) != NULL && strcmp(v, "dumb") == 0)
		term.colour = 0;
}

/* Does fp write to the terminal stdout was at the start? */
static int
to_terminal(FILE *fp)
{
	term_init();
	if (fp == stdout)
		return term.tty;
	return fileno(fp) >= 0 && isatty(fileno(fp));
}

int
out_mode_parse(const char *s)
{
	static const char *const names[] = {
		"table", "tsv", "json", "csv", "excel", NULL
	};
	static const int modes[] = {
		OUT_TABLE, OUT_TSV, OUT_JSON, OUT_CSV, OUT_EXCEL
	};
	int	 i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return modes[i];
	if (strcmp(s, "jsonl") == 0)
		return OUT_JSON;
	return -1;
}

static int
right_aligned(int kind)
{
	return kind == OUT_INT || kind == OUT_MONEY || kind == OUT_DECIMAL;
}

/* Kinds whose value is text (masked or not) rather than a number. */
static int
is_text(int kind)
{
	return kind == OUT_TEXT || kind == OUT_PHONE || kind == OUT_NAME ||
	    kind == OUT_IDCARD || kind == OUT_EMAIL;
}

int
out_is_table(const struct out_opts *o)
{
	if (o->mode == OUT_TABLE)
		return 1;
	if (o->mode == OUT_AUTO)
		return to_terminal(stdout);
	return 0;
}

static int
select_cols(struct out *o, const struct out_col *cols, int ncols,
    const char *fields)
{
	char	 buf[1024], *p, *w;
	int	 i;

	o->nsel = 0;
	o->picked = fields != NULL;
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

/*
 * CSV as RFC 4180 has it, for spreadsheets: a header line always (a
 * sheet's first row), CRLF line ends, a field quoted when it holds a
 * comma, a quote, CR or LF, its quotes doubled.  A duration has a second
 * column in seconds after it (NAME_seconds), for sums in the sheet.
 * Free text that a spreadsheet would take for a formula (=, +, -, @, a
 * tab or CR first) is written after a ' so it stays text.  excel: the
 * same after a UTF-8 byte order mark, once, which Excel needs to read
 * UTF-8.
 */
static void
csv_field(FILE *fp, const char *s, int text)
{
	const char	*p;

	if (text && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r')) {
		fputc('"', fp);
		fputc('\'', fp);
	} else if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	} else
		fputc('"', fp);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

static void
csv_header(struct out *o)
{
	static int	 bom;
	const char	*name;
	int		 i;

	/* Once, at the start of stdout (not a trial out_open elsewhere). */
	if (o->mode == OUT_EXCEL && o->fp == stdout && !bom++)
		fputs("\xef\xbb\xbf", o->fp);
	for (i = 0; i < o->nsel; i++) {
		name = o->cols[o->sel[i]].name;
		if (i > 0)
			fputc(',', o->fp);
		csv_field(o->fp, name, 0);
		if (o->cols[o->sel[i]].kind == OUT_DURATION)
			fprintf(o->fp, ",%s_seconds", name);
	}
	fputs("\r\n", o->fp);
}

static void cell_text(const struct out_col *, const struct out_cell *,
    const char *, int, int, char *, size_t);

static void
csv_row(struct out *o, const struct out_cell *cells, const char *cur)
{
	const struct out_col	*c;
	const struct out_cell	*v;
	char			 buf[OUT_CELLMAX];
	int			 i;

	for (i = 0; i < o->nsel; i++) {
		c = &o->cols[o->sel[i]];
		v = &cells[o->sel[i]];
		if (i > 0)
			fputc(',', o->fp);
		if (c->kind == OUT_TEXT || c->kind == OUT_JSONTEXT) {
			if (!v->null && v->s != NULL)
				csv_field(o->fp, v->s, c->kind == OUT_TEXT);
		} else {
			/* Money in the row's currency, as TSV has it. */
			cell_text(c, v, cur, 0, o->unmask, buf, sizeof(buf));
			csv_field(o->fp, buf, is_text(c->kind));
		}
		if (c->kind == OUT_DURATION) {
			fputc(',', o->fp);
			if (!v->null)
				fprintf(o->fp, "%lld", (long long)v->i);
		}
	}
	fputs("\r\n", o->fp);
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
	o->ncols = ncols;
	o->unmask = opts->unmask;
	o->header = opts->header;
	o->mark = -1;
	if (opts->mode == OUT_JSON || opts->mode == OUT_TSV ||
	    opts->mode == OUT_CSV || opts->mode == OUT_EXCEL ||
	    opts->mode == OUT_TABLE)
		o->mode = opts->mode;
	else
		o->mode = to_terminal(fp) ? OUT_TABLE : OUT_TSV;
	if (o->mode == OUT_TABLE && to_terminal(fp)) {
		/*
		 * On the terminal: a first screenful is measured for the
		 * widths, then the rest printed as it is read.  Elsewhere
		 * (a mail, less -S) the table is measured whole.
		 */
		o->term = 1;
		o->measure = term.height > 0 ? (size_t)term.height :
		    OUT_MEASURE;
	}
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
	if (o->mode == OUT_CSV || o->mode == OUT_EXCEL)
		csv_header(o);
	return o;
}

void
out_mark(struct out *o, const char *col)
{
	int	 i;

	for (i = 0; col != NULL && i < o->ncols; i++)
		if (strcmp(o->cols[i].name, col) == 0) {
			o->mark = i;
			return;
		}
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

/*
 * Would out_text print s for a table as it is?  Printable ASCII, and
 * characters from U+00A0 on that are not format controls.
 */
static int
text_as_is(const char *s)
{
	size_t		 n = strlen(s), len;
	uint32_t	 cp;

	while (n > 0) {
		if ((len = plain_run(s, n, '\0', '\0')) == 0 &&
		    ((len = utf8_decode(s, n, &cp)) == 0 || cp < 0xa0 ||
		    out_format_control(cp)))
			return 0;
		s += len;
		n -= len;
	}
	return 1;
}

/*
 * Text as out_text would print it for a table, in a new string.  Most
 * text needs nothing done: a copy, without a memory stream's set-up (a
 * tenth of a show's own work went on those).
 */
static char *
table_text(const char *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if (text_as_is(s)) {
		if ((buf = strdup(s)) == NULL)
			err(CS_SOFTWARE, NULL);
		return buf;
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		err(CS_SOFTWARE, "open_memstream");
	out_text(fp, s, 0);
	if (fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	return buf;
}

/* The currency of rows without one of their own: out_money_currency. */
static char	 outer_currency[8];

void
out_money_currency(const char *cur)
{
	strlcpy(outer_currency, cur != NULL ? cur : "",
	    sizeof(outer_currency));
}

/*
 * The currency of a row's money: its column called "currency", so a JPY
 * order's 10000 prints as 10000 and a CNY one's 1250 as 12.50; else the
 * one set by out_money_currency (an order's, for its payments); else
 * NULL, MONEY_HOME.
 */
static const char *
row_currency(const struct out_col *cols, int ncols,
    const struct out_cell *cells)
{
	int	 k;

	for (k = 0; k < ncols; k++)
		if (strcmp(cols[k].name, "currency") == 0 && !cells[k].null &&
		    cells[k].s != NULL)
			return cells[k].s;
	return outer_currency[0] != '\0' ? outer_currency : NULL;
}

/*
 * A cell as a table shows it, made safe, in a new string.  Text that is
 * shown as it is goes whole, however long: a show prints all of it.
 */
static char *
cell_table_text(const struct out_col *c, const struct out_cell *v,
    const char *cur, int unmask)
{
	char	 buf[OUT_CELLMAX];

	if (!v->null && v->s != NULL && (c->kind == OUT_TEXT ||
	    c->kind == OUT_JSONTEXT || (unmask && is_text(c->kind))))
		return table_text(v->s);
	cell_text(c, v, cur, 1, unmask, buf, sizeof(buf));
	return table_text(buf);
}

static void
field(FILE *fp, int width, const char *label, const struct out_col *c,
    const struct out_cell *v, const char *cur, int unmask)
{
	char	*text;

	if (v->null)
		return;
	text = cell_table_text(c, v, cur, unmask);
	/* A label as long as the width still has a space after it. */
	fprintf(fp, "%-*s %s\n", width - 1, label != NULL ? label : c->name,
	    text);
	free(text);
}

void
out_field(FILE *fp, int width, const char *label, const struct out_col *c,
    const struct out_cell *v, int unmask)
{
	field(fp, width, label, c, v, NULL, unmask);
}

void
out_cell_text(const struct out_col *c, const struct out_cell *v, int table,
    int unmask, char *buf, size_t len)
{
	cell_text(c, v, NULL, table, unmask, buf, len);
}

/* A cell's text; money in cur's minor units (NULL: MONEY_HOME). */
static void
cell_text(const struct out_col *c, const struct out_cell *v, const char *cur,
    int table, int unmask, char *buf, size_t len)
{
	buf[0] = '\0';
	if (v->null || (is_text(c->kind) && v->s == NULL))
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
		money_format(v->i, cur, buf, len);
		break;
	case OUT_DURATION:
		duration_format(v->i, buf, len);
		break;
	case OUT_DECIMAL:
		money_format_digits(v->i, c->idtype, buf, len);
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
		utf8_copy(buf, v->s, len);
		break;
	}
}

static void json_member(FILE *, const struct out_col *,
    const struct out_cell *, const char *, int);

void
out_json_member(FILE *fp, const struct out_col *c, const struct out_cell *v,
    int unmask)
{
	json_member(fp, c, v, NULL, unmask);
}

static void
json_member(FILE *fp, const struct out_col *c, const struct out_cell *v,
    const char *cur, int unmask)
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
		cell_text(c, v, cur, 0, 0, buf, sizeof(buf));
		fputs(buf, fp);
	}
	else if (c->kind == OUT_TEXT)
		out_json_string(fp, v->s);
	else if (c->kind == OUT_JSONTEXT && (v->s[0] == '{' || v->s[0] == '['))
		fputs(v->s, fp);	/* a JSON value we made: as it is */
	else {
		cell_text(c, v, cur, 0, unmask, buf, sizeof(buf));
		out_json_string(fp, buf);
	}
}

static int	 col_index(const struct out_col *, int, const char *, size_t);
/* The writers put_shown hands the cells as shown to. */
enum { PUT_ROW, PUT_RECORD, PUT_RECORD_JSON, PUT_SUBLIST };
static int	 put_shown(int, void *, const void *, const struct out_col *,
		    int, const struct out_cell *, int);
static int	 put_row(struct out *, const struct out_cell *);
static int	 put_record(FILE *, const struct out_record *,
		    const struct out_cell *, int);
static int	 put_record_json(FILE *, const struct out_record *,
		    const struct out_cell *, int);
static int	 put_sublist_row(FILE *, const struct out_sublist *,
		    const struct out_cell *, int);

/*
 * The names of the record being shown (out_prose_names), masked in its
 * free text beside the names in the row's own OUT_NAME cells.
 */
#define OUT_NAMES	4
static char	*prose_names[OUT_NAMES];
static char	 prose_record[32];	/* whose they are: "T12", or "" */
static char	 prose_customer[32];	/* and its customer's: "C3" */

void
out_prose_record(const char *rec, const char *customer)
{
	strlcpy(prose_record, rec != NULL ? rec : "", sizeof(prose_record));
	strlcpy(prose_customer, customer != NULL ? customer : "",
	    sizeof(prose_customer));
}

/*
 * What --unmask showed: the kinds of personal data, and the records it
 * was of, each once -- the customers whose phone, ID card, name or
 * e-mail address was printed whole, and the records (tickets, orders,
 * ...) whose free text was printed with what a mask would have hidden.
 * A set of (type, ID) keys, open addressing, grown at half full.
 */
static struct {
	int		 kinds;		/* REVEAL_* bits */
	uint64_t	*keys;		/* 0 free */
	size_t		 cap, n[2];	/* n[0] customers, n[1] records */
	char		 first[2][OUT_REVEAL_FIRST][32];
} rv;

static void
reveal_add(int set, const char *rec)
{
	const char	*errstr;
	uint64_t	 key, *nk, *old;
	size_t		 i, ocap;
	int64_t		 id;

	if (rec == NULL || *rec == '\0' ||
	    id_parse(rec, (unsigned char)rec[0], &id, &errstr) == -1)
		return;
	key = (uint64_t)set << 63 | (uint64_t)(unsigned char)rec[0] << 48 |
	    ((uint64_t)id & 0xffffffffffffULL);
	if (rv.cap == 0 || (rv.n[0] + rv.n[1] + 1) * 2 > rv.cap) {
		old = rv.keys;
		ocap = rv.cap;
		rv.cap = rv.cap ? rv.cap * 2 : 64;
		if ((nk = calloc(rv.cap, sizeof(*nk))) == NULL)
			err(CS_SOFTWARE, NULL);
		rv.keys = nk;
		for (i = 0; i < ocap; i++) {
			size_t	 h;

			if (old[i] == 0)
				continue;
			for (h = (size_t)(old[i] * 0x9e3779b97f4a7c15ULL) &
			    (rv.cap - 1); rv.keys[h] != 0;
			    h = (h + 1) & (rv.cap - 1))
				;
			rv.keys[h] = old[i];
		}
		free(old);
	}
	for (i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (rv.cap - 1);
	    rv.keys[i] != 0; i = (i + 1) & (rv.cap - 1))
		if (rv.keys[i] == key)
			return;
	rv.keys[i] = key;
	if (rv.n[set] < OUT_REVEAL_FIRST)
		strlcpy(rv.first[set][rv.n[set]], rec, sizeof(rv.first[0][0]));
	rv.n[set]++;
}

int
out_revealed(struct out_reveal *r)
{
	size_t	 k, i;

	memset(r, 0, sizeof(*r));
	r->kinds = rv.kinds;
	for (k = 0; k < 2; k++) {
		r->n[k] = rv.n[k];
		for (i = 0; i < rv.n[k] && i < OUT_REVEAL_FIRST; i++)
			r->first[k][i] = rv.first[k][i];
	}
	return rv.kinds != 0;
}

/* The kind of personal data a column holds, as REVEAL_* bits. */
static int
reveal_kind(int kind)
{
	switch (kind) {
	case OUT_PHONE:
		return REVEAL_PHONE;
	case OUT_IDCARD:
		return REVEAL_IDCARD;
	case OUT_NAME:
		return REVEAL_NAME;
	case OUT_EMAIL:
		return REVEAL_EMAIL;
	}
	return 0;
}

void
out_prose_names(const char *a, const char *b)
{
	int	 i;

	for (i = 0; i < OUT_NAMES; i++) {
		free(prose_names[i]);
		prose_names[i] = NULL;
	}
	if (a != NULL && (prose_names[0] = strdup(a)) == NULL)
		err(CS_SOFTWARE, NULL);
	if (b != NULL && (prose_names[1] = strdup(b)) == NULL)
		err(CS_SOFTWARE, NULL);
}

/* The names to mask in a row's free text: its OUT_NAME cells, then the set. */
static int
row_names(const struct out_col *cols, int ncols, const struct out_cell *cells,
    const char **names, int max)
{
	int	 k, n = 0;

	for (k = 0; cells != NULL && k < ncols && n < max - OUT_NAMES; k++)
		if (cols[k].kind == OUT_NAME && !cells[k].null &&
		    cells[k].s != NULL)
			names[n++] = cells[k].s;
	for (k = 0; k < OUT_NAMES; k++)
		if (prose_names[k] != NULL)
			names[n++] = prose_names[k];
	return n;
}

char *
out_prose(const char *s, int unmask)
{
	const char	*names[OUT_NAMES];
	char		*m;
	int		 n;

	if (s == NULL)
		return NULL;
	n = row_names(NULL, 0, NULL, names, OUT_NAMES);
	m = mask_text(s, names, n);
	if (unmask && m != NULL) {
		/* Shown as it is: what a mask would have hidden is seen. */
		rv.kinds |= REVEAL_TEXT;
		reveal_add(1, prose_record);
		free(m);
		return NULL;
	}
	return m;
}

/* 1 if name is in the comma-separated list; NULL is every name. */
static int
in_list(const char *list, const char *name)
{
	size_t	 n = strlen(name), l;

	if (list == NULL)
		return 1;
	for (; *list != '\0'; list += l + (list[l] == ',')) {
		l = strcspn(list, ",");
		if (l == n && strncmp(list, name, n) == 0)
			return 1;
	}
	return 0;
}

/* Does the form put_shown hands cells to print column k? */
static int
shown_col(int how, const void *to, const void *desc, int k)
{
	const struct out		*o = to;
	const struct out_record		*r = desc;
	const struct out_sublist	*l = desc;
	int				 i;

	switch (how) {
	case PUT_ROW:
		for (i = 0; i < o->nsel; i++)
			if (o->sel[i] == k)
				return 1;
		return 0;
	case PUT_RECORD:
		return in_list(r->lines, r->cols[k].name) ||
		    (r->blocks != NULL && in_list(r->blocks, r->cols[k].name));
	case PUT_RECORD_JSON:
		return in_list(r->json, r->cols[k].name);
	case PUT_SUBLIST:
		for (i = 0; i < l->nitems; i++)
			if (strcmp(l->items[i].name, l->cols[k].name) == 0)
				return 1;
		return l->block != NULL && strcmp(l->block,
		    l->cols[k].name) == 0;
	}
	return 0;
}

/*
 * Shown unmasked: note the kinds of personal data the printed cells
 * hold and whose they are -- the row's customer (its customer ID, else
 * the record being shown's), and for free text the row's record (its
 * first ID, else the record being shown).
 */
static void
note_revealed(int how, const void *to, const void *desc,
    const struct out_col *cols, int ncols, const struct out_cell *cells)
{
	const char	*names[OUT_MAXCOLS + OUT_NAMES];
	char		 cust[32], rec[32], *m;
	int		 k, n = -1, bit;

	cust[0] = rec[0] = '\0';
	for (k = 0; k < ncols; k++) {
		if (cols[k].kind != OUT_ID || cells[k].null)
			continue;
		if (cols[k].idtype == ID_CUSTOMER && cust[0] == '\0')
			id_format(ID_CUSTOMER, cells[k].i, cust, sizeof(cust));
		if (rec[0] == '\0')
			id_format(cols[k].idtype, cells[k].i, rec, sizeof(rec));
	}
	/* The record being shown's customer, if this row is of it. */
	if (cust[0] == '\0')
		strlcpy(cust, prose_customer[0] != '\0' && (rec[0] == '\0' ||
		    strcmp(rec, prose_record) == 0) ? prose_customer : rec,
		    sizeof(cust));
	if (rec[0] == '\0')
		strlcpy(rec, prose_record, sizeof(rec));
	for (k = 0; k < ncols; k++) {
		if (cells[k].null || cells[k].s == NULL ||
		    *cells[k].s == '\0' || !shown_col(how, to, desc, k))
			continue;
		if ((bit = reveal_kind(cols[k].kind)) != 0) {
			rv.kinds |= bit;
			reveal_add(0, cust);
			continue;
		}
		if ((cols[k].kind != OUT_TEXT && cols[k].kind != OUT_JSONTEXT) ||
		    cols[k].idtype == 0)
			continue;
		if (n == -1)
			n = row_names(cols, ncols, cells, names,
			    OUT_MAXCOLS + OUT_NAMES);
		if ((m = mask_text(cells[k].s, names, n)) != NULL) {
			rv.kinds |= REVEAL_TEXT;
			reveal_add(1, rec);
			free(m);
		}
	}
}

int
out_row_record(const struct out *o, const struct out_cell *cells, char *rec,
    size_t len)
{
	int	 k, prose = 0;

	for (k = 0; k < o->ncols && !prose; k++)
		prose = (o->cols[k].kind == OUT_TEXT ||
		    o->cols[k].kind == OUT_JSONTEXT) && o->cols[k].idtype != 0;
	for (k = 0; prose && k < o->ncols; k++)
		if (o->cols[k].kind == OUT_ID && !cells[k].null) {
			id_format(o->cols[k].idtype, cells[k].i, rec, len);
			return 1;
		}
	return 0;
}

/*
 * The cells as shown: in an OUT_PROSE column, phone and ID-card numbers
 * and the names of the row and of the record shown masked unless
 * unmasked, by one masker for every listing, record and sub-list.  cells
 * itself if nothing changed, else *copy, which shown_free frees.
 */
static const struct out_cell *
shown_cells(const struct out_col *cols, int ncols,
    const struct out_cell *cells, int unmask, struct out_cell **copy)
{
	const char	*names[OUT_MAXCOLS + OUT_NAMES];
	char		*m;
	int		 k, n = -1;

	*copy = NULL;
	for (k = 0; k < ncols && !unmask; k++) {
		if ((cols[k].kind != OUT_TEXT && cols[k].kind != OUT_JSONTEXT) ||
		    cols[k].idtype == 0 || cells[k].null || cells[k].s == NULL)
			continue;
		if (n == -1)
			n = row_names(cols, ncols, cells, names,
			    OUT_MAXCOLS + OUT_NAMES);
		if ((m = mask_text(cells[k].s, names, n)) == NULL)
			continue;
		if (*copy == NULL) {
			if ((*copy = reallocarray(NULL, (size_t)ncols,
			    sizeof(**copy))) == NULL)
				err(CS_SOFTWARE, NULL);
			memcpy(*copy, cells, (size_t)ncols * sizeof(**copy));
		}
		(*copy)[k].s = m;
	}
	return *copy != NULL ? *copy : cells;
}

/* The texts shown_cells masked, and the copy; a text cell only. */
static void
shown_free(const struct out_col *cols, int ncols,
    const struct out_cell *cells, struct out_cell *copy)
{
	int	 k;

	for (k = 0; copy != NULL && k < ncols; k++)
		if ((cols[k].kind == OUT_TEXT || cols[k].kind == OUT_JSONTEXT) &&
		    cols[k].idtype != 0 && !cells[k].null &&
		    copy[k].s != cells[k].s)
			free((void *)copy[k].s);
	free(copy);
}

static void
json_row(struct out *o, const struct out_cell *cells)
{
	const char	*cur = row_currency(o->cols, o->ncols, cells);
	int		 i;

	fputc('{', o->fp);
	for (i = 0; i < o->nsel; i++) {
		if (i > 0)
			fputc(',', o->fp);
		json_member(o->fp, &o->cols[o->sel[i]], &cells[o->sel[i]], cur,
		    o->unmask);
	}
	fputs("}\n", o->fp);
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/* The display width of column i's title. */
static size_t
title_width(const struct out *o, int i)
{
	return utf8_width(o->cols[o->sel[i]].title);
}

/* Free text, and an audit detail, give up columns on a terminal. */
static int
cuttable(int kind)
{
	return kind == OUT_TEXT || kind == OUT_JSONTEXT;
}

/* Free text is cut to no less than its title or 12 columns. */
static size_t
shrink_min(const struct out *o, int i)
{
	return title_width(o, i) > 12 ? title_width(o, i) : 12;
}

/*
 * Fix the widths: the widest cell of each column measured so far, or
 * its title.  On a terminal of known width, the line is fitted: free
 * text (the widest first: a subject) gives up columns down to its
 * title or 12, then columns that still do not fit are dropped from the
 * right; the columns -o names are all kept.
 */
static void
layout(struct out *o)
{
	size_t	 total, cut, w, min, best_w;
	int	 i, best;

	for (i = 0; i < o->nsel; i++)
		if ((w = title_width(o, i)) > o->width[i])
			o->width[i] = w;
	o->shown = o->nsel;
	o->started = 1;
	if (!o->term || term.width <= 0)
		return;
	total = o->mark >= 0 ? 1 : 0;
	for (i = 0; i < o->nsel; i++)
		total += o->width[i] + (i > 0 ? 2 : 0);
	while (total > (size_t)term.width) {
		best = -1;
		best_w = 0;
		for (i = 0; i < o->nsel; i++) {
			min = shrink_min(o, i);
			if (cuttable(o->cols[o->sel[i]].kind) &&
			    o->width[i] > min && o->width[i] > best_w) {
				best = i;
				best_w = o->width[i];
			}
		}
		if (best == -1)
			break;
		min = shrink_min(o, best);
		cut = total - (size_t)term.width;
		if (cut > o->width[best] - min)
			cut = o->width[best] - min;
		o->width[best] -= cut;
		total -= cut;
	}
	while (!o->picked && total > (size_t)term.width && o->shown > 1) {
		o->shown--;
		total -= o->width[o->shown] + 2;
	}
}

/*
 * s cut to width display columns, its end an ellipsis, in buf; s itself
 * when it fits.
 */
static const char *
truncate_text(const char *s, size_t width, char *buf, size_t len)
{
	size_t		 n = strlen(s), k, w = 0, cw, at = 0;
	uint32_t	 cp;

	if (utf8_width(s) <= width || width == 0)
		return s;
	while (n > 0) {
		if ((k = utf8_decode(s + at, n, &cp)) == 0)
			k = 1, cw = 1;
		else
			cw = (size_t)utf8_cpwidth(cp);
		/* One column is left for the ellipsis. */
		if (w + cw > width - 1 || at + k + sizeof("…") > len)
			break;
		w += cw;
		at += k;
		n -= k;
	}
	memcpy(buf, s, at);
	memcpy(buf + at, "…", sizeof("…"));
	return buf;
}

/*
 * One line of the table: the mark (! for an overdue or breached row,
 * so it shows without colour too; red where the terminal has colour),
 * then each column that fits, padded to its width.
 */
static void
table_line(struct out *o, char *const *row, int marked)
{
	char		 buf[OUT_CELLMAX];
	const char	*text;
	size_t		 w;
	int		 i, last, right;
	int		 colour = marked && o->term && term.colour;

	if (colour)
		fputs("\033[31m", o->fp);
	if (o->mark >= 0)
		fputc(marked ? '!' : ' ', o->fp);
	/* Empty cells at the end leave no spaces behind. */
	for (last = o->shown; last > 1 && *row[last - 1] == '\0'; last--)
		;
	for (i = 0; i < last; i++) {
		right = right_aligned(o->cols[o->sel[i]].kind);
		text = row[i];
		if (o->term && (is_text(o->cols[o->sel[i]].kind) ||
		    cuttable(o->cols[o->sel[i]].kind)))
			text = truncate_text(text, o->width[i], buf,
			    sizeof(buf));
		w = utf8_width(text);
		if (i > 0)
			fputs("  ", o->fp);
		if (right && w < o->width[i])
			pad(o->fp, o->width[i] - w);
		fputs(text, o->fp);
		if (!right && i + 1 < last && w < o->width[i])
			pad(o->fp, o->width[i] - w);
	}
	if (colour)
		fputs("\033[m", o->fp);
	fputc('\n', o->fp);
}

static void
table_head(struct out *o)
{
	char	*titles[OUT_MAXCOLS];
	int	 i;

	for (i = 0; i < o->nsel; i++)
		titles[i] = (char *)o->cols[o->sel[i]].title;
	table_line(o, titles, 0);
}

/* Print the rows measured so far, and free them. */
static void
table_flush(struct out *o)
{
	size_t	 r, k;

	for (r = 0; r < o->nrows; r++)
		table_line(o, &o->cells[r * (size_t)o->nsel], o->marks[r]);
	for (k = 0; k < o->nrows * (size_t)o->nsel; k++)
		free(o->cells[k]);
	o->nrows = 0;
}

static int
put_row(struct out *o, const struct out_cell *cells)
{
	const struct out_col	*c;
	const char		*cur;
	char			 buf[OUT_CELLMAX], **cp, *row[OUT_MAXCOLS];
	unsigned char		*mp;
	size_t			 w, ncap;
	int			 i, marked;

	cur = row_currency(o->cols, o->ncols, cells);
	if (o->mode == OUT_JSON) {
		json_row(o, cells);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	if (o->mode == OUT_CSV || o->mode == OUT_EXCEL) {
		csv_row(o, cells, cur);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	if (o->mode == OUT_TSV) {
		for (i = 0; i < o->nsel; i++) {
			c = &o->cols[o->sel[i]];
			cell_text(c, &cells[o->sel[i]], cur, 0, o->unmask, buf,
			    sizeof(buf));
			if (i > 0)
				fputc('\t', o->fp);
			out_text(o->fp, buf, 1);
		}
		fputc('\n', o->fp);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	marked = o->mark >= 0 && !cells[o->mark].null &&
	    (is_text(o->cols[o->mark].kind) ? cells[o->mark].s != NULL : 1);
	if (o->started) {
		/* Widths are fixed: the row goes out as it comes. */
		for (i = 0; i < o->nsel; i++) {
			c = &o->cols[o->sel[i]];
			cell_text(c, &cells[o->sel[i]], cur, 1, o->unmask, buf,
			    sizeof(buf));
			row[i] = table_text(buf);
			/*
			 * A number wider than those measured (T10 after T9)
			 * widens its column from here on: shifted once
			 * rather than every row out of line.
			 */
			if (!is_text(c->kind) &&
			    (w = utf8_width(row[i])) > o->width[i])
				o->width[i] = w;
		}
		table_line(o, row, marked);
		for (i = 0; i < o->nsel; i++)
			free(row[i]);
		return ferror(o->fp) ? CS_IOERR : 0;
	}
	if (o->nrows == o->cap) {
		ncap = o->cap ? o->cap * 2 : 64;
		cp = reallocarray(o->cells, ncap * (size_t)o->nsel,
		    sizeof(*cp));
		if (cp == NULL)
			err(CS_SOFTWARE, NULL);
		o->cells = cp;
		if ((mp = realloc(o->marks, ncap)) == NULL)
			err(CS_SOFTWARE, NULL);
		o->marks = mp;
		o->cap = ncap;
	}
	for (i = 0; i < o->nsel; i++) {
		c = &o->cols[o->sel[i]];
		cell_text(c, &cells[o->sel[i]], cur, 1, o->unmask, buf,
		    sizeof(buf));
		cp = &o->cells[o->nrows * (size_t)o->nsel + (size_t)i];
		*cp = table_text(buf);
		if ((w = utf8_width(*cp)) > o->width[i])
			o->width[i] = w;
	}
	o->marks[o->nrows++] = (unsigned char)marked;
	if (o->measure > 0 && o->nrows >= o->measure) {
		layout(o);
		table_head(o);
		table_flush(o);
	}
	return ferror(o->fp) ? CS_IOERR : 0;
}

int
out_row(struct out *o, const struct out_cell *cells)
{
	return put_shown(PUT_ROW, o, NULL, o->cols, o->ncols, cells,
	    o->unmask);
}

int
out_close(struct out *o)
{
	int	 rc;

	if (o->mode == OUT_TABLE && !o->started && o->nrows > 0) {
		layout(o);
		table_head(o);
	}
	table_flush(o);
	free(o->cells);
	free(o->marks);
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
 * The pager.  stdout becomes a stream that holds the output back until
 * it has more lines than the terminal is high, then starts the pager and
 * hands it all; output that fits goes to the terminal when stdout is
 * closed, with no process started for it.
 */
static struct {
	const char	*cmd;
	char		*buf;
	size_t		 len, cap;
	size_t		 lines;
	int		 fd;		/* the pager's pipe; -1 before */
	pid_t		 pid;
	int		 done;
} pg = { NULL, NULL, 0, 0, 0, -1, -1, 0 };

static int
write_all(int fd, const char *b, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		if ((k = write(fd, b, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

static void
pager_start(void)
{
	int	 p[2];
	gid_t	 gid;

	if (pipe(p) == -1)
		goto direct;
	fflush(out_raw_stderr());
	if ((pg.pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		goto direct;
	}
	if (pg.pid == 0) {
		/* The pager is the user's program: none of our group. */
		gid = getgid();
		if (setresgid(gid, gid, gid) == -1)
			_exit(127);
		dup2(p[0], STDIN_FILENO);
		close(p[0]);
		close(p[1]);
		if (getenv("LESS") == NULL)
			setenv("LESS", "FRX", 1);
		if (getenv("LV") == NULL)
			setenv("LV", "-c", 1);
		execl("/bin/sh", "sh", "-c", pg.cmd, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	/* Not for a child of ours (a notify command): the pager sees EOF. */
	(void)fcntl(p[1], F_SETFD, FD_CLOEXEC);
	pg.fd = p[1];
	return;
direct:
	pg.fd = STDOUT_FILENO;
}

static ssize_t
pager_write(void *cookie, const char *b, size_t n)
{
	char	*nb;
	size_t	 i, ncap;

	(void)cookie;
	if (pg.fd == -1) {
		if (pg.len + n > pg.cap) {
			ncap = pg.cap ? pg.cap : 8192;
			while (ncap < pg.len + n)
				ncap *= 2;
			if ((nb = realloc(pg.buf, ncap)) == NULL)
				return -1;
			pg.buf = nb;
			pg.cap = ncap;
		}
		memcpy(pg.buf + pg.len, b, n);
		pg.len += n;
		for (i = 0; i < n; i++)
			if (b[i] == '\n')
				pg.lines++;
		/* A line is left for the shell's prompt. */
		if (pg.lines < (size_t)term.height)
			return (ssize_t)n;
		pager_start();
		if (write_all(pg.fd, pg.buf, pg.len) == -1)
			return -1;
		free(pg.buf);
		pg.buf = NULL;
		pg.len = 0;
		return (ssize_t)n;
	}
	return write_all(pg.fd, b, n) == -1 ? -1 : (ssize_t)n;
}

/* What was held back to the terminal; the pager's end awaited. */
static int
pager_end(void)
{
	int	 rc = 0, status;

	if (pg.done++)
		return 0;
	if (pg.fd == -1) {
		rc = write_all(STDOUT_FILENO, pg.buf, pg.len);
		free(pg.buf);
		pg.buf = NULL;
	} else if (pg.fd != STDOUT_FILENO) {
		close(pg.fd);
		while (waitpid(pg.pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	return rc;
}

static int
pager_close(void *cookie)
{
	(void)cookie;
	return pager_end();
}

/* On exit(3) without out_fshut (an errx): the rest, and the wait. */
static void
pager_atexit(void)
{
	if (pg.done)
		return;
	fflush(stdout);
	pager_end();
}

void
out_page(void)
{
	cookie_io_functions_t	 io = { NULL, pager_write, NULL, pager_close };
	FILE			*fp;

	term_init();
	if (!term.tty || term.height <= 0 || pg.cmd != NULL)
		return;
	if ((pg.cmd = getenv("CS_PAGER")) == NULL &&
	    (pg.cmd = getenv("PAGER")) == NULL)
		pg.cmd = "less";
	if (*pg.cmd == '\0' || strcmp(pg.cmd, "cat") == 0)
		return;
	if ((fp = fopencookie(NULL, "w", io)) == NULL)
		return;
	fflush(stdout);
	stdout = fp;
	atexit(pager_atexit);
}

/*
 * Output held back: stdout is a temporary file until released, when
 * it is copied to the stdout it replaced (the terminal, a pipe, the
 * pager).  The terminal is looked at first, so a table is still one.
 */
static FILE	*held_to;

int
out_hold(void)
{
	FILE	*fp;

	term_init();
	if (held_to != NULL)
		return 0;
	if ((fp = tmpfile()) == NULL) {
		warn("tmpfile");
		return CS_CANTCREAT;
	}
	fflush(stdout);
	held_to = stdout;
	stdout = fp;
	return 0;
}

int
out_release(int discard)
{
	FILE	*fp = stdout;
	char	 buf[8192];
	size_t	 n;
	int	 rc = 0;

	if (held_to == NULL)
		return 0;
	stdout = held_to;
	held_to = NULL;
	if (fflush(fp) != 0 || ferror(fp)) {
		warn("stdout");
		rc = CS_IOERR;
		discard = 1;
	}
	if (!discard) {
		rewind(fp);
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
			if (fwrite(buf, 1, n, stdout) != n)
				break;
		if (ferror(fp)) {
			warn("stdout");
			rc = CS_IOERR;
		}
	}
	fclose(fp);
	return rc;
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

/* ---- records shown in full, the rows under them, and charts ---- */

/* The column called name (len bytes of it), or -1. */
static int
col_index(const struct out_col *cols, int ncols, const char *name,
    size_t len)
{
	int	 k;

	for (k = 0; k < ncols; k++)
		if (strncmp(cols[k].name, name, len) == 0 &&
		    cols[k].name[len] == '\0')
			return k;
	return -1;
}

/*
 * The columns named in list, comma-separated as -o names them, into sel
 * (OUT_MAXCOLS of them); every column in order for NULL.  Their number,
 * or -1 for a name that is not a column: a mistake in a description.
 */
static int
name_cols(const struct out_col *cols, int ncols, const char *list, int *sel)
{
	const char	*p;
	size_t		 len;
	int		 k, n = 0;

	if (list == NULL) {
		for (k = 0; k < ncols && k < OUT_MAXCOLS; k++)
			sel[k] = k;
		return k;
	}
	for (p = list;; p += len + 1) {
		len = strcspn(p, ",");
		if ((k = col_index(cols, ncols, p, len)) == -1 ||
		    n == OUT_MAXCOLS) {
			warnx("no column \"%.*s\" to show", (int)len, p);
			return -1;
		}
		sel[n++] = k;
		if (p[len] == '\0')
			return n;
	}
}

/* A record's label for column k: its own, else the column's name. */
static const char *
record_label(const struct out_record *r, int k)
{
	const char *const	*l;

	for (l = r->labels; l != NULL && l[0] != NULL; l += 2)
		if (strcmp(l[0], r->cols[k].name) == 0)
			return l[1];
	return r->cols[k].name;
}

/* Cell k of a record, empty text as null if the record says so. */
static struct out_cell
record_cell(const struct out_record *r, const struct out_cell *cells, int k)
{
	struct out_cell	 v = cells[k];

	if (r->empty_null && is_text(r->cols[k].kind) && v.s != NULL &&
	    *v.s == '\0')
		v.null = 1;
	return v;
}

void
out_heading(FILE *fp, const char *title)
{
	fprintf(fp, "\n%s\n", title);
}

static int
put_record(FILE *fp, const struct out_record *r, const struct out_cell *cells,
    int unmask)
{
	struct out_cell	 v;
	const char	*l;
	size_t		 len;
	int		 sel[OUT_MAXCOLS], n, i, width = r->width;

	if ((n = name_cols(r->cols, r->ncols, r->lines, sel)) == -1)
		return CS_SOFTWARE;
	/* The values in one column: a longer label shown moves them all. */
	for (i = 0; i < n; i++) {
		v = record_cell(r, cells, sel[i]);
		if ((l = record_label(r, sel[i])) == NULL &&
		    (l = r->cols[sel[i]].name) == NULL)
			continue;
		len = strlen(l);
		if (!v.null && len + 1 > (size_t)width && len < 64)
			width = (int)len + 1;
	}
	for (i = 0; i < n; i++) {
		v = record_cell(r, cells, sel[i]);
		field(fp, width, record_label(r, sel[i]),
		    &r->cols[sel[i]], &v, row_currency(r->cols, r->ncols,
		    cells), unmask);
	}
	if (r->blocks == NULL)
		return ferror(fp) ? CS_IOERR : 0;
	if ((n = name_cols(r->cols, r->ncols, r->blocks, sel)) == -1)
		return CS_SOFTWARE;
	for (i = 0; i < n; i++) {
		v = record_cell(r, cells, sel[i]);
		if (v.null || v.s == NULL)
			continue;
		out_heading(fp, record_label(r, sel[i]));
		out_block(fp, v.s);
	}
	return ferror(fp) ? CS_IOERR : 0;
}

static int
put_record_json(FILE *fp, const struct out_record *r,
    const struct out_cell *cells, int unmask)
{
	struct out_cell	 v;
	int		 sel[OUT_MAXCOLS], n, i;

	if ((n = name_cols(r->cols, r->ncols, r->json, sel)) == -1)
		return CS_SOFTWARE;
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		v = record_cell(r, cells, sel[i]);
		json_member(fp, &r->cols[sel[i]], &v, row_currency(r->cols,
		    r->ncols, cells), unmask);
	}
	return ferror(fp) ? CS_IOERR : 0;
}

static int
put_sublist_row(FILE *fp, const struct out_sublist *l,
    const struct out_cell *cells, int unmask)
{
	const struct out_item	*it;
	const struct out_col	*c;
	char			*text;
	size_t			 w;
	int			 i, k;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if ((k = col_index(l->cols, l->ncols, it->name,
		    strlen(it->name))) == -1) {
			warnx("no column \"%s\" to show", it->name);
			return CS_SOFTWARE;
		}
		c = &l->cols[k];
		text = cell_table_text(c, &cells[k], row_currency(l->cols,
		    l->ncols, cells), unmask);
		/*
		 * Measured only to be padded: an item of no width (the
		 * last, a subject) needs no width, nor the locale for it.
		 */
		w = it->width > 0 ? utf8_width(text) : 0;
		fputs(it->before, fp);
		if (right_aligned(c->kind) && w < (size_t)it->width)
			pad(fp, (size_t)it->width - w);
		fputs(text, fp);
		if (!right_aligned(c->kind) && w < (size_t)it->width)
			pad(fp, (size_t)it->width - w);
		free(text);
	}
	fputc('\n', fp);
	if (l->block != NULL) {
		if ((k = col_index(l->cols, l->ncols, l->block,
		    strlen(l->block))) == -1) {
			warnx("no column \"%s\" to show", l->block);
			return CS_SOFTWARE;
		}
		if (!cells[k].null && cells[k].s != NULL)
			out_block(fp, cells[k].s);
	}
	return ferror(fp) ? CS_IOERR : 0;
}

/*
 * Every way of printing cells goes through here: the cells as shown
 * (shown_cells), then the form's own writer.
 */
static int
put_shown(int how, void *to, const void *desc, const struct out_col *cols,
    int ncols, const struct out_cell *cells, int unmask)
{
	const struct out_cell	*v;
	struct out_cell		*copy;
	int			 rc = CS_SOFTWARE;

	if (unmask)
		note_revealed(how, to, desc, cols, ncols, cells);
	v = shown_cells(cols, ncols, cells, unmask, &copy);
	switch (how) {
	case PUT_ROW:
		rc = put_row(to, v);
		break;
	case PUT_RECORD:
		rc = put_record(to, desc, v, unmask);
		break;
	case PUT_RECORD_JSON:
		rc = put_record_json(to, desc, v, unmask);
		break;
	case PUT_SUBLIST:
		rc = put_sublist_row(to, desc, v, unmask);
		break;
	}
	shown_free(cols, ncols, cells, copy);
	return rc;
}

int
out_record(FILE *fp, const struct out_record *r, const struct out_cell *cells,
    int unmask)
{
	return put_shown(PUT_RECORD, fp, r, r->cols, r->ncols, cells, unmask);
}

int
out_record_json(FILE *fp, const struct out_record *r,
    const struct out_cell *cells, int unmask)
{
	return put_shown(PUT_RECORD_JSON, fp, r, r->cols, r->ncols, cells,
	    unmask);
}

int
out_sublist_row(FILE *fp, const struct out_sublist *l,
    const struct out_cell *cells, int unmask)
{
	return put_shown(PUT_SUBLIST, fp, l, l->cols, l->ncols, cells, unmask);
}

/*
 * Horizontal bars in Unicode blocks, an eighth of a cell at a time: a
 * label, then for each bar column its title (when there are several),
 * the bar and the value.  Percentages run to 100, counts to the largest.
 */
#define CHART_WIDTH	40

/* Text made safe, padded to width by the display width of what shows. */
static void
chart_pad(FILE *fp, const char *s, size_t width)
{
	char	*text = table_text(s);
	size_t	 w = utf8_width(text);

	fputs(text, fp);
	for (; w < width; w++)
		fputc(' ', fp);
	free(text);
}

static void
chart_bar(FILE *fp, int64_t v, int64_t max)
{
	static const char *const eighths[] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"
	};
	int64_t	 e, i;

	e = max > 0 && v > 0 ? (v * CHART_WIDTH * 8 + max / 2) / max : 0;
	if (e > CHART_WIDTH * 8)
		e = CHART_WIDTH * 8;
	for (i = 0; i < e / 8; i++)
		fputs("█", fp);
	fputs(eighths[e % 8], fp);
	for (i = e / 8 + (e % 8 != 0); i < CHART_WIDTH; i++)
		fputc(' ', fp);
}

/* The label of a row: its label columns as a table shows them. */
static void
chart_label(const struct out_col *cols, const struct out_cell *row,
    const int *labels, int nlabels, char *buf, size_t len)
{
	char	 one[256];
	int	 k;

	buf[0] = '\0';
	for (k = 0; k < nlabels; k++) {
		out_cell_text(&cols[labels[k]], &row[labels[k]], 1, 0, one,
		    sizeof(one));
		strlcat(buf, k ? " " : "", len);
		strlcat(buf, one, len);
	}
}

int
out_chart(FILE *fp, const struct out_col *cols, int ncols,
    const struct out_cell *rows, size_t nrows, const char *label_cols,
    const char *bar_cols)
{
	const struct out_cell	*row;
	const struct out_col	*c;
	char			 buf[512], one[256], *text;
	int64_t			 max[OUT_MAXCOLS];
	size_t			 i, lw = 0, tw = 0;
	int			 labels[OUT_MAXCOLS], bars[OUT_MAXCOLS];
	int			 nlabels, nbars, k, d;

	if ((nlabels = name_cols(cols, ncols, label_cols, labels)) == -1 ||
	    (nbars = name_cols(cols, ncols, bar_cols, bars)) == -1)
		return CS_SOFTWARE;
	for (k = 0; k < nbars; k++) {
		c = &cols[bars[k]];
		max[k] = 0;
		if (c->kind == OUT_DECIMAL)
			for (max[k] = 100, d = 0; d < c->idtype; d++)
				max[k] *= 10;
		for (i = 0; i < nrows && c->kind != OUT_DECIMAL; i++) {
			row = &rows[i * (size_t)ncols];
			if (!row[bars[k]].null && row[bars[k]].i > max[k])
				max[k] = row[bars[k]].i;
		}
		if (nbars > 1 && strlen(c->name) > tw)
			tw = strlen(c->name);
	}
	for (i = 0; i < nrows; i++) {
		chart_label(cols, &rows[i * (size_t)ncols], labels, nlabels,
		    buf, sizeof(buf));
		text = table_text(buf);
		if (utf8_width(text) > lw)
			lw = utf8_width(text);
		free(text);
	}
	for (i = 0; i < nrows; i++) {
		row = &rows[i * (size_t)ncols];
		chart_label(cols, row, labels, nlabels, buf, sizeof(buf));
		for (k = 0; k < nbars; k++) {
			c = &cols[bars[k]];
			chart_pad(fp, k == 0 ? buf : "", lw);
			fputs("  ", fp);
			if (nbars > 1) {
				chart_pad(fp, c->name, tw);
				fputs("  ", fp);
			}
			if (row[bars[k]].null) {
				chart_bar(fp, 0, max[k]);
				fputs("  -\n", fp);
				continue;
			}
			chart_bar(fp, row[bars[k]].i, max[k]);
			cell_text(c, &row[bars[k]], row_currency(cols, ncols,
			    row), 1, 0, one, sizeof(one));
			fprintf(fp, "  %s%s\n", one,
			    c->kind == OUT_DECIMAL ? "%" : "");
		}
	}
	return ferror(fp) ? CS_IOERR : 0;
}
