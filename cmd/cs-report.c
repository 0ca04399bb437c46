/*
 * cs-report: read-only reports.  For now the audit trail — every change
 * cs ever made, who made it, and whether the hash chain still holds —
 * and the effective configuration.  The SLA, agent, hot-spot and refund
 * reports come with the SLA clock.
 *
 * Reads: the database, read-only; it never creates one.  Prints: tables
 * on a terminal, TSV in a pipe, JSON Lines with -j.  Exit: 0, 64 usage,
 * 65 the chain is broken, 66 no database, 74 output error, 78
 * configuration.  See cs-report(1).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static struct cs cs;

static int
cmd_audit(int argc, char **argv)
{
	struct out	*o;
	int64_t		 bad, n;
	char		 last[65];
	int		 ch, rc, orc, verify = 0;

	while ((ch = cli_opt(argc, argv, "", "audit")) != -1) {
		if (ch == CLI_VERIFY)
			verify = 1;
		else
			cli_usage("audit");
	}
	argc -= optind;
	argv += optind;
	if ((rc = cli_start(DB_READ)) != 0)
		return rc;
	if (verify) {
		if (argc != 0)
			cli_usage("audit");
		rc = audit_verify(&cs.db, &bad, last);
		n = audit_count(&cs.db);
		if (rc == CS_DATAERR) {
			warnx("audit: the chain is broken at record %lld of "
			    "%lld", (long long)bad, (long long)n);
			return rc;
		}
		/*
		 * The last hash, to keep elsewhere: the chain alone cannot
		 * show records removed from its end.
		 */
		if (rc == 0)
			printf("audit: %lld records, chain intact, last %s\n",
			    (long long)n, last);
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

static int
cmd_config(int argc, char **argv)
{
	int	 rc;

	cli_noopts(&argc, &argv, "config");
	if (argc != 0)
		cli_usage("config");
	if ((rc = cs_init(&cs)) != 0)
		return rc;
	config_print(&cs.conf, stdout);
	return 0;
}

static const struct cli_cmd cmds[] = {
	{ "audit", cmd_audit, "audit [--verify] [record ...]" },
	{ "config", cmd_config, "config" },
};

int
main(int argc, char *argv[])
{
	static const struct cli	 cl = {
		&cs, cmds, sizeof(cmds) / sizeof(cmds[0])
	};

	return cli_main(&cl, argc, argv);
}
