#!/bin/sh
# The configuration names the desk's database, a file or a PostgreSQL
# string (several words for libpq's key=value form), and, apart, the
# database reports read (report-database: a read-only replica, so the
# morning report does not load the primary).  cs-report reads the
# replica; every other program, and cs-report copy, the desk; -d and
# CS_DB still name one database for all.
. "$(dirname "$0")/lib.sh"

t 'reports read report-database; the other programs the desk' <<'EOF'
$ printf 'database %s\nreport-database %s/replica.db\n' "$CS_DB" "$PWD" >> "$CS_CONF"
$ cs-report config | grep -c database
2
$ cs-report config | grep '^report-database' | sed "s|$PWD|DIR|"
report-database DIR/replica.db
$ env -u CS_DB cs-ticket new -q -C 13800138000 -N 张三 inquiry 查询订单
$ env -u CS_DB cs-ticket new -q -C 13800138000 inquiry 再次查询
$ env -u CS_DB cs-ticket new -d replica.db -q -C 13900139000 -N 李四 inquiry 只在副本
$ env -u CS_DB cs-ticket ls -o id,subject
T1	查询订单
T2	再次查询
$ env -u CS_DB cs-report volume --day 2026-11-23 -o tickets
1
$ cs-report volume --day 2026-11-23 -o tickets
2
$ env -u CS_DB cs-report -d "$CS_DB" volume --day 2026-11-23 -o tickets
2
EOF

t 'a database string is a path or a PostgreSQL one; anything else is named' <<'EOF'
$ printf 'database relative.db\n' > bad.conf
$ cs-report -c bad.conf config
! cs-report: bad.conf:1: usage: database /ABSOLUTE/PATH | postgresql://... | key=value ...
? 78
$ printf 'report-database /a /b\n' > bad.conf
$ cs-report -c bad.conf config
! cs-report: bad.conf:1: usage: report-database /ABSOLUTE/PATH | postgresql://... | key=value ...
? 78
$ printf 'agent-env yes\nagent alice role agent\ndatabase host=/run/db user=cs  dbname=desk\n' > pg.conf
$ cs-report -c pg.conf config | grep '^database'
database host=/run/db user=cs dbname=desk
$ printf 'agent-env yes\nagent alice role agent\ndatabase postgresql://db.example/desk?sslmode=require\n' > pg.conf
$ cs-report -c pg.conf config | grep '^database'
database postgresql://db.example/desk?sslmode=require
$ printf 'database host=db user=cs password=s3cret dbname=desk\n' > pw.conf
$ cs-report -c pw.conf config
! cs-report: pw.conf:1: database: no password here: libpq reads it from ~/.pgpass or a service file (cs(7))
? 78
$ printf 'report-database postgresql://cs:s3cret@db/desk\n' > pw.conf
$ cs-report -c pw.conf config
! cs-report: pw.conf:1: report-database: no password here: libpq reads it from ~/.pgpass or a service file (cs(7))
? 78
EOF
done_testing
