#!/bin/sh
# An incident's escalation belongs to the incident: it climbs while the
# incident is open, whatever becomes of the ticket it was raised from
# (resolved, closed), and ends when the incident is closed, with who
# and why.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent dave role manager
agent tess role tech
CONF

t 'the first ticket resolved and closed, the incident still climbs' <<'EOF'
$ cs-escalate incident open -s critical -D tech 售票系统故障
N1
$ for i in 1 2 3; do cs-ticket new -C 1380013800$i -N 张$i -k quality complaint 无法购票$i >/dev/null; done
$ cs-ticket ls -o id | cs-escalate incident link N1
T1
T2
T3
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep
E1	T1	1	N1: first response overdue since 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:40' cs-ticket reply -m 您好，正在处理。 T1 >/dev/null
$ CS_NOW='2026-11-23 10:41' cs-ticket resolve T1
T1
$ cs-escalate ls -o id,ticket,level,status,incident
E1	T1	1	open	N1
$ CS_NOW='2026-11-23 12:32' cs-escalate sweep -n
E2	T1	2	N1: E1 not acknowledged by agent since 2026-11-23 12:31
	T1		closed: resolved 1h with no word
$ CS_NOW='2026-11-23 12:32' cs-escalate sweep
E2	T1	2	N1: E1 not acknowledged by agent since 2026-11-23 12:31
	T1		closed: resolved 1h with no word
$ CS_NOW='2026-11-23 12:33' cs-escalate sweep
$ cs-ticket ls -o id,status -g 无法购票1
T1	closed
EOF

t 'acknowledged and not solved, it climbs on; a second sweep does nothing' <<'EOF'
$ CS_NOW='2026-11-23 12:40' CS_AGENT=carol cs-escalate ack E2
E2
$ CS_NOW='2026-11-23 14:39' cs-escalate sweep
$ CS_NOW='2026-11-23 14:41' cs-escalate sweep
E3	T1	3	N1: E2 not solved by supervisor since 2026-11-23 14:40
$ CS_NOW='2026-11-23 14:42' cs-escalate sweep
$ cs-escalate ls -A -o id,level,status,incident,flag,report_by
E1	1	superseded	N1		
E2	2	superseded	N1		
E3	3	open	N1	no incident report	supervisor
$ cs-ticket show T3 | grep '^escalation '
escalation   E3 level 3 of N1, manager, open (ack by 2026-11-23 16:41), no incident report
$ cs-ticket show T1 | grep '^escalation '
escalation   E3 level 3 of N1, manager, open (ack by 2026-11-23 16:41), no incident report
EOF

t 'closing the incident ends its escalation, with who and why; its open tickets climb their own ladders' <<'EOF'
$ CS_NOW='2026-11-23 15:00' CS_AGENT=dave cs-escalate incident close N1
$ cs-escalate ls -A -o id,status,ended,ended_by,ended_why
E1	superseded			
E2	superseded			
E3	resolved	ended	dave	N1 closed
$ CS_NOW='2026-11-23 18:00' cs-escalate sweep
E4	T2	1	first response overdue since 2026-11-23 10:30; resolution overdue since 2026-11-23 12:00
E5	T3	1	first response overdue since 2026-11-23 10:30; resolution overdue since 2026-11-23 12:00
$ cs-escalate incident show N1 | sed -n '/^escalations$/,/^$/p'
escalations
  E1     level 1, agent, superseded (from T1)
  E2     level 2, supervisor, superseded (from T1)
  E3     level 3, manager, resolved (from T1)

$ cs-report audit -o agent,action E3 | tail -1
dave	escalation.end
EOF

done_testing
