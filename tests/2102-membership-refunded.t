#!/bin/sh
# A membership refunded: moved to refunded once refunds of all that was
# paid are asked for, it gives the customer its tier no more (a renewal
# still running keeps its own term; a higher tier bought since stands),
# and a refund that keeps it refunded is not rejected.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
tier standard silver gold
membership silver 30d
membership gold 30d
CONF

t 'refunded in full, the tier ends now' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137001 -N 李四 -i gold -T TX1 membership 60 M1
O1
$ cs-order status active O1
O1
$ cs-order customer ls -o id,tier,tier_until
C1	gold	2026-12-23T10:00:00+08:00
$ CS_NOW='2026-11-25 10:00' cs-order status refunded O1
! cs-order: O1: a membership order is refunded by its refund: refund what was paid first (cs-refund request -r goodwill O1 full)
? 65
$ CS_NOW='2026-11-25 10:00' CS_AGENT=carol cs-refund request -r goodwill O1 full | cut -f1
R1
$ CS_NOW='2026-11-25 10:00' cs-order status refunded O1
O1
$ CS_NOW='2026-11-25 10:01' cs-order customer show C1 | grep -E '^(tier|until) '
tier     standard
until    2026-11-25 10:00
$ CS_NOW='2026-11-24 10:00' cs-report audit C1 -o action,detail | tail -1
customer.set	{"fields":"tier","tier":"gold","order":"O1","until":"2026-11-25T10:00:00+08:00"}
$ CS_NOW='2026-11-25 10:02' CS_AGENT=carol cs-refund reject -r mistake R1
! cs-refund: R1: O1 is refunded by its refunds: rejecting 60.00 of them would leave less than the 60.00 paid refunded
? 65
$ CS_NOW='2026-11-25 10:02' cs-order status active O1
! cs-order: O1 is refunded: a membership order can go to no other state
? 65
EOF

t 'a renewal refunded takes its own term off, the one before still runs' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137002 -N 王五 -i silver -T TX2 membership 30 M2
O2
$ cs-order status active O2 >/dev/null
$ CS_AGENT=fin cs-order add -C C2 -i silver -T TX3 membership 30 M3
O3
$ cs-order status active O3 >/dev/null
$ cs-order customer ls -o id,tier,tier_until -t silver
C2	silver	2027-01-22T10:00:00+08:00
$ CS_AGENT=carol cs-refund request -r goodwill O3 full | cut -f1
R2
$ cs-order status refunded O3
O3
$ cs-order customer ls -o id,tier,tier_until -t silver
C2	silver	2026-12-23T10:00:00+08:00
EOF

t 'a lower tier refunded after a higher one was bought takes nothing away' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137003 -N 赵六 -i silver -T TX4 membership 30 M4
O4
$ cs-order status active O4 >/dev/null
$ CS_AGENT=fin cs-order add -C C3 -i gold -T TX5 membership 60 M5
O5
$ cs-order status active O5 >/dev/null
$ CS_AGENT=carol cs-refund request -r goodwill O4 full | cut -f1
R3
$ cs-order status refunded O4
O4
$ cs-order customer ls -o id,tier,tier_until | grep C3
C3	gold	2026-12-23T10:00:00+08:00
EOF

t 'an upgrade refunded gives back the lower membership still running' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137004 -N 钱七 -i silver -T TX6 membership 30 M6
O6
$ cs-order status active O6 >/dev/null
$ CS_NOW='2026-11-25 10:00' CS_AGENT=fin cs-order add -C C4 -i gold -T TX7 membership 60 M7
O7
$ CS_NOW='2026-11-25 10:00' cs-order status active O7 >/dev/null
$ CS_NOW='2026-11-26 10:00' CS_AGENT=carol cs-refund request -r goodwill O7 full | cut -f1
R4
$ CS_NOW='2026-11-26 10:00' cs-order status refunded O7
O7
$ CS_NOW='2026-11-26 10:00' cs-order customer ls -o id,tier,tier_until | grep C4
C4	silver	2026-12-23T10:00:00+08:00
$ CS_NOW='2026-12-24 10:00' cs-order customer ls -o id,tier | grep C4
C4	standard
$ CS_NOW='2026-11-26 10:00' cs-report audit C4 -o action,detail | tail -1
customer.set	{"fields":"tier","tier":"silver","order":"O7","until":"2026-12-23T10:00:00+08:00"}
EOF

done_testing
