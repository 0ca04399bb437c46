#!/bin/sh
# cs-ticket set: a ticket reclassified, recorded, its deadlines following
# the new policy from the ticket's opening.
. "$(dirname "$0")/lib.sh"

t 'category, kind and priority change; the deadlines follow from the opening; run again changes nothing' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 司机绕路多收费
T1
$ cs-ticket ls -o id,category,kind,priority,sla,first_response_due,resolve_due
T1	inquiry		normal	inquiry	2026-11-23T11:00:00+08:00	2026-11-24T10:00:00+08:00
$ CS_NOW='2026-11-23 10:20' cs-ticket set -t complaint T1
! cs-ticket: T1: a complaint needs a kind: quality (service) or business (handling)
? 65
$ CS_NOW='2026-11-23 10:20' cs-ticket set -t complaint -k quality -p urgent T1
T1
$ cs-ticket ls -o id,category,kind,priority,sla,first_response_due,resolve_due
T1	complaint	quality	urgent	quality-complaint	2026-11-23T10:30:00+08:00	2026-11-23T12:00:00+08:00
$ CS_NOW='2026-11-23 10:25' cs-ticket set -t complaint -k quality -p urgent T1
T1
$ cs-ticket log -o at,action,detail T1 | grep -v due
2026-11-23T10:00:00+08:00	ticket.new	{"customer":"C1","category":"inquiry","priority":"normal","channel":"phone","subject":"司机绕路多收费"}
2026-11-23T10:20:00+08:00	ticket.set	{"category_from":"inquiry","category":"complaint","kind_from":null,"kind":"quality","priority_from":"normal","priority":"urgent","sla_from":"inquiry","sla":"quality-complaint"}
$ CS_NOW='2026-11-23 10:30' cs-ticket set -q -t inquiry T1
$ cs-ticket ls -o id,category,kind,priority,sla
T1	inquiry		urgent	inquiry
$ cs-ticket set -k business T1
! cs-ticket: T1: a kind is only for complaints, not for inquiry
? 65
$ cs-ticket set -p soon T1
! cs-ticket: T1: unknown priority "soon"
? 65
EOF

t 'a transfer to another agent carries a note for them, in one change' <<'EOF'
$ cs-ticket new -q -C 13800138000 inquiry 如何改签
$ cs-ticket assign -m 客户下午三点后方便接电话 bob T2
T2
$ cs-ticket log -o agent,action,detail T2 | grep -v due
alice	ticket.new	{"customer":"C1","category":"inquiry","priority":"normal","channel":"phone","subject":"如何改签"}
alice	ticket.assign	{"from":null,"to":"bob"}
alice	ticket.note	{"reply":1}
$ cs-ticket show T2 | sed -n '/^assignee/p;/ note /,/^$/p'
assignee     bob
2026-11-23 10:00  note  alice
    客户下午三点后方便接电话

$ cs-ticket assign -m '' carol T2
! cs-ticket: T2: empty note
? 65
$ cs-ticket show T2 | grep '^assignee'
assignee     bob
EOF

t 'a duplicate merged: its replies and history move, it closes pointing at the survivor; again changes nothing' <<'EOF'
$ cs-ticket new -q -C 13800138000 -k quality complaint 退款一直未到账
$ CS_NOW='2026-11-23 10:05' cs-ticket new -C 13800138000 -k quality complaint 退款还没到
T4
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -q -m 已为您催办。 T4
$ CS_NOW='2026-11-23 10:20' cs-ticket merge T3 T4
T4
$ CS_NOW='2026-11-23 10:25' cs-ticket merge T3 T4
T4
$ cs-ticket show T4 | sed -n '/^status/p;/^closed/,/^merged/p'
status       closed
closed       2026-11-23 10:20
merged_into  T3
$ cs-ticket show T3 | sed -n '/ reply /,/^$/p'
2026-11-23 10:10  reply  alice
    已为您催办。

$ cs-ticket log -o record,at,action,detail T3 | grep -v due
T3	2026-11-23T10:00:00+08:00	ticket.new	{"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"退款一直未到账"}
T4	2026-11-23T10:05:00+08:00	ticket.new	{"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"退款还没到"}
T4	2026-11-23T10:10:00+08:00	ticket.reply	{"reply":2,"first_response":"yes"}
T4	2026-11-23T10:20:00+08:00	ticket.merge	{"into":"T3","replies":1}
T3	2026-11-23T10:20:00+08:00	ticket.merged	{"from":"T4","replies":1}
$ cs-ticket ls -f 已为您催办 -o id
T3
$ cs-ticket new -q -C 13900139000 -N 李四 inquiry 如何退票
$ cs-ticket merge T3 T5
! cs-ticket: T5 is C2's, T3 C1's: not duplicates
? 65
$ cs-ticket merge T3 T3
! cs-ticket: T3: cannot merge a ticket into itself
? 65
$ cs-ticket merge T4 T5
! cs-ticket: T4 is closed: it cannot take a duplicate
? 65
EOF

done_testing
