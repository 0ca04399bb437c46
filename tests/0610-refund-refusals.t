#!/bin/sh
# cs-refund: what request, reject, approve and settle refuse, one reason
# at a time (the branches the rest of the suite leaves out).
. "$(dirname "$0")/lib.sh"

t 'orders: G1 and G2 paid, G3 not' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\tcreated_at\titem\n' > o.tsv
$ printf 'G1\tgoods\t100\tpaid\t13900139000\t李四\t\t2026-11-20 09:00\t\nG2\tgoods\t50\tpaid\t13900139000\t李四\t\t2026-11-20 09:00\t\nG3\tgoods\t80\tpaid\t13900139000\t李四\t\t2026-11-20 09:00\t\n' >> o.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t100\t2026-11-20 09:00\nG2\tTX2\t50\t2026-11-20 09:00\n' > p.tsv
$ CS_NOW='2026-11-23 09:00' cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
$ CS_NOW='2026-11-23 09:00' CS_AGENT=fin cs-order import -P -q p.tsv
EOF

t 'nothing is refunded on an order nothing was paid on' <<'EOF'
$ cs-refund request -r goodwill ref:G3 full
! cs-refund: O3: nothing was paid on it
? 65
$ cs-refund request -r goodwill ref:G3 10
! cs-refund: O3: nothing was paid on it
? 65
EOF

t 'a key is one word of at most 127 bytes of UTF-8' <<'EOF'
$ cs-refund request -r goodwill -k 'two words' ref:G1 10
! cs-refund: key "two words": one word of at most 127 bytes
? 65
$ cs-refund request -r goodwill -k "$(printf 'k\377')" ref:G1 10 2> err; echo $?; grep -c 'one word of at most 127 bytes' err
65
1
$ cs-refund request -r goodwill -k "$(printf '%0128d' 0)" ref:G1 10 2> err; echo $?; grep -c 'one word of at most 127 bytes' err
65
1
$ cs-refund request -r goodwill -k "$(printf '%0127d' 0)" ref:G1 10
R1
EOF

t 'a key names one request: the same is done, another is refused' <<'EOF'
$ cs-refund request -r goodwill -k K1 ref:G1 10
R2
$ cs-refund request -r goodwill -k K1 ref:G1 10
! cs-refund: R2: already done (same key)
$ cs-refund request -r goodwill -k K1 ref:G1 full
! cs-refund: R2: already done (same key)
$ cs-refund request -r goodwill -k K1 ref:G1 20
! cs-refund: key K1: already R2, 10.00 on O1
? 65
$ cs-refund request -r goodwill -k K1 ref:G2 10
! cs-refund: key K1: already R2, 10.00 on O1
? 65
EOF

t 'a rejection needs a reason; what is rejected or approved stays so' <<'EOF'
$ cs-refund reject R2
! usage: cs-refund reject -r why [ID ...]
? 64
$ cs-refund reject -r '' R2
! cs-refund: a rejection needs a reason
? 65
$ CS_AGENT=carol cs-refund reject -r 重复 R2
R2
$ cs-refund approve R2
! cs-refund: R2 is rejected: cannot approve it
? 65
$ cs-refund approve R1
! cs-refund: R1 is approved: cannot approve it
? 65
EOF

t 'settle: a transaction number is a name of at most 64 bytes; the same answer twice is done, another is refused' <<'EOF'
$ CS_AGENT=fin cs-refund export | cut -f1
R1
$ printf 'R2\tok\tBANK-1\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R2 is rejected: only a sent refund is settled
? 65
$ printf 'R1\tok\tBANK/1\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: txn "BANK/1": not a transaction number
? 65
$ printf 'R1\tok\t%065d\n' 1 | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: txn "00000000000000000000000000000000000000000000000000000000000000001": not a transaction number
? 65
$ printf 'R1\tok\tBANK-1\n' | CS_AGENT=fin cs-refund settle
R1
$ printf 'R1\tok\tBANK-1\n' | CS_AGENT=fin cs-refund settle
$ printf 'R1\tok\tBANK-2\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R1 is paid: only a sent refund is settled
? 65
$ cs-refund ls -o id,amount,status
R1	10.00	paid
R2	10.00	rejected
$ sqlite3 "$CS_DB" "select txn from refund where id = 1"
BANK-1
EOF
