/*
 * invoice.c: invoices for paid orders (the cloud-drive desk).  The
 * customer's company, address, phone and contact; the amount is the
 * order's plus the configured tax rate plus the configured postage, all
 * in integer minor units.  States: requested, issued, mailed.  Finance
 * takes the requested ones at month end as TSV.
 */
#include <err.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/*
 * An invoice is China's fapiao (发票): in yuan, its postage too, on a
 * desk of any currency; an order in another currency has none.
 */
#define INVOICE_CURRENCY	"CNY"

int
invoice_amount(int64_t amount, int64_t rate, int64_t postage, int64_t *tax,
    int64_t *total)
{
	int64_t	 p;

	if (amount < 0 || rate < 0 || rate > 10000 || postage < 0)
		return -1;
	/* Half a fen and more rounds up: (amount * rate + 5000) / 10000. */
	if (__builtin_mul_overflow(amount, rate, &p) ||
	    __builtin_add_overflow(p, 5000, &p))
		return -1;
	*tax = p / 10000;
	if (__builtin_add_overflow(amount, *tax, total) ||
	    __builtin_add_overflow(*total, postage, total))
		return -1;
	return 0;
}

int
invoice_rate_parse(const char *s, int64_t *bp, const char **errstr)
{
	char	 buf[32];
	size_t	 n = strlen(s);

	if (n == 0 || n >= sizeof(buf)) {
		*errstr = "not a percentage";
		return -1;
	}
	strlcpy(buf, s, sizeof(buf));
	if (buf[n - 1] == '%')
		buf[n - 1] = '\0';
	if (money_parse_digits(buf, 2, bp, errstr) == -1)
		return -1;
	if (*bp > 10000) {
		*errstr = "more than 100%";
		return -1;
	}
	return 0;
}

/* One line of printable text, 1 to 200 bytes; else 65 naming what. */
static int
line_ok(struct cs *cs, const char *what, const char *s)
{
	size_t		 n, len;
	uint32_t	 cp;

	if (s == NULL || *s == '\0')
		return cs_error(cs, CS_DATAERR, "an invoice needs the %s",
		    what);
	if ((n = strlen(s)) > 200)
		return cs_error(cs, CS_DATAERR, "%s longer than 200 bytes",
		    what);
	for (; n > 0; s += len, n -= len) {
		if ((len = utf8_decode(s, n, &cp)) == 0)
			return cs_error(cs, CS_DATAERR, "invalid UTF-8 in %s",
			    what);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return cs_error(cs, CS_DATAERR, "control character "
			    "in %s", what);
	}
	return 0;
}

/* A telephone number as printed on an invoice: 010-12345678, +86... */
static int
inv_phone_ok(const char *s)
{
	size_t	 n = strlen(s), digits = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '-' && !(s[i] == '+' && i == 0))
			return 0;
	}
	return digits >= 5 && digits <= 20;
}

static const char insert_sql[] =
    "INSERT INTO invoice (order_id, company, address, phone, contact,"
    " amount, tax_rate, tax, postage, total, requested_by, created_at,"
    " updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)"
    " RETURNING id";

int
invoice_request(struct cs *cs, const struct invoice_in *in, int64_t *id)
{
	struct order_info	 o;
	struct jbuf		 j;
	struct db_stmt		*st;
	char			 a[32], b[32], rec[32];
	int64_t			 v[2], paid = 0, refunded = 0, tax, total;
	int			 rc;

	if ((rc = order_load(cs, in->order, &o)) != 0)
		return rc;
	if ((rc = line_ok(cs, "company name (-n)", in->company)) != 0 ||
	    (rc = line_ok(cs, "address (-a)", in->address)) != 0 ||
	    (rc = line_ok(cs, "phone (-p)", in->phone)) != 0 ||
	    (rc = line_ok(cs, "contact (-r)", in->contact)) != 0)
		return rc;
	if (!inv_phone_ok(in->phone))
		return cs_error(cs, CS_DATAERR, "phone %s: digits, '-' and a "
		    "leading '+'", in->phone);
	if (strcmp(o.currency, INVOICE_CURRENCY) != 0)
		return cs_error(cs, CS_DATAERR, "O%lld: an invoice is in %s, "
		    "not %s", (long long)o.id, INVOICE_CURRENCY, o.currency);
	rc = db_lookup(cs->db, "SELECT id, 0 FROM invoice WHERE order_id = $1",
	    NULL, o.id, v, 2);
	if (rc == 0)
		return cs_error(cs, CS_DATAERR, "O%lld: already invoiced as "
		    "I%lld", (long long)o.id, (long long)v[0]);
	if (rc != CS_NOINPUT)
		return cs_error(cs, rc, "invoice lookup");
	if ((rc = db_lookup(cs->db, "SELECT amount, 0 FROM orders"
	    " WHERE id = $1", NULL, o.id, v, 2)) != 0)
		return cs_error(cs, rc, "O%lld: no such order", (long long)o.id);
	if ((rc = order_money(cs, o.id, &paid, &refunded)) != 0)
		return rc;
	if (paid - refunded < v[0]) {
		money_format(paid - refunded, INVOICE_CURRENCY, a, sizeof(a));
		money_format(v[0], INVOICE_CURRENCY, b, sizeof(b));
		return cs_error(cs, CS_DATAERR, "O%lld: paid %s of %s: an "
		    "invoice is only for an order paid in full", (long long)o.id,
		    a, b);
	}
	if (invoice_amount(v[0], cs->rules.invoice_tax,
	    cs->rules.invoice_postage, &tax, &total) == -1)
		return cs_error(cs, CS_DATAERR, "O%lld: amount out of range",
		    (long long)o.id);
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, o.id);
	db_bind_text(st, 2, in->company);
	db_bind_text(st, 3, in->address);
	db_bind_text(st, 4, in->phone);
	db_bind_text(st, 5, in->contact);
	db_bind_int(st, 6, v[0]);
	db_bind_int(st, 7, cs->rules.invoice_tax);
	db_bind_int(st, 8, tax);
	db_bind_int(st, 9, cs->rules.invoice_postage);
	db_bind_int(st, 10, total);
	db_bind_text(st, 11, cs->actor.name);
	db_bind_int(st, 12, cs->now);
	db_bind_int(st, 13, cs->now);
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "invoice"), "invoice "
		    "failed");
	jbuf_init(&j);
	id_format(ID_ORDER, o.id, rec, sizeof(rec));
	jbuf_str(&j, "order", rec);
	jbuf_str(&j, "company", in->company);
	money_format(total, INVOICE_CURRENCY, a, sizeof(a));
	jbuf_str(&j, "total", a);
	if ((rc = cs_audit(cs, ID_INVOICE, *id, "invoice.request", &j)) != 0)
		return rc;
	jbuf_init(&j);
	id_format(ID_INVOICE, *id, rec, sizeof(rec));
	jbuf_str(&j, "invoice", rec);
	return cs_audit(cs, ID_ORDER, o.id, "order.invoice", &j);
}

/*
 * Is the order's money all refunded (or asked back): no invoice for it.
 * All that was paid, not the price: a duplicate payment refunded leaves
 * the order paid, and invoiced.
 */
static int
refunded_in_full(struct cs *cs, int64_t order, int64_t amount, int *full)
{
	int64_t	 paid, refunded;
	int	 rc;

	if ((rc = order_money(cs, order, &paid, &refunded)) != 0)
		return rc;
	*full = amount > 0 && refunded > 0 && refunded >= paid;
	return 0;
}

static const char move_sql[] =
    "SELECT status, order_id, amount, coalesce(number, ''),"
    " coalesce(tracking, '') FROM invoice WHERE id = $1";

int
invoice_move(struct cs *cs, int64_t id, const char *to, const char *number)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*what;
	char		 from[16], had[72];
	int64_t		 order, amount, other;
	int		 issue, rc, full;

	issue = strcmp(to, "issued") == 0;
	if (!issue && strcmp(to, "mailed") != 0)
		return cs_error(cs, CS_SOFTWARE, "invoice state %s", to);
	what = issue ? "invoice number" : "tracking number";
	if (number == NULL || *number == '\0')
		return cs_error(cs, CS_USAGE, "I%lld: an invoice is %s with "
		    "its %s (%s)", (long long)id, to, what, issue ? "-n" : "-t");
	if (strlen(number) > 64 || !cs_name_ok(number))
		return cs_error(cs, CS_DATAERR, "%s \"%s\": letters, digits, "
		    "'.', '-', '_'", what, number);
	if ((rc = cs_get(cs, move_sql, ID_INVOICE, id, &st)) != 0)
		return rc;
	strlcpy(from, db_col_text(st, 0), sizeof(from));
	order = db_col_int(st, 1);
	amount = db_col_int(st, 2);
	strlcpy(had, db_col_text(st, issue ? 3 : 4), sizeof(had));
	db_reset(st);
	/* The same answer again is done; another one is a clash. */
	if (strcmp(from, to) == 0 || (issue && strcmp(from, "mailed") == 0)) {
		if (strcmp(had, number) == 0)
			return 0;
		return cs_error(cs, CS_DATAERR, "I%lld is %s with %s %s, not "
		    "%s", (long long)id, to, what, had, number);
	}
	if (strcmp(from, issue ? "requested" : "issued") != 0)
		return cs_error(cs, CS_DATAERR, "I%lld is %s: only %s invoice "
		    "is %s", (long long)id, from, issue ? "a requested" :
		    "an issued", to);
	if (issue) {
		/* A tax invoice's number is its own. */
		if ((st = db_stmt(cs->db, "SELECT id FROM invoice"
		    " WHERE number = $1")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, number);
		rc = db_step(st);
		other = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc == DB_ROW)
			return cs_error(cs, CS_DATAERR, "I%lld: invoice number "
			    "%s is I%lld's", (long long)id, number,
			    (long long)other);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "invoice"),
			    "invoice lookup");
		if ((rc = refunded_in_full(cs, order, amount, &full)) != 0)
			return rc;
		if (full)
			return cs_error(cs, CS_DATAERR, "I%lld: O%lld is "
			    "refunded in full: no invoice is issued for it",
			    (long long)id, (long long)order);
	}
	if ((st = db_stmt(cs->db, issue ?
	    "UPDATE invoice SET status = 'issued', number = $1,"
	    " issued_at = $2, updated_at = $2 WHERE id = $3" :
	    "UPDATE invoice SET status = 'mailed', tracking = $1,"
	    " mailed_at = $2, updated_at = $2 WHERE id = $3")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, number);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "invoice"), "invoice "
		    "failed");
	jbuf_init(&j);
	jbuf_str(&j, "from", from);
	jbuf_str(&j, "to", to);
	jbuf_str(&j, issue ? "number" : "tracking", number);
	return cs_audit(cs, ID_INVOICE, id, issue ? "invoice.issue" :
	    "invoice.mail", &j);
}

const struct out_col invoice_cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_INVOICE,	1 },
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "ref",	"REF",		OUT_TEXT,  0,		0 },
	{ "company",	"COMPANY",	OUT_TEXT,  OUT_PROSE,	1 },
	{ "address",	"ADDRESS",	OUT_TEXT,  OUT_PROSE,	0 },
	{ "phone",	"PHONE",	OUT_PHONE, 0,		0 },
	{ "contact",	"CONTACT",	OUT_NAME,  0,		0 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "tax",	"TAX",		OUT_MONEY, 0,		1 },
	{ "postage",	"POSTAGE",	OUT_MONEY, 0,		1 },
	{ "total",	"TOTAL",	OUT_MONEY, 0,		1 },
	{ "status",	"STATUS",	OUT_TEXT,  0,		1 },
	{ "requested",	"REQUESTED",	OUT_TIME,  0,		0 },
	{ "number",	"NUMBER",	OUT_TEXT,  0,		0 },
	{ "tracking",	"TRACKING",	OUT_TEXT,  0,		0 },
	{ "tax_rate",	"RATE%",	OUT_DECIMAL, 2,		0 },
};
const int invoice_ncols = sizeof(invoice_cols) / sizeof(invoice_cols[0]);

#define INVOICE_COLS							\
    "SELECT i.id, i.order_id, o.ref, i.company, i.address, i.phone,"	\
    " i.contact, i.amount, i.tax, i.postage, i.total, i.status,"	\
    " i.created_at, i.number, i.tracking, i.tax_rate"			\
    " FROM invoice i JOIN orders o ON o.id = i.order_id"
static const char by_status_sql[] = INVOICE_COLS
    " WHERE i.status = $1 AND i.created_at >= $2 AND i.created_at < $3"
    " ORDER BY i.id";
static const char by_order_sql[] = INVOICE_COLS
    " WHERE i.order_id = $4 ORDER BY i.id";
static const char all_sql[] = INVOICE_COLS
    " WHERE i.created_at >= $2 AND i.created_at < $3 ORDER BY i.id";
static const char one_sql[] = INVOICE_COLS " WHERE i.id = $4";

int
invoice_list(struct cs *cs, struct invoice_filter *f, struct out *o)
{
	struct out_cell	 cells[sizeof(invoice_cols) / sizeof(invoice_cols[0])];
	struct db_stmt	*st;
	int64_t		 oid = 0, cust;
	int		 rc, orc = 0, full;

	if (f->order != NULL &&
	    (rc = order_find(cs, f->order, &oid, &cust)) != 0)
		return rc;
	st = f->id ? db_stmt(cs->db, one_sql) : db_listing(cs->db, f->order ?
	    by_order_sql : f->status ? by_status_sql : all_sql);
	if (st == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, f->status);
	db_bind_int(st, 2, f->has_since ? f->since : INT64_MIN);
	db_bind_int(st, 3, f->has_until ? f->until : INT64_MAX);
	db_bind_int(st, 4, f->id ? f->id : oid);
	while ((rc = db_step(st)) == DB_ROW) {
		if (f->live && (orc = refunded_in_full(cs, db_col_int(st, 1),
		    db_col_int(st, 7), &full)) != 0)
			break;
		if (f->live && full) {
			warnx("I%lld: O%lld is refunded in full: left out",
			    (long long)db_col_int(st, 0),
			    (long long)db_col_int(st, 1));
			f->left_out++;
			continue;
		}
		db_row_cells(st, cells, invoice_ncols);
		/* Whose contact an unmasked row shows: the order's customer. */
		if ((cs->out.unmask && (orc = customer_of_id(cs, ID_INVOICE,
		    cells[0].i)) != 0) || (orc = out_row(o, cells)) != 0)
			break;
		f->count++;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = cs_error(cs, db_fail(cs->db, "invoices"), "invoices");
	db_reset(st);
	return orc;
}

int
invoice_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const char *const labels[] = { "id", "invoice", NULL };
	static const struct out_record show = {
		.cols = invoice_cols,
		.ncols = sizeof(invoice_cols) / sizeof(invoice_cols[0]),
		.width = 10, .labels = labels,
	};
	struct out_cell	 cells[sizeof(invoice_cols) / sizeof(invoice_cols[0])];
	struct db_stmt	*st;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_INVOICE, id)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, one_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 4, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return db_fail(cs->db, "invoice");
		warnx("I%lld: no such invoice", (long long)id);
		return CS_NOINPUT;
	}
	db_row_cells(st, cells, invoice_ncols);
	if (cs->out.mode == OUT_JSON) {
		/* The columns of ls -j, and the history. */
		fputc('{', fp);
		rc = out_record_json(fp, &show, cells, cs->out.unmask);
		db_reset(st);
		fputc(',', fp);
		if (rc != 0 ||
		    (rc = history_json(cs, ID_INVOICE, id, fp)) != 0)
			return rc;
		fputs("}\n", fp);
		return 0;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc != 0)
		return rc;
	return history_section(cs, ID_INVOICE, id, fp);
}

int
invoice_export(struct cs *cs, const char *month, FILE *fp)
{
	struct invoice_filter	 f;
	struct out_opts		 oo;
	struct out		*o;
	struct jbuf		 j;
	const char		*errstr;
	char			 a[32], b[32];
	int64_t			 since, until;
	int			 rc, orc;

	if (period_set(cs->now, PERIOD_MONTH, month, &since, &until,
	    &errstr) == -1)
		return cs_error(cs, CS_USAGE, "--month %s: %s", month, errstr);
	if ((rc = agent_require(&cs->actor, ROLE_FINANCE | ROLE_SUPERVISOR |
	    ROLE_MANAGER | ROLE_ADMIN, "invoice export")) != 0)
		return rc;
	oo = cs->out;
	if (oo.mode != OUT_JSON && oo.mode != OUT_CSV && oo.mode != OUT_EXCEL)
		oo.mode = OUT_TSV;
	if (oo.fields == NULL)
		oo.fields = "id,order,ref,company,address,phone,contact,"
		    "amount,tax,postage,total,requested";
	oo.unmask = 1;
	if ((o = out_open(fp, invoice_cols, invoice_ncols, &oo)) == NULL)
		return CS_USAGE;
	memset(&f, 0, sizeof(f));
	f.status = "requested";
	f.live = 1;
	f.since = since;
	f.until = until;
	f.has_since = f.has_until = 1;
	rc = invoice_list(cs, &f, o);
	/* Recorded only when the whole file went out. */
	if ((orc = out_close(o)) != 0 || rc != 0)
		return rc ? rc : orc;
	/* Who took the invoices' personal data, and which. */
	clock_format_iso(since, a, sizeof(a));
	clock_format_iso(until, b, sizeof(b));
	jbuf_init(&j);
	jbuf_str(&j, "since", a);
	jbuf_str(&j, "until", b);
	jbuf_int(&j, "invoices", f.count);
	if (f.left_out > 0)
		jbuf_int(&j, "refunded_left_out", f.left_out);
	rc = cs_trail(cs, cs->now, "invoice.export", "-", jbuf_end(&j));
	jbuf_free(&j);
	return rc;
}

static int
kw_invoice_tax(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr;

	if (argc != 2) {
		conf_err(p, "usage: invoice-tax PERCENT");
		return CS_CONFIG;
	}
	if (invoice_rate_parse(argv[1], &c->invoice_tax, &errstr) == -1) {
		conf_err(p, "invoice-tax %s: %s", argv[1], errstr);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_invoice_postage(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr;

	if (argc != 2) {
		conf_err(p, "usage: invoice-postage AMOUNT");
		return CS_CONFIG;
	}
	/* An invoice is China's fapiao: its postage is yuan on any desk. */
	if (money_parse(argv[1], INVOICE_CURRENCY, &c->invoice_postage,
	    &errstr) == -1) {
		conf_err(p, "invoice-postage %s: %s (in %s)", argv[1], errstr,
		    INVOICE_CURRENCY);
		return CS_CONFIG;
	}
	return 0;
}

static const struct conf_keyword invoice_keywords[] = {
	{ "invoice-postage",	kw_invoice_postage },
	{ "invoice-tax",	kw_invoice_tax },
	{ NULL,			NULL },
};

static void
invoice_defaults(struct rules *c)
{
	/* The cloud-drive deck: 6% tax and 50 yuan postage. */
	c->invoice_tax = 600;
	c->invoice_postage = 5000;
}

static void
invoice_print(const struct rules *c, FILE *fp)
{
	char	 a[32];

	money_format_digits(c->invoice_tax, 2, a, sizeof(a));
	fprintf(fp, "invoice-tax %s%%\n", a);
	if (strcmp(c->currency, INVOICE_CURRENCY) != 0)
		fprintf(fp, "# invoice-postage: in %s (an invoice is a "
		    "fapiao), not the desk's %s\n", INVOICE_CURRENCY,
		    c->currency);
	money_format(c->invoice_postage, INVOICE_CURRENCY, a, sizeof(a));
	fprintf(fp, "invoice-postage %s\n", a);
}

const struct rule_conf invoice_conf = {
	invoice_keywords, invoice_defaults, invoice_print, NULL
};
