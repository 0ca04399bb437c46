#!/bin/sh
# Memberships (the cloud-drive desk): tiers in their configured order,
# an upgrade only, paid in full with no credit for the old tier.
. "$(dirname "$0")/lib.sh"

t 'tiers come from cs.conf in their order; a downgrade is refused' <<'EOF'
$ printf 'tier free basic pro team\n' >> cs.conf
$ cs-order customer add -N 王五 -p 13700137000 -t basic
C1
$ cs-order add -C C1 -i pro membership 30 M1
O1
$ cs-order add -C C1 -i free membership 0.01 M2
! cs-order: C1 is basic: a membership is only upgraded, to pro, team, never to free
? 65
$ cs-order add -C C1 -i basic membership 10 M2
! cs-order: C1 is basic: a membership is only upgraded, to pro, team, never to basic
? 65
$ cs-order add -C C1 -i vip2 membership 10 M2
! cs-order: unknown tier "vip2" (see tier in cs.conf)
? 65
$ cs-order customer set -t team C1
C1
$ cs-order add -C C1 -i pro membership 30 M3
! cs-order: C1 is team: a membership is only upgraded, never to pro
? 65
$ cs-order ls -o ref,item,status
M1	pro	placed
EOF

t 'an upgrade is active only when paid in full, with no credit for the old tier' <<'EOF'
$ cs-order customer set -t basic C1
C1
$ cs-order status paid O1
! cs-order: O1: nothing was paid on it: it is paid once a payment is recorded (cs-order import -P)
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTX1\t20\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P1
$ cs-order status paid O1
O1
$ cs-order status active O1
! cs-order: O1: paid 20.00 of 30.00: a membership is active only when paid in full (no credit for the old tier)
? 65
$ cs-order customer show C1 | grep '^tier'
tier     basic
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTX2\t9.99\t2026-11-23 09:05\n' | CS_AGENT=fin cs-order import -P
P2
$ cs-order status active O1
! cs-order: O1: paid 29.99 of 30.00: a membership is active only when paid in full (no credit for the old tier)
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTX3\t0.01\t2026-11-23 09:06\n' | CS_AGENT=fin cs-order import -P
P3
$ cs-order status active O1
O1
$ cs-order customer show C1 | grep '^tier'
tier     pro
$ cs-order history O1 -o action | tail -1
order.status
EOF

t 'a refund takes the money back out of what counts as paid' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -i team -T TX4 membership 100 M4
O2
$ CS_AGENT=carol cs-refund request -r goodwill O2 1 >/dev/null
$ cs-order status active O2
! cs-order: O2: paid 99.00 of 100.00: a membership is active only when paid in full (no credit for the old tier)
? 65
$ cs-order status expired O2
! cs-order: O2 is paid: a membership order can go to active, refunded
? 65
EOF

t 'instalments are not duplicate payments; what goes past the amount is' <<'EOF'
$ cs-order check --dup
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTX5\t5\t2026-11-23 09:20\nM1\tTX6\t30\t2026-11-23 09:30\n' | CS_AGENT=fin cs-order import -P
P5
P6
$ cs-order check --dup
O1	5.00	dup:P5	duplicate payment TX5
O1	30.00	dup:P6	duplicate payment TX6
$ cs-order check --dup | cs-refund batch -r duplicate-payment
R2
R3
! cs-refund: 2 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup
EOF

done_testing
