/*
 * compensation.c: compensation standards.  Taobao compensates a lost
 * parcel by its declared value up to a cap and a damaged one by a share
 * of it; the sharing platforms compensate a late delivery with a coupon
 * or points.  These are rules in cs.conf, not each agent's judgement:
 * `cs-refund compensate RULE ORDER...` applies one to orders, making a
 * refund (value, share) or a grant (coupon, points) under the usual
 * approval limits, keyed by the rule and the order so a re-run of the
 * same listing makes nothing twice.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const char *const comp_kinds[] = {
	"value", "share", "coupon", "points", NULL
};

const struct comp_rule *
comp_rule_of(const struct rules *c, const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < c->ncomps; i++)
		if (strcmp(c->comps[i].name, name) == 0)
			return &c->comps[i];
	return NULL;
}

static const char order_sql[] =
    "SELECT amount, currency FROM orders WHERE id = $1";
/* This rule's refund of the order, if a person rejected it. */
static const char rejected_sql[] =
    "SELECT id FROM refund WHERE key = $1 AND status = 'rejected'";
/* A money standard already applied to the order by another rule. */
static const char other_sql[] =
    "SELECT id, key FROM refund WHERE order_id = $1 AND reason ="
    " 'compensation' AND key LIKE 'comp:%' AND key <> $2"
    " AND status <> 'rejected' ORDER BY id LIMIT 1";

/*
 * A parcel is lost or damaged, not both: one money standard an order
 * (its own again is the same refund, by its key).  Refused with 65,
 * naming the refund that stands, unless that one was rejected.
 */
static int
comp_once(struct cs *cs, int64_t order, const char *rule, const char *key)
{
	struct db_stmt	*st;
	const char	*k;
	char		 other[64];
	int64_t		 id, v[1];
	size_t		 n;
	int		 rc;

	if ((st = db_stmt(cs->db, other_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, order);
	db_bind_text(st, 2, key);
	switch (db_step(st)) {
	case DB_DONE:
		db_reset(st);
		/* Rejected, it is not made again: said, not printed as made. */
		if ((rc = db_lookup(cs->db, rejected_sql, key, 0, v, 1)) == 0)
			return cs_error(cs, CS_DATAERR, "O%lld: rule %s's "
			    "compensation R%lld was rejected, and a rejected "
			    "one is not made again", (long long)order, rule,
			    (long long)v[0]);
		if (rc != CS_NOINPUT)
			return cs_error(cs, rc, "O%lld: cannot read its "
			    "compensation", (long long)order);
		return 0;
	case DB_ROW:
		break;
	default:
		db_reset(st);
		return cs_error(cs, db_fail(cs->db, "refund"), "O%lld: cannot "
		    "read its compensation", (long long)order);
	}
	id = db_col_int(st, 0);
	/* comp:RULE:On */
	k = db_col_text(st, 1) + 5;
	n = strcspn(k, ":");
	if (n >= sizeof(other))
		n = sizeof(other) - 1;
	memcpy(other, k, n);
	other[n] = '\0';
	db_reset(st);
	return cs_error(cs, CS_DATAERR, "O%lld is compensated by rule %s "
	    "already (R%lld): a parcel is compensated by one standard, so "
	    "not by rule %s too; reject R%lld first if it was the wrong one",
	    (long long)order, other, (long long)id, rule, (long long)id);
}

int
compensate(struct cs *cs, int64_t order, const char *name)
{
	const struct comp_rule	*r;
	struct refund_in	 ri;
	struct grant_in		 gi;
	struct fee_quote	 q;
	struct db_stmt		*st;
	char			 spec[32], cust[32], key[96], value[32];
	char			 cur[8], note[96];
	int64_t			 amount, v, id, owner, o;
	int			 rc, outcome;

	if ((r = comp_rule_of(&cs->rules, name)) == NULL)
		return cs_error(cs, CS_USAGE, "no compensation rule \"%s\" "
		    "(see compensate in cs.conf)", name);
	snprintf(spec, sizeof(spec), "O%lld", (long long)order);
	if ((rc = order_find(cs, spec, &o, &owner)) != 0)
		return rc;
	if ((rc = cs_get(cs, order_sql, ID_ORDER, order, &st)) != 0)
		return rc;
	amount = db_col_int(st, 0);
	strlcpy(cur, db_col_text(st, 1), sizeof(cur));
	db_reset(st);
	/* The rule and the order are the cause: once each, however re-run. */
	snprintf(key, sizeof(key), "comp:%s:O%lld", r->name, (long long)order);
	snprintf(note, sizeof(note), "compensation rule %s", r->name);
	if (r->kind == COMP_VALUE || r->kind == COMP_SHARE) {
		if (r->kind == COMP_VALUE) {
			/* The cap is in the rule's currency. */
			if (r->v > 0 && strcmp(cur, r->currency) != 0)
				return cs_error(cs, CS_DATAERR, "O%lld is in %s: "
				    "rule %s's cap is in %s", (long long)order,
				    cur, r->name, r->currency);
			v = r->v > 0 && amount > r->v ? r->v : amount;
		} else
			v = amount * r->v / 10000;	/* <= 10^16: fits */
		if (v <= 0)
			return cs_error(cs, CS_DATAERR, "O%lld: rule %s comes "
			    "to nothing", (long long)order, r->name);
		if ((rc = comp_once(cs, order, r->name, key)) != 0)
			return rc;
		money_format(v, cur, value, sizeof(value));
		memset(&ri, 0, sizeof(ri));
		ri.order = spec;
		ri.amount = value;
		ri.reason = "compensation";
		ri.key = key;
		ri.note = note;
		if ((rc = refund_request(cs, &ri, &id, &outcome, &q)) != 0)
			return rc;
		cs->made_type = ID_REFUND;
	} else {
		/* A coupon is worth the desk's money (grant.c). */
		if (r->kind == COMP_COUPON &&
		    strcmp(r->currency, cs->conf.currency) != 0)
			return cs_error(cs, CS_DATAERR, "rule %s's coupon is "
			    "an amount in %s, the desk's coupons are in %s",
			    r->name, r->currency, cs->conf.currency);
		if (r->kind == COMP_COUPON)
			money_format(r->v, r->currency, value, sizeof(value));
		else
			snprintf(value, sizeof(value), "%lld",
			    (long long)r->v);
		snprintf(cust, sizeof(cust), "C%lld", (long long)owner);
		memset(&gi, 0, sizeof(gi));
		gi.customer = cust;
		gi.order = spec;
		gi.kind = r->kind == COMP_COUPON ? "coupon" : "points";
		gi.value = value;
		gi.reason = "delay";
		gi.key = key;
		gi.note = note;
		if ((rc = grant_request(cs, &gi, &id, &outcome)) != 0)
			return rc;
		cs->made_type = ID_GRANT;
	}
	cs->made = id;
	return 0;
}

/* compensate NAME value [CAP] | share PCT% | coupon VALUE | points N */
static int
kw_compensate(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct comp_rule	 r, *to;
	const char		*errstr;
	char			 num[32];
	size_t			 n;
	int			 k;

	if (argc < 3 || argc > 4 || (k = word_index(comp_kinds,
	    argv[2])) == -1 || (argc == 3 && k != COMP_VALUE)) {
		conf_err(p, "usage: compensate NAME value [CAP] | share PCT%% "
		    "| coupon VALUE | points N");
		return CS_CONFIG;
	}
	if (!cs_name_ok(argv[1]) || strlen(argv[1]) >= sizeof(r.name)) {
		conf_err(p, "compensate %s: letters, digits, '.', '-', '_'",
		    argv[1]);
		return CS_CONFIG;
	}
	memset(&r, 0, sizeof(r));
	strlcpy(r.name, argv[1], sizeof(r.name));
	r.kind = k;
	errstr = NULL;
	if (k == COMP_SHARE) {
		n = strlen(argv[3]);
		if (n < 2 || n >= sizeof(num) || argv[3][n - 1] != '%')
			errstr = "not a percentage";
		else {
			memcpy(num, argv[3], n - 1);
			num[n - 1] = '\0';
			if (money_parse_digits(num, 2, &r.v, &errstr) == -1 ||
			    r.v == 0 || r.v > 10000)
				errstr = "not a percentage above 0% up to 100%";
		}
	} else if (k == COMP_POINTS)
		r.v = strtonum(argv[3], 1, 100000000, &errstr);
	else if (argc == 4 && (conf_amount(p, argv[3], &r.v,
	    &errstr) == -1 || r.v == 0))
		errstr = errstr ? errstr : "more than zero";
	/* Amounts and their absence are the desk's currency. */
	strlcpy(r.currency, conf_core(p)->currency, sizeof(r.currency));
	if (errstr != NULL) {
		conf_err(p, "compensate %s %s %s: %s", argv[1], argv[2],
		    argv[3], errstr);
		return CS_CONFIG;
	}
	/* The first compensate line replaces the built-in rules. */
	if (!c->comps_set) {
		c->ncomps = 0;
		c->comps_set = 1;
	}
	if ((to = (struct comp_rule *)comp_rule_of(c, r.name)) == NULL) {
		if (c->ncomps == sizeof(c->comps) / sizeof(c->comps[0])) {
			conf_err(p, "too many compensation rules");
			return CS_CONFIG;
		}
		to = &c->comps[c->ncomps++];
	}
	*to = r;
	return 0;
}

static const struct conf_keyword comp_keywords[] = {
	{ "compensate",	kw_compensate },
	{ NULL,		NULL },
};

/*
 * Built in: a lost parcel by its declared value up to 3000.00, a damaged
 * one by half, a late delivery by a 5.00 coupon; yuan, the decks' own,
 * whatever the desk's currency (rules.c).
 */
static void
comp_defaults(struct rules *c)
{
	static const struct comp_rule builtin[] = {
		{ "lost", COMP_VALUE, 300000, "CNY" },
		{ "damaged", COMP_SHARE, 5000, "" },
		{ "late", COMP_COUPON, 500, "CNY" },
	};

	memcpy(c->comps, builtin, sizeof(builtin));
	c->ncomps = sizeof(builtin) / sizeof(builtin[0]);
}

static void
comp_print(const struct rules *c, FILE *fp)
{
	const struct comp_rule	*r;
	const char		*mark = "";
	char			 a[32];
	size_t			 i;

	/*
	 * The built-in rules, yuan on a desk in another currency, are
	 * printed as comments: read back, they stay built in (a line of
	 * them would replace the others).
	 */
	for (i = 0; i < c->ncomps; i++)
		if (c->comps[i].v > 0 && c->comps[i].kind != COMP_SHARE &&
		    c->comps[i].kind != COMP_POINTS &&
		    strcmp(c->comps[i].currency, c->currency) != 0) {
			fprintf(fp, "# compensate: the built-in rules, in %s, "
			    "not the desk's %s\n", c->comps[i].currency,
			    c->currency);
			mark = "# ";
			break;
		}
	for (i = 0; i < c->ncomps; i++) {
		r = &c->comps[i];
		a[0] = '\0';
		if (r->kind == COMP_SHARE) {
			money_format_digits(r->v, 2, a, sizeof(a));
			strlcat(a, "%", sizeof(a));
		} else if (r->kind == COMP_POINTS)
			snprintf(a, sizeof(a), "%lld", (long long)r->v);
		else if (r->v > 0)
			money_format(r->v, r->currency, a, sizeof(a));
		fprintf(fp, "%scompensate %s %s%s%s\n", mark, r->name,
		    comp_kinds[r->kind], a[0] ? " " : "", a);
	}
}

const struct rule_conf comp_conf = {
	comp_keywords, comp_defaults, comp_print, NULL
};
