/* report.c: percentiles, ratios, the agent score and report periods. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "check.h"

static int64_t
at(const char *s)
{
	const char	*errstr;
	int64_t		 t;

	if (clock_parse(s, 0, &t, &errstr) == -1)
		return -1;
	return t;
}

static const char *
fmt(int64_t t)
{
	static char	 buf[64];

	clock_format_local(t, buf, sizeof(buf));
	return buf;
}

/* "since..until" of a period as local text. */
static const char *
period(int kind, const char *arg, int64_t now)
{
	static char	 buf[128];
	const char	*errstr;
	int64_t		 s, u;

	if (period_set(now, kind, arg, &s, &u, &errstr) == -1) {
		snprintf(buf, sizeof(buf), "error: %s", errstr);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%s..", fmt(s));
	strlcat(buf, fmt(u), sizeof(buf));
	return buf;
}

static int
cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
main(void)
{
	int64_t		 v[16], now;
	const char	*errstr;
	int		 w[4];
	int64_t		 num[4], den[4], s, u;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();

	/* Nearest rank: p50 of 1..10 is 5, p90 is 9; of one value, it. */
	for (int i = 0; i < 10; i++)
		v[i] = 10 - i;
	CHECK_INT(report_percentile(v, 10, 50), 5);
	CHECK_INT(report_percentile(v, 10, 90), 9);
	CHECK_INT(report_percentile(v, 10, 100), 10);
	v[0] = 42;
	CHECK_INT(report_percentile(v, 1, 50), 42);
	CHECK_INT(report_percentile(v, 1, 90), 42);
	CHECK_INT(report_percentile(v, 0, 50), -1);
	/* Three values: p50 is the second, p90 the third. */
	v[0] = 300, v[1] = 100, v[2] = 200;
	CHECK_INT(report_percentile(v, 3, 50), 200);
	CHECK_INT(report_percentile(v, 3, 90), 300);

	/* Selection agrees with sorting, duplicates and all. */
	{
		int64_t	 a[257], sorted[257];
		int	 bad = 0, trial, n, i, p;

		srand(42);
		for (trial = 0; trial < 2000; trial++) {
			n = 1 + rand() % 257;
			for (i = 0; i < n; i++)
				a[i] = rand() % (trial % 3 ? 1000 : 4);
			memcpy(sorted, a, n * sizeof(a[0]));
			qsort(sorted, n, sizeof(sorted[0]), cmp);
			p = 1 + rand() % 100;
			if (report_percentile(a, n, p) !=
			    sorted[(p * n + 99) / 100 - 1])
				bad++;
		}
		CHECK_INT(bad, 0);
	}

	/*
	 * Several at once, each sought above the one before, agree with
	 * sorting too; out of order, or twice the same, as well.
	 */
	{
		static const int ps[][3] = {
			{ 50, 90, 99 }, { 1, 50, 100 }, { 90, 50, 10 },
			{ 50, 50, 90 }, { 100, 100, 1 },
		};
		int64_t	 a[300], sorted[300], out[3];
		int	 bad = 0, trial, n, i, k;

		srand(7);
		for (trial = 0; trial < 2000; trial++) {
			n = 1 + rand() % 300;
			for (i = 0; i < n; i++)
				a[i] = rand() % (trial % 3 ? 1000 : 4);
			memcpy(sorted, a, n * sizeof(a[0]));
			qsort(sorted, n, sizeof(sorted[0]), cmp);
			k = trial % 5;
			report_percentiles(a, n, ps[k], 3, out);
			for (i = 0; i < 3; i++)
				if (out[i] != sorted[(ps[k][i] * n + 99) / 100
				    - 1])
					bad++;
		}
		CHECK_INT(bad, 0);
		report_percentiles(a, 0, ps[0], 3, out);
		CHECK_INT(out[0], -1);
		CHECK_INT(out[2], -1);
	}

	/* Ratios in tenths of a percent, half up. */
	CHECK_INT(report_ratio(2, 3, 1000), 667);
	CHECK_INT(report_ratio(1, 3, 1000), 333);
	CHECK_INT(report_ratio(1, 8, 1000), 125);
	CHECK_INT(report_ratio(1, 16, 1000), 63);	/* 62.5 up */
	CHECK_INT(report_ratio(0, 5, 1000), 0);
	CHECK_INT(report_ratio(5, 5, 1000), 1000);
	CHECK_INT(report_ratio(1, 0, 1000), -1);
	/* Satisfaction 4, 5, 4 averages 4.33. */
	CHECK_INT(report_ratio(13, 3, 100), 433);

	/*
	 * The score: weights 25 25 30 20; responses 3 of 4 in time,
	 * resolutions 1 of 2, satisfaction 4 and 5 (7/8 of the way),
	 * nothing reopened.  (25*.75 + 25*.5 + 30*.875 + 20*1) = 77.5.
	 */
	w[0] = 25, w[1] = 25, w[2] = 30, w[3] = 20;
	num[0] = 3, den[0] = 4;
	num[1] = 1, den[1] = 2;
	num[2] = 7, den[2] = 8;
	num[3] = 2, den[3] = 2;
	CHECK_INT(report_score(w, num, den), 775);
	/* No call-backs: the other parts carry the weight, 51.25/70. */
	den[2] = 0;
	CHECK_INT(report_score(w, num, den), 732);	/* 73.21 */
	/* Nothing at all: no score. */
	den[0] = den[1] = den[3] = 0;
	CHECK_INT(report_score(w, num, den), -1);
	/* A weight of 0 leaves its part out. */
	w[0] = 0, w[1] = 100, w[2] = 0, w[3] = 0;
	num[1] = 1, den[1] = 3;
	num[0] = 0, den[0] = 5;
	CHECK_INT(report_score(w, num, den), 333);

	/* Periods: days, Monday weeks, months, local midnights. */
	now = at("2026-11-23 10:00");
	CHECK_STR(period(PERIOD_DAY, "today", now),
	    "2026-11-23 00:00..2026-11-24 00:00");
	CHECK_STR(period(PERIOD_DAY, "yesterday", now),
	    "2026-11-22 00:00..2026-11-23 00:00");
	CHECK_STR(period(PERIOD_DAY, "2026-10-01", now),
	    "2026-10-01 00:00..2026-10-02 00:00");
	CHECK_STR(period(PERIOD_DAY, "-3d", now),
	    "2026-11-20 00:00..2026-11-21 00:00");
	/* 2026-11-22 is a Sunday: its week began on the 16th. */
	CHECK_STR(period(PERIOD_WEEK, "2026-11-22", now),
	    "2026-11-16 00:00..2026-11-23 00:00");
	CHECK_STR(period(PERIOD_WEEK, "today", now),
	    "2026-11-23 00:00..2026-11-30 00:00");
	CHECK_STR(period(PERIOD_MONTH, "2026-12", now),
	    "2026-12-01 00:00..2027-01-01 00:00");
	CHECK_STR(period(PERIOD_MONTH, "2026-02-14", now),
	    "2026-02-01 00:00..2026-03-01 00:00");
	CHECK_STR(period(PERIOD_MONTH, "2026-13", now), "error: not a time");
	CHECK(strncmp(period(PERIOD_DAY, "someday", now), "error:", 6) == 0);
	period_default(now, &s, &u);
	CHECK_STR(fmt(s), "2026-11-17 00:00");
	CHECK_INT(u, now + 1);

	/* A day with a DST change is 23 hours long. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	now = at("2026-11-05 12:00");
	CHECK_INT(period_set(now, PERIOD_DAY, "2026-11-01", &s, &u, &errstr),
	    0);
	CHECK_INT(u - s, 25 * 3600);
	CHECK_INT(period_set(now, PERIOD_DAY, "2026-03-08", &s, &u, &errstr),
	    0);
	CHECK_INT(u - s, 23 * 3600);
	CHECK_DONE();
}
