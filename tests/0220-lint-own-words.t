#!/bin/sh
# The lint judges what the agent wrote, not the customer's words that a
# placeholder fills in; and one ticket does not hold back an incident's
# update to all the others.
. "$(dirname "$0")/lib.sh"

t 'a customer quoting a forbidden phrase in the subject' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k quality complaint '客服说这不归我管'
T1
$ cs-ticket new -C 13800138001 -N 李四 -k business complaint 无法支付
T2
$ cs-ticket new -C 13800138002 -N 王五 -k business complaint 支付失败
T3
EOF

t 'a templated reply quoting the subject goes out' <<'EOF'
$ cs-ticket reply -t progress T1
T1
$ sqlite3 "$CS_DB" "select body from reply where ticket_id = 1"
早上好，张三。您的工单 T1（客服说这不归我管）正在处理中，我们会继续跟进并及时告知您进展。
$ mkdir tpl && printf 'templates tpl\n' >> cs.conf
$ printf '关于“{subject}”：这不归我管。' > tpl/rude
$ cs-ticket reply -t rude T2
! cs-ticket: T2: reply contains the forbidden phrase "这不归我管"
? 65
$ printf '你问我{subject}我问谁' > tpl/around
$ cs-ticket reply -t around T2
T2
EOF

t 'an incident update reaches every ticket, the quoting one too' <<'EOF'
$ cs-escalate incident open -s high -D tech 支付系统故障
N1
$ cs-escalate incident link N1 T1 T2 T3
T1
T2
T3
$ cs-escalate incident update -t progress N1
T1
T2
T3
$ sqlite3 "$CS_DB" "select ticket_id, count(*) from reply group by 1 order by 1"
1|2
2|2
3|1
EOF

t 'a ticket the reply fails for alone is reported, the others go out, exit 1' <<'EOF'
$ awk 'BEGIN { for (i = 0; i < 21700; i++) printf "修"; printf "{subject}" }' > tpl/long
$ cs-ticket new -C 13800138003 -N 赵六 inquiry "$(awk 'BEGIN { for (i = 0; i < 160; i++) printf "长" }')"
T4
$ cs-escalate incident link N1 T4
T4
$ cs-escalate incident update -t long N1
T1
T2
T3
! cs-escalate: T4 not sent: reply longer than 65536 bytes
? 1
$ sqlite3 "$CS_DB" "select ticket_id, count(*) from reply group by 1 order by 1"
1|3
2|3
3|2
$ cs-report audit -o action,detail N1 | tail -1
incident.update	{"template":"long","tickets":3,"failed":1}
$ cs-report audit --verify | sed 's/last [0-9a-f]*$/last HASH/'
audit: 27 records, chain intact, last HASH
EOF

done_testing
