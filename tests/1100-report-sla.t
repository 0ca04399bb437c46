#!/bin/sh
# cs-report sla, agents, hotspots, volume, refunds: figures checked
# against a small desk worked out by hand, and a report "as of" a past
# moment that does not change with what happens afterwards.
#
# The desk on Monday 2026-11-23, with two policies on the 24x7 clock:
#   inquiries respond 1h resolve 4h, everything else respond 2h resolve 1d
#   T1 inquiry   09:00  alice replies 09:30 (met, 30m), resolves 11:00
#                       (met, 2h); call-back 4 at 16:30
#   T2 inquiry   09:00  bob replies 10:30 (late, 1h30m), resolves 14:00
#                       (late: due 13:00; 5h); call-back 2 at 15:00;
#                       reopened 16:00
#   T3 complaint 10:00  alice replies 11:00 (met, 1h), pending 12:00 to
#                       15:00, resolves 16:00 (met; 6h less 3h waiting =
#                       3h); call-back 5 at 16:45
#   T4 complaint 10:00  nobody replies: response due 12:00 is missed;
#                       assigned to alice 12:30, raised to level 2 at 13:00
#   T5 inquiry   12:00  nobody: response due 13:00 and resolution due
#                       16:00 are both missed by 17:00
# As of 17:00:
#   complaint  2 tickets; response 1 of 2 met = 50.0%; resolution 1 of 1
#              known met = 100.0% (T4 is due tomorrow); 1 breach (T4);
#              response p50 = p90 = 1h; resolution p50 = p90 = 3h
#   inquiry    3 tickets; response 1 of 3 = 33.3%; resolution 1 of 3 =
#              33.3%; 2 breaches (T2, T5); response times 30m, 1h30m:
#              p50 30m (nearest rank 1 of 2), p90 1h30m; resolution 2h,
#              5h: p50 2h, p90 5h
#   all        5 tickets; response 2 of 5 = 40.0%; resolution 2 of 4 =
#              50.0%; 3 breaches; response 30m 1h 1h30m: p50 1h, p90
#              1h30m; resolution 2h 3h 5h: p50 3h, p90 5h
# Agents (weights 25 25 30 20):
#   alice  handled T1 T3; 2 replies; first responses 30m, 1h (p50 30m),
#          both met; resolutions 2h, 3h (p50 2h) both met; call-backs 4
#          and 5: 4.50; nothing reopened (T3 only came back from
#          pending); 1 escalation (T4 was hers when raised); score
#          25 + 25 + 30 * 3.5/4 + 20 = 96.25 -> 96.3
#   bob    handled T2; 1 reply; 1h30m late; 5h late; call-back 2: 2.00;
#          reopened 1 of 1 = 100.0%; score 30 * 1/4 = 7.5
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
sla quick category=inquiry respond 1h resolve 4h calendar 24x7
sla slow respond 2h resolve 1d calendar 24x7
CONF

t 'the desk of the day, as in the comment above' <<'EOF'
$ at() { CS_NOW="2026-11-23 $1" CS_AGENT=$2; shift 2; "$@" >/dev/null; }
> at 09:00 alice cs-ticket new -C 13800138000 -N 张三 inquiry 如何退票
> at 09:00 alice cs-ticket new -C 13900139000 -N 李四 inquiry 退款未到账
> at 10:00 alice cs-ticket new -C 13800138000 -k quality complaint 客服态度恶劣
> at 10:00 alice cs-ticket new -C 13700137000 -N 王五 -k business complaint 退款未到账
> at 12:00 alice cs-ticket new -C 13700137000 inquiry 如何退票
> at 09:30 alice cs-ticket reply -m 您好 T1
> at 11:00 alice cs-ticket resolve T1
> at 16:30 alice cs-ticket callback -s 4 T1
> at 10:30 bob cs-ticket reply -m 您好 T2
> at 14:00 bob cs-ticket resolve T2
> at 15:00 bob cs-ticket callback -s 2 T2
> at 16:00 bob cs-ticket reopen T2
> at 11:00 alice cs-ticket reply -m 您好 T3
> at 12:00 alice cs-ticket pend T3
> at 15:00 alice cs-ticket reopen T3
> at 16:00 alice cs-ticket resolve T3
> at 16:45 alice cs-ticket callback -s 5 T3
> at 12:30 alice cs-ticket assign alice T4
> at 13:00 carol cs-escalate raise -l 2 -r 客户要求主管回电 T4
$ cs-ticket ls -o id,status,sla
T1	resolved	quick
T2	open	quick
T3	resolved	slow
T4	open	slow
T5	open	quick
EOF

t 'sla by category, worked out by hand' <<'EOF'
$ CS_NOW='2026-11-23 17:00' cs-report -H sla --day 2026-11-23
group	tickets	response_met	resolve_met	breaches	response_p50	response_p90	resolve_p50	resolve_p90
complaint	2	50.0	100.0	1	1h	1h	3h	3h
inquiry	3	33.3	33.3	2	30m	1h30m	2h	5h
all	5	40.0	50.0	3	1h	1h30m	3h	5h
$ CS_NOW='2026-11-23 17:00' cs-report sla --day 2026-11-23 -g agent -o group,tickets,breaches
-	1	1
alice	3	1
bob	1	1
all	5	3
$ CS_NOW='2026-11-23 17:00' cs-report sla --day 2026-11-23 -g kind -o group,tickets,responded,resolved -j
{"group":"-","tickets":3,"responded":2,"resolved":2}
{"group":"business","tickets":1,"responded":0,"resolved":0}
{"group":"quality","tickets":1,"responded":1,"resolved":1}
{"group":"all","tickets":5,"responded":3,"resolved":3}
EOF

t 'earlier in the day the same tickets read as they stood then' <<'EOF'
$ CS_NOW='2026-11-23 12:30' cs-report sla --day today -o group,tickets,response_met,resolve_met,breaches
complaint	2	50.0		1
inquiry	3	50.0	100.0	1
all	5	50.0	100.0	2
EOF

t 'agents, worked out by hand' <<'EOF'
$ CS_NOW='2026-11-23 17:00' cs-report -H agents --day 2026-11-23
agent	handled	replies	response_p50	response_met	resolve_p50	resolve_met	satisfaction	callbacks	reopened	escalations	score
alice	2	2	30m	100.0	2h	100.0	4.50	2	0.0	1	96.3
bob	1	1	1h30m	0.0	5h	0.0	2.00	1	100.0	0	7.5
$ printf 'score response 50 resolve 50 satisfaction 0 reopen 0\n' >> cs.conf
$ CS_NOW='2026-11-23 17:00' cs-report agents --day 2026-11-23 -o agent,score
alice	100.0
bob	0.0
$ sed -i '$d' cs.conf
EOF

t 'volume by hour and hot spots against the day before' <<'EOF'
$ CS_NOW='2026-11-23 17:00' cs-report volume -b hour --day today | sed -n '9,14p'
2026-11-23 08:00	0	0
2026-11-23 09:00	2	0
2026-11-23 10:00	2	2
2026-11-23 11:00	0	0
2026-11-23 12:00	1	0
2026-11-23 13:00	0	0
$ CS_NOW='2026-11-23 17:00' cs-report volume -b hour --day today | wc -l
18
$ at() { CS_NOW="2026-11-22 $1" CS_AGENT=alice; shift; "$@" >/dev/null; }
> at 09:00 cs-ticket new -C 13800138000 inquiry 如何退票
> at 10:00 cs-ticket new -C 13800138000 inquiry 如何退票
> at 11:00 cs-ticket new -C 13800138000 inquiry 如何退票
> at 12:00 cs-ticket new -C 13800138000 inquiry 会员如何升级
$ CS_NOW='2026-11-23 23:59' cs-report hotspots --day 2026-11-23 -n 2
category	inquiry	3	4	-1	-25.0
category	complaint/business	1	0	1	
subject	如何退票	2	3	-1	-33.3
subject	退款未到账	2	0	2	
$ CS_NOW='2026-11-23 23:59' cs-report hotspots --day 2026-11-23 -t complaint -o dimension,value,tickets
category	complaint/business	1
category	complaint/quality	1
subject	客服态度恶劣	1
subject	退款未到账	1
$ CS_NOW='2026-11-23 23:59' cs-report volume --since 2026-11-21 --until 2026-11-24
2026-11-21	0	0
2026-11-22	4	0
2026-11-23	5	2
EOF

t 'a report as of 17:00 reads the same after the evening has happened' <<'EOF'
$ report() { CS_NOW='2026-11-23 17:00' cs-report "$@" --day 2026-11-23; }
> for g in category agent queue channel; do report sla -g $g; done > before
> report agents >> before; report hotspots >> before; report volume >> before
$ at() { CS_NOW="2026-11-23 $1" CS_AGENT=$2; shift 2; "$@" >/dev/null; }
> at 18:00 bob cs-ticket reply -m 您好 T5
> at 18:05 bob cs-ticket pend T4
> at 18:10 bob cs-ticket reopen T4
> at 18:15 bob cs-ticket assign frontline T4
> at 18:20 bob cs-ticket assign bob T5
> at 18:30 bob cs-ticket resolve T4 T5 T2
> at 18:40 bob cs-ticket reopen T1
> at 18:45 alice cs-ticket resolve T1
> at 18:50 bob cs-ticket callback -s 1 T5
> at 19:00 alice cs-ticket new -C 13800138000 inquiry 晚上来电
> at 19:30 carol cs-escalate sweep
$ report() { CS_NOW='2026-11-23 17:00' cs-report "$@" --day 2026-11-23; }
> for g in category agent queue channel; do report sla -g $g; done > after
> report agents >> after; report hotspots >> after; report volume >> after
$ cmp before after && wc -l < after
20
$ CS_NOW='2026-11-23 20:00' cs-report sla --day today -o group,tickets,resolve_met
complaint	2	100.0
inquiry	4	33.3
all	6	60.0
EOF

t 'bad periods and groups are usage errors' <<'EOF'
$ cs-report sla --day someday
! cs-report: sla: --day someday: not a time
? 64
$ cs-report sla --day today --since -1d
! cs-report: sla: a period is --since/--until or one of --day, --week and --month
! usage: cs-report sla [-g category|kind|queue|agent|tier|channel] [--since time] [--until time] [--day|--week|--month date] [--chart]
? 64
$ cs-report sla --day today --week today
! cs-report: sla: one of --day, --week and --month
! usage: cs-report sla [-g category|kind|queue|agent|tier|channel] [--since time] [--until time] [--day|--week|--month date] [--chart]
? 64
$ cs-report sla -g colour
! cs-report: -g colour: group by category, kind, queue, agent, tier or channel
? 64
$ cs-report volume -b minute
! cs-report: -b minute: by day or hour
? 64
$ cs-report hotspots -n 0
! cs-report: hotspots: -n 0: too small
? 64
$ cs-report hotspots -t complaints
! cs-report: -t complaints: not a category
? 64
$ cs-report sla --since 2026-13-01
! cs-report: --since 2026-13-01: month out of range
? 64
$ cs-report volume --since 2000-01-01 --until 2060-01-01 -b hour
! cs-report: the period has more than 10000 hours
? 64
$ cs-report sla -o group,colour
! cs-report: -o: unknown column "colour"
! columns: group tickets response_met resolve_met breaches response_p50 response_p90 resolve_p50 resolve_p90 responded resolved satisfaction satisfied fcr
? 64
EOF

t 'charts draw bars in eighths of a cell, on a terminal or in mail' <<'EOF'
$ CS_NOW='2026-11-23 17:00' cs-report sla --day 2026-11-23 --chart -g channel
phone  response_met  ████████████████                          40.0%
       resolve_met   ████████████████████                      50.0%
all    response_met  ████████████████                          40.0%
       resolve_met   ████████████████████                      50.0%
$ CS_NOW='2026-11-23 17:00' cs-report volume -b hour --day today --chart | sed -n '10,13p'
2026-11-23 09:00  ████████████████████████████████████████  2
2026-11-23 10:00  ████████████████████████████████████████  2
2026-11-23 11:00                                            0
2026-11-23 12:00  ████████████████████                      1
$ CS_NOW='2026-11-23 17:00' cs-report sla --day 2026-11-23 --chart | sed -n 3p
inquiry    response_met  █████████████▍                            33.3%
EOF

done_testing
