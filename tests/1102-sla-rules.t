#!/bin/sh
# cs-report sla: each rule of a ticket's facts as of the clock M, pinned
# at moments around the events that change it, worked out by hand.  One
# policy for all, on the 24x7 clock: respond 1h, resolve 4h; each ticket
# is opened at 09:00 (response due 10:00, resolution due 13:00) and is
# alone in its category.  The rules ("by M" is at or before M):
#   response  known if replied by M, or due before M (strictly), or
#             resolved by M; met if replied by M, by its due, and not
#             after a first resolution made by M
#   resolve   known if first resolved by M, or its due is before M: the
#             first resolution's due when there is one (even if after
#             M), else the running one; met if resolved by M by its due
#   breaches  tickets with a known missed response or resolution
#   p50 p90   nearest rank of the times of those responded/resolved by M
#   SAT       the last call-back's score by M; satisfied: 4 or 5
#   fcr       of those first resolved by M: at most one reply by then,
#             and not reopened from resolved/closed by M
#
# Mon 23: T1 inquiry nothing; T2 complaint resolved 09:20, no reply; T3
# suggestion resolved 09:20, replied 09:40; T4 praise replied 10:30; T5
# technical replied 10:00.  Resolutions met (09:20 <= 13:00).
#   09:30  T2 T3 response missed (resolved unreplied; due still ahead);
#          T1 T4 T5 not known; all 0 of 2, 2 breaches
#   10:00  T1 T4 due 10:00 is not before 10:00: not known; T3's 09:40
#          reply is by its due but after its resolution: missed (40m);
#          T5 at its due: met (1h); all 1 of 3 = 33.3, times 40m 1h
#   10:01  T1 T4 missed: all 1 of 5 = 20.0, 4 breaches
#   10:45  T4 replied late: missed, 1h30m; all times 40m 1h 1h30m
# Tue 24: all replied 09:10 (met).  T6 inquiry resolved 12:00 (met, 3h);
# T7 complaint never; T8 suggestion resolved 15:00 (late: due 13:00,
# 6h), reopened 16:00 (running due now 20:00), resolved again 17:00.
#   12:00  T6 met; T7 T8 due 13:00 ahead: not known
#   14:00  T7 missed (running due 13:00); T8, resolved only at 15:00,
#          missed by its first due 13:00, not the running 20:00: 1 of 3
#   18:00  T8 resolved late: missed, 6h; times 3h 6h
# Wed 25: T9 inquiry and T10 complaint replied 09:10 (10m), resolved
# 10:00 (1h, one reply: fcr); call-backs T9 2 at 12:00 and 5 at 14:00,
# T10 4 at 13:00.
#   11:00 no score; 12:00 T9 2 (its 5 not yet); 13:30 T9 2, T10 4:
#   3.00, 50.0; 14:00 T9 5, T10 4: 4.50, 100.0
# Thu 26: replies at 09:10; T11 inquiry resolved 10:00, replied 10:30
# (after: one reply by its resolution); T12 complaint replied again
# 09:20, resolved 10:00 (two); T13 suggestion resolved 10:00, reopened
# 12:00; T14 technical pending 09:20, reopened 09:40 (from pending),
# resolved 10:00.
#   09:30 nothing resolved: no fcr; 11:00 T11 T13 T14 yes, T12 no:
#   75.0; 12:00 T13 reopened: 50.0.  Unstamped (first_contact NULL, an
#   old desk's): the replies and the trail's reopens give the same.
# Fri 27: bob replies to T15 inquiry (never assigned) at 09:10; T16
# complaint assigned to alice, T17 suggestion to the queue frontline at
# 09:05; bob resolves T15 T16 T17 at 10:00; T18 praise nothing.
#   -g agent: the holder at M, else (none, or a queue) who first
#   resolved it by M: 09:30 T16 alice, the rest -; 11:00 T15 T17 bob,
#   T16 alice, T18 -.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
sla flat respond 1h resolve 4h calendar 24x7
CONF

t 'the response: not known, known, missed when resolved unanswered, late' <<'EOF'
$ at() { CS_NOW="2026-11-23 $1"; shift; "$@" >/dev/null; }
> at 09:00 cs-ticket new -C 13800138000 -N 张三 inquiry 无人回复
> at 09:00 cs-ticket new -C 13800138000 -k quality complaint 未回复就解决
> at 09:00 cs-ticket new -C 13800138000 suggestion 解决后才回复
> at 09:00 cs-ticket new -C 13800138000 praise 迟到的回复
> at 09:00 cs-ticket new -C 13800138000 technical 到点回复
> at 09:20 cs-ticket resolve T2 T3
> at 09:40 cs-ticket reply -m 您好 T3
> at 10:00 cs-ticket reply -m 您好 T5
> at 10:30 cs-ticket reply -m 您好 T4
$ CS_NOW='2026-11-23 09:30' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches,response_p50,response_p90,responded
complaint	1	0.0	100.0	1			0
inquiry	1			0			0
praise	1			0			0
suggestion	1	0.0	100.0	1			0
technical	1			0			0
all	5	0.0	100.0	2			0
$ CS_NOW='2026-11-23 10:00' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches,response_p50,response_p90,responded
complaint	1	0.0	100.0	1			0
inquiry	1			0			0
praise	1			0			0
suggestion	1	0.0	100.0	1	40m	40m	1
technical	1	100.0		0	1h	1h	1
all	5	33.3	100.0	2	40m	1h	2
$ CS_NOW='2026-11-23 10:01' cs-report sla --day 2026-11-23 -o group,tickets,response_met,resolve_met,breaches,response_p50,response_p90,responded
complaint	1	0.0	100.0	1			0
inquiry	1	0.0		1			0
praise	1	0.0		1			0
suggestion	1	0.0	100.0	1	40m	40m	1
technical	1	100.0		0	1h	1h	1
all	5	20.0	100.0	4	40m	1h	2
$ CS_NOW='2026-11-23 10:45' cs-report sla --day 2026-11-23 -o group,tickets,response_met,breaches,response_p50,response_p90,responded
complaint	1	0.0	1			0
inquiry	1	0.0	1			0
praise	1	0.0	1	1h30m	1h30m	1
suggestion	1	0.0	1	40m	40m	1
technical	1	100.0	0	1h	1h	1
all	5	20.0	4	1h	1h30m	3
EOF

t 'the resolution: met, missed unresolved, missed by the first due before a late resolution' <<'EOF'
$ at() { CS_NOW="2026-11-24 $1"; shift; "$@" >/dev/null; }
> at 09:00 cs-ticket new -C 13800138000 inquiry 按时解决
> at 09:00 cs-ticket new -C 13800138000 -k quality complaint 一直没解决
> at 09:00 cs-ticket new -C 13800138000 suggestion 迟到的解决
> at 09:10 cs-ticket reply -m 您好 T6 T7 T8
> at 12:00 cs-ticket resolve T6
> at 15:00 cs-ticket resolve T8
> at 16:00 cs-ticket reopen T8
> at 17:00 cs-ticket resolve T8
$ cs-ticket ls -o id,status,resolve_due | grep '^T8'
T8	resolved	2026-11-24T20:00:00+08:00
$ CS_NOW='2026-11-24 12:00' cs-report sla --day 2026-11-24 -o group,tickets,response_met,resolve_met,breaches,resolve_p50,resolve_p90,resolved
complaint	1	100.0		0			0
inquiry	1	100.0	100.0	0	3h	3h	1
suggestion	1	100.0		0			0
all	3	100.0	100.0	0	3h	3h	1
$ CS_NOW='2026-11-24 14:00' cs-report sla --day 2026-11-24 -o group,tickets,response_met,resolve_met,breaches,resolve_p50,resolve_p90,resolved
complaint	1	100.0	0.0	1			0
inquiry	1	100.0	100.0	0	3h	3h	1
suggestion	1	100.0	0.0	1			0
all	3	100.0	33.3	2	3h	3h	1
$ CS_NOW='2026-11-24 18:00' cs-report sla --day 2026-11-24 -o group,tickets,response_met,resolve_met,breaches,resolve_p50,resolve_p90,resolved
complaint	1	100.0	0.0	1			0
inquiry	1	100.0	100.0	0	3h	3h	1
suggestion	1	100.0	0.0	1	6h	6h	1
all	3	100.0	33.3	2	3h	6h	2
EOF

t 'satisfaction: a call-back counts from when it is made, a later one replaces it' <<'EOF'
$ at() { CS_NOW="2026-11-25 $1"; shift; "$@" >/dev/null; }
> at 09:00 cs-ticket new -C 13800138000 inquiry 两次回访
> at 09:00 cs-ticket new -C 13800138000 -k quality complaint 一次回访
> at 09:10 cs-ticket reply -m 您好 T9 T10
> at 10:00 cs-ticket resolve T9 T10
> at 12:00 cs-ticket callback -s 2 T9
> at 13:00 cs-ticket callback -s 4 T10
> at 14:00 cs-ticket callback -s 5 T9
$ CS_NOW='2026-11-25 11:00' cs-report sla --day 2026-11-25 -o group,tickets,satisfaction,satisfied
complaint	1		
inquiry	1		
all	2		
$ CS_NOW='2026-11-25 12:00' cs-report sla --day 2026-11-25 -o group,tickets,satisfaction,satisfied
complaint	1		
inquiry	1	2.00	0.0
all	2	2.00	0.0
$ CS_NOW='2026-11-25 13:30' cs-report sla --day 2026-11-25 -o group,tickets,satisfaction,satisfied
complaint	1	4.00	100.0
inquiry	1	2.00	0.0
all	2	3.00	50.0
$ CS_NOW='2026-11-25 14:00' cs-report sla --day 2026-11-25 -o group,tickets,response_met,resolve_met,breaches,response_p50,response_p90,resolve_p50,resolve_p90,responded,resolved,satisfaction,satisfied,fcr
complaint	1	100.0	100.0	0	10m	10m	1h	1h	1	1	4.00	100.0	100.0
inquiry	1	100.0	100.0	0	10m	10m	1h	1h	1	1	5.00	100.0	100.0
all	2	100.0	100.0	0	10m	10m	1h	1h	2	2	4.50	100.0	100.0
EOF

t 'first-contact resolution: one reply, two, reopened after, stamped or not' <<'EOF'
$ at() { CS_NOW="2026-11-26 $1"; shift; "$@" >/dev/null; }
> at 09:00 cs-ticket new -C 13800138000 inquiry 一次解决
> at 09:00 cs-ticket new -C 13800138000 -k quality complaint 两次回复
> at 09:00 cs-ticket new -C 13800138000 suggestion 解决后重开
> at 09:00 cs-ticket new -C 13800138000 technical 等待后继续
> at 09:10 cs-ticket reply -m 您好 T11 T12 T13 T14
> at 09:20 cs-ticket reply -m 还有吗 T12
> at 09:20 cs-ticket pend T14
> at 09:40 cs-ticket reopen T14
> at 10:00 cs-ticket resolve T11 T12 T13 T14
> at 10:30 cs-ticket reply -m 补充 T11
> at 12:00 cs-ticket reopen T13
$ CS_NOW='2026-11-26 09:30' cs-report sla --day 2026-11-26 -o group,tickets,resolved,fcr
complaint	1	0	
inquiry	1	0	
suggestion	1	0	
technical	1	0	
all	4	0	
$ CS_NOW='2026-11-26 11:00' cs-report sla --day 2026-11-26 -o group,tickets,resolved,fcr | tee at11
complaint	1	1	0.0
inquiry	1	1	100.0
suggestion	1	1	100.0
technical	1	1	100.0
all	4	4	75.0
$ CS_NOW='2026-11-26 12:00' cs-report sla --day 2026-11-26 -o group,tickets,resolved,fcr | tee at12
complaint	1	1	0.0
inquiry	1	1	100.0
suggestion	1	1	0.0
technical	1	1	100.0
all	4	4	50.0
$ sqlite3 "$CS_DB" "UPDATE ticket SET first_contact = NULL WHERE id BETWEEN 11 AND 14"
$ sqlite3 "$CS_DB" "SELECT count(*) FROM ticket WHERE first_contact IS NULL AND id BETWEEN 11 AND 14"
4
$ CS_NOW='2026-11-26 11:00' cs-report sla --day 2026-11-26 -o group,tickets,resolved,fcr | diff at11 - && echo same
same
$ CS_NOW='2026-11-26 12:00' cs-report sla --day 2026-11-26 -o group,tickets,resolved,fcr | diff at12 - && echo same
same
EOF

t 'by agent: the holder, else who resolved it, a queue not an agent' <<'EOF'
$ at() { CS_NOW="2026-11-27 $1" CS_AGENT=$2; shift 2; "$@" >/dev/null; }
> at 09:00 alice cs-ticket new -C 13800138000 inquiry 无人认领
> at 09:00 alice cs-ticket new -C 13800138000 -k quality complaint 指派给alice
> at 09:00 alice cs-ticket new -C 13800138000 suggestion 指派给队列
> at 09:00 alice cs-ticket new -C 13800138000 praise 无人处理
> at 09:05 alice cs-ticket assign alice T16
> at 09:05 alice cs-ticket assign frontline T17
> at 09:10 bob cs-ticket reply -m 您好 T15
> at 10:00 bob cs-ticket resolve T15 T16 T17
$ CS_NOW='2026-11-27 09:30' cs-report sla --day 2026-11-27 -g agent -o group,tickets,resolved
-	3	0
alice	1	0
all	4	0
$ CS_NOW='2026-11-27 11:00' cs-report sla --day 2026-11-27 -g agent -o group,tickets,resolved
-	1	0
alice	1	1
bob	2	2
all	4	3
EOF

done_testing
