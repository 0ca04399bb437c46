/*
 * cli.c: the shape every cs program shares — a subcommand table, the
 * SYNOPSIS lines that usage errors and -h print, the common options
 * before or after the subcommand, and the checked close of stdout — so
 * each file in cmd/ holds only its own subcommands.  The table carries
 * each subcommand's setup, options, usage line and parent, so nested
 * subcommands (`grant batch`) dispatch from it too.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Every long option a subcommand may take; its table line names its own. */
static const struct option long_words[] = {
	{ "dup",	no_argument,	NULL,	CLI_DUP },
	{ "failed",	no_argument,	NULL,	CLI_FAILED },
	{ "stuck",	no_argument,	NULL,	CLI_STUCK },
	{ "verify",	no_argument,	NULL,	CLI_VERIFY },
	{ "breached",	no_argument,	NULL,	CLI_BREACHED },
	{ "due-within",	required_argument, NULL, CLI_DUE_WITHIN },
	{ "overdue",	no_argument,	NULL,	CLI_OVERDUE },
	{ "since",	required_argument, NULL, CLI_SINCE },
	{ "until",	required_argument, NULL, CLI_UNTIL },
	{ "day",	required_argument, NULL, CLI_DAY },
	{ "week",	required_argument, NULL, CLI_WEEK },
	{ "month",	required_argument, NULL, CLI_MONTH },
	{ "chart",	no_argument,	NULL,	CLI_CHART },
	{ "again",	required_argument, NULL, CLI_AGAIN },
	{ "deep",	no_argument,	NULL,	CLI_DEEP },
	{ "unnotified",	no_argument,	NULL,	CLI_UNNOTIFIED },
	{ "awaiting-callback", no_argument, NULL, CLI_AWAITING_CALLBACK },
	{ "check",	no_argument,	NULL,	CLI_CHECK },
	{ "fixed",	no_argument,	NULL,	CLI_FIXED },
	{ "unpaid",	no_argument,	NULL,	CLI_UNPAID },
};

#define NWORDS	(sizeof(long_words) / sizeof(long_words[0]))
#define NCOMMON	4	/* --unmask, --help, --mode, --version */

static const struct cli	*the_cli;
static const struct cli_cmd *the_cmd;	/* the running subcommand */
static const char	*the_group;	/* its usage group: "grant", "ls" */
static char		 the_what[64];	/* "cs-order customer show" */
static int		 the_money = -1;	/* its enum money_act, or -1 */
/* The common long options, then the running subcommand's, then none. */
/* Long-only: -V is not an option, as in gh and git. */
#define CLI_VERSION	0x7fff

static struct option	 longs[NCOMMON + NWORDS + 1] = {
	{ "unmask",	no_argument,	NULL,	'U' },
	{ "help",	no_argument,	NULL,	'h' },
	{ "mode",	required_argument, NULL, 'M' },
	{ "version",	no_argument,	NULL,	CLI_VERSION },
};

/* Does the space-separated list names (or the one name) hold word? */
static int
names_cover(const char *names, const char *word)
{
	char	 w[32];

	if (names[0] != ' ')
		return strcmp(names, word) == 0;
	snprintf(w, sizeof(w), " %s ", word);
	return strstr(names, w) != NULL;
}

/* Is c a line of the usage group named group? */
static int
usage_covers(const struct cli_cmd *c, const char *group)
{
	if (c->parent != NULL)
		return strcmp(c->parent, group) == 0;
	return names_cover(c->names, group);
}

/* Does the command line c take --unmask: does it show masked data? */
static int
unmasks(const struct cli_cmd *c)
{
	return c->longs != NULL && names_cover(c->longs, "unmask");
}

/* Has this program a command that shows masked data? */
static int
any_unmasks(void)
{
	size_t	 i;

	for (i = 0; i < the_cli->ncmds; i++)
		if (unmasks(&the_cli->cmds[i]))
			return 1;
	return 0;
}

static void
print_usage(FILE *fp, const char *group)
{
	const struct cli	*cl = the_cli;
	size_t			 i;

	if (group == NULL)
		fprintf(fp, "usage: %s [-Hjq%s] [-c conf] [-d db] [-M mode] [-o fields] "
		    "command [args]\n", getprogname(), any_unmasks() ? "U" :
		    "");
	for (i = 0; i < cl->ncmds; i++) {
		if (group == NULL)
			fprintf(fp, "       %s %s\n", getprogname(),
			    cl->cmds[i].usage);
		else if (usage_covers(&cl->cmds[i], group))
			fprintf(fp, "usage: %s %s\n", getprogname(),
			    cl->cmds[i].usage);
	}
}

static void __attribute__((noreturn))
usage_of(const char *group)
{
	print_usage(stderr, group);
	exit(CS_USAGE);
}

struct cs *
cli_cs(void)
{
	return the_cli->cs;
}

void
cli_usage(void)
{
	usage_of(the_group);
}

/*
 * -U on a command that shows no masked personal data would be a promise
 * of nothing: say so rather than audit a look that shows nothing.
 */
static void
unmask_check(void)
{
	if (the_cli->cs->out.unmask && !unmasks(the_cmd)) {
		warnx("%s: -U: this command shows no masked personal data",
		    the_group);
		cli_usage();
	}
}

/* --version: the release and the schema it writes, for a bug report. */
static int
print_version(void)
{
	printf("%s (cs) %s, schema %d\n", getprogname(), CS_VERSION,
	    schema_version());
	return out_fshut(stdout);
}

int
cli_opt(int argc, char **argv)
{
	const char	*own = the_cmd->opts ? the_cmd->opts : "";
	const char	*cmd = the_group;
	char		 optstr[64];
	int		 ch;

	/* ':' first: report here, with the program's name, not argv[0]. */
	snprintf(optstr, sizeof(optstr), ":%s%sh", CS_OPTSTR, own);
	opterr = 0;
	for (;;) {
		ch = getopt_long(argc, argv, optstr, longs, NULL);
		if (ch == 'h') {
			print_usage(stdout, cmd);
			exit(out_fshut(stdout));
		}
		if (ch == CLI_VERSION)
			exit(print_version());
		if (ch == ':') {
			warnx("%s: -%c needs an argument", cmd, optopt);
			cli_usage();
		}
		if (ch == '?') {
			if (optopt != 0)
				warnx("%s: unknown option -%c", cmd, optopt);
			else
				warnx("%s: unknown option %s", cmd,
				    argv[optind - 1]);
			cli_usage();
		}
		if (ch == -1)
			return ch;
		if (!cs_option(the_cli->cs, ch, optarg)) {
			/* A common option's bad value (-M xml) was reported. */
			if (ch > 0 && ch < 256 && strchr(CS_OPTSTR, ch) != NULL)
				cli_usage();
			return ch;
		}
		if (ch == 'U')
			unmask_check();
	}
}

int
cli_optarg(int ch, const char *letters, ...)
{
	const char	*p, **to;
	va_list		 ap;

	if (ch <= 0 || ch > 255 || (p = strchr(letters, ch)) == NULL)
		return 0;
	va_start(ap, letters);
	do
		to = va_arg(ap, const char **);
	while (p-- > letters);
	va_end(ap);
	*to = optarg;
	return 1;
}

int
cli_noopts(int *argc, char ***argv)
{
	if (cli_opt(*argc, *argv) != -1)
		cli_usage();
	*argc -= optind;
	*argv += optind;
	return 0;
}

void
cli_money(int act)
{
	the_money = act;
}

int
cli_check(void)
{
	static int	 checked = -1;
	struct cs	*cs = the_cli->cs;
	int		 mode = the_cmd->setup;
	int		 rc;

	/* Once, whoever asks first. */
	if (checked >= 0)
		return checked;
	if ((rc = cs_init(cs)) != 0 || mode == CLI_CONF)
		return checked = rc;
	/* A change is stamped by the clock changes go by (cs_init). */
	if (mode == DB_WRITE)
		cs->now = cs->stamp;
	if ((rc = agent_require(&cs->actor, ROLE_ANY, getprogname())) != 0)
		return checked = rc;
	/* Refused before the database is opened: nothing is touched. */
	if (the_money >= 0 && (rc = money_require(cs, the_money)) != 0) {
		warnx("%s", cs->err);
		return checked = rc;
	}
	if (mode != DB_WRITE && (rc = cs_unmask(cs, the_what)) != 0)
		return checked = rc;
	return checked = 0;
}

int
cli_start(void)
{
	static int	 started;
	struct cs	*cs = the_cli->cs;
	int		 mode = the_cmd->setup;
	int		 rc;

	/* Once: a listing may start before it opens its output. */
	if (started++)
		return 0;
	if ((rc = cli_check()) != 0 || mode == CLI_CONF)
		return rc;
	if ((rc = cs_open(cs, mode)) == 0)
		cs->err[0] = '\0';
	return rc;
}

int
cli_said(int rc)
{
	struct cs	*cs = the_cli->cs;

	if (rc != 0 && cs->err[0] != '\0')
		warnx("%s", cs->err);
	cs->err[0] = '\0';
	return rc;
}

struct show {
	cli_show_fn	*fn;
	int		 n;
};

static int
show_each(int64_t id, void *arg)
{
	struct show	*sh = arg;
	struct cs	*cs = the_cli->cs;
	int		 rc, own;

	/* A blank line between records for people; JSON is one a line. */
	if (sh->n++ > 0 && cs->out.mode != OUT_JSON)
		putchar('\n');
	/*
	 * A record's parts (its replies, payments, history ...) read in one
	 * snapshot: one state of the desk, and one read transaction rather
	 * than one a statement, each with its locks and checks.
	 */
	own = !db_in_transaction(cs->db);
	if (own && db_snapshot(cs->db) != 0)
		return db_fail(cs->db, "show");
	rc = sh->fn(cs, id, stdout);
	if (own)
		db_snapshot_end(cs->db);
	return rc;
}

int
cli_show(int argc, char **argv, int type, cli_show_fn *fn)
{
	struct show	 sh = { fn, 0 };
	int		 rc;

	cli_noopts(&argc, &argv);
	if ((rc = cli_start()) != 0)
		return rc;
	return id_loop(argc, argv, type, show_each, &sh);
}

int
cli_time(const char *opt, const char *arg, int64_t *t)
{
	const char	*errstr;
	char		 q[256];

	if (clock_parse(arg, the_cli->cs->now, t, &errstr) == -1) {
		warnx("%s %s: %s", opt, diag_quote(arg, q, sizeof(q)), errstr);
		return CS_USAGE;
	}
	return 0;
}

char *
cli_join(int argc, char **argv)
{
	size_t	 len = 1;
	char	*s;
	int	 i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		err(CS_SOFTWARE, NULL);
	s[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (i > 0)
			strlcat(s, " ", len);
		strlcat(s, argv[i], len);
	}
	return s;
}

/*
 * The table line of the subcommand in argv: argv[0], or for a parent
 * (`grant`) the line of the child its next word names, with argv moved
 * on to that word.  Sets the usage group; unknown words are usage errors.
 */
static const struct cli_cmd *
find_cmd(const struct cli *cl, int *argc, char ***argv)
{
	const char	*word = (*argv)[0];
	size_t		 i;
	int		 parent = 0;

	the_group = word;
	for (i = 0; i < cl->ncmds; i++) {
		if (cl->cmds[i].parent == NULL &&
		    names_cover(cl->cmds[i].names, word))
			return &cl->cmds[i];
		if (cl->cmds[i].parent != NULL &&
		    strcmp(cl->cmds[i].parent, word) == 0)
			parent = 1;
	}
	if (!parent) {
		warnx("%s: unknown command", word);
		usage_of(NULL);
	}
	if (*argc < 2)
		cli_usage();
	(*argc)--;
	(*argv)++;
	for (i = 0; i < cl->ncmds; i++)
		if (cl->cmds[i].parent != NULL &&
		    strcmp(cl->cmds[i].parent, word) == 0 &&
		    names_cover(cl->cmds[i].names, (*argv)[0]))
			return &cl->cmds[i];
	warnx("%s %s: unknown action", word, (*argv)[0]);
	cli_usage();
}

/* The common long options and those the subcommand's line names. */
static void
set_longs(const struct cli_cmd *c)
{
	size_t	 i, n = NCOMMON;

	for (i = 0; c->longs != NULL && i < NWORDS; i++)
		if (names_cover(c->longs, long_words[i].name))
			longs[n++] = long_words[i];
	memset(&longs[n], 0, sizeof(longs[n]));
}

int
cli_main(const struct cli *cl, int argc, char **argv)
{
	int	 ch, rc, orc, fl;

	the_cli = cl;
	/* Setgid, act as the user from the start: files are opened as them. */
	if ((rc = priv_init()) != 0)
		return rc;
	out_guard_stderr();
	/*
	 * A closed stdout (>&-) is refused before anything is done, rather
	 * than found after a change is committed and its IDs are lost.
	 */
	if ((fl = fcntl(STDOUT_FILENO, F_GETFL)) == -1 ||
	    (fl & O_ACCMODE) == O_RDONLY) {
		warnx("stdout: %s", strerror(EBADF));
		return CS_IOERR;
	}
	cs_stdin_was_closed = fcntl(STDIN_FILENO, F_GETFL) == -1;
	/* A file size limit (ulimit -f) is a write error, not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:" CS_OPTSTR "h", longs,
	    NULL)) != -1) {
		if (ch == 'h') {
			print_usage(stdout, NULL);
			return out_fshut(stdout);
		}
		if (ch == CLI_VERSION)
			return print_version();
		if (ch == ':')
			warnx("-%c needs an argument", optopt);
		else if (ch == '?' && optopt != 0)
			warnx("unknown option -%c", optopt);
		else if (ch == '?')
			warnx("unknown option %s", argv[optind - 1]);
		if (!cs_option(cl->cs, ch, optarg))
			usage_of(NULL);
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage_of(NULL);
	the_cmd = find_cmd(cl, &argc, &argv);
	/* The command as --unmask's audit record names it. */
	if (the_cmd->parent != NULL)
		snprintf(the_what, sizeof(the_what), "%s %s %s", getprogname(),
		    the_cmd->parent, argv[0]);
	else
		snprintf(the_what, sizeof(the_what), "%s %s", getprogname(),
		    argv[0]);
	unmask_check();
	set_longs(the_cmd);
	/* What reads goes through a pager on a terminal; a change never. */
	if (the_cmd->setup != DB_WRITE)
		out_page();
	optind = 0;	/* glibc: start over on the subcommand's arguments */
	rc = the_cmd->fn(argc, argv);
	/* What --unmask showed is recorded before it is let out. */
	if ((orc = cs_unmask_done(cl->cs)) != 0 && rc == 0)
		rc = orc;
	cs_exit(cl->cs);
	orc = out_fshut(stdout);
	return rc ? rc : orc;
}
