/*
 * exam.c: the theory part of an agent's score.  The e-commerce deck
 * scores agents out of 100, 70% practice (the agents report's parts)
 * and 30% theory: an exam score per agent and month, recorded by a
 * supervisor and kept, each one, so a report as of a moment reads the
 * scores recorded by then.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/* "85", "85.5", "100": tenths of a point, or -1. */
static int64_t
exam_score(const char *s)
{
	int64_t	 v = 0;
	int	 digits = 0;

	for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
		v = v * 10 + (*s - '0');
	if (digits == 0)
		return -1;
	v *= 10;
	if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
		v += s[1] - '0';
		s += 2;
	}
	return *s == '\0' && v <= 1000 ? v : -1;
}

static const char exam_sql[] =
    "INSERT INTO exam (agent, period, since, until, score, recorded_by,"
    " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

int
exam_record(struct cs *cs, const char *agent, const char *month,
    const char *score, int64_t *tenths)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	const char	*errstr = NULL;
	char		 label[16];
	int64_t		 since, until, v, id;
	int		 y, m, d;

	if (!cs_name_ok(agent) || is_queue(&cs->conf, agent) ||
	    (cs->conf.nagents > 0 && !agent_assignable(&cs->conf, agent)))
		return cs_error(cs, CS_DATAERR, "%s: not an agent in the "
		    "configuration", agent);
	if (strlen(month) != 7 || period_set(cs->now, PERIOD_MONTH, month,
	    &since, &until, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "%s: not a month like 2026-11",
		    month);
	if ((v = exam_score(score)) < 0)
		return cs_error(cs, CS_DATAERR, "score %s: not 0 to 100 "
		    "(one decimal at most)", score);
	cal_civil(clock_day(since), &y, &m, &d);
	snprintf(label, sizeof(label), "%04d-%02d", y, m);
	if ((st = db_stmt(cs->db, exam_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, agent);
	db_bind_text(st, 2, label);
	db_bind_int(st, 3, since);
	db_bind_int(st, 4, until);
	db_bind_int(st, 5, v);
	db_bind_text(st, 6, cs->actor.name);
	db_bind_int(st, 7, cs->now);
	if (db_step_id(st, &id) != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "exam"), "%s: cannot record "
		    "the exam", agent);
	*tenths = v;
	jbuf_init(&j);
	jbuf_int(&j, "exam", id);
	jbuf_str(&j, "agent", agent);
	jbuf_str(&j, "month", label);
	jbuf_int(&j, "score_tenths", v);
	v = cs_trail(cs, cs->now, "exam.record", "-", jbuf_end(&j));
	jbuf_free(&j);
	return (int)v;
}

/*
 * An agent's theory score for [since, until) as of `at`, in tenths: the
 * mean of the months the period touches, each month's last score
 * recorded by then; -1 when there is none.
 */
static const char theory_sql[] =
    "SELECT e.score FROM exam e WHERE e.agent = $1 AND e.since < $3"
    " AND e.until > $2 AND e.created_at <= $4 AND e.id = (SELECT"
    " max(x.id) FROM exam x WHERE x.agent = e.agent AND"
    " x.since = e.since AND x.created_at <= $4)";

int64_t
exam_theory(struct cs *cs, const char *agent, int64_t since, int64_t until,
    int64_t at)
{
	struct db_stmt	*st;
	int64_t		 sum = 0, n = 0;

	if ((st = db_stmt(cs->db, theory_sql)) == NULL)
		return -1;
	db_bind_text(st, 1, agent);
	db_bind_int(st, 2, since);
	db_bind_int(st, 3, until);
	db_bind_int(st, 4, at);
	while (db_step(st) == DB_ROW) {
		sum += db_col_int(st, 0);
		n++;
	}
	db_reset(st);
	return n > 0 ? (sum * 2 + n) / (2 * n) : -1;
}
