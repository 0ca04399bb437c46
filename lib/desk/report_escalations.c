/*
 * report_escalations.c: the escalations report -- the escalations raised
 * in the period by level or department and owner: how many, how many
 * acknowledged and solved, how many of those late, and how many still
 * open, all as of the clock.  An escalation ended before its deadline
 * (superseded by a person, its ticket resolved, its warning withdrawn)
 * was not late.
 */
#include <string.h>

#include "desk.h"

static const struct out_col escalation_report_cols[] = {
	{ "level",	"LEVEL",	OUT_INT,	0,	1 },
	{ "department",	"DEPT",		OUT_TEXT,	0,	1 },
	{ "owner",	"OWNER",	OUT_TEXT,	0,	1 },
	{ "raised",	"RAISED",	OUT_INT,	0,	1 },
	{ "acked",	"ACKED",	OUT_INT,	0,	1 },
	{ "ack_late",	"ACK LATE",	OUT_INT,	0,	1 },
	{ "solved",	"SOLVED",	OUT_INT,	0,	1 },
	{ "solve_late",	"SOLVE LATE",	OUT_INT,	0,	1 },
	{ "open",	"OPEN",		OUT_INT,	0,	1 },
};
static const int escalation_report_ncols =
    sizeof(escalation_report_cols) / sizeof(escalation_report_cols[0]);

/*
 * When it stopped being live: resolved (solved, or ended by its
 * cause), or superseded (its last change).  $3 is the clock; a time
 * after it has not happened yet.
 */
#define NEVER	"9223372036854775807"
#define ENDED							\
    "CASE WHEN status = 'superseded' THEN updated_at"			\
    " WHEN status = 'resolved' THEN resolved_at END"
#define UNTIL(t)	"coalesce(" t ", " NEVER ")"
/*
 * Live past deadline t, or moved up by the sweep at t itself: the sweep
 * takes a deadline reached as missed (a cron tick falls on it).
 */
#define LATE(t)								\
    "(" UNTIL(ENDED) " > " t " OR (" UNTIL(ENDED) " = " t " AND"	\
    " status = 'superseded'))"
static const char escalations_sql[] =
    "SELECT level, department, owner, count(*),"
    " sum(CASE WHEN acked_at <= $3 THEN 1 ELSE 0 END),"
    " sum(CASE WHEN due <= $3 AND " UNTIL("acked_at") " > due AND "
    LATE("due") " THEN 1 ELSE 0 END),"
    " sum(CASE WHEN ended = 'solved' AND resolved_at <= $3 THEN 1"
    " ELSE 0 END),"
    " sum(CASE WHEN solve_due <= $3 AND " LATE("solve_due")
    " THEN 1 ELSE 0 END),"
    " sum(CASE WHEN " UNTIL(ENDED) " > $3 THEN 1 ELSE 0 END)"
    " FROM escalation WHERE created_at >= $1 AND created_at < $2"
    " GROUP BY level, department, owner"
    " ORDER BY coalesce(level, 9), coalesce(department, ''), owner";

static int
report_escalations(struct cs *cs, const struct report_opts *ro,
    struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c, total[9];
	int		 step, i;

	if ((st = db_stmt(cs->db, escalations_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	memset(total, 0, sizeof(total));
	while ((step = db_step(st)) == DB_ROW) {
		c = rset_add(r);
		c[0].i = db_col_int(st, 0);
		c[0].null = db_col_null(st, 0);
		c[1].s = rset_str(r, db_col_text(st, 1));
		c[1].null = db_col_null(st, 1);
		c[2].s = rset_str(r, db_col_text(st, 2));
		for (i = 3; i < 9; i++) {
			c[i].i = db_col_int(st, i);
			total[i].i += c[i].i;
		}
	}
	db_reset(st);
	if (step != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "escalations");
	/* All of them, as the other reports end. */
	c = rset_add(r);
	c[0].null = c[1].null = 1;
	c[2].s = "all";
	for (i = 3; i < 9; i++)
		c[i].i = total[i].i;
	return 0;
}

const struct report escalations_report = {
	"escalations", escalation_report_cols, &escalation_report_ncols,
	report_escalations, "level,department,owner", "raised"
};
