#!/bin/sh
# Every deadline counts as a breach where the others do: a periodic
# update, a first response while waiting on the customer, a ticket
# resolved that was never answered.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
sla slow respond 1h resolve 7d update 2h
CONF

t 'an update past due is overdue: --breached, --due-within, the breached column' <<'EOF2'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 要更新的 >/dev/null
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -m 已收到 T1 >/dev/null
$ cs-ticket ls -o id,update_due,breached
T1	2026-11-23T12:10:00+08:00	
$ CS_NOW='2026-11-23 11:30' cs-ticket ls -o id --due-within 1h
T1
$ CS_NOW='2026-11-23 13:00' cs-ticket ls -o id,breached --breached
T1	overdue
$ CS_NOW='2026-11-23 13:00' cs-ticket reply -m 处理中 T1 >/dev/null
$ CS_NOW='2026-11-23 13:00' cs-ticket ls -o id,update_due,breached
T1	2026-11-23T15:00:00+08:00	update
EOF2

t 'waiting on a customer never answered does not stop the first-response clock' <<'EOF2'
$ cs-ticket new -C 13800138000 inquiry 未答复就挂起 >/dev/null
$ CS_NOW='2026-11-23 10:10' cs-ticket pend T2 >/dev/null
$ CS_NOW='2026-11-23 11:30' cs-ticket ls -o id,status,breached --breached -g 挂起
T2	pending	overdue
$ CS_NOW='2026-11-23 10:30' cs-ticket ls -o id --due-within 1h -g 挂起
T2
$ CS_NOW='2026-11-23 12:00' cs-ticket reopen T2 >/dev/null
$ cs-ticket ls -o id,first_response_due -g 挂起
T2	2026-11-23T11:00:00+08:00
$ CS_NOW='2026-11-23 12:05' cs-ticket reply -m 您好 T2 >/dev/null
$ cs-ticket ls -o id,breached -g 挂起
T2	response
$ sqlite3 "$CS_DB" "select response_secs from ticket where id = 2"
7500
EOF2

t 'resolved without any reply: a response breach in the listing and the report' <<'EOF2'
$ cs-ticket new -C 13800138000 inquiry 没回复就解决 >/dev/null
$ CS_NOW='2026-11-23 10:20' cs-ticket resolve T3 >/dev/null
$ cs-ticket ls -o id,status,breached -g 没回复
T3	resolved	response
$ CS_NOW='2026-11-23 10:30' cs-report sla --day 2026-11-23 -o group,tickets,response_met,breaches
inquiry	3	50.0	1
all	3	50.0	1
EOF2

done_testing
