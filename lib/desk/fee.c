/*
 * fee.c: what a refund costs the customer.  A schedule cuts time into
 * bands — before departure or pickup, or since the order — each with a
 * percentage or a fixed fee; the fee is rounded to a step, raised to a
 * minimum, and never more than the amount.  All in integer minor units:
 * a fee off by half a yuan at a band edge is the worst bug cs can have.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

#define DAY	86400
#define HOUR	3600

/*
 * The built-in schedules.  rail is 12306's published rule: 8 days or
 * more before departure free, 48 hours or more 5%, 24 hours or more 10%,
 * less 20%; the fee rounded to 0.5 yuan (under 0.25 dropped, 0.25 to
 * under 0.75 is 0.5, 0.75 and more is 1 yuan), at least 2 yuan; "or
 * more" includes the edge; no refund after departure.  A ticket is
 * rebooked (改签) once: more than 48 hours before departure to any train
 * of the 15-day presale period, within 48 hours to one leaving before
 * 24:00 of the ticket's date; one moved from inside 8 days to beyond
 * them keeps the 5% band for a later refund.  A ride has no
 * schedule here: what cancelling it costs is its city's rules (ride.c),
 * one rule for the desk and for refunds.
 */
size_t
fee_builtin(struct fee_schedule *f, size_t max)
{
	static const struct fee_schedule builtin[] = {
		{ "rail", FEE_BEFORE_SERVICE, 1,
		  { { 0, 2000, -1 }, { 24 * HOUR, 1000, -1 },
		    { 48 * HOUR, 500, -1 }, { 8 * DAY, 0, -1 } }, 4,
		  200, 50, FEE_NEAREST, 1, 1, 0, 0,
		  1, 48 * HOUR, 15 * DAY, 8 * DAY, 500, "CNY" },
		/* Before shipping a full refund; returns are checked by state. */
		{ "goods", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 1, 0, 0, 0,
		  0, 0, 0, 0, -1, "" },
		/* A membership once in use is not refunded. */
		{ "membership", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 0, 0, 0, 0,
		  0, 0, 0, 0, -1, "" },
		/* A deposit is returned in full. */
		{ "deposit", FEE_BEFORE_SERVICE, 1,
		  { { 0, 0, -1 } }, 1, 0, 1, FEE_NEAREST, 1, 0, 0, 0,
		  0, 0, 0, 0, -1, "" },
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

/* The currency of a schedule's amounts; NULL before rules_load set it. */
static const char *
cur_of(const struct fee_schedule *s)
{
	return s->currency[0] != '\0' ? s->currency : NULL;
}

void
fee_rate_text(int64_t rate, char *buf, size_t len)
{
	money_format_digits(rate, 2, buf, len);
	while (buf[strlen(buf) - 1] == '0')
		buf[strlen(buf) - 1] = '\0';
	if (buf[strlen(buf) - 1] == '.')
		buf[strlen(buf) - 1] = '\0';
}

static void
describe(const struct fee_schedule *s, int b, struct fee_quote *q)
{
	const struct fee_band	*band = &s->bands[b];
	char			 from[32], next[32], fee[80], tail[64];
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
		money_format(band->fixed, cur_of(s), tail, sizeof(tail));
		snprintf(fee, sizeof(fee), band->fixed ? "fixed %s" : "free",
		    tail);
	} else if (band->rate == 0)
		snprintf(fee, sizeof(fee), "free");
	else {
		fee_rate_text(band->rate, tail, sizeof(tail));
		snprintf(fee, sizeof(fee), "%s%%", tail);
	}
	snprintf(q->rule, sizeof(q->rule), "%s: %s, %s", s->kind, where, fee);
	if (band->fixed < 0 && band->rate > 0) {
		if (s->step > 1) {
			money_format(s->step, cur_of(s), tail, sizeof(tail));
			strlcat(q->rule, ", rounded to ", sizeof(q->rule));
			strlcat(q->rule, tail, sizeof(q->rule));
		}
		if (s->minimum > 0) {
			money_format(s->minimum, cur_of(s), tail,
			    sizeof(tail));
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

int64_t
fee_base(int64_t price, int64_t paid, int64_t refunded, int64_t charged,
    int64_t amount)
{
	int64_t	 price_left, left;

	/*
	 * What was refunded with a fee came out of the price first; what
	 * is left of the price is also never more than the order still
	 * holds (a goodwill refund beyond the surplus took part of it).
	 */
	price_left = price - (charged < price ? charged : price);
	left = paid - refunded;
	if (price_left > left)
		price_left = left;
	if (price_left < 0)
		price_left = 0;
	return amount < price_left ? amount : price_left;
}

/*
 * The band fee_quote applied charges an amount of the schedule (a fixed
 * fee, a rounding step or a minimum) and the order is in another
 * currency than the schedule's (the desk's, or CNY for the built-in
 * rail): the quote is refused rather than the amount read as the
 * order's minor units (5.00 CNY is not 500 yen).  1 when refused.
 */
static int
foreign_amount(const struct fee_schedule *s, const char *currency,
    int64_t elapsed, struct fee_quote *q)
{
	const struct fee_band	*band;
	size_t			 n;
	int			 b;

	if (currency == NULL || cur_of(s) == NULL ||
	    strcmp(currency, s->currency) == 0 ||
	    (b = band_of(s, elapsed)) == -1)
		return 0;
	band = &s->bands[b];
	if (band->fixed > 0 || (band->fixed < 0 && band->rate > 0 &&
	    (s->step > 1 || s->minimum > 0))) {
		q->refused = 1;
		q->fee = 0;
		q->refund = 0;
		n = strlen(q->rule);
		snprintf(q->rule + n, sizeof(q->rule) - n, ": an amount in %s, "
		    "the order is in %s and the fee schedule has no %s "
		    "amount (cs never converts currencies)", s->currency,
		    currency, currency);
		return 1;
	}
	return 0;
}

int
fee_quote_base(const struct fee_schedule *s, const char *currency,
    int64_t amount, int64_t base, int64_t elapsed, struct fee_quote *q)
{
	char	 b[32], x[32];
	size_t	 n;

	if (amount <= 0 || base < 0 || base > amount) {
		memset(q, 0, sizeof(*q));
		return -1;
	}
	if (base == 0) {
		/* Only money paid beyond the price: it goes back whole. */
		memset(q, 0, sizeof(*q));
		q->amount = q->refund = amount;
		snprintf(q->rule, sizeof(q->rule), "%s: paid beyond the "
		    "price, no fee", s->kind);
		return 0;
	}
	if (fee_quote(s, base, elapsed, q) == -1)
		return -1;
	if (!q->refused && foreign_amount(s, currency, elapsed, q) != 0)
		return 0;
	if (base == amount || q->refused)
		return 0;
	q->amount = amount;
	q->refund = amount - q->fee;
	money_format(base, currency, b, sizeof(b));
	money_format(amount - base, currency, x, sizeof(x));
	n = strlen(q->rule);
	snprintf(q->rule + n, sizeof(q->rule) - n, "; fee on the price %s, "
	    "the %s paid beyond it returned whole", b, x);
	return 0;
}

int
fee_quote_after(const struct fee_schedule *s, const char *currency,
    int64_t amount, int64_t base, int64_t before, int64_t elapsed,
    struct fee_quote *q)
{
	struct fee_quote	 all, had;
	int64_t			 fee;

	if (fee_quote_base(s, currency, amount, base, elapsed, q) == -1)
		return -1;
	if (q->refused || base == 0 || before <= 0 ||
	    fee_quote(s, before + base, elapsed, &all) == -1 || all.refused ||
	    fee_quote(s, before, elapsed, &had) == -1 || had.refused)
		return 0;
	fee = all.fee - had.fee;
	if (fee < 0)
		fee = 0;
	if (fee > base)
		fee = base;
	q->fee = fee;
	q->refund = q->amount - fee;
	return 0;
}

/* The schedule for kind, added (empty, refundable) when new. */
static struct fee_schedule *
fee_for(struct conf_parse *p, struct rules *c, const char *kind)
{
	struct fee_schedule	*f;
	size_t			 i;

	for (i = 0; i < c->nfees; i++)
		if (strcmp(c->fees[i].kind, kind) == 0)
			return &c->fees[i];
	if (c->nfees == sizeof(c->fees) / sizeof(c->fees[0])) {
		conf_err(p, "fee %s: too many order kinds", kind);
		return NULL;
	}
	if (strlen(kind) >= FEE_KIND_MAX || !cs_name_ok(kind)) {
		conf_err(p, "fee %s: bad order kind", kind);
		return NULL;
	}
	f = &c->fees[c->nfees++];
	memset(f, 0, sizeof(*f));
	strlcpy(f->kind, kind, sizeof(f->kind));
	f->inclusive = 1;
	f->step = 1;
	f->refundable = 1;
	f->keep_rate = -1;
	return f;
}

/* "5%", "12.5%" -> basis points; -1 if malformed or over 100%. */
static int64_t
parse_rate(const char *s)
{
	char		 num[32];
	const char	*errstr;
	size_t		 n = strlen(s);
	int64_t		 v;

	if (n < 2 || n >= sizeof(num) || s[n - 1] != '%')
		return -1;
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (money_parse_digits(num, 2, &v, &errstr) == -1 || v > 10000)
		return -1;
	return v;
}

/*
 * An amount of the file for schedule f, in the desk's currency.  A
 * schedule whose amounts are in another currency (12306's built-in
 * rail, CNY, on a desk in JPY) becomes one of the desk's currency: its
 * built-in minimum and rounding step, yuan, are dropped (none, 1).
 */
static int
fee_amount(struct conf_parse *p, struct fee_schedule *f, const char *what,
    const char *s, int64_t *v)
{
	const char	*desk = conf_core(p)->currency, *errstr;

	if (conf_amount(p, s, v, &errstr) == -1) {
		conf_err(p, "fee %s %s: %s: %s", f->kind, what, s, errstr);
		return CS_CONFIG;
	}
	if (f->currency[0] != '\0' && strcmp(f->currency, desk) != 0) {
		f->minimum = 0;
		f->step = 1;
	}
	strlcpy(f->currency, desk, sizeof(f->currency));
	return 0;
}

static int
fee_band_add(struct conf_parse *p, struct fee_schedule *f, int argc,
    char **argv)
{
	struct fee_band	 b;
	int		 i;

	if (argc < 5 || argc > 6 || fee_duration(argv[3], &b.from) == -1)
		goto usage;
	b.rate = 0;
	b.fixed = -1;
	if (argc == 6 && strcmp(argv[4], "fixed") == 0) {
		if (fee_amount(p, f, "band", argv[5], &b.fixed) != 0)
			return CS_CONFIG;
	} else if (argc == 5 && (b.rate = parse_rate(argv[4])) == -1) {
		conf_err(p, "fee %s band: %s: not a percentage from 0%% to "
		    "100%%", f->kind, argv[4]);
		return CS_CONFIG;
	} else if (argc != 5)
		goto usage;
	/* A file's first band replaces the built-in ones. */
	if (!f->configured) {
		f->nbands = 0;
		f->configured = 1;
	}
	if (f->nbands == FEE_MAXBANDS) {
		conf_err(p, "fee %s: more than %d bands", f->kind,
		    FEE_MAXBANDS);
		return CS_CONFIG;
	}
	for (i = 0; i < f->nbands; i++) {
		if (f->bands[i].from == b.from) {
			conf_err(p, "fee %s: two bands start at %s", f->kind,
			    argv[3]);
			return CS_CONFIG;
		}
	}
	/* Keep the bands ascending, whatever order the file has. */
	for (i = f->nbands; i > 0 && f->bands[i - 1].from > b.from; i--)
		f->bands[i] = f->bands[i - 1];
	f->bands[i] = b;
	f->nbands++;
	return 0;
usage:
	conf_err(p, "usage: fee KIND band DURATION PERCENT%% | "
	    "fee KIND band DURATION fixed AMOUNT");
	return CS_CONFIG;
}

/*
 * "change TIMES EDGE PRESALE" or "change none"; "change-keep SPAN
 * PERCENT%" or "change-keep none".
 */
static int
fee_change_set(struct conf_parse *p, struct fee_schedule *f, int argc,
    char **argv)
{
	const char	*errstr;
	long long	 n;
	int64_t		 a, b;
	int		 change = strcmp(argv[2], "change") == 0;

	if (argc == 4 && strcmp(argv[3], "none") == 0) {
		if (change)
			f->change_times = 0;
		else
			f->keep_rate = -1;
		return 0;
	}
	if (change) {
		if (argc != 6)
			goto usage;
		n = strtonum(argv[3], 1, 99, &errstr);
		if (errstr != NULL || fee_duration(argv[4], &a) == -1 ||
		    fee_duration(argv[5], &b) == -1 || b <= a)
			goto usage;
		f->change_times = (int)n;
		f->change_edge = a;
		f->change_presale = b;
		return 0;
	}
	if (argc != 5 || fee_duration(argv[3], &a) == -1 || a == 0 ||
	    (b = parse_rate(argv[4])) == -1)
		goto usage;
	f->keep_span = a;
	f->keep_rate = b;
	return 0;
usage:
	conf_err(p, "usage: fee %s change TIMES EDGE PRESALE | "
	    "fee %s change none | fee %s change-keep SPAN PERCENT%% | "
	    "fee %s change-keep none", f->kind, f->kind, f->kind, f->kind);
	return CS_CONFIG;
}

static int
kw_fee(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct fee_schedule	*f;
	const char		*set;
	int64_t			 v;

	if (argc < 3) {
		conf_err(p, "usage: fee KIND SETTING ARGUMENTS");
		return CS_CONFIG;
	}
	if (strcmp(argv[1], "ride") == 0) {
		conf_err(p, "fee ride: a ride's cancellation fee is its "
		    "city's ride-cancel rules");
		return CS_CONFIG;
	}
	if ((f = fee_for(p, ctx, argv[1])) == NULL)
		return CS_CONFIG;
	set = argv[2];
	if (strcmp(set, "band") == 0)
		return fee_band_add(p, f, argc, argv);
	if (strcmp(set, "change") == 0 || strcmp(set, "change-keep") == 0)
		return fee_change_set(p, f, argc, argv);
	if (argc != 4 && !(strcmp(set, "rounding") == 0 && argc == 5))
		goto usage;
	if (strcmp(set, "measure") == 0) {
		if (strcmp(argv[3], "before-service") == 0)
			f->measure = FEE_BEFORE_SERVICE;
		else if (strcmp(argv[3], "after-order") == 0)
			f->measure = FEE_AFTER_ORDER;
		else
			goto usage;
	} else if (strcmp(set, "edges") == 0) {
		if (strcmp(argv[3], "inclusive") == 0)
			f->inclusive = 1;
		else if (strcmp(argv[3], "exclusive") == 0)
			f->inclusive = 0;
		else
			goto usage;
	} else if (strcmp(set, "minimum") == 0) {
		if (fee_amount(p, f, "minimum", argv[3], &v) != 0)
			return CS_CONFIG;
		f->minimum = v;
	} else if (strcmp(set, "rounding") == 0) {
		if (fee_amount(p, f, "rounding", argv[3], &v) != 0)
			return CS_CONFIG;
		if (v == 0) {
			conf_err(p, "fee %s rounding: %s: not a step", f->kind,
			    argv[3]);
			return CS_CONFIG;
		}
		f->step = v;
		f->rounding = FEE_NEAREST;
		if (argc == 5 && strcmp(argv[4], "up") == 0)
			f->rounding = FEE_UP;
		else if (argc == 5 && strcmp(argv[4], "down") == 0)
			f->rounding = FEE_DOWN;
		else if (argc == 5 && strcmp(argv[4], "nearest") != 0)
			goto usage;
	} else if (strcmp(set, "cutoff") == 0) {
		if (strcmp(argv[3], "none") == 0)
			f->has_cutoff = 0;
		else if (strcmp(argv[3], "departure") == 0) {
			f->has_cutoff = 1;
			f->cutoff = 0;
		} else if (fee_duration(argv[3], &f->cutoff) == 0)
			f->has_cutoff = 1;
		else
			goto usage;
	} else if (strcmp(set, "refund") == 0) {
		if (strcmp(argv[3], "yes") == 0)
			f->refundable = 1;
		else if (strcmp(argv[3], "no") == 0)
			f->refundable = 0;
		else
			goto usage;
	} else
		goto usage;
	return 0;
usage:
	conf_err(p, "fee %s: bad setting; one of: band DURATION PERCENT%% | "
	    "band DURATION fixed AMOUNT | measure before-service|after-order | "
	    "edges inclusive|exclusive | minimum AMOUNT | rounding STEP "
	    "[nearest|up|down] | cutoff departure|DURATION|none | "
	    "refund yes|no | change TIMES EDGE PRESALE|none | "
	    "change-keep SPAN PERCENT%%|none", f->kind);
	return CS_CONFIG;
}

static const struct conf_keyword fee_keywords[] = {
	{ "fee",	kw_fee },
	{ NULL,		NULL },
};

static void
fee_defaults(struct rules *c)
{
	c->nfees = fee_builtin(c->fees, sizeof(c->fees) / sizeof(c->fees[0]));
}

static void
print_fee(const struct fee_schedule *f, const char *desk, FILE *fp)
{
	static const char *const rounding[] = { "nearest", "up", "down" };
	char	 a[32], b[32];
	const char	*cur = cur_of(f), *mark = "";
	int		 i;

	/*
	 * Amounts in another currency than the desk's (12306's built-in
	 * rail) are printed as comments: read back, they stay built in.
	 */
	if (cur != NULL && strcmp(cur, desk) != 0) {
		fprintf(fp, "# fee %s: its amounts are %s (12306's built-in "
		    "rule), not the desk's %s\n", f->kind, cur, desk);
		mark = "# ";
	}
	fprintf(fp, "fee %s measure %s\n", f->kind,
	    f->measure == FEE_AFTER_ORDER ? "after-order" : "before-service");
	fprintf(fp, "fee %s edges %s\n", f->kind,
	    f->inclusive ? "inclusive" : "exclusive");
	for (i = 0; i < f->nbands; i++) {
		if (f->bands[i].from == 0)
			strlcpy(a, "0", sizeof(a));
		else
			duration_format(f->bands[i].from, a, sizeof(a));
		if (f->bands[i].fixed >= 0) {
			money_format(f->bands[i].fixed, cur, b, sizeof(b));
			fprintf(fp, "%sfee %s band %s fixed %s\n", mark,
			    f->kind, a, b);
		} else {
			money_format_digits(f->bands[i].rate, 2, b, sizeof(b));
			fprintf(fp, "fee %s band %s %s%%\n", f->kind, a, b);
		}
	}
	money_format(f->minimum, cur, a, sizeof(a));
	fprintf(fp, "%sfee %s minimum %s\n", mark, f->kind, a);
	money_format(f->step, cur, a, sizeof(a));
	fprintf(fp, "%sfee %s rounding %s %s\n", mark, f->kind, a,
	    rounding[f->rounding]);
	if (!f->has_cutoff)
		fprintf(fp, "fee %s cutoff none\n", f->kind);
	else if (f->cutoff == 0)
		fprintf(fp, "fee %s cutoff departure\n", f->kind);
	else {
		duration_format(f->cutoff, a, sizeof(a));
		fprintf(fp, "fee %s cutoff %s\n", f->kind, a);
	}
	fprintf(fp, "fee %s refund %s\n", f->kind, f->refundable ? "yes" :
	    "no");
	if (f->change_times == 0)
		fprintf(fp, "fee %s change none\n", f->kind);
	else {
		if (f->change_edge == 0)
			strlcpy(a, "0", sizeof(a));
		else
			duration_format(f->change_edge, a, sizeof(a));
		duration_format(f->change_presale, b, sizeof(b));
		fprintf(fp, "fee %s change %d %s %s\n", f->kind,
		    f->change_times, a, b);
	}
	if (f->keep_rate < 0)
		fprintf(fp, "fee %s change-keep none\n", f->kind);
	else {
		duration_format(f->keep_span, a, sizeof(a));
		money_format_digits(f->keep_rate, 2, b, sizeof(b));
		fprintf(fp, "fee %s change-keep %s %s%%\n", f->kind, a, b);
	}
}

static void
fee_print(const struct rules *c, FILE *fp)
{
	size_t	 i;

	for (i = 0; i < c->nfees; i++)
		print_fee(&c->fees[i], c->currency, fp);
}

const struct rule_conf fee_conf = {
	fee_keywords, fee_defaults, fee_print, NULL
};
