#!/bin/sh
# The README's demo: it builds its desk and walks through the session.
. "$(dirname "$0")/lib.sh"

t 'the demo desk has 300 tickets and the session runs to the end' <<'EOF'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > demo.out 2> demo.err; echo $?
0
$ wc -c < demo.err
0
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls | wc -l
300
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls -t complaint -k quality -o kind | sort -u
quality
$ grep -c '^==> ' demo.out
19
$ grep -c '^cs-refund: 0 applied, 0 already done' demo.out
2
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-order check --dup --failed | wc -l
0
$ grep '^cs-ticket: ' demo.out
cs-ticket: T86: reply contains the forbidden phrase "这不归我管"
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls -o id,status,satisfaction -s resolved | grep '^T86	'
T86	resolved	5
$ sed -n '/^==> run again five minutes later/{n;n;p;}' demo.out
0
$ grep -c '	first response overdue since\|	resolution overdue since' demo/sweep.tsv | awk '$1 > 50 { print "many breaches escalated" }'
many breaches escalated
$ grep -A1 '^all  *response_met' demo.out | grep -c '_met  [█▏▎▍▌▋▊▉ ]*  [0-9.]*%$'
2
EOF

done_testing
