#!/bin/sh
# cs-order customer show: the customer's whole picture; cs-refund ls -C.
. "$(dirname "$0")/lib.sh"

t 'customer show lists everything of the customer, newest first, open and overdue marked' <<'EOF'
$ cs-order customer add -N 张三 -p 13800138000 -t vip1 -n elderly
C1
$ cs-order customer add -N 好店 -p 13900139000 -r seller
C2
$ CS_AGENT=fin CS_NOW='2026-11-23 10:05' cs-order add -C C1 -T TX1 goods 99 TB1
O1
$ CS_NOW='2026-11-23 10:10' cs-ticket new -C C1 -O ref:TB1 -k quality complaint 商品破损
T1
$ CS_NOW='2026-11-23 10:20' cs-ticket dispute open -P C2 T1
D1
$ CS_NOW='2026-11-23 10:30' cs-refund request -r compensation ref:TB1 30
R1
$ CS_NOW='2026-11-23 10:40' cs-refund grant add -t coupon -r goodwill C1 10
G1
$ CS_NOW='2026-11-23 10:50' cs-ticket new -C C1 inquiry 会员权益
T2
$ CS_NOW='2026-11-23 10:55' cs-ticket resolve -q T2
$ CS_NOW='2026-11-23 11:00' cs-escalate raise -q -l 1 -r 买家投诉 T1
$ CS_NOW='2026-11-23 11:10' cs-escalate incident open -q -s high -D tech 支付故障
$ CS_NOW='2026-11-23 11:15' cs-escalate incident link -q N1 T1
$ CS_NOW='2026-11-24 18:00' cs-order customer show C1
id       C1
name     张*
phone    138****8000
tier     vip1
needs    elderly
created  2026-11-23 10:00
tickets  2
orders   1

activity
  2026-11-23 11:10  N1       open          open                 high 支付故障
  2026-11-23 11:00  E1       open          overdue              level 1 T1 买家投诉
  2026-11-23 10:50  T2       resolved                           inquiry 会员权益
  2026-11-23 10:40  G1       approved                    10.00  coupon goodwill
  2026-11-23 10:30  R1       approved      open          30.00  O1 compensation
  2026-11-23 10:20  D1       opened        open                 against C2 on O1 for T1
  2026-11-23 10:10  T1       open          overdue              complaint/quality 商品破损
  2026-11-23 10:05  O1       paid          open          99.00  goods TB1
$ CS_NOW='2026-11-24 18:00' cs-order customer show -j tel:13900139000
{"id":"C2","name":"好*","phone":"139****9000","tier":"standard","needs":null,"role":"seller","idcard":null,"email":null,"created":"2026-11-23T10:00:00+08:00","tickets":0,"orders":0,"tier_until":null,"activity":[{"at":"2026-11-23T10:20:00+08:00","record":"D1","type":"dispute","status":"opened","mark":"open","amount":null,"detail":"by C1 on O1 for T1","currency":null}]}
$ cs-refund ls -C tel:13800138000 -o id,order,amount,status
R1	O1	30.00	approved
$ cs-refund ls -C C2
$ cs-refund ls -C C9
! cs-refund: C9: no such customer
? 66
EOF

done_testing
