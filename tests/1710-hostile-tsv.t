#!/bin/sh
# Hostile record input: every reader of TSV and of ID lines (cs-ticket
# import, cs-order import and import -P, cs-refund batch and settle, the
# ID loop of any subcommand) against malformed fields, CRLF and lone CR,
# a BOM, NUL bytes, overlong lines, /dev/zero, a FIFO and a directory,
# invalid UTF-8, full-width digits, hostile amounts, impossible times
# and IDs.  Each refusal is precise, has its status, and leaves the
# database as it was (dbhash).  Already covered elsewhere: wrong field
# counts, a bad escape, CRLF, NUL, one overlong line and \377 in
# cs-ticket import (0300), bad order lines (0500), bad batch lines
# (0600), tsv_read itself (tests/unit/input.c).
. "$(dirname "$0")/lib.sh"

t 'a desk to attack' <<'EOF2'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\t张三\t2026-12-30 10:00\n' >> o.tsv
$ printf 'G1\tgoods\t99.90\tpaid\t13900139000\t李四\t\n' >> o.tsv
$ cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
O1
O2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t204.95\t-1d\nG1\tTX2\t99.90\t-1d\n' | CS_AGENT=fin cs-order import -P
P1
P2
$ cs-ticket new -C 13800138000 inquiry 你好
T1
EOF2

t 'spaces for tabs, quoted fields, too few and too many fields, in every reader' <<'EOF2'
$ dbhash > h0
$ printf 'customer_phone category subject\n13800138000 inquiry x\n' | cs-ticket import
! cs-ticket: stdin:1: unknown column "customer_phone category subject"
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nX1 goods 1 paid 13800138000\n"X2"\t"goods"\t"1"\t"paid"\t"13800138000"\nX3\tgoods\t1\tpaid\nX4\tgoods\t1\tpaid\t13800138000\t\n' | cs-order import
! cs-order: stdin:2: 1 field, header has 5
! cs-order: stdin:3: customer_phone "13800138000": not a mobile phone number
! cs-order: stdin:4: 4 fields, header has 5
! cs-order: stdin:5: 6 fields, header has 5
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1 TX9 1 -1h\nG1\tTX9\t"1"\t-1h\nG1\tTX9\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: 1 field, header has 4
! cs-order: stdin:3: amount "1": not an amount
! cs-order: stdin:4: 2 fields, header has 4
? 65
$ printf 'ref:G1 1\n"ref:G1"\t1\nref:G1\t1\tk\tnote\textra\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: 1 field; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: stdin:2: "ref:G1" is not an order ID
! cs-refund: stdin:3: 5 fields; want ORDER, AMOUNT, and maybe KEY and NOTE
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 3 rejected
? 65
$ printf 'R1 paid TXN\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: 1 field; want REFUND, ok|failed, TXN and KEY
? 65
$ printf '"T1"\n\tT1\n' | cs-ticket show
! cs-ticket: stdin:1: "T1" is not a ticket ID
! cs-ticket: stdin:2: no ID before the first tab or space
? 65
$ dbhash h0
unchanged
EOF2

t 'CRLF, a lone CR, a BOM and NUL bytes' <<'EOF2'
$ dbhash > h0
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\r\nX1\tgoods\t1\tpaid\t13800138000\r\n' | cs-order import
! cs-order: stdin:1: carriage return at end of line (CRLF file?)
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\rX1\tgoods\t1\tpaid\t13800138000\r' | cs-order import
! cs-order: stdin:1: carriage return at end of line (CRLF file?)
? 65
$ printf 'customer_phone\tcategory\tsubject\n13800138000\tinquiry\ta\rb\n' | cs-ticket import
! cs-ticket: stdin:2: carriage return in line (CR line ends? a CR in a field is written \r)
? 65
$ printf 'ref:G1\t1\r\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: carriage return at end of line (CRLF file?)
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ printf '\357\273\277customer_phone\tcategory\tsubject\n13800138000\tinquiry\tx\n' | cs-ticket import
! cs-ticket: stdin:1: byte-order mark at the start (save as UTF-8 without BOM)
? 65
$ printf '\357\273\277ref:G1\t1\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: byte-order mark at the start (save as UTF-8 without BOM)
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX\0009\t1\t-1h\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: NUL byte in line
? 65
$ printf 'T1\r\nT\0001\n' | cs-ticket show
! cs-ticket: stdin:1: "T1\r" is not a ticket ID
! cs-ticket: stdin:2: NUL byte in line
? 65
$ dbhash h0
unchanged
EOF2

t 'invalid UTF-8 of every kind in a record is refused' <<'EOF2'
$ dbhash > h0
$ printf 'customer_phone\tcategory\tsubject\n' > u.tsv
$ for b in '\200' '\344\270' '\300\257' '\340\200\257' '\355\240\200' '\364\220\200\200' '\370\210\200\200\200'; do printf "13800138000\tinquiry\ta${b}b\n"; done >> u.tsv
$ cs-ticket import u.tsv
! cs-ticket: u.tsv:2: invalid UTF-8
! cs-ticket: u.tsv:3: invalid UTF-8
! cs-ticket: u.tsv:4: invalid UTF-8
! cs-ticket: u.tsv:5: invalid UTF-8
! cs-ticket: u.tsv:6: invalid UTF-8
! cs-ticket: u.tsv:7: invalid UTF-8
! cs-ticket: u.tsv:8: invalid UTF-8
? 65
$ printf 'ref:G1\t1\tk\t\355\240\200\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: invalid UTF-8
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ printf 'customer_phone\tcategory\tsubject\n13800138000\tinquiry\ta\\xc0\\xafb\n' | cs-ticket import
! cs-ticket: stdin:2: invalid UTF-8 in subject
? 65
$ dbhash h0
unchanged
EOF2

t 'overlong lines, /dev/zero, a directory; a FIFO is read like a file' <<'EOF2'
$ dbhash > h0
$ { printf 'ref:G1\t1\tk1\n'; head -c 70000 /dev/zero | tr '\0' x; printf '\nref:G1\t2\tk2\n'; } > long.tsv
$ cs-refund batch -n -r goodwill long.tsv
O2	1.00	0.00	1.00	goodwill: no fee
O2	2.00	0.00	2.00	goodwill: no fee
! cs-refund: long.tsv:2: line longer than 65536 bytes
! cs-refund: would be: 2 applied, 0 already done, 0 awaiting approval, 1 rejected
? 1
$ cs-refund batch -r goodwill < /dev/zero
! cs-refund: stdin:1: line longer than 65536 bytes, no end in 16 MB: not read further
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 1 rejected
? 65
$ cs-ticket import < /dev/zero
! cs-ticket: stdin:1: line longer than 65536 bytes, no end in 16 MB: not read further
? 65
$ CS_AGENT=fin cs-order import -P /dev/zero
! cs-order: /dev/zero:1: line longer than 65536 bytes, no end in 16 MB: not read further
? 65
$ cs-ticket close < /dev/zero
! cs-ticket: stdin:1: line longer than 65536 bytes, no end in 16 MB: not read further
? 65
$ mkdir d
$ cs-order import d
! cs-order: d: Is a directory
? 66
$ cs-refund batch -r goodwill d
! cs-refund: d: Is a directory
? 66
$ cs-ticket show < d
! cs-ticket: stdin: Is a directory
? 66
$ dbhash h0
unchanged
$ mkfifo f
$ printf 'ref:G1\t1\tfifo\n' > f & cs-refund batch -r goodwill f
R1
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
EOF2

t 'amounts: full-width digits, signs, zero, decimals, exponents, hex, separators, currency, overflow' <<'EOF2'
$ dbhash > h0
$ for a in '１０' '-1' '+1' '0' '0.00' '1.001' '1e2' '0x10' '1,000' '1 000' '¥10' '10元' '10 CNY' '.5' '1.' ' 1' '1 ' '99999999999999999999' '92233720368547758.08'; do printf 'ref:G1\t%s\n' "$a"; done | cs-refund batch -r goodwill
! cs-refund: stdin:1: amount １０: not an amount
! cs-refund: stdin:2: amount -1: negative amounts are not accepted
! cs-refund: stdin:3: amount +1: not an amount
! cs-refund: stdin:4: amount 0: a refund is more than zero
! cs-refund: stdin:5: amount 0.00: a refund is more than zero
! cs-refund: stdin:6: amount 1.001: too many decimals for the currency
! cs-refund: stdin:7: amount 1e2: not an amount
! cs-refund: stdin:8: amount 0x10: not an amount
! cs-refund: stdin:9: amount 1,000: not an amount
! cs-refund: stdin:10: amount 1 000: not an amount
! cs-refund: stdin:11: amount ¥10: not an amount
! cs-refund: stdin:12: amount 10元: not an amount
! cs-refund: stdin:13: amount 10 CNY: not an amount
! cs-refund: stdin:14: amount .5: not an amount
! cs-refund: stdin:15: amount 1.: not an amount
! cs-refund: stdin:16: amount  1: not an amount
! cs-refund: stdin:17: amount 1 : not an amount
! cs-refund: stdin:18: amount 99999999999999999999: amount too large: at most 10000000000.00
! cs-refund: stdin:19: amount 92233720368547758.08: amount too large: at most 10000000000.00
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 19 rejected
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nX1\tgoods\t１\tpaid\t13800138000\nX2\tgoods\t1e3\tpaid\t13800138000\nX3\tgoods\t-0\tpaid\t13800138000\nX4\tgoods\t$5\tpaid\t13800138000\nX5\tgoods\t5\tpaid\t１３８００１３８０００\n' | cs-order import
! cs-order: stdin:2: amount １: not an amount
! cs-order: stdin:3: amount 1e3: not an amount
! cs-order: stdin:4: amount -0: negative amounts are not accepted
! cs-order: stdin:5: amount $5: not an amount
! cs-order: stdin:6: customer_phone １３８００１３８０００: not a mobile phone number
? 65
$ dbhash h0
unchanged
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nHUGE\tgoods\t92233720368547758.07\tpaid\t13800138000\n' | cs-order import
! cs-order: stdin:2: amount 92233720368547758.07: amount too large: at most 10000000000.00
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nHUGE\tgoods\t10000000000\tpaid\t13800138000\n' | cs-order import
! cs-order: stdin:2: O3 paid with nothing paid on record: import its payments (cs-order import -P)
O3
$ printf 'order_ref\ttxn\tamount\tpaid_at\nHUGE\tH1\t92233720368547758.07\t-1h\nHUGE\tH2\t10000000000.01\t-1h\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: amount 92233720368547758.07: amount too large: at most 10000000000.00
! cs-order: stdin:3: amount 10000000000.01: amount too large: at most 10000000000.00
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nHUGE\tH1\t10000000000\t-1h\nHUGE\tH2\t10000000000\t-1h\n' | CS_AGENT=fin cs-order import -P
P3
P4
$ cs-order ls -o ref,paid -k goods
G1	99.90
HUGE	20000000000.00
$ cs-refund request -r goodwill ref:HUGE 1
R2
$ dbhash > h0
$ cs-refund request -r goodwill ref:G1 0x1
! cs-refund: amount 0x1: not an amount
? 65
$ cs-refund quote ref:G1 1e1
! cs-refund: amount 1e1: not an amount
? 65
$ dbhash h0
unchanged
EOF2

t 'impossible dates and times in records' <<'EOF2'
$ dbhash > h0
$ printf 'customer_phone\tcategory\tsubject\tcreated_at\n' > d.tsv
$ for d in 2026-02-30 2026-02-29 '2026-11-20 24:00' '2026-11-20 25:61' '2026-11-20 23:59:60' 0000-01-01 '２０２６-11-20' '2026-11-20T10:00+25:00' 1763600000; do printf '13800138000\tinquiry\tx\t%s\n' "$d"; done >> d.tsv
$ cs-ticket import d.tsv
! cs-ticket: d.tsv:2: created_at 2026-02-30: day out of range
! cs-ticket: d.tsv:3: created_at 2026-02-29: day out of range
! cs-ticket: d.tsv:4: created_at 2026-11-20 24:00: time of day out of range
! cs-ticket: d.tsv:5: created_at 2026-11-20 25:61: time of day out of range
! cs-ticket: d.tsv:6: created_at 2026-11-20 23:59:60: time of day out of range
! cs-ticket: d.tsv:7: created_at 0000-01-01: year out of range
! cs-ticket: d.tsv:8: created_at ２０２６-11-20: not a time
! cs-ticket: d.tsv:9: created_at 2026-11-20T10:00+25:00: bad UTC offset
! cs-ticket: d.tsv:10: created_at 1763600000: not a time
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tTX9\t1\t2026-02-30\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: paid_at 2026-02-30: day out of range
? 65
$ dbhash h0
unchanged
EOF2

t 'unknown, zero, negative and oversized IDs' <<'EOF2'
$ dbhash > h0
$ printf 'T0\nT-1\nT99999999999999999999\nT9223372036854775807\nT2\nt1\n1.0\n+1\nO1\n' | cs-ticket close
! cs-ticket: stdin:1: T0 is not a ticket ID
! cs-ticket: stdin:2: T-1 is not a ticket ID
! cs-ticket: stdin:3: T99999999999999999999 is not a ticket ID
! cs-ticket: T9223372036854775807: no such ticket
! cs-ticket: T2: no such ticket
! cs-ticket: stdin:6: t1 is not a ticket ID
! cs-ticket: stdin:7: 1.0 is not a ticket ID
! cs-ticket: stdin:8: +1 is not a ticket ID
! cs-ticket: stdin:9: O1 is an order, not a ticket
? 1
$ printf 'O0\t1\nO-1\t1\nO99999999999999999999\t1\nO9223372036854775807\t1\nref:\t1\nref:%%\t1\n' | cs-refund batch -r goodwill
! cs-refund: stdin:1: O0 is not an order ID
! cs-refund: stdin:2: O-1 is not an order ID
! cs-refund: stdin:3: O99999999999999999999 is not an order ID
! cs-refund: stdin:4: O9223372036854775807: no such order
! cs-refund: stdin:5: ref:: no such order
! cs-refund: stdin:6: ref:%: no such order
! cs-refund: 0 applied, 0 already done, 0 awaiting approval, 6 rejected
? 1
$ printf 'R0\tok\tX\nR9\tok\tX\n' | CS_AGENT=fin cs-refund settle
! cs-refund: stdin:1: R0 is not a refund ID
! cs-refund: stdin:2: R9: no such refund
? 1
$ cs-escalate ack E0 E9223372036854775807 E9223372036854775808
! cs-escalate: E0 is not an escalation ID
! cs-escalate: E9223372036854775807: no such escalation
! cs-escalate: E9223372036854775808 is not an escalation ID
? 1
$ dbhash h0
unchanged
EOF2

done_testing
