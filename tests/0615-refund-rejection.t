#!/bin/sh
# A rejected refund keeps the request's note; why it was rejected is its
# own field, in cs-refund show, ls and the audit trail.
. "$(dirname "$0")/lib.sh"

t 'an order paid 100.00' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\nG1\tgoods\t100\tpaid\t13900139000\t李四\n' | cs-order import -q
! cs-order: stdin:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX1\t100\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
EOF

t 'the note and the reason for rejecting are both kept' <<'EOF'
$ cs-refund request -r goodwill -m '客户称少发一件' ref:G1 30
R1
$ CS_AGENT=carol cs-refund reject -r '仓库核实已发齐' R1
R1
$ cs-refund show R1 | grep -E '^(status|note|rejection)'
status    rejected
note      客户称少发一件
rejection 仓库核实已发齐
$ cs-refund ls -o id,status,note,rejection
R1	rejected	客户称少发一件	仓库核实已发齐
$ cs-report audit -o action,detail R1
refund.request	{"order":"O1","amount":"30.00","fee":"0.00","reason":"goodwill","key":"O1:3000:goodwill","status":"approved","note":"客户称少发一件"}
refund.rejected	{"from":"approved","to":"rejected","why":"仓库核实已发齐"}
EOF

t 'an approved refund has no rejection; one without a note shows none' <<'EOF'
$ cs-refund request -r goodwill ref:G1 20
R2
$ cs-refund ls -H -o id,status,note,rejection -s approved
id	status	note	rejection
R2	approved		
$ cs-refund ls -j -o id,note,rejection -s approved
{"id":"R2","note":null,"rejection":null}
EOF

done_testing
