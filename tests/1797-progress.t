#!/bin/sh
# A long job's progress: on a terminal when the records go elsewhere,
# never in a pipe; the count, the share of a file, the rate; ", done."
. "$(dirname "$0")/lib.sh"

printf 'customer_phone\tcustomer_name\tcategory\tsubject\n' > "$TMP/t.tsv"
printf '1380013800%d\t张三\tinquiry\t问题%d\n' 1 1 2 2 3 3 >> "$TMP/t.tsv"

t 'in a pipe or a file, no progress: stderr holds only what went wrong' <<'EOF'
$ cs-ticket import t.tsv 2> err | wc -l; wc -c < err
3
0
EOF

t 'CS_PROGRESS=yes leaves the last line: count, share of the file, done' <<'EOF'
$ CS_PROGRESS=yes cs-ticket import t.tsv 2>&1 >/dev/null | sed 's|, [0-9]*/s||'
cs-ticket import: 3 lines, 100%, done.
$ cat t.tsv | CS_PROGRESS=yes cs-ticket import 2>&1 >/dev/null | sed 's|, [0-9]*/s||'
cs-ticket import: 3 lines, done.
EOF

t 'on a terminal with the records going to a file, the line is rewritten in place' <<'EOF'
$ fresh-db; script -qec "CS_PROGRESS=yes cs-ticket import t.tsv > ids" log > /dev/null; wc -l < ids
3
$ grep -c "$(printf '\r')cs-ticket import: 3 lines, 100%.*done\." log
1
EOF

t 'on a terminal that also shows the records, or with CS_PROGRESS=no, none' <<'EOF'
$ fresh-db; script -qec "CS_PROGRESS=no cs-ticket import t.tsv > ids" log > /dev/null; grep -c 'lines' log
0
? 1
$ fresh-db; script -qec "cs-ticket import t.tsv" log > /dev/null; grep -c 'lines' log
0
? 1
$ grep -c '^T[0-9]' log
3
EOF

t 'a batch shows its lines before its summary' <<'EOF'
$ CS_AGENT=fin cs-order add -q -C 13800138000 -N 张三 -T TX1 goods 100 G1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX2\t100\tnow\n' | CS_AGENT=fin cs-order import -q -P
$ cs-order check --dup | CS_PROGRESS=yes cs-refund batch -q -r duplicate-payment 2>&1 | sed 's|, [0-9]*/s||'
cs-refund batch: 1 line, done.
cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF

done_testing
