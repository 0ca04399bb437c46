/*
 * report_hotspots.c: the complaint hot spots -- the categories, subjects
 * and kinds with the most tickets in the period.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const struct out_col hotspot_cols[] = {
	{ "dimension",	"DIMENSION",	OUT_TEXT,	0,	1 },
	{ "value",	"VALUE",	OUT_TEXT,	OUT_PROSE,	1 },
	{ "tickets",	"TICKETS",	OUT_INT,	0,	1 },
	{ "previous",	"PREVIOUS",	OUT_INT,	0,	1 },
	{ "change",	"CHANGE",	OUT_INT,	0,	1 },
	{ "change_pct",	"CHANGE%",	OUT_DECIMAL,	1,	1 },
};
static const int hotspot_ncols = sizeof(hotspot_cols) / sizeof(hotspot_cols[0]);

/*
 * $1 previous start, $2 this period's start, $3 its end; $6 the clock,
 * as of which a ticket reclassified since is counted as it was.
 */
#define HOT_CATEGORY	"(" TICKET_CATEGORY_AT("$6") ")"
static const char *const hotspot_sql[] = {
	"SELECT " HOT_CATEGORY " || coalesce('/' || (" TICKET_KIND_AT("$6")
	"), ''),"
	" sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0 END),"
	" sum(CASE WHEN t.created_at < $2 THEN 1 ELSE 0 END) FROM ticket t"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR " HOT_CATEGORY " = $4)"
	" GROUP BY 1 HAVING sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0"
	" END) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
	/* The customers' names, to be masked in what they wrote. */
	"SELECT t.subject,"
	" sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0 END),"
	" sum(CASE WHEN t.created_at < $2 THEN 1 ELSE 0 END),"
	" min(c.name), max(c.name) FROM ticket t"
	" JOIN customer c ON c.id = t.customer_id"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR " HOT_CATEGORY " = $4)"
	" GROUP BY 1 HAVING sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0"
	" END) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
	"SELECT o.kind,"
	" sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0 END),"
	" sum(CASE WHEN t.created_at < $2 THEN 1 ELSE 0 END) FROM ticket t"
	" JOIN orders o ON o.id = t.order_id"
	" WHERE t.created_at >= $1 AND t.created_at < $3"
	" AND ($4 IS NULL OR " HOT_CATEGORY " = $4)"
	" GROUP BY 1 HAVING sum(CASE WHEN t.created_at >= $2 THEN 1 ELSE 0"
	" END) > 0"
	" ORDER BY 2 DESC, 1 LIMIT $5",
};
static const char *const hotspot_dims[] = { "category", "subject", "kind" };

static int
report_hotspots(struct cs *cs, const struct report_opts *ro, struct rset *r)
{
	struct db_stmt	*st;
	struct out_cell	*c;
	int64_t		 cur, prev;
	char		*m;
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
		db_bind_int(st, 6, cs->now);
		while ((step = db_step(st)) == DB_ROW) {
			c = rset_add(r);
			cur = db_col_int(st, 1);
			prev = db_col_int(st, 2);
			c[0].s = hotspot_dims[k];
			m = NULL;
			if (k == 1) {
				out_prose_names(db_col_text(st, 3),
				    db_col_text(st, 4));
				m = out_prose(db_col_text(st, 0),
				    cs->out.unmask);
				out_prose_names(NULL, NULL);
			}
			c[1].s = rset_str(r, m != NULL ? m : db_col_text(st, 0));
			free(m);
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

const struct report hotspots_report = {
	"hotspots", hotspot_cols, &hotspot_ncols, report_hotspots,
	"dimension,value", "tickets"
};
