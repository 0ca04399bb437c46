#!/bin/sh
# Compensation standards: named rules in cs.conf applied by one command
# to orders or a listing, making refunds or grants under the usual
# limits and keys, so a re-run makes nothing twice.
. "$(dirname "$0")/lib.sh"

t 'the built-in rules, and a desk of its own' <<'EOF'
$ cs-report config | grep '^compensate'
compensate lost value 3000.00
compensate damaged share 50.00%
compensate late coupon 5.00
$ printf 'compensate lost value 200\ncompensate damaged share 30%%\ncompensate late coupon 10\ncompensate late-points points 500\n' >> cs.conf
$ cs-report config | grep '^compensate'
compensate lost value 200.00
compensate damaged share 30.00%
compensate late coupon 10.00
compensate late-points points 500
$ printf 'compensate x share 120%%\n' > bad.conf
$ cs-report -c bad.conf config
! cs-report: bad.conf:1: compensate x share 120%: not a percentage above 0% up to 100%
? 78
EOF

t 'lost, damaged, late: refunds and grants, once each' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\n' > o.tsv
$ printf 'G1\tgoods\t350\tshipped\t13800138000\t张三\n' >> o.tsv
$ printf 'G2\tgoods\t99\tshipped\t13900139000\t李四\n' >> o.tsv
$ printf 'G3\tgoods\t20\treceived\t13700137000\t王五\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 shipped with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 shipped with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 received with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tT1\t350\t-1d\nG2\tT2\t99\t-1d\nG3\tT3\t20\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund compensate lost ref:G1
R1
$ cs-refund compensate damaged O2
R2
$ cs-refund ls -o id,order,amount,status,reason,key
R1	O1	200.00	approved	compensation	comp:lost:O1
R2	O2	29.70	approved	compensation	comp:damaged:O2
$ cs-order ls -o id -s shipped | cs-refund compensate late
G1
G2
$ cs-refund compensate late-points O3
G3
$ cs-refund grant ls -o id,customer,kind,value,reason,status
G1	C1	coupon	10.00	delay	approved
G2	C2	coupon	10.00	delay	approved
G3	C3	points	500	delay	approved
$ cs-order ls -o id -s shipped | cs-refund compensate late
G1
G2
$ cs-refund compensate lost ref:G1
R1
$ cs-refund ls | wc -l
2
$ cs-refund grant ls | wc -l
3
$ cs-refund compensate stolen O1
! cs-refund: no compensation rule "stolen" (see compensate in cs.conf)
? 64
EOF

t 'a parcel is compensated by one standard: lost or damaged, not both' <<'EOF'
$ cs-refund compensate damaged O1
! cs-refund: O1 is compensated by rule lost already (R1): a parcel is compensated by one standard, so not by rule damaged too; reject R1 first if it was the wrong one
? 65
$ cs-refund ls -o id,amount,status,key -O O1
R1	200.00	approved	comp:lost:O1
$ CS_AGENT=carol cs-refund reject -r 'found damaged, not lost' R1
R1
$ cs-refund compensate damaged O1
R3
$ cs-refund compensate damaged O1
R3
$ cs-refund compensate lost O1
! cs-refund: O1 is compensated by rule damaged already (R3): a parcel is compensated by one standard, so not by rule lost too; reject R3 first if it was the wrong one
? 65
$ cs-refund ls -o id,amount,status,key -O O1
R1	200.00	rejected	comp:lost:O1
R3	105.00	approved	comp:damaged:O1
$ CS_AGENT=carol cs-refund reject -r 'not damaged either' R3
R3
$ cs-refund compensate lost O1
! cs-refund: O1: rule lost's compensation R1 was rejected, and a rejected one is not made again
? 65
$ cs-refund compensate damaged O1
! cs-refund: O1: rule damaged's compensation R3 was rejected, and a rejected one is not made again
? 65
$ cs-refund grant ls -o id,order,reason
G1	O1	delay
G2	O2	delay
G3	O3	delay
EOF
