/*
 * db.c: the door's parts that are the same whatever the backend: where
 * the database is, and one-row lookups.  The backend is sqlite.c.
 */
#include <err.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

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
