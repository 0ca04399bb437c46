/*
 * cs-report: read-only reports.  SLA compliance, agents, complaint hot
 * spots, refunds and volume over a period, as of the clock (CS_NOW), so
 * a report of last Monday reads the same today; the audit trail and
 * whether its hash chain holds; the effective configuration; the desk
 * copied into an empty PostgreSQL database (the only write, never to
 * the desk read).
 *
 * Reads: the database, read-only; it never creates one.  Prints: tables
 * on a terminal, TSV in a pipe, JSON Lines with -j, bar charts with
 * --chart.  Exit: 0, 64 usage, 65 the chain is broken, 66 no database,
 * 74 output error, 78 configuration.  See cs-report(1).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static struct cs cs;

static int
cmd_audit(int argc, char **argv)
{
	struct audit_rows r;
	struct out	*o;
	int64_t		 bad, n;
	char		 last[65];
	int		 rc, orc, ch, verify = 0, deep = 0;

	while ((ch = cli_opt(argc, argv)) != -1) {
		if (ch == CLI_DEEP)
			deep = 1;
		verify = 1;
	}
	argc -= optind;
	argv += optind;
	if ((rc = cli_start()) != 0)
		return rc;
	if (verify) {
		if (argc != 0)
			cli_usage();
		if (deep)
			rc = audit_deep(cs.db, &bad, last, &r);
		else
			rc = audit_verify(cs.db, &bad, last);
		n = audit_count(cs.db);
		if (deep && rc == CS_DATAERR && bad == 0) {
			/* The chain holds; rows do not (each said). */
			warnx("audit: %lld %s from the trail",
			    (long long)r.bad, r.bad == 1 ? "row differs" :
			    "rows differ");
			return rc;
		}
		if (rc == CS_DATAERR) {
			warnx("audit: the chain is broken at record %lld of "
			    "%lld", (long long)bad, (long long)n);
			return rc;
		}
		/*
		 * The last hash, to keep elsewhere: the chain alone cannot
		 * show records removed from its end.
		 */
		if (rc == 0 && cs.out.mode == OUT_JSON) {
			printf("{\"records\":%lld,\"intact\":true,"
			    "\"last\":\"%s\"", (long long)n, last);
			if (deep)
				printf(",\"rows\":%lld,\"uncovered\":%lld",
				    (long long)r.rows, (long long)r.uncovered);
			puts("}");
			return 0;
		}
		if (rc == 0)
			printf("audit: %lld records, chain intact, last %s\n",
			    (long long)n, last);
		if (rc == 0 && deep) {
			printf("audit: %lld rows as the trail left them",
			    (long long)r.rows);
			if (r.uncovered > 0)
				printf(", %lld from before row states not "
				    "covered", (long long)r.uncovered);
			putchar('\n');
		}
		return rc;
	}
	if ((o = out_open(stdout, history_cols, history_ncols,
	    &cs.out)) == NULL)
		return CS_USAGE;
	/* Every record, or those of the records named. */
	rc = audit_list(&cs, argc, argv, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

/* copy DEST: the desk into an empty PostgreSQL database, verified. */
static int
cmd_copy(int argc, char **argv)
{
	int	 rc;

	if (cli_opt(argc, argv) != -1 || optind != argc - 1)
		cli_usage();
	/* The desk itself, never a replica that may lag behind it. */
	cs.report = 0;
	if ((rc = cli_start()) != 0)
		return rc;
	return cs_copy(&cs, argv[optind], stdout);
}

/* config, or --check: a calendar past its holidays is an error. */
static int
cmd_config(int argc, char **argv)
{
	int	 rc, check = 0;

	while (cli_opt(argc, argv) != -1)
		check = 1;
	if (optind != argc)
		cli_usage();
	if ((rc = cli_start()) != 0)
		return rc;
	if (check)
		return cs_stale(&cs, cs.now) ? CS_CONFIG : 0;
	rules_print(&cs.conf, &cs.rules, stdout);
	return 0;
}

/* The options every report takes: a period and --chart. */
static int
report(int argc, char **argv)
{
	struct report_opts	 ro;
	const char		*errstr, *since = NULL, *until = NULL;
	const char		*parg = NULL, *name = argv[0];
	int			 ch, rc, pkind = -1;

	memset(&ro, 0, sizeof(ro));
	while ((ch = cli_opt(argc, argv)) != -1) {
		switch (ch) {
		case 'g':
			ro.group = optarg;
			break;
		case 't':
			ro.category = optarg;
			break;
		case 'b':
			ro.bucket = optarg;
			break;
		case 'n':
			ro.top = strtonum(optarg, 1, 1000, &errstr);
			if (errstr != NULL) {
				warnx("%s: -n %s: %s", name, optarg, errstr);
				return CS_USAGE;
			}
			break;
		case CLI_SINCE:
			since = optarg;
			break;
		case CLI_UNTIL:
			until = optarg;
			break;
		case CLI_DAY:
		case CLI_WEEK:
		case CLI_MONTH:
			if (parg != NULL) {
				warnx("%s: one of --day, --week and --month",
				    name);
				cli_usage();
			}
			pkind = ch == CLI_DAY ? PERIOD_DAY : ch == CLI_WEEK ?
			    PERIOD_WEEK : PERIOD_MONTH;
			parg = optarg;
			break;
		case CLI_CHART:
			ro.chart = 1;
			break;
		}
	}
	if (optind != argc)
		cli_usage();
	if (parg != NULL && (since != NULL || until != NULL)) {
		warnx("%s: a period is --since/--until or one of --day, "
		    "--week and --month", name);
		cli_usage();
	}
	if ((rc = cli_start()) != 0)
		return rc;
	period_default(cs.now, &ro.since, &ro.until);
	if (parg != NULL && period_set(cs.now, pkind, parg, &ro.since,
	    &ro.until, &errstr) == -1) {
		warnx("%s: --%s %s: %s", name, pkind == PERIOD_DAY ? "day" :
		    pkind == PERIOD_WEEK ? "week" : "month", parg, errstr);
		return CS_USAGE;
	}
	if ((since != NULL && (rc = cli_time("--since", since,
	    &ro.since)) != 0) || (until != NULL &&
	    (rc = cli_time("--until", until, &ro.until)) != 0))
		return rc;
	if (ro.until <= ro.since) {
		warnx("%s: the period is empty: %s", name, until == NULL ?
		    "--since is after the clock, where it ends without "
		    "--until" : since == NULL ? "--until is before the last "
		    "seven days, where it starts without --since" :
		    "--until is not after --since");
		return CS_USAGE;
	}
	cs.err[0] = '\0';
	return cli_said(report_run(&cs, name, &ro, stdout));
}

#define PERIOD	"[--since time] [--until time] [--day|--week|--month date]"

#define P	" since until day week month chart "

/* The SLA report (DB_SCAN) reads the period in two halves at once. */
static const struct cli_cmd cmds[] = {
	{ NULL, "sla", report, DB_SCAN, "g:", P,
	    "sla [-g category|kind|queue|agent|tier|channel] " PERIOD
	    " [--chart]" },
	{ NULL, "agents", report, DB_READ, "", P,
	    "agents " PERIOD " [--chart]" },
	{ NULL, "hotspots", report, DB_READ, "n:t:", P "unmask ",
	    "hotspots [-n top] [-t category] " PERIOD " [--chart]" },
	{ NULL, "refunds", report, DB_READ, "g:", P,
	    "refunds [-g reason|kind|day|status] " PERIOD " [--chart]" },
	{ NULL, "volume", report, DB_READ, "b:", P,
	    "volume [-b day|hour] " PERIOD " [--chart]" },
	{ NULL, "incidents", report, DB_READ, "", P "unmask ",
	    "incidents " PERIOD " [--chart]" },
	{ NULL, "disputes", report, DB_READ, "", P,
	    "disputes " PERIOD " [--chart]" },
	{ NULL, "escalations", report, DB_READ, "", P,
	    "escalations " PERIOD " [--chart]" },
	{ NULL, "audit", cmd_audit, DB_READ, "", " verify deep unmask ",
	    "audit [--verify [--deep]] [record ...]" },
	{ NULL, "copy", cmd_copy, DB_READ, "", NULL,
	    "copy database" },
	{ NULL, "config", cmd_config, CLI_CONF, "", " check ",
	    "config [--check]" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	/* Reports read report-database, a replica, where there is one. */
	cs.report = 1;
	return cli_main(&cl, argc, argv);
}
