#!/bin/sh
# Listings, checks, exports and the audit walk read their rows in pieces
# where the backend would hold them all: on PostgreSQL a cursor read
# 2,000 rows at a time, so that a listing's memory does not grow with
# the desk.  Each crosses the pieces' bounds here (4,500 tickets and
# orders, 2,100 refunds) and must give every row once, in order, as it
# does on SQLite: out of a transaction (ls, check), in a write
# transaction that commits (export), with another statement run between
# its rows (check's lines, the audit's rows).
. "$(dirname "$0")/lib.sh"

t '4,500 tickets and orders made, 2,100 orders paid' <<'EOF'
$ awk 'BEGIN { print "customer_phone\tcustomer_name\tcategory\tsubject\tref"; for (i = 1; i <= 4500; i++) printf "139%08d\t客%d\tinquiry\t问题 %d\tX%d\n", i % 3000, i, i, i }' > t.tsv
$ cs-ticket import -q t.tsv
$ awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone"; for (i = 1; i <= 4500; i++) printf "G%d\tgoods\t10\tplaced\t139%08d\n", i, i % 3000 }' > o.tsv
$ cs-order import -q o.tsv
$ awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at"; for (i = 1; i <= 2100; i++) printf "G%d\tTX%d\t10\tnow\n", i, i }' | CS_AGENT=fin cs-order import -P -q
EOF

t 'a listing out of a transaction: every row once, in order, across the pieces' <<'EOF'
$ cs-ticket ls -o id > ids
$ wc -l < ids; sort -u ids | wc -l
4500
4500
$ sed -n '1p;2000p;2001p;4000p;4001p;$p' ids
T1
T2000
T2001
T4000
T4001
T4500
$ cs-order ls -o id -s placed | wc -l
4500
$ cs-order customer ls -o id | sed -n '$p'
C3000
EOF

t 'a check whose lines run statements of their own between its rows' <<'EOF'
$ awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone"; for (i = 2101; i <= 4500; i++) printf "G%d\tgoods\t10\tpaid\t139%08d\n", i, i % 3000 }' > paid.tsv
$ cs-order import -q paid.tsv 2> warned; grep -c 'paid with nothing paid on record' warned
2400
$ cs-order check --unpaid > unpaid
$ wc -l < unpaid; cut -f3 unpaid | sort -u | wc -l
2400
2400
EOF

t 'an export in a write transaction across the pieces, each refund once, printed again the same' <<'EOF'
$ seq 1 2100 | awk '{ printf "ref:G%d\t10.00\tk%d\n", $1, $1 }' | CS_AGENT=root cs-refund batch -q -r goodwill
! cs-refund: 2100 applied, 0 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=fin cs-refund export > sent.tsv
$ wc -l < sent.tsv; cut -f1 sent.tsv | sort -u | wc -l
2100
2100
$ CS_AGENT=fin cs-refund export --again 1 | cmp - sent.tsv && echo same
same
$ cs-refund ls -s sent -o id | wc -l
2100
EOF

t 'the audit walk across the pieces' <<'EOF'
$ cs-report audit --verify | cut -d, -f2
 chain intact
$ cs-report audit --verify --deep | sed -n 2p
audit: 16200 rows as the trail left them
EOF

done_testing
