/*
 * import.c: the one loop behind every TSV import.  A header line maps
 * the columns; each line is applied in its own savepoint, so a rejected
 * line changes nothing and the rest go on; the whole file is one
 * transaction, so an import is fast and, with -A, all or nothing.  The
 * IDs of what changed are printed only once they are committed.  The
 * column lists of the ticket, order and payment imports are here too.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

const struct tsv_col import_ticket_cols[] = {
	[IMP_PHONE] =		{ "customer_phone",	1 },
	[IMP_NAME] =		{ "customer_name",	0 },
	[IMP_CATEGORY] =	{ "category",		1 },
	[IMP_KIND] =		{ "kind",		0 },
	[IMP_PRIORITY] =	{ "priority",		0 },
	[IMP_CHANNEL] =		{ "channel",		0 },
	[IMP_SUBJECT] =		{ "subject",		1 },
	[IMP_CREATED] =		{ "created_at",		0 },
	[IMP_ORDER] =		{ "order_ref",		0 },
	[IMP_REF] =		{ "ref",		0 },
};
const int import_ticket_ncols =
    sizeof(import_ticket_cols) / sizeof(import_ticket_cols[0]);

const struct tsv_col import_order_cols[] = {
	[ORD_REF] =		{ "ref",		1 },
	[ORD_KIND] =		{ "kind",		1 },
	[ORD_AMOUNT] =		{ "amount",		1 },
	[ORD_CURRENCY] =	{ "currency",		0 },
	[ORD_STATUS] =		{ "status",		1 },
	[ORD_PHONE] =		{ "customer_phone",	1 },
	[ORD_NAME] =		{ "customer_name",	0 },
	[ORD_SERVICE] =		{ "service_at",		0 },
	[ORD_CREATED] =		{ "created_at",		0 },
	[ORD_ITEM] =		{ "item",		0 },
	[ORD_CITY] =		{ "city",		0 },
	[ORD_PICKUP] =		{ "pickup",		0 },
	[ORD_DEST] =		{ "destination",	0 },
};
const int import_order_ncols =
    sizeof(import_order_cols) / sizeof(import_order_cols[0]);

const struct tsv_col import_payment_cols[] = {
	[PAY_ORDER] =		{ "order_ref",		1 },
	[PAY_TXN] =		{ "txn",		1 },
	[PAY_AMOUNT] =		{ "amount",		1 },
	[PAY_AT] =		{ "paid_at",		1 },
	[PAY_STATUS] =		{ "status",		0 },
	[PAY_CHANNEL] =		{ "channel",		0 },
};
const int import_payment_ncols =
    sizeof(import_payment_cols) / sizeof(import_payment_cols[0]);

static int
apply_line(struct cs *cs, const struct import *im, struct tsv *r,
    int64_t *id, int *changed)
{
	int	 rc;

	if ((rc = db_savepoint(cs->db)) != 0)
		return rc;
	cs->err[0] = '\0';
	if ((rc = im->fn(cs, r, id, changed)) != 0) {
		db_rollback_item(cs->db);
		if (cs->err[0] != '\0' && !cs_fatal(rc))
			tsv_warn(r, "%s", cs->err);
		else if (cs->err[0] != '\0')
			warnx("%s", cs->err);
		return rc;
	}
	return db_release(cs->db);
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
	if ((rc = db_begin(cs->db)) != 0)
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
		db_rollback(cs->db);
		if (!cs_fatal(rc) && got != -2) {
			warnx("%s: nothing imported (-A)", r.name);
			rc = CS_DATAERR;
		}
		goto close;
	}
	if ((rc = db_commit(cs->db)) != 0)
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
