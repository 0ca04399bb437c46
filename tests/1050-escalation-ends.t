#!/bin/sh
# The escalation ladder carries through: acknowledging is not solving,
# an unsolved escalation goes up, level 3 without an incident report is
# flagged and its writer told; escalations end with their cause; their
# deadlines run on the ticket's calendar unless the ladder says 24x7.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent dave role manager
notify echo "$CS_EVENT $CS_ESCALATION $CS_TICKET owner=$CS_OWNER due=$CS_DUE: $CS_REASON" >> notified
CONF

t 'an acknowledged escalation has a solve deadline; unsolved, it goes up' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 质量投诉 >/dev/null
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -m 您好，我们正在处理 T1 >/dev/null
$ cs-escalate raise -l 1 -r 客户要求回电 T1
E1
$ CS_NOW='2026-11-23 10:30' cs-escalate ack E1
E1
$ cs-escalate ls -o id,level,status,due,solve_due
E1	1	acked	2026-11-23T12:00:00+08:00	2026-11-23T12:30:00+08:00
$ cs-ticket show T1 | grep '^escalation '
escalation   E1 level 1, alice, acked (solve by 2026-11-23 12:30)
$ CS_NOW='2026-11-23 11:00' cs-escalate ls --overdue
$ CS_NOW='2026-11-23 12:31' cs-escalate ls --overdue -o id
E1
$ CS_NOW='2026-11-23 11:59' cs-escalate sweep
$ CS_NOW='2026-11-23 12:31' cs-escalate sweep
E2	T1	2	resolution overdue since 2026-11-23 12:00; E1 not solved by alice since 2026-11-23 12:30
$ CS_NOW='2026-11-23 12:31' cs-escalate sweep
$ cs-escalate ls -o id,level,status,owner,cause
E2	2	open	supervisor	resolve,S1
EOF

t 'level 3 without an incident report is flagged; the level-2 owner is told to write it' <<'EOF'
$ CS_NOW='2026-11-23 12:40' CS_AGENT=carol cs-escalate ack E2
E2
$ CS_NOW='2026-11-23 14:41' cs-escalate sweep
E3	T1	3	E2 not solved by supervisor since 2026-11-23 14:40
$ cs-escalate ls -o id,level,owner,flag,report_by
E3	3	manager	no incident report	supervisor
$ cs-ticket show T1 | grep '^escalation '
escalation   E3 level 3, manager, open (ack by 2026-11-23 16:41), no incident report
$ grep E3 notified
raised E3 T1 owner=manager due=2026-11-23T16:41:00+08:00: E2 not solved by supervisor since 2026-11-23 14:40
report E3 T1 owner=supervisor due=2026-11-23T16:41:00+08:00: write the incident report (事故报告): cs-escalate report E3
$ printf '经过：客服态度生硬。\n处理：主管已致电道歉，客户仍不接受。\n' | CS_AGENT=carol cs-escalate report E3
E3
$ cs-escalate ls -o id,level,flag
E3	3	
$ cs-report audit -o action E3 | tail -1
escalation.report
$ CS_NOW='2026-11-23 15:00' CS_AGENT=dave cs-escalate ack E3
E3
$ CS_NOW='2026-11-23 17:01' cs-escalate sweep
$ cs-escalate ls -o id,level,status,solve_due
E3	3	acked	2026-11-23T17:00:00+08:00
EOF

t 'a level 3 raised from a reported level 2 carries the report' <<'EOF'
$ cs-ticket new -C 13800138000 -k quality complaint 又一投诉 >/dev/null
$ cs-escalate raise -l 2 -r 不接受道歉 T2 >/dev/null
$ CS_AGENT=carol cs-escalate report -m 经过与处理 E4
E4
$ CS_AGENT=carol cs-escalate raise -l 3 -r 经理处理 T2
E5
$ cs-escalate show E5 | sed -n '/^incident report/,$p' | head -2
incident report
    经过与处理
$ cs-escalate ls -T T2 -o id,flag,report_by
E5		
EOF

t 'resolving or closing a ticket ends its escalations, with who and why' <<'EOF'
$ CS_NOW='2026-11-23 17:30' CS_AGENT=carol cs-ticket resolve T1
T1
$ cs-escalate ls -A -T T1 -o id,status,ended,ended_by,ended_why
E1	superseded			
E2	superseded			
E3	resolved	ended	carol	T1 resolved
$ cs-report audit -o action,detail E3 | tail -1
escalation.end	{"by":"carol","why":"T1 resolved"}
$ cs-escalate raise -D tech -r 查日志 T2 >/dev/null
$ CS_AGENT=bob cs-ticket close T2
T2
$ cs-escalate ls -A -T T2 -o id,department,status,ended,ended_by,ended_why
E4		superseded			
E5		resolved	ended	bob	T2 closed
E6	tech	resolved	ended	bob	T2 closed
$ cs-escalate ls
$ CS_NOW='2026-11-24 17:00' cs-escalate sweep
	T1		closed: resolved 1h with no word
EOF

t 'show and log list the ticket escalations' <<'EOF'
$ cs-ticket show T1 | sed -n '/^escalations$/,/^$/p'
escalations
  E1     2026-11-23 10:00  level 1, alice, superseded
  E2     2026-11-23 12:31  level 2, supervisor, superseded
  E3     2026-11-23 14:41  level 3, manager, ended by carol: T1 resolved

$ cs-ticket log T1 -o record,action | grep -v '	due\.' | tail -5
E3	escalation.raise
E3	escalation.ack
T1	ticket.resolve
E3	escalation.end
T1	ticket.close
EOF

t 'a warning before a deadline is withdrawn when the ticket is answered in time' <<'EOF'
$ printf 'warn-before 30m\nidle none\n' >> cs.conf
$ cs-ticket new -C 13800138000 -k quality complaint 预警 >/dev/null
$ CS_NOW='2026-11-23 10:05' cs-escalate sweep
E7	T3	1	first response due 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:20' cs-ticket reply -m 您好，已收到您的反馈 T3
T3
$ cs-escalate ls -A -T T3 -o id,status,ended,ended_by,ended_why
E7	resolved	withdrawn	alice	first response in time
$ cs-report audit -o action E7 | tail -1
escalation.withdraw
$ CS_NOW='2026-11-23 10:25' cs-ticket resolve T3
T3
EOF

t 'a warning that climbed is withdrawn too; an answer too late withdraws nothing' <<'EOF'
$ echo 'ladder 1 10m' >> cs.conf
$ cs-ticket new -C 13800138000 -k business complaint 业务投诉 >/dev/null
$ CS_NOW='2026-11-23 11:31' cs-escalate sweep
E8	T4	1	first response due 2026-11-23 12:00
$ cs-ticket new -C 13800138000 -k quality complaint 太迟 >/dev/null
$ CS_NOW='2026-11-23 10:05' cs-escalate sweep
E9	T5	1	first response due 2026-11-23 10:30
$ CS_NOW='2026-11-23 11:42' cs-escalate sweep | cut -f1-3
E10	T4	2
E11	T5	2
$ cs-escalate ls -o id,warning
E10	response
E11	resolve,response
$ CS_NOW='2026-11-23 11:50' cs-ticket reply -m 您好 T4 T5 >/dev/null
$ cs-escalate ls -A -T T4 -o id,level,status,ended
E8	1	superseded	
E10	2	resolved	withdrawn
$ cs-escalate ls -T T5 -o id,level,status
E11	2	open
$ CS_NOW='2026-11-23 11:55' cs-ticket resolve T4 T5
T4
T5
EOF

t 'an office-hours ticket does not climb at night; a 24x7 ladder does' <<'EOF'
$ CS_NOW='2026-11-27 17:00' cs-ticket new -C 13800138000 inquiry 周五下午 >/dev/null
$ CS_NOW='2026-11-27 17:10' cs-ticket reply -m 您好 T6 >/dev/null
$ CS_NOW='2026-11-27 17:30' CS_AGENT=carol cs-escalate raise -l 2 -r 主管回电 T6
E12
$ cs-escalate ls -T T6 -o id,level,due
E12	2	2026-11-30T10:30:00+08:00
$ CS_NOW='2026-11-28 04:03' cs-escalate sweep
$ cp cs.conf a.conf && echo 'ladder 2 2h supervisor 24x7' >> a.conf
$ cs-report -c a.conf config | grep '^ladder 2'
ladder 2 2h supervisor 24x7
$ CS_NOW='2026-11-27 17:30' cs-ticket new -C 13800138000 inquiry 周五晚 >/dev/null
$ CS_NOW='2026-11-27 17:31' cs-ticket reply -m 您好 T7 >/dev/null
$ CS_NOW='2026-11-27 17:40' cs-escalate -c a.conf raise -l 2 -r 主管回电 T7
E13
$ CS_NOW='2026-11-28 04:03' cs-escalate -c a.conf sweep
E14	T7	3	E13 not acknowledged by supervisor since 2026-11-27 19:40
EOF

t 'the ladder: solve times and 24x7 read back; bad ones are refused' <<'EOF'
$ printf 'ladder 1 30m solve=4h\nladder 3 1h manager solve=2h 24x7\n' >> a.conf
$ cs-report -c a.conf config | grep '^ladder'
ladder 1 30m solve=4h
ladder 2 2h supervisor 24x7
ladder 3 1h manager solve=2h 24x7
$ printf 'ladder 1 2h solve=soon\n' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: ladder 1 solve=soon: not a duration
? 78
$ printf 'ladder 1 2h a b\n' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: usage: ladder LEVEL DURATION [OWNER] [solve=DURATION] [24x7]
? 78
EOF

done_testing
