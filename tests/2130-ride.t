#!/bin/sh
# Rides (the Didi desk): cancellation rules per city, special-needs
# passengers flagged with a tighter SLA, pickup and destination changes
# in the history.
. "$(dirname "$0")/lib.sh"

t 'a real-time ride: free before and just after accepting, then a fee' <<'EOF'
$ cs-order add -C 13800138000 -N 张三 -L shanghai -P 人民广场 -D 虹桥站 ride 80 D1
O1
$ cs-order cancel-fee O1
O1	80.00	0.00	*: no driver has accepted yet, free
$ CS_NOW='2026-11-23 10:01' cs-order status accepted O1
O1
$ CS_NOW='2026-11-23 10:02:59' cs-order cancel-fee O1
O1	80.00	0.00	*: within 2m of the driver accepting, free
$ CS_NOW='2026-11-23 10:03' cs-order cancel-fee -H O1
order	amount	fee	rule
O1	80.00	5.00	*: 2m or more after the driver accepted, fixed 5.00
$ CS_NOW='2026-11-23 10:16' cs-order cancel-fee O1
O1	80.00	5.00	*: 2m or more after the driver accepted, fixed 5.00
$ CS_NOW='2026-11-23 10:16:01' cs-order cancel-fee O1
O1	80.00	0.00	*: the driver is late (due by 2026-11-23 10:16), free
$ CS_NOW='2026-11-23 10:10' cs-order status arrived O1
O1
$ CS_NOW='2026-11-23 10:20' cs-order cancel-fee O1
O1	80.00	10.00	*: the driver has arrived, fixed 10.00
$ cs-order ls -o id,city,accepted,arrived
O1	shanghai	2026-11-23T10:01:00+08:00	2026-11-23T10:10:00+08:00
EOF

t 'each city its own rules, from those of every city' <<'EOF'
$ printf 'ride-cancel beijing free=5m fee=8 late=20m\nride-cancel * arrived-fee=12\n' >> cs.conf
$ cs-order add -C 13800138000 -L beijing ride 3 D2
O2
$ CS_NOW='2026-11-23 10:00' cs-order status accepted O2
O2
$ CS_NOW='2026-11-23 10:04' cs-order cancel-fee O2
O2	3.00	0.00	beijing: within 5m of the driver accepting, free
$ CS_NOW='2026-11-23 10:05' cs-order cancel-fee O2
O2	3.00	3.00	beijing: 5m or more after the driver accepted, fixed 3.00
$ CS_NOW='2026-11-23 10:20' cs-order cancel-fee O1
O1	80.00	12.00	*: the driver has arrived, fixed 12.00
$ cs-report config | grep '^ride-cancel'
ride-cancel * free=2m fee=5.00 arrived-fee=12.00 reserved-free=1h reserved-fee=10.00 late=15m
ride-cancel beijing free=5m fee=8.00 arrived-fee=10.00 reserved-free=1h reserved-fee=10.00 late=20m
EOF

t 'a reserved ride: free until the lead time before pickup; no fee when the driver is late' <<'EOF'
$ cs-order add -C 13800138000 -S '2026-11-23 18:00' -P 家 -D 浦东机场 ride 150 D3
O3
$ CS_NOW='2026-11-23 16:59:59' cs-order cancel-fee O3
O3	150.00	0.00	*: reserved, 1h or more before pickup, free
$ CS_NOW='2026-11-23 17:00' cs-order cancel-fee O3
O3	150.00	0.00	*: reserved, 1h or more before pickup, free
$ CS_NOW='2026-11-23 17:00:01' cs-order cancel-fee O3
O3	150.00	10.00	*: reserved, under 1h before pickup, fixed 10.00
$ CS_NOW='2026-11-23 12:00' cs-order status accepted O3
O3
$ CS_NOW='2026-11-23 18:15' cs-order cancel-fee O3
O3	150.00	10.00	*: reserved, under 1h before pickup, fixed 10.00
$ CS_NOW='2026-11-23 18:15:01' cs-order cancel-fee O3
O3	150.00	0.00	*: the driver is late (due by 2026-11-23 18:15), free
EOF

t 'the desk cancelling records the fee, and a cancellation refund charges it' <<'EOF'
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD3\tTX3\t150\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P1
$ CS_NOW='2026-11-23 17:30' cs-order status cancelled O3
O3
$ cs-order ls -o id,status,cancel_fee,cancel_rule -O O3
O3	cancelled	10.00	*: reserved, under 1h before pickup, fixed 10.00
$ cs-order history O3 -o agent,action,detail | tail -1
alice	order.status	{"from":"accepted","to":"cancelled","cancel_fee":"10.00","rule":"*: reserved, under 1h before pickup, fixed 10.00"}
$ CS_NOW='2026-11-23 17:31' cs-refund quote O3
O3	150.00	10.00	140.00	cancelled: *: reserved, under 1h before pickup, fixed 10.00
$ CS_NOW='2026-11-23 17:31' cs-refund request -r cancellation O3 full
R1
$ cs-refund ls -o id,amount,fee,refund
R1	150.00	10.00	140.00
EOF

t 'what cannot be cancelled, and bad rules' <<'EOF'
$ cs-order status arrived O2 && cs-order status started O2
O2
O2
$ cs-order cancel-fee O2
! cs-order: O2 is started: only a ride booked, accepted or arrived is cancelled
? 65
$ cs-order status cancelled O2
! cs-order: O2 is started: a ride order can go to completed
? 65
$ CS_AGENT=fin cs-order add -C 13800138000 -T TXG1 goods 10 G1
O4
$ cs-order cancel-fee O4 O9 ref:D1
O1	80.00	12.00	*: the driver has arrived, fixed 12.00
! cs-order: O4 is a goods order, not a ride
! cs-order: O9: no such order
? 1
$ cs-order add -C 13800138000 -L beijing goods 10 G2
! cs-order: city, pickup and destination are only for ride orders
? 65
$ cs-order add -C 13800138000 -L 'bei jing' ride 10 D9
! cs-order: city "bei jing": letters (北京 or beijing), digits, '.', '-', '_'
? 65
$ printf 'ride-cancel beijing free=soon\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: ride-cancel beijing free=soon: not a duration
? 78
$ printf 'ride-cancel beijing tip=5\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: ride-cancel beijing tip=5: unknown key (free fee arrived-fee reserved-free reserved-fee late)
? 78
$ printf 'ride-cancel beijing\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: usage: ride-cancel CITY KEY=VALUE...
? 78
EOF

t 'a change of pickup or destination is in the history, with who made it' <<'EOF'
$ CS_AGENT=bob CS_NOW='2026-11-23 10:05' cs-order route -D 虹桥机场T2 O1
O1
$ CS_AGENT=carol cs-order route -P 南京东路 -D 虹桥火车站 ref:D1
O1
$ cs-order history O1 -o agent,action,detail | grep route
bob	order.route	{"destination_was":"虹桥站","destination":"虹桥机场T2"}
carol	order.route	{"pickup_was":"人民广场","pickup":"南京东路","destination_was":"虹桥机场T2","destination":"虹桥火车站"}
$ cs-order show O1 | grep -E '^(pickup|destination)'
pickup      南京东路
destination 虹桥火车站
$ cs-order route -P 外滩 O2
! cs-order: O2 is started: its pickup can no longer change
? 65
$ cs-order route -D 外滩 O2
O2
$ cs-order route -D 外滩 O4
! cs-order: O4 is a goods order: only a ride has a pickup and a destination
? 65
$ cs-order route -D "$(printf 'a\tb')" O1
! cs-order: destination "a\tb": one line of text, at most 200 bytes
? 65
$ cs-order route O1 2>&1 | head -1
usage: cs-order route [-P pickup] [-D destination] [order ...]
EOF

t 'special-needs passengers: flagged in every listing, a tighter SLA' <<'EOF'
$ cs-order customer add -N 李奶奶 -p 13900139000 -n elderly,disabled
C2
$ cs-order add -C C2 -S '2026-11-24 08:00' ride 40 D5
O5
$ cs-order ls -C C2
O5	D5	ride	booked	40.00	CNY	C2	2026-11-24T08:00:00+08:00	2026-11-23T10:00:00+08:00	elderly,disabled
$ cs-ticket new -C C2 -O O5 inquiry 司机找不到上车点
T1
$ cs-ticket new -C 13800138000 inquiry 发票问题
T2
$ cs-ticket ls -H
id	status	category	kind	priority	channel	customer	order	assignee	subject	created	needs
T1	open	inquiry		normal	phone	C2	O5		司机找不到上车点	2026-11-23T10:00:00+08:00	elderly,disabled
T2	open	inquiry		normal	phone	C1			发票问题	2026-11-23T10:00:00+08:00	
$ cs-ticket show T1 | sed -n '9,11p'
tier         standard
needs        elderly,disabled
order        O5
$ cs-ticket show -j T1 | grep -o '"needs":"[a-z,]*"'
"needs":"elderly,disabled"
$ cs-order show O5 | grep '^needs'
needs     elderly,disabled
$ cs-ticket ls -j -o id,needs
{"id":"T1","needs":"elderly,disabled"}
{"id":"T2","needs":null}
$ cs-ticket ls -o id,sla,first_response_due,resolve_due
T1	special-needs	2026-11-23T10:10:00+08:00	2026-11-23T11:00:00+08:00
T2	inquiry	2026-11-23T11:00:00+08:00	2026-11-24T10:00:00+08:00
$ cs-report config | grep '^sla special-needs'
sla special-needs needs=elderly,pregnant,disabled respond 10m resolve 1h calendar 24x7
$ cp cs.conf own.conf && printf 'sla pregnant needs=pregnant respond 5m resolve 30m calendar 24x7\nsla default respond 8h resolve 24h calendar office\n' >> own.conf
$ cs-ticket -c own.conf new -C C2 inquiry 其他 >/dev/null
$ cs-order customer set -n pregnant C2
C2
$ cs-ticket -c own.conf new -C C2 inquiry 孕妇乘车 >/dev/null
$ cs-ticket ls -o id,sla,needs -C C2
T1	special-needs	pregnant
T3	default	pregnant
T4	pregnant	pregnant
$ printf 'sla x needs= respond 5m resolve 30m\n' > bad.conf
$ cs-ticket -c bad.conf ls
! cs-ticket: bad.conf:1: sla x: needs=: bad value
? 78
EOF

t 'a ride imported as accepted was accepted when it was recorded' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcity\nD0\tride\t20\taccepted\t13800138000\tshanghai\n' | CS_NOW='2026-11-23 09:00' cs-order import
O6
$ cs-order ls -o id,status,accepted,arrived -O ref:D0
O6	accepted	2026-11-23T09:00:00+08:00	
$ CS_NOW='2026-11-23 09:03' cs-order cancel-fee ref:D0
O6	20.00	5.00	*: 2m or more after the driver accepted, fixed 5.00
EOF

done_testing
