#!/bin/sh
# cs-ticket import fills the text index of its tickets in one pass just
# before each commit (not a row at a time, its trigger dropped in the
# importing transaction and made again): every ticket it made is found,
# none it refused, the index matches the rows and the trigger is back.
# The ticket indexes of columns a new ticket leaves NULL hold only rows
# with a value (schema 18), and still serve the lookups.  The index and
# trigger are SQLite's (lib/store/search.c): PostgreSQL's trigram
# indexes need no such pass, and there the searches alone are tested.
. "$(dirname "$0")/lib.sh"

t 'imported tickets are found by the text search, refused ones are not' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nO1\tgoods\t100\tpaid\t13800138000\t张三\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'ref\tcustomer_phone\tcustomer_name\tcategory\tsubject\torder_ref\n' > a.tsv
$ printf 'A1\t13800138000\t张三\tinquiry\t退款一直没到账\t\n' >> a.tsv
$ printf 'A2\t13900139000\t李四\tinquiry\t司机迟到半小时\tO1\n' >> a.tsv
$ printf 'A3\t13700137000\t王五\tinquiry\t发票抬头写错了\t\n' >> a.tsv
$ cs-ticket import a.tsv
T1
T2
! cs-ticket: a.tsv:3: ref:O1 belongs to C1, not to C2
? 1
$ cs-ticket ls -f 没到账 -o id,subject
T1	退款一直没到账
$ cs-ticket ls -f 抬头写 -o id,subject
T2	发票抬头写错了
$ cs-ticket ls -f 迟到半 | wc -l
0
EOF

sqlite_t 'the FTS5 index matches the tickets, its trigger made again' 'its FTS5 index and trigger' <<'EOF'
$ sqlite3 "$CS_DB" "INSERT INTO ticket_text (ticket_text, rank) VALUES ('integrity-check', 1); SELECT sql FROM sqlite_master WHERE name = 'ticket_text_new'"
CREATE TRIGGER ticket_text_new AFTER INSERT ON ticket BEGIN INSERT INTO ticket_text (rowid, subject, body) VALUES (new.id, new.subject, new.body); END
EOF

t 'after an import, run again, and a ticket opened by hand: each found once' <<'EOF'
$ cs-ticket import a.tsv
! cs-ticket: a.tsv:3: ref:O1 belongs to C1, not to C3
? 1
$ cs-ticket new -C 13800138000 inquiry 退款还是没到账
T3
$ cs-ticket ls -f 没到账 -o id,subject
T1	退款一直没到账
T3	退款还是没到账
EOF

sqlite_t 'after the second import too' 'its FTS5 index and trigger' <<'EOF'
$ sqlite3 "$CS_DB" "INSERT INTO ticket_text (ticket_text, rank) VALUES ('integrity-check', 1); SELECT sql FROM sqlite_master WHERE name = 'ticket_text_new'"
CREATE TRIGGER ticket_text_new AFTER INSERT ON ticket BEGIN INSERT INTO ticket_text (rowid, subject, body) VALUES (new.id, new.subject, new.body); END
EOF

t 'with -A a refused line leaves neither tickets nor their text' <<'EOF'
$ printf 'ref\tcustomer_phone\tcustomer_name\tcategory\tsubject\n' > b.tsv
$ printf 'B1\t13600136000\t赵六\tinquiry\t行李丢在车上\n' >> b.tsv
$ printf 'B2\t13600136000\t赵六\tquestion\t类别不对\n' >> b.tsv
$ cs-ticket import -A b.tsv
! cs-ticket: b.tsv:3: unknown category "question" (inquiry complaint suggestion praise technical harassment)
! cs-ticket: b.tsv: nothing imported (-A)
? 65
$ cs-ticket ls -f 行李丢 | wc -l
0
EOF

sqlite_t 'nor does the FTS5 index, and its trigger is there' 'its FTS5 index and trigger' <<'EOF'
$ sqlite3 "$CS_DB" "SELECT count(*) FROM ticket_text WHERE ticket_text MATCH '行李丢'; SELECT count(*) FROM sqlite_master WHERE name = 'ticket_text_new'"
0
1
EOF

t 'indexes of what a new ticket leaves NULL hold only rows with a value' <<'EOF'
$ if [ -n "$CS_PGDB" ]; then sqlite3 "$CS_DB" "SELECT indexname FROM pg_indexes WHERE tablename = 'ticket' AND indexdef LIKE '%WHERE%IS NOT NULL)%' ORDER BY 1"; else sqlite3 "$CS_DB" "SELECT name FROM sqlite_master WHERE tbl_name = 'ticket' AND sql LIKE '%WHERE%IS NOT NULL' ORDER BY name"; fi
ticket_assignee
ticket_fixed
ticket_merged
ticket_order
ticket_promise_due
ticket_ref
ticket_resolved_first
ticket_responded
ticket_update_due
$ cs-ticket assign bob T1 >/dev/null
$ cs-ticket ls -a bob -o id
T1
$ cs-ticket ls -O ref:O1 | wc -l
0
EOF

sqlite_t 'and serve the lookups' 'its query planner' <<'EOF'
$ sqlite3 "$CS_DB" "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE assignee = 'bob'; EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE order_id = 1; EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE first_response_at >= 1 AND first_response_at < 2; EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE resolved_first_at >= 1 AND resolved_first_at < 2" | sed -n 's/^[^A-Z]*SEARCH/SEARCH/p'
SEARCH ticket USING COVERING INDEX ticket_assignee (assignee=?)
SEARCH ticket USING COVERING INDEX ticket_order (order_id=?)
SEARCH ticket USING COVERING INDEX ticket_responded (first_response_at>? AND first_response_at<?)
SEARCH ticket USING COVERING INDEX ticket_resolved_first (resolved_first_at>? AND resolved_first_at<?)
EOF
