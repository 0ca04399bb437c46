#!/bin/sh
# The SLA clock: deadlines set when a ticket opens, paused while it waits
# on the customer, breaches recorded when they happen.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
calendar office
include TOPDIR/data/holidays-cn-2026.conf
CONF
sed -i "s|TOPDIR|$TOP|" "$CS_CONF"

t 'policies by category, kind and tier set the deadlines' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣 >/dev/null
$ cs-ticket new -C 13800138000 -k business complaint 退款未到账 >/dev/null
$ cs-ticket new -C 13800138000 inquiry 如何退票 >/dev/null
$ cs-ticket new -C 13800138000 technical 无法登录 >/dev/null
$ cs-order customer add -N 李四 -p 13900139000 -t vip2 >/dev/null
$ cs-ticket new -C 13900139000 -k quality complaint 态度差 >/dev/null
$ cs-ticket ls -o id,sla,first_response_due,resolve_due,update_due
T1	quality-complaint	2026-11-23T10:30:00+08:00	2026-11-23T12:00:00+08:00	
T2	business-complaint	2026-11-23T12:00:00+08:00	2026-11-24T10:00:00+08:00	2026-11-25T00:00:00+08:00
T3	inquiry	2026-11-23T11:00:00+08:00	2026-11-24T10:00:00+08:00	
T4	technical	2026-11-23T12:00:00+08:00	2026-11-26T10:00:00+08:00	2026-11-25T00:00:00+08:00
T5	vip-complaint	2026-11-23T10:15:00+08:00	2026-11-23T11:00:00+08:00	2026-11-25T00:00:00+08:00
EOF

t 'a reply in time meets the first response; a late one is a breach' <<'EOF'
$ CS_NOW='2026-11-23 10:20' cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 10:20' cs-ticket reply -m 您好 T5 >/dev/null
$ cs-ticket ls -o id,breached -t complaint
T1	
T2	
T5	response
EOF

t 'overdue tickets show with --breached; --due-within looks ahead' <<'EOF'
$ CS_NOW='2026-11-23 11:30' cs-ticket ls -o id,breached --breached
T3	overdue
T5	response
$ CS_NOW='2026-11-23 11:30' cs-ticket ls -o id --due-within 45m
T1
T2
T4
$ cs-ticket ls --due-within soon
! cs-ticket: --due-within soon: not a duration
? 64
EOF

t 'pending stops the clock; resuming moves the deadlines by the wait' <<'EOF'
$ CS_NOW='2026-11-23 10:30' cs-ticket pend T1 >/dev/null
$ CS_NOW='2026-11-23 15:00' cs-ticket reopen T1 >/dev/null
$ cs-ticket ls -o id,resolve_due -t complaint -k quality | head -n 1
T1	2026-11-23T16:30:00+08:00
$ CS_NOW='2026-11-23 16:00' cs-ticket resolve T1 >/dev/null
$ cs-ticket ls -o id,status,breached -t complaint -k quality | head -n 1
T1	resolved	
EOF

t 'resolving after the deadline records the breach; reopening restarts it' <<'EOF'
$ CS_NOW='2026-11-24 11:00' cs-ticket resolve T2 >/dev/null
$ cs-ticket ls -o id,breached,update_due -k business
T2	resolve,response	
$ CS_NOW='2026-11-25 09:00' cs-ticket reopen T2 >/dev/null
$ cs-ticket ls -o id,resolve_due,update_due -k business
T2	2026-11-26T09:00:00+08:00	2026-11-27T00:00:00+08:00
EOF

t 'office hours and holidays: a technical ticket before National Day' <<'EOF'
$ CS_NOW='2026-09-30 17:00' cs-ticket new -C 13800138000 technical 国庆前报障 >/dev/null
$ cs-ticket ls -o id,first_response_due,resolve_due -g 国庆前
T6	2026-10-08T10:00:00+08:00	2026-10-10T17:00:00+08:00
EOF

t 'policies come from the configuration, first match wins' <<'EOF'
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\ncalendar support\nhours mon-sat 08:00-20:00\nsla chat channel=chat respond 5m resolve 2h calendar support\nsla all respond 1h resolve 1d\n' > sla.conf
$ cs-ticket -c sla.conf new -C 13800138000 -w chat inquiry 在线咨询
T7
$ cs-ticket -c sla.conf new -C 13800138000 inquiry 电话咨询
T8
$ cs-ticket ls -o id,sla,first_response_due,resolve_due -S '2026-11-23 10:00' -g 咨询
T7	chat	2026-11-23T10:05:00+08:00	2026-11-23T12:00:00+08:00
T8	all	2026-11-23T11:00:00+08:00	2026-11-24T10:00:00+08:00
$ printf 'sla x respond 1h\n' > bad.conf
$ cs-ticket -c bad.conf ls
! cs-ticket: bad.conf:1: usage: sla NAME [category=C] [kind=K] [tier=T,...] [priority=P] [channel=W] respond DURATION resolve DURATION [update DURATION|daily] [calendar NAME]
? 78
$ printf 'sla x respond 1h resolve 2h calendar nowhere\n' > bad.conf
$ cs-ticket -c bad.conf ls
! cs-ticket: bad.conf:1: sla x: no calendar "nowhere" defined before it
? 78
EOF

t 'a daily update is due by the end of the next day, after each reply or wait' <<'EOF'
$ CS_NOW='2026-11-23 23:30' cs-ticket new -C 13800138000 -k business complaint 发票未开 >/dev/null
$ cs-ticket ls -o id,update_due -g 发票未开
T9	2026-11-25T00:00:00+08:00
$ CS_NOW='2026-11-24 08:00' cs-ticket pend T9 >/dev/null
$ CS_NOW='2026-11-25 15:00' cs-ticket reopen T9 >/dev/null
$ cs-ticket ls -o id,update_due -g 发票未开
T9	2026-11-27T00:00:00+08:00
$ CS_NOW='2026-11-26 00:10' cs-ticket reply -m 正在处理 T9 >/dev/null
$ cs-ticket ls -o id,update_due -g 发票未开
T9	2026-11-28T00:00:00+08:00
EOF

t 'the greeting follows the holiday calendar: 节日好, and 调休 Saturdays work' <<'EOF'
$ greet() { CS_NOW="$1" cs-ticket reply -t greeting T6 >/dev/null && sqlite3 "$CS_DB" "select body from reply where ticket_id = 6 order by id desc limit 1" | sed 's/！.*//'; }
> greet '2026-10-01 09:00'; greet '2026-10-10 09:00'; greet '2026-10-11 15:00'; greet '2026-10-12 15:00'
节日好
早上好
周末好
您好
EOF

done_testing
