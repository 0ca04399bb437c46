/*
 * report_agents.c: the agents report -- tickets handled, responses,
 * replies, callbacks, escalations and the weighted score -- and the
 * score's weights, the cs.conf keyword `score'.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

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
	{ "satisfied",	"SAT 4-5%",	OUT_DECIMAL,	1,	0 },
	{ "fcr",	"FCR%",		OUT_DECIMAL,	1,	0 },
	{ "practice",	"PRACTICE",	OUT_DECIMAL,	1,	0 },
	{ "theory",	"THEORY",	OUT_DECIMAL,	1,	0 },
};
static const int agent_ncols = sizeof(agent_cols) / sizeof(agent_cols[0]);

struct agent_acc {
	char		 name[GROUP_KEY];
	int64_t		 handled, replies, responded, rmet, smet, reopened;
	int64_t		 sat_sum, sat_n, satisfied, escalations, fcr;
	struct vec	 rsecs, ssecs;
};

/*
 * Tickets first resolved in the period, by whom, reopened since, and
 * whether on first contact (at most one reply before it; stamped when
 * resolved, counted for tickets resolved before it was).
 */
#define FIRST_CONTACT							\
    "coalesce(t.first_contact, (SELECT CASE WHEN count(*) <= 1 THEN 1"	\
    " ELSE 0 END FROM reply r WHERE r.ticket_id = t.id AND"		\
    " r.type = 'reply' AND"						\
    " r.created_at <= t.resolved_first_at))"
static const char handled_sql[] =
    "SELECT t.resolved_first_by, t.resolve_secs,"
    " t.resolved_first_at <= t.resolved_first_due,"
    " EXISTS (SELECT 1 FROM audit a WHERE a.record = 'T' || t.id"
    "  AND a.action = 'ticket.reopen' AND a.at <= $3"
    "  AND a.detail ->> 'from' IN ('resolved', 'closed')), "
    FIRST_CONTACT
    " FROM ticket t WHERE t.resolved_first_at >= $1"
    " AND t.resolved_first_at < $2";
/*
 * First responses in the period and who gave them; met as the SLA
 * report has it (report_sla.c): by its due, and not after a first
 * resolution made by the clock.  Who: the ticket's reply made at its
 * first response.  A merge moves replies to the survivor: a duplicate's
 * is then found in its trail; and a desk's rows from before the trail
 * (or not made at that moment) fall back to the ticket's first reply.
 */
#define TICKET_REPLY(cond)						\
    "(SELECT r.agent FROM reply r WHERE r.ticket_id = t.id AND"		\
    " r.type = 'reply'" cond " ORDER BY r.id LIMIT 1)"
static const char responded_sql[] =
    "SELECT coalesce("
    TICKET_REPLY(" AND r.created_at = t.first_response_at") ","
    " (SELECT a.agent FROM audit a WHERE a.record = 'T' || t.id"
    "  AND a.action = 'ticket.reply' ORDER BY a.seq LIMIT 1), "
    TICKET_REPLY("") "), t.response_secs,"
    " t.first_response_at <= t.first_response_due AND"
    " (t.resolved_first_at IS NULL OR t.resolved_first_at > $3 OR"
    " t.first_response_at <= t.resolved_first_at)"
    " FROM ticket t"
    " WHERE t.first_response_at >= $1 AND t.first_response_at < $2"
    " AND $3 = $3";
static const char replies_sql[] =
    "SELECT agent, count(*), 0 FROM reply WHERE type = 'reply'"
    " AND created_at >= $1 AND created_at < $2 AND $3 = $3 GROUP BY agent";
/*
 * Every call-back made in the period, for whoever resolved the ticket
 * first when it was made: a later one never rewrites an earlier period.
 */
static const char callbacks_sql[] =
    "SELECT credited, satisfaction, 0 FROM callback"
    " WHERE created_at >= $1 AND created_at < $2 AND created_at <= $3";
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
		/* A first response with no reply found: no one's. */
		if (what == 1 && db_col_null(st, 0))
			continue;
		g = group_of(gs, db_col_text(st, 0));
		switch (what) {
		case 0:
			g->handled++;
			if (!db_col_null(st, 1))
				vec_push(&g->ssecs, db_col_int(st, 1));
			g->smet += db_col_int(st, 2);
			g->reopened += db_col_int(st, 3);
			g->fcr += db_col_int(st, 4) && !db_col_int(st, 3);
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
			g->satisfied += db_col_int(st, 1) >= 4;
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

/*
 * The 100-point score of the e-commerce deck: practice (the parts above)
 * and theory (the exam) by their weights, over those that have a score.
 */
int64_t
report_split(const int w[2], int64_t practice, int64_t theory)
{
	int64_t	 top = 0, sum = 0;

	if (practice >= 0 && w[0] > 0) {
		top += practice * w[0];
		sum += w[0];
	}
	if (theory >= 0 && w[1] > 0) {
		top += theory * w[1];
		sum += w[1];
	}
	return sum > 0 ? (top * 2 + sum) / (2 * sum) : -1;
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
	int64_t		 num[4], den[4], practice, theory;
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
		practice = report_score(cs->rules.score_w, num, den);
		theory = exam_theory(cs, g->name, ro->since, ro->until,
		    cs->now);
		c[11].i = report_split(cs->rules.score_split, practice,
		    theory);
		c[11].null = c[11].i < 0;
		set_ratio(&c[12], g->satisfied, g->sat_n, 1000);
		set_ratio(&c[13], g->fcr, g->handled, 1000);
		c[14].i = practice;
		c[14].null = practice < 0;
		c[15].i = theory;
		c[15].null = theory < 0;
	}
	for (i = 0; i < n; i++) {
		free(a[i].rsecs.v);
		free(a[i].ssecs.v);
	}
	free(a);
	return rc;
}

const struct report agents_report = {
	"agents", agent_cols, &agent_ncols, report_agents,
	"agent", "score"
};

/* ---- the score's weights in cs.conf ---- */

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

/* score-split practice 70 theory 30 */
static int
kw_score_split(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr = NULL;
	int		 w[2];

	if (argc != 5 || strcmp(argv[1], "practice") != 0 ||
	    strcmp(argv[3], "theory") != 0) {
		conf_err(p, "usage: score-split practice N theory N");
		return CS_CONFIG;
	}
	w[0] = strtonum(argv[2], 0, 100, &errstr);
	if (errstr == NULL)
		w[1] = strtonum(argv[4], 0, 100, &errstr);
	if (errstr != NULL || w[0] + w[1] == 0) {
		conf_err(p, "score-split: weights are 0 to 100, not both 0");
		return CS_CONFIG;
	}
	memcpy(c->score_split, w, sizeof(w));
	return 0;
}

static const struct conf_keyword score_keywords[] = {
	{ "score",	kw_score },
	{ "score-split", kw_score_split },
	{ NULL,		NULL },
};

static void
score_defaults(struct rules *c)
{
	c->score_w[0] = 25;
	c->score_w[1] = 25;
	c->score_w[2] = 30;
	c->score_w[3] = 20;
	/* The e-commerce deck: 70% practice, 30% theory. */
	c->score_split[0] = 70;
	c->score_split[1] = 30;
}

static void
score_print(const struct rules *c, FILE *fp)
{
	fprintf(fp, "score response %d resolve %d satisfaction %d reopen %d\n",
	    c->score_w[0], c->score_w[1], c->score_w[2], c->score_w[3]);
	fprintf(fp, "score-split practice %d theory %d\n", c->score_split[0],
	    c->score_split[1]);
}

const struct rule_conf score_conf = {
	score_keywords, score_defaults, score_print, NULL
};
