#!/bin/sh
# A short tour of the five programs, small enough to run under valgrind
# (make memcheck runs it there): a ticket's life, orders and payments, a
# refund batch run twice, and the reports over them.
#
# By hand: E1 (rail, 204.95, departing in three days) is cancelled: 5% is
# 10.2475, to the nearest 0.50 is 10.00; 600.00 of G1 and the duplicate
# payment of 1000.00 are above alice's limit and wait for approval.  T1
# is answered at once and resolved in an hour: both within the SLA.
. "$(dirname "$0")/lib.sh"

t 'a ticket: opened, answered, noted, handed over, resolved, called back' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality -b '售票员态度恶劣，要求道歉。' complaint 客服态度恶劣
T1
$ cs-ticket reply -t ack T1
T1
$ printf '客户情绪激动，已安抚。\n' | cs-ticket note T1
T1
$ cs-ticket assign bob T1
T1
$ CS_AGENT=bob CS_NOW='2026-11-23 11:00' cs-ticket resolve T1
T1
$ CS_NOW='2026-11-23 12:00' cs-ticket callback -s 4 -m 满意 T1
T1
$ cs-ticket show T1 | grep -E '^(status|assignee|responded|resolved|satisfaction|callback) '
status       resolved
assignee     bob
responded    2026-11-23 10:00
resolved     2026-11-23 11:00
satisfaction 4
callback     满意
$ cs-ticket show T1 | grep -A1 '  reply  '
2026-11-23 10:00  reply  alice
    早上好，张*。您反映的问题（工单 T1）我们已经记录，会在2026-11-23 12:00前给您答复，请您留意。
$ cs-ticket -j show T1 | grep -o '"action":"[a-z.]*"'
"action":"ticket.new"
"action":"ticket.reply"
"action":"ticket.note"
"action":"ticket.assign"
"action":"ticket.resolve"
"action":"ticket.callback"
"action":"due.resolve"
EOF

t 'orders and payments; the duplicate payment is found' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\tcreated_at\titem\n' > o.tsv
$ printf 'E1\trail\t204.95\tissued\t13800138000\t张三\t2026-11-26 10:00\t2026-11-20 09:00\t\n' >> o.tsv
$ printf 'G1\tgoods\t1000\tpaid\t13900139000\t李四\t\t2026-11-20 09:00\t\n' >> o.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE1\tTX1\t204.95\t2026-11-20 09:00\nG1\tTX2\t1000\t2026-11-20 09:00\nG1\tTX3\t1000\t2026-11-20 09:01\n' > p.tsv
$ CS_NOW='2026-11-23 09:00' cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
$ CS_NOW='2026-11-23 09:00' CS_AGENT=fin cs-order import -P -q p.tsv
$ cs-order check --dup --failed | tee dup.tsv
O2	1000.00	dup:P3	duplicate payment TX3
EOF

t 'a refund batch with a bad line, and one run twice' <<'EOF'
$ printf 'ref:E1\tfull\tk1\nref:G1\t600\tk2\nref:E9\t1\n' > b.tsv
$ cs-refund batch -r cancellation b.tsv
R1
R2
! cs-refund: b.tsv:3: ref:E9: no such order
! cs-refund: 1 applied, 0 already done, 1 awaiting approval, 1 rejected
? 1
$ cs-refund batch -r duplicate-payment dup.tsv
R3
! cs-refund: 0 applied, 0 already done, 1 awaiting approval, 0 rejected
$ cs-refund batch -r duplicate-payment dup.tsv
! cs-refund: 0 applied, 0 already done, 1 awaiting approval, 0 rejected
EOF

t 'the reports over them; the audit chain holds' <<'EOF'
$ CS_NOW='2026-11-23 13:00' cs-report -H refunds --day today
group	refunds	amount	fee	net	waiting	rejected	coupons	coupon_value	points	currency
cancellation	2	804.95	10.00	794.95	1	0	0	0.00	0	CNY
duplicate-payment	1	1000.00	0.00	1000.00	1	0	0	0.00	0	CNY
all	3	1804.95	10.00	1794.95	2	0	0	0.00	0	CNY
$ CS_NOW='2026-11-23 13:00' cs-report -H sla --day today
group	tickets	response_met	resolve_met	breaches	response_p50	response_p90	resolve_p50	resolve_p90
complaint	1	100.0	100.0	0	0s	0s	1h	1h
all	1	100.0	100.0	0	0s	0s	1h	1h
$ cs-report audit --verify | sed 's/[0-9][0-9]* records/N records/; s/last [0-9a-f]\{64\}$/last HASH/'
audit: N records, chain intact, last HASH
EOF
