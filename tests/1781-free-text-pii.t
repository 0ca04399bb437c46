#!/bin/sh
# Phone and ID-card numbers typed into free text are masked on output
# like the customer's own, in every form; the customer's name a template
# filled into a reply too.  What was written is kept, and --unmask shows
# it whole to a role that may, with an audit record.
. "$(dirname "$0")/lib.sh"

t 'set up: a ticket, a templated reply, notes and a refund with numbers in them' <<'EOF'
$ cs-ticket new -C 13800138000 -N 张三 -k business -b '身份证 110105 19491231 002X，电话１３９１２３４５６７８' complaint '退款未到账 请回电13912345678'
T1
$ cs-ticket reply -t ack T1 && cs-ticket note -m '客户说另一个号码是 +86 139-1234-5679' T1
T1
T1
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t99.90\tpaid\t13800138000\t张三\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX13912345678\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -r cancellation -m '客户电话 13912345678' ref:G1 full
R1
EOF

t 'a listing, a record and the audit show them masked, as a table, TSV and JSON' <<'EOF'
$ cs-ticket ls -o id,subject
T1	退款未到账 请回电139****5678
$ cs-ticket -j ls -o id,subject
{"id":"T1","subject":"退款未到账 请回电139****5678"}
$ cs-ticket show T1 | sed -n '/^subject/p;/^body/,$p'
subject      退款未到账 请回电139****5678
body
    身份证 110105********002X，电话139****5678

2026-11-23 10:00  reply  alice
    早上好，张*。您反映的问题（工单 T1）我们已经记录，会在2026-11-24 10:00前给您答复，请您留意。

2026-11-23 10:00  note  alice
    客户说另一个号码是 +86 139****5679

history
AT                RECORD  AGENT  ACTION              DETAIL
2026-11-23 10:00  T1      alice  ticket.new          {"customer":"C1","category":"complaint","kind":"business","priority":"normal","channel":"phone","subject":"退款未到账 请回电139****5678"}
2026-11-23 10:00  T1      alice  ticket.reply        {"reply":1,"first_response":"yes"}
2026-11-23 10:00  T1      alice  ticket.note         {"reply":2}
2026-11-23 12:00  T1             due.first_response  {"sla":"business-complaint","met":"yes"}
2026-11-24 10:00  T1             due.resolve         {"sla":"business-complaint","met":"pending"}
2026-11-25 00:00  T1             due.update          {"sla":"business-complaint","met":"pending"}
$ script -qec 'cs-ticket show T1' /dev/null | grep -c '13912345678\|张三\|1234-5679\|19491231'
0
? 1
$ cs-ticket -j show T1 | grep -c '13912345678\|张三\|1234-5679\|19491231'
0
? 1
$ cs-ticket log -o action,detail T1 | head -1
ticket.new	{"customer":"C1","category":"complaint","kind":"business","priority":"normal","channel":"phone","subject":"退款未到账 请回电139****5678"}
$ cs-refund ls -o id,note && cs-refund show R1 | grep '^note'
R1	客户电话 139****5678
note      客户电话 139****5678
$ cs-order show O1 | grep -c 'TX13912345678'
2
EOF

t 'what was written is kept: the reply the customer receives, the note' <<'EOF'
$ sqlite3 "$CS_DB" "select body from reply order by id"
早上好，张三。您反映的问题（工单 T1）我们已经记录，会在2026-11-24 10:00前给您答复，请您留意。
客户说另一个号码是 +86 139-1234-5679
$ sqlite3 "$CS_DB" "select subject from ticket"
退款未到账 请回电13912345678
EOF

t '--unmask shows them whole to a supervisor and records what it revealed' <<'EOF'
$ cs-ticket show -U T1
! cs-ticket: --unmask: not permitted for alice
? 77
$ CS_AGENT=carol cs-ticket show -U T1 | sed -n '/^subject/p;/reply  alice/,/^$/p'
subject      退款未到账 请回电13912345678
2026-11-23 10:00  reply  alice
    早上好，张三。您反映的问题（工单 T1）我们已经记录，会在2026-11-24 10:00前给您答复，请您留意。

$ CS_AGENT=carol cs-refund ls -U -o note
客户电话 13912345678
$ CS_AGENT=carol cs-report audit -U -o detail T1 | head -1 | grep -c 13912345678
1
$ cs-report audit -o agent,action,detail | grep data.unmask
carol	data.unmask	{"command":"cs-ticket show","shown":"phone,name,text","customers":1,"customer_ids":"C1","records":1,"record_ids":"T1"}
carol	data.unmask	{"command":"cs-refund ls","shown":"text","customers":0,"records":1,"record_ids":"R1"}
carol	data.unmask	{"command":"cs-report audit","shown":"text","customers":0,"records":1,"record_ids":"T1"}
EOF

done_testing
