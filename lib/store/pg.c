/*
 * pg.c: the PostgreSQL backend of the door (db.h), and the only file
 * that knows libpq.  A desk across hosts: -d, CS_DB or `database` give
 * a postgresql:// URI or libpq's key=value words, and credentials come
 * the libpq way (service file, .pgpass), never on a command line.
 *
 * The dialect's SQL runs as it is: $n placeholders, RETURNING, ON
 * CONFLICT.  Statements are prepared once per connection (PQprepare,
 * named s1, s2, ...) on their first run, when the types of their
 * parameters are known: an integer is a bigint, text and NULL are left
 * for the server to infer.  Values travel as text; a result is read
 * whole (PQexecPrepared), so a statement may be stepped while another
 * runs, as SQLite allows.  But a query of db_prepare's, a listing or a
 * report that may read a million rows, runs as a cursor read SCAN_ROWS
 * rows at a time, so that its memory does not grow with the desk.  Out
 * of a transaction it runs in a read-only one of its own, ended when it
 * is; WITH HOLD, so that a commit while it is open (a change begun, a
 * chunk committed) keeps its rows on the server rather than losing them.
 *
 * Every writing transaction takes one advisory transaction lock first,
 * so writers serialise as SQLite's BEGIN IMMEDIATE does (READ COMMITTED
 * under that lock sees every commit before it); a wait past the busy
 * timeout is lock_timeout's error, exit 75.  A report's snapshot is
 * REPEATABLE READ READ ONLY.
 */
#include <err.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <dlfcn.h>
#include <stddef.h>

#include "store.h"
#include "store/backend.h"

/*
 * libpq is opened by its soname on the first PostgreSQL desk, not
 * linked: it brings two dozen libraries (TLS, Kerberos, LDAP) that a
 * lookup on a SQLite desk would load at every start, 4 ms of a 6 ms
 * lookup.  Each call below goes through the pointer of its name.
 */
#ifndef PQ_SONAME
#define PQ_SONAME	"libpq.so.5"	/* the Makefile says which */
#endif

static struct {
	__typeof__(PQclear)	*clear;
	__typeof__(PQcmdStatus)	*cmdstatus;
	__typeof__(PQcmdTuples)	*cmdtuples;
	__typeof__(PQconnectdb)	*connectdb;
	__typeof__(PQdb)	*db;
	__typeof__(PQerrorMessage)	*errormessage;
	__typeof__(PQexec)	*exec;
	__typeof__(PQexecParams)	*execparams;
	__typeof__(PQexecPrepared)	*execprepared;
	__typeof__(PQfinish)	*finish;
	__typeof__(PQftype)	*ftype;
	__typeof__(PQgetisnull)	*getisnull;
	__typeof__(PQgetResult)	*getresult;
	__typeof__(PQgetlength)	*getlength;
	__typeof__(PQgetvalue)	*getvalue;
	__typeof__(PQhost)	*host;
	__typeof__(PQnfields)	*nfields;
	__typeof__(PQntuples)	*ntuples;
	__typeof__(PQprepare)	*prepare;
	__typeof__(PQresultErrorField)	*resulterrorfield;
	__typeof__(PQresultStatus)	*resultstatus;
	__typeof__(PQsendPrepare)	*sendprepare;
	__typeof__(PQsendQuery)	*sendquery;
	__typeof__(PQserverVersion)	*serverversion;
	__typeof__(PQsendQueryParams)	*sendqueryparams;
	__typeof__(PQsendQueryPrepared)	*sendqueryprepared;
	__typeof__(PQenterPipelineMode)	*enterpipelinemode;
	__typeof__(PQexitPipelineMode)	*exitpipelinemode;
	__typeof__(PQpipelineSync)	*pipelinesync;
	__typeof__(PQsetNoticeProcessor)	*setnoticeprocessor;
	__typeof__(PQstatus)	*status;
	__typeof__(PQtransactionStatus)	*transactionstatus;
} pq;

static const struct {
	const char	*name;
	size_t		 off;
} pq_syms[] = {
	{ "PQclear", offsetof(__typeof__(pq), clear) },
	{ "PQcmdStatus", offsetof(__typeof__(pq), cmdstatus) },
	{ "PQcmdTuples", offsetof(__typeof__(pq), cmdtuples) },
	{ "PQconnectdb", offsetof(__typeof__(pq), connectdb) },
	{ "PQdb", offsetof(__typeof__(pq), db) },
	{ "PQerrorMessage", offsetof(__typeof__(pq), errormessage) },
	{ "PQexec", offsetof(__typeof__(pq), exec) },
	{ "PQexecParams", offsetof(__typeof__(pq), execparams) },
	{ "PQexecPrepared", offsetof(__typeof__(pq), execprepared) },
	{ "PQfinish", offsetof(__typeof__(pq), finish) },
	{ "PQftype", offsetof(__typeof__(pq), ftype) },
	{ "PQgetisnull", offsetof(__typeof__(pq), getisnull) },
	{ "PQgetResult", offsetof(__typeof__(pq), getresult) },
	{ "PQgetlength", offsetof(__typeof__(pq), getlength) },
	{ "PQgetvalue", offsetof(__typeof__(pq), getvalue) },
	{ "PQhost", offsetof(__typeof__(pq), host) },
	{ "PQnfields", offsetof(__typeof__(pq), nfields) },
	{ "PQntuples", offsetof(__typeof__(pq), ntuples) },
	{ "PQprepare", offsetof(__typeof__(pq), prepare) },
	{ "PQresultErrorField", offsetof(__typeof__(pq), resulterrorfield) },
	{ "PQresultStatus", offsetof(__typeof__(pq), resultstatus) },
	{ "PQsendPrepare", offsetof(__typeof__(pq), sendprepare) },
	{ "PQsendQuery", offsetof(__typeof__(pq), sendquery) },
	{ "PQserverVersion", offsetof(__typeof__(pq), serverversion) },
	{ "PQsendQueryParams", offsetof(__typeof__(pq), sendqueryparams) },
	{ "PQsetNoticeProcessor", offsetof(__typeof__(pq), setnoticeprocessor) },
	{ "PQstatus", offsetof(__typeof__(pq), status) },
	{ "PQtransactionStatus", offsetof(__typeof__(pq), transactionstatus) },
};
/* Pipeline mode (libpq 14): without it, changes run one at a time. */
static const struct {
	const char	*name;
	size_t		 off;
} pq_pipeline_syms[] = {
	{ "PQsendQueryPrepared", offsetof(__typeof__(pq), sendqueryprepared) },
	{ "PQenterPipelineMode", offsetof(__typeof__(pq), enterpipelinemode) },
	{ "PQexitPipelineMode", offsetof(__typeof__(pq), exitpipelinemode) },
	{ "PQpipelineSync", offsetof(__typeof__(pq), pipelinesync) },
};

#define PQclear	(*pq.clear)
#define PQcmdStatus	(*pq.cmdstatus)
#define PQcmdTuples	(*pq.cmdtuples)
#define PQconnectdb	(*pq.connectdb)
#define PQdb	(*pq.db)
#define PQerrorMessage	(*pq.errormessage)
#define PQexec	(*pq.exec)
#define PQexecParams	(*pq.execparams)
#define PQexecPrepared	(*pq.execprepared)
#define PQfinish	(*pq.finish)
#define PQftype	(*pq.ftype)
#define PQgetisnull	(*pq.getisnull)
#define PQgetResult	(*pq.getresult)
#define PQgetlength	(*pq.getlength)
#define PQgetvalue	(*pq.getvalue)
#define PQhost	(*pq.host)
#define PQnfields	(*pq.nfields)
#define PQntuples	(*pq.ntuples)
#define PQprepare	(*pq.prepare)
#define PQresultErrorField	(*pq.resulterrorfield)
#define PQresultStatus	(*pq.resultstatus)
#define PQsendPrepare	(*pq.sendprepare)
#define PQsendQuery	(*pq.sendquery)
#define PQserverVersion	(*pq.serverversion)
#define PQsendQueryParams	(*pq.sendqueryparams)
#define PQsendQueryPrepared	(*pq.sendqueryprepared)
#define PQenterPipelineMode	(*pq.enterpipelinemode)
#define PQexitPipelineMode	(*pq.exitpipelinemode)
#define PQpipelineSync	(*pq.pipelinesync)
#define PQsetNoticeProcessor	(*pq.setnoticeprocessor)
#define PQstatus	(*pq.status)
#define PQtransactionStatus	(*pq.transactionstatus)

/* libpq's functions, once; 0, or 69 (EX_UNAVAILABLE) said. */
static int
pq_load(void)
{
	static int	 loaded;
	void		*h, *f;
	size_t		 i;

	if (loaded)
		return 0;
	if ((h = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		warnx("PostgreSQL: %s", dlerror());
		return CS_UNAVAIL;
	}
	for (i = 0; i < sizeof(pq_syms) / sizeof(pq_syms[0]); i++) {
		if ((f = dlsym(h, pq_syms[i].name)) == NULL) {
			warnx("%s: %s", PQ_SONAME, dlerror());
			return CS_UNAVAIL;
		}
		memcpy((char *)&pq + pq_syms[i].off, &f, sizeof(f));
	}
	for (i = 0; i < sizeof(pq_pipeline_syms) / sizeof(pq_pipeline_syms[0]);
	    i++) {
		if ((f = dlsym(h, pq_pipeline_syms[i].name)) == NULL) {
			pq.enterpipelinemode = NULL;
			break;
		}
		memcpy((char *)&pq + pq_pipeline_syms[i].off, &f, sizeof(f));
	}
	loaded = 1;
	return 0;
}

#define PG_BUSY_MS	10000	/* wait this long for another writer */
#define PG_POLL_US	1000
/* The writers' lock: any constant of ours ("cs" and the desk). */
#define PG_WRITE_LOCK	"7563000001"

/* Type OIDs of the server's catalog (pg_type), as libpq reports them. */
#define OID_BOOL	16
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_TEXT	25
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_NUMERIC	1700

struct pgst {
	struct db_stmt	 pub;		/* first: what the door hands out */
	struct pgdb	*db;
	const char	*sql;
	char		*own;		/* db_prepare's copy of its SQL */
	char		 name[16];	/* prepared as; "" not yet */
	int		 nparam;
	const char	**val;		/* each $n as text, NULL for NULL */
	char		(*num)[24];	/* the text of an integer bound */
	char		*isint;
	PGresult	*res;		/* the run's rows */
	PGresult	*next;		/* a scan's next rows, read ahead */
	int		 row;		/* the current one */
	int		 nrow;
	int		 nfield;	/* res's columns */
	uint64_t	 bools;		/* those of the first 64 that are bool */
	int		 fresh;		/* planned at each run: no name */
	int		 ran;		/* run since the last reset */
	int		 ended;		/* DB_DONE said: a step runs it again */
	char		 cursor[16];	/* a scan's cursor, or "" */
	int		 open;		/* declared, not yet closed */
	unsigned	 gen;		/* the connection's gen when declared */
};
#define SCAN_ROWS	2000
/*
 * Changes sent before their answers are read: a few dozen bytes of
 * answer each, so that the server never waits on a full socket for a
 * program that is still sending.
 */
#define PIPE_MAX	256

struct pgdb {
	struct db	 pub;		/* first: what the door hands out */
	PGconn		*c;
	struct pgdb	*scan;		/* DB_SCAN: a second reader, or NULL */
	char		 where[256];	/* for messages; no password */
	int		 writable;
	struct {
		const char	*sql;	/* identity of a static SQL string */
		struct pgst	*s;
	}		 cache[128];
	int		 ncache;
	int		 nprepared;	/* names given so far */
	int		 ncursors;
	unsigned	 gen;		/* rollbacks so far: cursors lost */
	struct pgst	*scan_own;	/* the scan whose transaction is open */
	struct pgst	*ahead;		/* the scan whose next FETCH is out */
	/* Changes sent in pipeline mode, not yet answered (pg_step_later). */
	int		 npipe;
	int64_t		 expect[PIPE_MAX];	/* the rows each must change */
	int		 broke;		/* an answer was an error: the change */
					/* fails at its next statement */
	int64_t		 changes;
	int64_t		 total;
	int64_t		 began;		/* the server's clock at db_begin */
	char		 state[6];	/* the last error's SQLSTATE */
	char		 err[512];	/* and its words */
};

/*
 * What the schema's functions say (money_sum, below): the sum left
 * empty is said once on stderr, as sqlite.c says it.  Every other
 * notice is the server's business.
 */
static void
notice(void *arg, const char *msg)
{
	static int	 said;
	char		 most[32];

	(void)arg;
	if (strstr(msg, "cs: money_sum") == NULL || said++)
		return;
	money_format(MONEY_MAX, NULL, most, sizeof(most));
	warnx("a stored amount is not an amount (above %s, or negative): "
	    "its sum is left empty", most);
}

/* Keep a failed result's SQLSTATE and words for db_fail; clear it. */
static void
keep_error(struct pgdb *db, PGresult *res)
{
	const char	*s, *m;
	size_t		 n;

	s = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	m = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	strlcpy(db->state, s != NULL ? s : "", sizeof(db->state));
	if (m == NULL)
		m = PQerrorMessage(db->c);
	strlcpy(db->err, m != NULL ? m : "", sizeof(db->err));
	/* libpq's own words end in a newline. */
	n = strlen(db->err);
	while (n > 0 && db->err[n - 1] == '\n')
		db->err[--n] = '\0';
	PQclear(res);
}

/*
 * The connection, with no FETCH out and no change unanswered: a scan
 * asks for its next rows before it hands out those it has (fetch,
 * below), so that the server reads them while the program uses these;
 * whatever else is sent first takes that answer and keeps it for the
 * scan.  Changes sent in pipeline mode (pg_step_later) have their
 * answers read first.  Everything that sends or asks the connection's
 * state goes through here.
 */
static PGresult	*pipe_sync(struct pgdb *, int);

static PGconn *
conn(struct pgdb *db)
{
	struct pgst	*s = db->ahead;
	PGresult	*res;

	if (db->npipe > 0)
		(void)pipe_sync(db, 0);
	if (s == NULL)
		return db->c;
	db->ahead = NULL;
	s->next = PQgetResult(db->c);
	while ((res = PQgetResult(db->c)) != NULL)
		PQclear(res);
	return db->c;
}

/* Simple-protocol SQL, maybe several statements: 0, or -1 (kept). */
static int
run(struct pgdb *db, const char *sql)
{
	PGresult	*res;
	PGconn		*c = conn(db);
	int		 st;

	/* A change sent before failed: its words, not "aborted"'s. */
	if (db->broke)
		return -1;
	res = PQexec(c, sql);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		keep_error(db, res);
		return -1;
	}
	PQclear(res);
	return 0;
}

/* One integer from a query without parameters; -1 with *v unset. */
static int
run_int(struct pgdb *db, const char *sql, int64_t *v)
{
	PGresult	*res;
	PGconn		*c = conn(db);

	if (db->broke)
		return -1;
	res = PQexec(c, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		keep_error(db, res);
		return -1;
	}
	*v = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ?
	    strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);
	return 0;
}

/*
 * The schema's SQL as PostgreSQL takes it (schema.c writes each
 * migration once, in SQLite's words): INTEGER is BIGINT (amounts and
 * times are 64-bit); the column named user is quoted; PRAGMA and the
 * edits of sqlite_master (SQLite's own way to change a CHECK's text)
 * are SQLite's alone and left out.  A table's INTEGER PRIMARY KEY
 * takes, as in SQLite, the largest ID so far plus one when an insert
 * gives none: writers are serialised, so two never take the same, and
 * a rolled-back or refused insert leaves no gap (a sequence would).
 */
struct sbuf {
	char	*s;
	size_t	 len, cap;
	int	 fail;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	char	*p;

	if (b->fail)
		return;
	if (b->len + n + 1 > b->cap) {
		if ((p = realloc(b->s, (b->len + n + 1) * 2)) == NULL) {
			b->fail = 1;
			return;
		}
		b->s = p;
		b->cap = (b->len + n + 1) * 2;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static int
word_at(const char *p, const char *start, const char *w)
{
	size_t	 n = strlen(w);

	return strncmp(p, w, n) == 0 && (p == start ||
	    !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
	    (p[-1] >= 'A' && p[-1] <= 'Z'))) && !(p[n] == '_' ||
	    (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z'));
}

/* One statement of a migration, [s, e), translated onto b. */
static void
translate_one(struct sbuf *b, const char *s, const char *e)
{
	char		 table[64], key[16], trig[640];
	const char	*p, *q;
	char		 quote = 0;
	size_t		 n;

	while (s < e && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++;
	if (s == e || strncmp(s, "PRAGMA", 6) == 0)
		return;
	for (p = s; p + 13 <= e; p++)
		if (strncmp(p, "sqlite_master", 13) == 0)
			return;
	table[0] = key[0] = '\0';
	for (p = s; p < e; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
			sb_add(b, p, 1);
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			sb_add(b, p, 1);
			continue;
		}
		if (p + 11 <= e && word_at(p, s, "INTEGER PRIMARY KEY") &&
		    p - s < 200 && strncmp(s, "CREATE TABLE ", 13) == 0) {
			/* The table's name and its key column's. */
			q = s + 13;
			for (n = 0; q < e && *q != ' ' && *q != '(' &&
			    n + 1 < sizeof(table); q++)
				table[n++] = *q;
			table[n] = '\0';
			for (q = p; q > s && q[-1] == ' '; q--)
				;
			for (n = 0; q > s && q[-1] != ' ' && q[-1] != '(' &&
			    q[-1] != ','; q--)
				n++;
			if (n < sizeof(key)) {
				memcpy(key, q, n);
				key[n] = '\0';
			}
			sb_str(b, "BIGINT PRIMARY KEY");
			p += strlen("INTEGER PRIMARY KEY") - 1;
			continue;
		}
		if (word_at(p, s, "INTEGER")) {
			sb_str(b, "BIGINT");
			p += strlen("INTEGER") - 1;
			continue;
		}
		if (word_at(p, s, "user") && p + 9 <= e &&
		    strncmp(p, "user TEXT", 9) == 0) {
			sb_str(b, "\"user\"");
			p += 3;
			continue;
		}
		sb_add(b, p, 1);
	}
	sb_str(b, ";\n");
	if (table[0] == '\0' || key[0] == '\0')
		return;
	/* Names of ours, from the schema's own text: no input here. */
	snprintf(trig, sizeof(trig),
	    "CREATE FUNCTION cs_next_%s() RETURNS trigger LANGUAGE plpgsql"
	    " AS $$BEGIN IF NEW.%s IS NULL THEN SELECT coalesce(max(%s), 0)"
	    " + 1 INTO NEW.%s FROM %s; END IF; RETURN NEW; END$$;\n"
	    "CREATE TRIGGER %s_next BEFORE INSERT ON %s FOR EACH ROW"
	    " EXECUTE FUNCTION cs_next_%s();\n",
	    table, key, key, key, table, table, table, table);
	sb_str(b, trig);
}

static char *
translate(const char *sql)
{
	struct sbuf	 b = { NULL, 0, 0, 0 };
	const char	*p, *s = sql;
	char		 quote = 0;

	for (p = sql; *p != '\0'; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '$' && p[1] == '$') {
			/* A function body: to its end as it is. */
			if ((p = strstr(p + 2, "$$")) == NULL)
				break;
			p++;
		} else if (*p == ';') {
			translate_one(&b, s, p);
			s = p + 1;
		}
	}
	translate_one(&b, s, sql + strlen(sql));
	if (b.fail || b.s == NULL) {
		free(b.s);
		return b.fail ? NULL : strdup("");
	}
	return b.s;
}

/*
 * What the dialect needs that PostgreSQL lacks, made with the schema:
 * money_sum(amount), the sum of amounts or NULL (and a warning) when one
 * is not an amount or the sum does not fit in 64 bits, as sqlite.c's;
 * text ->> 'key', a field of JSON kept as text.  strpos and least are
 * PostgreSQL's own.
 */
static const char functions[] =
    /*
     * In PL/pgSQL, whose expressions run in place: an aggregate calls
     * a function in SQL as a query of its own, and summing each
     * order's payments so took twice as long as sum().
     */
    "CREATE OR REPLACE FUNCTION cs_money_add(numeric, bigint)"
    " RETURNS numeric LANGUAGE plpgsql IMMUTABLE STRICT AS"
    " $$BEGIN IF $1 < 0 OR $2 < 0 OR $2 > 1000000000000 THEN"
    " RETURN -1; END IF; RETURN $1 + $2; END$$;"
    "CREATE OR REPLACE FUNCTION cs_money_end(numeric) RETURNS bigint"
    " LANGUAGE plpgsql IMMUTABLE AS $$BEGIN"
    " IF $1 < 0 OR $1 > 9223372036854775807 THEN"
    " RAISE WARNING 'cs: money_sum'; RETURN NULL; END IF;"
    " RETURN $1; END$$;"
    "CREATE OR REPLACE AGGREGATE money_sum(bigint) (SFUNC = cs_money_add,"
    " STYPE = numeric, FINALFUNC = cs_money_end, INITCOND = '0');"
    /* detail ->> 'key' on the audit's JSON text, as SQLite reads it. */
    "CREATE OR REPLACE FUNCTION cs_json_field(text, text) RETURNS text"
    " LANGUAGE sql IMMUTABLE STRICT AS $$SELECT $1::json ->> $2$$;"
    "DO $$BEGIN CREATE OPERATOR ->> (LEFTARG = text, RIGHTARG = text,"
    " FUNCTION = cs_json_field); EXCEPTION WHEN duplicate_function THEN"
    " NULL; END$$;";

const char *
pg_where(const struct pgdb *db)
{
	return db->where;
}

/*
 * The schema version: a one-row table (SQLite's PRAGMA user_version).
 * Whether it exists is read from pg_tables, under the statement's own
 * snapshot, not with to_regclass(): that looks in the session's cache
 * of the catalog, which a writer that waited for the lock while
 * another made the schema has not yet refreshed in its transaction, so
 * it would find no cs_version beside the tables just committed, and
 * call the desk another program's.  Out of a transaction (a program's
 * start) no cache is behind: the table is read at once, and looked for
 * only when it is not there, a round trip and a look at the catalog
 * (a millisecond) fewer for every program.
 */
int
pg_version(struct pgdb *db)
{
	int64_t	 v;

	/*
	 * The table in the current schema, as pg_tables is asked below,
	 * not another one on the search path.
	 */
	if (PQtransactionStatus(conn(db)) == PQTRANS_IDLE && !db->broke) {
		if (run_int(db, "SELECT max(version) FROM cs_version WHERE"
		    " to_regclass(quote_ident(current_schema()) ||"
		    " '.cs_version') = 'cs_version'::regclass", &v) == 0)
			return (int)v;
		if (strcmp(db->state, "42P01") != 0)	/* undefined_table */
			return -1;
	}
	if (run_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname ="
	    " current_schema() AND tablename = 'cs_version'", &v) == -1)
		return -1;
	if (v == 0)
		return 0;
	if (run_int(db, "SELECT max(version) FROM cs_version", &v) == -1)
		return -1;
	return (int)v;
}

int
pg_set_version(struct pgdb *db, int ver)
{
	char	 sql[160];

	/* The version is a number of ours, not input. */
	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS cs_version"
	    " (version INTEGER NOT NULL); DELETE FROM cs_version;"
	    " INSERT INTO cs_version VALUES (%d)", ver);
	return run(db, sql);
}

/*
 * db_exec is the schema's: its SQL is translated first (translate()).
 */
int
pg_exec(struct pgdb *db, const char *sql)
{
	char	*t;
	int	 rc;

	if ((t = translate(sql)) == NULL) {
		strlcpy(db->err, "out of memory", sizeof(db->err));
		return -1;
	}
	rc = run(db, t);
	free(t);
	return rc;
}

const char *
pg_errmsg(struct pgdb *db)
{
	return db->err;
}

/* 1 if the database's schema holds tables of another program. */
static int
foreign(struct pgdb *db)
{
	int64_t	 n = 0;

	if (run_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname ="
	    " current_schema()", &n) == -1)
		return 0;
	return n > 0;
}

/* Connect, and set what every connection of ours runs with. */
static int
connect_one(struct pgdb *db, const char *conninfo, int mode)
{
	char	 set[256];

	db->c = PQconnectdb(conninfo);
	if (PQstatus(db->c) != CONNECTION_OK) {
		keep_error(db, NULL);
		warnx("%s: cannot connect: %s", db->where, db->err);
		return CS_UNAVAIL;
	}
	PQsetNoticeProcessor(db->c, notice, NULL);
	/*
	 * No JIT: a program runs a few statements and exits, and the SLA
	 * report's statement, costed high for its subqueries, spent 770 ms
	 * of its 830 compiling itself (a year of 22,000 tickets; 40 ms
	 * without).  A scan's cursor is read to its end: planned for all
	 * its rows, as a query is, not for the first tenth.
	 */
	snprintf(set, sizeof(set), "SET lock_timeout = %d;"
	    " SET client_min_messages = warning; SET jit = off;"
	    " SET cursor_tuple_fraction = 1;"
	    " SET default_transaction_read_only = %s",
	    PG_BUSY_MS, mode == DB_WRITE ? "off" : "on");
	if (run(db, set) == -1)
		return pg_fail(db, "connect");
	/*
	 * A program killed mid-statement leaves its server process running
	 * the statement, the writers' lock held, until it next writes to
	 * the client: 14 s for a killed export, and the next writer's 10 s
	 * ran out.  Checked each second, it stops at once.  PostgreSQL 14
	 * and later; a server older, or one whose system cannot watch for
	 * it (Windows among them), does without: sent on its own, so that
	 * its refusal is no one else's.
	 */
	if (PQserverVersion(db->c) >= 140000)
		(void)run(db, "SET client_connection_check_interval = 1000");
	return 0;
}

static struct pgdb *
new_db(void)
{
	struct pgdb	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->pub.pg = 1;
	strlcpy(db->where, "postgresql", sizeof(db->where));
	return db;
}

/* Where, for messages: the database's name and host, no password. */
static void
name_it(struct pgdb *db)
{
	const char	*h = PQhost(db->c), *d = PQdb(db->c);

	if (h != NULL && *h != '\0' && *h != '/')
		snprintf(db->where, sizeof(db->where), "postgresql://%s/%s",
		    h, d != NULL ? d : "");
	else
		snprintf(db->where, sizeof(db->where), "postgresql:%s",
		    d != NULL ? d : "");
}

int
pg_open(struct pgdb **out, const char *conninfo, int mode,
    const struct config *conf)
{
	struct pgdb	*db;
	int		 rc, ver;

	(void)conf;
	*out = NULL;
	if ((rc = pq_load()) != 0)
		return rc;
	if ((db = new_db()) == NULL) {
		warn(NULL);
		return CS_SOFTWARE;
	}
	db->writable = mode == DB_WRITE;
	if ((rc = connect_one(db, conninfo, mode)) != 0)
		goto fail;
	name_it(db);
	if ((ver = pg_version(db)) == -1) {
		rc = pg_fail(db, "schema");
		goto fail;
	}
	if (mode == DB_WRITE && ver != schema_version()) {
		if ((rc = db_begin(&db->pub)) != 0)
			goto fail;
		/* Made a desk only when empty: never another program's. */
		if (pg_version(db) == 0 && foreign(db)) {
			db_rollback(&db->pub);
			warnx("%s: not a cs database", db->where);
			rc = CS_DATAERR;
			goto fail;
		}
		if (run(db, functions) == -1) {
			warnx("%s: functions: %s", db->where, db->err);
			db_rollback(&db->pub);
			rc = CS_SOFTWARE;
			goto fail;
		}
		if ((rc = schema_migrate(&db->pub)) != 0) {
			db_rollback(&db->pub);
			goto fail;
		}
		if ((rc = db_commit(&db->pub)) != 0)
			goto fail;
		*out = db;
		return 0;
	}
	if (mode == DB_WRITE) {
		*out = db;
		return 0;
	}
	if (ver == 0) {
		if (foreign(db)) {
			warnx("%s: not a cs database", db->where);
			rc = CS_DATAERR;
		} else {
			warnx("%s: no such desk (nothing has been recorded "
			    "yet)", db->where);
			rc = CS_NOINPUT;
		}
		goto fail;
	}
	if (ver > schema_version()) {
		warnx("%s: schema version %d is newer than this cs (%d)",
		    db->where, ver, schema_version());
		rc = CS_DATAERR;
		goto fail;
	}
	if (ver < schema_version()) {
		warnx("%s: schema version %d is older than this cs (%d); "
		    "any change made with cs upgrades it", db->where, ver,
		    schema_version());
		rc = CS_DATAERR;
		goto fail;
	}
	if (mode == DB_SCAN && (db->scan = new_db()) != NULL) {
		/* Without it a report scans in one piece: no error. */
		if (connect_one(db->scan, conninfo, DB_READ) != 0) {
			pg_close(db->scan);
			db->scan = NULL;
		} else
			strlcpy(db->scan->where, db->where,
			    sizeof(db->scan->where));
	}
	*out = db;
	return 0;
fail:
	pg_close(db);
	return rc;
}

struct pgdb *
pg_scan(struct pgdb *db)
{
	return db->scan;
}

static void
free_stmt(struct pgst *s)
{
	if (s == NULL)
		return;
	if (s->db->ahead == s)
		(void)conn(s->db);
	PQclear(s->res);
	PQclear(s->next);
	free(s->val);
	free(s->num);
	free(s->isint);
	free(s->own);
	free(s);
}

/* One connection: its statements, its handle, itself. */
static void
close_one(struct pgdb *db)
{
	int	 i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		free_stmt(db->cache[i].s);
	PQfinish(db->c);
	free(db);
}

void
pg_close(struct pgdb *db)
{
	if (db == NULL)
		return;
	close_one(db->scan);
	close_one(db);
}

/*
 * The largest $n outside quotes; with used, marks each $n that appears
 * (used[n - 1]).
 */
static int
count_params(const char *sql, char *used)
{
	const char	*p;
	char		 quote = 0;
	long		 k, most = 0;

	for (p = sql; *p != '\0'; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			k = strtol(p + 1, NULL, 10);
			if (k > most)
				most = k;
			if (used != NULL && k <= INT16_MAX)
				used[k - 1] = 1;
		}
	}
	return (int)most;
}

static struct pgst *
new_stmt(struct pgdb *db, const char *sql)
{
	struct pgst	*s;
	int		 n = count_params(sql, NULL);

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->pub.pg = 1;
	s->db = db;
	s->sql = sql;
	s->nparam = n;
	if (n > 0 && ((s->val = calloc(n, sizeof(*s->val))) == NULL ||
	    (s->num = calloc(n, sizeof(*s->num))) == NULL ||
	    (s->isint = calloc(n, 1)) == NULL)) {
		free_stmt(s);
		return NULL;
	}
	return s;
}

static void	close_cursor(struct pgst *);

void
pg_reset(struct pgst *s)
{
	close_cursor(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrow = 0;
	s->ran = 0;
	s->ended = 0;
}

/*
 * 1 if sql only reads rows: SELECT, or WITH ... SELECT that changes
 * nothing (a cursor may not hold an INSERT, UPDATE or DELETE).
 */
static int
is_query(const char *sql)
{
	const char	*p;

	sql += strspn(sql, " \t\n(");
	if (strncasecmp(sql, "SELECT", 6) == 0)
		return 1;
	if (strncasecmp(sql, "WITH", 4) != 0)
		return 0;
	for (p = sql; *p != '\0'; p++)
		if (word_at(p, sql, "INSERT") || word_at(p, sql, "UPDATE") ||
		    word_at(p, sql, "DELETE"))
			return 0;
	return 1;
}

/*
 * A statement of sql; a scan (a query and scan) read by a cursor: its
 * text a DECLARE of one, named c1, c2, ... on its connection.
 */
static struct pgst *
make_stmt(struct pgdb *db, const char *sql, int scan)
{
	struct pgst	*s;
	char		*own = NULL, name[16];

	scan = scan && is_query(sql);
	snprintf(name, sizeof(name), "c%d", db->ncursors + 1);
	if (scan && asprintf(&own, "DECLARE %s NO SCROLL CURSOR WITH HOLD"
	    " FOR %s", name, sql) == -1)
		own = NULL;
	else if (!scan)
		own = strdup(sql);
	if (own == NULL || (s = new_stmt(db, own)) == NULL) {
		free(own);
		warn(NULL);
		return NULL;
	}
	s->own = own;
	if (scan) {
		strlcpy(s->cursor, name, sizeof(s->cursor));
		db->ncursors++;
	}
	return s;
}

static struct pgst *
cached(struct pgdb *db, const char *sql, int scan)
{
	struct pgst	*s;
	int		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			s = db->cache[i].s;
			pg_reset(s);
			if (s->nparam > 0)
				memset(s->val, 0, s->nparam * sizeof(*s->val));
			return s;
		}
	}
	if (db->ncache >= (int)(sizeof(db->cache) / sizeof(db->cache[0]))) {
		/* A full cache is a programming error; fail loudly. */
		warnx("statement cache full");
		return NULL;
	}
	if ((s = make_stmt(db, sql, scan)) == NULL)
		return NULL;
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache++].s = s;
	return s;
}

struct pgst *
pg_stmt(struct pgdb *db, const char *sql)
{
	return cached(db, sql, 0);
}

struct pgst *
pg_listing(struct pgdb *db, const char *sql)
{
	return cached(db, sql, 1);
}

struct pgst *
pg_stmt_fresh(struct pgdb *db, const char *sql)
{
	struct pgst	*s;

	if ((s = cached(db, sql, 0)) != NULL)
		s->fresh = 1;
	return s;
}

struct pgst *
pg_prepare(struct pgdb *db, const char *sql)
{
	return make_stmt(db, sql, 1);
}

/*
 * End the transaction a scan began for itself (its cursor closed, or
 * kept on the server by WITH HOLD for a change about to begin).
 */
static void
scan_done(struct pgdb *db, const char *how)
{
	db->scan_own = NULL;
	if (PQstatus(conn(db)) == CONNECTION_OK &&
	    PQtransactionStatus(db->c) != PQTRANS_IDLE)
		PQclear(PQexec(db->c, how));
}

/*
 * Close a scan's cursor if it is still there: not when a rollback since
 * its DECLARE may have taken it (unless in a savepoint, which tells),
 * nor in a transaction an error ended.  The last error is kept.
 */
static void
close_cursor(struct pgst *s)
{
	struct pgdb	*db = s->db;
	char		 sql[32], state[sizeof(db->state)], err[sizeof(db->err)];
	int		 ts;

	if (!s->open && db->scan_own != s)
		return;
	memcpy(state, db->state, sizeof(state));
	memcpy(err, db->err, sizeof(err));
	ts = PQstatus(conn(db)) == CONNECTION_OK ?
	    PQtransactionStatus(db->c) : PQTRANS_UNKNOWN;
	PQclear(s->next);
	s->next = NULL;
	snprintf(sql, sizeof(sql), "CLOSE %s", s->cursor);
	if (!s->open || ts == PQTRANS_INERROR || ts == PQTRANS_UNKNOWN)
		;	/* gone with the transaction */
	else if (ts == PQTRANS_INTRANS && s->gen != db->gen) {
		if (run(db, "SAVEPOINT cursor") == 0) {
			if (run(db, sql) == -1)
				(void)run(db, "ROLLBACK TO cursor");
			(void)run(db, "RELEASE cursor");
		}
	} else
		(void)run(db, sql);
	s->open = 0;
	if (db->scan_own == s)
		scan_done(db, ts == PQTRANS_INERROR ? "ROLLBACK" : "COMMIT");
	memcpy(db->state, state, sizeof(state));
	memcpy(db->err, err, sizeof(err));
}

/*
 * A statement's rows, their columns' count and which are bool kept: a
 * report reads a million rows of a dozen columns, and the four calls
 * into libpq for each value were a tenth of the program's time.
 */
static void
take_rows(struct pgst *s, PGresult *res, int nrow)
{
	int	 i;

	s->res = res;
	s->nrow = nrow;
	s->nfield = PQnfields(res);
	s->bools = 0;
	for (i = 0; i < s->nfield && i < 64; i++)
		if (PQftype(res, i) == OID_BOOL)
			s->bools |= (uint64_t)1 << i;
}

/*
 * The scan's next SCAN_ROWS rows: DB_DONE (maybe none), or an error.
 * Those after them are asked for at once, to be read while these are
 * used (conn).  The year's SLA report of a million tickets: 1,207 ms
 * before, 1,066 after.
 */
static int
fetch(struct pgst *s)
{
	struct pgdb	*db = s->db;
	PGresult	*res;
	char		 sql[48];

	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrow = 0;
	snprintf(sql, sizeof(sql), "FETCH FORWARD %d FROM %s", SCAN_ROWS,
	    s->cursor);
	if (db->ahead == s)
		(void)conn(db);
	if ((res = s->next) != NULL)
		s->next = NULL;
	else
		res = PQexec(conn(db), sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		keep_error(db, res);
		return DB_ERROR;
	}
	take_rows(s, res, PQntuples(res));
	if (s->nrow == SCAN_ROWS && PQsendQuery(conn(db), sql) == 1)
		db->ahead = s;
	return DB_DONE;
}

void
pg_finalize(struct pgst *s)
{
	char	 sql[32];

	close_cursor(s);
	if (s->name[0] != '\0' && PQstatus(conn(s->db)) == CONNECTION_OK &&
	    PQtransactionStatus(s->db->c) != PQTRANS_INERROR) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
		PQclear(PQexec(s->db->c, sql));
	}
	free_stmt(s);
}

void
pg_bind_int(struct pgst *s, int idx, int64_t v)
{
	if (idx < 1 || idx > s->nparam)
		return;
	snprintf(s->num[idx - 1], sizeof(s->num[0]), "%" PRId64, v);
	s->val[idx - 1] = s->num[idx - 1];
	s->isint[idx - 1] = 1;
}

void
pg_bind_text(struct pgst *s, int idx, const char *v)
{
	if (idx < 1 || idx > s->nparam)
		return;
	s->val[idx - 1] = v;
	s->isint[idx - 1] = 0;
}

void
pg_bind_null(struct pgst *s, int idx)
{
	pg_bind_text(s, idx, NULL);
}

/*
 * The next answer of n sent in pipeline mode, or NULL at the sync's:
 * each answer ends in a NULL (*ends counts them), the sync's ends them
 * all, and a broken connection gives NULLs alone.
 */
static PGresult *
pipe_next(PGconn *c, int *ends, int n)
{
	PGresult	*res;

	while (*ends <= n + 1) {
		if ((res = PQgetResult(c)) == NULL) {
			(*ends)++;
			continue;
		}
		if (PQresultStatus(res) != PGRES_PIPELINE_SYNC)
			return res;
		PQclear(res);
		break;
	}
	return NULL;
}

/* Leave pipeline mode: -1 when something unread makes the connection no use. */
static int
pipe_leave(PGconn *c)
{
	PGresult	*res;

	if (PQexitPipelineMode(c) == 1)
		return 0;
	while ((res = PQgetResult(c)) != NULL)
		PQclear(res);
	return PQexitPipelineMode(c) == 1 ? 0 : -1;
}

/*
 * The types s's parameters are given (used: which $n its text has): a
 * $n left out is text; an integer a bigint (intx: left to the server);
 * another value as the server infers it (nulltext: text).
 */
static void
type_params(const struct pgst *s, const char *used, Oid *t, int intx,
    int nulltext)
{
	int	 i;

	for (i = 0; i < s->nparam; i++) {
		if (!used[i])
			t[i] = OID_TEXT;
		else if (s->isint[i])
			t[i] = intx ? 0 : OID_INT8;
		else
			t[i] = nulltext ? OID_TEXT : 0;
	}
}

/* One try at preparing s, its parameters typed t: 1, or 0 (error kept). */
static int
prepare_one(struct pgdb *db, struct pgst *s, const Oid *t)
{
	PGresult	*res;

	snprintf(s->name, sizeof(s->name), "s%d", ++db->nprepared);
	res = PQprepare(conn(db), s->name, s->sql, s->nparam, t);
	if (PQresultStatus(res) == PGRES_COMMAND_OK) {
		PQclear(res);
		return 1;
	}
	keep_error(db, res);
	return 0;
}

/*
 * The first try inside a transaction, in a savepoint so that a refusal
 * leaves the transaction to try again: SAVEPOINT, the statement and
 * RELEASE sent together in pipeline mode, one round trip where they
 * were three (a refund request prepares seven statements).  1 prepared
 * and released; 0 refused, its error kept and the savepoint left to
 * roll back to; -1 nothing sent (no pipeline mode: the caller does it
 * a step at a time); -2 the savepoint itself failed (its error kept).
 */
static int
prepare_piped(struct pgdb *db, struct pgst *s, const Oid *t)
{
	PGconn		*c = db->c;
	PGresult	*res;
	int		 i, st, done[3] = { 0, 0, 0 }, kept = 0, ends = 0;

	if (pq.enterpipelinemode == NULL || PQenterPipelineMode(c) != 1)
		return -1;
	snprintf(s->name, sizeof(s->name), "s%d", ++db->nprepared);
	/* A send that fails leaves those after it unsent: all answered. */
	(void)(PQsendQueryParams(c, "SAVEPOINT prep", 0, NULL, NULL, NULL,
	    NULL, 0) == 1 && PQsendPrepare(c, s->name, s->sql, s->nparam,
	    t) == 1 && PQsendQueryParams(c, "RELEASE prep", 0, NULL, NULL,
	    NULL, NULL, 0) == 1);
	(void)PQpipelineSync(c);
	/* The three answers in turn; an error's words are kept. */
	for (i = 0; (res = pipe_next(c, &ends, 3)) != NULL; i++) {
		st = PQresultStatus(res);
		if (st == PGRES_COMMAND_OK && i < 3)
			done[i] = 1;
		else if (st == PGRES_FATAL_ERROR && !kept) {
			keep_error(db, res);
			kept = 1;
			continue;
		}
		PQclear(res);
	}
	if (pipe_leave(c) == -1) {
		/* Still in pipeline mode: nothing more goes on it. */
		done[0] = 0;
		db->broke = 1;
	}
	if (!kept && !(done[0] && done[1] && done[2]))
		keep_error(db, NULL);
	if (done[0] && done[1] && done[2])
		return 1;
	return done[0] && !done[1] ? 0 : -2;
}

/*
 * Prepare on the first run, with the types of its first bindings: an
 * integer a bigint, other values as the server infers them, a $n the
 * text leaves out (a fragment's) text.  Where the server cannot tell a
 * parameter's type ("$1 IS NULL" first) the values not integers are
 * text; where a bigint fits no function (substr(s, $1)) the integers
 * are left to it too.  Each try
 * after a refused one is inside a savepoint when a transaction is open,
 * so the refusal does not end it.  Once per statement and connection.
 */
static int
prepare(struct pgst *s)
{
	struct pgdb	*db = s->db;
	Oid		 types[64], *t = types;
	char		 used[64], *u = used;
	char		 state[sizeof(db->state)], err[sizeof(db->err)];
	int		 try, intx, nulltext, ok = 0, saved = 0, piped;

	/* After changes sent: their answers first, an error theirs. */
	(void)conn(db);
	if (db->broke)
		return -1;
	if (s->nparam > (int)(sizeof(types) / sizeof(types[0]))) {
		t = calloc(s->nparam, sizeof(*t));
		u = calloc(s->nparam, 1);
	}
	if (t == NULL || u == NULL) {
		free(t);
		free(u);
		strlcpy(db->err, "out of memory", sizeof(db->err));
		db->state[0] = '\0';
		return -1;
	}
	memset(u, 0, s->nparam);
	(void)count_params(s->sql, u);
	/*
	 * A cursor's query is planned again when it is declared, where a
	 * parameter the server left unknown no longer matches its text:
	 * its values not integers are text from the first try.
	 */
	intx = 0;
	nulltext = s->cursor[0] != '\0';
	for (try = 0; try < 3 && !ok; try++) {
		type_params(s, u, t, intx, nulltext);
		piped = -1;
		if (try == 0 && PQtransactionStatus(conn(db)) ==
		    PQTRANS_INTRANS) {
			if ((piped = prepare_piped(db, s, t)) == 1) {
				ok = 1;
				break;
			}
			if (piped == 0 || (piped == -1 &&
			    run(db, "SAVEPOINT prep") == 0))
				saved = 1;
		}
		if (piped == -1 && (ok = prepare_one(db, s, t)))
			break;
		/* The words of the first refusal are the ones to say. */
		if (try == 0) {
			memcpy(state, db->state, sizeof(state));
			memcpy(err, db->err, sizeof(err));
		}
		if (saved)
			(void)run(db, "ROLLBACK TO prep");
		else if (PQtransactionStatus(db->c) != PQTRANS_IDLE)
			break;
		if ((strcmp(db->state, "42P18") == 0 ||
		    strcmp(db->state, "42P08") == 0) && !nulltext)
			nulltext = 1;
		else if (!intx)
			intx = 1;
		else
			break;
	}
	if (saved)
		(void)run(db, "RELEASE prep");
	if (t != types) {
		free(t);
		free(u);
	}
	if (!ok) {
		memcpy(db->state, state, sizeof(state));
		memcpy(db->err, err, sizeof(err));
		s->name[0] = '\0';
		return -1;
	}
	return 0;
}

/* 1 if the command's tag names a change (SQLite's changes()). */
static int
is_change(const char *tag)
{
	return strncmp(tag, "INSERT", 6) == 0 ||
	    strncmp(tag, "UPDATE", 6) == 0 || strncmp(tag, "DELETE", 6) == 0;
}

static int
execute(struct pgst *s)
{
	struct pgdb	*db = s->db;
	PGresult	*res;
	const char	*st;
	Oid		 t[64];
	char		 used[64];
	int		 status;

	close_cursor(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrow = 0;
	s->ran = 1;
	s->ended = 0;
	/* A cursor cannot share the changes' round trip: answered first. */
	if (db->npipe > 0 && s->cursor[0] != '\0')
		(void)conn(db);
	if (db->broke)
		return DB_ERROR;
	if (s->cursor[0] != '\0' && PQtransactionStatus(conn(db)) ==
	    PQTRANS_IDLE) {
		if (run(db, "BEGIN READ ONLY") == -1)
			return DB_ERROR;
		db->scan_own = s;
	}
	if (!s->fresh && s->name[0] == '\0' && prepare(s) == -1) {
		if (db->scan_own == s)
			scan_done(db, "ROLLBACK");
		return DB_ERROR;
	}
	/*
	 * A fresh statement is sent with its text each time (unnamed:
	 * parsed and planned for the table as it is now), its parameters
	 * typed as prepare() first tries them.
	 */
	if (s->fresh) {
		if (s->nparam > (int)(sizeof(t) / sizeof(t[0]))) {
			strlcpy(db->err, "too many parameters",
			    sizeof(db->err));
			db->state[0] = '\0';
			return DB_ERROR;
		}
		memset(used, 0, sizeof(used));
		(void)count_params(s->sql, used);
		type_params(s, used, t, 0, 0);
	}
	/* After changes sent unanswered, in the same round trip. */
	if (db->npipe > 0 && s->cursor[0] == '\0' && (s->fresh ?
	    PQsendQueryParams(db->c, s->sql, s->nparam, t, s->val, NULL, NULL,
	    0) : PQsendQueryPrepared(db->c, s->name, s->nparam, s->val, NULL,
	    NULL, 0)) == 1) {
		db->expect[db->npipe++] = -1;
		res = pipe_sync(db, 1);
		if (db->broke) {
			PQclear(res);
			return DB_ERROR;
		}
	} else if (s->fresh)
		res = PQexecParams(conn(db), s->sql, s->nparam, t, s->val,
		    NULL, NULL, 0);
	else
		res = PQexecPrepared(conn(db), s->name, s->nparam, s->val,
		    NULL, NULL, 0);
	status = PQresultStatus(res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		status = st != NULL && strncmp(st, "23", 2) == 0 ?
		    DB_CONSTRAINT : DB_ERROR;
		keep_error(db, res);
		if (db->scan_own == s)
			scan_done(db, "ROLLBACK");
		return status;
	}
	if (s->cursor[0] != '\0') {
		PQclear(res);
		s->open = 1;
		s->gen = db->gen;
		return fetch(s);
	}
	if (is_change(PQcmdStatus(res))) {
		db->changes = strtoll(PQcmdTuples(res), NULL, 10);
		db->total += db->changes;
	}
	take_rows(s, res, status == PGRES_TUPLES_OK ? PQntuples(res) : 0);
	return DB_DONE;
}

/*
 * Read the answers of the changes sent in pipeline mode, and leave it.
 * The first error, or a change that changed other rows than it was to,
 * is kept (db->err) and marks the transaction broken: the statement
 * that asked for the connection fails with it (execute), and so does
 * the commit; the server has ended the transaction anyway.  last: the
 * statement sent after them is the caller's, whose answer is returned
 * (the caller clears it); else NULL.
 */
static PGresult *
pipe_sync(struct pgdb *db, int last)
{
	PGresult	*res, *out = NULL;
	int		 i = 0, nulls = 0, n = db->npipe, st;
	int64_t		 got;

	db->npipe = 0;
	if (PQpipelineSync(db->c) != 1) {
		keep_error(db, NULL);
		db->broke = 1;
	}
	while ((res = pipe_next(db->c, &nulls, n)) != NULL) {
		st = PQresultStatus(res);
		if (last && i == n - 1 && out == NULL)
			out = res;
		else if (st == PGRES_COMMAND_OK && !db->broke && i < n) {
			got = strtoll(PQcmdTuples(res), NULL, 10);
			if (got != db->expect[i]) {
				snprintf(db->err, sizeof(db->err), "a change "
				    "made %lld rows where %lld were to be",
				    (long long)got, (long long)db->expect[i]);
				db->state[0] = '\0';
				db->broke = 1;
			}
			PQclear(res);
		} else if (st != PGRES_COMMAND_OK &&
		    st != PGRES_PIPELINE_ABORTED && !db->broke) {
			keep_error(db, res);
			db->broke = 1;
		} else
			PQclear(res);
		i++;
	}
	if (pipe_leave(db->c) == -1 && !db->broke) {
		keep_error(db, NULL);
		db->broke = 1;
	}
	return out;
}

/*
 * A change whose answer can wait: inside a writing transaction it is
 * sent in pipeline mode and answered with the next statement that needs
 * the connection, a round trip for many; otherwise it runs now.  Its
 * rows are counted as expected at once (db_total_changes).
 */
int
pg_step_later(struct pgst *s, int64_t expect)
{
	struct pgdb	*db = s->db;
	int		 rc;

	if (db->broke)
		return DB_ERROR;
	if (db->began == 0 || s->cursor[0] != '\0' || !db->writable ||
	    pq.enterpipelinemode == NULL) {
		if ((rc = pg_step(s)) == DB_DONE && db->changes != expect) {
			snprintf(db->err, sizeof(db->err), "a change made %lld "
			    "rows where %lld were to be",
			    (long long)db->changes, (long long)expect);
			db->state[0] = '\0';
			rc = DB_ERROR;
		}
		pg_reset(s);
		return rc == DB_ROW ? DB_ERROR : rc;
	}
	if (db->npipe == 0 || s->name[0] == '\0') {
		/* Prepared (once) and entered with nothing else out. */
		if (s->name[0] == '\0' && prepare(s) == -1)
			return DB_ERROR;
		(void)conn(db);
		if (db->broke)
			return DB_ERROR;
		if (PQenterPipelineMode(db->c) != 1) {
			keep_error(db, NULL);
			return DB_ERROR;
		}
	}
	if (PQsendQueryPrepared(db->c, s->name, s->nparam, s->val, NULL, NULL,
	    0) != 1) {
		keep_error(db, NULL);
		db->broke = 1;
		return DB_ERROR;
	}
	db->expect[db->npipe++] = expect;
	db->changes = expect;
	db->total += expect;
	if (db->npipe == PIPE_MAX)
		(void)conn(db);
	pg_reset(s);
	return db->broke ? DB_ERROR : DB_DONE;
}

int
pg_step(struct pgst *s)
{
	int	 rc;

	/* As SQLite, a step after the end runs the statement again. */
	if (!s->ran || s->ended) {
		if ((rc = execute(s)) != DB_DONE)
			return rc;
	}
	if (s->row + 1 >= s->nrow && s->open && s->nrow == SCAN_ROWS &&
	    (rc = fetch(s)) != DB_DONE)
		return rc;
	if (s->row + 1 < s->nrow) {
		s->row++;
		return DB_ROW;
	}
	close_cursor(s);
	s->ended = 1;
	return DB_DONE;
}

int
pg_step_id(struct pgst *s, int64_t *id)
{
	int	 rc;

	if ((rc = execute(s)) == DB_DONE) {
		if (s->nrow > 0 && !PQgetisnull(s->res, 0, 0))
			*id = strtoll(PQgetvalue(s->res, 0, 0), NULL, 10);
		else {
			/* No row inserted (ON CONFLICT DO NOTHING): no ID. */
			strlcpy(s->db->err, "no row inserted",
			    sizeof(s->db->err));
			s->db->state[0] = '\0';
			rc = DB_ERROR;
		}
	}
	pg_reset(s);
	return rc;
}

/* The current row has the column (no rows: nrow 0). */
static int
in_row(struct pgst *s, int col)
{
	return s->row >= 0 && s->row < s->nrow && col >= 0 &&
	    col < s->nfield;
}

static int
is_null(struct pgst *s, int col)
{
	return !in_row(s, col) || PQgetisnull(s->res, s->row, col);
}

static int
is_bool(struct pgst *s, int col)
{
	if (col < 64)
		return (s->bools >> col & 1) != 0;
	return PQftype(s->res, col) == OID_BOOL;
}

/*
 * An integer as the server writes one: a sign and up to 18 digits read
 * here, anything longer or odder by strtoll (as SQLite, the digits
 * before a point).  strtoll's locale and checks were a quarter of the
 * year's SLA report on the client, a million rows of eleven numbers.
 */
static int64_t
decimal(const char *v)
{
	const char	*p = v + (*v == '-');
	uint64_t	 n = 0;
	int		 k;

	for (k = 0; k < 18 && *p >= '0' && *p <= '9'; k++, p++)
		n = n * 10 + (uint64_t)(*p - '0');
	if (k == 0 || (*p >= '0' && *p <= '9'))
		return strtoll(v, NULL, 10);
	return *v == '-' ? -(int64_t)n : (int64_t)n;
}

int64_t
pg_col_int(struct pgst *s, int col)
{
	const char	*v;

	/* NULL is 0, and its value "". */
	if (!in_row(s, col))
		return 0;
	v = PQgetvalue(s->res, s->row, col);
	if (is_bool(s, col))
		return *v == 't';
	return *v == '\0' ? 0 : decimal(v);
}

const char *
pg_col_text(struct pgst *s, int col)
{
	const char	*v;

	if (is_null(s, col))
		return NULL;
	v = PQgetvalue(s->res, s->row, col);
	/* A comparison reads as SQLite's 1 or 0. */
	if (is_bool(s, col))
		return *v == 't' ? "1" : "0";
	return v;
}

int
pg_col_null(struct pgst *s, int col)
{
	return is_null(s, col);
}

int
pg_col_type(struct pgst *s, int col)
{
	if (is_null(s, col))
		return DB_NULL;
	switch (PQftype(s->res, col)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return DB_INT;
	case OID_NUMERIC:
		/* A sum: whole, an integer as SQLite's would be. */
		return strchr(PQgetvalue(s->res, s->row, col), '.') == NULL ?
		    DB_INT : DB_OTHER;
	case OID_FLOAT4:
	case OID_FLOAT8:
		return DB_OTHER;
	default:
		return DB_TEXT;
	}
}

size_t
pg_col_bytes(struct pgst *s, int col)
{
	if (is_null(s, col))
		return 0;
	if (PQftype(s->res, col) == OID_BOOL)
		return 1;
	return (size_t)PQgetlength(s->res, s->row, col);
}

void
pg_cell(struct pgst *s, int col, struct out_cell *v)
{
	v->null = is_null(s, col);
	v->i = pg_col_int(s, col);
	v->s = pg_col_text(s, col);
}

int64_t
pg_changes(struct pgdb *db)
{
	return db->changes;
}

int64_t
pg_total_changes(struct pgdb *db)
{
	return db->total;
}

/*
 * BEGIN, then the writers' lock before anything is read: writers go one
 * at a time, as SQLite's BEGIN IMMEDIATE makes them.  A wait past
 * lock_timeout fails here, before anything changed.
 */
int
pg_begin(struct pgdb *db)
{
	int	 rc;

	db->broke = 0;
	if (db->scan_own != NULL)
		scan_done(db, "COMMIT");
	/* The clock as the lock is had: writers' times follow their order. */
	if (run_int(db, "BEGIN; SELECT floor(extract(epoch FROM"
	    " clock_timestamp()))::bigint FROM (SELECT pg_advisory_xact_lock("
	    PG_WRITE_LOCK ")) AS l", &db->began) == 0)
		return 0;
	rc = pg_fail(db, "BEGIN");
	pg_rollback(db);
	return rc;
}

int
pg_commit(struct pgdb *db)
{
	PGresult	*res;
	int		 rc = 0;

	(void)conn(db);
	db->began = 0;
	db->scan_own = NULL;
	if (db->broke) {
		/* A change sent before failed: the commit is a rollback. */
		rc = pg_fail(db, "COMMIT");
		pg_rollback(db);
		return rc;
	}
	res = PQexec(conn(db), "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		keep_error(db, res);
		rc = pg_fail(db, "COMMIT");
		pg_rollback(db);
		return rc;
	}
	/* A transaction an error ended commits as ROLLBACK: nothing done. */
	if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		warnx("%s: the change was rolled back after an error",
		    db->where);
		rc = CS_SOFTWARE;
	}
	PQclear(res);
	return rc;
}

void
pg_rollback(struct pgdb *db)
{
	db->began = 0;
	db->gen++;
	db->scan_own = NULL;
	if (PQtransactionStatus(conn(db)) != PQTRANS_IDLE)
		PQclear(PQexec(db->c, "ROLLBACK"));
	db->broke = 0;
}

void
pg_yield(struct pgdb *db)
{
	const struct timespec	 nap = { 0, 3 * PG_POLL_US * 1000 };

	(void)db;
	nanosleep(&nap, NULL);
}

void
pg_bulk(struct pgdb *db)
{
	/* The server checkpoints on its own schedule. */
	(void)db;
}

int
pg_in_transaction(struct pgdb *db)
{
	if (db->npipe > 0)
		return 1;	/* sent in a writing transaction */
	return PQtransactionStatus(conn(db)) != PQTRANS_IDLE;
}

int
pg_snapshot(struct pgdb *db)
{
	if (db->scan_own != NULL)
		scan_done(db, "COMMIT");
	return run(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void
pg_snapshot_end(struct pgdb *db)
{
	if (PQtransactionStatus(conn(db)) != PQTRANS_IDLE)
		PQclear(PQexec(db->c, "COMMIT"));
}

int
pg_savepoint(struct pgdb *db)
{
	return run(db, "SAVEPOINT item") == 0 ? 0 : pg_fail(db, "savepoint");
}

int
pg_release(struct pgdb *db)
{
	return run(db, "RELEASE item") == 0 ? 0 : pg_fail(db, "savepoint");
}

void
pg_rollback_item(struct pgdb *db)
{
	PGresult	*res;

	db->gen++;
	/*
	 * Changes sent unanswered are the item's (its savepoint read the
	 * answers of those before): undone with it, an error of theirs too.
	 */
	res = PQexec(conn(db), "ROLLBACK TO item; RELEASE item");
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		db->broke = 0;
	PQclear(res);
}

/* Inside a change, the time its lock was had; else the time now. */
int
pg_clock(struct pgdb *db, int64_t *now)
{
	if (PQtransactionStatus(conn(db)) == PQTRANS_INTRANS &&
	    db->began != 0) {
		*now = db->began;
		return 0;
	}
	return run_int(db, "SELECT floor(extract(epoch FROM"
	    " clock_timestamp()))::bigint", now);
}

int
pg_fail(struct pgdb *db, const char *what)
{
	const char	*st = db->state;

	if (PQstatus(conn(db)) != CONNECTION_OK || strncmp(st, "08", 2) == 0) {
		warnx("%s: %s: connection lost: %s", db->where, what, db->err);
		return CS_UNAVAIL;
	}
	/* A lock not had in time, a deadlock, a cancelled wait. */
	if (strcmp(st, "55P03") == 0 || strcmp(st, "40001") == 0 ||
	    strcmp(st, "40P01") == 0 || strcmp(st, "57014") == 0) {
		warnx("%s: database busy, try again", db->where);
		return CS_TEMPFAIL;
	}
	if (strcmp(st, "25006") == 0) {
		warnx("%s: read-only database", db->where);
		return CS_CANTCREAT;
	}
	if (strcmp(st, "53100") == 0) {
		warnx("%s: cannot write: %s", db->where, db->err);
		return CS_IOERR;
	}
	if (db->broke) {
		warnx("%s: %s: a change sent before it failed: %s", db->where,
		    what, db->err);
		return CS_SOFTWARE;
	}
	if (strcmp(st, "22003") == 0) {
		warnx("%s: %s: a sum of amounts is too large for 64 bits",
		    db->where, what);
		return CS_DATAERR;
	}
	warnx("%s: %s: %s", db->where, what, db->err);
	return CS_SOFTWARE;
}
