#!/bin/sh
# A department's fix reaches the desk: when the technical contact
# resolves its escalation, the ticket's holder is told, the ticket shows
# "fixed, customer not yet told" until the next reply to the customer,
# and cs-ticket ls --fixed lists exactly those tickets.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
agent tess role tech
notify echo "$CS_EVENT $CS_ESCALATION $CS_TICKET owner=$CS_OWNER dept=$CS_DEPARTMENT: $CS_REASON" >> notified
CONF

t 'the technical contact fixes it: the holder hears, the ticket shows it' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 technical 文件无法同步 >/dev/null
$ cs-ticket new -C 13800138000 technical 下载失败 >/dev/null
$ cs-ticket new -C 13800138000 technical 上传失败 >/dev/null
$ cs-ticket assign bob T1 T2 >/dev/null
$ cs-escalate raise -D tech -r 同步服务异常 T1 T2 T3
E1
E2
E3
$ CS_AGENT=tess cs-escalate ack E1
E1
$ CS_NOW='2026-11-23 11:00' CS_AGENT=tess cs-escalate resolve -m 已修复同步服务 E1 E3
E1
E3
$ grep fixed notified
fixed E1 T1 owner=bob dept=tech: tech fixed it: tell the customer
fixed E3 T3 owner=agent dept=tech: tech fixed it: tell the customer
$ cs-ticket show T1 | grep '^fixed'
fixed        fixed, customer not yet told (tech E1 2026-11-23 11:00)
$ cs-ticket show T2 | grep -c '^fixed' || true
0
$ cs-ticket ls --fixed -o id,assignee
T1	bob
T3	
$ cs-ticket log T1 -o record,action | grep -v '	due\.' | tail -2
E1	escalation.resolve
T1	ticket.fixed
EOF

t 'the next reply to the customer tells them; a note does not' <<'EOF'
$ CS_AGENT=bob cs-ticket note -m 已确认修复 T1 >/dev/null
$ cs-ticket ls --fixed -o id
T1
T3
$ CS_AGENT=bob CS_NOW='2026-11-23 11:10' cs-ticket reply -m 您好，同步问题已修复，请您重试。 T1
T1
$ cs-ticket ls --fixed -o id
T3
$ cs-ticket show T1 | grep -c '^fixed' || true
0
EOF

t 'a ladder escalation solved is no fix of a department; a failed notice is tried again' <<'EOF'
$ cs-escalate raise -l 1 -r 回电 T2 >/dev/null
$ CS_AGENT=bob cs-escalate resolve E4
E4
$ cs-ticket ls --fixed -o id
T3
$ cp cs.conf fail.conf && echo 'notify exit 3' >> fail.conf
$ CS_AGENT=tess cs-escalate -c fail.conf resolve E2
E2
! cs-escalate: notify E2: exit status 3; the next sweep tries again
? 1
$ cs-escalate ls -A --unnotified -o id,notify
E2	retry
$ CS_NOW='2026-11-23 11:30' cs-escalate sweep
$ grep -c 'fixed E2 T2 owner=bob' notified
1
EOF

done_testing
