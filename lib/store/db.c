/*
 * db.c: the one SQLite file.  Where it is, opening it for reading or
 * writing, the statement cache, and transactions that never half-apply.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

#define DB_BUSY_MS	10000	/* wait this long for another writer */

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

/*
 * Make one directory, with exactly this mode whatever the umask, and
 * owned by gid unless that is -1.  An existing directory is left alone.
 */
static int
make_dir(const char *dir, mode_t mode, gid_t gid)
{
	if (mkdir(dir, 0700) == -1)
		return errno == EEXIST ? 0 : -1;
	if (gid != (gid_t)-1 && chown(dir, (uid_t)-1, gid) == -1)
		return -1;
	return chmod(dir, mode);
}

/*
 * Create the parent directories of path as mkdir -p does: owner-only,
 * or 2770 to the database's group.
 */
static int
make_parents(const char *path, mode_t mode, gid_t gid)
{
	char	 dir[1024], *p;

	if (strlcpy(dir, path, sizeof(dir)) >= sizeof(dir))
		return -1;
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make_dir(dir, mode, gid) == -1)
			return -1;
		*p = '/';
	}
	return make_dir(dir, mode, gid);
}

/*
 * Create the file before SQLite does, so its mode is ours whatever the
 * umask: owner-only, or readable and writable by the configured group.
 * SQLite gives its -wal and -shm files the database's mode.  Setgid, a
 * symbolic link is not followed.
 */
static int
create_file(const char *path, const struct config *conf)
{
	struct group	*gr = NULL;
	mode_t		 mode = 0600, dmode = 0700;
	gid_t		 gid = (gid_t)-1;
	int		 fd, flags;

	if (conf != NULL && conf->db_group != NULL) {
		if ((gr = getgrnam(conf->db_group)) == NULL) {
			warnx("database-group %s: no such group",
			    conf->db_group);
			return CS_CONFIG;
		}
		mode = 0660;
		dmode = 02770;
		gid = gr->gr_gid;
	}
	if (make_parents(path, dmode, gid) == -1) {
		warn("%s: cannot create its directory", path);
		return CS_CANTCREAT;
	}
	flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
	if (priv_setgid())
		flags |= O_NOFOLLOW;
	if ((fd = open(path, flags, mode)) == -1) {
		if (errno == EEXIST)
			return 0;
		warn("%s", path);
		return CS_CANTCREAT;
	}
	if ((gr != NULL && fchown(fd, (uid_t)-1, gid) == -1) ||
	    fchmod(fd, mode) == -1) {
		warn("%s: mode %o%s%s", path, (unsigned)mode,
		    gr != NULL ? ", group " : "", gr != NULL ? conf->db_group : "");
		close(fd);
		unlink(path);
		return CS_CANTCREAT;
	}
	close(fd);
	return 0;
}

static int
exec_simple(struct db *db, const char *sql)
{
	char	*msg = NULL;
	int	 rc;

	rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return db_fail(db, sql);
	return 0;
}

/*
 * The same for a statement run again and again (a batch line's
 * savepoint): prepared once, from the cache.
 */
static int
exec_cached(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "savepoint");
	return 0;
}

/* PRAGMA user_version, or -1 if the file cannot be read. */
static int
read_version(struct db *db)
{
	sqlite3_stmt	*st;
	int		 ver = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		ver = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ver;
}

/*
 * The second reader of DB_SCAN, opened here while the files may be
 * opened (setgid, the group is given up after).  Without it a report
 * scans in one piece, so a failure is no error.
 */
static void
open_scan(struct db *db, int flags)
{
	if (sqlite3_open_v2(db->path, &db->scan, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		sqlite3_close(db->scan);
		db->scan = NULL;
		return;
	}
	if (priv_setgid()) {
		int	 keep = 1;

		sqlite3_file_control(db->scan, "main",
		    SQLITE_FCNTL_PERSIST_WAL, &keep);
	}
	sqlite3_busy_timeout(db->scan, DB_BUSY_MS);
}

int
db_open(struct db *db, const char *path, int mode, const struct config *conf)
{
	struct stat	 sb;
	int		 flags, rc, ver;

	memset(db, 0, sizeof(*db));
	if (strlcpy(db->path, path, sizeof(db->path)) >= sizeof(db->path)) {
		warnx("database path too long");
		return CS_USAGE;
	}
	db->writable = mode == DB_WRITE;
	/* Setgid, the database is the file itself, not a link to another. */
	if (priv_setgid() && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		warnx("%s: a symbolic link: refused, since cs runs setgid",
		    path);
		return CS_NOPERM;
	}
	if (mode != DB_WRITE) {
		if (stat(path, &sb) == -1) {
			if (errno == ENOENT)
				warnx("%s: no such database (nothing has "
				    "been recorded yet)", path);
			else
				warn("%s", path);
			return CS_NOINPUT;
		}
		flags = SQLITE_OPEN_READONLY;
	} else {
		if ((rc = create_file(path, conf)) != 0)
			return rc;
		flags = SQLITE_OPEN_READWRITE;
	}
	if (priv_setgid())
		flags |= SQLITE_OPEN_NOFOLLOW;
	/*
	 * No memory statistics: nothing reads them, and keeping them
	 * takes a mutex for every allocation.  Before the first open.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		warnx("%s: %s", path, db->h ? sqlite3_errmsg(db->h) :
		    sqlite3_errstr(rc));
		sqlite3_close(db->h);
		db->h = NULL;
		return mode != DB_WRITE ? CS_NOINPUT : CS_CANTCREAT;
	}
	/*
	 * Setgid, the group is given up once the files are open, and the
	 * directory is the group's: keep the -wal and -shm files at close
	 * rather than fail to remove them.
	 */
	if (priv_setgid()) {
		int	 keep = 1;

		sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &keep);
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 0);
	if (mode == DB_WRITE) {
		/* References hold for every change; a reader needs none. */
		if ((rc = exec_simple(db, "PRAGMA foreign_keys=ON")) != 0)
			goto fail;
		/*
		 * WAL lets readers run beside a writer; NORMAL is durable
		 * in WAL mode against a crash of the process.
		 */
		if ((rc = exec_simple(db, "PRAGMA journal_mode=WAL")) != 0 ||
		    (rc = exec_simple(db, "PRAGMA synchronous=NORMAL")) != 0)
			goto fail;
		/*
		 * An import line is a savepoint: keep its statement journal
		 * in memory, not a temporary file written page by page, and
		 * the pages a chunk touches in the cache.
		 */
		if ((rc = exec_simple(db, "PRAGMA temp_store=MEMORY")) != 0 ||
		    (rc = exec_simple(db, "PRAGMA cache_size=-32768")) != 0)
			goto fail;
		if (read_version(db) == schema_version())
			return 0;
		if ((rc = db_begin(db)) != 0)
			goto fail;
		if ((rc = schema_migrate(db)) != 0) {
			db_rollback(db);
			goto fail;
		}
		if ((rc = db_commit(db)) != 0)
			goto fail;
		return 0;
	}
	if ((ver = read_version(db)) == -1) {
		/*
		 * A reader of a WAL database needs its -shm file: when that
		 * is missing and the directory is not writable, SQLite says
		 * "attempt to write a readonly database" to a read.
		 */
		if (sqlite3_errcode(db->h) == SQLITE_READONLY) {
			warnx("%s: cannot be read without write access to its "
			    "directory (for its -shm file)", path);
			rc = CS_NOINPUT;
		} else
			rc = db_fail(db, "schema");
		goto fail;
	}
	if (ver == 0) {
		warnx("%s: not a cs database", path);
		rc = CS_DATAERR;
		goto fail;
	}
	if (ver > schema_version()) {
		warnx("%s: schema version %d is newer than this cs (%d)",
		    path, ver, schema_version());
		rc = CS_DATAERR;
		goto fail;
	}
	if (ver < schema_version()) {
		warnx("%s: schema version %d is older than this cs (%d); "
		    "any change made with cs upgrades it", path, ver,
		    schema_version());
		rc = CS_DATAERR;
		goto fail;
	}
	if (mode == DB_SCAN)
		open_scan(db, flags);
	return 0;
fail:
	db_close(db);
	return rc;
}

void
db_close(struct db *db)
{
	int	 i;

	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	db->ncache = 0;
	if (db->h != NULL)
		sqlite3_close(db->h);
	db->h = NULL;
	if (db->scan != NULL)
		sqlite3_close(db->scan);
	db->scan = NULL;
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL) != SQLITE_OK) {
		db_fail(db, "prepare");
		return NULL;
	}
	if (db->ncache < (int)(sizeof(db->cache) / sizeof(db->cache[0]))) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].st = st;
		db->ncache++;
	} else {
		/* A full cache is a programming error; fail loudly. */
		warnx("statement cache full");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, "prepare");
		return NULL;
	}
	return st;
}

int
db_begin(struct db *db)
{
	db->audit_known = 0;
	return exec_simple(db, "BEGIN IMMEDIATE");
}

int
db_commit(struct db *db)
{
	int	 rc;

	db->audit_known = 0;
	if ((rc = exec_simple(db, "COMMIT")) != 0)
		db_rollback(db);
	return rc;
}

void
db_rollback(struct db *db)
{
	db->audit_known = 0;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * The errno behind SQLITE_IOERR when it is a quota or a file size
 * limit: SQLite keeps it for a while (sqlite3_system_errno), but may
 * have made other calls since, so a file at the size limit (ulimit -f)
 * says EFBIG too.  0 for other I/O errors.
 */
static int
io_errno(struct db *db)
{
	struct rlimit	 rl;
	struct stat	 sb;
	char		 wal[sizeof(db->path) + 8];
	int		 e = sqlite3_system_errno(db->h);

	if (e == ENOSPC || e == EDQUOT || e == EFBIG)
		return e;
	if (getrlimit(RLIMIT_FSIZE, &rl) == -1 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	snprintf(wal, sizeof(wal), "%s-wal", db->path);
	if ((stat(db->path, &sb) == 0 && (rlim_t)sb.st_size + 65536 >=
	    rl.rlim_cur) || (stat(wal, &sb) == 0 &&
	    (rlim_t)sb.st_size + 65536 >= rl.rlim_cur))
		return EFBIG;
	return 0;
}

int
(db_fail)(struct db *db, const char *what)
{
	int	 rc = sqlite3_errcode(db->h);

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		warnx("%s: database busy, try again", db->path);
		return CS_TEMPFAIL;
	}
	if (rc == SQLITE_READONLY) {
		warnx("%s: read-only database", db->path);
		return CS_CANTCREAT;
	}
	/*
	 * A full disk, a quota or a file size limit (ulimit -f): SQLite
	 * says SQLITE_FULL for some and "disk I/O error" for the others.
	 */
	if (rc == SQLITE_FULL) {
		warnx("%s: cannot write: %s", db->path, strerror(ENOSPC));
		return CS_IOERR;
	}
	if (rc == SQLITE_IOERR && (errno = io_errno(db)) != 0) {
		warnx("%s: cannot write: %s", db->path, strerror(errno));
		return CS_IOERR;
	}
	/*
	 * Each amount fits in 64 bits, but a sum of huge ones may not:
	 * SQLite's sum() says so, and that is the data, not a bug.
	 */
	if (strcmp(sqlite3_errmsg(db->h), "integer overflow") == 0) {
		warnx("%s: %s: a sum of amounts is too large for 64 bits",
		    db->path, what);
		return CS_DATAERR;
	}
	warnx("%s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
	return CS_SOFTWARE;
}

void
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

const char *
db_col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

void
db_cell(sqlite3_stmt *st, int col, struct out_cell *v)
{
	v->null = sqlite3_column_type(st, col) == SQLITE_NULL;
	v->i = sqlite3_column_int64(st, col);
	v->s = db_col_text(st, col);
}

int
db_savepoint(struct db *db)
{
	return exec_cached(db, "SAVEPOINT item");
}

int
db_release(struct db *db)
{
	return exec_cached(db, "RELEASE item");
}

void
db_rollback_item(struct db *db)
{
	db->audit_known = 0;
	if (exec_cached(db, "ROLLBACK TO item") == 0)
		exec_cached(db, "RELEASE item");
}

int
db_lookup_text(struct db *db, const char *sql, int64_t id, char *buf,
    size_t len)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		strlcpy(buf, db_col_text(st, 0) ? db_col_text(st, 0) : "", len);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return CS_NOINPUT;
	}
	rc = db_fail(db, "lookup");
	sqlite3_reset(st);
	return rc;
}

int
db_lookup(struct db *db, const char *sql, const char *text, int64_t num,
    int64_t *cols, int ncol)
{
	sqlite3_stmt	*st;
	int		 rc, i;

	if ((st = db_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	if (text != NULL)
		db_bind_text(st, 1, text);
	else
		sqlite3_bind_int64(st, 1, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			cols[i] = sqlite3_column_int64(st, i);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return CS_NOINPUT;
	}
	rc = db_fail(db, "lookup");
	sqlite3_reset(st);
	return rc;
}

void
db_row_cells(sqlite3_stmt *st, struct out_cell *cells, int n)
{
	int	 k;

	for (k = 0; k < n; k++)
		db_cell(st, k, &cells[k]);
}
