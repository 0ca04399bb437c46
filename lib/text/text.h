/*
 * text.h: what crosses the pipe -- IDs and the one iterator, TSV input,
 * output in every mode (table, TSV, JSON Lines, records, charts), JSON,
 * money, the clock, masks, UTF-8, diagnostics.  Includes nothing of ours.
 *
 * libcs, the library behind the cs programs, is in layers, one folder and
 * one header each; a layer includes and calls only those below it (cs(7)
 * SOURCE; make layers checks it):
 *   lib/cli/    cli.h    the shape of every program and its run verbs
 *   lib/desk/   desk.h   the desk's rules, one file per noun, the reports
 *   lib/store/  store.h  storage and identity: the database door (db.h,
 *                        its one backend in sqlite.c), schema, audit
 *                        chain, the cs.conf reader, the agent, privileges
 *   lib/text/   text.h   this file
 *
 * Conventions.  A function that can fail for a reason the user must hear
 * prints one diagnostic with warnx(3) ("cs-PROG: subject: what is wrong")
 * and returns an exit status from sysexits(3); 0 means success.  Functions
 * that only parse text return -1 and set *errstr instead, so the caller can
 * put the right subject (a file and line, an option) in front.
 */
#ifndef CS_TEXT_H
#define CS_TEXT_H

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The system-wide configuration (make SYSCONFDIR=...). */
#ifndef CS_SYSCONF
#define CS_SYSCONF	"/etc/cs.conf"
#endif
/* The release --version names; the Makefile's VERSION. */
#ifndef CS_VERSION
#define CS_VERSION	"unreleased"
#endif

/* Exit statuses, as in sysexits.h; cs(7) documents them. */
#define CS_OK		0
#define CS_PARTIAL	1	/* done, but some items failed */
#define CS_USAGE	64
#define CS_DATAERR	65
#define CS_NOINPUT	66	/* no such record or input file */
#define CS_UNAVAIL	69
#define CS_SOFTWARE	70
#define CS_CANTCREAT	73
#define CS_IOERR	74	/* a write to stdout failed */
#define CS_TEMPFAIL	75	/* database busy, try again */
#define CS_NOPERM	77
#define CS_CONFIG	78

#define CS_LINE_MAX	65536	/* longest accepted input line, bytes */
#define CS_TEXT_MAX	65536	/* longest reply, note or body, bytes */
#define CS_SKIP_MAX	(16 << 20)	/* an overlong line skipped, at most */

/* ---- utf8.c: validation and display width ---- */

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int	 utf8_valid(const char *s, size_t n);
/* Decode one character; returns its length, or 0 for an invalid sequence. */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/*
 * Terminal columns of one code point: 0, 1 or 2, as glibc's wcwidth(3)
 * counts them under C.UTF-8 (CJK, fullwidth and emoji are 2); one for
 * what it does not know.
 */
int	 utf8_cpwidth(uint32_t cp);
/* Terminal columns of a valid UTF-8 string. */
size_t	 utf8_width(const char *s);
/*
 * strlcpy(3) that never cuts a character in two: a text longer than
 * dst ends at the last whole character that fits.  Returns strlen(src).
 */
size_t	 utf8_copy(char *dst, const char *src, size_t len);

/* ---- json.c: a growing JSON object ---- */

/* A growing JSON object for audit details, escaped by out_json_quote. */
struct jbuf {
	char		*s;		/* NUL-terminated while building */
	size_t		 len, cap;
	int		 n;		/* members so far */
	int		 array;		/* a list, not an object */
};
void	 jbuf_init(struct jbuf *);
void	 jbuf_str(struct jbuf *, const char *key, const char *val);
void	 jbuf_int(struct jbuf *, const char *key, int64_t val);
/* A list instead, "[...]": what binds many IDs or keys to one $n. */
void	 jbuf_init_list(struct jbuf *);
void	 jbuf_add_str(struct jbuf *, const char *val);
void	 jbuf_add_int(struct jbuf *, int64_t val);
/* The finished object "{...}" or list; valid until jbuf_free. */
const char *jbuf_end(struct jbuf *);
void	 jbuf_free(struct jbuf *);

/* ---- diag.c: diagnostics, one line each ---- */

/*
 * err(3) and warn(3), the message's newlines and carriage returns
 * written \n and \r: an argument quoted back never splits a diagnostic.
 * The names below route every call here.
 */
void	 diag_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 diag_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 diag_errx(int, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
void	 diag_err(int, const char *, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
#define warnx(...)	diag_warnx(__VA_ARGS__)
#define warn(...)	diag_warn(__VA_ARGS__)
#define errx(...)	diag_errx(__VA_ARGS__)
#define err(...)	diag_err(__VA_ARGS__)
/*
 * A value as a message shows it: itself, or in double quotes with
 * \n, \t, \", \\ and \xNN escapes when it is empty, has a space or an
 * invisible character at either end, or holds a control character.
 */
const char *diag_quote(const char *s, char *buf, size_t len);

/* ---- money.c: exact amounts in minor units ---- */

/*
 * Minor-unit digits of an ISO 4217 code (CNY 2, JPY 0, KWD 3); -1 if
 * unknown.  money.c holds the one table of the codes the desk accepts.
 */
int	 money_digits(const char *currency);
/*
 * What a currency of NULL means here: CNY, two decimals.  The desk's
 * own currency is cs.conf's `currency' (struct config, CNY unless
 * set), which the desk hands over by name; rates and percentages are
 * fixed-point with two decimals (money_format_digits), never NULL.
 */
#define MONEY_HOME	"CNY"
/*
 * The most an amount can be, in minor units: 10^12 (10,000,000,000.00
 * yuan, 1,000,000,000,000 yen), so that a sum of nine million of them
 * still fits in 64 bits and no total of a desk can overflow.
 */
#define MONEY_MAX	INT64_C(1000000000000)
/*
 * The most a sum can be: what fits in 64 bits.  A stored amount above
 * MONEY_MAX (a database from before it) can still make a sum too large;
 * money_add refuses it rather than wrap to a negative total.
 */
#define MONEY_SUM_MAX	INT64_MAX
/*
 * Parse "12", "12.5", "12.50" into minor units of currency (NULL:
 * MONEY_HOME): 10000 JPY is 10000, 12.5 CNY is 1250.  Rejects signs,
 * exponents, separators, spaces, more decimals than the currency has,
 * more than MONEY_MAX and an unknown currency.
 */
int	 money_parse(const char *s, const char *currency, int64_t *minor,
	    const char **errstr);
/* Format minor units of currency (NULL: MONEY_HOME): "123.45", "10000". */
void	 money_format(int64_t minor, const char *currency, char *buf,
	    size_t len);
/* The same with the number of decimals given: fixed-point numbers. */
int	 money_parse_digits(const char *s, int digits, int64_t *minor,
	    const char **errstr);
void	 money_format_digits(int64_t minor, int digits, char *buf, size_t len);
/*
 * *sum += v, checked: -1 (and *sum unchanged) when v is not an amount
 * (negative, above MONEY_MAX) or the sum would not fit.
 */
int	 money_add(int64_t *sum, int64_t v);

/* ---- clock.c: the clock, time and duration text ---- */

/*
 * The time zone: TZ if set, else the configuration's `timezone`, else
 * Asia/Shanghai.  Called once by cs_init().
 */
void	 clock_tzset(const char *conf_tz);
/*
 * The current time: CS_NOW when set (any form clock_parse accepts),
 * else time(3).  Returns -1 and sets *errstr when CS_NOW is malformed.
 */
int	 clock_now(int64_t *now, const char **errstr);
/*
 * Parse a time: "2026-11-22" (local midnight), "2026-11-22 14:05",
 * "2026-11-22 14:05:30", the same with 'T', ISO 8601 with offset
 * ("2026-11-22T14:05:00+08:00", "...Z"), "now", or relative to now
 * ("-2h", "+1d", "-1d12h").  Local forms use the local time zone.
 */
int	 clock_parse(const char *s, int64_t now, int64_t *t,
	    const char **errstr);
/* Parse a duration: "45s", "30m", "2h", "1d", "1w", "1d12h"; > 0. */
int	 duration_parse(const char *s, int64_t *secs, const char **errstr);
/* "1d12h", "30m", "0s": the shortest exact form. */
void	 duration_format(int64_t secs, char *buf, size_t len);
/* "2026-11-22 14:05" in local time, for people. */
void	 clock_format_local(int64_t t, char *buf, size_t len);
/* "2026-11-22T14:05:00+08:00", for TSV and JSON. */
void	 clock_format_iso(int64_t t, char *buf, size_t len);
/* Local broken-down fields: minutes since midnight, weekday 0=Sunday. */
void	 clock_local(int64_t t, int *minute_of_day, int *weekday);
/* Civil date <-> days from 1970-01-01, proleptic Gregorian. */
int32_t	 cal_day(int y, int m, int d);
void	 cal_civil(int32_t day, int *y, int *m, int *d);
/* The local civil day of t, in days from 1970-01-01. */
int32_t	 clock_day(int64_t t);
/* The local midnight starting a civil day: 0, or -1 out of range. */
int	 clock_midnight(int32_t day, int64_t *t);

/* ---- mask.c: personal data as shown ---- */

/* 13800135678 -> 138****5678; short values are masked whole. */
void	 mask_phone(const char *phone, char *buf, size_t len);
/* 110101199003071234 -> 110101********1234 */
void	 mask_idcard(const char *id, char *buf, size_t len);
/*
 * 张三丰 -> 张**, Alice -> A****: first character, one * per other one;
 * a one-character name (李) -> *.
 */
void	 mask_name(const char *name, char *buf, size_t len);
/* zhang@example.com -> z***@example.com */
void	 mask_email(const char *email, char *buf, size_t len);
/*
 * Free text as shown: each mainland mobile number in it (1[3-9] and nine
 * more digits, alone or as 3-4-4 with spaces or hyphens, a +86 before it
 * kept) masked as mask_phone does, each ID-card number (17 digits and a
 * digit or X, alone or as 6-8-4) as mask_idcard does, and each time one
 * of the nnames names (NULL ones skipped) occurs, as mask_name does: the
 * name as stored, or a part of one stored in parts ("Alice Smith",
 * "买买提·艾力"), of two characters or more, a Latin one as a word.  A
 * number runs from and to an edge: no letter or digit on either side.
 * A new string to free, or NULL when nothing was masked.
 */
char	*mask_text(const char *s, const char *const *names, int nnames);
/*
 * 1 if s is a resident ID-card number: 18 characters, GB 11643 check
 * digit (X for 10), a real birth date not in the future; else *why.
 */
int	 idcard_valid(const char *s, const char **why);
/* 1 if s is a mainland mobile number: 11 digits starting with 1. */
int	 phone_valid(const char *s);

/* ---- ids.c: typed record IDs and the argument/stdin iterator ---- */

enum id_type {
	ID_CUSTOMER = 'C',
	ID_ORDER = 'O',
	ID_PAYMENT = 'P',
	ID_TICKET = 'T',
	ID_REFUND = 'R',
	ID_ESCALATION = 'E',
	ID_INVOICE = 'I',
	ID_INCIDENT = 'N',
	ID_DISPUTE = 'D',
	ID_GRANT = 'G',
};

/* "ticket", "order", ...; "record" for a letter that is no type. */
const char *id_type_name(int type);
/* 1 if type is the letter of a kind of record (T, O, R...), else 0. */
int	 id_type_known(int type);
/* "T1042" */
void	 id_format(int type, int64_t id, char *buf, size_t len);
/*
 * Parse "T1042" or "1042" as an ID of `type`.  "O88" when a ticket is
 * wanted fails with *errstr "is an order, not a ticket"; anything else
 * fails with "not a ticket ID".  The caller prints "S: errstr".
 */
int	 id_parse(const char *s, int type, int64_t *id, const char **errstr);

/*
 * Calls fn for every ID: each argument, or with none, the first field
 * (up to a tab or space) of each stdin line, skipping blank lines and
 * '#' comments.  No arguments and a terminal on stdin is a usage error.
 * A malformed ID is reported ("stdin:3: x: not a ticket ID") and counts
 * as a failure of status 65.  fn returns 0 or an exit status.
 * Returns 0 when every item succeeded, the failing status when every item
 * failed with the same one, 1 when some failed, or the status of a
 * fatal condition (64, 74, 75) which stops the loop.
 */
typedef int id_fn(int64_t id, void *arg);
int	 id_loop(int argc, char **argv, int type, id_fn *fn, void *arg)
	    __attribute__((nonnull(4)));
/*
 * IDs of two types (refunds and grants): one with type2's letter is of
 * type2, any other of type, a bare number of type; fn gets the type.
 */
typedef int typed_id_fn(int type, int64_t id, void *arg);
int	 id_loop2(int argc, char **argv, int type, int type2,
	    typed_id_fn *fn, void *arg);
/*
 * Records of the types named in types ("CO") may be named by more than
 * their IDs (ref:E123, tel:138..., a bare phone): the iterators hand each
 * word of such a type to fn, which returns 0 with *id, -1 for an ID the
 * iterator reads itself, or a status with *msg saying what is wrong with
 * the word.  Set by the layer that can look them up.
 */
typedef int id_resolve_fn(void *ctx, int type, const char *word,
	    int64_t *id, const char **msg);
void	 id_resolver(const char *types, id_resolve_fn *fn, void *ctx);
/* The same for raw words (customer names, phones): fn gets the field. */
typedef int word_fn(const char *word, void *arg);
int	 word_loop(int argc, char **argv, word_fn *fn, void *arg)
	    __attribute__((nonnull(3)));
/* 1 for statuses that stop a loop: usage, I/O, busy, permission, config. */
int	 cs_fatal(int status);
/* Fold an item's status into a loop's: see id_loop. */
void	 cs_tally(int *agg, int *seen, int status);

/*
 * Set by cli_main when the program started with stdin closed (<&-):
 * SQLite fills descriptors 0-2 with /dev/null, which would read as an
 * empty input.  cs_stdin_closed() reports it ("stdin: Bad file
 * descriptor") and returns 66, or returns 0.
 */
extern int	 cs_stdin_was_closed;
int	 cs_stdin_closed(void);

/* ---- tsv.c: strict record input ---- */

#define TSV_MAXFIELDS	64

struct tsv {
	FILE		*fp;		/* input */
	const char	*name;		/* "tickets.tsv" or "stdin", for messages */
	size_t		 lineno;	/* line of the current record */
	char		*line;		/* current line, unescaped in place */
	size_t		 cap;		/* allocated size of line */
	int		 nf;		/* fields in the current record */
	char		*f[TSV_MAXFIELDS];	/* the fields */
	int		 map[TSV_MAXFIELDS];	/* header: column spec -> field, -1 */
	int		 hdr_nf;	/* header's field count, 0 before tsv_header */
	int		 ncols;		/* column specs mapped */
	int		 stop;		/* an overlong line: read no further */
	/*
	 * Where the reader's own messages go, if not stderr: a batch that
	 * keeps lines to run later holds them, to be said after those
	 * lines' (tsv_warn_at's always go to stderr).
	 */
	FILE		*held;
};

struct tsv_col {
	const char	*name;		/* header name */
	int		 required;	/* 1 if the column must be present */
};

/*
 * One line of fp, without its newline, into *buf (grown to hold
 * CS_LINE_MAX bytes), its length in *len: 1; 0 at the end of input;
 * -1 when the line is longer than CS_LINE_MAX, skipped to its newline;
 * -3 when no newline came within CS_SKIP_MAX bytes either, the rest
 * left unread (so /dev/zero costs 64 KB and a moment, not all memory);
 * -2 on a read error, errno set.
 */
int	 cs_getline(FILE *, char **buf, size_t *cap, size_t *len);
void	 tsv_open(struct tsv *, FILE *, const char *name);
void	 tsv_close(struct tsv *);
/*
 * Read the next record, skipping blank lines and lines starting with '#'.
 * Returns 1 with r->f[] set, 0 at end of input, -1 on a bad line
 * (invalid UTF-8, a NUL byte, a carriage return, too many fields, a bad
 * escape, longer than CS_LINE_MAX), already reported as "NAME:LINE:
 * reason", and reading may go on; not after a line with no newline in
 * CS_SKIP_MAX bytes: the next read returns 0.  -2 on a read error (a directory, EIO), reported as
 * "NAME: error": the caller stops, with CS_NOINPUT.
 * Fields are unescaped: \t \n \r \\ and \xHH.
 */
int	 tsv_read(struct tsv *);
/*
 * Read the header line and map it onto cols[0..ncols).  Unknown,
 * duplicate or missing required columns are reported; returns 0 or 65.
 * Afterwards tsv_get(r, i) is the field of cols[i], or NULL if absent
 * or empty.
 */
int	 tsv_header(struct tsv *, const struct tsv_col *cols, int ncols);
const char *tsv_get(const struct tsv *, int col);
/* "NAME:LINE: message" on stderr, prefixed with the program name. */
void	 tsv_warn(const struct tsv *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same for an earlier line of r, lineno (a batch's, kept). */
void	 tsv_warn_at(const struct tsv *, size_t lineno, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* ---- out.c: tables, TSV and JSON Lines from one column description ---- */

enum out_kind {
	OUT_TEXT,	/* free text */
	OUT_INT,	/* integer */
	OUT_ID,		/* a record ID: value is the number, prefix is `idtype` */
	OUT_TIME,	/* Unix seconds: local on a terminal, ISO in TSV/JSON */
	OUT_MONEY,	/* minor units of the row's "currency" column
			   (else MONEY_HOME) */
	OUT_PHONE,	/* masked unless unmasked */
	OUT_NAME,	/* masked unless unmasked */
	OUT_IDCARD,	/* masked unless unmasked */
	OUT_EMAIL,	/* masked unless unmasked */
	OUT_DURATION,	/* seconds, as "1d2h" */
	OUT_DECIMAL,	/* fixed point: idtype decimals, "93.3" */
	OUT_JSONTEXT,	/* JSON we made (an audit detail): a value in JSON
			   output, text in the others */
};

struct out_col {
	const char	*name;		/* for -o and the TSV/JSON contract */
	const char	*title;		/* table header */
	int		 kind;		/* enum out_kind */
	int		 idtype;	/* enum id_type for OUT_ID; decimals
					   for OUT_DECIMAL; OUT_PROSE... */
	int		 dflt;		/* shown without -o */
};
/*
 * The idtype of an OUT_TEXT column that people type into (a subject, a
 * reply, a note, a reason): phone and ID-card numbers in it are masked
 * unless unmasked (mask_text), and so are the names of the same row's
 * OUT_NAME cells and those out_prose_names set (a customer's name that a
 * template filled in or an agent typed).  OUT_PROSE_NAME is the same.
 */
#define OUT_PROSE	1
#define OUT_PROSE_NAME	2
/*
 * The names of the record whose free text is being shown (a ticket's
 * customer, a dispute's two sides), masked in it until set again; NULL
 * for none.  Rows that carry a name of their own (OUT_NAME) mask it too.
 */
void	 out_prose_names(const char *a, const char *b);
/* Free text printed outside a column, as an OUT_PROSE one: NULL if as is. */
char	*out_prose(const char *s, int unmask);
/* The record those names are of ("T12") and its customer ("C3"). */
void	 out_prose_record(const char *rec, const char *customer);

/*
 * What --unmask showed, noted as it is printed: the kinds of personal
 * data, how many customers' own data and how many records' free text,
 * each once, and the first OUT_REVEAL_FIRST of each ("C3", "T12").
 */
#define REVEAL_PHONE	0x01
#define REVEAL_IDCARD	0x02
#define REVEAL_NAME	0x04
#define REVEAL_EMAIL	0x08
#define REVEAL_TEXT	0x10
#define OUT_REVEAL_FIRST	20
struct out_reveal {
	int		 kinds;
	size_t		 n[2];		/* customers, records */
	const char	*first[2][OUT_REVEAL_FIRST];
};
/* 1 if anything was shown unmasked, with r filled in; else 0. */
int	 out_revealed(struct out_reveal *r);
/*
 * Hold all of stdout back (in a temporary file) until out_release:
 * what --unmask shows is seen only after its audit record is written.
 * out_release writes what was held, or with discard drops it.
 */
int	 out_hold(void);
int	 out_release(int discard);

/* A cell: NULL text or null=1 prints empty (TSV), null (JSON). */
struct out_cell {
	int		 null;
	int64_t		 i;		/* INT ID TIME MONEY DURATION */
	const char	*s;		/* TEXT PHONE NAME IDCARD */
};

/* excel: CSV after a UTF-8 byte order mark. */
enum out_mode { OUT_AUTO, OUT_TABLE, OUT_TSV, OUT_JSON, OUT_CSV, OUT_EXCEL };

struct out_opts {
	int		 mode;		/* enum out_mode; -j sets OUT_JSON,
					   -M (--mode) any */
	int		 header;	/* -H: header line in TSV */
	const char	*fields;	/* -o: comma-separated column names */
	int		 unmask;	/* show personal data in full */
};

struct out;

/* Resolve -o against cols; an unknown name is reported, returns NULL. */
struct out *out_open(FILE *, const struct out_col *cols, int ncols,
	    const struct out_opts *);
/* "table", "tsv", "csv", "excel", "json" (or "jsonl"): its mode, or -1. */
int	 out_mode_parse(const char *);
/*
 * Rows whose cell of column col is not null are marked in a table (an
 * overdue or breached ticket): a ! before the row, red on a terminal
 * with colour.  Before the first row.
 */
void	 out_mark(struct out *, const char *col);
/*
 * On a terminal, a table measures its first screenful of rows for the
 * widths, then prints each row as it comes; its free text is cut to
 * the terminal's width (COLUMNS, else the terminal's) with an ellipsis
 * and columns that still do not fit are dropped from the right, unless
 * -o named them.  Elsewhere a table is measured whole.
 */
/* One row: cells[] is indexed like cols[], whatever -o picked. */
int	 out_row(struct out *, const struct out_cell *cells);
/*
 * The record a listing row's free text is of, its first ID ("T12"),
 * into rec: 1, or 0 when the row shows no free text, or has no ID.
 */
int	 out_row_record(const struct out *, const struct out_cell *,
	    char *rec, size_t len);
/* Print a buffered table; free.  Returns 0 or CS_IOERR. */
int	 out_close(struct out *);
/*
 * Long output to a terminal through a pager: CS_PAGER, else PAGER, else
 * less, with LESS=FRX unless LESS is set (as git does); none when it is
 * empty or cat, or stdout is not a terminal of known height.  stdout is
 * held back until it is longer than the terminal is high, then handed
 * to the pager; shorter output goes to the terminal as it is.
 * out_fshut waits for the pager.
 */
void	 out_page(void);
/* fflush in the middle of the output; out_fshut names its error. */
int	 out_flush(FILE *);
/* fflush, ferror and fclose of stdout; a failure is reported, 74. */
int	 out_fshut(FILE *);
/* 1 when this process writes a table rather than TSV. */
int	 out_is_table(const struct out_opts *);
/*
 * Write text made safe: control characters and invalid bytes as \xHH,
 * format controls (bidi overrides, see out_format_control) as \uHHHH
 * in a table and as their bytes in \xHH in TSV, and in TSV mode tab,
 * newline, CR and backslash as \t \n \r \\.
 */
void	 out_text(FILE *, const char *s, int tsv);
/*
 * Put a filter in front of stderr that writes every line of it as
 * out_text does for a table, so a diagnostic quoting input never sends
 * a terminal an escape sequence, a CR or a bidi override.  cli_main
 * calls it first.  out_raw_stderr is the stream behind it, for progress
 * lines that end in a CR of their own.
 */
void	 out_guard_stderr(void);
FILE	*out_raw_stderr(void);
/*
 * progress.c: a long job's progress line on stderr (see the file):
 * begin with the input (its size gives a share; NULL or a pipe none)
 * and the unit in the singular ("line"),
 * step with the count so far, end when done.  progress_total gives the
 * number of units when the job knows it (the share is then of that).
 */
struct progress {
	const char	*what, *unit;
	FILE		*in;
	off_t		 total;		/* bytes of in, -1 unknown */
	uint64_t	 of;		/* units in all, 0 unknown */
	uint64_t	 n;
	int64_t		 start, last;
	int		 on, tty, shown;
};
void	 progress_begin(struct progress *, const char *what,
	    const char *unit, FILE *in);
void	 progress_total(struct progress *, uint64_t of);
void	 progress_step(struct progress *, uint64_t n);
void	 progress_end(struct progress *);
/* A block of text for people: every line after four spaces, made safe. */
void	 out_block(FILE *, const char *s);
/* 1 for an invisible format control that out_text and JSON escape. */
int	 out_format_control(uint32_t cp);
/* Write s as a JSON string, quotes included; controls as \uHHHH. */
void	 out_json_string(FILE *, const char *s);
/* The same, each piece handed to put(arg, bytes, length). */
void	 out_json_quote(void (*put)(void *, const char *, size_t), void *arg,
	    const char *s);
/* "name":value of one cell, as a JSON Lines row writes it. */
void	 out_json_member(FILE *, const struct out_col *,
	    const struct out_cell *, int unmask);
/*
 * One "label value" line of a record shown in full, the label (else the
 * column's name) and a space padded to width; nothing for a null cell.
 */
void	 out_field(FILE *, int width, const char *label, const struct out_col *,
	    const struct out_cell *, int unmask);
/*
 * The currency of money in rows that have no "currency" column of their
 * own (the payments under an order), until set again; NULL: MONEY_HOME.
 */
void	 out_money_currency(const char *);
/* Cell text as a table or TSV would show it, into buf. */
void	 out_cell_text(const struct out_col *, const struct out_cell *,
	    int table, int unmask, char *buf, size_t len);

/*
 * A record shown in full, as the show commands print it: a "label value"
 * line per column that is not null, then the long texts each under a
 * heading as a block; or, for -j, the members of one JSON object.  The
 * columns are a listing's description where the fields are the same;
 * lists of them are by name, comma-separated, as -o takes them.
 */
struct out_record {
	const struct out_col	*cols;		/* indexed like the cells */
	int			 ncols;
	int			 width;		/* of a label and its space */
	const char		*lines;		/* "label value" lines; NULL:
						   every column, in order */
	const char		*blocks;	/* blocks after them, or NULL */
	const char		*json;		/* -j members; NULL: all */
	const char *const	*labels;	/* pairs of a column's name and
						   its label, NULL last */
	int			 empty_null;	/* empty text is not shown */
};

/* The lines and blocks; a mistake in r is reported, 70.  0 or 74. */
int	 out_record(FILE *, const struct out_record *r,
	    const struct out_cell *cells, int unmask);
/* The -j members, comma-separated: the caller writes the braces. */
int	 out_record_json(FILE *, const struct out_record *r,
	    const struct out_cell *cells, int unmask);
/* A blank line and the title of what follows ("payments", "history"). */
void	 out_heading(FILE *, const char *title);

/*
 * Rows under a record (an order's payments), indented: each column
 * after a text of its own, padded to a width by display columns, numbers
 * on the right; then maybe a long text as a block under the row.
 */
struct out_item {
	const char	*before;	/* "  ", or "  fee " */
	const char	*name;		/* the column */
	int		 width;		/* padded to; 0: as it is */
};
struct out_sublist {
	const struct out_col	*cols;		/* indexed like the cells */
	int			 ncols;
	const struct out_item	*items;		/* a row, left to right */
	int			 nitems;
	const char		*block;		/* a column under it, or NULL */
};
int	 out_sublist_row(FILE *, const struct out_sublist *,
	    const struct out_cell *cells, int unmask);

/*
 * A bar chart of nrows rows of ncols cells: each row's label columns
 * (by name, comma-separated), then a bar and the value of each bar
 * column, under its name when there are several.  0, 70 or 74.
 */
int	 out_chart(FILE *, const struct out_col *cols, int ncols,
	    const struct out_cell *rows, size_t nrows, const char *labels,
	    const char *bars);

#include "banned.h"

#endif /* CS_TEXT_H */
