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
! cs-ticket: empty note
? 65
$ cs-ticket show T2 | grep '^assignee'
assignee     bob
EOF

done_testing
