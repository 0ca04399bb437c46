#!/bin/sh
# cs-refund advance, recover, writeoff, owed: the platform compensates
# the customer of a dispute first (先行赔付), and tracks what each
# counterparty owes until it is paid back or written off.
#
# By hand: D1 over O1 (299.00 paid) is split 100.00 to the buyer; D2
# over O2 (800.00, above alice's 500.00 limit) is under intervention.
# Advances: R1 100.00 on D1 (C2 owes it), R2 800.00 on D2 waiting for
# carol (C3 owes it).  C2 pays back 30.00, then the rest is written off:
# C2 owes 0.00.  C3 owes 800.00, the most, so it is listed first.
. "$(dirname "$0")/lib.sh"

t 'two buyers, two sellers, two disputes' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 -r buyer >/dev/null
$ cs-order customer add -N 李卖家 -p 13900139000 -r seller >/dev/null
$ cs-order customer add -N 张司机 -p 13700137000 -r driver >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 299 TB1001 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX2 goods 800 TB1002 >/dev/null
$ cs-ticket new -C C1 -O ref:TB1001 -k quality complaint 商品与描述不符 >/dev/null
$ cs-ticket new -C C1 -O ref:TB1002 -k quality complaint 商品破损 >/dev/null
$ cs-ticket dispute open -P C2 T1
D1
$ cs-ticket dispute open -P C3 T2
D2
EOF

t 'no advance before the platform has intervened' <<'EOF'
$ cs-refund advance D1 full
! cs-refund: D1 is opened: the platform compensates in advance once it has intervened
? 65
$ cs-ticket dispute intervene -r 协商不成 D1 D2
D1
D2
EOF

t 'after a split, no more than the customer share; the key makes it safe to repeat' <<'EOF'
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 100 -r 各担一部分 D1
D1
$ cs-refund advance D1 100.01
! cs-refund: D1: 100.01 is more than the 100.00 left of the customer's 100.00
? 65
$ CS_NOW='2026-11-23 10:05' cs-refund advance -m 先行赔付 D1 full
R1
$ cs-refund advance D1 full
! cs-refund: R1: already done (same key)
$ cs-refund advance D1 1
! cs-refund: D1: 1.00 is more than the 0.00 left of the customer's 100.00
? 65
$ cs-refund ls -o id,order,amount,status,reason,key,dispute,owed_by,recovered,recovery
R1	O1	100.00	approved	compensation	D1:full:advance	D1	C2	0.00	owed
$ cs-report audit -o action,detail R1
refund.request	{"order":"O1","amount":"100.00","fee":"0.00","reason":"compensation","key":"D1:full:advance","status":"approved","note":"先行赔付","dispute":"D1","owed_by":"C2"}
EOF

t 'above the agent limit it waits, like any refund; outstanding per counterparty' <<'EOF'
$ cs-refund advance D2 full
R2
$ cs-refund ls -s requested -o id,amount,owed_by
R2	800.00	C3
$ CS_AGENT=carol cs-refund approve R2
R2
$ CS_NOW='2026-11-24 10:00' cs-refund owed -H
counterparty	role	refunds	advanced	recovered	written_off	outstanding	oldest
C3	driver	1	800.00	0.00	0.00	800.00	2026-11-23T10:00:00+08:00
C2	seller	1	100.00	0.00	0.00	100.00	2026-11-23T10:05:00+08:00
EOF

t 'the counterparty pays back in part, then the rest is written off' <<'EOF'
$ cs-refund recover -a 30 R1
R1
$ cs-refund owed -o counterparty,recovered,outstanding
C3	0.00	800.00
C2	30.00	70.00
$ cs-refund recover -a 70.01 R1
! cs-refund: R1: 70.01 is more than the 70.00 owed
? 65
$ cs-refund recover -a 0 R1
! cs-refund: amount 0: a recovery is more than zero
? 65
$ cs-refund recover -a 1.234 R1
! cs-refund: amount 1.234: too many decimals for the currency
? 65
$ cs-refund writeoff R1
! usage: cs-refund writeoff -r why [ID ...]
? 64
$ cs-refund writeoff -r 卖家已注销 R1
R1
$ cs-refund owed -A -o counterparty,advanced,recovered,written_off,outstanding,oldest
C3	800.00	0.00	0.00	800.00	2026-11-23T10:00:00+08:00
C2	100.00	30.00	70.00	0.00	
$ cs-refund owed
C3	driver	1	800.00	0.00	0.00	800.00	2026-11-23T10:00:00+08:00
$ cs-refund recover R1
! cs-refund: R1 is written off already
? 65
$ cs-report audit -o action,detail R1 | tail -2
refund.recover	{"recovered":"30.00","owed":"70.00","recovery":"owed"}
refund.writeoff	{"written_off":"70.00","why":"卖家已注销"}
$ CS_NOW='2026-11-23 10:10' cs-report refunds --day today -g status -o group,refunds,amount,waiting
approved	2	900.00	0
all	2	900.00	0
EOF

t 'a write-off is held to the approval limit; recovering all closes the debt' <<'EOF'
$ cs-refund writeoff -r 无法追回 R2
! cs-refund: R2: 800.00 owed is above alice's limit of 500.00
? 77
$ cs-refund recover R2
R2
$ cs-refund show R2 | grep -E '^(dispute|owed by|recovered|recovery)'
dispute   D2
owed by   C3
recovered 800.00
recovery  recovered
$ cs-refund owed | wc -l
0
EOF

t 'refusals: not an advance, nothing owed, unknown records, decided for the counterparty' <<'EOF'
$ cs-ticket new -C C1 -O ref:TB1002 -k quality complaint 第三次 >/dev/null
$ cs-ticket dispute open -P C3 T3 | cs-ticket dispute intervene -r x >/dev/null
$ CS_AGENT=carol cs-ticket dispute decide -f counterparty -r 卖家无责 D3
D3
$ cs-refund advance D3 full
! cs-refund: D3 was decided for the counterparty: the customer is owed nothing
? 65
$ cs-refund request -r goodwill ref:TB1001 5
R3
$ cs-refund recover R3
! cs-refund: R3 is not an advance compensation
? 65
$ cs-refund recover R99
! cs-refund: R99: no such refund
? 66
$ cs-refund advance D9 1
! cs-refund: D9: no such dispute
? 66
$ cs-refund advance T1 1
! cs-refund: T1 is a ticket, not a dispute
? 65
$ cs-refund advance D1 12,5
! cs-refund: amount 12,5: not an amount
? 65
EOF

t 'an advance made before the decision: the counterparty owes only the customer share' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX3 goods 500 TB1003 >/dev/null
$ cs-ticket new -C C1 -O ref:TB1003 -k quality complaint 少发货 >/dev/null
$ cs-ticket dispute open -P C2 T4 | cs-ticket dispute intervene -r 协商不成
D4
$ cs-refund advance D4 200
R4
$ cs-refund recover -a 50 R4
R4
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 120 -r 卖家承担一部分 D4
D4
$ cs-refund show R4 | grep -E '^(owed by|recovered|recovery|loss)'
owed by   C2
recovered 50.00
recovery  owed
loss      80.00
$ cs-report audit -o action,detail R4 | tail -1
refund.reconcile	{"dispute":"D4","decision":"split","platform_loss":"80.00","owed":"70.00"}
$ cs-refund recover -a 70.01 R4
! cs-refund: R4: 70.01 is more than the 70.00 owed
? 65
$ cs-refund owed -o counterparty,advanced,recovered,outstanding,platform_loss | grep C2
C2	300.00	80.00	70.00	80.00
$ cs-refund recover R4
R4
$ cs-refund show R4 | grep -E '^recovery'
recovery  recovered
EOF

t 'decided for the counterparty: what was advanced is the platform loss, not a debt' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX4 goods 300 TB1004 >/dev/null
$ cs-ticket new -C C1 -O ref:TB1004 -k quality complaint 未收到货 >/dev/null
$ cs-ticket dispute open -P C3 T5 | cs-ticket dispute intervene -r 协商不成
D5
$ cs-refund advance D5 full
R5
$ cs-refund owed -o counterparty,outstanding
C3	300.00
$ CS_AGENT=carol cs-ticket dispute decide -f counterparty -r 买家已签收 D5
D5
$ cs-refund owed -o counterparty,outstanding
$ cs-refund show R5 | grep -E '^(recovery|loss)'
recovery  written-off
loss      300.00
$ cs-refund owed -A -o counterparty,advanced,recovered,written_off,outstanding,platform_loss | grep C3
C3	1100.00	800.00	0.00	0.00	300.00
$ cs-report audit -o action,detail R5 | tail -1
refund.reconcile	{"dispute":"D5","decision":"counterparty","platform_loss":"300.00","owed":"0.00"}
$ cs-refund writeoff -r x R5
! cs-refund: R5 is written off already
? 65
EOF

t 'an advance rejected after its counterparty paid some back: what came back is said owed back, and kept' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX6 goods 300 TB1006 >/dev/null
$ cs-ticket new -C C1 -O ref:TB1006 -k quality complaint 未收到货 >/dev/null
$ cs-ticket dispute open -P C3 T6 | cs-ticket dispute intervene -r 协商不成
D6
$ cs-refund advance D6 full
R6
$ cs-refund recover -a 100 R6
R6
$ CS_AGENT=carol cs-refund reject -r 订单有误 R6
R6
! cs-refund: R6 rejected: C3 paid back 100.00 on it: that is owed back to it, outside cs
$ cs-report audit -o action,detail R6 | tail -1
refund.reconcile	{"decision":"rejected","owed_back":"100.00","to":"C3"}
$ CS_AGENT=carol cs-refund reject -r 再次 R6
! cs-refund: R6 is rejected: cannot reject it
? 65
EOF

done_testing
