/*
 * escalation.c: the escalation ladder (升级).  A ticket goes up a level
 * (1 the agent who holds it, 2 the supervisor, 3 the manager) or over to
 * a department; each escalation has an owner and a deadline to be
 * acknowledged by, on the ticket's calendar unless the ladder says
 * 24x7.  Acknowledging is not solving: an acknowledged ladder escalation
 * is to be solved by its level's solve time, or the sweep takes it a
 * level up.  Level 3 takes an incident report (事故报告) written at level
 * 2; one the sweep raised without it is flagged and the level-2 owner
 * told to write it.  An escalation ends with its cause: the ticket
 * resolved or closed, the deadline a warning was raised for met.  The
 * sweep (sweep.c) raises what breached its SLA and what nobody
 * acknowledged or solved; notify.c tells the owners.  The cs.conf
 * keywords `ladder' and `department'.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

#define ROLE_BOSS	(ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN)

static const char *const escalation_statuses[] = {
	"open", "acked", "resolved", "superseded", NULL
};

static const char ticket_sql[] =
    "SELECT status, assignee, subject, sla FROM ticket WHERE id = $1";
/*
 * The ladder level a ticket stands at: its own live ladder escalations
 * (those of its incident are the incident's); [1] the same of an
 * incident.
 */
#define LIVE_OF(who)							\
    " WHERE " who " AND level IS NOT NULL AND status IN ('open','acked')"
#define OWN	"ticket_id = $1 AND incident_id IS NULL"
#define INC	"incident_id = $1"
static const char *const level_sql[] = {
    "SELECT coalesce(max(level), 0), (SELECT id FROM escalation"
    LIVE_OF(OWN) " ORDER BY level DESC, id DESC LIMIT 1)"
    " FROM escalation" LIVE_OF(OWN),
    "SELECT coalesce(max(level), 0), (SELECT id FROM escalation"
    LIVE_OF(INC) " ORDER BY level DESC, id DESC LIMIT 1)"
    " FROM escalation" LIVE_OF(INC),
};
static const char *const superseded_sql[] = {
    "SELECT id FROM escalation" LIVE_OF(OWN),
    "SELECT id FROM escalation" LIVE_OF(INC),
};
static const char *const supersede_sql[] = {
    "UPDATE escalation SET status = 'superseded', updated_at = $2"
    LIVE_OF(OWN),
    "UPDATE escalation SET status = 'superseded', updated_at = $2"
    LIVE_OF(INC),
};
static const char insert_sql[] =
    "INSERT INTO escalation (ticket_id, level, department, owner, reason,"
    " cause, due, agent, raised_by, created_at, updated_at, warning,"
    " incident_id)"
    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10,$11,$12) RETURNING id";
/*
 * Level 3 carries the incident report of the level 2 it ends; without
 * one, the level-2 owner ($3) is to write it.
 */
static const char carry_report_sql[] =
    "UPDATE escalation SET report = (SELECT report FROM escalation"
    " WHERE id = $2), reported_at = (SELECT reported_at FROM escalation"
    " WHERE id = $2), report_by = CASE WHEN (SELECT report FROM"
    " escalation WHERE id = $2) IS NULL THEN $3 END WHERE id = $1";
static const char get_sql[] =
    "SELECT e.status, e.level, e.department, e.owner, e.report,"
    " e.ticket_id, coalesce(e.report_by, '') FROM escalation e"
    " WHERE e.id = $1";

/*
 * The ticket an escalation is about must still be worked on; but an
 * incident's climb is the incident's, whatever became of the ticket it
 * was raised from (any).
 */
static int
ticket_live(struct cs *cs, int64_t ticket, int any, char *assignee,
    size_t alen, char *sla, size_t slen)
{
	struct db_stmt	*st;
	const char	*s;
	int		 rc;

	if ((rc = cs_get(cs, ticket_sql, ID_TICKET, ticket, &st)) != 0)
		return rc;
	s = db_col_text(st, 0);
	if (!any && strcmp(s, "open") != 0 && strcmp(s, "pending") != 0) {
		rc = cs_error(cs, CS_DATAERR, "T%lld is %s: reopen it before "
		    "escalating", (long long)ticket, s);
		db_reset(st);
		return rc;
	}
	s = db_col_text(st, 1);
	strlcpy(assignee, s ? s : "", alen);
	s = db_col_text(st, 3);
	strlcpy(sla, s ? s : "", slen);
	db_reset(st);
	return 0;
}

/*
 * dur after from on the calendar of the ticket's SLA policy (sla), or
 * on the clock when always is set or it has none.
 */
static int64_t
esc_deadline(struct cs *cs, const char *sla, int64_t from, int64_t dur,
    int always)
{
	const struct sla_policy	*p;
	int64_t			 due;

	if (!always && sla != NULL && *sla != '\0' &&
	    (p = sla_named(&cs->rules, sla)) != NULL &&
	    sla_due(&cs->rules, p, from, dur, &due) == 0)
		return due;
	return from + dur;
}

/* The live ladder level of a ticket (incident 0) or of an incident. */
static int
ticket_level(struct cs *cs, int64_t ticket, int64_t incident, int *level,
    int64_t *current)
{
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, level_sql[incident != 0])) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, incident ? incident : ticket);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return cs_error(cs, db_fail(cs->db, "escalation"), "T%lld: "
		    "cannot read its escalations", (long long)ticket);
	}
	*level = db_col_int(st, 0);
	*current = db_col_int(st, 1);
	db_reset(st);
	return 0;
}

const struct department *
department_find(const struct rules *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->ndepts; i++)
		if (strcmp(c->depts[i].name, name) == 0)
			return &c->depts[i];
	return NULL;
}

/* 1 if name can own an escalation: an agent, a queue or a role. */
static int
owner_ok(const struct config *c, const char *name)
{
	return role_parse(name) > 0 || agent_assignable(c, name);
}

static int
has_report(struct cs *cs, int64_t esc)
{
	int64_t	 n;

	return db_lookup(cs->db, "SELECT report IS NOT NULL FROM escalation"
	    " WHERE id = $1", NULL, esc, &n, 1) == 0 && n;
}

int
escalation_raise(struct cs *cs, int64_t ticket, struct escalation_in *in,
    int64_t *id)
{
	const struct department	*dept = NULL;
	struct db_stmt		*st;
	struct jbuf		 j;
	char			 assignee[128], owner[128], rec[32], sla[32];
	char			 before[64];
	int64_t			 current = 0, due, whose;
	int			 level = 0, rc;

	if (in->reason == NULL || *in->reason == '\0')
		return cs_error(cs, CS_DATAERR, "an escalation needs a reason");
	if ((rc = text_ok(cs, "reason", in->reason, 1000)) != 0)
		return rc;
	if ((rc = ticket_live(cs, ticket, in->incident != 0 &&
	    in->cause != NULL, assignee, sizeof(assignee), sla,
	    sizeof(sla))) != 0 || (rc = ticket_level(cs, ticket,
	    in->incident, &level, &current)) != 0)
		return rc;
	whose = in->incident ? in->incident : ticket;
	if (in->department != NULL) {
		if ((dept = department_find(&cs->rules, in->department)) ==
		    NULL) {
			char	 all[512];
			size_t	 i;

			all[0] = '\0';
			for (i = 0; i < cs->rules.ndepts; i++) {
				strlcat(all, i ? " " : "", sizeof(all));
				strlcat(all, cs->rules.depts[i].name,
				    sizeof(all));
			}
			return cs_error(cs, CS_DATAERR, "unknown department "
			    "\"%s\" (%s)", in->department, all);
		}
		strlcpy(owner, dept->owner, sizeof(owner));
		due = esc_deadline(cs, sla, cs->now, dept->due, dept->always);
	} else {
		/* The sweep's "one up": nothing to do at the top. */
		if (in->level == 0 && (in->level = level + 1) > 3) {
			*id = 0;
			return 0;
		}
		if (in->level < 1 || in->level > 3)
			return cs_error(cs, CS_SOFTWARE, "level %d", in->level);
		if (in->level <= level)
			return cs_error(cs, CS_DATAERR, "T%lld is at level %d "
			    "already (E%lld)", (long long)ticket, level,
			    (long long)current);
		/* A person takes it to the manager with a report. */
		if (in->level == 3 && in->cause == NULL &&
		    (level != 2 || !has_report(cs, current)))
			return cs_error(cs, CS_DATAERR, level == 2 ?
			    "E%lld has no incident report: write one with "
			    "cs-escalate report E%lld before level 3" :
			    "T%lld: level 3 needs a level-2 escalation with "
			    "an incident report", (long long)(level == 2 ?
			    current : ticket), (long long)current);
		strlcpy(owner, cs->rules.ladder[in->level].owner,
		    sizeof(owner));
		/*
		 * Level 1 is whoever holds the ticket; with nobody, the
		 * one who raised it, and for the sweep any agent.
		 */
		if (*owner == '\0')
			strlcpy(owner, *assignee ? assignee : in->cause ?
			    "agent" : cs->actor.name, sizeof(owner));
		due = esc_deadline(cs, sla, cs->now,
		    cs->rules.ladder[in->level].due,
		    cs->rules.ladder[in->level].always);
	}
	if (in->owner != NULL) {
		if (!cs_name_ok(in->owner) || !owner_ok(&cs->conf, in->owner))
			return cs_error(cs, CS_DATAERR, "%s: not an agent, "
			    "queue or role", in->owner);
		strlcpy(owner, in->owner, sizeof(owner));
	}
	/* Who held the level below, to write the report level 3 needs. */
	before[0] = '\0';
	if (dept == NULL && current != 0 && db_lookup_text(cs->db,
	    "SELECT owner FROM escalation WHERE id = $1", current, before,
	    sizeof(before)) != 0)
		return cs_error(cs, CS_SOFTWARE, "E%lld: cannot read it",
		    (long long)current);
	if (dept == NULL) {
		/* The new escalation's record carries the ones it ends. */
		if ((st = db_stmt(cs->db, superseded_sql[in->incident != 0])) ==
		    NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, whose);
		while ((rc = db_step(st)) == DB_ROW)
			db_touch(cs->db, ID_ESCALATION, db_col_int(st, 0));
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "T%lld: cannot read its escalations",
			    (long long)ticket);
		if ((st = db_stmt(cs->db, supersede_sql[in->incident != 0])) ==
		    NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, whose);
		db_bind_int(st, 2, cs->now);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "T%lld: cannot update", (long long)ticket);
	}
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, ticket);
	if (dept == NULL)
		db_bind_int(st, 2, in->level);
	db_bind_text(st, 3, dept ? dept->name : NULL);
	db_bind_text(st, 4, owner);
	db_bind_text(st, 5, in->reason);
	db_bind_text(st, 6, in->cause);
	db_bind_int(st, 7, due);
	db_bind_text(st, 8, *assignee ? assignee : NULL);
	db_bind_text(st, 9, cs->actor.name);
	db_bind_int(st, 10, cs->now);
	db_bind_text(st, 11, in->warning);
	if (in->incident)
		db_bind_int(st, 12, in->incident);
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "T%lld: "
		    "cannot escalate", (long long)ticket);
	if (dept == NULL && in->level == 3) {
		if ((st = db_stmt(cs->db, carry_report_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, *id);
		db_bind_int(st, 2, current);
		db_bind_text(st, 3, *before ? before :
		    cs->rules.ladder[2].owner);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "E%lld: cannot update", (long long)*id);
	}
	jbuf_init(&j);
	id_format(ID_TICKET, ticket, rec, sizeof(rec));
	jbuf_str(&j, "ticket", rec);
	if (dept != NULL)
		jbuf_str(&j, "department", dept->name);
	else
		jbuf_int(&j, "level", in->level);
	jbuf_str(&j, "owner", owner);
	jbuf_str(&j, "reason", in->reason);
	if (in->cause != NULL)
		jbuf_str(&j, "cause", in->cause);
	if (in->warning != NULL)
		jbuf_str(&j, "warning", in->warning);
	if (in->incident) {
		id_format(ID_INCIDENT, in->incident, rec, sizeof(rec));
		jbuf_str(&j, "incident", rec);
	}
	return cs_audit(cs, ID_ESCALATION, *id, "escalation.raise", &j);
}

struct esc_state {
	char	 status[16];
	int	 level;		/* 0 for a department */
	char	 department[32];
	char	 owner[64];
	int	 reported;
	int64_t	 ticket;
	char	 report_by[64];	/* the level-2 owner, on a level 3 */
};

static int
esc_get(struct cs *cs, int64_t id, struct esc_state *e)
{
	struct db_stmt	*st;
	const char	*s;
	int		 rc;

	if ((rc = cs_get(cs, get_sql, ID_ESCALATION, id, &st)) != 0)
		return rc;
	strlcpy(e->status, db_col_text(st, 0), sizeof(e->status));
	e->level = db_col_int(st, 1);
	s = db_col_text(st, 2);
	strlcpy(e->department, s ? s : "", sizeof(e->department));
	strlcpy(e->owner, db_col_text(st, 3), sizeof(e->owner));
	e->reported = !db_col_null(st, 4);
	e->ticket = db_col_int(st, 5);
	strlcpy(e->report_by, db_col_text(st, 6), sizeof(e->report_by));
	db_reset(st);
	return 0;
}

/*
 * Who may acknowledge or resolve: the owner by name, an agent holding
 * the role the owner names, and supervisors, managers and admins —
 * but level 3 is the manager's.
 */
static int
may_act(struct cs *cs, const struct esc_state *e, int64_t id,
    const char *what)
{
	int	 roles = role_parse(e->owner), boss = ROLE_BOSS;

	if (e->level == 3)
		boss = ROLE_MANAGER | ROLE_ADMIN;
	if (strcmp(e->owner, cs->actor.name) == 0 ||
	    (roles > 0 && (cs->actor.roles & roles)) ||
	    (cs->actor.roles & boss))
		return 0;
	return cs_error(cs, CS_NOPERM, "E%lld: %s may not %s it (owner %s)",
	    (long long)id, cs->actor.name, what, e->owner);
}

static int
esc_update(struct cs *cs, int64_t id, const char *sql, const char *text)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	if (text != NULL)
		db_bind_text(st, 2, text);
	db_bind_int(st, 3, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "E%lld: "
		    "cannot update", (long long)id);
	return 0;
}

int
escalation_ack(struct cs *cs, int64_t id)
{
	const struct department *dept = NULL;
	struct esc_state e;
	struct jbuf	 j;
	int		 rc;

	if ((rc = esc_get(cs, id, &e)) != 0)
		return rc;
	if (strcmp(e.status, "open") != 0)
		return cs_error(cs, CS_DATAERR, "E%lld is %s: only an open "
		    "escalation is acknowledged", (long long)id, e.status);
	if ((rc = may_act(cs, &e, id, "acknowledge")) != 0)
		return rc;
	if ((rc = esc_update(cs, id, "UPDATE escalation SET status = 'acked',"
	    " acked_at = $1, updated_at = $1 WHERE id = $3",
	    NULL)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "by", cs->actor.name);
	/*
	 * Acknowledging is not solving: its level's time to solve it, or
	 * its department's (one no longer configured has none).
	 */
	if (e.level > 0 || (dept = department_find(&cs->rules,
	    e.department)) != NULL) {
		struct db_stmt	*st;
		char		 sla[32], when[64];
		int64_t		 due, solve;
		int		 always;

		if ((rc = db_lookup_text(cs->db, "SELECT coalesce(sla, '')"
		    " FROM ticket WHERE id = $1", e.ticket, sla,
		    sizeof(sla))) != 0)
			return cs_error(cs, rc, "T%lld: cannot read it",
			    (long long)e.ticket);
		solve = dept ? dept->solve : cs->rules.ladder[e.level].solve;
		always = dept ? dept->always : cs->rules.ladder[e.level].always;
		due = esc_deadline(cs, sla, cs->now, solve, always);
		if ((st = db_stmt(cs->db, "UPDATE escalation SET solve_due = $1"
		    " WHERE id = $2")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, due);
		db_bind_int(st, 2, id);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "E%lld: cannot update", (long long)id);
		clock_format_iso(due, when, sizeof(when));
		jbuf_str(&j, "solve_by", when);
	}
	return cs_audit(cs, ID_ESCALATION, id, "escalation.ack", &j);
}

/* 1 if the actor is who (an agent by name, or a role it holds). */
static int
is_who(struct cs *cs, const char *who)
{
	int	 roles = role_parse(who);

	return *who != '\0' && (strcmp(who, cs->actor.name) == 0 ||
	    (roles > 0 && (cs->actor.roles & roles)));
}

/*
 * The incident report is the level-2 owner's to write (the owner of a
 * level 2, report_by of a level 3 raised without it), or a role's of
 * report-roles: the manager it goes to reads what the level below
 * found, not what anyone happened to type.
 */
static int
may_report(struct cs *cs, const struct esc_state *e, int64_t id)
{
	const char	*l2 = e->level == 2 ? e->owner : e->level == 3 ?
			    e->report_by : "";
	char		 roles[128];
	size_t		 i;

	if (is_who(cs, l2) || (cs->actor.roles & cs->rules.report_roles))
		return 0;
	roles[0] = '\0';
	for (i = 0; role_names[i] != NULL; i++)
		if (cs->rules.report_roles & (1 << i)) {
			strlcat(roles, *roles ? "," : "", sizeof(roles));
			strlcat(roles, role_names[i], sizeof(roles));
		}
	if (*l2 != '\0')
		return cs_error(cs, CS_NOPERM, "E%lld: %s may not write its "
		    "incident report (level-2 owner %s; report-roles %s)",
		    (long long)id, cs->actor.name, l2, *roles ? roles : "none");
	return cs_error(cs, CS_NOPERM, "E%lld: %s may not write its incident "
	    "report (report-roles %s)", (long long)id, cs->actor.name,
	    *roles ? roles : "none");
}

int
escalation_report(struct cs *cs, int64_t id, const char *text)
{
	struct esc_state e;
	struct jbuf	 j;
	int		 rc;

	if ((rc = text_ok(cs, "incident report", text, CS_TEXT_MAX)) != 0 ||
	    (rc = esc_get(cs, id, &e)) != 0)
		return rc;
	if (strcmp(e.status, "open") != 0 && strcmp(e.status, "acked") != 0)
		return cs_error(cs, CS_DATAERR, "E%lld is %s: the report goes "
		    "on a live escalation", (long long)id, e.status);
	if ((rc = may_report(cs, &e, id)) != 0)
		return rc;
	if ((rc = esc_update(cs, id, "UPDATE escalation SET report = $2,"
	    " reported_at = $1, updated_at = $1 WHERE id = $3", text)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "report", text);
	return cs_audit(cs, ID_ESCALATION, id, "escalation.report", &j);
}

/*
 * A department's fix reaches the desk: the ticket is marked fixed, the
 * customer not yet told, until its next reply; the escalation is to be
 * told of again, now to the ticket's holder (notify.c).
 */
static int
esc_fixed(struct cs *cs, int64_t id, int64_t ticket)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 rec[32];
	int		 rc;

	if ((st = db_stmt(cs->db, "UPDATE ticket SET fixed_at = $1,"
	    " fixed_by = $2 WHERE id = $3")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, ticket);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "ticket"), "T%lld: cannot "
		    "update", (long long)ticket);
	if ((st = db_stmt(cs->db, "UPDATE escalation SET notice = 'fixed',"
	    " notified_at = NULL, notify_by = NULL, notify_until = NULL,"
	    " notify_attempts = 0, notify_error = NULL WHERE id = $1")) ==
	    NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "E%lld: "
		    "cannot update", (long long)id);
	jbuf_init(&j);
	id_format(ID_ESCALATION, id, rec, sizeof(rec));
	jbuf_str(&j, "escalation", rec);
	return cs_audit(cs, ID_TICKET, ticket, "ticket.fixed", &j);
}

int
escalation_may_resolve(struct cs *cs, int64_t id)
{
	struct esc_state e;
	int		 rc;

	if ((rc = esc_get(cs, id, &e)) != 0)
		return rc;
	return may_act(cs, &e, id, "resolve");
}

int
escalation_resolve(struct cs *cs, int64_t id, const char *note)
{
	struct esc_state e;
	struct jbuf	 j;
	int		 rc;

	if (note != NULL && (rc = text_ok(cs, "note", note, 1000)) != 0)
		return rc;
	if ((rc = esc_get(cs, id, &e)) != 0)
		return rc;
	if (strcmp(e.status, "open") != 0 && strcmp(e.status, "acked") != 0)
		return cs_error(cs, CS_DATAERR, "E%lld is %s already",
		    (long long)id, e.status);
	if ((rc = may_act(cs, &e, id, "resolve")) != 0)
		return rc;
	if ((rc = esc_update(cs, id, "UPDATE escalation SET status ="
	    " 'resolved', resolved_at = $1, updated_at = $1,"
	    " acked_at = coalesce(acked_at, $1), ended = 'solved',"
	    " ended_by = $2 WHERE id = $3", cs->actor.name)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "by", cs->actor.name);
	if (note != NULL)
		jbuf_str(&j, "note", note);
	if ((rc = cs_audit(cs, ID_ESCALATION, id, "escalation.resolve",
	    &j)) != 0 || e.level > 0)
		return rc;
	return esc_fixed(cs, id, e.ticket);
}

/* End one live escalation: ended says how, why says why; audited. */
static int
esc_end(struct cs *cs, int64_t id, const char *ended, const char *why,
    const char *action)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	int		 rc;

	/* Superseded as a raise supersedes: not resolved, and no time. */
	if ((st = db_stmt(cs->db, "UPDATE escalation SET status = CASE WHEN"
	    " $2 = 'superseded' THEN 'superseded' ELSE 'resolved' END,"
	    " resolved_at = CASE WHEN $2 = 'superseded' THEN resolved_at"
	    " ELSE $1 END, updated_at = $1, ended = $2, ended_by = $3,"
	    " ended_why = $4 WHERE id = $5 AND status IN ('open','acked')")) ==
	    NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_text(st, 2, ended);
	db_bind_text(st, 3, cs->actor.name);
	db_bind_text(st, 4, why);
	db_bind_int(st, 5, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "E%lld: "
		    "cannot update", (long long)id);
	jbuf_init(&j);
	jbuf_str(&j, "by", cs->actor.name);
	jbuf_str(&j, "why", why);
	return cs_audit(cs, ID_ESCALATION, id, action, &j);
}

/* The IDs the statement (bound to $1) reads, into *v (to free). */
static int
esc_ids(struct cs *cs, const char *sql, int64_t arg, int64_t **v, size_t *n,
    char ***text)
{
	struct db_stmt	*st;
	int		 rc;

	*v = NULL;
	*n = 0;
	if (text != NULL)
		*text = NULL;
	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, arg);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((*v = reallocarray(*v, *n + 1, sizeof(**v))) == NULL)
			err(CS_SOFTWARE, NULL);
		(*v)[*n] = db_col_int(st, 0);
		if (text != NULL) {
			if ((*text = reallocarray(*text, *n + 1,
			    sizeof(**text))) == NULL ||
			    ((*text)[*n] = strdup(db_col_text(st, 1))) ==
			    NULL)
				err(CS_SOFTWARE, NULL);
		}
		(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "cannot "
		    "read the escalations");
	return 0;
}

int
escalation_end(struct cs *cs, int type, int64_t id, const char *why)
{
	int64_t	*v;
	size_t	 n, i;
	int	 rc;

	if ((rc = esc_ids(cs, type == ID_INCIDENT ? "SELECT id FROM escalation"
	    " WHERE incident_id = $1 AND status IN ('open','acked')"
	    " ORDER BY id" : "SELECT id FROM escalation WHERE ticket_id = $1"
	    " AND incident_id IS NULL AND status IN ('open','acked')"
	    " ORDER BY id", id, &v, &n, NULL)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = esc_end(cs, v[i], "ended", why, "escalation.end");
	free(v);
	return rc;
}

/*
 * One live ladder escalation a ticket: after a merge brought another's,
 * all but the highest (the newest of its level, read first) are
 * superseded by it, as raising one up the ladder supersedes them.
 */
static int
ladder_one(struct cs *cs, int64_t ticket, const char *merged)
{
	char	 why[128];
	int64_t	*v;
	size_t	 n, i;
	int	 rc;

	if ((rc = esc_ids(cs, "SELECT id FROM escalation" LIVE_OF(OWN)
	    " ORDER BY level DESC, id DESC", ticket, &v, &n, NULL)) != 0)
		return rc;
	if (n > 1)
		snprintf(why, sizeof(why), "%s: E%lld stands", merged,
		    (long long)v[0]);
	for (i = 1; i < n && rc == 0; i++)
		rc = esc_end(cs, v[i], "superseded", why, "escalation.end");
	free(v);
	return rc;
}

int
escalation_move(struct cs *cs, int64_t from, int64_t into, char **moved)
{
	char	 why[64];
	int	 rc;

	if ((rc = cs_move(cs, "SELECT id FROM escalation WHERE ticket_id = $1"
	    " AND cause IS NULL AND incident_id IS NULL AND status IN"
	    " ('open','acked') ORDER BY id", "UPDATE escalation SET"
	    " ticket_id = $1, updated_at = $2 WHERE id = $3", ID_ESCALATION,
	    "escalation.move", from, into, moved)) != 0)
		return rc;
	snprintf(why, sizeof(why), "T%lld merged into T%lld", (long long)from,
	    (long long)into);
	if ((rc = escalation_end(cs, ID_TICKET, from, why)) != 0)
		return rc;
	return ladder_one(cs, into, why);
}

/* 1 if every token of the comma list warned is in the list met. */
static int
tokens_in(const char *warned, const char *met)
{
	char	 buf[256], pat[64], *p, *w;

	if (strlcpy(buf, warned, sizeof(buf)) >= sizeof(buf))
		return 0;
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		if (*w == '\0')
			continue;
		snprintf(pat, sizeof(pat), ",%s,", w);
		if (strstr(met, pat) == NULL)
			return 0;
	}
	return 1;
}

int
escalation_met(struct cs *cs, int64_t ticket)
{
	struct db_stmt	*st;
	char		 met[128], why[160], **warned = NULL;
	int64_t		*v = NULL;
	size_t		 n = 0, i;
	int		 rc = 0, fixed;

	/* What this reply meets: the first response, the next update. */
	if ((st = db_stmt(cs->db, "SELECT first_response_at IS NULL AND"
	    " first_response_due >= $2, update_due IS NOT NULL AND"
	    " update_due >= $2, update_due, fixed_at IS NOT NULL"
	    " FROM ticket WHERE id = $1")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, ticket);
	db_bind_int(st, 2, cs->now);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return 0;
	}
	strlcpy(met, ",", sizeof(met));
	why[0] = '\0';
	if (db_col_int(st, 0)) {
		strlcat(met, "response,", sizeof(met));
		strlcpy(why, "first response in time", sizeof(why));
	}
	if (db_col_int(st, 1)) {
		char	 tok[48];

		snprintf(tok, sizeof(tok), "update@%lld,",
		    (long long)db_col_int(st, 2));
		strlcat(met, tok, sizeof(met));
		strlcat(why, *why ? "; update in time" : "update in time",
		    sizeof(why));
	}
	fixed = db_col_int(st, 3) != 0;
	db_reset(st);
	/* The customer is told now. */
	if (fixed) {
		if ((st = db_stmt(cs->db, "UPDATE ticket SET fixed_at = NULL,"
		    " fixed_by = NULL WHERE id = $1")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, ticket);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "ticket"), "T%lld: "
			    "cannot update", (long long)ticket);
	}
	if (strcmp(met, ",") == 0)
		return 0;
	if ((rc = esc_ids(cs, "SELECT id, warning FROM escalation WHERE"
	    " ticket_id = $1 AND status IN ('open','acked') AND"
	    " warning IS NOT NULL ORDER BY id", ticket, &v, &n, &warned)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (rc == 0 && tokens_in(warned[i], met))
			rc = esc_end(cs, v[i], "withdrawn", why,
			    "escalation.withdraw");
		free(warned[i]);
	}
	free(warned);
	free(v);
	return rc;
}

int
escalation_incident(struct cs *cs, int64_t ticket, int64_t *incident,
    int *level)
{
	int64_t	 cur;
	int	 rc;

	*incident = 0;
	*level = 0;
	rc = db_lookup(cs->db, "SELECT l.incident_id FROM incident_ticket l"
	    " JOIN incident i ON i.id = l.incident_id WHERE l.ticket_id = $1"
	    " AND i.status = 'open' ORDER BY l.incident_id LIMIT 1", NULL,
	    ticket, incident, 1);
	if (rc == CS_NOINPUT) {
		*incident = 0;
		return 0;
	}
	if (rc != 0)
		return cs_error(cs, rc, "T%lld: cannot read its incident",
		    (long long)ticket);
	return ticket_level(cs, ticket, *incident, level, &cur);
}

/* ---- reading ---- */

/* The TSV/JSON contract of `cs-escalate ls`: append only. */
const struct out_col escalation_cols[] = {
	{ "id",		"ID",		OUT_ID,	  ID_ESCALATION, 1 },
	{ "ticket",	"TICKET",	OUT_ID,	  ID_TICKET,	1 },
	{ "level",	"LEVEL",	OUT_INT,  0,		1 },
	{ "department",	"DEPT",		OUT_TEXT, 0,		1 },
	{ "status",	"STATUS",	OUT_TEXT, 0,		1 },
	{ "owner",	"OWNER",	OUT_TEXT, 0,		1 },
	{ "due",	"DUE",		OUT_TIME, 0,		1 },
	{ "reason",	"REASON",	OUT_TEXT, OUT_PROSE,	1 },
	{ "created",	"CREATED",	OUT_TIME, 0,		0 },
	{ "raised_by",	"BY",		OUT_TEXT, 0,		0 },
	{ "acked",	"ACKED",	OUT_TIME, 0,		0 },
	{ "resolved",	"RESOLVED",	OUT_TIME, 0,		0 },
	{ "cause",	"CAUSE",	OUT_TEXT, 0,		0 },
	{ "subject",	"SUBJECT",	OUT_TEXT, OUT_PROSE,	0 },
	/* The notify command's delivery: notify.c. */
	{ "notify",	"NOTIFY",	OUT_TEXT, 0,		0 },
	{ "attempts",	"ATTEMPTS",	OUT_INT,  0,		0 },
	{ "notify_error", "NOTIFY ERROR", OUT_TEXT, 0,		0 },
	/* To solve once acknowledged, and how it ended, by whom, why. */
	{ "solve_due",	"SOLVE BY",	OUT_TIME, 0,		0 },
	{ "ended",	"ENDED",	OUT_TEXT, 0,		0 },
	{ "ended_by",	"ENDED BY",	OUT_TEXT, 0,		0 },
	{ "ended_why",	"WHY",		OUT_TEXT, 0,		0 },
	{ "incident",	"INCIDENT",	OUT_ID,	  ID_INCIDENT,	0 },
	/* Level 3 with no incident report, and who is to write it. */
	{ "flag",	"FLAG",		OUT_TEXT, 0,		0 },
	{ "report_by",	"REPORT BY",	OUT_TEXT, 0,		0 },
	{ "warning",	"WARNING",	OUT_TEXT, 0,		0 },
	/*
	 * "overdue": open past its due time, or acknowledged past its solve
	 * time, as of the clock.
	 */
	{ "overdue",	"OVERDUE",	OUT_TEXT, 0,		0 },
};
const int escalation_ncols =
    sizeof(escalation_cols) / sizeof(escalation_cols[0]);

/*
 * Where telling of it stands: done (told, or nobody to tell), pending,
 * claimed (a command running, or killed and its claim not yet
 * expired), retry (failed, to be tried again), failed (no more tries).
 */
#define NOTIFY_STR(n)	#n
#define NOTIFY_NUM(n)	NOTIFY_STR(n)
#define NOTIFY_MAX	NOTIFY_NUM(NOTIFY_ATTEMPTS)
#define NOTIFY_STATE							\
    "CASE WHEN e.notified_at IS NOT NULL THEN 'done'"			\
    " WHEN e.notify_by IS NOT NULL THEN 'claimed'"			\
    " WHEN e.notify_attempts >= " NOTIFY_MAX " THEN 'failed'"		\
    " WHEN e.notify_attempts > 0 THEN 'retry' ELSE 'pending' END"

#define ESC_FLAG							\
    "CASE WHEN e.level = 3 AND e.report IS NULL AND e.status IN"	\
    " ('open','acked') THEN 'no incident report' END"
#define ESC_COLS							\
    "SELECT e.id, e.ticket_id, e.level, e.department, e.status, e.owner,"\
    " e.due, e.reason, e.created_at, e.raised_by, e.acked_at,"		\
    " e.resolved_at, e.cause, t.subject, " NOTIFY_STATE ","		\
    " e.notify_attempts, e.notify_error, e.solve_due, e.ended,"		\
    " e.ended_by, e.ended_why, e.incident_id, " ESC_FLAG ","		\
    " e.report_by, e.warning"						\
    " FROM escalation e JOIN ticket t ON t.id = e.ticket_id"

/* The columns ESC_COLS selects; the last, overdue, is set here. */
enum { ESC_STATUS = 4, ESC_DUE = 6, ESC_SOLVE = 17, ESC_OVERDUE = 25 };
_Static_assert(sizeof(escalation_cols) / sizeof(escalation_cols[0]) ==
    ESC_OVERDUE + 1, "overdue is the last column");

static void
esc_row(struct cs *cs, struct db_stmt *st, struct out_cell *cells)
{
	db_row_cells(st, cells, ESC_OVERDUE);
	cells[ESC_OVERDUE].null = 1;
	cells[ESC_OVERDUE].s = NULL;
	/* Not acknowledged in time, or acknowledged and not solved. */
	if (cells[ESC_STATUS].s != NULL &&
	    ((strcmp(cells[ESC_STATUS].s, "open") == 0 &&
	    !cells[ESC_DUE].null && cells[ESC_DUE].i < cs->now) ||
	    (strcmp(cells[ESC_STATUS].s, "acked") == 0 &&
	    !cells[ESC_SOLVE].null && cells[ESC_SOLVE].i < cs->now))) {
		cells[ESC_OVERDUE].null = 0;
		cells[ESC_OVERDUE].s = "overdue";
	}
}

int
escalation_list(struct cs *cs, const struct escalation_filter *f,
    struct out *o)
{
	struct out_cell	 cells[sizeof(escalation_cols) /
			    sizeof(escalation_cols[0])];
	struct db_stmt	*st;
	struct db_sql	 q;
	int		 n[6] = { 0 };	/* where each filter's $1 is */
	int		 rc, i;

	if (f->status != NULL && word_index(escalation_statuses,
	    f->status) == -1)
		return cs_error(cs, CS_USAGE, "-s %s: not a status (open "
		    "acked resolved superseded)", f->status);
	/* One index: by ticket, else by status, else by time. */
	db_sql_init(&q);
	db_sql_add(&q, ESC_COLS " WHERE true");
	if (f->ticket)
		n[0] = db_sql_add(&q, " AND e.ticket_id = $1");
	if (f->status != NULL)
		n[1] = db_sql_add(&q, " AND e.status = $1");
	else if (!f->all && !f->unnotified)
		db_sql_add(&q, " AND e.status IN ('open','acked')");
	if (f->level)
		n[2] = db_sql_add(&q, " AND e.level = $1");
	if (f->department != NULL)
		n[3] = db_sql_add(&q, " AND e.department = $1");
	if (f->owner != NULL)
		n[4] = db_sql_add(&q, " AND e.owner = $1");
	if (f->overdue)
		n[5] = db_sql_add(&q, " AND ((e.status = 'open' AND e.due < $1)"
		    " OR (e.status = 'acked' AND e.solve_due < $1))");
	if (f->unnotified)
		db_sql_add(&q, " AND e.notified_at IS NULL");
	db_sql_add(&q, " ORDER BY e.id");
	if (db_sql_text(&q) == NULL)
		return cs_error(cs, CS_SOFTWARE, "escalation: query too long");
	if ((st = db_prepare(cs->db, db_sql_text(&q))) == NULL)
		return CS_SOFTWARE;
	if (n[0])
		db_bind_int(st, n[0], f->ticket);
	if (n[1])
		db_bind_text(st, n[1], f->status);
	if (n[2])
		db_bind_int(st, n[2], f->level);
	if (n[3])
		db_bind_text(st, n[3], f->department);
	if (n[4])
		db_bind_text(st, n[4], f->owner);
	if (n[5])
		db_bind_int(st, n[5], cs->now);
	rc = 0;
	/* Open past its due time: marked in a table. */
	out_mark(o, "overdue");
	while (rc == 0 && (i = db_step(st)) == DB_ROW) {
		esc_row(cs, st, cells);
		if ((rc = customer_of_id(cs, ID_ESCALATION, cells[0].i)) == 0)
			rc = out_row(o, cells);
	}
	if (rc == 0 && i != DB_DONE)
		rc = db_fail(cs->db, "escalation");
	db_finalize(st);
	return rc;
}

int
escalation_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const struct out_record show = {
		.cols = escalation_cols,
		.ncols = sizeof(escalation_cols) / sizeof(escalation_cols[0]),
		.width = 11,
		/* -j has the columns of ls -j, as it always had. */
		.json = "id,ticket,level,department,status,owner,due,reason",
	};
	struct out_cell	 cells[sizeof(escalation_cols) /
			    sizeof(escalation_cols[0])];
	struct db_stmt	*st;
	const char	*text;
	char		*masked;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_ESCALATION, id)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, ESC_COLS " WHERE e.id = $1")) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc == DB_DONE) {
			warnx("E%lld: no such escalation", (long long)id);
			return CS_NOINPUT;
		}
		return db_fail(cs->db, "escalation");
	}
	esc_row(cs, st, cells);
	if (cs->out.mode == OUT_JSON) {
		fputc('{', fp);
		rc = out_record_json(fp, &show, cells, cs->out.unmask);
		fputs("}\n", fp);
		db_reset(st);
		return rc;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc != 0)
		return rc;
	if ((st = db_stmt(cs->db, "SELECT report FROM escalation WHERE"
	    " id = $1 AND report IS NOT NULL")) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW) {
		/* Free text, masked as out.c masks an OUT_PROSE column. */
		text = db_col_text(st, 0);
		masked = out_prose(text, cs->out.unmask);
		out_heading(fp, "incident report");
		out_block(fp, masked != NULL ? masked : text);
		free(masked);
	}
	db_reset(st);
	return history_section(cs, ID_ESCALATION, id, fp);
}

/* A live escalation's part of the line in a ticket's record. */
struct live {
	int64_t	 id;
	int	 level;		/* 0: a department's */
	char	 one[256];
};

/* Levels first, the highest first, then departments; each by ID. */
static int
live_cmp(const void *a, const void *b)
{
	const struct live *x = a, *y = b;

	if ((x->level == 0) != (y->level == 0))
		return x->level == 0 ? 1 : -1;
	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
live_add(struct db_stmt *st, struct live **lv, size_t *n)
{
	struct live	*l;
	char		 due[64];

	if ((l = reallocarray(*lv, *n + 1, sizeof(*l))) == NULL)
		err(CS_SOFTWARE, NULL);
	*lv = l;
	l = &l[(*n)++];
	l->id = db_col_int(st, 0);
	l->level = db_col_null(st, 1) ? 0 : (int)db_col_int(st, 1);
	clock_format_local(db_col_int(st, 5), due, sizeof(due));
	if (l->level != 0 && !db_col_null(st, 11))
		snprintf(l->one, sizeof(l->one), "E%lld level %d of N%lld, "
		    "%s, %s", (long long)l->id, l->level,
		    (long long)db_col_int(st, 11), db_col_text(st, 3),
		    db_col_text(st, 4));
	else if (l->level != 0)
		snprintf(l->one, sizeof(l->one), "E%lld level %d, %s, %s",
		    (long long)l->id, l->level, db_col_text(st, 3),
		    db_col_text(st, 4));
	else
		snprintf(l->one, sizeof(l->one), "E%lld %s, %s, %s",
		    (long long)l->id, db_col_text(st, 2), db_col_text(st, 3),
		    db_col_text(st, 4));
	if (strcmp(db_col_text(st, 4), "open") == 0) {
		strlcat(l->one, " (ack by ", sizeof(l->one));
		strlcat(l->one, due, sizeof(l->one));
		strlcat(l->one, ")", sizeof(l->one));
	} else if (!db_col_null(st, 6)) {
		clock_format_local(db_col_int(st, 6), due, sizeof(due));
		strlcat(l->one, " (solve by ", sizeof(l->one));
		strlcat(l->one, due, sizeof(l->one));
		strlcat(l->one, ")", sizeof(l->one));
	}
	if (db_col_int(st, 12))
		strlcat(l->one, ", no incident report", sizeof(l->one));
}

/* An escalation's line in the section: what, how it stands, who, when. */
static void
section_line(struct db_stmt *st, int live, FILE *fp)
{
	char	 at[64], what[96], how[256];

	clock_format_local(db_col_int(st, 7), at, sizeof(at));
	if (!db_col_null(st, 1))
		snprintf(what, sizeof(what), "level %d",
		    (int)db_col_int(st, 1));
	else
		strlcpy(what, db_col_text(st, 2), sizeof(what));
	if (!db_col_null(st, 11)) {
		char	 inc[32];

		id_format(ID_INCIDENT, db_col_int(st, 11), inc, sizeof(inc));
		strlcat(what, " of ", sizeof(what));
		strlcat(what, inc, sizeof(what));
	}
	strlcpy(how, db_col_text(st, 8), sizeof(how));
	if (*db_col_text(st, 9) != '\0') {
		strlcat(how, " by ", sizeof(how));
		strlcat(how, db_col_text(st, 9), sizeof(how));
	}
	if (*db_col_text(st, 10) != '\0') {
		strlcat(how, ": ", sizeof(how));
		strlcat(how, db_col_text(st, 10), sizeof(how));
	}
	if (live && db_col_int(st, 12))
		strlcat(how, ", no incident report", sizeof(how));
	fprintf(fp, "  E%-5lld %s  %s, %s, %s\n", (long long)db_col_int(st, 0),
	    at, what, db_col_text(st, 3), how);
}

/*
 * A ticket's escalations for its show, from one statement: the live
 * ones (open, acknowledged) in one line for its record, in buf ("" if
 * none), and every one, a line each (what, where it stands or how it
 * ended, who, when), as the "escalations" part in *section (NULL if
 * none; the caller frees it).  Two statements to prepare were a tenth
 * of the show.
 */
int
escalation_parts(struct cs *cs, int64_t ticket, char *buf, size_t len,
    char **section)
{
	struct db_stmt	*st;
	struct live	*lv = NULL;
	FILE		*fp = NULL;
	size_t		 n = 0, i, size;
	int		 rc, live;

	buf[0] = '\0';
	*section = NULL;
	if ((st = db_stmt(cs->db, "SELECT id, level, department, owner,"
	    " status, due, solve_due, created_at, coalesce(ended, status),"
	    " coalesce(ended_by, ''), coalesce(ended_why, ''), incident_id,"
	    " level = 3 AND report IS NULL, CASE WHEN incident_id IS NULL OR"
	    " incident_id IN (SELECT incident_id FROM incident_ticket"
	    " WHERE ticket_id = $1) THEN 1 ELSE 0 END, 1"
	    " FROM escalation WHERE ticket_id = $1 UNION ALL"
	    " SELECT id, level, department, owner, status, due, solve_due,"
	    " created_at, status, '', '', incident_id,"
	    " level = 3 AND report IS NULL, 1, 0 FROM escalation"
	    " WHERE incident_id IN (SELECT incident_id FROM incident_ticket"
	    " WHERE ticket_id = $1) AND ticket_id <> $1"
	    " AND status IN ('open','acked') ORDER BY 1")) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ticket);
	while ((rc = db_step(st)) == DB_ROW) {
		/*
		 * Live in its record: its own, and those of the incidents
		 * it is linked to, whichever ticket they were raised from
		 * (their climb is the incident's); in the section, its own
		 * and those live ones.
		 */
		live = (strcmp(db_col_text(st, 4), "open") == 0 ||
		    strcmp(db_col_text(st, 4), "acked") == 0) &&
		    db_col_int(st, 13);
		if (live)
			live_add(st, &lv, &n);
		if (!live && !db_col_int(st, 14))
			continue;
		if (fp == NULL) {
			if ((fp = open_memstream(section, &size)) == NULL)
				err(CS_SOFTWARE, "open_memstream");
			fputs("\nescalations\n", fp);
		}
		section_line(st, live, fp);
	}
	db_reset(st);
	if (fp != NULL && fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	if (n > 1)
		qsort(lv, n, sizeof(*lv), live_cmp);
	for (i = 0; i < n; i++) {
		strlcat(buf, *buf ? "; " : "", len);
		strlcat(buf, lv[i].one, len);
	}
	free(lv);
	if (rc != DB_DONE) {
		free(*section);
		*section = NULL;
		return db_fail(cs->db, "escalation");
	}
	return 0;
}

/* An owner named in cs.conf: a name, checked when it is used. */
static int
owner_word(struct conf_parse *p, const char *kw, const char *o, char *dst,
    size_t len)
{
	if (!cs_name_ok(o) || strlcpy(dst, o, len) >= len) {
		conf_err(p, "%s: bad owner \"%s\"", kw, o);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_ladder(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct ladder_step	*l;
	const char		*errstr;
	long long		 lv;

	int			 i, rc, solve = 0;

	if (argc < 3 || argc > 6) {
		conf_err(p, "usage: ladder LEVEL DURATION [OWNER] "
		    "[solve=DURATION] [24x7]");
		return CS_CONFIG;
	}
	lv = strtonum(argv[1], 1, 3, &errstr);
	if (errstr != NULL) {
		conf_err(p, "ladder %s: levels are 1, 2 and 3", argv[1]);
		return CS_CONFIG;
	}
	l = &c->ladder[lv];
	if (duration_parse(argv[2], &l->due, &errstr) == -1) {
		conf_err(p, "ladder %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	l->owner[0] = '\0';
	l->always = 0;
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "24x7") == 0)
			l->always = 1;
		else if (strncmp(argv[i], "solve=", 6) == 0) {
			if (duration_parse(argv[i] + 6, &l->solve,
			    &errstr) == -1) {
				conf_err(p, "ladder %s %s: %s", argv[1],
				    argv[i], errstr);
				return CS_CONFIG;
			}
			solve = 1;
		} else if (l->owner[0] == '\0') {
			if ((rc = owner_word(p, "ladder", argv[i], l->owner,
			    sizeof(l->owner))) != 0)
				return rc;
		} else {
			conf_err(p, "usage: ladder LEVEL DURATION [OWNER] "
			    "[solve=DURATION] [24x7]");
			return CS_CONFIG;
		}
	}
	/* Without its own, a level is solved in the time to answer it. */
	if (!solve)
		l->solve = l->due;
	return 0;
}

static int
kw_department(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct department	*d = NULL;
	const char		*errstr, *owner = NULL;
	int64_t			 due, solve = -1;
	size_t			 i;
	int			 a, always = 0;

	if (argc < 3 || argc > 6) {
		conf_err(p, "usage: department NAME DURATION [OWNER] "
		    "[solve=DURATION] [24x7]");
		return CS_CONFIG;
	}
	if (!cs_name_ok(argv[1]) || strlen(argv[1]) >= sizeof(d->name)) {
		conf_err(p, "department: bad name \"%s\"", argv[1]);
		return CS_CONFIG;
	}
	if (duration_parse(argv[2], &due, &errstr) == -1) {
		conf_err(p, "department %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	for (a = 3; a < argc; a++) {
		if (strcmp(argv[a], "24x7") == 0)
			always = 1;
		else if (strncmp(argv[a], "solve=", 6) == 0) {
			if (duration_parse(argv[a] + 6, &solve,
			    &errstr) == -1) {
				conf_err(p, "department %s %s: %s", argv[1],
				    argv[a], errstr);
				return CS_CONFIG;
			}
		} else if (owner == NULL)
			owner = argv[a];
		else {
			conf_err(p, "usage: department NAME DURATION [OWNER] "
			    "[solve=DURATION] [24x7]");
			return CS_CONFIG;
		}
	}
	for (i = 0; i < c->ndepts; i++)
		if (strcmp(c->depts[i].name, argv[1]) == 0)
			d = &c->depts[i];
	if (d == NULL) {
		if (c->ndepts == sizeof(c->depts) / sizeof(c->depts[0])) {
			conf_err(p, "too many departments");
			return CS_CONFIG;
		}
		d = &c->depts[c->ndepts++];
		strlcpy(d->name, argv[1], sizeof(d->name));
	}
	d->due = due;
	/* Without its own, solved in the time to answer it, as a level. */
	d->solve = solve == -1 ? due : solve;
	d->always = always;
	return owner_word(p, "department", owner ? owner : argv[1],
	    d->owner, sizeof(d->owner));
}

static int
kw_report_roles(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	int		 bits;

	if (argc != 2 || (bits = role_parse(argv[1])) == -1) {
		conf_err(p, "usage: report-roles ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	c->report_roles = bits;
	return 0;
}

static const struct conf_keyword escalation_keywords[] = {
	{ "department",		kw_department },
	{ "ladder",		kw_ladder },
	{ "report-roles",	kw_report_roles },
	{ NULL,			NULL },
};

static void
escalation_defaults(struct rules *c)
{
	size_t	 i;
	int	 d;

	/*
	 * The ladder of DOMAIN.md: whoever holds the ticket calls back
	 * within 2 hours; then the supervisor; then the manager, who
	 * answers an incident report within 2 hours.
	 */
	for (d = 1; d <= 3; d++)
		c->ladder[d].due = c->ladder[d].solve = 2 * 3600;
	strlcpy(c->ladder[2].owner, "supervisor", sizeof(c->ladder[2].owner));
	strlcpy(c->ladder[3].owner, "manager", sizeof(c->ladder[3].owner));
	/* Besides the level-2 owner, who writes an incident report. */
	c->report_roles = ROLE_SUPERVISOR | ROLE_ADMIN;
	for (i = 1; conf_builtin_queues[i] != NULL; i++) {
		strlcpy(c->depts[c->ndepts].name, conf_builtin_queues[i],
		    sizeof(c->depts[0].name));
		strlcpy(c->depts[c->ndepts].owner, conf_builtin_queues[i],
		    sizeof(c->depts[0].owner));
		c->depts[c->ndepts].solve = 2 * 3600;
		c->depts[c->ndepts++].due = 2 * 3600;
	}
}

static void
escalation_print(const struct rules *c, FILE *fp)
{
	char	 a[32];
	size_t	 i;
	int	 l;

	for (l = 1; l <= 3; l++) {
		duration_format(c->ladder[l].due, a, sizeof(a));
		fprintf(fp, "ladder %d %s%s%s", l, a,
		    c->ladder[l].owner[0] ? " " : "", c->ladder[l].owner);
		if (c->ladder[l].solve != c->ladder[l].due) {
			duration_format(c->ladder[l].solve, a, sizeof(a));
			fprintf(fp, " solve=%s", a);
		}
		fputs(c->ladder[l].always ? " 24x7\n" : "\n", fp);
	}
	for (i = 0; i < c->ndepts; i++) {
		duration_format(c->depts[i].due, a, sizeof(a));
		fprintf(fp, "department %s %s %s", c->depts[i].name, a,
		    c->depts[i].owner);
		if (c->depts[i].solve != c->depts[i].due) {
			duration_format(c->depts[i].solve, a, sizeof(a));
			fprintf(fp, " solve=%s", a);
		}
		fputs(c->depts[i].always ? " 24x7\n" : "\n", fp);
	}
	fputs("report-roles ", fp);
	for (i = 0, l = 0; role_names[i] != NULL; i++)
		if (c->report_roles & (1 << i))
			fprintf(fp, "%s%s", l++ ? "," : "", role_names[i]);
	fputc('\n', fp);
}

const struct rule_conf escalation_conf = {
	escalation_keywords, escalation_defaults, escalation_print, NULL
};
