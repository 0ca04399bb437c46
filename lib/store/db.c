/*
 * db.c: the door's parts that are the same whatever the backend: where
 * the database is, which backend it takes, one-row lookups, the audit
 * chain's last link and the rows a change touched; every other call is
 * handed to the backend, sqlite.c or pg.c (backend.h).
 */
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store/backend.h"

static const char *
home_dir(void)
{
	const char	*h;
	struct passwd	*pw;

	/* cron may run us with no HOME: fall back to the password file. */
	if ((h = secure_getenv("HOME")) != NULL && *h != '\0')
		return h;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return pw->pw_dir;
	return NULL;
}

int
db_path(const char *opt, const struct config *conf, int report, char *buf,
    size_t len)
{
	const char	*e, *h;
	int		 n;

	/* secure_getenv: a setgid program takes no path from outside. */
	if (opt != NULL && *opt != '\0')
		n = snprintf(buf, len, "%s", opt);
	else if ((e = secure_getenv("CS_DB")) != NULL && *e != '\0')
		n = snprintf(buf, len, "%s", e);
	else if (report && conf->report_database != NULL)
		n = snprintf(buf, len, "%s", conf->report_database);
	else if (conf->database != NULL)
		n = snprintf(buf, len, "%s", conf->database);
	else if (priv_setgid()) {
		warnx("no database: a setgid cs needs `database` in %s",
		    conf->path != NULL ? conf->path : CS_SYSCONF);
		return CS_CONFIG;
	} else if ((e = secure_getenv("XDG_DATA_HOME")) != NULL && *e == '/')
		n = snprintf(buf, len, "%s/cs/cs.db", e);
	else if ((h = home_dir()) != NULL)
		n = snprintf(buf, len, "%s/.local/share/cs/cs.db", h);
	else {
		warnx("no database: give -d FILE or set CS_DB");
		return CS_USAGE;
	}
	if (n < 0 || (size_t)n >= len) {
		warnx("database path too long");
		return CS_USAGE;
	}
	return 0;
}

int
db_lookup_text(struct db *db, const char *sql, int64_t id, char *buf,
    size_t len)
{
	struct db_stmt	*st;
	const char	*s;
	int		 rc;

	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		s = db_col_text(st, 0);
		strlcpy(buf, s != NULL ? s : "", len);
		db_reset(st);
		return 0;
	}
	if (rc == DB_DONE) {
		db_reset(st);
		return CS_NOINPUT;
	}
	rc = db_fail(db, "lookup");
	db_reset(st);
	return rc;
}

int
db_lookup(struct db *db, const char *sql, const char *text, int64_t num,
    int64_t *cols, int ncol)
{
	struct db_stmt	*st;
	int		 rc, i;

	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	if (text != NULL)
		db_bind_text(st, 1, text);
	else
		db_bind_int(st, 1, num);
	rc = db_step(st);
	if (rc == DB_ROW) {
		for (i = 0; i < ncol; i++)
			cols[i] = db_col_int(st, i);
		db_reset(st);
		return 0;
	}
	if (rc == DB_DONE) {
		db_reset(st);
		return CS_NOINPUT;
	}
	rc = db_fail(db, "lookup");
	db_reset(st);
	return rc;
}

void
db_sql_init(struct db_sql *q)
{
	q->text[0] = '\0';
	q->len = 0;
	q->n = 0;
	q->full = 0;
}

int
db_sql_add(struct db_sql *q, const char *frag)
{
	const char	*p;
	char		*end;
	char		 quote = 0;
	long		 k, most = 0;
	int		 first = q->n + 1, w;

	for (p = frag; *p != '\0'; p++) {
		if (q->len + 12 >= sizeof(q->text)) {
			q->full = 1;
			return 0;
		}
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			k = strtol(p + 1, &end, 10);
			if (k > most)
				most = k;
			w = snprintf(q->text + q->len, sizeof(q->text) - q->len,
			    "$%ld", q->n + k);
			q->len += w;
			p = end - 1;
			continue;
		}
		q->text[q->len++] = *p;
	}
	q->text[q->len] = '\0';
	q->n += most;
	return most > 0 ? first : 0;
}

const char *
db_sql_text(const struct db_sql *q)
{
	return q->full ? NULL : q->text;
}

char *
db_rows_sql(const char *head, size_t rows, int width, const char *tail)
{
	char	*sql = NULL;
	size_t	 i, len = 0;
	FILE	*fp;
	int	 c, b;

	if ((fp = open_memstream(&sql, &len)) == NULL)
		err(CS_SOFTWARE, NULL);
	fputs(head, fp);
	for (i = 0; i < rows; i++) {
		b = width * (int)i;
		fputs(i ? ", (" : " (", fp);
		for (c = 1; c <= width; c++)
			fprintf(fp, "%s$%d", c > 1 ? ", " : "", b + c);
		fputc(')', fp);
	}
	fputs(tail, fp);
	if (fclose(fp) != 0)
		err(CS_SOFTWARE, NULL);
	return sql;
}

/* The calls each backend answers its own way. */

#define SQ(d)	((struct sqdb *)(d))
#define PG(d)	((struct pgdb *)(d))
#define SQS(s)	((struct sqst *)(s))
#define PGS(s)	((struct pgst *)(s))

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->pg)
		pg_close(PG(db));
	else
		sq_close(SQ(db));
}

const char *
db_where(const struct db *db)
{
	if (db->pg)
		return pg_where((const struct pgdb *)db);
	return sq_where((const struct sqdb *)db);
}

struct db_stmt *
db_stmt(struct db *db, const char *sql)
{
	if (db->pg)
		return (struct db_stmt *)pg_stmt(PG(db), sql);
	return (struct db_stmt *)sq_stmt(SQ(db), sql);
}

struct db_stmt *
db_listing(struct db *db, const char *sql)
{
	if (db->pg)
		return (struct db_stmt *)pg_listing(PG(db), sql);
	return (struct db_stmt *)sq_stmt(SQ(db), sql);
}

struct db_stmt *
db_stmt_fresh(struct db *db, const char *sql)
{
	if (db->pg)
		return (struct db_stmt *)pg_stmt_fresh(PG(db), sql);
	return (struct db_stmt *)sq_stmt(SQ(db), sql);
}

struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	if (db->pg)
		return (struct db_stmt *)pg_prepare(PG(db), sql);
	return (struct db_stmt *)sq_prepare(SQ(db), sql);
}

void
db_finalize(struct db_stmt *s)
{
	if (s == NULL)
		return;
	if (s->pg)
		pg_finalize(PGS(s));
	else
		sq_finalize(SQS(s));
}

void
db_reset(struct db_stmt *s)
{
	if (s->pg)
		pg_reset(PGS(s));
	else
		sq_reset(SQS(s));
}

void
db_bind_int(struct db_stmt *s, int idx, int64_t v)
{
	if (s->pg)
		pg_bind_int(PGS(s), idx, v);
	else
		sq_bind_int(SQS(s), idx, v);
}

void
db_bind_text(struct db_stmt *s, int idx, const char *v)
{
	if (s->pg)
		pg_bind_text(PGS(s), idx, v);
	else
		sq_bind_text(SQS(s), idx, v);
}

void
db_bind_null(struct db_stmt *s, int idx)
{
	if (s->pg)
		pg_bind_null(PGS(s), idx);
	else
		sq_bind_null(SQS(s), idx);
}

int
db_step(struct db_stmt *s)
{
	if (s->pg)
		return pg_step(PGS(s));
	return sq_step(SQS(s));
}

int
db_step_id(struct db_stmt *s, int64_t *id)
{
	if (s->pg)
		return pg_step_id(PGS(s), id);
	return sq_step_id(SQS(s), id);
}

int
db_step_later(struct db_stmt *s, int64_t expect)
{
	if (s->pg)
		return pg_step_later(PGS(s), expect);
	return sq_step_later(SQS(s), expect);
}

int64_t
db_col_int(struct db_stmt *s, int col)
{
	if (s->pg)
		return pg_col_int(PGS(s), col);
	return sq_col_int(SQS(s), col);
}

const char *
db_col_text(struct db_stmt *s, int col)
{
	if (s->pg)
		return pg_col_text(PGS(s), col);
	return sq_col_text(SQS(s), col);
}

int
db_col_null(struct db_stmt *s, int col)
{
	if (s->pg)
		return pg_col_null(PGS(s), col);
	return sq_col_null(SQS(s), col);
}

int
db_col_type(struct db_stmt *s, int col)
{
	if (s->pg)
		return pg_col_type(PGS(s), col);
	return sq_col_type(SQS(s), col);
}

size_t
db_col_bytes(struct db_stmt *s, int col)
{
	if (s->pg)
		return pg_col_bytes(PGS(s), col);
	return sq_col_bytes(SQS(s), col);
}

void
db_cell(struct db_stmt *s, int col, struct out_cell *v)
{
	if (s->pg)
		pg_cell(PGS(s), col, v);
	else
		sq_cell(SQS(s), col, v);
}

int64_t
db_changes(struct db *db)
{
	if (db->pg)
		return pg_changes(PG(db));
	return sq_changes(SQ(db));
}

int64_t
db_total_changes(struct db *db)
{
	if (db->pg)
		return pg_total_changes(PG(db));
	return sq_total_changes(SQ(db));
}

int
db_exec(struct db *db, const char *sql)
{
	if (db->pg)
		return pg_exec(PG(db), sql);
	return sq_exec(SQ(db), sql);
}

const char *
db_errmsg(struct db *db)
{
	if (db->pg)
		return pg_errmsg(PG(db));
	return sq_errmsg(SQ(db));
}

int
db_version(struct db *db)
{
	if (db->pg)
		return pg_version(PG(db));
	return sq_version(SQ(db));
}

int
db_set_version(struct db *db, int ver)
{
	if (db->pg)
		return pg_set_version(PG(db), ver);
	return sq_set_version(SQ(db), ver);
}

void
db_yield(struct db *db)
{
	if (db->pg)
		pg_yield(PG(db));
	else
		sq_yield(SQ(db));
}

void
db_bulk(struct db *db)
{
	if (db->pg)
		pg_bulk(PG(db));
	else
		sq_bulk(SQ(db));
}

int
db_in_transaction(struct db *db)
{
	if (db->pg)
		return pg_in_transaction(PG(db));
	return sq_in_transaction(SQ(db));
}

int
db_savepoint(struct db *db)
{
	if (db->pg)
		return pg_savepoint(PG(db));
	return sq_savepoint(SQ(db));
}

int
db_release(struct db *db)
{
	if (db->pg)
		return pg_release(PG(db));
	return sq_release(SQ(db));
}

int
db_snapshot(struct db *db)
{
	if (db->pg)
		return pg_snapshot(PG(db));
	return sq_snapshot(SQ(db));
}

void
db_snapshot_end(struct db *db)
{
	if (db->pg)
		pg_snapshot_end(PG(db));
	else
		sq_snapshot_end(SQ(db));
}

int
(db_fail)(struct db *db, const char *what)
{
	if (db->miss[0] != '\0') {
		warnx("%s: %s: %s", db_where(db), what, db->miss);
		db->miss[0] = '\0';
		return CS_SOFTWARE;
	}
	if (db->pg)
		return pg_fail(PG(db), what);
	return sq_fail(SQ(db), what);
}

/*
 * A PostgreSQL connection string, not a file: a postgresql:// or
 * postgres:// URI, or libpq's key=value words (a file name with "=" in
 * it is written ./a=b).
 */
int
db_is_pg(const char *path)
{
	const char	*eq, *sl;

	if (strncmp(path, "postgresql://", 13) == 0 ||
	    strncmp(path, "postgres://", 11) == 0)
		return 1;
	if ((eq = strchr(path, '=')) == NULL)
		return 0;
	sl = strchr(path, '/');
	return sl == NULL || sl > eq;
}

int
db_open(struct db **out, const char *path, int mode,
    const struct config *conf)
{
	if (db_is_pg(path))
		return pg_open((struct pgdb **)out, path, mode, conf);
	return sq_open((struct sqdb **)out, path, mode, conf);
}

struct db *
db_scan(struct db *db)
{
	if (db->pg)
		return (struct db *)pg_scan(PG(db));
	return (struct db *)sq_scan(SQ(db));
}

const char *
db_text(struct db *db, const char *sql, const char *for_sqlite)
{
	return !db->pg && for_sqlite != NULL ? for_sqlite : sql;
}

int
db_ids(struct db *db, const char *sql, int64_t arg, int64_t **v, size_t *n)
{
	struct db_stmt	*st;
	int64_t		*p;
	int		 rc;

	*v = NULL;
	*n = 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, arg);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((p = reallocarray(*v, *n + 1, sizeof(**v))) == NULL)
			err(CS_SOFTWARE, NULL);
		*v = p;
		(*v)[(*n)++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(*v);
		*v = NULL;
		*n = 0;
		return db_fail(db, "read");
	}
	return 0;
}

/*
 * A reader's connection at the program's end: SQLite's file wants
 * nothing done; a server is told goodbye, or it logs a lost client.
 */
void
db_exit(struct db *db)
{
	if (db->pg)
		db_close(db);
}

int
db_clock(struct db *db, int64_t *now)
{
	return db->pg ? pg_clock(PG(db), now) : -1;
}

void
db_row_cells(struct db_stmt *s, struct out_cell *cells, int n)
{
	int	 k;

	for (k = 0; k < n; k++)
		db_cell(s, k, &cells[k]);
}

/* What a transaction knew of the chain and its rows ends with it. */
static void
forget(struct db *db)
{
	db->audit_known = 0;
	db->ntouched = 0;
}

int
db_begin(struct db *db)
{
	forget(db);
	return db->pg ? pg_begin(PG(db)) : sq_begin(SQ(db));
}

int
db_commit(struct db *db)
{
	forget(db);
	return db->pg ? pg_commit(PG(db)) : sq_commit(SQ(db));
}

void
db_rollback(struct db *db)
{
	forget(db);
	if (db->pg)
		pg_rollback(PG(db));
	else
		sq_rollback(SQ(db));
}

void
db_rollback_item(struct db *db)
{
	forget(db);
	if (db->pg)
		pg_rollback_item(PG(db));
	else
		sq_rollback_item(SQ(db));
}

int
db_audit_tail(struct db *db, int64_t *seq, int64_t *at, char hash[65])
{
	if (!db->audit_known)
		return 0;
	*seq = db->audit_seq;
	*at = db->audit_at;
	memcpy(hash, db->audit_last, 65);
	return 1;
}

void
db_audit_linked(struct db *db, int64_t seq, int64_t at, const char *hash)
{
	if (hash == NULL) {
		db->audit_known = 0;
		return;
	}
	db->audit_known = 1;
	db->audit_seq = seq;
	db->audit_at = at;
	strlcpy(db->audit_last, hash, sizeof(db->audit_last));
}

void
db_touch(struct db *db, int type, int64_t id)
{
	int	 i;

	if (db->ntouched > DB_TOUCH_MAX)
		return;
	for (i = 0; i < db->ntouched; i++)
		if (db->touched_type[i] == type && db->touched_id[i] == id)
			return;
	if (db->ntouched == DB_TOUCH_MAX) {
		db->ntouched++;
		return;
	}
	db->touched_type[db->ntouched] = type;
	db->touched_id[db->ntouched++] = id;
}

int
db_touched(struct db *db, int *types, int64_t *ids, int max)
{
	int	 i, n = db->ntouched;

	db->ntouched = 0;
	if (n > DB_TOUCH_MAX || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		types[i] = db->touched_type[i];
		ids[i] = db->touched_id[i];
	}
	return n;
}
