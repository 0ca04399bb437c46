/*
 * ticket_set.c: a ticket reclassified -- its category, complaint kind
 * or priority changed after it opened (`cs-ticket set') -- or handed
 * over with a note for the next agent (`cs-ticket assign -m').  The SLA
 * policy is matched again and the deadlines follow it, counted from the
 * ticket's opening as if it had opened so, plus the time it waited on
 * the customer; a breach already recorded stays recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const char get_sql[] =
    "SELECT t.category, t.kind, t.priority, t.channel, t.status,"
    " t.created_at, t.paused_secs, t.sla, c.tier, c.needs,"
    " t.first_response_at IS NOT NULL, t.first_response_due,"
    " t.resolved_first_at IS NOT NULL, t.resolve_due, t.update_due"
    " FROM ticket t JOIN customer c ON c.id = t.customer_id"
    " WHERE t.id = $1";
/* set_at: when the category or kind last changed (TICKET_CATEGORY_AT). */
static const char set_sql[] =
    "UPDATE ticket SET category = $1, kind = $2, priority = $3, sla = $4,"
    " first_response_due = $5, resolve_due = $6, update_due = $7,"
    " updated_at = $8, set_at = CASE WHEN category <> $1 OR"
    " coalesce(kind, '') <> coalesce($2, '') THEN $8 ELSE set_at END"
    " WHERE id = $9";

/*
 * A deadline of a ticket reclassified now: the one it had (had, -1 for
 * none) when met (done) or passed by now, else the new policy's (due),
 * from now at the earliest: a deadline the ticket did not have before
 * is not one it missed then (a report as of then reads what was due).
 */
static int64_t
due_after_set(int done, int64_t had, int64_t due, int64_t now)
{
	if (done || (had >= 0 && had <= now))
		return had;
	return due > now ? due : now;
}

static int
differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/* "what_from" and "what" of a field that changed. */
static void
changed(struct jbuf *j, const char *what, const char *from, const char *to)
{
	char	 key[32];

	if (!differ(from, to))
		return;
	snprintf(key, sizeof(key), "%s_from", what);
	jbuf_str(j, key, from);
	jbuf_str(j, what, to);
}

int
ticket_set(struct cs *cs, int64_t id, void *arg)
{
	const struct ticket_change *tc = arg;
	const struct sla_policy	*pol;
	struct db_stmt		*st;
	struct jbuf		 j;
	char			 old[3][32], channel[16], status[16];
	char			 sla[32], tier[64], needs[64];
	const char		*cat, *kind, *prio;
	int64_t			 created, held, rdue = 0, sdue = 0, udue = 0;
	int64_t			 had_rdue, had_sdue, had_udue;
	int			 rc, responded, resolved;

	if ((rc = cs_get(cs, get_sql, ID_TICKET, id, &st)) != 0)
		return rc;
	strlcpy(old[0], db_col_text(st, 0), sizeof(old[0]));
	strlcpy(old[1], db_col_null(st, 1) ? "" : db_col_text(st, 1),
	    sizeof(old[1]));
	strlcpy(old[2], db_col_text(st, 2), sizeof(old[2]));
	strlcpy(channel, db_col_text(st, 3), sizeof(channel));
	strlcpy(status, db_col_text(st, 4), sizeof(status));
	created = db_col_int(st, 5);
	held = db_col_int(st, 6);
	strlcpy(sla, db_col_null(st, 7) ? "" : db_col_text(st, 7),
	    sizeof(sla));
	strlcpy(tier, db_col_text(st, 8), sizeof(tier));
	strlcpy(needs, db_col_text(st, 9), sizeof(needs));
	responded = db_col_int(st, 10) && !db_col_null(st, 11);
	had_rdue = db_col_null(st, 11) ? -1 : db_col_int(st, 11);
	resolved = db_col_int(st, 12) && !db_col_null(st, 13);
	had_sdue = db_col_null(st, 13) ? -1 : db_col_int(st, 13);
	had_udue = db_col_null(st, 14) ? -1 : db_col_int(st, 14);
	db_reset(st);
	if (strcmp(status, "closed") == 0)
		return cs_error(cs, CS_DATAERR, "T%lld is closed: reopen it "
		    "before changing it", (long long)id);

	cat = tc->category ? tc->category : old[0];
	prio = tc->priority ? tc->priority : old[2];
	/* A kind is a complaint's: another category drops it. */
	kind = tc->kind ? tc->kind : *old[1] ? old[1] : NULL;
	if (strcmp(cat, "complaint") != 0 && tc->kind == NULL)
		kind = NULL;
	if (word_index(ticket_categories, cat) == -1)
		return cs_error(cs, CS_DATAERR, "T%lld: unknown category "
		    "\"%s\"", (long long)id, cat);
	if (word_index(ticket_priorities, prio) == -1)
		return cs_error(cs, CS_DATAERR, "T%lld: unknown priority "
		    "\"%s\"", (long long)id, prio);
	if (kind != NULL && word_index(ticket_kinds, kind) == -1)
		return cs_error(cs, CS_DATAERR, "T%lld: unknown complaint "
		    "kind \"%s\"", (long long)id, kind);
	if (strcmp(cat, "complaint") == 0 && kind == NULL)
		return cs_error(cs, CS_DATAERR, "T%lld: a complaint needs a "
		    "kind: quality (service) or business (handling)",
		    (long long)id);
	if (strcmp(cat, "complaint") != 0 && kind != NULL)
		return cs_error(cs, CS_DATAERR, "T%lld: a kind is only for "
		    "complaints, not for %s", (long long)id, cat);

	if (!differ(old[0], cat) && !differ(*old[1] ? old[1] : NULL, kind) &&
	    !differ(old[2], prio))
		return 0;		/* as it is: nothing to record */

	pol = sla_match(&cs->rules, cat, kind, tier, prio, channel, needs);
	if (pol != NULL && (sla_due(&cs->rules, pol, created,
	    pol->respond + held, &rdue) == -1 || sla_due(&cs->rules, pol,
	    created, pol->resolve + held, &sdue) == -1 || (pol->update &&
	    sla_due(&cs->rules, pol, created, pol->update == SLA_DAILY ?
	    SLA_DAILY : pol->update + held, &udue) == -1)))
		return cs_error(cs, CS_CONFIG, "sla %s: its calendar has no "
		    "working time", pol->name);
	/*
	 * A deadline met or missed already stays what it was: the first
	 * response made, the first resolution made (a reopened ticket's
	 * clock runs from its reopening), or passed by now.
	 */
	if (pol != NULL) {
		rdue = due_after_set(responded, had_rdue, rdue, cs->now);
		sdue = due_after_set(resolved, had_sdue, sdue, cs->now);
		if (pol->update)
			udue = due_after_set(0, had_udue, udue, cs->now);
	}
	if ((st = db_stmt(cs->db, set_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, cat);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, prio);
	if (pol != NULL) {
		db_bind_text(st, 4, pol->name);
		db_bind_int(st, 5, rdue);
		db_bind_int(st, 6, sdue);
		if (pol->update)
			db_bind_int(st, 7, udue);
	}
	db_bind_int(st, 8, cs->now);
	db_bind_int(st, 9, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "set"), "change failed");
	jbuf_init(&j);
	changed(&j, "category", old[0], cat);
	changed(&j, "kind", *old[1] ? old[1] : NULL, kind);
	changed(&j, "priority", old[2], prio);
	changed(&j, "sla", *sla ? sla : NULL, pol ? pol->name : NULL);
	return cs_audit(cs, ID_TICKET, id, "ticket.set", &j);
}

/* Assigned, and the note for whoever takes it over, in one change. */
int
ticket_transfer(struct cs *cs, int64_t id, const char *to, const char *note)
{
	int	 rc;

	if ((rc = ticket_assign(cs, id, to)) != 0 || note == NULL)
		return rc;
	return ticket_reply(cs, id, 1, note, NULL, NULL);
}

static const char merge_get_sql[] =
    "SELECT customer_id, status, merged_into FROM ticket WHERE id = $1";
static const char merge_replies_sql[] =
    "UPDATE reply SET ticket_id = $1 WHERE ticket_id = $2";
static const char merge_close_sql[] =
    "UPDATE ticket SET status = 'closed', closed_at = coalesce(closed_at,"
    " $1), updated_at = $1, merged_into = $2, merged_at = $1,"
    " fixed_at = NULL, fixed_by = NULL WHERE id = $3";
/*
 * A department's fix the duplicate's customer was not told of yet is
 * told on the survivor (unless it has one of its own), and the closed
 * duplicate no longer waits for it.
 */
static const char merge_touch_sql[] =
    "UPDATE ticket SET updated_at = $1,"
    " fixed_by = CASE WHEN fixed_at IS NULL THEN (SELECT d.fixed_by FROM"
    "  ticket d WHERE d.id = $3) ELSE fixed_by END,"
    " fixed_at = coalesce(fixed_at, (SELECT d.fixed_at FROM ticket d"
    "  WHERE d.id = $3)) WHERE id = $2";

/*
 * A duplicate merged into the ticket that survives: its replies and
 * notes move there, its trail is read as part of the survivor's story
 * (the trail itself is never rewritten), and it closes pointing at the
 * survivor.  What goes on with the customer's problem goes on there
 * too: live escalations raised by hand, disputes not closed, links to
 * open incidents; the sweep's escalations of the duplicate end with it
 * (escalation_move).  Call-backs stay: they rate how the duplicate was
 * handled, credited to whoever resolved it.  Merged into it before:
 * nothing to do.
 */
int
ticket_merge(struct cs *cs, int64_t dup, const char *into)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 rec[32], q[64];
	const char	*errstr, *what[3] = { "escalations", "disputes",
			    "incidents" };
	char		*moved[3] = { NULL, NULL, NULL };
	int64_t		 keep, cust_keep, cust_dup, merged, d[2];
	char		 stage[2][32];
	int		 rc, k, resolved;

	if (id_parse(into, ID_TICKET, &keep, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "%s %s",
		    diag_quote(into, q, sizeof(q)), errstr);
	if (keep == dup)
		return cs_error(cs, CS_DATAERR, "T%lld: cannot merge a ticket "
		    "into itself", (long long)dup);
	/* Merged so already, whatever became of the survivor since: done. */
	if ((rc = cs_get(cs, merge_get_sql, ID_TICKET, dup, &st)) != 0)
		return rc;
	cust_dup = db_col_int(st, 0);
	merged = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
	db_reset(st);
	if (merged == keep)
		return 0;
	if (merged != 0)
		return cs_error(cs, CS_DATAERR, "T%lld was merged into T%lld",
		    (long long)dup, (long long)merged);
	if ((rc = cs_get(cs, merge_get_sql, ID_TICKET, keep, &st)) != 0)
		return rc;
	cust_keep = db_col_int(st, 0);
	rc = strcmp(db_col_text(st, 1), "closed") == 0;
	resolved = strcmp(db_col_text(st, 1), "resolved") == 0;
	merged = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
	db_reset(st);
	if (rc || merged)
		return cs_error(cs, CS_DATAERR, "T%lld is closed: it cannot "
		    "take a duplicate", (long long)keep);
	if (cust_dup != cust_keep)
		return cs_error(cs, CS_DATAERR, "T%lld is C%lld's, T%lld "
		    "C%lld's: not duplicates", (long long)dup,
		    (long long)cust_dup, (long long)keep, (long long)cust_keep);
	/* A dispute not closed moves with it: one case on a ticket. */
	if ((rc = dispute_live(cs, dup, &d[0], stage[0],
	    sizeof(stage[0]))) > 0)
		return rc;
	if (rc < 0 && (rc = dispute_live(cs, keep, &d[1], stage[1],
	    sizeof(stage[1]))) != 0)
		return rc > 0 ? rc : cs_error(cs, CS_DATAERR, "T%lld has "
		    "D%lld %s, T%lld D%lld %s: a ticket takes one dispute at "
		    "a time; close one first", (long long)dup,
		    (long long)d[0], stage[0], (long long)keep,
		    (long long)d[1], stage[1]);

	if ((st = db_stmt(cs->db, merge_replies_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, keep);
	db_bind_int(st, 2, dup);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "merge"), "merge failed");
	merged = db_changes(cs->db);
	if ((st = db_stmt(cs->db, merge_touch_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, keep);
	db_bind_int(st, 3, dup);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "merge"), "merge failed");
	if ((st = db_stmt(cs->db, merge_close_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, keep);
	db_bind_int(st, 3, dup);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "merge"), "merge failed");
	if ((rc = escalation_move(cs, dup, keep, &moved[0])) != 0 ||
	    (rc = dispute_move(cs, dup, keep, &moved[1])) != 0 ||
	    (rc = incident_merge(cs, dup, keep, &moved[2])) != 0)
		goto done;
	jbuf_init(&j);
	id_format(ID_TICKET, keep, rec, sizeof(rec));
	jbuf_str(&j, "into", rec);
	jbuf_int(&j, "replies", merged);
	for (k = 0; k < 3; k++)
		if (moved[k] != NULL)
			jbuf_str(&j, what[k], moved[k]);
	if ((rc = cs_audit(cs, ID_TICKET, dup, "ticket.merge", &j)) != 0)
		goto done;
	jbuf_init(&j);
	id_format(ID_TICKET, dup, rec, sizeof(rec));
	jbuf_str(&j, "from", rec);
	jbuf_int(&j, "replies", merged);
	for (k = 0; k < 3; k++)
		if (moved[k] != NULL)
			jbuf_str(&j, what[k], moved[k]);
	rc = cs_audit(cs, ID_TICKET, keep, "ticket.merged", &j);
	/* A resolved ticket has no live escalation: those moved end. */
	if (rc == 0 && resolved && moved[0] != NULL) {
		snprintf(q, sizeof(q), "T%lld merged into T%lld, resolved",
		    (long long)dup, (long long)keep);
		rc = escalation_end(cs, ID_TICKET, keep, q);
	}
done:
	for (k = 0; k < 3; k++)
		free(moved[k]);
	return rc;
}
