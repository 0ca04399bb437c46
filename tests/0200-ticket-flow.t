#!/bin/sh
# cs-ticket: replies, notes, hand-over, the state machine, call-backs, log.
. "$(dirname "$0")/lib.sh"

t 'set up two tickets' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
$ cs-ticket new -C 13800138000 inquiry 如何改签
T2
EOF

t 'a reply from -m is recorded and stamps the first response once' <<'EOF'
$ cs-ticket reply -m '您好，我们已经记录您的问题。' T1
T1
$ CS_NOW='2026-11-23 10:30' cs-ticket reply -m '正在为您处理。' T1
T1
$ cs-ticket ls -o id,responded
T1	2026-11-23T10:00:00+08:00
T2	
EOF

t 'a templated reply fills the placeholders and the morning greeting' <<'EOF'
$ cs-ticket reply -t ack T2
T2
$ sqlite3 "$CS_DB" "select body from reply where ticket_id = 2"
早上好，张三。您反映的问题（工单 T2）我们已经记录，会在2026-11-24 10:00前给您答复，请您留意。
$ CS_NOW='2026-11-23 15:00' cs-ticket reply -t greeting T2 && sqlite3 "$CS_DB" "select body from reply where ticket_id = 2 order by id desc limit 1"
T2
您好！这里是客服中心，请问有什么可以帮助您？
$ CS_NOW='2026-11-28 09:00' cs-ticket reply -t greeting T2 && sqlite3 "$CS_DB" "select body from reply where ticket_id = 2 order by id desc limit 1"
T2
周末好！这里是客服中心，请问有什么可以帮助您？
EOF

t 'an unknown template or placeholder is refused' <<'EOF'
$ cs-ticket reply -t nosuch T2
! cs-ticket: template nosuch: not found
? 66
$ cs-ticket reply -t ../cs.conf T2
! cs-ticket: template ../cs.conf: bad name (letters, digits, '.', '-' and '_')
? 64
$ mkdir tpl && printf '{greeting} {nosuch}\n' > tpl/bad && printf 'templates tpl\nagent-env yes\nclock-env replay\nagent alice role agent\n' > tpl.conf
$ cs-ticket -c tpl.conf reply -t bad T2
! cs-ticket: template bad: unknown placeholder {nosuch}
? 65
$ printf '{{agent}} {agent}: {ticket} {subject}\n' > tpl/mine && cs-ticket -c tpl.conf reply -t mine T2
T2
$ sqlite3 "$CS_DB" "select body from reply where ticket_id = 2 order by id desc limit 1"
{agent} alice: T2 如何改签
EOF

t 'a reply with a forbidden phrase is refused, whatever the punctuation' <<'EOF'
$ cs-ticket reply -m '这不归我管，你找别人。' T1
! cs-ticket: T1: reply contains the forbidden phrase "这不归我管"
? 65
$ cs-ticket reply -m '你问我, 我问谁?' T1
! cs-ticket: T1: reply contains the forbidden phrase "你问我,我问谁"
? 65
$ sqlite3 "$CS_DB" "select count(*) from reply where ticket_id = 1"
2
EOF

t 'the override sends it and the audit trail says so' <<'EOF'
$ CS_AGENT=carol cs-ticket reply -F 客户要求原话转述 -m '这不归我管' T1
T1
$ sqlite3 "$CS_DB" "select detail from audit where action = 'ticket.reply' order by seq desc limit 1"
{"reply":7,"forced":"这不归我管","role":"supervisor","reason":"客户要求原话转述"}
EOF

t 'a note is internal, not linted, and does not count as a response' <<'EOF'
$ printf '客户情绪激动，已安抚。\n这不归我管\n' | cs-ticket note T2
T2
$ sqlite3 "$CS_DB" "select type, agent, body from reply where ticket_id = 2 order by id desc limit 1"
note|alice|客户情绪激动，已安抚。
这不归我管
EOF

t 'reply text from stdin needs the IDs as arguments' <<'EOF'
$ echo T1 | cs-ticket reply
! cs-ticket: reply: the text comes from stdin, so give the ticket IDs as arguments (or use -m)
? 64
EOF

t 'assign to an agent or a queue, by argument or from a pipe' <<'EOF'
$ cs-ticket assign bob T1
T1
$ cs-ticket ls -o id -t inquiry | cs-ticket assign tech
T2
$ cs-ticket ls -o id,assignee
T1	bob
T2	tech
$ cs-ticket assign mallory T1
! cs-ticket: mallory: no such agent or queue in the configuration
? 65
$ cs-ticket assign 'bob;drop' T1
! cs-ticket: bob;drop: not an agent or queue name
? 65
$ cs-ticket ls -a tech -o id
T2
EOF

t 'the state machine: pend, resolve, close, reopen' <<'EOF'
$ cs-ticket pend T1
T1
$ cs-ticket pend T1
! cs-ticket: T1 is pending: cannot pend it
? 65
$ cs-ticket reopen T1
T1
$ cs-ticket resolve T1 T2
T1
T2
$ cs-ticket resolve T1
! cs-ticket: T1 is resolved: cannot resolve it
? 65
$ CS_NOW='2026-11-24 10:00' cs-ticket close T1
T1
$ cs-ticket ls -o id,status,resolved
T1	closed	2026-11-23T10:00:00+08:00
T2	resolved	2026-11-23T10:00:00+08:00
$ cs-ticket reply -m 您好 T1
! cs-ticket: T1 is closed: reopen it before replying
? 65
$ cs-ticket pend T1
! cs-ticket: T1 is closed: cannot pend it
? 65
EOF

t 'several IDs: the good ones change, the status says some failed' <<'EOF'
$ printf 'T2\nT1\nT99\n# a comment\n\nX5 trailing words\n' | cs-ticket close
T2
! cs-ticket: T1 is closed: cannot close it
! cs-ticket: T99: no such ticket
! cs-ticket: stdin:6: X5 is not a ticket ID
? 1
$ cs-ticket close T98 T99
! cs-ticket: T98: no such ticket
! cs-ticket: T99: no such ticket
? 66
$ cs-ticket close O1
! cs-ticket: O1 is an order, not a ticket
? 65
$ script -qec 'cs-ticket close' /dev/null | tr -d '\r'
cs-ticket: no IDs given and stdin is a terminal
$ script -qec 'cs-ticket close; echo status $?' /dev/null | tail -n 1 | tr -d '\r'
status 64
EOF

t 'call-back on a closed ticket records the satisfaction' <<'EOF'
$ cs-ticket callback -s 4 -m 基本满意 T1
T1
$ cs-ticket ls -o id,satisfaction
T1	4
T2	
$ cs-ticket reopen T2
T2
$ cs-ticket callback -s 5 T2
! cs-ticket: T2 is open: a call-back follows a resolved or closed ticket
? 65
$ cs-ticket callback -s 6 T1
! cs-ticket: -s 6: satisfaction is 1 to 5
? 64
$ cs-ticket callback -s x T1
! cs-ticket: -s x: satisfaction is 1 to 5
? 64
EOF

t 'log shows a ticket history from the audit trail' <<'EOF'
$ cs-ticket log -o action,detail T1
ticket.new	{"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"客服态度恶劣"}
ticket.reply	{"reply":1,"first_response":"yes"}
ticket.reply	{"reply":7,"forced":"这不归我管","role":"supervisor","reason":"客户要求原话转述"}
ticket.assign	{"from":null,"to":"bob"}
ticket.pend	{"from":"open","to":"pending"}
ticket.reopen	{"from":"pending","to":"open"}
ticket.resolve	{"from":"open","to":"resolved"}
ticket.callback	{"callback":1,"satisfaction":4,"comment":"基本满意"}
ticket.reply	{"reply":2}
due.first_response	{"sla":"quality-complaint","met":"yes"}
due.resolve	{"sla":"quality-complaint","met":"yes"}
ticket.close	{"from":"resolved","to":"closed"}
$ cs-ticket log -o record,at,agent,action T2 | tail -n 2
T2	2026-11-24T10:00:00+08:00		due.resolve
T2	2026-11-28T09:00:00+08:00	alice	ticket.reply
$ cs-ticket log T404
! cs-ticket: T404: no such ticket
? 66
EOF

t 'show prints the ticket in full, masked' <<'EOF'
$ cs-ticket show T1
ticket       T1
status       closed
category     complaint
kind         quality
priority     normal
channel      phone
customer     C1
name         张*
phone        138****8000
tier         standard
assignee     bob
subject      客服态度恶劣
created      2026-11-23 10:00
created_by   alice
updated      2026-11-23 10:00
sla          quality-complaint
respond by   2026-11-23 10:30
responded    2026-11-23 10:00
resolve by   2026-11-23 12:00
resolved     2026-11-23 10:00
closed       2026-11-24 10:00
satisfaction 4
callback     基本满意
callback_at  2026-11-23 10:00

2026-11-23 10:00  reply  alice
    您好，我们已经记录您的问题。

2026-11-23 10:30  reply  alice
    正在为您处理。

2026-11-23 10:00  reply  carol
    这不归我管

history
AT                RECORD  AGENT  ACTION              DETAIL
2026-11-23 10:00  T1      alice  ticket.new          {"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"客服态度恶劣"}
2026-11-23 10:00  T1      alice  ticket.reply        {"reply":1,"first_response":"yes"}
2026-11-23 10:00  T1      carol  ticket.reply        {"reply":7,"forced":"这不归我管","role":"supervisor","reason":"客户要求原话转述"}
2026-11-23 10:00  T1      alice  ticket.assign       {"from":null,"to":"bob"}
2026-11-23 10:00  T1      alice  ticket.pend         {"from":"open","to":"pending"}
2026-11-23 10:00  T1      alice  ticket.reopen       {"from":"pending","to":"open"}
2026-11-23 10:00  T1      alice  ticket.resolve      {"from":"open","to":"resolved"}
2026-11-23 10:00  T1      alice  ticket.callback     {"callback":1,"satisfaction":4,"comment":"基本满意"}
2026-11-23 10:30  T1      alice  ticket.reply        {"reply":2}
2026-11-23 10:30  T1             due.first_response  {"sla":"quality-complaint","met":"yes"}
2026-11-23 12:00  T1             due.resolve         {"sla":"quality-complaint","met":"yes"}
2026-11-24 10:00  T1      alice  ticket.close        {"from":"resolved","to":"closed"}
$ cs-ticket show T77
! cs-ticket: T77: no such ticket
? 66
EOF

done_testing
