#!/bin/sh
# Membership tiers change only through the membership path: never set
# by hand, renewed by buying the same tier again (the term extends), and
# ended by their term, after which the customer is of the first tier as
# of that moment, in show, ls, a new ticket's policy and the reports.
. "$(dirname "$0")/lib.sh"

# The tests run into 2027: the office calendar knows its Spring Festival.
printf 'calendar office\nholiday 2027-02-06..2027-02-12 春节\n' >> "$CS_CONF"

t 'a membership tier is neither given nor taken by customer set' <<'EOF'
$ printf 'tier free basic pro team partner\nmembership basic 30d\nmembership pro 30d\nmembership team 30d\n' >> cs.conf
$ cs-order customer add -N 王五 -p 13700137000
C1
$ cs-order customer set -t pro C1
! cs-order: C1: pro is a membership: it is bought with a membership order (an upgrade, paid in full), not set
? 65
$ cs-order customer set -t partner C1
C1
$ cs-order customer set -t free C1
C1
$ cs-report config | grep '^membership'
membership basic 30d
membership pro 30d
membership team 30d
EOF

t 'bought and paid in full, a membership lasts its term; set cannot end it' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -i pro -T TX1 membership 30 M1
O1
$ cs-order status active O1
O1
$ cs-order customer show C1 | sed -n '/^tier/p; /^until/p'
tier     pro
until    2026-12-23 10:00
$ cs-order customer set -t free C1
! cs-order: C1 is pro, a membership: it ends when its term does, not by setting another tier
? 65
$ cs-order customer set -t partner C1
! cs-order: C1 is pro, a membership: it ends when its term does, not by setting another tier
? 65
EOF

t 'the same tier again is a renewal: the term runs on from its end' <<'EOF'
$ CS_AGENT=fin CS_NOW='2026-12-01 10:00' cs-order add -C C1 -i pro -T TX2 membership 30 M2
O2
$ CS_NOW='2026-12-01 10:00' cs-order status active O2
O2
$ cs-order customer show C1 | sed -n '/^until/p'
until    2027-01-22 10:00
$ CS_NOW='2026-12-01 10:00' cs-order add -C C1 -i basic membership 10 M3
! cs-order: C1 is pro: a membership is only upgraded, to team, partner, never to basic
? 65
EOF

t 'a membership that ended leaves the first tier, as of its end' <<'EOF'
$ CS_NOW='2027-01-10 10:00' cs-ticket new -C C1 inquiry 会员到期了吗
T1
$ CS_NOW='2027-01-22 09:59' cs-order customer ls -o id,tier
C1	pro
$ CS_NOW='2027-01-22 10:00' cs-order customer ls -o id,tier
C1	free
$ CS_NOW='2027-01-22 10:00' cs-order customer ls -o id -t free
C1
$ CS_NOW='2027-01-22 10:00' cs-order customer ls -o id -t pro
$ CS_NOW='2027-01-22 09:00' cs-report sla --since 2027-01-10 -g tier -o group,tickets
pro	1
all	1
$ CS_NOW='2027-01-23 09:00' cs-report sla --since 2027-01-10 -g tier -o group,tickets
free	1
all	1
$ CS_NOW='2027-01-23 09:00' cs-order add -C C1 -i basic membership 10 M3
O3
$ CS_NOW='2027-01-23 09:00' cs-order customer set -t partner C1
C1
EOF
