#!/bin/sh
# PostgreSQL (make check-pg, tests/run -p): what the backend adds to the
# door's guarantees.  A writer waits for the writers' advisory lock and
# gives up with 75 and nothing changed; IDs have no gaps; the schema's
# version is its table; messages name the database, not the string
# given; an empty database is made a desk by racing first writers, and
# another program's is refused.  On SQLite the file is skipped.
. "$(dirname "$0")/lib.sh"

if [ -z "$CS_PGDB" ]; then
	skip 'PostgreSQL backend' 'not a PostgreSQL run (make check-pg)'
	exit 0
fi

t 'a writer waiting past the lock timeout for another exits 75, nothing changed' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 inquiry 你好
T1
$ dbhash > h
$ psql -X -q -d "$CS_DB" -c BEGIN -c 'SELECT pg_advisory_xact_lock(7563000001)' -c 'SELECT pg_sleep(14)' -c COMMIT > /dev/null & sleep 2; cs-ticket reply -m 您好 T1 2> err; echo $?; sed "s/$CS_PGDB/DB/" err; wait
75
cs-ticket: postgresql:DB: database busy, try again
$ dbhash h
unchanged
$ cs-ticket reply -m 您好 T1
T1
EOF

t 'IDs have no gaps: an insert a constraint refused leaves none' <<'EOF'
$ cs-order customer add -N 李四 -p 13700137000
C2
$ cs-order customer add -N 赵六 -p 13700137000
! cs-order: 13700137000: another customer has this phone
? 65
$ cs-order customer add -N 赵六 -p 13600136000
C3
EOF

t 'the schema version is the one row of cs_version; amounts and times are bigint, JSON detail text' <<'EOF'
$ test "$(cs-report --version | sed 's/.*schema //')" = "$(sql "$CS_DB" 'SELECT version FROM cs_version')" && echo same
same
$ sql "$CS_DB" "SELECT data_type FROM information_schema.columns WHERE table_name = 'refund' AND column_name IN ('id', 'amount', 'created_at') GROUP BY 1; SELECT data_type FROM information_schema.columns WHERE table_name = 'audit' AND column_name = 'detail'"
bigint
text
EOF

t 'a password in the connection string is never printed' <<'EOF'
$ cs-report -d "host=$PGHOST user=cs password=s3cret dbname=nosuch" volume --day today 2>&1 | grep -c s3cret || :
0
$ cs-report -d "host=$PGHOST user=cs password=s3cret dbname=nosuch" volume --day today 2>/dev/null; echo $?
69
EOF

t 'changes are stamped by the clock, read from the server' <<'EOF'
$ printf 'agent-env yes\nagent alice role agent\n' > plain.conf
$ date +%s > before
$ CS_NOW='2026-01-01 00:00' cs-ticket -c plain.conf new -C C1 inquiry 你好
T2
$ date +%s > after
$ sql "$CS_DB" "SELECT count(*) FROM ticket WHERE created_at BETWEEN $(cat before) AND $(cat after); SELECT count(*) FROM audit WHERE at BETWEEN $(cat before) AND $(cat after)"
1
1
EOF

# An empty database is made a desk by the first writer; the others wait
# for its lock and find the schema made, never another program's.
t 'first writes racing on an empty database all get in, none is refused' <<'EOF'
$ psql -X -q -d postgres -c "CREATE DATABASE ${CS_PGDB}_new TEMPLATE template0"
$ for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do CS_DB="$CS_DB"_new cs-ticket new -q -C 13800138000 -N 张三 inquiry "并发 $i" 2>> race.err & done; wait
$ cat race.err
$ CS_DB="$CS_DB"_new cs-ticket ls -o id | wc -l
16
$ CS_DB="$CS_DB"_new cs-report audit --verify | cut -d, -f1,2
audit: 17 records, chain intact
$ psql -X -q -d postgres -c "DROP DATABASE ${CS_PGDB}_new WITH (FORCE)"
EOF

t 'another program'"'"'s database is not made a desk, nor changed' <<'EOF'
$ psql -X -q -d postgres -c "CREATE DATABASE ${CS_PGDB}_other TEMPLATE template0"
$ psql -X -q -d "$CS_DB"_other -c 'CREATE TABLE t (x int)' -c 'INSERT INTO t VALUES (1)'
$ CS_DB="$CS_DB"_other cs-ticket new -C 13800138000 -N 张三 inquiry 不是我的库 2> err; echo $?; sed "s/$CS_PGDB/DB/" err
65
cs-ticket: postgresql:DB_other: not a cs database
$ CS_DB="$CS_DB"_other cs-ticket ls 2> err; echo $?; sed "s/$CS_PGDB/DB/" err
65
cs-ticket: postgresql:DB_other: not a cs database
$ sql "$CS_DB"_other "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'public'; SELECT x FROM t"
t
1
$ psql -X -q -d postgres -c "DROP DATABASE ${CS_PGDB}_other WITH (FORCE)"
EOF

t 'orders keep room on each page for their totals; ticket_sla holds the ID, so a period is read from it alone' <<'EOF'
$ sql "$CS_DB" "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'orders'"
fillfactor=50
$ sh "$TOP/tests/old-desk" "$CS_DB" 26
$ cs-ticket new -C 13700137000 -N 王五 inquiry 升级 > /dev/null
$ sql "$CS_DB" "SELECT array_to_string(reloptions, ','), (SELECT version FROM cs_version) FROM pg_class WHERE relname = 'orders'"
fillfactor=50|27
$ sql "$CS_DB" "SET enable_seqscan = off; SET enable_bitmapscan = off; EXPLAIN SELECT t.id, t.category, t.callback_at, t.set_at, t.merged_at FROM ticket t WHERE t.created_at >= 0 ORDER BY t.created_at" | grep -o 'Index Only Scan using ticket_sla'
Index Only Scan using ticket_sla
EOF

done_testing
