/* money.c: amounts as exact minor units, in and out. */
#include <string.h>

#include "cli/cli.h"
#include "check.h"

#define UNTOUCHED	(-424242)
#define TOO_PRECISE	"too many decimals for the currency"

/* The minor units of s; -1 on failure, -2 if errstr was not cleared. */
static int64_t
amount(const char *s, int digits)
{
	const char	*errstr = "not cleared";
	int64_t		 v = UNTOUCHED;

	if (money_parse_digits(s, digits, &v, &errstr) == -1)
		return -1;
	if (errstr != NULL)
		return -2;		/* success must clear errstr */
	return v;
}

/* The error for s, "accepted" if it parses; *minor must be left alone. */
static const char *
amount_err(const char *s, int digits)
{
	const char	*errstr = NULL;
	int64_t		 v = UNTOUCHED;

	if (money_parse_digits(s, digits, &v, &errstr) == 0)
		return "accepted";
	if (v != UNTOUCHED)
		return "wrote *minor on failure";
	return errstr;
}

static const char *
fmt(int64_t minor, int digits)
{
	static char	 buf[64];

	memset(buf, 'Z', sizeof(buf));
	money_format_digits(minor, digits, buf, sizeof(buf));
	return buf;
}

/* Formatting and parsing again gives the same amount. */
static int
round_trip(int64_t minor, int digits)
{
	char	 buf[64];

	money_format_digits(minor, digits, buf, sizeof(buf));
	return amount(buf, digits) == minor;
}

/* Parsed in currency; -1 on failure. */
static int64_t
by_cur(const char *s, const char *currency)
{
	const char	*errstr;
	int64_t		 v;

	if (money_parse(s, currency, &v, &errstr) == -1)
		return -1;
	return v;
}

/* sum + v checked; -1 if refused (and sum must be left alone). */
static int64_t
add(int64_t sum, int64_t v)
{
	int64_t	 was = sum;

	if (money_add(&sum, v) == -1)
		return sum == was ? -1 : -2;
	return sum;
}

int
main(void)
{
	char	 buf[64];

	/* Currencies. */
	CHECK_INT(money_digits("CNY"), 2);
	CHECK_INT(money_digits("HKD"), 2);
	CHECK_INT(money_digits("USD"), 2);
	CHECK_INT(money_digits("EUR"), 2);
	CHECK_INT(money_digits("GBP"), 2);
	CHECK_INT(money_digits("JPY"), 0);
	CHECK_INT(money_digits("KRW"), 0);
	CHECK_INT(money_digits("XXX"), -1);
	CHECK_INT(money_digits(""), -1);
	CHECK_INT(money_digits("cny"), -1);	/* codes are upper case */
	CHECK_INT(money_digits("CN"), -1);
	CHECK_INT(money_digits("CNYX"), -1);
	CHECK_INT(money_digits("RMB"), -1);		/* not an ISO code */

	/* Whole and fractional amounts. */
	CHECK_INT(amount("12", 2), 1200);
	CHECK_INT(amount("12.5", 2), 1250);
	CHECK_INT(amount("12.50", 2), 1250);
	CHECK_INT(amount("12.05", 2), 1205);
	CHECK_INT(amount("0.05", 2), 5);
	CHECK_INT(amount("0.5", 2), 50);
	CHECK_INT(amount("0", 2), 0);
	CHECK_INT(amount("0.0", 2), 0);
	CHECK_INT(amount("0.00", 2), 0);
	CHECK_INT(amount("007", 2), 700);
	CHECK_INT(amount("1", 2), 100);
	CHECK_INT(amount("99.99", 2), 9999);
	CHECK_INT(amount("7", 0), 7);
	CHECK_INT(amount("0", 0), 0);
	CHECK_INT(amount("1000000", 0), 1000000);
	CHECK_INT(amount("12.5", 3), 12500);
	CHECK_INT(amount("12.345", 3), 12345);
	CHECK_INT(amount("0000000000000000000000000000001.00", 2), 100);

	/* Decimals: one up to the currency's digits, none for JPY. */
	CHECK_STR(amount_err("12.345", 2), TOO_PRECISE);
	CHECK_STR(amount_err("0.000", 2), TOO_PRECISE);
	CHECK_STR(amount_err("12.5", 0), TOO_PRECISE);
	CHECK_STR(amount_err("12.0", 0), TOO_PRECISE);
	CHECK_STR(amount_err("12.3456", 3), TOO_PRECISE);
	CHECK_STR(amount_err("12.", 2), "not an amount");
	CHECK_STR(amount_err("12.", 0), "not an amount");
	CHECK_STR(amount_err(".5", 2), "not an amount");
	CHECK_STR(amount_err(".", 2), "not an amount");
	CHECK_STR(amount_err("..", 2), "not an amount");
	CHECK_STR(amount_err("1..2", 2), "not an amount");
	CHECK_STR(amount_err("1.2.3", 2), "not an amount");

	/* Signs, exponents, separators, spaces and the like. */
	CHECK_STR(amount_err("-1", 2), "negative amounts are not accepted");
	CHECK_STR(amount_err("-0", 2), "negative amounts are not accepted");
	CHECK_STR(amount_err("-12.50", 2), "negative amounts are not accepted");
	CHECK_STR(amount_err("+1", 2), "not an amount");
	CHECK_STR(amount_err("1-", 2), "not an amount");
	CHECK_STR(amount_err("\xe2\x88\x92" "1", 2), "not an amount"); /* − */
	CHECK_STR(amount_err("1e3", 2), "not an amount");
	CHECK_STR(amount_err("1E3", 2), "not an amount");
	CHECK_STR(amount_err("1.5e1", 2), "not an amount");
	CHECK_STR(amount_err("0x10", 2), "not an amount");
	CHECK_STR(amount_err("1,000", 2), "not an amount");
	CHECK_STR(amount_err("1,000.00", 2), "not an amount");
	CHECK_STR(amount_err("1.000,00", 2), "not an amount");
	CHECK_STR(amount_err("12,50", 2), "not an amount");
	CHECK_STR(amount_err("1_000", 2), "not an amount");
	CHECK_STR(amount_err("1'000", 2), "not an amount");
	CHECK_STR(amount_err("1 000", 2), "not an amount");
	CHECK_STR(amount_err(" 1", 2), "not an amount");
	CHECK_STR(amount_err("1 ", 2), "not an amount");
	CHECK_STR(amount_err("\t1", 2), "not an amount");
	CHECK_STR(amount_err("1\n", 2), "not an amount");
	CHECK_STR(amount_err("", 2), "not an amount");
	CHECK_STR(amount_err("abc", 2), "not an amount");
	CHECK_STR(amount_err("nan", 2), "not an amount");
	CHECK_STR(amount_err("inf", 2), "not an amount");
	CHECK_STR(amount_err("¥12", 2), "not an amount");
	CHECK_STR(amount_err("12元", 2), "not an amount");
	CHECK_STR(amount_err("１２", 2), "not an amount"); /* full-width */
	CHECK_STR(amount_err("12.5x", 2), "not an amount");

	/*
	 * The most an amount can be is MONEY_MAX minor units (10^12), so
	 * no sum of a desk's amounts overflows; beyond it, and at the int64
	 * edge where the digits themselves would overflow, the same refusal.
	 */
	CHECK_INT(amount("10000000000.00", 2), MONEY_MAX);
	CHECK_INT(amount("9999999999.99", 2), MONEY_MAX - 1);
	CHECK_INT(amount("0010000000000", 2), MONEY_MAX);
	CHECK_STR(amount_err("10000000000.01", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("92233720368547758.07", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("92233720368547758.08", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("99999999999999999999", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("18446744073709551616", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_STR(amount_err("1000000000000000000000000000000", 2),
	    "amount too large: at most 10000000000.00");
	CHECK_INT(amount("1000000000000", 0), MONEY_MAX);
	CHECK_STR(amount_err("1000000000001", 0),
	    "amount too large: at most 1000000000000");
	CHECK_STR(amount_err("9223372036854775808", 0),
	    "amount too large: at most 1000000000000");
	CHECK_INT(amount("1000000000.000", 3), MONEY_MAX);
	CHECK_STR(amount_err("1000000000.001", 3),
	    "amount too large: at most 1000000000.000");
	/* Ten million of the most there is still add up in 64 bits. */
	CHECK(MONEY_MAX <= INT64_MAX / 9000000);
	/* Malformed is said first, whatever else is wrong. */
	CHECK_STR(amount_err("99999999999999999999x", 2), "not an amount");
	CHECK_STR(amount_err("12.345x", 2), "not an amount");
	CHECK_STR(amount_err("-1x", 2), "negative amounts are not accepted");

	/* A currency we do not know has no number of decimals. */
	CHECK_STR(amount_err("12", -1), "unknown currency");
	CHECK_STR(amount_err("12", 19), "unknown currency");

	/* Formatting. */
	CHECK_STR(fmt(1250, 2), "12.50");
	CHECK_STR(fmt(1205, 2), "12.05");
	CHECK_STR(fmt(5, 2), "0.05");
	CHECK_STR(fmt(50, 2), "0.50");
	CHECK_STR(fmt(99, 2), "0.99");
	CHECK_STR(fmt(100, 2), "1.00");
	CHECK_STR(fmt(0, 2), "0.00");
	CHECK_STR(fmt(7, 0), "7");
	CHECK_STR(fmt(0, 0), "0");
	CHECK_STR(fmt(1000000, 0), "1000000");
	CHECK_STR(fmt(12345, 3), "12.345");
	CHECK_STR(fmt(1, 3), "0.001");
	CHECK_STR(fmt(1, 18), "0.000000000000000001");
	CHECK_STR(fmt(INT64_MAX, 2), "92233720368547758.07");
	CHECK_STR(fmt(INT64_MAX, 0), "9223372036854775807");
	CHECK_STR(fmt(INT64_MAX, 18), "9.223372036854775807");
	CHECK_STR(fmt(INT64_MAX, 19), "0.9223372036854775807");
	/* Not for negative amounts; should one come, it keeps its sign. */
	CHECK_STR(fmt(-5, 2), "-0.05");
	CHECK_STR(fmt(-1250, 2), "-12.50");
	CHECK_STR(fmt(-7, 0), "-7");
	CHECK_STR(fmt(INT64_MIN, 2), "-92233720368547758.08");
	CHECK_STR(fmt(INT64_MIN, 0), "-9223372036854775808");

	/* Round trips. */
	CHECK(round_trip(0, 2));
	CHECK(round_trip(1, 2));
	CHECK(round_trip(10, 2));
	CHECK(round_trip(123456789, 2));
	CHECK(round_trip(MONEY_MAX, 2));
	CHECK(round_trip(MONEY_MAX, 0));
	CHECK(round_trip(42, 0));

	/* A short buffer truncates and is still a string; 0 writes nothing. */
	memset(buf, 'Z', sizeof(buf));
	money_format_digits(123456, 2, buf, 5);
	CHECK_STR(buf, "1234");
	CHECK_INT(buf[5], 'Z');
	memset(buf, 'Z', sizeof(buf));
	money_format_digits(123456, 2, buf, 1);
	CHECK_STR(buf, "");
	memset(buf, 'Z', sizeof(buf));
	money_format_digits(123456, 2, buf, 0);
	CHECK_INT(buf[0], 'Z');

	/* By currency: ISO 4217's minor units, NULL the desk's own. */
	CHECK_INT(money_digits("KWD"), 3);
	CHECK_INT(money_digits("BHD"), 3);
	CHECK_INT(money_digits("VND"), 0);
	CHECK_INT(by_cur("10000", "JPY"), 10000);
	CHECK_INT(by_cur("10000", "CNY"), 1000000);
	CHECK_INT(by_cur("10000", NULL), 1000000);
	CHECK_INT(by_cur("12.345", "KWD"), 12345);
	CHECK_INT(by_cur("12.5", "KWD"), 12500);
	CHECK_INT(by_cur("1.5", "JPY"), -1);
	CHECK_INT(by_cur("1.2345", "KWD"), -1);
	CHECK_INT(by_cur("1", "XXX"), -1);
	CHECK_INT(by_cur("1000000000000", "JPY"), MONEY_MAX);
	CHECK_INT(by_cur("1000000000001", "JPY"), -1);
	money_format(10000, "JPY", buf, sizeof(buf));
	CHECK_STR(buf, "10000");
	money_format(12345, "KWD", buf, sizeof(buf));
	CHECK_STR(buf, "12.345");
	money_format(1250, NULL, buf, sizeof(buf));
	CHECK_STR(buf, "12.50");
	/* An unknown code was refused where it entered: 2 decimals. */
	money_format(1250, "XXX", buf, sizeof(buf));
	CHECK_STR(buf, "12.50");

	/* Checked sums: never past 64 bits, never of a non-amount. */
	CHECK_INT(add(0, MONEY_MAX), MONEY_MAX);
	CHECK_INT(add(INT64_MAX - MONEY_MAX, MONEY_MAX), INT64_MAX);
	CHECK_INT(add(INT64_MAX - MONEY_MAX + 1, MONEY_MAX), -1);
	CHECK_INT(add(5, MONEY_MAX + 1), -1);		/* not an amount */
	CHECK_INT(add(5, INT64_MAX), -1);
	CHECK_INT(add(5, -1), -1);
	CHECK_INT(add(5, 0), 5);
	CHECK_DONE();
}
