#!/bin/sh
# A duplicate merged into another stays closed: reopening it, replying
# to it or calling it back is refused with the survivor named, since the
# customer's problem goes on there; a note is still taken, and merging
# it again changes nothing.  A department's fix the duplicate's customer
# was not told of yet is told on the survivor, and of the ladder
# escalations the two had, the highest stands.
. "$(dirname "$0")/lib.sh"

t 'a merged duplicate is not reopened, replied to or called back' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 态度差
T1
$ cs-ticket new -C 13800138000 -k quality complaint 态度差重复
T2
$ CS_NOW='2026-11-23 10:05' cs-ticket merge T1 T2
T2
$ CS_NOW='2026-11-23 10:06' cs-ticket reopen T2
! cs-ticket: T2 was merged into T1: reopen T1 instead
? 65
$ CS_NOW='2026-11-23 10:06' cs-ticket reply -m 您好 T2
! cs-ticket: T2 was merged into T1: reply to T1 instead
? 65
$ CS_NOW='2026-11-23 10:06' cs-ticket callback -s 5 T2
! cs-ticket: T2 was merged into T1: call back T1 instead
? 65
$ CS_NOW='2026-11-23 10:07' cs-ticket note -m 客户来电已转T1 T2
T2
$ CS_NOW='2026-11-23 10:08' cs-ticket merge T1 T2
T2
$ cs-ticket ls -s open,closed -o id,status
T1	open
T2	closed
$ cs-ticket show T2 | grep '^merged_into '
merged_into  T1
$ cs-ticket log T2 | cut -f4 | grep ticket | sort | uniq -c | sed 's/^ *//'
1 ticket.merge
1 ticket.new
1 ticket.note
EOF

t 'the survivor takes them' <<'EOF'
$ CS_NOW='2026-11-23 10:10' cs-ticket reply -m 您好，我们正在处理 T1
T1
$ CS_NOW='2026-11-23 10:20' cs-ticket resolve T1
T1
$ CS_NOW='2026-11-23 10:30' cs-ticket callback -s 5 T1
T1
$ CS_NOW='2026-11-23 10:40' cs-ticket reopen T1
T1
EOF

cat >> "$CS_CONF" <<'CONF'
agent tess role tech
CONF

t 'a department fix on the duplicate is told on the survivor' <<'EOF'
$ cs-ticket new -C 13800138000 technical 无法登录
T3
$ cs-ticket new -C 13800138000 technical 无法登录重复
T4
$ cs-escalate raise -D tech -r 转技术 T4
E1
$ CS_NOW='2026-11-23 10:20' CS_AGENT=tess cs-escalate ack E1 >/dev/null
$ CS_NOW='2026-11-23 10:30' CS_AGENT=tess cs-escalate resolve -m 已修复 E1 >/dev/null
$ CS_NOW='2026-11-23 10:40' cs-ticket merge T3 T4
T4
$ cs-ticket show T3 | grep '^fixed'
fixed        fixed, customer not yet told (tech E1 2026-11-23 10:30)
$ cs-ticket ls --fixed -o id,status
T3	open
$ CS_NOW='2026-11-23 10:42' cs-ticket reply -m 您好，问题已修复 T3
T3
$ cs-ticket ls --fixed -o id,status
EOF

t 'the survivor keeps one live ladder escalation, the highest' <<'EOF'
$ cs-ticket new -C 13800138000 -k business complaint 退款慢
T5
$ cs-ticket new -C 13800138000 -k business complaint 退款慢重复
T6
$ cs-escalate raise -l 1 -r 客户着急 T5
E2
$ CS_AGENT=carol cs-escalate raise -l 2 -r 不接受道歉 T6
E3
$ CS_NOW='2026-11-23 10:30' cs-ticket merge T5 T6
T6
$ cs-escalate ls -A -o id,ticket,level,status,owner | grep -v '^E1'
E2	T5	1	superseded	alice
E3	T5	2	open	supervisor
$ cs-ticket log T5 | grep escalation.end | cut -f1,4,5
E2	escalation.end	{"by":"alice","why":"T6 merged into T5: E3 stands"}
$ cs-escalate ls -s superseded -o id,ticket | grep E2
E2	T5
EOF

t 'a chain of merges: the messages name the last survivor, its log has them all, a rerun is nothing' <<'EOF'
$ cs-ticket new -C 13800138000 inquiry 链一
T7
$ cs-ticket new -C 13800138000 inquiry 链二
T8
$ cs-ticket new -C 13800138000 inquiry 链三
T9
$ cs-ticket reply -q -m 收到一 T7
$ cs-ticket merge T8 T7
T7
$ cs-ticket merge T9 T8
T8
$ cs-ticket reply -m 你好 T7
! cs-ticket: T7 was merged into T8: reply to T9 instead
? 65
$ cs-ticket merge T8 T7
T7
$ cs-ticket log T9 | cut -f1,4 | grep -c '^T7'
3
EOF

t 'merged into a resolved ticket, a live escalation ends as the resolution ended its own' <<'EOF'
$ cs-ticket new -C 13800138000 inquiry 已解决
T10
$ cs-ticket new -C 13800138000 inquiry 又来催
T11
$ cs-ticket reply -q -m 好的 T10
$ cs-ticket resolve -q T10
$ CS_AGENT=carol cs-escalate raise -l 2 -r 催 T11
E4
$ CS_NOW='2026-11-23 11:00' cs-ticket merge T10 T11
T11
$ cs-escalate ls -A -o id,ticket,status -T T10
E4	T10	resolved
$ cs-escalate ls -o id
E3
EOF

done_testing
