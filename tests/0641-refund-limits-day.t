#!/bin/sh
# Approval limits hold per agent and per order over the desk's day, not
# per refund: what an agent let go of today (approved by their own
# limit, or by approving) and what was asked for on the order today
# (requested, approved, sent or paid) count, so ten refunds of 500.00
# on one order are not all approved without a supervisor.  And a second
# refund of the same amount and reason on one order is not "already
# done" silently: the derived key says why, and -k makes another.
. "$(dirname "$0")/lib.sh"

t 'an order of 10,000.00, paid' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t10000\tpaid\t13800138000\t张三\nG2\tgoods\t10000\tpaid\t13900139000\t李四\nG3\tgoods\t100\tpaid\t13700137000\t王五\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: stdin:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: stdin:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t10000\t-1d\nG2\tTX2\t10000\t-1d\nG3\tTX3\t100\t-1d\n' | CS_AGENT=fin cs-order import -P -q
EOF

t 'ten refunds of 500.00 on one order by one agent: one approved, nine wait' <<'EOF'
$ for i in 1 2 3 4 5 6 7 8 9 10; do cs-refund request -r goodwill -k part$i ref:G1 500; done | paste -sd' '
R1 R2 R3 R4 R5 R6 R7 R8 R9 R10
$ cs-refund ls -o status -O ref:G1 | sort | uniq -c | awk '{ print $2, $1 }'
approved 1
requested 9
$ cs-refund approve R2
! cs-refund: R2: requested by alice, who cannot also approve it
? 77
$ CS_AGENT=bob cs-refund approve R2
! cs-refund: R2: 500.00 would make O1's refunds today 5000.00, above bob's limit of 500.00
? 77
EOF

t 'split over two agents or two orders, the day still counts' <<'EOF'
$ CS_AGENT=bob cs-refund request -r goodwill -k bob1 ref:G2 300
R11
$ cs-refund request -r goodwill -k alice1 ref:G2 100
R12
$ cs-refund request -r goodwill -k alice2 ref:G3 1
R13
$ CS_AGENT=bob cs-refund request -r goodwill -k bob2 ref:G2 150
R14
$ CS_AGENT=bob cs-refund request -r goodwill -k bob3 ref:G3 50
R15
$ cs-refund ls -o id,amount,status,requested_by | sed -n '11,$p'
R11	300.00	approved	bob
R12	100.00	requested	alice
R13	1.00	requested	alice
R14	150.00	requested	bob
R15	50.00	approved	bob
$ cs-refund request -r goodwill -k alice2 ref:G3 1
! cs-refund: R13: already requested, awaiting approval (same key)
$ CS_AGENT=bob cs-refund request -r goodwill -k bob3 ref:G3 50
! cs-refund: R15: already done (same key)
EOF

t 'a supervisor approves within her own limit of the day, and no further' <<'EOF'
$ for i in 2 3 4 5 6 7 8 9 10 12 14; do CS_AGENT=carol cs-refund approve R$i; done | wc -l
11
$ cs-refund request -r goodwill -k alice3 ref:G2 300
R16
$ CS_AGENT=carol cs-refund approve R16
! cs-refund: R16: 300.00 would make carol's refunds today 5050.00, above the limit of 5000.00
? 77
$ CS_AGENT=root cs-refund approve R16
R16
EOF

t 'a failed payout no longer counts; the next day starts again' <<'EOF'
$ CS_AGENT=fin cs-refund export | wc -l
15
$ printf 'R1\tfailed\n' | CS_AGENT=fin cs-refund settle
R1
$ cs-refund request -r goodwill -k after1 ref:G3 1
R17
$ cs-refund ls -o id,status -O ref:G3 | tail -n 1
R17	approved
$ cs-refund request -r goodwill -k after2 ref:G1 1
R18
$ cs-refund ls -o id,status -O ref:G1 | tail -n 1
R18	requested
$ CS_NOW='2026-11-24 00:30' cs-refund request -r goodwill -k nextday ref:G1 500
R19
$ cs-refund ls -o id,status -O ref:G1 | tail -n 1
R19	approved
EOF

# 00:40 in Shanghai is 16:40 UTC the day before, when bob had let go of
# 350.00 and G2 had 1,150.00 asked for.
t 'the day is the desk one (cs.conf timezone), whatever TZ the agent has' <<'EOF'
$ CS_NOW='2026-11-24T00:40:00+08:00' TZ=UTC CS_AGENT=bob cs-refund request -r goodwill -k utc ref:G2 150
R20
$ cs-refund ls -o id,status -O ref:G2 | tail -n 1
R20	approved
EOF

t 'the same amount twice on one order: the derived key says so, -k refunds again' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nT1\tgoods\t50\tpaid\t13600136000\t赵六\n' | cs-order import -q
! cs-order: stdin:2: O4 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nT1\tTX9\t50\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ CS_AGENT=root cs-refund request -r return ref:T1 25
R21
$ CS_AGENT=root cs-refund request -r return ref:T1 25
! cs-refund: R21: already done (same key)
! cs-refund: the key O4:2500:return is made of the order, the amount and the reason: to refund 25.00 again for return, give it a key of its own (-k KEY)
$ CS_AGENT=root cs-refund request -r return -k T1:item2 ref:T1 25
R22
$ CS_AGENT=root cs-refund request -r return -k T1:item2 ref:T1 25
! cs-refund: R22: already done (same key)
$ cs-order ls -o ref,paid,refunded -O ref:T1
T1	50.00	50.00
EOF

done_testing
