/*
 * cs-escalate: the escalation ladder.  Raises tickets to a level (1 the
 * agent, 2 the supervisor, 3 the manager) or to a department, with an
 * owner and a deadline; acknowledges, takes the incident report that
 * level 3 needs, resolves, lists and shows escalations; and sweeps, from
 * cron, what breached its SLA or was not acknowledged or solved in time.
 * Incidents: opened, acknowledged by their departments, linked,
 * updated, closed.
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

#include "cli/cli.h"

static struct cs cs;

static int
change_raise(struct cs *c, int64_t ticket, void *in)
{
	int	 rc;

	if ((rc = escalation_raise(c, ticket, in, &c->made)) == 0)
		c->made_type = ID_ESCALATION;
	return rc;
}

static int
cmd_raise(int argc, char **argv)
{
	struct escalation_in	 in;
	struct cli_each		 e = {
		.type = ID_TICKET, .fn = change_raise, .arg = &in, .keep = 1
	};
	const char		*errstr;
	int			 ch, rc, nrc;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1) {
		if (cli_optarg(ch, "Dra", &in.department, &in.reason,
		    &in.owner))
			continue;
		in.level = strtonum(optarg, 1, 3, &errstr);
		if (errstr != NULL) {
			warnx("raise: -l %s: levels are 1 (agent), 2 "
			    "(supervisor) and 3 (manager)", optarg);
			return CS_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if ((in.level == 0) == (in.department == NULL)) {
		warnx("raise: give a level (-l) or a department (-D)");
		cli_usage();
	}
	if (in.reason == NULL) {
		warnx("raise: give the reason (-r)");
		cli_usage();
	}
	rc = cli_each(argc, argv, &e);
	nrc = escalation_notify_made(&cs, e.made, e.nmade);
	free(e.made);
	return rc ? rc : nrc;
}

/* A resolved one is kept: a department's fix is told to the desk. */
static int
change_resolve(struct cs *c, int64_t id, void *note)
{
	int	 rc;

	if ((rc = escalation_resolve(c, id, *(const char **)note)) == 0) {
		c->made = id;
		c->made_type = ID_ESCALATION;
	}
	return rc;
}

/* ack and resolve [-m note] */
static int
cmd_ack(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_ESCALATION };
	const char	*note = NULL;
	int		 rc, nrc;

	if (argv[0][0] == 'a')
		e.fn_id = escalation_ack;
	else {
		e.fn = change_resolve;
		e.keep = 1;
	}
	while (cli_opt(argc, argv) != -1)
		note = optarg;
	e.arg = &note;
	rc = cli_each(argc - optind, argv + optind, &e);
	nrc = escalation_notify_made(&cs, e.made, e.nmade);
	free(e.made);
	return rc ? rc : nrc;
}

static int
cmd_report(int argc, char **argv)
{
	struct cli_each	 e = {
		.type = ID_ESCALATION, .fn_s = escalation_report
	};
	const char	*errstr;
	char		*text = NULL;
	int64_t		 id;
	int		 rc;

	while (cli_opt(argc, argv) != -1)
		e.s = optarg;
	argc -= optind;
	argv += optind;
	if (argc != 1)
		cli_usage();
	if (id_parse(argv[0], ID_ESCALATION, &id, &errstr) == -1) {
		warnx("%s: %s", argv[0], errstr);
		return CS_DATAERR;
	}
	if ((rc = cli_start()) != 0)
		return rc;
	if (e.s == NULL) {
		if (cs_stdin_closed())
			return CS_NOINPUT;
		if (isatty(STDIN_FILENO)) {
			warnx("report: write the incident report on stdin "
			    "(or use -m)");
			return CS_USAGE;
		}
		if ((rc = cs_read_text("incident report", &text)) != 0)
			return rc;
		e.s = text;
	}
	rc = cli_each(1, argv, &e);
	free(text);
	return rc;
}

static int
cmd_ls(int argc, char **argv)
{
	struct escalation_filter f;
	struct out		*o;
	const char		*errstr;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv)) != -1) {
		if (cli_optarg(ch, "sDa", &f.status, &f.department, &f.owner))
			continue;
		switch (ch) {
		case 'A':
			f.all = 1;
			break;
		case 'l':
			f.level = strtonum(optarg, 1, 3, &errstr);
			if (errstr != NULL) {
				warnx("ls: -l %s: levels are 1, 2 and 3",
				    optarg);
				return CS_USAGE;
			}
			break;
		case 'T':
			if (id_parse(optarg, ID_TICKET, &f.ticket,
			    &errstr) == -1) {
				warnx("ls: -T %s %s", optarg, errstr);
				return CS_USAGE;
			}
			break;
		case CLI_UNNOTIFIED:
			f.unnotified = 1;
			break;
		default:
			f.overdue = 1;
		}
	}
	if ((rc = cli_list(argc, escalation_cols, escalation_ncols, &o)) != 0)
		return rc;
	return cli_close(o, escalation_list(&cs, &f, o));
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_ESCALATION, escalation_show);
}

static int
cmd_sweep(int argc, char **argv)
{
	int	 rc, dry = 0;

	while (cli_opt(argc, argv) != -1)
		dry = 1;
	if (optind != argc)
		cli_usage();
	cs.existing = 1;
	if ((rc = cli_start()) != 0)
		return rc;
	return sweep_run(&cs, dry, stdout);
}

/* ---- `cs-escalate incident ...` ---- */

static int
make_incident(struct cs *c, void *in, int64_t *id, int *again)
{
	return incident_open(c, in, id);
}

static int
cmd_incident_open(int argc, char **argv)
{
	struct incident_in	 in;
	int			 ch, rc;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "sDm", &in.severity, &in.departments,
		    &in.description);
	if (argc - optind != 1 || in.severity == NULL ||
	    in.departments == NULL)
		cli_usage();
	in.title = argv[optind];
	if ((rc = cli_change(ID_INCIDENT, make_incident, &in)) != 0)
		return rc;
	/* Recorded: now the departments hear of it. */
	out_flush(stdout);
	return incident_notify(&cs, cs.made);
}

static int
link_ticket(struct cs *c, int64_t ticket, void *incident)
{
	return incident_link(c, *(int64_t *)incident, ticket);
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
cmd_incident_link(int argc, char **argv)
{
	int64_t		 id;
	struct cli_each	 e = { .type = ID_TICKET, .fn = link_ticket,
	    .arg = &id };
	int		 rc;

	cli_noopts(&argc, &argv);
	if (argc < 1)
		cli_usage();
	if ((rc = incident_arg(argv[0], &id)) != 0)
		return rc;
	return cli_each(argc - 1, argv + 1, &e);
}

/* incident ack [-D department] incident ... */
static int
cmd_incident_ack(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_INCIDENT, .fn_s = incident_ack };

	while (cli_opt(argc, argv) != -1)
		e.s = optarg;
	return cli_each(argc - optind, argv + optind, &e);
}

struct inc_args {
	const char	*tmpl, *text;
	int		 close;
	int64_t		*ids;		/* the tickets replied to */
	size_t		 n;
	size_t		 failed;	/* tickets not replied to */
};

static int
change_incident_reply(struct cs *c, int64_t id, void *arg)
{
	struct inc_args	*ia = arg;

	return ia->close ? incident_close(c, id, ia->tmpl, ia->text, &ia->ids,
	    &ia->n, &ia->failed) : incident_update(c, id, ia->tmpl, ia->text,
	    &ia->ids, &ia->n, &ia->failed);
}

/* incident update -t template | -m text, and incident close */
static int
cmd_incident_reply(int argc, char **argv)
{
	struct inc_args	 ia = { NULL, NULL, argv[0][0] == 'c', NULL, 0, 0 };
	int64_t		 id;
	size_t		 i;
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "tm", &ia.tmpl, &ia.text);
	if (argc - optind != 1 || (ia.tmpl && ia.text) ||
	    (!ia.close && !ia.tmpl && !ia.text))
		cli_usage();
	if ((rc = incident_arg(argv[optind], &id)) != 0 ||
	    (rc = cli_start()) != 0)
		return rc;
	cs.quiet++;	/* the tickets are the result, not the ID */
	rc = cs_apply(&cs, ID_INCIDENT, id, change_incident_reply, &ia);
	cs.quiet--;
	for (i = 0; rc == 0 && i < ia.n; i++)
		cs_print_id(&cs, ID_TICKET, ia.ids[i]);
	free(ia.ids);
	return rc == 0 && ia.failed > 0 ? CS_PARTIAL : rc;
}

static int
cmd_incident_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_INCIDENT, incident_show);
}

static int
cmd_incident_ls(int argc, char **argv)
{
	struct out	*o;
	int		 rc, all = 0;

	while (cli_opt(argc, argv) != -1)
		all = 1;
	if ((rc = cli_list(argc, incident_cols, incident_ncols, &o)) != 0)
		return rc;
	return cli_close(o, incident_list(&cs, all, o));
}

static const struct cli_cmd cmds[] = {
	{ NULL, "raise", cmd_raise, DB_WRITE, "l:D:r:a:", NULL,
	    "raise -l level | -D department -r reason [-a owner] [ID ...]" },
	{ NULL, "ack", cmd_ack, DB_WRITE, "", NULL, "ack [ID ...]" },
	{ NULL, "report", cmd_report, DB_WRITE, "m:", NULL,
	    "report [-m text] ID" },
	{ NULL, "resolve", cmd_ack, DB_WRITE, "m:", NULL,
	    "resolve [-m note] [ID ...]" },
	{ NULL, "ls", cmd_ls, DB_READ, "As:l:D:a:T:",
	    " overdue unnotified unmask ",
	    "ls [-A] [-s status] [-l level] [-D department] [-a owner] "
	    "[-T ticket] [--overdue] [--unnotified]" },
	{ NULL, "show", cmd_show, DB_READ, "", " unmask ", "show [ID ...]" },
	{ NULL, "sweep", cmd_sweep, DB_WRITE, "n", NULL, "sweep [-n]" },
	{ "incident", "open", cmd_incident_open, DB_WRITE, "s:D:m:", NULL,
	    "incident open -s severity -D department,... [-m description] "
	    "title" },
	{ "incident", "link", cmd_incident_link, DB_WRITE, "", NULL,
	    "incident link incident [ticket ...]" },
	{ "incident", "ack", cmd_incident_ack, DB_WRITE, "D:", NULL,
	    "incident ack [-D department] [incident ...]" },
	{ "incident", "update", cmd_incident_reply, DB_WRITE, "t:m:", NULL,
	    "incident update -t template | -m text incident" },
	{ "incident", "close", cmd_incident_reply, DB_WRITE, "t:m:", NULL,
	    "incident close [-t template | -m text] incident" },
	{ "incident", "ls", cmd_incident_ls, DB_READ, "A", " unmask ",
	    "incident ls [-A]" },
	{ "incident", "show", cmd_incident_show, DB_READ, "", " unmask ",
	    "incident show [incident ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
