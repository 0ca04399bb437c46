#!/bin/sh
# cs-order check --failed at the second step: money a person rejected
# when the check asked for it is not asked for again (other rejected
# money is still held, and asked for); with --dup in the same run, a
# failed order's duplicate is asked for once, not by both checks.
. "$(dirname "$0")/lib.sh"

t 'a cancelled order: the held refund rejected is not asked for again' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t100\tcancelled\t13800138000\t张三\n' | cs-order import -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t100\t-2d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -r goodwill O1 30 | cut -f1
R1
$ cs-order check --failed
O1	70.00	held:O1:7000	goods order cancelled, holding 70.00
$ cs-order check --failed | cs-refund batch -r failed-order 2>/dev/null
R2
$ CS_AGENT=carol cs-refund reject -r 不予退款：已使用 R2
R2
$ cs-order check --failed
$ CS_AGENT=carol cs-refund reject -r 金额录错 R1
R1
$ cs-order check --failed
O1	30.00	held:O1:3000	goods order cancelled, holding 30.00
$ cs-order check --failed | cs-refund batch -r failed-order
R3
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --failed
$ cs-refund ls -o id,amount,key,status -O O1
R1	30.00	O1:3000:goodwill	rejected
R2	70.00	held:O1:7000	rejected
R3	30.00	held:O1:3000	approved
EOF

t 'a failed rail order paid twice: check --dup --failed asks for each 150.00 once' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\nE1\trail\t150\tfailed\t13900139000\t李四\t2026-11-30 10:00\n' | cs-order import -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE1\tTX2\t150\t-1d\nE1\tTX3\t150\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup --failed
O2	150.00	dup:P3	duplicate payment TX3
O2	150.00	held:O2:15000	rail order failed, holding 150.00
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
R4
R5
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup --failed
EOF

t 'the duplicate refund fails: the next run asks for it again, and only it' <<'EOF'
$ CS_AGENT=fin cs-refund export -o refund,key
R3	held:O1:3000
R4	dup:P3
R5	held:O2:15000
$ printf 'R3\tok\tA3\nR4\tfailed\nR5\tok\tA5\n' | CS_AGENT=fin cs-refund settle
R3
R4
R5
$ cs-order check --dup --failed
O2	150.00	dup:P3	duplicate payment TX3, R4 failed
$ cs-order check --failed
O2	150.00	dup:P3	rail order failed, R4 failed
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
R4
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

t 'a stuck rail order refunded is stuck no more; with --dup its duplicate is asked for once' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\nE3\trail\t200\tpaid\t13700137000\t王五\t2026-12-05 10:00\nE4\trail\t100\tpaid\t13700137000\t王五\t2026-12-05 10:00\n' | CS_NOW='2026-11-23 08:00' cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE3\tTX5\t200\t-3h\nE4\tTX6\t100\t-3h\nE4\tTX7\t100\t-3h\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --stuck | cut -f1-3
O3	200.00	stuck:O3:1795392000
O4	200.00	stuck:O4:1795392000
$ cs-order check --dup --stuck | cut -f1-3
O4	100.00	dup:P6
O3	200.00	stuck:O3:1795392000
O4	100.00	stuck:O4:1795392000
$ cs-order check --dup --stuck | CS_AGENT=root cs-refund batch -q -r cancellation
! cs-refund: 3 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --stuck
$ cs-order check --dup --stuck
$ cs-order check --dup --stuck | CS_AGENT=root cs-refund batch -q -r cancellation; echo $?
0
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

t 'a cancelled order'"'"'s own refund whose payout failed: --failed asks for it by its key, once' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137000 -T TX9 goods 80 G9 | tee id
O5
$ cs-refund request -r cancellation -k cancel:G9 O5 full | cut -f1
R9
$ cs-order status cancelled O5
O5
$ CS_AGENT=fin cs-refund export -o refund | grep R9
R9
$ printf 'R9\tfailed\n' | CS_AGENT=fin cs-refund settle
R9
$ cs-order check --failed
O5	80.00	cancel:G9	goods order cancelled, R9 failed
$ cs-order check --failed | CS_AGENT=root cs-refund batch -r cancellation
R9
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --failed
EOF

done_testing
