#!/bin/sh
# Amounts in cs.conf are CNY: a rule with an amount (a fixed fee, a
# rounding step, a minimum, a ride's cancellation fee, an approval
# limit) is never applied to an order in another currency as if its
# minor units were yen; it is refused, naming the rule, the order and
# the currency.  Percentages apply in any currency.
. "$(dirname "$0")/lib.sh"

t 'a yen rail ticket: 12306 rounds to 0.50 CNY, so its fee is refused' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'J1\trail\t10000\tJPY\tissued\t13800138000\t张三\t2026-11-30 10:00\n' >> o.tsv
$ printf 'C1\trail\t100\tCNY\tissued\t13800138000\t张三\t2026-11-30 10:00\n' >> o.tsv
$ printf 'J2\tgoods\t10000\tJPY\tpaid\t13800138000\t张三\t\n' >> o.tsv
$ printf 'C2\tgoods\t100\tCNY\tpaid\t13800138000\t张三\t\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:5: O4 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\n' > p.tsv
$ printf 'J1\tT1\t10000\t2026-11-20 09:00\nC1\tT2\t100\t2026-11-20 09:00\n' >> p.tsv
$ printf 'J2\tT3\t10000\t2026-11-20 09:00\nC2\tT4\t100\t2026-11-20 09:00\n' >> p.tsv
$ CS_AGENT=fin cs-order import -P -q p.tsv
$ cs-refund quote ref:C1
O2	100.00	5.00	95.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-refund quote ref:J1
! cs-refund: O1: rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00: an amount in CNY, the order is in JPY and the fee schedule has no JPY amount (cs never converts currencies)
? 65
$ CS_AGENT=root cs-refund request -r cancellation ref:J1 full
! cs-refund: O1: rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00: an amount in CNY, the order is in JPY and the fee schedule has no JPY amount (cs never converts currencies)
? 65
$ cs-refund ls
EOF

t 'a fixed fee is CNY; a percentage applies in yen' <<'EOF'
$ printf 'fee goods band 0 fixed 5\n' >> "$CS_CONF"
$ cs-refund quote -o amount,fee,refund ref:C2
100.00	5.00	95.00
$ cs-refund quote ref:J2
! cs-refund: O3: goods: any time, fixed 5.00: an amount in CNY, the order is in JPY and the fee schedule has no JPY amount (cs never converts currencies)
? 65
$ sed -i 's/^fee goods band 0 fixed 5$/fee goods band 0 10%/' "$CS_CONF"
$ cs-refund quote -o amount,fee,refund,currency ref:J2
10000	1000	9000	JPY
EOF

t 'a ride in yen: its city fee is CNY, refused in both commands' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcity\n' > r.tsv
$ printf 'D1\tride\t3000\tJPY\taccepted\t13800138000\tshanghai\n' >> r.tsv
$ CS_NOW='2026-11-23 09:58' cs-order import -q r.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD1\tT5\t3000\t2026-11-23 09:58\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order cancel-fee ref:D1
! cs-order: O5: *: 2m or more after the driver accepted, fixed 5.00: an amount in CNY, the ride is in JPY and ride-cancel has no JPY amount (cs never converts currencies)
? 65
$ cs-refund quote ref:D1
! cs-refund: O5: *: 2m or more after the driver accepted, fixed 5.00: an amount in CNY, the ride is in JPY and ride-cancel has no JPY amount (cs never converts currencies)
? 65
EOF

t 'approval limits are CNY: a yen refund waits, says why, and no day total adds yen' <<'EOF'
$ cs-refund request -r goodwill ref:J2 200
R1
$ cs-refund request -r goodwill ref:C2 2
R2
$ cs-refund ls -o id,amount,status,currency
R1	200	requested	JPY
R2	2.00	approved	CNY
$ CS_AGENT=carol cs-refund approve R1
! cs-refund: R1: O3 is in JPY: approval limits are amounts in CNY, so carol's limit does not cover it
? 77
$ CS_AGENT=root cs-refund approve R1
R1
$ cs-refund ls -o id,status
R1	approved
R2	approved
$ sqlite3 "$CS_DB" "select agent, day, total from agent_day" | cut -d'|' -f1,3
alice|200
EOF
