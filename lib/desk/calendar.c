/*
 * calendar.c: business time.  A calendar is a time zone, weekly hours
 * (several intervals a day), holidays, and one-off working days on a
 * weekend (China's 调休 make-up days), or simply 24x7.  SLA targets are
 * business durations on a calendar: "2h" from 17:30 on a Friday with
 * hours 09:00-18:00 is due at 10:30 on Monday, unless Monday is a holiday.
 *
 * Days are civil dates in the calendar's zone, numbered from 1970-01-01;
 * instants are Unix seconds.  Intervals are turned into instants with
 * mktime(3) in the calendar's zone, so a day with a daylight-saving
 * change is as long as it really is.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cs.h"

#define CAL_MAXDAYS	(366 * 10)	/* give up past ten years */

/* Enter the calendar's zone; returns the TZ to restore (to free). */
static char *
zone_enter(const struct calendar *c)
{
	const char	*cur = getenv("TZ");
	char		*saved = cur ? strdup(cur) : NULL;

	if (cur == NULL || strcmp(cur, c->tz) != 0) {
		setenv("TZ", c->tz, 1);
		tzset();
	}
	return saved;
}

static void
zone_leave(const struct calendar *c, char *saved)
{
	if (saved == NULL) {
		unsetenv("TZ");
		tzset();
	} else {
		if (strcmp(saved, c->tz) != 0) {
			setenv("TZ", saved, 1);
			tzset();
		}
		free(saved);
	}
}

/* The instant of minute `min` of civil day `day` in the current zone. */
static int64_t
instant(int32_t day, int min)
{
	struct tm	 tm;
	int		 y, m, d;

	cal_civil(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;		/* 24:00 normalises to the next day */
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The civil day of an instant in the current zone. */
static int32_t
day_of(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	return cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const struct cal_special *
special(const struct calendar *c, int32_t day)
{
	size_t	 lo = 0, hi = c->nspecial, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->special[mid].day < day)
			lo = mid + 1;
		else if (c->special[mid].day > day)
			hi = mid;
		else
			return &c->special[mid];
	}
	return NULL;
}

/* A day's working intervals: holiday none, make-up day its own hours. */
static int
day_hours(const struct calendar *c, int32_t day,
    const struct cal_interval **iv)
{
	const struct cal_special *s = special(c, day);
	int			 wday;

	if (s != NULL) {
		*iv = s->iv;
		return s->niv;
	}
	wday = (int)(((day % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	*iv = c->week[wday];
	return c->nweek[wday];
}

int
cal_is_holiday(const struct calendar *c, int32_t day)
{
	const struct cal_special *s = special(c, day);

	return s != NULL && s->niv == 0;
}

int
cal_is_workday(const struct calendar *c, int32_t day)
{
	const struct cal_special *s = special(c, day);

	return s != NULL && s->niv > 0;
}

int
cal_add(const struct calendar *c, int64_t t, int64_t dur, int64_t *due)
{
	const struct cal_interval	*iv;
	char				*saved;
	int64_t				 a, b;
	int32_t				 day, first;
	int				 i, n, rc = -1;

	if (c->always || dur <= 0) {
		*due = t + (dur > 0 ? dur : 0);
		return 0;
	}
	saved = zone_enter(c);
	first = day = day_of(t);
	for (; day - first < CAL_MAXDAYS; day++) {
		n = day_hours(c, day, &iv);
		for (i = 0; i < n; i++) {
			a = instant(day, iv[i].from);
			b = instant(day, iv[i].until);
			if (b <= t)
				continue;
			if (a < t)
				a = t;
			if (dur <= b - a) {
				*due = a + dur;
				rc = 0;
				goto out;
			}
			dur -= b - a;
		}
	}
out:
	zone_leave(c, saved);
	return rc;
}

int64_t
cal_between(const struct calendar *c, int64_t t1, int64_t t2)
{
	const struct cal_interval	*iv;
	char				*saved;
	int64_t				 a, b, sum = 0;
	int32_t				 day, last;
	int				 i, n;

	if (t2 <= t1)
		return 0;
	if (c->always)
		return t2 - t1;
	saved = zone_enter(c);
	last = day_of(t2);
	for (day = day_of(t1); day <= last; day++) {
		n = day_hours(c, day, &iv);
		for (i = 0; i < n; i++) {
			a = instant(day, iv[i].from);
			b = instant(day, iv[i].until);
			if (a < t1)
				a = t1;
			if (b > t2)
				b = t2;
			if (b > a)
				sum += b - a;
		}
	}
	zone_leave(c, saved);
	return sum;
}
