#!/bin/sh
# Order state follows money and the platform's clock: no order is paid
# with nothing paid, no deposit returned without its refund, an older
# import never moves an order back, --stuck counts from the platform's
# time of the state, and a phone that is not the customer's is reported.
. "$(dirname "$0")/lib.sh"

t 'paid only with a payment; a deposit returned only by its refund' <<'EOF'
$ cs-order customer add -N 张三 -p 13800138000 >/dev/null
$ cs-order add -C C1 goods 10 G0
O1
$ cs-order status paid O1
! cs-order: O1: nothing was paid on it: it is paid once a payment is recorded (cs-order import -P)
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG0\tTX0\t10\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order status paid O1
O1
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nD1\tdeposit\t99\tpaid\t13800138000\n' | cs-order import
! cs-order: stdin:2: O2 paid with nothing paid on record: import its payments (cs-order import -P)
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD1\tTXD\t99\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order status returned O2
! cs-order: O2: a deposit order is returned by its refund: refund what was paid first (cs-refund request -r deposit O2 full)
? 65
$ cs-refund request -r deposit O2 50
R1
$ cs-order status returned O2
! cs-order: O2: a deposit order is returned by its refund: refund what was paid first (cs-refund request -r deposit O2 full)
? 65
$ cs-refund request -r deposit O2 full
R2
$ cs-order status returned O2
O2
EOF

t 'an older import file never moves an order back' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tstatus_at\n' > new.tsv
$ printf 'G1\tgoods\t50\tshipped\t13800138000\t2026-11-22 10:00\n' >> new.tsv
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tstatus_at\n' > old.tsv
$ printf 'G1\tgoods\t50\tpaid\t13800138000\t2026-11-21 10:00\n' >> old.tsv
$ cs-order import new.tsv
! cs-order: new.tsv:2: O3 shipped with nothing paid on record: import its payments (cs-order import -P)
O3
$ cs-order import old.tsv
! cs-order: old.tsv:2: ref G1: paid is older than its shipped; not moved back
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nG1\tgoods\t50\tpaid\t13800138000\n' | cs-order import
! cs-order: stdin:2: ref G1: paid is older than its shipped; not moved back
$ cs-order ls -o id,status -O ref:G1
O3	shipped
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tstatus_at\nG1\tgoods\t50\treceived\t13800138000\t2026-11-23 09:00\n' | cs-order import
! cs-order: stdin:2: O3 received with nothing paid on record: import its payments (cs-order import -P)
O3
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tstatus_at\nG1\tgoods\t50\treturned\t13800138000\t2026-11-22 12:00\n' | cs-order import
! cs-order: stdin:2: ref G1: returned is older than its received; not moved back
$ cs-order history -o action,detail ref:G1 | tail -n 1
order.status	{"from":"shipped","to":"received"}
EOF

t '--stuck counts from the platform time of the state' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tstatus_at\nG2\tgoods\t20\tpaid\t13800138000\t2026-11-19 10:00\nG3\tgoods\t20\tpaid\t13800138000\t2026-11-22 10:00\n' | cs-order import
! cs-order: stdin:2: O4 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: stdin:3: O5 paid with nothing paid on record: import its payments (cs-order import -P)
O4
O5
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG2\tTX2\t20\t2026-11-19 10:00\nG3\tTX3\t20\t2026-11-22 10:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --stuck
O4	20.00	stuck:O4:1795053600	goods order paid for 4d (limit 3d)
EOF

t 'a phone other than the customer one on re-import is reported' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nG2\tgoods\t20\tshipped\t13900139000\n' > moved.tsv
$ cs-order import moved.tsv
! cs-order: moved.tsv:2: ref G2: customer_phone 139****9000 is not C1's (138****8000); the order stays C1's
O4
$ cs-order ls -o id,customer,status -O ref:G2
O4	C1	shipped
EOF

t 'a state reached before the order was made is refused, the line alone' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcreated_at\tstatus_at\nG9\tgoods\t20\tpaid\t13800138000\t2026-11-22 10:00\t2026-11-21 09:00\nG10\tgoods\t30\tpaid\t13800138000\t2026-11-22 10:00\t2026-11-22 10:00\n' > early.tsv
$ cs-order import -q early.tsv
! cs-order: early.tsv:2: status_at 2026-11-21 09:00 is before created_at 2026-11-22 10:00: an order reaches its state after it is made
! cs-order: early.tsv:3: O6 paid with nothing paid on record: import its payments (cs-order import -P)
? 1
$ cs-order ls -o ref -O ref:G9
! cs-order: ref:G9: no such order
? 66
EOF

t 'a known ref whose line gives another time or place: said, field by field; the order keeps its own' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tservice_at\tcreated_at\n' > rail.tsv
$ cp rail.tsv rail2.tsv
$ printf 'E7\trail\t100\tissued\t13800138000\t2026-11-30 10:00\t2026-11-20 10:00\n' >> rail.tsv
$ printf 'E7\trail\t100\tissued\t13800138000\t2026-11-30 18:00\t2026-11-20 11:00\n' >> rail2.tsv
$ cs-order import -q rail.tsv 2>/dev/null
$ dbhash > h1
$ cs-order import -q rail.tsv 2>&1 | grep -c 'not taken'
0
? 1
$ cs-order import -q rail2.tsv 2>&1 | grep 'not taken'
cs-order: rail2.tsv:2: ref E7: already O7; the line's service_at, created_at not taken (O7 keeps its own)
$ dbhash h1
unchanged
$ cs-order ls -o id,service -O ref:E7
O7	2026-11-30T10:00:00+08:00
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcity\tpickup\tdestination\n' > ride.tsv
$ cp ride.tsv ride2.tsv
$ printf 'RD1\tride\t30\tcompleted\t13800138000\tbeijing\t西直门\t国贸\n' >> ride.tsv
$ printf 'RD1\tride\t30\tcompleted\t13800138000\tbeijing\t西直门站\t\n' >> ride2.tsv
$ cs-order import -q ride.tsv
$ cs-order import -q ride2.tsv 2>&1 | grep 'not taken'
cs-order: ride2.tsv:2: ref RD1: already O8; the line's pickup not taken (O8 keeps its own)
$ printf 'RD2\tride\t30\tbooked\t13800138000\tbeijing\t西直门\t国贸\n' > ride3.tsv
$ cat ride.tsv | head -n 1 > ride4.tsv; cat ride3.tsv >> ride4.tsv; cs-order import -q ride4.tsv
$ cs-order route -P 西直门北 ref:RD2
O9
$ sed 's/booked/accepted/' ride4.tsv > ride5.tsv; cs-order import -q ride5.tsv
$ cs-order ls -o id,status,pickup -O ref:RD2
O9	accepted	西直门北
$ cs-order add -C C1 -L shanghai ride 30 RD2
! cs-order: ref RD2: booked is older than its accepted; not moved back
! cs-order: ref RD2: already O9
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE7\tTXE7\t100\t2026-11-22 10:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order rebook -S '2026-12-01 19:00' ref:E7 90
O7
$ sed 's/issued/used/' rail.tsv > rail3.tsv; cs-order import -q rail3.tsv
$ cs-order ls -o id,amount,status,service -O ref:E7
O7	90.00	used	2026-12-01T19:00:00+08:00
EOF
