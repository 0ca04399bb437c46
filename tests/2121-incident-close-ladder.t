#!/bin/sh
# An incident closed without a final reply leaves its tickets open: each
# goes on with its own ladder.  While linked, their deadlines started the
# incident's climb and were recorded as acted on; closed, the incident's
# escalations end, and their first response and resolution, past, are
# escalated as theirs by the next sweep, once.
. "$(dirname "$0")/lib.sh"

t 'two tickets linked, one not; the incident closed with no reply' <<'EOF'
$ cs-escalate incident open -s critical -D tech,finance 支付故障
N1
$ cs-ticket new -q -C 13800138001 -N 张一 -k quality complaint 无法支付1
$ cs-ticket new -q -C 13800138002 -N 张二 -k quality complaint 无法支付2
$ cs-ticket new -q -C 13800138009 -N 李四 -k quality complaint 与故障无关
$ cs-escalate incident link N1 T1 T2 >/dev/null
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep | cut -f1,2,3
E1	T1	1
E2	T3	1
$ CS_NOW='2026-11-23 12:32' cs-escalate sweep | cut -f1,2,3
E3	T1	2
E4	T3	2
$ CS_NOW='2026-11-23 13:00' CS_AGENT=carol cs-escalate incident close N1
$ CS_NOW='2026-11-23 13:10' cs-escalate sweep
E5	T1	1	first response overdue since 2026-11-23 10:30; resolution overdue since 2026-11-23 12:00
E6	T2	1	first response overdue since 2026-11-23 10:30; resolution overdue since 2026-11-23 12:00
$ CS_NOW='2026-11-23 13:11' cs-escalate sweep
$ CS_NOW='2026-11-23 13:12' cs-escalate ls -o id,ticket,level,status
E4	T3	2	open
E5	T1	1	open
E6	T2	1	open
EOF

t 'a promise missed while linked is escalated as the ticket'"'"'s own once the incident closes' <<'EOF'
$ cs-escalate incident open -s high -D tech 发票系统故障
N2
$ cs-ticket new -q -C 13800138003 -N 张三 -k business -x simple complaint 发票开不出
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -q -m 收到 T4
$ cs-escalate incident link N2 T4 >/dev/null
$ CS_NOW='2026-11-23 22:01' cs-escalate sweep | grep T4 | cut -f2-
T4	1	N2: promised reply overdue since 2026-11-23 22:00
$ CS_NOW='2026-11-23 22:05' CS_AGENT=carol cs-escalate incident close N2
$ CS_NOW='2026-11-23 22:06' cs-escalate sweep | grep T4 | cut -f2-
T4	1	promised reply overdue since 2026-11-23 22:00
$ CS_NOW='2026-11-23 22:07' cs-escalate sweep | grep -c T4
0
? 1
EOF

done_testing
