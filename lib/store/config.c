/*
 * config.c: cs.conf(5).  Line-oriented "keyword arguments...", '#'
 * comments, read with fparseln(3).  The reader knows the file's grammar
 * and the core keywords (the time zone, who may act, the queues and the
 * database); the desk's rules hand it tables of their own keywords
 * (struct conf_keyword, rules.c), so a rule adds entries, not branches.
 */
#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <libutil.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "store.h"

#define CONF_MAXARGS	64
#define CONF_MAXDEPTH	8	/* include nesting */
#define CONF_MAX	(1 << 20)	/* longest configuration file, bytes */

struct conf_parse {
	struct config	*conf;
	const struct conf_keyword *const *tables;	/* the caller's */
	void		*ctx;		/* handed to their parsers */
	const char	*file;
	size_t		 line;
	int		 depth;
};

const char *const role_names[] = {
	"agent", "supervisor", "manager", "tech", "finance", "admin", NULL
};

const char *const conf_builtin_queues[] = {
	"frontline", "tech", "finance", "logistics", "arbitration", NULL
};

static int	 parse_file(struct conf_parse *, const char *path);

void
conf_err(const struct conf_parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warnx("%s:%zu: %s", p->file, p->line, msg);
}

const struct config *
conf_core(const struct conf_parse *p)
{
	return p->conf;
}

static char *
xstrdup(const char *s)
{
	char	*d;

	if ((d = strdup(s)) == NULL)
		err(CS_SOFTWARE, NULL);
	return d;
}

void
conf_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

void
conf_push(char ***list, size_t *n, const char *s)
{
	char	**l;

	if ((l = reallocarray(*list, *n + 1, sizeof(**list))) == NULL)
		err(CS_SOFTWARE, NULL);
	l[(*n)++] = xstrdup(s);
	*list = l;
}

void
conf_join(char **argv, int argc, int i, char *buf, size_t len)
{
	buf[0] = '\0';
	for (; i < argc; i++) {
		strlcat(buf, argv[i], len);
		if (i + 1 < argc)
			strlcat(buf, " ", len);
	}
}

int
role_parse(const char *s)
{
	char	 buf[256], *p, *w;
	int	 bits = 0, i;

	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		/* Not word_index: that is the desk's, a layer up. */
		for (i = 0; role_names[i] != NULL; i++)
			if (strcmp(role_names[i], w) == 0)
				break;
		if (role_names[i] == NULL)
			return -1;	/* also an empty word: "agent," */
		bits |= 1 << i;
	}
	return bits;
}

static int
kw_include(struct conf_parse *p, int argc, char **argv)
{
	char	 path[1024], dir[1024];

	if (argc != 2) {
		conf_err(p, "usage: include FILE");
		return CS_CONFIG;
	}
	if (argv[1][0] == '/')
		strlcpy(path, argv[1], sizeof(path));
	else {
		/* Relative to the including file, as cpp does. */
		strlcpy(dir, p->file, sizeof(dir));
		snprintf(path, sizeof(path), "%s/%s", dirname(dir), argv[1]);
	}
	if (p->depth >= CONF_MAXDEPTH) {
		conf_err(p, "include nested too deeply");
		return CS_CONFIG;
	}
	return parse_file(p, path);
}

/*
 * A directory ("Asia") or a table ("zone.tab") under /usr/share/zoneinfo
 * would be taken by tzset(3) as UTC without a word: only a TZif file.
 */
int
conf_zone_ok(const char *zone)
{
	char	 path[1024], magic[4];
	FILE	*fp;
	int	 ok;

	if (strstr(zone, "..") != NULL)
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

int
conf_amount(struct conf_parse *p, const char *s, int64_t *minor,
    const char **errstr)
{
	static char	 msg[160];

	if (money_parse(s, p->conf->currency, minor, errstr) == -1) {
		/* "too many decimals": for which currency, said. */
		snprintf(msg, sizeof(msg), "%s (amounts here are %s)", *errstr,
		    p->conf->currency);
		*errstr = msg;
		return -1;
	}
	if (p->conf->amount_at[0] == '\0')
		snprintf(p->conf->amount_at, sizeof(p->conf->amount_at),
		    "%s:%zu", p->file, p->line);
	return 0;
}

/*
 * The currency the amounts are written in.  Amounts are read as their
 * lines are, so it comes before the first of them: a `currency' after
 * one would leave that one read in another currency.
 */
static int
kw_currency(struct conf_parse *p, int argc, char **argv)
{
	if (argc != 2) {
		conf_err(p, "usage: currency CODE");
		return CS_CONFIG;
	}
	if (money_digits(argv[1]) == -1) {
		conf_err(p, "currency %s: not an ISO 4217 code cs knows "
		    "(CNY, HKD, USD, EUR, JPY, KRW, ...; see cs.conf(5))",
		    argv[1]);
		return CS_CONFIG;
	}
	if (p->conf->amount_at[0] != '\0' &&
	    strcmp(argv[1], p->conf->currency) != 0) {
		conf_err(p, "currency %s: after the amount at %s, which was "
		    "read in %s; write currency before every amount",
		    argv[1], p->conf->amount_at, p->conf->currency);
		return CS_CONFIG;
	}
	strlcpy(p->conf->currency, argv[1], sizeof(p->conf->currency));
	return 0;
}

static int
kw_timezone(struct conf_parse *p, int argc, char **argv)
{
	if (argc != 2) {
		conf_err(p, "usage: timezone ZONE");
		return CS_CONFIG;
	}
	if (!conf_zone_ok(argv[1])) {
		conf_err(p, "timezone %s: unknown time zone", argv[1]);
		return CS_CONFIG;
	}
	conf_str(&p->conf->timezone, argv[1]);
	return 0;
}

static int
yes_no(struct conf_parse *p, int argc, char **argv, int *val)
{
	if (argc == 2 && strcmp(argv[1], "yes") == 0)
		*val = 1;
	else if (argc == 2 && strcmp(argv[1], "no") == 0)
		*val = 0;
	else {
		conf_err(p, "usage: %s yes|no", argv[0]);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_agent_env(struct conf_parse *p, int argc, char **argv)
{
	return yes_no(p, argc, argv, &p->conf->agent_env);
}

static int
kw_clock_env(struct conf_parse *p, int argc, char **argv)
{
	static const char *const v[] = { "no", "yes", "replay" };
	int			 i;

	for (i = 0; argc == 2 && i < 3; i++)
		if (strcmp(argv[1], v[i]) == 0) {
			p->conf->clock_env = i;	/* CLOCK_REAL ... */
			return 0;
		}
	conf_err(p, "usage: clock-env yes|no|replay");
	return CS_CONFIG;
}

static int
kw_agent(struct conf_parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	struct conf_agent *a;
	char		 roles[256];
	int		 bits;
	size_t		 i;

	if (argc < 4 || strcmp(argv[2], "role") != 0) {
		conf_err(p, "usage: agent NAME role ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	conf_join(argv, argc, 3, roles, sizeof(roles));
	for (i = 0; roles[i] != '\0'; i++)
		if (roles[i] == ' ')
			roles[i] = ',';
	if ((bits = role_parse(roles)) == -1) {
		conf_err(p, "agent %s: unknown role in \"%s\"", argv[1], roles);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nagents; i++) {
		if (strcmp(c->agents[i].name, argv[1]) == 0) {
			conf_err(p, "agent %s: defined twice", argv[1]);
			return CS_CONFIG;
		}
	}
	a = reallocarray(c->agents, c->nagents + 1, sizeof(*a));
	if (a == NULL)
		err(CS_SOFTWARE, NULL);
	a[c->nagents].name = xstrdup(argv[1]);
	a[c->nagents].roles = bits;
	c->agents = a;
	c->nagents++;
	return 0;
}

static int
kw_queue(struct conf_parse *p, int argc, char **argv)
{
	int	 i;

	if (argc < 2) {
		conf_err(p, "usage: queue NAME...");
		return CS_CONFIG;
	}
	for (i = 1; i < argc; i++)
		conf_push(&p->conf->queues, &p->conf->nqueues, argv[i]);
	return 0;
}

/*
 * 1 if a PostgreSQL string holds a password (password=..., or a URI's
 * user:password@), which this file, printed by cs-report config, and a
 * process listing must never show.
 */
static int
has_password(const char *s)
{
	const char	*at, *colon, *auth;

	if (strstr(s, "password=") != NULL)
		return 1;
	if ((auth = strstr(s, "://")) == NULL)
		return 0;
	auth += 3;
	at = strchr(auth, '@');
	colon = strchr(auth, ':');
	return at != NULL && colon != NULL && colon < at &&
	    strcspn(auth, "/?") > (size_t)(at - auth);
}

/*
 * A database: a file's absolute path, or a PostgreSQL URI or libpq
 * key=value string, whose words are joined again with one space.
 */
static int
database_of(struct conf_parse *p, int argc, char **argv, char **to)
{
	char	 buf[1024];
	int	 i;

	if (argc >= 2 && db_is_pg(argv[1])) {
		buf[0] = '\0';
		for (i = 1; i < argc; i++)
			if ((i > 1 && strlcat(buf, " ", sizeof(buf)) >=
			    sizeof(buf)) ||
			    strlcat(buf, argv[i], sizeof(buf)) >= sizeof(buf)) {
				conf_err(p, "%s: too long", argv[0]);
				return CS_CONFIG;
			}
		if (has_password(buf)) {
			conf_err(p, "%s: no password here: libpq reads it from "
			    "~/.pgpass or a service file (cs(7))", argv[0]);
			return CS_CONFIG;
		}
		conf_str(to, buf);
		return 0;
	}
	if (argc != 2 || argv[1][0] != '/') {
		conf_err(p, "usage: %s /ABSOLUTE/PATH | postgresql://... | "
		    "key=value ...", argv[0]);
		return CS_CONFIG;
	}
	conf_str(to, argv[1]);
	return 0;
}

static int
kw_database(struct conf_parse *p, int argc, char **argv)
{
	return database_of(p, argc, argv, &p->conf->database);
}

static int
kw_report_database(struct conf_parse *p, int argc, char **argv)
{
	return database_of(p, argc, argv, &p->conf->report_database);
}

static int
kw_database_group(struct conf_parse *p, int argc, char **argv)
{
	if (argc != 2) {
		conf_err(p, "usage: database-group GROUP");
		return CS_CONFIG;
	}
	conf_str(&p->conf->db_group, argv[1]);
	return 0;
}

static int
kw_unmask(struct conf_parse *p, int argc, char **argv)
{
	int	 bits;

	if (argc != 2 || (bits = role_parse(argv[1])) == -1) {
		conf_err(p, "usage: unmask ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	p->conf->unmask_roles = bits;
	return 0;
}

static const struct keyword {
	const char	*name;
	int		(*fn)(struct conf_parse *, int, char **);
} keywords[] = {
	{ "agent",		kw_agent },
	{ "agent-env",		kw_agent_env },
	{ "clock-env",		kw_clock_env },
	{ "currency",		kw_currency },
	{ "database",		kw_database },
	{ "database-group",	kw_database_group },
	{ "report-database",	kw_report_database },
	{ "include",		kw_include },
	{ "queue",		kw_queue },
	{ "timezone",		kw_timezone },
	{ "unmask",		kw_unmask },
};

/* 1 if s ends in an odd number of backslashes: one not escaped. */
static int
trailing_backslash(const char *s)
{
	size_t	 n = strlen(s), k = 0;

	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

static int
parse_line(struct conf_parse *p, char *line)
{
	const struct conf_keyword *const *t, *k;
	char	*argv[CONF_MAXARGS], *w;
	int	 argc = 0;
	size_t	 i;

	if (!utf8_valid(line, strlen(line))) {
		conf_err(p, "invalid UTF-8");
		return CS_CONFIG;
	}
	while ((w = strsep(&line, " \t")) != NULL) {
		if (*w == '\0')
			continue;
		/*
		 * A backslash ending a word escaped the blank after it (or
		 * the end of the file), and cs-report config would print it
		 * at the end of a line, where it joins the next one.
		 */
		if (trailing_backslash(w)) {
			conf_err(p, "%s: backslash at the end of a word", w);
			return CS_CONFIG;
		}
		if (argc == CONF_MAXARGS) {
			conf_err(p, "too many words");
			return CS_CONFIG;
		}
		argv[argc++] = w;
	}
	if (argc == 0)
		return 0;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(argv[0], keywords[i].name) == 0)
			return keywords[i].fn(p, argc, argv);
	for (t = p->tables; t != NULL && *t != NULL; t++)
		for (k = *t; k->name != NULL; k++)
			if (strcmp(argv[0], k->name) == 0)
				return k->parse(p, p->ctx, argc, argv);
	conf_err(p, "unknown keyword \"%s\"", argv[0]);
	return CS_CONFIG;
}

static int
parse_file(struct conf_parse *outer, const char *path)
{
	struct conf_parse	 p = *outer;
	FILE		*fp;
	char		*line, *buf, *more;
	size_t		 len, n, cap, lineno = 0;
	int		 rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		if (outer->file != NULL)
			conf_err(outer, "%s: %s", path, strerror(errno));
		else	/* -c after a subcommand is still this one's */
			warnx("%s: configuration file: %s", path,
			    strerror(errno));
		return CS_CONFIG;
	}
	p.file = path;
	p.depth = outer->depth + 1;
	/*
	 * Read whole first, at most CONF_MAX bytes, so /dev/zero or a
	 * runaway pipe ends in a message, not in all of memory.  The
	 * buffer grows as the file does: a megabyte for every start was
	 * a mapping made and unmade (mmap, munmap) for a few lines.
	 */
	cap = 16384;
	if ((buf = malloc(cap + 1)) == NULL)
		err(CS_SOFTWARE, NULL);
	n = 0;
	for (;;) {
		n += fread(buf + n, 1, cap + 1 - n, fp);
		if (n <= cap || cap == CONF_MAX)
			break;
		cap = cap * 8 < CONF_MAX ? cap * 8 : CONF_MAX;
		if ((more = realloc(buf, cap + 1)) == NULL)
			err(CS_SOFTWARE, NULL);
		buf = more;
	}
	if (ferror(fp)) {
		warn("%s", path);
		rc = CS_CONFIG;
	} else if (n > CONF_MAX) {
		warnx("%s: longer than %d bytes", path, CONF_MAX);
		rc = CS_CONFIG;
	}
	fclose(fp);
	if (rc != 0 || n == 0 || (fp = fmemopen(buf, n, "r")) == NULL) {
		free(buf);
		return rc;
	}
	for (;;) {
		p.line = lineno + 1;
		line = fparseln(fp, &len, &lineno, NULL, 0);
		if (line == NULL)
			break;
		if (strlen(line) != len) {
			conf_err(&p, "NUL byte in line");
			rc = CS_CONFIG;
		} else if (len > 0 && line[len - 1] == '\r') {
			conf_err(&p, "carriage return at end of line (CRLF "
			    "file?)");
			rc = CS_CONFIG;
		} else if (p.line == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			conf_err(&p, "byte-order mark at the start (save as "
			    "UTF-8 without BOM)");
			rc = CS_CONFIG;
		} else
			rc = parse_line(&p, line);
		free(line);
		if (rc != 0)
			break;
	}
	fclose(fp);
	free(buf);
	return rc;
}

static void
defaults(struct config *c)
{
	size_t		 i;

	memset(c, 0, sizeof(*c));
	c->timezone = xstrdup(CONF_TIMEZONE);
	strlcpy(c->currency, CONF_CURRENCY, sizeof(c->currency));
	for (i = 0; conf_builtin_queues[i] != NULL; i++)
		conf_push(&c->queues, &c->nqueues, conf_builtin_queues[i]);
	c->unmask_roles = ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN;
}

/*
 * The user's own file, as the XDG base directory rules place it:
 * $XDG_CONFIG_HOME/cs/cs.conf, or ~/.config/cs/cs.conf.  A relative
 * XDG_CONFIG_HOME is ignored, as the rules say.  secure_getenv: a
 * setgid desk reads only /etc/cs.conf, so no agent names their own
 * role.  Cron has no HOME: then there is no user file.
 */
static int
user_conf(char *buf, size_t len)
{
	const char	*x, *h;
	int		 n;

	if ((x = secure_getenv("XDG_CONFIG_HOME")) != NULL && x[0] == '/')
		n = snprintf(buf, len, "%s/cs/cs.conf", x);
	else if ((h = secure_getenv("HOME")) != NULL && h[0] == '/')
		n = snprintf(buf, len, "%s/.config/cs/cs.conf", h);
	else
		return 0;
	if (n < 0 || (size_t)n >= len)
		return 0;
	return access(buf, F_OK) == 0;
}

int
config_load(struct config *c, const char *path,
    const struct conf_keyword *const *tables, void *ctx)
{
	struct conf_parse	 p;
	const char	*e;
	char		 mine[PATH_MAX];
	int		 rc;

	defaults(c);
	if (path == NULL && (e = secure_getenv("CS_CONF")) != NULL &&
	    *e != '\0')
		path = e;
	if (path == NULL && user_conf(mine, sizeof(mine)))
		path = mine;
	if (path == NULL) {
		if (access(CS_SYSCONF, F_OK) == -1)
			return 0;
		path = CS_SYSCONF;
	}
	c->path = xstrdup(path);
	memset(&p, 0, sizeof(p));
	p.conf = c;
	p.tables = tables;
	p.ctx = ctx;
	if ((rc = parse_file(&p, path)) != 0)
		return rc;
	return 0;
}

static void
free_list(char **l, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void
config_free(struct config *c)
{
	size_t	 i;

	for (i = 0; i < c->nagents; i++)
		free(c->agents[i].name);
	free(c->agents);
	free_list(c->queues, c->nqueues);
	free(c->path);
	free(c->timezone);
	free(c->db_group);
	free(c->database);
	free(c->report_database);
	memset(c, 0, sizeof(*c));
}

static void
print_roles(FILE *fp, int bits)
{
	int	 i, n = 0;

	for (i = 0; role_names[i] != NULL; i++)
		if (bits & (1 << i))
			fprintf(fp, "%s%s", n++ ? "," : "", role_names[i]);
}

void
config_print(const struct config *c, FILE *fp)
{
	size_t	 i;

	fprintf(fp, "# %s\n", c->path ? c->path : "built-in defaults");
	fprintf(fp, "timezone %s\n", c->timezone);
	fprintf(fp, "agent-env %s\n", c->agent_env ? "yes" : "no");
	fprintf(fp, "clock-env %s\n", c->clock_env == CLOCK_REPLAY ? "replay" :
	    c->clock_env == CLOCK_ENV ? "yes" : "no");
	for (i = 0; i < c->nagents; i++) {
		fprintf(fp, "agent %s role ", c->agents[i].name);
		print_roles(fp, c->agents[i].roles);
		fputc('\n', fp);
	}
	fputs("unmask ", fp);
	print_roles(fp, c->unmask_roles);
	fputc('\n', fp);
	/* Before every amount the desk's rules print, as it must be read. */
	fprintf(fp, "currency %s\n", c->currency);
	/* Built-in queues are there anyway: not repeated. */
	fputs("# built-in queues:", fp);
	for (i = 0; conf_builtin_queues[i] != NULL; i++)
		fprintf(fp, " %s", conf_builtin_queues[i]);
	fputc('\n', fp);
	for (; i < c->nqueues; i++)
		fprintf(fp, "queue %s\n", c->queues[i]);
}

void
config_print_database(const struct config *c, FILE *fp)
{
	if (c->database != NULL)
		fprintf(fp, "database %s\n", c->database);
	if (c->report_database != NULL)
		fprintf(fp, "report-database %s\n", c->report_database);
	if (c->db_group != NULL)
		fprintf(fp, "database-group %s\n", c->db_group);
}
