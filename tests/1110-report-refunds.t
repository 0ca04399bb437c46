#!/bin/sh
# cs-report refunds: counts, amounts and fees by reason, kind, day and
# status, and what waits for approval, as of a moment.
#
# By hand: G1 (goods, 1000.00) gets 100.00 back for a duplicate payment
# at 10:00 (within alice's limit: approved) and 600.00 of goodwill at
# 10:10 (above it: waiting); E1 (rail, 204.95, departing in three days)
# is cancelled at 10:20: 5% is 10.2475, to the nearest 0.50 is 10.00.
# Carol rejects the goodwill at 12:00.
#   as of 11:00: 3 refunds, 904.95, fees 10.00, net 894.95, 1 waiting
#   as of 13:00: 2 refunds, 304.95, fees 10.00, net 294.95, 1 rejected
. "$(dirname "$0")/lib.sh"

t 'orders, payments and three refunds' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\tcreated_at\titem\n' > o.tsv
$ printf 'E1\trail\t204.95\tissued\t13800138000\t张三\t2026-11-26 10:00\t2026-11-20 09:00\t\n' >> o.tsv
$ printf 'G1\tgoods\t1000\tpaid\t13900139000\t李四\t\t2026-11-20 09:00\t\n' >> o.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE1\tTX1\t204.95\t2026-11-20 09:00\nG1\tTX2\t1000\t2026-11-20 09:00\n' > p.tsv
$ CS_NOW='2026-11-23 09:00' cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
$ CS_NOW='2026-11-23 09:00' CS_AGENT=fin cs-order import -P -q p.tsv
$ CS_NOW='2026-11-23 10:00' cs-refund request -r duplicate-payment ref:G1 100
R1
$ CS_NOW='2026-11-23 10:10' cs-refund request -r goodwill ref:G1 600
R2
$ CS_NOW='2026-11-23 10:20' cs-refund request -r cancellation ref:E1 full
R3
EOF

t 'by reason as of 11:00, worked out by hand' <<'EOF'
$ CS_NOW='2026-11-23 11:00' cs-report -H refunds --day today
group	refunds	amount	fee	net	waiting	rejected	coupons	coupon_value	points	currency
cancellation	1	204.95	10.00	194.95	0	0	0	0.00	0	CNY
duplicate-payment	1	100.00	0.00	100.00	0	0	0	0.00	0	CNY
goodwill	1	600.00	0.00	600.00	1	0	0	0.00	0	CNY
all	3	904.95	10.00	894.95	1	0	0	0.00	0	CNY
EOF

t 'after the rejection; the report of 11:00 has not changed' <<'EOF'
$ CS_NOW='2026-11-23 12:00' CS_AGENT=carol cs-refund reject -r 不符合补偿条件 R2
R2
$ CS_NOW='2026-11-23 13:00' cs-refund ls -o id,status
R1	approved
R2	rejected
R3	approved
$ CS_NOW='2026-11-23 13:00' cs-report refunds --day today -g kind
goods	1	100.00	0.00	100.00	0	1	0	0.00	0	CNY
rail	1	204.95	10.00	194.95	0	0	0	0.00	0	CNY
all	2	304.95	10.00	294.95	0	1	0	0.00	0	CNY
$ CS_NOW='2026-11-23 11:00' cs-report refunds --day today -g kind
goods	2	700.00	0.00	700.00	1	0	0	0.00	0	CNY
rail	1	204.95	10.00	194.95	0	0	0	0.00	0	CNY
all	3	904.95	10.00	894.95	1	0	0	0.00	0	CNY
$ CS_NOW='2026-11-23 13:00' cs-report refunds --day today -g status -o group,refunds,rejected
approved	2	0
rejected	0	1
all	2	1
$ CS_NOW='2026-11-23 13:00' cs-report refunds --week today -g day -j -o group,amount,net
{"group":"2026-11-23","amount":"304.95","net":"294.95"}
{"group":"all","amount":"304.95","net":"294.95"}
$ CS_NOW='2026-11-23 13:00' cs-report refunds --day yesterday
all	0	0.00	0.00	0.00	0	0	0	0.00	0	CNY
$ cs-report refunds -g colour
! cs-report: -g colour: group by reason, kind, day or status
? 64
EOF

done_testing
