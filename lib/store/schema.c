/*
 * schema.c: the tables, as numbered migrations.  PRAGMA user_version is
 * the number of migrations applied.  A migration is never edited once it
 * has shipped: a change is a new migration at the end.  cs(7) documents
 * the tables; users may query them with sqlite3(1).
 */
#include <err.h>
#include <stdio.h>

#include "store.h"

/*
 * The text index is each backend's own (search.c): this migration's
 * text, known by its address, is followed by search_setup().  And
 * orders_room_pg (27) is PostgreSQL's alone: nothing on SQLite.
 */
static const char search_migration[] =
    /* 17: the lookups a caller gives: last four digits, name; search;
       a merged ticket's survivor */
    "CREATE INDEX IF NOT EXISTS customer_phone_tail ON customer"
    " (substr(phone, length(phone) - 3));"
    "CREATE INDEX IF NOT EXISTS customer_name ON customer(name);"
    /* A duplicate ticket closed into the one that survives. */
    "ALTER TABLE ticket ADD COLUMN merged_into INTEGER"
    " REFERENCES ticket(id);"
    "CREATE INDEX IF NOT EXISTS ticket_merged ON ticket(merged_into)"
    " WHERE merged_into IS NOT NULL;";

/*
 * 25, below: ticket_sla holds the ticket's ID, as SQLite's indexes do on
 * their own and PostgreSQL's do not, so that a report reads a period
 * from the index alone on both (on PostgreSQL an index-only scan: a
 * year's SLA report of 100,000 tickets took half as long again taking
 * the facts out of the table's wide rows).  Made again in 0.2 s on a
 * SQLite desk of 100,000 tickets, whose report is as fast as before.
 */
static const char sla_id_migration[] =
    "DROP INDEX ticket_sla;"
    "CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel,"
    "  first_response_at, first_response_due, response_secs,"
    "  resolved_first_at, resolved_first_due, resolve_due, resolve_secs,"
    "  satisfaction, first_contact, reopened_first_at, resolved_first_by,"
    "  callback_at, set_at, merged_at, id);";
/*
 * 27, PostgreSQL alone: room on each page of orders.  Every refund moves
 * its order's totals, and an update whose new row fits on the old one's
 * page touches none of the table's five indexes (a HOT update).  Half
 * of each page is left free, so that a batch refunding every order of
 * a page once (a cancelled train's, a flash sale's) updates them all
 * there: with 30% free (fillfactor 70, schema 25 and 26) 46% of such
 * updates were HOT and a 100,000-line batch on a desk of a million
 * tickets took 5.7-6.1 s; with half, all of them, 4.1-4.8 s.  The
 * table takes 40% more pages.  Pages written before keep their rows
 * as they are until VACUUM FULL orders rewrites them (cs(7)).  SQLite
 * updates a row where it stands.
 */
static const char orders_room_pg[] = "ALTER TABLE orders SET (fillfactor = 50)";

static const char *const migrations[] = {
	/* 1: customers, orders as tickets refer to them, tickets, audit */
	"CREATE TABLE customer ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT UNIQUE,"
	"  idcard TEXT,"
	"  email TEXT,"
	"  tier TEXT NOT NULL DEFAULT 'standard',"
	"  needs TEXT NOT NULL DEFAULT '',"	/* elderly,pregnant,disabled */
	"  role TEXT NOT NULL DEFAULT '',"	/* passenger, driver, ... */
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE orders ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  customer_id INTEGER NOT NULL REFERENCES customer(id),"
	"  kind TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"
	"  currency TEXT NOT NULL DEFAULT 'CNY',"
	"  service_at INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX orders_customer ON orders(customer_id);"
	"CREATE TABLE ticket ("
	"  id INTEGER PRIMARY KEY,"
	"  customer_id INTEGER NOT NULL REFERENCES customer(id),"
	"  order_id INTEGER REFERENCES orders(id),"
	"  category TEXT NOT NULL CHECK (category IN ('inquiry',"
	"    'complaint','suggestion','praise','technical','harassment')),"
	"  kind TEXT CHECK (kind IN ('quality','business')),"
	"  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN"
	"    ('low','normal','high','urgent')),"
	"  channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN"
	"    ('phone','chat','email','app')),"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
	"    ('open','pending','resolved','closed')),"
	"  assignee TEXT,"
	"  subject TEXT NOT NULL,"
	"  body TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  first_response_at INTEGER,"
	"  resolved_at INTEGER,"
	"  closed_at INTEGER,"
	"  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
	"  callback_comment TEXT,"
	"  callback_at INTEGER,"
	"  created_by TEXT NOT NULL"
	");"
	"CREATE INDEX ticket_customer ON ticket(customer_id);"
	"CREATE INDEX ticket_order ON ticket(order_id);"
	"CREATE INDEX ticket_status ON ticket(status, created_at);"
	"CREATE INDEX ticket_assignee ON ticket(assignee, status);"
	"CREATE INDEX ticket_created ON ticket(created_at);"
	"CREATE TABLE reply ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES ticket(id),"
	"  type TEXT NOT NULL CHECK (type IN ('reply','note')),"
	"  agent TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX reply_ticket ON reply(ticket_id);"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  user TEXT NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  program TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  record TEXT NOT NULL,"
	"  detail TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	");"
	"CREATE INDEX audit_record ON audit(record, seq);",

	/* 2: payments and refunds; an order's history is its audit trail */
	"ALTER TABLE orders ADD COLUMN status_at INTEGER;"
	"ALTER TABLE orders ADD COLUMN tracking TEXT;"
	"ALTER TABLE orders ADD COLUMN item TEXT;"
	"CREATE INDEX orders_status ON orders(status, status_at);"
	"CREATE INDEX orders_created ON orders(created_at);"
	"CREATE TABLE payment ("
	"  id INTEGER PRIMARY KEY,"
	"  order_id INTEGER NOT NULL REFERENCES orders(id),"
	"  txn TEXT NOT NULL UNIQUE,"
	"  amount INTEGER NOT NULL CHECK (amount > 0),"
	"  status TEXT NOT NULL CHECK (status IN ('ok','failed')),"
	"  channel TEXT,"
	"  paid_at INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX payment_order ON payment(order_id, status, amount);"
	"CREATE TABLE refund ("
	"  id INTEGER PRIMARY KEY,"
	"  order_id INTEGER NOT NULL REFERENCES orders(id),"
	"  amount INTEGER NOT NULL CHECK (amount > 0),"
	"  fee INTEGER NOT NULL CHECK (fee >= 0 AND fee <= amount),"
	"  status TEXT NOT NULL CHECK (status IN ('requested','approved',"
	"    'sent','paid','rejected','failed')),"
	"  reason TEXT NOT NULL,"
	"  key TEXT NOT NULL UNIQUE,"
	"  note TEXT,"
	"  rule TEXT,"
	"  requested_by TEXT NOT NULL,"
	"  decided_by TEXT,"
	"  txn TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX refund_order ON refund(order_id, status, amount);"
	"CREATE INDEX refund_status ON refund(status);"
	/* The SLA clock: deadlines stored when they are set. */
	"ALTER TABLE ticket ADD COLUMN sla TEXT;"
	"ALTER TABLE ticket ADD COLUMN first_response_due INTEGER;"
	"ALTER TABLE ticket ADD COLUMN resolve_due INTEGER;"
	"ALTER TABLE ticket ADD COLUMN update_due INTEGER;"
	"ALTER TABLE ticket ADD COLUMN breached TEXT;"
	"ALTER TABLE ticket ADD COLUMN paused_at INTEGER;"
	"CREATE INDEX ticket_resolve_due ON ticket(status, resolve_due);",
	/*
	 * 3: escalations, and the SLA facts a report reads as of a moment:
	 * business time to the first response and the first resolution,
	 * and the deadline that resolution was held to, stored when they
	 * happen.  Tickets from before get the wall-clock times.
	 */
	"ALTER TABLE ticket ADD COLUMN response_secs INTEGER;"
	"ALTER TABLE ticket ADD COLUMN paused_secs INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE ticket ADD COLUMN resolved_first_at INTEGER;"
	"ALTER TABLE ticket ADD COLUMN resolved_first_due INTEGER;"
	"ALTER TABLE ticket ADD COLUMN resolved_first_by TEXT;"
	"ALTER TABLE ticket ADD COLUMN resolve_secs INTEGER;"
	"ALTER TABLE ticket ADD COLUMN escalated TEXT;"	/* the sweep's causes */
	"UPDATE ticket SET response_secs = first_response_at - created_at"
	"  WHERE first_response_at IS NOT NULL;"
	"UPDATE ticket SET resolved_first_at = resolved_at,"
	"  resolved_first_due = resolve_due,"
	"  resolve_secs = resolved_at - created_at"
	"  WHERE resolved_at IS NOT NULL;"
	"CREATE INDEX ticket_resolved_first ON ticket(resolved_first_at);"
	"CREATE INDEX ticket_responded ON ticket(first_response_at);"
	/*
	 * The SLA report reads a period's facts from this index alone;
	 * it serves what ticket_created did.  The sweep finds what is
	 * due on the open tickets by their deadlines.
	 */
	"DROP INDEX ticket_created;"
	"CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel,"
	"  first_response_at, first_response_due, response_secs,"
	"  resolved_first_at, resolved_first_due, resolve_due, resolve_secs);"
	"CREATE INDEX ticket_respond_due ON ticket(first_response_due)"
	"  WHERE status = 'open' AND first_response_at IS NULL;"
	"CREATE INDEX ticket_update_due ON ticket(update_due)"
	"  WHERE status = 'open' AND update_due IS NOT NULL;"
	"CREATE TABLE escalation ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES ticket(id),"
	"  level INTEGER CHECK (level BETWEEN 1 AND 3),"
	"  department TEXT,"
	"  owner TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  cause TEXT,"			/* the sweep's: response, resolve, E12 */
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',"
	"    'acked','resolved','superseded')),"
	"  due INTEGER NOT NULL,"	/* to be acknowledged by */
	"  agent TEXT,"			/* the ticket's assignee when raised */
	"  report TEXT,"		/* the incident report */
	"  reported_at INTEGER,"
	"  raised_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  acked_at INTEGER,"
	"  resolved_at INTEGER,"
	"  updated_at INTEGER NOT NULL,"
	"  notified_at INTEGER,"
	"  CHECK ((level IS NULL) <> (department IS NULL))"
	");"
	"CREATE INDEX escalation_ticket ON escalation(ticket_id, status);"
	"CREATE INDEX escalation_status ON escalation(status, due);"
	"CREATE INDEX escalation_created ON escalation(created_at);"
	"CREATE UNIQUE INDEX escalation_cause ON escalation(ticket_id, cause);"
	"CREATE INDEX escalation_unnotified ON escalation(id)"
	"  WHERE notified_at IS NULL;",
	/*
	 * 4: invoices for paid orders, one per order: the amounts as
	 * computed when requested (tax rate in basis points).
	 */
	"CREATE TABLE invoice ("
	"  id INTEGER PRIMARY KEY,"
	"  order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),"
	"  company TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  phone TEXT NOT NULL,"
	"  contact TEXT NOT NULL,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"
	"  tax_rate INTEGER NOT NULL CHECK (tax_rate BETWEEN 0 AND 10000),"
	"  tax INTEGER NOT NULL CHECK (tax >= 0),"
	"  postage INTEGER NOT NULL CHECK (postage >= 0),"
	"  total INTEGER NOT NULL CHECK (total = amount + tax + postage),"
	"  status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN"
	"    ('requested','issued','mailed')),"
	"  number TEXT,"			/* the tax invoice's number */
	"  tracking TEXT,"			/* the mail's */
	"  requested_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  issued_at INTEGER,"
	"  mailed_at INTEGER,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX invoice_status ON invoice(status, created_at);"
	"CREATE INDEX invoice_created ON invoice(created_at);"
	/* Incidents many tickets share, and which tickets. */
	"CREATE TABLE incident ("
	"  id INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  description TEXT,"
	"  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high',"
	"    'critical')),"
	"  departments TEXT NOT NULL,"		/* tech,finance */
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',"
	"    'closed')),"
	"  opened_by TEXT NOT NULL,"
	"  closed_by TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  closed_at INTEGER,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX incident_status ON incident(status);"
	"CREATE INDEX incident_created ON incident(created_at);"
	"CREATE TABLE incident_ticket ("
	"  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	"  ticket_id INTEGER NOT NULL REFERENCES ticket(id),"
	"  linked_by TEXT NOT NULL,"
	"  linked_at INTEGER NOT NULL,"
	"  PRIMARY KEY (incident_id, ticket_id)"
	");"
	"CREATE INDEX incident_ticket_ticket ON incident_ticket(ticket_id);"
	/*
	 * Rides: the city whose cancellation rules apply, where from and
	 * where to, when the driver accepted and arrived, and the fee a
	 * cancellation by the desk cost under those rules.
	 */
	"ALTER TABLE orders ADD COLUMN city TEXT;"
	"ALTER TABLE orders ADD COLUMN pickup TEXT;"
	"ALTER TABLE orders ADD COLUMN destination TEXT;"
	"ALTER TABLE orders ADD COLUMN accepted_at INTEGER;"
	"ALTER TABLE orders ADD COLUMN arrived_at INTEGER;"
	"ALTER TABLE orders ADD COLUMN cancel_fee INTEGER"
	"  CHECK (cancel_fee >= 0);"
	"ALTER TABLE orders ADD COLUMN cancel_rule TEXT;"
	/*
	 * Two-sided disputes and what each side said; advance
	 * compensation (a refund the platform pays, owed by the
	 * counterparty until recovered or written off); compensation in
	 * kind, coupons and points.
	 */
	"CREATE TABLE dispute ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES ticket(id),"
	"  order_id INTEGER NOT NULL REFERENCES orders(id),"
	"  customer_id INTEGER NOT NULL REFERENCES customer(id),"
	"  counterparty_id INTEGER NOT NULL REFERENCES customer(id),"
	"  stage TEXT NOT NULL DEFAULT 'opened' CHECK (stage IN ('opened',"
	"    'negotiating','intervention','decided','closed')),"
	"  escalation_id INTEGER REFERENCES escalation(id),"
	"  decision TEXT CHECK (decision IN ('customer','counterparty',"
	"    'split')),"
	"  customer_amount INTEGER CHECK (customer_amount >= 0),"
	"  counterparty_amount INTEGER CHECK (counterparty_amount >= 0),"
	"  decision_note TEXT,"
	"  decided_by TEXT,"
	"  decided_at INTEGER,"
	"  opened_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  stage_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  closed_at INTEGER,"
	"  CHECK (customer_id <> counterparty_id)"
	");"
	"CREATE INDEX dispute_stage ON dispute(stage, created_at);"
	"CREATE INDEX dispute_ticket ON dispute(ticket_id);"
	"CREATE TABLE statement ("
	"  id INTEGER PRIMARY KEY,"
	"  dispute_id INTEGER NOT NULL REFERENCES dispute(id),"
	"  side TEXT NOT NULL CHECK (side IN ('customer','counterparty')),"
	"  evidence INTEGER NOT NULL DEFAULT 0 CHECK (evidence IN (0, 1)),"
	"  body TEXT NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX statement_dispute ON statement(dispute_id);"
	"ALTER TABLE refund ADD COLUMN dispute_id INTEGER"
	"  REFERENCES dispute(id);"
	"ALTER TABLE refund ADD COLUMN owed_by INTEGER REFERENCES customer(id);"
	"ALTER TABLE refund ADD COLUMN recovered INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE refund ADD COLUMN recovery TEXT CHECK (recovery IN"
	"  ('owed','recovered','written-off'));"
	"CREATE INDEX refund_owed ON refund(owed_by, recovery)"
	"  WHERE owed_by IS NOT NULL;"
	"CREATE TABLE grants ("
	"  id INTEGER PRIMARY KEY,"
	"  customer_id INTEGER NOT NULL REFERENCES customer(id),"
	"  order_id INTEGER REFERENCES orders(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('coupon','points')),"
	"  value INTEGER NOT NULL CHECK (value > 0),"	/* minor units, points */
	"  worth INTEGER NOT NULL CHECK (worth >= 0),"	/* minor units */
	"  expires_at INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('requested','approved',"
	"    'rejected')),"
	"  reason TEXT NOT NULL,"
	"  key TEXT NOT NULL UNIQUE,"
	"  note TEXT,"
	"  requested_by TEXT NOT NULL,"
	"  decided_by TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX grants_customer ON grants(customer_id);"
	"CREATE INDEX grants_created ON grants(created_at);"
	"CREATE INDEX grants_status ON grants(status);",

	/*
	 * 5: a ticket's reference on the desk it was imported from, so the
	 * same import run again knows its tickets.
	 */
	"ALTER TABLE ticket ADD COLUMN ref TEXT;"
	"CREATE UNIQUE INDEX ticket_ref ON ticket(ref)"
	"  WHERE ref IS NOT NULL;",

	/* 6: a tax invoice's number is its own: found by it. */
	"CREATE INDEX invoice_number ON invoice(number)"
	"  WHERE number IS NOT NULL;",

	/*
	 * 7: the part of an advance the dispute's decision leaves to the
	 * platform (the counterparty owes only the customer's share); why
	 * a refund was rejected, beside the request's own note.
	 */
	"ALTER TABLE refund ADD COLUMN platform_loss INTEGER NOT NULL"
	"  DEFAULT 0 CHECK (platform_loss >= 0);"
	"ALTER TABLE refund ADD COLUMN rejection TEXT;",

	/*
	 * 8: an order's refunds kept as totals, so checking a refund
	 * against what was paid costs the same on an order's first refund
	 * as on its ten-thousandth: refund_pending, what is requested,
	 * approved, sent or failed (still owed); refund_paid, what the
	 * payment system paid back.  A rejected refund is in neither.  Kept by
	 * refund.c in the transaction that inserts or moves a refund;
	 * filled here for the refunds already made.  An advance's dispute
	 * finds its refunds by index.
	 *
	 * And the ticket's checks of a word from a list, written as
	 * comparisons: SQLite tests "x IN (three or more constants)" by
	 * building a temporary b-tree of the list for every row written,
	 * a quarter of a ticket import's time.  They are the same
	 * constraints, so the rows stand as they are, and SQLite's
	 * documented way to make such a change is to edit the schema's
	 * text (the ALTER TABLE after it makes every connection read it
	 * again).
	 */
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_master SET sql = replace(replace(replace(replace(sql,"
	"  'category IN (''inquiry'',    ''complaint'',''suggestion'','"
	"  || '''praise'',''technical'',''harassment'')',"
	"  'category = ''inquiry'' OR category = ''complaint'' OR '"
	"  || 'category = ''suggestion'' OR category = ''praise'' OR '"
	"  || 'category = ''technical'' OR category = ''harassment'''),"
	"  'priority IN    (''low'',''normal'',''high'',''urgent'')',"
	"  'priority = ''low'' OR priority = ''normal'' OR '"
	"  || 'priority = ''high'' OR priority = ''urgent'''),"
	"  'channel IN    (''phone'',''chat'',''email'',''app'')',"
	"  'channel = ''phone'' OR channel = ''chat'' OR '"
	"  || 'channel = ''email'' OR channel = ''app'''),"
	"  'status IN    (''open'',''pending'',''resolved'',''closed'')',"
	"  'status = ''open'' OR status = ''pending'' OR '"
	"  || 'status = ''resolved'' OR status = ''closed''')"
	"  WHERE type = 'table' AND name = 'ticket';"
	"PRAGMA writable_schema = OFF;"
	"ALTER TABLE orders ADD COLUMN refund_pending INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN refund_paid INTEGER NOT NULL"
	"  DEFAULT 0;"
	"UPDATE orders SET"
	"  refund_pending = (SELECT coalesce(sum(amount), 0) FROM refund"
	"    WHERE order_id = orders.id AND status IN ('requested',"
	"    'approved', 'sent', 'failed')),"
	"  refund_paid = (SELECT coalesce(sum(amount), 0) FROM refund"
	"    WHERE order_id = orders.id AND status = 'paid')"
	"  WHERE id IN (SELECT order_id FROM refund);"
	"CREATE INDEX refund_dispute ON refund(dispute_id)"
	"  WHERE dispute_id IS NOT NULL;",

	/*
	 * 9: rail rebooking (改签): how often an order was rebooked, and the
	 * least refund rate (basis points) a ticket keeps after a move from
	 * inside 8 days of departure to beyond them.
	 */
	"ALTER TABLE orders ADD COLUMN rebooked INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN fee_floor INTEGER"
	"  CHECK (fee_floor BETWEEN 0 AND 10000);",

	/*
	 * 10: payouts.  Each `cs-refund export` is a numbered batch, its
	 * refunds marked sent and its lines kept in the one transaction
	 * committed before any line is printed, so a batch is printed
	 * again from here (same lines, same keys), never made again.  A
	 * line is one attempt of one refund; its key is the payment
	 * system's idempotency key.
	 */
	"CREATE TABLE payout_batch ("
	"  id INTEGER PRIMARY KEY,"
	"  created_at INTEGER NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  payouts INTEGER NOT NULL CHECK (payouts > 0),"
	"  resend INTEGER NOT NULL DEFAULT 0 CHECK (resend IN (0, 1))"
	");"
	"CREATE TABLE payout ("
	"  id INTEGER PRIMARY KEY,"
	"  batch_id INTEGER NOT NULL REFERENCES payout_batch(id),"
	"  refund_id INTEGER NOT NULL REFERENCES refund(id),"
	"  attempt INTEGER NOT NULL CHECK (attempt > 0),"
	"  key TEXT NOT NULL,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"	/* paid out */
	"  currency TEXT NOT NULL,"
	"  UNIQUE (batch_id, refund_id)"
	");"
	"CREATE INDEX payout_refund ON payout(refund_id, attempt);",

	/*
	 * 11: each audit record carries the state its change left the rows
	 * in (audit.c); the rows already there, up to last_id of each
	 * table, have none until they next change.
	 */
	"ALTER TABLE audit ADD COLUMN state TEXT;"
	"CREATE TABLE audit_base ("
	"  tbl TEXT PRIMARY KEY,"
	"  last_id INTEGER NOT NULL"
	");"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'customer', coalesce(max(id), 0) FROM customer;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'orders', coalesce(max(id), 0) FROM orders;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'payment', coalesce(max(id), 0) FROM payment;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'ticket', coalesce(max(id), 0) FROM ticket;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'refund', coalesce(max(id), 0) FROM refund;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'escalation', coalesce(max(id), 0) FROM escalation;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'invoice', coalesce(max(id), 0) FROM invoice;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'incident', coalesce(max(id), 0) FROM incident;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'dispute', coalesce(max(id), 0) FROM dispute;"
	"INSERT INTO audit_base (tbl, last_id)"
	"  SELECT 'grants', coalesce(max(id), 0) FROM grants;",

	/*
	 * 12: the notify command's deliveries, at least once.  A run claims
	 * an escalation (notify_by, until notify_until) while its command
	 * runs, and marks it notified (notified_at) only once the command
	 * succeeded; a claim whose run was killed expires and is taken
	 * over.  Attempts are counted, a failed one waits (notify_until)
	 * and leaves its reason (notify_error); after the last, it is
	 * failed and shown so.
	 */
	"ALTER TABLE escalation ADD COLUMN notify_by TEXT;"
	"ALTER TABLE escalation ADD COLUMN notify_until INTEGER;"
	"ALTER TABLE escalation ADD COLUMN notify_attempts INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE escalation ADD COLUMN notify_error TEXT;",

	/*
	 * 13: memberships that end, and the platform's time of an order's
	 * state.  A membership paid for sets its tier until tier_until;
	 * from then on the customer is of tier_after (the standard tier),
	 * read as of any moment without a sweep.  platform_at is when the
	 * platform says the order reached its status, so an older import
	 * never moves it back and --stuck counts from it.
	 */
	"ALTER TABLE customer ADD COLUMN tier_until INTEGER;"
	"ALTER TABLE customer ADD COLUMN tier_after TEXT;"
	"ALTER TABLE orders ADD COLUMN platform_at INTEGER;",

	/*
	 * 14: promises, call-backs and exams.  A ticket is simple or
	 * complex (complexity), and a complaint not answered on the spot
	 * is promised a reply by promise_due; first_contact is whether it
	 * was first resolved with at most one reply, reopened_first_at
	 * when it first came back from resolved or closed (both stamped
	 * from now on; NULL before).  Every call-back is a
	 * row of its own (the ticket keeps the last one's fields), the
	 * agent it counts for fixed when it is made; those already made
	 * are copied in.  exam: an agent's theory score (tenths of a
	 * point, 0 to 1000) for a month [since, until).  ticket_sla
	 * covers what the SLA report reads now.
	 */
	"ALTER TABLE ticket ADD COLUMN complexity TEXT;"
	"ALTER TABLE ticket ADD COLUMN promise_due INTEGER;"
	"ALTER TABLE ticket ADD COLUMN first_contact INTEGER;"
	"ALTER TABLE ticket ADD COLUMN reopened_first_at INTEGER;"
	"CREATE TABLE callback ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES ticket(id),"
	"  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),"
	"  comment TEXT,"
	"  agent TEXT NOT NULL,"
	"  credited TEXT,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX callback_ticket ON callback(ticket_id, created_at);"
	"CREATE INDEX callback_created ON callback(created_at);"
	"INSERT INTO callback (ticket_id, satisfaction, comment, agent,"
	"  credited, created_at)"
	"  SELECT id, satisfaction, callback_comment, '-',"
	"  coalesce(resolved_first_by, assignee), callback_at FROM ticket"
	"  WHERE satisfaction IS NOT NULL AND callback_at IS NOT NULL;"
	"CREATE TABLE exam ("
	"  id INTEGER PRIMARY KEY,"
	"  agent TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  since INTEGER NOT NULL,"
	"  until INTEGER NOT NULL,"
	"  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 1000),"
	"  recorded_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX exam_agent ON exam(agent, since);"
	/* The SLA report still reads a period from its index alone. */
	"DROP INDEX ticket_sla;"
	"CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel,"
	"  first_response_at, first_response_due, response_secs,"
	"  resolved_first_at, resolved_first_due, resolve_due, resolve_secs,"
	"  satisfaction, first_contact, reopened_first_at, resolved_first_by);",

	/*
	 * 15: a refund's attempts and its approval limit over a day.  Each
	 * payout keeps the payment system's answer (result paid or failed,
	 * its txn, when settled), so a refund shows every attempt; the
	 * answers already given are filled in: a later attempt means the
	 * one before it failed.  A refund counts against an approval limit
	 * on the desk's day it was requested or approved (limit_day, days
	 * from 1970-01-01) for the agent who did it (limit_agent) while it
	 * is requested, approved, sent or paid; agent_day keeps each
	 * agent's total of a day, orders.limit_total its order's total of
	 * its limit_day, so a request reads two rows, not the day's
	 * refunds.
	 */
	"ALTER TABLE payout ADD COLUMN result TEXT CHECK (result IN"
	"  ('paid', 'failed'));"
	"ALTER TABLE payout ADD COLUMN txn TEXT;"
	"ALTER TABLE payout ADD COLUMN settled_at INTEGER;"
	"UPDATE payout SET result = 'failed' WHERE attempt < (SELECT"
	"  max(q.attempt) FROM payout q WHERE q.refund_id = payout.refund_id);"
	"UPDATE payout SET result = (SELECT r.status FROM refund r"
	"  WHERE r.id = payout.refund_id), txn = (SELECT r.txn FROM refund r"
	"  WHERE r.id = payout.refund_id)"
	"  WHERE result IS NULL AND (SELECT r.status FROM refund r"
	"  WHERE r.id = payout.refund_id) IN ('paid', 'failed');"
	"ALTER TABLE refund ADD COLUMN limit_day INTEGER;"
	"ALTER TABLE refund ADD COLUMN limit_agent TEXT;"
	"ALTER TABLE orders ADD COLUMN limit_day INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN limit_total INTEGER NOT NULL"
	"  DEFAULT 0;"
	"CREATE TABLE agent_day ("
	"  agent TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  PRIMARY KEY (agent, day)"
	");",

	/*
	 * 16: escalations that end the problem.  An acknowledged
	 * escalation is to be solved by solve_due; one ended by its cause
	 * (ticket resolved or closed, a warning's deadline met) says how
	 * (ended: solved, ended, withdrawn), by whom and why; a warning
	 * keeps the deadlines it warned of.  A level 3 raised without an
	 * incident report names who is to write it (report_by).  Tickets
	 * of an open incident are escalated as the incident (incident_id),
	 * and its departments acknowledge it (incident_ack).  A
	 * department's fix waits on the ticket (fixed_at, fixed_by the
	 * escalation) until the customer is told; notice says what the
	 * notify command is to tell of an escalation next (fixed).
	 */
	"ALTER TABLE escalation ADD COLUMN solve_due INTEGER;"
	"ALTER TABLE escalation ADD COLUMN ended TEXT;"
	"ALTER TABLE escalation ADD COLUMN ended_by TEXT;"
	"ALTER TABLE escalation ADD COLUMN ended_why TEXT;"
	"ALTER TABLE escalation ADD COLUMN warning TEXT;"
	"ALTER TABLE escalation ADD COLUMN report_by TEXT;"
	"ALTER TABLE escalation ADD COLUMN incident_id INTEGER;"
	"ALTER TABLE escalation ADD COLUMN notice TEXT;"
	"CREATE INDEX escalation_solve ON escalation(solve_due)"
	"  WHERE status = 'acked' AND solve_due IS NOT NULL;"
	"CREATE INDEX escalation_incident ON escalation(incident_id, status)"
	"  WHERE incident_id IS NOT NULL;"
	"ALTER TABLE ticket ADD COLUMN fixed_at INTEGER;"
	"ALTER TABLE ticket ADD COLUMN fixed_by INTEGER;"
	"CREATE INDEX ticket_fixed ON ticket(fixed_at)"
	"  WHERE fixed_at IS NOT NULL;"
	"CREATE TABLE incident_ack ("
	"  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	"  department TEXT NOT NULL,"
	"  acked_by TEXT NOT NULL,"
	"  acked_at INTEGER NOT NULL,"
	"  PRIMARY KEY (incident_id, department)"
	");",

	/* 17: the customer lookups and the text index (above) */
	search_migration,

	/*
	 * 18: the sweep finds the tickets never answered, open or pending
	 * (waiting on the customer does not stop the first-response
	 * clock), on one index, which serves what ticket_respond_due did.
	 * An incident's escalations climb as the incident while it is
	 * open, whatever becomes of the ticket they were raised from:
	 * what the sweep acted on for it is kept on the incident
	 * (escalated, as on a ticket).
	 */
	"DROP INDEX ticket_respond_due;"
	"CREATE INDEX ticket_unanswered ON ticket(first_response_due)"
	"  WHERE status IN ('open','pending') AND first_response_at IS NULL;"
	"ALTER TABLE incident ADD COLUMN escalated TEXT;",

	/*
	 * 19: faster ticket imports.  The indexes of columns a new ticket
	 * leaves NULL hold only the rows that have them: every query of
	 * them names a value (an agent, an order, a period), which implies
	 * NOT NULL, so each still serves it, and a new ticket is kept in
	 * six indexes of its table instead of ten.
	 */
	"DROP INDEX IF EXISTS ticket_assignee;"
	"CREATE INDEX ticket_assignee ON ticket(assignee, status)"
	"  WHERE assignee IS NOT NULL;"
	"DROP INDEX IF EXISTS ticket_order;"
	"CREATE INDEX ticket_order ON ticket(order_id)"
	"  WHERE order_id IS NOT NULL;"
	"DROP INDEX IF EXISTS ticket_responded;"
	"CREATE INDEX ticket_responded ON ticket(first_response_at)"
	"  WHERE first_response_at IS NOT NULL;"
	"DROP INDEX IF EXISTS ticket_resolved_first;"
	"CREATE INDEX ticket_resolved_first ON ticket(resolved_first_at)"
	"  WHERE resolved_first_at IS NOT NULL;",

	/*
	 * 20: the other checks of a word from a list written as comparisons,
	 * as 8 did for the ticket's: SQLite built a temporary b-tree of the
	 * list for every refund, escalation, grant, dispute or incident
	 * written (two for a refund: a quarter of a refund batch's time, and
	 * half of its floor's).  The same constraints: the rows stand.  The
	 * index made again as it was changes the schema's version, so that
	 * every connection reads the new text (SQLite's documented procedure
	 * for such an edit).  PostgreSQL keeps its IN lists (pg.c leaves the
	 * edit out).
	 */
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_master SET sql = replace(replace(sql, 'status"
	" IN (''requested'',''approved'',   "
	" ''sent'',''paid'',''rejected'',''failed'')', 'status ="
	" ''requested'' OR status = ''approved'' OR status = ''sent''"
	" OR status = ''paid'' OR status = ''rejected'' OR status ="
	" ''failed'''), 'recovery IN "
	" (''owed'',''recovered'',''written-off'')', 'recovery ="
	" ''owed'' OR recovery = ''recovered'' OR recovery ="
	" ''written-off''') WHERE type = 'table' AND name = 'refund';"
	"UPDATE sqlite_master SET sql = replace(sql, 'status IN"
	" (''open'',    ''acked'',''resolved'',''superseded'')',"
	" 'status = ''open'' OR status = ''acked'' OR status ="
	" ''resolved'' OR status = ''superseded''') WHERE type ="
	" 'table' AND name = 'escalation';"
	"UPDATE sqlite_master SET sql = replace(sql, 'severity IN"
	" (''low'',''medium'',''high'',    ''critical'')', 'severity ="
	" ''low'' OR severity = ''medium'' OR severity = ''high'' OR"
	" severity = ''critical''') WHERE type = 'table' AND name ="
	" 'incident';"
	"UPDATE sqlite_master SET sql = replace(replace(sql, 'stage IN"
	" (''opened'',   "
	" ''negotiating'',''intervention'',''decided'',''closed'')',"
	" 'stage = ''opened'' OR stage = ''negotiating'' OR stage ="
	" ''intervention'' OR stage = ''decided'' OR stage ="
	" ''closed'''), 'decision IN (''customer'',''counterparty'',  "
	"  ''split'')', 'decision = ''customer'' OR decision ="
	" ''counterparty'' OR decision = ''split''') WHERE type ="
	" 'table' AND name = 'dispute';"
	"UPDATE sqlite_master SET sql = replace(sql, 'status IN"
	" (''requested'',''approved'',    ''rejected'')', 'status ="
	" ''requested'' OR status = ''approved'' OR status ="
	" ''rejected''') WHERE type = 'table' AND name = 'grants';"
	"PRAGMA writable_schema = OFF;"
	"DROP INDEX incident_status;"
	"CREATE INDEX incident_status ON incident(status);",

	/*
	 * 21: ticket_sla covers when the last call-back was made, so that
	 * the SLA report takes a ticket's satisfaction from the ticket when
	 * its last call-back came by the report's clock, and looks for the
	 * call-back of that moment only when one came after (on PostgreSQL
	 * that lookup was half the year's report).  Made again in about a
	 * second for each million tickets.
	 */
	"DROP INDEX ticket_sla;"
	"CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel,"
	"  first_response_at, first_response_due, response_secs,"
	"  resolved_first_at, resolved_first_due, resolve_due, resolve_secs,"
	"  satisfaction, first_contact, reopened_first_at, resolved_first_by,"
	"  callback_at);",

	/*
	 * 22: one live escalation of a ticket for each of the sweep's
	 * causes, not one ever: a ticket reopened after its resolution
	 * ended the escalation of its overdue resolution is escalated again
	 * when the new resolution clock passes (its cause, resolve, is the
	 * same word).
	 */
	"DROP INDEX escalation_cause;"
	"CREATE UNIQUE INDEX escalation_cause ON escalation(ticket_id, cause)"
	"  WHERE status = 'open' OR status = 'acked';",

	/*
	 * 23: the promised reply is swept as the other deadlines are:
	 * the open tickets not yet resolved, by the time promised.
	 */
	"CREATE INDEX ticket_promise_due ON ticket(promise_due)"
	"  WHERE status = 'open' AND resolved_first_at IS NULL"
	"  AND promise_due IS NOT NULL;",

	/*
	 * 24: when a ticket's category or kind last changed (set_at), so
	 * that a report as of an earlier moment groups it as it was then,
	 * from the trail, and reads the trail only for the tickets changed
	 * since; ticket_sla covers it, and whether and when a ticket was
	 * merged into another (merged_at: a duplicate merged by the
	 * report's clock is not held to deadlines).  Filled from the trail.
	 */
	"ALTER TABLE ticket ADD COLUMN set_at INTEGER;"
	"UPDATE ticket SET set_at = (SELECT max(a.at) FROM audit a"
	"  WHERE a.record = 'T' || ticket.id AND a.action = 'ticket.set'"
	"  AND (strpos(CAST(a.detail AS TEXT), '\"category_from\"') > 0"
	"  OR strpos(CAST(a.detail AS TEXT), '\"kind_from\"') > 0))"
	"  WHERE id IN (SELECT CAST(substr(record, 2) AS INTEGER) FROM audit"
	"  WHERE action = 'ticket.set');"
	"ALTER TABLE ticket ADD COLUMN merged_at INTEGER;"
	"UPDATE ticket SET merged_at = coalesce((SELECT min(a.at) FROM audit a"
	"  WHERE a.record = 'T' || ticket.id AND a.action = 'ticket.merge'),"
	"  closed_at) WHERE merged_into IS NOT NULL;"
	"DROP INDEX ticket_sla;"
	"CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel,"
	"  first_response_at, first_response_due, response_secs,"
	"  resolved_first_at, resolved_first_due, resolve_due, resolve_secs,"
	"  satisfaction, first_contact, reopened_first_at, resolved_first_by,"
	"  callback_at, set_at, merged_at);",

	/* 25: see sla_id_migration above. */
	sla_id_migration,

	/*
	 * 26: a payment system's transaction number pays one refund:
	 * settle looks for it among the refunds already paid, so that an
	 * answer naming one number for two refunds pays only the first
	 * (IF NOT EXISTS: a desk taken back to an older version by hand
	 * may keep it).
	 */
	"CREATE INDEX IF NOT EXISTS refund_txn ON refund(txn)"
	"  WHERE txn IS NOT NULL;",

	/* 27: see orders_room_pg above. */
	orders_room_pg,
};

#define NMIGRATIONS	((int)(sizeof(migrations) / sizeof(migrations[0])))

int
schema_version(void)
{
	return NMIGRATIONS;
}

int
schema_migrate(struct db *db)
{
	int	 ver, i;

	/* Read again inside the transaction: another writer may have won. */
	if ((ver = db_version(db)) == -1)
		return db_fail(db, "schema");
	if (ver > NMIGRATIONS) {
		warnx("%s: schema version %d is newer than this cs (%d)",
		    db_where(db), ver, NMIGRATIONS);
		return CS_DATAERR;
	}
	for (i = ver; i < NMIGRATIONS; i++) {
		if (db_exec(db, migrations[i] == orders_room_pg ?
		    db_text(db, orders_room_pg, "") : migrations[i]) == -1 ||
		    (migrations[i] == search_migration &&
		    search_setup(db) == -1)) {
			warnx("%s: migration %d: %s", db_where(db), i + 1,
			    db_errmsg(db));
			return CS_SOFTWARE;
		}
	}
	if (ver != NMIGRATIONS && db_set_version(db, NMIGRATIONS) == -1)
		return db_fail(db, "schema");
	return 0;
}
