/* calendar.c: business time on the 2026 calendar, across DST. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static struct config	 conf;
static struct rules	 rules;

/* Local "YYYY-MM-DD HH:MM" in Asia/Shanghai to an instant. */
static int64_t
at(const char *s)
{
	const char	*errstr;
	int64_t		 t;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (clock_parse(s, 0, &t, &errstr) == -1)
		return -1;
	return t;
}

static const char *
fmt(int64_t t)
{
	static char	 buf[64];

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	clock_format_local(t, buf, sizeof(buf));
	return buf;
}

/* The due time of dur after s on calendar name, as local text. */
static const char *
due(const char *name, const char *s, int64_t dur)
{
	int64_t	 d;

	if (cal_add(cal_find(&rules, name), at(s), dur, &d) == -1)
		return "never";
	return fmt(d);
}

static int
load(const char *text)
{
	struct config	 c;
	struct rules	 r;
	char		 path[] = "/tmp/cs-cal-XXXXXX";
	FILE		*fp;
	int		 fd, rc;

	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	rc = rules_load(&c, &r, path);
	rules_free(&r);
	config_free(&c);
	unlink(path);
	return rc;
}

int
main(void)
{
	char	 path[] = "/tmp/cs-cal-XXXXXX", cwd[1024];
	FILE	*fp;
	int	 fd, y, m, d;
	const struct calendar *c;

	/* Civil dates. */
	CHECK_INT(cal_day(1970, 1, 1), 0);
	CHECK_INT(cal_day(2026, 11, 23), 1795399200 / 86400);
	CHECK_INT(cal_day(2028, 3, 1) - cal_day(2028, 2, 28), 2);
	cal_civil(cal_day(2024, 2, 29), &y, &m, &d);
	CHECK(y == 2024 && m == 2 && d == 29);
	cal_civil(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31);

	unsetenv("CS_CONF");
	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	/* Relative to the including file, so an absolute path here. */
	fprintf(fp, "calendar office\n"
	    "include %s/data/holidays-cn-2026.conf\n"
	    "calendar night\nhours mon-fri 20:00-24:00\n"
	    "calendar ny\nzone America/New_York\nhours sun 00:00-03:00\n"
	    "calendar nyall\nzone America/New_York\nhours sun-sat 00:00-24:00\n",
	    getcwd(cwd, sizeof(cwd)) ? cwd : ".");
	fclose(fp);
	CHECK_INT(rules_load(&conf, &rules, path), 0);
	unlink(path);

	/* DESIGN.md's example: 2h from Friday 17:30 is Monday 10:30. */
	CHECK_STR(due("office", "2026-11-20 17:30", 7200), "2026-11-23 10:30");
	/* The lunch break does not count. */
	CHECK_STR(due("office", "2026-11-23 11:30", 3600), "2026-11-23 13:30");
	/* Before opening, the clock starts at opening. */
	CHECK_STR(due("office", "2026-11-24 07:00", 600), "2026-11-24 09:10");
	/* Exactly at closing: the next working morning. */
	CHECK_STR(due("office", "2026-11-24 18:00", 60), "2026-11-25 09:01");
	/* Ends exactly at a closing time. */
	CHECK_STR(due("office", "2026-11-24 17:00", 3600), "2026-11-24 18:00");
	/* Across midnight on an evening calendar. */
	CHECK_STR(due("night", "2026-11-24 23:30", 3600), "2026-11-25 20:30");
	/* Spring Festival: Saturday 02-14 is a make-up working day... */
	CHECK_STR(due("office", "2026-02-13 17:00", 7200), "2026-02-14 10:00");
	/* ...then 02-15..02-23 are off; Tuesday 02-24 works. */
	CHECK_STR(due("office", "2026-02-14 17:30", 3600), "2026-02-24 09:30");
	/* National Day: 10-01..10-07 off, Saturday 10-10 works. */
	CHECK_STR(due("office", "2026-09-30 17:00", 3 * 3600),
	    "2026-10-08 11:00");
	CHECK_STR(due("office", "2026-10-09 17:00", 7200), "2026-10-10 10:00");
	/* New Year: 01-01..01-03 off, Sunday 01-04 works. */
	CHECK_STR(due("office", "2025-12-31 17:00", 7200), "2026-01-04 10:00");
	/* A whole working week is 40 hours. */
	CHECK_STR(due("office", "2026-11-23 09:00", 40 * 3600),
	    "2026-11-27 18:00");
	CHECK_STR(due("24x7", "2026-11-20 17:30", 7200), "2026-11-20 19:30");

	c = cal_find(&rules, "office");
	CHECK(c != NULL);
	CHECK(cal_is_holiday(c, cal_day(2026, 10, 1)));
	CHECK(cal_is_holiday(c, cal_day(2026, 2, 23)));
	CHECK(!cal_is_holiday(c, cal_day(2026, 2, 24)));
	CHECK(!cal_is_holiday(c, cal_day(2026, 2, 14)));
	CHECK(cal_find(&rules, "nosuch") == NULL);

	/* Business time between: the holiday week counts only its ends. */
	CHECK_INT(cal_between(c, at("2026-09-30 09:00"),
	    at("2026-10-08 18:00")), 16 * 3600);
	CHECK_INT(cal_between(c, at("2026-11-20 17:30"),
	    at("2026-11-23 10:30")), 7200);
	CHECK_INT(cal_between(c, at("2026-11-23 12:10"),
	    at("2026-11-23 12:50")), 0);
	CHECK_INT(cal_between(c, at("2026-11-23 10:00"),
	    at("2026-11-23 09:00")), 0);
	/* Adding then measuring gives the duration back. */
	{
		int64_t	 t0 = at("2026-02-12 15:20"), d1;

		CHECK_INT(cal_add(c, t0, 20 * 3600, &d1), 0);
		CHECK_INT(cal_between(c, t0, d1), 20 * 3600);
	}

	/*
	 * Daylight saving: New York left DST on Sunday 2026-11-01, so
	 * 01:00-02:00 happened twice and the day had 25 hours.
	 */
	c = cal_find(&rules, "nyall");
	{
		const char	*errstr;
		int64_t		 a, b, three;

		clock_parse("2026-11-01T00:00:00-04:00", 0, &a, &errstr);
		clock_parse("2026-11-02T00:00:00-05:00", 0, &b, &errstr);
		clock_parse("2026-11-01T03:00:00-05:00", 0, &three, &errstr);
		CHECK_INT(cal_between(c, a, b), 25 * 3600);
		/* Sunday 00:00-03:00 local was four hours that night. */
		CHECK_INT(cal_between(cal_find(&rules, "ny"), a, b), 4 * 3600);
		CHECK_INT(cal_add(cal_find(&rules, "ny"), a, 4 * 3600, &b), 0);
		CHECK_INT(b, three);
	}
	rules_free(&rules);
	config_free(&conf);

	/* Configuration errors. */
	CHECK_INT(load("hours mon-fri 09:00-18:00\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nhours mon-fri 18:00-09:00\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nhours mon-fri 09:00-12:00 11:00-13:00\n"),
	    CS_CONFIG);
	CHECK_INT(load("calendar x\nhours funday 09:00-12:00\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nhours mon 9:00-12:00\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nholiday 2026-13-01\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nholiday 2026-10-07..2026-10-01\n"),
	    CS_CONFIG);
	CHECK_INT(load("calendar x\nworkday 2026-10-10\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nzone Mars/Base\n"), CS_CONFIG);
	CHECK_INT(load("calendar x 12x5\n"), CS_CONFIG);
	CHECK_INT(load("calendar x\nhours sat-sun 10:00-16:00\n"
	    "workday 2026-10-10 10:00-12:00\nholiday 2026-10-01 国庆\n"), 0);
	CHECK_DONE();
}
