/*
 * db.c: the door's parts that are the same whatever the backend: where
 * the database is, and one-row lookups.  The backend is sqlite.c.
 */
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

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
db_path(const char *opt, const struct config *conf, char *buf, size_t len)
{
	const char	*e, *h;
	int		 n;

	/* secure_getenv: a setgid program takes no path from outside. */
	if (opt != NULL && *opt != '\0')
		n = snprintf(buf, len, "%s", opt);
	else if ((e = secure_getenv("CS_DB")) != NULL && *e != '\0')
		n = snprintf(buf, len, "%s", e);
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
