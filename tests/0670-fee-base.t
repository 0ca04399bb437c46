#!/bin/sh
# The fee base is the order's price, never the sum of its payments: a
# ticket paid three times returns two payments whole and charges the
# band's fee on one price, whatever order the refunds come in.
. "$(dirname "$0")/lib.sh"

t 'five 553.50 tickets, each paid three times' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ for r in E200 E201 E202 E203; do printf '%s\trail\t553.50\tissued\t13800138000\t张三\t2026-11-24 09:00\n' $r; done >> o.tsv
$ printf 'E204\trail\t553.50\tissued\t13800138000\t张三\t2026-11-23 09:00\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:5: O4 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:6: O5 issued with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\n' > p.tsv
$ for r in E200 E201 E202 E203 E204; do for i in 1 2 3; do printf '%s\t%s-%d\t553.50\t2026-11-20 09:0%d\n' $r $r $i $i; done; done >> p.tsv
$ CS_AGENT=fin cs-order import -P -q p.tsv
$ cs-order ls -o ref,amount,paid
E200	553.50	1660.50
E201	553.50	1660.50
E202	553.50	1660.50
E203	553.50	1660.50
E204	553.50	1660.50
EOF

t 'full, 23 hours before departure: 20% of one ticket, two payments whole' <<'EOF'
$ cs-refund quote -H ref:E200
order	amount	fee	refund	rule
O1	1660.50	110.50	1550.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00; fee on the price 553.50, the 1107.00 paid beyond it returned whole
$ CS_AGENT=carol cs-refund request -r cancellation ref:E200 full
R1
$ cs-refund ls -o id,order,amount,fee,refund,status -O ref:E200
R1	O1	1660.50	110.50	1550.00	approved
$ cs-order check --dup | awk '$1 == "O1"' | wc -l
0
$ cs-refund quote ref:E200
! cs-refund: O1: nothing left to refund (paid 1660.50, refunded or pending 1660.50)
? 65
EOF

t 'the duplicates first (check --dup | batch), then the ticket: the same fee' <<'EOF'
$ cs-order check --dup | grep O2
O2	553.50	dup:P5	duplicate payment E201-2
O2	553.50	dup:P6	duplicate payment E201-3
$ cs-order check --dup | grep O2 | CS_AGENT=carol cs-refund batch -r duplicate-payment
R2
R3
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-refund quote ref:E201
O2	553.50	110.50	443.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00
$ CS_AGENT=carol cs-refund request -r cancellation ref:E201 full
R4
$ cs-refund ls -o id,amount,fee,refund,reason -O ref:E201
R2	553.50	0.00	553.50	duplicate-payment
R3	553.50	0.00	553.50	duplicate-payment
R4	553.50	110.50	443.00	cancellation
EOF

t 'the ticket first, then the rest: what was paid beyond the price comes back whole' <<'EOF'
$ cs-refund quote ref:E202 553.50
O3	553.50	110.50	443.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00
$ CS_AGENT=carol cs-refund request -r cancellation ref:E202 553.50
R5
$ cs-refund quote ref:E202
O3	1107.00	0.00	1107.00	rail: paid beyond the price, no fee
$ cs-order check --dup | grep O3 | CS_AGENT=carol cs-refund batch -r duplicate-payment
R6
R7
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -o id,amount,fee,refund,reason -O ref:E202
R5	553.50	110.50	443.00	cancellation
R6	553.50	0.00	553.50	duplicate-payment
R7	553.50	0.00	553.50	duplicate-payment
EOF

t 'part of the ticket, then the rest in full: the fee is on the price once' <<'EOF'
$ CS_AGENT=carol cs-refund request -r cancellation ref:E203 200
R8
$ cs-refund quote ref:E203
O4	1460.50	70.50	1390.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00; fee on the price 353.50, the 1107.00 paid beyond it returned whole
$ CS_AGENT=carol cs-refund request -r cancellation ref:E203 full
R9
$ cs-refund ls -o id,amount,fee,refund -O ref:E203
R8	200.00	40.00	160.00
R9	1460.50	70.50	1390.00
$ cs-order check --dup | awk '$1 == "O4"' | wc -l
0
EOF

t 'never refunded beyond what was paid, whatever the reason' <<'EOF'
$ cs-refund request -r goodwill ref:E203 0.01
! cs-refund: O4: nothing left to refund (paid 1660.50, refunded or pending 1660.50)
? 65
$ cs-refund request -r duplicate-payment -k again ref:E201 1
! cs-refund: O2: nothing left to refund (paid 1660.50, refunded or pending 1660.50)
? 65
$ cs-refund quote ref:E204 1660.51
! cs-refund: O5: 1660.51 is more than the 1660.50 left to refund (refunded or pending 0.00)
? 65
$ cs-order ls -o ref,paid,refunded
E200	1660.50	1660.50
E201	1660.50	1660.50
E202	1660.50	1660.50
E203	1660.50	1660.50
E204	1660.50	0.00
EOF

t 'after departure the ticket is not refunded, the duplicate payments are' <<'EOF'
$ cs-refund quote ref:E204
! cs-refund: O5: rail: no refund after departure (the 1107.00 paid beyond the price is refunded with -r duplicate-payment)
? 65
$ cs-refund quote ref:E204 1107
! cs-refund: O5: rail: no refund after departure (the 1107.00 paid beyond the price is refunded with -r duplicate-payment)
? 65
$ cs-order check --dup | CS_AGENT=root cs-refund batch -r duplicate-payment
R10
R11
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-refund quote ref:E204
! cs-refund: O5: rail: no refund after departure
? 65
$ cs-refund ls -o id,amount,fee,reason -O ref:E204
R10	553.50	0.00	duplicate-payment
R11	553.50	0.00	duplicate-payment
EOF

t 'a rejected refund gives its part of the price back to the base' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tservice_at\nE205\trail\t553.50\tissued\t13800138000\t2026-11-24 09:00\n' | cs-order import -q
! cs-order: stdin:2: O6 issued with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE205\tE205-1\t553.50\t2026-11-20 09:00\nE205\tE205-2\t553.50\t2026-11-20 09:01\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -r cancellation ref:E205 553.50
R12
$ CS_AGENT=carol cs-refund reject -r 'the customer changed their mind' R12
R12
$ cs-refund quote ref:E205
O6	1107.00	110.50	996.50	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00; fee on the price 553.50, the 553.50 paid beyond it returned whole
EOF

done_testing
