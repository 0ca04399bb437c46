/*
 * promise.c: the desk's own calendar with no configuration -- the
 * built-in 2026 holidays, the last year they cover, the desk's zone
 * whatever TZ says -- the promised reply, and the 100-point split.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static struct config	 conf;
static struct rules	 rules;

/* "YYYY-MM-DD HH:MM" in Asia/Shanghai to an instant, whatever TZ is. */
static int64_t
at(const char *s)
{
	const char	*errstr;
	char		 buf[64];
	int64_t		 t;

	/* "2026-11-23 10:00" -> "2026-11-23T10:00+08:00" */
	snprintf(buf, sizeof(buf), "%.10sT%.5s+08:00", s, s + 11);
	if (clock_parse(buf, 0, &t, &errstr) == -1)
		return -1;
	return t;
}

static const char *
local(int64_t t)
{
	static char	 buf[64];

	cal_local(cal_desk(&rules), t, NULL, NULL, buf, sizeof(buf));
	return buf;
}

static const char *
due(const char *cal, const char *s, int64_t dur)
{
	int64_t	 d;

	if (cal_add(cal_find(&rules, cal), at(s), dur, &d) == -1)
		return "never";
	return local(d);
}

int
main(void)
{
	const struct calendar	*office;
	const struct sla_policy	*p;
	struct rules		 r2;
	struct config		 c2;
	char			 path[] = "/tmp/cs-promise-XXXXXX";
	FILE			*fp;
	int64_t			 d;
	int			 minute, wday, fd, y, m, dd;

	/* The agent's machine is in New York; the desk is not. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	unsetenv("CS_CONF");
	CHECK_INT(rules_load(&conf, &rules, "/dev/null"), 0);
	office = cal_desk(&rules);
	CHECK(office != NULL && strcmp(office->name, "office") == 0);

	/* China's 2026 holidays, with no include. */
	CHECK(cal_is_holiday(office, cal_day(2026, 10, 1)));
	CHECK(cal_is_holiday(office, cal_day(2026, 2, 23)));
	CHECK(!cal_is_holiday(office, cal_day(2026, 2, 24)));
	CHECK(cal_is_workday(office, cal_day(2026, 2, 14)));
	CHECK(cal_is_workday(office, cal_day(2026, 9, 20)));
	CHECK_INT(cal_data_year(office), 2026);
	CHECK_INT(cal_data_year(cal_find(&rules, "24x7")), 0);
	CHECK_STR(due("office", "2026-09-30 17:00", 3 * 3600),
	    "2026-10-08 11:00");
	CHECK_STR(due("office", "2026-02-13 17:00", 7200), "2026-02-14 10:00");
	CHECK_STR(due("office", "2026-02-14 17:30", 3600), "2026-02-24 09:30");
	/* A business second on each side of the Labour Day break. */
	CHECK_INT(cal_between(office, at("2026-04-30 17:59"),
	    at("2026-05-06 09:01")), 120);

	/* Past 2026 the calendar is stale; in it, or 24x7 alone, not. */
	CHECK_INT(cal_stale(&rules, at("2026-12-31 23:59"), NULL), 0);
	CHECK_INT(cal_stale(&rules, at("2027-01-01 00:00"), NULL), 1);
	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fputs("calendar office\nholiday 2027-02-06..2027-02-14 春节\n"
	    "calendar shop\nhours sat-sun 10:00-20:00\n", fp);
	fclose(fp);
	CHECK_INT(rules_load(&c2, &r2, path), 0);
	unlink(path);
	CHECK_INT(cal_data_year(cal_find(&r2, "office")), 2027);
	CHECK_INT(cal_data_year(cal_find(&r2, "shop")), 0);
	CHECK_INT(cal_stale(&r2, at("2027-06-01 10:00"), NULL), 0);
	CHECK_INT(cal_stale(&r2, at("2028-01-01 10:00"), NULL), 1);
	rules_free(&r2);
	config_free(&c2);

	/* The desk's day and hour, not New York's. */
	CHECK_INT(cal_local(office, at("2026-10-01 09:00"), &minute, &wday,
	    NULL, 0), cal_day(2026, 10, 1));
	CHECK_INT(minute, 9 * 60);
	CHECK_INT(wday, 4);
	CHECK_STR(local(at("2026-11-23 06:00")), "2026-11-23 06:00");
	cal_civil(cal_local(office, at("2026-01-01 00:30"), NULL, NULL, NULL,
	    0), &y, &m, &dd);
	CHECK(y == 2026 && m == 1 && dd == 1);
	CHECK_STR(getenv("TZ"), "America/New_York");
	CHECK_STR(greeting(&rules, at("2026-10-01 09:00")), "节日好");
	CHECK_STR(greeting(&rules, at("2026-10-10 09:00")), "早上好");
	CHECK_STR(greeting(&rules, at("2026-10-11 09:00")), "周末好");
	CHECK_STR(greeting(&rules, at("2026-11-23 09:00")), "早上好");
	CHECK_STR(greeting(&rules, at("2026-11-23 12:00")), "您好");
	CHECK_STR(greeting(&rules, at("2026-11-22 23:00")), "周末好");

	/* The promise: 12h simple, 24h complex, on the policy's calendar. */
	CHECK_INT(rules.promise[0], 12 * 3600);
	CHECK_INT(rules.promise[1], 24 * 3600);
	p = sla_named(&rules, "business-complaint");
	CHECK(p != NULL && sla_due(&rules, p, at("2026-11-23 10:00"),
	    rules.promise[0], &d) == 0);
	CHECK_STR(local(d), "2026-11-23 22:00");
	p = sla_named(&rules, "technical");
	CHECK(p != NULL && sla_due(&rules, p, at("2026-09-30 17:00"),
	    rules.promise[0], &d) == 0);
	CHECK_STR(local(d), "2026-10-09 12:00");

	/* 70% practice, 30% theory; either alone when the other is none. */
	CHECK_INT(rules.score_split[0], 70);
	CHECK_INT(rules.score_split[1], 30);
	CHECK_INT(report_split(rules.score_split, 1000, 600), 880);
	CHECK_INT(report_split(rules.score_split, 775, 855), 799);
	CHECK_INT(report_split(rules.score_split, 775, -1), 775);
	CHECK_INT(report_split(rules.score_split, -1, 600), 600);
	CHECK_INT(report_split(rules.score_split, -1, -1), -1);

	rules_free(&rules);
	config_free(&conf);
	return check_failed;
}
