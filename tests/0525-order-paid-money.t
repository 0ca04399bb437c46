#!/bin/sh
# An order's state follows its money where it is made too: cs-order add
# of a state that says it was paid needs the payment (-T txn, finance's,
# recorded and audited as import -P records it); an import records what
# the platform says, a paid order with nothing paid with a warning per
# line, and check --unpaid lists such orders until their payments come.
. "$(dirname "$0")/lib.sh"

t 'add: a paid state with nothing paid is refused, and changes nothing' <<'EOF2'
$ cs-order customer add -N 张三 -p 13800138000
C1
$ dbhash > before
$ cs-order add -C C1 -s paid goods 99 TB1
! cs-order: ref TB1: -s paid says it was paid, and nothing is: give the payment's transaction (-T txn), or add it placed and record its payment (cs-order import -P)
? 65
$ cs-order add -C C1 -s shipped goods 99 TB1
! cs-order: ref TB1: -s shipped says it was paid, and nothing is: give the payment's transaction (-T txn), or add it placed and record its payment (cs-order import -P)
? 65
$ cs-order add -C C1 -s issued rail 99 E1
! cs-order: ref E1: -s issued says it was paid, and nothing is: give the payment's transaction (-T txn), or add it booked and record its payment (cs-order import -P)
? 65
$ cs-order add -C C1 -i vip1 -s active membership 30 M1
! cs-order: ref M1: -s active says it was paid, and nothing is: give the payment's transaction (-T txn), or add it placed and record its payment (cs-order import -P)
? 65
$ cs-order add -C C1 deposit 99 BK1
! cs-order: ref BK1: a deposit is paid when it is made: give the payment's transaction (-T txn), or import it and then its payment (cs-order import, import -P)
? 65
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ cs-order add -C C1 -s cancelled goods 99 TB0
O1
$ cs-order add -C C1 -s completed ride 35 DD0
O2
EOF2

t 'add -T: paid in full by the transaction, in the same change, audited as a payment' <<'EOF2'
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 99 TB1
O3
$ cs-order ls -o id,status,paid -O O3
O3	paid	99.00
$ cs-order show -j O3 | grep -o '"payments":\[[^]]*\]'
"payments":[{"id":"P1","txn":"TX1","amount":"99.00","status":"ok","channel":null,"paid":"2026-11-23T10:00:00+08:00"}]
$ cs-order history -o agent,action,detail O3
fin	order.new	{"ref":"TB1","kind":"goods","status":"paid","amount":"99.00","currency":"CNY"}
fin	order.payment	{"payment":"P1","txn":"TX1","amount":"99.00","status":"ok"}
$ CS_AGENT=fin cs-order add -C C1 -T TX2 -s issued rail 204.95 E1
O4
$ CS_AGENT=fin cs-order add -C C1 -T TX3 ride 35 DD1
O5
$ CS_AGENT=root cs-order add -C C1 -T TX4 deposit 99 BK1
O6
$ cs-order ls -o id,kind,status,paid -O O4; cs-order ls -o id,kind,status,paid -O O5; cs-order ls -o id,kind,status,paid -O O6
O4	rail	issued	204.95
O5	ride	booked	35.00
O6	deposit	paid	99.00
$ cs-report audit --verify | sed 's/last .*/last/'
audit: 11 records, chain intact, last
EOF2

t 'add -T: the role that records payments, a transaction used once, a state after the unpaid ones' <<'EOF2'
$ dbhash > before
$ cs-order add -C C1 -T TX9 goods 50 TB2
! cs-order: alice may not record payments: that needs the role finance or admin (money-role payments in cs.conf)
? 77
$ CS_AGENT=carol cs-order add -C C1 -T TX9 goods 50 TB2
! cs-order: carol may not record payments: that needs the role finance or admin (money-role payments in cs.conf)
? 77
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 50 TB2
! cs-order: txn TX1: already P1, 99.00 on O3, ok
? 65
$ CS_AGENT=fin cs-order add -C C1 -T TX9 -s placed goods 50 TB2
! cs-order: ref TB2: -T TX9 says it was paid: a goods order paid is paid or later, not placed
? 65
$ CS_AGENT=fin cs-order add -C C1 -T TX9 -s returned deposit 50 BK2
! cs-order: ref BK2: a deposit order is returned by its refund: add it paid (-T txn), then refund it (cs-refund request -r deposit ref:BK2 full)
? 65
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ printf 'money-role payments finance,supervisor\n' >> cs.conf
$ CS_AGENT=carol cs-order add -C C1 -T TX9 goods 50 TB2
O7
EOF2

t 'import: a paid order with nothing paid is applied, with a warning per line' <<'EOF2'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > o.tsv
$ printf 'G1\tgoods\t10\tpaid\t13800138000\n' >> o.tsv
$ printf 'G2\tgoods\t20\tplaced\t13800138000\n' >> o.tsv
$ printf 'E2\trail\t30\tissued\t13800138000\n' >> o.tsv
$ printf 'E3\trail\t40\tcancelled\t13800138000\n' >> o.tsv
$ printf 'D2\tride\t50\tcompleted\t13800138000\n' >> o.tsv
$ printf 'K1\tdeposit\t60\tpaid\t13800138000\n' >> o.tsv
$ cs-order import o.tsv
! cs-order: o.tsv:2: O8 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O10 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:7: O13 paid with nothing paid on record: import its payments (cs-order import -P)
O8
O9
O10
O11
O12
O13
$ cs-order ls -o id,status,paid -s paid -k goods
O3	paid	99.00
O7	paid	50.00
O8	paid	0.00
EOF2

t 'check --unpaid lists them, with -H and -j like the other check listings' <<'EOF2'
$ cs-order check --unpaid
O10	0.00	unpaid:O10	rail order issued, nothing paid of 30.00
O8	0.00	unpaid:O8	goods order paid, nothing paid of 10.00
O13	0.00	unpaid:O13	deposit order paid, nothing paid of 60.00
$ cs-order -H check --unpaid
order	amount	key	detail
O10	0.00	unpaid:O10	rail order issued, nothing paid of 30.00
O8	0.00	unpaid:O8	goods order paid, nothing paid of 10.00
O13	0.00	unpaid:O13	deposit order paid, nothing paid of 60.00
$ cs-order check -j --unpaid
{"order":"O10","amount":"0.00","key":"unpaid:O10","detail":"rail order issued, nothing paid of 30.00"}
{"order":"O8","amount":"0.00","key":"unpaid:O8","detail":"goods order paid, nothing paid of 10.00"}
{"order":"O13","amount":"0.00","key":"unpaid:O13","detail":"deposit order paid, nothing paid of 60.00"}
$ cs-order check --unpaid | cs-refund batch -r goodwill
! cs-refund: stdin:1: O10: nothing was paid on it
! cs-refund: stdin:2: O8: nothing was paid on it
! cs-refund: stdin:3: O13: nothing was paid on it
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 3 rejected
? 65
EOF2

t 'the payments follow: the orders leave --unpaid; the same import again warns only for what is still unpaid' <<'EOF2'
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTXG1\t10\t2026-11-23 09:00\nE2\tTXE2\t30\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P6
P7
$ cs-order check --unpaid
O13	0.00	unpaid:O13	deposit order paid, nothing paid of 60.00
$ cs-order import o.tsv
! cs-order: o.tsv:7: O13 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\tstatus\nK1\tTXK1\t60\t2026-11-23 09:00\tfailed\n' | CS_AGENT=fin cs-order import -P
P8
$ cs-order check --unpaid
O13	0.00	unpaid:O13	deposit order paid, nothing paid of 60.00
$ printf 'order_ref\ttxn\tamount\tpaid_at\nK1\tTXK2\t60\t2026-11-23 09:05\n' | CS_AGENT=fin cs-order import -P
P9
$ cs-order import o.tsv
$ cs-order check --unpaid
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nG2\tgoods\t20\tshipped\t13800138000\n' | cs-order import
! cs-order: stdin:2: O9 shipped with nothing paid on record: import its payments (cs-order import -P)
O9
$ cs-order check --unpaid --dup
O9	0.00	unpaid:O9	goods order shipped, nothing paid of 20.00
EOF2

t 'by hand too: no state that says it was paid while nothing is; a ticket refunded only by its refund' <<'EOF2'
$ dbhash > before
$ cs-order status received O9
! cs-order: O9: nothing was paid on it, and a received goods order was paid: record its payment first (cs-order import -P)
? 65
$ CS_AGENT=fin cs-order add -C C1 -T TXR1 -s refunded rail 30 E9
! cs-order: ref E9: a rail order is refunded by its refund: add it paid (-T txn), then refund it (cs-refund request -r cancellation ref:E9 full)
? 65
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ CS_AGENT=fin cs-order add -C C1 -T TXR1 -s issued -S '2026-12-30 08:00' rail 30 E9
O14
$ cs-order status refunded O14
! cs-order: O14: a rail order is refunded by its refund: refund what was paid first (cs-refund request -r cancellation O14 full)
? 65
$ cs-refund request -r cancellation O14 full | cut -f1
R1
$ cs-order status refunded O14
O14
$ cs-order ls -o id,status,paid,refunded -O O14
O14	refunded	30.00	30.00
EOF2

t 'the second steps: its payment come, the order moves on; the refund a ticket refunded stands on is not rejected' <<'EOF2'
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG2\tTXG2\t20\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P11
$ cs-order status received O9
O9
$ dbhash > before
$ CS_AGENT=carol cs-refund reject -r 退错了 R1
! cs-refund: R1: O14 is refunded by its refunds: rejecting 30.00 of them would leave less than the 30.00 paid refunded
? 65
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ cs-order ls -o id,status,paid,refunded -O O14
O14	refunded	30.00	30.00
EOF2

t 'a payment file again with another time for a known payment: said, the recorded one stays' <<'EOF2'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nTB92\tgoods\t50\tplaced\t13800138111\t李四\n' | cs-order import -q
$ printf 'order_ref\ttxn\tamount\tpaid_at\nTB92\tTXB2\t50\t2026-11-22 09:00\n' > p1.tsv
$ CS_AGENT=fin cs-order import -P p1.tsv | sed 's/P[0-9]*/P/'
P
$ printf 'order_ref\ttxn\tamount\tpaid_at\nTB92\tTXB2\t50\t2026-11-22 09:01\n' > p2.tsv
$ dbhash > before
$ CS_AGENT=fin cs-order import -P -q p2.tsv 2>&1 | sed 's/P[0-9][0-9]*/P/g'
cs-order: p2.tsv:2: txn TXB2: paid_at 2026-11-22 09:01 is not P's 2026-11-22 09:00; P stays as recorded
$ dbhash | cmp -s - before && echo unchanged
unchanged
$ CS_AGENT=fin cs-order import -P -q p1.tsv
EOF2

done_testing
