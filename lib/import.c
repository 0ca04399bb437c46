/*
 * import.c: the one loop behind every TSV import.  A header line maps
 * the columns; each line is applied in its own savepoint, so a rejected
 * line changes nothing and the rest go on; the whole file is one
 * transaction, so an import is fast and, with -A, all or nothing.  The
 * IDs of what changed are printed only once they are committed.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static int
apply_line(struct cs *cs, const struct import *im, struct tsv *r,
    int64_t *id, int *changed)
{
	int	 rc;

	if ((rc = db_savepoint(&cs->db)) != 0)
		return rc;
	cs->err[0] = '\0';
	if ((rc = im->fn(cs, r, id, changed)) != 0) {
		db_rollback_item(&cs->db);
		if (cs->err[0] != '\0' && !cs_fatal(rc))
			tsv_warn(r, "%s", cs->err);
		else if (cs->err[0] != '\0')
			warnx("%s", cs->err);
		return rc;
	}
	return db_release(&cs->db);
}

int
cs_import(struct cs *cs, const struct import *im, const char *file)
{
	struct tsv	 r;
	FILE		*fp = stdin;
	int64_t		*ids = NULL, id;
	size_t		 nids = 0, i;
	int		 rc, agg = 0, seen = 0, got, changed;

	if (file != NULL && strcmp(file, "-") != 0 &&
	    (fp = fopen(file, "r")) == NULL) {
		warn("%s", file);
		return CS_NOINPUT;
	}
	if (fp == stdin && cs_stdin_closed())
		return CS_NOINPUT;
	if (fp == stdin && isatty(STDIN_FILENO)) {
		warnx("import: no file given and stdin is a terminal");
		return CS_USAGE;
	}
	tsv_open(&r, fp, fp == stdin ? "stdin" : file);
	/* Without columns the lines have fixed fields and no header. */
	if (im->ncols > 0 && (rc = tsv_header(&r, im->cols, im->ncols)) != 0)
		goto close;
	if ((rc = db_begin(&cs->db)) != 0)
		goto close;
	while ((got = tsv_read(&r)) != 0) {
		changed = 0;
		if (got == -2) {
			rc = CS_NOINPUT;
			break;
		}
		rc = got == -1 ? CS_DATAERR : apply_line(cs, im, &r, &id,
		    &changed);
		if (cs_fatal(rc))
			break;
		cs_tally(&agg, &seen, rc);
		if (rc != 0 || !changed)
			continue;
		if ((ids = reallocarray(ids, nids + 1, sizeof(*ids))) == NULL)
			err(CS_SOFTWARE, NULL);
		ids[nids++] = id;
	}
	if (cs_fatal(rc) || got == -2 || (im->all && agg != 0)) {
		db_rollback(&cs->db);
		if (!cs_fatal(rc) && got != -2) {
			warnx("%s: nothing imported (-A)", r.name);
			rc = CS_DATAERR;
		}
		goto close;
	}
	if ((rc = db_commit(&cs->db)) != 0)
		goto close;
	for (i = 0; i < nids; i++)
		cs_print_id(cs, im->type, ids[i]);
	rc = agg;
close:
	tsv_close(&r);
	free(ids);
	if (fp != stdin)
		fclose(fp);
	return rc;
}
