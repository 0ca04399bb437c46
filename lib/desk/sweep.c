/*
 * sweep.c: the cron sweep as one call.  It decides and writes everything
 * in one transaction, so a second sweep waiting on the lock sees the
 * first one's work and finds nothing left.  Its lines are held until the
 * commit: what it prints is what happened.  A dry run prints the same
 * and rolls back.  The escalations it made hear of it after the commit.
 * What it decides: tickets past (or within warn-before of) a deadline
 * and escalations nobody acknowledged go one level up, each cause once;
 * idle tickets close.  It is safe to run twice and two at once, because
 * everything it decides is decided inside one BEGIN IMMEDIATE
 * transaction from what is stored.  The cs.conf keywords `idle' and
 * `warn-before'.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

int
sweep_run(struct cs *cs, int dry, FILE *fp)
{
	struct out_opts	 so;
	struct out	*o;
	FILE		*mem;
	char		*buf = NULL;
	size_t		 len = 0, nmade = 0;
	int64_t		*made = NULL;
	int		 rc;

	so = cs->out;
	if (so.mode == OUT_AUTO)
		so.mode = out_is_table(&cs->out) ? OUT_TABLE : OUT_TSV;
	if ((mem = open_memstream(&buf, &len)) == NULL)
		err(CS_SOFTWARE, NULL);
	if ((o = out_open(mem, sweep_cols, sweep_ncols, &so)) == NULL) {
		fclose(mem);
		free(buf);
		return CS_USAGE;
	}
	if ((rc = cs_begin(cs)) != 0) {
		out_close(o);
		fclose(mem);
		free(buf);
		return rc;
	}
	cs->err[0] = '\0';
	rc = escalation_sweep(cs, o, &made, &nmade);
	if (rc == 0)
		rc = out_close(o);
	else
		out_close(o);
	fclose(mem);
	if (rc != 0 || dry) {
		db_rollback(cs->db);
		if (rc != 0 && cs->err[0] != '\0')
			warnx("sweep: %s", cs->err);
	} else
		rc = db_commit(cs->db);
	if (rc == 0)
		fwrite(buf, 1, len, fp);
	free(buf);
	if (rc == 0 && !dry)
		rc = escalation_notify(cs, made, nmade);
	free(made);
	return rc;
}

/* ---- what the sweep decides ---- */

/*
 * What the sweep has acted on is kept on the ticket (escalated, as
 * ",response,resolve,update@1763870400,E5,"), so each cause escalates
 * once and a sweep with nothing new reads only what changed.
 */
#define ESCALATED	"coalesce(escalated, ',')"

/*
 * Open tickets with a deadline passed or within the warning window that
 * the sweep has not acted on, or passed with the breach not recorded.
 */
#define DUE_SQL(resolve_ix, respond_ix, update_ix)			\
    "SELECT id,"							\
    " first_response_at IS NULL AND first_response_due <= $2,"		\
    " resolve_due <= $2, update_due IS NOT NULL AND update_due <= $2,"	\
    " first_response_due, resolve_due, update_due,"			\
    " coalesce(breached, ''),"						\
    " " ESCALATED " FROM ticket WHERE id IN ("				\
    /* Three ranges of deadlines, each on its index. */			\
    "  SELECT id FROM ticket" resolve_ix				\
    "  WHERE status = 'open' AND resolve_due <= $2"			\
    "  UNION SELECT id FROM ticket" respond_ix				\
    "  WHERE status = 'open' AND first_response_at IS NULL AND"		\
    "  first_response_due <= $2"					\
    "  UNION SELECT id FROM ticket" update_ix				\
    "  WHERE status = 'open' AND update_due IS NOT NULL AND"		\
    "  update_due <= $2) AND ("						\
    " (first_response_at IS NULL AND first_response_due <= $2 AND"	\
    "  (strpos(" ESCALATED ", ',response,') = 0 OR"			\
    "  (first_response_due < $1 AND"					\
    "  strpos(coalesce(breached, ''), 'response') = 0))) OR"		\
    " (resolve_due <= $2 AND"						\
    "  (strpos(" ESCALATED ", ',resolve,') = 0 OR"			\
    "  (resolve_due < $1 AND"						\
    "  strpos(coalesce(breached, ''), 'resolve') = 0)))"		\
    " OR (update_due <= $2 AND strpos(" ESCALATED ", ',update@' ||"	\
    "  update_due || ',') = 0)) ORDER BY id"
static const char due_sql[] = DUE_SQL("", "", "");
/* SQLite's planner, without statistics, takes ticket_resolve_due for all. */
static const char due_sql_sqlite[] = DUE_SQL(
    " INDEXED BY ticket_resolve_due", " INDEXED BY ticket_respond_due",
    " INDEXED BY ticket_update_due");
/* Escalations nobody acknowledged in time, on tickets still worked on. */
static const char unacked_sql[] =
    "SELECT e.id, e.ticket_id, e.owner, e.due FROM escalation e"
    " JOIN ticket t ON t.id = e.ticket_id WHERE e.status = 'open' AND"
    " e.due <= $1 AND t.status IN ('open','pending') AND"
    " strpos(coalesce(t.escalated, ','), ',E' || e.id || ',') = 0"
    " ORDER BY e.id";
static const char breach_sql[] =
    "UPDATE ticket SET breached = $1 WHERE id = $2";
static const char acted_sql[] =
    "UPDATE ticket SET escalated = coalesce(escalated, ',') || $1"
    " WHERE id = $2";
static const char idle_sql[] =
    "SELECT id FROM ticket WHERE status = $1 AND updated_at <= $2"
    " AND ($3 = '' OR category = $3) AND ($4 = '' OR channel = $4)"
    " ORDER BY id";

/* One cause the sweep found: a ticket, a token, a reason. */
struct cause {
	int64_t		 ticket;
	size_t		 seq;		/* order found, to keep it */
	char		 tok[40];	/* response resolve update@T E12 */
	char		*why;
};

struct sweep {
	struct cause	*c;
	size_t		 n, cap;
};

static void
sweep_add(struct sweep *s, int64_t ticket, const char *tok, const char *why)
{
	struct cause	*c;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		if ((s->c = reallocarray(s->c, s->cap, sizeof(*s->c))) ==
		    NULL)
			err(CS_SOFTWARE, NULL);
	}
	c = &s->c[s->n];
	c->ticket = ticket;
	c->seq = s->n++;
	strlcpy(c->tok, tok, sizeof(c->tok));
	if ((c->why = strdup(why)) == NULL)
		err(CS_SOFTWARE, NULL);
}

static void
sweep_free(struct sweep *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->c[i].why);
	free(s->c);
}

static int
cause_cmp(const void *a, const void *b)
{
	const struct cause	*x = a, *y = b;

	if (x->ticket != y->ticket)
		return (x->ticket > y->ticket) - (x->ticket < y->ticket);
	return (x->seq > y->seq) - (x->seq < y->seq);
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

static int
find_due(struct cs *cs, struct sweep *s)
{
	static const char *const what[] = {
		"first response", "resolution", "update"
	};
	static const char *const tok[] = { "response", "resolve", "update" };
	struct db_stmt	*st;
	char		 why[256], when[64], t[48], pat[52], had[64];
	const char	*acted;
	int64_t		 id, due;
	int		 i, rc = 0, step;

	if ((st = db_prepare(cs->db, db_text(cs->db, due_sql,
	    due_sql_sqlite))) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, cs->now + cs->rules.warn_before);
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		strlcpy(had, db_col_text(st, 7), sizeof(had));
		acted = db_col_text(st, 8);
		for (i = 0; i < 3 && rc == 0; i++) {
			if (!db_col_int(st, 1 + i))
				continue;
			due = db_col_int(st, 4 + i);
			/* Met or breached is recorded when it happens. */
			if (i < 2 && due < cs->now &&
			    (rc = record_breach(cs, id, had, sizeof(had),
			    tok[i])) != 0)
				break;
			/* Each update deadline is a deadline of its own. */
			if (i == 2)
				snprintf(t, sizeof(t), "update@%lld",
				    (long long)due);
			else
				strlcpy(t, tok[i], sizeof(t));
			snprintf(pat, sizeof(pat), ",%s,", t);
			if (strstr(acted, pat) != NULL)
				continue;
			clock_format_local(due, when, sizeof(when));
			if (due < cs->now)
				snprintf(why, sizeof(why), "%s overdue since "
				    "%s", what[i], when);
			else
				snprintf(why, sizeof(why), "%s due %s",
				    what[i], when);
			sweep_add(s, id, t, why);
		}
	}
	if (rc == 0 && step != DB_DONE)
		rc = db_fail(cs->db, "sweep");
	db_finalize(st);
	return rc;
}

static int
find_unacked(struct cs *cs, struct sweep *s)
{
	struct db_stmt	*st;
	char		 why[256], when[64], tok[32];
	int		 step;

	if ((st = db_prepare(cs->db, unacked_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	while ((step = db_step(st)) == DB_ROW) {
		clock_format_local(db_col_int(st, 3), when,
		    sizeof(when));
		snprintf(tok, sizeof(tok), "E%lld",
		    (long long)db_col_int(st, 0));
		snprintf(why, sizeof(why), "%s not acknowledged by %s since %s",
		    tok, db_col_text(st, 2), when);
		sweep_add(s, db_col_int(st, 1), tok, why);
	}
	db_finalize(st);
	if (step != DB_DONE)
		return db_fail(cs->db, "sweep");
	return 0;
}

const struct out_col sweep_cols[] = {
	{ "escalation",	"ESCALATION",	OUT_ID,	  ID_ESCALATION, 1 },
	{ "ticket",	"TICKET",	OUT_ID,	  ID_TICKET,	1 },
	{ "level",	"LEVEL",	OUT_INT,  0,		1 },
	{ "reason",	"REASON",	OUT_TEXT, 0,		1 },
};
const int sweep_ncols = sizeof(sweep_cols) / sizeof(sweep_cols[0]);

static int
sweep_row(struct out *o, int64_t esc, int64_t ticket, int level,
    const char *reason)
{
	struct out_cell	 c[4];

	memset(c, 0, sizeof(c));
	c[0].i = esc;
	c[0].null = esc == 0;
	c[1].i = ticket;
	c[2].i = level;
	c[2].null = level == 0;
	c[3].s = reason;
	return out_row(o, c);
}

/* Close idle tickets, per the configuration's rules. */
static int
close_idle(struct cs *cs, struct out *o)
{
	const struct idle_rule	*r;
	struct db_stmt		*st;
	int64_t			*ids = NULL;
	size_t			 n, cap = 0, i, k;
	char			 why[128], a[32];
	int			 rc = 0, step;

	for (k = 0; k < cs->rules.nidle && rc == 0; k++) {
		r = &cs->rules.idle[k];
		if ((st = db_stmt(cs->db, idle_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, r->status);
		db_bind_int(st, 2, cs->now - r->after);
		db_bind_text(st, 3, r->category);
		db_bind_text(st, 4, r->channel);
		n = 0;
		while ((step = db_step(st)) == DB_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				if ((ids = reallocarray(ids, cap,
				    sizeof(*ids))) == NULL)
					err(CS_SOFTWARE, NULL);
			}
			ids[n++] = db_col_int(st, 0);
		}
		db_reset(st);
		if (step != DB_DONE) {
			rc = db_fail(cs->db, "sweep");
			break;
		}
		duration_format(r->after, a, sizeof(a));
		snprintf(why, sizeof(why), "closed: %s %s with no word", r->status,
		    a);
		for (i = 0; i < n && rc == 0; i++)
			if ((rc = ticket_transition(cs, ids[i], "close")) ==
			    0)
				rc = sweep_row(o, 0, ids[i], 0, why);
	}
	free(ids);
	return rc;
}

int
escalation_sweep(struct cs *cs, struct out *o, int64_t **made, size_t *nmade)
{
	struct escalation_in	 in;
	struct sweep		 s;
	struct db_stmt		*st;
	char			 cause[256], reason[1000];
	size_t			 i, j;
	int64_t			 id, ticket;
	int			 rc;

	memset(&s, 0, sizeof(s));
	*made = NULL;
	*nmade = 0;
	if ((rc = find_due(cs, &s)) != 0 || (rc = find_unacked(cs, &s)) != 0)
		goto done;
	/* A ticket's causes together: it goes up one level per sweep. */
	if (s.n > 1)
		qsort(s.c, s.n, sizeof(s.c[0]), cause_cmp);
	for (i = 0; i < s.n && rc == 0; i = j) {
		ticket = s.c[i].ticket;
		cause[0] = reason[0] = '\0';
		for (j = i; j < s.n && s.c[j].ticket == ticket; j++) {
			strlcat(cause, j > i ? "," : "", sizeof(cause));
			strlcat(cause, s.c[j].tok, sizeof(cause));
			strlcat(reason, j > i ? "; " : "", sizeof(reason));
			strlcat(reason, s.c[j].why, sizeof(reason));
		}
		memset(&in, 0, sizeof(in));	/* level 0: one up */
		in.reason = reason;
		in.cause = cause;
		if ((rc = escalation_raise(cs, ticket, &in, &id)) != 0 ||
		    (id != 0 && (rc = sweep_row(o, id, ticket, in.level,
		    reason)) != 0))
			break;
		/* Acted on, either way: the next sweep leaves it. */
		strlcat(cause, ",", sizeof(cause));
		if ((st = db_stmt(cs->db, acted_sql)) == NULL) {
			rc = cs_error(cs, CS_SOFTWARE, "database error");
			break;
		}
		db_bind_text(st, 1, cause);
		db_bind_int(st, 2, ticket);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : cs_error(cs, db_fail(cs->db,
		    "ticket"), "T%lld: cannot update", (long long)ticket);
	}
	if (rc == 0)
		rc = close_idle(cs, o);
	if (rc == 0)
		rc = escalation_claim(cs, made, nmade);
done:
	sweep_free(&s);
	return rc;
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
