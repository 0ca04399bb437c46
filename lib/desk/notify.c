/*
 * notify.c: telling people, at least once.  An escalation is notified
 * (notified_at) only once the configured notify command ran for it and
 * exited 0.  Before running it, a run claims the escalation in a short
 * transaction of its own (notify_by, and notify_until, the end of the
 * claim: the command's time limit and a minute), so two sweeps never
 * both run it while a claim holds; a run killed before its command
 * finished leaves a claim that expires, and a later sweep takes it
 * over.  A failed run is counted (notify_attempts), waits a little
 * longer each time (notify_until again) and leaves its reason
 * (notify_error); after NOTIFY_ATTEMPTS it is failed, for a person to
 * see in `cs-escalate ls --unnotified'.  The command may so run twice
 * for one escalation (killed after it told, before the mark): it gets
 * CS_ESCALATION to deduplicate on and CS_ATTEMPT.  What it tells of is
 * CS_EVENT: raised (to its owner; a level 3 without an incident report
 * also to the level-2 owner who is to write it, event report), or fixed
 * (a department's escalation resolved, to the ticket's holder, who is to
 * tell the customer), or unsolved (a department's escalation not solved
 * by its solve time, to its owner again, as the ticket goes up).  The
 * cs.conf keyword `notify' names the command.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"

/* The command's time limit; a claim holds a minute longer. */
#define NOTIFY_TIMEOUT	(5 * 60)
#define NOTIFY_LEASE	(NOTIFY_TIMEOUT + 60)

/* After the nth failed attempt, the wait before the next. */
static const int64_t notify_wait[NOTIFY_ATTEMPTS] = {
	0, 0, 5 * 60, 15 * 60, 60 * 60
};

/* The next escalation after $1 to tell whose claim or wait is over. */
static const char next_sql[] =
    "SELECT id FROM escalation WHERE notified_at IS NULL AND id > $1"
    " AND notify_attempts < $2 AND coalesce(notify_until, 0) <= $3"
    " ORDER BY id LIMIT 1";
static const char claim_sql[] =
    "UPDATE escalation SET notify_by = $2, notify_until = $3,"
    " notify_attempts = notify_attempts + 1,"
    " notify_error = CASE WHEN notify_by IS NULL THEN notify_error"
    "  ELSE 'the claim of ' || notify_by || ' expired' END"
    " WHERE id = $1 AND notified_at IS NULL AND notify_attempts < $4"
    " AND coalesce(notify_until, 0) <= $5";
static const char told_sql[] =
    "UPDATE escalation SET notified_at = $2, notify_by = NULL,"
    " notify_until = NULL, notify_error = NULL"
    " WHERE id = $1 AND notified_at IS NULL";
static const char failed_sql[] =
    "UPDATE escalation SET notify_by = NULL, notify_until = $2,"
    " notify_error = $3 WHERE id = $1 AND notified_at IS NULL"
    " AND notify_by = $4";
/* A last attempt's claim that expired: failed, no claim left. */
static const char stale_sql[] =
    "UPDATE escalation SET notify_by = NULL,"
    " notify_error = 'the claim of ' || notify_by || ' expired'"
    " WHERE notified_at IS NULL AND notify_by IS NOT NULL"
    " AND notify_attempts >= $2 AND notify_until <= $1";
/* Nothing to run: what is left is told of by nobody, a chunk at a time. */
static const char none_sql[] =
    "UPDATE escalation SET notified_at = $1 WHERE id IN (SELECT id FROM"
    " escalation WHERE notified_at IS NULL ORDER BY id LIMIT 1000)";
static const char notify_sql[] =
    "SELECT e.id, e.ticket_id, e.level, e.department, e.owner, e.reason,"
    " e.due, t.subject, t.priority, e.notify_attempts,"
    " coalesce(e.notice, ''), coalesce(t.assignee, 'agent'),"
    " CASE WHEN e.level = 3 AND e.report IS NULL THEN e.report_by END,"
    " e.solve_due"
    " FROM escalation e JOIN ticket t ON t.id = e.ticket_id"
    " WHERE e.id = $1";

/*
 * Run cmd with names[i]=val[i] in its environment, at most
 * NOTIFY_TIMEOUT seconds: 0 when it exits 0, else -1 with why it failed
 * in why.
 */
static int
notify_exec(const char *cmd, const char *const *names, char (*val)[1024],
    int n, char *why, size_t len)
{
	const struct timespec	 nap = { 0, 10 * 1000 * 1000 };
	struct timespec		 t0, t;
	pid_t			 pid, got;
	int			 i, status, fd, killed = 0;

	out_flush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		snprintf(why, len, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		for (i = 0; i < n; i++)
			if (setenv(names[i], val[i], 1) == -1)
				_exit(127);
		/* Its output is not ours: stdout carries results only. */
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
		dup2(STDERR_FILENO, STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	/*
	 * Past its time limit it is stopped: a claim must not outlive
	 * its command, or another sweep would run it beside this one.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if ((got = waitpid(pid, &status, WNOHANG)) == pid)
			break;
		if (got == -1 && errno != EINTR) {
			snprintf(why, len, "wait: %s", strerror(errno));
			return -1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (killed == 0 && t.tv_sec - t0.tv_sec >= NOTIFY_TIMEOUT) {
			kill(pid, SIGTERM);
			killed = 1;
		} else if (killed == 1 &&
		    t.tv_sec - t0.tv_sec >= NOTIFY_TIMEOUT + 5) {
			kill(pid, SIGKILL);
			killed = 2;
		}
		nanosleep(&nap, NULL);
	}
	if (killed)
		snprintf(why, len, "no end after %d minutes: stopped",
		    NOTIFY_TIMEOUT / 60);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	else if (WIFEXITED(status))
		snprintf(why, len, "exit status %d", WEXITSTATUS(status));
	else
		snprintf(why, len, "killed by signal %d", WTERMSIG(status));
	return -1;
}

int
notify_run(const char *cmd, const char *const *names, char (*val)[1024],
    int n, const char *who, const char *again)
{
	char	 why[128];

	if (notify_exec(cmd, names, val, n, why, sizeof(why)) == 0)
		return 0;
	warnx("notify %s: %s; %s", who, why, again);
	return -1;
}

/* This run's name in a claim: host and process. */
static const char *
notify_me(void)
{
	static char	 me[300];
	char		 host[256];

	if (me[0] == '\0') {
		if (gethostname(host, sizeof(host)) == -1)
			strlcpy(host, "localhost", sizeof(host));
		host[sizeof(host) - 1] = '\0';
		snprintf(me, sizeof(me), "%s:%ld", host, (long)getpid());
	}
	return me;
}

/* A short change of one escalation's notification: 0 or a status. */
static int
notify_mark(struct cs *cs, const char *sql, int64_t id, int64_t t,
    const char *why)
{
	struct db_stmt	*st;
	int		 rc;

	if ((rc = cs_begin(cs)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, sql)) == NULL) {
		db_rollback(cs->db);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, t);
	if (why != NULL) {
		db_bind_text(st, 3, why);
		db_bind_text(st, 4, notify_me());
	}
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = db_fail(cs->db, "escalation");
		db_rollback(cs->db);
		return rc;
	}
	return db_commit(cs->db);
}

/*
 * Claim escalation id, run the command, mark it told or failed.  0 (told,
 * or not this run's to tell), CS_PARTIAL (the command failed, reported),
 * or the status of a database error.
 */
static int
notify_one(struct cs *cs, int64_t id)
{
	static const char *const names[] = {
		"CS_ESCALATION", "CS_TICKET", "CS_LEVEL", "CS_DEPARTMENT",
		"CS_OWNER", "CS_REASON", "CS_DUE", "CS_SUBJECT", "CS_PRIORITY",
		"CS_ATTEMPT", "CS_EVENT",
	};
	struct db_stmt	*st;
	char		 val[11][1024], why[128], again[128], when[64];
	char		 holder[128], report_by[128];
	int64_t		 attempt, wait;
	int64_t		 solve_due;
	int		 i, rc, fixed, unsolved, failed;

	if ((rc = cs_begin(cs)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, claim_sql)) == NULL) {
		db_rollback(cs->db);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, notify_me());
	db_bind_int(st, 3, cs->now + NOTIFY_LEASE);
	db_bind_int(st, 4, NOTIFY_ATTEMPTS);
	db_bind_int(st, 5, cs->now);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = db_fail(cs->db, "escalation");
		db_rollback(cs->db);
		return rc;
	}
	/* Told already, or claimed by another run meanwhile. */
	if (db_changes(cs->db) != 1) {
		db_rollback(cs->db);
		return 0;
	}
	if ((st = db_stmt(cs->db, notify_sql)) == NULL) {
		db_rollback(cs->db);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		rc = db_fail(cs->db, "escalation");
		db_rollback(cs->db);
		return rc;
	}
	id_format(ID_ESCALATION, db_col_int(st, 0), val[0], sizeof(val[0]));
	id_format(ID_TICKET, db_col_int(st, 1), val[1], sizeof(val[1]));
	for (i = 2; i < 9; i++) {
		const char	*s = db_col_text(st, i);

		if (i == 6)
			clock_format_iso(db_col_int(st, i), val[i],
			    sizeof(val[i]));
		else
			strlcpy(val[i], s ? s : "", sizeof(val[i]));
	}
	attempt = db_col_int(st, 9);
	snprintf(val[9], sizeof(val[9]), "%lld", (long long)attempt);
	fixed = strcmp(db_col_text(st, 10), "fixed") == 0;
	unsolved = strcmp(db_col_text(st, 10), "unsolved") == 0;
	solve_due = db_col_int(st, 13);
	strlcpy(holder, db_col_text(st, 11), sizeof(holder));
	strlcpy(report_by, db_col_null(st, 12) ? "" : db_col_text(st, 12),
	    sizeof(report_by));
	db_reset(st);
	strlcpy(val[10], "raised", sizeof(val[10]));
	if (fixed) {
		/* The fix goes to whoever holds the ticket. */
		strlcpy(val[10], "fixed", sizeof(val[10]));
		strlcpy(val[4], holder, sizeof(val[4]));
		strlcpy(val[5], val[3], sizeof(val[5]));
		strlcat(val[5], " fixed it: tell the customer",
		    sizeof(val[5]));
	}
	if (unsolved) {
		/* To its owner again: the ticket went up without it. */
		strlcpy(val[10], "unsolved", sizeof(val[10]));
		clock_format_iso(solve_due, val[6], sizeof(val[6]));
		strlcpy(val[5], val[0], sizeof(val[5]));
		strlcat(val[5], " not solved by its solve time: ",
		    sizeof(val[5]));
		strlcat(val[5], val[1], sizeof(val[5]));
		strlcat(val[5], " went up the ladder", sizeof(val[5]));
	}
	/* The claim is committed before the command runs. */
	if ((rc = db_commit(cs->db)) != 0)
		return rc;
	failed = notify_exec(cs->rules.notify, names, val, 11, why,
	    sizeof(why));
	if (failed == 0 && !fixed && !unsolved && *report_by != '\0') {
		/* Level 3 without the report: who is to write it hears. */
		strlcpy(val[10], "report", sizeof(val[10]));
		strlcpy(val[4], report_by, sizeof(val[4]));
		strlcpy(val[5], "write the incident report (事故报告): "
		    "cs-escalate report ", sizeof(val[5]));
		strlcat(val[5], val[0], sizeof(val[5]));
		failed = notify_exec(cs->rules.notify, names, val, 11, why,
		    sizeof(why));
	}
	if (failed == 0)
		return notify_mark(cs, told_sql, id, cs->now, NULL);
	wait = attempt < NOTIFY_ATTEMPTS ? notify_wait[attempt] : 0;
	if (attempt >= NOTIFY_ATTEMPTS)
		snprintf(again, sizeof(again), "attempt %lld of %d: given up "
		    "(cs-escalate ls --unnotified)", (long long)attempt,
		    NOTIFY_ATTEMPTS);
	else if (wait == 0)
		strlcpy(again, "the next sweep tries again", sizeof(again));
	else {
		clock_format_local(cs->now + wait, when, sizeof(when));
		snprintf(again, sizeof(again), "a sweep from %s tries again",
		    when);
	}
	warnx("notify %s: %s; %s", val[0], why, again);
	if ((rc = notify_mark(cs, failed_sql, id, cs->now + wait, why)) != 0)
		return rc;
	return CS_PARTIAL;
}

int
escalation_notify_made(struct cs *cs, int64_t *made, size_t n)
{
	size_t	 i;
	int	 rc, failed = 0;

	if (n == 0 || cs->rules.notify == NULL)
		return 0;
	out_flush(stdout);
	for (i = 0; i < n; i++) {
		if ((rc = notify_one(cs, made[i])) == CS_PARTIAL)
			failed = 1;
		else if (rc != 0)
			return rc;
	}
	return failed ? CS_PARTIAL : 0;
}

int
escalation_notify_pending(struct cs *cs)
{
	struct db_stmt	*st;
	int64_t		 id = 0;
	int		 rc, more, failed = 0;

	if (cs->rules.notify == NULL) {
		do {
			if ((rc = cs_begin(cs)) != 0)
				return rc;
			if ((st = db_stmt(cs->db, none_sql)) == NULL) {
				db_rollback(cs->db);
				return CS_SOFTWARE;
			}
			db_bind_int(st, 1, cs->now);
			rc = db_step(st);
			db_reset(st);
			if (rc != DB_DONE) {
				rc = db_fail(cs->db, "escalation");
				db_rollback(cs->db);
				return rc;
			}
			more = db_changes(cs->db) == 1000;
			if ((rc = db_commit(cs->db)) != 0)
				return rc;
			if (more)
				db_yield(cs->db);
		} while (more);
		return 0;
	}
	if ((rc = cs_begin(cs)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, stale_sql)) == NULL) {
		db_rollback(cs->db);
		return CS_SOFTWARE;
	}
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, NOTIFY_ATTEMPTS);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = db_fail(cs->db, "escalation");
		db_rollback(cs->db);
		return rc;
	}
	if ((rc = db_commit(cs->db)) != 0)
		return rc;
	for (;;) {
		if ((st = db_stmt(cs->db, next_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, NOTIFY_ATTEMPTS);
		db_bind_int(st, 3, cs->now);
		rc = db_step(st);
		if (rc == DB_ROW)
			id = db_col_int(st, 0);
		db_reset(st);
		if (rc == DB_DONE)
			break;
		if (rc != DB_ROW)
			return db_fail(cs->db, "escalation");
		if ((rc = notify_one(cs, id)) == CS_PARTIAL)
			failed = 1;
		else if (rc != 0)
			return rc;
	}
	return failed ? CS_PARTIAL : 0;
}

/* ---- the notify command in cs.conf ---- */

static int
kw_notify(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	char		 buf[1024];

	if (argc < 2) {
		conf_err(p, "usage: notify COMMAND [ARG...]");
		return CS_CONFIG;
	}
	conf_join(argv, argc, 1, buf, sizeof(buf));
	if (strcmp(buf, "none") == 0) {
		free(c->notify);
		c->notify = NULL;
	} else
		conf_str(&c->notify, buf);
	return 0;
}

static const struct conf_keyword notify_keywords[] = {
	{ "notify",		kw_notify },
	{ NULL,			NULL },
};

static void
notify_print(const struct rules *c, FILE *fp)
{
	fprintf(fp, "notify %s\n", c->notify ? c->notify : "none");
}

static void
notify_free(struct rules *c)
{
	free(c->notify);
}

const struct rule_conf notify_conf = {
	notify_keywords, NULL, notify_print, notify_free
};
