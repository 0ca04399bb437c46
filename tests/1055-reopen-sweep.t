#!/bin/sh
# A reopened ticket's second life: the sweep escalated its overdue
# resolution (or warned of its first response) and the resolution ended
# that escalation; reopened, its new resolution clock, or the first
# response still owed, is escalated again when it passes, once.  Its
# history says whether the deadline standing now was met, and a first
# response never made before a resolution as missed.
. "$(dirname "$0")/lib.sh"

t 'the new resolution clock of a reopened ticket is escalated when it passes' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 12:01' cs-escalate sweep
E1	T1	1	resolution overdue since 2026-11-23 12:00
$ CS_NOW='2026-11-23 12:05' cs-ticket resolve T1
T1
$ CS_NOW='2026-11-23 12:30' cs-ticket reopen T1
T1
$ CS_NOW='2026-11-23 14:00' cs-ticket log T1 | grep due.resolve
T1	2026-11-23T12:00:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
T1	2026-11-23T14:30:00+08:00		due.resolve	{"sla":"quality-complaint","met":"pending"}
$ CS_NOW='2026-11-23 14:00' cs-escalate sweep
$ CS_NOW='2026-11-23 15:00' cs-escalate sweep
E2	T1	1	resolution overdue since 2026-11-23 14:30
$ CS_NOW='2026-11-23 15:01' cs-escalate sweep
$ CS_NOW='2026-11-23 15:02' cs-escalate ls -A -o id,ticket,level,status,reason
E1	T1	1	resolved	resolution overdue since 2026-11-23 12:00
E2	T1	1	open	resolution overdue since 2026-11-23 14:30
$ CS_NOW='2026-11-23 15:02' cs-ticket log T1 | grep due.resolve
T1	2026-11-23T12:00:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
T1	2026-11-23T14:30:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
$ CS_NOW='2026-11-23 15:10' cs-ticket resolve T1
T1
$ CS_NOW='2026-11-23 15:11' cs-escalate ls -A -o id,status
E1	resolved
E2	resolved
$ CS_NOW='2026-11-23 15:11' cs-ticket log T1 | grep due.resolve
T1	2026-11-23T12:00:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
T1	2026-11-23T14:30:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
EOF

t 'a resolution made in time on the new clock is met' <<'EOF'
$ CS_NOW='2026-11-23 15:20' cs-ticket reopen T1 >/dev/null
$ CS_NOW='2026-11-23 16:00' cs-ticket resolve T1 >/dev/null
$ CS_NOW='2026-11-23 16:00' cs-ticket log T1 | grep due.resolve
T1	2026-11-23T12:00:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
T1	2026-11-23T17:20:00+08:00		due.resolve	{"sla":"quality-complaint","met":"yes"}
EOF

cat >> "$CS_CONF" <<'CONF'
warn-before 30m
CONF

t 'a first response warned of, the ticket resolved unanswered and reopened: escalated when it passes' <<'EOF'
$ cs-ticket new -C 13800138001 -N 李四 -k quality complaint 没人回复
T2
$ CS_NOW='2026-11-23 10:01' cs-escalate sweep
E3	T2	1	first response due 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:05' cs-ticket resolve T2 >/dev/null
$ CS_NOW='2026-11-23 10:06' cs-ticket reopen T2 >/dev/null
$ CS_NOW='2026-11-23 10:45' cs-escalate sweep
E4	T2	1	first response overdue since 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:46' cs-escalate sweep
$ CS_NOW='2026-11-23 10:47' cs-escalate ls -A -o id,ticket,status,reason
E1	T1	resolved	resolution overdue since 2026-11-23 12:00
E2	T1	resolved	resolution overdue since 2026-11-23 14:30
E3	T2	resolved	first response due 2026-11-23 10:30
E4	T2	open	first response overdue since 2026-11-23 10:30
EOF

t 'one live escalation per cause still: a second sweep raises none while it lives' <<'EOF'
$ CS_NOW='2026-11-23 10:48' cs-ticket resolve T2 >/dev/null
$ CS_NOW='2026-11-23 10:49' cs-ticket reopen T2 >/dev/null
$ CS_NOW='2026-11-23 10:50' cs-escalate sweep
E5	T2	1	first response overdue since 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:51' cs-escalate sweep
$ CS_NOW='2026-11-23 10:52' cs-escalate ls -o id,ticket,status
E5	T2	open
EOF

t 'resolved with no reply: its history says the first response was missed' <<'EOF'
$ cs-ticket new -C 13800138002 -N 王五 -k business complaint 退款未到账
T3
$ CS_NOW='2026-11-23 10:05' cs-ticket resolve T3 >/dev/null
$ CS_NOW='2026-11-23 10:06' cs-ticket log T3 | grep due.first_response | cut -f4,5
due.first_response	{"sla":"business-complaint","met":"no"}
$ CS_NOW='2026-11-23 10:06' cs-ticket ls -s resolved -o id,breached | grep T3
T3	response
EOF

sqlite_t 'the index keeps one live escalation of a cause, not one ever' 'the schema of its file' <<'EOF'
$ sqlite3 "$CS_DB" "SELECT sql LIKE '%WHERE status = ''open'' OR status = ''acked''' FROM sqlite_master WHERE name = 'escalation_cause'"
1
$ sqlite3 "$CS_DB" "INSERT INTO escalation (ticket_id, level, owner, reason, cause, due, raised_by, created_at, updated_at) VALUES (2, 1, 'a', 'r', 'response', 0, 'a', 0, 0)" 2>&1 | grep -o 'UNIQUE constraint failed'
UNIQUE constraint failed
EOF

done_testing
