#!/bin/sh
# `currency CODE` in cs.conf: the desk's own currency.  The file's
# amounts are read in it (JPY has no minor unit: `fixed 500` is 500
# yen, `fixed 5.5` a line-numbered error), approval limits count in it,
# and an order in another currency keeps the refusal, naming the
# desk's currency.  12306's built-in rail schedule stays CNY.  Money of
# a yen order prints as yen wherever it goes: cancel-fee, its -o and -j,
# the audit record of a cancelled ride.
. "$(dirname "$0")/lib.sh"

cat >> "$CS_CONF" <<'CONF'
currency JPY
refund-limit agent 500
fee goods band 0 fixed 500
ride-cancel * fee=3000 arrived-fee=1000 reserved-fee=1000
CONF

t 'a fixed fee of the file is yen, and so is an order without a currency' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\n' > o.tsv
$ printf 'G1\tgoods\t10000\tpaid\t13800138000\t张三\n' >> o.tsv
$ cs-order import -q o.tsv 2>unpaid; grep -c "with nothing paid on record" unpaid
1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG1\tT1\t10000\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order ls -o id,amount,currency
O1	10000	JPY
$ cs-refund quote -o amount,fee,refund,currency,rule ref:G1
10000	500	9500	JPY	goods: any time, fixed 500
$ cs-report config | grep -e '^currency' -e '^fee goods band' -e '^refund-limit agent'
currency JPY
fee goods band 0 fixed 500
refund-limit agent 500
EOF

t 'a limit in yen: 600 yen waits for someone whose limit covers it, 400 does not' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\n' > o2.tsv
$ printf 'G2\tdeposit\t600\tJPY\tpaid\t13800138000\t张三\nG3\tdeposit\t400\tJPY\tpaid\t13800138000\t张三\n' >> o2.tsv
$ cs-order import -q o2.tsv 2>unpaid; grep -c "with nothing paid on record" unpaid
2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nG2\tT2\t600\t2026-11-20 09:00\nG3\tT3\t400\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund request -r deposit ref:G2 full
R1
$ cs-refund request -r deposit ref:G3 full
R2
$ cs-refund ls -o id,amount,status,currency
R1	600	requested	JPY
R2	400	approved	JPY
$ CS_AGENT=bob cs-refund approve R1
! cs-refund: R1: 600 is above bob's limit of 500
? 77
$ CS_AGENT=root cs-refund approve R1
R1
EOF

t 'the built-in supervisor limit is yuan: on a yen desk it is 0 until the file says' <<'EOF'
$ cs-report config | grep '^refund-limit supervisor'
refund-limit supervisor 0
$ cp "$CS_CONF" s.conf && echo 'refund-limit supervisor 20000' >> s.conf
$ cs-report -c s.conf config | grep '^refund-limit supervisor'
refund-limit supervisor 20000
EOF

t 'a yuan order on a yen desk: the fixed fee and the limit are refused, naming JPY' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\n' > c.tsv
$ printf 'C1\tgoods\t100\tCNY\tpaid\t13800138000\t张三\n' >> c.tsv
$ cs-order import -q c.tsv 2>unpaid; grep -c "with nothing paid on record" unpaid
1
$ printf 'order_ref\ttxn\tamount\tpaid_at\nC1\tT4\t100\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund quote ref:C1
! cs-refund: O4: goods: any time, fixed 500: an amount in JPY, the order is in CNY and the fee schedule has no CNY amount (cs never converts currencies)
? 65
$ cs-refund request -r goodwill ref:C1 2
R3
$ cs-refund ls -o id,amount,status,currency -O ref:C1
R3	2.00	requested	CNY
$ CS_AGENT=carol cs-refund approve R3
! cs-refund: R3: O4 is in CNY: approval limits are amounts in JPY, so carol's limit does not cover it
? 77
EOF

t 'the built-in 12306 rail schedule stays CNY on a yen desk, and says so' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > r.tsv
$ printf 'J1\trail\t10000\tJPY\tissued\t13800138000\t张三\t2026-11-30 10:00\n' >> r.tsv
$ printf 'C2\trail\t100\tCNY\tissued\t13800138000\t张三\t2026-11-30 10:00\n' >> r.tsv
$ cs-order import -q r.tsv 2>unpaid; grep -c "with nothing paid on record" unpaid
2
$ printf 'order_ref\ttxn\tamount\tpaid_at\nJ1\tT5\t10000\t2026-11-20 09:00\nC2\tT6\t100\t2026-11-20 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-refund quote -o amount,fee,currency,rule ref:C2
100.00	5.00	CNY	rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00
$ cs-refund quote ref:J1
! cs-refund: O5: rail: 2d or more before service, 5%, rounded to 0.50, at least 2.00: an amount in CNY, the order is in JPY and the fee schedule has no JPY amount (cs never converts currencies)
? 65
$ cs-report config | grep -e '^# fee rail' -e '^fee rail minimum'
# fee rail: its amounts are CNY (12306's built-in rule), not the desk's JPY
# fee rail minimum 2.00
# fee rail rounding 0.50 nearest
$ cs-report config | grep -e '^# compensate' -e '^# invoice' -e 'ride-cancel \*'
# invoice-postage: in CNY (an invoice is a fapiao), not the desk's JPY
ride-cancel * free=2m fee=3000 arrived-fee=1000 reserved-free=1h reserved-fee=1000 late=15m
# compensate: the built-in rules, in CNY, not the desk's JPY
# compensate lost value 3000.00
# compensate damaged share 50.00%
# compensate late coupon 5.00
$ cs-report config > rb.conf && cs-report -c rb.conf config | sed 1d > rb2 && cs-report config | sed 1d | cmp - rb2 && echo reads back
reads back
$ cp "$CS_CONF" y.conf && echo 'fee rail minimum 300' >> y.conf
$ cs-refund -c y.conf quote -o amount,fee,currency,rule ref:J1
10000	500	JPY	rail: 2d or more before service, 5%, at least 300
EOF

t 'cancel-fee of a yen ride: 3000 yen is 3000 in the table, -o, -j and the history' <<'EOF'
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcity\n' > d.tsv
$ printf 'D1\tride\t5000\tJPY\taccepted\t13800138000\tshanghai\n' >> d.tsv
$ CS_NOW='2026-11-23 09:50' cs-order import -q d.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nD1\tT7\t5000\t2026-11-23 09:50\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order cancel-fee ref:D1
O7	5000	3000	*: 2m or more after the driver accepted, fixed 3000
$ cs-order cancel-fee -o fee,amount ref:D1
3000	5000
$ cs-order cancel-fee -j ref:D1
{"order":"O7","amount":"5000","fee":"3000","rule":"*: 2m or more after the driver accepted, fixed 3000"}
$ cs-refund quote -o amount,fee,refund ref:D1
5000	3000	2000
$ cs-order status -q cancelled ref:D1
$ cs-order cancel-fee -o amount,fee ref:D1
5000	3000
$ cs-order history ref:D1 | grep -o '"cancel_fee":"[^"]*"'
"cancel_fee":"3000"
EOF

t 'a coupon is the desk money: 300 yen is 300 in grant ls, show and the customer view' <<'EOF'
$ CS_AGENT=root cs-refund grant add -q -t coupon -r goodwill C1 300
$ cs-refund grant ls -o id,kind,value,worth
G1	coupon	300	300
$ cs-refund grant show -j G1 | grep -o '"value":"[^"]*","worth":"[^"]*"'
"value":"300","worth":"300"
"value":"300","worth":"300"
$ cs-order customer show C1 | grep -E '  (O1|O4|R1|G1) '
  2026-11-23 10:00  O4       paid          open         100.00  goods C1
  2026-11-23 10:00  O1       paid                        10000  goods G1
  2026-11-23 10:00  R3       requested     open           2.00  O4 goodwill
  2026-11-23 10:00  R1       approved      open            600  O2 deposit
  2026-11-23 10:00  G1       approved                      300  coupon goodwill
$ cs-order customer show -j C1 | grep -o '"record":"O1"[^}]*}'
"record":"O1","type":"order","status":"paid","mark":null,"amount":"10000","detail":"goods G1","currency":"JPY"}
EOF

t 'currency: an unknown code, an amount with yen decimals, and its place' <<'EOF'
$ printf 'currency XYZ\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:1: currency XYZ: not an ISO 4217 code cs knows (CNY, HKD, USD, EUR, JPY, KRW, ...; see cs.conf(5))
? 78
$ printf 'currency JPY\nfee goods band 0 fixed 5.5\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:2: fee goods band: 5.5: too many decimals for the currency (amounts here are JPY)
? 78
$ printf 'currency JPY\nrefund-limit agent 0.5\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:2: refund-limit agent: 0.5: too many decimals for the currency (amounts here are JPY)
? 78
$ printf 'currency JPY\nride-cancel tokyo fee=0.5\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:2: ride-cancel tokyo fee=0.5: too many decimals for the currency (amounts here are JPY)
? 78
$ printf 'currency JPY\nride-cancel tokyo fee=300\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:2: ride-cancel tokyo: its fees are CNY (the built-in ones); on a desk in JPY give fee=, arrived-fee= and reserved-fee= together
? 78
$ printf 'refund-limit agent 500\ncurrency JPY\n' > bad.conf
$ cs-order -c bad.conf ls
! cs-order: bad.conf:2: currency JPY: after the amount at bad.conf:1, which was read in CNY; write currency before every amount
? 78
$ printf 'refund-limit agent 500\ninclude more.conf\n' > bad.conf && printf 'currency JPY\n' > more.conf
$ cs-order -c bad.conf ls
! cs-order: ./more.conf:1: currency JPY: after the amount at bad.conf:1, which was read in CNY; write currency before every amount
? 78
$ printf 'agent-env yes\nrefund-limit agent none\ncurrency JPY\nrefund-limit agent 500\ncurrency JPY\n' > ok.conf
$ cs-report -c ok.conf config | grep -e '^currency' -e '^refund-limit agent'
currency JPY
refund-limit agent 500
EOF

t 'a yen membership paid in part: the refusal counts yen, not yuan' <<'EOF'
$ printf 'tier free basic pro team\n' >> cs.conf
$ printf 'ref\tkind\tamount\tcurrency\tstatus\tcustomer_phone\tcustomer_name\titem\nM1\tmembership\t3000\tJPY\tplaced\t13700137000\t王五\tpro\n' | cs-order import
O8
$ printf 'order_ref\ttxn\tamount\tpaid_at\nM1\tTM1\t1000\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P -q
$ cs-order status paid ref:M1
O8
$ cs-order status active ref:M1
! cs-order: O8: paid 1000 of 3000: a membership is active only when paid in full (no credit for the old tier)
? 65
EOF
done_testing
