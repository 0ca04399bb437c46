#!/bin/sh
# A reply's own text (-m, stdin) and an incident's -m text are filled
# like a template: no customer receives a literal {greeting}.
. "$(dirname "$0")/lib.sh"

t 'set up two tickets on an incident' <<'EOF'
$ cs-ticket new -C 13800138001 -N 李四 -k business complaint 无法支付
T1
$ cs-ticket new -C 13800138002 -N 王五 -k business complaint 支付失败
T2
$ cs-escalate incident open -s high -D tech 支付系统故障
N1
$ cs-escalate incident link N1 T1 T2
T1
T2
EOF

t 'an incident update with -m fills each ticket placeholders' <<'EOF'
$ cs-escalate incident update -m '{greeting}，{customer}。您的工单 {ticket}（{subject}）所涉系统故障正在抢修。' N1
T1
T2
$ sqlite3 "$CS_DB" "select body from reply order by id"
早上好，李四。您的工单 T1（无法支付）所涉系统故障正在抢修。
早上好，王五。您的工单 T2（支付失败）所涉系统故障正在抢修。
$ cs-escalate incident update -m '{greting}，系统故障' N1
! cs-escalate: -m: unknown placeholder {greting} (a brace is {{ or }})
? 65
$ CS_NOW='2026-11-23 15:00' cs-escalate incident close -m '{greeting}，系统已恢复，{{工单}} {ticket} 已解决。' N1
T1
T2
$ sqlite3 "$CS_DB" "select body from reply where id > 2 order by id"
您好，系统已恢复，{工单} T1 已解决。
您好，系统已恢复，{工单} T2 已解决。
EOF

t 'a reply from -m or stdin is filled too, a note is not' <<'EOF'
$ cs-ticket reopen T1
T1
$ cs-ticket reply -m '{greeting}，{customer}，已为您处理。' T1
T1
$ printf '{greeting}，请查收。\n' | cs-ticket reply T1
T1
$ cs-ticket note -m '{greeting} 是占位符' T1
T1
$ sqlite3 "$CS_DB" "select body from reply where id > 4 order by id"
早上好，李四，已为您处理。
早上好，请查收。
{greeting} 是占位符
$ printf '请提供{订单号}\n' | cs-ticket reply T1
! cs-ticket: stdin: unknown placeholder {订单号} (a brace is {{ or }})
? 65
EOF

done_testing
