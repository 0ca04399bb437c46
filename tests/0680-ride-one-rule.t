#!/bin/sh
# One Didi cancellation rule: cs-order cancel-fee and cs-refund quote
# give the same answer for the same ride at the same moment, from the
# city's ride-cancel rules; a city may be written 北京 as well as beijing.
. "$(dirname "$0")/lib.sh"

t 'a ride no driver has accepted: free, in both' <<'EOF'
$ cs-order add -C 13800138000 -N 张三 -L shanghai -P 人民广场 -D 虹桥站 ride 80 D1
O1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD1\tTX1\t80\t2026-11-23 10:00\n' | CS_AGENT=fin cs-order import -P -q
$ CS_NOW='2026-11-23 10:05' cs-order cancel-fee O1
O1	80.00	0.00	*: no driver has accepted yet, free
$ CS_NOW='2026-11-23 10:05' cs-refund quote O1
O1	80.00	0.00	80.00	*: no driver has accepted yet, free
EOF

t 'accepted, within the free window and after it: the same in both' <<'EOF'
$ CS_NOW='2026-11-23 10:06' cs-order status accepted O1
O1
$ CS_NOW='2026-11-23 10:07:59' cs-order cancel-fee O1
O1	80.00	0.00	*: within 2m of the driver accepting, free
$ CS_NOW='2026-11-23 10:07:59' cs-refund quote O1
O1	80.00	0.00	80.00	*: within 2m of the driver accepting, free
$ CS_NOW='2026-11-23 10:08' cs-order cancel-fee O1
O1	80.00	5.00	*: 2m or more after the driver accepted, fixed 5.00
$ CS_NOW='2026-11-23 10:08' cs-refund quote O1
O1	80.00	5.00	75.00	*: 2m or more after the driver accepted, fixed 5.00
$ CS_NOW='2026-11-23 10:21:01' cs-refund quote O1
O1	80.00	0.00	80.00	*: the driver is late (due by 2026-11-23 10:21), free
$ CS_NOW='2026-11-23 10:10' cs-order status arrived O1
O1
$ CS_NOW='2026-11-23 10:12' cs-order cancel-fee O1
O1	80.00	10.00	*: the driver has arrived, fixed 10.00
$ CS_NOW='2026-11-23 10:12' cs-refund quote O1 40
O1	40.00	10.00	30.00	*: the driver has arrived, fixed 10.00
EOF

t 'the desk cancels: both give what was recorded, later as well' <<'EOF'
$ CS_NOW='2026-11-23 10:12' cs-order status cancelled O1
O1
$ CS_NOW='2026-11-24 10:00' cs-order cancel-fee O1
O1	80.00	10.00	cancelled: *: the driver has arrived, fixed 10.00
$ CS_NOW='2026-11-24 10:00' cs-refund quote O1
O1	80.00	10.00	70.00	cancelled: *: the driver has arrived, fixed 10.00
EOF

t 'a ride the platform reports cancelled: the rules when the desk recorded it' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcity\nD2\tride\t30\taccepted\t13800138000\tshanghai\n' | CS_NOW='2026-11-23 09:00' cs-order import
O2
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcity\nD2\tride\t30\tcancelled\t13800138000\tshanghai\n' | CS_NOW='2026-11-23 09:05' cs-order import -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD2\tTX2\t30\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order cancel-fee O2
O2	30.00	5.00	cancelled: *: 2m or more after the driver accepted, fixed 5.00
$ cs-refund quote O2
O2	30.00	5.00	25.00	cancelled: *: 2m or more after the driver accepted, fixed 5.00
$ cs-refund request -r cancellation O2 full
R1
$ cs-refund ls -o id,amount,fee,refund,rule
R1	30.00	5.00	25.00	cancelled: *: 2m or more after the driver accepted, fixed 5.00
EOF

t 'a ride under way or done is not cancelled, in both alike' <<'EOF'
$ cs-order add -C 13800138000 -s started ride 50 D3
O3
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD3\tTX3\t50\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order cancel-fee O3
! cs-order: O3 is started: only a ride booked, accepted or arrived is cancelled
? 65
$ cs-refund quote O3
! cs-refund: O3 is started: only a ride booked, accepted or arrived is cancelled
? 65
$ cs-refund request -r compensation O3 10
R2
EOF

t 'a ride paid twice: the cancellation fee on the price, the second payment whole' <<'EOF'
$ cs-order add -C 13800138000 ride 40 D4
O4
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD4\tTX4\t40\t2026-11-23 09:00\nD4\tTX5\t40\t2026-11-23 09:01\n' | CS_AGENT=fin cs-order import -P -q
$ CS_NOW='2026-11-23 10:00' cs-order status accepted O4
O4
$ CS_NOW='2026-11-23 10:11' cs-order status arrived O4
O4
$ cs-order cancel-fee O4
O4	40.00	10.00	*: the driver has arrived, fixed 10.00
$ cs-refund quote O4
O4	80.00	10.00	70.00	*: the driver has arrived, fixed 10.00
EOF

t 'a city in Chinese: its own rules, in cs.conf, orders, imports and listings' <<'EOF'
$ printf 'ride-cancel 北京 free=5m fee=8\n' >> cs.conf
$ cs-order add -C 13800138000 -L 北京 ride 30 D5
O5
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcity\nD6\tride\t20\tbooked\t13800138000\t北京\nD7\tride\t20\tbooked\t13800138000\tbeijing\n' | cs-order import
O6
O7
$ cs-order status accepted O5 O6 O7
O5
O6
O7
$ CS_NOW='2026-11-23 10:04' cs-order cancel-fee O5 O6 O7
O5	30.00	0.00	北京: within 5m of the driver accepting, free
O6	20.00	0.00	北京: within 5m of the driver accepting, free
O7	20.00	5.00	*: 2m or more after the driver accepted, fixed 5.00
$ CS_NOW='2026-11-23 10:05' cs-order cancel-fee O5
O5	30.00	8.00	北京: 5m or more after the driver accepted, fixed 8.00
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD5\tTX6\t30\t2026-11-23 10:00\n' | CS_AGENT=fin cs-order import -P -q
$ CS_NOW='2026-11-23 10:05' cs-refund quote O5
O5	30.00	8.00	22.00	北京: 5m or more after the driver accepted, fixed 8.00
$ cs-order ls -o ref,city -k ride | grep D[567]
D5	北京
D6	北京
D7	beijing
$ cs-report config | grep '^ride-cancel 北京'
ride-cancel 北京 free=5m fee=8.00 arrived-fee=10.00 reserved-free=1h reserved-fee=10.00 late=15m
EOF

t 'a city is one word: letters of any script, digits, . - _' <<'EOF'
$ cs-order add -C 13800138000 -L '北京 ' ride 10 D9
! cs-order: city "北京 ": letters (北京 or beijing), digits, '.', '-', '_'
? 65
$ cs-order add -C 13800138000 -L 北京，上海 ride 10 D9
! cs-order: city "北京，上海": letters (北京 or beijing), digits, '.', '-', '_'
? 65
$ printf 'ride-cancel 北京，上海 free=5m\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: ride-cancel 北京，上海: a city is letters (北京 or beijing), digits, '.', '-', '_', or *
? 78
$ printf 'fee ride band 0 fixed 5\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: fee ride: a ride's cancellation fee is its city's ride-cancel rules
? 78
EOF

done_testing
