#!/bin/sh
# The incident report (事故报告) is written by the owner of level 2 or a
# role of report-roles (built in, supervisor and admin): the manager it
# goes to reads what the level below found.  Anyone else is refused
# (77), and nothing changes.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent dave role manager
CONF

t 'only the level-2 owner or a report role writes the incident report' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint 客服态度恶劣
T1
$ cs-escalate raise -l 1 -r 先自行处理 T1
E1
$ dbhash > h0
$ cs-escalate report -m 经过 E1
! cs-escalate: E1: alice may not write its incident report (report-roles supervisor,admin)
? 77
$ cs-escalate raise -l 2 -r 客户不接受道歉 T1
E2
$ dbhash > h0
$ cs-escalate report -m 经过 E2
! cs-escalate: E2: alice may not write its incident report (level-2 owner supervisor; report-roles supervisor,admin)
? 77
$ printf '经过\n' | CS_AGENT=dave cs-escalate report E2
! cs-escalate: E2: dave may not write its incident report (level-2 owner supervisor; report-roles supervisor,admin)
? 77
$ dbhash h0
unchanged
$ CS_AGENT=carol cs-escalate report -m 经过：主管已致电道歉。 E2
E2
$ CS_AGENT=root cs-escalate report -m 经过：主管已致电道歉，客户仍不接受。 E2
E2
$ cs-report audit -o agent,action E2 | grep report
carol	escalation.report
root	escalation.report
EOF

t 'a level-2 owner by name, report-roles from the configuration, a flagged level 3' <<'EOF'
$ printf 'ladder 2 2h bob\nreport-roles manager\n' >> cs.conf
$ cs-report config | grep '^report-roles'
report-roles manager
$ cs-ticket new -C 13800138001 -N 李四 -k quality complaint 态度问题
T2
$ cs-escalate raise -l 2 -r 主管处理 T2
E3
$ CS_AGENT=carol cs-escalate report -m 经过 E3
! cs-escalate: E3: carol may not write its incident report (level-2 owner bob; report-roles manager)
? 77
$ CS_AGENT=bob cs-escalate report -m 经过 E3
E3
$ CS_AGENT=dave cs-escalate report -m 经过，经理补充 E3
E3
$ cs-ticket resolve T1 T2 >/dev/null
$ cs-ticket new -C 13800138002 -N 王五 -k quality complaint 无人理睬
T3
$ CS_NOW='2026-11-23 10:31' cs-escalate sweep | grep ^E | cut -f1-3
E4	T3	1
$ CS_NOW='2026-11-23 12:32' cs-escalate sweep | grep ^E | cut -f1-3
E5	T3	2
$ CS_NOW='2026-11-23 14:33' cs-escalate sweep | grep ^E | cut -f1-3
E6	T3	3
$ cs-escalate ls -l 3 -o id,flag,report_by
E6	no incident report	bob
$ dbhash > h0
$ cs-escalate report -m 经过 E6
! cs-escalate: E6: alice may not write its incident report (level-2 owner bob; report-roles manager)
? 77
$ dbhash h0
unchanged
$ CS_AGENT=bob cs-escalate report -m 经过：无人接听。 E6
E6
$ cs-escalate ls -l 3 -o id,flag,report_by
E6		bob
EOF

t 'report-roles takes roles only' <<'EOF'
$ printf 'report-roles boss\n' > bad.conf && cs-report -c bad.conf config
! cs-report: bad.conf:1: usage: report-roles ROLE[,ROLE...]
? 78
EOF

done_testing
