#!/bin/sh
# A ticket import without a savepoint per line: a line is refused before
# its first write, or (naming an order) in a savepoint of its own, so a
# refused line leaves no customer behind, in a file of good lines too.
# The ticket table's checks of a word from a list are comparisons,
# which SQLite tests without building a table of the list for each row.
. "$(dirname "$0")/lib.sh"

t 'refused lines among good ones leave nothing behind' <<'EOF'
$ cs-order customer add -N 王买家 -p 13800138000 >/dev/null
$ CS_AGENT=fin cs-order add -C C1 -T TXG1 goods 10 G1 >/dev/null
$ printf 'customer_phone\tcustomer_name\tcategory\tkind\tsubject\torder_ref\n' > t.tsv
$ printf '13900000001\t新客一\tinquiry\t\t问一\t\n' >> t.tsv
$ printf '13900000002\t新客二\tcomplaint\t\t没有类型\t\n' >> t.tsv
$ printf '13900000003\t新客三\tinquiry\t\t别人的订单\tG1\n' >> t.tsv
$ printf '13900000004\t新客四\tbogus\t\t坏类别\t\n' >> t.tsv
$ printf '13800138000\t\tinquiry\t\t自己的订单\tG1\n' >> t.tsv
$ printf '13900000005\t新客五\tinquiry\t\t问五\t\n' >> t.tsv
$ cs-ticket import t.tsv
T1
T2
T3
! cs-ticket: t.tsv:3: a complaint needs a kind: quality (service) or business (handling)
! cs-ticket: t.tsv:4: ref:G1 belongs to C1, not to C3
! cs-ticket: t.tsv:5: unknown category "bogus" (inquiry complaint suggestion praise technical harassment)
? 1
$ sqlite3 "$CS_DB" "SELECT phone FROM customer ORDER BY id; SELECT id, customer_id, order_id FROM ticket"
13800138000
13900000001
13900000005
1|2|
2|1|1
3|3|
$ cs-report audit --verify | cut -d, -f2
 chain intact
EOF

t 'the word checks hold' <<'EOF'
$ sqlite3 "$CS_DB" "INSERT INTO ticket (customer_id, category, subject, created_at, updated_at, created_by) VALUES (1, 'bogus', 's', 1, 1, 'x')" 2>&1 | grep -io 'check constraint' | tr A-Z a-z
check constraint
$ sqlite3 "$CS_DB" "INSERT INTO ticket (customer_id, category, priority, subject, created_at, updated_at, created_by) VALUES (1, 'inquiry', 'asap', 's', 1, 1, 'x')" 2>&1 | grep -io 'check constraint' | tr A-Z a-z
check constraint
$ sqlite3 "$CS_DB" "INSERT INTO ticket (customer_id, category, channel, subject, created_at, updated_at, created_by) VALUES (1, 'inquiry', 'fax', 's', 1, 1, 'x')" 2>&1 | grep -io 'check constraint' | tr A-Z a-z
check constraint
$ sqlite3 "$CS_DB" "INSERT INTO ticket (customer_id, category, status, subject, created_at, updated_at, created_by) VALUES (1, 'inquiry', 'lost', 's', 1, 1, 'x')" 2>&1 | grep -io 'check constraint' | tr A-Z a-z
check constraint
$ sqlite3 "$CS_DB" "SELECT count(*) FROM ticket" "PRAGMA integrity_check"
3
ok
EOF

sqlite_t 'the word checks are comparisons, no table of the list built for each row' 'its EXPLAIN' <<'EOF'
$ sqlite3 "$CS_DB" "EXPLAIN INSERT INTO ticket (customer_id, category, subject, created_at, updated_at, created_by) VALUES (1, 'inquiry', 's', 1, 1, 'x')" | grep OpenEphemeral | wc -l
0
EOF

done_testing
