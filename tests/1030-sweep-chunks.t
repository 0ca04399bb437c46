#!/bin/sh
# A sweep of a large backlog works in chunks, each its own transaction
# committed before its lines are printed, so writers get in between and
# a kill leaves whole chunks.  make stress sweeps 100,000 overdue tickets
# beside the writers (scripts/stress -s), none of them told "busy".
. "$(dirname "$0")/lib.sh"

t 'a backlog of 5,000 overdue tickets is swept a chunk at a time' <<'EOF'
$ cs-ticket new -C 13600000000 -N 积压 inquiry 积压
T1
$ sqlite3 "$CS_DB" "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO ticket (customer_id, category, status, subject, created_at, updated_at, created_by, sla, first_response_due, resolve_due) SELECT customer_id, category, status, subject, created_at, updated_at, created_by, sla, first_response_due, resolve_due FROM ticket, n WHERE id = 1"
$ CS_NOW='2026-11-26 10:00' cs-escalate sweep | { read -r line; echo "$line" | cut -f1,2; sqlite3 "$CS_DB" "SELECT CASE WHEN count(*) BETWEEN 1 AND 4999 THEN 1 ELSE 0 END FROM escalation"; cat > rest; }
E1	T1
1
$ wc -l < rest
4999
$ sqlite3 "$CS_DB" "SELECT count(*), count(DISTINCT ticket_id) FROM escalation; SELECT count(*) FROM ticket WHERE escalated IS NULL"
5000|5000
0
$ CS_NOW='2026-11-26 10:00' cs-escalate sweep
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

t 'a dry run of it changes nothing, and prints the same' <<'EOF'
$ sqlite3 "$CS_DB" "UPDATE ticket SET escalated = NULL, breached = NULL; DELETE FROM escalation" && dbhash > before
$ CS_NOW='2026-11-26 10:00' cs-escalate sweep -n | cut -f2 | uniq | wc -l
5000
$ dbhash before
unchanged
EOF

done_testing
