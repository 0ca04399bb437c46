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

done_testing
