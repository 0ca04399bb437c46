/*
 * sqlite.c: the SQLite backend of the door (db.h), and the only file
 * that knows SQLite.  Opening the file for reading or writing, with the
 * modes and pragmas it needs, the statement cache, the dialect's $n
 * placeholders and the functions SQLite lacks, transactions that never
 * half-apply, and SQLite's errors as exit statuses.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store/sqlite.h"
#include "store/backend.h"

#define DB_BUSY_MS	10000	/* wait this long for another writer */
#define DB_POLL_US	1000	/* trying again this often meanwhile */
#define DB_BULK_PAGES	"10000"	/* a long writer's checkpoints: 40 MB */

struct sqst {
	struct db_stmt	 pub;		/* first: what the door hands out */
	sqlite3_stmt	*st;
	struct sqdb	*db;		/* its connection */
	int		 new_id;	/* its RETURNING id left to SQLite's */
};					/* last_insert_rowid */

struct db_cached {
	const char	*sql;		/* identity of a static SQL string */
	struct sqst	 s;
};

struct sqdb {
	struct db	 pub;		/* first: what the door hands out */
	sqlite3		*h;
	struct sqdb	*scan;		/* DB_SCAN: a second reader, or NULL */
	char		 path[1024];
	int		 writable;
	struct db_cached cache[96];	/* prepared once, reused */
	int		 ncache;
	struct timespec	 busy_since;	/* this wait for a lock began */
};

/*
 * The busy handler: try again every millisecond for DB_BUSY_MS.
 * SQLite's own backs off to a try every 100 ms, and so misses the few
 * milliseconds a long batch leaves between its chunks (db_yield): a
 * reply waited out a 20,000-line batch and got 75.
 */
static int
busy_wait(void *arg, int n)
{
	struct sqdb		*db = arg;
	struct timespec		 now;
	const struct timespec	 nap = { 0, DB_POLL_US * 1000 };
	int64_t			 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (n == 0)
		db->busy_since = now;
	ms = (int64_t)(now.tv_sec - db->busy_since.tv_sec) * 1000 +
	    (now.tv_nsec - db->busy_since.tv_nsec) / 1000000;
	if (ms >= DB_BUSY_MS)
		return 0;
	nanosleep(&nap, NULL);
	return 1;
}

void
sq_yield(struct sqdb *db)
{
	const struct timespec	 nap = { 0, 3 * DB_POLL_US * 1000 };

	(void)db;
	nanosleep(&nap, NULL);
}

/*
 * Many commits to follow: copy the log back into the database every
 * DB_BULK_PAGES pages written to it, not every 1000.  A chunk writes a
 * few hundred pages, and a checkpoint after every few chunks copied
 * the same pages again and again, with two fdatasyncs each.  The last
 * connection to close checkpoints what is left.
 */
void
sq_bulk(struct sqdb *db)
{
	(void)sqlite3_exec(db->h, "PRAGMA wal_autocheckpoint="
	    DB_BULK_PAGES, NULL, NULL, NULL);
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

/*
 * WAL mode for a writer.  Changing the mode of a new database takes a
 * lock that SQLite does not wait for with the busy handler: when others
 * are creating the same database at once, wait for them here, as long
 * as for any writer.
 */
static int
set_wal(struct sqdb *db)
{
	const struct timespec	 nap = { 0, 5 * 1000 * 1000 };
	int			 rc, waited = 0;

	for (;;) {
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL,
		    NULL);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    waited >= DB_BUSY_MS)
			break;
		nanosleep(&nap, NULL);
		waited += 5;
	}
	return rc == SQLITE_OK ? 0 : sq_fail(db, "PRAGMA journal_mode=WAL");
}

/*
 * 1 if the file holds tables of its own: another program's database,
 * which a writer must not make a desk of.
 */
static int
foreign(struct sqdb *db)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n > 0;
}

static int
exec_simple(struct sqdb *db, const char *sql)
{
	char	*msg = NULL;
	int	 rc;

	rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return sq_fail(db, sql);
	return 0;
}

/*
 * The same for a statement run again and again (a batch line's
 * savepoint): prepared once, from the cache.
 */
static int
exec_cached(struct sqdb *db, const char *sql)
{
	struct sqst	*st;
	int		 rc;

	if ((st = sq_stmt(db, sql)) == NULL)
		return CS_SOFTWARE;
	rc = sqlite3_step(st->st);
	sqlite3_reset(st->st);
	if (rc != SQLITE_DONE)
		return sq_fail(db, "savepoint");
	return 0;
}

/*
 * The dialect's functions that SQLite lacks, as PostgreSQL has them:
 * strpos(text, part), the 1-based place of part in characters or 0;
 * least(a, b, ...), the smallest that is not NULL.
 */
static void
fn_strpos(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*s, *part, *p, *at;
	int64_t			 n = 1;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;
	s = sqlite3_value_text(argv[0]);
	part = sqlite3_value_text(argv[1]);
	if (s == NULL || part == NULL)
		return;
	if ((at = (const unsigned char *)strstr((const char *)s,
	    (const char *)part)) == NULL) {
		sqlite3_result_int64(ctx, 0);
		return;
	}
	for (p = s; p < at; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	sqlite3_result_int64(ctx, n);
}

/* a < b: as integers when both are, else as reals. */
static int
value_less(sqlite3_value *a, sqlite3_value *b)
{
	if (sqlite3_value_numeric_type(a) == SQLITE_INTEGER &&
	    sqlite3_value_numeric_type(b) == SQLITE_INTEGER)
		return sqlite3_value_int64(a) < sqlite3_value_int64(b);
	return sqlite3_value_double(a) < sqlite3_value_double(b);
}

static void
fn_least(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3_value	*best = NULL;
	int		 i;

	for (i = 0; i < argc; i++)
		if (sqlite3_value_type(argv[i]) != SQLITE_NULL &&
		    (best == NULL || value_less(argv[i], best)))
			best = argv[i];
	if (best != NULL)
		sqlite3_result_value(ctx, best);
}

/*
 * money_sum(amount): the sum of amounts, 0 for none, and NULL -- never
 * an error, never a wrapped negative -- when one of them is not an
 * amount (negative, or above MONEY_MAX, as a database from before that
 * limit may hold) or the sum does not fit in 64 bits.  SQLite's sum()
 * would fail the whole listing with "integer overflow"; a PostgreSQL
 * backend defines the same aggregate over numeric.  Said once on stderr.
 */
struct money_acc {
	int64_t	 sum;
	int	 over;
};

static void
money_sum_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct money_acc	*a;

	(void)argc;
	if ((a = sqlite3_aggregate_context(ctx, sizeof(*a))) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || a->over)
		return;
	if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER ||
	    money_add(&a->sum, sqlite3_value_int64(argv[0])) == -1)
		a->over = 1;
}

static void
money_sum_final(sqlite3_context *ctx)
{
	static int		 said;
	struct money_acc	*a;
	char			 most[32];

	if ((a = sqlite3_aggregate_context(ctx, 0)) == NULL) {
		sqlite3_result_int64(ctx, 0);
		return;
	}
	if (!a->over) {
		sqlite3_result_int64(ctx, a->sum);
		return;
	}
	if (!said++) {
		money_format(MONEY_MAX, NULL, most, sizeof(most));
		warnx("a stored amount is not an amount (above %s, or "
		    "negative): its sum is left empty", most);
	}
	sqlite3_result_null(ctx);
}

static int
add_functions(sqlite3 *h)
{
	int	 f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(h, "strpos", 2, f, NULL, fn_strpos,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(h, "least", -1, f, NULL, fn_least,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(h, "money_sum", 1, f, NULL, NULL,
	    money_sum_step, money_sum_final) != SQLITE_OK)
		return -1;
	return 0;
}

/*
 * Prepare the dialect's SQL: $n is SQLite's ?n, which binds by number
 * wherever and however often it appears.  ($n would be a name to
 * SQLite, numbered by first appearance.)  Outside quotes only.  Where
 * they run $1, $2, $3... each once, they are SQLite's plain ?, which
 * numbers them so: it looks up each ?n in the list of them all, and a
 * 100,000-line refund batch (inserts of thousands of them) took 5.3 s that
 * way, 1.7 s this.
 */
static int
prepare(sqlite3 *h, const char *sql, unsigned flags, sqlite3_stmt **st,
    int *new_id)
{
	static const char	 ret[] = " RETURNING id";
	char			 buf[4096], *heap = NULL, *s = buf, *p, *q;
	size_t			 n = strlen(sql) + 1, k = sizeof(ret) - 1;
	long			 next;
	int			 rc, pass, in_order = 1;

	if (n > sizeof(buf)) {
		if ((heap = malloc(n)) == NULL)
			return SQLITE_NOMEM;
		s = heap;
	}
	memcpy(s, sql, n);
	for (pass = 0; pass < 2; pass++) {
		next = 1;
		for (p = s; (p = strpbrk(p, "$'\"")) != NULL; p++) {
			if (*p != '$') {
				/* Past the quoted text, or its end if unclosed. */
				if ((p = strchr(p + 1, *p)) == NULL)
					break;
				continue;
			}
			if (p[1] < '0' || p[1] > '9')
				continue;
			if (pass == 0) {
				if (strtol(p + 1, NULL, 10) != next++)
					in_order = 0;
				continue;
			}
			*p = '?';
			if (in_order)
				for (q = p + 1; *q >= '0' && *q <= '9'; q++)
					*q = ' ';
		}
	}
	/*
	 * INSERT ... RETURNING id: SQLite keeps RETURNING rows in a table
	 * of their own, a tenth of a batch's time; its last_insert_rowid
	 * is the same ID for nothing (db_step_id).
	 */
	*new_id = 0;
	if (strncmp(s, "INSERT", 6) == 0 && n - 1 > k &&
	    strcmp(s + n - 1 - k, ret) == 0) {
		n -= k;
		s[n - 1] = '\0';
		*new_id = 1;
	}
	rc = sqlite3_prepare_v3(h, s, (int)n, flags, st, NULL);
	free(heap);
	return rc;
}

const char *
sq_where(const struct sqdb *db)
{
	return db->path;
}

/* PRAGMA user_version, or -1 if the file cannot be read. */
int
sq_version(struct sqdb *db)
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

int
sq_set_version(struct sqdb *db, int ver)
{
	char	 sql[64];

	/* The version is a number of ours, not input. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", ver);
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 :
	    -1;
}

int
sq_exec(struct sqdb *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 :
	    -1;
}

const char *
sq_errmsg(struct sqdb *db)
{
	return sqlite3_errmsg(db->h);
}

/*
 * The second reader of DB_SCAN, opened here while the files may be
 * opened (setgid, the group is given up after).  Without it a report
 * scans in one piece, so a failure is no error.
 */
static void
open_scan(struct sqdb *db, int flags)
{
	struct sqdb	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return;
	memcpy(s->path, db->path, sizeof(s->path));
	if (sqlite3_open_v2(db->path, &s->h, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK || add_functions(s->h) == -1) {
		sqlite3_close(s->h);
		free(s);
		return;
	}
	if (priv_setgid()) {
		int	 keep = 1;

		sqlite3_file_control(s->h, "main",
		    SQLITE_FCNTL_PERSIST_WAL, &keep);
	}
	sqlite3_busy_handler(s->h, busy_wait, s);
	sqlite3_extended_result_codes(s->h, 0);
	db->scan = s;
}

struct sqdb *
sq_scan(struct sqdb *db)
{
	return db->scan;
}

int
sq_open(struct sqdb **out, const char *path, int mode,
    const struct config *conf)
{
	struct stat	 sb;
	struct sqdb	*db;
	int		 flags, rc, ver;

	*out = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL) {
		warn(NULL);
		return CS_SOFTWARE;
	}
	if (strlcpy(db->path, path, sizeof(db->path)) >= sizeof(db->path)) {
		warnx("database path too long");
		free(db);
		return CS_USAGE;
	}
	db->writable = mode == DB_WRITE;
	/* Setgid, the database is the file itself, not a link to another. */
	if (priv_setgid() && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		warnx("%s: a symbolic link: refused, since cs runs setgid",
		    path);
		free(db);
		return CS_NOPERM;
	}
	if (mode != DB_WRITE) {
		if (stat(path, &sb) == -1) {
			if (errno == ENOENT)
				warnx("%s: no such database (nothing has "
				    "been recorded yet)", path);
			else
				warn("%s", path);
			free(db);
			return CS_NOINPUT;
		}
		flags = SQLITE_OPEN_READONLY;
	} else {
		if ((rc = create_file(path, conf)) != 0) {
			free(db);
			return rc;
		}
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
		free(db);
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
	sqlite3_busy_handler(db->h, busy_wait, db);
	sqlite3_extended_result_codes(db->h, 0);
	if (add_functions(db->h) == -1) {
		rc = sq_fail(db, "functions");
		goto fail;
	}
	/*
	 * A writer's file that SQLite could open only for reading: a
	 * read-only file, or a read-only file system, told apart here,
	 * before a write fails for want of its -wal file.
	 */
	if (mode == DB_WRITE && sqlite3_db_readonly(db->h, "main") == 1) {
		if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == -1 &&
		    errno == EROFS)
			warnx("%s: cannot write: %s", path, strerror(EROFS));
		else
			warnx("%s: read-only database", path);
		rc = CS_CANTCREAT;
		goto fail;
	}
	if (mode == DB_WRITE) {
		/* References hold for every change; a reader needs none. */
		if ((rc = exec_simple(db, "PRAGMA foreign_keys=ON")) != 0)
			goto fail;
		/*
		 * WAL lets readers run beside a writer; NORMAL is durable
		 * in WAL mode against a crash of the process.
		 */
		/*
		 * Another program's database is refused before anything
		 * in it changes, its journal mode too (and again below,
		 * inside the transaction that would make it a desk).
		 */
		if (sq_version(db) == 0 && foreign(db)) {
			warnx("%s: not a cs database", path);
			rc = CS_DATAERR;
			goto fail;
		}
		if ((rc = set_wal(db)) != 0 ||
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
		if (sq_version(db) == schema_version()) {
			*out = db;
			return 0;
		}
		if ((rc = sq_begin(db)) != 0)
			goto fail;
		/* Made a desk only when empty: never another program's file. */
		if (sq_version(db) == 0 && foreign(db)) {
			sq_rollback(db);
			warnx("%s: not a cs database", path);
			rc = CS_DATAERR;
			goto fail;
		}
		if ((rc = schema_migrate(&db->pub)) != 0) {
			sq_rollback(db);
			goto fail;
		}
		if ((rc = sq_commit(db)) != 0)
			goto fail;
		*out = db;
		return 0;
	}
	if ((ver = sq_version(db)) == -1) {
		/*
		 * A reader of a WAL database needs its -shm file: when that
		 * is missing and the directory is not writable, SQLite says
		 * "attempt to write a readonly database" to a read.
		 */
		if (sqlite3_errcode(db->h) == SQLITE_READONLY ||
		    sqlite3_errcode(db->h) == SQLITE_CANTOPEN) {
			warnx("%s: cannot be read without write access to its "
			    "directory (for its -shm file)", path);
			rc = CS_NOINPUT;
		} else
			rc = sq_fail(db, "schema");
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
	*out = db;
	return 0;
fail:
	sq_close(db);
	return rc;
}

/* One connection: its statements, its handle, itself. */
static void
close_one(struct sqdb *db)
{
	int	 i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].s.st);
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db);
}

void
sq_close(struct sqdb *db)
{
	if (db == NULL)
		return;
	close_one(db->scan);
	close_one(db);
}

struct sqst *
sq_stmt(struct sqdb *db, const char *sql)
{
	struct db_cached	*c;
	sqlite3_stmt		*st;
	int			 i, new_id;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].s.st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return &db->cache[i].s;
		}
	}
	if (db->ncache >= (int)(sizeof(db->cache) / sizeof(db->cache[0]))) {
		/* A full cache is a programming error; fail loudly. */
		warnx("statement cache full");
		return NULL;
	}
	if (prepare(db->h, sql, SQLITE_PREPARE_PERSISTENT, &st, &new_id) !=
	    SQLITE_OK) {
		sq_fail(db, "prepare");
		return NULL;
	}
	c = &db->cache[db->ncache++];
	c->sql = sql;
	c->s.st = st;
	c->s.db = db;
	c->s.new_id = new_id;
	c->s.pub.pg = 0;
	return &c->s;
}

struct sqst *
sq_prepare(struct sqdb *db, const char *sql)
{
	struct sqst	*s;
	sqlite3_stmt	*st;
	int		 new_id;

	if (prepare(db->h, sql, 0, &st, &new_id) != SQLITE_OK) {
		sq_fail(db, "prepare");
		return NULL;
	}
	if ((s = malloc(sizeof(*s))) == NULL) {
		sqlite3_finalize(st);
		warn(NULL);
		return NULL;
	}
	s->st = st;
	s->db = db;
	s->new_id = new_id;
	s->pub.pg = 0;
	return s;
}

void
sq_finalize(struct sqst *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->st);
	free(s);
}

void
sq_reset(struct sqst *s)
{
	sqlite3_reset(s->st);
}

void
sq_bind_int(struct sqst *s, int idx, int64_t v)
{
	sqlite3_bind_int64(s->st, idx, v);
}

void
sq_bind_text(struct sqst *s, int idx, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s->st, idx);
	else
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_STATIC);
}

void
sq_bind_null(struct sqst *s, int idx)
{
	sqlite3_bind_null(s->st, idx);
}

int
sq_step(struct sqst *s)
{
	switch (sqlite3_step(s->st)) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	default:
		return DB_ERROR;
	}
}

/* SQLite has no round trip to save: the change runs now. */
int
sq_step_later(struct sqst *s, int64_t expect)
{
	int64_t	 got;
	int	 rc;

	rc = sq_step(s);
	got = sqlite3_changes64(s->db->h);
	sqlite3_reset(s->st);
	if (rc == DB_DONE && got != expect) {
		snprintf(s->db->pub.miss, sizeof(s->db->pub.miss), "a change "
		    "made %lld rows where %lld were to be", (long long)got,
		    (long long)expect);
		return DB_ERROR;
	}
	return rc == DB_ROW ? DB_ERROR : rc;
}

int
sq_step_id(struct sqst *s, int64_t *id)
{
	int	 rc;

	if ((rc = sq_step(s)) == DB_DONE && s->new_id) {
		/* No row inserted (ON CONFLICT DO NOTHING): no ID. */
		if (sqlite3_changes(s->db->h) > 0)
			*id = sqlite3_last_insert_rowid(s->db->h);
		else
			rc = DB_ERROR;
	} else if (rc == DB_ROW) {
		*id = sqlite3_column_int64(s->st, 0);
		/* RETURNING: the change is made, its row read; end it. */
		while ((rc = sq_step(s)) == DB_ROW)
			;
	} else if (rc == DB_DONE)
		rc = DB_ERROR;		/* no ID: not an INSERT RETURNING */
	sqlite3_reset(s->st);
	return rc;
}

int64_t
sq_col_int(struct sqst *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

const char *
sq_col_text(struct sqst *s, int col)
{
	return (const char *)sqlite3_column_text(s->st, col);
}

int
sq_col_null(struct sqst *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

int
sq_col_type(struct sqst *s, int col)
{
	switch (sqlite3_column_type(s->st, col)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INT;
	case SQLITE_TEXT:
		return DB_TEXT;
	default:
		return DB_OTHER;
	}
}

size_t
sq_col_bytes(struct sqst *s, int col)
{
	/* After db_col_text, as SQLite asks: the text's own length. */
	return (size_t)sqlite3_column_bytes(s->st, col);
}

void
sq_cell(struct sqst *s, int col, struct out_cell *v)
{
	v->null = sqlite3_column_type(s->st, col) == SQLITE_NULL;
	v->i = sqlite3_column_int64(s->st, col);
	v->s = (const char *)sqlite3_column_text(s->st, col);
}

int64_t
sq_changes(struct sqdb *db)
{
	return sqlite3_changes64(db->h);
}

int64_t
sq_total_changes(struct sqdb *db)
{
	return sqlite3_total_changes64(db->h);
}

int
sq_begin(struct sqdb *db)
{
	return exec_simple(db, "BEGIN IMMEDIATE");
}

int
sq_commit(struct sqdb *db)
{
	int	 rc;

	if ((rc = exec_simple(db, "COMMIT")) != 0)
		sq_rollback(db);
	return rc;
}

void
sq_rollback(struct sqdb *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
sq_in_transaction(struct sqdb *db)
{
	return !sqlite3_get_autocommit(db->h);
}

/*
 * In WAL mode a read transaction sees the state of its first read until
 * it ends.
 */
int
sq_snapshot(struct sqdb *db)
{
	return sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ?
	    0 : -1;
}

void
sq_snapshot_end(struct sqdb *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

int
sq_savepoint(struct sqdb *db)
{
	return exec_cached(db, "SAVEPOINT item");
}

int
sq_release(struct sqdb *db)
{
	return exec_cached(db, "RELEASE item");
}

void
sq_rollback_item(struct sqdb *db)
{
	if (exec_cached(db, "ROLLBACK TO item") == 0)
		exec_cached(db, "RELEASE item");
}

/*
 * The errno behind SQLITE_IOERR when it is a quota or a file size
 * limit: SQLite keeps it for a while (sqlite3_system_errno), but may
 * have made other calls since, so a file at the size limit (ulimit -f)
 * says EFBIG too.  0 for other I/O errors.
 */
static int
io_errno(struct sqdb *db)
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
sq_fail(struct sqdb *db, const char *what)
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

sqlite3 *
db_sqlite(struct db *db)
{
	return ((struct sqdb *)db)->h;
}
