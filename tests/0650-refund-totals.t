#!/bin/sh
# An order's refunded total is kept on the order as refunds are made,
# rejected, sent, paid and failed (orders.refund_pending, refund_paid),
# and every check against what was paid reads it: exact at the limit, in
# a batch of many lines on one order across its chunks, by hand, through
# an advance, and after the migration that fills it for older refunds.
#
# O1 is paid 10.00: a batch of 1,003 lines of 0.01 refunds exactly 1,000
# of them.  O2 is paid 5.00 and disputed, decided for the customer.
. "$(dirname "$0")/lib.sh"

# totals ORDER: pending and paid as kept, then as summed from the refunds.
cat > "$TMP/totals" <<'SH'
sqlite3 "$CS_DB" "SELECT refund_pending, refund_paid,
    (SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = o.id
    AND status IN ('requested', 'approved', 'sent', 'failed')),
    (SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = o.id
    AND status = 'paid') FROM orders o WHERE id = $1"
SH

t 'two paid orders, one disputed and decided for the customer' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 -r buyer >/dev/null
$ cs-order customer add -N 李卖家 -p 13900139000 -r seller >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 10 G1 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX2 goods 5 G2 >/dev/null
$ cs-ticket new -C C1 -O ref:G2 -k quality complaint 商品破损 >/dev/null
$ cs-ticket dispute open -P C2 T1 >/dev/null
$ cs-ticket dispute intervene -r 协商不成 D1 >/dev/null
$ CS_AGENT=carol cs-ticket dispute decide -f customer -r 卖家无回应 D1 >/dev/null
EOF

t 'a batch on one order stops exactly at what was paid, across its chunks' <<'EOF'
$ awk 'BEGIN { for (i = 1; i <= 999; i++) printf "O1\t0.01\tb%d\n", i }' > b.tsv
$ printf 'O1\t0.02\tb1000\nO1\tfull\tb1001\nO1\t0.01\tb1002\n' >> b.tsv
$ cs-refund -q batch -r goodwill b.tsv
! cs-refund: b.tsv:1000: O1: 0.02 is more than the 0.01 left to refund (refunded or pending 9.99)
! cs-refund: b.tsv:1002: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
! cs-refund: 1000 applied, 0 already done, 0 awaiting approval, 2 rejected
? 1
$ sh totals 1
1000|0|1000|0
$ cs-order ls -o ref,paid,refunded -O ref:G1
G1	10.00	10.00
EOF

t 'run again: every line already done or still refused' <<'EOF'
$ cs-refund -q batch -r goodwill b.tsv
! cs-refund: b.tsv:1000: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
! cs-refund: b.tsv:1002: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
! cs-refund: 0 applied, 1000 already done, 0 awaiting approval, 2 rejected
? 1
$ sh totals 1
1000|0|1000|0
EOF

t 'by hand: a rejection frees its amount, once' <<'EOF'
$ cs-refund request -r goodwill ref:G1 0.01
! cs-refund: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
? 65
$ CS_AGENT=carol cs-refund reject -r 重复申请 R5
R5
$ CS_AGENT=carol cs-refund reject -r 重复申请 R5
! cs-refund: R5 is rejected: cannot reject it
? 65
$ sh totals 1
999|0|999|0
$ cs-refund request -r goodwill ref:G1 0.02
! cs-refund: O1: 0.02 is more than the 0.01 left to refund (refunded or pending 9.99)
? 65
$ cs-refund request -r goodwill ref:G1 full
R1001
$ cs-refund request -r goodwill -k again ref:G1 0.01
! cs-refund: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
? 65
EOF

t 'sent stays counted; paid moves to paid back; failed stays owed until rejected' <<'EOF'
$ CS_AGENT=fin cs-refund export | wc -l
1000
$ sh totals 1
1000|0|1000|0
$ printf 'R1\tfailed\nR2\tok\tPAY2\nR3\tok\tPAY3\n' | CS_AGENT=fin cs-refund settle
R1
R2
R3
$ printf 'R2\tok\tPAY2\n' | CS_AGENT=fin cs-refund settle
$ sh totals 1
998|2|998|2
$ cs-refund request -r goodwill -k last ref:G1 0.01
! cs-refund: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
? 65
$ CS_AGENT=carol cs-refund reject -r 'not paid again' R1
R1
$ sh totals 1
997|2|997|2
$ cs-refund request -r goodwill -k last ref:G1 0.02
! cs-refund: O1: 0.02 is more than the 0.01 left to refund (refunded or pending 9.99)
? 65
$ cs-refund request -r goodwill -k last ref:G1 0.01
R1002
$ sh totals 1
998|2|998|2
EOF

t 'an advance counts against the order like any refund' <<'EOF'
$ cs-refund request -r goodwill ref:G2 4
R1003
$ cs-refund advance D1 2
! cs-refund: O2: 2.00 is more than the 1.00 left to refund (refunded or pending 4.00)
? 65
$ cs-refund advance D1 1
R1004
$ cs-refund advance -k more D1 0.01
! cs-refund: O2: nothing left to refund (paid 5.00, refunded or pending 5.00)
? 65
$ sh totals 2
500|0|500|0
EOF

sqlite_t 'the migration fills the totals of the refunds made before it' 'a file rewound to schema 7 with sqlite3' <<'EOF'
$ sh "$TOP/tests/old-desk" cs.db 7
$ cs-escalate sweep
$ sh totals 1; sh totals 2
998|2|998|2
500|0|500|0
$ cs-refund request -r goodwill -k after ref:G1 0.01
! cs-refund: O1: nothing left to refund (paid 10.00, refunded or pending 10.00)
? 65
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

t 'an order shows what is paid back apart from what is only requested, approved or sent' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TXG3 goods 1 G3
O3
$ sh totals 3
0|0|0|0
$ cs-order ls -H -o ref,paid,refunded,refund_pending,paid_back -s paid
ref	paid	refunded	refund_pending	paid_back
G1	10.00	10.00	9.98	0.02
G2	5.00	5.00	5.00	0.00
G3	1.00	0.00	0.00	0.00
$ cs-order show ref:G1 | grep -E '^(paid|refunded|pending|paid back) '
paid      10.00
refunded  10.00
pending   9.98
paid back 0.02
EOF
done_testing
