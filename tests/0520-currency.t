#!/bin/sh
# Every currency in its ISO 4217 minor units: a JPY order of 10000 is
# 10000 yen from import to report, a KWD amount has three decimals, and
# no total adds two currencies.
. "$(dirname "$0")/lib.sh"

t 'a yen order is yen on import, ls and show' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\n' > o.tsv
$ printf 'J1\tgoods\t10000\tJPY\tpaid\t13800138000\t张三\n' >> o.tsv
$ printf 'C1\tgoods\t99.5\tCNY\tpaid\t13800138000\t张三\n' >> o.tsv
$ printf 'K1\tgoods\t12.345\tKWD\tpaid\t13800138000\t张三\n' >> o.tsv
$ cs-order import -q o.tsv
! cs-order: o.tsv:2: O1 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:3: O2 paid with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
$ cs-order ls -o id,amount,currency
O1	10000	JPY
O2	99.50	CNY
O3	12.345	KWD
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\n' > bad.tsv
$ printf 'J2\tgoods\t10000.5\tJPY\tpaid\t13800138000\n' >> bad.tsv
$ printf 'J3\tgoods\t1000000000001\tJPY\tpaid\t13800138000\n' >> bad.tsv
$ printf 'K2\tgoods\t1.2345\tKWD\tpaid\t13800138000\n' >> bad.tsv
$ printf 'X1\tgoods\t1\tXXX\tpaid\t13800138000\n' >> bad.tsv
$ cs-order import bad.tsv
! cs-order: bad.tsv:2: amount 10000.5: too many decimals for the currency
! cs-order: bad.tsv:3: amount 1000000000001: amount too large: at most 1000000000000
! cs-order: bad.tsv:4: amount 1.2345: too many decimals for the currency
! cs-order: bad.tsv:5: currency "XXX": unknown
? 65
EOF

t 'payments are in their order currency, shown so' <<'EOF'
$ printf 'order_ref\ttxn\tamount\tpaid_at\tchannel\n' > p.tsv
$ printf 'J1\tT1\t10000\t2026-11-20 09:00\talipay\n' >> p.tsv
$ printf 'J1\tT2\t10000\t2026-11-20 09:01\talipay\n' >> p.tsv
$ printf 'C1\tT3\t99.5\t2026-11-20 09:00\talipay\n' >> p.tsv
$ printf 'K1\tT4\t12.345\t2026-11-20 09:00\talipay\n' >> p.tsv
$ CS_AGENT=fin cs-order import -P -q p.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nJ1\tT5\t1.5\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: amount 1.5: too many decimals for the currency
? 65
$ cs-order ls -o id,amount,paid,refunded,currency
O1	10000	20000	0	JPY
O2	99.50	99.50	0.00	CNY
O3	12.345	12.345	0.000	KWD
$ cs-order show ref:J1 | sed -n '/^amount/p; /^paid  /p; /^payments/,/^refunds/p'
amount    10000
paid      20000
payments
  P1  2026-11-20 09:00       10000  ok      T1
  P2  2026-11-20 09:01       10000  ok      T2

refunds
$ cs-order show -j ref:J1 | grep -o '"payments":\[{[^}]*}'
"payments":[{"id":"P1","txn":"T1","amount":"10000","status":"ok","channel":"alipay","paid":"2026-11-20T09:00:00+08:00"}
$ cs-order history -o detail ref:J1
{"ref":"J1","kind":"goods","status":"paid","amount":"10000","currency":"JPY"}
{"payment":"P1","txn":"T1","amount":"10000","status":"ok"}
{"payment":"P2","txn":"T2","amount":"10000","status":"ok"}
EOF

# Approval limits are CNY amounts: refunds in yen and dinars are let go
# of by someone without a limit (0523 shows alice's waiting).
t 'quote, check, refund and export in yen' <<'EOF'
$ cs-refund quote ref:J1
O1	20000	0	20000	goods: any time, free; fee on the price 10000, the 10000 paid beyond it returned whole
$ cs-refund quote -o amount,currency ref:K1
12.345	KWD
$ cs-order check --dup
O1	10000	dup:P2	duplicate payment T2
$ cs-order check --dup | CS_AGENT=root cs-refund batch -r duplicate-payment
R1
! cs-refund: 1 applied, 0 already done, 0 awaiting approval, 0 rejected
$ CS_AGENT=root cs-refund request -r goodwill ref:J1 20.5
! cs-refund: amount 20.5: too many decimals for the currency
? 65
$ CS_AGENT=root cs-refund request -r goodwill ref:J1 200
R2
$ CS_AGENT=root cs-refund request -r goodwill ref:K1 1.005
R3
$ cs-refund ls -o id,order,amount,fee,key,currency
R1	O1	10000	0	dup:P2	JPY
R2	O1	200	0	O1:200:goodwill	JPY
R3	O3	1.005	0.000	O3:1005:goodwill	KWD
$ cs-refund show R2 | sed -n '/^amount/p; /^currency/p'
amount    200
currency  JPY
$ CS_AGENT=fin cs-refund export
R1	J1	10000	JPY	dup:P2
R2	J1	200	JPY	O1:200:goodwill
R3	K1	1.005	KWD	O3:1005:goodwill
$ CS_AGENT=fin cs-refund export --again 1 -M csv | tr -d '\r'
refund,order_ref,amount,currency,key
R1,J1,10000,JPY,dup:P2
R2,J1,200,JPY,O1:200:goodwill
R3,K1,1.005,KWD,O3:1005:goodwill
$ cs-refund ls -o id,amount,fee,currency -M csv | tr -d '\r'
id,amount,fee,currency
R1,10000,0,JPY
R2,200,0,JPY
R3,1.005,0.000,KWD
$ cs-order ls -o id,amount,currency -M excel | tr -d '\r' | sed 1d
O1,10000,JPY
O2,99.50,CNY
O3,12.345,KWD
EOF

t 'on a terminal, rows after the first screenful are in their currency too' <<'EOF'
$ script -qec "env LINES=2 CS_PAGER= cs-refund ls -o id,amount,currency" /dev/null | tr -d '\r' | sed 's/  *$//'
ID  AMOUNT  CURRENCY
R1   10000  JPY
R2     200  JPY
R3   1.005  KWD
EOF

t 'a report has a row per currency, never a sum of two' <<'EOF'
$ cs-refund request -r goodwill ref:C1 9.5
R4
$ cs-report -H refunds --day today -o group,refunds,amount,net,currency
group	refunds	amount	net	currency
duplicate-payment	1	10000	10000	JPY
goodwill	1	9.50	9.50	CNY
goodwill	1	200	200	JPY
goodwill	1	1.005	1.005	KWD
all	1	9.50	9.50	CNY
all	2	10200	10200	JPY
all	1	1.005	1.005	KWD
EOF
