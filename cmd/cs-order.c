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

#include "cs.h"

static struct cs cs;

/* A required field, or 65 naming the column. */
static int
need(struct cs *c, struct tsv *r, int col, const struct tsv_col *cols,
    const char **v)
{
	if ((*v = tsv_get(r, col)) == NULL)
		return cs_error(c, CS_DATAERR, "%s: missing", cols[col].name);
	return 0;
}

static int
field_time(struct cs *c, struct tsv *r, int col, const char *name,
    int64_t *t)
{
	const char	*v, *errstr;

	*t = 0;
	if ((v = tsv_get(r, col)) != NULL &&
	    clock_parse(v, c->now, t, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "%s %s: %s", name, v, errstr);
	return 0;
}

static int
field_amount(struct cs *c, const char *v, const char *currency, int64_t *a)
{
	const char	*errstr;
	int		 digits;

	if ((digits = money_digits(currency)) == -1)
		return cs_error(c, CS_DATAERR, "currency \"%s\": unknown",
		    currency);
	if (money_parse(v, digits, a, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "amount %s: %s", v, errstr);
	return 0;
}

static int
import_order(struct cs *c, struct tsv *r, int64_t *id, int *changed)
{
	const struct tsv_col	*cols = import_order_cols;
	struct order_in		 in;
	const char		*amount;
	int			 rc;

	memset(&in, 0, sizeof(in));
	if ((rc = need(c, r, ORD_REF, cols, &in.ref)) != 0 ||
	    (rc = need(c, r, ORD_KIND, cols, &in.kind)) != 0 ||
	    (rc = need(c, r, ORD_AMOUNT, cols, &amount)) != 0 ||
	    (rc = need(c, r, ORD_STATUS, cols, &in.status)) != 0 ||
	    (rc = need(c, r, ORD_PHONE, cols, &in.customer)) != 0)
		return rc;
	if (!phone_valid(in.customer))
		return cs_error(c, CS_DATAERR, "customer_phone %s: not a "
		    "mobile phone number", in.customer);
	in.customer_name = tsv_get(r, ORD_NAME);
	in.item = tsv_get(r, ORD_ITEM);
	in.city = tsv_get(r, ORD_CITY);
	in.pickup = tsv_get(r, ORD_PICKUP);
	in.destination = tsv_get(r, ORD_DEST);
	if ((in.currency = tsv_get(r, ORD_CURRENCY)) == NULL)
		in.currency = "CNY";
	if ((rc = field_amount(c, amount, in.currency, &in.amount)) != 0 ||
	    (rc = field_time(c, r, ORD_SERVICE, "service_at",
	    &in.service_at)) != 0 ||
	    (rc = field_time(c, r, ORD_CREATED, "created_at",
	    &in.created_at)) != 0)
		return rc;
	return order_record(c, &in, id, changed);
}

static int
import_payment(struct cs *c, struct tsv *r, int64_t *id, int *changed)
{
	const struct tsv_col	*cols = import_payment_cols;
	struct payment_in	 in;
	const char		*amount;
	int			 rc;

	memset(&in, 0, sizeof(in));
	if ((rc = need(c, r, PAY_ORDER, cols, &in.order_ref)) != 0 ||
	    (rc = need(c, r, PAY_TXN, cols, &in.txn)) != 0 ||
	    (rc = need(c, r, PAY_AMOUNT, cols, &amount)) != 0 ||
	    (rc = field_amount(c, amount, "CNY", &in.amount)) != 0)
		return rc;
	if (in.amount == 0)
		return cs_error(c, CS_DATAERR, "amount %s: a payment is more "
		    "than zero", amount);
	if (tsv_get(r, PAY_AT) == NULL)
		return cs_error(c, CS_DATAERR, "paid_at: missing");
	if ((rc = field_time(c, r, PAY_AT, "paid_at", &in.paid_at)) != 0)
		return rc;
	if ((in.status = tsv_get(r, PAY_STATUS)) == NULL)
		in.status = "ok";
	in.channel = tsv_get(r, PAY_CHANNEL);
	return payment_record(c, &in, id, changed);
}

static int
cmd_import(int argc, char **argv)
{
	struct import	 orders = {
		import_order_cols,
		import_order_ncols,
		import_order, ID_ORDER, 0
	};
	struct import	 payments = {
		import_payment_cols,
		import_payment_ncols,
		import_payment, ID_PAYMENT, 0
	};
	struct import	*im = &orders;
	int		 ch, rc, all = 0;

	while ((ch = cli_opt(argc, argv, "AP", "import")) != -1) {
		if (ch == 'A')
			all = 1;
		else if (ch == 'P')
			im = &payments;
		else
			cli_usage("import");
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage("import");
	im->all = all;
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return cs_import(&cs, im, argc == 1 ? argv[0] : NULL);
}

/* An order named by O-id or ref:, for the ID loop. */
static int
each_show(const char *word, void *arg)
{
	static int	 n;
	int64_t		 id, cust;
	int		 rc;

	(void)arg;
	if ((rc = order_find(&cs, word, &id, &cust)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	if (n++ > 0 && cs.out.mode != OUT_JSON)
		putchar('\n');
	return order_show(&cs, id, stdout);
}

static int
cmd_show(int argc, char **argv)
{
	int	 rc;

	cli_noopts(&argc, &argv, "show");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	return word_loop(argc, argv, each_show, NULL);
}

static int
each_history(const char *word, void *arg)
{
	char	 rec[32];
	int64_t	 id, cust;
	int	 rc;

	if ((rc = order_find(&cs, word, &id, &cust)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	id_format(ID_ORDER, id, rec, sizeof(rec));
	return audit_history(&cs, rec, arg);
}

static int
cmd_history(int argc, char **argv)
{
	struct out	*o;
	int		 rc, orc;

	cli_noopts(&argc, &argv, "history");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, history_cols, history_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	rc = word_loop(argc, argv, each_history, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
cmd_ls(int argc, char **argv)
{
	struct order_filter	 f;
	struct out		*o;
	const char		*since = NULL, *until = NULL;
	int			 ch, rc, orc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv, "C:O:s:k:S:u:", "ls")) != -1) {
		switch (ch) {
		case 'C':
			f.customer = optarg;
			break;
		case 'O':
			f.order = optarg;
			break;
		case 's':
			f.status = optarg;
			break;
		case 'k':
			f.kind = optarg;
			break;
		case 'S':
			since = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		default:
			cli_usage("ls");
		}
	}
	if (optind != argc)
		cli_usage("ls");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((since && (rc = cli_time("-S", since, &f.since)) != 0) ||
	    (until && (rc = cli_time("-u", until, &f.until)) != 0))
		return rc;
	f.has_since = since != NULL;
	f.has_until = until != NULL;
	if ((o = out_open(stdout, order_cols, order_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	cs.err[0] = '\0';
	if ((rc = order_list(&cs, &f, o)) != 0 && cs.err[0] != '\0')
		warnx("%s", cs.err);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
cmd_check(int argc, char **argv)
{
	int	 ch, rc, what = 0;

	while ((ch = cli_opt(argc, argv, "", "check")) != -1) {
		if (ch == CLI_DUP)
			what |= CHECK_DUP;
		else if (ch == CLI_FAILED)
			what |= CHECK_FAILED;
		else if (ch == CLI_STUCK)
			what |= CHECK_STUCK;
		else
			cli_usage("check");
	}
	if (optind != argc || what == 0)
		cli_usage("check");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = order_check(&cs, what, stdout)) != 0 && cs.err[0] != '\0')
		warnx("%s", cs.err);
	return rc;
}

struct move {
	const char	*to;
	const char	*tracking;
};

static int
change_move(struct cs *c, int64_t id, void *arg)
{
	struct move	*m = arg;

	return order_move(c, id, m->to, m->tracking);
}

static int
each_move(const char *word, void *arg)
{
	int64_t	 id, cust;
	int	 rc;

	if ((rc = order_find(&cs, word, &id, &cust)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	return cs_apply(&cs, ID_ORDER, id, change_move, arg);
}

static int
cmd_status(int argc, char **argv)
{
	struct move	 m = { NULL, NULL };
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "t:", "status")) != -1) {
		if (ch == 't')
			m.tracking = optarg;
		else
			cli_usage("status");
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage("status");
	m.to = argv[0];
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return word_loop(argc - 1, argv + 1, each_move, &m);
}

static int
cmd_add(int argc, char **argv)
{
	struct order_in	 in;
	const char	*service = NULL;
	int64_t		 id;
	int		 ch, rc, changed;

	memset(&in, 0, sizeof(in));
	in.currency = "CNY";
	while ((ch = cli_opt(argc, argv, "C:N:i:s:S:L:P:D:", "add")) != -1) {
		switch (ch) {
		case 'L':
			in.city = optarg;
			break;
		case 'P':
			in.pickup = optarg;
			break;
		case 'D':
			in.destination = optarg;
			break;
		case 'C':
			in.customer = optarg;
			break;
		case 'N':
			in.customer_name = optarg;
			break;
		case 'i':
			in.item = optarg;
			break;
		case 's':
			in.status = optarg;
			break;
		case 'S':
			service = optarg;
			break;
		default:
			cli_usage("add");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 3 || in.customer == NULL)
		cli_usage("add");
	in.kind = argv[0];
	in.ref = argv[2];
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	if (service != NULL &&
	    (rc = cli_time("-S", service, &in.service_at)) != 0)
		return rc;
	if ((rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if (in.status == NULL)
		in.status = order_first_state(in.kind);
	if ((rc = field_amount(&cs, argv[1], in.currency, &in.amount)) == 0 &&
	    in.amount == 0)
		rc = cs_error(&cs, CS_DATAERR, "amount %s: an order is more "
		    "than zero", argv[1]);
	if (rc == 0 && (rc = order_record(&cs, &in, &id, &changed)) == 0 &&
	    !changed)
		rc = cs_error(&cs, CS_DATAERR, "ref %s: already O%lld",
		    in.ref, (long long)id);
	if (rc != 0) {
		db_rollback(cs.db);
		warnx("%s", cs.err);
		return rc;
	}
	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	cs_print_id(&cs, ID_ORDER, id);
	return 0;
}

/* The fields options of customer add and set. */
static int
customer_opts(int argc, char **argv, struct customer_in *in)
{
	int	 ch;

	while ((ch = cli_opt(argc, argv, "N:p:i:e:t:n:r:", "customer")) != -1) {
		switch (ch) {
		case 'N':
			in->name = optarg;
			break;
		case 'p':
			in->phone = optarg;
			break;
		case 'i':
			in->idcard = optarg;
			break;
		case 'e':
			in->email = optarg;
			break;
		case 't':
			in->tier = optarg;
			break;
		case 'n':
			in->needs = optarg;
			break;
		case 'r':
			in->role = optarg;
			break;
		default:
			cli_usage("customer");
		}
	}
	return 0;
}

static int
change_customer(struct cs *c, int64_t id, void *arg)
{
	return customer_update(c, id, arg);
}

static int
each_customer_set(const char *word, void *arg)
{
	int64_t	 id;
	int	 rc;

	if ((rc = customer_find(&cs, word, NULL, &id)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	return cs_apply(&cs, ID_CUSTOMER, id, change_customer, arg);
}

static int
each_customer_show(const char *word, void *arg)
{
	static int	 n;
	int64_t		 id;
	int		 rc;

	(void)arg;
	if ((rc = customer_find(&cs, word, NULL, &id)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	if (n++ > 0 && cs.out.mode != OUT_JSON)
		putchar('\n');
	return customer_show(&cs, id, stdout);
}

static int
cmd_customer(int argc, char **argv)
{
	struct customer_in	 in;
	struct out		*o;
	const char		*sub, *tier = NULL;
	int64_t			 id;
	int			 ch, rc, orc;

	if (argc < 2)
		cli_usage("customer");
	sub = argv[1];
	argc--;
	argv++;
	memset(&in, 0, sizeof(in));
	if (strcmp(sub, "add") == 0 || strcmp(sub, "set") == 0) {
		customer_opts(argc, argv, &in);
		argc -= optind;
		argv += optind;
		if ((rc = cli_start(DB_WRITE)) != 0)
			return rc;
		if (*sub == 's')
			return word_loop(argc, argv, each_customer_set, &in);
		if (argc != 0)
			cli_usage("customer");
		if ((rc = db_begin(cs.db)) != 0)
			return rc;
		cs.err[0] = '\0';
		if ((rc = customer_add(&cs, &in, &id)) != 0) {
			db_rollback(cs.db);
			warnx("%s", cs.err);
			return rc;
		}
		if ((rc = db_commit(cs.db)) != 0)
			return rc;
		cs_print_id(&cs, ID_CUSTOMER, id);
		return 0;
	}
	if (strcmp(sub, "show") == 0) {
		cli_noopts(&argc, &argv, "customer");
		if ((rc = cli_start(DB_READ)) != 0)
			return rc;
		return word_loop(argc, argv, each_customer_show, NULL);
	}
	if (strcmp(sub, "ls") != 0)
		cli_usage("customer");
	while ((ch = cli_opt(argc, argv, "t:", "customer")) != -1) {
		if (ch == 't')
			tier = optarg;
		else
			cli_usage("customer");
	}
	if (optind != argc)
		cli_usage("customer");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, customer_cols, customer_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	rc = customer_list(&cs, 0, tier, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

struct route {
	const char	*pickup, *destination;
};

static int
change_route(struct cs *c, int64_t id, void *arg)
{
	struct route	*r = arg;

	return order_route(c, id, r->pickup, r->destination);
}

static int
each_route(const char *word, void *arg)
{
	int64_t	 id, cust;
	int	 rc;

	if ((rc = order_find(&cs, word, &id, &cust)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	return cs_apply(&cs, ID_ORDER, id, change_route, arg);
}

static int
cmd_route(int argc, char **argv)
{
	struct route	 r = { NULL, NULL };
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "P:D:", "route")) != -1) {
		if (ch == 'P')
			r.pickup = optarg;
		else if (ch == 'D')
			r.destination = optarg;
		else
			cli_usage("route");
	}
	if (r.pickup == NULL && r.destination == NULL)
		cli_usage("route");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return word_loop(argc - optind, argv + optind, each_route, &r);
}

static const struct out_col cancel_cols[] = {
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "fee",	"FEE",		OUT_MONEY, 0,		1 },
	{ "rule",	"RULE",		OUT_TEXT,  0,		1 },
};

static int
each_cancel_fee(const char *word, void *arg)
{
	struct out_cell		 c[4];
	struct fee_quote	 q;
	int64_t			 id, cust;
	int			 rc;

	memset(c, 0, sizeof(c));
	if ((rc = order_find(&cs, word, &id, &cust)) != 0 ||
	    (rc = ride_cancel_quote(&cs, id, &q)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	c[0].i = id;
	c[1].i = q.amount;
	c[2].i = q.fee;
	c[3].s = q.rule;
	return out_row(arg, c);
}

static int
cmd_cancel_fee(int argc, char **argv)
{
	struct out	*o;
	int		 rc, orc;

	cli_noopts(&argc, &argv, "cancel-fee");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, cancel_cols, 4, &cs.out)) == NULL)
		return CS_USAGE;
	rc = word_loop(argc, argv, each_cancel_fee, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
change_invoice(struct cs *c, int64_t id, void *arg)
{
	struct move	*m = arg;

	return invoice_move(c, id, m->to, m->tracking);
}

static int
each_invoice_move(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_INVOICE, id, change_invoice, arg);
}

static int
show_invoice(struct cs *c, int64_t id, FILE *fp)
{
	return invoice_show(c, id, fp);
}

static int
invoice_add(int argc, char **argv)
{
	struct invoice_in	 in;
	int64_t			 id;
	int			 ch, rc;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv, "n:a:p:r:", "invoice")) != -1) {
		switch (ch) {
		case 'n':
			in.company = optarg;
			break;
		case 'a':
			in.address = optarg;
			break;
		case 'p':
			in.phone = optarg;
			break;
		case 'r':
			in.contact = optarg;
			break;
		default:
			cli_usage("invoice");
		}
	}
	if (argc - optind != 1)
		cli_usage("invoice");
	in.order = argv[optind];
	if ((rc = cli_start(DB_WRITE)) != 0 || (rc = db_begin(cs.db)) != 0)
		return rc;
	cs.err[0] = '\0';
	if ((rc = invoice_request(&cs, &in, &id)) != 0) {
		db_rollback(cs.db);
		warnx("%s", cs.err);
		return rc;
	}
	if ((rc = db_commit(cs.db)) != 0)
		return rc;
	cs_print_id(&cs, ID_INVOICE, id);
	return 0;
}

static int
invoice_ls(int argc, char **argv, int export)
{
	struct invoice_filter	 f;
	struct out_opts		 oo;
	struct out		*o;
	const char		*month = NULL, *errstr;
	int			 ch, rc, orc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv, export ? "" : "s:O:",
	    "invoice")) != -1) {
		if (ch == 's')
			f.status = optarg;
		else if (ch == 'O')
			f.order = optarg;
		else if (ch == CLI_MONTH && export)
			month = optarg;
		else
			cli_usage("invoice");
	}
	if (optind != argc)
		cli_usage("invoice");
	if ((rc = cli_start(export ? DB_WRITE : DB_READ)) != 0)
		return rc;
	oo = cs.out;
	if (export) {
		/* For the invoicing system: TSV, in full, for finance. */
		if ((rc = agent_require(&cs.actor, ROLE_FINANCE |
		    ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN,
		    "invoice export")) != 0)
			return rc;
		if (period_set(cs.now, PERIOD_MONTH, month ? month : "today",
		    &f.since, &f.until, &errstr) == -1) {
			warnx("--month %s: %s", month, errstr);
			return CS_USAGE;
		}
		if (oo.mode != OUT_JSON)
			oo.mode = OUT_TSV;
		if (oo.fields == NULL)
			oo.fields = "id,order,ref,company,address,phone,"
			    "contact,amount,tax,postage,total,requested";
		oo.unmask = 1;
		if ((rc = db_begin(cs.db)) != 0)
			return rc;
	}
	if ((o = out_open(stdout, invoice_cols, invoice_ncols, &oo)) == NULL) {
		if (export)
			db_rollback(cs.db);
		return CS_USAGE;
	}
	cs.err[0] = '\0';
	rc = export ? invoice_export(&cs, f.since, f.until, o) :
	    invoice_list(&cs, &f, o);
	if (rc != 0 && cs.err[0] != '\0')
		warnx("%s", cs.err);
	orc = out_close(o);
	if (export) {
		/* Recorded only when the whole file went out. */
		if (rc == 0 && orc == 0)
			return db_commit(cs.db);
		db_rollback(cs.db);
	}
	return rc ? rc : orc;
}

static int
cmd_invoice(int argc, char **argv)
{
	struct move	 m = { NULL, NULL };
	const char	*sub;
	int		 ch, rc;

	if (argc < 2)
		cli_usage("invoice");
	sub = argv[1];
	argc--;
	argv++;
	if (strcmp(sub, "request") == 0)
		return invoice_add(argc, argv);
	if (strcmp(sub, "ls") == 0 || strcmp(sub, "export") == 0)
		return invoice_ls(argc, argv, *sub == 'e');
	if (strcmp(sub, "show") == 0)
		return cli_show(argc, argv, ID_INVOICE, show_invoice);
	if (strcmp(sub, "issue") == 0)
		m.to = "issued";
	else if (strcmp(sub, "mail") == 0)
		m.to = "mailed";
	else
		cli_usage("invoice");
	while ((ch = cli_opt(argc, argv, *sub == 'i' ? "n:" : "t:",
	    "invoice")) != -1) {
		if (ch == 'n' || ch == 't')
			m.tracking = optarg;
		else
			cli_usage("invoice");
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc - optind, argv + optind, ID_INVOICE,
	    each_invoice_move, &m);
}

static const struct cli_cmd cmds[] = {
	{ "import", cmd_import, "import [-AP] [file]" },
	{ "add", cmd_add, "add -C customer [-N name] [-i item] [-s status] "
	    "[-S service] [-L city] [-P pickup] [-D destination] "
	    "kind amount ref" },
	{ "status", cmd_status, "status [-t tracking] status [order ...]" },
	{ "show", cmd_show, "show [order ...]" },
	{ "ls", cmd_ls, "ls [-C customer] [-O order] [-s status] [-k kind] "
	    "[-S since] [-u until]" },
	{ "check", cmd_check, "check [--dup] [--failed] [--stuck]" },
	{ "history", cmd_history, "history [order ...]" },
	{ "cancel-fee", cmd_cancel_fee, "cancel-fee [order ...]" },
	{ "route", cmd_route, "route [-P pickup] [-D destination] [order ...]" },
	{ "customer", cmd_customer, "customer add -N name -p phone [-i idcard] "
	    "[-e email] [-t tier] [-n needs] [-r role]" },
	{ "customer", cmd_customer, "customer set [-N name] [-p phone] "
	    "[-i idcard] [-e email] [-t tier] [-n needs] [-r role] "
	    "[customer ...]" },
	{ "customer", cmd_customer, "customer show [customer ...]" },
	{ "customer", cmd_customer, "customer ls [-t tier]" },
	{ "invoice", cmd_invoice, "invoice request -n company -a address "
	    "-p phone -r contact order" },
	{ "invoice", cmd_invoice, "invoice issue [-n number] [invoice ...]" },
	{ "invoice", cmd_invoice, "invoice mail [-t tracking] [invoice ...]" },
	{ "invoice", cmd_invoice, "invoice ls [-s status] [-O order]" },
	{ "invoice", cmd_invoice, "invoice show [invoice ...]" },
	{ "invoice", cmd_invoice, "invoice export [--month month]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
