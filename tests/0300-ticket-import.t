#!/bin/sh
# cs-ticket import: TSV with a header, line diagnostics, all-or-nothing,
# and with a ref column, safe to run again.
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

t 'an import creates customers and tickets and prints the new IDs' <<'EOF'
$ printf 'subject\tcustomer_phone\tcustomer_name\tcategory\tkind\tchannel\tcreated_at\n' > a.tsv
$ printf '如何退票\t13800138000\t张三\tinquiry\t\tphone\t2026-11-20 09:15\n' >> a.tsv
$ printf '# a comment line\n\n' >> a.tsv
$ printf '司机绕路\t13900139000\t李四\tcomplaint\tbusiness\tapp\t-2h\n' >> a.tsv
$ printf '再次来电\t13800138000\t\tinquiry\t\tchat\t\n' >> a.tsv
$ cs-ticket import a.tsv
T1
T2
T3
$ cs-ticket ls -H -o id,customer,kind,channel,created
id	customer	kind	channel	created
T1	C1		phone	2026-11-20T09:15:00+08:00
T2	C2	business	app	2026-11-23T08:00:00+08:00
T3	C1		chat	2026-11-23T10:00:00+08:00
EOF

t 'bad lines are reported as FILE:LINE and the good ones imported' <<'EOF'
$ printf 'customer_phone\tcategory\tsubject\n' > b.tsv
$ printf '13800138000\tinquiry\t好的一行\n' >> b.tsv
$ printf '1380013800\tinquiry\t号码少一位\n' >> b.tsv
$ printf '13800138000\tquestion\t类别不对\n' >> b.tsv
$ printf '13700137000\tinquiry\t新号码没有名字\n' >> b.tsv
$ printf '13800138000\tinquiry\t\377\n' >> b.tsv
$ printf '13800138000\tinquiry\t多一列\textra\n' >> b.tsv
$ printf '13800138000\tinquiry\t\n' >> b.tsv
$ printf '13800138000\tinquiry\t又一行好的\n' >> b.tsv
$ cs-ticket import b.tsv
T4
T5
! cs-ticket: b.tsv:3: customer_phone: not a mobile phone number
! cs-ticket: b.tsv:4: unknown category "question" (inquiry complaint suggestion praise technical harassment)
! cs-ticket: b.tsv:5: 13700137000: no customer with this phone (give a name to create one)
! cs-ticket: b.tsv:6: invalid UTF-8
! cs-ticket: b.tsv:7: 4 fields, header has 3
! cs-ticket: b.tsv:8: subject: missing
? 1
EOF

t 'with -A one bad line imports nothing' <<'EOF'
$ cs-ticket import -A b.tsv
! cs-ticket: b.tsv:3: customer_phone: not a mobile phone number
! cs-ticket: b.tsv:4: unknown category "question" (inquiry complaint suggestion praise technical harassment)
! cs-ticket: b.tsv:5: 13700137000: no customer with this phone (give a name to create one)
! cs-ticket: b.tsv:6: invalid UTF-8
! cs-ticket: b.tsv:7: 4 fields, header has 3
! cs-ticket: b.tsv:8: subject: missing
! cs-ticket: b.tsv: nothing imported (-A)
? 65
$ cs-ticket ls | wc -l
5
EOF

t 'a rejected line leaves no half-made customer behind' <<'EOF'
$ printf 'customer_phone\tcustomer_name\tcategory\tsubject\torder_ref\n15000150000\t王五\tinquiry\t查订单\tE999\n' | cs-ticket import
! cs-ticket: stdin:2: ref:E999: no such order
? 66
$ sqlite3 "$CS_DB" "select count(*) from customer where phone = '15000150000'"
0
EOF

t 'the header is checked: unknown, duplicate and missing columns' <<'EOF'
$ printf 'customer_phone\tcategory\tsubject\tcolour\n' | cs-ticket import
! cs-ticket: stdin:1: unknown column "colour"
? 65
$ printf 'customer_phone\tcategory\tsubject\tsubject\n' | cs-ticket import
! cs-ticket: stdin:1: duplicate column "subject"
? 65
$ printf 'customer_phone\tsubject\n' | cs-ticket import
! cs-ticket: stdin:1: missing column "category"
? 65
$ : | cs-ticket import
! cs-ticket: stdin: no header line
? 65
EOF

t 'a bad time, an overlong line, an escape sequence' <<'EOF'
$ printf 'customer_phone\tcategory\tsubject\tcreated_at\n13800138000\tinquiry\t时间\t2026-13-01\n' | cs-ticket import
! cs-ticket: stdin:2: created_at 2026-13-01: month out of range
? 65
$ printf 'customer_phone\tcategory\tsubject\tcreated_at\n13800138000\tinquiry\t时间\t2027-01-01\n' | cs-ticket import
! cs-ticket: stdin:2: created time is in the future
? 65
$ { printf 'customer_phone\tcategory\tsubject\n13800138000\tinquiry\t'; head -c 70000 /dev/zero | tr '\0' x; printf '\n'; } | cs-ticket import
! cs-ticket: stdin:2: line longer than 65536 bytes
? 65
$ printf 'customer_phone\tcategory\tsubject\n13800138000\tinquiry\tred \\x1b[31malert\\x1b[0m\n' | cs-ticket import
T6
$ cs-ticket ls -o subject -n 1 -r -id
red \x1b[31malert\x1b[0m
$ cs-ticket ls -j -o id,subject -n 1 -r -id
{"id":"T6","subject":"red \u001b[31malert\u001b[0m"}
$ script -qec 'cs-ticket ls -o id,subject -n 1 -r -id' /dev/null | tr -d '\r'
 ID  SUBJECT
 T6  red \x1b[31malert\x1b[0m
EOF

t 'with a ref, the same file again changes nothing' <<'EOF'
$ printf 'ref\tcustomer_phone\tcategory\tsubject\n' > r.tsv
$ printf 'OLD-1\t13800138000\tinquiry\t旧工单一\n' >> r.tsv
$ printf 'OLD-2\t13900139000\tpraise\t旧工单二\n' >> r.tsv
$ printf 'OLD-1\t13800138000\tinquiry\t旧工单一\n' >> r.tsv
$ cs-ticket import r.tsv
T7
T8
$ cs-ticket import r.tsv
$ cs-ticket ls -o id,ref,subject -s open | grep OLD
T7	OLD-1	旧工单一
T8	OLD-2	旧工单二
$ cs-ticket show T7 | sed -n 1,2p
ticket       T7
ref          OLD-1
$ cs-ticket show -j T7 | grep -o '"ref":"OLD-1","complexity":null,"promise_due":null,"replies"'
"ref":"OLD-1","complexity":null,"promise_due":null,"replies"
$ cs-ticket log T7 | grep -o '"ref":"OLD-1"'
"ref":"OLD-1"
$ cs-ticket ls -R OLD-2 -o id,ref,subject
T8	OLD-2	旧工单二
$ cs-ticket ls -R OLD-2 | cs-ticket show | sed -n 1,2p
ticket       T8
ref          OLD-2
$ cs-ticket ls -R OLD-9 -s open
$ cs-ticket ls -R OLD-2 -s closed
EOF

t 'a known ref with another customer, category or subject is refused' <<'EOF'
$ printf 'ref\tcustomer_phone\tcustomer_name\tcategory\tsubject\n' > c.tsv
$ printf 'OLD-1\t13800138000\t\tinquiry\t旧工单一 改了\n' >> c.tsv
$ printf 'OLD-1\t13800138000\t\tcomplaint\t旧工单一\n' >> c.tsv
$ printf 'OLD-1\t13900139000\t\tinquiry\t旧工单一\n' >> c.tsv
$ printf 'OLD-1\t13600136000\t赵六\tinquiry\t旧工单一\n' >> c.tsv
$ printf 'OLD#3\t13800138000\t\tinquiry\t井号\n' >> c.tsv
$ printf '旧3\t13800138000\t\tinquiry\t汉字\n' >> c.tsv
$ printf '%064d\t13800138000\t\tinquiry\t太长\n' 7 >> c.tsv
$ printf '%063d\t13800138000\t\tinquiry\t正好\n' 7 >> c.tsv
$ printf -- '-x\t13800138000\t\tinquiry\t像选项\n' >> c.tsv
$ printf 'OLD-3\t13800138000\t\tinquiry\t新的\n' >> c.tsv
$ cs-ticket import c.tsv
T9
T10
! cs-ticket: c.tsv:2: ref OLD-1: already T7, of another subject
! cs-ticket: c.tsv:3: ref OLD-1: already T7, of another category
! cs-ticket: c.tsv:4: ref OLD-1: already T7, of another customer
! cs-ticket: c.tsv:5: ref OLD-1: already T7, of another customer
! cs-ticket: c.tsv:6: ref "OLD#3": not a ticket reference (1 to 63 letters, digits, '.', '-', '_', not starting with '.' or '-')
! cs-ticket: c.tsv:7: ref "旧3": not a ticket reference (1 to 63 letters, digits, '.', '-', '_', not starting with '.' or '-')
! cs-ticket: c.tsv:8: ref "0000000000000000000000000000000000000000000000000000000000000007": not a ticket reference (1 to 63 letters, digits, '.', '-', '_', not starting with '.' or '-')
! cs-ticket: c.tsv:10: ref "-x": not a ticket reference (1 to 63 letters, digits, '.', '-', '_', not starting with '.' or '-')
? 1
$ sqlite3 "$CS_DB" "select count(*) from customer where phone = '13600136000'; select count(*) from ticket where ref = 'OLD-1'"
0
1
EOF

t 'a ticket reclassified here: the same file the next day is taken as known' <<'EOF'
$ cs-ticket set -t suggestion T8
T8
$ CS_NOW='2026-11-24 10:00' cs-ticket import r.tsv
$ cs-ticket ls -o id,category -R OLD-2
T8	suggestion
$ printf 'ref\tcustomer_phone\tcategory\tsubject\nOLD-2\t13900139000\tpraise\t旧工单二 改了\n' | cs-ticket import
! cs-ticket: stdin:2: ref OLD-2: already T8, of another subject
? 65
EOF

t 'a missing file is 66, a terminal on stdin is a usage error' <<'EOF'
$ cs-ticket import nosuch.tsv
! cs-ticket: nosuch.tsv: No such file or directory
? 66
$ script -qec 'cs-ticket import' /dev/null | tr -d '\r'
cs-ticket: import: no file given and stdin is a terminal
EOF

done_testing
