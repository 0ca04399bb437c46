/*
 * store.h: storage and identity -- the database door, the schema, the
 * audit chain, cs.conf(5), the agent and its privileges.  Includes only
 * text.h.
 */
#ifndef CS_STORE_H
#define CS_STORE_H

#include "text/text.h"

/* ---- config.c: cs.conf(5) ---- */

enum role {
	ROLE_AGENT = 1 << 0,
	ROLE_SUPERVISOR = 1 << 1,
	ROLE_MANAGER = 1 << 2,
	ROLE_TECH = 1 << 3,
	ROLE_FINANCE = 1 << 4,
	ROLE_ADMIN = 1 << 5,
	ROLE_ANY = (1 << 6) - 1,
};

struct conf_agent {
	char		*name;
	int		 roles;		/* enum role bits */
};

/*
 * The core of cs.conf: the time zone, who may act, where the database
 * is.  The desk's rules (fees, calendars, ...) register keywords of
 * their own (struct rules, rules.c).
 */
/* clock-env: CS_NOW stamps no change, changes not before the trail, any. */
#define CLOCK_REAL	0
#define CLOCK_ENV	1
#define CLOCK_REPLAY	2

struct config {
	char		*path;		/* file read, or NULL for built-ins */
	char		*timezone;
	int		 agent_env;	/* CS_AGENT honoured */
	int		 clock_env;	/* CS_NOW stamps changes: CLOCK_* */
	struct conf_agent *agents;
	size_t		 nagents;
	char		**queues;	/* assignable departments */
	size_t		 nqueues;
	char		*db_group;	/* group that may read the database */
	char		*database;	/* the database file, if configured */
	char		*report_database; /* reports' (a replica), if any */
	int		 unmask_roles;	/* roles allowed --unmask */
	/*
	 * `currency': the ISO 4217 code the file's amounts are written in
	 * and approval limits count in (CONF_CURRENCY unless set).  Read
	 * it here and nowhere else: cs->conf.currency, conf_core(p).
	 */
	char		 currency[4];
	char		 amount_at[300];	/* FILE:LINE of the first amount
					   read in it, "" before one */
};

/* The time zone of the built-in configuration. */
#define CONF_TIMEZONE	"Asia/Shanghai"
/* The desk's currency of the built-in configuration. */
#define CONF_CURRENCY	MONEY_HOME

/* Where the reader is: the file and line, the core read so far. */
struct conf_parse;

/*
 * A keyword of cs.conf and its parser: argv[0] is the keyword, ctx what
 * the caller of config_load handed it.  0, or CS_CONFIG after conf_err.
 * A table ends with a NULL name.
 */
struct conf_keyword {
	const char	*name;
	int		(*parse)(struct conf_parse *, void *ctx, int argc,
			    char **argv);
};

/*
 * Load -c FILE, else $CS_CONF, else /etc/cs.conf if present, else the
 * built-in defaults.  The core keywords are read into the config; any
 * other goes to the first of tables (NULL-terminated; NULL for none)
 * that has it, with ctx.  Errors are "FILE:LINE: reason"; returns 0 or
 * 78.
 */
int	 config_load(struct config *, const char *path,
	    const struct conf_keyword *const *tables, void *ctx);
void	 config_free(struct config *);
/* Report an error at the current FILE:LINE. */
void	 conf_err(const struct conf_parse *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The core configuration as read so far. */
const struct config *conf_core(const struct conf_parse *);
/*
 * Parse an amount of the file in the desk's currency (`currency', which
 * therefore has to come first: the line is remembered, and a `currency'
 * after it is refused).  0, or -1 with *errstr set.
 */
int	 conf_amount(struct conf_parse *, const char *s, int64_t *minor,
	    const char **errstr);
/* The words argv[i..argc) joined by single spaces. */
void	 conf_join(char **argv, int argc, int i, char *buf, size_t len);
/* Replace *dst with a copy of s. */
void	 conf_str(char **dst, const char *s);
/* Append a copy of s to the list. */
void	 conf_push(char ***list, size_t *n, const char *s);
/* 1 if zone names a time-zone file under /usr/share/zoneinfo. */
int	 conf_zone_ok(const char *zone);
/* Role bits from "supervisor" or "agent,finance"; -1 if unknown. */
int	 role_parse(const char *);
/* The roles by bit (enum role), NULL-terminated. */
extern const char *const role_names[];
/* The queues built in, NULL-terminated. */
extern const char *const conf_builtin_queues[];
/*
 * Print the core in cs.conf syntax, as two parts that rules_print puts
 * the desk's between: the file, zone, agents and queues; the database.
 */
void	 config_print(const struct config *, FILE *);
void	 config_print_database(const struct config *, FILE *);

/* ---- agent.c: who is acting ---- */

struct agent {
	char		 user[64];	/* real login name, or "": agent_user */
	char		 name[64];	/* acting agent */
	int		 roles;		/* enum role bits; 0: not an agent */
};

/* Real user, CS_AGENT where allowed; 77 when CS_AGENT is refused. */
int	 agent_init(struct agent *, const struct config *);
/* The real login name, which the audit trail keeps beside the agent's. */
const char *agent_user(const struct agent *);
/* 0 if the agent has any of roles, else reports and returns 77. */
int	 agent_require(const struct agent *, int roles, const char *what);
/* 1 if name is a configured agent or queue (or anything, with none). */
int	 agent_assignable(const struct config *, const char *name);

/* ---- privilege.c: the shared desk, programs setgid to its group ---- */

/*
 * Note whether the program runs setgid, and if so act as the user until
 * priv_raise.  0 or an exit status.
 */
int	 priv_init(void);
/* 1 if the program was started setgid (its environment is not trusted). */
int	 priv_setgid(void);
/* Take the desk's group back, to open the database. */
int	 priv_raise(void);
/* Give the group up for good: real, effective and saved. */
int	 priv_drop(void);

/* ---- db.c: the database door (db.h; the backend in sqlite.c) ---- */

#include "store/db.h"

/* ---- schema.c: tables and migrations ---- */

int	 schema_version(void);
/* Bring the schema up to date inside the caller's transaction. */
int	 schema_migrate(struct db *);

/* ---- search.c: the text index, each backend its own way ---- */

/* Create the index of ticket and reply text and fill it; -1 on error. */
int	 search_setup(struct db *);
/*
 * Inside a change: the tickets made from now on (from *from) are left
 * out of the text index until search_catch_up(from) adds them all, which
 * must come before the commit.  0 or a reported exit status.
 */
int	 search_defer(struct db *, int64_t *from);
int	 search_catch_up(struct db *, int64_t from);
/*
 * A fragment for db_sql_add: " AND t.id IN (...)" of the tickets whose
 * subject, body, replies or notes hold $1.  *like: $1 is a LIKE
 * pattern (%text%, escaped with \); else the text as it is.
 */
const char *search_tickets(struct db *, int *like);

/* ---- audit.c: the hash chain ---- */

/*
 * Append a record inside the caller's transaction: action ("ticket.new"),
 * record ("T12"), detail (a JSON object as text).  It carries the state
 * of the record's row and of the rows db_touch named, as they are now.
 */
int	 audit_append(struct db *, const struct agent *, int64_t now,
	    const char *action, const char *record, const char *detail);
/*
 * The same, the record's row as row stands on it (the statement that
 * wrote it returned "id, " audit_columns of its table): no read.
 */
int	 audit_append_row(struct db *, const struct agent *, int64_t now,
	    const char *action, const char *record, const char *detail,
	    struct db_stmt *row);
/*
 * Records appended from audit_hold on are kept, the chain's links known,
 * and written by one statement at audit_flush (or whenever 256 are
 * kept; any audit_append without hold flushes first).  full: the count
 * the caller flushes most often, whose statement is prepared once.
 * audit_flush: 0, or a status, reported.
 */
void	 audit_hold(struct db *, size_t full);
int	 audit_flush(struct db *);
/*
 * The columns of the type's rows that its records' states hold; those
 * of a customer and an order also as text, for an insert that returns
 * its row (RETURNING id, ...).
 */
const char *audit_columns(int type);
#define AUDIT_CUSTOMER_COLS "name, phone, idcard, email, tier, needs, role," \
    " created_at"
#define AUDIT_ORDER_COLS "ref, customer_id, kind, status, amount, currency,"\
    " service_at, created_at, updated_at, status_at, tracking, item, city,"\
    " pickup, destination, accepted_at, arrived_at, cancel_fee, cancel_rule"
/* The last record's sequence number and time (0 and INT64_MIN: none). */
int	 audit_clock(struct db *, int64_t *seq, int64_t *at);
/* The last link: its number, time and hash. */
int	 audit_tail(struct db *, int64_t *seq, int64_t *at, char hash[65]);
/*
 * Walk the chain.  Returns 0 when every link holds, with the last hash
 * in last (the genesis zeros for an empty trail); otherwise 65 with *bad
 * set to the first broken sequence number.
 */
int	 audit_verify(struct db *, int64_t *bad, char last[65]);
/*
 * Walk the chain, then check every row of the audited tables against
 * the state the last record naming it left: 0 when all match, 65 when
 * the chain breaks (*bad) or rows do not match (each reported).  Rows
 * from before the trail kept row states and not changed since are
 * counted, not checked.
 */
struct audit_rows {
	int64_t		 rows;		/* matched */
	int64_t		 uncovered;	/* older than row states */
	int64_t		 bad;		/* changed, gone, or never audited */
};
int	 audit_deep(struct db *, int64_t *bad, char last[65],
	    struct audit_rows *);
/* The SHA-256 of one record, as 64 hex digits into hex[65]. */
void	 audit_hash(int64_t seq, int64_t at, const char *user,
	    const char *agent, const char *program, const char *action,
	    const char *record, const char *detail, const char *prev,
	    char hex[65]);

/* How many audit records there are; -1 on error. */
int	 audit_count(struct db *);

#endif /* CS_STORE_H */
