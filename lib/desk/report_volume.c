/*
 * report_volume.c: the volume report -- tickets and complaints by day or
 * by hour.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk.h"

static const struct out_col volume_cols[] = {
	{ "period",	"PERIOD",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "complaints",	"COMPLAINTS",	OUT_INT,	0,	1 },
};
static const int volume_ncols = sizeof(volume_cols) / sizeof(volume_cols[0]);

#define VOLUME_MAX	10000	/* buckets */

static int
report_volume(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	char		 label[32];
	int64_t		 t, start, next;
	int32_t		 day, last;
	size_t		 b = 0;
	int		 hourly, step, y, m, d, minute, wday;

	if (ro->bucket != NULL && strcmp(ro->bucket, "day") != 0 &&
	    strcmp(ro->bucket, "hour") != 0)
		return cs_error(cs, CS_USAGE, "-b %s: by day or hour",
		    ro->bucket);
	hourly = ro->bucket != NULL && strcmp(ro->bucket, "hour") == 0;
	if (ro->until <= ro->since)
		return 0;
	if ((hourly ? (ro->until - ro->since) / 3600 :
	    (ro->until - ro->since) / 86400) > VOLUME_MAX)
		return cs_error(cs, CS_USAGE, "the period has more than %d "
		    "%s", VOLUME_MAX, hourly ? "hours" : "days");
	/* Every bucket, empty ones too, so a chart shows the gaps. */
	day = clock_day(ro->since);
	last = clock_day(ro->until - 1);
	if (hourly) {
		clock_local(ro->since, &minute, &wday);
		start = ro->since - ro->since % 60 - (minute % 60) * 60;
	} else if (clock_midnight(day, &start) == -1)
		return cs_error(cs, CS_USAGE, "period out of range");
	/* A ticket reclassified after the clock counts as it was then. */
	if ((st = db_stmt(cs->db, "SELECT count(*),"
	    " coalesce(sum(CASE WHEN " TICKET_CATEGORY_AT("$3") " ="
	    " 'complaint' THEN 1 ELSE 0 END), 0) FROM ticket t"
	    " WHERE t.created_at >= $1 AND t.created_at < $2")) == NULL)
		return CS_SOFTWARE;
	for (t = start; t < ro->until; t = next) {
		if (hourly) {
			next = t + 3600;
			cal_civil(clock_day(t), &y, &m, &d);
			clock_local(t, &minute, &wday);
			snprintf(label, sizeof(label), "%04d-%02d-%02d %02d:00",
			    y, m, d, minute / 60);
		} else {
			if (clock_midnight(day + 1, &next) == -1 || day > last)
				break;
			cal_civil(day++, &y, &m, &d);
			snprintf(label, sizeof(label), "%04d-%02d-%02d", y, m,
			    d);
		}
		db_bind_int(st, 1, t > ro->since ? t : ro->since);
		db_bind_int(st, 2, next < ro->until ? next : ro->until);
		db_bind_int(st, 3, cs->now);
		step = db_step(st);
		if (step != DB_ROW) {
			db_reset(st);
			return cs_error(cs, db_fail(cs->db, "report"),
			    "cannot count tickets");
		}
		c = rset_add(r);
		c[0].s = rset_str(r, label);
		c[1].i = db_col_int(st, 0);
		c[2].i = db_col_int(st, 1);
		db_reset(st);
		if (++b > VOLUME_MAX)
			break;
	}
	return 0;
}

const struct report volume_report = {
	"volume", volume_cols, &volume_ncols, report_volume,
	"period", "tickets"
};
