/*
 * money_parse and money_format: an amount that parses formats back to
 * its canonical text (no leading zeros, every decimal written), which
 * parses again to the same value; the value is what the digits say,
 * computed here again in 128 bits; what is refused is refused for a
 * reason that holds.
 *
 * Input: one byte for the currency's decimals (-1 to 18), the amount.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/*
 * The amount by hand: 1 and *v for DIGITS[.DIGITS] with at most `digits`
 * decimals and at most MONEY_MAX minor units; 0 for another shape; -2
 * for too many decimals; -3 too large.
 */
static int
reference(const char *s, int digits, int64_t *v)
{
	unsigned __int128 x = 0;
	size_t		 whole = 0, frac = 0, i;
	int		 big = 0, dot = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (dot)
			frac++;
		else
			whole++;
		x = x * 10 + (unsigned)(s[i] - '0');
		if (x > INT64_MAX)
			big = 1, x = (unsigned __int128)INT64_MAX + 1;
	}
	if (whole == 0 || (dot && frac == 0))
		return 0;
	if (frac > (size_t)digits)
		return -2;
	for (; frac < (size_t)digits; frac++) {
		x *= 10;
		if (x > INT64_MAX)
			big = 1, x = (unsigned __int128)INT64_MAX + 1;
	}
	if (big || x > (unsigned __int128)MONEY_MAX)
		return -3;
	*v = (int64_t)x;
	return 1;
}

/* The canonical text of an accepted amount, from its text. */
static void
canonical(const char *s, int digits, char *buf, size_t len)
{
	size_t	 o = 0, n, k;
	const char *dot;

	while (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		s++;
	dot = strchr(s, '.');
	n = dot != NULL ? (size_t)(dot - s) : strlen(s);
	for (k = 0; k < n && o + 1 < len; k++)
		buf[o++] = s[k];
	if (digits > 0 && o + 1 < len)
		buf[o++] = '.';
	for (k = 0; k < (size_t)digits && o + 1 < len; k++)
		buf[o++] = dot != NULL && k < strlen(dot + 1) ? dot[1 + k] :
		    '0';
	buf[o] = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*errstr, *errstr2;
	char		*s, text[128], want[128];
	int64_t		 v, v2, ref = 0, any;
	int		 digits, r, rc;

	if (size < 1)
		return 0;
	digits = data[0] % 20 - 1;
	s = fuzz_cstr(data + 1, size - 1);
	rc = money_parse_digits(s, digits, &v, &errstr);
	if (digits < 0 || digits > 18) {
		FUZZ_ASSERT(rc == -1 && errstr != NULL,
		    "\"%s\" accepted with %d decimals", s, digits);
		goto done;
	}
	/*
	 * Any value formats into text that parses back, if it is from 0 to
	 * MONEY_MAX (what the desk stores); a larger one is refused.
	 */
	if (size >= 9) {
		memcpy(&any, data + 1, sizeof(any));
		money_format_digits(any, digits, text, sizeof(text));
		if (any > MONEY_MAX)
			FUZZ_ASSERT(money_parse_digits(text, digits, &v2, &errstr2) ==
			    -1, "%" PRId64 " (%d decimals) formats as \"%s\", "
			    "which parses", any, digits, text);
		else if (any >= 0)
			FUZZ_ASSERT(money_parse_digits(text, digits, &v2, &errstr2) ==
			    0 && v2 == any, "%" PRId64 " (%d decimals) "
			    "formats as \"%s\", which does not parse back",
			    any, digits, text);
		else
			FUZZ_ASSERT(text[0] == '-', "%" PRId64 " formats as "
			    "\"%s\"", any, text);
	}
	r = reference(s, digits, &ref);
	if (rc == -1) {
		FUZZ_ASSERT(errstr != NULL, "\"%s\": refused, no reason", s);
		FUZZ_ASSERT(r != 1, "\"%s\" (%d decimals) refused: %s; it is "
		    "%" PRId64, s, digits, errstr, ref);
		FUZZ_ASSERT((r == -2) == (strcmp(errstr,
		    "too many decimals for the currency") == 0) &&
		    (r == -3) == (strncmp(errstr, "amount too large: at most ",
		    26) == 0),
		    "\"%s\" (%d decimals): \"%s\", reference says %d", s,
		    digits, errstr, r);
		goto done;
	}
	FUZZ_ASSERT(errstr == NULL, "\"%s\": accepted with errstr", s);
	FUZZ_ASSERT(r == 1 && v == ref, "\"%s\" (%d decimals) is %" PRId64
	    ", reference %d %" PRId64, s, digits, v, r, ref);
	money_format_digits(v, digits, text, sizeof(text));
	canonical(s, digits, want, sizeof(want));
	FUZZ_ASSERT(strcmp(text, want) == 0, "\"%s\" (%d decimals) formats "
	    "as \"%s\", not \"%s\"", s, digits, text, want);
	FUZZ_ASSERT(money_parse_digits(text, digits, &v2, &errstr2) == 0 && v2 == v,
	    "\"%s\" (%d decimals): \"%s\" does not parse back", s, digits,
	    text);

done:
	free(s);
	return 0;
}
