#!/bin/sh
# The reply promised to a complaint not answered on the spot is a
# deadline the sweep escalates as the others: once a promise, again when
# a new promise (the ticket made complex) passes, never once the ticket
# is resolved, nor while it is pending on the customer.
. "$(dirname "$0")/lib.sh"

t 'a promise not kept is escalated, once' <<'EOF'
$ printf 'promise simple 6h complex 8h\n' >> cs.conf
$ cs-ticket new -C 13800138000 -N 张三 -k business -x simple complaint 退款没到账
T1
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -m 正在核实 T1 >/dev/null
$ CS_NOW='2026-11-23 15:59' cs-escalate sweep
$ CS_NOW='2026-11-23 16:01' cs-escalate sweep
E1	T1	1	promised reply overdue since 2026-11-23 16:00
$ CS_NOW='2026-11-23 16:02' cs-escalate sweep
$ cs-escalate ls -o id,ticket,level,cause
E1	T1	1	promise@1795420800
EOF

t 'a new promise is a deadline of its own; resolved, nothing more' <<'EOF'
$ CS_NOW='2026-11-23 16:05' cs-escalate ack E1
E1
$ CS_NOW='2026-11-23 16:10' cs-ticket complexity complex T1
T1
$ cs-ticket ls -o id,promise_due,breached
T1	2026-11-23T18:00:00+08:00	promise
$ cs-ticket log -o action,detail T1 | grep ticket.complexity
ticket.complexity	{"from":"simple","to":"complex","promise_due":"2026-11-23T18:00:00+08:00","promise_missed":"2026-11-23T16:00:00+08:00"}
$ CS_NOW='2026-11-23 18:01' cs-escalate sweep
E2	T1	2	promised reply overdue since 2026-11-23 18:00
$ CS_NOW='2026-11-23 18:02' cs-escalate ls -A -o id,ticket,level,status,cause
E1	T1	1	superseded	promise@1795420800
E2	T1	2	open	promise@1795428000
$ CS_NOW='2026-11-23 18:03' cs-ticket resolve T1
T1
$ CS_NOW='2026-11-24 12:00' cs-escalate sweep
	T1		closed: resolved 1h with no word
$ CS_NOW='2026-11-24 12:00' cs-escalate ls -A -o id,status,cause
E1	superseded	promise@1795420800
E2	resolved	promise@1795428000
EOF

t 'resolved in time, or pending on the customer: not swept' <<'EOF'
$ cs-ticket new -C 13800138000 -k business -x simple complaint 发票问题
T2
$ cs-ticket new -C 13800138000 -k business -x simple complaint 物流问题
T3
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -m 已处理 T2 T3 >/dev/null
$ CS_NOW='2026-11-23 15:30' cs-ticket resolve T2
T2
$ CS_NOW='2026-11-23 15:30' cs-ticket pend T3
T3
$ CS_NOW='2026-11-23 16:01' cs-escalate sweep
$ CS_NOW='2026-11-23 16:01' cs-ticket ls -o id,status,promise_due -s resolved,pending
T2	resolved	2026-11-23T16:00:00+08:00
T3	pending	2026-11-23T16:00:00+08:00
$ CS_NOW='2026-11-23 16:01' cs-escalate ls -A -o id,ticket,cause
E1	T1	promise@1795420800
E2	T1	promise@1795428000
EOF

t 'a merged or closed ticket is not marked' <<'EOF'
$ cs-ticket new -C 13800138000 -k business complaint 重复一
T4
$ cs-ticket new -C 13800138000 -k business complaint 重复二
T5
$ cs-ticket merge T4 T5
T5
$ cs-ticket complexity simple T5
! cs-ticket: T5 was merged into T4: mark T4 instead
? 65
$ CS_NOW='2026-11-24 13:00' cs-ticket complexity simple T1
! cs-ticket: T1 is closed: reopen it before changing it
? 65
EOF

done_testing
