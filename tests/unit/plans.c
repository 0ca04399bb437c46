/*
 * SQLite only: this test reads SQLite's own statement counters and query
 * plans, through the backend's handle (store/sqlite.h).
 *
 * What the hot paths read.  A lookup (ticket, order, customer's orders,
 * refund quote, a ticket by its old reference), a batch's refund, the sweep and the SLA report must reach their rows
 * through an index: no statement they run may step through a whole table
 * or index (SQLITE_STMTSTATUS_FULLSCAN_STEP) or build an automatic index
 * (SQLITE_STMTSTATUS_AUTOINDEX).  Every statement is seen as it finishes,
 * through the profile trace, whether cached or finalized at once.
 * SQLite's plans here depend on the schema and the query, not on the
 * number of rows (cs never runs ANALYZE), so a small desk shows what a
 * large one would do.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cli/cli.h"
#include "check.h"
#include "store/sqlite.h"

static char	 path[] = "/tmp/cs-plans-XXXXXX";

/* 300 customers, 1,000 orders paid (a few twice), 3,000 tickets. */
static const char desk[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    "  WHERE i < 300)"
    " INSERT INTO customer (name, phone, tier, created_at)"
    " SELECT 'c' || i, '138' || printf('%08d', i), 'standard', 0 FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    "  WHERE i < 1000)"
    " INSERT INTO orders (ref, customer_id, kind, status, amount,"
    "  service_at, created_at, updated_at, status_at)"
    " SELECT 'R' || i, 1 + i % 300,"
    "  CASE i % 3 WHEN 0 THEN 'rail' WHEN 1 THEN 'goods' ELSE 'ride' END,"
    "  CASE i % 3 WHEN 0 THEN 'paid' WHEN 1 THEN 'received'"
    "   ELSE 'completed' END,"
    "  10000 + i, CASE WHEN i % 3 = 0 THEN 5000000 END,"
    "  1000000 + i * 2000, 1000000 + i * 2000, 1000000 + i * 2000 FROM n;"
    "INSERT INTO payment (order_id, txn, amount, status, paid_at,"
    "  created_at)"
    " SELECT id, 'P' || id, amount, 'ok', created_at, created_at"
    " FROM orders;"
    "INSERT INTO payment (order_id, txn, amount, status, paid_at,"
    "  created_at)"
    " SELECT id, 'D' || id, amount, 'ok', created_at + 1, created_at + 1"
    " FROM orders WHERE id % 97 = 0;"
    "INSERT INTO refund (order_id, amount, fee, status, reason, key,"
    "  requested_by, created_at, updated_at)"
    " SELECT id, 100, 0, 'paid', 'goodwill', 'k' || id, 'alice',"
    "  created_at, created_at FROM orders WHERE id % 10 = 0;"
    /*
     * Tickets over 30 days; the last 300 still open, a third of those
     * past their first response, and escalations on some, unacked.
     */
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    "  WHERE i < 3000)"
    " INSERT INTO ticket (customer_id, order_id, category, kind, channel,"
    "  status, assignee, subject, created_at, updated_at,"
    "  first_response_at, first_response_due, response_secs,"
    "  resolved_first_at, resolved_first_due, resolve_due, resolve_secs,"
    "  created_by, sla)"
    " SELECT 1 + i % 300, CASE WHEN i % 2 = 0 THEN 1 + i % 1000 END,"
    "  CASE i % 5 WHEN 0 THEN 'complaint' ELSE 'inquiry' END,"
    "  CASE i % 5 WHEN 0 THEN 'quality' END, 'phone',"
    "  CASE WHEN i > 2700 THEN 'open' ELSE 'closed' END,"
    "  'alice', 's', 1000000 + i * 864, 1000000 + i * 864,"
    "  CASE WHEN i > 2700 AND i % 3 = 0 THEN NULL"
    "   ELSE 1000000 + i * 864 + 600 END,"
    "  1000000 + i * 864 + 3600,"
    "  CASE WHEN i > 2700 AND i % 3 = 0 THEN NULL ELSE 600 END,"
    "  CASE WHEN i > 2700 THEN NULL ELSE 1000000 + i * 864 + 7200 END,"
    "  1000000 + i * 864 + 28800, 1000000 + i * 864 + 28800,"
    "  CASE WHEN i > 2700 THEN NULL ELSE 7200 END, 'alice', 'inquiry'"
    " FROM n;"
    "UPDATE ticket SET ref = 'OLD-' || id WHERE id % 2 = 0;"
    "INSERT INTO escalation (ticket_id, level, owner, reason, status, due,"
    "  raised_by, created_at, updated_at)"
    " SELECT id, 1, 'bob', 'r', 'open', created_at + 900, 'alice',"
    "  created_at + 600, created_at + 600 FROM ticket"
    " WHERE status = 'open' AND id % 7 = 0;";

/*
 * Statements that stepped through a whole table or index, as they ran;
 * judged after, by their plans, on a connection of their own.
 */
static char	*scanned[64];
static int	 seen, nscanned;
static sqlite3	*planner;

static int
profile(unsigned type, void *arg, void *p, void *x)
{
	sqlite3_stmt	*st = p;

	(void)type;
	(void)arg;
	(void)x;
	seen++;
	if ((sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1) > 0 ||
	    sqlite3_stmt_status(st, SQLITE_STMTSTATUS_AUTOINDEX, 1) > 0) &&
	    nscanned < (int)(sizeof(scanned) / sizeof(scanned[0])))
		scanned[nscanned++] = strdup(sqlite3_sql(st));
	return 0;
}

/*
 * The scans in sql's plan that read more than they are asked for: any
 * but one of a partial index, which holds only the rows its WHERE names
 * (the sweep's list of escalations nobody was told of).
 */
static int
wide_scans(const char *sql)
{
	sqlite3_stmt	*st, *ix;
	const char	*d, *name;
	char		 q[4096];
	int		 n = 0, partial;

	snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(planner, q, -1, &st, NULL) != SQLITE_OK)
		return 1000;
	while (sqlite3_step(st) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 3);
		if (d == NULL || strncmp(d, "SCAN ", 5) != 0 ||
		    strncmp(d, "SCAN CONSTANT", 13) == 0)
			continue;
		partial = 0;
		if ((name = strstr(d, " INDEX ")) != NULL &&
		    sqlite3_prepare_v2(planner, "SELECT sql LIKE '% WHERE %'"
		    " FROM sqlite_master WHERE type = 'index' AND name = ?",
		    -1, &ix, NULL) == SQLITE_OK) {
			sqlite3_bind_text(ix, 1, name + 7, -1, SQLITE_STATIC);
			partial = sqlite3_step(ix) == SQLITE_ROW &&
			    sqlite3_column_int(ix, 0);
			sqlite3_finalize(ix);
		}
		if (!partial) {
			printf("# %s\n#   in: %s\n", d, sql);
			n++;
		}
	}
	sqlite3_finalize(st);
	return n;
}

static int
wide(void)
{
	int	 i, n = 0;

	for (i = 0; i < nscanned; i++) {
		n += wide_scans(scanned[i]);
		free(scanned[i]);
	}
	nscanned = 0;
	return n;
}

/* Run a piece of work: it ran statements, none reading a whole table. */
#define WORK(what, call) do {						\
	seen = 0;							\
	CHECK_INT(call, 0);						\
	printf("# %s: %d statements\n", what, seen);			\
	CHECK(seen > 0);						\
	CHECK_INT(wide(), 0);						\
} while (0)

int
main(void)
{
	struct fee_quote	 q;
	struct refund_in	 ri;
	struct order_filter	 of;
	struct ticket_filter	 tf;
	struct report_opts	 ro;
	struct out		*o;
	struct cs		 cs;
	FILE			*null;
	int64_t			 order, cust, rid = 0;
	size_t			 nmade = 0;
	int			 fd, outcome;

	fd = mkstemp(path);
	CHECK(fd != -1);
	close(fd);
	unlink(path);
	setenv("CS_CONF", "/dev/null", 1);
	unsetenv("CS_AGENT");
	memset(&cs, 0, sizeof(cs));
	cs.dbopt = path;
	cs.out.mode = OUT_TSV;
	CHECK_INT(cs_init(&cs), 0);
	cs.now = 4000000;
	CHECK_INT(cs_open(&cs, DB_WRITE), 0);
	CHECK_INT(sqlite3_exec(db_sqlite(cs.db), desk, NULL, NULL, NULL),
	    SQLITE_OK);
	CHECK((null = fopen("/dev/null", "w")) != NULL);
	sqlite3_trace_v2(db_sqlite(cs.db), SQLITE_TRACE_PROFILE, profile, NULL);

	CHECK_INT(sqlite3_open_v2(path, &planner, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);

	/*
	 * The check itself: a search by a column with no index is caught,
	 * a scan of a partial index is not, nor one with nothing to read.
	 */
	seen = 0;
	CHECK_INT(sqlite3_exec(db_sqlite(cs.db), "SELECT count(*) FROM ticket"
	    " WHERE subject = 'x'; SELECT count(*) FROM escalation"
	    " WHERE notified_at IS NULL", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(seen, 2);
	CHECK_INT(nscanned, 2);
	CHECK_INT(wide(), 1);

	WORK("cs-ticket show", ticket_show(&cs, 2800, null));
	WORK("cs-order show", order_find(&cs, "O97", &order, &cust) ||
	    order_show(&cs, order, null));
	WORK("cs-order show ref:", order_find(&cs, "ref:R500", &order,
	    &cust));
	memset(&of, 0, sizeof(of));
	of.customer = "tel:13800000042";
	CHECK((o = out_open(null, order_cols, order_ncols, &cs.out)) != NULL);
	WORK("cs-order ls -C tel:", order_list(&cs, &of, o));
	out_close(o);
	WORK("cs-refund quote", refund_quote(&cs, "O300", NULL, &order, &q));
	memset(&tf, 0, sizeof(tf));
	tf.ref = "OLD-2000";
	CHECK((o = out_open(null, ticket_cols, ticket_ncols, &cs.out)) !=
	    NULL);
	WORK("cs-ticket ls -R", ticket_list(&cs, &tf, o));
	out_close(o);

	/* A batch's line: checked, keyed, refunded, audited. */
	memset(&ri, 0, sizeof(ri));
	ri.order = "O97";
	ri.amount = "1.00";
	ri.reason = "duplicate-payment";
	ri.key = "plans:1";
	CHECK_INT(db_begin(cs.db), 0);
	WORK("cs-refund batch, a line", refund_request(&cs, &ri, &rid,
	    &outcome, &q));
	CHECK(rid > 0);
	db_rollback(cs.db);

	/*
	 * The sweep: it escalates the open tickets past their deadlines,
	 * five more copies of them, so that a source gives more than a
	 * chunk and the next chunk reads on from the same deadline.
	 */
	CHECK_INT(db_begin(cs.db), 0);
	CHECK_INT(sqlite3_exec(db_sqlite(cs.db), "WITH RECURSIVE k(j) AS"
	    " (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 5)"
	    " INSERT INTO ticket (customer_id, category, kind, channel, status,"
	    "  assignee, subject, created_at, updated_at, first_response_at,"
	    "  first_response_due, resolve_due, created_by, sla)"
	    " SELECT customer_id, category, kind, channel, status, assignee,"
	    "  subject, created_at, updated_at, first_response_at,"
	    "  first_response_due, resolve_due, created_by, sla"
	    " FROM ticket, k WHERE status = 'open'", NULL, NULL, NULL),
	    SQLITE_OK);
	/*
	 * Some never answered waiting on the customer (their first
	 * response is swept too), and an open incident's escalation, which
	 * climbs as the incident's.
	 */
	CHECK_INT(sqlite3_exec(db_sqlite(cs.db), "UPDATE ticket SET"
	    " status = 'pending' WHERE status = 'open' AND id % 5 = 0;"
	    "INSERT INTO incident (title, severity, departments, opened_by,"
	    "  created_at, updated_at) VALUES ('down', 'high', 'tech',"
	    "  'alice', 1000000, 1000000);"
	    "INSERT INTO incident_ticket (incident_id, ticket_id, linked_by,"
	    "  linked_at) VALUES (1, 2703, 'alice', 1000000);"
	    "INSERT INTO escalation (ticket_id, level, owner, reason, status,"
	    "  due, raised_by, created_at, updated_at, incident_id)"
	    " VALUES (2703, 1, 'bob', 'r', 'open', 1000000, 'alice', 1000000,"
	    "  1000000, 1)", NULL, NULL, NULL), SQLITE_OK);
	while (nscanned > 0)		/* the copy's own scan */
		free(scanned[--nscanned]);
	CHECK((o = out_open(null, sweep_cols, sweep_ncols, &cs.out)) != NULL);
	WORK("cs-escalate sweep", escalation_sweep(&cs, o, &nmade));
	out_close(o);
	printf("# the sweep raised %zu escalations\n", nmade);
	CHECK(nmade > 1000);
	db_rollback(cs.db);

	memset(&ro, 0, sizeof(ro));
	ro.since = 0;
	ro.until = 5000000;
	ro.group = "category";
	WORK("cs-report sla", report_run(&cs, "sla", &ro, null));

	fclose(null);
	sqlite3_close(planner);
	cs_done(&cs);
	unlink(path);
	return check_failed;
}
