#!/bin/sh
# cs-refund: quotes, requests, batches that are safe to re-run.
. "$(dirname "$0")/lib.sh"

t 'set up orders and payments' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\tcreated_at\titem\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\t张三\t2026-11-26 10:00\t\t\n' >> o.tsv
$ printf 'E101\trail\t50\tfailed\t13900139000\t李四\t2026-11-24 08:00\t\t\n' >> o.tsv
$ printf 'E102\trail\t30\tissued\t13900139000\t\t2026-12-10 08:00\t\t\n' >> o.tsv
$ printf 'E103\trail\t1.50\tissued\t13900139000\t\t2026-11-23 12:00\t\t\n' >> o.tsv
$ printf 'E104\trail\t100\tused\t13900139000\t\t2026-11-23 09:00\t\t\n' >> o.tsv
$ printf 'D1\tride\t30\tcancelled\t13900139000\t\t\t2026-11-23 09:58\t\n' >> o.tsv
$ printf 'M1\tmembership\t25\tactive\t13900139000\t\t\t\tvip1\n' >> o.tsv
$ printf 'BIG\tgoods\t9000\tpaid\t13900139000\t\t\t\t\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:5: O4 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:6: O5 used with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:8: O7 active with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:9: O8 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\n' > p.tsv
$ for r in E100 E100 E101 E102 E103 E104 D1 M1 BIG; do echo "$r"; done | awk '{ printf "%s\tTX%d\t%s\t2026-11-20 09:%02d\n", $1, NR, $1 == "E100" ? "204.95" : $1 == "E101" ? "50" : $1 == "E102" ? "30" : $1 == "E103" ? "1.50" : $1 == "D1" ? "30" : $1 == "M1" ? "25" : $1 == "BIG" ? "9000" : "100", NR }' >> p.tsv
$ CS_AGENT=fin cs-order import -P -q p.tsv
$ cs-order ls -o ref,paid
E100	409.90
E101	50.00
E102	30.00
E103	1.50
E104	100.00
D1	30.00
M1	25.00
BIG	9000.00
EOF

t 'quote: the fee schedule of the order kind, at CS_NOW' <<'EOF'
$ cs-refund quote -H ref:E102
order	amount	fee	refund	rule
O3	30.00	0.00	30.00	rail: 8d or more before service, free
$ CS_NOW='2026-12-02 08:00' cs-refund quote ref:E102
O3	30.00	0.00	30.00	rail: 8d or more before service, free
EOF

t 'quote: band edges, rounding, the minimum, a cheap ticket' <<'EOF'
$ CS_NOW='2026-12-02 08:00:01' cs-refund quote ref:E102
O3	30.00	2.00	28.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ CS_NOW='2026-12-08 08:00' cs-refund quote ref:E102
O3	30.00	2.00	28.00	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ CS_NOW='2026-12-08 08:00:01' cs-refund quote ref:E102
O3	30.00	3.00	27.00	rail: 1d or more before service, 10%, rounded to 0.50, at least 2.00
$ CS_NOW='2026-12-09 08:00:01' cs-refund quote ref:E102
O3	30.00	6.00	24.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00
$ cs-refund quote ref:E100 204.95
O1	204.95	10.00	194.95	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-refund quote ref:E103
O4	1.50	1.50	0.00	rail: under 1d before service, 20%, rounded to 0.50, at least 2.00
EOF

t 'quote: refusals say why' <<'EOF'
$ cs-refund quote ref:E104
! cs-refund: O5: rail: no refund after departure
? 65
$ cs-refund quote ref:M1
! cs-refund: O7: membership: not refundable
? 65
$ cs-refund quote ref:E102 30.01
! cs-refund: O3: 30.01 is more than the 30.00 left to refund (refunded or pending 0.00)
? 65
$ cs-refund quote ref:E102 0
! cs-refund: amount 0: a refund is more than zero
? 65
$ cs-refund quote ref:E102 1.234
! cs-refund: amount 1.234: too many decimals for the currency
? 65
$ cs-refund quote ref:E102 -- -5
! cs-refund: amount -5: negative amounts are not accepted
? 65
$ cs-refund quote ref:E102 99999999999999999999
! cs-refund: amount 99999999999999999999: amount too large: at most 10000000000.00
? 65
$ cs-refund quote ref:E102 1e3
! cs-refund: amount 1e3: not an amount
? 65
$ cs-refund quote ref:E999
! cs-refund: ref:E999: no such order
? 66
$ cs-refund quote T3
! cs-refund: T3 is a ticket, not an order
? 65
$ cs-refund ls | wc -l
0
EOF

t 'a ride the platform cancelled: the city rules when it was recorded' <<'EOF'
$ CS_NOW='2026-11-23 10:00:59' cs-refund quote ref:D1
O6	30.00	0.00	30.00	cancelled: *: no driver has accepted yet, free
$ CS_NOW='2026-11-23 10:01' cs-refund quote ref:D1
O6	30.00	0.00	30.00	cancelled: *: no driver has accepted yet, free
$ CS_NOW='2026-11-23 10:01' cs-order cancel-fee ref:D1
O6	30.00	0.00	cancelled: *: no driver has accepted yet, free
EOF

t 'request: a fee for a cancellation, none for a duplicate payment' <<'EOF'
$ cs-refund request -r cancellation ref:E102 full
R1
$ cs-refund request -r duplicate-payment -k dup:P2 ref:E100 204.95
R2
$ cs-refund ls -o id,order,amount,fee,refund,status,reason,key
R1	O3	30.00	0.00	30.00	approved	cancellation	O3:full:cancellation
R2	O1	204.95	0.00	204.95	approved	duplicate-payment	dup:P2
EOF

t 'the same key again is already done; with another amount, refused' <<'EOF'
$ cs-refund request -r duplicate-payment -k dup:P2 ref:E100 204.95
! cs-refund: R2: already done (same key)
$ cs-refund request -r duplicate-payment -k dup:P2 ref:E100 100
! cs-refund: key dup:P2: already R2, 204.95 on O1
? 65
$ cs-refund request -r cancellation ref:E102 full
! cs-refund: R1: already done (same key)
! cs-refund: the key O3:full:cancellation is made of the order, "full" and the reason: to refund the rest again for cancellation, give it a key of its own (-k KEY)
$ cs-refund request -r goodwill ref:E102 1
! cs-refund: O3: nothing left to refund (paid 30.00, refunded or pending 30.00)
? 65
$ cs-refund request -r whim ref:E102 1
! cs-refund: unknown reason "whim" (duplicate-payment cancellation failed-order return compensation deposit goodwill)
? 65
$ cs-refund request ref:E102 1
! usage: cs-refund request -r reason [-k key] [-m note] order amount | full
? 64
EOF

t 'above the agent limit a refund waits as requested' <<'EOF'
$ cs-refund request -r goodwill ref:BIG 600
R3
$ CS_AGENT=carol cs-refund request -r goodwill ref:BIG 700
R4
$ cs-refund ls -o id,amount,status -O ref:BIG
R3	600.00	requested
R4	700.00	approved
EOF

t 'check | batch refunds each duplicate and held order once, however often run' <<'EOF'
$ cs-order check --dup --failed
O2	50.00	held:O2:5000	rail order failed, holding 50.00
O6	30.00	held:O6:3000	ride order cancelled, holding 30.00
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE104\tTX77\t100\t2026-11-21 09:00\n' | CS_AGENT=fin cs-order import -P
P10
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
R5
R6
R7
! cs-refund: 3 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup --failed | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-order check --dup --failed > again.tsv; printf 'O5\t100.00\tdup:P10\tsame line\n' | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -o id,order,amount,key -s approved | tail -n 3
R5	O5	100.00	dup:P10
R6	O2	50.00	held:O2:5000
R7	O6	30.00	held:O6:3000
EOF

t 'batch: rejected lines, -n, -A' <<'EOF'
$ printf 'ref:E100\t1\nref:E100\t1\tk1\nref:E100\t1\tk1\nref:E999\t1\nT1\t1\nref:E100\t1.001\nref:E100\nref:E100\t999999\n' > b.tsv
$ cs-refund batch -n -r goodwill b.tsv
O1	1.00	0.00	1.00	goodwill: no fee
O1	1.00	0.00	1.00	goodwill: no fee
! cs-refund: b.tsv:4: ref:E999: no such order
! cs-refund: b.tsv:5: T1 is a ticket, not an order
! cs-refund: b.tsv:6: amount 1.001: too many decimals for the currency
! cs-refund: b.tsv:7: 1 field; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: b.tsv:8: O1: 999999.00 is more than the 202.95 left to refund (refunded or pending 206.95)
! cs-refund: would be: 2 applied, 1 already done, 0 awaiting approval, 5 rejected
? 1
$ cs-refund batch -A -r goodwill b.tsv
! cs-refund: b.tsv:4: ref:E999: no such order
! cs-refund: b.tsv:5: T1 is a ticket, not an order
! cs-refund: b.tsv:6: amount 1.001: too many decimals for the currency
! cs-refund: b.tsv:7: 1 field; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: b.tsv:8: O1: 999999.00 is more than the 202.95 left to refund (refunded or pending 206.95)
! cs-refund: b.tsv: nothing refunded (-A)
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 5 rejected
? 65
$ cs-refund ls -O ref:E100 | wc -l
1
$ cs-refund batch -A -n -r goodwill b.tsv 2>&1 | tail -n 2
cs-refund: b.tsv: nothing refunded (-A)
cs-refund: would be: 0 applied, 0 already done, 0 awaiting approval, 5 rejected
$ cs-refund batch -A -n -r goodwill b.tsv 2>/dev/null
? 65
$ head -n 3 b.tsv > ok.tsv; cs-refund batch -A -n -r goodwill ok.tsv
O1	1.00	0.00	1.00	goodwill: no fee
O1	1.00	0.00	1.00	goodwill: no fee
! cs-refund: would be: 2 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund batch -A -n -r goodwill -o order,refund ok.tsv 2>&1
O1	1.00
O1	1.00
cs-refund: would be: 2 applied, 1 already done, 0 awaiting approval, 0 rejected
$ cs-refund ls -O ref:E100 | wc -l
1
$ cs-refund batch -r goodwill b.tsv 2>/dev/null
R8
R9
? 1
$ cs-refund batch -r goodwill b.tsv 2>&1 >/dev/null | tail -n 1
cs-refund: 0 applied, 3 already done, 0 awaiting approval, 5 rejected
$ printf 'ref:E100\t2\tk1\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: key k1: already R9, 1.00 on O1
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
EOF

t 'approve and reject: within the role limit, never your own request' <<'EOF'
$ cs-refund approve R3
! cs-refund: R3: 600.00 is above alice's limit of 500.00
? 77
$ CS_AGENT=bob cs-refund approve R3
! cs-refund: R3: 600.00 is above bob's limit of 500.00
? 77
$ cs-refund request -r goodwill ref:BIG 550.50
R10
$ printf 'agent-env yes\nclock-env replay\nagent alice role supervisor\n' > promoted.conf
$ cs-refund -c promoted.conf approve R10
! cs-refund: R10: requested by alice, who cannot also approve it
? 77
$ CS_AGENT=carol cs-refund approve R3
R3
$ CS_AGENT=carol cs-refund approve R3
! cs-refund: R3 is approved: cannot approve it
? 65
$ CS_AGENT=carol cs-refund reject R10
! usage: cs-refund reject -r why [ID ...]
? 64
$ CS_AGENT=carol cs-refund reject -r '客户撤回申请' R10 R404
R10
! cs-refund: R404: no such refund
? 1
$ cs-refund ls -o id,status -O ref:BIG
R3	approved
R4	approved
R10	rejected
EOF

t 'export hands approved refunds to the payment system once; settle records its answer' <<'EOF'
$ CS_AGENT=fin cs-refund export > sent.tsv; wc -l < sent.tsv; grep -c . sent.tsv
9
9
$ grep '^R3	' sent.tsv
R3	BIG	600.00	CNY	O8:60000:goodwill
$ CS_AGENT=fin cs-refund export | wc -l
0
$ cs-refund ls -s sent | wc -l
9
$ printf 'R3\tok\tBANK3\nR4\tfailed\n' | CS_AGENT=fin cs-refund settle
R3
R4
$ printf 'R3\tok\tBANK3\nR4\tok\tBANK4\nR10\tok\tX\nR404\tok\tY\nR5\tmaybe\nR6\tok\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:2: R4 is failed: only a sent refund is settled
! cs-refund: stdin:3: R10 is rejected: only a sent refund is settled
! cs-refund: stdin:4: R404: no such refund
! cs-refund: stdin:5: result "maybe": ok or failed
! cs-refund: stdin:6: R6: a paid refund needs the payment system's transaction number
? 1
$ cs-refund ls -o id,status,amount -O ref:BIG
R3	paid	600.00
R4	failed	700.00
R10	rejected	550.50
$ cs-order ls -o paid,refunded -O ref:BIG
9000.00	1300.00
$ CS_AGENT=carol cs-refund reject -r 'paid by bank transfer instead' R4
R4
$ cs-order ls -o paid,refunded -O ref:BIG
9000.00	600.00
$ cs-refund request -r goodwill ref:M1 1
R11
$ CS_AGENT=fin cs-refund export > /dev/full
! cs-refund: stdout: No space left on device; export 2 is committed, its refunds sent: print it with export --again 2
? 74
$ cs-refund ls -o id,status -O ref:M1
R11	sent
$ CS_AGENT=fin cs-refund export | cut -f1
$ CS_AGENT=fin cs-refund export --again 2 | cut -f1
R11
EOF

t 'show: one refund in full with its history' <<'EOF'
$ cs-refund show R3 | sed -n '1,8p'
refund    R3
order     O8
ref       BIG
amount    600.00
fee       0.00
pays out  600.00
status    paid
reason    goodwill
$ cs-refund show R3 | tail -n 4 | awk '{ print $3, $4 }'
alice refund.request
carol refund.approved
fin refund.sent
fin refund.paid
$ cs-refund show -j R3 R2 | sed 's/,"key".*//'
{"refund":"R3","order":"O8","ref":"BIG","amount":"600.00","fee":"0.00","pays_out":"600.00","status":"paid","reason":"goodwill"
{"refund":"R2","order":"O1","ref":"E100","amount":"204.95","fee":"0.00","pays_out":"204.95","status":"sent","reason":"duplicate-payment"
$ cs-refund show -j R3 | grep -o '"action":"[^"]*"'
"action":"refund.request"
"action":"refund.approved"
"action":"refund.sent"
"action":"refund.paid"
$ cs-refund show -j R3 | grep -c '^{.*,"history":\[{.*}\]}$'
1
EOF

# alice let go of 416.95 today already: her limit of 500.00 a day takes
# 82 lines more, the other 120 wait for approval (counted all the same).
t 'never more than was paid: 400 lines of 1 yuan on an order with 202.95 left' <<'EOF'
$ seq 1 400 | awk '{ printf "ref:E100\t1.00\tline%d\n", $1 }' > many.tsv
$ cs-refund batch -q -r goodwill many.tsv 2>&1 | tail -n 1
cs-refund: 82 applied, 0 already done, 120 awaiting approval, 198 rejected
$ cs-order ls -o paid,refunded -O ref:E100
409.90	408.95
EOF

t 'parallel batches on the same order never refund more than was paid' <<'EOF'
$ printf 'order_ref\ttxn\tamount\tpaid_at\nBIG\tTX90\t1000\tnow\n' | CS_AGENT=fin cs-order import -P -q
$ for p in 1 2 3 4; do seq 1 300 | awk -v p=$p '{ printf "ref:BIG\t10.00\tp%d-%d\n", p, $1 }' > par$p.tsv; done
$ for p in 1 2 3 4; do cs-refund batch -q -r goodwill par$p.tsv 2>/dev/null & done; wait
$ cs-order ls -o paid,refunded -O ref:BIG
10000.00	10000.00
$ sqlite3 "$CS_DB" "select count(*), sum(amount) from refund where key like 'p%'"
940|940000
EOF

t 'a batch killed mid-chunk five times and re-run pays every line once' <<'EOF'
$ seq 1 120 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "K%d\tdeposit\t1000\tpaid\t137%08d\t王%d\n", $1, $1, $1 }' | cs-order import -q 2>unpaid
$ grep -c '^cs-order: stdin:[0-9]*: O[0-9]* paid with nothing paid on record: import its payments (cs-order import -P)$' unpaid
120
$ seq 1 120 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "K%d\tTXK%d\t1000\tnow\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ seq 1 12000 | awk '{ printf "ref:K%d\t1.00\tkill-%d\n", $1 % 120 + 1, $1 }' > kill.tsv
$ cat > feed.sh <<'SH'
> # feed N: the first N lines, a rejected line, once it is reported a
> # pause of 0.2 s, the next 500 lines and a rejected line again; once
> # that is reported (every line before it done), kill the batch.
> seen() { until grep -q "^cs-refund: stdin:$1:" err || ! kill -0 $pid 2>/dev/null; do sleep 0.05; done; }
> cs-refund batch -q -r deposit < feed 2>err & pid=$!
> exec 3> feed
> head -n $1 kill.tsv >&3; printf 'ref:NOSUCH\t1.00\tbad\n' >&3; seen $(($1 + 1))
> sleep 0.2
> sed -n "$(($1 + 1)),$(($1 + 500))p" kill.tsv >&3; printf 'ref:NOSUCH\t1.00\tbad\n' >&3; seen $(($1 + 502))
> kill -9 $pid; wait $pid 2>/dev/null; exec 3>&-
> SH
$ mkfifo feed; for n in 1700 4300 6900 9100 11300; do sh feed.sh $n; sqlite3 "$CS_DB" "select count(*) from refund where key like 'kill-%'"; done
1999
4499
6999
9499
11499
$ until cs-refund batch -q -r deposit kill.tsv 2>/dev/null; do :; done
$ sqlite3 "$CS_DB" "select count(*), count(distinct key), sum(amount) from refund where key like 'kill-%'"
12000|12000|1200000
$ cs-refund batch -r deposit kill.tsv 2>&1 | tail -n 1
cs-refund: 0 applied, 0 already done, 12000 awaiting approval, 0 rejected
$ cs-order ls -o refunded -O ref:K7
100.00
$ sqlite3 "$CS_DB" 'pragma integrity_check'
ok
EOF

t 'every refund is in the audit chain, and the chain holds' <<'EOF'
$ sqlite3 "$CS_DB" "select count(*) from audit where action = 'refund.request'" > a; sqlite3 "$CS_DB" 'select count(*) from refund' > b; cmp a b && echo same
same
$ cs-report audit --verify | sed 's/[0-9][0-9]* records/N records/; s/last [0-9a-f]\{64\}$/last HASH/'
audit: N records, chain intact, last HASH
EOF

t 'show prints a long note whole' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13900139000 -T TXN1 goods 10 NOTE1 > /dev/null
$ note=$(printf '%0300d' 0 | sed 's/0/退/g'); cs-refund request -r goodwill -m "$note" ref:NOTE1 1 > id; [ "$(cs-refund show $(cat id) | sed -n 's/^note *//p')" = "$note" ] && echo whole
whole
EOF

t 'two items of one price in one batch: the second line says how to refund it; a re-run says nothing but the refund still waiting' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13900139000 -T TXN2 goods 100 TWO1 > id
$ printf '%s\t10\t\titem1\n%s\t10\t\titem2\n' $(cat id) $(cat id) > two.tsv
$ cs-refund batch -r return two.tsv 2>&1 >/dev/null | sed 's/[OR][0-9][0-9]*/X/g'
cs-refund: two.tsv:2: X was made by an earlier line of this batch: the key X:1000:return is made of the order, the amount and the reason: to refund 10.00 again for return, give it a key of its own (-k KEY)
cs-refund: 0 applied, 1 already done, 1 awaiting approval, 0 rejected
$ cs-refund batch -r return two.tsv
! cs-refund: 0 applied, 1 already done, 1 awaiting approval, 0 rejected
EOF

done_testing
