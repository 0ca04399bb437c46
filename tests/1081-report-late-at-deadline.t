#!/bin/sh
# An escalation nobody acknowledged is moved up by the sweep when its
# deadline is reached, at the very minute under cron: the escalations
# report counts it acknowledged late, as the sweep took it.
. "$(dirname "$0")/lib.sh"

t 'moved up by the sweep at its very deadline: acknowledged late' <<'EOF'
$ cs-ticket new -C 13900139000 -N 李四 -k quality complaint 无人理会
T1
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep | cut -f1,3,4
E1	1	first response overdue since 2026-11-23 10:30
$ CS_NOW='2026-11-23 12:31' cs-escalate sweep | cut -f1,3,4
E2	2	resolution overdue since 2026-11-23 12:00; E1 not acknowledged by agent since 2026-11-23 12:31
$ CS_NOW='2026-11-23 13:00' cs-report escalations --day 2026-11-23 -o level,owner,raised,acked,ack_late
1	agent	1	0	1
2	supervisor	1	0	0
	all	2	0	1
$ CS_NOW='2026-11-23 14:31' cs-report escalations --day 2026-11-23 -o level,raised,ack_late
1	1	1
2	1	1
	2	2
EOF

done_testing
