/*
 * run.c: the run verbs, the loops and transactions every subcommand that
 * changes records is made of, so no program holds its own.
 *
 * each	  a change to each record named by the arguments or stdin lines:
 *	  one transaction per item; a refused item changes nothing and the
 *	  others go on; exit 0, the one status all items failed with, 1
 *	  when some failed, or the fatal status that stopped the loop.
 * change one new record in one transaction, printed once committed.
 * export records for another system, marked sent in the transaction
 *	  that is committed only once all of them reached stdout.
 * payout a numbered export of money: committed first, then printed from
 *	  the database, and printed again on purpose (--again N).
 * rows	  a listing of the records named (their history, a quote), read
 *	  only: a record not found is said and the others go on.
 * batch  the lines of a file: a chunk of lines per transaction (or the
 *	  whole file), each line all or nothing, -A all or nothing for the
 *	  file, -n nothing at all, progress, a summary; exit 1 when some
 *	  lines were rejected, 65 with -A.  Other writers get their turn
 *	  between chunks.  Imports are batches with no summary, in
 *	  chunks while their lines carry their keys; settle is one
 *	  transaction.
 */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int
cli_list(int argc, const struct out_col *cols, int ncols, struct out **o)
{
	struct cs	*cs = cli_cs();
	int		 rc;

	if (optind != argc)
		cli_usage();
	if ((rc = cli_start()) != 0)
		return rc;
	cs->err[0] = '\0';
	if ((*o = out_open(stdout, cols, ncols, &cs->out)) == NULL)
		return CS_USAGE;
	return 0;
}

int
cli_close(struct out *o, int rc)
{
	struct cs	*cs = cli_cs();
	int		 orc;

	if (rc != 0 && cs->err[0] != '\0')
		warnx("%s", cs->err);
	orc = out_close(o);
	return rc ? rc : orc;
}

/* A listing of cli_rows as it runs. */
struct rows {
	int		 type;
	cli_row_fn	*fn;		/* NULL: the record's history */
	int		(*exists)(struct cs *, int64_t);
	struct out	*o;
};

static int
row_id(int64_t id, void *arg)
{
	struct rows	*r = arg;
	struct cs	*cs = cli_cs();
	int		 rc;

	cs->err[0] = '\0';
	if (r->exists != NULL && (rc = r->exists(cs, id)) != 0) {
		warnx("%s", cs->err);
		return rc;
	}
	if (r->fn != NULL) {
		if ((rc = r->fn(cs, id, r->o)) != 0 && cs->err[0] != '\0')
			warnx("%s", cs->err);
		return rc;
	}
	return record_history(cs, r->type, id, r->o);
}

static int
rows(int argc, char **argv, struct rows *r, const struct out_col *cols,
    int ncols)
{
	struct cs	*cs = cli_cs();
	int		 rc, orc;

	cli_noopts(&argc, &argv);
	if ((rc = cli_start()) != 0)
		return rc;
	if ((r->o = out_open(stdout, cols, ncols, &cs->out)) == NULL)
		return CS_USAGE;
	rc = id_loop(argc, argv, r->type, row_id, r);
	/* Each record's failure was said in its turn. */
	orc = out_close(r->o);
	return rc ? rc : orc;
}

int
cli_rows(int argc, char **argv, int type, const struct out_col *cols,
    int ncols, cli_row_fn *fn)
{
	struct rows	 r = { type, fn, NULL, NULL };

	return rows(argc, argv, &r, cols, ncols);
}

int
cli_history(int argc, char **argv, int type,
    int (*exists)(struct cs *, int64_t))
{
	struct rows	 r = { type, NULL, exists, NULL };

	return rows(argc, argv, &r, history_cols, history_ncols);
}

/* A change of cli_each to one record of type. */
struct item {
	struct cli_each	*e;
	int		 type;
};

static int
item_change(struct cs *cs, int64_t id, void *arg)
{
	const struct item	*it = arg;
	const struct cli_each	*e = it->e;

	if (e->type2 != 0 && it->type == e->type2)
		e = e->alt;
	if (e->fn_id != NULL)
		return e->fn_id(cs, id);
	if (e->fn_s != NULL)
		return e->fn_s(cs, id, e->s);
	if (e->fn_ss != NULL)
		return e->fn_ss(cs, id, e->s, e->s2);
	if (e->fn_is != NULL)
		return e->fn_is(cs, id, e->i, e->s);
	return e->fn(cs, id, e->arg);
}

static int
apply(struct cli_each *e, int type, int64_t id)
{
	struct cs	*cs = cli_cs();
	struct item	 it = { e, type };
	int		 rc;

	cs->made = 0;
	if ((rc = cs_apply(cs, type, id, item_change, &it)) != 0 || !e->keep ||
	    cs->made == 0)
		return rc;
	if ((e->made = reallocarray(e->made, e->nmade + 1,
	    sizeof(*e->made))) == NULL)
		err(CS_SOFTWARE, NULL);
	e->made[e->nmade++] = cs->made;
	return 0;
}

static int
each_id(int64_t id, void *arg)
{
	struct cli_each	*e = arg;

	return apply(e, e->type, id);
}

static int
each_typed(int type, int64_t id, void *arg)
{
	return apply(arg, type, id);
}

int
cli_each(int argc, char **argv, struct cli_each *e)
{
	int	 rc;

	if ((rc = cli_start()) != 0)
		return rc;
	if (e->type2 != 0)
		return id_loop2(argc, argv, e->type, e->type2, each_typed, e);
	return id_loop(argc, argv, e->type, each_id, e);
}

int
cli_again(int outcome)
{
	if (outcome == REFUND_WAITING_BEFORE)
		return CLI_AGAIN_WAITING;
	return outcome == REFUND_DONE_BEFORE;
}

int
cli_change(int type, cli_make_fn *fn, void *arg)
{
	struct cs	*cs = cli_cs();
	char		 buf[32];
	int64_t		 id = 0;
	int		 rc, again = 0;

	if ((rc = cli_start()) != 0 || (rc = cs_open(cs, DB_WRITE)) != 0 ||
	    (rc = cs_begin(cs)) != 0)
		return rc;
	cs->err[0] = '\0';
	if ((rc = cs_end(cs, fn(cs, arg, &id, &again))) != 0)
		return rc;
	cs->made_type = type;
	cs->made = id;
	if (again) {
		id_format(type, id, buf, sizeof(buf));
		warnx("%s: already %s (same key)", buf,
		    again == CLI_AGAIN_WAITING ? "requested, awaiting approval" :
		    "done");
		/* And how to make another, when the key was derived. */
		if (cs->err[0] != '\0')
			warnx("%s", cs->err);
	} else
		cs_print_id(cs, type, id);
	return 0;
}

int
cli_export(cli_write_fn *fn, void *arg)
{
	struct cs	*cs = cli_cs();
	int		 rc;

	if ((rc = cli_start()) != 0 || (rc = cs_begin(cs)) != 0)
		return rc;
	cs->err[0] = '\0';
	/*
	 * Marked sent only if the whole list reached stdout: a full disk
	 * leaves every record to export again.
	 */
	errno = 0;
	if ((rc = fn(cs, stdout, arg)) != 0 ||
	    (fflush(stdout) != 0 && (rc = CS_IOERR))) {
		db_rollback(cs->db);
		if (rc == CS_IOERR) {
			warnx("stdout: %s; nothing marked sent",
			    errno ? strerror(errno) : "write error");
			/* Said once: drop what could not be written. */
			fpurge(stdout);
			clearerr(stdout);
		} else if (cs->err[0] != '\0')
			warnx("%s", cs->err);
		return rc;
	}
	return db_commit(cs->db);
}

/*
 * A numbered export.  What must not happen twice is committed before a
 * byte of it is printed: a failed commit prints nothing (and changes
 * nothing), a failed print or a kill after the commit leaves the batch
 * to be printed again on purpose, never made again.
 */
int
cli_payout(const struct cli_payout *p)
{
	struct cs	*cs = cli_cs();
	struct out_opts	 oo;
	struct out	*o;
	FILE		*none;
	char		 buf[16];
	int64_t		 batch = p->again, count = 0;
	int		 rc, orc;

	/* For another program: TSV (or JSON, CSV), whatever stdout is. */
	oo = cs->out;
	if (oo.mode != OUT_JSON && oo.mode != OUT_CSV && oo.mode != OUT_EXCEL)
		oo.mode = OUT_TSV;
	/* A bad -o is said before anything is committed. */
	oo.header = 0;
	if ((none = fmemopen(buf, sizeof(buf), "w")) == NULL)
		err(CS_SOFTWARE, "fmemopen");
	o = out_open(none, p->cols, p->ncols, &oo);
	fclose(none);
	if (o == NULL)
		return CS_USAGE;
	out_close(o);
	oo.header = cs->out.header;
	if ((rc = cs_begin(cs)) != 0)
		return rc;
	cs->err[0] = '\0';
	rc = batch != 0 ? p->reprint(cs, batch) : p->make(cs, p->resend,
	    &batch, &count);
	if ((rc = cs_end(cs, rc)) != 0)
		return rc;
	if (batch == 0)
		return 0;	/* nothing to export: no batch */
	if ((o = out_open(stdout, p->cols, p->ncols, &oo)) == NULL)
		rc = CS_USAGE;
	else {
		errno = 0;
		rc = p->print(cs, batch, o);
		if ((orc = out_close(o)) != 0 && rc == 0)
			rc = orc;
		if (rc == 0 && fflush(stdout) != 0)
			rc = CS_IOERR;
	}
	if (rc == CS_IOERR) {
		warnx("stdout: %s; export %lld is committed, its refunds sent: "
		    "print it with export --again %lld",
		    errno ? strerror(errno) : "write error", (long long)batch,
		    (long long)batch);
		/* Said once: drop what could not be written. */
		fpurge(stdout);
		clearerr(stdout);
	} else if (rc != 0) {
		if (cs->err[0] != '\0')
			warnx("%s", cs->err);
		warnx("export %lld is committed, its refunds sent: print it "
		    "with export --again %lld", (long long)batch,
		    (long long)batch);
	} else if (p->resend && count > 0)
		warnx("export %lld: %lld refunds sent before with no answer, "
		    "sent again with the same keys", (long long)batch,
		    (long long)count);
	return rc;
}

/* A batch as it runs. */
struct run {
	struct cli_batch *b;
	size_t		 lines, applied, done, waiting, rejected;
	int		 agg, seen;	/* the lines' statuses, cs_tally */
	int		 unkeyed;	/* a line without its key was read */
	int64_t		*ids;		/* made in the open transaction */
	size_t		 nids, capids;
	struct vec	 made;		/* made by this run (set_add) */
	struct vec	 waited;	/* made before, still waiting, counted */
	struct batch_line *kept;	/* b->many: lines read, not yet run */
	struct batch_res *res;
	size_t		 nkept;
	char		*held;		/* the reader's messages, held */
	size_t		 nheld;
	int64_t		 text_from;	/* b->text_later: the first ticket */
	struct timespec	 turn;		/* others last had their turn */
	struct timespec	 began;		/* the open transaction began */
	struct progress	 progress;
};

/*
 * A set of IDs, a vector kept ascending: where id is, or would go.  A
 * new record's ID is the largest so far; a refund tried again after its
 * payout failed, or one an earlier run made, is an older one.
 */
static size_t
set_place(const struct vec *set, int64_t id)
{
	size_t	 lo = 0, hi = set->n, mid;

	if (set->n > 0 && set->v[set->n - 1] < id)
		return set->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (set->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
set_has(const struct vec *set, int64_t id)
{
	size_t	 i = set_place(set, id);

	return i < set->n && set->v[i] == id;
}

/* 1 if id was not in the set and now is. */
static int
set_add(struct vec *set, int64_t id)
{
	size_t	 i = set_place(set, id);

	if (i < set->n && set->v[i] == id)
		return 0;
	vec_push(set, id);
	memmove(set->v + i + 1, set->v + i, (set->n - 1 - i) *
	    sizeof(*set->v));
	set->v[i] = id;
	return 1;
}

/* Milliseconds since *t. */
static int64_t
since_ms(const struct timespec *t)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/*
 * How long a batch keeps the write lock, chunk after chunk, before it
 * pauses for the writers waiting: a pause after every chunk of 500
 * refunds was a fifth of a long batch's time, paid whether anyone
 * waited or not.  A reply waits about this long, not for the batch.
 */
#define BATCH_TURN_MS	100

static int
begin_chunk(struct cs *cs, struct run *run)
{
	int	 rc;

	if ((rc = cs_begin(cs)) != 0)
		return rc;
	clock_gettime(CLOCK_MONOTONIC, &run->began);
	if (run->b->text_later &&
	    (rc = search_defer(cs->db, &run->text_from)) != 0) {
		db_rollback(cs->db);
		return rc;
	}
	return 0;
}

/*
 * The next chunk, after a pause for the writers that waited meanwhile
 * once the batch has held the lock for BATCH_TURN_MS: without it a
 * batch would take the lock again at once, and a reply could wait out
 * the whole file and give up (75).  Each chunk is committed all the
 * same: a kill loses at most the open one.
 */
static int
next_chunk(struct cs *cs, struct run *run)
{
	if (since_ms(&run->turn) >= BATCH_TURN_MS) {
		db_yield(cs->db);
		clock_gettime(CLOCK_MONOTONIC, &run->turn);
	}
	return begin_chunk(cs, run);
}

/* Commit the open chunk, then print what it made. */
static int
commit_chunk(struct cs *cs, struct run *run)
{
	size_t	 i;
	int	 rc;

	if (run->b->text_later && run->nids == 0) {
		/* Nothing made: all it would commit is the trigger moved. */
		db_rollback(cs->db);
		return 0;
	}
	if (run->b->text_later &&
	    (rc = search_catch_up(cs->db, run->text_from)) != 0) {
		db_rollback(cs->db);
		return rc;
	}
	if ((rc = db_commit(cs->db)) != 0)
		return rc;
	for (i = 0; i < run->nids; i++)
		cs_print_id(cs, run->b->type, run->ids[i]);
	run->nids = 0;
	return 0;
}

/*
 * One line, all or nothing.  In a savepoint, or without one (a
 * savepoint copies each page the line writes, a sixth of a refund
 * batch's time) fn checks everything before its first write; should a
 * rejection ever follow a write, it is made fatal here rather than left
 * half done.
 */
static int
run_line(struct cs *cs, struct cli_batch *b, struct tsv *r, int64_t *id,
    int *outcome)
{
	int64_t	 changes = 0;
	int		 rc, sp;

	sp = b->savepoint || (b->savepoint_if != NULL && b->savepoint_if(r));
	if (sp && (rc = db_savepoint(cs->db)) != 0)
		return rc;
	if (!sp)
		changes = db_total_changes(cs->db);
	cs->err[0] = '\0';
	*outcome = LINE_APPLIED;
	if ((rc = b->fn(cs, r, b, id, outcome)) == 0)
		return sp ? db_release(cs->db) : 0;
	if (sp)
		db_rollback_item(cs->db);
	if (cs->err[0] != '\0' && !cs_fatal(rc))
		tsv_warn(r, "%s", cs->err);
	else if (cs->err[0] != '\0')
		warnx("%s", cs->err);
	if (!sp && !cs_fatal(rc) &&
	    db_total_changes(cs->db) != changes) {
		tsv_warn(r, "rejected after a change: batch stopped, "
		    "its open chunk not committed");
		rc = CS_SOFTWARE;
	}
	return rc;
}

/* The end of a chunk of lines: 1 if it is committed now. */
static int
chunk_ends(const struct run *run)
{
	const struct cli_batch	*b = run->b;

	return b->chunk > 0 && !b->all && !b->dry && !run->unkeyed &&
	    run->lines % b->chunk == 0 &&
	    (b->hold_ms == 0 || since_ms(&run->began) >= b->hold_ms);
}

/*
 * What a line came to, counted: rc its status (said already), outcome
 * and id; advice a word on a line done before (cs->err's, or NULL).
 */
static void
count_line(struct run *run, struct tsv *r, size_t lineno, int rc,
    int outcome, int64_t id, const char *advice)
{
	struct cli_batch	*b = run->b;
	char			 rec[32];

	cs_tally(&run->agg, &run->seen, rc);
	if (rc != 0) {
		run->rejected++;
		return;
	}
	if (outcome == LINE_DONE_BEFORE || outcome == LINE_WAITING_BEFORE) {
		/*
		 * Made by an earlier run and still awaiting approval: a
		 * re-run says so, not "done", once a record.  Made by an
		 * earlier line of this run, or counted: that line counted it.
		 */
		if (outcome == LINE_WAITING_BEFORE &&
		    !set_has(&run->made, id) && set_add(&run->waited, id))
			run->waiting++;
		else
			run->done++;
		/*
		 * A key derived from the line (the same order, amount and
		 * reason) that an earlier line of this run made: not a
		 * re-run, a second item; said, with how.
		 */
		if (advice != NULL && *advice != '\0' && set_has(&run->made, id)) {
			id_format(b->type, id, rec, sizeof(rec));
			tsv_warn_at(r, lineno, "%s was made by an earlier line "
			    "of this batch: %s", rec, advice);
		}
		return;
	}
	(void)set_add(&run->made, id);
	if (outcome == LINE_WAITING)
		run->waiting++;
	else
		run->applied++;
	/* Doubled, not grown by one: no realloc a line. */
	if (run->nids == run->capids) {
		run->capids = run->capids ? 2 * run->capids : 64;
		if ((run->ids = reallocarray(run->ids, run->capids,
		    sizeof(*run->ids))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	run->ids[run->nids++] = id;
}

/* Keep r's line for b->many. */
static void
keep_line(struct run *run, const struct tsv *r)
{
	struct batch_line	*l;
	size_t			 len = 0, n;
	char			*p;
	int			 i;

	if (run->kept == NULL &&
	    ((run->kept = calloc(run->b->chunk, sizeof(*run->kept))) == NULL ||
	    (run->res = calloc(run->b->chunk, sizeof(*run->res))) == NULL))
		err(CS_SOFTWARE, NULL);
	for (i = 0; i < r->nf; i++)
		len += strlen(r->f[i]) + 1;
	l = &run->kept[run->nkept++];
	l->lineno = r->lineno;
	l->nf = r->nf;
	if ((l->f = malloc(r->nf * sizeof(*l->f) + len)) == NULL)
		err(CS_SOFTWARE, NULL);
	p = (char *)(l->f + r->nf);
	for (i = 0; i < r->nf; i++) {
		n = strlen(r->f[i]) + 1;
		memcpy(p, r->f[i], n);
		l->f[i] = p;
		p += n;
	}
}

/* The lines kept, run at once and counted: 0 or a fatal status. */
static int
run_kept(struct cs *cs, struct run *run, struct tsv *r)
{
	struct batch_res	*res = run->res;
	size_t			 i, n = run->nkept;
	int			 rc;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		res[i].rc = -1;
	cs->err[0] = '\0';
	rc = run->b->many(cs, run->b, run->kept, n, res);
	for (i = 0; i < n && res[i].rc != -1; i++) {
		if (cs_fatal(res[i].rc)) {
			/* Said as run_line says it, once, below. */
			if (rc == 0) {
				rc = res[i].rc;
				strlcpy(cs->err, res[i].msg, sizeof(cs->err));
			}
			break;
		}
		if (res[i].rc != 0 && res[i].msg[0] != '\0')
			tsv_warn_at(r, run->kept[i].lineno, "%s", res[i].msg);
		if (rc == 0)
			count_line(run, r, run->kept[i].lineno, res[i].rc,
			    res[i].outcome, res[i].id, res[i].msg);
	}
	for (i = 0; i < n; i++)
		free(run->kept[i].f);
	run->nkept = 0;
	if (rc != 0 && cs->err[0] != '\0')
		warnx("%s", cs->err);
	return rc;
}

/*
 * 1 if a read of r would not wait: a file, or a pipe with something in
 * it.  The lines kept are run before a read that would (a producer
 * that is slow, or waits for what the batch says), not held back.
 */
static int
input_ready(const struct tsv *r)
{
	struct pollfd	 p;

	p.fd = fileno(r->fp);
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) != 0;
}

/*
 * The reader's messages held since the last call (a line it refused):
 * the lines kept before it are run first, so that their messages come
 * first, then these are said.  0 or a fatal status.
 */
static int
say_held(struct cs *cs, struct run *run, struct tsv *r)
{
	int	 rc;

	if (fflush(r->held) != 0)
		err(CS_SOFTWARE, NULL);
	if (run->nheld == 0)
		return 0;
	if ((rc = run_kept(cs, run, r)) != 0)
		return rc;
	fwrite(run->held, 1, run->nheld, stderr);
	/* Said: a stream of its own for the next (rare: a line refused). */
	fclose(r->held);
	free(run->held);
	run->held = NULL;
	run->nheld = 0;
	if ((r->held = open_memstream(&run->held, &run->nheld)) == NULL)
		err(CS_SOFTWARE, NULL);
	return 0;
}

/*
 * Whether r's line is the header b->from's program prints with -H (two
 * or more of the names of the columns it prints, in order): no request,
 * and "order: no such order" would only be noise in a pipeline.
 */
static int
is_header(const struct cli_batch *b, const struct tsv *r)
{
	int	 i;

	if (b->from == NULL || r->nf < 2 || r->nf > b->nfrom)
		return 0;
	/* Those it prints: a column it does not (currency) is no header's. */
	for (i = 0; i < r->nf; i++)
		if (!b->from[i].dflt || strcmp(r->f[i], b->from[i].name) != 0)
			return 0;
	return 1;
}

/* The lines of r, committed by chunks: 0 or the status that stopped it. */
static int
run_lines(struct cs *cs, struct run *run, struct tsv *r, int *got)
{
	struct cli_batch	*b = run->b;
	int64_t			 id = 0;
	int			 rc, outcome = LINE_APPLIED;
	int			 many;

	many = b->many != NULL && !b->dry && b->chunk > 0;
	if (many && (r->held = open_memstream(&run->held, &run->nheld)) ==
	    NULL)
		err(CS_SOFTWARE, NULL);
	for (;;) {
		if (many && run->nkept > 0 && !input_ready(r)) {
			if ((rc = run_kept(cs, run, r)) != 0)
				return rc;
			progress_step(&run->progress, run->lines);
		}
		*got = tsv_read(r);
		if (many && (rc = say_held(cs, run, r)) != 0)
			return rc;
		if (*got == 0)
			break;
		if (*got == -2)		/* a read error: the chunk is lost */
			return CS_NOINPUT;
		if (*got == 1 && r->lineno == 1 && is_header(b, r))
			continue;
		run->lines++;
		if (b->keyed != NULL && *got != -1 && !b->keyed(r))
			run->unkeyed = 1;
		if (many && *got != -1) {
			keep_line(run, r);
			/* Run at a chunk's size, as one line's end would be. */
			if (run->nkept < b->chunk &&
			    run->lines % b->chunk != 0)
				continue;
			if ((rc = run_kept(cs, run, r)) != 0)
				return rc;
		} else {
			/* What was kept first: its messages come first. */
			if (many && (rc = run_kept(cs, run, r)) != 0)
				return rc;
			rc = *got == -1 ? CS_DATAERR : run_line(cs, b, r, &id,
			    &outcome);
			if (cs_fatal(rc))
				return rc;
			count_line(run, r, r->lineno, rc, outcome, id,
			    cs->err);
		}
		progress_step(&run->progress, run->lines);
		if (chunk_ends(run) &&
		    ((rc = commit_chunk(cs, run)) != 0 ||
		    (rc = next_chunk(cs, run)) != 0))
			return rc;
	}
	if (many && (rc = run_kept(cs, run, r)) != 0)
		return rc;
	progress_step(&run->progress, run->lines);
	return 0;
}


int
cli_batch(struct cli_batch *b, const char *file)
{
	struct cs	*cs = cli_cs();
	struct run	 run;
	struct tsv	 r;
	FILE		*fp = stdin;
	char		 what[64];
	int		 rc, orc, got = 0, held = 0;

	memset(&run, 0, sizeof(run));
	run.b = b;
	/* Who may not record it is told so before the file is looked at. */
	if ((rc = cli_check()) != 0)
		return rc;
	if (file != NULL && strcmp(file, "-") != 0) {
		if ((fp = fopen(file, "r")) == NULL) {
			warn("%s", file);
			return CS_NOINPUT;
		}
	} else if (cs_stdin_closed())
		return CS_NOINPUT;
	else if (isatty(STDIN_FILENO)) {
		warnx("%s: no file given and stdin is a terminal", b->what);
		return CS_USAGE;
	}
	tsv_open(&r, fp, fp == stdin ? "stdin" : file);
	if ((rc = cli_start()) != 0)
		goto close;
	/*
	 * A dry run all or nothing shows its lines only once none was
	 * rejected: a real one would apply none of them.  (A writer never
	 * holds stdout for --unmask, which is the readers'.)
	 */
	if (b->dry && b->all && (rc = out_hold()) == 0)
		held = 1;
	if (rc != 0)
		goto close;
	if (b->dry && (b->out = out_open(stdout, b->dry_cols, b->dry_ncols,
	    &cs->out)) == NULL) {
		rc = CS_USAGE;
		goto close;
	}
	/* Without columns the lines have fixed fields and no header. */
	if (b->ncols > 0 && (rc = tsv_header(&r, b->cols, b->ncols)) != 0)
		goto close;
	if (b->chunk > 0 && !b->all && !b->dry)
		db_bulk(cs->db);
	clock_gettime(CLOCK_MONOTONIC, &run.turn);
	if ((rc = begin_chunk(cs, &run)) != 0)
		goto close;
	snprintf(what, sizeof(what), "%s %s", getprogname(), b->what);
	progress_begin(&run.progress, what, "line", fp);
	rc = run_lines(cs, &run, &r, &got);
	progress_end(&run.progress);
	if (rc != 0 || b->dry || (b->all && run.rejected > 0)) {
		db_rollback(cs->db);
		if (rc == 0 && b->all && run.rejected > 0) {
			warnx("%s: nothing %s (-A)", r.name, b->done);
			run.applied = run.waiting = run.done = 0;
			rc = b->summary ? 0 : CS_DATAERR;
		}
	} else
		rc = commit_chunk(cs, &run);
	/* A dry run's lines before its summary, as a real one's IDs. */
	if (b->out != NULL && (orc = out_close(b->out)) != 0 && rc == 0)
		rc = orc;
	b->out = NULL;
	if (held && (orc = out_release(rc != 0 || run.rejected > 0)) != 0 &&
	    rc == 0)
		rc = orc;
	held = 0;
	if (b->summary) {
		/* The IDs first, then the summary, even to one pipe. */
		out_flush(stdout);
		if ((rc == 0 || !cs_fatal(rc)) && got != -2)
			warnx("%s%zu applied, %zu already done, %zu awaiting "
			    "approval, %zu rejected",
			    b->dry ? "would be: " : "", run.applied, run.done,
			    run.waiting, run.rejected);
		/*
		 * Some lines taken and some not: 1.  None taken: as an
		 * import says it, the rejections' status when they share
		 * one (65 bad lines, 66 unknown records), else 1.
		 */
		if (rc == 0 && run.rejected > 0)
			rc = b->all ? CS_DATAERR : run.applied + run.done +
			    run.waiting > 0 ? CS_PARTIAL : run.agg;
	} else if (rc == 0)
		rc = run.agg;
close:
	if (b->out != NULL && (orc = out_close(b->out)) != 0 && rc == 0)
		rc = orc;
	b->out = NULL;
	if (held)
		(void)out_release(1);
	tsv_close(&r);
	if (r.held != NULL)
		fclose(r.held);
	free(run.held);
	free(run.ids);
	free(run.made.v);
	free(run.waited.v);
	for (; run.nkept > 0; run.nkept--)
		free(run.kept[run.nkept - 1].f);
	free(run.kept);
	free(run.res);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

/*
 * cs-refund compensate RULE [ORDER ...]: the rule applied to each order,
 * as arguments or a listing on stdin; prints the refund or grant made.
 */
int
cli_compensate(int argc, char **argv)
{
	struct cli_each	 e = { .type = ID_ORDER, .fn_s = compensate };
	int		 rc;

	while (cli_opt(argc, argv) != -1)
		;
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage();
	e.s = argv[0];
	if ((rc = cli_start()) != 0)
		return rc;
	if (comp_rule_of(&cli_cs()->rules, e.s) == NULL) {
		warnx("no compensation rule \"%s\" (see compensate in "
		    "cs.conf)", e.s);
		return CS_USAGE;
	}
	return cli_each(argc - 1, argv + 1, &e);
}
