#!/bin/sh
# Killed at random moments: scripts/crash, short (make crash runs it
# with 100,000 lines and 50 kills).  A refund batch, a schema migration,
# a sweep, the imports, a refund export and the refund pipeline run
# again while retried payouts are in flight, each SIGKILLed again and
# again and run to the end, leave the database a run never killed
# leaves (an export printing each refund once, one paid attempt a
# cause); and the checks catch a build whose every statement commits on
# its own.
. "$(dirname "$0")/lib.sh"

t 'killed ten times each and run again: as if never killed' <<'EOF'
$ sh "$TOP/scripts/crash" -b "$BIN" -n 2000 -k 10 -s 1 batch migrate sweep import export retry 2>/dev/null
crash: batch: runs that failed or left part of a transaction: 0
crash: batch: rounds that ended unlike the unkilled run: 0
crash: batch: the last run exited: 0
crash: batch: refunds: 2000
crash: batch: keys distinct, each a line's: yes
crash: batch: refund.request audit records: 2000
crash: batch: the same database as a run never killed: yes
crash: batch: audit chain:  chain intact
crash: batch: rows as the trail left them: exit 0
crash: batch: integrity: ok
crash: batch: a run more exits 0 and changes nothing: 0 yes
crash: migrate: runs that failed or left part of a transaction: 0
crash: migrate: rounds that ended unlike the unkilled run: 0
crash: migrate: the last run exited: 0
crash: migrate: schema version: 27
crash: migrate: the same database as a run never killed: yes
crash: migrate: audit chain:  chain intact
crash: migrate: rows as the trail left them: exit 0
crash: migrate: integrity: ok
crash: migrate: a run more exits 0 and changes nothing: 0 yes
crash: sweep: runs that failed or left part of a transaction: 0
crash: sweep: rounds that ended unlike the unkilled run: 0
crash: sweep: the last run exited: 0
crash: sweep: escalations, as the unkilled sweep: 34
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
crash: import orders: rows: 400
crash: import orders: the same database as a run never killed: yes
crash: import orders: a run more exits 0 and changes nothing: 0 yes
crash: import payments: runs that failed or left part of a transaction: 0
crash: import payments: rounds that ended unlike the unkilled run: 0
crash: import payments: the last run exited: 0
crash: import payments: rows: 400
crash: import payments: the same database as a run never killed: yes
crash: import payments: a run more exits 0 and changes nothing: 0 yes
crash: import tickets: runs that failed or left part of a transaction: 0
crash: import tickets: rounds that ended unlike the unkilled run: 0
crash: import tickets: the last run exited: 0
crash: import tickets: rows: 400
crash: import tickets: the same database as a run never killed: yes
crash: import tickets: a run more exits 0 and changes nothing: 0 yes
crash: import: tickets with a duplicate subject: 0
crash: import: audit chain:  chain intact
crash: import: rows as the trail left them: exit 0
crash: import: integrity: ok
crash: import: tickets the text search finds: 400
crash: import: text index: ok, 1 trigger
crash: export: runs that failed or left part of a transaction: 0
crash: export: rounds that ended unlike the unkilled run: 0
crash: export: the last run exited: 0
crash: export: runs that printed before committed, a refund twice or another line: 0
crash: export: the last run printed the unkilled run's lines: yes
crash: export: refunds sent, payouts, exports: 2000 2000 1
crash: export: the same database as a run never killed: yes
crash: export: audit chain:  chain intact
crash: export: rows as the trail left them: exit 0
crash: export: integrity: ok
crash: export: a run more exits 0 and changes nothing: 0 yes
crash: export: export --again 1 exits, prints it as first printed: 0 same
crash: retry: runs that failed or left part of a transaction: 0
crash: retry: rounds that ended unlike the unkilled run: 0
crash: retry: the last run exited: 0
crash: retry: refunds retried, paid, in flight: 667 666 667
crash: retry: the same database as a run never killed: yes
crash: retry: audit chain:  chain intact
crash: retry: rows as the trail left them: exit 0
crash: retry: integrity: ok
crash: retry: a run more exits 0 and changes nothing: 0 yes
crash: retry: the export: attempt 3 of each failed twice, its own key: 667 667
crash: retry: causes with exactly one paid attempt: 2000
crash: retry: refunds paid: 2000
crash: retry: a run more exits 0 and changes nothing: 0 yes
EOF

t 'the same against a build without transactions fails' <<'EOF'
$ sh "$TOP/scripts/crash" -B -n 1000 -k 20 -s 1 batch 2>&1 | tail -n 1
crash: the broken build was caught
EOF

done_testing
