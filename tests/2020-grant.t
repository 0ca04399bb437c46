#!/bin/sh
# cs-refund grant: coupons and points as compensation, under the same
# approval limits, keys and audit as refunds, and counted in
# cs-report refunds beside the money.
#
# By hand (a point is worth 0.01 by default; alice's limit is 500.00,
# carol's 5000.00):
#   G1 coupon 20.00 to C1, approved by alice
#   G2 500 points (5.00) to C2, approved by alice
#   G3 60000 points (600.00) waits; carol approves it
#   G4 coupon 501.00 waits; carol rejects it
#   at 10:00 by reason: compensation 1 coupon 20.00, delay 60500 points;
#   goodwill has only the rejected coupon, so nothing is counted
. "$(dirname "$0")/lib.sh"

t 'a passenger and a guest' <<'EOF'
$ cs-order customer add -N 王乘客 -p 13800138000 -r passenger
C1
$ cs-order customer add -N 李房客 -p 13900139000 -r guest
C2
$ CS_AGENT=fin cs-order add -C C2 -T TX1 deposit 99 BK1 >/dev/null
EOF

t 'a coupon within the limit: approved, 30 days to use it, audited' <<'EOF'
$ cs-refund grant add -t coupon -r compensation -m 司机绕路 tel:13800138000 20
G1
$ cs-refund grant add -t coupon -r compensation C1 20
! cs-refund: G1: already done (same key)
$ cs-refund grant add -t coupon -r compensation -k C1:coupon:2000:compensation C1 30
! cs-refund: key C1:coupon:2000:compensation: already G1, coupon 20.00 to C1
? 65
$ cs-refund grant ls -H
id	customer	kind	value	worth	status	reason	expires
G1	C1	coupon	20.00	20.00	approved	compensation	2026-12-23T10:00:00+08:00
$ cs-report audit -o agent,action,detail G1
alice	grant.request	{"customer":"C1","kind":"coupon","value":"20.00","worth":"20.00","expires":"2026-12-23T10:00:00+08:00","reason":"compensation","key":"C1:coupon:2000:compensation","status":"approved"}
EOF

t 'points, worth a fen each; above the limit they wait for carol' <<'EOF'
$ cs-refund grant add -t points -r delay -e 7d -O ref:BK1 C2 500
G2
$ cs-refund grant add -t points -r delay -e 2027-01-31 C2 60000
G3
$ cs-refund grant ls -s requested -o id,value,worth,expires
G3	60000	600.00	2027-01-31T00:00:00+08:00
$ cs-refund approve G3
! cs-refund: G3: worth 600.00, above alice's limit of 500.00
? 77
$ CS_AGENT=carol cs-refund approve G3
G3
$ cs-refund grant ls -C tel:13900139000 -o id,order,kind,value,worth,status,requested_by,decided_by
G2	O1	points	500	5.00	approved	alice	alice
G3		points	60000	600.00	approved	alice	carol
$ cs-refund approve G3
! cs-refund: G3 is approved: cannot approve it
? 65
EOF

t 'a rejection needs a reason; refunds and grants go through one approve' <<'EOF'
$ cs-refund grant add -t coupon -r goodwill C2 501
G4
$ CS_AGENT=carol cs-refund reject G4
! usage: cs-refund reject -r why [ID ...]
? 64
$ CS_AGENT=carol cs-refund reject -r 超出补偿标准 G4
G4
$ cs-refund grant show G4 | grep -E '^(status|note|decided)'
status    rejected
note      超出补偿标准
decided   carol
$ CS_AGENT=carol cs-refund approve G4 T1 R7
! cs-refund: G4 is rejected: cannot approve it
! cs-refund: T1 is a ticket, not a refund
! cs-refund: R7: no such refund
? 1
EOF

t 'the refund report counts coupons and points beside the money, as of a moment' <<'EOF'
$ cs-report -H refunds --day today
group	refunds	amount	fee	net	waiting	rejected	coupons	coupon_value	points	currency
compensation	0	0.00	0.00	0.00	0	0	1	20.00	0	CNY
delay	0	0.00	0.00	0.00	0	0	0	0.00	60500	CNY
goodwill	0	0.00	0.00	0.00	0	0	0	0.00	0	CNY
all	0	0.00	0.00	0.00	0	0	1	20.00	60500	CNY
$ cs-report refunds --day today -g kind -o group,coupons,points
-	1	60000
deposit	0	500
all	1	60500
$ CS_NOW='2026-11-24 09:00' cs-refund request -r deposit ref:BK1 full
R1
$ CS_NOW='2026-11-24 09:00' cs-report refunds --week today -g status
approved	1	99.00	0.00	99.00	0	0	1	20.00	60500	CNY
rejected	0	0.00	0.00	0.00	0	0	0	0.00	0	CNY
all	1	99.00	0.00	99.00	0	0	1	20.00	60500	CNY
EOF

t 'a batch is safe to re-run; -A grants nothing when a line is bad' <<'EOF'
$ printf 'C1\t10\nC2\t10\tapology-C2\n13800138000\t10\n' > b.tsv
$ cs-refund grant batch -t coupon -r service-failure -e 14d b.tsv
G5
G6
! cs-refund: 2 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund grant batch -t coupon -r service-failure b.tsv
! cs-refund: 0 applied, 3 already done, 0 awaiting approval, 0 rejected
$ printf 'C1\t10.5\nC9\t10\nC2\t0\nC2\n' | cs-refund grant batch -A -t coupon -r goodwill
! cs-refund: stdin:2: C9: no such customer
! cs-refund: stdin:3: value 0: a grant is more than zero
! cs-refund: stdin:4: 1 field; want CUSTOMER, VALUE, and maybe KEY and NOTE
! cs-refund: stdin: nothing granted (-A)
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 3 rejected
? 65
$ cs-refund grant ls | wc -l
6
$ printf 'C9\t10\nC10\t5\n' | cs-refund grant batch -t coupon -r goodwill
! cs-refund: stdin:1: C9: no such customer
! cs-refund: stdin:2: C10: no such customer
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 2 rejected
? 66
$ printf 'C9\t10\nC2\t0\n' | cs-refund grant batch -t coupon -r goodwill
! cs-refund: stdin:1: C9: no such customer
! cs-refund: stdin:2: value 0: a grant is more than zero
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 2 rejected
? 1
$ cs-refund grant batch -t cash -r goodwill b.tsv
! cs-refund: -t cash: coupon or points
? 64
EOF

t 'refusals: kinds, reasons, values, expiry, customers, orders' <<'EOF'
$ cs-refund grant add -t cash -r goodwill C1 5
! cs-refund: kind "cash": coupon or points
? 65
$ cs-refund grant add -t coupon -r sorry C1 5
! cs-refund: unknown reason "sorry" (compensation goodwill delay service-failure)
? 65
$ cs-refund grant add -t points -r delay C1 1.5
! cs-refund: value 1.5: points are a whole number
? 65
$ cs-refund grant add -t points -r delay C1 100000001
! cs-refund: value 100000001: at most 100000000 points
? 65
$ cs-refund grant add -t coupon -r delay C1 5.001
! cs-refund: value 5.001: too many decimals for the currency
? 65
$ cs-refund grant add -t coupon -r delay C1 0
! cs-refund: value 0: a grant is more than zero
? 65
$ cs-refund grant add -t coupon -r delay -e 2026-11-01 C1 5
! cs-refund: expiry 2026-11-01: 2026-11-01 00:00 is past
? 65
$ cs-refund grant add -t coupon -r delay -e soon C1 5
! cs-refund: expiry soon: not a time or a duration
? 65
$ cs-refund grant add -t coupon -r delay C9 5
! cs-refund: C9: no such customer
? 66
$ cs-refund grant add -t coupon -r delay -O ref:BK1 C1 5
! cs-refund: O1 is C2's order, not C1's
? 65
$ cs-refund grant add -t coupon C1 5
! usage: cs-refund grant add -t coupon|points -r reason [-e expiry] [-k key] [-m note] [-O order] customer value
! usage: cs-refund grant batch [-A] -t coupon|points -r reason [-e expiry] [file]
! usage: cs-refund grant ls [-s status] [-C customer]
! usage: cs-refund grant show [ID ...]
? 64
$ cs-refund grant show G99
! cs-refund: G99: no such grant
? 66
$ cs-refund grant ls -s used
! cs-refund: -s used: not a status (requested approved rejected)
? 64
EOF

t 'what a point is worth comes from the configuration' <<'EOF'
$ cp cs.conf p.conf && echo 'point-value 0.10' >> p.conf
$ cs-report -c p.conf config | grep point-value
point-value 0.10
$ cs-report config | grep point-value
point-value 0.01
$ cs-refund -c p.conf grant add -t points -r goodwill C1 5001
G7
$ cs-refund grant ls -s requested -o id,value,worth
G7	5001	500.10
$ echo 'point-value 0' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: point-value 0: from 0.01 to 1000000.00
? 78
EOF

done_testing
