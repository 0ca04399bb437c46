#!/bin/sh
# cs-escalate: the ladder, the incident report, acknowledgements, and
# the cron sweep that is safe to run twice and two at once.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent dave role manager
CONF

t 'raise a ticket up the ladder; the ticket shows it' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
$ cs-escalate raise -l 1 -r 客户情绪激动 T1
E1
$ cs-escalate ls
E1	T1	1		open	alice	2026-11-23T12:00:00+08:00	客户情绪激动
$ cs-ticket assign bob T1 >/dev/null
$ cs-escalate raise -l 2 -r 不接受道歉 T1
E2
$ cs-escalate ls -o id,level,status,owner
E2	2	open	supervisor
$ cs-escalate ls -A -o id,level,status,owner
E1	1	superseded	alice
E2	2	open	supervisor
$ cs-ticket show T1 | grep '^escalation '
escalation   E2 level 2, supervisor, open (ack by 2026-11-23 12:00)
EOF

t 'a level is above the current one; level 3 takes an incident report' <<'EOF'
$ cs-escalate raise -l 2 -r 再次升级 T1
! cs-escalate: T1 is at level 2 already (E2)
? 65
$ cs-escalate raise -l 3 -r 经理处理 T1
! cs-escalate: E2 has no incident report: write one with cs-escalate report E2 before level 3
? 65
$ printf '经过：客服在通话中态度生硬。\n处理：主管已致电道歉。\n' | CS_AGENT=carol cs-escalate report E2
E2
$ cs-escalate show E2 | sed -n '/^incident report/,/^$/p'
incident report
    经过：客服在通话中态度生硬。
    处理：主管已致电道歉。

$ cs-escalate raise -l 3 -r 经理处理 T1
E3
$ cs-ticket new -C 13800138000 inquiry 咨询退票
T2
$ cs-escalate raise -l 3 -r 直接找经理 T2
! cs-escalate: T2: level 3 needs a level-2 escalation with an incident report
? 65
EOF

t 'the owner, its role or a boss acknowledges; level 3 is the manager' <<'EOF'
$ cs-escalate raise -l 1 -r 需要回电 T2
E4
$ CS_AGENT=bob cs-escalate ack E4
! cs-escalate: E4: bob may not acknowledge it (owner alice)
? 77
$ cs-escalate ack E4
E4
$ cs-escalate ack E4
! cs-escalate: E4 is acked: only an open escalation is acknowledged
? 65
$ CS_AGENT=carol cs-escalate ack E3
! cs-escalate: E3: carol may not acknowledge it (owner manager)
? 77
$ CS_AGENT=dave cs-escalate ack E3
E3
$ cs-escalate resolve -m 已回电解决 E4
E4
$ cs-escalate ls -A -T T2 -o id,status,acked,resolved
E4	resolved	2026-11-23T10:00:00+08:00	2026-11-23T10:00:00+08:00
$ cs-report audit -o action,detail E4
escalation.raise	{"ticket":"T2","level":1,"owner":"alice","reason":"需要回电"}
escalation.ack	{"by":"alice","solve_by":"2026-11-23T12:00:00+08:00"}
escalation.resolve	{"by":"alice","note":"已回电解决"}
EOF

t 'departments: configured ones only; listings pipe into raise' <<'EOF'
$ cs-escalate raise -D legal -r 法务 T2
! cs-escalate: unknown department "legal" (tech finance logistics arbitration)
? 65
$ cs-ticket new -C 13800138000 technical 无法登录 >/dev/null
$ cs-ticket new -C 13800138000 technical 同步失败 >/dev/null
$ cs-ticket ls -t technical -o id,subject | cs-escalate raise -D tech -r 转技术支持
E5
E6
$ cs-escalate ls -D tech -o id,ticket,department,owner,due
E5	T3	tech	tech	2026-11-23T12:00:00+08:00
E6	T4	tech	tech	2026-11-23T12:00:00+08:00
$ cs-escalate raise -D tech -a nobody -r x T3
! cs-escalate: nobody: not an agent, queue or role
? 65
EOF

t 'bad input: usage, unknown and wrong IDs, closed tickets, text' <<'EOF'
$ cs-escalate raise -r 原因 T1
! cs-escalate: raise: give a level (-l) or a department (-D)
! usage: cs-escalate raise -l level | -D department -r reason [-a owner] [ID ...]
? 64
$ cs-escalate raise -l 2 T1
! cs-escalate: raise: give the reason (-r)
! usage: cs-escalate raise -l level | -D department -r reason [-a owner] [ID ...]
? 64
$ cs-escalate raise -l 4 -r x T1
! cs-escalate: raise: -l 4: levels are 1 (agent), 2 (supervisor) and 3 (manager)
? 64
$ cs-escalate raise -l 1 -r x T99
! cs-escalate: T99: no such ticket
? 66
$ cs-escalate raise -l 1 -r x O3
! cs-escalate: O3 is an order, not a ticket
? 65
$ cs-escalate ack T1
! cs-escalate: T1 is a ticket, not an escalation
? 65
$ cs-escalate ack E99
! cs-escalate: E99: no such escalation
? 66
$ cs-ticket close T2 >/dev/null
$ cs-escalate raise -l 1 -r x T2
! cs-escalate: T2 is closed: reopen it before escalating
? 65
$ cs-escalate raise -l 1 -r "$(printf 'bad\377')" T3
! cs-escalate: invalid UTF-8 in reason
? 65
$ cs-escalate report -m '' E5
! cs-escalate: empty incident report
? 65
$ cs-escalate report E5 E6
! usage: cs-escalate report [-m text] ID
? 64
$ cs-escalate ls -s done
! cs-escalate: -s done: not a status (open acked resolved superseded)
? 64
$ cs-escalate ls -A | wc -l
6
EOF

t 'the ladder from the configuration; it reads back' <<'EOF'
$ cp cs.conf l.conf && printf 'queue oncall\nladder 1 1h\nladder 2 30m carol\ndepartment security 15m manager\nnotify echo hi\nwarn-before 10m\nidle none\nidle resolved 1d channel=email\nscore response 50 resolve 50\n' >> l.conf
$ cs-report -c l.conf config | grep -E '^(ladder|department|notify|warn-before|idle|score)'
ladder 1 1h
ladder 2 30m carol
ladder 3 2h manager
department tech 2h tech
department finance 2h finance
department logistics 2h logistics
department arbitration 2h arbitration
department security 15m manager
notify echo hi
warn-before 10m
idle resolved 1d channel=email
score response 50 resolve 50 satisfaction 0 reopen 0
score-split practice 70 theory 30
$ cs-report -c l.conf config > again.conf && cs-report -c again.conf config | tail -n +2 > b && cs-report -c l.conf config | tail -n +2 > a && cmp a b && echo same
same
$ cs-ticket -c l.conf new -C 13800138000 inquiry 安全问题 >/dev/null
$ { cs-escalate -c l.conf raise -D security -r 账号被盗 T5 && cs-escalate -c l.conf raise -l 2 -r 升级 T5; } 2>&1
E7
hi
E8
hi
$ cs-escalate ls -T T5 -o id,department,level,owner,due
E7	security		manager	2026-11-23T10:15:00+08:00
E8		2	carol	2026-11-23T10:30:00+08:00
EOF

t 'configuration errors name the file and line, and exit 78' <<'EOF'
$ for l in 'ladder 4 2h' 'ladder 1 soon' 'ladder 1 2h ../x' 'ladder' 'department' 'department .x 2h' 'department tech never' 'notify' 'warn-before' 'warn-before -5m' 'idle closed 1h' 'idle open 1h colour=red' 'idle open 1h channel=fax' 'idle open' 'score response 101' 'score response 0' 'score speed 10' 'score response'; do printf '%s\n' "$l" > bad.conf; cs-report -c bad.conf config >/dev/null; echo "$?"; done 2>&1
cs-report: bad.conf:1: ladder 4: levels are 1, 2 and 3
78
cs-report: bad.conf:1: ladder 1 soon: not a duration
78
cs-report: bad.conf:1: ladder: bad owner "../x"
78
cs-report: bad.conf:1: usage: ladder LEVEL DURATION [OWNER] [solve=DURATION] [24x7]
78
cs-report: bad.conf:1: usage: department NAME DURATION [OWNER] [solve=DURATION] [24x7]
78
cs-report: bad.conf:1: department: bad name ".x"
78
cs-report: bad.conf:1: department tech never: not a duration
78
cs-report: bad.conf:1: usage: notify COMMAND [ARG...]
78
cs-report: bad.conf:1: usage: warn-before DURATION (0 for none)
78
cs-report: bad.conf:1: usage: warn-before DURATION (0 for none)
78
cs-report: bad.conf:1: usage: idle open|pending|resolved DURATION [category=C] [channel=W], or idle none
78
cs-report: bad.conf:1: idle: colour=red: no such match
78
cs-report: bad.conf:1: idle: channel=fax: no such match
78
cs-report: bad.conf:1: usage: idle open|pending|resolved DURATION [category=C] [channel=W], or idle none
78
cs-report: bad.conf:1: score response 101: a weight is 0 to 100
78
cs-report: bad.conf:1: score: the weights add up to 0
78
cs-report: bad.conf:1: usage: score response N resolve N satisfaction N reopen N
78
cs-report: bad.conf:1: usage: score response N resolve N satisfaction N reopen N
78
EOF

done_testing
