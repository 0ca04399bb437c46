/*
 * report_incidents.c: the incidents report -- the incidents opened in
 * the period, their tickets and the time to close them.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const struct out_col incident_report_cols[] = {
	{ "incident",	"INCIDENT",	OUT_ID,		ID_INCIDENT, 1 },
	{ "severity",	"SEVERITY",	OUT_TEXT,	0,	1 },
	{ "status",	"STATUS",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "unresolved",	"UNRESOLVED",	OUT_INT,	0,	1 },
	{ "time_to_close", "TO CLOSE",	OUT_DURATION,	0,	1 },
	{ "title",	"TITLE",	OUT_TEXT,	OUT_PROSE,	1 },
	{ "opened",	"OPENED",	OUT_TIME,	0,	0 },
	{ "closed",	"CLOSED",	OUT_TIME,	0,	0 },
	{ "departments", "DEPARTMENTS",	OUT_TEXT,	0,	0 },
};
static const int incident_report_ncols =
    sizeof(incident_report_cols) / sizeof(incident_report_cols[0]);

/*
 * The incidents opened in the period, as of the clock: one closed later
 * is still open, and a ticket linked later is not counted.  Unresolved
 * are the linked tickets open or pending then.
 */
static const char incidents_sql[] =
    "SELECT i.id, i.severity, i.closed_at IS NOT NULL AND i.closed_at <= $3,"
    " (SELECT count(*) FROM incident_ticket l WHERE l.incident_id = i.id"
    "   AND l.linked_at <= $3),"
    " (SELECT count(*) FROM incident_ticket l JOIN ticket t"
    "   ON t.id = l.ticket_id WHERE l.incident_id = i.id"
    "   AND l.linked_at <= $3 AND " TICKET_STATUS_AT("$3")
    "   IN ('open', 'pending')),"
    " i.closed_at - i.created_at, i.title, i.created_at, i.closed_at,"
    " i.departments"
    " FROM incident i WHERE i.created_at >= $1 AND i.created_at < $2"
    " ORDER BY i.created_at, i.id";

static int
report_incidents(struct cs *cs, const struct report_opts *ro,
    struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	int		 step, closed;

	if ((st = db_stmt(cs->db, incidents_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		c = rset_add(r);
		closed = db_col_int(st, 2);
		c[0].i = db_col_int(st, 0);
		c[1].s = rset_str(r, db_col_text(st, 1));
		c[2].s = closed ? "closed" : "open";
		c[3].i = db_col_int(st, 3);
		c[4].i = db_col_int(st, 4);
		c[5].i = db_col_int(st, 5);
		c[5].null = !closed;
		c[6].s = rset_str(r, db_col_text(st, 6));
		c[7].i = db_col_int(st, 7);
		c[8].i = db_col_int(st, 8);
		c[8].null = !closed;
		c[9].s = rset_str(r, db_col_text(st, 9));
	}
	db_reset(st);
	if (step != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "incidents");
	return 0;
}

const struct report incidents_report = {
	"incidents", incident_report_cols, &incident_report_ncols,
	report_incidents, "incident,title", "tickets"
};
