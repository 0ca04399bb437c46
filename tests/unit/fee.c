/* fee.c: the 12306 rule at every band edge and every rounding case. */
#include <string.h>

#include "cli/cli.h"
#include "check.h"

#define DAY	86400
#define HOUR	3600

static struct fee_schedule	 fees[8];
static size_t			 nfees;

/* The fee in fen for an amount in fen, `left` seconds before service. */
static int64_t
fee(const char *kind, int64_t amount, int64_t left)
{
	struct fee_quote	 q;

	if (fee_quote(fee_schedule_of(fees, nfees, kind), amount, left,
	    &q) == -1)
		return -2;
	if (q.refused)
		return -1;
	if (q.fee + q.refund != amount)
		return -3;
	return q.fee;
}

static const char *
rule(const char *kind, int64_t amount, int64_t left)
{
	static struct fee_quote	 q;

	fee_quote(fee_schedule_of(fees, nfees, kind), amount, left, &q);
	return q.rule;
}

int
main(void)
{
	struct fee_schedule	*rail;

	nfees = fee_builtin(fees, 8);
	CHECK_INT(nfees, 5);
	CHECK(fee_schedule_of(fees, nfees, "plane") == NULL);

	/* Band edges: "or more" includes the edge itself. */
	CHECK_INT(fee("rail", 10000, 8 * DAY + 1), 0);
	CHECK_INT(fee("rail", 10000, 8 * DAY), 0);
	CHECK_INT(fee("rail", 10000, 8 * DAY - 1), 500);
	CHECK_INT(fee("rail", 10000, 48 * HOUR + 1), 500);
	CHECK_INT(fee("rail", 10000, 48 * HOUR), 500);
	CHECK_INT(fee("rail", 10000, 48 * HOUR - 1), 1000);
	CHECK_INT(fee("rail", 10000, 24 * HOUR + 1), 1000);
	CHECK_INT(fee("rail", 10000, 24 * HOUR), 1000);
	CHECK_INT(fee("rail", 10000, 24 * HOUR - 1), 2000);
	CHECK_INT(fee("rail", 10000, 1), 2000);
	CHECK_INT(fee("rail", 10000, 0), 2000);		/* at departure */
	CHECK_INT(fee("rail", 10000, -1), -1);		/* after: none */
	CHECK_STR(rule("rail", 10000, -1), "rail: no refund after departure");
	CHECK_STR(rule("rail", 10000, 8 * DAY), "rail: 8d or more before "
	    "service, free");
	CHECK_STR(rule("rail", 10000, 48 * HOUR), "rail: 2d or more before "
	    "service, 5%, rounded to 0.50, at least 2.00");
	CHECK_STR(rule("rail", 10000, 3 * HOUR), "rail: under 1d before "
	    "service, 20%, rounded to 0.50, at least 2.00");

	/* Rounding to 0.5 yuan: remainders 0.24, 0.25, 0.74, 0.75 yuan. */
	CHECK_INT(fee("rail", 20480, 3 * DAY), 1000);	/* 10.24 -> 10.00 */
	CHECK_INT(fee("rail", 20500, 3 * DAY), 1050);	/* 10.25 -> 10.50 */
	CHECK_INT(fee("rail", 21480, 3 * DAY), 1050);	/* 10.74 -> 10.50 */
	CHECK_INT(fee("rail", 21500, 3 * DAY), 1100);	/* 10.75 -> 11.00 */
	CHECK_INT(fee("rail", 21000, 3 * DAY), 1050);	/* 10.50 exact */
	CHECK_INT(fee("rail", 22000, 3 * DAY), 1100);	/* 11.00 exact */
	/*
	 * Exact, not rounded to the fen first: 5% of 204.95 is 10.2475,
	 * which is under 10.25 and so 10.00; rounding to 10.25 first
	 * would give 10.50.
	 */
	CHECK_INT(fee("rail", 20495, 3 * DAY), 1000);
	CHECK_INT(fee("rail", 20501, 3 * DAY), 1050);	/* 10.2505 */

	/* The minimum fee, and a fee never above the amount. */
	CHECK_INT(fee("rail", 3000, 3 * DAY), 200);	/* 1.50 -> 2.00 */
	CHECK_INT(fee("rail", 4000, 3 * DAY), 200);	/* 2.00 */
	CHECK_INT(fee("rail", 4999, 3 * DAY), 250);	/* 2.4995 -> 2.50 */
	CHECK_INT(fee("rail", 150, 3 * HOUR), 150);	/* 1.50 ticket */
	CHECK_INT(fee("rail", 150, 9 * DAY), 0);	/* free band: no min */
	CHECK_INT(fee("rail", 1, 3 * HOUR), 1);
	CHECK_INT(fee("rail", 0, 3 * HOUR), -2);
	CHECK_INT(fee("rail", -5, 3 * HOUR), -2);

	/* Large amounts stay exact. */
	CHECK_INT(fee("rail", INT64_MAX, 3 * HOUR),
	    (int64_t)(((__int128)INT64_MAX * 2000 / 10000 + 25) / 50 * 50));

	/* Ride: free within 3 minutes of the order, then 5 yuan. */
	CHECK_INT(fee("ride", 3000, 0), 0);
	CHECK_INT(fee("ride", 3000, 179), 0);
	CHECK_INT(fee("ride", 3000, 180), 500);
	CHECK_INT(fee("ride", 300, 600), 300);
	CHECK_STR(rule("ride", 3000, 60), "ride: within 3m of the order, free");
	CHECK_STR(rule("ride", 3000, 180), "ride: 3m or more after the order, "
	    "fixed 5.00");
	CHECK_INT(fee("goods", 9900, 0), 0);
	CHECK_INT(fee("deposit", 29900, 100 * DAY), 0);
	CHECK_INT(fee("membership", 2500, 0), -1);
	CHECK_STR(rule("membership", 2500, 0), "membership: not refundable");

	/* Exclusive edges: exactly 48 hours falls in the band below. */
	rail = (struct fee_schedule *)fee_schedule_of(fees, nfees, "rail");
	rail->inclusive = 0;
	CHECK_INT(fee("rail", 10000, 48 * HOUR), 1000);
	CHECK_INT(fee("rail", 10000, 48 * HOUR + 1), 500);
	CHECK_INT(fee("rail", 10000, 0), 2000);
	rail->inclusive = 1;
	/* Rounding up and down, to a whole yuan. */
	rail->step = 100;
	rail->rounding = FEE_UP;
	CHECK_INT(fee("rail", 20020, 3 * DAY), 1100);	/* 10.01 -> 11 */
	rail->rounding = FEE_DOWN;
	CHECK_INT(fee("rail", 21980, 3 * DAY), 1000);	/* 10.99 -> 10 */
	/* A cutoff two hours before departure. */
	rail->cutoff = 2 * HOUR;
	CHECK_INT(fee("rail", 10000, 2 * HOUR), 2000);
	CHECK_INT(fee("rail", 10000, 2 * HOUR - 1), -1);
	CHECK_STR(rule("rail", 10000, 60), "rail: no refund less than 2h "
	    "before service");
	CHECK_DONE();
}
