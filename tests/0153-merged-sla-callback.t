#!/bin/sh
# A duplicate merged by the report's clock is not held to deadlines: the
# SLA report leaves it out, as its breached column does; as of before
# its merge it was a ticket of its own.  Nor does it wait for a
# call-back: its customer is called back on the ticket it joined.
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

t 'a resolved ticket merged into an open one leaves the call-back queue' <<'EOF'
$ cs-ticket new -C 13800138000 inquiry 发票
T3
$ cs-ticket new -C 13800138000 inquiry 发票还没到
T4
$ cs-ticket reply -q -m 已寄出 T3
$ cs-ticket resolve -q T3
$ cs-ticket ls -o id --awaiting-callback | grep T3
T3
$ cs-ticket merge T4 T3
T3
$ cs-ticket ls -o id --awaiting-callback | grep -c T3
0
? 1
$ cs-ticket reply -q -m 已补寄 T4
$ cs-ticket resolve -q T4
$ cs-ticket ls -o id --awaiting-callback | grep T4
T4
$ cs-ticket callback -s 5 T4
T4
EOF

t 'a ticket closed, then merged a day later: reports before the merge keep it' <<'EOF'
$ CS_NOW='2026-11-24 09:00' cs-ticket new -C 13900139000 -N 李四 inquiry 开票
T5
$ CS_NOW='2026-11-24 09:00' cs-ticket new -C C2 inquiry 开票二
T6
$ CS_NOW='2026-11-24 09:30' cs-ticket reply -q -m 好的 T6
$ CS_NOW='2026-11-24 10:00' cs-ticket resolve -q T6
$ CS_NOW='2026-11-24 10:30' cs-ticket close -q T6
$ CS_NOW='2026-11-24 20:00' cs-report sla --day 2026-11-24 -o group,tickets,response_met,resolve_met | tee before.txt
inquiry	2	50.0	50.0
all	2	50.0	50.0
$ CS_NOW='2026-11-25 11:00' cs-ticket merge T5 T6
T6
$ CS_NOW='2026-11-24 20:00' cs-report sla --day 2026-11-24 -o group,tickets,response_met,resolve_met | diff before.txt - && echo same
same
$ CS_NOW='2026-11-25 12:00' cs-report sla --day 2026-11-24 -o group,tickets
inquiry	1
all	1
EOF

done_testing
