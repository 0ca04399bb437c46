#!/bin/sh
# A driver's or seller's own complaint names the order it served on, and
# a two-sided dispute opens from either side.
. "$(dirname "$0")/lib.sh"

t 'a driver complains about the ride served; disputes from both sides' <<'EOF'
$ cs-order customer add -q -N 张三 -p 13800138000 -r passenger
$ cs-order customer add -q -N 王师傅 -p 13900139000 -r driver
$ cs-order customer add -q -N 李四 -p 13700137000 -r passenger
$ cs-order add -q -C C1 -s completed ride 35 DD1
$ cs-ticket new -C tel:13900139000 -O ref:DD1 -k business complaint 乘客弄脏座椅
T1
$ cs-ticket new -C tel:13700137000 -O ref:DD1 inquiry 不是我的订单
! cs-ticket: ref:DD1 belongs to C1, not to C3
? 65
$ cs-ticket dispute open -P C3 T1
! cs-ticket: O1 is C1's order: the driver's counterparty is its customer
? 65
$ cs-ticket dispute open -P C1 T1
D1
$ cs-ticket new -C C1 -O ref:DD1 -k business complaint 司机绕路
T2
$ cs-ticket dispute open -P C2 T2
D2
$ cs-ticket dispute intervene -q -r 双方各执一词 D1
$ CS_AGENT=fin cs-refund advance D1 full
! cs-refund: D1 was brought by the provider: an advance is paid to the customer who paid
? 65
$ cs-order customer show C2 | sed -n '/^activity/,$p'
activity
  2026-11-23 10:00  T1       open          open                 complaint/business 乘客弄脏座椅
  2026-11-23 10:00  D2       opened        open                 by C1 on O1 for T2
  2026-11-23 10:00  D1       intervention  open                 against C1 on O1 for T1
  2026-11-23 10:00  E1       open          open                 arbitration T1 双方各执一词
EOF

done_testing
