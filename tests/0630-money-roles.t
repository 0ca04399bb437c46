#!/bin/sh
# Money inputs need roles: exporting refunds to the payment system,
# settling its answers and recording payments are finance's and admin's
# (money-role in cs.conf); a front-line agent is refused (77) and
# nothing changes.  A failed payout stays counted against its order
# until someone whose limit covers it releases it.
. "$(dirname "$0")/lib.sh"

t 'an order paid 1,000.00, a refund of 800.00 approved by a supervisor and sent' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t1000\tpaid\t13800138000\t张三\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t1000\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
$ cs-refund request -r goodwill ref:G1 800
R1
$ CS_AGENT=carol cs-refund approve R1
R1
$ CS_AGENT=fin cs-refund export | cut -f1
R1
EOF

t 'a front-line agent may not record a payment: 77, nothing changed' <<'EOF'
$ dbhash > h0
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX2\t300\t-1h\n' | cs-order import -P
! cs-order: alice may not record payments: that needs the role finance or admin (money-role payments in cs.conf)
? 77
$ dbhash h0
unchanged
$ cs-order ls -o ref,paid
G1	1000.00
$ cs-order import -P no-such-file.tsv
! cs-order: alice may not record payments: that needs the role finance or admin (money-role payments in cs.conf)
? 77
$ cs-refund settle no-such-file.tsv
! cs-refund: alice may not settle refunds: that needs the role finance or admin (money-role settle in cs.conf)
? 77
$ CS_AGENT=fin cs-order import -P no-such-file.tsv
! cs-order: no-such-file.tsv: No such file or directory
? 66
EOF

t 'a front-line agent may not settle a payout: 77, nothing changed' <<'EOF'
$ printf 'R1\tfailed\n' | cs-refund settle
! cs-refund: alice may not settle refunds: that needs the role finance or admin (money-role settle in cs.conf)
? 77
$ printf 'R1\tok\tBANK1\n' | CS_AGENT=carol cs-refund settle
! cs-refund: carol may not settle refunds: that needs the role finance or admin (money-role settle in cs.conf)
? 77
$ dbhash h0
unchanged
EOF

# R2 by carol: with R1's 800.00 today, G1's refunds of the day are above
# alice's limit, and hers would wait.
t 'a front-line agent may not export, nor print an export again: 77, nothing changed' <<'EOF'
$ CS_AGENT=carol cs-refund request -r goodwill ref:G1 10
R2
$ dbhash > h1
$ cs-refund export
! cs-refund: alice may not export refunds: that needs the role finance or admin (money-role export in cs.conf)
? 77
$ cs-refund export --again 1
! cs-refund: alice may not export refunds: that needs the role finance or admin (money-role export in cs.conf)
? 77
$ cs-refund export -r
! cs-refund: alice may not export refunds: that needs the role finance or admin (money-role export in cs.conf)
? 77
$ dbhash h1
unchanged
$ CS_AGENT=root cs-refund export | cut -f1
R2
EOF

t 'money-role gives an action to other roles; a bad line is a configuration error' <<'EOF'
$ cp "$CS_CONF" money.conf; echo 'money-role settle supervisor,finance' >> money.conf
$ printf 'R2\tok\tBANK2\n' | CS_AGENT=carol CS_CONF=money.conf cs-refund settle
R2
$ printf 'R2\tok\tBANK2\n' | CS_AGENT=root CS_CONF=money.conf cs-refund settle
! cs-refund: root may not settle refunds: that needs the role supervisor or finance (money-role settle in cs.conf)
? 77
$ CS_CONF=money.conf cs-report config | grep '^money-role'
money-role export finance,admin
money-role settle supervisor,finance
money-role payments finance,admin
$ echo 'money-role refund agent' > bad.conf; CS_CONF=bad.conf cs-refund ls
! cs-refund: bad.conf:1: usage: money-role export|settle|payments ROLE[,ROLE...]
? 78
$ echo 'money-role export wizard' > bad.conf; CS_CONF=bad.conf cs-refund ls
! cs-refund: bad.conf:1: usage: money-role export|settle|payments ROLE[,ROLE...]
? 78
EOF

t 'with no agents configured everyone is a front-line agent: money is refused' <<'EOF'
$ printf 'agent-env yes\n' > plain.conf
$ CS_CONF=plain.conf cs-refund export
! cs-refund: alice may not export refunds: that needs the role finance or admin (money-role export in cs.conf)
? 77
EOF

# The 1,000.00 order: R1 (800.00, approved by carol, whose limit covers
# it) failed.  Its amount is still owed to the customer: alice, whose
# limit is 500.00, cannot free it and refund it again in her own pieces.
t 'a failed payout stays counted: released only by someone whose limit covers it' <<'EOF'
$ printf 'R1\tfailed\n' | CS_AGENT=fin cs-refund settle
R1
$ cs-order ls -o ref,paid,refunded
G1	1000.00	810.00
$ cs-refund request -r goodwill ref:G1 400
! cs-refund: O1: 400.00 is more than the 190.00 left to refund (refunded or pending 810.00)
? 65
$ dbhash > h2
$ cs-refund reject -r 'paid by cash' R1
! cs-refund: R1: 800.00 is above alice's limit of 500.00
? 77
$ dbhash h2
unchanged
$ CS_AGENT=carol cs-refund reject -r 'customer paid back in cash at the counter' R1
R1
$ cs-order ls -o ref,paid,refunded
G1	1000.00	10.00
$ cs-refund show R1 | tail -n 1 | awk '{ print $3, $4 }'
carol refund.rejected
$ CS_AGENT=carol cs-refund approve R1
! cs-refund: R1 is rejected: cannot approve it
? 65
EOF

done_testing
