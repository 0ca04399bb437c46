/*
 * clock.c: the clock (CS_NOW replaces it), and time and duration as
 * people type them and as cs prints them.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

#define DURATION_MAX	(100LL * 366 * 86400)

void
clock_tzset(const char *conf_tz)
{
	const char	*tz = getenv("TZ");

	/* An empty TZ or zone would silently mean UTC: take the default. */
	if (tz == NULL || *tz == '\0')
		setenv("TZ", conf_tz != NULL && *conf_tz != '\0' ? conf_tz :
		    "Asia/Shanghai", 1);
	tzset();
}

int
clock_now(int64_t *now, const char **errstr)
{
	const char	*e = secure_getenv("CS_NOW");

	*errstr = NULL;
	if (e == NULL || *e == '\0') {
		*now = (int64_t)time(NULL);
		return 0;
	}
	return clock_parse(e, (int64_t)time(NULL), now, errstr);
}

/* Exactly n digits into *v; advances *s. */
static int
digits(const char **s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(int y, int m)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : mdays[m - 1];
}

int
duration_parse(const char *s, int64_t *secs, const char **errstr)
{
	static const char	 units[] = "wdhms";
	static const int64_t	 mult[] = { 604800, 86400, 3600, 60, 1 };
	const char		*u;
	int64_t			 total = 0, v;
	int			 last = -1, any = 0;

	*errstr = "not a duration";
	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			return -1;
		for (v = 0; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (*s - '0');
			if (v > DURATION_MAX) {
				*errstr = "duration too long";
				return -1;
			}
		}
		if (*s == '\0' || (u = strchr(units, *s)) == NULL)
			return -1;
		/* Units in decreasing order, each once: 1d12h, not 12h1d. */
		if ((int)(u - units) <= last)
			return -1;
		last = (int)(u - units);
		total += v * mult[last];
		if (total > DURATION_MAX) {
			*errstr = "duration too long";
			return -1;
		}
		any = 1;
		s++;
	}
	if (!any)
		return -1;
	if (total == 0) {
		*errstr = "duration must be more than zero";
		return -1;
	}
	*errstr = NULL;
	*secs = total;
	return 0;
}

/*
 * 1 if t can be written as clock_format_iso writes it and read back: a
 * local year from 1970 to 9999, as the absolute forms take.
 */
static int
writable(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL)
		return 0;
	return tm.tm_year >= 1970 - 1900 && tm.tm_year <= 9999 - 1900;
}

int
clock_parse(const char *s, int64_t now, int64_t *t, const char **errstr)
{
	struct tm	 tm;
	const char	*p = s;
	int64_t		 d;
	int		 y, mo, da, h = 0, mi = 0, se = 0, oh, om, off = 0;
	int		 has_off = 0;
	time_t		 r;

	*errstr = "not a time";
	if (strcmp(s, "now") == 0) {
		*t = now;
		*errstr = NULL;
		return 0;
	}
	if (*s == '+' || *s == '-') {
		if (duration_parse(s + 1, &d, errstr) == -1) {
			/* "-2x" is not a time; "-0s" and "+9999w" say why. */
			if (strcmp(*errstr, "not a duration") == 0)
				*errstr = "not a time";
			return -1;
		}
		/* Not past what the absolute forms can say either. */
		if ((*s == '+' && now > INT64_MAX - d) ||
		    (*s == '-' && now < INT64_MIN + d) ||
		    !writable(*s == '+' ? now + d : now - d)) {
			*errstr = "time out of range";
			return -1;
		}
		*t = *s == '+' ? now + d : now - d;
		*errstr = NULL;
		return 0;
	}
	if (digits(&p, 4, &y) == -1 || *p++ != '-' ||
	    digits(&p, 2, &mo) == -1 || *p++ != '-' ||
	    digits(&p, 2, &da) == -1)
		return -1;
	if (*p == ' ' || *p == 'T') {
		p++;
		if (digits(&p, 2, &h) == -1 || *p++ != ':' ||
		    digits(&p, 2, &mi) == -1)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &se) == -1)
				return -1;
		}
		if (*p == 'Z') {
			has_off = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1;

			if (digits(&p, 2, &oh) == -1)
				return -1;
			if (*p == ':')
				p++;
			if (digits(&p, 2, &om) == -1 || oh > 14 || om > 59) {
				*errstr = "bad UTC offset";
				return -1;
			}
			off = sign * (oh * 3600 + om * 60);
			has_off = 1;
		}
	}
	if (*p != '\0')
		return -1;
	if (y < 1970 || y > 9999) {
		*errstr = "year out of range";
		return -1;
	}
	if (mo < 1 || mo > 12) {
		*errstr = "month out of range";
		return -1;
	}
	if (da < 1 || da > days_in(y, mo)) {
		*errstr = "day out of range";
		return -1;
	}
	if (h > 23 || mi > 59 || se > 59) {
		*errstr = "time of day out of range";
		return -1;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = da;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	if (has_off) {
		r = timegm(&tm);
		/* 1970-01-01T00:00+14:00 is 1969 here: not writable. */
		if (!writable((int64_t)r - off)) {
			*errstr = "time out of range";
			return -1;
		}
		*t = (int64_t)r - off;
	} else {
		tm.tm_isdst = -1;
		/*
		 * -1 is also a real instant (1970-01-01 07:59:59 in
		 * Shanghai): only an untouched tm_wday means failure.
		 */
		tm.tm_wday = -1;
		if ((r = mktime(&tm)) == (time_t)-1 && tm.tm_wday == -1) {
			*errstr = "not a time in the local time zone";
			return -1;
		}
		*t = (int64_t)r;
	}
	*errstr = NULL;
	return 0;
}

void
duration_format(int64_t secs, char *buf, size_t len)
{
	static const char	 units[] = "dhms";
	static const int64_t	 mult[] = { 86400, 3600, 60, 1 };
	char			 part[32];
	uint64_t		 mag;
	int			 i;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (secs == 0) {
		strlcpy(buf, "0s", len);
		return;
	}
	/* The magnitude as unsigned, so INT64_MIN has one too. */
	mag = secs < 0 ? (uint64_t)-(secs + 1) + 1 : (uint64_t)secs;
	if (secs < 0)
		strlcat(buf, "-", len);
	for (i = 0; i < 4; i++) {
		if (mag >= (uint64_t)mult[i]) {
			snprintf(part, sizeof(part), "%" PRIu64 "%c",
			    mag / (uint64_t)mult[i], units[i]);
			strlcat(buf, part, len);
			mag %= (uint64_t)mult[i];
		}
	}
}

void
clock_format_local(int64_t t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (len == 0)
		return;
	/* Only for years beyond int: print nothing rather than garbage. */
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		buf[0] = '\0';
}

void
clock_format_iso(int64_t t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	long		 off;
	char		 base[32];

	if (len == 0)
		return;
	buf[0] = '\0';
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return;
	/* The offset of this instant, "+00:00" for UTC: never "Z". */
	off = tm.tm_gmtoff;
	snprintf(buf, len, "%s%c%02ld:%02ld", base, off < 0 ? '-' : '+',
	    labs(off) / 3600, labs(off) % 3600 / 60);
}

void
clock_local(int64_t t, int *minute_of_day, int *weekday)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL) {
		*minute_of_day = 0;
		*weekday = 0;
		return;
	}
	*minute_of_day = tm.tm_hour * 60 + tm.tm_min;
	*weekday = tm.tm_wday;
}

int32_t
clock_day(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
clock_midnight(int32_t day, int64_t *t)
{
	const char	*errstr;
	char		 buf[32];
	int		 y, m, d;

	cal_civil(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return clock_parse(buf, 0, t, &errstr);
}

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant). */
int32_t
cal_day(int y, int m, int d)
{
	int		 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
cal_civil(int32_t z, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}
