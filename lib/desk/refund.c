/*
 * refund.c: money going back.  A quote is a pure function of the order,
 * its payments, earlier refunds, the fee schedule of its kind and the
 * time.  A request never takes an order past what was paid — the check
 * and the insert share the caller's BEGIN IMMEDIATE transaction — and
 * an idempotency key makes a request, or a whole batch, safe to repeat.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const refund_reasons[] = {
	"duplicate-payment", "cancellation", "failed-order", "return",
	"compensation", "deposit", "goodwill", NULL
};

/* Reasons the customer chose: the fee schedule applies.  Else no fee. */
static int
reason_pays_fee(const char *reason)
{
	return strcmp(reason, "cancellation") == 0 ||
	    strcmp(reason, "return") == 0;
}

/*
 * The amount to refund: "full" is what is left; never more than that.
 * o is from order_load_money: what was paid and refunded on it.
 */
static int
resolve_amount(struct cs *cs, int64_t order, const char *text,
    const struct order_info *o, int64_t *amount)
{
	const char	*errstr;
	char		 a[32], p[32], r[32];
	int64_t		 paid = o->paid, refunded = o->refunded, left;

	*amount = 0;
	if (paid < 0)
		return order_money_bad(cs, order);
	left = paid - refunded;
	if (paid == 0)
		return cs_error(cs, CS_DATAERR, "O%lld: nothing was paid on "
		    "it", (long long)order);
	/* Amounts in messages only: formatting them is most of a check. */
	if (left <= 0) {
		money_format(paid, o->currency, p, sizeof(p));
		money_format(refunded, o->currency, r, sizeof(r));
		return cs_error(cs, CS_DATAERR, "O%lld: nothing left to "
		    "refund (paid %s, refunded or pending %s)",
		    (long long)order, p, r);
	}
	if (strcmp(text, "full") == 0) {
		/* One refund is an amount, as a typed one is. */
		if (left > MONEY_MAX) {
			money_format(left, o->currency, a, sizeof(a));
			money_format(MONEY_MAX, o->currency, p, sizeof(p));
			return cs_error(cs, CS_DATAERR, "O%lld: the %s left is "
			    "more than one refund can be (at most %s): refund "
			    "it in parts", (long long)order, a, p);
		}
		*amount = left;
		return 0;
	}
	if (money_parse(text, o->currency, amount, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "amount %s: %s", text, errstr);
	if (*amount == 0)
		return cs_error(cs, CS_DATAERR, "amount %s: a refund is more "
		    "than zero", text);
	if (*amount > left) {
		money_format(*amount, o->currency, a, sizeof(a));
		money_format(left, o->currency, p, sizeof(p));
		money_format(refunded, o->currency, r, sizeof(r));
		return cs_error(cs, CS_DATAERR, "O%lld: %s is more than the "
		    "%s left to refund (refunded or pending %s)",
		    (long long)order, a, p, r);
	}
	return 0;
}

/*
 * The price of the order and what was refunded with a fee (reasons the
 * customer chose): such refunds came out of the price first.  And the
 * least rate a rebooking kept (rebook.c).
 */
static const char charged_sql[] =
    "SELECT amount, (SELECT money_sum(r.amount) FROM refund r"
    "   WHERE r.order_id = orders.id AND r.reason IN ('cancellation',"
    "   'return') AND r.status NOT IN ('rejected', 'failed')),"
    " coalesce(fee_floor, 0)"
    " FROM orders WHERE id = $1";

/*
 * The fee schedule's verdict for this order at cs->now, on the part of
 * amount that refunds the order's price (fee_base): money paid beyond
 * the price, a duplicate payment, comes back whole.
 */
static int
quote_fee(struct cs *cs, int64_t order, const struct order_info *o,
    int64_t amount, struct fee_quote *q)
{
	const struct fee_schedule *s;
	struct fee_schedule	 fixed, floored;
	struct fee_quote	 ride;
	char			 x[32];
	int64_t			 elapsed, v[3], paid, refunded, base, surplus,
				 raised, before;
	size_t			 n;
	int			 rc;

	if ((rc = order_money(cs, order, &paid, &refunded)) != 0)
		return rc;
	if ((rc = db_lookup(cs->db, charged_sql, NULL, order, v, 3)) != 0)
		return cs_error(cs, rc, "O%lld: cannot read its refunds",
		    (long long)order);
	base = fee_base(v[0], paid, refunded, v[1], amount);
	/* The price refunded with a fee before: its fee is paid. */
	before = v[1] < v[0] ? v[1] : v[0];
	/*
	 * A ride costs what its city's cancellation rules say, the same
	 * answer as `cs-order cancel-fee` (ride.c), on the price.
	 */
	if (strcmp(o->kind, "ride") == 0) {
		if ((rc = ride_cancel_quote(cs, order, &ride)) != 0)
			return rc;
		memset(&fixed, 0, sizeof(fixed));
		strlcpy(fixed.kind, "ride", sizeof(fixed.kind));
		fixed.bands[0].fixed = ride.fee;
		fixed.nbands = 1;
		fixed.step = 1;
		fixed.refundable = 1;
		/* ride_cancel_quote refused a fee in another currency. */
		strlcpy(fixed.currency, o->currency, sizeof(fixed.currency));
		fee_quote_after(&fixed, o->currency, amount, base, before, 0,
		    q);
		if (base > 0)
			strlcpy(q->rule, ride.rule, sizeof(q->rule));
		return 0;
	}
	s = fee_schedule_of(cs->rules.fees, cs->rules.nfees, o->kind);
	if (s == NULL) {
		memset(q, 0, sizeof(*q));
		q->amount = q->refund = amount;
		snprintf(q->rule, sizeof(q->rule), "%s: no fee schedule, "
		    "no fee", o->kind);
		return 0;
	}
	if (s->measure == FEE_AFTER_ORDER)
		elapsed = cs->now - o->created_at;
	else if (o->has_service)
		elapsed = o->service_at - cs->now;
	else if (base > 0 && (s->has_cutoff || s->nbands > 1))
		return cs_error(cs, CS_DATAERR, "O%lld: a %s order needs its "
		    "service time for a quote", (long long)order, o->kind);
	else
		elapsed = 0;
	/* A rebooking's kept band, and whether it raised this fee. */
	raised = 0;
	if (v[2] > 0) {
		fee_quote_after(s, o->currency, amount, base, before,
		    elapsed, q);
		raised = q->fee;
		fee_schedule_floor(s, v[2], &floored);
		s = &floored;
	}
	fee_quote_after(s, o->currency, amount, base, before, elapsed, q);
	if (v[2] > 0 && !q->refused && q->fee > raised) {
		/* 500 basis points: "5%", as the band says it. */
		fee_rate_text(v[2], x, sizeof(x));
		n = strlen(q->rule);
		snprintf(q->rule + n, sizeof(q->rule) - n, "; the %s%% band "
		    "kept by its rebooking", x);
	}
	/* The surplus of the whole order, not only of this amount. */
	surplus = paid - refunded - fee_base(v[0], paid, refunded, v[1],
	    paid - refunded);
	if (q->refused && surplus > 0) {
		money_format(surplus, o->currency, x, sizeof(x));
		return cs_error(cs, CS_DATAERR, "O%lld: %s (the %s paid "
		    "beyond the price is refunded with -r duplicate-payment)",
		    (long long)order, q->rule, x);
	}
	if (q->refused)
		return cs_error(cs, CS_DATAERR, "O%lld: %s", (long long)order,
		    q->rule);
	return 0;
}

/* An order that failed or was cancelled: it holds its money for nothing. */
static int
order_ended(const struct order_info *o)
{
	return strcmp(o->status, "failed") == 0 ||
	    strcmp(o->status, "cancelled") == 0;
}

/* A failed-order refund is of an order that failed or was cancelled. */
static int
failed_order(struct cs *cs, const struct order_info *o)
{
	if (order_ended(o))
		return 0;
	return cs_error(cs, CS_DATAERR, "O%lld is %s: failed-order refunds "
	    "an order that failed or was cancelled (one still on is refunded "
	    "with cancellation, return or goodwill)", (long long)o->id,
	    o->status);
}

/*
 * What "full" refunds of a duplicate payment: what was paid beyond the
 * price, the order's surplus (the price stays the price's, refunded with
 * its reason), unless the order ended and holds its money for nothing.
 * *amount is what is left on entry.
 */
static int
duplicate_full(struct cs *cs, const struct order_info *o, int64_t *amount)
{
	char	 p[32], a[32];
	int64_t	 v[3], surplus;
	int	 rc;

	if (order_ended(o))
		return 0;
	if ((rc = db_lookup(cs->db, charged_sql, NULL, o->id, v, 3)) != 0)
		return cs_error(cs, rc, "O%lld: cannot read it",
		    (long long)o->id);
	surplus = *amount - fee_base(v[0], o->paid, o->refunded, v[1],
	    *amount);
	if (surplus > 0) {
		*amount = surplus;
		return 0;
	}
	money_format(v[0], o->currency, p, sizeof(p));
	money_format(o->paid, o->currency, a, sizeof(a));
	return cs_error(cs, CS_DATAERR, "O%lld: nothing was paid beyond its "
	    "price of %s (paid %s): the price is refunded with a reason of "
	    "its own (cancellation, return, goodwill)", (long long)o->id, p,
	    a);
}

int
refund_quote(struct cs *cs, const char *spec, const char *text,
    int64_t *order, struct fee_quote *q)
{
	struct order_info o;
	int64_t		 amount;
	int		 rc;

	if ((rc = order_load_money(cs, spec, &o)) != 0)
		return rc;
	*order = o.id;
	if ((rc = resolve_amount(cs, *order, text ? text : "full", &o,
	    &amount)) != 0)
		return rc;
	rc = quote_fee(cs, *order, &o, amount, q);
	strlcpy(q->currency, o.currency, sizeof(q->currency));
	return rc;
}

int64_t
refund_approval_limit(const struct cs *cs)
{
	int64_t	 lim = 0;
	int	 i;

	for (i = 0; i < 6; i++) {
		if (!(cs->actor.roles & (1 << i)))
			continue;
		if (cs->rules.refund_limit[i] < 0)
			return -1;
		if (cs->rules.refund_limit[i] > lim)
			lim = cs->rules.refund_limit[i];
	}
	return lim;
}

/*
 * The order's totals (orders.refund_pending and refund_paid) follow each
 * refund into and out of its status, in the transaction that moves it:
 * what order_money reads instead of summing the order's refunds.  And
 * the day's totals that approval limits read (see counted): the order's
 * of its limit_day, moved by $4 (1 counted on day $5, -1 no longer).
 */
#define TALLY_SET(pend, paid, dayop, day, amount)			\
    " refund_pending = refund_pending + " pend " * " amount ","	\
    " refund_paid = refund_paid + " paid " * " amount ","		\
    " limit_total = CASE WHEN " dayop " > 0 AND limit_day = " day	\
    "   THEN limit_total + " amount " WHEN " dayop " > 0 THEN " amount	\
    "   WHEN " dayop " < 0 AND limit_day = " day			\
    "   THEN limit_total - " amount " ELSE limit_total END,"		\
    " limit_day = CASE WHEN " dayop " > 0 THEN " day " ELSE limit_day END"
static const char tally_sql[] = "UPDATE orders SET"
    TALLY_SET("$2", "$3", "$4", "$5", "$6") " WHERE id = $1";
static const char tally_get_sql[] =
    "SELECT order_id, amount, limit_day, limit_agent,"
    " (SELECT currency FROM orders WHERE id = refund.order_id)"
    " FROM refund WHERE id = $1";
/* An agent's total of a day: added to, the day's row made if need be. */
static const char agent_day_sql[] =
    "INSERT INTO agent_day (agent, day, total) VALUES ($1, $2, $3)"
    " ON CONFLICT (agent, day) DO UPDATE"
    " SET total = agent_day.total + excluded.total";
/* Taken from, where there is something to take from. */
static const char agent_day_less_sql[] =
    "UPDATE agent_day SET total = total + $3 WHERE agent = $1 AND day = $2";
static const char limit_set_sql[] =
    "UPDATE refund SET limit_day = $2, limit_agent = $3 WHERE id = $1";

/*
 * 1 pending (counted against what was paid), 2 paid back, 0 neither.
 * A failed payout is still owed to the customer: pending, until someone
 * whose limit covers it rejects it.
 */
static int
bucket(const char *status)
{
	if (status == NULL)
		return 0;
	if (strcmp(status, "paid") == 0)
		return 2;
	if (strcmp(status, "rejected") == 0)
		return 0;
	return 1;
}

/*
 * Counted against an approval limit: on its order, money asked for or
 * let go of, on its way or arrived (requested, approved, sent, paid);
 * for an agent, what the agent let go of (approved, sent, paid: a
 * request waiting for someone else is that person's to let go).  A
 * failed payout counts again when it is attempted again; a rejected
 * refund does not count.
 */
static int
counted(const char *status)
{
	return status != NULL && strcmp(status, "rejected") != 0 &&
	    strcmp(status, "failed") != 0;
}

static int
released(const char *status)
{
	return status != NULL && counted(status) &&
	    strcmp(status, "requested") != 0;
}

static int
step_done(struct cs *cs, struct db_stmt *st, int64_t id)
{
	int	 rc = db_step(st);

	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "update its totals", (long long)id);
	return 0;
}

/* amount (negative: taken away) on agent's total of day. */
static int
agent_day_add(struct cs *cs, int64_t id, const char *agent, int64_t day,
    int64_t amount)
{
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, amount < 0 ? agent_day_less_sql :
	    agent_day_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, agent);
	db_bind_int(st, 2, day);
	db_bind_int(st, 3, amount);
	if (amount < 0)
		return step_done(cs, st, id);
	/* Its answer can wait (a batch's line sends it on). */
	if (db_step_later(st, 1) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "count it on %s's day", (long long)id, agent);
	return 0;
}

/*
 * Refund id moved from status `from` (NULL: new) to `to`, by the actor.
 * A refund counts against the limit of the agent who released it (on
 * the request, by a limit that covered it; by approving it; by asking
 * again for a failed payout within it), on the desk's day of that, and
 * against its order from its request on, moved to the day it is
 * released.  limit_agent names who released it, or who asked while it
 * waits (whom four eyes keep from approving it).
 */
static int	tally(struct cs *, int64_t id, const char *from, const char *to,
		    int64_t order, int64_t amount, int64_t day,
		    const char *agent, int home, int made);

int
refund_tally(struct cs *cs, int64_t id, const char *from, const char *to)
{
	struct db_stmt	*st;
	char		 agent[64];
	int64_t		 order, amount, day = -1;
	int		 home;

	if (bucket(from) == bucket(to) && counted(from) == counted(to) &&
	    released(from) == released(to))
		return 0;
	if ((st = db_stmt(cs->db, tally_get_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "read it", (long long)id);
	}
	order = db_col_int(st, 0);
	amount = db_col_int(st, 1);
	agent[0] = '\0';
	/* Refunds made before limits ran over a day count nowhere. */
	if (!db_col_null(st, 2) && !db_col_null(st, 3)) {
		day = db_col_int(st, 2);
		strlcpy(agent, db_col_text(st, 3), sizeof(agent));
	}
	home = db_col_text(st, 4) != NULL &&
	    strcmp(db_col_text(st, 4), cs->conf.currency) == 0;
	db_reset(st);
	return tally(cs, id, from, to, order, amount, day, agent, home, 0);
}

/*
 * The moves of refund_tally, the refund's order, amount and day and
 * agent counted (day -1: none) known; made: a refund just inserted
 * with its limit_day and limit_agent (the insert's cost alone).  home:
 * its order is in the desk's currency, that of limits; an agent's total
 * of a day adds no other (an order's total is in the order's own).
 */
/*
 * What a move from `from` to `to` does to the totals: on the order,
 * pend and paid (-1, 0 or 1 times the amount) and its day's total
 * (dayop 1 counted on day, -1 no longer counted on it); on an agent's
 * day, add (counted on the actor's today) and sub (no longer on the
 * agent's day it was).  0 when it does nothing.  day: the day the
 * refund counts on (-1: none).
 */
struct tally_move {
	int		 pend, paid, dayop, add, sub, count, uncount;
	int64_t		 day;
};

static int
tally_of(const char *from, const char *to, int64_t day, int64_t today,
    struct tally_move *m)
{
	int	 f = bucket(from), t = bucket(to);

	memset(m, 0, sizeof(*m));
	/* On the order: from the request; again on the day released. */
	m->add = released(to) && !released(from);
	m->sub = released(from) && !released(to);
	m->count = counted(to) && (!counted(from) || m->add);
	m->uncount = counted(from) && (m->count || !counted(to));
	if (f == t && !m->count && !m->uncount)
		return 0;
	m->pend = (t == 1) - (f == 1);
	m->paid = (t == 2) - (f == 2);
	m->day = day;
	if (m->uncount && day >= 0 && !m->count)
		m->dayop = -1;
	if (m->count) {
		/* Already counted on the order today: it stays. */
		if (!m->uncount || day != today)
			m->dayop = 1;
		m->day = today;
	}
	return 1;
}

static int
tally(struct cs *cs, int64_t id, const char *from, const char *to,
    int64_t order, int64_t amount, int64_t day, const char *agent, int home,
    int made)
{
	struct tally_move m;
	struct db_stmt	*st;
	int64_t		 today;
	int		 rc;

	today = cal_day_in(cs->conf.timezone, cs->now);
	if (!tally_of(from, to, day, today, &m))
		return 0;
	if (m.sub && day >= 0 && home &&
	    (rc = agent_day_add(cs, id, agent, day, -amount)) != 0)
		return rc;
	if (m.add && home && (rc = agent_day_add(cs, id, cs->actor.name, today,
	    amount)) != 0)
		return rc;
	if ((m.uncount || m.count) && !made) {
		if ((st = db_stmt(cs->db, limit_set_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, id);
		if (m.count) {
			db_bind_int(st, 2, today);
			db_bind_text(st, 3, cs->actor.name);
		}
		if ((rc = step_done(cs, st, id)) != 0)
			return rc;
	}
	if ((st = db_stmt(cs->db, tally_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, order);
	db_bind_int(st, 2, m.pend);
	db_bind_int(st, 3, m.paid);
	db_bind_int(st, 4, m.dayop);
	db_bind_int(st, 5, m.day);
	db_bind_int(st, 6, amount);
	/* Its order is there (read in this change): the answer can wait. */
	if (db_step_later(st, 1) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "update its order's totals", (long long)id);
	return 0;
}

int
refund_day_count(struct cs *cs, int type, int64_t id, int64_t worth)
{
	int	 rc;

	if ((rc = agent_day_add(cs, id, cs->actor.name,
	    cal_day_in(cs->conf.timezone, cs->now), worth)) != 0)
		return cs_error(cs, rc, "%c%lld: cannot count it on %s's day",
		    type, (long long)id, cs->actor.name);
	return 0;
}

/*
 * Whether amount more, released by the actor on the desk's day of
 * cs->now, keeps the actor's refunds of that day, and the order's,
 * within the actor's approval limit (refund_tally keeps both totals).
 * `mine`: this refund is counted on the order today already (approving
 * it): not twice.  Order 0: a grant, in the desk's money, on the
 * actor's day alone (grants and refunds count together).  0 within;
 * CS_NOPERM above, with cs->err saying whose total it would be.
 */
static int	limit_check(struct cs *, int64_t order, const char *cur,
		    int64_t amount, int64_t lim, int64_t agent,
		    int64_t onorder);

/*
 * The day's totals limits read: the actor's (*agent) and order's
 * (*onorder, 0 for no order), in the order's currency cur (the desk's
 * for no order).  0, or a database error's status with cs->err.
 */
static int
day_totals(struct cs *cs, int64_t order, int64_t *agent, int64_t *onorder,
    char cur[8])
{
	static const char day_sql[] =
	    "SELECT coalesce((SELECT total FROM agent_day WHERE agent = $1"
	    " AND day = $2), 0), coalesce((SELECT limit_total FROM orders"
	    " WHERE id = $3 AND limit_day = $2), 0),"
	    " (SELECT currency FROM orders WHERE id = $3)";
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, day_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, cs->actor.name);
	db_bind_int(st, 2, cal_day_in(cs->conf.timezone, cs->now));
	db_bind_int(st, 3, order);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return cs_error(cs, db_fail(cs->db, "refund"), "cannot read "
		    "the day's refunds");
	}
	*agent = db_col_int(st, 0);
	*onorder = db_col_int(st, 1);
	strlcpy(cur, db_col_text(st, 2) ? db_col_text(st, 2) : "", 8);
	db_reset(st);
	/* No order (a grant): the desk's money, the actor's day alone. */
	if (order == 0)
		strlcpy(cur, cs->conf.currency, 8);
	return 0;
}

int
refund_within_limit(struct cs *cs, int64_t order, int64_t amount, int mine)
{
	char		 cur[8];
	int64_t		 lim = refund_approval_limit(cs), agent, onorder;
	int		 rc;

	if (lim < 0)
		return 0;
	if ((rc = day_totals(cs, order, &agent, &onorder, cur)) != 0)
		return rc;
	return limit_check(cs, order, cur, amount, lim, agent,
	    onorder - (mine ? amount : 0));
}

/*
 * refund_within_limit's verdict, the actor's total of the day (agent)
 * and the order's (onorder) known: of order in currency cur, amount
 * more under the limit lim.
 */
static int
limit_check(struct cs *cs, int64_t order, const char *cur, int64_t amount,
    int64_t lim, int64_t agent, int64_t onorder)
{
	char	 a[32], l[32], t[32];

	/*
	 * Limits are amounts in the desk's currency and the day's totals
	 * sums in it: money in another currency is let go of by someone
	 * without a limit.
	 */
	if (strcmp(cur, cs->conf.currency) != 0)
		return cs_error(cs, CS_NOPERM, "O%lld is in %s: approval "
		    "limits are amounts in %s, so %s's limit does not cover "
		    "it", (long long)order, cur, cs->conf.currency,
		    cs->actor.name);
	money_format(amount, cur, a, sizeof(a));
	money_format(lim, cur, l, sizeof(l));
	if (amount > lim)
		return cs_error(cs, CS_NOPERM, "%s is above %s's limit of %s",
		    a, cs->actor.name, l);
	/* Each at most MONEY_MAX a refund: no overflow before this. */
	if (agent > lim - amount) {
		money_format(agent + amount, cur, t, sizeof(t));
		return cs_error(cs, CS_NOPERM, "%s would make %s's refunds "
		    "today %s, above the limit of %s", a, cs->actor.name, t,
		    l);
	}
	if (onorder > lim - amount) {
		money_format(onorder + amount, cur, t, sizeof(t));
		return cs_error(cs, CS_NOPERM, "%s would make O%lld's refunds "
		    "today %s, above %s's limit of %s", a, (long long)order,
		    t, cs->actor.name, l);
	}
	return 0;
}

static const char key_sql[] =
    "SELECT id, order_id, amount, status, fee, rule FROM refund"
    " WHERE key = $1";
static int	refund_retry(struct cs *, int64_t id, int64_t order,
		    int64_t amount, int *outcome);
static const char insert_sql[] =
    "INSERT INTO refund (order_id, amount, fee, status, reason, key, note,"
    " rule, requested_by, decided_by, created_at, updated_at, dispute_id,"
    " owed_by, recovery, limit_day, limit_agent)"
    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,"
    " CASE WHEN CAST($14 AS BIGINT) IS NOT NULL THEN 'owed' END, $15, $9)"
    " RETURNING id";

/* A refund found by its key: key_sql's row. */
struct key_row {
	int64_t		 id, order, amount, fee;
	char		 status[16];
	char		 rule[256];
};

static void
key_row_read(struct db_stmt *st, struct key_row *k)
{
	k->id = db_col_int(st, 0);
	k->order = db_col_int(st, 1);
	k->amount = db_col_int(st, 2);
	strlcpy(k->status, db_col_text(st, 3), sizeof(k->status));
	k->fee = db_col_int(st, 4);
	strlcpy(k->rule, db_col_null(st, 5) ? "" : db_col_text(st, 5),
	    sizeof(k->rule));
}

/*
 * The request's key: the one given, checked, or one made of the order,
 * the amount (given, -1 for "full") and the reason.  It is fixed before
 * any money is looked at, so a repeat of a done request is recognised
 * even when nothing is left.
 */
static int
request_key(struct cs *cs, const struct refund_in *in, int64_t order,
    int64_t given, char *key, size_t len)
{
	int	 rc;

	if (in->key != NULL) {
		if ((rc = cs_key_check(cs, in->key)) != 0)
			return rc;
		strlcpy(key, in->key, len);
	} else if (given >= 0)
		snprintf(key, len, "O%lld:%lld:%s", (long long)order,
		    (long long)given, in->reason);
	else
		snprintf(key, len, "O%lld:full:%s", (long long)order,
		    in->reason);
	return 0;
}

/*
 * A request whose key k is known: another order or amount is 65; a
 * refund whose payout failed sets *retry (the money never arrived: the
 * next attempt is made); else it is done before, with a word in cs->err
 * on how to refund a second item of one price when the key is derived.
 */
static int
known_key(struct cs *cs, const struct refund_in *in, const char *key,
    int64_t given, const struct order_info *o, const struct key_row *k,
    int *outcome, int *retry)
{
	char	 a[32];

	*retry = 0;
	if (k->order != o->id || (given >= 0 && k->amount != given)) {
		money_format(k->amount, o->currency, a, sizeof(a));
		return cs_error(cs, CS_DATAERR, "key %s: already R%lld, %s on "
		    "O%lld", key, (long long)k->id, a, (long long)k->order);
	}
	if (strcmp(k->status, "failed") == 0) {
		*retry = 1;
		return 0;
	}
	*outcome = strcmp(k->status, "requested") == 0 ?
	    REFUND_WAITING_BEFORE : REFUND_DONE_BEFORE;
	/* Two items of one price: say how to refund the second. */
	if (in->key == NULL) {
		money_format(given >= 0 ? given : 0, o->currency, a, sizeof(a));
		snprintf(cs->err, sizeof(cs->err), "the key %s is made of the "
		    "order, %s and the reason: to refund %s again for %s, give "
		    "it a key of its own (-k KEY)", key, given >= 0 ?
		    "the amount" : "\"full\"", given >= 0 ? a : "the rest",
		    in->reason);
	}
	return 0;
}

/*
 * A new refund's key may not be of the form KEY#2, KEY#3...: those are
 * the payout keys of a refund's later attempts, and a new refund's key
 * of that form would send two payouts under one key, and the payment
 * system pay one (one made before this rule is found by its key, as any).
 */
static int
new_key_ok(struct cs *cs, const struct refund_in *in)
{
	if (in->key != NULL && strchr(in->key, '#') != NULL)
		return cs_error(cs, CS_DATAERR, "key %s: '#' is kept for the "
		    "payout keys of a refund's later attempts (KEY#2, "
		    "KEY#3...): a refund's own key has none", in->key);
	return 0;
}

/* The audit record's detail of a new refund. */
static void
request_detail(struct jbuf *j, const struct refund_in *in, int64_t order,
    int64_t amount, int64_t fee, const char *currency, const char *key,
    const char *status)
{
	char	 rec[32], a[32];

	jbuf_init(j);
	id_format(ID_ORDER, order, rec, sizeof(rec));
	jbuf_str(j, "order", rec);
	money_format(amount, currency, a, sizeof(a));
	jbuf_str(j, "amount", a);
	money_format(fee, currency, a, sizeof(a));
	jbuf_str(j, "fee", a);
	jbuf_str(j, "reason", in->reason);
	jbuf_str(j, "key", key);
	jbuf_str(j, "status", status);
	if (in->note != NULL && *in->note != '\0')
		jbuf_str(j, "note", in->note);
	if (in->dispute != 0) {
		id_format(ID_DISPUTE, in->dispute, rec, sizeof(rec));
		jbuf_str(j, "dispute", rec);
		id_format(ID_CUSTOMER, in->owed_by, rec, sizeof(rec));
		jbuf_str(j, "owed_by", rec);
	}
}

/* The reason known and the note a note: the request's own checks. */
static int
request_ok(struct cs *cs, const struct refund_in *in)
{
	if (word_index(refund_reasons, in->reason) == -1)
		return cs_error(cs, CS_DATAERR, "unknown reason \"%s\" "
		    "(duplicate-payment cancellation failed-order return "
		    "compensation deposit goodwill)", in->reason);
	if (in->note != NULL && *in->note != '\0')
		return text_ok(cs, "note", in->note, 1000);
	return 0;
}

int
refund_request(struct cs *cs, const struct refund_in *in, int64_t *id,
    int *outcome, struct fee_quote *q)
{
	struct order_info o;
	struct key_row	 k;
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*errstr, *status;
	char		 key[160];
	int64_t		 order, amount = 0, given = -1;
	int		 rc, retry;

	memset(q, 0, sizeof(*q));
	if ((rc = request_ok(cs, in)) != 0 ||
	    (rc = order_load_money(cs, in->order, &o)) != 0)
		return rc;
	order = o.id;
	if (strcmp(in->amount, "full") != 0) {
		if (money_parse(in->amount, o.currency, &given, &errstr) == -1)
			return cs_error(cs, CS_DATAERR, "amount %s: %s",
			    in->amount, errstr);
	}
	if ((rc = request_key(cs, in, order, given, key, sizeof(key))) != 0)
		return rc;
	if ((rc = cs_key_find(cs, key_sql, key, "refund", &st)) == 0) {
		key_row_read(st, &k);
		db_reset(st);
		*id = k.id;
		if ((rc = known_key(cs, in, key, given, &o, &k, outcome,
		    &retry)) != 0 || !retry)
			return rc;
		q->amount = k.amount;
		q->fee = k.fee;
		q->refund = q->amount - q->fee;
		strlcpy(q->rule, k.rule, sizeof(q->rule));
		return refund_retry(cs, *id, order, q->amount, outcome);
	}
	if (rc != CS_NOINPUT)
		return rc;
	if ((rc = new_key_ok(cs, in)) != 0 ||
	    (strcmp(in->reason, "failed-order") == 0 &&
	    (rc = failed_order(cs, &o)) != 0) ||
	    (rc = resolve_amount(cs, order, in->amount, &o, &amount)) != 0 ||
	    (strcmp(in->reason, "duplicate-payment") == 0 &&
	    strcmp(in->amount, "full") == 0 &&
	    (rc = duplicate_full(cs, &o, &amount)) != 0))
		return rc;
	if (reason_pays_fee(in->reason)) {
		if ((rc = quote_fee(cs, order, &o, amount, q)) != 0)
			return rc;
	} else {
		q->amount = q->refund = amount;
		snprintf(q->rule, sizeof(q->rule), "%s: no fee", in->reason);
	}
	strlcpy(q->currency, o.currency, sizeof(q->currency));
	/* Above the day's limit it waits: not an error of the request. */
	if ((rc = refund_within_limit(cs, order, amount, 0)) != 0 &&
	    rc != CS_NOPERM)
		return rc;
	cs->err[0] = '\0';
	status = rc == 0 ? "approved" : "requested";
	*outcome = *status == 'a' ? REFUND_APPLIED : REFUND_WAITING;
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, order);
	db_bind_int(st, 2, amount);
	db_bind_int(st, 3, q->fee);
	db_bind_text(st, 4, status);
	db_bind_text(st, 5, in->reason);
	db_bind_text(st, 6, key);
	db_bind_text(st, 7, in->note);
	db_bind_text(st, 8, q->rule);
	db_bind_text(st, 9, cs->actor.name);
	db_bind_text(st, 10, *status == 'a' ? cs->actor.name : NULL);
	db_bind_int(st, 11, cs->now);
	db_bind_int(st, 12, cs->now);
	if (in->dispute != 0) {
		db_bind_int(st, 13, in->dispute);
		db_bind_int(st, 14, in->owed_by);
	}
	db_bind_int(st, 15, cal_day_in(cs->conf.timezone, cs->now));
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "cannot record "
		    "the refund");
	if ((rc = tally(cs, *id, NULL, status, order, amount, -1, "",
	    strcmp(o.currency, cs->conf.currency) == 0, 1)) != 0)
		return rc;
	request_detail(&j, in, order, amount, q->fee, o.currency, key, status);
	return cs_audit(cs, ID_REFUND, *id, "refund.request", &j);
}

/*
 * Many requests: refund_request's rules and records, line by line in
 * the order given, in a few statements for up to MANY_MAX lines (a
 * batch's chunk).  The lines' orders are read by one statement and
 * their keys by another; the new refunds are written by one insert
 * that returns each row as stored, so that its audit record needs no
 * read; their totals and records are sent without waiting for answers
 * (db_step_later).  A run of lines ends before a line whose order or
 * key an earlier line of the run has (its facts are read again, after
 * the run is written), and a line these rules do not cover (a fee to
 * quote, a payout to attempt again, an order unknown) is done alone by
 * refund_request once those before it are written.
 */
#define MANY_MAX	250	/* a batch's chunk of 500 is two runs */
#define MANY_MIN	16	/* a shorter run goes line by line */

/* What many_run keeps of a line. */
struct many_line {
	struct order_info o;
	int64_t		 limit[2];	/* the order's limit_day, limit_total */
	int64_t		 given, amount;
	char		 key[160];
	int		 decided;	/* res says what became of it */
	const char	*status;	/* of a new refund, else NULL */
};

/* many_run's room for a run's lines, MANY_MAX of each. */
struct many_work {
	struct many_line *l;
	struct key_row	*k;
	struct order_info *o;
	int64_t		*ids;
	int64_t		(*lims)[2];
	int		*found, *known;
};

/* The lines whose rules need no more than many_run reads. */
static int
many_covers(const struct refund_in *in)
{
	return !reason_pays_fee(in->reason) && in->dispute == 0 &&
	    !(strcmp(in->reason, "duplicate-payment") == 0 &&
	    strcmp(in->amount, "full") == 0);
}

/* Line in alone, as refund_request does it; 0 or a fatal status. */
static int
many_alone(struct cs *cs, const struct refund_in *in, struct batch_res *r)
{
	struct fee_quote q;

	cs->err[0] = '\0';
	r->outcome = REFUND_APPLIED;
	r->id = 0;
	r->rc = refund_request(cs, in, &r->id, &r->outcome, &q);
	strlcpy(r->msg, cs->err, sizeof(r->msg));
	return cs_fatal(r->rc) ? r->rc : 0;
}

/* A rejection (or a word) of the rules, from cs->err. */
static void
many_said(struct cs *cs, struct batch_res *r, int rc, int outcome)
{
	r->rc = rc;
	r->outcome = outcome;
	strlcpy(r->msg, cs->err, sizeof(r->msg));
	cs->err[0] = '\0';
}

/* The known keys among the lines' (those with keys[i][0]): into k. */
static const char keys_many_sql[] = "SELECT id, order_id, amount, status,"
    " fee, rule, key FROM refund WHERE key = ANY(ARRAY(SELECT"
    " json_array_elements_text(CAST($1 AS JSON))))";
static const char keys_many_sqlite[] = "SELECT id, order_id, amount,"
    " status, fee, rule, key FROM refund"
    " WHERE key IN (SELECT value FROM json_each($1))";

static int
many_keys(struct cs *cs, struct many_line *l, size_t n, struct key_row *k,
    int *known)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	const char	*key;
	size_t		 i;
	int		 rc, any = 0;

	memset(known, 0, n * sizeof(*known));
	jbuf_init_list(&j);
	for (i = 0; i < n; i++)
		if (l[i].key[0] != '\0') {
			jbuf_add_str(&j, l[i].key);
			any = 1;
		}
	if (!any) {
		jbuf_free(&j);
		return 0;
	}
	if ((st = db_stmt(cs->db, db_text(cs->db, keys_many_sql,
	    keys_many_sqlite))) == NULL) {
		jbuf_free(&j);
		return cs_error(cs, CS_SOFTWARE, "database error");
	}
	db_bind_text(st, 1, jbuf_end(&j));
	while ((rc = db_step(st)) == DB_ROW) {
		key = db_col_text(st, 6);
		for (i = 0; i < n; i++)
			if (!known[i] && strcmp(l[i].key, key) == 0) {
				key_row_read(st, &k[i]);
				known[i] = 1;
				break;
			}
	}
	db_reset(st);
	jbuf_free(&j);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "key lookup");
	return 0;
}

/*
 * The insert of n new refunds, each row its ID, order, amount, fee (none
 * for the reasons a run covers), status, reason, key, note, rule, who
 * asked, who decided, when (twice), the desk's day and who is counted
 * ($1 on, fifteen a row, each $n once and in order: SQLite looks up a
 * $n used again in a list as long as the statement's).  The IDs are the
 * largest so far plus one, two...: what the table would give each
 * (writers take turns), without a look for the largest a row.  It
 * returns each row as stored, the columns of its audit state.  Made
 * once for a full run (kept for the program's life, its statement with
 * it), else each time.
 */
#define MANY_ROW	15
static const char last_id_sql[] = "SELECT coalesce(max(id), 0) FROM refund";
static char *
many_insert_sql(size_t n)
{
	static char	*full;
	char		 tail[512];
	char		*sql;

	if (n == MANY_MAX && full != NULL)
		return full;
	snprintf(tail, sizeof(tail), " RETURNING id, %s",
	    audit_columns(ID_REFUND));
	sql = db_rows_sql("INSERT INTO refund (id, order_id, amount, fee,"
	    " status, reason, key, note, rule, requested_by, decided_by,"
	    " created_at, updated_at, limit_day, limit_agent) VALUES", n,
	    MANY_ROW, tail);
	if (n == MANY_MAX)
		full = sql;
	return sql;
}

/*
 * The orders' totals moved by n new refunds at once: tally_sql's moves,
 * each row ($1 on, six a row) an order and its pend, paid, dayop, day
 * and amount.  Kept as many_insert_sql's.
 */
#define TALLY_ROW	6
static char *
many_tally_sql(size_t n)
{
	static char	*full;
	char		*sql;

	if (n == MANY_MAX && full != NULL)
		return full;
	sql = db_rows_sql("UPDATE orders SET" TALLY_SET("v.column2",
	    "v.column3", "v.column4", "v.column5", "v.column6")
	    " FROM (VALUES", n, TALLY_ROW,
	    ") AS v WHERE orders.id = v.column1");
	if (n == MANY_MAX)
		full = sql;
	return sql;
}

/*
 * The statement of n rows sql builds: kept for a full run, else made
 * for this one (many_done ends it); NULL, said, and nothing to end.
 */
static struct db_stmt *
many_stmt(struct cs *cs, char *(*sql)(size_t), size_t n, char **text)
{
	struct db_stmt	*st;

	*text = sql(n);
	st = n == MANY_MAX ? db_stmt(cs->db, *text) :
	    db_prepare(cs->db, *text);
	if (st == NULL) {
		if (n != MANY_MAX)
			free(*text);
		cs_error(cs, CS_SOFTWARE, "database error");
	}
	return st;
}

static void
many_done(struct db_stmt *st, char *sql, size_t n)
{
	if (n == MANY_MAX)
		db_reset(st);
	else {
		db_finalize(st);
		free(sql);
	}
}

/*
 * The totals of the n new refunds among l[m]: their orders' by one
 * statement, the actor's day by one (what is let go of in the desk's
 * money).  0 or a fatal status.
 */
static int
many_tally(struct cs *cs, struct many_line *l, size_t m, size_t n,
    const struct batch_res *res)
{
	struct tally_move t;
	struct db_stmt	*st;
	char		*sql;
	int64_t		 today = cal_day_in(cs->conf.timezone, cs->now);
	int64_t		 day = 0, first = 0;
	size_t		 i;
	int		 b = 0, rc = 0;

	if ((st = many_stmt(cs, many_tally_sql, n, &sql)) == NULL)
		return CS_SOFTWARE;
	for (i = 0; i < m; i++) {
		if (l[i].status == NULL ||
		    !tally_of(NULL, l[i].status, -1, today, &t))
			continue;
		db_bind_int(st, b + 1, l[i].o.id);
		db_bind_int(st, b + 2, t.pend);
		db_bind_int(st, b + 3, t.paid);
		db_bind_int(st, b + 4, t.dayop);
		db_bind_int(st, b + 5, t.day);
		db_bind_int(st, b + 6, l[i].amount);
		b += TALLY_ROW;
		if (first == 0)
			first = res[i].id;
		if (t.add && strcmp(l[i].o.currency, cs->conf.currency) == 0)
			day += l[i].amount;
	}
	if (db_step_later(st, b / TALLY_ROW) != DB_DONE)
		rc = cs_error(cs, db_fail(cs->db, "refund"), "R%lld on: cannot "
		    "update their orders' totals", (long long)first);
	many_done(st, sql, n);
	if (rc == 0 && day > 0)
		rc = agent_day_add(cs, first, cs->actor.name, today, day);
	return rc;
}

/*
 * The new refunds among l[n]: inserted, counted on their orders and the
 * actor's day, audited.  0 or a fatal status.
 */
static int
many_write(struct cs *cs, const struct refund_in *in, struct many_line *l,
    size_t n, struct batch_res *res, size_t made)
{
	struct db_stmt	*st, *top;
	struct jbuf	 j;
	char		*sql, rule[64];
	const char	*key;
	size_t		 i, at = 0;
	size_t		 want = made;
	int64_t		 last, today;
	int		 rc, p;

	if (made == 0)
		return 0;
	if ((st = many_stmt(cs, many_insert_sql, made, &sql)) == NULL)
		return CS_SOFTWARE;
	snprintf(rule, sizeof(rule), "%s: no fee", in[0].reason);
	today = cal_day_in(cs->conf.timezone, cs->now);
	/* The table grows run by run: its end read as it is now. */
	if ((top = db_stmt_fresh(cs->db, last_id_sql)) == NULL) {
		many_done(st, sql, want);
		return CS_SOFTWARE;
	}
	if (db_step(top) != DB_ROW) {
		rc = db_fail(cs->db, "lookup");
		db_reset(top);
		many_done(st, sql, want);
		return cs_error(cs, rc, "cannot read the refunds' IDs");
	}
	last = db_col_int(top, 0);
	db_reset(top);
	for (i = 0, p = 0; i < n; i++) {
		if (l[i].status == NULL)
			continue;
		db_bind_int(st, p + 1, ++last);
		db_bind_int(st, p + 2, l[i].o.id);
		db_bind_int(st, p + 3, l[i].amount);
		db_bind_int(st, p + 4, 0);	/* the reasons a run covers */
		db_bind_text(st, p + 5, l[i].status);
		db_bind_text(st, p + 6, in[i].reason);
		db_bind_text(st, p + 7, l[i].key);
		db_bind_text(st, p + 8, in[i].note != NULL &&
		    *in[i].note != '\0' ? in[i].note : NULL);
		db_bind_text(st, p + 9, rule);
		db_bind_text(st, p + 10, cs->actor.name);
		db_bind_text(st, p + 11, *l[i].status == 'a' ?
		    cs->actor.name : NULL);
		db_bind_int(st, p + 12, cs->now);
		db_bind_int(st, p + 13, cs->now);
		db_bind_int(st, p + 14, today);
		db_bind_text(st, p + 15, cs->actor.name);
		p += MANY_ROW;
	}
	rc = 0;
	audit_hold(cs->db, MANY_MAX);
	while (rc == 0 && db_step(st) == DB_ROW) {
		/* Rows come back as they went in; by key (column 6) if not. */
		key = db_col_text(st, 6);
		while (at < n && l[at].status == NULL)
			at++;
		if (at >= n || strcmp(l[at].key, key) != 0)
			for (at = 0; at < n; at++)
				if (l[at].status != NULL &&
				    strcmp(l[at].key, key) == 0)
					break;
		if (at >= n) {
			rc = cs_error(cs, CS_SOFTWARE, "key %s: a refund "
			    "made for no line", key);
			break;
		}
		res[at].id = db_col_int(st, 0);
		request_detail(&j, &in[at], l[at].o.id, l[at].amount, 0,
		    l[at].o.currency, l[at].key, l[at].status);
		rc = cs_audit_row(cs, ID_REFUND, res[at].id, "refund.request",
		    &j, st);
		made--;
		at++;
	}
	if (rc == 0 && made != 0)
		rc = cs_error(cs, db_fail(cs->db, "refund"), "cannot record "
		    "the refunds");
	/* The run's audit records, by one statement; its totals. */
	if ((p = audit_flush(cs->db)) != 0 && rc == 0)
		rc = cs_error(cs, p, "the refunds' audit records");
	if (rc == 0)
		rc = many_tally(cs, l, n, want, res);
	many_done(st, sql, want);
	return rc;
}

/*
 * One run of lines from in[0]: *used is how many it decided (at least
 * one).  0 or a fatal status.
 */
static int
many_run(struct cs *cs, struct many_work *w, const struct refund_in *in,
    size_t n, struct batch_res *res, size_t *used)
{
	struct many_line *l = w->l;
	struct key_row	*k = w->k;
	struct order_info *o = w->o;
	char		 cur[8];
	int64_t		*ids = w->ids, (*lims)[2] = w->lims, lim, today;
	int64_t		 agent = 0, onorder;
	int		*found = w->found, *known = w->known, rc = 0, retry;
	int		 outcome;
	const char	*errstr;
	size_t		 i, m, x, made = 0;

	if (n > MANY_MAX)
		n = MANY_MAX;
	/* The run: lines of orders given by ID, each order once. */
	for (m = 0; m < n; m++) {
		if (!many_covers(&in[m]) ||
		    id_parse(in[m].order, ID_ORDER, &ids[m], &errstr) == -1)
			break;
		for (x = 0; x < m && ids[x] != ids[m]; x++)
			;
		if (x < m)
			break;
	}
	/*
	 * A short run (the next line on the same order: a batch on one
	 * order or two is all such) is refund_request's, line by line,
	 * whose statements are kept prepared: a run's are made for its
	 * size, and three of them cost more than a few lines alone.
	 */
	if (m < MANY_MIN)
		m = 0;
	if (m > 0 && (rc = order_load_money_many(cs, ids, m, o, lims,
	    found)) != 0)
		goto out;
	/* An order unknown is said by refund_request, alone. */
	for (i = 0; i < m; i++) {
		if (!found[i]) {
			m = i;
			break;
		}
		l[i].o = o[i];
		l[i].limit[0] = lims[i][0];
		l[i].limit[1] = lims[i][1];
	}
	/* Each line's key: the run ends before a key it had. */
	for (i = 0; i < m; i++) {
		l[i].decided = 0;
		l[i].status = NULL;
		res[i].rc = 0;
		res[i].outcome = REFUND_APPLIED;
		res[i].id = 0;
		res[i].msg[0] = '\0';
		l[i].given = -1;
		cs->err[0] = '\0';
		if ((rc = request_ok(cs, &in[i])) != 0 ||
		    (strcmp(in[i].amount, "full") != 0 &&
		    money_parse(in[i].amount, l[i].o.currency, &l[i].given,
		    &errstr) == -1 && (rc = cs_error(cs, CS_DATAERR,
		    "amount %s: %s", in[i].amount, errstr)) != 0) ||
		    (rc = request_key(cs, &in[i], l[i].o.id, l[i].given,
		    l[i].key, sizeof(l[i].key))) != 0) {
			many_said(cs, &res[i], rc, REFUND_APPLIED);
			l[i].key[0] = '\0';
			l[i].decided = 1;
			continue;
		}
		for (x = 0; x < i && strcmp(l[x].key, l[i].key) != 0; x++)
			;
		if (x < i) {
			m = i;
			break;
		}
	}
	if (m > 0 && (rc = many_keys(cs, l, m, k, known)) != 0)
		goto out;
	lim = refund_approval_limit(cs);
	today = cal_day_in(cs->conf.timezone, cs->now);
	/* The actor's day; each order's came with it. */
	if (lim >= 0 && m > 0 &&
	    (rc = day_totals(cs, 0, &agent, &onorder, cur)) != 0)
		goto out;
	/* Each line as refund_request would decide it, in order. */
	for (i = 0; i < m; i++) {
		if (l[i].decided)
			continue;
		cs->err[0] = '\0';
		if (known[i]) {
			outcome = REFUND_APPLIED;
			res[i].id = k[i].id;
			rc = known_key(cs, &in[i], l[i].key, l[i].given,
			    &l[i].o, &k[i], &outcome, &retry);
			if (rc == 0 && retry) {
				m = i;	/* its next attempt, alone */
				break;
			}
			many_said(cs, &res[i], rc, outcome);
			continue;
		}
		if ((rc = new_key_ok(cs, &in[i])) != 0 ||
		    (strcmp(in[i].reason, "failed-order") == 0 &&
		    (rc = failed_order(cs, &l[i].o)) != 0) ||
		    (rc = resolve_amount(cs, l[i].o.id, in[i].amount, &l[i].o,
		    &l[i].amount)) != 0) {
			many_said(cs, &res[i], rc, REFUND_APPLIED);
			continue;
		}
		/* Above the day's limit it waits: not an error. */
		l[i].status = "approved";
		if (lim >= 0) {
			onorder = l[i].limit[0] == today ? l[i].limit[1] : 0;
			if (limit_check(cs, l[i].o.id, l[i].o.currency,
			    l[i].amount, lim, agent, onorder) != 0)
				l[i].status = "requested";
			else if (strcmp(l[i].o.currency,
			    cs->conf.currency) == 0)
				agent += l[i].amount;
		}
		res[i].outcome = *l[i].status == 'a' ? REFUND_APPLIED :
		    REFUND_WAITING;
		cs->err[0] = '\0';
		made++;
	}
	if ((rc = many_write(cs, in, l, m, res, made)) != 0)
		goto out;
	if (m == 0)
		rc = many_alone(cs, &in[0], &res[0]);
	*used = m > 0 ? m : 1;
out:
	return rc;
}

int
refund_request_many(struct cs *cs, const struct refund_in *in, size_t n,
    struct batch_res *res)
{
	struct many_work w;
	size_t		 i, used, max = n < MANY_MAX ? n : MANY_MAX;
	int		 rc = 0;

	w.l = calloc(max, sizeof(*w.l));
	w.k = calloc(max, sizeof(*w.k));
	w.o = calloc(max, sizeof(*w.o));
	w.ids = calloc(max, sizeof(*w.ids));
	w.lims = calloc(max, sizeof(*w.lims));
	w.found = calloc(max, sizeof(*w.found));
	w.known = calloc(max, sizeof(*w.known));
	if (w.l == NULL || w.k == NULL || w.o == NULL || w.ids == NULL ||
	    w.lims == NULL || w.found == NULL || w.known == NULL)
		err(CS_SOFTWARE, NULL);
	for (i = 0; i < n && rc == 0; i += used) {
		used = 0;
		rc = many_run(cs, &w, in + i, n - i, res + i, &used);
	}
	free(w.l);
	free(w.k);
	free(w.o);
	free(w.ids);
	free(w.lims);
	free(w.found);
	free(w.known);
	return rc;
}

/* The TSV/JSON contract of `cs-refund quote`: append only. */
const struct out_col quote_cols[] = {
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "fee",	"FEE",		OUT_MONEY, 0,		1 },
	{ "refund",	"REFUND",	OUT_MONEY, 0,		1 },
	{ "rule",	"RULE",		OUT_TEXT,  0,		1 },
	{ "currency",	"CURRENCY",	OUT_TEXT,  0,		0 },
};
const int quote_ncols = sizeof(quote_cols) / sizeof(quote_cols[0]);

/* The TSV/JSON contract of `cs-refund ls`: append only. */
const struct out_col refund_cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_REFUND,	1 },
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "fee",	"FEE",		OUT_MONEY, 0,		1 },
	{ "status",	"STATUS",	OUT_TEXT,  0,		1 },
	{ "reason",	"REASON",	OUT_TEXT,  0,		1 },
	{ "key",	"KEY",		OUT_TEXT,  0,		1 },
	{ "refund",	"REFUND",	OUT_MONEY, 0,		0 },
	{ "requested_by", "BY",		OUT_TEXT,  0,		0 },
	{ "created",	"CREATED",	OUT_TIME,  0,		0 },
	{ "note",	"NOTE",		OUT_TEXT,  OUT_PROSE,	0 },
	{ "rule",	"RULE",		OUT_TEXT,  0,		0 },
	{ "dispute",	"DISPUTE",	OUT_ID,	   ID_DISPUTE,	0 },
	{ "owed_by",	"OWED BY",	OUT_ID,	   ID_CUSTOMER,	0 },
	{ "recovered",	"RECOVERED",	OUT_MONEY, 0,		0 },
	{ "recovery",	"RECOVERY",	OUT_TEXT,  0,		0 },
	{ "rejection",	"REJECTION",	OUT_TEXT,  OUT_PROSE,		0 },
	{ "currency",	"CURRENCY",	OUT_TEXT,  0,		0 },
};
const int refund_ncols = sizeof(refund_cols) / sizeof(refund_cols[0]);

#define REFUND_COLS							\
    "SELECT id, order_id, amount, fee, status, reason, key,"		\
    " amount - fee, requested_by, created_at, note, rule, dispute_id,"	\
    " owed_by, CASE WHEN owed_by IS NOT NULL THEN recovered END,"	\
    " recovery, rejection,"						\
    " (SELECT currency FROM orders WHERE id = order_id) FROM refund"
/* Each by its own index: an order's refunds, or those in a status. */
static const char by_order_sql[] = REFUND_COLS
    " WHERE order_id = $2 AND ($1 IS NULL OR status = $1) ORDER BY id";
static const char by_status_sql[] = REFUND_COLS
    " WHERE status = $1 ORDER BY id";
static const char all_sql[] = REFUND_COLS " ORDER BY id";
/* A customer's: on its orders, and those it owes from either side. */
static const char by_customer_sql[] = REFUND_COLS
    " WHERE (order_id IN (SELECT id FROM orders WHERE customer_id = $3)"
    " OR owed_by = $3) AND ($1 IS NULL OR status = $1)"
    " AND ($2 = 0 OR order_id = $2) ORDER BY id";

int
refund_list(struct cs *cs, const char *status, const char *order,
    const char *customer, struct out *o)
{
	struct db_stmt	*st;
	static const char *const statuses[] = { "requested", "approved",
	    "sent", "paid", "rejected", "failed", NULL };
	int64_t		 oid = 0, cust, cid = 0;
	int		 rc;

	if (status != NULL && word_index(statuses, status) == -1)
		return cs_error(cs, CS_USAGE, "-s %s: not a status (requested "
		    "approved sent paid rejected failed)", status);
	if (order != NULL && (rc = order_find(cs, order, &oid, &cust)) != 0)
		return rc;
	if (customer != NULL &&
	    (rc = customer_find(cs, customer, NULL, &cid)) != 0)
		return rc;
	st = db_listing(cs->db, customer != NULL ? by_customer_sql :
	    order != NULL ? by_order_sql :
	    status != NULL ? by_status_sql : all_sql);
	if (st == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, status);
	db_bind_int(st, 2, oid);
	if (customer != NULL)
		db_bind_int(st, 3, cid);
	return cs_rows(cs, st, o, refund_ncols, "refunds");
}

static const char get_sql[] =
    "SELECT r.status, r.amount, r.requested_by, r.fee, o.ref, r.txn,"
    " r.order_id, r.limit_day, r.limit_agent, r.key, o.currency, r.reason,"
    " o.amount, coalesce(r.owed_by, 0), r.recovered"
    " FROM refund r JOIN orders o ON o.id = r.order_id WHERE r.id = $1";

struct refund_row {
	char	 status[16];
	int64_t	 amount, fee, order;
	int64_t	 limit_day;		/* -1: counted on no day */
	char	 requested_by[64];
	char	 limit_agent[64];	/* whose limit it counts against */
	char	 key[128];		/* at most 127 bytes (cs_key_check) */
	char	 ref[80];
	char	 txn[80];
	char	 currency[8];		/* its order's */
	char	 reason[32];
	int64_t	 price;			/* its order's amount */
	int64_t	 owed_by;		/* an advance's counterparty, or 0 */
	int64_t	 recovered;		/* and what it paid back */
};

static int
refund_get(struct cs *cs, int64_t id, struct refund_row *r)
{
	struct db_stmt	*st;
	const char	*t;
	int		 rc;

	if ((rc = cs_get(cs, get_sql, ID_REFUND, id, &st)) != 0)
		return rc;
	strlcpy(r->status, db_col_text(st, 0), sizeof(r->status));
	r->amount = db_col_int(st, 1);
	strlcpy(r->requested_by, db_col_text(st, 2), sizeof(r->requested_by));
	r->fee = db_col_int(st, 3);
	strlcpy(r->ref, db_col_text(st, 4), sizeof(r->ref));
	t = db_col_text(st, 5);
	strlcpy(r->txn, t ? t : "", sizeof(r->txn));
	r->order = db_col_int(st, 6);
	r->limit_day = db_col_null(st, 7) ? -1 : db_col_int(st, 7);
	t = db_col_text(st, 8);
	strlcpy(r->limit_agent, t ? t : "", sizeof(r->limit_agent));
	strlcpy(r->key, db_col_text(st, 9), sizeof(r->key));
	t = db_col_text(st, 10);
	strlcpy(r->currency, t ? t : "", sizeof(r->currency));
	strlcpy(r->reason, db_col_text(st, 11), sizeof(r->reason));
	r->price = db_col_int(st, 12);
	r->owed_by = db_col_int(st, 13);
	r->recovered = db_col_int(st, 14);
	db_reset(st);
	return 0;
}

static const char set_sql[] =
    "UPDATE refund SET status = $1, decided_by = CASE WHEN $1 ="
    " 'requested' THEN NULL ELSE coalesce($2, decided_by) END,"
    " rejection = coalesce($3, rejection), txn = coalesce($4, txn),"
    " updated_at = $5"
    " WHERE id = $6";

/* What a refund sent in an export carries into its audit record. */
struct payout_line {
	int64_t		 refund, attempt;
	char		 key[160];	/* the payout's idempotency key */
};

/*
 * Move a refund to `to`, with its audit record (and its payout's); why:
 * a rejection's reason, kept apart from the request's note.
 */
static int
refund_move(struct cs *cs, int64_t id, const char *from, const char *to,
    const char *decided_by, const char *why, const char *txn,
    int64_t batch, const struct payout_line *pl)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 act[32];
	int		 rc;

	if ((st = db_stmt(cs->db, set_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, decided_by);
	db_bind_text(st, 3, why);
	db_bind_text(st, 4, txn);
	db_bind_int(st, 5, cs->now);
	db_bind_int(st, 6, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: "
		    "cannot update", (long long)id);
	if ((rc = refund_tally(cs, id, from, to)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", from);
	jbuf_str(&j, "to", to);
	if (why != NULL)
		jbuf_str(&j, "why", why);
	if (txn != NULL)
		jbuf_str(&j, "txn", txn);
	if (pl != NULL) {
		if (batch != 0)
			jbuf_int(&j, "export", batch);
		jbuf_int(&j, "attempt", pl->attempt);
		jbuf_str(&j, "key", pl->key);
	}
	/* Sent again (a re-export): the status stays, the record says so. */
	if (strcmp(from, to) == 0)
		strlcpy(act, "refund.resent", sizeof(act));
	else if (strcmp(from, "failed") == 0 && strcmp(to, "rejected") != 0)
		strlcpy(act, "refund.retry", sizeof(act));
	else
		snprintf(act, sizeof(act), "refund.%s", to);
	return cs_audit(cs, ID_REFUND, id, act, &j);
}

/* A refund's last payout: its attempt, key and export. */
static const char last_payout_sql[] =
    "SELECT attempt, key, batch_id FROM payout WHERE refund_id = $1"
    " ORDER BY attempt DESC, id DESC LIMIT 1";

static int
last_payout(struct cs *cs, int64_t id, struct payout_line *pl,
    int64_t *batch)
{
	struct db_stmt	*st;
	int		 rc;

	memset(pl, 0, sizeof(*pl));
	*batch = 0;
	if ((st = db_stmt(cs->db, last_payout_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		pl->refund = id;
		pl->attempt = db_col_int(st, 0);
		strlcpy(pl->key, db_col_text(st, 1), sizeof(pl->key));
		*batch = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payout"), "R%lld: cannot "
		    "read its payouts", (long long)id);
	return 0;
}

/*
 * A failed payout's cause asked for again: the refund goes back to be
 * exported as its next attempt, approved within the actor's limit of
 * the day or requested for someone whose limit covers it.  Its record
 * names the attempt to come and the key it will be paid under.
 */
static int
refund_retry(struct cs *cs, int64_t id, int64_t order, int64_t amount,
    int *outcome)
{
	struct payout_line pl;
	struct refund_row r;
	int64_t		 batch;
	const char	*to;
	int		 rc;

	if ((rc = refund_get(cs, id, &r)) != 0 ||
	    (rc = last_payout(cs, id, &pl, &batch)) != 0)
		return rc;
	if ((rc = refund_within_limit(cs, order, amount, 0)) != 0 &&
	    rc != CS_NOPERM)
		return rc;
	cs->err[0] = '\0';
	to = rc == 0 ? "approved" : "requested";
	*outcome = rc == 0 ? REFUND_APPLIED : REFUND_WAITING;
	/* The next attempt and its key, as the export will make them. */
	pl.refund = id;
	if (++pl.attempt == 1)
		strlcpy(pl.key, r.key, sizeof(pl.key));
	else
		snprintf(pl.key, sizeof(pl.key), "%s#%lld", r.key,
		    (long long)pl.attempt);
	return refund_move(cs, id, "failed", to, rc == 0 ? cs->actor.name :
	    NULL, NULL, NULL, 0, &pl);
}

/*
 * An advance rejected after its counterparty paid some of it back (an
 * advance is owed once approved): that money is owed back to it,
 * outside cs, as a decision says of what came back beyond a share.
 * Said, and kept in the trail.  0 or a fatal status.
 */
static int
rejected_paid_back(struct cs *cs, int64_t id, const struct refund_row *r)
{
	struct jbuf	 j;
	char		 a[32], rec[32];
	int		 rc;

	if (r->owed_by == 0 || r->recovered == 0)
		return 0;
	money_format(r->recovered, r->currency, a, sizeof(a));
	jbuf_init(&j);
	jbuf_str(&j, "decision", "rejected");
	jbuf_str(&j, "owed_back", a);
	id_format(ID_CUSTOMER, r->owed_by, rec, sizeof(rec));
	jbuf_str(&j, "to", rec);
	if ((rc = cs_audit(cs, ID_REFUND, id, "refund.reconcile", &j)) != 0)
		return rc;
	warnx("R%lld rejected: C%lld paid back %s on it: that is owed back "
	    "to it, outside cs", (long long)id, (long long)r->owed_by, a);
	return 0;
}

int
refund_decide(struct cs *cs, int64_t id, int approve, const char *why)
{
	struct refund_row r;
	char		 a[32], l[32], msg[sizeof(cs->err)];
	int64_t		 lim;
	int		 rc;

	if ((rc = refund_get(cs, id, &r)) != 0)
		return rc;
	/*
	 * A failed payout is money still owed and still counts against
	 * its order; rejecting it releases the amount, which takes a
	 * limit that covers it, as approving it did.
	 */
	if (strcmp(r.status, "requested") != 0 && (approve ||
	    (strcmp(r.status, "approved") != 0 &&
	    strcmp(r.status, "failed") != 0)))
		return cs_error(cs, CS_DATAERR, "R%lld is %s: cannot %s it",
		    (long long)id, r.status, approve ? "approve" : "reject");
	lim = refund_approval_limit(cs);
	/* Another currency's amount is refund_within_limit's to refuse. */
	if (lim >= 0 && r.amount > lim &&
	    strcmp(r.currency, cs->conf.currency) == 0) {
		money_format(r.amount, r.currency, a, sizeof(a));
		money_format(lim, r.currency, l, sizeof(l));
		return cs_error(cs, CS_NOPERM, "R%lld: %s is above %s's "
		    "limit of %s", (long long)id, a, cs->actor.name, l);
	}
	/*
	 * Four eyes: whoever asked for the money (or for its next
	 * attempt) does not release it.
	 */
	if (approve && (strcmp(r.requested_by, cs->actor.name) == 0 ||
	    strcmp(r.limit_agent, cs->actor.name) == 0))
		return cs_error(cs, CS_NOPERM, "R%lld: requested by %s, who "
		    "cannot also approve it", (long long)id, cs->actor.name);
	if (!approve && (why == NULL || *why == '\0'))
		return cs_error(cs, CS_DATAERR, "a rejection needs a reason");
	/*
	 * A rebooking lowered the fare: its difference is the customer's,
	 * with the fee of its band; rejected, it would come back later
	 * with none, as money paid beyond the price.
	 */
	if (!approve && strcmp(r.reason, "rebooking") == 0) {
		money_format(r.price, r.currency, a, sizeof(a));
		return cs_error(cs, CS_DATAERR, "R%lld returns the fare "
		    "difference of O%lld's rebooking (its fare is %s now): it "
		    "is approved, not rejected", (long long)id,
		    (long long)r.order, a);
	}
	/* A deposit returned, a ticket refunded, stands on its refund. */
	if (!approve && (rc = order_back_holds(cs, r.order, r.amount)) != 0) {
		strlcpy(msg, cs->err, sizeof(msg));
		return cs_error(cs, rc, "R%lld: %s", (long long)id, msg);
	}
	/* Released, it counts on the approver's day and the order's. */
	if (approve && (rc = refund_within_limit(cs, r.order, r.amount,
	    r.limit_day == cal_day_in(cs->conf.timezone, cs->now))) != 0) {
		strlcpy(msg, cs->err, sizeof(msg));
		return cs_error(cs, rc, "R%lld: %s", (long long)id, msg);
	}
	if (why != NULL && (rc = text_ok(cs, "reason", why, 1000)) != 0)
		return rc;
	if ((rc = refund_move(cs, id, r.status, approve ? "approved" :
	    "rejected", cs->actor.name, why, NULL, 0, NULL)) != 0 || approve)
		return rc;
	return rejected_paid_back(cs, id, &r);
}

/*
 * Exports.  An export is a numbered batch of payouts: its refunds are
 * marked sent and its lines stored in the caller's transaction, and
 * only once that is committed is the batch printed, from here.  A
 * failed commit prints nothing and leaves the refunds approved; a
 * failed print or a kill after the commit leaves the batch to print
 * again on purpose (`export --again N`), never to make again.
 */

/* The TSV/JSON contract of `cs-refund export`: append only. */
const struct out_col export_cols[] = {
	{ "refund",	"REFUND",	OUT_ID,	   ID_REFUND,	1 },
	{ "order_ref",	"ORDER REF",	OUT_TEXT,  0,		1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "currency",	"CURRENCY",	OUT_TEXT,  0,		1 },
	{ "key",	"KEY",		OUT_TEXT,  0,		1 },
	{ "export",	"EXPORT",	OUT_INT,   0,		0 },
	{ "attempt",	"ATTEMPT",	OUT_INT,   0,		0 },
	{ "resend",	"RESEND",	OUT_INT,   0,		0 },
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	0 },
};
const int export_ncols = sizeof(export_cols) / sizeof(export_cols[0]);

/*
 * The refunds of a new export: approved ones, each the next attempt of
 * its refund; or, to send again, sent ones with no answer yet, each
 * the attempt it was sent as (attempt 1 for one sent before exports
 * were numbered).
 *
 * The idempotency key of a payout is the refund's key for its first
 * attempt (what exports printed before attempts were numbered, so a
 * payout sent then is recognised), "KEY#N" for attempt N: a retry of a
 * failed payout is a new payout, which the payment system must not
 * take for the failed one.  Printing an export again prints the same
 * key: it is stored with the line.
 */
#define EXPORT_REFUNDS(status, first)					\
    " FROM (SELECT r.id, r.amount - r.fee AS paid, o.currency, r.key,"	\
    " coalesce((SELECT max(attempt) FROM payout p"			\
    "   WHERE p.refund_id = r.id), " first ") AS attempt"		\
    " FROM refund r JOIN orders o ON o.id = r.order_id"		\
    " WHERE r.status = '" status "') x"
static const char export_count_sql[] =
    "SELECT count(*) FROM refund WHERE status = $1";
/*
 * The payouts' IDs follow the largest, read once for the statement: the
 * row-by-row "largest plus one" of PostgreSQL's insert trigger walked,
 * at every row, the index entries that killed exports had left past it
 * (20,000 payouts took 27 s after four killed exports, 7 s before).
 */
#define EXPORT_IDS	"(SELECT coalesce(max(id), 0) FROM payout) +"	\
    " row_number() OVER (ORDER BY id)"
static const char export_new_sql[] =
    "INSERT INTO payout (id, batch_id, refund_id, attempt, key, amount,"
    " currency) SELECT " EXPORT_IDS ", $1, id, attempt + 1,"
    " CASE WHEN attempt = 0 THEN key"
    " ELSE key || '#' || CAST(attempt + 1 AS TEXT) END, paid, currency"
    EXPORT_REFUNDS("approved", "0");
static const char export_resend_sql[] =
    "INSERT INTO payout (id, batch_id, refund_id, attempt, key, amount,"
    " currency) SELECT " EXPORT_IDS ", $1, id, attempt,"
    " CASE WHEN attempt = 1 THEN key"
    " ELSE key || '#' || CAST(attempt AS TEXT) END, paid, currency"
    EXPORT_REFUNDS("sent", "1");
static const char batch_insert_sql[] =
    "INSERT INTO payout_batch (created_at, agent, payouts, resend)"
    " VALUES ($1,$2,$3,$4) RETURNING id";
/* A later attempt's key that is another refund's key or payout key. */
static const char payout_clash_sql[] =
    "SELECT p.refund_id, p.key FROM payout p WHERE p.batch_id = $1"
    " AND p.attempt > 1 AND (EXISTS (SELECT 1 FROM refund r"
    "   WHERE r.key = p.key AND r.id <> p.refund_id)"
    " OR EXISTS (SELECT 1 FROM payout q"
    "   WHERE q.key = p.key AND q.refund_id <> p.refund_id))"
    " ORDER BY p.refund_id";
/* The payouts of an export, to mark their refunds sent. */
static const char payout_lines_sql[] =
    "SELECT refund_id, attempt, key FROM payout WHERE batch_id = $1"
    " ORDER BY refund_id";

int
money_require(struct cs *cs, int act)
{
	static const char *const what[] = {
		"export refunds", "settle refunds", "record payments"
	};
	char	 need[128];
	int	 roles = cs->rules.money_roles[act], i, n = 0;

	if (cs->actor.roles & roles)
		return 0;
	need[0] = '\0';
	for (i = 0; role_names[i] != NULL; i++) {
		if (!(roles & (1 << i)))
			continue;
		if (n++ > 0)
			strlcat(need, " or ", sizeof(need));
		strlcat(need, role_names[i], sizeof(need));
	}
	return cs_error(cs, CS_NOPERM, "%s may not %s: that needs the role "
	    "%s (money-role %s in cs.conf)", cs->actor.name, what[act],
	    n ? need : "none", money_actions[act]);
}

/*
 * All in SQL, the refunds streamed, never held: an export of a million
 * refunds takes no more memory than one of ten.
 */
int
refund_export(struct cs *cs, int resend, int64_t *batch, int64_t *count)
{
	struct payout_line pl;
	struct db_stmt	*st, *lines;
	struct jbuf	 j;
	int64_t		 n;
	int		 rc;

	*batch = *count = 0;
	if ((rc = money_require(cs, MONEY_EXPORT)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, export_count_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, resend ? "sent" : "approved");
	rc = db_step(st);
	n = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return cs_error(cs, db_fail(cs->db, "refund"), "cannot read "
		    "the refunds to export");
	if (n == 0)
		return 0;
	if ((st = db_stmt(cs->db, batch_insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_text(st, 2, cs->actor.name);
	db_bind_int(st, 3, n);
	db_bind_int(st, 4, resend);
	if (db_step_id(st, batch) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "export"), "cannot record "
		    "the export");
	if ((st = db_stmt(cs->db, resend ? export_resend_sql :
	    export_new_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, *batch);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payout"), "export %lld: "
		    "cannot record its payouts", (long long)*batch);
	/* In the writer's transaction nobody else changed the count. */
	if (db_changes(cs->db) != n)
		return cs_error(cs, CS_SOFTWARE, "export %lld: %lld payouts "
		    "for %lld refunds", (long long)*batch,
		    (long long)db_changes(cs->db), (long long)n);
	if ((st = db_stmt(cs->db, payout_clash_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, *batch);
	if ((rc = db_step(st)) == DB_ROW) {
		rc = cs_error(cs, CS_DATAERR, "R%lld: payout key %s is "
		    "another refund's", (long long)db_col_int(st, 0),
		    db_col_text(st, 1));
		db_reset(st);
		return rc;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payout"), "export %lld: "
		    "cannot check its keys", (long long)*batch);
	if ((lines = db_listing(cs->db, payout_lines_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(lines, 1, *batch);
	rc = 0;
	while (rc == 0 && db_step(lines) == DB_ROW) {
		memset(&pl, 0, sizeof(pl));
		pl.refund = db_col_int(lines, 0);
		pl.attempt = db_col_int(lines, 1);
		strlcpy(pl.key, db_col_text(lines, 2), sizeof(pl.key));
		/* Sent again, it stays sent: the record says it went out. */
		rc = refund_move(cs, pl.refund, resend ? "sent" : "approved",
		    "sent", NULL, NULL, NULL, *batch, &pl);
		(*count)++;
	}
	db_reset(lines);
	if (rc != 0)
		return rc;
	if (*count != n)
		return cs_error(cs, db_fail(cs->db, "payout"), "export %lld: "
		    "cannot read its payouts", (long long)*batch);
	jbuf_init(&j);
	jbuf_int(&j, "export", *batch);
	jbuf_int(&j, "refunds", *count);
	if (resend)
		jbuf_int(&j, "resend", 1);
	rc = audit_append(cs->db, &cs->actor, cs->now, "refund.export", "-",
	    jbuf_end(&j));
	jbuf_free(&j);
	return rc ? cs_error(cs, rc, "export %lld: audit failed",
	    (long long)*batch) : 0;
}

static const char batch_get_sql[] =
    "SELECT payouts, resend FROM payout_batch WHERE id = $1";

int
refund_export_again(struct cs *cs, int64_t batch)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	int		 rc;

	if ((rc = money_require(cs, MONEY_EXPORT)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, batch_get_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, batch);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_DONE)
		return cs_error(cs, CS_NOINPUT, "export %lld: no such export",
		    (long long)batch);
	if (rc != DB_ROW)
		return cs_error(cs, db_fail(cs->db, "export"), "export %lld: "
		    "cannot read it", (long long)batch);
	/* A second copy of money going out: who asked for it, and when. */
	jbuf_init(&j);
	jbuf_int(&j, "export", batch);
	rc = audit_append(cs->db, &cs->actor, cs->now, "refund.reprint", "-",
	    jbuf_end(&j));
	jbuf_free(&j);
	return rc ? cs_error(cs, rc, "export %lld: audit failed",
	    (long long)batch) : 0;
}

/*
 * The lines of an export, as committed.  A payout answered since (paid
 * or failed, even when its refund is asked for again and waits for its
 * next attempt), or followed by a later attempt, is left out and named:
 * a payment system whose idempotency keys expire (Stripe's after a
 * day) would otherwise pay it again.
 */
static const char export_lines_sql[] =
    "SELECT p.refund_id, o.ref, p.amount, p.currency, p.key, p.batch_id,"
    " p.attempt, b.resend, r.order_id,"
    " CASE WHEN EXISTS (SELECT 1 FROM payout q"
    "   WHERE q.refund_id = p.refund_id AND q.attempt > p.attempt)"
    "   THEN 'retried' WHEN p.result IS NOT NULL THEN p.result"
    " WHEN r.status IN ('paid', 'failed', 'rejected') THEN r.status END"
    " FROM payout p JOIN payout_batch b ON b.id = p.batch_id"
    " JOIN refund r ON r.id = p.refund_id JOIN orders o ON o.id = r.order_id"
    " WHERE p.batch_id = $1 ORDER BY p.refund_id";

int
refund_export_print(struct cs *cs, int64_t batch, struct out *o)
{
	struct out_cell	 cells[sizeof(export_cols) / sizeof(export_cols[0])];
	struct db_stmt	*st;
	int		 rc, orc = 0;

	if ((st = db_listing(cs->db, export_lines_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, batch);
	while ((rc = db_step(st)) == DB_ROW) {
		if (!db_col_null(st, 9)) {
			warnx("export %lld: R%lld is %s since: left out",
			    (long long)batch, (long long)db_col_int(st, 0),
			    db_col_text(st, 9));
			continue;
		}
		db_row_cells(st, cells, export_ncols);
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, "export");
	db_reset(st);
	return orc;
}

/* The TSV/JSON contract of `cs-refund exports`: append only. */
const struct out_col batch_cols[] = {
	{ "export",	"EXPORT",	OUT_INT,   0,		1 },
	{ "created",	"CREATED",	OUT_TIME,  0,		1 },
	{ "by",		"BY",		OUT_TEXT,  0,		1 },
	{ "refunds",	"REFUNDS",	OUT_INT,   0,		1 },
	{ "resend",	"RESEND",	OUT_INT,   0,		1 },
	{ "open",	"OPEN",		OUT_INT,   0,		1 },
};
const int batch_ncols = sizeof(batch_cols) / sizeof(batch_cols[0]);

/* Each export with how many of its refunds still wait for an answer. */
static const char batches_sql[] =
    "SELECT b.id, b.created_at, b.agent, b.payouts, b.resend,"
    " (SELECT count(*) FROM payout p JOIN refund r ON r.id = p.refund_id"
    "   WHERE p.batch_id = b.id AND r.status = 'sent'"
    "   AND NOT EXISTS (SELECT 1 FROM payout q WHERE q.refund_id = p.refund_id"
    "   AND q.attempt > p.attempt))"
    " FROM payout_batch b ORDER BY b.id";

int
refund_exports(struct cs *cs, struct out *o)
{
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, batches_sql)) == NULL)
		return CS_SOFTWARE;
	return cs_rows(cs, st, o, batch_ncols, "exports");
}

static const char payout_result_sql[] =
    "UPDATE payout SET result = $1, txn = $2, settled_at = $3"
    " WHERE refund_id = $4 AND attempt = $5";
/* Another refund this transaction number paid (refund_txn). */
static const char txn_paid_sql[] =
    "SELECT id FROM refund WHERE txn = $1 AND status = 'paid' AND id <> $2"
    " LIMIT 1";
static const char payouts_sql[] =
    "SELECT attempt, key, batch_id, result, coalesce(txn, '') FROM payout"
    " WHERE refund_id = $1 ORDER BY attempt, id";

/*
 * The attempt an answer is for, into pl and batch (attempt 0: a refund
 * sent before attempts were kept): the one its key names, else the
 * last.  1 when the answer is one already recorded for its attempt
 * (the same answer again), 0 when it is for the attempt still out, or
 * an exit status: a key never exported, another answer for an attempt
 * answered, or no key where an earlier attempt had this same answer
 * and a later one is out (the old answer file read again would fail,
 * or pay, the attempt the payment system has not answered yet).
 */
static int
settle_attempt(struct cs *cs, int64_t id, const char *to, const char *txn,
    const char *key, struct payout_line *pl, int64_t *batch)
{
	struct db_stmt	*st;
	char		 found[16] = "", kept[80] = "", earlier[160] = "";
	int64_t		 a, at = 0;
	int		 rc, same, out = 0;

	if ((rc = last_payout(cs, id, pl, batch)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, payouts_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		a = db_col_int(st, 0);
		same = !db_col_null(st, 3) &&
		    strcmp(db_col_text(st, 3), to) == 0 &&
		    (txn == NULL || strcmp(db_col_text(st, 4), txn) == 0);
		if (a == pl->attempt && db_col_null(st, 3))
			out = 1;
		if (key != NULL && strcmp(db_col_text(st, 1), key) == 0) {
			at = a;
			*batch = db_col_int(st, 2);
			strlcpy(pl->key, key, sizeof(pl->key));
			if (!db_col_null(st, 3)) {
				strlcpy(found, db_col_text(st, 3),
				    sizeof(found));
				strlcpy(kept, same ? "" : db_col_text(st, 4),
				    sizeof(kept));
			}
		} else if (key == NULL && same && (a < pl->attempt || !out) &&
		    *earlier == '\0')
			snprintf(earlier, sizeof(earlier), "%lld (%s)",
			    (long long)a, db_col_text(st, 1));
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "payout"), "R%lld: cannot "
		    "read its payouts", (long long)id);
	if (key != NULL) {
		if (at == 0)
			return cs_error(cs, CS_DATAERR, "R%lld: no attempt was "
			    "exported under the key %s", (long long)id, key);
		if (*found == '\0' && at != pl->attempt)
			return cs_error(cs, CS_SOFTWARE, "R%lld: attempt %lld "
			    "(%s) has no answer and is not the last",
			    (long long)id, (long long)at, key);
		pl->attempt = at;
		if (*found == '\0')
			return 0;
		if (strcmp(found, to) == 0 && *kept == '\0')
			return 1;
		return cs_error(cs, CS_DATAERR, "R%lld: attempt %lld (%s) was "
		    "answered %s%s%s: another answer is not taken",
		    (long long)id, (long long)at, key, found,
		    *kept ? " " : "", kept);
	}
	if (*earlier == '\0')
		return 0;
	/*
	 * An attempt's own answer again: nothing out, or its transaction
	 * number, tells which; else say which.
	 */
	if (!out || txn != NULL)
		return 1;
	return cs_error(cs, CS_DATAERR, "R%lld: attempt %s was answered %s "
	    "and attempt %lld (%s) is out: give the attempt's key as the "
	    "answer's fourth field", (long long)id, earlier, to,
	    (long long)pl->attempt, pl->key);
}

int
refund_settle(struct cs *cs, int64_t id, const char *result, const char *txn,
    const char *key, int *changed)
{
	struct payout_line pl;
	struct refund_row r;
	struct db_stmt	*st;
	const char	*to;
	int64_t		 batch, other;
	int		 rc;

	*changed = 0;
	if ((rc = money_require(cs, MONEY_SETTLE)) != 0)
		return rc;
	if (strcmp(result, "ok") == 0)
		to = "paid";
	else if (strcmp(result, "failed") == 0)
		to = "failed";
	else
		return cs_error(cs, CS_DATAERR, "result \"%s\": ok or failed",
		    result);
	if (txn != NULL && (strlen(txn) > 64 || !cs_name_ok(txn)))
		return cs_error(cs, CS_DATAERR, "txn \"%s\": not a transaction "
		    "number", txn);
	if (*to == 'p' && txn == NULL)
		return cs_error(cs, CS_DATAERR, "R%lld: a paid refund needs the "
		    "payment system's transaction number", (long long)id);
	if (key != NULL && cs_key_check(cs, key) != 0)
		return CS_DATAERR;
	if ((rc = refund_get(cs, id, &r)) != 0)
		return rc;
	/* The answer is for an attempt: the one its key names, or the last. */
	if ((rc = settle_attempt(cs, id, to, txn, key, &pl, &batch)) == 1)
		return 0;
	if (rc != 0)
		return rc;
	/* The same answer twice is already done; another one is a clash. */
	if (strcmp(r.status, to) == 0 && (txn == NULL ||
	    strcmp(r.txn, txn) == 0))
		return 0;
	if (strcmp(r.status, "sent") != 0)
		return cs_error(cs, CS_DATAERR, "R%lld is %s: only a sent refund "
		    "is settled", (long long)id, r.status);
	/* One payment pays one refund: a number copied onto two lines. */
	if (*to == 'p') {
		if ((st = db_stmt(cs->db, txn_paid_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, txn);
		db_bind_int(st, 2, id);
		if ((rc = db_step(st)) == DB_ROW)
			other = db_col_int(st, 0);
		db_reset(st);
		if (rc == DB_ROW)
			return cs_error(cs, CS_DATAERR, "R%lld: transaction %s "
			    "already paid R%lld: one payment pays one refund",
			    (long long)id, txn, (long long)other);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: "
			    "cannot look up its transaction", (long long)id);
	}
	*changed = 1;
	if (pl.attempt > 0) {
		if ((st = db_stmt(cs->db, payout_result_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, to);
		db_bind_text(st, 2, txn);
		db_bind_int(st, 3, cs->now);
		db_bind_int(st, 4, id);
		db_bind_int(st, 5, pl.attempt);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "payout"), "R%lld: "
			    "cannot record its answer", (long long)id);
	}
	return refund_move(cs, id, "sent", to, NULL, NULL, txn, batch,
	    pl.attempt > 0 ? &pl : NULL);
}

/*
 * A refund's attempts: each payout once (a resend is the same attempt),
 * with the payment system's answer; one still unanswered is "sent".
 */
static const struct out_col attempt_cols[] = {
	{ "attempt",	"ATTEMPT",	OUT_INT,   0,		1 },
	{ "export",	"EXPORT",	OUT_INT,   0,		1 },
	{ "key",	"KEY",		OUT_TEXT,  0,		1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "result",	"RESULT",	OUT_TEXT,  0,		1 },
	{ "txn",	"TXN",		OUT_TEXT,  0,		1 },
	{ "settled",	"SETTLED",	OUT_TIME,  0,		1 },
};
static const char attempts_sql[] =
    "SELECT attempt, min(batch_id), key, amount,"
    " coalesce(max(result), 'sent'), max(txn), max(settled_at)"
    " FROM payout WHERE refund_id = $1"
    " GROUP BY attempt, key, amount ORDER BY attempt";

static int
attempts_print(struct cs *cs, int64_t id, FILE *fp)
{
	/* Each column padded to its widest, so the attempts line up. */
	struct out_item	 items[] = {
		{ "  attempt ", "attempt", 0 }, { "  export ", "export", 0 },
		{ "  ", "key", 0 }, { "  ", "amount", 0 },
		{ "  ", "result", 6 }, { "  ", "settled", 16 },
		{ "  ", "txn", 0 },
	};
	const struct out_sublist sub = {
		attempt_cols, sizeof(attempt_cols) / sizeof(attempt_cols[0]),
		items, sizeof(items) / sizeof(items[0]), NULL
	};
	static const struct out_record one = {
		.cols = attempt_cols,
		.ncols = sizeof(attempt_cols) / sizeof(attempt_cols[0]),
	};
	struct out_cell	 cells[sizeof(attempt_cols) / sizeof(attempt_cols[0])];
	struct db_stmt	*st;
	char		 a[32];
	int		 rc, orc = 0, n = 0, json = cs->out.mode == OUT_JSON;
	int		 w[4], k;

	if ((st = db_stmt(cs->db, attempts_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	/* A refund has a few attempts: read once for the widths. */
	while (!json && (rc = db_step(st)) == DB_ROW) {
		w[0] = snprintf(a, sizeof(a), "%lld",
		    (long long)db_col_int(st, 0));
		w[1] = snprintf(a, sizeof(a), "%lld",
		    (long long)db_col_int(st, 1));
		w[2] = (int)utf8_width(db_col_text(st, 2));
		money_format(db_col_int(st, 3), NULL, a, sizeof(a));
		w[3] = (int)strlen(a);
		for (k = 0; k < 4; k++)
			if (w[k] > items[k].width)
				items[k].width = w[k];
	}
	db_reset(st);
	if (json)
		fputs(",\"attempts\":[", fp);
	while (orc == 0 && (rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, sub.ncols);
		if (json) {
			fputs(n++ ? ",{" : "{", fp);
			if ((orc = out_record_json(fp, &one, cells, 0)) == 0)
				fputc('}', fp);
			continue;
		}
		if (n++ == 0)
			out_heading(fp, "attempts");
		orc = out_sublist_row(fp, &sub, cells, 0);
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, "payout");
	db_reset(st);
	if (json)
		fputc(']', fp);
	return orc;
}

static const char show_sql[] =
    "SELECT r.id, r.order_id, o.ref, r.amount, r.fee, r.amount - r.fee,"
    " r.status, r.reason, r.key, r.note, r.rule, r.requested_by,"
    " r.decided_by, r.txn, r.created_at, r.updated_at, r.dispute_id,"
    " r.owed_by, CASE WHEN r.owed_by IS NOT NULL THEN r.recovered END,"
    " r.recovery, CASE WHEN r.platform_loss > 0 THEN r.platform_loss END,"
    " r.rejection, o.currency"
    " FROM refund r JOIN orders o ON o.id = r.order_id WHERE r.id = $1";

int
refund_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const struct out_col f[] = {
		{ "refund", "", OUT_ID, ID_REFUND, 1 },
		{ "order", "", OUT_ID, ID_ORDER, 1 },
		{ "ref", "", OUT_TEXT, 0, 1 },
		{ "amount", "", OUT_MONEY, 0, 1 },
		{ "fee", "", OUT_MONEY, 0, 1 },
		{ "pays_out", "", OUT_MONEY, 0, 1 },
		{ "status", "", OUT_TEXT, 0, 1 },
		{ "reason", "", OUT_TEXT, 0, 1 },
		{ "key", "", OUT_TEXT, 0, 1 },
		{ "note", "", OUT_TEXT, OUT_PROSE, 1 },
		{ "rule", "", OUT_TEXT, 0, 1 },
		{ "requested", "", OUT_TEXT, 0, 1 },
		{ "decided", "", OUT_TEXT, 0, 1 },
		{ "txn", "", OUT_TEXT, 0, 1 },
		{ "created", "", OUT_TIME, 0, 1 },
		{ "updated", "", OUT_TIME, 0, 1 },
		{ "dispute", "", OUT_ID, ID_DISPUTE, 1 },
		{ "owed by", "", OUT_ID, ID_CUSTOMER, 1 },
		{ "recovered", "", OUT_MONEY, 0, 1 },
		{ "recovery", "", OUT_TEXT, 0, 1 },
		{ "platform_loss", "", OUT_MONEY, 0, 1 },
		{ "rejection", "", OUT_TEXT, OUT_PROSE, 1 },
		{ "currency", "", OUT_TEXT, 0, 1 },
	};
	static const char *const labels[] = { "pays_out", "pays out",
	    "platform_loss", "loss", NULL };
	static const struct out_record show = {
		.cols = f, .ncols = sizeof(f) / sizeof(f[0]), .width = 10,
		.labels = labels,
	};
	struct out_cell	 cells[sizeof(f) / sizeof(f[0])];
	struct db_stmt	*st;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_REFUND, id)) != 0)
		return rc;
	if ((rc = cs_show_get(cs, show_sql, ID_REFUND, id, &st)) != 0)
		return rc;
	db_row_cells(st, cells, show.ncols);
	if (cs->out.mode == OUT_JSON) {
		fputc('{', fp);
		rc = out_record_json(fp, &show, cells, cs->out.unmask);
		db_reset(st);
		if (rc != 0 || (rc = attempts_print(cs, id, fp)) != 0)
			return rc;
		fputc(',', fp);
		if ((rc = history_json(cs, ID_REFUND, id, fp)) != 0)
			return rc;
		fputs("}\n", fp);
		return 0;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc != 0 || (rc = attempts_print(cs, id, fp)) != 0)
		return rc;
	return history_section(cs, ID_REFUND, id, fp);
}

static int
kw_refund_limit(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr;
	int64_t		 v;
	int		 i;

	if (argc != 3 || (i = word_index(role_names, argv[1])) == -1) {
		conf_err(p, "usage: refund-limit ROLE AMOUNT|none");
		return CS_CONFIG;
	}
	if (strcmp(argv[2], "none") == 0)
		v = -1;
	else if (conf_amount(p, argv[2], &v, &errstr) == -1) {
		conf_err(p, "refund-limit %s: %s: %s", argv[1], argv[2],
		    errstr);
		return CS_CONFIG;
	}
	c->refund_limit[i] = v;
	c->refund_limit_set |= 1 << i;
	return 0;
}

const char *const money_actions[] = { "export", "settle", "payments", NULL };

static int
kw_money_role(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	int		 i, bits;

	if (argc != 3 || (i = word_index(money_actions, argv[1])) == -1 ||
	    (bits = role_parse(argv[2])) == -1) {
		conf_err(p, "usage: money-role export|settle|payments "
		    "ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	c->money_roles[i] = bits;
	return 0;
}

static const struct conf_keyword refund_keywords[] = {
	{ "money-role",		kw_money_role },
	{ "refund-limit",	kw_refund_limit },
	{ NULL,			NULL },
};

/*
 * Approval limits, in fen, by role (agent supervisor manager tech
 * finance admin): above its limit a refund waits for someone else.
 * On a desk in another currency than CNY, the agent's and the
 * supervisor's are 0 until the file gives them (rules.c).
 */
static void
refund_defaults(struct rules *c)
{
	c->refund_limit[0] = 50000;
	c->refund_limit[1] = 500000;
	c->refund_limit[2] = -1;
	c->refund_limit[3] = 0;
	c->refund_limit[4] = -1;
	c->refund_limit[5] = -1;
	/* Money leaves and comes in through finance (DOMAIN.md). */
	c->money_roles[MONEY_EXPORT] = ROLE_FINANCE | ROLE_ADMIN;
	c->money_roles[MONEY_SETTLE] = ROLE_FINANCE | ROLE_ADMIN;
	c->money_roles[MONEY_PAYMENTS] = ROLE_FINANCE | ROLE_ADMIN;
}

static void
refund_print(const struct rules *c, FILE *fp)
{
	char	 a[32];
	int	 i, j, n;

	for (i = 0; role_names[i] != NULL; i++) {
		if (c->refund_limit[i] < 0)
			strlcpy(a, "none", sizeof(a));
		else
			money_format(c->refund_limit[i], c->currency, a,
			    sizeof(a));
		fprintf(fp, "refund-limit %s %s\n", role_names[i], a);
	}
	for (j = 0; money_actions[j] != NULL; j++) {
		fprintf(fp, "money-role %s ", money_actions[j]);
		for (i = 0, n = 0; role_names[i] != NULL; i++)
			if (c->money_roles[j] & (1 << i))
				fprintf(fp, "%s%s", n++ ? "," : "",
				    role_names[i]);
		fputc('\n', fp);
	}
}

const struct rule_conf refund_conf = {
	refund_keywords, refund_defaults, refund_print, NULL
};

int
refund_quote_row(struct out *o, int64_t order, const struct fee_quote *q)
{
	struct out_cell	 cells[6];

	memset(cells, 0, sizeof(cells));
	cells[0].i = order;
	cells[1].i = q->amount;
	cells[2].i = q->fee;
	cells[3].i = q->refund;
	cells[4].s = q->rule;
	cells[5].s = q->currency[0] != '\0' ? q->currency : NULL;
	cells[5].null = cells[5].s == NULL;
	return out_row(o, cells);
}
