/*
 * libcs: the library behind the cs programs.
 *
 * The library is in layers, one folder each, arrows pointing down only
 * (cs(7), make layers):
 *   lib/cli/    the shape of every program and its run verbs
 *   lib/desk/   the desk's rules, one file per noun, and the reports
 *   lib/store/  storage and identity: the database, schema, audit
 *               chain, cs.conf, the agent, privileges
 *   lib/text/   what crosses the pipe: IDs, TSV, output, JSON, money,
 *               clock, masks, UTF-8
 *
 * Conventions.  A function that can fail for a reason the user must hear
 * prints one diagnostic with warnx(3) ("cs-PROG: subject: what is wrong")
 * and returns an exit status from sysexits(3); 0 means success.  Functions
 * that only parse text return -1 and set *errstr instead, so the caller can
 * put the right subject (a file and line, an option) in front.
 */
#ifndef CS_H
#define CS_H

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The system-wide configuration (make SYSCONFDIR=...). */
#ifndef CS_SYSCONF
#define CS_SYSCONF	"/etc/cs.conf"
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
/* Terminal columns of one code point: 0, 1 or 2 (CJK and fullwidth are 2). */
int	 utf8_cpwidth(uint32_t cp);
/* Terminal columns of a valid UTF-8 string. */
size_t	 utf8_width(const char *s);

/* ---- json.c: a growing JSON object ---- */

/* A growing JSON object for audit details, escaped by out_json_quote. */
struct jbuf {
	char		*s;		/* NUL-terminated while building */
	size_t		 len, cap;
	int		 n;		/* members so far */
};
void	 jbuf_init(struct jbuf *);
void	 jbuf_str(struct jbuf *, const char *key, const char *val);
void	 jbuf_int(struct jbuf *, const char *key, int64_t val);
/* The finished object "{...}"; valid until jbuf_free. */
const char *jbuf_end(struct jbuf *);
void	 jbuf_free(struct jbuf *);

/* ---- money.c: exact amounts in minor units ---- */

/* Minor-unit digits of an ISO 4217 code (CNY 2, JPY 0); -1 if unknown. */
int	 money_digits(const char *currency);
/*
 * Parse "12", "12.5", "12.50" into minor units.  Rejects signs, exponents,
 * separators, spaces, more decimals than `digits`, and overflow.
 */
int	 money_parse(const char *s, int digits, int64_t *minor,
	    const char **errstr);
/* Format minor units as "123.45" (digits decimals; "-" if negative). */
void	 money_format(int64_t minor, int digits, char *buf, size_t len);

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
/* 张三丰 -> 张**, Alice -> A****: first character, one * per other one. */
void	 mask_name(const char *name, char *buf, size_t len);
/* zhang@example.com -> z***@example.com */
void	 mask_email(const char *email, char *buf, size_t len);
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

/* "ticket", "order", ... */
const char *id_type_name(int type);
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

/* ---- out.c: tables, TSV and JSON Lines from one column description ---- */

enum out_kind {
	OUT_TEXT,	/* free text */
	OUT_INT,	/* integer */
	OUT_ID,		/* a record ID: value is the number, prefix is `idtype` */
	OUT_TIME,	/* Unix seconds: local on a terminal, ISO in TSV/JSON */
	OUT_MONEY,	/* minor units, two decimals */
	OUT_PHONE,	/* masked unless unmasked */
	OUT_NAME,	/* masked unless unmasked */
	OUT_IDCARD,	/* masked unless unmasked */
	OUT_EMAIL,	/* masked unless unmasked */
	OUT_DURATION,	/* seconds, as "1d2h" */
	OUT_DECIMAL,	/* fixed point: idtype decimals, "93.3" */
};

struct out_col {
	const char	*name;		/* for -o and the TSV/JSON contract */
	const char	*title;		/* table header */
	int		 kind;		/* enum out_kind */
	int		 idtype;	/* enum id_type for OUT_ID; decimals
					   for OUT_DECIMAL */
	int		 dflt;		/* shown without -o */
};

/* A cell: NULL text or null=1 prints empty (TSV), null (JSON). */
struct out_cell {
	int		 null;
	int64_t		 i;		/* INT ID TIME MONEY DURATION */
	const char	*s;		/* TEXT PHONE NAME IDCARD */
};

enum out_mode { OUT_AUTO, OUT_TABLE, OUT_TSV, OUT_JSON };

struct out_opts {
	int		 mode;		/* enum out_mode; -j sets OUT_JSON */
	int		 header;	/* -H: header line in TSV */
	const char	*fields;	/* -o: comma-separated column names */
	int		 unmask;	/* show personal data in full */
};

struct out;

/* Resolve -o against cols; an unknown name is reported, returns NULL. */
struct out *out_open(FILE *, const struct out_col *cols, int ncols,
	    const struct out_opts *);
/* One row: cells[] is indexed like cols[], whatever -o picked. */
int	 out_row(struct out *, const struct out_cell *cells);
/* Print a buffered table; free.  Returns 0 or CS_IOERR. */
int	 out_close(struct out *);
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

/* ---- fee.c: refund fee schedules ---- */

#define FEE_MAXBANDS	16
#define FEE_KIND_MAX	16

enum fee_measure {
	FEE_BEFORE_SERVICE,	/* time left before departure or pickup */
	FEE_AFTER_ORDER,	/* time since the order was placed */
};

enum fee_rounding { FEE_NEAREST, FEE_UP, FEE_DOWN };

struct fee_band {
	int64_t		 from;		/* seconds: where the band starts */
	int64_t		 rate;		/* basis points of the amount (500 = 5%) */
	int64_t		 fixed;		/* a fixed fee in minor units, or -1 */
};

struct fee_schedule {
	char		 kind[FEE_KIND_MAX];	/* order kind: rail, ride, ... */
	int		 measure;	/* enum fee_measure */
	int		 inclusive;	/* a time exactly at an edge belongs
					   to the band starting there */
	struct fee_band	 bands[FEE_MAXBANDS];	/* ascending by from */
	int		 nbands;
	int64_t		 minimum;	/* least fee when there is one, minor */
	int64_t		 step;		/* the fee is a multiple of this */
	int		 rounding;	/* enum fee_rounding, to step */
	int		 refundable;	/* 0: never refunded */
	int		 has_cutoff;
	int64_t		 cutoff;	/* BEFORE_SERVICE: none when less left */
	int		 configured;	/* bands come from a file, not built-in */
};

struct fee_quote {
	int64_t		 amount;	/* asked for, minor units */
	int64_t		 fee;
	int64_t		 refund;	/* amount - fee */
	int		 refused;	/* no refund allowed: rule says why */
	char		 rule[256];	/* the band or reason, for people */
};

/*
 * The fee for refunding `amount` (minor units) when `elapsed` is the
 * schedule's measure: seconds before service, or since the order.  The
 * fee is computed exactly (no floating point), rounded to the step,
 * raised to the minimum when there is a fee at all, and never more than
 * the amount.  Returns 0, or -1 when the amount is out of range.
 */
int	 fee_quote(const struct fee_schedule *, int64_t amount, int64_t elapsed,
	    struct fee_quote *);
/* The built-in schedules (rail, ride, goods, membership, deposit). */
size_t	 fee_builtin(struct fee_schedule *, size_t max);
/* "0", or a duration as duration_parse takes it: seconds, 0 or more. */
int	 fee_duration(const char *, int64_t *);
/* The schedule for an order kind, or NULL. */
const struct fee_schedule *fee_schedule_of(const struct fee_schedule *,
	    size_t n, const char *kind);

/* ---- ride.c: cancelling a ride (the Didi desk) ---- */

/* A city's cancellation rules; city "*" is every other city. */
struct ride_rule {
	char		 city[32];
	int64_t		 free_window;	/* free this long after accepting */
	int64_t		 fee;		/* then this, minor units */
	int64_t		 arrived_fee;	/* once the driver has arrived */
	int64_t		 reserved_free;	/* reserved: free until this long
					   before pickup */
	int64_t		 reserved_fee;	/* then this */
	int64_t		 late;		/* the driver is late this long after
					   accepting (reserved: after the
					   pickup time) */
};

#define RIDE_MAXRULES	16

struct rules;

/* The rules of a city: its own, else "*". */
const struct ride_rule *ride_rule_of(const struct rules *, const char *city);
/* Parse "key=value" of ride-cancel into r; -1 with *errstr. */
int	 ride_rule_set(struct ride_rule *r, const char *kv, const char **errstr);
/* "ride-cancel CITY free=2m fee=5.00 ..." as cs.conf takes it. */
void	 ride_rule_print(const struct ride_rule *r, FILE *fp);

struct cs;
/*
 * What cancelling ride order id costs the passenger now: nothing before
 * a driver accepts, within the free window, for a reserved ride until
 * the lead time before pickup, or when the driver is late; else the
 * city's fee, or its arrived fee.  q->rule says which.  Sets cs->err;
 * a ride that can no longer be cancelled is 65.
 */
int	 ride_cancel_quote(struct cs *, int64_t id, struct fee_quote *q);
/* The quote as a row of ride_cancel_cols: ORDER AMOUNT FEE RULE. */
extern const struct out_col ride_cancel_cols[];
extern const int ride_cancel_ncols;
int	 ride_cancel_row(struct cs *, int64_t id, struct out *);

/* ---- calendar.c: business time ---- */

struct rules;

#define CAL_MAXIV	6	/* working intervals in a day */

struct cal_interval {
	int		 from, until;	/* minutes of the day, [from, until) */
};

/* A date that is not like its weekday: a holiday, or a make-up day. */
struct cal_special {
	int32_t		 day;		/* civil date, days from 1970-01-01 */
	int		 niv;		/* 0: a holiday */
	struct cal_interval iv[CAL_MAXIV];
	char		 name[48];	/* 国庆节, ... */
};

struct calendar {
	char		 name[32];
	char		 tz[64];	/* the zone its hours are in */
	int		 always;	/* 24x7 */
	struct cal_interval week[7][CAL_MAXIV];	/* by weekday, 0 Sunday */
	int		 nweek[7];
	int		 week_set[7];	/* a file set that weekday's hours */
	struct cal_special *special;	/* sorted by day */
	size_t		 nspecial;
};

/*
 * The instant `dur` business seconds after t: 0, or -1 when the
 * calendar has no working time in the next ten years.
 */
int	 cal_add(const struct calendar *, int64_t t, int64_t dur, int64_t *due);
/* Business seconds in [t1, t2). */
int64_t	 cal_between(const struct calendar *, int64_t t1, int64_t t2);
/* 1 if the civil day is a holiday of the calendar. */
int	 cal_is_holiday(const struct calendar *, int32_t day);
/* 1 if the civil day is a one-off working day (调休) of the calendar. */
int	 cal_is_workday(const struct calendar *, int32_t day);
/* The calendar of that name, or NULL. */
const struct calendar *cal_find(const struct rules *, const char *name);
/* "08:30" -> 510 minutes; -1 if not HH:MM from 00:00 to 24:00. */
int	 cal_hhmm(const char *);

/* ---- sla.c: service-level policies ---- */

#define SLA_DAILY	(-1)	/* update target: at least once a day */
#define SLA_MAX		32

struct sla_policy {
	char		 name[32];
	char		 category[16];	/* "" matches any */
	char		 kind[16];
	char		 tiers[128];	/* comma list */
	char		 priority[16];
	char		 channel[16];
	int64_t		 respond;	/* first response, business seconds */
	int64_t		 resolve;
	int64_t		 update;	/* 0 none, SLA_DAILY, or seconds */
	char		 calendar[32];
	char		 needs[64];	/* comma list; "" matches anyone */
};

size_t	 sla_builtin(struct sla_policy *, size_t max);
/*
 * The first policy matching a ticket, or NULL; needs is the customer's
 * special needs ("elderly,disabled", "" none): a policy naming needs
 * matches a customer with any of them.
 */
const struct sla_policy *sla_match(const struct rules *, const char *category,
	    const char *kind, const char *tier, const char *priority,
	    const char *channel, const char *needs);
const struct sla_policy *sla_named(const struct rules *, const char *name);
/* from + target on the policy's calendar (a day for SLA_DAILY); 0/-1. */
int	 sla_due(const struct rules *, const struct sla_policy *,
	    int64_t from, int64_t target, int64_t *due);
/* Business seconds from `from` to `due` on the policy's calendar. */
int64_t	 sla_left(const struct rules *, const struct sla_policy *,
	    int64_t from, int64_t due);

/* ---- config.c: cs.conf(5) ---- */

enum role {
	ROLE_AGENT = 1 << 0,
	ROLE_SUPERVISOR = 1 << 1,
	ROLE_MANAGER = 1 << 2,
	ROLE_TECH = 1 << 3,
	ROLE_FINANCE = 1 << 4,
	ROLE_ADMIN = 1 << 5,
	ROLE_ANY = (1 << 6) - 1,
};

struct conf_agent {
	char		*name;
	int		 roles;		/* enum role bits */
};

/*
 * The core of cs.conf: the time zone, who may act, where the database
 * is.  The desk's rules (fees, calendars, ...) register keywords of
 * their own (struct rules, rules.c).
 */
struct config {
	char		*path;		/* file read, or NULL for built-ins */
	char		*timezone;
	int		 agent_env;	/* CS_AGENT honoured */
	struct conf_agent *agents;
	size_t		 nagents;
	char		**queues;	/* assignable departments */
	size_t		 nqueues;
	char		*db_group;	/* group that may read the database */
	char		*database;	/* the database file, if configured */
	int		 unmask_roles;	/* roles allowed --unmask */
};

/* The time zone of the built-in configuration. */
#define CONF_TIMEZONE	"Asia/Shanghai"

/* Where the reader is: the file and line, the core read so far. */
struct conf_parse;

/*
 * A keyword of cs.conf and its parser: argv[0] is the keyword, ctx what
 * the caller of config_load handed it.  0, or CS_CONFIG after conf_err.
 * A table ends with a NULL name.
 */
struct conf_keyword {
	const char	*name;
	int		(*parse)(struct conf_parse *, void *ctx, int argc,
			    char **argv);
};

/*
 * Load -c FILE, else $CS_CONF, else /etc/cs.conf if present, else the
 * built-in defaults.  The core keywords are read into the config; any
 * other goes to the first of tables (NULL-terminated; NULL for none)
 * that has it, with ctx.  Errors are "FILE:LINE: reason"; returns 0 or
 * 78.
 */
int	 config_load(struct config *, const char *path,
	    const struct conf_keyword *const *tables, void *ctx);
void	 config_free(struct config *);
/* Report an error at the current FILE:LINE. */
void	 conf_err(const struct conf_parse *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The core configuration as read so far. */
const struct config *conf_core(const struct conf_parse *);
/* The words argv[i..argc) joined by single spaces. */
void	 conf_join(char **argv, int argc, int i, char *buf, size_t len);
/* Replace *dst with a copy of s. */
void	 conf_str(char **dst, const char *s);
/* Append a copy of s to the list. */
void	 conf_push(char ***list, size_t *n, const char *s);
/* 1 if zone names a time-zone file under /usr/share/zoneinfo. */
int	 conf_zone_ok(const char *zone);
/* Role bits from "supervisor" or "agent,finance"; -1 if unknown. */
int	 role_parse(const char *);
/* The roles by bit (enum role), NULL-terminated. */
extern const char *const role_names[];
/* The queues built in, NULL-terminated. */
extern const char *const conf_builtin_queues[];
/*
 * Print the core in cs.conf syntax, as two parts that rules_print puts
 * the desk's between: the file, zone, agents and queues; the database.
 */
void	 config_print(const struct config *, FILE *);
void	 config_print_database(const struct config *, FILE *);

/* ---- agent.c: who is acting ---- */

struct agent {
	char		 user[64];	/* real login name */
	char		 name[64];	/* acting agent */
	int		 roles;		/* enum role bits; 0: not an agent */
};

/* Real user, CS_AGENT where allowed; 77 when CS_AGENT is refused. */
int	 agent_init(struct agent *, const struct config *);
/* 0 if the agent has any of roles, else reports and returns 77. */
int	 agent_require(const struct agent *, int roles, const char *what);
/* 1 if name is a configured agent or queue (or anything, with none). */
int	 agent_assignable(const struct config *, const char *name);

/* ---- privilege.c: the shared desk, programs setgid to its group ---- */

/*
 * Note whether the program runs setgid, and if so act as the user until
 * priv_raise.  0 or an exit status.
 */
int	 priv_init(void);
/* 1 if the program was started setgid (its environment is not trusted). */
int	 priv_setgid(void);
/* Take the desk's group back, to open the database. */
int	 priv_raise(void);
/* Give the group up for good: real, effective and saved. */
int	 priv_drop(void);

/* ---- db.c: the database door (db.h; the backend in sqlite.c) ---- */

#include "store/db.h"

/* ---- schema.c: tables and migrations ---- */

int	 schema_version(void);
/* Bring the schema up to date inside the caller's transaction. */
int	 schema_migrate(struct db *);

/* ---- audit.c: the hash chain ---- */

/*
 * Append a record inside the caller's transaction: action ("ticket.new"),
 * record ("T12"), detail (a JSON object as text).
 */
int	 audit_append(struct db *, const struct agent *, int64_t now,
	    const char *action, const char *record, const char *detail);
/*
 * Walk the chain.  Returns 0 when every link holds, with the last hash
 * in last (the genesis zeros for an empty trail); otherwise 65 with *bad
 * set to the first broken sequence number.
 */
int	 audit_verify(struct db *, int64_t *bad, char last[65]);
/* The SHA-256 of one record, as 64 hex digits into hex[65]. */
void	 audit_hash(int64_t seq, int64_t at, const char *user,
	    const char *agent, const char *program, const char *action,
	    const char *record, const char *detail, const char *prev,
	    char hex[65]);

/* How many audit records there are; -1 on error. */
int	 audit_count(struct db *);

/* ---- lint.c: forbidden phrases (服务忌语) ---- */

/* The built-in list, NULL-terminated. */
extern const char *const lint_builtin[];
/*
 * The first phrase of list[0..n) found in text, ignoring spaces and
 * punctuation (ASCII and full-width) on both sides; NULL if clean.
 */
const char *lint_find(const char *text, char *const *list, size_t n);

/* ---- rules.c: the desk's rules in cs.conf ---- */

/*
 * The desk's rules as cs.conf sets them.  Each desk file that owns a rule
 * registers its keywords, defaults and printing (struct rule_conf);
 * rules.c lists them and hands the keywords to config_load.
 */
struct rules {
	char		*templates;	/* reply template directory */
	char		**forbidden;	/* built-in then configured phrases */
	size_t		 nforbidden;
	int		 morning_from;	/* greeting window, minutes of day */
	int		 morning_until;
	char		*greet_morning;
	char		*greet_default;
	char		*greet_weekend;
	char		*greet_holiday;
	struct fee_schedule fees[8];	/* refund fees per order kind */
	size_t		 nfees;
	int64_t		 refund_limit[6];	/* per role bit; -1 no limit */
	int64_t		 point_value;	/* minor units one point is worth */
	struct stuck {
		char	 kind[FEE_KIND_MAX];
		char	 status[16];
		int64_t	 after;		/* seconds in that state */
	}		 stuck[16];	/* when an order is stuck */
	size_t		 nstuck;
	struct sla_policy slas[SLA_MAX];	/* first match wins */
	size_t		 nslas;
	int		 slas_set;	/* a file gave its own policies */
	struct calendar	*cals;		/* business calendars */
	size_t		 ncals;
	int		 curcal;	/* index `hours` etc. apply to; -1 */
	char		**tiers;	/* customer tiers, lowest first */
	size_t		 ntiers;
	int		 tiers_set;	/* a file named them */
	/* The escalation ladder, levels 1 to 3 (index 0 unused). */
	struct ladder_step {
		int64_t	 due;		/* to acknowledge it, wall-clock */
		char	 owner[64];	/* agent, queue or role; "" assignee */
	}		 ladder[4];
	struct department {
		char	 name[32];	/* tech, finance, logistics */
		char	 owner[64];
		int64_t	 due;
	}		 depts[16];
	size_t		 ndepts;
	char		*notify;	/* shell command per new escalation */
	int64_t		 warn_before;	/* sweep escalates this early; 0 */
	/* Idle tickets the sweep closes (DOMAIN.md). */
	struct idle_rule {
		char	 status[16];
		char	 category[16];	/* "" any */
		char	 channel[16];
		int64_t	 after;		/* since the last change */
	}		 idle[8];
	size_t		 nidle;
	int		 idle_set;	/* a file gave its own rules */
	/* Agent score weights: response resolve satisfaction reopen. */
	int		 score_w[4];
	struct ride_rule rides[RIDE_MAXRULES];	/* [0] is "*" */
	size_t		 nrides;
	int64_t		 invoice_tax;	/* basis points of the amount: 600 */
	int64_t		 invoice_postage;	/* minor units: 5000 */
};

/* One desk rule's part of cs.conf; the parsers get the struct rules. */
struct rule_conf {
	const struct conf_keyword *keywords;	/* NULL name ends them */
	void		(*defaults)(struct rules *);
	void		(*print)(const struct rules *, FILE *);
	void		(*free)(struct rules *);	/* or NULL */
};

extern const struct rule_conf calendar_conf;	/* calendar.c */
extern const struct rule_conf escalation_conf;	/* escalation.c */
extern const struct rule_conf fee_conf;		/* fee.c */
extern const struct rule_conf forbid_conf;	/* lint.c */
extern const struct rule_conf greeting_conf;	/* template.c */
extern const struct rule_conf invoice_conf;	/* invoice.c */
extern const struct rule_conf point_conf;	/* grant.c */
extern const struct rule_conf refund_conf;	/* refund.c */
extern const struct rule_conf ride_conf;	/* ride.c */
extern const struct rule_conf score_conf;	/* report.c */
extern const struct rule_conf sla_conf;		/* sla.c */
extern const struct rule_conf stuck_conf;	/* order.c */
extern const struct rule_conf templates_conf;	/* template.c */
extern const struct rule_conf tier_conf;	/* customer.c */

/*
 * config_load with every rule's keywords: the core into c, the desk's
 * rules into r, each from its defaults.  0 or 78.
 */
int	 rules_load(struct config *c, struct rules *r, const char *path);
void	 rules_free(struct rules *);
/* The effective configuration in cs.conf syntax (cs-report config). */
void	 rules_print(const struct config *, const struct rules *, FILE *);

/* ---- the context every program carries ---- */

struct cs {
	struct config	 conf;
	struct rules	 rules;
	struct agent	 actor;
	struct db	*db;		/* open when opened is set */
	struct out_opts	 out;
	const char	*dbopt;		/* -d */
	const char	*confopt;	/* -c */
	int		 quiet;		/* -q */
	int64_t		 now;
	int		 opened;	/* db is open */
	int		 made_type;	/* a change made a record of its own: */
	int64_t		 made;		/* cs_apply prints it instead */
	char		 err[512];	/* message of the last rules-layer failure */
};

/*
 * The rules layer (customer.c, ticket.c, ...) does not print: it puts the
 * message in cs->err and returns the status, so a command can print it
 * as "cs-PROG: message" and an import as "FILE:LINE: message".
 */
int	 cs_error(struct cs *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
#ifdef __clang_analyzer__
/*
 * The analyzer sees one file at a time: it would take an error path's
 * return for a success and report the out-parameters the path leaves
 * unset.  Tell it what cs.c and db.c guarantee: cs_error returns its
 * status and db_fail a nonzero one.  (The definitions are spelled
 * (cs_error) and (db_fail), which these macros leave alone.)
 */
#define cs_error(cs, status, ...) __extension__ ({			\
	int cs_error_st_ = (status);					\
	(cs_error)((cs), cs_error_st_, __VA_ARGS__);			\
	cs_error_st_; })
#define db_fail(db, what) __extension__ ({				\
	int db_fail_st_ = (db_fail)((db), (what));			\
	__builtin_assume(db_fail_st_ != 0);				\
	db_fail_st_; })
#endif

/* Load configuration, clock and actor; 0 or an exit status. */
int	 cs_init(struct cs *);
/* Open the database once, for reading or writing. */
int	 cs_open(struct cs *, int mode);
void	 cs_done(struct cs *);
/* Handle an option common to every subcommand; 1 if it was one. */
int	 cs_option(struct cs *, int ch, const char *arg);
/* The common options, for getopt strings and usage lines. */
#define CS_OPTSTR	"c:d:Hjo:qU"
/* Index of word in a NULL-terminated list, or -1. */
int	 word_index(const char *const *list, const char *word);
/*
 * A name of an agent, queue or template: letters, digits, '.', '_', '-',
 * not starting with '.' or '-', shorter than 64.
 */
int	 cs_name_ok(const char *);
/*
 * Apply one change to one record: BEGIN IMMEDIATE, fn, COMMIT, or
 * ROLLBACK and print cs->err.  Prints the ID on success unless -q, or
 * the record fn made when it set cs->made_type and cs->made.
 */
typedef int change_fn(struct cs *, int64_t id, void *arg);
int	 cs_apply(struct cs *, int type, int64_t id, change_fn *, void *arg);
/*
 * The audit record of a change to record type+id, inside the change's
 * transaction; j is ended and freed.  Sets cs->err on failure.
 */
int	 cs_audit(struct cs *, int type, int64_t id, const char *action,
	    struct jbuf *j);
/* --unmask: a role that allows it, and an audit record of the look. */
int	 cs_unmask(struct cs *, const char *what);
/*
 * Read all of stdin as one text (a reply, a body): valid UTF-8, at most
 * CS_TEXT_MAX bytes, final newline dropped.  0 or 65, reported.
 */
int	 cs_read_text(const char *what, char **out);
/* Print a created or touched ID on stdout unless -q. */
void	 cs_print_id(struct cs *, int type, int64_t id);
/*
 * Get one record: sql is a one-row query bound to its ID ($1).  0 with
 * *st on the row (read it, then db_reset it), or the status with cs->err
 * set: 66 "T12: no such ticket", or a database error's.
 */
int	 cs_get(struct cs *, const char *sql, int type, int64_t id,
	    struct db_stmt **st);
/*
 * Idempotency keys.  cs_key_check: a key given is one word of at most
 * 127 bytes (else 65).  cs_key_find: sql looks up the record of a key
 * ($1): 0 with *st on its row (read it, then db_reset it), 66 when the
 * key is new (cs->err untouched), or a database error's status (what
 * names the record kind for the diagnostic).
 */
int	 cs_key_check(struct cs *, const char *key);
int	 cs_key_find(struct cs *, const char *sql, const char *key,
	    const char *what, struct db_stmt **st);

/* ---- cli.c: the shape of every program ---- */

/*
 * A subcommand: a line of its program's table.  A nested one (`grant
 * batch`, `dispute say`) names its parent; its usage, its option errors
 * and its -h are the parent's group of lines, as one SYNOPSIS block.
 */
struct cli_cmd {
	const char	*parent;	/* "grant" for `grant batch`, or NULL */
	const char	*names;		/* "ls", or " pend resolve " */
	int		(*fn)(int, char **);	/* argv[0] is the subcommand */
	int		 setup;		/* cli_start's: CLI_CONF, DB_* */
	const char	*opts;		/* its option letters, getopt's */
	const char	*longs;		/* its long options: " dup failed " */
	const char	*usage;		/* its SYNOPSIS line */
};
/*
 * setup: DB_READ, DB_WRITE or DB_SCAN: the configuration, an agent with
 * a role, --unmask checked, the database opened so; CLI_CONF: the
 * configuration only, no agent and no database.
 */
#define CLI_CONF	(-1)

struct cli {
	struct cs		*cs;
	const struct cli_cmd	*cmds;
	size_t			 ncmds;
};

/* Long-only options, returned by cli_opt to a subcommand whose longs
 * name them. */
#define CLI_DUP		256	/* --dup */
#define CLI_FAILED	257	/* --failed */
#define CLI_STUCK	258	/* --stuck */
#define CLI_VERIFY	259	/* --verify */
#define CLI_BREACHED	260	/* --breached */
#define CLI_DUE_WITHIN	261	/* --due-within DURATION */
#define CLI_OVERDUE	262	/* --overdue */
#define CLI_SINCE	263	/* --since TIME */
#define CLI_UNTIL	264	/* --until TIME */
#define CLI_DAY		265	/* --day DATE */
#define CLI_WEEK	266	/* --week DATE */
#define CLI_MONTH	267	/* --month DATE */
#define CLI_CHART	268	/* --chart */

/* Parse the common options, run the subcommand, close stdout: status. */
int	 cli_main(const struct cli *, int argc, char **argv);
/* The running program's context. */
struct cs *cli_cs(void);
/*
 * getopt_long for the running subcommand, with the letters and long
 * options of its table line; common options, -h and errors handled here.
 */
int	 cli_opt(int argc, char **argv);
/*
 * Store optarg in the pointer that follows for the letter ch among
 * letters: cli_optarg(ch, "ab", &r.a, &r.b).  1 if ch was one.
 */
int	 cli_optarg(int ch, const char *letters, ...);
/* For a subcommand with no options of its own: skip to its arguments. */
int	 cli_noopts(int *argc, char ***argv);
/* The usage of the running subcommand's group on stderr, exit 64. */
void	 cli_usage(void) __attribute__((noreturn));
/* The setup of the running subcommand's table line, once: 0 or a status. */
int	 cli_start(void);
/* `show [ID ...]`: each record of type in full, by fn. */
typedef int cli_show_fn(struct cs *, int64_t id, FILE *);
int	 cli_show(int argc, char **argv, int type, cli_show_fn *fn);
/* A record named by a word other than its ID: ref:, tel:, a phone. */
typedef int cli_find_fn(struct cs *, const char *word, int64_t *id);
/* `show` of records named by words, found by find. */
int	 cli_show_named(int argc, char **argv, cli_find_fn *find,
	    cli_show_fn *fn);
/* An option's time argument; a bad one is a usage error. */
int	 cli_time(const char *opt, const char *arg, int64_t *t);
/* The arguments joined with single spaces (a subject); to free. */
char	*cli_join(int argc, char **argv);

/* ---- run.c: the run verbs ---- */

/*
 * Each: a change applied to each record named by the arguments or, with
 * none, by the first field of each stdin line (id_loop).  Every item is
 * its own transaction (cs_apply): a refused item changes nothing, is
 * reported on stderr and the others go on; its ID is printed once
 * committed.  Returns 0, the status every item failed with, 1 when some
 * failed, or a fatal status (64, 74, 75, 77, 78) that stopped the loop.
 * The change is a desk function as it is, in one of its shapes: fn with
 * arg, fn_id, fn_s with s, fn_ss with s and s2, fn_is with i and s.
 */
struct cli_each {
	int		 type;		/* of the records named */
	change_fn	*fn;
	void		*arg;		/* fn's request */
	int		(*fn_id)(struct cs *, int64_t);
	int		(*fn_s)(struct cs *, int64_t, const char *);
	int		(*fn_ss)(struct cs *, int64_t, const char *,
			    const char *);
	int		(*fn_is)(struct cs *, int64_t, int, const char *);
	const char	*s, *s2;
	int		 i;
	int		 type2;		/* IDs of this type (grants among */
	struct cli_each	*alt;		/* refunds) are alt's to change */
	cli_find_fn	*find;		/* records named by words; NULL: IDs */
	int		 keep;		/* keep what the changes made: */
	int64_t		*made;		/* cs->made set by each committed one */
	size_t		 nmade;		/* (to free) */
};
int	 cli_each(int argc, char **argv, struct cli_each *);
/* Finders for cli_each and cli_rows: an order by O-id or ref:, a
 * customer by C-id, phone or tel:. */
cli_find_fn	 cli_find_order, cli_find_customer;

/*
 * A listing subcommand: no argument left after its options, cli_start,
 * and *o on stdout (cs->err cleared); 0 or a status.  Its end: the
 * failure rc's cs->err said, o closed; the status.
 */
int	 cli_list(int argc, const struct out_col *cols, int ncols,
	    struct out **o);
int	 cli_close(struct out *, int rc);
/*
 * Rows: the records named by the arguments or stdin lines (IDs of type,
 * or words found by find), each fn's rows of one listing; read only.
 * History: the audit trail of each, as rows; exists, if given, refuses
 * a record that never was (66).
 */
typedef int cli_row_fn(struct cs *, int64_t id, struct out *);
int	 cli_rows(int argc, char **argv, int type, cli_find_fn *find,
	    const struct out_col *cols, int ncols, cli_row_fn *fn);
int	 cli_history(int argc, char **argv, int type, cli_find_fn *find,
	    int (*exists)(struct cs *, int64_t));

/*
 * One new record in one transaction: fn makes it, setting *id and, when
 * the same idempotency key was used before, *again.  Printed once
 * committed (also left in cs->made), or "R12: already done (same key)"
 * on stderr.  0 or the status of the refusal, reported.
 */
typedef int cli_make_fn(struct cs *, void *arg, int64_t *id, int *again);
int	 cli_change(int type, cli_make_fn *fn, void *arg);

/*
 * An export for another system: fn writes the records to stdout and
 * marks them sent in one transaction, committed only when all of it
 * reached stdout; a write error leaves every record to export again.
 */
typedef int cli_write_fn(struct cs *, FILE *, void *arg);
int	 cli_export(cli_write_fn *fn, void *arg);

/*
 * Batch: the lines of a file (or stdin), each its fields to a change.
 * Lines are committed in chunks of `chunk` per transaction (0: the whole
 * file in one), so a kill loses at most the open chunk and a rerun with
 * the same idempotency keys completes it; the IDs made are printed once
 * their chunk is committed.  A rejected line changes nothing (in its own
 * savepoint, or without one fn must refuse before its first write: a
 * rejection after a change stops the batch, 70) and is reported as
 * FILE:LINE: reason; the others go on.  -A (all): one transaction,
 * nothing applied if any line is rejected (65).  -n (dry): one
 * transaction, rolled back; fn may print what it would do to b->out.
 * Progress on a terminal's stderr.  Exit: with summary, the counts on
 * stderr and 1 when some lines were rejected; without, 0, the status
 * every line failed with, or 1.  A bad header is 65, a read error 66.
 */
enum { LINE_APPLIED, LINE_WAITING, LINE_DONE_BEFORE };
struct cli_batch;
typedef int cli_line_fn(struct cs *, struct tsv *, struct cli_batch *,
	    int64_t *id, int *outcome);
struct cli_batch {
	const struct tsv_col	*cols;		/* the header's; NULL: none */
	int			 ncols;
	cli_line_fn		*fn;		/* one line; sets cs->err */
	void			*arg;		/* fn's request: reason, kind */
	int			 type;		/* of the IDs printed */
	size_t			 chunk;		/* lines a commit; 0: all */
	int			 savepoint;	/* each line in a savepoint */
	int			 summary;	/* the counts on stderr */
	const char		*what;		/* "batch", for messages */
	const char		*done;		/* "nothing refunded (-A)" */
	int			 all;		/* -A */
	int			 dry;		/* -n */
	const struct out_col	*dry_cols;	/* -n: what fn prints to out */
	int			 dry_ncols;
	struct out		*out;
};
int	 cli_batch(struct cli_batch *b, const char *file);

/* ---- import.c: the lines imports and batches read ---- */

/* The columns of each import's header, and their places in them. */
enum {
	IMP_PHONE, IMP_NAME, IMP_CATEGORY, IMP_KIND, IMP_PRIORITY,
	IMP_CHANNEL, IMP_SUBJECT, IMP_CREATED, IMP_ORDER, IMP_REF
};
extern const struct tsv_col import_ticket_cols[];
extern const int import_ticket_ncols;
enum {
	ORD_REF, ORD_KIND, ORD_AMOUNT, ORD_CURRENCY, ORD_STATUS, ORD_PHONE,
	ORD_NAME, ORD_SERVICE, ORD_CREATED, ORD_ITEM, ORD_CITY, ORD_PICKUP,
	ORD_DEST
};
extern const struct tsv_col import_order_cols[];
extern const int import_order_ncols;
enum { PAY_ORDER, PAY_TXN, PAY_AMOUNT, PAY_AT, PAY_STATUS, PAY_CHANNEL };
extern const struct tsv_col import_payment_cols[];
extern const int import_payment_ncols;

/* One line of each import or batch, for cli_batch. */
cli_line_fn	 import_ticket, import_order, import_payment;
/* REFUND ok|failed [TXN], the payment system's answer. */
cli_line_fn	 settle_line;
/* ORDER AMOUNT|full [KEY [NOTE]]; arg: the reason.  -n: quote rows. */
cli_line_fn	 refund_line;
/* CUSTOMER VALUE [KEY [NOTE]]; arg: the struct grant_in of -t -r -e. */
cli_line_fn	 grant_line;
/* An amount of currency, or 65 naming it. */
int	 import_amount(struct cs *, const char *v, const char *currency,
	    int64_t *a);

/* ---- customer.c ---- */

/*
 * Find a customer by C-id, bare number, "tel:PHONE" or a bare phone
 * number.  Unknown: 66.  With create_name set and an unknown phone, the
 * customer is created (inside the caller's transaction).  Sets cs->err.
 */
int	 customer_find(struct cs *, const char *spec, const char *create_name,
	    int64_t *id);
/* 1 if name is one line of printable UTF-8; else *why says what is wrong. */
int	 customer_name_ok(const char *name, const char **why);

/* A customer's fields; NULL leaves a field as it is. */
struct customer_in {
	const char	*name, *phone;
	const char	*idcard;	/* "" clears it */
	const char	*email, *tier;
	const char	*needs;		/* elderly,pregnant,disabled; "" none */
	const char	*role;		/* passenger driver buyer seller ... */
};

/* Validated (ID card, e-mail, tier, needs, role) and audited. */
int	 customer_add(struct cs *, const struct customer_in *, int64_t *id);
int	 customer_update(struct cs *, int64_t id, const struct customer_in *);
extern const struct out_col customer_cols[];
extern const int customer_ncols;
/* One customer (id) or all, maybe of one tier; sets cs->err. */
int	 customer_list(struct cs *, int64_t id, const char *tier,
	    struct out *);
/* One customer, a field a line, masked unless -U; its own diagnostics. */
int	 customer_show(struct cs *, int64_t id, FILE *);

/* ---- ticket.c: the ticket desk ---- */

extern const char *const ticket_categories[];
extern const char *const ticket_kinds[];
extern const char *const ticket_priorities[];
extern const char *const ticket_channels[];
extern const char *const ticket_statuses[];

struct ticket_new {
	const char	*customer;	/* C-id or phone */
	const char	*customer_name;	/* creates an unknown phone */
	const char	*order;		/* O-id or ref:..., optional */
	const char	*category;
	const char	*kind;		/* quality | business, complaints */
	const char	*priority;
	const char	*channel;
	const char	*subject;
	const char	*body;
	int64_t		 created_at;	/* 0: now */
	const char	*ref;		/* on the desk it came from, or NULL */
};

/*
 * The changes.  Each runs inside the caller's transaction, writes its
 * audit record, and on failure sets cs->err and returns the status.
 */
int	 ticket_create(struct cs *, const struct ticket_new *, int64_t *id);
/*
 * An imported ticket: created, or, when its ref is known with the same
 * customer, category and subject, left as it is (*changed 0); a known
 * ref with another of those is 65.
 */
int	 ticket_import(struct cs *, const struct ticket_new *, int64_t *id,
	    int *changed);
/* 0, or 66 with cs->err set. */
int	 ticket_exists(struct cs *, int64_t id);
/* action: pend, resolve, close, reopen; a wrong state is 65. */
int	 ticket_transition(struct cs *, int64_t id, const char *action);
/* A reply (linted unless force) or an internal note. */
int	 ticket_reply(struct cs *, int64_t id, int note, const char *body,
	    int force);
int	 ticket_assign(struct cs *, int64_t id, const char *to);
int	 ticket_callback(struct cs *, int64_t id, int score,
	    const char *comment);
/* Typed text: valid UTF-8, not empty, at most max bytes; sets cs->err. */
int	 text_ok(struct cs *, const char *what, const char *s, size_t max);

/* ---- order.c: orders and payments ---- */

struct order_in {
	const char	*ref;		/* the platform's order number */
	const char	*kind;		/* rail ride goods membership deposit */
	int64_t		 amount;	/* minor units */
	const char	*currency;
	const char	*status;
	const char	*customer;	/* phone or C-id */
	const char	*customer_name;
	int64_t		 service_at;	/* departure or pickup; 0: none */
	int64_t		 created_at;	/* 0: now */
	const char	*item;		/* membership: the tier bought */
	const char	*city;		/* ride: whose cancellation rules */
	const char	*pickup, *destination;	/* ride: where from, to */
};

struct payment_in {
	const char	*order_ref;
	const char	*txn;		/* the payment system's number */
	int64_t		 amount;
	int64_t		 paid_at;
	const char	*status;	/* ok or failed */
	const char	*channel;
};

#define CHECK_DUP	0x1	/* duplicate payments */
#define CHECK_FAILED	0x2	/* failed or cancelled, holding money */
#define CHECK_STUCK	0x4	/* in a state longer than configured */

/* An order as a refund or a ticket needs it, in one indexed lookup. */
struct order_info {
	int64_t		 id, customer;
	char		 kind[FEE_KIND_MAX];
	int		 has_service;
	int64_t		 service_at, created_at;
	char		 currency[8];
};

/* By O-id or "ref:REF"; unknown is 66, a wrong type 65.  Sets cs->err. */
int	 order_load(struct cs *, const char *spec, struct order_info *);
/* The same, for the ID and the customer only. */
int	 order_find(struct cs *, const char *spec, int64_t *id,
	    int64_t *customer);
/* Where an order of kind starts: booked, placed, paid. */
const char *order_first_state(const char *kind);
/* 0 if status is one of kind's states; else 65 with cs->err. */
int	 order_state_ok(struct cs *, const char *kind, const char *status);
/* ls -k and -s: a known kind, a status some kind (or that one) has; 64. */
int	 order_filter_ok(struct cs *, const char *kind, const char *status);
/*
 * Record an order as the platform reports it: new, or a known one whose
 * status moved (history and audit); the same again changes nothing.
 * *changed says whether anything was written.
 */
/*
 * An order typed in by an agent, inside the caller's transaction: the
 * amount in its currency, more than zero; a ref not recorded before; its
 * kind's first state unless a status is given.  Sets cs->err.
 */
int	 order_add(struct cs *, struct order_in *, const char *amount,
	    int64_t *id);
int	 order_record(struct cs *, const struct order_in *, int64_t *id,
	    int *changed);
int	 order_set_status(struct cs *, int64_t id, const char *from,
	    const char *to, const char *tracking, int *changed);
/*
 * A move the desk makes (cancel, ship with a tracking number, ...):
 * held to the kind's state machine; a wrong move is 65 naming the
 * current state and where it can go.
 */
int	 order_move(struct cs *, int64_t id, const char *to,
	    const char *tracking);
/*
 * A ride's new pickup or destination (NULL: unchanged), with the old and
 * new in the order's history; a ride not booked, accepted or arrived
 * is 65.
 */
int	 order_route(struct cs *, int64_t id, const char *pickup,
	    const char *destination);
/* A payment, idempotent by txn; a txn seen with other values is 65. */
int	 payment_record(struct cs *, const struct payment_in *, int64_t *id,
	    int *changed);
/* Paid (successful payments) and refunded (refunds not rejected/failed). */
int	 order_money(struct cs *, int64_t order, int64_t *paid,
	    int64_t *refunded);
/* Print abnormal orders as ORDER AMOUNT KEY DETAIL lines. */
int	 order_check(struct cs *, int what, FILE *);

/* ---- order_list.c: reading orders ---- */

extern const struct out_col order_cols[];
extern const int order_ncols;
struct order_filter {
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* O-id or ref: */
	const char	*status, *kind;
	int64_t		 since, until;	/* created in [since, until) */
	int		 has_since, has_until;
};

/*
 * One indexed lookup — by customer, else order, else status, else time —
 * the other filters applied to its rows.  Sets cs->err.
 */
int	 order_list(struct cs *, const struct order_filter *, struct out *);
/* One order in full; prints its own diagnostics. */
int	 order_show(struct cs *, int64_t id, FILE *);

/* ---- invoice.c: invoices for paid orders ---- */

/*
 * tax = amount * rate / 10000 (rate in basis points), rounded half up to
 * the minor unit; total = amount + tax + postage.  -1 when an argument is
 * negative, the rate above 100%, or a result would overflow.
 */
int	 invoice_amount(int64_t amount, int64_t rate, int64_t postage,
	    int64_t *tax, int64_t *total);
/* "6", "6%", "6.5%" as basis points (600, 650), at most 100%. */
int	 invoice_rate_parse(const char *, int64_t *bp, const char **errstr);

struct invoice_in {
	const char	*order;		/* O-id or ref: */
	const char	*company, *address, *phone, *contact;
};

/*
 * Request the invoice of a paid order (one per order), at the configured
 * tax and postage, inside the caller's transaction.  Sets cs->err.
 */
int	 invoice_request(struct cs *, const struct invoice_in *, int64_t *id);
/* to "issued" (number: the tax invoice's, optional) or "mailed"
   (number: the tracking number, optional); a wrong state is 65. */
int	 invoice_move(struct cs *, int64_t id, const char *to,
	    const char *number);

struct invoice_filter {
	int64_t		 id;		/* one invoice; 0 any */
	const char	*order;		/* O-id or ref: */
	const char	*status;
	int64_t		 since, until;	/* requested in [since, until) */
	int		 has_since, has_until;
	int64_t		 count;		/* out: rows listed */
};
extern const struct out_col invoice_cols[];
extern const int invoice_ncols;
int	 invoice_list(struct cs *, struct invoice_filter *, struct out *);
/* One invoice in full; prints its own diagnostics. */
int	 invoice_show(struct cs *, int64_t id, FILE *);
/*
 * For the invoicing system, to fp: the invoices requested in [since,
 * until) and still requested, as TSV (or JSON Lines) in full, with an
 * audit record of the export; inside a write transaction.  Only finance,
 * supervisors, managers and admins take that personal data (77).
 */
int	 invoice_export(struct cs *, int64_t since, int64_t until, FILE *);

/* ---- refund.c: quotes, requests, batches ---- */

extern const char *const refund_reasons[];

struct refund_in {
	const char	*order;		/* O-id or ref: */
	const char	*amount;	/* "12.50" or "full" */
	const char	*reason;
	const char	*key;		/* NULL: derived */
	const char	*note;
	int64_t		 dispute;	/* advance compensation: its dispute */
	int64_t		 owed_by;	/* and the counterparty who owes it */
};

enum refund_outcome {
	REFUND_APPLIED,		/* approved, within the actor's limit */
	REFUND_WAITING,		/* requested, above the limit */
	REFUND_DONE_BEFORE,	/* the key was already there */
};

/*
 * Quote a refund of amount ("full" or an amount) of the order spec, at
 * cs->now: the fee schedule of its kind; the order's ID in *order.  Pure:
 * writes nothing.  Sets cs->err.
 */
int	 refund_quote(struct cs *, const char *spec, const char *amount,
	    int64_t *order, struct fee_quote *);
/*
 * Request a refund inside the caller's transaction: checked against what
 * is left to refund, its fee from the schedule when the reason is the
 * customer's (cancellation, return), approved within the actor's limit
 * or left requested.  A known key is REFUND_DONE_BEFORE, or 65 when it
 * names another order or amount.  Sets cs->err.
 */
int	 refund_request(struct cs *, const struct refund_in *, int64_t *id,
	    int *outcome, struct fee_quote *);

/*
 * Approve or reject (with why) a requested refund; an approved one may
 * still be rejected before export.  The amount must be within the
 * actor's limit, and nobody approves what they requested (77).
 */
int	 refund_decide(struct cs *, int64_t id, int approve, const char *why);
/* Approved refunds as TSV for the payment system, now marked sent. */
int	 refund_export(struct cs *, FILE *, int64_t *count);
/*
 * The payment system's answer for a sent refund: "ok" (paid, with its
 * txn) or "failed".  The same answer again changes nothing.
 */
int	 refund_settle(struct cs *, int64_t id, const char *result,
	    const char *txn, int *changed);
/* One refund in full, with its history; prints its own diagnostics. */
int	 refund_show(struct cs *, int64_t id, FILE *);
/* The actor's approval limit, minor units: the highest of their roles'
 * (-1: none).  Refunds, write-offs and grants are held to it. */
int64_t	 refund_approval_limit(const struct cs *);

/* ---- advance.c: advance compensation (先行赔付) ---- */

/*
 * The platform pays the customer of a dispute before the counterparty
 * does: a compensation refund on the dispute's order, approved within
 * the actor's limit like any refund, owed by the counterparty.  The
 * dispute must be under intervention or decided (not for the
 * counterparty; a split caps it at the customer's amount).  amount is
 * an amount or "full".  Sets cs->err.
 */
int	 advance_request(struct cs *, int64_t dispute, const char *amount,
	    const char *key, const char *note, int64_t *id, int *outcome);
/* Money the counterparty paid back: amount, or NULL for all owed. */
int	 advance_recover(struct cs *, int64_t refund, const char *amount);
/* Give up what is still owed: within the actor's approval limit. */
int	 advance_writeoff(struct cs *, int64_t refund, const char *why);
extern const struct out_col owed_cols[];
extern const int owed_ncols;
/* Per counterparty: advanced, recovered, written off, outstanding. */
int	 advance_owed(struct cs *, int all, struct out *);

extern const struct out_col refund_cols[];
extern const int refund_ncols;
extern const struct out_col quote_cols[];
extern const int quote_ncols;
/* A quote as a row of quote_cols. */
int	 refund_quote_row(struct out *, int64_t order,
	    const struct fee_quote *);
int	 refund_list(struct cs *, const char *status, const char *order,
	    struct out *);

/* ---- grant.c: compensation in kind, coupons and points ---- */

extern const char *const grant_kinds[];
extern const char *const grant_reasons[];

struct grant_in {
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* optional: the customer's order */
	const char	*kind;		/* coupon or points */
	const char	*value;		/* "20.00" for a coupon, "500" points */
	const char	*expiry;	/* a duration or a time; NULL: 30d */
	const char	*reason;
	const char	*key;		/* NULL: derived */
	const char	*note;
};

/* A coupon's money or a number of points; -1 with *errstr. */
int	 grant_parse_value(const char *kind, const char *s, int64_t *value,
	    const char **errstr);
/*
 * Grant inside the caller's transaction: approved when what it is worth
 * is within the actor's approval limit, else requested.  *outcome is a
 * refund_outcome; a known key is REFUND_DONE_BEFORE, or 65 when it
 * names another customer, kind or value.  Sets cs->err.
 */
int	 grant_request(struct cs *, const struct grant_in *, int64_t *id,
	    int *outcome);
/* Approve or reject (with why) a requested grant, as refund_decide. */
int	 grant_decide(struct cs *, int64_t id, int approve, const char *why);
extern const struct out_col grant_cols[];
extern const int grant_ncols;
int	 grant_list(struct cs *, const char *status, const char *customer,
	    struct out *);
/* One grant in full, with its history; prints its own diagnostics. */
int	 grant_show(struct cs *, int64_t id, FILE *);

/* ---- ticket_list.c: reading tickets ---- */

struct ticket_filter {
	const char	*status[4];	/* any of these; nstatus of them */
	int		 nstatus;
	const char	*category, *kind, *priority, *channel;
	const char	*assignee;
	const char	*customer;	/* C-id or phone */
	const char	*order;		/* O-id or ref: */
	const char	*ref;		/* its reference on its old desk */
	const char	*text;		/* literal text in the subject */
	int64_t		 since, until;	/* created in [since, until) */
	int		 has_since, has_until;
	const char	*sort;		/* id created updated priority, -KEY */
	int64_t		 limit;		/* 0: no limit */
	int		 breached;	/* --breached: recorded or overdue */
	int64_t		 due_within;	/* --due-within: seconds, 0 off */
};

extern const struct out_col ticket_cols[];
extern const int ticket_ncols;
extern const struct out_col history_cols[];
extern const int history_ncols;

/* These print their own diagnostics and return an exit status. */
int	 ticket_list(struct cs *, const struct ticket_filter *, struct out *);
int	 ticket_show(struct cs *, int64_t id, FILE *);
/* The audit records of one record ("T12"), oldest first. */
int	 audit_history(struct cs *, const char *record, struct out *);
/* The "history" part of a show: a record's audit trail as a table. */
int	 history_section(struct cs *, int type, int64_t id, FILE *);
/* The same for show -j: "history":[{"at":...,"detail":{...}},...] */
int	 history_json(struct cs *, int type, int64_t id, FILE *);
/*
 * show -j: "key":[{...},...], one object per row of st (already bound),
 * its columns described by cols[0..ncols); st is reset.
 */
int	 show_json_rows(struct cs *, FILE *, const char *key,
	    struct db_stmt *st, const struct out_col *cols, int ncols);
/* All audit records, or those of the records named. */
int	 audit_list(struct cs *, int argc, char **argv, struct out *);

/* ---- escalation.c: the escalation ladder and the sweep ---- */

struct escalation_in {
	int		 level;		/* 1 to 3, 0 one up (the sweep's);
					   ignored with a department */
	const char	*department;	/* NULL: up the ladder */
	const char	*reason;
	const char	*owner;		/* NULL: the ladder's or department's */
	const char	*cause;		/* the sweep's tokens; NULL for people */
};

/*
 * Raise ticket to a level or a department inside the caller's
 * transaction: a level must be above the ticket's, and level 3 from a
 * person needs the level-2 escalation's incident report.  The ticket's
 * earlier ladder escalations are superseded.  Sets cs->err.
 */
int	 escalation_raise(struct cs *, int64_t ticket,
	    struct escalation_in *, int64_t *id);
/* Acknowledge, report on, resolve; the owner, its role or a boss. */
int	 escalation_ack(struct cs *, int64_t id);
int	 escalation_report(struct cs *, int64_t id, const char *text);
int	 escalation_resolve(struct cs *, int64_t id, const char *note);
const struct department *department_find(const struct rules *,
	    const char *name);

struct escalation_filter {
	int64_t		 ticket;	/* 0 any */
	const char	*status;	/* NULL: open and acked (all with all) */
	int		 all;
	int		 level;		/* 0 any */
	const char	*department, *owner;
	int		 overdue;	/* open past its due time */
};
extern const struct out_col escalation_cols[];
extern const int escalation_ncols;
int	 escalation_list(struct cs *, const struct escalation_filter *,
	    struct out *);
/* One escalation in full; prints its own diagnostics. */
int	 escalation_show(struct cs *, int64_t id, FILE *);
/* A ticket's live escalations in one line for its show; "" if none. */
int	 escalation_line(struct cs *, int64_t ticket, char *buf, size_t len);

/*
 * The sweep, inside the caller's transaction: escalates tickets past (or
 * within warn-before of) a deadline and escalations not acknowledged in
 * time one level up, each cause once; records breaches; closes idle
 * tickets; prints ESCALATION TICKET LEVEL REASON rows to o; claims the
 * escalations still to notify into *made (to free).  Sets cs->err.
 */
extern const struct out_col sweep_cols[];
extern const int sweep_ncols;
int	 escalation_sweep(struct cs *, struct out *, int64_t **made,
	    size_t *nmade);
/* Claim escalations not yet notified, inside the transaction. */
int	 escalation_claim(struct cs *, int64_t **ids, size_t *n);
/* Claim these, keeping in ids[0..*n) those nobody claimed before. */
int	 escalation_claim_these(struct cs *, int64_t *ids, size_t *n);
/*
 * After the commit: run the notify command for each claimed one, with
 * CS_ESCALATION, CS_TICKET, CS_LEVEL, ... in its environment.  A failure
 * gives the claim back for the next sweep: 1, else 0.
 */
int	 escalation_notify(struct cs *, const int64_t *ids, size_t n);
/*
 * Run the notify command by /bin/sh with names[i]=val[i] in its
 * environment, its output on stderr.  0, or -1 reported as "notify WHO:
 * exit status N; AGAIN".
 */
int	 notify_run(const char *cmd, const char *const *names,
	    char (*val)[1024], int n, const char *who, const char *again);

/*
 * After a command's commits: claim the escalations it raised, run the
 * notify command for them, give back failures.  0 or a status.
 */
int	 escalation_notify_made(struct cs *, int64_t *ids, size_t n);

/* ---- sweep.c: the cron sweep ---- */

/*
 * The sweep (escalation_sweep) in its own transaction, its rows printed
 * to fp once committed, then the notify command; dry: rolled back, no
 * notify.  0 or a status, reported.
 */
int	 sweep_run(struct cs *, int dry, FILE *fp);

/* ---- incident.c: incidents many tickets share ---- */

extern const char *const incident_severities[];

struct incident_in {
	const char	*title;
	const char	*description;	/* NULL: none */
	const char	*severity;	/* low medium high critical */
	const char	*departments;	/* "tech,finance": configured ones */
};

/* Open an incident inside the caller's transaction.  Sets cs->err. */
int	 incident_open(struct cs *, const struct incident_in *, int64_t *id);
/*
 * After the commit: the notify command once per department, with
 * CS_INCIDENT, CS_SEVERITY, CS_DEPARTMENT, CS_OWNER, CS_SUBJECT (the
 * title), CS_REASON (the description) and CS_DUE set.  0, or 1 when a
 * run failed (reported).
 */
int	 incident_notify(struct cs *, int64_t id);
/* Link a ticket to an open incident; linked before changes nothing. */
int	 incident_link(struct cs *, int64_t incident, int64_t ticket);
/*
 * A reply to every linked ticket not closed: template tmpl rendered for
 * each, else text.  The tickets replied to in *ids (to free).
 */
int	 incident_update(struct cs *, int64_t id, const char *tmpl,
	    const char *text, int64_t **ids, size_t *n);
/*
 * Close an open incident; with a template or a text, each linked ticket
 * still open or pending gets it as a final reply and is resolved.
 */
int	 incident_close(struct cs *, int64_t id, const char *tmpl,
	    const char *text, int64_t **ids, size_t *n);
extern const struct out_col incident_cols[];
extern const int incident_ncols;
/* Open incidents, or all of them. */
int	 incident_list(struct cs *, int all, struct out *);
/* One incident in full; prints its own diagnostics. */
int	 incident_show(struct cs *, int64_t id, FILE *);

/* ---- dispute.c: two-sided disputes ---- */

extern const char *const dispute_stages[];
extern const char *const dispute_sides[];
extern const char *const dispute_outcomes[];

struct dispute_in {
	const char	*counterparty;	/* C-id or phone: seller, driver, host */
	const char	*order;		/* NULL: the ticket's */
};

/* A dispute as a change or a refund needs it. */
struct dispute_info {
	int64_t		 id, ticket, order, customer, counterparty;
	int64_t		 escalation;	/* 0: none */
	char		 stage[16];
	char		 escalation_status[16];	/* "" none */
	char		 currency[8];
};

/* 0, or 66 (no such dispute) with cs->err set. */
int	 dispute_load(struct cs *, int64_t id, struct dispute_info *);
/*
 * The changes, inside the caller's transaction, each audited; a wrong
 * stage is 65.  Sets cs->err.
 */
int	 dispute_open(struct cs *, int64_t ticket, const struct dispute_in *,
	    int64_t *id);
/* A statement, or with evidence set a piece of evidence, of one side. */
int	 dispute_say(struct cs *, int64_t id, const char *side, int evidence,
	    const char *text);
int	 dispute_negotiate(struct cs *, int64_t id);
/* Platform intervention: the ticket escalated to arbitration, *esc. */
int	 dispute_intervene(struct cs *, int64_t id, const char *reason,
	    int64_t *esc);
/* outcome customer, counterparty or split (amount: the customer's). */
int	 dispute_decide(struct cs *, int64_t id, const char *outcome,
	    const char *amount, const char *why);
int	 dispute_close(struct cs *, int64_t id);
/*
 * One of those as a request, a change_fn for the run verbs: open (id a
 * ticket; cs->made the dispute, printed), say, negotiate, intervene
 * (cs->made the escalation, to notify), decide, close.
 */
struct dispute_act {
	int			 action;	/* o s n i d c: its letter */
	struct dispute_in	 in;		/* open */
	const char		*side;		/* say */
	int			 evidence;
	const char		*text;		/* say: the text; else why */
	const char		*outcome;	/* decide */
	const char		*amount;
};
int	 dispute_act(struct cs *, int64_t id, void *act);
extern const struct out_col dispute_cols[];
extern const int dispute_ncols;
/* Open ones (all with all, or of one stage) by stage, oldest first. */
int	 dispute_list(struct cs *, const char *stage, int all, struct out *);
/* One dispute in full; prints its own diagnostics. */
int	 dispute_show(struct cs *, int64_t id, FILE *);

/* ---- report.c: reports over a period, as of the clock ---- */

enum { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH };
/*
 * The local day, Monday-to-Sunday week or month containing arg ("today",
 * "yesterday", any time clock_parse takes, or "2026-11" for a month):
 * [since, until).  -1 with *errstr.
 */
int	 period_set(int64_t now, int kind, const char *arg, int64_t *since,
	    int64_t *until, const char **errstr);
/* With no period given: the last seven days, today included. */
void	 period_default(int64_t now, int64_t *since, int64_t *until);

struct report_opts {
	int64_t		 since, until;	/* [since, until), cut at the clock */
	const char	*group;		/* -g */
	const char	*category;	/* hotspots -t */
	const char	*bucket;	/* volume -b day|hour */
	int64_t		 top;		/* hotspots -n; 0 is 10 */
	int		 chart;		/* --chart: bars, not a table */
};

/*
 * Print report name (sla agents hotspots refunds volume disputes) to fp
 * as a table, TSV or JSON Lines, or a chart.  Sets cs->err.
 */
int	 report_run(struct cs *, const char *name, const struct report_opts *,
	    FILE *);
/* Nearest-rank percentile p of v[0..n) (sorts v); -1 when n is 0. */
int64_t	 report_percentile(int64_t *v, size_t n, int p);
/*
 * Percentiles p[0..np) of v[0..n) into out[], -1 when n is 0; fastest
 * with p ascending, each found in the part of v the one before leaves.
 */
void	 report_percentiles(int64_t *v, size_t n, const int *p, int np,
	    int64_t *out);
/* num/den*scale rounded half up; -1 when den is 0. */
int64_t	 report_ratio(int64_t num, int64_t den, int64_t scale);
/* The parts of an agent's score, in the order of score_w. */
extern const char *const score_parts[];
/* The agent score in tenths of a point from four weighted fractions. */
int64_t	 report_score(const int w[4], const int64_t num[4],
	    const int64_t den[4]);

/* ---- template.c: reply templates and the greeting ---- */

/*
 * 节日好 on a holiday of any calendar, 周末好 on a weekend that is not a
 * make-up working day, 早上好 in the morning, else 您好: per the
 * configuration, at the time t.
 */
const char *greeting(const struct rules *, int64_t t);
/*
 * Render template `name` for ticket id into a new string (*out, to free).
 * Looked up in the configured directory, then among the built-ins.
 * Unknown template: 66; unknown placeholder: 65.  Sets cs->err.
 */
int	 template_render(struct cs *, const char *name, int64_t id,
	    char **out);

#include "banned.h"

#endif /* CS_H */
