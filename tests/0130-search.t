#!/bin/sh
# cs-ticket ls -f: text in subjects, bodies, replies and notes through
# the index; -P, -N and -O ref: the lookups a caller gives.
. "$(dirname "$0")/lib.sh"

t 'text is found in subjects, bodies, replies and notes, Chinese included, imports too' <<'EOF'
$ printf 'subject\tcustomer_phone\tcustomer_name\tcategory\tkind\tchannel\tcreated_at\n' > a.tsv
$ printf '商品破损\t13800138000\t张三\tcomplaint\tquality\tphone\t2026-11-20 09:15\n' >> a.tsv
$ cs-ticket import -q a.tsv
$ cs-ticket new -q -C 13912345678 -N 李四 -b '订单号 E123456789 扣款两次' inquiry 'How to "refund" 100%'
$ cs-ticket reply -q -m 您的退款已经到账，请查收。 T1
$ cs-ticket note -q -m 客户情绪激动 T2
$ cs-ticket ls -f 商品破 -o id,subject
T1	商品破损
$ cs-ticket ls -f 退款已经到账 -o id
T1
$ cs-ticket ls -f 情绪激动 -o id
T2
$ cs-ticket ls -f E123456 -o id
T2
$ cs-ticket ls -f '"REFUND"' -o id
T2
$ cs-ticket ls -f 100% -o id
T2
$ cs-ticket ls -f 没有这件事
$ cs-ticket ls -f 已经 -s open
! cs-ticket: -f 已经: at least three characters (the index is of runs of three; -g scans subjects)
? 64
EOF

t 'the index follows a changed subject' <<'EOF'
$ cs-ticket new -q -C 13800138000 -N 张三 inquiry 会员如何升级
$ sqlite3 "$CS_DB" "update ticket set subject = '发票怎么开' where id = 3"
$ cs-ticket ls -f 会员如何 -o id
$ cs-ticket ls -f 发票怎 -o id
T3
EOF

sqlite_t 'the FTS5 tables match the tickets and replies they index' 'FTS5'"'"'s integrity-check' <<'EOF'
$ sqlite3 "$CS_DB" "insert into ticket_text (ticket_text) values ('integrity-check'); insert into reply_text (reply_text) values ('integrity-check')"
EOF

t 'lookups a caller gives: the last four digits, a name, an order reference' <<'EOF'
$ cs-order add -q -C 13800138000 -N 张三 rail 204.95 E100
$ cs-ticket new -q -C 13800138000 -O ref:E100 inquiry 如何退票
$ cs-ticket new -q -C 13900005678 -N 李四 inquiry 如何改签
$ cs-ticket new -q -C 13700008000 -N 张三 -k business complaint 司机绕路
$ cs-ticket ls -P 8000 -o id,customer
T1	C1
T3	C1
T4	C1
T6	C4
$ cs-ticket ls -P 5678 -o id,customer
T2	C2
T5	C3
$ cs-ticket ls -N 张三 -S 2026-11-23 -o id
T3
T4
T6
$ cs-ticket ls -N 张三 -P 8000 -t complaint -S 2026-11-23 -o id
T6
$ cs-ticket ls -O ref:E100 -o id
T4
$ cs-ticket ls -P 800
! cs-ticket: -P 800: the last four digits of a phone
? 64
EOF

done_testing
