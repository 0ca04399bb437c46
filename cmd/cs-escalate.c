/*
 * cs-escalate: the escalation ladder.  Raises tickets to a level (1 the
 * agent, 2 the supervisor, 3 the manager) or to a department, with an
 * owner and a deadline; acknowledges, takes the incident report that
 * level 3 needs, resolves, lists and shows escalations; and sweeps, from
 * cron, what breached its SLA or was not acknowledged in time.
 *
 * Reads: ticket or escalation IDs as arguments or one per line on stdin;
 * the incident report on stdin.  Prints: the IDs it made or touched;
 * the sweep's ESCALATION TICKET LEVEL REASON lines; listings as tables,
 * TSV or JSON Lines.  Exit: 0, 1 some items failed (or a notify
 * command failed), 64 usage, 65 refused, 66 no such record, 74 output
 * error, 75 busy, 77 not permitted, 78 configuration.  See cs-escalate(1).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static struct cs cs;

struct raise_args {
	struct escalation_in	 in;
	int64_t			*made;	/* for notify */
	size_t			 nmade;
	size_t			 cap;
};

static int
change_raise(struct cs *c, int64_t ticket, void *arg)
{
	struct raise_args	*ra = arg;
	int64_t			 id;
	int			 rc;

	if ((rc = escalation_raise(c, ticket, &ra->in, &id)) != 0)
		return rc;
	c->made_type = ID_ESCALATION;
	c->made = id;
	return 0;
}

static int
each_raise(int64_t ticket, void *arg)
{
	struct raise_args	*ra = arg;
	int			 rc;

	if ((rc = cs_apply(&cs, ID_TICKET, ticket, change_raise, arg)) != 0)
		return rc;
	if (ra->nmade == ra->cap) {
		ra->cap = ra->cap ? ra->cap * 2 : 16;
		if ((ra->made = reallocarray(ra->made, ra->cap,
		    sizeof(*ra->made))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	ra->made[ra->nmade++] = cs.made;
	return 0;
}

static int
cmd_raise(int argc, char **argv)
{
	struct raise_args	 ra;
	const char		*errstr;
	int			 ch, rc, nrc;

	memset(&ra, 0, sizeof(ra));
	while ((ch = cli_opt(argc, argv, "l:D:r:a:", "raise")) != -1) {
		switch (ch) {
		case 'l':
			ra.in.level = strtonum(optarg, 1, 3, &errstr);
			if (errstr != NULL) {
				warnx("raise: -l %s: levels are 1 (agent), 2 "
				    "(supervisor) and 3 (manager)", optarg);
				return CS_USAGE;
			}
			break;
		case 'D':
			ra.in.department = optarg;
			break;
		case 'r':
			ra.in.reason = optarg;
			break;
		case 'a':
			ra.in.owner = optarg;
			break;
		default:
			cli_usage("raise");
		}
	}
	argc -= optind;
	argv += optind;
	if ((ra.in.level == 0) == (ra.in.department == NULL)) {
		warnx("raise: give a level (-l) or a department (-D)");
		cli_usage("raise");
	}
	if (ra.in.reason == NULL) {
		warnx("raise: give the reason (-r)");
		cli_usage("raise");
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	rc = id_loop(argc, argv, ID_TICKET, each_raise, &ra);
	nrc = escalation_notify_made(&cs, ra.made, ra.nmade);
	free(ra.made);
	return rc ? rc : nrc;
}

static int
change_ack(struct cs *c, int64_t id, void *arg)
{
	(void)arg;
	return escalation_ack(c, id);
}

static int
each_ack(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_ESCALATION, id, change_ack, arg);
}

static int
cmd_ack(int argc, char **argv)
{
	int	 rc;

	cli_noopts(&argc, &argv, "ack");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc, argv, ID_ESCALATION, each_ack, NULL);
}

static int
change_report(struct cs *c, int64_t id, void *arg)
{
	return escalation_report(c, id, arg);
}

static int
cmd_report(int argc, char **argv)
{
	const char	*errstr;
	char		*text = NULL;
	int64_t		 id;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "m:", "report")) != -1) {
		if (ch == 'm')
			text = optarg;
		else
			cli_usage("report");
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		cli_usage("report");
	if (id_parse(argv[0], ID_ESCALATION, &id, &errstr) == -1) {
		warnx("%s: %s", argv[0], errstr);
		return CS_DATAERR;
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	if (text == NULL) {
		if (cs_stdin_closed())
			return CS_NOINPUT;
		if (isatty(STDIN_FILENO)) {
			warnx("report: write the incident report on stdin "
			    "(or use -m)");
			return CS_USAGE;
		}
		if ((rc = cs_read_text("incident report", &text)) != 0)
			return rc;
		rc = cs_apply(&cs, ID_ESCALATION, id, change_report, text);
		free(text);
		return rc;
	}
	return cs_apply(&cs, ID_ESCALATION, id, change_report, text);
}

static int
change_resolve(struct cs *c, int64_t id, void *arg)
{
	return escalation_resolve(c, id, arg);
}

static int
each_resolve(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_ESCALATION, id, change_resolve, arg);
}

static int
cmd_resolve(int argc, char **argv)
{
	const char	*note = NULL;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "m:", "resolve")) != -1) {
		if (ch == 'm')
			note = optarg;
		else
			cli_usage("resolve");
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc - optind, argv + optind, ID_ESCALATION,
	    each_resolve, (void *)note);
}

static int
cmd_ls(int argc, char **argv)
{
	struct escalation_filter f;
	struct out		*o;
	const char		*errstr;
	int			 ch, rc, orc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv, "As:l:D:a:T:", "ls")) != -1) {
		switch (ch) {
		case 'A':
			f.all = 1;
			break;
		case 's':
			f.status = optarg;
			break;
		case 'l':
			f.level = strtonum(optarg, 1, 3, &errstr);
			if (errstr != NULL) {
				warnx("ls: -l %s: levels are 1, 2 and 3",
				    optarg);
				return CS_USAGE;
			}
			break;
		case 'D':
			f.department = optarg;
			break;
		case 'a':
			f.owner = optarg;
			break;
		case 'T':
			if (id_parse(optarg, ID_TICKET, &f.ticket,
			    &errstr) == -1) {
				warnx("ls: -T %s %s", optarg, errstr);
				return CS_USAGE;
			}
			break;
		case CLI_OVERDUE:
			f.overdue = 1;
			break;
		default:
			cli_usage("ls");
		}
	}
	if (optind != argc)
		cli_usage("ls");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, escalation_cols, escalation_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	if ((rc = escalation_list(&cs, &f, o)) != 0 && cs.err[0])
		warnx("%s", cs.err);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_ESCALATION, escalation_show);
}

/*
 * The sweep decides and writes everything in one transaction, so a
 * second sweep waiting on the lock sees the first one's work and finds
 * nothing left.  Its lines are held until the commit: what it prints
 * is what happened.  -n prints the same and rolls back.
 */
static int
cmd_sweep(int argc, char **argv)
{
	struct out_opts	 so;
	struct out	*o;
	FILE		*mem;
	char		*buf = NULL;
	size_t		 len = 0, nmade = 0;
	int64_t		*made = NULL;
	int		 ch, rc, dry = 0;

	while ((ch = cli_opt(argc, argv, "n", "sweep")) != -1) {
		if (ch == 'n')
			dry = 1;
		else
			cli_usage("sweep");
	}
	if (optind != argc)
		cli_usage("sweep");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	so = cs.out;
	if (so.mode == OUT_AUTO)
		so.mode = out_is_table(&cs.out) ? OUT_TABLE : OUT_TSV;
	if ((mem = open_memstream(&buf, &len)) == NULL)
		err(CS_SOFTWARE, NULL);
	if ((o = out_open(mem, sweep_cols, sweep_ncols, &so)) == NULL) {
		fclose(mem);
		free(buf);
		return CS_USAGE;
	}
	if ((rc = db_begin(cs.db)) != 0) {
		out_close(o);
		fclose(mem);
		free(buf);
		return rc;
	}
	cs.err[0] = '\0';
	rc = escalation_sweep(&cs, o, &made, &nmade);
	if (rc == 0)
		rc = out_close(o);
	else
		out_close(o);
	fclose(mem);
	if (rc != 0 || dry) {
		db_rollback(cs.db);
		if (rc != 0 && cs.err[0] != '\0')
			warnx("sweep: %s", cs.err);
	} else
		rc = db_commit(cs.db);
	if (rc == 0)
		fwrite(buf, 1, len, stdout);
	free(buf);
	if (rc == 0 && !dry)
		rc = escalation_notify(&cs, made, nmade);
	free(made);
	return rc;
}

/* ---- incidents ---- */

struct inc_args {
	const char	*tmpl, *text;
	int		 close;
	int64_t		*ids;		/* the tickets replied to */
	size_t		 n;
};

static int
change_incident_open(struct cs *c, int64_t unused, void *arg)
{
	int64_t	 id;
	int	 rc;

	(void)unused;
	if ((rc = incident_open(c, arg, &id)) != 0)
		return rc;
	c->made_type = ID_INCIDENT;
	c->made = id;
	return 0;
}

static int
change_link(struct cs *c, int64_t ticket, void *arg)
{
	return incident_link(c, *(int64_t *)arg, ticket);
}

static int
each_link(int64_t ticket, void *arg)
{
	return cs_apply(&cs, ID_TICKET, ticket, change_link, arg);
}

static int
change_incident_reply(struct cs *c, int64_t id, void *arg)
{
	struct inc_args	*ia = arg;

	return ia->close ? incident_close(c, id, ia->tmpl, ia->text, &ia->ids,
	    &ia->n) : incident_update(c, id, ia->tmpl, ia->text, &ia->ids,
	    &ia->n);
}

static int
show_incident(struct cs *c, int64_t id, FILE *fp)
{
	return incident_show(c, id, fp);
}

/* The incident argument: N12 or 12. */
static int
incident_arg(const char *s, int64_t *id)
{
	const char	*errstr;

	if (id_parse(s, ID_INCIDENT, id, &errstr) == -1) {
		warnx("%s %s", s, errstr);
		return CS_DATAERR;
	}
	return 0;
}

static int
cmd_incident(int argc, char **argv)
{
	struct incident_in	 in;
	struct inc_args		 ia;
	struct out		*o;
	const char		*sub;
	int64_t			 id;
	size_t			 i;
	int			 ch, rc, orc, all = 0;

	if (argc < 2)
		cli_usage("incident");
	sub = argv[1];
	argc--;
	argv++;
	memset(&in, 0, sizeof(in));
	memset(&ia, 0, sizeof(ia));
	if (strcmp(sub, "open") == 0) {
		while ((ch = cli_opt(argc, argv, "s:D:m:", "incident")) != -1) {
			if (ch == 's')
				in.severity = optarg;
			else if (ch == 'D')
				in.departments = optarg;
			else if (ch == 'm')
				in.description = optarg;
			else
				cli_usage("incident");
		}
		if (argc - optind != 1 || in.severity == NULL ||
		    in.departments == NULL)
			cli_usage("incident");
		in.title = argv[optind];
		if ((rc = cli_start(DB_WRITE)) != 0)
			return rc;
		if ((rc = cs_apply(&cs, ID_INCIDENT, 0, change_incident_open,
		    &in)) != 0)
			return rc;
		/* Recorded: now the departments hear of it. */
		out_flush(stdout);
		return incident_notify(&cs, cs.made);
	}
	if (strcmp(sub, "link") == 0) {
		cli_noopts(&argc, &argv, "incident");
		if (argc < 1)
			cli_usage("incident");
		if ((rc = incident_arg(argv[0], &id)) != 0)
			return rc;
		if ((rc = cli_start(DB_WRITE)) != 0)
			return rc;
		return id_loop(argc - 1, argv + 1, ID_TICKET, each_link, &id);
	}
	if (strcmp(sub, "update") == 0 || strcmp(sub, "close") == 0) {
		ia.close = *sub == 'c';
		while ((ch = cli_opt(argc, argv, "t:m:", "incident")) != -1) {
			if (ch == 't')
				ia.tmpl = optarg;
			else if (ch == 'm')
				ia.text = optarg;
			else
				cli_usage("incident");
		}
		if (argc - optind != 1 || (ia.tmpl && ia.text) ||
		    (!ia.close && !ia.tmpl && !ia.text))
			cli_usage("incident");
		if ((rc = incident_arg(argv[optind], &id)) != 0)
			return rc;
		if ((rc = cli_start(DB_WRITE)) != 0)
			return rc;
		cs.quiet++;	/* the tickets are the result, not the ID */
		rc = cs_apply(&cs, ID_INCIDENT, id, change_incident_reply, &ia);
		cs.quiet--;
		for (i = 0; rc == 0 && i < ia.n; i++)
			cs_print_id(&cs, ID_TICKET, ia.ids[i]);
		free(ia.ids);
		return rc;
	}
	if (strcmp(sub, "show") == 0)
		return cli_show(argc, argv, ID_INCIDENT, show_incident);
	if (strcmp(sub, "ls") != 0)
		cli_usage("incident");
	while ((ch = cli_opt(argc, argv, "A", "incident")) != -1) {
		if (ch == 'A')
			all = 1;
		else
			cli_usage("incident");
	}
	if (optind != argc)
		cli_usage("incident");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, incident_cols, incident_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	cs.err[0] = '\0';
	if ((rc = incident_list(&cs, all, o)) != 0 && cs.err[0] != '\0')
		warnx("%s", cs.err);
	orc = out_close(o);
	return rc ? rc : orc;
}

static const struct cli_cmd cmds[] = {
	{ "raise", cmd_raise, "raise -l level | -D department -r reason "
	    "[-a owner] [ID ...]" },
	{ "ack", cmd_ack, "ack [ID ...]" },
	{ "report", cmd_report, "report [-m text] ID" },
	{ "resolve", cmd_resolve, "resolve [-m note] [ID ...]" },
	{ "ls", cmd_ls, "ls [-A] [-s status] [-l level] [-D department] "
	    "[-a owner] [-T ticket] [--overdue]" },
	{ "show", cmd_show, "show [ID ...]" },
	{ "sweep", cmd_sweep, "sweep [-n]" },
	{ "incident", cmd_incident, "incident open -s severity -D department,... "
	    "[-m description] title" },
	{ "incident", cmd_incident, "incident link incident [ticket ...]" },
	{ "incident", cmd_incident, "incident update -t template | -m text "
	    "incident" },
	{ "incident", cmd_incident, "incident close [-t template | -m text] "
	    "incident" },
	{ "incident", cmd_incident, "incident ls [-A]" },
	{ "incident", cmd_incident, "incident show [incident ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
