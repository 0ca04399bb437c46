#!/bin/sh
# Many at one desk at once: scripts/stress, short (make stress runs it
# long), and the proof that it catches a build whose transactions start
# deferred.
. "$(dirname "$0")/lib.sh"

t '8 writers, 2 readers and the sweep at once, then a batch on one order beside replies: nothing lost, nothing busy' <<'EOF'
$ sh "$TOP/scripts/stress" -b "$BIN" -w 8 -n 40 -L 2000 -d "$PWD/s" > out; echo $?; sed 's/ in [0-9.]* s, [0-9]* a second; an operation took [0-9]* ms (median), [0-9]* ms (99th percentile)$/ in …/' out
0
stress: operations that failed: 0
stress: told the database was busy: 0
stress: tickets: 64
stress: replies: 64
stress: resolutions: 64
stress: orders: 64
stress: refunds: 64 of 64
stress: orders refunded beyond what was paid: 0
stress: orders whose kept refund totals are not their refunds' sums: 0
stress: batch on one order: 2000 applied, 0 already done, 0 awaiting approval, 0 rejected exit 0
stress: replies during the batch told busy: 0
stress: backlog tickets escalated: 400
stress: integrity: ok
stress: audit chain:  chain intact
stress: sweeps and reports run: yes
stress: 8 writers: 320 operations in …
EOF

t 'the same against a deferred-BEGIN build fails' <<'EOF'
$ sh "$TOP/scripts/stress" -B -w 8 -n 100 -L 2000 | tail -n 1
stress: the broken build was caught
EOF

done_testing
