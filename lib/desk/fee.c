/*
 * fee.c: what a refund costs the customer.  A schedule cuts time into
 * bands — before departure or pickup, or since the order — each with a
 * percentage or a fixed fee; the fee is rounded to a step, raised to a
 * minimum, and never more than the amount.  All in integer minor units:
 * a fee off by half a yuan at a band edge is the worst bug cs can have.
 */
#include <string.h>

#include "cs.h"

#define DAY	86400
#define HOUR	3600

/*
 * The built-in schedules.  rail is 12306's published rule: 8 days or
 * more before departure free, 48 hours or more 5%, 24 hours or more 10%,
 * less 20%; the fee rounded to 0.5 yuan (under 0.25 dropped, 0.25 to
 * under 0.75 is 0.5, 0.75 and more is 1 yuan), at least 2 yuan; "or
 * more" includes the edge; no refund after departure.
 */
size_t
fee_builtin(struct fee_schedule *f, size_t max)
{
	static const struct fee_schedule builtin[] = {
		{ "rail", FEE_BEFORE_SERVICE, 1,
		  { { 0, 2000, -1 }, { 24 * HOUR, 1000, -1 },
		    { 48 * HOUR, 500, -1 }, { 8 * DAY, 0, -1 } }, 4,
		  200, 50, FEE_NEAREST, 1, 1, 0, 0 },
		/* Free within 3 minutes of ordering, then a fixed 5 yuan. */
		{ "ride", FEE_AFTER_ORDER, 1,
		  { { 0, 0, -1 }, { 180, 0, 500 } }, 2,
		  0, 1, FEE_NEAREST, 1, 0, 0, 0 },
		/* Before shipping a full refund; returns are checked by state. */
		{ "goods", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 1, 0, 0, 0 },
		/* A membership once in use is not refunded. */
		{ "membership", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 0, 0, 0, 0 },
		/* A deposit is returned in full. */
		{ "deposit", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 1, 0, 0, 0 },
	};
	size_t	 n = sizeof(builtin) / sizeof(builtin[0]);

	if (n > max)
		n = max;
	memcpy(f, builtin, n * sizeof(*f));
	return n;
}

int
fee_duration(const char *s, int64_t *secs)
{
	const char	*errstr;

	if (strcmp(s, "0") == 0) {
		*secs = 0;
		return 0;
	}
	return duration_parse(s, secs, &errstr);
}

const struct fee_schedule *
fee_schedule_of(const struct fee_schedule *f, size_t n, const char *kind)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].kind, kind) == 0)
			return &f[i];
	return NULL;
}

/* Which band `elapsed` falls in, or -1 below the first. */
static int
band_of(const struct fee_schedule *s, int64_t elapsed)
{
	int	 i, b = -1;

	for (i = 0; i < s->nbands; i++) {
		if (elapsed > s->bands[i].from ||
		    (elapsed == s->bands[i].from && (s->inclusive || i == 0)))
			b = i;
	}
	return b;
}

static void
describe(const struct fee_schedule *s, int b, struct fee_quote *q)
{
	const struct fee_band	*band = &s->bands[b];
	char			 from[32], next[32], fee[48], tail[64];
	char			 where[80];
	int			 before = s->measure == FEE_BEFORE_SERVICE;

	duration_format(band->from, from, sizeof(from));
	if (b + 1 < s->nbands)
		duration_format(s->bands[b + 1].from, next, sizeof(next));
	if (band->from == 0 && b + 1 < s->nbands)
		snprintf(where, sizeof(where), "%s %s %s",
		    before ? "under" : "within", next,
		    before ? "before service" : "of the order");
	else if (band->from == 0)
		snprintf(where, sizeof(where), "any time");
	else
		snprintf(where, sizeof(where), "%s %s %s", from,
		    s->inclusive ? "or more" : "and more",
		    before ? "before service" : "after the order");
	if (band->fixed >= 0) {
		money_format(band->fixed, 2, tail, sizeof(tail));
		snprintf(fee, sizeof(fee), band->fixed ? "fixed %s" : "free",
		    tail);
	} else if (band->rate == 0)
		snprintf(fee, sizeof(fee), "free");
	else {
		money_format(band->rate, 2, tail, sizeof(tail));
		/* 500 basis points print as "5%", 1250 as "12.5%". */
		while (tail[strlen(tail) - 1] == '0')
			tail[strlen(tail) - 1] = '\0';
		if (tail[strlen(tail) - 1] == '.')
			tail[strlen(tail) - 1] = '\0';
		snprintf(fee, sizeof(fee), "%s%%", tail);
	}
	snprintf(q->rule, sizeof(q->rule), "%s: %s, %s", s->kind, where, fee);
	if (band->fixed < 0 && band->rate > 0) {
		if (s->step > 1) {
			money_format(s->step, 2, tail, sizeof(tail));
			strlcat(q->rule, ", rounded to ", sizeof(q->rule));
			strlcat(q->rule, tail, sizeof(q->rule));
		}
		if (s->minimum > 0) {
			money_format(s->minimum, 2, tail, sizeof(tail));
			strlcat(q->rule, ", at least ", sizeof(q->rule));
			strlcat(q->rule, tail, sizeof(q->rule));
		}
	}
}

int
fee_quote(const struct fee_schedule *s, int64_t amount, int64_t elapsed,
    struct fee_quote *q)
{
	const struct fee_band	*band;
	__int128		 num, den, quot, rem;
	char			 left[32];
	int64_t			 fee;
	int			 b;

	memset(q, 0, sizeof(*q));
	if (amount <= 0)
		return -1;
	q->amount = amount;
	if (!s->refundable) {
		q->refused = 1;
		snprintf(q->rule, sizeof(q->rule), "%s: not refundable",
		    s->kind);
		return 0;
	}
	if (s->measure == FEE_BEFORE_SERVICE && s->has_cutoff &&
	    elapsed < s->cutoff) {
		q->refused = 1;
		if (s->cutoff == 0)
			snprintf(q->rule, sizeof(q->rule), "%s: no refund "
			    "after departure", s->kind);
		else {
			duration_format(s->cutoff, left, sizeof(left));
			snprintf(q->rule, sizeof(q->rule), "%s: no refund "
			    "less than %s before service", s->kind, left);
		}
		return 0;
	}
	if ((b = band_of(s, elapsed)) == -1) {
		q->refused = 1;
		snprintf(q->rule, sizeof(q->rule), "%s: outside the fee "
		    "schedule", s->kind);
		return 0;
	}
	band = &s->bands[b];
	describe(s, b, q);
	if (band->fixed >= 0)
		fee = band->fixed;
	else if (band->rate == 0)
		fee = 0;
	else {
		/* amount * rate / 10000, rounded to the step, exactly. */
		num = (__int128)amount * band->rate;
		den = (__int128)(s->step > 0 ? s->step : 1) * 10000;
		quot = num / den;
		rem = num % den;
		if ((s->rounding == FEE_NEAREST && 2 * rem >= den) ||
		    (s->rounding == FEE_UP && rem > 0))
			quot++;
		fee = (int64_t)(quot * (s->step > 0 ? s->step : 1));
		if (fee < s->minimum)
			fee = s->minimum;
	}
	if (fee > amount)
		fee = amount;
	q->fee = fee;
	q->refund = amount - fee;
	return 0;
}
