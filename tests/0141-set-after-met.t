#!/bin/sh
# Reclassifying a ticket after its first response or resolution leaves
# those deadlines as they were met or missed: a report of that day reads
# the same after (its met rates, the agent's score); the deadlines still
# ahead follow the new policy.
. "$(dirname "$0")/lib.sh"

t 'answered in time, resolved, then made a quality complaint' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 问退票
T1
$ CS_NOW='2026-11-23 10:50' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 11:00' cs-ticket resolve T1 >/dev/null
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches
inquiry	1	100.0	100.0	0
all	1	100.0	100.0	0
$ CS_NOW='2026-11-23 12:00' cs-report agents --day 2026-11-23 -o agent,handled,response_met,score
alice	1	100.0	100.0
$ CS_NOW='2026-11-23 13:00' cs-ticket reopen T1 >/dev/null
$ CS_NOW='2026-11-23 13:01' cs-ticket set -t complaint -k quality T1
T1
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o tickets,response_met,resolve_met,breaches
1	100.0	100.0	0
1	100.0	100.0	0
$ CS_NOW='2026-11-23 12:00' cs-report agents --day 2026-11-23 -o agent,handled,response_met,score
alice	1	100.0	100.0
$ cs-ticket log T1 | grep due.first_response | cut -f4,5
due.first_response	{"sla":"quality-complaint","met":"yes"}
EOF

t 'a deadline still ahead follows the new policy' <<'EOF'
$ cs-ticket new -C 13800138000 inquiry 还没回复
T2
$ cs-ticket ls -o id,first_response_due -s open | grep T2
T2	2026-11-23T11:00:00+08:00
$ cs-ticket set -t complaint -k quality T2
T2
$ cs-ticket ls -o id,first_response_due -s open | grep T2
T2	2026-11-23T10:30:00+08:00
EOF

done_testing
