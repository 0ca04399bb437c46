/*
 * report_sla.c: the SLA report -- response and resolution met, breaches
 * and percentiles by group -- from the facts stamped on each ticket.  A
 * long period is scanned by a second reader on a snapshot of its own.
 */
#include <err.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const struct out_col sla_cols[] = {
	{ "group",	"GROUP",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "response_met", "RESP MET%",	OUT_DECIMAL,	1,	1 },
	{ "resolve_met", "RES MET%",	OUT_DECIMAL,	1,	1 },
	{ "breaches",	"BREACHES",	OUT_INT,	0,	1 },
	{ "response_p50", "RESP P50",	OUT_DURATION,	0,	1 },
	{ "response_p90", "RESP P90",	OUT_DURATION,	0,	1 },
	{ "resolve_p50", "RES P50",	OUT_DURATION,	0,	1 },
	{ "resolve_p90", "RES P90",	OUT_DURATION,	0,	1 },
	{ "responded",	"RESPONDED",	OUT_INT,	0,	0 },
	{ "resolved",	"RESOLVED",	OUT_INT,	0,	0 },
	{ "satisfaction", "SAT",	OUT_DECIMAL,	2,	0 },
	{ "satisfied",	"SAT 4-5%",	OUT_DECIMAL,	1,	0 },
	{ "fcr",	"FCR%",		OUT_DECIMAL,	1,	0 },
};
static const int sla_ncols = sizeof(sla_cols) / sizeof(sla_cols[0]);

static const char *const sla_groups[] = {
	"category", "kind", "queue", "agent", "tier", "channel", NULL
};

/*
 * The group of each ticket of the period, then its facts (SLA_FACTS).
 * The facts come from the index ticket_sla alone; the customer's tier
 * and the assignee as of the clock (from the audit trail) are looked up
 * only when grouped by them.
 */
static const char *const sla_keys[] = {
	/* As of the clock: a ticket reclassified since as it was. */
	TICKET_CATEGORY_AT("$3"), "coalesce(" TICKET_KIND_AT("$3") ", '-')",
	/* NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one subquery */
	"(SELECT a.detail ->> 'to' FROM audit a"
	" WHERE a.record = 'T' || t.id AND a.action = 'ticket.assign'"
	" AND a.at <= $3 ORDER BY a.seq DESC LIMIT 1)",
	NULL,		/* agent: as queue */
	/* As of the clock: a membership ended by then counts as over. */
	"(SELECT coalesce(" CUSTOMER_TIER_AT("$3") ", c.tier)"
	" FROM customer c WHERE c.id = t.customer_id)",
	"t.channel",
};
/*
 * Each ticket's facts as they stood at the clock ($3), the rules in one
 * place for both databases, read as one small integer and two times.
 * A year's report reads 100,000 rows or more, and on PostgreSQL each
 * value the server writes and the program reads costs more than the
 * rules: eleven columns a row made the report 2.6 times SQLite's at a
 * million tickets, four make it 1.8.  A time of the desk is never
 * negative, so "x <= $3" is "x came by then" and false for NULL.
 *
 * - 1: the response is known (responded by then, due before then, or
 *   resolved by then); 2: met as well (responded by then and by its
 *   due, and not after a first resolution by then: a ticket resolved
 *   with no reply before it missed it, whenever it was due);
 * - 4: the resolution is known (resolved by then, or its due -- the
 *   first resolution's, else the running one -- before then, unless
 *   the ticket waits on its customer since before then with the due
 *   still ahead when it began to: pending stops that clock, and its
 *   due moves when it resumes); 8: met as well (resolved by then, by
 *   its due);
 * - 16 times one more than the last call-back's score by then (0 for
 *   none): the ticket's own when its last call-back came by then (the
 *   ticket keeps the last one's), looked for among its call-backs only
 *   when a later one came;
 * - 128 times: 0 not resolved by then, 2 resolved on first contact (at
 *   most one reply, and not reopened since), 1 resolved otherwise;
 *
 * then the seconds to the first response and to the first resolution,
 * each -1 unless it came by then.
 */
#define SLA_FACTS							\
    " CASE WHEN t.first_response_at <= $3 THEN CASE WHEN"		\
    "  t.first_response_at <= t.first_response_due AND"			\
    "  (t.resolved_first_at IS NULL OR t.resolved_first_at > $3 OR"	\
    "  t.first_response_at <= t.resolved_first_at) THEN 3 ELSE 1 END"	\
    "  WHEN coalesce(t.first_response_due, 0) < $3 OR"			\
    "  t.resolved_first_at <= $3 THEN 1 ELSE 0 END"			\
    " + CASE WHEN t.resolved_first_at <= $3 THEN CASE WHEN"		\
    "  t.resolved_first_at <= t.resolved_first_due THEN 12 ELSE 4 END"	\
    "  WHEN CASE WHEN t.resolved_first_at IS NULL THEN t.resolve_due"	\
    "  ELSE t.resolved_first_due END < $3 AND (t.paused_at IS NULL OR"	\
    "  t.paused_at > $3 OR t.resolve_due <= t.paused_at OR"		\
    "  t.resolved_first_at IS NOT NULL) THEN 4 ELSE 0 END"		\
    " + 16 * CASE WHEN t.satisfaction IS NULL THEN 0"			\
    "  WHEN t.callback_at <= $3 THEN t.satisfaction + 1 ELSE coalesce(("\
    "  SELECT b.satisfaction FROM callback b WHERE b.ticket_id = t.id"	\
    "  AND b.created_at <= $3 ORDER BY b.created_at DESC, b.id DESC"	\
    "  LIMIT 1), -1) + 1 END"						\
    " + 128 * CASE WHEN t.resolved_first_at IS NULL OR"		\
    "  t.resolved_first_at > $3 THEN 0"					\
    "  WHEN t.first_contact IS NOT NULL THEN CASE WHEN"			\
    "  t.first_contact <> 0 AND (t.reopened_first_at IS NULL OR"	\
    "  t.reopened_first_at > $3) THEN 2 ELSE 1 END"			\
    "  WHEN (SELECT count(*) FROM reply r WHERE r.ticket_id = t.id AND"	\
    "  r.type = 'reply' AND r.created_at <= t.resolved_first_at) <= 1"	\
    "  AND NOT EXISTS (SELECT 1"					\
    "  FROM audit a WHERE a.record = 'T' || t.id AND"			\
    "  a.action = 'ticket.reopen' AND a.at <= $3 AND"			\
    "  a.detail ->> 'from' IN ('resolved', 'closed')) THEN 2 ELSE 1 END,"\
    " CASE WHEN t.first_response_at <= $3 THEN"			\
    "  coalesce(t.response_secs, -1) ELSE -1 END,"			\
    " CASE WHEN t.resolved_first_at <= $3 THEN"			\
    "  coalesce(t.resolve_secs, -1) ELSE -1 END"
/* For -g agent: who resolved the ticket first, if it was by then. */
#define SLA_RESOLVER							\
    ", CASE WHEN t.resolved_first_at <= $3 THEN t.resolved_first_by END"
#define SLA_TICKETS							\
    " FROM ticket t WHERE t.created_at >= $1 AND t.created_at < $2"	\
    " AND (t.merged_at IS NULL OR t.merged_at > $3)"

struct sla_acc {
	char		 key[GROUP_KEY];
	int64_t		 tickets, rknown, rmet, sknown, smet, breaches;
	int64_t		 sat_sum, sat_n, satisfied, fcr, fcr_n;
	struct vec	 rsecs, ssecs;
	int64_t		 pct[4];	/* response p50 p90, resolve p50 p90 */
	size_t		 responded, resolved;
};

/* A ticket's facts (SLA_FACTS): its bits and its two times, or -1. */
static void
sla_add(struct sla_acc *g, int64_t bits, int64_t rs, int64_t ss)
{
	int	 rk = bits & 1, rm = bits >> 1 & 1, sk = bits >> 2 & 1;
	int	 sm = bits >> 3 & 1, sat = (int)(bits >> 4 & 7) - 1;
	int	 fcr = (int)(bits >> 7 & 3) - 1;

	if (sat > 0) {
		g->sat_sum += sat;
		g->sat_n++;
		g->satisfied += sat >= 4;
	}
	if (fcr >= 0) {
		g->fcr_n++;
		g->fcr += fcr;
	}
	g->tickets++;
	g->rknown += rk;
	g->rmet += rm;
	g->sknown += sk;
	g->smet += sm;
	g->breaches += (rk && !rm) || (sk && !sm);
	if (rs >= 0)
		vec_push(&g->rsecs, rs);
	if (ss >= 0)
		vec_push(&g->ssecs, ss);
}

/* The percentiles of a group, its times then freed. */
static void *
sla_pcts(void *arg)
{
	static const int p[] = { 50, 90 };
	struct sla_acc	*g = arg;

	report_percentiles(g->rsecs.v, g->rsecs.n, p, 2, g->pct);
	report_percentiles(g->ssecs.v, g->ssecs.n, p, 2, g->pct + 2);
	g->responded = g->rsecs.n;
	g->resolved = g->ssecs.n;
	free(g->rsecs.v);
	free(g->ssecs.v);
	memset(&g->rsecs, 0, sizeof(g->rsecs));
	memset(&g->ssecs, 0, sizeof(g->ssecs));
	return NULL;
}

static void
sla_row(struct rset *r, const struct sla_acc *g)
{
	struct out_cell	*c = rset_add(r);
	int		 i;

	c[0].s = rset_str(r, g->key);
	c[1].i = g->tickets;
	set_ratio(&c[2], g->rmet, g->rknown, 1000);
	set_ratio(&c[3], g->smet, g->sknown, 1000);
	c[4].i = g->breaches;
	for (i = 0; i < 4; i++) {
		c[5 + i].i = g->pct[i];
		c[5 + i].null = g->pct[i] < 0;
	}
	c[9].i = (int64_t)g->responded;
	c[10].i = (int64_t)g->resolved;
	set_ratio(&c[11], g->sat_sum, g->sat_n, 100);
	set_ratio(&c[12], g->satisfied, g->sat_n, 1000);
	set_ratio(&c[13], g->fcr, g->fcr_n, 1000);
}

/* One part of the period's tickets: its statement, groups and totals. */
struct sla_scan {
	const struct config *conf;
	struct db_stmt	*st;
	int		 gi, step;
	struct groups	 gs;
	struct sla_acc	 all;
};

static void *
sla_scan_run(void *arg)
{
	struct sla_scan	*s = arg;
	struct sla_acc	*g;
	struct db_stmt	*st = s->st;
	const char	*key;
	int64_t		 bits, rs, ss;

	while ((s->step = db_step(st)) == DB_ROW) {
		key = db_col_text(st, 0);
		/* An assignee is a queue or an agent. */
		if ((s->gi == 2 || s->gi == 3) && key != NULL &&
		    is_queue(s->conf, key) != (s->gi == 2))
			key = NULL;
		/*
		 * An agent's tickets: those the agent held at the clock,
		 * else (never held by an agent) the one who resolved it
		 * first, as the agents report counts it.
		 */
		if (s->gi == 3 && key == NULL &&
		    (key = db_col_text(st, 4)) != NULL &&
		    is_queue(s->conf, key))
			key = NULL;
		g = group_of(&s->gs, key);
		bits = db_col_int(st, 1);
		rs = db_col_int(st, 2);
		ss = db_col_int(st, 3);
		sla_add(g, bits, rs, ss);
		sla_add(&s->all, bits, rs, ss);
	}
	return NULL;
}

static void
vec_cat(struct vec *to, struct vec *from)
{
	if (from->n > to->cap - to->n) {
		to->cap = to->n + from->n;
		if ((to->v = reallocarray(to->v, to->cap,
		    sizeof(*to->v))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	if (from->n > 0)
		memcpy(to->v + to->n, from->v, from->n * sizeof(*to->v));
	to->n += from->n;
	free(from->v);
	memset(from, 0, sizeof(*from));
}

static void
sla_merge(struct sla_acc *to, struct sla_acc *from)
{
	to->tickets += from->tickets;
	to->rknown += from->rknown;
	to->rmet += from->rmet;
	to->sknown += from->sknown;
	to->smet += from->smet;
	to->breaches += from->breaches;
	to->sat_sum += from->sat_sum;
	to->sat_n += from->sat_n;
	to->satisfied += from->satisfied;
	to->fcr += from->fcr;
	to->fcr_n += from->fcr_n;
	vec_cat(&to->rsecs, &from->rsecs);
	vec_cat(&to->ssecs, &from->ssecs);
}

static void
sla_scan_free(struct sla_scan *s)
{
	struct sla_acc	*g = (struct sla_acc *)s->gs.data;
	size_t		 i;

	for (i = 0; i < s->gs.n; i++) {
		free(g[i].rsecs.v);
		free(g[i].ssecs.v);
	}
	free(s->gs.data);
	free(s->all.rsecs.v);
	free(s->all.ssecs.v);
	db_finalize(s->st);
	memset(&s->gs, 0, sizeof(s->gs));
	memset(&s->all, 0, sizeof(s->all));
	s->st = NULL;
}

/*
 * The period's first and last tickets, each by one step of the index,
 * which min and max together are not.  One row: not a cursor's.
 */
static const char ends_sql[] = "SELECT (SELECT min(created_at) FROM ticket"
    " WHERE created_at >= $1 AND created_at < $2), (SELECT max(created_at)"
    " FROM ticket WHERE created_at >= $1 AND created_at < $2)";

/* The last audit link a connection sees: every change adds one. */
static const char audit_top_sql[] = "SELECT coalesce(max(seq), 0) FROM audit";

static int64_t
audit_top(struct db *db)
{
	struct db_stmt	*st;
	int64_t		 top = -1;

	if ((st = db_stmt(db, audit_top_sql)) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		top = db_col_int(st, 0);
	db_reset(st);
	return top;
}

/*
 * The moment that splits the period's tickets in two halves by time, for
 * the second reader (DB_SCAN) to scan one while this process scans the
 * other: two cores read a year in about half the time.  Both readers are
 * in a read snapshot of the same state of the desk, which the last
 * audit link shows (each change adds one): when a change came between
 * their starts, or there is no second reader, -1 and one scan.
 */
static int64_t
sla_split(struct cs *cs, const struct report_opts *ro, const char *sql,
    struct db_stmt **second)
{
	struct db_stmt	*st;
	int64_t		 lo = -1, hi = -1, top;
	struct db	*h2 = db_scan(cs->db);

	*second = NULL;
	if (h2 == NULL || db_in_transaction(cs->db))
		return -1;
	if (db_snapshot(cs->db) != 0)
		return -1;
	if ((top = audit_top(cs->db)) < 0)
		return -1;
	if (!db_in_transaction(h2) && db_snapshot(h2) != 0)
		return -1;
	if (audit_top(h2) != top)
		return -1;
	if ((st = db_stmt(cs->db, ends_sql)) == NULL)
		return -1;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		lo = db_col_int(st, 0);
		hi = db_col_int(st, 1);
	}
	db_reset(st);
	if (lo < 0 || hi <= lo)
		return -1;
	if ((*second = db_prepare(h2, sql)) == NULL)
		return -1;
	return lo + (hi - lo) / 2 + 1;
}

static void
sla_bind(struct db_stmt *st, int64_t since, int64_t until, int64_t m)
{
	db_bind_int(st, 1, since);
	db_bind_int(st, 2, until);
	db_bind_int(st, 3, m);
}

static int
report_sla(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct sla_scan	 a, b;
	struct sla_acc	*groups;
	pthread_t	 t;
	char		 sql[4096];
	const char	*what = NULL;
	int64_t		 split;
	size_t		 i;
	int		 gi, threaded = 0, rc = 0;

	gi = word_index(sla_groups, ro->group ? ro->group : "category");
	if (gi == -1)
		return cs_error(cs, CS_USAGE, "-g %s: group by category, "
		    "kind, queue, agent, tier or channel", ro->group);
	/*
	 * In the order of ticket_sla, which covers the facts: PostgreSQL's
	 * planner then reads the index alone, where for a period of most
	 * of the table it would read the table's wide rows.
	 */
	if ((size_t)snprintf(sql, sizeof(sql), "SELECT %s," SLA_FACTS "%s"
	    SLA_TICKETS " ORDER BY t.created_at", sla_keys[gi == 3 ? 2 : gi],
	    gi == 3 ? SLA_RESOLVER : "") >= sizeof(sql))
		return cs_error(cs, CS_SOFTWARE, "the SLA query is too long");
	memset(&a, 0, sizeof(a));
	a.conf = &cs->conf;
	a.gi = gi;
	a.gs.size = sizeof(struct sla_acc);
	b = a;
	strlcpy(a.all.key, "all", sizeof(a.all.key));
	if ((a.st = db_prepare(cs->db, sql)) == NULL) {
		rc = CS_SOFTWARE;
		goto end;
	}
	split = sla_split(cs, ro, sql, &b.st);
	if (b.st != NULL) {
		sla_bind(a.st, ro->since, split, cs->now);
		sla_bind(b.st, split, ro->until, cs->now);
		threaded = pthread_create(&t, NULL, sla_scan_run, &b) == 0;
	} else
		sla_bind(a.st, ro->since, ro->until, cs->now);
	sla_scan_run(&a);
	if (threaded)
		pthread_join(t, NULL);
	else if (b.st != NULL)
		sla_scan_run(&b);
	if (a.step != DB_DONE)
		rc = db_fail(cs->db, "report");
	else if (b.st != NULL && b.step != DB_DONE) {
		what = db_errmsg(db_scan(cs->db));
		rc = CS_SOFTWARE;
	}
	if (rc != 0) {
		rc = what != NULL ? cs_error(cs, rc, "cannot read tickets: %s",
		    what) : cs_error(cs, rc, "cannot read tickets");
		goto end;
	}
	/* The second half's groups into the first's. */
	groups = (struct sla_acc *)b.gs.data;
	for (i = 0; i < b.gs.n; i++)
		sla_merge(group_of(&a.gs, groups[i].key), &groups[i]);
	sla_merge(&a.all, &b.all);
	/* The whole period's percentiles beside the groups'. */
	threaded = pthread_create(&t, NULL, sla_pcts, &a.all) == 0;
	groups = (struct sla_acc *)a.gs.data;
	for (i = 0; i < a.gs.n; i++)
		sla_pcts(&groups[i]);
	if (threaded)
		pthread_join(t, NULL);
	else
		sla_pcts(&a.all);
	groups_sort(&a.gs);
	for (i = 0; i < a.gs.n; i++)
		sla_row(r, &groups[i]);
	sla_row(r, &a.all);
end:
	sla_scan_free(&a);
	sla_scan_free(&b);
	db_snapshot_end(cs->db);
	if (db_scan(cs->db) != NULL)
		db_snapshot_end(db_scan(cs->db));
	return rc;
}

const struct report sla_report = {
	"sla", sla_cols, &sla_ncols, report_sla,
	"group", "response_met,resolve_met"
};
