/* clock.c: parsing and printing times and durations, in several zones. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "check.h"

#define NOW	1795399200	/* 2026-11-23 10:00 +08:00, a Monday */
#define D1122	1795276800	/* 2026-11-22 00:00 +08:00 */
#define T1405	1795327500	/* 2026-11-22 14:05 +08:00 */

static int64_t
when(const char *s)
{
	const char	*errstr = "not cleared";
	int64_t		 t;

	if (clock_parse(s, NOW, &t, &errstr) == -1)
		return -1;
	if (errstr != NULL)
		return -2;
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
	const char	*errstr = "not cleared";
	int64_t		 d;

	if (duration_parse(s, &d, &errstr) == -1)
		return -1;
	if (errstr != NULL)
		return -2;
	return d;
}

static const char *
dur_err(const char *s)
{
	const char	*errstr = NULL;
	int64_t		 d;

	if (duration_parse(s, &d, &errstr) == 0)
		return "accepted";
	return errstr;
}

static const char *
dfmt(int64_t secs)
{
	static char	 buf[64];

	duration_format(secs, buf, sizeof(buf));
	return buf;
}

static const char *
iso(int64_t t)
{
	static char	 buf[64];

	clock_format_iso(t, buf, sizeof(buf));
	return buf;
}

static const char *
local(int64_t t)
{
	static char	 buf[64];

	clock_format_local(t, buf, sizeof(buf));
	return buf;
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* duration_format's text parses back to the same number of seconds. */
static int
dur_round_trip(int64_t secs)
{
	return dur(dfmt(secs)) == secs;
}

int
main(void)
{
	const char	*errstr;
	char		 buf[64];
	int64_t		 t, real;
	int		 minute, wday;

	zone("Asia/Shanghai");

	/* The local forms. */
	CHECK_INT(when("2026-11-22"), D1122);
	CHECK_INT(when("2026-11-22 14:05"), T1405);
	CHECK_INT(when("2026-11-22T14:05"), T1405);
	CHECK_INT(when("2026-11-22 14:05:30"), T1405 + 30);
	CHECK_INT(when("2026-11-22T14:05:30"), T1405 + 30);
	CHECK_INT(when("2026-11-22 00:00"), D1122);
	CHECK_INT(when("2026-11-22 00:00:00"), D1122);
	CHECK_INT(when("2026-11-22 23:59:59"), D1122 + 86399);
	CHECK_INT(when("2026-11-23 10:00"), NOW);
	CHECK_INT(when("2026-12-31 23:59:59"), 1798732799);
	CHECK_INT(when("1970-01-01"), -8 * 3600);
	/* mktime's -1 is a real instant here, not a failure. */
	CHECK_INT(when("1970-01-01 07:59:59"), -1);
	CHECK_INT(when("1970-01-01 08:00"), 0);

	/* ISO 8601 with an offset: the same instant in any zone. */
	CHECK_INT(when("2026-11-22T14:05:00+08:00"), T1405);
	CHECK_INT(when("2026-11-22T14:05:00+0800"), T1405);
	CHECK_INT(when("2026-11-22T14:05+08:00"), T1405);
	CHECK_INT(when("2026-11-22T14:05+0800"), T1405);
	CHECK_INT(when("2026-11-22T06:05:00Z"), T1405);
	CHECK_INT(when("2026-11-22T06:05Z"), T1405);
	CHECK_INT(when("2026-11-22T06:05:00+00:00"), T1405);
	CHECK_INT(when("2026-11-22T06:05:00-00:00"), T1405);
	CHECK_INT(when("2026-11-22T01:05:00-05:00"), T1405);
	CHECK_INT(when("2026-11-21T20:35:00-09:30"), T1405);
	CHECK_INT(when("2026-11-22T14:05:00+05:45"), 1795335600);
	CHECK_INT(when("2026-11-22T14:05:00+14:00"), T1405 - 6 * 3600);
	CHECK_INT(when("2026-11-22 14:05:00+08:00"), T1405);
	/* The last instant Shanghai writes with a four-digit year. */
	CHECK_INT(when("9999-12-31T15:59:59Z"), 253402271999LL);
	CHECK_INT(when("1970-01-01T00:00:00Z"), 0);

	/* now, and relative to it. */
	CHECK_INT(when("now"), NOW);
	CHECK_INT(when("+2h"), NOW + 7200);
	CHECK_INT(when("-2h"), NOW - 7200);
	CHECK_INT(when("+1d"), NOW + 86400);
	CHECK_INT(when("-1d12h"), NOW - 129600);
	CHECK_INT(when("+1h30m"), NOW + 5400);
	CHECK_INT(when("-45s"), NOW - 45);
	CHECK_INT(when("+1w"), NOW + 604800);
	CHECK_INT(when("-1w2d3h4m5s"), NOW - 788645);
	CHECK_STR(when_err("2h"), "not a time");	/* a sign is needed */
	CHECK_STR(when_err("+"), "not a time");
	CHECK_STR(when_err("-"), "not a time");
	CHECK_STR(when_err("+-1h"), "not a time");
	CHECK_STR(when_err("++1h"), "not a time");
	CHECK_STR(when_err("+ 1h"), "not a time");
	CHECK_STR(when_err("+1h "), "not a time");
	CHECK_STR(when_err("+12h1d"), "not a time");
	CHECK_STR(when_err("-2x"), "not a time");
	CHECK_STR(when_err("-2"), "not a time");
	CHECK_STR(when_err("-0s"), "duration must be more than zero");
	CHECK_STR(when_err("+36601d"), "duration too long");
	CHECK_STR(when_err("NOW"), "not a time");
	CHECK_STR(when_err("now "), "not a time");
	CHECK_STR(when_err("today"), "not a time");
	CHECK_STR(when_err("yesterday"), "not a time");
	/* Relative to a now at the end of time does not overflow. */
	CHECK_INT(clock_parse("+1d", INT64_MAX - 10, &t, &errstr), -1);
	CHECK_STR(errstr, "time out of range");
	CHECK_INT(clock_parse("-1d", INT64_MIN + 10, &t, &errstr), -1);
	CHECK_STR(errstr, "time out of range");
	/*
	 * Nor goes where no absolute time reaches: every accepted time
	 * prints (clock_format_iso) as text that reads back (found by
	 * tests/fuzz/time.c).
	 */
	CHECK_INT(clock_parse("+10s", INT64_MAX - 10, &t, &errstr), -1);
	CHECK_STR(errstr, "time out of range");
	CHECK_STR(when_err("-26021d226h"), "time out of range");
	CHECK_STR(when_err("-21000d"), "time out of range");
	CHECK_INT(when("-20000d"), NOW - 20000 * 86400LL);	/* 1972 */
	CHECK_INT(clock_parse("-1s", 0, &t, &errstr), 0);
	CHECK_INT(t, -1);		/* 1970-01-01 07:59:59 in Shanghai */
	CHECK_INT(clock_parse("-1s", -28800, &t, &errstr), -1);
	CHECK_STR(errstr, "time out of range");
	CHECK_INT(when("1970-01-01 00:00"), -28800);
	CHECK_STR(when_err("1970-01-01T00:00:00+14:00"), "time out of range");
	CHECK_STR(when_err("1970-01-01T00:00:00+08:01"), "time out of range");
	CHECK_INT(when("1970-01-01T08:00:00+08:00"), 0);
	CHECK_INT(when("1970-01-01T00:00:00+08:00"), -28800);
	CHECK_INT(when("9999-12-31T23:59:59+08:00"), 253402271999);
	CHECK_STR(when_err("9999-12-31T23:59:59+07:59"), "time out of range");
	CHECK_STR(when_err("9999-12-31T23:59:59Z"), "time out of range");

	/* Calendar ranges: leap years by the Gregorian rules. */
	CHECK_INT(when("2028-02-29"), when("2028-03-01") - 86400);
	CHECK_INT(when("2028-02-29 23:59:59") + 1, when("2028-03-01"));
	CHECK_INT(when("2000-02-29") > 0, 1);
	CHECK_INT(when("2026-02-28") > 0, 1);
	CHECK_STR(when_err("2026-02-29"), "day out of range");
	CHECK_STR(when_err("2026-02-29 12:00"), "day out of range");
	CHECK_STR(when_err("2026-02-29T12:00:00Z"), "day out of range");
	CHECK_STR(when_err("2100-02-29"), "day out of range");
	CHECK_STR(when_err("2028-02-30"), "day out of range");
	CHECK_STR(when_err("2026-04-31"), "day out of range");
	CHECK_STR(when_err("2026-06-31"), "day out of range");
	CHECK_STR(when_err("2026-09-31"), "day out of range");
	CHECK_STR(when_err("2026-11-31"), "day out of range");
	CHECK_STR(when_err("2026-01-32"), "day out of range");
	CHECK_STR(when_err("2026-01-00"), "day out of range");
	CHECK_INT(when("2026-01-31") > 0, 1);
	CHECK_INT(when("2026-04-30") > 0, 1);
	CHECK_INT(when("2026-12-31") > 0, 1);
	CHECK_INT(when("2026-01-01") > 0, 1);
	CHECK_STR(when_err("2026-00-10"), "month out of range");
	CHECK_STR(when_err("2026-13-01"), "month out of range");
	CHECK_STR(when_err("2026-99-01"), "month out of range");
	CHECK_STR(when_err("1969-12-31"), "year out of range");
	CHECK_STR(when_err("0000-01-01"), "year out of range");

	/* Time of day. */
	CHECK_STR(when_err("2026-11-23 24:00"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23 23:60"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23 23:59:60"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23 99:99:99"), "time of day out of range");
	CHECK_STR(when_err("2026-11-23T24:00:00Z"), "time of day out of range");

	/* Offsets. */
	CHECK_STR(when_err("2026-11-23T10:00+15:00"), "bad UTC offset");
	CHECK_STR(when_err("2026-11-23T10:00+08:60"), "bad UTC offset");
	CHECK_STR(when_err("2026-11-23T10:00+08"), "bad UTC offset");
	CHECK_STR(when_err("2026-11-23T10:00+8:00"), "not a time");
	CHECK_STR(when_err("2026-11-23T10:00+08:0"), "bad UTC offset");
	CHECK_STR(when_err("2026-11-23T10:00+08:00:00"), "not a time");
	CHECK_STR(when_err("2026-11-23T10:00z"), "not a time");
	CHECK_STR(when_err("2026-11-23T10:00 Z"), "not a time");
	CHECK_STR(when_err("2026-11-23Z"), "not a time");
	CHECK_STR(when_err("2026-11-23+08:00"), "not a time");

	/* Shapes: exact widths, nothing before or after. */
	CHECK_STR(when_err(""), "not a time");
	CHECK_STR(when_err(" 2026-11-23"), "not a time");
	CHECK_STR(when_err("2026-11-23 "), "not a time");
	CHECK_STR(when_err("2026-11-23x"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:00 "), "not a time");
	CHECK_STR(when_err("2026-11-23 10:00:00Zjunk"), "not a time");
	CHECK_STR(when_err("2026-11-23T10:00:00+08:00x"), "not a time");
	CHECK_STR(when_err("2026-11-23  10:00"), "not a time");
	CHECK_STR(when_err("2026-11-23t10:00"), "not a time");
	CHECK_STR(when_err("2026-11-23T"), "not a time");
	CHECK_STR(when_err("2026-11-23 10"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:"), "not a time");
	CHECK_STR(when_err("2026-11-23 1:05"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:5"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:05:"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:05:0"), "not a time");
	CHECK_STR(when_err("2026-11-23 10:05:00.5"), "not a time");
	CHECK_STR(when_err("2026-1-23"), "not a time");
	CHECK_STR(when_err("2026-11-2"), "not a time");
	CHECK_STR(when_err("26-11-23"), "not a time");
	CHECK_STR(when_err("02026-11-23"), "not a time");
	CHECK_STR(when_err("2026/11/23"), "not a time");
	CHECK_STR(when_err("23/11/2026"), "not a time");
	CHECK_STR(when_err("20261123"), "not a time");
	CHECK_STR(when_err("2026-11"), "not a time");
	CHECK_STR(when_err("2026"), "not a time");
	CHECK_STR(when_err("-2026-11-23"), "not a time");
	CHECK_STR(when_err("２０２６-11-23"), "not a time");
	CHECK_STR(when_err("1795399200"), "not a time");

	/* Durations: units in decreasing order, each once, more than 0. */
	CHECK_INT(dur("45s"), 45);
	CHECK_INT(dur("30m"), 1800);
	CHECK_INT(dur("2h"), 7200);
	CHECK_INT(dur("1d"), 86400);
	CHECK_INT(dur("1w"), 604800);
	CHECK_INT(dur("1d12h"), 129600);
	CHECK_INT(dur("1h30m"), 5400);
	CHECK_INT(dur("1w1d1h1m1s"), 694861);
	CHECK_INT(dur("1w1s"), 604801);
	CHECK_INT(dur("0h30m"), 1800);
	CHECK_INT(dur("90m"), 5400);		/* no carrying needed */
	CHECK_INT(dur("48h"), 172800);
	CHECK_INT(dur("01h"), 3600);
	CHECK_INT(dur("12h1d"), -1);
	CHECK_INT(dur("1s1m"), -1);
	CHECK_INT(dur("1d1w"), -1);
	CHECK_INT(dur("1h1h"), -1);
	CHECK_INT(dur("1h30"), -1);
	CHECK_INT(dur("h"), -1);
	CHECK_INT(dur("12"), -1);
	CHECK_INT(dur("-2h"), -1);
	CHECK_INT(dur("+2h"), -1);
	CHECK_INT(dur(""), -1);
	CHECK_INT(dur(" 1h"), -1);
	CHECK_INT(dur("1h "), -1);
	CHECK_INT(dur("1 h"), -1);
	CHECK_INT(dur("1H"), -1);
	CHECK_INT(dur("1.5h"), -1);
	CHECK_INT(dur("1y"), -1);
	CHECK_INT(dur("1ms"), -1);
	CHECK_STR(dur_err("12h1d"), "not a duration");
	CHECK_STR(dur_err("x"), "not a duration");
	CHECK_STR(dur_err("0s"), "duration must be more than zero");
	CHECK_STR(dur_err("0d0h"), "duration must be more than zero");
	/* At most 100 years of 366 days, and no overflow on the way. */
	CHECK_INT(dur("36600d"), 36600LL * 86400);
	CHECK_INT(dur("3162240000s"), 3162240000LL);
	CHECK_INT(dur("52704000m"), 3162240000LL);
	CHECK_INT(dur("5228w"), 5228LL * 604800);
	CHECK_STR(dur_err("5229w"), "duration too long");
	CHECK_STR(dur_err("36600d1s"), "duration too long");
	CHECK_STR(dur_err("3162240001s"), "duration too long");
	CHECK_STR(dur_err("36601d"), "duration too long");
	CHECK_STR(dur_err("99999999999999999999d"), "duration too long");
	CHECK_STR(dur_err("999999999999999999999999999999s"),
	    "duration too long");
	CHECK_STR(dur_err("5000w5000d"), "duration too long");

	/* duration_format: the shortest exact form, in days at most. */
	CHECK_STR(dfmt(90061), "1d1h1m1s");
	CHECK_STR(dfmt(3600), "1h");
	CHECK_STR(dfmt(0), "0s");
	CHECK_STR(dfmt(1), "1s");
	CHECK_STR(dfmt(59), "59s");
	CHECK_STR(dfmt(60), "1m");
	CHECK_STR(dfmt(1800), "30m");
	CHECK_STR(dfmt(3601), "1h1s");
	CHECK_STR(dfmt(86399), "23h59m59s");
	CHECK_STR(dfmt(86400), "1d");
	CHECK_STR(dfmt(86401), "1d1s");
	CHECK_STR(dfmt(129600), "1d12h");
	CHECK_STR(dfmt(604800), "7d");
	CHECK_STR(dfmt(-3600), "-1h");
	CHECK_STR(dfmt(-1), "-1s");
	CHECK_STR(dfmt(-5400), "-1h30m");
	CHECK_STR(dfmt(-90061), "-1d1h1m1s");
	CHECK_STR(dfmt(INT64_MAX), "106751991167300d15h30m7s");
	CHECK_STR(dfmt(INT64_MIN), "-106751991167300d15h30m8s");
	CHECK(dur_round_trip(1));
	CHECK(dur_round_trip(90061));
	CHECK(dur_round_trip(129600));
	CHECK(dur_round_trip(604800));
	CHECK(dur_round_trip(3162240000LL));
	memset(buf, 'Z', sizeof(buf));
	duration_format(90061, buf, 4);		/* truncated, terminated */
	CHECK_STR(buf, "1d1");
	CHECK_INT(buf[4], 'Z');
	memset(buf, 'Z', sizeof(buf));
	duration_format(90061, buf, 0);
	CHECK_INT(buf[0], 'Z');
	memset(buf, 'Z', sizeof(buf));
	duration_format(0, buf, 1);
	CHECK_STR(buf, "");

	/* Printing in Shanghai: no daylight saving, always +08:00. */
	CHECK_STR(local(NOW), "2026-11-23 10:00");
	CHECK_STR(local(T1405 + 59), "2026-11-22 14:05");	/* no seconds */
	CHECK_STR(iso(NOW), "2026-11-23T10:00:00+08:00");
	CHECK_STR(iso(T1405 + 30), "2026-11-22T14:05:30+08:00");
	CHECK_STR(iso(0), "1970-01-01T08:00:00+08:00");
	CHECK_STR(iso(when("2026-07-01 12:00")), "2026-07-01T12:00:00+08:00");
	CHECK_INT(when(iso(T1405 + 30)), T1405 + 30);
	CHECK_INT(when(local(T1405)), T1405);
	clock_local(NOW, &minute, &wday);
	CHECK_INT(minute, 600);
	CHECK_INT(wday, 1);
	clock_local(D1122, &minute, &wday);
	CHECK_INT(minute, 0);
	CHECK_INT(wday, 0);				/* a Sunday */
	clock_local(D1122 - 1, &minute, &wday);
	CHECK_INT(minute, 1439);
	CHECK_INT(wday, 6);
	memset(buf, 'Z', sizeof(buf));
	clock_format_iso(NOW, buf, 11);			/* truncated */
	CHECK_STR(buf, "2026-11-23");
	memset(buf, 'Z', sizeof(buf));
	clock_format_iso(NOW, buf, 0);
	CHECK_INT(buf[0], 'Z');

	/*
	 * New York: daylight saving ends 2026-11-01 02:00 EDT (06:00Z),
	 * begins 2026-03-08 02:00 EST (07:00Z).
	 */
	zone("America/New_York");
	CHECK_STR(iso(1793512799), "2026-11-01T01:59:59-04:00");
	CHECK_STR(iso(1793512800), "2026-11-01T01:00:00-05:00");
	CHECK_STR(iso(1772953199), "2026-03-08T01:59:59-05:00");
	CHECK_STR(iso(1772953200), "2026-03-08T03:00:00-04:00");
	CHECK_STR(iso(when("2026-10-31T12:00:00Z")),
	    "2026-10-31T08:00:00-04:00");
	CHECK_STR(iso(when("2026-11-02T12:00:00Z")),
	    "2026-11-02T07:00:00-05:00");
	CHECK_STR(iso(NOW), "2026-11-22T21:00:00-05:00");
	CHECK_STR(local(1793512800), "2026-11-01 01:00");
	CHECK_STR(local(NOW), "2026-11-22 21:00");
	/* Local forms are New York's now; offset forms are not. */
	CHECK_INT(when("2026-11-01"), 1793505600);
	CHECK_INT(when("2026-11-01 12:00"), 1793552400);
	CHECK_INT(when("2026-11-02"), 1793595600);
	CHECK_INT(when("2026-11-02") - when("2026-11-01"), 25 * 3600);
	CHECK_INT(when("2026-03-09") - when("2026-03-08"), 23 * 3600);
	CHECK_INT(when("2026-11-01 12:00") - when("2026-10-31 12:00"),
	    25 * 3600);
	CHECK_INT(when("2026-11-22T14:05:00+08:00"), T1405);
	CHECK_INT(when("2026-11-22T06:05:00Z"), T1405);
	CHECK_INT(when("+2h"), NOW + 7200);
	/* 01:30 on 2026-11-01 happens twice: either one will do. */
	t = when("2026-11-01 01:30");
	CHECK(t == 1793511000 || t == 1793514600);
	/* 02:30 on 2026-03-08 never happens: read in EST or EDT. */
	t = when("2026-03-08 02:30");
	CHECK(t == 1772955000 || t == 1772951400);
	clock_local(1793512800, &minute, &wday);	/* 01:00 EST, Sunday */
	CHECK_INT(minute, 60);
	CHECK_INT(wday, 0);
	clock_local(NOW, &minute, &wday);		/* 21:00, Sunday */
	CHECK_INT(minute, 21 * 60);
	CHECK_INT(wday, 0);

	/* Offsets with minutes, on both sides of UTC. */
	zone("America/St_Johns");
	CHECK_STR(iso(NOW), "2026-11-22T22:30:00-03:30");
	zone("Asia/Kathmandu");
	CHECK_STR(iso(NOW), "2026-11-23T07:45:00+05:45");
	zone("Asia/Kolkata");
	CHECK_STR(iso(NOW), "2026-11-23T07:30:00+05:30");
	CHECK_INT(when(iso(NOW)), NOW);
	/* UTC is +00:00, never Z. */
	zone("UTC");
	CHECK_STR(iso(0), "1970-01-01T00:00:00+00:00");
	CHECK_STR(iso(NOW), "2026-11-23T02:00:00+00:00");
	CHECK_STR(local(NOW), "2026-11-23 02:00");
	CHECK_INT(when("2026-11-23 02:00"), NOW);

	/* clock_tzset: TZ wins; else the configuration; else Shanghai. */
	unsetenv("TZ");
	clock_tzset("Asia/Tokyo");
	CHECK_STR(getenv("TZ"), "Asia/Tokyo");
	CHECK_STR(iso(0), "1970-01-01T09:00:00+09:00");
	unsetenv("TZ");
	clock_tzset(NULL);
	CHECK_STR(getenv("TZ"), "Asia/Shanghai");
	CHECK_STR(iso(0), "1970-01-01T08:00:00+08:00");
	unsetenv("TZ");
	clock_tzset("");			/* an empty zone is no zone */
	CHECK_STR(getenv("TZ"), "Asia/Shanghai");
	setenv("TZ", "", 1);			/* nor is an empty TZ */
	clock_tzset("Europe/London");
	CHECK_STR(getenv("TZ"), "Europe/London");
	CHECK_STR(iso(0), "1970-01-01T01:00:00+01:00");	/* BST all year */
	setenv("TZ", "UTC", 1);
	clock_tzset("Asia/Tokyo");
	CHECK_STR(getenv("TZ"), "UTC");
	CHECK_STR(iso(0), "1970-01-01T00:00:00+00:00");
	setenv("TZ", "America/New_York", 1);
	clock_tzset(NULL);
	CHECK_STR(iso(NOW), "2026-11-22T21:00:00-05:00");

	/* CS_NOW replaces the clock, in any form clock_parse takes. */
	zone("Asia/Shanghai");
	unsetenv("CS_NOW");
	real = (int64_t)time(NULL);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK(t >= real && t <= real + 5);
	CHECK(errstr == NULL);
	setenv("CS_NOW", "", 1);		/* empty is unset */
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK(t >= real && t <= real + 5);
	setenv("CS_NOW", "2026-11-23 10:00", 1);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK_INT(t, NOW);
	setenv("CS_NOW", "2026-11-23T02:00:00Z", 1);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK_INT(t, NOW);
	setenv("CS_NOW", "2026-11-22", 1);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK_INT(t, D1122);
	setenv("CS_NOW", "+1h", 1);		/* relative to the real clock */
	real = (int64_t)time(NULL);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK(t >= real + 3600 && t <= real + 3605);
	setenv("CS_NOW", "now", 1);
	CHECK_INT(clock_now(&t, &errstr), 0);
	CHECK(t >= real && t <= real + 5);
	setenv("CS_NOW", "soon", 1);
	CHECK_INT(clock_now(&t, &errstr), -1);
	CHECK_STR(errstr, "not a time");
	setenv("CS_NOW", "2026-02-29", 1);
	CHECK_INT(clock_now(&t, &errstr), -1);
	CHECK_STR(errstr, "day out of range");
	unsetenv("CS_NOW");
	CHECK_DONE();
}
