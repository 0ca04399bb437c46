/* The audit chain: appended records verify; any edit breaks the link. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static char	 path[] = "/tmp/cs-audit-XXXXXX";

static void
tamper(struct db *db, const char *sql)
{
	CHECK_INT(db_exec(db, sql), 0);
}

int
main(void)
{
	struct config	 conf;
	struct agent	 who;
	struct db	*db;
	struct jbuf	 j;
	char		 h1[65], h2[65], last[65];
	int64_t		 bad;
	int		 fd;

	memset(&conf, 0, sizeof(conf));
	memset(&who, 0, sizeof(who));
	strlcpy(who.user, "root", sizeof(who.user));
	strlcpy(who.name, "alice", sizeof(who.name));
	fd = mkstemp(path);
	CHECK(fd != -1);
	close(fd);
	unlink(path);
	CHECK_INT(db_open(&db, path, DB_WRITE, &conf), 0);

	/* An empty chain verifies. */
	CHECK_INT(audit_verify(db, &bad, last), 0);

	jbuf_init(&j);
	jbuf_str(&j, "subject", "退票 \"quoted\"\n");
	jbuf_int(&j, "n", -42);
	CHECK_STR(jbuf_end(&j), "{\"subject\":\"退票 \\\"quoted\\\"\\n\","
	    "\"n\":-42}");
	CHECK_INT(audit_append(db, &who, 1000, "ticket.new", "T1",
	    j.s), 0);
	jbuf_free(&j);
	CHECK_INT(audit_append(db, &who, 1001, "ticket.reply", "T1",
	    "{}"), 0);
	CHECK_INT(audit_append(db, &who, 1002, "ticket.close", "T1",
	    "{}"), 0);
	CHECK_INT(audit_verify(db, &bad, last), 0);
	CHECK_INT(bad, 0);
	/* The last hash is the third record's. */
	{
		struct db_stmt *st = db_stmt(db,
		    "SELECT hash FROM audit WHERE seq = 3");

		CHECK(st != NULL && db_step(st) == DB_ROW);
		CHECK_STR(last, db_col_text(st, 0));
		db_reset(st);
	}

	/* The hash covers every field: one changed byte changes it. */
	audit_hash(1, 1000, "root", "alice", "t", "a", "T1", "{}", "0", h1);
	audit_hash(1, 1000, "root", "alice", "t", "a", "T2", "{}", "0", h2);
	CHECK(strcmp(h1, h2) != 0);
	CHECK_INT(strlen(h1), 64);
	/* Field boundaries count: "ab"+"c" is not "a"+"bc". */
	audit_hash(1, 1000, "ab", "c", "t", "a", "T1", "{}", "0", h1);
	audit_hash(1, 1000, "a", "bc", "t", "a", "T1", "{}", "0", h2);
	CHECK(strcmp(h1, h2) != 0);

	/* An edited detail breaks its own record. */
	tamper(db, "UPDATE audit SET detail = '{\"x\":1}' WHERE seq = 2");
	CHECK_INT(audit_verify(db, &bad, last), CS_DATAERR);
	CHECK_INT(bad, 2);
	tamper(db, "UPDATE audit SET detail = '{}' WHERE seq = 2");
	CHECK_INT(audit_verify(db, &bad, last), 0);

	/* A changed agent, a rewritten time: broken. */
	tamper(db, "UPDATE audit SET agent = 'bob' WHERE seq = 3");
	CHECK_INT(audit_verify(db, &bad, last), CS_DATAERR);
	CHECK_INT(bad, 3);
	tamper(db, "UPDATE audit SET agent = 'alice' WHERE seq = 3");
	tamper(db, "UPDATE audit SET at = 999 WHERE seq = 1");
	CHECK_INT(audit_verify(db, &bad, last), CS_DATAERR);
	CHECK_INT(bad, 1);
	tamper(db, "UPDATE audit SET at = 1000 WHERE seq = 1");
	CHECK_INT(audit_verify(db, &bad, last), 0);

	/* A deleted record leaves a gap. */
	tamper(db, "DELETE FROM audit WHERE seq = 2");
	CHECK_INT(audit_verify(db, &bad, last), CS_DATAERR);
	CHECK_INT(bad, 2);
	tamper(db, "DELETE FROM audit");

	/*
	 * A record carries the state of its row and of the rows touched;
	 * --deep finds a row changed behind its back, and a state edited
	 * in the trail breaks the chain.
	 */
	{
		struct audit_rows r;

		/* Appended in a change, as the desk does. */
		CHECK_INT(db_begin(db), 0);
		tamper(db, "INSERT INTO customer (id, name, phone, created_at)"
		    " VALUES (1, 'a', '13800138000', 5)");
		tamper(db, "INSERT INTO orders (id, ref, customer_id, kind,"
		    " status, amount, created_at, updated_at) VALUES (1, 'G1',"
		    " 1, 'goods', 'paid', 100, 5, 5)");
		tamper(db, "INSERT INTO payment (id, order_id, txn, amount,"
		    " status, paid_at, created_at) VALUES (1, 1, 'TX', 100,"
		    " 'ok', 5, 5)");
		CHECK_INT(audit_append(db, &who, 5, "customer.new", "C1",
		    "{}"), 0);
		db_touch(db, ID_PAYMENT, 1);
		CHECK_INT(audit_append(db, &who, 5, "order.new", "O1", "{}"),
		    0);
		CHECK_INT(db_commit(db), 0);
		{
			struct db_stmt *st = db_stmt(db,
			    "SELECT substr(state, 1, 3), length(state)"
			    " FROM audit WHERE seq = 2");

			CHECK(st != NULL && db_step(st) == DB_ROW);
			CHECK_STR(db_col_text(st, 0), "O1=");
			CHECK_INT(db_col_int(st, 1), 2 * 67 + 1);
			db_reset(st);
		}
		CHECK_INT(audit_deep(db, &bad, last, &r), 0);
		CHECK_INT(r.rows, 3);
		tamper(db, "UPDATE payment SET amount = 1000");
		CHECK_INT(audit_deep(db, &bad, last, &r), CS_DATAERR);
		CHECK_INT(bad, 0);
		CHECK_INT(r.bad, 1);
		tamper(db, "UPDATE payment SET amount = 100");
		CHECK_INT(audit_deep(db, &bad, last, &r), 0);

		tamper(db, "UPDATE audit SET state = replace(state, 'P1', 'P2')");
		CHECK_INT(audit_verify(db, &bad, last), CS_DATAERR);
		CHECK_INT(bad, 2);
	}

	db_close(db);
	unlink(path);
	CHECK_DONE();
}
