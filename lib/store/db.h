/*
 * db.h: the one door to the database.  Every statement the desk runs,
 * every transaction and every database error passes here; only the
 * backends (sqlite.c, pg.c) know the client libraries behind it.
 *
 * The SQL given to the door is one dialect that SQLite and PostgreSQL
 * both accept (cs(7)): $1, $2, ... placeholders (in any order, each as
 * often as needed), INSERT ... RETURNING id for a new ID, ON CONFLICT DO
 * NOTHING, no INDEXED BY, no function one of them lacks unless the
 * backend supplies it, and the column "user" quoted.
 */
#ifndef CS_DB_H
#define CS_DB_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

struct config;
struct out_cell;

/* A connection, with its statement cache; opaque. */
struct db;
/* A prepared statement of one connection; opaque. */
struct db_stmt;

/* How db_open opens it. */
#define DB_READ		0
#define DB_WRITE	1
/* DB_READ, and a second read-only connection (db_scan) for a scan in two. */
#define DB_SCAN		2

/* What db_step says. */
#define DB_ERROR	(-1)	/* report it with db_fail */
#define DB_DONE		0	/* no (more) rows; a change is made */
#define DB_ROW		1	/* a row to read with db_col_* */
#define DB_CONSTRAINT	2	/* a constraint refused the change */

/*
 * -d, else $CS_DB, else (report: a report's, where there is one)
 * `report-database`, else `database` in the configuration, else
 * $XDG_DATA_HOME/cs/cs.db (~/.local/share/...).  Setgid, only the
 * configuration's `database`.
 */
int	 db_path(const char *opt, const struct config *, int report,
	    char *buf, size_t len);
/*
 * Open for reading (missing file: 66, nothing created) or writing
 * (created owner-only, or group-readable for conf->db_group, schema
 * migrated).  0 with *db set, or an exit status, reported.
 */
int	 db_open(struct db **, const char *path, int mode,
	    const struct config *);
void	 db_close(struct db *);
/* Where the database is, for messages. */
const char *db_where(const struct db *);
/* DB_SCAN: the second reader, a connection of its own; else NULL. */
struct db *db_scan(struct db *);

/*
 * A reset, cleared statement for a static SQL string, prepared once and
 * kept (the string's address is its identity); NULL is reported.
 */
struct db_stmt *db_stmt(struct db *, const char *sql);
/*
 * The same for a query whose rows may be many (a listing, a check of
 * every order): read in pieces where the backend would hold them all
 * (PostgreSQL's cursor), so that its memory does not grow with the
 * desk.  As db_prepare's queries are.
 */
struct db_stmt *db_listing(struct db *, const char *sql);
/*
 * The same for a query of a table's end that the desk keeps adding to
 * (the audit chain's last link, the largest ID so far): planned again
 * at each run on PostgreSQL, whose plan made while the table was empty
 * (a scan of all of it) would be kept as the table grows.  A batch run
 * on a new desk made each of its commits read the whole trail so far.
 * SQLite reads a table's end the same way at any size.  Its parameters
 * are typed once, an integer bigint and the rest as the server infers
 * them: not for a $n whose type the statement leaves open ($1 IS NULL),
 * which db_stmt tries again as text.
 */
struct db_stmt *db_stmt_fresh(struct db *, const char *sql);
/*
 * Where one text cannot serve every backend, a desk file gives the
 * dialect's text and SQLite's own side by side (static strings both):
 * this is the one the open backend runs.
 */
const char *db_text(struct db *, const char *sql, const char *for_sqlite);
/*
 * A statement for SQL built at run time; the caller db_finalizes it.  A
 * query's rows are read in pieces, as db_listing's.
 */
struct db_stmt *db_prepare(struct db *, const char *sql);
void	 db_finalize(struct db_stmt *);
/* Ready to run again (its bindings kept). */
void	 db_reset(struct db_stmt *);

/* Bind $idx (from 1).  NULL text binds SQL NULL; text is not copied. */
void	 db_bind_int(struct db_stmt *, int idx, int64_t);
void	 db_bind_text(struct db_stmt *, int idx, const char *);
void	 db_bind_null(struct db_stmt *, int idx);
/* DB_ROW, DB_DONE, DB_CONSTRAINT, or DB_ERROR (report with db_fail). */
int	 db_step(struct db_stmt *);
/* Column col (from 0) of the current row; NULL reads as 0 or NULL. */
int64_t	 db_col_int(struct db_stmt *, int col);
const char *db_col_text(struct db_stmt *, int col);
int	 db_col_null(struct db_stmt *, int col);
/* What column col holds as stored: DB_INT, DB_TEXT, DB_NULL or DB_OTHER. */
#define DB_NULL		0
#define DB_INT		1
#define DB_TEXT		2
#define DB_OTHER	3
int	 db_col_type(struct db_stmt *, int col);
/* The length in bytes of a text column, every byte (a NUL too). */
size_t	 db_col_bytes(struct db_stmt *, int col);
/* Column col of the current row as a cell: null, integer and text. */
void	 db_cell(struct db_stmt *, int col, struct out_cell *);
/* The current row's first n columns as output cells, NULL as null. */
void	 db_row_cells(struct db_stmt *, struct out_cell *, int n);
/*
 * Run an INSERT ... RETURNING id to its end and reset it: DB_DONE with
 * *id the new row's ID, or what db_step said (DB_ERROR, DB_CONSTRAINT).
 */
int	 db_step_id(struct db_stmt *, int64_t *id);
/*
 * A change whose answer is not needed now (a batch's totals and audit
 * records), run to its end and reset: it must change expect rows.
 * SQLite runs it at once; PostgreSQL, inside a writing transaction,
 * sends it with the others before it and reads their answers with the
 * next statement that needs one, or the commit: a round trip for many.
 * DB_DONE or DB_ERROR (db_fail).  An answer read later that is an
 * error, or a count other than expect, fails that later statement and
 * the commit; the transaction is lost whole.
 */
int	 db_step_later(struct db_stmt *, int64_t expect);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
int64_t	 db_changes(struct db *);
/* Rows changed since the connection opened. */
int64_t	 db_total_changes(struct db *);

/*
 * A one-row query bound to text (or, when text is NULL, to num): its
 * first ncol columns as integers.  0 found, 66 no row (not reported), or
 * the reported status of a database error.
 */
int	 db_lookup(struct db *, const char *sql, const char *text, int64_t num,
	    int64_t *cols, int ncol);
/*
 * The first column of every row of a query bound to one ID, read whole
 * before the caller changes what it selects: a new array in *v of *n
 * (NULL and 0 if none) that the caller frees.  0, or the reported
 * status of a database error.
 */
int	 db_ids(struct db *, const char *sql, int64_t arg, int64_t **v,
	    size_t *n);
/* The same bound to an ID, its first column as text into buf. */
int	 db_lookup_text(struct db *, const char *sql, int64_t id, char *buf,
	    size_t len);

/*
 * SQL built at run time from fixed fragments (never from input).  Each
 * fragment numbers its own placeholders from $1; db_sql_add renumbers
 * them after those of the fragments before, so only what is used is
 * numbered, and returns the number its $1 became, to bind there (0 for
 * a fragment without one).  Too long a text is a NULL db_sql_text.
 */
struct db_sql {
	char		 text[4096];
	size_t		 len;
	int		 n;		/* placeholders so far */
	int		 full;		/* a fragment did not fit */
};
void	 db_sql_init(struct db_sql *);
int	 db_sql_add(struct db_sql *, const char *fragment);
const char *db_sql_text(const struct db_sql *);
/*
 * A statement of many rows at once: head, then rows lists of width
 * placeholders each, "($1, ..., $w), ($w+1, ...)", each $n once and in
 * order, then tail.  A new string the caller frees.
 */
char	*db_rows_sql(const char *head, size_t rows, int width,
	    const char *tail);

/* SQL without parameters, maybe several statements: 0, or -1 (db_errmsg). */
int	 db_exec(struct db *, const char *sql);
/* The database's own words for its last error. */
const char *db_errmsg(struct db *);
/* The schema version recorded in the database, or -1 if unreadable. */
int	 db_version(struct db *);
int	 db_set_version(struct db *, int);
/*
 * Copy every row of from into to, an empty PostgreSQL database at the
 * same schema version, in one transaction of to; print "table<TAB>rows"
 * for each table to fp.  0, or an exit status, reported.
 */
int	 db_copy(struct db *from, struct db *to, FILE *fp);
/* 1 if path names a PostgreSQL database (URI or key=value), not a file. */
int	 db_is_pg(const char *path);
/* A reader's end: closed only where a server expects it (PostgreSQL). */
void	 db_exit(struct db *);
/*
 * The database server's clock, where there is one (PostgreSQL): 0 with
 * *now in Unix seconds, else -1 (SQLite: the program's own clock).
 */
int	 db_clock(struct db *, int64_t *now);

/*
 * A change: BEGIN (serialised with every other writer, waiting at most
 * the busy timeout) / COMMIT / ROLLBACK; 0 or an exit status (75 busy).
 */
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
/*
 * Between two transactions of a long writer (a batch's or a sweep's
 * chunks): a pause in which a writer waiting for the lock takes its turn.
 */
void	 db_yield(struct db *);
/* Many chunks to follow: write the database back less often. */
void	 db_bulk(struct db *);
/* 1 inside a transaction (a change or a snapshot). */
int	 db_in_transaction(struct db *);
/* SAVEPOINT item / RELEASE / ROLLBACK TO: one batch line, undone alone. */
int	 db_savepoint(struct db *);
int	 db_release(struct db *);
void	 db_rollback_item(struct db *);
/*
 * A read snapshot: what the reads until db_snapshot_end see is one state
 * of the desk, whatever is written meanwhile.  0 or -1.
 */
int	 db_snapshot(struct db *);
void	 db_snapshot_end(struct db *);

/* Report the last error with a subject; 75 busy, 73 read-only, 74 full... */
int	 db_fail(struct db *, const char *what);

/*
 * The audit chain's last link, known inside the current write
 * transaction (no other writer can add one); forgotten at every BEGIN,
 * COMMIT and ROLLBACK.  db_audit_tail: 1 with seq and hash, or 0.
 */
int	 db_audit_tail(struct db *, int64_t *seq, int64_t *at, char hash[65]);
/* The link just written (or read); NULL hash forgets it. */
void	 db_audit_linked(struct db *, int64_t seq, int64_t at,
	    const char *hash);
/*
 * Rows a change wrote besides the record its audit record names (a
 * payment, an escalation superseded): the next audit record carries
 * their state too.  Forgotten at every BEGIN, COMMIT and ROLLBACK.
 * db_touched hands them over (at most max) and forgets them; -1 when
 * more were touched than it kept.
 */
void	 db_touch(struct db *, int type, int64_t id);
int	 db_touched(struct db *, int *types, int64_t *ids, int max);

#endif /* CS_DB_H */
