#!/bin/sh
# A department's escalation acknowledged is not solved: it gets a solve
# deadline (solve= on its department line, by default its deadline to
# acknowledge, on the ticket's calendar unless 24x7), is listed overdue
# past it, counts as solved late in cs-report escalations, and the
# sweep takes the ticket one level up the desk's ladder for it, telling
# the department's owner again (CS_EVENT unsolved).
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent tess role tech
department tech 30m tess solve=4h
department finance 1h solve=2h 24x7
notify echo "$CS_EVENT $CS_ESCALATION $CS_TICKET owner=$CS_OWNER due=$CS_DUE: $CS_REASON" >> notified
CONF

t 'the solve time reads back from the department line' <<'EOF'
$ cs-report config | grep -E '^department (tech|finance)'
department tech 30m tess solve=4h
department finance 1h finance solve=2h 24x7
$ printf 'department tech 1h solve=later\n' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: department tech solve=later: not a duration
? 78
$ printf 'department tech 1h tess bob\n' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: usage: department NAME DURATION [OWNER] [solve=DURATION] [24x7]
? 78
EOF

t 'acknowledged, a department escalation is to be solved by its solve time' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 technical 文件无法同步
T1
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -m 您好，已转技术处理。 T1
T1
$ CS_NOW='2026-11-23 10:10' cs-escalate raise -D tech -r 同步服务异常 T1
E1
$ CS_NOW='2026-11-23 10:20' CS_AGENT=tess cs-escalate ack E1
E1
$ cs-escalate ls -o id,status,due,solve_due
E1	acked	2026-11-23T10:40:00+08:00	2026-11-23T15:20:00+08:00
$ cs-ticket show T1 | grep '^escalation '
escalation   E1 tech, tess, acked (solve by 2026-11-23 15:20)
$ CS_NOW='2026-11-23 15:00' cs-escalate ls --overdue
$ CS_NOW='2026-11-23 15:21' cs-escalate ls --overdue -o id,overdue
E1	overdue
EOF

t 'not solved in time, the ticket goes up the ladder and the department hears again' <<'EOF'
$ CS_NOW='2026-11-23 15:21' cs-escalate sweep -n
E2	T1	1	E1 not solved by tess since 2026-11-23 15:20
$ CS_NOW='2026-11-23 15:21' cs-escalate sweep
E2	T1	1	E1 not solved by tess since 2026-11-23 15:20
$ CS_NOW='2026-11-23 15:22' cs-escalate sweep
$ grep -v '^raised E1 ' notified
unsolved E1 T1 owner=tess due=2026-11-23T15:20:00+08:00: E1 not solved by its solve time: T1 went up the ladder
raised E2 T1 owner=agent due=2026-11-23T17:21:00+08:00: E1 not solved by tess since 2026-11-23 15:20
$ cs-escalate ls -A -o id,level,department,status,cause
E1		tech	acked	
E2	1		open	S1
$ CS_NOW='2026-11-23 15:30' cs-report -H escalations -o level,department,owner,raised,acked,solved,solve_late
level	department	owner	raised	acked	solved	solve_late
1		agent	1	0	0	0
	tech	tess	1	1	0	1
		all	2	1	0	1
EOF

t 'solved late it counts as such; the ticket resolved ends the rest' <<'EOF'
$ CS_NOW='2026-11-23 16:00' CS_AGENT=tess cs-escalate resolve -m 已修复 E1
E1
$ CS_NOW='2026-11-23 16:30' cs-report escalations -o department,owner,solved,solve_late
	agent	0	0
tech	tess	1	1
	all	1	1
$ CS_NOW='2026-11-23 16:40' cs-ticket resolve T1
T1
$ cs-escalate ls -A -o id,status,ended,ended_by,ended_why
E1	resolved	solved	tess	
E2	resolved	ended	alice	T1 resolved
$ CS_NOW='2026-11-24 10:00' cs-escalate sweep | grep -c '^E' || true
0
EOF

t 'a 24x7 department solves on the clock' <<'EOF'
$ cs-ticket new -C 13800138001 -N 李四 inquiry 退款未到账
T2
$ CS_NOW='2026-11-23 17:50' cs-ticket reply -m 您好，已转财务。 T2 >/dev/null
$ CS_NOW='2026-11-23 17:55' cs-escalate raise -D finance -r 核对退款 T2 >/dev/null
$ CS_NOW='2026-11-23 18:00' CS_AGENT=root cs-escalate ack E3
E3
$ cs-escalate ls -o id,due,solve_due -T T2
E3	2026-11-23T18:55:00+08:00	2026-11-23T20:00:00+08:00
EOF

done_testing
