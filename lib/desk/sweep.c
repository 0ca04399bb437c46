/*
 * sweep.c: the cron sweep.  It works in chunks, each its own BEGIN
 * IMMEDIATE transaction of at most a few hundred tickets, and lets
 * writers waiting for the lock in between: a backlog of a million
 * overdue tickets is swept in bounded memory while agents go on
 * working.  Every cause is acted on once (it is marked on its ticket in
 * the chunk that acts on it), so a sweep killed between chunks leaves
 * whole chunks, and the next sweep goes on where it stopped; two at
 * once take turns, each deciding under the lock from what is stored.
 * A chunk's lines are printed once it is committed: what it prints is
 * what happened.  A dry run is all its chunks in one transaction,
 * rolled back.  Then the escalations not yet told of hear of it
 * (notify.c).
 * What it decides: tickets past (or within warn-before of) a deadline,
 * escalations nobody acknowledged and acknowledged ones not solved in
 * time go one level up, each cause once, a ticket's causes together;
 * the tickets of an open incident go up as the incident, once for all
 * of them, and the incident's escalations climb as its own, whatever
 * becomes of the ticket they were raised from; idle tickets close.  An escalation raised before its
 * deadline keeps the deadlines it warns of, so a reply in time
 * withdraws it (escalation.c).  The cs.conf keywords `idle' and
 * `warn-before'.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/* Rows each source gives a chunk; a chunk acts on at most four times. */
#define SWEEP_CHUNK	1000

/*
 * What the sweep has acted on is kept on the ticket (escalated, as
 * ",response,resolve,update@1763870400,E5,"), so each cause escalates
 * once and a sweep with nothing new reads only what changed.
 */
#define ESCALATED	"coalesce(escalated, ',')"

/*
 * Where the work is found: the open tickets past (or within the warning
 * window of) each deadline the sweep has not acted on (the first
 * response of pending ones too), or passed with the breach not
 * recorded, each range on its own index; and the
 * escalations nobody acknowledged in time.  Each is read in order of
 * (deadline, ID) from where the last chunk stopped: first the rest of
 * its deadline ($3, after ID $4), then the later deadlines.  $1 now,
 * $2 now and the warning window, $5 how many.
 */
#define RESOLVE_WHERE							\
    " WHERE status = 'open' AND"					\
    " (strpos(" ESCALATED ", ',resolve,') = 0 OR (resolve_due < $1 AND"	\
    " strpos(coalesce(breached, ''), 'resolve') = 0))"
#define RESPOND_WHERE							\
    " WHERE status IN ('open','pending') AND first_response_at IS NULL"	\
    " AND"								\
    " (strpos(" ESCALATED ", ',response,') = 0 OR"			\
    " (first_response_due < $1 AND"					\
    " strpos(coalesce(breached, ''), 'response') = 0))"
#define UPDATE_WHERE							\
    " WHERE status = 'open' AND update_due IS NOT NULL AND"		\
    " strpos(" ESCALATED ", ',update@' || update_due || ',') = 0"
/* The reply promised, until the ticket is first resolved; each promise. */
#define PROMISE_WHERE							\
    " WHERE status = 'open' AND resolved_first_at IS NULL AND"		\
    " promise_due IS NOT NULL AND"					\
    " strpos(" ESCALATED ", ',promise@' || promise_due || ',') = 0"
#define TICKETS(col, ix, where)						\
    "SELECT id, " col ", id FROM ticket" ix where " AND " col " = $3"	\
    " AND id > $4 ORDER BY id LIMIT $5",				\
    "SELECT id, " col ", id FROM ticket" ix where " AND " col " > $3"	\
    " AND " col " <= $2 ORDER BY " col ", id LIMIT $5"
/* $6: no escalation the sweep itself raised. */
#define UNACKED_FROM							\
    "SELECT e.ticket_id, e.due, e.id FROM escalation e"
#define UNACKED_WHERE							\
    " JOIN ticket t ON t.id = e.ticket_id WHERE e.status = 'open' AND"	\
    " e.incident_id IS NULL AND"					\
    " e.due <= $1 AND e.id <= $6 AND t.status IN ('open','pending') AND"\
    " strpos(coalesce(t.escalated, ','), ',E' || e.id || ',') = 0"
#define UNACKED(ix)							\
    UNACKED_FROM ix UNACKED_WHERE " AND e.due = $3 AND e.id > $4"	\
    " ORDER BY e.id LIMIT $5",						\
    UNACKED_FROM ix UNACKED_WHERE " AND e.due > $3"			\
    " ORDER BY e.due, e.id LIMIT $5"
/* Acknowledged and not solved in time: the cause is S and its ID. */
#define UNSOLVED_FROM							\
    "SELECT e.ticket_id, e.solve_due, e.id FROM escalation e"
#define UNSOLVED_WHERE							\
    " JOIN ticket t ON t.id = e.ticket_id WHERE e.status = 'acked' AND"	\
    " e.incident_id IS NULL AND"					\
    " e.solve_due IS NOT NULL AND e.solve_due <= $1 AND e.id <= $6 AND"	\
    " t.status IN ('open','pending') AND"				\
    " strpos(coalesce(t.escalated, ','), ',S' || e.id || ',') = 0"
#define UNSOLVED(ix)							\
    UNSOLVED_FROM ix UNSOLVED_WHERE " AND e.solve_due = $3"		\
    " AND e.id > $4 ORDER BY e.id LIMIT $5",				\
    UNSOLVED_FROM ix UNSOLVED_WHERE " AND e.solve_due > $3"		\
    " ORDER BY e.solve_due, e.id LIMIT $5"

/* The same deadline after an ID, the later deadlines; each dialect. */
struct source_sql {
	const char	*same, *later;
	const char	*same_sqlite, *later_sqlite;
};
/*
 * SQLite's planner, without statistics, would take ticket_resolve_due
 * for all: its own text names each index.
 */
static const struct source_sql sources[] = {
	{ TICKETS("resolve_due", "", RESOLVE_WHERE),
	  TICKETS("resolve_due", " INDEXED BY ticket_resolve_due",
	    RESOLVE_WHERE) },
	{ TICKETS("first_response_due", "", RESPOND_WHERE),
	  TICKETS("first_response_due", " INDEXED BY ticket_unanswered",
	    RESPOND_WHERE) },
	{ TICKETS("update_due", "", UPDATE_WHERE),
	  TICKETS("update_due", " INDEXED BY ticket_update_due",
	    UPDATE_WHERE) },
	{ TICKETS("promise_due", "", PROMISE_WHERE),
	  TICKETS("promise_due", " INDEXED BY ticket_promise_due",
	    PROMISE_WHERE) },
	{ UNACKED(""), UNACKED(" INDEXED BY escalation_status") },
	{ UNSOLVED(""), UNSOLVED(" INDEXED BY escalation_solve") },
};
#define NSOURCES	((int)(sizeof(sources) / sizeof(sources[0])))
/* The first sources are a ticket's deadlines, as ticket_due reads them. */
#define NDEADLINES	4

/*
 * One ticket's deadlines, as the chunk acting on it reads them.  Pending
 * on the customer stops the clock, but not the first response of a
 * ticket never answered: the customer is not what the desk waits on.
 */
static const char due_sql[] =
    "SELECT first_response_at IS NULL AND first_response_due <= $2,"
    " status = 'open' AND resolve_due <= $2, status = 'open' AND"
    " update_due IS NOT NULL AND update_due <= $2, status = 'open' AND"
    " resolved_first_at IS NULL AND promise_due IS NOT NULL AND"
    " promise_due <= $2,"
    " first_response_due, resolve_due, update_due, promise_due,"
    " coalesce(breached, ''), " ESCALATED
    " FROM ticket WHERE id = $3 AND status IN ('open','pending')";
/*
 * Its escalations nobody acknowledged in time, and those acknowledged
 * and not solved in time, if it is worked on; [1] the same of an open
 * incident, whatever became of the tickets they were raised from.
 */
#define ESC_DUE(kind, col, status, who, live, mark)			\
    "SELECT e.id, e.owner, e." col ", e.warning, '" kind "',"		\
    " e.department IS NOT NULL, e.ticket_id FROM escalation e" who	\
    " AND e.status = '" status "' AND e." col " <= $1 AND e.id <= $6 AND"\
    live " AND strpos(coalesce(" mark ", ','), ',"			\
    kind "' || e.id || ',') = 0"
#define OF_TICKET							\
    " JOIN ticket t ON t.id = e.ticket_id WHERE e.ticket_id = $3 AND"	\
    " e.incident_id IS NULL"
#define TICKET_LIVE	" t.status IN ('open','pending')"
#define OF_INCIDENT							\
    " JOIN incident i ON i.id = e.incident_id WHERE e.incident_id = $3"
#define INCIDENT_LIVE	" i.status = 'open'"
static const char *const unacked_sql[] = {
    ESC_DUE("E", "due", "open", OF_TICKET, TICKET_LIVE, "t.escalated")
    " UNION ALL "
    ESC_DUE("S", "solve_due", "acked", OF_TICKET, TICKET_LIVE,
    "t.escalated") " ORDER BY 1",
    ESC_DUE("E", "due", "open", OF_INCIDENT, INCIDENT_LIVE, "i.escalated")
    " UNION ALL "
    ESC_DUE("S", "solve_due", "acked", OF_INCIDENT, INCIDENT_LIVE,
    "i.escalated") " ORDER BY 1",
};
/*
 * The open incidents with such escalations, a chunk at a time, read from
 * the open incidents rather than from every live escalation: those acted
 * on are marked, so the next read starts after them.  $1 now, $2 no
 * escalation the sweep itself raised, $3 how many.
 */
static const char incidents_sql[] =
    "SELECT i.id FROM incident i WHERE i.status = 'open' AND EXISTS"
    " (SELECT 1 FROM escalation e WHERE e.incident_id = i.id AND"
    " e.id <= $2 AND ((e.status = 'open' AND e.due <= $1 AND"
    " strpos(coalesce(i.escalated, ','), ',E' || e.id || ',') = 0) OR"
    " (e.status = 'acked' AND e.solve_due <= $1 AND"
    " strpos(coalesce(i.escalated, ','), ',S' || e.id || ',') = 0)))"
    " ORDER BY i.id LIMIT $3";
static const char incident_acted_sql[] =
    "UPDATE incident SET escalated = coalesce(escalated, ',') || $1"
    " WHERE id = $2";
static const char last_sql[] =
    "SELECT coalesce(max(id), 0) FROM escalation";
static const char breach_sql[] =
    "UPDATE ticket SET breached = $1 WHERE id = $2";
static const char acted_sql[] =
    "UPDATE ticket SET escalated = coalesce(escalated, ',') || $1"
    " WHERE id = $2";
/*
 * A department's escalation not solved in time: its owner is told again
 * (notify.c, CS_EVENT unsolved) while the ticket goes up the ladder.
 */
static const char unsolved_sql[] =
    "UPDATE escalation SET notice = 'unsolved', notified_at = NULL,"
    " notify_by = NULL, notify_until = NULL, notify_attempts = 0,"
    " notify_error = NULL WHERE id = $1";
static const char idle_sql[] =
    "SELECT id FROM ticket WHERE status = $1 AND updated_at <= $2"
    " AND ($3 = '' OR category = $3) AND ($4 = '' OR channel = $4)"
    " ORDER BY id LIMIT $5";

/* Where the sweep is: each source's last row, the idle rules done. */
struct sweep_pos {
	int64_t		 due[NSOURCES], id[NSOURCES];
	int		 started[NSOURCES], done[NSOURCES];
	int64_t		 last;		/* escalations before the sweep */
	size_t		 idle;		/* idle rules done */
	int		 incidents;	/* the incidents' climbs done */
	int64_t		*tickets;	/* the chunk's */
	size_t		 ntickets;
	/* How many the sweep has looked at; how many are due is unknown. */
	struct progress	 pr;
	char		 what[64];	/* the progress line's */
	uint64_t	 swept;
};

/* A line of the sweep's output, held until its chunk is committed. */
struct sweep_line {
	int64_t		 esc, ticket;
	int		 level;
	char		*reason;
};

struct sweep_lines {
	struct sweep_line *l;
	size_t		 n, cap;
};

static void
line_add(struct sweep_lines *s, int64_t esc, int64_t ticket, int level,
    const char *reason)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		if ((s->l = reallocarray(s->l, s->cap, sizeof(*s->l))) ==
		    NULL)
			err(CS_SOFTWARE, NULL);
	}
	s->l[s->n].esc = esc;
	s->l[s->n].ticket = ticket;
	s->l[s->n].level = level;
	if ((s->l[s->n].reason = strdup(reason)) == NULL)
		err(CS_SOFTWARE, NULL);
	s->n++;
}

static void
lines_clear(struct sweep_lines *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->l[i].reason);
	s->n = 0;
}

const struct out_col sweep_cols[] = {
	{ "escalation",	"ESCALATION",	OUT_ID,	  ID_ESCALATION, 1 },
	{ "ticket",	"TICKET",	OUT_ID,	  ID_TICKET,	1 },
	{ "level",	"LEVEL",	OUT_INT,  0,		1 },
	{ "reason",	"REASON",	OUT_TEXT, OUT_PROSE,	1 },
};
const int sweep_ncols = sizeof(sweep_cols) / sizeof(sweep_cols[0]);

/* The held lines to o, once their chunk is in. */
static int
lines_print(struct sweep_lines *s, struct out *o)
{
	struct out_cell	 c[4];
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < s->n && rc == 0; i++) {
		memset(c, 0, sizeof(c));
		c[0].i = s->l[i].esc;
		c[0].null = s->l[i].esc == 0;
		c[1].i = s->l[i].ticket;
		c[2].i = s->l[i].level;
		c[2].null = s->l[i].level == 0;
		c[3].s = s->l[i].reason;
		rc = out_row(o, c);
	}
	lines_clear(s);
	return rc;
}

static int
record_breach(struct cs *cs, int64_t ticket, char *had, size_t len,
    const char *what)
{
	struct db_stmt	*st;
	int		 rc;

	if (strstr(had, what) != NULL)
		return 0;
	strlcat(had, *had ? "," : "", len);
	strlcat(had, what, len);
	if ((st = db_stmt(cs->db, breach_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, had);
	db_bind_int(st, 2, ticket);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "ticket"), "T%lld: cannot "
		    "record the breach", (long long)ticket);
	return 0;
}

/* A cause of one ticket into its cause and reason lines. */
static void
cause_add(char *cause, size_t clen, char *reason, size_t rlen,
    const char *tok, const char *why)
{
	strlcat(cause, *cause ? "," : "", clen);
	strlcat(cause, tok, clen);
	strlcat(reason, *reason ? "; " : "", rlen);
	strlcat(reason, why, rlen);
}

/*
 * What is due on one open ticket: breaches recorded, the causes not yet
 * acted on added to cause and reason.
 */
static int
ticket_due(struct cs *cs, int64_t id, char *cause, size_t clen,
    char *reason, size_t rlen, char *warn, size_t wlen, int *overdue)
{
	static const char *const what[NDEADLINES] = {
		"first response", "resolution", "update", "promised reply"
	};
	static const char *const tok[NDEADLINES] = {
		"response", "resolve", "update", "promise"
	};
	struct db_stmt	*st;
	char		 why[256], when[64], t[48], pat[52], had[64];
	char		 acted[1024];
	int64_t		 due[NDEADLINES];
	int		 i, flag[NDEADLINES], rc;

	if ((st = db_stmt(cs->db, due_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 2, cs->now + cs->rules.warn_before);
	db_bind_int(st, 3, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 0 : db_fail(cs->db, "sweep");
	}
	for (i = 0; i < NDEADLINES; i++) {
		flag[i] = db_col_int(st, i) != 0;
		due[i] = db_col_int(st, NDEADLINES + i);
	}
	strlcpy(had, db_col_text(st, 2 * NDEADLINES), sizeof(had));
	strlcpy(acted, db_col_text(st, 2 * NDEADLINES + 1), sizeof(acted));
	db_reset(st);
	for (i = 0; i < NDEADLINES; i++) {
		if (!flag[i])
			continue;
		/* Met or breached is recorded when it happens. */
		if (i < 2 && due[i] < cs->now &&
		    (rc = record_breach(cs, id, had, sizeof(had), tok[i])) != 0)
			return rc;
		/*
		 * Each update deadline is a deadline of its own, and so is
		 * each promise (a ticket made complex is promised anew).
		 */
		if (i >= 2)
			snprintf(t, sizeof(t), "%s@%lld", tok[i],
			    (long long)due[i]);
		else
			strlcpy(t, tok[i], sizeof(t));
		snprintf(pat, sizeof(pat), ",%s,", t);
		if (strstr(acted, pat) != NULL)
			continue;
		clock_format_local(due[i], when, sizeof(when));
		if (due[i] < cs->now) {
			snprintf(why, sizeof(why), "%s overdue since %s",
			    what[i], when);
			*overdue = 1;
		} else {
			snprintf(why, sizeof(why), "%s due %s", what[i], when);
			strlcat(warn, *warn ? "," : "", wlen);
			strlcat(warn, t, wlen);
		}
		cause_add(cause, clen, reason, rlen, t, why);
	}
	return 0;
}

/* The departments' escalations a ticket goes up for, to tell again. */
struct unsolved {
	int64_t		 id[16];
	size_t		 n;
};

/*
 * One ticket's escalations nobody acknowledged or solved, into cause
 * and reason; the departments' unsolved ones into u.
 */
static int
ticket_unacked(struct cs *cs, struct sweep_pos *p, int incident, int64_t id,
    char *cause, size_t clen, char *reason, size_t rlen, char *warn,
    size_t wlen, int *overdue, struct unsolved *u, int64_t *from)
{
	struct db_stmt	*st;
	char		 why[256], when[64], tok[32];
	int		 step, solve;

	if ((st = db_stmt(cs->db, unacked_sql[incident])) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 3, id);
	db_bind_int(st, 6, p->last);
	while ((step = db_step(st)) == DB_ROW) {
		solve = *db_col_text(st, 4) == 'S';
		clock_format_local(db_col_int(st, 2), when, sizeof(when));
		snprintf(tok, sizeof(tok), "E%lld",
		    (long long)db_col_int(st, 0));
		snprintf(why, sizeof(why), "%s not %s by %s since %s",
		    tok, solve ? "solved" : "acknowledged",
		    db_col_text(st, 1), when);
		if (solve)
			tok[0] = 'S';
		cause_add(cause, clen, reason, rlen, tok, why);
		/* The climb goes on from the ticket of the last. */
		*from = db_col_int(st, 6);
		if (solve && db_col_int(st, 5) &&
		    u->n < sizeof(u->id) / sizeof(u->id[0]))
			u->id[u->n++] = db_col_int(st, 0);
		/* A warning's climb is still the warning. */
		if (db_col_null(st, 3))
			*overdue = 1;
		else {
			strlcat(warn, *warn ? "," : "", wlen);
			strlcat(warn, db_col_text(st, 3), wlen);
		}
	}
	db_reset(st);
	return step == DB_DONE ? 0 : db_fail(cs->db, "sweep");
}

/*
 * What the sweep acted on for a ticket or an incident, its causes
 * (cause, ",E12,S12" as its escalated column keeps them), so that the
 * next sweep leaves them.
 */
static int
mark_acted(struct cs *cs, const char *sql, const char *cause, int type,
    int64_t id)
{
	struct db_stmt	*st;
	char		 list[258];
	int		 rc;

	snprintf(list, sizeof(list), "%s,", cause);
	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, list);
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : cs_error(cs, db_fail(cs->db,
	    id_type_name(type)), "%c%lld: cannot update", type,
	    (long long)id);
}

/* A ticket's causes together: it goes up one level per sweep. */
static int
sweep_ticket(struct cs *cs, struct sweep_pos *p, int64_t ticket,
    struct sweep_lines *out)
{
	struct escalation_in	 in;
	struct db_stmt		*st;
	struct unsolved		 u;
	char			 cause[256], reason[1000], warn[256];
	int64_t			 id = 0, from = 0;
	size_t			 i;
	int			 rc, overdue = 0, level;

	cause[0] = reason[0] = warn[0] = '\0';
	u.n = 0;
	if ((rc = ticket_due(cs, ticket, cause, sizeof(cause), reason,
	    sizeof(reason), warn, sizeof(warn), &overdue)) != 0 ||
	    (rc = ticket_unacked(cs, p, 0, ticket, cause, sizeof(cause),
	    reason, sizeof(reason), warn, sizeof(warn), &overdue, &u,
	    &from)) != 0)
		return rc;
	if (*cause == '\0')
		return 0;
	memset(&in, 0, sizeof(in));	/* level 0: one up */
	in.reason = reason;
	in.cause = cause;
	in.warning = overdue || *warn == '\0' ? NULL : warn;
	/*
	 * A ticket of an open incident goes up as the incident: its own
	 * deadlines only start the incident's climb, its own escalations'
	 * take the incident one up; the incident's escalations climb as
	 * the incident's (sweep_incident).
	 */
	if ((rc = escalation_incident(cs, ticket, &in.incident, &level)) != 0)
		return rc;
	if (in.incident != 0) {
		char	 why[1000];

		snprintf(why, sizeof(why), "N%lld: %s", (long long)in.incident,
		    reason);
		strlcpy(reason, why, sizeof(reason));
	}
	if (in.incident == 0 || level == 0 || strpbrk(cause, "ES") != NULL)
		rc = escalation_raise(cs, ticket, &in, &id);
	if (rc != 0)
		return rc;
	if (id != 0)
		line_add(out, id, ticket, in.level, reason);
	for (i = 0; i < u.n; i++) {
		if ((st = db_stmt(cs->db, unsolved_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, u.id[i]);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "E%lld: cannot update", (long long)u.id[i]);
	}
	/* Acted on, either way: the next sweep leaves it. */
	return mark_acted(cs, acted_sql, cause, ID_TICKET, ticket);
}

/*
 * An open incident's escalations nobody acknowledged or solved in time
 * take it one level up, once each, from the ticket the last was raised
 * from, whatever became of that ticket: the climb is the incident's, and
 * it ends when the incident is closed.
 */
static int
sweep_incident(struct cs *cs, struct sweep_pos *p, int64_t incident,
    struct sweep_lines *out)
{
	struct escalation_in	 in;
	struct unsolved		 u;
	char			 cause[256], reason[1000], warn[256];
	char			 why[1000];
	int64_t			 id = 0, from = 0;
	int			 rc, overdue = 0;

	cause[0] = reason[0] = warn[0] = '\0';
	u.n = 0;
	if ((rc = ticket_unacked(cs, p, 1, incident, cause, sizeof(cause),
	    reason, sizeof(reason), warn, sizeof(warn), &overdue, &u,
	    &from)) != 0)
		return rc;
	if (*cause == '\0')
		return 0;
	snprintf(why, sizeof(why), "N%lld: %s", (long long)incident, reason);
	memset(&in, 0, sizeof(in));	/* level 0: one up */
	in.reason = why;
	in.cause = cause;
	in.warning = overdue || *warn == '\0' ? NULL : warn;
	in.incident = incident;
	if ((rc = escalation_raise(cs, from, &in, &id)) != 0)
		return rc;
	if (id != 0)
		line_add(out, id, from, in.level, why);
	return mark_acted(cs, incident_acted_sql, cause, ID_INCIDENT, incident);
}

/* The open incidents' climbs, a chunk at a time; *n how many read. */
static int
sweep_incidents(struct cs *cs, struct sweep_pos *p, struct sweep_lines *out,
    size_t *n)
{
	struct db_stmt	*st;
	size_t		 i;
	int		 rc = 0, step;

	*n = 0;
	if ((st = db_stmt(cs->db, incidents_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, p->last);
	db_bind_int(st, 3, SWEEP_CHUNK);
	while ((step = db_step(st)) == DB_ROW)
		p->tickets[(*n)++] = db_col_int(st, 0);
	db_reset(st);
	if (step != DB_DONE)
		return db_fail(cs->db, "sweep");
	for (i = 0; i < *n && rc == 0; i++)
		rc = sweep_incident(cs, p, p->tickets[i], out);
	if (*n < SWEEP_CHUNK)
		p->incidents = 1;
	return rc;
}

/* The next rows of source k after where it stopped, into p->tickets. */
static int
source_read(struct cs *cs, struct sweep_pos *p, int k)
{
	struct db_stmt	*st;
	const char	*sql;
	size_t		 got = 0;
	int		 pass, step;

	for (pass = p->started[k] ? 0 : 1; pass < 2 && got < SWEEP_CHUNK;
	    pass++) {
		sql = pass == 0 ? db_text(cs->db, sources[k].same,
		    sources[k].same_sqlite) : db_text(cs->db,
		    sources[k].later, sources[k].later_sqlite);
		if ((st = db_stmt(cs->db, sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, cs->now);
		if (k < NDEADLINES)
			db_bind_int(st, 2, cs->now + cs->rules.warn_before);
		else
			db_bind_int(st, 6, p->last);
		db_bind_int(st, 3, p->started[k] ? p->due[k] : INT64_MIN);
		if (pass == 0)
			db_bind_int(st, 4, p->id[k]);
		db_bind_int(st, 5, SWEEP_CHUNK - got);
		while ((step = db_step(st)) == DB_ROW) {
			p->tickets[p->ntickets++] = db_col_int(st, 0);
			p->due[k] = db_col_int(st, 1);
			p->id[k] = db_col_int(st, 2);
			p->started[k] = 1;
			got++;
		}
		db_reset(st);
		if (step != DB_DONE)
			return db_fail(cs->db, "sweep");
	}
	if (got < SWEEP_CHUNK)
		p->done[k] = 1;
	return 0;
}

/* Close idle tickets, per the configuration's rules, a chunk at a time. */
static int
close_idle(struct cs *cs, struct sweep_pos *p, struct sweep_lines *out)
{
	const struct idle_rule	*r;
	struct db_stmt		*st;
	char			 why[128], a[32];
	size_t			 i;
	int			 rc = 0, step;

	r = &cs->rules.idle[p->idle];
	if ((st = db_stmt(cs->db, idle_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, r->status);
	db_bind_int(st, 2, cs->now - r->after);
	db_bind_text(st, 3, r->category);
	db_bind_text(st, 4, r->channel);
	db_bind_int(st, 5, SWEEP_CHUNK);
	p->ntickets = 0;
	while ((step = db_step(st)) == DB_ROW)
		p->tickets[p->ntickets++] = db_col_int(st, 0);
	db_reset(st);
	if (step != DB_DONE)
		return db_fail(cs->db, "sweep");
	/* Those closed are no longer idle: the next chunk reads on. */
	if (p->ntickets < SWEEP_CHUNK)
		p->idle++;
	duration_format(r->after, a, sizeof(a));
	snprintf(why, sizeof(why), "closed: %s %s with no word", r->status, a);
	for (i = 0; i < p->ntickets && rc == 0; i++) {
		if ((rc = ticket_transition(cs, p->tickets[i], "close")) == 0)
			line_add(out, 0, p->tickets[i], 0, why);
		progress_step(&p->pr, ++p->swept);
	}
	return rc;
}

/*
 * One chunk of the sweep inside the caller's transaction, its lines
 * held in out: 0 with *more set while work is left, or a status.
 */
static int
sweep_chunk(struct cs *cs, struct sweep_pos *p, struct sweep_lines *out,
    int *more)
{
	size_t	 i, n;
	int	 k, rc;

	*more = 1;
	/* The incidents first: their tickets then go up as they stand. */
	if (!p->incidents) {
		if ((rc = sweep_incidents(cs, p, out, &n)) != 0)
			return rc;
		if (n == SWEEP_CHUNK)
			return 0;
	}
	p->ntickets = 0;
	for (k = 0; k < NSOURCES; k++)
		if (!p->done[k] && (rc = source_read(cs, p, k)) != 0)
			return rc;
	if (p->ntickets > 0) {
		/* In ticket order, each ticket once. */
		qsort(p->tickets, p->ntickets, sizeof(p->tickets[0]), int64_cmp);
		for (i = n = 0; i < p->ntickets; i++)
			if (n == 0 || p->tickets[n - 1] != p->tickets[i])
				p->tickets[n++] = p->tickets[i];
		for (i = 0; i < n; i++) {
			if ((rc = sweep_ticket(cs, p, p->tickets[i], out)) !=
			    0)
				return rc;
			progress_step(&p->pr, ++p->swept);
		}
		return 0;
	}
	/* The idle rules, in this chunk while they leave room. */
	while (p->idle < cs->rules.nidle) {
		if ((rc = close_idle(cs, p, out)) != 0)
			return rc;
		if (p->ntickets == SWEEP_CHUNK)
			return 0;
	}
	*more = 0;
	return 0;
}

static int
sweep_start(struct cs *cs, struct sweep_pos *p)
{
	int	 rc;

	memset(p, 0, sizeof(*p));
	snprintf(p->what, sizeof(p->what), "%s sweep", getprogname());
	progress_begin(&p->pr, p->what, "ticket", NULL);
	if ((p->tickets = reallocarray(NULL, NSOURCES * SWEEP_CHUNK,
	    sizeof(*p->tickets))) == NULL)
		err(CS_SOFTWARE, NULL);
	if ((rc = db_lookup(cs->db, last_sql, NULL, 0, &p->last, 1)) != 0)
		return cs_error(cs, rc == CS_NOINPUT ? CS_SOFTWARE : rc,
		    "cannot read the escalations");
	return 0;
}

int
escalation_sweep(struct cs *cs, struct out *o, size_t *nmade)
{
	struct sweep_pos	 p;
	struct sweep_lines	 out;
	size_t			 i;
	int			 rc, more = 1;

	memset(&out, 0, sizeof(out));
	*nmade = 0;
	if ((rc = sweep_start(cs, &p)) != 0)
		goto done;
	while (more && rc == 0) {
		if ((rc = sweep_chunk(cs, &p, &out, &more)) != 0)
			break;
		for (i = 0; i < out.n; i++)
			if (out.l[i].esc != 0)
				(*nmade)++;
		rc = lines_print(&out, o);
	}
done:
	progress_end(&p.pr);
	lines_clear(&out);
	free(out.l);
	free(p.tickets);
	return rc;
}

int
sweep_run(struct cs *cs, int dry, FILE *fp)
{
	struct sweep_pos	 p;
	struct sweep_lines	 out;
	struct out_opts		 so;
	struct out		*o;
	size_t			 n;
	int			 rc, more = 1;

	so = cs->out;
	if (so.mode == OUT_AUTO)
		so.mode = out_is_table(&cs->out) ? OUT_TABLE : OUT_TSV;
	if ((o = out_open(fp, sweep_cols, sweep_ncols, &so)) == NULL)
		return CS_USAGE;
	cs->err[0] = '\0';
	if (dry) {
		/* Every chunk in one transaction, and none of it kept. */
		if ((rc = cs_begin(cs)) == 0) {
			rc = escalation_sweep(cs, o, &n);
			db_rollback(cs->db);
		}
		if (rc != 0 && cs->err[0] != '\0')
			warnx("sweep: %s", cs->err);
		out_close(o);
		return rc;
	}
	memset(&out, 0, sizeof(out));
	if ((rc = sweep_start(cs, &p)) != 0)
		goto done;
	while (more) {
		if ((rc = cs_begin(cs)) != 0)
			break;
		if ((rc = sweep_chunk(cs, &p, &out, &more)) != 0) {
			db_rollback(cs->db);
			break;
		}
		if ((rc = db_commit(cs->db)) != 0)
			break;
		if ((rc = lines_print(&out, o)) != 0)
			break;
		out_flush(fp);
		/* Writers waiting for the lock go first. */
		if (more)
			db_yield(cs->db);
	}
done:
	progress_end(&p.pr);
	if (rc != 0 && cs->err[0] != '\0')
		warnx("sweep: %s", cs->err);
	lines_clear(&out);
	free(out.l);
	free(p.tickets);
	if (rc != 0) {
		out_close(o);
		return rc;
	}
	if ((rc = out_close(o)) != 0)
		return rc;
	return escalation_notify_pending(cs);
}

/* ---- idle and warn-before in cs.conf ---- */

static int
kw_warn_before(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;

	if (argc != 2 || fee_duration(argv[1], &c->warn_before) == -1) {
		conf_err(p, "usage: warn-before DURATION (0 for none)");
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_idle(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct idle_rule	 r;
	const char		*errstr;
	char			*eq;
	int			 i;

	if (!c->idle_set) {
		c->nidle = 0;
		c->idle_set = 1;
	}
	if (argc == 2 && strcmp(argv[1], "none") == 0)
		return 0;
	memset(&r, 0, sizeof(r));
	if (argc < 3 || word_index(ticket_statuses, argv[1]) == -1 ||
	    strcmp(argv[1], "closed") == 0)
		goto usage;
	strlcpy(r.status, argv[1], sizeof(r.status));
	if (duration_parse(argv[2], &r.after, &errstr) == -1) {
		conf_err(p, "idle %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	for (i = 3; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL)
			goto usage;
		*eq++ = '\0';
		if (strcmp(argv[i], "category") == 0 &&
		    word_index(ticket_categories, eq) != -1)
			strlcpy(r.category, eq, sizeof(r.category));
		else if (strcmp(argv[i], "channel") == 0 &&
		    word_index(ticket_channels, eq) != -1)
			strlcpy(r.channel, eq, sizeof(r.channel));
		else {
			conf_err(p, "idle: %s=%s: no such match", argv[i], eq);
			return CS_CONFIG;
		}
	}
	if (c->nidle == sizeof(c->idle) / sizeof(c->idle[0])) {
		conf_err(p, "too many idle rules");
		return CS_CONFIG;
	}
	c->idle[c->nidle++] = r;
	return 0;
usage:
	conf_err(p, "usage: idle open|pending|resolved DURATION [category=C] "
	    "[channel=W], or idle none");
	return CS_CONFIG;
}

static const struct conf_keyword sweep_keywords[] = {
	{ "idle",		kw_idle },
	{ "warn-before",	kw_warn_before },
	{ NULL,			NULL },
};

static void
add_idle(struct rules *c, const char *status, const char *category,
    const char *channel, int64_t after)
{
	struct idle_rule	*r = &c->idle[c->nidle++];

	strlcpy(r->status, status, sizeof(r->status));
	strlcpy(r->category, category, sizeof(r->category));
	strlcpy(r->channel, channel, sizeof(r->channel));
	r->after = after;
}

static void
sweep_defaults(struct rules *c)
{
	/*
	 * Idle tickets: a chat with no word from the customer for 10
	 * minutes, harassment going on 5 minutes after a warning (the
	 * warning puts it pending), and no answer within an hour after a
	 * solution was given.
	 */
	add_idle(c, "pending", "", "chat", 10 * 60);
	add_idle(c, "pending", "harassment", "", 5 * 60);
	add_idle(c, "resolved", "", "", 3600);
}

static void
sweep_print(const struct rules *c, FILE *fp)
{
	char	 a[32];
	size_t	 i;

	if (c->warn_before > 0)
		duration_format(c->warn_before, a, sizeof(a));
	else
		strlcpy(a, "0", sizeof(a));
	fprintf(fp, "warn-before %s\n", a);
	if (c->nidle == 0)
		fputs("idle none\n", fp);
	for (i = 0; i < c->nidle; i++) {
		duration_format(c->idle[i].after, a, sizeof(a));
		fprintf(fp, "idle %s %s", c->idle[i].status, a);
		if (c->idle[i].category[0])
			fprintf(fp, " category=%s", c->idle[i].category);
		if (c->idle[i].channel[0])
			fprintf(fp, " channel=%s", c->idle[i].channel);
		fputc('\n', fp);
	}
}

const struct rule_conf sweep_conf = {
	sweep_keywords, sweep_defaults, sweep_print, NULL
};
