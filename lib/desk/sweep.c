/*
 * sweep.c: the cron sweep as one call.  It decides and writes everything
 * in one transaction, so a second sweep waiting on the lock sees the
 * first one's work and finds nothing left.  Its lines are held until the
 * commit: what it prints is what happened.  A dry run prints the same
 * and rolls back.  The escalations it made hear of it after the commit.
 */
#include <err.h>
#include <stdlib.h>

#include "desk.h"

int
sweep_run(struct cs *cs, int dry, FILE *fp)
{
	struct out_opts	 so;
	struct out	*o;
	FILE		*mem;
	char		*buf = NULL;
	size_t		 len = 0, nmade = 0;
	int64_t		*made = NULL;
	int		 rc;

	so = cs->out;
	if (so.mode == OUT_AUTO)
		so.mode = out_is_table(&cs->out) ? OUT_TABLE : OUT_TSV;
	if ((mem = open_memstream(&buf, &len)) == NULL)
		err(CS_SOFTWARE, NULL);
	if ((o = out_open(mem, sweep_cols, sweep_ncols, &so)) == NULL) {
		fclose(mem);
		free(buf);
		return CS_USAGE;
	}
	if ((rc = db_begin(cs->db)) != 0) {
		out_close(o);
		fclose(mem);
		free(buf);
		return rc;
	}
	cs->err[0] = '\0';
	rc = escalation_sweep(cs, o, &made, &nmade);
	if (rc == 0)
		rc = out_close(o);
	else
		out_close(o);
	fclose(mem);
	if (rc != 0 || dry) {
		db_rollback(cs->db);
		if (rc != 0 && cs->err[0] != '\0')
			warnx("sweep: %s", cs->err);
	} else
		rc = db_commit(cs->db);
	if (rc == 0)
		fwrite(buf, 1, len, fp);
	free(buf);
	if (rc == 0 && !dry)
		rc = escalation_notify(cs, made, nmade);
	free(made);
	return rc;
}
