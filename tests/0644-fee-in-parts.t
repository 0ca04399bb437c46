#!/bin/sh
# A ticket's price refunded in parts pays the fee it would in one: each
# part's fee is the whole's less what the parts before it paid, not the
# part's own rounded on its own (cs.conf(5): "in one refund or in
# several").  The reasons without a fee are what they say: a duplicate
# payment's "full" is what was paid beyond the price, a failed order's
# refund is of an order that failed or was cancelled.
. "$(dirname "$0")/lib.sh"

t 'a ticket paid three times, its price in two halves, then the rest' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\nE200\trail\t553.50\tissued\t13800138000\t张三\t2026-11-24 09:00\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE200\tTX21\t553.50\t-1d\nE200\tTX22\t553.50\t-1d\nE200\tTX23\t553.50\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund quote -o amount,fee,refund O1
1660.50	110.50	1550.00
$ CS_AGENT=root cs-refund request -r cancellation -k half1 O1 276.75 | cut -f1
R1
$ CS_AGENT=root cs-refund request -r cancellation -k half2 O1 276.75 | cut -f1
R2
$ CS_AGENT=root cs-refund request -r cancellation O1 full | cut -f1
R3
$ cs-refund ls -o id,amount,fee,refund
R1	276.75	55.50	221.25
R2	276.75	55.00	221.75
R3	1107.00	0.00	1107.00
$ cs-refund ls -o refund | awk '{ s += $1 } END { printf "%.2f\n", s }'
1550.00
EOF

t 'after departure: duplicate-payment full is what the refusal names' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\nE300\trail\t553.50\tissued\t13900139000\t李四\t2026-11-23 09:00\nE301\trail\t153.50\tissued\t13900139000\t李四\t2026-11-23 09:00\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE300\tTX31\t553.50\t-1d\nE300\tTX32\t553.50\t-1d\nE300\tTX33\t553.50\t-1d\nE301\tTX34\t153.50\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ CS_AGENT=root cs-refund request -r cancellation ref:E300 full
! cs-refund: O2: rail: no refund after departure (the 1107.00 paid beyond the price is refunded with -r duplicate-payment)
? 65
$ CS_AGENT=root cs-refund request -r duplicate-payment ref:E300 full >/dev/null && cs-refund ls -o id,amount,fee -O ref:E300
R4	1107.00	0.00
$ CS_AGENT=root cs-refund request -r duplicate-payment ref:E301 full
! cs-refund: O3: nothing was paid beyond its price of 153.50 (paid 153.50): the price is refunded with a reason of its own (cancellation, return, goodwill)
? 65
EOF

t 'failed-order is for an order that failed or was cancelled' <<'EOF'
$ CS_AGENT=root cs-refund request -r failed-order ref:E301 full
! cs-refund: O3 is issued: failed-order refunds an order that failed or was cancelled (one still on is refunded with cancellation, return or goodwill)
? 65
$ CS_AGENT=root cs-order status cancelled ref:E301 >/dev/null
$ CS_AGENT=root cs-refund request -r failed-order ref:E301 full >/dev/null && cs-refund ls -o amount,fee,reason -O ref:E301
153.50	0.00	failed-order
$ CS_AGENT=root cs-refund request -r failed-order ref:E301 full
! cs-refund: R5: already done (same key)
! cs-refund: the key O3:full:failed-order is made of the order, "full" and the reason: to refund the rest again for failed-order, give it a key of its own (-k KEY)
EOF

done_testing
