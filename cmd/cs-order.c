/*
 * cs-order: orders and payments as the desk sees them.  Imports what the
 * platform reports (idempotently: the same file twice changes nothing),
 * lists and shows orders while a customer waits, and finds the abnormal
 * ones — duplicate payments, failed or cancelled orders holding money —
 * as lines that cs-refund batch reads.
 *
 * Reads: order IDs (O12 or ref:REF) as arguments or one per stdin line;
 * TSV with a header for imports.  Prints: tables on a terminal, TSV in a
 * pipe, JSON Lines with -j; `check` prints ORDER AMOUNT KEY DETAIL.
 * Exit: 0, 1 some items failed, 64 usage, 65 bad data, 66 no such
 * record, 74 output error, 75 busy, 77 not permitted, 78 configuration.
 * See cs-order(1).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static struct cs cs;

static int
cmd_import(int argc, char **argv)
{
	struct cli_batch	 b = {
		.cols = import_order_cols, .ncols = import_order_ncols,
		.fn = import_order, .type = ID_ORDER, .savepoint = 1,
		.chunk = IMPORT_CHUNK, .hold_ms = IMPORT_HOLD_MS,
		.what = "import", .done = "imported"
	};
	int			 ch;

	while ((ch = cli_opt(argc, argv)) != -1) {
		if (ch == 'A')
			b.all = 1;
		else {
			b.cols = import_payment_cols;
			b.ncols = import_payment_ncols;
			b.fn = import_payment;
			b.type = ID_PAYMENT;
			cli_money(MONEY_PAYMENTS);
		}
	}
	if (argc - optind > 1)
		cli_usage();
	return cli_batch(&b, argc - optind == 1 ? argv[optind] : NULL);
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_ORDER, order_show);
}

static int
cmd_history(int argc, char **argv)
{
	return cli_history(argc, argv, ID_ORDER, NULL);
}

static int
cmd_ls(int argc, char **argv)
{
	struct order_filter	 f;
	struct out		*o;
	const char		*since = NULL, *until = NULL;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "COskSu", &f.customer, &f.order, &f.status,
		    &f.kind, &since, &until);
	if (optind != argc)
		cli_usage();
	if ((rc = cli_start()) != 0 ||
	    (since && (rc = cli_time("-S", since, &f.since)) != 0) ||
	    (until && (rc = cli_time("-u", until, &f.until)) != 0) ||
	    (rc = cli_list(argc, order_cols, order_ncols, &o)) != 0)
		return rc;
	f.has_since = since != NULL;
	f.has_until = until != NULL;
	return cli_close(o, order_list(&cs, &f, o));
}

static int
cmd_check(int argc, char **argv)
{
	int	 ch, rc, what = 0;

	while ((ch = cli_opt(argc, argv)) != -1)
		what |= ch == CLI_DUP ? CHECK_DUP : ch == CLI_FAILED ?
		    CHECK_FAILED : ch == CLI_UNPAID ? CHECK_UNPAID :
		    CHECK_STUCK;
	if (optind != argc || what == 0)
		cli_usage();
	if ((rc = cli_start()) != 0)
		return rc;
	return cli_said(order_check(&cs, what, stdout));
}

static int
cmd_status(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_ORDER, .fn_ss = order_move };

	while (cli_opt(argc, argv) != -1)
		e.s2 = optarg;
	if (optind >= argc)
		cli_usage();
	e.s = argv[optind];
	return cli_each(argc - optind - 1, argv + optind + 1, &e);
}

/* An order typed in: its fields, and its amount as given. */
struct new_order {
	struct order_in	 in;
	const char	*amount;
};

static int
make_order(struct cs *c, void *arg, int64_t *id, int *again)
{
	struct new_order	*no = arg;

	/* An order added by hand is in the desk's currency. */
	no->in.currency = c->conf.currency;
	return order_add(c, &no->in, no->amount, id);
}

static int
cmd_add(int argc, char **argv)
{
	struct new_order	 no;
	struct order_in		*in = &no.in;
	const char		*service = NULL;
	int			 ch, rc;

	memset(&no, 0, sizeof(no));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "LPDCNisST", &in->city, &in->pickup,
		    &in->destination, &in->customer, &in->customer_name,
		    &in->item, &in->status, &service, &in->txn);
	/* Paid by -T: recorded as import -P records it, by its role. */
	if (in->txn != NULL)
		cli_money(MONEY_PAYMENTS);
	argc -= optind;
	argv += optind;
	if (argc != 3 || in->customer == NULL)
		cli_usage();
	in->kind = argv[0];
	no.amount = argv[1];
	in->ref = argv[2];
	if ((rc = cli_start()) != 0 || (service != NULL &&
	    (rc = cli_time("-S", service, &in->service_at)) != 0))
		return rc;
	return cli_change(ID_ORDER, make_order, &no);
}

static int
make_customer(struct cs *c, void *in, int64_t *id, int *again)
{
	return customer_add(c, in, id);
}

static int
update_customer(struct cs *c, int64_t id, void *in)
{
	return customer_update(c, id, in);
}

/* customer add, and customer set of each customer named */
static int
cmd_customer(int argc, char **argv)
{
	struct customer_in	 in;
	struct cli_each		 e = {
		.type = ID_CUSTOMER,
		.fn = update_customer, .arg = &in
	};
	int			 ch;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "Npietnr", &in.name, &in.phone, &in.idcard,
		    &in.email, &in.tier, &in.needs, &in.role);
	if (argv[0][0] == 's')
		return cli_each(argc - optind, argv + optind, &e);
	if (argc != optind)
		cli_usage();
	return cli_change(ID_CUSTOMER, make_customer, &in);
}

static int
cmd_customer_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_CUSTOMER, customer_show);
}

static int
cmd_customer_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*tier = NULL;
	int		 rc;

	while (cli_opt(argc, argv) != -1)
		tier = optarg;
	if ((rc = cli_list(argc, customer_cols, customer_ncols, &o)) != 0)
		return rc;
	return cli_close(o, customer_list(&cs, 0, tier, o));
}

static int
cmd_route(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_ORDER, .fn_ss = order_route };
	int		 ch;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "PD", &e.s, &e.s2);
	if (e.s == NULL && e.s2 == NULL)
		cli_usage();
	return cli_each(argc - optind, argv + optind, &e);
}

static int
cmd_cancel_fee(int argc, char **argv)
{
	return cli_rows(argc, argv, ID_ORDER, ride_cancel_cols,
	    ride_cancel_ncols, ride_cancel_row);
}

struct rebook_arg {
	const char	*order, *when, *fare;
};

static int
make_rebook(struct cs *c, void *arg, int64_t *id, int *again)
{
	struct rebook_arg *r = arg;

	return order_rebook(c, r->order, r->when, r->fare, id);
}

static int
cmd_rebook(int argc, char **argv)
{
	struct rebook_arg	 r;
	int			 ch;

	memset(&r, 0, sizeof(r));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "S", &r.when);
	if (r.when == NULL || argc - optind != 2)
		cli_usage();
	r.order = argv[optind];
	r.fare = argv[optind + 1];
	return cli_change(ID_ORDER, make_rebook, &r);
}

/* ---- `cs-order invoice ...` ---- */

static int
make_invoice(struct cs *c, void *in, int64_t *id, int *again)
{
	return invoice_request(c, in, id);
}

static int
cmd_invoice_request(int argc, char **argv)
{
	struct invoice_in	 in;
	int			 ch;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "napr", &in.company, &in.address, &in.phone,
		    &in.contact);
	if (argc - optind != 1)
		cli_usage();
	in.order = argv[optind];
	return cli_change(ID_INVOICE, make_invoice, &in);
}

static int
cmd_invoice_ls(int argc, char **argv)
{
	struct invoice_filter	 f;
	struct out		*o;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "sO", &f.status, &f.order);
	if ((rc = cli_list(argc, invoice_cols, invoice_ncols, &o)) != 0)
		return rc;
	return cli_close(o, invoice_list(&cs, &f, o));
}

static int
export_invoices(struct cs *c, FILE *fp, void *month)
{
	return invoice_export(c, *(const char **)month, fp);
}

static int
cmd_invoice_export(int argc, char **argv)
{
	const char	*month = "today";

	while (cli_opt(argc, argv) != -1)
		month = optarg;
	if (optind != argc)
		cli_usage();
	return cli_export(export_invoices, &month);
}

/* invoice issue [-n number] and invoice mail [-t tracking] */
static int
cmd_invoice_move(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_INVOICE, .fn_ss = invoice_move };

	e.s = argv[0][0] == 'i' ? "issued" : "mailed";
	while (cli_opt(argc, argv) != -1)
		e.s2 = optarg;
	if (e.s2 == NULL || *e.s2 == '\0') {
		warnx("invoice %s: needs the %s", argv[0], e.s[0] == 'i' ?
		    "invoice number (-n)" : "tracking number (-t)");
		cli_usage();
	}
	return cli_each(argc - optind, argv + optind, &e);
}

static int
cmd_invoice_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_INVOICE, invoice_show);
}

static const struct cli_cmd cmds[] = {
	{ NULL, "import", cmd_import, DB_WRITE, "AP", NULL,
	    "import [-AP] [file]" },
	{ NULL, "add", cmd_add, DB_WRITE, "C:N:i:s:S:L:P:D:T:", NULL,
	    "add -C customer [-N name] [-i item] [-s status] [-S service] "
	    "[-L city] [-P pickup] [-D destination] [-T txn] kind amount ref" },
	{ NULL, "status", cmd_status, DB_WRITE, "t:", NULL,
	    "status [-t tracking] status [order ...]" },
	{ NULL, "show", cmd_show, DB_READ, "", " unmask ",
	    "show [order ...]" },
	{ NULL, "ls", cmd_ls, DB_READ, "C:O:s:k:S:u:", " unmask ",
	    "ls [-C customer] [-O order] [-s status] [-k kind] [-S since] "
	    "[-u until]" },
	{ NULL, "check", cmd_check, DB_READ, "", " dup failed stuck unpaid ",
	    "check [--dup] [--failed] [--stuck] [--unpaid]" },
	{ NULL, "history", cmd_history, DB_READ, "", " unmask ",
	    "history [order ...]" },
	{ NULL, "cancel-fee", cmd_cancel_fee, DB_READ, "", NULL,
	    "cancel-fee [order ...]" },
	{ NULL, "route", cmd_route, DB_WRITE, "P:D:", NULL,
	    "route [-P pickup] [-D destination] [order ...]" },
	{ NULL, "rebook", cmd_rebook, DB_WRITE, "S:", NULL,
	    "rebook -S departure order fare" },
	{ "customer", "add", cmd_customer, DB_WRITE, "N:p:i:e:t:n:r:",
	    NULL, "customer add -N name -p phone [-i idcard] [-e email] "
	    "[-t tier] [-n needs] [-r role]" },
	{ "customer", "set", cmd_customer, DB_WRITE, "N:p:i:e:t:n:r:",
	    NULL, "customer set [-N name] [-p phone] [-i idcard] [-e email] "
	    "[-t tier] [-n needs] [-r role] [customer ...]" },
	{ "customer", "show", cmd_customer_show, DB_READ, "", " unmask ",
	    "customer show [customer ...]" },
	{ "customer", "ls", cmd_customer_ls, DB_READ, "t:", " unmask ",
	    "customer ls [-t tier]" },
	{ "invoice", "request", cmd_invoice_request, DB_WRITE, "n:a:p:r:",
	    NULL, "invoice request -n company -a address -p phone "
	    "-r contact order" },
	{ "invoice", "issue", cmd_invoice_move, DB_WRITE, "n:", NULL,
	    "invoice issue -n number [invoice ...]" },
	{ "invoice", "mail", cmd_invoice_move, DB_WRITE, "t:", NULL,
	    "invoice mail -t tracking [invoice ...]" },
	{ "invoice", "ls", cmd_invoice_ls, DB_READ, "s:O:", " unmask ",
	    "invoice ls [-s status] [-O order]" },
	{ "invoice", "show", cmd_invoice_show, DB_READ, "", " unmask ",
	    "invoice show [invoice ...]" },
	{ "invoice", "export", cmd_invoice_export, DB_WRITE, "", " month ",
	    "invoice export [--month month]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
