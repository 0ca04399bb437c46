#!/bin/sh
# The audit trail under tampering on PostgreSQL: the database edited
# behind the desk's back with psql, as tests/1500-audit-tamper.t and
# tests/1520-audit-rows.t edit a copy of the SQLite file.  The chain
# (--verify) names the first record a change touched, and the rows
# (--deep) a row edited, deleted or added, in the same words and with
# the same exit status as on SQLite.
#
# Each edit is made on a copy of the test's database, a database made
# from it as a template: "${CS_DB}_x" names the copy x, its name the
# test's with _x after it (CS_DB ends with dbname=).
. "$(dirname "$0")/lib.sh"
pg_only 'edits the PostgreSQL database of the run with psql'

# The copies are dropped with the test's database.
trap 'rm -rf "$ROOT"; for d in $(psql -X -At -d postgres -c "SELECT datname
    FROM pg_database WHERE datname LIKE '"'"'$CS_PGDB%'"'"'"); do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)"
    done > /dev/null' EXIT

# pgcopy NAME: the database copied as NAME (made anew).
cat > "$ROOT/bin/pgcopy" <<'SH'
#!/bin/sh
exec psql -X -q -v ON_ERROR_STOP=1 -d postgres \
    -c 'SET client_min_messages = warning' \
    -c "DROP DATABASE IF EXISTS ${CS_PGDB}_$1 WITH (FORCE)" \
    -c "CREATE DATABASE ${CS_PGDB}_$1 TEMPLATE $CS_PGDB"
SH
chmod +x "$ROOT/bin/pgcopy"

t 'the trail of tests/1500 on PostgreSQL verifies' <<'EOF'
$ cs-ticket new -q -C 13800138000 -N 张三 inquiry 你好
$ cs-ticket reply -q -m 您好，请问有什么可以帮您 T1
$ cs-ticket new -q -C 13900139000 -N 李四 -k quality complaint 态度差
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\nG1\tgoods\t99.90\tpaid\t13900139000\n' >> o.tsv
$ cs-order import -q o.tsv 2> /dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nG1\tTX2\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -q -r cancellation ref:G1 full
$ cs-ticket reply -q -m 已为您办理退款 T2
$ cs-ticket resolve -q T2
$ cs-report audit -o seq,record,agent,action
1	C1	alice	customer.new
2	T1	alice	ticket.new
3	T1	alice	ticket.reply
4	C2	alice	customer.new
5	T2	alice	ticket.new
6	O1	alice	order.new
7	O2	alice	order.new
8	O1	fin	order.payment
9	O2	fin	order.payment
10	R1	alice	refund.request
11	T2	alice	ticket.reply
12	T2	alice	ticket.resolve
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
$ pgcopy x && cs-report -d "${CS_DB}_x" audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
EOF

t 'one changed byte in a detail breaks the chain at that record' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "update audit set detail = replace(detail, '204.95', '204.96') where seq = 6"
$ cs-report -d "${CS_DB}_x" audit -o seq,detail O1 | head -n 1
6	{"ref":"E100","kind":"rail","status":"issued","amount":"204.96","currency":"CNY"}
$ cs-report -d "${CS_DB}_x" audit --verify
! cs-report: audit: the chain is broken at record 6 of 12
? 65
$ cs-report -d "${CS_DB}_x" audit --verify --deep
! cs-report: audit: the chain is broken at record 6 of 12
? 65
EOF

t 'a record deleted in the middle breaks the chain where it was' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "delete from audit where seq = 7"
$ cs-report -d "${CS_DB}_x" audit --verify
! cs-report: audit: the chain is broken at record 7 of 11
? 65
$ cs-report -d "${CS_DB}_x" audit --deep
! cs-report: audit: the chain is broken at record 7 of 11
? 65
EOF

t 'two records swapped, seq kept, break the chain at the first of them' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "create temp table s as select * from audit where seq in (4, 9);
> update audit set (at, \"user\", agent, program, action, record, detail, prev, hash) =
> (select at, \"user\", agent, program, action, record, detail, prev, hash from s where s.seq = 13 - audit.seq)
> where seq in (4, 9)"
$ sqlite3 "${CS_DB}_x" "select seq, record, action from audit where seq in (4, 9) order by seq"
4|O2|order.payment
9|C2|customer.new
$ cs-report -d "${CS_DB}_x" audit --verify
! cs-report: audit: the chain is broken at record 4 of 12
? 65
EOF

t 'with several changes the first one is named; the test database itself untouched' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "update audit set agent = 'bob' where seq in (3, 10)"
$ cs-report -d "${CS_DB}_x" audit --verify
! cs-report: audit: the chain is broken at record 3 of 12
? 65
$ cs-report audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
EOF

t 'a cut tail leaves the chain intact; only the last hash kept before shows it' <<'EOF'
$ pgcopy x
$ cs-report -d "${CS_DB}_x" audit --verify > before
$ sqlite3 "${CS_DB}_x" "delete from audit where seq > 10"
$ cs-report -d "${CS_DB}_x" audit --verify > after; echo $?
0
$ sed 's/last [0-9a-f]\{64\}$/last HASH/' after
audit: 10 records, chain intact, last HASH
$ [ "$(sed 's/.* last //' before)" = "$(sed 's/.* last //' after)" ] || echo 'the last hash changed: the trail was cut'
the last hash changed: the trail was cut
EOF

# The desk of tests/1520, on a database made again from the template.
t 'the desk of tests/1520 on PostgreSQL: every row as the trail left it' <<'EOF'
$ fresh-db
$ cs-ticket new -q -C 13800138000 -N 张三 inquiry 如何退票
$ CS_NOW='2026-11-23 10:05' cs-ticket reply -q -m 您好 T1
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\nG1\tgoods\t99.90\tpaid\t13800138000\n' >> o.tsv
$ CS_NOW='2026-11-23 10:10' cs-order import -q o.tsv 2> /dev/null
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nG1\tTX2\t99.90\t-1d\n' | CS_NOW='2026-11-23 10:10' CS_AGENT=fin cs-order import -P -q
$ CS_NOW='2026-11-23 10:20' cs-refund request -q -r cancellation ref:G1 full
$ CS_NOW='2026-11-23 10:30' cs-ticket resolve -q T1
$ cs-report audit --deep | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 9 records, chain intact, last HASH
audit: 7 rows as the trail left them
$ sqlite3 "$CS_DB" "select seq, record, state from audit where seq in (6, 9) order by seq" | sed 's/=[0-9a-f]\{64\}/=HASH/g'
6|O1|O1=HASH P1=HASH
9|T1|T1=HASH
EOF

t 'an edited refund amount: the chain holds, --deep names the refund' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "update refund set amount = 99900 where id = 1"
$ cs-report -d "${CS_DB}_x" audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 9 records, chain intact, last HASH
$ cs-report -d "${CS_DB}_x" audit --verify --deep
! cs-report: audit: refund R1: changed since audit record 8
! cs-report: audit: 1 row differs from the trail
? 65
EOF

t 'a row deleted: --deep names it' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "delete from refund where id = 1"
$ cs-report -d "${CS_DB}_x" audit --verify | cut -d, -f2
 chain intact
$ cs-report -d "${CS_DB}_x" audit --deep
! cs-report: audit: refund R1: gone since audit record 8
! cs-report: audit: 1 row differs from the trail
? 65
EOF

t 'a row added without the desk: --deep names it' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "insert into refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) values (1, 500, 0, 'approved', 'goodwill', 'k-x', 'alice', 0, 0)"
$ sqlite3 "${CS_DB}_x" "select id, amount from refund order by id"
1|9990
2|500
$ cs-report -d "${CS_DB}_x" audit --deep
! cs-report: audit: refund R2: added without an audit record
! cs-report: audit: 1 row differs from the trail
? 65
EOF

t 'a row deleted and a row added, an edited ticket, payment and order: each named, in order' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "insert into refund (order_id, amount, fee, status, reason, key, requested_by, created_at, updated_at) values (1, 500, 0, 'approved', 'goodwill', 'k-x', 'alice', 0, 0); delete from refund where id = 1"
$ cs-report -d "${CS_DB}_x" audit --deep
! cs-report: audit: refund R2: added without an audit record
! cs-report: audit: refund R1: gone since audit record 8
! cs-report: audit: 2 rows differ from the trail
? 65
$ pgcopy y
$ sqlite3 "${CS_DB}_y" "update ticket set status = 'closed' where id = 1; update payment set amount = 30000 where id = 2; update orders set amount = 1 where id = 1"
$ cs-report -d "${CS_DB}_y" audit --deep
! cs-report: audit: orders O1: changed since audit record 6
! cs-report: audit: payment P2: changed since audit record 7
! cs-report: audit: ticket T1: changed since audit record 9
! cs-report: audit: 3 rows differ from the trail
? 65
EOF

t 'an edited state in the trail breaks the chain at its record' <<'EOF'
$ pgcopy x
$ sqlite3 "${CS_DB}_x" "update audit set state = replace(state, 'R1=', 'R2=') where seq = 8"
$ cs-report -d "${CS_DB}_x" audit --deep
! cs-report: audit: the chain is broken at record 8 of 9
? 65
$ cs-report audit --deep | sed -n 2p
audit: 7 rows as the trail left them
EOF

done_testing
