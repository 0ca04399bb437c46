/*
 * cli.c: the shape every cs program shares — a subcommand table, the
 * SYNOPSIS lines that usage errors and -h print, the common options
 * before or after the subcommand, and the checked close of stdout — so
 * each file in cmd/ holds only its own subcommands.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static const struct option common_long[] = {
	{ "unmask",	no_argument,	NULL,	'U' },
	{ "help",	no_argument,	NULL,	'h' },
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
	{ NULL,		0,		NULL,	0 },
};

static const struct cli	*the_cli;

static int
usage_covers(const struct cli_cmd *c, const char *cmd)
{
	char	 word[32];

	if (c->names[0] != ' ')
		return strcmp(c->names, cmd) == 0;
	snprintf(word, sizeof(word), " %s ", cmd);
	return strstr(c->names, word) != NULL;
}

static void
print_usage(FILE *fp, const char *cmd)
{
	const struct cli	*cl = the_cli;
	size_t			 i;

	if (cmd == NULL)
		fprintf(fp, "usage: %s [-HjqU] [-c conf] [-d db] [-o fields] "
		    "command [args]\n", getprogname());
	for (i = 0; i < cl->ncmds; i++) {
		if (cmd == NULL)
			fprintf(fp, "       %s %s\n", getprogname(),
			    cl->cmds[i].usage);
		else if (usage_covers(&cl->cmds[i], cmd))
			fprintf(fp, "usage: %s %s\n", getprogname(),
			    cl->cmds[i].usage);
	}
}

void
cli_usage(const char *cmd)
{
	print_usage(stderr, cmd);
	exit(CS_USAGE);
}

int
cli_opt(int argc, char **argv, const char *own, const char *cmd)
{
	char	 optstr[64];
	int	 ch;

	/* ':' first: report here, with the program's name, not argv[0]. */
	snprintf(optstr, sizeof(optstr), ":%s%sh", CS_OPTSTR, own);
	opterr = 0;
	for (;;) {
		ch = getopt_long(argc, argv, optstr, common_long, NULL);
		if (ch == 'h') {
			print_usage(stdout, cmd);
			exit(out_fshut(stdout));
		}
		if (ch == ':') {
			warnx("%s: -%c needs an argument", cmd, optopt);
			cli_usage(cmd);
		}
		if (ch == '?') {
			if (optopt != 0)
				warnx("%s: unknown option -%c", cmd, optopt);
			else
				warnx("%s: unknown option %s", cmd,
				    argv[optind - 1]);
			cli_usage(cmd);
		}
		if (ch == -1 || !cs_option(the_cli->cs, ch, optarg))
			return ch;
	}
}

int
cli_noopts(int *argc, char ***argv, const char *cmd)
{
	if (cli_opt(*argc, *argv, "", cmd) != -1)
		cli_usage(cmd);
	*argc -= optind;
	*argv += optind;
	return 0;
}

int
cli_start(int mode)
{
	struct cs	*cs = the_cli->cs;
	int		 rc;

	if ((rc = cs_init(cs)) != 0)
		return rc;
	if ((rc = agent_require(&cs->actor, ROLE_ANY, getprogname())) != 0)
		return rc;
	if (mode != DB_WRITE && (rc = cs_unmask(cs, getprogname())) != 0)
		return rc;
	return cs_open(cs, mode);
}

struct show {
	cli_show_fn	*fn;
	int		 n;
};

static int
show_each(int64_t id, void *arg)
{
	struct show	*sh = arg;

	/* A blank line between records for people; JSON is one a line. */
	if (sh->n++ > 0 && the_cli->cs->out.mode != OUT_JSON)
		putchar('\n');
	return sh->fn(the_cli->cs, id, stdout);
}

int
cli_show(int argc, char **argv, int type, cli_show_fn *fn)
{
	struct show	 sh = { fn, 0 };
	int		 rc;

	cli_noopts(&argc, &argv, "show");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	return id_loop(argc, argv, type, show_each, &sh);
}

int
cli_time(const char *opt, const char *arg, int64_t *t)
{
	const char	*errstr;

	if (clock_parse(arg, the_cli->cs->now, t, &errstr) == -1) {
		warnx("%s %s: %s", opt, arg, errstr);
		return CS_USAGE;
	}
	return 0;
}

int
cli_main(const struct cli *cl, int argc, char **argv)
{
	size_t	 i;
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
	while ((ch = getopt_long(argc, argv, "+:" CS_OPTSTR "h", common_long,
	    NULL)) != -1) {
		if (ch == 'h') {
			print_usage(stdout, NULL);
			return out_fshut(stdout);
		}
		if (ch == ':')
			warnx("-%c needs an argument", optopt);
		else if (ch == '?' && optopt != 0)
			warnx("unknown option -%c", optopt);
		else if (ch == '?')
			warnx("unknown option %s", argv[optind - 1]);
		if (!cs_option(cl->cs, ch, optarg))
			cli_usage(NULL);
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage(NULL);
	for (i = 0; i < cl->ncmds; i++)
		if (usage_covers(&cl->cmds[i], argv[0]))
			break;
	if (i == cl->ncmds) {
		warnx("%s: unknown command", argv[0]);
		cli_usage(NULL);
	}
	optind = 0;	/* glibc: start over on the subcommand's arguments */
	rc = cl->cmds[i].fn(argc, argv);
	cs_done(cl->cs);
	orc = out_fshut(stdout);
	return rc ? rc : orc;
}
