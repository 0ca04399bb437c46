#!/bin/sh
# Pending before any reply does not stop the first-response clock (0820):
# the sweep escalates a ticket never answered whether it is open or
# pending, once, as listings and reports count its breach.  A pending
# ticket that was answered has its clock stopped and is left alone.
. "$(dirname "$0")/lib.sh"

t 'a pending ticket never answered is escalated for its first response' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 未答复就挂起
T1
$ cs-ticket new -C 13800138001 -N 李四 inquiry 答复后挂起
T2
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -m 您好，请提供订单号。 T2 >/dev/null
$ CS_NOW='2026-11-23 10:10' cs-ticket pend T1 T2 >/dev/null
$ CS_NOW='2026-11-23 11:01' cs-ticket ls -o id,status,breached --breached
T1	pending	overdue
$ CS_NOW='2026-11-23 11:01' cs-escalate sweep -n
E1	T1	1	first response overdue since 2026-11-23 11:00
$ CS_NOW='2026-11-23 11:01' cs-escalate sweep
E1	T1	1	first response overdue since 2026-11-23 11:00
$ CS_NOW='2026-11-23 11:02' cs-escalate sweep
$ cs-ticket ls -o id,status,breached
T1	pending	response
T2	pending	
$ cs-escalate ls -o id,ticket,level,owner,cause
E1	T1	1	agent	response
EOF

t 'its escalation climbs when nobody acknowledges it, and stops once acknowledged' <<'EOF'
$ CS_NOW='2026-11-23 14:02' cs-escalate sweep
E2	T1	2	E1 not acknowledged by agent since 2026-11-23 14:01
$ CS_NOW='2026-11-23 14:03' cs-escalate sweep
$ CS_NOW='2026-11-23 14:10' CS_AGENT=carol cs-escalate ack E2
E2
$ CS_NOW='2026-11-23 15:00' cs-escalate sweep
EOF

t 'answered before it is due, a pending ticket is not escalated' <<'EOF'
$ cs-ticket new -C 13800138002 -N 王五 inquiry 挂起后答复
T3
$ CS_NOW='2026-11-23 10:10' cs-ticket pend T3 >/dev/null
$ CS_NOW='2026-11-23 10:50' cs-ticket reply -m 您好，已收到。 T3 >/dev/null
$ CS_NOW='2026-11-23 11:30' cs-escalate sweep
$ cs-escalate ls -T T3
EOF

done_testing
