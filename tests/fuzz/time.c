/*
 * clock_parse and clock_format_iso: a time that parses formats back to
 * ISO 8601 text with its offset, which parses to the same instant and
 * formats the same; "now" and "+1d" are now and now plus the duration;
 * an explicit offset gives the instant computed here again; a local
 * time shows the same wall clock again, unless a change of offset
 * (summer time) nearby means that wall clock does not exist.
 *
 * Input: one byte for the time zone, the text.
 */
#include <time.h>

#include "fuzz.h"

/* Shanghai had summer time 1986-1991; the others have odd offsets. */
static const char *const zones[] = {
	"Asia/Shanghai", "UTC", "America/New_York", "Australia/Lord_Howe",
	"Pacific/Chatham", "Asia/Kathmandu", "Pacific/Kiritimati",
	"America/St_Johns", "Europe/Dublin", "Pacific/Pago_Pago",
};
#define NZONES	(sizeof(zones) / sizeof(zones[0]))

/* 2026-11-22 10:00:00 UTC. */
#define NOW	1795341600LL

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

static void
zone(const char *tz)
{
	const char	*cur = getenv("TZ");

	if (cur == NULL || strcmp(cur, tz) != 0) {
		setenv("TZ", tz, 1);
		tzset();
	}
}

/* Days from 1970-01-01, the plain way: year by year, month by month. */
static int64_t
days_from_epoch(int y, int m, int d)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int64_t	 n = 0;
	int	 i;

	for (i = 1970; i < y; i++)
		n += (i % 4 == 0 && i % 100 != 0) || i % 400 == 0 ? 366 : 365;
	for (i = 1; i < m; i++)
		n += mdays[i - 1] + (i == 2 && ((y % 4 == 0 && y % 100 != 0) ||
		    y % 400 == 0));
	return n + d - 1;
}

static int
num(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static long
gmtoff(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*errstr;
	char		*s, iso[64], again[64], local[64], want[32];
	int64_t		 t, t2, d;
	size_t		 n;
	long		 off;

	if (size < 1)
		return 0;
	zone(zones[data[0] % NZONES]);
	s = fuzz_cstr(data + 1, size - 1);
	if (clock_parse(s, NOW, &t, &errstr) == -1) {
		FUZZ_ASSERT(errstr != NULL, "\"%s\": refused, no reason", s);
		goto done;
	}
	FUZZ_ASSERT(errstr == NULL, "\"%s\": accepted with errstr", s);
	clock_format_iso(t, iso, sizeof(iso));
	FUZZ_ASSERT(clock_parse(iso, NOW, &t2, &errstr) == 0 && t2 == t,
	    "\"%s\" (%s, %" PRId64 ") formats as \"%s\", which does not "
	    "parse back: %s", s, getenv("TZ"), t, iso, errstr ? errstr : "");
	clock_format_iso(t2, again, sizeof(again));
	FUZZ_ASSERT(strcmp(iso, again) == 0, "\"%s\" then \"%s\"", iso,
	    again);

	n = strlen(s);
	if (strcmp(s, "now") == 0)
		FUZZ_ASSERT(t == NOW, "now is %" PRId64, t);
	else if (s[0] == '+' || s[0] == '-') {
		FUZZ_ASSERT(duration_parse(s + 1, &d, &errstr) == 0 &&
		    t == (s[0] == '+' ? NOW + d : NOW - d),
		    "\"%s\" is %" PRId64, s, t);
	} else if (n > 16 && (s[n - 1] == 'Z' || s[n - 6] == '+' ||
	    s[n - 6] == '-' || s[n - 5] == '+' || s[n - 5] == '-')) {
		/* YYYY-MM-DDTHH:MM[:SS](Z|+HH[:]MM) */
		off = 0;
		if (s[n - 1] != 'Z') {
			const char *o = s[n - 6] == '+' || s[n - 6] == '-' ?
			    s + n - 6 : s + n - 5;

			off = (num(o + 1, 2) * 3600L + num(o + (o[3] == ':' ?
			    4 : 3), 2) * 60L) * (o[0] == '-' ? -1 : 1);
		}
		d = days_from_epoch(num(s, 4), num(s + 5, 2), num(s + 8, 2)) *
		    86400 + num(s + 11, 2) * 3600 + num(s + 14, 2) * 60 +
		    (s[16] == ':' ? num(s + 17, 2) : 0) - off;
		FUZZ_ASSERT(t == d, "\"%s\" is %" PRId64 ", not %" PRId64, s,
		    t, d);
	} else {
		/* A local time: the same wall clock, to the minute. */
		clock_format_local(t, local, sizeof(local));
		snprintf(want, sizeof(want), "%.10s %.5s", s, n > 10 ? s + 11 :
		    "00:00");
		FUZZ_ASSERT(strcmp(local, want) == 0 ||
		    gmtoff(t - 3 * 3600) != gmtoff(t + 3 * 3600),
		    "\"%s\" (%s) shows as \"%s\"", s, getenv("TZ"), local);
	}
done:
	free(s);
	return 0;
}
