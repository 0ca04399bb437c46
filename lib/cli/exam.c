/*
 * exam.c: `cs-ticket exam AGENT MONTH SCORE`, the theory part of an
 * agent's score (exam.c in the desk), recorded by a supervisor, a
 * manager or an admin, in one audited change.
 */
#include <err.h>
#include <stdio.h>

#include "cli.h"

int
cli_exam(int argc, char **argv)
{
	struct cs	*cs = cli_cs();
	int64_t		 tenths = 0;
	int		 rc;

	cli_noopts(&argc, &argv);
	if (argc != 3)
		cli_usage();
	if ((rc = cli_start()) != 0 ||
	    (rc = agent_require(&cs->actor, ROLE_SUPERVISOR | ROLE_MANAGER |
	    ROLE_ADMIN, "exam")) != 0 ||
	    (rc = cs_begin(cs)) != 0)
		return rc;
	cs->err[0] = '\0';
	if ((rc = cs_end(cs, exam_record(cs, argv[0], argv[1], argv[2],
	    &tenths))) != 0)
		return rc;
	if (!cs->quiet)
		printf("%s\t%s\t%lld.%lld\n", argv[0], argv[1],
		    (long long)tenths / 10, (long long)tenths % 10);
	return 0;
}
