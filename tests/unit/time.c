/* clock.c: time and duration text, against a fixed now, in two zones. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "check.h"

#define NOW	1795399200	/* 2026-11-23 10:00 +08:00, a Monday */

static int64_t
when(const char *s)
{
	const char	*errstr;
	int64_t		 t;

	if (clock_parse(s, NOW, &t, &errstr) == -1)
		return -1;
	return t;
}

static const char *
when_err(const char *s)
{
	const char	*errstr = NULL;
	int64_t		 t;

	if (clock_parse(s, NOW, &t, &errstr) == 0)
		return "accepted";
	return errstr;
}

static int64_t
dur(const char *s)
{
	const char	*errstr;
	int64_t		 d;

	if (duration_parse(s, &d, &errstr) == -1)
		return -1;
	return d;
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

int
main(void)
{
	char	 buf[64];
	int	 minute, wday;

	zone("Asia/Shanghai");
	CHECK_INT(when("2026-11-23 10:00"), NOW);
	CHECK_INT(when("2026-11-23T10:00"), NOW);
	CHECK_INT(when("2026-11-23 10:00:00"), NOW);
	CHECK_INT(when("2026-11-23"), NOW - 10 * 3600);
	CHECK_INT(when("2026-11-23T02:00:00Z"), NOW);
	CHECK_INT(when("2026-11-23T10:00:00+08:00"), NOW);
	CHECK_INT(when("2026-11-23T10:00+0800"), NOW);
	CHECK_INT(when("2026-11-22T21:00:00-05:00"), NOW);
	CHECK_INT(when("now"), NOW);
	CHECK_INT(when("-2h"), NOW - 7200);
	CHECK_INT(when("+1d"), NOW + 86400);
	CHECK_INT(when("-1d12h"), NOW - 129600);
	CHECK_INT(when("2028-02-29"), when("2028-03-01") - 86400);
	CHECK_STR(when_err("2026-02-29"), "day out of range");
	CHECK_STR(when_err("2100-02-29"), "day out of range");
	CHECK_INT(when("2000-02-29") > 0, 1);
	CHECK_STR(when_err("2026-13-01"), "month out of range");
	CHECK_STR(when_err("2026-00-10"), "month out of range");
	CHECK_STR(when_err("2026-04-31"), "day out of range");
	CHECK_STR(when_err("2026-11-23 24:00"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23 10:60"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23 10:00:60"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23T10:00+15:00"), "bad UTC offset");
	CHECK_STR(when_err("1969-12-31"), "year out of range");
	CHECK_STR(when_err("2026-11-23 10:00 "), "not a time");
	CHECK_STR(when_err("2026-1-23"), "not a time");
	CHECK_STR(when_err("23/11/2026"), "not a time");
	CHECK_STR(when_err("yesterday"), "not a time");
	CHECK_STR(when_err("-2x"), "not a time");
	CHECK_STR(when_err("2h"), "not a time");	/* relative needs a sign */
	CHECK_STR(when_err(""), "not a time");

	/* Durations: units in decreasing order, each once, more than 0. */
	CHECK_INT(dur("45s"), 45);
	CHECK_INT(dur("30m"), 1800);
	CHECK_INT(dur("2h"), 7200);
	CHECK_INT(dur("1d"), 86400);
	CHECK_INT(dur("1w"), 604800);
	CHECK_INT(dur("1d12h"), 129600);
	CHECK_INT(dur("1h30m"), 5400);
	CHECK_INT(dur("12h1d"), -1);
	CHECK_INT(dur("1h1h"), -1);
	CHECK_INT(dur("0m"), -1);
	CHECK_INT(dur("h"), -1);
	CHECK_INT(dur("12"), -1);
	CHECK_INT(dur("-2h"), -1);
	CHECK_INT(dur(""), -1);
	CHECK_INT(dur("99999999999999999999d"), -1);
	CHECK_INT(dur("36600d"), 36600LL * 86400);
	CHECK_INT(dur("36700d"), -1);

	duration_format(90061, buf, sizeof(buf));
	CHECK_STR(buf, "1d1h1m1s");
	duration_format(3600, buf, sizeof(buf));
	CHECK_STR(buf, "1h");
	duration_format(0, buf, sizeof(buf));
	CHECK_STR(buf, "0s");
	duration_format(-5400, buf, sizeof(buf));
	CHECK_STR(buf, "-1h30m");

	clock_format_local(NOW, buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-23 10:00");
	clock_format_iso(NOW, buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-23T10:00:00+08:00");
	clock_local(NOW, &minute, &wday);
	CHECK_INT(minute, 600);
	CHECK_INT(wday, 1);

	/* A zone with daylight saving: New York left DST on 2026-11-01. */
	zone("America/New_York");
	clock_format_iso(when("2026-10-31T12:00:00Z"), buf, sizeof(buf));
	CHECK_STR(buf, "2026-10-31T08:00:00-04:00");
	clock_format_iso(when("2026-11-02T12:00:00Z"), buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-02T07:00:00-05:00");
	/* Local midnight either side of the change: 25 hours apart. */
	CHECK_INT(when("2026-11-02") - when("2026-11-01"), 25 * 3600);
	CHECK_INT(when("2026-11-01 12:00") - when("2026-10-31 12:00"),
	    25 * 3600);
	zone("UTC");
	clock_format_iso(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00+00:00");

	/* The configured zone applies only when TZ is unset. */
	unsetenv("TZ");
	clock_tzset("Asia/Tokyo");
	clock_format_iso(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T09:00:00+09:00");
	setenv("TZ", "UTC", 1);
	clock_tzset("Asia/Tokyo");
	clock_format_iso(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00+00:00");

	/* CS_NOW replaces the clock. */
	zone("Asia/Shanghai");
	{
		const char	*errstr;
		int64_t		 t;

		setenv("CS_NOW", "2026-11-23 10:00", 1);
		CHECK_INT(clock_now(&t, &errstr), 0);
		CHECK_INT(t, NOW);
		setenv("CS_NOW", "soon", 1);
		CHECK_INT(clock_now(&t, &errstr), -1);
		CHECK_STR(errstr, "not a time");
	}
	CHECK_DONE();
}
