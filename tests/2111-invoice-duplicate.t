#!/bin/sh
# An order paid twice whose duplicate payment was refunded is still paid
# for: its invoice is issued and exported.  Refunded in full is all that
# was paid going back, not the price.
. "$(dirname "$0")/lib.sh"

t 'a duplicate refunded: the invoice is issued and exported' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t100\tpaid\t13800138000\t张三\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t100\t-2d\nG1\tTX2\t100\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order invoice request -n 某公司 -a 北京市某路1号 -p 010-1234 -r 张三 O1
I1
$ cs-order check --dup | cs-refund batch -r duplicate-payment 2>/dev/null
R1
$ cs-order ls -o id,amount,paid,refunded
O1	100.00	200.00	100.00
$ CS_AGENT=fin cs-order invoice export -o id,order,amount
I1	O1	100.00
$ CS_AGENT=fin cs-order invoice issue -n FP001 I1
I1
EOF

t 'all that was paid refunded: left out and not issued' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG2\tgoods\t50\tpaid\t13800138000\t张三\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG2\tTX3\t50\t-2d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order invoice request -n 某公司 -a 北京市某路1号 -p 010-1234 -r 张三 O2
I2
$ CS_AGENT=root cs-refund request -r goodwill O2 full | cut -f1
R2
$ CS_AGENT=fin cs-order invoice export -o id
! cs-order: I2: O2 is refunded in full: left out
$ CS_AGENT=fin cs-order invoice issue -n FP002 I2
! cs-order: I2: O2 is refunded in full: no invoice is issued for it
? 65
EOF

done_testing
