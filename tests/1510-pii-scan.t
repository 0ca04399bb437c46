#!/bin/sh
# Personal data is never shown whole, and nothing inside data reaches
# the output raw: the output of every reading command of every program
# (tests/every-output), as TSV, JSON and a table, searched for the
# customers' phone and ID-card numbers, names and e-mail address, and for
# control characters.
. "$(dirname "$0")/lib.sh"

t 'customers with phones and ID cards, tickets, orders, refunds, escalations' <<'EOF'
$ cs-order customer add -N 王五 -p 13712345678 -i 440305198807150023 -e wangwu@example.com -t vip2
C1
$ cs-ticket new -C 13712345678 -k business complaint 退款未到账
T1
$ cs-ticket new -C 13698765432 -N 赵六 -w app inquiry 你好
T2
$ cs-order customer set -p 13698765433 -i 31010419750308461X C2
C2
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13712345678\t王五\t2026-11-26 10:00\n' >> o.tsv
$ printf 'G1\tgoods\t99.90\tpaid\t15811112222\t钱七\t\n' >> o.tsv
$ cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
O1
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nE100\tTX2\t204.95\t-3d\nG1\tTX3\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
P2
P3
$ cs-ticket new -C 15811112222 -O ref:G1 -k quality complaint 客服态度差
T3
$ cs-ticket reply -m 您好，已收到 T1
T1
$ cs-ticket note -m 客户很着急 T1
T1
$ cs-order check --dup | cs-refund batch -r duplicate-payment 2>&1
R1
cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-refund request -r cancellation ref:G1 full
R2
$ cs-escalate raise -l 2 -r 客户不接受 T3
E1
$ cs-escalate raise -D tech -r 系统问题 T1
E2
$ cs-ticket resolve T2 && cs-ticket callback -s 5 -m 满意 T2
T2
T2
$ cs-order invoice request -n 某某科技 -a 深圳 -p 13712345678 -r 王五 O1
I1
EOF

t 'a dispute with a counterparty, advance compensation, a grant, an incident' <<'EOF'
$ CS_AGENT=fin cs-order add -C 15811112222 -T TX9 goods 50 G9 > /dev/null
$ cs-ticket new -C 15811112222 -O ref:G9 -k quality complaint 货不对板
T4
$ cs-order customer set -r seller C1
C1
$ cs-ticket dispute open -P tel:13712345678 T4
D1
$ cs-ticket dispute say -s counterparty -m 卖家称已发货 D1 && cs-ticket dispute negotiate D1 && cs-ticket dispute intervene -r 协商不成 D1
D1
D1
D1
$ cs-refund advance D1 full
R3
$ cs-refund grant add -t coupon -r compensation tel:13698765433 10
G1
$ cs-escalate incident open -s high -D tech -m 支付故障 支付系统故障
N1
$ cs-escalate incident link N1 T1 T4
T1
T4
EOF

# The phone and ID-card numbers (and names and the e-mail address) in
# full, and as they are to be shown.
cat > "$TMP/full" <<'EOF'
13712345678
13698765432
13698765433
15811112222
440305198807150023
31010419750308461X
王五
赵六
钱七
wangwu@example.com
EOF
cat > "$TMP/masked" <<'EOF'
137****5678
136****5432
136****5433
158****2222
440305********0023
310104********461X
王*
赵*
钱*
w***@example.com
EOF

t 'no phone or ID-card number is shown whole, in any form' <<'EOF'
$ sh "$TOP/tests/every-output" all.out
132 commands
$ while read -r v; do printf '%s %s\n' "$v" "$(grep -cF "$v" all.out)"; done < full
13712345678 0
13698765432 0
13698765433 0
15811112222 0
440305198807150023 0
31010419750308461X 0
王五 0
赵六 0
钱七 0
wangwu@example.com 0
$ grep -v 'chain intact, last' all.out | grep -cE '[0-9]{11}'
0
? 1
$ while read -r v; do [ "$(grep -cF "$v" all.out)" -gt 0 ] && printf '%s shown\n' "$v" || printf '%s missing\n' "$v"; done < masked
137****5678 shown
136****5432 shown
136****5433 shown
158****2222 shown
440305********0023 shown
310104********461X shown
王* shown
赵* shown
钱* shown
w***@example.com shown
$ for m in -H -j table; do printf '%s %s\n' "$m" "$(awk -v m="### $m " 'index($0, "### ") == 1 { p = index($0, m) == 1; next } p' all.out | grep -cF '137****5678')"; done | awk '{ print $1, ($2 > 0 ? "masked" : "none") }'
-H masked
-j masked
table masked
EOF

# The first phone of C2 is only in the audit trail, masked when recorded.

t '--unmask shows them whole to a supervisor, and is audited' <<'EOF'
$ CS_AGENT=carol sh "$TOP/tests/every-output" --unmask carol.out
132 commands
$ while read -r v; do [ "$(grep -cF "$v" carol.out)" -gt 0 ] && printf '%s shown\n' "$v" || printf '%s missing\n' "$v"; done < full
13712345678 shown
13698765432 missing
13698765433 shown
15811112222 shown
440305198807150023 shown
31010419750308461X shown
王五 shown
赵六 shown
钱七 shown
wangwu@example.com shown
$ sqlite3 "$CS_DB" "select agent, detail, count(*) from audit where action = 'data.unmask' group by 1, 2 order by 1, 2"
carol|{"command":"cs-order customer ls","shown":"phone,idcard,name,email","customers":3,"customer_ids":"C1,C2,C3","records":0}|3
carol|{"command":"cs-order customer show","shown":"phone,idcard,name,email","customers":3,"customer_ids":"C1,C2,C3","records":0}|3
carol|{"command":"cs-order invoice ls","shown":"phone,name","customers":1,"customer_ids":"C1","records":0}|3
carol|{"command":"cs-order invoice show","shown":"phone,name","customers":1,"customer_ids":"C1","records":0}|3
carol|{"command":"cs-order ls","shown":"phone,name","customers":2,"customer_ids":"C1,C3","records":0}|3
carol|{"command":"cs-order show","shown":"phone,name","customers":2,"customer_ids":"C1,C3","records":0}|3
carol|{"command":"cs-ticket ls","shown":"phone,name","customers":3,"customer_ids":"C1,C2,C3","records":0}|3
carol|{"command":"cs-ticket show","shown":"phone,name","customers":3,"customer_ids":"C1,C2,C3","records":0}|3
$ for m in -H -j table; do printf '%s %s\n' "$m" "$(awk -v m="### $m " 'index($0, "### ") == 1 { p = index($0, m) == 1; next } p' carol.out | grep -cF '13712345678')"; done | awk '{ print $1, ($2 > 0 ? "whole" : "none") }'
-H whole
-j whole
table whole
$ CS_AGENT=carol cs-order customer show --unmask C2 | sed -n 3p
phone    13698765433
$ cs-report audit -o agent,action,detail | tail -n 1
carol	data.unmask	{"command":"cs-order customer show","shown":"phone,idcard,name","customers":1,"customer_ids":"C2","records":0}
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 63 records, chain intact, last HASH
EOF

t '--unmask is refused to an agent, by every command that shows masked data' <<'EOF'
$ sh "$TOP/tests/every-output" --unmask alice.out 2> alice.err; echo $?
132 commands
1
$ grep -c 'exit 77$' alice.err; grep -vc 'exit 77$' alice.err
69
0
? 1
$ grep -c '^cs-[a-z]*: --unmask: not permitted for alice' alice.out
69
$ grep -A 1 '^### [^ ]* cs-report config' alice.out | grep -c '^# .*/cs.conf'
3
$ while read -r v; do printf '%s %s\n' "$v" "$(grep -cF "$v" alice.out)"; done < full
13712345678 0
13698765432 0
13698765433 0
15811112222 0
440305198807150023 0
31010419750308461X 0
王五 0
赵六 0
钱七 0
wangwu@example.com 0
$ sqlite3 "$CS_DB" "select count(*) from audit where action = 'data.unmask' and agent = 'alice'"
0
EOF

t 'a customer name with a control character is refused, however it comes' <<'EOF'
$ cs-ticket new -C 15900001111 -N "$(printf '孙\033[31m八')" inquiry 你好
! cs-ticket: control character in name
? 65
$ cs-order customer add -N "$(printf '孙\302\233八')" -p 15900001111
! cs-order: control character in name
? 65
$ cs-order customer set -N "$(printf '王\007五')" C1
! cs-order: control character in name
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG2\tgoods\t9\tpaid\t15900001111\t孙\177八\n' | cs-order import
! cs-order: stdin:2: control character in name
? 65
$ cs-ticket new -C 15900001111 inquiry "$(printf 'a\233b')"
! cs-ticket: invalid UTF-8 in subject
? 65
EOF

# Escape sequences, a C1 control, a bidi override and other controls in
# a subject, a body, a reply, a note and a customer name.  The bidi
# override (U+202E) is escaped in every form: \u202e in a table and in
# JSON, its bytes as \xe2\x80\xae in TSV.
t 'escape sequences and controls in data never reach the output raw' <<'EOF'
$ printf '\342\200\256孙八' > name
$ printf '主题\033[31m红\302\2332J\342\200\256cba\001\007\010\177末' > text
$ cs-order customer add -N "$(cat name)" -p 15900001111
C4
$ cs-ticket new -C 15900001111 -b "正文$(cat text)" inquiry "$(cat text)"
T5
$ cs-ticket reply -m "回复$(cat text)" T5 && cs-ticket note -m "备注$(cat text)" T5
T5
T5
$ sh "$TOP/tests/every-output" ctl.out
132 commands
$ for c in '\033' '\302\233' '\001' '\007' '\010' '\177'; do printf '%s %s\n' "$c" "$(grep -cF "$(printf "$c")" ctl.out)"; done
\033 0
\302\233 0
\001 0
\007 0
\010 0
\177 0
$ for e in '\x1b[31m' '\u001b[31m' '\xc2\x9b2J' '\u009b2J' '\x01\x07\x08\x7f' '\u0001\u0007\u0008\u007f'; do [ "$(grep -cF "$e" ctl.out)" -gt 0 ] && printf '%s shown\n' "$e" || printf '%s missing\n' "$e"; done
\x1b[31m shown
\u001b[31m shown
\xc2\x9b2J shown
\u009b2J shown
\x01\x07\x08\x7f shown
\u0001\u0007\u0008\u007f shown
$ grep -cF "$(printf '\342\200\256')" ctl.out
0
? 1
$ for m in table -j -H; do awk -v m="### $m " 'index($0, "### ") == 1 { p = index($0, m) == 1; next } p' ctl.out > $m.out; done
$ for m in table -j -H; do printf '%s:' $m; for e in '\u202e' '\xe2\x80\xae'; do grep -qF "$e" ./$m.out && printf ' %s' "$e"; done; echo; done
table: \u202e
-j: \u202e
-H: \u202e \xe2\x80\xae
$ cs-ticket ls -o name,subject -C C4 | grep -c '^\\xe2\\x80\\xae\*\*	主题.*\\xe2\\x80\\xaecba'
1
$ script -qec 'cs-ticket ls -o id,name,subject' /dev/null | tr -d '\r' | sed -n '1p;/^.T5/p'
 ID  NAME      SUBJECT
 T5  \u202e**  主题\x1b[31m红\xc2\x9b2J\u202ecba\x01\x07\x08\x7f末
$ script -qec 'cs-ticket show T5' /dev/null | tr -d '\r' | grep -e '^subject' -e '^    '
subject      主题\x1b[31m红\xc2\x9b2J\u202ecba\x01\x07\x08\x7f末
    正文主题\x1b[31m红\xc2\x9b2J\u202ecba\x01\x07\x08\x7f末
    回复主题\x1b[31m红\xc2\x9b2J\u202ecba\x01\x07\x08\x7f末
    备注主题\x1b[31m红\xc2\x9b2J\u202ecba\x01\x07\x08\x7f末
$ script -qec 'cs-report audit -o action,detail T5' /dev/null | tr -d '\r' | sed -n 2p
ticket.new    {"customer":"C4","category":"inquiry","priority":"normal","channel":"phone","subject":"主题\u001b[31m红\u009b2J\u202ecba\u0001\u0007\u0008\u007f末"}
EOF

# Phone and ID-card numbers typed into free text: a subject, a body, a
# reply, a note, a call-back comment, a dispute statement, an escalation
# reason and its incident report, a grant note, an incident's title and
# description.  Masked like the customer's own in every output; the
# reply in the database keeps what the agent wrote.
t 'phone and ID-card numbers in free text are masked on every output' <<'EOF'
$ cs-ticket new -C 15900001111 -b '正文 身份证 11010519491231002X' inquiry '请回电 139-1234-5678'
T6
$ cs-ticket reply -m '您好，已为您登记 13912345678' T6 && cs-ticket note -m '客户另一个号码 139 1234 5679' T6
T6
T6
$ cs-ticket resolve T6 && cs-ticket callback -s 4 -m '回访 13912345678 满意' T6
T6
T6
$ cs-ticket dispute say -s customer -m '买家称 13912345678 未收到' D1
D1
$ printf '事故报告：客户 13912345678 已回访\n' | CS_AGENT=carol cs-escalate report E1
E1
$ cs-escalate raise -l 3 -r '客户 13912345678 要求主管回电' T3
E4
$ cs-refund grant add -t points -r compensation -m '补偿 13912345678' tel:13698765433 100
G2
$ cs-escalate incident open -s low -D tech -m '来电 13912345678 反映' '故障 13912345678'
N2
$ sqlite3 "$CS_DB" "select body from reply where ticket_id = 6 order by id"
您好，已为您登记 13912345678
客户另一个号码 139 1234 5679
$ sh "$TOP/tests/every-output" free.out
132 commands
$ for v in 13912345678 139-1234-5678 '139 1234 5679' 11010519491231002X; do printf '%s %s\n' "$v" "$(grep -cF "$v" free.out)"; done
13912345678 0
139-1234-5678 0
139 1234 5679 0
11010519491231002X 0
$ for v in '139****5678' '139****5679' '110105********002X'; do [ "$(grep -cF "$v" free.out)" -gt 0 ] && printf '%s shown\n' "$v" || printf '%s missing\n' "$v"; done
139****5678 shown
139****5679 shown
110105********002X shown
$ awk '/^### / { c = $0; next } /139\*\*\*\*5678/ { sub(/^### [^ ]* /, "", c); sub(/ [-$A-Z0-9].*/, "", c); print c }' free.out | sort -u
cs-escalate incident ls
cs-escalate incident show
cs-escalate ls
cs-escalate show
cs-order customer show
cs-refund grant ls
cs-refund grant show
cs-report audit
cs-report hotspots
cs-report incidents
cs-ticket dispute show
cs-ticket log
cs-ticket ls
cs-ticket show
EOF

t '--unmask shows them whole, to a supervisor' <<'EOF'
$ CS_AGENT=carol sh "$TOP/tests/every-output" --unmask free-carol.out
132 commands
$ for v in 13912345678 139-1234-5678 '139 1234 5679' 11010519491231002X; do [ "$(grep -cF "$v" free-carol.out)" -gt 0 ] && printf '%s shown\n' "$v" || printf '%s missing\n' "$v"; done
13912345678 shown
139-1234-5678 shown
139 1234 5679 shown
11010519491231002X shown
EOF

done_testing
