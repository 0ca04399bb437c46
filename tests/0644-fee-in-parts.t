#!/bin/sh
# A ticket's price refunded in parts pays the fee it would in one: each
# part's fee is the whole's less what the parts before it paid, not the
# part's own rounded on its own (cs.conf(5): "in one refund or in
# several").
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

done_testing
