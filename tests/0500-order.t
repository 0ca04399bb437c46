#!/bin/sh
# cs-order: importing orders and payments, listing, showing, checking.
. "$(dirname "$0")/lib.sh"

t 'orders import once; the same file again changes nothing' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\tcustomer_name\tservice_at\n' > o.tsv
$ printf 'E100\trail\t204.95\tissued\t13800138000\t张三\t2026-11-26 10:00\n' >> o.tsv
$ printf 'E101\trail\t50\tfailed\t13900139000\t李四\t2026-11-24 08:00\n' >> o.tsv
$ printf 'G1\tgoods\t99.9\tpaid\t13800138000\t\t\n' >> o.tsv
$ cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
O1
O2
O3
$ cs-order import o.tsv
! cs-order: o.tsv:2: O1 issued with nothing paid on record: import its payments (cs-order import -P)
! cs-order: o.tsv:4: O3 paid with nothing paid on record: import its payments (cs-order import -P)
$ cs-order ls -o id,ref,kind,status,amount,customer
O1	E100	rail	issued	204.95	C1
O2	E101	rail	failed	50.00	C2
O3	G1	goods	paid	99.90	C1
EOF

t 'a changed status is recorded in the history' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\nG1\tgoods\t99.90\tshipped\t13800138000\n' | cs-order import
! cs-order: stdin:2: O3 shipped with nothing paid on record: import its payments (cs-order import -P)
O3
$ cs-order history -o action,detail ref:G1
order.new	{"ref":"G1","kind":"goods","status":"paid","amount":"99.90","currency":"CNY"}
order.status	{"from":"paid","to":"shipped"}
EOF

t 'bad order lines are reported and change nothing' <<'EOF'
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\n' > bad.tsv
$ printf 'G1\tgoods\t98.00\tshipped\t13800138000\n' >> bad.tsv
$ printf 'X1\tplane\t10\tpaid\t13800138000\n' >> bad.tsv
$ printf 'X2\trail\t10\tflying\t13800138000\n' >> bad.tsv
$ printf 'X3\trail\t10.001\tpaid\t13800138000\n' >> bad.tsv
$ printf 'X4\trail\t-10\tpaid\t13800138000\n' >> bad.tsv
$ printf 'X5\trail\t99999999999999999999\tpaid\t13800138000\n' >> bad.tsv
$ printf 'X6\trail\t10\tpaid\t1380013800\n' >> bad.tsv
$ printf 'X 7\trail\t10\tpaid\t13800138000\n' >> bad.tsv
$ cs-order import bad.tsv
! cs-order: bad.tsv:2: ref G1: already O3, goods 99.90 CNY; not goods 98.00 CNY
! cs-order: bad.tsv:3: unknown order kind "plane" (rail ride goods membership deposit)
! cs-order: bad.tsv:4: rail orders have no status "flying" (booked paid issued used failed cancelled refunded)
! cs-order: bad.tsv:5: amount 10.001: too many decimals for the currency
! cs-order: bad.tsv:6: amount -10: negative amounts are not accepted
! cs-order: bad.tsv:7: amount 99999999999999999999: amount too large: at most 10000000000.00
! cs-order: bad.tsv:8: customer_phone 1380013800: not a mobile phone number
! cs-order: bad.tsv:9: ref "X 7": not an order reference (1 to 63 letters, digits, '.', '-', '_', not starting with '.' or '-')
? 65
$ printf 'ref\tkind\tamonut\tstatus\tcustomer_phone\n' | cs-order import
! cs-order: stdin:1: unknown column "amonut"
? 65
$ cs-order ls | wc -l
3
EOF

t 'payments: several per order, a txn only once' <<'EOF'
$ printf 'order_ref\ttxn\tamount\tpaid_at\tchannel\n' > p.tsv
$ printf 'E100\tTX1\t204.95\t2026-11-20 09:00\talipay\n' >> p.tsv
$ printf 'E100\tTX2\t204.95\t2026-11-20 09:01\talipay\n' >> p.tsv
$ printf 'E101\tTX3\t50\t2026-11-20 10:00\twechat\n' >> p.tsv
$ printf 'G1\tTX4\t99.90\t-1d\t\n' >> p.tsv
$ CS_AGENT=fin cs-order import -P p.tsv
P1
P2
P3
P4
$ CS_AGENT=fin cs-order import -P p.tsv
$ printf 'order_ref\ttxn\tamount\tpaid_at\nE100\tTX1\t1.00\t2026-11-20 09:00\nE999\tTX9\t1\tnow\nE100\tTX8\t0\tnow\nE100\tTX7\t5\tsoon\n' | CS_AGENT=fin cs-order import -P
! cs-order: stdin:2: txn TX1: already P1, 204.95 on O1, ok
! cs-order: stdin:3: ref:E999: no such order
! cs-order: stdin:4: amount 0: a payment is more than zero
! cs-order: stdin:5: paid_at soon: not a time
? 1
$ cs-order ls -o id,paid,refunded -C 13800138000
O1	409.90	0.00
O3	99.90	0.00
EOF

t 'check finds duplicate payments and failed orders holding money' <<'EOF'
$ cs-order check --dup
O1	204.95	dup:P2	duplicate payment TX2
$ cs-order check --failed
O2	50.00	held:O2:5000	rail order failed, holding 50.00
$ cs-order check
! usage: cs-order check [--dup] [--failed] [--stuck] [--unpaid]
? 64
EOF

t 'show and ls find an order by ID, reference or customer' <<'EOF'
$ cs-order show ref:E101 | sed -n '1,4p'
id        O2
ref       E101
kind      rail
status    failed
$ cs-order ls -o id -s failed
O2
$ cs-order ls -o id -k goods
O3
$ cs-order ls -o id -S '2026-11-23 10:00' -u '2026-11-23 10:01' | wc -l
3
$ cs-order ls -o id -S tomorrow
! cs-order: -S tomorrow: not a time
? 64
$ cs-order ls -o id,ref -O ref:E100
O1	E100
$ cs-order show E100
! cs-order: E100 is an escalation, not an order
? 65
$ cs-order show O9 T1
! cs-order: O9: no such order
! cs-order: T1 is a ticket, not an order
? 1
$ cs-order show -j ref:E101 O1 | sed 's/,"service".*"payments"/ ... "payments"/; s/,"refunds".*//'
{"id":"O2","ref":"E101","kind":"rail","status":"failed","amount":"50.00","currency":"CNY","customer":"C2" ... "payments":[{"id":"P3","txn":"TX3","amount":"50.00","status":"ok","channel":"wechat","paid":"2026-11-20T10:00:00+08:00"}]
{"id":"O1","ref":"E100","kind":"rail","status":"issued","amount":"204.95","currency":"CNY","customer":"C1" ... "payments":[{"id":"P1","txn":"TX1","amount":"204.95","status":"ok","channel":"alipay","paid":"2026-11-20T09:00:00+08:00"},{"id":"P2","txn":"TX2","amount":"204.95","status":"ok","channel":"alipay","paid":"2026-11-20T09:01:00+08:00"}]
$ cs-order show -j O1 | grep -o '"refunds":\[[^]]*\],"tickets":\[[^]]*\]'
"refunds":[],"tickets":[]
$ cs-order show -j O1 | grep -o '"action":"[^"]*"'
"action":"order.new"
"action":"order.payment"
"action":"order.payment"
EOF

t 'add an order by hand; move it along its state machine' <<'EOF'
$ cs-order add -C 13800138000 goods 59.90 TB1001
O4
$ cs-order add -C 13800138000 goods 59.90 TB1001
! cs-order: ref TB1001: already O4
? 65
$ cs-order add -C 13800138000 goods 0 TB1002
! cs-order: amount 0: an order is more than zero
? 65
$ cs-order add -C 13800138000 plane 10 X9
! cs-order: unknown order kind "plane" (rail ride goods membership deposit)
? 65
$ cs-order add goods 1 X9
! usage: cs-order add -C customer [-N name] [-i item] [-s status] [-S service] [-L city] [-P pickup] [-D destination] [-T txn] kind amount ref
? 64
$ cs-order status shipped ref:TB1001
! cs-order: O4 is placed: a goods order can go to paid, cancelled
? 65
$ cs-order status paid ref:TB1001
! cs-order: O4: nothing was paid on it: it is paid once a payment is recorded (cs-order import -P)
? 65
$ printf 'order_ref\ttxn\tamount\tpaid_at\nTB1001\tTXTB1\t59.90\t2026-11-23 09:00\n' | CS_AGENT=fin cs-order import -P
P5
$ cs-order status paid ref:TB1001
O4
$ cs-order status shipped O4
! cs-order: O4: shipping needs a tracking number (-t)
? 65
$ cs-order status -t SF1234567 shipped O4
O4
$ cs-order status paid O4
! cs-order: O4 is shipped: a goods order can go to received, returned
? 65
$ cs-order status frozen O4
! cs-order: goods orders have no status "frozen" (placed paid shipped received reviewed cancelled returned)
? 65
$ cs-order ls -o id,status,tracking -O O4
O4	shipped	SF1234567
$ cs-order history -o action,detail O4 | tail -n 1
order.status	{"from":"paid","to":"shipped","tracking":"SF1234567"}
$ echo ref:TB1001 | cs-order status received
O4
EOF

t 'customers: added, validated, shown masked, changed by pipe' <<'EOF'
$ cs-order customer add -N 王五 -p 13700137000 -i 11010519491231002X -e wangwu@example.com -t vip2 -n elderly,disabled -r passenger
C3
$ cs-order customer show C3
id       C3
name     王*
phone    137****7000
tier     vip2
needs    elderly,disabled
role     passenger
idcard   110105********002X
email    w***@example.com
created  2026-11-23 10:00
tickets  0
orders   0

activity
$ cs-order customer show -j C3 C1
{"id":"C3","name":"王*","phone":"137****7000","tier":"vip2","needs":"elderly,disabled","role":"passenger","idcard":"110105********002X","email":"w***@example.com","created":"2026-11-23T10:00:00+08:00","tickets":0,"orders":0,"tier_until":null,"activity":[]}
{"id":"C1","name":"张*","phone":"138****8000","tier":"standard","needs":null,"role":null,"idcard":null,"email":null,"created":"2026-11-23T10:00:00+08:00","tickets":0,"orders":3,"tier_until":null,"activity":[{"at":"2026-11-23T10:00:00+08:00","record":"O4","type":"order","status":"received","mark":null,"amount":"59.90","detail":"goods TB1001","currency":"CNY"},{"at":"2026-11-23T10:00:00+08:00","record":"O3","type":"order","status":"shipped","mark":null,"amount":"99.90","detail":"goods G1","currency":"CNY"},{"at":"2026-11-23T10:00:00+08:00","record":"O1","type":"order","status":"issued","mark":null,"amount":"204.95","detail":"rail E100","currency":"CNY"}]}
$ CS_AGENT=carol cs-order customer show -U tel:13700137000 | sed -n '2,3p;7,8p'
name     王五
phone    13700137000
idcard   11010519491231002X
email    wangwu@example.com
$ cs-order customer add -N 赵六 -p 13600136000 -i 110105194912310021
! cs-order: ID-card number: wrong check digit
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -i 110105194913310021
! cs-order: ID-card number: no such birth date
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -i 110105194902300020
! cs-order: ID-card number: no such birth date
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -i 110105202701010024
! cs-order: ID-card number: no such birth date
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -i 11010519491231002
! cs-order: ID-card number: not 18 characters
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -i 1101051949123100XX
! cs-order: ID-card number: the first 17 characters are not all digits
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -e 'not-an-address'
! cs-order: not-an-address: not an e-mail address
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -t gold
! cs-order: unknown tier "gold" (see tier in cs.conf)
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -n sleepy
! cs-order: special needs "sleepy": a list of elderly, pregnant, disabled
? 65
$ cs-order customer add -N 赵六 -p 13600136000 -r pilot
! cs-order: unknown role "pilot" (passenger driver buyer seller guest host)
? 65
$ cs-order customer add -N 赵六 -p 13700137000
! cs-order: 13700137000: another customer has this phone
? 65
$ cs-order customer ls -o id,tier | wc -l
3
$ cs-order customer ls -t vip2 | cs-order customer set -t enterprise -i ''
! cs-order: C3 is vip2, a membership: it ends when its term does, not by setting another tier
? 65
$ cs-order customer ls -t vip2 | cs-order customer set -t partner -n ''
! cs-order: C3 is vip2, a membership: it ends when its term does, not by setting another tier
? 65
$ cs-order customer ls -t vip2 | cs-order customer set -i ''
C3
$ cs-order customer ls -o id,tier,idcard -t vip2
C3	vip2	
$ cs-order customer set -t vip1 C99
! cs-order: C99: no such customer
? 66
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\ntier basic gold\n' > tiers.conf
$ cs-order -c tiers.conf customer set -t gold C1
C1
$ cs-order customer ls -o id,tier -C 2>&1 | head -n 2
cs-order: customer: unknown option -C
usage: cs-order customer add -N name -p phone [-i idcard] [-e email] [-t tier] [-n needs] [-r role]
$ cs-order ls -C 2>&1 | head -n 1
cs-order: ls: -C needs an argument
$ cs-order ls --frobnicate 2>&1 | head -n 1
cs-order: ls: unknown option --frobnicate
EOF

t 'check --stuck: orders in a state longer than the configured limit' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13800138000 -T TXE200 rail 88 E200
O5
$ CS_NOW='2026-11-23 10:29' cs-order check --stuck
$ CS_NOW='2026-11-23 10:31' cs-order check --stuck
O5	88.00	stuck:O5:1795399200	rail order paid for 31m (limit 30m)
$ printf 'agent-env yes\nclock-env replay\nagent alice role agent\nstuck rail paid 2h\n' > stuck.conf
$ CS_NOW='2026-11-23 10:31' cs-order -c stuck.conf check --stuck
$ printf 'stuck rail paid soon\n' > badstuck.conf
$ cs-order -c badstuck.conf check --stuck
! cs-order: badstuck.conf:1: usage: stuck KIND STATUS DURATION
? 78
EOF

t 'memberships: only ever upgraded, and an active one sets the tier' <<'EOF'
$ CS_AGENT=fin cs-order add -C 13900139000 -i vip2 -T TXM100 membership 258 M100
O6
$ cs-order status active ref:M100
O6
$ cs-order customer show tel:13900139000 | grep '^tier'
tier     vip2
$ cs-order add -C 13900139000 -i vip1 membership 98 M101
! cs-order: C2 is vip2: a membership is only upgraded, to vip3, partner, enterprise, never to vip1
? 65
$ cs-order add -C 13900139000 -i vip2 membership 258 M102
O7
$ cs-order add -C 13900139000 membership 258 M103
! cs-order: a membership order names the tier bought (item)
? 65
$ cs-order add -C 13900139000 -i gold membership 258 M103
! cs-order: unknown tier "gold" (see tier in cs.conf)
? 65
$ cs-order add -C 13900139000 -i vip2 goods 258 G103
! cs-order: item is only for membership orders
? 65
$ printf 'ref\tkind\tamount\tstatus\tcustomer_phone\titem\nM104\tmembership\t398\tactive\t13900139000\tvip3\n' | cs-order import
! cs-order: stdin:2: O8 active with nothing paid on record: import its payments (cs-order import -P)
O8
$ cs-order customer show tel:13900139000 | grep '^tier'
tier     vip3
$ cs-order ls -o ref,item,amount -k membership
M100	vip2	258.00
M102	vip2	258.00
M104	vip3	398.00
EOF

t 'a ticket can name an imported order by reference' <<'EOF'
$ cs-ticket new -C 13800138000 -O ref:E100 inquiry 重复扣款
T1
$ cs-ticket new -C 13900139000 -O ref:E100 inquiry 不是他的订单
! cs-ticket: ref:E100 belongs to C1, not to C2
? 65
$ cs-order show O1 | sed -n '/^tickets/,/^$/p'
tickets
  T1  open      inquiry     重复扣款

EOF

done_testing
