/*
 * cs-refund: money going back to customers.  Quotes the fee of a refund
 * under its order kind's schedule, requests refunds one at a time or in
 * batches from stdin, and lists them.  Every refund has an idempotency
 * key, so a batch killed at any moment and run again pays every line
 * exactly once; an order is never refunded beyond what was paid on it.
 * Advance compensation (先行赔付) is a refund the platform pays on a
 * dispute, tracked until the counterparty pays it back or it is written
 * off; grants of coupons and points are compensation in kind, held to
 * the same limits and keys.
 *
 * Reads: batch lines ORDER<TAB>AMOUNT|full[<TAB>KEY[<TAB>NOTE]], as
 * `cs-order check` prints them; grant batches CUSTOMER<TAB>VALUE[...].  Prints: refund IDs created; quotes and
 * listings as tables, TSV or JSON Lines.  Exit: 0, 1 some lines
 * rejected, 64 usage, 65 refused, 66 no such record, 74 output error,
 * 75 busy, 77 not permitted, 78 configuration.  See cs-refund(1).
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

#define BATCH_CHUNK	500	/* lines per transaction in a batch */

static struct cs cs;

static int
cmd_quote(int argc, char **argv)
{
	struct fee_quote	 q;
	struct out_cell		 cells[5];
	struct out		*o;
	int64_t			 order;
	int			 rc, orc;

	cli_noopts(&argc, &argv, "quote");
	if (argc < 1 || argc > 2)
		cli_usage("quote");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((rc = refund_quote(&cs, argv[0], argc == 2 ? argv[1] : NULL,
	    &order, &q)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	if ((o = out_open(stdout, quote_cols, quote_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	memset(cells, 0, sizeof(cells));
	cells[0].i = order;
	cells[1].i = q.amount;
	cells[2].i = q.fee;
	cells[3].i = q.refund;
	cells[4].s = q.rule;
	rc = out_row(o, cells);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
cmd_request(int argc, char **argv)
{
	struct refund_in	 in;
	struct fee_quote	 q;
	int64_t			 id;
	int			 ch, rc, outcome;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv, "r:k:m:", "request")) != -1) {
		switch (ch) {
		case 'r':
			in.reason = optarg;
			break;
		case 'k':
			in.key = optarg;
			break;
		case 'm':
			in.note = optarg;
			break;
		default:
			cli_usage("request");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || in.reason == NULL)
		cli_usage("request");
	in.order = argv[0];
	in.amount = argv[1];
	if ((rc = cli_start(DB_WRITE)) != 0 || (rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = refund_request(&cs, &in, &id, &outcome, &q)) != 0) {
		db_rollback(cs.db);
		if (cs.err[0] != '\0')
			warnx("%s", cs.err);
		return rc;
	}
	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	if (outcome == REFUND_DONE_BEFORE)
		warnx("R%lld: already done (same key)", (long long)id);
	else
		cs_print_id(&cs, ID_REFUND, id);
	return 0;
}

struct batch {
	const char	*reason;
	struct grant_in	*grant;		/* grant batch: kind, expiry */
	int		 all;		/* -A */
	int		 dry;		/* -n */
	size_t		 applied, done, waiting, rejected, lines;
	int64_t		*ids;		/* created in the open transaction */
	size_t		 nids;
	struct out	*quotes;	/* -n */
};

/* Commit the open chunk, then print what it created. */
static int
batch_commit(struct batch *b)
{
	size_t	 i;
	int	 rc;

	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	for (i = 0; i < b->nids; i++)
		cs_print_id(&cs, b->grant ? ID_GRANT : ID_REFUND, b->ids[i]);
	b->nids = 0;
	return 0;
}

static int
batch_line(struct batch *b, struct tsv *r)
{
	struct refund_in	 in;
	struct fee_quote	 q;
	struct out_cell		 cells[5];
	int64_t			 id, cust;
	int64_t			 changes;
	int			 rc, outcome;

	if (r->nf < 2 || r->nf > 4) {
		tsv_warn(r, "%d field%s; want ORDER, AMOUNT, and maybe KEY "
		    "and NOTE", r->nf, r->nf == 1 ? "" : "s");
		return CS_DATAERR;
	}
	memset(&in, 0, sizeof(in));
	in.order = r->f[0];
	in.amount = r->f[1];
	in.key = r->nf > 2 && r->f[2][0] != '\0' ? r->f[2] : NULL;
	in.note = r->nf > 3 && r->f[3][0] != '\0' ? r->f[3] : NULL;
	in.reason = b->reason;
	/*
	 * No savepoint a line: refund_request checks everything before
	 * its first write, so a rejected line has changed nothing, and a
	 * failure after a write is fatal, which rolls back the open chunk.
	 * A savepoint would copy each page the line writes (a sixth of a
	 * batch's time).  Should a rejection ever follow a write, it is
	 * made fatal here rather than left half done.
	 */
	changes = db_total_changes(cs.db);
	cs.err[0] = '\0';
	if ((rc = refund_request(&cs, &in, &id, &outcome, &q)) != 0) {
		if (cs.err[0] != '\0')
			tsv_warn(r, "%s", cs.err);
		if (!cs_fatal(rc) &&
		    db_total_changes(cs.db) != changes) {
			tsv_warn(r, "rejected after a change: batch stopped, "
			    "its open chunk not committed");
			rc = CS_SOFTWARE;
		}
		return rc;
	}
	if (outcome == REFUND_DONE_BEFORE) {
		b->done++;
		return 0;
	}
	if (outcome == REFUND_WAITING)
		b->waiting++;
	else
		b->applied++;
	if (b->dry) {
		memset(cells, 0, sizeof(cells));
		if (order_find(&cs, in.order, &cells[0].i, &cust) != 0)
			return CS_SOFTWARE;
		cells[1].i = q.amount;
		cells[2].i = q.fee;
		cells[3].i = q.refund;
		cells[4].s = q.rule;
		return out_row(b->quotes, cells);
	}
	if ((b->ids = reallocarray(b->ids, b->nids + 1,
	    sizeof(*b->ids))) == NULL)
		err(CS_SOFTWARE, NULL);
	b->ids[b->nids++] = id;
	return 0;
}

/* A grant batch line: CUSTOMER VALUE [KEY [NOTE]]. */
static int
grant_line(struct batch *b, struct tsv *r)
{
	struct grant_in	 in;
	int64_t		 id;
	int		 rc, outcome;

	if (r->nf < 2 || r->nf > 4) {
		tsv_warn(r, "%d field%s; want CUSTOMER, VALUE, and maybe KEY "
		    "and NOTE", r->nf, r->nf == 1 ? "" : "s");
		return CS_DATAERR;
	}
	in = *b->grant;
	in.customer = r->f[0];
	in.value = r->f[1];
	in.key = r->nf > 2 && r->f[2][0] != '\0' ? r->f[2] : NULL;
	in.note = r->nf > 3 && r->f[3][0] != '\0' ? r->f[3] : NULL;
	if ((rc = db_savepoint(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = grant_request(&cs, &in, &id, &outcome)) != 0) {
		db_rollback_item(cs.db);
		if (cs.err[0] != '\0')
			tsv_warn(r, "%s", cs.err);
		return rc;
	}
	if ((rc = db_release(cs.db)) != 0)
		return rc;
	if (outcome == REFUND_DONE_BEFORE) {
		b->done++;
		return 0;
	}
	if (outcome == REFUND_WAITING)
		b->waiting++;
	else
		b->applied++;
	if ((b->ids = reallocarray(b->ids, b->nids + 1,
	    sizeof(*b->ids))) == NULL)
		err(CS_SOFTWARE, NULL);
	b->ids[b->nids++] = id;
	return 0;
}

static int	 run_batch(const struct batch *, int, char **);

static int
cmd_batch(int argc, char **argv)
{
	struct batch	 b;
	int		 ch;

	memset(&b, 0, sizeof(b));
	while ((ch = cli_opt(argc, argv, "Anr:", "batch")) != -1) {
		switch (ch) {
		case 'A':
			b.all = 1;
			break;
		case 'n':
			b.dry = 1;
			break;
		case 'r':
			b.reason = optarg;
			break;
		default:
			cli_usage("batch");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || b.reason == NULL)
		cli_usage("batch");
	if (word_index(refund_reasons, b.reason) == -1) {
		warnx("-r %s: unknown reason (duplicate-payment cancellation "
		    "failed-order return compensation deposit goodwill)",
		    b.reason);
		return CS_USAGE;
	}
	return run_batch(&b, argc, argv);
}

/*
 * A batch of refunds or grants from a file or stdin: chunks of lines
 * per transaction, or one with -A (all or nothing) and -n (nothing).
 */
static int
run_batch(const struct batch *bp, int argc, char **argv)
{
	struct batch	 b = *bp;
	struct tsv	 r;
	FILE		*fp = stdin;
	int		 rc = 0, got, tty = isatty(STDERR_FILENO);

	if (argc == 1 && strcmp(argv[0], "-") != 0) {
		if ((fp = fopen(argv[0], "r")) == NULL) {
			warn("%s", argv[0]);
			return CS_NOINPUT;
		}
	} else if (cs_stdin_closed())
		return CS_NOINPUT;
	else if (isatty(STDIN_FILENO)) {
		warnx("batch: no file given and stdin is a terminal");
		return CS_USAGE;
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		goto done;
	if (b.dry && (b.quotes = out_open(stdout, quote_cols, quote_ncols,
	    &cs.out)) == NULL) {
		rc = CS_USAGE;
		goto done;
	}
	tsv_open(&r, fp, fp == stdin ? "stdin" : argv[0]);
	/*
	 * Chunks of lines per transaction: a kill loses at most the open
	 * chunk, and the keys make the rerun skip what was committed.
	 * With -A or -n, one transaction, committed only if all is well
	 * (-A) or never (-n).
	 */
	if ((rc = db_begin(cs.db)) != 0)
		goto close;
	while ((got = tsv_read(&r)) != 0) {
		if (got == -2) {
			/* A read error: the open chunk is not committed. */
			rc = CS_NOINPUT;
			break;
		}
		b.lines++;
		rc = got == -1 ? CS_DATAERR : b.grant != NULL ?
		    grant_line(&b, &r) : batch_line(&b, &r);
		if (cs_fatal(rc) || rc == CS_SOFTWARE)
			break;
		if (rc != 0)
			b.rejected++;
		rc = 0;
		if (tty && b.lines % 1000 == 0)
			fprintf(out_raw_stderr(), "\r%zu lines", b.lines);
		if (!b.all && !b.dry && b.lines % BATCH_CHUNK == 0) {
			if ((rc = batch_commit(&b)) != 0 ||
			    (rc = db_begin(cs.db)) != 0)
				break;
		}
	}
	if (tty && b.lines >= 1000)
		fputc('\n', out_raw_stderr());
	if (rc != 0 || b.dry || (b.all && b.rejected > 0)) {
		db_rollback(cs.db);
		if (rc == 0 && b.all && b.rejected > 0) {
			warnx("%s: nothing %s (-A)", r.name, b.grant ?
			    "granted" : "refunded");
			b.applied = b.waiting = b.done = 0;
		}
	} else
		rc = batch_commit(&b);
	/* The IDs first, then the summary, even when both go to one pipe. */
	out_flush(stdout);
	if ((rc == 0 || !cs_fatal(rc)) && got != -2)
		warnx("%s%zu applied, %zu already done, %zu awaiting approval, "
		    "%zu rejected", b.dry ? "would be: " : "", b.applied,
		    b.done, b.waiting, b.rejected);
	if (rc == 0 && b.rejected > 0)
		rc = b.all ? CS_DATAERR : CS_PARTIAL;
close:
	tsv_close(&r);
done:
	if (b.quotes != NULL) {
		int orc = out_close(b.quotes);

		if (rc == 0)
			rc = orc;
	}
	free(b.ids);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

static int
cmd_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*status = NULL, *order = NULL;
	int		 ch, rc, orc;

	while ((ch = cli_opt(argc, argv, "s:O:", "ls")) != -1) {
		switch (ch) {
		case 's':
			status = optarg;
			break;
		case 'O':
			order = optarg;
			break;
		default:
			cli_usage("ls");
		}
	}
	if (optind != argc)
		cli_usage("ls");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, refund_cols, refund_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	cs.err[0] = '\0';
	if ((rc = refund_list(&cs, status, order, o)) != 0 &&
	    cs.err[0] != '\0')
		warnx("%s", cs.err);
	orc = out_close(o);
	return rc ? rc : orc;
}

struct decision {
	int		 approve;
	const char	*why;
	int		 type;		/* ID_REFUND or ID_GRANT */
};

static int
change_decide(struct cs *c, int64_t id, void *arg)
{
	struct decision	*d = arg;

	if (d->type == ID_GRANT)
		return grant_decide(c, id, d->approve, d->why);
	return refund_decide(c, id, d->approve, d->why);
}

/* Refunds and grants share the approval limits, and these commands. */
static int
each_decide(int type, int64_t id, void *arg)
{
	struct decision	*d = arg;

	d->type = type;
	return cs_apply(&cs, type, id, change_decide, arg);
}

static int
cmd_approve(int argc, char **argv)
{
	struct decision	 d = { 1, NULL, 0 };
	int		 rc;

	cli_noopts(&argc, &argv, "approve");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop2(argc, argv, ID_REFUND, ID_GRANT, each_decide, &d);
}

static int
cmd_reject(int argc, char **argv)
{
	struct decision	 d = { 0, NULL, 0 };
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "r:", "reject")) != -1) {
		if (ch == 'r')
			d.why = optarg;
		else
			cli_usage("reject");
	}
	argc -= optind;
	argv += optind;
	if (d.why == NULL)
		cli_usage("reject");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop2(argc, argv, ID_REFUND, ID_GRANT, each_decide, &d);
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_REFUND, refund_show);
}

static int
cmd_export(int argc, char **argv)
{
	int64_t	 n;
	int	 rc;

	cli_noopts(&argc, &argv, "export");
	if (argc != 0)
		cli_usage("export");
	if ((rc = cli_start(DB_WRITE)) != 0 || (rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	/*
	 * Marked sent only if the whole list reached stdout: a full disk
	 * leaves every refund approved, to export again.
	 */
	errno = 0;
	if ((rc = refund_export(&cs, stdout, &n)) != 0 ||
	    (fflush(stdout) != 0 && (rc = CS_IOERR))) {
		db_rollback(cs.db);
		if (rc == CS_IOERR) {
			warnx("stdout: %s; nothing marked sent",
			    errno ? strerror(errno) : "write error");
			/* Said once: drop what could not be written. */
			fpurge(stdout);
			clearerr(stdout);
		} else if (cs.err[0] != '\0')
			warnx("%s", cs.err);
		return rc;
	}
	return db_commit(cs.db);
}

enum { SET_REFUND, SET_RESULT, SET_TXN };

static int
settle_line(struct cs *c, struct tsv *r, int64_t *id, int *changed)
{
	const char	*errstr;

	if (r->nf < 2 || r->nf > 3)
		return cs_error(c, CS_DATAERR, "%d field%s; want REFUND, "
		    "ok|failed and TXN", r->nf, r->nf == 1 ? "" : "s");
	if (id_parse(r->f[SET_REFUND], ID_REFUND, id, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "%s %s", r->f[SET_REFUND],
		    errstr);
	return refund_settle(c, *id, r->f[SET_RESULT], r->nf == 3 &&
	    r->f[SET_TXN][0] != '\0' ? r->f[SET_TXN] : NULL, changed);
}

static int
cmd_settle(int argc, char **argv)
{
	/* No header: the lines are REFUND, ok|failed, TXN. */
	struct import	 im = { NULL, 0, settle_line, ID_REFUND, 0 };
	int		 rc;

	cli_noopts(&argc, &argv, "settle");
	if (argc > 1)
		cli_usage("settle");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return cs_import(&cs, &im, argc == 1 ? argv[0] : NULL);
}

static int
cmd_advance(int argc, char **argv)
{
	const char	*key = NULL, *note = NULL, *errstr;
	int64_t		 dispute, id;
	int		 ch, rc, outcome;

	while ((ch = cli_opt(argc, argv, "k:m:", "advance")) != -1) {
		switch (ch) {
		case 'k':
			key = optarg;
			break;
		case 'm':
			note = optarg;
			break;
		default:
			cli_usage("advance");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		cli_usage("advance");
	if (id_parse(argv[0], ID_DISPUTE, &dispute, &errstr) == -1) {
		warnx("%s %s", argv[0], errstr);
		return CS_DATAERR;
	}
	if ((rc = cli_start(DB_WRITE)) != 0 || (rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = advance_request(&cs, dispute, argv[1], key, note, &id,
	    &outcome)) != 0) {
		db_rollback(cs.db);
		if (cs.err[0] != '\0')
			warnx("%s", cs.err);
		return rc;
	}
	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	if (outcome == REFUND_DONE_BEFORE)
		warnx("R%lld: already done (same key)", (long long)id);
	else
		cs_print_id(&cs, ID_REFUND, id);
	return 0;
}

static int
change_recover(struct cs *c, int64_t id, void *arg)
{
	return advance_recover(c, id, arg);
}

static int
each_recover(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_REFUND, id, change_recover, arg);
}

static int
cmd_recover(int argc, char **argv)
{
	const char	*amount = NULL;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "a:", "recover")) != -1) {
		if (ch == 'a')
			amount = optarg;
		else
			cli_usage("recover");
	}
	argc -= optind;
	argv += optind;
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc, argv, ID_REFUND, each_recover, (void *)amount);
}

static int
change_writeoff(struct cs *c, int64_t id, void *arg)
{
	return advance_writeoff(c, id, arg);
}

static int
each_writeoff(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_REFUND, id, change_writeoff, arg);
}

static int
cmd_writeoff(int argc, char **argv)
{
	const char	*why = NULL;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "r:", "writeoff")) != -1) {
		if (ch == 'r')
			why = optarg;
		else
			cli_usage("writeoff");
	}
	argc -= optind;
	argv += optind;
	if (why == NULL)
		cli_usage("writeoff");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc, argv, ID_REFUND, each_writeoff, (void *)why);
}

static int
cmd_owed(int argc, char **argv)
{
	struct out	*o;
	int		 ch, rc, orc, all = 0;

	while ((ch = cli_opt(argc, argv, "A", "owed")) != -1) {
		if (ch == 'A')
			all = 1;
		else
			cli_usage("owed");
	}
	if (optind != argc)
		cli_usage("owed");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, owed_cols, owed_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	rc = advance_owed(&cs, all, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

/* `cs-refund grant add|batch|ls|show`: compensation in kind. */
static int
cmd_grant(int argc, char **argv)
{
	struct grant_in	 in;
	struct batch	 b;
	struct out	*o;
	const char	*sub, *status = NULL, *customer = NULL;
	int64_t		 id;
	int		 ch, rc, orc, outcome, all = 0;

	if (argc < 2)
		cli_usage("grant");
	sub = argv[1];
	argc--;
	argv++;
	if (strcmp(sub, "show") == 0)
		return cli_show(argc, argv, ID_GRANT, grant_show);
	if (strcmp(sub, "ls") == 0) {
		while ((ch = cli_opt(argc, argv, "s:C:", "grant")) != -1) {
			if (ch == 's')
				status = optarg;
			else if (ch == 'C')
				customer = optarg;
			else
				cli_usage("grant");
		}
		if (optind != argc)
			cli_usage("grant");
		if ((rc = cli_start(DB_READ)) != 0)
			return rc;
		if ((o = out_open(stdout, grant_cols, grant_ncols,
		    &cs.out)) == NULL)
			return CS_USAGE;
		cs.err[0] = '\0';
		if ((rc = grant_list(&cs, status, customer, o)) != 0 &&
		    cs.err[0] != '\0')
			warnx("%s", cs.err);
		orc = out_close(o);
		return rc ? rc : orc;
	}
	if (strcmp(sub, "add") != 0 && strcmp(sub, "batch") != 0) {
		warnx("grant %s: unknown action", sub);
		cli_usage("grant");
	}
	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv, *sub == 'a' ? "t:r:e:k:m:O:" :
	    "At:r:e:", "grant")) != -1) {
		switch (ch) {
		case 'A':
			all = 1;
			break;
		case 't':
			in.kind = optarg;
			break;
		case 'r':
			in.reason = optarg;
			break;
		case 'e':
			in.expiry = optarg;
			break;
		case 'k':
			in.key = optarg;
			break;
		case 'm':
			in.note = optarg;
			break;
		case 'O':
			in.order = optarg;
			break;
		default:
			cli_usage("grant");
		}
	}
	argc -= optind;
	argv += optind;
	if (in.kind == NULL || in.reason == NULL ||
	    (*sub == 'a' ? argc != 2 : argc > 1))
		cli_usage("grant");
	if (*sub == 'b') {
		if (word_index(grant_kinds, in.kind) == -1) {
			warnx("-t %s: coupon or points", in.kind);
			return CS_USAGE;
		}
		if (word_index(grant_reasons, in.reason) == -1) {
			warnx("-r %s: unknown reason (compensation goodwill "
			    "delay service-failure)", in.reason);
			return CS_USAGE;
		}
		memset(&b, 0, sizeof(b));
		b.reason = in.reason;
		b.grant = &in;
		b.all = all;
		return run_batch(&b, argc, argv);
	}
	in.customer = argv[0];
	in.value = argv[1];
	if ((rc = cli_start(DB_WRITE)) != 0 || (rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = grant_request(&cs, &in, &id, &outcome)) != 0) {
		db_rollback(cs.db);
		if (cs.err[0] != '\0')
			warnx("%s", cs.err);
		return rc;
	}
	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	if (outcome == REFUND_DONE_BEFORE)
		warnx("G%lld: already done (same key)", (long long)id);
	else
		cs_print_id(&cs, ID_GRANT, id);
	return 0;
}

static const struct cli_cmd cmds[] = {
	{ "quote", cmd_quote, "quote order [amount | full]" },
	{ "request", cmd_request,
	    "request -r reason [-k key] [-m note] order amount | full" },
	{ "batch", cmd_batch, "batch [-nA] -r reason [file]" },
	{ "ls", cmd_ls, "ls [-s status] [-O order]" },
	{ "show", cmd_show, "show [ID ...]" },
	{ "approve", cmd_approve, "approve [ID ...]" },
	{ "reject", cmd_reject, "reject -r why [ID ...]" },
	{ "export", cmd_export, "export" },
	{ "settle", cmd_settle, "settle [file]" },
	{ "advance", cmd_advance, "advance [-k key] [-m note] dispute "
	    "amount | full" },
	{ "recover", cmd_recover, "recover [-a amount] [ID ...]" },
	{ "writeoff", cmd_writeoff, "writeoff -r why [ID ...]" },
	{ "owed", cmd_owed, "owed [-A]" },
	{ "grant", cmd_grant, "grant add -t coupon|points -r reason "
	    "[-e expiry] [-k key] [-m note] [-O order] customer value" },
	{ "grant", cmd_grant, "grant batch [-A] -t coupon|points -r reason "
	    "[-e expiry] [file]" },
	{ "grant", cmd_grant, "grant ls [-s status] [-C customer]" },
	{ "grant", cmd_grant, "grant show [ID ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
