/*
 * grant.c: grants.  A grant is compensation in kind: coupons and points
 * granted to a customer (sharing platforms compensate with these as well
 * as money; an advance, advance.c, is compensation in money).
 * A grant has a value (a coupon's face value in money, or a number of
 * points), an expiry and a reason, and is held to the same rules as a
 * refund: what it is worth in money (a point is worth `point-value`)
 * must be within the actor's approval limit or it waits, requested, for
 * someone whose limit covers it; nobody approves their own; an
 * idempotency key makes a grant, or a batch of them, safe to repeat.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const grant_kinds[] = { "coupon", "points", NULL };
const char *const grant_reasons[] = {
	"compensation", "goodwill", "delay", "service-failure", NULL
};

#define GRANT_MAXPOINTS	100000000	/* points in one grant */
#define GRANT_EXPIRY	(30 * 86400)	/* -e not given */

/* "20.00" for a coupon (in cur, the desk's), "500" for points. */
static void
value_text(const char *kind, int64_t value, const char *cur, char *buf,
    size_t len)
{
	if (strcmp(kind, "coupon") == 0)
		money_format(value, cur, buf, len);
	else
		snprintf(buf, len, "%lld", (long long)value);
}

int
grant_parse_value(const char *kind, const char *s, const char *cur,
    int64_t *value, const char **errstr)
{
	static char	 msg[64];
	const char	*e;

	if (strcmp(kind, "coupon") == 0) {
		if (money_parse(s, cur, value, &e) == -1) {
			*errstr = e;
			return -1;
		}
	} else {
		if (*s == '0' && s[1 + strspn(s + 1, "0")] == '\0') {
			*errstr = "points are more than zero";
			return -1;
		}
		if (*s < '1' || *s > '9' || s[strspn(s, "0123456789")] != '\0') {
			*errstr = "points are a whole number";
			return -1;
		}
		*value = strtonum(s, 1, GRANT_MAXPOINTS, &e);
		if (e != NULL) {
			snprintf(msg, sizeof(msg), "at most %d points",
			    GRANT_MAXPOINTS);
			*errstr = msg;
			return -1;
		}
	}
	if (*value == 0) {
		*errstr = "a grant is more than zero";
		return -1;
	}
	*errstr = NULL;
	return 0;
}

/* The expiry: a duration from now, or a time after now. */
static int
expiry_of(struct cs *cs, const char *s, int64_t *at)
{
	const char	*errstr;
	int64_t		 d;
	char		 when[64];

	if (s == NULL) {
		*at = cs->now + GRANT_EXPIRY;
		return 0;
	}
	if (duration_parse(s, &d, &errstr) == 0) {
		*at = cs->now + d;
		return 0;
	}
	if (clock_parse(s, cs->now, at, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "expiry %s: not a time or a "
		    "duration", s);
	if (*at <= cs->now) {
		clock_format_local(*at, when, sizeof(when));
		return cs_error(cs, CS_DATAERR, "expiry %s: %s is past", s,
		    when);
	}
	return 0;
}

static const char key_sql[] =
    "SELECT id, customer_id, kind, value, status, expires_at FROM grants"
    " WHERE key = $1";
static const char insert_sql[] =
    "INSERT INTO grants (customer_id, order_id, kind, value, worth,"
    " expires_at, status, reason, key, note, requested_by, decided_by,"
    " created_at, updated_at)"
    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13) RETURNING id";

int
grant_request(struct cs *cs, const struct grant_in *in, int64_t *id,
    int *outcome)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*errstr, *status;
	char		 key[160], rec[32], v[32];
	int64_t		 customer, order = 0, owner, value, worth, expires;
	int		 rc;

	if (word_index(grant_kinds, in->kind) == -1)
		return cs_error(cs, CS_DATAERR, "kind \"%s\": coupon or points",
		    in->kind);
	if (word_index(grant_reasons, in->reason) == -1)
		return cs_error(cs, CS_DATAERR, "unknown reason \"%s\" "
		    "(compensation goodwill delay service-failure)",
		    in->reason);
	if (grant_parse_value(in->kind, in->value, cs->conf.currency,
	    &value, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "value %s: %s", in->value,
		    errstr);
	if (in->note != NULL && (rc = text_ok(cs, "note", in->note, 1000)) != 0)
		return rc;
	if ((rc = customer_find(cs, in->customer, NULL, &customer)) != 0)
		return rc;
	if (in->order != NULL) {
		if ((rc = order_find(cs, in->order, &order, &owner)) != 0)
			return rc;
		if (owner != customer)
			return cs_error(cs, CS_DATAERR, "O%lld is C%lld's "
			    "order, not C%lld's", (long long)order,
			    (long long)owner, (long long)customer);
	}
	if (in->key != NULL) {
		if ((rc = cs_key_check(cs, in->key)) != 0)
			return rc;
		strlcpy(key, in->key, sizeof(key));
	} else
		snprintf(key, sizeof(key), "C%lld:%s:%lld:%s",
		    (long long)customer, in->kind, (long long)value,
		    in->reason);
	if ((rc = cs_key_find(cs, key_sql, key, "grant", &st)) == 0) {
		*id = db_col_int(st, 0);
		if (db_col_int(st, 1) != customer ||
		    strcmp(db_col_text(st, 2), in->kind) != 0 ||
		    db_col_int(st, 3) != value) {
			value_text(db_col_text(st, 2),
			    db_col_int(st, 3), cs->conf.currency, v,
			    sizeof(v));
			rc = cs_error(cs, CS_DATAERR, "key %s: already G%lld, "
			    "%s %s to C%lld", key, (long long)*id,
			    db_col_text(st, 2), v,
			    (long long)db_col_int(st, 1));
			db_reset(st);
			return rc;
		}
		/* One that expired waiting waits for nothing: said how. */
		*outcome = strcmp(db_col_text(st, 4), "requested") == 0 &&
		    db_col_int(st, 5) > cs->now ? REFUND_WAITING_BEFORE :
		    REFUND_DONE_BEFORE;
		if (strcmp(db_col_text(st, 4), "requested") == 0 &&
		    db_col_int(st, 5) <= cs->now) {
			clock_format_local(db_col_int(st, 5), v, sizeof(v));
			snprintf(cs->err, sizeof(cs->err), "G%lld expired on "
			    "%s waiting for approval, never granted: reject "
			    "it, and grant again under a key of its own "
			    "(grant add -k KEY)", (long long)*id, v);
		}
		db_reset(st);
		return 0;
	}
	if (rc != CS_NOINPUT)
		return rc;
	if ((rc = expiry_of(cs, in->expiry, &expires)) != 0)
		return rc;
	worth = strcmp(in->kind, "coupon") == 0 ? value :
	    value * cs->rules.point_value;
	/* Within the limit with all the actor let go of today. */
	if ((rc = refund_within_limit(cs, 0, worth, 0)) != 0 &&
	    rc != CS_NOPERM)
		return rc;
	cs->err[0] = '\0';
	status = rc == 0 ? "approved" : "requested";
	*outcome = *status == 'a' ? REFUND_APPLIED : REFUND_WAITING;
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, customer);
	if (order != 0)
		db_bind_int(st, 2, order);
	db_bind_text(st, 3, in->kind);
	db_bind_int(st, 4, value);
	db_bind_int(st, 5, worth);
	db_bind_int(st, 6, expires);
	db_bind_text(st, 7, status);
	db_bind_text(st, 8, in->reason);
	db_bind_text(st, 9, key);
	db_bind_text(st, 10, in->note);
	db_bind_text(st, 11, cs->actor.name);
	db_bind_text(st, 12, *status == 'a' ? cs->actor.name : NULL);
	db_bind_int(st, 13, cs->now);
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "grant"), "cannot record "
		    "the grant");
	if (*status == 'a' && (rc = refund_day_count(cs, ID_GRANT, *id,
	    worth)) != 0)
		return rc;
	jbuf_init(&j);
	id_format(ID_CUSTOMER, customer, rec, sizeof(rec));
	jbuf_str(&j, "customer", rec);
	if (order != 0) {
		id_format(ID_ORDER, order, rec, sizeof(rec));
		jbuf_str(&j, "order", rec);
	}
	jbuf_str(&j, "kind", in->kind);
	value_text(in->kind, value, cs->conf.currency, v, sizeof(v));
	jbuf_str(&j, "value", v);
	money_format(worth, cs->conf.currency, v, sizeof(v));
	jbuf_str(&j, "worth", v);
	clock_format_iso(expires, rec, sizeof(rec));
	jbuf_str(&j, "expires", rec);
	jbuf_str(&j, "reason", in->reason);
	jbuf_str(&j, "key", key);
	jbuf_str(&j, "status", status);
	return cs_audit(cs, ID_GRANT, *id, "grant.request", &j);
}

int
grant_decide(struct cs *cs, int64_t id, int approve, const char *why)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 status[16], by[64], a[32], l[32], msg[512];
	int64_t		 worth, lim, expires;
	int		 rc;

	if ((rc = cs_get(cs, "SELECT status, worth, requested_by, expires_at"
	    " FROM grants WHERE id = $1", ID_GRANT, id, &st)) != 0)
		return rc;
	strlcpy(status, db_col_text(st, 0), sizeof(status));
	worth = db_col_int(st, 1);
	strlcpy(by, db_col_text(st, 2), sizeof(by));
	expires = db_col_int(st, 3);
	db_reset(st);
	/* A coupon once approved is in the customer's hands. */
	if (strcmp(status, "requested") != 0)
		return cs_error(cs, CS_DATAERR, "G%lld is %s: cannot %s it",
		    (long long)id, status, approve ? "approve" : "reject");
	lim = refund_approval_limit(cs);
	if (lim >= 0 && worth > lim) {
		money_format(worth, cs->conf.currency, a, sizeof(a));
		money_format(lim, cs->conf.currency, l, sizeof(l));
		return cs_error(cs, CS_NOPERM, "G%lld: worth %s, above %s's "
		    "limit of %s", (long long)id, a, cs->actor.name, l);
	}
	/* Approving it is letting it go today, with the rest of the day. */
	if (approve && (rc = refund_within_limit(cs, 0, worth, 0)) != 0) {
		if (rc == CS_NOPERM) {
			strlcpy(msg, cs->err, sizeof(msg));
			return cs_error(cs, CS_NOPERM, "G%lld: %s",
			    (long long)id, msg);
		}
		return rc;
	}
	if (approve && strcmp(by, cs->actor.name) == 0)
		return cs_error(cs, CS_NOPERM, "G%lld: requested by %s, who "
		    "cannot also approve it", (long long)id, cs->actor.name);
	/* A coupon that expired waiting is given to no one: reject it. */
	if (approve && expires <= cs->now) {
		clock_format_local(expires, a, sizeof(a));
		return cs_error(cs, CS_DATAERR, "G%lld expired on %s waiting "
		    "for approval: reject it, or grant it again under a key "
		    "of its own (grant add -k KEY; its own key is G%lld's)",
		    (long long)id, a, (long long)id);
	}
	if (!approve && (why == NULL || *why == '\0'))
		return cs_error(cs, CS_DATAERR, "a rejection needs a reason");
	if (why != NULL && (rc = text_ok(cs, "reason", why, 1000)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "UPDATE grants SET status = $1,"
	    " decided_by = $2, note = coalesce($3, note), updated_at = $4"
	    " WHERE id = $5")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, approve ? "approved" : "rejected");
	db_bind_text(st, 2, cs->actor.name);
	db_bind_text(st, 3, why);
	db_bind_int(st, 4, cs->now);
	db_bind_int(st, 5, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "grant"), "G%lld: cannot "
		    "update", (long long)id);
	if (approve && (rc = refund_day_count(cs, ID_GRANT, id, worth)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", status);
	jbuf_str(&j, "to", approve ? "approved" : "rejected");
	if (why != NULL)
		jbuf_str(&j, "why", why);
	return cs_audit(cs, ID_GRANT, id, approve ? "grant.approved" :
	    "grant.rejected", &j);
}

/* ---- reading ---- */

/* The TSV/JSON contract of `cs-refund grant ls`: append only. */
const struct out_col grant_cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_GRANT,	1 },
	{ "customer",	"CUSTOMER",	OUT_ID,	   ID_CUSTOMER,	1 },
	{ "kind",	"KIND",		OUT_TEXT,  0,		1 },
	{ "value",	"VALUE",	OUT_TEXT,  0,		1 },
	{ "worth",	"WORTH",	OUT_MONEY, 0,		1 },
	{ "status",	"STATUS",	OUT_TEXT,  0,		1 },
	{ "reason",	"REASON",	OUT_TEXT,  0,		1 },
	{ "expires",	"EXPIRES",	OUT_TIME,  0,		1 },
	{ "key",	"KEY",		OUT_TEXT,  0,		0 },
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	0 },
	{ "requested_by", "BY",		OUT_TEXT,  0,		0 },
	{ "decided_by",	"DECIDED",	OUT_TEXT,  0,		0 },
	{ "created",	"CREATED",	OUT_TIME,  0,		0 },
	{ "note",	"NOTE",		OUT_TEXT,  OUT_PROSE,	0 },
};
const int grant_ncols = sizeof(grant_cols) / sizeof(grant_cols[0]);

/*
 * A coupon's value as text in the desk's currency, whose minor units
 * are 100, 1 or 1000 a unit: one text of each statement per divisor,
 * chosen by the desk's currency (grant_sql), none built from input.
 */
#define VALUE_TEXT(div)							\
    "CASE kind WHEN 'coupon' THEN"					\
    " CAST(value / " div " AS TEXT) || '.' ||"				\
    " substr(CAST(" div " + value % " div " AS TEXT), 2)"		\
    " ELSE CAST(value AS TEXT) END"
#define LIST_SQL(value)							\
    "SELECT id, customer_id, kind, " value ", worth,"			\
    " status, reason, expires_at, key, order_id, requested_by, decided_by,"\
    " created_at, note FROM grants"					\
    " WHERE ($1 IS NULL OR status = $1) AND ($2 = 0 OR customer_id = $2)"\
    " ORDER BY id"
#define SHOW_SQL(value)							\
    "SELECT id, customer_id, order_id, kind, " value ", worth,"		\
    " status, reason, expires_at, key, note, requested_by, decided_by,"	\
    " created_at, updated_at FROM grants WHERE id = $1"

static const char *const list_sql[] = {
	LIST_SQL("CAST(value AS TEXT)"), LIST_SQL(VALUE_TEXT("100")),
	LIST_SQL(VALUE_TEXT("1000")),
};
static const char *const show_sql[] = {
	SHOW_SQL("CAST(value AS TEXT)"), SHOW_SQL(VALUE_TEXT("100")),
	SHOW_SQL(VALUE_TEXT("1000")),
};

/* Which text of list_sql or show_sql: by the desk currency's digits. */
static int
grant_sql(const struct cs *cs)
{
	switch (money_digits(cs->conf.currency)) {
	case 0:
		return 0;
	case 3:
		return 2;
	default:
		return 1;
	}
}

int
grant_list(struct cs *cs, const char *status, const char *customer,
    struct out *o)
{
	static const char *const statuses[] = {
		"requested", "approved", "rejected", NULL
	};
	struct db_stmt	*st;
	int64_t		 cid = 0;
	int		 rc;

	if (status != NULL && word_index(statuses, status) == -1)
		return cs_error(cs, CS_USAGE, "-s %s: not a status (requested "
		    "approved rejected)", status);
	if (customer != NULL &&
	    (rc = customer_find(cs, customer, NULL, &cid)) != 0)
		return rc;
	if ((st = db_listing(cs->db, list_sql[grant_sql(cs)])) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, status);
	db_bind_int(st, 2, cid);
	/* What a grant is worth is the desk's money. */
	out_money_currency(cs->conf.currency);
	rc = cs_rows(cs, st, o, grant_ncols, "grants");
	out_money_currency(NULL);
	return rc;
}


int
grant_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const struct out_col f[] = {
		{ "grant", "", OUT_ID, ID_GRANT, 1 },
		{ "customer", "", OUT_ID, ID_CUSTOMER, 1 },
		{ "order", "", OUT_ID, ID_ORDER, 1 },
		{ "kind", "", OUT_TEXT, 0, 1 },
		{ "value", "", OUT_TEXT, 0, 1 },
		{ "worth", "", OUT_MONEY, 0, 1 },
		{ "status", "", OUT_TEXT, 0, 1 },
		{ "reason", "", OUT_TEXT, 0, 1 },
		{ "expires", "", OUT_TIME, 0, 1 },
		{ "key", "", OUT_TEXT, 0, 1 },
		{ "note", "", OUT_TEXT, OUT_PROSE, 1 },
		{ "requested", "", OUT_TEXT, 0, 1 },
		{ "decided", "", OUT_TEXT, 0, 1 },
		{ "created", "", OUT_TIME, 0, 1 },
		{ "updated", "", OUT_TIME, 0, 1 },
	};
	static const struct out_record show = {
		.cols = f, .ncols = sizeof(f) / sizeof(f[0]), .width = 10,
	};
	struct out_cell	 cells[sizeof(f) / sizeof(f[0])];
	struct db_stmt	*st;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_GRANT, id)) != 0)
		return rc;
	if ((rc = cs_show_get(cs, show_sql[grant_sql(cs)], ID_GRANT, id,
	    &st)) != 0)
		return rc;
	db_row_cells(st, cells, show.ncols);
	out_money_currency(cs->conf.currency);
	if (cs->out.mode == OUT_JSON) {
		fputc('{', fp);
		rc = out_record_json(fp, &show, cells, cs->out.unmask);
		out_money_currency(NULL);
		db_reset(st);
		fputc(',', fp);
		if (rc != 0 || (rc = history_json(cs, ID_GRANT, id, fp)) != 0)
			return rc;
		fputs("}\n", fp);
		return 0;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	out_money_currency(NULL);
	db_reset(st);
	if (rc != 0)
		return rc;
	return history_section(cs, ID_GRANT, id, fp);
}

static int
kw_point_value(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	const char	*errstr;
	char		 lo[32], hi[32];
	int64_t		 v;

	if (argc != 2) {
		conf_err(p, "usage: point-value AMOUNT");
		return CS_CONFIG;
	}
	if (conf_amount(p, argv[1], &v, &errstr) == -1) {
		conf_err(p, "point-value %s: %s", argv[1], errstr);
		return CS_CONFIG;
	}
	if (v == 0 || v > 100000000) {
		money_format(1, conf_core(p)->currency, lo, sizeof(lo));
		money_format(100000000, conf_core(p)->currency, hi,
		    sizeof(hi));
		conf_err(p, "point-value %s: from %s to %s", argv[1], lo, hi);
		return CS_CONFIG;
	}
	c->point_value = v;
	return 0;
}

static const struct conf_keyword point_keywords[] = {
	{ "point-value",	kw_point_value },
	{ NULL,			NULL },
};

static void
point_defaults(struct rules *c)
{
	/*
	 * A point of compensation is worth a fen, 100 points a yuan: a
	 * minor unit of the desk's currency (a yen on a desk in JPY).
	 */
	c->point_value = 1;
}

static void
point_print(const struct rules *c, FILE *fp)
{
	char	 a[32];

	money_format(c->point_value, c->currency, a, sizeof(a));
	fprintf(fp, "point-value %s\n", a);
}

const struct rule_conf point_conf = {
	point_keywords, point_defaults, point_print, NULL
};
