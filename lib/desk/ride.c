/*
 * ride.c: what cancelling a ride costs the passenger (the Didi desk).
 * Each city has its rules; the fee itself is computed by fee_quote, as
 * every fee is, from a schedule built for the ride's case: a real-time
 * ride is free for a window after the driver accepts and costs a fixed
 * fee after it; a reserved ride is free until a lead time before pickup;
 * a driver who has arrived costs the arrived fee; a late driver costs
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const struct ride_rule *
ride_rule_of(const struct rules *c, const char *city)
{
	size_t	 i;

	for (i = 1; city != NULL && i < c->nrides; i++)
		if (strcmp(c->rides[i].city, city) == 0)
			return &c->rides[i];
	return &c->rides[0];
}

/*
 * Letters of the scripts a desk's cities are written in, besides ASCII:
 * Latin with accents, Greek, Cyrillic, kana, CJK ideographs, Hangul; and
 * the middle dot of transliterated names.  Not spaces, punctuation or
 * format characters: a city is one word of cs.conf and of a listing.
 */
int
ride_city_ok(const char *s)
{
	static const uint32_t letters[][2] = {
		{ 0xb7, 0xb7 }, { 0xc0, 0xd6 }, { 0xd8, 0xf6 },
		{ 0xf8, 0x24f }, { 0x370, 0x3ff }, { 0x400, 0x4ff },
		{ 0x3040, 0x30ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
		{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0x20000, 0x2fa1f },
	};
	uint32_t	 cp;
	size_t		 n = strlen(s), i, k, len;
	int		 ok;

	if (n == 0 || n >= sizeof(((struct ride_rule *)0)->city) ||
	    *s == '.' || *s == '-')
		return 0;
	for (i = 0; i < n; i += len) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '.' || cp == '-' ||
		    cp == '_';
		for (k = 0; !ok && k < sizeof(letters) / sizeof(letters[0]);
		    k++)
			ok = cp >= letters[k][0] && cp <= letters[k][1];
		if (!ok)
			return 0;
	}
	return 1;
}

int
ride_rule_set(struct ride_rule *r, const char *kv, const char *currency,
    const char **errstr)
{
	static const char *const keys[] = {
		"free", "fee", "arrived-fee", "reserved-free", "reserved-fee",
		"late", NULL
	};
	char		 key[32];
	const char	*v = strchr(kv, '=');
	int64_t		 x;
	int		 k;

	if (v == NULL || (size_t)(v - kv) >= sizeof(key)) {
		*errstr = "not KEY=VALUE";
		return -1;
	}
	memcpy(key, kv, (size_t)(v - kv));
	key[v - kv] = '\0';
	v++;
	if ((k = word_index(keys, key)) == -1) {
		*errstr = "unknown key (free fee arrived-fee reserved-free "
		    "reserved-fee late)";
		return -1;
	}
	if (k == 1 || k == 2 || k == 4) {
		if (money_parse(v, currency, &x, errstr) == -1)
			return -1;
	} else if (fee_duration(v, &x) == -1) {
		*errstr = "not a duration";
		return -1;
	}
	switch (k) {
	case 0: r->free_window = x; break;
	case 1: r->fee = x; break;
	case 2: r->arrived_fee = x; break;
	case 3: r->reserved_free = x; break;
	case 4: r->reserved_fee = x; break;
	default: r->late = x; break;
	}
	return 0;
}

void
ride_rule_print(const struct ride_rule *r, FILE *fp)
{
	char	 a[32], b[32], c[32], d[32], e[32], f[32];

	duration_format(r->free_window, a, sizeof(a));
	money_format(r->fee, r->currency, b, sizeof(b));
	money_format(r->arrived_fee, r->currency, c, sizeof(c));
	duration_format(r->reserved_free, d, sizeof(d));
	money_format(r->reserved_fee, r->currency, e, sizeof(e));
	duration_format(r->late, f, sizeof(f));
	fprintf(fp, "ride-cancel %s free=%s fee=%s arrived-fee=%s "
	    "reserved-free=%s reserved-fee=%s late=%s\n", r->city, a, b, c, d,
	    e, f);
}

/* A schedule of one band: a fixed fee whatever the time. */
static void
flat(struct fee_schedule *s, int64_t fee)
{
	memset(s, 0, sizeof(*s));
	strlcpy(s->kind, "ride", sizeof(s->kind));
	s->measure = FEE_AFTER_ORDER;
	s->inclusive = 1;
	s->bands[0].fixed = fee;
	s->nbands = 1;
	s->step = 1;
	s->refundable = 1;
}

/* A fee of the rule r as text, in its currency. */
static const char *
fee_text(const struct ride_rule *r, int64_t fee, char *buf, size_t len)
{
	money_format(fee, r->currency[0] ? r->currency : NULL, buf, len);
	return buf;
}

void
ride_cancel_fee(const struct ride_rule *r, const struct ride_case *c,
    int64_t amount, int64_t now, struct fee_quote *q)
{
	struct fee_schedule	 s;
	char			 when[32], d[32];
	int64_t			 late_at, elapsed;

	flat(&s, 0);
	if (strcmp(c->status, "arrived") == 0) {
		flat(&s, r->arrived_fee);
		fee_quote(&s, amount, 0, q);
		snprintf(q->rule, sizeof(q->rule), "%s: the driver has "
		    "arrived, fixed %s", r->city,
		    fee_text(r, r->arrived_fee, d, sizeof(d)));
		return;
	}
	/* Accepted and not arrived: is the driver late? */
	if (strcmp(c->status, "accepted") == 0 &&
	    (c->reserved || c->accepted)) {
		late_at = c->reserved ? c->service_at + r->late :
		    c->accepted_at + r->late;
		if (now > late_at) {
			fee_quote(&s, amount, 0, q);
			clock_format_local(late_at, when, sizeof(when));
			snprintf(q->rule, sizeof(q->rule), "%s: the driver is "
			    "late (due by %s), free", r->city, when);
			return;
		}
	}
	if (c->reserved) {
		/* Before service: free from the lead time on, else the fee. */
		s.measure = FEE_BEFORE_SERVICE;
		s.bands[0].fixed = r->reserved_fee;
		s.bands[1].from = r->reserved_free;
		s.bands[1].fixed = 0;
		s.nbands = 2;
		elapsed = c->service_at - now;
		if (elapsed < 0)
			elapsed = 0;
		fee_quote(&s, amount, elapsed, q);
		duration_format(r->reserved_free, d, sizeof(d));
		if (q->fee == 0)
			snprintf(q->rule, sizeof(q->rule), "%s: reserved, %s "
			    "or more before pickup, free", r->city, d);
		else
			snprintf(q->rule, sizeof(q->rule), "%s: reserved, "
			    "under %s before pickup, fixed %s", r->city, d,
			    fee_text(r, q->fee, when, sizeof(when)));
		return;
	}
	if (strcmp(c->status, "booked") == 0 || !c->accepted) {
		fee_quote(&s, amount, 0, q);
		snprintf(q->rule, sizeof(q->rule), "%s: no driver has "
		    "accepted yet, free", r->city);
		return;
	}
	/* Real time, accepted: a free window, then the fee. */
	s.bands[1].from = r->free_window;
	s.bands[1].fixed = r->fee;
	s.nbands = 2;
	fee_quote(&s, amount, now - c->accepted_at, q);
	duration_format(r->free_window, d, sizeof(d));
	if (q->fee == 0 && r->fee > 0)
		snprintf(q->rule, sizeof(q->rule), "%s: within %s of the "
		    "driver accepting, free", r->city, d);
	else
		snprintf(q->rule, sizeof(q->rule), "%s: %s or more after the "
		    "driver accepted, fixed %s", r->city, d,
		    fee_text(r, q->fee, when, sizeof(when)));
}

static const char ride_sql[] =
    "SELECT kind, status, coalesce(city, ''), amount, service_at,"
    " accepted_at, arrived_at, cancel_fee, cancel_rule, status_at,"
    " currency FROM orders WHERE id = $1";

int
ride_cancel_quote(struct cs *cs, int64_t id, struct fee_quote *q)
{
	struct ride_case	 c;
	const struct ride_rule	*r;
	struct db_stmt		*st;
	char			 status[16], city[64], rule[256], cur[8];
	int64_t			 amount, at = cs->now;
	int			 rc, cancelled;

	if ((rc = cs_get(cs, ride_sql, ID_ORDER, id, &st)) != 0)
		return rc;
	if (strcmp(db_col_text(st, 0), "ride") != 0) {
		rc = cs_error(cs, CS_DATAERR, "O%lld is a %s order, not a "
		    "ride", (long long)id, db_col_text(st, 0));
		db_reset(st);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	strlcpy(status, db_col_text(st, 1), sizeof(status));
	strlcpy(city, db_col_text(st, 2), sizeof(city));
	amount = db_col_int(st, 3);
	strlcpy(cur, db_col_text(st, 10), sizeof(cur));
	if ((c.reserved = !db_col_null(st, 4)))
		c.service_at = db_col_int(st, 4);
	if ((c.accepted = !db_col_null(st, 5)))
		c.accepted_at = db_col_int(st, 5);
	cancelled = strcmp(status, "cancelled") == 0;
	/* What the desk recorded when it cancelled the ride stands. */
	if (cancelled && !db_col_null(st, 7)) {
		memset(q, 0, sizeof(*q));
		q->amount = amount;
		q->fee = db_col_int(st, 7);
		if (q->fee > amount)
			q->fee = amount;
		q->refund = amount - q->fee;
		strlcpy(q->currency, cur, sizeof(q->currency));
		snprintf(q->rule, sizeof(q->rule), "cancelled: %s",
		    db_col_text(st, 8) ? db_col_text(st, 8) : "");
		db_reset(st);
		return 0;
	}
	/*
	 * Cancelled on the platform: the rules as they stood when the desk
	 * recorded it, in the state the ride had reached.
	 */
	if (cancelled) {
		strlcpy(status, !db_col_null(st, 6) ? "arrived" :
		    c.accepted ? "accepted" : "booked", sizeof(status));
		at = db_col_int(st, 9);
	}
	db_reset(st);
	if (strcmp(status, "booked") != 0 && strcmp(status, "accepted") != 0 &&
	    strcmp(status, "arrived") != 0)
		return cs_error(cs, CS_DATAERR, "O%lld is %s: only a ride "
		    "booked, accepted or arrived is cancelled", (long long)id,
		    status);
	c.status = status;
	r = ride_rule_of(&cs->rules, city);
	ride_cancel_fee(r, &c, amount, at, q);
	strlcpy(q->currency, cur, sizeof(q->currency));
	/* The rule's fees are in its currency: never read as another's. */
	if (q->fee > 0 && strcmp(cur, r->currency) != 0)
		return cs_error(cs, CS_DATAERR, "O%lld: %s: an amount in %s, "
		    "the ride is in %s and ride-cancel has no %s amount (cs "
		    "never converts currencies)", (long long)id, q->rule,
		    r->currency, cur, cur);
	if (cancelled) {
		strlcpy(rule, "cancelled: ", sizeof(rule));
		strlcat(rule, q->rule, sizeof(rule));
		strlcpy(q->rule, rule, sizeof(q->rule));
	}
	return 0;
}

static int
kw_ride_cancel(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct ride_rule	*r = NULL, was;
	const char		*errstr, *desk = conf_core(p)->currency;
	int64_t			 v;
	size_t			 i;
	int			 k, amounts = 0, money;

	if (argc < 3) {
		conf_err(p, "usage: ride-cancel CITY KEY=VALUE...");
		return CS_CONFIG;
	}
	if (strcmp(argv[1], "*") != 0 && !ride_city_ok(argv[1])) {
		conf_err(p, "ride-cancel %s: a city is letters (北京 or "
		    "beijing), digits, '.', '-', '_', or *", argv[1]);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nrides; i++)
		if (strcmp(c->rides[i].city, argv[1]) == 0)
			r = &c->rides[i];
	if (r == NULL) {
		if (c->nrides == RIDE_MAXRULES) {
			conf_err(p, "too many ride-cancel cities");
			return CS_CONFIG;
		}
		/* A city starts from the rules of every other city. */
		r = &c->rides[c->nrides++];
		*r = c->rides[0];
		strlcpy(r->city, argv[1], sizeof(r->city));
	}
	was = *r;
	for (k = 2; k < argc; k++) {
		money = strncmp(argv[k], "fee=", 4) == 0 ||
		    strncmp(argv[k], "arrived-fee=", 12) == 0 ||
		    strncmp(argv[k], "reserved-fee=", 13) == 0;
		if (ride_rule_set(r, argv[k], desk, &errstr) == -1) {
			*r = was;
			conf_err(p, "ride-cancel %s %s: %s%s%s%s", argv[1],
			    argv[k], errstr, money ? " (amounts here are " :
			    "", money ? desk : "", money ? ")" : "");
			return CS_CONFIG;
		}
		if (money) {
			amounts |= 1 << (argv[k][0] == 'f' ? 0 :
			    argv[k][0] == 'a' ? 1 : 2);
			/* Read in the desk's currency, its line noted. */
			(void)conf_amount(p, strchr(argv[k], '=') + 1, &v,
			    &errstr);
		}
	}
	/*
	 * Didi's built-in fees are yuan: on a desk in another currency a
	 * line that sets fees sets all three, or one would be read as the
	 * desk's currency and the others as yuan.
	 */
	if (amounts != 0 && r->currency[0] != '\0' &&
	    strcmp(r->currency, desk) != 0) {
		if (amounts != 7) {
			*r = was;
			conf_err(p, "ride-cancel %s: its fees are %s (the "
			    "built-in ones); on a desk in %s give fee=, "
			    "arrived-fee= and reserved-fee= together",
			    argv[1], r->currency, desk);
			return CS_CONFIG;
		}
		r->currency[0] = '\0';
	}
	if (amounts != 0)
		strlcpy(r->currency, desk, sizeof(r->currency));
	return 0;
}

static const struct conf_keyword ride_keywords[] = {
	{ "ride-cancel",	kw_ride_cancel },
	{ NULL,			NULL },
};

/*
 * Ride cancellations, every city: free for 2 minutes after the driver
 * accepts, then 5 yuan; 10 yuan once the driver has arrived; a reserved
 * ride free until 1 hour before pickup, then 10 yuan; nothing when the
 * driver has not arrived 15 minutes after accepting (reserved: after the
 * pickup time).
 */
static void
ride_defaults(struct rules *c)
{
	strlcpy(c->rides[0].city, "*", sizeof(c->rides[0].city));
	c->rides[0].free_window = 120;
	c->rides[0].fee = 500;
	c->rides[0].arrived_fee = 1000;
	c->rides[0].reserved_free = 3600;
	c->rides[0].reserved_fee = 1000;
	c->rides[0].late = 900;
	strlcpy(c->rides[0].currency, "CNY", sizeof(c->rides[0].currency));
	c->nrides = 1;
}

static void
ride_print(const struct rules *c, FILE *fp)
{
	size_t	 i;

	const struct ride_rule	*r;
	char			 a[32], b[32], d[32];

	/*
	 * Fees in another currency than the desk's (Didi's built-in yuan)
	 * are printed as a comment: read back, they stay built in.
	 */
	for (i = 0; i < c->nrides; i++) {
		r = &c->rides[i];
		if (strcmp(r->currency, c->currency) == 0) {
			ride_rule_print(r, fp);
			continue;
		}
		duration_format(r->free_window, a, sizeof(a));
		duration_format(r->reserved_free, b, sizeof(b));
		duration_format(r->late, d, sizeof(d));
		fprintf(fp, "ride-cancel %s free=%s reserved-free=%s late=%s\n",
		    r->city, a, b, d);
		fprintf(fp, "# ride-cancel %s: its fees are %s (Didi's built-in "
		    "rule), not the desk's %s:\n", r->city, r->currency,
		    c->currency);
		fprintf(fp, "#   fee=%s", fee_text(r, r->fee, a, sizeof(a)));
		fprintf(fp, " arrived-fee=%s", fee_text(r, r->arrived_fee, a,
		    sizeof(a)));
		fprintf(fp, " reserved-fee=%s\n", fee_text(r, r->reserved_fee,
		    a, sizeof(a)));
	}
}

const struct rule_conf ride_conf = {
	ride_keywords, ride_defaults, ride_print, NULL
};

const struct out_col ride_cancel_cols[] = {
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "fee",	"FEE",		OUT_MONEY, 0,		1 },
	{ "rule",	"RULE",		OUT_TEXT,  0,		1 },
};
const int ride_cancel_ncols =
    sizeof(ride_cancel_cols) / sizeof(ride_cancel_cols[0]);

int
ride_cancel_row(struct cs *cs, int64_t id, struct out *o)
{
	struct out_cell		 cells[4];
	struct fee_quote	 q;
	int			 rc;

	if ((rc = ride_cancel_quote(cs, id, &q)) != 0)
		return rc;
	memset(cells, 0, sizeof(cells));
	cells[0].i = id;
	cells[1].i = q.amount;
	cells[2].i = q.fee;
	cells[3].s = q.rule;
	/* The ride's money in its own currency: 3000 yen is not 30.00. */
	out_money_currency(q.currency);
	rc = out_row(o, cells);
	out_money_currency(NULL);
	return rc;
}
