#!/bin/sh
# Orders at their second step: an older membership order of a lower
# tier made active after a higher one takes no tier away; a ride (or any
# order) whose money all went back does not go on as if paid for; a
# customer's tier in show, as in ls, is the one as of the clock; a grant
# that expired waiting is not approved, and zero points are said so.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
tier standard silver gold
membership silver 30d
membership gold 30d
CONF

t 'a lower membership made active after a higher one is refused' <<'EOF'
$ CS_AGENT=root cs-order customer add -N 李四 -p 13700137001
C1
$ cs-order add -C C1 -i silver membership 30 M3
O1
$ cs-order add -C C1 -i gold membership 60 M4
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM3\tTX3\t30\t2026-11-23 09:00\nM4\tTX4\t60\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order status paid O1 O2 >/dev/null
$ cs-order status active O2
O2
$ cs-order status active O1
! cs-order: C1 is gold: a membership is only upgraded, never to silver
? 65
$ cs-order customer ls -o id,tier,tier_until
C1	gold	2026-12-23T10:00:00+08:00
$ cs-order ls -o id,status
O1	paid
O2	active
EOF

t 'the tier shown is the one as of the clock' <<'EOF'
$ CS_NOW='2026-12-24 10:00' cs-order customer show C1 | grep -E '^(tier|until) '
tier     standard
until    2026-12-23 10:00
$ cs-ticket new -C C1 inquiry 会员问题
T1
$ CS_NOW='2026-12-24 10:00' cs-ticket show T1 | grep '^tier '
tier         standard
$ cs-ticket show T1 | grep '^tier '
tier         gold
$ CS_NOW='2026-12-24 10:00' cs-order customer show -j C1 | grep -o '"tier":"[a-z]*"'
"tier":"standard"
EOF

t 'a ride whose money all went back does not go on' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13800138010 -N 乘客 -L beijing -P 甲 -D 乙 -T TXR1 ride 80 RD1
O3
$ CS_NOW='2026-11-23 10:01' cs-order status accepted O3 >/dev/null
$ CS_NOW='2026-11-23 10:02' CS_AGENT=root cs-refund request -r goodwill O3 40 | cut -f1
R1
$ CS_NOW='2026-11-23 10:03' cs-order status arrived O3
O3
$ CS_NOW='2026-11-23 10:04' CS_AGENT=root cs-refund request -r goodwill -k rest O3 full | cut -f1
R2
$ CS_NOW='2026-11-23 10:05' cs-order status started O3
! cs-order: O3: all that was paid on it went back (refunded or asked back): a ride order whose money went back does not go on to started
? 65
$ CS_NOW='2026-11-23 10:05' cs-order status cancelled O3
O3
EOF

t 'a grant that expired waiting is not approved; zero points are no points' <<'EOF'
$ cs-refund grant add -t coupon -r compensation -e 1d C1 800 | cut -f1
G1
$ cs-refund grant ls -o id,status
G1	requested
$ CS_NOW='2026-11-26 09:00' CS_AGENT=carol cs-refund approve G1
! cs-refund: G1 expired on 2026-11-24 10:00 waiting for approval: reject it, or grant it again under a key of its own (grant add -k KEY; its own key is G1's)
? 65
$ CS_NOW='2026-11-26 09:00' cs-refund grant add -t coupon -r compensation -e 1d C1 800
! cs-refund: G1: already done (same key)
! cs-refund: G1 expired on 2026-11-24 10:00 waiting for approval, never granted: reject it, and grant again under a key of its own (grant add -k KEY)
$ CS_NOW='2026-11-26 09:00' cs-refund grant add -t coupon -r compensation -e 1d -k again:G1 C1 800 | cut -f1
G2
$ CS_NOW='2026-11-26 09:10' CS_AGENT=carol cs-refund approve G2
G2
$ cs-refund grant add -t points -r delay C1 0
! cs-refund: value 0: points are more than zero
? 65
EOF

done_testing
