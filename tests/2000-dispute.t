#!/bin/sh
# cs-ticket dispute: two sides of an order, what each said, the stages,
# platform intervention as an escalation to arbitration, the decision.
. "$(dirname "$0")/lib.sh"

t 'a buyer, a seller, a paid order and a complaint' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 -r buyer
C1
$ cs-order customer add -N 李卖家 -p 13900139000 -r seller
C2
$ cs-order customer add -N 赵某 -p 13700137000
C3
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 299 TB1001
O1
$ CS_AGENT=fin cs-order add -C C3 -T TX2 goods 50 TB1002
O2
$ cs-ticket new -C C1 -O ref:TB1001 -k quality complaint 商品与描述不符
T1
$ cs-ticket new -C C1 -k quality complaint 没有订单
T2
EOF

t 'open: the ticket, its order, the counterparty and its role' <<'EOF'
$ CS_NOW='2026-11-23 09:00' cs-ticket dispute open -P tel:13900139000 T1
D1
$ cs-ticket dispute ls -H
id	ticket	order	customer	counterparty	role	stage	age	in_stage	escalation
D1	T1	O1	C1	C2	seller	opened	1h	1h	
$ cs-report audit -o action,record,detail D1
dispute.open	D1	{"ticket":"T1","order":"O1","customer":"C1","counterparty":"C2","role":"seller"}
EOF

t 'open: refusals say why' <<'EOF'
$ cs-ticket dispute open -P C1 T1
! cs-ticket: C1 is the customer of T1, not a counterparty
? 65
$ cs-ticket dispute open -P C3 T1
! cs-ticket: C3 is of no role: a counterparty is a seller, driver or host
? 65
$ cs-ticket dispute open -P C2 T2
! cs-ticket: T2 has no order: name it with -O
? 65
$ cs-ticket dispute open -P C2 -O ref:TB1002 T2
! cs-ticket: O2 is C3's order, not C1's
? 65
$ cs-ticket dispute open -P C2 -O ref:TB1002 T1
! cs-ticket: T1 is about O1, not O2
? 65
$ cs-ticket dispute open -P C2 T1
! cs-ticket: T1 has D1 opened already
? 65
$ cs-ticket dispute open -P C2 T99
! cs-ticket: T99: no such ticket
? 66
$ cs-ticket dispute open -P C9 T1
! cs-ticket: C9: no such customer
? 66
$ cs-ticket dispute open T1
! usage: cs-ticket dispute open -P counterparty [-O order] [ID ...]
! usage: cs-ticket dispute say -s customer|counterparty [-e] [-m text] [ID ...]
! usage: cs-ticket dispute negotiate | close [ID ...]
! usage: cs-ticket dispute intervene -r reason [ID ...]
! usage: cs-ticket dispute decide -f customer|counterparty|split [-a amount] -r reason [ID ...]
! usage: cs-ticket dispute ls [-A] [-s stage]
! usage: cs-ticket dispute show [ID ...]
? 64
$ cs-ticket dispute appeal D1 2>&1 | head -1
cs-ticket: dispute appeal: unknown action
$ cs-ticket dispute ls | wc -l
1
EOF

t 'each side says its piece, evidence marked, who took it down' <<'EOF'
$ cs-ticket dispute say -s customer -m 收到的是二手货 D1
D1
$ CS_AGENT=bob cs-ticket dispute say -s counterparty -e -m '发货视频 video-0412.mp4' D1
D1
$ echo '买家拆封后才说有问题' | cs-ticket dispute say -s counterparty D1
D1
$ cs-ticket dispute say -s witness -m x D1
! cs-ticket: side "witness": customer or counterparty
? 65
$ cs-ticket dispute say -s customer -m '' D1
! cs-ticket: empty statement
? 65
$ cs-ticket dispute say -s customer -m x T1
! cs-ticket: T1 is a ticket, not a dispute
? 65
$ cs-ticket dispute say -s customer -m x D7
! cs-ticket: D7: no such dispute
? 66
$ cs-ticket dispute ls -o id,statements
D1	3
$ cs-ticket dispute show D1 | sed -n '/^statements/,/^$/p'
statements
  2026-11-23 10:00  customer, taken by alice
    收到的是二手货
  2026-11-23 10:00  counterparty (evidence), taken by bob
    发货视频 video-0412.mp4
  2026-11-23 10:00  counterparty, taken by alice
    买家拆封后才说有问题

EOF

t 'negotiation, then the platform intervenes: arbitration with its deadline' <<'EOF'
$ CS_NOW='2026-11-23 11:00' cs-ticket dispute negotiate D1
D1
$ cs-ticket dispute negotiate D1
! cs-ticket: D1 is negotiating: only an opened dispute goes to negotiation
? 65
$ CS_NOW='2026-11-24 10:00' cs-ticket dispute intervene -r 协商不成,申请平台介入 D1
D1
$ CS_NOW='2026-11-24 10:00' cs-escalate ls -o id,ticket,department,owner,due,reason
E1	T1	arbitration	arbitration	2026-11-24T12:00:00+08:00	协商不成,申请平台介入
$ CS_NOW='2026-11-24 10:00' cs-ticket dispute intervene -r again D1
! cs-ticket: D1 is intervention: the platform intervenes before a decision, once
? 65
$ CS_NOW='2026-11-24 13:00' cs-ticket dispute ls -o id,stage,age,in_stage,escalation
D1	intervention	1d4h	3h	E1
$ CS_NOW='2026-11-24 10:00' cs-ticket dispute say -s customer -m 补充照片 -e D1
D1
EOF

t 'a configured arbitration desk: its own deadline and owner, and notify' <<'EOF'
$ cp cs.conf a.conf && printf 'department arbitration 30m carol\nnotify echo "notify $CS_ESCALATION $CS_DEPARTMENT $CS_OWNER"\n' >> a.conf
$ cs-ticket new -C C1 -O ref:TB1001 -k quality complaint 又一次纠纷 >/dev/null
$ cs-ticket -c a.conf dispute open -P C2 T3
D2
$ cs-ticket -c a.conf dispute intervene -r 直接介入 D2 2>&1
D2
notify E2 arbitration carol
$ cs-escalate ls -T T3 -o id,owner,due
E2	carol	2026-11-23T10:30:00+08:00
EOF

t 'under intervention the arbitration desk decides, and that resolves E1' <<'EOF'
$ CS_NOW='2026-11-24 15:00' cs-ticket dispute decide -f split -a 100 -r 各担一部分 D1
! cs-ticket: E1: alice may not resolve it (owner arbitration)
? 77
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f split -a 299 -r x D1
! cs-ticket: amount 299: a split gives the customer more than 0 and less than the 299.00 paid on O1
? 65
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f split -a 1.005 -r x D1
! cs-ticket: amount 1.005: too many decimals for the currency
? 65
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f split -r x D1
! cs-ticket: a split needs the customer's amount (-a)
? 65
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f customer -a 5 -r x D1
! cs-ticket: only a split has an amount (-a)
? 65
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f seller -r x D1
! cs-ticket: decision "seller": customer, counterparty or split
? 65
$ CS_NOW='2026-11-24 15:00' CS_AGENT=carol cs-ticket dispute decide -f split -a 100 -r 各担一部分 D1
D1
$ cs-escalate ls -A -T T1 -o id,status,resolved
E1	resolved	2026-11-24T15:00:00+08:00
$ cs-ticket dispute ls -s decided -o id,stage,decision,customer_amount,counterparty_amount
D1	decided	split	100.00	199.00
$ cs-ticket dispute say -s customer -m 还有话说 D1
! cs-ticket: D1 is decided: statements are taken before the decision
? 65
$ cs-report audit -o agent,action,detail D1 | tail -1
carol	dispute.decide	{"from":"intervention","decision":"split","customer":"100.00","counterparty":"199.00","why":"各担一部分"}
EOF

t 'close; a decision on a closed dispute is refused' <<'EOF'
$ cs-ticket dispute close D2
! cs-ticket: D2 is intervention: only a decided dispute is closed
? 65
$ CS_NOW='2026-11-25 10:00' cs-ticket dispute close D1
D1
$ cs-ticket dispute decide -f customer -r 重新判定 D1
! cs-ticket: D1 is closed: cannot decide it
? 65
$ cs-ticket dispute ls -o id,stage
D2	intervention
$ CS_NOW='2026-11-26 10:00' cs-ticket dispute ls -A -o id,stage,age,in_stage
D2	intervention	3d	3d
D1	closed	2d1h	0s
$ cs-ticket dispute ls -s over
! cs-ticket: -s over: not a stage (opened negotiating intervention decided closed)
? 64
EOF

t 'without intervention, the desk records what the sides agreed' <<'EOF'
$ cs-ticket new -C C1 -O ref:TB1001 -k quality complaint 第三次 >/dev/null
$ cs-ticket dispute open -P C2 T4 | cs-ticket dispute negotiate
D3
$ cs-ticket dispute decide -f counterparty -r 买家撤回 D3
D3
$ cs-ticket dispute show D3 | grep -E '^(stage|decision|to customer|to counterparty|esc)'
stage           decided
decision        counterparty
to customer     0.00
to counterparty 299.00
$ cs-ticket dispute ls -s decided -j -o id,ticket,stage,decision
{"id":"D3","ticket":"T4","stage":"decided","decision":"counterparty"}
EOF

t 'cs-report disputes: by stage as of the clock, their age, how many went to the platform' <<'EOF'
$ CS_NOW='2026-11-23 12:00' cs-report -H disputes --since 2026-11-20
group	disputes	oldest	age_p50	intervened
negotiating	1	3h	3h	0
intervention	1	2h	2h	1
decided	1	2h	2h	0
all	3	3h	2h	1
$ CS_NOW='2026-11-24 13:00' cs-report disputes --since 2026-11-20
intervention	2	1d4h	1d3h	2
decided	1	1d3h	1d3h	0
all	3	1d4h	1d3h	2
$ CS_NOW='2026-11-26 10:00' cs-report disputes --since 2026-11-20
intervention	1	3d	3d	1
decided	1	3d	3d	0
closed	1	2d1h	2d1h	1
all	3	3d	3d	2
$ CS_NOW='2026-11-26 10:00' cs-report disputes --day yesterday
all	0			0
EOF

done_testing
