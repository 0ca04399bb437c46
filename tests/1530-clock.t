#!/bin/sh
# The clock a change is stamped by: CS_NOW only where cs.conf says
# `clock-env yes' (the test desk says `replay'), and never before the
# last audit record, nor, from CS_NOW, in the future; dates on input that
# cannot be are refused with what was wrong.
. "$(dirname "$0")/lib.sh"

printf 'agent-env yes\nagent alice role agent\nagent carol role supervisor\n' > "$TMP/plain.conf"
printf 'agent-env yes\nclock-env yes\nagent alice role agent\nagent carol role supervisor\n' > "$TMP/yes.conf"

t 'a plain configuration stamps a change with the real clock, whatever CS_NOW says' <<'EOF'
$ cs-report -c plain.conf config | grep clock-env
clock-env no
$ date +%s > before
$ CS_NOW='2026-01-01 00:00' cs-ticket -c plain.conf -d p.db new -C 13800138000 -N 张三 inquiry 你好
T1
$ CS_NOW='9999-12-31 00:00' cs-ticket -c plain.conf -d p.db reply -m 您好 T1
T1
$ date +%s > after
$ sqlite3 p.db "select count(*) from ticket where created_at between $(cat before) and $(cat after) and first_response_at between $(cat before) and $(cat after)"
1
$ sqlite3 p.db "select count(*) from audit where at between $(cat before) and $(cat after)"
3
EOF

t 'a report on a plain desk still reads CS_NOW as "as of"' <<'EOF'
$ CS_NOW='2026-01-01 00:00' cs-report -c plain.conf -d p.db volume --day today -o tickets
0
$ env -u CS_NOW cs-report -c plain.conf -d p.db volume --day today -o tickets
1
EOF

t 'a reply stamped before its ticket existed: the clock going back is refused' <<'EOF'
$ cs-ticket -c yes.conf new -C 13800138000 -N 张三 inquiry 你好
T1
$ dbhash > h
$ CS_NOW='2026-11-23 09:00' cs-ticket -c yes.conf reply -m 您好 T1
! cs-ticket: the clock says 2026-11-23 09:00, before audit record 2 (2026-11-23 10:00): the trail's times do not go back
? 65
$ dbhash h
unchanged
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nG1\tgoods\t99.90\tpaid\t13800138000\n' | CS_NOW='2026-11-23 09:59:59' cs-order -c yes.conf import
! cs-order: stdin:2: the clock says 2026-11-23 09:59, before audit record 2 (2026-11-23 10:00): the trail's times do not go back
? 65
$ CS_NOW='2026-11-23 09:00' CS_AGENT=carol cs-ticket -c yes.conf -U show T1 > /dev/null
! cs-ticket: the clock says 2026-11-23 09:00, before audit record 2 (2026-11-23 10:00): the trail's times do not go back
? 65
$ dbhash h
unchanged
$ cs-ticket -c yes.conf reply -m 您好 T1
T1
$ cs-report audit -o seq,at,action | tail -n 1
3	2026-11-23T10:00:00+08:00	ticket.reply
EOF

t 'a change stamped in year 9999 by CS_NOW is refused' <<'EOF'
$ dbhash > h
$ CS_NOW='9999-12-31 00:00' cs-ticket -c yes.conf new -C 13800138000 inquiry 未来 2>&1 | sed 's/real clock ([^)]*)/real clock (NOW)/'
cs-ticket: calendar office: no holidays known for 9999 (its data ends with 2026)
cs-ticket: CS_NOW 9999-12-31 00:00: more than a day after the real clock (NOW): a change cannot be stamped in the future
$ dbhash h
unchanged
EOF

t 'dates on input that cannot be: a ticket, an order or a payment of year 9999' <<'EOF'
$ dbhash > h
$ printf 'customer_phone\tcategory\tsubject\tcreated_at\n13800138000\tinquiry\t咨询\t9999-12-31\n' | cs-ticket import
! cs-ticket: stdin:2: created time is in the future
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcreated_at\tservice_at\nG1\tgoods\t99.90\tpaid\t13800138000\t9999-12-31\t\nE1\trail\t99.90\tpaid\t13800138000\t\t9999-12-31 08:00\n' | cs-order import
! cs-order: stdin:2: created_at 9999-12-31 00:00: in the future (now is 2026-11-23 10:00)
! cs-order: stdin:3: service_at 9999-12-31 08:00: more than a year after now (2026-11-23 10:00)
? 65
$ dbhash h
unchanged
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tservice_at\nE1\trail\t99.90\tpaid\t13800138000\t2026-12-24 08:00\n' | cs-order import
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
O1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE1\tTX1\t99.90\t9999-12-31\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: paid_at 9999-12-31 00:00: in the future (now is 2026-11-23 10:00)
? 65
EOF

done_testing
