/*
 * cs-ticket: the ticket desk (工单).  Opens tickets, lists and shows
 * them, replies and notes, hands them over, moves them through
 * open -> pending -> resolved -> closed, and records the call-back.
 * Two-sided disputes live on a ticket: each side's statements, the
 * stages, platform intervention and the decision.
 *
 * Reads: ticket IDs as arguments or, with none, one per stdin line (first
 * field); `import` reads TSV with a header.  Prints: listings as a table
 * on a terminal, TSV in a pipe, JSON Lines with -j; changes print the
 * IDs they touched.  Exit: 0, 1 some items failed, 64 usage, 65 bad data
 * or a refused change, 66 no such record, 74 output error, 75 busy,
 * 77 not permitted, 78 configuration error.  See cs-ticket(1).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static struct cs cs;

static int
make_ticket(struct cs *c, void *tn, int64_t *id, int *again)
{
	return ticket_create(c, tn, id);
}

static int
cmd_new(int argc, char **argv)
{
	struct ticket_new	 tn;
	char			*subject, *body = NULL;
	int			 ch, rc;

	memset(&tn, 0, sizeof(tn));
	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "CNOkpwbx", &tn.customer, &tn.customer_name,
		    &tn.order, &tn.kind, &tn.priority, &tn.channel, &tn.body,
		    &tn.complexity);
	argc -= optind;
	argv += optind;
	if (argc < 2 || tn.customer == NULL)
		cli_usage();
	if ((rc = cli_start()) != 0)
		return rc;
	if (tn.body != NULL && strcmp(tn.body, "-") == 0) {
		if ((rc = cs_read_text("body", &body)) != 0)
			return rc;
		tn.body = body;
	}
	tn.category = argv[0];
	tn.subject = subject = cli_join(argc - 1, argv + 1);
	rc = cli_change(ID_TICKET, make_ticket, &tn);
	free(subject);
	free(body);
	return rc;
}

static int
cmd_import(int argc, char **argv)
{
	struct cli_batch	 b = {
		.cols = import_ticket_cols, .ncols = import_ticket_ncols,
		.fn = import_ticket, .type = ID_TICKET, .chunk = IMPORT_CHUNK,
		.hold_ms = IMPORT_HOLD_MS, .keyed = import_ticket_keyed,
		.savepoint_if = import_ticket_savepoint, .text_later = 1,
		.what = "import", .done = "imported"
	};

	while (cli_opt(argc, argv) != -1)
		b.all = 1;
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage();
	return cli_batch(&b, argc == 1 ? argv[0] : NULL);
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_TICKET, ticket_show);
}

static int
cmd_ls(int argc, char **argv)
{
	struct ticket_filter	 f;
	struct out		*o;
	const char		*errstr, *since = NULL, *until = NULL;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv)) != -1) {
		if (cli_optarg(ch, "stkpwaCORSugrfPN", &f.statuses,
		    &f.category, &f.kind, &f.priority, &f.channel,
		    &f.assignee, &f.customer, &f.order, &f.ref, &since,
		    &until, &f.text, &f.sort, &f.search, &f.phone_tail,
		    &f.name))
			continue;
		switch (ch) {
		case 'n':
			f.limit = strtonum(optarg, 1, INT64_MAX, &errstr);
			if (errstr != NULL) {
				warnx("-n %s: %s", optarg, errstr);
				return CS_USAGE;
			}
			break;
		case CLI_BREACHED:
			f.breached = 1;
			break;
		case CLI_AWAITING_CALLBACK:
			f.awaiting_callback = 1;
			break;
		case CLI_FIXED:
			f.fixed = 1;
			break;
		case CLI_DUE_WITHIN:
			if (duration_parse(optarg, &f.due_within,
			    &errstr) == -1) {
				warnx("--due-within %s: %s", optarg, errstr);
				return CS_USAGE;
			}
			break;
		}
	}
	if (optind != argc)
		cli_usage();
	/* The times before the agent; an --unmask audited as the listing. */
	if ((rc = cs_init(&cs)) != 0 ||
	    (since && (rc = cli_time("-S", since, &f.since)) != 0) ||
	    (until && (rc = cli_time("-u", until, &f.until)) != 0) ||
	    (rc = agent_require(&cs.actor, ROLE_ANY, getprogname())) != 0 ||
	    (rc = cs_unmask(&cs, "cs-ticket ls")) != 0 ||
	    (rc = cs_open(&cs, DB_READ)) != 0)
		return rc;
	f.has_since = since != NULL;
	f.has_until = until != NULL;
	if ((o = out_open(stdout, ticket_cols, ticket_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	/* ticket_list says what is wrong itself. */
	rc = ticket_list(&cs, &f, o);
	ch = out_close(o);
	return rc ? rc : ch;
}

/* reply [-F reason] [-m text | -t template] and note [-m text] */
static int
cmd_reply(int argc, char **argv)
{
	struct ticket_text	 ra = { NULL, NULL, argv[0][0] == 'n', NULL,
	    "-m" };
	struct cli_each		 e = {
		.type = ID_TICKET, .fn = ticket_answer, .arg = &ra
	};
	const char		*cmd = argv[0], *role;
	char			*text = NULL;
	int			 ch, rc;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "mtF", &ra.text, &ra.tmpl, &ra.force);
	argc -= optind;
	argv += optind;
	if (ra.text != NULL && ra.tmpl != NULL)
		cli_usage();
	if (ra.text == NULL && ra.tmpl == NULL && argc == 0) {
		warnx("%s: the text comes from stdin, so give the ticket IDs "
		    "as arguments (or use -m)", cmd);
		return CS_USAGE;
	}
	if ((rc = cli_start()) != 0)
		return rc;
	/* Refused once, before any ticket, when -F is not the agent's. */
	if (ra.force != NULL &&
	    (rc = lint_force_ok(&cs, ra.force, &role)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	if (ra.text == NULL && ra.tmpl == NULL) {
		if ((rc = cs_read_text(cmd, &text)) != 0)
			return rc;
		ra.text = text;
		ra.from = "stdin";
	}
	rc = cli_each(argc, argv, &e);
	free(text);
	return rc;
}

/*
 * assign [-m note] name, merge survivor, complexity simple|complex: the
 * tickets named after it
 */
static int
cmd_assign(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_TICKET, .fn_ss = ticket_transfer };

	if (strcmp(argv[0], "merge") == 0 ||
	    strcmp(argv[0], "complexity") == 0) {
		e.fn_ss = NULL;
		e.fn_s = *argv[0] == 'm' ? ticket_merge : ticket_complexity;
	}
	while (cli_opt(argc, argv) != -1)
		e.s2 = optarg;
	if (optind >= argc)
		cli_usage();
	e.s = argv[optind];
	return cli_each(argc - optind - 1, argv + optind + 1, &e);
}

static int
cmd_set(int argc, char **argv)
{
	struct ticket_change	 c = { NULL, NULL, NULL };
	struct cli_each		 e = { .type = ID_TICKET, .fn = ticket_set };
	int			 ch;

	while ((ch = cli_opt(argc, argv)) != -1)
		cli_optarg(ch, "tkp", &c.category, &c.kind, &c.priority);
	if (c.category == NULL && c.kind == NULL && c.priority == NULL)
		cli_usage();
	e.arg = &c;
	return cli_each(argc - optind, argv + optind, &e);
}

/* pend, resolve, close, reopen */
static int
cmd_state(int argc, char **argv)
{
	struct cli_each	 e = {
		.type = ID_TICKET, .fn_s = ticket_transition, .s = argv[0]
	};

	cli_noopts(&argc, &argv);
	return cli_each(argc, argv, &e);
}

static int
cmd_callback(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_TICKET, .fn_is = ticket_callback };
	const char	*errstr;
	int		 ch;

	while ((ch = cli_opt(argc, argv)) != -1) {
		if (cli_optarg(ch, "m", &e.s))
			continue;
		e.i = strtonum(optarg, 1, 5, &errstr);
		if (errstr != NULL) {
			warnx("-s %s: satisfaction is 1 to 5", optarg);
			return CS_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (e.i == 0)
		cli_usage();
	return cli_each(argc, argv, &e);
}

static int
cmd_log(int argc, char **argv)
{
	/* A ticket with no record at all does not exist. */
	return cli_history(argc, argv, ID_TICKET, ticket_exists);
}

/* ---- `cs-ticket dispute ...`: two-sided disputes ---- */

/* dispute open, say, negotiate, intervene, decide, close */
static int
cmd_dispute(int argc, char **argv)
{
	struct dispute_act	 da;
	struct cli_each		 e = { .type = ID_DISPUTE,
	    .fn = dispute_act, .arg = &da };
	char			*text = NULL;
	int			 ch, rc, nrc, k = (unsigned char)argv[0][0];

	memset(&da, 0, sizeof(da));
	da.action = k;
	while ((ch = cli_opt(argc, argv)) != -1)
		if (!cli_optarg(ch, "POsmrfa", &da.in.counterparty,
		    &da.in.order, &da.side, &da.text, &da.text, &da.outcome,
		    &da.amount))
			da.evidence = 1;
	argc -= optind;
	argv += optind;
	if ((k == 'o' && da.in.counterparty == NULL) ||
	    (k == 's' && da.side == NULL) || (k == 'i' && da.text == NULL) ||
	    (k == 'd' && (da.outcome == NULL || da.text == NULL)))
		cli_usage();
	if (k == 's' && da.text == NULL && argc == 0) {
		warnx("dispute say: the text comes from stdin, so give the "
		    "dispute IDs as arguments (or use -m)");
		return CS_USAGE;
	}
	if ((rc = cli_start()) != 0)
		return rc;
	if (k == 's' && da.text == NULL) {
		if ((rc = cs_read_text(da.evidence ? "evidence" : "statement",
		    &text)) != 0)
			return rc;
		da.text = text;
	}
	if (k == 'o')
		e.type = ID_TICKET;
	e.keep = k == 'i';
	rc = cli_each(argc, argv, &e);
	nrc = escalation_notify_made(&cs, e.made, e.nmade);
	free(e.made);
	free(text);
	return rc ? rc : nrc;
}

static int
cmd_dispute_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*stage = NULL;
	int		 ch, rc, all = 0;

	while ((ch = cli_opt(argc, argv)) != -1)
		if (!cli_optarg(ch, "s", &stage))
			all = 1;
	if ((rc = cli_list(argc, dispute_cols, dispute_ncols, &o)) != 0)
		return rc;
	return cli_close(o, dispute_list(&cs, stage, all, o));
}

static int
cmd_dispute_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_DISPUTE, dispute_show);
}

static const struct cli_cmd cmds[] = {
	{ NULL, "new", cmd_new, DB_WRITE, "C:N:O:k:p:w:b:x:", NULL,
	    "new -C customer [-N name] [-O order] [-k kind] [-p priority] "
	    "[-w channel] [-b body] [-x simple|complex] category subject" },
	{ NULL, "import", cmd_import, DB_WRITE, "A", NULL,
	    "import [-A] [file]" },
	{ NULL, "show", cmd_show, DB_READ, "", " unmask ", "show [ID ...]" },
	{ NULL, "ls", cmd_ls, DB_READ, "s:t:k:p:w:a:C:O:R:S:u:g:r:n:f:P:N:",
	    " breached due-within awaiting-callback fixed unmask ",
	    "ls [-s status[,status]] [-t category] [-k kind] [-p priority] "
	    "[-w channel] [-a assignee] [-C customer] [-O order] [-R ref] "
	    "[-S since] [-u until] [-g text] [-f text] [-P last4] [-N name] "
	    "[-r [-]key] [-n limit] [--breached] [--due-within duration] "
	    "[--awaiting-callback] [--fixed]" },
	{ NULL, "reply", cmd_reply, DB_WRITE, "F:m:t:", NULL,
	    "reply [-F reason] [-m text | -t template] [ID ...]" },
	{ NULL, "note", cmd_reply, DB_WRITE, "m:", NULL,
	    "note [-m text] [ID ...]" },
	{ NULL, "assign", cmd_assign, DB_WRITE, "m:", NULL,
	    "assign [-m note] name [ID ...]" },
	{ NULL, "merge", cmd_assign, DB_WRITE, "", NULL,
	    "merge survivor [ID ...]" },
	{ NULL, "set", cmd_set, DB_WRITE, "t:k:p:", NULL,
	    "set [-t category] [-k kind] [-p priority] [ID ...]" },
	{ NULL, "complexity", cmd_assign, DB_WRITE, "", NULL,
	    "complexity simple|complex [ID ...]" },
	{ NULL, " pend resolve close reopen ", cmd_state, DB_WRITE, "", NULL,
	    "pend | resolve | close | reopen [ID ...]" },
	{ NULL, "callback", cmd_callback, DB_WRITE, "s:m:", NULL,
	    "callback -s score [-m comment] [ID ...]" },
	{ NULL, "log", cmd_log, DB_READ, "", " unmask ", "log [ID ...]" },
	{ NULL, "exam", cli_exam, DB_WRITE, "", NULL,
	    "exam agent month score" },
	{ "dispute", "open", cmd_dispute, DB_WRITE, "P:O:", NULL,
	    "dispute open -P counterparty [-O order] [ID ...]" },
	{ "dispute", "say", cmd_dispute, DB_WRITE, "s:em:", NULL,
	    "dispute say -s customer|counterparty [-e] [-m text] [ID ...]" },
	{ "dispute", " negotiate close ", cmd_dispute, DB_WRITE, "", NULL,
	    "dispute negotiate | close [ID ...]" },
	{ "dispute", "intervene", cmd_dispute, DB_WRITE, "r:", NULL,
	    "dispute intervene -r reason [ID ...]" },
	{ "dispute", "decide", cmd_dispute, DB_WRITE, "f:a:r:", NULL,
	    "dispute decide -f customer|counterparty|split [-a amount] "
	    "-r reason [ID ...]" },
	{ "dispute", "ls", cmd_dispute_ls, DB_READ, "As:", NULL,
	    "dispute ls [-A] [-s stage]" },
	{ "dispute", "show", cmd_dispute_show, DB_READ, "", " unmask ",
	    "dispute show [ID ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
