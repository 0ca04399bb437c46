#!/bin/sh
# On PostgreSQL a batch's totals and audit records are sent without
# waiting for their answers (libpq's pipeline mode), read with the next
# statement that needs an answer or with the commit.  An answer that is
# an error stops the batch there: its open chunk is not committed, and
# the message is the server's.
. "$(dirname "$0")/lib.sh"
pg_only 'pipeline mode is libpq'

t 'a total the server refuses: the batch stops, nothing of its chunk kept' <<'EOF'
$ seq 1 20 | awk 'BEGIN { print "ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name" } { printf "G%d\tgoods\t100\tpaid\t138%08d\t客户%d\n", $1, $1, $1 }' | cs-order import -q 2>/dev/null
$ seq 1 20 | awk 'BEGIN { print "order_ref\ttxn\tamount\tpaid_at" } { printf "G%d\tTX%d\t100\t-1d\n", $1, $1 }' | CS_AGENT=fin cs-order import -P -q
$ seq 1 20 | awk '{ printf "O%d\t%s\tk%d\n", $1, $1 == 2 ? "60.00" : "10.00", $1 }' > run.tsv
$ psql -X -q -d "$CS_PGDB" -c 'ALTER TABLE orders ADD CONSTRAINT at_most_50 CHECK (refund_pending <= 5000)'
$ CS_AGENT=root cs-refund batch -r goodwill run.tsv 2>&1 | sed "s/^cs-refund: postgresql:[^:]*: /cs-refund: DB: /"
cs-refund: DB: refund: a change sent before it failed: new row for relation "orders" violates check constraint "at_most_50"
cs-refund: R1: cannot count it on root's day
$ sqlite3 "$CS_DB" "select count(*) from refund"
0
$ sqlite3 "$CS_DB" "select count(*) from audit where action = 'refund.request'"
0
$ sqlite3 "$CS_DB" "select sum(refund_pending) from orders"
0
$ psql -X -q -d "$CS_PGDB" -c 'ALTER TABLE orders DROP CONSTRAINT at_most_50'
$ CS_AGENT=root cs-refund batch -q -r goodwill run.tsv
! cs-refund: 20 applied, 0 already done, 0 awaiting approval, 0 rejected
$ cs-report audit --verify --deep | sed 's/last [0-9a-f]\{64\}$/last HASH/'
audit: 80 records, chain intact, last HASH
audit: 80 rows as the trail left them
EOF

t 'a request alone sends its totals too: refused, it is not made' <<'EOF'
$ psql -X -q -d "$CS_PGDB" -c 'ALTER TABLE agent_day ADD CONSTRAINT at_most_260 CHECK (total <= 26000)'
$ CS_AGENT=root cs-refund request -r goodwill -k d O1 30 2>&1 | sed "s/^cs-refund: postgresql:[^:]*: /cs-refund: DB: /"
cs-refund: DB: refund: a change sent before it failed: new row for relation "agent_day" violates check constraint "at_most_260"
cs-refund: R21: cannot update its order's totals
$ cs-refund ls -o id,key -O O1
R1	k1
$ psql -X -q -d "$CS_PGDB" -c 'ALTER TABLE agent_day DROP CONSTRAINT at_most_260'
$ CS_AGENT=root cs-refund request -r goodwill -k d O1 30 | cut -f1
R21
EOF

t 'a batch of a savepoint a line: the refusal in the words of the server, not of an aborted transaction' <<'EOF'
$ CS_AGENT=fin cs-refund export -o refund | head -n 3
R1
R2
R3
$ psql -X -q -d "$CS_PGDB" -c "ALTER TABLE audit ADD CONSTRAINT no_r2 CHECK (record <> 'R2' OR action <> 'refund.paid')"
$ printf 'R1\tok\tT1\nR2\tok\tT2\nR3\tok\tT3\n' > answers.tsv
$ CS_AGENT=fin cs-refund settle < answers.tsv 2> err; echo "exit $?"; sed "s/^cs-refund: postgresql:[^:]*: /cs-refund: DB: /" err
exit 70
cs-refund: DB: savepoint: a change sent before it failed: new row for relation "audit" violates check constraint "no_r2"
$ cs-refund ls -o id,status -s paid
$ psql -X -q -d "$CS_PGDB" -c 'ALTER TABLE audit DROP CONSTRAINT no_r2'
$ CS_AGENT=fin cs-refund settle < answers.tsv
R1
R2
R3
$ cs-report audit --verify --deep | sed 's/[0-9][0-9]* records/N records/; s/[0-9][0-9]* rows/N rows/; s/last [0-9a-f]\{64\}$/last HASH/'
audit: N records, chain intact, last HASH
audit: N rows as the trail left them
EOF

done_testing
