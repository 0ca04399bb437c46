/* grant.c: the value of a grant, a coupon's money or a count of points. */
#include <string.h>

#include "cli/cli.h"
#include "check.h"

/* The value of s as kind; -1 on failure, -2 if errstr was not cleared. */
static int64_t
value(const char *kind, const char *s)
{
	const char	*errstr = "not cleared";
	int64_t		 v = -1;

	if (grant_parse_value(kind, s, "CNY", &v, &errstr) == -1)
		return -1;
	return errstr == NULL ? v : -2;
}

static const char *
value_err(const char *kind, const char *s)
{
	const char	*errstr = NULL;
	int64_t		 v;

	if (grant_parse_value(kind, s, "CNY", &v, &errstr) == 0)
		return "accepted";
	return errstr;
}

int
main(void)
{
	/* A coupon is money, in fen. */
	CHECK_INT(value("coupon", "20"), 2000);
	CHECK_INT(value("coupon", "0.01"), 1);
	CHECK_INT(value("coupon", "12.5"), 1250);
	CHECK_STR(value_err("coupon", "0"), "a grant is more than zero");
	CHECK_STR(value_err("coupon", "0.00"), "a grant is more than zero");
	CHECK_STR(value_err("coupon", "1.001"),
	    "too many decimals for the currency");
	CHECK_INT(value("coupon", "-5"), -1);

	/* Points are a whole number, from 1 to 100000000. */
	CHECK_INT(value("points", "1"), 1);
	CHECK_INT(value("points", "500"), 500);
	CHECK_INT(value("points", "100000000"), 100000000);
	CHECK_STR(value_err("points", "100000001"), "at most 100000000 points");
	CHECK_STR(value_err("points", "1.5"), "points are a whole number");
	CHECK_STR(value_err("points", "0"), "points are more than zero");
	CHECK_STR(value_err("points", "000"), "points are more than zero");
	CHECK_STR(value_err("points", "007"), "points are a whole number");
	CHECK_STR(value_err("points", "+5"), "points are a whole number");
	CHECK_STR(value_err("points", " 5"), "points are a whole number");
	CHECK_STR(value_err("points", ""), "points are a whole number");
	CHECK_STR(value_err("points", "99999999999999999999"),
	    "at most 100000000 points");
	return check_failed;
}
