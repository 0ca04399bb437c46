/*
 * ticket.c: the ticket desk.  A ticket is opened for a customer (and
 * maybe an order), answered, noted, handed over, parked while the
 * customer is away, resolved, closed, reopened, and called back.  Each
 * change here runs inside the caller's transaction with its audit record.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const ticket_categories[] = {
	"inquiry", "complaint", "suggestion", "praise", "technical",
	"harassment", NULL
};
const char *const ticket_kinds[] = { "quality", "business", NULL };
const char *const ticket_priorities[] = {
	"low", "normal", "high", "urgent", NULL
};
const char *const ticket_channels[] = {
	"phone", "chat", "email", "app", NULL
};
const char *const ticket_statuses[] = {
	"open", "pending", "resolved", "closed", NULL
};
/* The promise's index in rules.promise. */
const char *const ticket_complexities[] = { "simple", "complex", NULL };

#define SUBJECT_MAX	500

/*
 * The state machine.  A ticket waits on the customer in `pending`; a
 * resolved ticket can be reopened, and so can a closed one, since
 * customers do call back about the same problem.
 */
static const char to_resolved_sql[] =
    "UPDATE ticket SET status = $1, updated_at = $2, resolved_at = $2"
    " WHERE id = $3";
static const char to_closed_sql[] =
    "UPDATE ticket SET status = $1, updated_at = $2, closed_at = $2"
    " WHERE id = $3";
/*
 * Back from resolved or closed: the first time is kept (reports), and
 * what the sweep did about its first response and resolution is left
 * behind with the escalations the resolution ended: the new resolution
 * clock, or the first response still owed, is escalated when it passes
 * as the first was.
 */
static const char to_open_sql[] =
    "UPDATE ticket SET status = $1, updated_at = $2, resolved_at = NULL,"
    " closed_at = NULL, reopened_first_at = CASE WHEN status IN"
    " ('resolved', 'closed') THEN coalesce(reopened_first_at, $2)"
    " ELSE reopened_first_at END, escalated = CASE WHEN status IN"
    " ('resolved', 'closed') THEN " SWEEP_DUES_AGAIN " ELSE escalated END"
    " WHERE id = $3";
static const char to_pending_sql[] =
    "UPDATE ticket SET status = $1, updated_at = $2 WHERE id = $3";

static const struct transition {
	const char	*action;	/* subcommand */
	const char	*from;		/* space-separated states */
	const char	*to;
	const char	*sql;		/* the update: status, now, ticket */
} transitions[] = {
	{ "pend",	"open",				"pending",  to_pending_sql },
	{ "resolve",	"open pending",			"resolved", to_resolved_sql },
	{ "close",	"open pending resolved",	"closed",   to_closed_sql },
	{ "reopen",	"pending resolved closed",	"open",	    to_open_sql },
};

static const char get_sql[] =
    "SELECT status, assignee, first_response_at, merged_into FROM ticket"
    " WHERE id = $1";

struct ticket_state {
	char	 status[16];
	char	 assignee[128];
	int	 responded;
	int64_t	 merged;	/* the survivor it was merged into, or 0 */
};

static int
ticket_get(struct cs *cs, int64_t id, struct ticket_state *t)
{
	struct db_stmt	*st;
	const char	*a;
	int		 rc;

	if ((rc = cs_get(cs, get_sql, ID_TICKET, id, &st)) != 0)
		return rc;
	strlcpy(t->status, db_col_text(st, 0), sizeof(t->status));
	a = db_col_text(st, 1);
	strlcpy(t->assignee, a ? a : "", sizeof(t->assignee));
	t->responded = !db_col_null(st, 2);
	t->merged = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
	db_reset(st);
	return 0;
}

/*
 * The ticket a duplicate's customer goes on with: the one it was merged
 * into, or the one that was merged into in turn (a chain of merges).
 */
static int64_t
survivor_of(struct cs *cs, int64_t merged)
{
	int64_t	 next[1];
	int	 hops;

	for (hops = 0; hops < 64 && db_lookup(cs->db, "SELECT merged_into"
	    " FROM ticket WHERE id = $1 AND merged_into IS NOT NULL", NULL,
	    merged, next, 1) == 0; hops++)
		merged = next[0];
	return merged;
}

/*
 * A duplicate merged into another stays closed: its customer's problem
 * goes on with the survivor, where a reopen, a reply or a call-back
 * belongs.  0, or 65 said.
 */
static int
not_merged(struct cs *cs, int64_t id, const struct ticket_state *t,
    const char *what)
{
	int64_t	 to;

	if (t->merged == 0)
		return 0;
	to = survivor_of(cs, t->merged);
	return cs_error(cs, CS_DATAERR, "T%lld was merged into T%lld: %s "
	    "T%lld instead", (long long)id, (long long)t->merged, what,
	    (long long)to);
}

int
ticket_exists(struct cs *cs, int64_t id)
{
	struct ticket_state	 t;

	return ticket_get(cs, id, &t);
}

/* Run a statement that binds the ticket last and changes one row. */
static int
exec_change(struct cs *cs, struct db_stmt *st, int64_t id)
{
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		return cs_error(cs, db_fail(cs->db, "ticket"),
		    "T%lld: cannot update", (long long)id);
	}
	db_reset(st);
	return 0;
}

/* The same for an INSERT ... RETURNING id: the new ID in *made. */
static int
exec_insert(struct cs *cs, struct db_stmt *st, int64_t id, int64_t *made)
{
	if (db_step_id(st, made) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "ticket"),
		    "T%lld: cannot update", (long long)id);
	return 0;
}

/* Text a person typed: valid UTF-8, not empty, not too long. */
int
text_ok(struct cs *cs, const char *what, const char *s, size_t max)
{
	size_t	 n = strlen(s);

	if (n == 0)
		return cs_error(cs, CS_DATAERR, "empty %s", what);
	if (n > max)
		return cs_error(cs, CS_DATAERR, "%s longer than %zu bytes",
		    what, max);
	if (!utf8_valid(s, n))
		return cs_error(cs, CS_DATAERR, "invalid UTF-8 in %s", what);
	return 0;
}

static int
check_word(struct cs *cs, const char *what, const char *const *list,
    const char *w)
{
	char	 all[256];
	int	 i;

	if (word_index(list, w) != -1)
		return 0;
	all[0] = '\0';
	for (i = 0; list[i] != NULL; i++) {
		strlcat(all, i ? " " : "", sizeof(all));
		strlcat(all, list[i], sizeof(all));
	}
	return cs_error(cs, CS_DATAERR, "unknown %s \"%s\" (%s)", what, w, all);
}

static const char promise_sql[] =
    "UPDATE ticket SET complexity = $1, promise_due = $2 WHERE id = $3";

/*
 * The promised reply of a ticket opened at `created` under policy p (or
 * none): its complexity's time on p's calendar, wall-clock without one.
 */
static int
promise_set(struct cs *cs, int64_t id, const char *complexity,
    const struct sla_policy *p, int64_t created, int64_t *due)
{
	struct db_stmt	*st;
	int64_t		 d, target;

	target = cs->rules.promise[word_index(ticket_complexities,
	    complexity) == 1];
	if (p == NULL)
		d = created + target;
	else if (sla_due(&cs->rules, p, created, target, &d) == -1)
		return cs_error(cs, CS_CONFIG, "sla %s: its calendar has no "
		    "working time", p->name);
	if ((st = db_stmt(cs->db, promise_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, complexity);
	db_bind_int(st, 2, d);
	db_bind_int(st, 3, id);
	if (due != NULL)
		*due = d;
	return exec_change(cs, st, id);
}

static const char insert_sql[] =
    "INSERT INTO ticket (customer_id, order_id, category, kind, priority,"
    " channel, status, subject, body, created_at, updated_at, created_by,"
    " sla, first_response_due, resolve_due, update_due, ref)"
    " VALUES ($1,$2,$3,$4,$5,$6,'open',$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)"
    " RETURNING id";
/* The tier as of now: a membership that ended is the tier it left. */
static const char tier_sql[] =
    "SELECT coalesce(" CUSTOMER_TIER_AT("$2") ", c.tier), c.needs"
    " FROM customer c WHERE c.id = $1";
static const char role_sql[] = "SELECT role FROM customer WHERE id = $1";
static const char *const provider_roles[] = {
	"seller", "driver", "host", NULL
};

/* The words and texts of tn, as a new ticket takes them: 0 or 65. */
static int
ticket_new_ok(struct cs *cs, const struct ticket_new *tn)
{
	const char	*priority, *channel;
	int		 rc;

	priority = tn->priority ? tn->priority : "normal";
	channel = tn->channel ? tn->channel : "phone";
	if (tn->category == NULL)
		return cs_error(cs, CS_DATAERR, "no category");
	if ((rc = check_word(cs, "category", ticket_categories,
	    tn->category)) != 0 ||
	    (rc = check_word(cs, "priority", ticket_priorities,
	    priority)) != 0 ||
	    (rc = check_word(cs, "channel", ticket_channels, channel)) != 0)
		return rc;
	if (strcmp(tn->category, "complaint") == 0) {
		if (tn->kind == NULL)
			return cs_error(cs, CS_DATAERR, "a complaint needs a "
			    "kind: quality (service) or business (handling)");
		if ((rc = check_word(cs, "complaint kind", ticket_kinds,
		    tn->kind)) != 0)
			return rc;
	} else if (tn->kind != NULL)
		return cs_error(cs, CS_DATAERR, "a kind is only for "
		    "complaints, not for %s", tn->category);
	if ((rc = text_ok(cs, "subject", tn->subject ? tn->subject : "",
	    SUBJECT_MAX)) != 0)
		return rc;
	if (tn->body != NULL && *tn->body != '\0' &&
	    (rc = text_ok(cs, "body", tn->body, CS_TEXT_MAX)) != 0)
		return rc;
	if (tn->created_at > cs->now)
		return cs_error(cs, CS_DATAERR, "created time is in the future");
	if (tn->complexity != NULL && (rc = check_word(cs, "complexity",
	    ticket_complexities, tn->complexity)) != 0)
		return rc;
	return 0;
}

int
ticket_create(struct cs *cs, const struct ticket_new *tn, int64_t *id)
{
	const struct sla_policy *pol;
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*priority, *channel;
	char		 rec[32], tier[64], needs[64];
	int64_t		 cust, order = 0, owner, at, rdue = 0, sdue = 0;
	int64_t		 udue = 0;
	int		 rc;

	if ((rc = ticket_new_ok(cs, tn)) != 0)
		return rc;
	priority = tn->priority ? tn->priority : "normal";
	channel = tn->channel ? tn->channel : "phone";
	at = tn->created_at ? tn->created_at : cs->now;
	if (tn->customer == NULL)
		return cs_error(cs, CS_DATAERR, "no customer");
	if ((rc = customer_find(cs, tn->customer, tn->customer_name,
	    &cust)) != 0)
		return rc;
	if (tn->order != NULL) {
		if ((rc = order_find(cs, tn->order, &order, &owner)) != 0)
			return rc;
		/* A driver, seller or host names the order it served. */
		if (owner != cust && (db_lookup_text(cs->db, role_sql, cust,
		    tier, sizeof(tier)) != 0 ||
		    word_index(provider_roles, tier) == -1))
			return cs_error(cs, CS_DATAERR, "%s belongs to C%lld, "
			    "not to C%lld", tn->order, (long long)owner,
			    (long long)cust);
	}
	/* The policy is chosen once, when the ticket opens. */
	if ((st = db_stmt(cs->db, tier_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cust);
	db_bind_int(st, 2, cs->now);
	if (db_step(st) == DB_ROW) {
		strlcpy(tier, db_col_text(st, 0), sizeof(tier));
		strlcpy(needs, db_col_text(st, 1), sizeof(needs));
	} else {
		strlcpy(tier, "standard", sizeof(tier));
		needs[0] = '\0';
	}
	db_reset(st);
	pol = sla_match(&cs->rules, tn->category, tn->kind, tier, priority,
	    channel, needs);
	if (pol != NULL && (sla_due(&cs->rules, pol, at, pol->respond,
	    &rdue) == -1 || sla_due(&cs->rules, pol, at, pol->resolve,
	    &sdue) == -1 || (pol->update && sla_due(&cs->rules, pol, at,
	    pol->update, &udue) == -1)))
		return cs_error(cs, CS_CONFIG, "sla %s: its calendar has no "
		    "working time", pol->name);
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cust);
	if (pol != NULL) {
		db_bind_text(st, 12, pol->name);
		db_bind_int(st, 13, rdue);
		db_bind_int(st, 14, sdue);
		if (pol->update)
			db_bind_int(st, 15, udue);
	}
	if (order)
		db_bind_int(st, 2, order);
	db_bind_text(st, 3, tn->category);
	db_bind_text(st, 4, tn->kind);
	db_bind_text(st, 5, priority);
	db_bind_text(st, 6, channel);
	db_bind_text(st, 7, tn->subject);
	db_bind_text(st, 8, tn->body && *tn->body ? tn->body : NULL);
	db_bind_int(st, 9, at);
	db_bind_int(st, 10, at);
	db_bind_text(st, 11, cs->actor.name);
	db_bind_text(st, 16, tn->ref);
	if ((rc = exec_insert(cs, st, 0, id)) != 0)
		return rc;
	if (tn->complexity != NULL && (rc = promise_set(cs, *id,
	    tn->complexity, pol, at, NULL)) != 0)
		return rc;
	jbuf_init(&j);
	if (tn->ref != NULL)
		jbuf_str(&j, "ref", tn->ref);
	id_format(ID_CUSTOMER, cust, rec, sizeof(rec));
	jbuf_str(&j, "customer", rec);
	if (order) {
		id_format(ID_ORDER, order, rec, sizeof(rec));
		jbuf_str(&j, "order", rec);
	}
	jbuf_str(&j, "category", tn->category);
	if (tn->kind)
		jbuf_str(&j, "kind", tn->kind);
	jbuf_str(&j, "priority", priority);
	jbuf_str(&j, "channel", channel);
	if (tn->complexity)
		jbuf_str(&j, "complexity", tn->complexity);
	jbuf_str(&j, "subject", tn->subject);
	return cs_audit(cs, ID_TICKET, *id, "ticket.new", &j);
}

static const char by_ref_sql[] =
    "SELECT id, customer_id, category, subject, set_at IS NOT NULL,"
    " created_at, channel, priority, coalesce(kind, ''),"
    " coalesce(complexity, '') FROM ticket WHERE ref = $1";

/*
 * The fields an imported line may give of a known ticket besides those
 * that name it, and the trail's record of the desk changing one (its
 * action, and the key its detail has), or NULL: such a change stands.
 * A kind changes with the category (set_at, read with the row).
 */
static const struct cs_field ticket_fields[] = {
	{ "created_at",	NULL,			NULL },
	{ "channel",	NULL,			NULL },
	{ "priority",	"ticket.set",		"priority" },
	{ "kind",	NULL,			NULL },
	{ "complexity",	"ticket.complexity",	"to" },
};

/* Which of ticket_fields tn's line gives otherwise than st's row has. */
static unsigned
ref_differs(const struct ticket_new *tn, struct db_stmt *st)
{
	unsigned	 m = 0;

	m |= (tn->created_at != 0 && tn->created_at != db_col_int(st, 5));
	m |= (tn->channel != NULL &&
	    strcmp(tn->channel, db_col_text(st, 6)) != 0) << 1;
	m |= (tn->priority != NULL &&
	    strcmp(tn->priority, db_col_text(st, 7)) != 0) << 2;
	m |= (tn->kind != NULL && !db_col_int(st, 4) &&
	    strcmp(tn->kind, db_col_text(st, 8)) != 0) << 3;
	m |= (tn->complexity != NULL &&
	    strcmp(tn->complexity, db_col_text(st, 9)) != 0) << 4;
	return m;
}

/*
 * The ticket imported before with tn's ref: -1 when there is none, 0
 * when it is this one (*id set, and in others what else differs), else
 * 65 for another ticket of that ref.
 */
static int
known_ref(struct cs *cs, const struct ticket_new *tn, int64_t *id,
    char *others, size_t len)
{
	struct db_stmt	*st;
	const char	*differs = NULL;
	int64_t		 owner, cust;
	unsigned	 m;
	int		 rc;

	if (!cs_name_ok(tn->ref))
		return cs_error(cs, CS_DATAERR, "ref \"%s\": not a ticket "
		    "reference (1 to 63 letters, digits, '.', '-', '_', not "
		    "starting with '.' or '-')", tn->ref);
	if ((st = db_stmt(cs->db, by_ref_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, tn->ref);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? -1 : cs_error(cs, db_fail(cs->db,
		    "ticket"), "ticket lookup");
	}
	*id = db_col_int(st, 0);
	owner = db_col_int(st, 1);
	/* Reclassified here since: the desk's category stands. */
	if (tn->category == NULL || (strcmp(db_col_text(st, 2),
	    tn->category) != 0 && !db_col_int(st, 4)))
		differs = "category";
	else if (tn->subject == NULL ||
	    strcmp(db_col_text(st, 3), tn->subject) != 0)
		differs = "subject";
	m = ref_differs(tn, st);
	db_reset(st);
	if (differs == NULL && (tn->customer == NULL ||
	    customer_find(cs, tn->customer, NULL, &cust) != 0 ||
	    cust != owner))
		differs = "customer";
	if (differs != NULL)
		return cs_error(cs, CS_DATAERR, "ref %s: already T%lld, of "
		    "another %s", tn->ref, (long long)*id, differs);
	return cs_fields_said(cs, ID_TICKET, *id, ticket_fields,
	    sizeof(ticket_fields) / sizeof(ticket_fields[0]), m, others,
	    len);
}

int
ticket_import(struct cs *cs, const struct ticket_new *tn, int64_t *id,
    int *changed, char *others, size_t len)
{
	int	 rc;

	*changed = 0;
	*others = '\0';
	/* The ticket of its ref: the line is checked as a new one's too. */
	if (tn->ref != NULL &&
	    (rc = known_ref(cs, tn, id, others, len)) != -1) {
		if (rc == 0 && (rc = ticket_new_ok(cs, tn)) != 0)
			*others = '\0';
		return rc;
	}
	if ((rc = ticket_create(cs, tn, id)) == 0)
		*changed = 1;
	return rc;
}

static const char clock_sql[] =
    "SELECT sla, first_response_at, first_response_due, resolve_due,"
    " update_due, paused_at, breached, created_at, paused_secs,"
    " resolved_first_at, promise_due FROM ticket WHERE id = $1";
static const char clock_set_sql[] =
    "UPDATE ticket SET first_response_due = $1, resolve_due = $2,"
    " update_due = $3, paused_at = $4, breached = $5, paused_secs = $6,"
    " promise_due = $7 WHERE id = $8";
/* Resolved with at most one reply: on first contact. */
static const char first_contact_sql[] =
    "UPDATE ticket SET first_contact = (SELECT CASE WHEN count(*) <= 1"
    " THEN 1 ELSE 0 END FROM reply WHERE ticket_id = $1 AND type = 'reply')"
    " WHERE id = $2";

/* Add a deadline's name to the ticket's breaches, once. */
static void
breach_add(char *breached, size_t len, const char *what)
{
	if (strstr(breached, what) != NULL)
		return;
	if (*breached != '\0')
		strlcat(breached, ",", len);
	strlcat(breached, what, len);
}
/* What a report reads later, stamped once when it happens. */
static const char responded_secs_sql[] =
    "UPDATE ticket SET response_secs = $1 WHERE id = $2"
    " AND response_secs IS NULL";
static const char resolved_first_sql[] =
    "UPDATE ticket SET resolved_first_at = $1, resolved_first_due = $2,"
    " resolved_first_by = $3, resolve_secs = $4 WHERE id = $5"
    " AND resolved_first_at IS NULL";

/* Move a due time across a pause: what was left of it is left again. */
static int64_t
resume_due(struct cs *cs, const struct sla_policy *p, int64_t due,
    int64_t paused, int daily)
{
	int64_t	 left, d;

	/* A deadline missed before the pause stays missed, where it was. */
	if (due <= paused)
		return due;
	/* Daily updates start over: by the end of tomorrow. */
	if (daily)
		return sla_due(&cs->rules, p, cs->now, SLA_DAILY, &d) == 0 ?
		    d : due;
	left = sla_left(&cs->rules, p, paused, due);
	if (sla_due(&cs->rules, p, cs->now, left, &d) == -1)
		return due;
	return d;
}

/*
 * The SLA clock at a change of the ticket: a reply stamps the first
 * response and moves the next update; pending stops the clock and
 * resuming moves every deadline by the time spent waiting; resolving
 * after the deadline records a breach; reopening starts the resolution
 * clock again.  Met or breached is recorded when it happens.
 */
static int
sla_clock(struct cs *cs, int64_t id, const char *event)
{
	const struct sla_policy	*p;
	struct db_stmt		*st;
	char			 breached[64];
	int64_t			 rdue, sdue, udue, pdue, paused, d, created;
	int64_t			 held, first_secs = -1, resolved_secs = -1;
	int			 responded, has_u, has_p, resolved_before, rc;

	if ((st = db_stmt(cs->db, clock_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW ||
	    db_col_null(st, 0) ||
	    (p = sla_named(&cs->rules, db_col_text(st, 0))) == NULL) {
		/* No policy, or one the configuration no longer has. */
		db_reset(st);
		return 0;
	}
	responded = !db_col_null(st, 1);
	rdue = db_col_int(st, 2);
	sdue = db_col_int(st, 3);
	has_u = !db_col_null(st, 4);
	udue = db_col_int(st, 4);
	paused = !db_col_null(st, 5) ?
	    db_col_int(st, 5) : -1;
	strlcpy(breached, !db_col_null(st, 6) ?
	    db_col_text(st, 6) : "", sizeof(breached));
	created = db_col_int(st, 7);
	held = db_col_int(st, 8);
	resolved_before = !db_col_null(st, 9);
	has_p = !db_col_null(st, 10);
	pdue = db_col_int(st, 10);
	db_reset(st);

	/* Business time spent waiting on the customer does not count. */
	if (paused >= 0 && (strcmp(event, "reopen") == 0 ||
	    strcmp(event, "resolve") == 0 || strcmp(event, "close") == 0))
		held += sla_left(&cs->rules, p, paused, cs->now);

	if (strcmp(event, "reply") == 0) {
		if (!responded && cs->now > rdue)
			breach_add(breached, sizeof(breached), "response");
		/* An update is late like any deadline (not while waiting). */
		if (has_u && paused < 0 && cs->now > udue)
			breach_add(breached, sizeof(breached), "update");
		if (!responded)
			first_secs = sla_left(&cs->rules, p, created, cs->now);
		if (p->update && sla_due(&cs->rules, p, cs->now, p->update,
		    &d) == 0) {
			udue = d;
			has_u = 1;
		}
	} else if (strcmp(event, "pend") == 0)
		paused = cs->now;
	else if (strcmp(event, "reopen") == 0 && paused >= 0) {
		/*
		 * Waiting on a customer who has had no answer yet does not
		 * stop the first-response clock: its deadline stays.
		 */
		sdue = resume_due(cs, p, sdue, paused, 0);
		if (has_p)
			pdue = resume_due(cs, p, pdue, paused, 0);
		if (has_u)
			udue = resume_due(cs, p, udue, paused,
			    p->update == SLA_DAILY);
		paused = -1;
	} else if (strcmp(event, "reopen") == 0) {
		/* Back from resolved or closed: a new resolution clock. */
		if (sla_due(&cs->rules, p, cs->now, p->resolve, &d) == 0)
			sdue = d;
		if (p->update && sla_due(&cs->rules, p, cs->now, p->update,
		    &d) == 0) {
			udue = d;
			has_u = 1;
		}
	} else if (strcmp(event, "resolve") == 0 ||
	    strcmp(event, "close") == 0) {
		/* Time pending up to now does not count against it. */
		if (paused >= 0) {
			sdue = resume_due(cs, p, sdue, paused, 0);
			if (has_p)
				pdue = resume_due(cs, p, pdue, paused, 0);
		}
		if (cs->now > sdue)
			breach_add(breached, sizeof(breached), "resolve");
		/* Never answered: the first response was missed. */
		if (!responded)
			breach_add(breached, sizeof(breached), "response");
		if (has_p && !resolved_before && cs->now > pdue)
			breach_add(breached, sizeof(breached), "promise");
		if (has_u && paused < 0 && cs->now > udue)
			breach_add(breached, sizeof(breached), "update");
		paused = -1;
		has_u = 0;
		if (!resolved_before)
			resolved_secs = sla_left(&cs->rules, p, created,
			    cs->now);
	}
	if ((st = db_stmt(cs->db, clock_set_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, rdue);
	db_bind_int(st, 2, sdue);
	if (has_u)
		db_bind_int(st, 3, udue);
	if (paused >= 0)
		db_bind_int(st, 4, paused);
	db_bind_text(st, 5, *breached ? breached : NULL);
	db_bind_int(st, 6, held);
	if (has_p)
		db_bind_int(st, 7, pdue);
	db_bind_int(st, 8, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "ticket"), "T%lld: cannot "
		    "update its deadlines", (long long)id);
	if (first_secs >= 0) {
		if ((st = db_stmt(cs->db, responded_secs_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		/* Time pending before it counts: the clock did not stop. */
		db_bind_int(st, 1, first_secs);
		db_bind_int(st, 2, id);
		if ((rc = exec_change(cs, st, id)) != 0)
			return rc;
	}
	if (resolved_secs >= 0) {
		if ((st = db_stmt(cs->db, resolved_first_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, cs->now);
		db_bind_int(st, 2, sdue);
		db_bind_text(st, 3, cs->actor.name);
		db_bind_int(st, 4, resolved_secs > held ?
		    resolved_secs - held : 0);
		db_bind_int(st, 5, id);
		if ((rc = exec_change(cs, st, id)) != 0)
			return rc;
		if ((st = db_stmt(cs->db, first_contact_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, id);
		if ((rc = exec_change(cs, st, id)) != 0)
			return rc;
	}
	return 0;
}

int
ticket_transition(struct cs *cs, int64_t id, const char *action)
{
	const struct transition	*tr = NULL;
	struct ticket_state	 t;
	struct jbuf		 j;
	struct db_stmt		*st;
	char			 act[32];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (strcmp(transitions[i].action, action) == 0)
			tr = &transitions[i];
	if (tr == NULL)
		return cs_error(cs, CS_SOFTWARE, "%s: no such transition",
		    action);
	if ((rc = ticket_get(cs, id, &t)) != 0)
		return rc;
	if (strcmp(action, "reopen") == 0 &&
	    (rc = not_merged(cs, id, &t, "reopen")) != 0)
		return rc;
	if (!strstr(tr->from, t.status) || strcmp(t.status, tr->to) == 0)
		return cs_error(cs, CS_DATAERR, "T%lld is %s: cannot %s it",
		    (long long)id, t.status, action);
	if ((st = db_stmt(cs->db, tr->sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, tr->to);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, id);
	rc = exec_change(cs, st, id);
	if (rc != 0)
		return rc;
	/* A closed ticket that was resolved already met or missed its SLA. */
	if ((strcmp(action, "close") != 0 ||
	    strcmp(t.status, "resolved") != 0) &&
	    (rc = sla_clock(cs, id, action)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", t.status);
	jbuf_str(&j, "to", tr->to);
	snprintf(act, sizeof(act), "ticket.%s", action);
	if ((rc = cs_audit(cs, ID_TICKET, id, act, &j)) != 0)
		return rc;
	/* Its escalations end with it. */
	if (strcmp(tr->to, "resolved") != 0 && strcmp(tr->to, "closed") != 0)
		return 0;
	snprintf(act, sizeof(act), "T%lld %s", (long long)id, tr->to);
	return escalation_end(cs, ID_TICKET, id, act);
}

static const char reply_sql[] =
    "INSERT INTO reply (ticket_id, type, agent, body, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char responded_sql[] =
    "UPDATE ticket SET first_response_at = coalesce(first_response_at, $1),"
    " updated_at = $2 WHERE id = $3";
static const char touched_sql[] =
    "UPDATE ticket SET updated_at = $1 WHERE id = $2";

int
ticket_answer(struct cs *cs, int64_t id, void *arg)
{
	struct ticket_text	*t = arg;
	char			*body = NULL, *own = NULL;
	int			 rc;

	if (!t->note && (rc = template_fill(cs, t->tmpl ? t->tmpl :
	    t->from, t->tmpl ? NULL : t->text, id, &body, &own)) != 0)
		return rc;
	rc = ticket_reply(cs, id, t->note, body ? body : t->text, own,
	    t->force);
	free(body);
	free(own);
	return rc;
}

int
ticket_reply(struct cs *cs, int64_t id, int note, const char *body,
    const char *own, const char *force)
{
	struct ticket_state	 t;
	struct jbuf		 j;
	struct db_stmt		*st;
	const char		*bad = NULL, *role = NULL;
	char			 why[sizeof(cs->err)];
	int64_t			 reply;
	int			 rc;

	/* Said of its ticket: a reply to several names the one. */
	if ((rc = text_ok(cs, note ? "note" : "reply", body,
	    CS_TEXT_MAX)) != 0) {
		strlcpy(why, cs->err, sizeof(why));
		return cs_error(cs, rc, "T%lld: %s", (long long)id, why);
	}
	/* Sending past the lint is a decision someone answers for. */
	if (force != NULL && (rc = lint_force_ok(cs, force, &role)) != 0)
		return rc;
	if ((rc = ticket_get(cs, id, &t)) != 0)
		return rc;
	if (!note) {
		if ((rc = not_merged(cs, id, &t, "reply to")) != 0)
			return rc;
		if (strcmp(t.status, "closed") == 0)
			return cs_error(cs, CS_DATAERR, "T%lld is closed: "
			    "reopen it before replying", (long long)id);
		bad = lint_find(own != NULL ? own : body, cs->rules.forbidden,
		    cs->rules.nforbidden);
		if (bad != NULL && force == NULL)
			return cs_error(cs, CS_DATAERR, "T%lld: reply contains "
			    "the forbidden phrase \"%s\"", (long long)id, bad);
	}
	if ((st = db_stmt(cs->db, reply_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, note ? "note" : "reply");
	db_bind_text(st, 3, cs->actor.name);
	db_bind_text(st, 4, body);
	db_bind_int(st, 5, cs->now);
	if ((rc = exec_insert(cs, st, id, &reply)) != 0)
		return rc;
	/*
	 * Before the first response is stamped: the clock must see it,
	 * and the warnings of the deadlines it meets are withdrawn.
	 */
	if (!note && ((rc = escalation_met(cs, id)) != 0 ||
	    (rc = sla_clock(cs, id, "reply")) != 0))
		return rc;
	if (note) {
		st = db_stmt(cs->db, touched_sql);
		if (st == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, cs->now);
		db_bind_int(st, 2, id);
	} else {
		/* The first reply is the first response, for the SLA. */
		st = db_stmt(cs->db, responded_sql);
		if (st == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, cs->now);
		db_bind_int(st, 2, cs->now);
		db_bind_int(st, 3, id);
	}
	if ((rc = exec_change(cs, st, id)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_int(&j, "reply", reply);
	if (!note && !t.responded)
		jbuf_str(&j, "first_response", "yes");
	if (bad != NULL) {
		jbuf_str(&j, "forced", bad);
		jbuf_str(&j, "role", role);
		jbuf_str(&j, "reason", force);
	}
	return cs_audit(cs, ID_TICKET, id, note ? "ticket.note" : "ticket.reply", &j);
}

static const char assign_sql[] =
    "UPDATE ticket SET assignee = $1, updated_at = $2 WHERE id = $3";

int
ticket_assign(struct cs *cs, int64_t id, const char *to)
{
	struct ticket_state	 t;
	struct jbuf		 j;
	struct db_stmt		*st;
	int			 rc;

	if (!cs_name_ok(to))
		return cs_error(cs, CS_DATAERR, "%s: not an agent or queue "
		    "name", to);
	if (!agent_assignable(&cs->conf, to))
		return cs_error(cs, CS_DATAERR, "%s: no such agent or queue "
		    "in the configuration", to);
	if ((rc = ticket_get(cs, id, &t)) != 0)
		return rc;
	if (strcmp(t.status, "closed") == 0)
		return cs_error(cs, CS_DATAERR, "T%lld is closed: cannot "
		    "assign it", (long long)id);
	if ((st = db_stmt(cs->db, assign_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, id);
	if ((rc = exec_change(cs, st, id)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", *t.assignee ? t.assignee : NULL);
	jbuf_str(&j, "to", to);
	return cs_audit(cs, ID_TICKET, id, "ticket.assign", &j);
}

static const char callback_sql[] =
    "UPDATE ticket SET satisfaction = $1, callback_comment = $2,"
    " callback_at = $3, updated_at = $4 WHERE id = $5";
/*
 * Every call-back is kept: a report of last week reads last week's, and
 * the agent it counts for is the one who resolved the ticket first (or
 * its holder), as it stood when the call was made.
 */
static const char callback_add_sql[] =
    "INSERT INTO callback (ticket_id, satisfaction, comment, agent,"
    " credited, created_at) SELECT id, $1, $2, $3,"
    " coalesce(resolved_first_by, assignee), $4 FROM ticket WHERE id = $5"
    " RETURNING id";

int
ticket_callback(struct cs *cs, int64_t id, int score, const char *comment)
{
	struct ticket_state	 t;
	struct jbuf		 j;
	struct db_stmt		*st;
	int64_t			 cb;
	int			 rc;

	if (score < 1 || score > 5)
		return cs_error(cs, CS_DATAERR, "satisfaction %d: not 1 to 5",
		    score);
	if (comment != NULL && (rc = text_ok(cs, "comment", comment,
	    CS_TEXT_MAX)) != 0)
		return rc;
	if ((rc = ticket_get(cs, id, &t)) != 0)
		return rc;
	if ((rc = not_merged(cs, id, &t, "call back")) != 0)
		return rc;
	if (strcmp(t.status, "resolved") != 0 &&
	    strcmp(t.status, "closed") != 0)
		return cs_error(cs, CS_DATAERR, "T%lld is %s: a call-back "
		    "follows a resolved or closed ticket", (long long)id,
		    t.status);
	if ((st = db_stmt(cs->db, callback_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, score);
	db_bind_text(st, 2, comment);
	db_bind_int(st, 3, cs->now);
	db_bind_int(st, 4, cs->now);
	db_bind_int(st, 5, id);
	if ((rc = exec_change(cs, st, id)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, callback_add_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, score);
	db_bind_text(st, 2, comment);
	db_bind_text(st, 3, cs->actor.name);
	db_bind_int(st, 4, cs->now);
	db_bind_int(st, 5, id);
	if ((rc = exec_insert(cs, st, id, &cb)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_int(&j, "callback", cb);
	jbuf_int(&j, "satisfaction", score);
	if (comment != NULL)
		jbuf_str(&j, "comment", comment);
	return cs_audit(cs, ID_TICKET, id, "ticket.callback", &j);
}

static const char complexity_get_sql[] =
    "SELECT sla, created_at, coalesce(complexity, ''),"
    " resolved_first_at IS NOT NULL, status, promise_due, merged_into,"
    " coalesce(breached, '') FROM ticket WHERE id = $1";

int
ticket_complexity(struct cs *cs, int64_t id, const char *complexity)
{
	const struct sla_policy	*p = NULL;
	struct jbuf		 j;
	struct db_stmt		*st;
	char			 was[16], when[64], status[16], breached[64];
	int64_t			 created, due, promised, merged;
	int			 rc, resolved;

	if ((rc = check_word(cs, "complexity", ticket_complexities,
	    complexity)) != 0)
		return rc;
	if ((rc = cs_get(cs, complexity_get_sql, ID_TICKET, id, &st)) != 0)
		return rc;
	if (!db_col_null(st, 0))
		p = sla_named(&cs->rules, db_col_text(st, 0));
	created = db_col_int(st, 1);
	strlcpy(was, db_col_text(st, 2), sizeof(was));
	resolved = db_col_int(st, 3);
	strlcpy(status, db_col_text(st, 4), sizeof(status));
	promised = db_col_null(st, 5) ? -1 : db_col_int(st, 5);
	merged = db_col_null(st, 6) ? 0 : db_col_int(st, 6);
	strlcpy(breached, db_col_text(st, 7), sizeof(breached));
	db_reset(st);
	if (merged != 0)
		return cs_error(cs, CS_DATAERR, "T%lld was merged into T%lld: "
		    "mark T%lld instead", (long long)id, (long long)merged,
		    (long long)survivor_of(cs, merged));
	if (strcmp(status, "closed") == 0)
		return cs_error(cs, CS_DATAERR, "T%lld is closed: reopen it "
		    "before changing it", (long long)id);
	if (strcmp(was, complexity) == 0)
		return cs_error(cs, CS_DATAERR, "T%lld is %s already",
		    (long long)id, complexity);
	if (resolved)
		return cs_error(cs, CS_DATAERR, "T%lld was answered: its "
		    "promise is kept or missed", (long long)id);
	/*
	 * The customer was told a time, and it passed: promised anew, the
	 * promise missed stays recorded as a breach.
	 */
	if (promised >= 0 && promised < cs->now &&
	    strstr(breached, "promise") == NULL) {
		breach_add(breached, sizeof(breached), "promise");
		if ((st = db_stmt(cs->db, "UPDATE ticket SET breached = $1"
		    " WHERE id = $2")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, breached);
		db_bind_int(st, 2, id);
		if ((rc = exec_change(cs, st, id)) != 0)
			return rc;
	}
	/* The promise runs from the complaint, whenever it is marked. */
	if ((rc = promise_set(cs, id, complexity, p, created, &due)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, touched_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, id);
	if ((rc = exec_change(cs, st, id)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", *was ? was : NULL);
	jbuf_str(&j, "to", complexity);
	clock_format_iso(due, when, sizeof(when));
	jbuf_str(&j, "promise_due", when);
	if (promised >= 0 && promised < cs->now) {
		clock_format_iso(promised, when, sizeof(when));
		jbuf_str(&j, "promise_missed", when);
	}
	return cs_audit(cs, ID_TICKET, id, "ticket.complexity", &j);
}
