/*
 * The door on PostgreSQL (tests/2215-pg-door.t runs this with
 * CS_PGDOOR_DB a throwaway desk, never a desk of $CS_DB; without it, it
 * skips).  Inside a writing transaction a
 * statement's first preparation goes in one round trip with its
 * savepoint: one the server refuses at first ($1 IS NULL, a type it
 * cannot tell) is prepared again with text and the transaction goes
 * on; one it refuses at every try fails alone.  A fresh statement sees
 * a table's end as it stands, also after changes sent without waiting,
 * and fails with the error of one of them.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/db.h"
#include "check.h"

static const char untyped_sql[] =
    "SELECT CASE WHEN $1 IS NULL THEN 'none' ELSE 'some' END";
static const char count_sql[] = "SELECT count(*) FROM customer WHERE id >= $1";
static const char wrong_sql[] = "SELECT no_such_column FROM customer";
static const char add_sql[] =
    "INSERT INTO customer (name, phone, created_at) VALUES ($1, $2, 0)"
    " RETURNING id";
static const char top_sql[] = "SELECT coalesce(max(id), 0) FROM customer";

static const char rename_sql[] = "UPDATE customer SET name = $1 WHERE id = $2";
static const char rephone_sql[] =
    "UPDATE customer SET phone = $1 WHERE id = $2";
static const char name_sql[] = "SELECT name FROM customer WHERE id = $1";

static const char *
name_of(struct db *db, int64_t id)
{
	static char	 name[64];
	struct db_stmt	*st = db_stmt(db, name_sql);

	name[0] = '\0';
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW)
		strlcpy(name, db_col_text(st, 0), sizeof(name));
	db_reset(st);
	return name;
}

static int64_t
one_int(struct db_stmt *st)
{
	int64_t	 v = -1;

	if (st != NULL && db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	if (st != NULL)
		db_reset(st);
	return v;
}

int
main(void)
{
	struct config	 conf;
	struct db	*db;
	struct db_stmt	*st;
	const char	*where = getenv("CS_PGDOOR_DB");
	int64_t		 id = 0, top;
	int		 rc;

	if (where == NULL || !db_is_pg(where)) {
		printf("ok - pgdoor # skip not a PostgreSQL run\n");
		return 0;
	}
	memset(&conf, 0, sizeof(conf));
	CHECK_INT(db_open(&db, where, DB_WRITE, &conf), 0);
	CHECK_INT(db_begin(db), 0);

	/* Refused at the first try, typed text at the second. */
	st = db_stmt(db, untyped_sql);
	CHECK(st != NULL);
	db_bind_text(st, 1, "x");
	CHECK_INT(db_step(st), DB_ROW);
	CHECK_STR(db_col_text(st, 0), "some");
	db_reset(st);

	/* The transaction goes on: a change, then a statement refused. */
	st = db_stmt(db, add_sql);
	db_bind_text(st, 1, "门");
	db_bind_text(st, 2, "13912345678");
	CHECK_INT(db_step_id(st, &id), DB_DONE);
	CHECK(id > 0);
	st = db_stmt(db, wrong_sql);
	CHECK(st != NULL);
	rc = st != NULL ? db_step(st) : DB_DONE;
	CHECK_INT(rc, DB_ERROR);
	CHECK(strstr(db_errmsg(db), "no_such_column") != NULL);
	if (st != NULL)
		db_reset(st);
	st = db_stmt(db, count_sql);
	db_bind_int(st, 1, id);
	CHECK_INT(one_int(st), 1);

	/* A fresh statement: the table's end as it stands, each run. */
	CHECK_INT(one_int(db_stmt_fresh(db, top_sql)), id);
	st = db_stmt(db, add_sql);
	db_bind_text(st, 1, "门二");
	db_bind_text(st, 2, "13912345679");
	CHECK_INT(db_step_id(st, &top), DB_DONE);
	CHECK_INT(one_int(db_stmt_fresh(db, top_sql)), id + 1);
	/* After a change sent without waiting, in its round trip. */
	st = db_stmt(db, rename_sql);
	db_bind_text(st, 1, "门三");
	db_bind_int(st, 2, id + 1);
	CHECK_INT(db_step_later(st, 1), DB_DONE);
	CHECK_INT(one_int(db_stmt_fresh(db, top_sql)), id + 1);
	CHECK_INT(db_commit(db), 0);

	/* Committed whole: both customers there, the second renamed. */
	st = db_stmt(db, count_sql);
	db_bind_int(st, 1, id);
	CHECK_INT(one_int(st), 2);
	CHECK_STR(name_of(db, id + 1), "门三");

	/* A change sent before it that failed fails the fresh statement. */
	CHECK_INT(db_begin(db), 0);
	st = db_stmt(db, rephone_sql);
	db_bind_text(st, 1, "13912345678");
	db_bind_int(st, 2, id + 1);
	CHECK_INT(db_step_later(st, 1), DB_DONE);
	st = db_stmt_fresh(db, top_sql);
	CHECK_INT(db_step(st), DB_ERROR);
	CHECK(strstr(db_errmsg(db), "customer_phone_key") != NULL);
	db_reset(st);
	db_rollback(db);
	CHECK_STR(name_of(db, id + 1), "门三");
	db_close(db);
	return check_failed;
}
