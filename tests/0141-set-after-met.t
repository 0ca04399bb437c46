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
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches
inquiry	1	100.0	100.0	0
all	1	100.0	100.0	0
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

t 'reports as of a moment group a ticket reclassified since as it was then' <<'EOF'
$ CS_NOW='2026-11-23 09:00' cs-ticket new -C 13800138000 -k business complaint 发票
T3
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -g kind -o group,tickets | tee kind.txt
-	1
business	1
quality	1
all	3
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o group,tickets | tee category.txt
complaint	2
inquiry	1
all	3
$ CS_NOW='2026-11-23 12:00' cs-report hotspots --day 2026-11-23 -o dimension,value,tickets | grep category | tee hot.txt
category	complaint/business	1
category	complaint/quality	1
category	inquiry	1
$ CS_NOW='2026-11-23 12:00' cs-report volume --day 2026-11-23 -o period,tickets,complaints | tee volume.txt
2026-11-23	3	2
$ CS_NOW='2026-11-23 14:00' cs-ticket set -t inquiry T2 T3
T2
T3
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -g kind -o group,tickets | diff kind.txt - && echo same
same
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o group,tickets | diff category.txt - && echo same
same
$ CS_NOW='2026-11-23 12:00' cs-report hotspots --day 2026-11-23 -o dimension,value,tickets | grep category | diff hot.txt - && echo same
same
$ CS_NOW='2026-11-23 12:00' cs-report volume --day 2026-11-23 -o period,tickets,complaints | diff volume.txt - && echo same
same
$ CS_NOW='2026-11-23 12:00' cs-report hotspots -t complaint --day 2026-11-23 -o dimension,value,tickets | grep category
category	complaint/business	1
category	complaint/quality	1
$ CS_NOW='2026-11-23 15:00' cs-report sla --day 2026-11-23 -g kind -o group,tickets
-	2
quality	1
all	3
$ CS_NOW='2026-11-23 15:00' cs-report sla --day 2026-11-23 -o group,tickets
complaint	1
inquiry	2
all	3
$ CS_NOW='2026-11-23 15:00' cs-report volume --day 2026-11-23 -o period,tickets,complaints
2026-11-23	3	1
EOF

t 'a deadline still ahead at the change is from then at the earliest: a past report reads the same' <<'EOF'
$ CS_NOW='2026-11-23 09:40' cs-ticket new -C 13800138001 -N 李四 suggestion 建议
T4
$ CS_NOW='2026-11-23 20:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches | grep '^suggestion' | tee before.txt
suggestion	1			0
$ CS_NOW='2026-11-24 09:00' cs-ticket set -t complaint -k quality T4
T4
$ CS_NOW='2026-11-24 09:00' cs-ticket ls -o id,first_response_due,resolve_due -s open | grep '^T4'
T4	2026-11-24T09:00:00+08:00	2026-11-24T09:00:00+08:00
$ CS_NOW='2026-11-23 20:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches | grep '^suggestion' | diff before.txt - && echo same
same
$ CS_NOW='2026-11-24 10:00' cs-ticket log T4 | grep due.first_response | cut -f2,4,5
2026-11-24T09:00:00+08:00	due.first_response	{"sla":"quality-complaint","met":"no"}
EOF

sqlite_t 'a desk of schema 23 gets when its tickets were reclassified from the trail' 'editing the schema of its file' <<'EOF'
$ sh "$TOP/tests/old-desk" "$CS_DB" 23
$ CS_NOW='2026-11-23 16:00' cs-ticket new -C 13800138000 inquiry 升级之后 >/dev/null
$ sqlite3 "$CS_DB" "PRAGMA user_version; SELECT id, datetime(set_at, 'unixepoch') FROM ticket ORDER BY id; PRAGMA integrity_check"
27
1|2026-11-23 05:01:00
2|2026-11-23 06:00:00
3|2026-11-23 06:00:00
4|2026-11-24 01:00:00
5|
ok
$ CS_NOW='2026-11-23 12:00' cs-report sla --day 2026-11-23 -o group,tickets
complaint	2
inquiry	1
suggestion	1
all	4
EOF

done_testing
