#!/bin/sh
# A long import lets other writers in: it commits at the end of a chunk
# of 2,000 lines once it has held the write lock a second, while every
# line so far carried its key (a ticket's ref, an order's ref).  Killed,
# it keeps whole chunks; run again, it finds what it made and makes the
# rest.  A ticket file whose lines lack a ref is one transaction from
# the first such line: killed, it leaves nothing of what followed.
. "$(dirname "$0")/lib.sh"

# feed PROGRAM FILE N M BAD: import FILE's header and first N lines
# through a pipe and the line BAD, which is rejected; once its rejection
# is reported, a pause of more than a second; then FILE's lines up to M
# and BAD again; once that is reported (every line before it done), kill
# the import and print how many records it left.  BAD is a line read,
# so the chunk ends at the 2,000th line read fall one line of FILE
# early after the first.
cat > "$TMP/feed.sh" <<'SH'
count() { $1 ls -o id 2>/dev/null | wc -l; }
seen() { until grep -q "^$1: fifo:$2:" err || ! kill -0 $pid 2>/dev/null; do sleep 0.05; done; }
before=$(count $1)
rm -f fifo err; mkfifo fifo
$1 import -q fifo > /dev/null 2> err & pid=$!
exec 3> fifo
head -n $(($3 + 1)) "$2" >&3
printf '%s\n' "$5" >&3
seen $1 $(($3 + 2))
sleep 1.2
sed -n "$(($3 + 2)),$(($4 + 1))p" "$2" >&3
printf '%s\n' "$5" >&3
seen $1 $(($4 + 3))
kill -9 $pid; wait $pid 2>/dev/null; exec 3>&-
echo $(($(count $1) - before))
SH

t 'a ticket import killed keeps whole chunks; run again, each ref makes one ticket' <<'EOF'
$ seq 1 5000 | awk 'BEGIN { print "customer_phone\tcustomer_name\tcategory\tsubject\tref" } { printf "139%08d\t客户%d\tinquiry\t咨询 %d\tR%d\n", $1 % 300, $1 % 300, $1, $1 }' > t.tsv
$ sh feed.sh cs-ticket t.tsv 2000 4100 "$(printf '13900000000\t某\tnosuch\t坏行\tBAD')"
3999
$ cs-ticket import t.tsv | wc -l
1001
$ cs-ticket ls -o id,ref -R R5000
T5000	R5000
$ cs-ticket import t.tsv | wc -l
0
$ cs-ticket ls -o ref | sort -u | wc -l
5000
EOF

t 'a ticket file without refs is one transaction: killed, nothing of it is left' <<'EOF'
$ seq 1 5000 | awk 'BEGIN { print "customer_phone\tcustomer_name\tcategory\tsubject" } { printf "139%08d\t客户%d\tinquiry\t咨询 %d\n", $1 % 300, $1 % 300, $1 }' > n.tsv
$ sh feed.sh cs-ticket n.tsv 2000 4100 "$(printf '13900000000\t某\tnosuch\t坏行')"
0
EOF

t 'from the first line without a ref, the rest of the file is one transaction' <<'EOF'
$ seq 1 5000 | awk 'BEGIN { print "customer_phone\tcustomer_name\tcategory\tsubject\tref" } { printf "139%08d\t客户%d\tinquiry\t咨询 %d\t%s\n", $1 % 300, $1 % 300, $1, $1 == 1500 ? "" : "M" $1 }' > m.tsv
$ sh feed.sh cs-ticket m.tsv 2000 4100 "$(printf '13900000000\t某\tnosuch\t坏行\tBAD')"
0
$ seq 1 5000 | awk 'BEGIN { print "customer_phone\tcustomer_name\tcategory\tsubject\tref" } { printf "139%08d\t客户%d\tinquiry\t咨询 %d\t%s\n", $1 % 300, $1 % 300, $1, $1 == 4050 ? "" : "K" $1 }' > k.tsv
$ sed -n '4051p' k.tsv | cut -f4,5
咨询 4050	
$ sh feed.sh cs-ticket k.tsv 2000 4100 "$(printf '13900000000\t某\tnosuch\t坏行\tBAD')"
3999
EOF

t 'an order import killed keeps whole chunks and finishes when run again' <<'EOF'
$ seq 1 5000 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "G%d\tgoods\t10\tplaced\t137%08d\t王%d\n", $1, $1 % 300, $1 % 300 }' > o.tsv
$ sh feed.sh cs-order o.tsv 2000 4100 "$(printf 'BAD\tnosuch\t10\tplaced\t13700000000\t王')"
3999
$ cs-order import o.tsv | wc -l
1001
$ cs-order import o.tsv | wc -l
0
$ cs-order ls -o ref | sort -u | wc -l
5000
EOF
done_testing
