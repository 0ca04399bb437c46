#!/bin/sh
# The audit trail under tampering: each change to a copy of the database
# is found at the first record it touched; a cut tail and a rewritten
# chain are not, but the anchor of cs(7) finds both.
. "$(dirname "$0")/lib.sh"

t 'a trail of tickets, replies, an order import and a refund verifies' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好
T1
$ cs-ticket reply -m 您好，请问有什么可以帮您 T1
T1
$ cs-ticket new -C 13900139000 -N 李四 -k quality complaint 态度差
T2
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\nG1\tgoods\t99.90\tpaid\t13900139000\n' >> o.tsv
$ cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
O1
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-3d\nG1\tTX2\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
P2
$ cs-refund request -r cancellation ref:G1 full
R1
$ cs-ticket reply -m 已为您办理退款 T2
T2
$ cs-ticket resolve T2
T2
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
EOF

sqlite_t 'the trail is all in the file, to be copied' 'its WAL' <<'EOF'
$ [ -s cs.db-wal ] || echo 'nothing in the WAL: a copy of cs.db holds the trail'
nothing in the WAL: a copy of cs.db holds the trail
EOF

sqlite_t 'one changed byte in a detail breaks the chain at that record' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set detail = replace(detail, '204.95', '204.96') where seq = 6; select changes()"
1
$ cs-report -d x.db audit -o seq,detail O1 | head -n 1
6	{"ref":"E100","kind":"rail","status":"issued","amount":"204.96","currency":"CNY"}
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 6 of 12
? 65
EOF

sqlite_t 'a byte hidden after a NUL in a detail breaks the chain at that record' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set detail = detail || char(0) || 'x' where seq = 5; select changes(), length(cast(detail as blob)) > length(detail) from audit where seq = 5"
1|1
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 5 of 12
? 65
EOF

sqlite_t 'a NULL or a number where the trail keeps text is a broken link, not a crash' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "create table a2 as select * from audit; drop table audit; alter table a2 rename to audit; update audit set detail = NULL where seq = 3; select changes()"
1
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 3 of 12
? 65
$ cp cs.db y.db
$ sqlite3 y.db "create table a2 as select * from audit; drop table audit; alter table a2 rename to audit; update audit set record = 7 where seq = 2; select changes()"
1
$ cs-report -d y.db audit --verify
! cs-report: audit: the chain is broken at record 2 of 12
? 65
EOF

sqlite_t 'a record deleted in the middle breaks the chain where it was' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "delete from audit where seq = 7; select changes()"
1
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 7 of 11
? 65
EOF

sqlite_t 'two records swapped, seq kept, break the chain at the first of them' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "create temp table s as select * from audit where seq in (4, 9);
> update audit set (at, user, agent, program, action, record, detail, prev, hash) =
> (select at, user, agent, program, action, record, detail, prev, hash from s where s.seq = 13 - audit.seq)
> where seq in (4, 9)"
$ sqlite3 x.db "select seq, record, action from audit where seq in (4, 9)"
4|O2|order.payment
9|C2|customer.new
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 4 of 12
? 65
EOF

sqlite_t 'a changed agent breaks the chain at that record, even the first' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set agent = 'bob' where seq = 1; select changes()"
1
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 1 of 12
? 65
EOF

sqlite_t 'a changed time breaks the chain at that record, even the last' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set at = at - 60 where seq = 12; select changes()"
1
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 12 of 12
? 65
EOF

sqlite_t 'with several changes the first one is named' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ sqlite3 x.db "update audit set agent = 'bob' where seq in (3, 10); select changes()"
2
$ cs-report -d x.db audit --verify
! cs-report: audit: the chain is broken at record 3 of 12
? 65
EOF

sqlite_t 'a cut tail leaves the chain intact; only the last hash kept before shows it' 'a copy of its file edited with sqlite3' <<'EOF'
$ cp cs.db x.db
$ cs-report -d x.db audit --verify > before
$ sqlite3 x.db "delete from audit where seq > 10; select changes()"
2
$ cs-report -d x.db audit --verify > after; echo $?
0
$ sed 's/last [0-9a-f]\{64\}$/last HASH/' after
audit: 10 records, chain intact, last HASH
$ cs-report -d cs.db audit --verify > again
$ for f in again after; do
> 	if [ "$(sed 's/.* last //' before)" = "$(sed 's/.* last //' $f)" ]; then
> 		echo "$f: same last hash"
> 	else
> 		echo "$f: the last hash changed: the trail was cut"
> 	fi
> done
again: same last hash
after: the last hash changed: the trail was cut
EOF

# The anchor script of cs(7), its ssh writing to a directory here.
sqlite_t 'the anchor of cs(7) passes a growing trail and stops a cut one' 'a copy of its file edited with sqlite3' <<'EOF'
$ awk '/^\.Ss Anchoring the audit trail/ { s = 1; next } /^\.S[sh] / { s = 0 }
> s && /^\.Bd -literal/ { b = 1; n = 0; next } b && /^\.Ed/ { b = 0; next }
> b && n++ == 0 && $0 != "#!/bin/sh" { b = 0 } b { gsub(/\\e/, "\\"); print }' "$TOP/man/cs.7" > anchor
$ sed -n '1p;$p' anchor
#!/bin/sh
echo "$line" | ssh "$host" "cat >> $log"
$ mkdir bin loghost && printf '#!/bin/sh\nshift\ncd "$(dirname "$0")/../loghost" && exec sh -c "$*"\n' > bin/ssh && chmod +x bin/ssh
$ cp cs.db a.db
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/a.db sh anchor | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
$ CS_DB=$PWD/a.db cs-ticket reply -m 还有什么可以帮您 T1
T1
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/a.db sh anchor | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 13 records, chain intact, last HASH
$ sed 's/last [0-9a-f]\{64\}$/last HASH/' loghost/cs-audit.log
audit: 12 records, chain intact, last HASH
audit: 13 records, chain intact, last HASH
$ sqlite3 a.db "delete from audit where seq = 13; select changes()"
1
$ cs-report -d a.db audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/a.db sh anchor 2>&1 | sed 's/[0-9a-f]\{64\}/HASH/'; wc -l < loghost/cs-audit.log
cs-audit-anchor: record 13 is no longer HASH: the trail was cut or rewritten
2
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/a.db sh anchor 2>/dev/null; echo $?
65
EOF

sqlite_t 'a chain rewritten with its hashes recomputed verifies; the anchor stops it' 'a copy of its file edited with sqlite3' <<'EOF'
$ rm -f loghost/cs-audit.log && cp cs.db r.db
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/r.db sh anchor >/dev/null; echo $?
0
$ sqlite3 r.db "update audit set detail = replace(detail, '204.95', '2.95') where seq = 6; select changes()"
1
$ s=6; while [ $s -le 12 ]; do
> 	sqlite3 r.db "update audit set prev = (select hash from audit where seq = $s - 1) where seq = $s"
> 	h=$(printf %s "$(sqlite3 r.db "select length(cast(seq || ' ' || at as blob)) || ':' || seq || ' ' || at ||
> 	    length(cast(user as blob)) || ':' || user || length(cast(agent as blob)) || ':' || agent ||
> 	    length(cast(program as blob)) || ':' || program || length(cast(action as blob)) || ':' || action ||
> 	    length(cast(record as blob)) || ':' || record || length(cast(detail as blob)) || ':' || detail ||
> 	    length(cast(prev as blob)) || ':' || prev ||
> 	    coalesce(length(cast(state as blob)) || ':' || state, '') from audit where seq = $s")" | sha256sum | cut -c 1-64)
> 	sqlite3 r.db "update audit set hash = '$h' where seq = $s"
> 	s=$((s + 1))
> done
$ cs-report -d r.db audit -o seq,detail O1 | head -n 1
6	{"ref":"E100","kind":"rail","status":"issued","amount":"2.95","currency":"CNY"}
$ cs-report -d r.db audit --verify | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 12 records, chain intact, last HASH
$ PATH=$PWD/bin:$PATH CS_DB=$PWD/r.db sh anchor 2>&1 | sed 's/[0-9a-f]\{64\}/HASH/'
cs-audit-anchor: record 12 is no longer HASH: the trail was cut or rewritten
EOF

done_testing
