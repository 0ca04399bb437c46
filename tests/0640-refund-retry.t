#!/bin/sh
# A refund that did not reach the customer is not done: a payout the
# payment system answers failed is an attempt of its refund, and the
# next run of the same pipeline (cs-order check --dup | cs-refund batch)
# makes the next attempt, once however often it is run, under its own
# payout key.  A duplicate whose refund failed is listed again; one
# whose refund a person rejected is listed with its status and not
# asked for again.  The attempts are in cs-refund show and the history.
. "$(dirname "$0")/lib.sh"

t 'two orders each paid twice; the duplicates refunded, exported, one fails' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t120\tpaid\t13800138000\t张三\nG2\tgoods\t80\tpaid\t13900139000\t李四\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: stdin:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t120\t-2d\nG1\tTX2\t120\t-1d\nG2\tTX3\t80\t-2d\nG2\tTX4\t80\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup | cs-refund batch -r duplicate-payment
R1
R2
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R1	dup:P2	1
R2	dup:P4	1
$ printf 'R1\tfailed\nR2\tok\tBANK2\n' | CS_AGENT=fin cs-refund settle
R1
R2
EOF

t 'a failed one is listed again by check --dup, with its status' <<'EOF'
$ cs-order check --dup
O1	120.00	dup:P2	duplicate payment TX2, R1 failed
EOF

t 'the same pipeline pays it again: the next attempt, once however often run' <<'EOF'
$ cs-order check --dup | cs-refund batch -r duplicate-payment
R1
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
$ printf 'O1\t120.00\tdup:P2\n' | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -o id,status,key
R1	approved	dup:P2
R2	paid	dup:P4
$ CS_AGENT=fin cs-refund export --again 1
! cs-refund: export 1: R1 is failed since: left out
! cs-refund: export 1: R2 is paid since: left out
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R1	dup:P2#2	2
$ cs-order check --dup | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

t 'a second failure, a third attempt; then paid, and the cause is done' <<'EOF'
$ printf 'R1\tfailed\t\tdup:P2#2\n' | CS_AGENT=fin cs-refund settle
R1
$ cs-order check --dup | cs-refund batch -r duplicate-payment
R1
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R1	dup:P2#3	3
$ printf 'R1\tok\tBANK9\n' | CS_AGENT=fin cs-refund settle
R1
$ cs-order check --dup
$ cs-order check --dup | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order ls -o ref,paid,refunded,paid_back -O ref:G1
G1	240.00	120.00	120.00
EOF

t 'show lists the attempts and their answers; the history names each' <<'EOF'
$ cs-refund show R1 | sed -n '/^attempts/,/^$/p' | sed 's/ *$//'
attempts
  attempt 1  export 1  dup:P2    120.00  failed  2026-11-23 10:00
  attempt 2  export 2  dup:P2#2  120.00  failed  2026-11-23 10:00
  attempt 3  export 3  dup:P2#3  120.00  paid    2026-11-23 10:00  BANK9

$ cs-refund show R1 | sed -n '/^history/,$p' | awk 'NR > 2 { print $3, $4, $5 }'
alice refund.request {"order":"O1","amount":"120.00","fee":"0.00","reason":"duplicate-payment","key":"dup:P2","status":"approved","note":"duplicate
fin refund.sent {"from":"approved","to":"sent","export":1,"attempt":1,"key":"dup:P2"}
fin refund.failed {"from":"sent","to":"failed","export":1,"attempt":1,"key":"dup:P2"}
alice refund.retry {"from":"failed","to":"approved","attempt":2,"key":"dup:P2#2"}
fin refund.sent {"from":"approved","to":"sent","export":2,"attempt":2,"key":"dup:P2#2"}
fin refund.failed {"from":"sent","to":"failed","export":2,"attempt":2,"key":"dup:P2#2"}
alice refund.retry {"from":"failed","to":"approved","attempt":3,"key":"dup:P2#3"}
fin refund.sent {"from":"approved","to":"sent","export":3,"attempt":3,"key":"dup:P2#3"}
fin refund.paid {"from":"sent","to":"paid","txn":"BANK9","export":3,"attempt":3,"key":"dup:P2#3"}
$ cs-refund show -j R1 | grep -o '"attempts":\[[^]]*\]' | tr '}' '\n'
"attempts":[{"attempt":1,"export":1,"key":"dup:P2","amount":"120.00","result":"failed","txn":null,"settled":"2026-11-23T10:00:00+08:00"
,{"attempt":2,"export":2,"key":"dup:P2#2","amount":"120.00","result":"failed","txn":null,"settled":"2026-11-23T10:00:00+08:00"
,{"attempt":3,"export":3,"key":"dup:P2#3","amount":"120.00","result":"paid","txn":"BANK9","settled":"2026-11-23T10:00:00+08:00"
]
$ cs-refund show -j R2 | grep -o '"attempts":\[[^]]*\]'
"attempts":[{"attempt":1,"export":1,"key":"dup:P4","amount":"80.00","result":"paid","txn":"BANK2","settled":"2026-11-23T10:00:00+08:00"}]
EOF

t 'a rejected one stays listed with its status; no batch asks for it again' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG3\tgoods\t50\tpaid\t13700137000\t王五\n' | cs-order import -q
! cs-order: stdin:2: O3 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG3\tTX5\t50\t-2d\nG3\tTX6\t50\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup | cs-refund batch -q -r duplicate-payment
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export | cut -f1,5
R3	dup:P6
$ printf 'R3\tfailed\n' | CS_AGENT=fin cs-refund settle
R3
$ CS_AGENT=carol cs-refund reject -r '客户已在银行柜台退回' R3
R3
$ cs-order check --dup
O3	50.00	dup:P6	duplicate payment TX6, R3 rejected
$ cs-order check --dup | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -o id,status,rejection -O ref:G3
R3	rejected	客户已在银行柜台退回
EOF

t 'the next attempt is approved under the usual limits: above them it waits' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG4\tgoods\t600\tpaid\t13600136000\t赵六\n' | cs-order import -q
! cs-order: stdin:2: O4 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG4\tTX7\t600\t-2d\nG4\tTX8\t600\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup | cs-refund batch -q -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 1 awaiting approval, 0 rejected
$ CS_AGENT=carol cs-refund approve R4
R4
$ CS_AGENT=fin cs-refund export | cut -f1,5
R4	dup:P8
$ printf 'R4\tfailed\n' | CS_AGENT=fin cs-refund settle
R4
$ cs-order check --dup | cs-refund batch -r duplicate-payment
R4
! cs-refund: 0 applied, 1 already done, 1 awaiting approval, 0 rejected
$ cs-order check --dup | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -o id,status -O ref:G4
R4	requested
$ cs-refund show R4 | grep -E '^(status|decided) '
status    requested
$ CS_AGENT=carol cs-refund approve R4
R4
$ cs-refund show R4 | grep -E '^decided '
decided   carol
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R4	dup:P8#2	2
EOF

# The pipeline as a cron job would run it: the duplicates and the
# failed orders still holding money (cs-order check --failed); a failed
# order whose refund's payout failed holds that money still.
t 'check --dup --failed: a failed order whose refund failed holds its money again' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\nE1\trail\t70\tfailed\t13500135000\t钱七\t2026-11-30 08:00\n' | cs-order import -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE1\tTX9\t70\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
R5
! cs-refund: 1 applied, 1 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export | cut -f1,5
R5	held:O5:7000
$ printf 'R5\tfailed\n' | CS_AGENT=fin cs-refund settle
R5
$ cs-order check --dup --failed
O3	50.00	dup:P6	duplicate payment TX6, R3 rejected
O5	70.00	held:O5:7000	rail order failed, holding 70.00
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
R5
! cs-refund: 1 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export | cut -f1,5
R5	held:O5:7000#2
EOF

t 'a retry above the limit after a new refund: its second line is the same refund, counted once' <<'EOF'
$ seq 1 8 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "L%d\tgoods\t100\tpaid\t1371234%04d\t王五\n", $1, $1 }' | cs-order import -q 2>/dev/null
$ seq 1 8 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "L%d\tPL%d\t100\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ CS_NOW='2026-11-24 09:00' cs-refund request -r goodwill -k l1 ref:L1 50
R6
$ CS_NOW='2026-11-24 09:00' CS_AGENT=fin cs-refund export | cut -f1
R6
$ printf 'R6\tfailed\n' | CS_AGENT=fin cs-refund settle
R6
$ for o in 3 4 5 6; do CS_NOW='2026-11-24 09:00' cs-refund request -r goodwill -k l$o ref:L$o 100; done
R7
R8
R9
R10
$ printf 'ref:L2\t60\tl2\nref:L1\t50\tl1\nref:L1\t50\tl1\n' > retry.tsv
$ CS_NOW='2026-11-24 09:00' cs-refund batch -r goodwill retry.tsv
R11
R6
! cs-refund: 1 applied, 1 already done, 1 awaiting approval, 0 rejected
$ CS_NOW='2026-11-24 09:00' cs-refund batch -r goodwill retry.tsv
! cs-refund: 0 applied, 2 already done, 1 awaiting approval, 0 rejected
EOF

done_testing
