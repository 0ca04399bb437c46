#!/bin/sh
# A database of the previous schema (2) is brought up to date by the
# first change: escalations appear, and tickets already answered or
# resolved get their SLA facts from their wall-clock times.
. "$(dirname "$0")/lib.sh"
sqlite_only 'a SQLite file rewound to schema 2 with sqlite3'

t 'a schema-2 database migrates, keeping its tickets' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 如何退票 >/dev/null
$ CS_NOW='2026-11-23 10:30' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 12:00' cs-ticket resolve T1 >/dev/null
$ old-trail cs.db && sqlite3 cs.db "DROP INDEX ticket_sla; CREATE INDEX ticket_sla ON ticket(created_at); drop index ticket_unanswered; drop trigger ticket_text_new; drop trigger ticket_text_gone; drop trigger ticket_text_set; drop trigger reply_text_new; drop trigger reply_text_gone; drop trigger reply_text_set; drop table ticket_text; drop table reply_text; drop index customer_phone_tail; drop index customer_name; drop index ticket_merged; alter table ticket drop column merged_into; drop table incident_ack; drop index ticket_fixed; alter table ticket drop column fixed_at; alter table ticket drop column fixed_by; drop table agent_day; alter table orders drop column limit_day; alter table orders drop column limit_total; alter table refund drop column limit_day; alter table refund drop column limit_agent; DROP INDEX ticket_sla; CREATE INDEX ticket_sla ON ticket(created_at, category, kind, channel, first_response_at, first_response_due, response_secs, resolved_first_at, resolved_first_due, resolve_due, resolve_secs); ALTER TABLE ticket DROP COLUMN set_at; ALTER TABLE ticket DROP COLUMN merged_at; drop table exam; drop table callback; alter table ticket drop column complexity; drop index ticket_promise_due; alter table ticket drop column promise_due; alter table ticket drop column first_contact; alter table ticket drop column reopened_first_at; alter table customer drop column tier_until; alter table customer drop column tier_after; alter table orders drop column platform_at; drop table payout; drop table payout_batch; alter table orders drop column rebooked; alter table orders drop column fee_floor; drop index refund_dispute; alter table orders drop column refund_pending; alter table orders drop column refund_paid; drop index ticket_ref; alter table ticket drop column ref; drop table grants; drop table statement; drop index refund_owed; alter table refund drop column dispute_id; alter table refund drop column owed_by; alter table refund drop column recovered; alter table refund drop column recovery; alter table refund drop column platform_loss; alter table refund drop column rejection; drop table dispute; alter table orders drop column city; alter table orders drop column pickup; alter table orders drop column destination; alter table orders drop column accepted_at; alter table orders drop column arrived_at; alter table orders drop column cancel_fee; alter table orders drop column cancel_rule; drop table invoice; drop table incident_ticket; drop table incident; drop table escalation; drop index ticket_resolved_first; drop index ticket_responded; drop index ticket_sla; drop index ticket_update_due; create index ticket_created on ticket(created_at); alter table ticket drop column response_secs; alter table ticket drop column paused_secs; alter table ticket drop column resolved_first_at; alter table ticket drop column resolved_first_due; alter table ticket drop column resolved_first_by; alter table ticket drop column resolve_secs; alter table ticket drop column escalated; pragma user_version = 2"
$ cs-report sla 2>&1 | sed "s|$PWD/||"
cs-report: cs.db: schema version 2 is older than this cs (27); any change made with cs upgrades it
$ cs-ticket new -C 13800138000 inquiry 第二张 >/dev/null
$ sqlite3 cs.db "pragma user_version; select count(*) from invoice; select count(*) from grants; select count(ref) from ticket; select id, response_secs, resolved_first_at - created_at, resolve_secs from ticket order by id"
27
0
0
0
1|1800|7200|7200
2|||
$ CS_NOW='2026-11-23 13:00' cs-report sla -o group,tickets,response_met,resolve_met,response_p50,resolve_p50
inquiry	2	50.0	100.0	30m	2h
all	2	50.0	100.0	30m	2h
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

done_testing
