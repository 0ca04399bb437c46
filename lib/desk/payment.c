/*
 * payment.c: payments as the payment system reports them, recorded once
 * by their transaction number (a txn seen again with other values is an
 * error, not a second payment), and what an order was paid and refunded.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/*
 * Refunded: pending and paid back, from the totals refund.c keeps on the
 * order, not a sum of its refunds (a batch on one order would re-read
 * every earlier line).
 */
static const char money_sql[] =
    "SELECT (SELECT coalesce(money_sum(amount), -1) FROM payment"
    "   WHERE order_id = $1 AND status = 'ok'),"
    " refund_pending + refund_paid FROM orders WHERE id = $1";

int
order_money(struct cs *cs, int64_t order, int64_t *paid, int64_t *refunded)
{
	int64_t	 v[2];
	int	 rc;

	if ((rc = db_lookup(cs->db, money_sql, NULL, order, v, 2)) != 0)
		return cs_error(cs, rc, "O%lld: cannot read its payments",
		    (long long)order);
	/* money_sum's NULL: a stored payment that is not an amount. */
	if (v[0] < 0)
		return order_money_bad(cs, order);
	*paid = v[0];
	*refunded = v[1];
	return 0;
}

int
order_money_bad(struct cs *cs, int64_t order)
{
	char	 most[32];

	money_format(MONEY_MAX, NULL, most, sizeof(most));
	return cs_error(cs, CS_DATAERR, "O%lld: its payments add up to more "
	    "than an amount can be (at most %s): a stored payment is wrong",
	    (long long)order, most);
}

static const char pay_find_sql[] =
    "SELECT id, order_id, amount, status, paid_at FROM payment"
    " WHERE txn = $1";
static const char pay_insert_sql[] =
    "INSERT INTO payment (order_id, txn, amount, status, channel, paid_at,"
    " created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id";

int
payment_record(struct cs *cs, const struct payment_in *in, int64_t *id,
    int *changed)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 spec[128], a[32], rec[32];
	struct order_info o;
	int64_t		 order;
	int		 rc;

	*changed = 0;
	if ((rc = money_require(cs, MONEY_PAYMENTS)) != 0)
		return rc;
	if (strcmp(in->status, "ok") != 0 && strcmp(in->status, "failed") != 0)
		return cs_error(cs, CS_DATAERR, "status \"%s\": ok or failed",
		    in->status);
	if (in->txn[0] == '\0' || strlen(in->txn) > 64 || !cs_name_ok(in->txn))
		return cs_error(cs, CS_DATAERR, "txn \"%s\": not a transaction "
		    "number", in->txn);
	if ((rc = cs_time_ok(cs, "paid_at", in->paid_at, CS_TIME_FACT)) != 0)
		return rc;
	snprintf(spec, sizeof(spec), "ref:%s", in->order_ref);
	if ((rc = order_load(cs, spec, &o)) != 0)
		return rc;
	order = o.id;
	if ((st = db_stmt(cs->db, pay_find_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, in->txn);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		if (db_col_int(st, 1) != order ||
		    db_col_int(st, 2) != in->amount ||
		    strcmp(db_col_text(st, 3), in->status) != 0) {
			money_format(db_col_int(st, 2), o.currency, a,
			    sizeof(a));
			rc = cs_error(cs, CS_DATAERR, "txn %s: already P%lld, "
			    "%s on O%lld, %s", in->txn, (long long)*id, a,
			    (long long)db_col_int(st, 1),
			    db_col_text(st, 3));
			db_reset(st);
			return rc;
		}
		/* Another time for the same payment: said, not taken. */
		if (db_col_int(st, 4) != in->paid_at) {
			char	 was[32], now[32];

			clock_format_local(db_col_int(st, 4), was, sizeof(was));
			clock_format_local(in->paid_at, now, sizeof(now));
			warnx("%s%stxn %s: paid_at %s is not P%lld's %s; P%lld "
			    "stays as recorded", in->where ? in->where : "",
			    in->where ? ": " : "", in->txn, now, (long long)*id,
			    was, (long long)*id);
		}
		db_reset(st);
		return 0;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payment"), "lookup");
	if ((st = db_stmt(cs->db, pay_insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, order);
	db_bind_text(st, 2, in->txn);
	db_bind_int(st, 3, in->amount);
	db_bind_text(st, 4, in->status);
	db_bind_text(st, 5, in->channel);
	db_bind_int(st, 6, in->paid_at);
	db_bind_int(st, 7, cs->now);
	if (db_step_id(st, id) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payment"),
		    "payment failed");
	*changed = 1;
	/* The order's record carries the payment's row too. */
	db_touch(cs->db, ID_PAYMENT, *id);
	jbuf_init(&j);
	id_format(ID_PAYMENT, *id, rec, sizeof(rec));
	jbuf_str(&j, "payment", rec);
	jbuf_str(&j, "txn", in->txn);
	money_format(in->amount, o.currency, a, sizeof(a));
	jbuf_str(&j, "amount", a);
	jbuf_str(&j, "status", in->status);
	return cs_audit(cs, ID_ORDER, order, "order.payment", &j);
}
