#!/bin/sh
# The promise to a complaint not answered on the spot: simple or complex
# (12 or 24 hours, configurable), a deadline like the others, and the
# promise the customer reads in the ack template is that deadline.
. "$(dirname "$0")/lib.sh"

t 'a ticket marked simple at new is promised a reply in 12 hours' <<'EOF2'
$ cs-ticket new -C 13800138000 -N 张三 -k business -x simple complaint 物流投诉
T1
$ cs-ticket ls -o id,sla,complexity,promise_due,resolve_due
T1	business-complaint	simple	2026-11-23T22:00:00+08:00	2026-11-24T10:00:00+08:00
$ cs-ticket log -o action,detail T1 | grep -v '^due\.'
ticket.new	{"customer":"C1","category":"complaint","kind":"business","priority":"normal","channel":"phone","complexity":"simple","subject":"物流投诉"}
$ cs-ticket show T1 | grep -E '^(complexity|promise_due) '
complexity   simple
promise_due  2026-11-23 22:00
$ cs-ticket show -j T1 | grep -o '"complexity":"simple","promise_due":"[^"]*"'
"complexity":"simple","promise_due":"2026-11-23T22:00:00+08:00"
$ cs-ticket new -C 13800138000 -x hard complaint -k business 什么
! cs-ticket: unknown complexity "hard" (simple complex)
? 65
EOF2

t 'marked or changed later: the promise moves, and the trail says so' <<'EOF2'
$ cs-ticket new -C 13800138000 -k business complaint 发票投诉
T2
$ cs-ticket complexity complex T2
T2
$ cs-ticket complexity complex T2
! cs-ticket: T2 is complex already
? 65
$ CS_NOW='2026-11-23 11:00' cs-ticket complexity simple T2
T2
$ cs-ticket ls -o id,complexity,promise_due -g 发票
T2	simple	2026-11-23T22:00:00+08:00
$ cs-ticket log -o action,detail T2 | grep complexity
ticket.complexity	{"from":null,"to":"complex","promise_due":"2026-11-24T10:00:00+08:00"}
ticket.complexity	{"from":"complex","to":"simple","promise_due":"2026-11-23T22:00:00+08:00"}
EOF2

t 'the ack template promises the ticket'"'"'s own deadline, never a fixed 24 hours' <<'EOF2'
$ cs-ticket reply -t ack T1 >/dev/null && sqlite3 "$CS_DB" "select body from reply where ticket_id = 1"
早上好，张三。您反映的问题（工单 T1）我们已经记录，会在2026-11-23 22:00前给您答复，请您留意。
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\nsla fast category=complaint respond 10m resolve 1h\n' > fast.conf
$ cs-ticket -c fast.conf new -C 13800138000 -k quality complaint 一小时的工单
T3
$ cs-ticket -c fast.conf reply -t ack T3 >/dev/null && sqlite3 "$CS_DB" "select body from reply where ticket_id = 3"
早上好，张三。您反映的问题（工单 T3）我们已经记录，会在2026-11-23 11:00前给您答复，请您留意。
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\nsla all category=harassment respond 1h resolve 1h\n' > none.conf
$ cs-ticket -c none.conf new -C 13800138000 inquiry 无规则 >/dev/null
$ cs-ticket -c none.conf reply -t ack T4
! cs-ticket: template ack: T4 has no deadline to promise {due}
? 65
EOF2

t 'a promise missed is a breach, listed and recorded' <<'EOF2'
$ CS_NOW='2026-11-23 23:00' cs-ticket ls -o id,breached --breached -k business
T1	overdue
T2	overdue
$ CS_NOW='2026-11-23 21:30' cs-ticket ls -o id --due-within 1h -k business
T1
T2
$ CS_NOW='2026-11-24 09:00' cs-ticket resolve T1 T2 >/dev/null
$ cs-ticket ls -o id,breached -t complaint -k business
T1	promise
T2	response,promise
EOF2

t 'the promise times are configured' <<'EOF2'
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\npromise simple 6h complex 2d\n' > p.conf
$ cs-ticket -c p.conf new -C 13800138000 -k business -x simple complaint 六小时 >/dev/null
$ cs-ticket -c p.conf new -C 13800138000 -k business -x complex complaint 两天 >/dev/null
$ cs-ticket ls -o id,promise_due -g 六小时; cs-ticket ls -o id,promise_due -g 两天
T5	2026-11-23T16:00:00+08:00
T6	2026-11-25T10:00:00+08:00
$ cs-report -c p.conf config | grep '^promise'
promise simple 6h complex 2d
$ printf 'promise simple soon\n' > bad.conf
$ cs-ticket -c bad.conf ls
! cs-ticket: bad.conf:1: usage: promise [simple DURATION] [complex DURATION]
? 78
EOF2

t 'a ticket reopened has kept its promise: the ack template promises its new clock' <<'EOF2'
$ CS_NOW='2026-11-24 09:30' cs-ticket reopen T1
T1
$ CS_NOW='2026-11-24 09:40' cs-ticket reply -t ack T1 >/dev/null && sqlite3 "$CS_DB" "select body from reply where ticket_id = 1 order by id desc limit 1"
早上好，张三。您反映的问题（工单 T1）我们已经记录，会在2026-11-25 09:30前给您答复，请您留意。
$ cs-ticket ls -o id,promise_due,resolve_due -s open -k business -t complaint | grep '^T1'
T1	2026-11-23T22:00:00+08:00	2026-11-25T09:30:00+08:00
EOF2

done_testing
