#!/bin/sh
# Whose tickets are an agent's: cs-report sla -g agent counts the
# tickets an agent held at the clock, else the ones the agent resolved
# first, as cs-report agents does; the demo's tickets are its agents'.
. "$(dirname "$0")/lib.sh"

t 'sla -g agent and agents agree on who resolved a ticket never assigned' <<'EOF2'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 没人领的 >/dev/null
$ CS_NOW='2026-11-23 10:10' CS_AGENT=bob cs-ticket reply -m 您好 T1 >/dev/null
$ CS_NOW='2026-11-23 10:20' CS_AGENT=bob cs-ticket resolve T1 >/dev/null
$ cs-ticket new -C 13800138000 inquiry 领了的 >/dev/null
$ cs-ticket assign alice T2 >/dev/null
$ CS_NOW='2026-11-23 10:30' cs-ticket reply -m 您好 T2 >/dev/null
$ CS_NOW='2026-11-23 10:40' cs-ticket resolve T2 >/dev/null
$ cs-ticket new -C 13800138000 inquiry 还没人管 >/dev/null
$ CS_NOW='2026-11-23 11:00' cs-report sla -g agent -o group,tickets,resolved
-	1	0
alice	1	1
bob	1	1
all	3	2
$ CS_NOW='2026-11-23 11:00' cs-report agents -o agent,handled
alice	1
bob	1
EOF2

t 'the demo desk: its tickets are its agents'"'"', not all under -' <<'EOF2'
$ CS_DEMO_DIR=$PWD/demo sh "$TOP/scripts/demo" "$BIN" > demo.out 2> demo.err; echo $?
0
$ CS_NOW='2026-11-23 09:40' CS_DB=demo/cs.db CS_CONF=demo/cs.conf CS_AGENT=wang cs-report sla -g agent -o group | sort
-
all
li
wang
zhao
EOF2

done_testing
