#!/bin/sh
# Sums that cannot overflow: an amount beyond the most is refused where
# it enters, and a row stored before that limit (92233720368547758.07)
# makes no listing, check or report fail or print a negative total.
. "$(dirname "$0")/lib.sh"

t 'an amount too large is refused at the door' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\n' > o.tsv
$ printf 'G1\tgoods\t100\tpaid\t13800138000\t张三\n' >> o.tsv
$ printf 'G2\tgoods\t50\tcancelled\t13900139000\t李四\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t100\t2026-11-20 09:00\nG2\tTX2\t50\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX9\t92233720368547758.07\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: amount 92233720368547758.07: amount too large: at most 10000000000.00
? 65
$ cs-refund request -r goodwill ref:G1 10000000000.01
! cs-refund: amount 10000000000.01: amount too large: at most 10000000000.00
? 65
EOF

t 'an old row beyond the most: ls, show and check still answer' <<'EOF'
$ sqlite3 "$CS_DB" "INSERT INTO payment (order_id, txn, amount, status, paid_at, created_at) VALUES (2, 'OLD1', 9223372036854775807, 'ok', 0, 0)"
$ cs-order ls -o id,amount,paid,refunded
O1	100.00	100.00	0.00
O2	50.00		0.00
! cs-order: a stored amount is not an amount (above 10000000000.00, or negative): its sum is left empty
$ cs-order show ref:G2 | grep '^paid'
paid back 0.00
! cs-order: a stored amount is not an amount (above 10000000000.00, or negative): its sum is left empty
$ cs-order check --failed --dup
! cs-order: a stored amount is not an amount (above 10000000000.00, or negative): its sum is left empty
$ cs-refund request -r cancellation ref:G2 full
! cs-refund: a stored amount is not an amount (above 10000000000.00, or negative): its sum is left empty
! cs-refund: O2: its payments add up to more than an amount can be (at most 10000000000.00): a stored payment is wrong
? 65
$ cs-refund request -r goodwill ref:G1 10
R1
EOF

t 'a report with such a row leaves its sum empty, never negative' <<'EOF'
$ cs-refund request -r goodwill ref:G1 20
R2
$ sqlite3 "$CS_DB" "UPDATE refund SET amount = 9223372036854775807 WHERE id = 1"
$ cs-report refunds --day today -o group,refunds,amount,fee,net
goodwill	2			
all	2			
! cs-report: refunds goodwill CNY: a sum is too large to show (a stored amount is above the most an amount can be)
! cs-report: refunds all CNY: a sum is too large to show (a stored amount is above the most an amount can be)
EOF
t 'three payments of the most an amount can be: full is not one refund of all of them' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nBIG1\tgoods\t1000\tpaid\t13800138777\t王大\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nBIG1\tBA\t9999999999.99\t-1d\nBIG1\tBB\t9999999999.99\t-1d\nBIG1\tBC\t9999999999.99\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ CS_AGENT=root cs-refund request -r goodwill ref:BIG1 full
! cs-refund: O3: the 29999999999.97 left is more than one refund can be (at most 10000000000.00): refund it in parts
? 65
$ CS_AGENT=root cs-refund request -r goodwill -k big-1 ref:BIG1 9999999999.99 | cut -f1
R3
EOF

done_testing
