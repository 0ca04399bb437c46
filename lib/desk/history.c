/*
 * history.c: a record's history, read from the audit trail: `cs-ticket
 * log', and the "history" part of every show, as a table or JSON.
 */
#include <stdlib.h>

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
 * that of the duplicates merged into it, of its escalations and
 * disputes, what was said to every ticket
 * of its incidents (not their links to other tickets), and its
 * deadlines as they stand, each at the time it falls due.  A ticket
 * imported, or opened with CS_NOW in the past, was recorded after it
 * opened: its ticket.new is placed at its opening, so it comes before
 * the replies that answered it.  A deadline's detail says whether it
 * was met; a deadline still ahead, or a promise not kept yet, says
 * "pending".
 */
#define DUE_ROW(col, name, done)					\
    " UNION ALL SELECT $3, t." col ", NULL, 'due." name "',"	\
    " '{\"sla\":\"' || coalesce(t.sla, '') || '\",\"met\":\"' ||"	\
    " CASE WHEN " done " IS NULL THEN CASE WHEN t." col " < $2"		\
    "  AND t.status = 'open' THEN 'no' ELSE 'pending' END"		\
    "  WHEN " done " <= t." col " THEN 'yes' ELSE 'no' END || '\"}',"	\
    " NULL, NULL, 2 FROM ticket t WHERE t.id = $1 AND t." col		\
    " IS NOT NULL"
static const char ticket_history_sql[] =
    "SELECT record, at, agent, action, detail, \"user\", seq FROM ("
    "SELECT a.record, CASE WHEN a.action = 'ticket.new' AND"
    " t.created_at < a.at THEN t.created_at ELSE a.at END AS at, a.agent,"
    " a.action, a.detail, a.\"user\", a.seq, 0 AS k"
    " FROM audit a JOIN ticket t ON t.id = $1 WHERE a.record = $3"
    " UNION ALL SELECT a.record, a.at, a.agent, a.action, a.detail,"
    " a.\"user\", a.seq, 0 FROM audit a WHERE a.record IN"
    " (SELECT 'E' || id FROM escalation WHERE ticket_id = $1"
    " UNION ALL SELECT 'D' || id FROM dispute WHERE ticket_id = $1"
    " UNION ALL SELECT 'N' || incident_id FROM incident_ticket"
    "  WHERE ticket_id = $1"
    " UNION ALL SELECT 'T' || id FROM ticket WHERE merged_into = $1)"
    " AND a.action <> 'incident.link'"
    DUE_ROW("first_response_due", "first_response", "t.first_response_at")
    DUE_ROW("update_due", "update", "NULL")
    DUE_ROW("resolve_due", "resolve", "t.resolved_first_at")
    ") AS h ORDER BY at, k, seq";

static int
history_rows(struct cs *cs, struct db_stmt *st, struct out *o)
{
	struct out_cell	 cells[sizeof(history_cols) / sizeof(history_cols[0])];
	int		 rc;

	while ((rc = db_step(st)) == DB_ROW) {
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

int
audit_history(struct cs *cs, const char *record, struct out *o)
{
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, history_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, record);
	return history_rows(cs, st, o);
}

/* The history a record's show and log print: a ticket's, its story. */
static struct db_stmt *
story_stmt(struct cs *cs, int type, int64_t id, const char *rec)
{
	struct db_stmt	*st;

	if (type != ID_TICKET) {
		if ((st = db_stmt(cs->db, history_sql)) != NULL)
			db_bind_text(st, 1, rec);
		return st;
	}
	if ((st = db_stmt(cs->db, ticket_history_sql)) != NULL) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, cs->now);
		db_bind_text(st, 3, rec);
	}
	return st;
}

int
record_history(struct cs *cs, int type, int64_t id, struct out *o)
{
	struct db_stmt	*st;
	char		 rec[32];

	id_format(type, id, rec, sizeof(rec));
	if ((st = story_stmt(cs, type, id, rec)) == NULL)
		return CS_SOFTWARE;
	return history_rows(cs, st, o);
}

int
audit_list(struct cs *cs, int argc, char **argv, struct out *o)
{
	struct db_stmt	*st;
	int		 i, rc;

	if (argc == 0) {
		if ((st = db_stmt(cs->db, all_history_sql)) == NULL)
			return CS_SOFTWARE;
		return history_rows(cs, st, o);
	}
	for (i = 0; i < argc; i++)
		if ((rc = audit_history(cs, argv[i], o)) != 0)
			return rc;
	return 0;
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
	struct db_stmt	*st;
	char		 buf[64], rec[32], *detail;
	int		 n = 0, rc;

	fputs("\"history\":[", fp);
	id_format(type, id, rec, sizeof(rec));
	if ((st = story_stmt(cs, type, id, rec)) == NULL)
		return CS_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		clock_format_iso(db_col_int(st, 1), buf,
		    sizeof(buf));
		fprintf(fp, "%s{\"at\":\"%s\",\"agent\":", n++ ? "," : "",
		    buf);
		/* A deadline is no one's doing. */
		if (db_col_text(st, 2) == NULL)
			fputs("null", fp);
		else
			out_json_string(fp, db_col_text(st, 2));
		fputs(",\"action\":", fp);
		out_json_string(fp, db_col_text(st, 3));
		if ((rc = customer_of(cs, db_col_text(st, 0))) != 0) {
			db_reset(st);
			return rc;
		}
		/*
		 * The detail is already a JSON object; the numbers typed
		 * into its texts masked as in the table.
		 */
		detail = out_prose(db_col_text(st, 4), cs->out.unmask);
		fprintf(fp, ",\"detail\":%s", detail != NULL ? detail :
		    db_col_text(st, 4));
		free(detail);
		/* A ticket's story holds other records' rows: say whose. */
		if (type == ID_TICKET) {
			fputs(",\"record\":", fp);
			out_json_string(fp, db_col_text(st, 0));
		}
		fputc('}', fp);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_fail(cs->db, "history");
	fputc(']', fp);
	return 0;
}
