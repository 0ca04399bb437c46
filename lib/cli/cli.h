/*
 * cli.h: the shape of every program -- dispatch from the subcommand
 * table, common options, usage, and the run verbs.  Includes everything
 * below it.
 */
#ifndef CS_CLI_H
#define CS_CLI_H

#include "desk/desk.h"

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
#define CLI_AGAIN	269	/* --again N */
#define CLI_DEEP	270	/* --deep */
#define CLI_UNNOTIFIED	271	/* --unnotified */
#define CLI_AWAITING_CALLBACK 272	/* --awaiting-callback */
#define CLI_CHECK	273	/* --check */
#define CLI_FIXED	274	/* --fixed */
#define CLI_UNPAID	275	/* --unpaid */

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
/*
 * rc, of a library call since cli_start that says what went wrong in
 * cs->err: said on stderr when it failed.
 */
int	 cli_said(int rc);
/*
 * The running subcommand moves money (enum money_act): cli_start refuses
 * an actor without a role for it (77), before the database is opened.
 */
void	 cli_money(int act);
/*
 * The configuration read, the actor known, the role a command needs
 * held (cli_money), before anything is read or opened: 0 or the status
 * said.  cli_start does it first.
 */
int	 cli_check(void);
/* `show [ID ...]`: each record of type in full, by fn. */
typedef int cli_show_fn(struct cs *, int64_t id, FILE *);
int	 cli_show(int argc, char **argv, int type, cli_show_fn *fn);
/* A record named by a word other than its ID: ref:, tel:, a phone. */
/* An option's time argument; a bad one is a usage error. */
int	 cli_time(const char *opt, const char *arg, int64_t *t);
/* The arguments joined with single spaces (a subject); to free. */
char	*cli_join(int argc, char **argv);

/* `exam agent month score` (exam.c): an agent's theory score. */
int	 cli_exam(int argc, char **argv);

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
	int		 keep;		/* keep what the changes made: */
	int64_t		*made;		/* cs->made set by each committed one */
	size_t		 nmade;		/* (to free) */
};
int	 cli_each(int argc, char **argv, struct cli_each *);
/* cs-refund compensate RULE [ORDER ...]: compensation.c per order. */
int	 cli_compensate(int argc, char **argv);

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
 * or the names the iterator resolves), each fn's rows of one listing;
 * read only.
 * History: the audit trail of each, as rows; exists, if given, refuses
 * a record that never was (66).
 */
typedef int cli_row_fn(struct cs *, int64_t id, struct out *);
int	 cli_rows(int argc, char **argv, int type,
	    const struct out_col *cols, int ncols, cli_row_fn *fn);
int	 cli_history(int argc, char **argv, int type,
	    int (*exists)(struct cs *, int64_t));

/*
 * One new record in one transaction: fn makes it, setting *id and, when
 * the same idempotency key was used before, *again (CLI_AGAIN_WAITING:
 * and its record still awaits approval).  Printed once committed (also
 * left in cs->made), or "R12: already done (same key)" on stderr.  0 or
 * the status of the refusal, reported.
 */
#define CLI_AGAIN_WAITING	2
typedef int cli_make_fn(struct cs *, void *arg, int64_t *id, int *again);
int	 cli_change(int type, cli_make_fn *fn, void *arg);
/* A request's outcome (REFUND_DONE_BEFORE, ...) as fn's *again. */
int	 cli_again(int outcome);

/*
 * An export for another system: fn writes the records to stdout and
 * marks them sent in one transaction, committed only when all of it
 * reached stdout; a write error leaves every record to export again.
 */
typedef int cli_write_fn(struct cs *, FILE *, void *arg);
int	 cli_export(cli_write_fn *fn, void *arg);

/*
 * A numbered export of money (cs-refund export): make records a new
 * batch (resend: of what was sent with no answer) in one transaction,
 * or reprint records a print of batch `again`; once committed, print
 * writes the batch's lines to stdout in cols (TSV, or JSON with -j; -H
 * and -o as every listing).  Nothing is printed unless committed; a
 * print that fails names the batch to print again (74).
 */
struct cli_payout {
	int		(*make)(struct cs *, int resend, int64_t *batch,
			    int64_t *count);
	int		(*reprint)(struct cs *, int64_t batch);
	int		(*print)(struct cs *, int64_t batch, struct out *);
	const struct out_col *cols;
	int		 ncols;
	int		 resend;
	int64_t		 again;		/* the batch to print again, or 0 */
};
int	 cli_payout(const struct cli_payout *);

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
/* A line made before still waiting counts as waiting; its ID not said. */
enum { LINE_APPLIED, LINE_WAITING, LINE_DONE_BEFORE, LINE_WAITING_BEFORE };
/*
 * An import commits at the end of a chunk of IMPORT_CHUNK lines once it
 * has held the write lock IMPORT_HOLD_MS: a commit rewrites every index
 * page the chunk touched, and one every 2,000 ticket lines cost a
 * quarter more time; once a second, a waiting writer gets in well
 * within its timeout.
 */
#define IMPORT_CHUNK	2000
#define IMPORT_HOLD_MS	1000
/*
 * A refund or grant batch likewise, by chunks of 500 held 100 ms: a
 * commit every 500 lines wrote every order page the chunk touched again
 * (each refund moves its order's kept totals), and at a million tickets
 * a 100,000-line batch took 3.55 s against 2.96 s.
 */
#define BATCH_CHUNK	500
#define BATCH_HOLD_MS	100
struct cli_batch;
typedef int cli_line_fn(struct cs *, struct tsv *, struct cli_batch *,
	    int64_t *id, int *outcome);
/* A line kept for a batch that takes many at once (cli_batch.many). */
struct batch_line {
	size_t		 lineno;
	int		 nf;
	char		**f;		/* its fields, in one block with f */
};
/*
 * Many lines' work at once: res[i] is line i's (rc 0 or its rejection,
 * said in msg; outcome a LINE_ value; the ID).  0, or a fatal status
 * said in cs->err, the lines decided before it with their res (rc -1:
 * not reached).
 */
typedef int cli_lines_fn(struct cs *, struct cli_batch *,
	    const struct batch_line *, size_t n, struct batch_res *res);
struct cli_batch {
	const struct tsv_col	*cols;		/* the header's; NULL: none */
	int			 ncols;
	/*
	 * Without one: a first line of these columns' names (the header
	 * of the program whose lines these are, printed with -H) is no
	 * line, and is passed over.
	 */
	const struct out_col	*from;
	int			 nfrom;
	cli_line_fn		*fn;		/* one line; sets cs->err */
	/* Or up to `chunk` lines at once, where not dry (-n prints each). */
	cli_lines_fn		*many;
	void			*arg;		/* fn's request: reason, kind */
	int			 type;		/* of the IDs printed */
	size_t			 chunk;		/* lines a commit; 0: all */
	/* Or, at a chunk's end, only once its transaction is this old. */
	int			 hold_ms;
	/*
	 * Chunks are committed only while every line so far carried its
	 * key (a line run again is then found, not made twice); from the
	 * first line this says has none, the rest is one transaction.
	 * NULL: every line has its key.
	 */
	int			(*keyed)(struct tsv *);
	int			 savepoint;	/* each line in a savepoint */
	/* Or only the lines this says may be refused after a write. */
	int			(*savepoint_if)(struct tsv *);
	int			 summary;	/* the counts on stderr */
	int			 text_later;	/* tickets' text indexed at commit */
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
	IMP_CHANNEL, IMP_SUBJECT, IMP_CREATED, IMP_ORDER, IMP_REF,
	IMP_COMPLEXITY
};
extern const struct tsv_col import_ticket_cols[];
extern const int import_ticket_ncols;
/* A ticket line naming an order: refused after its customer is made. */
int	 import_ticket_savepoint(struct tsv *);
int	 import_ticket_keyed(struct tsv *);
enum {
	ORD_REF, ORD_KIND, ORD_AMOUNT, ORD_CURRENCY, ORD_STATUS, ORD_PHONE,
	ORD_NAME, ORD_SERVICE, ORD_CREATED, ORD_ITEM, ORD_CITY, ORD_PICKUP,
	ORD_DEST, ORD_STATUS_AT
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
cli_lines_fn	 refund_lines;
/* CUSTOMER VALUE [KEY [NOTE]]; arg: the struct grant_in of -t -r -e. */
cli_line_fn	 grant_line;
/* An amount of currency, or 65 naming it. */
int	 import_amount(struct cs *, const char *v, const char *currency,
	    int64_t *a);

#endif /* CS_CLI_H */
