#!/bin/sh
# cs-ticket new: opening tickets, and what it refuses.
. "$(dirname "$0")/lib.sh"

t 'a ticket for a new caller creates the customer and prints the ID' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -w phone inquiry 如何退票
T1
$ cs-ticket new -C tel:13800138000 -k business -p high complaint 退款一直未到账
T2
$ cs-ticket ls -o id,customer,category,kind,priority,channel,subject
T1	C1	inquiry		normal	phone	如何退票
T2	C1	complaint	business	high	phone	退款一直未到账
EOF

t 'the customer can be named by C-id, with or without the prefix' <<'EOF'
$ cs-ticket new -C C1 -w chat praise 感谢耐心解答
T3
$ cs-ticket new -C 1 -w email suggestion 建议增加夜间客服
T4
$ cs-ticket ls -o id,customer,channel -C 13800138000 -n 2 -r -id
T4	C1	email
T3	C1	chat
EOF

t 'the subject may be several words, the body comes from -b or stdin' <<'EOF'
$ cs-ticket new -C C1 -b '客户说司机绕路' complaint -k quality 司机 绕路
T5
$ printf '第一行\n第二行\n' | cs-ticket new -C C1 -b - technical 无法登录
T6
$ cs-ticket ls -o subject -s open -g 绕路
司机 绕路
$ cs-ticket show -j T6 | sed 's/,"replies".*//; s/.*"subject"/"subject"/'
"subject":"无法登录","created":"2026-11-23T10:00:00+08:00","created_by":"alice","updated":"2026-11-23T10:00:00+08:00","responded":null,"resolved":null,"closed":null,"satisfaction":null,"callback":null,"callback_at":null,"body":"第一行\n第二行","needs":null,"ref":null,"complexity":null,"promise_due":null
EOF

t 'an unknown phone without a name is an unknown customer' <<'EOF'
$ cs-ticket new -C 13900139000 inquiry 查询订单
! cs-ticket: 13900139000: no customer with this phone (give a name to create one)
? 66
$ cs-ticket new -C C99 inquiry 查询订单
! cs-ticket: C99: no such customer
? 66
EOF

t 'wrong ID types and malformed values are refused' <<'EOF'
$ cs-ticket new -C T1 inquiry 查询
! cs-ticket: T1 is a ticket, not a customer
? 65
$ cs-ticket new -C tel:12345 inquiry 查询
! cs-ticket: tel:12345: not a mobile phone number
? 65
$ cs-ticket new -C C1 -O O7 inquiry 查询
! cs-ticket: O7: no such order
? 66
$ cs-ticket new -C C1 -O ref:E123 inquiry 查询
! cs-ticket: ref:E123: no such order
? 66
EOF

t 'categories, kinds, priorities and channels are checked' <<'EOF'
$ cs-ticket new -C C1 question 你好
! cs-ticket: unknown category "question" (inquiry complaint suggestion praise technical harassment)
? 65
$ cs-ticket new -C C1 complaint 态度差
! cs-ticket: a complaint needs a kind: quality (service) or business (handling)
? 65
$ cs-ticket new -C C1 -k quality inquiry 你好
! cs-ticket: a kind is only for complaints, not for inquiry
? 65
$ cs-ticket new -C C1 -k rude complaint 你好
! cs-ticket: unknown complaint kind "rude" (quality business)
? 65
$ cs-ticket new -C C1 -p asap inquiry 你好
! cs-ticket: unknown priority "asap" (low normal high urgent)
? 65
$ cs-ticket new -C C1 -w fax inquiry 你好
! cs-ticket: unknown channel "fax" (phone chat email app)
? 65
EOF

t 'invalid UTF-8 and empty text are refused and change nothing' <<'EOF'
$ cs-ticket new -C C1 inquiry "$(printf 'bad \377 byte')"
! cs-ticket: invalid UTF-8 in subject
? 65
$ cs-ticket new -C C1 inquiry ''
! cs-ticket: empty subject
? 65
$ cs-ticket new -C 13700137000 -N "$(printf '\344\270')" inquiry 你好
! cs-ticket: invalid UTF-8 in name
? 65
$ printf 'ok \377\n' | cs-ticket new -C C1 -b - inquiry 你好
! cs-ticket: stdin: invalid UTF-8 in body
? 65
$ cs-ticket ls | wc -l
6
$ sqlite3 "$CS_DB" 'select count(*) from customer'
1
EOF

t 'usage errors' <<'EOF'
$ cs-ticket new inquiry 你好
! usage: cs-ticket new -C customer [-N name] [-O order] [-k kind] [-p priority] [-w channel] [-b body] [-x simple|complex] category subject
? 64
$ cs-ticket frobnicate
! cs-ticket: frobnicate: unknown command
! usage: cs-ticket [-HjqU] [-c conf] [-d db] [-M mode] [-o fields] command [args]
!        cs-ticket new -C customer [-N name] [-O order] [-k kind] [-p priority] [-w channel] [-b body] [-x simple|complex] category subject
!        cs-ticket import [-A] [file]
!        cs-ticket show [ID ...]
!        cs-ticket ls [-s status[,status]] [-t category] [-k kind] [-p priority] [-w channel] [-a assignee] [-C customer] [-O order] [-R ref] [-S since] [-u until] [-g text] [-f text] [-P last4] [-N name] [-r [-]key] [-n limit] [--breached] [--due-within duration] [--awaiting-callback] [--fixed]
!        cs-ticket reply [-F reason] [-m text | -t template] [ID ...]
!        cs-ticket note [-m text] [ID ...]
!        cs-ticket assign [-m note] name [ID ...]
!        cs-ticket merge survivor [ID ...]
!        cs-ticket set [-t category] [-k kind] [-p priority] [ID ...]
!        cs-ticket complexity simple|complex [ID ...]
!        cs-ticket pend | resolve | close | reopen [ID ...]
!        cs-ticket callback -s score [-m comment] [ID ...]
!        cs-ticket log [ID ...]
!        cs-ticket exam agent month score
!        cs-ticket dispute open -P counterparty [-O order] [ID ...]
!        cs-ticket dispute say -s customer|counterparty [-e] [-m text] [ID ...]
!        cs-ticket dispute negotiate | close [ID ...]
!        cs-ticket dispute intervene -r reason [ID ...]
!        cs-ticket dispute decide -f customer|counterparty|split [-a amount] -r reason [ID ...]
!        cs-ticket dispute ls [-A] [-s stage]
!        cs-ticket dispute show [ID ...]
? 64
$ cs-ticket new -h
usage: cs-ticket new -C customer [-N name] [-O order] [-k kind] [-p priority] [-w channel] [-b body] [-x simple|complex] category subject
EOF

t 'every new ticket and customer is in the audit trail, personal data masked' <<'EOF'
$ sqlite3 "$CS_DB" "select seq, agent, action, record from audit order by seq"
1|alice|customer.new|C1
2|alice|ticket.new|T1
3|alice|ticket.new|T2
4|alice|ticket.new|T3
5|alice|ticket.new|T4
6|alice|ticket.new|T5
7|alice|ticket.new|T6
$ sqlite3 "$CS_DB" "select detail from audit where seq = 1"
{"name":"张*","phone":"138****8000"}
EOF

done_testing
