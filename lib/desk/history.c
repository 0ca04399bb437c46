/*
 * history.c: a record's history, read from the audit trail: `cs-ticket
 * log', and the "history" part of every show, as a table or JSON.
 */
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
	{ "detail",	"DETAIL",	OUT_JSONTEXT, 0, 1 },
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

static int
history_rows(struct cs *cs, struct db_stmt *st, struct out *o)
{
	struct out_cell	 cells[sizeof(history_cols) / sizeof(history_cols[0])];
	int		 rc;

	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, history_ncols);
		if ((rc = out_row(o, cells)) != 0) {
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
	char		 rec[32];
	int		 rc;

	fputs("\nhistory\n", fp);
	hopts.mode = OUT_TABLE;
	hopts.fields = "at,agent,action,detail";
	hopts.header = 0;
	if ((o = out_open(fp, history_cols, history_ncols, &hopts)) == NULL)
		return CS_SOFTWARE;
	id_format(type, id, rec, sizeof(rec));
	if ((rc = audit_history(cs, rec, o)) != 0) {
		out_close(o);
		return rc;
	}
	return out_close(o);
}

int
history_json(struct cs *cs, int type, int64_t id, FILE *fp)
{
	struct db_stmt	*st;
	char		 buf[64], rec[32];
	int		 n = 0, rc;

	fputs("\"history\":[", fp);
	id_format(type, id, rec, sizeof(rec));
	if ((st = db_stmt(cs->db, history_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, rec);
	while ((rc = db_step(st)) == DB_ROW) {
		clock_format_iso(db_col_int(st, 1), buf,
		    sizeof(buf));
		fprintf(fp, "%s{\"at\":\"%s\",\"agent\":", n++ ? "," : "",
		    buf);
		out_json_string(fp, db_col_text(st, 2));
		fputs(",\"action\":", fp);
		out_json_string(fp, db_col_text(st, 3));
		/* The detail is already a JSON object. */
		fprintf(fp, ",\"detail\":%s}", db_col_text(st, 4));
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_fail(cs->db, "history");
	fputc(']', fp);
	return 0;
}
