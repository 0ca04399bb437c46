/*
 * The database door (store/db.h) and the desk's helpers on it: the
 * dialect's $n placeholders in any order and repeated, INSERT ...
 * RETURNING id, a refused change, the functions the backend supplies,
 * get-one-row-or-say-no-such, and the idempotency-key check.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static char	 path[] = "/tmp/cs-door-XXXXXX";

/* The first row of sql, its n columns as text joined by '|'. */
static const char *
row(struct db *db, const char *sql, int n, int64_t a, int64_t b)
{
	static char	 buf[256];
	struct db_stmt	*st;
	const char	*s;
	int		 i;

	buf[0] = '\0';
	if ((st = db_prepare(db, sql)) == NULL)
		return "(prepare failed)";
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	if (db_step(st) == DB_ROW)
		for (i = 0; i < n; i++) {
			s = db_col_text(st, i);
			if (i > 0)
				strlcat(buf, "|", sizeof(buf));
			strlcat(buf, s != NULL ? s : "NULL", sizeof(buf));
		}
	db_finalize(st);
	return buf;
}

static const char ins_sql[] =
    "INSERT INTO customer (name, phone, created_at) VALUES ($2, $1, 0)"
    " RETURNING id";
static const char get_sql[] =
    "SELECT name, phone FROM customer WHERE id = $1";
static const char key_sql[] =
    "SELECT id FROM customer WHERE phone = $1";

int
main(void)
{
	struct cs	 cs;
	struct db_stmt	*st;
	struct db_sql	 q;
	int64_t		 id = 0, id2 = 0;
	int		 fd, i;

	fd = mkstemp(path);
	CHECK(fd != -1);
	close(fd);
	unlink(path);
	setenv("CS_CONF", "/dev/null", 1);
	unsetenv("CS_AGENT");
	memset(&cs, 0, sizeof(cs));
	cs.dbopt = path;
	CHECK_INT(cs_init(&cs), 0);
	CHECK_INT(cs_open(&cs, DB_WRITE), 0);

	/* $n binds by number: out of order, repeated, not inside quotes. */
	CHECK_STR(row(cs.db, "SELECT $2, $1, $2, $1 + $2", 4, 10, 20),
	    "20|10|20|30");
	CHECK_STR(row(cs.db, "SELECT '$1', $1, \"x$2\" FROM (SELECT 7 AS"
	    " \"x$2\")", 3, 5, 6), "$1|5|7");
	CHECK_STR(row(cs.db, "SELECT $2 || '?1' || $1", 1, 1, 2), "2?11");
	/* SQL built at run time: each fragment's $n after those before. */
	db_sql_init(&q);
	CHECK_INT(db_sql_add(&q, "SELECT $1"), 1);
	CHECK_INT(db_sql_add(&q, " + 0"), 0);
	CHECK_INT(db_sql_add(&q, " + $1 + $1"), 2);
	CHECK_INT(db_sql_add(&q, " || '$1' || $2"), 3);
	CHECK_STR(db_sql_text(&q), "SELECT $1 + 0 + $2 + $2 || '$1' || $4");
	db_sql_init(&q);
	db_sql_add(&q, "SELECT ($1 + $1");
	db_sql_add(&q, " + $1) || '$1'");
	CHECK_STR(row(cs.db, db_sql_text(&q), 1, 10, 20), "40$1");
	for (i = 0; i < 400; i++)
		db_sql_add(&q, " + $1 + 0 + 0 + 0");
	CHECK(db_sql_text(&q) == NULL);

	/* What a column holds, and every byte of a text, a NUL too. */
	st = db_prepare(cs.db, "SELECT 1, 'ab', NULL, 1.5, x'00',"
	    " 'a' || char(0) || 'b'");
	CHECK(st != NULL && db_step(st) == DB_ROW);
	CHECK_INT(db_col_type(st, 0), DB_INT);
	CHECK_INT(db_col_type(st, 1), DB_TEXT);
	CHECK_INT(db_col_type(st, 2), DB_NULL);
	CHECK_INT(db_col_type(st, 3), DB_OTHER);
	CHECK_INT(db_col_type(st, 4), DB_OTHER);
	CHECK_STR(db_col_text(st, 1), "ab");
	CHECK_INT(db_col_bytes(st, 1), 2);
	CHECK_STR(db_col_text(st, 5), "a");
	CHECK_INT(db_col_bytes(st, 5), 3);
	db_finalize(st);

	/* The same from the cache, prepared once. */
	CHECK((st = db_stmt(cs.db, get_sql)) != NULL);
	CHECK(db_stmt(cs.db, get_sql) == st);

	/* The functions SQLite lacks, as PostgreSQL has them. */
	CHECK_STR(row(cs.db, "SELECT strpos('abc', 'c'),"
	    " strpos('退票x', 'x'),"
	    " strpos('abc', 'z'), strpos(NULL, 'a') IS NULL, least(3, $1, 2),"
	    " least(NULL, $2), least(NULL, NULL) IS NULL", 7, 1, 4),
	    "3|3|0|1|1|4|1");
	/* Where one text cannot serve both, SQLite takes its own. */
	CHECK_STR(db_text(cs.db, get_sql, key_sql), key_sql);

	/* INSERT ... RETURNING id; a unique phone refuses the second. */
	CHECK_INT(db_begin(cs.db), 0);
	CHECK((st = db_stmt(cs.db, ins_sql)) != NULL);
	db_bind_text(st, 1, "13800138000");
	db_bind_text(st, 2, "Li");
	CHECK_INT(db_step_id(st, &id), DB_DONE);
	CHECK(id > 0);
	CHECK_INT(db_changes(cs.db), 1);
	CHECK((st = db_stmt(cs.db, ins_sql)) != NULL);
	db_bind_text(st, 1, "13900139000");
	db_bind_text(st, 2, "Wang");
	CHECK_INT(db_step_id(st, &id2), DB_DONE);
	CHECK_INT(id2, id + 1);
	CHECK((st = db_stmt(cs.db, ins_sql)) != NULL);
	db_bind_text(st, 1, "13900139000");
	db_bind_text(st, 2, "Zhao");
	CHECK_INT(db_step_id(st, &id2), DB_CONSTRAINT);
	/* ON CONFLICT DO NOTHING that inserts nothing has no ID. */
	id2 = 0;
	CHECK((st = db_prepare(cs.db, "INSERT INTO customer (name, phone,"
	    " created_at) VALUES ('Qian', $1, 0) ON CONFLICT DO NOTHING"
	    " RETURNING id")) != NULL);
	db_bind_text(st, 1, "13900139000");
	CHECK_INT(db_step_id(st, &id2), DB_ERROR);
	CHECK_INT(id2, 0);
	db_bind_text(st, 1, "13700137000");
	CHECK_INT(db_step_id(st, &id2), DB_DONE);
	CHECK(id2 > id + 1);
	db_finalize(st);
	CHECK_INT(db_exec(cs.db, "DELETE FROM customer WHERE phone ="
	    " '13700137000'"), 0);
	CHECK_INT(db_commit(cs.db), 0);
	CHECK(!db_in_transaction(cs.db));

	/* Get one row, or say there is no such record. */
	CHECK_INT(cs_get(&cs, get_sql, ID_CUSTOMER, id, &st), 0);
	CHECK(st != NULL);
	CHECK_STR(db_col_text(st, 0), "Li");
	db_reset(st);
	cs.err[0] = '\0';
	CHECK_INT(cs_get(&cs, get_sql, ID_CUSTOMER, 99, &st), CS_NOINPUT);
	CHECK(st == NULL);
	CHECK_STR(cs.err, "C99: no such customer");

	/* An idempotency key: one word; known or new. */
	CHECK_INT(cs_key_check(&cs, "batch-7:O12"), 0);
	CHECK_INT(cs_key_check(&cs, "two words"), CS_DATAERR);
	CHECK_STR(cs.err, "key \"two words\": one word of at most 127 bytes");
	CHECK_INT(cs_key_find(&cs, key_sql, "13800138000", "customer", &st),
	    0);
	CHECK_INT(db_col_int(st, 0), id);
	db_reset(st);
	cs.err[0] = '\0';
	CHECK_INT(cs_key_find(&cs, key_sql, "none", "customer", &st),
	    CS_NOINPUT);
	CHECK_STR(cs.err, "");

	/* A rolled-back change leaves nothing. */
	CHECK_INT(db_begin(cs.db), 0);
	CHECK(db_in_transaction(cs.db));
	CHECK_INT(db_exec(cs.db, "DELETE FROM customer"), 0);
	db_rollback(cs.db);
	CHECK_STR(row(cs.db, "SELECT count(*) FROM customer", 1, 0, 0), "2");

	cs_done(&cs);
	unlink(path);
	return check_failed;
}
