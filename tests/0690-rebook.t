#!/bin/sh
# 12306 rebooking (改签): the windows a ticket may be changed in, the new
# departure and fare on the order, the difference collected or returned
# (at the refund band of the moment), and the 5% band a ticket moved
# from inside 8 days to beyond them keeps for a later refund.
. "$(dirname "$0")/lib.sh"

t 'tickets, paid once each' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'E300\trail\t553.50\tissued\t13800138000\t张三\t2026-11-30 09:00\n' >> o.tsv
$ printf 'E301\trail\t553.50\tissued\t13800138000\t张三\t2026-11-28 10:00\n' >> o.tsv
$ printf 'E302\trail\t553.50\tissued\t13800138000\t张三\t2026-11-28 10:00\n' >> o.tsv
$ printf 'E303\trail\t553.50\tissued\t13800138000\t张三\t2026-11-24 09:00\n' >> o.tsv
$ printf 'E304\trail\t553.50\tissued\t13800138000\t张三\t2026-12-02 09:00\n' >> o.tsv
$ printf 'E305\trail\t553.50\tissued\t13800138000\t张三\t2026-11-23 09:00\n' >> o.tsv
$ printf 'G1\tgoods\t99\tpaid\t13800138000\t张三\t\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:5: O4 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:6: O5 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:7: O6 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:8: O7 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\n' > p.tsv
$ for r in E300 E301 E302 E303 E304 E305; do printf '%s\tTX-%s\t553.50\t2026-11-20 09:00\n' $r $r; done >> p.tsv
$ CS_AGENT=fin cs-order import -P -q p.tsv
EOF

t 'moved from inside 8 days to beyond them: a later refund keeps the 5% band' <<'EOF'
$ cs-refund quote ref:E300
O1	553.50	27.50	526.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-order rebook -S '2026-12-05 08:00' ref:E300 553.50
O1
$ cs-order ls -o ref,service,amount,paid -O ref:E300
E300	2026-12-05T08:00:00+08:00	553.50	553.50
$ cs-order history O1 -o action,detail | tail -n 1
order.rebook	{"service_was":"2026-11-30 09:00","service":"2026-12-05 08:00","fare_was":"553.50","fare":"553.50","keeps":"5.00%"}
$ cs-refund quote ref:E300
O1	553.50	27.50	526.00	rail: 8d or more before service, 5%, rounded to 0.50, at least 2.00; the 5% band kept by its rebooking
$ CS_NOW='2026-12-04 10:00' cs-refund quote ref:E300
O1	553.50	110.50	443.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00
$ cs-order rebook -S '2026-12-06 08:00' ref:E300 553.50
! cs-order: O1: rebooked 1 time already, the most a rail ticket is
? 65
EOF

t 'a cheaper train: the difference is refunded, charged at the band of now' <<'EOF'
$ cs-order rebook -S '2026-11-29 10:00' ref:E301 400
O2
$ cs-refund ls -o id,order,amount,fee,refund,status,reason,key,rule
R1	O2	153.50	7.50	146.00	approved	rebooking	rebook:O2:1	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-order history O2 -o action,detail | tail -n 1
order.rebook	{"service_was":"2026-11-28 10:00","service":"2026-11-29 10:00","fare_was":"553.50","fare":"400.00","return":"153.50","refund":"R1"}
$ cs-refund quote ref:E301
O2	400.00	20.00	380.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-order check --dup | wc -l
0
$ CS_AGENT=carol cs-refund reject -r 改签有误 R1
! cs-refund: R1 returns the fare difference of O2's rebooking (its fare is 400.00 now): it is approved, not rejected
? 65
$ cs-refund ls -o id,status -O O2
R1	approved
EOF

t 'a dearer train: the difference is to collect, and its payment is no duplicate' <<'EOF'
$ cs-order rebook -S '2026-11-28 14:00' ref:E302 600
O3
$ cs-order history O3 -o action,detail | tail -n 1
order.rebook	{"service_was":"2026-11-28 10:00","service":"2026-11-28 14:00","fare_was":"553.50","fare":"600.00","collect":"46.50"}
$ cs-order ls -o ref,amount,paid -O ref:E302
E302	600.00	553.50
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE302\tTX-E302b\t46.50\t2026-11-23 10:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup | wc -l
0
$ cs-refund quote ref:E302
O3	600.00	30.00	570.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
EOF

t 'the windows: 48 hours or less, the ticket date; more, the presale period' <<'EOF'
$ cs-order rebook -S '2026-11-25 07:00' ref:E303 553.50
! cs-order: O4: rail: 2d or less before departure, to a train leaving before 24:00 of the ticket's date
? 65
$ cs-order rebook -S '2026-11-23 09:00' ref:E303 553.50
! cs-order: O4: rail: the new train has left
? 65
$ cs-order rebook -S '2026-11-24 23:59' ref:E303 553.50
O4
$ cs-order rebook -S '2026-12-08 10:01' ref:E304 553.50
! cs-order: O5: rail: more than 2d before departure, to a train within the 15d presale period
? 65
$ cs-order rebook -S '2026-12-08 10:00' ref:E304 553.50
O5
$ cs-order rebook -S '2026-11-23 12:00' ref:E305 553.50
! cs-order: O6: rail: no change after departure
? 65
$ cs-order rebook -S '2026-11-30 12:00' ref:G1 99
! cs-order: O7: a goods order is not rebooked
? 65
$ cs-order rebook -S soon ref:E305 553.50
! cs-order: departure soon: not a time
? 65
$ cs-order rebook -S '2026-11-30 12:00' ref:E305 0
! cs-order: fare 0: more than zero
? 65
$ cs-order rebook ref:E305 553.50 2>&1 | head -n 1
usage: cs-order rebook -S departure order fare
EOF

t 'the rules are the fee schedule of cs.conf, 12306 built in' <<'EOF'
$ cs-report config | grep '^fee rail change'
fee rail change 1 2d 15d
fee rail change-keep 8d 5.00%
$ printf 'fee rail change 2 48h 30d\nfee rail change-keep none\n' >> cs.conf
$ cs-order rebook -S '2026-12-20 08:00' ref:E304 553.50
O5
$ cs-refund quote ref:E304
O5	553.50	0.00	553.50	rail: 8d or more before service, free
$ cp cs.conf own.conf && printf 'fee rail change none\n' >> own.conf
$ cs-order -c own.conf rebook -S '2026-12-21 08:00' ref:E304 553.50
! cs-order: O5: a rail order is not rebooked
? 65
$ printf 'fee rail change 1 48h\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: usage: fee rail change TIMES EDGE PRESALE | fee rail change none | fee rail change-keep SPAN PERCENT% | fee rail change-keep none
? 78
EOF

done_testing
