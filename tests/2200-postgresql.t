#!/bin/sh
# PostgreSQL (make check-pg, tests/run -p): what the backend adds to the
# door's guarantees.  A writer waits for the writers' advisory lock and
# gives up with 75 and nothing changed; IDs have no gaps; the schema's
# version is its table; messages name the database, not the string
# given.  On SQLite the file is skipped.
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

done_testing
