#!/bin/sh
# Incidents (12306 emergencies, system failures): opened with severity
# and departments, who are notified at once; tickets linked; one update
# to them all; closing resolves them with a final reply; the report.
. "$(dirname "$0")/lib.sh"

t 'an incident is opened and each department notified at once' <<'EOF'
$ printf 'notify echo "$CS_INCIDENT $CS_DEPARTMENT $CS_OWNER $CS_SEVERITY $CS_DUE $CS_SUBJECT / $CS_REASON" >> notified\ndepartment tech 30m oncall\n' >> cs.conf
$ cs-escalate incident open -s critical -D tech,finance -m '支付网关故障，无法付款' 售票系统故障
N1
$ cat notified
N1 tech oncall critical 2026-11-23T10:30:00+08:00 售票系统故障 / 支付网关故障，无法付款
N1 finance finance critical 2026-11-23T12:00:00+08:00 售票系统故障 / 支付网关故障，无法付款
$ cs-escalate incident ls
N1	critical	open	0	tech,finance	售票系统故障
$ cs-report audit -o agent,action,record N1
alice	incident.open	N1
EOF

t 'bad incidents are refused and nobody is notified' <<'EOF'
$ cs-escalate incident open -s critical -D tech,security 故障
! cs-escalate: unknown department "security" (tech finance logistics arbitration)
? 65
$ cs-escalate incident open -s severe -D tech 故障
! cs-escalate: severity "severe": low, medium, high or critical
? 65
$ cs-escalate incident open -s low -D tech,tech 故障
! cs-escalate: department tech named twice
? 65
$ cs-escalate incident open -s low -D tech "$(printf '故\n障')"
! cs-escalate: a title is one line
? 65
$ cs-escalate incident open -s low 故障 2>&1 | head -1
usage: cs-escalate incident open -s severity -D department,... [-m description] title
$ wc -l < notified
2
$ cs-escalate incident ls -A -o id
N1
EOF

t 'a failing notify command: the incident stands, exit 1 says so' <<'EOF'
$ cp cs.conf fail.conf && printf 'notify exit 3\n' >> fail.conf
$ cs-escalate -c fail.conf incident open -s high -D logistics 物流系统中断
N2
! cs-escalate: notify N2 to logistics: exit status 3; the incident is recorded; tell the department
? 1
$ cs-escalate incident show N2 | sed -n 3p
status      open
EOF

t 'tickets are linked one by one or piped from cs-ticket ls' <<'EOF'
$ cs-ticket new -C 13800138001 -N 张一 technical 无法支付 >/dev/null
$ cs-ticket new -C 13800138002 -N 张二 technical 支付失败 >/dev/null
$ cs-ticket new -C 13800138003 -N 张三 inquiry 退票规则 >/dev/null
$ cs-ticket new -C 13800138004 -N 张四 technical 重复扣款 >/dev/null
$ cs-ticket ls -t technical -o id | cs-escalate incident link N1
T1
T2
T4
$ cs-escalate incident link N1 T2 T9 O1
T2
! cs-escalate: T9: no such ticket
! cs-escalate: O1 is an order, not a ticket
? 1
$ cs-escalate incident link N7 T3
! cs-escalate: N7: no such incident
? 66
$ cs-escalate incident link T3
! cs-escalate: T3 is a ticket, not an incident
? 65
$ cs-escalate incident ls -o id,tickets
N1	3
N2	0
$ cs-ticket log T2 -o action | grep -v '^due\.' | tail -1
ticket.incident
$ cs-report audit -o action N1 | sort | uniq -c | sed 's/^ *//'
3 incident.link
1 incident.open
EOF

t 'one templated update goes to every linked ticket, or to none' <<'EOF'
$ mkdir tpl && printf '{greeting}，{customer}。您的工单 {ticket} 所涉系统故障正在抢修，恢复后第一时间通知您。' > tpl/outage
$ printf 'templates tpl\n' >> cs.conf
$ cs-ticket pend T4
T4
$ cs-escalate incident update -t outage N1
T1
T2
T4
$ cs-ticket show T4 | grep -c 抢修
1
$ printf '这不归我管' > tpl/rude
$ cs-escalate incident update -t rude N1
! cs-escalate: N1: the update contains the forbidden phrase "这不归我管": sent to none
? 65
$ cs-escalate incident update -t nosuch N1
! cs-escalate: template nosuch: not found
? 66
$ cs-escalate incident update N1 2>&1 | head -1
usage: cs-escalate incident open -s severity -D department,... [-m description] title
$ cs-report audit -o action N1 | grep -c update
1
EOF

t 'closing resolves the open and pending ones with a final reply' <<'EOF'
$ cs-ticket resolve T2
T2
$ CS_NOW='2026-11-23 12:30' cs-escalate incident close -m '您好，系统已恢复，请您重新支付，给您带来不便敬请谅解。' N1
T1
T4
$ cs-ticket ls -s open,pending,resolved -o id,status
T1	resolved
T2	resolved
T3	open
T4	resolved
$ cs-escalate incident close N1
! cs-escalate: N1 is closed already
? 65
$ cs-escalate incident link N1 T3
! cs-escalate: N1 is closed: no more tickets are linked to it
? 65
$ cs-escalate incident update -m 您好 N1
! cs-escalate: N1 is closed: its tickets got their final reply
? 65
$ cs-escalate incident close N2
$ cs-escalate incident ls
$ cs-escalate incident show N1 | sed -n '/^tickets$/,/^$/p'
tickets
  T1     resolved  无法支付
  T2     resolved  支付失败
  T4     resolved  重复扣款

EOF

t 'cs-report incidents: ticket counts, those unresolved and time to close, as of the clock' <<'EOF'
$ CS_NOW='2026-11-23 13:00' cs-report incidents -H
incident	severity	status	tickets	unresolved	time_to_close	title
N1	critical	closed	3	0	2h30m	售票系统故障
N2	high	closed	0	0	0s	物流系统中断
$ CS_NOW='2026-11-23 11:00' cs-report incidents -o incident,status,tickets,unresolved,time_to_close
N1	open	3	2	
N2	closed	0	0	0s
$ cs-report incidents --day 2026-11-22
$ cs-report incidents --chart | head -1 | tr -s ' ' | cut -d' ' -f1,2,4
N1 售票系统故障 3
EOF

done_testing
