#!/bin/sh
# The notify command, killed: scripts/crash's notify scenario, short
# (make crash runs it with 50 kills).  Sweeps with a notify command that
# appends each escalation to a file are killed at random moments and
# run again; after cron's next sweep every escalation raised is in the
# file at least once and marked notified.
. "$(dirname "$0")/lib.sh"

t 'sweeps killed ten times while telling: every escalation told' <<'EOF'
$ sh "$TOP/scripts/crash" -b "$BIN" -n 2000 -k 10 -s 1 notify 2>/dev/null
crash: notify: runs after the kills that failed: 0
crash: notify: the last run exited: 0
crash: notify: rounds that raised other escalations than the unkilled run: 0
crash: notify: escalations never told, or not marked notified: 0
crash: notify: audit chain:  chain intact
crash: notify: rows as the trail left them: exit 0
crash: notify: integrity: ok
EOF

done_testing
