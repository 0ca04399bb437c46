#!/bin/sh
# The checks of a word from a list on refunds, escalations, grants,
# disputes and incidents (migration 20), as on tickets (0651): they
# still refuse a word not in the list, and on SQLite they are
# comparisons, tested without building a table of the list for each
# row written.  A desk made before them is migrated in place.
. "$(dirname "$0")/lib.sh"

# bad TABLE (COLUMNS) VALUES: the insert refused by a check, as one line.
cat > "$TMP/bad" <<'SH'
sqlite3 "$CS_DB" "INSERT INTO $1 VALUES $2" 2>&1 |
    grep -io 'check constraint' | tr A-Z a-z | sed "s/^/$3: /"
SH

t 'a word not in the list is refused on each table' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 >/dev/null
$ cs-order customer add -N 李卖家 -p 13900139000 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 10 G1 >/dev/null
$ cs-ticket new -C C1 -O ref:G1 -k quality complaint 商品破损 >/dev/null
$ sh bad "refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at)" "(1, 1, 0, 'lost', 'goodwill', 'k1', 'a', 1, 1)" refund.status
refund.status: check constraint
$ sh bad "refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at, recovery)" "(1, 1, 0, 'paid', 'goodwill', 'k2', 'a', 1, 1, 'forgiven')" refund.recovery
refund.recovery: check constraint
$ sh bad "escalation (ticket_id, owner, reason, due, raised_by, created_at, updated_at, status)" "(1, 'a', 'r', 1, 'a', 1, 1, 'parked')" escalation.status
escalation.status: check constraint
$ sh bad "grants (customer_id, kind, value, worth, expires_at, status, reason, key, requested_by, created_at, updated_at)" "(1, 'coupon', 1, 1, 1, 'granted', 'r', 'g1', 'a', 1, 1)" grants.status
grants.status: check constraint
$ sh bad "dispute (ticket_id, order_id, customer_id, counterparty_id, opened_by, created_at, stage_at, updated_at, stage)" "(1, 1, 1, 2, 'a', 1, 1, 1, 'appealed')" dispute.stage
dispute.stage: check constraint
$ sh bad "dispute (ticket_id, order_id, customer_id, counterparty_id, opened_by, created_at, stage_at, updated_at, decision)" "(1, 1, 1, 2, 'a', 1, 1, 1, 'nobody')" dispute.decision
dispute.decision: check constraint
$ sh bad "incident (title, severity, departments, opened_by, created_at, updated_at)" "('t', 'severe', 'ops', 'a', 1, 1)" incident.severity
incident.severity: check constraint
$ sqlite3 "$CS_DB" "SELECT (SELECT count(*) FROM refund) + (SELECT count(*) FROM escalation) + (SELECT count(*) FROM grants) + (SELECT count(*) FROM dispute) + (SELECT count(*) FROM incident)"
0
EOF

# ephemeral SQL...: the temporary tables each statement opens.
cat > "$TMP/ephemeral" <<'SH'
for q in "$@"; do
	sqlite3 "$CS_DB" "EXPLAIN $q" | grep -c OpenEphemeral
done | tr '\n' ' '
echo
SH

sqlite_t 'the checks are comparisons, no table of the list built for each row' 'its EXPLAIN' <<'EOF'
$ sh ephemeral "INSERT INTO refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) VALUES (1, 1, 0, 'approved', 'goodwill', 'k', 'a', 1, 1)" "UPDATE refund SET status = 'sent', recovery = 'owed' WHERE id = 1" "UPDATE escalation SET status = 'acked' WHERE id = 1" "INSERT INTO grants (customer_id, kind, value, worth, expires_at, status, reason, key, requested_by, created_at, updated_at) VALUES (1, 'coupon', 1, 1, 1, 'approved', 'r', 'g', 'a', 1, 1)" "UPDATE dispute SET stage = 'decided', decision = 'split' WHERE id = 1" "UPDATE incident SET severity = 'high' WHERE id = 1"
0 0 0 0 0 0 
EOF

sqlite_t 'a desk of schema 19 is migrated in place, its refunds kept' 'editing the schema of its file' <<'EOF'
$ cs-refund request -r goodwill O1 2 | cut -f1
R1
$ sh "$TOP/tests/old-desk" "$CS_DB" 19
$ sh ephemeral "INSERT INTO refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) VALUES (1, 1, 0, 'approved', 'goodwill', 'k', 'a', 1, 1)"
2 
$ cs-refund request -r goodwill O1 3 | cut -f1
R2
$ sqlite3 "$CS_DB" "PRAGMA user_version; SELECT id, amount, status FROM refund; PRAGMA integrity_check"
27
1|200|approved
2|300|approved
ok
$ sh ephemeral "INSERT INTO refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) VALUES (1, 1, 0, 'approved', 'goodwill', 'k', 'a', 1, 1)"
0 
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

done_testing
