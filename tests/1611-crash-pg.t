#!/bin/sh
# Killed at random moments on PostgreSQL: scripts/crash -p, short (make
# crash-pg runs it with 20,000 lines and 20 kills), in the cluster of the
# run (tests/run -p), each scenario's databases made from a copy of the
# desk.  After every kill the database holds whole transactions; at the
# end it is the one a run never killed leaves, its trail verifies, row
# states included; and the checks catch a build whose BEGIN, COMMIT and
# savepoints do nothing.
. "$(dirname "$0")/lib.sh"
pg_only 'kills the programs on the PostgreSQL cluster of the run'

t 'killed five times each on PostgreSQL and run again: as if never killed' <<'EOF'
$ sh "$TOP/scripts/crash" -p -b "$BIN" -n 1000 -k 5 -s 1 2>/dev/null
crash: batch: runs that failed or left part of a transaction: 0
crash: batch: rounds that ended unlike the unkilled run: 0
crash: batch: the last run exited: 0
crash: batch: refunds: 1000
crash: batch: keys distinct, each a line's: yes
crash: batch: refund.request audit records: 1000
crash: batch: the same database as a run never killed: yes
crash: batch: audit chain:  chain intact
crash: batch: rows as the trail left them: exit 0
crash: batch: integrity: ok
crash: batch: a run more exits 0 and changes nothing: 0 yes
crash: migrate: skipped on PostgreSQL: it migrates a schema-2 SQLite file
crash: sweep: runs that failed or left part of a transaction: 0
crash: sweep: rounds that ended unlike the unkilled run: 0
crash: sweep: the last run exited: 0
crash: sweep: escalations, as the unkilled sweep: 14
crash: sweep: tickets escalated twice: 0
crash: sweep: causes not marked on their ticket: 0
crash: sweep: escalations without their audit record: 0
crash: sweep: the same database as a run never killed: yes
crash: sweep: audit chain:  chain intact
crash: sweep: rows as the trail left them: exit 0
crash: sweep: integrity: ok
crash: sweep: a run more exits 0 and changes nothing: 0 yes
crash: import orders: runs that failed or left part of a transaction: 0
crash: import orders: rounds that ended unlike the unkilled run: 0
crash: import orders: the last run exited: 0
crash: import orders: rows: 200
crash: import orders: the same database as a run never killed: yes
crash: import orders: a run more exits 0 and changes nothing: 0 yes
crash: import payments: runs that failed or left part of a transaction: 0
crash: import payments: rounds that ended unlike the unkilled run: 0
crash: import payments: the last run exited: 0
crash: import payments: rows: 200
crash: import payments: the same database as a run never killed: yes
crash: import payments: a run more exits 0 and changes nothing: 0 yes
crash: import tickets: runs that failed or left part of a transaction: 0
crash: import tickets: rounds that ended unlike the unkilled run: 0
crash: import tickets: the last run exited: 0
crash: import tickets: rows: 200
crash: import tickets: the same database as a run never killed: yes
crash: import tickets: a run more exits 0 and changes nothing: 0 yes
crash: import: tickets with a duplicate subject: 0
crash: import: audit chain:  chain intact
crash: import: rows as the trail left them: exit 0
crash: import: integrity: ok
crash: import: text index: skipped on PostgreSQL: SQLite's FTS5
crash: export: runs that failed or left part of a transaction: 0
crash: export: rounds that ended unlike the unkilled run: 0
crash: export: the last run exited: 0
crash: export: runs that printed before committed, a refund twice or another line: 0
crash: export: the last run printed the unkilled run's lines: yes
crash: export: refunds sent, payouts, exports: 1000 1000 1
crash: export: the same database as a run never killed: yes
crash: export: audit chain:  chain intact
crash: export: rows as the trail left them: exit 0
crash: export: integrity: ok
crash: export: a run more exits 0 and changes nothing: 0 yes
crash: export: export --again 1 exits, prints it as first printed: 0 same
crash: retry: runs that failed or left part of a transaction: 0
crash: retry: rounds that ended unlike the unkilled run: 0
crash: retry: the last run exited: 0
crash: retry: refunds retried, paid, in flight: 334 333 333
crash: retry: the same database as a run never killed: yes
crash: retry: audit chain:  chain intact
crash: retry: rows as the trail left them: exit 0
crash: retry: integrity: ok
crash: retry: a run more exits 0 and changes nothing: 0 yes
crash: retry: the export: attempt 3 of each failed twice, its own key: 334 334
crash: retry: causes with exactly one paid attempt: 1000
crash: retry: refunds paid: 1000
crash: retry: a run more exits 0 and changes nothing: 0 yes
crash: notify: runs after the kills that failed: 0
crash: notify: the last run exited: 0
crash: notify: rounds that raised other escalations than the unkilled run: 0
crash: notify: escalations never told, or not marked notified: 0
crash: notify: audit chain:  chain intact
crash: notify: rows as the trail left them: exit 0
crash: notify: integrity: ok
EOF

t 'the same against a build without transactions fails' <<'EOF'
$ sh "$TOP/scripts/crash" -B -p -b "$BIN" -n 1000 -k 20 -s 1 batch 2>&1 | tail -n 1
crash: the broken build was caught
EOF

done_testing
