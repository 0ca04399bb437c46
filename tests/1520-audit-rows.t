#!/bin/sh
# The rows under the trail: each audit record carries the state its
# change left the rows in, and `cs-report audit --deep` finds a row edited,
# deleted or added behind the desk's back, by table and ID (exit 65), which
# the chain alone cannot.
. "$(dirname "$0")/lib.sh"

t 'a desk of tickets, orders, payments and refunds: every row as the trail left it' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 如何退票
T1
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -m 您好 T1
T1
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\nG1\tgoods\t99.90\tpaid\t13800138000\n' >> o.tsv
$ CS_NOW='2026-11-23 10:10' cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
O1
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nG1\tTX2\t99.90\t-1d\n' | CS_NOW='2026-11-23 10:10' CS_AGENT=fin cs-order import -P
P1
P2
$ CS_NOW='2026-11-23 10:20' cs-refund request -r cancellation ref:G1 full
R1
$ CS_NOW='2026-11-23 10:30' cs-ticket resolve T1
T1
$ cs-report audit --deep | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 9 records, chain intact, last HASH
audit: 7 rows as the trail left them
$ sqlite3 "$CS_DB" "select seq, record, state from audit where seq in (6, 9)" | sed 's/=[0-9a-f]\{64\}/=HASH/g'
6|O1|O1=HASH P1=HASH
9|T1|T1=HASH
EOF

sqlite_t 'an edited refund amount: the chain holds, --deep names the refund' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update refund set amount = 99900 where id = 1; select changes()"
1
$ cs-report -d x.db audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 9 records, chain intact, last HASH
$ cs-report -d x.db audit --verify --deep
! cs-report: audit: refund R1: changed since audit record 8
! cs-report: audit: 1 row differs from the trail
? 65
EOF

sqlite_t 'an edited ticket status, an order paid more, an order amount: each named' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update ticket set status = 'closed' where id = 1; update payment set amount = 30000 where id = 2; update orders set amount = 1 where id = 1"
$ cs-report -d x.db audit --deep
! cs-report: audit: orders O1: changed since audit record 6
! cs-report: audit: payment P2: changed since audit record 7
! cs-report: audit: ticket T1: changed since audit record 9
! cs-report: audit: 3 rows differ from the trail
? 65
$ cs-order -d x.db show O2 | grep -E '^paid +[0-9]'
paid      300.00
EOF

sqlite_t 'a row deleted, a row inserted without the desk, a value of another type' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "insert into refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) values (1, 500, 0, 'approved', 'goodwill', 'k-x', 'alice', 0, 0); delete from refund where id = 1"
$ cs-report -d x.db audit --deep
! cs-report: audit: refund R2: added without an audit record
! cs-report: audit: refund R1: gone since audit record 8
! cs-report: audit: 2 rows differ from the trail
? 65
$ cp cs.db y.db
$ sqlite3 y.db "update customer set name = cast(name as blob) where id = 1; select typeof(name) from customer"
blob
$ cs-report -d y.db audit --deep
! cs-report: audit: customer C1: changed since audit record 1
! cs-report: audit: 1 row differs from the trail
? 65
EOF

sqlite_t 'a cut tail the chain cannot see: --deep finds the rows it changed' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "delete from audit where seq = 9"
$ cs-report -d x.db audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 8 records, chain intact, last HASH
$ cs-report -d x.db audit --deep
! cs-report: audit: ticket T1: changed since audit record 3
! cs-report: audit: 1 row differs from the trail
? 65
EOF

sqlite_t 'an edited state in the trail breaks the chain at its record' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set state = replace(state, 'R1=', 'R2=') where seq = 8; select changes()"
1
$ cs-report -d x.db audit --deep
! cs-report: audit: the chain is broken at record 8 of 9
? 65
EOF

t 'every change keeps the rows covered: supersede, sweep, refund decisions' <<'EOF'
$ CS_NOW='2026-11-23 10:40' cs-ticket new -C 13800138000 -w chat -k quality complaint 态度差
T2
$ CS_NOW='2026-11-23 10:41' cs-escalate raise -l 1 -r 投诉 T2
E1
$ CS_NOW='2026-11-23 10:42' CS_AGENT=carol cs-escalate raise -l 2 -r 升级 T2
E2
$ CS_NOW='2026-11-23 10:43' cs-refund request -r goodwill ref:E100 150
R2
$ CS_NOW='2026-11-23 10:43' CS_AGENT=carol cs-refund reject -r 已出票 R2
R2
$ CS_NOW='2026-11-23 10:44' cs-order status cancelled O1
O1
$ CS_NOW='2026-11-25 10:00' cs-escalate sweep > /dev/null
$ cs-report audit --deep | sed -n 2p
audit: 12 rows as the trail left them
$ sqlite3 "$CS_DB" "select id, status from escalation order by id"
1|superseded
2|superseded
3|open
EOF

sqlite_t 'an old desk: its rows are counted as not covered, not reported, until they change' 'a copy of its file rewound to schema 10 with sqlite3' <<'EOF'
$ cp cs.db old.db && sh "$TOP/tests/old-desk" old.db 10
$ CS_NOW='2026-11-26 10:00' cs-ticket -d old.db reply -m 还有什么可以帮您 T2
T2
$ cs-report -d old.db audit --verify | cut -d, -f2
 chain intact
$ cs-report -d old.db audit --deep | sed -n 2p
audit: 1 rows as the trail left them, 11 from before row states not covered
$ sqlite3 old.db "update ticket set subject = 'x' where id = 1; update ticket set subject = 'y' where id = 2"
$ cs-report -d old.db audit --deep
! cs-report: audit: ticket T2: changed since audit record 18
! cs-report: audit: 1 row differs from the trail
? 65
EOF

done_testing
