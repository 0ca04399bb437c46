#!/bin/sh
# The README's demo: it builds its desk and walks through the session.
. "$(dirname "$0")/lib.sh"

t 'the demo desk has 300 tickets (and one of a scene) and the session runs to the end' <<'EOF'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > demo.out 2> demo.err; echo $?
0
$ wc -c < demo.err
0
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls | wc -l
301
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls -t complaint -k quality -o kind | sort -u
quality
$ grep -c '^==> ' demo.out
31
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

t 'one scene a desk: a dispute compensated first, a coupon, an upgrade and its invoice, a cancelled ride, an incident' <<'EOF'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > demo.out 2> demo.err; echo $?
0
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket dispute ls -A -o id,stage
D1	decided
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-refund ls -O ref:TB20261120 -o id,amount,reason,owed_by,recovery
R8	299.00	compensation	C184	owed
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-refund grant ls -o id,kind,value,status
G1	coupon	20.00	approved
$ grep '^cs-order: ' demo.out
cs-order: O122: paid 20.00 of 30.00: a membership is active only when paid in full (no credit for the old tier)
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-order customer show tel:13700003333 | grep '^tier'
tier     vip2
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-order invoice ls -o id,status,amount,total
I1	mailed	30.00	81.80
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-order ls -k ride -s cancelled -o ref,cancel_fee,cancel_rule
DD20261123	10.00	*: reserved, under 1h before pickup, fixed 10.00
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-escalate incident ls -A -o id,status,tickets
N1	closed	7
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls -s open -o subject | grep -c 订单支付后显示未出票
0
? 1
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-ticket ls -s resolved -o subject | grep -c 订单支付后显示未出票
7
EOF

# Imports, batches, replies, sweeps, escalations, a dispute, a coupon, an
# upgrade, an invoice, a ride, an incident: every change left its rows'
# state in the trail.
t 'after the whole session every row of the desk is as the trail left it' <<'EOF'
$ CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-report audit --deep | sed 's/[0-9]* records/N records/; s/last [0-9a-f]\{64\}$/last HASH/'
audit: N records, chain intact, last HASH
audit: 959 rows as the trail left them
EOF

done_testing
