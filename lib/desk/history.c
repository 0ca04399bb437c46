/*
 * history.c: a record's history, read from the audit trail: `cs-ticket
 * log', and the "history" part of every show, as a table or JSON.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/*
 * The TSV/JSON contract of `cs-ticket log`: append only.  The detail is
 * the JSON object the audit keeps: an object in -j, its text elsewhere.
 */
const struct out_col history_cols[] = {
	{ "record",	"RECORD",	OUT_TEXT, 0,	1 },
	{ "at",		"AT",		OUT_TIME, 0,	1 },
	{ "agent",	"AGENT",	OUT_TEXT, 0,	1 },
	{ "action",	"ACTION",	OUT_TEXT, 0,	1 },
	{ "detail",	"DETAIL",	OUT_JSONTEXT, OUT_PROSE,	1 },
	{ "user",	"USER",		OUT_TEXT, 0,	0 },
	{ "seq",	"SEQ",		OUT_INT,  0,	0 },
};
const int history_ncols = sizeof(history_cols) / sizeof(history_cols[0]);

static const char history_sql[] =
    "SELECT record, at, agent, action, detail, \"user\", seq FROM audit"
    " WHERE record = $1 ORDER BY seq";

static const char all_history_sql[] =
    "SELECT record, at, agent, action, detail, \"user\", seq FROM audit"
    " ORDER BY seq";

/*
 * A ticket's history is its whole story in time order: its own trail,
 * that of the duplicates merged into it (and into those, in turn), of
 * its escalations and disputes, what was said to every ticket of its
 * incidents (not their links to other tickets), and its
 * deadlines as they stand, each at the time it falls due.  A ticket
 * imported, or opened with CS_NOW in the past, was recorded after it
 * opened: its ticket.new is placed at its opening, so it comes before
 * the replies that answered it.  A deadline's detail says whether it
 * was met; a deadline still ahead, or a promise not kept yet, says
 * "pending".
 *
 * The trail comes from story_sql, the deadlines from the ticket's row
 * (story_due), merged here: the deadlines as three more arms of one
 * statement made it the dearest of a show to prepare (cs(7): a lookup
 * is a process start, and preparing is most of it).
 */
static const char story_sql[] =
    "WITH RECURSIVE merged(id) AS (SELECT id FROM ticket"
    " WHERE merged_into = $1 UNION ALL SELECT t.id FROM ticket t"
    " JOIN merged m ON t.merged_into = m.id)"
    " SELECT a.record, CASE WHEN a.record = $2 AND a.action = 'ticket.new'"
    " AND $3 < a.at THEN $3 ELSE a.at END, a.agent, a.action, a.detail,"
    " a.\"user\", a.seq FROM audit a WHERE a.record IN (SELECT $2"
    " UNION ALL SELECT 'E' || id FROM escalation WHERE ticket_id = $1"
    " UNION ALL SELECT 'D' || id FROM dispute WHERE ticket_id = $1"
    " UNION ALL SELECT 'N' || incident_id FROM incident_ticket"
    "  WHERE ticket_id = $1"
    " UNION ALL SELECT 'T' || id FROM merged)"
    " AND (a.record = $2 OR a.action <> 'incident.link') ORDER BY 2, 7";
/*
 * The resolution the deadline stands for: none while reopened.  A
 * ticket reopened keeps its first resolution's deadline too, met or not
 * by its first resolution.
 */
static const char story_due_sql[] =
    "SELECT created_at, coalesce(sla, ''), status, first_response_due,"
    " first_response_at, update_due, resolve_due, CASE WHEN status IN"
    " ('resolved', 'closed') THEN coalesce(resolved_at, closed_at) END,"
    " CASE WHEN reopened_first_at IS NOT NULL THEN resolved_first_due END,"
    " resolved_first_at FROM ticket WHERE id = $1";

#define STORY_NCOLS	7	/* history_cols read from a row */

/* A record's history, a row at a time: the trail, and a ticket's dues. */
struct story {
	struct db_stmt	*st;		/* the trail */
	int		 pending;	/* a trail row read, not yet given */
	int		 done;		/* the trail is over */
	const char	*rec;
	struct {
		int64_t	 at;
		char	 action[32];
		char	*detail;
	}		 due[4];		/* by time; a tie as listed */
	int		 ndue, next;
};

/*
 * A deadline of a ticket's row, if it has one, kept in time order; open
 * 1 while the ticket is open, -1 when not done by then is missed.
 */
static void
due_add(struct story *y, const char *name, const char *sla, int open,
    int64_t now, struct db_stmt *st, int col, int done_col)
{
	int64_t		 at;
	const char	*met;
	int		 i;

	if (db_col_null(st, col))
		return;
	at = db_col_int(st, col);
	if (done_col < 0 || db_col_null(st, done_col))
		met = (at < now && open) || open == -1 ? "no" : "pending";
	else
		met = db_col_int(st, done_col) <= at ? "yes" : "no";
	for (i = y->ndue; i > 0 && y->due[i - 1].at > at; i--)
		y->due[i] = y->due[i - 1];
	y->due[i].at = at;
	snprintf(y->due[i].action, sizeof(y->due[i].action), "due.%s", name);
	if (asprintf(&y->due[i].detail, "{\"sla\":\"%s\",\"met\":\"%s\"}",
	    sla, met) == -1)
		err(CS_SOFTWARE, NULL);
	y->ndue++;
}

/*
 * Start the history a record's show and log print: a ticket's, its
 * story.  0, or an exit status; story_close either way.
 */
static int
story_open(struct cs *cs, int type, int64_t id, const char *rec,
    struct story *y)
{
	struct db_stmt	*st;
	int64_t		 created;
	int		 rc, open;

	memset(y, 0, sizeof(*y));
	y->rec = rec;
	if (type != ID_TICKET) {
		if ((y->st = db_stmt(cs->db, history_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_text(y->st, 1, rec);
		return 0;
	}
	if ((st = db_stmt(cs->db, story_due_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		/* No ticket, no story. */
		y->done = 1;
		return rc == DB_DONE ? 0 : db_fail(cs->db, "history");
	}
	created = db_col_int(st, 0);
	open = strcmp(db_col_text(st, 2), "open") == 0;
	/* Resolved or closed with no reply: missed, whenever it was due. */
	due_add(y, "first_response", db_col_text(st, 1), open ? 1 :
	    strcmp(db_col_text(st, 2), "pending") == 0 ? 0 : -1, cs->now, st,
	    3, 4);
	due_add(y, "update", db_col_text(st, 1), open, cs->now, st, 5, -1);
	due_add(y, "resolve", db_col_text(st, 1), -1, cs->now, st, 8, 9);
	due_add(y, "resolve", db_col_text(st, 1), open, cs->now, st, 6, 7);
	db_reset(st);
	if ((y->st = db_stmt(cs->db, story_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(y->st, 1, id);
	db_bind_text(y->st, 2, rec);
	db_bind_int(y->st, 3, created);
	return 0;
}

/*
 * The next row into cells: DB_ROW, DB_DONE or DB_ERROR.  A deadline
 * comes after the trail's rows of its time.
 */
static int
story_next(struct story *y, struct out_cell *cells)
{
	int	 rc, k;

	if (!y->pending && !y->done) {
		if ((rc = db_step(y->st)) == DB_ROW)
			y->pending = 1;
		else if (rc == DB_DONE)
			y->done = 1;
		else
			return rc;
	}
	if (y->pending)
		db_row_cells(y->st, cells, STORY_NCOLS);
	if (y->next < y->ndue && (!y->pending ||
	    y->due[y->next].at < cells[1].i)) {
		/* No text left of the row read before: it is gone. */
		for (k = 0; k < STORY_NCOLS; k++) {
			cells[k].null = 1;
			cells[k].s = NULL;
		}
		cells[0].null = 0;
		cells[0].s = y->rec;
		cells[1].null = 0;
		cells[1].i = y->due[y->next].at;
		cells[3].null = 0;
		cells[3].s = y->due[y->next].action;
		cells[4].null = 0;
		cells[4].s = y->due[y->next].detail;
		y->next++;
		return DB_ROW;
	}
	if (!y->pending)
		return DB_DONE;
	y->pending = 0;
	return DB_ROW;
}

static void
story_close(struct story *y)
{
	int	 i;

	if (y->st != NULL)
		db_reset(y->st);
	for (i = 0; i < y->ndue; i++)
		free(y->due[i].detail);
}

static int
history_rows(struct cs *cs, struct db_stmt *st, struct out *o, int64_t *n)
{
	struct out_cell	 cells[sizeof(history_cols) / sizeof(history_cols[0])];
	int		 rc;

	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		++*n;
		db_row_cells(st, cells, history_ncols);
		/* The names of the record's customer masked in its detail. */
		if ((rc = customer_of(cs, cells[0].s)) != 0 ||
		    (rc = out_row(o, cells)) != 0) {
			db_reset(st);
			return rc;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_fail(cs->db, "history");
	return 0;
}

/*
 * The trail of one record named as the trail names it: a typed ID (T12,
 * R3), or "-" (changes of no record).  Anything else is refused (65),
 * not read as a record nobody wrote: a typo would otherwise say that
 * nothing happened; a record with nothing recorded is said (66).
 */
int
audit_history(struct cs *cs, const char *record, struct out *o)
{
	struct db_stmt	*st;
	const char	*errstr;
	char		 q[64];
	int64_t		 id, n;
	int		 type = (unsigned char)*record, rc;

	if (strcmp(record, "-") != 0 && !id_type_known(type))
		return cs_error(cs, CS_DATAERR, "%s: not a record ID (a letter "
		    "and a number, as T12 or R3, or - for changes of no "
		    "record)", diag_quote(record, q, sizeof(q)));
	if (strcmp(record, "-") != 0 &&
	    id_parse(record, type, &id, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "%s %s",
		    diag_quote(record, q, sizeof(q)), errstr);
	if ((st = db_stmt(cs->db, history_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, record);
	if ((rc = history_rows(cs, st, o, &n)) != 0)
		return rc;
	if (n == 0)
		return cs_error(cs, CS_NOINPUT, "%s: nothing recorded",
		    record);
	return 0;
}

int
record_history(struct cs *cs, int type, int64_t id, struct out *o)
{
	struct out_cell	 cells[STORY_NCOLS];
	struct story	 y;
	char		 rec[32];
	int		 rc;

	id_format(type, id, rec, sizeof(rec));
	if ((rc = story_open(cs, type, id, rec, &y)) != 0) {
		story_close(&y);
		return rc;
	}
	while ((rc = story_next(&y, cells)) == DB_ROW)
		/* The names of the record's customer masked in its detail. */
		if ((rc = customer_of(cs, cells[0].s)) != 0 ||
		    (rc = out_row(o, cells)) != 0) {
			story_close(&y);
			return rc;
		}
	story_close(&y);
	if (rc != DB_DONE)
		return db_fail(cs->db, "history");
	return 0;
}

int
audit_list(struct cs *cs, int argc, char **argv, struct out *o)
{
	struct db_stmt	*st;
	int64_t		 n;
	int		 i, rc, worst;

	if (argc == 0) {
		if ((st = db_listing(cs->db, all_history_sql)) == NULL)
			return CS_SOFTWARE;
		return history_rows(cs, st, o, &n);
	}
	for (i = 0, worst = 0; i < argc; i++) {
		if ((rc = audit_history(cs, argv[i], o)) == 0)
			continue;
		warnx("%s", cs->err);
		if (cs_fatal(rc))
			return rc;
		if (worst == 0)
			worst = rc;
	}
	return worst;
}

int
history_section(struct cs *cs, int type, int64_t id, FILE *fp)
{
	struct out_opts	 hopts = cs->out;
	struct out	*o;
	int		 rc;

	fputs("\nhistory\n", fp);
	hopts.mode = OUT_TABLE;
	hopts.fields = type == ID_TICKET ? "at,record,agent,action,detail" :
	    "at,agent,action,detail";
	hopts.header = 0;
	if ((o = out_open(fp, history_cols, history_ncols, &hopts)) == NULL)
		return CS_SOFTWARE;
	if ((rc = record_history(cs, type, id, o)) != 0) {
		out_close(o);
		return rc;
	}
	return out_close(o);
}

int
history_json(struct cs *cs, int type, int64_t id, FILE *fp)
{
	struct out_cell	 cells[STORY_NCOLS];
	struct story	 y;
	char		 buf[64], rec[32], *detail;
	int		 n = 0, rc;

	fputs("\"history\":[", fp);
	id_format(type, id, rec, sizeof(rec));
	if ((rc = story_open(cs, type, id, rec, &y)) != 0) {
		story_close(&y);
		return rc;
	}
	while ((rc = story_next(&y, cells)) == DB_ROW) {
		clock_format_iso(cells[1].i, buf, sizeof(buf));
		fprintf(fp, "%s{\"at\":\"%s\",\"agent\":", n++ ? "," : "",
		    buf);
		/* A deadline is no one's doing. */
		if (cells[2].null)
			fputs("null", fp);
		else
			out_json_string(fp, cells[2].s);
		fputs(",\"action\":", fp);
		out_json_string(fp, cells[3].s);
		if ((rc = customer_of(cs, cells[0].s)) != 0) {
			story_close(&y);
			return rc;
		}
		/*
		 * The detail is already a JSON object; the numbers typed
		 * into its texts masked as in the table.
		 */
		detail = out_prose(cells[4].s, cs->out.unmask);
		fprintf(fp, ",\"detail\":%s", detail != NULL ? detail :
		    cells[4].s);
		free(detail);
		/* A ticket's story holds other records' rows: say whose. */
		if (type == ID_TICKET) {
			fputs(",\"record\":", fp);
			out_json_string(fp, cells[0].s);
		}
		fputc('}', fp);
	}
	story_close(&y);
	if (rc != DB_DONE)
		return db_fail(cs->db, "history");
	fputc(']', fp);
	return 0;
}
