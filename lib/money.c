/*
 * money.c: amounts as integer minor units (fen, cents).  Text in, text
 * out, never a float: "12.5" is 1250 fen exactly.
 */
#include <string.h>

#include "cs.h"

static const struct currency {
	const char	*code;
	int		 digits;
} currencies[] = {
	{ "CNY", 2 }, { "HKD", 2 }, { "MOP", 2 }, { "TWD", 2 }, { "USD", 2 },
	{ "EUR", 2 }, { "GBP", 2 }, { "SGD", 2 }, { "JPY", 0 }, { "KRW", 0 },
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

int
money_parse(const char *s, int digits, int64_t *minor, const char **errstr)
{
	int64_t	 v = 0;
	int	 d, frac = -1;

	*errstr = NULL;
	if (*s == '-') {
		*errstr = "negative amounts are not accepted";
		return -1;
	}
	if (*s < '0' || *s > '9') {
		*errstr = "not an amount";
		return -1;
	}
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac == -1) {
			frac = 0;
			if (s[1] == '\0') {
				*errstr = "not an amount";
				return -1;
			}
			continue;
		}
		if (*s < '0' || *s > '9') {
			*errstr = "not an amount";
			return -1;
		}
		if (frac >= 0 && ++frac > digits) {
			*errstr = "too many decimals for the currency";
			return -1;
		}
		d = *s - '0';
		if (v > (INT64_MAX - d) / 10) {
			*errstr = "amount too large";
			return -1;
		}
		v = v * 10 + d;
	}
	for (frac = frac < 0 ? 0 : frac; frac < digits; frac++) {
		if (v > INT64_MAX / 10) {
			*errstr = "amount too large";
			return -1;
		}
		v *= 10;
	}
	*minor = v;
	return 0;
}

void
money_format(int64_t minor, int digits, char *buf, size_t len)
{
	int64_t	 scale = 1;
	int	 i;

	for (i = 0; i < digits; i++)
		scale *= 10;
	if (digits == 0)
		snprintf(buf, len, "%lld", (long long)minor);
	else
		snprintf(buf, len, "%lld.%0*lld", (long long)(minor / scale),
		    digits, (long long)(minor % scale));
}
