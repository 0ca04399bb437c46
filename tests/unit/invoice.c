/* invoice.c: the invoice amount, exact in fen, at every rounding edge. */
#include <stdint.h>
#include <string.h>

#include "cli/cli.h"
#include "check.h"

/* The tax in fen, or -1 when refused; the total is checked on the way. */
static int64_t
tax(int64_t amount, int64_t rate, int64_t postage)
{
	int64_t	 t = -7, total = -7;

	if (invoice_amount(amount, rate, postage, &t, &total) == -1)
		return -1;
	if (total != amount + t + postage)
		return -2;
	return t;
}

static int64_t
rate(const char *s)
{
	const char	*errstr;
	int64_t		 bp;

	return invoice_rate_parse(s, &bp, &errstr) == -1 ? -1 : bp;
}

int
main(void)
{
	int64_t	 t, total;

	/* The desk's example: 88.88 at 6% is 5.3328, 5.33; 144.21 in all. */
	CHECK_INT(invoice_amount(8888, 600, 5000, &t, &total), 0);
	CHECK_INT(t, 533);
	CHECK_INT(total, 14421);
	/* Half a fen rounds up, anything less down (四舍五入 to the fen). */
	CHECK_INT(tax(25, 200, 0), 1);		/* 0.50 fen */
	CHECK_INT(tax(1, 5000, 0), 1);		/* 0.50 fen */
	CHECK_INT(tax(8, 600, 0), 0);		/* 0.48 fen */
	CHECK_INT(tax(9, 600, 0), 1);		/* 0.54 fen */
	CHECK_INT(tax(8333, 600, 0), 500);	/* 499.98 */
	CHECK_INT(tax(8325, 600, 0), 500);	/* 499.50 */
	CHECK_INT(tax(8324, 600, 0), 499);	/* 499.44 */
	CHECK_INT(tax(1, 600, 0), 0);
	CHECK_INT(tax(0, 600, 5000), 0);
	CHECK_INT(tax(10000, 600, 5000), 600);
	CHECK_INT(tax(10000, 0, 0), 0);
	CHECK_INT(tax(10000, 10000, 0), 10000);
	/* Large amounts stay exact: 10^14 fen at 6%. */
	CHECK_INT(tax(INT64_C(100000000000000), 600, 5000),
	    INT64_C(6000000000000));
	/* Out of range: negative, above 100%, an overflow anywhere. */
	CHECK_INT(tax(-1, 600, 0), -1);
	CHECK_INT(tax(100, -1, 0), -1);
	CHECK_INT(tax(100, 10001, 0), -1);
	CHECK_INT(tax(100, 600, -1), -1);
	CHECK_INT(tax(INT64_MAX, 600, 0), -1);
	CHECK_INT(tax(INT64_MAX / 10000 + 1, 10000, 0), -1);	/* the product */
	CHECK_INT(tax(INT64_MAX / 10000, 10000, 0), INT64_MAX / 10000);
	CHECK_INT(tax(INT64_MAX / 10000, 10000, INT64_MAX), -1); /* the total */
	CHECK_INT(tax(INT64_MAX - 5000, 0, 5000), 0);
	CHECK_INT(tax(INT64_MAX - 4999, 0, 5000), -1);
	/* The configured rate: a percentage with at most two decimals. */
	CHECK_INT(rate("6"), 600);
	CHECK_INT(rate("6%"), 600);
	CHECK_INT(rate("6.5%"), 650);
	CHECK_INT(rate("0.01%"), 1);
	CHECK_INT(rate("0"), 0);
	CHECK_INT(rate("100%"), 10000);
	CHECK_INT(rate("100.01%"), -1);
	CHECK_INT(rate("6.001%"), -1);
	CHECK_INT(rate("-6%"), -1);
	CHECK_INT(rate("%"), -1);
	CHECK_INT(rate(""), -1);
	CHECK_INT(rate("6%%"), -1);
	CHECK_DONE();
}
