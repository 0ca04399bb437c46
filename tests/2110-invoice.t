#!/bin/sh
# Invoices (the cloud-drive desk): for a paid order, order amount + tax +
# postage in fen, requested -> issued -> mailed, exported at month end.
. "$(dirname "$0")/lib.sh"

t 'an invoice is for an order paid in full' <<'EOF'
$ cs-order add -C 13700137000 -N 王五 membership 88.88 -i vip1 M1
O1
$ cs-order invoice request -n 某某科技有限公司 -a 北京市海淀区中关村1号 -p 010-62345678 -r 王五 O1
! cs-order: O1: paid 0.00 of 88.88: an invoice is only for an order paid in full
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTX1\t88.88\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P1
$ CS_AGENT=carol cs-refund request -r goodwill O1 0.01 >/dev/null
$ cs-order invoice request -n 某某科技有限公司 -a 北京市海淀区中关村1号 -p 010-62345678 -r 王五 O1
! cs-order: O1: paid 88.87 of 88.88: an invoice is only for an order paid in full
? 65
$ cs-order invoice ls
EOF

t 'the amount: order + 6% tax rounded half up to the fen + 50 yuan postage' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137000 -T TX2 goods 88.88 G1
O2
$ cs-order invoice request -n 某某科技有限公司 -a 北京市海淀区中关村1号 -p 010-62345678 -r 王五 ref:G1
I1
$ cs-order invoice ls -H
id	order	company	amount	tax	postage	total	status
I1	O2	某某科技有限公司	88.88	5.33	50.00	144.21	requested
$ cs-order invoice show I1 | sed -n '1,2p;6,14p'
invoice   I1
order     O2
phone     010*****5678
contact   王*
amount    88.88
tax       5.33
postage   50.00
total     144.21
status    requested
requested 2026-11-23 10:00
tax_rate  6.00
$ cs-order invoice request -n 某某科技有限公司 -a 北京市海淀区中关村1号 -p 010-62345678 -r 王五 O2
! cs-order: O2: already invoiced as I1
? 65
$ cs-order history O2 -o action
order.new
order.payment
order.invoice
EOF

t 'a configured rate and postage; half a fen rounds up' <<'EOF'
$ printf 'invoice-tax 2%%\ninvoice-postage 0\n' >> cs.conf
$ CS_AGENT=fin cs-order add -C 13700137000 -T TX3 goods 0.25 G2
O3
$ cs-order invoice request -n 某某科技有限公司 -a 北京 -p 62345678 -r 王五 O3
I2
$ cs-order invoice ls -o id,amount,tax,postage,total,tax_rate -O O3
I2	0.25	0.01	0.00	0.26	2.00
$ cs-report config | grep '^invoice'
invoice-tax 2.00%
invoice-postage 0.00
$ printf 'invoice-tax 6.5%%%%\n' > bad.conf
$ cs-order -c bad.conf invoice ls
! cs-order: bad.conf:1: invoice-tax 6.5%%: not an amount
? 78
$ printf 'invoice-tax 101%%\n' > bad.conf
$ cs-order -c bad.conf invoice ls
! cs-order: bad.conf:1: invoice-tax 101%: more than 100%
? 78
$ printf 'invoice-postage 50 yuan\n' > bad.conf
$ cs-order -c bad.conf invoice ls
! cs-order: bad.conf:1: usage: invoice-postage AMOUNT
? 78
EOF

t 'bad requests change nothing' <<'EOF'
$ cs-order invoice request -n 公司 -a 地址 -p 62345678 -r 王五 O99
! cs-order: O99: no such order
? 66
$ cs-order invoice request -n 公司 -a 地址 -p 62345678 -r 王五 T1
! cs-order: T1 is a ticket, not an order
? 65
$ cs-order invoice request -a 地址 -p 62345678 -r 王五 O1
! cs-order: an invoice needs the company name (-n)
? 65
$ cs-order invoice request -n 公司 -a 地址 -p 6234-5678x -r 王五 O1
! cs-order: phone 6234-5678x: digits, '-' and a leading '+'
? 65
$ cs-order invoice request -n "$(printf '公\t司')" -a 地址 -p 62345678 -r 王五 O1
! cs-order: control character in company name (-n)
? 65
$ cs-order invoice request -n 公司 -a 地址 -p 62345678 O1 O2
! usage: cs-order invoice request -n company -a address -p phone -r contact order
! usage: cs-order invoice issue -n number [invoice ...]
! usage: cs-order invoice mail -t tracking [invoice ...]
! usage: cs-order invoice ls [-s status] [-O order]
! usage: cs-order invoice show [invoice ...]
! usage: cs-order invoice export [--month month]
? 64
$ cs-order invoice ls -o id
I1
I2
EOF

t 'requested -> issued -> mailed, each once and in order' <<'EOF'
$ cs-order invoice mail -t SF1234567 I1
! cs-order: I1 is requested: only an issued invoice is mailed
? 65
$ cs-order invoice issue -n 04401234 I1
I1
$ cs-order invoice issue -n 04401234 I1
I1
$ cs-order invoice issue -n 04409999 I1
! cs-order: I1 is issued with invoice number 04401234, not 04409999
? 65
$ cs-order invoice mail -t 'SF 1' I1
! cs-order: tracking number "SF 1": letters, digits, '.', '-', '_'
? 65
$ cs-order invoice mail -t SF1234567 I1
I1
$ cs-order invoice mail -t SF1234567 I1
I1
$ cs-order invoice issue -n 04401234 I1
I1
$ cs-order invoice ls -s mailed -o id,number,tracking
I1	04401234	SF1234567
$ cs-report audit I1 -o action
invoice.request
invoice.issue
invoice.mail
$ cs-order invoice issue -n 04409998 I9 O1
! cs-order: I9: no such invoice
! cs-order: O1 is an order, not an invoice
? 1
$ cs-order history I1 -o action 2>&1 | head -1
cs-order: I1 is an invoice, not an order
EOF

t 'month-end export: the month'\''s requested invoices as TSV, for finance' <<'EOF'
$ cs-order invoice export
! cs-order: invoice export: not permitted for alice
? 77
$ CS_AGENT=carol cs-order invoice export -H
id	order	ref	company	address	phone	contact	amount	tax	postage	total	requested
I2	O3	G2	某某科技有限公司	北京	62345678	王五	0.25	0.01	0.00	0.26	2026-11-23T10:00:00+08:00
$ CS_AGENT=carol cs-order invoice export --month 2026-10
$ CS_AGENT=carol CS_NOW='2026-12-01 09:00' cs-order invoice export -o id
$ CS_AGENT=carol CS_NOW='2026-12-01 09:00' cs-order invoice export -o id --month 2026-11
I2
$ CS_AGENT=carol cs-order invoice export --month soon
! cs-order: --month soon: not a time
? 64
$ cs-report audit -o agent,action | grep invoice.export
carol	invoice.export
carol	invoice.export
carol	invoice.export
carol	invoice.export
$ CS_AGENT=carol cs-order invoice export -o id | cs-order invoice issue -n 04405678
I2
$ cs-order invoice ls -o id,status
I1	mailed
I2	issued
EOF

t 'issuing needs the invoice number, its own; mailing needs the tracking number' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137000 -T TX4 goods 10.00 G3 >/dev/null
$ cs-order invoice request -n 某某科技有限公司 -a 北京 -p 62345678 -r 王五 ref:G3
I3
$ dbhash > before
$ cs-order invoice issue I3
! cs-order: invoice issue: needs the invoice number (-n)
! usage: cs-order invoice request -n company -a address -p phone -r contact order
! usage: cs-order invoice issue -n number [invoice ...]
! usage: cs-order invoice mail -t tracking [invoice ...]
! usage: cs-order invoice ls [-s status] [-O order]
! usage: cs-order invoice show [invoice ...]
! usage: cs-order invoice export [--month month]
? 64
$ cs-order invoice issue -n '' I3
! cs-order: invoice issue: needs the invoice number (-n)
! usage: cs-order invoice request -n company -a address -p phone -r contact order
! usage: cs-order invoice issue -n number [invoice ...]
! usage: cs-order invoice mail -t tracking [invoice ...]
! usage: cs-order invoice ls [-s status] [-O order]
! usage: cs-order invoice show [invoice ...]
! usage: cs-order invoice export [--month month]
? 64
$ cs-order invoice issue -n 04401234 I3
! cs-order: I3: invoice number 04401234 is I1's
? 65
$ cs-order invoice mail I2
! cs-order: invoice mail: needs the tracking number (-t)
! usage: cs-order invoice request -n company -a address -p phone -r contact order
! usage: cs-order invoice issue -n number [invoice ...]
! usage: cs-order invoice mail -t tracking [invoice ...]
! usage: cs-order invoice ls [-s status] [-O order]
! usage: cs-order invoice show [invoice ...]
! usage: cs-order invoice export [--month month]
? 64
$ dbhash | cmp - before
$ cs-order invoice issue -n 04400003 I3
I3
EOF

t 'an order refunded in full: its invoice is left out of the export, by name, and not issued' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13700137000 -T TX5 goods 20.00 G4 >/dev/null
$ cs-order invoice request -n 某某科技有限公司 -a 北京 -p 62345678 -r 王五 ref:G4
I4
$ CS_AGENT=carol cs-refund request -r goodwill ref:G4 full >/dev/null
$ CS_AGENT=carol cs-order invoice export -o id,order
! cs-order: I4: O5 is refunded in full: left out
$ cs-report audit -o action,detail | grep invoice.export | tail -1 | grep -o '"refunded_left_out":1'
"refunded_left_out":1
$ cs-order invoice issue -n 04400004 I4
! cs-order: I4: O5 is refunded in full: no invoice is issued for it
? 65
$ cs-order invoice ls -o id,status -O O5
I4	requested
EOF

done_testing
