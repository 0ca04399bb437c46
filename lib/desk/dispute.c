/*
 * dispute.c: two-sided disputes (纠纷) — a customer and a counterparty
 * (a seller, driver or host) over an order, worked on one ticket.  Each
 * side's statements and evidence are kept with the agent who took them
 * down.  Stages: opened → negotiating → intervention → decided →
 * closed.  Platform intervention (平台介入) is an escalation of the
 * ticket to the arbitration department, with that department's
 * deadline; once the platform has intervened, the decision is the
 * arbitration owner's, so deciding resolves that escalation under its
 * own rule of who may.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const dispute_stages[] = {
	"opened", "negotiating", "intervention", "decided", "closed", NULL
};
const char *const dispute_sides[] = { "customer", "counterparty", NULL };
const char *const dispute_outcomes[] = {
	"customer", "counterparty", "split", NULL
};
/* The roles of the side that provides the service. */
static const char *const provider_roles[] = {
	"seller", "driver", "host", NULL
};

#define ARBITRATION	"arbitration"

static const char get_sql[] =
    "SELECT d.stage, d.ticket_id, d.order_id, d.customer_id,"
    " d.counterparty_id, d.escalation_id, e.status, o.currency,"
    " o.customer_id FROM dispute d JOIN orders o ON o.id = d.order_id"
    " LEFT JOIN escalation e ON e.id = d.escalation_id WHERE d.id = $1";

int
dispute_load(struct cs *cs, int64_t id, struct dispute_info *d)
{
	struct db_stmt	*st;
	const char	*s;
	int		 rc;

	memset(d, 0, sizeof(*d));
	if ((rc = cs_get(cs, get_sql, ID_DISPUTE, id, &st)) != 0)
		return rc;
	d->id = id;
	strlcpy(d->stage, db_col_text(st, 0), sizeof(d->stage));
	d->ticket = db_col_int(st, 1);
	d->order = db_col_int(st, 2);
	d->customer = db_col_int(st, 3);
	d->counterparty = db_col_int(st, 4);
	d->escalation = db_col_int(st, 5);
	s = db_col_text(st, 6);
	strlcpy(d->escalation_status, s ? s : "",
	    sizeof(d->escalation_status));
	strlcpy(d->currency, db_col_text(st, 7), sizeof(d->currency));
	d->payer = db_col_int(st, 8);
	db_reset(st);
	return 0;
}

/* 0 if the dispute stands in one of the space-separated stages. */
static int
stage_in(struct cs *cs, const struct dispute_info *d, const char *stages,
    const char *what)
{
	char	 w[24];

	snprintf(w, sizeof(w), " %s ", d->stage);
	if (strstr(stages, w) != NULL)
		return 0;
	return cs_error(cs, CS_DATAERR, "D%lld is %s: %s", (long long)d->id,
	    d->stage, what);
}

static int
set_stage(struct cs *cs, const struct dispute_info *d, const char *to)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_stmt(cs->db, "UPDATE dispute SET stage = $1,"
	    " stage_at = $2, updated_at = $2, closed_at = CASE $1 WHEN"
	    " 'closed' THEN $2 END WHERE id = $3")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, cs->now);
	db_bind_int(st, 3, d->id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "D%lld: "
		    "cannot update", (long long)d->id);
	return 0;
}

/* A customer's role, "" for none. */
static int
customer_role(struct cs *cs, int64_t id, char *role, size_t len)
{
	int	 rc;

	if ((rc = db_lookup_text(cs->db, "SELECT role FROM customer WHERE"
	    " id = $1", id, role, len)) != 0)
		return cs_error(cs, rc, "C%lld: no such customer",
		    (long long)id);
	return 0;
}

static const char ticket_sql[] =
    "SELECT customer_id, order_id, status FROM ticket WHERE id = $1";
static const char insert_sql[] =
    "INSERT INTO dispute (ticket_id, order_id, customer_id,"
    " counterparty_id, opened_by, created_at, stage_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING id";

int
dispute_open(struct cs *cs, int64_t ticket, const struct dispute_in *in,
    int64_t *id)
{
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 role[32], rec[32];
	char		 mine[32];
	int64_t		 customer, order = 0, given = 0, owner = 0, other;
	int		 rc, live, provider;

	if ((rc = cs_get(cs, ticket_sql, ID_TICKET, ticket, &st)) != 0)
		return rc;
	customer = db_col_int(st, 0);
	order = db_col_int(st, 1);
	live = strcmp(db_col_text(st, 2), "closed") != 0;
	db_reset(st);
	if (!live)
		return cs_error(cs, CS_DATAERR, "T%lld is closed: reopen it "
		    "before opening a dispute", (long long)ticket);
	/*
	 * From either side: a driver's, seller's or host's own ticket is
	 * about the order it served, the other side's.
	 */
	if ((rc = customer_role(cs, customer, mine, sizeof(mine))) != 0)
		return rc;
	provider = word_index(provider_roles, mine) != -1;
	if (in->order != NULL) {
		if ((rc = order_find(cs, in->order, &given, &owner)) != 0)
			return rc;
		if (order != 0 && order != given)
			return cs_error(cs, CS_DATAERR, "T%lld is about O%lld, "
			    "not O%lld", (long long)ticket, (long long)order,
			    (long long)given);
		if (owner != customer && !provider)
			return cs_error(cs, CS_DATAERR, "O%lld is C%lld's "
			    "order, not C%lld's", (long long)given,
			    (long long)owner, (long long)customer);
		order = given;
	}
	if (order == 0)
		return cs_error(cs, CS_DATAERR, "T%lld has no order: name it "
		    "with -O", (long long)ticket);
	if (owner == 0 && (rc = db_lookup(cs->db, "SELECT customer_id FROM"
	    " orders WHERE id = $1", NULL, order, &owner, 1)) != 0)
		return cs_error(cs, rc, "O%lld: no such order",
		    (long long)order);
	if ((rc = customer_find(cs, in->counterparty, NULL, &other)) != 0)
		return rc;
	if (other == customer)
		return cs_error(cs, CS_DATAERR, "C%lld is the customer of "
		    "T%lld, not a counterparty", (long long)other,
		    (long long)ticket);
	if ((rc = customer_role(cs, other, role, sizeof(role))) != 0)
		return rc;
	if (provider && owner != other)
		return cs_error(cs, CS_DATAERR, "O%lld is C%lld's order: "
		    "the %s's counterparty is its customer", (long long)order,
		    (long long)owner, mine);
	if (!provider && word_index(provider_roles, role) == -1)
		return cs_error(cs, CS_DATAERR, "C%lld is %s%s: a counterparty "
		    "is a seller, driver or host", (long long)other,
		    *role ? "a " : "of no role", role);
	/* One case at a time on a ticket: its statements stay together. */
	if ((rc = dispute_live(cs, ticket, &other, role,
	    sizeof(role))) != 0)
		return rc < 0 ? cs_error(cs, CS_DATAERR, "T%lld has D%lld %s "
		    "already", (long long)ticket, (long long)other, role) : rc;
	if ((st = db_stmt(cs->db, insert_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, ticket);
	db_bind_int(st, 2, order);
	db_bind_int(st, 3, customer);
	db_bind_int(st, 4, other);
	db_bind_text(st, 5, cs->actor.name);
	db_bind_int(st, 6, cs->now);
	rc = db_step_id(st, id);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "T%lld: "
		    "cannot record the dispute", (long long)ticket);
	jbuf_init(&j);
	id_format(ID_TICKET, ticket, rec, sizeof(rec));
	jbuf_str(&j, "ticket", rec);
	id_format(ID_ORDER, order, rec, sizeof(rec));
	jbuf_str(&j, "order", rec);
	id_format(ID_CUSTOMER, customer, rec, sizeof(rec));
	jbuf_str(&j, "customer", rec);
	id_format(ID_CUSTOMER, other, rec, sizeof(rec));
	jbuf_str(&j, "counterparty", rec);
	jbuf_str(&j, "role", role);
	return cs_audit(cs, ID_DISPUTE, *id, "dispute.open", &j);
}

int
dispute_say(struct cs *cs, int64_t id, const char *side, int evidence,
    const char *text)
{
	struct dispute_info d;
	struct db_stmt	*st;
	struct jbuf	 j;
	int		 rc;

	if (word_index(dispute_sides, side) == -1)
		return cs_error(cs, CS_DATAERR, "side \"%s\": customer or "
		    "counterparty", side);
	if ((rc = text_ok(cs, evidence ? "evidence" : "statement", text,
	    CS_TEXT_MAX)) != 0)
		return rc;
	if ((rc = dispute_load(cs, id, &d)) != 0 ||
	    (rc = stage_in(cs, &d, " opened negotiating intervention ",
	    "statements are taken before the decision")) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "INSERT INTO statement (dispute_id, side,"
	    " evidence, body, agent, created_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6)")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, side);
	db_bind_int(st, 3, evidence);
	db_bind_text(st, 4, text);
	db_bind_text(st, 5, cs->actor.name);
	db_bind_int(st, 6, cs->now);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "D%lld: "
		    "cannot record the statement", (long long)id);
	if ((st = db_stmt(cs->db, "UPDATE dispute SET updated_at = $1"
	    " WHERE id = $2")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, cs->now);
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "D%lld: "
		    "cannot update", (long long)id);
	jbuf_init(&j);
	jbuf_str(&j, "side", side);
	jbuf_str(&j, evidence ? "evidence" : "statement", text);
	return cs_audit(cs, ID_DISPUTE, id, "dispute.say", &j);
}

/*
 * A move from one of the stages in from (" a b ") to stage to, refused
 * with why otherwise, audited as action.
 */
static int
stage_move(struct cs *cs, int64_t id, const char *from, const char *why,
    const char *to, const char *action)
{
	struct dispute_info d;
	struct jbuf	 j;
	int		 rc;

	if ((rc = dispute_load(cs, id, &d)) != 0 ||
	    (rc = stage_in(cs, &d, from, why)) != 0 ||
	    (rc = set_stage(cs, &d, to)) != 0)
		return rc;
	jbuf_init(&j);
	jbuf_str(&j, "from", d.stage);
	jbuf_str(&j, "to", to);
	return cs_audit(cs, ID_DISPUTE, id, action, &j);
}

int
dispute_negotiate(struct cs *cs, int64_t id)
{
	return stage_move(cs, id, " opened ", "only an opened dispute goes "
	    "to negotiation", "negotiating", "dispute.negotiate");
}

int
dispute_live(struct cs *cs, int64_t ticket, int64_t *id, char *stage,
    size_t len)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_stmt(cs->db, "SELECT id, stage FROM dispute"
	    " WHERE ticket_id = $1 AND stage <> 'closed'")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, ticket);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		strlcpy(stage, db_col_text(st, 1), len);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "T%lld: "
		    "cannot read its disputes", (long long)ticket);
	return 0;
}

int
dispute_move(struct cs *cs, int64_t from, int64_t into, char **moved)
{
	return cs_move(cs, "SELECT id FROM dispute WHERE ticket_id = $1"
	    " AND stage <> 'closed' ORDER BY id", "UPDATE dispute SET"
	    " ticket_id = $1, updated_at = $2 WHERE id = $3", ID_DISPUTE,
	    "dispute.move", from, into, moved);
}

int
dispute_intervene(struct cs *cs, int64_t id, const char *reason,
    int64_t *esc)
{
	struct dispute_info d;
	struct escalation_in in;
	struct db_stmt	*st;
	struct jbuf	 j;
	char		 rec[32];
	int		 rc;

	if ((rc = dispute_load(cs, id, &d)) != 0 ||
	    (rc = stage_in(cs, &d, " opened negotiating ", "the platform "
	    "intervenes before a decision, once")) != 0)
		return rc;
	memset(&in, 0, sizeof(in));
	in.department = ARBITRATION;
	in.reason = reason;
	if ((rc = escalation_raise(cs, d.ticket, &in, esc)) != 0)
		return rc;
	if ((rc = set_stage(cs, &d, "intervention")) != 0)
		return rc;
	if ((st = db_stmt(cs->db, "UPDATE dispute SET escalation_id = $1"
	    " WHERE id = $2")) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_int(st, 1, *esc);
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "D%lld: "
		    "cannot update", (long long)id);
	jbuf_init(&j);
	jbuf_str(&j, "from", d.stage);
	jbuf_str(&j, "to", "intervention");
	id_format(ID_ESCALATION, *esc, rec, sizeof(rec));
	jbuf_str(&j, "escalation", rec);
	jbuf_str(&j, "reason", reason);
	return cs_audit(cs, ID_DISPUTE, id, "dispute.intervene", &j);
}

static const char decide_sql[] =
    "UPDATE dispute SET stage = 'decided', decision = $1,"
    " customer_amount = $2, counterparty_amount = $3, decision_note = $4,"
    " decided_by = $5, decided_at = $6, stage_at = $6, updated_at = $6"
    " WHERE id = $7";

int
dispute_decide(struct cs *cs, int64_t id, const char *outcome,
    const char *amount, const char *why)
{
	struct dispute_info d;
	struct db_stmt	*st;
	struct jbuf	 j;
	const char	*errstr;
	char		 a[32], p[32];
	int64_t		 paid, refunded, mine = 0;
	int		 rc, digits;

	if (word_index(dispute_outcomes, outcome) == -1)
		return cs_error(cs, CS_DATAERR, "decision \"%s\": customer, "
		    "counterparty or split", outcome);
	if ((amount != NULL) != (strcmp(outcome, "split") == 0))
		return cs_error(cs, CS_DATAERR, amount == NULL ? "a split "
		    "needs the customer's amount (-a)" : "only a split has an "
		    "amount (-a)");
	if (why == NULL || *why == '\0')
		return cs_error(cs, CS_DATAERR, "a decision needs its reason");
	if ((rc = text_ok(cs, "reason", why, 1000)) != 0)
		return rc;
	if ((rc = dispute_load(cs, id, &d)) != 0 ||
	    (rc = stage_in(cs, &d, " opened negotiating intervention ",
	    "cannot decide it")) != 0)
		return rc;
	/* What is at stake: what the customer paid on the order. */
	if ((rc = order_money(cs, d.order, &paid, &refunded)) != 0)
		return rc;
	if (amount != NULL) {
		if ((digits = money_digits(d.currency)) == -1)
			digits = 2;
		if (money_parse_digits(amount, digits, &mine, &errstr) == -1)
			return cs_error(cs, CS_DATAERR, "amount %s: %s", amount,
			    errstr);
		if (mine == 0 || mine >= paid) {
			money_format(paid, d.currency, p, sizeof(p));
			return cs_error(cs, CS_DATAERR, "amount %s: a split "
			    "gives the customer more than 0 and less than the "
			    "%s paid on O%lld", amount, p, (long long)d.order);
		}
	} else
		mine = strcmp(outcome, "customer") == 0 ? paid : 0;
	/*
	 * Under intervention the platform decides: whoever may resolve
	 * the arbitration escalation, which the decision resolves.  The
	 * ticket resolved or closed ended that escalation, not the rule
	 * of who decides.
	 */
	if (strcmp(d.stage, "intervention") == 0 && d.escalation != 0) {
		if (strcmp(d.escalation_status, "open") == 0 ||
		    strcmp(d.escalation_status, "acked") == 0)
			rc = escalation_resolve(cs, d.escalation, why);
		else
			rc = escalation_may_resolve(cs, d.escalation);
		if (rc != 0)
			return rc;
	}
	if ((st = db_stmt(cs->db, decide_sql)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "database error");
	db_bind_text(st, 1, outcome);
	db_bind_int(st, 2, mine);
	db_bind_int(st, 3, paid - mine);
	db_bind_text(st, 4, why);
	db_bind_text(st, 5, cs->actor.name);
	db_bind_int(st, 6, cs->now);
	db_bind_int(st, 7, id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return cs_error(cs, db_fail(cs->db, "dispute"), "D%lld: "
		    "cannot update", (long long)id);
	jbuf_init(&j);
	jbuf_str(&j, "from", d.stage);
	jbuf_str(&j, "decision", outcome);
	money_format(mine, d.currency, a, sizeof(a));
	jbuf_str(&j, "customer", a);
	money_format(paid - mine, d.currency, a, sizeof(a));
	jbuf_str(&j, "counterparty", a);
	jbuf_str(&j, "why", why);
	if ((rc = cs_audit(cs, ID_DISPUTE, id, "dispute.decide", &j)) != 0)
		return rc;
	/* What was advanced beyond the customer's share is the platform's. */
	return advance_reconcile(cs, id, outcome, mine);
}

int
dispute_close(struct cs *cs, int64_t id)
{
	return stage_move(cs, id, " decided ", "only a decided dispute is "
	    "closed", "closed", "dispute.close");
}

/* ---- reading ---- */

/* The TSV/JSON contract of `cs-ticket dispute ls`: append only. */
const struct out_col dispute_cols[] = {
	{ "id",		"ID",		OUT_ID,	  ID_DISPUTE,	1 },
	{ "ticket",	"TICKET",	OUT_ID,	  ID_TICKET,	1 },
	{ "order",	"ORDER",	OUT_ID,	  ID_ORDER,	1 },
	{ "customer",	"CUSTOMER",	OUT_ID,	  ID_CUSTOMER,	1 },
	{ "counterparty", "COUNTERPARTY", OUT_ID, ID_CUSTOMER,	1 },
	{ "role",	"ROLE",		OUT_TEXT, 0,		1 },
	{ "stage",	"STAGE",	OUT_TEXT, 0,		1 },
	{ "age",	"AGE",		OUT_DURATION, 0,	1 },
	{ "in_stage",	"IN STAGE",	OUT_DURATION, 0,	1 },
	{ "escalation",	"ESC",		OUT_ID,	  ID_ESCALATION, 1 },
	{ "decision",	"DECISION",	OUT_TEXT, 0,		0 },
	{ "customer_amount", "TO CUSTOMER", OUT_MONEY, 0,	0 },
	{ "counterparty_amount", "TO COUNTERPARTY", OUT_MONEY, 0, 0 },
	{ "opened",	"OPENED",	OUT_TIME, 0,		0 },
	{ "opened_by",	"BY",		OUT_TEXT, 0,		0 },
	{ "statements",	"SAID",		OUT_INT,  0,		0 },
	/* Of the amounts: the order's. */
	{ "currency",	"CUR",		OUT_TEXT, 0,		0 },
};
const int dispute_ncols = sizeof(dispute_cols) / sizeof(dispute_cols[0]);

/*
 * By stage, then oldest first: what has waited longest at each stage
 * comes first.  Closed ones only with -A or -s closed.
 */
static const char list_sql[] =
    "SELECT d.id, d.ticket_id, d.order_id, d.customer_id,"
    " d.counterparty_id, c.role, d.stage,"
    " coalesce(d.closed_at, $3) - d.created_at,"
    " coalesce(d.closed_at, $3) - d.stage_at, d.escalation_id,"
    " d.decision, d.customer_amount, d.counterparty_amount, d.created_at,"
    " d.opened_by,"
    " (SELECT count(*) FROM statement s WHERE s.dispute_id = d.id),"
    " (SELECT o.currency FROM orders o WHERE o.id = d.order_id)"
    " FROM dispute d JOIN customer c ON c.id = d.counterparty_id"
    " WHERE ($1 IS NULL OR d.stage = $1) AND ($1 IS NOT NULL OR $2 <> 0 OR"
    " d.stage <> 'closed')"
    " ORDER BY CASE d.stage WHEN 'opened' THEN 1 WHEN 'negotiating'"
    " THEN 2 WHEN 'intervention' THEN 3 WHEN 'decided' THEN 4 ELSE 5 END,"
    " d.created_at, d.id";

int
dispute_list(struct cs *cs, const char *stage, int all, struct out *o)
{
	struct db_stmt	*st;

	if (stage != NULL && word_index(dispute_stages, stage) == -1)
		return cs_error(cs, CS_USAGE, "-s %s: not a stage (opened "
		    "negotiating intervention decided closed)", stage);
	if ((st = db_listing(cs->db, list_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, stage);
	db_bind_int(st, 2, all);
	db_bind_int(st, 3, cs->now);
	return cs_rows(cs, st, o, dispute_ncols, "disputes");
}

static const char show_sql[] =
    "SELECT d.id, d.stage, d.ticket_id, d.order_id, o.ref, d.customer_id,"
    " cu.role, d.counterparty_id, cp.role, d.escalation_id, e.status,"
    " d.decision, d.customer_amount, d.counterparty_amount,"
    " d.decision_note, d.decided_by, d.decided_at, d.opened_by,"
    " d.created_at, d.stage_at, d.closed_at, o.currency"
    " FROM dispute d JOIN orders o ON o.id = d.order_id"
    " JOIN customer cu ON cu.id = d.customer_id"
    " JOIN customer cp ON cp.id = d.counterparty_id"
    " LEFT JOIN escalation e ON e.id = d.escalation_id WHERE d.id = $1";
static const char statements_sql[] =
    "SELECT created_at, side, evidence, agent, body FROM statement"
    " WHERE dispute_id = $1 ORDER BY id";

/* What each side said, under the dispute: when, who, by whom; the text. */
enum { SAID_AT, SAID_SIDE, SAID_EVIDENCE, SAID_AGENT, SAID_BODY, SAID_NCOLS };
static const struct out_col said_cols[SAID_NCOLS] = {
	{ "at",		"AT",		OUT_TIME, 0,	1 },
	{ "side",	"SIDE",		OUT_TEXT, 0,	1 },
	{ "evidence",	"EVIDENCE",	OUT_TEXT, 0,	1 },
	{ "agent",	"AGENT",	OUT_TEXT, 0,	1 },
	{ "body",	"BODY",		OUT_TEXT, OUT_PROSE,	1 },
};
/* The same for -j: the flag a number, as the row has it. */
static const struct out_col said_json[SAID_NCOLS] = {
	{ "at",		"AT",		OUT_TIME, 0,	1 },
	{ "side",	"SIDE",		OUT_TEXT, 0,	1 },
	{ "evidence",	"EVIDENCE",	OUT_INT,  0,	1 },
	{ "agent",	"AGENT",	OUT_TEXT, 0,	1 },
	{ "body",	"BODY",		OUT_TEXT, OUT_PROSE,	1 },
};
static const struct out_item said_row[] = {
	{ "  ", "at", 0 }, { "  ", "side", 0 }, { "", "evidence", 0 },
	{ ", taken by ", "agent", 0 },
};

int
dispute_show(struct cs *cs, int64_t id, FILE *fp)
{
	/* The cells under names a program can use; people read labels. */
	static const struct out_col f[] = {
		{ "dispute", "", OUT_ID, ID_DISPUTE, 1 },
		{ "stage", "", OUT_TEXT, 0, 1 },
		{ "ticket", "", OUT_ID, ID_TICKET, 1 },
		{ "order", "", OUT_ID, ID_ORDER, 1 },
		{ "ref", "", OUT_TEXT, 0, 1 },
		{ "customer", "", OUT_ID, ID_CUSTOMER, 1 },
		{ "customer_role", "", OUT_TEXT, 0, 1 },
		{ "counterparty", "", OUT_ID, ID_CUSTOMER, 1 },
		{ "counterparty_role", "", OUT_TEXT, 0, 1 },
		{ "escalation", "", OUT_ID, ID_ESCALATION, 1 },
		{ "escalation_status", "", OUT_TEXT, 0, 1 },
		{ "decision", "", OUT_TEXT, 0, 1 },
		{ "to_customer", "", OUT_MONEY, 0, 1 },
		{ "to_counterparty", "", OUT_MONEY, 0, 1 },
		{ "why", "", OUT_TEXT, OUT_PROSE, 1 },
		{ "decided_by", "", OUT_TEXT, 0, 1 },
		{ "decided", "", OUT_TIME, 0, 1 },
		{ "opened_by", "", OUT_TEXT, 0, 1 },
		{ "opened", "", OUT_TIME, 0, 1 },
		{ "stage_since", "", OUT_TIME, 0, 1 },
		{ "closed", "", OUT_TIME, 0, 1 },
		{ "currency", "", OUT_TEXT, 0, 1 },
	};
	static const char *const labels[] = {
		"customer_role", "role", "counterparty_role", "role",
		"escalation_status", "esc status", "to_customer", "to customer",
		"to_counterparty", "to counterparty", "decided_by", "decided by",
		"opened_by", "opened by", "stage_since", "in stage since", NULL
	};
	static const struct out_record show = {
		.cols = f, .ncols = sizeof(f) / sizeof(f[0]), .width = 16,
		.labels = labels, .empty_null = 1,
	};
	static const struct out_record json = {
		.cols = f, .ncols = sizeof(f) / sizeof(f[0]),
	};
	static const struct out_sublist said = {
		said_cols, SAID_NCOLS, said_row,
		sizeof(said_row) / sizeof(said_row[0]), "body",
	};
	struct out_cell	 cells[sizeof(f) / sizeof(f[0])];
	struct db_stmt	*st;
	int		 rc, step;

	/* Its customer's name masked in its free text. */
	if ((rc = customer_of_id(cs, ID_DISPUTE, id)) != 0)
		return rc;
	if ((rc = cs_show_get(cs, show_sql, ID_DISPUTE, id, &st)) != 0)
		return rc;
	db_row_cells(st, cells, show.ncols);
	if (cs->out.mode == OUT_JSON) {
		fputc('{', fp);
		rc = out_record_json(fp, &json, cells, cs->out.unmask);
		db_reset(st);
		if (rc != 0)
			return rc;
		if ((st = db_stmt(cs->db, statements_sql)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		fputc(',', fp);
		if ((rc = show_json_rows(cs, fp, "statements", st, said_json,
		    SAID_NCOLS)) != 0)
			return rc;
		fputc(',', fp);
		if ((rc = history_json(cs, ID_DISPUTE, id, fp)) != 0)
			return rc;
		fputs("}\n", fp);
		return 0;
	}
	rc = out_record(fp, &show, cells, cs->out.unmask);
	db_reset(st);
	if (rc != 0)
		return rc;
	if ((st = db_stmt(cs->db, statements_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, id);
	out_heading(fp, "statements");
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		db_row_cells(st, cells, SAID_NCOLS);
		/* The flag reads as a word after the side. */
		cells[SAID_EVIDENCE].s = cells[SAID_EVIDENCE].i ?
		    " (evidence)" : NULL;
		rc = out_sublist_row(fp, &said, cells, cs->out.unmask);
	}
	db_reset(st);
	if (rc != 0)
		return rc;
	if (step != DB_DONE)
		return db_fail(cs->db, "dispute");
	return history_section(cs, ID_DISPUTE, id, fp);
}

int
dispute_act(struct cs *cs, int64_t id, void *arg)
{
	struct dispute_act	*a = arg;
	int			 rc;

	switch (a->action) {
	case 'o':
		if ((rc = dispute_open(cs, id, &a->in, &cs->made)) == 0)
			cs->made_type = ID_DISPUTE;
		return rc;
	case 's':
		return dispute_say(cs, id, a->side, a->evidence, a->text);
	case 'n':
		return dispute_negotiate(cs, id);
	case 'i':
		return dispute_intervene(cs, id, a->text, &cs->made);
	case 'd':
		return dispute_decide(cs, id, a->outcome, a->amount, a->text);
	default:
		return dispute_close(cs, id);
	}
}
