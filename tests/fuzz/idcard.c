/*
 * idcard_valid and mask_idcard: a number is accepted exactly when it is
 * 18 characters, 17 digits and the GB 11643 check character (computed
 * here from the weights 2^(17-i) mod 11), with a real birth date from
 * 1900 to today; its mask keeps the region (6) and the last 4 and hides
 * the 8 in between, birth date included.  The mask of anything, into a
 * buffer of any size, stays inside the buffer and hides as much.
 *
 * Input: one byte for a buffer size, the text.
 */
#include <time.h>

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

static int
real_date(int y, int m, int d)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m >= 1 && m <= 12 && d >= 1 &&
	    d <= mdays[m - 1] + (m == 2 && leap);
}

/* 1 valid, 0 not, -1 a birth date too near today to say (time zones). */
static int
reference(const char *s)
{
	struct tm	 now;
	time_t		 t = time(NULL);
	long		 sum = 0, w, born, today;
	int		 i, k, y, m, d;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		/* The weight of position i is 2^(17-i) mod 11. */
		for (w = 1, k = 0; k < 17 - i; k++)
			w = w * 2 % 11;
		sum += (s[i] - '0') * w;
	}
	/* The check value c makes sum + c = 1 (mod 11); 10 is X. */
	k = (int)((12 - sum % 11) % 11);
	if (!(k == 10 ? s[17] == 'X' || s[17] == 'x' : s[17] == '0' + k))
		return 0;
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 +
	    (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1900 || !real_date(y, m, d))
		return 0;
	gmtime_r(&t, &now);
	born = (long)y * 10000 + m * 100 + d;
	today = (now.tm_year + 1900L) * 10000 + (now.tm_mon + 1) * 100 +
	    now.tm_mday;
	if (born > today + 1)
		return 0;
	return born >= today - 1 ? -1 : 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*why = NULL;
	char		*s, *buf, full[64];
	size_t		 len, n, i;
	int		 ok, ref;

	if (size < 1)
		return 0;
	len = data[0] % 40;
	s = fuzz_cstr(data + 1, size - 1);
	ok = idcard_valid(s, &why);
	ref = reference(s);
	if (ref != -1)
		FUZZ_ASSERT(ok == ref, "\"%s\": idcard_valid %d (%s), "
		    "reference %d", s, ok, ok ? "" : why, ref);
	FUZZ_ASSERT(ok || why != NULL, "\"%s\" refused, no reason", s);
	if (ok) {
		mask_idcard(s, full, sizeof(full));
		FUZZ_ASSERT(strlen(full) == 18 && memcmp(full, s, 6) == 0 &&
		    strcmp(full + 14, s + 14) == 0 &&
		    strspn(full + 6, "*") == 8, "\"%s\" masks as \"%s\"", s,
		    full);
	}

	/* Any text into a buffer of exactly len bytes (ASan sees past). */
	if ((buf = malloc(len == 0 ? 1 : len)) == NULL)
		abort();
	mask_idcard(s, buf, len);
	if (len > 0) {
		n = strlen(buf);
		FUZZ_ASSERT(n < len, "mask of \"%s\" overran %zu", s, len);
		/* Only ASCII kept: no byte of the hidden middle survives. */
		if (strspn(s, "0123456789Xx") == strlen(s) && strlen(s) > 10)
			for (i = 6; i < n && i < strlen(s) - 4; i++)
				FUZZ_ASSERT(buf[i] == '*', "\"%s\" in %zu "
				    "bytes masks as \"%s\"", s, len, buf);
		if (strlen(s) <= 10)
			FUZZ_ASSERT(strspn(buf, "*") == n, "short \"%s\" "
			    "masks as \"%s\"", s, buf);
	}
	free(buf);
	free(s);
	return 0;
}
