#!/bin/sh
# cs-ticket merge: what hangs on the duplicate goes where the customer's
# problem goes on.  Live escalations raised by hand, disputes not closed
# and links to open incidents move to the survivor, each audited; the
# sweep's escalations about the duplicate's own deadlines end with it,
# with who and why; call-backs stay.  Again changes nothing.
. "$(dirname "$0")/lib.sh"

t 'setup: a customer, a seller, two tickets on one order' <<'EOF2'
$ cs-order customer add -q -N 张三 -p 13800138000
$ cs-order customer add -q -N 好店 -p 13900139000 -r seller
$ CS_AGENT=fin CS_NOW='2026-11-23 10:05' cs-order add -q -C C1 -T TXTB1 goods 99 TB1
$ CS_NOW='2026-11-23 10:10' cs-ticket new -C C1 -O ref:TB1 -k quality complaint 商品破损
T1
$ CS_NOW='2026-11-23 10:12' cs-ticket new -C C1 -O ref:TB1 -k quality complaint 商品破损又来
T2
$ CS_NOW='2026-11-23 10:20' cs-ticket dispute open -P C2 T2
D1
$ CS_NOW='2026-11-23 11:00' cs-escalate raise -D tech -r 扫码支付失败 T2
E1
$ CS_NOW='2026-11-23 11:05' cs-escalate sweep | cut -f1,2,4
E2	T1	first response overdue since 2026-11-23 10:40
E3	T2	first response overdue since 2026-11-23 10:42
$ CS_NOW='2026-11-23 11:10' cs-escalate incident open -q -s high -D tech 支付故障
$ CS_NOW='2026-11-23 11:15' cs-escalate incident link -q N1 T2
EOF2

t 'the merge moves the live escalation, the open dispute and the incident link' <<'EOF2'
$ CS_NOW='2026-11-23 11:30' cs-ticket merge T1 T2
T2
$ cs-escalate ls -A -o id,ticket,status,reason
E1	T1	open	扫码支付失败
E2	T1	open	first response overdue since 2026-11-23 10:40
E3	T2	resolved	first response overdue since 2026-11-23 10:42
$ cs-escalate show E3 | grep '^ended'
ended      ended
ended_by   alice
ended_why  T2 merged into T1
$ cs-ticket dispute ls -A -o id,ticket,stage
D1	T1	opened
$ cs-escalate incident show N1 | grep 'T[12] '
  T1     open      商品破损
  T2     closed    商品破损又来
$ cs-report audit -o record,action,detail | tail -7
E1	escalation.move	{"from":"T2","into":"T1"}
E3	escalation.end	{"by":"alice","why":"T2 merged into T1"}
D1	dispute.move	{"from":"T2","into":"T1"}
N1	incident.link	{"ticket":"T1"}
T1	ticket.incident	{"incident":"N1"}
T2	ticket.merge	{"into":"T1","replies":0,"escalations":"E1","disputes":"D1","incidents":"N1"}
T1	ticket.merged	{"from":"T2","replies":0,"escalations":"E1","disputes":"D1","incidents":"N1"}
$ cs-ticket show T1 | grep '^escalation '
escalation   E2 level 1, agent, open (ack by 2026-11-23 13:05); E1 tech, tech, open (ack by 2026-11-23 13:00)
$ cs-report audit --deep | sed 's/last .*/last/'
audit: 20 records, chain intact, last
audit: 11 rows as the trail left them
EOF2

t 'merged again: nothing moves, nothing is recorded' <<'EOF2'
$ cs-report audit | wc -l
20
$ CS_NOW='2026-11-23 11:40' cs-ticket merge T1 T2
T2
$ cs-report audit | wc -l
20
EOF2

t 'two tickets each with a dispute not closed: the merge is refused, nothing changes; once one is closed it goes through' <<'EOF2'
$ CS_NOW='2026-11-23 12:00' cs-ticket new -C C1 -O ref:TB1 -k quality complaint 又一次
T3
$ CS_NOW='2026-11-23 12:05' cs-ticket new -C C1 -O ref:TB1 -k quality complaint 再一次
T4
$ CS_NOW='2026-11-23 12:10' cs-ticket dispute open -P C2 T3 T4
D2
D3
$ dbhash > h0
$ CS_NOW='2026-11-23 12:20' cs-ticket merge T3 T4
! cs-ticket: T4 has D3 opened, T3 D2 opened: a ticket takes one dispute at a time; close one first
? 65
$ dbhash h0
unchanged
$ CS_NOW='2026-11-23 12:30' cs-ticket dispute decide -f counterparty -r 无责 D3
D3
$ CS_NOW='2026-11-23 12:31' cs-ticket dispute close D3
D3
$ CS_NOW='2026-11-23 12:40' cs-ticket merge T3 T4
T4
$ cs-ticket dispute ls -A -o id,ticket,stage | grep -e D2 -e D3
D2	T3	opened
D3	T4	closed
EOF2

done_testing
