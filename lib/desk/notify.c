/*
 * notify.c: telling people.  The escalations raised are claimed (marked
 * notified) inside the transaction that raised them; after its commit
 * the configured notify command runs once for each, with the escalation
 * in its environment, and a failed run gives its claim back for the next
 * sweep.  The cs.conf keyword `notify' names the command.
 */
#include <sys/wait.h>

#include <err.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk.h"

static const char claim_sql[] =
    "SELECT id FROM escalation WHERE notified_at IS NULL ORDER BY id";
static const char claimed_sql[] =
    "UPDATE escalation SET notified_at = $1 WHERE id = $2";
static const char unclaim_sql[] =
    "UPDATE escalation SET notified_at = NULL WHERE id = $1";
static const char notify_sql[] =
    "SELECT e.id, e.ticket_id, e.level, e.department, e.owner, e.reason,"
    " e.due, t.subject, t.priority FROM escalation e"
    " JOIN ticket t ON t.id = e.ticket_id WHERE e.id = $1";

int
escalation_claim(struct cs *cs, int64_t **ids, size_t *n)
{
	struct db_stmt	*st, *up;
	size_t		 cap = 0;
	int64_t		*p;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = db_stmt(cs->db, claim_sql)) == NULL ||
	    (up = db_stmt(cs->db, claimed_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((p = reallocarray(*ids, cap, sizeof(*p))) == NULL)
				err(CS_SOFTWARE, NULL);
			*ids = p;
		}
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "escalation"), "cannot "
		    "read escalations to notify");
	for (size_t i = 0; i < *n; i++) {
		db_bind_int(up, 1, cs->now);
		db_bind_int(up, 2, (*ids)[i]);
		rc = db_step(up);
		db_reset(up);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "cannot mark escalations notified");
	}
	return 0;
}

int
escalation_claim_these(struct cs *cs, int64_t *ids, size_t *n)
{
	struct db_stmt	*st;
	size_t		 i, mine = 0;

	for (i = 0; i < *n; i++) {
		if ((st = db_stmt(cs->db, "UPDATE escalation SET notified_at"
		    " = $1 WHERE id = $2 AND notified_at IS NULL")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, cs->now);
		db_bind_int(st, 2, ids[i]);
		if (db_step(st) != DB_DONE) {
			db_reset(st);
			return cs_error(cs, db_fail(cs->db, "escalation"),
			    "cannot mark escalations notified");
		}
		db_reset(st);
		/* A sweep in between may have claimed it: then it is its. */
		if (db_changes(cs->db) == 1)
			ids[mine++] = ids[i];
	}
	*n = mine;
	return 0;
}

int
notify_run(const char *cmd, const char *const *names, char (*val)[1024],
    int n, const char *who, const char *again)
{
	pid_t	 pid;
	int	 i, status, fd;

	out_flush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		warn("notify: fork");
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
	while (waitpid(pid, &status, 0) == -1)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		warnx("notify %s: exit status %d; %s", who,
		    WEXITSTATUS(status), again);
	else
		warnx("notify %s: killed by signal %d; %s", who,
		    WTERMSIG(status), again);
	return -1;
}

/* Run the notify command with the escalation in its environment. */
static int
run_notify(const char *cmd, struct db_stmt *st)
{
	static const char *const names[] = {
		"CS_ESCALATION", "CS_TICKET", "CS_LEVEL", "CS_DEPARTMENT",
		"CS_OWNER", "CS_REASON", "CS_DUE", "CS_SUBJECT", "CS_PRIORITY",
	};
	char	 val[9][1024];
	int	 i;

	id_format(ID_ESCALATION, db_col_int(st, 0), val[0],
	    sizeof(val[0]));
	id_format(ID_TICKET, db_col_int(st, 1), val[1],
	    sizeof(val[1]));
	for (i = 2; i < 9; i++) {
		const char	*s = db_col_text(st, i);

		if (i == 6)
			clock_format_iso(db_col_int(st, i), val[i],
			    sizeof(val[i]));
		else
			strlcpy(val[i], s ? s : "", sizeof(val[i]));
	}
	return notify_run(cmd, names, val, 9, val[0],
	    "the next sweep tries again");
}

int
escalation_notify(struct cs *cs, const int64_t *ids, size_t n)
{
	struct db_stmt	*st;
	size_t		 i;
	int		 failed = 0, rc;

	if (cs->rules.notify == NULL || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(cs->db, notify_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, ids[i]);
		if (db_step(st) != DB_ROW) {
			db_reset(st);
			continue;
		}
		rc = run_notify(cs->rules.notify, st);
		db_reset(st);
		if (rc == 0)
			continue;
		failed++;
		/* Give it back, so that a later sweep runs it again. */
		if ((st = db_stmt(cs->db, unclaim_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, ids[i]);
		if (db_step(st) != DB_DONE)
			warnx("E%lld: %s", (long long)ids[i],
			    db_errmsg(cs->db));
		db_reset(st);
	}
	return failed ? CS_PARTIAL : 0;
}

int
escalation_notify_made(struct cs *cs, int64_t *made, size_t n)
{
	int	 rc;

	if (n == 0 || cs->rules.notify == NULL)
		return 0;
	out_flush(stdout);
	if ((rc = cs_begin(cs)) != 0)
		return rc;
	if ((rc = escalation_claim_these(cs, made, &n)) != 0) {
		warnx("%s", cs->err);
		db_rollback(cs->db);
		return rc;
	}
	if ((rc = db_commit(cs->db)) != 0)
		return rc;
	return escalation_notify(cs, made, n);
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
