/*
 * ticket_list.c: tickets as the desk reads them: the listing with its
 * filters and one ticket in full (its history is history.c's).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/* The TSV/JSON contract of `cs-ticket ls`: append only. */
const struct out_col ticket_cols[] = {
	{ "id",		"ID",		OUT_ID,	  ID_TICKET,	1 },
	{ "status",	"STATUS",	OUT_TEXT, 0,		1 },
	{ "category",	"CATEGORY",	OUT_TEXT, 0,		1 },
	{ "kind",	"KIND",		OUT_TEXT, 0,		1 },
	{ "priority",	"PRIORITY",	OUT_TEXT, 0,		1 },
	{ "channel",	"CHANNEL",	OUT_TEXT, 0,		1 },
	{ "customer",	"CUSTOMER",	OUT_ID,	  ID_CUSTOMER,	1 },
	{ "order",	"ORDER",	OUT_ID,	  ID_ORDER,	1 },
	{ "assignee",	"ASSIGNEE",	OUT_TEXT, 0,		1 },
	{ "subject",	"SUBJECT",	OUT_TEXT, OUT_PROSE,	1 },
	{ "created",	"CREATED",	OUT_TIME, 0,		1 },
	{ "updated",	"UPDATED",	OUT_TIME, 0,		0 },
	{ "name",	"NAME",		OUT_NAME, 0,		0 },
	{ "phone",	"PHONE",	OUT_PHONE, 0,		0 },
	{ "responded",	"RESPONDED",	OUT_TIME, 0,		0 },
	{ "resolved",	"RESOLVED",	OUT_TIME, 0,		0 },
	{ "satisfaction", "SAT",	OUT_INT,  0,		0 },
	{ "sla",	"SLA",		OUT_TEXT, 0,		0 },
	{ "first_response_due", "RESPOND BY", OUT_TIME, 0,	0 },
	{ "resolve_due", "RESOLVE BY",	OUT_TIME, 0,		0 },
	{ "update_due",	"UPDATE BY",	OUT_TIME, 0,		0 },
	{ "breached",	"BREACHED",	OUT_TEXT, 0,		0 },
	{ "needs",	"NEEDS",	OUT_TEXT, 0,		1 },
	{ "ref",	"REF",		OUT_TEXT, 0,		0 },
	{ "complexity",	"COMPLEXITY",	OUT_TEXT, 0,		0 },
	{ "promise_due", "PROMISED BY",	OUT_TIME, 0,		0 },
};
const int ticket_ncols = sizeof(ticket_cols) / sizeof(ticket_cols[0]);

/*
 * A deadline of the ticket that is `cmp` ("< $1", "BETWEEN $1 AND $2")
 * while it runs: the first response until answered, waiting on the
 * customer or not; the resolution, the next update and the promised
 * reply while the ticket is open.
 */
#define OVERDUE(cmp)							\
    "((t.status IN ('open', 'pending') AND t.first_response_at IS NULL"	\
    " AND t.first_response_due " cmp ") OR (t.status = 'open' AND"	\
    " (t.resolve_due " cmp " OR t.update_due " cmp " OR"		\
    " (t.resolved_first_at IS NULL AND t.promise_due " cmp "))))"

#define LIST_COLS							\
    "SELECT t.id, t.status, t.category, t.kind, t.priority, t.channel,"	\
    " t.customer_id, t.order_id, t.assignee, t.subject, t.created_at,"	\
    " t.updated_at, c.name, c.phone, t.first_response_at,"		\
    " t.resolved_at, t.satisfaction, t.sla,"				\
    " CASE WHEN t.first_response_at IS NULL THEN t.first_response_due END,"\
    " t.resolve_due, t.update_due,"					\
    /* recorded, or overdue now on an open ticket */			\
    " coalesce(t.breached, CASE WHEN " OVERDUE(" < $1")			\
    " THEN 'overdue' END), nullif(c.needs, ''),"			\
    " t.ref, t.complexity, t.promise_due"				\
    " FROM ticket t JOIN customer c ON c.id = t.customer_id"		\
    " WHERE true"

static const struct sort_key {
	const char	*name;
	const char	*asc;
	const char	*desc;
} sort_keys[] = {
	{ "id",		" ORDER BY t.id",	  " ORDER BY t.id DESC" },
	{ "created",	" ORDER BY t.created_at, t.id",
			" ORDER BY t.created_at DESC, t.id DESC" },
	{ "updated",	" ORDER BY t.updated_at, t.id",
			" ORDER BY t.updated_at DESC, t.id DESC" },
	{ "priority",	" ORDER BY CASE t.priority WHEN 'urgent' THEN 0"
			" WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,"
			" t.id",
			" ORDER BY CASE t.priority WHEN 'urgent' THEN 3"
			" WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END,"
			" t.id" },
};

static int
check_filter(struct cs *cs, const char *opt, const char *const *list,
    const char *v)
{
	int	 i;

	if (v == NULL || word_index(list, v) != -1)
		return 0;
	warnx("%s %s: unknown value; one of:", opt, v);
	for (i = 0; list[i] != NULL; i++)
		fprintf(stderr, " %s", list[i]);
	fputc('\n', stderr);
	(void)cs;
	return CS_USAGE;
}

/* %text% with its % _ \ escaped by \, for a backend searching by LIKE. */
static const char *
like_pattern(const char *s, char *buf, size_t len)
{
	size_t	 n = 0;

	buf[n++] = '%';
	for (; *s != '\0' && n + 4 < len; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf[n++] = '\\';
		buf[n++] = *s;
	}
	buf[n++] = '%';
	buf[n] = '\0';
	return buf;
}

/*
 * The index holds runs of three characters: a shorter text cannot be
 * looked up in it, and a scan of every text is not what a caller on
 * the line can wait for; -g scans subjects.  Four digits are a phone's
 * last four.
 */
static int
search_check(struct cs *cs, const struct ticket_filter *f)
{
	const char	*s;
	size_t		 len, chars = 0;
	uint32_t	 cp;

	(void)cs;
	if (f->search != NULL) {
		for (s = f->search, len = strlen(s); len > 0; chars++) {
			size_t	 k = utf8_decode(s, len, &cp);

			if (k == 0) {
				warnx("-f: invalid UTF-8");
				return CS_USAGE;
			}
			s += k;
			len -= k;
		}
		if (strlen(f->search) > 500) {
			warnx("-f: at most 500 bytes");
			return CS_USAGE;
		}
		if (chars < 3) {
			warnx("-f %s: at least three characters (the index "
			    "is of runs of three; -g scans subjects)",
			    f->search);
			return CS_USAGE;
		}
	}
	if (f->phone_tail != NULL && (strlen(f->phone_tail) != 4 ||
	    strspn(f->phone_tail, "0123456789") != 4)) {
		warnx("-P %s: the last four digits of a phone", f->phone_tail);
		return CS_USAGE;
	}
	return 0;
}

int
ticket_list(struct cs *cs, const struct ticket_filter *f, struct out *o)
{
	const struct sort_key	*sk = NULL;
	struct out_cell		 cells[sizeof(ticket_cols) /
				    sizeof(ticket_cols[0])];
	struct db_stmt		*st;
	struct db_sql		 q;
	const char		*sort = f->sort ? f->sort : "id";
	int64_t			 cust = 0, order = 0, owner;
	int			 n[18] = { 0 };	/* where each filter's $1 is */
	int			 i, rc, orc = 0, desc = 0, now, like = 0;
	int			 nstatus = 0, toolong;
	char			 pat[1024], words[64], *w, *p = words;
	const char		*status[4];

	if (cs_period_ok(cs, f->has_since, f->since, f->has_until,
	    f->until) != 0) {
		warnx("%s", cs->err);
		return CS_USAGE;
	}
	/* -s open,pending: at most four of the four statuses. */
	if (f->statuses != NULL) {
		toolong = strlcpy(words, f->statuses, sizeof(words)) >=
		    sizeof(words);
		while ((w = strsep(&p, ",")) != NULL) {
			if (nstatus == 4 || toolong) {
				warnx("-s: at most four statuses");
				return CS_USAGE;
			}
			if ((rc = check_filter(cs, "-s", ticket_statuses,
			    w)) != 0)
				return rc;
			status[nstatus++] = w;
		}
	}
	if ((rc = check_filter(cs, "-t", ticket_categories,
	    f->category)) != 0 ||
	    (rc = check_filter(cs, "-k", ticket_kinds, f->kind)) != 0 ||
	    (rc = check_filter(cs, "-p", ticket_priorities,
	    f->priority)) != 0 ||
	    (rc = check_filter(cs, "-w", ticket_channels, f->channel)) != 0)
		return rc;
	if (*sort == '-') {
		desc = 1;
		sort++;
	}
	for (i = 0; i < (int)(sizeof(sort_keys) / sizeof(sort_keys[0])); i++)
		if (strcmp(sort_keys[i].name, sort) == 0)
			sk = &sort_keys[i];
	if (sk == NULL) {
		warnx("-r %s: unknown sort key; one of: id created updated "
		    "priority (a leading - reverses)", f->sort);
		return CS_USAGE;
	}
	if ((rc = search_check(cs, f)) != 0)
		return rc;
	if (f->customer != NULL &&
	    (rc = customer_find(cs, f->customer, NULL, &cust)) != 0) {
		warnx("%s", cs->err);
		return rc;
	}
	if (f->order != NULL &&
	    (rc = order_find(cs, f->order, &order, &owner)) != 0) {
		warnx("%s", cs->err);
		return rc;
	}

	/* Fixed fragments chosen by which filters are set; values bound. */
	db_sql_init(&q);
	now = db_sql_add(&q, LIST_COLS);
	if (nstatus > 0)
		n[0] = db_sql_add(&q, " AND t.status IN ($1, $2, $3, $4)");
	if (f->category)
		n[1] = db_sql_add(&q, " AND t.category = $1");
	if (f->kind)
		n[2] = db_sql_add(&q, " AND t.kind = $1");
	if (f->priority)
		n[3] = db_sql_add(&q, " AND t.priority = $1");
	if (f->channel)
		n[4] = db_sql_add(&q, " AND t.channel = $1");
	if (f->assignee)
		n[5] = db_sql_add(&q, " AND t.assignee = $1");
	if (f->customer)
		n[6] = db_sql_add(&q, " AND t.customer_id = $1");
	if (f->order)
		n[7] = db_sql_add(&q, " AND t.order_id = $1");
	if (f->ref)
		n[8] = db_sql_add(&q, " AND t.ref = $1");
	if (f->has_since)
		n[9] = db_sql_add(&q, " AND t.created_at >= $1");
	if (f->has_until)
		n[10] = db_sql_add(&q, " AND t.created_at < $1");
	if (f->text)
		n[11] = db_sql_add(&q, " AND strpos(t.subject, $1) > 0");
	if (f->breached)
		n[12] = db_sql_add(&q, " AND (t.breached IS NOT NULL OR "
		    OVERDUE(" < $1") ")");
	if (f->due_within)
		n[13] = db_sql_add(&q, " AND " OVERDUE(" BETWEEN $1 AND $2"));
	/*
	 * Answered, and no call-back since the last resolution; a merged
	 * duplicate's customer is called back on the ticket it joined.
	 */
	if (f->awaiting_callback)
		db_sql_add(&q, " AND t.status IN ('resolved', 'closed') AND"
		    " t.merged_into IS NULL AND"
		    " t.resolved_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
		    " callback b WHERE b.ticket_id = t.id AND"
		    " b.created_at >= t.resolved_at)");
	/* A department fixed it; the customer is not yet told. */
	if (f->fixed)
		db_sql_add(&q, " AND t.fixed_at IS NOT NULL");
	if (f->search)
		n[15] = db_sql_add(&q, search_tickets(cs->db, &like));
	/* Each by its index: the last four digits, the name. */
	if (f->phone_tail)
		n[16] = db_sql_add(&q, " AND t.customer_id IN (SELECT id FROM"
		    " customer WHERE substr(phone, length(phone) - 3) = $1)");
	if (f->name)
		n[17] = db_sql_add(&q, " AND t.customer_id IN (SELECT id FROM"
		    " customer WHERE name = $1)");
	db_sql_add(&q, desc ? sk->desc : sk->asc);
	if (f->limit > 0)
		n[14] = db_sql_add(&q, " LIMIT $1");
	if (db_sql_text(&q) == NULL) {
		warnx("list: query too long");
		return CS_SOFTWARE;
	}
	if ((st = db_prepare(cs->db, db_sql_text(&q))) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, now, cs->now);
	for (i = 0; n[0] && i < nstatus; i++)
		db_bind_text(st, n[0] + i, status[i]);
	if (n[1])
		db_bind_text(st, n[1], f->category);
	if (n[2])
		db_bind_text(st, n[2], f->kind);
	if (n[3])
		db_bind_text(st, n[3], f->priority);
	if (n[4])
		db_bind_text(st, n[4], f->channel);
	if (n[5])
		db_bind_text(st, n[5], f->assignee);
	if (n[6])
		db_bind_int(st, n[6], cust);
	if (n[7])
		db_bind_int(st, n[7], order);
	if (n[8])
		db_bind_text(st, n[8], f->ref);
	if (n[9])
		db_bind_int(st, n[9], f->since);
	if (n[10])
		db_bind_int(st, n[10], f->until);
	if (n[11])
		db_bind_text(st, n[11], f->text);
	if (n[12])
		db_bind_int(st, n[12], cs->now);
	if (n[13]) {
		db_bind_int(st, n[13], cs->now);
		db_bind_int(st, n[13] + 1, cs->now + f->due_within);
	}
	if (n[14])
		db_bind_int(st, n[14], f->limit);
	if (n[15])
		db_bind_text(st, n[15], like ? like_pattern(f->search, pat,
		    sizeof(pat)) : f->search);
	if (n[16])
		db_bind_text(st, n[16], f->phone_tail);
	if (n[17])
		db_bind_text(st, n[17], f->name);
	/* Overdue now or breached once: marked in a table. */
	out_mark(o, "breached");
	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, ticket_ncols);
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, "list");
	db_finalize(st);
	return orc;
}

int
show_json_rows(struct cs *cs, FILE *fp, const char *key, struct db_stmt *st,
    const struct out_col *cols, int ncols)
{
	struct out_record r = { .cols = cols, .ncols = ncols };
	struct out_cell	 cells[32];
	int		 n = 0, rc, k, idk = -1, prose = 0;

	if (ncols > 32)
		r.ncols = ncols = 32;
	/* Rows of records of their own (an incident's tickets): their names. */
	for (k = 0; k < ncols; k++) {
		if (cols[k].kind == OUT_ID && idk == -1)
			idk = k;
		if (cols[k].kind == OUT_TEXT && cols[k].idtype != 0)
			prose = 1;
	}
	out_json_string(fp, key);
	fputs(":[", fp);
	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, ncols);
		if (prose && idk != -1 && !cells[idk].null &&
		    (rc = customer_of_id(cs, cols[idk].idtype,
		    cells[idk].i)) != 0) {
			db_reset(st);
			return rc;
		}
		fputs(n++ ? ",{" : "{", fp);
		out_record_json(fp, &r, cells, cs->out.unmask);
		fputc('}', fp);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_fail(cs->db, key);
	fputc(']', fp);
	return 0;
}

static const char show_sql[] =
    "SELECT t.id, t.status, t.category, t.kind, t.priority, t.channel,"
    " t.customer_id, c.name, c.phone,"
    " coalesce(" CUSTOMER_TIER_AT("$2") ", c.tier), t.order_id, o.ref,"
    " t.assignee, t.subject, t.body, t.created_at, t.created_by,"
    " t.updated_at, t.first_response_at, t.resolved_at, t.closed_at,"
    " t.satisfaction, t.callback_comment, t.callback_at,"
    " nullif(c.needs, ''), t.ref, t.complexity, t.promise_due, t.sla,"
    " t.first_response_due, t.update_due, t.resolve_due, t.breached,"
    " t.merged_into, t.fixed_at, t.fixed_by, coalesce(e.department, '')"
    " FROM ticket t JOIN customer c ON c.id = t.customer_id"
    " LEFT JOIN orders o ON o.id = t.order_id"
    " LEFT JOIN escalation e ON e.id = t.fixed_by WHERE t.id = $1";
/* $2: the customer's name, from show_sql's row. */
static const char replies_sql[] =
    "SELECT created_at, type, agent, body, $2 FROM reply"
    " WHERE ticket_id = $1 ORDER BY id";

/* The columns of show_sql, and the open escalations (escalation_parts). */
enum {
	TS_ID, TS_STATUS, TS_CATEGORY, TS_KIND, TS_PRIORITY, TS_CHANNEL,
	TS_CUSTOMER, TS_NAME, TS_PHONE, TS_TIER, TS_ORDER, TS_ORDER_REF,
	TS_ASSIGNEE, TS_SUBJECT, TS_BODY, TS_CREATED, TS_CREATED_BY,
	TS_UPDATED, TS_RESPONDED, TS_RESOLVED, TS_CLOSED, TS_SATISFACTION,
	TS_CALLBACK, TS_CALLBACK_AT, TS_NEEDS, TS_REF, TS_COMPLEXITY,
	TS_PROMISE, TS_SLA, TS_RESPOND_BY, TS_UPDATE_BY, TS_RESOLVE_BY,
	TS_BREACHED, TS_MERGED, TS_ESCALATION, TS_FIXED, TS_NCOLS
};
/* show_sql's columns past the cells it fills: a fix not yet told. */
enum { SQL_FIXED_AT = TS_ESCALATION, SQL_FIXED_BY, SQL_FIXED_DEPT };
static const struct out_col show_cols[TS_NCOLS] = {
	[TS_ID] =		{ "ticket",	"", OUT_ID, ID_TICKET, 1 },
	[TS_STATUS] =		{ "status",	"", OUT_TEXT, 0, 1 },
	[TS_CATEGORY] =		{ "category",	"", OUT_TEXT, 0, 1 },
	[TS_KIND] =		{ "kind",	"", OUT_TEXT, 0, 1 },
	[TS_PRIORITY] =		{ "priority",	"", OUT_TEXT, 0, 1 },
	[TS_CHANNEL] =		{ "channel",	"", OUT_TEXT, 0, 1 },
	[TS_CUSTOMER] =		{ "customer",	"", OUT_ID, ID_CUSTOMER, 1 },
	[TS_NAME] =		{ "name",	"", OUT_NAME, 0, 1 },
	[TS_PHONE] =		{ "phone",	"", OUT_PHONE, 0, 1 },
	[TS_TIER] =		{ "tier",	"", OUT_TEXT, 0, 1 },
	[TS_ORDER] =		{ "order",	"", OUT_ID, ID_ORDER, 1 },
	[TS_ORDER_REF] =	{ "order_ref",	"", OUT_TEXT, 0, 1 },
	[TS_ASSIGNEE] =		{ "assignee",	"", OUT_TEXT, 0, 1 },
	[TS_SUBJECT] =		{ "subject",	"", OUT_TEXT, OUT_PROSE_NAME, 1 },
	[TS_BODY] =		{ "body",	"", OUT_TEXT, OUT_PROSE_NAME, 1 },
	[TS_CREATED] =		{ "created",	"", OUT_TIME, 0, 1 },
	[TS_CREATED_BY] =	{ "created_by",	"", OUT_TEXT, 0, 1 },
	[TS_UPDATED] =		{ "updated",	"", OUT_TIME, 0, 1 },
	[TS_RESPONDED] =	{ "responded",	"", OUT_TIME, 0, 1 },
	[TS_RESOLVED] =		{ "resolved",	"", OUT_TIME, 0, 1 },
	[TS_CLOSED] =		{ "closed",	"", OUT_TIME, 0, 1 },
	[TS_SATISFACTION] =	{ "satisfaction", "", OUT_INT, 0, 1 },
	[TS_CALLBACK] =		{ "callback",	"", OUT_TEXT, OUT_PROSE, 1 },
	[TS_CALLBACK_AT] =	{ "callback_at", "", OUT_TIME, 0, 1 },
	[TS_NEEDS] =		{ "needs",	"", OUT_TEXT, 0, 1 },
	[TS_REF] =		{ "ref",	"", OUT_TEXT, 0, 1 },
	[TS_COMPLEXITY] =	{ "complexity",	"", OUT_TEXT, 0, 1 },
	[TS_PROMISE] =		{ "promise_due", "", OUT_TIME, 0, 1 },
	[TS_SLA] =		{ "sla",	"", OUT_TEXT, 0, 1 },
	[TS_RESPOND_BY] =	{ "first_response_due", "", OUT_TIME, 0, 1 },
	[TS_UPDATE_BY] =	{ "update_due",	"", OUT_TIME, 0, 1 },
	[TS_RESOLVE_BY] =	{ "resolve_due", "", OUT_TIME, 0, 1 },
	[TS_BREACHED] =		{ "breached",	"", OUT_TEXT, 0, 1 },
	[TS_MERGED] =		{ "merged_into", "", OUT_ID, ID_TICKET, 1 },
	[TS_ESCALATION] =	{ "escalation",	"", OUT_TEXT, 0, 1 },
	[TS_FIXED] =		{ "fixed",	"", OUT_TEXT, 0, 1 },
};

/*
 * For people, the reference from another desk under the ID and special
 * needs beside the tier; in JSON they come last, after the body.
 */
/* The deadlines, for people as the ls table names them. */
static const char *const show_labels[] = {
	"first_response_due", "respond by", "update_due", "update by",
	"resolve_due", "resolve by", NULL
};
static const struct out_record ticket_shown = {
	.cols = show_cols,
	.ncols = TS_NCOLS,
	.width = 13,
	.lines = "ticket,ref,status,category,kind,priority,channel,customer,"
	    "name,phone,tier,needs,order,order_ref,assignee,subject,created,"
	    "created_by,updated,sla,first_response_due,responded,update_due,"
	    "resolve_due,resolved,breached,closed,merged_into,complexity,"
	    "promise_due,satisfaction,callback,callback_at,escalation,fixed",
	.blocks = "body",
	.json = "ticket,status,category,kind,priority,channel,customer,name,"
	    "phone,tier,order,order_ref,assignee,subject,created,created_by,"
	    "updated,responded,resolved,closed,satisfaction,callback,"
	    "callback_at,body,needs,ref,complexity,promise_due",
	.labels = show_labels,
};
/* -j: the deadlines come last, after the history. */
static const struct out_record ticket_deadlines = {
	.cols = show_cols,
	.ncols = TS_NCOLS,
	.json = "sla,first_response_due,update_due,resolve_due,breached,"
	    "merged_into",
};

/*
 * The replies and notes under a ticket, each text under its line; the
 * customer's name is there to be masked where a template filled it in.
 */
static const struct out_col reply_cols[] = {
	{ "at",		"", OUT_TIME, 0, 1 },
	{ "type",	"", OUT_TEXT, 0, 1 },
	{ "agent",	"", OUT_TEXT, 0, 1 },
	{ "body",	"", OUT_TEXT, OUT_PROSE_NAME, 1 },
	{ "name",	"", OUT_NAME, 0, 1 },
};
static const struct out_item reply_row[] = {
	{ "\n", "at", 0 }, { "  ", "type", 0 }, { "  ", "agent", 0 },
};
static const struct out_sublist replies = {
	reply_cols, sizeof(reply_cols) / sizeof(reply_cols[0]),
	reply_row, sizeof(reply_row) / sizeof(reply_row[0]), "body",
};

static int
show_json(struct cs *cs, const struct out_cell *cells, FILE *fp)
{
	struct db_stmt	*st;
	int		 rc;

	fputc('{', fp);
	if ((rc = out_record_json(fp, &ticket_shown, cells,
	    cs->out.unmask)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, replies_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, cells[TS_ID].i);
	db_bind_text(st, 2, cells[TS_NAME].s);
	fputc(',', fp);
	if ((rc = show_json_rows(cs, fp, "replies", st, replies.cols,
	    replies.ncols)) != 0)
		return rc;
	fputc(',', fp);
	if ((rc = history_json(cs, ID_TICKET, cells[TS_ID].i, fp)) != 0)
		return rc;
	fputc(',', fp);
	if ((rc = out_record_json(fp, &ticket_deadlines, cells,
	    cs->out.unmask)) != 0)
		return rc;
	fputs("}\n", fp);
	return 0;
}

/*
 * "fixed, customer not yet told": when, by which escalation; from
 * show_sql's row, not a statement of its own.
 */
static void
fixed_line(struct db_stmt *t, char *buf, size_t len)
{
	char	 when[64];

	buf[0] = '\0';
	if (db_col_null(t, SQL_FIXED_AT))
		return;
	clock_format_local(db_col_int(t, SQL_FIXED_AT), when, sizeof(when));
	snprintf(buf, len, "fixed, customer not yet told (%s E%lld %s)",
	    db_col_text(t, SQL_FIXED_DEPT),
	    (long long)db_col_int(t, SQL_FIXED_BY), when);
}

/* The replies and notes under a ticket's record. */
static int
show_replies(struct cs *cs, int64_t id, const char *name, FILE *fp)
{
	struct out_cell	 cells[sizeof(reply_cols) / sizeof(reply_cols[0])];
	struct db_stmt	*st;
	int		 rc = 0, step;

	if ((st = db_stmt(cs->db, replies_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, name);
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, replies.ncols);
		rc = out_sublist_row(fp, &replies, cells, cs->out.unmask);
	}
	db_reset(st);
	if (rc != 0)
		return rc;
	return step == DB_DONE ? 0 : db_fail(cs->db, "show");
}

int
ticket_show(struct cs *cs, int64_t id, FILE *fp)
{
	struct out_cell	 cells[TS_NCOLS];
	struct db_stmt	*t;
	char		 buf[CS_TEXT_MAX + 1], fixed[160], *section;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_TICKET, id)) != 0)
		return rc;
	if ((t = db_stmt(cs->db, show_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(t, 1, id);
	db_bind_int(t, 2, cs->now);	/* the customer's tier as of it */
	if ((rc = db_step(t)) != DB_ROW) {
		db_reset(t);
		if (rc == DB_DONE) {
			warnx("T%lld: no such ticket", (long long)id);
			return CS_NOINPUT;
		}
		return db_fail(cs->db, "show");
	}
	db_row_cells(t, cells, TS_ESCALATION);
	cells[TS_ESCALATION].null = 1;
	cells[TS_FIXED].null = 1;
	if (cs->out.mode == OUT_JSON) {
		rc = show_json(cs, cells, fp);
		db_reset(t);
		return rc;
	}
	if ((rc = escalation_parts(cs, id, buf, sizeof(buf), &section)) != 0) {
		db_reset(t);
		return rc;
	}
	cells[TS_ESCALATION].null = *buf == '\0';
	cells[TS_ESCALATION].s = buf;
	fixed_line(t, fixed, sizeof(fixed));
	cells[TS_FIXED].null = *fixed == '\0';
	cells[TS_FIXED].s = fixed;
	rc = out_record(fp, &ticket_shown, cells, cs->out.unmask);
	/* The name stays the row's until t is reset. */
	if (rc == 0)
		rc = show_replies(cs, id, cells[TS_NAME].s, fp);
	db_reset(t);
	if (rc == 0 && section != NULL)
		fputs(section, fp);
	free(section);
	if (rc != 0)
		return rc;
	return history_section(cs, ID_TICKET, id, fp);
}
