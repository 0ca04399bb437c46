#!/bin/sh
# cs-report escalations: raised, acknowledged (late), solved (late) and
# still open, by level or department and owner, as of the clock.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent tess role tech
CONF

t 'escalations by level, department and owner, as of the clock' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 一 >/dev/null
$ cs-ticket new -C 13800138000 -k quality complaint 二 >/dev/null
$ cs-ticket new -C 13800138000 technical 三 >/dev/null
$ cs-escalate raise -l 1 -r 回电 T1 >/dev/null
$ cs-escalate raise -l 2 -r 主管 T2 >/dev/null
$ cs-escalate raise -D tech -r 查日志 T3 >/dev/null
$ CS_NOW='2026-11-23 11:00' cs-escalate ack E1 >/dev/null
$ CS_NOW='2026-11-23 12:30' CS_AGENT=carol cs-escalate ack E2 >/dev/null
$ CS_NOW='2026-11-23 13:30' cs-escalate resolve E1 >/dev/null
$ CS_NOW='2026-11-23 13:00' CS_AGENT=tess cs-escalate resolve E3 >/dev/null
$ CS_NOW='2026-11-23 18:00' cs-report escalations -H
level	department	owner	raised	acked	ack_late	solved	solve_late	open
1		alice	1	1	0	1	1	0
2		supervisor	1	1	1	0	1	1
	tech	tech	1	1	1	1	0	0
		all	3	3	2	2	2	1
$ CS_NOW='2026-11-23 12:10' cs-report escalations -H
level	department	owner	raised	acked	ack_late	solved	solve_late	open
1		alice	1	1	0	0	0	1
2		supervisor	1	0	1	0	0	1
	tech	tech	1	0	1	0	0	1
		all	3	1	2	0	0	3
$ CS_NOW='2026-11-23 18:00' cs-report escalations -o owner,raised,solve_late
alice	1	1
supervisor	1	1
tech	1	0
all	3	2
$ CS_NOW='2026-11-23 18:00' cs-report escalations -j | head -1
{"level":1,"department":null,"owner":"alice","raised":1,"acked":1,"ack_late":0,"solved":1,"solve_late":1,"open":0}
$ CS_NOW='2026-11-23 18:00' cs-report escalations --day 2026-11-22 -o owner,raised
all	0
$ cs-report escalations -g owner
! cs-report: escalations: unknown option -g
! usage: cs-report escalations [--since time] [--until time] [--day|--week|--month date] [--chart]
? 64
EOF

t 'an escalation ended before its deadline was not late' <<'EOF'
$ cs-ticket new -C 13800138000 -k quality complaint 四 >/dev/null
$ cs-escalate raise -l 1 -r 回电 T4 >/dev/null
$ CS_NOW='2026-11-23 10:30' cs-ticket resolve T4 >/dev/null
$ CS_NOW='2026-11-23 18:00' cs-report escalations -o owner,raised,acked,ack_late,open | head -1
alice	2	1	0	0
EOF

done_testing
