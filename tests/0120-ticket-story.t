#!/bin/sh
# cs-ticket log and show: a ticket's whole story in time order, with its
# deadlines and what its escalations, disputes and incidents recorded.
. "$(dirname "$0")/lib.sh"

t 'an imported ticket opens before its reply; deadlines, dispute, escalation, incident in time order' <<'EOF'
$ printf 'subject\tcustomer_phone\tcustomer_name\tcategory\tkind\tchannel\tcreated_at\n商品破损\t13800138000\t张三\tcomplaint\tquality\tphone\t2026-11-20 09:15\n' > a.tsv
$ cs-ticket import -q a.tsv
$ CS_NOW='2026-11-20 09:30' cs-ticket reply -q -m 您好，已记录。 T1
$ cs-order customer add -q -N 好店 -p 13900139000 -r seller
$ CS_AGENT=fin cs-order add -q -C C1 -T TXTB1 goods 99 TB1
$ CS_NOW='2026-11-20 10:00' cs-ticket dispute open -q -P C2 -O ref:TB1 T1
$ CS_NOW='2026-11-20 11:00' cs-escalate raise -q -l 1 -r 买家投诉 T1
$ CS_NOW='2026-11-20 12:00' cs-escalate incident open -q -s high -D tech 支付故障
$ CS_NOW='2026-11-20 12:30' cs-escalate incident link -q N1 T1
$ cs-ticket log -o record,at,agent,action,detail T1
T1	2026-11-20T09:15:00+08:00	alice	ticket.new	{"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"商品破损"}
T1	2026-11-20T09:30:00+08:00	alice	ticket.reply	{"reply":1,"first_response":"yes"}
T1	2026-11-20T09:45:00+08:00		due.first_response	{"sla":"quality-complaint","met":"yes"}
D1	2026-11-20T10:00:00+08:00	alice	dispute.open	{"ticket":"T1","order":"O1","customer":"C1","counterparty":"C2","role":"seller"}
E1	2026-11-20T11:00:00+08:00	alice	escalation.raise	{"ticket":"T1","level":1,"owner":"alice","reason":"买家投诉"}
T1	2026-11-20T11:15:00+08:00		due.resolve	{"sla":"quality-complaint","met":"no"}
N1	2026-11-20T12:00:00+08:00	alice	incident.open	{"title":"支付故障","severity":"high","departments":"tech"}
T1	2026-11-20T12:30:00+08:00	alice	ticket.incident	{"incident":"N1"}
$ cs-ticket show T1 | sed -n '/^sla/,/^resolve by/p;/^history/,$p'
sla          quality-complaint
respond by   2026-11-20 09:45
responded    2026-11-20 09:30
resolve by   2026-11-20 11:15
history
AT                RECORD  AGENT  ACTION              DETAIL
2026-11-20 09:15  T1      alice  ticket.new          {"customer":"C1","category":"complaint","kind":"quality","priority":"normal","channel":"phone","subject":"商品破损"}
2026-11-20 09:30  T1      alice  ticket.reply        {"reply":1,"first_response":"yes"}
2026-11-20 09:45  T1             due.first_response  {"sla":"quality-complaint","met":"yes"}
2026-11-20 10:00  D1      alice  dispute.open        {"ticket":"T1","order":"O1","customer":"C1","counterparty":"C2","role":"seller"}
2026-11-20 11:00  E1      alice  escalation.raise    {"ticket":"T1","level":1,"owner":"alice","reason":"买家投诉"}
2026-11-20 11:15  T1             due.resolve         {"sla":"quality-complaint","met":"no"}
2026-11-20 12:00  N1      alice  incident.open       {"title":"支付故障","severity":"high","departments":"tech"}
2026-11-20 12:30  T1      alice  ticket.incident     {"incident":"N1"}
$ cs-ticket show -j T1 | grep -o '"sla":"quality-complaint","first_response_due":"[^"]*","update_due":null,"resolve_due":"[^"]*","breached":null,"merged_into":null}$'
"sla":"quality-complaint","first_response_due":"2026-11-20T09:45:00+08:00","update_due":null,"resolve_due":"2026-11-20T11:15:00+08:00","breached":null,"merged_into":null}
$ cs-ticket show -j T1 | grep -o '"action":"due.resolve","detail":{[^}]*},"record":"T1"'
"action":"due.resolve","detail":{"sla":"quality-complaint","met":"no"},"record":"T1"
EOF

done_testing
