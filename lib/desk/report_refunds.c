/*
 * report_refunds.c: the refunds report -- refunds, fees, their status as
 * of the clock, and the compensation in kind granted -- by group and
 * currency: amounts of different currencies are never added, so each
 * group (and "all") has a row per currency.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk.h"

static const struct out_col refund_report_cols[] = {
	{ "group",	"GROUP",	OUT_TEXT,	0,	1 },
	{ "refunds",	"REFUNDS",	OUT_INT,	0,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY,	0,	1 },
	{ "fee",	"FEE",		OUT_MONEY,	0,	1 },
	{ "net",	"NET",		OUT_MONEY,	0,	1 },
	{ "waiting",	"WAITING",	OUT_INT,	0,	1 },
	{ "rejected",	"REJECTED",	OUT_INT,	0,	1 },
	{ "coupons",	"COUPONS",	OUT_INT,	0,	1 },
	{ "coupon_value", "COUPON VALUE", OUT_MONEY,	0,	1 },
	{ "points",	"POINTS",	OUT_INT,	0,	1 },
	{ "currency",	"CUR",		OUT_TEXT,	0,	1 },
};
static const int refund_report_ncols =
    sizeof(refund_report_cols) / sizeof(refund_report_cols[0]);

static const char *const refund_groups[] = {
	"reason", "kind", "day", "status", NULL
};

/*
 * A refund's status as of $3: its last audit record by then that moved
 * it (a recovery or write-off of an advance compensation does not).
 */
static const char refunds_sql[] =
    "SELECT r.reason, o.kind, r.created_at, r.amount, r.fee,"
    " (SELECT coalesce(a.detail ->> 'to',"
    "   a.detail ->> 'status') FROM audit a"
    "  WHERE a.record = 'R' || r.id AND a.at <= $3"
    "  AND a.action NOT IN ('refund.recover', 'refund.writeoff')"
    "  ORDER BY a.seq DESC LIMIT 1), o.currency"
    " FROM refund r JOIN orders o ON o.id = r.order_id"
    " WHERE r.created_at >= $1 AND r.created_at < $2";

/*
 * Grants in kind, beside the money: their status as of $3 the same way;
 * grouped by reason, their order's kind ("-" without one), day, status.
 */
static const char grants_sql[] =
    "SELECT g.reason, coalesce(o.kind, '-'), g.created_at, g.kind, g.value,"
    " (SELECT coalesce(a.detail ->> 'to',"
    "   a.detail ->> 'status') FROM audit a"
    "  WHERE a.record = 'G' || g.id AND a.at <= $3"
    "  ORDER BY a.seq DESC LIMIT 1)"
    " FROM grants g LEFT JOIN orders o ON o.id = g.order_id"
    " WHERE g.created_at >= $1 AND g.created_at < $2";

/* A group's key is its name, this separator and the currency. */
#define CUR_SEP	'\037'

struct refund_acc {
	char		 key[GROUP_KEY];
	int64_t		 n, amount, fee, waiting, rejected;
	int64_t		 coupons, coupon_value, points;
	int		 over;		/* a sum did not fit: not shown */
};

/* The accumulator of a group and a currency. */
static struct refund_acc *
acc_of(struct groups *gs, const char *key, const char *cur)
{
	char	 k[GROUP_KEY];

	snprintf(k, sizeof(k), "%s%c%s", key != NULL ? key : "-", CUR_SEP,
	    cur);
	return group_of(gs, k);
}

/*
 * Checked sums: a stored amount beyond MONEY_MAX (a database from before
 * it) must not wrap a total negative; the sum is left empty and said.
 */
static void
acc_add(struct refund_acc *g, int64_t *sum, int64_t v)
{
	if (money_add(sum, v) == -1)
		g->over = 1;
}

/* A grant counts unless it was rejected. */
static void
grant_add(struct refund_acc *g, const char *status, const char *kind,
    int64_t value)
{
	if (strcmp(status, "rejected") == 0)
		return;
	if (strcmp(kind, "coupon") == 0) {
		g->coupons++;
		acc_add(g, &g->coupon_value, value);
	} else
		acc_add(g, &g->points, value);
}

static void
refund_add(struct refund_acc *g, const char *status, int64_t amount,
    int64_t fee)
{
	if (strcmp(status, "rejected") == 0 || strcmp(status, "failed") == 0) {
		g->rejected++;
		return;
	}
	g->n++;
	acc_add(g, &g->amount, amount);
	acc_add(g, &g->fee, fee);
	g->waiting += strcmp(status, "requested") == 0;
}

static void
refund_row(struct rset *r, const struct refund_acc *g)
{
	struct out_cell	*c = rset_add(r);
	char		 name[GROUP_KEY], *sep;

	strlcpy(name, g->key, sizeof(name));
	if ((sep = strchr(name, CUR_SEP)) != NULL)
		*sep++ = '\0';
	c[0].s = rset_str(r, name);
	c[1].i = g->n;
	c[2].i = g->amount;
	c[3].i = g->fee;
	c[4].i = g->amount - g->fee;
	c[5].i = g->waiting;
	c[6].i = g->rejected;
	c[7].i = g->coupons;
	c[8].i = g->coupon_value;
	c[9].i = g->points;
	c[10].s = rset_str(r, sep != NULL ? sep : "");
	if (g->over) {
		c[2].null = c[3].null = c[4].null = 1;
		c[8].null = c[9].null = 1;
		warnx("refunds %s %s: a sum is too large to show (a stored "
		    "amount is above the most an amount can be)", name,
		    c[10].s);
	}
}

/*
 * A refunds report row's status (a refund or a grant; none is
 * "requested") and its group key: the day of column 2, the status, or
 * column gi.
 */
static const char *
refund_row_key(struct db_stmt *st, int gi, const char **key, char *day,
    size_t len)
{
	const char	*status;
	int		 y, m, d;

	if ((status = db_col_text(st, 5)) == NULL)
		status = "requested";
	if (gi == 2) {
		cal_civil(clock_day(db_col_int(st, 2)), &y, &m, &d);
		snprintf(day, len, "%04d-%02d-%02d", y, m, d);
		*key = day;
	} else if (gi == 3)
		*key = status;
	else
		*key = db_col_text(st, gi);
	return status;
}

static int
report_refunds(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct groups	 gs = { NULL, 0, sizeof(struct refund_acc) };
	struct groups	 alls = { NULL, 0, sizeof(struct refund_acc) };
	struct refund_acc *a, *g;
	struct db_stmt	*st;
	const char	*key, *status, *cur;
	char		 day[16];
	size_t		 n = 0, i;
	int		 gi, step;

	gi = word_index(refund_groups, ro->group ? ro->group : "reason");
	if (gi == -1)
		return cs_error(cs, CS_USAGE, "-g %s: group by reason, kind, "
		    "day or status", ro->group);
	if ((st = db_prepare(cs->db, refunds_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		status = refund_row_key(st, gi, &key, day, sizeof(day));
		cur = db_col_text(st, 6) ? db_col_text(st, 6) :
		    cs->conf.currency;
		g = acc_of(&gs, key, cur);
		refund_add(g, status, db_col_int(st, 3),
		    db_col_int(st, 4));
		g = acc_of(&alls, "all", cur);
		refund_add(g, status, db_col_int(st, 3),
		    db_col_int(st, 4));
	}
	db_finalize(st);
	if (step != DB_DONE) {
		free(gs.data);
		free(alls.data);
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "refunds");
	}
	if ((st = db_prepare(cs->db, grants_sql)) == NULL) {
		free(gs.data);
		free(alls.data);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		status = refund_row_key(st, gi, &key, day, sizeof(day));
		/* A coupon's value is in the desk's own currency. */
		g = acc_of(&gs, key, cs->conf.currency);
		grant_add(g, status, db_col_text(st, 3),
		    db_col_int(st, 4));
		g = acc_of(&alls, "all", cs->conf.currency);
		grant_add(g, status, db_col_text(st, 3),
		    db_col_int(st, 4));
	}
	db_finalize(st);
	if (step != DB_DONE) {
		free(gs.data);
		free(alls.data);
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "grants");
	}
	groups_sort(&gs);
	a = (struct refund_acc *)gs.data;
	n = gs.n;
	for (i = 0; i < n; i++)
		refund_row(r, &a[i]);
	/* Nothing at all is still one row of "all" in the desk's currency. */
	if (alls.n == 0)
		acc_of(&alls, "all", cs->conf.currency);
	groups_sort(&alls);
	a = (struct refund_acc *)alls.data;
	for (i = 0; i < alls.n; i++)
		refund_row(r, &a[i]);
	free(gs.data);
	free(alls.data);
	return 0;
}

const struct report refunds_report = {
	"refunds", refund_report_cols, &refund_report_ncols,
	report_refunds, "group", "refunds"
};
