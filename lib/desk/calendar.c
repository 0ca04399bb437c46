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
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk.h"

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

/*
 * What mktime(3) and localtime_r(3) answered, remembered by the zone (the
 * calendar's, entered while they run): an import sets two deadlines a
 * ticket over the same few days, and the zone's arithmetic was a tenth
 * of its time.  Calendars are used by one thread at a time (they set TZ).
 */
static struct {
	char		 tz[64];
	int32_t		 day;
	int		 min;
	int64_t		 t;
	int		 set;
} seen_instant[64];
static struct {
	char		 tz[64];
	int64_t		 from, until;	/* [from, until) is day */
	int32_t		 day;
} seen_day[32];
static unsigned int seen_days;

/* The instant of minute `min` of civil day `day` in c's zone. */
static int64_t
instant(const struct calendar *c, int32_t day, int min)
{
	struct tm	 tm;
	int		 y, m, d;
	unsigned int	 k = ((unsigned int)day * 31 + (unsigned int)min) % 64;

	if (seen_instant[k].set && seen_instant[k].day == day &&
	    seen_instant[k].min == min && strcmp(seen_instant[k].tz, c->tz) == 0)
		return seen_instant[k].t;
	cal_civil(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;		/* 24:00 normalises to the next day */
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	strlcpy(seen_instant[k].tz, c->tz, sizeof(seen_instant[k].tz));
	seen_instant[k].day = day;
	seen_instant[k].min = min;
	seen_instant[k].t = (int64_t)mktime(&tm);
	seen_instant[k].set = 1;
	return seen_instant[k].t;
}

/* The civil day of an instant in c's zone. */
static int32_t
day_of(const struct calendar *c, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	int32_t		 day;
	unsigned int	 i;

	for (i = 0; i < 32; i++)
		if (t >= seen_day[i].from && t < seen_day[i].until &&
		    strcmp(seen_day[i].tz, c->tz) == 0)
			return seen_day[i].day;
	localtime_r(&tt, &tm);
	day = cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	i = seen_days++ % 32;
	strlcpy(seen_day[i].tz, c->tz, sizeof(seen_day[i].tz));
	seen_day[i].from = instant(c, day, 0);
	seen_day[i].until = instant(c, day + 1, 0);
	seen_day[i].day = day;
	if (t < seen_day[i].from || t >= seen_day[i].until)
		seen_day[i].until = seen_day[i].from;	/* not from 00:00 */
	return day;
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

const struct calendar *
cal_desk(const struct rules *r)
{
	const struct calendar	*c = cal_find(r, "office");
	size_t			 i;

	for (i = 0; c == NULL && i < r->ncals; i++)
		if (!r->cals[i].always)
			c = &r->cals[i];
	return c != NULL ? c : r->ncals > 0 ? &r->cals[0] : NULL;
}

int32_t
cal_local(const struct calendar *c, int64_t t, int *minute, int *wday,
    char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	char		*saved = zone_enter(c);
	int32_t		 day = 0;

	memset(&tm, 0, sizeof(tm));
	if (localtime_r(&tt, &tm) != NULL)
		day = cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (buf != NULL && len > 0 &&
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		buf[0] = '\0';
	zone_leave(c, saved);
	if (minute != NULL)
		*minute = tm.tm_hour * 60 + tm.tm_min;
	if (wday != NULL)
		*wday = tm.tm_wday;
	return day;
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
	first = day = day_of(c, t);
	for (; day - first < CAL_MAXDAYS; day++) {
		n = day_hours(c, day, &iv);
		for (i = 0; i < n; i++) {
			a = instant(c, day, iv[i].from);
			b = instant(c, day, iv[i].until);
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
	last = day_of(c, t2);
	for (day = day_of(c, t1); day <= last; day++) {
		n = day_hours(c, day, &iv);
		for (i = 0; i < n; i++) {
			a = instant(c, day, iv[i].from);
			b = instant(c, day, iv[i].until);
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

static struct calendar *
cal_add_named(struct rules *c, const char *name, const char *tz)
{
	struct calendar	*k;

	if ((k = reallocarray(c->cals, c->ncals + 1, sizeof(*k))) == NULL)
		err(CS_SOFTWARE, NULL);
	c->cals = k;
	k = &c->cals[c->ncals];
	memset(k, 0, sizeof(*k));
	strlcpy(k->name, name, sizeof(k->name));
	strlcpy(k->tz, tz, sizeof(k->tz));
	c->curcal = (int)c->ncals++;
	return k;
}

static int
kw_calendar(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	size_t		 i;

	if ((argc != 2 && argc != 3) || (argc == 3 &&
	    strcmp(argv[2], "24x7") != 0) || strlen(argv[1]) >= 32 ||
	    !cs_name_ok(argv[1])) {
		conf_err(p, "usage: calendar NAME [24x7]");
		return CS_CONFIG;
	}
	for (i = 0; i < c->ncals; i++)
		if (strcmp(c->cals[i].name, argv[1]) == 0)
			break;
	if (i < c->ncals)
		c->curcal = (int)i;
	else
		cal_add_named(c, argv[1], conf_core(p)->timezone);
	if (argc == 3)
		c->cals[c->curcal].always = 1;
	return 0;
}

static struct calendar *
current_cal(struct conf_parse *p, struct rules *c, const char *kw)
{
	if (c->curcal < 0) {
		conf_err(p, "%s: no calendar line before it", kw);
		return NULL;
	}
	return &c->cals[c->curcal];
}

/* "08:30" -> 510 */
int
cal_hhmm(const char *s)
{
	int	 h, m;
	char	 end;

	/* Digits only: %d alone would take "+8:30" and " 8:30". */
	if (strspn(s, "0123456789:") != 5 ||
	    sscanf(s, "%2d:%2d%c", &h, &m, &end) != 2 || strlen(s) != 5 ||
	    h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* "09:00-12:00" */
static int
parse_interval(const char *s, struct cal_interval *iv)
{
	char	 a[8], b[8];
	const char *dash = strchr(s, '-');

	if (dash == NULL || dash - s != 5 || strlen(dash + 1) != 5)
		return -1;
	memcpy(a, s, 5);
	a[5] = '\0';
	strlcpy(b, dash + 1, sizeof(b));
	if ((iv->from = cal_hhmm(a)) == -1 ||
	    (iv->until = cal_hhmm(b)) == -1 || iv->from >= iv->until)
		return -1;
	return 0;
}

/* Intervals argv[i..] in order and apart; their count, or -1. */
static int
parse_intervals(struct conf_parse *p, int argc, char **argv, int i,
    struct cal_interval *iv)
{
	int	 n = 0;

	for (; i < argc; i++) {
		if (n == CAL_MAXIV) {
			conf_err(p, "more than %d intervals in a day",
			    CAL_MAXIV);
			return -1;
		}
		if (parse_interval(argv[i], &iv[n]) == -1) {
			conf_err(p, "%s: not an interval like 09:00-18:00",
			    argv[i]);
			return -1;
		}
		if (n > 0 && iv[n].from < iv[n - 1].until) {
			conf_err(p, "%s: intervals must be in order and apart",
			    argv[i]);
			return -1;
		}
		n++;
	}
	return n;
}

static int
kw_hours(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	static const char *const days[] = {
		"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL
	};
	struct calendar		*k;
	struct cal_interval	 iv[CAL_MAXIV];
	char			 spec[32], *dash;
	int			 n, a, b, d;

	if ((k = current_cal(p, ctx, "hours")) == NULL)
		return CS_CONFIG;
	if (argc < 2) {
		conf_err(p, "usage: hours DAYS [HH:MM-HH:MM ...]");
		return CS_CONFIG;
	}
	strlcpy(spec, argv[1], sizeof(spec));
	if ((dash = strchr(spec, '-')) != NULL)
		*dash++ = '\0';
	a = word_index(days, spec);
	b = dash ? word_index(days, dash) : a;
	if (a == -1 || b == -1) {
		conf_err(p, "hours %s: days are sun mon tue wed thu fri sat, "
		    "or a range such as mon-fri", argv[1]);
		return CS_CONFIG;
	}
	if ((n = parse_intervals(p, argc, argv, 2, iv)) == -1)
		return CS_CONFIG;
	for (d = a;; d = (d + 1) % 7) {
		memcpy(k->week[d], iv, sizeof(iv));
		k->nweek[d] = n;
		if (d == b)
			break;
	}
	k->always = 0;
	return 0;
}

/* "2026-10-01" -> day number */
static int
parse_date(const char *s, int32_t *day)
{
	const char	*errstr;
	int64_t		 t;
	int		 y, m, d;
	char		 end;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &end) != 3 || clock_parse(s, 0, &t, &errstr) == -1)
		return -1;
	*day = cal_day(y, m, d);
	return 0;
}

/*
 * Set one special day, replacing an earlier one for that date, in its
 * place by date (the built-in holidays are set at every start: sorting
 * the list again after each took half of reading the configuration).
 */
static void
special_set(struct calendar *k, const struct cal_special *s)
{
	struct cal_special	*n;
	size_t			 lo = 0, hi = k->nspecial, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (k->special[mid].day < s->day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < k->nspecial && k->special[lo].day == s->day) {
		k->special[lo] = *s;
		return;
	}
	if ((n = reallocarray(k->special, k->nspecial + 1, sizeof(*n))) == NULL)
		err(CS_SOFTWARE, NULL);
	k->special = n;
	memmove(&n[lo + 1], &n[lo], (k->nspecial - lo) * sizeof(*n));
	n[lo] = *s;
	k->nspecial++;
}

static int
kw_holiday(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct calendar		*k;
	struct cal_special	 s;
	char			 from[16], *dots;
	int32_t			 a, b;

	if ((k = current_cal(p, ctx, "holiday")) == NULL)
		return CS_CONFIG;
	if (argc < 2 || strlen(argv[1]) >= sizeof(from) + 12) {
		conf_err(p, "usage: holiday DATE[..DATE] [NAME]");
		return CS_CONFIG;
	}
	strlcpy(from, argv[1], sizeof(from));
	if ((dots = strstr(argv[1], "..")) != NULL)
		from[dots - argv[1]] = '\0';
	if (parse_date(from, &a) == -1 || (dots != NULL &&
	    parse_date(dots + 2, &b) == -1) || (dots != NULL && b < a) ||
	    (dots != NULL && b - a > 366)) {
		conf_err(p, "holiday %s: not a date or a range like "
		    "2026-10-01..2026-10-07", argv[1]);
		return CS_CONFIG;
	}
	if (dots == NULL)
		b = a;
	memset(&s, 0, sizeof(s));
	conf_join(argv, argc, 2, s.name, sizeof(s.name));
	for (; a <= b; a++) {
		s.day = a;
		special_set(k, &s);
	}
	return 0;
}

static int
kw_workday(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct calendar		*k;
	struct cal_special	 s;

	if ((k = current_cal(p, ctx, "workday")) == NULL)
		return CS_CONFIG;
	memset(&s, 0, sizeof(s));
	if (argc < 2 || parse_date(argv[1], &s.day) == -1) {
		conf_err(p, "usage: workday DATE [HH:MM-HH:MM ...]");
		return CS_CONFIG;
	}
	if (argc > 2) {
		if ((s.niv = parse_intervals(p, argc, argv, 2, s.iv)) == -1)
			return CS_CONFIG;
	} else {
		/* A make-up day works Monday's hours. */
		memcpy(s.iv, k->week[1], sizeof(s.iv));
		s.niv = k->nweek[1];
	}
	if (s.niv == 0) {
		conf_err(p, "workday %s: no hours to work", argv[1]);
		return CS_CONFIG;
	}
	strlcpy(s.name, "make-up working day", sizeof(s.name));
	special_set(k, &s);
	return 0;
}

static int
kw_zone(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct calendar	*k;

	if ((k = current_cal(p, ctx, "zone")) == NULL)
		return CS_CONFIG;
	if (argc != 2 || strlen(argv[1]) >= sizeof(k->tz)) {
		conf_err(p, "usage: zone ZONE");
		return CS_CONFIG;
	}
	if (!conf_zone_ok(argv[1])) {
		conf_err(p, "zone %s: unknown time zone", argv[1]);
		return CS_CONFIG;
	}
	strlcpy(k->tz, argv[1], sizeof(k->tz));
	k->zoned = 1;
	return 0;
}

/*
 * The civil day of t in the zone tz, whatever TZ says: a day that every
 * agent's machine agrees on (approval limits run over the desk's day).
 * The last day's bounds are kept, for a batch asks about one moment
 * line after line.
 */
int32_t
cal_day_in(const char *tz, int64_t t)
{
	static char	 last_tz[64];
	static int64_t	 from = 1, until = 0;
	static int32_t	 day;
	const char	*cur;
	char		*saved = NULL;
	int		 swap;

	if (t >= from && t < until && strcmp(last_tz, tz) == 0)
		return day;
	/* getenv's answer does not outlive setenv: copied first. */
	cur = getenv("TZ");
	swap = cur == NULL || strcmp(cur, tz) != 0;
	if (swap) {
		if (cur != NULL && (saved = strdup(cur)) == NULL)
			err(CS_SOFTWARE, NULL);
		setenv("TZ", tz, 1);
		tzset();
	}
	day = clock_day(t);
	if (clock_midnight(day, &from) != 0 ||
	    clock_midnight(day + 1, &until) != 0)
		from = 1, until = 0;
	strlcpy(last_tz, tz, sizeof(last_tz));
	if (swap) {
		if (saved != NULL)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
	}
	free(saved);
	return day;
}

const struct calendar *
cal_find(const struct rules *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->ncals; i++)
		if (strcmp(c->cals[i].name, name) == 0)
			return &c->cals[i];
	return NULL;
}

static const struct conf_keyword calendar_keywords[] = {
	{ "calendar",	kw_calendar },
	{ "holiday",	kw_holiday },
	{ "hours",	kw_hours },
	{ "workday",	kw_workday },
	{ "zone",	kw_zone },
	{ NULL,		NULL },
};

/*
 * China's public holidays and make-up working days (调休), from the
 * State Council's notice for each year (2026: of 2025-11-04), the same
 * as data/holidays-cn-2026.conf.  A year is added here when its notice
 * is out; past the last one, cal_stale says so.
 */
static const struct cn_day {
	int		 y, m, d, days;	/* from, and how many */
	const char	*name;		/* NULL: a make-up working day */
} cn_days[] = {
	{ 2026,  1,  1, 3, "元旦" },
	{ 2026,  1,  4, 1, NULL },
	{ 2026,  2, 14, 1, NULL },
	{ 2026,  2, 15, 9, "春节" },
	{ 2026,  2, 28, 1, NULL },
	{ 2026,  4,  4, 3, "清明节" },
	{ 2026,  5,  1, 5, "劳动节" },
	{ 2026,  5,  9, 1, NULL },
	{ 2026,  6, 19, 3, "端午节" },
	{ 2026,  9, 20, 1, NULL },
	{ 2026,  9, 25, 3, "中秋节" },
	{ 2026, 10,  1, 7, "国庆节" },
	{ 2026, 10, 10, 1, NULL },
};

static void
cn_holidays(struct calendar *k)
{
	struct cal_special	 s;
	size_t			 i;
	int			 n;

	for (i = 0; i < sizeof(cn_days) / sizeof(cn_days[0]); i++) {
		memset(&s, 0, sizeof(s));
		s.day = cal_day(cn_days[i].y, cn_days[i].m, cn_days[i].d);
		if (cn_days[i].name != NULL)
			strlcpy(s.name, cn_days[i].name, sizeof(s.name));
		else {
			/* A make-up day works Monday's hours. */
			memcpy(s.iv, k->week[1], sizeof(s.iv));
			s.niv = k->nweek[1];
			strlcpy(s.name, "make-up working day",
			    sizeof(s.name));
		}
		for (n = 0; n < cn_days[i].days; n++, s.day++)
			special_set(k, &s);
	}
}

int
cal_data_year(const struct calendar *c)
{
	int	 y, m, d;

	if (c->always || c->nspecial == 0)
		return 0;
	cal_civil(c->special[c->nspecial - 1].day, &y, &m, &d);
	return y;
}

int
cal_stale(const struct rules *r, int64_t now, const char *prefix)
{
	const struct calendar	*c;
	size_t			 i;
	int			 y, m, d, last, n = 0;

	for (i = 0; i < r->ncals; i++) {
		c = &r->cals[i];
		if ((last = cal_data_year(c)) == 0)
			continue;
		cal_civil(cal_local(c, now, NULL, NULL, NULL, 0), &y, &m, &d);
		if (y <= last)
			continue;
		n++;
		if (prefix != NULL)
			fprintf(stderr, "%s: calendar %s: no holidays known for "
			    "%d (its data ends with %d)\n", prefix, c->name,
			    y, last);
	}
	return n;
}

/*
 * Two calendars are built in: 24x7, and an office week of 09:00-12:00 and
 * 13:00-18:00, Monday to Friday, with China's holidays and make-up days
 * for the years above.  Other years' come from a file such as
 * holidays-cn-2026.conf.
 */
static void
calendar_defaults(struct rules *c)
{
	struct calendar	*k;
	int		 d;

	cal_add_named(c, "24x7", CONF_TIMEZONE)->always = 1;
	k = cal_add_named(c, "office", CONF_TIMEZONE);
	for (d = 1; d <= 5; d++) {
		k->week[d][0].from = 9 * 60;
		k->week[d][0].until = 12 * 60;
		k->week[d][1].from = 13 * 60;
		k->week[d][1].until = 18 * 60;
		k->nweek[d] = 2;
	}
	cn_holidays(k);
	c->curcal = -1;
}

static void
print_intervals(const struct cal_interval *iv, int n, FILE *fp)
{
	int	 i;

	for (i = 0; i < n; i++)
		fprintf(fp, " %02d:%02d-%02d:%02d", iv[i].from / 60,
		    iv[i].from % 60, iv[i].until / 60, iv[i].until % 60);
	fputc('\n', fp);
}

static void
print_calendar(const struct calendar *k, FILE *fp)
{
	static const char *const days[] = {
		"sun", "mon", "tue", "wed", "thu", "fri", "sat"
	};
	const struct cal_special *s;
	size_t	 i;
	int	 d, y, m, dd;

	fprintf(fp, "calendar %s%s\n", k->name, k->always ? " 24x7" : "");
	fprintf(fp, "zone %s\n", k->tz);
	if (k->always)
		return;
	for (d = 0; d < 7; d++) {
		fprintf(fp, "hours %s", days[d]);
		print_intervals(k->week[d], k->nweek[d], fp);
	}
	for (i = 0; i < k->nspecial; i++) {
		s = &k->special[i];
		cal_civil(s->day, &y, &m, &dd);
		if (s->niv == 0)
			fprintf(fp, "holiday %04d-%02d-%02d%s%s\n", y, m, dd,
			    s->name[0] ? " " : "", s->name);
		else {
			fprintf(fp, "workday %04d-%02d-%02d", y, m, dd);
			print_intervals(s->iv, s->niv, fp);
		}
	}
}

static void
calendar_print(const struct rules *c, FILE *fp)
{
	size_t	 i;

	for (i = 0; i < c->ncals; i++)
		print_calendar(&c->cals[i], fp);
}

static void
calendar_free(struct rules *c)
{
	size_t	 i;

	for (i = 0; i < c->ncals; i++)
		free(c->cals[i].special);
	free(c->cals);
}

const struct rule_conf calendar_conf = {
	calendar_keywords, calendar_defaults, calendar_print, calendar_free
};
