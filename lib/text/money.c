/*
 * money.c: amounts as integer minor units of their ISO 4217 currency
 * (fen, cents, yen, fils).  Text in, text out, never a float: "12.5" is
 * 1250 fen exactly, "10000" yen is 10000 yen.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/*
 * The one table of currencies: ISO 4217's minor-unit digits of each
 * code the desk accepts.  Most have 2; the yen, the won and a few others
 * none; the dinars of Kuwait, Bahrain and their neighbours 3.
 */
static const struct currency {
	const char	*code;
	int		 digits;
} currencies[] = {
	{ "CNY", 2 }, { "HKD", 2 }, { "MOP", 2 }, { "TWD", 2 }, { "USD", 2 },
	{ "EUR", 2 }, { "GBP", 2 }, { "SGD", 2 }, { "JPY", 0 }, { "KRW", 0 },
	{ "AUD", 2 }, { "CAD", 2 }, { "CHF", 2 }, { "MYR", 2 }, { "THB", 2 },
	{ "VND", 0 }, { "CLP", 0 }, { "ISK", 0 }, { "KWD", 3 }, { "BHD", 3 },
	{ "OMR", 3 }, { "JOD", 3 }, { "IQD", 3 }, { "LYD", 3 }, { "TND", 3 },
};

int
money_digits(const char *code)
{
	size_t	 i;

	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
		if (strcmp(currencies[i].code, code) == 0)
			return currencies[i].digits;
	return -1;
}

/* *v = *v * 10 + d, checked before multiplying so it never overflows. */
static int
shift_in(int64_t *v, int d)
{
	if (*v > (INT64_MAX - d) / 10)
		return -1;
	*v = *v * 10 + d;
	return 0;
}

/* A currency's digits; NULL is MONEY_HOME's (text.h). */
static int
digits_of(const char *currency)
{
	return money_digits(currency != NULL ? currency : MONEY_HOME);
}

int
money_parse(const char *s, const char *currency, int64_t *minor,
    const char **errstr)
{
	return money_parse_digits(s, digits_of(currency), minor, errstr);
}

void
money_format(int64_t minor, const char *currency, char *buf, size_t len)
{
	int	 digits;

	/* An unknown code was refused where it entered; 2 is a safe guess. */
	if ((digits = digits_of(currency)) == -1)
		digits = 2;
	money_format_digits(minor, digits, buf, len);
}

int
money_parse_digits(const char *s, int digits, int64_t *minor,
    const char **errstr)
{
	static char	 msg[80];
	char		 most[40];
	const char	*p;
	int64_t		 v = 0;
	size_t		 whole, frac = 0;
	int		 i;

	*errstr = NULL;
	/* 10^19 does not fit: no currency has more than 3 anyway. */
	if (digits < 0 || digits > 18) {
		*errstr = "unknown currency";
		return -1;
	}
	if (*s == '-') {
		*errstr = "negative amounts are not accepted";
		return -1;
	}
	/*
	 * The shape first, DIGITS[.DIGITS], so anything malformed is "not
	 * an amount" whatever else is wrong with it.
	 */
	whole = strspn(s, "0123456789");
	p = s + whole;
	if (*p == '.') {
		frac = strspn(p + 1, "0123456789");
		if (frac == 0) {
			*errstr = "not an amount";
			return -1;
		}
		p += 1 + frac;
	}
	if (whole == 0 || *p != '\0') {
		*errstr = "not an amount";
		return -1;
	}
	if (frac > (size_t)digits) {
		*errstr = "too many decimals for the currency";
		return -1;
	}
	for (p = s; *p != '\0'; p++)
		if (*p != '.' && shift_in(&v, *p - '0') == -1)
			goto big;
	/* The decimals not written are zeros: 12.5 is 1250 fen. */
	for (i = (int)frac; i < digits; i++)
		if (shift_in(&v, 0) == -1)
			goto big;
	if (v > MONEY_MAX)
		goto big;
	*minor = v;
	return 0;
big:
	money_format_digits(MONEY_MAX, digits, most, sizeof(most));
	snprintf(msg, sizeof(msg), "amount too large: at most %s", most);
	*errstr = msg;
	return -1;
}

void
money_format_digits(int64_t minor, int digits, char *buf, size_t len)
{
	char		 num[64], *p = num + sizeof(num);
	uint64_t	 mag;
	int		 i;

	if (len == 0)
		return;
	if (digits < 0)
		digits = 0;
	if (digits > 40)
		digits = 40;
	/* The magnitude as unsigned, so INT64_MIN has one too. */
	mag = minor < 0 ? (uint64_t)-(minor + 1) + 1 : (uint64_t)minor;
	/*
	 * Written backwards, the point after `digits` digits and at least
	 * one digit before it (5 fen is 0.05); this runs per batch line.
	 */
	*--p = '\0';
	for (i = 0; i < digits; i++, mag /= 10)
		*--p = (char)('0' + mag % 10);
	if (digits > 0)
		*--p = '.';
	do
		*--p = (char)('0' + mag % 10);
	while ((mag /= 10) != 0);
	if (minor < 0)
		*--p = '-';
	strlcpy(buf, p, len);
}

int
money_add(int64_t *sum, int64_t v)
{
	if (v < 0 || v > MONEY_MAX || *sum > MONEY_SUM_MAX - v)
		return -1;
	*sum += v;
	return 0;
}
