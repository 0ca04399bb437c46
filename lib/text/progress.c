/*
 * progress.c: how far a long job is, for the person at the terminal.
 *
 * One line on stderr, rewritten in place at most ten times a second,
 * with the count, the share of the input read when its size is known
 * or of the total when the job knows how many units it has (the records
 * of a chain to verify), and the rate.  Shown when stderr is a terminal and stdout is not
 * (records on the same terminal would tear the line), never in a pipe
 * or under cron.  A job done within the first tenth of a second shows
 * nothing; a longer one leaves its last state with ", done.", as git
 * leaves its own.  CS_PROGRESS=yes asks for it anyway (then, on what
 * is not a terminal, only the last line), CS_PROGRESS=no never.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text.h"

#define PROGRESS_EVERY_NS	100000000LL	/* 0.1 s */

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* 0 off, 1 on a terminal, 2 asked for with CS_PROGRESS=yes. */
static int
wanted(void)
{
	const char	*e = getenv("CS_PROGRESS");

	if (e != NULL && strcmp(e, "yes") == 0)
		return 2;
	if (e != NULL && strcmp(e, "no") == 0)
		return 0;
	return isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
}

void
progress_begin(struct progress *p, const char *what, const char *unit,
    FILE *in)
{
	struct stat	 st;

	memset(p, 0, sizeof(*p));
	p->what = what;
	p->unit = unit;
	p->in = in;
	p->total = -1;
	if ((p->on = wanted()) == 0)
		return;
	p->tty = isatty(STDERR_FILENO);
	if (in != NULL && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		p->total = st.st_size;
	p->start = p->last = now_ns();
}

void
progress_total(struct progress *p, uint64_t of)
{
	p->of = of;
}

static void
show(struct progress *p, int64_t t, const char *end)
{
	FILE		*fp = out_raw_stderr();
	double		 secs = (t - p->start) / 1e9;
	off_t		 pos;

	fprintf(fp, "%s%s: %llu", p->tty ? "\r" : "", p->what,
	    (unsigned long long)p->n);
	if (p->of > 0)
		fprintf(fp, " of %llu", (unsigned long long)p->of);
	fprintf(fp, " %s%s", p->unit, (p->of > 0 ? p->of : p->n) == 1 ? "" :
	    "s");
	if (p->of > 0)
		fprintf(fp, ", %d%%", (int)(p->n >= p->of ? 100 :
		    p->n * 100 / p->of));
	else if (p->total > 0 && (pos = ftello(p->in)) >= 0)
		fprintf(fp, ", %d%%", (int)(pos >= p->total ? 100 :
		    pos * 100 / p->total));
	if (secs >= 0.05)
		fprintf(fp, ", %.0f/s", p->n / secs);
	fprintf(fp, "%s%s", p->tty ? "\033[K" : "", end);
	fflush(fp);
	p->shown = 1;
}

void
progress_step(struct progress *p, uint64_t n)
{
	int64_t	 t;

	p->n = n;
	/* The clock only every 64 steps: a step costs next to nothing. */
	if (!p->on || !p->tty || (n & 63) != 0)
		return;
	if ((t = now_ns()) - p->last < PROGRESS_EVERY_NS)
		return;
	p->last = t;
	show(p, t, "");
}

void
progress_end(struct progress *p)
{
	if (p->on && (p->shown || p->on == 2))
		show(p, now_ns(), ", done.\n");
	p->on = 0;
}
