#!/bin/sh
# A duplicate merged by the report's clock is not held to deadlines: the
# SLA report leaves it out, as its breached column does; as of before
# its merge it was a ticket of its own.
. "$(dirname "$0")/lib.sh"

t 'a duplicate merged a minute after it opened is no breach' <<'EOF'
$ CS_NOW='2026-11-23 09:00' cs-ticket new -C 13800138000 -N 张三 inquiry 退款
T1
$ CS_NOW='2026-11-23 09:05' cs-ticket new -C C1 inquiry 退款重复
T2
$ CS_NOW='2026-11-23 09:06' cs-ticket merge T1 T2
T2
$ CS_NOW='2026-11-23 09:10' cs-ticket reply -q -m 收到 T1
$ CS_NOW='2026-11-23 09:30' cs-ticket resolve -q T1
$ CS_NOW='2026-11-23 20:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches
inquiry	1	100.0	100.0	0
all	1	100.0	100.0	0
$ CS_NOW='2026-11-23 20:00' cs-ticket ls -s closed -o id,status,breached
T2	closed	
$ CS_NOW='2026-11-23 09:05:30' cs-report sla --day 2026-11-23 -o group,tickets
inquiry	2
all	2
EOF

done_testing
