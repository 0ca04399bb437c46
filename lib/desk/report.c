/*
 * report.c: what the reports cs-report prints share -- periods, result
 * sets, percentiles, groups -- and the table of them; each report has a
 * file of its own (report_sla.c, report_agents.c, ...).  A report runs
 * over a period, as of the clock (CS_NOW).  Every figure comes from
 * facts stamped when they happened (first response, first resolution,
 * the deadline it was held to, business times, the audit trail), never
 * from a ticket's current state, so a report of last Monday reads the
 * same today.  Read-only.
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

struct out_cell *
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

const char *
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

void
vec_push(struct vec *a, int64_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		if ((a->v = reallocarray(a->v, a->cap, sizeof(*a->v))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	a->v[a->n++] = x;
}

int
int64_cmp(const void *a, const void *b)
{
	const int64_t	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
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

void
set_ratio(struct out_cell *c, int64_t num, int64_t den, int64_t scale)
{
	c->i = report_ratio(num, den, scale);
	c->null = c->i < 0;
}

void
set_pct(struct out_cell *c, struct vec *a, int p)
{
	c->i = report_percentile(a->v, a->n, p);
	c->null = c->i < 0;
}

/* ---- groups ---- */

void *
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

void
groups_sort(struct groups *g)
{
	if (g->n > 1)
		qsort(g->data, g->n, g->size, key_cmp);
}

/* Whether name is one of the configured queues. */
int
is_queue(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nqueues; i++)
		if (strcmp(c->queues[i], name) == 0)
			return 1;
	return 0;
}

/* ---- the entry point ---- */

static const struct report *const reports[] = {
	&sla_report, &agents_report, &hotspots_report, &refunds_report,
	&volume_report, &incidents_report, &disputes_report,
	&escalations_report,
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
		if (strcmp(reports[i]->name, name) == 0)
			rp = reports[i];
	if (rp == NULL)
		return cs_error(cs, CS_SOFTWARE, "%s: no such report", name);
	/* Nothing after the clock: as of CS_NOW, later facts do not exist. */
	if (o.until > cs->now + 1)
		o.until = cs->now + 1;
	if (o.top <= 0)
		o.top = 10;
	/* A chart is for people: a form for programs asked for wins. */
	if (cs->out.mode != OUT_AUTO && cs->out.mode != OUT_TABLE)
		o.chart = 0;
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
