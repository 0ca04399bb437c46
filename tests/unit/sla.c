/*
 * The SLA report read in two halves by two connections at once (DB_SCAN)
 * gives what one scan gives, grouped every way; and when the second
 * reader sees another state of the desk, the report is one scan of the
 * first reader's state.
 *
 * SQLite only in one place: whether the second reader was used is read
 * from SQLite's own counters (scan_used, through store/sqlite.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cli/cli.h"
#include "check.h"
#include "store/sqlite.h"

static char	 path[] = "/tmp/cs-sla-XXXXXX";

static const char tickets[] =
    "INSERT INTO customer (name, phone, tier, created_at) VALUES"
    " ('a', '13800138000', 'standard', 0), ('b', '13900139000', 'gold', 0);"
    /* 3,000 tickets over 30 days; some unanswered, some unresolved. */
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    "  WHERE i < 3000)"
    " INSERT INTO ticket (customer_id, category, kind, channel, assignee,"
    "  subject, created_at, updated_at, first_response_at,"
    "  first_response_due, response_secs, resolved_first_at,"
    "  resolved_first_due, resolve_due, resolve_secs, created_by)"
    " SELECT 1 + i % 2,"
    "  CASE i % 5 WHEN 0 THEN 'complaint' WHEN 1 THEN 'technical'"
    "   ELSE 'inquiry' END,"
    "  CASE i % 5 WHEN 0 THEN 'quality' ELSE NULL END,"
    "  CASE i % 3 WHEN 0 THEN 'phone' WHEN 1 THEN 'chat' ELSE 'app' END,"
    "  CASE i % 4 WHEN 0 THEN 'alice' WHEN 1 THEN 'bob' WHEN 2 THEN 'l1'"
    "   ELSE NULL END,"
    "  's', 1000000 + i * 864, 1000000 + i * 864,"
    "  CASE WHEN i % 7 = 0 THEN NULL ELSE 1000000 + i * 864 + i * 37 % 7200"
    "   END,"
    "  1000000 + i * 864 + 3600,"
    "  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 37 % 7200 END,"
    "  CASE WHEN i % 3 = 0 THEN NULL"
    "   ELSE 1000000 + i * 864 + i * 101 % 172800 END,"
    "  CASE WHEN i % 3 = 0 THEN NULL ELSE 1000000 + i * 864 + 86400 END,"
    "  1000000 + i * 864 + 86400,"
    "  CASE WHEN i % 3 = 0 THEN NULL ELSE i * 101 % 172800 END,"
    "  'alice'"
    " FROM n;";

/* The report as TSV, into a buffer of its own. */
static char *
sla(struct cs *cs, const char *group)
{
	struct report_opts	 ro;
	FILE			*fp;
	char			*s = NULL;
	size_t			 len = 0;

	memset(&ro, 0, sizeof(ro));
	ro.since = 0;
	ro.until = 5000000;
	ro.group = group;
	if ((fp = open_memstream(&s, &len)) == NULL)
		abort();
	CHECK_INT(report_run(cs, "sla", &ro, fp), 0);
	fclose(fp);
	return s;
}

/* Whether the second reader was used: it read the schema to prepare. */
static int
scan_used(struct db *db)
{
	int	 cur = 0, hi = 0;

	sqlite3_db_status(db_sqlite(db_scan(db)), SQLITE_DBSTATUS_SCHEMA_USED,
	    &cur, &hi, 0);
	return cur > 0;
}

int
main(void)
{
	static const char *const groups[] = {
		"category", "kind", "queue", "agent", "tier", "channel"
	};
	static char	 queue[] = "l1";
	static char	*queues[] = { queue };
	struct config	 conf;
	struct agent	 who;
	struct cs	 one, two;
	struct db	*w;
	char		*a, *b;
	size_t		 i;
	int		 fd;

	memset(&conf, 0, sizeof(conf));
	conf.queues = queues;
	conf.nqueues = 1;
	memset(&who, 0, sizeof(who));
	strlcpy(who.user, "root", sizeof(who.user));
	strlcpy(who.name, "alice", sizeof(who.name));
	fd = mkstemp(path);
	CHECK(fd != -1);
	close(fd);
	unlink(path);
	CHECK_INT(db_open(&w, path, DB_WRITE, &conf), 0);
	CHECK_INT(db_exec(w, tickets), 0);
	CHECK_INT(audit_append(w, &who, 1000, "ticket.new", "T1", "{}"), 0);

	memset(&one, 0, sizeof(one));
	memset(&two, 0, sizeof(two));
	one.conf = two.conf = conf;
	one.now = two.now = 4000000;
	one.out.mode = two.out.mode = OUT_TSV;
	CHECK_INT(db_open(&one.db, path, DB_READ, &conf), 0);
	CHECK(db_scan(one.db) == NULL);
	CHECK_INT(db_open(&two.db, path, DB_SCAN, &conf), 0);
	CHECK(db_scan(two.db) != NULL);
	one.opened = two.opened = 1;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		a = sla(&one, groups[i]);
		b = sla(&two, groups[i]);
		CHECK_STR(b, a);
		CHECK(strstr(a, "all\t3000\t") != NULL);
		free(a);
		free(b);
	}
	CHECK(scan_used(two.db));

	/*
	 * The second reader held on an older state while a ticket came:
	 * the report is the first reader's, the new ticket counted.
	 */
	CHECK_INT(db_exec(db_scan(two.db), "BEGIN; SELECT count(*) FROM"
	    " audit"), 0);
	CHECK_INT(db_exec(w, "INSERT INTO ticket (customer_id,"
	    " category, subject, created_at, updated_at, first_response_due,"
	    " resolve_due, created_by) VALUES (1, 'praise', 's', 3000000,"
	    " 3000000, 3003600, 3086400, 'alice')"), 0);
	CHECK_INT(audit_append(w, &who, 3000000, "ticket.new", "T3001",
	    "{}"), 0);
	a = sla(&one, "category");
	b = sla(&two, "category");
	CHECK_STR(b, a);
	CHECK(strstr(a, "praise\t1\t") != NULL);
	CHECK(strstr(a, "all\t3001\t") != NULL);
	free(a);
	free(b);
	/* The report ended the second reader's transaction. */
	CHECK(!db_in_transaction(db_scan(two.db)));

	db_close(one.db);
	db_close(two.db);
	db_close(w);
	unlink(path);
	return check_failed;
}
