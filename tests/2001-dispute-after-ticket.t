#!/bin/sh
# A dispute under platform intervention is decided by whoever may
# resolve its arbitration escalation, still after the ticket was
# resolved or closed (which ended that escalation): an agent is refused.
. "$(dirname "$0")/lib.sh"

t 'the ticket closed, the intervened dispute is still the arbitration desk'"'"'s to decide' <<'EOF'
$ CS_AGENT=root cs-order customer add -N 买家 -p 13700137000 -r buyer >/dev/null
$ CS_AGENT=root cs-order customer add -N 卖家 -p 13900139000 -r seller >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TX1 goods 299 TB1
O1
$ cs-ticket new -C C1 -O ref:TB1 -k quality complaint 货不对板
T1
$ cs-ticket dispute open -P C2 T1 | cs-ticket dispute intervene -r 双方各执一词
D1
$ cs-ticket dispute decide -f customer -r 我来定 D1
! cs-ticket: E1: alice may not resolve it (owner arbitration)
? 77
$ cs-ticket close T1
T1
$ cs-escalate ls -A -o id,status
E1	resolved
$ cs-ticket dispute decide -f split -a 1 -r 我来定 D1
! cs-ticket: E1: alice may not resolve it (owner arbitration)
? 77
$ cs-ticket dispute ls -o id,stage
D1	intervention
$ CS_AGENT=carol cs-ticket dispute decide -f split -a 100 -r 各担一部分 D1
D1
$ cs-ticket dispute ls -A -o id,stage,decision,customer_amount
D1	decided	split	100.00
EOF

done_testing
