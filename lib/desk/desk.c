/*
 * cs.c: what every program does around its subcommand: load the
 * configuration, read the clock, learn who is acting, open the database
 * once, handle the common options.
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"

/*
 * The iterators' resolver: an order by O-id or ref:, a customer by
 * C-id, phone or tel:, looked up in the open database.
 */
static int
resolve_name(void *ctx, int type, const char *word, int64_t *id,
    const char **msg)
{
	struct cs	*cs = ctx;
	int64_t		 customer;
	int		 rc;

	/* An order's ID is read as any other: the change checks it. */
	if (!cs->opened || (type == ID_ORDER && strncmp(word, "ref:", 4) != 0))
		return -1;
	cs->err[0] = '\0';
	rc = type == ID_ORDER ? order_find(cs, word, id, &customer) :
	    customer_find(cs, word, NULL, id);
	*msg = cs->err;
	return rc;
}

int
cs_stale(struct cs *cs, int64_t t)
{
	static int64_t	 said = INT64_MIN;
	int		 n;

	n = cal_stale(&cs->rules, t, said == t ? NULL : getprogname());
	said = t;
	return n;
}

int
cs_init(struct cs *cs)
{
	const char	*errstr;
	int		 rc;

	/*
	 * Setgid, files named on the command line are the user's own
	 * business: read them, and the database, as the user.
	 */
	if ((rc = priv_init()) != 0)
		return rc;
	if ((cs->confopt != NULL || cs->dbopt != NULL) &&
	    (rc = priv_drop()) != 0)
		return rc;
	if ((rc = rules_load(&cs->conf, &cs->rules, cs->confopt)) != 0)
		return rc;
	clock_tzset(cs->conf.timezone);
	if (clock_now(&cs->now, &errstr) == -1) {
		warnx("CS_NOW=%s: %s", secure_getenv("CS_NOW"), errstr);
		return CS_USAGE;
	}
	/*
	 * CS_NOW is a report's "as of" anywhere, but stamps a change only
	 * where the configuration says `clock-env yes': elsewhere changes
	 * go by the real clock, which the trail's times follow.
	 */
	cs->stamp = cs->now;
	cs->stamp_real = cs->conf.clock_env == CLOCK_REAL ||
	    secure_getenv("CS_NOW") == NULL;
	if (cs->stamp_real)
		cs->stamp = (int64_t)time(NULL);
	/*
	 * A calendar past its last year of holidays would count the next
	 * Spring Festival as working time: say so, once a run.  Deadlines
	 * are set by the clock changes are stamped by.
	 */
	(void)cs_stale(cs, cs->stamp);
	id_resolver("CO", resolve_name, cs);
	return agent_init(&cs->actor, &cs->conf);
}

int
cs_open(struct cs *cs, int mode)
{
	char	 path[1024];
	int64_t	 t;
	int	 rc;

	if (cs->opened)
		return 0;
	/*
	 * A writer's changes are audited under the login name: looked up
	 * now, not under the write lock (a directory service can be slow).
	 */
	if (mode == DB_WRITE)
		(void)agent_user(&cs->actor);
	if ((rc = db_path(cs->dbopt, &cs->conf, cs->report && mode != DB_WRITE,
	    path, sizeof(path))) != 0)
		return rc;
	/*
	 * A writer that only acts on what is there (the cron sweep) makes
	 * no empty desk of a wrong path: it says so, as a reader does.
	 */
	if (cs->existing && !db_is_pg(path) && access(path, F_OK) == -1 &&
	    errno == ENOENT) {
		warnx("%s: no such database (nothing has been recorded yet)",
		    path);
		return CS_NOINPUT;
	}
	/* The desk's group only while the files are opened. */
	if ((rc = priv_raise()) != 0)
		return rc;
	rc = db_open(&cs->db, path, mode, &cs->conf);
	if (priv_drop() != 0) {
		if (rc == 0)
			db_close(cs->db);
		return CS_SOFTWARE;
	}
	if (rc != 0)
		return rc;
	cs->opened = 1;
	cs->writer = mode == DB_WRITE;
	/*
	 * A database server's clock (PostgreSQL) is the desk's: agents'
	 * machines may drift, the trail's times may not.  CS_NOW, where
	 * allowed, still replaces it.
	 */
	if (cs->stamp_real && db_clock(cs->db, &t) == 0) {
		if (cs->now == cs->stamp)
			cs->now = t;
		cs->stamp = t;
	}
	return 0;
}

int
cs_copy(struct cs *cs, const char *dest, FILE *fp)
{
	struct db	*to;
	int64_t		 bad;
	char		 last[65], q[256];
	int		 rc;

	if (!db_is_pg(dest)) {
		warnx("copy: %s: not a PostgreSQL database (a postgresql:// "
		    "URI or a libpq key=value string)",
		    diag_quote(dest, q, sizeof(q)));
		return CS_USAGE;
	}
	if ((rc = agent_require(&cs->actor, ROLE_ADMIN, "copy")) != 0)
		return rc;
	if ((rc = db_open(&to, dest, DB_WRITE, &cs->conf)) != 0)
		return rc;
	if ((rc = db_copy(cs->db, to, fp)) == 0) {
		if ((rc = audit_verify(to, &bad, last)) == CS_DATAERR)
			warnx("copy: the copy's audit chain is broken at "
			    "record %lld", (long long)bad);
		else if (rc == 0)
			fprintf(fp, "audit: %d records, chain intact, last "
			    "%s\n", audit_count(to), last);
	}
	db_close(to);
	return rc;
}

void
cs_done(struct cs *cs)
{
	if (cs->opened)
		db_close(cs->db);
	cs->opened = 0;
	rules_free(&cs->rules);
	config_free(&cs->conf);
}

/*
 * A reader has nothing to write back: its files, locks and memory go
 * with the process, as they would if it were killed, which SQLite is
 * made for.  Closing it first freed every statement and the schema one
 * by one, a twentieth of a lookup.  A writer closes, and so checkpoints
 * its WAL; a reader on a server says goodbye (db_exit).
 */
void
cs_exit(struct cs *cs)
{
	if (cs->opened && !cs->writer) {
		db_exit(cs->db);
		cs->opened = 0;
	}
	cs_done(cs);
}

int
cs_option(struct cs *cs, int ch, const char *arg)
{
	int	 mode;

	switch (ch) {
	case 'c':
		cs->confopt = arg;
		break;
	case 'd':
		cs->dbopt = arg;
		break;
	case 'H':
		cs->out.header = 1;
		break;
	case 'j':
		cs->out.mode = OUT_JSON;
		break;
	case 'M':
		if ((mode = out_mode_parse(arg)) == -1) {
			warnx("-M %s: unknown mode; one of: table tsv csv "
			    "excel json", arg);
			return 0;
		}
		cs->out.mode = mode;
		break;
	case 'o':
		cs->out.fields = arg;
		break;
	case 'q':
		cs->quiet = 1;
		break;
	case 'U':
		cs->out.unmask = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

int
word_index(const char *const *list, const char *word)
{
	int	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

void
cs_print_id(struct cs *cs, int type, int64_t id)
{
	char	 buf[32];

	if (cs->quiet)
		return;
	id_format(type, id, buf, sizeof(buf));
	puts(buf);
}

int
(cs_error)(struct cs *cs, int status, const char *fmt, ...)
{
	va_list	 ap;

	/*
	 * Busy, read-only, full: db_fail said so of the database, in the
	 * one line a storage failure gets; the record adds nothing.
	 */
	if (status == CS_TEMPFAIL || status == CS_CANTCREAT ||
	    status == CS_IOERR) {
		cs->err[0] = '\0';
		return status;
	}
	va_start(ap, fmt);
	vsnprintf(cs->err, sizeof(cs->err), fmt, ap);
	va_end(ap);
	return status;
}

int
cs_begin(struct cs *cs)
{
	int64_t	 t;
	int	 rc;

	if ((rc = db_begin(cs->db)) != 0)
		return rc;
	/*
	 * The real clock is read again once the change holds the lock:
	 * a writer that waited for another is stamped after it, so the
	 * trail's times follow the order of the changes.  A command that
	 * reads "as of" CS_NOW keeps its now; its stamp moves.
	 */
	if (cs->stamp_real) {
		/* PostgreSQL's server is the one clock of every host. */
		if (db_clock(cs->db, &t) == -1)
			t = (int64_t)time(NULL);
		if (cs->now == cs->stamp)
			cs->now = t;
		cs->stamp = t;
	}
	return 0;
}

int
cs_end(struct cs *cs, int rc)
{
	if (rc == 0)
		return db_commit(cs->db);
	db_rollback(cs->db);
	if (cs->err[0] != '\0')
		warnx("%s", cs->err);
	return rc;
}

int
cs_apply(struct cs *cs, int type, int64_t id, change_fn *fn, void *arg)
{
	int	 rc;

	if ((rc = cs_open(cs, DB_WRITE)) != 0)
		return rc;
	if ((rc = cs_begin(cs)) != 0)
		return rc;
	cs->err[0] = '\0';
	cs->made_type = 0;
	if ((rc = cs_end(cs, fn(cs, id, arg))) != 0)
		return rc;
	if (cs->made_type != 0)
		cs_print_id(cs, cs->made_type, cs->made);
	else
		cs_print_id(cs, type, id);
	return 0;
}

int
cs_unmask(struct cs *cs, const char *what)
{
	int		 rc;

	if (!cs->out.unmask)
		return 0;
	if ((rc = agent_require(&cs->actor, cs->conf.unmask_roles,
	    "--unmask")) != 0)
		return rc;
	/* Open to write: the record comes after the command has read. */
	if ((rc = cs_open(cs, DB_WRITE)) != 0)
		return rc;
	if (cs->unmasked[0] != '\0')
		return 0;
	if ((rc = out_hold()) != 0)
		return rc;
	strlcpy(cs->unmasked, what, sizeof(cs->unmasked));
	return 0;
}

/* "C1,C7,...": the first IDs out_revealed keeps. */
static void
reveal_list(const struct out_reveal *r, int set, char *buf, size_t len)
{
	size_t	 i;

	buf[0] = '\0';
	for (i = 0; i < r->n[set] && i < OUT_REVEAL_FIRST; i++) {
		if (i > 0)
			strlcat(buf, ",", len);
		strlcat(buf, r->first[set][i], len);
	}
}

int
cs_unmask_done(struct cs *cs)
{
	static const char *const kinds[] = {
		"phone", "idcard", "name", "email", "text"
	};
	struct out_reveal r;
	struct jbuf	 j;
	char		 buf[OUT_REVEAL_FIRST * 24];
	size_t		 i;
	int		 rc;

	if (cs->unmasked[0] == '\0')
		return 0;
	if (!out_revealed(&r))
		return out_release(0);
	jbuf_init(&j);
	jbuf_str(&j, "command", cs->unmasked);
	buf[0] = '\0';
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (r.kinds & (1 << i)) {
			if (buf[0] != '\0')
				strlcat(buf, ",", sizeof(buf));
			strlcat(buf, kinds[i], sizeof(buf));
		}
	jbuf_str(&j, "shown", buf);
	/* A count and the first few: one bounded record for any listing. */
	jbuf_int(&j, "customers", (int64_t)r.n[0]);
	reveal_list(&r, 0, buf, sizeof(buf));
	if (buf[0] != '\0')
		jbuf_str(&j, "customer_ids", buf);
	jbuf_int(&j, "records", (int64_t)r.n[1]);
	reveal_list(&r, 1, buf, sizeof(buf));
	if (buf[0] != '\0')
		jbuf_str(&j, "record_ids", buf);
	cs->err[0] = '\0';
	if ((rc = cs_begin(cs)) == 0) {
		/* Stamped by the clock changes go by, not an "as of". */
		rc = cs_trail(cs, cs->stamp, "data.unmask", "-", jbuf_end(&j));
		rc = cs_end(cs, rc);
	}
	jbuf_free(&j);
	/* Nothing is shown whole without its record. */
	if (rc != 0) {
		out_release(1);
		return rc;
	}
	return out_release(0);
}

int
cs_read_text(const char *what, char **out)
{
	char	*buf;
	size_t	 n;

	if (cs_stdin_closed())
		return CS_NOINPUT;
	if ((buf = malloc(CS_TEXT_MAX + 2)) == NULL)
		err(CS_SOFTWARE, NULL);
	n = fread(buf, 1, CS_TEXT_MAX + 2, stdin);
	if (ferror(stdin)) {
		warn("stdin");
		free(buf);
		return CS_NOINPUT;
	}
	/* Allow for the one newline that ends the text. */
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n > CS_TEXT_MAX) {
		warnx("stdin: %s longer than %d bytes", what, CS_TEXT_MAX);
		free(buf);
		return CS_DATAERR;
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		warnx("stdin: NUL byte in %s", what);
		free(buf);
		return CS_DATAERR;
	}
	if (!utf8_valid(buf, n)) {
		warnx("stdin: invalid UTF-8 in %s", what);
		free(buf);
		return CS_DATAERR;
	}
	*out = buf;
	return 0;
}

void
cs_words_add(char *buf, size_t len, const char *word)
{
	if (*buf != '\0')
		strlcat(buf, ", ", len);
	strlcat(buf, word, len);
}

/* The desk changed it: the trail holds such a change of the record. */
static const char changed_here_sql[] = "SELECT count(*) FROM audit"
    " WHERE record = $1 AND action = $2 AND detail ->> $3 IS NOT NULL";

int
cs_fields_said(struct cs *cs, int type, int64_t id,
    const struct cs_field *f, size_t n, unsigned differ, char *buf,
    size_t len)
{
	struct db_stmt	*st;
	char		 rec[32];
	size_t		 i;
	int64_t		 k;
	int		 rc;

	*buf = '\0';
	id_format(type, id, rec, sizeof(rec));
	for (i = 0; i < n; i++) {
		if (!(differ & 1u << i))
			continue;
		if (f[i].action != NULL) {
			if ((st = db_stmt(cs->db, changed_here_sql)) == NULL)
				return cs_error(cs, CS_SOFTWARE,
				    "database error");
			db_bind_text(st, 1, rec);
			db_bind_text(st, 2, f[i].action);
			db_bind_text(st, 3, f[i].key);
			rc = db_step(st);
			k = rc == DB_ROW ? db_col_int(st, 0) : 0;
			db_reset(st);
			if (rc != DB_ROW)
				return cs_error(cs, db_fail(cs->db, "audit"),
				    "%s: cannot read its trail", rec);
			if (k > 0)
				continue;
		}
		cs_words_add(buf, len, f[i].name);
	}
	return 0;
}

int
cs_name_ok(const char *s)
{
	size_t	 n;

	/* Not "." or "..", nor an option: such names reach file names. */
	if (*s == '.' || *s == '-')
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '.' || s[n] == '_' || s[n] == '-'))
			return 0;
	return n > 0 && n < 64;
}

static int	trail(struct cs *, int64_t, const char *, const char *,
		    const char *, struct db_stmt *);

int
cs_audit(struct cs *cs, int type, int64_t id, const char *action,
    struct jbuf *j)
{
	char	 rec[32];
	int	 rc;

	id_format(type, id, rec, sizeof(rec));
	rc = cs_trail(cs, cs->now, action, rec, jbuf_end(j));
	jbuf_free(j);
	return rc;
}

int
cs_audit_row(struct cs *cs, int type, int64_t id, const char *action,
    struct jbuf *j, struct db_stmt *row)
{
	char	 rec[32];
	int	 rc;

	id_format(type, id, rec, sizeof(rec));
	rc = trail(cs, cs->now, action, rec, jbuf_end(j), row);
	jbuf_free(j);
	return rc;
}

int
cs_move(struct cs *cs, const char *sel, const char *upd, int type,
    const char *action, int64_t from, int64_t into, char **moved)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	int64_t		*v = NULL;
	size_t		 n = 0, i, len = 0;
	char		 rec[32];
	FILE		*fp = NULL;
	int		 rc;

	*moved = NULL;
	/* Read first: the rows change under the statement otherwise. */
	if ((rc = db_ids(cs->db, sel, from, &v, &n)) != 0)
		return cs_error(cs, rc, "T%lld: cannot read its %ss",
		    (long long)from, id_type_name(type));
	for (rc = 0, i = 0; i < n && rc == 0; i++) {
		if ((st = db_stmt(cs->db, upd)) == NULL) {
			rc = cs_error(cs, CS_SOFTWARE, "database error");
			break;
		}
		db_bind_int(st, 1, into);
		db_bind_int(st, 2, cs->now);
		db_bind_int(st, 3, v[i]);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			rc = cs_error(cs, db_fail(cs->db, "merge"), "%c%lld: "
			    "cannot move it", type, (long long)v[i]);
			break;
		}
		jbuf_init(&j);
		id_format(ID_TICKET, from, rec, sizeof(rec));
		jbuf_str(&j, "from", rec);
		id_format(ID_TICKET, into, rec, sizeof(rec));
		jbuf_str(&j, "into", rec);
		if ((rc = cs_audit(cs, type, v[i], action, &j)) != 0)
			break;
		if (fp == NULL && (fp = open_memstream(moved, &len)) == NULL)
			err(CS_SOFTWARE, "open_memstream");
		id_format(type, v[i], rec, sizeof(rec));
		fprintf(fp, "%s%s", i > 0 ? "," : "", rec);
	}
	free(v);
	if (fp != NULL && fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	if (rc != 0) {
		free(*moved);
		*moved = NULL;
	}
	return rc;
}

int
cs_trail(struct cs *cs, int64_t when, const char *action, const char *rec,
    const char *detail)
{
	return trail(cs, when, action, rec, detail, NULL);
}

static int
trail(struct cs *cs, int64_t when, const char *action, const char *rec,
    const char *detail, struct db_stmt *row)
{
	char	 now[64], at[64];
	int64_t	 seq, t;
	int	 rc;

	/*
	 * The trail's times never go back: a change stamped before the
	 * last record (a clock set back, a CS_NOW from the past) would
	 * say it happened before what it follows.  Nor does a CS_NOW far
	 * ahead of the real clock stamp one: every later change would be
	 * refused until that day came.
	 */
	if (cs->conf.clock_env == CLOCK_ENV &&
	    when > (int64_t)time(NULL) + 86400) {
		clock_format_local(when, now, sizeof(now));
		clock_format_local((int64_t)time(NULL), at, sizeof(at));
		return cs_error(cs, CS_DATAERR, "CS_NOW %s: more than a day "
		    "after the real clock (%s): a change cannot be stamped in "
		    "the future", now, at);
	}
	if (cs->conf.clock_env != CLOCK_REPLAY) {
		if ((rc = audit_clock(cs->db, &seq, &t)) != 0)
			return cs_error(cs, rc, "%s: audit failed", rec);
		if (when < t) {
			clock_format_local(when, now, sizeof(now));
			clock_format_local(t, at, sizeof(at));
			return cs_error(cs, CS_DATAERR, "the clock says %s, "
			    "before audit record %lld (%s): the trail's times "
			    "do not go back", now, (long long)seq, at);
		}
	}
	if ((rc = audit_append_row(cs->db, &cs->actor, when, action, rec,
	    detail, row)) != 0)
		return cs_error(cs, rc, "%s: audit failed", rec);
	return 0;
}

int
cs_time_ok(struct cs *cs, const char *what, int64_t t, int64_t ahead)
{
	char	 a[64], b[64];

	if (t <= cs->now + ahead)
		return 0;
	clock_format_local(t, a, sizeof(a));
	clock_format_local(cs->now, b, sizeof(b));
	if (ahead == 0)
		return cs_error(cs, CS_DATAERR, "%s %s: in the future (now "
		    "is %s)", what, a, b);
	return cs_error(cs, CS_DATAERR, "%s %s: more than a year after now "
	    "(%s)", what, a, b);
}

int
cs_rows(struct cs *cs, struct db_stmt *st, struct out *o, int ncols,
    const char *what)
{
	struct out_cell	 cells[TSV_MAXFIELDS];
	char		 rec[32];
	int		 rc, orc = 0;

	if (ncols > TSV_MAXFIELDS) {
		db_reset(st);
		return CS_SOFTWARE;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, ncols);
		/* The customer's name masked in the record's free text. */
		if (out_row_record(o, cells, rec, sizeof(rec)) &&
		    (orc = customer_of(cs, rec)) != 0)
			break;
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, what);
	db_reset(st);
	return orc;
}

int
cs_get(struct cs *cs, const char *sql, int type, int64_t id,
    struct db_stmt **out)
{
	struct db_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		*out = st;
		return 0;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return cs_error(cs, CS_NOINPUT, "%c%lld: no such %s", type,
		    (long long)id, id_type_name(type));
	return cs_error(cs, db_fail(cs->db, id_type_name(type)),
	    "%c%lld: cannot read", type, (long long)id);
}

int
cs_show_get(struct cs *cs, const char *sql, int type, int64_t id,
    struct db_stmt **st)
{
	int	 rc;

	cs->err[0] = '\0';
	if ((rc = cs_get(cs, sql, type, id, st)) != 0 && cs->err[0] != '\0')
		warnx("%s", cs->err);
	return rc;
}

int
cs_period_ok(struct cs *cs, int has_since, int64_t since, int has_until,
    int64_t until)
{
	if (has_since && has_until && until <= since)
		return cs_error(cs, CS_USAGE, "the period is empty: -u is not "
		    "after -S");
	return 0;
}

int
cs_key_check(struct cs *cs, const char *key)
{
	size_t	 n = strlen(key);

	if (n >= 128 || !utf8_valid(key, n) || strpbrk(key, " \t\n\r") != NULL)
		return cs_error(cs, CS_DATAERR, "key \"%s\": one word of at "
		    "most 127 bytes", key);
	return 0;
}

int
cs_key_find(struct cs *cs, const char *sql, const char *key,
    const char *what, struct db_stmt **out)
{
	struct db_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, key);
	if ((rc = db_step(st)) == DB_ROW) {
		*out = st;
		return 0;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return CS_NOINPUT;
	return cs_error(cs, db_fail(cs->db, what), "key lookup");
}
