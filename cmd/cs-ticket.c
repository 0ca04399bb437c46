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
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static struct cs cs;

/* Join argv into one string with single spaces; to free. */
static char *
join_args(int argc, char **argv)
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

static int
cmd_new(int argc, char **argv)
{
	struct ticket_new	 tn;
	int64_t			 id;
	char			*subject, *body = NULL;
	int			 ch, rc;

	memset(&tn, 0, sizeof(tn));
	while ((ch = cli_opt(argc, argv, "C:N:O:k:p:w:b:", "new")) != -1) {
		switch (ch) {
		case 'C':
			tn.customer = optarg;
			break;
		case 'N':
			tn.customer_name = optarg;
			break;
		case 'O':
			tn.order = optarg;
			break;
		case 'k':
			tn.kind = optarg;
			break;
		case 'p':
			tn.priority = optarg;
			break;
		case 'w':
			tn.channel = optarg;
			break;
		case 'b':
			tn.body = optarg;
			break;
		default:
			cli_usage("new");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || tn.customer == NULL)
		cli_usage("new");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	if (tn.body != NULL && strcmp(tn.body, "-") == 0) {
		if ((rc = cs_read_text("body", &body)) != 0)
			return rc;
		tn.body = body;
	}
	tn.category = argv[0];
	subject = join_args(argc - 1, argv + 1);
	tn.subject = subject;
	if ((rc = db_begin(cs.db)) == 0) {
		if ((rc = ticket_create(&cs, &tn, &id)) != 0) {
			db_rollback(cs.db);
			warnx("%s", cs.err);
		} else if ((rc = db_commit(cs.db)) == 0)
			cs_print_id(&cs, ID_TICKET, id);
	}
	free(subject);
	free(body);
	return rc;
}

/* One import line: a ticket from its fields. */
static int
import_line(struct cs *c, struct tsv *r, int64_t *id, int *changed)
{
	struct ticket_new	 tn;
	const char		*errstr, *v, *phone;
	char			 oref[256];

	memset(&tn, 0, sizeof(tn));
	phone = tsv_get(r, IMP_PHONE);
	if (phone == NULL || !phone_valid(phone))
		return cs_error(c, CS_DATAERR, "customer_phone: %s", phone ?
		    "not a mobile phone number" : "missing");
	tn.customer = phone;
	tn.customer_name = tsv_get(r, IMP_NAME);
	tn.category = tsv_get(r, IMP_CATEGORY);
	tn.kind = tsv_get(r, IMP_KIND);
	tn.priority = tsv_get(r, IMP_PRIORITY);
	tn.channel = tsv_get(r, IMP_CHANNEL);
	tn.subject = tsv_get(r, IMP_SUBJECT);
	if (tn.category == NULL || tn.subject == NULL)
		return cs_error(c, CS_DATAERR, "%s: missing", tn.category ?
		    "subject" : "category");
	if ((v = tsv_get(r, IMP_CREATED)) != NULL &&
	    clock_parse(v, c->now, &tn.created_at, &errstr) == -1)
		return cs_error(c, CS_DATAERR, "created_at %s: %s", v, errstr);
	if ((v = tsv_get(r, IMP_ORDER)) != NULL) {
		snprintf(oref, sizeof(oref), "ref:%s", v);
		tn.order = oref;
	}
	tn.ref = tsv_get(r, IMP_REF);
	return ticket_import(c, &tn, id, changed);
}

static int
cmd_import(int argc, char **argv)
{
	struct import	 im = {
		import_ticket_cols, import_ticket_ncols,
		import_line, ID_TICKET, 0
	};
	int		 ch, rc;

	while ((ch = cli_opt(argc, argv, "A", "import")) != -1) {
		if (ch == 'A')
			im.all = 1;
		else
			cli_usage("import");
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage("import");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return cs_import(&cs, &im, argc == 1 ? argv[0] : NULL);
}

static int
cmd_show(int argc, char **argv)
{
	return cli_show(argc, argv, ID_TICKET, ticket_show);
}

static int
split_status(struct ticket_filter *f, char *arg)
{
	char	*w;

	while ((w = strsep(&arg, ",")) != NULL) {
		if (f->nstatus == 4) {
			warnx("-s: at most four statuses");
			return CS_USAGE;
		}
		f->status[f->nstatus++] = w;
	}
	return 0;
}

static int
cmd_ls(int argc, char **argv)
{
	struct ticket_filter	 f;
	struct out		*o;
	const char		*errstr, *since = NULL, *until = NULL;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_opt(argc, argv, "s:t:k:p:w:a:C:O:R:S:u:g:r:n:",
	    "ls")) != -1) {
		switch (ch) {
		case 's':
			if ((rc = split_status(&f, optarg)) != 0)
				return rc;
			break;
		case 't':
			f.category = optarg;
			break;
		case 'k':
			f.kind = optarg;
			break;
		case 'p':
			f.priority = optarg;
			break;
		case 'w':
			f.channel = optarg;
			break;
		case 'a':
			f.assignee = optarg;
			break;
		case 'C':
			f.customer = optarg;
			break;
		case 'O':
			f.order = optarg;
			break;
		case 'R':
			f.ref = optarg;
			break;
		case 'S':
			since = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		case 'g':
			f.text = optarg;
			break;
		case 'r':
			f.sort = optarg;
			break;
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
		case CLI_DUE_WITHIN:
			if (duration_parse(optarg, &f.due_within,
			    &errstr) == -1) {
				warnx("--due-within %s: %s", optarg, errstr);
				return CS_USAGE;
			}
			break;
		default:
			cli_usage("ls");
		}
	}
	if (optind != argc)
		cli_usage("ls");
	if ((rc = cs_init(&cs)) != 0)
		return rc;
	if ((since && (rc = cli_time("-S", since, &f.since)) != 0) ||
	    (until && (rc = cli_time("-u", until, &f.until)) != 0))
		return rc;
	f.has_since = since != NULL;
	f.has_until = until != NULL;
	if ((rc = agent_require(&cs.actor, ROLE_ANY, getprogname())) != 0 ||
	    (rc = cs_unmask(&cs, "cs-ticket ls")) != 0 ||
	    (rc = cs_open(&cs, DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, ticket_cols, ticket_ncols, &cs.out)) == NULL)
		return CS_USAGE;
	rc = ticket_list(&cs, &f, o);
	ch = out_close(o);
	return rc ? rc : ch;
}

struct reply_args {
	const char	*text;		/* -m or stdin */
	const char	*tmpl;		/* -t */
	int		 note;
	int		 force;
};

static int
change_reply(struct cs *c, int64_t id, void *arg)
{
	struct reply_args	*ra = arg;
	char			*body = NULL;
	int			 rc;

	if (ra->tmpl != NULL &&
	    (rc = template_render(c, ra->tmpl, id, &body)) != 0)
		return rc;
	rc = ticket_reply(c, id, ra->note, body ? body : ra->text, ra->force);
	free(body);
	return rc;
}

static int
each_reply(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_TICKET, id, change_reply, arg);
}

static int
reply_or_note(int argc, char **argv, int note)
{
	struct reply_args	 ra;
	const char		*cmd = note ? "note" : "reply";
	char			*text = NULL;
	int			 ch, rc;

	memset(&ra, 0, sizeof(ra));
	ra.note = note;
	while ((ch = cli_opt(argc, argv, note ? "m:" : "Fm:t:", cmd)) != -1) {
		switch (ch) {
		case 'F':
			ra.force = 1;
			break;
		case 'm':
			ra.text = optarg;
			break;
		case 't':
			ra.tmpl = optarg;
			break;
		default:
			cli_usage(cmd);
		}
	}
	argc -= optind;
	argv += optind;
	if (ra.text != NULL && ra.tmpl != NULL)
		cli_usage(cmd);
	if (ra.text == NULL && ra.tmpl == NULL && argc == 0) {
		warnx("%s: the text comes from stdin, so give the ticket IDs "
		    "as arguments (or use -m)", cmd);
		return CS_USAGE;
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	if (ra.text == NULL && ra.tmpl == NULL) {
		if ((rc = cs_read_text(cmd, &text)) != 0)
			return rc;
		ra.text = text;
	}
	rc = id_loop(argc, argv, ID_TICKET, each_reply, &ra);
	free(text);
	return rc;
}

static int
cmd_reply(int argc, char **argv)
{
	return reply_or_note(argc, argv, 0);
}

static int
cmd_note(int argc, char **argv)
{
	return reply_or_note(argc, argv, 1);
}

static int
change_assign(struct cs *c, int64_t id, void *arg)
{
	return ticket_assign(c, id, arg);
}

static int
each_assign(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_TICKET, id, change_assign, arg);
}

static int
cmd_assign(int argc, char **argv)
{
	int	 rc;

	cli_noopts(&argc, &argv, "assign");
	if (argc < 1)
		cli_usage("assign");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc - 1, argv + 1, ID_TICKET, each_assign, argv[0]);
}

static int
change_state(struct cs *c, int64_t id, void *arg)
{
	return ticket_transition(c, id, arg);
}

static int
each_state(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_TICKET, id, change_state, arg);
}

static int
cmd_state(int argc, char **argv)
{
	char	*action = argv[0];
	int	 rc;

	cli_noopts(&argc, &argv, action);
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc, argv, ID_TICKET, each_state, action);
}

struct callback_args {
	int		 score;
	const char	*comment;
};

static int
change_callback(struct cs *c, int64_t id, void *arg)
{
	struct callback_args	*ca = arg;

	return ticket_callback(c, id, ca->score, ca->comment);
}

static int
each_callback(int64_t id, void *arg)
{
	return cs_apply(&cs, ID_TICKET, id, change_callback, arg);
}

static int
cmd_callback(int argc, char **argv)
{
	struct callback_args	 ca = { 0, NULL };
	const char		*errstr;
	int			 ch, rc;

	while ((ch = cli_opt(argc, argv, "s:m:", "callback")) != -1) {
		switch (ch) {
		case 's':
			ca.score = strtonum(optarg, 1, 5, &errstr);
			if (errstr != NULL) {
				warnx("-s %s: satisfaction is 1 to 5", optarg);
				return CS_USAGE;
			}
			break;
		case 'm':
			ca.comment = optarg;
			break;
		default:
			cli_usage("callback");
		}
	}
	argc -= optind;
	argv += optind;
	if (ca.score == 0)
		cli_usage("callback");
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	return id_loop(argc, argv, ID_TICKET, each_callback, &ca);
}

static int
each_log(int64_t id, void *arg)
{
	char	 rec[32];
	int	 rc;

	id_format(ID_TICKET, id, rec, sizeof(rec));
	/* A ticket with no record at all does not exist. */
	if ((rc = ticket_exists(&cs, id)) != 0) {
		warnx("%s", cs.err);
		return rc;
	}
	return audit_history(&cs, rec, arg);
}

static int
cmd_log(int argc, char **argv)
{
	struct out	*o;
	int		 rc, orc;

	cli_noopts(&argc, &argv, "log");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, history_cols, history_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	rc = id_loop(argc, argv, ID_TICKET, each_log, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

/* ---- disputes: `cs-ticket dispute ACTION ...` ---- */

struct dispute_args {
	const char		*action;
	struct dispute_in	 in;
	const char		*side;		/* say */
	int			 evidence;
	const char		*text;		/* say: text; others: reason */
	const char		*outcome;	/* decide */
	const char		*amount;
	int64_t			*made;		/* escalations, for notify */
	size_t			 nmade;
};

static int
change_dispute(struct cs *c, int64_t id, void *arg)
{
	struct dispute_args	*da = arg;
	int64_t			 made;
	int			 rc;

	switch (*da->action) {
	case 'o':
		if ((rc = dispute_open(c, id, &da->in, &made)) != 0)
			return rc;
		c->made_type = ID_DISPUTE;
		c->made = made;
		return 0;
	case 's':
		return dispute_say(c, id, da->side, da->evidence, da->text);
	case 'n':
		return dispute_negotiate(c, id);
	case 'i':
		if ((rc = dispute_intervene(c, id, da->text, &made)) != 0)
			return rc;
		if ((da->made = reallocarray(da->made, da->nmade + 1,
		    sizeof(*da->made))) == NULL)
			err(CS_SOFTWARE, NULL);
		da->made[da->nmade++] = made;
		return 0;
	case 'd':
		return dispute_decide(c, id, da->outcome, da->amount,
		    da->text);
	default:
		return dispute_close(c, id);
	}
}

static int
each_dispute(int64_t id, void *arg)
{
	struct dispute_args	*da = arg;

	return cs_apply(&cs, *da->action == 'o' ? ID_TICKET : ID_DISPUTE, id,
	    change_dispute, arg);
}

static int
dispute_ls(int argc, char **argv)
{
	struct out	*o;
	const char	*stage = NULL;
	int		 ch, rc, orc, all = 0;

	while ((ch = cli_opt(argc, argv, "As:", "dispute")) != -1) {
		if (ch == 'A')
			all = 1;
		else if (ch == 's')
			stage = optarg;
		else
			cli_usage("dispute");
	}
	if (optind != argc)
		cli_usage("dispute");
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if ((o = out_open(stdout, dispute_cols, dispute_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	cs.err[0] = '\0';
	if ((rc = dispute_list(&cs, stage, all, o)) != 0 && cs.err[0] != '\0')
		warnx("%s", cs.err);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
cmd_dispute(int argc, char **argv)
{
	static const char *const actions[] = {
		"open", "say", "negotiate", "intervene", "decide", "close",
		NULL
	};
	static const char *const optstr[] = {
		"P:O:", "s:em:", "", "r:", "f:a:r:", ""
	};
	struct dispute_args	 da;
	char			*text = NULL;
	int			 ch, rc, nrc, k;

	if (argc < 2)
		cli_usage("dispute");
	argc--;
	argv++;
	if (strcmp(argv[0], "ls") == 0)
		return dispute_ls(argc, argv);
	if (strcmp(argv[0], "show") == 0)
		return cli_show(argc, argv, ID_DISPUTE, dispute_show);
	if ((k = word_index(actions, argv[0])) == -1) {
		warnx("dispute %s: unknown action", argv[0]);
		cli_usage("dispute");
	}
	memset(&da, 0, sizeof(da));
	da.action = actions[k];
	while ((ch = cli_opt(argc, argv, optstr[k], "dispute")) != -1) {
		switch (ch) {
		case 'P':
			da.in.counterparty = optarg;
			break;
		case 'O':
			da.in.order = optarg;
			break;
		case 's':
			da.side = optarg;
			break;
		case 'e':
			da.evidence = 1;
			break;
		case 'm':
		case 'r':
			da.text = optarg;
			break;
		case 'f':
			da.outcome = optarg;
			break;
		case 'a':
			da.amount = optarg;
			break;
		default:
			cli_usage("dispute");
		}
	}
	argc -= optind;
	argv += optind;
	if ((k == 0 && da.in.counterparty == NULL) ||
	    (k == 1 && da.side == NULL) || (k == 3 && da.text == NULL) ||
	    (k == 4 && (da.outcome == NULL || da.text == NULL)))
		cli_usage("dispute");
	if (k == 1 && da.text == NULL && argc == 0) {
		warnx("dispute say: the text comes from stdin, so give the "
		    "dispute IDs as arguments (or use -m)");
		return CS_USAGE;
	}
	if ((rc = cli_start(DB_WRITE)) != 0)
		return rc;
	if (k == 1 && da.text == NULL) {
		if ((rc = cs_read_text(da.evidence ? "evidence" : "statement",
		    &text)) != 0)
			return rc;
		da.text = text;
	}
	rc = id_loop(argc, argv, k == 0 ? ID_TICKET : ID_DISPUTE,
	    each_dispute, &da);
	nrc = escalation_notify_made(&cs, da.made, da.nmade);
	free(da.made);
	free(text);
	return rc ? rc : nrc;
}

static const struct cli_cmd cmds[] = {
	{ "new", cmd_new, "new -C customer [-N name] [-O order] [-k kind] "
	    "[-p priority] [-w channel] [-b body] category subject" },
	{ "import", cmd_import, "import [-A] [file]" },
	{ "show", cmd_show, "show [ID ...]" },
	{ "ls", cmd_ls, "ls [-s status[,status]] [-t category] [-k kind] "
	    "[-p priority] [-w channel] [-a assignee] [-C customer] "
	    "[-O order] [-R ref] [-S since] [-u until] [-g text] "
	    "[-r [-]key] "
	    "[-n limit] [--breached] [--due-within duration]" },
	{ "reply", cmd_reply, "reply [-F] [-m text | -t template] [ID ...]" },
	{ "note", cmd_note, "note [-m text] [ID ...]" },
	{ "assign", cmd_assign, "assign name [ID ...]" },
	{ " pend resolve close reopen ", cmd_state,
	    "pend | resolve | close | reopen [ID ...]" },
	{ "callback", cmd_callback, "callback -s score [-m comment] [ID ...]" },
	{ "log", cmd_log, "log [ID ...]" },
	{ "dispute", cmd_dispute, "dispute open -P counterparty [-O order] "
	    "[ID ...]" },
	{ "dispute", cmd_dispute, "dispute say -s customer|counterparty [-e] "
	    "[-m text] [ID ...]" },
	{ "dispute", cmd_dispute, "dispute negotiate | close [ID ...]" },
	{ "dispute", cmd_dispute, "dispute intervene -r reason [ID ...]" },
	{ "dispute", cmd_dispute, "dispute decide -f customer|counterparty|"
	    "split [-a amount] -r reason [ID ...]" },
	{ "dispute", cmd_dispute, "dispute ls [-A] [-s stage]" },
	{ "dispute", cmd_dispute, "dispute show [ID ...]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
