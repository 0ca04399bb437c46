#!/bin/sh
# A refund batch runs many lines a statement (the orders and keys of a
# run read at once, its refunds written at once): every line comes to
# what `cs-refund request` makes of it alone, in the same order, and
# the desk ends the same, to its audit chain's last hash.
. "$(dirname "$0")/lib.sh"

t 'a desk, copied: one copy takes a batch, the other each line as a request' <<'EOF'
$ seq 1 13 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "G%d\tgoods\t100\tpaid\t138%08d\t客户%d\n", $1, $1, $1 }' | cs-order import -q 2>/dev/null
$ seq 1 13 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "G%d\tTX%d\t100\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -r goodwill -k f1 O13 5 | cut -f1
R1
$ CS_AGENT=fin cs-refund export -o refund,key
R1	f1
$ printf 'R1\tfailed\n' | CS_AGENT=fin cs-refund settle
R1
$ cat > second.sh <<'SH'
> # second.sh: a copy of the desk as it is now; its CS_DB in b.where.
> if [ -n "$CS_PGDB" ]; then
> 	psql -X -q -d postgres -c "CREATE DATABASE ${CS_PGDB}_b TEMPLATE $CS_PGDB" > /dev/null
> 	echo "host=$PGHOST user=${PGUSER:-cs} dbname=${CS_PGDB}_b" > b.where
> else
> 	sqlite3 "$CS_DB" ".backup b.db" && echo "$PWD/b.db" > b.where
> fi
> SH
$ sh second.sh
$ printf 'O1\t50.00\tk1\nO2\t60.00\tk2\nO1\t20.00\tk3\nO3\tabc\tk4\nO4\t150.00\tk5\nO5\t40.00\tk1\nO1\t50.00\tk1\nO6\t30.00\nO6\t30.00\nO999\t10.00\tk10\nO7\tfull\tk11\nO8\t90.00\tk12\nO13\t5.00\tf1\nO9\t90.00\tk13\nO10\t90.00\tk14\nO11\t10.00\tk#15\nO11\nO12\t10.00\tk17\t备注 一条\n' > mixed.tsv
$ cs-refund batch -r goodwill mixed.tsv
R2
R3
R4
R5
R6
R7
R1
R8
R9
R10
! cs-refund: mixed.tsv:4: amount abc: not an amount
! cs-refund: mixed.tsv:5: O4: 150.00 is more than the 100.00 left to refund (refunded or pending 0.00)
! cs-refund: mixed.tsv:6: key k1: already R2, 50.00 on O1
! cs-refund: mixed.tsv:9: R5 was made by an earlier line of this batch: the key O6:3000:goodwill is made of the order, the amount and the reason: to refund 30.00 again for goodwill, give it a key of its own (-k KEY)
! cs-refund: mixed.tsv:10: O999: no such order
! cs-refund: mixed.tsv:16: key k#15: '#' is kept for the payout keys of a refund's later attempts (KEY#2, KEY#3...): a refund's own key has none
! cs-refund: mixed.tsv:17: 1 field; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: 9 applied, 2 already done, 1 awaiting approval, 6 rejected
? 1
$ cs-refund ls -o id,order,amount,status,key
R1	O13	5.00	approved	f1
R2	O1	50.00	approved	k1
R3	O2	60.00	approved	k2
R4	O1	20.00	approved	k3
R5	O6	30.00	approved	O6:3000:goodwill
R6	O7	100.00	approved	k11
R7	O8	90.00	approved	k12
R8	O9	90.00	approved	k13
R9	O10	90.00	requested	k14
R10	O12	10.00	approved	k17
$ while IFS='	' read -r o a k n; do [ -n "$a" ] || continue; CS_DB=$(cat b.where) cs-refund request -r goodwill ${k:+-k "$k"} ${n:+-m "$n"} "$o" "$a" > /dev/null 2>&1; done < mixed.tsv
$ for q in 'select * from refund order by id' 'select * from payout order by id' 'select id, refund_pending, refund_paid, limit_day, limit_total from orders order by id' 'select * from agent_day order by agent, day'; do sqlite3 "$CS_DB" "$q" > a.txt; sqlite3 "$(cat b.where)" "$q" > b.txt; cmp -s a.txt b.txt && echo same || diff a.txt b.txt; done
same
same
same
same
$ cs-report audit --verify > a.txt; CS_DB=$(cat b.where) cs-report audit --verify > b.txt; cmp a.txt b.txt && sed 's/last [0-9a-f]\{64\}$/last HASH/' a.txt
audit: 53 records, chain intact, last HASH
$ cs-refund batch -r goodwill mixed.tsv
! cs-refund: mixed.tsv:4: amount abc: not an amount
! cs-refund: mixed.tsv:5: O4: 150.00 is more than the 100.00 left to refund (refunded or pending 0.00)
! cs-refund: mixed.tsv:6: key k1: already R2, 50.00 on O1
! cs-refund: mixed.tsv:10: O999: no such order
! cs-refund: mixed.tsv:16: key k#15: '#' is kept for the payout keys of a refund's later attempts (KEY#2, KEY#3...): a refund's own key has none
! cs-refund: mixed.tsv:17: 1 field; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: 0 applied, 11 already done, 1 awaiting approval, 6 rejected
? 1
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 53 records, chain intact, last HASH
$ [ -z "$CS_PGDB" ] || psql -X -q -d postgres -c "DROP DATABASE ${CS_PGDB}_b"
EOF

t 'the day limit holds across runs: 300 lines of 2.00, 250 within the 500.00' <<'EOF'
$ seq 1 300 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "L%d\tgoods\t10\tpaid\t139%08d\t客户%d\n", $1, $1, $1 }' | cs-order import -q 2>/dev/null
$ seq 1 300 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "L%d\tTXL%d\t10\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ sqlite3 "$CS_DB" "select id from orders where ref like 'L%' order by id" | awk '{ printf "O%d\t2.00\tday-%d\n", $1, NR }' > day.tsv
$ CS_AGENT=bob cs-refund batch -q -r goodwill day.tsv
! cs-refund: 250 applied, 0 already done, 50 awaiting approval, 0 rejected
$ sqlite3 "$CS_DB" "select total from agent_day where agent = 'bob'"
50000
$ sqlite3 "$CS_DB" "select status, count(*) from refund where key like 'day-%' group by status order by status"
approved|250
requested|50
$ CS_AGENT=bob cs-refund batch -q -r goodwill day.tsv
! cs-refund: 0 applied, 250 already done, 50 awaiting approval, 0 rejected
EOF

t 'a batch killed mid-run five times and run again pays every line once' <<'EOF'
$ sqlite3 "$CS_DB" "select id from orders where ref like 'L%' order by id" | awk '{ o[NR] = $1 } END { for (k = 1; k <= 20; k++) for (i = 1; i <= NR; i++) printf "O%d\t0.01\tkill-%d-%d\n", o[i], o[i], k }' > kill.tsv
$ cat > feed.sh <<'SH'
> # feed N: the first N lines and a rejected line; once that is reported,
> # a pause of 0.2 s, the next 500 lines and a rejected line again; once
> # that is reported (every line before it done), kill the batch.
> seen() { until grep -q "^cs-refund: stdin:$1:" err || ! kill -0 $pid 2>/dev/null; do sleep 0.05; done; }
> CS_AGENT=root cs-refund batch -q -r goodwill < feed 2>err & pid=$!
> exec 3> feed
> head -n $1 kill.tsv >&3; printf 'O999999\t1.00\tbad\n' >&3; seen $(($1 + 1))
> sleep 0.2
> sed -n "$(($1 + 1)),$(($1 + 500))p" kill.tsv >&3; printf 'O999999\t1.00\tbad\n' >&3; seen $(($1 + 502))
> kill -9 $pid; wait $pid 2>/dev/null; exec 3>&-
> SH
$ mkfifo feed; for n in 700 1300 2900 4100 5300; do sh feed.sh $n; sqlite3 "$CS_DB" "select count(*) from refund where key like 'kill-%'"; done
999
1499
2999
4499
5499
$ until CS_AGENT=root cs-refund batch -q -r goodwill kill.tsv 2>/dev/null; do :; done
$ sqlite3 "$CS_DB" "select count(*), count(distinct key), sum(amount) from refund where key like 'kill-%'"
6000|6000|6000
$ sqlite3 "$CS_DB" "select count(*) from orders where ref like 'L%' and refund_pending <> (select coalesce(sum(amount), 0) from refund r where r.order_id = orders.id and r.status <> 'rejected')"
0
$ cs-report audit --verify | sed 's/[0-9][0-9]* records/N records/; s/last [0-9a-f]\{64\}$/last HASH/'
audit: N records, chain intact, last HASH
EOF

t 'a run of many lines with refusals, a known key and the limit inside it, against the same lines alone' <<'EOF'
$ seq 1 24 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "M%d\tgoods\t100\tpaid\t137%08d\t客户%d\n", $1, $1, $1 }' | cs-order import -q 2>/dev/null
$ seq 1 24 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "M%d\tTXM%d\t100\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ sh second.sh
$ sqlite3 "$CS_DB" "select substr(ref, 2), id from orders where ref like 'M%'" | tr '|' '\t' > m.ids
$ printf '@1\t50.00\tm1\n@2\t60.00\tm2\n@3\tabc\tm3\n@4\t150.00\tm4\n@5\t10.00\tk1\n@6\tfull\tm6\n@7\t30.00\n@8\t20.00\tm8#x\n@9\t90.00\tm9\n@10\t90.00\tm10\n@11\t90.00\tm11\n@12\t10.00\tm"q'"'"'1\t引号 "q" 和 '"'"'单'"'"'\n@13\t5.00\tm13\t备注\n@14\t5.00\tm14\n@15\t5.00\tm15\n@16\t5.00\tm16\n@17\t5.00\tm17\n@18\t5.00\tm18\n@1\t5.00\tm19\n@19\t5.00\tm1\n@20\t5.00\tm20\n' | awk -F'\t' -v OFS='\t' 'NR == FNR { id[$1] = $2; next } { sub(/^@/, "", $1); $1 = "O" id[$1]; print }' m.ids - > run.tsv
$ CS_NOW='2026-11-24 10:00' CS_AGENT=bob cs-refund batch -r goodwill run.tsv 2>&1 > made | sed 's/O3[0-9][0-9]/O_/g; s/R[0-9][0-9]*/R_/g'
cs-refund: run.tsv:3: amount abc: not an amount
cs-refund: run.tsv:4: O_: 150.00 is more than the 100.00 left to refund (refunded or pending 0.00)
cs-refund: run.tsv:5: key k1: already R_, 50.00 on O1
cs-refund: run.tsv:8: key m8#x: '#' is kept for the payout keys of a refund's later attempts (KEY#2, KEY#3...): a refund's own key has none
cs-refund: run.tsv:20: key m1: already R_, 50.00 on O_
cs-refund: 15 applied, 0 already done, 1 awaiting approval, 5 rejected
$ wc -l < made; sort -u made | wc -l
16
16
$ sqlite3 "$CS_DB" "select key, amount, status from refund where key in ('m11', 'O' || (select id from orders where ref = 'M7') || ':3000:goodwill') or note like '%引号%' order by id"
O320:3000:goodwill|3000|approved
m11|9000|requested
m"q'1|1000|approved
$ while IFS='	' read -r o a k n; do CS_NOW='2026-11-24 10:00' CS_AGENT=bob CS_DB=$(cat b.where) cs-refund request -r goodwill ${k:+-k "$k"} ${n:+-m "$n"} "$o" "$a" > /dev/null 2>&1; done < run.tsv
$ for q in 'select * from refund order by id' 'select id, refund_pending, refund_paid, limit_day, limit_total from orders order by id' 'select * from agent_day order by agent, day'; do sqlite3 "$CS_DB" "$q" > a.txt; sqlite3 "$(cat b.where)" "$q" > b.txt; cmp -s a.txt b.txt && echo same || diff a.txt b.txt; done
same
same
same
$ cs-report audit --verify > a.txt; CS_DB=$(cat b.where) cs-report audit --verify > b.txt; cmp a.txt b.txt && echo same chain
same chain
$ [ -z "$CS_PGDB" ] || psql -X -q -d postgres -c "DROP DATABASE ${CS_PGDB}_b"
EOF

t 'lines the reader refuses are said in their place, after the lines kept before them' <<'EOF'
$ printf 'O2\tabc\nO3\t1\tk\\q\nO4\tx\nO5\t1\tbad\r\nO6\t1.00\tz1\n' > order.tsv
$ cs-refund batch -q -r goodwill order.tsv
! cs-refund: order.tsv:1: amount abc: not an amount
! cs-refund: order.tsv:2: bad escape \q
! cs-refund: order.tsv:3: amount x: not an amount
! cs-refund: order.tsv:4: carriage return at end of line (CRLF file?)
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 4 rejected
? 1
$ (printf 'O2\tabc\n'; sleep 0.3; printf 'O3\t1\tk\\q\nO4\ty\n') | cs-refund batch -q -r goodwill
! cs-refund: stdin:1: amount abc: not an amount
! cs-refund: stdin:2: bad escape \q
! cs-refund: stdin:3: amount y: not an amount
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 3 rejected
? 65
EOF

t 'a check printed with its header (-H) is refunded as without it; a header line elsewhere is a bad line' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nHD1\tgoods\t120\tpaid\t13600136000\t赵六\n' | cs-order import -q 2>/dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nHD1\tTXH1\t120\t-2d\nHD1\tTXH2\t120\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order check --dup -H | grep -c -e '^order	amount	key	detail$' -e 'TXH2$'
2
$ cs-order check --dup -H | cs-refund batch -r duplicate-payment > ids
! cs-refund: 0 applied, 0 already done, 1 awaiting approval, 0 rejected
$ cs-refund ls -O ref:HD1 -o amount,status,reason
120.00	requested	duplicate-payment
$ cs-order check --dup -H | cs-refund batch -r duplicate-payment
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
$ printf 'order\tamount\n' | cs-refund batch -r goodwill
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 0 rejected
$ printf 'order\tamount\tkey\tdetail\tcurrency\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: 5 fields; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ printf 'ref:HD1\t1.00\thd-1\norder\tamount\tkey\tdetail\n' > hdr.tsv
$ cs-refund batch -r goodwill hdr.tsv > ids
! cs-refund: hdr.tsv:2: order is not an order ID
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 1 rejected
? 1
$ cut -c1 ids
R
EOF

done_testing
