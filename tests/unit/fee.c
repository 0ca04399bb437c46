/* fee.c: the 12306 rule at every band edge and every rounding case. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* A refund of amount, of which base is on the price, left before service. */
static struct fee_quote *
on(int64_t amount, int64_t base, int64_t left)
{
	static struct fee_quote	 q;

	if (fee_quote_base(fee_schedule_of(fees, nfees, "rail"), NULL, amount,
	    base, left, &q) == -1)
		q.fee = -2;
	return &q;
}

/* The same, `before` of the price refunded with its fee already. */
static struct fee_quote *
after(int64_t amount, int64_t base, int64_t before, int64_t left)
{
	static struct fee_quote	 q;

	if (fee_quote_after(fee_schedule_of(fees, nfees, "rail"), NULL,
	    amount, base, before, left, &q) == -1)
		q.fee = -2;
	return &q;
}

/*
 * The fee base: the price, never the sum of payments.  A 553.50 ticket
 * paid three times, 23 hours before departure.
 */
static void
fee_bases(void)
{
	struct fee_quote	*q;

	/* Refunded whole at once: 20% of one ticket, the rest whole. */
	CHECK_INT(fee_base(55350, 166050, 0, 0, 166050), 55350);
	q = on(166050, 55350, 23 * HOUR);
	CHECK_INT(q->amount, 166050);
	CHECK_INT(q->fee, 11050);			/* 110.70 -> 110.50 */
	CHECK_INT(q->refund, 155000);
	CHECK_STR(q->rule, "rail: under 1d before service, 20%, rounded to "
	    "0.50, at least 2.00; fee on the price 553.50, the 1107.00 paid "
	    "beyond it returned whole");
	/* The two duplicates first (no fee), then the ticket: the same. */
	CHECK_INT(fee_base(55350, 166050, 110700, 0, 55350), 55350);
	CHECK_INT(on(55350, 55350, 23 * HOUR)->fee, 11050);
	/* The ticket first, then what is left: beyond the price, no fee. */
	CHECK_INT(fee_base(55350, 166050, 0, 0, 55350), 55350);
	CHECK_INT(fee_base(55350, 166050, 55350, 55350, 110700), 0);
	q = on(110700, 0, 23 * HOUR);
	CHECK_INT(q->fee, 0);
	CHECK_INT(q->refund, 110700);
	CHECK(!q->refused);
	CHECK_STR(q->rule, "rail: paid beyond the price, no fee");
	/* Even after departure the surplus goes back: it is not the ticket. */
	CHECK(!on(110700, 0, -HOUR)->refused);
	CHECK(on(166050, 55350, -HOUR)->refused);
	/* Part of the ticket, twice: each part on the price. */
	CHECK_INT(fee_base(55350, 55350, 0, 0, 20000), 20000);
	CHECK_INT(fee_base(55350, 55350, 20000, 20000, 35350), 35350);
	/*
	 * In halves the fee is the whole's: 55.35 is 55.50 rounded, the
	 * second half what the whole's 110.50 leaves, 55.00, not 55.50.
	 */
	CHECK_INT(after(27675, 27675, 0, 23 * HOUR)->fee, 5550);
	q = after(27675, 27675, 27675, 23 * HOUR);
	CHECK_INT(q->fee, 5500);
	CHECK_INT(q->refund, 22175);
	CHECK_INT(after(20000, 20000, 0, 23 * HOUR)->fee +
	    after(35350, 35350, 20000, 23 * HOUR)->fee, 11050);
	/* The minimum once: 3.00 of a price in thirds pays the whole's 2.00. */
	CHECK_INT(after(100, 100, 0, 23 * HOUR)->fee, 100);
	CHECK_INT(after(100, 100, 100, 23 * HOUR)->fee, 100);
	CHECK_INT(after(100, 100, 200, 23 * HOUR)->fee, 0);
	/* A refusal stays one, and money beyond the price goes back whole. */
	CHECK(after(27675, 27675, 27675, -HOUR)->refused);
	CHECK_INT(after(110700, 0, 55350, 23 * HOUR)->fee, 0);
	/* A goodwill refund beyond the surplus took part of the price. */
	CHECK_INT(fee_base(10000, 10000, 3000, 0, 7000), 7000);
	CHECK_INT(fee_base(10000, 15000, 8000, 0, 7000), 7000);
	CHECK_INT(fee_base(10000, 15000, 4000, 0, 11000), 10000);
	/* Paid less than the price (instalments): on what was paid. */
	CHECK_INT(fee_base(10000, 4000, 0, 0, 4000), 4000);
	/* Nothing left, or refunded past the price: no base. */
	CHECK_INT(fee_base(10000, 10000, 10000, 10000, 0), 0);
	CHECK_INT(fee_base(10000, 30000, 25000, 25000, 5000), 0);
	/* Out of range. */
	CHECK_INT(on(0, 0, DAY)->fee, -2);
	CHECK_INT(on(100, 101, DAY)->fee, -2);
	CHECK_INT(on(100, -1, DAY)->fee, -2);
	/* A fee never above the base: the minimum on a 1.00 base. */
	q = on(55350, 100, 23 * HOUR);
	CHECK_INT(q->fee, 100);
	CHECK_INT(q->refund, 55250);
}

static int64_t
ride(const struct ride_rule *r, const char *status, int reserved,
    int64_t service_at, int accepted, int64_t accepted_at, int64_t amount,
    int64_t now)
{
	struct ride_case	 c;
	struct fee_quote	 q;

	c.status = status;
	c.reserved = reserved;
	c.service_at = service_at;
	c.accepted = accepted;
	c.accepted_at = accepted_at;
	ride_cancel_fee(r, &c, amount, now, &q);
	if (q.fee + q.refund != amount)
		return -3;
	return q.fee;
}

/* The one ride cancellation rule, with the built-in rules of cs.conf(5). */
static void
ride_rules(void)
{
	struct ride_rule	 r = { "*", 120, 500, 1000, 3600, 1000, 900,
				    "CNY" };
	struct ride_case	 c = { "booked", 0, 0, 0, 0 };
	struct fee_quote	 q;
	const int64_t		 t = 1000000;

	/* Real time: free until a driver accepts, for 2 minutes after. */
	CHECK_INT(ride(&r, "booked", 0, 0, 0, 0, 3000, t + DAY), 0);
	CHECK_INT(ride(&r, "accepted", 0, 0, 1, t, 3000, t + 119), 0);
	CHECK_INT(ride(&r, "accepted", 0, 0, 1, t, 3000, t + 120), 500);
	CHECK_INT(ride(&r, "accepted", 0, 0, 1, t, 3000, t + 900), 500);
	CHECK_INT(ride(&r, "accepted", 0, 0, 1, t, 3000, t + 901), 0);
	CHECK_INT(ride(&r, "accepted", 0, 0, 1, t, 300, t + 600), 300);
	CHECK_INT(ride(&r, "arrived", 0, 0, 1, t, 3000, t + 60), 1000);
	/* Reserved: free until an hour before pickup; late after it. */
	CHECK_INT(ride(&r, "booked", 1, t, 0, 0, 3000, t - HOUR), 0);
	CHECK_INT(ride(&r, "booked", 1, t, 0, 0, 3000, t - HOUR + 1), 1000);
	CHECK_INT(ride(&r, "accepted", 1, t, 1, t - DAY, 3000, t + 900), 1000);
	CHECK_INT(ride(&r, "accepted", 1, t, 1, t - DAY, 3000, t + 901), 0);
	ride_cancel_fee(&r, &c, 3000, t, &q);
	CHECK_STR(q.rule, "*: no driver has accepted yet, free");
	c.status = "accepted";
	c.accepted = 1;
	c.accepted_at = t;
	ride_cancel_fee(&r, &c, 3000, t + 120, &q);
	CHECK_STR(q.rule, "*: 2m or more after the driver accepted, fixed 5.00");

	/* City names: ASCII as before, and the city's own script. */
	CHECK(ride_city_ok("beijing"));
	CHECK(ride_city_ok("北京"));
	CHECK(ride_city_ok("乌鲁木齐"));
	CHECK(ride_city_ok("São_Paulo"));
	CHECK(ride_city_ok("東京"));
	CHECK(ride_city_ok("서울"));
	CHECK(!ride_city_ok(""));
	CHECK(!ride_city_ok("bei jing"));
	CHECK(!ride_city_ok("北京　"));			/* ideographic space */
	CHECK(!ride_city_ok("北京，"));			/* fullwidth comma */
	CHECK(!ride_city_ok("-beijing"));
	CHECK(!ride_city_ok("\xe5\x8c"));		/* cut in the middle */
	CHECK(!ride_city_ok("a\xe2\x80\xae" "b"));	/* bidi override */
	CHECK(ride_city_ok("黑龙江省哈尔滨市"));		/* 24 bytes */
	CHECK(!ride_city_ok("内蒙古自治区呼和浩特市"));	/* 33 bytes */
}

/*
 * Rebooking (改签) under the built-in rail schedule: the windows, the
 * band a move from inside 8 days to beyond them keeps, and a schedule
 * with that floor.  Times in the test's zone, Asia/Shanghai.
 */
static void
rebooking(void)
{
	const struct fee_schedule *rail = fee_schedule_of(fees, nfees, "rail");
	struct fee_schedule	 low;
	struct fee_quote	 q;
	const char		*errstr;
	char			 why[256];
	int64_t			 now, dep, end;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	CHECK_INT(clock_parse("2026-11-23 10:00", 0, &now, &errstr), 0);
	/* More than 48 hours before: any train of the 15-day presale. */
	dep = now + 48 * HOUR + 1;
	CHECK_INT(rebook_window(rail, now, dep, now + 15 * DAY, why,
	    sizeof(why)), 0);
	CHECK_INT(rebook_window(rail, now, dep, now + 15 * DAY + 1, why,
	    sizeof(why)), -1);
	CHECK_STR(why, "rail: more than 2d before departure, to a train "
	    "within the 15d presale period");
	CHECK_INT(rebook_window(rail, now, dep, now + 1, why, sizeof(why)), 0);
	/* 48 hours or less: before 24:00 of the ticket's date. */
	CHECK_INT(clock_parse("2026-11-25 10:00", 0, &dep, &errstr), 0);
	CHECK_INT(clock_parse("2026-11-26", 0, &end, &errstr), 0);
	CHECK_INT(rebook_window(rail, now, dep, end - 1, why, sizeof(why)), 0);
	CHECK_INT(rebook_window(rail, now, dep, end, why, sizeof(why)), -1);
	CHECK_STR(why, "rail: 2d or less before departure, to a train leaving "
	    "before 24:00 of the ticket's date");
	/* Never after departure, nor to a train already gone. */
	CHECK_INT(rebook_window(rail, dep, dep, dep + HOUR, why, sizeof(why)),
	    -1);
	CHECK_STR(why, "rail: no change after departure");
	CHECK_INT(rebook_window(rail, now, dep, now, why, sizeof(why)), -1);
	CHECK_STR(why, "rail: the new train has left");
	CHECK_INT(rebook_window(fee_schedule_of(fees, nfees, "goods"), now,
	    dep, dep, why, sizeof(why)), -1);

	/* From inside 8 days to 8 days or more: the 5% band is kept. */
	CHECK_INT(rebook_keep(rail, now, now + 8 * DAY - 1, now + 8 * DAY, 0),
	    500);
	CHECK_INT(rebook_keep(rail, now, now + 3 * DAY, now + 12 * DAY, 0),
	    500);
	CHECK_INT(rebook_keep(rail, now, now + 8 * DAY, now + 12 * DAY, 0), 0);
	CHECK_INT(rebook_keep(rail, now, now + 3 * DAY, now + 8 * DAY - 1, 0),
	    0);
	CHECK_INT(rebook_keep(rail, now, now + 8 * DAY, now + 12 * DAY, 500),
	    500);
	/* The floor raises the free band only; 10% and 20% stand. */
	fee_schedule_floor(rail, 500, &low);
	fee_quote(&low, 55350, 12 * DAY, &q);
	CHECK_INT(q.fee, 2750);				/* 27.675 -> 27.50 */
	fee_quote(&low, 55350, 3 * HOUR, &q);
	CHECK_INT(q.fee, 11050);
	fee_quote(rail, 55350, 12 * DAY, &q);
	CHECK_INT(q.fee, 0);
	/* The returned difference of a cheaper fare: the band of now. */
	fee_quote(rail, 15350, 5 * DAY, &q);
	CHECK_INT(q.fee, 750);				/* 7.675 -> 7.50 */
}

int
main(void)
{
	struct fee_schedule	*rail;

	nfees = fee_builtin(fees, 8);
	CHECK_INT(nfees, 4);
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

	/* A ride has no schedule: its city's cancellation rules apply. */
	CHECK(fee_schedule_of(fees, nfees, "ride") == NULL);
	CHECK_INT(fee("goods", 9900, 0), 0);
	CHECK_INT(fee("deposit", 29900, 100 * DAY), 0);
	CHECK_INT(fee("membership", 2500, 0), -1);
	CHECK_STR(rule("membership", 2500, 0), "membership: not refundable");

	fee_bases();
	ride_rules();
	rebooking();

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
