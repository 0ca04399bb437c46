#!/bin/sh
# The door on PostgreSQL, from C (tests/unit/pgdoor.c): a statement's
# first preparation inside a transaction is one round trip with its
# savepoint, a refusal at the first try is prepared again without losing
# the transaction, and a fresh statement reads a table's end as it
# stands.
. "$(dirname "$0")/lib.sh"
pg_only 'the PostgreSQL door'

t 'the door on PostgreSQL: prepared in a savepoint, tried again, fresh' <<'EOF'
$ cs-order customer add -N 甲 -p 13900000000
C1
$ CS_PGDOOR_DB=$CS_DB "$BIN/t-pgdoor" > out; echo $?
0
$ grep -c '^not ok' out || :
0
$ grep -c '^ok' out
24
$ sqlite3 "$CS_DB" "SELECT count(*) FROM customer WHERE name LIKE '门%'"
2
EOF

done_testing
