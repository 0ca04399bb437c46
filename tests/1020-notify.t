#!/bin/sh
# The notify command, at least once: an escalation is marked notified
# only once its command exited 0.  A sweep (or a raise) killed while the
# command runs leaves a claim that expires, and a later sweep tells
# again; a claim holds while its command runs, so a second sweep leaves
# it; a failing command is tried again after a wait, then shown failed.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/tell.sh" <<'SH'
echo "$CS_ESCALATION $CS_TICKET attempt $CS_ATTEMPT" >> told.log
SH

t 'a sweep killed by its notify command: the next sweep tells again' <<'EOF'
$ for i in 1 2 3; do cs-ticket new -C 13800138000 -N 张三 -k quality complaint "投诉 $i"; done
T1
T2
T3
$ cp cs.conf good.conf && echo 'notify sh tell.sh' >> good.conf
$ cp cs.conf kill.conf && echo 'notify sh tell.sh; kill -9 $PPID' >> kill.conf
$ CS_CONF=kill.conf CS_NOW='2026-11-23 10:40' cs-escalate sweep; echo "exit $?"
E1	T1	1	first response overdue since 2026-11-23 10:30
E2	T2	1	first response overdue since 2026-11-23 10:30
E3	T3	1	first response overdue since 2026-11-23 10:30
exit 137
! Killed
$ cat told.log
E1 T1 attempt 1
$ cs-escalate ls --unnotified -o id,notify,attempts
E1	claimed	1
E2	pending	0
E3	pending	0
$ CS_CONF=good.conf CS_NOW='2026-11-23 10:41' cs-escalate sweep
$ cat told.log
E1 T1 attempt 1
E2 T2 attempt 1
E3 T3 attempt 1
$ cs-escalate ls --unnotified -o id,notify,attempts
E1	claimed	1
$ CS_CONF=good.conf CS_NOW='2026-11-23 10:47' cs-escalate sweep
$ tail -n 1 told.log
E1 T1 attempt 2
$ cs-escalate ls --unnotified
$ cs-escalate ls -o id,notify,attempts,notify_error
E1	done	2	
E2	done	1	
E3	done	1	
$ CS_CONF=good.conf CS_NOW='2026-11-23 11:00' cs-escalate sweep
$ cut -d' ' -f1 told.log | sort -u | wc -l
3
EOF

t 'a raise killed by its notify command is told by a later sweep' <<'EOF'
$ CS_CONF=kill.conf cs-escalate raise -D tech -r 系统故障 T2; echo "exit $?"
E4
exit 137
! Killed
$ cs-escalate show E4 | grep -E '^(notify|attempts)'
notify     claimed
attempts   1
$ CS_CONF=good.conf CS_NOW='2026-11-23 10:05' cs-escalate sweep
$ tail -n 1 told.log
E4 T2 attempt 1
$ CS_CONF=good.conf CS_NOW='2026-11-23 10:07' cs-escalate sweep
$ tail -n 1 told.log
E4 T2 attempt 2
$ cs-escalate show E4 | grep -E '^(notify|attempts)'
notify     done
attempts   2
EOF

t 'a dry run tells nobody and claims nothing' <<'EOF'
$ cs-ticket new -C 13800138000 -k quality complaint 再次投诉
T4
$ CS_CONF=good.conf CS_NOW='2026-11-23 10:40' cs-escalate sweep -n
E5	T4	1	first response overdue since 2026-11-23 10:30
$ grep T4 told.log | wc -l
0
$ cs-escalate ls --unnotified
EOF

t 'a claim holds while its command runs: a second sweep leaves it' <<'EOF'
$ for i in $(seq 6); do cs-ticket new -C 13800138000 -k quality complaint "慢 $i"; done | tail -n 1
T10
$ cp cs.conf slow.conf && echo 'notify echo "start $CS_ESCALATION" >> slow.log; sleep 1; echo "end $CS_ESCALATION" >> slow.log' >> slow.conf
$ (CS_CONF=slow.conf CS_NOW='2026-11-23 10:40' cs-escalate sweep > a & sleep 0.5; CS_CONF=slow.conf CS_NOW='2026-11-23 10:40' cs-escalate sweep > b & wait)
$ grep -c start slow.log
7
$ grep start slow.log | sort | uniq -d
$ grep end slow.log | sort | uniq -d
$ cs-escalate ls --unnotified
EOF

t 'a failing command is tried again after a wait, then shown failed' <<'EOF'
$ export CS_DB=f.db; cs-ticket new -C 13900139000 -N 李四 inquiry 通知失败
T1
$ cp cs.conf fail.conf && echo 'notify exit 3' >> fail.conf
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 11:01' cs-escalate sweep
E1	T1	1	first response overdue since 2026-11-23 11:00
! cs-escalate: notify E1: exit status 3; the next sweep tries again
? 1
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 11:02' cs-escalate sweep
! cs-escalate: notify E1: exit status 3; a sweep from 2026-11-23 11:07 tries again
? 1
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 11:06' cs-escalate sweep
$ CS_DB=f.db cs-escalate ls --unnotified -o id,notify,attempts,notify_error
E1	retry	2	exit status 3
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 11:07' cs-escalate sweep
! cs-escalate: notify E1: exit status 3; a sweep from 2026-11-23 11:22 tries again
? 1
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 11:22' cs-escalate sweep
! cs-escalate: notify E1: exit status 3; a sweep from 2026-11-23 12:22 tries again
? 1
$ export CS_DB=f.db CS_CONF=fail.conf; CS_NOW='2026-11-23 12:22' cs-escalate sweep
! cs-escalate: notify E1: exit status 3; attempt 5 of 5: given up (cs-escalate ls --unnotified)
? 1
$ export CS_DB=f.db CS_CONF=good.conf; CS_NOW='2026-11-23 12:30' cs-escalate sweep
$ grep -c 'E1 T1' told.log
2
$ CS_DB=f.db cs-escalate ls --unnotified -o id,ticket,status,notify,attempts,notify_error
E1	T1	open	failed	5	exit status 3
EOF

t 'without a notify command nothing is left pending' <<'EOF'
$ cs-ticket new -C 13800138000 -k quality complaint 无人通知
T11
$ CS_NOW='2026-11-23 10:40' cs-escalate sweep
E12	T11	1	first response overdue since 2026-11-23 10:30
$ cs-escalate ls -T T11 -o id,notify,attempts
E12	done	0
EOF

done_testing
