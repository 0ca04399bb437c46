/*
 * report_disputes.c: the disputes report -- disputes opened in the
 * period by their stage as of the clock, their age and interventions.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

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

const struct report disputes_report = {
	"disputes", dispute_report_cols, &dispute_report_ncols,
	report_disputes, "group", "disputes"
};
