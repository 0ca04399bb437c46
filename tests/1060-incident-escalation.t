#!/bin/sh
# Tickets linked to an open incident (a 12306 system failure) go up the
# ladder as the incident, once for all of them; the incident's
# departments acknowledge it, and the incident shows who did.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent tess role tech
agent dave role manager
CONF

t 'six linked tickets make one climb of the incident, not eighteen escalations' <<'EOF'
$ cs-escalate incident open -s critical -D tech,finance 售票系统故障
N1
$ for i in 1 2 3 4 5 6; do cs-ticket new -C 1380013800$i -N 张$i -k quality complaint 无法购票$i >/dev/null; done
$ cs-ticket ls -o id | cs-escalate incident link N1 | wc -l
6
$ cs-ticket new -C 13800138009 -N 李四 -k quality complaint 与故障无关 >/dev/null
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep
E1	T1	1	N1: first response overdue since 2026-11-23 10:30
E2	T7	1	first response overdue since 2026-11-23 10:30
$ CS_NOW='2026-11-23 12:32' cs-escalate sweep | cut -f1-3
E3	T1	2
E4	T7	2
$ CS_NOW='2026-11-23 14:33' cs-escalate sweep | cut -f1-3
E5	T1	3
E6	T7	3
$ CS_NOW='2026-11-23 16:34' cs-escalate sweep
$ cs-escalate ls -A -o id,ticket,level,status,incident
E1	T1	1	superseded	N1
E2	T7	1	superseded	
E3	T1	2	superseded	N1
E4	T7	2	superseded	
E5	T1	3	open	N1
E6	T7	3	open	
$ cs-ticket ls -o id,breached | sort -u -k2 | wc -l
1
EOF

t 'the departments acknowledge the incident; the show tracks it' <<'EOF'
$ CS_AGENT=tess cs-escalate incident ack N1
N1
$ CS_AGENT=tess cs-escalate incident ack N1
! cs-escalate: N1: tech acknowledged it already
? 65
$ CS_AGENT=bob cs-escalate incident ack -D finance N1
! cs-escalate: N1: bob may not acknowledge it for finance (owner finance)
? 77
$ CS_AGENT=bob cs-escalate incident ack N1
! cs-escalate: N1: bob owns none of its departments: name one (-D)
? 65
$ CS_AGENT=carol cs-escalate incident ack -D logistics N1
! cs-escalate: N1 does not concern logistics
? 65
$ cs-escalate incident show N1 | sed -n '/^departments$/,/^$/p'
departments
  tech         acknowledged 2026-11-23 10:00 by tess
  finance      not acknowledged (due 2026-11-23 12:00)

$ CS_NOW='2026-11-23 10:20' CS_AGENT=carol cs-escalate incident ack -D finance N1
N1
$ cs-escalate incident show N1 | sed -n '/^departments$/,/^$/p'
departments
  tech         acknowledged 2026-11-23 10:00 by tess
  finance      acknowledged 2026-11-23 10:20 by carol

$ cs-escalate incident show N1 | sed -n '/^escalations$/,/^$/p'
escalations
  E1     level 1, agent, superseded (from T1)
  E3     level 2, supervisor, superseded (from T1)
  E5     level 3, manager, open (from T1)

$ cs-report audit -o agent,action,detail N1 | grep ack
tess	incident.ack	{"department":"tech","by":"tess"}
carol	incident.ack	{"department":"finance","by":"carol"}
EOF

t 'closing the incident ends its escalations' <<'EOF'
$ CS_NOW='2026-11-23 17:00' CS_AGENT=dave cs-escalate incident close -m 系统已恢复，请重新购票。 N1 | wc -l
6
$ cs-escalate ls -A -o id,status,ended,ended_by,ended_why
E1	superseded			
E2	superseded			
E3	superseded			
E4	superseded			
E5	resolved	ended	dave	N1 closed
E6	open			
$ CS_AGENT=tess cs-escalate incident ack N1
! cs-escalate: N1 is closed already
? 65
EOF

done_testing
