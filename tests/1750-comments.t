#!/bin/sh
# Comments in record input (cs(7), Input): a line that starts with '#'
# and holds no tab.  A record always has a tab, so a field may start
# with '#'; nothing else is skipped without a word.
. "$(dirname "$0")/lib.sh"

t 'a ticket whose subject starts with # is imported, a comment is not' <<'EOF'
$ printf '# tickets from the old desk\nsubject\tcustomer_phone\tcustomer_name\tcategory\n' > a.tsv
$ printf '#1 退款问题\t13800138000\t张三\tinquiry\n' >> a.tsv
$ printf '# a comment after the header\n\n' >> a.tsv
$ printf '#话费\t13800138000\t\tinquiry\n' >> a.tsv
$ cs-ticket import a.tsv
T1
T2
$ cs-ticket ls -o id,subject
T1	#1 退款问题
T2	#话费
EOF

t 'a payment line whose txn starts with # is checked like any other' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nE1\tgoods\t10\tpaid\t13800138000\t张三\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'txn\torder_ref\tamount\tpaid_at\n#TX9\tE1\t10\t2026-11-23 09:00\n' > p.tsv
$ CS_AGENT=fin cs-order import -P p.tsv
! cs-order: p.tsv:2: txn "#TX9": not a transaction number
? 65
$ printf 'txn\torder_ref\tamount\tpaid_at\n# one payment\nTX9\tE1\t10\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P1
EOF

t 'a batch line that starts with # and has a tab is reported, not skipped' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nE1\tgoods\t10\tpaid\t13800138000\t张三\n' | cs-order import -q
$ printf 'txn\torder_ref\tamount\tpaid_at\nTX1\tE1\t10\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ printf '# refunds after the outage\n#O1\t5\nO1\t5\n' | cs-refund batch -r goodwill
R1
! cs-refund: stdin:2: #O1 is not an order ID
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 1 rejected
? 1
EOF

t 'an ID line that starts with # and has a tab is reported, not skipped' <<'EOF'
$ printf '# the tickets to show\n#T1\tsubject\n' | cs-ticket show
! cs-ticket: stdin:2: #T1 is not a ticket ID
? 65
EOF
