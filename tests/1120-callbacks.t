#!/bin/sh
# Call-backs (回访): every one kept, reports as of a moment read those
# made by then, the tickets awaiting one listed; satisfaction and
# first-contact resolution in the sla and agents reports.
. "$(dirname "$0")/lib.sh"

t 'last week: two tickets answered and resolved, one called back' <<'EOF2'
$ CS_NOW='2026-11-16 09:00' cs-ticket new -C 13800138000 -N 张三 inquiry 上周的问题
T1
$ CS_NOW='2026-11-16 09:10' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-16 10:00' cs-ticket resolve T1 >/dev/null
$ CS_NOW='2026-11-16 09:00' cs-ticket new -C 13800138000 inquiry 第二个问题
T2
$ CS_NOW='2026-11-16 09:20' CS_AGENT=bob cs-ticket reply -m 您好 T2 >/dev/null
$ CS_NOW='2026-11-16 09:40' CS_AGENT=bob cs-ticket reply -m 还需要什么 T2 >/dev/null
$ CS_NOW='2026-11-16 11:00' CS_AGENT=bob cs-ticket resolve T2 >/dev/null
$ CS_NOW='2026-11-16 12:00' cs-ticket new -C 13800138000 inquiry 还开着 >/dev/null
$ CS_NOW='2026-11-17 10:00' CS_AGENT=carol cs-ticket callback -s 2 -m 不太满意 T1
T1
$ CS_NOW='2026-11-17 11:00' cs-ticket ls -o id --awaiting-callback
T2
EOF2

t 'the scorecard of last week, as of that Friday' <<'EOF2'
$ CS_NOW='2026-11-20 18:00' cs-report agents --week 2026-11-17 -o agent,handled,satisfaction,callbacks,satisfied,fcr
alice	1	2.00	1	0.0	100.0
bob	1		0		0.0
$ CS_NOW='2026-11-20 18:00' cs-report sla --week 2026-11-17 -o group,tickets,satisfaction,satisfied,fcr
inquiry	3	2.00	0.0	50.0
all	3	2.00	0.0	50.0
EOF2

t 'a second call-back this week is kept beside the first and does not rewrite last week' <<'EOF2'
$ CS_AGENT=carol cs-ticket callback -s 5 -m 后来解决了 T1 T2
T1
T2
$ sqlite3 "$CS_DB" "select ticket_id, satisfaction, agent, credited, created_at from callback order by id"
1|2|carol|alice|1794880800
1|5|carol|alice|1795399200
2|5|carol|bob|1795399200
$ cs-ticket ls -o id,satisfaction -s resolved
T1	5
T2	5
$ cs-report agents --week 2026-11-17 -o agent,handled,satisfaction,callbacks,satisfied,fcr
alice	1	2.00	1	0.0	100.0
bob	1		0		0.0
$ cs-report agents --week 2026-11-23 -o agent,satisfaction,callbacks,satisfied
alice	5.00	1	100.0
bob	5.00	1	100.0
$ cs-ticket ls -o id --awaiting-callback
$ CS_NOW='2026-11-20 18:00' cs-report sla --week 2026-11-17 -o group,satisfaction
inquiry	2.00
all	2.00
$ cs-report sla --week 2026-11-17 -o group,satisfaction,satisfied
inquiry	5.00	100.0
all	5.00	100.0
EOF2

t 'a ticket reopened and resolved again waits for a call-back again' <<'EOF2'
$ cs-ticket reopen T2 >/dev/null
$ CS_NOW='2026-11-23 11:00' cs-ticket resolve T2 >/dev/null
$ CS_NOW='2026-11-23 11:00' cs-ticket ls -o id --awaiting-callback
T2
EOF2

done_testing
