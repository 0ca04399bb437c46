#!/bin/sh
# cs-refund export: what goes to the payment system is committed before
# it is printed, as a numbered export that can be printed again on
# purpose and never made twice; every line's key is the payout's
# idempotency key.
. "$(dirname "$0")/lib.sh"

t 'three hundred orders paid, a refund approved on each' <<'EOF'
$ seq 1 300 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "K%d\tgoods\t100\tpaid\t137%08d\t王%d\n", $1, $1, $1 }' | cs-order import -q 2>unpaid
$ grep -c '^cs-order: stdin:[0-9]*: O[0-9]* paid with nothing paid on record: import its payments (cs-order import -P)$' unpaid
300
$ seq 1 300 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "K%d\tTXK%d\t100\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ seq 1 300 | awk '{ printf "ref:K%d\t1.00\tk%d\n", $1, $1 }' | cs-refund batch -q -r goodwill
! cs-refund: 300 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

# ulimit -f: the commit cannot write the WAL (as a full disk), the
# -shm file (32 KB) still can.
t 'a commit that fails prints nothing: the next export prints each refund once' <<'EOF'
$ sqlite3 cs.db 'pragma wal_checkpoint(truncate)' > /dev/null
$ dbhash > h0
$ ulimit -f 64; CS_DB=cs.db CS_AGENT=fin cs-refund export > first.tsv
! cs-refund: cs.db: cannot write: File too large
? 74
$ wc -l < first.tsv
0
$ dbhash h0
unchanged
$ CS_AGENT=fin cs-refund export > second.tsv
$ cat first.tsv second.tsv | cut -f1 | sort | uniq -d | wc -l
0
$ wc -l < second.tsv
300
$ head -n 2 second.tsv
R1	K1	1.00	CNY	k1
R2	K2	1.00	CNY	k2
$ CS_AGENT=fin cs-refund export | wc -l
0
$ cs-refund ls -s sent | wc -l
300
EOF

t 'export --again prints an export again: the same lines and keys, audited' <<'EOF'
$ CS_AGENT=fin cs-refund export --again 1 > again.tsv
$ cmp second.tsv again.tsv && echo same
same
$ CS_AGENT=fin cs-refund export --again 1 -o refund,key,export,attempt,resend,order | sed -n 300p
R300	k300	1	1	0	O300
$ cs-report audit -o record,agent,action,detail | grep -e 'refund.export' -e 'refund.reprint'
-	fin	refund.export	{"export":1,"refunds":300}
-	fin	refund.reprint	{"export":1}
-	fin	refund.reprint	{"export":1}
$ cs-refund show R7 | tail -n 1 | awk '{ print $3, $4, $5 }'
fin refund.sent {"from":"approved","to":"sent","export":1,"attempt":1,"key":"k7"}
$ CS_AGENT=fin cs-refund export --again 2
! cs-refund: export 2: no such export
? 66
$ CS_AGENT=fin cs-refund export --again 0
! cs-refund: --again 0: not an export number (too small)
? 64
$ CS_AGENT=fin cs-refund export -r --again 1
! usage: cs-refund export [-r | --again N]
? 64
EOF

t 'export honours -H, -j and -o like every listing' <<'EOF'
$ cs-refund request -r goodwill ref:K1 2
R301
$ CS_AGENT=fin cs-refund export -o nosuch
! cs-refund: -o: unknown column "nosuch"
! columns: refund order_ref amount currency key export attempt resend order
? 64
$ CS_AGENT=fin cs-refund export -H
refund	order_ref	amount	currency	key
R301	K1	2.00	CNY	O1:200:goodwill
$ CS_AGENT=fin cs-refund export --again 2 -j
{"refund":"R301","order_ref":"K1","amount":"2.00","currency":"CNY","key":"O1:200:goodwill"}
$ CS_AGENT=fin cs-refund export --again 2 -o key,amount
O1:200:goodwill	2.00
EOF

t 'a payout answered since is left out of a print again, and named' <<'EOF'
$ printf 'R1\tok\tBANK1\nR2\tfailed\n' | CS_AGENT=fin cs-refund settle
R1
R2
$ CS_AGENT=fin cs-refund export --again 1 | head -n 2
! cs-refund: export 1: R1 is paid since: left out
! cs-refund: export 1: R2 is failed since: left out
R3	K3	1.00	CNY	k3
R4	K4	1.00	CNY	k4
$ CS_AGENT=fin cs-refund exports | head -n 3
1	2026-11-23T10:00:00+08:00	fin	300	0	298
2	2026-11-23T10:00:00+08:00	fin	1	0	1
EOF

t 'export -r sends again the sent refunds with no answer, with the same keys, and says so' <<'EOF'
$ CS_AGENT=fin cs-refund export -r -o refund,key,attempt,resend > resent.tsv
! cs-refund: export 3: 299 refunds sent before with no answer, sent again with the same keys
$ head -n 2 resent.tsv
R3	k3	1	1
R4	k4	1	1
$ grep -c . resent.tsv
299
$ cs-refund show R3 | tail -n 1 | awk '{ print $3, $4, $5 }'
fin refund.resent {"from":"sent","to":"sent","export":3,"attempt":1,"key":"k3"}
$ cs-refund ls -s sent | wc -l
299
$ CS_AGENT=fin cs-refund exports -H | tail -n 1
3	2026-11-23T10:00:00+08:00	fin	299	1	299
EOF

t 'a refund sent before exports were numbered goes again as attempt 1, its own key' <<'EOF'
$ sqlite3 "$CS_DB" "delete from payout where refund_id = 5"
$ CS_AGENT=fin cs-refund export -r -o refund,key,attempt | grep '^R5	'
! cs-refund: export 4: 299 refunds sent before with no answer, sent again with the same keys
R5	k5	1
EOF

# Attempts: a refund's next payout after a failed one is a new payout,
# with a key of its own, or the payment system would take it for the
# failed one.  (Put back to approved by hand: retrying is not this
# test's business.)
t 'a later attempt of a refund is paid out under a key of its own; printed again, the same' <<'EOF'
$ sqlite3 "$CS_DB" "update refund set status = 'approved' where id = 2"
$ CS_AGENT=fin cs-refund export -o refund,key,attempt
R2	k2#2	2
$ CS_AGENT=fin cs-refund export --again 5 -o refund,key,attempt
R2	k2#2	2
$ CS_AGENT=fin cs-refund export --again 1 | grep '^R2	' | wc -l
! cs-refund: export 1: R1 is paid since: left out
! cs-refund: export 1: R2 is retried since: left out
0
EOF

t 'a print that fails after the commit names the export to print again' <<'EOF'
$ cs-refund request -r goodwill ref:K9 3
R302
$ CS_AGENT=fin cs-refund export > /dev/full
! cs-refund: stdout: No space left on device; export 6 is committed, its refunds sent: print it with export --again 6
? 74
$ CS_AGENT=fin cs-refund export
$ CS_AGENT=fin cs-refund export --again 6
R302	K9	3.00	CNY	O9:300:goodwill
EOF

t 'nothing approved: no export is made' <<'EOF'
$ dbhash > h1
$ CS_AGENT=fin cs-refund export
$ dbhash h1
unchanged
EOF

t 'a key of a later attempt'"'"'s form is no refund'"'"'s; one of an older desk stops the export' <<'EOF'
$ cs-refund request -r goodwill -k 'k3#2' ref:K3 1
! cs-refund: key k3#2: '#' is kept for the payout keys of a refund's later attempts (KEY#2, KEY#3...): a refund's own key has none
? 65
$ cs-refund request -r goodwill -k 'k3-2' ref:K3 1
R303
$ sqlite3 "$CS_DB" "update refund set key = 'k3#2' where id = 303; update refund set status = 'approved' where id = 3"
$ cs-refund request -r goodwill -k 'k3#2' ref:K3 1
! cs-refund: R303: already done (same key)
$ dbhash > h2
$ CS_AGENT=fin cs-refund export
! cs-refund: R3: payout key k3#2 is another refund's
? 65
$ dbhash h2
unchanged
EOF

done_testing
