#!/bin/sh
# An answer is for one attempt of a refund.  The answer file read again
# after the next attempt went out must not fail that attempt (the money
# would go out twice and be recorded once): an answer naming the
# attempt's payout key goes to that attempt, the same answer again
# changing nothing and another refused; one without a key goes to the
# last attempt, and is refused when an earlier attempt had that answer
# while a later one is out.
. "$(dirname "$0")/lib.sh"

t 'a duplicate refunded, its first payout failed, the pipeline run again' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t120\tpaid\t13800138000\t张三\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t120\t-2d\nG1\tTX2\t120\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup | cs-refund batch -r duplicate-payment 2>/dev/null
R1
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R1	dup:P2	1
$ printf 'R1\tfailed\n' > answers1.tsv
$ CS_AGENT=fin cs-refund settle answers1.tsv
R1
$ cs-order check --dup | cs-refund batch -r duplicate-payment 2>/dev/null
R1
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R1	dup:P2#2	2
EOF

t 'the first answer file read again: refused, the attempt out left out' <<'EOF'
$ CS_AGENT=fin cs-refund settle answers1.tsv
! cs-refund: answers1.tsv:1: R1: attempt 1 (dup:P2) was answered failed and attempt 2 (dup:P2#2) is out: give the attempt's key as the answer's fourth field
? 65
$ cs-refund show R1 | grep '^  attempt' | sed 's/ *$//'
  attempt 1  export 1  dup:P2    120.00  failed  2026-11-23 10:00
  attempt 2  export 2  dup:P2#2  120.00  sent
$ cs-order check --dup | cs-refund batch -r duplicate-payment 2>/dev/null
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
EOF

t 'an answer naming its attempt: the same again changes nothing, another is refused' <<'EOF'
$ printf 'R1\tfailed\t\tdup:P2\n' | CS_AGENT=fin cs-refund settle
$ printf 'R1\tok\tALI1\tdup:P2\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R1: attempt 1 (dup:P2) was answered failed: another answer is not taken
? 65
$ printf 'R1\tok\tALI2\tdup:P9\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R1: no attempt was exported under the key dup:P9
? 65
$ printf 'R1\tok\tALI2\tdup:P2#2\n' | CS_AGENT=fin cs-refund settle
R1
$ printf 'R1\tok\tALI2\tdup:P2#2\nR1\tok\tALI2\nR1\tfailed\n' | CS_AGENT=fin cs-refund settle
$ cs-refund show R1 | grep '^  attempt' | sed 's/ *$//'
  attempt 1  export 1  dup:P2    120.00  failed  2026-11-23 10:00
  attempt 2  export 2  dup:P2#2  120.00  paid    2026-11-23 10:00  ALI2
$ cs-order ls -o id,paid,refunded
O1	240.00	120.00
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

t 'a line of five fields, or a key that is no key, is refused' <<'EOF'
$ printf 'R1\tok\tALI2\tdup:P2#2\textra\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: 5 fields; want REFUND, ok|failed, TXN and KEY
? 65
$ printf 'R1\tok\tALI2\tdup P2\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: key "dup P2": one word of at most 127 bytes
? 65
EOF

t 'attempts line up in show, keys in Chinese too' <<'EOF'
$ CS_AGENT=carol cs-refund request -r goodwill -k 退款:商品一 O1 50 | cut -f1
R2
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R2	退款:商品一	1
$ printf 'R2\tfailed\n' | CS_AGENT=fin cs-refund settle
R2
$ CS_AGENT=carol cs-refund request -r goodwill -k 退款:商品一 O1 50 | cut -f1
R2
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R2	退款:商品一#2	2
$ cs-refund show R2 | grep '^  attempt' | sed 's/ *$//'
  attempt 1  export 3  退款:商品一    50.00  failed  2026-11-23 10:00
  attempt 2  export 4  退款:商品一#2  50.00  sent
EOF

t 'one transaction number on two lines pays the first refund only' <<'EOF'
$ CS_AGENT=carol cs-refund request -r goodwill -k 补偿:三 O1 20 | cut -f1
R3
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R3	补偿:三	1
$ dbhash > before
$ printf 'R2\tok\tALI2\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R2: transaction ALI2 already paid R1: one payment pays one refund
? 65
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ printf 'R2\tok\tALI3\nR3\tok\tALI3\n' > answers3.tsv
$ CS_AGENT=fin cs-refund settle answers3.tsv
R2
! cs-refund: answers3.tsv:2: R3: transaction ALI3 already paid R2: one payment pays one refund
? 1
$ cs-refund ls -o id,status
R1	paid
R2	paid
R3	sent
$ printf 'R3\tok\tALI4\n' | CS_AGENT=fin cs-refund settle
R3
$ printf 'R2\tok\tALI3\nR3\tok\tALI4\nR1\tok\tALI2\tdup:P2#2\n' | CS_AGENT=fin cs-refund settle
$ cs-refund ls -o id,status
R1	paid
R2	paid
R3	paid
$ for r in R2 R3; do cs-refund show $r | grep '^  attempt.*paid' | sed 's/ *$//'; done
  attempt 2  export 4  退款:商品一#2  50.00  paid    2026-11-23 10:00  ALI3
  attempt 1  export 5  补偿:三  20.00  paid    2026-11-23 10:00  ALI4
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

done_testing
