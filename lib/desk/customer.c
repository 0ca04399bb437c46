/*
 * customer.c: finding the customer a ticket or order names, by C-id or
 * phone, and creating one from a phone and a name.  Full customer
 * management lives with cs-order.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const char by_id_sql[] = "SELECT id FROM customer WHERE id = $1";
static const char by_phone_sql[] = "SELECT id FROM customer WHERE phone = $1";
/* The row as stored, for its audit record: no read back. */
static const char insert_sql[] =
    "INSERT INTO customer (name, phone, created_at) VALUES ($1, $2, $3)"
    " RETURNING id, " AUDIT_CUSTOMER_COLS;

/* Names are one line of printable text. */
int
customer_name_ok(const char *name, const char **why)
{
	size_t		 n = strlen(name), len;
	uint32_t	 cp;

	if (n == 0) {
		*why = "empty name";
		return 0;
	}
	if (n > 200) {
		*why = "name longer than 200 bytes";
		return 0;
	}
	while (n > 0) {
		if ((len = utf8_decode(name, n, &cp)) == 0) {
			*why = "invalid UTF-8 in name";
			return 0;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			*why = "control character in name";
			return 0;
		}
		name += len;
		n -= len;
	}
	return 1;
}

int
customer_find(struct cs *cs, const char *spec, const char *create_name,
    int64_t *id)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*phone = NULL, *errstr, *why;
	char		 masked[256], q[256];
	size_t		 digits = strspn(spec, "0123456789");
	int64_t		 n;
	int		 rc;

	if (strncmp(spec, "tel:", 4) == 0) {
		phone = spec + 4;
		if (!phone_valid(phone))
			return cs_error(cs, CS_DATAERR,
			    "%s: not a mobile phone number",
			    diag_quote(spec, q, sizeof(q)));
	} else if (phone_valid(spec))
		phone = spec;
	else if (digits >= 10 && spec[digits] == '\0')
		/* Ten digits or more is a phone mistyped, not an ID. */
		return cs_error(cs, CS_DATAERR, "%s: not a mobile phone "
		    "number (11 digits starting with 1)", spec);
	/* A name given is checked even when the customer exists. */
	if (create_name != NULL && !customer_name_ok(create_name, &why))
		return cs_error(cs, CS_DATAERR, "%s", why);
	if (phone == NULL) {
		if (id_parse(spec, ID_CUSTOMER, &n, &errstr) == -1)
			return cs_error(cs, CS_DATAERR, "%s %s",
			    diag_quote(spec, q, sizeof(q)), errstr);
		rc = db_lookup(cs->db, by_id_sql, NULL, n, id, 1);
		if (rc == CS_NOINPUT)
			return cs_error(cs, CS_NOINPUT,
			    "C%lld: no such customer", (long long)n);
		return rc;
	}
	rc = db_lookup(cs->db, by_phone_sql, phone, 0, id, 1);
	if (rc != CS_NOINPUT)
		return rc;
	if (create_name == NULL)
		return cs_error(cs, CS_NOINPUT, "%s: no customer with this "
		    "phone (give a name to create one)", phone);
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, create_name);
	db_bind_text(st, 2, phone);
	db_bind_int(st, 3, cs->now);
	if (db_step(st) != DB_ROW) {
		rc = db_fail(cs->db, "customer");
		db_reset(st);
		return cs_error(cs, rc, "cannot create customer");
	}
	*id = db_col_int(st, 0);
	/* The trail is read by many: it keeps personal data masked. */
	mask_name(create_name, masked, sizeof(masked));
	jbuf_init(&j);
	jbuf_str(&j, "name", masked);
	mask_phone(phone, masked, sizeof(masked));
	jbuf_str(&j, "phone", masked);
	rc = cs_audit_row(cs, ID_CUSTOMER, *id, "customer.new", &j, st);
	db_reset(st);
	return rc;
}

static const char *const customer_needs[] = {
	"elderly", "pregnant", "disabled", NULL
};
static const char *const customer_roles[] = {
	"passenger", "driver", "buyer", "seller", "guest", "host", NULL
};

/* "elderly,disabled": each word known, none twice. */
static int
needs_ok(const char *s)
{
	char	 buf[128], *p, *w;
	int	 seen = 0, i;

	if (*s == '\0')
		return 1;
	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return 0;
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		if ((i = word_index(customer_needs, w)) == -1 ||
		    (seen & (1 << i)))
			return 0;
		seen |= 1 << i;
	}
	return 1;
}

static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strlen(s) <= 254 &&
	    strpbrk(s, " \t\r\n<>\"") == NULL && utf8_valid(s, strlen(s));
}

static int
customer_check(struct cs *cs, const struct customer_in *in)
{
	const char	*why;
	size_t		 i;

	if (in->name != NULL && !customer_name_ok(in->name, &why))
		return cs_error(cs, CS_DATAERR, "%s", why);
	if (in->phone != NULL && !phone_valid(in->phone))
		return cs_error(cs, CS_DATAERR, "%s: not a mobile phone number",
		    in->phone);
	if (in->idcard != NULL && *in->idcard != '\0' &&
	    !idcard_valid(in->idcard, &why))
		return cs_error(cs, CS_DATAERR, "ID-card number: %s", why);
	if (in->email != NULL && *in->email != '\0' && !email_ok(in->email))
		return cs_error(cs, CS_DATAERR, "%s: not an e-mail address",
		    in->email);
	if (in->tier != NULL) {
		for (i = 0; i < cs->rules.ntiers; i++)
			if (strcmp(cs->rules.tiers[i], in->tier) == 0)
				break;
		if (i == cs->rules.ntiers)
			return cs_error(cs, CS_DATAERR, "unknown tier \"%s\" "
			    "(see tier in cs.conf)", in->tier);
	}
	if (in->needs != NULL && !needs_ok(in->needs))
		return cs_error(cs, CS_DATAERR, "special needs \"%s\": a "
		    "list of elderly, pregnant, disabled", in->needs);
	if (in->role != NULL && *in->role != '\0' &&
	    word_index(customer_roles, in->role) == -1)
		return cs_error(cs, CS_DATAERR, "unknown role \"%s\" "
		    "(passenger driver buyer seller guest host)", in->role);
	return 0;
}

static const char add_sql[] =
    "INSERT INTO customer (name, phone, idcard, email, tier, needs, role,"
    " created_at) VALUES ($1, $2, nullif($3, ''), nullif($4, ''),"
    " coalesce($5, 'standard'), coalesce($6, ''), coalesce($7, ''), $8)"
    " RETURNING id";
static const char update_sql[] =
    "UPDATE customer SET name = coalesce($1, name),"
    " phone = coalesce($2, phone),"
    " idcard = CASE WHEN $3 IS NULL THEN idcard ELSE nullif($3, '') END,"
    " email = CASE WHEN $4 IS NULL THEN email ELSE nullif($4, '') END,"
    " tier = coalesce($5, tier), needs = coalesce($6, needs),"
    " role = coalesce($7, role) WHERE id = $8";

/* Which fields changed, masked: the trail keeps no personal data. */
static const char *
changed_fields(const struct customer_in *in, char *buf, size_t len)
{
	buf[0] = '\0';
	if (in->name)
		strlcat(buf, " name", len);
	if (in->phone)
		strlcat(buf, " phone", len);
	if (in->idcard)
		strlcat(buf, " idcard", len);
	if (in->email)
		strlcat(buf, " email", len);
	if (in->tier)
		strlcat(buf, " tier", len);
	if (in->needs)
		strlcat(buf, " needs", len);
	if (in->role)
		strlcat(buf, " role", len);
	return buf[0] ? buf + 1 : buf;
}

static int
customer_write(struct cs *cs, const char *sql, int64_t id,
    const struct customer_in *in, int64_t *out)
{
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 f[128], idcard[32];
	int		 adding, rc;

	if ((rc = customer_check(cs, in)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, in->name);
	db_bind_text(st, 2, in->phone);
	/* A check character x is kept as X, so one number is one text. */
	if (in->idcard != NULL && strlen(in->idcard) == 18 &&
	    in->idcard[17] == 'x') {
		strlcpy(idcard, in->idcard, sizeof(idcard));
		idcard[17] = 'X';
		db_bind_text(st, 3, idcard);
	} else
		db_bind_text(st, 3, in->idcard);
	db_bind_text(st, 4, in->email);
	db_bind_text(st, 5, in->tier);
	db_bind_text(st, 6, in->needs);
	db_bind_text(st, 7, in->role);
	db_bind_int(st, 8, id ? id : cs->now);
	/* A new customer (id 0) is given its ID by the insert. */
	adding = id == 0;
	if (adding)
		rc = db_step_id(st, &id);
	else {
		rc = db_step(st);
		db_reset(st);
	}
	if (rc == DB_CONSTRAINT)
		return cs_error(cs, CS_DATAERR, "%s: another customer has this "
		    "phone", in->phone ? in->phone : "?");
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "customer"),
		    "cannot record the customer");
	if (!adding && db_changes(cs->db) == 0)
		return cs_error(cs, CS_NOINPUT, "C%lld: no such customer",
		    (long long)id);
	*out = id;
	jbuf_init(&j);
	jbuf_str(&j, "fields", changed_fields(in, f, sizeof(f)));
	if (in->tier)
		jbuf_str(&j, "tier", in->tier);
	return cs_audit(cs, ID_CUSTOMER, id, sql == add_sql ?
	    "customer.new" : "customer.set", &j);
}

int
customer_add(struct cs *cs, const struct customer_in *in, int64_t *id)
{
	if (in->name == NULL || in->phone == NULL)
		return cs_error(cs, CS_DATAERR, "a customer needs a name and "
		    "a phone");
	return customer_write(cs, add_sql, 0, in, id);
}

const struct membership_term *
membership_of(const struct rules *c, const char *tier)
{
	size_t	 i;

	for (i = 0; tier != NULL && i < c->nmembers; i++)
		if (strcmp(c->members[i].tier, tier) == 0)
			return &c->members[i];
	return NULL;
}

static const char tier_at_sql[] =
    "SELECT " CUSTOMER_TIER_AT("$2") " FROM customer c WHERE c.id = $1";

int
customer_tier(struct cs *cs, int64_t id, int64_t at, char *buf, size_t len)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_stmt(cs->db, tier_at_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, at);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return cs_error(cs, db_fail(cs->db, "customer"),
			    "customer lookup");
		return cs_error(cs, CS_NOINPUT, "C%lld: no such customer",
		    (long long)id);
	}
	strlcpy(buf, db_col_null(st, 0) ? cs->rules.tiers[0] :
	    db_col_text(st, 0), len);
	db_reset(st);
	return 0;
}

int
customer_update(struct cs *cs, int64_t id, const struct customer_in *in)
{
	char	 have[64];
	int64_t	 out;
	int	 rc;

	/*
	 * A membership is bought, upgraded only and paid in full (order.c);
	 * setting the tier by hand would skip all three, and taking one
	 * away would undo what was paid for.
	 */
	if (in->tier != NULL) {
		if ((rc = customer_tier(cs, id, cs->now, have,
		    sizeof(have))) != 0)
			return rc;
		if (strcmp(have, in->tier) != 0 &&
		    membership_of(&cs->rules, in->tier) != NULL)
			return cs_error(cs, CS_DATAERR, "C%lld: %s is a "
			    "membership: it is bought with a membership order "
			    "(an upgrade, paid in full), not set",
			    (long long)id, in->tier);
		if (strcmp(have, in->tier) != 0 &&
		    membership_of(&cs->rules, have) != NULL)
			return cs_error(cs, CS_DATAERR, "C%lld is %s, a "
			    "membership: it ends when its term does, not by "
			    "setting another tier", (long long)id, have);
	}
	return customer_write(cs, update_sql, id, in, &out);
}

/* The TSV/JSON contract of `cs-order customer ls`: append only. */
const struct out_col customer_cols[] = {
	{ "id",		"ID",		OUT_ID,	    ID_CUSTOMER, 1 },
	{ "name",	"NAME",		OUT_NAME,   0,		 1 },
	{ "phone",	"PHONE",	OUT_PHONE,  0,		 1 },
	{ "tier",	"TIER",		OUT_TEXT,   0,		 1 },
	{ "needs",	"NEEDS",	OUT_TEXT,   0,		 1 },
	{ "role",	"ROLE",		OUT_TEXT,   0,		 1 },
	{ "idcard",	"ID CARD",	OUT_IDCARD, 0,		 0 },
	{ "email",	"EMAIL",	OUT_EMAIL,  0,		 0 },
	{ "created",	"CREATED",	OUT_TIME,   0,		 0 },
	{ "tickets",	"TICKETS",	OUT_INT,    0,		 0 },
	{ "orders",	"ORDERS",	OUT_INT,    0,		 0 },
	{ "tier_until",	"TIER UNTIL",	OUT_TIME,   0,		 0 },
};
const int customer_ncols = sizeof(customer_cols) / sizeof(customer_cols[0]);

#define CUSTOMER_COLS							\
    "SELECT c.id, c.name, c.phone, coalesce(" CUSTOMER_TIER_AT("$3")	\
    "   , c.tier), c.needs, c.role, c.idcard, c.email, c.created_at,"	\
    " (SELECT count(*) FROM ticket WHERE customer_id = c.id),"		\
    " (SELECT count(*) FROM orders WHERE customer_id = c.id),"		\
    " c.tier_until FROM customer c"
/* One customer by its key; or all, maybe of one tier (as of now). */
static const char one_sql[] = CUSTOMER_COLS " WHERE c.id = $1";
static const char list_sql[] = CUSTOMER_COLS
    " WHERE $2 IS NULL OR coalesce(" CUSTOMER_TIER_AT("$3") ", c.tier) = $2"
    " ORDER BY c.id";

int
customer_list(struct cs *cs, int64_t id, const char *tier, struct out *o)
{
	struct out_cell	 cells[sizeof(customer_cols) /
			    sizeof(customer_cols[0])];
	struct db_stmt	*st;
	int		 rc, orc = 0, k, n = 0;

	if ((st = id ? db_stmt(cs->db, one_sql) :
	    db_listing(cs->db, list_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, tier);
	db_bind_int(st, 3, cs->now);
	while ((rc = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, customer_ncols);
		/* An empty list of needs or role prints empty. */
		for (k = 0; k < customer_ncols; k++)
			if (cells[k].s != NULL && *cells[k].s == '\0')
				cells[k].null = 1;
		n++;
		if ((orc = out_row(o, cells)) != 0)
			break;
	}
	if (orc == 0 && rc != DB_DONE)
		orc = db_fail(cs->db, "customers");
	db_reset(st);
	if (orc == 0 && id != 0 && n == 0)
		return cs_error(cs, CS_NOINPUT, "C%lld: no such customer",
		    (long long)id);
	return orc;
}

/*
 * The customer's whole picture under its record: every ticket, order,
 * refund, grant, dispute (from either side), escalation and incident
 * of its tickets, newest first.  mark says what still needs the desk:
 * "overdue" past a deadline (a ticket's first response or resolution,
 * an escalation's acknowledgement), else "open" while not settled.
 */
static const char activity_sql[] =
    "SELECT at, record, type, status, mark, amount, detail, currency FROM ("
    "SELECT t.created_at AS at, 'T' || t.id AS record, 'ticket' AS type,"
    " t.status AS status,"
    " CASE WHEN t.status = 'open' AND ((t.first_response_at IS NULL AND"
    "  t.first_response_due < $2) OR t.resolve_due < $2) THEN 'overdue'"
    "  WHEN t.status IN ('open', 'pending') THEN 'open' END AS mark,"
    " NULL AS amount,"
    " t.category || coalesce('/' || t.kind, '') || ' ' || t.subject"
    "  AS detail, 1 AS k, t.id AS id, CAST(NULL AS TEXT) AS currency"
    " FROM ticket t WHERE t.customer_id = $1"
    " UNION ALL "
    "SELECT o.created_at, 'O' || o.id, 'order', o.status,"
    " CASE WHEN o.refund_pending > 0 THEN 'open' END, o.amount,"
    " o.kind || coalesce(' ' || o.item, '') || coalesce(' ' || o.ref, ''),"
    " 2, o.id, o.currency FROM orders o WHERE o.customer_id = $1"
    " UNION ALL "
    "SELECT r.created_at, 'R' || r.id, 'refund', r.status,"
    " CASE WHEN r.status IN ('requested', 'approved', 'sent', 'failed')"
    "  THEN 'open' END, r.amount, 'O' || r.order_id || ' ' || r.reason ||"
    " coalesce(' owed by C' || r.owed_by || ' ' || r.recovery, ''),"
    " 3, r.id, o.currency FROM refund r JOIN orders o ON o.id = r.order_id"
    " WHERE o.customer_id = $1 OR r.owed_by = $1"
    " UNION ALL "
    "SELECT g.created_at, 'G' || g.id, 'grant', g.status,"
    " CASE WHEN g.status = 'requested' THEN 'open' END, g.worth,"
    " g.kind || ' ' || g.reason, 4, g.id, CAST($3 AS TEXT) FROM grants g"
    " WHERE g.customer_id = $1"
    " UNION ALL "
    "SELECT d.created_at, 'D' || d.id, 'dispute', d.stage,"
    " CASE WHEN d.stage <> 'closed' THEN 'open' END, NULL,"
    " CASE WHEN d.customer_id = $1 THEN 'against C' || d.counterparty_id"
    "  ELSE 'by C' || d.customer_id END || ' on O' || d.order_id ||"
    " ' for T' || d.ticket_id, 5, d.id, NULL FROM dispute d"
    " WHERE d.customer_id = $1 OR d.counterparty_id = $1"
    " UNION ALL "
    "SELECT e.created_at, 'E' || e.id, 'escalation', e.status,"
    " CASE WHEN e.status = 'open' AND e.due < $2 THEN 'overdue'"
    "  WHEN e.status IN ('open', 'acked') THEN 'open' END, NULL,"
    " coalesce('level ' || e.level, e.department) || ' T' || e.ticket_id"
    " || ' ' || e.reason, 6, e.id, NULL"
    " FROM escalation e JOIN ticket t ON t.id = e.ticket_id"
    " WHERE t.customer_id = $1"
    " UNION ALL "
    "SELECT i.created_at, 'N' || i.id, 'incident', i.status,"
    " CASE WHEN i.status = 'open' THEN 'open' END, NULL,"
    " i.severity || ' ' || i.title, 7, i.id, NULL FROM incident i"
    " WHERE i.id IN (SELECT it.incident_id FROM incident_ticket it"
    "  JOIN ticket t ON t.id = it.ticket_id WHERE t.customer_id = $1)"
    ") AS a ORDER BY at DESC, k, id DESC";

static const struct out_col activity_cols[] = {
	{ "at",		"", OUT_TIME,  0, 1 },
	{ "record",	"", OUT_TEXT,  0, 1 },
	{ "type",	"", OUT_TEXT,  0, 1 },
	{ "status",	"", OUT_TEXT,  0, 1 },
	{ "mark",	"", OUT_TEXT,  0, 1 },
	{ "amount",	"", OUT_MONEY, 0, 1 },
	{ "detail",	"", OUT_TEXT,  OUT_PROSE, 1 },
	/* Of the amount: its order's, the desk's for a grant. */
	{ "currency",	"", OUT_TEXT,  0, 1 },
};
static const struct out_item activity_row[] = {
	{ "  ", "at", 0 }, { "  ", "record", 7 }, { "  ", "status", 12 },
	{ "  ", "mark", 7 }, { "  ", "amount", 10 }, { "  ", "detail", 0 },
};
static const struct out_sublist activity = {
	activity_cols, sizeof(activity_cols) / sizeof(activity_cols[0]),
	activity_row, sizeof(activity_row) / sizeof(activity_row[0]), NULL,
};

static int
customer_activity(struct cs *cs, int64_t id, FILE *fp)
{
	struct out_cell	 cells[sizeof(activity_cols) /
			    sizeof(activity_cols[0])];
	struct db_stmt	*st;
	int		 rc = 0, step = DB_DONE;

	if ((st = db_stmt(cs->db, activity_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, cs->now);
	db_bind_text(st, 3, cs->conf.currency);
	if (cs->out.mode == OUT_JSON) {
		fputc(',', fp);
		return show_json_rows(cs, fp, "activity", st, activity.cols,
		    activity.ncols);
	}
	out_heading(fp, "activity");
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, activity.ncols);
		rc = out_sublist_row(fp, &activity, cells, cs->out.unmask);
	}
	db_reset(st);
	if (rc == 0 && step != DB_DONE)
		return db_fail(cs->db, "customer");
	return rc;
}

int
customer_show(struct cs *cs, int64_t id, FILE *fp)
{
	static const char *const labels[] = { "tier_until", "until", NULL };
	/* An empty list of needs or role is null, as in ls -j. */
	static const struct out_record show = {
		.cols = customer_cols,
		.ncols = sizeof(customer_cols) / sizeof(customer_cols[0]),
		.width = 9,
		.empty_null = 1,
		.labels = labels,
	};
	struct out_cell	 cells[sizeof(customer_cols) /
			    sizeof(customer_cols[0])];
	struct db_stmt	*st;
	int		 rc;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_CUSTOMER, id)) != 0)
		return rc;
	if ((st = db_stmt(cs->db, one_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, NULL);
	/* Its tier as of the clock: a membership that ended is over. */
	db_bind_int(st, 3, cs->now);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return db_fail(cs->db, "customer");
		warnx("C%lld: no such customer", (long long)id);
		return CS_NOINPUT;
	}
	db_row_cells(st, cells, customer_ncols);
	if (cs->out.mode == OUT_JSON) {
		fputc('{', fp);
		rc = out_record_json(fp, &show, cells, cs->out.unmask);
	} else
		rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc == 0)
		rc = customer_activity(cs, id, fp);
	if (rc == 0 && cs->out.mode == OUT_JSON)
		fputs("}\n", fp);
	return rc;
}

static int
kw_tier(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	size_t		 i;
	int		 k;

	if (argc < 2) {
		conf_err(p, "usage: tier NAME...");
		return CS_CONFIG;
	}
	/* The first tier line replaces the built-in list. */
	if (!c->tiers_set) {
		for (i = 0; i < c->ntiers; i++)
			free(c->tiers[i]);
		c->ntiers = 0;
		c->tiers_set = 1;
	}
	for (k = 1; k < argc; k++) {
		if (!cs_name_ok(argv[k])) {
			conf_err(p, "tier %s: letters, digits, '.', '-', '_'",
			    argv[k]);
			return CS_CONFIG;
		}
		conf_push(&c->tiers, &c->ntiers, argv[k]);
	}
	return 0;
}

/* membership TIER [TERM]: a tier sold as a membership, for TERM. */
static int
kw_membership(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
	struct membership_term	*m;
	const char		*errstr;
	int64_t			 term = 0;

	if (argc < 2 || argc > 3) {
		conf_err(p, "usage: membership TIER [TERM]");
		return CS_CONFIG;
	}
	if (!cs_name_ok(argv[1]) || strlen(argv[1]) >= sizeof(m->tier)) {
		conf_err(p, "membership %s: letters, digits, '.', '-', '_'",
		    argv[1]);
		return CS_CONFIG;
	}
	if (argc == 3 && (duration_parse(argv[2], &term, &errstr) == -1 ||
	    term <= 0)) {
		conf_err(p, "membership %s %s: not a term (365d)", argv[1],
		    argv[2]);
		return CS_CONFIG;
	}
	/* The first membership line replaces the built-in ones. */
	if (!c->members_set) {
		c->nmembers = 0;
		c->members_set = 1;
	}
	if ((m = (struct membership_term *)membership_of(c, argv[1])) ==
	    NULL) {
		if (c->nmembers == sizeof(c->members) / sizeof(c->members[0])) {
			conf_err(p, "too many memberships");
			return CS_CONFIG;
		}
		m = &c->members[c->nmembers++];
	}
	strlcpy(m->tier, argv[1], sizeof(m->tier));
	m->term = term;
	return 0;
}

static const struct conf_keyword tier_keywords[] = {
	{ "tier",	kw_tier },
	{ "membership",	kw_membership },
	{ NULL,		NULL },
};

static void
tier_defaults(struct rules *c)
{
	static const char *const builtin[] = {
		"standard", "vip1", "vip2", "vip3", "partner", "enterprise",
		NULL
	};
	size_t	 i;

	for (i = 0; builtin[i] != NULL; i++)
		conf_push(&c->tiers, &c->ntiers, builtin[i]);
	/* The VIP levels are memberships of a year. */
	for (i = 1; i <= 3; i++) {
		snprintf(c->members[i - 1].tier, sizeof(c->members[0].tier),
		    "vip%zu", i);
		c->members[i - 1].term = 365 * 86400;
	}
	c->nmembers = 3;
}

static void
tier_print(const struct rules *c, FILE *fp)
{
	size_t	 i;
	char	 d[32];

	for (i = 0; i < c->ntiers; i++)
		fprintf(fp, "tier %s\n", c->tiers[i]);
	for (i = 0; i < c->nmembers; i++) {
		if (c->members[i].term > 0)
			duration_format(c->members[i].term, d, sizeof(d));
		fprintf(fp, "membership %s%s%s\n", c->members[i].tier,
		    c->members[i].term > 0 ? " " : "",
		    c->members[i].term > 0 ? d : "");
	}
}

static void
tier_free(struct rules *c)
{
	size_t	 i;

	for (i = 0; i < c->ntiers; i++)
		free(c->tiers[i]);
	free(c->tiers);
}

const struct rule_conf tier_conf = {
	tier_keywords, tier_defaults, tier_print, tier_free
};

/* ---- the names in a record's free text ---- */

/* The customer (and other side) of a record of each type, by its ID. */
static const struct {
	int		 type;
	const char	*sql;
} owners[] = {
	{ ID_CUSTOMER,	"SELECT name, NULL, id FROM customer WHERE id = $1" },
	{ ID_TICKET,	"SELECT c.name, NULL, c.id FROM ticket t JOIN customer c"
			" ON c.id = t.customer_id WHERE t.id = $1" },
	{ ID_ORDER,	"SELECT c.name, NULL, c.id FROM orders o JOIN customer c"
			" ON c.id = o.customer_id WHERE o.id = $1" },
	{ ID_PAYMENT,	"SELECT c.name, NULL, c.id FROM payment p JOIN orders o"
			" ON o.id = p.order_id JOIN customer c"
			" ON c.id = o.customer_id WHERE p.id = $1" },
	{ ID_REFUND,	"SELECT c.name, NULL, c.id FROM refund r JOIN orders o"
			" ON o.id = r.order_id JOIN customer c"
			" ON c.id = o.customer_id WHERE r.id = $1" },
	{ ID_INVOICE,	"SELECT c.name, NULL, c.id FROM invoice i JOIN orders o"
			" ON o.id = i.order_id JOIN customer c"
			" ON c.id = o.customer_id WHERE i.id = $1" },
	{ ID_ESCALATION, "SELECT c.name, NULL, c.id FROM escalation e"
			" JOIN ticket t ON t.id = e.ticket_id JOIN customer c"
			" ON c.id = t.customer_id WHERE e.id = $1" },
	{ ID_DISPUTE,	"SELECT c.name, p.name, c.id FROM dispute d"
			" JOIN customer c ON c.id = d.customer_id JOIN customer p"
			" ON p.id = d.counterparty_id WHERE d.id = $1" },
	{ ID_GRANT,	"SELECT c.name, NULL, c.id FROM grants g JOIN customer c"
			" ON c.id = g.customer_id WHERE g.id = $1" },
};

int
customer_of(struct cs *cs, const char *rec)
{
	static char	 last[32];
	struct db_stmt	*st;
	char		 cust[32];
	const char	*errstr;
	int64_t		 id;
	size_t		 i;
	int		 rc;

	if (rec == NULL || strcmp(rec, last) == 0)
		return 0;
	strlcpy(last, rec, sizeof(last));
	out_prose_names(NULL, NULL);
	out_prose_record(rec, NULL);
	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (rec[0] == owners[i].type)
			break;
	/* An incident, "-": no one's name to look for. */
	if (i == sizeof(owners) / sizeof(owners[0]) ||
	    id_parse(rec, owners[i].type, &id, &errstr) == -1)
		return 0;
	if ((st = db_stmt(cs->db, owners[i].sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		out_prose_names(db_col_text(st, 0), db_col_text(st, 1));
		id_format(ID_CUSTOMER, db_col_int(st, 2), cust, sizeof(cust));
		out_prose_record(rec, cust);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(cs->db, "customer");
	return 0;
}

int
customer_of_id(struct cs *cs, int type, int64_t id)
{
	char	 rec[32];

	id_format(type, id, rec, sizeof(rec));
	return customer_of(cs, rec);
}
