/*
 * import.c: the lines imports and batches read, each its fields to a
 * request and one change, for the batch verb (run.c): the header
 * columns of the ticket, order and payment imports, the payment
 * system's settle answers, and the refund and grant batch lines.  A
 * line function sets cs->err and returns the status of a rejection.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const struct tsv_col import_ticket_cols[] = {
	[IMP_PHONE] =		{ "customer_phone",	1 },
	[IMP_NAME] =		{ "customer_name",	0 },
	[IMP_CATEGORY] =	{ "category",		1 },
	[IMP_KIND] =		{ "kind",		0 },
	[IMP_PRIORITY] =	{ "priority",		0 },
	[IMP_CHANNEL] =		{ "channel",		0 },
	[IMP_SUBJECT] =		{ "subject",		1 },
	[IMP_CREATED] =		{ "created_at",		0 },
	[IMP_ORDER] =		{ "order_ref",		0 },
	[IMP_REF] =		{ "ref",		0 },
	[IMP_COMPLEXITY] =	{ "complexity",		0 },
};
const int import_ticket_ncols =
    sizeof(import_ticket_cols) / sizeof(import_ticket_cols[0]);

const struct tsv_col import_order_cols[] = {
	[ORD_REF] =		{ "ref",		1 },
	[ORD_KIND] =		{ "kind",		1 },
	[ORD_AMOUNT] =		{ "amount",		1 },
	[ORD_CURRENCY] =	{ "currency",		0 },
	[ORD_STATUS] =		{ "status",		1 },
	[ORD_PHONE] =		{ "customer_phone",	1 },
	[ORD_NAME] =		{ "customer_name",	0 },
	[ORD_SERVICE] =		{ "service_at",		0 },
	[ORD_CREATED] =		{ "created_at",		0 },
	[ORD_ITEM] =		{ "item",		0 },
	[ORD_CITY] =		{ "city",		0 },
	[ORD_PICKUP] =		{ "pickup",		0 },
	[ORD_DEST] =		{ "destination",	0 },
	[ORD_STATUS_AT] =	{ "status_at",		0 },
};
const int import_order_ncols =
    sizeof(import_order_cols) / sizeof(import_order_cols[0]);

const struct tsv_col import_payment_cols[] = {
	[PAY_ORDER] =		{ "order_ref",		1 },
	[PAY_TXN] =		{ "txn",		1 },
	[PAY_AMOUNT] =		{ "amount",		1 },
	[PAY_AT] =		{ "paid_at",		1 },
	[PAY_STATUS] =		{ "status",		0 },
	[PAY_CHANNEL] =		{ "channel",		0 },
};
const int import_payment_ncols =
    sizeof(import_payment_cols) / sizeof(import_payment_cols[0]);

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

int
import_amount(struct cs *c, const char *v, const char *currency, int64_t *a)
{
	const char	*errstr;

	if (money_digits(currency) == -1)
		return cs_error(c, CS_DATAERR, "currency \"%s\": unknown",
		    currency);
	if (money_parse(v, currency, a, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "amount %s: %s", v, errstr);
	return 0;
}

/* Recorded, or seen before with the same fields (nothing printed). */
static int
recorded(int rc, const int *changed, int *outcome)
{
	*outcome = *changed ? LINE_APPLIED : LINE_DONE_BEFORE;
	return rc;
}

int
import_ticket(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	struct ticket_new	 tn;
	const char		*errstr, *v, *phone;
	char			 oref[256], others[80];
	int			 changed = 0, rc;

	memset(&tn, 0, sizeof(tn));
	phone = tsv_get(r, IMP_PHONE);
	if (phone == NULL || !phone_valid(phone))
		return cs_error(c, CS_DATAERR, "customer_phone: %s", phone ?
		    "not a mobile phone number" : "missing");
	tn.customer = phone;
	tn.customer_name = tsv_get(r, IMP_NAME);
	tn.category = tsv_get(r, IMP_CATEGORY);
	tn.kind = tsv_get(r, IMP_KIND);
	tn.priority = tsv_get(r, IMP_PRIORITY);
	tn.channel = tsv_get(r, IMP_CHANNEL);
	tn.subject = tsv_get(r, IMP_SUBJECT);
	if (tn.category == NULL || tn.subject == NULL)
		return cs_error(c, CS_DATAERR, "%s: missing", tn.category ?
		    "subject" : "category");
	if ((v = tsv_get(r, IMP_CREATED)) != NULL &&
	    clock_parse(v, c->now, &tn.created_at, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "created_at %s: %s", v, errstr);
	if ((v = tsv_get(r, IMP_ORDER)) != NULL) {
		snprintf(oref, sizeof(oref), "ref:%s", v);
		tn.order = oref;
	}
	tn.ref = tsv_get(r, IMP_REF);
	/* As new -x: the promised reply follows from it. */
	tn.complexity = tsv_get(r, IMP_COMPLEXITY);
	rc = ticket_import(c, &tn, id, &changed, others, sizeof(others));
	/* Imported before: what the line would change is said, not done. */
	if (rc == 0 && others[0] != '\0')
		tsv_warn(r, "ref %s: already T%lld; the line's %s not taken "
		    "(T%lld keeps its own)", tn.ref, (long long)*id, others,
		    (long long)*id);
	return recorded(rc, &changed, outcome);
}

/*
 * A ticket line is refused before its first write (its customer, when
 * new), but for the order it names, found only once the customer is:
 * such a line alone gets a savepoint, whose copies of every page the
 * line writes were a fifth of an import's time.
 */
int
import_ticket_savepoint(struct tsv *r)
{
	return tsv_get(r, IMP_ORDER) != NULL;
}

/* A line with its ref is found again when run again, not made twice. */
int
import_ticket_keyed(struct tsv *r)
{
	return tsv_get(r, IMP_REF) != NULL;
}

int
import_order(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	const struct tsv_col	*cols = import_order_cols;
	struct order_in		 in;
	const char		*amount;
	char			 where[300];
	int			 rc, changed = 0;

	memset(&in, 0, sizeof(in));
	snprintf(where, sizeof(where), "%s:%zu", r->name, r->lineno);
	in.where = where;
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
		in.currency = c->conf.currency;
	if ((rc = import_amount(c, amount, in.currency, &in.amount)) != 0 ||
	    (rc = field_time(c, r, ORD_SERVICE, "service_at",
	    &in.service_at)) != 0 ||
	    (rc = field_time(c, r, ORD_CREATED, "created_at",
	    &in.created_at)) != 0 ||
	    (rc = field_time(c, r, ORD_STATUS_AT, "status_at",
	    &in.status_at)) != 0)
		return rc;
	return recorded(order_record(c, &in, id, &changed), &changed, outcome);
}

int
import_payment(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	const struct tsv_col	*cols = import_payment_cols;
	struct payment_in	 in;
	struct order_info	 o;
	const char		*amount;
	char			 spec[256], where[300];
	int			 rc, changed = 0;

	memset(&in, 0, sizeof(in));
	snprintf(where, sizeof(where), "%s:%zu", r->name, r->lineno);
	in.where = where;
	if ((rc = need(c, r, PAY_ORDER, cols, &in.order_ref)) != 0 ||
	    (rc = need(c, r, PAY_TXN, cols, &in.txn)) != 0 ||
	    (rc = need(c, r, PAY_AMOUNT, cols, &amount)) != 0)
		return rc;
	/* A payment is in its order's currency: 10000 on a JPY order. */
	snprintf(spec, sizeof(spec), "ref:%s", in.order_ref);
	if ((rc = order_load(c, spec, &o)) != 0 ||
	    (rc = import_amount(c, amount, o.currency, &in.amount)) != 0)
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
	return recorded(payment_record(c, &in, id, &changed), &changed,
	    outcome);
}

enum { SET_REFUND, SET_RESULT, SET_TXN, SET_KEY };

int
settle_line(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	const char	*errstr;
	int		 changed = 0;

	if (r->nf < 2 || r->nf > 4)
		return cs_error(c, CS_DATAERR, "%d field%s; want REFUND, "
		    "ok|failed, TXN and KEY", r->nf, r->nf == 1 ? "" : "s");
	if (id_parse(r->f[SET_REFUND], ID_REFUND, id, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "%s %s", r->f[SET_REFUND],
		    errstr);
	return recorded(refund_settle(c, *id, r->f[SET_RESULT], r->nf >= 3 &&
	    r->f[SET_TXN][0] != '\0' ? r->f[SET_TXN] : NULL, r->nf == 4 &&
	    r->f[SET_KEY][0] != '\0' ? r->f[SET_KEY] : NULL, &changed),
	    &changed, outcome);
}

/* A refund or grant's outcome as a line's. */
static int
requested(int refund_outcome)
{
	return refund_outcome == REFUND_DONE_BEFORE ? LINE_DONE_BEFORE :
	    refund_outcome == REFUND_WAITING_BEFORE ? LINE_WAITING_BEFORE :
	    refund_outcome == REFUND_WAITING ? LINE_WAITING : LINE_APPLIED;
}

/* A refund batch's line ORDER AMOUNT [KEY [NOTE]] as a request. */
static int
refund_fields(struct cs *c, int nf, char *const *f, const struct cli_batch *b,
    struct refund_in *in)
{
	if (nf < 2 || nf > 4)
		return cs_error(c, CS_DATAERR, "%d field%s; want ORDER, "
		    "AMOUNT, and maybe KEY and NOTE", nf, nf == 1 ? "" : "s");
	memset(in, 0, sizeof(*in));
	in->order = f[0];
	in->amount = f[1];
	in->key = nf > 2 && f[2][0] != '\0' ? f[2] : NULL;
	in->note = nf > 3 && f[3][0] != '\0' ? f[3] : NULL;
	in->reason = b->arg;
	return 0;
}

int
refund_line(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	struct refund_in	 in;
	struct fee_quote	 q;
	int64_t			 order, cust;
	int			 rc, ro = REFUND_APPLIED;

	if ((rc = refund_fields(c, r->nf, r->f, b, &in)) != 0)
		return rc;
	rc = refund_request(c, &in, id, &ro, &q);
	if ((*outcome = requested(ro)) == LINE_DONE_BEFORE ||
	    *outcome == LINE_WAITING_BEFORE || rc != 0 || !b->dry)
		return rc;
	if (order_find(c, in.order, &order, &cust) != 0)
		return CS_SOFTWARE;
	return refund_quote_row(b->out, order, &q);
}

int
refund_lines(struct cs *c, struct cli_batch *b, const struct batch_line *l,
    size_t n, struct batch_res *res)
{
	struct refund_in	*in;
	size_t			 i, j;
	int			 rc = 0;

	if ((in = calloc(n, sizeof(*in))) == NULL)
		err(CS_SOFTWARE, NULL);
	for (i = 0; i < n; i++) {
		res[i].rc = -1;
		c->err[0] = '\0';
		if ((res[i].rc = refund_fields(c, l[i].nf, l[i].f, b,
		    &in[i])) != 0) {
			res[i].outcome = LINE_APPLIED;
			strlcpy(res[i].msg, c->err, sizeof(res[i].msg));
		}
	}
	/* The runs of lines between those refused, each at once. */
	for (i = 0; i < n && rc == 0; i = j) {
		for (j = i; j < n && res[j].rc == 0; j++)
			res[j].rc = -1;
		if (j == i) {
			j++;
			continue;
		}
		rc = refund_request_many(c, in + i, j - i, res + i);
		for (; i < j; i++)
			res[i].outcome = requested(res[i].outcome);
	}
	free(in);
	return rc;
}

int
grant_line(struct cs *c, struct tsv *r, struct cli_batch *b, int64_t *id,
    int *outcome)
{
	struct grant_in	 in;
	int		 rc, ro = REFUND_APPLIED;

	if (r->nf < 2 || r->nf > 4)
		return cs_error(c, CS_DATAERR, "%d field%s; want CUSTOMER, "
		    "VALUE, and maybe KEY and NOTE", r->nf,
		    r->nf == 1 ? "" : "s");
	in = *(const struct grant_in *)b->arg;
	in.customer = r->f[0];
	in.value = r->f[1];
	in.key = r->nf > 2 && r->f[2][0] != '\0' ? r->f[2] : NULL;
	in.note = r->nf > 3 && r->f[3][0] != '\0' ? r->f[3] : NULL;
	rc = grant_request(c, &in, id, &ro);
	*outcome = requested(ro);
	return rc;
}
