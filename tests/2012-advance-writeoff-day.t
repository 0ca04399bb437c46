#!/bin/sh
# Writing off what a counterparty owes is letting the money go: it
# counts on the agent's day with the refunds and grants let go of that
# day, under the same approval limit.  And an advance in full after a
# decision for the customer on an order refunded in part before is what
# is left on it.
. "$(dirname "$0")/lib.sh"

t 'two write-offs of 400.00 in a day: the second is above alice'"'"'s 500.00' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 -r buyer >/dev/null
$ cs-order customer add -N 李卖家 -p 13900139000 -r seller >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 400 TB1 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX2 goods 400 TB2 >/dev/null
$ cs-ticket new -q -C C1 -O ref:TB1 -k quality complaint 商品破损
$ cs-ticket new -q -C C1 -O ref:TB2 -k quality complaint 商品破损
$ cs-ticket dispute open -P C2 T1 T2 | cs-ticket dispute intervene -r 协商不成
D1
D2
$ CS_AGENT=carol cs-refund advance D1 full
R1
$ CS_AGENT=carol cs-refund advance D2 full
R2
$ cs-refund writeoff -r 卖家已注销 R1
R1
$ cs-refund writeoff -r 卖家已注销 R2
! cs-refund: R2: writing off 400.00 would make alice's refunds today 800.00, above the limit of 500.00
? 77
$ cs-refund owed -o counterparty,written_off,outstanding
C2	400.00	400.00
$ CS_NOW='2026-11-24 09:00' cs-refund writeoff -r 卖家已注销 R2
R2
$ cs-refund owed -A -o counterparty,written_off,outstanding
C2	800.00	0.00
EOF

t 'decided for the customer after a goodwill refund: full is what is left' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX3 goods 299 TB3 >/dev/null
$ cs-ticket new -q -C C1 -O ref:TB3 -k quality complaint 货不对板
$ cs-refund request -r goodwill O3 100 | cut -f1
R3
$ cs-ticket dispute open -P C2 T3 | cs-ticket dispute intervene -r 协商不成
D3
$ CS_AGENT=carol cs-ticket dispute decide -f customer -r 卖家责任 D3
D3
$ CS_AGENT=carol cs-refund advance D3 full
R4
$ cs-refund ls -o id,amount,key -O O3
R3	100.00	O3:10000:goodwill
R4	199.00	D3:full:advance
$ CS_AGENT=carol cs-refund advance D3 full
! cs-refund: R4: already done (same key)
EOF

t 'after a split below what was advanced, nothing is left; a failed advance is the order'"'"'s to count' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX4 goods 299 TB4 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX5 goods 299 TB5 >/dev/null
$ cs-ticket new -q -C C1 -O ref:TB4 -k quality complaint 破损
$ cs-ticket new -q -C C1 -O ref:TB5 -k quality complaint 破损
$ cs-ticket dispute open -P C2 T4 T5 | cs-ticket dispute intervene -r 协商不成
D4
D5
$ CS_AGENT=carol cs-refund advance D4 200 | cut -f1
R5
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 100 -r 各担一部分 D4
D4
$ CS_AGENT=carol cs-refund advance D4 10
! cs-refund: D4: 10.00 is more than the 0.00 left of the customer's 100.00
? 65
$ CS_AGENT=carol cs-refund advance D4 full
! cs-refund: D4: the customer's 100.00 is advanced already
? 65
$ CS_AGENT=carol cs-refund advance D5 200 | cut -f1
R6
$ CS_AGENT=fin cs-refund export | cut -f1 | tail -1
R6
$ printf 'R6\tfailed\n' | CS_AGENT=fin cs-refund settle
R6
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 150 -r 各担一部分 D5
D5
$ CS_AGENT=carol cs-refund advance D5 150
! cs-refund: O5: 150.00 is more than the 99.00 left to refund (refunded or pending 200.00)
? 65
EOF

t 'paid back beyond the share the decision leaves: said, and kept in the trail' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX6 goods 299 TB6 >/dev/null
$ cs-ticket new -q -C C1 -O ref:TB6 -k quality complaint 破损
$ cs-ticket dispute open -P C2 T6 | cs-ticket dispute intervene -r 协商不成
D6
$ CS_AGENT=carol cs-refund advance D6 full | cut -f1
R7
$ cs-refund recover -a 100 R7
R7
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 50 -r 各担一部分 D6
D6
! cs-ticket: D6: C2 paid back 50.00 beyond its share: that is owed back to it, outside cs
$ cs-report audit -o action,detail R7 | tail -1
refund.reconcile	{"dispute":"D6","decision":"split","platform_loss":"199.00","owed":"0.00","beyond_share":"50.00"}
EOF

t 'paid back in full before a smaller share: the record keeps what is beyond too' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX7 goods 100 TB7 >/dev/null
$ cs-ticket new -q -C C1 -O ref:TB7 -k quality complaint 破损
$ cs-ticket dispute open -P C2 T7 | cs-ticket dispute intervene -r 协商不成
D7
$ CS_AGENT=carol cs-refund advance D7 full | cut -f1
R8
$ cs-refund recover R8
R8
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 30 -r 各担一部分 D7
D7
! cs-ticket: D7: C2 paid back 70.00 beyond its share: that is owed back to it, outside cs
$ cs-report audit -o action,detail R8 | tail -1
refund.reconcile	{"dispute":"D7","decision":"split","platform_loss":"0.00","owed":"0.00","beyond_share":"70.00"}
EOF

done_testing
