/*
 * copy.c: a whole desk into an empty PostgreSQL database, for moving a
 * desk off its SQLite file (cs-report copy).  Every table of the
 * destination's schema, in the order the migrations made them (so a
 * row's references are there before it), row for row with its IDs, in
 * one transaction of the destination: a copy that fails leaves the
 * destination as empty as it was.  Then each table's rows are counted
 * on both sides.  The trail is copied as it is, so the destination's
 * chain verifies as the source's does.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store.h"

/*
 * The tables of the destination's schema, oldest first; the schema by
 * its name, which a cast to regnamespace would read as SQL ("My Desk").
 */
static const char tables_pg[] =
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n"
    " ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
    " AND n.nspname = current_schema()"
    " AND c.relname <> 'cs_version' ORDER BY c.oid";
static const char columns_pg[] =
    "SELECT column_name FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND table_name = $1"
    " ORDER BY ordinal_position";

/*
 * The rows the schema itself puts in (how far each table was before the
 * trail kept row states): the copy's are the source's.
 */
static const char schema_rows[] = "audit_base";

/* A name from the schema: lower-case letters, digits, '_' only. */
static int
name_ok(const char *s)
{
	size_t	 n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && n < 64 && s[n] == '\0';
}

struct names {
	char	(*v)[64];
	size_t	 n, cap;
};

/* The first column of every row of st, each a schema name. */
static int
read_names(struct db *db, struct db_stmt *st, struct names *nm)
{
	const char	*s;
	int		 rc;

	nm->n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		s = db_col_text(st, 0);
		if (s == NULL || !name_ok(s)) {
			db_reset(st);
			warnx("copy: a table or column named \"%s\": not one "
			    "of cs's", s ? s : "");
			return CS_DATAERR;
		}
		if (nm->n == nm->cap) {
			nm->cap = nm->cap ? 2 * nm->cap : 64;
			if ((nm->v = reallocarray(nm->v, nm->cap,
			    sizeof(*nm->v))) == NULL)
				err(CS_SOFTWARE, NULL);
		}
		strlcpy(nm->v[nm->n++], s, sizeof(nm->v[0]));
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : db_fail(db, "schema");
}

/* "SELECT count(*) FROM t": -1 on an error, reported. */
static int64_t
rows_of(struct db *db, const char *table)
{
	struct db_stmt	*st;
	char		 sql[128];
	int64_t		 n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", table);
	if ((st = db_prepare(db, sql)) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	else
		db_fail(db, table);
	db_finalize(st);
	return n;
}

/*
 * Rows go in COPY_ROWS at a time, one INSERT of many VALUES: over a
 * socket a statement a row waited a round trip a row (12,000 rows a
 * second).  At most COPY_PARAMS values a statement (SQLite's and
 * PostgreSQL's bounds are 32,766 and 65,535).
 */
#define COPY_ROWS	256
#define COPY_PARAMS	30000

struct cell {
	int	 type;
	int64_t	 i;
	char	*t;
};

/* The INSERT of rows rows of cols into table, or NULL (reported). */
static struct db_stmt *
insert_of(struct db *to, const char *table, const struct names *cols,
    size_t rows)
{
	struct db_stmt	*st;
	char		*ins = NULL;
	size_t		 i, r, len;
	FILE		*b;

	if ((b = open_memstream(&ins, &len)) == NULL)
		err(CS_SOFTWARE, "open_memstream");
	fprintf(b, "INSERT INTO \"%s\" (", table);
	for (i = 0; i < cols->n; i++)
		fprintf(b, "%s\"%s\"", i ? ", " : "", cols->v[i]);
	fputs(") VALUES ", b);
	for (r = 0; r < rows; r++) {
		fputs(r ? ", (" : "(", b);
		for (i = 0; i < cols->n; i++)
			fprintf(b, "%s$%zu", i ? ", " : "",
			    r * cols->n + i + 1);
		fputs(")", b);
	}
	if (fclose(b) != 0)
		err(CS_SOFTWARE, "open_memstream");
	st = db_prepare(to, ins);
	free(ins);
	return st;
}

/* rows rows of cells through st (an insert_of that many): 0 or a status. */
static int
put_rows(struct db *to, const char *table, struct db_stmt *st,
    struct cell *cells, size_t n)
{
	size_t	 k;
	int	 rc = 0;

	for (k = 0; k < n; k++) {
		if (cells[k].type == DB_NULL)
			db_bind_null(st, (int)k + 1);
		else if (cells[k].type == DB_INT)
			db_bind_int(st, (int)k + 1, cells[k].i);
		else
			db_bind_text(st, (int)k + 1, cells[k].t);
	}
	if (db_step(st) != DB_DONE)
		rc = db_fail(to, table);
	db_reset(st);
	for (k = 0; k < n; k++) {
		free(cells[k].t);
		cells[k].t = NULL;
	}
	return rc;
}

/*
 * One table: its columns as the destination has them, read from the
 * source and inserted with their values' own types.
 */
static int
copy_table(struct db *from, struct db *to, const char *table,
    const struct names *cols, int64_t *copied)
{
	struct db_stmt	*get = NULL, *put = NULL, *tail;
	struct cell	*cells, *c;
	char		*sel = NULL;
	size_t		 i, n = 0, per, la;
	int		 rc = 0, step;
	FILE		*a;

	*copied = 0;
	if (cols->n == 0)
		return 0;
	per = COPY_PARAMS / cols->n < COPY_ROWS ? COPY_PARAMS / cols->n :
	    COPY_ROWS;
	if ((cells = calloc(per * cols->n, sizeof(*cells))) == NULL)
		err(CS_SOFTWARE, NULL);
	if ((a = open_memstream(&sel, &la)) == NULL)
		err(CS_SOFTWARE, "open_memstream");
	fputs("SELECT ", a);
	for (i = 0; i < cols->n; i++)
		fprintf(a, "%s\"%s\"", i ? ", " : "", cols->v[i]);
	fprintf(a, " FROM \"%s\" ORDER BY 1", table);
	if (fclose(a) != 0)
		err(CS_SOFTWARE, "open_memstream");
	*copied = 0;
	if ((get = db_prepare(from, sel)) == NULL) {
		warnx("copy: %s: the source has not the columns of the "
		    "destination's: %s", table, db_errmsg(from));
		rc = CS_DATAERR;
		goto done;
	}
	if ((put = insert_of(to, table, cols, per)) == NULL) {
		rc = CS_SOFTWARE;
		goto done;
	}
	while ((step = db_step(get)) == DB_ROW) {
		for (i = 0; i < cols->n; i++) {
			c = &cells[n * cols->n + i];
			switch (c->type = db_col_type(get, (int)i)) {
			case DB_NULL:
				break;
			case DB_INT:
				c->i = db_col_int(get, (int)i);
				break;
			case DB_TEXT:
				if (strlen(db_col_text(get, (int)i)) !=
				    db_col_bytes(get, (int)i)) {
					warnx("copy: %s row %lld: %s holds a "
					    "NUL byte", table, (long long)
					    db_col_int(get, 0), cols->v[i]);
					rc = CS_DATAERR;
					goto done;
				}
				if ((c->t = strdup(db_col_text(get,
				    (int)i))) == NULL)
					err(CS_SOFTWARE, NULL);
				break;
			default:
				warnx("copy: %s row %lld: %s is neither a "
				    "number nor text", table, (long long)
				    db_col_int(get, 0), cols->v[i]);
				rc = CS_DATAERR;
				goto done;
			}
		}
		if (++n == per) {
			if ((rc = put_rows(to, table, put, cells,
			    n * cols->n)) != 0)
				goto done;
			*copied += n;
			n = 0;
		}
	}
	if (step != DB_DONE) {
		rc = db_fail(from, table);
		goto done;
	}
	/* The last rows, fewer: a statement of their own. */
	if (n > 0) {
		if ((tail = insert_of(to, table, cols, n)) == NULL) {
			rc = CS_SOFTWARE;
			goto done;
		}
		rc = put_rows(to, table, tail, cells, n * cols->n);
		db_finalize(tail);
		if (rc == 0)
			*copied += n;
	}
done:
	for (i = 0; i < per * cols->n; i++)
		free(cells[i].t);
	free(cells);
	if (get != NULL)
		db_finalize(get);
	if (put != NULL)
		db_finalize(put);
	free(sel);
	return rc;
}

int
db_copy(struct db *from, struct db *to, FILE *fp)
{
	struct names	 tables = { NULL, 0, 0 }, cols = { NULL, 0, 0 };
	struct db_stmt	*st;
	int64_t		 n, copied, there;
	size_t		 i;
	int		 rc;

	if (db_version(from) != db_version(to)) {
		warnx("copy: %s is at schema version %d, %s at %d",
		    db_where(from), db_version(from), db_where(to),
		    db_version(to));
		return CS_DATAERR;
	}
	if ((rc = db_begin(to)) != 0)
		return rc;
	if ((st = db_stmt(to, tables_pg)) == NULL) {
		rc = CS_SOFTWARE;
		goto fail;
	}
	if ((rc = read_names(to, st, &tables)) != 0)
		goto fail;
	/* Empty, every table: a copy never mixes with a desk's own rows. */
	for (i = 0; i < tables.n; i++) {
		if (strcmp(tables.v[i], schema_rows) == 0)
			continue;
		if ((n = rows_of(to, tables.v[i])) < 0) {
			rc = CS_SOFTWARE;
			goto fail;
		}
		if (n > 0) {
			warnx("copy: %s is not empty: %s has %lld row%s; a "
			    "desk is copied into an empty database",
			    db_where(to), tables.v[i], (long long)n,
			    n == 1 ? "" : "s");
			rc = CS_DATAERR;
			goto fail;
		}
	}
	if (db_exec(to, "DELETE FROM audit_base") == -1) {
		rc = db_fail(to, schema_rows);
		goto fail;
	}
	for (i = 0; i < tables.n; i++) {
		if ((st = db_stmt(to, columns_pg)) == NULL) {
			rc = CS_SOFTWARE;
			goto fail;
		}
		db_bind_text(st, 1, tables.v[i]);
		if ((rc = read_names(to, st, &cols)) != 0 ||
		    (rc = copy_table(from, to, tables.v[i], &cols,
		    &copied)) != 0)
			goto fail;
		/* What is there now, counted apart from what was put. */
		if ((n = rows_of(from, tables.v[i])) < 0 ||
		    (there = rows_of(to, tables.v[i])) < 0) {
			rc = CS_SOFTWARE;
			goto fail;
		}
		if (n != copied || there != copied) {
			warnx("copy: %s: %lld rows in the source, %lld "
			    "copied, %lld in the copy", tables.v[i],
			    (long long)n, (long long)copied,
			    (long long)there);
			rc = CS_SOFTWARE;
			goto fail;
		}
		fprintf(fp, "%s\t%lld\n", tables.v[i], (long long)copied);
	}
	free(tables.v);
	free(cols.v);
	return db_commit(to);
fail:
	db_rollback(to);
	free(tables.v);
	free(cols.v);
	return rc;
}
