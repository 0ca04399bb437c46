/*
 * order_list.c: orders as the desk reads them while a customer waits:
 * the listing by customer, reference, status or kind, and one order in
 * full with its payments, refunds, tickets and history.
 */
#include <err.h>
#include <string.h>

#include "desk.h"

/* The TSV/JSON contract of `cs-order ls`: append only. */
const struct out_col order_cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_ORDER,	1 },
	{ "ref",	"REF",		OUT_TEXT,  0,		1 },
	{ "kind",	"KIND",		OUT_TEXT,  0,		1 },
	{ "status",	"STATUS",	OUT_TEXT,  0,		1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "currency",	"CUR",		OUT_TEXT,  0,		1 },
	{ "customer",	"CUSTOMER",	OUT_ID,	   ID_CUSTOMER,	1 },
	{ "service",	"SERVICE",	OUT_TIME,  0,		1 },
	{ "created",	"CREATED",	OUT_TIME,  0,		1 },
	{ "paid",	"PAID",		OUT_MONEY, 0,		0 },
	{ "refunded",	"REFUNDED",	OUT_MONEY, 0,		0 },
	{ "name",	"NAME",		OUT_NAME,  0,		0 },
	{ "phone",	"PHONE",	OUT_PHONE, 0,		0 },
	{ "tracking",	"TRACKING",	OUT_TEXT,  0,		0 },
	{ "item",	"ITEM",		OUT_TEXT,  0,		0 },
	{ "needs",	"NEEDS",	OUT_TEXT,  0,		1 },
	{ "city",	"CITY",		OUT_TEXT,  0,		0 },
	{ "pickup",	"PICKUP",	OUT_TEXT,  OUT_PROSE,	0 },
	{ "destination", "DESTINATION",	OUT_TEXT,  OUT_PROSE,	0 },
	{ "accepted",	"ACCEPTED",	OUT_TIME,  0,		0 },
	{ "arrived",	"ARRIVED",	OUT_TIME,  0,		0 },
	{ "cancel_fee",	"CANCEL FEE",	OUT_MONEY, 0,		0 },
	{ "cancel_rule", "CANCEL RULE",	OUT_TEXT,  0,		0 },
	{ "refund_pending", "REFUND PENDING", OUT_MONEY, 0,	0 },
	{ "paid_back",	"PAID BACK",	OUT_MONEY, 0,		0 },
};
const int order_ncols = sizeof(order_cols) / sizeof(order_cols[0]);

#define ORDER_COLS							\
    "SELECT o.id, o.ref, o.kind, o.status, o.amount, o.currency,"	\
    " o.customer_id, o.service_at, o.created_at,"			\
    " (SELECT money_sum(amount) FROM payment"			\
    "   WHERE order_id = o.id AND status = 'ok'),"			\
    " o.refund_pending + o.refund_paid,"				\
    " c.name, c.phone, o.tracking, o.item, nullif(c.needs, ''),"	\
    " o.city, o.pickup, o.destination, o.accepted_at, o.arrived_at,"	\
    " o.cancel_fee, o.cancel_rule, o.refund_pending, o.refund_paid"	\
    " FROM orders o JOIN customer c ON c.id = o.customer_id"

static const char by_customer_sql[] =
    ORDER_COLS " WHERE o.customer_id = $1 ORDER BY o.id";
static const char by_id_sql[] = ORDER_COLS " WHERE o.id = $1";
static const char by_status_sql[] =
    ORDER_COLS " WHERE o.status = $1 ORDER BY o.id";
static const char all_sql[] = ORDER_COLS " ORDER BY o.id";
static const char by_time_sql[] =
    ORDER_COLS " WHERE o.created_at >= $1 AND o.created_at < $2"
    " ORDER BY o.created_at, o.id";

static int
emit(struct cs *cs, struct db_stmt *st, const struct order_filter *f,
    struct out *o)
{
	struct out_cell	 cells[sizeof(order_cols) / sizeof(order_cols[0])];
	int64_t		 created;
	int		 rc, orc = 0;

	while ((rc = db_step(st)) == DB_ROW) {
		created = db_col_int(st, 8);
		if ((f->kind != NULL &&
		    strcmp(db_col_text(st, 2), f->kind) != 0) ||
		    (f->status != NULL &&
		    strcmp(db_col_text(st, 3), f->status) != 0) ||
		    (f->has_since && created < f->since) ||
		    (f->has_until && created >= f->until))
			continue;
		db_row_cells(st, cells, order_ncols);
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, "orders");
	db_reset(st);
	return orc;
}

int
order_list(struct cs *cs, const struct order_filter *f, struct out *o)
{
	struct db_stmt	*st;
	int64_t		 id = 0, cust = 0;
	int		 rc;

	if ((rc = order_filter_ok(cs, f->kind, f->status)) != 0 ||
	    (rc = cs_period_ok(cs, f->has_since, f->since, f->has_until,
	    f->until)) != 0)
		return rc;
	if (f->customer != NULL) {
		if ((rc = customer_find(cs, f->customer, NULL, &cust)) != 0)
			return rc;
		if ((st = db_listing(cs->db, by_customer_sql)) != NULL)
			db_bind_int(st, 1, cust);
	} else if (f->order != NULL) {
		if ((rc = order_find(cs, f->order, &id, &cust)) != 0)
			return rc;
		if ((st = db_stmt(cs->db, by_id_sql)) != NULL)
			db_bind_int(st, 1, id);
	} else if (f->status != NULL) {
		if ((st = db_listing(cs->db, by_status_sql)) != NULL)
			db_bind_text(st, 1, f->status);
	} else if (!f->has_since && !f->has_until)
		st = db_listing(cs->db, all_sql);
	else if ((st = db_listing(cs->db, by_time_sql)) != NULL) {
		db_bind_int(st, 1, f->has_since ? f->since : INT64_MIN);
		db_bind_int(st, 2, f->has_until ? f->until : INT64_MAX);
	}
	if (st == NULL)
		return CS_SOFTWARE;
	return emit(cs, st, f, o);
}

static const char pay_sql[] =
    "SELECT id, txn, amount, status, channel, paid_at FROM payment"
    " WHERE order_id = $1 ORDER BY paid_at, id";
static const char refunds_sql[] =
    "SELECT id, amount, fee, status, reason, key FROM refund"
    " WHERE order_id = $1 ORDER BY id";
static const char tickets_sql[] =
    "SELECT id, status, category, subject FROM ticket WHERE order_id = $1"
    " ORDER BY id";

/*
 * What `cs-order show` lists under the order, one description per query
 * above: the arrays of -j, and the indented rows on a terminal.
 */
static const struct out_col pay_cols[] = {
	{ "id",		"", OUT_ID,    ID_PAYMENT,	1 },
	{ "txn",	"", OUT_TEXT,  0,		1 },
	{ "amount",	"", OUT_MONEY, 0,		1 },
	{ "status",	"", OUT_TEXT,  0,		1 },
	{ "channel",	"", OUT_TEXT,  0,		1 },
	{ "paid",	"", OUT_TIME,  0,		1 },
};
static const struct out_col refunds_cols[] = {
	{ "id",		"", OUT_ID,    ID_REFUND,	1 },
	{ "amount",	"", OUT_MONEY, 0,		1 },
	{ "fee",	"", OUT_MONEY, 0,		1 },
	{ "status",	"", OUT_TEXT,  0,		1 },
	{ "reason",	"", OUT_TEXT,  0,		1 },
	{ "key",	"", OUT_TEXT,  0,		1 },
};
static const struct out_col tickets_cols[] = {
	{ "id",		"", OUT_ID,    ID_TICKET,	1 },
	{ "status",	"", OUT_TEXT,  0,		1 },
	{ "category",	"", OUT_TEXT,  0,		1 },
	{ "subject",	"", OUT_TEXT,  OUT_PROSE,	1 },
};
static const struct out_item pay_row[] = {
	{ "  ", "id", 0 }, { "  ", "paid", 0 }, { "  ", "amount", 10 },
	{ "  ", "status", 6 }, { "  ", "txn", 0 },
};
static const struct out_item refunds_row[] = {
	{ "  ", "id", 0 }, { "  ", "amount", 10 }, { "  fee ", "fee", 0 },
	{ "  ", "status", 9 }, { "  ", "reason", 0 }, { "  ", "key", 0 },
};
static const struct out_item tickets_row[] = {
	{ "  ", "id", 0 }, { "  ", "status", 8 }, { "  ", "category", 10 },
	{ "  ", "subject", 0 },
};
#define SUBLIST(cols, row)						\
	{ cols, sizeof(cols) / sizeof((cols)[0]), row,			\
	  sizeof(row) / sizeof((row)[0]), NULL }

static const struct {
	const char		*key, *sql;
	struct out_sublist	 list;
} parts[] = {
	{ "payments", pay_sql, SUBLIST(pay_cols, pay_row) },
	{ "refunds", refunds_sql, SUBLIST(refunds_cols, refunds_row) },
	{ "tickets", tickets_sql, SUBLIST(tickets_cols, tickets_row) },
};

static const char *const order_labels[] = {
	"refund_pending", "pending", "paid_back", "paid back", NULL
};
static const struct out_record order_shown = {
	.cols = order_cols,
	.ncols = sizeof(order_cols) / sizeof(order_cols[0]),
	.width = 10, .labels = order_labels,
};

/* show -j: the order's columns, its payments, refunds, tickets, history. */
static int
order_json(struct cs *cs, struct db_stmt *o, int64_t id, FILE *fp)
{
	struct out_cell	 cells[sizeof(order_cols) / sizeof(order_cols[0])];
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	db_row_cells(o, cells, order_ncols);
	fputc('{', fp);
	rc = out_record_json(fp, &order_shown, cells, cs->out.unmask);
	/* Its payments and refunds are in its currency. */
	out_money_currency(cells[5].s);
	db_reset(o);
	if (rc != 0)
		return rc;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if ((st = db_stmt(cs->db, parts[i].sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		fputc(',', fp);
		if ((rc = show_json_rows(cs, fp, parts[i].key, st,
		    parts[i].list.cols, parts[i].list.ncols)) != 0)
			return rc;
	}
	out_money_currency(NULL);
	fputc(',', fp);
	if ((rc = history_json(cs, ID_ORDER, id, fp)) != 0)
		return rc;
	fputs("}\n", fp);
	return 0;
}

int
order_show(struct cs *cs, int64_t id, FILE *fp)
{
	struct out_cell	 cells[sizeof(order_cols) / sizeof(order_cols[0])];
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_ORDER, id)) != 0)
		return rc;
	if ((rc = cs_show_get(cs, by_id_sql, ID_ORDER, id, &st)) != 0)
		return rc;
	if (cs->out.mode == OUT_JSON)
		return order_json(cs, st, id, fp);
	db_row_cells(st, cells, order_ncols);
	rc = out_record(fp, &order_shown, cells, cs->out.unmask);
	out_money_currency(cells[5].s);
	db_reset(st);

	for (i = 0; rc == 0 && i < sizeof(parts) / sizeof(parts[0]); i++) {
		if ((st = db_stmt(cs->db, parts[i].sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		out_heading(fp, parts[i].key);
		while (rc == 0 && db_step(st) == DB_ROW) {
			db_row_cells(st, cells, parts[i].list.ncols);
			rc = out_sublist_row(fp, &parts[i].list, cells,
			    cs->out.unmask);
		}
		db_reset(st);
	}
	out_money_currency(NULL);
	if (rc != 0)
		return rc;
	return history_section(cs, ID_ORDER, id, fp);
}
