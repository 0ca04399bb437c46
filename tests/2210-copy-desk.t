#!/bin/sh
# Moving a desk: cs-report copy puts a SQLite desk into an empty
# PostgreSQL database, row for row with its IDs, in one transaction;
# the copy's trail verifies, row states included, its reports equal the
# original's as of the same moment, and the next record on the copy
# follows the last.  Only an admin copies; a database with rows, a file,
# a copy run twice are refused and change nothing.
. "$(dirname "$0")/lib.sh"
pg_only 'copies into the PostgreSQL database of the run'

cat > "$TMP/desk.sh" <<'SH'
printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\n' > o.tsv
printf 'TB1\tgoods\t99\tplaced\t13800138000\t张三\n' >> o.tsv
printf 'TB2\tgoods\t30\tplaced\t13900139000\t李四\n' >> o.tsv
cs-order -d desk.db import -q o.tsv
printf 'order_ref\ttxn\tamount\tpaid_at\nTB1\tTX1\t99\t2026-11-23 09:00\n' |
    CS_AGENT=fin cs-order -d desk.db import -P -q
cs-ticket -d desk.db new -q -C 13800138000 -O ref:TB1 -k quality \
    complaint 少发货
cs-ticket -d desk.db reply -q -m 您好，已补发 T1
CS_AGENT=carol cs-refund -d desk.db request -q -r goodwill ref:TB1 10
SH

t 'a desk copied: rows per table, the chain and row states verified, reports equal' <<'EOF'
$ sh desk.sh
$ CS_AGENT=root cs-report -d desk.db copy "$CS_DB" > copied; echo $?
0
$ grep -v '	0$' copied | sed 's/last .*/last …/'
customer	2
orders	2
ticket	1
reply	1
audit	8
payment	1
refund	1
audit_base	10
agent_day	1
audit: 8 records, chain intact, last …
$ [ "$(cs-report -d desk.db audit --verify)" = "$(cs-report audit --verify)" ] && echo same last hash
same last hash
$ cs-report -d desk.db audit --verify --deep > a; cs-report audit --verify --deep > b; cmp a b && tail -n 1 b
audit: 7 rows as the trail left them
$ for r in sla refunds volume agents; do cs-report -d desk.db $r --day 2026-11-23 > a; cs-report $r --day 2026-11-23 > b; cmp -s a b && echo "$r same"; done
sla same
refunds same
volume same
agents same
$ cs-ticket -d desk.db show T1 > a; cs-ticket show T1 > b; cmp a b && head -n 1 b
ticket       T1
$ cs-ticket new -C 13900139000 inquiry 还有问题
T2
$ CS_AGENT=carol cs-refund request -r goodwill ref:TB1 5
R2
$ cs-report audit --verify | cut -d, -f1
audit: 10 records
EOF

t 'a database with rows, a file, an agent: refused, nothing changed' <<'EOF'
$ CS_AGENT=root cs-report -d desk.db copy "$CS_DB" 2> e; echo $?; sed "s/$CS_PGDB/DB/" e
65
cs-report: copy: postgresql:DB is not empty: customer has 2 rows; a desk is copied into an empty database
$ CS_AGENT=root cs-report -d desk.db copy other.db
! cs-report: copy: other.db: not a PostgreSQL database (a postgresql:// URI or a libpq key=value string)
? 64
$ CS_AGENT=alice cs-report -d desk.db copy "$CS_DB"
! cs-report: copy: not permitted for alice
? 77
$ cs-report audit --verify | cut -d, -f1
audit: 10 records
$ CS_AGENT=root cs-report -d desk.db copy
! usage: cs-report copy database
? 64
EOF
t 'a desk copied into a schema whose name needs quoting' <<'EOF'
$ psql -X -q -d postgres -c "CREATE DATABASE ${CS_PGDB}_q"
$ psql -X -q -d "${CS_PGDB}_q" -c 'CREATE SCHEMA "My Desk"' -c "ALTER DATABASE ${CS_PGDB}_q SET search_path = \"My Desk\""
$ CS_AGENT=root cs-report -d desk.db copy "host=$PGHOST user=${PGUSER:-cs} dbname=${CS_PGDB}_q" | tail -1 | sed 's/last .*/last …/'
audit: 8 records, chain intact, last …
$ psql -X -q -At -d "${CS_PGDB}_q" -c 'SELECT count(*) FROM "My Desk".ticket'
1
$ cs-report -d "host=$PGHOST user=${PGUSER:-cs} dbname=${CS_PGDB}_q" audit --verify | sed 's/last .*/last …/'
audit: 8 records, chain intact, last …
$ psql -X -q -d postgres -c "DROP DATABASE ${CS_PGDB}_q WITH (FORCE)"
EOF

done_testing
