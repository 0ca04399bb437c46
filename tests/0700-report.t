#!/bin/sh
# cs-report: the audit trail, its verification, the configuration.
. "$(dirname "$0")/lib.sh"

t 'a missing database is 66 and nothing is created' <<'EOF'
$ cs-report -d none.db audit --verify
! cs-report: none.db: no such database (nothing has been recorded yet)
? 66
$ ls
cs.conf
EOF

t 'the trail lists every change; the chain verifies' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好 >/dev/null
$ cs-ticket close T1 >/dev/null
$ cs-report audit -o seq,record,agent,action
1	C1	alice	customer.new
2	T1	alice	ticket.new
3	T1	alice	ticket.close
$ cs-report audit -o seq T1
2
3
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 3 records, chain intact, last HASH
EOF

t 'an edited, deleted or reordered record breaks the chain' <<'EOF'
$ sqlite3 "$CS_DB" "update audit set agent = 'bob' where seq = 2"
$ cs-report audit --verify
! cs-report: audit: the chain is broken at record 2 of 3
? 65
$ sqlite3 "$CS_DB" "update audit set agent = 'alice' where seq = 2"
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 3 records, chain intact, last HASH
$ sqlite3 "$CS_DB" "delete from audit where seq = 3"
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 2 records, chain intact, last HASH
$ sqlite3 "$CS_DB" "delete from audit where seq = 1"
$ cs-report audit --verify
! cs-report: audit: the chain is broken at record 1 of 1
? 65
EOF

t 'config prints the effective configuration, which reads back' <<'EOF'
$ cs-report config | sed -n '2,3p'
timezone Asia/Shanghai
agent-env yes
$ cs-report config | grep '^fee rail band'
fee rail band 0 20.00%
fee rail band 1d 10.00%
fee rail band 2d 5.00%
fee rail band 8d 0.00%
$ cs-report config > again.conf && cs-report -c again.conf config | tail -n +2 > b && cs-report config | tail -n +2 > a && cmp a b && echo same
same
EOF

t 'calendars print back with their holidays and make-up days' <<'EOF'
$ printf 'agent-env yes\ncalendar office\ninclude %s/data/holidays-cn-2026.conf\ncalendar shop\nzone Asia/Hong_Kong\nhours sat-sun 10:00-12:00 14:00-20:00\n' "$TOP" > cal.conf
$ cs-report -c cal.conf config | grep -E '^(calendar|zone|holiday 2026-10-0[17]|workday 2026-10|hours (sat|mon))'
calendar 24x7 24x7
zone Asia/Shanghai
calendar office
zone Asia/Shanghai
hours mon 09:00-12:00 13:00-18:00
hours sat
holiday 2026-10-01 国庆节
holiday 2026-10-07 国庆节
workday 2026-10-10 09:00-12:00 13:00-18:00
calendar shop
zone Asia/Hong_Kong
hours mon
hours sat 10:00-12:00 14:00-20:00
$ cs-report -c cal.conf config > again.conf && cs-report -c again.conf config | tail -n +2 > b && cs-report -c cal.conf config | tail -n +2 > a && cmp a b && echo same
same
EOF

done_testing
