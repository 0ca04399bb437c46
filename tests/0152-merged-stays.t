#!/bin/sh
# A duplicate merged into another stays closed: reopening it, replying
# to it or calling it back is refused with the survivor named, since the
# customer's problem goes on there; a note is still taken, and merging
# it again changes nothing.
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

done_testing
