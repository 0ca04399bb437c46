#!/bin/sh
# An advance whose payout failed, and the dispute decided after: paid
# again only within what the decision leaves the customer (nothing when
# it went to the counterparty, the customer's share when split), so the
# counterparty that won is never recorded as owing it.
. "$(dirname "$0")/lib.sh"

t 'an advance fails; the dispute goes to the counterparty; it is not paid again' <<'EOF'
$ CS_AGENT=root cs-order customer add -N 王买家 -p 13700137000 -r buyer
C1
$ CS_AGENT=root cs-order customer add -N 李卖家 -p 13900139000 -r seller
C2
$ CS_AGENT=fin cs-order add -C C1 -T TX2 goods 299 TB1001
O1
$ cs-ticket new -C C1 -O ref:TB1001 -k quality complaint 商品与描述不符
T1
$ cs-ticket dispute open -P C2 T1 | cs-ticket dispute intervene -r 协商不成
D1
$ CS_AGENT=root cs-refund advance D1 full
R1
$ CS_AGENT=fin cs-refund export >/dev/null
$ printf 'R1\tfailed\n' | CS_AGENT=fin cs-refund settle
R1
$ CS_AGENT=root cs-ticket dispute decide -f counterparty -r 卖家无责 D1
D1
$ CS_AGENT=root cs-refund advance D1 full
! cs-refund: D1 was decided for the counterparty: R1's payout failed and the customer is owed nothing
? 65
$ cs-refund ls -o id,status,amount
R1	failed	299.00
$ CS_AGENT=root cs-refund owed -A
$ CS_AGENT=fin cs-refund export
EOF

t 'split: paid again within the customer share, refused beyond it' <<'EOF'
$ CS_AGENT=fin cs-order add -C C1 -T TX3 goods 300 TB1002
O2
$ cs-ticket new -C C1 -O ref:TB1002 -k quality complaint 少发一件
T2
$ cs-ticket dispute open -P C2 T2 | cs-ticket dispute intervene -r 协商不成
D2
$ CS_AGENT=root cs-refund advance -k adv-small D2 80
R2
$ CS_AGENT=root cs-refund advance -k adv-big D2 200
R3
$ CS_AGENT=fin cs-refund export >/dev/null
$ printf 'R2\tfailed\nR3\tfailed\n' | CS_AGENT=fin cs-refund settle
R2
R3
$ CS_AGENT=root cs-ticket dispute decide -f split -a 100 -r 各担责任 D2
D2
$ CS_AGENT=root cs-refund advance -k adv-small D2 80
R2
$ CS_AGENT=root cs-refund advance -k adv-big D2 200
! cs-refund: D2: R3's 200.00 is more than the 20.00 left of the customer's 100.00
? 65
$ cs-refund ls -o id,status,amount -O O2
R2	approved	80.00
R3	failed	200.00
EOF

done_testing
