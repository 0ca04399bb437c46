/*
 * report.c: the reports cs-report prints — SLA compliance, agents,
 * complaint hot spots, refunds and volume — over a period, as of the
 * clock (CS_NOW).  Every figure comes from facts stamped when they
 * happened (first response, first resolution, the deadline it was held
 * to, business times, the audit trail), never from a ticket's current
 * state, so a report of last Monday reads the same today.  Read-only.
 */
#include <err.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk.h"

/* ---- periods ---- */

int
period_set(int64_t now, int kind, const char *arg, int64_t *since,
    int64_t *until, const char **errstr)
{
	char		 buf[32];
	int64_t		 t;
	int32_t		 day, end;
	int		 y, m, d, minute, wday;

	if (strcmp(arg, "today") == 0)
		t = now;
	else if (strcmp(arg, "yesterday") == 0)
		t = now - 86400;
	else if (kind == PERIOD_MONTH && strlen(arg) == 7 &&
	    snprintf(buf, sizeof(buf), "%s-01", arg) > 0 &&
	    clock_parse(buf, now, &t, errstr) == 0)
		;
	else if (clock_parse(arg, now, &t, errstr) == -1)
		return -1;
	day = clock_day(t);
	switch (kind) {
	case PERIOD_DAY:
		end = day + 1;
		break;
	case PERIOD_WEEK:
		/* Monday to Sunday, as the desk's weeks run. */
		clock_local(t, &minute, &wday);
		day -= (wday + 6) % 7;
		end = day + 7;
		break;
	default:
		cal_civil(day, &y, &m, &d);
		day = cal_day(y, m, 1);
		end = m == 12 ? cal_day(y + 1, 1, 1) : cal_day(y, m + 1, 1);
		break;
	}
	if (clock_midnight(day, since) == -1 || clock_midnight(end, until) == -1) {
		*errstr = "out of range";
		return -1;
	}
	return 0;
}

void
period_default(int64_t now, int64_t *since, int64_t *until)
{
	if (clock_midnight(clock_day(now) - 6, since) == -1)
		*since = now - 7 * 86400;
	*until = now + 1;
}

/* ---- result sets: rows kept for a table or a chart ---- */

struct rset {
	const struct out_col	*cols;
	int			 ncols;
	struct out_cell		*cells;		/* n rows of ncols */
	size_t			 n, cap;
	char			**strs;		/* text owned by the set */
	size_t			 nstrs, scap;
};

static struct out_cell *
rset_add(struct rset *r)
{
	struct out_cell	*row;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		if ((r->cells = reallocarray(r->cells, r->cap * r->ncols,
		    sizeof(*r->cells))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	row = &r->cells[r->n++ * r->ncols];
	memset(row, 0, r->ncols * sizeof(*row));
	return row;
}

static const char *
rset_str(struct rset *r, const char *s)
{
	if (r->nstrs == r->scap) {
		r->scap = r->scap ? r->scap * 2 : 32;
		if ((r->strs = reallocarray(r->strs, r->scap,
		    sizeof(*r->strs))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	if ((r->strs[r->nstrs] = strdup(s ? s : "")) == NULL)
		err(CS_SOFTWARE, NULL);
	return r->strs[r->nstrs++];
}

static void
rset_free(struct rset *r)
{
	size_t	 i;

	for (i = 0; i < r->nstrs; i++)
		free(r->strs[i]);
	free(r->strs);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

static int
rset_print(const struct rset *r, struct out *o)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < r->n && rc == 0; i++)
		rc = out_row(o, &r->cells[i * r->ncols]);
	return rc;
}

/* ---- arithmetic ---- */

struct vec {
	int64_t		*v;
	size_t		 n, cap;
};

static void
vec_push(struct vec *a, int64_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		if ((a->v = reallocarray(a->v, a->cap, sizeof(*a->v))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	a->v[a->n++] = x;
}

/*
 * The k-th smallest of v[0..n) (from 0), moving v about: Hoare's
 * selection with a median-of-three pivot, linear on average, where a
 * sort would be n log n.
 */
static int64_t
select_nth(int64_t *v, size_t n, size_t k)
{
	size_t	 lo = 0, hi = n - 1, i, j;
	int64_t	 pivot, t, a, b, c;

	while (lo < hi) {
		a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi];
		pivot = a < b ? (b < c ? b : a < c ? c : a) :
		    (a < c ? a : b < c ? c : b);
		i = lo;
		j = hi;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			t = v[i], v[i] = v[j], v[j] = t;
			i++;
			j--;
		}
		/* v[lo..j] <= pivot <= v[j+1..hi] */
		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
	return v[k];
}

/* Nearest rank, from 0: the smallest value with p% of them at or below. */
static size_t
pct_index(size_t n, int p)
{
	size_t	 rank = ((size_t)p * n + 99) / 100;

	return rank == 0 ? 0 : rank - 1;
}

int64_t
report_percentile(int64_t *v, size_t n, int p)
{
	if (n == 0)
		return -1;
	return select_nth(v, n, pct_index(n, p));
}

void
report_percentiles(int64_t *v, size_t n, const int *p, int np, int64_t *out)
{
	size_t	 from = 0, k;
	int	 i;

	for (i = 0; i < np; i++) {
		if (n == 0) {
			out[i] = -1;
			continue;
		}
		/*
		 * A selection leaves v[0..k) at or below v[k] and the rest
		 * at or above: the next, higher rank is sought in the rest.
		 */
		if ((k = pct_index(n, p[i])) < from)
			from = 0;	/* not ascending: the whole again */
		out[i] = select_nth(v + from, n - from, k - from);
		from = k;
	}
}

int64_t
report_ratio(int64_t num, int64_t den, int64_t scale)
{
	if (den <= 0)
		return -1;
	/* num / den * scale, rounded half up, without floating point. */
	return (num * scale * 2 + den) / (den * 2);
}

static void
set_ratio(struct out_cell *c, int64_t num, int64_t den, int64_t scale)
{
	c->i = report_ratio(num, den, scale);
	c->null = c->i < 0;
}

static void
set_pct(struct out_cell *c, struct vec *a, int p)
{
	c->i = report_percentile(a->v, a->n, p);
	c->null = c->i < 0;
}

/*
 * Groups of a report: records whose first member is their key, a
 * char[GROUP_KEY], found or added by key and sorted by it.
 */
#define GROUP_KEY	64

struct groups {
	char		*data;
	size_t		 n, size;	/* records, bytes each */
};

static void *
group_of(struct groups *g, const char *key)
{
	char	*p;
	size_t	 i;

	if (key == NULL)
		key = "-";
	for (i = 0; i < g->n; i++)
		if (strcmp(g->data + i * g->size, key) == 0)
			return g->data + i * g->size;
	if ((p = reallocarray(g->data, g->n + 1, g->size)) == NULL)
		err(CS_SOFTWARE, NULL);
	g->data = p;
	p += g->n++ * g->size;
	memset(p, 0, g->size);
	strlcpy(p, key, GROUP_KEY);
	return p;
}

static int
key_cmp(const void *x, const void *y)
{
	return strcmp(x, y);
}

static void
groups_sort(struct groups *g)
{
	if (g->n > 1)
		qsort(g->data, g->n, g->size, key_cmp);
}

/* ---- sla ---- */

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
};
static const int sla_ncols = sizeof(sla_cols) / sizeof(sla_cols[0]);

static const char *const sla_groups[] = {
	"category", "kind", "queue", "agent", "tier", "channel", NULL
};

/*
 * The ticket's assignee as of a moment, from its audit trail; the
 * facts of its first response and first resolution.
 */
/*
 * The group and the facts of each ticket of the period, NULL as -1 so
 * that a column is read once.  The facts come from the index ticket_sla
 * alone; the customer's tier and the assignee as of the clock (from the
 * audit trail) are looked up only when grouped by them.
 */
static const char *const sla_keys[] = {
	"t.category", "coalesce(t.kind, '-')",
	/* NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one subquery */
	"(SELECT a.detail ->> 'to' FROM audit a"
	" WHERE a.record = 'T' || t.id AND a.action = 'ticket.assign'"
	" AND a.at <= $3 ORDER BY a.seq DESC LIMIT 1)",
	NULL,		/* agent: as queue */
	"(SELECT c.tier FROM customer c WHERE c.id = t.customer_id)",
	"t.channel",
};
#define SLA_FACTS							\
    " coalesce(t.first_response_at, -1), t.first_response_due,"	\
    " coalesce(t.response_secs, -1), coalesce(t.resolved_first_at, -1),"\
    " coalesce(t.resolved_first_due, -1), coalesce(t.resolve_due, -1),"	\
    " coalesce(t.resolve_secs, -1) FROM ticket t"			\
    " WHERE t.created_at >= $1 AND t.created_at < $2"

struct sla_acc {
	char		 key[GROUP_KEY];
	int64_t		 tickets, rknown, rmet, sknown, smet, breaches;
	struct vec	 rsecs, ssecs;
	int64_t		 pct[4];	/* response p50 p90, resolve p50 p90 */
	size_t		 responded, resolved;
};

static int
is_queue(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nqueues; i++)
		if (strcmp(c->queues[i], name) == 0)
			return 1;
	return 0;
}

static void
sla_add(struct sla_acc *g, int rk, int rm, int sk, int sm, int64_t rs,
    int64_t ss)
{
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
}

/* One part of the period's tickets: its statement, groups and totals. */
struct sla_scan {
	const struct config *conf;
	struct db_stmt	*st;
	int		 gi, step;
	int64_t		 m;
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
	int64_t		 m = s->m, at, due, rs, ss;
	int		 rk, rm, sk, sm;

	while ((s->step = db_step(st)) == DB_ROW) {
		/* First response, as it stood at m. */
		rk = rm = sm = 0;	/* sk is set on both branches below */
		rs = ss = -1;
		at = db_col_int(st, 1);
		due = db_col_int(st, 2);
		if (at >= 0 && at <= m) {
			rk = 1;
			rm = at <= due;
			rs = db_col_int(st, 3);
		} else if (due < m)
			rk = 1;
		/* First resolution, as it stood at m. */
		at = db_col_int(st, 4);
		if (at >= 0 && at <= m) {
			sk = 1;
			sm = at <= db_col_int(st, 5);
			ss = db_col_int(st, 7);
		} else {
			due = at >= 0 ? db_col_int(st, 5) :
			    db_col_int(st, 6);
			sk = due >= 0 && due < m;
		}
		key = db_col_text(st, 0);
		/* An assignee is a queue or an agent. */
		if ((s->gi == 2 || s->gi == 3) && key != NULL &&
		    is_queue(s->conf, key) != (s->gi == 2))
			key = NULL;
		g = group_of(&s->gs, key);
		sla_add(g, rk, rm, sk, sm, rs, ss);
		sla_add(&s->all, rk, rm, sk, sm, rs, ss);
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
	/* Each by one step of the index, which min and max together are not. */
	if ((st = db_prepare(cs->db, "SELECT (SELECT min(created_at) FROM"
	    " ticket WHERE created_at >= $1 AND created_at < $2), (SELECT"
	    " max(created_at) FROM ticket WHERE created_at >= $1 AND"
	    " created_at < $2)")) == NULL)
		return -1;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		lo = db_col_int(st, 0);
		hi = db_col_int(st, 1);
	}
	db_finalize(st);
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
	char		 sql[1024];
	const char	*what = NULL;
	int64_t		 split;
	size_t		 i;
	int		 gi, threaded = 0, rc = 0;

	gi = word_index(sla_groups, ro->group ? ro->group : "category");
	if (gi == -1)
		return cs_error(cs, CS_USAGE, "-g %s: group by category, "
		    "kind, queue, agent, tier or channel", ro->group);
	snprintf(sql, sizeof(sql), "SELECT %s," SLA_FACTS,
	    sla_keys[gi == 3 ? 2 : gi]);
	memset(&a, 0, sizeof(a));
	a.conf = &cs->conf;
	a.gi = gi;
	a.m = cs->now;
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

/* ---- agents ---- */

static const struct out_col agent_cols[] = {
	{ "agent",	"AGENT",	OUT_TEXT,	0,	1 },
	{ "handled",	"HANDLED",	OUT_INT,	0,	1 },
	{ "replies",	"REPLIES",	OUT_INT,	0,	1 },
	{ "response_p50", "RESP P50",	OUT_DURATION,	0,	1 },
	{ "response_met", "RESP MET%",	OUT_DECIMAL,	1,	1 },
	{ "resolve_p50", "RES P50",	OUT_DURATION,	0,	1 },
	{ "resolve_met", "RES MET%",	OUT_DECIMAL,	1,	1 },
	{ "satisfaction", "SAT",	OUT_DECIMAL,	2,	1 },
	{ "callbacks",	"CALLBACKS",	OUT_INT,	0,	1 },
	{ "reopened",	"REOPEN%",	OUT_DECIMAL,	1,	1 },
	{ "escalations", "ESC",		OUT_INT,	0,	1 },
	{ "score",	"SCORE",	OUT_DECIMAL,	1,	1 },
};
static const int agent_ncols = sizeof(agent_cols) / sizeof(agent_cols[0]);

struct agent_acc {
	char		 name[GROUP_KEY];
	int64_t		 handled, replies, responded, rmet, smet, reopened;
	int64_t		 sat_sum, sat_n, escalations;
	struct vec	 rsecs, ssecs;
};

/* Tickets first resolved in the period, by whom, and reopened since. */
static const char handled_sql[] =
    "SELECT t.resolved_first_by, t.resolve_secs,"
    " t.resolved_first_at <= t.resolved_first_due,"
    " EXISTS (SELECT 1 FROM audit a WHERE a.record = 'T' || t.id"
    "  AND a.action = 'ticket.reopen' AND a.at <= $3"
    "  AND a.detail ->> 'from' IN ('resolved', 'closed'))"
    " FROM ticket t WHERE t.resolved_first_at >= $1"
    " AND t.resolved_first_at < $2";
/* First responses in the period and who gave them. */
static const char responded_sql[] =
    "SELECT r.agent, t.response_secs,"
    " t.first_response_at <= t.first_response_due"
    " FROM ticket t JOIN reply r ON r.id = (SELECT min(id) FROM reply"
    "  WHERE ticket_id = t.id AND type = 'reply')"
    " WHERE t.first_response_at >= $1 AND t.first_response_at < $2"
    " AND $3 = $3";
static const char replies_sql[] =
    "SELECT agent, count(*), 0 FROM reply WHERE type = 'reply'"
    " AND created_at >= $1 AND created_at < $2 AND $3 = $3 GROUP BY agent";
/* Call-backs count for whoever resolved the ticket first. */
static const char callbacks_sql[] =
    "SELECT coalesce(resolved_first_by, assignee), satisfaction, 0"
    " FROM ticket WHERE callback_at >= $1 AND callback_at < $2"
    " AND $3 = $3 AND satisfaction IS NOT NULL";
static const char escalated_sql[] =
    "SELECT agent, count(*), 0 FROM escalation WHERE created_at >= $1"
    " AND created_at < $2 AND $3 = $3 AND agent IS NOT NULL"
    " GROUP BY agent";

static int
agents_query(struct cs *cs, const struct report_opts *ro, const char *sql,
    int what, struct groups *gs)
{
	struct agent_acc *g;
	struct db_stmt	*st;
	int		 step;

	if ((st = db_prepare(cs->db, sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		g = group_of(gs, db_col_text(st, 0));
		switch (what) {
		case 0:
			g->handled++;
			if (!db_col_null(st, 1))
				vec_push(&g->ssecs, db_col_int(st, 1));
			g->smet += db_col_int(st, 2);
			g->reopened += db_col_int(st, 3);
			break;
		case 1:
			g->responded++;
			if (!db_col_null(st, 1))
				vec_push(&g->rsecs, db_col_int(st, 1));
			g->rmet += db_col_int(st, 2);
			break;
		case 2:
			g->replies += db_col_int(st, 1);
			break;
		case 3:
			g->sat_sum += db_col_int(st, 1);
			g->sat_n++;
			break;
		default:
			g->escalations += db_col_int(st, 1);
			break;
		}
	}
	db_finalize(st);
	if (step != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "the agents' work");
	return 0;
}

/*
 * The 100-point score: each part a fraction — first responses in time,
 * resolutions in time, satisfaction from 1 to 5 as 0 to 1, tickets not
 * reopened — weighted by the configuration, over the parts that have
 * data.  In tenths of a point, rounded half up.
 */
int64_t
report_score(const int w[4], const int64_t num[4], const int64_t den[4])
{
	__int128	 top = 0, bottom = 1, wsum = 0;
	int		 i, any = 0;

	/* Sum of w_i * num_i / den_i over a common denominator. */
	for (i = 0; i < 4; i++)
		if (den[i] > 0 && w[i] > 0)
			bottom *= den[i];
	for (i = 0; i < 4; i++) {
		if (den[i] <= 0 || w[i] <= 0)
			continue;
		any = 1;
		top += (__int128)w[i] * num[i] * (bottom / den[i]);
		wsum += w[i];
	}
	if (!any)
		return -1;
	/* 1000 * top / (bottom * wsum), rounded half up. */
	return (int64_t)((top * 2000 + bottom * wsum) / (bottom * wsum * 2));
}

static int
report_agents(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	static const char *const sqls[] = {
		handled_sql, responded_sql, replies_sql, callbacks_sql,
		escalated_sql
	};
	struct groups	 gs = { NULL, 0, sizeof(struct agent_acc) };
	struct agent_acc *a, *g;
	struct out_cell	*c;
	int64_t		 num[4], den[4];
	size_t		 n = 0, i;
	int		 k, rc = 0;

	for (k = 0; k < 5 && rc == 0; k++)
		rc = agents_query(cs, ro, sqls[k], k, &gs);
	groups_sort(&gs);
	a = (struct agent_acc *)gs.data;
	n = gs.n;
	for (i = 0; i < n && rc == 0; i++) {
		g = &a[i];
		/* A queue is not an agent: its tickets wait for one. */
		if (is_queue(&cs->conf, g->name))
			continue;
		c = rset_add(r);
		c[0].s = rset_str(r, g->name);
		c[1].i = g->handled;
		c[2].i = g->replies;
		set_pct(&c[3], &g->rsecs, 50);
		set_ratio(&c[4], g->rmet, g->responded, 1000);
		set_pct(&c[5], &g->ssecs, 50);
		set_ratio(&c[6], g->smet, g->handled, 1000);
		set_ratio(&c[7], g->sat_sum, g->sat_n, 100);
		c[8].i = g->sat_n;
		set_ratio(&c[9], g->reopened, g->handled, 1000);
		c[10].i = g->escalations;
		num[0] = g->rmet, den[0] = g->responded;
		num[1] = g->smet, den[1] = g->handled;
		num[2] = g->sat_sum - g->sat_n, den[2] = 4 * g->sat_n;
		num[3] = g->handled - g->reopened, den[3] = g->handled;
		c[11].i = report_score(cs->rules.score_w, num, den);
		c[11].null = c[11].i < 0;
	}
	for (i = 0; i < n; i++) {
		free(a[i].rsecs.v);
		free(a[i].ssecs.v);
	}
	free(a);
	return rc;
}

/* ---- hot spots ---- */

static const struct out_col hotspot_cols[] = {
	{ "dimension",	"DIMENSION",	OUT_TEXT,	0,	1 },
	{ "value",	"VALUE",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "previous",	"PREVIOUS",	OUT_INT,	0,	1 },
	{ "change",	"CHANGE",	OUT_INT,	0,	1 },
	{ "change_pct",	"CHANGE%",	OUT_DECIMAL,	1,	1 },
};
static const int hotspot_ncols = sizeof(hotspot_cols) / sizeof(hotspot_cols[0]);

/* $1 previous start, $2 this period's start, $3 its end. */
static const char *const hotspot_sql[] = {
	"SELECT t.category || coalesce('/' || t.kind, ''),"
	" sum(t.created_at >= $2), sum(t.created_at < $2) FROM ticket t"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR t.category = $4)"
	" GROUP BY 1 HAVING sum(t.created_at >= $2) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
	"SELECT t.subject,"
	" sum(t.created_at >= $2), sum(t.created_at < $2) FROM ticket t"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR t.category = $4)"
	" GROUP BY 1 HAVING sum(t.created_at >= $2) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
	"SELECT o.kind,"
	" sum(t.created_at >= $2), sum(t.created_at < $2) FROM ticket t"
	" JOIN orders o ON o.id = t.order_id"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR t.category = $4)"
	" GROUP BY 1 HAVING sum(t.created_at >= $2) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
};
static const char *const hotspot_dims[] = { "category", "subject", "kind" };

static int
report_hotspots(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	int64_t		 cur, prev;
	int		 k, step;

	if (ro->category != NULL &&
	    word_index(ticket_categories, ro->category) == -1)
		return cs_error(cs, CS_USAGE, "-t %s: not a category",
		    ro->category);
	for (k = 0; k < 3; k++) {
		if ((st = db_prepare(cs->db, hotspot_sql[k])) == NULL)
			return CS_SOFTWARE;
		/* The period before, as long as this one. */
		db_bind_int(st, 1, ro->since - (ro->until - ro->since));
		db_bind_int(st, 2, ro->since);
		db_bind_int(st, 3, ro->until);
		db_bind_text(st, 4, ro->category);
		db_bind_int(st, 5, ro->top);
		while ((step = db_step(st)) == DB_ROW) {
			c = rset_add(r);
			cur = db_col_int(st, 1);
			prev = db_col_int(st, 2);
			c[0].s = hotspot_dims[k];
			c[1].s = rset_str(r, db_col_text(st, 0));
			c[2].i = cur;
			c[3].i = prev;
			c[4].i = cur - prev;
			/* Rounded half away from zero, in tenths. */
			if (prev > 0) {
				int64_t	 d = cur - prev;

				c[5].i = d >= 0 ? report_ratio(d, prev, 1000) :
				    -report_ratio(-d, prev, 1000);
			} else
				c[5].null = 1;
		}
		db_finalize(st);
		if (step != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "report"),
			    "cannot read tickets");
	}
	return 0;
}

/* ---- refunds ---- */

static const struct out_col refund_report_cols[] = {
	{ "group",	"GROUP",	OUT_TEXT,	0,	1 },
	{ "refunds",	"REFUNDS",	OUT_INT,	0,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY,	0,	1 },
	{ "fee",	"FEE",		OUT_MONEY,	0,	1 },
	{ "net",	"NET",		OUT_MONEY,	0,	1 },
	{ "waiting",	"WAITING",	OUT_INT,	0,	1 },
	{ "rejected",	"REJECTED",	OUT_INT,	0,	1 },
	{ "coupons",	"COUPONS",	OUT_INT,	0,	1 },
	{ "coupon_value", "COUPON VALUE", OUT_MONEY,	0,	1 },
	{ "points",	"POINTS",	OUT_INT,	0,	1 },
};
static const int refund_report_ncols =
    sizeof(refund_report_cols) / sizeof(refund_report_cols[0]);

static const char *const refund_groups[] = {
	"reason", "kind", "day", "status", NULL
};

/*
 * A refund's status as of $3: its last audit record by then that moved
 * it (a recovery or write-off of an advance compensation does not).
 */
static const char refunds_sql[] =
    "SELECT r.reason, o.kind, r.created_at, r.amount, r.fee,"
    " (SELECT coalesce(a.detail ->> 'to',"
    "   a.detail ->> 'status') FROM audit a"
    "  WHERE a.record = 'R' || r.id AND a.at <= $3"
    "  AND a.action NOT IN ('refund.recover', 'refund.writeoff')"
    "  ORDER BY a.seq DESC LIMIT 1)"
    " FROM refund r JOIN orders o ON o.id = r.order_id"
    " WHERE r.created_at >= $1 AND r.created_at < $2";

/*
 * Grants in kind, beside the money: their status as of $3 the same way;
 * grouped by reason, their order's kind ("-" without one), day, status.
 */
static const char grants_sql[] =
    "SELECT g.reason, coalesce(o.kind, '-'), g.created_at, g.kind, g.value,"
    " (SELECT coalesce(a.detail ->> 'to',"
    "   a.detail ->> 'status') FROM audit a"
    "  WHERE a.record = 'G' || g.id AND a.at <= $3"
    "  ORDER BY a.seq DESC LIMIT 1)"
    " FROM grants g LEFT JOIN orders o ON o.id = g.order_id"
    " WHERE g.created_at >= $1 AND g.created_at < $2";

struct refund_acc {
	char		 key[GROUP_KEY];
	int64_t		 n, amount, fee, waiting, rejected;
	int64_t		 coupons, coupon_value, points;
};

/* A grant counts unless it was rejected. */
static void
grant_add(struct refund_acc *g, const char *status, const char *kind,
    int64_t value)
{
	if (strcmp(status, "rejected") == 0)
		return;
	if (strcmp(kind, "coupon") == 0) {
		g->coupons++;
		g->coupon_value += value;
	} else
		g->points += value;
}

static void
refund_add(struct refund_acc *g, const char *status, int64_t amount,
    int64_t fee)
{
	if (strcmp(status, "rejected") == 0 || strcmp(status, "failed") == 0) {
		g->rejected++;
		return;
	}
	g->n++;
	g->amount += amount;
	g->fee += fee;
	g->waiting += strcmp(status, "requested") == 0;
}

static void
refund_row(struct rset *r, const struct refund_acc *g)
{
	struct out_cell	*c = rset_add(r);

	c[0].s = rset_str(r, g->key);
	c[1].i = g->n;
	c[2].i = g->amount;
	c[3].i = g->fee;
	c[4].i = g->amount - g->fee;
	c[5].i = g->waiting;
	c[6].i = g->rejected;
	c[7].i = g->coupons;
	c[8].i = g->coupon_value;
	c[9].i = g->points;
}

/*
 * A refunds report row's status (a refund or a grant; none is
 * "requested") and its group key: the day of column 2, the status, or
 * column gi.
 */
static const char *
refund_row_key(struct db_stmt *st, int gi, const char **key, char *day,
    size_t len)
{
	const char	*status;
	int		 y, m, d;

	if ((status = db_col_text(st, 5)) == NULL)
		status = "requested";
	if (gi == 2) {
		cal_civil(clock_day(db_col_int(st, 2)), &y, &m, &d);
		snprintf(day, len, "%04d-%02d-%02d", y, m, d);
		*key = day;
	} else if (gi == 3)
		*key = status;
	else
		*key = db_col_text(st, gi);
	return status;
}

static int
report_refunds(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct groups	 gs = { NULL, 0, sizeof(struct refund_acc) };
	struct refund_acc *a, all, *g;
	struct db_stmt	*st;
	const char	*key, *status;
	char		 day[16];
	size_t		 n = 0, i;
	int		 gi, step;

	gi = word_index(refund_groups, ro->group ? ro->group : "reason");
	if (gi == -1)
		return cs_error(cs, CS_USAGE, "-g %s: group by reason, kind, "
		    "day or status", ro->group);
	if ((st = db_prepare(cs->db, refunds_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	memset(&all, 0, sizeof(all));
	strlcpy(all.key, "all", sizeof(all.key));
	while ((step = db_step(st)) == DB_ROW) {
		status = refund_row_key(st, gi, &key, day, sizeof(day));
		g = group_of(&gs, key);
		refund_add(g, status, db_col_int(st, 3),
		    db_col_int(st, 4));
		refund_add(&all, status, db_col_int(st, 3),
		    db_col_int(st, 4));
	}
	db_finalize(st);
	if (step != DB_DONE) {
		free(gs.data);
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "refunds");
	}
	if ((st = db_prepare(cs->db, grants_sql)) == NULL) {
		free(gs.data);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		status = refund_row_key(st, gi, &key, day, sizeof(day));
		g = group_of(&gs, key);
		grant_add(g, status, db_col_text(st, 3),
		    db_col_int(st, 4));
		grant_add(&all, status, db_col_text(st, 3),
		    db_col_int(st, 4));
	}
	db_finalize(st);
	if (step != DB_DONE) {
		free(gs.data);
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "grants");
	}
	groups_sort(&gs);
	a = (struct refund_acc *)gs.data;
	n = gs.n;
	for (i = 0; i < n; i++)
		refund_row(r, &a[i]);
	refund_row(r, &all);
	free(a);
	return 0;
}

/* ---- disputes ---- */

static const struct out_col dispute_report_cols[] = {
	{ "group",	"STAGE",	OUT_TEXT,	0,	1 },
	{ "disputes",	"DISPUTES",	OUT_INT,	0,	1 },
	{ "oldest",	"OLDEST",	OUT_DURATION,	0,	1 },
	{ "age_p50",	"AGE P50",	OUT_DURATION,	0,	1 },
	{ "intervened",	"INTERVENED",	OUT_INT,	0,	1 },
};
static const int dispute_report_ncols =
    sizeof(dispute_report_cols) / sizeof(dispute_report_cols[0]);

/*
 * Disputes opened in [$1, $2) with their stage as of $3, from the audit
 * trail; their age runs to their closing, or to $3; and whether the
 * platform had intervened by then.
 */
static const char disputes_sql[] =
    "SELECT coalesce((SELECT CASE a.action WHEN 'dispute.decide' THEN"
    "   'decided' ELSE a.detail ->> 'to' END FROM audit a"
    "  WHERE a.record = 'D' || d.id AND a.at <= $3 AND a.action IN"
    "  ('dispute.negotiate', 'dispute.intervene', 'dispute.decide',"
    "  'dispute.close') ORDER BY a.seq DESC LIMIT 1), 'opened'),"
    " coalesce((SELECT max(a.at) FROM audit a WHERE a.record = 'D' || d.id"
    "  AND a.at <= $3 AND a.action = 'dispute.close'), $3) - d.created_at,"
    " EXISTS (SELECT 1 FROM audit a WHERE a.record = 'D' || d.id"
    "  AND a.at <= $3 AND a.action = 'dispute.intervene')"
    " FROM dispute d WHERE d.created_at >= $1 AND d.created_at < $2";

struct dispute_acc {
	struct vec	 ages;
	int64_t		 intervened;
};

static void
dispute_row(struct rset *r, const char *stage, struct dispute_acc *a)
{
	struct out_cell	*c = rset_add(r);
	size_t		 i;
	int64_t		 oldest = 0;

	for (i = 0; i < a->ages.n; i++)
		if (a->ages.v[i] > oldest)
			oldest = a->ages.v[i];
	c[0].s = stage;
	c[1].i = (int64_t)a->ages.n;
	c[2].i = oldest;
	c[2].null = a->ages.n == 0;
	set_pct(&c[3], &a->ages, 50);
	c[4].i = a->intervened;
}

static int
report_disputes(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct dispute_acc by[6];	/* dispute_stages, then all */
	struct db_stmt	*st;
	const char	*stage;
	int64_t		 age;
	int		 k, step, in;

	memset(by, 0, sizeof(by));
	if ((st = db_prepare(cs->db, disputes_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		stage = db_col_text(st, 0);
		if ((k = word_index(dispute_stages, stage ? stage : "")) == -1)
			continue;
		age = db_col_int(st, 1);
		in = db_col_int(st, 2);
		vec_push(&by[k].ages, age);
		by[k].intervened += in;
		vec_push(&by[5].ages, age);
		by[5].intervened += in;
	}
	db_finalize(st);
	if (step == DB_DONE) {
		/* Stages in their order, those with disputes in them. */
		for (k = 0; k < 5; k++)
			if (by[k].ages.n > 0)
				dispute_row(r, dispute_stages[k], &by[k]);
		dispute_row(r, "all", &by[5]);
	}
	for (k = 0; k < 6; k++)
		free(by[k].ages.v);
	if (step != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "disputes");
	return 0;
}

/* ---- volume ---- */

static const struct out_col volume_cols[] = {
	{ "period",	"PERIOD",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "complaints",	"COMPLAINTS",	OUT_INT,	0,	1 },
};
static const int volume_ncols = sizeof(volume_cols) / sizeof(volume_cols[0]);

#define VOLUME_MAX	10000	/* buckets */

static int
report_volume(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	char		 label[32];
	int64_t		 t, start, next;
	int32_t		 day, last;
	size_t		 b = 0;
	int		 hourly, step, y, m, d, minute, wday;

	if (ro->bucket != NULL && strcmp(ro->bucket, "day") != 0 &&
	    strcmp(ro->bucket, "hour") != 0)
		return cs_error(cs, CS_USAGE, "-b %s: by day or hour",
		    ro->bucket);
	hourly = ro->bucket != NULL && strcmp(ro->bucket, "hour") == 0;
	if (ro->until <= ro->since)
		return 0;
	if ((hourly ? (ro->until - ro->since) / 3600 :
	    (ro->until - ro->since) / 86400) > VOLUME_MAX)
		return cs_error(cs, CS_USAGE, "the period has more than %d "
		    "%s", VOLUME_MAX, hourly ? "hours" : "days");
	/* Every bucket, empty ones too, so a chart shows the gaps. */
	day = clock_day(ro->since);
	last = clock_day(ro->until - 1);
	if (hourly) {
		clock_local(ro->since, &minute, &wday);
		start = ro->since - ro->since % 60 - (minute % 60) * 60;
	} else if (clock_midnight(day, &start) == -1)
		return cs_error(cs, CS_USAGE, "period out of range");
	if ((st = db_stmt(cs->db, "SELECT count(*),"
	    " coalesce(sum(category = 'complaint'), 0) FROM ticket"
	    " WHERE created_at >= $1 AND created_at < $2")) == NULL)
		return CS_SOFTWARE;
	for (t = start; t < ro->until; t = next) {
		if (hourly) {
			next = t + 3600;
			cal_civil(clock_day(t), &y, &m, &d);
			clock_local(t, &minute, &wday);
			snprintf(label, sizeof(label), "%04d-%02d-%02d %02d:00",
			    y, m, d, minute / 60);
		} else {
			if (clock_midnight(day + 1, &next) == -1 || day > last)
				break;
			cal_civil(day++, &y, &m, &d);
			snprintf(label, sizeof(label), "%04d-%02d-%02d", y, m,
			    d);
		}
		db_bind_int(st, 1, t > ro->since ? t : ro->since);
		db_bind_int(st, 2, next < ro->until ? next : ro->until);
		step = db_step(st);
		if (step != DB_ROW) {
			db_reset(st);
			return cs_error(cs, db_fail(cs->db, "report"),
			    "cannot count tickets");
		}
		c = rset_add(r);
		c[0].s = rset_str(r, label);
		c[1].i = db_col_int(st, 0);
		c[2].i = db_col_int(st, 1);
		db_reset(st);
		if (++b > VOLUME_MAX)
			break;
	}
	return 0;
}

/* ---- incidents ---- */

static const struct out_col incident_report_cols[] = {
	{ "incident",	"INCIDENT",	OUT_ID,		ID_INCIDENT, 1 },
	{ "severity",	"SEVERITY",	OUT_TEXT,	0,	1 },
	{ "status",	"STATUS",	OUT_TEXT,	0,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "unresolved",	"UNRESOLVED",	OUT_INT,	0,	1 },
	{ "time_to_close", "TO CLOSE",	OUT_DURATION,	0,	1 },
	{ "title",	"TITLE",	OUT_TEXT,	0,	1 },
	{ "opened",	"OPENED",	OUT_TIME,	0,	0 },
	{ "closed",	"CLOSED",	OUT_TIME,	0,	0 },
	{ "departments", "DEPARTMENTS",	OUT_TEXT,	0,	0 },
};
static const int incident_report_ncols =
    sizeof(incident_report_cols) / sizeof(incident_report_cols[0]);

/*
 * The incidents opened in the period, as of the clock: one closed later
 * is still open, and a ticket linked later is not counted.  Unresolved
 * are the linked tickets open or pending now.
 */
static const char incidents_sql[] =
    "SELECT i.id, i.severity, i.closed_at IS NOT NULL AND i.closed_at <= $3,"
    " (SELECT count(*) FROM incident_ticket l WHERE l.incident_id = i.id"
    "   AND l.linked_at <= $3),"
    " (SELECT count(*) FROM incident_ticket l JOIN ticket t"
    "   ON t.id = l.ticket_id WHERE l.incident_id = i.id"
    "   AND l.linked_at <= $3 AND t.status IN ('open', 'pending')),"
    " i.closed_at - i.created_at, i.title, i.created_at, i.closed_at,"
    " i.departments"
    " FROM incident i WHERE i.created_at >= $1 AND i.created_at < $2"
    " ORDER BY i.created_at, i.id";

static int
report_incidents(struct cs *cs, const struct report_opts *ro,
    struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	int		 step, closed;

	if ((st = db_stmt(cs->db, incidents_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, ro->since);
	db_bind_int(st, 2, ro->until);
	db_bind_int(st, 3, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		c = rset_add(r);
		closed = db_col_int(st, 2);
		c[0].i = db_col_int(st, 0);
		c[1].s = rset_str(r, db_col_text(st, 1));
		c[2].s = closed ? "closed" : "open";
		c[3].i = db_col_int(st, 3);
		c[4].i = db_col_int(st, 4);
		c[5].i = db_col_int(st, 5);
		c[5].null = !closed;
		c[6].s = rset_str(r, db_col_text(st, 6));
		c[7].i = db_col_int(st, 7);
		c[8].i = db_col_int(st, 8);
		c[8].null = !closed;
		c[9].s = rset_str(r, db_col_text(st, 9));
	}
	db_reset(st);
	if (step != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "report"), "cannot read "
		    "incidents");
	return 0;
}

/* ---- the entry point ---- */

static const struct report {
	const char		*name;
	const struct out_col	*cols;
	const int		*ncols;
	int			(*fn)(struct cs *, const struct report_opts *,
				    struct rset *);
	const char		*labels;	/* --chart: the columns */
	const char		*bars;
} reports[] = {
	{ "sla", sla_cols, &sla_ncols, report_sla, "group",
	  "response_met,resolve_met" },
	{ "agents", agent_cols, &agent_ncols, report_agents, "agent",
	  "score" },
	{ "hotspots", hotspot_cols, &hotspot_ncols, report_hotspots,
	  "dimension,value", "tickets" },
	{ "refunds", refund_report_cols, &refund_report_ncols,
	  report_refunds, "group", "refunds" },
	{ "volume", volume_cols, &volume_ncols, report_volume, "period",
	  "tickets" },
	{ "incidents", incident_report_cols, &incident_report_ncols,
	  report_incidents, "incident,title", "tickets" },
	{ "disputes", dispute_report_cols, &dispute_report_ncols,
	  report_disputes, "group", "disputes" },
};

int
report_run(struct cs *cs, const char *name, const struct report_opts *ro,
    FILE *fp)
{
	const struct report	*rp = NULL;
	struct report_opts	 o = *ro;
	struct rset		 r;
	struct out		*out;
	size_t			 i;
	int			 rc, orc;

	for (i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		if (strcmp(reports[i].name, name) == 0)
			rp = &reports[i];
	if (rp == NULL)
		return cs_error(cs, CS_SOFTWARE, "%s: no such report", name);
	/* Nothing after the clock: as of CS_NOW, later facts do not exist. */
	if (o.until > cs->now + 1)
		o.until = cs->now + 1;
	if (o.top <= 0)
		o.top = 10;
	memset(&r, 0, sizeof(r));
	r.cols = rp->cols;
	r.ncols = *rp->ncols;
	out = NULL;
	if (!o.chart && (out = out_open(fp, rp->cols, *rp->ncols,
	    &cs->out)) == NULL)
		return CS_USAGE;
	rc = rp->fn(cs, &o, &r);
	if (rc == 0 && o.chart)
		rc = out_chart(fp, r.cols, r.ncols, r.cells, r.n, rp->labels,
		    rp->bars);
	else if (rc == 0)
		rc = rset_print(&r, out);
	orc = out != NULL ? out_close(out) : 0;
	rset_free(&r);
	return rc ? rc : orc;
}

const char *const score_parts[] = {
	"response", "resolve", "satisfaction", "reopen", NULL
};

static int
kw_score(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr;
	int		 i, k, w[4] = { 0, 0, 0, 0 }, sum = 0;

	if (argc < 3 || argc % 2 == 0)
		goto usage;
	for (i = 1; i + 1 < argc; i += 2) {
		if ((k = word_index(score_parts, argv[i])) == -1)
			goto usage;
		w[k] = strtonum(argv[i + 1], 0, 100, &errstr);
		if (errstr != NULL) {
			conf_err(p, "score %s %s: a weight is 0 to 100",
			    argv[i], argv[i + 1]);
			return CS_CONFIG;
		}
		sum += w[k];
	}
	if (sum == 0) {
		conf_err(p, "score: the weights add up to 0");
		return CS_CONFIG;
	}
	memcpy(c->score_w, w, sizeof(w));
	return 0;
usage:
	conf_err(p, "usage: score response N resolve N satisfaction N "
	    "reopen N");
	return CS_CONFIG;
}

static const struct conf_keyword score_keywords[] = {
	{ "score",	kw_score },
	{ NULL,		NULL },
};

static void
score_defaults(struct rules *c)
{
	c->score_w[0] = 25;
	c->score_w[1] = 25;
	c->score_w[2] = 30;
	c->score_w[3] = 20;
}

static void
score_print(const struct rules *c, FILE *fp)
{
	fprintf(fp, "score response %d resolve %d satisfaction %d reopen %d\n",
	    c->score_w[0], c->score_w[1], c->score_w[2], c->score_w[3]);
}

const struct rule_conf score_conf = {
	score_keywords, score_defaults, score_print, NULL
};
