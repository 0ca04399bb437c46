#!/bin/sh
# cs-escalate sweep: what cron runs every few minutes.  Breaches go one
# level up the ladder, each once; unacknowledged escalations go up; idle
# tickets close; the notify command hears of each new escalation.  Run
# twice, the second run does nothing; two at once never double up.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
notify sh notify.sh
CONF
cat > "$TMP/notify.sh" <<'SH'
echo "$CS_ESCALATION $CS_TICKET level=$CS_LEVEL dept=$CS_DEPARTMENT owner=$CS_OWNER due=$CS_DUE $CS_SUBJECT: $CS_REASON" >> notified.log
echo "this goes to stderr, not the sweep's output"
SH

t 'nothing due: nothing done, nothing printed' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 如何退票
T1
$ cs-ticket new -C 13800138000 -k quality complaint 客服态度恶劣
T2
$ cs-ticket new -C 13800138000 -w chat inquiry 在线咨询
T3
$ CS_NOW='2026-11-23 10:05' cs-ticket pend T3
T3
$ cs-escalate sweep
$ cs-escalate ls -A
EOF

t 'an idle chat waiting on the customer is closed' <<'EOF'
$ CS_NOW='2026-11-23 10:20' cs-escalate sweep
	T3		closed: pending 10m with no word
$ CS_NOW='2026-11-23 10:20' cs-escalate sweep
$ cs-ticket ls -s closed -o id,status
T3	closed
EOF

t 'a missed first response goes to level 1; twice in a row is once' <<'EOF'
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep -n
E1	T2	1	first response overdue since 2026-11-23 10:30
$ cs-escalate ls -A
$ test -e notified.log || echo no notify on a dry run
no notify on a dry run
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep 2>err
E1	T2	1	first response overdue since 2026-11-23 10:30
$ cat err
this goes to stderr, not the sweep's output
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep
$ cat notified.log
E1 T2 level=1 dept= owner=agent due=2026-11-23T12:40:00+08:00 客服态度恶劣: first response overdue since 2026-11-23 10:30
$ cs-ticket ls -t complaint -o id,breached
T2	response
$ sed -i '/stderr/d' notify.sh
EOF

t 'breaches and unacknowledged escalations go one level up, together' <<'EOF'
$ CS_NOW='2026-11-23 12:41' cs-escalate sweep
E2	T1	1	first response overdue since 2026-11-23 11:00
E3	T2	2	resolution overdue since 2026-11-23 12:00; E1 not acknowledged by agent since 2026-11-23 12:40
$ CS_NOW='2026-11-23 12:41' cs-escalate sweep
$ cs-escalate ls -o id,ticket,level,status,owner,cause
E2	T1	1	open	agent	response
E3	T2	2	open	supervisor	resolve,E1
$ cs-ticket ls -o id,breached -s open
T1	response
T2	response,resolve
EOF

t 'an acknowledged escalation waits to be solved; level 3 is the top' <<'EOF'
$ CS_NOW='2026-11-23 14:00' CS_AGENT=carol cs-escalate ack E3
E3
$ CS_NOW='2026-11-23 15:01' cs-escalate sweep
E4	T1	2	E2 not acknowledged by agent since 2026-11-23 15:00
$ printf '处理经过\n' | CS_AGENT=carol cs-escalate report E3 >/dev/null
$ CS_NOW='2026-11-23 15:05' CS_AGENT=carol cs-escalate raise -l 3 -r 升级经理 T2
E5
$ CS_NOW='2026-11-23 17:02' cs-escalate sweep
E6	T1	3	E4 not acknowledged by supervisor since 2026-11-23 17:01
$ CS_NOW='2026-11-24 17:00' cs-escalate sweep
$ cs-escalate ls -o id,ticket,level,owner
E5	T2	3	manager
E6	T1	3	manager
EOF

t 'a failed notify is reported, exit 1, and tried again next time' <<'EOF'
$ cs-ticket new -C 13800138000 -k business complaint 退款未到账 >/dev/null
$ mv notify.sh good.sh && echo 'exit 3' > notify.sh
$ CS_NOW='2026-11-23 12:05' cs-escalate sweep
E7	T4	1	first response overdue since 2026-11-23 12:00
! cs-escalate: notify E7: exit status 3; the next sweep tries again
? 1
$ mv good.sh notify.sh
$ CS_NOW='2026-11-23 12:06' cs-escalate sweep
$ tail -n 1 notified.log | cut -d' ' -f1-3
E7 T4 level=1
EOF

t 'the warning window escalates before the deadline, once' <<'EOF'
$ echo 'warn-before 30m' >> cs.conf
$ cs-ticket new -C 13800138000 -k quality complaint 再次投诉 >/dev/null
$ CS_NOW='2026-11-23 10:05' cs-escalate sweep
E8	T5	1	first response due 2026-11-23 10:30
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep
$ cs-ticket ls -o id,breached -g 再次投诉
T5	response
EOF

t 'resolved tickets with no answer close after an hour' <<'EOF'
$ CS_NOW='2026-11-23 11:00' cs-ticket resolve T5 >/dev/null
$ CS_NOW='2026-11-23 11:59' cs-escalate sweep
$ CS_NOW='2026-11-23 12:00' cs-escalate sweep -o ticket,reason
T5	closed: resolved 1h with no word
EOF

t 'the sweep output as JSON' <<'EOF'
$ cs-ticket new -C 13800138000 -k quality complaint 第三次投诉 >/dev/null
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep -j
{"escalation":"E9","ticket":"T6","level":1,"reason":"first response overdue since 2026-11-23 10:30"}
EOF

t 'two sweeps at once never escalate the same thing twice' <<'EOF'
$ for i in $(seq 40); do echo "13800138000	inquiry	咨询 $i"; done | awk -F'\t' 'BEGIN { print "customer_phone\tcategory\tsubject" } { print }' | cs-ticket import -q
$ (CS_NOW='2026-11-23 11:30' cs-escalate sweep > a & CS_NOW='2026-11-23 11:30' cs-escalate sweep > b & wait)
$ cat a b | wc -l
41
$ cat a b | cut -f2 | sort -u | wc -l
41
$ cat a b | grep -c 'T6	2	resolution due 2026-11-23 12:00'
1
$ sqlite3 "$CS_DB" "select count(*), count(distinct ticket_id) from escalation where ticket_id > 6"
40|40
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

done_testing
