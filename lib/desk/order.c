/*
 * order.c: orders as the desk sees them.  The platform is the source of
 * truth: imports record what it says, idempotently, and keep a history
 * of status changes.  Abnormal orders — paid twice, failed or cancelled
 * but holding money — are found here.  Payments are payment.c's.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/*
 * Each kind's states, in the order of its life, and the moves the desk
 * may make: "from:to,to" pairs.  Imports record what the platform says
 * and are not held to these.  The states that say the order was paid:
 * "paid" and every state after it in its life but the ends that may
 * come with or without money (cancelled, failed); a ride is paid on the
 * platform, outside its life here, so none of its states says so.  The
 * state that says the money went back (a ticket refunded, a deposit
 * returned) is reached by the refund of all that was paid, with the
 * refund's reason.
 */
static const struct order_kind {
	const char	*kind;
	const char	*states;	/* space-separated */
	const char	*moves;
	const char	*paid;		/* the states that imply payment */
	const char	*back;		/* the state of the money gone back */
	const char	*reason;	/* and the reason of its refund */
} order_kinds[] = {
	{ "rail", "booked paid issued used failed cancelled refunded",
	  "booked:paid,cancelled paid:issued,failed,cancelled "
	  "issued:used,refunded,cancelled failed:refunded",
	  "paid issued used refunded", "refunded", "cancellation" },
	{ "ride", "booked accepted arrived started completed cancelled",
	  "booked:accepted,cancelled accepted:arrived,cancelled "
	  "arrived:started,cancelled started:completed", "", "", "" },
	{ "goods", "placed paid shipped received reviewed cancelled returned",
	  "placed:paid,cancelled paid:shipped,cancelled "
	  "shipped:received,returned received:reviewed,returned",
	  "paid shipped received reviewed returned", "", "" },
	{ "membership", "placed paid active expired cancelled refunded",
	  "placed:paid,cancelled paid:active,refunded active:expired,refunded",
	  "paid active expired refunded", "refunded", "goodwill" },
	{ "deposit", "paid returned", "paid:returned", "paid returned",
	  "returned", "deposit" },
};

static const struct order_kind *
kind_of(const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(order_kinds) / sizeof(order_kinds[0]); i++)
		if (strcmp(order_kinds[i].kind, kind) == 0)
			return &order_kinds[i];
	return NULL;
}

/* 1 if word is one of the words of list, separated by spaces or commas. */
static int
in_words(const char *list, const char *word)
{
	size_t	 n = strlen(word);
	const char *p;

	if (n == 0)
		return 0;
	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == ' ' || p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

const char *
order_first_state(const char *kind)
{
	static char		 first[32];
	const struct order_kind	*k = kind_of(kind);

	if (k == NULL)
		return "unknown";
	strlcpy(first, k->states, sizeof(first));
	first[strcspn(first, " ")] = '\0';
	return first;
}

int
order_state_paid(const char *kind, const char *status)
{
	const struct order_kind	*k = kind_of(kind);

	return k != NULL && in_words(k->paid, status);
}

/* 1 if status comes before "paid" in the life of k (booked, placed). */
static int
before_paid(const struct order_kind *k, const char *status)
{
	const char	*p = strstr(k->states, "paid"), *q;
	size_t		 n = strlen(status);

	for (q = k->states; p != NULL && q < p; q += strcspn(q, " ") + 1)
		if (strncmp(q, status, n) == 0 && q[n] == ' ')
			return 1;
	return 0;
}

int
order_state_ok(struct cs *cs, const char *kind, const char *status)
{
	const struct order_kind	*k;

	if ((k = kind_of(kind)) == NULL)
		return cs_error(cs, CS_DATAERR, "unknown order kind \"%s\" "
		    "(rail ride goods membership deposit)", kind);
	if (!in_words(k->states, status))
		return cs_error(cs, CS_DATAERR, "%s orders have no status "
		    "\"%s\" (%s)", kind, status, k->states);
	return 0;
}

int
order_filter_ok(struct cs *cs, const char *kind, const char *status)
{
	const struct order_kind	*k = NULL;
	size_t			 i;

	if (kind != NULL && (k = kind_of(kind)) == NULL)
		return cs_error(cs, CS_USAGE, "-k %s: unknown order kind "
		    "(rail ride goods membership deposit)", kind);
	if (status == NULL)
		return 0;
	if (k != NULL) {
		if (!in_words(k->states, status))
			return cs_error(cs, CS_USAGE, "-s %s: %s orders have "
			    "no such status (%s)", status, kind, k->states);
		return 0;
	}
	for (i = 0; i < sizeof(order_kinds) / sizeof(order_kinds[0]); i++)
		if (in_words(order_kinds[i].states, status))
			return 0;
	return cs_error(cs, CS_USAGE, "-s %s: no kind of order has this "
	    "status", status);
}

/*
 * 1 if an order of kind k in state from can come to state to by its
 * moves: a platform file saying `to` of an order already past it is
 * older than what the desk holds.
 */
static int
reachable(const struct order_kind *k, const char *from, const char *to)
{
	char		 seen[256], todo[256], w[32];
	const char	*p, *q;
	size_t		 n;
	int		 guard;

	strlcpy(todo, from, sizeof(todo));
	strlcpy(seen, from, sizeof(seen));
	/* Breadth first over "state:next,next" words; a few states only. */
	for (guard = 0; todo[0] != '\0' && guard < 32; guard++) {
		n = strcspn(todo, " ");
		strlcpy(w, todo, n + 1 < sizeof(w) ? n + 1 : sizeof(w));
		memmove(todo, todo + n + (todo[n] == ' '), strlen(todo + n +
		    (todo[n] == ' ')) + 1);
		if (strcmp(w, to) == 0)
			return 1;
		for (p = k->moves; (p = strstr(p, w)) != NULL; p += strlen(w)) {
			if ((p != k->moves && p[-1] != ' ') ||
			    p[strlen(w)] != ':')
				continue;
			for (p += strlen(w) + 1; *p != ' ' && *p != '\0';
			    p = q + (*q == ',')) {
				q = p + strcspn(p, ", ");
				snprintf(w, sizeof(w), "%.*s", (int)(q - p), p);
				if (in_words(seen, w))
					continue;
				strlcat(seen, " ", sizeof(seen));
				strlcat(seen, w, sizeof(seen));
				strlcat(todo, todo[0] ? " " : "", sizeof(todo));
				strlcat(todo, w, sizeof(todo));
			}
			break;
		}
	}
	return 0;
}

/* The states an order of kind may move to from `from`, into buf. */
static void
next_states(const struct order_kind *k, const char *from, char *buf,
    size_t len)
{
	const char	*p;
	size_t		 n = strlen(from), i;

	buf[0] = '\0';
	for (p = k->moves; (p = strstr(p, from)) != NULL; p += n) {
		if ((p == k->moves || p[-1] == ' ') && p[n] == ':') {
			/* "paid,cancelled" -> "paid, cancelled" */
			for (p += n + 1, i = 0; *p != ' ' && *p != '\0' &&
			    i + 2 < len; p++) {
				buf[i++] = *p;
				if (*p == ',')
					buf[i++] = ' ';
			}
			buf[i] = '\0';
			return;
		}
	}
}

#define ORDER_COLS \
    "SELECT id, customer_id, kind, service_at, created_at, currency, status"
#define ORDER_INFO	ORDER_COLS " FROM orders"
/* And what order_money reads, in the same look at the order's row. */
#define ORDER_MONEY_COLS ORDER_COLS ", (SELECT coalesce(money_sum(amount),"\
    " -1) FROM payment WHERE order_id = orders.id AND status = 'ok'),"	\
    " refund_pending + refund_paid"
#define ORDER_MONEY	ORDER_MONEY_COLS " FROM orders"
static const char info_by_id_sql[] = ORDER_INFO " WHERE id = $1";
static const char info_by_ref_sql[] = ORDER_INFO " WHERE ref = $1";
static const char money_by_id_sql[] = ORDER_MONEY " WHERE id = $1";
static const char money_by_ref_sql[] = ORDER_MONEY " WHERE ref = $1";

/* The order of st's row: ORDER_INFO's columns, or ORDER_MONEY's. */
static void
order_row(struct db_stmt *st, struct order_info *o, int money)
{
	o->id = db_col_int(st, 0);
	o->customer = db_col_int(st, 1);
	strlcpy(o->kind, db_col_text(st, 2), sizeof(o->kind));
	o->has_service = !db_col_null(st, 3);
	o->service_at = db_col_int(st, 3);
	o->created_at = db_col_int(st, 4);
	strlcpy(o->currency, db_col_text(st, 5), sizeof(o->currency));
	strlcpy(o->status, db_col_text(st, 6), sizeof(o->status));
	if (money) {
		o->paid = db_col_int(st, 7);
		o->refunded = db_col_int(st, 8);
	}
}

static int
load(struct cs *cs, const char *spec, struct order_info *o, int money)
{
	struct db_stmt	*st;
	const char	*errstr;
	char		 q[256];
	int64_t		 n = 0;
	int		 rc, byref = strncmp(spec, "ref:", 4) == 0;

	if (!byref && id_parse(spec, ID_ORDER, &n, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "%s %s",
		    diag_quote(spec, q, sizeof(q)), errstr);
	if (money)
		st = db_stmt(cs->db, byref ? money_by_ref_sql :
		    money_by_id_sql);
	else
		st = db_stmt(cs->db, byref ? info_by_ref_sql : info_by_id_sql);
	if (st == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	if (byref)
		db_bind_text(st, 1, spec + 4);
	else
		db_bind_int(st, 1, n);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "order"),
			    "order lookup");
		if (byref)
			return cs_error(cs, CS_NOINPUT, "%s: no such order",
			    spec);
		return cs_error(cs, CS_NOINPUT, "O%lld: no such order",
		    (long long)n);
	}
	order_row(st, o, money);
	db_reset(st);
	return 0;
}

/*
 * Many orders in one statement, a list of IDs bound as one JSON text:
 * PostgreSQL's index takes the list as an array; SQLite's json_each
 * gives the rows to look up.  And the order's total of its limit day.
 */
static const char money_many_sql[] = ORDER_MONEY_COLS ", limit_day,"
    " limit_total FROM orders WHERE id = ANY(ARRAY(SELECT"
    " CAST(json_array_elements_text(CAST($1 AS JSON)) AS BIGINT)))";
static const char money_many_sqlite[] = ORDER_MONEY_COLS ", limit_day,"
    " limit_total FROM orders"
    " WHERE id IN (SELECT value FROM json_each($1))";

int
order_load_money_many(struct cs *cs, const int64_t *ids, size_t n,
    struct order_info *o, int64_t (*limit)[2], int *found)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	size_t		 i, k;
	int64_t		 id;
	int		 rc;

	memset(found, 0, n * sizeof(*found));
	jbuf_init_list(&j);
	for (i = 0; i < n; i++)
		jbuf_add_int(&j, ids[i]);
	if ((st = db_stmt(cs->db, db_text(cs->db, money_many_sql,
	    money_many_sqlite))) == NULL) {
		jbuf_free(&j);
		return cs_error(cs, CS_SOFTWARE, "database error");
	}
	db_bind_text(st, 1, jbuf_end(&j));
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		for (i = 0; i < n; i++) {
			if (ids[i] != id || found[i])
				continue;
			order_row(st, &o[i], 1);
			limit[i][0] = db_col_int(st, 9);
			limit[i][1] = db_col_int(st, 10);
			found[i] = 1;
			/* The same ID twice in the list: each its copy. */
			for (k = i + 1; k < n; k++)
				if (ids[k] == id && !found[k]) {
					o[k] = o[i];
					limit[k][0] = limit[i][0];
					limit[k][1] = limit[i][1];
					found[k] = 1;
				}
			break;
		}
	}
	db_reset(st);
	jbuf_free(&j);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "order"), "order lookup");
	return 0;
}

int
order_load(struct cs *cs, const char *spec, struct order_info *o)
{
	return load(cs, spec, o, 0);
}

int
order_load_money(struct cs *cs, const char *spec, struct order_info *o)
{
	return load(cs, spec, o, 1);
}

int
order_find(struct cs *cs, const char *spec, int64_t *id, int64_t *customer)
{
	struct order_info	 o;
	int			 rc;

	if ((rc = order_load(cs, spec, &o)) != 0)
		return rc;
	*id = o.id;
	*customer = o.customer;
	return 0;
}

static const char find_sql[] =
    "SELECT o.id, o.customer_id, o.kind, o.status, o.amount, o.currency,"
    " o.platform_at, c.phone, o.service_at, o.rebooked, o.created_at,"
    " coalesce(o.item, ''), coalesce(o.city, ''), coalesce(o.pickup, ''),"
    " coalesce(o.destination, '') FROM orders o"
    " JOIN customer c ON c.id = o.customer_id WHERE o.ref = $1";

/*
 * The fields an imported line may give of a known order besides its
 * status, and the desk's own change of one (cs_field): a route the desk
 * changed stands, as a departure it rebooked does (rebooked, read with
 * the row).
 */
static const struct cs_field order_fields[] = {
	{ "service_at",		NULL,		NULL },
	{ "created_at",		NULL,		NULL },
	{ "item",		NULL,		NULL },
	{ "city",		NULL,		NULL },
	{ "pickup",		"order.route",	"pickup" },
	{ "destination",	"order.route",	"destination" },
};

/* Which of order_fields in's line gives otherwise than st's row has. */
static unsigned
ref_differs(const struct order_in *in, struct db_stmt *st)
{
	const char	*given[] = {
		in->item, in->city, in->pickup, in->destination
	};
	unsigned	 m = 0;
	size_t		 i;

	m |= (in->service_at != 0 && !db_col_int(st, 9) &&
	    (db_col_null(st, 8) || db_col_int(st, 8) != in->service_at));
	m |= (in->created_at != 0 && db_col_int(st, 10) != in->created_at)
	    << 1;
	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++)
		m |= (given[i] != NULL &&
		    strcmp(given[i], db_col_text(st, 11 + i)) != 0) << (2 + i);
	return m;
}

/* A ride recorded as accepted or arrived already was so by now. */
static const char insert_sql[] =
    "INSERT INTO orders (ref, customer_id, kind, status, amount, currency,"
    " service_at, created_at, updated_at, status_at, item, city, pickup,"
    " destination, platform_at, accepted_at, arrived_at)"
    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,"
    " CASE WHEN $3 = 'ride' AND $4 IN ('accepted', 'arrived') THEN $10 END,"
    " CASE WHEN $3 = 'ride' AND $4 = 'arrived' THEN $10 END)"
    /* The row as stored, for its audit record: no read back. */
    " RETURNING id, " AUDIT_ORDER_COLS;
/* A ride's driver accepting and arriving are stamped the first time. */
static const char set_status_sql[] =
    "UPDATE orders SET status = $1, updated_at = $2, status_at = $2,"
    " platform_at = NULL,"
    " accepted_at = CASE WHEN $1 = 'accepted' AND kind = 'ride'"
    "   THEN coalesce(accepted_at, $2) ELSE accepted_at END,"
    " arrived_at = CASE WHEN $1 = 'arrived' AND kind = 'ride'"
    "   THEN coalesce(arrived_at, $2) ELSE arrived_at END"
    " WHERE id = $3";

/* A place as a ride names it: one line of printable text. */
static int
place_ok(struct cs *cs, const char *what, const char *s)
{
	const char	*why;

	if (s != NULL && !customer_name_ok(s, &why))
		return cs_error(cs, CS_DATAERR, "%s \"%s\": one line of text, "
		    "at most 200 bytes", what, s);
	return 0;
}

static int
step_done(struct cs *cs, struct db_stmt *st, const char *what)
{
	int	 rc = db_step(st);

	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, what), "%s failed", what);
	return 0;
}

/* A tier's rank in the configured list, lowest first; -1 if unknown. */
static int
tier_rank(const struct rules *c, const char *tier)
{
	size_t	 i;

	for (i = 0; i < c->ntiers; i++)
		if (strcmp(c->tiers[i], tier) == 0)
			return (int)i;
	return -1;
}


/*
 * A membership is only ever upgraded: the tier bought must rank above
 * the customer's, and is paid in full (no credit for the old one).
 */
static int
membership_ok(struct cs *cs, int64_t cust, const char *item)
{
	char		 cur[64], higher[256];
	size_t		 i;
	int		 want, have, rc;

	if (item == NULL)
		return cs_error(cs, CS_DATAERR, "a membership order names the "
		    "tier bought (item)");
	if ((want = tier_rank(&cs->rules, item)) == -1)
		return cs_error(cs, CS_DATAERR, "unknown tier \"%s\" (see tier "
		    "in cs.conf)", item);
	/* As of now: a membership that ended left the standard tier. */
	if ((rc = customer_tier(cs, cust, cs->now, cur, sizeof(cur))) != 0)
		return rc;
	have = tier_rank(&cs->rules, cur);
	/* The same membership again is a renewal: it extends the term. */
	if (want > have || (want == have && membership_of(&cs->rules, item) !=
	    NULL && membership_of(&cs->rules, item)->term > 0))
		return 0;
	higher[0] = '\0';
	for (i = (size_t)have + 1; i < cs->rules.ntiers; i++) {
		strlcat(higher, higher[0] ? ", " : "", sizeof(higher));
		strlcat(higher, cs->rules.tiers[i], sizeof(higher));
	}
	return cs_error(cs, CS_DATAERR, "C%lld is %s: a membership is only "
	    "upgraded%s%s, never to %s", (long long)cust, cur,
	    higher[0] ? ", to " : "", higher, item);
}

/*
 * The desk makes a membership active only once it is paid in full: an
 * upgrade costs the new tier's whole price, with no credit for the old
 * tier, so the order's own amount is what must have been paid.
 */
static int
membership_paid(struct cs *cs, int64_t order)
{
	struct db_stmt	*st;
	char		 a[32], b[32], cur[8];
	int64_t		 price, paid = 0, refunded = 0;
	int		 rc;

	if ((rc = cs_get(cs, "SELECT amount, currency FROM orders"
	    " WHERE id = $1", ID_ORDER, order, &st)) != 0)
		return rc;
	price = db_col_int(st, 0);
	strlcpy(cur, db_col_text(st, 1), sizeof(cur));
	db_reset(st);
	if ((rc = order_money(cs, order, &paid, &refunded)) != 0)
		return rc;
	if (paid - refunded >= price)
		return 0;
	/* In the order's own currency: 3000 yen is not 30.00. */
	money_format(paid - refunded, cur, a, sizeof(a));
	money_format(price, cur, b, sizeof(b));
	return cs_error(cs, CS_DATAERR, "O%lld: paid %s of %s: a membership "
	    "is active only when paid in full (no credit for the old tier)",
	    (long long)order, a, b);
}

/* When the customer's tier ends, if it has a term. */
static const char tier_until_sql[] =
    "SELECT tier_until FROM customer WHERE id = $1"
    " AND tier_until IS NOT NULL";
static const char member_set_sql[] =
    "UPDATE customer SET tier = $1, tier_until = $2, tier_after = $3"
    " WHERE id = $4";

/*
 * An active membership gives the customer its tier, for its term from
 * now, or from the end of the same membership still running (a renewal
 * extends it); when the term ends the customer is of the first tier.
 */
static int
membership_activate(struct cs *cs, int64_t order)
{
	const struct membership_term *m;
	struct jbuf		 j;
	struct db_stmt		*st;
	char			 item[64], have[64], rec[32], t[64];
	int64_t			 cust, v[1], from;
	int			 rc;

	if ((st = db_stmt(cs->db, "SELECT customer_id, item FROM orders"
	    " WHERE id = $1 AND kind = 'membership'")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, order);
	if (db_step(st) != DB_ROW ||
	    db_col_null(st, 1)) {
		db_reset(st);
		return 0;
	}
	cust = db_col_int(st, 0);
	strlcpy(item, db_col_text(st, 1), sizeof(item));
	db_reset(st);
	/*
	 * Still an upgrade (or a renewal) now: an older order of a lower
	 * tier made active after a higher one took no tier away.
	 */
	if ((rc = membership_ok(cs, cust, item)) != 0 ||
	    (rc = customer_tier(cs, cust, cs->now, have, sizeof(have))) != 0)
		return rc;
	from = cs->now;
	if (strcmp(have, item) == 0 && db_lookup(cs->db, tier_until_sql, NULL,
	    cust, v, 1) == 0 && v[0] > from)
		from = v[0];
	if ((st = db_stmt(cs->db, member_set_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	m = membership_of(&cs->rules, item);
	db_bind_text(st, 1, item);
	if (m != NULL && m->term > 0) {
		db_bind_int(st, 2, from + m->term);
		db_bind_text(st, 3, cs->rules.tiers[0]);
	} else {
		db_bind_null(st, 2);
		db_bind_null(st, 3);
	}
	db_bind_int(st, 4, cust);
	if ((rc = step_done(cs, st, "customer")) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "fields", "tier");
	jbuf_str(&j, "tier", item);
	id_format(ID_ORDER, order, rec, sizeof(rec));
	jbuf_str(&j, "order", rec);
	if (m != NULL && m->term > 0) {
		clock_format_iso(from + m->term, t, sizeof(t));
		jbuf_str(&j, "until", t);
	}
	return cs_audit(cs, ID_CUSTOMER, cust, "customer.set", &j);
}

/*
 * What the customer's other active membership orders still give at
 * cs->now, the highest tier of them: its name into tier (empty if none)
 * and the end of its term into *until (-1: no term).  A tier bought
 * again runs on from the end of its term before, as activation makes it.
 */
static int
membership_left(struct cs *cs, int64_t cust, int64_t order, char *tier,
    size_t len, int64_t *until)
{
	const struct membership_term *m;
	struct db_stmt		*st;
	const char		*item;
	int64_t			*end, at;
	size_t			 n = cs->rules.ntiers;
	int			 best = -1, k, rc;

	*tier = '\0';
	*until = -1;
	if (n == 0)
		return 0;
	if ((end = reallocarray(NULL, n, sizeof(*end))) == NULL)
		err(CS_SOFTWARE, NULL);
	for (k = 0; (size_t)k < n; k++)
		end[k] = INT64_MIN;
	if ((st = db_stmt(cs->db, "SELECT item, status_at FROM orders WHERE"
	    " customer_id = $1 AND kind = 'membership' AND status = 'active'"
	    " AND id <> $2 AND item IS NOT NULL ORDER BY status_at, id")) ==
	    NULL) {
		free(end);
		return cs_error(cs, CS_SOFTWARE, "database error");
	}
	db_bind_int(st, 1, cust);
	db_bind_int(st, 2, order);
	while ((rc = db_step(st)) == DB_ROW) {
		item = db_col_text(st, 0);
		if ((k = tier_rank(&cs->rules, item)) < 0 || (size_t)k >= n)
			continue;
		m = membership_of(&cs->rules, item);
		at = db_col_int(st, 1);
		if (m == NULL || m->term <= 0)
			end[k] = INT64_MAX;
		else if (end[k] != INT64_MAX)
			end[k] = (end[k] > at ? end[k] : at) + m->term;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(end);
		return cs_error(cs, db_fail(cs->db, "order"), "C%lld: cannot "
		    "read its memberships", (long long)cust);
	}
	for (k = 0; (size_t)k < n; k++)
		if (end[k] > cs->now)
			best = k;
	if (best != -1) {
		strlcpy(tier, cs->rules.tiers[best], len);
		*until = end[best] == INT64_MAX ? -1 : end[best];
	}
	free(end);
	return 0;
}

/*
 * A membership refunded: its term is taken off the customer's, from
 * now at the latest (a renewal's term still runs after it), if its tier
 * is the customer's now (a higher one bought since stands).  A tier
 * without a term ends now.  Ended, the customer has the highest tier
 * another membership still running gives (a lower one the refunded
 * upgrade had taken over), else the first.
 */
static int
membership_end(struct cs *cs, int64_t order)
{
	const struct membership_term *m;
	struct jbuf		 j;
	struct db_stmt		*st;
	char			 item[64], have[64], rec[32], t[64], left[64];
	int64_t			 cust, until, v[1], lend = -1;
	int			 rc;

	if ((rc = cs_get(cs, "SELECT customer_id, item FROM orders"
	    " WHERE id = $1", ID_ORDER, order, &st)) != 0)
		return rc;
	cust = db_col_int(st, 0);
	strlcpy(item, db_col_text(st, 1) ? db_col_text(st, 1) : "",
	    sizeof(item));
	db_reset(st);
	if ((rc = customer_tier(cs, cust, cs->now, have, sizeof(have))) != 0)
		return rc;
	if (strcmp(have, item) != 0)
		return 0;
	m = membership_of(&cs->rules, item);
	until = cs->now;
	if (m != NULL && m->term > 0 && db_lookup(cs->db, tier_until_sql, NULL,
	    cust, v, 1) == 0 && v[0] - m->term > until)
		until = v[0] - m->term;
	left[0] = '\0';
	if (until <= cs->now && (rc = membership_left(cs, cust, order, left,
	    sizeof(left), &lend)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "UPDATE customer SET tier = $1,"
	    " tier_until = $2, tier_after = $3 WHERE id = $4")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	if (*left != '\0') {
		/* From now, the membership still running. */
		db_bind_text(st, 1, left);
		if (lend >= 0) {
			db_bind_int(st, 2, lend);
			db_bind_text(st, 3, cs->rules.tiers[0]);
		}
	} else {
		db_bind_text(st, 1, item);
		db_bind_int(st, 2, until);
		db_bind_text(st, 3, cs->rules.tiers[0]);
	}
	db_bind_int(st, 4, cust);
	if ((rc = step_done(cs, st, "customer")) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "fields", "tier");
	jbuf_str(&j, "tier", *left != '\0' ? left : item);
	id_format(ID_ORDER, order, rec, sizeof(rec));
	jbuf_str(&j, "order", rec);
	if (*left == '\0' || lend >= 0) {
		clock_format_iso(*left != '\0' ? lend : until, t, sizeof(t));
		jbuf_str(&j, "until", t);
	}
	return cs_audit(cs, ID_CUSTOMER, cust, "customer.set", &j);
}

/*
 * The platform is the source of truth and its payments usually come in
 * a later file: an imported order in a state that says it was paid, with
 * nothing paid on record, is recorded, but never silently.  Until its
 * payment is imported, cs-order check --unpaid lists it.
 */
static int
warn_unpaid(struct cs *cs, const struct order_in *in, int64_t id, int known)
{
	int64_t	 paid = 0, refunded;
	int	 rc;

	if (in->where == NULL || !order_state_paid(in->kind, in->status))
		return 0;
	/* A new order has none: a payment names an order recorded. */
	if (known && (rc = order_money(cs, id, &paid, &refunded)) != 0)
		return rc;
	if (paid == 0)
		warnx("%s: O%lld %s with nothing paid on record: import its "
		    "payments (cs-order import -P)", in->where, (long long)id,
		    in->status);
	return 0;
}

int
order_record(struct cs *cs, const struct order_in *in, int64_t *id,
    int *changed)
{
	const struct order_kind	*k;
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*cur;
	char		 old[32], a[32], b[32], phone[32], others[80];
	int64_t		 cust, was_at, owner;
	unsigned	 m;
	int		 rc;

	*changed = 0;
	if ((rc = order_state_ok(cs, in->kind, in->status)) != 0 ||
	    (in->status_at != 0 && (rc = cs_time_ok(cs, "status_at",
	    in->status_at, CS_TIME_FACT)) != 0))
		return rc;
	if (!cs_name_ok(in->ref))
		return cs_error(cs, CS_DATAERR, "ref \"%s\": not an order "
		    "reference (1 to 63 letters, digits, '.', '-', '_', not "
		    "starting with '.' or '-')", in->ref);
	if ((st = db_stmt(cs->db, find_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, in->ref);
	if ((rc = db_step(st)) == DB_ROW) {
		/*
		 * Known: only the status may move; anything else is a
		 * clash, but for the fare of an order the desk rebooked.
		 */
		*id = db_col_int(st, 0);
		if (strcmp(db_col_text(st, 2), in->kind) != 0 ||
		    (db_col_int(st, 4) != in->amount && !db_col_int(st, 9)) ||
		    strcmp(db_col_text(st, 5), in->currency) != 0) {
			money_format(db_col_int(st, 4), db_col_text(st, 5), a,
			    sizeof(a));
			money_format(in->amount, in->currency, b, sizeof(b));
			rc = cs_error(cs, CS_DATAERR, "ref %s: already O%lld, "
			    "%s %s %s; not %s %s %s", in->ref, (long long)*id,
			    db_col_text(st, 2), a, db_col_text(st, 5),
			    in->kind, b, in->currency);
			db_reset(st);
			return rc;
		}
		cur = db_col_text(st, 3);
		strlcpy(old, cur, sizeof(old));
		was_at = db_col_null(st, 6) ? 0 : db_col_int(st, 6);
		owner = db_col_int(st, 1);
		strlcpy(phone, db_col_text(st, 7) ? db_col_text(st, 7) : "",
		    sizeof(phone));
		m = ref_differs(in, st);
		db_reset(st);
		/* Another phone is another person's order, or a typo: say so. */
		if (strcmp(phone, in->customer) != 0 &&
		    strncmp(in->customer, "C", 1) != 0) {
			mask_phone(in->customer, a, sizeof(a));
			mask_phone(phone, b, sizeof(b));
			warnx("%s%sref %s: customer_phone %s is not C%lld's "
			    "(%s); the order stays C%lld's", in->where ?
			    in->where : "", in->where ? ": " : "", in->ref, a,
			    (long long)owner, b, (long long)owner);
		}
		/* Only its status moves: what else a line says, said. */
		if (in->where != NULL && (rc = cs_fields_said(cs, ID_ORDER,
		    *id, order_fields, sizeof(order_fields) /
		    sizeof(order_fields[0]), m, others, sizeof(others))) != 0)
			return rc;
		if (in->where != NULL && others[0] != '\0')
			warnx("%s%sref %s: already O%lld; the line's %s not "
			    "taken (O%lld keeps its own)", in->where ?
			    in->where : "", in->where ? ": " : "", in->ref,
			    (long long)*id, others, (long long)*id);
		if (strcmp(old, in->status) == 0)
			return warn_unpaid(cs, in, *id, 1);
		/*
		 * An older file never moves an order back: its state's
		 * platform time is before the one held, or the state is one
		 * the order has already moved past.
		 */
		k = kind_of(in->kind);
		if ((in->status_at != 0 && was_at != 0 &&
		    in->status_at < was_at) || (reachable(k, in->status, old) &&
		    !reachable(k, old, in->status))) {
			warnx("%s%sref %s: %s is older than its %s; not moved "
			    "back", in->where ? in->where : "", in->where ?
			    ": " : "", in->ref, in->status, old);
			return 0;
		}
		if ((rc = order_set_status(cs, *id, old, in->status, NULL,
		    changed)) != 0)
			return rc;
		if (in->status_at != 0) {
			if ((st = db_stmt(cs->db, "UPDATE orders SET"
			    " platform_at = $1 WHERE id = $2")) == NULL)
				return cs_error(cs, CS_SOFTWARE,
				    "database error");
			db_bind_int(st, 1, in->status_at);
			db_bind_int(st, 2, *id);
			if ((rc = step_done(cs, st, "order")) != 0)
				return rc;
		}
		return warn_unpaid(cs, in, *id, 1);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "order"), "order lookup");
	if ((rc = customer_find(cs, in->customer, in->customer_name,
	    &cust)) != 0)
		return rc;
	if (strcmp(in->kind, "membership") == 0) {
		if ((rc = membership_ok(cs, cust, in->item)) != 0)
			return rc;
	} else if (in->item != NULL)
		return cs_error(cs, CS_DATAERR, "item is only for membership "
		    "orders");
	if (strcmp(in->kind, "ride") != 0 && (in->city != NULL ||
	    in->pickup != NULL || in->destination != NULL))
		return cs_error(cs, CS_DATAERR, "city, pickup and destination "
		    "are only for ride orders");
	if (in->city != NULL && !ride_city_ok(in->city))
		return cs_error(cs, CS_DATAERR, "city \"%s\": letters (北京 "
		    "or beijing), digits, '.', '-', '_'", in->city);
	if ((rc = place_ok(cs, "pickup", in->pickup)) != 0 ||
	    (rc = place_ok(cs, "destination", in->destination)) != 0)
		return rc;
	/* An order made in the future, a service in year 9999: typos. */
	if ((rc = cs_time_ok(cs, "created_at", in->created_at,
	    CS_TIME_FACT)) != 0 || (rc = cs_time_ok(cs, "service_at",
	    in->service_at, CS_TIME_PLAN)) != 0)
		return rc;
	/* Its state is reached once it is made, not before. */
	if (in->created_at != 0 && in->status_at != 0 &&
	    in->status_at < in->created_at) {
		clock_format_local(in->status_at, a, sizeof(a));
		clock_format_local(in->created_at, b, sizeof(b));
		return cs_error(cs, CS_DATAERR, "status_at %s is before "
		    "created_at %s: an order reaches its state after it is "
		    "made", a, b);
	}
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, in->ref);
	db_bind_int(st, 2, cust);
	db_bind_text(st, 3, in->kind);
	db_bind_text(st, 4, in->status);
	db_bind_int(st, 5, in->amount);
	db_bind_text(st, 6, in->currency);
	if (in->service_at)
		db_bind_int(st, 7, in->service_at);
	db_bind_int(st, 8, in->created_at ? in->created_at : cs->now);
	db_bind_int(st, 9, cs->now);
	db_bind_int(st, 10, cs->now);
	db_bind_text(st, 11, in->item);
	db_bind_text(st, 12, in->city);
	db_bind_text(st, 13, in->pickup);
	db_bind_text(st, 14, in->destination);
	if (in->status_at != 0)
		db_bind_int(st, 15, in->status_at);
	else
		db_bind_null(st, 15);
	if (db_step(st) != DB_ROW) {
		rc = db_fail(cs->db, "order");
		db_reset(st);
		return cs_error(cs, rc, "order failed");
	}
	*id = db_col_int(st, 0);
	*changed = 1;
	jbuf_init(&j);
	jbuf_str(&j, "ref", in->ref);
	jbuf_str(&j, "kind", in->kind);
	jbuf_str(&j, "status", in->status);
	money_format(in->amount, in->currency, a, sizeof(a));
	jbuf_str(&j, "amount", a);
	jbuf_str(&j, "currency", in->currency);
	if (in->item != NULL)
		jbuf_str(&j, "item", in->item);
	if (in->city != NULL)
		jbuf_str(&j, "city", in->city);
	if (in->pickup != NULL)
		jbuf_str(&j, "pickup", in->pickup);
	if (in->destination != NULL)
		jbuf_str(&j, "destination", in->destination);
	rc = cs_audit_row(cs, ID_ORDER, *id, "order.new", &j, st);
	db_reset(st);
	if (rc != 0 || (strcmp(in->status, "active") == 0 &&
	    (rc = membership_activate(cs, *id)) != 0))
		return rc;
	return warn_unpaid(cs, in, *id, 0);
}

/* A status change, with the cancellation fee of a ride when q is set. */
static int
set_status(struct cs *cs, int64_t id, const char *from, const char *to,
    const char *tracking, const struct fee_quote *q, int *changed)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 a[32];
	int		 rc;

	if ((st = db_stmt(cs->db, set_status_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, id);
	if ((rc = step_done(cs, st, "order")) != 0)
		return rc;
	if (q != NULL) {
		if ((st = db_stmt(cs->db, "UPDATE orders SET cancel_fee = $1,"
		    " cancel_rule = $2 WHERE id = $3")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, q->fee);
		db_bind_text(st, 2, q->rule);
		db_bind_int(st, 3, id);
		if ((rc = step_done(cs, st, "order")) != 0)
			return rc;
	}
	*changed = 1;
	jbuf_init(&j);
	jbuf_str(&j, "from", from);
	jbuf_str(&j, "to", to);
	if (tracking != NULL)
		jbuf_str(&j, "tracking", tracking);
	if (q != NULL) {
		money_format(q->fee, q->currency, a, sizeof(a));
		jbuf_str(&j, "cancel_fee", a);
		jbuf_str(&j, "rule", q->rule);
	}
	if ((rc = cs_audit(cs, ID_ORDER, id, "order.status", &j)) != 0)
		return rc;
	if (strcmp(to, "active") == 0)
		return membership_activate(cs, id);
	/* Refunded while it gave the customer a tier: it gives it no more. */
	if (strcmp(to, "refunded") == 0 && strcmp(from, "active") == 0)
		return membership_end(cs, id);
	return 0;
}

/*
 * The desk's moves follow the money: an order goes to a state that says
 * it was paid (paid, and shipped, issued... after it) only once a
 * payment is recorded, whatever an import said of it before; and to the
 * state that says the money went back (a deposit returned, a ticket
 * refunded) only by its refund, requested for all that was paid.
 * Imports record what the platform says, whose payments may come in a
 * later file.
 */
static int
money_follows(struct cs *cs, int64_t id, const struct order_kind *k,
    const char *to)
{
	int64_t	 paid, refunded;
	int	 rc, back = *k->back != '\0' && strcmp(to, k->back) == 0,
		 ends = in_words("cancelled failed refunded returned expired",
		     to);

	if (!back && !in_words(k->paid, to) && ends)
		return 0;
	if ((rc = order_money(cs, id, &paid, &refunded)) != 0)
		return rc;
	/* All its money went back: it does not go on as if paid for. */
	if (!back && !ends && paid > 0 && refunded >= paid)
		return cs_error(cs, CS_DATAERR, "O%lld: all that was paid on "
		    "it went back (refunded or asked back): a %s order whose "
		    "money went back does not go on to %s", (long long)id,
		    k->kind, to);
	if (!back && !in_words(k->paid, to))
		return 0;
	if (paid == 0 && strcmp(to, "paid") == 0)
		return cs_error(cs, CS_DATAERR, "O%lld: nothing was paid on "
		    "it: it is paid once a payment is recorded (cs-order "
		    "import -P)", (long long)id);
	if (paid == 0)
		return cs_error(cs, CS_DATAERR, "O%lld: nothing was paid on "
		    "it, and a %s %s order was paid: record its payment "
		    "first (cs-order import -P)", (long long)id, to, k->kind);
	if (back && refunded < paid)
		return cs_error(cs, CS_DATAERR, "O%lld: a %s order is %s by "
		    "its refund: refund what was paid first (cs-refund "
		    "request -r %s O%lld full)", (long long)id, k->kind, to,
		    k->reason, (long long)id);
	return 0;
}

int
order_back_holds(struct cs *cs, int64_t order, int64_t less)
{
	const struct order_kind	*k;
	struct db_stmt		*st;
	char			 a[32], p[32], cur[8];
	int64_t			 paid, refunded;
	int			 rc, back;

	if ((rc = cs_get(cs, "SELECT kind, status, currency FROM orders"
	    " WHERE id = $1", ID_ORDER, order, &st)) != 0)
		return rc;
	k = kind_of(db_col_text(st, 0));
	back = k != NULL && *k->back != '\0' &&
	    strcmp(db_col_text(st, 1), k->back) == 0;
	strlcpy(cur, db_col_text(st, 2), sizeof(cur));
	db_reset(st);
	if (!back || (rc = order_money(cs, order, &paid, &refunded)) != 0)
		return rc;
	if (refunded - less >= paid)
		return 0;
	money_format(less, cur, a, sizeof(a));
	money_format(paid, cur, p, sizeof(p));
	return cs_error(cs, CS_DATAERR, "O%lld is %s by its refunds: "
	    "rejecting %s of them would leave less than the %s paid "
	    "refunded", (long long)order, k->back, a, p);
}

int
order_set_status(struct cs *cs, int64_t id, const char *from,
    const char *to, const char *tracking, int *changed)
{
	return set_status(cs, id, from, to, tracking, NULL, changed);
}

int
order_move(struct cs *cs, int64_t id, const char *to, const char *tracking)
{
	const struct order_kind	*k;
	struct fee_quote	 q;
	struct db_stmt		*st;
	char			 kind[32], from[32], next[128];
	int			 rc, changed;

	if ((rc = cs_get(cs, "SELECT kind, status FROM orders"
	    " WHERE id = $1", ID_ORDER, id, &st)) != 0)
		return rc;
	strlcpy(kind, db_col_text(st, 0), sizeof(kind));
	strlcpy(from, db_col_text(st, 1), sizeof(from));
	db_reset(st);
	if ((rc = order_state_ok(cs, kind, to)) != 0)
		return rc;
	k = kind_of(kind);
	next_states(k, from, next, sizeof(next));
	if (!in_words(next, to))
		return cs_error(cs, CS_DATAERR, "O%lld is %s: a %s order can go "
		    "to %s", (long long)id, from, kind, next[0] ? next :
		    "no other state");
	if (strcmp(kind, "membership") == 0 && strcmp(to, "active") == 0 &&
	    (rc = membership_paid(cs, id)) != 0)
		return rc;
	if ((rc = money_follows(cs, id, k, to)) != 0)
		return rc;
	if (strcmp(kind, "goods") == 0 && strcmp(to, "shipped") == 0 &&
	    tracking == NULL)
		return cs_error(cs, CS_DATAERR, "O%lld: shipping needs a "
		    "tracking number (-t)", (long long)id);
	if (tracking != NULL) {
		if (strlen(tracking) > 64 || !cs_name_ok(tracking))
			return cs_error(cs, CS_DATAERR, "tracking number "
			    "\"%s\": letters, digits, '.', '-', '_'", tracking);
		if ((st = db_stmt(cs->db, "UPDATE orders SET tracking = $1"
		    " WHERE id = $2")) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_text(st, 1, tracking);
		db_bind_int(st, 2, id);
		if ((rc = step_done(cs, st, "order")) != 0)
			return rc;
	}
	/* The desk cancelling a ride: the city's rules say what it costs. */
	if (strcmp(kind, "ride") == 0 && strcmp(to, "cancelled") == 0) {
		if ((rc = ride_cancel_quote(cs, id, &q)) != 0)
			return rc;
		return set_status(cs, id, from, to, tracking, &q, &changed);
	}
	return order_set_status(cs, id, from, to, tracking, &changed);
}

int
order_route(struct cs *cs, int64_t id, const char *pickup,
    const char *destination)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 kind[32], status[32], old_p[256], old_d[256];
	int		 rc;

	if (pickup == NULL && destination == NULL)
		return cs_error(cs, CS_USAGE, "route: a new pickup (-P) or "
		    "destination (-D)");
	if ((rc = place_ok(cs, "pickup", pickup)) != 0 ||
	    (rc = place_ok(cs, "destination", destination)) != 0)
		return rc;
	if ((rc = cs_get(cs, "SELECT kind, status, coalesce(pickup, ''),"
	    " coalesce(destination, '') FROM orders WHERE id = $1", ID_ORDER,
	    id, &st)) != 0)
		return rc;
	strlcpy(kind, db_col_text(st, 0), sizeof(kind));
	strlcpy(status, db_col_text(st, 1), sizeof(status));
	strlcpy(old_p, db_col_text(st, 2), sizeof(old_p));
	strlcpy(old_d, db_col_text(st, 3), sizeof(old_d));
	db_reset(st);
	if (strcmp(kind, "ride") != 0)
		return cs_error(cs, CS_DATAERR, "O%lld is a %s order: only a "
		    "ride has a pickup and a destination", (long long)id, kind);
	if (!in_words("booked accepted arrived started", status) ||
	    (pickup != NULL && strcmp(status, "started") == 0))
		return cs_error(cs, CS_DATAERR, "O%lld is %s: its %s can no "
		    "longer change", (long long)id, status,
		    pickup != NULL ? "pickup" : "destination");
	if ((st = db_stmt(cs->db, "UPDATE orders SET"
	    " pickup = coalesce($1, pickup),"
	    " destination = coalesce($2, destination), updated_at = $3"
	    " WHERE id = $4")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, pickup);
	db_bind_text(st, 2, destination);
	db_bind_int(st, 3, cs->now);
	db_bind_int(st, 4, id);
	if ((rc = step_done(cs, st, "order")) != 0)
		return rc;
	jbuf_init(&j);
	if (pickup != NULL) {
		jbuf_str(&j, "pickup_was", old_p);
		jbuf_str(&j, "pickup", pickup);
	}
	if (destination != NULL) {
		jbuf_str(&j, "destination_was", old_d);
		jbuf_str(&j, "destination", destination);
	}
	return cs_audit(cs, ID_ORDER, id, "order.route", &j);
}

/*
 * Successful payments after the first that go past the order's amount,
 * in the order they were made (the earliest, then the lowest ID, first):
 * a second payment of the whole, or the part of an instalment beyond
 * what was due; the instalments of a membership paid in parts are not
 * duplicates.  The
 * duplicate amount is the fourth column.  A duplicate whose refund key
 * already exists is left out, unless its refund failed (listed again,
 * to be paid again) or was rejected (listed with its status, for a
 * person decided it: a batch does not ask again).
 */
static const char dup_sql[] =
    "SELECT p.order_id, p.id, p.txn,"
    " least(p.amount, before + p.amount - o.amount) AS extra,"
    " r.id, r.status, r.amount FROM ("
    "  SELECT p.*, (SELECT money_sum(f.amount) FROM payment f"
    "   WHERE f.order_id = p.order_id AND f.status = 'ok'"
    "   AND (f.paid_at < p.paid_at OR (f.paid_at = p.paid_at"
    "   AND f.id < p.id))) AS before FROM payment p WHERE p.status = 'ok')"
    " p JOIN orders o ON o.id = p.order_id"
    " LEFT JOIN refund r ON r.key = 'dup:P' || p.id"
    " WHERE before > 0 AND before + p.amount > o.amount"
    " AND (r.id IS NULL OR r.status IN ('failed', 'rejected'))"
    " ORDER BY p.order_id, p.paid_at, p.id";

/*
 * Failed or cancelled orders that still hold money: a refund whose
 * payout failed did not take it back.  Money of a refund this check
 * asked for (its key held:O...) that a person rejected is not held for
 * a script to ask for again.  (A condition on a column's alias is
 * SQLite's alone: the subquery names it for both.)
 */
static const char held_sql[] =
    "SELECT id, kind, status, held, currency FROM"
    " (SELECT o.id, o.kind, o.status,"
    " (SELECT money_sum(amount) FROM payment"
    "   WHERE order_id = o.id AND status = 'ok') -"
    " (SELECT money_sum(amount) FROM refund WHERE order_id = o.id"
    "   AND (status NOT IN ('rejected', 'failed') OR (status = 'rejected'"
    "   AND key LIKE 'held:O' || o.id || ':%') OR (status = 'failed'"
    "   AND key NOT LIKE 'held:O' || o.id || ':%'))) AS held, o.currency"
    " FROM orders o WHERE o.status IN ('failed', 'cancelled')) AS h"
    " WHERE held > 0 ORDER BY id";

/* The failed payouts of failed or cancelled orders, not of their holds. */
static const char failed_refund_sql[] =
    "SELECT r.order_id, r.amount, r.key, r.id, o.kind, o.status"
    " FROM refund r JOIN orders o ON o.id = r.order_id"
    " WHERE r.status = 'failed' AND o.status IN ('failed', 'cancelled')"
    " AND r.key NOT LIKE 'held:O' || o.id || ':%' ORDER BY r.id";

/* Orders of a kind in a state since before a time, and what they hold. */
static const char stuck_sql[] =
    "SELECT o.id, coalesce(o.platform_at, o.status_at),"
    " (SELECT money_sum(amount) FROM payment"
    "   WHERE order_id = o.id AND status = 'ok') -"
    " (SELECT money_sum(amount) FROM refund WHERE order_id = o.id"
    "   AND status <> 'rejected')"
    " FROM orders o WHERE o.status = $1 AND o.kind = $2"
    " AND coalesce(o.platform_at, o.status_at) <= $3 ORDER BY o.id";

/*
 * Orders of a kind in a state that says they were paid, with no
 * successful payment on record (an import whose payments are to come).
 */
static const char unpaid_sql[] =
    "SELECT o.id, o.amount, o.currency FROM orders o"
    " WHERE o.kind = $1 AND o.status = $2 AND NOT EXISTS"
    " (SELECT 1 FROM payment p WHERE p.order_id = o.id"
    "   AND p.status = 'ok') ORDER BY o.id";

/* The lines of `cs-order check`, TSV for cs-refund batch: no header. */
const struct out_col check_cols[] = {
	{ "order",	"ORDER",	OUT_ID,	   ID_ORDER,	1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "key",	"KEY",		OUT_TEXT,  0,		1 },
	{ "detail",	"DETAIL",	OUT_TEXT,  0,		1 },
	/* Not printed: the amount is in it, as cs-refund batch reads it. */
	{ "currency",	"CURRENCY",	OUT_TEXT,  0,		0 },
};
const int check_ncols = sizeof(check_cols) / sizeof(check_cols[0]);
static const char currency_sql[] = "SELECT currency FROM orders WHERE id = $1";

static int
check_line(struct cs *cs, struct out *o, int64_t order, int64_t amount,
    const char *key, const char *detail)
{
	struct db_stmt	*st;
	char		 cur[8] = "";
	struct out_cell	 cells[] = {
		{ 0, order, NULL }, { 0, amount, NULL }, { 0, 0, key },
		{ 0, 0, detail }, { 0, 0, cur },
	};

	if ((st = db_stmt(cs->db, currency_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, order);
	if (db_step(st) == DB_ROW)
		strlcpy(cur, db_col_text(st, 0), sizeof(cur));
	db_reset(st);
	return out_row(o, cells);
}

/*
 * Each kind's states that say it was paid, and its orders there with
 * nothing paid: nothing held (amount 0), the price in the detail.
 */
static int
check_unpaid(struct cs *cs, struct out *o)
{
	struct db_stmt	*st;
	const char	*p;
	char		 state[32], key[64], detail[256], a[32];
	size_t		 i, n;
	int		 rc = 0;

	if ((st = db_listing(cs->db, unpaid_sql)) == NULL)
		return CS_SOFTWARE;
	for (i = 0; i < sizeof(order_kinds) / sizeof(order_kinds[0]); i++)
		for (p = order_kinds[i].paid; rc == 0 && *p != '\0';
		    p += n + (p[n] == ' ')) {
			n = strcspn(p, " ");
			snprintf(state, sizeof(state), "%.*s", (int)n, p);
			db_reset(st);
			db_bind_text(st, 1, order_kinds[i].kind);
			db_bind_text(st, 2, state);
			while (rc == 0 && db_step(st) == DB_ROW) {
				int64_t order = db_col_int(st, 0);

				money_format(db_col_int(st, 1),
				    db_col_text(st, 2), a, sizeof(a));
				snprintf(key, sizeof(key), "unpaid:O%lld",
				    (long long)order);
				snprintf(detail, sizeof(detail), "%s order %s, "
				    "nothing paid of %s", order_kinds[i].kind,
				    state, a);
				rc = check_line(cs, o, order, 0, key, detail);
			}
		}
	db_reset(st);
	return rc;
}

/* What the --dup lines of a run ask of each order, in order. */
struct asked {
	int64_t		(*v)[2];
	size_t		 n, cap;
};

static void
asked_add(struct asked *k, int64_t order, int64_t amount)
{
	if (k->n > 0 && k->v[k->n - 1][0] == order) {
		k->v[k->n - 1][1] += amount;
		return;
	}
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		if ((k->v = reallocarray(k->v, k->cap, sizeof(*k->v))) == NULL)
			err(CS_SOFTWARE, NULL);
	}
	k->v[k->n][0] = order;
	k->v[k->n++][1] = amount;
}

static int64_t
asked_of(const struct asked *k, int64_t order)
{
	size_t	 lo = 0, hi = k->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (k->v[mid][0] < order)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n && k->v[lo][0] == order ? k->v[lo][1] : 0;
}

static int
check_lines(struct cs *cs, int what, struct out *o)
{
	struct db_stmt	*st;
	struct asked	 asked = { NULL, 0, 0 };
	char		 key[64], detail[256], a[32];
	int64_t		 paid = 0, refunded = 0, left;
	int		 rc = 0;

	if (what & CHECK_DUP) {
		if ((st = db_listing(cs->db, dup_sql)) == NULL) {
			rc = CS_SOFTWARE;
			goto out;
		}
		while (rc == 0 && db_step(st) == DB_ROW) {
			int64_t order = db_col_int(st, 0);
			int64_t amount = db_col_int(st, 3);

			snprintf(key, sizeof(key), "dup:P%lld", (long long)
			    db_col_int(st, 1));
			/* Its refund's amount, for the same key again. */
			if (!db_col_null(st, 4)) {
				snprintf(detail, sizeof(detail), "duplicate "
				    "payment %s, R%lld %s", db_col_text(st, 2),
				    (long long)db_col_int(st, 4),
				    db_col_text(st, 5));
				rc = check_line(cs, o, order,
				    db_col_int(st, 6), key, detail);
				asked_add(&asked, order, db_col_int(st, 6));
				continue;
			}
			/* Never more than the order still holds. */
			if ((rc = order_money(cs, order, &paid,
			    &refunded)) != 0)
				break;
			left = paid - refunded;
			if (left <= 0)
				continue;
			if (amount > left)
				amount = left;
			snprintf(detail, sizeof(detail), "duplicate payment "
			    "%s", db_col_text(st, 2));
			rc = check_line(cs, o, order, amount, key, detail);
			asked_add(&asked, order, amount);
		}
		db_reset(st);
	}
	if ((what & CHECK_STUCK) && rc == 0) {
		size_t	 i;
		char	 since[32], limit[32];

		if ((st = db_listing(cs->db, stuck_sql)) == NULL) {
			rc = CS_SOFTWARE;
			goto out;
		}
		for (i = 0; i < cs->rules.nstuck && rc == 0; i++) {
			const struct stuck *s = &cs->rules.stuck[i];

			db_reset(st);
			db_bind_text(st, 1, s->status);
			db_bind_text(st, 2, s->kind);
			db_bind_int(st, 3, cs->now - s->after);
			while (rc == 0 && db_step(st) == DB_ROW) {
				int64_t order = db_col_int(st, 0);

				/*
				 * What it holds, less what this run's --dup
				 * lines ask of it: refunded, nothing.
				 */
				if ((left = db_col_int(st, 2) - asked_of(&asked,
				    order)) <= 0)
					continue;
				duration_format(cs->now -
				    db_col_int(st, 1), since,
				    sizeof(since));
				duration_format(s->after, limit, sizeof(limit));
				/* A key per stay: a later stay is new. */
				snprintf(key, sizeof(key), "stuck:O%lld:%lld",
				    (long long)order, (long long)
				    db_col_int(st, 1));
				snprintf(detail, sizeof(detail), "%s order %s "
				    "for %s (limit %s)", s->kind, s->status,
				    since, limit);
				rc = check_line(cs, o, order, left, key,
				    detail);
			}
		}
		db_reset(st);
	}
	if ((what & CHECK_FAILED) && rc == 0) {
		if ((st = db_listing(cs->db, held_sql)) == NULL) {
			rc = CS_SOFTWARE;
			goto out;
		}
		while (rc == 0 && db_step(st) == DB_ROW) {
			int64_t order = db_col_int(st, 0);

			/* Not what this run's --dup lines ask of it too. */
			if ((left = db_col_int(st, 3) - asked_of(&asked,
			    order)) <= 0)
				continue;
			money_format(left, db_col_text(st, 4), a, sizeof(a));
			snprintf(key, sizeof(key), "held:O%lld:%lld",
			    (long long)order, (long long)left);
			snprintf(detail, sizeof(detail), "%s order %s, "
			    "holding %s", db_col_text(st, 1),
			    db_col_text(st, 2), a);
			rc = check_line(cs, o, order, left, key, detail);
		}
		db_reset(st);
	}
	/*
	 * A refund of such an order whose payout failed is still owed (it
	 * is not held above): asked for again by its own key, which makes
	 * its next attempt; a duplicate's by --dup's line when in this run.
	 */
	if ((what & CHECK_FAILED) && rc == 0) {
		if ((st = db_listing(cs->db, failed_refund_sql)) == NULL) {
			rc = CS_SOFTWARE;
			goto out;
		}
		while (rc == 0 && db_step(st) == DB_ROW) {
			if ((what & CHECK_DUP) &&
			    strncmp(db_col_text(st, 2), "dup:", 4) == 0)
				continue;
			strlcpy(key, db_col_text(st, 2), sizeof(key));
			snprintf(detail, sizeof(detail), "%s order %s, R%lld "
			    "failed", db_col_text(st, 4), db_col_text(st, 5),
			    (long long)db_col_int(st, 3));
			rc = check_line(cs, o, db_col_int(st, 0),
			    db_col_int(st, 1), key, detail);
		}
		db_reset(st);
	}
	if ((what & CHECK_UNPAID) && rc == 0)
		rc = check_unpaid(cs, o);
out:
	free(asked.v);
	return rc;
}

int
order_check(struct cs *cs, int what, FILE *fp)
{
	struct out_opts	 lines = { OUT_TSV, 0, "order,amount,key,detail", 0 };
	struct out	*o;
	int		 rc, orc;

	/* What cs-refund batch reads, with -H its header, or JSON Lines. */
	lines.header = cs->out.header;
	if (cs->out.mode == OUT_JSON)
		lines.mode = OUT_JSON;
	if ((o = out_open(fp, check_cols, check_ncols, &lines)) == NULL)
		return CS_SOFTWARE;
	rc = check_lines(cs, what, o);
	orc = out_close(o);
	return rc ? rc : orc;
}

static int
kw_stuck(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	struct stuck	*st = NULL;
	int64_t		 after;
	size_t		 i;

	if (argc != 4 || fee_duration(argv[3], &after) == -1 ||
	    after == 0) {
		conf_err(p, "usage: stuck KIND STATUS DURATION");
		return CS_CONFIG;
	}
	if (strlen(argv[1]) >= sizeof(st->kind) ||
	    strlen(argv[2]) >= sizeof(st->status)) {
		conf_err(p, "stuck %s %s: no such order state", argv[1],
		    argv[2]);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nstuck; i++)
		if (strcmp(c->stuck[i].kind, argv[1]) == 0 &&
		    strcmp(c->stuck[i].status, argv[2]) == 0)
			st = &c->stuck[i];
	if (st == NULL) {
		if (c->nstuck == sizeof(c->stuck) / sizeof(c->stuck[0])) {
			conf_err(p, "too many stuck rules");
			return CS_CONFIG;
		}
		st = &c->stuck[c->nstuck++];
		strlcpy(st->kind, argv[1], sizeof(st->kind));
		strlcpy(st->status, argv[2], sizeof(st->status));
	}
	st->after = after;
	return 0;
}

static const struct conf_keyword stuck_keywords[] = {
	{ "stuck",	kw_stuck },
	{ NULL,		NULL },
};

static void
add_stuck(struct rules *c, const char *kind, const char *status,
    int64_t after)
{
	struct stuck	*st = &c->stuck[c->nstuck++];

	strlcpy(st->kind, kind, sizeof(st->kind));
	strlcpy(st->status, status, sizeof(st->status));
	st->after = after;
}

/*
 * Stuck orders: a ticket paid but not issued for half an hour is a
 * failed order in the making; goods paid and not shipped in three days,
 * or shipped and not received in fifteen, need a look.
 */
static void
stuck_defaults(struct rules *c)
{
	c->nstuck = 0;
	add_stuck(c, "rail", "paid", 30 * 60);
	add_stuck(c, "ride", "booked", 30 * 60);
	add_stuck(c, "goods", "paid", 3 * 86400);
	add_stuck(c, "goods", "shipped", 15 * 86400);
	add_stuck(c, "membership", "paid", 3600);
}

static void
stuck_print(const struct rules *c, FILE *fp)
{
	char	 a[32];
	size_t	 i;

	for (i = 0; i < c->nstuck; i++) {
		duration_format(c->stuck[i].after, a, sizeof(a));
		fprintf(fp, "stuck %s %s %s\n", c->stuck[i].kind,
		    c->stuck[i].status, a);
	}
}

const struct rule_conf stuck_conf = {
	stuck_keywords, stuck_defaults, stuck_print, NULL
};

/*
 * What an order typed in may say of its money: a state that says it was
 * paid needs the payment (-T), and a payment a state after the kind's
 * unpaid ones.
 */
static int
add_state_ok(struct cs *cs, const struct order_in *in)
{
	const struct order_kind	*k = kind_of(in->kind);
	int			 rc;

	if ((rc = order_state_ok(cs, in->kind, in->status)) != 0)
		return rc;
	/* As status says: its money back by its refund, never made so. */
	if (*k->back != '\0' && strcmp(in->status, k->back) == 0)
		return cs_error(cs, CS_DATAERR, "ref %s: a %s order is %s by "
		    "its refund: add it paid (-T txn), then refund it "
		    "(cs-refund request -r %s ref:%s full)", in->ref, in->kind,
		    in->status, k->reason, in->ref);
	if (in->txn == NULL && order_state_paid(in->kind, in->status)) {
		if (strcmp(in->kind, "deposit") == 0)
			return cs_error(cs, CS_DATAERR, "ref %s: a deposit is "
			    "paid when it is made: give the payment's "
			    "transaction (-T txn), or import it and then its "
			    "payment (cs-order import, import -P)", in->ref);
		return cs_error(cs, CS_DATAERR, "ref %s: -s %s says it was "
		    "paid, and nothing is: give the payment's transaction "
		    "(-T txn), or add it %s and record its payment "
		    "(cs-order import -P)", in->ref, in->status,
		    order_first_state(in->kind));
	}
	if (in->txn != NULL && before_paid(k, in->status))
		return cs_error(cs, CS_DATAERR, "ref %s: -T %s says it was "
		    "paid: a %s order paid is paid or later, not %s", in->ref,
		    in->txn, in->kind, in->status);
	return 0;
}

int
order_add(struct cs *cs, struct order_in *in, const char *amount,
    int64_t *id)
{
	struct payment_in	 pay;
	const char		*errstr;
	int64_t			 pid;
	int			 digits, rc, changed;

	/* Paid (-T): a kind whose life has "paid" starts there. */
	if (in->status == NULL)
		in->status = in->txn != NULL &&
		    order_state_paid(in->kind, "paid") ? "paid" :
		    order_first_state(in->kind);
	if ((rc = add_state_ok(cs, in)) != 0)
		return rc;
	if ((digits = money_digits(in->currency)) == -1)
		return cs_error(cs, CS_DATAERR, "currency \"%s\": unknown",
		    in->currency);
	if (money_parse_digits(amount, digits, &in->amount, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "amount %s: %s", amount,
		    errstr);
	if (in->amount == 0)
		return cs_error(cs, CS_DATAERR, "amount %s: an order is more "
		    "than zero", amount);
	if ((rc = order_record(cs, in, id, &changed)) == 0 && !changed)
		return cs_error(cs, CS_DATAERR, "ref %s: already O%lld",
		    in->ref, (long long)*id);
	if (rc != 0 || in->txn == NULL)
		return rc;
	/* Paid in full now, as an import of its payment records it. */
	memset(&pay, 0, sizeof(pay));
	pay.order_ref = in->ref;
	pay.txn = in->txn;
	pay.amount = in->amount;
	pay.paid_at = cs->now;
	pay.status = "ok";
	if ((rc = payment_record(cs, &pay, &pid, &changed)) != 0)
		return rc;
	if (!changed)
		return cs_error(cs, CS_DATAERR, "txn %s: already P%lld",
		    in->txn, (long long)pid);
	return 0;
}
