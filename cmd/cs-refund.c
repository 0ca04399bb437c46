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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static struct cs cs;

static int
cmd_quote(int argc, char **argv)
{
	struct fee_quote	 q;
	struct out		*o;
	int64_t			 order;
	int			 rc;

	cli_noopts(&argc, &argv);
	if (argc < 1 || argc > 2)
		cli_usage();
	if ((rc = cli_start()) != 0)
		return rc;
	if ((rc = refund_quote(&cs, argv[0], argc == 2 ? argv[1] : NULL,
	    &order, &q)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	if ((o = out_open(stdout, quote_cols, quote_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	return cli_close(o, refund_quote_row(o, order, &q));
}

static int
make_refund(struct cs *c, void *in, int64_t *id, int *again)
{
	struct fee_quote	 q;
	int			 rc, outcome = REFUND_APPLIED;

	rc = refund_request(c, in, id, &outcome, &q);
	*again = cli_again(outcome);
	return rc;
}

static int
cmd_request(int argc, char **argv)
{
	struct refund_in	 in;
	int			 ch;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "rkm", &in.reason, &in.key, &in.note);
	argc -= optind;
	argv += optind;
	if (argc != 2 || in.reason == NULL)
		cli_usage();
	in.order = argv[0];
	in.amount = argv[1];
	return cli_change(ID_REFUND, make_refund, &in);
}

static int
cmd_batch(int argc, char **argv)
{
	struct cli_batch	 b = {
		.fn = refund_line, .many = refund_lines, .type = ID_REFUND,
		.from = check_cols, .nfrom = check_ncols, .chunk = BATCH_CHUNK,
		.hold_ms = BATCH_HOLD_MS,
		.summary = 1, .what = "batch", .done = "refunded",
		.dry_cols = quote_cols, .dry_ncols = quote_ncols
	};
	int			 ch;

	while ((ch = cli_opt(argc, argv)) != -1) {
		if (ch == 'A')
			b.all = 1;
		else if (ch == 'n')
			b.dry = 1;
		else
			b.arg = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || b.arg == NULL)
		cli_usage();
	if (word_index(refund_reasons, b.arg) == -1) {
		warnx("-r %s: unknown reason (duplicate-payment cancellation "
		    "failed-order return compensation deposit goodwill)",
		    (char *)b.arg);
		return CS_USAGE;
	}
	return cli_batch(&b, argc == 1 ? argv[0] : NULL);
}

static int
cmd_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*status = NULL, *order = NULL, *customer = NULL;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "sOC", &status, &order, &customer);
	if ((rc = cli_list(argc, refund_cols, refund_ncols, &o)) != 0)
		return rc;
	return cli_close(o, refund_list(&cs, status, order, customer, o));
}

/* approve, and reject -r why: refunds and grants share the limits. */
static int
cmd_decide(int argc, char **argv)
{
	struct cli_each	 g = { .type = ID_GRANT, .fn_is = grant_decide };
	struct cli_each	 e = {
		.type = ID_REFUND, .fn_is = refund_decide, .type2 = ID_GRANT,
		.alt = &g
	};

	g.i = e.i = argv[0][0] == 'a';
	while (cli_opt(argc, argv) != -1)
		g.s = e.s = optarg;
	argc -= optind;
	argv += optind;
	if (!e.i && e.s == NULL)
		cli_usage();
	return cli_each(argc, argv, &e);
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_REFUND, refund_show);
}

static int
cmd_export(int argc, char **argv)
{
	struct cli_payout	 p = {
		.make = refund_export, .reprint = refund_export_again,
		.print = refund_export_print, .cols = export_cols,
		.ncols = export_ncols
	};
	const char		*errstr;
	int			 ch, rc;

	while ((ch = cli_opt(argc, argv)) != -1) {
		if (ch == 'r')
			p.resend = 1;
		else if ((p.again = strtonum(optarg, 1, INT64_MAX,
		    &errstr)) == 0) {
			warnx("--again %s: not an export number (%s)", optarg,
			    errstr);
			return CS_USAGE;
		}
	}
	if (optind != argc || (p.resend && p.again != 0))
		cli_usage();
	cli_money(MONEY_EXPORT);
	if ((rc = cli_start()) != 0)
		return rc;
	return cli_payout(&p);
}

static int
cmd_exports(int argc, char **argv)
{
	struct out	*o;
	int		 rc;

	if (cli_opt(argc, argv) != -1)
		cli_usage();
	if ((rc = cli_list(argc, batch_cols, batch_ncols, &o)) != 0)
		return rc;
	return cli_close(o, refund_exports(&cs, o));
}

static int
cmd_settle(int argc, char **argv)
{
	/* No header: the lines are REFUND, ok|failed, TXN. */
	struct cli_batch	 b = {
		.fn = settle_line, .type = ID_REFUND, .savepoint = 1,
		.what = "import", .done = "imported"
	};

	cli_noopts(&argc, &argv);
	if (argc > 1)
		cli_usage();
	cli_money(MONEY_SETTLE);
	return cli_batch(&b, argc == 1 ? argv[0] : NULL);
}

struct advance {
	int64_t		 dispute;
	const char	*amount, *key, *note;
};

static int
make_advance(struct cs *c, void *arg, int64_t *id, int *again)
{
	struct advance	*a = arg;
	int		 rc, outcome = REFUND_APPLIED;

	rc = advance_request(c, a->dispute, a->amount, a->key, a->note, id,
	    &outcome);
	*again = cli_again(outcome);
	return rc;
}

static int
cmd_advance(int argc, char **argv)
{
	struct advance	 a = { 0, NULL, NULL, NULL };
	const char	*errstr;
	int		 ch;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "km", &a.key, &a.note);
	argc -= optind;
	argv += optind;
	if (argc != 2)
		cli_usage();
	if (id_parse(argv[0], ID_DISPUTE, &a.dispute, &errstr) == -1) {
		warnx("%s %s", argv[0], errstr);
		return CS_DATAERR;
	}
	a.amount = argv[1];
	return cli_change(ID_REFUND, make_advance, &a);
}

/* recover [-a amount] and writeoff -r why */
static int
cmd_owed_change(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_REFUND };

	e.fn_s = argv[0][0] == 'r' ? advance_recover : advance_writeoff;
	while (cli_opt(argc, argv) != -1)
		e.s = optarg;
	argc -= optind;
	argv += optind;
	if (e.fn_s == advance_writeoff && e.s == NULL)
		cli_usage();
	return cli_each(argc, argv, &e);
}

static int
cmd_owed(int argc, char **argv)
{
	struct out	*o;
	int		 rc, all = 0;

	while (cli_opt(argc, argv) != -1)
		all = 1;
	if ((rc = cli_list(argc, owed_cols, owed_ncols, &o)) != 0)
		return rc;
	return cli_close(o, advance_owed(&cs, all, o));
}

/* ---- `cs-refund grant ...`: compensation in kind ---- */

static int
make_grant(struct cs *c, void *in, int64_t *id, int *again)
{
	int	 rc, outcome = REFUND_APPLIED;

	rc = grant_request(c, in, id, &outcome);
	*again = cli_again(outcome);
	return rc;
}

/* grant add and grant batch */
static int
cmd_grant(int argc, char **argv)
{
	struct grant_in		 in;
	struct cli_batch	 b = {
		.fn = grant_line, .arg = &in, .type = ID_GRANT,
		.chunk = BATCH_CHUNK, .hold_ms = BATCH_HOLD_MS, .savepoint = 1,
		.summary = 1,
		.what = "batch", .done = "granted"
	};
	int			 ch, add = argv[0][0] == 'a';

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1)
		if (!cli_optarg(ch, "trekmO", &in.kind, &in.reason,
		    &in.expiry, &in.key, &in.note, &in.order))
			b.all = 1;
	argc -= optind;
	argv += optind;
	if (in.kind == NULL || in.reason == NULL ||
	    (add ? argc != 2 : argc > 1))
		cli_usage();
	if (add) {
		in.customer = argv[0];
		in.value = argv[1];
		return cli_change(ID_GRANT, make_grant, &in);
	}
	if (word_index(grant_kinds, in.kind) == -1) {
		warnx("-t %s: coupon or points", in.kind);
		return CS_USAGE;
	}
	if (word_index(grant_reasons, in.reason) == -1) {
		warnx("-r %s: unknown reason (compensation goodwill "
		    "delay service-failure)", in.reason);
		return CS_USAGE;
	}
	return cli_batch(&b, argc == 1 ? argv[0] : NULL);
}

static int
cmd_grant_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*status = NULL, *customer = NULL;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "sC", &status, &customer);
	if ((rc = cli_list(argc, grant_cols, grant_ncols, &o)) != 0)
		return rc;
	return cli_close(o, grant_list(&cs, status, customer, o));
}

static int
cmd_grant_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_GRANT, grant_show);
}

static const struct cli_cmd cmds[] = {
	{ NULL, "quote", cmd_quote, DB_READ, "", NULL,
	    "quote order [amount | full]" },
	{ NULL, "request", cmd_request, DB_WRITE, "r:k:m:", NULL,
	    "request -r reason [-k key] [-m note] order amount | full" },
	{ NULL, "batch", cmd_batch, DB_WRITE, "Anr:", NULL,
	    "batch [-nA] -r reason [file]" },
	{ NULL, "ls", cmd_ls, DB_READ, "s:O:C:", " unmask ",
	    "ls [-s status] [-O order] [-C customer]" },
	{ NULL, "show", cmd_show, DB_READ, "", " unmask ", "show [ID ...]" },
	{ NULL, "approve", cmd_decide, DB_WRITE, "", NULL,
	    "approve [ID ...]" },
	{ NULL, "reject", cmd_decide, DB_WRITE, "r:", NULL,
	    "reject -r why [ID ...]" },
	{ NULL, "export", cmd_export, DB_WRITE, "r", "again",
	    "export [-r | --again N]" },
	{ NULL, "exports", cmd_exports, DB_READ, "", NULL, "exports" },
	{ NULL, "settle", cmd_settle, DB_WRITE, "", NULL, "settle [file]" },
	{ NULL, "advance", cmd_advance, DB_WRITE, "k:m:", NULL,
	    "advance [-k key] [-m note] dispute amount | full" },
	{ NULL, "recover", cmd_owed_change, DB_WRITE, "a:", NULL,
	    "recover [-a amount] [ID ...]" },
	{ NULL, "writeoff", cmd_owed_change, DB_WRITE, "r:", NULL,
	    "writeoff -r why [ID ...]" },
	{ NULL, "owed", cmd_owed, DB_READ, "A", NULL, "owed [-A]" },
	{ NULL, "compensate", cli_compensate, DB_WRITE, "", NULL,
	    "compensate rule [order ...]" },
	{ "grant", "add", cmd_grant, DB_WRITE, "t:r:e:k:m:O:", NULL,
	    "grant add -t coupon|points -r reason [-e expiry] [-k key] "
	    "[-m note] [-O order] customer value" },
	{ "grant", "batch", cmd_grant, DB_WRITE, "At:r:e:", NULL,
	    "grant batch [-A] -t coupon|points -r reason [-e expiry] [file]" },
	{ "grant", "ls", cmd_grant_ls, DB_READ, "s:C:", " unmask ",
	    "grant ls [-s status] [-C customer]" },
	{ "grant", "show", cmd_grant_show, DB_READ, "", " unmask ",
	    "grant show [ID ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
