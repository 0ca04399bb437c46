/*
 * incident.c: incidents — a system failure, an emergency — that many
 * tickets share.  An incident is opened with its severity and the
 * departments concerned, who are told at once through the notify
 * command; tickets are linked to it; one templated update goes to every
 * linked ticket; closing it can resolve them with a final reply.  Each
 * department acknowledges it (incident_ack), and the show says who did
 * and who has not yet.  The sweep escalates its tickets as the incident
 * (escalation.c); closing it ends those escalations.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const incident_severities[] = {
	"low", "medium", "high", "critical", NULL
};

#define TITLE_MAX	200

/* "tech,finance": each a configured department, none twice. */
static int
departments_ok(struct cs *cs, const char *list)
{
	char	 buf[512], all[256], *p, *w;
	size_t	 i, n = 0;
	const char *seen[16];

	if (list == NULL || *list == '\0')
		return cs_error(cs, CS_DATAERR, "an incident names the "
		    "departments concerned (-D)");
	if (strlcpy(buf, list, sizeof(buf)) >= sizeof(buf))
		return cs_error(cs, CS_DATAERR, "-D: too long");
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		if (department_find(&cs->rules, w) == NULL) {
			all[0] = '\0';
			for (i = 0; i < cs->rules.ndepts; i++) {
				strlcat(all, i ? " " : "", sizeof(all));
				strlcat(all, cs->rules.depts[i].name,
				    sizeof(all));
			}
			return cs_error(cs, CS_DATAERR, "unknown department "
			    "\"%s\" (%s)", w, all);
		}
		for (i = 0; i < n; i++)
			if (strcmp(seen[i], w) == 0)
				return cs_error(cs, CS_DATAERR, "department %s "
				    "named twice", w);
		if (n == sizeof(seen) / sizeof(seen[0]))
			return cs_error(cs, CS_DATAERR, "-D: too many "
			    "departments");
		seen[n++] = w;
	}
	return 0;
}

int
incident_open(struct cs *cs, const struct incident_in *in, int64_t *id)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	int		 rc;

	if (in->title == NULL)
		return cs_error(cs, CS_DATAERR, "an incident needs a title");
	if ((rc = text_ok(cs, "title", in->title, TITLE_MAX)) != 0)
		return rc;
	if (strpbrk(in->title, "\t\n\r") != NULL)
		return cs_error(cs, CS_DATAERR, "a title is one line");
	if (in->description != NULL && (rc = text_ok(cs, "description",
	    in->description, CS_TEXT_MAX)) != 0)
		return rc;
	if (in->severity == NULL || word_index(incident_severities,
	    in->severity) == -1)
		return cs_error(cs, CS_DATAERR, "severity \"%s\": low, medium, "
		    "high or critical", in->severity ? in->severity : "");
	if ((rc = departments_ok(cs, in->departments)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "INSERT INTO incident (title, description,"
	    " severity, departments, opened_by, created_at, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, in->title);
	db_bind_text(st, 2, in->description);
	db_bind_text(st, 3, in->severity);
	db_bind_text(st, 4, in->departments);
	db_bind_text(st, 5, cs->actor.name);
	db_bind_int(st, 6, cs->now);
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "incident"), "incident "
		    "failed");
	jbuf_init(&j);
	jbuf_str(&j, "title", in->title);
	jbuf_str(&j, "severity", in->severity);
	jbuf_str(&j, "departments", in->departments);
	return cs_audit(cs, ID_INCIDENT, *id, "incident.open", &j);
}

int
incident_notify(struct cs *cs, int64_t id)
{
	static const char *const names[] = {
		"CS_INCIDENT", "CS_SEVERITY", "CS_DEPARTMENT", "CS_OWNER",
		"CS_SUBJECT", "CS_REASON", "CS_DUE", "CS_ESCALATION",
		"CS_TICKET", "CS_LEVEL", "CS_PRIORITY",
	};
	const struct department	*d;
	struct db_stmt		*st;
	char			 val[11][1024], depts[512], who[1100], *p, *w;
	int64_t			 created;
	int			 failed = 0;

	if (cs->rules.notify == NULL)
		return 0;
	if ((st = db_stmt(cs->db, "SELECT severity, departments, title,"
	    " coalesce(description, ''), created_at FROM incident"
	    " WHERE id = $1")) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return db_fail(cs->db, "incident");
	}
	memset(val, 0, sizeof(val));
	id_format(ID_INCIDENT, id, val[0], sizeof(val[0]));
	strlcpy(val[1], db_col_text(st, 0), sizeof(val[1]));
	strlcpy(depts, db_col_text(st, 1), sizeof(depts));
	strlcpy(val[4], db_col_text(st, 2), sizeof(val[4]));
	strlcpy(val[5], db_col_text(st, 3), sizeof(val[5]));
	created = db_col_int(st, 4);
	db_reset(st);
	/* One run per department, with its owner and deadline. */
	for (p = depts; (w = strsep(&p, ",")) != NULL;) {
		if ((d = department_find(&cs->rules, w)) == NULL)
			continue;
		strlcpy(val[2], d->name, sizeof(val[2]));
		strlcpy(val[3], d->owner, sizeof(val[3]));
		clock_format_iso(created + d->due, val[6], sizeof(val[6]));
		snprintf(who, sizeof(who), "%s to %s", val[0], d->name);
		if (notify_run(cs->rules.notify, names, val, 11, who,
		    "the incident is recorded; tell the department") != 0)
			failed++;
	}
	return failed ? CS_PARTIAL : 0;
}

/* An incident's status, or 66. */
static int
incident_status(struct cs *cs, int64_t id, char *status, size_t len)
{
	int	 rc;

	if ((rc = db_lookup_text(cs->db, "SELECT status FROM incident WHERE"
	    " id = $1", id, status, len)) != 0)
		return cs_error(cs, rc, "N%lld: no such incident",
		    (long long)id);
	return 0;
}

int
incident_link(struct cs *cs, int64_t incident, int64_t ticket)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 status[16], rec[32];
	int		 rc;

	if ((rc = incident_status(cs, incident, status, sizeof(status))) != 0)
		return rc;
	if (strcmp(status, "open") != 0)
		return cs_error(cs, CS_DATAERR, "N%lld is closed: no more "
		    "tickets are linked to it", (long long)incident);
	if ((rc = ticket_exists(cs, ticket)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "INSERT INTO incident_ticket"
	    " (incident_id, ticket_id, linked_by, linked_at)"
	    " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, incident);
	db_bind_int(st, 2, ticket);
	db_bind_text(st, 3, cs->actor.name);
	db_bind_int(st, 4, cs->now);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "incident"), "link failed");
	if (db_changes(cs->db) == 0)
		return 0;		/* linked before: nothing to do */
	jbuf_init(&j);
	id_format(ID_TICKET, ticket, rec, sizeof(rec));
	jbuf_str(&j, "ticket", rec);
	if ((rc = cs_audit(cs, ID_INCIDENT, incident, "incident.link",
	    &j)) != 0)
		return rc;
	jbuf_init(&j);
	id_format(ID_INCIDENT, incident, rec, sizeof(rec));
	jbuf_str(&j, "incident", rec);
	return cs_audit(cs, ID_TICKET, ticket, "ticket.incident", &j);
}

int
incident_merge(struct cs *cs, int64_t from, int64_t into, char **linked)
{
	int64_t		*v = NULL;
	size_t		 n = 0, i, len = 0;
	FILE		*fp = NULL;
	int		 rc;

	*linked = NULL;
	if ((rc = db_ids(cs->db, "SELECT l.incident_id FROM incident_ticket l"
	    " JOIN incident n ON n.id = l.incident_id WHERE l.ticket_id = $1"
	    " AND n.status = 'open' ORDER BY l.incident_id", from, &v,
	    &n)) != 0)
		return cs_error(cs, rc, "T%lld: cannot read its incidents",
		    (long long)from);
	for (rc = 0, i = 0; i < n && rc == 0; i++) {
		if ((rc = incident_link(cs, v[i], into)) != 0)
			break;
		if (fp == NULL && (fp = open_memstream(linked, &len)) == NULL)
			err(CS_SOFTWARE, "open_memstream");
		fprintf(fp, "%sN%lld", i > 0 ? "," : "", (long long)v[i]);
	}
	free(v);
	if (fp != NULL && fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	if (rc != 0) {
		free(*linked);
		*linked = NULL;
	}
	return rc;
}

/*
 * Reply to each linked ticket in one of the statuses (a space-separated
 * list), the template or the text filled for each; resolve them too when
 * asked.  What the agent wrote is the same for all: a forbidden phrase
 * in it, or a template that cannot be filled, sends none.  A ticket the
 * reply fails for on its own is said on stderr and left as it was, and
 * the others still go out (*failed counts it).  The tickets replied to
 * go into *ids.
 */
static int
reply_linked(struct cs *cs, int64_t incident, const char *statuses,
    const char *tmpl, const char *text, int resolve, int64_t **ids,
    size_t *n, size_t *failed)
{
	struct db_stmt	*st;
	int64_t		*v = NULL, *nv2;
	size_t		 nv = 0, i, done = 0;
	const char	*bad, *m;
	char		*body, *own, pre[32];
	int		 rc = 0;

	*ids = NULL;
	*n = 0;
	*failed = 0;
	if ((st = db_stmt(cs->db, "SELECT l.ticket_id, t.status"
	    " FROM incident_ticket l JOIN ticket t ON t.id = l.ticket_id"
	    " WHERE l.incident_id = $1 ORDER BY l.ticket_id")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, incident);
	while ((rc = db_step(st)) == DB_ROW) {
		char	 w[24];

		snprintf(w, sizeof(w), " %s ", db_col_text(st, 1));
		if (strstr(statuses, w) == NULL)
			continue;
		if ((nv2 = reallocarray(v, nv + 1, sizeof(*v))) == NULL)
			err(CS_SOFTWARE, NULL);
		v = nv2;
		v[nv++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(v);
		return cs_error(cs, db_fail(cs->db, "incident"), "cannot "
		    "read its tickets");
	}
	for (i = 0, rc = 0; i < nv; i++) {
		body = own = NULL;
		if ((rc = template_fill(cs, tmpl ? tmpl : "-m", tmpl ? NULL :
		    text, v[i], &body, &own)) != 0)
			break;
		/* The agent's words: refused for one, refused for all. */
		if (i == 0 && (bad = lint_find(own, cs->rules.forbidden,
		    cs->rules.nforbidden)) != NULL) {
			rc = cs_error(cs, CS_DATAERR, "N%lld: the update "
			    "contains the forbidden phrase \"%s\": sent to "
			    "none", (long long)incident, bad);
			free(body);
			free(own);
			break;
		}
		if ((rc = db_savepoint(cs->db)) != 0) {
			free(body);
			free(own);
			rc = cs_error(cs, rc, "savepoint failed");
			break;
		}
		rc = ticket_reply(cs, v[i], 0, body, own, NULL);
		free(body);
		free(own);
		if (rc == 0 && resolve)
			rc = ticket_transition(cs, v[i], "resolve");
		if (rc == 0) {
			if ((rc = db_release(cs->db)) != 0) {
				rc = cs_error(cs, rc, "savepoint failed");
				break;
			}
			v[done++] = v[i];
			continue;
		}
		/* The database failing is everyone's failure. */
		if (cs_fatal(rc) || rc == CS_CANTCREAT)
			break;
		db_rollback_item(cs->db);
		/* The reply's words name the ticket; this line does first. */
		snprintf(pre, sizeof(pre), "T%lld: ", (long long)v[i]);
		m = cs->err;
		if (strncmp(m, pre, strlen(pre)) == 0)
			m += strlen(pre);
		warnx("T%lld not sent: %s", (long long)v[i], m);
		cs->err[0] = '\0';
		(*failed)++;
		rc = 0;
	}
	if (rc != 0) {
		free(v);
		return rc;
	}
	*ids = v;
	*n = done;
	return 0;
}

int
incident_update(struct cs *cs, int64_t id, const char *tmpl,
    const char *text, int64_t **ids, size_t *n, size_t *failed)
{
	struct jbuf	 j;
	char		 status[16];
	int		 rc;

	*failed = 0;
	if ((rc = incident_status(cs, id, status, sizeof(status))) != 0)
		return rc;
	if (strcmp(status, "open") != 0)
		return cs_error(cs, CS_DATAERR, "N%lld is closed: its tickets "
		    "got their final reply", (long long)id);
	if ((rc = reply_linked(cs, id, " open pending resolved ", tmpl, text,
	    0, ids, n, failed)) != 0)
		return rc;
	jbuf_init(&j);
	if (tmpl != NULL)
		jbuf_str(&j, "template", tmpl);
	jbuf_int(&j, "tickets", (int64_t)*n);
	if (*failed > 0)
		jbuf_int(&j, "failed", (int64_t)*failed);
	return cs_audit(cs, ID_INCIDENT, id, "incident.update", &j);
}

int
incident_close(struct cs *cs, int64_t id, const char *tmpl,
    const char *text, int64_t **ids, size_t *n, size_t *failed)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 status[16];
	int		 rc;

	*ids = NULL;
	*n = 0;
	*failed = 0;
	if ((rc = incident_status(cs, id, status, sizeof(status))) != 0)
		return rc;
	if (strcmp(status, "open") != 0)
		return cs_error(cs, CS_DATAERR, "N%lld is closed already",
		    (long long)id);
	if ((tmpl != NULL || text != NULL) && (rc = reply_linked(cs, id,
	    " open pending ", tmpl, text, 1, ids, n, failed)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "UPDATE incident SET status = 'closed',"
	    " closed_at = $1, closed_by = $2, updated_at = $1 WHERE id = $3"))
	    == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_text(st, 2, cs->actor.name);
	db_bind_int(st, 3, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "incident"), "close "
		    "failed");
	jbuf_init(&j);
	if (tmpl != NULL)
		jbuf_str(&j, "template", tmpl);
	jbuf_int(&j, "resolved", (int64_t)*n);
	if (*failed > 0)
		jbuf_int(&j, "failed", (int64_t)*failed);
	if ((rc = cs_audit(cs, ID_INCIDENT, id, "incident.close", &j)) != 0)
		return rc;
	snprintf(status, sizeof(status), "N%lld closed", (long long)id);
	if ((rc = escalation_end(cs, ID_INCIDENT, id, status)) != 0)
		return rc;
	/*
	 * Its tickets still open go on with their own ladders: what the
	 * sweep recorded of their first response, resolution and promised
	 * reply while the incident went up for them is left behind, so
	 * those deadlines, past, escalate them as their own (unless one of
	 * theirs for it is live).
	 */
	if ((st = db_stmt(cs->db, "UPDATE ticket SET escalated = "
	    SWEEP_DUES_AGAIN " WHERE id IN (SELECT ticket_id FROM incident_ticket"
	    " WHERE incident_id = $1) AND status IN ('open', 'pending')"
	    " AND NOT EXISTS (SELECT 1 FROM escalation e WHERE"
	    " e.ticket_id = ticket.id AND e.incident_id IS NULL AND"
	    " e.status IN ('open', 'acked') AND (e.cause IN ('response',"
	    " 'resolve') OR e.cause = 'promise@' || ticket.promise_due))"))
	    == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : cs_error(cs, db_fail(cs->db, "incident"),
	    "close failed");
}

#define ROLE_BOSS	(ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN)

/* 1 if the actor owns department d: by name or by role. */
static int
owns(struct cs *cs, const struct department *d)
{
	int	 roles = role_parse(d->owner);

	return strcmp(d->owner, cs->actor.name) == 0 ||
	    (roles > 0 && (cs->actor.roles & roles));
}

/* One department's acknowledgement, once; audited. */
static int
ack_one(struct cs *cs, int64_t id, const struct department *d)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	int		 rc;

	if ((st = db_stmt(cs->db, "INSERT INTO incident_ack (incident_id,"
	    " department, acked_by, acked_at) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT DO NOTHING")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, d->name);
	db_bind_text(st, 3, cs->actor.name);
	db_bind_int(st, 4, cs->now);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "incident"), "N%lld: "
		    "cannot acknowledge", (long long)id);
	if (db_changes(cs->db) == 0)
		return cs_error(cs, CS_DATAERR, "N%lld: %s acknowledged it "
		    "already", (long long)id, d->name);
	jbuf_init(&j);
	jbuf_str(&j, "department", d->name);
	jbuf_str(&j, "by", cs->actor.name);
	return cs_audit(cs, ID_INCIDENT, id, "incident.ack", &j);
}

int
incident_ack(struct cs *cs, int64_t id, const char *dept)
{
	const struct department	*d;
	char			 status[16], depts[512], *p, *w;
	int			 rc, n = 0;

	if ((rc = incident_status(cs, id, status, sizeof(status))) != 0)
		return rc;
	if (strcmp(status, "open") != 0)
		return cs_error(cs, CS_DATAERR, "N%lld is closed already",
		    (long long)id);
	if ((rc = db_lookup_text(cs->db, "SELECT departments FROM incident"
	    " WHERE id = $1", id, depts, sizeof(depts))) != 0)
		return cs_error(cs, rc, "N%lld: cannot read it", (long long)id);
	for (p = depts; (w = strsep(&p, ",")) != NULL && rc == 0;) {
		if ((d = department_find(&cs->rules, w)) == NULL)
			continue;
		if (dept != NULL ? strcmp(dept, w) != 0 : !owns(cs, d))
			continue;
		/* A boss may answer for a department it names. */
		if (!owns(cs, d) && !(cs->actor.roles & ROLE_BOSS))
			return cs_error(cs, CS_NOPERM, "N%lld: %s may not "
			    "acknowledge it for %s (owner %s)", (long long)id,
			    cs->actor.name, d->name, d->owner);
		n++;
		rc = ack_one(cs, id, d);
	}
	if (rc == 0 && n == 0)
		return cs_error(cs, CS_DATAERR, dept != NULL ? "N%lld does not "
		    "concern %s" : "N%lld: %s owns none of its departments: "
		    "name one (-D)", (long long)id, dept != NULL ? dept :
		    cs->actor.name);
	return rc;
}

const struct out_col incident_cols[] = {
	{ "id",		"ID",		OUT_ID,	      ID_INCIDENT, 1 },
	{ "severity",	"SEVERITY",	OUT_TEXT,     0,	1 },
	{ "status",	"STATUS",	OUT_TEXT,     0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,      0,	1 },
	{ "departments", "DEPARTMENTS",	OUT_TEXT,     0,	1 },
	{ "title",	"TITLE",	OUT_TEXT,     OUT_PROSE,	1 },
	{ "opened",	"OPENED",	OUT_TIME,     0,	0 },
	{ "closed",	"CLOSED",	OUT_TIME,     0,	0 },
	{ "opened_by",	"BY",		OUT_TEXT,     0,	0 },
	{ "description", "DESCRIPTION",	OUT_TEXT,     OUT_PROSE,	0 },
};
const int incident_ncols = sizeof(incident_cols) / sizeof(incident_cols[0]);

#define INCIDENT_COLS							\
    "SELECT i.id, i.severity, i.status,"				\
    " (SELECT count(*) FROM incident_ticket l WHERE l.incident_id = i.id),"\
    " i.departments, i.title, i.created_at, i.closed_at, i.opened_by,"	\
    " i.description FROM incident i"

int
incident_list(struct cs *cs, int all, struct out *o)
{
	struct out_cell	 cells[sizeof(incident_cols) / sizeof(incident_cols[0])];
	struct db_stmt	*st;
	int		 rc, orc = 0;

	if ((st = db_listing(cs->db, INCIDENT_COLS
	    " WHERE $1 <> 0 OR i.status = 'open' ORDER BY i.id")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, all);
	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, incident_ncols);
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = cs_error(cs, db_fail(cs->db, "incidents"), "incidents");
	db_reset(st);
	return orc;
}

/* The linked tickets under an incident, as they stand. */
static const struct out_col linked_cols[] = {
	{ "id",		"ID",		OUT_ID,	  ID_TICKET,	1 },
	{ "status",	"STATUS",	OUT_TEXT, 0,		1 },
	{ "subject",	"SUBJECT",	OUT_TEXT, OUT_PROSE,	1 },
};
static const struct out_item linked_row[] = {
	{ "  ", "id", 6 }, { " ", "status", 9 }, { " ", "subject", 0 },
};

/*
 * Its departments: who acknowledged it when, or by when they are to;
 * and the escalations of its tickets it went up by.
 */
static int
show_acks(struct cs *cs, int64_t id, FILE *fp)
{
	const struct department	*d;
	struct db_stmt		*st;
	char			 depts[512], when[64], *p, *w;
	int64_t			 created;
	int			 rc, n = 0;

	if ((rc = db_lookup_text(cs->db, "SELECT departments FROM incident"
	    " WHERE id = $1", id, depts, sizeof(depts))) != 0 ||
	    (rc = db_lookup(cs->db, "SELECT created_at FROM incident WHERE"
	    " id = $1", NULL, id, &created, 1)) != 0)
		return rc;
	out_heading(fp, "departments");
	for (p = depts; (w = strsep(&p, ",")) != NULL;) {
		if ((st = db_stmt(cs->db, "SELECT acked_by, acked_at FROM"
		    " incident_ack WHERE incident_id = $1 AND department = $2"))
		    == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, w);
		if ((rc = db_step(st)) == DB_ROW) {
			clock_format_local(db_col_int(st, 1), when,
			    sizeof(when));
			fprintf(fp, "  %-12s acknowledged %s by %s\n", w, when,
			    db_col_text(st, 0));
		} else if (rc == DB_DONE) {
			d = department_find(&cs->rules, w);
			clock_format_local(created + (d ? d->due : 0), when,
			    sizeof(when));
			fprintf(fp, "  %-12s not acknowledged (due %s)\n", w,
			    when);
		}
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return db_fail(cs->db, "incident");
	}
	if ((st = db_stmt(cs->db, "SELECT id, level, owner, status,"
	    " ticket_id FROM escalation WHERE incident_id = $1 ORDER BY id"))
	    == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n++ == 0)
			out_heading(fp, "escalations");
		fprintf(fp, "  E%-5lld level %d, %s, %s (from T%lld)\n",
		    (long long)db_col_int(st, 0), (int)db_col_int(st, 1),
		    db_col_text(st, 2), db_col_text(st, 3),
		    (long long)db_col_int(st, 4));
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : db_fail(cs->db, "incident");
}

int
incident_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const char *const labels[] = { "id", "incident", NULL };
	static const struct out_record show = {
		.cols = incident_cols,
		.ncols = sizeof(incident_cols) / sizeof(incident_cols[0]),
		.width = 12,
		.lines = "id,severity,status,tickets,departments,title,opened,"
		    "closed,opened_by",
		.blocks = "description",
		.labels = labels,
	};
	static const struct out_record json = {
		.cols = incident_cols,
		.ncols = sizeof(incident_cols) / sizeof(incident_cols[0]),
	};
	static const char linked_sql[] = "SELECT t.id, t.status, t.subject"
	    " FROM incident_ticket l JOIN ticket t ON t.id = l.ticket_id"
	    " WHERE l.incident_id = $1 ORDER BY t.id";
	static const struct out_sublist linked = {
		linked_cols, sizeof(linked_cols) / sizeof(linked_cols[0]),
		linked_row, sizeof(linked_row) / sizeof(linked_row[0]), NULL,
	};
	struct out_cell	 cells[sizeof(incident_cols) / sizeof(incident_cols[0])];
	struct db_stmt	*st;
	int		 rc, step;

	if ((rc = cs_show_get(cs, INCIDENT_COLS " WHERE i.id = $1",
	    ID_INCIDENT, id, &st)) != 0)
		return rc;
	db_row_cells(st, cells, incident_ncols);
	if (cs->out.mode == OUT_JSON) {
		/* The columns of ls -j, the tickets and the history. */
		fputc('{', fp);
		rc = out_record_json(fp, &json, cells, cs->out.unmask);
		db_reset(st);
		if (rc != 0)
			return rc;
		if ((st = db_stmt(cs->db, linked_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		fputc(',', fp);
		if ((rc = show_json_rows(cs, fp, "linked", st, linked_cols,
		    linked.ncols)) != 0)
			return rc;
		fputc(',', fp);
		if ((rc = history_json(cs, ID_INCIDENT, id, fp)) != 0)
			return rc;
		fputs("}\n", fp);
		return 0;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc != 0)
		return rc;
	if ((st = db_stmt(cs->db, linked_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	out_heading(fp, "tickets");
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, linked.ncols);
		/* Each ticket's customer's name masked in its subject. */
		if ((rc = customer_of_id(cs, ID_TICKET, cells[0].i)) == 0)
			rc = out_sublist_row(fp, &linked, cells,
			    cs->out.unmask);
	}
	db_reset(st);
	if (rc != 0)
		return rc;
	if (step != DB_DONE)
		return db_fail(cs->db, "incident");
	if ((rc = show_acks(cs, id, fp)) != 0)
		return rc;
	return history_section(cs, ID_INCIDENT, id, fp);
}
