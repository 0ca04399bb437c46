#!/bin/sh
# --unmask records what it revealed: the kinds of personal data shown
# whole, the customers whose own data and the records whose free text
# was printed unmasked (a count and the first 20), in one audit record
# written before any of the output is let out.  Nothing personal shown,
# no record; output cut short (| head), the record is there.
. "$(dirname "$0")/lib.sh"

t 'customers and tickets, one with a phone number typed into its subject' <<'EOF2'
$ cs-ticket new -C 13712345678 -N 王五 -k business complaint 退款未到账
T1
$ cs-ticket new -C 13698765432 -N 赵六 inquiry '请回电 13912345678'
T2
$ cs-ticket note -q -m 王五要求回电 T1
EOF2

t 'a listing shown unmasked names the kinds and the customers' <<'EOF2'
$ CS_AGENT=carol cs-ticket ls --unmask -o id,name,phone
T1	王五	13712345678
T2	赵六	13698765432
$ cs-report audit -o agent,action,record,detail | tail -1
carol	data.unmask	-	{"command":"cs-ticket ls","shown":"phone,name","customers":2,"customer_ids":"C1,C2","records":0}
EOF2

t 'free text shown unmasked names the records it is of' <<'EOF2'
$ CS_AGENT=carol cs-ticket ls --unmask -o id,subject
T1	退款未到账
T2	请回电 13912345678
$ cs-report audit -o detail | tail -1
{"command":"cs-ticket ls","shown":"text","customers":0,"records":1,"record_ids":"T2"}
$ CS_AGENT=carol cs-ticket show --unmask T1 > /dev/null
$ cs-report audit -o detail | tail -1
{"command":"cs-ticket show","shown":"phone,name,text","customers":1,"customer_ids":"C1","records":1,"record_ids":"T1"}
EOF2

t 'nothing personal shown: no record' <<'EOF2'
$ cs-report audit | wc -l
8
$ CS_AGENT=carol cs-ticket ls --unmask -o id,status
T1	open
T2	open
$ CS_AGENT=carol cs-ticket ls --unmask -s closed -o id,name,phone
$ cs-report audit | wc -l
8
EOF2

t 'a listing of many rows is one bounded record: a count and the first 20' <<'EOF2'
$ i=10; while [ $i -lt 40 ]; do cs-order customer add -q -N 客户$i -p 139000000$i; i=$((i + 1)); done
$ CS_AGENT=carol cs-order customer ls --unmask | wc -l
32
$ cs-report audit -o detail | tail -1
{"command":"cs-order customer ls","shown":"phone,name","customers":32,"customer_ids":"C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11,C12,C13,C14,C15,C16,C17,C18,C19,C20","records":0}
EOF2

t 'output cut short still leaves the record; it is written before the output is let out' <<'EOF2'
$ CS_AGENT=carol cs-order customer ls --unmask | head -n 1
C1	王五	13712345678	standard		
$ cs-report audit -o detail | tail -1
{"command":"cs-order customer ls","shown":"phone,name","customers":32,"customer_ids":"C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11,C12,C13,C14,C15,C16,C17,C18,C19,C20","records":0}
$ cs-report audit | wc -l
40
$ script -qec "CS_AGENT=carol CS_PAGER='head -n 2' LINES=5 cs-order customer ls --unmask" /dev/null | grep -c 王五
1
$ cs-report audit -o agent,action | tail -1
carol	data.unmask
$ cs-report audit | wc -l
41
EOF2

done_testing
