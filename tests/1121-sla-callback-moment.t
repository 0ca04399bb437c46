#!/bin/sh
# The SLA report's satisfaction as of its clock: a ticket's own score
# when its last call-back came by then, the call-back of that moment
# when a later one came (migration 21: the report's index covers when
# the last call-back was made, so a year's report reads no call-back).
. "$(dirname "$0")/lib.sh"

t 'a call-back made at the clock counts, one a minute later does not' <<'EOF'
$ CS_NOW='2026-11-16 09:00' cs-ticket new -C 13800138000 -N 张三 inquiry 退票问题
T1
$ CS_NOW='2026-11-16 09:10' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-16 10:00' cs-ticket resolve T1 >/dev/null
$ CS_NOW='2026-11-17 10:00' cs-ticket callback -s 3 T1
T1
$ CS_NOW='2026-11-17 10:00' cs-ticket callback -s 1 T1
T1
$ CS_NOW='2026-11-17 10:01' cs-ticket callback -s 5 T1
T1
$ CS_NOW='2026-11-17 09:59' cs-report sla --week 2026-11-16 -o group,satisfaction,satisfied
inquiry		
all		
$ CS_NOW='2026-11-17 10:00' cs-report sla --week 2026-11-16 -o group,satisfaction,satisfied
inquiry	1.00	0.0
all	1.00	0.0
$ CS_NOW='2026-11-17 10:01' cs-report sla --week 2026-11-16 -o group,satisfaction,satisfied
inquiry	5.00	100.0
all	5.00	100.0
$ CS_NOW='2026-11-30 10:00' cs-report sla --week 2026-11-16 -o group,satisfaction,satisfied
inquiry	5.00	100.0
all	5.00	100.0
EOF

sqlite_t 'the report reads its facts from the index alone' 'the query planner' <<'EOF'
$ sqlite3 "$CS_DB" "EXPLAIN QUERY PLAN SELECT t.category, t.satisfaction, t.callback_at, t.first_contact, t.resolved_first_by FROM ticket t WHERE t.created_at >= 0 AND t.created_at < 9999999999" | grep -o 'COVERING INDEX ticket_sla'
COVERING INDEX ticket_sla
EOF

sqlite_t 'a desk of schema 20 gets the index in place, its report unchanged' 'editing the schema of its file' <<'EOF'
$ sh "$TOP/tests/old-desk" "$CS_DB" 20
$ CS_NOW='2026-11-17 10:00' cs-report sla --week 2026-11-16 -o group,satisfaction 2>&1 | sed "s|$PWD/||"
cs-report: cs.db: schema version 20 is older than this cs (27); any change made with cs upgrades it
$ CS_NOW='2026-11-18 10:00' cs-ticket new -C 13800138000 inquiry 第二个 >/dev/null
$ sqlite3 "$CS_DB" "PRAGMA user_version; SELECT sql LIKE '%resolved_first_by,  callback_at, set_at, merged_at, id)' FROM sqlite_master WHERE name = 'ticket_sla'; PRAGMA integrity_check"
27
1
ok
$ CS_NOW='2026-11-17 10:00' cs-report sla --week 2026-11-16 -o group,satisfaction
inquiry	1.00
all	1.00
EOF

done_testing
