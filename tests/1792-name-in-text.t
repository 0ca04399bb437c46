#!/bin/sh
# A customer's name typed into free text, or filled in by a template's
# {customer}, is masked wherever the text of that customer's record is
# shown: subjects, bodies, replies, notes, escalation reasons, dispute
# statements, refund and grant notes, call-back comments, the audit
# trail's details; in a table, TSV and JSON (tests/every-output).  The
# stored text, and the reply the customer receives, keep it whole;
# --unmask shows it.
. "$(dirname "$0")/lib.sh"

t 'records whose free text names their customer' <<'EOF2'
$ cs-order customer add -q -N 王五 -p 13712345678 -t vip2
$ cs-ticket new -C 13712345678 -b '王五来电：退款未到账' -k business complaint 王五的退款
T1
$ cs-ticket new -C 13698765432 -N 'Alice Smith' -w app inquiry 'Alice Smith asks about her ticket'
T2
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13712345678\t王五\t2026-11-26 10:00\n' >> o.tsv
$ printf 'G1\tgoods\t99.90\tpaid\t15811112222\t钱七\t\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nE100\tTX2\t204.95\t-3d\nG1\tTX3\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -q -P
$ cs-ticket new -C 15811112222 -O ref:G1 -k quality complaint 钱七说客服态度差
T3
$ cs-ticket reply -q -t ack T1
$ cs-ticket note -q -m '王五很着急，王五要求今天回电' T1
$ cs-ticket reply -q -m 'Dear Alice, we are on it.' T2
$ cs-order check --dup | cs-refund batch -q -r duplicate-payment 2>/dev/null
$ cs-refund request -q -r cancellation -m 钱七要求全额退款 ref:G1 full
$ cs-escalate raise -q -l 2 -r 钱七不接受方案 T3
$ cs-escalate raise -q -D tech -r 王五的账号异常 T1
$ cs-ticket resolve -q T2 && cs-ticket callback -q -s 5 -m 'Alice is happy' T2
$ cs-order invoice request -q -n 某某科技 -a 深圳 -p 13712345678 -r 王五 O1
$ CS_AGENT=fin cs-order add -C 15811112222 -T TX9 goods 50 G9 > /dev/null
$ cs-ticket new -q -C 15811112222 -O ref:G9 -k quality complaint 货不对板
$ cs-order customer set -q -r seller C1
$ cs-ticket dispute open -q -P tel:13712345678 T4
$ cs-ticket dispute say -q -s customer -m '钱七：卖家王五发错了货' D1
$ cs-refund grant add -q -t coupon -r compensation -m 给钱七的补偿 tel:15811112222 10
$ cs-escalate incident open -q -s high -D tech -m 支付故障 支付系统故障
$ cs-escalate incident link -q N1 T1 T4
EOF2

cat > "$TMP/full" <<'EOF2'
王五
钱七
Alice
EOF2

t 'no output shows a name whole, in any form' <<'EOF2'
$ sh "$TOP/tests/every-output" all.out
132 commands
$ while read -r v; do printf '%s %s\n' "$v" "$(grep -cF "$v" all.out)"; done < full
王五 0
钱七 0
Alice 0
$ grep -c '王\*的退款' all.out | awk '{ print ($1 > 0 ? "masked" : "missing") }'
masked
EOF2

t 'the stored text and the reply sent keep the name; --unmask shows it' <<'EOF2'
$ sqlite3 "$CS_DB" "select body from reply where ticket_id = 1 and type = 'reply'" | grep -c 王五
1
$ CS_AGENT=carol cs-ticket show --unmask T1 | grep -c '王五'
7
$ cs-ticket show T1 | grep -c '王五'
0
? 1
$ cs-ticket ls -j -o id,subject -s open | head -1
{"id":"T1","subject":"王*的退款"}
EOF2

done_testing
