#!/bin/sh
# A database of the previous schema (2) is brought up to date by the
# first change: escalations appear, and tickets already answered or
# resolved get their SLA facts from their wall-clock times.
. "$(dirname "$0")/lib.sh"
sqlite_only 'a SQLite file rewound to schema 2 with sqlite3'

t 'a schema-2 database migrates, keeping its tickets' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 如何退票 >/dev/null
$ CS_NOW='2026-11-23 10:30' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 12:00' cs-ticket resolve T1 >/dev/null
$ sh "$TOP/tests/old-desk" cs.db 2
$ cs-report sla 2>&1 | sed "s|$PWD/||"
cs-report: cs.db: schema version 2 is older than this cs (27); any change made with cs upgrades it
$ cs-ticket new -C 13800138000 inquiry 第二张 >/dev/null
$ sqlite3 cs.db "pragma user_version; select count(*) from invoice; select count(*) from grants; select count(ref) from ticket; select id, response_secs, resolved_first_at - created_at, resolve_secs from ticket order by id"
27
0
0
0
1|1800|7200|7200
2|||
$ CS_NOW='2026-11-23 13:00' cs-report sla -o group,tickets,response_met,resolve_met,response_p50,resolve_p50
inquiry	2	50.0	100.0	30m	2h
all	2	50.0	100.0	30m	2h
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

done_testing
