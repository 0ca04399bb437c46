/*
 * advance.c: compensation in money, paid first.  An advance is 先行赔付:
 * the platform compensates first and recovers from the party at fault.
 * When a dispute has gone to the platform, the platform may pay the
 * customer before the counterparty does.  That payment is an ordinary refund of the
 * dispute's order — the same approval limits, keys, export and
 * settlement, never more than was paid — marked as funded by the
 * platform and owed by the counterparty, and tracked until the
 * counterparty has paid it back or the platform writes it off.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const char key_sql[] =
    "SELECT id, status = 'failed', amount FROM refund WHERE key = $1";
static const char decision_sql[] =
    "SELECT decision, customer_amount, (SELECT money_sum(amount)"
    "  FROM refund WHERE dispute_id = $1 AND status <> 'rejected'),"
    " (SELECT money_sum(amount) FROM refund WHERE dispute_id = $1"
    "  AND status = 'failed')"
    " FROM dispute WHERE id = $1";

int
advance_request(struct cs *cs, int64_t dispute, const char *amount,
    const char *key, const char *note, int64_t *id, int *outcome)
{
	struct dispute_info d;
	struct refund_in in;
	struct fee_quote q;
	struct db_stmt	*st;
	const char	*errstr, *decision;
	char		 k[160], order[32], text[32], a[32], c[32];
	int64_t		 given = -1, mine, advanced, failed = 0, was = 0, out;
	int		 rc, digits, decided, theirs;

	if ((rc = dispute_load(cs, dispute, &d)) != 0)
		return rc;
	/* An advance is a refund to who paid, owed by the provider. */
	if (d.payer != d.customer)
		return cs_error(cs, CS_DATAERR, "D%lld was brought by the "
		    "provider: an advance is paid to the customer who paid",
		    (long long)dispute);
	if (strcmp(d.stage, "intervention") != 0 &&
	    strcmp(d.stage, "decided") != 0)
		return cs_error(cs, CS_DATAERR, "D%lld is %s: the platform "
		    "compensates in advance once it has intervened",
		    (long long)dispute, d.stage);
	if ((digits = money_digits(d.currency)) == -1)
		digits = 2;
	if (strcmp(amount, "full") != 0 &&
	    money_parse_digits(amount, digits, &given, &errstr) == -1)
		return cs_error(cs, CS_DATAERR, "amount %s: %s", amount, errstr);
	if (key != NULL)
		strlcpy(k, key, sizeof(k));
	else if (given >= 0)
		snprintf(k, sizeof(k), "D%lld:%lld:advance", (long long)dispute,
		    (long long)given);
	else
		snprintf(k, sizeof(k), "D%lld:full:advance",
		    (long long)dispute);
	memset(&in, 0, sizeof(in));
	snprintf(order, sizeof(order), "O%lld", (long long)d.order);
	in.order = order;
	in.amount = amount;
	in.reason = "compensation";
	in.key = k;
	in.note = note;
	in.dispute = dispute;
	in.owed_by = d.counterparty;
	/*
	 * A known key is the refund's business: done before, or a clash;
	 * but one whose payout failed is paid again only if the decision
	 * still owes it the customer.
	 */
	if ((rc = cs_key_find(cs, key_sql, k, "refund", &st)) == 0) {
		was = db_col_int(st, 0);
		if (db_col_int(st, 1))
			failed = db_col_int(st, 2);
		db_reset(st);
	} else if (rc != CS_NOINPUT)
		return rc;
	decided = strcmp(d.stage, "decided") == 0;
	if (decided && (rc == CS_NOINPUT || failed > 0)) {
		if ((st = db_stmt(cs->db, decision_sql)) == NULL)
			return cs_error(cs, CS_SOFTWARE, "database error");
		db_bind_int(st, 1, dispute);
		if (db_step(st) != DB_ROW) {
			db_reset(st);
			return cs_error(cs, db_fail(cs->db, "dispute"),
			    "D%lld: cannot read", (long long)dispute);
		}
		decision = db_col_text(st, 0);
		theirs = strcmp(decision ? decision : "", "counterparty") == 0;
		mine = db_col_int(st, 1);
		advanced = db_col_int(st, 2);
		out = advanced - db_col_int(st, 3);	/* not failed */
		db_reset(st);
		if (theirs && failed > 0)
			return cs_error(cs, CS_DATAERR, "D%lld was decided for "
			    "the counterparty: R%lld's payout failed and the "
			    "customer is owed nothing", (long long)dispute,
			    (long long)was);
		if (theirs)
			return cs_error(cs, CS_DATAERR, "D%lld was decided for "
			    "the counterparty: the customer is owed nothing",
			    (long long)dispute);
		/*
		 * Paid again: within what the decision leaves the customer
		 * beside the advances that did not fail.
		 */
		if (failed > 0) {
			money_format(mine, d.currency, c, sizeof(c));
			money_format(mine - out, d.currency, text,
			    sizeof(text));
			if (failed <= mine - out)
				return refund_request(cs, &in, id, outcome,
				    &q);
			money_format(failed, d.currency, a, sizeof(a));
			return cs_error(cs, CS_DATAERR, "D%lld: R%lld's %s is "
			    "more than the %s left of the customer's %s",
			    (long long)dispute, (long long)was, a, text, c);
		}
		/*
		 * After the decision, no more than the customer's share
		 * beside the advances that did not fail (a failed one is
		 * still pending on the order, whose refunds cap it too);
		 * more advanced before a split leaves nothing, not less.
		 */
		advanced = out > mine ? mine : out;
		money_format(mine, d.currency, c, sizeof(c));
		money_format(mine - advanced, d.currency, text, sizeof(text));
		if (given < 0 && mine - advanced <= 0)
			return cs_error(cs, CS_DATAERR, "D%lld: the customer's "
			    "%s is advanced already", (long long)dispute, c);
		if (given > mine - advanced) {
			money_format(given, d.currency, a, sizeof(a));
			return cs_error(cs, CS_DATAERR, "D%lld: %s is more than "
			    "the %s left of the customer's %s",
			    (long long)dispute, a, text, c);
		}
		/*
		 * All the share left, or all that is left on the order when
		 * less (refunded in part before): "full" is that.
		 */
		if (given < 0) {
			int64_t	 paid, refunded;

			if ((rc = order_money(cs, d.order, &paid,
			    &refunded)) != 0)
				return rc;
			in.amount = paid - refunded < mine - advanced ? "full" :
			    text;
		}
	}
	return refund_request(cs, &in, id, outcome, &q);
}

static const char owed_sql[] =
    "SELECT r.status, r.amount - r.fee - r.platform_loss, r.recovered,"
    " r.recovery, r.owed_by, o.currency FROM refund r"
    " JOIN orders o ON o.id = r.order_id WHERE r.id = $1";

struct owed_row {
	char	 status[16];
	char	 recovery[16];
	int64_t	 owed;		/* still owed */
	int64_t	 recovered;
	char	 currency[8];
};

/* An advance compensation still owed by its counterparty. */
static int
owed_get(struct cs *cs, int64_t id, struct owed_row *r)
{
	struct db_stmt	*st;
	const char	*s;
	int		 rc, advance;

	if ((rc = cs_get(cs, owed_sql, ID_REFUND, id, &st)) != 0)
		return rc;
	strlcpy(r->status, db_col_text(st, 0), sizeof(r->status));
	r->recovered = db_col_int(st, 2);
	r->owed = db_col_int(st, 1) - r->recovered;
	s = db_col_text(st, 3);
	strlcpy(r->recovery, s ? s : "", sizeof(r->recovery));
	advance = !db_col_null(st, 4);
	strlcpy(r->currency, db_col_text(st, 5), sizeof(r->currency));
	db_reset(st);
	if (!advance)
		return cs_error(cs, CS_DATAERR, "R%lld is not an advance "
		    "compensation", (long long)id);
	if (strcmp(r->status, "rejected") == 0 ||
	    strcmp(r->status, "failed") == 0)
		return cs_error(cs, CS_DATAERR, "R%lld is %s: nothing is owed "
		    "on it", (long long)id, r->status);
	if (strcmp(r->recovery, "owed") != 0)
		return cs_error(cs, CS_DATAERR, "R%lld is %s already",
		    (long long)id, *r->recovery == 'w' ? "written off" :
		    r->recovery);
	return 0;
}

static const char recover_sql[] =
    "UPDATE refund SET recovered = recovered + $1, recovery = CASE WHEN"
    " recovered + $1 >= amount - fee - platform_loss THEN 'recovered'"
    " ELSE 'owed' END,"
    " updated_at = $2 WHERE id = $3";

int
advance_recover(struct cs *cs, int64_t id, const char *amount)
{
	struct owed_row	 r;
	struct jbuf	 j;
	struct db_stmt	*st;
	const char	*errstr;
	char		 a[32], o[32];
	int64_t		 got;
	int		 rc, digits;

	if ((rc = owed_get(cs, id, &r)) != 0)
		return rc;
	got = r.owed;
	if (amount != NULL) {
		if ((digits = money_digits(r.currency)) == -1)
			digits = 2;
		if (money_parse_digits(amount, digits, &got, &errstr) == -1)
			return cs_error(cs, CS_DATAERR, "amount %s: %s", amount,
			    errstr);
		if (got == 0)
			return cs_error(cs, CS_DATAERR, "amount %s: a recovery "
			    "is more than zero", amount);
		if (got > r.owed) {
			money_format(got, r.currency, a, sizeof(a));
			money_format(r.owed, r.currency, o, sizeof(o));
			return cs_error(cs, CS_DATAERR, "R%lld: %s is more than "
			    "the %s owed", (long long)id, a, o);
		}
	}
	if ((st = db_stmt(cs->db, recover_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, got);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "update", (long long)id);
	jbuf_init(&j);
	money_format(got, r.currency, a, sizeof(a));
	jbuf_str(&j, "recovered", a);
	money_format(r.owed - got, r.currency, a, sizeof(a));
	jbuf_str(&j, "owed", a);
	jbuf_str(&j, "recovery", got == r.owed ? "recovered" : "owed");
	return cs_audit(cs, ID_REFUND, id, "refund.recover", &j);
}

int
advance_writeoff(struct cs *cs, int64_t id, const char *why)
{
	struct owed_row	 r;
	struct jbuf	 j;
	struct db_stmt	*st;
	char		 a[32], l[32];
	int64_t		 lim;
	int		 rc;

	if (why == NULL || *why == '\0')
		return cs_error(cs, CS_DATAERR, "a write-off needs a reason");
	if ((rc = text_ok(cs, "reason", why, 1000)) != 0 ||
	    (rc = owed_get(cs, id, &r)) != 0)
		return rc;
	/*
	 * Giving money up is paying it: the same limit as a refund, on the
	 * actor's day with the refunds and grants let go of that day.
	 */
	lim = refund_approval_limit(cs);
	money_format(r.owed, r.currency, a, sizeof(a));
	if (lim >= 0 && strcmp(r.currency, cs->conf.currency) != 0)
		return cs_error(cs, CS_NOPERM, "R%lld is in %s: approval "
		    "limits are amounts in %s, so %s's limit does not cover "
		    "it", (long long)id, r.currency, cs->conf.currency,
		    cs->actor.name);
	if (lim >= 0 && r.owed > lim) {
		money_format(lim, r.currency, l, sizeof(l));
		return cs_error(cs, CS_NOPERM, "R%lld: %s owed is above %s's "
		    "limit of %s", (long long)id, a, cs->actor.name, l);
	}
	if (lim >= 0 && (rc = refund_within_limit(cs, 0, r.owed, 0)) != 0) {
		char	 why_not[256];

		strlcpy(why_not, cs->err, sizeof(why_not));
		return cs_error(cs, rc, "R%lld: writing off %s", (long long)id,
		    why_not);
	}
	if ((st = db_stmt(cs->db, "UPDATE refund SET recovery ="
	    " 'written-off', updated_at = $1 WHERE id = $2")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "refund"), "R%lld: cannot "
		    "update", (long long)id);
	if (strcmp(r.currency, cs->conf.currency) == 0 &&
	    (rc = refund_day_count(cs, ID_REFUND, id, r.owed)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "written_off", a);
	jbuf_str(&j, "why", why);
	return cs_audit(cs, ID_REFUND, id, "refund.writeoff", &j);
}

/*
 * The advances of a decided dispute, against its decision: the
 * counterparty owes at most the customer's share (share), the oldest
 * advances first; what was advanced beyond it is the platform's loss,
 * recorded on each advance and in its history.  Run once, by the
 * decision, inside its transaction.
 */
static const char advances_sql[] =
    "SELECT id, amount - fee, recovered FROM refund WHERE dispute_id = $1"
    " AND owed_by IS NOT NULL AND status NOT IN ('rejected', 'failed')"
    " AND recovery IN ('owed', 'recovered') ORDER BY id";
static const char reconcile_sql[] =
    "UPDATE refund SET platform_loss = $1, recovery = $2, updated_at = $3"
    " WHERE id = $4";

int
advance_reconcile(struct cs *cs, int64_t dispute, const char *decision,
    int64_t share)
{
	struct dispute_info d;
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 a[32], rec[32];
	int64_t		(*v)[3] = NULL, (*p)[3], due, kept, loss, owed;
	int64_t		 beyond = 0;
	size_t		 n = 0, i;
	int		 rc = 0;

	if ((rc = dispute_load(cs, dispute, &d)) != 0)
		return rc;

	/* Read first: the updates change what the query sees. */
	if ((st = db_stmt(cs->db, advances_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, dispute);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((p = reallocarray(v, n + 1, sizeof(*v))) == NULL) {
			db_reset(st);
			free(v);
			return cs_error(cs, CS_SOFTWARE, "out of memory");
		}
		v = p;
		v[n][0] = db_col_int(st, 0);
		v[n][1] = db_col_int(st, 1);
		v[n][2] = db_col_int(st, 2);
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(v);
		return cs_error(cs, db_fail(cs->db, "refund"), "D%lld: cannot "
		    "read its advances", (long long)dispute);
	}
	rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		due = v[i][1] < share ? v[i][1] : share;
		share -= due;
		/*
		 * Paid back beyond the share stays paid back: what is
		 * beyond is the counterparty's to have back, said below.
		 */
		kept = due > v[i][2] ? due : v[i][2];
		beyond += kept - due;
		if ((loss = v[i][1] - kept) <= 0 && kept <= due)
			continue;
		if (loss < 0)
			loss = 0;
		owed = kept - v[i][2];
		if ((st = db_stmt(cs->db, reconcile_sql)) == NULL) {
			rc = cs_error(cs, CS_SOFTWARE, "database error");
			break;
		}
		db_bind_int(st, 1, loss);
		db_bind_text(st, 2, owed > 0 ? "owed" : v[i][2] > 0 ?
		    "recovered" : "written-off");
		db_bind_int(st, 3, cs->now);
		db_bind_int(st, 4, v[i][0]);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			rc = cs_error(cs, db_fail(cs->db, "refund"), "R%lld: "
			    "cannot update", (long long)v[i][0]);
			break;
		}
		jbuf_init(&j);
		id_format(ID_DISPUTE, dispute, rec, sizeof(rec));
		jbuf_str(&j, "dispute", rec);
		jbuf_str(&j, "decision", decision);
		money_format(loss, d.currency, a, sizeof(a));
		jbuf_str(&j, "platform_loss", a);
		money_format(owed, d.currency, a, sizeof(a));
		jbuf_str(&j, "owed", a);
		if (kept > due) {
			money_format(kept - due, d.currency, a, sizeof(a));
			jbuf_str(&j, "beyond_share", a);
		}
		rc = cs_audit(cs, ID_REFUND, v[i][0], "refund.reconcile", &j);
	}
	free(v);
	/* Nothing paid goes unsaid: cs pays no counterparty back itself. */
	if (rc == 0 && beyond > 0) {
		money_format(beyond, d.currency, a, sizeof(a));
		warnx("D%lld: C%lld paid back %s beyond its share: that is "
		    "owed back to it, outside cs", (long long)dispute,
		    (long long)d.counterparty, a);
	}
	return rc;
}

/* The TSV/JSON contract of `cs-refund owed`: append only. */
const struct out_col owed_cols[] = {
	{ "counterparty", "COUNTERPARTY", OUT_ID,   ID_CUSTOMER, 1 },
	{ "role",	"ROLE",		OUT_TEXT,  0,		1 },
	{ "refunds",	"REFUNDS",	OUT_INT,   0,		1 },
	{ "advanced",	"ADVANCED",	OUT_MONEY, 0,		1 },
	{ "recovered",	"RECOVERED",	OUT_MONEY, 0,		1 },
	{ "written_off", "WRITTEN OFF",	OUT_MONEY, 0,		1 },
	{ "outstanding", "OUTSTANDING",	OUT_MONEY, 0,		1 },
	{ "oldest",	"OLDEST",	OUT_TIME,  0,		1 },
	{ "platform_loss", "PLATFORM LOSS", OUT_MONEY, 0,	0 },
	{ "currency",	"CUR",		OUT_TEXT,  0,		0 },
};
const int owed_ncols = sizeof(owed_cols) / sizeof(owed_cols[0]);

/*
 * What the platform advanced, per counterparty and currency (amounts of
 * two currencies are never added), biggest debt first: refunds not
 * rejected or failed; the oldest is the earliest advance still owed.
 */
static const char by_party_sql[] =
    "SELECT r.owed_by, c.role, count(*), money_sum(r.amount - r.fee),"
    " money_sum(r.recovered),"
    " money_sum(CASE r.recovery WHEN 'written-off' THEN r.amount - r.fee"
    "   - r.platform_loss - r.recovered ELSE 0 END),"
    " money_sum(CASE r.recovery WHEN 'owed' THEN r.amount - r.fee"
    "   - r.platform_loss - r.recovered ELSE 0 END),"
    " min(CASE r.recovery WHEN 'owed' THEN r.created_at END),"
    " money_sum(r.platform_loss), o.currency"
    " FROM refund r JOIN customer c ON c.id = r.owed_by"
    " JOIN orders o ON o.id = r.order_id"
    " WHERE r.owed_by IS NOT NULL AND r.status NOT IN ('rejected','failed')"
    " GROUP BY r.owed_by, c.role, o.currency"
    " HAVING $1 <> 0 OR sum(CASE WHEN r.recovery = 'owed' THEN 1 ELSE 0"
    " END) > 0"
    " ORDER BY 7 DESC, 1, 10";

int
advance_owed(struct cs *cs, int all, struct out *o)
{
	struct db_stmt	*st;

	if ((st = db_stmt(cs->db, by_party_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, all);
	return cs_rows(cs, st, o, owed_ncols, "refunds");
}
